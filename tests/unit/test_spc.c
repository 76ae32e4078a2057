/* Unit tests of the spc module (XmR, Making Data Count): the limits'
 * arithmetic written out, each rule at its edge (7 against 6 points, a
 * point on the mean, a tie in a trend, 2 of 3 with the third across the
 * mean, an outside point in a 2-of-3 window), precedence, screening,
 * rebasing, trial limits, the icons and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "sitrep/spc.h"

#define N(a) (sizeof(a) / sizeof *(a))
#define MAXN 64

static const double eps = 1e-9;

/* cmocka 1.1 has no assert_double_equal. */
#define assert_double_equal(a, b, e) assert_true(fabs((a) - (b)) <= (e))

static struct spc_point pt[MAXN];
static struct spc_summary sum;

static void chart(const double *y, size_t n, const struct spc_options *o)
{
	char err[200] = "";
	assert_true(n <= MAXN);
	assert_int_equal(spc_compute(y, n, o, pt, &sum, err, sizeof err), 0);
}

/* The rule letters of the chart, one per point, e.g. "---SSSSSSS-". */
static const char *letters(size_t n)
{
	static char s[MAXN + 1];
	for (size_t i = 0; i < n; i++)
		s[i] = spc_rule_letter(pt[i].rule)[0];
	s[n] = 0;
	return s;
}

/* A baseline of 12 points alternating 11, 9: mean 10, every moving range
 * 2, so the average moving range is 2; process limits 10 +/- 5.32 and
 * near limits 10 +/- 3.5467 (2/3 of the distance). */
static size_t base12(double *y)
{
	for (size_t i = 0; i < 12; i++)
		y[i] = i % 2 ? 9 : 11;
	return 12;
}

static const struct spc_options fixed12 = {.baseline = 12, .screen = true};

static void test_limits_arithmetic(void **state)
{
	(void)state;
	/* mean 55 / 5 = 11; ranges 2, 1, 2, 4: average 9 / 4 = 2.25 (none
	 * at or above 3.267 x 2.25 = 7.35); limits 11 +/- 2.66 x 2.25 =
	 * 5.985; near limits 11 +/- 2/3 x 5.985 = 3.99. */
	const double y[] = {10, 12, 11, 13, 9};
	struct spc_options o = {.screen = true};
	chart(y, N(y), &o);
	for (size_t i = 0; i < N(y); i++) {
		assert_double_equal(pt[i].mean, 11, eps);
		assert_double_equal(pt[i].upl, 16.985, eps);
		assert_double_equal(pt[i].lpl, 5.015, eps);
		assert_double_equal(pt[i].nupl, 14.99, eps);
		assert_double_equal(pt[i].nlpl, 7.01, eps);
		assert_int_equal(pt[i].segment, 0);
	}
	assert_int_equal(pt[0].side, -1);
	assert_int_equal(pt[2].side, 0); /* 11: on the mean */
	assert_int_equal(pt[3].side, 1);
	assert_string_equal(letters(N(y)), "-----");
	assert_true(sum.trial);
}

static void test_screening(void **state)
{
	(void)state;
	/* Ranges: eight of 1 and one of 50: average 58 / 9 = 6.444; 50 is at
	 * or above 3.267 x 6.444 = 21.05, so screened: average 8 / 8 = 1. */
	const double y[] = {10, 11, 10, 11, 10, 11, 10, 11, 10, 60};
	struct spc_options o = {.screen = true};
	chart(y, N(y), &o);
	double mean = 154.0 / 10;
	assert_double_equal(pt[0].mean, mean, eps);
	assert_double_equal(pt[0].upl, mean + 2.66, eps);
	assert_double_equal(pt[0].lpl, mean - 2.66, eps);
	o.screen = false;
	chart(y, N(y), &o);
	assert_double_equal(pt[0].upl, mean + 2.66 * 58 / 9, eps);
	/* At the edge: nine ranges of 1 and one of b are screened when
	 * b >= 3.267 (9 + b) / 10, that is b >= 4.367: 4.4 is screened
	 * (average 1), 4.3 is not (average 13.3 / 10). */
	double z[11];
	for (size_t i = 0; i < 10; i++)
		z[i] = i % 2 ? 1 : 0;
	z[10] = z[9] + 4.4;
	o.screen = true;
	chart(z, 11, &o);
	double m = 0;
	for (size_t i = 0; i < 11; i++)
		m += z[i];
	m /= 11;
	assert_double_equal(pt[0].upl, m + 2.66 * 1, eps);
	z[10] = z[9] + 4.3;
	chart(z, 11, &o);
	m = 0;
	for (size_t i = 0; i < 11; i++)
		m += z[i];
	m /= 11;
	assert_double_equal(pt[0].upl, m + 2.66 * 13.3 / 10, eps);
	/* Exactly at 3.267 x the average is screened too: ranges 3, 3, 3,
	 * 3 and r, with r equal (in doubles) to 3.267 x (12 + r) / 5. */
	const double r = 22.62204270051933;
	const double e[] = {0, 3, 0, 3, 0, r};
	assert_true(3.267 * ((3.0 + 3 + 3 + 3 + r) / 5) == r);
	chart(e, N(e), &o);
	assert_double_equal(pt[0].upl, (6 + r) / 6 + 2.66 * 3, eps);
}

