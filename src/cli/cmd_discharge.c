/* sitrep discharge: record a discharge, checked, versioned and audited. */
#include "cmd.h"
#include "target.h"

static enum sr_status cmd_discharge(struct cli *cli, struct cmd_args *args,
				    struct sr_error *err)
{
	struct edit_change ch[2] = {
		{SF_DISCHARGED_AT, "now"},
		{SF_DESTINATION, NULL},
	};
	const char *at = cmd_arg(args, "at");
	const char *destination = cmd_arg(args, "destination");
	struct target t = {0};
	enum sr_status s;
	bool at_given = false;
	size_t n = 1;

	if ((s = target_parse(args, &t, true, err)) != SR_OK)
		return s;
	if (at) {
		ch[0].value = at;
		at_given = true;
	}
	if (destination) {
		ch[1].value = destination;
		n = 2;
	}
	return target_run_edit(cli, &t, args, ch, n, false, !at_given, err);
}

static const struct cmd_option options[] = {
	TARGET_OPTIONS,
	TARGET_VERSION_OPTION,
	{"at", "TIME", "the discharge time (default now); corrects it on a "
		       "stay discharged already"},
	{"destination", "TEXT", "where the patient went"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_discharge_entry = {
	.name = "discharge",
	.usage = "[--site CODE | --stay ID] [--expect-version N] [--at TIME] "
		 "[--destination TEXT] [MRN]",
	.summary = "record a discharge",
	.options = options,
	/* A second operand is refused by the edit, which says why (a name
	 * typed after the MRN): not counted here. */
	.min_operands = 0,
	.max_operands = -1,
	.exec = cmd_discharge,
};
