/* Day-by-day series for the console's trends: how many patients were
 * delayed on each day of a range, in one query.
 *
 * Delayed on D means as the day's figures count it (STORE_SQL_DELAYED, and
 * store_metrics.c): in a bed at the end of D (admitted_at < D+1, discharged_at NULL or >= D+1, as
 * text on "YYYY-MM-DDTHH:MM") with g2g_date <= D. So D lies in the stay's
 * span from the latest of its green-to-go date and admission date to the
 * day before its discharge. The system ("all sites") is the sites the
 * config lists, as in metrics_compute: a site dropped from the config keeps
 * its history but leaves the system's series. */
#include "sitrep/store.h"
#include "store_internal.h"

/* ?1 first day, ?2 last day, ?3 site (NULL: the active sites), ?4 the day
 * after ?1, ?5 the day after ?2.
 *
 * A stay in a bed at the end of D with g2g_date <= D is one whose span
 * [latest of g2g_date and admission date, day before discharge] holds D.
 * Each stay that can count in the range gives its span clipped to the
 * range; a running sum of +1 at each span's start and -1 after its end
 * counts every day in one pass, however many stays and days.
 *
 * The stays in a bed now come through the partial index of current stays:
 * without statistics the planner would rather walk every stay of a site.
 * Those discharged since the first day come through stay_discharged. */
static const char sql_series[] =
	"WITH RECURSIVE days(day) AS ("
	"  SELECT ?1 UNION ALL"
	"  SELECT date(day, '+1 day') FROM days WHERE day < ?2),"
	" sites(code) AS ("
	"  SELECT code FROM site WHERE (?3 IS NULL AND active = 1)"
	"  OR code = ?3),"
	" spans(a, b) AS ("
	"  SELECT max(g2g_date, substr(admitted_at, 1, 10), ?1), ?2"
	"  FROM stay INDEXED BY stay_in_bed"
	"  WHERE discharged_at IS NULL AND"
	STORE_SQL_DELAYED("+g2g_date", "?2") " AND site IN sites"
	"  UNION ALL"
	"  SELECT max(g2g_date, substr(admitted_at, 1, 10), ?1),"
	"   min(date(discharged_at, '-1 day'), ?2)"
	"  FROM stay WHERE discharged_at >= ?4 AND"
	STORE_SQL_DELAYED("+g2g_date", "?2")
	"  AND +admitted_at < ?5 AND site IN sites),"
	" changes(day, n) AS ("
	"  SELECT day, sum(n) FROM ("
	"   SELECT a AS day, 1 AS n FROM spans WHERE a <= b"
	"   UNION ALL"
	"   SELECT date(b, '+1 day'), -1 FROM spans WHERE a <= b)"
	"  GROUP BY day)"
	" SELECT d.day, sum(coalesce(c.n, 0)) OVER (ORDER BY d.day)"
	" FROM days d LEFT JOIN changes c ON c.day = d.day ORDER BY d.day";

/* A range longer than this is refused: the console asks for 30 days. */
#define SERIES_MAX_DAYS 3660

enum sr_status store_delayed_series(struct store *st, const char *from,
				    const char *to, const char *only_site,
				    void (*fn)(void *ctx, const char *day,
					       long delayed),
				    void *ctx, struct sr_error *err)
{
	char from_next[DATE_BUF], to_next[DATE_BUF];
	sr_day first, last;
	sqlite3_stmt *stmt;
	int rc;

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
	date_format(first + 1, from_next);
	date_format(last + 1, to_next);
	stmt = store_prepare(st, sql_series, err);
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 3, only_site);
	store_bind_text(stmt, 4, from_next);
	store_bind_text(stmt, 5, to_next);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
		   (long)sqlite3_column_int64(stmt, 1));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot count delayed patients");
	return SR_OK;
}
