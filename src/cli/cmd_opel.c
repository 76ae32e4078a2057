/* sitrep opel declare and sitrep opel history: OPEL declarations; sitrep
 * opel input and sitrep opel inputs: the 2024-26 parameters entered by
 * hand (ED, ambulance figures). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/edit.h"
#include "sitrep/util.h"

/* The store's code for a site operand: "system" is the system as a whole;
 * the store's own code for it is no site ("" matches none). */
static const char *site_code(const char *arg)
{
	if (strcmp(arg, STORE_SYSTEM) == 0)
		return "";
	return strcmp(arg, "system") == 0 ? STORE_SYSTEM : arg;
}

static enum sr_status opel_declare(struct cli *cli, const char *site_arg,
				   const char *level, const char *note,
				   struct sr_error *err)
{
	const char *site = strcmp(site_arg, "system") ? site_arg : NULL;
	struct config *cfg = cli_load_config(cli, err);
	struct store *st = NULL;
	struct edit_ctx ctx;
	enum sr_status s = SR_OK;
	int lv = strlen(level) == 1 ? level[0] - '0' : 0;

	if (!cfg)
		return err->status;
	/* Checked before the database is opened: a refusal writes nothing. */
	s = edit_opel_check(cfg, site, lv, note, err);
	if (s == SR_OK && !(st = cli_open_store(cli, STORE_READ_WRITE, err)))
		s = err->status;
	if (s == SR_OK)
		s = store_sync_config(st, cfg, NULL, err);
	edit_ctx_init(&ctx, st, cfg);
	if (s == SR_OK)
		s = edit_opel_declare(&ctx, site, lv, note, err);
	if (s == SR_OK)
		printf("%s: OPEL %d declared by %s at %s\n", site_arg, lv,
		       ctx.by, ctx.at);
	store_close(st);
	config_free(cfg);
	return s;
}

static bool print_declaration(void *ctx, const struct opel_declaration *d)
{
	size_t *n = ctx;
	const char *site = strcmp(d->site, STORE_SYSTEM) ? d->site : "system";

	printf("%s  %-8s  %d  %-12s  ", d->at, site, d->level, d->by);
	cli_put_safe(stdout, d->note);
	putchar('\n');
	(*n)++;
	return true;
}

static enum sr_status opel_history(struct cli *cli, const char *site_arg,
				   struct sr_error *err)
{
	const char *site = site_arg ? site_code(site_arg) : NULL;
	struct config *cfg = cli_load_config(cli, err);
	struct store *st;
	enum sr_status s;
	size_t n = 0;

	if (!cfg)
		return err->status;
	if (site && !*site) {
		config_free(cfg);
		return sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'",
			       site_arg);
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return err->status;
	}
	s = store_opel_history(st, site, print_declaration, &n, err);
	/* A site dropped from the config keeps its history. */
	if (s == SR_OK && n == 0 && site && strcmp(site, STORE_SYSTEM) != 0 &&
	    !config_site(cfg, site))
		s = sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'",
			    site_arg);
	store_close(st);
	config_free(cfg);
	return s;
}

static enum sr_status opel_enter_input(struct cli *cli,
				       const char *site_arg,
				       const char *parameter,
				       const char *value, const char *at,
				       struct sr_error *err)
{
	const char *site = strcmp(site_arg, "system") ? site_arg : NULL;
	struct config *cfg = cli_load_config(cli, err);
	struct store *st = NULL;
	struct opel_input in;
	struct edit_ctx ctx;
	char when[20];
	enum sr_status s;

	if (!cfg)
		return err->status;
	/* Checked before the database is opened: a refusal writes nothing. */
	edit_ctx_init(&ctx, NULL, cfg);
	s = edit_opel_input_check(&ctx, site, parameter, value, at, &in, when,
				  err);
	if (s == SR_OK && !(st = cli_open_store(cli, STORE_READ_WRITE, err)))
		s = err->status;
	if (s == SR_OK)
		s = store_sync_config(st, cfg, NULL, err);
	ctx.st = st;
	if (s == SR_OK)
		s = edit_opel_input(&ctx, site, parameter, value, at, NULL, err);
	if (s == SR_OK)
		printf("%s: %s = %g at %s, entered by %s at %s\n", site_arg,
		       parameter, in.value, when, ctx.by, ctx.at);
	store_close(st);
	config_free(cfg);
	return s;
}

static bool print_input(void *ctx, const struct opel_input *in)
{
	size_t *n = ctx;
	const char *site = strcmp(in->site, STORE_SYSTEM) ? in->site : "system";

	if (!(*n)++)
		printf("%-19s  %-8s  %-20s %10s  %s\n", "At", "Site",
		       "Parameter", "Value", "Entered");
	printf("%-19s  %-8s  %-20s %10g  %s by ", in->at, site, in->parameter,
	       in->value, in->recorded_at);
	cli_put_safe(stdout, in->recorded_by);
	putchar('\n');
	return true;
}

static enum sr_status opel_list_inputs(struct cli *cli, const char *site_arg,
				       struct sr_error *err)
{
	const char *site = site_arg ? site_code(site_arg) : NULL;
	struct config *cfg = cli_load_config(cli, err);
	struct store *st;
	enum sr_status s;
	size_t n = 0;

	if (!cfg)
		return err->status;
	if (site && (!*site || (strcmp(site, STORE_SYSTEM) != 0 &&
				!config_site(cfg, site)))) {
		config_free(cfg);
		return sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'",
			       site_arg);
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return err->status;
	}
	s = store_opel_input_history(st, site, print_input, &n, err);
	if (s == SR_OK && n == 0)
		printf("No OPEL inputs recorded%s%s.\n", site_arg ? " for " : "",
		       site_arg ? site_arg : "");
	store_close(st);
	config_free(cfg);
	return s;
}

/* The subcommand is the first operand. */
static enum sr_status cmd_opel(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err)
{
	const char *note = cmd_arg(args, "note"), *at = cmd_arg(args, "at");
	const char *verb = args->argv[0];
	char **argv = args->argv + 1;
	int left = args->argc - 1;

	if (strcmp(verb, "declare") == 0 && left == 2 && note && !at)
		return opel_declare(cli, argv[0], argv[1], note, err);
	if (strcmp(verb, "history") == 0 && left <= 1 && !note && !at)
		return opel_history(cli, left ? argv[0] : NULL, err);
	if (strcmp(verb, "input") == 0 && left == 3 && !note)
		return opel_enter_input(cli, argv[0], argv[1], argv[2], at, err);
	if (strcmp(verb, "inputs") == 0 && left <= 1 && !note && !at)
		return opel_list_inputs(cli, left ? argv[0] : NULL, err);
	return cmd_usage(err, args->entry, NULL);
}

static const struct cmd_option options[] = {
	{"note", "TEXT", "why the level is declared (opel declare)"},
	{"at", "TIME", "when the value was measured (opel input; default "
		       "now)"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_opel_entry = {
	.name = "opel",
	.usage = "declare SITE|system LEVEL --note TEXT\n"
		 "history [SITE|system]\n"
		 "input SITE|system PARAMETER VALUE [--at TIME]\n"
		 "inputs [SITE|system]",
	.summary = "declare a site's or the system's OPEL level; list "
		   "declarations; enter the OPEL parameters sitrep cannot "
		   "compute; list them",
	.options = options,
	.min_operands = 1,
	.max_operands = 4,
	.exec = cmd_opel,
};
