/* Data in and out: import a census, export stays, list the audit trail. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
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
	if (!(f = fopen(path, "rb")))
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

enum sr_status cmd_import(struct cli *cli, int argc, char **argv,
			  struct sr_error *err)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, 'n'},
		{"discharge-missing", no_argument, NULL, 'm'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static const char args[] =
		"[--dry-run] [--discharge-missing [--force]] FILE";
	struct census_options opt = {0};
	struct census_report rep;
	struct store_actor who = {.by = util_login_name()};
	struct progress bar;
	struct config *cfg;
	struct store *st;
	struct input in;
	char stamp[20];
	enum sr_status s;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'n':
			opt.dry_run = true;
			break;
		case 'm':
			opt.discharge_missing = true;
			break;
		case 'f':
			opt.force = true;
			break;
		case 'h':
			cli_print_usage("import");
			return SR_OK;
		default:
			return cli_bad_option(err, argc, argv, "import", args);
		}
	}
	if (argc - optind != 1)
		return cli_usage(err, "import", args);
	if (opt.force && !opt.discharge_missing)
		return sr_fail(err, SR_EINVAL, "--force goes with "
			       "--discharge-missing: it lets it past its "
			       "limit");
	opt.name = argv[optind];
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
			fprintf(stderr, "%s\n", rep.errors[i]);
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

/* Opens path for the export: a new private file (patient data), written
 * under a temporary name and renamed into place once complete. */
static FILE *open_output(const char *path, char **tmp, struct sr_error *err)
{
	FILE *f;
	int fd;

	*tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "wb"))) {
		sr_fail(err, SR_EIO, "cannot create %s: %s", *tmp,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	return f;
}

static enum sr_status close_output(FILE *f, const char *tmp, const char *path,
				   enum sr_status s, struct sr_error *err)
{
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		if (s == SR_OK)
			s = sr_fail(err, SR_EIO, "cannot write %s: %s", path,
				    strerror(errno));
	}
	fclose(f);
	if (s == SR_OK && rename(tmp, path) != 0)
		s = sr_fail(err, SR_EIO, "cannot rename %s to %s: %s", tmp,
			    path, strerror(errno));
	if (s != SR_OK)
		unlink(tmp);
	return s;
}

static bool valid_day(const char *s)
{
	sr_day d;

	return date_parse(s, &d);
}

enum sr_status cmd_export(struct cli *cli, int argc, char **argv,
			  struct sr_error *err)
{
	static const struct option opts[] = {
		{"site", required_argument, NULL, 's'},
		{"current", no_argument, NULL, 'c'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static const char args[] =
		"[--site CODE] [--current | --from DATE [--to DATE]] "
		"[--output FILE]";
	struct stay_filter f = {0};
	const char *output = NULL;
	char *tmp = NULL;
	struct store *st;
	FILE *out = stdout;
	size_t rows;
	enum sr_status s;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 's': f.site = optarg; break;
		case 'c': f.current = true; break;
		case 'f': f.from = optarg; break;
		case 't': f.to = optarg; break;
		case 'o': output = optarg; break;
		case 'h':
			cli_print_usage("export");
			return SR_OK;
		default:
			return cli_bad_option(err, argc, argv, "export", args);
		}
	}
	if (argc != optind || (f.current && (f.from || f.to)))
		return cli_usage(err, "export", args);
	if ((f.from && !valid_day(f.from)) || (f.to && !valid_day(f.to)))
		return sr_fail(err, SR_EINVAL,
			       "--from and --to take a date (YYYY-MM-DD)");
	if (f.from && f.to && strcmp(f.from, f.to) > 0)
		return sr_fail(err, SR_EINVAL, "--from %s is after --to %s",
			       f.from, f.to);
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		return err->status;
	if (output && !(out = open_output(output, &tmp, err))) {
		store_close(st);
		return err->status;
	}
	s = census_export(st, &f, out, &rows, err);
	if (output)
		s = close_output(out, tmp, output, s, err);
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

enum sr_status cmd_audit(struct cli *cli, int argc, char **argv,
			 struct sr_error *err)
{
	static const struct option opts[] = {
		{"stay", required_argument, NULL, 'i'},
		{"site", required_argument, NULL, 's'},
		{"mrn", required_argument, NULL, 'm'},
		{"since", required_argument, NULL, 'f'},
		{"by", required_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static const char args[] =
		"[--stay ID] [--site CODE] [--mrn MRN] [--since DATE] "
		"[--by USER]";
	struct audit_filter f = {0};
	struct store *st;
	enum sr_status s;
	char *end;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'i':
			f.stay = strtoll(optarg, &end, 10);
			if (*end || f.stay <= 0)
				return sr_fail(err, SR_EINVAL,
					       "--stay takes a stay number");
			break;
		case 's': f.site = optarg; break;
		case 'm': f.mrn = optarg; break;
		case 'f':
			if (!valid_day(optarg))
				return sr_fail(err, SR_EINVAL,
					       "--since takes a date "
					       "(YYYY-MM-DD)");
			f.since = optarg;
			break;
		case 'b': f.by = optarg; break;
		case 'h':
			cli_print_usage("audit");
			return SR_OK;
		default:
			return cli_bad_option(err, argc, argv, "audit", args);
		}
	}
	if (argc != optind)
		return cli_usage(err, "audit", args);
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		return err->status;
	s = store_audit_each(st, &f, print_audit, NULL, err);
	store_close(st);
	return s;
}
