/* Dated facts (DESIGN §4) against what is derived from them: a seeded
 * random walk of edits through store_stay_update (ward moves, EDD and
 * discharge ready date changes, reasons and agencies, discharges, their
 * undoing and corrections, admission times corrected), many backdated
 * (`from`, `touched`), in batches; after each batch store_check_facts
 * (every stay's current states and cached columns rebuilt from its facts)
 * and store_check_totals pass, and the states as known before the batch
 * read the same as they did then. A state or a cached column changed
 * behind the store's back must make the check fail, naming the stay by id
 * only. The demo's history (each value from when it became true) agrees
 * with its states too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/demo.h"
#include "sitrep/store.h"
#include "sitrep/util.h"

#include "fixture.h"

static const char config_yaml[] =
	"system: { name: Facts }\n"
	"opel:\n"
	"  acute:\n"
	"    rule: highest\n"
	"    metrics:\n"
	"      occupancy_pct: { levels: [50, 70, 90] }\n"
	"  system_rule: highest\n"
	"sites:\n"
	"  - code: ACU\n"
	"    name: Acute\n"
	"    kind: acute\n"
	"    wards:\n"
	"      - { code: A, name: Ward A, beds: 20 }\n"
	"      - { code: B, name: Ward B, beds: 20 }\n"
	"      - { code: C, name: Ward C, beds: 20 }\n";

static const char *const wards[] = {"A", "B", "C"};
static const char *const reasons[] = {"A", "D1", "E", "G"};
static const char *const agencies[] = {"NHS", "ASC", "both"};
static const char *const pathways[] = {"0", "1", "2", "3"};

/* The states as known at a time, one line each, for every stay. */
static const char sql_known[] =
	"SELECT group_concat(line, char(10)) FROM (SELECT stay || '|' ||"
	" valid_from || '|' || valid_to || '|' || last || '|' ||"
	" ifnull(ward, '') || '|' || ifnull(bed, '') || '|' ||"
	" ifnull(edd, '') || '|' || ifnull(g2g_date, '') || '|' ||"
	" ifnull(pathway, '') || '|' || ifnull(delay_reason, '') || '|' ||"
	" ifnull(delay_agency, '') || '|' || ifnull(destination, '') AS line"
	" FROM stay_state WHERE recorded_at <= ?1"
	" AND (superseded_at IS NULL OR superseded_at > ?1)"
	" ORDER BY stay, valid_from)";

struct fixture {
	char dir[64];
	char path[128];
	struct config *cfg;
	struct store *st;
	uint64_t rng;
	int64_t ids[64];
	size_t nids;
	int mrn;
	sr_minute now; /* the recorded time of the next change */
	char at[32];
	struct store_actor who;
	int refused;
};

static unsigned below(struct fixture *f, unsigned n)
{
	f->rng = f->rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((f->rng >> 33) % n);
}

