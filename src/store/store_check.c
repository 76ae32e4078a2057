/* The check that what is derived from the facts agrees with them (DESIGN
 * §4: "a test rebuilds it from the facts and compares"): each stay's
 * current states and the dated columns its row keeps as a cache, against
 * the states its facts make (store_facts_load and timeline_derive, as the
 * write path derives them). Reads every stay: for checks and tests. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/timeline.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_stays[] =
	"SELECT " STORE_STAY_COLUMNS " FROM stay s ORDER BY id";
static const char sql_states[] =
	"SELECT site, admitted_at, valid_from, valid_to, last, ward, bed, edd,"
	" g2g_date, pathway, delay_reason, delay_agency, destination,"
	" edd_status"
	" FROM stay_state WHERE stay = ?1 AND superseded_at IS NULL"
	" ORDER BY valid_from, valid_to";
/* Current states of no stay (those of a stay are checked with it). */
static const char sql_strays[] =
	"SELECT stay FROM stay_state WHERE superseded_at IS NULL"
	" AND stay NOT IN (SELECT id FROM stay) LIMIT 1";

/* The dated fields in the order of the state columns ward .. edd_status
 * (columns 5 + i of sql_states). */
static const enum stay_field state_fields[] = {
	SF_WARD, SF_BED, SF_EDD, SF_G2G_DATE, SF_PATHWAY, SF_DELAY_REASON,
	SF_DELAY_AGENCY, SF_DESTINATION, SF_EDD_STATUS,
};

/* Equal, an empty value being none (as the store writes them). */
static bool same(const char *a, const char *b)
{
	if (!a || !*a || !b || !*b)
		return (!a || !*a) && (!b || !*b);
	return strcmp(a, b) == 0;
}

