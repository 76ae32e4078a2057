/* The SQLite store: opening and creating the database file (private, WAL,
 * synchronous=FULL), schema migrations numbered by PRAGMA user_version, and
 * syncing sites and wards from the config. All SQL lives behind this header
 * (store.c and its store_*.c helpers); nothing above it builds SQL text. */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"
#include "sitrep/error.h"

struct store;

enum store_mode {
	STORE_READ_WRITE, /* create if missing, migrate if older */
	STORE_READ_ONLY,  /* must exist and be at the current version */
};

/* The schema version this build writes. */
int store_schema_version(void);

/* Opens path (creating a private file, mode 0600, or 0660 in a setgid
 * directory for a group install) and brings its schema up to date in one
 * transaction. A file from a newer sitrep is refused. */
struct store *store_open(const char *path, enum store_mode mode,
			 struct sr_error *err);
void store_close(struct store *st);
const char *store_path(const struct store *st);

/* Opens without migrating, then applies migrations up to version `upto`
 * only. For tests of the upgrade path. */
struct store *store_open_at_version(const char *path, int upto,
				    struct sr_error *err);
/* The file's PRAGMA user_version. */
int store_file_version(struct store *st);

/* Sites in the store that the config no longer lists (kept with their
 * history, marked inactive). */
struct store_sync_report {
	size_t sites_added, sites_updated, wards_added, wards_updated;
	char **dropped_sites; /* codes; freed by store_sync_report_free */
	size_t ndropped_sites;
	char **dropped_wards; /* "SITE/WARD" */
	size_t ndropped_wards;
};

/* Makes the site and ward tables match cfg in one transaction. Sites and
 * wards the config no longer lists are marked inactive, never deleted. */
enum sr_status store_sync_config(struct store *st, const struct config *cfg,
				 struct store_sync_report *rep,
				 struct sr_error *err);
void store_sync_report_free(struct store_sync_report *rep);

/* Checks PRAGMA integrity_check; SR_OK when it answers "ok". */
enum sr_status store_integrity_check(struct store *st, struct sr_error *err);

/* Counts rows of a table by name from a fixed list (site, ward, stay,
 * day_mark, opel_declared, audit); -1 for an unknown table. For
 * summaries and tests. */
long long store_count(struct store *st, const char *table);

/* Resolves the database path: explicit (from --db) if non-NULL, else
 * $SITREP_DB, else $XDG_DATA_HOME/sitrep/sitrep.db (or
 * ~/.local/share/sitrep/sitrep.db). Returns a newly allocated path. */
char *store_default_path(const char *explicit_path);


#endif
