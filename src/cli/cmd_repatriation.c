/* sitrep repatriation: the weekly repatriation list (issue 16), the
 * patients in a bed at a moment who live outside the system's areas
 * (the config's `areas`), longest stay first within each site. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/metrics.h"
#include "sitrep/util.h"

struct away {
	int64_t *ids;
	size_t n, cap;
	const struct config *cfg;
};

static bool collect(void *ctx, int64_t stay, const char *site,
		    const char *area)
{
	struct away *a = ctx;

	(void)site;
	if (!metrics_out_of_area(a->cfg, area))
		return true;
	a->ids = xgrow(a->ids, &a->cap, a->n + 1, sizeof(*a->ids));
	a->ids[a->n++] = stay;
	return true;
}

struct row {
	struct stay s;
	int los;
};

static int by_site_los(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int c = strcmp(a->s.v[SF_SITE], b->s.v[SF_SITE]);

	if (c)
		return c;
	if (a->los != b->los)
		return a->los > b->los ? -1 : 1;
	return a->s.id < b->s.id ? -1 : a->s.id > b->s.id;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void put_row(const struct row *r, sr_day d, bool names, bool csv)
{
	const struct stay *s = &r->s;
	char who[160];
	int delay = stay_delay_days(s, d);

	if (names)
		snprintf(who, sizeof(who), "%s, %s", or_dash(s->v[SF_FAMILY_NAME]),
			 or_dash(s->v[SF_GIVEN_NAME]));
	else
		stay_initials(s->v[SF_GIVEN_NAME], s->v[SF_FAMILY_NAME], who,
			      sizeof(who));
	if (csv) {
		printf("%s,%s,%s,", s->v[SF_SITE], or_dash(s->v[SF_WARD]),
		       or_dash(s->v[SF_BED]));
		if (names)
			cli_put_safe(stdout, s->v[SF_MRN]);
		putchar(',');
		cli_put_safe(stdout, who);
		printf(",%s,%.10s,%d,%s,", s->v[SF_AREA],
		       s->v[SF_ADMITTED_AT], r->los,
		       s->v[SF_G2G_DATE] ? s->v[SF_G2G_DATE] : "");
		if (delay >= 0)
			printf("%d", delay);
		printf(",%s\n", s->v[SF_PATHWAY] ? s->v[SF_PATHWAY] : "");
		return;
	}
	printf("%-6s %-6s %-5s ", s->v[SF_SITE], or_dash(s->v[SF_WARD]),
	       or_dash(s->v[SF_BED]));
	if (names) {
		cli_put_safe(stdout, s->v[SF_MRN]);
		putchar(' ');
	}
	cli_put_safe(stdout, who);
	printf("  %-8s %.10s %4d  %s", s->v[SF_AREA], s->v[SF_ADMITTED_AT],
	       r->los, s->v[SF_G2G_DATE] ? s->v[SF_G2G_DATE] : "-");
	if (delay >= 0)
		printf(" (%d days)", delay);
	printf("  %s\n", or_dash(s->v[SF_PATHWAY]));
}

static enum sr_status cmd_repatriation(struct cli *cli, struct cmd_args *args,
				       struct sr_error *err)
{
	const char *site = cmd_arg(args, "site");
	const char *format = cmd_arg(args, "format");
	bool names = cmd_flag(args, "show-names"), csv;
	struct config *cfg = cli_load_config(cli, err);
	struct away a = {0};
	struct row *rows = NULL;
	struct sr_moment mo;
	struct store *st = NULL;
	enum report_format fmt;
	enum sr_status s;
	size_t n = 0;

	if (!cfg)
		return err->status;
	s = cli_read_format(format, &fmt, err);
	if (s == SR_OK && fmt == REPORT_JSON)
		s = sr_fail(err, SR_EINVAL, "--format takes text or csv here");
	csv = fmt == REPORT_CSV;
	if (s == SR_OK && !cfg->nareas)
		s = sr_fail(err, SR_EINVAL, "%s lists no areas: add the "
			    "system's areas of residence (areas:) to judge who "
			    "is out of area", cfg->path);
	if (s == SR_OK && site && !config_site(cfg, site))
		s = sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'", site);
	if (s == SR_OK)
		s = cli_read_moment(args, &mo, err);
	if (s == SR_OK && !(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		s = err->status;
	a.cfg = cfg;
	if (s == SR_OK && (s = store_read_begin(st, err)) == SR_OK) {
		s = store_in_bed_areas(st, &mo, site, collect, &a, err);
		rows = xcalloc(a.n ? a.n : 1, sizeof(*rows));
		for (size_t i = 0; s == SR_OK && i < a.n; i++) {
			s = store_stay_get(st, a.ids[i], &rows[n].s, err);
			if (s == SR_OK)
				rows[n].los = stay_los(&rows[n].s, mo.day), n++;
		}
		store_read_end(st);
	}
	if (s == SR_OK) {
		char day[DATE_BUF];

		qsort(rows, n, sizeof(*rows), by_site_los);
		date_format(mo.day, day);
		if (csv)
			printf("site,ward,bed,mrn,patient,area,admitted,los,"
			       "discharge_ready_date,delay_days,pathway\n");
		else
			printf("Out of area: %zu patient%s in a bed %s %s%s%s "
			       "(ward, EDD and discharge ready date as now "
			       "recorded)\n", n, n == 1 ? "" : "s",
			       mo.end_of_day ? "at the end of" : "at", mo.end_of_day ?
			       day : mo.at, site ? ", " : "", site ? site : "");
		for (size_t i = 0; i < n; i++)
			put_row(&rows[i], mo.day, names, csv);
	}
	for (size_t i = 0; i < n; i++)
		stay_clear(&rows[i].s);
	free(rows);
	free(a.ids);
	store_close(st);
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {
	{"site", "CODE", "one site only"},
	{"date", "DATE", "the day (today: now; a past day: its end)"},
	{"at", "TIME", "a moment of the day"},
	{"as-known-at", "TIME", "only what had been recorded by TIME"},
	{"format", "FORMAT", "text (default) or csv"},
	{"show-names", NULL, "names and MRNs instead of initials"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_repatriation_entry = {
	.name = "repatriation",
	.usage = "[--site CODE] [--date DATE] [--at TIME] "
		 "[--as-known-at TIME] [--format text|csv] [--show-names]",
	.summary = "the weekly repatriation list: patients in a bed who live "
		   "outside the system's areas",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_repatriation,
};
