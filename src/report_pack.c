/* The board pack (include/sitrep/report_pack.h): what it reads, in one
 * snapshot, and the page: its style sheet, the cells every table is made
 * of, the summary, the sites, the charts' section and the definitions.
 * The delays and the longest-delayed patients are written in
 * report_pack_sections.c, the charts themselves drawn in
 * report_pack_chart.c. Every figure comes from report_cols (report.c) or
 * the metrics, as the report prints it, and carries data-figure with its
 * JSON path. */
#include "sitrep/report_pack.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "report_pack_internal.h"
#include "sitrep/util.h"

static const enum trend_figure chart_figs[PACK_CHARTS] = {
	TREND_NCTR,         TREND_DELAYED_BED_DAYS, TREND_OCCUPANCY_PCT,
	TREND_STRANDED,     TREND_SUPER_STRANDED,   TREND_DISCHARGES,
	TREND_BEFORE_MIDDAY_PCT,
};

/* ---- reading ------------------------------------------------------------*/

/* A headline figure's chart: by week (a day's pack) or month, the year of
 * whole periods up to the moment's day, with last year's as the baseline
 * where the data (or imported series) reach back that far. */
static enum sr_status read_chart(struct store *st, const struct config *cfg,
				 sr_day d, bool month, struct pack_chart *c,
				 struct sr_error *err)
{
	struct trend_query q = {
		.fig = c->fig,
		.by = month ? TREND_MONTH : TREND_WEEK,
		.last_year = true,
		.imported = month, /* imported series are by day or month */
	};
	struct sr_error e = {0};
	enum sr_status s;

	if (c->fig == TREND_BEFORE_MIDDAY_PCT) {
		q.has_target = true;
		q.target = cfg->midday_target_pct;
	}
	/* Periods that have ended by the end of d. */
	trend_default_range(q.by, d + 1, &q.from, &q.to);
	s = trend_load(st, cfg, &q, &c->t, &e);
	if (s == SR_EINVAL) {
		snprintf(c->why_no_last_year, sizeof(c->why_no_last_year),
			 "%s", e.msg);
		sr_error_clear(&e);
		q.last_year = false;
		s = trend_load(st, cfg, &q, &c->t, &e);
	} else if (s == SR_OK) {
		c->last_year = true;
	}
	if (s == SR_EINVAL) {
		snprintf(c->why, sizeof(c->why), "%s", e.msg);
		return SR_OK;
	}
	if (s != SR_OK) {
		*err = e;
		return s;
	}
	c->ok = true;
	return SR_OK;
}

/* The system's delayed bed days of each day of the month before d. */
static enum sr_status read_month_days(struct store *st,
				      const struct config *cfg, sr_day d,
				      struct pack *p, struct sr_error *err)
{
	struct trend_query q = {
		.fig = TREND_DELAYED_BED_DAYS,
		.by = TREND_DAY,
		.from = date_first_of_month(d),
		.to = d - 1,
	};
	struct sr_error e = {0};
	struct trend t;
	enum sr_status s;

	if (q.to < q.from)
		return SR_OK;
	s = trend_load(st, cfg, &q, &t, &e);
	if (s == SR_EINVAL)
		return SR_OK; /* no data before d this month: none drawn */
	if (s != SR_OK) {
		*err = e;
		return s;
	}
	/* Days before the first admission are left out of the trend: they
	 * had no delayed bed days. */
	p->ndbd = (size_t)(q.to - q.from + 1);
	p->dbd_day = xcalloc(p->ndbd, sizeof(*p->dbd_day));
	for (size_t i = 0; i < t.n; i++)
		if (t.p[i].first >= q.from && t.p[i].first <= q.to)
			p->dbd_day[t.p[i].first - q.from] = t.p[i].value;
	trend_free(&t);
	return SR_OK;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Keeps the open blockers of the longest-delayed stays. */
static bool keep_blocker(void *ctx, const struct store_blocker_then *b)
{
	struct pack *p = ctx;
	bool wanted = false;

	if (b->closed_at)
		return true;
	for (size_t i = 0; i < p->m.nlongest; i++)
		if (p->m.longest[i].id == b->stay)
			wanted = true;
	if (!wanted)
		return true;
	p->bl = xgrow(p->bl, &p->capbl, p->nbl + 1, sizeof(*p->bl));
	p->bl[p->nbl++] = (struct pack_blocker){
		.stay = b->stay,
		.code = dup_or_null(b->code),
		.agency = dup_or_null(b->agency),
		.owner = dup_or_null(b->owner),
		.due = dup_or_null(b->due),
		.opened_at = dup_or_null(b->opened_at),
	};
	return true;
}

static int cmp_blocker(const void *a, const void *b)
{
	const struct pack_blocker *x = a, *y = b;
	int c = strcmp(x->opened_at ? x->opened_at : "",
		       y->opened_at ? y->opened_at : "");

	if (c)
		return c;
	return strcmp(x->code ? x->code : "", y->code ? y->code : "");
}

static enum sr_status read_all(struct store *st, const struct config *cfg,
			       const struct sr_moment *mo, struct pack *p,
			       struct sr_error *err)
{
	char since[MOMENT_INSTANT_BUF];
	enum sr_status s;

