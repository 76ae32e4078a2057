/* sitrep beds: the bed state of a moment (the base, beds closed,
 * escalation beds, available, occupied and free, per site and ward), and
 * the changes: beds closed, escalation beds opened, either ended. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/edit.h"
#include "sitrep/metrics.h"
#include "sitrep/util.h"

static void put_row(const char *name, int base, int closed, int escalation,
		    int occupied)
{
	int available = base - closed + escalation;

	printf("%-12s %6d %6d %6d %6d %6d %6d\n", name, base, closed,
	       escalation, available, occupied, available - occupied);
}

struct states {
	size_t n;
	const char *title; /* "In force", "Recorded" */
};

static bool put_state(void *ctx, const struct bed_state *b)
{
	struct states *s = ctx;

	if (!s->n++)
		printf("\n%s:\n", s->title);
	printf("  #%-5lld %-6s %-10s %3d %-10s %-10s from %.16s%s%.16s",
	       (long long)b->id, b->site, b->ward ? b->ward : "(site)",
	       b->count, b->escalation ? "escalation" : "closed",
	       b->reason ? b->reason : "-", b->from, b->to ? " to " : "",
	       b->to ? b->to : "");
	if (b->bed) {
		fputs(" bed ", stdout);
		cli_put_safe(stdout, b->bed);
	}
	if (b->note) {
		fputs("  ", stdout);
		cli_put_safe(stdout, b->note);
	}
	putchar('\n');
	return true;
}

