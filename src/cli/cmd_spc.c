/* sitrep spc: a headline figure's XmR chart (Making Data Count) by day,
 * week or month, as text, CSV or JSON. The periods, their values and the
 * chart come from the trend module (include/sitrep/trend.h); this file
 * reads the options and writes the outputs. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/trend.h"
#include "sitrep/util.h"

/* Numbers as the outputs print them: a whole number as such, else two
 * decimals; NaN (no limits) as empty text (CSV), null (JSON) or "-". */
static void put_num(double v, const char *nan)
{
	if (isnan(v))
		fputs(nan, stdout);
	else if (v == floor(v) && fabs(v) < 1e15)
		printf("%.0f", v);
	else
		printf("%.2f", v);
}

struct out {
	const struct trend *t;
	const struct trend_figure_info *info;
	const char *site;
};

static const char *per_what(const struct out *o)
{
	if (o->t->by == TREND_DAY || o->info->agg == TREND_SUM)
		return "";
	if (o->t->fig == TREND_BEFORE_MIDDAY_PCT)
		return " (of the period's discharges)";
	return " (mean per day)";
}

static void write_text(const struct out *o)
{
	const struct trend *t = o->t;
	const char *by = trend_by_name(t->by);
	char a[DATE_BUF], b[DATE_BUF];

	trend_period_label(t->by, &t->p[t->nbase], a);
	trend_period_label(t->by, &t->p[t->n - 1], b);
	printf("%s%s by %s, %s, %s to %s\n", t->title, per_what(o), by,
	       o->site ? o->site : "system", a, b);
	if (t->empty)
		printf("%zu %s%s without discharges left out\n", t->empty, by,
		       t->empty == 1 ? "" : "s");
	if (t->nimported)
		printf("%zu %s%s before sitrep's data from imported series\n",
		       t->nimported, by, t->nimported == 1 ? "" : "s");
	if (t->skipped)
		printf("from the first admission: %zu %s%s before it left out\n",
		       t->skipped, by, t->skipped == 1 ? "" : "s");
	if (t->nbase)
		printf("limits from the %zu %ss before (last year)\n", t->nbase,
		       by);
	else if (t->o.baseline)
		printf("limits from the first %zu points\n", t->o.baseline);
	else
		printf("limits from all %zu points\n", t->n);
	if (t->sum.trial)
		printf("trial limits: fewer than %d points since the last "
		       "rebase\n", SPC_TRIAL_BELOW);
	printf("\n%-10s %9s %9s %9s %9s  %s\n", "period", "value", "mean",
	       "lower", "upper", "signal");
	for (size_t i = 0; i < t->n; i++) {
		const struct spc_point *q = &t->pt[i];
		char l[DATE_BUF];

		trend_period_label(t->by, &t->p[i], l);
		printf("%-10s %9.2f %9.2f ", l, t->p[i].value, q->mean);
		if (isnan(q->lpl))
			printf("%9s %9s", "-", "-");
		else
			printf("%9.2f %9.2f", q->lpl, q->upl);
		if (q->rule != SPC_RULE_NONE)
			printf("  %s %s (%s)", spc_rule_letter(q->rule),
			       spc_type_name(q->type), spc_rule_name(q->rule));
		if (i < t->nbase)
			fputs("  [baseline]", stdout);
		if (t->p[i].imported)
			fputs("  [imported]", stdout);
		putchar('\n');
	}
	printf("\nlast point: %s; assurance: %s",
	       spc_icon_name(t->sum.icon, t->sum.icon_side),
	       spc_assurance_name(t->sum.assurance));
	if (t->o.has_target) {
		fputs(" (target ", stdout);
		put_num(t->o.target, "-");
		putchar(')');
	}
	printf("\nsignals: O outside the limits, T trend of %d, 2 two of three "
	       "beyond a near limit, S shift of %d; %s is better\n", SPC_RUN,
	       SPC_RUN, o->info->better == SPC_UP ? "higher" : "lower");
}

