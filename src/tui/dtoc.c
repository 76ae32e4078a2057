/* The DTOC review: delayed bed days month to date against the trajectory,
 * a site table of delayed bed days by reason and by responsible agency,
 * today's delayed patients by reason, and a 30-day sparkline of delayed
 * patients for the system or the selected site. Figures come from
 * metrics_compute, as the board's and the report's do; the sparkline from
 * store_delayed_series.
 *
 * The table shares its site rows between the two groups of columns:
 * reasons (every configured code, then "none") | agencies (NHS, ASC, both,
 * none) | total. When the reasons do not all fit the width, left/right
 * scroll them and the table's title says which are shown. */
#include "tui.h"

#include <ctype.h>
#include <langinfo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/metrics.h"
#include "sitrep/util.h"

#define SERIES_DAYS 30
#define BAR_MAX 120

struct dtoc {
	struct system_metrics m;
	bool loaded;
	size_t *rows;      /* m.sites indices of the sites with any delay */
	size_t nrows;      /* the system row follows them, at index nrows */
	size_t sel;        /* 0 .. nrows */
	size_t top;        /* first table row shown */
	size_t hscroll;    /* first reason column shown */
	char sel_code[32]; /* the selected site across reloads; "" system */
	long series[SERIES_DAYS];
	sr_day series_from;
	bool utf8;         /* the user's locale is UTF-8: block characters */
	int table_y, table_n; /* where the rows were drawn, for clicks */
};

/* Glyphs, UTF-8 or ASCII. */

/* ---- loading ------------------------------------------------------------*/

struct series {
	sr_day from;
	long n[SERIES_DAYS];
};

static void put_day(void *ctx, const char *day, long delayed)
{
	struct series *se = ctx;
	sr_day x;

	if (date_parse(day, &x) && x >= se->from && x < se->from + SERIES_DAYS)
		se->n[x - se->from] = delayed;
}

/* The selected row's last 30 days; kept as they were on failure. */
static enum sr_status load_series(struct dtoc *d, struct tui *t,
				  struct sr_error *err)
{
	struct series se = {.from = tui_day(t) - (SERIES_DAYS - 1)};
	char from[DATE_BUF], to[DATE_BUF];
	enum sr_status s;

	date_format(se.from, from);
	date_format(tui_day(t), to);
	s = store_delayed_series(t->st, from, to,
				 d->sel_code[0] ? d->sel_code : NULL, put_day,
				 &se, err);
	if (s != SR_OK)
		return s;
	d->series_from = se.from;
	memcpy(d->series, se.n, sizeof(d->series));
	return SR_OK;
}

/* The rows: sites with any delayed bed day this month (a patient delayed
 * today counts today), then the system. */
static void build_rows(struct dtoc *d)
{
	free(d->rows);
	d->rows = xcalloc(d->m.nsites + 1, sizeof(*d->rows));
	d->nrows = 0;
	for (size_t i = 0; i < d->m.nsites; i++)
		if (d->m.sites[i].c.delayed_bed_days_mtd > 0 ||
		    d->m.sites[i].c.g2g > 0)
			d->rows[d->nrows++] = i;
	d->sel = d->nrows;
	for (size_t r = 0; r < d->nrows && d->sel_code[0]; r++)
		if (strcmp(d->m.sites[d->rows[r]].site->code, d->sel_code) == 0)
			d->sel = r;
	if (d->sel == d->nrows)
		d->sel_code[0] = '\0';
}

static enum sr_status dtoc_load(struct view *v, struct tui *t,
				struct sr_error *err)
{
	struct dtoc *d = v->state;
	struct system_metrics m;
	struct sr_moment mo;
	enum sr_status s;

	if (!d) {
		d = v->state = xcalloc(1, sizeof(*d));
		d->utf8 = t->utf8;
	}
	/* A failed reload keeps the figures on the screen. */
	/* The figures of the moment shown: now, or the one gone to. */
	tui_moment(t, &mo);
	s = metrics_compute_at(t->st, t->cfg, &mo, NULL, &m, err);
	if (s != SR_OK)
		return s;
	if (d->loaded)
		metrics_free(&d->m);
	d->m = m;
	d->loaded = true;
	build_rows(d);
	return load_series(d, t, err);
}

