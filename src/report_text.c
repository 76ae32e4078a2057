/* The report as text for a terminal or a printout, no line wider than
 * REPORT_WIDTH columns: header, board, OPEL drivers, flow, DTOC tables and
 * the longest-delayed patients. Levels are digits, never colours; stored text
 * is cleaned and measured in display columns (report_cell, report_wrap). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "sitrep/util.h"

struct text {
	FILE *f;
	const struct system_metrics *m;
	const struct config *cfg;
	int w0; /* the first column: site codes and total labels */
};

struct col {
	const char *head;
	int width;
};

/* One row of a per-site table: a site, a kind's subtotal or the total. */
struct trow {
	const char *label;
	const struct flow_counts *c;
	int computed, declared; /* levels; 0: none; -1: not applicable */
};

typedef void (*trow_fn)(struct text *t, const struct trow *r);

static void long_date(sr_day d, bool with_year, char *buf, size_t size)
{
	report_long_date(d, with_year, buf, size);
}

/* "2026-11-09T08:00:00" -> "2026-11-09 08:00". */
static void short_stamp(const char *at, char buf[32])
{
	if (at && strlen(at) >= 16 && at[10] == 'T')
		snprintf(buf, 32, "%.10s %.5s", at, at + 11);
	else
		snprintf(buf, 32, "%s", at ? at : "");
}

static void spaces(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* "declared 3 by alice at 2026-11-10 07:00: note" */
static char *declared_text(int level, const char *at, const char *by,
			   const char *note)
{
	char when[32];

	if (level <= 0)
		return xstrdup("none declared");
	short_stamp(at, when);
	return xasprintf("declared %d by %s at %s%s%s", level, by, when,
			 note && *note ? ": " : "", note ? note : "");
}

static void fmt_int(char buf[32], long v)
{
	snprintf(buf, 32, "%ld", v);
}

static void fmt_pct(char buf[32], long part, long whole)
{
	report_fmt1(buf, metrics_pct(part, whole), "-");
}

static void fmt_mean(char buf[32], long sum, long n)
{
	report_fmt1(buf, metrics_mean(sum, n), "-");
}

/* ---- Tables ------------------------------------------------------------ */

static void put_line(struct text *t, const char *label,
		     const struct col *cols, char (*cells)[32], size_t n)
{
	report_cell(t->f, label, t->w0, false);
	for (size_t i = 0; i < n; i++) {
		fputc(' ', t->f);
		report_cell(t->f, cells ? cells[i] : cols[i].head,
			    cols[i].width, true);
	}
	fputc('\n', t->f);
}

/* A label centred over span columns, padded with dashes. */
static void put_span(FILE *f, const char *label, int span)
{
	int len = (int)strlen(label) + 2, left = (span - len) / 2;

	fputc(' ', f);
	for (int i = 0; i < left; i++)
		fputc('-', f);
	fprintf(f, " %s ", label);
	for (int i = left + len; i < span; i++)
		fputc('-', f);
}

static void each_row(struct text *t, trow_fn fn)
{
	const struct system_metrics *m = t->m;
	bool present[SITE_KIND_COUNT];

	report_kinds_present(m, present);
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		char *label;

		if (!present[k])
			continue;
		for (size_t i = 0; i < m->nsites; i++) {
			const struct site_metrics *sm = &m->sites[i];

			if ((int)sm->site->kind == k)
				fn(t, &(struct trow){sm->site->code, &sm->c,
						     sm->opel.level,
						     sm->declared});
		}
		label = xasprintf("%s total",
				  site_kind_label((enum site_kind)k));
		fn(t, &(struct trow){label, &m->kind[k], -1, -1});
		free(label);
	}
	fn(t, &(struct trow){report_filtered(m) ? "Total" : "System total",
			     &m->total, m->level,
			     report_declared_whole(m).level});
}

static void widen(struct text *t, const struct trow *r)
{
	int w = report_width(r->label);

	if (w > t->w0)
		t->w0 = w;
}

/* ---- Header ------------------------------------------------------------ */

/* The trajectory line: the system's, or the one site's own (never the
 * system's target for a site), with no verdict on a day without data. */
static void trajectory_line(struct text *t)
{
	const struct system_metrics *m = t->m;
	const struct trajectory_status *tr = &m->trajectory;
	char pct[32], exp[32], whose[64], *line;
	int y, mo, d;

	date_to_ymd(m->day, &y, &mo, &d);
	report_fmt1(pct, tr->projected, "-");
	report_fmt1(exp, tr->expected_to_date, "-");
	if (tr->site)
		snprintf(whose, sizeof(whose), " of %s", tr->site->code);
	else
		whose[0] = '\0';
	if (tr->target < 0)
		line = xasprintf("Trajectory%s, %s %d: %s%s; month to date %ld "
				 "delayed bed days; projected month end %s",
				 whose, report_month_name(mo), y,
				 tr->site ? "no site target" : "no target",
				 tr->site ? " (the system's trajectory is "
					    "for the whole system)" : "",
				 tr->mtd, pct);
	else
		line = xasprintf("Trajectory%s, %s %d: target %d delayed bed "
				 "days; month to date %ld; expected to date "
				 "%s (day %d of %d); projected month end %s: "
				 "%s", whose, report_month_name(mo), y,
				 tr->target, tr->mtd, exp, tr->day_of_month,
				 tr->days_in_month, pct,
				 tr->verdict == TRAJ_ON_TRACK ? "on track" :
				 tr->verdict == TRAJ_OVER ? "OVER" :
				 "no verdict (no data)");
	report_wrap(t->f, line, 0, 2, "; ");
	free(line);
}

