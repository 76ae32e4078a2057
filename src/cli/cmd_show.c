/* sitrep show: one stay, a field a line, with its version. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "target.h"
#include "sitrep/util.h"

static void show_stay(struct store *st, const struct stay *s, sr_day today)
{
	char d[DATE_BUF], *colour = NULL, *reason = NULL;
	struct sr_error e;
	int los = stay_los(s, today), delay = stay_delay_days(s, today);

	printf("stay: %lld\nversion: %lld\n", (long long)s->id,
	       (long long)s->version);
	for (int f = 0; f < SF_COUNT; f++) {
		printf("%s: ", stay_field_name((enum stay_field)f));
		if (f == SF_NHS_NUMBER && s->v[f]) {
			char nhs[13];

			nhs_number_format(s->v[f], nhs);
			fputs(nhs, stdout);
		} else {
			cli_put_safe(stdout, s->v[f]);
		}
		putchar('\n');
	}
	if (los >= 0)
		printf("los: %d\n", los);
	if (delay >= 0)
		printf("delay_days: %d\n", delay);
	date_format(today, d);
	if (store_day_mark_get(st, s->id, d, &colour, &reason, &e) == SR_OK &&
	    colour)
		printf("today: %s%s%s\n", colour, reason ? ": " : "",
		       reason ? reason : "");
	free(colour);
	free(reason);
}

static enum sr_status cmd_show(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err)
{
	struct target t = {0};
	struct stay s = {0};
	struct edit_ctx ctx;
	struct store *st;
	enum sr_status status;
	int next = 0;

	if ((status = target_parse(args, &t, false, err)) != SR_OK)
		return status;
	if ((status = cli_allow_if_configured(cli, AA_IDENTIFIERS, err)) !=
	    SR_OK)
		return status;
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		return err->status;
	edit_ctx_init(&ctx, st, NULL);
	status = target_resolve(&ctx, &t, args, &next, err);
	if (status == SR_OK && next < args->argc)
		status = cmd_usage(err, args->entry, "name one patient, by MRN "
				   "or --stay");
	if (status == SR_OK)
		status = store_stay_get(st, t.stay, &s, err);
	if (status == SR_OK)
		show_stay(st, &s, date_today());
	stay_clear(&s);
	store_close(st);
	return status;
}

/* The target options but --expect-version: show changes nothing. */
static const struct cmd_option options[] = {
	TARGET_OPTIONS,
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "[--site CODE | --stay ID] [MRN]",
	.summary = "show one stay with its version",
	.options = options,
	.min_operands = 0,
	.max_operands = 1,
	.exec = cmd_show,
};
