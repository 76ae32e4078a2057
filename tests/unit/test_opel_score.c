/* Unit tests of the OPEL 2024-26 scoring (rule points, src/opel.c): a
 * parameter's points at, just below and just above every band edge
 * (bands that are not linear, that fall, that start above 0), a score's
 * level at and either side of every level edge, a site's score from its
 * parameters (computed metrics and figures entered by hand, unknown and
 * stale ones), and the system's score from the pillars' scores. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "sitrep/opel.h"

#define EPS 1e-9
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- points: band lookup ---------------------------------------------- */

/* A mean ambulance handover time in minutes: points rise faster than the
 * minutes (not linear). */
static const struct opel_band handover[] = {
	{0, 0}, {15, 1}, {30, 3}, {45, 6}, {60, 12},
};
/* A 4-hour performance %: lower is worse, so the points fall. */
static const struct opel_band four_hour[] = {
	{0, 8}, {60, 4}, {70, 2}, {78, 0},
};
/* A first band above 0, and a negative from: below the first band scores
 * nothing. */
static const struct opel_band starts_late[] = {{10, 1}, {20, 5}};
static const struct opel_band negative[] = {{-5, 2}, {0, 3}, {2.5, 7}};

struct band_set {
	const char *name;
	const struct opel_band *b;
	size_t n;
};

static const struct band_set sets[] = {
	{"handover", handover, N(handover)},
	{"four_hour", four_hour, N(four_hour)},
	{"starts_late", starts_late, N(starts_late)},
	{"negative", negative, N(negative)},
};

/* The points of every band edge, written out: at the edge, just below it
 * (the band before, or 0 below the first) and just above it. */
static const struct {
	int set;
	double value, want;
} point_rows[] = {
	/* handover */
	{0, 0 - EPS, 0}, {0, 0, 0}, {0, 0 + EPS, 0},
	{0, 15 - EPS, 0}, {0, 15, 1}, {0, 15 + EPS, 1},
	{0, 30 - EPS, 1}, {0, 30, 3}, {0, 30 + EPS, 3},
	{0, 45 - EPS, 3}, {0, 45, 6}, {0, 45 + EPS, 6},
	{0, 60 - EPS, 6}, {0, 60, 12}, {0, 60 + EPS, 12},
	{0, 600, 12},
	/* four_hour: falling points */
	{1, 0 - EPS, 0}, {1, 0, 8}, {1, 0 + EPS, 8},
	{1, 60 - EPS, 8}, {1, 60, 4}, {1, 60 + EPS, 4},
	{1, 70 - EPS, 4}, {1, 70, 2}, {1, 70 + EPS, 2},
	{1, 78 - EPS, 2}, {1, 78, 0}, {1, 78 + EPS, 0},
	{1, 100, 0},
	/* starts_late */
	{2, -1, 0}, {2, 0, 0},
	{2, 10 - EPS, 0}, {2, 10, 1}, {2, 10 + EPS, 1},
	{2, 20 - EPS, 1}, {2, 20, 5}, {2, 20 + EPS, 5},
	/* negative */
	{3, -5 - EPS, 0}, {3, -5, 2}, {3, -5 + EPS, 2},
	{3, 0 - EPS, 2}, {3, 0, 3}, {3, 0 + EPS, 3},
	{3, 2.5 - EPS, 3}, {3, 2.5, 7}, {3, 2.5 + EPS, 7},
};

static void test_points_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(point_rows); i++) {
		const struct band_set *s = &sets[point_rows[i].set];
		double got = opel_points(s->b, s->n, point_rows[i].value);

		if (got != point_rows[i].want)
			fail_msg("%s at %.12g: %g points, expected %g", s->name,
				 point_rows[i].value, got, point_rows[i].want);
	}
}

/* The same for every band of every set, derived from the bands: the
 * written table above cannot miss one. */
static void test_points_every_edge(void **state)
{
	(void)state;
	for (size_t k = 0; k < N(sets); k++) {
		const struct band_set *s = &sets[k];

		for (size_t i = 0; i < s->n; i++) {
			double from = s->b[i].from;
			double before = i ? s->b[i - 1].points : 0;

			assert_true(opel_points(s->b, s->n, from - EPS) ==
				    before);
			assert_true(opel_points(s->b, s->n, from) ==
				    s->b[i].points);
			assert_true(opel_points(s->b, s->n, from + EPS) ==
				    s->b[i].points);
		}
	}
}

