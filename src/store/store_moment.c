/* What was true at a moment (store.h, "Moments"): the states of the stays
 * in force at an instant, the stretches with a discharge ready date, the
 * discharges and the red and green marks, as now known or as known at an
 * earlier time. Rows only: metrics.c applies the definitions (DESIGN §2).
 *
 * A state is in force at T when valid_from <= T < valid_to. The states as
 * now known are those not superseded (a partial index covers them); as
 * known at K, those recorded by K and not superseded by then. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/timeline.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* ?1 the instant, ?2 K ("" or NULL: now), ?3 the site (NULL: all).
 * Each reads, a site and span class at a time, the states of the class
 * ending after the earliest instant asked and by the latest end the class
 * allows (STORE_SQL_SPAN_CLASSES): what a moment reads is about what was
 * in force then, whatever the length of the history. The open states
 * (class 14) all end at TIMELINE_OPEN, so their index range is bounded
 * by their start instead: a past moment does not read the stays admitted
 * since. */
#define KNOWN_NOW " x.superseded_at IS NULL"
#define KNOWN_AT                                                         \
	" x.recorded_at <= ?2 AND"                                        \
	" (x.superseded_at IS NULL OR x.superseded_at > ?2)"
#define STATES(cols, index, cond)                                        \
	"WITH RECURSIVE" STORE_SQL_SPAN_CLASSES("?1")                     \
	" SELECT " cols " FROM site CROSS JOIN span_class k"             \
	" CROSS JOIN stay_state x INDEXED BY " index                     \
	" WHERE (?3 IS NULL OR site.code = ?3) AND x.site = site.code"   \
	" AND k.span < 14 AND x.span = k.span AND x.valid_to <= k.hi AND" \
	cond " UNION ALL SELECT " cols " FROM site"                       \
	" CROSS JOIN stay_state x INDEXED BY " index                     \
	" WHERE (?3 IS NULL OR site.code = ?3) AND x.site = site.code"   \
	" AND x.span = 14 AND x.valid_to = '" TIMELINE_OPEN "' AND" cond

/* Every column here is in stay_state_at (migration 18 added the EDD's
 * status): the index alone answers. */
#define IN_BED_COLUMNS                                                   \
	"x.stay, x.site, x.ward, x.bed, x.admitted_at, x.edd,"            \
	" x.g2g_date, x.delay_reason, x.delay_agency, x.pathway,"         \
	" x.edd_status"
static const char sql_in_bed_now[] =
	STATES(IN_BED_COLUMNS, "stay_state_at",
	       " x.valid_from <= ?1 AND x.valid_to > ?1 AND" KNOWN_NOW);
static const char sql_in_bed_known[] =
	STATES(IN_BED_COLUMNS, "stay_state_at",
	       " x.valid_from <= ?1 AND x.valid_to > ?1 AND" KNOWN_AT);

/* The stays in a bed with their area of residence (a column of the stay,
 * not dated): a lookup a stay, for the weekly repatriation list only. */
#define AREA_COLUMNS                                                     \
	"x.stay, x.site, (SELECT s.area FROM stay s WHERE s.id = x.stay)"
static const char sql_area_now[] =
	STATES(AREA_COLUMNS, "stay_state_at",
	       " x.valid_from <= ?1 AND x.valid_to > ?1 AND" KNOWN_NOW);
static const char sql_area_known[] =
	STATES(AREA_COLUMNS, "stay_state_at",
	       " x.valid_from <= ?1 AND x.valid_to > ?1 AND" KNOWN_AT);

/* ?1 the instant, ?2 K, ?3 the site, ?4 the earliest instant. */
#define DELAY_COLUMNS                                                    \
	"x.stay, x.site, x.valid_from, x.valid_to, x.g2g_date,"           \
	" x.delay_reason, x.delay_agency"
static const char sql_delay_now[] =
	STATES(DELAY_COLUMNS, "stay_state_delayed",
	       " x.valid_from <= ?1 AND x.valid_to > ?4 AND"
	       " x.g2g_date IS NOT NULL AND" KNOWN_NOW);