static void header(struct text *t)
{
	const struct system_metrics *m = t->m;
	const struct site_metrics *one = report_filtered(m) ? &m->sites[0] :
							      NULL;
	struct report_declared whole;
	char day[48], *line, *decl;

	long_date(m->day, true, day, sizeof(day));
	line = xasprintf("%s: morning report for %s%s%s%s", t->cfg->system_name,
			 day, one ? ", site " : "", one ? one->site->code : "",
			 one ? " only" : "");
	report_wrap(t->f, line, 0, 2, " ");
	free(line);
	if (one) {
		fputs("  ", t->f);
		report_wrap(t->f, "(kind and system totals cover this site "
			    "only)", 2, 3, " ");
	}
	if (m->no_data) {
		line = xasprintf("No data for this day: no stay had been "
				 "admitted by the end of %s, so the figures "
				 "below are zeros, not measurements.", day);
		report_wrap(t->f, line, 0, 2, " ");
		free(line);
	}
	/* A site's computed level beside the site's own declaration, the
	 * system's beside the system's: never one beside the other. */
	whole = report_declared_whole(m);
	decl = declared_text(whole.level, whole.at, whole.by, whole.note);
	if (m->cfg->opel.scoring == SYSTEM_SCORING_SCORES && !one) {
		char score[32];

		report_fmt1(score, m->score, "none");
		line = xasprintf("System OPEL: computed %d (score %s); %s",
				 m->level, score, decl);
	} else {
		line = xasprintf("%s OPEL: computed %d; %s",
				 one ? one->site->code : "System", m->level,
				 decl);
	}
	report_wrap(t->f, line, 0, 2, " ");
	free(line);
	free(decl);
	trajectory_line(t);
}

/* ---- Board -------------------------------------------------------------- */

static const struct col board_cols[] = {
	{"Beds", 5}, {"Occ", 5}, {"Free", 5}, {"Occ%", 5}, {"Str", 4},
	{"Sup", 4}, {"NCTR", 5}, {"NCTR%", 5}, {"DBD MTD", 7}, {"Dis", 5},
	{"<12", 5}, {"<12%", 5}, {"OPEL C/D", 8},
};
#define NBOARD ARRAY_SIZE(board_cols)

static void level_text(char buf[32], int computed, int declared)
{
	char c[12] = "-", d[12] = "-";

	if (computed > 0)
		snprintf(c, sizeof(c), "%d", computed);
	if (declared > 0)
		snprintf(d, sizeof(d), "%d", declared);
	snprintf(buf, 32, "%s / %s", c, d);
}

static void board_row(struct text *t, const struct trow *r)
{
	const struct flow_counts *c = r->c;
	char cells[NBOARD][32];

	fmt_int(cells[0], metrics_available(c));
	fmt_int(cells[1], c->occupied);
	fmt_int(cells[2], metrics_free_beds(c));
	fmt_pct(cells[3], c->occupied, metrics_available(c));
	fmt_int(cells[4], c->stranded);
	fmt_int(cells[5], c->super_stranded);
	fmt_int(cells[6], c->g2g);
	fmt_pct(cells[7], c->g2g, metrics_available(c));
	fmt_int(cells[8], c->delayed_bed_days_mtd);
	fmt_int(cells[9], c->discharges_d1);
	fmt_int(cells[10], c->discharges_d1_am);
	fmt_pct(cells[11], c->discharges_d1_am, c->discharges_d1);
	level_text(cells[12], r->computed, r->declared);
	put_line(t, r->label, board_cols, cells, NBOARD);
}

/* The sites whose beds differ from their base at the moment. */
static void bed_state_lines(struct text *t)
{
	const struct system_metrics *m = t->m;
	bool any = false;

	for (size_t i = 0; i < m->nsites; i++) {
		const struct flow_counts *c = &m->sites[i].c;
		char *line;

		if (!c->closed && !c->escalation)
			continue;
		if (!any)
			fputs("\nBed state\n", t->f);
		any = true;
		line = xasprintf("%s: base %d, %d closed, %d escalation: %d "
				 "available, %d free.", m->sites[i].site->code,
				 c->beds, c->closed, c->escalation,
				 metrics_available(c), metrics_free_beds(c));
		fputs("  ", t->f);
		report_wrap(t->f, line, 2, 4, " ");
		free(line);
	}
}

static void board(struct text *t)
{
	const struct system_metrics *m = t->m;
	char day[96], yday[48], target[32], *legend;
	int y, mo, d;

	report_moment(m, day, sizeof(day));
	long_date(m->day - 1, false, yday, sizeof(yday));
	date_to_ymd(m->day, &y, &mo, &d);
	fprintf(t->f, "\nSites %s\n", day);
	{
		/* The NCTR columns by the config's name for them. */
		struct col cols[NBOARD];
		char pct[16];

		memcpy(cols, board_cols, sizeof(cols));
		snprintf(pct, sizeof(pct), "%s%%", t->cfg->nctr_label);
		cols[6].head = t->cfg->nctr_label;
		cols[7].head = pct;
		put_line(t, "Site", cols, NULL, NBOARD);
	}
	each_row(t, board_row);
	snprintf(target, sizeof(target), "%g", t->cfg->midday_target_pct);
	legend = xasprintf(
		"Beds available beds (the base, less beds closed, plus "
		"escalation beds open); Occ occupied beds; Free available "
		"less occupied; Str stranded (length of stay %d days or "
		"more); Sup super-stranded (%d days or more); %s no longer "
		"meeting the criteria to reside (%% of beds); DBD MTD delayed "
		"bed days from 1 %s; Dis "
		"discharges yesterday, %s%s; <12 before midday (target "
		"%s%%); OPEL C/D level computed / declared (- none).",
		t->cfg->stranded_days, t->cfg->super_stranded_days,
		t->cfg->nctr_label, report_month_name(mo), yday,
		m->yesterday_weekend ? " (a weekend day)" : "", target);
	fputs("  ", t->f);
	report_wrap(t->f, legend, 2, 2, " ");
	free(legend);
	bed_state_lines(t);
}