/* Every change is recorded a few minutes after the one before. */
static void tick(struct fixture *f)
{
	char buf[DATETIME_BUF];

	f->now += 1 + below(f, 30);
	datetime_format(f->now, buf);
	snprintf(f->at, sizeof(f->at), "%s:00", buf);
	f->who = (struct store_actor){.by = "tester", .at = f->at};
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct sr_error err = {0};

	strcpy(f->dir, "/tmp/sitrep-facts-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	f->cfg = config_load_buffer("facts.yaml", config_yaml,
				    strlen(config_yaml), &err);
	f->st = f->cfg ? store_open(f->path, STORE_READ_WRITE, &err) : NULL;
	if (!f->st || store_sync_config(f->st, f->cfg, NULL, &err) != SR_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	f->rng = 20261204;
	if (!datetime_parse("2026-11-20T08:00", &f->now))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fixture_close(f->dir, f->st, f->cfg);
	free(f);
	return 0;
}

/* A time in the 30 days before 2026-11-20. */
static sr_minute some_time(struct fixture *f)
{
	sr_minute t;

	assert_true(datetime_parse("2026-10-21T00:00", &t));
	return t + (sr_minute)below(f, 30 * MINUTES_PER_DAY / 15) * 15;
}

static void set_time(struct stay *s, enum stay_field fl, sr_minute t)
{
	char buf[DATETIME_BUF];

	datetime_format(t, buf);
	stay_set(s, fl, buf);
}

static void set_day(struct stay *s, enum stay_field fl, sr_minute t)
{
	char buf[DATE_BUF];

	date_format(datetime_day(t), buf);
	stay_set(s, fl, buf);
}

static void admit(struct fixture *f)
{
	struct stay s = {0};
	struct sr_error err = {0};
	sr_minute a = some_time(f);
	char mrn[16], bed[8];

	snprintf(mrn, sizeof(mrn), "M%05d", ++f->mrn);
	snprintf(bed, sizeof(bed), "B%02u", 1 + below(f, 20));
	stay_set(&s, SF_SITE, "ACU");
	stay_set(&s, SF_WARD, wards[below(f, 3)]);
	stay_set(&s, SF_BED, bed);
	stay_set(&s, SF_MRN, mrn);
	set_time(&s, SF_ADMITTED_AT, a);
	if (below(f, 4))
		set_day(&s, SF_EDD, a + (sr_minute)below(f, 10) *
					    MINUTES_PER_DAY);
	if (below(f, 3) == 0)
		set_time(&s, SF_DISCHARGED_AT,
			 a + 60 + (sr_minute)below(f, 20 * 24) * 60);
	assert_int_equal(store_stay_insert(f->st, &s, "admitted", &f->who,
					   &err), SR_OK);
	if (f->nids < ARRAY_SIZE(f->ids))
		f->ids[f->nids++] = s.id;
	stay_clear(&s);
}

/* One random edit of a stay, dated now or (often) backdated: SR_OK, or
 * the store's refusal (a discharge before the admission, say). */
static enum sr_status edit(struct fixture *f)
{
	struct stay s = {0};
	struct sr_error err = {0};
	int64_t id = f->ids[below(f, (unsigned)f->nids)];
	char from[DATETIME_BUF], bed[8];
	unsigned touched = 0;
	sr_minute adm, t;
	enum sr_status r;

	assert_int_equal(store_stay_get(f->st, id, &s, &err), SR_OK);
	assert_true(datetime_parse(s.v[SF_ADMITTED_AT], &adm));
	t = adm + (sr_minute)below(f, 15 * 24) * 60 - 120;
	switch (below(f, 9)) {
	case 0: /* a ward move */
		snprintf(bed, sizeof(bed), "B%02u", 1 + below(f, 20));
		stay_set(&s, SF_WARD, wards[below(f, 3)]);
		stay_set(&s, SF_BED, bed);
		touched = 1u << SF_WARD | 1u << SF_BED;
		break;
	case 1: /* the EDD moved, or cleared */
		if (below(f, 5))
			set_day(&s, SF_EDD, t + (sr_minute)below(f, 5) *
						    MINUTES_PER_DAY);
		else
			stay_set(&s, SF_EDD, NULL);
		touched = 1u << SF_EDD;
		break;
	case 2: /* ready to go, with a reason and agency; or no longer */
		if (below(f, 4)) {
			set_day(&s, SF_G2G_DATE, t > adm ? t : adm);
			stay_set(&s, SF_DELAY_REASON, reasons[below(f, 4)]);
			stay_set(&s, SF_DELAY_AGENCY, agencies[below(f, 3)]);
			stay_set(&s, SF_PATHWAY, pathways[below(f, 4)]);
		} else {
			stay_set(&s, SF_G2G_DATE, NULL);
			stay_set(&s, SF_DELAY_REASON, NULL);
			stay_set(&s, SF_DELAY_AGENCY, NULL);
		}
		touched = 1u << SF_G2G_DATE | 1u << SF_DELAY_REASON |
			  1u << SF_DELAY_AGENCY | 1u << SF_PATHWAY;
		break;
	case 3: /* another reason or agency only */
		stay_set(&s, SF_DELAY_REASON, reasons[below(f, 4)]);
		stay_set(&s, SF_DELAY_AGENCY, agencies[below(f, 3)]);
		touched = 1u << SF_DELAY_REASON | 1u << SF_DELAY_AGENCY;
		break;
	case 4: /* a discharge, with its destination */
		set_time(&s, SF_DISCHARGED_AT, t > adm ? t + 60 : adm + 60);
		stay_set(&s, SF_DESTINATION, below(f, 2) ? "home" : "care home");
		touched = 1u << SF_DESTINATION;
		break;
	case 5: /* a discharge undone */
		stay_set(&s, SF_DISCHARGED_AT, NULL);
		break;
	case 6: /* the discharge time corrected, earlier or later */
		if (s.v[SF_DISCHARGED_AT])
			set_time(&s, SF_DISCHARGED_AT,
				 t > adm ? t + 1 : adm + 1);
		break;
	case 7: /* the admission time corrected */
		set_time(&s, SF_ADMITTED_AT,
			 adm + (sr_minute)below(f, 48 * 60) - 24 * 60);
		break;
	default: /* the pathway or destination alone */
		stay_set(&s, SF_PATHWAY, below(f, 4) ? pathways[below(f, 4)]
						     : NULL);
		stay_set(&s, SF_DESTINATION, below(f, 3) ? "home" : NULL);
		touched = 1u << SF_PATHWAY | 1u << SF_DESTINATION;
		break;
	}
	/* Half the changes dated other than now: from some time of the
	 * stay, before it, or after its discharge (each kept within it). */
	if (below(f, 2)) {
		datetime_format(t, from);
		f->who.from = from;
		f->who.touched = below(f, 3) ? touched : 0;
	}
	r = store_stay_update(f->st, &s, 0, &f->who, NULL, &err);
	assert_true(r == SR_OK || r == SR_EINVAL || r == SR_EDB);
	f->who.from = NULL;
	f->who.touched = 0;
	stay_clear(&s);
	return r;
}

static void step(struct fixture *f)
{
	struct sr_error err = {0};

	tick(f);
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	if (f->nids < 12 || below(f, 8) == 0) {
		admit(f);
	} else if (edit(f) != SR_OK) {
		/* Refused: undone, as the console and CLI undo it. */
		store_tx_rollback(f->st);
		f->refused++;
		return;
	}
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
}

/* The states as known at `at`, read through a connection of its own. */
static char *known_at(struct fixture *f, const char *at)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	char *out = NULL;

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql_known, -1, &stmt, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(stmt, 1, at, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	out = xstrdup(sqlite3_column_text(stmt, 0) ?
			      (const char *)sqlite3_column_text(stmt, 0) : "");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return out;
}

static void check(struct fixture *f)
{
	struct sr_error err = {0};

	if (store_check_facts(f->st, &err) != SR_OK)
		fail_msg("%s", err.msg);
	if (store_check_totals(f->st, &err) != SR_OK)
		fail_msg("%s", err.msg);
}

static void test_random_edits(void **state)
{
	struct fixture *f = *state;
	char *before[40] = {0}, at[40][32];

	for (int batch = 0; batch < 40; batch++) {
		/* What was known at the end of the batch before. */
		snprintf(at[batch], sizeof(at[batch]), "%s", f->at);
		before[batch] = known_at(f, at[batch]);
		for (int i = 0; i < 25; i++)
			step(f);
		check(f);
	}
	/* Nothing recorded since changed what was known then. */
	for (int batch = 0; batch < 40; batch++) {
		char *now = known_at(f, at[batch]);

		assert_string_equal(now, before[batch]);
		free(now);
		free(before[batch]);
	}
	/* The walk did write history: backdated facts, superseded states,
	 * moves, discharges. */
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay_state"
				  " WHERE superseded_at IS NOT NULL") > 50);
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay_fact"
				  " WHERE valid_from < recorded_at") > 50);
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay_fact"
				  " WHERE field = 'ward'") > (long long)f->nids + 20);
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay"
				  " WHERE discharged_at IS NOT NULL") > 5);
}

