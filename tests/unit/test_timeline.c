/* Unit tests for src/timeline.c: instants, the states a stay's facts make
 * (facts before the admission, at the same instant, after the discharge;
 * equal states merged; a stay still in a bed) and the value in force at an
 * instant. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sitrep/timeline.h"

#define ADM "2026-11-01T10:00:00"
#define DIS "2026-11-10T15:30:00"

static struct fact F(enum stay_field field, const char *value,
		     const char *from, int64_t seq)
{
	struct fact f = {.field = field, .value = value, .valid_from = from,
			 .seq = seq};

	return f;
}

static void assert_span(const struct stay_span *sp, const char *from,
			const char *to, bool last)
{
	assert_string_equal(sp->from, from);
	assert_string_equal(sp->to, to);
	assert_int_equal(sp->last, last);
}

static void assert_value(const char *got, const char *want)
{
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
}

static void test_instant(void **state)
{
	char out[TIMELINE_INSTANT_BUF];

	(void)state;
	assert_true(timeline_instant("2026-11-01", out));
	assert_string_equal(out, "2026-11-01T00:00:00");
	assert_true(timeline_instant("2026-11-01T08:05", out));
	assert_string_equal(out, "2026-11-01T08:05:00");
	assert_true(timeline_instant("2026-11-01 08:05", out));
	assert_string_equal(out, "2026-11-01T08:05:00");
	assert_true(timeline_instant("2026-11-01T08:05:42", out));
	assert_string_equal(out, "2026-11-01T08:05:42");
	assert_false(timeline_instant("2026-11-01T08:05:61", out));
	assert_false(timeline_instant("2026-11-01T08:05:4", out));
	assert_false(timeline_instant("2026-02-30", out));
	assert_false(timeline_instant("yesterday", out));
	assert_false(timeline_instant("", out));
	assert_false(timeline_instant(NULL, out));
}

/* No facts: one state over the whole stay, with no values. */
static void test_derive_no_facts(void **state)
{
	struct stay_span out[1];

	(void)state;
	assert_int_equal(timeline_derive(ADM, DIS, NULL, 0, out), 1);
	assert_span(&out[0], ADM, DIS, true);
	for (int i = 0; i < SF_COUNT; i++)
		assert_null(out[0].v[i]);
	assert_int_equal(timeline_derive(ADM, NULL, NULL, 0, out), 1);
	assert_span(&out[0], ADM, TIMELINE_OPEN, false);
}

/* A fact from before the admission counts from the admission. */
static void test_derive_before_admission(void **state)
{
	struct fact f[] = {
		F(SF_WARD, "AMU", "2026-10-31T23:00:00", 1),
		F(SF_EDD, "2026-11-05", ADM, 2),
		F(SF_WARD, "PEMB", "2026-11-03T12:00:00", 3),
	};
	struct stay_span out[4];

	(void)state;
	assert_int_equal(timeline_derive(ADM, DIS, f, 3, out), 2);
	assert_span(&out[0], ADM, "2026-11-03T12:00:00", false);
	assert_value(out[0].v[SF_WARD], "AMU");
	assert_value(out[0].v[SF_EDD], "2026-11-05");
	assert_span(&out[1], "2026-11-03T12:00:00", DIS, true);
	assert_value(out[1].v[SF_WARD], "PEMB");
	assert_value(out[1].v[SF_EDD], "2026-11-05");
}

/* Two facts of a field for the same instant: the later recorded (higher
 * seq) wins, in whatever order they come. */
static void test_derive_same_instant(void **state)
{
	struct fact f[] = {
		F(SF_DELAY_REASON, "G", "2026-11-04T09:00:00", 9),
		F(SF_DELAY_REASON, "D1", "2026-11-04T09:00:00", 4),
		F(SF_G2G_DATE, "2026-11-04", "2026-11-04T09:00:00", 5),
	};
	struct fact g[] = {f[1], f[0], f[2]};
	struct stay_span out[4];

	(void)state;
	assert_int_equal(timeline_derive(ADM, DIS, f, 3, out), 2);
	assert_span(&out[0], ADM, "2026-11-04T09:00:00", false);
	assert_null(out[0].v[SF_DELAY_REASON]);
	assert_span(&out[1], "2026-11-04T09:00:00", DIS, true);
	assert_value(out[1].v[SF_DELAY_REASON], "G");
	assert_value(out[1].v[SF_G2G_DATE], "2026-11-04");
	assert_int_equal(timeline_derive(ADM, DIS, g, 3, out), 2);
	assert_value(out[1].v[SF_DELAY_REASON], "G");
	/* At the admission too. */
	f[0].valid_from = f[1].valid_from = f[2].valid_from = ADM;
	assert_int_equal(timeline_derive(ADM, DIS, f, 3, out), 1);
	assert_value(out[0].v[SF_DELAY_REASON], "G");
}

/* Facts from the discharge on change nothing. */
static void test_derive_after_discharge(void **state)
{
	struct fact f[] = {
		F(SF_DESTINATION, "home", "2026-11-10T15:29:00", 1),
		F(SF_DESTINATION, "care home", DIS, 2),
		F(SF_EDD, "2026-12-01", "2026-11-11T08:00:00", 3),
	};
	struct stay_span out[4];

	(void)state;
	assert_int_equal(timeline_derive(ADM, DIS, f, 3, out), 2);
	assert_span(&out[0], ADM, "2026-11-10T15:29:00", false);
	assert_span(&out[1], "2026-11-10T15:29:00", DIS, true);
	assert_value(out[1].v[SF_DESTINATION], "home");
	assert_null(out[1].v[SF_EDD]);
}

