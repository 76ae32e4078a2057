/* The patients in a bed at the end of each closed day, per site, and of
 * them those with a stay of 7, 14 and 21 days or more, as now known (the
 * bed_day totals of migration 20: what they hold and how the triggers
 * keep them is said there). Here: adding the days that have ended
 * (beside delay_day's, from store_delay_days_close), and reading a
 * column's sums for store_state_series. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* The thresholds kept, in the order of the table's columns after in_bed
 * (a stay of 0 days or more: in a bed). */
static const int kept_los[] = {0, 7, 14, 21};
#define NKEPT ARRAY_SIZE(kept_los)

/* One day's counts, ?1 its end ("DT23:59:59"), ?2 the day, ?3 .. ?5 the
 * days 7, 14 and 21 days before it: the states in force then, a site and
 * span class at a time through the index that covers them, and of those
 * the stays admitted on or before each. Every site gets its row, 0
 * included, so that a day of the table is whole. */
static const char sql_close_day[] =
	"WITH RECURSIVE" STORE_SQL_SPAN_CLASSES("?1") ","
	" n(site, in_bed, los7, los14, los21) AS ("
	"  SELECT x.site, count(*),"
	"  count(CASE WHEN substr(x.admitted_at, 1, 10) <= ?3 THEN 1 END),"
	"  count(CASE WHEN substr(x.admitted_at, 1, 10) <= ?4 THEN 1 END),"
	"  count(CASE WHEN substr(x.admitted_at, 1, 10) <= ?5 THEN 1 END)"
	"  FROM site CROSS JOIN span_class k"
	"  CROSS JOIN stay_state x INDEXED BY stay_state_at"
	"  WHERE x.site = site.code AND x.span = k.span AND x.valid_to <= k.hi"
	"  AND x.valid_to > ?1 AND x.valid_from <= ?1"
	"  AND x.superseded_at IS NULL GROUP BY x.site)"
	" INSERT OR REPLACE INTO bed_day (site, day, in_bed, los7, los14,"
	" los21)"
	" SELECT site.code, ?2, coalesce(n.in_bed, 0), coalesce(n.los7, 0),"
	" coalesce(n.los14, 0), coalesce(n.los21, 0)"
	" FROM site LEFT JOIN n ON n.site = site.code";

/* The first and last day: those of one site, as every site has a row on
 * every day between (a site added gets its rows: migration 20), two
 * probes of the key where min(day) over the table reads all of it. */
static const char sql_range[] =
	"SELECT min(day), max(day) FROM bed_day"
	" WHERE site = (SELECT min(site) FROM bed_day)";

static const char sql_put_day[] =
	"INSERT OR REPLACE INTO bed_day (site, day, in_bed, los7, los14,"
	" los21) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* ?1 first day, ?2 last day, ?3 the site (NULL: the active sites): each
 * site's rows, summed in C (no sort). */
static const char sql_days[] =
	"SELECT day, in_bed, los7, los14, los21 FROM bed_day"
	" WHERE site IN (SELECT code FROM site WHERE (?3 IS NULL AND"
	" active = 1) OR code = ?3) AND day >= ?1 AND day <= ?2";

static enum sr_status range(struct store *st, sr_day *lo, sr_day *hi,
			    bool *any, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_range, err);
	enum sr_status s = SR_OK;
	int rc;

	*any = false;
	if (!stmt)
		return SR_EDB;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		*any = date_parse((const char *)sqlite3_column_text(stmt, 0),
				  lo) &&
		       date_parse((const char *)sqlite3_column_text(stmt, 1),
				  hi);
	else if (rc != SQLITE_ROW)
		s = store_db_error(st, err, "cannot read the daily totals");
	sqlite3_finalize(stmt);
	return s;
}

/* The days from..to of every site, each site's in one pass over its
 * states (store_series_scan, every threshold at once): what
 * sql_close_day counts a day at a time, for a range of days at once. */
static enum sr_status backfill(struct store *st, sr_day from, sr_day to,
			       struct sr_error *err)
{
	sqlite3_stmt *sites = store_prepare(st, "SELECT code FROM site", err);
	sqlite3_stmt *put = NULL;
	size_t ndays = (size_t)(to - from + 1);
	long *n = xcalloc(ndays * NKEPT, sizeof(*n));
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
		s = store_series_scan(st, SERIES_LOS, kept_los, NKEPT, from, to,
				      codes[i], n, err);
		for (size_t d = 0; d < ndays && s == SR_OK; d++) {
			char day[DATE_BUF];

			date_format(from + (sr_day)d, day);
			store_bind_text(put, 1, codes[i]);
			store_bind_text(put, 2, day);
			for (size_t k = 0; k < NKEPT; k++)
				sqlite3_bind_int64(put, 3 + (int)k,
						   n[d * NKEPT + k]);
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

enum sr_status store_bed_days_close(struct store *st, sr_day today,
				    struct sr_error *err)
{
	sr_day lo = 0, hi = 0, d, first = 0;
	char adm[DATE_BUF];
	bool any;
	enum sr_status s = range(st, &lo, &hi, &any, err);
	sqlite3_stmt *stmt;

	if (s != SR_OK)
		return s;
	/* As delay_day: every closed day from the first admission (at
	 * most ten years back), the days before the table's first filled
	 * in one pass per site. */
	if ((s = store_first_admission(st, NULL, adm, err)) != SR_OK)
		return s;
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
		char day[DATE_BUF], end[DATE_BUF + 9], ago[NKEPT][DATE_BUF];

		date_format(d, day);
		memcpy(end, day, DATE_BUF - 1);
		memcpy(end + DATE_BUF - 1, "T23:59:59", 10);
		store_bind_text(stmt, 1, end);
		store_bind_text(stmt, 2, day);
		for (size_t k = 1; k < NKEPT; k++) {
			date_format(d - kept_los[k], ago[k]);
			store_bind_text(stmt, 2 + (int)k, ago[k]);
		}
		if (sqlite3_step(stmt) != SQLITE_DONE)
			s = store_db_error(st, err, "cannot add a day's totals");
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	return s;
}

int store_bed_day_column(int los_days)
{
	for (size_t k = 0; k < NKEPT; k++)
		if (kept_los[k] == los_days)
			return (int)k;
	return -1;
}

enum sr_status store_bed_day_read(struct store *st, int col, sr_day first,
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
			out[d - first] += (long)sqlite3_column_int64(stmt,
								     1 + col);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the daily totals");
	return SR_OK;
}
