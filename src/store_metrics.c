/* The aggregate queries behind the day's figures, and declared OPEL levels.
 * The definitions live in metrics.h; here is only how to count them.
 *
 * Times are stored as "YYYY-MM-DDTHH:MM", dates as "YYYY-MM-DD", so
 * "discharged on or before D" is discharged_at < D+1 as text, and a day
 * count is a julianday difference of the date parts. */
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
	P_COUNT,
};

/* Every query reads the stays of a day a site at a time through an index
 * that starts with the site (migration 4 adds covering ones), and only the
 * date range it needs: the stays in a bed now through the partial index of
 * current stays, those discharged in a range through the index on
 * (site, discharged_at). So a day's figures cost the same whatever the
 * length of the history. Every stay's site is in the site table (a foreign
 * key). */
#define SITES " site IN (SELECT code FROM site WHERE ?10 IS NULL OR code = ?10)"

/* In a bed at the end of D: current stays admitted before D+1, and stays
 * discharged after D (none when D is today). LOS >= N days is "admitted
 * before the day D-N+1", compared as text. */
#define IN_BED_SUMS                                                     \
	" count(*) n, sum(admitted_at < ?12) s, sum(admitted_at < ?13) ss,"  \
	" sum(g2g_date IS NOT NULL AND g2g_date <= ?1) g,"                 \
	" sum(edd IS NULL) ne, sum(edd < ?1) ep"

static const char sql_in_bed[] =
	"SELECT site, sum(n), sum(s), sum(ss), sum(g), sum(ne), sum(ep) FROM ("
	" SELECT site," IN_BED_SUMS " FROM stay INDEXED BY stay_current"
	" WHERE discharged_at IS NULL AND admitted_at < ?2 AND" SITES
	" GROUP BY site"
	" UNION ALL"
	" SELECT site," IN_BED_SUMS " FROM stay INDEXED BY stay_out"
	" WHERE discharged_at >= ?2 AND +admitted_at < ?2 AND" SITES
	" GROUP BY site)"
	" GROUP BY site";

/* Green-to-go stays by site, delay reason and agency: how many are in a bed
 * at the end of D, and the delayed bed days in [from, D] (from: ?5 the
 * month, ?4 the week): each stay's days from its green-to-go date up to the
 * day before its discharge, clipped to the period. Two queries, the current
 * stays and those discharged since the earlier of the week and the month;
 * their rows add up. */
#define DELAYED_DAYS(from)                                                 \
	" sum(CASE WHEN discharged_at IS NULL OR discharged_at >= " from      \
	" THEN max(0, min(julianday(?1), coalesce(julianday(substr("        \
	"discharged_at, 1, 10)) - 1, julianday(?1)))"                      \
	" - max(julianday(" from "), julianday(g2g_date)) + 1) END)"

static const char sql_keys_current[] =
	"SELECT site, coalesce(delay_reason, ''), coalesce(delay_agency, ''),"
	" sum(admitted_at < ?2)," DELAYED_DAYS("?5") "," DELAYED_DAYS("?4")
	" FROM stay INDEXED BY stay_current"
	" WHERE discharged_at IS NULL AND +g2g_date <= ?1 AND" SITES
	" GROUP BY site, delay_reason, delay_agency";

/* The green-to-go stays discharged since the earlier of the week and the
 * month, in site order (a partial covering index of discharged green-to-go
 * stays). Their sums are done in C (keys_out below): grouping by reason
 * and agency in SQL sorted every row, and the day arithmetic in SQL cost
 * as much again. */
static const char sql_keys_out[] =
	"SELECT site, coalesce(delay_reason, ''), coalesce(delay_agency, ''),"
	" admitted_at < ?2 AND discharged_at >= ?2, discharged_at, g2g_date"
	" FROM stay INDEXED BY stay_left_g2g"
	" WHERE discharged_at >= min(?4, ?5) AND g2g_date <= ?1"
	" AND g2g_date IS NOT NULL AND" SITES;

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

/* Admissions of the 30 days that were readmissions. */
static const char sql_readmissions[] =
	"SELECT site, count(*) FROM readmission"
	" WHERE day >= ?7 AND day < ?2 AND" SITES
	" GROUP BY site";

/* The longest delayed: their ids first, from the covering index of current
 * stays and the stays discharged after D, then only those rows read. */
#define LONGEST_ORDER " ORDER BY g2g_date, admitted_at, id"
static const char sql_longest[] =
	"SELECT id, version, site, ward, bed, mrn, nhs_number, family_name,"
	" given_name, birth_date, admitted_at, edd, g2g_date, pathway,"
	" delay_reason, delay_agency, discharged_at, destination, note"
	" FROM stay WHERE id IN ("
	"  SELECT id FROM ("
	"   SELECT id, g2g_date, admitted_at FROM stay INDEXED BY stay_current"
	"   WHERE discharged_at IS NULL AND admitted_at < ?2"
	"   AND +g2g_date <= ?1 AND" SITES
	"   UNION ALL"
	"   SELECT id, g2g_date, admitted_at FROM stay INDEXED BY stay_left_g2g"
	"   WHERE discharged_at >= ?2 AND +admitted_at < ?2"
	"   AND g2g_date <= ?1 AND g2g_date IS NOT NULL AND" SITES
	"  )" LONGEST_ORDER " LIMIT ?11)"
	LONGEST_ORDER;

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
	char stranded[DATE_BUF], super[DATE_BUF];
	const char *text[P_COUNT] = {
		[P_DAY] = q->day, [P_NEXT] = q->next,
		[P_YESTERDAY] = q->yesterday, [P_WEEK] = q->week_start,
		[P_MONTH] = q->month_start, [P_WIN] = win,
		[P_READMIT] = q->readmit_start, [P_SITE] = site,
		[P_STRANDED_BEFORE] = stranded, [P_SUPER_BEFORE] = super,
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
	SHAPE_IN_BED,   /* site, then FIG_OCCUPIED .. FIG_EDD_PASSED */
	SHAPE_KEYS,     /* site, reason, agency, in a bed, month, week */
	SHAPE_DIS_D1,   /* site, pathway, count, before midday */
	SHAPE_WINDOW,   /* site, then the five window figures */
	SHAPE_MARKS,    /* site, colour, count */
	SHAPE_SITE,     /* site, value */
};

