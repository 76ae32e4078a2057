/* The system board: one row per site grouped by kind, then the system
 * total; each row in its OPEL level's colour with the level's digit, each
 * cell past a threshold highlighted, and a line explaining the selected
 * site's level. Figures come from metrics_compute_board: the report's, but
 * only those the board shows. */
#include "tui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/call.h"
#include "sitrep/metrics.h"
#include "sitrep/util.h"

enum row_kind { ROW_KIND, ROW_SITE, ROW_TOTAL };

struct row {
	enum row_kind kind;
	int index; /* site index in m.sites, or the site kind */
};

#define BOARD_SERIES_DAYS 30
/* Lines the call and the sparkline need below the sites to be shown. */
#define BOARD_EXTRA_MIN 7

struct board {
	struct system_metrics m;
	bool loaded;
	struct row *rows;
	size_t nrows;
	size_t sel; /* a ROW_SITE or ROW_TOTAL row */
	size_t top; /* first row shown */
	char sel_code[32]; /* the selected site, kept across reloads */
	/* Below the sites when the screen has room (live only): the head of
	 * the call's agenda and the system's NCTR of the last 30 days. */
	struct call call;
	bool have_call;
	bool extra_pending; /* to load once the sites are on screen */
	long series[BOARD_SERIES_DAYS];
	sr_day series_from;
};

/* Column layout: X(title, width). The site name takes what is left. */
#define BOARD_COLUMNS(X)  \
	X("Beds", 5)      \
	X("Occ%", 6)      \
	X("Free", 5)      \
	X("Str", 5)       \
	X("Sup", 5)       \
	X("NCTR", 5)      \
	X("NCTR%", 6)     \
	X("DBD mtd", 8)   \
	X("Dis(am)", 10)  \
	X("OPEL", 5)      \
	X("Decl", 5)      \
	X("Noon", 6)      \
	X("24:00", 6)

static const struct {
	const char *title;
	int width;
} columns[] = {
#define COL_INFO(title, width) {title, width},
	BOARD_COLUMNS(COL_INFO)
#undef COL_INFO
};

enum { C_BEDS, C_OCC, C_FREE, C_STR, C_SUP, C_G2G, C_G2GP, C_DBD, C_DIS, C_OPEL,
       C_DECL, C_NOON, C_MIDNIGHT, C_COUNT };

/* The projected free beds (C_NOON, C_MIDNIGHT) show when the screen
 * leaves the site names this many columns with them. */
#define BOARD_NAME_MIN 20

static int numbers_width(size_t ncols)
{
	int w = 0;

	for (size_t i = 0; i < ncols; i++)
		w += columns[i].width;
	return w;
}

/* The columns shown at the screen's width. */
static size_t shown_columns(const struct tui *t)
{
	return t->cols - numbers_width(C_COUNT) >= BOARD_NAME_MIN ? C_COUNT
								  : C_NOON;
}

static void fmt_projected(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.0f", floor(v + 0.5));
}

static void build_rows(struct board *b)
{
	size_t n = 0;

	free(b->rows);
	b->rows = xcalloc(b->m.nsites + SITE_KIND_COUNT + 1, sizeof(*b->rows));
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		bool any = false;

		for (size_t i = 0; i < b->m.nsites; i++) {
			if ((int)b->m.sites[i].site->kind != k)
				continue;
			if (!any)
				b->rows[n++] = (struct row){ROW_KIND, k};
			any = true;
			b->rows[n++] = (struct row){ROW_SITE, (int)i};
		}
	}
	b->rows[n++] = (struct row){ROW_TOTAL, 0};
	b->nrows = n;
}

static void select_code(struct board *b)
{
	b->sel = b->nrows - 1;
	for (size_t i = 0; i < b->nrows; i++) {
		const struct row *r = &b->rows[i];

		if (r->kind == ROW_SITE &&
		    (!b->sel_code[0] ||
		     strcmp(b->m.sites[r->index].site->code, b->sel_code) == 0)) {
			b->sel = i;
			return;
		}
	}
}

static void put_day(void *ctx, const char *day, long n)
{
	struct board *b = ctx;
	sr_day d;

	if (date_parse(day, &d) && d >= b->series_from &&
	    d < b->series_from + BOARD_SERIES_DAYS)
		b->series[d - b->series_from] = n;
}

/* The call's agenda and the NCTR series, when the sites leave the room
 * for them (the screen as it is now; a reload after a resize follows)
 * and the board shows now. A failure leaves them out, with a message. */
