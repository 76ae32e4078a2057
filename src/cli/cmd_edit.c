/* A ward coordinator's verbs: admit, set, discharge, mark, show. Each edit
 * goes through the edit module: checked, versioned and audited. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "sitrep/edit.h"
#include "sitrep/util.h"

/* Options every verb that names a stay shares. */
struct target {
	const char *site;
	int64_t stay;
	int64_t expect_version;
};

#define TARGET_OPTIONS                                           \
	{"site", required_argument, NULL, 's'},                  \
	{"stay", required_argument, NULL, 'i'},                  \
	{"expect-version", required_argument, NULL, 'v'},        \
	{"help", no_argument, NULL, 'h'}

static enum sr_status parse_count(const char *opt, const char *arg,
				  int64_t *out, struct sr_error *err)
{
	char *end;
	long long v = strtoll(arg, &end, 10);

	if (*arg == '\0' || *end || v <= 0)
		return sr_fail(err, SR_EINVAL, "%s takes a positive number",
			       opt);
	*out = v;
	return SR_OK;
}

/* Handles a target option; returns false if c is not one. */
static bool target_option(int c, struct target *t, enum sr_status *s,
			  struct sr_error *err)
{
	switch (c) {
	case 's':
		t->site = optarg;
		return true;
	case 'i':
		*s = parse_count("--stay", optarg, &t->stay, err);
		return true;
	case 'v':
		*s = parse_count("--expect-version", optarg,
				 &t->expect_version, err);
		return true;
	default:
		return false;
	}
}

/* Resolves the stay: --stay ID, or the MRN operand at argv[optind]. An
 * operand with '=' is a change, not an MRN: the patient was left out. */
static enum sr_status resolve(struct store *st, struct target *t, int argc,
			      char **argv, struct sr_error *err)
{
	if (t->stay)
		return SR_OK;
	if (optind >= argc || strchr(argv[optind], '='))
		return sr_fail(err, SR_EINVAL, "name the patient by MRN or "
			       "give --stay");
	return edit_find(st, t->site, argv[optind++], &t->stay, err);
}

static const struct {
	const char *alias;
	enum stay_field field;
} aliases[] = {
	{"g2g", SF_G2G_DATE},
	{"reason", SF_DELAY_REASON},
	{"agency", SF_DELAY_AGENCY},
	{"nhs", SF_NHS_NUMBER},
	{"admitted", SF_ADMITTED_AT},
	{"discharged", SF_DISCHARGED_AT},
};

static bool field_named(const char *name, enum stay_field *f)
{
	if (stay_field_parse(name, f))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(aliases); i++)
		if (strcasecmp(name, aliases[i].alias) == 0) {
			*f = aliases[i].field;
			return true;
		}
	return false;
}

/* Parses FIELD=VALUE operands into ch (which has room for argc). */
static enum sr_status parse_changes(int argc, char **argv, int from,
				    struct edit_change *ch, size_t *n,
				    struct sr_error *err)
{
	*n = 0;
	for (int i = from; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		char name[32];

		/* Never echo the argument: it may be an MRN or a name. */
		if (!eq || eq == argv[i])
			return sr_fail(err, SR_EINVAL,
				       "expected FIELD=VALUE, got an argument "
				       "without a field name (the patient is "
				       "named once: MRN or --stay)");
		if ((size_t)(eq - argv[i]) >= sizeof(name))
			return sr_fail(err, SR_EINVAL,
				       "unknown field (see sitrep(1))");
		memcpy(name, argv[i], (size_t)(eq - argv[i]));
		name[eq - argv[i]] = '\0';
		if (!field_named(name, &ch[*n].field))
			return sr_fail(err, SR_EINVAL,
				       "unknown field '%s' (see sitrep(1))",
				       name);
		ch[*n].value = eq + 1;
		(*n)++;
	}
	return SR_OK;
}

static void report_saved(const struct stay *s, size_t nchanged)
{
	if (nchanged)
		printf("stay %lld saved: version %lld, %zu field%s changed\n",
		       (long long)s->id, (long long)s->version, nchanged,
		       nchanged == 1 ? "" : "s");
	else
		printf("stay %lld unchanged: version %lld\n", (long long)s->id,
		       (long long)s->version);
}

