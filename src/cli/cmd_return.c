/* sitrep return: NHS England's acute or community discharge return for a
 * day, a week or a month (include/sitrep/returns.h), as text (a figure a
 * row, a site a column), CSV (a row per site and figure) or JSON. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/returns.h"
#include "sitrep/util.h"

/* One figure: its name in CSV and JSON, its label in text, and its value
 * for a site (NaN: none). Which periods have it. */
struct figure {
	const char *name, *label;
	double (*value)(const struct return_counts *c, int arg);
	int arg;
	bool day, week, month;
	bool decimal; /* one decimal, else a whole number */
};

static double v_nctr(const struct return_counts *c, int k)
{
	return (double)(k == 0 ? c->nctr : k == 1 ? c->nctr_discharged
						  : c->nctr_remaining);
}
static double v_dis(const struct return_counts *c, int k)
{
	return (double)(k < 0 ? c->discharges : c->by_pathway[k]);
}
static double v_drd(const struct return_counts *c, int k)
{
	return (double)(k == 0 ? c->with_drd : c->without_drd);
}
static double v_band(const struct return_counts *c, int k)
{
	return (double)c->band[k];
}
/* A one-decimal figure: its tenths (exact), as a double that prints
 * exactly with %.1f; NaN when there is none. */
static double tenths(long num, long den)
{
	long t;

	return return_tenths(num, den, &t) ? (double)t / 10.0 : NAN;
}
static double v_same_day(const struct return_counts *c, int k)
{
	long num, den;

	(void)k;
	return_same_day_pct(c, &num, &den);
	return tenths(num, den);
}
static double v_mean(const struct return_counts *c, int k)
{
	long num, den;

	return_mean_delay(c, k != 0, &num, &den);
	return tenths(num, den);
}
static double v_lost(const struct return_counts *c, int k)
{
	(void)k;
	return (double)c->delay_days;
}
static double v_los(const struct return_counts *c, int k)
{
	return (double)c->bed_days_los[k];
}

#define ALL true, true, true
static const struct figure figures[] = {
	{"nctr", "NCTR patients on the day (not meeting the criteria)",
	 v_nctr, 0, true, false, false, false},
	{"nctr_discharged", "  of them discharged", v_nctr, 1, true, false,
	 false, false},
	{"nctr_remaining", "  of them remaining at the day's end", v_nctr, 2,
	 true, false, false, false},
	{"discharges", "discharges", v_dis, -1, ALL, false},
	{"discharges_pathway_0", "  pathway 0", v_dis, 0, ALL, false},
	{"discharges_pathway_1", "  pathway 1", v_dis, 1, ALL, false},
	{"discharges_pathway_2", "  pathway 2", v_dis, 2, ALL, false},
	{"discharges_pathway_3", "  pathway 3", v_dis, 3, ALL, false},
	{"discharges_pathway_unknown", "  pathway not recorded", v_dis, 4, ALL,
	 false},
	{"discharges_with_drd", "discharges with a discharge ready date",
	 v_drd, 0, ALL, false},
	{"discharges_without_drd", "discharges without one", v_drd, 1, ALL,
	 false},
	{"delay_0", "  delay 0 days (same day)", v_band, 0, ALL, false},
	{"delay_1", "  delay 1 day", v_band, 1, ALL, false},
	{"delay_2_3", "  delay 2-3 days", v_band, 2, ALL, false},
	{"delay_4_6", "  delay 4-6 days", v_band, 3, ALL, false},
	{"delay_7_13", "  delay 7-13 days", v_band, 4, ALL, false},
	{"delay_14_20", "  delay 14-20 days", v_band, 5, ALL, false},
	{"delay_21_plus", "  delay 21+ days", v_band, 6, ALL, false},
	{"same_day_pct", "discharged on the discharge ready date %",
	 v_same_day, 0, ALL, true},
	{"mean_delay_days", "mean days from DRD to discharge", v_mean, 0, ALL,
	 true},
	{"mean_delay_days_excl_0", "  excluding same-day discharges", v_mean, 1,
	 ALL, true},
	{"bed_days_lost", "bed days lost (DRD to discharge)", v_lost, 0, ALL,
	 false},
	{"bed_days_los_7_plus", "bed days of patients with LOS 7+", v_los, 0,
	 false, true, false, false},
	{"bed_days_los_14_plus", "bed days of patients with LOS 14+", v_los, 1,
	 false, true, false, false},
	{"bed_days_los_21_plus", "bed days of patients with LOS 21+", v_los, 2,
	 false, true, false, false},
};

static bool has(const struct figure *f, enum return_period p)
{
	return p == RETURN_DAY ? f->day : p == RETURN_WEEK ? f->week : f->month;
}

