/* The aggregate queries behind the day's figures, and declared OPEL levels.
 * The definitions live in metrics.h; here is only how to count them.
 *
 * Times are stored as "YYYY-MM-DDTHH:MM", dates as "YYYY-MM-DD", so
 * "discharged on or before D" is discharged_at < D+1 as text, and a day
 * count is a julianday difference of the date parts. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* Parameters shared by the queries below. */
enum {
	P_DAY = 1, P_NEXT, P_YESTERDAY, P_WEEK, P_MONTH, P_WIN, P_READMIT,
	P_STRANDED, P_SUPER, P_SITE,
};

#define IN_BED_ON_DAY                                                  \
	" admitted_at < ?2 AND (discharged_at IS NULL OR discharged_at >= ?2)" \
	" AND (?10 IS NULL OR site = ?10)"

static const char sql_in_bed[] =
	"SELECT site, count(*),"
	" sum(julianday(?1) - julianday(substr(admitted_at, 1, 10)) >= ?8),"
	" sum(julianday(?1) - julianday(substr(admitted_at, 1, 10)) >= ?9),"
	" sum(g2g_date IS NOT NULL AND g2g_date <= ?1),"
	" sum(edd IS NULL), sum(edd < ?1)"
	" FROM stay WHERE" IN_BED_ON_DAY " GROUP BY site";

static const char sql_g2g_keys[] =
	"SELECT site, coalesce(delay_reason, ''), coalesce(delay_agency, ''),"
	" count(*) FROM stay WHERE" IN_BED_ON_DAY
	" AND g2g_date IS NOT NULL AND g2g_date <= ?1 GROUP BY 1, 2, 3";

/* Delayed bed days in [from, ?1] (from: ?4 the week, ?5 the month): each stay's days from its green-to-go
 * date up to the day before its discharge, clipped to the period. */
#define DELAYED_DAYS(from)                                                  \
	"SELECT site, coalesce(delay_reason, ''), coalesce(delay_agency, ''),"  \
	" sum(max(0, min(julianday(?1), coalesce(julianday(substr("         \
	"discharged_at, 1, 10)) - 1, julianday(?1)))"                       \
	" - max(julianday(" from "), julianday(g2g_date)) + 1))"            \
	" FROM stay WHERE g2g_date IS NOT NULL AND g2g_date <= ?1"          \
	" AND (discharged_at IS NULL OR discharged_at >= " from ")"         \
	" AND (?10 IS NULL OR site = ?10) GROUP BY 1, 2, 3"

static const char sql_dbd_month[] = DELAYED_DAYS("?5");
static const char sql_dbd_week[] = DELAYED_DAYS("?4");

static const char sql_discharged_d1[] =
	"SELECT site, coalesce(pathway, 4), count(*),"
	" sum(substr(discharged_at, 12, 5) < '12:00')"
	" FROM stay WHERE discharged_at >= ?3 AND discharged_at < ?1"
	" AND (?10 IS NULL OR site = ?10) GROUP BY 1, 2";

/* Discharges dated ?6 .. day-1. */
static const char sql_window[] =
	"SELECT site, count(*), sum(g2g_date IS NOT NULL),"
	" total(julianday(substr(discharged_at, 1, 10)) - julianday(g2g_date)),"
	" total(julianday(substr(discharged_at, 1, 10))"
	"  - julianday(substr(admitted_at, 1, 10))),"
	" sum(edd IS NOT NULL AND substr(discharged_at, 1, 10) <= edd)"
	" FROM stay WHERE discharged_at >= ?6 AND discharged_at < ?1"
	" AND (?10 IS NULL OR site = ?10) GROUP BY site";

static const char sql_marks[] =
	"SELECT s.site, m.colour, count(*) FROM day_mark m"
	" JOIN stay s ON s.id = m.stay WHERE m.day = ?1"
	" AND (?10 IS NULL OR s.site = ?10) GROUP BY 1, 2";