static void load_extra(struct board *b, struct tui *t)
{
	struct call_filter f = {0};
	struct sr_error err = {0};
	char from[DATE_BUF], to[DATE_BUF];

	if (b->have_call)
		call_free(&b->call);
	b->have_call = false;
	if (t->past || (int)b->nrows + 4 + BOARD_EXTRA_MIN > t->body_rows)
		return;
	b->series_from = t->today - (BOARD_SERIES_DAYS - 1);
	memset(b->series, 0, sizeof(b->series));
	date_format(b->series_from, from);
	date_format(t->today, to);
	if (call_build(t->st, t->cfg, datetime_now(), NULL, &f, &b->call,
		       &err) != SR_OK ||
	    store_delayed_series(t->st, from, to, NULL, put_day, b, &err) !=
		    SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	b->have_call = true;
}

/* Computes into a fresh struct and swaps on success, so a failed reload
 * leaves the figures on screen intact (never freed under the drawing). */
static enum sr_status board_load(struct view *v, struct tui *t,
				 struct sr_error *err)
{
	struct board *b = v->state;
	struct system_metrics fresh;
	struct sr_moment mo;
	enum sr_status s;

	if (!b)
		b = v->state = xcalloc(1, sizeof(*b));
	/* Every figure and declaration from one snapshot. */
	if ((s = store_read_begin(t->st, err)) != SR_OK)
		return b->loaded ? SR_OK : s;
	/* The figures of the moment shown: now, or the one gone to. */
	tui_moment(t, &mo);
	s = metrics_compute_board_at(t->st, t->cfg, &mo, &fresh, err);
	store_read_end(t->st);
	if (s != SR_OK)
		return b->loaded ? SR_OK : s;
	cards_after_reload(t, b->loaded ? &b->m : NULL, &fresh);
	if (b->loaded)
		metrics_free(&b->m);
	b->m = fresh;
	b->loaded = true;
	build_rows(b);
	select_code(b);
	b->extra_pending = true;
	return SR_OK;
}

/* The call's head and the sparkline after the sites are on screen: the
 * first frame never waits for them. */
static bool board_idle(struct view *v, struct tui *t)
{
	struct board *b = v->state;
	struct sr_error err = {0};

	if (!b || !b->extra_pending)
		return false;
	b->extra_pending = false;
	if (store_read_begin(t->st, &err) != SR_OK)
		return false;
	load_extra(b, t);
	store_read_end(t->st);
	return b->have_call;
}

static void fmt_pct(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else /* halves away from zero, as the report rounds */
		snprintf(buf, size, "%.1f", round(v * 10.0) / 10.0);
}

/* The level a metric is at for the site (0 when not configured). */
static int crossed(const struct site_metrics *s, enum opel_metric m)
{
	return s ? s->opel.metric_level[m] : 0;
}

static void cell(struct tui *t, int y, int *x, int col, const char *text,
		 int row_attr, int level)
{
	int w = columns[col].width;
	int attr = level >= 2 ? tui_level_attr(t, level) | ATTR_BOLD : row_attr;

	tui_text(t, y, *x, w - 1, text, attr, true);
	tui_text(t, y, *x + w - 1, 1, "", row_attr, false);
	*x += w;
}

static void draw_counts(struct tui *t, int y, int x,
			const struct flow_counts *c,
			const struct site_metrics *s, int level, int declared,
			int row_attr)
{
	char buf[32];

	/* Available beds: the base less closed plus escalation beds (the
	 * selected site's line below says which). */
	snprintf(buf, sizeof(buf), "%d", metrics_available(c));
	/* Marked * where it fits (sites of up to 999 beds). */
	if ((c->closed || c->escalation) &&
	    (int)strlen(buf) < columns[C_BEDS].width - 1)
		strcat(buf, "*");
	cell(t, y, &x, C_BEDS, buf, row_attr, 0);
	fmt_pct(buf, sizeof(buf), metrics_pct(c->occupied,
					      metrics_available(c)));
	cell(t, y, &x, C_OCC, buf, row_attr,
	     crossed(s, METRIC_OCCUPANCY_PCT));
	snprintf(buf, sizeof(buf), "%d", metrics_free_beds(c));
	cell(t, y, &x, C_FREE, buf, row_attr, metrics_free_beds(c) < 0 ? 3 : 0);
	snprintf(buf, sizeof(buf), "%d", c->stranded);
	cell(t, y, &x, C_STR, buf, row_attr, crossed(s, METRIC_STRANDED_PCT));
	snprintf(buf, sizeof(buf), "%d", c->super_stranded);
	cell(t, y, &x, C_SUP, buf, row_attr,
	     crossed(s, METRIC_SUPER_STRANDED));
	snprintf(buf, sizeof(buf), "%d", c->g2g);
	cell(t, y, &x, C_G2G, buf, row_attr, 0);
	fmt_pct(buf, sizeof(buf), metrics_pct(c->g2g, metrics_available(c)));
	cell(t, y, &x, C_G2GP, buf, row_attr, crossed(s, METRIC_G2G_PCT));
	/* Month to date: no OPEL threshold is about this figure (the 7-day
	 * one drives levels and is named in the explanation line). */
	snprintf(buf, sizeof(buf), "%ld", c->delayed_bed_days_mtd);
	cell(t, y, &x, C_DBD, buf, row_attr, 0);
	snprintf(buf, sizeof(buf), "%d(%d)", c->discharges_d1,
		 c->discharges_d1_am);
	cell(t, y, &x, C_DIS, buf, row_attr, 0);
	snprintf(buf, sizeof(buf), "%d", level);
	cell(t, y, &x, C_OPEL, buf, tui_level_attr(t, level) | ATTR_BOLD, 0);
	if (declared)
		snprintf(buf, sizeof(buf), "%d", declared);
	else
		snprintf(buf, sizeof(buf), "-");
	cell(t, y, &x, C_DECL, buf,
	     declared ? tui_level_attr(t, declared) : row_attr, 0);
	if (shown_columns(t) < C_COUNT)
		return;
	fmt_projected(buf, sizeof(buf), c->projected_noon);
	cell(t, y, &x, C_NOON, buf, row_attr,
	     c->projected_noon < 0 ? 3 : 0);
	fmt_projected(buf, sizeof(buf), c->projected_midnight);
	cell(t, y, &x, C_MIDNIGHT, buf, row_attr,
	     c->projected_midnight < 0 ? 3 : 0);
}

static void draw_header(struct tui *t, const struct board *b, int y)
{
	const struct trajectory_status *tr = &b->m.trajectory;
	char line[256], decl[96] = "", when[32];

	/* Which moment the counts are for (issue 12, defect 13). */
	metrics_moment_short(&b->m, when, sizeof(when));
	if (b->m.declared)
		snprintf(decl, sizeof(decl), ", declared %d by %s",
			 b->m.declared, b->m.declared_by);
	if (tr->target >= 0)
		snprintf(line, sizeof(line),
			 "%s: System OPEL %d%s   DTOC %ld bed days this month, "
			 "%.0f expected by now, projected %.0f of %d: %s",
			 when, b->m.level, decl,
			 b->m.total.delayed_bed_days_mtd,
			 tr->expected_to_date, tr->projected, tr->target,
			 tr->on_track ? "on track" : "OVER");
	else
		snprintf(line, sizeof(line),
			 "%s: System OPEL %d%s   DTOC %ld bed days this month "
			 "(no trajectory)", when, b->m.level, decl,
			 b->m.total.delayed_bed_days_mtd);
	tui_text(t, y, 0, t->cols, line, tui_level_attr(t, b->m.level),
		 false);
}

static void draw_column_titles(struct tui *t, int y, int name_w)
{
	int x = name_w, attr = tui_attr(t, ROLE_HEADING);

	char pct[16];

	tui_text(t, y, 0, name_w, "Site", attr, false);
	/* The patients no longer meeting the criteria to reside, by the
	 * name the config gives them (nctr_label: NCTR, G2G...). */
	snprintf(pct, sizeof(pct), "%s%%", t->cfg->nctr_label);
	for (size_t i = 0; i < shown_columns(t); i++) {
		const char *title = i == C_G2G ? t->cfg->nctr_label :
				    i == C_G2GP ? pct : columns[i].title;

		tui_text(t, y, x, columns[i].width - 1, title, attr, true);
		tui_text(t, y, x + columns[i].width - 1, 1, "", attr, false);
		x += columns[i].width;
	}
}

static void draw_row(struct tui *t, struct board *b, size_t i, int y,
		     int name_w)
{
	const struct row *r = &b->rows[i];
	bool sel = i == b->sel;
	int attr;

	if (r->kind == ROW_KIND) {
		tui_text(t, y, 0, t->cols,
			 site_kind_label((enum site_kind)r->index),
			 tui_attr(t, ROLE_HEADING), false);
		return;
	}
	if (r->kind == ROW_TOTAL) {
		attr = sel ? tui_attr(t, ROLE_SELECTED) :
			     tui_level_attr(t, b->m.level) | ATTR_BOLD;
		tui_text(t, y, 0, name_w, "System", attr, false);
		draw_counts(t, y, name_w, &b->m.total, NULL, b->m.level,
			    b->m.declared, attr);
	} else {
		const struct site_metrics *s = &b->m.sites[r->index];
		char name[96];

		attr = sel ? tui_attr(t, ROLE_SELECTED) :
			     tui_level_attr(t, s->opel.level);
		snprintf(name, sizeof(name), " %s %s", s->site->code,
			 s->site->name);
		tui_text(t, y, 0, name_w, name, attr, false);
		draw_counts(t, y, name_w, &s->c, s, s->opel.level, s->declared,
			    attr);
	}
	if (sel) {
		t->top->cursor_y = y;
		t->top->cursor_x = 0;
	}
}

static void draw_explain(struct tui *t, const struct board *b, int y)
{
	const struct row *r = &b->rows[b->sel];
	char why[256], line[1024], decl[128], beds[160] = "";
	const struct flow_counts *c = r->kind == ROW_SITE ?
		&b->m.sites[r->index].c : &b->m.total;

	/* Beds marked * on the board: the base and what changed it; the
	 * projected free beds when the screen has no room for them. */
	if (c->closed || c->escalation)
		snprintf(beds, sizeof(beds), "beds %d = base %d - %d closed + "
			 "%d escalation; ", metrics_available(c), c->beds,
			 c->closed, c->escalation);
	if (shown_columns(t) < C_COUNT && !isnan(c->projected_midnight)) {
		char noon[16], night[16];
		size_t used = strlen(beds);

		fmt_projected(noon, sizeof(noon), c->projected_noon);
		fmt_projected(night, sizeof(night), c->projected_midnight);
		snprintf(beds + used, sizeof(beds) - used, "free at noon %s, "
			 "midnight %s; ", noon, night);
	}
	if (r->kind == ROW_SITE) {
		const struct site_metrics *s = &b->m.sites[r->index];

		opel_explain(&t->cfg->opel.kind[s->site->kind], s->value,
			     &s->opel, why, sizeof(why));
		/* The computed level and the declaration (level, who, when)
		 * apart: "OPEL computed 4: ...; declared 3 by root at ...". */
		metrics_declared_text(s->declared, s->declared_at,
				      s->declared_by, decl, sizeof(decl));
		snprintf(line, sizeof(line), "%s %sOPEL computed %d: %s%s%s",
			 s->site->code, beds, s->opel.level, why,
			 s->declared ? "; " : "", s->declared ? decl : "");
	} else if (t->cfg->opel.scoring == SYSTEM_SCORING_SCORES) {
		/* OPEL 2024-26: the pillars' scores aggregated. */
		snprintf(line, sizeof(line),
			 "System %sOPEL %d: score %.1f from the pillars' "
			 "scores", beds, b->m.level, b->m.score);
	} else {
		snprintf(line, sizeof(line),
			 "System %sOPEL %d: the %s of the sites' levels",
			 beds, b->m.level,
			 system_rule_label(t->cfg->opel.system_rule));
	}
	tui_text(t, y, 0, t->cols, line, tui_attr(t, ROLE_DIM), false);
}

static void draw_yesterday(struct tui *t, const struct board *b, int y)
{
	const struct flow_counts *c = &b->m.total;
	char line[200], pct[16];

	fmt_pct(pct, sizeof(pct), metrics_pct(c->discharges_d1_am,
					      c->discharges_d1));
	snprintf(line, sizeof(line),
		 "Yesterday%s: %d discharges, %d before midday (%s%%; target "
		 "%g%%)", b->m.yesterday_weekend ? " (weekend)" : "",
		 c->discharges_d1, c->discharges_d1_am, pct,
		 t->cfg->midday_target_pct);
	tui_text(t, y, 0, t->cols, line, ATTR_NORMAL, false);
}

/* Rows y .. last: the call's head (what it counts, then as many patients
 * as fit), and the NCTR of the last 30 days as a sparkline (2 lines). */
static void draw_extra(struct tui *t, const struct board *b, int y, int last)
{
	const struct call *c = &b->call;
	size_t per[CALL_REASON_COUNT] = {0};
	int head = tui_attr(t, ROLE_HEADING), dim = tui_attr(t, ROLE_DIM);
	long lo = b->series[0], hi = b->series[0];
	char line[512];
	int len, x;

	for (size_t i = 0; i < c->n; i++)
		if (c->items[i].reason < CALL_REASON_COUNT)
			per[c->items[i].reason]++;
	len = snprintf(line, sizeof(line), "Call: %zu to discuss (c)", c->n);
	for (int r = 0; r < CALL_REASON_COUNT && len > 0 &&
			(size_t)len < sizeof(line); r++)
		if (per[r])
			len += snprintf(line + len, sizeof(line) - (size_t)len,
					"%s %zu %s", len > 24 ? "," : ":",
					per[r],
					call_reason_label((enum call_reason)r));
	tui_text(t, y++, 0, t->cols, line, head, false);
	/* The blockers of now, when there is room for them and a patient. */
	if (y <= last - 4) {
		const struct call_blocker_figures *fg = &c->blockers;
		size_t esc = 0;
		char med[16];

		for (size_t i = 0; i < c->n; i++)
			esc += c->items[i].role >= 0;
		if (isnan(fg->median_days_to_close))
			snprintf(med, sizeof(med), "-");
		else
			snprintf(med, sizeof(med), "%.1f",
				 fg->median_days_to_close);
		snprintf(line, sizeof(line),
			 "Blockers: %zu open, %zu overdue; %zu closed in 7 "
			 "days, median %s days open; %zu escalated",
			 fg->open, fg->overdue, fg->closed_7d, med, esc);
		tui_text(t, y++, 0, t->cols, line, ATTR_NORMAL, false);
	}
	for (size_t i = 0; i < c->n && y <= last - 3; i++, y++) {
		const struct call_item *it = &c->items[i];
		char who[96];

		tui_patient_name(t, it->family, it->given, who, sizeof(who));
		snprintf(line, sizeof(line), "  %-22s %s %s %s  %s  LOS %d%s%s",
			 call_reason_label(it->reason), it->site,
			 it->ward ? it->ward : "-", it->bed ? it->bed : "-",
			 who, it->facts.los, it->code ? "  waiting for " : "",
			 it->code ? it->code : "");
		tui_text(t, y, 0, t->cols, line, ATTR_NORMAL, false);
	}
	if (c->n > 0 && y <= last - 2 && y > 0)
		y++;
	for (int i = 1; i < BOARD_SERIES_DAYS; i++) {
		lo = b->series[i] < lo ? b->series[i] : lo;
		hi = b->series[i] > hi ? b->series[i] : hi;
	}
	snprintf(line, sizeof(line), "%s (delayed bed days a day), system, %d "
		 "days: today %ld  min %ld  max %ld", t->cfg->nctr_label,
		 BOARD_SERIES_DAYS, b->series[BOARD_SERIES_DAYS - 1], lo, hi);
	if (y > last)
		return;
	tui_text(t, y++, 0, t->cols, line, head, false);
	if (y > last)
		return;
	date_format(b->series_from, line);
	tui_text(t, y, 0, 6, line + 5, dim, false);
	x = 6;
	tui_sparkline(t, y, x, b->series, BOARD_SERIES_DAYS, lo, hi);
	date_format(t->today, line);
	tui_text(t, y, x + BOARD_SERIES_DAYS + 1, 5, line + 5, dim, false);
}

static void board_draw(struct view *v, struct tui *t)
{
	struct board *b = v->state;
	int y = t->body_top;
	int name_w = t->cols - numbers_width(shown_columns(t));
	int list_rows;

	if (name_w < 8)
		name_w = 8;
	draw_header(t, b, y++);
	draw_column_titles(t, y++, name_w);
	list_rows = t->body_rows - 4;
	if (list_rows < 1)
		list_rows = 1;
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + (size_t)list_rows)
		b->top = b->sel - (size_t)list_rows + 1;
	for (size_t i = b->top; i < b->nrows && y < t->body_top + 2 + list_rows;
	     i++)
		draw_row(t, b, i, y++, name_w);
	if (b->have_call && b->top == 0 &&
	    t->body_top + t->body_rows - 2 - y >= BOARD_EXTRA_MIN)
		draw_extra(t, b, y + 1, t->body_top + t->body_rows - 3);
	draw_explain(t, b, t->body_top + t->body_rows - 2);
	draw_yesterday(t, b, t->body_top + t->body_rows - 1);
}