/* A figure by delay reason (and one by agency unless fig2 is FIG_COUNT). */
static void emit_keyed(const struct emit *e, const char *site,
		       const char *reason, const char *agency,
		       enum store_figure fig, enum store_figure fig2, double v)
{
	if (v == 0)
		return;
	e->fn(e->ctx, site, fig, reason, v);
	if (fig2 != FIG_COUNT)
		e->fn(e->ctx, site, fig2, agency, v);
}

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
		/* Columns 3, 4, 5: in a bed, bed days of the month, of the
		 * week. A zero adds nothing: left out. */
		emit_keyed(e, site, k1, (const char *)sqlite3_column_text(
				   stmt, 2), FIG_G2G_REASON, FIG_G2G_AGENCY,
			   sqlite3_column_double(stmt, 3));
		emit_keyed(e, site, k1, (const char *)sqlite3_column_text(
				   stmt, 2), FIG_DBD_MTD_REASON,
			   FIG_DBD_MTD_AGENCY, sqlite3_column_double(stmt, 4));
		emit_keyed(e, site, k1, NULL, FIG_DBD_7D, FIG_COUNT,
			   sqlite3_column_double(stmt, 5));
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

/* One site's sums by delay reason and agency, for keys_out. */
struct key_sum {
	char *reason, *agency;
	long in_bed, month, week;
};

/* Days of stay with green-to-go day g and discharge day e in the period
 * [from, d]: the days from g up to the day before e, clipped to it. */
static long days_in(sr_day from, sr_day d, sr_day g, sr_day e)
{
	sr_day last = e - 1 < d ? e - 1 : d, first = g > from ? g : from;

	return last >= first ? (long)(last - first + 1) : 0;
}

/* Emits the sums of a site and forgets them. */
static void emit_keys(const struct emit *e, const char *site,
		      struct key_sum *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		emit_keyed(e, site, k[i].reason, k[i].agency, FIG_G2G_REASON,
			   FIG_G2G_AGENCY, (double)k[i].in_bed);
		emit_keyed(e, site, k[i].reason, k[i].agency,
			   FIG_DBD_MTD_REASON, FIG_DBD_MTD_AGENCY,
			   (double)k[i].month);
		emit_keyed(e, site, k[i].reason, NULL, FIG_DBD_7D, FIG_COUNT,
			   (double)k[i].week);
		free(k[i].reason);
		free(k[i].agency);
	}
}

/* The delay figures of the discharged green-to-go stays: the same figures
 * as sql_keys_current's for the stays in a bed, summed a site at a time as
 * the rows come in site order. */
static enum sr_status keys_out(struct store *st, const struct store_day *q,
			       const char *only_site, const struct emit *e,
			       struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare_day(st, sql_keys_out, q, NULL, only_site,
					 err);
	struct key_sum *k = NULL;
	size_t n = 0, cap = 0;
	char *site;
	sr_day d, month, week;
	int rc;

	if (!stmt)
		return SR_EDB;
	if (!date_parse(q->day, &d) || !date_parse(q->month_start, &month) ||
	    !date_parse(q->week_start, &week)) {
		sqlite3_finalize(stmt);
		return sr_fail(err, SR_EINVAL, "invalid day '%.16s'", q->day);
	}
	site = xstrdup("");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *row_site = (const char *)sqlite3_column_text(stmt, 0);
		const char *reason = (const char *)sqlite3_column_text(stmt, 1);
		const char *agency = (const char *)sqlite3_column_text(stmt, 2);
		const char *out = (const char *)sqlite3_column_text(stmt, 4);
		char out_day[DATE_BUF];
		sr_day g, left;
		size_t i;

		if (strcmp(row_site, site) != 0) {
			emit_keys(e, site, k, n);
			n = 0;
			free(site);
			site = xstrdup(row_site);
		}
		strlcpy_ok(out_day, out, sizeof(out_day));
		if (!date_parse(out_day, &left) ||
		    !date_parse((const char *)sqlite3_column_text(stmt, 5),
				&g))
			continue; /* the rules let no such stay in */
		for (i = 0; i < n; i++)
			if (strcmp(k[i].reason, reason) == 0 &&
			    strcmp(k[i].agency, agency) == 0)
				break;
		if (i == n) {
			if (n == cap) {
				cap = cap ? 2 * cap : 32;
				k = xrealloc(k, cap * sizeof(*k));
			}
			memset(&k[n], 0, sizeof(k[n]));
			k[n].reason = xstrdup(reason);
			k[n].agency = xstrdup(agency);
			n++;
		}
		k[i].in_bed += sqlite3_column_int(stmt, 3);
		k[i].month += days_in(month, d, g, left);
		k[i].week += days_in(week, d, g, left);
	}
	emit_keys(e, site, k, n);
	free(k);
	free(site);
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
	    (s = run(st, sql_keys_current, q, NULL, site, e, SHAPE_KEYS, 0,
		     0, err)) != SR_OK ||
	    (s = keys_out(st, q, site, e, err)) != SR_OK ||
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
