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
	assert_int_equal(store_schema_version(), 13);
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