/* Runs sql (?1: a stay with more than one state) through another
 * connection; the checks must then fail,
 * naming the stay by its id and what differs, never its MRN. */
static void tamper(struct fixture *f, const char *sql, const char *what)
{
	struct sr_error err = {0};
	char id[32];
	sqlite3 *db;
	sqlite3_stmt *stmt;
	long long stay;

	stay = fixture_query(f->path, "SELECT min(stay) FROM stay_state"
			     " WHERE superseded_at IS NULL AND stay IN"
			     " (SELECT stay FROM stay_state WHERE"
			     "  superseded_at IS NULL GROUP BY stay"
			     "  HAVING count(*) > 1)");
	assert_true(stay > 0);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(stmt, 1, stay);
	assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_changes(db), 1);
	sqlite3_close(db);
	assert_int_equal(store_check_facts(f->st, &err), SR_EDB);
	snprintf(id, sizeof(id), "stay %lld:", stay);
	if (!strstr(err.msg, id) || !strstr(err.msg, what))
		fail_msg("'%s' does not name %s and %s", err.msg, id, what);
	assert_null(strstr(err.msg, "M0"));
	assert_int_equal(store_integrity_check(f->st, &err), SR_EDB);
}

static void build(struct fixture *f)
{
	for (int i = 0; i < 150; i++)
		step(f);
	check(f);
}

