/* sitrep pack: the board pack, one self-contained HTML page for a day or
 * a month (include/sitrep/report_pack.h), to standard output or a file. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/metrics.h"
#include "sitrep/report_pack.h"
#include "sitrep_build.h"

/* The day the pack is for, and whether it is a month's: --month M is the
 * month's last day (today, while the month runs), --date D that day
 * (today by default). */
static enum sr_status pack_day(struct cmd_args *args, sr_day *day,
			       bool *month, struct sr_error *err)
{
	const char *date_arg = cmd_arg(args, "date");
	const char *month_arg = cmd_arg(args, "month");
	sr_day today = date_today(), first;
	char a[DATE_BUF], b[DATE_BUF];
	int y, m, d;

	*month = month_arg != NULL;
	if (date_arg && month_arg)
		return cmd_usage(err, args->entry, "--date or --month, not "
				 "both");
	if (month_arg) {
		if (!month_parse(month_arg, &first))
			return sr_fail(err, SR_EINVAL, "--month takes a month: "
				       "YYYY-MM");
		if (first > today) {
			date_format(today, a);
			return sr_fail(err, SR_EINVAL, "--month %.7s is after "
				       "today (%s)", month_arg, a);
		}
		date_to_ymd(first, &y, &m, &d);
		*day = first + date_days_in_month(y, m) - 1;
		if (*day > today)
			*day = today;
		return SR_OK;
	}
	if (!date_arg) {
		*day = today;
		return SR_OK;
	}
	if (!date_parse_relative(date_arg, today, day))
		return sr_fail(err, SR_EINVAL, "--date takes a date: "
			       "YYYY-MM-DD, today, yesterday or -N");
	if (*day > today) {
		date_format(*day, a);
		date_format(today, b);
		return sr_fail(err, SR_EINVAL, "--date %s is after today (%s)",
			       a, b);
	}
	return SR_OK;
}

/* --since: the day whose end the changes are from; by default a week
 * before a day's pack, the previous month's last day for a month's. */
static enum sr_status pack_since(struct cmd_args *args, sr_day day,
				 bool month, sr_day *since,
				 struct sr_error *err)
{
	const char *arg = cmd_arg(args, "since");
	char a[DATE_BUF], b[DATE_BUF];
	enum sr_status s;

	if (!arg) {
		*since = month ? date_first_of_month(day) - 1 : day - 7;
		return SR_OK;
	}
	if ((s = cli_read_day_opt("since", arg, since, err)) != SR_OK)
		return s;
	if (*since >= day) {
		date_format(*since, a);
		date_format(day, b);
		return sr_fail(err, SR_EINVAL, "--since %s is not before the "
			       "pack's day (%s)", a, b);
	}
	return SR_OK;
}

static enum sr_status cmd_pack(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err)
{
	struct pack_options o = {.version = SITREP_VERSION};
	const char *output = cmd_arg(args, "output");
	struct pack *p = NULL;
	struct config *cfg;
	struct store *st;
	struct sr_moment mo;
	enum sr_status s;
	char *tmp = NULL;
	FILE *out = stdout;
	sr_day day;

	o.show_names = cmd_flag(args, "show-names");
	if ((s = pack_day(args, &day, &o.month, err)) != SR_OK ||
	    (s = pack_since(args, day, o.month, &o.since, err)) != SR_OK)
		return s;
	metrics_moment_of_day(&mo, day);
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if (o.show_names &&
	    (s = cli_allow(cli, cfg, AA_IDENTIFIERS, err)) != SR_OK) {
		config_free(cfg);
		return s;
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return err->status;
	}
	s = pack_read(st, cfg, &mo, &o, &p, err);
	store_close(st);
	if (s == SR_OK && output && !(out = cli_open_output(output, &tmp, err)))
		s = err->status;
	if (s == SR_OK) {
		/* Names are measured as UTF-8 whatever the locale. */
		if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
		    !setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
		if (!pack_write(out, p))
			s = sr_fail(err, SR_EIO, "cannot write the pack");
	}
	if (tmp)
		s = cli_close_output(out, tmp, output, s, err);
	free(tmp);
	pack_free(p);
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {
	{"date", "DATE", "the day: YYYY-MM-DD, today (the default), yesterday "
			 "or -N; today's figures are as at now, a past day's "
			 "at its end"},
	{"month", "YYYY-MM", "a month's pack: its last day's figures (today's "
			     "while it runs), charts by month"},
	{"since", "DATE", "the changes since the end of DATE (default: a "
			  "week before; a month's: the month before's end)"},
	{"output", "FILE", "write to a new private FILE, not standard output"},
	{"show-names", NULL, "names and MRNs instead of initials"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_pack_entry = {
	.name = "pack",
	.usage = "[--date DATE | --month YYYY-MM] [--since DATE] "
		 "[--output FILE.html] [--show-names]",
	.summary = "write the board pack: one self-contained HTML page",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_pack,
};
