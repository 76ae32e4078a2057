/* sitrep spc: a figure's XmR chart (Making Data Count) by day, week or
 * month, as text, CSV or JSON. The series comes from the store (as now
 * known: the dated facts in force at each day's end), the chart from the
 * pure spc module.
 *
 * The figures (DESIGN §2): counts at each day's end (NCTR, occupied beds,
 * stranded, super-stranded; by week or month the mean of the days), delayed
 * bed days (the days inside [DRD, discharge date) summed over the period: a
 * day's delayed bed days are that day's NCTR count), occupancy % (occupied
 * over the configured beds), and the day's discharges from the kept totals
 * (all, the % before midday, those on a Saturday or Sunday). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/spc.h"
#include "sitrep/util.h"

/* A period's value from its days: the sum, the mean per day, or 100 x
 * the sum of the numerators over the sum of the denominators (no value
 * when that is 0). */
enum agg { AGG_MEAN, AGG_SUM, AGG_PCT };

/* Where a figure's days come from. */
enum source {
	SRC_DELAYED,     /* NCTR at the day's end */
	SRC_IN_BED,      /* in a bed at the day's end */
	SRC_STRANDED,    /* ... with LOS >= stranded_days */
	SRC_SUPER,       /* ... with LOS >= super_stranded_days */
	SRC_OCCUPANCY,   /* in a bed, over the configured beds */
	SRC_DISCHARGES,  /* the day's discharges */
	SRC_MIDDAY,      /* discharged before midday, over all discharged */
	SRC_WEEKEND,     /* the day's discharges on a Saturday or Sunday */
};

struct figure {
	const char *name;
	const char *title; /* NULL: the config's NCTR label */
	enum source src;
	enum agg agg;
	enum spc_direction better;
	bool not_by_day; /* meaningless a day at a time */
};

static const struct figure figures[] = {
	{"nctr", NULL, SRC_DELAYED, AGG_MEAN, SPC_DOWN, false},
	{"delayed_bed_days", "delayed bed days", SRC_DELAYED, AGG_SUM,
	 SPC_DOWN, false},
	{"occupied", "occupied beds", SRC_IN_BED, AGG_MEAN, SPC_DOWN, false},
	{"occupancy_pct", "occupancy %", SRC_OCCUPANCY, AGG_PCT, SPC_DOWN,
	 false},
	{"stranded", "stranded patients", SRC_STRANDED, AGG_MEAN, SPC_DOWN,
	 false},
	{"super_stranded", "super-stranded patients", SRC_SUPER, AGG_MEAN,
	 SPC_DOWN, false},
	{"discharges", "discharges", SRC_DISCHARGES, AGG_SUM, SPC_UP, false},
	{"before_midday_pct", "discharges before midday %", SRC_MIDDAY,
	 AGG_PCT, SPC_UP, false},
	{"weekend_discharges", "weekend discharges", SRC_WEEKEND, AGG_SUM,
	 SPC_UP, true},
};

enum by { BY_DAY, BY_WEEK, BY_MONTH };

/* How many periods "a year" is, by day, week and month. */
static const size_t year_of[] = {365, 52, 12};

struct period {
	sr_day first, last;
	double value;
};

/* The period of `by` that holds day d. */
static void period_of(enum by by, sr_day d, struct period *p)
{
	int y, m, dd;

	switch (by) {
	case BY_DAY:
		p->first = p->last = d;
		return;
	case BY_WEEK:
		p->first = d - date_weekday(d);
		p->last = p->first + 6;
		return;
	case BY_MONTH:
		date_to_ymd(d, &y, &m, &dd);
		p->first = date_from_ymd(y, m, 1);
		p->last = date_from_ymd(y, m, date_days_in_month(y, m));
		return;
	}
}

static void period_label(enum by by, const struct period *p,
			 char buf[DATE_BUF])
{
	date_format(p->first, buf);
	if (by == BY_MONTH)
		buf[7] = '\0';
}