static void test_tampered_state(void **state)
{
	struct fixture *f = *state;

	build(f);
	tamper(f, "UPDATE stay_state SET edd = '2000-01-01' WHERE id ="
	       " (SELECT max(id) FROM stay_state WHERE stay = ?1"
	       "  AND superseded_at IS NULL)", "in edd");
}

static void test_tampered_end(void **state)
{
	struct fixture *f = *state;

	build(f);
	tamper(f, "UPDATE stay_state SET valid_to = '2000-01-01T00:00:00',"
	       " span = 0"
	       " WHERE id = (SELECT min(id) FROM stay_state WHERE stay = ?1"
	       "  AND superseded_at IS NULL)", "valid_to");
}

static void test_lost_state(void **state)
{
	struct fixture *f = *state;

	build(f);
	tamper(f, "UPDATE stay_state SET superseded_at = '2026-01-01T00:00:00'"
	       " WHERE id = (SELECT min(id) FROM stay_state WHERE stay = ?1"
	       "  AND superseded_at IS NULL)", "");
}

static void test_tampered_cache(void **state)
{
	struct fixture *f = *state;

	build(f);
	tamper(f, "UPDATE stay SET delay_agency = 'NHS', delay_reason = 'A',"
	       " g2g_date = '2026-11-01' WHERE id = ?1 AND"
	       " g2g_date IS NOT '2026-11-01'", "g2g_date");
}

/* The demo writes each stay's history through store_actor.since and its
 * revised EDDs as backdated updates: the states agree with the facts,
 * the totals with the stays, and the history is there: EDDs set after
 * the admission and revised, discharge ready dates from a morning of
 * their own day, nothing later than the start of the demo's day. */
static void test_demo_history(void **state)
{
	struct fixture *f = *state;
	struct demo_options o = {.days = 20, .seed = 5, .by = "tester"};
	struct demo_report rep;
	struct sr_error err = {0};

	assert_true(date_parse("2026-11-23", &o.today));
	assert_true(datetime_parse("2026-11-23T08:00", &o.run_at));
	if (demo_fill(f->st, f->cfg, &o, &rep, &err) != SR_OK)
		fail_msg("%s", err.msg);
	assert_true(rep.stays > 100);
	if (store_integrity_check(f->st, &err) != SR_OK)
		fail_msg("%s", err.msg);
	/* EDDs revised: more EDD facts than stays with an EDD. */
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay_fact"
				  " WHERE field = 'edd'") >
		    fixture_query(f->path, "SELECT count(*) FROM stay"
				  " WHERE edd IS NOT NULL") + 5);
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay_fact x"
				  " JOIN stay s ON s.id = x.stay"
				  " WHERE x.field = 'edd' AND x.valid_from >"
				  " s.admitted_at || ':00'") > 10);
	/* A discharge ready date from a time of its own day, with its
	 * reason; a plain discharge's pathway from the day it leaves. */
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay_fact"
				  " WHERE field = 'g2g_date'") > 5);
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay_fact"
				  " WHERE field = 'delay_reason'") > 5);
	assert_int_equal(fixture_query(f->path, "SELECT count(*) FROM"
				       " stay_fact WHERE field = 'g2g_date'"
				       " AND substr(valid_from, 1, 10) <> value"),
			 0);
	assert_int_equal(fixture_query(f->path, "SELECT count(*) FROM"
				       " stay_fact r JOIN stay_fact g ON"
				       " g.stay = r.stay AND g.field ="
				       " 'g2g_date' WHERE r.field ="
				       " 'delay_reason' AND r.valid_from <>"
				       " g.valid_from"), 0);
	assert_true(fixture_query(f->path, "SELECT count(*) FROM stay_fact x"
				  " JOIN stay s ON s.id = x.stay"
				  " WHERE x.field = 'pathway' AND"
				  " s.g2g_date IS NULL AND"
				  " substr(x.valid_from, 1, 10) ="
				  " substr(s.discharged_at, 1, 10)") > 10);
	assert_int_equal(fixture_query(f->path, "SELECT count(*) FROM"
				       " stay_fact WHERE valid_from >"
				       " '2026-11-23T00:00:00'"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_edits, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tampered_state, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tampered_end, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lost_state, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tampered_cache, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_demo_history, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