static void test_points_unknown(void **state)
{
	(void)state;
	assert_true(opel_points(handover, N(handover), NAN) == 0);
	assert_true(opel_points(handover, 0, 50) == 0);
	assert_true(opel_points(handover, N(handover), INFINITY) == 12);
	assert_true(opel_points(handover, N(handover), -INFINITY) == 0);
}

/* ---- levels: score -> level ------------------------------------------- */

static const double levels[3] = {10, 20, 35};

static const struct {
	double score;
	int want;
} level_rows[] = {
	{0, 1}, {-1, 1},
	{10 - EPS, 1}, {10, 2}, {10 + EPS, 2},
	{20 - EPS, 2}, {20, 3}, {20 + EPS, 3},
	{35 - EPS, 3}, {35, 4}, {35 + EPS, 4},
	{1e9, 4},
};

static void test_levels_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(level_rows); i++) {
		int got = opel_score_level(levels, level_rows[i].score);

		if (got != level_rows[i].want)
			fail_msg("score %.12g: level %d, expected %d",
				 level_rows[i].score, got, level_rows[i].want);
	}
	assert_int_equal(opel_score_level(levels, NAN), 1);
}

/* ---- a site's score ---------------------------------------------------- */

enum { P_HANDOVER, P_ED12, P_OCC, P_NCTR };

/* Two inputs (handover minutes, % of ED patients over 12 hours, weight 2,
 * stale after 24 hours), two computed metrics (occupancy, NCTR % of beds),
 * levels at scores 10, 20, 35. */
static struct opel_kind_cfg points_cfg(struct opel_param_cfg p[4])
{
	static struct opel_band ed12[] = {{0, 0}, {2, 1}, {5, 4}, {10, 8}};
	static struct opel_band occ[] = {{0, 0}, {92, 1}, {95, 3}, {98, 6}};
	static struct opel_band nctr[] = {{0, 0}, {10, 2}, {15, 4}};
	struct opel_kind_cfg k = {.rule = OPEL_RULE_POINTS,
				  .levels = {10, 20, 35}};

	p[P_HANDOVER] = (struct opel_param_cfg){
		.name = "handover_mins", .input = true,
		.bands = (struct opel_band *)handover, .nbands = N(handover),
		.weight = 1, .max_age_hours = 24};
	p[P_ED12] = (struct opel_param_cfg){
		.name = "ed_12h_pct", .input = true, .bands = ed12,
		.nbands = N(ed12), .weight = 2};
	p[P_OCC] = (struct opel_param_cfg){
		.name = "occupancy", .metric = METRIC_OCCUPANCY_PCT,
		.bands = occ, .nbands = N(occ), .weight = 1};
	p[P_NCTR] = (struct opel_param_cfg){
		.name = "nctr", .metric = METRIC_G2G_PCT, .bands = nctr,
		.nbands = N(nctr), .weight = 1};
	k.params = p;
	k.nparams = 4;
	/* A metric threshold as well: it colours the board, it does not
	 * make the level. */
	k.metric[METRIC_OCCUPANCY_PCT] = (struct metric_threshold){
		.enabled = true, .at = {92, 95, 98}, .weight = 1};
	return k;
}

static void eval(const struct opel_kind_cfg *k, double occ, double nctr,
		 const struct opel_param_value *in, struct opel_result *r)
{
	double v[METRIC_COUNT] = {0};
	bool known[METRIC_COUNT];

	for (int m = 0; m < METRIC_COUNT; m++)
		known[m] = true;
	v[METRIC_OCCUPANCY_PCT] = occ;
	v[METRIC_G2G_PCT] = nctr;
	known[METRIC_OCCUPANCY_PCT] = !isnan(occ);
	known[METRIC_G2G_PCT] = !isnan(nctr);
	opel_evaluate_inputs(k, v, known, in, r);
}

