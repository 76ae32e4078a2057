/* Unit tests for the keys the daily call works from (src/config_blockers.c
 * and the built-in vocabularies of src/config.c): delay_vocabulary and
 * delay_reasons with families and agencies, owners, escalation, call and
 * nctr_label, and every malformed form with its exact FILE:LINE:COLUMN
 * message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config.h"
#include "sitrep/util.h"

#include "config_test.h"

#define NONE (-1)

struct want_reason {
	const char *code;
	enum blocker_family family;
	int agency;
};

static void expect_reasons(const struct config *cfg,
			   const struct want_reason *want, size_t n)
{
	assert_int_equal(cfg->ndelay_reasons, n);
	for (size_t i = 0; i < n; i++) {
		const struct reason_cfg *r = &cfg->delay_reasons[i];

		assert_string_equal(r->code, want[i].code);
		if (r->family != want[i].family || r->agency != want[i].agency)
			fail_msg("%s: family %s agency %d, expected %s and %d",
				 r->code, blocker_family_name(r->family),
				 r->agency, blocker_family_name(want[i].family),
				 want[i].agency);
		assert_true(strlen(r->code) <= 16);
		assert_true(strlen(r->label) > 0);
		assert_ptr_equal(config_delay_reason(cfg, r->code), r);
	}
}

/* ---- the built-in vocabularies ---------------------------------------- */

static void test_national_default(void **state)
{
	static const struct want_reason want[] = {
		{"HP-MED", FAMILY_HOSPITAL, AGENCY_NHS},
		{"HP-THERAPY", FAMILY_HOSPITAL, AGENCY_NHS},
		{"HP-REFER", FAMILY_HOSPITAL, AGENCY_NHS},
		{"HP-TTO", FAMILY_HOSPITAL, AGENCY_NHS},
		{"HP-TRANSPORT", FAMILY_HOSPITAL, AGENCY_NHS},
		{"HUB-REFERRAL", FAMILY_HUB, AGENCY_BOTH},
		{"HUB-NEEDS", FAMILY_HUB, AGENCY_BOTH},
		{"HUB-FUNDING", FAMILY_HUB, AGENCY_BOTH},
		{"IF-P1", FAMILY_INTERFACE, AGENCY_BOTH},
		{"IF-P2", FAMILY_INTERFACE, AGENCY_BOTH},
		{"IF-P3", FAMILY_INTERFACE, AGENCY_BOTH},
		{"IF-OOA", FAMILY_INTERFACE, AGENCY_BOTH},
		{"CAP-P1", FAMILY_CAPACITY, AGENCY_BOTH},
		{"CAP-CARE", FAMILY_CAPACITY, AGENCY_ASC},
		{"CAP-P2", FAMILY_CAPACITY, AGENCY_BOTH},
		{"CAP-P3", FAMILY_CAPACITY, AGENCY_ASC},
		{"CAP-EQUIP", FAMILY_CAPACITY, AGENCY_BOTH},
		{"CAP-HOUSING", FAMILY_CAPACITY, NONE},
		{"WB-CONCERN", FAMILY_WELLBEING, NONE},
		{"WB-CHOICE", FAMILY_WELLBEING, NONE},
		{"WB-MCA", FAMILY_WELLBEING, NONE},
		{"WB-SAFEGUARD", FAMILY_WELLBEING, NONE},
	};
	struct config *cfg = load_text(SYSTEM SITES);

	(void)state;
	assert_int_equal(cfg->vocabulary, VOCAB_NATIONAL);
	assert_false(cfg->own_vocabulary);
	expect_reasons(cfg, want, ARRAY_SIZE(want));
	assert_string_equal(config_delay_reason(cfg, "HP-TTO")->label,
			    "Awaiting medicines to take home");
	config_free(cfg);
	/* Named, the same list. */
	cfg = load_text(SYSTEM "delay_vocabulary: national\n" SITES);
	assert_int_equal(cfg->vocabulary, VOCAB_NATIONAL);
	expect_reasons(cfg, want, ARRAY_SIZE(want));
	config_free(cfg);
}

