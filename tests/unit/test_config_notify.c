/* Unit tests for the notify: section (src/config_notify.c): commands,
 * events, thresholds, retries and action cards as loaded, their defaults,
 * the example config's, and every malformed form with its exact
 * FILE:LINE:COLUMN message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config.h"
#include "sitrep/config_notify.h"
#include "sitrep/util.h"

#include "config_test.h"

#define COMMANDS                                                     \
	"notify:\n"                                                  \
	"  commands:\n"                                              \
	"    - name: pager\n"                                        \
	"      argv: [/usr/local/bin/page, --team, flow]\n"          \
	"      timeout_seconds: 10\n"                                \
	"    - { name: log, argv: [logger, -t, sitrep] }\n"

static void test_full(void **state)
{
	struct config *cfg = load_text(
		SYSTEM
		COMMANDS
		"  on:\n"
		"    site_computed: [pager, log]\n"
		"    system_declared: log\n"
		"    threshold: [log]\n"
		"  thresholds:\n"
		"    - { metric: occupancy_pct, site: SFT, value: 95 }\n"
		"    - { metric: g2g_pct, kind: acute, value: 12.5,"
		" direction: both }\n"
		"    - { metric: super_stranded, value: 30, direction: below }\n"
		"  retry: { attempts: 5, after_seconds: 120 }\n"
		"  actions:\n"
		"    3: [Open escalation beds, Call the director on call]\n"
		"    4:\n"
		"      - Declare a critical incident\n"
		SITES);
	const struct notify_cfg *n = cfg->notify;
	const struct notify_command *c;
	char *const *lines;
	size_t k;

	(void)state;
	assert_non_null(n);
	assert_int_equal(n->ncommands, 2);
	c = config_notify_command(cfg, "pager");
	assert_ptr_equal(c, &n->commands[0]);
	assert_int_equal(c->argc, 3);
	assert_string_equal(c->argv[0], "/usr/local/bin/page");
	assert_string_equal(c->argv[2], "flow");
	assert_null(c->argv[3]);
	assert_int_equal(c->timeout_seconds, 10);
	c = config_notify_command(cfg, "log");
	assert_int_equal(c->timeout_seconds, NOTIFY_TIMEOUT_DEFAULT);
	assert_null(config_notify_command(cfg, "nobody"));
	assert_int_equal(n->non[NOTIFY_SITE_COMPUTED], 2);
	assert_int_equal(n->on[NOTIFY_SITE_COMPUTED][0], 0);
	assert_int_equal(n->on[NOTIFY_SITE_COMPUTED][1], 1);
	assert_int_equal(n->non[NOTIFY_SITE_DECLARED], 0);
	assert_int_equal(n->non[NOTIFY_SYSTEM_DECLARED], 1);
	assert_int_equal(n->on[NOTIFY_SYSTEM_DECLARED][0], 1);
	assert_int_equal(n->nthresholds, 3);
	assert_int_equal(n->thresholds[0].metric, METRIC_OCCUPANCY_PCT);
	assert_string_equal(n->thresholds[0].site, "SFT");
	assert_int_equal(n->thresholds[0].kind, -1);
	assert_int_equal(n->thresholds[0].direction, NOTIFY_ABOVE);
	assert_int_equal(n->thresholds[1].kind, SITE_ACUTE);
	assert_true(n->thresholds[1].value == 12.5);
	assert_int_equal(n->thresholds[1].direction, NOTIFY_BOTH);
	assert_null(n->thresholds[2].site);
	assert_int_equal(n->thresholds[2].direction, NOTIFY_BELOW);
	assert_int_equal(n->attempts, 5);
	assert_int_equal(n->after_seconds, 120);
	lines = config_notify_actions(cfg, 3, &k);
	assert_int_equal(k, 2);
	assert_string_equal(lines[1], "Call the director on call");
	lines = config_notify_actions(cfg, 4, &k);
	assert_int_equal(k, 1);
	assert_string_equal(lines[0], "Declare a critical incident");
	assert_null(config_notify_actions(cfg, 2, &k));
	assert_int_equal(k, 0);
	assert_null(config_notify_actions(cfg, 1, &k));
	assert_null(config_notify_actions(cfg, 5, &k));
	config_free(cfg);
}

static void test_defaults(void **state)
{
	struct config *cfg = load_text(SYSTEM SITES);
	size_t k;

	(void)state;
	assert_null(cfg->notify);
	assert_null(config_notify_command(cfg, "pager"));
	assert_null(config_notify_actions(cfg, 3, &k));
	assert_int_equal(k, 0);
	config_free(cfg);
	cfg = load_text(SYSTEM "notify:\n  actions: { 2: [Huddle at 10:00] }\n"
			SITES);
	assert_non_null(cfg->notify);
	assert_int_equal(cfg->notify->ncommands, 0);
	assert_int_equal(cfg->notify->attempts, NOTIFY_ATTEMPTS_DEFAULT);
	assert_int_equal(cfg->notify->after_seconds, NOTIFY_RETRY_DEFAULT);
	config_free(cfg);
}

/* Sites may come after notify: its thresholds' sites are checked once
 * they are read. */
