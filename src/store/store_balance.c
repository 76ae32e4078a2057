/* Rows for the bed balance and the flow of community beds (issue 16):
 * admissions of given days by time of day, admissions of a period by
 * source, and discharges of a period on weekend days and weekdays. Rows
 * only: metrics.c applies the definitions. Admissions are counted from
 * the stays a range of an index at a time (site, admitted_at: the index
 * stay_admitted; site, source, admitted_at: stay_source_admitted), with
 * no expression evaluated a row: a month of a national system's
 * admissions is half a million rows. Discharges come from the kept
 * totals discharge_day. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

#define SITES_OF(a) \
	" (?9 IS NULL OR " a ".code = ?9)"

/* The admissions of site.code with admitted_at in [lo, hi). */
#define ADMITTED(lo, hi)                                                 \
	"(SELECT count(*) FROM stay s INDEXED BY stay_admitted"           \
	" WHERE s.site = site.code AND s.admitted_at >= " lo              \
	" AND s.admitted_at < " hi ")"

/* ?1..?4 the days, ?5 HH:MM: per site, the admissions of those days at or
 * after ?5 and before 12:00, and at or after ?5. An instant is stored as
 * YYYY-MM-DDTHH:MM (stay.c), so "the time of day at or after ?5" is the
 * range from the day's instant ?5. A site none of whose four days has an
 * admission gives no row. */
static const char sql_by_time[] =
	"WITH d(day, next) AS (VALUES (?1, date(?1, '+1 day')),"
	" (?2, date(?2, '+1 day')), (?3, date(?3, '+1 day')),"
	" (?4, date(?4, '+1 day')))"
	" SELECT site.code,"
	" sum(" ADMITTED("d.day || 'T' || ?5", "d.day || 'T12:00'") "),"
	" sum(" ADMITTED("d.day || 'T' || ?5", "d.next") ")"
	" FROM site CROSS JOIN d"
	" WHERE" SITES_OF("site") " AND EXISTS (SELECT 1 FROM stay s"
	"  INDEXED BY stay_admitted WHERE s.site = site.code"
	"  AND s.admitted_at >= d.day AND s.admitted_at < d.next)"
	" GROUP BY site.code";

/* ?1 .. ?2 (instants, both included): admissions per site and source, a
 * count a source (the CHECK of migration 18 allows these four), each a
 * range of stay_source_admitted (migration 19). */
static const char *const sources[] = {"home", "community", "acute",
				      "other"};
#define BY_SOURCE(cond)                                                  \
	" (SELECT count(*) FROM stay s INDEXED BY stay_source_admitted"   \
	" WHERE s.site = site.code AND s.source " cond                    \
	" AND s.admitted_at >= ?1 AND s.admitted_at <= ?2)"
static const char sql_by_source[] =
	"SELECT site.code," BY_SOURCE("= 'home'") ","
	BY_SOURCE("= 'community'") "," BY_SOURCE("= 'acute'") ","
	BY_SOURCE("= 'other'") "," BY_SOURCE("IS NULL")
	" FROM site WHERE" SITES_OF("site");

/* ?1 .. ?2 (days, ?2 excluded): discharges per site on Saturdays and
 * Sundays, and on the other days. The weekend days of the period are
 * found once (w), not a row of the totals at a time. */
static const char sql_weekend[] =
	"WITH RECURSIVE d(day) AS (SELECT ?1 UNION ALL"
	" SELECT date(day, '+1 day') FROM d WHERE date(day, '+1 day') < ?2),"
	" w(day) AS (SELECT day FROM d"
	"  WHERE strftime('%w', day) IN ('0', '6'))"
	" SELECT site.code,"
	" sum(CASE WHEN x.day IN w THEN x.n END),"
	" sum(CASE WHEN x.day IN w THEN 0 ELSE x.n END)"
	" FROM site CROSS JOIN discharge_day x"
	" WHERE" SITES_OF("site") " AND x.site = site.code"
	" AND x.day >= ?1 AND x.day < ?2"
	" GROUP BY site.code";

/* Rows of (site, a, b). */
static enum sr_status rows(struct store *st, sqlite3_stmt *stmt,
			   store_balance_fn fn, void *ctx,
			   struct sr_error *err)
{
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(stmt, 0), NULL,
		   sqlite3_column_double(stmt, 1),
		   sqlite3_column_double(stmt, 2));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the bed balance");
	return SR_OK;
}

enum sr_status store_admissions_by_time(struct store *st,
					const char days[4][DATE_BUF],
					const char *from_hhmm,
					const char *only_site,
					store_balance_fn fn, void *ctx,
					struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_by_time, err);

	if (!stmt)
		return SR_EDB;
	for (int i = 0; i < 4; i++)
		store_bind_text(stmt, i + 1, days[i]);
	store_bind_text(stmt, 5, from_hhmm);
	store_bind_text(stmt, 9, only_site);
	return rows(st, stmt, fn, ctx, err);
}

enum sr_status store_admissions_by_source(struct store *st, const char *from,
					  const char *to,
					  const char *only_site,
					  store_balance_fn fn, void *ctx,
					  struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_by_source, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 9, only_site);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *site = (const char *)sqlite3_column_text(stmt, 0);

		for (int i = 0; i <= (int)ARRAY_SIZE(sources); i++) {
			double n = sqlite3_column_double(stmt, i + 1);

			if (n > 0)
				fn(ctx, site, i < (int)ARRAY_SIZE(sources) ?
				   sources[i] : NULL, n, 0);
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the admissions");
	return SR_OK;
}

enum sr_status store_discharges_weekend(struct store *st, const char *from,
					const char *to, const char *only_site,
					store_balance_fn fn, void *ctx,
					struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_weekend, err);

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 9, only_site);
	return rows(st, stmt, fn, ctx, err);
}
