/* Unit tests for config_escalation() (src/config.c): the most senior role
 * any rule reaches, at and either side of every threshold of the example
 * config's rules, with both kinds of rule together, with no rules, and
 * with ties and rules out of order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sitrep/config.h"
#include "sitrep/util.h"

#include "config_test.h"

/* Roles of the example config (config/sitrep.yaml). */
enum { NONE = -1, HUB_LEAD, ASSOCIATE, DIRECTOR };

struct esc_case {
	int delay_days;         /* -1: not delayed */
	int overdue_days;       /* -1: no blocker overdue */
	int want;               /* role index, or NONE */
};

static void expect_roles(const struct config *cfg, const struct esc_case *c,
			 size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int got = config_escalation(cfg, c[i].delay_days,
					    c[i].overdue_days);

		if (got != c[i].want)
			fail_msg("delayed %d, overdue %d: role %d, expected "
				 "%d", c[i].delay_days, c[i].overdue_days,
				 got, c[i].want);
	}
}

static int setup_example(void **state)
{
	*state = load_source("config/sitrep.yaml");
	return 0;
}

static int teardown_config(void **state)
{
	config_free(*state);
	return 0;
}

/* delay_days 7, 14, 21 -> hub lead, associate director, director. */
static void test_delay_thresholds(void **state)
{
	static const struct esc_case cases[] = {
		{-1, -1, NONE},
		{0, -1, NONE},
		{1, -1, NONE},
		{6, -1, NONE},
		{7, -1, HUB_LEAD},
		{8, -1, HUB_LEAD},
		{13, -1, HUB_LEAD},
		{14, -1, ASSOCIATE},
		{15, -1, ASSOCIATE},
		{20, -1, ASSOCIATE},
		{21, -1, DIRECTOR},
		{22, -1, DIRECTOR},
		{365, -1, DIRECTOR},
		{100000, -1, DIRECTOR},
	};
	const struct config *cfg = *state;

	assert_string_equal(cfg->roles[HUB_LEAD], "Discharge hub lead");
	assert_string_equal(cfg->roles[ASSOCIATE], "Associate director");
	assert_string_equal(cfg->roles[DIRECTOR], "Director");
	expect_roles(cfg, cases, ARRAY_SIZE(cases));
}

/* overdue_days 2, 5 -> hub lead, associate director; no further. */
static void test_overdue_thresholds(void **state)
{
	static const struct esc_case cases[] = {
		{-1, -1, NONE},
		{-1, 0, NONE},
		{-1, 1, NONE},
		{-1, 2, HUB_LEAD},
		{-1, 3, HUB_LEAD},
		{-1, 4, HUB_LEAD},
		{-1, 5, ASSOCIATE},
		{-1, 6, ASSOCIATE},
		{-1, 100, ASSOCIATE},
		/* Not yet delayed, or delayed less than a week: the overdue
		 * blocker alone escalates. */
		{0, 2, HUB_LEAD},
		{6, 5, ASSOCIATE},
	};

	expect_roles(*state, cases, ARRAY_SIZE(cases));
}

/* Both kinds: the more senior of the two wins. */
static void test_both_kinds(void **state)
{
	static const struct esc_case cases[] = {
		{6, 1, NONE},
		{7, 1, HUB_LEAD},
		{6, 2, HUB_LEAD},
		{7, 2, HUB_LEAD},
		{13, 4, HUB_LEAD},
		{13, 5, ASSOCIATE},
		{14, 4, ASSOCIATE},
		{14, 5, ASSOCIATE},
		{20, 100, ASSOCIATE},
		{21, 0, DIRECTOR},
		{21, 5, DIRECTOR},
		{8, 5, ASSOCIATE},
	};

	expect_roles(*state, cases, ARRAY_SIZE(cases));
}

/* No escalation key: nobody is escalated, whatever the delay. */
static void test_no_rules(void **state)
{
	static const struct esc_case cases[] = {
		{-1, -1, NONE}, {0, 0, NONE}, {7, 2, NONE}, {21, 5, NONE},
		{100000, 100000, NONE},
	};
	struct config *cfg = load_text(SYSTEM SITES);

	(void)state;
	assert_int_equal(cfg->nescalations, 0);
	expect_roles(cfg, cases, ARRAY_SIZE(cases));
	config_free(cfg);
}

/* Two rules at the same threshold: the more senior role, whichever is
 * listed first. A less senior role at a higher threshold never takes a
 * patient back down. Rules at 0 days fire from the first day, and never
 * for -1. */
static void test_ties_and_order(void **state)
{
	static const struct esc_case cases[] = {
		{-1, -1, NONE},
		{0, -1, HUB_LEAD},
		{2, -1, HUB_LEAD},
		{3, -1, DIRECTOR},
		{7, -1, DIRECTOR},
		{10, -1, DIRECTOR},
		{-1, 0, NONE},
		{-1, 1, NONE},
		{-1, 3, DIRECTOR},
		{-1, 4, DIRECTOR},
		{0, 3, DIRECTOR},
	};
	struct config *cfg = load_text(SYSTEM
		"escalation:\n"
		"  roles: [Discharge hub lead, Associate director, Director]\n"
		"  rules:\n"
		"    - { delay_days: 10, to: Discharge hub lead }\n"
		"    - { delay_days: 3, to: Director }\n"
		"    - { delay_days: 0, to: Discharge hub lead }\n"
		"    - { overdue_days: 3, to: Director }\n"
		"    - { overdue_days: 3, to: Associate director }\n"
		"    - { overdue_days: 3, to: Discharge hub lead }\n" SITES);

	(void)state;
	expect_roles(cfg, cases, ARRAY_SIZE(cases));
	config_free(cfg);
}

/* A config built by hand: a rule at a negative threshold (the loader
 * refuses one) still does not fire for "not delayed". */
static void test_not_delayed_never_escalates(void **state)
{
	struct escalation_cfg rules[] = {
		{ESCALATE_DELAY_DAYS, -5, 0},
		{ESCALATE_OVERDUE_DAYS, -5, 1},
	};
	char *roles[] = {(char *)"Lead", (char *)"Director"};
	struct config cfg = {.roles = roles, .nroles = 2,
			     .escalations = rules, .nescalations = 2};

	(void)state;
	assert_int_equal(config_escalation(&cfg, -1, -1), NONE);
	assert_int_equal(config_escalation(&cfg, 0, -1), 0);
	assert_int_equal(config_escalation(&cfg, -1, 0), 1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_delay_thresholds,
						setup_example,
						teardown_config),
		cmocka_unit_test_setup_teardown(test_overdue_thresholds,
						setup_example,
						teardown_config),
		cmocka_unit_test_setup_teardown(test_both_kinds,
						setup_example,
						teardown_config),
		cmocka_unit_test(test_no_rules),
		cmocka_unit_test(test_ties_and_order),
		cmocka_unit_test(test_not_delayed_never_escalates),
	};

	return cmocka_run_group_tests_name("escalation", tests, NULL, NULL);
}
