/* Unit tests for the YAML configuration (src/config.c, src/config_check.c):
 * the annotated example, defaults, every kind of malformed config with its
 * exact FILE:LINE:COLUMN message, and the search order of config_find. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/util.h"

#include "config_test.h"

static char *fixture(const char *name)
{
	char *rel = xasprintf("tests/data/config/%s", name);
	char *path = source_path(rel);

	free(rel);
	return path;
}

/* The fixture must fail to load with exactly "PATH:" + want. */
static void expect_file_error(const char *name, const char *want)
{
	const char *root = getenv("SITREP_SOURCE_ROOT");
	struct sr_error err = {0};
	char path[512], full[SR_ERROR_MAX];
	struct config *cfg;

	snprintf(path, sizeof(path), "%s/tests/data/config/%s",
		 root && *root ? root : ".", name);
	snprintf(full, sizeof(full), "%s:%s", path, want);
	cfg = config_load(path, &err);
	config_free(cfg);
	assert_null(cfg);
	assert_int_equal(err.status, SR_ECONFIG);
	assert_string_equal(err.msg, full);
}

/* ---- the example ------------------------------------------------------ */

static void test_example_sites(void **state)
{
	static const struct {
		const char *code;
		enum site_kind kind;
		int beds;
		size_t nwards;
	} want[] = {
		{"SFT", SITE_ACUTE, 452, 15},    {"GWH", SITE_ACUTE, 504, 15},
		{"RUH", SITE_ACUTE, 525, 16},    {"CHP", SITE_COMMUNITY, 32, 2},
		{"SAV", SITE_COMMUNITY, 24, 1},  {"WMR", SITE_COMMUNITY, 26, 1},
		{"ICT", SITE_COMMUNITY, 64, 2},
		{"AWP", SITE_MENTAL_HEALTH, 80, 5},
	};
	struct sr_error err = {0};
	char *path = source_path("config/sitrep.yaml");
	struct config *cfg = config_load(path, &err);
	int total = 0;

	(void)state;
	if (!cfg)
		fail_msg("%s", err.msg);
	assert_string_equal(cfg->path, path);
	assert_string_equal(cfg->system_name, "Wiltshire");
	assert_int_equal(cfg->nsites, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		const struct site_cfg *s = &cfg->sites[i];
		int sum = 0;

		assert_string_equal(s->code, want[i].code);
		assert_int_equal(s->kind, want[i].kind);
		assert_int_equal(s->beds, want[i].beds);
		assert_int_equal(s->nwards, want[i].nwards);
		for (size_t w = 0; w < s->nwards; w++)
			sum += s->wards[w].beds;
		assert_int_equal(sum, s->beds);
		total += s->beds;
	}
	assert_int_equal(total, 1707);
	assert_ptr_equal(config_site(cfg, "ICT"), &cfg->sites[6]);
	assert_null(config_site(cfg, "XYZ"));
	assert_int_equal(config_ward(config_site(cfg, "ICT"), "STEPDN")->beds,
			 48);
	assert_null(config_ward(&cfg->sites[0], "STEPDN"));
	config_free(cfg);
	free(path);
}

static void test_example_settings(void **state)
{
	struct config *cfg = load_source("config/sitrep.yaml");
	const struct opel_kind_cfg *acute, *comm;

	(void)state;
	assert_int_equal(cfg->stranded_days, 7);
	assert_int_equal(cfg->super_stranded_days, 21);
	assert_true(cfg->midday_target_pct == 33);
	acute = &cfg->opel.kind[SITE_ACUTE];
	comm = &cfg->opel.kind[SITE_COMMUNITY];
	/* The acute kind scores points (OPEL 2024-26); its metrics still
	 * colour the board. */
	assert_int_equal(acute->rule, OPEL_RULE_POINTS);
	assert_true(acute->metric[METRIC_OCCUPANCY_PCT].enabled);
	assert_false(acute->metric[METRIC_STRANDED_PCT].enabled);
	assert_true(acute->metric[METRIC_OCCUPANCY_PCT].at[2] == 98);
	assert_int_equal(comm->rule, OPEL_RULE_WEIGHTED);
	assert_true(comm->metric[METRIC_G2G_PCT].weight == 2);
	assert_true(comm->metric[METRIC_STRANDED_PCT].weight == 1);
	assert_true(comm->bands[0] == 2 && comm->bands[2] == 7);
	assert_int_equal(cfg->opel.kind[SITE_MENTAL_HEALTH].rule,
			 OPEL_RULE_HIGHEST);
	assert_int_equal(cfg->opel.system_rule, SYSTEM_RULE_HIGHEST);
	assert_int_equal(cfg->ndelay_reasons, 11);
	assert_string_equal(config_delay_reason(cfg, "D1")->label,
			    "Residential home");
	assert_int_equal(cfg->nred_reasons, 7);
	assert_string_equal(config_red_reason(cfg, "tto")->label,
			    "Awaiting medicines to take home");
	assert_null(config_red_reason(cfg, "D1"));
	assert_int_equal(cfg->ntrajectory, 3);
	config_free(cfg);
}

