/* Day-by-day series for the trends and SPC charts: on each day of a
 * range, how many patients were in a bed, stranded (a length of stay of at
 * least N days) or delayed at the day's end, in one scan; and the day's
 * discharges from the kept totals.
 *
 * At D's end means as the day's figures count it: the stay has a state in
 * force at D's last second (valid_from <= "DT23:59:59" < valid_to), as the
 * dated facts say now (DESIGN §4); delayed: that state's discharge ready
 * date (g2g_date) is D or before (STORE_SQL_DELAYED); stranded: D -
 * admission date >= N. So a value set today never changes an earlier
 * day's count. The system ("all sites") is the sites the config lists, as
 * in metrics_compute: a site dropped from the config keeps its history but
 * leaves the system's series.
 *
 * Delayed, in a bed and stranded (a stay of 0, 7, 14 or 21 days) are
 * read from the kept totals of the closed days (delay_day, bed_day)
 * wherever they hold the days asked for: a year's chart at national
 * scale reads 150,000 rows of those where the scan reads every state
 * ending in the year (5 million, 1.5 s of CPU). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* ?1 first day, ?2 last day, ?3 site (NULL: the active sites), ?4 the
 * first day's end, ?5 the last day's end ("DT23:59:59").
 *
 * A state counts on D when it began by D's end, ended after it, and its
 * discharge ready date is D or before: D in [latest of the date it began
 * and its g2g_date, the day before the date it ended] (a state ending on
 * D at any time up to 23:59:59 has ended by D's end; '9999': in force
 * still). The query gives each state that can count in the range; C
 * clips that span to the range and adds +1 at its start and -1 after its
 * end in an array of the range's days, whose running sum counts every day
 * in one pass, however many states and days, with no sort. The states
 * come a site and span class at a time (STORE_SQL_SPAN_CLASSES) from
 * those ending after the first day's end, through the partial index of
 * the states with a discharge ready date, which covers what is read. */
#define SERIES_SQL(admitted, index, cond)                                \
	"WITH RECURSIVE"                                                   \
	STORE_SQL_SPAN_CLASSES("?5") ","                                   \
	" sites(code) AS ("                                                \
	"  SELECT code FROM site WHERE (?3 IS NULL AND active = 1)"        \
	"  OR code = ?3)"                                                  \
	" SELECT valid_from, valid_to, " admitted                         \
	" FROM sites CROSS JOIN span_class k"                              \
	" CROSS JOIN stay_state x INDEXED BY " index                       \
	" WHERE x.site = sites.code AND x.span = k.span"                   \
	" AND valid_to <= k.hi AND valid_to > ?4 AND valid_from <= ?5"     \
	" AND superseded_at IS NULL" cond
/* Delayed: the partial index of the states with a discharge ready date. */
static const char sql_delayed[] =
	SERIES_SQL("g2g_date", "stay_state_delayed",
		   " AND" STORE_SQL_DELAYED("g2g_date", "?2"));
/* In a bed, stranded: every state, through the index that covers them. */
static const char sql_in_bed[] =
	SERIES_SQL("admitted_at", "stay_state_at", "");

/* The day of a stored date or instant (its first 10 characters). */
static bool column_day(sqlite3_stmt *stmt, int col, sr_day *out)
{
	const char *t = (const char *)sqlite3_column_text(stmt, col);
	char d[DATE_BUF];

	if (!t || strlen(t) < 10)
		return false;
	memcpy(d, t, 10);
	d[10] = '\0';
	return date_parse(d, out);
}

/* A range longer than this is refused: the console asks for 30 days. */
#define SERIES_MAX_DAYS 3660

enum sr_status store_series_scan(struct store *st, enum store_series kind,
				 const int *los, size_t nlos, sr_day first,
				 sr_day last, const char *only_site,
				 long *out, struct sr_error *err)
{
	char from_end[MOMENT_INSTANT_BUF], to_end[MOMENT_INSTANT_BUF];
	char from[DATE_BUF], to[DATE_BUF];
	static const int none = 0;
	struct sr_moment m;
	sqlite3_stmt *stmt;
	int rc;

	if (kind == SERIES_DELAYED || nlos == 0) {
		los = &none;
		nlos = 1;
	}
	date_format(first, from);
	date_format(last, to);
	moment_end_of_day(&m, first);
	memcpy(from_end, m.at, sizeof(from_end));
	moment_end_of_day(&m, last);
	memcpy(to_end, m.at, sizeof(to_end));
	stmt = store_prepare(st, kind == SERIES_DELAYED ? sql_delayed
							: sql_in_bed, err);
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 3, only_site);
	store_bind_text(stmt, 4, from_end);
	store_bind_text(stmt, 5, to_end);
	/* change[i * nlos + k]: how count k moves from day first + i - 1 to
	 * it. */
	size_t ndays = (size_t)(last - first + 1);
	long *change = xcalloc((ndays + 1) * nlos, sizeof(*change));

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *vt = (const char *)sqlite3_column_text(stmt, 1);
		sr_day began, from_day, b;

		/* A damaged row is skipped: store_check reports it. */
		if (!column_day(stmt, 0, &began) || !vt ||
		    !column_day(stmt, 2, &from_day))
			continue;
		if (strcmp(vt, to_end) > 0)
			b = last;
		else if (column_day(stmt, 1, &b))
			b--;
		else
			continue;
		/* The first day it counts: the later of the day the state
		 * began and the discharge ready date (delayed) or the day
		 * the stay reaches los[k] (in a bed: its admission). */
		for (size_t k = 0; k < nlos; k++) {
			sr_day a = kind == SERIES_DELAYED ? from_day
							  : from_day + los[k];

			if (a < began)
				a = began;
			if (a < first)
				a = first;
			if (a > b)
				continue;
			change[(size_t)(a - first) * nlos + k]++;
			change[(size_t)(b - first + 1) * nlos + k]--;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		free(change);
		return store_db_error(st, err, "cannot count the patients of "
				      "each day");
	}
	for (size_t k = 0; k < nlos; k++) {
		long n = 0;

		for (size_t i = 0; i < ndays; i++) {
			n += change[i * nlos + k];
			out[i * nlos + k] = n;
		}
	}
	free(change);
	return SR_OK;
}

