/* The day's figures kept as totals (discharges by day, red and green days,
 * readmissions) and whether a site has data by a day. The definitions live
 * in metrics.h; here is only how to read them. What was in a bed, and the
 * delays, are read from the states (store_moment.c).
 *
 * Times are stored as "YYYY-MM-DDTHH:MM", dates as "YYYY-MM-DD", so
 * "discharged on or before D" is discharged_at < D+1 as text, and a day
 * count is a julianday difference of the date parts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* Parameters shared by the queries below. */
enum {
	P_DAY = 1, P_NEXT, P_YESTERDAY, P_WEEK, P_MONTH, P_WIN, P_READMIT,
	P_STRANDED, P_SUPER, P_SITE,
	P_LIMIT,           /* the caller's */
	P_STRANDED_BEFORE, /* admitted before this day: LOS >= stranded_days */
	P_SUPER_BEFORE,    /* ... >= super_stranded_days */
	P_AT,              /* the instant of the day */
	P_COUNT,
};

/* Every query reads a site at a time through an index that starts with
 * the site, and only the date range it needs, so a day's figures cost the
 * same whatever the length of the history. Every stay's site is in the
 * site table (a foreign key). */
#define SITES " site IN (SELECT code FROM site WHERE ?10 IS NULL OR code = ?10)"

/* Discharges, windows, red and green days and readmissions come from the
 * totals the triggers of migration 6 keep (discharge_day, mark_day,
 * readmission): a few rows a site and day, not a row a stay. */
static const char sql_discharged_d1[] =
	"SELECT site, pathway, n, am FROM discharge_day"
	" WHERE day = ?3 AND n > 0 AND" SITES;

/* Discharges dated ?6 .. day-1. */
static const char sql_window[] =
	"SELECT site, sum(n), sum(with_g2g), sum(g2g_days), sum(los_days),"
	" sum(on_edd) FROM discharge_day"
	" WHERE day >= ?6 AND day < ?1 AND" SITES
	" GROUP BY site";

static const char sql_marks[] =
	"SELECT site, colour, n FROM mark_day"
	" WHERE day = ?1 AND n > 0 AND" SITES;

/* Admissions of the 30 days that were readmissions; of the day itself,
 * only those admitted by its instant (the stay read for those alone). */
static const char sql_readmissions[] =
	"SELECT r.site, count(*) FROM readmission r"
	" WHERE r.day >= ?7 AND r.day < ?2 AND (r.day < ?1 OR EXISTS"
	" (SELECT 1 FROM stay s WHERE s.id = r.stay AND s.admitted_at <= ?14))"
	" AND"
	" r.site IN (SELECT code FROM site WHERE ?10 IS NULL OR code = ?10)"
	" GROUP BY r.site";

/* Whether each site has any data by the day's instant: a stay admitted
 * by then (the index on (site, admitted_at) finds the first). */
static const char sql_admitted_by[] =
	"SELECT code, EXISTS (SELECT 1 FROM stay INDEXED BY stay_admitted"
	" WHERE stay.site = site.code AND admitted_at <= ?14)"
	" FROM site WHERE ?10 IS NULL OR code = ?10";

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
	date_format(d, q->at);
	memcpy(q->at + DATE_BUF - 1, "T23:59:59", 10);
	q->stranded_days = stranded_days;
	q->super_stranded_days = super_stranded_days;
}

/* Prepares sql and binds every shared parameter the statement uses. */
static sqlite3_stmt *prepare_day(struct store *st, const char *sql,
				 const struct store_day *q, const char *win,
				 const char *site, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	char stranded[DATE_BUF], super[DATE_BUF];
	const char *text[P_COUNT] = {
		[P_DAY] = q->day, [P_NEXT] = q->next,
		[P_YESTERDAY] = q->yesterday, [P_WEEK] = q->week_start,
		[P_MONTH] = q->month_start, [P_WIN] = win,
		[P_READMIT] = q->readmit_start, [P_SITE] = site,
		[P_STRANDED_BEFORE] = stranded, [P_SUPER_BEFORE] = super,
		[P_AT] = q->at,
	};
	sr_day d = 0;
	int n;

	if (!stmt)
		return NULL;
	if (!date_parse(q->day, &d)) {
		sqlite3_finalize(stmt);
		sr_fail(err, SR_EINVAL, "invalid day '%.16s'", q->day);
		return NULL;
	}
	date_format(d - q->stranded_days + 1, stranded);
	date_format(d - q->super_stranded_days + 1, super);
	/* P_LIMIT is the caller's to bind. */
	n = sqlite3_bind_parameter_count(stmt);
	for (int i = 1; i <= n && i < P_COUNT; i++) {
		if (i == P_STRANDED)
			sqlite3_bind_int(stmt, i, q->stranded_days);
		else if (i == P_SUPER)
			sqlite3_bind_int(stmt, i, q->super_stranded_days);
		else if (i != P_LIMIT)
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

static enum sr_status run_board(struct store *st, const struct store_day *q,
				const char *site, const struct emit *e,
				struct sr_error *err)
{
	enum sr_status s;

	if ((s = run(st, sql_admitted_by, q, NULL, site, e, SHAPE_SITE,
		     FIG_ADMITTED_BY, 0, err)) != SR_OK)
		return s;
	return run(st, sql_discharged_d1, q, NULL, site, e, SHAPE_DIS_D1, 0, 0,
		   err);
}

static enum sr_status run_all(struct store *st, const struct store_day *q,
			      const char *site, const struct emit *e,
			      struct sr_error *err)
{
	enum sr_status s;

	if ((s = run(st, sql_discharged_d1, q, NULL, site, e, SHAPE_DIS_D1, 0,
		     0, err)) != SR_OK ||
	    (s = run(st, sql_window, q, q->win7, site, e, SHAPE_WINDOW, 0, 0,
		     err)) != SR_OK ||
	    (s = run(st, sql_window, q, q->win30, site, e, SHAPE_WINDOW, 0, 0,
		     err)) != SR_OK ||
	    (s = run(st, sql_marks, q, NULL, site, e, SHAPE_MARKS, 0, 0,
		     err)) != SR_OK ||
	    (s = run(st, sql_admitted_by, q, NULL, site, e, SHAPE_SITE,
		     FIG_ADMITTED_BY, 0, err)) != SR_OK)
		return s;
	return run(st, sql_readmissions, q, NULL, site, e, SHAPE_SITE,
		   FIG_READMISSIONS, 0, err);
}

enum sr_status store_day_figures(struct store *st, const struct store_day *q,
				 const char *only_site, enum store_scope scope,
				 store_figure_fn fn, void *ctx,
				 struct sr_error *err)
{
	struct emit e = {fn, ctx};
	enum sr_status s;

	/* One read transaction: every figure from the same snapshot (the
	 * caller's, if it has begun one). */
	if ((s = store_read_begin(st, err)) != SR_OK)
		return s;
	s = scope == STORE_FIGURES_BOARD ? run_board(st, q, only_site, &e, err)
					  : run_all(st, q, only_site, &e, err);
	store_read_end(st);
	return s;
}
