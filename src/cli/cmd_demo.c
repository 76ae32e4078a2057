/* sitrep demo: fill an empty database with realistic synthetic data, for
 * the configured system or a generated region or nation. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "progress.h"
#include "sitrep/demo.h"
#include "sitrep/edit.h"
#include "sitrep/util.h"

static const char demo_args[] =
	"[--scale system|region|national] [--days N] [--seed S] "
	"[--today DATE] [--write-config FILE]";

struct demo_cli {
	enum demo_scale scale;
	int days;
	unsigned long long seed;
	sr_day today;
	const char *write_config;
};

static enum sr_status parse(int argc, char **argv, struct demo_cli *d,
			    bool *help, struct sr_error *err)
{
	static const struct option opts[] = {
		{"scale", required_argument, NULL, 's'},
		{"days", required_argument, NULL, 'd'},
		{"seed", required_argument, NULL, 'r'},
		{"today", required_argument, NULL, 't'},
		{"write-config", required_argument, NULL, 'w'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	char *end;
	int c;

	*help = false;
	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 's':
			if (!demo_scale_parse(optarg, &d->scale))
				return sr_fail(err, SR_EINVAL, "--scale is "
					       "system, region or national");
			break;
		case 'd':
			d->days = (int)strtol(optarg, &end, 10);
			if (*end || d->days < 1 || d->days > 3660)
				return sr_fail(err, SR_EINVAL, "--days takes "
					       "a number of days, 1 to 3660");
			break;
		case 'r':
			d->seed = strtoull(optarg, &end, 10);
			if (*end || !*optarg)
				return sr_fail(err, SR_EINVAL,
					       "--seed takes a number");
			break;
		case 't':
			if (!date_parse_relative(optarg, d->today, &d->today))
				return sr_fail(err, SR_EINVAL, "--today takes "
					       "a date: YYYY-MM-DD, today, "
					       "yesterday or -N");
			break;
		case 'w':
			d->write_config = optarg;
			break;
		case 'h':
			cli_print_usage("demo");
			*help = true;
			return SR_OK;
		default:
			return cli_bad_option(err, argc, argv, "demo",
					      demo_args);
		}
	}
	if (optind != argc)
		return cli_usage(err, "demo", demo_args);
	if (d->scale != DEMO_SYSTEM && !d->write_config)
		return sr_fail(err, SR_EINVAL, "a generated %s needs "
			       "--write-config FILE for its configuration",
			       d->scale == DEMO_REGION ? "region" : "nation");
	return SR_OK;
}

static enum sr_status write_config(const struct demo_cli *d, struct cli *cli,
				   struct sr_error *err)
{
	FILE *f = fopen(d->write_config, "w");

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

enum sr_status cmd_demo(struct cli *cli, int argc, char **argv,
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
	bool help;

	if ((s = parse(argc, argv, &d, &help, err)) != SR_OK || help)
		return s;
	if (d.write_config && (s = write_config(&d, cli, err)) != SR_OK)
		return s;
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
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