static void test_dtoc(void **state)
{
	static const struct want_reason want[] = {
		{"A", FAMILY_HUB, AGENCY_BOTH},
		{"B", FAMILY_HUB, AGENCY_BOTH},
		{"C", FAMILY_CAPACITY, AGENCY_NHS},
		{"D1", FAMILY_CAPACITY, AGENCY_ASC},
		{"D2", FAMILY_CAPACITY, AGENCY_ASC},
		{"E", FAMILY_CAPACITY, AGENCY_ASC},
		{"F", FAMILY_CAPACITY, AGENCY_BOTH},
		{"G", FAMILY_WELLBEING, NONE},
		{"H", FAMILY_WELLBEING, NONE},
		{"I", FAMILY_CAPACITY, NONE},
		{"O", FAMILY_HOSPITAL, NONE},
	};
	struct config *cfg = load_text(SYSTEM "delay_vocabulary: dtoc\n" SITES);

	(void)state;
	assert_int_equal(cfg->vocabulary, VOCAB_DTOC);
	assert_false(cfg->own_vocabulary);
	expect_reasons(cfg, want, ARRAY_SIZE(want));
	/* The labels the DTOC returns used, as before the vocabularies. */
	assert_string_equal(config_delay_reason(cfg, "D1")->label,
			    "Residential home");
	assert_string_equal(config_delay_reason(cfg, "F")->label,
			    "Community equipment / adaptations");
	assert_null(config_delay_reason(cfg, "HP-MED"));
	config_free(cfg);
}

/* The annotated example: DTOC, its owners, escalation and call. */
static void test_example(void **state)
{
	static const char *const roles[] = {
		"Discharge hub lead", "Associate director", "Director",
	};
	static const struct escalation_cfg rules[] = {
		{ESCALATE_DELAY_DAYS, 7, 0},
		{ESCALATE_DELAY_DAYS, 14, 1},
		{ESCALATE_DELAY_DAYS, 21, 2},
		{ESCALATE_OVERDUE_DAYS, 2, 0},
		{ESCALATE_OVERDUE_DAYS, 5, 1},
	};
	struct config *cfg = load_source("config/sitrep.yaml");
	const struct owner_cfg *o;

	(void)state;
	assert_int_equal(cfg->vocabulary, VOCAB_DTOC);
	assert_false(cfg->own_vocabulary);
	assert_int_equal(cfg->ndelay_reasons, 11);
	assert_int_equal(cfg->nowners, 6);
	o = config_owner(cfg, "hub");
	assert_non_null(o);
	assert_true(o->team);
	assert_int_equal(o->agency, AGENCY_BOTH);
	for (const char *const *c = (const char *const[]){"asc-wilts",
	     "asc-swin", "asc-banes", NULL}; *c; c++) {
		o = config_owner(cfg, *c);
		assert_non_null(o);
		assert_true(o->team);
		assert_int_equal(o->agency, AGENCY_ASC);
	}
	o = config_owner(cfg, "sft-dc1");
	assert_non_null(o);
	assert_false(o->team);
	assert_null(config_owner(cfg, "HUB"));
	assert_int_equal(cfg->nroles, ARRAY_SIZE(roles));
	for (size_t i = 0; i < ARRAY_SIZE(roles); i++)
		assert_string_equal(cfg->roles[i], roles[i]);
	assert_int_equal(cfg->nescalations, ARRAY_SIZE(rules));
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		assert_int_equal(cfg->escalations[i].on, rules[i].on);
		assert_int_equal(cfg->escalations[i].at, rules[i].at);
		assert_int_equal(cfg->escalations[i].role, rules[i].role);
	}
	assert_int_equal(cfg->call_minute, 8 * 60 + 30);
	assert_string_equal(cfg->nctr_label, "NCTR");
	config_free(cfg);
}

