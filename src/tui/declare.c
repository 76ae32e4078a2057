/* Declaring an OPEL level: a dialog over the view below that shows the
 * site's (or the system's) computed level with the metrics that drove it
 * (under the 2024-26 scoring, the score and the parameters that scored)
 * and the level declared now, lets the bed manager pick a level, asks for a
 * note (required), and records the declaration with who and when. "e"
 * enters a figure sitrep cannot compute (an OPEL input: ED, ambulance) for
 * the site or the system, measured now or at a time given, and shows the
 * level computed again with it. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/edit.h"
#include "sitrep/metrics.h"
#include "sitrep/text.h"
#include "sitrep/util.h"

#define BOX_W 76
#define BOX_H_MIN 8 /* site, computed, declared, blank, level, keys, frame */
#define BOX_H 9     /* ... with the drivers over two lines */

struct declare {
	char site[32];   /* a site code or STORE_SYSTEM */
	char what[160];  /* "SFT Salisbury NHS Foundation Trust" */
	char short_name[32]; /* "SFT" or "system", for messages */
	int computed;
	char why[320];
	int declared;    /* in force now; 0: none */
	char declared_line[320];
	int level;       /* the one to declare */
};

/* Words for each level, so a level never rests on colour. */
static const char *const level_words[] = {
	"", "steady state", "moderate pressure", "severe pressure",
	"extreme pressure",
};

/* Under the highest rule, the sites at the system's level; under the
 * beds-weighted rule, every site's level. */
static void system_why(const struct tui *t, const struct system_metrics *m,
		       char *buf, size_t size)
{
	bool highest = t->cfg->opel.system_rule == SYSTEM_RULE_HIGHEST;
	int len;

	if (t->cfg->opel.scoring == SYSTEM_SCORING_SCORES) {
		/* The pillars' scores: the system's, then each site's. */
		len = snprintf(buf, size, "score %.1f from the sites' scores:",
			       m->score);
		for (size_t i = 0; i < m->nsites && len > 0 &&
				   (size_t)len < size; i++)
			len += snprintf(buf + len, size - (size_t)len,
					" %s %g,", m->sites[i].site->code,
					m->sites[i].opel.score);
		if (len > 0 && (size_t)len < size && buf[len - 1] == ',')
			buf[len - 1] = '\0';
		return;
	}
	len = snprintf(buf, size, "the %s of the sites' levels:",
		       system_rule_label(t->cfg->opel.system_rule));

	for (size_t i = 0; i < m->nsites && len > 0 && (size_t)len < size;
	     i++) {
		if (highest && m->sites[i].opel.level != m->level)
			continue;
		len += snprintf(buf + len, size - (size_t)len, " %s %d,",
				m->sites[i].site->code,
				m->sites[i].opel.level);
	}
	if (len > 0 && (size_t)len < size && buf[len - 1] == ',')
		buf[len - 1] = '\0';
}

static void describe_declared(struct declare *dc, int level, const char *by,
			      const char *at, const char *note)
{
	dc->declared = level;
	if (!level) {
		snprintf(dc->declared_line, sizeof(dc->declared_line),
			 "Declared: none in force today");
		return;
	}
	snprintf(dc->declared_line, sizeof(dc->declared_line),
		 "Declared: OPEL %d (%s) by %s at %.10s %.5s%s%s", level,
		 level_words[level], by, at, strlen(at) > 11 ? at + 11 : "",
		 note && *note ? ": " : "", note ? note : "");
}

static enum sr_status declare_load(struct view *v, struct tui *t,
				   struct sr_error *err)
{
	struct declare *dc = v->state;
	bool system = strcmp(dc->site, STORE_SYSTEM) == 0;
	struct system_metrics m;
	enum sr_status s;

