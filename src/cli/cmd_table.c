/* The commands, in the order sitrep --help and the man page list them. Each
 * entry lives in the command's own file, src/cli/cmd_NAME.c. */
#include <string.h>

#include "cmd.h"
#include "sitrep/util.h"

static const struct cmd_entry *const table[] = {
	&cmd_console_entry,
	&cmd_init_entry,
	&cmd_demo_entry,
	&cmd_check_config_entry,
	&cmd_check_entry,
	&cmd_import_entry,
	&cmd_import_series_entry,
	&cmd_export_entry,
	&cmd_admit_entry,
	&cmd_set_entry,
	&cmd_discharge_entry,
	&cmd_mark_entry,
	&cmd_blocker_entry,
	&cmd_call_entry,
	&cmd_show_entry,
	&cmd_audit_entry,
	&cmd_history_entry,
	&cmd_report_entry,
	&cmd_spc_entry,
	&cmd_return_entry,
	&cmd_pack_entry,
	&cmd_opel_entry,
	&cmd_beds_entry,
	&cmd_watch_entry,
	&cmd_repatriation_entry,
	&cmd_whoami_entry,
};

const struct cmd_entry *const *cmd_table(size_t *n)
{
	*n = ARRAY_SIZE(table);
	return table;
}

const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(table); i++)
		if (strcmp(table[i]->name, name) == 0)
			return table[i];
	return NULL;
}
