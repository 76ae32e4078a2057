/* The patient list of a site (or one of its wards), or of every site for
 * a search from the board: one row per stay in a bed now (or at the
 * earlier moment gone to, goto.c, with the ward, bed and dates of then),
 * filtered, sorted and searched by the store. The view holds a window of rows around
 * the selection (never the whole site), read in one snapshot with its
 * counts, and keeps the selected stay across reloads by its id. Filter and
 * sort are the session's (struct tui), so every list opens with the last
 * ones. One key marks today red or green (marks.c). */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/edit.h"
#include "sitrep/stay.h"
#include "sitrep/util.h"

struct list_row {
	struct stay s;
	char mark[8]; /* today's "red", "green" or "" */
};

struct list {
	char site[32];
	const struct site_cfg *sc; /* NULL: every site (a search) */
	int ward; /* index into sc->wards; -1: all wards */
	char search[256];
	struct store_day day;
	sr_day on;               /* day's date: LOS and delays are on it */
	struct sr_moment moment; /* the stays in a bed then (tui_moment) */
	long total;   /* stays the query selects */
	long in_beds; /* stays in a bed on the ward(s), unfiltered */
	long sel;     /* position of the selection in the query */
	long top;     /* position of the first row shown */
	int64_t sel_id; /* the selected stay; 0: take the row at sel */
	long win_off; /* position of rows[0] */
	struct list_row *rows;
	size_t nrows, cap;
	int page; /* list rows on screen at the last draw */
};

/* Columns, and the order in which they go when the name would get
 * narrower than NAME_MIN (the stranded marker and the name never go). */
enum col {
	C_MARK, C_SITE, C_WARD, C_BED, C_NAME, C_MRN, C_LOS, C_G2G, C_EDD,
	C_PATH, C_REASON, C_DAY, C_COUNT
};

static const struct {
	const char *title;
	int width; /* including the space after it; 0: the name's, or (fit)
		      as wide as the widest cell of the rows in hand */
	bool right, fit;
} columns[C_COUNT] = {
	[C_MARK] = {"", 3, false, false},
	[C_SITE] = {"Site", 0, false, true}, /* every site's list only */
	[C_WARD] = {"Ward", 7, false, false},
	[C_BED] = {"Bed", 7, false, false},
	[C_NAME] = {"Name", 0, false, false},
	[C_MRN] = {"MRN", 0, false, true}, /* never cut: an identifier */
	[C_LOS] = {"LOS", 5, true, false},
	[C_G2G] = {"G2G   delay", 0, false, true}, /* the year when not this */
	[C_EDD] = {"EDD", 0, false, true},
	[C_PATH] = {"P", 2, false, false},
	[C_REASON] = {"Why", 4, false, false},
	[C_DAY] = {"Today", 6, false, false},
};

static const enum col drop_order[] = {
	C_PATH, C_REASON, C_WARD, C_DAY, C_BED, C_EDD, C_G2G, C_SITE, C_MRN,
	C_LOS,
};

#define NAME_MIN 12
#define NAME_MAX 30
#define WINDOW_MIN 50 /* rows fetched either side of the selection */

/* ---- loading -----------------------------------------------------------*/

static struct list_query make_query(const struct tui *t,
				    const struct list *l)
{
	struct list_query q = {
		.site = l->sc ? l->site : NULL,
		.ward = l->ward >= 0 ? l->sc->wards[l->ward].code : NULL,
		.filter = t->list_filter,
		.sort = t->list_sort,
		.search = l->search[0] ? l->search : NULL,
		.day = &l->day,
		.moment = &l->moment,
	};

	return q;
}

static void free_rows(struct list *l)
{
	for (size_t i = 0; i < l->nrows; i++)
		stay_clear(&l->rows[i].s);
	l->nrows = 0;
}

static bool add_row(void *ctx, const struct stay *s, const char *mark)
{
	struct list *l = ctx;
	struct list_row *r;

	l->rows = xgrow(l->rows, &l->cap, l->nrows + 1, sizeof(*l->rows));
	r = &l->rows[l->nrows++];
	memset(r, 0, sizeof(*r));
	stay_copy(&r->s, s);
	snprintf(r->mark, sizeof(r->mark), "%s", mark ? mark : "");
	return true;
}