	if ((s = metrics_compute_at(st, cfg, mo, NULL, &p->m, err)) != SR_OK)
		return s;
	if (p->o.since < p->m.day) {
		if ((s = metrics_compute_board(st, cfg, p->o.since, &p->then,
					       err)) != SR_OK)
			return s;
		p->has_then = true;
	}
	/* The blockers open at the moment: none whose end is known by then
	 * (since = the moment itself). */
	snprintf(since, sizeof(since), "%s", mo->at);
	if ((s = store_blockers_then(st, mo, since, NULL, keep_blocker, p,
				     err)) != SR_OK)
		return s;
	if (p->nbl > 1)
		qsort(p->bl, p->nbl, sizeof(*p->bl), cmp_blocker);
	for (size_t i = 0; i < PACK_CHARTS; i++) {
		p->chart[i].fig = chart_figs[i];
		if ((s = read_chart(st, cfg, p->m.day, p->o.month, &p->chart[i],
				    err)) != SR_OK)
			return s;
	}
	return read_month_days(st, cfg, p->m.day, p, err);
}

enum sr_status pack_read(struct store *st, const struct config *cfg,
			 const struct sr_moment *mo,
			 const struct pack_options *o, struct pack **out,
			 struct sr_error *err)
{
	struct pack *p = xcalloc(1, sizeof(*p));
	enum sr_status s;

	p->cfg = cfg;
	p->o = *o;
	if ((s = store_read_begin(st, err)) != SR_OK) {
		free(p);
		return s;
	}
	s = read_all(st, cfg, mo, p, err);
	store_read_end(st);
	if (s != SR_OK) {
		pack_free(p);
		return s;
	}
	*out = p;
	return SR_OK;
}

void pack_free(struct pack *p)
{
	if (!p)
		return;
	if (p->m.cfg)
		metrics_free(&p->m);
	if (p->has_then)
		metrics_free(&p->then);
	for (size_t i = 0; i < p->nbl; i++) {
		free(p->bl[i].code);
		free(p->bl[i].agency);
		free(p->bl[i].owner);
		free(p->bl[i].due);
		free(p->bl[i].opened_at);
	}
	free(p->bl);
	for (size_t i = 0; i < PACK_CHARTS; i++)
		if (p->chart[i].ok)
			trend_free(&p->chart[i].t);
	free(p->dbd_day);
	free(p);
}

/* ---- HTML ---------------------------------------------------------------*/

void pack_html(FILE *f, const char *s)
{
	char *c = report_clean(s);

	for (const char *q = c; *q; q++)
		switch (*q) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*q, f);
		}
	free(c);
}

/* The figure of report_cols with this group and key. */
static const struct report_col *col(const char *group, const char *key)
{
	for (size_t i = 0; i < report_ncols; i++) {
		const struct report_col *c = &report_cols[i];

		if (((!group && !c->group) ||
		     (group && c->group && strcmp(group, c->group) == 0)) &&
		    strcmp(key, c->key) == 0)
			return c;
	}
	abort(); /* a figure the table does not have: a programming error */
}

/* A value as the report's JSON has it: a count, or one decimal, or "–"
 * where it has null. */
static void put_value(FILE *f, double v, bool whole)
{
	char buf[32];

	if (isnan(v) || isinf(v))
		fputs("&ndash;", f);
	else if (whole)
		fprintf(f, "%.0f", v);
	else {
		report_fmt1(buf, v, "");
		fputs(buf, f);
	}
}