static void test_site_score(void **state)
{
	struct opel_param_cfg p[4];
	struct opel_kind_cfg k = points_cfg(p);
	struct opel_param_value in[OPEL_PARAMS_MAX] = {
		[P_HANDOVER] = {true, 47, 2}, [P_ED12] = {true, 6, 30},
	};
	struct opel_result r;

	(void)state;
	/* 6 (handover 47) + 2 x 4 (ED 6%) + 3 (occupancy 96) + 2 (NCTR 12)
	 * = 19: level 2, one short of 3. */
	eval(&k, 96, 12, in, &r);
	assert_true(r.score == 19);
	assert_int_equal(r.level, 2);
	assert_true(r.param_points[P_HANDOVER] == 6);
	assert_true(r.param_points[P_ED12] == 4);
	assert_true(r.param_points[P_OCC] == 3);
	assert_true(r.param_value[P_OCC] == 96);
	assert_int_equal(r.param_known, 0xf);
	assert_int_equal(r.param_stale, 0);
	assert_int_equal(r.param_drivers, 0xf);
	assert_int_equal(r.drivers, (1u << METRIC_OCCUPANCY_PCT) |
				    (1u << METRIC_G2G_PCT));
	/* The metric's own level still colours the board. */
	assert_int_equal(r.metric_level[METRIC_OCCUPANCY_PCT], 3);
	/* One more point: level 3. */
	in[P_HANDOVER].value = 60;
	eval(&k, 96, 12, in, &r);
	assert_true(r.score == 25);
	assert_int_equal(r.level, 3);
}

/* Scores at and either side of each level edge, from the parameters: the
 * handover input moves the score across. */
static void test_site_score_edges(void **state)
{
	static const struct {
		double handover, occ;
		double score;
		int level;
	} rows[] = {
		/* nothing else scores (ED 0%, NCTR 0%) */
		{14.9, 91.9, 0, 1},
		{45, 95, 9, 1},     /* 6 + 3 */
		{45, 95, 9, 1},
		{60, 0, 12, 2},     /* 12 */
		{30, 98, 9, 1},     /* 3 + 6 */
		{44.99, 98, 9, 1},
		{45, 98, 12, 2},    /* 6 + 6: at 10 crossed */
		{60, 98, 18, 2},
		{60, 97.99, 15, 2},
	};
	struct opel_param_cfg p[4];
	struct opel_kind_cfg k = points_cfg(p);
	struct opel_param_value in[OPEL_PARAMS_MAX] = {
		[P_HANDOVER] = {true, 0, 1}, [P_ED12] = {true, 0, 1},
	};
	struct opel_result r;

	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		in[P_HANDOVER].value = rows[i].handover;
		eval(&k, rows[i].occ, 0, in, &r);
		if (r.score != rows[i].score || r.level != rows[i].level)
			fail_msg("row %zu: score %g level %d, expected %g level "
				 "%d", i, r.score, r.level, rows[i].score,
				 rows[i].level);
	}
	/* The level edges themselves: 10 - 1 (9), 10, 20 - 1, 20, 35 - 1,
	 * 35, built from ED (weight 2) and handover. */
	{
		static const struct {
			double ed, handover;
			double score;
			int level;
		} e[] = {
			{5, 15, 9, 1},   /* 2 x 4 + 1 */
			{10, 0, 16, 2},  /* 2 x 8 */
			{5, 30, 11, 2},  /* 8 + 3 */
			{2, 30, 5, 1},   /* 2 + 3 */
			{2, 45, 8, 1},   /* 2 + 6 */
			{1.99, 60, 12, 2},
			{10, 15, 17, 2}, /* 16 + 1 */
			{10, 30, 19, 2}, /* 16 + 3: just below 20 */
			{5, 60, 20, 3},  /* 8 + 12: at 20 */
			{10, 45, 22, 3},
			{10, 60, 28, 3},
		};

		for (size_t i = 0; i < N(e); i++) {
			in[P_ED12].value = e[i].ed;
			in[P_HANDOVER].value = e[i].handover;
			eval(&k, 0, 0, in, &r);
			if (r.score != e[i].score || r.level != e[i].level)
				fail_msg("edge %zu: score %g level %d, expected "
					 "%g level %d", i, r.score, r.level,
					 e[i].score, e[i].level);
		}
		/* 35 and either side: 16 + 12 + 6 (occupancy 98) + 2 (NCTR
		 * 10) = 36; without NCTR 34; NCTR at 9.99 also 34. */
		in[P_ED12].value = 10;
		in[P_HANDOVER].value = 60;
		eval(&k, 98, 10, in, &r);
		assert_true(r.score == 36);
		assert_int_equal(r.level, 4);
		eval(&k, 98, 9.99, in, &r);
		assert_true(r.score == 34);
		assert_int_equal(r.level, 3);
		k.levels[2] = 34;
		eval(&k, 98, 9.99, in, &r);
		assert_int_equal(r.level, 4);
	}
}

