/* Unit tests of the OPEL engine: every threshold at and either side, both
 * site rules, both system rules, drivers and explanations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "sitrep/opel.h"

static const double eps = 1e-9;

static struct opel_kind_cfg highest_cfg(void)
{
	struct opel_kind_cfg k = {.rule = OPEL_RULE_HIGHEST};

	k.metric[METRIC_OCCUPANCY_PCT] = (struct metric_threshold){
		.enabled = true, .at = {92, 95, 98}, .weight = 1};
	k.metric[METRIC_G2G_PCT] = (struct metric_threshold){
		.enabled = true, .at = {10, 15, 20}, .weight = 1};
	k.metric[METRIC_SUPER_STRANDED] = (struct metric_threshold){
		.enabled = true, .at = {40, 60, 80}, .weight = 1};
	return k;
}

static struct opel_kind_cfg weighted_cfg(void)
{
	struct opel_kind_cfg k = highest_cfg();

	k.rule = OPEL_RULE_WEIGHTED;
	k.metric[METRIC_OCCUPANCY_PCT].weight = 2;
	k.metric[METRIC_G2G_PCT].weight = 2;
	k.bands[0] = 2;
	k.bands[1] = 4;
	k.bands[2] = 7;
	return k;
}

static void test_metric_level_every_threshold(void **state)
{
	struct opel_kind_cfg k = highest_cfg();

	for (int m = 0; m < METRIC_COUNT; m++) {
		const struct metric_threshold *t = &k.metric[m];

		if (!t->enabled)
			continue;
		for (int i = 0; i < 3; i++) {
			assert_int_equal(opel_metric_level(t, t->at[i] - eps),
					 i + 1);
			assert_int_equal(opel_metric_level(t, t->at[i]), i + 2);
			assert_int_equal(opel_metric_level(t, t->at[i] + eps),
					 i + 2);
		}
		assert_int_equal(opel_metric_level(t, 0), 1);
		assert_int_equal(opel_metric_level(t, 1e9), 4);
	}
}

static void eval(const struct opel_kind_cfg *k, double occ, double g2g,
		 double super, struct opel_result *r)
{
	double v[METRIC_COUNT] = {0};
	bool known[METRIC_COUNT];

	for (int m = 0; m < METRIC_COUNT; m++)
		known[m] = true;
	v[METRIC_OCCUPANCY_PCT] = occ;
	v[METRIC_G2G_PCT] = g2g;
	v[METRIC_SUPER_STRANDED] = super;
	opel_evaluate(k, v, known, r);
}

static void test_highest(void **state)
{
	struct opel_kind_cfg k = highest_cfg();
	struct opel_result r;

	eval(&k, 91.9, 9.9, 39, &r);
	assert_int_equal(r.level, 1);
	assert_int_equal(r.drivers, 0);
	assert_int_equal(r.metric_level[METRIC_STRANDED_PCT], 0);
	eval(&k, 92, 9.9, 39, &r);
	assert_int_equal(r.level, 2);
	assert_int_equal(r.drivers, 1u << METRIC_OCCUPANCY_PCT);
	eval(&k, 95, 15, 59.9, &r);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.drivers, (1u << METRIC_OCCUPANCY_PCT) |
					    (1u << METRIC_G2G_PCT));
	eval(&k, 50, 0, 80, &r);
	assert_int_equal(r.level, 4);
	assert_int_equal(r.drivers, 1u << METRIC_SUPER_STRANDED);
	assert_int_equal(r.metric_level[METRIC_OCCUPANCY_PCT], 1);
}

static void test_weighted_bands(void **state)
{
	struct opel_kind_cfg k = weighted_cfg();
	struct opel_result r;

	/* occupancy weight 2, g2g weight 2, super weight 1. */
	eval(&k, 91, 0, 39, &r);
	assert_true(fabs(r.score) < eps);
	assert_int_equal(r.level, 1);
	eval(&k, 91, 0, 40, &r); /* score 1 */
	assert_true(fabs(r.score - 1) < eps);
	assert_int_equal(r.level, 1);
	assert_int_equal(r.drivers, 0);
	eval(&k, 92, 0, 39, &r); /* score 2: reaches band 1 */
	assert_true(fabs(r.score - 2) < eps);
	assert_int_equal(r.level, 2);
	assert_int_equal(r.drivers, 1u << METRIC_OCCUPANCY_PCT);
	eval(&k, 92, 0, 40, &r); /* 3 */
	assert_int_equal(r.level, 2);
	eval(&k, 92, 10, 39, &r); /* 4: band 2 */
	assert_int_equal(r.level, 3);
	eval(&k, 95, 10, 60, &r); /* 4 + 2 + 2 = 8 */
	assert_true(fabs(r.score - 8) < eps);
	assert_int_equal(r.level, 4);
	eval(&k, 95, 10, 40, &r); /* 4 + 2 + 1 = 7: band 3 exactly */
	assert_int_equal(r.level, 4);
	eval(&k, 95, 9.99, 40, &r); /* 4 + 0 + 1 = 5 */
	assert_int_equal(r.level, 3);
	assert_int_equal(r.drivers, (1u << METRIC_OCCUPANCY_PCT) |
					    (1u << METRIC_SUPER_STRANDED));
}

