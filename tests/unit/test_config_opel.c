/* Unit tests of the OPEL 2024-26 scoring keys of the config
 * (src/config_opel.c): rule points with its parameters and levels, the
 * system's score from the pillars' scores, and one named test per
 * malformed config, each failing with its FILE:LINE:COLUMN message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config_test.h"

/* An acute block scoring points; extra goes after its levels. */
#define POINTS(params, extra)                                    \
	"opel:\n"                                                \
	"  acute:\n"                                             \
	"    rule: points\n"                                     \
	"    parameters:\n" params                               \
	"    levels: [10, 20, 35]\n" extra
#define HANDOVER                                                 \
	"      - { name: handover_mins, source: input, "        \
	"points: [[0, 0], [30, 2], [45, 6], [60, 12]], "         \
	"max_age_hours: 24 }\n"
#define OCCUPANCY                                                \
	"      - { name: occupancy, source: occupancy_pct, "       \
	"points: [[92, 1], [95, 3], [98, 6]], weight: 2, "       \
	"label: \"G&A bed occupancy\" }\n"

static void test_points_config(void **state)
{
	struct config *cfg = load_text(SYSTEM POINTS(HANDOVER OCCUPANCY, "")
				       SITES);
	const struct opel_kind_cfg *k = &cfg->opel.kind[SITE_ACUTE];
	const struct opel_param_cfg *p;

	(void)state;
	assert_int_equal(k->rule, OPEL_RULE_POINTS);
	assert_int_equal(k->nparams, 2);
	assert_true(k->levels[0] == 10 && k->levels[2] == 35);
	p = config_opel_param(k, "handover_mins");
	assert_non_null(p);
	assert_true(p->input);
	assert_int_equal(p->nbands, 4);
	assert_true(p->bands[2].from == 45 && p->bands[2].points == 6);
	assert_true(p->weight == 1);
	assert_true(p->max_age_hours == 24);
	assert_null(p->label);
	p = config_opel_param(k, "occupancy");
	assert_false(p->input);
	assert_int_equal(p->metric, METRIC_OCCUPANCY_PCT);
	assert_true(p->weight == 2);
	assert_true(p->max_age_hours == 0);
	assert_string_equal(p->label, "G&A bed occupancy");
	assert_null(config_opel_param(k, "nope"));
	assert_int_equal(cfg->opel.scoring, SYSTEM_SCORING_LEVELS);
	config_free(cfg);
}

static void test_system_scores_config(void **state)
{
	struct config *cfg = load_text(
		SYSTEM POINTS(HANDOVER, "  community:\n"
			      "    rule: points\n"
			      "    parameters:\n" OCCUPANCY
			      "    levels: [1, 2, 3]\n"
			      "  system_scoring: scores\n"
			      "  system_weights: { acute: 3, community: 1.5 }\n"
			      "  system_levels: [5, 10, 15]\n")
		"sites:\n"
		"  - { code: SFT, name: Salisbury, kind: acute, beds: 452 }\n"
		"  - { code: WHC, name: Community, kind: community, beds: 90 }\n");

	(void)state;
	assert_int_equal(cfg->opel.scoring, SYSTEM_SCORING_SCORES);
	assert_true(cfg->opel.system_weight[SITE_ACUTE] == 3);
	assert_true(cfg->opel.system_weight[SITE_COMMUNITY] == 1.5);
	assert_true(cfg->opel.system_weight[SITE_MENTAL_HEALTH] == 1);
	assert_true(cfg->opel.system_levels[1] == 10);
	config_free(cfg);
}

/* Defaults: no parameters, weight 1 for every pillar, scoring levels. */
static void test_defaults(void **state)
{
	struct config *cfg = load_text(SYSTEM SITES);

	(void)state;
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		assert_int_equal(cfg->opel.kind[k].nparams, 0);
		assert_true(cfg->opel.system_weight[k] == 1);
	}
	assert_int_equal(cfg->opel.scoring, SYSTEM_SCORING_LEVELS);
	assert_string_equal(system_scoring_name(SYSTEM_SCORING_SCORES),
			    "scores");
	config_free(cfg);
}

/* The example config's acute block (config/sitrep.yaml) loads. */
static void test_example(void **state)
{
	struct config *cfg = load_source("config/sitrep.yaml");
	const struct opel_kind_cfg *k = &cfg->opel.kind[SITE_ACUTE];

	(void)state;
	assert_int_equal(k->rule, OPEL_RULE_POINTS);
	assert_true(k->nparams >= 3);
	for (size_t i = 0; i < k->nparams; i++)
		assert_true(k->params[i].nbands >= 2);
	config_free(cfg);
}

#define P(x) SYSTEM POINTS(x, "") SITES