/* The daily values (numerator v, denominator w), by offset from the
 * first day asked for. */
struct daily {
	enum source src;
	sr_day first;
	double *v, *w;
	double beds;
	size_t n;
};

static double *day_slot(struct daily *d, const char *day, double **w)
{
	sr_day t;

	if (!date_parse(day, &t) || t < d->first ||
	    (size_t)(t - d->first) >= d->n)
		return NULL;
	*w = &d->w[t - d->first];
	return &d->v[t - d->first];
}

static void put_count(void *ctx, const char *day, long value)
{
	struct daily *d = ctx;
	double *w, *v = day_slot(d, day, &w);

	if (v) {
		*v = (double)value;
		*w = d->beds;
	}
}

static void put_discharges(void *ctx, const char *day, long n, long am)
{
	struct daily *d = ctx;
	double *w, *v = day_slot(d, day, &w);
	sr_day t;

	if (!v)
		return;
	switch (d->src) {
	case SRC_MIDDAY:
		*v = (double)am;
		*w = (double)n;
		break;
	case SRC_WEEKEND:
		*v = date_parse(day, &t) && date_is_weekend(t) ? (double)n : 0;
		break;
	default:
		*v = (double)n;
		break;
	}
}

static const struct figure *figure_named(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(figures); i++)
		if (strcmp(figures[i].name, name) == 0)
			return &figures[i];
	return NULL;
}

static enum sr_status read_day(const char *opt, const char *arg, sr_day *out,
			       struct sr_error *err)
{
	char iso[DATE_BUF];

	if (!cli_read_day(arg, iso) || !date_parse(iso, out))
		return sr_fail(err, SR_EINVAL, "--%s takes a day, YYYY-MM-DD",
			       opt);
	return SR_OK;
}

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

struct chart {
	const struct figure *fig;
	const char *title;
	const char *site;
	enum by by;
	struct period *p;
	size_t n;
	size_t nbase; /* points before the charted ones (last-year baseline) */
	size_t skipped; /* periods left out: before the first admission */
	size_t empty;   /* periods left out: no value (a % of nothing) */
	int stranded_days, super_days;
	double beds; /* the configured beds of the site or system */
	struct spc_options o;
	struct spc_point *pt;
	struct spc_summary sum;
};

static const char *const by_names[] = {"day", "week", "month"};

static void write_text(const struct chart *c)
{
	char a[DATE_BUF], b[DATE_BUF];

	period_label(c->by, &c->p[c->nbase], a);
	period_label(c->by, &c->p[c->n - 1], b);
	printf("%s%s by %s, %s, %s to %s\n", c->title,
	       c->by == BY_DAY || c->fig->agg == AGG_SUM ? "" :
	       c->fig->src == SRC_MIDDAY ? " (of the period's discharges)" :
					    " (mean per day)",
	       by_names[c->by], c->site ? c->site : "system", a, b);
	if (c->empty)
		printf("%zu %s%s without discharges left out\n", c->empty,
		       by_names[c->by], c->empty == 1 ? "" : "s");
	if (c->skipped)
		printf("from the first admission: %zu %s%s before it left out\n",
		       c->skipped, by_names[c->by], c->skipped == 1 ? "" : "s");
	if (c->nbase)
		printf("limits from the %zu %ss before (last year)\n", c->nbase,
		       by_names[c->by]);
	else if (c->o.baseline)
		printf("limits from the first %zu points\n", c->o.baseline);
	else
		printf("limits from all %zu points\n", c->n);
	if (c->sum.trial)
		printf("trial limits: fewer than %d points since the last "
		       "rebase\n", SPC_TRIAL_BELOW);
	printf("\n%-10s %9s %9s %9s %9s  %s\n", "period", "value", "mean",
	       "lower", "upper", "signal");
	for (size_t i = 0; i < c->n; i++) {
		const struct spc_point *q = &c->pt[i];
		char l[DATE_BUF];

		period_label(c->by, &c->p[i], l);
		printf("%-10s %9.2f %9.2f ", l, c->p[i].value, q->mean);
		if (isnan(q->lpl))
			printf("%9s %9s", "-", "-");
		else
			printf("%9.2f %9.2f", q->lpl, q->upl);
		if (q->rule != SPC_RULE_NONE)
			printf("  %s %s (%s)", spc_rule_letter(q->rule),
			       spc_type_name(q->type), spc_rule_name(q->rule));
		if (i < c->nbase)
			fputs("  [baseline]", stdout);
		putchar('\n');
	}
	printf("\nlast point: %s; assurance: %s",
	       spc_icon_name(c->sum.icon, c->sum.icon_side),
	       spc_assurance_name(c->sum.assurance));
	if (c->o.has_target) {
		fputs(" (target ", stdout);
		put_num(c->o.target, "-");
		putchar(')');
	}
	printf("\nsignals: O outside the limits, T trend of %d, 2 two of three "
	       "beyond a near limit, S shift of %d; %s is better\n", SPC_RUN,
	       SPC_RUN, c->fig->better == SPC_UP ? "higher" : "lower");
}