static void test_site_unknown(void **state)
{
	struct opel_param_cfg p[4];
	struct opel_kind_cfg k = points_cfg(p);
	struct opel_param_value in[OPEL_PARAMS_MAX] = {
		[P_HANDOVER] = {true, 60, 24}, [P_ED12] = {false, 0, 0},
	};
	struct opel_result r;
	char buf[256];

	(void)state;
	/* No inputs at all: only the metrics score. */
	eval(&k, 98, 15, NULL, &r);
	assert_true(r.score == 10);
	assert_int_equal(r.level, 2);
	assert_int_equal(r.param_known, (1u << P_OCC) | (1u << P_NCTR));
	assert_true(isnan(r.param_value[P_HANDOVER]));
	/* An input exactly max_age_hours old still counts ... */
	eval(&k, 0, 0, in, &r);
	assert_true(r.score == 12);
	assert_true(r.param_known & (1u << P_HANDOVER));
	/* ... one older does not: unknown, and said to be stale. */
	in[P_HANDOVER].age_hours = 24.01;
	eval(&k, 0, 0, in, &r);
	assert_true(r.score == 0);
	assert_int_equal(r.level, 1);
	assert_false(r.param_known & (1u << P_HANDOVER));
	assert_int_equal(r.param_stale, 1u << P_HANDOVER);
	assert_true(r.param_value[P_HANDOVER] == 60);
	/* An input without max_age_hours never goes stale. */
	in[P_ED12] = (struct opel_param_value){true, 10, 1e6};
	eval(&k, 0, 0, in, &r);
	assert_true(r.score == 16);
	/* A metric unknown (no beds): unknown too. */
	eval(&k, NAN, 0, in, &r);
	assert_false(r.param_known & (1u << P_OCC));
	opel_explain(&k, NULL, &r, buf, sizeof(buf));
	assert_string_equal(buf, "score 16 >= 10 (L2): ed_12h_pct 10.0 (8 pts "
			    "x2); unknown: 2 (1 stale)");
	opel_unknown(&k, &r, buf, sizeof(buf));
	assert_string_equal(buf, "handover_mins (stale), occupancy");
	/* Cut to size, always terminated. */
	opel_unknown(&k, &r, buf, 10);
	assert_true(strlen(buf) < 10);
}

static void test_site_explain(void **state)
{
	struct opel_param_cfg p[4];
	struct opel_kind_cfg k = points_cfg(p);
	struct opel_param_value in[OPEL_PARAMS_MAX] = {
		[P_HANDOVER] = {true, 47.25, 1}, [P_ED12] = {true, 1, 1},
	};
	struct opel_result r;
	char buf[256];

	(void)state;
	eval(&k, 96.14, 0, in, &r);
	opel_explain(&k, NULL, &r, buf, sizeof(buf));
	assert_string_equal(buf, "score 9: handover_mins 47.3 (6 pts), "
			    "occupancy 96.1 (3 pts)");
	opel_unknown(&k, &r, buf, sizeof(buf));
	assert_string_equal(buf, "");
	eval(&k, 0, 0, NULL, &r);
	opel_explain(&k, NULL, &r, buf, sizeof(buf));
	assert_string_equal(buf, "score 0: no parameter scored; unknown: 2");
	opel_unknown(&k, &r, buf, sizeof(buf));
	assert_string_equal(buf, "handover_mins, ed_12h_pct");
	/* Cut to size, always terminated. */
	eval(&k, 96.14, 0, in, &r);
	opel_explain(&k, NULL, &r, buf, 12);
	assert_true(strlen(buf) < 12);
}

