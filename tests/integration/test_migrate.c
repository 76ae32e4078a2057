/* The upgrade of a schema-6 file (tests/data/migrate/schema6.db, written
 * by the sitrep before dated facts: see make.sh there) as the store sees
 * it: store_open brings it to the current version, and the upgraded file
 * passes store_integrity_check (SQLite's integrity check, the totals
 * against the stays, every stay's states and cached columns against its
 * facts). Values and reports are compared in tests/cli/test_migrate.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"

#include "fixture.h"

/* Whether SQLite reads the states of a site and span class through the
 * index alone. It does not when the query names a generated column
 * (SQLite 3.40 then counts every column of the table as used): span was
 * one until migration 14, and each state read cost a seek into the
 * table. */
static int covering(const char *path, const char *index)
{
	char *sql = xasprintf("EXPLAIN QUERY PLAN SELECT x.stay, x.valid_from,"
			      " x.g2g_date, x.delay_reason FROM stay_state x"
			      " INDEXED BY %s WHERE x.site = 'A' AND"
			      " x.span = 3 AND x.valid_to > '2026'"
			      " AND x.g2g_date IS NOT NULL", index);
	char *want = xasprintf("USING COVERING INDEX %s ", index);
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	int found = 0;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(stmt, 3), want))
			found = 1;
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	free(sql);
	free(want);
	return found;
}

static void test_upgrade(void **state)
{
	const char *root = getenv("SITREP_SOURCE_ROOT");
	char dir[] = "/tmp/sitrep-migrate-XXXXXX";
	struct sr_error err = {0};
	struct store *st;
	char *cmd, *path;

	(void)state;
	assert_non_null(root);
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/m.db", dir);
	cmd = xasprintf("cp '%s/tests/data/migrate/schema6.db' '%s'", root,
			path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	assert_int_equal(fixture_query(path, "PRAGMA user_version"), 6);

	st = store_open(path, STORE_READ_WRITE, &err);
	if (!st)
		fail_msg("%s", err.msg);
	assert_int_equal(store_file_version(st), store_schema_version());
	assert_int_equal(store_schema_version(), 20);
	if (store_integrity_check(st, &err) != SR_OK)
		fail_msg("%s", err.msg);
	if (store_check_facts(st, &err) != SR_OK)
		fail_msg("%s", err.msg);
	store_close(st);
	assert_true(fixture_query(path, "SELECT count(*) FROM stay_fact") >
		    fixture_query(path, "SELECT count(*) FROM stay"));
	assert_int_equal(fixture_query(path, "SELECT count(*) FROM stay_state"
				       " WHERE superseded_at IS NULL"),
			 fixture_query(path, "SELECT count(*) FROM stay"));
	/* The span class is stored (migration 14) and right for every
	 * state, and the state indexes cover a read that names it. */
	assert_int_equal(fixture_query(path, "SELECT count(*) FROM stay_state"
				       " WHERE span IS NULL"), 0);
	assert_int_equal(covering(path, "stay_state_at"), 1);
	assert_int_equal(covering(path, "stay_state_delayed"), 1);
	/* A blocker's span class (migration 15): 14 exactly while open. */
	assert_int_equal(fixture_query(path, "SELECT count(*) FROM blocker"
				       " WHERE span IS NULL"
				       " OR (closed_at IS NULL) <> (span = 14)"),
			 0);
	free(path);
	fixture_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upgrade),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