/* Without the keys: no owners, roles or rules; 08:30; NCTR. */
static void test_defaults(void **state)
{
	struct config *cfg = load_text(SYSTEM "owners:\nescalation: ~\n"
				       "call:\n" SITES);

	(void)state;
	assert_int_equal(cfg->nowners, 0);
	assert_null(config_owner(cfg, "hub"));
	assert_int_equal(cfg->nroles, 0);
	assert_int_equal(cfg->nescalations, 0);
	assert_int_equal(cfg->call_minute, 510);
	assert_string_equal(cfg->nctr_label, "NCTR");
	config_free(cfg);
}

/* ---- accepted forms --------------------------------------------------- */

static void test_own_reasons(void **state)
{
	static const struct want_reason want[] = {
		{"P1", FAMILY_CAPACITY, AGENCY_BOTH},
		{"tto", FAMILY_HOSPITAL, AGENCY_NHS},
		{"choice", FAMILY_WELLBEING, NONE},
		{"hub-1", FAMILY_HUB, AGENCY_ASC},
		{"ooa", FAMILY_INTERFACE, AGENCY_BOTH},
	};
	struct config *cfg = load_text(SYSTEM
		"delay_reasons:\n"
		"  - { code: P1, label: Pathway 1, family: capacity, "
		"agency: Both }\n"
		"  - { code: tto, label: Medicines, family: hospital, "
		"agency: nhs }\n"
		"  - { code: choice, label: Choice, family: wellbeing }\n"
		"  - code: hub-1\n"
		"    label: Hub\n"
		"    family: hub\n"
		"    agency: ASC\n"
		"  - { code: ooa, label: Out of area, family: interface, "
		"agency: both }\n"
		"red_reasons:\n"
		"  - { code: test, label: Awaiting test }\n" SITES);

	(void)state;
	assert_true(cfg->own_vocabulary);
	expect_reasons(cfg, want, ARRAY_SIZE(want));
	assert_int_equal(cfg->nred_reasons, 1);
	assert_int_equal(cfg->red_reasons[0].agency, NONE);
	config_free(cfg);
}

/* Rules may come before the roles they name; a rule at 0 days. */
static void test_rules_before_roles(void **state)
{
	struct config *cfg = load_text(SYSTEM
		"escalation:\n"
		"  rules:\n"
		"    - { overdue_days: 0, to: Lead }\n"
		"    - delay_days: 10\n"
		"      to: Director\n"
		"  roles: [Lead, Director]\n" SITES);

	(void)state;
	assert_int_equal(cfg->nroles, 2);
	assert_int_equal(cfg->nescalations, 2);
	assert_int_equal(cfg->escalations[0].on, ESCALATE_OVERDUE_DAYS);
	assert_int_equal(cfg->escalations[0].at, 0);
	assert_int_equal(cfg->escalations[0].role, 0);
	assert_int_equal(cfg->escalations[1].on, ESCALATE_DELAY_DAYS);
	assert_int_equal(cfg->escalations[1].at, 10);
	assert_int_equal(cfg->escalations[1].role, 1);
	config_free(cfg);
}

static void test_call_and_label(void **state)
{
	static const struct {
		const char *time;
		int minute;
	} times[] = {
		{"\"08:30\"", 510}, {"8:30", 510}, {"07:05", 425},
		{"00:00", 0}, {"23:59", 1439}, {"'12:00'", 720},
	};
	static const char *const labels[] = {
		"G2G", "\"NCTR\"", "MFFD", "\"12345678\"", "\"待機中\"",
		"\"Cafe\xcc\x81 ok\"", /* a combining accent takes no column */
	};
	char text[256];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(times); i++) {
		struct config *cfg;

		snprintf(text, sizeof(text), SYSTEM "call: { time: %s }\n"
			 SITES, times[i].time);
		cfg = load_text(text);
		assert_int_equal(cfg->call_minute, times[i].minute);
		config_free(cfg);
	}
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++) {
		struct config *cfg;
		size_t n = strlen(labels[i]);
		int quoted = labels[i][0] == '"';

		snprintf(text, sizeof(text), SYSTEM "nctr_label: %s\n" SITES,
			 labels[i]);
		cfg = load_text(text);
		assert_int_equal(strlen(cfg->nctr_label), n - 2 * quoted);
		assert_memory_equal(cfg->nctr_label, labels[i] + quoted,
				    n - 2 * quoted);
		config_free(cfg);
	}
}