static void put_value(double v, bool decimal, const char *nan)
{
	if (isnan(v))
		fputs(nan, stdout);
	else if (decimal)
		printf("%.1f", v);
	else
		printf("%.0f", v);
}

static const char *const kind_names[] = {"acute", "community"};
static const char *const period_names[] = {"day", "week", "month"};

struct out {
	const struct national_return *r;
	const struct config *cfg;
	size_t ncols; /* sites, then the total */
};

static const struct return_counts *col_counts(const struct out *o, size_t i)
{
	return i < o->r->nsites ? &o->r->sites[i].c : &o->r->total.c;
}

static const char *col_name(const struct out *o, size_t i)
{
	return i < o->r->nsites ? o->r->sites[i].site->code : "total";
}

static const char *reason_code(const struct config *cfg, size_t slot)
{
	return slot < cfg->ndelay_reasons ? cfg->delay_reasons[slot].code
					  : "none";
}

static void heading(const struct out *o, char *buf, size_t size)
{
	const struct national_return *r = o->r;
	char a[DATE_BUF], b[DATE_BUF];

	date_format(r->first, a);
	date_format(r->last, b);
	if (r->period == RETURN_DAY)
		snprintf(buf, size, "%s discharge return, %s", kind_names[r->kind],
			 a);
	else
		snprintf(buf, size, "%s discharge return, %s %s to %s",
			 kind_names[r->kind], period_names[r->period], a, b);
	buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* ---- text ---- */

static void text_row(const struct out *o, const char *label,
		     double (*get)(const struct out *o, size_t col, void *arg),
		     void *arg, bool decimal)
{
	printf("%-52s", label);
	for (size_t i = 0; i < o->ncols; i++) {
		char v[32];
		double x = get(o, i, arg);

		if (isnan(x))
			snprintf(v, sizeof(v), "-");
		else
			snprintf(v, sizeof(v), decimal ? "%.1f" : "%.0f", x);
		printf(" %8s", v);
	}
	putchar('\n');
}

static double get_figure(const struct out *o, size_t col, void *arg)
{
	const struct figure *f = arg;

	return f->value(col_counts(o, col), f->arg);
}

struct reason_arg {
	size_t slot;
	bool los14;
};

static double get_reason(const struct out *o, size_t col, void *arg)
{
	const struct reason_arg *a = arg;
	const struct return_counts *c = col_counts(o, col);

	return (double)(a->los14 ? c->nctr_los14_by_reason[a->slot]
				 : c->nctr_los7_by_reason[a->slot]);
}

static void write_text(const struct out *o)
{
	const struct national_return *r = o->r;
	char h[160];

	heading(o, h, sizeof(h));
	printf("%s, %s%s\n(definitions: sitrep(1), \"return\")\n\n", h,
	       r->known[0] ? "as known at " : "as now known",
	       r->known[0] ? r->known : "");
	printf("%-52s", "");
	for (size_t i = 0; i < o->ncols; i++)
		printf(" %8.8s", col_name(o, i));
	putchar('\n');
	for (size_t k = 0; k < ARRAY_SIZE(figures); k++)
		if (has(&figures[k], r->period))
			text_row(o, figures[k].label, get_figure,
				 (void *)&figures[k], figures[k].decimal);
	if (r->period == RETURN_WEEK) {
		for (int l = 0; l < 2; l++) {
			printf("NCTR patients with LOS %s+ at the week's end, by "
			       "reason\n", l ? "14" : "7");
			for (size_t slot = 0; slot <= o->cfg->ndelay_reasons;
			     slot++) {
				struct reason_arg a = {slot, l == 1};
				char label[64];

				snprintf(label, sizeof(label), "  %s",
					 reason_code(o->cfg, slot));
				text_row(o, label, get_reason, &a, false);
			}
		}
	}
	puts("\ndischarges by pathway and destination");
	for (size_t i = 0; i < o->ncols; i++) {
		const struct return_counts *c = col_counts(o, i);

		for (size_t d = 0; d < c->ndest; d++) {
			const struct return_destination *x = &c->dest[d];
			char p[16];

			snprintf(p, sizeof(p), x->pathway < 4 ? "%d" : "unknown",
				 x->pathway);
			printf("  %-8s pathway %-7s ", col_name(o, i), p);
			cli_put_safe(stdout, x->destination ? x->destination
							    : "(none recorded)");
			printf("  %ld\n", x->n);
		}
	}
}

/* ---- CSV ---- */

static void csv_text(const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		cli_put_safe(stdout, s);
		return;
	}
	putchar('"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			putchar('"');
		if (*p == '\n' || *p == '\r')
			putchar(' ');
		else
			putchar(*p);
	}
	putchar('"');
}

