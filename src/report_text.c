/* The report as text for a terminal or a printout, no line wider than
 * REPORT_WIDTH columns: header, board, OPEL drivers, bed balance and flow
 * here; the DTOC tables, blockers, escalated and longest-delayed patients in
 * report_text_delays.c. Levels are digits, never colours; stored text is
 * cleaned and measured in display columns (report_cell, report_wrap). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_text_internal.h"
#include "sitrep/util.h"

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

void report_fmt_int(char buf[32], long v)
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

void report_put_line(struct text *t, const char *label,
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

	report_fmt_int(cells[0], metrics_available(c));
	report_fmt_int(cells[1], c->occupied);
	report_fmt_int(cells[2], metrics_free_beds(c));
	fmt_pct(cells[3], c->occupied, metrics_available(c));
	report_fmt_int(cells[4], c->stranded);
	report_fmt_int(cells[5], c->super_stranded);
	report_fmt_int(cells[6], c->g2g);
	fmt_pct(cells[7], c->g2g, metrics_available(c));
	report_fmt_int(cells[8], c->delayed_bed_days_mtd);
	report_fmt_int(cells[9], c->discharges_d1);
	report_fmt_int(cells[10], c->discharges_d1_am);
	fmt_pct(cells[11], c->discharges_d1_am, c->discharges_d1);
	level_text(cells[12], r->computed, r->declared);
	report_put_line(t, r->label, board_cols, cells, NBOARD);
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
		report_put_line(t, "Site", cols, NULL, NBOARD);
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
	report_fmt_int(cells[0], w->discharges);
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
	report_fmt_int(cells[8], c->no_edd);
	report_fmt_int(cells[9], c->edd_passed);
	report_fmt_int(cells[10], c->red_days);
	report_fmt_int(cells[11], c->green_days);
	report_fmt_int(cells[12], c->readmissions_30d);
	report_put_line(t, r->label, flow_cols, cells, NFLOW);
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
	report_put_line(t, "Site", flow_cols, NULL, NFLOW);
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

	report_fmt_int(cells[0], metrics_free_beds(c));
	snprintf(cells[1], 32, "%d+%d", c->edd_today_confirmed,
		 c->edd_today_possible);
	snprintf(cells[2], 32, "%d+%d", c->edd_tomorrow_confirmed,
		 c->edd_tomorrow_possible);
	report_fmt1(cells[3], c->adm_expected_noon, "-");
	fmt_proj(cells[4], c->projected_noon);
	report_fmt1(cells[5], c->adm_expected_midnight, "-");
	fmt_proj(cells[6], c->projected_midnight);
	report_put_line(t, r->label, balance_cols, cells, NBALANCE);
}

static void balance(struct text *t)
{
	fputs("\nBed balance: free beds now, expected discharges and "
	      "admissions, projected free beds\n", t->f);
	report_put_line(t, "Site", balance_cols, NULL, NBALANCE);
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
	report_text_dtoc(&t);
	report_text_blockers(&t);
	report_text_escalated(&t, show_names);
	report_text_longest_delayed(&t, delayed, n, show_names);
}
