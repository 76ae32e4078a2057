/* The history of one stay: its admission, every fact of its dated fields,
 * every red or green mark as recorded and the changes of its other fields,
 * on a time line (store_stay_history), one event a row, scrolled. Opened
 * from a patient list or the edit form; q goes back. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"

/* One event, its times as shown. */
struct history_row {
	enum history_kind kind;
	char valid[DATETIME_BUF], recorded[DATETIME_BUF];
	char *field, *old_value, *new_value, *by;
	bool backdated;
};

struct history {
	int64_t id;
	struct stay s;
	struct history_row *rows;
	size_t n, cap;
	size_t top;
};

static void rows_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->rows[i].field);
		free(h->rows[i].old_value);
		free(h->rows[i].new_value);
		free(h->rows[i].by);
	}
	free(h->rows);
	h->rows = NULL;
	h->n = h->cap = 0;
}

/* "YYYY-MM-DD HH:MM" of an instant; a day as it is. */
static void shown_time(const char *t, char buf[DATETIME_BUF])
{
	snprintf(buf, DATETIME_BUF, "%.16s", t ? t : "");
	if (strlen(buf) > 10)
		buf[10] = ' ';
}

/* A value as the time line shows it: "-" for none; a patient's name,
 * NHS number or birth date hidden in privacy mode. */
static const char *shown_value(const struct tui *t,
			       const struct history_row *r, const char *v)
{
	enum stay_field f;

	if (!v)
		return "-";
	if (t->privacy && stay_field_parse(r->field, &f) &&
	    stay_field_identifies(f))
		return "(hidden)";
	return v;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static bool collect(void *ctx, const struct history_event *e)
{
	struct history *h = ctx;
	struct history_row *r;

	h->rows = xgrow(h->rows, &h->cap, h->n + 1, sizeof(*h->rows));
	r = &h->rows[h->n++];
	r->kind = e->kind;
	shown_time(e->valid_from, r->valid);
	shown_time(e->recorded_at, r->recorded);
	r->field = xstrdup(e->field);
	r->old_value = dup_or_null(e->old_value);
	r->new_value = dup_or_null(e->new_value);
	r->by = xstrdup(e->recorded_by ? e->recorded_by : "?");
	r->backdated = e->backdated;
	return true;
}

/* One event a line: when it became true, the field, from what to what,
 * when and by whom recorded. */
static void draw_row(struct tui *t, int y, const struct history_row *r)
{
	char line[1200];

	if (r->kind == HISTORY_ADMITTED)
		snprintf(line, sizeof(line), "%-16s  %-13s  %s  recorded %s "
			 "by %s", r->valid, r->field,
			 shown_value(t, r, r->new_value), r->recorded, r->by);
	else
		snprintf(line, sizeof(line), "%-16s  %-13s  %s \u2192 %s  "
			 "recorded %s by %s%s", r->valid, r->field,
			 shown_value(t, r, r->old_value),
			 shown_value(t, r, r->new_value), r->recorded, r->by,
			 r->backdated ? "  (backdated)" : "");
	tui_text(t, y, 0, t->cols, line,
		 r->backdated ? ATTR_BOLD : ATTR_NORMAL, false);
}

static enum sr_status history_load(struct view *v, struct tui *t,
				   struct sr_error *err)
{
	struct history *h = v->state;
	enum sr_status s;

	rows_free(h);
	stay_clear(&h->s);
	s = store_stay_get(t->st, h->id, &h->s, err);
	if (s == SR_OK)
		s = store_stay_history(t->st, h->id, collect, h, err);
	return s;
}

static size_t shown_rows(const struct tui *t)
{
	return t->body_rows > 2 ? (size_t)t->body_rows - 2 : 1;
}

static void history_draw(struct view *v, struct tui *t)
{
	struct history *h = v->state;
	char name[160], mrn[64], line[400];
	size_t shown = shown_rows(t);
	int y = t->body_top;

	tui_patient_name(t, h->s.v[SF_FAMILY_NAME], h->s.v[SF_GIVEN_NAME],
			 name, sizeof(name));
	tui_mrn(t, h->s.v[SF_MRN], mrn, sizeof(mrn));
	snprintf(line, sizeof(line), "History  %s  MRN %s  stay %lld  "
		 "(%zu event%s)", name, mrn, (long long)h->id, h->n,
		 h->n == 1 ? "" : "s");
	tui_text(t, y++, 0, t->cols, line, ATTR_BOLD, false);
	tui_text(t, y++, 0, t->cols, "true from         field          "
		 "from \u2192 to, when recorded and by whom",
		 tui_attr(t, ROLE_HEADING), false);
	if (h->top + shown > h->n)
		h->top = h->n > shown ? h->n - shown : 0;
	for (size_t i = h->top; i < h->n && i < h->top + shown; i++)
		draw_row(t, y++, &h->rows[i]);
	if (h->n == 0)
		tui_text(t, y, 2, t->cols - 2, "nothing recorded",
			 tui_attr(t, ROLE_DIM), false);
	v->cursor_y = t->body_top;
	v->cursor_x = 0;
}

static int history_key(struct view *v, struct tui *t, enum action a,
		       wint_t ch)
{
	struct history *h = v->state;
	size_t shown = shown_rows(t);

	(void)ch;
	switch (a) {
	case ACT_NONE:
		return -1;
	case ACT_UP:
		if (h->top)
			h->top--;
		return TUI_REDRAW;
	case ACT_DOWN:
		if (h->top + shown < h->n)
			h->top++;
		return TUI_REDRAW;
	case ACT_PAGE_UP:
		h->top = h->top > shown ? h->top - shown : 0;
		return TUI_REDRAW;
	case ACT_PAGE_DOWN:
		h->top += shown; /* drawing keeps the last page full */
		return TUI_REDRAW;
	case ACT_HOME:
		h->top = 0;
		return TUI_REDRAW;
	case ACT_END:
		h->top = h->n;
		return TUI_REDRAW;
	case ACT_BACK:
	case ACT_HISTORY:
		return TUI_POP;
	default:
		return 0;
	}
}

static void history_close(struct view *v)
{
	struct history *h = v->state;

	if (!h)
		return;
	rows_free(h);
	stay_clear(&h->s);
	free(h);
}

static const struct view_ops history_view = {
	.name = "history",
	.hint = "j/k scroll  q back",
	.load = history_load,
	.draw = history_draw,
	.key = history_key,
	.close = history_close,
};

enum sr_status history_view_open(struct tui *t, int64_t stay_id)
{
	struct history *h = xcalloc(1, sizeof(*h));

	h->id = stay_id;
	return tui_push(t, &history_view, h);
}