/* Refuses to discharge a stay that has been discharged already (the MRN
 * finds the latest stay once none is current, and "now" would silently move
 * its discharge time); --at corrects the time on purpose. The edit is then
 * made against the version checked here. */
static enum sr_status check_in_bed(struct store *st, struct target *t,
				   struct sr_error *err)
{
	struct stay cur = {0};
	enum sr_status s = store_stay_get(st, t->stay, &cur, err);

	if (s == SR_OK && cur.v[SF_DISCHARGED_AT])
		s = sr_fail(err, SR_EINVAL,
			    "stay %lld was discharged at %s already: give "
			    "--at to correct the time", (long long)cur.id,
			    cur.v[SF_DISCHARGED_AT]);
	else if (s == SR_OK && !t->expect_version)
		t->expect_version = cur.version;
	stay_clear(&cur);
	return s;
}

/* Runs one edit of the stay the target names, with the config and store
 * opened around it. */
static enum sr_status run_edit(struct cli *cli, struct target *t, int argc,
			       char **argv, const struct edit_change *fixed,
			       size_t nfixed, bool operands_are_changes,
			       bool in_bed_only, struct sr_error *err)
{
	struct store_actor who = {.by = util_login_name()};
	struct edit_clock clock = edit_clock_now();
	struct edit_change *ch;
	struct stay saved = {0};
	struct config *cfg;
	struct store *st;
	size_t n = 0, nchanged = 0;
	char stamp[20];
	enum sr_status s;

	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	s = resolve(st, t, argc, argv, err);
	ch = xcalloc((size_t)argc + nfixed + 1, sizeof(*ch));
	if (nfixed) /* memcpy from NULL is undefined even for 0 bytes */
		memcpy(ch, fixed, nfixed * sizeof(*ch));
	if (s == SR_OK && operands_are_changes) {
		s = parse_changes(argc, argv, optind, ch + nfixed, &n, err);
		if (s == SR_OK && n + nfixed == 0)
			s = sr_fail(err, SR_EINVAL,
				    "nothing to change: give FIELD=VALUE");
	} else if (s == SR_OK && optind < argc) {
		/* Not echoed: it may be a second MRN or a name. */
		s = sr_fail(err, SR_EINVAL, "unexpected argument after the "
			    "patient: name one patient, by MRN or --stay");
	}
	if (s == SR_OK && in_bed_only)
		s = check_in_bed(st, t, err);
	edit_stamp(stamp);
	who.at = stamp;
	if (s == SR_OK)
		s = edit_apply(st, cfg, t->stay, t->expect_version, ch,
			       n + nfixed, &clock, &who, &saved, &nchanged,
			       NULL, err);
	if (s == SR_OK)
		report_saved(&saved, nchanged);
	stay_clear(&saved);
	free(ch);
	store_close(st);
	config_free(cfg);
	return s;
}

enum sr_status cmd_set(struct cli *cli, int argc, char **argv,
		       struct sr_error *err)
{
	static const struct option opts[] = {TARGET_OPTIONS, {NULL, 0, NULL, 0}};
	static const char args[] =
		"[--site CODE | --stay ID] [--expect-version N] [MRN] "
		"FIELD=VALUE...";
	struct target t = {0};
	enum sr_status s = SR_OK;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		if (c == 'h') {
			cli_print_usage("set");
			return SR_OK;
		}
		if (!target_option(c, &t, &s, err))
			return cli_bad_option(err, argc, argv, "set", args);
		if (s != SR_OK)
			return s;
	}
	return run_edit(cli, &t, argc, argv, NULL, 0, true, false, err);
}