static void test_shift_seven_not_six(void **state)
{
	(void)state;
	double y[MAXN];
	size_t n = base12(y);
	for (int i = 0; i < 6; i++)
		y[n++] = 10.5;
	y[n++] = 9;
	chart(y, n, &fixed12);
	assert_string_equal(letters(n), "-------------------");
	y[n - 1] = 10.5; /* the seventh above */
	y[n++] = 9;
	chart(y, n, &fixed12);
	assert_string_equal(letters(n), "------------SSSSSSS-");
	for (size_t i = 12; i < 19; i++) {
		assert_int_equal(pt[i].rule_side, 1);
		assert_int_equal(pt[i].type, SPC_NEUTRAL_HIGH);
	}
	/* A point on the mean breaks the run: 3 above, 10, 4 above. */
	y[15] = 10;
	chart(y, n, &fixed12);
	assert_int_equal(pt[15].side, 0);
	assert_string_equal(letters(n), "--------------------");
	/* Eight below: all eight marked, low. */
	n = base12(y);
	for (int i = 0; i < 8; i++)
		y[n++] = 9.5;
	chart(y, n, &fixed12);
	/* the baseline's last point (9) is below too: nine in the run */
	assert_string_equal(letters(n), "-----------SSSSSSSSS");
}

static void test_trend(void **state)
{
	(void)state;
	double y[MAXN];
	size_t n = base12(y); /* ends with 9 */
	const double t[] = {8, 8.5, 9, 9.5, 10.4, 10.6, 10.8};
	for (size_t i = 0; i < 6; i++)
		y[n++] = t[i];
	/* six points, five rises (the 9 before falls to 8): no trend */
	chart(y, n, &fixed12);
	assert_string_equal(letters(n), "------------------");
	y[n++] = t[6];
	struct spc_options up = fixed12;
	up.direction = SPC_UP;
	chart(y, n, &up);
	assert_string_equal(letters(n), "------------TTTTTTT");
	/* Rising is better: every point of the trend is an improvement,
	 * the ones below the mean too. */
	assert_int_equal(pt[12].side, -1);
	assert_int_equal(pt[12].type, SPC_IMPROVEMENT);
	assert_int_equal(pt[18].type, SPC_IMPROVEMENT);
	assert_string_equal(spc_icon_name(sum.icon, sum.icon_side),
			    "improvement_high");
	struct spc_options down = fixed12;
	down.direction = SPC_DOWN;
	chart(y, n, &down);
	assert_int_equal(pt[12].type, SPC_CONCERN);
	assert_string_equal(spc_icon_name(sum.icon, sum.icon_side),
			    "concern_high");
	/* A tie breaks it: 8, 8.5, 9, 9, 9.5, 10.4, 10.6, 10.8. */
	n = base12(y);
	const double tie[] = {8, 8.5, 9, 9, 9.5, 10.4, 10.6, 10.8};
	for (size_t i = 0; i < N(tie); i++)
		y[n++] = tie[i];
	chart(y, n, &fixed12);
	assert_string_equal(letters(n), "--------------------");
	/* Falling: 7 points down, marked low. */
	n = base12(y);
	const double f[] = {12, 11.5, 11, 10.5, 9.9, 9.5, 9.2};
	for (size_t i = 0; i < N(f); i++)
		y[n++] = f[i];
	chart(y, n, &up);
	assert_string_equal(letters(n), "------------TTTTTTT");
	assert_int_equal(pt[12].rule_side, -1);
	assert_int_equal(pt[12].type, SPC_CONCERN);
}