static void write_csv(const struct chart *c)
{
	puts("figure,site,by,period,first_day,last_day,value,baseline,segment,"
	     "mean,lower,upper,near_lower,near_upper,rule,type");
	for (size_t i = 0; i < c->n; i++) {
		const struct spc_point *q = &c->pt[i];
		char l[DATE_BUF], f[DATE_BUF], t[DATE_BUF];

		period_label(c->by, &c->p[i], l);
		date_format(c->p[i].first, f);
		date_format(c->p[i].last, t);
		printf("%s,%s,%s,%s,%s,%s,", c->fig->name,
		       c->site ? c->site : "", by_names[c->by], l, f, t);
		put_num(c->p[i].value, "");
		printf(",%d,%zu,", i < c->nbase || (c->o.baseline &&
						    i < c->o.baseline),
		       q->segment);
		const double lim[] = {q->mean, q->lpl, q->upl, q->nlpl, q->nupl};
		for (size_t k = 0; k < ARRAY_SIZE(lim); k++) {
			put_num(lim[k], "");
			putchar(',');
		}
		printf("%s,%s\n", spc_rule_name(q->rule),
		       spc_type_name(q->type));
	}
}

static void write_json(const struct chart *c)
{
	printf("{\"figure\": \"%s\", \"title\": ", c->fig->name);
	cli_put_json(stdout, c->title);
	fputs(", \"site\": ", stdout);
	cli_put_json(stdout, c->site);
	printf(", \"by\": \"%s\", \"aggregate\": \"%s\", \"better\": \"%s\", "
	       "\"baseline_points\": %zu, \"target\": ", by_names[c->by],
	       c->fig->agg == AGG_SUM ? "sum" : c->fig->agg == AGG_MEAN ?
						 "mean" : "percent",
	       c->fig->better == SPC_UP ? "higher" : "lower",
	       c->nbase ? c->nbase : c->o.baseline ? c->o.baseline : c->n);
	put_num(c->o.has_target ? c->o.target : NAN, "null");
	printf(", \"variation\": \"%s\", \"assurance\": \"%s\", "
	       "\"trial\": %s,\n \"points\": [",
	       spc_icon_name(c->sum.icon, c->sum.icon_side),
	       spc_assurance_name(c->sum.assurance),
	       c->sum.trial ? "true" : "false");
	for (size_t i = 0; i < c->n; i++) {
		const struct spc_point *q = &c->pt[i];
		char l[DATE_BUF];

		period_label(c->by, &c->p[i], l);
		printf("%s\n  {\"period\": \"%s\", \"value\": ", i ? "," : "",
		       l);
		put_num(c->p[i].value, "null");
		printf(", \"segment\": %zu, \"mean\": ", q->segment);
		put_num(q->mean, "null");
		const char *key[] = {"lower", "upper", "near_lower",
				     "near_upper"};
		const double lim[] = {q->lpl, q->upl, q->nlpl, q->nupl};
		for (size_t k = 0; k < ARRAY_SIZE(lim); k++) {
			printf(", \"%s\": ", key[k]);
			put_num(lim[k], "null");
		}
		printf(", \"rule\": \"%s\", \"type\": \"%s\"}",
		       spc_rule_name(q->rule), spc_type_name(q->type));
	}
	puts("\n ]}");
}