static enum sr_status beds_show(struct cli *cli, struct cmd_args *args,
				const char *site, struct sr_error *err)
{
	struct config *cfg = cli_load_config(cli, err);
	struct system_metrics m;
	struct states n = {0, "In force"};
	struct sr_moment mo;
	struct store *st;
	enum sr_status s;
	char when[32];

	if (!cfg)
		return err->status;
	if ((s = cli_read_moment(args, &mo, err)) != SR_OK ||
	    !(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return s != SR_OK ? s : err->status;
	}
	s = metrics_compute_at(st, cfg, &mo, site, &m, err);
	if (s == SR_OK) {
		metrics_moment_short(&m, when, sizeof(when));
		printf("Beds %s\n%-12s %6s %6s %6s %6s %6s %6s\n", when,
		       "Site/ward", "Base", "Closed", "Escal", "Avail", "Occ",
		       "Free");
		for (size_t i = 0; i < m.nsites; i++) {
			const struct site_metrics *sm = &m.sites[i];

			put_row(sm->site->code, sm->c.beds, sm->c.closed,
				sm->c.escalation, sm->c.occupied);
			for (size_t k = 0; k < sm->nwards; k++) {
				const struct ward_beds *w = &sm->wards[k];
				char name[40];

				snprintf(name, sizeof(name), "  %s",
					 w->ward->code);
				put_row(name, w->beds, w->closed, w->escalation,
					w->occupied);
			}
		}
		if (!site)
			put_row("System", m.total.beds, m.total.closed,
				m.total.escalation, m.total.occupied);
		s = store_bed_states(st, mo.at, mo.known[0] ? mo.known : NULL,
				     site, 0, put_state, &n, err);
		metrics_free(&m);
	}
	store_close(st);
	config_free(cfg);
	return s;
}

static enum sr_status beds_history(struct cli *cli, const char *site,
				   struct sr_error *err)
{
	struct config *cfg = cli_load_config(cli, err);
	struct states n = {0, "Every closure and escalation recorded, with "
			      "its end as now known"};
	struct store *st;
	enum sr_status s;

	if (!cfg)
		return err->status;
	if (site && !config_site(cfg, site)) {
		config_free(cfg);
		return sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'", site);
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return err->status;
	}
	s = store_bed_states(st, NULL, NULL, site, 0, put_state, &n, err);
	if (s == SR_OK && !n.n)
		printf("No bed state recorded%s%s.\n", site ? " at " : "",
		       site ? site : "");
	store_close(st);
	config_free(cfg);
	return s;
}

/* SITE or SITE/WARD. */
static void split_place(const char *arg, char *site, size_t size,
			const char **ward)
{
	const char *slash = strchr(arg, '/');

	strlcpy_ok(site, arg, size);
	*ward = NULL;
	if (slash && (size_t)(slash - arg) < size) {
		site[slash - arg] = '\0';
		*ward = slash + 1;
	}
}

static enum sr_status beds_change(struct cli *cli, struct cmd_args *args,
				  bool escalation, int argc, char **argv,
				  struct sr_error *err)
{
	struct config *cfg = NULL;
	struct store *st = NULL;
	struct edit_beds in = {
		.bed = cmd_arg(args, "bed"),
		.reason = cmd_arg(args, "reason"),
		.note = cmd_arg(args, "note"),
		.from = cmd_arg(args, "from"),
		.to = cmd_arg(args, "to"),
		.count = argc > 1 ? argv[1] : NULL,
		.escalation = escalation,
	};
	struct edit_beds_clean clean;
	struct edit_ctx ctx;
	char site[64];
	int64_t id = 0;
	enum sr_status s;

	split_place(argv[0], site, sizeof(site), &in.ward);
	in.site = site;
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	/* Checked before the database is opened: a refusal writes nothing. */
	edit_ctx_init(&ctx, NULL, cfg);
	s = edit_beds_check(&ctx, &in, &clean, err);
	edit_beds_clean_free(&clean);
	if (s == SR_OK) {
		/* Loaded again with the store, synced. */
		config_free(cfg);
		cfg = NULL;
		s = cli_open_synced(cli, &cfg, &st, err);
	}
	if (s == SR_OK) {
		edit_ctx_init(&ctx, st, cfg);
		s = edit_beds_add(&ctx, &in, &id, err);
	}
	if (s == SR_OK)
		printf("#%lld: %s at %s%s%s recorded by %s at %s\n",
		       (long long)id, escalation ? "escalation beds open" :
		       "beds closed", site, in.ward ? "/" : "",
		       in.ward ? in.ward : "", ctx.by, ctx.at);
	store_close(st);
	config_free(cfg);
	return s;
}

static enum sr_status beds_end(struct cli *cli, const char *id_arg,
			       const char *at, struct sr_error *err)
{
	struct config *cfg = NULL;
	struct store *st = NULL;
	struct edit_ctx ctx;
	enum sr_status s;
	char *end;
	long long id = strtoll(id_arg, &end, 10);

	if (*end || id <= 0)
		return sr_fail(err, SR_EINVAL, "'%.20s' is not a bed state "
			       "number (as `sitrep beds` shows them, #N)",
			       id_arg);
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	edit_ctx_init(&ctx, st, cfg);
	s = edit_beds_end(&ctx, id, at, err);
	if (s == SR_OK)
		printf("#%lld ended, recorded by %s at %s\n", id, ctx.by,
		       ctx.at);
	store_close(st);
	config_free(cfg);
	return s;
}

static bool any(const struct cmd_args *args, const char *const *names)
{
	for (; *names; names++)
		if (cmd_arg(args, *names))
			return true;
	return false;
}

static enum sr_status cmd_beds(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err)
{
	static const char *const show_opts[] = {"date", "at", "as-known-at",
						NULL};
	static const char *const change_opts[] = {"reason", "bed", "note",
						  "from", "to", NULL};
	const char *verb = args->argc ? args->argv[0] : NULL;
	char **argv = args->argv + 1;
	int left = args->argc - 1;
	bool close, escalate;

	if (!verb || (strcmp(verb, "close") && strcmp(verb, "escalate") &&
		      strcmp(verb, "end") && strcmp(verb, "history"))) {
		if (args->argc > 1 || any(args, change_opts))
			return cmd_usage(err, args->entry, NULL);
		return beds_show(cli, args, verb, err);
	}
	close = strcmp(verb, "close") == 0;
	escalate = strcmp(verb, "escalate") == 0;
	if ((close || escalate) && left >= 1 && left <= 2 &&
	    !any(args, show_opts))
		return beds_change(cli, args, escalate, left, argv, err);
	if (strcmp(verb, "end") == 0 && left == 1 && !any(args, change_opts) &&
	    !cmd_arg(args, "date") && !cmd_arg(args, "as-known-at"))
		return beds_end(cli, argv[0], cmd_arg(args, "at"), err);
	if (strcmp(verb, "history") == 0 && left <= 1 && !any(args, show_opts)
	    && !any(args, change_opts))
		return beds_history(cli, left ? argv[0] : NULL, err);
	return cmd_usage(err, args->entry, NULL);
}

static const struct cmd_option options[] = {
	{"date", "DATE", "show: the day (today: now; a past day: its end)"},
	{"at", "TIME", "show: a moment of the day; end: when the state "
		       "ends (now when left out)"},
	{"as-known-at", "TIME", "show: only what had been recorded by TIME"},
	{"reason", "CODE", "why the beds are closed: one of the config's "
			   "bed_reasons"},
	{"bed", "BED", "close: one bed, by its label"},
	{"note", "TEXT", "a note (one line)"},
	{"from", "TIME", "when the beds closed or opened (now when left "
			 "out; may be earlier)"},
	{"to", "TIME", "a planned end (may be later than now)"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_beds_entry = {
	.name = "beds",
	.usage = "[SITE] [--date DATE] [--at TIME] [--as-known-at TIME]\n"
		 "close SITE[/WARD] [COUNT] --reason CODE [--bed BED] "
		 "[--from TIME] [--to TIME] [--note TEXT]\n"
		 "escalate SITE[/WARD] COUNT [--reason CODE] [--from TIME] "
		 "[--to TIME] [--note TEXT]\n"
		 "end N [--at TIME]\n"
		 "history [SITE]",
	.summary = "bed state: beds closed and escalation beds open, "
		   "available and free beds by site and ward",
	.options = options,
	.min_operands = 0,
	.max_operands = 3,
	.exec = cmd_beds,
};
