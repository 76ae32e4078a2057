/* sitrep audit: the audit trail, oldest first, one change a line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static bool print_audit(const struct audit_row *r, void *ctx)
{
	size_t by_len = r->by ? strlen(r->by) : 0;

	(void)ctx;
	/* The login name comes from $SITREP_USER: printed safely too. */
	printf("%s  ", r->at);
	cli_put_safe(stdout, r->by);
	printf("%*s  ", by_len < 10 ? (int)(10 - by_len) : 0, "");
	if (r->stay) {
		printf("#%lld ", (long long)r->stay);
		cli_put_safe(stdout, r->site);
		putchar('/');
		cli_put_safe(stdout, r->mrn);
	} else {
		fputs("-", stdout);
	}
	fputs("  ", stdout);
	cli_put_safe(stdout, r->field);
	fputs(": ", stdout);
	if (r->old_value) {
		cli_put_safe(stdout, r->old_value);
		fputs(" -> ", stdout);
	}
	cli_put_safe(stdout, r->new_value ? r->new_value : "(cleared)");
	putchar('\n');
	return true;
}

static enum sr_status cmd_audit(struct cli *cli, struct cmd_args *args,
				struct sr_error *err)
{
	const char *stay = cmd_arg(args, "stay");
	struct audit_filter f = {0};
	char since[DATE_BUF];
	struct store *st;
	enum sr_status s;
	char *end;

	if (stay) {
		f.stay = strtoll(stay, &end, 10);
		if (*end || f.stay <= 0)
			return sr_fail(err, SR_EINVAL,
				       "--stay takes a stay number");
	}
	f.site = cmd_arg(args, "site");
	f.mrn = cmd_arg(args, "mrn");
	f.since = cmd_arg(args, "since");
	if (f.since && !cli_read_day(f.since, since))
		return sr_fail(err, SR_EINVAL, "--since takes a date "
			       "(YYYY-MM-DD, or DD/MM/YYYY day first)");
	f.since = f.since ? since : NULL;
	f.by = cmd_arg(args, "by");
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		return err->status;
	s = store_audit_each(st, &f, print_audit, NULL, err);
	store_close(st);
	return s;
}

static const struct cmd_option options[] = {
	{"stay", "ID", "only the changes to one stay"},
	{"site", "CODE", "only the changes to stays of one site"},
	{"mrn", "MRN", "only the changes to stays of one MRN"},
	{"since", "DATE", "only the changes made on or after DATE"},
	{"by", "USER", "only the changes made by USER"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.usage = "[--stay ID] [--site CODE] [--mrn MRN] [--since DATE] "
		 "[--by USER]",
	.summary = "list the audit trail",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_audit,
};