/* ---- what a row holds ---------------------------------------------------*/

static const struct flow_counts *row_counts(const struct dtoc *d, size_t r)
{
	return r < d->nrows ? &d->m.sites[d->rows[r]].c : &d->m.total;
}

static const char *row_name(const struct dtoc *d, size_t r)
{
	return r < d->nrows ? d->m.sites[d->rows[r]].site->code : "System";
}

/* Table columns: the reasons (each configured code, then "none"), the
 * agencies (NHS, ASC, both, then "none"), then the total. */
static size_t nreason_cols(const struct tui *t)
{
	return t->cfg->ndelay_reasons + 1;
}

static size_t total_col(const struct tui *t)
{
	return nreason_cols(t) + AGENCY_COUNT + 1;
}

static const char *col_title(const struct tui *t, size_t col)
{
	size_t nr = nreason_cols(t);

	if (col < nr - 1)
		return t->cfg->delay_reasons[col].code;
	if (col >= nr && col < nr + AGENCY_COUNT)
		return agency_code((enum agency)(col - nr));
	return col == total_col(t) ? "Total" : "none";
}

static long col_value(const struct tui *t, const struct flow_counts *c,
		      size_t col)
{
	size_t nr = nreason_cols(t);

	if (col < nr)
		return c->dbd_mtd_by_reason[col];
	if (col < total_col(t))
		return c->dbd_mtd_by_agency[col - nr];
	return c->delayed_bed_days_mtd;
}

/* A column's width: its title or its widest number, plus a space. */
static int col_width(const struct dtoc *d, const struct tui *t, size_t col)
{
	int w = tui_width(col_title(t, col));
	char buf[32];

	for (size_t r = 0; r <= d->nrows; r++) {
		int n = snprintf(buf, sizeof(buf), "%ld",
				 col_value(t, row_counts(d, r), col));

		if (n > w)
			w = n;
	}
	return w + 1;
}

static int name_width(const struct dtoc *d)
{
	int w = 6; /* "System" */

	for (size_t r = 0; r < d->nrows; r++)
		if (tui_width(row_name(d, r)) > w)
			w = tui_width(row_name(d, r));
	return w > 16 ? 16 : w;
}

/* Columns left for reasons once the site, agency and total columns (and
 * two separators) have theirs. */
static int reasons_room(const struct dtoc *d, const struct tui *t)
{
	int w = name_width(d) + 2;

	for (size_t col = nreason_cols(t); col <= total_col(t); col++)
		w += col_width(d, t, col);
	return t->cols - w;
}

/* How many reason columns fit from first on. */
static size_t reasons_fit(const struct dtoc *d, const struct tui *t,
			  size_t first)
{
	int room = reasons_room(d, t);
	size_t n = 0;

	for (size_t i = first; i < nreason_cols(t); i++) {
		room -= col_width(d, t, i);
		if (room < 0)
			break;
		n++;
	}
	return n;
}

/* The furthest scroll that still fills the room. */
static size_t max_hscroll(const struct dtoc *d, const struct tui *t)
{
	size_t n = nreason_cols(t), first = n;

	while (first > 0 && reasons_fit(d, t, first - 1) == n - (first - 1))
		first--;
	return first < n ? first : (n ? n - 1 : 0);
}

/* ---- drawing ------------------------------------------------------------*/

/* [█████│█┃████] so far (filled), expected by now (│), the month's target
 * (the bar's end, or ┃ when passed), with a legend. */
