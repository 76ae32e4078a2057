/* The trends view: a headline figure's SPC chart (an XmR chart as Making
 * Data Count draws it) for the system or a site, drawn in the terminal:
 * the mean and process limits as lines, each point a dot, a special cause
 * as its rule's letter (O outside, T trend, 2 two of three, S shift) in
 * the colour of an improvement or a concern, so the chart reads without
 * colour; with last year as the baseline, its points dimmed before this
 * year's; with i, the values imported for the years before sitrep. The
 * figures and the chart come from the trend module, as `sitrep spc`
 * prints them. Opened with T from the board or the DTOC review;
 * Left/Right change the figure, b the period, a last year, i imported. */
#include "tui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/trend.h"
#include "sitrep/util.h"

/* Rows besides the plot: the title, the icons, the period labels and the
 * legend; the plot needs a few rows to be of any use. */
#define TRENDS_FIXED_ROWS 4
#define TRENDS_MIN_PLOT 5
#define AXIS_WIDTH 9 /* the value labels left of the plot */
#define STEP_MAX 6   /* the most columns a point takes */

struct trends {
	char site[32]; /* "" the system */
	enum trend_figure fig;
	enum trend_by by;
	bool last_year;
	bool imported; /* before sitrep's data, the imported values */
	bool loaded;
	struct trend tr;
	char error[SR_ERROR_MAX]; /* why there is no chart, when there is none */
};

static enum sr_status trends_load(struct view *v, struct tui *t,
				  struct sr_error *err)
{
	struct trends *s = v->state;
	struct trend_query q = {
		.fig = s->fig,
		.by = s->by,
		.site = s->site[0] ? s->site : NULL,
		.last_year = s->last_year,
		.imported = s->imported,
	};
	struct sr_error e = {0};
	enum sr_status st;

	(void)err;
	if (s->loaded)
		trend_free(&s->tr);
	s->loaded = false;
	s->error[0] = '\0';
	trend_default_range(s->by, tui_day(t), &q.from, &q.to);
	st = trend_load(t->st, t->cfg, &q, &s->tr, &e);
	if (st == SR_EINVAL) {
		/* No data, no whole period: said in the view, not an error
		 * of the console. */
		snprintf(s->error, sizeof(s->error), "%s", e.msg);
		return SR_OK;
	}
	if (st != SR_OK) {
		*err = e;
		return st;
	}
	s->loaded = true;
	return SR_OK;
}

/* ---- drawing ------------------------------------------------------------*/

struct plot {
	int top, rows;   /* screen rows of the plot */
	int x0, width;   /* screen columns of the points */
	double lo, hi;   /* the values at the bottom and top rows */
	size_t first, n; /* the points shown: first .. first + n - 1 */
	int step;        /* columns per point */
};

static int row_of(const struct plot *p, double v)
{
	double f = (p->hi - v) / (p->hi - p->lo);
	int r = (int)lround(f * (p->rows - 1));

	return p->top + (r < 0 ? 0 : r >= p->rows ? p->rows - 1 : r);
}

static void put_glyph(struct tui *t, int y, int x, const char *utf8,
		      const char *ascii, int attr)
{
	tui_text(t, y, x, 1, t->utf8 ? utf8 : ascii, attr, false);
}

static void put_value(struct tui *t, int y, double v, int attr)
{
	char buf[32];

	snprintf(buf, sizeof(buf), fabs(v) >= 1000 ? "%.0f" : "%.1f", v);
	tui_text(t, y, 0, AXIS_WIDTH - 1, buf, attr, true);
}

static int point_attr(const struct tui *t, const struct spc_point *q,
		      bool baseline)
{
	if (baseline)
		return tui_attr(t, ROLE_DIM);
	switch (q->type) {
	case SPC_IMPROVEMENT:
		return tui_attr(t, ROLE_IMPROVE);
	case SPC_CONCERN:
		return tui_attr(t, ROLE_CONCERN);
	case SPC_NEUTRAL_HIGH:
	case SPC_NEUTRAL_LOW:
		return tui_attr(t, ROLE_HEADING);
	default:
		return tui_attr(t, ROLE_NORMAL);
	}
}