static const char sql_delay_known[] =
	STATES(DELAY_COLUMNS, "stay_state_delayed",
	       " x.valid_from <= ?1 AND x.valid_to > ?4 AND"
	       " x.g2g_date IS NOT NULL AND" KNOWN_AT);

/* ?2 K, ?3 the site, ?4 .. ?5 the instants [from, to). The last state of
 * a discharged stay ends at its discharge: each class's states ending
 * then. */
static const char sql_discharges[] =
	"SELECT x.stay, x.site, x.admitted_at, x.valid_to, x.edd,"
	" x.g2g_date, x.pathway"
	" FROM site CROSS JOIN stay_state x INDEXED BY stay_state_out"
	" WHERE (?3 IS NULL OR site.code = ?3) AND x.site = site.code"
	" AND x.valid_to >= ?4 AND x.valid_to < ?5 AND x.last = 1 AND"
	" (CASE WHEN ?2 IS NULL THEN x.superseded_at IS NULL ELSE" KNOWN_AT
	" END)";

/* The same columns, for store_discharges_changed. */
#define CHANGED_FROM(index)                                              \
	"SELECT x.stay, x.site, x.admitted_at, x.valid_to, x.edd,"        \
	" x.g2g_date, x.pathway"                                          \
	" FROM site CROSS JOIN stay_state x INDEXED BY " index            \
	" WHERE (?3 IS NULL OR site.code = ?3) AND x.site = site.code"   \
	" AND x.valid_to >= ?4 AND x.valid_to < ?5 AND x.last = 1 AND"
static const char sql_discharges_late[] =
	CHANGED_FROM("stay_state_late")
	" x.late AND x.superseded_at IS NULL AND x.recorded_at > ?2";
static const char sql_discharges_gone[] =
	CHANGED_FROM("stay_state_gone")
	" x.superseded_at IS NOT NULL AND x.recorded_at <= ?2 AND"
	" x.superseded_at > ?2";

/* The marks of a day as known at ?2 (NULL: now), by their stay's site
 * (kept with the mark: migration 8): a count for each site and colour,
 * so the index (day, site, colour, recorded_at, ...) bounds recorded_at
 * (a moment early in the day reads only the marks recorded by then) and
 * no row goes through a sorter. */
#define MARKS_COUNT                                                      \
	"SELECT site.code, c.colour, (SELECT count(*)"                   \
	" FROM day_mark_log m INDEXED BY day_mark_log_day"                \
	" WHERE m.day = ?1 AND m.site = site.code AND m.colour = c.colour" \
	" AND"
#define MARKS_FROM                                                       \
	") FROM site"                                                    \
	" CROSS JOIN (SELECT 'green' AS colour UNION ALL SELECT 'red') c" \
	" WHERE ?3 IS NULL OR site.code = ?3"
static const char sql_marks_now[] =
	MARKS_COUNT " m.superseded_at IS NULL" MARKS_FROM;
static const char sql_marks_known[] =
	MARKS_COUNT " m.recorded_at <= ?2 AND"
	" (m.superseded_at IS NULL OR m.superseded_at > ?2)" MARKS_FROM;

static const char *known(const struct sr_moment *m)
{
	return m->known[0] ? m->known : NULL;
}

static sqlite3_stmt *prepare(struct store *st, const char *sql,
			     const char *at, const struct sr_moment *m,
			     const char *only_site, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);

	if (!stmt)
		return NULL;
	store_bind_text(stmt, 1, at);
	store_bind_text(stmt, 2, known(m));
	store_bind_text(stmt, 3, only_site);
	return stmt;
}

static const char *col(sqlite3_stmt *stmt, int i)
{
	return (const char *)sqlite3_column_text(stmt, i);
}

static enum sr_status finish(struct store *st, sqlite3_stmt *stmt, int rc,
			     struct sr_error *err)
{
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the states");
	return SR_OK;
}