static const char *text(sqlite3_stmt *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

/* What of the stored state (the row stmt is on) differs from sp: a column
 * name, or NULL when none. */
static const char *state_differs(sqlite3_stmt *stmt, const struct stay *s,
				 const struct stay_span *sp)
{
	if (!same(text(stmt, 0), s->v[SF_SITE]))
		return "site";
	if (!same(text(stmt, 1), s->v[SF_ADMITTED_AT]))
		return "admitted_at";
	if (!same(text(stmt, 2), sp->from))
		return "valid_from";
	if (!same(text(stmt, 3), sp->to))
		return "valid_to";
	if ((sqlite3_column_int(stmt, 4) != 0) != sp->last)
		return "last";
	for (size_t k = 0; k < ARRAY_SIZE(state_fields); k++)
		if (!same(text(stmt, 5 + (int)k), sp->v[state_fields[k]]))
			return stay_field_name(state_fields[k]);
	return NULL;
}

/* One stay: its current states against those its facts make, and its
 * row's dated columns against the last of them. */
static enum sr_status check_stay(struct store *st, sqlite3_stmt *states,
				 struct stay *s, struct sr_error *err)
{
	struct store_fact_set fs;
	struct stay_span *sp = NULL;
	char adm[TIMELINE_INSTANT_BUF], dis[TIMELINE_INSTANT_BUF];
	char cut[TIMELINE_INSTANT_BUF];
	enum sr_status r;
	size_t n, i = 0;
	int rc = SQLITE_DONE;

	if ((r = store_facts_load(st, s->id, &fs, err)) != SR_OK)
		return r;
	n = store_spans(s, &fs, &sp, adm, dis, cut);
	if (n == 0) {
		r = sr_fail(err, SR_EDB, "%s: stay %lld: its admission or "
			    "discharge time is not an instant", st->path,
			    (long long)s->id);
		goto out;
	}
	sqlite3_bind_int64(states, 1, s->id);
	while (r == SR_OK && (rc = sqlite3_step(states)) == SQLITE_ROW) {
		const char *what;

		if (i == n) {
			r = sr_fail(err, SR_EDB, "%s: stay %lld: more current "
				    "states than its facts make (%zu)",
				    st->path, (long long)s->id, n);
			break;
		}
		if ((what = state_differs(states, s, &sp[i])))
			r = sr_fail(err, SR_EDB, "%s: stay %lld: state %zu of "
				    "%zu (from %s) differs from its facts in "
				    "%s", st->path, (long long)s->id, i + 1, n,
				    sp[i].from, what);
		i++;
	}
	if (r == SR_OK && rc != SQLITE_DONE)
		r = store_db_error(st, err, "cannot read the states");
	sqlite3_reset(states);
	if (r == SR_OK && i < n)
		r = sr_fail(err, SR_EDB, "%s: stay %lld: %zu current states, "
			    "its facts make %zu", st->path, (long long)s->id,
			    i, n);
	/* The row keeps the values of its last state. */
	for (size_t k = 0; r == SR_OK && k < ARRAY_SIZE(state_fields); k++)
		if (!same(s->v[state_fields[k]],
			  sp[n - 1].v[state_fields[k]]))
			r = sr_fail(err, SR_EDB, "%s: stay %lld: its %s is not "
				    "the value its facts leave", st->path,
				    (long long)s->id,
				    stay_field_name(state_fields[k]));
out:
	free(sp);
	store_fact_set_free(&fs);
	return r;
}

/* Each instant a stay's blockers change before its discharge, the delay
 * reason in force (its current states) is the primary blocker's code
 * (store_blocker.c): the first instant where it is not. */
#define OPEN_AT(b)                                                       \
	" " b ".stay = ev.stay AND " b ".opened_at <= ev.t AND"          \
	" (" b ".closed_at IS NULL OR " b ".closed_at > ev.t)"
static const char sql_blockers[] =
	"WITH raw(stay, t) AS (SELECT stay, opened_at FROM blocker"
	" UNION SELECT stay, closed_at FROM blocker WHERE closed_at NOT NULL"
	" UNION SELECT stay, primary_from FROM blocker"
	"  WHERE primary_from NOT NULL),"
	/* Within the stay: before its admission counts from it (the
	 * admission may have been corrected since). */
	" ev(stay, t) AS (SELECT raw.stay, max(raw.t, s.admitted_at || ':00')"
	"  FROM raw JOIN stay s ON s.id = raw.stay"
	"  WHERE s.discharged_at IS NULL OR raw.t < s.discharged_at)"
	" SELECT ev.stay, ev.t FROM ev WHERE (SELECT x.delay_reason FROM stay_state x WHERE x.stay = ev.stay"
	"  AND x.superseded_at IS NULL AND x.valid_from <= ev.t"
	"  AND x.valid_to > ev.t) IS NOT"
	" coalesce((SELECT b.code FROM blocker b WHERE" OPEN_AT("b")
	"  AND b.primary_from = (SELECT max(c.primary_from) FROM blocker c"
	"   WHERE" OPEN_AT("c") " AND c.primary_from <= ev.t)"
	"  ORDER BY b.opened_at, b.id LIMIT 1),"
	" (SELECT b.code FROM blocker b WHERE" OPEN_AT("b")
	"  ORDER BY b.opened_at, b.id LIMIT 1))"
	" ORDER BY ev.stay, ev.t LIMIT 1";

static enum sr_status check_blockers(struct store *st, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_blockers, err);
	enum sr_status r = SR_OK;
	int rc;

	if (!stmt)
		return SR_EDB;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		r = sr_fail(err, SR_EDB, "%s: stay %lld: the delay reason at "
			    "%.16s is not its primary blocker's", st->path,
			    (long long)sqlite3_column_int64(stmt, 0),
			    (const char *)sqlite3_column_text(stmt, 1));
	else if (rc != SQLITE_DONE)
		r = store_db_error(st, err, "cannot check the blockers");
	sqlite3_finalize(stmt);
	return r;
}

enum sr_status store_check_facts(struct store *st, struct sr_error *err)
{
	sqlite3_stmt *stays, *states = NULL;
	struct stay s = {0};
	enum sr_status r = SR_OK;
	int rc = SQLITE_DONE;

	if ((r = store_read_begin(st, err)) != SR_OK)
		return r;
	stays = store_prepare(st, sql_strays, err);
	if (!stays) {
		store_read_end(st);
		return SR_EDB;
	}
	rc = sqlite3_step(stays);
	if (rc == SQLITE_ROW)
		r = sr_fail(err, SR_EDB, "%s: stay %lld: current states of "
			    "a stay that does not exist", st->path,
			    (long long)sqlite3_column_int64(stays, 0));
	else if (rc != SQLITE_DONE)
		r = store_db_error(st, err, "cannot check the states");
	sqlite3_finalize(stays);
	stays = r == SR_OK ? store_prepare(st, sql_stays, err) : NULL;
	if (stays)
		states = store_prepare(st, sql_states, err);
	if (r == SR_OK && (!stays || !states))
		r = SR_EDB;
	while (r == SR_OK && (rc = sqlite3_step(stays)) == SQLITE_ROW) {
		store_row_stay(stays, 0, &s);
		r = check_stay(st, states, &s, err);
		stay_clear(&s);
	}
	if (r == SR_OK && rc != SQLITE_DONE)
		r = store_db_error(st, err, "cannot read the stays");
	sqlite3_finalize(states);
	sqlite3_finalize(stays);
	if (r == SR_OK)
		r = check_blockers(st, err);
	store_read_end(st);
	return r;
}