/* ---- OPEL drivers ------------------------------------------------------- */

static void site_opel(struct text *t, const struct site_metrics *sm,
		      int codew)
{
	const struct opel_kind_cfg *k = &t->cfg->opel.kind[sm->site->kind];
	char explain[512], *line;

	fputs("  ", t->f);
	report_cell(t->f, sm->site->code, codew, false);
	fputs("  ", t->f);
	if (k->rule == OPEL_RULE_POINTS) {
		/* "computed 3 by points, score 14 >= 12 (L3): ..." */
		report_explain(t->cfg, sm, explain, sizeof(explain));
		line = xasprintf("computed %d by points, %s", sm->opel.level,
				 explain);
		report_wrap(t->f, line, 4 + codew, 4 + codew, ", ");
		free(line);
		opel_unknown(k, &sm->opel, explain, sizeof(explain));
		if (explain[0]) {
			line = xasprintf("unknown: %s", explain);
			spaces(t->f, 4 + codew);
			report_wrap(t->f, line, 4 + codew, 6 + codew, ", ");
			free(line);
		}
	} else if (sm->opel.level > OPEL_LEVEL_MIN) {
		report_explain(t->cfg, sm, explain, sizeof(explain));
		if (k->rule == OPEL_RULE_WEIGHTED)
			line = xasprintf("computed %d (weighted score %g >= "
					 "band %g): %s", sm->opel.level,
					 sm->opel.score,
					 k->bands[sm->opel.level - 2],
					 explain);
		else
			line = xasprintf("computed %d (highest metric): %s",
					 sm->opel.level, explain);
		report_wrap(t->f, line, 4 + codew, 4 + codew, ", ");
		free(line);
	} else {
		fprintf(t->f, "computed %d\n", sm->opel.level);
	}
	if (sm->declared > 0) {
		line = declared_text(sm->declared, sm->declared_at,
				     sm->declared_by, sm->declared_note);
		spaces(t->f, 4 + codew);
		report_wrap(t->f, line, 4 + codew, 6 + codew, " ");
		free(line);
	}
}

static void opel_drivers(struct text *t)
{
	const struct system_metrics *m = t->m;
	int codew = 0, shown = 0;

	for (size_t i = 0; i < m->nsites; i++) {
		int w = report_width(m->sites[i].site->code);

		codew = w > codew ? w : codew;
	}
	fputs("\nOPEL: what drove each site's level (1 steady to 4 extreme "
	      "pressure), and levels declared\n", t->f);
	for (size_t i = 0; i < m->nsites; i++) {
		const struct site_metrics *sm = &m->sites[i];

		if (sm->opel.level > OPEL_LEVEL_MIN || sm->declared > 0 ||
		    t->cfg->opel.kind[sm->site->kind].rule ==
			    OPEL_RULE_POINTS) {
			site_opel(t, sm, codew);
			shown++;
		}
	}
	if (!shown)
		fputs("  Every site computes level 1 and none has a declared "
		      "level.\n", t->f);
}

/* ---- Flow -------------------------------------------------------------- */

static const struct col flow_cols[] = {
	{"n", 5}, {"DRD>", 5}, {"LOS", 5}, {"EDD%", 5},
	{"n", 5}, {"DRD>", 5}, {"LOS", 5}, {"EDD%", 5},
	{"NoEDD", 5}, {"EDD<", 5}, {"Red", 5}, {"Green", 5}, {"Readm", 5},
};
#define NFLOW ARRAY_SIZE(flow_cols)

static void window_cells(char (*cells)[32], const struct discharge_window *w)
{
	fmt_int(cells[0], w->discharges);
	fmt_mean(cells[1], w->g2g_to_discharge, w->with_g2g);
	fmt_mean(cells[2], w->los, w->discharges);
	fmt_pct(cells[3], w->on_or_before_edd, w->discharges);
}

static void flow_row(struct text *t, const struct trow *r)
{
	const struct flow_counts *c = r->c;
	char cells[NFLOW][32];

	window_cells(cells, &c->w7);
	window_cells(cells + 4, &c->w30);
	fmt_int(cells[8], c->no_edd);
	fmt_int(cells[9], c->edd_passed);
	fmt_int(cells[10], c->red_days);
	fmt_int(cells[11], c->green_days);
	fmt_int(cells[12], c->readmissions_30d);
	put_line(t, r->label, flow_cols, cells, NFLOW);
}

