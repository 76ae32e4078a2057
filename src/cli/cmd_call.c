/* sitrep call: the daily call's agenda and what changed since the last
 * call (include/sitrep/call.h), as text, CSV or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/call.h"
#include "sitrep/csv.h"
#include "sitrep/stay.h"
#include "sitrep/util.h"

enum format { F_TEXT, F_CSV, F_JSON };

struct out {
	const struct config *cfg;
	const struct call *c;
	const struct call_filter *f;
	bool show_names;
};

/* Initials, or "Family, Given" with --show-names (NULL: no name). */
static void patient(const struct out *o, const struct call_item *it,
		    char *buf, size_t size)
{
	if (!it->given && !it->family) {
		buf[0] = '\0';
		return;
	}
	if (o->show_names)
		snprintf(buf, size, "%s%s%s", it->family ? it->family : "",
			 it->family && it->given ? ", " : "",
			 it->given ? it->given : "");
	else
		stay_initials(it->given, it->family, buf, size);
}

static const char *role_of(const struct out *o, const struct call_item *it)
{
	return it->role >= 0 && (size_t)it->role < o->cfg->nroles ?
		       o->cfg->roles[it->role] : NULL;
}

static const char *family_of(const struct out *o, const char *code)
{
	const struct reason_cfg *rc = code ? config_delay_reason(o->cfg, code)
					   : NULL;

	return rc ? blocker_family_name(rc->family) : NULL;
}

static const char *label_of(const struct out *o, const char *code)
{
	const struct reason_cfg *rc = code ? config_delay_reason(o->cfg, code)
					   : NULL;

	return rc ? rc->label : NULL;
}

/* The flags' names, space separated. */
static void flag_names(unsigned flags, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int r = 0; r < CALL_REASON_COUNT; r++)
		if (flags & (1u << r))
			at += (size_t)snprintf(buf + at, at < size ? size - at : 0,
					       "%s%s", at ? " " : "",
					       call_reason_name(
						       (enum call_reason)r));
}

/* ---- text ---- */

static void text_item(const struct out *o, size_t i,
		      const struct call_item *it)
{
	char who[128], where[64];
	const char *role = role_of(o, it), *label = label_of(o, it->code);

	patient(o, it, who, sizeof(who));
	snprintf(where, sizeof(where), "%s %s %s", it->site,
		 it->ward ? it->ward : "-", it->bed ? it->bed : "-");
	printf("%3zu. ", i + 1);
	cli_put_safe(stdout, where);
	fputs("  ", stdout);
	cli_put_safe(stdout, *who ? who : "?");
	if (o->show_names && it->mrn) {
		fputs(" (", stdout);
		cli_put_safe(stdout, it->mrn);
		fputs(")", stdout);
	}
	printf("  LOS %d", it->facts.los);
	if (it->facts.nctr)
		printf("  %s %d day%s", o->cfg->nctr_label,
		       it->facts.delay_days,
		       it->facts.delay_days == 1 ? "" : "s");
	if (it->edd)
		printf("  EDD %.10s", it->edd);
	printf("\n     %s", call_reason_label(it->reason));
	for (int r = it->reason + 1; r < CALL_REASON_COUNT; r++)
		if (it->flags & (1u << r))
			printf("; %s", call_reason_label((enum call_reason)r));
	putchar('\n');
	if (it->blocker) {
		printf("     waiting for %s", it->code);
		if (label) {
			fputs(" ", stdout);
			cli_put_safe(stdout, label);
		}
		if (it->agency)
			printf(" (%s)", it->agency);
		fputs("; owner ", stdout);
		cli_put_safe(stdout, it->owner ? it->owner : "none");
		printf("; due %s", it->due ? it->due : "none");
		if (it->facts.overdue_days >= 1)
			printf(", overdue %d day%s", it->facts.overdue_days,
			       it->facts.overdue_days == 1 ? "" : "s");
		if (it->facts.open_blockers > 1)
			printf("; %d open", it->facts.open_blockers);
		putchar('\n');
	} else {
		puts("     waiting for nothing named (no open blocker)");
	}
	if (role) {
		fputs("     escalated to ", stdout);
		cli_put_safe(stdout, role);
		putchar('\n');
	}
}

