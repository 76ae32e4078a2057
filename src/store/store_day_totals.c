/* The kept day totals (delay_day of migration 12, bed_day of migration
 * 20): a row per site and closed day of counts of the patients in a bed
 * at the day's end, as now known, kept by triggers as facts change. What
 * the two tables share: their range, adding the days that have ended
 * (and those before the table's first back to the first admission), and
 * reading a column's sums. Each table's own SQL is in its file
 * (store_delay_day.c, store_bed_day.c). */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* The counts of a row: one, or one per threshold. */
static size_t width(const struct store_day_totals *t)
{
	return t->nlos ? t->nlos : 1;
}

enum sr_status store_day_totals_range(struct store *st,
				      const struct store_day_totals *t,
				      sr_day *lo, sr_day *hi, bool *any,
				      struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, t->sql_range, err);
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
 * states (store_series_scan, every threshold at once; the states, never
 * the table, which the sites filled first would show as holding the
 * days): what sql_close_day counts a day at a time, for a range of days
 * at once. */
static enum sr_status backfill(struct store *st,
			       const struct store_day_totals *t, sr_day from,
			       sr_day to, struct sr_error *err)
{
	sqlite3_stmt *sites = store_prepare(st, "SELECT code FROM site", err);
	sqlite3_stmt *put = NULL;
	size_t ndays = (size_t)(to - from + 1), w = width(t);
	long *n = xcalloc(ndays * w, sizeof(*n));
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
	if (!(put = store_prepare(st, t->sql_put_day, err)))
		s = SR_EDB;
	for (size_t i = 0; i < ncodes && s == SR_OK; i++) {
		s = store_series_scan(st, t->kind, t->los, t->nlos, from, to,
				      codes[i], n, err);
		for (size_t d = 0; d < ndays && s == SR_OK; d++) {
			char day[DATE_BUF];

			date_format(from + (sr_day)d, day);
			store_bind_text(put, 1, codes[i]);
			store_bind_text(put, 2, day);
			for (size_t k = 0; k < w; k++)
				sqlite3_bind_int64(put, 3 + (int)k,
						   n[d * w + k]);
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

enum sr_status store_day_totals_close(struct store *st,
				      const struct store_day_totals *t,
				      sr_day today, struct sr_error *err)
{
	sr_day lo = 0, hi = 0, d, first = 0;
	char adm[DATE_BUF];
	bool any;
	enum sr_status s = store_day_totals_range(st, t, &lo, &hi, &any, err);
	sqlite3_stmt *stmt;

	if (s != SR_OK)
		return s;
	/* From the day of the first admission: every closed day, so a
	 * month to date and a year's trend are sums of the table. A table
	 * begun later (a month back, before schema 16) is filled back to it
	 * in one pass per site. (At most ten years back: a stay admitted
	 * before that leaves the days before out, as a trend never reaches
	 * them.) */
	if ((s = store_first_admission(st, NULL, adm, err)) != SR_OK)
		return s;
	if (adm[0] && date_parse(adm, &first) && first < today - 3650)
		first = today - 3650;
	if (adm[0] && first && first < today) {
		sr_day upto = any ? lo - 1 : today - 1;

		if (first <= upto &&
		    (s = backfill(st, t, first, upto, err)) != SR_OK)
			return s;
		if (!any) {
			any = true;
			hi = upto;
		}
	}
	d = any ? hi + 1 : today;
	if (d >= today)
		return SR_OK;
	stmt = store_prepare(st, t->sql_close_day, err);
	if (!stmt)
		return SR_EDB;
	for (; d < today && s == SR_OK; d++) {
		char day[DATE_BUF], end[DATE_BUF + 9], ago[DATE_BUF];

		date_format(d, day);
		memcpy(end, day, DATE_BUF - 1);
		memcpy(end + DATE_BUF - 1, "T23:59:59", 10);
		store_bind_text(stmt, 1, end);
		store_bind_text(stmt, 2, day);
		for (size_t k = 1; k < t->nlos; k++) {
			date_format(d - t->los[k], ago);
			sqlite3_bind_text(stmt, 2 + (int)k, ago, -1,
					  SQLITE_TRANSIENT);
		}
		if (sqlite3_step(stmt) != SQLITE_DONE)
			s = store_db_error(st, err, "cannot add a day's totals");
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	return s;
}

enum sr_status store_day_totals_read(struct store *st,
				     const struct store_day_totals *t,
				     int col, sr_day first, sr_day last,
				     const char *only_site, sr_day *lo,
				     sr_day *hi, long *out,
				     struct sr_error *err)
{
	char a[DATE_BUF], b[DATE_BUF];
	bool any;
	enum sr_status s = store_day_totals_range(st, t, lo, hi, &any, err);
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
	if (!(stmt = store_prepare(st, t->sql_days, err)))
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
