/* Unit tests for the pure parts of src/notify.c: the subjects of a set of
 * figures and their values, which changes are notified, the JSON document
 * of a change (and that it carries no patient identifier) and the time
 * arithmetic of retries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config.h"
#include "sitrep/metrics.h"
#include "sitrep/notify.h"
#include "sitrep/util.h"

#include "config_test.h"

static const char config_text[] =
	"system:\n  name: Test \"North\" system\n"
	"opel:\n"
	"  acute:\n"
	"    metrics:\n"
	"      occupancy_pct: { levels: [90, 95, 98] }\n"
	"notify:\n"
	"  commands: [{ name: log, argv: [cat] }]\n"
	"  on: { site_computed: log, threshold: log }\n"
	"  thresholds:\n"
	"    - { metric: occupancy_pct, site: AAA, value: 92 }\n"
	"    - { metric: occupancy_pct, kind: acute, value: 92,"
	" direction: both }\n"
	"    - { metric: g2g_pct, value: 10, direction: below }\n"
	"sites:\n"
	"  - { code: AAA, name: Alpha \"A\" Hospital, kind: acute, beds: 10 }\n"
	"  - { code: BBB, name: Beta, kind: community, beds: 20 }\n";

struct fixture {
	struct config *cfg;
	struct system_metrics m;
};

/* AAA at 96.1% (computed 3, declared 2, with a note naming a patient),
 * BBB with no beds' figures known, the system at 3. */
static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct site_metrics *a, *b;

	f->cfg = load_text(config_text);
	f->m.cfg = f->cfg;
	f->m.nsites = 2;
	f->m.sites = xcalloc(2, sizeof(*f->m.sites));
	a = &f->m.sites[0];
	b = &f->m.sites[1];
	a->site = &f->cfg->sites[0];
	b->site = &f->cfg->sites[1];
	a->c.beds = a->c.available = 10;
	a->c.occupied = 9;
	a->c.g2g = 2;
	a->value[METRIC_OCCUPANCY_PCT] = 96.1;
	a->known[METRIC_OCCUPANCY_PCT] = true;
	a->value[METRIC_G2G_PCT] = 20;
	a->known[METRIC_G2G_PCT] = true;
	a->opel.level = 3;
	a->opel.metric_level[METRIC_OCCUPANCY_PCT] = 3;
	a->opel.drivers = 1u << METRIC_OCCUPANCY_PCT;
	a->declared = 2;
	strcpy(a->declared_at, "2026-12-04T08:30:00");
	strcpy(a->declared_by, "flowlead");
	a->declared_note = xstrdup("Mrs Quintessa Smallbone in bay 3");
	b->site = &f->cfg->sites[1];
	b->c.beds = 20;
	b->value[METRIC_G2G_PCT] = NAN;
	b->opel.level = 1;
	f->m.level = 3;
	f->m.live = true;
	f->m.as_at = (sr_minute)date_from_ymd(2026, 12, 4) * MINUTES_PER_DAY +
		     9 * 60;
	f->m.total.beds = f->m.total.available = 30;
	f->m.total.occupied = 9;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->m.sites[0].declared_note);
	free(f->m.sites);
	config_free(f->cfg);
	free(f);
	return 0;
}

static const struct notify_subject *find(const struct notify_subject *s,
					 size_t n, const char *subject)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].subject, subject) == 0)
			return &s[i];
	fail_msg("no subject %s", subject);
	return s; /* not reached */
}

static void test_subjects(void **state)
{
	struct fixture *f = *state;
	struct notify_subject *s;
	size_t n = notify_subjects(f->cfg, &f->m, &s);
	const struct notify_subject *t;

	/* Two sites and the system, computed and declared; the occupancy
	 * threshold once for AAA (given twice alike); g2g_pct at AAA (BBB's
	 * is not known). */
	assert_int_equal(n, 8);
	assert_string_equal(s[0].subject, "level:AAA");
	assert_string_equal(s[0].value, "3");
	assert_int_equal(s[0].event, NOTIFY_SITE_COMPUTED);
	assert_string_equal(s[1].subject, "declared:AAA");
	assert_string_equal(s[1].value, "2");
	assert_int_equal(s[1].event, NOTIFY_SITE_DECLARED);
	assert_string_equal(find(s, n, "declared:BBB")->value, "none");
	assert_string_equal(find(s, n, "level:BBB")->value, "1");
	assert_null(find(s, n, "level:system")->site);
	assert_string_equal(find(s, n, "level:system")->value, "3");
	assert_int_equal(find(s, n, "declared:system")->event,
			 NOTIFY_SYSTEM_DECLARED);
	assert_string_equal(find(s, n, "declared:system")->value, "none");
	t = find(s, n, "threshold:AAA:occupancy_pct:92");
	assert_string_equal(t->value, "above");
	assert_int_equal(t->event, NOTIFY_THRESHOLD);
	assert_ptr_equal(t->threshold, &f->cfg->notify->thresholds[0]);
	assert_true(t->figure == 96.1);
	assert_string_equal(find(s, n, "threshold:AAA:g2g_pct:10")->value,
			    "above");
	free(s);
}

