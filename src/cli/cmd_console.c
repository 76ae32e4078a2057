/* sitrep console: the console, the default command. */
#include "cmd.h"
#include "tui/console.h"

static enum sr_status cmd_console(struct cli *cli, struct cmd_args *args,
				  struct sr_error *err)
{
	struct config *cfg;
	struct store *st;
	enum sr_status s;

	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	s = tui_run(st, cfg, err);
	store_close(st);
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {{NULL, NULL, NULL}};

const struct cmd_entry cmd_console_entry = {
	.name = "console",
	.usage = "",
	.summary = "open the console (the default command)",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_console,
};
