/* sitrep set: change fields of a stay, checked, versioned and audited. */
#include "cmd.h"
#include "target.h"

static enum sr_status cmd_set(struct cli *cli, struct cmd_args *args,
			      struct sr_error *err)
{
	struct target t = {0};
	enum sr_status s;

	if ((s = target_parse(args, &t, true, err)) != SR_OK)
		return s;
	if (cmd_flag(args, "discharged-ok"))
		t.flags |= EDIT_DISCHARGED_OK;
	t.from = cmd_arg(args, "from");
	return target_run_edit(cli, &t, args, NULL, 0, true, false, err);
}

static const struct cmd_option options[] = {
	TARGET_OPTIONS,
	TARGET_VERSION_OPTION,
	{"discharged-ok", NULL, "change a stay that has been discharged"},
	{"from", "TIME", "when the changes took effect, to correct the "
			 "record (default now; a date means from 00:00)"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.usage = "[--site CODE | --stay ID] [--expect-version N] "
		 "[--discharged-ok] [--from TIME] [MRN] FIELD=VALUE...",
	.summary = "change a stay: edd, g2g, pathway, reason, agency, ward, "
		   "bed, note...",
	.options = options,
	.min_operands = 1,
	.max_operands = -1,
	.exec = cmd_set,
};
