/* Unit tests of the returns' one-decimal figures: tenths rounded half away
 * from zero from the integers (9 / 4 is 2.3, 449 / 20 is 22.5, which a
 * double holds just under 22.45), and the fractions they are made of. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sitrep/returns.h"

static void test_tenths(void **state)
{
	const struct {
		long num, den, want;
	} c[] = {
		{9, 4, 23},    /* 2.25 -> 2.3 */
		{13, 4, 33},   /* 3.25 -> 3.3 */
		{449, 20, 225}, /* 22.45 -> 22.5 */
		{5, 4, 13},    /* 1.25 -> 1.3 */
		{1, 3, 3},     /* 0.333 -> 0.3 */
		{2, 3, 7},     /* 0.667 -> 0.7 */
		{0, 5, 0},
		{100, 3, 333}, /* 33.33 */
		{29, 3, 97},   /* 9.67 */
	};
	long t;

	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(*c); i++) {
		assert_true(return_tenths(c[i].num, c[i].den, &t));
		assert_int_equal(t, c[i].want);
	}
	assert_false(return_tenths(1, 0, &t));
}

static void test_fractions(void **state)
{
	struct return_counts c;
	long num, den;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.with_drd = 3;
	c.band[0] = 1;
	c.delay_days = 29;
	return_same_day_pct(&c, &num, &den);
	assert_int_equal(num, 100);
	assert_int_equal(den, 3);
	return_mean_delay(&c, false, &num, &den);
	assert_int_equal(num, 29);
	assert_int_equal(den, 3);
	return_mean_delay(&c, true, &num, &den);
	assert_int_equal(den, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tenths),
		cmocka_unit_test(test_fractions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