static void test_sites_after(void **state)
{
	struct config *cfg = load_text(
		SYSTEM SITES COMMANDS
		"  on: { threshold: pager }\n"
		"  thresholds: [{ metric: occupancy_pct, site: SFT,"
		" value: 90 }]\n");

	(void)state;
	assert_int_equal(cfg->notify->nthresholds, 1);
	config_free(cfg);
}

/* The example config's notify section loads, every event going to its
 * command (its action cards are commented out: tests/cli/test_watch.sh
 * loads them). */
static void test_example(void **state)
{
	struct config *cfg = load_source("config/sitrep.yaml");

	(void)state;
	assert_non_null(cfg->notify);
	assert_true(cfg->notify->ncommands >= 1);
	for (int e = 0; e < NOTIFY_EVENT_COUNT; e++)
		assert_true(cfg->notify->non[e] >= 1);
	assert_true(cfg->notify->nthresholds >= 1);
	config_free(cfg);
}

static void test_names(void **state)
{
	enum notify_event e;
	enum notify_direction d;

	(void)state;
	assert_string_equal(notify_event_name(NOTIFY_SYSTEM_DECLARED),
			    "system_declared");
	assert_true(notify_event_parse("threshold", &e));
	assert_int_equal(e, NOTIFY_THRESHOLD);
	assert_false(notify_event_parse("Threshold", &e));
	assert_string_equal(notify_direction_name(NOTIFY_BELOW), "below");
	assert_true(notify_direction_parse("both", &d));
	assert_int_equal(d, NOTIFY_BOTH);
}