static void test_trajectory_boundaries(void **state)
{
	struct config *cfg = load_source("config/sitrep.yaml");

	(void)state;
	assert_int_equal(cfg->trajectory[0].from, date_from_ymd(2017, 12, 1));
	assert_int_equal(config_trajectory_for(cfg,
			 date_from_ymd(2017, 11, 30)), -1);
	assert_int_equal(config_trajectory_for(cfg,
			 date_from_ymd(2017, 12, 1)), 1325);
	assert_int_equal(config_trajectory_for(cfg,
			 date_from_ymd(2018, 3, 31)), 1325);
	assert_int_equal(config_trajectory_for(cfg,
			 date_from_ymd(2018, 4, 1)), 1100);
	assert_int_equal(config_trajectory_for(cfg,
			 date_from_ymd(2018, 7, 31)), 1100);
	assert_int_equal(config_trajectory_for(cfg,
			 date_from_ymd(2018, 8, 1)), 1000);
	assert_int_equal(config_trajectory_for(cfg,
			 date_from_ymd(2030, 1, 15)), 1000);
	config_free(cfg);
}

/* ---- defaults and accepted forms -------------------------------------- */

static void test_defaults(void **state)
{
	struct config *cfg = load_text(SYSTEM SITES);

	(void)state;
	assert_int_equal(cfg->stranded_days, 7);
	assert_int_equal(cfg->super_stranded_days, 21);
	assert_true(cfg->midday_target_pct == 33);
	/* The national list (tests/unit/test_config_blockers.c has it
	 * all). */
	assert_int_equal(cfg->vocabulary, VOCAB_NATIONAL);
	assert_false(cfg->own_vocabulary);
	assert_int_equal(cfg->ndelay_reasons, 22);
	assert_string_equal(cfg->delay_reasons[0].code, "HP-MED");
	assert_null(config_delay_reason(cfg, "F"));
	assert_int_equal(cfg->nred_reasons, 7);
	assert_string_equal(cfg->red_reasons[0].code, "test");
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		const struct opel_kind_cfg *o = &cfg->opel.kind[k];

		assert_int_equal(o->rule, OPEL_RULE_HIGHEST);
		for (int m = 0; m < METRIC_COUNT; m++) {
			assert_false(o->metric[m].enabled);
			assert_true(o->metric[m].weight == 1);
		}
	}
	assert_int_equal(cfg->opel.system_rule, SYSTEM_RULE_HIGHEST);
	assert_int_equal(cfg->ntrajectory, 0);
	assert_int_equal(config_trajectory_for(cfg, 0), -1);
	assert_int_equal(cfg->sites[0].nwards, 0);
	config_free(cfg);
}

static void test_accepted_forms(void **state)
{
	struct config *cfg = load_text(SYSTEM
		"thresholds:\n  stranded_days: 5\n  super_stranded_days: 14\n"
		"  midday_discharge_target_pct: 40.5\n"
		"opel:\n  community:\n    rule: weighted\n    metrics:\n"
		"      g2g_pct: { levels: [0, 2.5, \"5\"], weight: 0.5 }\n"
		"    bands: [1, 2, 3]\n  system_rule: beds_weighted\n"
		"red_reasons:\n  - { code: x-ray, label: \"Awaiting X-ray\" }\n"
		"trajectory: []\n" SITES);
	const struct metric_threshold *g2g;

	(void)state;
	g2g = &cfg->opel.kind[SITE_COMMUNITY].metric[METRIC_G2G_PCT];
	assert_int_equal(cfg->stranded_days, 5);
	assert_int_equal(cfg->super_stranded_days, 14);
	assert_true(cfg->midday_target_pct == 40.5);
	assert_true(g2g->enabled);
	assert_true(g2g->at[0] == 0 && g2g->at[1] == 2.5 && g2g->at[2] == 5);
	assert_true(g2g->weight == 0.5);
	assert_int_equal(cfg->opel.system_rule, SYSTEM_RULE_BEDS_WEIGHTED);
	assert_int_equal(cfg->nred_reasons, 1);
	assert_string_equal(cfg->red_reasons[0].code, "x-ray");
	assert_int_equal(cfg->ndelay_reasons, 22);
	assert_int_equal(cfg->ntrajectory, 0);
	config_free(cfg);
}