	s = metrics_compute(t->st, t->cfg, t->today, system ? NULL : dc->site,
			    &m, err);
	if (s != SR_OK)
		return s;
	if (system) {
		snprintf(dc->what, sizeof(dc->what), "the system (%s)",
			 t->cfg->system_name);
		snprintf(dc->short_name, sizeof(dc->short_name), "system");
		dc->computed = m.level;
		system_why(t, &m, dc->why, sizeof(dc->why));
		describe_declared(dc, m.declared, m.declared_by,
				  m.declared_at, m.declared_note);
	} else {
		const struct site_metrics *sm = &m.sites[0];
		char unknown[160];
		size_t used;

		snprintf(dc->what, sizeof(dc->what), "%s %s", sm->site->code,
			 sm->site->name);
		snprintf(dc->short_name, sizeof(dc->short_name), "%s",
			 sm->site->code);
		dc->computed = sm->opel.level;
		opel_explain(&t->cfg->opel.kind[sm->site->kind], sm->value,
			     &sm->opel, dc->why, sizeof(dc->why));
		/* Under the points scoring, which figures are missing. */
		opel_unknown(&t->cfg->opel.kind[sm->site->kind], &sm->opel,
			     unknown, sizeof(unknown));
		used = strlen(dc->why);
		if (unknown[0])
			snprintf(dc->why + used, sizeof(dc->why) - used,
				 ": %s", unknown);
		describe_declared(dc, sm->declared, sm->declared_by,
				  sm->declared_at, sm->declared_note);
	}
	if (dc->level < OPEL_LEVEL_MIN || dc->level > OPEL_LEVEL_MAX)
		dc->level = dc->declared ? dc->declared : dc->computed;
	if (dc->level < OPEL_LEVEL_MIN || dc->level > OPEL_LEVEL_MAX)
		dc->level = OPEL_LEVEL_MIN;
	metrics_free(&m);
	return SR_OK;
}

/* "Level:  1  2 [3]  4   severe pressure" */
static void draw_picker(struct tui *t, const struct declare *dc, int y,
			int x, int w)
{
	int end = x + w;

	tui_text(t, y, x, 7, "Level:", ATTR_BOLD, false);
	x += 7;
	for (int l = OPEL_LEVEL_MIN; l <= OPEL_LEVEL_MAX && x + 4 <= end;
	     l++) {
		char cell[8];
		bool on = l == dc->level;

		snprintf(cell, sizeof(cell), on ? "[%d]" : " %d ", l);
		tui_text(t, y, x, 3, cell,
			 on ? tui_attr(t, ROLE_SELECTED) | ATTR_BOLD
			    : tui_level_attr(t, l), false);
		tui_text(t, y, x + 3, 1, "", ATTR_NORMAL, false);
		x += 4;
	}
	if (x < end)
		tui_text(t, y, x + 1, end - x - 1, level_words[dc->level],
			 tui_level_attr(t, dc->level) | ATTR_BOLD, false);
}

/* The byte length of the longest prefix of s that fits width columns,
 * ending after a space when there is one, never inside a character. */
static size_t fit_prefix(const char *s, int width)
{
	size_t n = strlen(s), fits = text_fit(s, width, TEXT_ESCAPE, NULL);
	size_t space = 0;

	if (fits == n)
		return n;
	for (size_t i = 0; i < fits; i++)
		if (s[i] == ' ')
			space = i + 1;
	return space ? space : fits;
}

static void draw_frame(struct tui *t, int y, int x, int h, int w)
{
	attrset(A_NORMAL);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	tui_text(t, y, x + 2, w - 4 < 20 ? w - 4 : 20, " Declare OPEL level ",
		 ATTR_BOLD, false);
}