static void test_names(void **state)
{
	enum blocker_family f;
	enum vocabulary v;
	enum escalate_on e;

	(void)state;
	assert_true(blocker_family_parse("interface", &f));
	assert_int_equal(f, FAMILY_INTERFACE);
	assert_string_equal(blocker_family_label(FAMILY_HUB),
			    "Care transfer hub process");
	assert_string_equal(blocker_family_name(FAMILY_WELLBEING),
			    "wellbeing");
	assert_false(blocker_family_parse("Hospital", &f));
	assert_string_equal(blocker_family_name((enum blocker_family)99),
			    "?");
	assert_true(vocabulary_parse("dtoc", &v));
	assert_int_equal(v, VOCAB_DTOC);
	assert_string_equal(vocabulary_name(VOCAB_NATIONAL), "national");
	assert_false(vocabulary_parse("DTOC", &v));
	assert_true(escalate_on_parse("overdue_days", &e));
	assert_int_equal(e, ESCALATE_OVERDUE_DAYS);
	assert_string_equal(escalate_on_label(ESCALATE_DELAY_DAYS),
			    "days delayed");
	assert_false(escalate_on_parse("days", &e));
}

/* ---- malformed -------------------------------------------------------- */

#define ROLES "  roles: [Lead, Director]\n"