/* A change back to the values before makes a state of its own; a fact
 * that changes nothing (the same value again, or a value set and cleared
 * at one instant) does not split a state. */
static void test_derive_merge(void **state)
{
	struct fact f[] = {
		F(SF_EDD, "2026-11-05", ADM, 1),
		F(SF_EDD, "2026-11-05", "2026-11-02T09:00:00", 2),
		F(SF_G2G_DATE, "2026-11-03", "2026-11-03T09:00:00", 3),
		F(SF_G2G_DATE, NULL, "2026-11-03T09:00:00", 4),
		F(SF_WARD, "AMU", "2026-11-04T09:00:00", 5),
		F(SF_WARD, NULL, "2026-11-05T09:00:00", 6),
	};
	struct stay_span out[7];

	(void)state;
	assert_int_equal(timeline_derive(ADM, DIS, f, 6, out), 3);
	assert_span(&out[0], ADM, "2026-11-04T09:00:00", false);
	assert_null(out[0].v[SF_G2G_DATE]);
	assert_null(out[0].v[SF_WARD]);
	assert_span(&out[1], "2026-11-04T09:00:00", "2026-11-05T09:00:00",
		    false);
	assert_value(out[1].v[SF_WARD], "AMU");
	assert_span(&out[2], "2026-11-05T09:00:00", DIS, true);
	assert_null(out[2].v[SF_WARD]);
	assert_value(out[2].v[SF_EDD], "2026-11-05");
}

/* A stay still in a bed: its last state is open, and not `last`. */
static void test_derive_open(void **state)
{
	struct fact f[] = {
		F(SF_BED, "B04", "2026-11-02T14:10:00", 2),
		F(SF_BED, "B01", ADM, 1),
	};
	struct stay_span out[3];

	(void)state;
	assert_int_equal(timeline_derive(ADM, NULL, f, 2, out), 2);
	assert_span(&out[0], ADM, "2026-11-02T14:10:00", false);
	assert_value(out[0].v[SF_BED], "B01");
	assert_span(&out[1], "2026-11-02T14:10:00", TIMELINE_OPEN, false);
	assert_value(out[1].v[SF_BED], "B04");
	/* The facts are sorted now; the move to the same bed changes
	 * nothing: one state, still open. */
	assert_string_equal(f[1].value, "B04");
	f[1].value = "B01";
	assert_int_equal(timeline_derive(ADM, NULL, f, 2, out), 1);
	assert_span(&out[0], ADM, TIMELINE_OPEN, false);
}

static void test_value_at(void **state)
{
	struct fact f[] = {
		F(SF_EDD, "2026-11-05", ADM, 1),
		F(SF_EDD, "2026-11-08", "2026-11-06T09:00:00", 7),
		F(SF_EDD, "2026-11-07", "2026-11-06T09:00:00", 3),
		F(SF_EDD, NULL, "2026-11-09T09:00:00", 8),
		F(SF_WARD, "AMU", ADM, 2),
	};

	(void)state;
	assert_null(timeline_value_at(f, 5, SF_EDD, "2026-11-01T09:59:59"));
	assert_value(timeline_value_at(f, 5, SF_EDD, ADM), "2026-11-05");
	assert_value(timeline_value_at(f, 5, SF_EDD, "2026-11-06T08:59:59"),
		     "2026-11-05");
	/* The later recorded of two for the same instant. */
	assert_value(timeline_value_at(f, 5, SF_EDD, "2026-11-06T09:00:00"),
		     "2026-11-08");
	assert_null(timeline_value_at(f, 5, SF_EDD, "2026-11-09T09:00:00"));
	assert_value(timeline_value_at(f, 5, SF_WARD, "2030-01-01T00:00:00"),
		     "AMU");
	assert_null(timeline_value_at(f, 5, SF_BED, "2030-01-01T00:00:00"));
	assert_null(timeline_value_at(NULL, 0, SF_EDD, ADM));
}

/* A discharge corrected to before two values of a field (2 dated 15:55,
 * recorded first; 1 dated 12:00, recorded after it): both fold to the
 * minute before the new discharge, and the stay leaves with the one dated
 * later (2), as it did before the correction, not with the one recorded
 * later. */
static void test_fold_keeps_dated_order(void **state)
{
	const char *dis = "2026-11-26T10:00:00";
	struct fact f[] = {
		F(SF_PATHWAY, "0", "2026-11-25T08:00:00", 1),
		F(SF_PATHWAY, "2", "2026-11-26T15:55:00", 2),
		F(SF_PATHWAY, "1", "2026-11-26T12:00:00", 3),
	};
	struct stay_span sp[4];
	char cut[TIMELINE_INSTANT_BUF];
	size_t n;

	(void)state;
	timeline_fold_after("2026-11-25T08:00:00", dis, f, 3, cut);
	assert_string_equal(cut, "2026-11-26T09:59:00");
	n = timeline_derive("2026-11-25T08:00:00", dis, f, 3, sp);
	assert_int_equal(n, 2);
	assert_span(&sp[1], "2026-11-26T09:59:00", dis, true);
	assert_value(sp[1].v[SF_PATHWAY], "2");
	assert_value(timeline_value_at(f, 3, SF_PATHWAY,
				       "2026-11-26T09:59:30"), "2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_instant),
		cmocka_unit_test(test_derive_no_facts),
		cmocka_unit_test(test_derive_before_admission),
		cmocka_unit_test(test_derive_same_instant),
		cmocka_unit_test(test_derive_after_discharge),
		cmocka_unit_test(test_derive_merge),
		cmocka_unit_test(test_derive_open),
		cmocka_unit_test(test_value_at),
		cmocka_unit_test(test_fold_keeps_dated_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