static void text_changes(const struct out *o)
{
	const struct call *c = o->c;

	printf("\nSince the last call (%.10s %.5s):\n", c->since,
	       c->since + 11);
	for (int k = 0; k < CALL_CHANGE_COUNT; k++) {
		bool any = false;

		printf("  %s: %zu\n", call_change_label((enum call_change_kind)k),
		       c->count[k]);
		for (size_t i = 0; i < c->nchanges; i++) {
			const struct call_change *ch = &c->changes[i];

			if (ch->kind != (enum call_change_kind)k)
				continue;
			any = true;
			printf("    %-8s stay %-8lld", ch->site,
			       (long long)ch->stay);
			if (o->show_names && ch->mrn) {
				fputs(" ", stdout);
				cli_put_safe(stdout, ch->mrn);
			}
			if (ch->at)
				printf("  %.10s %.5s", ch->at,
				       strlen(ch->at) > 11 ? ch->at + 11 : "");
			if (ch->what) {
				fputs("  ", stdout);
				cli_put_safe(stdout, ch->what);
			}
			if (ch->by) {
				fputs("  by ", stdout);
				cli_put_safe(stdout, ch->by);
			}
			putchar('\n');
		}
		(void)any;
	}
}

static void text_blockers(const struct out *o)
{
	const struct call_blocker_figures *fg = &o->c->blockers;
	const struct config *cfg = o->cfg;

	printf("\nBlockers open: %zu (overdue %zu)\n  by family:", fg->open,
	       fg->overdue);
	for (int f = 0; f <= FAMILY_COUNT; f++)
		if (f < FAMILY_COUNT || fg->by_family[f])
			printf("%s %s %zu", f ? "," : "",
			       f < FAMILY_COUNT ?
				       blocker_family_name((enum blocker_family)f) :
				       "other", fg->by_family[f]);
	fputs("\n  by agency:", stdout);
	for (int a = 0; a <= AGENCY_COUNT; a++)
		printf("%s %s %zu", a ? "," : "",
		       a < AGENCY_COUNT ? agency_code((enum agency)a) : "none",
		       fg->by_agency[a]);
	fputs("\n  by owner:", stdout);
	for (size_t i = 0; i <= cfg->nowners; i++) {
		printf("%s ", i ? "," : "");
		cli_put_safe(stdout, i < cfg->nowners ? cfg->owners[i].code
						      : "none");
		printf(" %zu", fg->by_owner[i]);
	}
	printf("\n  closed in the last 7 days: %zu", fg->closed_7d);
	if (fg->closed_7d)
		printf(", median %.1f days open", fg->median_days_to_close);
	putchar('\n');
}

static void text(const struct out *o)
{
	const struct call *c = o->c;
	size_t per[CALL_REASON_COUNT] = {0};

	printf("Daily call, %.10s %.5s", c->at, c->at + 11);
	if (o->f->site)
		printf(", site %s", o->f->site);
	if (o->f->owner) {
		fputs(", blockers owned by ", stdout);
		cli_put_safe(stdout, o->f->owner);
	}
	printf(": %zu patient%s to discuss of %zu in a bed\n", c->n,
	       c->n == 1 ? "" : "s", c->in_bed);
	for (size_t i = 0; i < c->n; i++)
		if (c->items[i].reason < CALL_REASON_COUNT)
			per[c->items[i].reason]++;
	for (int r = 0; r < CALL_REASON_COUNT; r++)
		if (per[r])
			printf("  %s: %zu\n",
			       call_reason_label((enum call_reason)r), per[r]);
	for (size_t i = 0; i < c->n; i++) {
		if (i == 0 || c->items[i].reason != c->items[i - 1].reason)
			printf("\n%s\n",
			       call_reason_label(c->items[i].reason));
		text_item(o, i, &c->items[i]);
	}
	text_blockers(o);
	text_changes(o);
}