enum sr_status cmd_discharge(struct cli *cli, int argc, char **argv,
			     struct sr_error *err)
{
	static const struct option opts[] = {
		TARGET_OPTIONS,
		{"at", required_argument, NULL, 'a'},
		{"destination", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	static const char args[] =
		"[--site CODE | --stay ID] [--expect-version N] [--at TIME] "
		"[--destination TEXT] [MRN]";
	struct edit_change ch[2] = {
		{SF_DISCHARGED_AT, "now"},
		{SF_DESTINATION, NULL},
	};
	struct target t = {0};
	enum sr_status s = SR_OK;
	bool at_given = false;
	size_t n = 1;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		if (c == 'h') {
			cli_print_usage("discharge");
			return SR_OK;
		} else if (c == 'a') {
			ch[0].value = optarg;
			at_given = true;
		} else if (c == 'd') {
			ch[1].value = optarg;
			n = 2;
		} else if (!target_option(c, &t, &s, err)) {
			return cli_bad_option(err, argc, argv, "discharge",
					      args);
		}
		if (s != SR_OK)
			return s;
	}
	return run_edit(cli, &t, argc, argv, ch, n, false, !at_given, err);
}

/* The key of a new stay comes from the options only: a FIELD=VALUE for it
 * would silently override them. */
static enum sr_status admit_operands(const struct edit_change *ch, size_t n,
				     struct sr_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *opt = ch[i].field == SF_SITE ? "--site" :
				  ch[i].field == SF_MRN ? "--mrn" :
				  ch[i].field == SF_ADMITTED_AT ? "--at" : NULL;

		if (opt)
			return sr_fail(err, SR_EINVAL,
				       "%s: give it with %s",
				       stay_field_name(ch[i].field), opt);
	}
	return SR_OK;
}