/* An optional key left empty is the same as leaving it out. */
static void test_empty_optional_blocks(void **state)
{
	struct config *cfg = load_text("# comment\n" SYSTEM "thresholds:\n"
				       "opel:\n  community: ~\n"
				       "trajectory: null\n" SITES);

	(void)state;
	assert_int_equal(cfg->stranded_days, 7);
	assert_int_equal(cfg->ntrajectory, 0);
	assert_false(cfg->opel.kind[SITE_COMMUNITY].metric[0].enabled);
	config_free(cfg);
}

/* ---- malformed configs ------------------------------------------------ */

/* Loaded with config_load_buffer under the name t.yaml. */
static const struct bad_case bad_texts[] = {
	{"unknown_top_key",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: acute, beds: 452 }\n"
	 "sistem: x\n",
	 "5:1: unknown key 'sistem' at top level (expected system, thresholds, opel, delay_vocabulary, delay_reasons, red_reasons, bed_reasons, areas, owners, escalation, call, nctr_label, trajectory, sites, import, notify or access)"},
	{"unknown_system_key",
	 SYSTEM
	 "  region: South West\n"
	 SITES,
	 "3:3: unknown key 'region' in system (expected name)"},
	{"unknown_threshold_key",
	 SYSTEM
	 "thresholds:\n"
	 "  stranded: 7\n"
	 SITES,
	 "4:3: unknown key 'stranded' in thresholds (expected stranded_days, super_stranded_days, midday_discharge_target_pct or step_up_target_pct)"},
	{"system_is_sequence",
	 "system:\n"
	 "  - Wiltshire\n"
	 SITES,
	 "2:3: wrong type for system: expected a mapping, got a sequence"},
	{"top_is_sequence",
	 "- system\n"
	 "- sites\n",
	 "1:1: wrong type for top level: expected a mapping, got a sequence"},
	{"top_is_scalar",
	 "Wiltshire\n",
	 "1:1: wrong type for top level: expected a mapping, got 'Wiltshire'"},
	{"sites_is_scalar",
	 SYSTEM
	 "sites: SFT\n",
	 "3:8: wrong type for sites: expected a sequence, got 'SFT'"},
	{"beds_zero",
	 SYSTEM
	 SITE("beds: 0"),
	 "4:54: invalid beds '0' (expected a positive integer)"},
	{"beds_ten",
	 SYSTEM
	 SITE("beds: ten"),
	 "4:54: invalid beds 'ten' (expected a positive integer)"},
	{"beds_negative",
	 SYSTEM
	 SITE("beds: -5"),
	 "4:54: invalid beds '-5' (expected a positive integer)"},
	{"beds_junk",
	 SYSTEM
	 SITE("beds: 12a"),
	 "4:54: invalid beds '12a' (expected a positive integer)"},
	{"beds_decimal",
	 SYSTEM
	 SITE("beds: 45.5"),
	 "4:54: invalid beds '45.5' (expected a positive integer)"},
	{"beds_too_large",
	 SYSTEM
	 SITE("beds: 99999999"),
	 "4:54: beds 99999999 too large (expected at most 1000000)"},
	{"beds_mapping",
	 SYSTEM
	 SITE("beds: { total: 452 }"),
	 "4:54: wrong type for beds: expected a positive integer, got a mapping"},
	{"ward_beds_missing",
	 SYSTEM
	 "sites:\n"
	 "  - code: SFT\n"
	 "    name: Salisbury\n"
	 "    kind: acute\n"
	 "    wards:\n"
	 "      - { code: AMU, name: Acute Medical Unit }\n",
	 "8:9: missing key 'beds' in ward"},
	{"no_beds_no_wards",
	 SYSTEM
	 "sites:\n"
	 "  - code: SFT\n"
	 "    name: Salisbury\n"
	 "    kind: acute\n",
	 "4:5: missing key 'beds' in site SFT (required when no wards are listed)"},
	{"wards_empty",
	 SYSTEM
	 SITE("beds: 4, wards: []"),
	 "4:64: empty wards list (expected at least one ward)"},
	{"kind_sequence",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: [acute], beds: 452 }\n",
	 "4:41: wrong type for kind: expected acute, community or mental_health, "
	 "got a sequence"},
	{"kind_empty",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: , beds: 452 }\n",
	 "4:41: wrong type for kind: expected acute, community or mental_health, "
	 "got an empty value"},
	{"kind_case",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: Acute, beds: 452 }\n",
	 "4:41: unknown site kind 'Acute' (expected acute, community or mental_health)"},
	{"site_code_space",
	 SYSTEM
	 "sites:\n"
	 "  - { code: S F T, name: Salisbury, kind: acute, beds: 452 }\n",
	 "4:13: invalid site code 'S F T' (expected 1 to 16 letters, digits, '_' or '-')"},
	{"site_code_long",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SALISBURY_DISTRICT, name: Salisbury, kind: acute, beds: 452 }\n",
	 "4:13: invalid site code 'SALISBURY_DISTRICT' (expected 1 to 16 letters, digits, '_' or '-')"},
	{"site_name_empty",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: \"\", kind: acute, beds: 452 }\n",
	 "4:24: empty name (expected a non-empty string)"},
	{"system_name_null",
	 "system:\n"
	 "  name:\n"
	 SITES,
	 "2:8: empty name (expected a non-empty string)"},
	{"name_control_char",
	 "system:\n"
	 "  name: \"Wilt\\tshire\"\n"
	 SITES,
	 "2:9: invalid name (contains a control character)"},
	{"name_bidi_control", /* defect 16: U+202E in the system's name */
	 "system:\n"
	 "  name: \"Wilt\\u202eshire\"\n"
	 SITES,
	 "2:9: invalid name (contains a bidirectional control character)"},
	{"duplicate_key",
	 SYSTEM
	 "  name: Swindon\n"
	 SITES,
	 "3:3: duplicate key 'name' (first at line 2)"},
	{"duplicate_top_key",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: acute, beds: 452 }\n"
	 "system:\n"
	 "  name: Swindon\n",
	 "5:1: duplicate key 'system' (first at line 1)"},
	{"duplicate_metric",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct: { levels: [1, 2, 3] }\n"
	 "      g2g_pct: { levels: [4, 5, 6] }\n"
	 SITES,
	 "7:7: duplicate key 'g2g_pct' (first at line 6)"},
	{"missing_system_name",
	 "system: {}\n"
	 SITES,
	 "1:9: missing key 'name' in system"},
	{"missing_sites",
	 SYSTEM,
	 "1:1: missing key 'sites' at top level"},
	{"missing_system",
	 SITES,
	 "1:1: missing key 'system' at top level"},
	{"sites_empty",
	 SYSTEM
	 "sites: []\n",
	 "3:8: empty sites list (expected at least one site)"},
	{"sites_null",
	 SYSTEM
	 "sites:\n",
	 "3:7: empty sites list (expected at least one site)"},
	{"unknown_metric",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      beds_pct: { levels: [1, 2, 3] }\n"
	 SITES,
	 "6:7: unknown metric 'beds_pct' (expected occupancy_pct, g2g_pct, stranded_pct, super_stranded or delayed_bed_days_7d)"},
	{"metric_null",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct:\n"
	 SITES,
	 "6:15: wrong type for opel.acute.metrics.g2g_pct: expected a mapping, got an empty value"},
	{"metric_missing_levels",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct: { weight: 2 }\n"
	 SITES,
	 "6:16: missing key 'levels' in opel.acute.metrics.g2g_pct"},
	{"metrics_sequence",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      - g2g_pct\n"
	 SITES,
	 "6:7: wrong type for metrics: expected a mapping, got a sequence"},
	{"levels_two",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct: { levels: [10, 20] }\n"
	 SITES,
	 "6:26: levels has 2 values (expected 3 strictly increasing numbers)"},
	{"levels_scalar",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct: { levels: 10 }\n"
	 SITES,
	 "6:26: wrong type for levels: expected a sequence of 3 numbers, got '10'"},
	{"level_word",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct: { levels: [10, twenty, 30] }\n"
	 SITES,
	 "6:31: invalid level 'twenty' (expected a non-negative number)"},
	{"level_negative",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct: { levels: [-1, 20, 30] }\n"
	 SITES,
	 "6:27: invalid level '-1' (expected a non-negative number)"},
	{"level_equal",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct: { levels: [10, 10, 30] }\n"
	 SITES,
	 "6:31: levels not increasing: 10 then 10 (expected 3 strictly increasing numbers)"},
	{"weight_zero",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    metrics:\n"
	 "      g2g_pct: { levels: [1, 2, 3], weight: 0 }\n"
	 SITES,
	 "6:45: invalid weight '0' (expected a positive number)"},
	{"unknown_rule",
	 SYSTEM
	 "opel:\n"
	 "  acute:\n"
	 "    rule: worst\n"
	 SITES,
	 "5:11: unknown rule 'worst' (expected highest, weighted or points)"},
	{"bands_not_increasing",
	 SYSTEM
	 "opel:\n"
	 "  community:\n"
	 "    rule: weighted\n"
	 "    bands: [2, 4, 4]\n"
	 SITES,
	 "6:19: bands not increasing: 4 then 4 (expected 3 strictly increasing numbers)"},
	{"bands_with_highest",
	 SYSTEM
	 "opel:\n"
	 "  community:\n"
	 "    rule: highest\n"
	 "    bands: [2, 4, 6]\n"
	 SITES,
	 "6:12: bands given in opel.community but its rule is highest (bands only apply to rule weighted)"},
	{"bands_with_default_rule",
	 SYSTEM
	 "opel:\n"
	 "  community:\n"
	 "    bands: [2, 4, 6]\n"
	 SITES,
	 "5:12: bands given in opel.community but its rule is highest (bands only apply to rule weighted)"},
	{"unknown_opel_kind",
	 SYSTEM
	 "opel:\n"
	 "  hospital:\n"
	 "    rule: highest\n"
	 SITES,
	 "4:3: unknown key 'hospital' in opel (expected acute, community, mental_health, system_rule, system_scoring, system_weights or system_levels)"},
	{"unknown_system_rule",
	 SYSTEM
	 "opel:\n"
	 "  system_rule: average\n"
	 SITES,
	 "4:16: unknown system_rule 'average' (expected highest or beds_weighted)"},
	{"super_not_greater",
	 SYSTEM
	 "thresholds:\n"
	 "  stranded_days: 7\n"
	 "  super_stranded_days: 7\n"
	 SITES,
	 "5:24: super_stranded_days 7 not greater than stranded_days 7"},
	{"stranded_above_default",
	 SYSTEM
	 "thresholds:\n"
	 "  stranded_days: 30\n"
	 SITES,
	 "4:18: super_stranded_days 21 not greater than stranded_days 30"},
	{"midday_over_100",
	 SYSTEM
	 "thresholds:\n"
	 "  midday_discharge_target_pct: 120\n"
	 SITES,
	 "4:32: invalid midday_discharge_target_pct '120' (expected a number from 0 to 100)"},
	{"midday_percent_sign",
	 SYSTEM
	 "thresholds:\n"
	 "  midday_discharge_target_pct: 33%\n"
	 SITES,
	 "4:32: invalid midday_discharge_target_pct '33%' (expected a number from 0 to 100)"},
	{"month_13",
	 SYSTEM
	 "trajectory:\n"
	 "  - { from: 2018-13, bed_days: 1000 }\n"
	 SITES,
	 "4:13: invalid month '2018-13' (expected YYYY-MM)"},
	{"month_words",
	 SYSTEM
	 "trajectory:\n"
	 "  - { from: Aug 2018, bed_days: 1000 }\n"
	 SITES,
	 "4:13: invalid month 'Aug 2018' (expected YYYY-MM)"},
	{"month_with_day",
	 SYSTEM
	 "trajectory:\n"
	 "  - { from: 2018-08-01, bed_days: 1000 }\n"
	 SITES,
	 "4:13: invalid month '2018-08-01' (expected YYYY-MM)"},
	{"month_repeated",
	 SYSTEM
	 "trajectory:\n"
	 "  - { from: 2018-08, bed_days: 1000 }\n"
	 "  - { from: 2018-08, bed_days: 900 }\n"
	 SITES,
	 "5:13: trajectory month 2018-08 not after 2018-08 (expected strictly increasing months)"},
	{"bed_days_comma",
	 SYSTEM
	 "trajectory:\n"
	 "  - from: 2017-12\n"
	 "    bed_days: 1,325\n"
	 SITES,
	 "5:15: invalid bed_days '1,325' (expected a positive integer)"},
	{"bed_days_comma_flow",
	 SYSTEM
	 "trajectory:\n"
	 "  - { from: 2017-12, bed_days: 1,325 }\n"
	 SITES,
	 "4:34: unknown key '325' in trajectory point (expected from or bed_days)"},
	{"trajectory_mapping",
	 SYSTEM
	 "trajectory:\n"
	 "  from: 2017-12\n"
	 "  bed_days: 1325\n"
	 SITES,
	 "4:3: wrong type for trajectory: expected a sequence, got a mapping"},
	{"trajectory_missing_bed_days",
	 SYSTEM
	 "trajectory:\n"
	 "  - { from: 2017-12 }\n"
	 SITES,
	 "4:5: missing key 'bed_days' in trajectory point"},
	{"duplicate_delay_reason",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: hub }\n"
	 "  - { code: B, label: Funding, family: hub }\n"
	 "  - { code: A, label: Again, family: hub }\n"
	 SITES,
	 "6:13: duplicate delay reason code 'A' (first at line 4)"},
	{"duplicate_red_reason",
	 SYSTEM
	 "red_reasons:\n"
	 "  - { code: tto, label: Medicines }\n"
	 "  - { code: tto, label: Again }\n"
	 SITES,
	 "5:13: duplicate red reason code 'tto' (first at line 4)"},
	{"delay_reasons_empty",
	 SYSTEM
	 "delay_reasons: []\n"
	 SITES,
	 "3:16: empty delay_reasons list (expected at least one reason)"},
	{"reason_missing_label",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A }\n"
	 SITES,
	 "4:5: missing key 'label' in delay reason"},
	{"reason_code_space",
	 SYSTEM
	 "red_reasons:\n"
	 "  - { code: \"awaiting test\", label: Awaiting test }\n"
	 SITES,
	 "4:13: invalid red reason code 'awaiting test' (expected 1 to 16 letters, digits, '_' or '-')"},
	{"anchor",
	 "system: &sys\n"
	 "  name: Wiltshire\n"
	 SITES,
	 "1:9: anchor '&sys' not supported (write the value out in full)"},
	{"alias",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: acute, beds: 452 }\n"
	 "  - { code: GWH, name: Swindon, kind: acute, beds: *b }\n",
	 "5:52: alias '*b' not supported (write the value out in full)"},
	{"two_documents",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: acute, beds: 452 }\n"
	 "---\n"
	 "system:\n"
	 "  name: Wiltshire\n",
	 "5:1: more than one document (expected a single YAML document)"},
	{"complex_key",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: acute, beds: 452 }\n"
	 "? [a, b]\n"
	 ": c\n",
	 "5:3: wrong type for key: expected a string, got a sequence"},
	{"deep_nesting",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: acute, beds: 452 }\n"
	 "x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
	 "5:36: nesting deeper than 32 levels"},
	{"tab_indent",
	 "system:\n"
	 "\tname: Wiltshire\n"
	 SITES,
	 "2:1: syntax error: found character that cannot start any token (while scanning for the next token at line 2 column 1)"},
	{"unclosed_flow",
	 SYSTEM
	 "sites:\n"
	 "  - { code: SFT, name: Salisbury, kind: acute, beds: 452\n",
	 "5:1: syntax error: did not find expected ',' or '}' (while parsing a flow mapping at line 4 column 5)"},
	{"empty_string",
	 "",
	 "1:1: empty configuration (expected a mapping with system and sites)"},
	{"document_marker_only",
	 "---\n",
	 "2:1: empty configuration (expected a mapping with system and sites)"},
};