static const char sql_readmissions[] =
	"SELECT s.site, count(*) FROM stay s"
	" WHERE s.admitted_at >= ?7 AND s.admitted_at < ?2"
	" AND s.nhs_number IS NOT NULL AND (?10 IS NULL OR s.site = ?10)"
	" AND EXISTS (SELECT 1 FROM stay p WHERE p.nhs_number = s.nhs_number"
	"  AND p.id <> s.id AND p.discharged_at IS NOT NULL"
	"  AND p.discharged_at <= s.admitted_at"
	"  AND julianday(substr(s.admitted_at, 1, 10))"
	"   - julianday(substr(p.discharged_at, 1, 10)) <= 28)"
	" GROUP BY s.site";

static const char sql_longest[] =
	"SELECT id, version, site, ward, bed, mrn, nhs_number, family_name,"
	" given_name, birth_date, admitted_at, edd, g2g_date, pathway,"
	" delay_reason, delay_agency, discharged_at, destination, note"
	" FROM stay WHERE" IN_BED_ON_DAY
	" AND g2g_date IS NOT NULL AND g2g_date <= ?1"
	" ORDER BY g2g_date, admitted_at, id LIMIT ?11";

void store_day_init(struct store_day *q, sr_day d, int stranded_days,
		    int super_stranded_days)
{
	date_format(d, q->day);
	date_format(d + 1, q->next);
	date_format(d - 1, q->yesterday);
	date_format(d - 6, q->week_start);
	date_format(date_first_of_month(d), q->month_start);
	date_format(d - 7, q->win7);
	date_format(d - 30, q->win30);
	date_format(d - 29, q->readmit_start);
	q->stranded_days = stranded_days;
	q->super_stranded_days = super_stranded_days;
}

/* Prepares sql and binds every shared parameter the statement uses. */
static sqlite3_stmt *prepare_day(struct store *st, const char *sql,
				 const struct store_day *q, const char *win,
				 const char *site, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	const char *text[] = {
		[P_DAY] = q->day, [P_NEXT] = q->next,
		[P_YESTERDAY] = q->yesterday, [P_WEEK] = q->week_start,
		[P_MONTH] = q->month_start, [P_WIN] = win,
		[P_READMIT] = q->readmit_start, [P_SITE] = site,
	};
	int n;

	if (!stmt)
		return NULL;
	/* Parameters past P_SITE are the caller's to bind. */
	n = sqlite3_bind_parameter_count(stmt);
	for (int i = 1; i <= n && i <= P_SITE; i++) {
		if (i == P_STRANDED)
			sqlite3_bind_int(stmt, i, q->stranded_days);
		else if (i == P_SUPER)
			sqlite3_bind_int(stmt, i, q->super_stranded_days);
		else
			store_bind_text(stmt, i, text[i]);
	}
	return stmt;
}

struct emit {
	store_figure_fn fn;
	void *ctx;
};

/* How one query's rows become figures. */
enum shape {
	SHAPE_IN_BED,   /* site, then FIG_OCCUPIED .. FIG_EDD_PASSED */
	SHAPE_KEYS,     /* site, reason, agency, value: two figures */
	SHAPE_DIS_D1,   /* site, pathway, count, before midday */
	SHAPE_WINDOW,   /* site, then the five window figures */
	SHAPE_MARKS,    /* site, colour, count */
	SHAPE_SITE,     /* site, value */
};

static void emit_row(const struct emit *e, sqlite3_stmt *stmt, enum shape sh,
		     enum store_figure fig, enum store_figure fig2,
		     const char *key)
{
	const char *site = (const char *)sqlite3_column_text(stmt, 0);
	const char *k1 = (const char *)sqlite3_column_text(stmt, 1);

	switch (sh) {
	case SHAPE_IN_BED:
		for (int i = 0; i < 6; i++)
			e->fn(e->ctx, site, (enum store_figure)(FIG_OCCUPIED + i),
			      NULL, sqlite3_column_double(stmt, i + 1));
		break;
	case SHAPE_KEYS:
		e->fn(e->ctx, site, fig, k1, sqlite3_column_double(stmt, 3));
		if (fig2 != FIG_COUNT)
			e->fn(e->ctx, site, fig2,
			      (const char *)sqlite3_column_text(stmt, 2),
			      sqlite3_column_double(stmt, 3));
		break;
	case SHAPE_DIS_D1:
		e->fn(e->ctx, site, FIG_DIS_D1, k1,
		      sqlite3_column_double(stmt, 2));
		e->fn(e->ctx, site, FIG_DIS_D1_AM, k1,
		      sqlite3_column_double(stmt, 3));
		break;
	case SHAPE_WINDOW:
		for (int i = 0; i < 5; i++)
			e->fn(e->ctx, site,
			      (enum store_figure)(FIG_WIN_DISCHARGES + i), key,
			      sqlite3_column_double(stmt, i + 1));
		break;
	case SHAPE_MARKS:
		e->fn(e->ctx, site,
		      strcmp(k1, "red") == 0 ? FIG_RED_DAYS : FIG_GREEN_DAYS,
		      NULL, sqlite3_column_double(stmt, 2));
		break;
	case SHAPE_SITE:
		e->fn(e->ctx, site, fig, NULL, sqlite3_column_double(stmt, 1));
		break;
	}
}