/* ---- CSV and JSON ---- */

#define CSV_COLUMNS                                                       \
	X("rank") X("reason") X("flags") X("site") X("ward") X("bed")     \
	X("stay") X("patient") X("mrn") X("los") X("nctr")               \
	X("discharge_ready_date") X("delay_days") X("edd")               \
	X("open_blockers") X("blocker") X("code") X("family") X("agency") \
	X("owner") X("due") X("overdue_days") X("escalated_to")
static const char *const csv_heads[] = {
#define X(name) name,
	CSV_COLUMNS
#undef X
};

static void csv(const struct out *o)
{
	const struct call *c = o->c;

	for (size_t i = 0; i < ARRAY_SIZE(csv_heads); i++) {
		if (i)
			putchar(',');
		fputs(csv_heads[i], stdout);
	}
	csv_end_record(stdout);
	for (size_t i = 0; i < c->n; i++) {
		const struct call_item *it = &c->items[i];
		char rank[24], stay[24], los[16], delay[16], open[16],
			blocker[24], overdue[16], flags[160], who[128];
		const char *v[ARRAY_SIZE(csv_heads)];

		snprintf(rank, sizeof(rank), "%zu", i + 1);
		snprintf(stay, sizeof(stay), "%lld", (long long)it->stay);
		snprintf(los, sizeof(los), "%d", it->facts.los);
		snprintf(delay, sizeof(delay), "%d", it->facts.delay_days);
		snprintf(open, sizeof(open), "%d", it->facts.open_blockers);
		snprintf(blocker, sizeof(blocker), "%lld",
			 (long long)it->blocker);
		snprintf(overdue, sizeof(overdue), "%d",
			 it->facts.overdue_days);
		flag_names(it->flags, flags, sizeof(flags));
		patient(o, it, who, sizeof(who));
		{
			const char *row[] = {
				rank, call_reason_name(it->reason), flags,
				it->site, it->ward, it->bed, stay, who,
				o->show_names ? it->mrn : NULL, los,
				it->facts.nctr ? "yes" : "no", it->drd,
				it->facts.nctr ? delay : NULL,
				it->edd ? it->edd : NULL, open,
				it->blocker ? blocker : NULL, it->code,
				family_of(o, it->code), it->agency,
				it->owner, it->due,
				it->facts.overdue_days >= 1 ? overdue : NULL,
				role_of(o, it),
			};

			memcpy(v, row, sizeof(v));
		}
		for (size_t k = 0; k < ARRAY_SIZE(csv_heads); k++) {
			if (k)
				putchar(',');
			csv_write_field(stdout, v[k]);
		}
		csv_end_record(stdout);
	}
}

static void json_str(const char *key, const char *v, bool comma)
{
	printf("%s\"%s\": ", comma ? ", " : "", key);
	cli_put_json(stdout, v);
}

static void json_int(const char *key, long v, bool on, bool comma)
{
	printf("%s\"%s\": ", comma ? ", " : "", key);
	if (on)
		printf("%ld", v);
	else
		fputs("null", stdout);
}