enum sr_status cmd_admit(struct cli *cli, int argc, char **argv,
			 struct sr_error *err)
{
	static const struct option opts[] = {
		{"site", required_argument, NULL, 's'},
		{"mrn", required_argument, NULL, 'm'},
		{"at", required_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static const char args[] =
		"--site CODE --mrn MRN [--at TIME] [FIELD=VALUE...]";
	struct store_actor who = {.by = util_login_name()};
	struct edit_clock clock = edit_clock_now();
	struct edit_change *ch;
	struct stay saved = {0};
	const char *site = NULL, *mrn = NULL, *at = "now";
	struct config *cfg;
	struct store *st;
	char stamp[20];
	size_t n;
	enum sr_status s;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 's': site = optarg; break;
		case 'm': mrn = optarg; break;
		case 'a': at = optarg; break;
		case 'h':
			cli_print_usage("admit");
			return SR_OK;
		default:
			return cli_bad_option(err, argc, argv, "admit", args);
		}
	}
	if (!site || !mrn)
		return cli_usage(err, "admit", args);
	ch = xcalloc((size_t)argc + 3, sizeof(*ch));
	ch[0] = (struct edit_change){SF_SITE, site};
	ch[1] = (struct edit_change){SF_MRN, mrn};
	ch[2] = (struct edit_change){SF_ADMITTED_AT, at};
	if ((s = parse_changes(argc, argv, optind, ch + 3, &n, err)) != SR_OK ||
	    (s = admit_operands(ch + 3, n, err)) != SR_OK ||
	    (s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK) {
		free(ch);
		return s;
	}
	edit_stamp(stamp);
	who.at = stamp;
	s = edit_admit(st, cfg, ch, n + 3, &clock, &who, &saved, NULL, err);
	if (s == SR_OK)
		printf("stay %lld admitted: version 1\n", (long long)saved.id);
	stay_clear(&saved);
	free(ch);
	store_close(st);
	config_free(cfg);
	return s;
}

enum sr_status cmd_mark(struct cli *cli, int argc, char **argv,
			struct sr_error *err)
{
	/* The target options but --expect-version: a day mark is not part
	 * of the versioned stay. */
	static const struct option opts[] = {
		{"site", required_argument, NULL, 's'},
		{"stay", required_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},
		{"day", required_argument, NULL, 'd'},
		{"reason", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	static const char args[] =
		"[--site CODE | --stay ID] [--day DATE] [--reason CODE] [MRN] "
		"red|green|clear";
	struct store_actor who = {.by = util_login_name()};
	struct edit_clock clock = edit_clock_now();
	const char *day_arg = "today", *reason = NULL, *colour;
	struct target t = {0};
	struct config *cfg;
	struct store *st;
	char stamp[20], d[DATE_BUF];
	enum sr_status s = SR_OK;
	sr_day day;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		if (c == 'h') {
			cli_print_usage("mark");
			return SR_OK;
		} else if (c == 'd') {
			day_arg = optarg;
		} else if (c == 'r') {
			reason = optarg;
		} else if (!target_option(c, &t, &s, err)) {
			return cli_bad_option(err, argc, argv, "mark", args);
		}
		if (s != SR_OK)
			return s;
	}
	if (optind >= argc)
		return cli_usage(err, "mark", args);
	colour = argv[--argc];
	if (strcmp(colour, "clear") == 0)
		colour = NULL;
	else if (!day_mark_parse(colour, &(enum day_mark){DAY_MARK_GREEN}))
		return cli_usage(err, "mark", args);
	if (!date_parse_relative(day_arg, clock.today, &day))
		return sr_fail(err, SR_EINVAL,
			       "--day takes a date: YYYY-MM-DD, today, "
			       "yesterday or -N");
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	s = resolve(st, &t, argc, argv, err);
	if (s == SR_OK && optind < argc)
		s = sr_fail(err, SR_EINVAL, "unexpected argument after the "
			    "patient: name one patient, by MRN or --stay");
	edit_stamp(stamp);
	who.at = stamp;
	if (s == SR_OK)
		s = edit_mark(st, cfg, t.stay, day, colour, reason, &clock,
			      &who, err);
	if (s == SR_OK) {
		date_format(day, d);
		printf("stay %lld: %s %s\n", (long long)t.stay, d,
		       colour ? colour : "cleared");
	}
	store_close(st);
	config_free(cfg);
	return s;
}

static void show_stay(struct store *st, const struct stay *s, sr_day today)
{
	char d[DATE_BUF], *colour = NULL, *reason = NULL;
	struct sr_error e;
	int los = stay_los(s, today), delay = stay_delay_days(s, today);

	printf("stay: %lld\nversion: %lld\n", (long long)s->id,
	       (long long)s->version);
	for (int f = 0; f < SF_COUNT; f++) {
		printf("%s: ", stay_field_name((enum stay_field)f));
		if (f == SF_NHS_NUMBER && s->v[f]) {
			char nhs[13];

			nhs_number_format(s->v[f], nhs);
			fputs(nhs, stdout);
		} else {
			cli_put_safe(stdout, s->v[f]);
		}
		putchar('\n');
	}
	if (los >= 0)
		printf("los: %d\n", los);
	if (delay >= 0)
		printf("delay_days: %d\n", delay);
	date_format(today, d);
	if (store_day_mark_get(st, s->id, d, &colour, &reason, &e) == SR_OK &&
	    colour)
		printf("today: %s%s%s\n", colour, reason ? ": " : "",
		       reason ? reason : "");
	free(colour);
	free(reason);
}

enum sr_status cmd_show(struct cli *cli, int argc, char **argv,
			struct sr_error *err)
{
	/* The target options but --expect-version: show changes nothing. */
	static const struct option opts[] = {
		{"site", required_argument, NULL, 's'},
		{"stay", required_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static const char args[] = "[--site CODE | --stay ID] [MRN]";
	struct target t = {0};
	struct stay s = {0};
	struct store *st;
	enum sr_status status = SR_OK;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		if (c == 'h') {
			cli_print_usage("show");
			return SR_OK;
		}
		if (!target_option(c, &t, &status, err))
			return cli_bad_option(err, argc, argv, "show", args);
		if (status != SR_OK)
			return status;
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		return err->status;
	status = resolve(st, &t, argc, argv, err);
	if (status == SR_OK && optind < argc)
		status = cli_usage(err, "show", args);
	if (status == SR_OK)
		status = store_stay_get(st, t.stay, &s, err);
	if (status == SR_OK)
		show_stay(st, &s, date_today());
	stay_clear(&s);
	store_close(st);
	return status;
}