static long window_half(const struct list *l)
{
	long half = 2L * l->page;

	return half > WINDOW_MIN ? half : WINDOW_MIN;
}

/* The row at position i, if the window holds it. */
static struct list_row *row_at(struct list *l, long i)
{
	if (i < l->win_off || i >= l->win_off + (long)l->nrows)
		return NULL;
	return &l->rows[i - l->win_off];
}

/* The counts and the window of rows, inside the caller's snapshot. */
static enum sr_status fetch(struct tui *t, struct list *l,
			    struct sr_error *err)
{
	struct list_query q = make_query(t, l);
	long half = window_half(l);
	enum sr_status s;

	if ((s = store_list_count(t->st, &q, &l->total, err)) != SR_OK)
		return s;
	l->in_beds = l->total;
	if (q.filter != LIST_ALL || q.search) {
		q.filter = LIST_ALL;
		q.search = NULL;
		s = store_list_count(t->st, &q, &l->in_beds, err);
		if (s != SR_OK)
			return s;
		q = make_query(t, l);
	}
	if (l->sel >= l->total)
		l->sel = l->total - 1;
	if (l->sel < 0)
		l->sel = 0;
	l->win_off = l->sel > half ? l->sel - half : 0;
	q.offset = l->win_off;
	q.limit = 2 * half + 1;
	free_rows(l);
	return store_list_page(t->st, &q, add_row, l, err);
}

static enum sr_status list_load(struct view *v, struct tui *t,
				struct sr_error *err)
{
	struct list *l = v->state;
	enum sr_status s;

	/* The moment shown: now, or the one gone to (read-only). */
	tui_moment(t, &l->moment);
	l->on = l->moment.day;
	store_day_init(&l->day, l->on, t->cfg->stranded_days,
		       t->cfg->super_stranded_days);
	/* The counts and the rows from one snapshot: the total agrees with
	 * the rows shown whatever others save meanwhile. */
	if ((s = store_read_begin(t->st, err)) != SR_OK)
		return s;
	s = fetch(t, l, err);
	store_read_end(t->st);
	if (s != SR_OK)
		return s;
	/* Keep the selected stay where it is now; if it has gone (or moved
	 * out of the window), the row nearest its old place. */
	for (size_t i = 0; i < l->nrows; i++) {
		if (l->sel_id && l->rows[i].s.id == l->sel_id) {
			l->sel = l->win_off + (long)i;
			return SR_OK;
		}
	}
	if (l->nrows == 0) {
		l->sel = 0;
		l->sel_id = 0;
		return SR_OK;
	}
	if (l->sel >= l->win_off + (long)l->nrows)
		l->sel = l->win_off + (long)l->nrows - 1;
	if (l->sel < l->win_off)
		l->sel = l->win_off;
	l->sel_id = l->rows[l->sel - l->win_off].s.id;
	return SR_OK;
}

/* ---- drawing -----------------------------------------------------------*/

/* "24 Nov" from "2026-11-24" in this year (today's), "24 Nov 2025" in
 * another. */
static void short_date(const struct tui *t, const char *iso, char *buf,
		       size_t size)
{
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	sr_day d;
	int y, m, dd, ty, tm, td;

	if (!iso || !date_parse(iso, &d)) {
		snprintf(buf, size, "%s", iso ? iso : "");
		return;
	}
	date_to_ymd(d, &y, &m, &dd);
	date_to_ymd(t->today, &ty, &tm, &td);
	if (y == ty)
		snprintf(buf, size, "%2d %s", dd, months[m - 1]);
	else
		snprintf(buf, size, "%2d %s %d", dd, months[m - 1], y);
}

