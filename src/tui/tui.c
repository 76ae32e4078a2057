/* The console's main loop: terminal set-up and restore on every exit path,
 * the view stack, keys to actions, resizing, and noticing other users'
 * changes (PRAGMA data_version, polled about once a second). */
#include "tui.h"

#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "sitrep/edit.h"
#include "sitrep/util.h"

#define MIN_COLS 40
#define MIN_ROWS 10
#define POLL_MS 1000

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ---- colours ----------------------------------------------------------*/

static const struct {
	short fg, bg;
	int attr, mono;
} roles[] = {
#define ROLE_INFO(r, fg, bg, attr, mono) {fg, bg, attr, mono},
	ROLE_TABLE(ROLE_INFO)
#undef ROLE_INFO
};

static bool want_colour(void)
{
	const char *no = getenv("NO_COLOR");

	return !(no && *no) && has_colors();
}

static void init_roles(struct tui *t)
{
	t->colour = want_colour();
	if (!t->colour)
		return;
	start_color();
	use_default_colors();
	for (int r = 1; r < ROLE_COUNT; r++)
		init_pair((short)r, roles[r].fg, roles[r].bg);
}

int tui_attr(const struct tui *t, enum role r)
{
	if (!t->colour)
		return roles[r].mono;
	return r == ROLE_NORMAL ? 0 : (int)COLOR_PAIR(r) | roles[r].attr;
}

int tui_level_attr(const struct tui *t, int level)
{
	static const enum role level_role[] = {
		ROLE_NORMAL, ROLE_OPEL1, ROLE_OPEL2, ROLE_OPEL3, ROLE_OPEL4,
	};

	if (level < 0 || level > 4)
		level = 0;
	return tui_attr(t, level_role[level]);
}

/* ---- messages and layout ----------------------------------------------*/

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof(t->message), fmt, ap);
	va_end(ap);
	t->message_error = error;
}

static void layout(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	t->body_top = 1;
	t->body_rows = t->rows - 2;
}

/* The title: the system and today, or the earlier moment shown, marked
 * read-only where it cannot be missed. */
static void draw_title(struct tui *t)
{
	char left[160], day[DATE_BUF];
	int attr = tui_attr(t, ROLE_TITLE);
	int right = 0;

	date_format(t->today, day);
	snprintf(left, sizeof(left), " sitrep  %s  %s", t->cfg->system_name,
		 day);
	tui_fill(t, 0, 0, attr);
	if (t->past) {
		char label[48], badge[96];
		int lw, bw, x;

		tui_moment_label(t, label, sizeof(label));
		snprintf(left, sizeof(left), " sitrep  %s ",
			 t->cfg->system_name);
		snprintf(badge, sizeof(badge), " %s %s read-only ", label,
			 t->utf8 ? "\u00b7" : "-");
		lw = tui_width(left);
		bw = tui_width(badge);
		/* The badge after the name, or over its end when narrow. */
		x = lw + bw <= t->cols ? lw : t->cols > bw ? t->cols - bw : 0;
		tui_text(t, 0, 0, t->cols, left, attr, false);
		tui_text(t, 0, x, bw < t->cols - x ? bw : t->cols - x, badge,
			 tui_attr(t, ROLE_PRIVACY), false);
		if (t->privacy && x + bw + 9 <= t->cols)
			tui_text(t, 0, t->cols - 9, 9, " PRIVACY ",
				 tui_attr(t, ROLE_PRIVACY), false);
		return;
	}
	tui_text(t, 0, 0, t->cols, left, attr, false);
	if (t->privacy) {
		right = 9;
		if (t->cols > right + 20)
			tui_text(t, 0, t->cols - right, right, " PRIVACY ",
				 tui_attr(t, ROLE_PRIVACY), false);
	}
}

/* Whether the hint's part p (n bytes) is for a key the user's roles can
 * use somewhere. */
static bool hint_part_ours(const struct tui *t,
			   const struct tui_hint_need *needs, const char *p,
			   size_t n)
{
	for (; needs && needs->part; needs++)
		if (strlen(needs->part) == n && memcmp(needs->part, p, n) == 0)
			return access_may_somewhere(&t->acc, needs->need);
	return true;
}

/* The view's hint, " " before it, without the parts for keys the user's
 * roles cannot use (the help shows those dimmed, with why). */