static void draw_bar(struct tui *t, const struct dtoc *d, int y, int attr)
{
	const struct trajectory_status *tr = &d->m.trajectory;
	long mtd = d->m.total.delayed_bed_days_mtd;
	bool over = mtd > tr->target;
	char label[96];
	int lw, w, pos_mtd, pos_exp, pos_tgt;
	double scale;

	snprintf(label, sizeof(label), " %s expected, %s target; projected "
		 "%.0f", d->utf8 ? "│" : "|",
		 over ? (d->utf8 ? "┃" : "!") : "]", tr->projected);
	lw = tui_width(label);
	w = t->cols - 2 - lw;
	if (w < 10) {
		lw = 0;
		w = t->cols - 2;
	}
	if (w > BAR_MAX)
		w = BAR_MAX;
	scale = (double)w / (double)(over ? mtd : tr->target > 0 ? tr->target
								 : 1);
	pos_mtd = (int)lround((double)mtd * scale);
	pos_exp = (int)lround(tr->expected_to_date * scale);
	pos_tgt = (int)lround((double)tr->target * scale);
	if (pos_exp >= w)
		pos_exp = w - 1;
	/* Both markers visible when they would share a cell. */
	if (over && pos_exp == pos_tgt - 1 && pos_exp > 0)
		pos_exp--;
	tui_text(t, y, 0, 1, "[", ATTR_NORMAL, false);
	for (int i = 0; i < w; i++) {
		const char *g = " ";
		int a = ATTR_NORMAL;

		if (i == pos_exp) {
			g = d->utf8 ? "│" : "|";
			a = ATTR_BOLD;
		} else if (over && i == pos_tgt - 1) {
			g = d->utf8 ? "┃" : "!";
			a = ATTR_BOLD;
		} else if (i < pos_mtd) {
			g = d->utf8 ? "█" : "#";
			a = attr;
		} else if (i < pos_tgt) {
			g = d->utf8 ? "░" : ".";
		}
		tui_text(t, y, 1 + i, 1, g, a, false);
	}
	tui_text(t, y, 1 + w, 1, "]", ATTR_NORMAL, false);
	if (lw)
		tui_text(t, y, 2 + w, t->cols - 2 - w, label, ATTR_NORMAL,
			 false);
}

/* Line 1: the month so far in words, the verdict first so that a narrow
 * window still shows it. Line 2: the bar. */
static void draw_trajectory(struct tui *t, const struct dtoc *d, int y,
			    int nlines)
{
	const struct trajectory_status *tr = &d->m.trajectory;
	long mtd = d->m.total.delayed_bed_days_mtd;
	const char *verdict = tr->on_track ? "on track" : "OVER";
	int attr = tui_attr(t, tr->on_track ? ROLE_OK : ROLE_CROSSED);
	int vw = tui_width(verdict), ww;
	char line[256], when[40];

	/* Which moment the figures are for (issue 12, defect 13). */
	metrics_moment_short(&d->m, when, sizeof(when));
	strlcpy_ok(when + strlen(when), ": ", sizeof(when) - strlen(when));
	ww = tui_width(when);
	tui_text(t, y, 0, ww, when, ATTR_BOLD, false);
	if (tr->target < 0) {
		snprintf(line, sizeof(line), "Delayed bed days this month %ld, "
			 "projected %.0f (no trajectory configured)", mtd,
			 tr->projected);
		tui_text(t, y, ww, t->cols - ww, line, ATTR_BOLD, false);
		return;
	}
	tui_text(t, y, ww, vw, verdict, attr | ATTR_BOLD, false);
	snprintf(line, sizeof(line), ": %ld delayed bed days this month; "
		 "%.0f expected by now; target %d", mtd, tr->expected_to_date,
		 tr->target);
	tui_text(t, y, ww + vw, t->cols - ww - vw, line, ATTR_BOLD, false);
	if (nlines >= 2)
		draw_bar(t, d, y + 1, attr);
}

static void draw_table_title(struct tui *t, const struct dtoc *d, int y,
			     size_t shown)
{
	const char *head = d->utf8 ? "Delayed bed days this month, by "
				     "reason │ by agency"
				   : "Delayed bed days this month, by reason "
				     "| by agency";
	char line[4][200];
	size_t n = nreason_cols(t), first = d->hscroll + 1,
	       last = d->hscroll + shown;
	int pick = 0;

	snprintf(line[0], sizeof(line[0]), "%s", head);
	if (shown == 0) {
		snprintf(line[1], sizeof(line[1]), "%s (too narrow for "
			 "reasons)", head);
		snprintf(line[2], sizeof(line[2]), "Delayed bed days this "
			 "month by agency");
		snprintf(line[3], sizeof(line[3]), "Bed days MTD by agency");
		pick = 1;
	} else if (shown < n) {
		snprintf(line[1], sizeof(line[1]), "%s; reasons %.16s-%.16s "
			 "(%zu-%zu of %zu), left/right for more", head,
			 col_title(t, first - 1), col_title(t, last - 1),
			 first, last, n);
		snprintf(line[2], sizeof(line[2]), "Delayed bed days this "
			 "month; reasons %zu-%zu of %zu: left/right", first,
			 last, n);
		snprintf(line[3], sizeof(line[3]), "Bed days MTD, reasons "
			 "%zu-%zu/%zu <>", first, last, n);
		pick = 1;
	}
	while (pick && pick < 3 && tui_width(line[pick]) > t->cols)
		pick++;
	tui_text(t, y, 0, t->cols, line[pick], tui_attr(t, ROLE_HEADING),
		 false);
}