static const struct bad_case bad_texts[] = {
	{"vocabulary_unknown",
	 SYSTEM
	 "delay_vocabulary: nhs\n"
	 SITES,
	 "3:19: unknown delay_vocabulary 'nhs' (expected national or dtoc)"},
	{"vocabulary_sequence",
	 SYSTEM
	 "delay_vocabulary: [dtoc]\n"
	 SITES,
	 "3:19: wrong type for delay_vocabulary: expected national or dtoc, got a sequence"},
	{"vocabulary_then_reasons",
	 SYSTEM
	 "delay_vocabulary: dtoc\n"
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: hub }\n"
	 SITES,
	 "5:3: delay_reasons given with delay_vocabulary at line 3 (give one: a built-in delay_vocabulary applies only when delay_reasons is left out)"},
	{"reasons_then_vocabulary",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: hub }\n"
	 "delay_vocabulary: national\n"
	 SITES,
	 "5:19: delay_vocabulary given with delay_reasons at line 4 (give one: a built-in delay_vocabulary applies only when delay_reasons is left out)"},
	{"reason_missing_family",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment }\n"
	 SITES,
	 "4:5: missing key 'family' in delay reason"},
	{"reason_unknown_family",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: social }\n"
	 SITES,
	 "4:43: unknown family 'social' (expected hospital, hub, interface, capacity or wellbeing)"},
	{"reason_family_case",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: Hub }\n"
	 SITES,
	 "4:43: unknown family 'Hub' (expected hospital, hub, interface, capacity or wellbeing)"},
	{"reason_family_empty",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: }\n"
	 SITES,
	 "4:43: wrong type for family: expected hospital, hub, interface, capacity or wellbeing, got an empty value"},
	{"reason_unknown_agency",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: hub, agency: council }\n"
	 SITES,
	 "4:56: unknown agency 'council' (expected NHS, ASC or both)"},
	{"reason_agency_sequence",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: hub, agency: [NHS, ASC] }\n"
	 SITES,
	 "4:56: wrong type for agency: expected NHS, ASC or both, got a sequence"},
	{"reason_unknown_key",
	 SYSTEM
	 "delay_reasons:\n"
	 "  - { code: A, label: Assessment, family: hub, owner: hub }\n"
	 SITES,
	 "4:48: unknown key 'owner' in delay reason (expected code, label, family or agency)"},
	{"red_reason_family",
	 SYSTEM
	 "red_reasons:\n"
	 "  - { code: test, label: Awaiting test, family: hospital }\n"
	 SITES,
	 "4:41: unknown key 'family' in red reason (expected code or label)"},
	{"owners_empty",
	 SYSTEM
	 "owners: []\n"
	 SITES,
	 "3:9: empty owners list (expected at least one owner)"},
	{"owners_mapping",
	 SYSTEM
	 "owners:\n"
	 "  hub: Discharge hub\n"
	 SITES,
	 "4:3: wrong type for owners: expected a sequence, got a mapping"},
	{"owner_missing_kind",
	 SYSTEM
	 "owners:\n"
	 "  - { code: hub, name: Discharge hub }\n"
	 SITES,
	 "4:5: missing key 'kind' in owner"},
	{"owner_unknown_kind",
	 SYSTEM
	 "owners:\n"
	 "  - { code: hub, name: Discharge hub, kind: group }\n"
	 SITES,
	 "4:45: unknown owner kind 'group' (expected person or team)"},
	{"owner_unknown_agency",
	 SYSTEM
	 "owners:\n"
	 "  - { code: hub, name: Discharge hub, kind: team, agency: LA }\n"
	 SITES,
	 "4:59: unknown agency 'LA' (expected NHS, ASC or both)"},
	{"owner_duplicate",
	 SYSTEM
	 "owners:\n"
	 "  - { code: hub, name: Discharge hub, kind: team }\n"
	 "  - { code: asc, name: Social care, kind: team }\n"
	 "  - { code: hub, name: Hub again, kind: team }\n"
	 SITES,
	 "6:13: duplicate owner code 'hub' (first at line 4)"},
	{"owner_code_space",
	 SYSTEM
	 "owners:\n"
	 "  - { code: \"discharge hub\", name: Discharge hub, kind: team }\n"
	 SITES,
	 "4:13: invalid owner code 'discharge hub' (expected 1 to 16 letters, digits, '_' or '-')"},
	{"owner_name_empty",
	 SYSTEM
	 "owners:\n"
	 "  - { code: hub, name: \"  \", kind: team }\n"
	 SITES,
	 "4:24: empty name (expected a non-empty string)"},
	{"owner_unknown_key",
	 SYSTEM
	 "owners:\n"
	 "  - { code: hub, name: Discharge hub, kind: team, phone: 1234 }\n"
	 SITES,
	 "4:51: unknown key 'phone' in owner (expected code, name, kind or agency)"},
	{"escalation_sequence",
	 SYSTEM
	 "escalation:\n"
	 "  - { delay_days: 7, to: Lead }\n"
	 SITES,
	 "4:3: wrong type for escalation: expected a mapping, got a sequence"},
	{"escalation_unknown_key",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  levels: []\n"
	 SITES,
	 "5:3: unknown key 'levels' in escalation (expected roles or rules)"},
	{"escalation_missing_roles",
	 SYSTEM
	 "escalation:\n"
	 "  rules:\n"
	 "    - { delay_days: 7, to: Lead }\n"
	 SITES,
	 "4:3: missing key 'roles' in escalation"},
	{"escalation_missing_rules",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 SITES,
	 "4:3: missing key 'rules' in escalation"},
	{"escalation_rules_empty",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules: []\n"
	 SITES,
	 "5:10: empty rules list (expected at least one rule)"},
	{"escalation_rules_null",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 SITES,
	 "5:9: empty rules list (expected at least one rule)"},
	{"roles_empty",
	 SYSTEM
	 "escalation:\n"
	 "  roles: []\n"
	 "  rules:\n"
	 "    - { delay_days: 7, to: Lead }\n"
	 SITES,
	 "4:10: empty roles list (expected at least one role)"},
	{"roles_scalar",
	 SYSTEM
	 "escalation:\n"
	 "  roles: Lead\n"
	 "  rules:\n"
	 "    - { delay_days: 7, to: Lead }\n"
	 SITES,
	 "4:10: wrong type for roles: expected a sequence, got 'Lead'"},
	{"role_duplicate",
	 SYSTEM
	 "escalation:\n"
	 "  roles:\n"
	 "    - Lead\n"
	 "    - Director\n"
	 "    - Lead\n"
	 "  rules:\n"
	 "    - { delay_days: 7, to: Lead }\n"
	 SITES,
	 "7:7: duplicate role 'Lead' (first at line 5)"},
	{"role_empty",
	 SYSTEM
	 "escalation:\n"
	 "  roles: [Lead, \"\"]\n"
	 "  rules:\n"
	 "    - { delay_days: 7, to: Lead }\n"
	 SITES,
	 "4:17: empty role (expected a non-empty string)"},
	{"role_mapping",
	 SYSTEM
	 "escalation:\n"
	 "  roles: [{ name: Lead }]\n"
	 "  rules:\n"
	 "    - { delay_days: 7, to: Lead }\n"
	 SITES,
	 "4:11: wrong type for role: expected a string, got a mapping"},
	{"rule_unknown_role",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { delay_days: 7, to: Lead }\n"
	 "    - { delay_days: 21, to: Directr }\n"
	 SITES,
	 "7:29: unknown role 'Directr' (expected one of roles: Lead or Director)"},
	{"rule_role_case",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { delay_days: 7, to: lead }\n"
	 SITES,
	 "6:28: unknown role 'lead' (expected one of roles: Lead or Director)"},
	{"rule_missing_to",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { delay_days: 7 }\n"
	 SITES,
	 "6:7: missing key 'to' in escalation rule"},
	{"rule_both",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { delay_days: 7, overdue_days: 2, to: Lead }\n"
	 SITES,
	 "6:38: escalation rule gives both delay_days and overdue_days (expected one of them)"},
	{"rule_neither",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { to: Lead }\n"
	 SITES,
	 "6:7: missing key 'delay_days' or 'overdue_days' in escalation rule"},
	{"rule_days_empty",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { delay_days: , to: Lead }\n"
	 SITES,
	 "6:7: missing key 'delay_days' or 'overdue_days' in escalation rule"},
	{"rule_negative",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { delay_days: -1, to: Lead }\n"
	 SITES,
	 "6:21: invalid delay_days '-1' (expected a non-negative integer)"},
	{"rule_word",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { overdue_days: two, to: Lead }\n"
	 SITES,
	 "6:23: invalid overdue_days 'two' (expected a non-negative integer)"},
	{"rule_too_large",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { overdue_days: 2000000, to: Lead }\n"
	 SITES,
	 "6:23: overdue_days 2000000 too large (expected at most 1000000)"},
	{"rule_unknown_key",
	 SYSTEM
	 "escalation:\n"
	 ROLES
	 "  rules:\n"
	 "    - { days: 7, to: Lead }\n"
	 SITES,
	 "6:9: unknown key 'days' in escalation rule (expected delay_days, overdue_days or to)"},
	{"call_scalar",
	 SYSTEM
	 "call: \"08:30\"\n"
	 SITES,
	 "3:7: wrong type for call: expected a mapping, got '08:30'"},
	{"call_missing_time",
	 SYSTEM
	 "call: {}\n"
	 SITES,
	 "3:7: missing key 'time' in call"},
	{"call_unknown_key",
	 SYSTEM
	 "call:\n"
	 "  time: \"08:30\"\n"
	 "  length: 30\n"
	 SITES,
	 "5:3: unknown key 'length' in call (expected time)"},
	{"call_hour_25",
	 SYSTEM
	 "call: { time: \"25:00\" }\n"
	 SITES,
	 "3:15: invalid time '25:00' (expected HH:MM on the 24-hour clock, 00:00 to 23:59)"},
	{"call_minute_60",
	 SYSTEM
	 "call: { time: \"08:60\" }\n"
	 SITES,
	 "3:15: invalid time '08:60' (expected HH:MM on the 24-hour clock, 00:00 to 23:59)"},
	{"call_dot",
	 SYSTEM
	 "call: { time: 8.30 }\n"
	 SITES,
	 "3:15: invalid time '8.30' (expected HH:MM on the 24-hour clock, 00:00 to 23:59)"},
	{"call_no_colon",
	 SYSTEM
	 "call: { time: \"0830\" }\n"
	 SITES,
	 "3:15: invalid time '0830' (expected HH:MM on the 24-hour clock, 00:00 to 23:59)"},
	{"call_one_minute_digit",
	 SYSTEM
	 "call: { time: \"08:5\" }\n"
	 SITES,
	 "3:15: invalid time '08:5' (expected HH:MM on the 24-hour clock, 00:00 to 23:59)"},
	{"call_seconds",
	 SYSTEM
	 "call: { time: \"08:30:00\" }\n"
	 SITES,
	 "3:15: invalid time '08:30:00' (expected HH:MM on the 24-hour clock, 00:00 to 23:59)"},
	{"call_am",
	 SYSTEM
	 "call: { time: 8:30am }\n"
	 SITES,
	 "3:15: invalid time '8:30am' (expected HH:MM on the 24-hour clock, 00:00 to 23:59)"},
	{"call_sign",
	 SYSTEM
	 "call: { time: \"+8:30\" }\n"
	 SITES,
	 "3:15: invalid time '+8:30' (expected HH:MM on the 24-hour clock, 00:00 to 23:59)"},
	{"call_time_sequence",
	 SYSTEM
	 "call: { time: [8, 30] }\n"
	 SITES,
	 "3:15: wrong type for time: expected a time (HH:MM), got a sequence"},
	{"nctr_label_too_wide",
	 SYSTEM
	 "nctr_label: Green to go\n"
	 SITES,
	 "3:13: nctr_label 'Green to go' is 11 columns wide (expected at most 8)"},
	{"nctr_label_wide_characters",
	 SYSTEM
	 "nctr_label: \"退院待機中です\"\n"
	 SITES,
	 "3:13: nctr_label '退院待機中です' is 14 columns wide (expected at most 8)"},
	{"nctr_label_empty",
	 SYSTEM
	 "nctr_label: \"\"\n"
	 SITES,
	 "3:13: empty nctr_label (expected a non-empty string)"},
	{"nctr_label_tab",
	 SYSTEM
	 "nctr_label: \"G\\t2G\"\n"
	 SITES,
	 "3:13: invalid nctr_label (contains a control character)"},
	{"nctr_label_unassigned",
	 SYSTEM
	 "nctr_label: \"G2G\\u0378\"\n"
	 SITES,
	 "3:13: invalid nctr_label (contains a character that cannot be shown)"},
	{"nctr_label_sequence",
	 SYSTEM
	 "nctr_label: [G2G]\n"
	 SITES,
	 "3:13: wrong type for nctr_label: expected a string, got a sequence"},
};

static const struct CMUnitTest fixed_tests[] = {
	cmocka_unit_test(test_national_default),
	cmocka_unit_test(test_dtoc),
	cmocka_unit_test(test_example),
	cmocka_unit_test(test_defaults),
	cmocka_unit_test(test_own_reasons),
	cmocka_unit_test(test_rules_before_roles),
	cmocka_unit_test(test_call_and_label),
	cmocka_unit_test(test_names),
};

int main(void)
{
	static const struct bad_table tables[] = {
		{bad_texts, ARRAY_SIZE(bad_texts), test_bad_text},
	};

	return run_config_tests("config_blockers", fixed_tests,
				ARRAY_SIZE(fixed_tests), tables,
				ARRAY_SIZE(tables));
}