enum sr_status store_state_series(struct store *st, enum store_series kind,
				  int los_days, const char *from,
				  const char *to, const char *only_site,
				  void (*fn)(void *ctx, const char *day,
					     long n),
				  void *ctx, struct sr_error *err)
{
	sr_day first, last, lo = 1, hi = 0;
	enum sr_status s = SR_OK;
	int col;

	if (!from || !date_parse(from, &first))
		return sr_fail(err, SR_EINVAL, "invalid first day '%.16s' "
			       "(expected YYYY-MM-DD)", from ? from : "");
	if (!to || !date_parse(to, &last))
		return sr_fail(err, SR_EINVAL, "invalid last day '%.16s' "
			       "(expected YYYY-MM-DD)", to ? to : "");
	if (last < first)
		return sr_fail(err, SR_EINVAL, "the range %s to %s ends "
			       "before it starts", from, to);
	if (last - first >= SERIES_MAX_DAYS)
		return sr_fail(err, SR_EINVAL, "the range %s to %s is longer "
			       "than %d days", from, to, SERIES_MAX_DAYS);
	if (kind == SERIES_IN_BED)
		los_days = 0;

	size_t ndays = (size_t)(last - first + 1);
	long *n = xcalloc(ndays, sizeof(*n));

	/* The days the kept totals hold (delay_day, migration 12; bed_day,
	 * migration 20) come from them, lo..hi; the others (today, days
	 * before the table's first) from the states. The same definition:
	 * test_totals checks one against the other. */
	col = kind == SERIES_DELAYED ? -1 : store_bed_day_column(los_days);
	if (kind == SERIES_DELAYED)
		s = store_delay_day_read(st, first, last, only_site, &lo, &hi,
					 n, err);
	else if (col >= 0)
		s = store_bed_day_read(st, col, first, last, only_site, &lo,
				       &hi, n, err);
	if (s == SR_OK && lo > hi) {
		s = store_series_scan(st, kind, &los_days, 1, first, last,
				      only_site, n, err);
	} else if (s == SR_OK) {
		if (first < lo)
			s = store_series_scan(st, kind, &los_days, 1, first,
					      lo - 1, only_site, n, err);
		if (s == SR_OK && hi < last)
			s = store_series_scan(st, kind, &los_days, 1, hi + 1,
					      last, only_site,
					      n + (hi + 1 - first), err);
	}
	for (size_t i = 0; s == SR_OK && i < ndays; i++) {
		char day[DATE_BUF];

		date_format(first + (sr_day)i, day);
		fn(ctx, day, n[i]);
	}
	free(n);
	return s;
}

enum sr_status store_delayed_series(struct store *st, const char *from,
				    const char *to, const char *only_site,
				    void (*fn)(void *ctx, const char *day,
					       long delayed),
				    void *ctx, struct sr_error *err)
{
	return store_state_series(st, SERIES_DELAYED, 0, from, to, only_site,
				  fn, ctx, err);
}

/* The discharges of each day of ?1..?2 from the kept totals. */
static const char sql_discharges[] =
	"SELECT day, sum(n), sum(am) FROM discharge_day"
	" WHERE day >= ?1 AND day <= ?2 AND site IN (SELECT code FROM site"
	"  WHERE (?3 IS NULL AND active = 1) OR code = ?3)"
	" GROUP BY day";

enum sr_status store_discharge_series(struct store *st, const char *from,
				      const char *to, const char *only_site,
				      void (*fn)(void *ctx, const char *day,
						 long n, long before_midday),
				      void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_discharges, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 3, only_site);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
		   (long)sqlite3_column_int64(stmt, 1),
		   (long)sqlite3_column_int64(stmt, 2));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the discharges");
	return SR_OK;
}

/* The first admission of the site (or of the active sites): through
 * stay_admitted, one index probe per site. */
static const char sql_first[] =
	"SELECT min(first) FROM ("
	" SELECT (SELECT min(admitted_at) FROM stay"
	"  WHERE stay.site = site.code) AS first"
	" FROM site WHERE (?1 IS NULL AND active = 1) OR code = ?1)";

enum sr_status store_first_admission(struct store *st, const char *only_site,
				     char day[DATE_BUF], struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_first, err);
	int rc;

	day[0] = '\0';
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, only_site);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		snprintf(day, DATE_BUF, "%.10s",
			 (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return store_db_error(st, err, "cannot read the first admission");
	return SR_OK;
}