/* One cell of column col: its title on the header line (c NULL). */
static void draw_cell(struct tui *t, const struct dtoc *d, int y, int *x,
		      size_t col, const struct flow_counts *c, int attr)
{
	int w = col_width(d, t, col);
	char buf[32];
	long v = c ? col_value(t, c, col) : 0;

	if (v)
		snprintf(buf, sizeof(buf), "%ld", v);
	else
		snprintf(buf, sizeof(buf), "-");
	tui_text(t, y, *x, w, c ? buf : col_title(t, col), attr, true);
	*x += w;
}

/* One table line: the column titles (r = SIZE_MAX) or row r. */
static void draw_table_line(struct tui *t, struct dtoc *d, int y, size_t r,
			    size_t shown)
{
	bool header = r == SIZE_MAX, sel = !header && r == d->sel;
	const struct flow_counts *c = header ? NULL : row_counts(d, r);
	int nw = name_width(d), x = nw, attr;
	const char *sep = d->utf8 ? "│" : "|";

	if (header)
		attr = tui_attr(t, ROLE_HEADING);
	else if (sel)
		attr = tui_attr(t, ROLE_SELECTED);
	else
		attr = r == d->nrows ? ATTR_BOLD : ATTR_NORMAL;
	tui_fill(t, y, 0, attr);
	tui_text(t, y, 0, nw, header ? "Site" : row_name(d, r), attr, false);
	for (size_t col = d->hscroll; col < d->hscroll + shown; col++)
		draw_cell(t, d, y, &x, col, c, attr);
	for (size_t col = nreason_cols(t); col <= total_col(t); col++) {
		if (col == nreason_cols(t) || col == total_col(t))
			tui_text(t, y, x++, 1, sep, attr, false);
		draw_cell(t, d, y, &x, col, c, attr);
	}
	if (sel) {
		t->top->cursor_y = y;
		t->top->cursor_x = 0;
	}
}

static void draw_table(struct tui *t, struct dtoc *d, int y, int nlines)
{
	size_t shown, rows;

	if (d->hscroll > max_hscroll(d, t))
		d->hscroll = max_hscroll(d, t);
	shown = reasons_fit(d, t, d->hscroll);
	draw_table_title(t, d, y++, shown);
	if (nlines < 2)
		return;
	draw_table_line(t, d, y++, SIZE_MAX, shown);
	rows = nlines > 2 ? (size_t)(nlines - 2) : 0;
	if (d->sel < d->top)
		d->top = d->sel;
	if (rows && d->sel >= d->top + rows)
		d->top = d->sel - rows + 1;
	if (d->top + rows > d->nrows + 1)
		d->top = d->nrows + 1 > rows ? d->nrows + 1 - rows : 0;
	d->table_y = y;
	d->table_n = 0;
	for (size_t r = d->top; r <= d->nrows && r < d->top + rows; r++) {
		draw_table_line(t, d, y++, r, shown);
		d->table_n++;
	}
}

/* "today", or "then" for an earlier moment gone to. */
static const char *when_word(const struct tui *t)
{
	return t->past ? "then" : "today";
}

/* "Delayed patients today, SFT: 18 (NHS 5, ASC 9, both 2, none 2)", then
 * "by reason: D1 4, A 3, none 2", largest first. */