static void declare_draw(struct view *v, struct tui *t)
{
	struct declare *dc = v->state;
	int w = t->cols < BOX_W ? t->cols : BOX_W;
	int h, x = (t->cols - w) / 2, y, iw = w - 4, row, last;
	char computed[400], line[400];
	struct view *below = v->below;

	/* The view below shows through around the dialog. */
	if (below && below->ops->draw && below->ops != v->ops) {
		below->ops->draw(below, t);
		v->cursor_y = -1;
	}
	snprintf(computed, sizeof(computed), "Computed: OPEL %d (%s): %s",
		 dc->computed, level_words[dc->computed], dc->why);
	/* A second line for the drivers when they need it and there is
	 * room. */
	h = tui_width(computed) > iw ? BOX_H : BOX_H_MIN;
	if (h > t->body_rows)
		h = t->body_rows;
	if (h < 3 || w < 10)
		return;
	y = t->body_top + (t->body_rows - h) / 2;
	for (int i = 0; i < h; i++)
		tui_text(t, y + i, x, w, "", ATTR_NORMAL, false);
	draw_frame(t, y, x, h, w);
	/* What fits inside, most needed first when short. */
	row = y + 1;
	last = y + h - 2;
	snprintf(line, sizeof(line), "For %s", dc->what);
	tui_text(t, row++, x + 2, iw, line, ATTR_BOLD, false);
	if (h >= BOX_H_MIN) {
		int attr = tui_level_attr(t, dc->computed);

		if (h > BOX_H_MIN) {
			size_t cut = fit_prefix(computed, iw);

			memcpy(line, computed, cut);
			line[cut] = '\0';
			tui_text(t, row++, x + 2, iw, line, attr, false);
			tui_text(t, row++, x + 4, iw - 2, computed + cut, attr,
				 false);
		} else {
			tui_text(t, row++, x + 2, iw, computed, attr, false);
		}
		tui_text(t, row++, x + 2, iw, dc->declared_line,
			 dc->declared ? tui_level_attr(t, dc->declared)
				      : ATTR_NORMAL, false);
		row++;
	}
	if (row <= last) {
		draw_picker(t, dc, row, x + 2, iw);
		v->cursor_y = row;
		v->cursor_x = x + 2 + 7 + (dc->level - 1) * 4 + 1;
		row++;
	}
	if (row <= last)
		tui_text(t, row, x + 2, iw, iw >= 70 ?
			 "Enter: note and declare   Left/Right or 1-4: level   "
			 "e: enter a figure" : iw >= 50 ?
			 "Enter declare  1-4 level  e figure  Esc cancel" :
			 "Enter declare  1-4 level  Esc cancel",
			 tui_attr(t, ROLE_DIM), false);
}