/* The scale: every value and every limit of the points shown. */
static void scale(const struct trend *tr, struct plot *p)
{
	p->lo = INFINITY;
	p->hi = -INFINITY;
	for (size_t i = p->first; i < p->first + p->n; i++) {
		const double v[] = {tr->p[i].value, tr->pt[i].lpl,
				    tr->pt[i].upl, tr->pt[i].mean};

		for (size_t k = 0; k < ARRAY_SIZE(v); k++)
			if (!isnan(v[k])) {
				p->lo = fmin(p->lo, v[k]);
				p->hi = fmax(p->hi, v[k]);
			}
	}
	if (!(p->hi > p->lo)) {
		p->hi = p->lo + 1;
		p->lo -= 1;
	}
}

static void draw_lines(struct tui *t, const struct trend *tr,
		       const struct plot *p)
{
	int dim = tui_attr(t, ROLE_DIM);

	for (size_t j = 0; j < p->n; j++) {
		const struct spc_point *q = &tr->pt[p->first + j];
		int x = p->x0 + (int)j * p->step;

		for (int k = 0; k < p->step; k++) {
			if (!isnan(q->upl)) {
				put_glyph(t, row_of(p, q->upl), x + k, "┄", ".",
					  dim);
				put_glyph(t, row_of(p, q->lpl), x + k, "┄", ".",
					  dim);
			}
			put_glyph(t, row_of(p, q->mean), x + k, "─", "-",
				  ATTR_NORMAL);
		}
	}
}

static void draw_points(struct tui *t, const struct trend *tr,
			const struct plot *p)
{
	for (size_t j = 0; j < p->n; j++) {
		size_t i = p->first + j;
		const struct spc_point *q = &tr->pt[i];
		bool base = i < tr->nbase;
		int y = row_of(p, tr->p[i].value);
		int x = p->x0 + (int)j * p->step;
		int attr = point_attr(t, q, base);

		if (q->rule != SPC_RULE_NONE)
			tui_text(t, y, x, 1, spc_rule_letter(q->rule),
				 attr | ATTR_BOLD, false);
		else if (tr->p[i].imported)
			put_glyph(t, y, x, "◇", "+", attr);
		else if (base)
			put_glyph(t, y, x, "·", ".", attr);
		else
			put_glyph(t, y, x, "●", "o", attr);
	}
}

/* Value labels: the top and bottom of the scale, and the last segment's
 * mean and limits where they fall on rows of their own. */
static void draw_axis(struct tui *t, const struct trend *tr,
		      const struct plot *p)
{
	const struct spc_point *last = &tr->pt[tr->n - 1];
	int used[3] = {-1, -1, -1}, k = 0;
	const double marks[] = {last->upl, last->mean, last->lpl};

	put_value(t, p->top, p->hi, tui_attr(t, ROLE_DIM));
	put_value(t, p->top + p->rows - 1, p->lo, tui_attr(t, ROLE_DIM));
	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		int y;

		if (isnan(marks[i]))
			continue;
		y = row_of(p, marks[i]);
		if (y == p->top || y == p->top + p->rows - 1 ||
		    (k && used[k - 1] == y))
			continue;
		put_value(t, y, marks[i], i == 1 ? ATTR_BOLD : ATTR_NORMAL);
		used[k++] = y;
	}
	for (int y = p->top; y < p->top + p->rows; y++)
		put_glyph(t, y, AXIS_WIDTH - 1, "│", "|",
			  tui_attr(t, ROLE_DIM));
}

