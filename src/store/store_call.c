/* What changed since the last call (call.h): the stays discharged and the
 * EDDs moved in a window, as rows. call.c applies the words. */
#include <stdlib.h>

#include "sitrep/store.h"
#include "store_internal.h"

/* By the index on (site, discharged_at, ...); ?3 NULL: every site. */
static const char sql_discharged[] =
	"SELECT s.id, s.site, s.mrn, s.discharged_at FROM site"
	" CROSS JOIN stay s INDEXED BY stay_out"
	" WHERE (?3 IS NULL OR site.code = ?3) AND s.site = site.code"
	" AND s.discharged_at > ?1 AND s.discharged_at <= ?2"
	" ORDER BY s.site, s.discharged_at, s.id";

/* The EDD facts recorded in (?1, ?2] (migration 11's index), each with
 * the value in force before it took effect: the fact of the same stay
 * with the latest valid_from before it (a tie: the earlier recorded). */
static const char sql_edd_moves[] =
	"SELECT f.stay, s.site, s.mrn, (SELECT p.value FROM stay_fact p"
	"  WHERE p.stay = f.stay AND p.field = 'edd'"
	"  AND (p.valid_from < f.valid_from"
	"   OR (p.valid_from = f.valid_from AND p.id < f.id))"
	"  ORDER BY p.valid_from DESC, p.id DESC LIMIT 1) AS was,"
	" f.value, f.valid_from, f.recorded_at, f.recorded_by"
	" FROM stay_fact f INDEXED BY stay_fact_edd_recorded"
	" JOIN stay s ON s.id = f.stay"
	" WHERE f.field = 'edd' AND f.recorded_at > ?1 AND f.recorded_at <= ?2"
	" AND (?3 IS NULL OR s.site = ?3) AND was IS NOT NULL"
	" ORDER BY s.site, f.recorded_at, f.id";

static const char *col(sqlite3_stmt *stmt, int i)
{
	return (const char *)sqlite3_column_text(stmt, i);
}

static sqlite3_stmt *prepare(struct store *st, const char *sql,
			     const char *from, const char *to,
			     const char *site, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);

	if (!stmt)
		return NULL;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 3, site);
	return stmt;
}

static enum sr_status finish(struct store *st, sqlite3_stmt *stmt, int rc,
			     struct sr_error *err)
{
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the changes");
	return SR_OK;
}

enum sr_status store_discharged_between(struct store *st, const char *from,
					const char *to, const char *site,
					bool (*fn)(void *ctx,
						   const struct store_left_row *r),
					void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare(st, sql_discharged, from, to, site, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_left_row r = {
			.stay = sqlite3_column_int64(stmt, 0),
			.site = col(stmt, 1), .mrn = col(stmt, 2),
			.discharged_at = col(stmt, 3),
		};

		if (!fn(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(st, stmt, rc, err);
}

enum sr_status store_edd_moves(struct store *st, const char *from,
			       const char *to, const char *site,
			       bool (*fn)(void *ctx,
					  const struct store_edd_move *m),
			       void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare(st, sql_edd_moves, from, to, site, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_edd_move m = {
			.stay = sqlite3_column_int64(stmt, 0),
			.site = col(stmt, 1), .mrn = col(stmt, 2),
			.was = col(stmt, 3), .value = col(stmt, 4),
			.valid_from = col(stmt, 5),
			.recorded_at = col(stmt, 6),
			.recorded_by = col(stmt, 7),
		};

		if (!fn(ctx, &m)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(st, stmt, rc, err);
}