static void role_hint(const struct tui *t, const struct view_ops *ops,
		      char *out, size_t size)
{
	const char *p = ops->hint;
	size_t len = 0;

	out[0] = '\0';
	while (*p) {
		const char *end = strstr(p, "  ");
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (hint_part_ours(t, ops->hint_needs, p, n) &&
		    len + n + 2 < size) {
			memcpy(out + len, len ? "  " : " ", len ? 2 : 1);
			len += len ? 2 : 1;
			memcpy(out + len, p, n);
			len += n;
			out[len] = '\0';
		}
		p += n;
		while (*p == ' ')
			p++;
	}
}

static void draw_status(struct tui *t)
{
	int y = t->rows - 1;
	char hint[160];

	if (t->message[0]) {
		int attr = tui_attr(t, t->message_error ? ROLE_ERROR :
							  ROLE_STATUS);

		tui_fill(t, y, 0, attr);
		tui_text(t, y, 0, t->cols, t->message, attr, false);
		return;
	}
	tui_fill(t, y, 0, tui_attr(t, ROLE_STATUS));
	if (t->top->ops->hint) {
		role_hint(t, t->top->ops, hint, sizeof(hint));
	} else {
		char help[16];

		tui_key_label(ACT_HELP, help, sizeof(help));
		snprintf(hint, sizeof(hint), " %s help  q back", help);
	}
	tui_text(t, y, 0, t->cols, hint, tui_attr(t, ROLE_STATUS), false);
}

static void draw(struct tui *t)
{
	erase();
	layout(t);
	if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
		mvaddnstr(0, 0, "window too small", t->cols);
		if (t->rows > 1)
			mvaddnstr(1, 0, "(40x10 at least)", t->cols);
		move(0, 0);
		refresh();
		return;
	}
	t->top->cursor_y = -1;
	t->top->cursor_x = 0;
	draw_title(t);
	t->top->ops->draw(t->top, t);
	draw_status(t);
	if (t->top->cursor_y >= 0)
		move(t->top->cursor_y, t->top->cursor_x);
	refresh();
}

void tui_redraw(struct tui *t)
{
	draw(t);
}

/* ---- the view stack ---------------------------------------------------*/

/* A view's load, in one read transaction: every figure, count and row of a
 * screen comes from one snapshot of the database (a view may begin its own
 * inside; they nest). Never held while the console waits for a key. */
static enum sr_status load_view(struct view *v, struct tui *t,
				struct sr_error *err)
{
	enum sr_status s;

	if (!v->ops->load)
		return SR_OK;
	if ((s = store_read_begin(t->st, err)) != SR_OK)
		return s;
	s = v->ops->load(v, t, err);
	store_read_end(t->st);
	return s;
}

enum sr_status tui_push(struct tui *t, const struct view_ops *ops,
			void *state)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct sr_error err = {0};

	v->ops = ops;
	v->state = state;
	v->below = t->top;
	t->top = v;
	if (load_view(v, t, &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		t->top = v->below;
		if (ops->close)
			ops->close(v);
		free(v);
		return err.status;
	}
	return SR_OK;
}

static void pop(struct tui *t)
{
	struct view *v = t->top;

	t->top = v->below;
	if (v->ops->close)
		v->ops->close(v);
	free(v);
}

static void reload(struct tui *t, struct view *v)
{
	struct sr_error err = {0};

	if (load_view(v, t, &err) != SR_OK)
		tui_message(t, true, "%s", err.msg);
}

void tui_reload_all(struct tui *t)
{
	for (struct view *w = t->top; w; w = w->below)
		reload(t, w);
}

/* Another user committed: every view on the stack reloads, keeping its
 * selection (views keep the selected stay or site, not a row number). */
static void poll_changes(struct tui *t)
{
	long long v = store_data_version(t->st);
	sr_day today = date_today();

	if (today != t->today) {
		t->today = today;
		t->data_version = -2; /* a new day: everything moves */
	}
	if (v == t->data_version)
		return;
	t->data_version = v;
	for (struct view *w = t->top; w; w = w->below)
		reload(t, w);
	draw(t);
}

/* ---- the terminal -----------------------------------------------------*/

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

