/* Unit tests for the named enumerations (include/sitrep/config.h and
 * include/sitrep/stay.h): for each, every row's name parses back to its
 * value and prints as the same name, every value has a label, and names
 * not in the table (other case where case matters, empty, NULL, a label,
 * a prefix) are refused without touching the output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sitrep/config.h"
#include "sitrep/stay.h"

/* The shared checks, over one enumeration's three functions through
 * int-typed adapters. */
struct named {
	int count;
	const char *(*name)(int v);
	const char *(*label)(int v);
	bool (*parse)(const char *s, int *out);
};

static void check_round_trip(const struct named *e)
{
	for (int v = 0; v < e->count; v++) {
		const char *name = e->name(v);
		int back = -1;

		assert_non_null(name);
		assert_string_not_equal(name, "?");
		assert_non_null(e->label(v));
		assert_string_not_equal(e->label(v), "?");
		assert_true(e->parse(name, &back));
		assert_int_equal(back, v);
		assert_string_equal(e->name(back), name);
		/* Names are distinct. */
		for (int w = 0; w < v; w++)
			assert_string_not_equal(e->name(w), name);
	}
	assert_string_equal(e->name(e->count), "?");
	assert_string_equal(e->name(-1), "?");
	assert_string_equal(e->label(e->count), "?");
}

static void check_refused(const struct named *e, const char *s)
{
	int out = 12345;

	assert_false(e->parse(s, &out));
	assert_int_equal(out, 12345);
}

static void check_common_refusals(const struct named *e)
{
	char longer[64];

	check_refused(e, NULL);
	check_refused(e, "");
	check_refused(e, "nonsense");
	for (int v = 0; v < e->count; v++) {
		size_t n = strlen(e->name(v));

		snprintf(longer, sizeof(longer), "%s ", e->name(v));
		check_refused(e, longer);
		snprintf(longer, sizeof(longer), " %s", e->name(v));
		check_refused(e, longer);
		if (n > 1) {
			snprintf(longer, sizeof(longer), "%.*s", (int)n - 1,
				 e->name(v));
			check_refused(e, longer);
		}
	}
}

/* ---- adapters ---- */

#define ADAPT(prefix, type, name_fn, label_fn, parse_fn)                 \
	static const char *prefix##_n(int v)                            \
	{                                                               \
		return name_fn((type)v);                                \
	}                                                               \
	static const char *prefix##_l(int v)                            \
	{                                                               \
		return label_fn((type)v);                               \
	}                                                               \
	static bool prefix##_p(const char *s, int *out)                 \
	{                                                               \
		type t;                                                 \
                                                                        \
		if (!parse_fn(s, &t))                                   \
			return false;                                   \
		*out = (int)t;                                          \
		return true;                                            \
	}

ADAPT(kind, enum site_kind, site_kind_name, site_kind_label,
      site_kind_parse)
ADAPT(agency, enum agency, agency_code, agency_label, agency_parse)
ADAPT(metric, enum opel_metric, opel_metric_name, opel_metric_label,
      opel_metric_parse)
ADAPT(rule, enum opel_rule_kind, opel_rule_name, opel_rule_label,
      opel_rule_parse)
ADAPT(sysrule, enum system_rule_kind, system_rule_name, system_rule_label,
      system_rule_parse)
ADAPT(pathway, enum pathway, pathway_name, pathway_label, pathway_parse)
ADAPT(mark, enum day_mark, day_mark_name, day_mark_label, day_mark_parse)

static const struct named kinds = {SITE_KIND_COUNT, kind_n, kind_l, kind_p};
static const struct named agencies = {AGENCY_COUNT, agency_n, agency_l,
				      agency_p};
static const struct named metrics = {METRIC_COUNT, metric_n, metric_l,
				     metric_p};
static const struct named rules = {OPEL_RULE_COUNT, rule_n, rule_l, rule_p};
static const struct named sysrules = {SYSTEM_RULE_COUNT, sysrule_n,
				      sysrule_l, sysrule_p};
static const struct named pathways = {PATHWAY_COUNT, pathway_n, pathway_l,
				      pathway_p};
static const struct named marks = {DAY_MARK_COUNT, mark_n, mark_l, mark_p};