static int declare_confirm(struct declare *dc, struct tui *t)
{
	char note[EDIT_OPEL_NOTE_MAX + 1] = "", question[96];
	struct sr_error err = {0};
	struct edit_ctx ctx;

	snprintf(question, sizeof(question), "Note for OPEL %d, %s:",
		 dc->level, dc->short_name);
	if (!tui_prompt(t, question, note, sizeof(note))) {
		tui_message(t, false, "not declared");
		return TUI_REDRAW;
	}
	/* The same checks as the command line's: edit_opel_declare. */
	edit_ctx_init(&ctx, t->st, t->cfg);
	if (edit_opel_declare(&ctx, strcmp(dc->site, STORE_SYSTEM) ? dc->site :
			      NULL, dc->level, note, &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	tui_message(t, false, "declared OPEL %d for %s", dc->level,
		    dc->short_name);
	return TUI_POP;
}

/* "e": a figure sitrep cannot compute, for a parameter with source
 * input, asked for in three prompts (which, its value, when measured),
 * checked and recorded as the command line's `opel input` is. */
static int declare_input(struct declare *dc, struct tui *t)
{
	bool system = strcmp(dc->site, STORE_SYSTEM) == 0;
	const char *site = system ? NULL : dc->site;
	char names[256], question[400], param[OPEL_PARAM_NAME_MAX + 1] = "";
	char value[32] = "", at[32] = "", when[20];
	struct sr_error err = {0};
	struct opel_input in;
	struct edit_ctx ctx;

	edit_opel_input_names(t->cfg, site, names, sizeof(names));
	if (!names[0]) {
		tui_message(t, true, "no OPEL figure to enter for %s (the "
			    "config gives no parameter with source input)",
			    dc->short_name);
		return TUI_REDRAW;
	}
	snprintf(question, sizeof(question), "Figure for %s (%s):",
		 dc->short_name, names);
	if (!tui_prompt(t, question, param, sizeof(param)) || !param[0]) {
		tui_message(t, false, "nothing entered");
		return TUI_REDRAW;
	}
	/* A parameter that is not an input is said before its value is
	 * asked for. */
	edit_ctx_init(&ctx, t->st, t->cfg);
	if (edit_opel_input_check(&ctx, site, param, "0", NULL, &in, when,
				  &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	snprintf(question, sizeof(question), "Value of %s:", param);
	if (!tui_prompt(t, question, value, sizeof(value))) {
		tui_message(t, false, "nothing entered");
		return TUI_REDRAW;
	}
	if (!tui_prompt(t, "Measured at (Enter: now; HH:MM today; or a date "
			"and time):", at, sizeof(at))) {
		tui_message(t, false, "nothing entered");
		return TUI_REDRAW;
	}
	/* A time of day alone is today's. */
	if (strlen(at) <= 5 && strchr(at, ':') &&
	    strspn(at, "0123456789:") == strlen(at)) {
		char day[DATE_BUF];

		date_format(t->today, day);
		snprintf(when, sizeof(when), "%s %.5s", day, at);
		strlcpy_ok(at, when, sizeof(at));
	}
	/* The same checks as the command line's: edit_opel_input. */
	edit_ctx_init(&ctx, t->st, t->cfg);
	if (edit_opel_input(&ctx, site, param, value, at, NULL, &err) !=
	    SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	tui_message(t, false, "%s for %s entered: %s", param, dc->short_name,
		    value);
	return TUI_RELOAD;
}

static int declare_key(struct view *v, struct tui *t, enum action a,
		       wint_t ch)
{
	struct declare *dc = v->state;

	switch (a) {
	case ACT_NONE:
		if (ch >= '0' + OPEL_LEVEL_MIN && ch <= '0' + OPEL_LEVEL_MAX) {
			dc->level = (int)(ch - '0');
			return TUI_REDRAW;
		}
		return -1;
	case ACT_LEFT:
		if (dc->level > OPEL_LEVEL_MIN)
			dc->level--;
		return TUI_REDRAW;
	case ACT_RIGHT:
		if (dc->level < OPEL_LEVEL_MAX)
			dc->level++;
		return TUI_REDRAW;
	case ACT_HOME:
		dc->level = OPEL_LEVEL_MIN;
		return TUI_REDRAW;
	case ACT_END:
		dc->level = OPEL_LEVEL_MAX;
		return TUI_REDRAW;
	case ACT_OPEN:
	case ACT_SAVE:
		return declare_confirm(dc, t);
	case ACT_EDIT:
		return declare_input(dc, t);
	case ACT_BACK:
		tui_message(t, false, "not declared");
		return TUI_POP;
	default:
		return 0;
	}
}

static void declare_close(struct view *v)
{
	free(v->state);
}

/* Nothing of the dialog's own is unsaved, but having the hook makes ^C ask
 * before it drops a note being typed (tui_must_end): a note is worth
 * keeping, unlike a search term. */
static bool declare_unsaved(struct view *v)
{
	(void)v;
	return false;
}

static const struct view_ops declare_view = {
	.name = "declare",
	.load = declare_load,
	.draw = declare_draw,
	.key = declare_key,
	.unsaved = declare_unsaved,
	.close = declare_close,
};

enum sr_status declare_view_open(struct tui *t, const char *site)
{
	struct declare *dc;

	if (tui_read_only(t))
		return SR_EINVAL;
	dc = xcalloc(1, sizeof(*dc));
	strlcpy_ok(dc->site, site ? site : STORE_SYSTEM, sizeof(dc->site));
	return tui_push(t, &declare_view, dc);
}