/* One cell's text and attributes. */
static void cell_text(struct tui *t, const struct list *l,
		      const struct list_row *r, enum col c, int width,
		      char *buf, size_t size, int *attr)
{
	const struct stay *s = &r->s;
	const struct reason_cfg *rc;
	char d[24];
	int los = stay_los(s, l->on), delay;

	buf[0] = '\0';
	switch (c) {
	case C_MARK:
		if (los >= l->day.super_stranded_days) {
			snprintf(buf, size, "SS");
			*attr = tui_attr(t, ROLE_OPEL3);
		} else if (los >= l->day.stranded_days) {
			snprintf(buf, size, "S");
			*attr = tui_attr(t, ROLE_OPEL2);
		}
		break;
	case C_SITE:
		snprintf(buf, size, "%s", s->v[SF_SITE] ? s->v[SF_SITE] : "");
		break;
	case C_WARD:
		snprintf(buf, size, "%s", s->v[SF_WARD] ? s->v[SF_WARD] : "-");
		break;
	case C_BED:
		snprintf(buf, size, "%s", s->v[SF_BED] ? s->v[SF_BED] : "");
		break;
	case C_NAME:
		tui_patient_name(t, s->v[SF_FAMILY_NAME], s->v[SF_GIVEN_NAME],
				 buf, size);
		break;
	case C_MRN:
		tui_mrn(t, s->v[SF_MRN], buf, size);
		break;
	case C_LOS:
		if (los >= 0)
			snprintf(buf, size, "%d", los);
		break;
	case C_G2G:
		if (!s->v[SF_G2G_DATE])
			break;
		short_date(t, s->v[SF_G2G_DATE], d, sizeof(d));
		delay = stay_delay_days(s, l->on);
		if (delay >= 0) {
			snprintf(buf, size, "%s %+d", d, delay);
			*attr |= ATTR_BOLD;
		} else {
			snprintf(buf, size, "%s", d);
		}
		break;
	case C_EDD:
		if (!s->v[SF_EDD])
			break;
		short_date(t, s->v[SF_EDD], d, sizeof(d));
		if (strcmp(s->v[SF_EDD], l->day.day) < 0) {
			snprintf(buf, size, "%s!", d);
			*attr |= ATTR_BOLD;
		} else {
			snprintf(buf, size, "%s", d);
		}
		break;
	case C_PATH:
		snprintf(buf, size, "%s",
			 s->v[SF_PATHWAY] ? s->v[SF_PATHWAY] : "");
		break;
	case C_REASON:
		if (!s->v[SF_DELAY_REASON])
			break;
		rc = config_delay_reason(t->cfg, s->v[SF_DELAY_REASON]);
		if (rc && width > 16)
			snprintf(buf, size, "%-3s %s", rc->code, rc->label);
		else
			snprintf(buf, size, "%s", s->v[SF_DELAY_REASON]);
		break;
	case C_DAY:
		snprintf(buf, size, "%s", r->mark);
		if (strcmp(r->mark, "red") == 0)
			*attr = tui_attr(t, ROLE_RED_DAY);
		else if (strcmp(r->mark, "green") == 0)
			*attr = tui_attr(t, ROLE_GREEN_DAY);
		break;
	case C_COUNT:
		break;
	}
}

/* The width of a column that fits its data: its widest cell among the
 * rows in hand (the window around the selection, so that scrolling a page
 * keeps the columns still), at least its title, plus the space after. */
static int fit_width(struct tui *t, const struct list *l, enum col c)
{
	int w = tui_width(columns[c].title);

	for (size_t i = 0; i < l->nrows; i++) {
		char buf[256];
		int attr = 0, cw;

		cell_text(t, l, &l->rows[i], c, 0, buf, sizeof(buf), &attr);
		if ((cw = tui_width(buf)) > w)
			w = cw;
	}
	return w + 1;
}

/* Widths of the columns shown (0: dropped) for the screen's width. */
static void layout(struct tui *t, const struct list *l, int w[C_COUNT])
{
	int used = 0, extra;

	for (int c = 0; c < C_COUNT; c++) {
		w[c] = columns[c].fit ? fit_width(t, l, (enum col)c) :
					columns[c].width;
		used += w[c];
	}
	/* One site or one ward shown: its column says nothing, so it goes
	 * first. */
	if (l->sc) {
		used -= w[C_SITE];
		w[C_SITE] = 0;
	}
	if (l->ward >= 0) {
		used -= w[C_WARD];
		w[C_WARD] = 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(drop_order) &&
			   used + NAME_MIN > t->cols; i++) {
		used -= w[drop_order[i]];
		w[drop_order[i]] = 0;
	}
	extra = t->cols - used;
	if (extra < NAME_MIN)
		extra = NAME_MIN;
	w[C_NAME] = extra > NAME_MAX ? NAME_MAX : extra;
	/* What the name does not need goes to the delay reason's label. */
	if (w[C_REASON] && extra > NAME_MAX)
		w[C_REASON] += extra - NAME_MAX;
}