static void draw_today(struct tui *t, const struct dtoc *d, int y,
		       int nlines)
{
	const struct flow_counts *c = row_counts(d, d->sel);
	size_t n = nreason_cols(t), *order = xcalloc(n, sizeof(*order));
	char line[512];
	int len;

	len = snprintf(line, sizeof(line), "Delayed patients %s, %s: %d",
		       when_word(t), d->sel < d->nrows ?
		       row_name(d, d->sel) : "system", c->g2g);
	for (int a = 0; a <= AGENCY_COUNT && len > 0 &&
			(size_t)len < sizeof(line); a++)
		len += snprintf(line + len, sizeof(line) - (size_t)len,
				"%s%s %d%s", a ? ", " : " (",
				col_title(t, nreason_cols(t) + (size_t)a),
				c->g2g_by_agency[a],
				a == AGENCY_COUNT ? ")" : "");
	if (nlines > 1) {
		tui_text(t, y++, 0, t->cols, line, ATTR_NORMAL, false);
		len = snprintf(line, sizeof(line), "  by reason:");
	} else {
		len = snprintf(line, sizeof(line), "Delayed patients %s, "
			       "%s: %d by reason:", when_word(t),
			       d->sel < d->nrows ? row_name(d, d->sel) :
			       "system", c->g2g);
	}
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	/* Insertion sort, stable: ties keep the configured order. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && c->g2g_by_reason[order[j]] >
					      c->g2g_by_reason[order[j - 1]];
		     j--) {
			size_t tmp = order[j];

			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	for (size_t i = 0; i < n && c->g2g_by_reason[order[i]] > 0; i++) {
		if (len < 0 || (size_t)len >= sizeof(line))
			break;
		len += snprintf(line + len, sizeof(line) - (size_t)len,
				"%s %s %d", i ? "," : "",
				col_title(t, order[i]),
				c->g2g_by_reason[order[i]]);
	}
	if (c->g2g == 0 && len > 0 && (size_t)len < sizeof(line))
		snprintf(line + len, sizeof(line) - (size_t)len, " none");
	free(order);
	tui_text(t, y, 0, t->cols, line, ATTR_NORMAL, false);
}

static void draw_sparkline(struct tui *t, const struct dtoc *d, int y,
			   int nlines)
{
	long lo = d->series[0], hi = d->series[0];
	int ilo = 0, ihi = 0, x = 0, first = 0;
	char line[256], a[DATE_BUF], b[DATE_BUF], dlo[DATE_BUF],
		dhi[DATE_BUF];
	bool labels;

	for (int i = 1; i < SERIES_DAYS; i++) {
		if (d->series[i] < lo) {
			lo = d->series[i];
			ilo = i;
		}
		if (d->series[i] > hi) {
			hi = d->series[i];
			ihi = i;
		}
	}
	date_format(d->series_from + ilo, dlo);
	date_format(d->series_from + ihi, dhi);
	snprintf(line, sizeof(line), "Delayed patients, %s, %d days: %s "
		 "%ld  min %ld (%s)  max %ld (%s)",
		 d->sel < d->nrows ? row_name(d, d->sel) : "system",
		 SERIES_DAYS, when_word(t), d->series[SERIES_DAYS - 1], lo,
		 dlo + 5, hi, dhi + 5);
	tui_text(t, y, 0, t->cols, line, tui_attr(t, ROLE_HEADING), false);
	if (nlines < 2)
		return;
	y++;
	/* Dates at both ends when they fit, else as many days as fit. */
	labels = t->cols >= SERIES_DAYS + 12;
	if (!labels && t->cols < SERIES_DAYS)
		first = SERIES_DAYS - t->cols;
	date_format(d->series_from + first, a);
	date_format(d->series_from + SERIES_DAYS - 1, b);
	if (labels) {
		tui_text(t, y, 0, 6, a + 5, tui_attr(t, ROLE_DIM), false);
		x = 6;
	}
	tui_sparkline(t, y, x, d->series + first, SERIES_DAYS - first, lo, hi);
	x += SERIES_DAYS - first;
	if (labels)
		tui_text(t, y, x + 1, 5, b + 5, tui_attr(t, ROLE_DIM), false);
}

/* Sections from the top, by priority when the window is short: the
 * trajectory, the table (title, header, a row), the sparkline, today's
 * figures, then more table rows, today's reasons on a line of their own,
 * then blank lines between sections. */
