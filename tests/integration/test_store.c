/* Integration tests of the store on real SQLite files in a temp directory:
 * creation, permissions, migrations, refusal of newer files, config sync. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sitrep/store.h"
#include "sitrep/util.h"

#include "fixture.h"

struct fixture {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/sitrep-store-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/test.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fixture_remove(f->dir);
	free(f);
	return 0;
}

/* Runs one SQL statement on the file directly and returns the first column
 * of the first row as an int (or -1). */
static int raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	int v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			v = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	return v;
}

static int raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static void test_create_empty(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	struct store *st = store_open(f->path, STORE_READ_WRITE, &err);
	static const char *const tables[] = {
		"site", "ward", "stay", "day_mark", "opel_declared", "audit",
	};

	assert_non_null(st);
	assert_int_equal(store_file_version(st), store_schema_version());
	for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
		assert_int_equal(store_count(st, tables[i]), 0);
	assert_int_equal(store_count(st, "sqlite_master"), -1);
	assert_int_equal(store_integrity_check(st, &err), SR_OK);
	store_close(st);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
			 store_schema_version());
	/* WAL is set at creation and sticks to the file. */
	assert_int_equal(raw_int(f->path,
		"SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
}

static void test_private_mode(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	mode_t old = umask(0);
	struct store *st = store_open(f->path, STORE_READ_WRITE, &err);
	struct stat sb;

	umask(old);
	assert_non_null(st);
	store_close(st);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

static void test_group_install_mode(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	mode_t old;
	struct store *st;
	struct stat sb;

	assert_int_equal(chmod(f->dir, 02770), 0);
	old = umask(007);
	st = store_open(f->path, STORE_READ_WRITE, &err);
	umask(old);
	assert_non_null(st);
	store_close(st);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
}

static void test_reopen_is_noop(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	struct store *st = store_open(f->path, STORE_READ_WRITE, &err);
	int objects;

	assert_non_null(st);
	store_close(st);
	objects = raw_int(f->path, "SELECT count(*) FROM sqlite_master");
	assert_true(objects > 6);
	st = store_open(f->path, STORE_READ_WRITE, &err);
	assert_non_null(st);
	assert_int_equal(store_file_version(st), store_schema_version());
	store_close(st);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"),
			 objects);
	st = store_open(f->path, STORE_READ_ONLY, &err);
	assert_non_null(st);
	store_close(st);
}

static void test_upgrade_older(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	struct store *st = store_open_at_version(f->path, 1, &err);

	assert_non_null(st);
	assert_int_equal(store_file_version(st), 1);
	store_close(st);
	/* Version 1 has no append-only triggers yet. */
	assert_int_equal(raw_exec(f->path,
		"INSERT INTO audit (at, by, field) VALUES ('x', 'y', 'z');"
		"UPDATE audit SET by = 'w'"), SQLITE_OK);
	/* A read-only open refuses to upgrade. */
	assert_null(store_open(f->path, STORE_READ_ONLY, &err));
	assert_int_equal(err.status, SR_EUNSUPPORTED);
	st = store_open(f->path, STORE_READ_WRITE, &err);
	assert_non_null(st);
	assert_int_equal(store_file_version(st), store_schema_version());
	assert_int_equal(store_count(st, "audit"), 1);
	store_close(st);
	assert_int_not_equal(raw_exec(f->path, "UPDATE audit SET by = 'v'"),
			     SQLITE_OK);
	assert_int_not_equal(raw_exec(f->path, "DELETE FROM audit"), SQLITE_OK);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 1);
}

static void test_newer_refused(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	struct store *st = store_open(f->path, STORE_READ_WRITE, &err);

	assert_non_null(st);
	store_close(st);
	assert_int_equal(raw_exec(f->path, "PRAGMA user_version = 99"),
			 SQLITE_OK);
	assert_null(store_open(f->path, STORE_READ_WRITE, &err));
	assert_int_equal(err.status, SR_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "newer than this sitrep"));
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 99);
}