static void draw_labels(struct tui *t, const struct trend *tr,
			const struct plot *p, int y)
{
	char a[DATE_BUF], b[DATE_BUF];
	int xb;

	trend_period_label(tr->by, &tr->p[p->first], a);
	trend_period_label(tr->by, &tr->p[p->first + p->n - 1], b);
	tui_fill(t, y, 0, ATTR_NORMAL);
	tui_text(t, y, p->x0, tui_width(a), a, tui_attr(t, ROLE_DIM), false);
	xb = p->x0 + (int)(p->n - 1) * p->step + 1 - tui_width(b);
	if (p->n > 1 && xb > p->x0 + tui_width(a))
		tui_text(t, y, xb, tui_width(b), b, tui_attr(t, ROLE_DIM),
			 false);
	if (tr->nbase > p->first && tr->nbase < p->first + p->n) {
		/* Where this year begins. */
		int x = p->x0 + (int)(tr->nbase - p->first) * p->step;
		char c[DATE_BUF];

		trend_period_label(tr->by, &tr->p[tr->nbase], c);
		if (x > p->x0 + tui_width(a) && x + tui_width(c) < xb)
			tui_text(t, y, x, tui_width(c), c, ATTR_NORMAL, false);
	}
}

static void title_lines(struct tui *t, const struct trends *s, int y)
{
	const struct trend *tr = &s->tr;
	const struct trend_figure_info *info = trend_figure_info(s->fig);
	char buf[512], icon[64], a[DATE_BUF], b[DATE_BUF];
	const char *per = "";

	if (tr->by != TREND_DAY && info->agg != TREND_SUM)
		per = s->fig == TREND_BEFORE_MIDDAY_PCT ?
			      " (of the period's discharges)" : " (mean per day)";
	trend_period_label(tr->by, &tr->p[tr->nbase], a);
	trend_period_label(tr->by, &tr->p[tr->n - 1], b);
	snprintf(buf, sizeof(buf), "%s%s by %s, %s, %s to %s%s", tr->title, per,
		 trend_by_name(tr->by), s->site[0] ? s->site : "system", a, b,
		 tr->sum.trial ? " (trial limits)" : "");
	tui_fill(t, y, 0, ATTR_NORMAL);
	tui_text(t, y, 0, t->cols, buf, tui_attr(t, ROLE_HEADING), false);
	snprintf(icon, sizeof(icon), "%s",
		 spc_icon_name(tr->sum.icon, tr->sum.icon_side));
	for (char *c = icon; *c; c++)
		if (*c == '_')
			*c = ' ';
	if (tr->nbase)
		snprintf(buf, sizeof(buf), "last point: %s; %s is better; "
			 "limits from last year (%zu %ss, dimmed)", icon,
			 info->better == SPC_UP ? "higher" : "lower", tr->nbase,
			 trend_by_name(tr->by));
	else
		snprintf(buf, sizeof(buf), "last point: %s; %s is better; "
			 "limits from all %zu points", icon,
			 info->better == SPC_UP ? "higher" : "lower", tr->n);
	tui_fill(t, y + 1, 0, ATTR_NORMAL);
	tui_text(t, y + 1, 0, t->cols, buf,
		 point_attr(t, &tr->pt[tr->n - 1], false), false);
}

