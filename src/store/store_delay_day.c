/* The delayed patients at the end of each closed day, per site, as now
 * known (the delay_day totals of migration 12: what they hold and how the
 * triggers keep them is said there). Here: adding the days that have
 * ended, and reading their sums for the board. */
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

/* The days from..to of every site, each site's in one pass over its
 * delayed states (store_series_scan: the states, never this table, which
 * the sites filled first would show as holding the days): what
 * sql_close_day counts a day at a time, for a range of days at once. */
static enum sr_status backfill(struct store *st, sr_day from, sr_day to,
			       struct sr_error *err)
{
	sqlite3_stmt *sites = store_prepare(st, "SELECT code FROM site", err);
	sqlite3_stmt *put = NULL;
	size_t ndays = (size_t)(to - from + 1);
	long *n = xcalloc(ndays, sizeof(*n));
	enum sr_status s = SR_OK;
	char **codes = NULL;
	size_t ncodes = 0, cap = 0;

	if (!sites) {
		free(n);
		return SR_EDB;
	}
	while (sqlite3_step(sites) == SQLITE_ROW) {
		codes = xgrow(codes, &cap, ncodes + 1, sizeof(*codes));
		codes[ncodes++] = xstrdup(
			(const char *)sqlite3_column_text(sites, 0));
	}
	sqlite3_finalize(sites);
	if (!(put = store_prepare(st, sql_put_day, err)))
		s = SR_EDB;
	for (size_t i = 0; i < ncodes && s == SR_OK; i++) {
		s = store_series_scan(st, SERIES_DELAYED, NULL, 0, from, to,
				      codes[i], n, err);
		for (size_t d = 0; d < ndays && s == SR_OK; d++) {
			char day[DATE_BUF];

			date_format(from + (sr_day)d, day);
			store_bind_text(put, 1, codes[i]);
			store_bind_text(put, 2, day);
			sqlite3_bind_int64(put, 3, n[d]);
			if (sqlite3_step(put) != SQLITE_DONE)
				s = store_db_error(st, err, "cannot add the "
						   "daily totals");
			sqlite3_reset(put);
		}
	}
	sqlite3_finalize(put);
	for (size_t i = 0; i < ncodes; i++)
		free(codes[i]);
	free(codes);
	free(n);
	return s;
}

static enum sr_status close_days(struct store *st, sr_day today,
				 struct sr_error *err)
{
	sr_day lo, hi, d, first = 0;
	char adm[DATE_BUF];
	bool any;
	enum sr_status s = range(st, &lo, &hi, &any, err);
	sqlite3_stmt *stmt;

	if (s != SR_OK)
		return s;
	/* From the day of the first admission: every closed day, so a
	 * month to date and a year's trend are sums of this table. A table
	 * begun later (a month back, before schema 16) is filled back to it
	 * in one pass per site. */
	if ((s = store_first_admission(st, NULL, adm, err)) != SR_OK)
		return s;
	/* (At most ten years back: a stay admitted before that leaves the
	 * days before out, as a trend never reaches them.) */
	if (adm[0] && date_parse(adm, &first) && first < today - 3650)
		first = today - 3650;
	if (adm[0] && first && first < today) {
		sr_day upto = any ? lo - 1 : today - 1;

		if (first <= upto &&
		    (s = backfill(st, first, upto, err)) != SR_OK)
			return s;
		if (!any) {
			any = true;
			hi = upto;
		}
	}
	d = any ? hi + 1 : today;
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

/* The days ended, in delay_day and in bed_day (store_bed_day.c), which
 * are kept alike. */
enum sr_status store_delay_days_close(struct store *st, sr_day today,
				      struct sr_error *err)
{
	enum sr_status s = close_days(st, today, err);

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
	char a[DATE_BUF], b[DATE_BUF];
	bool any;
	enum sr_status s = range(st, lo, hi, &any, err);
	sqlite3_stmt *stmt;
	int rc;

	if (s != SR_OK || !any || *lo > last || *hi < first) {
		*lo = 1;
		*hi = 0;
		return s;
	}
	if (*lo < first)
		*lo = first;
	if (*hi > last)
		*hi = last;
	if (!(stmt = store_prepare(st, sql_days, err)))
		return SR_EDB;
	date_format(*lo, a);
	date_format(*hi, b);
	store_bind_text(stmt, 1, a);
	store_bind_text(stmt, 2, b);
	store_bind_text(stmt, 3, only_site);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		sr_day d;

		if (date_parse((const char *)sqlite3_column_text(stmt, 0),
			       &d) && d >= *lo && d <= *hi)
			out[d - first] += (long)sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the daily totals");
	return SR_OK;
}