static void test_wanted(void **state)
{
	struct fixture *f = *state;
	struct notify_subject *s;
	size_t n = notify_subjects(f->cfg, &f->m, &s);
	struct notify_subject t;

	/* Levels: either way. */
	assert_true(notify_wanted(find(s, n, "level:AAA"), "4"));
	assert_true(notify_wanted(find(s, n, "level:AAA"), "1"));
	/* above: reaching the value, not falling below it. */
	t = *find(s, n, "threshold:AAA:occupancy_pct:92");
	assert_true(notify_wanted(&t, "below"));
	strcpy(t.value, "below");
	assert_false(notify_wanted(&t, "above"));
	/* below: falling below, not reaching. */
	t = *find(s, n, "threshold:AAA:g2g_pct:10");
	assert_false(notify_wanted(&t, "below"));
	strcpy(t.value, "below");
	assert_true(notify_wanted(&t, "above"));
	/* both. */
	t.threshold = &f->cfg->notify->thresholds[1];
	assert_true(notify_wanted(&t, "above"));
	free(s);
}

static void test_document(void **state)
{
	struct fixture *f = *state;
	struct notify_subject *s;
	size_t n = notify_subjects(f->cfg, &f->m, &s);
	char *doc = notify_document(f->cfg, &f->m, find(s, n, "level:AAA"),
				    "1", "2026-12-04T09:00:00");
	static const char *const want[] = {
		"{\"sitrep_notification\":1,\"event\":\"site_computed\","
		"\"subject\":\"level:AAA\",\"system\":\"Test \\\"North\\\" "
		"system\",\"site\":\"AAA\",\"site_name\":\"Alpha \\\"A\\\" "
		"Hospital\",\"kind\":\"acute\",\"level_type\":\"computed\","
		"\"old_level\":1,\"new_level\":3,\"change\":\"up\","
		"\"computed_level\":3,\"declared_level\":2,",
		"\"drivers\":[{\"metric\":\"occupancy_pct\",\"value\":96.1,"
		"\"level\":3}],\"explanation\":\"occupancy_pct 96.1 >= 95 "
		"(L3)\",",
		"\"figures\":{\"beds\":10,\"closed\":0,\"escalation\":0,"
		"\"available\":10,\"occupied\":9,\"free\":1,\"stranded\":0,"
		"\"nctr\":2,\"occupancy_pct\":96.1,\"g2g_pct\":20,"
		"\"stranded_pct\":null,",
		"\"time\":\"2026-12-04T09:00:00\","
		"\"as_at\":\"2026-12-04T09:00\"}\n",
	};

	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		if (!strstr(doc, want[i]))
			fail_msg("document lacks %s:\n%s", want[i], doc);
	/* One line; no declaration's note, so no name it may hold. */
	assert_ptr_equal(strchr(doc, '\n'), doc + strlen(doc) - 1);
	assert_null(strstr(doc, "Smallbone"));
	assert_null(strstr(doc, "declared_by"));
	free(doc);

	/* A declared change names who declared it, never the note. */
	doc = notify_document(f->cfg, &f->m, find(s, n, "declared:AAA"),
			      "none", "2026-12-04T09:00:00");
	assert_non_null(strstr(doc, "\"level_type\":\"declared\","
			       "\"old_level\":null,\"new_level\":2,"
			       "\"change\":\"up\""));
	assert_non_null(strstr(doc, "\"declared_at\":\"2026-12-04T08:30:00\","
			       "\"declared_by\":\"flowlead\""));
	assert_null(strstr(doc, "Smallbone"));
	free(doc);

	/* The system: its sites above level 1 drive it. */
	doc = notify_document(f->cfg, &f->m, find(s, n, "level:system"), "4",
			      "2026-12-04T09:00:00");
	assert_non_null(strstr(doc, "\"site\":null,\"site_name\":null,"
			       "\"kind\":null"));
	assert_non_null(strstr(doc, "\"change\":\"down\""));
	assert_non_null(strstr(doc, "\"drivers\":[{\"site\":\"AAA\","
			       "\"level\":3}],\"explanation\":\"the highest "
			       "of the sites' levels: AAA 3\""));
	assert_non_null(strstr(doc, "\"occupancy_pct\":30,"));
	free(doc);

	/* A threshold. */
	doc = notify_document(f->cfg, &f->m,
			      find(s, n, "threshold:AAA:occupancy_pct:92"),
			      "below", "2026-12-04T09:00:00");
	assert_non_null(strstr(doc, "\"event\":\"threshold\","));
	assert_non_null(strstr(doc, "\"metric\":\"occupancy_pct\","
			       "\"threshold\":92,\"direction\":\"above\","
			       "\"value\":96.1,\"old_state\":\"below\","
			       "\"new_state\":\"above\",\"change\":\"up\","));
	free(doc);
	free(s);
}

static void expect_add(const char *at, long secs, const char *want)
{
	char out[NOTIFY_TIME_BUF];

	assert_true(notify_time_add(at, secs, out));
	assert_string_equal(out, want);
}

static void test_time_add(void **state)
{
	char out[NOTIFY_TIME_BUF];

	(void)state;
	expect_add("2026-12-04T09:00:00", 60, "2026-12-04T09:01:00");
	expect_add("2026-12-04T09:00:00", 59, "2026-12-04T09:00:59");
	expect_add("2026-12-04T09:00:00", -90, "2026-12-04T08:58:30");
	expect_add("2026-12-31T23:59:30", 45, "2027-01-01T00:00:15");
	expect_add("2026-03-01T00:00:10", -20, "2026-02-28T23:59:50");
	expect_add("2026-12-04T09:00", 1, "2026-12-04T09:00:01");
	expect_add("2026-12-04T09:00:00", 86400, "2026-12-05T09:00:00");
	assert_false(notify_time_add("soon", 1, out));
	assert_false(notify_time_add("2026-12-04T09:00:61", 1, out));
	assert_false(notify_time_add("2026-12-04T09:00:00Z", 1, out));
	assert_false(notify_time_add(NULL, 1, out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_subjects, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_wanted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_document, setup,
						teardown),
		cmocka_unit_test(test_time_add),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
