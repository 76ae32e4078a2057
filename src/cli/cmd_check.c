/* sitrep check: the database against the rules and the config, for what
 * the rules did not always stop: a bed holding two current stays (from
 * before beds were checked), and stays in beds numbered beyond their
 * ward's configured count (saved with a warning). One line per problem,
 * naming stays by number, never by patient. */
#include <stdio.h>

#include "cmd.h"
#include "sitrep/stay.h"
#include "sitrep/util.h"

struct check {
	const struct config *cfg;
	size_t problems;
};

static void shared_bed(void *ctx, const char *site, const char *ward,
		       const char *bed, const char *ids)
{
	struct check *c = ctx;

	printf("%s/%s bed ", site, ward ? ward : "-");
	cli_put_safe(stdout, bed);
	printf(": taken by more than one stay (stays %s)\n", ids);
	c->problems++;
}

static bool beyond_count(const struct stay *s, void *ctx)
{
	struct check *c = ctx;
	int number = stay_bed_number(s->v[SF_BED]);
	int beds = stay_beds_configured(c->cfg, s);

	if (number < 0 || beds <= 0 || number <= beds)
		return true;
	printf("%s/%s bed ", s->v[SF_SITE], s->v[SF_WARD] ? s->v[SF_WARD] :
	       "-");
	cli_put_safe(stdout, s->v[SF_BED]);
	printf(": stay %lld is in a bed beyond the %d beds of %s %s\n",
	       (long long)s->id, beds, s->v[SF_WARD] ? "ward" : "site",
	       s->v[SF_WARD] ? s->v[SF_WARD] : s->v[SF_SITE]);
	c->problems++;
	return true;
}

static enum sr_status cmd_check(struct cli *cli, struct cmd_args *args,
				struct sr_error *err)
{
	struct stay_filter current = {.current = true};
	struct check c = {0};
	struct config *cfg;
	struct store *st;
	enum sr_status s;

	(void)args;
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return err->status;
	}
	c.cfg = cfg;
	s = store_beds_shared(st, shared_bed, &c, err);
	if (s == SR_OK)
		s = store_stay_each(st, &current, beyond_count, &c, err);
	store_close(st);
	config_free(cfg);
	if (s == SR_OK && c.problems)
		s = sr_fail(err, SR_EINVAL, "check: %zu problem%s found",
			    c.problems, c.problems == 1 ? "" : "s");
	else if (s == SR_OK)
		printf("no problems found\n");
	return s;
}

static const struct cmd_option options[] = {
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "",
	.summary = "check the stays against the config: shared beds, beds "
		   "beyond a ward",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_check,
};
