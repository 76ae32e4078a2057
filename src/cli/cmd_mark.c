/* sitrep mark: a day of a stay red or green (SAFER), or cleared. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "target.h"
#include "sitrep/util.h"

static enum sr_status cmd_mark(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err)
{
	struct edit_clock clock = edit_clock_now();
	const char *day_arg = cmd_arg(args, "day") ? cmd_arg(args, "day") :
						     "today";
	const char *reason = cmd_arg(args, "reason"), *colour;
	struct target t = {0};
	struct edit_ctx ctx;
	struct config *cfg;
	struct store *st;
	char d[DATE_BUF];
	enum sr_status s = SR_OK;
	sr_day day;
	int next = 0;

	if ((s = target_parse(args, &t, false, err)) != SR_OK)
		return s;
	/* The colour is the last operand; the patient comes before it. */
	colour = args->argv[--args->argc];
	if (strcmp(colour, "clear") == 0)
		colour = NULL;
	else if (!day_mark_parse(colour, &(enum day_mark){DAY_MARK_GREEN}))
		return cmd_usage(err, args->entry, "the mark is red, green or "
				 "clear");
	if (!date_parse_relative(day_arg, clock.today, &day))
		return sr_fail(err, SR_EINVAL,
			       "--day takes a date: YYYY-MM-DD, today, "
			       "yesterday or -N");
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	edit_ctx_init(&ctx, st, cfg);
	s = target_resolve(&ctx, &t, args, &next, err);
	if (s == SR_OK && next < args->argc)
		s = sr_fail(err, SR_EINVAL, "unexpected argument after the "
			    "patient: name one patient, by MRN or --stay");
	if (s == SR_OK)
		s = edit_mark(&ctx, t.stay, day, colour, reason, err);
	if (s == SR_OK) {
		date_format(day, d);
		printf("stay %lld: %s %s\n", (long long)t.stay, d,
		       colour ? colour : "cleared");
	}
	store_close(st);
	config_free(cfg);
	return s;
}

/* The target options but --expect-version: a day mark is not part of the
 * versioned stay. */
static const struct cmd_option options[] = {
	TARGET_OPTIONS,
	{"day", "DATE", "the day: YYYY-MM-DD, today (the default), yesterday "
			"or -N"},
	{"reason", "CODE", "a red day's reason, from red_reasons in the config"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_mark_entry = {
	.name = "mark",
	.usage = "[--site CODE | --stay ID] [--day DATE] [--reason CODE] [MRN] "
		 "red|green|clear",
	.summary = "mark a day red or green (SAFER)",
	.options = options,
	/* A name typed after the MRN is refused by the handler, which says
	 * why: not counted here. */
	.min_operands = 1,
	.max_operands = -1,
	.exec = cmd_mark,
};