static void test_two_of_three(void **state)
{
	(void)state;
	double y[MAXN];
	/* Near upper limit 13.5467, upper limit 15.32. */
	size_t n = base12(y);
	y[n++] = 14;
	y[n++] = 12;
	y[n++] = 14;
	y[n++] = 9;
	chart(y, n, &fixed12);
	assert_true(pt[12].close && !pt[13].close && pt[14].close);
	assert_string_equal(letters(n), "------------2-2-");
	assert_int_equal(pt[12].rule_side, 1);
	/* The third across the mean: no window of three on one side. */
	y[13] = 9.9;
	chart(y, n, &fixed12);
	assert_string_equal(letters(n), "----------------");
	/* An outside point is not close: 16 (outside), 14 (close), 12. */
	n = base12(y);
	y[n++] = 16;
	y[n++] = 14;
	y[n++] = 12;
	y[n++] = 9;
	chart(y, n, &fixed12);
	assert_true(pt[12].outside && !pt[12].close && pt[13].close);
	assert_string_equal(letters(n), "------------O---");
	assert_int_equal(pt[12].rule_side, 1);
	/* Two close below the near lower limit (6.4533), one between. */
	n = base12(y);
	y[n++] = 6;
	y[n++] = 6.4;
	y[n++] = 8;
	chart(y, n, &fixed12);
	assert_string_equal(letters(n), "------------22-");
	assert_int_equal(pt[12].rule_side, -1);
}

static void test_precedence(void **state)
{
	(void)state;
	double y[MAXN];
	/* Seven above and rising from the baseline's last 9 (a trend of
	 * eight), the last outside: shift, trend and outside all mark it;
	 * trend beats shift, outside beats trend. */
	size_t n = base12(y);
	const double r[] = {10.2, 10.4, 10.6, 10.8, 11, 11.2, 16};
	for (size_t i = 0; i < N(r); i++)
		y[n++] = r[i];
	chart(y, n, &fixed12);
	assert_string_equal(letters(n), "-----------TTTTTTTO");
	/* 2 of 3 beats shift: seven above, two of them close. */
	n = base12(y);
	const double s[] = {10.5, 14, 10.5, 14, 10.5, 10.5, 10.5};
	for (size_t i = 0; i < N(s); i++)
		y[n++] = s[i];
	chart(y, n, &fixed12);
	assert_string_equal(letters(n), "------------S2S2SSS");
}

static void test_rebase(void **state)
{
	(void)state;
	double y[MAXN];
	size_t n = 0;
	for (int i = 0; i < 10; i++)
		y[n++] = i % 2 ? 9 : 11;     /* mean 10 */
	for (int i = 0; i < 10; i++)
		y[n++] = i % 2 ? 19 : 21;    /* mean 20 */
	size_t at[] = {10};
	struct spc_options o = {.screen = true, .rebase = at, .nrebase = 1};
	chart(y, n, &o);
	assert_int_equal(pt[9].segment, 0);
	assert_int_equal(pt[10].segment, 1);
	assert_double_equal(pt[0].mean, 10, eps);
	assert_double_equal(pt[10].mean, 20, eps);
	assert_double_equal(pt[10].upl, 25.32, eps);
	assert_string_equal(letters(n), "--------------------");
	/* Without the rebase: mean 15, the jump's range (12) screened, so
	 * limits 15 +/- 5.32: the 21s and 9s are outside, the 19s and 11s
	 * close, and every window of two close and one outside on one side
	 * is a 2 of 3. */
	o.nrebase = 0;
	chart(y, n, &o);
	assert_double_equal(pt[0].mean, 15, eps);
	assert_double_equal(pt[0].upl, 20.32, eps);
	assert_string_equal(letters(n), "2O2O2O2O2OO2O2O2O2O2");
	/* Runs do not cross a rebase: 4 above at the end of one segment
	 * and 3 at the start of the next. */
	n = base12(y);
	for (int i = 0; i < 4; i++)
		y[n++] = 10.5;
	size_t seg2 = n;
	for (int i = 0; i < 3; i++)
		y[n++] = 10.5;
	for (int i = 0; i < 10; i++)
		y[n++] = i % 2 ? 9 : 11;
	size_t at2[] = {seg2};
	o = fixed12;
	o.rebase = at2;
	o.nrebase = 1;
	chart(y, n, &o);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(pt[i].rule, SPC_RULE_NONE);
	o.nrebase = 0;
	chart(y, n, &o);
	assert_int_equal(pt[seg2].rule, SPC_RULE_SHIFT);
}