/* The periods from..to (whole periods only), with nbase more before. */
static enum sr_status periods(enum by by, sr_day from, sr_day to,
			      size_t nbase, struct period **out, size_t *n,
			      struct sr_error *err)
{
	struct period p, *v = NULL;
	size_t cap = 0, k = 0;

	period_of(by, from, &p);
	if (p.first < from) /* from is inside a period: start at the next */
		period_of(by, p.last + 1, &p);
	for (size_t b = 0; b < nbase; b++)
		period_of(by, p.first - 1, &p);
	for (; p.last <= to; period_of(by, p.last + 1, &p)) {
		v = xgrow(v, &cap, k + 1, sizeof(*v));
		v[k++] = p;
	}
	if (k <= nbase) {
		free(v);
		return sr_fail(err, SR_EINVAL, "no whole %s between --from and "
			       "--to", by_names[by]);
	}
	*out = v;
	*n = k;
	return SR_OK;
}

/* Drops the periods that begin before the first admission (the figures
 * measure nothing there, as the report's no_data says), then reads the
 * daily values and sums or averages them per period. */
static enum sr_status series(struct store *st, struct chart *c,
			     struct sr_error *err)
{
	char a[DATE_BUF], b[DATE_BUF], first[DATE_BUF];
	struct daily d;
	enum sr_status s;
	sr_day f;
	size_t skip = 0;

	if ((s = store_first_admission(st, c->site, first, err)) != SR_OK)
		return s;
	if (!first[0] || !date_parse(first, &f))
		return sr_fail(err, SR_EINVAL, "no data: %s has no stay",
			       c->site ? c->site : "the system");
	while (skip < c->n && c->p[skip].first < f)
		skip++;
	if (skip > 0 && c->nbase > 0)
		return sr_fail(err, SR_EINVAL, "--baseline last-year: the data "
			       "begin on %s (the first admission), after the "
			       "year before the chart begins", first);
	if (skip == c->n)
		return sr_fail(err, SR_EINVAL, "no data in the chart's "
			       "periods: the first admission is on %s", first);
	memmove(c->p, c->p + skip, (c->n - skip) * sizeof(*c->p));
	c->n -= skip;
	c->skipped = skip;
	date_format(c->p[0].first, a);
	date_format(c->p[c->n - 1].last, b);
	d.src = c->fig->src;
	d.first = c->p[0].first;
	d.n = (size_t)(c->p[c->n - 1].last - d.first + 1);
	d.v = xcalloc(d.n, sizeof(*d.v));
	d.w = xcalloc(d.n, sizeof(*d.w));
	d.beds = c->beds;
	switch (d.src) {
	case SRC_DELAYED:
		s = store_state_series(st, SERIES_DELAYED, 0, a, b, c->site,
				       put_count, &d, err);
		break;
	case SRC_IN_BED:
	case SRC_OCCUPANCY:
		s = store_state_series(st, SERIES_IN_BED, 0, a, b, c->site,
				       put_count, &d, err);
		break;
	case SRC_STRANDED:
	case SRC_SUPER:
		s = store_state_series(st, SERIES_LOS, d.src == SRC_STRANDED ?
				       c->stranded_days : c->super_days, a, b,
				       c->site, put_count, &d, err);
		break;
	default:
		s = store_discharge_series(st, a, b, c->site, put_discharges,
					   &d, err);
		break;
	}
	size_t k = 0;

