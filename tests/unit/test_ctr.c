/* Unit tests of the criteria to reside (DESIGN §2): runs of "no longer
 * meets the criteria" (NCTR) from a stay's discharge ready date facts, as
 * timeline_derive makes them into states and stay_nctr_on reads each day
 * at its end: a run that ends when the patient meets the criteria again
 * and a later DRD that starts a new one (reset), a DRD set and ended on
 * the same day, and a DRD recorded later but dated back (backdated). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sitrep/date.h"
#include "sitrep/stay.h"
#include "sitrep/timeline.h"

#define ADM "2026-11-01T10:00:00"

static struct fact DRD(const char *value, const char *from, int64_t seq)
{
	struct fact f = {.field = SF_G2G_DATE, .value = value,
			 .valid_from = from, .seq = seq};

	return f;
}

static sr_day D(const char *iso)
{
	sr_day d;

	assert_true(date_parse(iso, &d));
	return d;
}

/* The DRD in force at instant t, from the states. */
static const char *drd_at(const struct stay_span *sp, size_t n,
			  const char *t)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(sp[i].from, t) <= 0 && strcmp(t, sp[i].to) < 0)
			return sp[i].v[SF_G2G_DATE];
	return NULL;
}

/* Delay days on day (at its end), -1 when meeting the criteria. */
static int delay_on(const struct stay_span *sp, size_t n, const char *day)
{
	char end[TIMELINE_INSTANT_BUF];
	sr_day g;

	snprintf(end, sizeof(end), "%sT23:59:59", day);
	if (!stay_nctr_on(drd_at(sp, n, end), D(day), &g))
		return -1;
	return (int)(D(day) - g);
}

static void test_nctr_on(void **state)
{
	sr_day g;

	(void)state;
	assert_false(stay_nctr_on(NULL, D("2026-11-05"), &g));
	assert_false(stay_nctr_on("", D("2026-11-05"), &g));
	assert_false(stay_nctr_on("2026-11-06", D("2026-11-05"), &g));
	assert_true(stay_nctr_on("2026-11-05", D("2026-11-05"), &g));
	assert_int_equal(g, D("2026-11-05"));
	assert_true(stay_nctr_on("2026-11-05T08:00:00", D("2026-11-07"), &g));
	assert_int_equal(D("2026-11-07") - g, 2);
	assert_false(stay_nctr_on("2026-11", D("2026-11-07"), &g));
}

/* Ready on the 2nd, meets the criteria again on the 5th (the DRD ended),
 * ready again on the 8th: two runs; the delay counts from the second. */
static void test_reset(void **state)
{
	struct fact f[] = {
		DRD("2026-11-02", "2026-11-02T10:00:00", 1),
		DRD(NULL, "2026-11-05T09:00:00", 2),
		DRD("2026-11-08", "2026-11-08T11:00:00", 3),
	};
	struct stay_span sp[4];
	size_t n;

	(void)state;
	n = timeline_derive(ADM, NULL, f, 3, sp);
	assert_int_equal(n, 4);
	assert_int_equal(delay_on(sp, n, "2026-11-01"), -1);
	assert_int_equal(delay_on(sp, n, "2026-11-02"), 0);
	assert_int_equal(delay_on(sp, n, "2026-11-04"), 2);
	assert_int_equal(delay_on(sp, n, "2026-11-05"), -1);
	assert_int_equal(delay_on(sp, n, "2026-11-07"), -1);
	assert_int_equal(delay_on(sp, n, "2026-11-08"), 0);
	assert_int_equal(delay_on(sp, n, "2026-11-10"), 2); /* not 8 */
}

/* Ready at 09:00, meeting the criteria again at 15:00 the same day: NCTR
 * at 10:00, not at the day's end; a new DRD the same evening is a new
 * run of that day. */
static void test_same_day(void **state)
{
	struct fact f[] = {
		DRD("2026-11-03", "2026-11-03T09:00:00", 1),
		DRD(NULL, "2026-11-03T15:00:00", 2),
	};
	struct fact g[] = {
		f[0], f[1], DRD("2026-11-03", "2026-11-03T20:00:00", 3),
	};
	struct stay_span sp[4];
	sr_day day;
	size_t n;

	(void)state;
	n = timeline_derive(ADM, NULL, f, 2, sp);
	assert_true(stay_nctr_on(drd_at(sp, n, "2026-11-03T10:00:00"),
				 D("2026-11-03"), &day));
	assert_int_equal(delay_on(sp, n, "2026-11-03"), -1);
	n = timeline_derive(ADM, NULL, g, 3, sp);
	assert_int_equal(delay_on(sp, n, "2026-11-03"), 0);
	assert_int_equal(delay_on(sp, n, "2026-11-04"), 1);
}

/* A DRD recorded on the 6th, dated back to the 3rd (a correction): the
 * corrected history is NCTR from the 3rd; a later correction that ends
 * it on the 4th leaves the 3rd alone. */
static void test_backdated(void **state)
{
	struct fact f[] = {
		DRD("2026-11-03", "2026-11-03T00:00:00", 7),
		DRD(NULL, "2026-11-04T12:00:00", 8),
	};
	struct stay_span sp[4];
	size_t n;

	(void)state;
	n = timeline_derive(ADM, NULL, f, 1, sp);
	assert_int_equal(delay_on(sp, n, "2026-11-02"), -1);
	assert_int_equal(delay_on(sp, n, "2026-11-03"), 0);
	assert_int_equal(delay_on(sp, n, "2026-11-06"), 3);
	n = timeline_derive(ADM, NULL, f, 2, sp);
	assert_int_equal(delay_on(sp, n, "2026-11-03"), 0);
	assert_int_equal(delay_on(sp, n, "2026-11-04"), -1);
	assert_int_equal(delay_on(sp, n, "2026-11-06"), -1);
	/* A DRD dated before the admission counts from the admission. */
	f[0].valid_from = "2026-10-30T00:00:00";
	f[0].value = "2026-10-30";
	n = timeline_derive(ADM, NULL, f, 1, sp);
	assert_string_equal(sp[0].from, ADM);
	assert_int_equal(delay_on(sp, n, "2026-11-01"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nctr_on),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_same_day),
		cmocka_unit_test(test_backdated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