/* s cut to width columns, ending in an ellipsis when cut. */
static void ellipsis(const struct tui *t, const char *s, int width, char *buf,
		     size_t size)
{
	const char *mark = t->utf8 ? "\u2026" : "...";
	int mw = t->utf8 ? 1 : 3, used = 0;
	size_t o = 0;

	if (tui_width(s) <= width) {
		snprintf(buf, size, "%s", s);
		return;
	}
	while (*s) {
		char one[8];
		size_t n = 1;
		int cw;

		while (s[n] && ((unsigned char)s[n] & 0xc0) == 0x80 &&
		       n < sizeof(one) - 1)
			n++;
		memcpy(one, s, n);
		one[n] = '\0';
		cw = tui_width(one);
		if (used + cw + mw > width || o + n + strlen(mark) >= size)
			break;
		memcpy(buf + o, s, n);
		o += n;
		used += cw;
		s += n;
	}
	while (o > 0 && buf[o - 1] == ' ') /* "Trust …" reads as a gap */
		o--;
	snprintf(buf + o, size - o, "%s", mark);
}

/* Where (site code and name, or every site), ward, filter, sort and search
 * on the left; the position on the right. When they do not all fit, the
 * site's name gives way first (cut with an ellipsis, then left out), then
 * the position's "in beds", then "ward: all": the filter, the sort and the
 * search always show. */
static void draw_header(struct tui *t, const struct list *l, int y)
{
	char rest[512], ward[64] = "", search[300] = "", pos[96], short_pos[64];
	char name[256] = "", line[1024];
	const char *where = l->sc ? l->sc->code : "Every site";
	int room, pw;

	if (l->sc)
		snprintf(ward, sizeof(ward), "  ward: %s",
			 l->ward >= 0 ? l->sc->wards[l->ward].code : "all");
	if (l->search[0])
		snprintf(search, sizeof(search), "  search: %s",
			 t->privacy ? "(hidden)" : l->search);
	snprintf(short_pos, sizeof(short_pos), " %ld of %ld",
		 l->total ? l->sel + 1 : 0, l->total);
	if (l->total != l->in_beds)
		snprintf(pos, sizeof(pos), "%s (%ld in beds)", short_pos,
			 l->in_beds);
	else
		snprintf(pos, sizeof(pos), "%s", short_pos);
	snprintf(rest, sizeof(rest), "%s  filter: %s  sort: %s%s", ward,
		 list_filter_name(t->list_filter),
		 list_sort_name(t->list_sort), search);
	room = t->cols - tui_width(where) - tui_width(rest) - tui_width(pos);
	if (room < 0) {
		room += tui_width(pos) - tui_width(short_pos);
		snprintf(pos, sizeof(pos), "%s", short_pos);
	}
	if (room < 0 && l->sc && l->ward < 0) {
		room += tui_width(ward);
		snprintf(rest, sizeof(rest), "  filter: %s  sort: %s%s",
			 list_filter_name(t->list_filter),
			 list_sort_name(t->list_sort), search);
	}
	/* The name, if a few letters of it fit after a space. */
	if (l->sc && room >= 1 + 6) {
		name[0] = ' ';
		ellipsis(t, l->sc->name, room - 1, name + 1, sizeof(name) - 1);
	}
	snprintf(line, sizeof(line), "%s%s%s", where, name, rest);
	pw = tui_width(pos);
	if (pw > t->cols)
		pw = t->cols;
	tui_text(t, y, 0, t->cols - pw, line, ATTR_BOLD, false);
	tui_text(t, y, t->cols - pw, pw, pos, ATTR_BOLD, true);
}