/* A table cell holding a value, with its JSON path ("" in path: none). */
void pack_cell(FILE *f, const char *path, double v, bool whole)
{
	if (path && *path) {
		fputs("<td data-figure=\"", f);
		pack_html(f, path);
		fputs("\">", f);
	} else {
		fputs("<td>", f);
	}
	put_value(f, v, whole);
	fputs("</td>", f);
}

/* A figure of counts c (report_cols' group and key) in a cell; prefix is
 * the JSON path of the counts ("total", "sites/ACU", ...). */
void pack_fig_cell(FILE *f, const char *prefix,
		   const struct flow_counts *c, const char *group,
		   const char *key)
{
	const struct report_col *rc = col(group, key);
	char path[160];

	if (prefix)
		snprintf(path, sizeof(path), "%s/%s%s%s", prefix,
			 group ? group : "", group ? "/" : "", key);
	pack_cell(f, prefix ? path : NULL, rc->get(c, 0), rc->type == RC_INT);
}

static const char *const level_words[] = {
	"none", "1 steady", "2 moderate", "3 severe", "4 extreme",
};

/* An OPEL level: its number and word, and a class giving its colour (the
 * words carry it without colour). */
static void level_cell(FILE *f, const char *path, int level)
{
	bool known = level >= 1 && level <= 4;

	if (known)
		fprintf(f, "<td class=\"opel opel%d\" data-figure=\"", level);
	else
		fputs("<td data-figure=\"", f);
	pack_html(f, path);
	fprintf(f, "\">%s</td>", known ? level_words[level] : "&ndash;");
}

static const char style[] =
	"<style>\n"
	":root{color:#212b32;background:#fff;font-family:Arial,Helvetica,"
	"sans-serif;font-size:11pt;line-height:1.35}\n"
	"body{margin:0 auto;max-width:1120px;padding:0 16px}\n"
	"h1{font-size:20pt;margin:12px 0 4px}\n"
	"h2{font-size:15pt;margin:18px 0 6px;padding-bottom:3px;"
	"border-bottom:3px solid #005eb8}\n"
	"h3{font-size:12pt;margin:12px 0 4px}\n"
	".moment{color:#4c6272;margin:0 0 8px}\n"
	"table{border-collapse:collapse;margin:6px 0 12px;font-size:9.5pt}\n"
	"caption{text-align:left;font-weight:bold;padding:2px 0 4px}\n"
	"th,td{border:1px solid #aeb7bd;padding:2px 5px}\n"
	"thead th{background:#005eb8;color:#fff;font-weight:bold;"
	"vertical-align:bottom}\n"
	"tbody th{text-align:left;font-weight:normal}\n"
	"td{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.text{text-align:left}\n"
	"tr.sum th,tr.sum td{font-weight:bold;background:#f0f4f5}\n"
	"td.opel{font-weight:bold;text-align:left;white-space:nowrap}\n"
	"tr td.opel1{background:#007f3b;color:#fff}\n"
	"tr td.opel2{background:#ffb81c;color:#212b32}\n"
	"tr td.opel3{background:#d5281b;color:#fff}\n"
	"tr td.opel4{background:#212b32;color:#fff}\n"
	".row{display:flex;flex-wrap:wrap;gap:4px 28px;align-items:flex-start}"
	"\n"
	"table.sites{font-size:8.5pt}\n"
	"table.sites th,table.sites td{padding:2px 3px}\n"
	".over{color:#b0261a;font-weight:bold}\n"
	".charts{display:flex;flex-wrap:wrap;gap:4px 16px}\n"
	"figure{margin:4px 0 10px;break-inside:avoid;page-break-inside:avoid}"
	"\n"
	".charts figure{width:520px}\n"
	"figure svg{display:block;max-width:100%;height:auto}\n"
	"figcaption{font-size:9pt;color:#4c6272}\n"
	".icons{display:flex;gap:14px;align-items:center;font-size:9pt;"
	"margin:2px 0}\n"
	".icons span{display:flex;gap:5px;align-items:center}\n"
	".why{color:#4c6272;font-style:italic}\n"
	"dl.defs{display:grid;grid-template-columns:max-content 1fr;"
	"gap:2px 14px;font-size:9.5pt}\n"
	"dl.defs dt{font-family:monospace}\n"
	"dl.defs dd{margin:0}\n"
	"footer{color:#4c6272;font-size:9pt;margin:16px 0}\n"
	"@page{size:A4 landscape;margin:10mm}\n"
	"@media print{body{max-width:none;padding:0}"
	"section{break-before:page;page-break-before:always}"
	"section:first-of-type{break-before:auto;page-break-before:auto}"
	"thead{display:table-header-group}"
	"tr{break-inside:avoid;page-break-inside:avoid}"
	".charts figure{width:31%}"
	"figure h3{font-size:10.5pt;margin:2px 0}"
	".row figure svg{width:430px}}\n"
	"</style>\n";

