/* The daily call in the console (issue 14): the agenda of call.h, one
 * patient a row, "n of m discussed" in the heading, one key per action on
 * the selected patient (close the primary blocker, assign it, a new due
 * date, today red or green, next patient), and what changed since the last
 * call on a screen of its own. Every change goes through the edit layer,
 * as from the command line, and only if the blocker is still as shown. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/call.h"
#include "sitrep/edit.h"
#include "sitrep/util.h"

struct callv {
	struct call c;
	bool loaded;
	size_t sel, top;
	int64_t sel_stay; /* kept across reloads */
	const char *owner; /* the owner filter: a config owner's code */
	char **marks;      /* today's mark of each item: "red", "green", NULL */
};

static bool discussed(const struct tui *t, int64_t stay)
{
	for (size_t i = 0; i < t->ncall_done; i++)
		if (t->call_done[i] == stay)
			return true;
	return false;
}

static void set_discussed(struct tui *t, int64_t stay)
{
	if (t->call_day != t->today) {
		t->ncall_done = 0;
		t->call_day = t->today;
	}
	if (discussed(t, stay))
		return;
	t->call_done = xgrow(t->call_done, &t->capcall_done,
			     t->ncall_done + 1, sizeof(*t->call_done));
	t->call_done[t->ncall_done++] = stay;
}

static void free_marks(struct callv *v)
{
	for (size_t i = 0; v->marks && i < v->c.n; i++)
		free(v->marks[i]);
	free(v->marks);
	v->marks = NULL;
}

