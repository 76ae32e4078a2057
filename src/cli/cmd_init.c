/* sitrep init: create or upgrade the database and sync it with the
 * config's sites and wards. */
#include <stdio.h>

#include "cmd.h"

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

static enum sr_status cmd_init(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err)
{
	struct store_sync_report rep;
	struct config *cfg;
	struct store *st;
	enum sr_status s;

	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if ((s = cli_allow(cli, cfg, AA_ADMIN, err)) != SR_OK) {
		config_free(cfg);
		return s;
	}
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

static const struct cmd_option options[] = {{NULL, NULL, NULL}};

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.usage = "",
	.summary = "create or upgrade the database and sync sites and wards",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_init,
};