static void write_csv(const struct out *o)
{
	const struct trend *t = o->t;

	puts("figure,site,by,period,first_day,last_day,value,baseline,segment,"
	     "mean,lower,upper,near_lower,near_upper,rule,type,imported");
	for (size_t i = 0; i < t->n; i++) {
		const struct spc_point *q = &t->pt[i];
		const double lim[] = {q->mean, q->lpl, q->upl, q->nlpl, q->nupl};
		char l[DATE_BUF], f[DATE_BUF], to[DATE_BUF];

		trend_period_label(t->by, &t->p[i], l);
		date_format(t->p[i].first, f);
		date_format(t->p[i].last, to);
		printf("%s,%s,%s,%s,%s,%s,", o->info->name,
		       o->site ? o->site : "", trend_by_name(t->by), l, f, to);
		put_num(t->p[i].value, "");
		printf(",%d,%zu,", i < t->o.baseline, q->segment);
		for (size_t k = 0; k < ARRAY_SIZE(lim); k++) {
			put_num(lim[k], "");
			putchar(',');
		}
		printf("%s,%s,%d\n", spc_rule_name(q->rule),
		       spc_type_name(q->type), t->p[i].imported);
	}
}

static void write_json(const struct out *o)
{
	const struct trend *t = o->t;
	static const char *const agg[] = {"mean", "sum", "percent"};

	printf("{\"figure\": \"%s\", \"title\": ", o->info->name);
	cli_put_json(stdout, t->title);
	fputs(", \"site\": ", stdout);
	cli_put_json(stdout, o->site);
	printf(", \"by\": \"%s\", \"aggregate\": \"%s\", \"better\": \"%s\", "
	       "\"baseline_points\": %zu, \"target\": ", trend_by_name(t->by),
	       agg[o->info->agg], o->info->better == SPC_UP ? "higher" : "lower",
	       t->o.baseline ? t->o.baseline : t->n);
	put_num(t->o.has_target ? t->o.target : NAN, "null");
	printf(", \"variation\": \"%s\", \"assurance\": \"%s\", "
	       "\"trial\": %s,\n \"points\": [",
	       spc_icon_name(t->sum.icon, t->sum.icon_side),
	       spc_assurance_name(t->sum.assurance),
	       t->sum.trial ? "true" : "false");
	for (size_t i = 0; i < t->n; i++) {
		const struct spc_point *q = &t->pt[i];
		static const char *const key[] = {"lower", "upper",
						  "near_lower", "near_upper"};
		const double lim[] = {q->lpl, q->upl, q->nlpl, q->nupl};
		char l[DATE_BUF];

		trend_period_label(t->by, &t->p[i], l);
		printf("%s\n  {\"period\": \"%s\", \"value\": ", i ? "," : "",
		       l);
		put_num(t->p[i].value, "null");
		printf(", \"segment\": %zu, \"mean\": ", q->segment);
		put_num(q->mean, "null");
		for (size_t k = 0; k < ARRAY_SIZE(lim); k++) {
			printf(", \"%s\": ", key[k]);
			put_num(lim[k], "null");
		}
		printf(", \"rule\": \"%s\", \"type\": \"%s\", "
		       "\"imported\": %s}", spc_rule_name(q->rule),
		       spc_type_name(q->type),
		       t->p[i].imported ? "true" : "false");
	}
	puts("\n ]}");
}

/* Reads the options into q (the days of --rebase into rebase[]). */
static enum sr_status read_options(struct cmd_args *args,
				   struct trend_query *q, sr_day *rebase,
				   enum report_format *fmt,
				   struct sr_error *err)
{
	const char *by = cmd_arg(args, "by"), *format = cmd_arg(args, "format");
	const char *base = cmd_arg(args, "baseline");
	const char *target = cmd_arg(args, "target");
	const char *rb = cmd_arg(args, "rebase");
	sr_day today = date_today();
	enum sr_status s;

