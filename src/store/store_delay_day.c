/* The delayed patients at the end of each closed day, per site, as now
 * known (the delay_day totals of migration 12: what they hold and how the
 * triggers keep them is said there). Here: adding the days that have
 * ended, and reading their sums for the board. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
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

static const char sql_range[] = "SELECT min(day), max(day) FROM delay_day";

/* ?1 first day, ?2 last day, ?3 first day of the week, ?4 of the month:
 * per site, the sums of the days from ?4 and from ?3. */
static const char sql_sums[] =
	"SELECT site, sum(CASE WHEN day >= ?4 THEN n ELSE 0 END),"
	" sum(CASE WHEN day >= ?3 THEN n ELSE 0 END)"
	" FROM delay_day WHERE day >= ?1 AND day <= ?2 GROUP BY site";

static enum sr_status range(struct store *st, sr_day *lo, sr_day *hi,
			    bool *any, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_range, err);
	enum sr_status s = SR_OK;

	*any = false;
	if (!stmt)
		return SR_EDB;
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		*any = date_parse((const char *)sqlite3_column_text(stmt, 0),
				  lo) &&
		       date_parse((const char *)sqlite3_column_text(stmt, 1),
				  hi);
	} else if (sqlite3_errcode(st->db) != SQLITE_DONE &&
		   sqlite3_errcode(st->db) != SQLITE_ROW &&
		   sqlite3_errcode(st->db) != SQLITE_OK) {
		s = store_db_error(st, err, "cannot read the daily totals");
	}
	sqlite3_finalize(stmt);
	return s;
}

enum sr_status store_delay_days_close(struct store *st, sr_day today,
				      struct sr_error *err)
{
	sr_day lo, hi, d;
	bool any;
	enum sr_status s = range(st, &lo, &hi, &any, err);
	sqlite3_stmt *stmt;

	if (s != SR_OK)
		return s;
	/* From the first of last month, when empty: a month to date can be
	 * summed from the first write on. */
	d = any ? hi + 1 : date_first_of_month(date_first_of_month(today) - 1);
	if (d >= today)
		return SR_OK;
	stmt = store_prepare(st, sql_close_day, err);
	if (!stmt)
		return SR_EDB;
	for (; d < today && s == SR_OK; d++) {
		char day[DATE_BUF], end[DATE_BUF + 9];

		date_format(d, day);
		memcpy(end, day, DATE_BUF - 1);
		memcpy(end + DATE_BUF - 1, "T23:59:59", 10);
		store_bind_text(stmt, 1, end);
		store_bind_text(stmt, 2, day);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			s = store_db_error(st, err, "cannot add a day's totals");
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	return s;
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