static void test_unknown_and_disabled(void **state)
{
	struct opel_kind_cfg k = highest_cfg();
	struct opel_kind_cfg none = {.rule = OPEL_RULE_HIGHEST};
	double v[METRIC_COUNT] = {0};
	bool known[METRIC_COUNT] = {0};
	struct opel_result r;

	v[METRIC_OCCUPANCY_PCT] = 99;
	opel_evaluate(&k, v, known, &r);
	assert_int_equal(r.level, 1);
	assert_int_equal(r.metric_level[METRIC_OCCUPANCY_PCT], 0);
	known[METRIC_OCCUPANCY_PCT] = true;
	v[METRIC_OCCUPANCY_PCT] = NAN;
	opel_evaluate(&k, v, known, &r);
	assert_int_equal(r.level, 1);
	v[METRIC_OCCUPANCY_PCT] = 99;
	opel_evaluate(&none, v, known, &r);
	assert_int_equal(r.level, 1);
	opel_evaluate(&k, v, known, &r);
	assert_int_equal(r.level, 4);
}

static void test_system_levels(void **state)
{
	int levels[] = {1, 4, 2};
	int beds[] = {500, 20, 300};
	int levels2[] = {2, 3};
	int beds2[] = {100, 100}; /* mean 2.5: halves up */
	int zero[] = {0, 0};

	assert_int_equal(opel_system_level(SYSTEM_RULE_HIGHEST, levels, beds, 3),
			 4);
	/* (500 + 80 + 600) / 820 = 1.44 -> 1 */
	assert_int_equal(opel_system_level(SYSTEM_RULE_BEDS_WEIGHTED, levels,
					   beds, 3), 1);
	assert_int_equal(opel_system_level(SYSTEM_RULE_BEDS_WEIGHTED, levels2,
					   beds2, 2), 3);
	beds2[1] = 99; /* 2.497 -> 2 */
	assert_int_equal(opel_system_level(SYSTEM_RULE_BEDS_WEIGHTED, levels2,
					   beds2, 2), 2);
	assert_int_equal(opel_system_level(SYSTEM_RULE_BEDS_WEIGHTED, levels2,
					   zero, 2), 3);
	assert_int_equal(opel_system_level(SYSTEM_RULE_HIGHEST, NULL, NULL, 0),
			 1);
}

static void test_explain(void **state)
{
	struct opel_kind_cfg k = highest_cfg();
	double v[METRIC_COUNT] = {0};
	bool known[METRIC_COUNT];
	struct opel_result r;
	char buf[128], tiny[12];

	for (int m = 0; m < METRIC_COUNT; m++)
		known[m] = true;
	v[METRIC_OCCUPANCY_PCT] = 96.14;
	v[METRIC_G2G_PCT] = 16;
	opel_evaluate(&k, v, known, &r);
	opel_explain(&k, v, &r, buf, sizeof(buf));
	assert_string_equal(buf, "occupancy_pct 96.1 >= 95 (L3), "
				 "g2g_pct 16.0 >= 15 (L3)");
	opel_explain(&k, v, &r, tiny, sizeof(tiny));
	assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
	v[METRIC_OCCUPANCY_PCT] = 1;
	v[METRIC_G2G_PCT] = 1;
	opel_evaluate(&k, v, known, &r);
	opel_explain(&k, v, &r, buf, sizeof(buf));
	assert_string_equal(buf, "no metric above level 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metric_level_every_threshold),
		cmocka_unit_test(test_highest),
		cmocka_unit_test(test_weighted_bands),
		cmocka_unit_test(test_unknown_and_disabled),
		cmocka_unit_test(test_system_levels),
		cmocka_unit_test(test_explain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