void pack_heading(FILE *f, const char *id, const char *title)
{
	fprintf(f, "<section id=\"%s\" aria-labelledby=\"h-%s\">\n"
		   "<h2 id=\"h-%s\">%s</h2>\n", id, id, id, title);
}

void pack_row_head(FILE *f, const char *label)
{
	fputs("<tr><th scope=\"row\">", f);
	fputs(label, f);
	fputs("</th>", f);
}

/* ---- summary ------------------------------------------------------------*/

static void summary_table(FILE *f, const struct pack *p)
{
	const struct system_metrics *m = &p->m;
	const struct flow_counts *c = &m->total;
	const struct trajectory_status *t = &m->trajectory;
	char label[96];

	fputs("<table class=\"headline\">\n<caption>The system at a glance"
	      "</caption>\n<thead><tr><th scope=\"col\">Figure</th>"
	      "<th scope=\"col\">Value</th></tr></thead>\n<tbody>\n", f);
	pack_row_head(f, "OPEL level computed");
	level_cell(f, "opel/computed", m->level);
	fputs("</tr>\n", f);
	pack_row_head(f, "OPEL level declared");
	level_cell(f, "opel/declared/level", m->declared);
	fputs("</tr>\n", f);
	pack_row_head(f, "Beds available (base less closed, plus escalation)");
	pack_fig_cell(f, "total", c, NULL, "beds_available");
	fputs("</tr>\n", f);
	pack_row_head(f, "Beds occupied");
	pack_fig_cell(f, "total", c, NULL, "occupied");
	fputs("</tr>\n", f);
	pack_row_head(f, "Occupancy, % of available beds");
	pack_fig_cell(f, "total", c, NULL, "occupancy_pct");
	fputs("</tr>\n", f);
	pack_row_head(f, "Free beds");
	pack_fig_cell(f, "total", c, NULL, "free_beds");
	fputs("</tr>\n", f);
	snprintf(label, sizeof(label), "%s: no longer meet the criteria to "
		 "reside", m->cfg->nctr_label);
	pack_row_head(f, label);
	pack_fig_cell(f, "total", c, NULL, "g2g");
	fputs("</tr>\n", f);
	snprintf(label, sizeof(label), "%s, %% of available beds",
		 m->cfg->nctr_label);
	pack_row_head(f, label);
	pack_fig_cell(f, "total", c, NULL, "g2g_pct_beds");
	fputs("</tr>\n", f);
	pack_row_head(f, "Delayed bed days, month to date");
	pack_cell(f, "trajectory/mtd", (double)t->mtd, true);
	fputs("</tr>\n", f);
	pack_row_head(f, "Trajectory for the month (delayed bed days)");
	pack_cell(f, "trajectory/target", t->target < 0 ? NAN : t->target,
		  true);
	fputs("</tr>\n", f);
	pack_row_head(f, "Projected at the month's end");
	pack_cell(f, "trajectory/projected", t->projected, false);
	fputs("</tr>\n", f);
	pack_row_head(f, "Against the trajectory");
	fprintf(f, "<td class=\"text%s\" data-figure=\"trajectory/status\">%s"
		   "</td></tr>\n", t->verdict == TRAJ_OVER ? " over" : "",
		report_trajectory_status(t));
	fputs("</tbody>\n</table>\n", f);
}

/* nctr: the label follows the config's name for NCTR. */
struct change_row {
	const char *label, *group, *key;
	bool nctr;
};

static const struct change_row change_rows[] = {
	{"Beds available", NULL, "beds_available", false},
	{"Beds occupied", NULL, "occupied", false},
	{"Occupancy, %", NULL, "occupancy_pct", false},
	{"Free beds", NULL, "free_beds", false},
	{"Stranded (7+ days)", NULL, "stranded", false},
	{"Super-stranded (21+ days)", NULL, "super_stranded", false},
	{" patients", NULL, "g2g", true},
	{", % of beds", NULL, "g2g_pct_beds", true},
	{"Delayed bed days of the day", "delayed_bed_days", "day", false},
	{"Discharges the day before", "discharges_yesterday", "total", false},
};