static void flow(struct text *t)
{
	fputs("\nFlow: discharges in the 7 and 30 days to yesterday, and "
	      "patients in a bed\n", t->f);
	spaces(t->f, t->w0);
	put_span(t->f, "7 days", 4 * 6 - 1);
	put_span(t->f, "30 days", 4 * 6 - 1);
	put_span(t->f, "in a bed", 5 * 6 - 1);
	fputc('\n', t->f);
	put_line(t, "Site", flow_cols, NULL, NFLOW);
	each_row(t, flow_row);
	fputs("  ", t->f);
	report_wrap(t->f,
		    "n discharges; DRD> mean days from the discharge ready "
		    "date to discharge; LOS mean length of stay (days); EDD% "
		    "discharged on or before the expected date; NoEDD no "
		    "expected date; EDD< expected date passed; Red, Green "
		    "today's SAFER day marks; Readm readmissions: admitted in "
		    "the last 30 days within 28 days of a discharge.",
		    2, 2, " ");
}

/* ---- Bed balance and community flow (issue 16) --------------------------*/

static const struct col balance_cols[] = {
	{"Free", 5}, {"Today", 7}, {"Tmrw", 7}, {"Adm12", 5}, {"Noon", 5},
	{"Adm24", 5}, {"24:00", 5},
};
#define NBALANCE ARRAY_SIZE(balance_cols)

static void fmt_proj(char buf[32], double v)
{
	if (isnan(v))
		snprintf(buf, 32, "-");
	else
		snprintf(buf, 32, "%.0f", floor(v + 0.5));
}

static void balance_row(struct text *t, const struct trow *r)
{
	const struct flow_counts *c = r->c;
	char cells[NBALANCE][32];

	fmt_int(cells[0], metrics_free_beds(c));
	snprintf(cells[1], 32, "%d+%d", c->edd_today_confirmed,
		 c->edd_today_possible);
	snprintf(cells[2], 32, "%d+%d", c->edd_tomorrow_confirmed,
		 c->edd_tomorrow_possible);
	report_fmt1(cells[3], c->adm_expected_noon, "-");
	fmt_proj(cells[4], c->projected_noon);
	report_fmt1(cells[5], c->adm_expected_midnight, "-");
	fmt_proj(cells[6], c->projected_midnight);
	put_line(t, r->label, balance_cols, cells, NBALANCE);
}

static void balance(struct text *t)
{
	fputs("\nBed balance: free beds now, expected discharges and "
	      "admissions, projected free beds\n", t->f);
	put_line(t, "Site", balance_cols, NULL, NBALANCE);
	each_row(t, balance_row);
	fputs("  ", t->f);
	report_wrap(t->f,
		    "Free available less occupied beds at the moment; Today, "
		    "Tmrw patients in a bed with an expected discharge date "
		    "of the day or the next, confirmed+possible; Adm12, Adm24 "
		    "expected admissions from the moment to noon and to the "
		    "day's end (the mean of the same weekday of the four weeks "
		    "before); Noon free beds + confirmed discharges - Adm12; "
		    "24:00 free beds + all of the day's expected discharges - "
		    "Adm24 (- when the time has passed, or for a day's end).",
		    2, 2, " ");
}

static void community_flow(struct text *t)
{
	const struct system_metrics *m = t->m;
	const struct flow_counts *tot = &m->total;
	char pct[32], rate[32], los[SITE_KIND_COUNT][32];
	bool any = false;
	char *line;

	for (size_t i = 0; i < m->nsites; i++) {
		const struct site_metrics *sm = &m->sites[i];
		const struct flow_counts *c = &sm->c;

		if (sm->site->kind != SITE_COMMUNITY)
			continue;
		if (!any)
			fprintf(t->f, "\nStep-up admissions to community "
				"beds this month (target %g%% step-up)\n",
				t->cfg->step_up_target_pct);
		any = true;
		report_fmt1(pct, metrics_step_up_pct(c), "-");
		line = xasprintf("%s: %d admitted, %d step-up, %d step-down, "
				 "%d other or not recorded: %s%s%s",
				 sm->site->code, c->adm_mtd, c->adm_mtd_step_up,
				 c->adm_mtd_step_down,
				 c->adm_mtd - c->adm_mtd_step_up -
					 c->adm_mtd_step_down,
				 isnan(metrics_step_up_pct(c)) ? "no step-up "
				 "or step-down admission yet" : "step-up ",
				 isnan(metrics_step_up_pct(c)) ? "" : pct,
				 isnan(metrics_step_up_pct(c)) ? "" :
				 metrics_step_up_pct(c) >=
					 t->cfg->step_up_target_pct ?
				 "% (on target)" : "% (below target)");
		fputs("  ", t->f);
		report_wrap(t->f, line, 2, 4, " ");
		free(line);
	}
	report_fmt1(rate, 100 * metrics_weekend_ratio(tot), "-");
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		fmt_mean(los[k], m->kind[k].w30.los, m->kind[k].w30.discharges);
	line = xasprintf("Weekend discharges, the 4 weeks to yesterday: %d on "
			 "the 8 weekend days, %d on the 20 weekdays; a weekend "
			 "day's rate is %s%% of a weekday's. Mean length of "
			 "stay of the 30 days' discharges: acute %s, "
			 "community %s, mental health %s days.",
			 tot->dis28_weekend, tot->dis28_weekday, rate,
			 los[SITE_ACUTE], los[SITE_COMMUNITY],
			 los[SITE_MENTAL_HEALTH]);
	fputc('\n', t->f);
	report_wrap(t->f, line, 0, 2, " ");
	free(line);
}

