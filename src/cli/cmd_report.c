/* sitrep report: the morning report as text, CSV or JSON. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/edit.h"
#include "sitrep/metrics.h"
#include "sitrep/report.h"
#include "sitrep/util.h"

/* The longest-delayed stays, copied out of the store's callback. */
struct delayed {
	struct stay *s;
	size_t n, cap;
};

static bool collect(void *ctx, const struct stay *s)
{
	struct delayed *d = ctx;

	d->s = xgrow(d->s, &d->cap, d->n + 1, sizeof(*d->s));
	memset(&d->s[d->n], 0, sizeof(*d->s));
	stay_copy(&d->s[d->n++], s);
	return true;
}

static void delayed_free(struct delayed *d)
{
	for (size_t i = 0; i < d->n; i++)
		stay_clear(&d->s[i]);
	free(d->s);
}

/* The report measures names with wcwidth: stored text is UTF-8 whatever the
 * terminal's locale, so decode it as UTF-8 when the locale does not. */
static void utf8_ctype(void)
{
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

/* Reads the figures of the moment and the longest-delayed stays, then
 * closes the store before anything is written. */
static enum sr_status gather(struct cli *cli, const struct config *cfg,
			     const struct sr_moment *day, const char *site,
			     struct system_metrics *m, struct delayed *d,
			     struct sr_error *err)
{
	struct store *st = cli_open_store(cli, STORE_READ_ONLY, err);
	enum sr_status s;

	if (!st)
		return err->status;
	s = report_read(st, cfg, day, site, collect, d, m, err);
	store_close(st);
	return s;
}

static enum sr_status cmd_report(struct cli *cli, struct cmd_args *args,
				 struct sr_error *err)
{
	struct report_options opt = {REPORT_TEXT, false};
	const char *site = cmd_arg(args, "site");
	const char *format = cmd_arg(args, "format");
	struct delayed d = {0};
	struct system_metrics m;
	struct config *cfg;
	enum sr_status s;
	struct sr_moment day;

	opt.show_names = cmd_flag(args, "show-names");
	if (format && !report_format_parse(format, &opt.format))
		return sr_fail(err, SR_EINVAL, "--format takes "
			       "text, csv or json");
	if ((s = cli_read_moment(args, &day, err)) != SR_OK)
		return s;
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if (opt.show_names &&
	    (s = cli_allow(cli, cfg, AA_IDENTIFIERS, err)) != SR_OK) {
		config_free(cfg);
		return s;
	}
	if (site && !config_site(cfg, site)) {
		config_free(cfg);
		return sr_fail(err, SR_EINVAL, "unknown site '%.32s': not in "
			       "the config", site);
	}
	s = gather(cli, cfg, &day, site, &m, &d, err);
	if (s == SR_OK) {
		if (opt.format == REPORT_TEXT)
			utf8_ctype();
		if (!report_write(stdout, &m, d.s, d.n, &opt))
			s = sr_fail(err, SR_EIO, "cannot write the report: %s",
				    strerror(errno));
		metrics_free(&m);
	}
	delayed_free(&d);
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {
	{"date", "DATE", "the day: YYYY-MM-DD, today (the default), yesterday "
			 "or -N"},
	{"at", "TIME", "a moment instead of the day's end: YYYY-MM-DDTHH:MM "
		       "(what the 08:00 call saw)"},
	{"as-known-at", "TIME", "only what had been recorded by TIME: the "
				"report as it was printed then"},
	{"site", "CODE", "one site only"},
	{"format", "text|csv|json", "the output format (default text)"},
	{"show-names", NULL, "names and MRNs instead of initials"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "[--date DATE | --at TIME] [--as-known-at TIME] [--site CODE] "
		 "[--format text|csv|json] [--show-names]",
	.summary = "print the morning report as text, csv or json",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_report,
};