static void json_blockers(const struct out *o)
{
	const struct call_blocker_figures *fg = &o->c->blockers;
	const struct config *cfg = o->cfg;

	fputs("  \"blockers\": {", stdout);
	json_int("open", (long)fg->open, true, false);
	json_int("overdue", (long)fg->overdue, true, true);
	fputs(", \"by_family\": {", stdout);
	for (int f = 0; f <= FAMILY_COUNT; f++)
		json_int(f < FAMILY_COUNT ?
				 blocker_family_name((enum blocker_family)f) :
				 "other",
			 (long)fg->by_family[f], true, f > 0);
	fputs("}, \"by_agency\": {", stdout);
	for (int a = 0; a <= AGENCY_COUNT; a++)
		json_int(a < AGENCY_COUNT ? agency_code((enum agency)a) : "none",
			 (long)fg->by_agency[a], true, a > 0);
	fputs("}, \"by_owner\": {", stdout);
	for (size_t i = 0; i <= cfg->nowners; i++) {
		printf("%s", i ? ", " : "");
		cli_put_json(stdout, i < cfg->nowners ? cfg->owners[i].code
						      : "none");
		printf(": %zu", fg->by_owner[i]);
	}
	putchar('}');
	json_int("closed_7d", (long)fg->closed_7d, true, true);
	fputs(", \"median_days_to_close\": ", stdout);
	if (fg->closed_7d)
		printf("%.1f", fg->median_days_to_close);
	else
		fputs("null", stdout);
	fputs("},\n", stdout);
}

static void json(const struct out *o)
{
	const struct call *c = o->c;
	char since[DATETIME_BUF], at[DATETIME_BUF];

	strlcpy_ok(since, c->since, sizeof(since));
	strlcpy_ok(at, c->at, sizeof(at));
	fputs("{\n  \"format\": \"sitrep-call\",\n  \"version\": 1,\n  ",
	      stdout);
	json_str("at", at, false);
	json_str("since", since, true);
	json_str("site", o->f->site, true);
	json_str("owner", o->f->owner, true);
	json_int("in_bed", (long)c->in_bed, true, true);
	fputs(",\n  \"agenda\": [", stdout);
	for (size_t i = 0; i < c->n; i++) {
		const struct call_item *it = &c->items[i];
		char who[128];

		patient(o, it, who, sizeof(who));
		printf("%s\n    {", i ? "," : "");
		json_int("rank", (long)i + 1, true, false);
		json_str("reason", call_reason_name(it->reason), true);
		fputs(", \"flags\": [", stdout);
		for (int r = 0, n = 0; r < CALL_REASON_COUNT; r++)
			if (it->flags & (1u << r))
				printf("%s\"%s\"", n++ ? ", " : "",
				       call_reason_name((enum call_reason)r));
		putchar(']');
		json_int("stay", (long)it->stay, true, true);
		json_str("site", it->site, true);
		json_str("ward", it->ward, true);
		json_str("bed", it->bed, true);
		json_str("patient", *who ? who : NULL, true);
		json_str("mrn", o->show_names ? it->mrn : NULL, true);
		json_int("los", it->facts.los, true, true);
		printf(", \"nctr\": %s", it->facts.nctr ? "true" : "false");
		json_str("discharge_ready_date", it->drd, true);
		json_int("delay_days", it->facts.delay_days, it->facts.nctr,
			 true);
		json_str("edd", it->edd, true);
		json_int("open_blockers", it->facts.open_blockers, true,
			 true);
		fputs(", \"blocker\": ", stdout);
		if (it->blocker) {
			printf("{\"id\": %lld, \"version\": %lld",
			       (long long)it->blocker,
			       (long long)it->blocker_version);
			json_str("code", it->code, true);
			json_str("family", family_of(o, it->code), true);
			json_str("agency", it->agency, true);
			json_str("owner", it->owner, true);
			json_str("due", it->due, true);
			json_int("overdue_days", it->facts.overdue_days,
				 it->facts.overdue_days >= 1, true);
			putchar('}');
		} else {
			fputs("null", stdout);
		}
		json_str("escalated_to", role_of(o, it), true);
		putchar('}');
	}
	fputs(c->n ? "\n  ],\n" : "],\n", stdout);
	json_blockers(o);
	fputs("  \"changes\": {\n    \"counts\": {", stdout);
	for (int k = 0; k < CALL_CHANGE_COUNT; k++)
		json_int(call_change_name((enum call_change_kind)k),
			 (long)c->count[k], true, k > 0);
	fputs("},\n    \"items\": [", stdout);
	for (size_t i = 0; i < c->nchanges; i++) {
		const struct call_change *ch = &c->changes[i];

		printf("%s\n      {", i ? "," : "");
		json_str("kind", call_change_name(ch->kind), false);
		json_int("stay", (long)ch->stay, true, true);
		json_str("site", ch->site, true);
		json_str("mrn", o->show_names ? ch->mrn : NULL, true);
		json_str("at", ch->at, true);
		json_str("what", ch->what, true);
		json_str("by", ch->by, true);
		putchar('}');
	}
	fputs(c->nchanges ? "\n    ]\n  }\n}\n" : "]\n  }\n}\n", stdout);
}