static int cmp_stay(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static enum sr_status call_load(struct view *view, struct tui *t,
				struct sr_error *err)
{
	struct callv *v = view->state;
	struct call_filter f = {.owner = v->owner};
	int64_t *keep;
	char day[DATE_BUF];
	enum sr_status s;

	if (t->call_day != t->today) {
		t->ncall_done = 0;
		t->call_day = t->today;
	}
	free_marks(v);
	if (v->loaded)
		call_free(&v->c);
	v->loaded = false;
	/* Those discussed stay on the agenda, whatever was done. */
	keep = xcalloc(t->ncall_done ? t->ncall_done : 1, sizeof(*keep));
	if (t->ncall_done) {
		memcpy(keep, t->call_done, t->ncall_done * sizeof(*keep));
		qsort(keep, t->ncall_done, sizeof(*keep), cmp_stay);
	}
	f.keep = keep;
	f.nkeep = t->ncall_done;
	s = call_build(t->st, t->cfg, datetime_now(), NULL, &f, &v->c, err);
	free(keep);
	if (s != SR_OK)
		return s;
	v->loaded = true;
	v->marks = xcalloc(v->c.n ? v->c.n : 1, sizeof(*v->marks));
	date_format(t->today, day);
	for (size_t i = 0; i < v->c.n && s == SR_OK; i++) {
		char *reason = NULL;

		s = store_day_mark_get(t->st, v->c.items[i].stay, day,
				       &v->marks[i], &reason, err);
		free(reason);
	}
	v->sel = 0;
	for (size_t i = 0; i < v->c.n; i++)
		if (v->c.items[i].stay == v->sel_stay)
			v->sel = i;
	return s;
}

static size_t count_discussed(const struct callv *v, const struct tui *t)
{
	size_t n = 0;

	for (size_t i = 0; i < v->c.n; i++)
		n += discussed(t, v->c.items[i].stay);
	return n;
}

/* tui_text, clipped to the screen's width. */
static void put(struct tui *t, int y, int x, int w, const char *s, int attr)
{
	if (x >= t->cols)
		return;
	if (x + w > t->cols)
		w = t->cols - x;
	tui_text(t, y, x, w, s, attr, false);
}

static void call_draw(struct view *view, struct tui *t)
{
	struct callv *v = view->state;
	const struct call *c = &v->c;
	int y = t->body_top, rows, head = tui_attr(t, ROLE_HEADING);
	char buf[512];

	if (!v->loaded || t->body_rows < 4)
		return;
	snprintf(buf, sizeof(buf),
		 "Daily call %.5s  %zu of %zu discussed%s%s  |  since %.10s "
		 "%.5s: %zu new %s, %zu discharged, %zu blockers opened, %zu "
		 "closed, %zu EDDs moved (v: list)",
		 c->at + 11, count_discussed(v, t), c->n,
		 v->owner ? "  owner " : "", v->owner ? v->owner : "",
		 c->since, c->since + 11, c->count[CHANGE_NEW_NCTR],
		 t->cfg->nctr_label, c->count[CHANGE_DISCHARGED],
		 c->count[CHANGE_OPENED], c->count[CHANGE_CLOSED],
		 c->count[CHANGE_EDD_MOVED]);
	tui_text(t, y++, 0, t->cols, buf, head, false);
	snprintf(buf, sizeof(buf), "%-3s %-2s %-22s %-15s %-14s %4s %5s  "
		 "%-24s %-10s %-10s %s", "#", "", "why", "site ward bed",
		 "patient", "LOS", t->cfg->nctr_label, "waiting for", "owner",
		 "due", "escalated to");
	tui_text(t, y++, 0, t->cols, buf, head, false);
	rows = t->body_rows - 2;
	if (c->n == 0) {
		tui_text(t, y, 2, t->cols - 2, "nobody to discuss",
			 tui_attr(t, ROLE_DIM), false);
		return;
	}
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + (size_t)rows)
		v->top = v->sel - (size_t)rows + 1;
	for (size_t i = v->top; i < c->n && y < t->body_top + t->body_rows;
	     i++, y++) {
		const struct call_item *it = &c->items[i];
		char who[96], where[48], nctr[12], wait[64], due[24];
		const char *role = it->role >= 0 ?
					   t->cfg->roles[it->role] : "";
		const char *done = discussed(t, it->stay) ?
					   (t->utf8 ? "\u2713" : "*") : " ";
		const char *mark = v->marks[i] ?
					   (strcmp(v->marks[i], "red") == 0 ?
						    "R" : "G") : " ";
		int attr = i == v->sel ? tui_attr(t, ROLE_SELECTED) :
					 tui_attr(t, ROLE_NORMAL);

		tui_patient_name(t, it->family, it->given, who, sizeof(who));
		snprintf(where, sizeof(where), "%s %s %s", it->site,
			 it->ward ? it->ward : "-", it->bed ? it->bed : "-");
		if (it->facts.nctr)
			snprintf(nctr, sizeof(nctr), "%dd",
				 it->facts.delay_days);
		else
			snprintf(nctr, sizeof(nctr), "-");
		if (it->blocker) {
			const struct reason_cfg *rc =
				config_delay_reason(t->cfg, it->code);

			snprintf(wait, sizeof(wait), "%s %s", it->code,
				 rc ? rc->label : "");
		} else {
			snprintf(wait, sizeof(wait), "(nothing named)");
		}
		if (it->facts.overdue_days >= 1)
			snprintf(due, sizeof(due), "%.5s +%dd",
				 it->due ? it->due + 5 : "", it->facts.overdue_days);
		else
			snprintf(due, sizeof(due), "%s",
				 it->due ? it->due : "-");
		snprintf(buf, sizeof(buf), "%-3zu %s%s %-22.22s %-15.15s ", i + 1,
			 done, mark, call_reason_label(it->reason), where);
		tui_fill(t, y, 0, attr);
		put(t, y, 0, 46, buf, attr);
		put(t, y, 46, 14, who, attr);
		snprintf(buf, sizeof(buf), " %4d %5s  ", it->facts.los, nctr);
		put(t, y, 60, 13, buf, attr);
		put(t, y, 73, 24, wait, attr);
		put(t, y, 98, 10, it->owner ? it->owner : "-", attr);
		put(t, y, 109, 10, due, it->facts.overdue_days >= 1 &&
					i != v->sel ? tui_attr(t, ROLE_CROSSED)
						    : attr);
		put(t, y, 120, t->cols - 120, role, attr);
		if (i == v->sel) {
			view->cursor_y = y;
			view->cursor_x = 0;
		}
	}
}