static void changes(FILE *f, const struct pack *p)
{
	char d[48], path[96];
	size_t moved = 0;

	report_long_date(p->o.since, true, d, sizeof(d));
	fprintf(f, "<h3>Changes since the end of %s</h3>\n", d);
	if (!p->has_then) {
		fputs("<p>No earlier day to compare with.</p>\n", f);
		return;
	}
	fprintf(f, "<table class=\"changes\">\n<caption>The system then and "
		   "now</caption>\n<thead><tr><th scope=\"col\">Figure</th>"
		   "<th scope=\"col\">%s</th><th scope=\"col\">Now</th>"
		   "<th scope=\"col\">Change</th></tr></thead>\n<tbody>\n", d);
	for (size_t i = 0; i < ARRAY_SIZE(change_rows); i++) {
		const struct change_row *r = &change_rows[i];
		const struct report_col *rc = col(r->group, r->key);
		double then = rc->get(&p->then.total, 0);
		double now = rc->get(&p->m.total, 0);
		bool whole = rc->type == RC_INT;

		snprintf(path, sizeof(path), "total/%s%s%s",
			 r->group ? r->group : "", r->group ? "/" : "",
			 r->key);
		fputs("<tr><th scope=\"row\">", f);
		if (r->nctr)
			pack_html(f, p->cfg->nctr_label);
		fputs(r->label, f);
		fputs("</th>", f);
		fprintf(f, "<td data-since-figure=\"%s\">", path);
		put_value(f, then, whole);
		fputs("</td>", f);
		pack_cell(f, path, now, whole);
		fputs("<td>", f);
		if (isnan(then) || isnan(now)) {
			fputs("&ndash;", f);
		} else {
			double delta = whole ? now - then :
					       report_round1(now) -
						       report_round1(then);

			fputs(delta > 0 ? "+" : "", f);
			put_value(f, delta, whole);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
	for (size_t i = 0; i < p->m.nsites; i++) {
		const struct site_metrics *now = &p->m.sites[i];
		const struct site_metrics *then = &p->then.sites[i];

		if (now->opel.level == then->opel.level)
			continue;
		if (moved++ == 0)
			fputs("<p>Sites whose computed OPEL level changed:</p>\n"
			      "<ul>\n", f);
		fputs("<li>", f);
		pack_html(f, now->site->code);
		fputs(" ", f);
		pack_html(f, now->site->name);
		fprintf(f, ": from %s to %s</li>\n",
			level_words[then->opel.level >= 0 &&
						    then->opel.level <= 4 ?
					    then->opel.level : 0],
			level_words[now->opel.level >= 0 &&
						    now->opel.level <= 4 ?
					    now->opel.level : 0]);
	}
	if (moved)
		fputs("</ul>\n", f);
	else
		fputs("<p>No site's computed OPEL level changed.</p>\n", f);
}

static void summary(FILE *f, const struct pack *p)
{
	pack_heading(f, "summary", "System summary");
	fputs("<div class=\"row\">\n<div>\n", f);
	summary_table(f, p);
	fputs("</div>\n<div>\n", f);
	changes(f, p);
	fputs("</div>\n<figure>\n", f);
	pack_svg_trajectory(f, p);
	fputs("<figcaption>Delayed bed days month to date, day by day, "
	      "against the month&rsquo;s trajectory.</figcaption>\n"
	      "</figure>\n</div>\n</section>\n", f);
}

/* ---- sites --------------------------------------------------------------*/

struct site_col {
	const char *title, *group, *key;
};

/* Every figure of the board, in its order. */
static const struct site_col site_cols[] = {
	{"Bed base", NULL, "beds"},
	{"Closed", NULL, "beds_closed"},
	{"Escal&shy;ation", NULL, "beds_escalation"},
	{"Avail&shy;able", NULL, "beds_available"},
	{"Occu&shy;pied", NULL, "occupied"},
	{"Free", NULL, "free_beds"},
	{"Occ %", NULL, "occupancy_pct"},
	{"Strand&shy;ed", NULL, "stranded"},
	{"Super-strand&shy;ed", NULL, "super_stranded"},
	{NULL, NULL, "g2g"}, /* the NCTR label */
	{"% of beds", NULL, "g2g_pct_beds"},
	{"Delayed bed days MTD", "delayed_bed_days", "mtd"},
	{"Dis&shy;charges yester&shy;day", "discharges_yesterday", "total"},
	{"Before midday", "discharges_yesterday", "before_midday"},
	{"Before midday %", "discharges_yesterday", "before_midday_pct"},
	{"Free at noon", "bed_balance", "projected_free_noon"},
	{"Free at 24:00", "bed_balance", "projected_free_midnight"},
};

static void sites_row(FILE *f, const char *prefix, const char *label,
		      const struct flow_counts *c, const int *level,
		      const int *declared, const char *level_prefix, bool sum)
{
	char path[96];

	fprintf(f, "<tr%s><th scope=\"row\">", sum ? " class=\"sum\"" : "");
	pack_html(f, label);
	fputs("</th>", f);
	for (size_t i = 0; i < ARRAY_SIZE(site_cols); i++)
		pack_fig_cell(f, prefix, c, site_cols[i].group,
			      site_cols[i].key);
	if (level) {
		snprintf(path, sizeof(path), "%s/computed", level_prefix);
		level_cell(f, path, *level);
		snprintf(path, sizeof(path), "%s/declared/level",
			 level_prefix);
		level_cell(f, path, *declared);
	} else {
		fputs("<td>&ndash;</td><td>&ndash;</td>", f);
	}
	fputs("</tr>\n", f);
}

static void sites(FILE *f, const struct pack *p)
{
	const struct system_metrics *m = &p->m;
	bool present[SITE_KIND_COUNT];
	char prefix[64], opel[80], label[96];

	pack_heading(f, "sites", "Sites");
	fputs("<table class=\"sites\">\n<caption>Every board figure by site, "
	      "then by kind of site and for the system</caption>\n<thead><tr>"
	      "<th scope=\"col\">Site</th>", f);
	for (size_t i = 0; i < ARRAY_SIZE(site_cols); i++) {
		fputs("<th scope=\"col\">", f);
		if (site_cols[i].title)
			fputs(site_cols[i].title, f);
		else
			pack_html(f, p->cfg->nctr_label);
		fputs("</th>", f);
	}
	fputs("<th scope=\"col\">OPEL computed</th><th scope=\"col\">OPEL "
	      "declared</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < m->nsites; i++) {
		const struct site_metrics *s = &m->sites[i];

		snprintf(prefix, sizeof(prefix), "sites/%s", s->site->code);
		snprintf(opel, sizeof(opel), "sites/%s/opel", s->site->code);
		snprintf(label, sizeof(label), "%s %s", s->site->code,
			 s->site->name);
		sites_row(f, prefix, label, &s->c, &s->opel.level,
			  &s->declared, opel, false);
	}
	report_kinds_present(m, present);
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		if (!present[k])
			continue;
		snprintf(prefix, sizeof(prefix), "kinds/%s",
			 site_kind_name((enum site_kind)k));
		snprintf(label, sizeof(label), "All %s",
			 site_kind_label((enum site_kind)k));
		sites_row(f, prefix, label, &m->kind[k], NULL, NULL, NULL,
			  true);
	}
	sites_row(f, "total", "System", &m->total, &m->level, &m->declared,
		  "opel", true);
	fputs("</tbody>\n</table>\n", f);
	fputs("<p>Beds available: the bed base, less beds closed, plus "
	      "escalation beds open at the moment. Free at noon and at 24:00: "
	      "free beds, plus the expected discharges, less the expected "
	      "admissions (&ndash; once the time has passed).</p>\n", f);
	fputs("</section>\n", f);
}

/* ---- charts -------------------------------------------------------------*/

static void charts(FILE *f, const struct pack *p)
{
	pack_heading(f, "trends", "Trends: statistical process control");
	fprintf(f, "<p>XmR charts as NHS England&rsquo;s Making Data Count "
		   "reads them, the system by %s: the mean and the process "
		   "limits (mean &plusmn; 2.66 &times; the mean moving range), "
		   "last year&rsquo;s %ss first, as hollow circles, where the "
		   "data reach back (their limits are this year&rsquo;s "
		   "baseline). Letters mark special causes: O beyond a limit, "
		   "T a trend of 7, 2 two of three near a limit, S a shift of "
		   "7; improvement blue, concern orange, neither purple.</p>\n",
		p->o.month ? "month" : "week", p->o.month ? "month" : "week");
	fputs("<div class=\"charts\">\n", f);
	for (size_t i = 0; i < PACK_CHARTS; i++) {
		const struct pack_chart *c = &p->chart[i];
		const struct trend_figure_info *info =
			trend_figure_info(c->fig);

		fputs("<figure>\n<h3>", f);
		pack_html(f, info->title ? info->title : p->cfg->nctr_label);
		fputs("</h3>\n", f);
		if (!c->ok) {
			fputs("<p class=\"why\">No chart: ", f);
			pack_html(f, c->why);
			fputs(".</p>\n</figure>\n", f);
			continue;
		}
		pack_spc_icons(f, c);
		pack_svg_spc(f, c, p->o.month);
		fputs("<figcaption>", f);
		if (c->last_year)
			fputs("Limits from last year.", f);
		else {
			fputs("Limits from every point; no last year: ", f);
			pack_html(f, c->why_no_last_year);
			fputs(".", f);
		}
		if (c->t.sum.trial)
			fputs(" Trial limits: fewer than 13 points.", f);
		fputs("</figcaption>\n</figure>\n", f);
	}
	fputs("</div>\n</section>\n", f);
}

/* ---- definitions --------------------------------------------------------*/

static void definitions(FILE *f, const struct pack *p)
{
	char moment[128];

	pack_heading(f, "definitions", "Definitions");
	report_moment(&p->m, moment, sizeof(moment));
	fputs("<p>Every figure is sitrep&rsquo;s, computed from the dated "
	      "facts in force at the moment: ", f);
	pack_html(f, moment);
	fputs(". D is that day. A patient is in a bed from admission to "
	      "discharge; stranded with a length of stay of ", f);
	fprintf(f, "%d days or more, super-stranded %d or more; %s: no longer "
		   "meeting the criteria to reside (a discharge ready date on "
		   "or before D). The charts use the facts as now known. Each "
		   "figure below is named as in <code>sitrep report --format "
		   "json</code>.</p>\n<dl class=\"defs\">\n",
		p->cfg->stranded_days, p->cfg->super_stranded_days,
		p->cfg->nctr_label);
	for (size_t i = 0; i < report_ncols; i++) {
		const struct report_col *c = &report_cols[i];

		fputs("<dt>", f);
		if (c->group)
			fprintf(f, "%s.", c->group);
		fprintf(f, "%s</dt><dd>", c->key);
		pack_html(f, c->help);
		fputs("</dd>\n", f);
	}
	fputs("</dl>\n", f);
	fprintf(f, "<p>OPEL levels: 1 steady, 2 moderate, 3 severe, 4 extreme "
		   "pressure; computed from the config&rsquo;s thresholds, "
		   "declared by a person on the call.</p>\n</section>\n");
}

/* ---- the page -----------------------------------------------------------*/

bool pack_write(FILE *f, const struct pack *p)
{
	const struct system_metrics *m = &p->m;
	char moment[128], when[48], at[DATETIME_BUF];
	int y, mo, d;

	report_moment(m, moment, sizeof(moment));
	date_to_ymd(m->day, &y, &mo, &d);
	if (p->o.month)
		snprintf(when, sizeof(when), "%s %d", report_month_name(mo), y);
	else
		report_long_date(m->day, true, when, sizeof(when));
	report_moment_at(m, at);
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n", f);
	fprintf(f, "<meta name=\"generator\" content=\"sitrep %s\">\n",
		p->o.version);
	fputs("<title>", f);
	pack_html(f, p->cfg->system_name);
	fprintf(f, ": board pack, %s</title>\n", when);
	fputs(style, f);
	fprintf(f, "</head>\n<body data-moment=\"%s\">\n<header>\n<h1>", at);
	pack_html(f, p->cfg->system_name);
	fprintf(f, ": board pack, %s</h1>\n<p class=\"moment\">Figures ", when);
	pack_html(f, moment);
	fprintf(f, ". Written by sitrep %s.</p>\n</header>\n<main>\n",
		p->o.version);
	if (m->no_data)
		fputs("<p><strong>No data: no stay had been admitted by then; "
		      "the figures are zeros for want of data.</strong></p>\n",
		      f);
	summary(f, p);
	sites(f, p);
	pack_delays(f, p);
	charts(f, p);
	pack_patients(f, p);
	definitions(f, p);
	fprintf(f, "</main>\n<footer>\n<p>sitrep %s. Figures ", p->o.version);
	pack_html(f, moment);
	fputs(".</p>\n</footer>\n</body>\n</html>\n", f);
	return fflush(f) == 0 && !ferror(f);
}