	for (size_t i = 0; s == SR_OK && i < c->n; i++) {
		struct period p = c->p[i];
		double num = 0, den = 0;

		for (sr_day t = p.first; t <= p.last; t++) {
			num += d.v[t - d.first];
			den += d.w[t - d.first];
		}
		switch (c->fig->agg) {
		case AGG_SUM:
			p.value = num;
			break;
		case AGG_MEAN:
			p.value = num / (double)(p.last - p.first + 1);
			break;
		case AGG_PCT:
			if (den <= 0) {
				c->empty++;
				continue;
			}
			p.value = 100 * num / den;
			break;
		}
		c->p[k++] = p;
	}
	c->n = k;
	if (s == SR_OK && c->n == 0)
		s = sr_fail(err, SR_EINVAL, "no value in any period: %s of "
			    "nothing", c->fig->title);
	free(d.w);
	free(d.v);
	return s;
}

static enum sr_status cmd_spc(struct cli *cli, struct cmd_args *args,
			      struct sr_error *err)
{
	const char *by_arg = cmd_arg(args, "by"), *format = cmd_arg(args, "format");
	const char *base = cmd_arg(args, "baseline"), *target = cmd_arg(args, "target");
	const char *rebase = cmd_arg(args, "rebase");
	struct chart c = {.o = {.screen = true}};
	struct config *cfg = NULL;
	struct store *st;
	sr_day from, to, today = date_today();
	struct period last;
	enum sr_status s = SR_OK;
	size_t at[64];
	int fmt = 0;
	double *y;
	char msg[200];