/* Realistic whole files under tests/data/config/. */
static const struct bad_case bad_files[] = {
	{"file_unknown_key", "unknown_key.yaml",
	 "10:43: unknown key 'bed' in ward (expected code, name or beds)"},
	{"file_wrong_type", "wrong_type.yaml",
	 "4:3: wrong type for sites: expected a sequence, got a mapping"},
	{"file_duplicate_site", "duplicate_site.yaml",
	 "12:11: duplicate site code 'SFT' (first at line 4)"},
	{"file_duplicate_ward", "duplicate_ward.yaml",
	 "10:17: duplicate ward code 'MAU' (first at line 8)"},
	{"file_unknown_kind", "unknown_kind.yaml",
	 "10:11: unknown site kind 'hospital' (expected acute, community or "
	 "mental_health)"},
	{"file_beds_disagree", "beds_disagree.yaml",
	 "7:11: beds 34 of site CHP do not match its wards' total of 32 (give "
	 "the same figure or leave beds out)"},
	{"file_weighted_no_bands", "weighted_no_bands.yaml",
	 "9:5: missing key 'bands' in opel.community (required by rule "
	 "weighted)"},
	{"file_levels_not_increasing", "levels_not_increasing.yaml",
	 "7:41: levels not increasing: 20 then 15 (expected 3 strictly "
	 "increasing numbers)"},
	{"file_trajectory_order", "trajectory_order.yaml",
	 "6:13: trajectory month 2018-04 not after 2018-08 (expected strictly "
	 "increasing months)"},
	{"file_bad_indentation", "bad_indentation.yaml",
	 "3:17: syntax error: mapping values are not allowed in this context"},
	{"file_unclosed_quote", "unclosed_quote.yaml",
	 "5:1: syntax error: found unexpected end of stream (while scanning a "
	 "quoted scalar at line 2 column 9)"},
	{"file_empty", "empty.yaml",
	 "1:1: empty configuration (expected a mapping with system and sites)"},
	{"file_comments_only", "comments_only.yaml",
	 "1:1: empty configuration (expected a mapping with system and sites)"},
};