static void test_baseline_and_trial(void **state)
{
	(void)state;
	double y[MAXN];
	size_t n = base12(y);
	y[n++] = 30;
	struct spc_options all = {.screen = true};
	chart(y, n, &all);
	assert_double_equal(pt[0].mean, 150.0 / 13, eps);
	assert_false(sum.trial); /* 13 points */
	chart(y, n, &fixed12);
	assert_double_equal(pt[0].mean, 10, eps);
	assert_double_equal(pt[12].mean, 10, eps);
	assert_int_equal(pt[12].rule, SPC_RULE_OUTSIDE);
	chart(y, 12, &all);
	assert_true(sum.trial); /* 12 points */
	/* The trial flag is the last segment's. */
	size_t at[] = {12};
	struct spc_options o = {.screen = true, .rebase = at, .nrebase = 1};
	y[n++] = 31;
	chart(y, n, &o);
	assert_true(sum.trial);
}

static void test_one_point_and_constant(void **state)
{
	(void)state;
	const double one[] = {7};
	struct spc_options o = {.direction = SPC_UP, .screen = true,
				.has_target = true, .target = 5};
	chart(one, 1, &o);
	assert_double_equal(pt[0].mean, 7, eps);
	assert_true(isnan(pt[0].upl) && isnan(pt[0].lpl));
	assert_false(pt[0].outside || pt[0].close);
	assert_int_equal(sum.assurance, SPC_ASSURANCE_NONE);
	assert_string_equal(spc_icon_name(sum.icon, sum.icon_side),
			    "common_cause");
	const double flat[] = {4, 4, 4, 4, 4, 4, 4, 4};
	chart(flat, N(flat), &o);
	assert_double_equal(pt[0].upl, 4, eps);
	assert_string_equal(letters(N(flat)), "--------");
}

static void test_assurance(void **state)
{
	(void)state;
	double y[MAXN];
	size_t n = base12(y); /* limits 4.68 .. 15.32 */
	struct spc_options o = fixed12;
	o.has_target = true;
	const struct {
		enum spc_direction d;
		double target;
		enum spc_assurance want;
	} c[] = {
		{SPC_UP, 16, SPC_ASSURANCE_FAIL},
		{SPC_UP, 4, SPC_ASSURANCE_PASS},
		{SPC_UP, 15.3, SPC_ASSURANCE_INCONSISTENT},
		{SPC_UP, 10, SPC_ASSURANCE_INCONSISTENT},
		{SPC_DOWN, 16, SPC_ASSURANCE_PASS},
		{SPC_DOWN, 4, SPC_ASSURANCE_FAIL},
		{SPC_DOWN, 4.7, SPC_ASSURANCE_INCONSISTENT},
		{SPC_NEUTRAL, 16, SPC_ASSURANCE_NONE},
	};
	for (size_t i = 0; i < N(c); i++) {
		o.direction = c[i].d;
		o.target = c[i].target;
		chart(y, n, &o);
		assert_int_equal(sum.assurance, c[i].want);
	}
	o.has_target = false;
	o.direction = SPC_UP;
	chart(y, n, &o);
	assert_int_equal(sum.assurance, SPC_ASSURANCE_NONE);
	assert_string_equal(spc_assurance_name(SPC_ASSURANCE_INCONSISTENT),
			    "inconsistent");
}

static void test_refusals(void **state)
{
	(void)state;
	double y[] = {1, 2, 3, 4};
	char err[200];
	struct spc_options o = {.screen = true};
	assert_int_equal(spc_compute(y, 0, &o, pt, &sum, err, sizeof err), -1);
	assert_non_null(strstr(err, "no values"));
	y[2] = NAN;
	assert_int_equal(spc_compute(y, 4, &o, pt, &sum, err, sizeof err), -1);
	assert_non_null(strstr(err, "value 3"));
	y[2] = 3;
	o.baseline = 1;
	assert_int_equal(spc_compute(y, 4, &o, pt, &sum, err, sizeof err), -1);
	assert_non_null(strstr(err, "baseline"));
	o.baseline = 0;
	size_t bad[][2] = {{0, 2}, {4, 4}, {2, 2}, {3, 2}};
	for (size_t i = 0; i < N(bad); i++) {
		o.rebase = bad[i];
		o.nrebase = bad[i][0] == 0 || bad[i][0] == 4 ? 1 : 2;
		assert_int_equal(spc_compute(y, 4, &o, pt, &sum, err,
					     sizeof err), -1);
		assert_non_null(strstr(err, "rebase point"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits_arithmetic),
		cmocka_unit_test(test_screening),
		cmocka_unit_test(test_shift_seven_not_six),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_two_of_three),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_rebase),
		cmocka_unit_test(test_baseline_and_trial),
		cmocka_unit_test(test_one_point_and_constant),
		cmocka_unit_test(test_assurance),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
