/* Helpers shared by the commands: finding and opening the config and the
 * database, and printing stored text safely on a terminal. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "sitrep/secure.h"
#include "sitrep/edit.h"
#include "sitrep/report.h"
#include "sitrep/text.h"
#include "sitrep/util.h"

struct config *cli_load_config(struct cli *cli, struct sr_error *err)
{
	char *path = config_find(cli->config_opt, err);
	struct config *cfg;

	if (!path)
		return NULL;
	cfg = config_load(path, err);
	free(path);
	/* A user the access list does not name may do nothing, not even
	 * read. */
	if (cfg && cli_allow(cli, cfg, AA_READ, err) != SR_OK) {
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

enum sr_status cli_allow_if_configured(struct cli *cli,
				      enum access_action action,
				      struct sr_error *err)
{
	struct sr_error none = {0};
	char *path = config_find(cli->config_opt, &none);
	struct config *cfg;
	enum sr_status s;

	if (!path)
		return SR_OK; /* no config: no access list */
	free(path);
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	s = cli_allow(cli, cfg, action, err);
	config_free(cfg);
	return s;
}

enum sr_status cli_allow(struct cli *cli, const struct config *cfg,
			 enum access_action action, struct sr_error *err)
{
	struct edit_ctx ctx;
	enum sr_status s;

	edit_ctx_init(&ctx, NULL, cfg);
	if ((s = edit_allow(&ctx, action, NULL, NULL, NULL, err)) != SR_EPERM)
		return s;
	/* Recorded in the audit trail, where the database can be opened. */
	struct sr_error e = {0};
	ctx.st = cli_open_store(cli, STORE_READ_WRITE, &e);
	edit_refusal_record(&ctx, 0, err);
	if (ctx.st)
		store_close(ctx.st);
	return s;
}

/* Creates the directories above path (for the default XDG location only),
 * private to the user. */
static void make_parents(const char *path)
{
	char *dir = xstrdup(path);

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			break;
		*p = '/';
	}
	free(dir);
}

struct store *cli_open_store(struct cli *cli, enum store_mode mode,
			     struct sr_error *err)
{
	char *path = store_default_path(cli->db_opt);
	struct store *st;

	if (mode == STORE_READ_WRITE && !cli->db_opt && !getenv("SITREP_DB") &&
	    secure_mode() == SECURE_USER)
		make_parents(path);
	st = store_open(path, mode, err);
	free(path);
	return st;
}

enum sr_status cli_open_synced(struct cli *cli, struct config **cfg,
			       struct store **st, struct sr_error *err)
{
	enum sr_status s;

	*st = NULL;
	*cfg = cli_load_config(cli, err);
	if (!*cfg)
		return err->status;
	*st = cli_open_store(cli, STORE_READ_WRITE, err);
	if (!*st) {
		config_free(*cfg);
		*cfg = NULL;
		return err->status;
	}
	s = store_sync_config(*st, *cfg, NULL, err);
	if (s != SR_OK) {
		store_close(*st);
		config_free(*cfg);
		*st = NULL;
		*cfg = NULL;
	}
	return s;
}

void cli_put_safe(FILE *f, const char *s)
{
	char *clean = text_clean(s, TEXT_ESCAPE);

	fputs(clean, f);
	free(clean);
}

bool cli_read_day(const char *s, char iso[DATE_BUF])
{
	sr_day d;

	if (date_read(s, &d) != DATE_READ_OK)
		return false;
	date_format(d, iso);
	return true;
}

void cli_put_message(FILE *f, const char *prefix, const char *msg)
{
	const char *p = msg;

	fputs(prefix, f);
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n), *shown = text_clean(line, TEXT_ESCAPE);

		fprintf(f, "%s\n", shown);
		free(shown);
		free(line);
		if (!nl)
			break;
		p = nl + 1;
	}
}

void cli_put_json(FILE *f, const char *s)
{
	if (s)
		report_json_string(f, s);
	else
		fputs("null", f);
}