static void test_bad_file(void **state)
{
	const struct bad_case *c = *state;

	expect_file_error(c->text, c->want);
}

/* Bytes that are not UTF-8 are reported where they are. */
static void test_bad_utf8(void **state)
{
	(void)state;
	expect_text_error("system:\n  name: Wilt\xffshire\n" SITES,
			  "2:13: syntax error: invalid leading UTF-8 octet");
}

/* A NUL written as an escape must not cut a value short. */
static void test_nul_escape(void **state)
{
	(void)state;
	expect_text_error(SYSTEM SITE("beds: \"45\\0x\""),
			  "4:54: invalid beds '45?x' (expected a positive "
			  "integer)");
}

static void test_missing_file(void **state)
{
	struct sr_error err = {0};
	char *path = fixture("no-such-file.yaml");
	char *want = xasprintf("cannot open %s: No such file or directory",
			       path);

	(void)state;
	assert_null(config_load(path, &err));
	assert_int_equal(err.status, SR_ENOTFOUND);
	assert_string_equal(err.msg, want);
	free(want);
	free(path);
}

static void test_directory(void **state)
{
	struct sr_error err = {0};
	char *path = source_path("tests/data/config");
	char *want = xasprintf("cannot read %s: Is a directory", path);

	(void)state;
	assert_null(config_load(path, &err));
	assert_int_equal(err.status, SR_EIO);
	assert_string_equal(err.msg, want);
	free(want);
	free(path);
}