/* ---- DTOC ---------------------------------------------------------------
 * The layout of the DTOC plan's appendix: sites as rows, codes as columns,
 * totals; columns that do not fit in the width go to a further panel. */

struct dtoc_table {
	size_t ncols;
	struct col *cols;
	/* value of column j for a site row i (i == nsites: the total) */
	long (*value)(const struct system_metrics *m, size_t i, size_t j);
};

static const struct flow_counts *row_counts(const struct system_metrics *m,
					    size_t i)
{
	return i < m->nsites ? &m->sites[i].c : &m->total;
}

static long reason_value(const struct system_metrics *m, size_t i, size_t j)
{
	const struct flow_counts *c = row_counts(m, i);

	return j <= m->cfg->ndelay_reasons ? c->dbd_mtd_by_reason[j] :
					     c->delayed_bed_days_mtd;
}

static long agency_value(const struct system_metrics *m, size_t i, size_t j)
{
	const struct flow_counts *c = row_counts(m, i);

	return j <= AGENCY_COUNT ? c->dbd_mtd_by_agency[j] :
				   c->delayed_bed_days_mtd;
}

static long los_value(const struct system_metrics *m, size_t i, size_t j)
{
	const struct flow_counts *c = row_counts(m, i);

	return j < METRICS_LOS_BANDS ? c->g2g_by_los[j] : c->g2g;
}

/* The blockers' table: by family, then open, overdue, ended in 7 days
 * and patients escalated. */
enum { BT_OPEN = FAMILY_COUNT + 1, BT_OVERDUE, BT_CLOSED, BT_ESCALATED,
       BT_COUNT };

static long blocker_value(const struct system_metrics *m, size_t i, size_t j)
{
	const struct flow_counts *c = row_counts(m, i);

	switch (j) {
	case BT_OPEN: return c->blockers_open;
	case BT_OVERDUE: return c->blockers_overdue;
	case BT_CLOSED: return c->blockers_closed_7d;
	case BT_ESCALATED: return c->escalated;
	default: return j <= FAMILY_COUNT ? c->blockers_by_family[j] : 0;
	}
}

static int digits(long v)
{
	int n = 1;

	while (v >= 10 || v <= -10) {
		v /= 10;
		n++;
	}
	return n + (v < 0);
}

/* Widths: the header, the widest value (the total row's is the largest,
 * all being non-negative), at least 4. */
static void dtoc_widths(struct text *t, struct dtoc_table *d)
{
	for (size_t j = 0; j < d->ncols; j++) {
		int w = report_width(d->cols[j].head);
		int v = digits(d->value(t->m, t->m->nsites, j));

		w = v > w ? v : w;
		d->cols[j].width = w > 4 ? w : 4;
	}
}

static void dtoc_panel(struct text *t, const struct dtoc_table *d,
		       size_t from, size_t to)
{
	const struct system_metrics *m = t->m;
	char (*cells)[32] = xcalloc(to - from, sizeof(*cells));

	put_line(t, "Site", d->cols + from, NULL, to - from);
	for (size_t i = 0; i <= m->nsites; i++) {
		for (size_t j = from; j < to; j++)
			fmt_int(cells[j - from], d->value(m, i, j));
		put_line(t, i < m->nsites ? m->sites[i].site->code : "Total",
			 d->cols + from, cells, to - from);
	}
	free(cells);
}

static void dtoc_table(struct text *t, struct dtoc_table *d)
{
	size_t from = 0;

	dtoc_widths(t, d);
	while (from < d->ncols) {
		size_t to = from;
		int used = t->w0;

		while (to < d->ncols &&
		       (to == from ||
			used + 1 + d->cols[to].width <= REPORT_WIDTH))
			used += 1 + d->cols[to++].width;
		if (from > 0)
			fputc('\n', t->f);
		dtoc_panel(t, d, from, to);
		from = to;
	}
}

static void dtoc_by_reason(struct text *t)
{
	const struct config *cfg = t->cfg;
	size_t n = cfg->ndelay_reasons;
	struct dtoc_table d = {n + 2, xcalloc(n + 2, sizeof(struct col)),
			       reason_value};
	char *legend = xstrdup(""), *next;

	for (size_t i = 0; i < n; i++) {
		d.cols[i].head = cfg->delay_reasons[i].code;
		next = xasprintf("%s%s%s %s", legend, i ? "; " : "",
				 cfg->delay_reasons[i].code,
				 cfg->delay_reasons[i].label);
		free(legend);
		legend = next;
	}
	d.cols[n].head = "none";
	d.cols[n + 1].head = "Total";
	dtoc_table(t, &d);
	next = xasprintf("%s%snone not recorded.", legend, n ? "; " : "");
	fputs("  ", t->f);
	report_wrap(t->f, next, 2, 2, " ");
	free(next);
	free(legend);
	free(d.cols);
}

