/* sitrep blocker: what a patient waits for (DESIGN §2): add one, change
 * or reassign it, close or reopen it, and list them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "target.h"
#include "sitrep/csv.h"
#include "sitrep/util.h"

enum list_format { LF_TEXT, LF_CSV, LF_JSON };

/* A blocker id operand. */
static enum sr_status blocker_id(const struct cmd_args *args, const char *s,
				 int64_t *id, struct sr_error *err)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s < '0' || *s > '9' || *end || v <= 0)
		return cmd_usage(err, args->entry,
				 "a blocker is named by its number (sitrep "
				 "blocker list shows them)");
	*id = v;
	return SR_OK;
}

static enum sr_status version_opt(const struct cmd_args *args, int64_t *v,
				  struct sr_error *err)
{
	const char *s = cmd_arg(args, "expect-version");
	char *end;

	*v = 0;
	if (!s)
		return SR_OK;
	*v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || *v <= 0)
		return cmd_usage(err, args->entry,
				 "--expect-version takes a version number");
	return SR_OK;
}

static enum sr_status add(struct cli *cli, struct cmd_args *args,
			  struct sr_error *err)
{
	struct edit_blocker in = {
		.agency = cmd_arg(args, "agency"),
		.owner = cmd_arg(args, "owner"),
		.due = cmd_arg(args, "due"),
		.note = cmd_arg(args, "note"),
		.from = cmd_arg(args, "from"),
		.primary = cmd_arg(args, "primary") != NULL,
	};
	struct target t = {0};
	struct edit_ctx ctx;
	struct config *cfg;
	struct store *st;
	enum sr_status s;
	int64_t id = 0;
	int next = 1;

	if ((s = target_parse(args, &t, false, err)) != SR_OK)
		return s;
	if (args->argc < 2)
		return cmd_usage(err, args->entry, "name the patient and the "
				 "blocker's code");
	in.code = args->argv[args->argc - 1];
	args->argc--;
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	edit_ctx_init(&ctx, st, cfg);
	s = target_resolve(&ctx, &t, args, &next, err);
	if (s == SR_OK && next < args->argc)
		s = cmd_usage(err, args->entry, "name one patient, by MRN or "
			      "--stay, then the code");
	if (s == SR_OK)
		s = edit_blocker_add(&ctx, t.stay, &in, &id, err);
	if (s == SR_OK)
		printf("blocker %lld opened (stay %lld)\n", (long long)id,
		       (long long)t.stay);
	store_close(st);
	config_free(cfg);
	return s;
}

/* change, assign, close: one change of one blocker. */
static enum sr_status change(struct cli *cli, struct cmd_args *args,
			     const char *verb, struct sr_error *err)
{
	struct edit_blocker_change c = {
		.owner = cmd_arg(args, "owner"),
		.due = cmd_arg(args, "due"),
		.note = cmd_arg(args, "note"),
		.agency = cmd_arg(args, "agency"),
		.primary = cmd_arg(args, "primary") != NULL,
	};
	struct edit_ctx ctx;
	struct config *cfg;
	struct store *st;
	enum sr_status s;
	int64_t id = 0;

	if ((s = version_opt(args, &c.expected_version, err)) != SR_OK)
		return s;
	if (strcmp(verb, "assign") == 0) {
		if (args->argc != 3)
			return cmd_usage(err, args->entry, "assign takes the "
					 "blocker's number and an owner "
					 "(none: unassigned)");
		c.owner = strcmp(args->argv[2], "none") ? args->argv[2] : "";
	} else if (args->argc != 2) {
		return cmd_usage(err, args->entry, "%s takes the blocker's "
				 "number", verb);
	}
	if (strcmp(verb, "close") == 0) {
		c.close = true;
		c.close_from = cmd_arg(args, "from");
	} else if (cmd_arg(args, "from")) {
		return cmd_usage(err, args->entry, "--from dates a close, a "
				 "reopening or a new blocker");
	}
	if (!c.close && !c.primary && !c.owner && !c.due && !c.note &&
	    !c.agency)
		return cmd_usage(err, args->entry, "say what changes: --owner, "
				 "--due, --note, --agency or --primary");
	if ((s = blocker_id(args, args->argv[1], &id, err)) != SR_OK)
		return s;
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	edit_ctx_init(&ctx, st, cfg);
	s = edit_blocker_change(&ctx, id, &c, err);
	if (s == SR_OK)
		printf("blocker %lld %s\n", (long long)id,
		       c.close ? "closed" : "changed");
	store_close(st);
	config_free(cfg);
	return s;
}