/* ---- config_find ------------------------------------------------------ */

static char *make_file(const char *dir, const char *rel)
{
	char *path = xasprintf("%s/%s", dir, rel);
	char *slash;
	FILE *f;

	for (slash = strchr(path + strlen(dir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(SYSTEM SITES, f);
	fclose(f);
	return path;
}

/* Removes dir/rel and its parents up to, not including, dir. */
static void remove_dirs(const char *dir, const char *rel)
{
	char *path = xasprintf("%s/%s", dir, rel);
	char *slash;

	while (strlen(path) > strlen(dir)) {
		rmdir(path);
		slash = strrchr(path, '/');
		*slash = '\0';
	}
	free(path);
}

static void expect_found(const char *explicit_path, const char *want)
{
	struct sr_error err = {0};
	char *got = config_find(explicit_path, &err);

	if (!got)
		fail_msg("config_find failed: %s", err.msg);
	assert_string_equal(got, want);
	free(got);
}

static void test_find_order(void **state)
{
	char dir[] = "/tmp/sitrep-test-config-XXXXXX";
	char *xdg, *home, *xdg_file, *home_file;

	(void)state;
	assert_non_null(mkdtemp(dir));
	xdg = xasprintf("%s/xdg", dir);
	home = xasprintf("%s/home", dir);
	xdg_file = make_file(dir, "xdg/sitrep/sitrep.yaml");
	home_file = make_file(dir, "home/.config/sitrep/sitrep.yaml");

	setenv("SITREP_CONFIG", "/nowhere/env.yaml", 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", home, 1);
	/* Explicit and environment paths are returned even if missing. */
	expect_found("/nowhere/explicit.yaml", "/nowhere/explicit.yaml");
	expect_found(NULL, "/nowhere/env.yaml");
	setenv("SITREP_CONFIG", "", 1);
	expect_found(NULL, xdg_file);
	unsetenv("SITREP_CONFIG");
	expect_found(NULL, xdg_file);
	unsetenv("XDG_CONFIG_HOME");
	expect_found(NULL, home_file);
	/* A relative XDG_CONFIG_HOME is ignored, as the XDG spec says. */
	setenv("XDG_CONFIG_HOME", "xdg", 1);
	expect_found(NULL, home_file);

	unlink(xdg_file);
	unlink(home_file);
	remove_dirs(dir, "xdg/sitrep");
	remove_dirs(dir, "home/.config/sitrep");
	rmdir(dir);
	free(xdg_file);
	free(home_file);
	free(xdg);
	free(home);
}

static void test_find_nothing(void **state)
{
	char dir[] = "/tmp/sitrep-test-config-XXXXXX";
	struct sr_error err = {0};
	char *want;

	(void)state;
	if (access("/etc/sitrep/sitrep.yaml", F_OK) == 0)
		skip();
	assert_non_null(mkdtemp(dir));
	unsetenv("SITREP_CONFIG");
	setenv("XDG_CONFIG_HOME", dir, 1);
	assert_null(config_find(NULL, &err));
	assert_int_equal(err.status, SR_ENOTFOUND);
	want = xasprintf("no configuration file found (looked for "
			 "%s/sitrep/sitrep.yaml and /etc/sitrep/sitrep.yaml; "
			 "use --config FILE or set SITREP_CONFIG)", dir);
	assert_string_equal(err.msg, want);
	free(want);
	rmdir(dir);
}

/* ---- names ------------------------------------------------------------ */

static void test_names(void **state)
{
	enum site_kind k;
	enum opel_metric m;
	enum agency a;

	(void)state;
	assert_true(site_kind_parse("mental_health", &k));
	assert_int_equal(k, SITE_MENTAL_HEALTH);
	assert_string_equal(site_kind_name(k), "mental_health");
	assert_string_equal(site_kind_label(k), "Mental health");
	assert_false(site_kind_parse("hospital", &k));
	assert_true(opel_metric_parse("delayed_bed_days_7d", &m));
	assert_int_equal(m, METRIC_DELAYED_BED_DAYS_7D);
	assert_string_equal(opel_metric_label(m), "DBD7");
	assert_string_equal(opel_metric_name(METRIC_G2G_PCT), "g2g_pct");
	assert_non_null(opel_metric_definition(METRIC_SUPER_STRANDED));
	assert_false(opel_metric_parse("occupancy", &m));
	assert_true(agency_parse("ASC", &a));
	assert_int_equal(a, AGENCY_ASC);
	assert_true(agency_parse("both", &a));
	assert_string_equal(agency_code(a), "both");
	assert_string_equal(agency_label(AGENCY_NHS), "NHS");
	assert_false(agency_parse("council", &a));
}

/* ---- running ---------------------------------------------------------- */

static const struct CMUnitTest fixed_tests[] = {
	cmocka_unit_test(test_example_sites),
	cmocka_unit_test(test_example_settings),
	cmocka_unit_test(test_trajectory_boundaries),
	cmocka_unit_test(test_defaults),
	cmocka_unit_test(test_accepted_forms),
	cmocka_unit_test(test_empty_optional_blocks),
	cmocka_unit_test(test_bad_utf8),
	cmocka_unit_test(test_nul_escape),
	cmocka_unit_test(test_missing_file),
	cmocka_unit_test(test_directory),
	cmocka_unit_test(test_find_order),
	cmocka_unit_test(test_find_nothing),
	cmocka_unit_test(test_names),
};

int main(void)
{
	static const struct bad_table tables[] = {
		{bad_texts, ARRAY_SIZE(bad_texts), test_bad_text},
		{bad_files, ARRAY_SIZE(bad_files), test_bad_file},
	};

	return run_config_tests("config", fixed_tests, ARRAY_SIZE(fixed_tests),
				tables, ARRAY_SIZE(tables));
}