static void dtoc(struct text *t)
{
	struct col agency_cols[AGENCY_COUNT + 2];
	struct dtoc_table d = {AGENCY_COUNT + 2, agency_cols, agency_value};
	char from[48], to[48];
	int y, mo, day;

	date_to_ymd(t->m->day, &y, &mo, &day);
	snprintf(from, sizeof(from), "1 %s", report_month_name(mo));
	long_date(t->m->day, true, to, sizeof(to));
	fprintf(t->f, "\nDelayed bed days month to date (%s to %s) by reason\n",
		from, to);
	dtoc_by_reason(t);
	fputs("\nDelayed bed days month to date by responsible agency\n",
	      t->f);
	for (int a = 0; a < AGENCY_COUNT; a++)
		agency_cols[a].head = agency_code((enum agency)a);
	agency_cols[AGENCY_COUNT].head = "none";
	agency_cols[AGENCY_COUNT + 1].head = "Total";
	dtoc_table(t, &d);
	fputs("  NHS the NHS; ASC adult social care; both NHS and social "
	      "care; none not recorded.\n", t->f);
	{
		static const char *const heads[METRICS_LOS_BANDS] = {
			"0-6", "7-13", "14-20", "21+",
		};
		struct col los_cols[METRICS_LOS_BANDS + 1];
		struct dtoc_table l = {METRICS_LOS_BANDS + 1, los_cols,
				       los_value};

		memset(los_cols, 0, sizeof(los_cols));
		fprintf(t->f, "\nPatients who no longer meet the criteria to "
			"reside (%s) by length of stay\n", t->cfg->nctr_label);
		for (int b = 0; b < METRICS_LOS_BANDS; b++)
			los_cols[b].head = heads[b];
		los_cols[METRICS_LOS_BANDS].head = "Total";
		dtoc_table(t, &l);
		fputs("  length of stay on the day: days since the "
		      "admission date.\n", t->f);
	}
}

/* "name n, name n, ..." of the system's counts, into a new string. */
static char *named_counts(const char *lead, const char *const *names,
			  const int *v, size_t n)
{
	char *out = xstrdup(lead), *next;

	for (size_t i = 0; i < n; i++) {
		next = xasprintf("%s%s%s %d", out, i ? ", " : " ", names[i],
				 v[i]);
		free(out);
		out = next;
	}
	next = xasprintf("%s.", out);
	free(out);
	return next;
}

static void blockers(struct text *t)
{
	static const char *const heads[BT_COUNT] = {
		[FAMILY_HOSPITAL] = "Hospital", [FAMILY_HUB] = "Hub",
		[FAMILY_INTERFACE] = "Interface",
		[FAMILY_CAPACITY] = "Capacity",
		[FAMILY_WELLBEING] = "Wellbeing", [FAMILY_COUNT] = "other",
		[BT_OPEN] = "Open", [BT_OVERDUE] = "Overdue",
		[BT_CLOSED] = "Ended 7d", [BT_ESCALATED] = "Escalated",
	};
	const struct config *cfg = t->cfg;
	const struct flow_counts *c = &t->m->total;
	struct col cols[BT_COUNT];
	struct dtoc_table d = {BT_COUNT, cols, blocker_value};
	const char **names;
	char *line, median[32];
	size_t n;

	memset(cols, 0, sizeof(cols));
	for (int j = 0; j < BT_COUNT; j++)
		cols[j].head = heads[j];
	fputs("\nBlockers (what patients wait for) open at the moment, by "
	      "family\n", t->f);
	dtoc_table(t, &d);
	if (isnan(c->blockers_median_days_to_close))
		snprintf(median, sizeof(median), "-");
	else
		snprintf(median, sizeof(median), "%.1f",
			 c->blockers_median_days_to_close);
	line = xasprintf("Overdue: open with a due date before the day. "
			 "Ended 7d: ended (closed, or by the discharge) from "
			 "00:00 six days before; median days open of those: "
			 "%s. Escalated: patients in a bed the escalation "
			 "rules name a role for.", median);
	fputs("  ", t->f);
	report_wrap(t->f, line, 2, 2, " ");
	free(line);
	n = AGENCY_COUNT + 1;
	names = xcalloc(n + cfg->nowners + cfg->nroles + 1, sizeof(*names));
	for (size_t i = 0; i < AGENCY_COUNT; i++)
		names[i] = agency_code((enum agency)i);
	names[AGENCY_COUNT] = "none";
	line = named_counts("Open by agency (total):", names,
			    c->blockers_by_agency, n);
	fputs("  ", t->f);
	report_wrap(t->f, line, 2, 2, " ");
	free(line);
	for (size_t i = 0; i < cfg->nowners; i++)
		names[i] = cfg->owners[i].code;
	names[cfg->nowners] = "none";
	line = named_counts("Open by owner (total):", names,
			    c->blockers_by_owner, cfg->nowners + 1);
	fputs("  ", t->f);
	report_wrap(t->f, line, 2, 2, " ");
	free(line);
	if (cfg->nroles) {
		for (size_t i = 0; i < cfg->nroles; i++)
			names[i] = cfg->roles[i];
		line = named_counts("Escalated to (total):", names,
				    c->escalated_by_role, cfg->nroles);
		fputs("  ", t->f);
		report_wrap(t->f, line, 2, 2, " ");
		free(line);
	}
	free(names);
}

/* ---- Escalated ----------------------------------------------------------- */

enum { ES_NUM, ES_PATIENT, ES_MRN, ES_SITE, ES_WARD, ES_DELAY, ES_OVERDUE,
       ES_REASON, ES_TO, ES_COUNT };

static const struct {
	const char *head;
	int max;
	bool right;
} es_cols[ES_COUNT] = {
	[ES_NUM] = {"#", 3, true},          [ES_PATIENT] = {"Patient", 20, false},
	[ES_MRN] = {"MRN", 12, false},      [ES_SITE] = {"Site", 8, false},
	[ES_WARD] = {"Ward", 8, false},     [ES_DELAY] = {"Delay", 5, true},
	[ES_OVERDUE] = {"Overdue", 7, true}, [ES_REASON] = {"Reason", 8, false},
	[ES_TO] = {"To", 40, false},
};