static const struct bad_case bad_opel[] = {
	{"points_no_parameters",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    rule: points\n"
	 "    levels: [1, 2, 3]\n"
	 SITES,
	 "5:5: missing key 'parameters' in opel.acute (required by rule points)"},
	{"points_no_levels",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    rule: points\n"
	 "    parameters:\n" HANDOVER
	 SITES,
	 "5:5: missing key 'levels' in opel.acute (required by rule points)"},
	{"parameters_with_highest",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    parameters:\n" HANDOVER
	 SITES,
	 "6:7: parameters given in opel.acute but its rule is highest (parameters only apply to rule points)"},
	{"levels_with_weighted",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    rule: weighted\n"
	 "    bands: [1, 2, 3]\n"
	 "    levels: [1, 2, 3]\n"
	 SITES,
	 "7:13: levels given in opel.acute but its rule is weighted (levels only apply to rule points)"},
	{"bands_with_points",
	 SYSTEM POINTS(HANDOVER, "    bands: [1, 2, 3]\n") SITES,
	 "9:12: bands given in opel.acute but its rule is points (bands only apply to rule weighted)"},
	{"levels_not_increasing",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    rule: points\n"
	 "    parameters:\n" HANDOVER
	 "    levels: [10, 20, 20]\n"
	 SITES,
	 "8:22: levels not increasing: 20 then 20 (expected 3 strictly increasing numbers)"},
	{"parameters_empty",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    rule: points\n"
	 "    parameters: []\n"
	 "    levels: [1, 2, 3]\n"
	 SITES,
	 "6:17: empty parameters list (expected at least one parameter)"},
	{"parameter_no_name",
	 P("      - { source: input, points: [[0, 1]] }\n"),
	 "7:9: missing key 'name' in opel.acute parameter"},
	{"parameter_bad_name",
	 P("      - { name: ED 12h, source: input, points: [[0, 1]] }\n"),
	 "7:17: invalid parameter name 'ED 12h' (expected 1 to 32 letters, digits, '_' or '-')"},
	{"parameter_name_too_long",
	 P("      - { name: a_name_of_thirty_three_characters, source: input, points: [[0, 1]] }\n"),
	 "7:17: invalid parameter name 'a_name_of_thirty_three_characters' (expected 1 to 32 letters, digits, '_' or '-')"},
	{"parameter_duplicate",
	 P(HANDOVER
	   "      - { name: handover_mins, source: input, points: [[0, 1]] }\n"),
	 "8:17: duplicate parameter name 'handover_mins' (first at line 7)"},
	{"parameter_unknown_key",
	 P("      - { name: x, source: input, points: [[0, 1]], weigth: 2 }\n"),
	 "7:53: unknown key 'weigth' in opel.acute parameter (expected name, label, source, points, weight or max_age_hours)"},
	{"source_unknown_metric",
	 P("      - { name: x, source: beds_pct, points: [[0, 1]] }\n"),
	 "7:28: unknown source 'beds_pct' (expected input, or a metric: occupancy_pct, g2g_pct, stranded_pct, super_stranded or delayed_bed_days_7d)"},
	{"source_missing",
	 P("      - { name: x, points: [[0, 1]] }\n"),
	 "7:9: missing key 'source' in opel.acute parameter"},
	{"source_sequence",
	 P("      - { name: x, source: [input], points: [[0, 1]] }\n"),
	 "7:28: wrong type for source: expected input or a metric name, got a sequence"},
	{"points_missing",
	 P("      - { name: x, source: input }\n"),
	 "7:9: missing key 'points' in opel.acute parameter"},
	{"points_empty",
	 P("      - { name: x, source: input, points: [] }\n"),
	 "7:43: empty points list (expected at least one [from, points] band)"},
	{"points_scalar",
	 P("      - { name: x, source: input, points: 3 }\n"),
	 "7:43: wrong type for points: expected a sequence of [from, points] bands, got '3'"},
	{"band_not_pair",
	 P("      - { name: x, source: input, points: [[0, 1], [5, 2, 3]] }\n"),
	 "7:52: points band has 3 values (expected [from, points])"},
	{"band_scalar",
	 P("      - { name: x, source: input, points: [0, 1] }\n"),
	 "7:44: wrong type for points band: expected [from, points], got '0'"},
	{"band_from_word",
	 P("      - { name: x, source: input, points: [[zero, 1]] }\n"),
	 "7:45: invalid band from 'zero' (expected a number)"},
	{"band_points_negative",
	 P("      - { name: x, source: input, points: [[0, -1]] }\n"),
	 "7:48: invalid band points '-1' (expected a non-negative number)"},
	{"bands_not_ascending",
	 P("      - { name: x, source: input, points: [[0, 1], [30, 2], [30, 4]] }\n"),
	 "7:62: points bands not ascending: from 30 then 30 (expected strictly increasing from)"},
	{"bands_descending",
	 P("      - { name: x, source: input, points: [[60, 1], [30, 2]] }\n"),
	 "7:54: points bands not ascending: from 60 then 30 (expected strictly increasing from)"},
	{"parameter_weight_zero",
	 P("      - { name: x, source: input, points: [[0, 1]], weight: 0 }\n"),
	 "7:61: invalid weight '0' (expected a positive number)"},
	{"max_age_for_metric",
	 P("      - { name: x, source: g2g_pct, points: [[0, 1]], max_age_hours: 4 }\n"),
	 "7:70: max_age_hours given for parameter x but its source is g2g_pct (max_age_hours only applies to source input)"},
	{"max_age_negative",
	 P("      - { name: x, source: input, points: [[0, 1]], max_age_hours: -4 }\n"),
	 "7:68: invalid max_age_hours '-4' (expected a positive number)"},
	{"too_many_parameters",
	 P("      - { name: p1, source: input, points: [[0, 1]] }\n"
	   "      - { name: p2, source: input, points: [[0, 1]] }\n"
	   "      - { name: p3, source: input, points: [[0, 1]] }\n"
	   "      - { name: p4, source: input, points: [[0, 1]] }\n"
	   "      - { name: p5, source: input, points: [[0, 1]] }\n"
	   "      - { name: p6, source: input, points: [[0, 1]] }\n"
	   "      - { name: p7, source: input, points: [[0, 1]] }\n"
	   "      - { name: p8, source: input, points: [[0, 1]] }\n"
	   "      - { name: p9, source: input, points: [[0, 1]] }\n"
	   "      - { name: p10, source: input, points: [[0, 1]] }\n"
	   "      - { name: p11, source: input, points: [[0, 1]] }\n"
	   "      - { name: p12, source: input, points: [[0, 1]] }\n"
	   "      - { name: p13, source: input, points: [[0, 1]] }\n"
	   "      - { name: p14, source: input, points: [[0, 1]] }\n"
	   "      - { name: p15, source: input, points: [[0, 1]] }\n"
	   "      - { name: p16, source: input, points: [[0, 1]] }\n"
	   "      - { name: p17, source: input, points: [[0, 1]] }\n"),
	 "23:9: too many parameters: 17 (expected at most 16 per site kind)"},
	{"unknown_system_scoring",
	 SYSTEM
	 "opel:\n"
	 "  system_scoring: sum\n"
	 SITES,
	 "4:19: unknown system_scoring 'sum' (expected levels or scores)"},
	{"scores_without_levels",
	 SYSTEM POINTS(HANDOVER, "  system_scoring: scores\n") SITES,
	 "4:3: missing key 'system_levels' in opel (required by system_scoring scores)"},
	{"system_levels_without_scores",
	 SYSTEM POINTS(HANDOVER, "  system_levels: [1, 2, 3]\n") SITES,
	 "9:18: system_levels given in opel but system_scoring is levels (system_levels only applies to system_scoring scores)"},
	{"system_weights_without_scores",
	 SYSTEM POINTS(HANDOVER, "  system_weights: { acute: 2 }\n") SITES,
	 "9:19: system_weights given in opel but system_scoring is levels (system_weights only applies to system_scoring scores)"},
	{"system_rule_with_scores",
	 SYSTEM POINTS(HANDOVER, "  system_scoring: scores\n"
		       "  system_rule: highest\n"
		       "  system_levels: [1, 2, 3]\n") SITES,
	 "10:16: system_rule given in opel but system_scoring is scores (system_rule only applies to system_scoring levels)"},
	{"system_weight_zero",
	 SYSTEM POINTS(HANDOVER, "  system_scoring: scores\n"
		       "  system_weights: { acute: 0 }\n"
		       "  system_levels: [1, 2, 3]\n") SITES,
	 "10:28: invalid system weight '0' (expected a positive number)"},
	{"system_weight_unknown_kind",
	 SYSTEM POINTS(HANDOVER, "  system_scoring: scores\n"
		       "  system_weights: { hospital: 2 }\n"
		       "  system_levels: [1, 2, 3]\n") SITES,
	 "10:21: unknown key 'hospital' in opel.system_weights (expected acute, community or mental_health)"},
	{"scores_with_site_not_points",
	 SYSTEM POINTS(HANDOVER, "  system_scoring: scores\n"
		       "  system_levels: [1, 2, 3]\n")
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: acute, beds: 452 }\n"
	 "  - { code: WHC, name: Community, kind: community, beds: 90 }\n",
	 "9:19: system_scoring scores needs every site to score points: site WHC is community, whose rule is highest (set opel.community.rule: points)"},
};

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_points_config),
		cmocka_unit_test(test_system_scores_config),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_example),
	};
	static const struct bad_table tables[] = {
		{bad_opel, ARRAY_SIZE(bad_opel), test_bad_text},
	};

	return run_config_tests("config_opel", fixed, ARRAY_SIZE(fixed),
				tables, ARRAY_SIZE(tables));
}