static void dtoc_draw(struct view *v, struct tui *t)
{
	struct dtoc *d = v->state;
	int avail = t->body_rows, y = t->body_top;
	int traj, table, spark, today, more;

	if (avail <= 0)
		return;
	traj = avail < 2 ? avail : 2;
	avail -= traj;
	table = avail < 3 ? avail : 3;
	avail -= table;
	spark = avail < 2 ? avail : 2;
	avail -= spark;
	today = avail < 1 ? avail : 1;
	avail -= today;
	more = (int)d->nrows; /* rows past the first */
	if (more > avail)
		more = avail;
	table += more;
	avail -= more;
	if (avail > 0) {
		today++;
		avail--;
	}
	draw_trajectory(t, d, y, traj);
	y += traj + (avail >= 1 ? 1 : 0);
	if (table > 0)
		draw_table(t, d, y, table);
	y += table + (avail >= 2 ? 1 : 0);
	if (today > 0)
		draw_today(t, d, y, today);
	y += today + (avail >= 3 ? 1 : 0);
	if (spark > 0)
		draw_sparkline(t, d, y, spark);
}

/* ---- keys ---------------------------------------------------------------*/

static void select_row(struct dtoc *d, struct tui *t, size_t r)
{
	struct sr_error err = {0};

	if (r > d->nrows)
		r = d->nrows;
	if (r == d->sel)
		return;
	d->sel = r;
	if (r < d->nrows)
		strlcpy_ok(d->sel_code, row_name(d, r), sizeof(d->sel_code));
	else
		d->sel_code[0] = '\0';
	if (load_series(d, t, &err) != SR_OK)
		tui_message(t, true, "%s", err.msg);
}

static int dtoc_key(struct view *v, struct tui *t, enum action a, wint_t ch)
{
	struct dtoc *d = v->state;
	size_t page = d->table_n > 1 ? (size_t)d->table_n - 1 : 1;

	(void)ch;
	switch (a) {
	case ACT_NONE:
		return -1;
	case ACT_UP:
		select_row(d, t, d->sel ? d->sel - 1 : 0);
		break;
	case ACT_DOWN:
		select_row(d, t, d->sel + 1);
		break;
	case ACT_PAGE_UP:
		select_row(d, t, d->sel > page ? d->sel - page : 0);
		break;
	case ACT_PAGE_DOWN:
		select_row(d, t, d->sel + page);
		break;
	case ACT_HOME:
		select_row(d, t, 0);
		break;
	case ACT_END:
		select_row(d, t, d->nrows);
		break;
	case ACT_LEFT:
		if (d->hscroll)
			d->hscroll--;
		break;
	case ACT_RIGHT:
		if (d->hscroll < max_hscroll(d, t))
			d->hscroll++;
		break;
	case ACT_OPEN:
		if (d->sel < d->nrows)
			list_view_open(t, row_name(d, d->sel), NULL);
		break;
	case ACT_DECLARE:
		declare_view_open(t, d->sel < d->nrows ? row_name(d, d->sel)
						       : STORE_SYSTEM);
		break;
	case ACT_TRENDS:
		trends_view_open(t, d->sel_code[0] ? d->sel_code : NULL);
		return TUI_REDRAW;
	case ACT_NEXT_VIEW:
	case ACT_DTOC:
	case ACT_BACK:
		return TUI_POP;
	default:
		return 0;
	}
	return TUI_REDRAW;
}

static int dtoc_click(struct view *v, struct tui *t, int y, int x)
{
	struct dtoc *d = v->state;

	(void)x;
	if (y < d->table_y || y >= d->table_y + d->table_n)
		return 0;
	select_row(d, t, d->top + (size_t)(y - d->table_y));
	return TUI_REDRAW;
}

static void dtoc_close(struct view *v)
{
	struct dtoc *d = v->state;

	if (!d)
		return;
	if (d->loaded)
		metrics_free(&d->m);
	free(d->rows);
	free(d);
}

const struct view_ops dtoc_view = {
	.name = "dtoc",
	.load = dtoc_load,
	.draw = dtoc_draw,
	.key = dtoc_key,
	.click = dtoc_click,
	.close = dtoc_close,
};