static enum sr_status reopen(struct cli *cli, struct cmd_args *args,
			     struct sr_error *err)
{
	struct edit_ctx ctx;
	struct config *cfg;
	struct store *st;
	enum sr_status s;
	int64_t id = 0, made = 0;

	if (args->argc != 2)
		return cmd_usage(err, args->entry, "reopen takes the blocker's "
				 "number");
	if ((s = blocker_id(args, args->argv[1], &id, err)) != SR_OK)
		return s;
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	edit_ctx_init(&ctx, st, cfg);
	s = edit_blocker_reopen(&ctx, id, cmd_arg(args, "from"), &made, err);
	if (s == SR_OK)
		printf("blocker %lld opened again as blocker %lld\n",
		       (long long)id, (long long)made);
	store_close(st);
	config_free(cfg);
	return s;
}

/* ---- list ---- */

struct list {
	struct store *st;
	const struct config *cfg;
	enum list_format format;
	const char *now;
	size_t n;
	enum sr_status s;
	struct sr_error *err;
};

#define LIST_COLUMNS                                                      \
	X("id") X("site") X("mrn") X("code") X("family") X("agency")      \
	X("owner") X("due") X("primary") X("opened_at") X("opened_by")    \
	X("closed_at") X("closed_by") X("note")
enum {
#define X(name) 1 +
	NLIST_COLUMNS = LIST_COLUMNS 0
#undef X
};
static const char *const list_heads[] = {
#define X(name) name,
	LIST_COLUMNS
#undef X
};

static bool put_blocker(const struct blocker *b, void *ctx)
{
	struct list *l = ctx;
	const struct reason_cfg *rc = config_delay_reason(l->cfg, b->code);
	const char *family = rc ? blocker_family_name(rc->family) : NULL;
	struct stay s = {0};
	char idbuf[24];
	int64_t primary = 0;
	const char *v[NLIST_COLUMNS];

	l->s = store_stay_get(l->st, b->stay, &s, l->err);
	if (l->s == SR_OK && !b->closed_at)
		l->s = store_blocker_primary(l->st, b->stay, l->now, &primary,
					     l->err);
	if (l->s != SR_OK) {
		stay_clear(&s);
		return false;
	}
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)b->id);
	{
		const char *row[NLIST_COLUMNS] = {
			idbuf, b->site, s.v[SF_MRN], b->code, family,
			b->agency, b->owner, b->due,
			primary == b->id ? "yes" : "no", b->opened_at,
			b->opened_by, b->closed_at, b->closed_by, b->note,
		};

		memcpy(v, row, sizeof(v));
	}
	if (l->format == LF_CSV) {
		for (int i = 0; i < NLIST_COLUMNS; i++) {
			if (i)
				putchar(',');
			csv_write_field(stdout, v[i]);
		}
		csv_end_record(stdout);
	} else if (l->format == LF_JSON) {
		fputs(l->n ? ",\n  {" : "  {", stdout);
		for (int i = 0; i < NLIST_COLUMNS; i++) {
			printf("%s\"%s\": ", i ? ", " : "", list_heads[i]);
			if (i == 0)
				fputs(idbuf, stdout);
			else if (i == 8)
				fputs(primary == b->id ? "true" : "false",
				      stdout);
			else
				cli_put_json(stdout, v[i]);
		}
		putchar('}');
	} else {
		printf("%-6s %-6s %-10s %-9s %-5s %-12s %-10s %s %.16s",
		       idbuf, b->site, b->code, family ? family : "-",
		       b->agency ? b->agency : "-",
		       b->owner ? b->owner : "-", b->due ? b->due : "-",
		       primary == b->id ? "*" : " ", b->opened_at);
		/* The MRN as stored, never raw on a terminal. */
		fputs("  ", stdout);
		cli_put_safe(stdout, s.v[SF_MRN]);
		if (b->closed_at)
			printf("  closed %.16s", b->closed_at);
		if (b->note) {
			fputs("  ", stdout);
			cli_put_safe(stdout, b->note);
		}
		putchar('\n');
	}
	l->n++;
	stay_clear(&s);
	return true;
}