static void es_cells(const struct system_metrics *m, size_t i,
		     const char *patient, const char **cell, char (*num)[16])
{
	const struct metrics_escalation *e = &m->escalations[i];
	const struct stay *s = &e->stay;

	snprintf(num[0], 16, "%zu", i + 1);
	snprintf(num[1], 16, "%d", e->delay_days);
	snprintf(num[2], 16, "%d", e->overdue_days);
	cell[ES_NUM] = num[0];
	cell[ES_PATIENT] = patient ? patient : "-";
	cell[ES_MRN] = s->v[SF_MRN] ? s->v[SF_MRN] : "-";
	cell[ES_SITE] = s->v[SF_SITE];
	cell[ES_WARD] = s->v[SF_WARD] ? s->v[SF_WARD] : "-";
	cell[ES_DELAY] = e->delay_days >= 0 ? num[1] : "-";
	cell[ES_OVERDUE] = e->overdue_days >= 0 ? num[2] : "-";
	cell[ES_REASON] = s->v[SF_DELAY_REASON] ? s->v[SF_DELAY_REASON] : "-";
	cell[ES_TO] = m->cfg->roles[e->role];
}

static void es_line(FILE *f, const char **cell, const int *width,
		    bool show_names)
{
	for (int j = 0; j < ES_COUNT; j++) {
		if (j == ES_MRN && !show_names)
			continue;
		if (j > 0)
			fputs("  ", f);
		if (j == ES_TO) { /* no trailing spaces */
			int w = report_width(cell[j]);

			report_cell(f, cell[j], w < width[j] ? w : width[j],
				    false);
		} else {
			report_cell(f, cell[j], width[j], es_cols[j].right);
		}
	}
	fputc('\n', f);
}

static void escalated(struct text *t, bool show_names)
{
	const struct system_metrics *m = t->m;
	const char *cell[ES_COUNT];
	char num[3][16], *patient[METRICS_ESCALATED] = {0};
	int width[ES_COUNT], used = 0;

	if (!t->cfg->nroles)
		return;
	fprintf(t->f, "\nEscalated: %d patient%s; %s%zu, the most senior "
		"role first (%s)\n", m->total.escalated,
		m->total.escalated == 1 ? "" : "s",
		(int)m->nescalations < m->total.escalated ? "the first " : "",
		m->nescalations,
		show_names ? "names shown" : "initials; --show-names for "
					     "names");
	if (!m->nescalations)
		return;
	for (int j = 0; j < ES_COUNT; j++)
		width[j] = report_width(es_cols[j].head);
	for (size_t i = 0; i < m->nescalations; i++) {
		patient[i] = report_patient(&m->escalations[i].stay,
					    show_names);
		es_cells(m, i, patient[i], cell, num);
		for (int j = 0; j < ES_COUNT; j++) {
			int w = report_width(cell[j]);

			w = w < es_cols[j].max ? w : es_cols[j].max;
			width[j] = w > width[j] ? w : width[j];
		}
	}
	for (int j = 0; j < ES_TO; j++)
		if (j != ES_MRN || show_names)
			used += width[j] + 2;
	if (width[ES_TO] > REPORT_WIDTH - used)
		width[ES_TO] = REPORT_WIDTH - used;
	for (int j = 0; j < ES_COUNT; j++)
		cell[j] = es_cols[j].head;
	es_line(t->f, cell, width, show_names);
	for (size_t i = 0; i < m->nescalations; i++) {
		es_cells(m, i, patient[i], cell, num);
		es_line(t->f, cell, width, show_names);
		free(patient[i]);
	}
	fputs("  Delay: days since the discharge ready date; Overdue: days "
	      "the most overdue open\n  blocker is past its due date; Reason: "
	      "the primary blocker's code.\n", t->f);
}

/* ---- Longest delayed ---------------------------------------------------- */

enum { LD_NUM, LD_PATIENT, LD_MRN, LD_SITE, LD_WARD, LD_G2G, LD_DELAY,
       LD_LOS, LD_REASON, LD_AGENCY, LD_PATHWAY, LD_COUNT };

static const struct {
	const char *head;
	int min;
	bool right;
} ld_cols[LD_COUNT] = {
	[LD_NUM] = {"#", 2, true},       [LD_PATIENT] = {"Patient", 8, false},
	[LD_MRN] = {"MRN", 4, false},    [LD_SITE] = {"Site", 4, false},
	[LD_WARD] = {"Ward", 4, false},  [LD_G2G] = {"DRD", 10, false},
	[LD_DELAY] = {"Delay", 5, true}, [LD_LOS] = {"LOS", 4, true},
	[LD_REASON] = {"Reason", 6, false},
	[LD_AGENCY] = {"Agency", 6, false},
	[LD_PATHWAY] = {"Pathway", 7, false},
};

/* The cells of one delayed stay (cells[LD_PATIENT] and [LD_MRN] point into
 * the stay or *patient, which the caller frees). */