/* The existing rules are untouched by inputs. */
static void test_other_rules_ignore_inputs(void **state)
{
	struct opel_param_cfg p[4];
	struct opel_kind_cfg k = points_cfg(p);
	struct opel_param_value in[OPEL_PARAMS_MAX] = {
		[P_HANDOVER] = {true, 60, 1},
	};
	struct opel_result a, b;
	double v[METRIC_COUNT] = {[METRIC_OCCUPANCY_PCT] = 96};
	bool known[METRIC_COUNT] = {[METRIC_OCCUPANCY_PCT] = true};

	(void)state;
	k.rule = OPEL_RULE_HIGHEST;
	opel_evaluate(&k, v, known, &a);
	opel_evaluate_inputs(&k, v, known, in, &b);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(a.level, 3);
	assert_int_equal(a.param_known, 0);
	k.rule = OPEL_RULE_WEIGHTED;
	k.bands[0] = 1;
	k.bands[1] = 2;
	k.bands[2] = 3;
	opel_evaluate(&k, v, known, &a);
	opel_evaluate_inputs(&k, v, known, in, &b);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(a.level, 3);
}

/* ---- the system -------------------------------------------------------- */

static void test_system_score(void **state)
{
	/* Acute: 10 and 20 (pillar 15); community: 6; mental health: none
	 * (NaN). Weights acute 2, community 1, mental health 1: (2 x 15 +
	 * 6) / 3 = 12. */
	static const double scores[] = {10, 20, 6, NAN};
	static const enum site_kind kinds[] = {SITE_ACUTE, SITE_ACUTE,
					       SITE_COMMUNITY,
					       SITE_MENTAL_HEALTH};
	double w[SITE_KIND_COUNT] = {2, 1, 1};

	(void)state;
	assert_true(fabs(opel_system_score(scores, kinds, 4, w) - 12) < 1e-12);
	/* Equal weights (NULL): (15 + 6) / 2. */
	assert_true(opel_system_score(scores, kinds, 4, NULL) == 10.5);
	/* Not a sum: a third acute site at the pillar's mean moves nothing. */
	{
		static const double s3[] = {10, 20, 15, 6};
		static const enum site_kind k3[] = {SITE_ACUTE, SITE_ACUTE,
						    SITE_ACUTE, SITE_COMMUNITY};

		assert_true(fabs(opel_system_score(s3, k3, 4, w) - 12) <
			    1e-12);
	}
	/* One site: its score. None, or none known: NaN. */
	assert_true(opel_system_score(scores + 2, kinds + 2, 1, w) == 6);
	assert_true(isnan(opel_system_score(scores, kinds, 0, w)));
	assert_true(isnan(opel_system_score(scores + 3, kinds + 3, 1, w)));
}

/* The system's level at and either side of each edge of system_levels,
 * from the aggregated score. */
static void test_system_level_edges(void **state)
{
	static const double system_levels[3] = {12, 15, 20};
	static const struct {
		double acute1, acute2, community;
		int level;
	} rows[] = {
		/* (2 x mean(acute) + community) / 3 */
		{10, 20, 6, 2},         /* 12: at the edge */
		{10, 20, 5.97, 1},      /* 11.99 */
		{10, 20, 6.03, 2},      /* 12.01 */
		{15, 15, 15, 3},        /* 15 */
		{15, 15, 14.97, 2},     /* 14.99 */
		{15, 15, 15.03, 3},     /* 15.01 */
		{20, 20, 20, 4},        /* 20 */
		{20, 20, 19.97, 3},     /* 19.99 */
		{20, 20, 20.03, 4},     /* 20.01 */
		{0, 0, 0, 1},
	};
	double w[SITE_KIND_COUNT] = {2, 1, 1};
	static const enum site_kind kinds[] = {SITE_ACUTE, SITE_ACUTE,
					       SITE_COMMUNITY};

	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		double s[] = {rows[i].acute1, rows[i].acute2,
			      rows[i].community};
		double score = opel_system_score(s, kinds, 3, w);
		int level = opel_score_level(system_levels, score);

		if (level != rows[i].level)
			fail_msg("row %zu: score %.12g level %d, expected %d",
				 i, score, level, rows[i].level);
	}
	/* No site scores: level 1. */
	assert_int_equal(opel_score_level(system_levels,
					  opel_system_score(NULL, NULL, 0,
							    w)), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_points_table),
		cmocka_unit_test(test_points_every_edge),
		cmocka_unit_test(test_points_unknown),
		cmocka_unit_test(test_levels_table),
		cmocka_unit_test(test_site_score),
		cmocka_unit_test(test_site_score_edges),
		cmocka_unit_test(test_site_unknown),
		cmocka_unit_test(test_site_explain),
		cmocka_unit_test(test_other_rules_ignore_inputs),
		cmocka_unit_test(test_system_score),
		cmocka_unit_test(test_system_level_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
