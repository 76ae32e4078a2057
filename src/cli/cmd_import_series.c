/* sitrep import-series: published aggregates from before sitrep
 * (include/sitrep/imported.h), all or nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/secure.h"
#include "sitrep/edit.h"
#include "sitrep/imported.h"
#include "sitrep/util.h"

static enum sr_status read_file(const char *path, char **buf, size_t *len,
				struct sr_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin :
					  secure_fopen_user(path, "rb");
	size_t cap = 1 << 14, n = 0, got;
	char *p;

	if (!f)
		return sr_fail(err, SR_EIO, "cannot open %s: %s", path,
			       strerror(errno));
	p = xmalloc(cap);
	while ((got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			p = xgrow(p, &cap, cap + 1, 1);
	}
	if (ferror(f)) {
		if (f != stdin)
			fclose(f);
		free(p);
		return sr_fail(err, SR_EIO, "cannot read %s: %s", path,
			       strerror(errno));
	}
	if (f != stdin)
		fclose(f);
	*buf = p;
	*len = n;
	return SR_OK;
}

static enum sr_status cmd_import_series(struct cli *cli, struct cmd_args *args,
					struct sr_error *err)
{
	struct imported_options opt = {
		.dry_run = cmd_flag(args, "dry-run"),
		.replace = cmd_flag(args, "replace"),
		.source = cmd_arg(args, "source"),
	};
	const char *path = args->argv[0];
	struct store_actor who = {.by = util_login_name()};
	struct imported_report rep;
	char stamp[20];
	struct store *st;
	enum sr_status s;
	size_t len = 0;
	char *buf = NULL;

	if ((s = cli_allow_if_configured(cli, AA_ADMIN, err)) != SR_OK)
		return s;
	if ((s = read_file(path, &buf, &len, err)) != SR_OK)
		return s;
	if (!(st = cli_open_store(cli, STORE_READ_WRITE, err))) {
		free(buf);
		return err->status;
	}
	edit_stamp(stamp);
	who.at = stamp;
	s = imported_import(st, buf, len, &opt, &who, &rep, err);
	store_close(st);
	free(buf);
	if (s != SR_OK) {
		char why[SR_ERROR_MAX];

		snprintf(why, sizeof(why), "%s", err->msg);
		return sr_fail(err, s, "%s: %s; nothing imported", path, why);
	}
	printf("%s%ld rows: %ld added, %ld replaced, %ld unchanged\n",
	       opt.dry_run ? "dry run, nothing stored: " : "", rep.rows,
	       rep.added, rep.replaced, rep.unchanged);
	return SR_OK;
}

static const struct cmd_option options[] = {
	{"dry-run", NULL, "check the file and say what it would do"},
	{"replace", NULL, "replace values imported already with other ones"},
	{"source", "TEXT", "the publication, for rows without a source"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_import_series_entry = {
	.name = "import-series",
	.usage = "[--dry-run] [--replace] [--source TEXT] FILE",
	.summary = "load published aggregates (period, area, metric, value) "
		   "from before sitrep",
	.options = options,
	.min_operands = 1,
	.max_operands = 1,
	.exec = cmd_import_series,
};