enum sr_status store_in_bed_each(struct store *st,
				 const struct sr_moment *m,
				 const char *only_site,
				 bool (*fn)(void *ctx,
					    const struct store_bed_row *r),
				 void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare(st, known(m) ? sql_in_bed_known :
						    sql_in_bed_now,
				     m->at, m, only_site, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_bed_row r = {
			.stay = sqlite3_column_int64(stmt, 0),
			.site = col(stmt, 1), .ward = col(stmt, 2),
			.bed = col(stmt, 3), .admitted_at = col(stmt, 4),
			.edd = col(stmt, 5), .g2g_date = col(stmt, 6),
			.delay_reason = col(stmt, 7),
			.delay_agency = col(stmt, 8), .pathway = col(stmt, 9),
			.edd_status = col(stmt, 10),
		};

		if (!fn(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(st, stmt, rc, err);
}

enum sr_status store_in_bed_areas(struct store *st,
				  const struct sr_moment *m,
				  const char *only_site,
				  bool (*fn)(void *ctx, int64_t stay,
					     const char *site,
					     const char *area),
				  void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare(st, known(m) ? sql_area_known :
						    sql_area_now,
				     m->at, m, only_site, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (!fn(ctx, sqlite3_column_int64(stmt, 0), col(stmt, 1),
			col(stmt, 2))) {
			rc = SQLITE_DONE;
			break;
		}
	return finish(st, stmt, rc, err);
}

enum sr_status store_delay_spans(struct store *st, const struct sr_moment *m,
				 const char *since, const char *only_site,
				 bool (*fn)(void *ctx,
					    const struct store_delay_span *sp),
				 void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare(st, known(m) ? sql_delay_known :
						    sql_delay_now,
				     m->at, m, only_site, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 4, since);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_delay_span sp = {
			.stay = sqlite3_column_int64(stmt, 0),
			.site = col(stmt, 1), .from = col(stmt, 2),
			.to = col(stmt, 3), .g2g_date = col(stmt, 4),
			.delay_reason = col(stmt, 5),
			.delay_agency = col(stmt, 6),
		};

		if (!fn(ctx, &sp)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(st, stmt, rc, err);
}

static enum sr_status discharges(struct store *st, const char *sql,
				 const struct sr_moment *m, const char *from,
				 const char *to, const char *only_site,
				 bool (*fn)(void *ctx,
					    const struct store_discharge_row *r),
				 void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare(st, sql, NULL, m, only_site, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 4, from);
	store_bind_text(stmt, 5, to);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_discharge_row r = {
			.stay = sqlite3_column_int64(stmt, 0),
			.site = col(stmt, 1), .admitted_at = col(stmt, 2),
			.discharged_at = col(stmt, 3), .edd = col(stmt, 4),
			.g2g_date = col(stmt, 5), .pathway = col(stmt, 6),
		};

		if (!fn(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(st, stmt, rc, err);
}

enum sr_status store_discharges_each(struct store *st,
				     const struct sr_moment *m,
				     const char *from, const char *to,
				     const char *only_site,
				     bool (*fn)(void *ctx,
						const struct store_discharge_row *r),
				     void *ctx, struct sr_error *err)
{
	return discharges(st, sql_discharges, m, from, to, only_site, fn,
			  ctx, err);
}

enum sr_status store_discharges_changed(struct store *st,
					const struct sr_moment *m,
					const char *from, const char *to,
					const char *only_site, bool gone,
					bool (*fn)(void *ctx,
						   const struct store_discharge_row *r),
					void *ctx, struct sr_error *err)
{
	return discharges(st, gone ? sql_discharges_gone : sql_discharges_late,
			  m, from, to, only_site, fn, ctx, err);
}

enum sr_status store_marks_known(struct store *st, const struct sr_moment *m,
				 const char *day, const char *only_site,
				 void (*fn)(void *ctx, const char *site,
					    const char *colour, long n),
				 void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare(st, known(m) ? sql_marks_known :
						    sql_marks_now,
				     day, m, only_site, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, col(stmt, 0), col(stmt, 1),
		   (long)sqlite3_column_int64(stmt, 2));
	return finish(st, stmt, rc, err);
}

/* ---- National returns (returns.c): the same states, with the stay's
 * birth date and the discharge's destination. Not on the report's path:
 * the birth date is a lookup by the stay's key. A birth date is not a
 * dated fact (it is the patient's, not the stay's) but every change of it
 * is audited: as known at ?2, it is the value the first change recorded
 * after ?2 found (its old value), else the stay's. */
#define RETURN_BIRTH(stay)                                               \
	"(SELECT CASE WHEN ?2 IS NOT NULL AND EXISTS (SELECT 1 FROM audit a" \
	"  WHERE a.stay = s.id AND a.field = 'birth_date' AND a.at > ?2)"  \
	" THEN (SELECT a.old FROM audit a WHERE a.stay = s.id"              \
	"  AND a.field = 'birth_date' AND a.at > ?2 ORDER BY a.at, a.id"    \
	"  LIMIT 1) ELSE s.birth_date END FROM stay s WHERE s.id = " stay ")"
#define RETURN_IN_BED_COLUMNS                                            \
	"x.stay, x.site, x.admitted_at, x.g2g_date, x.delay_reason,"      \
	" " RETURN_BIRTH("x.stay")
static const char sql_return_in_bed_now[] =
	STATES(RETURN_IN_BED_COLUMNS, "stay_state_at",
	       " x.valid_from <= ?1 AND x.valid_to > ?1 AND" KNOWN_NOW);
static const char sql_return_in_bed_known[] =
	STATES(RETURN_IN_BED_COLUMNS, "stay_state_at",
	       " x.valid_from <= ?1 AND x.valid_to > ?1 AND" KNOWN_AT);

static const char sql_return_discharges[] =
	"SELECT x.stay, x.site, x.admitted_at, x.g2g_date, x.delay_reason,"
	" " RETURN_BIRTH("x.stay") ", x.valid_to, x.pathway, x.destination"
	" FROM site CROSS JOIN stay_state x INDEXED BY stay_state_out"
	" WHERE (?3 IS NULL OR site.code = ?3) AND x.site = site.code"
	" AND x.valid_to >= ?4 AND x.valid_to < ?5 AND x.last = 1 AND"
	" (CASE WHEN ?2 IS NULL THEN x.superseded_at IS NULL ELSE" KNOWN_AT
	" END)";

static enum sr_status return_rows(struct store *st, sqlite3_stmt *stmt,
				  bool discharges,
				  bool (*fn)(void *ctx,
					     const struct store_return_row *r),
				  void *ctx, struct sr_error *err)
{
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_return_row r = {
			.stay = sqlite3_column_int64(stmt, 0),
			.site = col(stmt, 1), .admitted_at = col(stmt, 2),
			.g2g_date = col(stmt, 3), .delay_reason = col(stmt, 4),
			.birth_date = col(stmt, 5),
		};

		if (discharges) {
			r.discharged_at = col(stmt, 6);
			r.pathway = col(stmt, 7);
			r.destination = col(stmt, 8);
		}
		if (!fn(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(st, stmt, rc, err);
}

enum sr_status store_return_in_bed(struct store *st,
				   const struct sr_moment *m,
				   const char *only_site,
				   bool (*fn)(void *ctx,
					      const struct store_return_row *r),
				   void *ctx, struct sr_error *err)
{
	return return_rows(st, prepare(st, known(m) ? sql_return_in_bed_known
						    : sql_return_in_bed_now,
				       m->at, m, only_site, err),
			   false, fn, ctx, err);
}

enum sr_status store_return_discharges(struct store *st,
				       const struct sr_moment *m,
				       const char *from, const char *to,
				       const char *only_site,
				       bool (*fn)(void *ctx,
						  const struct store_return_row *r),
				       void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare(st, sql_return_discharges, NULL, m,
				     only_site, err);

	if (stmt) {
		store_bind_text(stmt, 4, from);
		store_bind_text(stmt, 5, to);
	}
	return return_rows(st, stmt, true, fn, ctx, err);
}