static enum sr_status list(struct cli *cli, struct cmd_args *args,
			   struct sr_error *err)
{
	const char *format = cmd_arg(args, "format");
	struct blocker_filter f = {
		.site = cmd_arg(args, "site"),
		.owner = cmd_arg(args, "owner"),
		.open_only = cmd_arg(args, "all") == NULL,
	};
	struct list l = {.format = LF_TEXT, .err = err};
	struct target t = {0};
	struct edit_ctx ctx;
	struct config *cfg;
	struct store *st;
	enum sr_status s;
	int next = 1;

	if (format && strcmp(format, "csv") == 0)
		l.format = LF_CSV;
	else if (format && strcmp(format, "json") == 0)
		l.format = LF_JSON;
	else if (format && strcmp(format, "text") != 0)
		return cmd_usage(err, args->entry, "--format is text, csv or "
				 "json");
	if ((s = target_parse(args, &t, false, err)) != SR_OK)
		return s;
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	edit_ctx_init(&ctx, st, cfg);
	if (t.stay || next < args->argc) {
		s = target_resolve(&ctx, &t, args, &next, err);
		f.stay = t.stay;
		f.site = NULL;
	}
	if (s == SR_OK && next < args->argc)
		s = cmd_usage(err, args->entry, "name one patient, by MRN or "
			      "--stay");
	if (s == SR_OK && f.owner && !config_owner(cfg, f.owner))
		s = sr_fail(err, SR_EINVAL, "--owner: no such owner in the "
			    "config");
	l.st = st;
	l.cfg = cfg;
	l.now = ctx.at;
	if (s == SR_OK && l.format == LF_CSV) {
		for (int i = 0; i < NLIST_COLUMNS; i++) {
			if (i)
				putchar(',');
			fputs(list_heads[i], stdout);
		}
		csv_end_record(stdout);
	} else if (s == SR_OK && l.format == LF_JSON) {
		fputs("{\"blockers\": [\n", stdout);
	}
	if (s == SR_OK)
		s = store_read_begin(st, err);
	if (s == SR_OK) {
		l.s = SR_OK;
		s = store_blockers_each(st, &f, put_blocker, &l, err);
		if (s == SR_OK)
			s = l.s;
		store_read_end(st);
	}
	if (s == SR_OK && l.format == LF_JSON)
		printf("%s]}\n", l.n ? "\n" : "");
	store_close(st);
	config_free(cfg);
	return s;
}

static enum sr_status cmd_blocker(struct cli *cli, struct cmd_args *args,
				  struct sr_error *err)
{
	const char *verb = args->argv[0];

	if (strcmp(verb, "add") == 0)
		return add(cli, args, err);
	if (strcmp(verb, "change") == 0 || strcmp(verb, "assign") == 0 ||
	    strcmp(verb, "close") == 0)
		return change(cli, args, verb, err);
	if (strcmp(verb, "reopen") == 0)
		return reopen(cli, args, err);
	if (strcmp(verb, "list") == 0)
		return list(cli, args, err);
	return cmd_usage(err, args->entry, "unknown blocker command");
}

static const struct cmd_option options[] = {
	TARGET_OPTIONS,
	{"agency", "AGENCY", "NHS, ASC or both (add: the code's own when it "
			     "has one)"},
	{"owner", "CODE", "who owns it: an owner of the config (list: theirs "
			  "only)"},
	{"due", "DATE", "when it should be done: YYYY-MM-DD, today, +N, a "
			"weekday"},
	{"note", "TEXT", "one line about it"},
	{"from", "TIME", "when it began or ended, if not now (a correction)"},
	{"primary", NULL, "it is the patient's delay reason from now on"},
	TARGET_VERSION_OPTION,
	{"all", NULL, "list: the closed ones too"},
	{"format", "FORMAT", "list: text (default), csv or json"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_blocker_entry = {
	.name = "blocker",
	.usage = "add [--site CODE | --stay ID] [--agency A] [--owner O] "
		 "[--due DATE] [--note TEXT] [--from TIME] [--primary] "
		 "[MRN] CODE\n"
		 "change [--owner O] [--due DATE] [--note TEXT] [--agency A] "
		 "[--primary] [--expect-version N] ID\n"
		 "assign [--expect-version N] ID OWNER|none\n"
		 "close [--from TIME] [--expect-version N] ID\n"
		 "reopen [--from TIME] ID\n"
		 "list [--site CODE | --stay ID] [--owner O] [--all] "
		 "[--format text|csv|json] [MRN]",
	.summary = "what a patient waits for: add, change, assign, close, "
		   "reopen, list",
	.options = options,
	.min_operands = 1,
	.max_operands = -1,
	.exec = cmd_blocker,
};