	if (!trend_figure_parse(args->argv[0], &q->fig))
		return sr_fail(err, SR_EINVAL, "unknown figure '%.40s' (the "
			       "figures: nctr, delayed_bed_days, occupied, "
			       "occupancy_pct, stranded, super_stranded, "
			       "discharges, before_midday_pct, "
			       "weekend_discharges)", args->argv[0]);
	q->site = cmd_arg(args, "site");
	q->imported = cmd_flag(args, "imported");
	q->by = TREND_MONTH;
	if (by && !trend_by_parse(by, &q->by))
		return sr_fail(err, SR_EINVAL, "--by takes day, week or month");
	if ((s = cli_read_format(format, fmt, err)) != SR_OK)
		return s;
	trend_default_range(q->by, today, &q->from, &q->to);
	if (cmd_arg(args, "to")) {
		if ((s = cli_read_day_opt("to", cmd_arg(args, "to"), &q->to, err)))
			return s;
		if (q->to >= today)
			return sr_fail(err, SR_EINVAL, "--to must be before "
				       "today: today is not over");
		sr_day unused;

		trend_default_range(q->by, q->to + 1, &q->from, &unused);
	}
	if (cmd_arg(args, "from") &&
	    (s = cli_read_day_opt("from", cmd_arg(args, "from"), &q->from, err)))
		return s;
	if (base && strcmp(base, "last-year") == 0) {
		q->last_year = true;
	} else if (base) {
		char *end;
		unsigned long k;

		errno = 0;
		k = strtoul(base, &end, 10);
		if (errno || end == base || *end || *base == '-' ||
		    k < SPC_BASELINE_MIN)
			return sr_fail(err, SR_EINVAL, "--baseline takes "
				       "last-year or a number of points, %d or "
				       "more", SPC_BASELINE_MIN);
		q->baseline = k;
	}
	if (target) {
		char *end;

		q->target = strtod(target, &end);
		if (end == target || *end || !isfinite(q->target))
			return sr_fail(err, SR_EINVAL, "--target takes a "
				       "number");
		q->has_target = true;
	}
	if (rb) {
		char buf[1024];

		snprintf(buf, sizeof(buf), "%s", rb);
		for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
			if (q->nrebase == TREND_MAX_REBASE)
				return sr_fail(err, SR_EINVAL, "--rebase: at "
					       "most %d days", TREND_MAX_REBASE);
			if ((s = cli_read_day_opt("rebase", tok, &rebase[q->nrebase],
					  err)))
				return s;
			q->nrebase++;
		}
		q->rebase = rebase;
	}
	return SR_OK;
}

static enum sr_status cmd_spc(struct cli *cli, struct cmd_args *args,
			      struct sr_error *err)
{
	struct trend_query q = {0};
	sr_day rebase[TREND_MAX_REBASE];
	struct config *cfg;
	struct store *st;
	struct trend t;
	enum sr_status s;
	enum report_format fmt = REPORT_TEXT;

	if ((s = read_options(args, &q, rebase, &fmt, err)) != SR_OK)
		return s;
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if (q.site && !config_site(cfg, q.site)) {
		s = sr_fail(err, SR_EINVAL, "unknown site '%.32s': not in the "
			    "config", q.site);
		config_free(cfg);
		return s;
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return err->status;
	}
	s = trend_load(st, cfg, &q, &t, err);
	store_close(st);
	if (s == SR_OK) {
		struct out o = {&t, trend_figure_info(q.fig), q.site};

		if (fmt == REPORT_TEXT)
			write_text(&o);
		else if (fmt == REPORT_CSV)
			write_csv(&o);
		else
			write_json(&o);
		if (fflush(stdout) != 0 || ferror(stdout))
			s = sr_fail(err, SR_EIO, "cannot write the chart: %s",
				    strerror(errno));
		trend_free(&t);
	}
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {
	{"site", "CODE", "one site only (default: the system)"},
	{"by", "day|week|month", "the points: whole days, weeks (Monday to "
				 "Sunday) or months (default month)"},
	{"from", "DAY", "the first day charted (default: a year before --to)"},
	{"to", "DAY", "the last day charted (default: the end of the last "
		      "whole period before today)"},
	{"baseline", "last-year|N", "limits from the year before the chart "
				    "(shown too), or from its first N >= 12 "
				    "points (default: every point)"},
	{"rebase", "DAY[,DAY]", "new limits from the period holding each DAY"},
	{"target", "N", "the target, for the assurance icon"},
	{"imported", NULL, "before sitrep's data, the values loaded by "
			   "import-series (by day or month)"},
	{"format", "text|csv|json", "the output format (default text)"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_spc_entry = {
	.name = "spc",
	.usage = "FIGURE [--site CODE] [--by day|week|month] [--from DAY] "
		 "[--to DAY] [--baseline last-year|N] [--rebase DAY[,DAY]] "
		 "[--target N] [--imported] [--format text|csv|json]",
	.summary = "an SPC (XmR) chart of a headline figure over time",
	.options = options,
	.min_operands = 1,
	.max_operands = 1,
	.exec = cmd_spc,
};