/* ---- one test per enumeration ---- */

static void test_site_kind(void **state)
{
	(void)state;
	check_round_trip(&kinds);
	check_common_refusals(&kinds);
	assert_string_equal(site_kind_name(SITE_MENTAL_HEALTH),
			    "mental_health");
	assert_string_equal(site_kind_label(SITE_MENTAL_HEALTH),
			    "Mental health");
	check_refused(&kinds, "Acute");       /* the config is exact */
	check_refused(&kinds, "Mental health"); /* a label is not a name */
}

static void test_agency(void **state)
{
	enum agency a = AGENCY_NHS;

	(void)state;
	check_round_trip(&agencies);
	check_common_refusals(&agencies);
	assert_string_equal(agency_label(AGENCY_ASC), "Social care");
	/* Any case: exports write "nhs" or "Both". */
	assert_true(agency_parse("Both", &a));
	assert_int_equal(a, AGENCY_BOTH);
	assert_true(agency_parse("asc", &a));
	assert_int_equal(a, AGENCY_ASC);
	check_refused(&agencies, "Social care");
}

static void test_opel_metric(void **state)
{
	(void)state;
	check_round_trip(&metrics);
	check_common_refusals(&metrics);
	assert_string_equal(opel_metric_name(METRIC_G2G_PCT), "g2g_pct");
	assert_string_equal(opel_metric_label(METRIC_G2G_PCT), "G2G%");
	assert_string_equal(opel_metric_definition(METRIC_SUPER_STRANDED),
			    "super-stranded patients (count)");
	assert_string_equal(opel_metric_definition(METRIC_COUNT), "?");
	check_refused(&metrics, "G2G_PCT");
}

static void test_opel_rule(void **state)
{
	(void)state;
	check_round_trip(&rules);
	check_common_refusals(&rules);
	assert_string_equal(opel_rule_name(OPEL_RULE_WEIGHTED), "weighted");
	check_refused(&rules, "beds_weighted");
	check_refused(&rules, "Highest");
}

static void test_system_rule(void **state)
{
	(void)state;
	check_round_trip(&sysrules);
	check_common_refusals(&sysrules);
	assert_string_equal(system_rule_name(SYSTEM_RULE_BEDS_WEIGHTED),
			    "beds_weighted");
	/* The board reads "the LABEL of the sites' levels". */
	assert_string_equal(system_rule_label(SYSTEM_RULE_BEDS_WEIGHTED),
			    "beds-weighted mean");
	check_refused(&sysrules, "weighted");
}

static void test_pathway(void **state)
{
	(void)state;
	check_round_trip(&pathways);
	check_common_refusals(&pathways);
	assert_string_equal(pathway_name(PATHWAY_0), "0");
	assert_string_equal(pathway_name(PATHWAY_3), "3");
	assert_string_equal(pathway_label(PATHWAY_1),
			    "home with support (reablement, D2A)");
	check_refused(&pathways, "4");
	check_refused(&pathways, "-1");
	check_refused(&pathways, "01");
	check_refused(&pathways, "2x");
}

static void test_day_mark(void **state)
{
	(void)state;
	check_round_trip(&marks);
	check_common_refusals(&marks);
	assert_string_equal(day_mark_name(DAY_MARK_RED), "red");
	assert_string_equal(day_mark_name(DAY_MARK_GREEN), "green");
	check_refused(&marks, "Red");
	check_refused(&marks, "clear");
	check_refused(&marks, "amber");
}

static void test_nhs_check_text(void **state)
{
	(void)state;
	assert_string_equal(nhs_check_text(NHS_OK), "valid");
	assert_string_equal(nhs_check_text(NHS_BAD_CHECK),
			    "check digit does not match");
	assert_string_equal(nhs_check_text((enum nhs_check)99),
			    "unknown problem");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_site_kind),
		cmocka_unit_test(test_agency),
		cmocka_unit_test(test_opel_metric),
		cmocka_unit_test(test_opel_rule),
		cmocka_unit_test(test_system_rule),
		cmocka_unit_test(test_pathway),
		cmocka_unit_test(test_day_mark),
		cmocka_unit_test(test_nhs_check_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