static void ld_cells(const struct stay *s, size_t i, sr_day d,
		     bool show_names, char *patient, const char **cell,
		     char (*num)[32])
{
	snprintf(num[0], 32, "%zu", i + 1);
	snprintf(num[1], 32, "%d", stay_delay_days(s, d));
	snprintf(num[2], 32, "%d", stay_los(s, d));
	cell[LD_NUM] = num[0];
	cell[LD_PATIENT] = patient ? patient : "-";
	cell[LD_MRN] = show_names && s->v[SF_MRN] ? s->v[SF_MRN] : "-";
	cell[LD_SITE] = s->v[SF_SITE];
	cell[LD_WARD] = s->v[SF_WARD] ? s->v[SF_WARD] : "-";
	cell[LD_G2G] = s->v[SF_G2G_DATE];
	cell[LD_DELAY] = num[1];
	cell[LD_LOS] = num[2];
	cell[LD_REASON] = s->v[SF_DELAY_REASON] ? s->v[SF_DELAY_REASON] : "-";
	cell[LD_AGENCY] = s->v[SF_DELAY_AGENCY] ? s->v[SF_DELAY_AGENCY] : "-";
	cell[LD_PATHWAY] = s->v[SF_PATHWAY] ? s->v[SF_PATHWAY] : "-";
}

/* Column widths no narrower than floor[] (MRN only with show_names): the
 * row's total width. */
static int ld_total(const int *width, bool show_names)
{
	int total = -2;

	for (int j = 0; j < LD_COUNT; j++)
		if (j != LD_MRN || show_names)
			total += width[j] + 2;
	return total;
}

/* Shrinks the widest column above its floor until the row fits or none
 * can give more. */
static void ld_shrink(int *width, const int *floor, bool show_names)
{
	int total = ld_total(width, show_names);

	while (total > REPORT_WIDTH) {
		int widest = -1;

		for (int j = 0; j < LD_COUNT; j++)
			if ((j != LD_MRN || show_names) &&
			    width[j] > floor[j] &&
			    (widest < 0 || width[j] > width[widest]))
				widest = j;
		if (widest < 0)
			break;
		width[widest]--;
		total--;
	}
}

/* Fits the row in the width: codes give way first (to 8 columns), then the
 * patient (to 14), then every column to its minimum. */
static void ld_fit(int *width, bool show_names)
{
	int floor[LD_COUNT];

	for (int j = 0; j < LD_COUNT; j++)
		floor[j] = width[j];
	floor[LD_SITE] = floor[LD_WARD] = floor[LD_REASON] = 8;
	floor[LD_MRN] = 10;
	for (int j = 0; j < LD_COUNT; j++)
		floor[j] = floor[j] < width[j] ? floor[j] : width[j];
	ld_shrink(width, floor, show_names);
	floor[LD_PATIENT] = width[LD_PATIENT] < 14 ? width[LD_PATIENT] : 14;
	ld_shrink(width, floor, show_names);
	for (int j = 0; j < LD_COUNT; j++)
		floor[j] = ld_cols[j].min;
	ld_shrink(width, floor, show_names);
}

static void ld_line(FILE *f, const char **cell, const int *width,
		    bool show_names)
{
	int last = LD_PATHWAY;

	for (int j = 0; j < LD_COUNT; j++) {
		if (j == LD_MRN && !show_names)
			continue;
		if (j > 0)
			fputs("  ", f);
		if (j == last) { /* no trailing spaces */
			int w = report_width(cell[j]);

			report_cell(f, cell[j], w < width[j] ? w : width[j],
				    false);
		} else {
			report_cell(f, cell[j], width[j], ld_cols[j].right);
		}
	}
	fputc('\n', f);
}

static void longest_delayed(struct text *t, const struct stay *s, size_t n,
			    bool show_names)
{
	const char *cell[LD_COUNT];
	char num[3][32], **patient = xcalloc(n ? n : 1, sizeof(char *));
	int width[LD_COUNT];

	fprintf(t->f, "\nLongest delayed: %zu of %d %s patient%s, longest "
		"first (%s)\n", n, t->m->total.g2g, t->cfg->nctr_label,
		t->m->total.g2g == 1 ? "" : "s",
		show_names ? "names shown" : "initials; --show-names for "
					     "names");
	if (n == 0) {
		fputs("  No patient in a bed is ready to leave (all meet the "
		      "criteria to reside).\n", t->f);
		free(patient);
		return;
	}
	for (int j = 0; j < LD_COUNT; j++) {
		width[j] = report_width(ld_cols[j].head);
		if (width[j] < ld_cols[j].min)
			width[j] = ld_cols[j].min;
	}
	for (size_t i = 0; i < n; i++) {
		patient[i] = report_patient(&s[i], show_names);
		ld_cells(&s[i], i, t->m->day, show_names, patient[i], cell,
			 num);
		for (int j = 0; j < LD_COUNT; j++) {
			int w = report_width(cell[j]);

			width[j] = w > width[j] ? w : width[j];
		}
	}
	ld_fit(width, show_names);
	for (int j = 0; j < LD_COUNT; j++)
		cell[j] = ld_cols[j].head;
	ld_line(t->f, cell, width, show_names);
	for (size_t i = 0; i < n; i++) {
		ld_cells(&s[i], i, t->m->day, show_names, patient[i], cell,
			 num);
		ld_line(t->f, cell, width, show_names);
		free(patient[i]);
	}
	free(patient);
}

void report_text(FILE *f, const struct system_metrics *m,
		 const struct stay *delayed, size_t n, bool show_names)
{
	struct text t = {f, m, m->cfg, 4};

	each_row(&t, widen);
	header(&t);
	board(&t);
	opel_drivers(&t);
	balance(&t);
	flow(&t);
	community_flow(&t);
	dtoc(&t);
	blockers(&t);
	escalated(&t, show_names);
	longest_delayed(&t, delayed, n, show_names);
}