static void test_missing_read_only(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};

	assert_null(store_open(f->path, STORE_READ_ONLY, &err));
	assert_int_equal(err.status, SR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "sitrep init"));
	assert_int_equal(access(f->path, F_OK), -1);
}

static void test_not_a_database(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	FILE *fp = fopen(f->path, "w");

	assert_non_null(fp);
	fputs("this is not an SQLite database, just some text that is long "
	      "enough to fill a header and more of it to be sure\n", fp);
	fclose(fp);
	assert_null(store_open(f->path, STORE_READ_WRITE, &err));
	assert_int_not_equal(err.status, SR_OK);
	assert_non_null(strstr(err.msg, f->path));
}

/* A two-site config built by hand, so this test does not depend on YAML. */
static struct ward_cfg wards_a[] = {
	{.code = "W1", .name = "Ward One", .beds = 10},
	{.code = "W2", .name = "Ward Two", .beds = 12},
};
static struct ward_cfg wards_b[] = {
	{.code = "C1", .name = "Cedar", .beds = 20},
};
static struct site_cfg sites[] = {
	{.code = "AAA", .name = "Alpha Hospital", .kind = SITE_ACUTE,
	 .beds = 22, .wards = wards_a, .nwards = 2},
	{.code = "BBB", .name = "Beta Community", .kind = SITE_COMMUNITY,
	 .beds = 20, .wards = wards_b, .nwards = 1},
};

static void test_sync_config(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	struct config cfg = {.system_name = "Test", .sites = sites,
			     .nsites = 2};
	struct store_sync_report rep;
	struct store *st = store_open(f->path, STORE_READ_WRITE, &err);

	assert_non_null(st);
	assert_int_equal(store_sync_config(st, &cfg, &rep, &err), SR_OK);
	assert_int_equal(rep.sites_added, 2);
	assert_int_equal(rep.wards_added, 3);
	assert_int_equal(rep.ndropped_sites, 0);
	store_sync_report_free(&rep);

	/* Again: nothing changes. */
	assert_int_equal(store_sync_config(st, &cfg, &rep, &err), SR_OK);
	assert_int_equal(rep.sites_added + rep.sites_updated, 0);
	assert_int_equal(rep.wards_added + rep.wards_updated, 0);
	store_sync_report_free(&rep);

	/* Beds change; site BBB and ward W2 leave the config. */
	wards_a[0].beds = 11;
	sites[0].nwards = 1;
	cfg.nsites = 1;
	assert_int_equal(store_sync_config(st, &cfg, &rep, &err), SR_OK);
	assert_int_equal(rep.wards_updated, 1);
	assert_int_equal(rep.ndropped_sites, 1);
	assert_string_equal(rep.dropped_sites[0], "BBB");
	assert_int_equal(rep.ndropped_wards, 2);
	assert_string_equal(rep.dropped_wards[0], "AAA/W2");
	assert_string_equal(rep.dropped_wards[1], "BBB/C1");
	store_sync_report_free(&rep);
	assert_int_equal(store_count(st, "site"), 2);
	assert_int_equal(store_count(st, "ward"), 3);
	store_close(st);
	assert_int_equal(raw_int(f->path,
		"SELECT active FROM site WHERE code = 'BBB'"), 0);
	assert_int_equal(raw_int(f->path,
		"SELECT beds FROM ward WHERE site = 'AAA' AND code = 'W1'"), 11);

	/* Back in the config: active again. */
	st = store_open(f->path, STORE_READ_WRITE, &err);
	cfg.nsites = 2;
	sites[0].nwards = 2;
	wards_a[0].beds = 10;
	assert_int_equal(store_sync_config(st, &cfg, &rep, &err), SR_OK);
	assert_int_equal(rep.sites_updated, 1);
	store_sync_report_free(&rep);
	store_close(st);
	assert_int_equal(raw_int(f->path,
		"SELECT sum(active) FROM site"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_private_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_install_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_is_noop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_older, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_config, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