static void draw_titles(struct tui *t, const int w[C_COUNT], int y)
{
	int x = 0, attr = tui_attr(t, ROLE_HEADING);

	for (int c = 0; c < C_COUNT; c++) {
		if (!w[c])
			continue;
		tui_text(t, y, x, w[c] - (c == C_NAME ? 0 : 1),
			 c == C_DAY && t->past ? "Day" : columns[c].title,
			 attr, columns[c].right);
		if (c != C_NAME)
			tui_text(t, y, x + w[c] - 1, 1, "", attr, false);
		x += w[c];
	}
	tui_fill(t, y, x, attr);
}

static void draw_row(struct tui *t, struct view *v, struct list *l, long i,
		     const int w[C_COUNT], int y)
{
	struct list_row *r = row_at(l, i);
	bool sel = i == l->sel;
	int row_attr = sel ? tui_attr(t, ROLE_SELECTED) : ATTR_NORMAL;
	int x = 0;

	if (sel) {
		v->cursor_y = y;
		v->cursor_x = 0;
	}
	if (!r) {
		tui_text(t, y, 0, t->cols, "  ...", tui_attr(t, ROLE_DIM),
			 false);
		return;
	}
	for (int c = 0; c < C_COUNT; c++) {
		char buf[256];
		int attr = ATTR_NORMAL, tw;

		if (!w[c])
			continue;
		cell_text(t, l, r, (enum col)c, w[c], buf, sizeof(buf), &attr);
		/* The selection's colours win; bold survives for emphasis. */
		if (sel)
			attr = row_attr | (attr & ATTR_BOLD);
		tw = w[c] - 1;
		tui_text(t, y, x, tw, buf, attr, columns[c].right);
		tui_text(t, y, x + tw, 1, "", row_attr, false);
		x += w[c];
	}
	if (x < t->cols)
		tui_fill(t, y, x, row_attr);
}

/* The selected stay in full: identifiers, dates, delay, note. */
static void draw_detail(struct tui *t, struct list *l, int y)
{
	struct list_row *r = row_at(l, l->sel);
	const struct stay *s;
	const struct reason_cfg *rc;
	char line[1024], nhs[32], why[160] = "", note[200] = "";
	int delay;

	if (!r || !l->total) {
		tui_text(t, y, 0, t->cols,
			 l->total ? "" :
				    "no patients match: f filter, / search",
			 tui_attr(t, ROLE_DIM), false);
		return;
	}
	s = &r->s;
	tui_nhs_number(t, s->v[SF_NHS_NUMBER], nhs, sizeof(nhs));
	delay = stay_delay_days(s, l->on);
	rc = s->v[SF_DELAY_REASON] ?
		     config_delay_reason(t->cfg, s->v[SF_DELAY_REASON]) : NULL;
	if (s->v[SF_G2G_DATE]) {
		const char *agency = "";
		char state[40];
		enum agency ag;

		if (s->v[SF_DELAY_AGENCY] &&
		    agency_parse(s->v[SF_DELAY_AGENCY], &ag))
			agency = agency_label(ag);
		if (delay < 0)
			snprintf(state, sizeof(state), "not yet");
		else
			snprintf(state, sizeof(state), "delayed %d day%s",
				 delay, delay == 1 ? "" : "s");
		snprintf(why, sizeof(why), "  G2G %s (%s)%s%s%s%s",
			 s->v[SF_G2G_DATE], state, rc ? ": " : "",
			 rc ? rc->label : "",
			 *agency ? ", " : "", agency);
	}
	if (s->v[SF_NOTE]) {
		snprintf(note, sizeof(note), "  note: %s", s->v[SF_NOTE]);
		for (char *p = note; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
	}
	snprintf(line, sizeof(line), "NHS %s%s  EDD %s  admitted %.10s %.5s%s",
		 nhs[0] ? nhs : "-", why, s->v[SF_EDD] ? s->v[SF_EDD] : "none",
		 s->v[SF_ADMITTED_AT],
		 s->v[SF_ADMITTED_AT] && strlen(s->v[SF_ADMITTED_AT]) > 11 ?
			 s->v[SF_ADMITTED_AT] + 11 : "", note);
	tui_text(t, y, 0, t->cols, line, tui_attr(t, ROLE_DIM), false);
}

static void draw_legend(struct tui *t, const struct list *l, int y)
{
	char line[256];

	/* An earlier moment: no editing keys, the way back instead. */
	snprintf(line, sizeof(line),
		 "S stranded (LOS >= %d)  SS super-stranded (>= %d)  "
		 "! EDD passed   %s  f filter  s sort  / search  %s%s",
		 l->day.stranded_days, l->day.super_stranded_days,
		 t->past ? "read-only" : "Enter edit",
		 t->past ? "t then Enter: back to now" :
			   "today: y green  n red  x clear",
		 l->sc ? "  <- -> ward" : "");
	tui_text(t, y, 0, t->cols, line, tui_attr(t, ROLE_DIM), false);
}

static void list_draw(struct view *v, struct tui *t)
{
	struct list *l = v->state;
	int w[C_COUNT], y = t->body_top, footer, first;

	footer = t->body_rows >= 12 ? 2 : t->body_rows >= 6 ? 1 : 0;
	l->page = t->body_rows - 2 - footer;
	if (l->page < 1)
		l->page = 1;
	layout(t, l, w);
	draw_header(t, l, y++);
	draw_titles(t, w, y++);
	first = y;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + l->page)
		l->top = l->sel - l->page + 1;
	if (l->top > l->total - l->page)
		l->top = l->total > l->page ? l->total - l->page : 0;
	for (long i = l->top; i < l->total && y < first + l->page; i++)
		draw_row(t, v, l, i, w, y++);
	if (footer >= 1)
		draw_detail(t, l, t->body_top + t->body_rows - footer);
	if (footer >= 2)
		draw_legend(t, l, t->body_top + t->body_rows - 1);
	if (!l->total)
		v->cursor_y = first - 1;
}