static bool start_terminal(struct sr_error *err)
{
	const char *term = getenv("TERM");
	static const char *const fallbacks[] = {"xterm-256color", "xterm",
						 "vt100"};
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		sr_fail(err, SR_EUNSUPPORTED,
			"the console needs a terminal; for scripts use "
			"'sitrep report' and the other commands");
		return false;
	}
	if (term && strcmp(term, "dumb") != 0 &&
	    (scr = newterm(NULL, stdout, stdin)))
		goto ok;
	for (size_t i = 0; i < ARRAY_SIZE(fallbacks); i++) {
		if ((scr = newterm(fallbacks[i], stdout, stdin))) {
			fprintf(stderr, "sitrep: terminal type '%s' is not "
				"usable here; using %s\n", term ? term : "",
				fallbacks[i]);
			setenv("TERM", fallbacks[i], 1);
			sleep(1);
			goto ok;
		}
	}
	sr_fail(err, SR_EUNSUPPORTED,
		"terminal type '%s' is unknown and no fallback works; set "
		"TERM (e.g. TERM=xterm)", term ? term : "");
	return false;
ok:
	set_term(scr);
	die_hook = restore_terminal;
	return true;
}

/* ^S saves the form: take it from the terminal's flow control (IXON), and
 * let curses restore the user's setting on the way out. */
static void allow_ctrl_s(void)
{
	struct termios tio;

	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	}
	def_prog_mode();
}

static void setup_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Returns whether the user's own locale is UTF-8 (so the terminal shows
 * block characters); switches to a UTF-8 locale anyway, since names are
 * UTF-8 and must be measured and shown as such. */
static bool ensure_utf8_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = setlocale(LC_CTYPE, NULL);
	if (cs && (strstr(cs, "UTF-8") || strstr(cs, "utf8")))
		return true;
	/* Names are UTF-8: without a UTF-8 locale they cannot be shown. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.utf8");
	return false;
}

bool tui_interrupted(void)
{
	return got_signal != 0;
}

static bool any_unsaved(struct tui *t)
{
	for (struct view *v = t->top; v; v = v->below)
		if (v->ops->unsaved && v->ops->unsaved(v))
			return true;
	return false;
}

static void draw_quit_question(struct tui *t)
{
	int y = t->rows - 1, attr = tui_attr(t, ROLE_ERROR);

	tui_fill(t, y, 0, attr);
	tui_text(t, y, 0, t->cols, "^C: quit sitrep and lose your unsaved "
		 "changes? y: quit  n: keep editing", attr, false);
	move(y, t->cols > 1 ? t->cols - 1 : 0);
	refresh();
}

bool tui_must_end(struct tui *t, bool typed)
{
	if (!got_signal)
		return false;
	if (got_signal != SIGINT || t->quitting)
		return true;
	if (!any_unsaved(t) &&
	    !(typed && t->top && t->top->ops->unsaved)) {
		t->quitting = true;
		return true;
	}
	got_signal = 0;
	for (;;) {
		wint_t ch;
		int rc;

		draw_quit_question(t);
		rc = tui_get_key(&ch);
		if (rc == ERR) {
			if (got_signal == SIGINT)
				got_signal = 0; /* ^C again: still asking */
			else if (got_signal)
				return true;
			continue;
		}
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_RESIZE)
				draw(t);
			continue;
		}
		if (ch == 'y' || ch == 'Y') {
			t->quitting = true;
			got_signal = SIGINT;
			return true;
		}
		if (ch == 'n' || ch == 'N' || ch == 27) {
			tui_message(t, false, "not quitting: your changes are "
				    "still here, not saved yet");
			return false;
		}
	}
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* How long to wait for the next byte of an escape sequence. curses has
 * already waited ESCDELAY for the sequences it knows; this is for those it
 * does not, whose bytes are then at hand. */
#define ESC_SEQ_MS 50

static int read_within(wint_t *ch, int ms)
{
	int rc;

	timeout(ms);
	rc = get_wch(ch);
	timeout(POLL_MS);
	return rc;
}

/* An Esc curses returned as such: the Esc key alone, or the start of a
 * sequence it did not decode (PuTTY's and tmux's Home ESC[1~, End ESC[4~,
 * F1 ESC[11~ under TERM=xterm-256color), or Alt with a key. Reads the rest
 * of the sequence: a known one becomes its KEY_* code; anything else is
 * ignored (ERR), for a key must never act as Esc and quit by accident.
 * Esc Esc is Esc. */
