/* The stay a command names, FIELD=VALUE changes, and one edit run from
 * start to end: shared by set, discharge, mark, show and admit. Each edit
 * goes through the edit module: checked, versioned and audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "target.h"
#include "sitrep/util.h"

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

enum sr_status target_parse(const struct cmd_args *args, struct target *t,
			    bool versioned, struct sr_error *err)
{
	const char *stay = cmd_arg(args, "stay");
	const char *version = versioned ? cmd_arg(args, "expect-version") :
					  NULL;
	enum sr_status s = SR_OK;

	t->site = cmd_arg(args, "site");
	if (stay)
		s = parse_count("--stay", stay, &t->stay, err);
	if (s == SR_OK && version)
		s = parse_count("--expect-version", version,
				&t->expect_version, err);
	return s;
}

/* An operand with '=' is a change, not an MRN: the patient was left out. */
enum sr_status target_resolve(const struct edit_ctx *ctx, struct target *t,
			      const struct cmd_args *args, int *next,
			      struct sr_error *err)
{
	if (t->stay)
		return SR_OK;
	if (*next >= args->argc || strchr(args->argv[*next], '='))
		return sr_fail(err, SR_EINVAL, "name the patient by MRN or "
			       "give --stay");
	return edit_find(ctx, t->site, args->argv[(*next)++], &t->stay, err);
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

enum sr_status target_parse_changes(int argc, char **argv, int from,
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

static void report_saved(const struct stay *s, size_t nchanged,
			 const char *warning)
{
	if (*warning)
		fprintf(stderr, "sitrep: warning: %s\n", warning);
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

enum sr_status target_run_edit(struct cli *cli, struct target *t,
			       const struct cmd_args *args,
			       const struct edit_change *fixed, size_t nfixed,
			       bool operands_are_changes, bool in_bed_only,
			       struct sr_error *err)
{
	int argc = args->argc, next = 0;
	char **argv = args->argv;
	struct edit_result res = {0};
	struct edit_request rq;
	struct edit_ctx ctx;
	struct edit_change *ch;
	struct config *cfg;
	struct store *st;
	size_t n = 0;
	enum sr_status s;

	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	edit_ctx_init(&ctx, st, cfg);
	s = target_resolve(&ctx, t, args, &next, err);
	ch = xcalloc((size_t)argc + nfixed + 1, sizeof(*ch));
	if (nfixed) /* memcpy from NULL is undefined even for 0 bytes */
		memcpy(ch, fixed, nfixed * sizeof(*ch));
	if (s == SR_OK && operands_are_changes) {
		s = target_parse_changes(argc, argv, next, ch + nfixed, &n,
					 err);
		if (s == SR_OK && n + nfixed == 0)
			s = sr_fail(err, SR_EINVAL,
				    "nothing to change: give FIELD=VALUE");
	} else if (s == SR_OK && next < argc) {
		/* Not echoed: it may be a second MRN or a name. */
		s = sr_fail(err, SR_EINVAL, "unexpected argument after the "
			    "patient: name one patient, by MRN or --stay");
	}
	if (s == SR_OK && in_bed_only)
		s = check_in_bed(st, t, err);
	rq = (struct edit_request){t->stay, t->expect_version, ch, n + nfixed,
				   t->flags, t->from};
	if (s == SR_OK)
		s = edit_apply(&ctx, &rq, &res, err);
	if (s == SR_OK)
		report_saved(&res.saved, res.nchanged, res.warning);
	else if (res.discharged)
		snprintf(err->msg + strlen(err->msg),
			 sizeof(err->msg) - strlen(err->msg),
			 " (give --discharged-ok to change it)");
	edit_result_clear(&res);
	free(ch);
	store_close(st);
	config_free(cfg);
	return s;
}