/* ---- keys ----------------------------------------------------------------*/

/* Moves the selection to i; asks for a reload when the rows around it are
 * not in the window. */
static int select_row(struct list *l, long i)
{
	long need_from, need_to;
	struct list_row *r;

	if (i >= l->total)
		i = l->total - 1;
	if (i < 0)
		i = 0;
	l->sel = i;
	r = row_at(l, i);
	l->sel_id = r ? r->s.id : 0;
	need_from = i - l->page > 0 ? i - l->page : 0;
	need_to = i + l->page < l->total ? i + l->page : l->total - 1;
	if (need_to < 0 || (row_at(l, need_from) && row_at(l, need_to)))
		return TUI_REDRAW;
	return TUI_RELOAD;
}

/* Filter, sort, ward or search changed: back to the first row. */
static int requery(struct list *l)
{
	l->sel = 0;
	l->top = 0;
	l->sel_id = 0;
	return TUI_RELOAD;
}

static int cycle_ward(struct tui *t, struct list *l, int step)
{
	int n = l->sc ? (int)l->sc->nwards : 0;

	if (!l->sc) {
		tui_message(t, false, "every site's patients: no wards to "
			    "choose from (Enter opens one)");
		return TUI_REDRAW;
	}
	if (n == 0) {
		tui_message(t, false, "%s has no wards in the config", l->site);
		return TUI_REDRAW;
	}
	/* -1 (all), 0 .. n-1, round. */
	l->ward = (l->ward + 1 + step + n + 1) % (n + 1) - 1;
	tui_message(t, false, "ward: %s%s%s",
		    l->ward >= 0 ? l->sc->wards[l->ward].code : "all wards",
		    l->ward >= 0 ? " " : "",
		    l->ward >= 0 ? l->sc->wards[l->ward].name : "");
	return requery(l);
}

/* The prompt starts empty: what is typed is the whole search (Enter on
 * nothing shows everyone again); Up brings the current search back. */
static int do_search(struct tui *t, struct list *l)
{
	char buf[sizeof(l->search)] = "";

	if (!tui_prompt_recall(t, l->sc ? "search name or MRN (empty: all, "
					  "Up: last):" :
					  "search every site: name or MRN "
					  "(empty: all, Up: last):",
			       buf, sizeof(buf), l->search))
		return TUI_REDRAW;
	snprintf(l->search, sizeof(l->search), "%s", buf);
	return requery(l);
}