static void move_sel(struct board *b, int step)
{
	size_t i = b->sel;

	for (;;) {
		if (step < 0 && i == 0)
			return;
		if (step > 0 && i + 1 >= b->nrows)
			return;
		i = step < 0 ? i - 1 : i + 1;
		if (b->rows[i].kind != ROW_KIND)
			break;
	}
	b->sel = i;
}

static void remember(struct board *b)
{
	const struct row *r = &b->rows[b->sel];

	if (r->kind == ROW_SITE)
		strlcpy_ok(b->sel_code, b->m.sites[r->index].site->code,
			   sizeof(b->sel_code));
	else
		b->sel_code[0] = '\0';
}

static const char *selected_site(const struct board *b)
{
	const struct row *r = &b->rows[b->sel];

	return r->kind == ROW_SITE ? b->m.sites[r->index].site->code : NULL;
}

static int board_key(struct view *v, struct tui *t, enum action a,
		     wint_t ch)
{
	struct board *b = v->state;
	int page = t->body_rows > 6 ? t->body_rows - 6 : 1;

	switch (a) {
	case ACT_NONE:
		return -1;
	case ACT_UP:
		move_sel(b, -1);
		break;
	case ACT_DOWN:
		move_sel(b, 1);
		break;
	case ACT_PAGE_UP:
		for (int i = 0; i < page; i++)
			move_sel(b, -1);
		break;
	case ACT_PAGE_DOWN:
		for (int i = 0; i < page; i++)
			move_sel(b, 1);
		break;
	case ACT_HOME:
		b->sel = 0;
		move_sel(b, 1);
		break;
	case ACT_END:
		b->sel = b->nrows - 1;
		break;
	case ACT_OPEN:
		if (selected_site(b))
			list_view_open(t, selected_site(b), NULL);
		return TUI_REDRAW;
	case ACT_DECLARE:
		declare_view_open(t, selected_site(b) ? selected_site(b) :
							STORE_SYSTEM);
		return TUI_REDRAW;
	case ACT_SEARCH: {
		/* Every site's patients: the letters typed go to the prompt,
		 * never to the board's keys. */
		char term[256] = "";

		if (tui_prompt(t, "search every site: name or MRN:",
			       term, sizeof(term)) && term[strspn(term, " ")])
			list_view_search(t, term);
		return TUI_REDRAW;
	}
	case ACT_NEXT_VIEW:
	case ACT_DTOC:
		tui_push(t, &dtoc_view, NULL);
		return TUI_REDRAW;
	case ACT_CALL:
		call_view_open(t);
		return TUI_REDRAW;
	case ACT_TRENDS:
		trends_view_open(t, selected_site(b));
		return TUI_REDRAW;
	case ACT_BEDS:
		if (selected_site(b))
			beds_view_open(t, selected_site(b));
		else
			tui_message(t, true, "select a site for its bed state");
		return TUI_REDRAW;
	case ACT_BACK:
		return TUI_QUIT;
	default:
		return 0;
	}
	remember(b);
	return TUI_REDRAW;
}

static int board_click(struct view *v, struct tui *t, int y, int x)
{
	struct board *b = v->state;
	int first = t->body_top + 2;
	size_t i = b->top + (size_t)(y - first);

	(void)x;
	if (y < first || i >= b->nrows || b->rows[i].kind == ROW_KIND)
		return 0;
	b->sel = i;
	remember(b);
	return TUI_REDRAW;
}

static void board_close(struct view *v)
{
	struct board *b = v->state;

	if (!b)
		return;
	if (b->loaded)
		metrics_free(&b->m);
	if (b->have_call)
		call_free(&b->call);
	free(b->rows);
	free(b);
}

const struct view_ops board_view = {
	.name = "board",
	.hint = "Enter site  / search  c call  o declare OPEL  Tab DTOC  "
		"p privacy  ? help  q quit",
	.hint_needs = (const struct tui_hint_need[]){
		{"o declare OPEL", AA_DECLARE_SITE},
		{"p privacy", AA_IDENTIFIERS},
		{NULL, AA_READ},
	},
	.load = board_load,
	.draw = board_draw,
	.key = board_key,
	.click = board_click,
	.idle = board_idle,
	.close = board_close,
};