static const struct bad_case bad_texts[] = {
	{"notify_scalar",
	 SYSTEM "notify: yes\n" SITES,
	 "3:9: wrong type for notify: expected a mapping, got 'yes'"},
	{"unknown_key",
	 SYSTEM "notify:\n  command: []\n" SITES,
	 "4:3: unknown key 'command' in notify (expected commands, on, "
	 "thresholds, retry or actions)"},
	{"commands_empty",
	 SYSTEM "notify:\n  commands: []\n" SITES,
	 "4:13: empty commands list (expected at least one command)"},
	{"command_no_argv",
	 SYSTEM "notify:\n  commands:\n    - { name: pager }\n" SITES,
	 "5:7: missing key 'argv' in notify command"},
	{"command_no_name",
	 SYSTEM "notify:\n  commands:\n    - { argv: [true] }\n" SITES,
	 "5:7: missing key 'name' in notify command"},
	{"command_bad_name",
	 SYSTEM "notify:\n  commands:\n    - { name: the pager, argv: [true] }\n"
	 SITES,
	 "5:15: invalid notify command name 'the pager' (expected 1 to 16 "
	 "letters, digits, '_' or '-')"},
	{"command_argv_string",
	 SYSTEM "notify:\n  commands:\n"
	 "    - { name: pager, argv: \"page --all\" }\n" SITES,
	 "5:28: wrong type for argv: expected a sequence, got 'page --all'"},
	{"command_argv_empty",
	 SYSTEM "notify:\n  commands:\n    - { name: pager, argv: [] }\n"
	 SITES,
	 "5:28: empty argv list (expected at least one word)"},
	{"command_argv_empty_word",
	 SYSTEM "notify:\n  commands:\n    - { name: pager, argv: [page, \"\"] }\n"
	 SITES,
	 "5:35: empty argv (expected a non-empty string)"},
	{"command_argv_map",
	 SYSTEM "notify:\n  commands:\n"
	 "    - { name: pager, argv: [page, {a: b}] }\n" SITES,
	 "5:35: wrong type for argv: expected a string, got a mapping"},
	{"command_duplicate",
	 SYSTEM "notify:\n  commands:\n"
	 "    - { name: pager, argv: [a] }\n"
	 "    - { name: pager, argv: [b] }\n" SITES,
	 "6:15: duplicate command name 'pager' (first at line 5)"},
	{"command_timeout_zero",
	 SYSTEM "notify:\n  commands:\n"
	 "    - { name: pager, argv: [a], timeout_seconds: 0 }\n" SITES,
	 "5:50: invalid timeout_seconds '0' (expected a positive integer)"},
	{"command_timeout_long",
	 SYSTEM "notify:\n  commands:\n"
	 "    - { name: pager, argv: [a], timeout_seconds: 7200 }\n" SITES,
	 "5:50: timeout_seconds 7200 too large (expected at most 3600)"},
	{"on_unknown_event",
	 SYSTEM COMMANDS "  on: { site_level: pager }\n" SITES,
	 "9:9: unknown key 'site_level' in notify.on (expected "
	 "site_computed, site_declared, system_computed, system_declared or "
	 "threshold)"},
	{"on_unknown_command",
	 SYSTEM COMMANDS "  on: { site_computed: [pager, sms] }\n" SITES,
	 "9:32: unknown command 'sms' in notify.on.site_computed (expected "
	 "one of notify.commands: pager or log)"},
	{"on_no_commands",
	 SYSTEM "notify:\n  on: { site_computed: pager }\n" SITES,
	 "4:24: unknown command 'pager' in notify.on.site_computed (notify "
	 "has no commands: give them in notify.commands)"},
	{"on_twice",
	 SYSTEM COMMANDS "  on: { threshold: [log, log] }\n" SITES,
	 "9:26: command 'log' named twice in notify.on.threshold"},
	{"on_mapping",
	 SYSTEM COMMANDS "  on: { threshold: { log: yes } }\n" SITES,
	 "9:20: wrong type for notify.on.threshold: expected a command name "
	 "or a sequence of them, got a mapping"},
	{"on_empty_list",
	 SYSTEM COMMANDS "  on: { threshold: [] }\n" SITES,
	 "9:20: empty notify.on.threshold list (expected at least one "
	 "command)"},
	{"threshold_no_command",
	 SYSTEM COMMANDS
	 "  thresholds: [{ metric: occupancy_pct, value: 95 }]\n" SITES,
	 "9:15: thresholds given but no command to notify (expected "
	 "notify.on.threshold naming one)"},
	{"threshold_unknown_metric",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds: [{ metric: occupancy, value: 95 }]\n" SITES,
	 "10:26: unknown metric 'occupancy' (expected occupancy_pct, "
	 "g2g_pct, stranded_pct, super_stranded or delayed_bed_days_7d)"},
	{"threshold_no_value",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds: [{ metric: g2g_pct }]\n" SITES,
	 "10:16: missing key 'value' in notify threshold"},
	{"threshold_negative",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds: [{ metric: g2g_pct, value: -1 }]\n" SITES,
	 "10:42: invalid value '-1' (expected a non-negative number)"},
	{"threshold_word",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds: [{ metric: g2g_pct, value: high }]\n" SITES,
	 "10:42: invalid value 'high' (expected a non-negative number)"},
	{"threshold_direction",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds: [{ metric: g2g_pct, value: 9, direction: up }]\n"
	 SITES,
	 "10:56: unknown direction 'up' (expected above, below or both)"},
	{"threshold_kind",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds: [{ metric: g2g_pct, value: 9, kind: hospital }]\n"
	 SITES,
	 "10:51: unknown site kind 'hospital' (expected acute, community or "
	 "mental_health)"},
	{"threshold_site_and_kind",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds: [{ metric: g2g_pct, value: 9, site: SFT,"
	 " kind: acute }]\n" SITES,
	 "10:62: threshold gives both site and kind (expected one of them, "
	 "or neither for every site)"},
	{"threshold_unknown_site",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds: [{ metric: g2g_pct, value: 9, site: XYZ }]\n" SITES,
	 "10:51: unknown site 'XYZ' in notify threshold (expected SFT)"},
	{"threshold_duplicate",
	 SYSTEM COMMANDS "  on: { threshold: log }\n"
	 "  thresholds:\n"
	 "    - { metric: g2g_pct, value: 9 }\n"
	 "    - { metric: g2g_pct, value: 9.0, direction: both }\n" SITES,
	 "12:7: duplicate threshold (first at line 11)"},
	{"retry_zero",
	 SYSTEM "notify:\n  retry: { attempts: 0 }\n" SITES,
	 "4:22: invalid attempts '0' (expected a positive integer)"},
	{"retry_too_many",
	 SYSTEM "notify:\n  retry: { attempts: 101 }\n" SITES,
	 "4:22: attempts 101 too large (expected at most 100)"},
	{"retry_after_long",
	 SYSTEM "notify:\n  retry: { after_seconds: 100000 }\n" SITES,
	 "4:27: after_seconds 100000 too large (expected at most 86400)"},
	{"retry_unknown_key",
	 SYSTEM "notify:\n  retry: { every: 5 }\n" SITES,
	 "4:12: unknown key 'every' in notify.retry (expected attempts or "
	 "after_seconds)"},
	{"actions_level_1",
	 SYSTEM "notify:\n  actions: { 1: [Relax] }\n" SITES,
	 "4:14: unknown key '1' in notify.actions (expected 2, 3 or 4)"},
	{"actions_level_5",
	 SYSTEM "notify:\n  actions:\n    5: [Panic]\n" SITES,
	 "5:5: unknown key '5' in notify.actions (expected 2, 3 or 4)"},
	{"actions_string",
	 SYSTEM "notify:\n  actions: { 3: Open beds }\n" SITES,
	 "4:17: wrong type for notify.actions.3: expected a sequence, got "
	 "'Open beds'"},
	{"actions_empty_line",
	 SYSTEM "notify:\n  actions: { 3: [Open beds, \"\"] }\n" SITES,
	 "4:29: empty action line (expected a non-empty string)"},
	{"actions_newline",
	 SYSTEM "notify:\n  actions: { 3: [\"Open\\nbeds\"] }\n" SITES,
	 "4:18: invalid action line (contains a control character)"},
	{"actions_long_line",
	 SYSTEM "notify:\n  actions: { 3: [" 
	 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	 "xxx] }\n" SITES,
	 "4:18: action line too long (201 bytes; expected at most 200)"},
};

static const struct CMUnitTest fixed_tests[] = {
	cmocka_unit_test(test_full),
	cmocka_unit_test(test_defaults),
	cmocka_unit_test(test_sites_after),
	cmocka_unit_test(test_example),
	cmocka_unit_test(test_names),
};

int main(void)
{
	static const struct bad_table tables[] = {
		{bad_texts, ARRAY_SIZE(bad_texts), test_bad_text},
	};

	return run_config_tests("config_notify", fixed_tests,
				ARRAY_SIZE(fixed_tests), tables,
				ARRAY_SIZE(tables));
}