enum sr_status cli_read_time(const char *opt, const char *arg, sr_minute *t,
			     struct sr_error *err)
{
	sr_minute now = datetime_now();
	char a[DATETIME_BUF], n[DATETIME_BUF], why[160];
	enum date_read r = datetime_read(arg, t);

	if (r != DATE_READ_OK) {
		date_read_explain(r, true, "", why, sizeof(why));
		return sr_fail(err, SR_EINVAL, "--%s: %s: a date and time, "
			       "YYYY-MM-DDTHH:MM or DD/MM/YYYY HH:MM", opt,
			       why);
	}
	if (*t > now) {
		datetime_format(*t, a);
		datetime_format(now, n);
		return sr_fail(err, SR_EINVAL, "--%s %s is after now (%s)",
			       opt, a, n);
	}
	return SR_OK;
}

enum sr_status cli_read_day_opt(const char *opt, const char *arg, sr_day *out,
				struct sr_error *err)
{
	char iso[DATE_BUF];

	if (!cli_read_day(arg, iso) || !date_parse(iso, out))
		return sr_fail(err, SR_EINVAL, "--%s takes a day, YYYY-MM-DD",
			       opt);
	return SR_OK;
}

enum sr_status cli_read_format(const char *arg, enum report_format *out,
			       struct sr_error *err)
{
	*out = REPORT_TEXT;
	if (arg && !report_format_parse(arg, out))
		return sr_fail(err, SR_EINVAL, "--format takes text, csv or "
			       "json");
	return SR_OK;
}

static enum sr_status report_day(const char *arg, sr_day *day,
				 struct sr_error *err)
{
	sr_day today = date_today();
	char t[DATE_BUF], d[DATE_BUF];

	if (!arg) {
		*day = today;
		return SR_OK;
	}
	if (!date_parse_relative(arg, today, day))
		return sr_fail(err, SR_EINVAL, "--date takes a date: "
			       "YYYY-MM-DD, today, yesterday or -N");
	if (*day > today) {
		date_format(*day, d);
		date_format(today, t);
		return sr_fail(err, SR_EINVAL, "--date %s is after today (%s)",
			       d, t);
	}
	return SR_OK;
}

/* The moment the report is for: --at, else the day's (today: now; a past
 * day: its end); --as-known-at keeps only what was recorded by then. */
enum sr_status cli_read_moment(struct cmd_args *args, struct sr_moment *mo,
			       struct sr_error *err)
{
	const char *date_arg = cmd_arg(args, "date");
	const char *at = cmd_arg(args, "at");
	const char *known = cmd_arg(args, "as-known-at");
	enum sr_status s;
	sr_minute t;
	sr_day day;

	if ((s = report_day(date_arg, &day, err)) != SR_OK)
		return s;
	if (at) {
		if ((s = cli_read_time("at", at, &t, err)) != SR_OK)
			return s;
		if (date_arg && datetime_day(t) != day)
			return sr_fail(err, SR_EINVAL, "--at is not a time "
				       "of the --date day");
		moment_at(mo, t);
	} else {
		metrics_moment_of_day(mo, day);
	}
	if (known) {
		if ((s = cli_read_time("as-known-at", known, &t, err)) != SR_OK)
			return s;
		moment_known_at(mo, t);
	}
	return SR_OK;
}

FILE *cli_open_output(const char *path, char **tmp, struct sr_error *err)
{
	FILE *f;
	int fd;

	*tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	/* A path the user names: created with the user's own rights. */
	secure_user_rights();
	fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	secure_group_rights();
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

enum sr_status cli_close_output(FILE *f, const char *tmp, const char *path,
				   enum sr_status s, struct sr_error *err)
{
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		if (s == SR_OK)
			s = sr_fail(err, SR_EIO, "cannot write %s: %s", path,
				    strerror(errno));
	}
	fclose(f);
	secure_user_rights();
	if (s == SR_OK && rename(tmp, path) != 0)
		s = sr_fail(err, SR_EIO, "cannot rename %s to %s: %s", tmp,
			    path, strerror(errno));
	if (s != SR_OK)
		unlink(tmp);
	secure_group_rights();
	return s;
}
