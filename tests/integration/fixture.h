/* What every integration test's fixture ends with: its store closed, its
 * config freed and its private temporary directory removed. */
#ifndef SITREP_TEST_FIXTURE_H
#define SITREP_TEST_FIXTURE_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/census.h"
#include "sitrep/config.h"
#include "sitrep/store.h"
#include "sitrep/util.h"

/* Makes the directory dir (a mkdtemp template, rewritten) with a store in
 * it, synced with the config in yaml, and imports census into it as who:
 * 0, or -1 with the reason on stderr. */
static inline int fixture_open(char *dir, const char *yaml,
			       const char *census,
			       const struct store_actor *who,
			       struct config **cfg, struct store **st)
{
	struct census_options opt = {.name = "fixture.csv"};
	struct census_report rep = {0};
	struct sr_error err = {0};
	char *path;

	if (!mkdtemp(dir))
		return -1;
	path = xasprintf("%s/fixture.db", dir);
	*cfg = config_load_buffer("fixture.yaml", yaml, strlen(yaml), &err);
	*st = *cfg ? store_open(path, STORE_READ_WRITE, &err) : NULL;
	free(path);
	if (!*st || store_sync_config(*st, *cfg, NULL, &err) != SR_OK ||
	    census_import(*st, *cfg, census, strlen(census), &opt, who, &rep,
			  &err) != SR_OK) {
		fprintf(stderr, "%s\n", err.msg);
		for (size_t i = 0; i < rep.nerrors; i++)
			fprintf(stderr, "%s\n", rep.errors[i]);
		census_report_free(&rep);
		return -1;
	}
	census_report_free(&rep);
	return 0;
}

/* The integer the query sql gives, read through a connection of its own
 * to the database file at path; -1 if it fails. */
static inline long long fixture_query(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	long long n = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
		    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	else
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return n;
}

/* Removes dir and all in it. */
static inline void fixture_remove(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

static inline void fixture_close(const char *dir, struct store *st,
				 struct config *cfg)
{
	store_close(st);
	config_free(cfg);
	fixture_remove(dir);
}

#endif
