/* The patients in a bed at the end of each closed day, per site, and of
 * them those with a stay of 7, 14 and 21 days or more, as now known (the
 * bed_day totals of migration 20: what they hold and how the triggers
 * keep them is said there). Here: the table's SQL, for adding the days
 * that have ended (beside delay_day's, from store_delay_days_close) and
 * reading a column's sums for store_state_series (store_day_totals.c). */
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

static const struct store_day_totals bed_days = {
	sql_range, sql_close_day, sql_put_day, sql_days,
	SERIES_LOS, kept_los, NKEPT,
};

enum sr_status store_bed_days_close(struct store *st, sr_day today,
				    struct sr_error *err)
{
	return store_day_totals_close(st, &bed_days, today, err);
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
	return store_day_totals_read(st, &bed_days, col, first, last,
				     only_site, lo, hi, out, err);
}
