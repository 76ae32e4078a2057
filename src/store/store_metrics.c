/* The aggregate queries behind the day's figures, and declared OPEL levels.
 * The definitions live in metrics.h; here is only how to count them.
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
	" sum(" STORE_SQL_DELAYED("g2g_date", "?1") ") g,"                 \
	" sum(edd IS NULL) ne, sum(edd < ?1) ep"

/* The stays discharged after D that were in a bed at its end (none when
 * D is today); those in a bed now are walked by current_stays. */
static const char sql_in_bed[] =
	"SELECT site," IN_BED_SUMS " FROM stay INDEXED BY stay_out"
	" WHERE discharged_at >= ?2 AND +admitted_at < ?2 AND" SITES
	" GROUP BY site";

/* The green-to-go stays discharged since the earlier of the week and the
 * month, in site order (a partial covering index of discharged green-to-go
 * stays). Their sums are done in C (keys_out below): grouping by reason
 * and agency in SQL sorted every row, and the day arithmetic in SQL cost
 * as much again. */
static const char sql_keys_out[] =
	"SELECT site, coalesce(delay_reason, ''), coalesce(delay_agency, ''),"
	" admitted_at < ?2 AND discharged_at >= ?2, discharged_at, g2g_date"
	" FROM stay INDEXED BY stay_left_g2g"
	" WHERE discharged_at >= min(?4, ?5) AND"
	STORE_SQL_DELAYED("g2g_date", "?1") " AND" SITES;

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

/* Whether each site has any data by the end of the day: a stay admitted
 * by then (the index on (site, admitted_at) finds the first). */
static const char sql_admitted_by[] =
	"SELECT code, EXISTS (SELECT 1 FROM stay INDEXED BY stay_admitted"
	" WHERE stay.site = site.code AND admitted_at < ?2)"
	" FROM site WHERE ?10 IS NULL OR code = ?10";

/* The longest delayed: their ids first, from the covering index of current
 * stays and the stays discharged after D, then only those rows read. */
#define LONGEST_ORDER " ORDER BY g2g_date, admitted_at, id"
static const char sql_longest[] =
	"SELECT " STORE_STAY_COLUMNS " FROM stay s WHERE s.id IN ("
	"  SELECT id FROM ("
	"   SELECT id, g2g_date, admitted_at FROM stay INDEXED BY stay_current"
	"   WHERE discharged_at IS NULL AND admitted_at < ?2"
	"   AND" STORE_SQL_DELAYED("+g2g_date", "?1") " AND" SITES
	"   UNION ALL"
	"   SELECT id, g2g_date, admitted_at FROM stay INDEXED BY stay_left_g2g"
	"   WHERE discharged_at >= ?2 AND +admitted_at < ?2"
	"   AND" STORE_SQL_DELAYED("g2g_date", "?1") " AND" SITES
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

/* One site's sums, as the rows of a site come in (the two walks below). */
struct key_sum {
	char *reason, *agency;
	long in_bed, month, week;
};
#define KEY_SLOTS 256 /* a power of two, well above reasons x agencies */
struct site_sums {
	char *site;
	long in_bed[6]; /* FIG_OCCUPIED .. FIG_EDD_PASSED */
	struct key_sum *k;
	size_t n, cap;
	/* k's index + 1 by a hash of (reason, agency); 0: free. Every row of
	 * the month's discharges looks its key up. */
	unsigned short slot[KEY_SLOTS];
	sr_day d, month, week; /* the day, the starts of its month and week */
};

static enum sr_status sums_init(struct site_sums *ss,
				const struct store_day *q,
				struct sr_error *err)
{
	memset(ss, 0, sizeof(*ss));
	if (!date_parse(q->day, &ss->d) ||
	    !date_parse(q->month_start, &ss->month) ||
	    !date_parse(q->week_start, &ss->week))
		return sr_fail(err, SR_EINVAL, "invalid day '%.16s'", q->day);
	ss->site = xstrdup("");
	return SR_OK;
}

/* Emits the sums of the site so far and forgets them. */
static void sums_emit(struct site_sums *ss, const struct emit *e)
{
	for (int i = 0; i < 6; i++)
		if (ss->in_bed[i])
			e->fn(e->ctx, ss->site,
			      (enum store_figure)(FIG_OCCUPIED + i), NULL,
			      (double)ss->in_bed[i]);
	memset(ss->in_bed, 0, sizeof(ss->in_bed));
	for (size_t i = 0; i < ss->n; i++) {
		struct key_sum *k = &ss->k[i];

		emit_keyed(e, ss->site, k->reason, k->agency, FIG_G2G_REASON,
			   FIG_G2G_AGENCY, (double)k->in_bed);
		emit_keyed(e, ss->site, k->reason, k->agency,
			   FIG_DBD_MTD_REASON, FIG_DBD_MTD_AGENCY,
			   (double)k->month);
		emit_keyed(e, ss->site, k->reason, NULL, FIG_DBD_7D, FIG_COUNT,
			   (double)k->week);
		free(k->reason);
		free(k->agency);
	}
	ss->n = 0;
	memset(ss->slot, 0, sizeof(ss->slot));
}

