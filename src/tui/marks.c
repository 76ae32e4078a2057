/* Today's red or green day (SAFER) from a list row, in one key: green,
 * clear, or red asking only why, from a short picker that offers the
 * patient's last red-day reason. Through edit_mark_if, so a mark someone
 * else changed since the row was drawn is never overwritten. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/edit.h"
#include "sitrep/util.h"

/* Marks today of the list's selected stay colour ("red", "green" or NULL
 * to clear) with reason, if the day's mark is still the one the row
 * showed; says what happened in the status line. */
int tui_mark_today(struct tui *t, int64_t id, const char *day,
		   const char *seen,
		   const char *colour, const char *reason)
{
	struct sr_error err = {0};
	char *now_colour = NULL, *now_reason = NULL;
	const struct reason_cfg *rc;
	struct edit_ctx ctx;
	enum sr_status s;

	if (tui_read_only(t))
		return TUI_REDRAW;
	edit_ctx_init(&ctx, t->st, t->cfg);
	ctx.clock.today = t->today;
	s = store_day_mark_get(t->st, id, day, &now_colour, &now_reason,
			       &err);
	if (s == SR_OK && strcmp(now_colour ? now_colour : "", seen) != 0) {
		tui_message(t, true, "someone else has just %s today for this "
			    "patient: not changed, look again",
			    now_colour ? "marked" : "cleared");
		s = SR_ECONFLICT;
	} else if (s == SR_OK) {
		s = edit_mark_if(&ctx, id, t->today, now_colour, now_reason,
				 colour, reason, &err);
		if (s == SR_ECONFLICT)
			tui_message(t, true, "someone else has just marked "
				    "today for this patient: not changed, "
				    "look again");
	}
	free(now_colour);
	free(now_reason);
	if (s == SR_ECONFLICT)
		return TUI_RELOAD;
	if (s != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_RELOAD;
	}
	rc = reason ? config_red_reason(t->cfg, reason) : NULL;
	if (colour && strcmp(colour, "red") == 0 && reason)
		strlcpy_ok(t->last_red_reason, reason,
			   sizeof(t->last_red_reason));
	if (!colour)
		tui_message(t, false, "today's mark cleared");
	else
		tui_message(t, false, "today %s%s%s", colour,
			    rc ? ": " : "", rc ? rc->label : "");
	return TUI_RELOAD;
}

/* The red-day reason picker: over the list, one row per configured reason
 * and a last "no reason"; Enter or the reason's digit marks the day red. */
struct picker {
	char day[DATE_BUF]; /* the day marked (the list's, YYYY-MM-DD) */
	int64_t id;     /* the stay */
	char seen[8];   /* its mark as the list showed it */
	size_t sel;     /* a reason, or nred_reasons for none */
};

static void picker_draw(struct view *v, struct tui *t)
{
	struct picker *p = v->state;
	size_t n = t->cfg->nred_reasons;
	int h = (int)n + 3, w = 52, y0, x0, attr = tui_attr(t, ROLE_STATUS);

	v->below->ops->draw(v->below, t);
	if (w > t->cols)
		w = t->cols;
	if (h > t->body_rows)
		h = t->body_rows;
	y0 = t->body_top + (t->body_rows - h) / 2;
	x0 = (t->cols - w) / 2;
	tui_text(t, y0, x0, w, " Today red: why? (Enter, or its digit; q: "
		 "cancel)", attr | ATTR_BOLD, false);
	for (size_t i = 0; i <= n && (int)i + 1 < h - 1; i++) {
		char line[160];
		int y = y0 + 1 + (int)i;

		if (i < n)
			snprintf(line, sizeof(line), " %zu  %s", i + 1,
				 t->cfg->red_reasons[i].label);
		else
			snprintf(line, sizeof(line), " %s  (no reason)",
				 n < 9 ? "0" : " ");
		tui_text(t, y, x0, w, line,
			 i == p->sel ? tui_attr(t, ROLE_SELECTED) : attr,
			 false);
		if (i == p->sel) {
			v->cursor_y = y;
			v->cursor_x = x0;
		}
	}
	tui_text(t, y0 + h - 1, x0, w, "", attr, false);
}

static int picker_choose(struct tui *t, struct picker *p, size_t i)
{
	const char *reason = i < t->cfg->nred_reasons ?
				     t->cfg->red_reasons[i].code : NULL;

	tui_mark_today(t, p->id, p->day, p->seen, "red", reason);
	return TUI_POP;
}

static int picker_key(struct view *v, struct tui *t, enum action a,
		      wint_t ch)
{
	struct picker *p = v->state;
	size_t n = t->cfg->nred_reasons;

	switch (a) {
	case ACT_NONE:
		if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < n)
			return picker_choose(t, p, (size_t)(ch - '1'));
		if (ch == '0' && n < 9)
			return picker_choose(t, p, n);
		/* Letters are not actions here: only the keys below. */
		return tui_action_for(ch, false) == ACT_NONE ? TUI_REDRAW : -1;
	case ACT_UP:
		if (p->sel > 0)
			p->sel--;
		return TUI_REDRAW;
	case ACT_DOWN:
		if (p->sel < n)
			p->sel++;
		return TUI_REDRAW;
	case ACT_HOME:
		p->sel = 0;
		return TUI_REDRAW;
	case ACT_END:
		p->sel = n;
		return TUI_REDRAW;
	case ACT_OPEN:
	case ACT_MARK_RED:
		return picker_choose(t, p, p->sel);
	case ACT_BACK:
		tui_message(t, false, "not marked");
		return TUI_POP;
	default:
		return 0;
	}
}

static void picker_close(struct view *v)
{
	free(v->state);
}

static const struct view_ops picker_view = {
	.name = "red-day reason",
	.hint = "Enter or 1-9 choose  Up/Down move  q cancel",
	.draw = picker_draw,
	.key = picker_key,
	.close = picker_close,
};

/* n on a row: asks why (the patient's last red-day reason first, else the
 * last one chosen this session), then marks the day red. */
int tui_mark_red(struct tui *t, int64_t id, const char *day,
		 const char *seen)
{
	struct picker *p;
	struct sr_error err = {0};
	const struct reason_cfg *rc = NULL;
	char *last = NULL;

	if (tui_read_only(t))
		return TUI_REDRAW;
	if (t->cfg->nred_reasons == 0)
		return tui_mark_today(t, id, day, seen, "red", NULL);
	if (store_last_red_reason(t->st, id, &last, &err) == SR_OK &&
	    last)
		rc = config_red_reason(t->cfg, last);
	free(last);
	if (!rc && t->last_red_reason[0])
		rc = config_red_reason(t->cfg, t->last_red_reason);
	p = xcalloc(1, sizeof(*p));
	snprintf(p->day, sizeof(p->day), "%s", day);
	p->id = id;
	snprintf(p->seen, sizeof(p->seen), "%s", seen);
	p->sel = rc ? (size_t)(rc - t->cfg->red_reasons) : 0;
	tui_push(t, &picker_view, p);
	return TUI_REDRAW;
}
