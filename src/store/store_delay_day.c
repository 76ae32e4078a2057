/* The delayed patients at the end of each closed day, per site, as now
 * known (the delay_day totals of migration 12: what they hold and how the
 * triggers keep them is said there). Here: the table's SQL, for adding
 * the days that have ended and reading their sums (store_day_totals.c),
 * and the sums for the board. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* One day's counts, ?1 its end ("DT23:59:59"), ?2 the day: the states in
 * force then with a discharge ready date on or before it, a site and span
 * class at a time. Every site gets its row, 0 included, so that a day of
 * the table is whole. */
static const char sql_close_day[] =
	"WITH RECURSIVE" STORE_SQL_SPAN_CLASSES("?1")
	" INSERT OR REPLACE INTO delay_day (site, day, n)"
	" SELECT site.code, ?2, (SELECT count(*) FROM span_class k"
	"  CROSS JOIN stay_state x INDEXED BY stay_state_delayed"
	"  WHERE x.site = site.code AND x.span = k.span AND x.valid_to <= k.hi"
	"  AND x.valid_to > ?1 AND x.valid_from <= ?1"
	"  AND x.superseded_at IS NULL AND"
	STORE_SQL_DELAYED("x.g2g_date", "?2") ")"
	" FROM site";

/* The first and last day, as those of one site: two probes of the key,
 * where min(day) over the table reads all of it (17 ms at national
 * scale, on every chart and write). Every site has a row on every day
 * of the table (filled again whole by migration 20, whose trigger gives
 * a site added its rows; store_check_totals checks it). */
static const char sql_range[] =
	"SELECT min(day), max(day) FROM delay_day"
	" WHERE site = (SELECT min(site) FROM delay_day)";

static const char sql_put_day[] =
	"INSERT OR REPLACE INTO delay_day (site, day, n) VALUES (?1, ?2, ?3)";

/* ?1 first day, ?2 last day, ?3 the site (NULL: the active sites). */
static const char sql_days[] =
	"SELECT day, sum(n) FROM delay_day WHERE day >= ?1 AND day <= ?2"
	" AND site IN (SELECT code FROM site WHERE (?3 IS NULL AND active = 1)"
	" OR code = ?3) GROUP BY day ORDER BY day";

/* ?1 first day, ?2 last day, ?3 first day of the week, ?4 of the month:
 * per site, the sums of the days from ?4 and from ?3. */
static const char sql_sums[] =
	"SELECT site, sum(CASE WHEN day >= ?4 THEN n ELSE 0 END),"
	" sum(CASE WHEN day >= ?3 THEN n ELSE 0 END)"
	" FROM delay_day WHERE day >= ?1 AND day <= ?2 GROUP BY site";

static const struct store_day_totals delay_days = {
	sql_range, sql_close_day, sql_put_day, sql_days,
	SERIES_DELAYED, NULL, 0,
};

static enum sr_status range(struct store *st, sr_day *lo, sr_day *hi,
			    bool *any, struct sr_error *err)
{
	return store_day_totals_range(st, &delay_days, lo, hi, any, err);
}

/* The days ended, in delay_day and in bed_day (store_bed_day.c), which
 * are kept alike. */
enum sr_status store_delay_days_close(struct store *st, sr_day today,
				      struct sr_error *err)
{
	enum sr_status s = store_day_totals_close(st, &delay_days, today,
						  err);

	return s == SR_OK ? store_bed_days_close(st, today, err) : s;
}

enum sr_status store_delay_day_series(struct store *st, const char *from,
				      const char *to, const char *only_site,
				      bool *covered,
				      void (*fn)(void *ctx, const char *day,
						 long n),
				      void *ctx, struct sr_error *err)
{
	sr_day lo, hi, a, b;
	bool any;
	enum sr_status s = range(st, &lo, &hi, &any, err);
	sqlite3_stmt *stmt;
	int rc;

	*covered = false;
	if (s != SR_OK)
		return s;
	if (!any || !date_parse(from, &a) || !date_parse(to, &b) || lo > a ||
	    hi < b)
		return SR_OK;
	*covered = true;
	if (!(stmt = store_prepare(st, sql_days, err)))
		return SR_EDB;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 3, only_site);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
		   (long)sqlite3_column_int64(stmt, 1));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the daily totals");
	return SR_OK;
}

enum sr_status store_delay_day_sums(struct store *st, sr_day last,
				    sr_day week, sr_day month, bool *covered,
				    void (*fn)(void *ctx, const char *site,
					       long month_sum, long week_sum),
				    void *ctx, struct sr_error *err)
{
	sr_day first = week < month ? week : month;
	char a[DATE_BUF], b[DATE_BUF], w[DATE_BUF], m[DATE_BUF];
	sr_day lo, hi;
	bool any;
	enum sr_status s = range(st, &lo, &hi, &any, err);
	sqlite3_stmt *stmt;
	int rc;

	*covered = false;
	if (s != SR_OK)
		return s;
	if (last < first) {
		*covered = true; /* nothing to sum */
		return SR_OK;
	}
	if (!any || lo > first || hi < last)
		return SR_OK;
	*covered = true;
	stmt = store_prepare(st, sql_sums, err);
	if (!stmt)
		return SR_EDB;
	date_format(first, a);
	date_format(last, b);
	date_format(week, w);
	date_format(month, m);
	store_bind_text(stmt, 1, a);
	store_bind_text(stmt, 2, b);
	store_bind_text(stmt, 3, w);
	store_bind_text(stmt, 4, m);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
		   (long)sqlite3_column_int64(stmt, 1),
		   (long)sqlite3_column_int64(stmt, 2));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the daily totals");
	return SR_OK;
}

enum sr_status store_delay_day_read(struct store *st, sr_day first,
				    sr_day last, const char *only_site,
				    sr_day *lo, sr_day *hi, long *out,
				    struct sr_error *err)
{
	return store_day_totals_read(st, &delay_days, 0, first, last,
				     only_site, lo, hi, out, err);
}