/* Moves on to site when the rows reach it. */
static void sums_site(struct site_sums *ss, const struct emit *e,
		      const char *site)
{
	if (strcmp(site, ss->site) == 0)
		return;
	sums_emit(ss, e);
	free(ss->site);
	ss->site = xstrdup(site);
}

static void sums_free(struct site_sums *ss, const struct emit *e)
{
	sums_emit(ss, e);
	free(ss->site);
	free(ss->k);
}

/* Days of a stay with green-to-go day g and discharge day e in the period
 * [from, d]: the days from g up to the day before e, clipped to it. */
static long days_in(sr_day from, sr_day d, sr_day g, sr_day e)
{
	sr_day last = e - 1 < d ? e - 1 : d, first = g > from ? g : from;

	return last >= first ? (long)(last - first + 1) : 0;
}

/* A green-to-go stay (green to go on day g, discharged on day left, or
 * after d) of the site: in a bed at the end of d or not, and its delayed
 * days in the month and the week. */
static unsigned key_hash(const char *reason, const char *agency)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (const char *p = reason; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ '/') * 16777619u;
	for (const char *p = agency; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h & (KEY_SLOTS - 1);
}

static void sums_delay(struct site_sums *ss, const char *reason,
		       const char *agency, bool in_bed, sr_day g, sr_day left)
{
	unsigned h = key_hash(reason, agency);
	size_t i = ss->n;

	/* Open addressing; a site with more keys than slots (never seen)
	 * still counts right, by the walk below. */
	for (unsigned probe = 0; probe < KEY_SLOTS; probe++) {
		unsigned at = (h + probe) & (KEY_SLOTS - 1);

		if (!ss->slot[at]) {
			if (ss->n < 0xffff)
				ss->slot[at] = (unsigned short)(ss->n + 1);
			break;
		}
		i = ss->slot[at] - 1u;
		if (strcmp(ss->k[i].reason, reason) == 0 &&
		    strcmp(ss->k[i].agency, agency) == 0)
			break;
		i = ss->n;
	}
	if (i == ss->n) {
		for (i = 0; i < ss->n; i++)
			if (strcmp(ss->k[i].reason, reason) == 0 &&
			    strcmp(ss->k[i].agency, agency) == 0)
				break;
	}
	if (i == ss->n) {
		if (ss->n == ss->cap) {
			ss->cap = ss->cap ? 2 * ss->cap : 32;
			ss->k = xrealloc(ss->k, ss->cap * sizeof(*ss->k));
		}
		memset(&ss->k[i], 0, sizeof(ss->k[i]));
		ss->k[i].reason = xstrdup(reason);
		ss->k[i].agency = xstrdup(agency);
		ss->n++;
	}
	ss->k[i].in_bed += in_bed;
	ss->k[i].month += days_in(ss->month, ss->d, g, left);
	ss->k[i].week += days_in(ss->week, ss->d, g, left);
}

static const char *column(sqlite3_stmt *stmt, int i)
{
	return (const char *)sqlite3_column_text(stmt, i);
}

/* The stays in a bed now, through the partial covering index of current
 * stays, in one walk: the in-bed figures of those admitted by the end of
 * the day, and the delay figures of those green to go by then. Summed in C
 * as the rows come a site at a time: in SQL, two walks and their day
 * arithmetic cost twice as much. */
static const char sql_current[] =
	"SELECT site, coalesce(delay_reason, ''), coalesce(delay_agency, ''),"
	" admitted_at, g2g_date, edd FROM stay INDEXED BY stay_current"
	" WHERE discharged_at IS NULL AND" SITES;

static enum sr_status current_stays(struct store *st,
				    const struct store_day *q,
				    const char *only_site,
				    const struct emit *e, struct sr_error *err)
{
	sqlite3_stmt *stmt;
	struct site_sums ss;
	char stranded[DATE_BUF], super[DATE_BUF];
	enum sr_status s;
	int rc;

	if ((s = sums_init(&ss, q, err)) != SR_OK)
		return s;
	stmt = prepare_day(st, sql_current, q, NULL, only_site, err);
	if (!stmt) {
		sums_free(&ss, e);
		return SR_EDB;
	}
	date_format(ss.d - q->stranded_days + 1, stranded);
	date_format(ss.d - q->super_stranded_days + 1, super);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *admitted = column(stmt, 3), *g2g = column(stmt, 4);
		const char *edd = column(stmt, 5);
		bool in_bed = strcmp(admitted, q->next) < 0;
		sr_day g;

		sums_site(&ss, e, column(stmt, 0));
		if (in_bed) {
			ss.in_bed[0]++;
			ss.in_bed[1] += strcmp(admitted, stranded) < 0;
			ss.in_bed[2] += strcmp(admitted, super) < 0;
			ss.in_bed[3] += store_delayed_on(g2g, q->day);
			ss.in_bed[4] += !edd;
			ss.in_bed[5] += edd && strcmp(edd, q->day) < 0;
		}
		if (store_delayed_on(g2g, q->day) && date_parse(g2g, &g))
			sums_delay(&ss, column(stmt, 1), column(stmt, 2),
				   in_bed, g, ss.d + 1);
	}
	sums_free(&ss, e);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot compute figures");
	return SR_OK;
}