static void csv_lead(const struct out *o, size_t col, const char *metric)
{
	char a[DATE_BUF], b[DATE_BUF];

	date_format(o->r->first, a);
	date_format(o->r->last, b);
	printf("%s,%s,%s,%s,%s,%s,", kind_names[o->r->kind],
	       period_names[o->r->period], a, b, col_name(o, col), metric);
}

static void write_csv(const struct out *o)
{
	const struct national_return *r = o->r;

	puts("return,period,first_day,last_day,site,metric,key,value");
	for (size_t i = 0; i < o->ncols; i++) {
		const struct return_counts *c = col_counts(o, i);

		for (size_t k = 0; k < ARRAY_SIZE(figures); k++) {
			if (!has(&figures[k], r->period))
				continue;
			csv_lead(o, i, figures[k].name);
			putchar(',');
			put_value(figures[k].value(c, figures[k].arg),
				  figures[k].decimal, "");
			putchar('\n');
		}
		for (int l = 0; r->period == RETURN_WEEK && l < 2; l++)
			for (size_t s = 0; s <= o->cfg->ndelay_reasons; s++) {
				csv_lead(o, i, l ? "nctr_los_14_plus_by_reason"
						 : "nctr_los_7_plus_by_reason");
				csv_text(reason_code(o->cfg, s));
				printf(",%ld\n", l ? c->nctr_los14_by_reason[s]
						   : c->nctr_los7_by_reason[s]);
			}
		for (size_t d = 0; d < c->ndest; d++) {
			char m[48];

			snprintf(m, sizeof(m), c->dest[d].pathway < 4 ?
				 "discharges_pathway_%d_to" :
				 "discharges_pathway_unknown_to",
				 c->dest[d].pathway);
			csv_lead(o, i, m);
			csv_text(c->dest[d].destination);
			printf(",%ld\n", c->dest[d].n);
		}
	}
}

/* ---- JSON ---- */

static void json_site(const struct out *o, size_t i)
{
	const struct national_return *r = o->r;
	const struct return_counts *c = col_counts(o, i);

	printf("{\"site\": \"%s\", \"figures\": {", col_name(o, i));
	bool first = true;

	for (size_t k = 0; k < ARRAY_SIZE(figures); k++) {
		if (!has(&figures[k], r->period))
			continue;
		printf("%s\"%s\": ", first ? "" : ", ", figures[k].name);
		put_value(figures[k].value(c, figures[k].arg),
			  figures[k].decimal, "null");
		first = false;
	}
	putchar('}');
	for (int l = 0; r->period == RETURN_WEEK && l < 2; l++) {
		printf(", \"%s\": {", l ? "nctr_los_14_plus_by_reason"
					: "nctr_los_7_plus_by_reason");
		for (size_t s = 0; s <= o->cfg->ndelay_reasons; s++) {
			printf("%s", s ? ", " : "");
			cli_put_json(stdout, reason_code(o->cfg, s));
			printf(": %ld", l ? c->nctr_los14_by_reason[s]
					  : c->nctr_los7_by_reason[s]);
		}
		putchar('}');
	}
	fputs(", \"destinations\": [", stdout);
	for (size_t d = 0; d < c->ndest; d++) {
		printf("%s{\"pathway\": ", d ? ", " : "");
		if (c->dest[d].pathway < 4)
			printf("%d", c->dest[d].pathway);
		else
			fputs("null", stdout);
		fputs(", \"destination\": ", stdout);
		cli_put_json(stdout, c->dest[d].destination);
		printf(", \"n\": %ld}", c->dest[d].n);
	}
	fputs("]}", stdout);
}

static void write_json(const struct out *o)
{
	const struct national_return *r = o->r;
	char a[DATE_BUF], b[DATE_BUF];

	date_format(r->first, a);
	date_format(r->last, b);
	printf("{\"format\": \"sitrep-return\", \"version\": 1, \"return\": "
	       "\"%s\", \"period\": \"%s\", \"first_day\": \"%s\", "
	       "\"last_day\": \"%s\", \"as_known_at\": ", kind_names[r->kind],
	       period_names[r->period], a, b);
	cli_put_json(stdout, r->known[0] ? r->known : NULL);
	fputs(",\n \"sites\": [", stdout);
	for (size_t i = 0; i < r->nsites; i++) {
		fputs(i ? ",\n  " : "\n  ", stdout);
		json_site(o, i);
	}
	fputs("],\n \"total\": ", stdout);
	json_site(o, r->nsites);
	puts("}");
}

/* ---- the period ---- */