	c.site = cmd_arg(args, "site");
	c.fig = figure_named(args->argv[0]);
	if (!c.fig)
		return sr_fail(err, SR_EINVAL, "unknown figure '%.40s' (the "
			       "figures: nctr, delayed_bed_days, occupied, "
			       "occupancy_pct, stranded, super_stranded, "
			       "discharges, before_midday_pct, "
			       "weekend_discharges)", args->argv[0]);
	c.by = BY_MONTH;
	if (by_arg) {
		size_t i = 0;

		while (i < ARRAY_SIZE(by_names) && strcmp(by_names[i], by_arg))
			i++;
		if (i == ARRAY_SIZE(by_names))
			return sr_fail(err, SR_EINVAL, "--by takes day, week "
				       "or month");
		c.by = (enum by)i;
	}
	if (c.fig->not_by_day && c.by == BY_DAY)
		return sr_fail(err, SR_EINVAL, "%s: by week or month (a day "
			       "at a time it is each day's discharges or "
			       "none)", c.fig->name);
	if (format) {
		fmt = !strcmp(format, "text") ? 0 : !strcmp(format, "csv") ? 1 :
		      !strcmp(format, "json") ? 2 : -1;
		if (fmt < 0)
			return sr_fail(err, SR_EINVAL, "--format takes text, "
				       "csv or json");
	}
	/* By default the last whole period before today, and a year of them. */
	period_of(c.by, today, &last);
	to = last.first - 1;
	if (cmd_arg(args, "to") &&
	    (s = read_day("to", cmd_arg(args, "to"), &to, err)) != SR_OK)
		return s;
	if (to >= today)
		return sr_fail(err, SR_EINVAL, "--to must be before today: "
			       "today is not over");
	period_of(c.by, to, &last);
	if (last.last > to)
		period_of(c.by, last.first - 1, &last);
	for (size_t i = 1; i < year_of[c.by]; i++)
		period_of(c.by, last.first - 1, &last);
	from = last.first;
	if (cmd_arg(args, "from") &&
	    (s = read_day("from", cmd_arg(args, "from"), &from, err)) != SR_OK)
		return s;
	if (base && strcmp(base, "last-year") == 0) {
		c.nbase = year_of[c.by];
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
		c.o.baseline = k;
	}
	if (target) {
		char *end;

		c.o.target = strtod(target, &end);
		if (end == target || *end || !isfinite(c.o.target))
			return sr_fail(err, SR_EINVAL, "--target takes a "
				       "number");
		c.o.has_target = true;
	}
	c.o.direction = c.fig->better;
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if (c.site && !config_site(cfg, c.site)) {
		s = sr_fail(err, SR_EINVAL, "unknown site '%.32s': not in the "
			    "config", c.site);
		goto out;
	}
	c.title = c.fig->title ? c.fig->title : cfg->nctr_label;
	c.stranded_days = cfg->stranded_days;
	c.super_days = cfg->super_stranded_days;
	for (size_t i = 0; i < cfg->nsites; i++)
		if (!c.site || strcmp(cfg->sites[i].code, c.site) == 0)
			c.beds += cfg->sites[i].beds;
	if (c.fig->src == SRC_OCCUPANCY && c.beds <= 0) {
		s = sr_fail(err, SR_EINVAL, "occupancy_pct: %s has no beds in "
			    "the config", c.site ? c.site : "the system");
		goto out;
	}
	if ((s = periods(c.by, from, to, c.nbase, &c.p, &c.n, err)) != SR_OK)
		goto out;
	if (c.nbase)
		c.o.baseline = c.nbase;
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		s = err->status;
		goto out;
	}
	s = series(st, &c, err);
	store_close(st);
	if (s != SR_OK)
		goto out;
	if (c.o.baseline > c.n) {
		s = sr_fail(err, SR_EINVAL, "--baseline %zu: only %zu points",
			    c.o.baseline, c.n);
		goto out;
	}
	if (rebase) {
		char buf[1024];

		snprintf(buf, sizeof(buf), "%s", rebase);
		for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
			sr_day d;
			size_t i = 0;

			if ((s = read_day("rebase", tok, &d, err)) != SR_OK)
				goto out;
			while (i < c.n && c.p[i].last < d)
				i++;
			if (i == 0 || i >= c.n || c.o.nrebase == ARRAY_SIZE(at) ||
			    (c.o.nrebase && i <= at[c.o.nrebase - 1])) {
				s = sr_fail(err, SR_EINVAL, "--rebase %.10s: "
					    "not inside the chart, or not "
					    "after the rebase before it", tok);
				goto out;
			}
			at[c.o.nrebase++] = i;
		}
		c.o.rebase = at;
	}
	y = xmalloc(c.n * sizeof(*y));
	for (size_t i = 0; i < c.n; i++)
		y[i] = c.p[i].value;
	c.pt = xmalloc(c.n * sizeof(*c.pt));
	if (spc_compute(y, c.n, &c.o, c.pt, &c.sum, msg, sizeof(msg)))
		s = sr_fail(err, SR_EINVAL, "%s", msg);
	free(y);
	if (s == SR_OK) {
		if (fmt == 0)
			write_text(&c);
		else if (fmt == 1)
			write_csv(&c);
		else
			write_json(&c);
		if (fflush(stdout) != 0 || ferror(stdout))
			s = sr_fail(err, SR_EIO, "cannot write the chart: %s",
				    strerror(errno));
	}
out:
	free(c.pt);
	free(c.p);
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
	{"format", "text|csv|json", "the output format (default text)"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_spc_entry = {
	.name = "spc",
	.usage = "FIGURE [--site CODE] [--by day|week|month] [--from DAY] "
		 "[--to DAY] [--baseline last-year|N] [--rebase DAY[,DAY]] "
		 "[--target N] [--format text|csv|json]",
	.summary = "an SPC (XmR) chart of a headline figure over time",
	.options = options,
	.min_operands = 1,
	.max_operands = 1,
	.exec = cmd_spc,
};