/* The delay figures of the green-to-go stays discharged since the earlier
 * of the week and the month, summed the same way. */
static enum sr_status keys_out(struct store *st, const struct store_day *q,
			       const char *only_site, const struct emit *e,
			       struct sr_error *err)
{
	sqlite3_stmt *stmt;
	struct site_sums ss;
	enum sr_status s;
	int rc;

	if ((s = sums_init(&ss, q, err)) != SR_OK)
		return s;
	stmt = prepare_day(st, sql_keys_out, q, NULL, only_site, err);
	if (!stmt) {
		sums_free(&ss, e);
		return SR_EDB;
	}
	char out_day[DATE_BUF] = "";
	sr_day left = 0;
	bool left_ok = false;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *out = column(stmt, 4);
		sr_day g;

		sums_site(&ss, e, column(stmt, 0));
		/* The rows of a site come by discharge time: a day's are
		 * parsed once. */
		if (strncmp(out, out_day, DATE_BUF - 1) != 0) {
			strlcpy_ok(out_day, out, sizeof(out_day));
			left_ok = date_parse(out_day, &left);
		}
		if (left_ok && date_parse(column(stmt, 5), &g))
			sums_delay(&ss, column(stmt, 1), column(stmt, 2),
				   sqlite3_column_int(stmt, 3), g, left);
	}
	sums_free(&ss, e);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot compute figures");
	return SR_OK;
}

/* The board's delayed bed days of discharged stays, site totals: from
 * delay_out, a row a site, discharge day and green-to-go day, not a row a
 * stay. */
static const char sql_delay_out[] =
	"SELECT site, day, g2g_date, n FROM delay_out"
	" WHERE day >= min(?4, ?5) AND g2g_date <= ?1 AND n > 0 AND" SITES;

static void emit_site_delays(const struct emit *e, const char *site,
			     long month, long week)
{
	if (*site && month)
		e->fn(e->ctx, site, FIG_DBD_MTD, NULL, (double)month);
	if (*site && week)
		e->fn(e->ctx, site, FIG_DBD_7D, NULL, (double)week);
}

static enum sr_status delays_out(struct store *st, const struct store_day *q,
				 const char *only_site, const struct emit *e,
				 struct sr_error *err)
{
	sqlite3_stmt *stmt;
	char *site;
	long month_days = 0, week_days = 0;
	sr_day d, month, week;
	int rc;

	if (!date_parse(q->day, &d) || !date_parse(q->month_start, &month) ||
	    !date_parse(q->week_start, &week))
		return sr_fail(err, SR_EINVAL, "invalid day '%.16s'", q->day);
	if (!(stmt = prepare_day(st, sql_delay_out, q, NULL, only_site, err)))
		return SR_EDB;
	site = xstrdup("");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *row_site = column(stmt, 0);
		long n = sqlite3_column_int64(stmt, 3);
		sr_day left, g;

		if (strcmp(row_site, site) != 0) {
			emit_site_delays(e, site, month_days, week_days);
			month_days = week_days = 0;
			free(site);
			site = xstrdup(row_site);
		}
		if (!date_parse(column(stmt, 1), &left) ||
		    !date_parse(column(stmt, 2), &g))
			continue; /* the rules let no such stay in */
		month_days += n * days_in(month, d, g, left);
		week_days += n * days_in(week, d, g, left);
	}
	emit_site_delays(e, site, month_days, week_days);
	free(site);
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

	if ((s = run(st, sql_in_bed, q, NULL, site, e, SHAPE_IN_BED, 0, 0,
		     err)) != SR_OK ||
	    (s = current_stays(st, q, site, e, err)) != SR_OK ||
	    (s = delays_out(st, q, site, e, err)) != SR_OK ||
	    (s = run(st, sql_admitted_by, q, NULL, site, e, SHAPE_SITE,
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

	if ((s = run(st, sql_in_bed, q, NULL, site, e, SHAPE_IN_BED, 0, 0,
		     err)) != SR_OK ||
	    (s = current_stays(st, q, site, e, err)) != SR_OK ||
	    (s = keys_out(st, q, site, e, err)) != SR_OK ||
	    (s = run(st, sql_discharged_d1, q, NULL, site, e, SHAPE_DIS_D1, 0,
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

		store_row_stay(stmt, 0, &s);
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