static int read_escape(wint_t *ch)
{
	unsigned char seq[TUI_ESC_MAX + 1];
	bool alt = false;
	size_t n = 0;

	for (;;) {
		wint_t c;
		int rc = read_within(&c, ESC_SEQ_MS), key;

		if (got_signal)
			return ERR;
		if (rc == ERR) {
			if (n > 0)
				return ERR; /* cut short: ignored */
			*ch = 27;
			return OK;
		}
		if (rc == KEY_CODE_YES || c >= 0x80)
			return ERR; /* Alt with a key */
		if (c == 27 && n == 0 && !alt) {
			alt = true;
			continue;
		}
		seq[n++] = (unsigned char)c;
		switch (tui_escape_decode(seq, n, &key)) {
		case TUI_ESC_MORE:
			if (n < sizeof(seq))
				continue;
			return ERR;
		case TUI_ESC_KEY:
			if (alt)
				return ERR; /* Alt with Home, say */
			*ch = (wint_t)key;
			return KEY_CODE_YES;
		case TUI_ESC_UNKNOWN:
		default:
			return ERR;
		}
	}
}

int tui_get_key(wint_t *ch)
{
	static int quick_errors;
	long long start = now_ms();
	int rc = get_wch(ch);

	if (rc == OK && *ch == 27)
		return read_escape(ch);
	if (rc != ERR) {
		quick_errors = 0;
		return rc;
	}
	if (!got_signal) {
		/* A dropped SSH link may leave no SIGHUP, only a terminal
		 * that answers every read at once. Notice it either by
		 * poll() or by reads that keep failing without waiting for
		 * the timeout, or the loop would spin. */
		struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

		if (poll(&p, 1, 0) > 0 &&
		    (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
			got_signal = SIGHUP;
		else if (now_ms() - start < POLL_MS / 10)
			quick_errors++;
		else
			quick_errors = 0;
		if (quick_errors >= 50)
			got_signal = SIGHUP;
	}
	return rc;
}

/* Reads one key, waiting at most POLL_MS; false on timeout. */
static bool read_key(wint_t *ch, bool *is_key)
{
	int rc = tui_get_key(ch);

	if (rc == ERR)
		return false;
	*is_key = rc == KEY_CODE_YES;
	return true;
}

int tui_action_access(enum action a)
{
	switch (a) {
	case ACT_EDIT:
	case ACT_SAVE:
		return AA_EDIT_STAY;
	case ACT_MARK_GREEN:
	case ACT_MARK_RED:
	case ACT_MARK_CLEAR:
		return AA_MARK_DAY;
	case ACT_DECLARE:
		return AA_DECLARE_SITE;
	case ACT_PRIVACY:
		return AA_IDENTIFIERS;
	default:
		return -1;
	}
}

bool tui_role_may(const struct tui *t, enum action a, char *why,
		  size_t size)
{
	int need = tui_action_access(a);

	if (need < 0 || a == ACT_PRIVACY) /* privacy: locked on instead */
		return true;
	return access_allows(&t->acc, (enum access_action)need, NULL, NULL,
			     NULL, why, size);
}

static int dispatch(struct tui *t, wint_t ch, bool is_key)
{
	enum action a;

	if (is_key && ch == KEY_RESIZE)
		return TUI_REDRAW;
	if (is_key && ch == KEY_MOUSE) {
		MEVENT ev;

		if (getmouse(&ev) == OK && t->top->ops->click &&
		    (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
			return t->top->ops->click(t->top, t, ev.y, ev.x);
		return 0;
	}
	t->message[0] = '\0';
	a = tui_action_for(ch, is_key);
	/* Views that take text see plain characters first. */
	if (!is_key && a != ACT_OPEN && a != ACT_BACK) {
		int r = t->top->ops->key(t->top, t, ACT_NONE, ch);

		if (r >= 0)
			return r;
	}
	/* An earlier moment shown: nothing is changed from it. */
	if (t->past && (a == ACT_EDIT || a == ACT_MARK_GREEN ||
			a == ACT_MARK_RED || a == ACT_MARK_CLEAR ||
			a == ACT_DECLARE || a == ACT_SAVE) &&
	    tui_read_only(t))
		return TUI_REDRAW;
	/* A key the user's role cannot use anywhere: refused here, the edit
	 * layer's words (the edit layer checks each change as well). */
	{
		char why[512];

		if (!tui_role_may(t, a, why, sizeof(why))) {
			tui_message(t, true, "%s", why);
			return TUI_REDRAW;
		}
	}
	switch (a) {
	case ACT_GOTO:
		/* From the views that show a moment (and their help). */
		for (struct view *v = t->top; v; v = v->below) {
			if (v->ops == &help_view)
				continue;
			if (v->ops != &board_view && v->ops != &dtoc_view &&
			    strcmp(v->ops->name, "list") != 0) {
				tui_message(t, true, "go to a date or time "
					    "from the board, a list or the "
					    "DTOC review");
				return TUI_REDRAW;
			}
			break;
		}
		return tui_goto(t);
	case ACT_QUIT:
		/* A view on top of unsaved changes (help over the form): Q
		 * never drops them unasked; the form itself asks. */
		if (any_unsaved(t)) {
			tui_message(t, true, "unsaved changes below: q to go "
				    "back to them, then save or discard");
			return TUI_REDRAW;
		}
		return TUI_QUIT;
	case ACT_PRIVACY:
		if (t->privacy_locked) {
			tui_message(t, true, "privacy mode stays on: your "
				    "role may not see names, MRNs or NHS "
				    "numbers");
			return TUI_REDRAW;
		}
		t->privacy = !t->privacy;
		tui_message(t, false, "privacy mode %s",
			    t->privacy ? "on: initials, masked MRNs and NHS numbers"
				       : "off");
		return TUI_REDRAW;
	case ACT_REFRESH:
		clearok(curscr, TRUE);
		return TUI_RELOAD;
	case ACT_HELP:
		if (t->top->ops == &help_view)
			return TUI_POP;
		tui_push(t, &help_view, NULL);
		return TUI_REDRAW;
	default:
		break;
	}
	return t->top->ops->key(t->top, t, a, ch);
}

static void run_loop(struct tui *t)
{
	draw(t);
	for (;;) {
		wint_t ch;
		bool is_key;
		int r;

		if (got_signal) {
			if (tui_must_end(t, false))
				break;
			draw(t);
			continue;
		}
		if (t->top->ops->idle && t->top->ops->idle(t->top, t)) {
			draw(t);
			continue;
		}
		if (!read_key(&ch, &is_key)) {
			if (!got_signal)
				poll_changes(t);
			continue;
		}
		r = dispatch(t, ch, is_key);
		if (r < 0)
			r = 0;
		if (r & TUI_QUIT)
			break;
		if (r & TUI_POP) {
			if (!t->top->below)
				break;
			pop(t);
			r |= TUI_RELOAD;
		}
		if (r & TUI_RELOAD)
			reload(t, t->top);
		if (r & (TUI_REDRAW | TUI_RELOAD | TUI_POP))
			draw(t);
	}
}

enum sr_status tui_run(struct store *st, const struct config *cfg,
		       struct sr_error *err)
{
	struct tui t = {.st = st, .cfg = cfg};
	struct edit_ctx who;
	enum sr_status s;

	/* A role that may not see identifiers (a viewer) has privacy mode
	 * on for good. */
	edit_ctx_init(&who, NULL, cfg);
	t.acc = who.acc;
	t.privacy_locked = !access_allows(&who.acc, AA_IDENTIFIERS, NULL, NULL,
					  NULL, NULL, 0);
	t.privacy = t.privacy_locked;

	t.utf8 = ensure_utf8_locale();
	if (!start_terminal(err))
		return err->status;
	setup_signals();
	cbreak(); /* ^C stays a signal */
	noecho();
	nonl();
	allow_ctrl_s();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	timeout(POLL_MS);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	/* A press selects at once: no waiting mouseinterval (1/6 s) to tell
	 * a click from a press, during which a key typed next could be read
	 * before the click and act on the old selection. */
	mouseinterval(0);
	init_roles(&t);
	curs_set(1);
	t.today = date_today();
	t.data_version = store_data_version(st);
	layout(&t);
	if ((s = tui_push(&t, &board_view, NULL)) == SR_OK)
		run_loop(&t);
	else if (s == SR_EBUSY)
		sr_fail(err, s, "%s (the database is busy: another program "
			"holds it; try again in a moment)", t.message);
	else
		sr_fail(err, s, "%s", t.message);
	while (t.top)
		pop(&t);
	free(t.call_done);
	restore_terminal();
	die_hook = NULL;
	if (got_signal && err->status == SR_OK)
		return sr_fail(err, SR_EIO, "stopped by signal %d",
			       (int)got_signal);
	return err->status == SR_OK ? SR_OK : err->status;
}