static enum sr_status period_of(struct cmd_args *args,
				enum return_period *p, sr_day *first,
				sr_day *last, struct sr_error *err)
{
	const char *day = cmd_arg(args, "date"), *week = cmd_arg(args, "week");
	const char *month = cmd_arg(args, "month");
	sr_day today = date_today(), d;
	enum sr_status s;
	char t[DATE_BUF];

	if (!!day + !!week + !!month > 1)
		return sr_fail(err, SR_EINVAL, "give one of --date, --week and "
			       "--month");
	if (month) {
		int y, m, dd;

		if (!month_parse(month, &d))
			return sr_fail(err, SR_EINVAL, "--month takes a month, "
				       "YYYY-MM");
		date_to_ymd(d, &y, &m, &dd);
		*p = RETURN_MONTH;
		*first = date_from_ymd(y, m, 1);
		*last = date_from_ymd(y, m, date_days_in_month(y, m));
	} else if (week) {
		if ((s = cli_read_day_opt("week", week, &d, err)) != SR_OK)
			return s;
		*p = RETURN_WEEK;
		*first = d - date_weekday(d);
		*last = *first + 6;
	} else {
		if (day && (s = cli_read_day_opt("date", day, &d, err)) != SR_OK)
			return s;
		*p = RETURN_DAY;
		*first = *last = day ? d : today - 1;
	}
	if (*last >= today) {
		date_format(*last, t);
		return sr_fail(err, SR_EINVAL, "the %s ends on %s: a return is "
			       "for a period that has ended", period_names[*p],
			       t);
	}
	return SR_OK;
}

static enum sr_status cmd_return(struct cli *cli, struct cmd_args *args,
				 struct sr_error *err)
{
	const char *site = cmd_arg(args, "site"), *known = cmd_arg(args,
								   "as-known-at");
	const char *format = cmd_arg(args, "format");
	enum return_kind kind;
	enum return_period period = RETURN_DAY;
	enum report_format fmt = REPORT_TEXT;
	struct national_return r;
	struct sr_moment m;
	struct config *cfg;
	struct store *st;
	sr_day first = 0, last = 0;
	enum sr_status s;

	if (strcmp(args->argv[0], "acute") == 0)
		kind = RETURN_ACUTE;
	else if (strcmp(args->argv[0], "community") == 0)
		kind = RETURN_COMMUNITY;
	else
		return cmd_usage(err, args->entry, "unknown return '%.32s': "
				 "acute or community", args->argv[0]);
	if ((s = cli_read_format(format, &fmt, err)) != SR_OK)
		return s;
	if ((s = period_of(args, &period, &first, &last, err)) != SR_OK)
		return s;
	m.known[0] = '\0';
	if (known) {
		sr_minute t;

		if ((s = cli_read_time("as-known-at", known, &t, err)) != SR_OK)
			return s;
		moment_known_at(&m, t);
	}
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if (site) {
		const struct site_cfg *sc = config_site(cfg, site);

		if (!sc || sc->kind != (kind == RETURN_ACUTE ? SITE_ACUTE
							     : SITE_COMMUNITY)) {
			s = sr_fail(err, SR_EINVAL, "'%.32s' is not %s site of "
				    "the config", site, kind == RETURN_ACUTE ?
				    "an acute" : "a community");
			config_free(cfg);
			return s;
		}
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return err->status;
	}
	s = return_compute(st, cfg, kind, period, first, last, site,
			   m.known[0] ? m.known : NULL, &r, err);
	store_close(st);
	if (s == SR_OK) {
		struct out o = {&r, cfg, r.nsites + 1};

		if (fmt == REPORT_TEXT)
			write_text(&o);
		else if (fmt == REPORT_CSV)
			write_csv(&o);
		else
			write_json(&o);
		if (fflush(stdout) != 0 || ferror(stdout))
			s = sr_fail(err, SR_EIO, "cannot write the return: %s",
				    strerror(errno));
		return_free(&r);
	}
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {
	{"date", "DAY", "the daily return of DAY (default yesterday)"},
	{"week", "DAY", "the weekly return of the week (Monday to Sunday) "
			"holding DAY"},
	{"month", "YYYY-MM", "the return of a month"},
	{"site", "CODE", "one site of the kind only"},
	{"as-known-at", "TIME", "only what had been recorded by TIME: the "
				"return as it was submitted then"},
	{"format", "text|csv|json", "the output format (default text)"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_return_entry = {
	.name = "return",
	.usage = "acute|community [--date DAY | --week DAY | --month YYYY-MM] "
		 "[--site CODE] [--as-known-at TIME] [--format text|csv|json]",
	.summary = "NHS England's discharge return for a day, week or month",
	.options = options,
	.min_operands = 1,
	.max_operands = 1,
	.exec = cmd_return,
};