static enum sr_status run(struct store *st, const char *sql,
			  const struct store_day *q, const char *win,
			  const char *site, const struct emit *e, enum shape sh,
			  enum store_figure fig, enum store_figure fig2,
			  struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare_day(st, sql, q, win, site, err);
	const char *key = win == q->win7 ? "7" : "30";
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		emit_row(e, stmt, sh, fig, fig2, key);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot compute figures");
	return SR_OK;
}

static enum sr_status run_all(struct store *st, const struct store_day *q,
			      const char *site, const struct emit *e,
			      struct sr_error *err)
{
	enum sr_status s;

	if ((s = run(st, sql_in_bed, q, NULL, site, e, SHAPE_IN_BED, 0, 0,
		     err)) != SR_OK ||
	    (s = run(st, sql_g2g_keys, q, NULL, site, e, SHAPE_KEYS,
		     FIG_G2G_REASON, FIG_G2G_AGENCY, err)) != SR_OK ||
	    (s = run(st, sql_dbd_month, q, NULL, site, e, SHAPE_KEYS,
		     FIG_DBD_MTD_REASON, FIG_DBD_MTD_AGENCY, err)) != SR_OK ||
	    (s = run(st, sql_dbd_week, q, NULL, site, e, SHAPE_KEYS,
		     FIG_DBD_7D, FIG_COUNT, err)) != SR_OK ||
	    (s = run(st, sql_discharged_d1, q, NULL, site, e, SHAPE_DIS_D1, 0,
		     0, err)) != SR_OK ||
	    (s = run(st, sql_window, q, q->win7, site, e, SHAPE_WINDOW, 0, 0,
		     err)) != SR_OK ||
	    (s = run(st, sql_window, q, q->win30, site, e, SHAPE_WINDOW, 0, 0,
		     err)) != SR_OK ||
	    (s = run(st, sql_marks, q, NULL, site, e, SHAPE_MARKS, 0, 0,
		     err)) != SR_OK)
		return s;
	return run(st, sql_readmissions, q, NULL, site, e, SHAPE_SITE,
		   FIG_READMISSIONS, 0, err);
}

enum sr_status store_day_figures(struct store *st, const struct store_day *q,
				 const char *only_site, store_figure_fn fn,
				 void *ctx, struct sr_error *err)
{
	struct emit e = {fn, ctx};
	enum sr_status s;

	/* One read transaction: every figure from the same snapshot. */
	if ((s = store_exec(st, "BEGIN", err)) != SR_OK)
		return s;
	s = run_all(st, q, only_site, &e, err);
	store_exec(st, "COMMIT", NULL);
	return s;
}

enum sr_status store_longest_delayed(struct store *st,
				     const struct store_day *q,
				     const char *only_site, int limit,
				     bool (*fn)(void *ctx, const struct stay *s),
				     void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare_day(st, sql_longest, q, NULL, only_site,
					 err);
	struct stay s = {0};
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int(stmt, 11, limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		bool more;

		s.id = sqlite3_column_int64(stmt, 0);
		s.version = sqlite3_column_int64(stmt, 1);
		for (int f = 0; f < SF_COUNT; f++)
			s.v[f] = store_column_dup(stmt, f + 2);
		more = fn(ctx, &s);
		stay_clear(&s);
		if (!more) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot list delayed stays");
	return SR_OK;
}