static int list_key(struct view *v, struct tui *t, enum action a, wint_t ch)
{
	struct list *l = v->state;
	struct list_row *r = l->total && l->sel_id ? row_at(l, l->sel) : NULL;

	(void)ch;
	switch (a) {
	case ACT_NONE:
		return -1;
	case ACT_UP:
		return select_row(l, l->sel - 1);
	case ACT_DOWN:
		return select_row(l, l->sel + 1);
	case ACT_PAGE_UP:
		return select_row(l, l->sel - l->page);
	case ACT_PAGE_DOWN:
		return select_row(l, l->sel + l->page);
	case ACT_HOME:
		return select_row(l, 0);
	case ACT_END:
		return select_row(l, l->total - 1);
	case ACT_LEFT:
		return cycle_ward(t, l, -1);
	case ACT_RIGHT:
		return cycle_ward(t, l, 1);
	case ACT_FILTER:
		t->list_filter = (enum list_filter)((t->list_filter + 1) %
						    LIST_FILTER_COUNT);
		return requery(l);
	case ACT_SORT:
		t->list_sort = (enum list_sort)((t->list_sort + 1) %
						LIST_SORT_COUNT);
		return requery(l);
	case ACT_SEARCH:
		return do_search(t, l);
	case ACT_OPEN:
	case ACT_EDIT:
		if (r && !tui_read_only(t))
			form_view_open(t, l->sel_id);
		return TUI_REDRAW;
	case ACT_HISTORY:
		if (r)
			history_view_open(t, l->sel_id);
		return TUI_REDRAW;
	case ACT_MARK_GREEN:
		return r ? tui_mark_today(t, r->s.id, l->day.day, r->mark, "green", NULL) :
			   TUI_REDRAW;
	case ACT_MARK_CLEAR:
		return r ? tui_mark_today(t, r->s.id, l->day.day, r->mark, NULL, NULL) :
			   TUI_REDRAW;
	case ACT_MARK_RED:
		return r ? tui_mark_red(t, r->s.id, l->day.day, r->mark) : TUI_REDRAW;
	case ACT_DECLARE:
		if (l->sc)
			declare_view_open(t, l->site);
		else
			tui_message(t, false, "every site's patients: "
				    "declare a site's level from the board");
		return TUI_REDRAW;
	case ACT_BACK:
		return TUI_POP;
	default:
		return 0;
	}
}

static int list_click(struct view *v, struct tui *t, int y, int x)
{
	struct list *l = v->state;
	int first = t->body_top + 2;

	(void)x;
	if (y < first || y >= first + l->page ||
	    l->top + (y - first) >= l->total)
		return 0;
	return select_row(l, l->top + (y - first));
}

static void list_close(struct view *v)
{
	struct list *l = v->state;

	if (!l)
		return;
	free_rows(l);
	free(l->rows);
	free(l);
}

static const struct view_ops list_view = {
	.name = "list",
	.load = list_load,
	.draw = list_draw,
	.key = list_key,
	.click = list_click,
	.close = list_close,
};

enum sr_status list_view_open(struct tui *t, const char *site,
			      const char *ward)
{
	const struct site_cfg *sc = site ? config_site(t->cfg, site) : NULL;
	struct list *l;

	if (!sc) {
		tui_message(t, true, "no site %s in the config",
			    site ? site : "(none)");
		return SR_ENOTFOUND;
	}
	l = xcalloc(1, sizeof(*l));
	snprintf(l->site, sizeof(l->site), "%s", sc->code);
	l->sc = sc;
	l->ward = -1;
	for (size_t i = 0; ward && i < sc->nwards; i++)
		if (strcmp(sc->wards[i].code, ward) == 0)
			l->ward = (int)i;
	if (ward && l->ward < 0) {
		tui_message(t, true, "no ward %s at %s", ward, sc->code);
		free(l);
		return SR_ENOTFOUND;
	}
	l->page = t->body_rows > 6 ? t->body_rows - 6 : 1;
	return tui_push(t, &list_view, l);
}

enum sr_status list_view_search(struct tui *t, const char *search)
{
	struct list *l = xcalloc(1, sizeof(*l));

	l->ward = -1;
	snprintf(l->search, sizeof(l->search), "%s", search ? search : "");
	l->page = t->body_rows > 6 ? t->body_rows - 6 : 1;
	return tui_push(t, &list_view, l);
}
