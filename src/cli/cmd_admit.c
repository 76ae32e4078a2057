/* sitrep admit: add a stay, checked and audited. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "target.h"
#include "sitrep/util.h"

/* The key of a new stay comes from the options only: a FIELD=VALUE for it
 * would silently override them. */
static enum sr_status admit_operands(const struct edit_change *ch, size_t n,
				     struct sr_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *opt = ch[i].field == SF_SITE ? "--site" :
				  ch[i].field == SF_MRN ? "--mrn" :
				  ch[i].field == SF_ADMITTED_AT ? "--at" : NULL;

		if (opt)
			return sr_fail(err, SR_EINVAL,
				       "%s: give it with %s",
				       stay_field_name(ch[i].field), opt);
	}
	return SR_OK;
}

static enum sr_status cmd_admit(struct cli *cli, struct cmd_args *args,
				struct sr_error *err)
{
	struct edit_result res = {0};
	struct edit_ctx ctx;
	struct edit_change *ch;
	const char *site = cmd_arg(args, "site"), *mrn = cmd_arg(args, "mrn");
	const char *at = cmd_arg(args, "at") ? cmd_arg(args, "at") : "now";
	struct config *cfg;
	struct store *st;
	size_t n;
	enum sr_status s;

	if (!site || !mrn)
		return cmd_usage(err, args->entry, "--site and --mrn are "
				 "needed");
	ch = xcalloc((size_t)args->argc + 3, sizeof(*ch));
	ch[0] = (struct edit_change){SF_SITE, site};
	ch[1] = (struct edit_change){SF_MRN, mrn};
	ch[2] = (struct edit_change){SF_ADMITTED_AT, at};
	if ((s = target_parse_changes(args->argc, args->argv, 0, ch + 3, &n,
				      err)) != SR_OK ||
	    (s = admit_operands(ch + 3, n, err)) != SR_OK ||
	    (s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK) {
		free(ch);
		return s;
	}
	edit_ctx_init(&ctx, st, cfg);
	s = edit_admit(&ctx, ch, n + 3, &res, err);
	if (s == SR_OK && res.warning[0])
		fprintf(stderr, "sitrep: warning: %s\n", res.warning);
	if (s == SR_OK)
		printf("stay %lld admitted: version 1\n",
		       (long long)res.saved.id);
	edit_result_clear(&res);
	free(ch);
	store_close(st);
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {
	{"site", "CODE", "the site the patient is admitted to"},
	{"mrn", "MRN", "the patient's hospital number"},
	{"at", "TIME", "the admission time (default now)"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_admit_entry = {
	.name = "admit",
	.usage = "--site CODE --mrn MRN [--at TIME] [FIELD=VALUE...]",
	.summary = "admit a patient",
	.options = options,
	.min_operands = 0,
	.max_operands = -1,
	.exec = cmd_admit,
};