static enum sr_status cmd_call(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err)
{
	const char *format = cmd_arg(args, "format");
	const char *since_arg = cmd_arg(args, "since");
	struct call_filter f = {
		.site = cmd_arg(args, "site"),
		.owner = cmd_arg(args, "owner"),
	};
	enum format fmt = F_TEXT;
	char since[MOMENT_INSTANT_BUF];
	sr_minute now = datetime_now(), t;
	struct config *cfg;
	struct store *st;
	struct call c;
	enum sr_status s;

	if (format && strcmp(format, "csv") == 0)
		fmt = F_CSV;
	else if (format && strcmp(format, "json") == 0)
		fmt = F_JSON;
	else if (format && strcmp(format, "text") != 0)
		return cmd_usage(err, args->entry, "--format is text, csv or "
				 "json");
	if (since_arg) {
		char buf[DATETIME_BUF], why[160];
		enum date_read r = datetime_read(since_arg, &t);

		if (r != DATE_READ_OK) {
			date_read_explain(r, true, "", why, sizeof(why));
			return sr_fail(err, SR_EINVAL, "--since: %s: a date "
				       "and time, YYYY-MM-DDTHH:MM or "
				       "DD/MM/YYYY HH:MM", why);
		}
		if (t > now)
			return sr_fail(err, SR_EINVAL, "--since is after now");
		datetime_format(t, buf);
		snprintf(since, sizeof(since), "%s:00", buf);
	}
	if ((s = cli_open_synced(cli, &cfg, &st, err)) != SR_OK)
		return s;
	if (f.site && !config_site(cfg, f.site))
		s = sr_fail(err, SR_EINVAL, "--site: no site '%.32s' in the "
			    "config", f.site);
	else if (f.owner && !config_owner(cfg, f.owner))
		s = sr_fail(err, SR_EINVAL, "--owner: no owner '%.32s' in the "
			    "config", f.owner);
	else if (cmd_flag(args, "show-names"))
		s = cli_allow(cli, cfg, AA_IDENTIFIERS, err);
	if (s == SR_OK)
		s = call_build(st, cfg, now, since_arg ? since : NULL, &f, &c,
			       err);
	if (s == SR_OK) {
		struct out o = {cfg, &c, &f, cmd_flag(args, "show-names")};

		if (fmt == F_CSV)
			csv(&o);
		else if (fmt == F_JSON)
			json(&o);
		else
			text(&o);
		call_free(&c);
	}
	store_close(st);
	config_free(cfg);
	return s;
}

static const struct cmd_option options[] = {
	{"site", "CODE", "one site's patients only"},
	{"owner", "CODE", "the patients with an open blocker this owner "
			  "(of the config) owns, across all sites"},
	{"since", "TIME", "the last call, if not yesterday's at the call "
			  "time of the config"},
	{"format", "FORMAT", "text (default), csv (the agenda) or json"},
	{"show-names", NULL, "names and MRNs instead of initials"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_call_entry = {
	.name = "call",
	.usage = "[--site CODE] [--owner CODE] [--since TIME] "
		 "[--format text|csv|json] [--show-names]",
	.summary = "the daily call: patients to discuss, and what changed "
		   "since the last call",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_call,
};
