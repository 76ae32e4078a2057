/* Setting up: init (create or upgrade the database, sync the config),
 * check-config (validate and summarise a config), and the console entry. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "tui/console.h"
#include "sitrep/util.h"

static const struct option no_opts[] = {
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* Parses a command that takes only --help and at most max_operands
 * operands. Returns SR_OK with *help set when --help was given. */
static enum sr_status plain_args(int argc, char **argv, const char *cmd,
				 const char *args, int max_operands,
				 bool *help, struct sr_error *err)
{
	int c;

	*help = false;
	while ((c = cli_getopt(argc, argv, no_opts)) != -1) {
		if (c == 'h') {
			cli_print_usage(cmd);
			*help = true;
			return SR_OK;
		}
		return cli_bad_option(err, argc, argv, cmd, args);
	}
	if (argc - optind > max_operands)
		return cli_usage(err, cmd, args);
	return SR_OK;
}

enum sr_status cmd_console(struct cli *cli, int argc, char **argv,
			   struct sr_error *err)
{
	struct config *cfg;
	struct store *st;
	bool help;
	enum sr_status s = plain_args(argc, argv, "console", "", 0, &help, err);

	if (s != SR_OK || help)
		return s;
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	s = tui_run(st, cfg, err);
	store_close(st);
	config_free(cfg);
	return s;
}

static void print_sync(const struct store_sync_report *rep)
{
	printf("sites: %zu added, %zu updated; wards: %zu added, %zu updated\n",
	       rep->sites_added, rep->sites_updated, rep->wards_added,
	       rep->wards_updated);
	for (size_t i = 0; i < rep->ndropped_sites; i++)
		printf("site %s is no longer in the config: kept with its "
		       "history, marked inactive\n", rep->dropped_sites[i]);
	for (size_t i = 0; i < rep->ndropped_wards; i++)
		printf("ward %s is no longer in the config: kept with its "
		       "history, marked inactive\n", rep->dropped_wards[i]);
}

enum sr_status cmd_init(struct cli *cli, int argc, char **argv,
			struct sr_error *err)
{
	struct store_sync_report rep;
	struct config *cfg;
	struct store *st;
	bool help;
	enum sr_status s = plain_args(argc, argv, "init", "", 0, &help, err);

	if (s != SR_OK || help)
		return s;
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if (!(st = cli_open_store(cli, STORE_READ_WRITE, err))) {
		config_free(cfg);
		return err->status;
	}
	s = store_sync_config(st, cfg, &rep, err);
	if (s == SR_OK) {
		printf("%s: schema version %d, system %s\n", store_path(st),
		       store_file_version(st), cfg->system_name);
		print_sync(&rep);
		store_sync_report_free(&rep);
	}
	store_close(st);
	config_free(cfg);
	return s;
}

static void print_thresholds(const struct opel_kind_cfg *k)
{
	int any = 0;

	printf("    rule %s", opel_rule_name(k->rule));
	if (k->rule == OPEL_RULE_WEIGHTED)
		printf(" (score bands %g, %g, %g)", k->bands[0], k->bands[1],
		       k->bands[2]);
	putchar('\n');
	for (int m = 0; m < METRIC_COUNT; m++) {
		const struct metric_threshold *t = &k->metric[m];

		if (!t->enabled)
			continue;
		any = 1;
		printf("    %-22s level 2 at %g, 3 at %g, 4 at %g", 
		       opel_metric_name((enum opel_metric)m), t->at[0],
		       t->at[1], t->at[2]);
		if (k->rule == OPEL_RULE_WEIGHTED)
			printf(" (weight %g)", t->weight);
		putchar('\n');
	}
	if (!any)
		puts("    no metrics: sites of this kind stay at level 1");
}

static void print_summary(const struct config *cfg)
{
	int total = 0;

	printf("system: %s\n", cfg->system_name);
	printf("sites: %zu\n", cfg->nsites);
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		int n = 0, beds = 0;

		for (size_t i = 0; i < cfg->nsites; i++)
			if ((int)cfg->sites[i].kind == k) {
				n++;
				beds += cfg->sites[i].beds;
			}
		if (!n)
			continue;
		printf("  %s: %d site%s, %d beds\n",
		       site_kind_label((enum site_kind)k), n, n == 1 ? "" : "s",
		       beds);
		for (size_t i = 0; i < cfg->nsites; i++) {
			const struct site_cfg *s = &cfg->sites[i];

			if ((int)s->kind != k)
				continue;
			printf("    %-8s %-44s %5d beds, %zu ward%s\n", s->code,
			       s->name, s->beds, s->nwards,
			       s->nwards == 1 ? "" : "s");
		}
		total += beds;
	}
	printf("beds: %d\n", total);
	printf("stranded: length of stay >= %d days; super-stranded >= %d\n",
	       cfg->stranded_days, cfg->super_stranded_days);
	printf("discharges before midday target: %g%%\n",
	       cfg->midday_target_pct);
	printf("delay reasons: %zu; red-day reasons: %zu\n",
	       cfg->ndelay_reasons, cfg->nred_reasons);
	puts("OPEL thresholds:");
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		printf("  %s\n", site_kind_label((enum site_kind)k));
		print_thresholds(&cfg->opel.kind[k]);
	}
	printf("  system level: %s\n",
	       cfg->opel.system_rule == SYSTEM_RULE_BEDS_WEIGHTED ?
		       "beds-weighted mean of site levels" :
		       "highest site level");
	if (!cfg->ntrajectory) {
		puts("DTOC trajectory: none");
		return;
	}
	puts("DTOC trajectory (delayed bed days per month):");
	for (size_t i = 0; i < cfg->ntrajectory; i++) {
		int y, m, d;

		date_to_ymd(cfg->trajectory[i].from, &y, &m, &d);
		printf("  from %04d-%02d  %d\n", y, m,
		       cfg->trajectory[i].bed_days);
	}
}

enum sr_status cmd_check_config(struct cli *cli, int argc, char **argv,
				struct sr_error *err)
{
	struct config *cfg;
	char *path;
	bool help;
	enum sr_status s = plain_args(argc, argv, "check-config", "[FILE]", 1,
				      &help, err);

	if (s != SR_OK || help)
		return s;
	path = config_find(optind < argc ? argv[optind] : cli->config_opt,
			   err);
	if (!path)
		return err->status;
	cfg = config_load(path, err);
	if (cfg) {
		printf("%s: ok\n", path);
		print_summary(cfg);
		config_free(cfg);
	}
	free(path);
	return cfg ? SR_OK : err->status;
}