static struct call_item *selected(struct callv *v)
{
	return v->loaded && v->sel < v->c.n ? &v->c.items[v->sel] : NULL;
}

/* A change of the selected patient's primary blocker, if still as shown. */
static int change_blocker(struct tui *t, struct call_item *it,
			  struct edit_blocker_change *c, const char *done)
{
	struct sr_error err = {0};
	struct edit_ctx ctx;

	if (tui_read_only(t))
		return TUI_REDRAW;
	if (!it->blocker) {
		tui_message(t, true, "no open blocker: add one in the form or "
			    "with sitrep blocker add");
		return TUI_REDRAW;
	}
	edit_ctx_init(&ctx, t->st, t->cfg);
	ctx.clock.today = t->today;
	c->expected_version = it->blocker_version;
	if (edit_blocker_change(&ctx, it->blocker, c, &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_RELOAD;
	}
	set_discussed(t, it->stay);
	tui_message(t, false, "%s", done);
	return TUI_RELOAD;
}

/* A new blocker for the selected patient: "CODE [OWNER] [DUE]", words in
 * that order (an owner is a code of the config; a due date as the command
 * line takes it). */
static int add_blocker(struct tui *t, struct call_item *it)
{
	struct edit_blocker in = {0};
	struct sr_error err = {0};
	struct edit_ctx ctx;
	char buf[160], *word[3] = {0}, *save = NULL;
	int n = 0;

	if (tui_read_only(t))
		return TUI_REDRAW;
	buf[0] = '\0';
	if (!tui_prompt(t, "new blocker: CODE [OWNER] [DUE]:", buf,
			sizeof(buf)))
		return TUI_REDRAW;
	for (char *w = strtok_r(buf, " ", &save); w && n < 3;
	     w = strtok_r(NULL, " ", &save))
		word[n++] = w;
	if (!n)
		return TUI_REDRAW;
	in.code = word[0];
	if (n == 3) {
		in.owner = word[1];
		in.due = word[2];
	} else if (n == 2) {
		/* One more word: an owner if the config has it, else a due
		 * date. */
		if (config_owner(t->cfg, word[1]))
			in.owner = word[1];
		else
			in.due = word[1];
	}
	edit_ctx_init(&ctx, t->st, t->cfg);
	ctx.clock.today = t->today;
	if (edit_blocker_add(&ctx, it->stay, &in, NULL, &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	set_discussed(t, it->stay);
	tui_message(t, false, "blocker %s opened", in.code);
	return TUI_RELOAD;
}

/* The selected patient's blocker closed last, open again from now (a
 * closing undone: a new blocker like it, the record keeps both). */
static int reopen_blocker(struct tui *t, struct call_item *it)
{
	struct sr_error err = {0};
	struct edit_ctx ctx;
	char code[64], q[128], buf[8];
	int64_t id = 0;

	if (tui_read_only(t))
		return TUI_REDRAW;
	edit_ctx_init(&ctx, t->st, t->cfg);
	ctx.clock.today = t->today;
	if (edit_blocker_last_closed(&ctx, it->stay, &id, code, sizeof(code),
				     &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	if (!id) {
		tui_message(t, true, "no closed blocker to open again");
		return TUI_REDRAW;
	}
	snprintf(q, sizeof(q), "open blocker %s again from now? (y/n)", code);
	buf[0] = '\0';
	if (!tui_prompt(t, q, buf, sizeof(buf)) ||
	    (buf[0] != 'y' && buf[0] != 'Y'))
		return TUI_REDRAW;
	if (edit_blocker_reopen(&ctx, id, NULL, NULL, &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_RELOAD;
	}
	set_discussed(t, it->stay);
	tui_message(t, false, "blocker %s open again", code);
	return TUI_RELOAD;
}

static void next(struct callv *v)
{
	if (v->sel + 1 < v->c.n)
		v->sel++;
}

static int call_key(struct view *view, struct tui *t, enum action a,
		    wint_t ch)
{
	struct callv *v = view->state;
	struct call_item *it = selected(v);
	char buf[128];
	int r;

	if (a == ACT_NONE) {
		switch (ch) {
		case ' ':
		case '.':
			if (it)
				set_discussed(t, it->stay);
			next(v);
			break;
		case 'c':
			if (!it)
				return TUI_REDRAW;
			buf[0] = '\0';
			if (!tui_prompt(t, "close the primary blocker? (y/n)",
					buf, sizeof(buf)) ||
			    (buf[0] != 'y' && buf[0] != 'Y'))
				return TUI_REDRAW;
			{
				struct edit_blocker_change c = {.close = true};

				r = change_blocker(t, it, &c,
						   "blocker closed");
			}
			return r;
		case 'a':
			if (!it)
				return TUI_REDRAW;
			snprintf(buf, sizeof(buf), "%s",
				 it->owner ? it->owner : "");
			if (!tui_prompt(t, "owner (a code of the config; empty: "
					"none):", buf, sizeof(buf)))
				return TUI_REDRAW;
			{
				struct edit_blocker_change c = {.owner = buf};

				return change_blocker(t, it, &c,
						      "blocker assigned");
			}
		case 'u':
			if (!it)
				return TUI_REDRAW;
			snprintf(buf, sizeof(buf), "%s", it->due ? it->due : "");
			if (!tui_prompt(t, "due (YYYY-MM-DD, today, +N, a weekday; "
					"empty: none):", buf, sizeof(buf)))
				return TUI_REDRAW;
			{
				struct edit_blocker_change c = {.due = buf};

				return change_blocker(t, it, &c,
						      "new due date");
			}
		case 'v': {
			tui_push(t, &call_changes_view, v);
			return TUI_REDRAW;
		}
		case 'b':
			return it ? add_blocker(t, it) : TUI_REDRAW;
		case 'O':
			return it ? reopen_blocker(t, it) : TUI_REDRAW;
		default:
			return -1;
		}
		v->sel_stay = selected(v) ? selected(v)->stay : 0;
		return TUI_REDRAW;
	}
	switch (a) {
	case ACT_UP:
		if (v->sel)
			v->sel--;
		break;
	case ACT_DOWN:
		next(v);
		break;
	case ACT_PAGE_UP:
		v->sel = v->sel > 10 ? v->sel - 10 : 0;
		break;
	case ACT_PAGE_DOWN:
		v->sel = v->sel + 10 < v->c.n ? v->sel + 10 :
			 (v->c.n ? v->c.n - 1 : 0);
		break;
	case ACT_HOME:
		v->sel = 0;
		break;
	case ACT_END:
		v->sel = v->c.n ? v->c.n - 1 : 0;
		break;
	case ACT_MARK_GREEN:
	case ACT_MARK_RED: {
		char day[DATE_BUF];
		const char *seen = it && v->marks[v->sel] ? v->marks[v->sel]
							 : "";

		if (!it)
			return TUI_REDRAW;
		date_format(t->today, day);
		set_discussed(t, it->stay);
		if (a == ACT_MARK_GREEN)
			return tui_mark_today(t, it->stay, day, seen, "green",
					      NULL);
		return tui_mark_red(t, it->stay, day, seen);
	}
	case ACT_OPEN:
	case ACT_EDIT:
		if (it) {
			set_discussed(t, it->stay);
			form_view_open(t, it->stay);
		}
		return TUI_REDRAW;
	case ACT_HISTORY:
		if (it)
			history_view_open(t, it->stay);
		return TUI_REDRAW;
	case ACT_FILTER: {
		/* The owners in turn, then everyone's again. */
		size_t i = 0;

		if (v->owner)
			while (i < t->cfg->nowners &&
			       strcmp(t->cfg->owners[i].code, v->owner) != 0)
				i++;
		v->owner = !v->owner ? (t->cfg->nowners ?
					t->cfg->owners[0].code : NULL) :
			   i + 1 < t->cfg->nowners ? t->cfg->owners[i + 1].code
						   : NULL;
		tui_message(t, false, "%s%s", v->owner ? "blockers owned by "
						       : "every patient",
			    v->owner ? v->owner : "");
		v->sel_stay = 0;
		return TUI_RELOAD;
	}
	case ACT_BACK:
		return TUI_POP;
	default:
		return 0;
	}
	v->sel_stay = selected(v) ? selected(v)->stay : 0;
	return TUI_REDRAW;
}

static void call_close(struct view *view)
{
	struct callv *v = view->state;

	if (!v)
		return;
	free_marks(v);
	if (v->loaded)
		call_free(&v->c);
	free(v);
}

const struct view_ops call_view = {
	.name = "call",
	.hint = "space next  b new blocker  c close  O reopen  a assign  "
		"u due  y/n green/red  v changes  f owner  q back",
	.hint_needs = (const struct tui_hint_need[]){
		{"b new blocker", AA_BLOCKER},
		{"c close", AA_BLOCKER},
		{"O reopen", AA_BLOCKER},
		{"a assign", AA_BLOCKER},
		{"u due", AA_BLOCKER},
		{"y/n green/red", AA_MARK_DAY},
		{NULL, AA_READ},
	},
	.load = call_load,
	.draw = call_draw,
	.key = call_key,
	.close = call_close,
};

enum sr_status call_view_open(struct tui *t)
{
	return tui_push(t, &call_view, xcalloc(1, sizeof(struct callv)));
}

/* ---- what changed since the last call ---------------------------------*/

static void changes_draw(struct view *view, struct tui *t)
{
	const struct callv *v = view->state;
	const struct call *c = &v->c;
	int y = t->body_top, end = t->body_top + t->body_rows;
	int head = tui_attr(t, ROLE_HEADING), norm = tui_attr(t, ROLE_NORMAL);
	char buf[256];

	snprintf(buf, sizeof(buf), "Changed since the last call (%.10s "
		 "%.5s) to %.5s", c->since, c->since + 11, c->at + 11);
	tui_text(t, y++, 0, t->cols, buf, head, false);
	for (int k = 0; k < CALL_CHANGE_COUNT && y < end; k++) {
		snprintf(buf, sizeof(buf), "%s: %zu",
			 call_change_label((enum call_change_kind)k),
			 c->count[k]);
		tui_text(t, y++, 0, t->cols, buf, head, false);
		for (size_t i = 0; i < c->nchanges && y < end; i++) {
			const struct call_change *ch = &c->changes[i];

			if (ch->kind != (enum call_change_kind)k)
				continue;
			snprintf(buf, sizeof(buf), "  %-8s stay %-8lld %.10s "
				 "%.5s  %s%s%s", ch->site, (long long)ch->stay,
				 ch->at ? ch->at : "",
				 ch->at && strlen(ch->at) > 11 ? ch->at + 11 : "",
				 ch->what ? ch->what : "", ch->by ? "  by " : "",
				 ch->by ? ch->by : "");
			tui_text(t, y++, 0, t->cols, buf, norm, false);
		}
	}
}

static int changes_key(struct view *view, struct tui *t, enum action a,
		       wint_t ch)
{
	(void)view;
	(void)t;
	if (a == ACT_NONE)
		return ch == 'v' ? TUI_POP : -1;
	return a == ACT_BACK ? TUI_POP : 0;
}

const struct view_ops call_changes_view = {
	.name = "call-changes",
	.hint = "q back",
	.draw = changes_draw,
	.key = changes_key,
};
