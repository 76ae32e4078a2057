/* sitrep demo: fill an empty database with realistic synthetic data, for
 * the configured system or a generated region or nation. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/secure.h"
#include "progress.h"
#include "sitrep/demo.h"
#include "sitrep/edit.h"
#include "sitrep/util.h"

struct demo_cli {
	enum demo_scale scale;
	int days;
	unsigned long long seed;
	sr_day today;
	const char *write_config;
};

/* Reads the options into d, checking their values. */
static enum sr_status parse(const struct cmd_args *args, struct demo_cli *d,
			    struct sr_error *err)
{
	const char *scale = cmd_arg(args, "scale");
	const char *days = cmd_arg(args, "days");
	const char *seed = cmd_arg(args, "seed");
	const char *today = cmd_arg(args, "today");
	char *end;

	if (scale && !demo_scale_parse(scale, &d->scale))
		return sr_fail(err, SR_EINVAL, "--scale is "
			       "system, region or national");
	if (days) {
		d->days = (int)strtol(days, &end, 10);
		if (*end || d->days < 1 || d->days > 3660)
			return sr_fail(err, SR_EINVAL, "--days takes "
				       "a number of days, 1 to 3660");
	}
	if (seed) {
		d->seed = strtoull(seed, &end, 10);
		if (*end || !*seed)
			return sr_fail(err, SR_EINVAL,
				       "--seed takes a number");
	}
	if (today && !date_parse_relative(today, d->today, &d->today))
		return sr_fail(err, SR_EINVAL, "--today takes a date: "
			       "YYYY-MM-DD, today, yesterday or -N");
	d->write_config = cmd_arg(args, "write-config");
	if (d->scale != DEMO_SYSTEM && !d->write_config)
		return sr_fail(err, SR_EINVAL, "a generated %s needs "
			       "--write-config FILE for its configuration",
			       d->scale == DEMO_REGION ? "region" : "nation");
	return SR_OK;
}

static enum sr_status write_config(const struct demo_cli *d, struct cli *cli,
				   struct sr_error *err)
{
	FILE *f = secure_fopen_user(d->write_config, "w");

	if (!f)
		return sr_fail(err, SR_EIO, "cannot create %s: %s",
			       d->write_config, strerror(errno));
	demo_write_config(f, d->scale, d->seed);
	if (fclose(f) != 0)
		return sr_fail(err, SR_EIO, "cannot write %s: %s",
			       d->write_config, strerror(errno));
	cli->config_opt = d->write_config;
	return SR_OK;
}

static enum sr_status cmd_demo(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err)
{
	struct demo_cli d = {.scale = DEMO_SYSTEM, .days = 90, .seed = 1,
			     .today = date_today()};
	struct demo_options o = {0};
	struct demo_report rep;
	struct progress bar;
	struct config *cfg;
	struct store *st;
	enum sr_status s;

	if ((s = parse(args, &d, err)) != SR_OK)
		return s;
	if (d.write_config && (s = write_config(&d, cli, err)) != SR_OK)
		return s;
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	if ((s = cli_allow(cli, cfg, AA_ADMIN, err)) != SR_OK) {
		store_close(st);
		config_free(cfg);
		return s;
	}
	o.days = d.days;
	o.seed = d.seed;
	o.today = d.today;
	o.run_at = datetime_now();
	o.by = util_login_name();
	progress_start(&bar, "generating");
	o.progress = progress_update;
	o.progress_ctx = &bar;
	s = demo_fill(st, cfg, &o, &rep, err);
	progress_end(&bar);
	if (s == SR_OK)
		printf("%s: %ld stays over %d days (%ld in a bed now, %ld "
		       "discharged), %ld red/green days\n", store_path(st),
		       rep.stays, d.days, rep.current, rep.discharged,
		       rep.marks);
	store_close(st);
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {
	{"scale", "system|region|national",
	 "the configured system, or a generated region or nation"},
	{"days", "N", "days of history to simulate (default 90)"},
	{"seed", "S", "the random seed: the same seed, the same data (default 1)"},
	{"today", "DATE", "the last day of the data (default $SITREP_TODAY, "
			  "else today): the same seed and day, the same data"},
	{"write-config", "FILE", "write the generated configuration to FILE"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = "[--scale system|region|national] [--days N] [--seed S] "
		 "[--today DATE] [--write-config FILE]",
	.summary = "fill an empty database with realistic synthetic data",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_demo,
};
