/* Unit tests for the rules of the daily call (call_flags, call_first,
 * call_last in src/call.c), on the example config (config/sitrep.yaml:
 * super-stranded at 21 days; escalation at 7, 14, 21 days delayed and 2,
 * 5 days overdue; the call at 08:30): each rule at and either side of its
 * threshold, and the order the agenda takes the reasons in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sitrep/call.h"
#include "sitrep/util.h"

#include "config_test.h"

#define F(r) (1u << (r))

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

/* A patient in a bed 3 days, meeting the criteria to reside, an EDD not
 * passed, no blocker: nothing to discuss. */
static struct call_facts plain(void)
{
	struct call_facts f = {
		.los = 3, .nctr = false, .delay_days = -1, .edd_passed = false,
		.open_blockers = 0, .overdue_days = -1, .was_nctr = false,
	};

	return f;
}

static unsigned flags_of(const struct config *cfg, struct call_facts f,
			 int *role)
{
	int r;
	unsigned got = call_flags(cfg, &f, role ? role : &r);

	return got;
}

static void test_nothing(void **state)
{
	int role;

	assert_int_equal(flags_of(*state, plain(), &role), 0);
	assert_int_equal(role, -1);
	assert_int_equal(call_first(0), CALL_REASON_COUNT);
}

/* NCTR: new when not NCTR at the last call; with no open blocker it waits
 * for nothing named. */
static void test_nctr(void **state)
{
	struct call_facts f = plain();
	int role;

	f.nctr = true;
	f.delay_days = 0;
	assert_int_equal(flags_of(*state, f, &role),
			 F(CALL_NEW_NCTR) | F(CALL_NO_BLOCKER));
	f.was_nctr = true;
	assert_int_equal(flags_of(*state, f, &role), F(CALL_NO_BLOCKER));
	f.open_blockers = 1;
	assert_int_equal(flags_of(*state, f, &role), 0);
	assert_int_equal(role, -1);
}

/* Escalation by days delayed: 6 none, 7 hub lead, 13, 14 associate
 * director, 20, 21 director; a patient not NCTR is never escalated by
 * its (meaningless) delay days. */
static void test_escalation_delay(void **state)
{
	static const struct {
		int days, role;
	} cases[] = {{0, -1}, {6, -1}, {7, 0}, {8, 0}, {13, 0}, {14, 1},
		     {15, 1}, {20, 1}, {21, 2}, {22, 2}, {400, 2}};
	struct call_facts f = plain();
	int role;

	f.nctr = true;
	f.was_nctr = true;
	f.open_blockers = 1;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned got;

		f.delay_days = cases[i].days;
		got = flags_of(*state, f, &role);
		if (role != cases[i].role)
			fail_msg("delayed %d days: role %d, expected %d",
				 cases[i].days, role, cases[i].role);
		assert_int_equal(got, cases[i].role >= 0 ?
					      F(CALL_ESCALATED) : 0u);
	}
	f.nctr = false;
	f.delay_days = 30;
	assert_int_equal(flags_of(*state, f, &role), 0);
	assert_int_equal(role, -1);
}

/* Overdue: a blocker due before today (1 day overdue) is overdue, one due
 * today is not; escalated at 2 and 5 days overdue. */
static void test_overdue(void **state)
{
	static const struct {
		int overdue, role;
		bool flagged;
	} cases[] = {{-1, -1, false}, {0, -1, false}, {1, -1, true},
		     {2, 0, true}, {4, 0, true}, {5, 1, true}, {30, 1, true}};
	struct call_facts f = plain();
	int role;

	f.open_blockers = 2;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned got, want = 0;

		f.overdue_days = cases[i].overdue;
		got = flags_of(*state, f, &role);
		if (cases[i].flagged)
			want |= F(CALL_OVERDUE);
		if (cases[i].role >= 0)
			want |= F(CALL_ESCALATED);
		if (got != want || role != cases[i].role)
			fail_msg("%d days overdue: flags %#x role %d, "
				 "expected %#x role %d", cases[i].overdue,
				 got, role, want, cases[i].role);
	}
	/* Both rules: the more senior role. */
	f.nctr = true;
	f.was_nctr = true;
	f.delay_days = 14;
	f.overdue_days = 2;
	flags_of(*state, f, &role);
	assert_int_equal(role, 1);
}

/* Super-stranded from 21 midnights; an EDD passed flags only a patient
 * with no open blocker. */
static void test_stranded_and_edd(void **state)
{
	struct call_facts f = plain();

	f.los = 20;
	assert_int_equal(flags_of(*state, f, NULL), 0);
	f.los = 21;
	assert_int_equal(flags_of(*state, f, NULL), F(CALL_SUPER_STRANDED));
	f.los = 3;
	f.edd_passed = true;
	assert_int_equal(flags_of(*state, f, NULL), F(CALL_EDD_PASSED));
	f.open_blockers = 1;
	assert_int_equal(flags_of(*state, f, NULL), 0);
}

/* The agenda takes a patient under the first reason, in the call's
 * order. */
static void test_order(void **state)
{
	struct call_facts f = plain();
	unsigned all;

	(void)state;
	assert_int_equal(call_first(F(CALL_EDD_PASSED) |
				    F(CALL_SUPER_STRANDED)),
			 CALL_SUPER_STRANDED);
	assert_int_equal(call_first(F(CALL_OVERDUE) | F(CALL_NEW_NCTR)),
			 CALL_NEW_NCTR);
	f.los = 40;
	f.nctr = true;
	f.delay_days = 25;
	all = flags_of(*state, f, NULL);
	assert_int_equal(all, F(CALL_NEW_NCTR) | F(CALL_ESCALATED) |
				      F(CALL_NO_BLOCKER) |
				      F(CALL_SUPER_STRANDED));
	assert_int_equal(call_first(all), CALL_NEW_NCTR);
	assert_string_equal(call_reason_name(CALL_EDD_PASSED), "edd_passed");
}

static void test_last_call(void **state)
{
	char buf[MOMENT_INSTANT_BUF];
	sr_day d;

	assert_true(date_parse("2026-03-01", &d));
	call_last(*state, d, buf, sizeof(buf));
	assert_string_equal(buf, "2026-02-28T08:30:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing),
		cmocka_unit_test(test_nctr),
		cmocka_unit_test(test_escalation_delay),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_stranded_and_edd),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_last_call),
	};

	return cmocka_run_group_tests(tests, setup_example, teardown_config);
}
