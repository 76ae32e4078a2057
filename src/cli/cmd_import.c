/* sitrep import: a census CSV, all or nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "sitrep/secure.h"
#include "progress.h"
#include "sitrep/census.h"
#include "sitrep/edit.h"
#include "sitrep/util.h"

/* A census to import: a regular file is mapped, and the pages the import
 * has read are released as it goes, so memory does not grow with the
 * file; standard input, or anything that cannot be mapped, is read into
 * memory whole. (Were the file cut short while mapped, reading past its
 * new end would kill the process: the import's transaction would then
 * leave the database as it was.) */
struct input {
	char *buf;
	size_t len;
	bool mapped;
	size_t released; /* the mapping's first pages given back so far */
};

static enum sr_status read_all(FILE *f, const char *path, struct input *in,
			       struct sr_error *err)
{
	size_t cap = 1 << 16, n = 0, got;
	char *p = xmalloc(cap);

	while ((got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			p = xgrow(p, &cap, cap + 1, 1);
	}
	if (ferror(f)) {
		free(p);
		return sr_fail(err, SR_EIO, "cannot read %s: %s", path,
			       strerror(errno));
	}
	in->buf = p;
	in->len = n;
	return SR_OK;
}

static enum sr_status input_open(const char *path, struct input *in,
				 struct sr_error *err)
{
	struct stat sb;
	enum sr_status s;
	FILE *f;
	void *map;

	memset(in, 0, sizeof(*in));
	if (strcmp(path, "-") == 0)
		return read_all(stdin, path, in, err);
	if (!(f = secure_fopen_user(path, "rb")))
		return sr_fail(err, SR_EIO, "cannot open %s: %s", path,
			       strerror(errno));
	if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size > 0 && (uintmax_t)sb.st_size <= SIZE_MAX &&
	    (map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE,
			fileno(f), 0)) != MAP_FAILED) {
		madvise(map, (size_t)sb.st_size, MADV_SEQUENTIAL);
		in->buf = map;
		in->len = (size_t)sb.st_size;
		in->mapped = true;
		fclose(f);
		return SR_OK;
	}
	s = read_all(f, path, in, err);
	fclose(f);
	return s;
}

/* census_options.consumed: gives back the whole pages before offset. */
static void input_release(size_t offset, void *ctx)
{
	struct input *in = ctx;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = offset / page * page;

	if (!in->mapped || upto <= in->released)
		return;
	madvise(in->buf + in->released, upto - in->released, MADV_DONTNEED);
	in->released = upto;
}

static void input_close(struct input *in)
{
	if (in->mapped)
		munmap(in->buf, in->len);
	else
		free(in->buf);
	memset(in, 0, sizeof(*in));
}

static void print_import(const char *name, const struct census_report *rep,
			 bool dry_run)
{
	printf("%s: %zu row%s: %zu added, %zu updated, %zu unchanged, "
	       "%zu discharged%s\n",
	       name, rep->rows, rep->rows == 1 ? "" : "s", rep->added,
	       rep->updated, rep->unchanged, rep->discharged,
	       dry_run ? " (dry run: nothing written)" : "");
}

static enum sr_status cmd_import(struct cli *cli, struct cmd_args *args,
				 struct sr_error *err)
{
	struct census_options opt = {0};
	struct census_report rep;
	struct store_actor who = {.by = util_login_name()};
	struct progress bar;
	struct config *cfg;
	struct store *st;
	struct input in;
	char stamp[20];
	enum sr_status s;

	opt.dry_run = cmd_flag(args, "dry-run");
	opt.discharge_missing = cmd_flag(args, "discharge-missing");
	opt.force = cmd_flag(args, "force");
	opt.as_of = cmd_arg(args, "as-of");
	if (opt.force && !opt.discharge_missing)
		return cmd_usage(err, args->entry, "--force goes with "
				 "--discharge-missing: it lets it past its "
				 "limit");
	opt.name = args->argv[0];
	if ((s = cli_allow_if_configured(cli, AA_IMPORT, err)) != SR_OK)
		return s;
	if ((s = input_open(opt.name, &in, err)) != SR_OK)
		return s;
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK) {
		input_close(&in);
		return s;
	}
	edit_stamp(stamp);
	who.at = stamp;
	progress_start(&bar, "importing");
	opt.progress = progress_update;
	opt.progress_ctx = &bar;
	opt.consumed = input_release;
	opt.consumed_ctx = &in;
	s = census_import(st, cfg, in.buf, in.len, &opt, &who, &rep, err);
	progress_end(&bar);
	for (size_t i = 0; s == SR_OK && i < rep.nforced; i++)
		fprintf(stderr, "%s\n", rep.forced[i]);
	if (s == SR_OK) {
		print_import(opt.name, &rep, opt.dry_run);
	} else if (rep.total_errors) {
		for (size_t i = 0; i < rep.nerrors; i++)
			cli_put_message(stderr, "", rep.errors[i]);
		if (rep.total_errors > rep.nerrors)
			fprintf(stderr, "... and %zu more\n",
				rep.total_errors - rep.nerrors);
	}
	census_report_free(&rep);
	store_close(st);
	config_free(cfg);
	input_close(&in);
	return s;
}

static const struct cmd_option options[] = {
	{"dry-run", NULL, "check the file and count the changes; write nothing"},
	{"discharge-missing", NULL,
	 "discharge the stays of the file's sites that it does not list"},
	{"force", NULL, "with --discharge-missing: discharge even more than "
			"discharge_missing_max_pct of a site's patients"},
	{"as-of", "TIME", "when the census was taken, for rows without an "
			  "extracted_at (default now)"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "[--dry-run] [--discharge-missing [--force]] [--as-of TIME] "
		 "FILE",
	.summary = "import a census CSV, all or nothing",
	.options = options,
	.min_operands = 1,
	.max_operands = 1,
	.exec = cmd_import,
};