/* Writes text over the rows from y, broken at spaces to the width. */
static void wrap(struct tui *t, int y, int rows, const char *text)
{
	const char *p = text;
	int w = t->cols > 1 ? t->cols - 1 : 1;

	for (int r = 0; *p && r < rows; r++) {
		size_t len = strlen(p), cut = len;
		char line[SR_ERROR_MAX + 128];

		if ((int)len > w) {
			cut = (size_t)w;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = (size_t)w;
		}
		snprintf(line, sizeof(line), "%.*s", (int)cut, p);
		tui_text(t, y + r, 0, t->cols, line,
			 r ? ATTR_NORMAL : tui_attr(t, ROLE_HEADING), false);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

static void trends_draw(struct view *v, struct tui *t)
{
	struct trends *s = v->state;
	const struct trend *tr = &s->tr;
	int top = t->body_top, rows = t->body_rows;
	struct plot p;
	const char *legend;

	for (int y = top; y < top + rows; y++)
		tui_fill(t, y, 0, ATTR_NORMAL);
	v->cursor_y = top;
	v->cursor_x = 0;
	if (!s->loaded) {
		char buf[SR_ERROR_MAX + 128];
		const struct trend_figure_info *info = trend_figure_info(s->fig);

		snprintf(buf, sizeof(buf), "%s by %s, %s: no chart: %s",
			 info->name, trend_by_name(s->by),
			 s->site[0] ? s->site : "system", s->error);
		wrap(t, top, rows, buf);
		return;
	}
	title_lines(t, s, top);
	p.rows = rows - TRENDS_FIXED_ROWS;
	if (p.rows < TRENDS_MIN_PLOT || t->cols < AXIS_WIDTH + 12) {
		tui_text(t, top + 2, 0, t->cols, "(the window is too small for "
			 "the chart)", tui_attr(t, ROLE_DIM), false);
		return;
	}
	p.top = top + 2;
	p.x0 = AXIS_WIDTH + 1;
	p.width = t->cols - p.x0 - 1;
	p.n = tr->n < (size_t)p.width ? tr->n : (size_t)p.width;
	p.first = tr->n - p.n;
	p.step = p.width / (int)p.n;
	if (p.step > STEP_MAX)
		p.step = STEP_MAX;
	if (p.step < 1)
		p.step = 1;
	scale(tr, &p);
	draw_lines(t, tr, &p);
	draw_points(t, tr, &p);
	draw_axis(t, tr, &p);
	draw_labels(t, tr, &p, p.top + p.rows);
	legend = t->utf8 ? "● point  O outside  T trend  2 two of three  "
			   "S shift  ─ mean  ┄ limits  · last year  ◇ imported"
			 : "o point  O outside  T trend  2 two of three  "
			   "S shift  - mean  . limits  . last year  + imported";
	tui_text(t, p.top + p.rows + 1, 0, t->cols, legend,
		 tui_attr(t, ROLE_DIM), false);
	if (p.n < tr->n) {
		char buf[64];

		snprintf(buf, sizeof(buf), "(the last %zu of %zu %ss)", p.n,
			 tr->n, trend_by_name(tr->by));
		tui_text(t, p.top + p.rows, t->cols - tui_width(buf) - 1,
			 tui_width(buf), buf, tui_attr(t, ROLE_DIM), false);
	}
}

static int trends_key(struct view *v, struct tui *t, enum action a,
		      wint_t ch)
{
	struct trends *s = v->state;

	(void)t;
	switch (a) {
	case ACT_NONE:
		if (ch == 'b') {
			s->by = (enum trend_by)((s->by + 1) % TREND_BY_COUNT);
			if (trend_figure_info(s->fig)->not_by_day &&
			    s->by == TREND_DAY)
				s->by = TREND_WEEK;
			return TUI_RELOAD;
		}
		if (ch == 'a') {
			s->last_year = !s->last_year;
			return TUI_RELOAD;
		}
		if (ch == 'i') {
			s->imported = !s->imported;
			return TUI_RELOAD;
		}
		return -1;
	case ACT_LEFT:
	case ACT_RIGHT:
		s->fig = (enum trend_figure)((s->fig + (a == ACT_RIGHT ? 1 :
				TREND_FIGURE_COUNT - 1)) % TREND_FIGURE_COUNT);
		if (trend_figure_info(s->fig)->not_by_day && s->by == TREND_DAY)
			s->by = TREND_WEEK;
		return TUI_RELOAD;
	case ACT_BACK:
	case ACT_TRENDS:
		return TUI_POP;
	default:
		return 0;
	}
}

static void trends_close(struct view *v)
{
	struct trends *s = v->state;

	if (!s)
		return;
	if (s->loaded)
		trend_free(&s->tr);
	free(s);
}

static const struct view_ops trends_view = {
	.name = "trends",
	.hint = "Left/Right figure  b day/week/month  a last year  i imported  "
		"q back",
	.load = trends_load,
	.draw = trends_draw,
	.key = trends_key,
	.close = trends_close,
};

enum sr_status trends_view_open(struct tui *t, const char *site)
{
	struct trends *s = xcalloc(1, sizeof(*s));

	snprintf(s->site, sizeof(s->site), "%s", site ? site : "");
	s->fig = TREND_NCTR;
	s->by = TREND_MONTH;
	return tui_push(t, &trends_view, s);
}
