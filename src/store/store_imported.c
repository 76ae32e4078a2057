/* Published aggregates from before sitrep (migration 16): imported_series,
 * a value per metric, area and period, apart from the facts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_get[] =
	"SELECT value, source FROM imported_series"
	" WHERE metric = ?1 AND area = ?2 AND period = ?3";

static const char sql_put[] =
	"INSERT INTO imported_series (metric, area, period, value, source,"
	" imported_at, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	" ON CONFLICT (metric, area, period) DO UPDATE SET value = ?4,"
	" source = ?5, imported_at = ?6, imported_by = ?7";

static const char sql_each[] =
	"SELECT period, value FROM imported_series"
	" WHERE metric = ?1 AND area = ?2 AND length(period) = ?3"
	" AND period >= ?4 AND period <= ?5 ORDER BY period";

enum sr_status store_imported_get(struct store *st, const char *metric,
				  const char *area, const char *period,
				  bool *found, double *value, char **source,
				  struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_get, err);
	int rc;

	*found = false;
	*source = NULL;
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, metric);
	store_bind_text(stmt, 2, area);
	store_bind_text(stmt, 3, period);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const char *src = (const char *)sqlite3_column_text(stmt, 1);

		*found = true;
		*value = sqlite3_column_double(stmt, 0);
		*source = src ? xstrdup(src) : NULL;
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the imported series");
	return SR_OK;
}

enum sr_status store_imported_put(struct store *st, const char *metric,
				  const char *area, const char *period,
				  double value, const char *source,
				  const struct store_actor *who,
				  struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_put, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, metric);
	store_bind_text(stmt, 2, area);
	store_bind_text(stmt, 3, period);
	sqlite3_bind_double(stmt, 4, value);
	store_bind_text(stmt, 5, source);
	store_bind_text(stmt, 6, who->at);
	store_bind_text(stmt, 7, who->by);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot store the imported series");
	return SR_OK;
}

enum sr_status store_imported_each(struct store *st, const char *metric,
				   const char *area, const char *from,
				   const char *to,
				   void (*fn)(void *ctx, const char *period,
					      double value),
				   void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_each, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, metric);
	store_bind_text(stmt, 2, area);
	sqlite3_bind_int(stmt, 3, (int)strlen(from));
	store_bind_text(stmt, 4, from);
	store_bind_text(stmt, 5, to);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
		   sqlite3_column_double(stmt, 1));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the imported series");
	return SR_OK;
}
