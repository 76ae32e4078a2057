/* sitrep export: stays as a census CSV, to standard output or a file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "sitrep/census.h"
#include "sitrep/util.h"

static enum sr_status cmd_export(struct cli *cli, struct cmd_args *args,
				 struct sr_error *err)
{
	struct stay_filter f = {0};
	const char *output = cmd_arg(args, "output");
	char from[DATE_BUF], to[DATE_BUF], *tmp = NULL;
	struct store *st;
	FILE *out = stdout;
	size_t rows;
	enum sr_status s;

	/* Every field of every stay: names, MRNs, NHS numbers. */
	if ((s = cli_allow_if_configured(cli, AA_IDENTIFIERS, err)) != SR_OK)
		return s;
	f.site = cmd_arg(args, "site");
	f.current = cmd_flag(args, "current");
	f.from = cmd_arg(args, "from");
	f.to = cmd_arg(args, "to");
	if (f.current && (f.from || f.to))
		return cmd_usage(err, args->entry, "--current and --from or "
				 "--to do not go together");
	if ((f.from && !cli_read_day(f.from, from)) ||
	    (f.to && !cli_read_day(f.to, to)))
		return sr_fail(err, SR_EINVAL, "--from and --to take a date "
			       "(YYYY-MM-DD, or DD/MM/YYYY day first)");
	f.from = f.from ? from : NULL;
	f.to = f.to ? to : NULL;
	if (f.from && f.to && strcmp(f.from, f.to) > 0)
		return sr_fail(err, SR_EINVAL, "--from %s is after --to %s",
			       f.from, f.to);
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		return err->status;
	if (output && !(out = cli_open_output(output, &tmp, err))) {
		store_close(st);
		return err->status;
	}
	s = census_export(st, &f, out, &rows, err);
	if (output)
		s = cli_close_output(out, tmp, output, s, err);
	else if (fflush(stdout) != 0 && s == SR_OK)
		s = sr_fail(err, SR_EIO, "cannot write the export: %s",
			    strerror(errno));
	if (output && s == SR_OK)
		fprintf(stderr, "%s: %zu stay%s\n", output, rows,
			rows == 1 ? "" : "s");
	free(tmp);
	store_close(st);
	return s;
}

static const struct cmd_option options[] = {
	{"site", "CODE", "only the stays of one site"},
	{"current", NULL, "only the stays still in a bed"},
	{"from", "DATE", "only the stays in a bed on or after DATE"},
	{"to", "DATE", "only the stays in a bed on or before DATE"},
	{"output", "FILE", "write to a new private FILE, not standard output"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "[--site CODE] [--current | --from DATE [--to DATE]] "
		 "[--output FILE]",
	.summary = "write stays as census CSV",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_export,
};
