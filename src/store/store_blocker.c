/* Blockers: what a patient waits for (DESIGN §2 and §4; the table in
 * store_schema_later.c, migration 9). A blocker's interval [opened_at,
 * closed_at) is valid time; each end keeps when it was recorded and by
 * whom. Reopening opens a new blocker; only a corrected discharge and a
 * typed reason dated earlier move a blocker's end (below).
 *
 * The stay's delay reason and agency follow its blockers: at every
 * instant they are the code and agency of the primary open blocker
 * (store.h). Two ways keep them so, both inside the caller's
 * transaction:
 *  - a blocker changes here (opened, closed, made primary, its agency):
 *    derive() writes the reason and agency in force from each instant
 *    where the blockers change from the change on, as dated facts (an
 *    unchanged value writes nothing), through store_stay_update;
 *  - a reason or agency is typed (set, the form, an import, the demo):
 *    once the stay is saved, store_blockers_follow() makes the blockers
 *    say what the stay's states say from the earliest typed fact on, at
 *    each state's start and each instant the blockers change within one
 *    (sync_at: a different primary blocker is closed and one with the
 *    reason opened or made primary; no reason closes every open
 *    blocker; a blocker closed later than that instant is closed from
 *    it: a reason dated earlier corrects the record); then, for a stay
 *    that was there before, derive() from the same instant, so that
 *    where a correction dated among later changes leaves the two apart
 *    the blockers say it. tests/integration/test_facts.c's random walk
 *    checks the two agree at every instant (store_check_facts).
 * A discharge closes the stay's open blockers at its time; a corrected or
 * undone discharge reopens those it closed and closes them again at the
 * new time, and the blockers follow the states over the whole stay.
 * Reading blockers as they are now: store_blocker_read.c. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
#include "sitrep/timeline.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_insert[] =
	"INSERT INTO blocker (stay, site, code, agency, owner, due, note,"
	" primary_from, opened_at, opened_by, recorded_at, reopens)"
	" SELECT ?1, s.site, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11"
	" FROM stay s WHERE s.id = ?1";
/* The primary blocker of stay ?1 at instant ?2 (?3: with this code
 * only, NULL: any). */
static const char sql_primary_at[] =
	"SELECT id, code, agency FROM blocker"
	" WHERE stay = ?1 AND opened_at <= ?2"
	" AND (closed_at IS NULL OR closed_at > ?2)"
	" AND (?3 IS NULL OR code = ?3)"
	" ORDER BY coalesce(primary_from <= ?2, 0) DESC,"
	" CASE WHEN primary_from <= ?2 THEN primary_from END DESC,"
	" opened_at, id LIMIT 1";
static const char sql_close[] =
	"UPDATE blocker SET closed_at = max(?2, opened_at), closed_by = ?3,"
	" closed_recorded_at = ?4, discharge_closed = ?5,"
	" version = version + 1 WHERE id = ?1 AND (closed_at IS NULL"
	" OR closed_at > ?2)";
static const char sql_update[] =
	"UPDATE blocker SET owner = ?2, due = ?3, note = ?4, agency = ?5,"
	" primary_from = ?6, version = version + 1"
	" WHERE id = ?1 AND version = ?7";
/* The instants after ?2 at which stay ?1's blockers change. */
static const char sql_events[] =
	"SELECT t FROM (SELECT opened_at AS t FROM blocker WHERE stay = ?1"
	" UNION SELECT closed_at FROM blocker WHERE stay = ?1"
	" UNION SELECT primary_from FROM blocker WHERE stay = ?1)"
	" WHERE t > ?2 ORDER BY t";
/* The blockers of stay ?1 open at ?2 (a cleared reason: also those
 * closed later), or (?3) open at all (a discharge: one opened after it,
 * recorded before the discharge was, closes as it opens). */
static const char sql_open_at[] =
	"SELECT id FROM blocker WHERE stay = ?1 AND (?3 OR opened_at <= ?2)"
	" AND (closed_at IS NULL OR (NOT ?3 AND closed_at > ?2))"
	" ORDER BY id";
/* A discharge corrected or undone: the blockers it closed are open
 * until the discharge as it now is closes them. */
static const char sql_undo_discharge[] =
	"UPDATE blocker SET closed_at = NULL, closed_by = NULL,"
	" closed_recorded_at = NULL, discharge_closed = 0,"
	" version = version + 1 WHERE stay = ?1 AND discharge_closed = 1";
/* A change of blocker ?1's field ?2 from value ?3, in force from ?4,
 * recorded at ?5 (migration 13). */
static const char sql_change_log[] =
	"INSERT INTO blocker_change (blocker, field, old, valid_from,"
	" recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)";
/* The ends a discharge corrected or undone takes away (stay ?1),
 * recorded at ?2: the trigger blocker_end_moved keeps an end moved
 * from one instant to another; an end taken away is kept here. */
static const char sql_undo_log[] =
	"INSERT INTO blocker_change (blocker, field, old, old_recorded,"
	" valid_from, recorded_at) SELECT id, 'closed_at', closed_at,"
	" closed_recorded_at, ?2, ?2 FROM blocker"
	" WHERE stay = ?1 AND discharge_closed = 1";

enum {
	SLOT_B_INSERT = SLOT_BLOCKER_FIRST,
	SLOT_B_PRIMARY,
	SLOT_B_CLOSE,
	SLOT_B_OPEN_AT,
	SLOT_B_EVENTS,
};

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, b) == 0;
}

/* One audit row about blocker id of stay. */
static enum sr_status audit(struct store *st, int64_t stay, int64_t id,
			    const char *what, const char *old_value,
			    const char *new_value,
			    const struct store_actor *who,
			    struct sr_error *err)
{
	char *field;
	enum sr_status s;

	/* Following a typed reason: the reason's own audit row says it. */
	if (who->derived)
		return SR_OK;
	field = xasprintf("blocker %lld %s", (long long)id, what);

	s = store_audit_add(st, stay, field, old_value, new_value, who, err);
	free(field);
	return s;
}

/* The primary blocker of stay at instant t (with that code, if code is
 * not NULL): *id 0 when none; *code_out and *agency_out newly allocated
 * when asked for. */
static enum sr_status primary_at(struct store *st, int64_t stay,
				 const char *t, const char *code,
				 int64_t *id, char **code_out,
				 char **agency_out, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_B_PRIMARY, sql_primary_at,
					  err);
	int rc;

	*id = 0;
	if (code_out)
		*code_out = NULL;
	if (agency_out)
		*agency_out = NULL;
	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	store_bind_text(stmt, 2, t);
	store_bind_text(stmt, 3, code);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		if (code_out)
			*code_out = store_column_dup(stmt, 1);
		if (agency_out)
			*agency_out = store_column_dup(stmt, 2);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the blockers");
	return SR_OK;
}

enum sr_status store_blocker_primary(struct store *st, int64_t stay,
				     const char *at, int64_t *id,
				     struct sr_error *err)
{
	return primary_at(st, stay, at, NULL, id, NULL, NULL, err);
}

static enum sr_status close_one(struct store *st, int64_t stay, int64_t id,
				const char *at, bool by_discharge,
				const struct store_actor *who,
				struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_B_CLOSE, sql_close, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, at);
	store_bind_text(stmt, 3, who->by);
	store_bind_text(stmt, 4, store_recorded_at(who, at));
	sqlite3_bind_int(stmt, 5, by_discharge);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot close a blocker");
	if (sqlite3_changes(st->db) != 1 || store_bulk_loading(st))
		return SR_OK;
	return audit(st, stay, id, "closed", NULL, at, who, err);
}

/* Every blocker of stay open at t (all: every open one), closed from t
 * (or as it opens, if later). */
static enum sr_status close_open(struct store *st, int64_t stay,
				 const char *t, bool all,
				 const struct store_actor *who,
				 struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_B_OPEN_AT, sql_open_at,
					  err);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	enum sr_status s = SR_OK;
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	store_bind_text(stmt, 2, t);
	sqlite3_bind_int(stmt, 3, all);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ids = xgrow(ids, &cap, n + 1, sizeof(*ids));
		ids[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot read the blockers");
	for (size_t i = 0; i < n && s == SR_OK; i++)
		s = close_one(st, stay, ids[i], t, all, who, err);
	free(ids);
	return s;
}

static enum sr_status insert(struct store *st, struct blocker *b,
			     const char *primary_from,
			     const struct store_actor *who,
			     struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_B_INSERT, sql_insert, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, b->stay);
	store_bind_text(stmt, 2, b->code);
	store_bind_text(stmt, 3, nonempty(b->agency));
	store_bind_text(stmt, 4, nonempty(b->owner));
	store_bind_text(stmt, 5, nonempty(b->due));
	store_bind_text(stmt, 6, nonempty(b->note));
	store_bind_text(stmt, 7, primary_from);
	store_bind_text(stmt, 8, b->opened_at);
	store_bind_text(stmt, 9, who->by);
	store_bind_text(stmt, 10, store_recorded_at(who, b->opened_at));
	if (b->reopens)
		sqlite3_bind_int64(stmt, 11, b->reopens);
	else
		sqlite3_bind_null(stmt, 11);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot save a blocker");
	if (sqlite3_changes(st->db) != 1)
		return sr_fail(err, SR_ENOTFOUND, "no stay %lld",
			       (long long)b->stay);
	b->id = sqlite3_last_insert_rowid(st->db);
	b->version = 1;
	if (store_bulk_loading(st))
		return SR_OK;
	return audit(st, b->stay, b->id, "opened", NULL, b->code, who, err);
}

/* ---- the reason follows the blockers ---- */

/* The stay's delay reason and agency from t on: those of its primary
 * blocker at t and at each later instant its blockers change, before
 * its discharge. */
static enum sr_status derive(struct store *st, int64_t stay, const char *t,
			     const struct store_actor *who,
			     struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_events, err);
	char **times = NULL;
	size_t n = 0, cap = 0;
	enum sr_status s = SR_OK;
	int rc;

	if (!stmt)
		return SR_EDB;
	times = xgrow(times, &cap, 1, sizeof(*times));
	times[n++] = xstrdup(t);
	sqlite3_bind_int64(stmt, 1, stay);
	store_bind_text(stmt, 2, t);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		times = xgrow(times, &cap, n + 1, sizeof(*times));
		times[n++] = store_column_dup(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot read the blockers");
	for (size_t i = 0; i < n && s == SR_OK; i++) {
		struct store_actor w = *who;
		struct stay cur = {0};
		char *code = NULL, *agency = NULL;
		int64_t id;

		char out[TIMELINE_INSTANT_BUF];

		char adm[TIMELINE_INSTANT_BUF];
		const char *when = times[i];
		sr_minute last_minute;

		s = store_stay_get(st, stay, &cur, err);
		/* Before the admission: from it. */
		if (s == SR_OK && timeline_instant(cur.v[SF_ADMITTED_AT], adm) &&
		    strcmp(when, adm) < 0)
			when = adm;
		/* From the minute before a discharge on, the states hold the
		 * facts dated after it too (timeline_fold_after), which the
		 * blockers followed already (sync_from). */
		if (s == SR_OK && cur.v[SF_DISCHARGED_AT] &&
		    datetime_parse(cur.v[SF_DISCHARGED_AT], &last_minute)) {
			char cut[DATETIME_BUF];

			datetime_format(last_minute - 1, cut);
			if (timeline_instant(cut, out) &&
			    strcmp(when, out) >= 0) {
				stay_clear(&cur);
				break;
			}
		}
		if (s == SR_OK)
			s = primary_at(st, stay, when, NULL, &id, &code,
				       &agency, err);
		if (s == SR_OK) {
			stay_set(&cur, SF_DELAY_REASON, code);
			stay_set(&cur, SF_DELAY_AGENCY, agency);
			w.from = when;
			w.touched = 1u << SF_DELAY_REASON |
				    1u << SF_DELAY_AGENCY;
			w.since = NULL;
			w.derived = true;
			s = store_stay_update(st, &cur, 0, &w, NULL, err);
		}
		free(code);
		free(agency);
		stay_clear(&cur);
	}
	for (size_t i = 0; i < n; i++)
		free(times[i]);
	free(times);
	return s;
}

/* The blockers made to say reason (and agency) at t: a different
 * primary blocker is closed from t and one with the reason opened (or
 * made primary); no reason closes every blocker open at t. A blocker
 * closed later than t by then is closed from t: a reason dated earlier
 * corrects the record. */
static enum sr_status sync_at(struct store *st, int64_t stay, const char *t,
			      const char *reason, const char *agency,
			      const struct store_actor *who,
			      struct sr_error *err)
{
	int64_t id, same_code;
	char *code = NULL, *was_agency = NULL;
	enum sr_status s;

	if (!reason)
		return close_open(st, stay, t, false, who, err);
	s = primary_at(st, stay, t, NULL, &id, &code, &was_agency, err);
	if (s == SR_OK && id && same(code, reason)) {
		if (!same(was_agency, agency)) {
			struct blocker_change c = {.agency =
						   agency ? agency : ""};

			s = store_blocker_change(st, id, 0, &c, who, err);
		}
	} else if (s == SR_OK) {
		if (id)
			s = close_one(st, stay, id, t, false, who, err);
		if (s == SR_OK)
			s = primary_at(st, stay, t, reason, &same_code, NULL,
				       NULL, err);
		if (s == SR_OK && same_code) {
			struct blocker_change c = {.primary_at = t};

			s = store_blocker_change(st, same_code, 0, &c, who,
						 err);
		} else if (s == SR_OK) {
			struct blocker b = {
				.stay = stay,
				.code = (char *)reason,
				.agency = (char *)agency,
				.opened_at = (char *)t,
			};

			s = insert(st, &b, t, who, err);
		}
	}
	free(code);
	free(was_agency);
	return s;
}

/* Typed reason or agency facts from `from` on: the blockers made to say
 * what the stay's states sp[0..n) say, at the start of each state from
 * then and at each instant the blockers change within one. */
static enum sr_status sync_from(struct store *st, int64_t stay,
				const char *from, const struct stay_span *sp,
				size_t n, const struct store_actor *who,
				struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_B_EVENTS, sql_events, err);
	char **ev = NULL;
	size_t nev = 0, capev = 0, k = 0;
	enum sr_status s = SR_OK;
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	store_bind_text(stmt, 2, from);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ev = xgrow(ev, &capev, nev + 1, sizeof(*ev));
		ev[nev++] = store_column_dup(stmt, 0);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot read the blockers");
	/* The state starts and the blockers' instants, in time order: each
	 * with the state in force then. */
	for (size_t i = 0; i < n && s == SR_OK; i++) {
		const char *start = strcmp(sp[i].from, from) < 0 ? from :
								   sp[i].from;
		const char *reason = sp[i].v[SF_DELAY_REASON];
		const char *agency = sp[i].v[SF_DELAY_AGENCY];

		if (strcmp(sp[i].to, from) <= 0)
			continue;
		s = sync_at(st, stay, start, reason, agency, who, err);
		for (; k < nev && s == SR_OK; k++) {
			if (strcmp(ev[k], start) <= 0)
				continue;
			if (strcmp(ev[k], sp[i].to) >= 0)
				break;
			s = sync_at(st, stay, ev[k], reason, agency, who,
				    err);
		}
	}
	for (size_t i = 0; i < nev; i++)
		free(ev[i]);
	free(ev);
	return s;
}

enum sr_status store_blockers_sync(struct store *st, const struct stay *old,
				   const struct stay *next,
				   const struct stay_span *sp, size_t n,
				   const char *reason_from,
				   const struct store_actor *who,
				   struct sr_error *err)
{
	enum sr_status s = SR_OK;
	const char *out = next->v[SF_DISCHARGED_AT], *from = reason_from;
	char at[TIMELINE_INSTANT_BUF];
	bool moved = !old || !same(old->v[SF_DISCHARGED_AT], out);
	struct store_actor w = *who;

	if (who->derived)
		return SR_OK;
	/* The typed facts are written and audited: the blockers' own
	 * changes that follow them are not audited again. */
	w.derived = true;
	if (old && old->v[SF_DISCHARGED_AT] && moved) {
		sqlite3_stmt *stmt = store_prepare(st, sql_undo_log, err);

		if (!stmt)
			return SR_EDB;
		sqlite3_bind_int64(stmt, 1, next->id);
		store_bind_text(stmt, 2, store_recorded_at(who, who->at));
		if (sqlite3_step(stmt) != SQLITE_DONE)
			s = store_db_error(st, err, "cannot save a blocker");
		sqlite3_finalize(stmt);
		stmt = s == SR_OK ? store_prepare(st, sql_undo_discharge, err)
				  : NULL;
		if (s == SR_OK && !stmt)
			return SR_EDB;
		if (stmt) {
			sqlite3_bind_int64(stmt, 1, next->id);
			if (sqlite3_step(stmt) != SQLITE_DONE)
				s = store_db_error(st, err,
						   "cannot save a blocker");
			sqlite3_finalize(stmt);
		}
	}
	/* A discharge or admission moved: the states move with it (a
	 * reason dated after a discharge counts from the minute before it),
	 * so the blockers follow them over the whole stay. */
	if (old && (moved || !same(old->v[SF_ADMITTED_AT],
				   next->v[SF_ADMITTED_AT])))
		from = "0"; /* before any instant */
	if (s == SR_OK && from)
		s = sync_from(st, next->id, from, sp, n, &w, err);
	/* Nothing stays open after a discharge. */
	if (s == SR_OK && out && (from || moved) &&
	    timeline_instant(out, at))
		s = close_open(st, next->id, at, true, &w, err);
	return s;
}

enum sr_status store_blockers_follow(struct store *st, int64_t stay,
				     const char *from,
				     const struct store_actor *who,
				     struct sr_error *err)
{
	if (who->derived || !from)
		return SR_OK;
	return derive(st, stay, from, who, err);
}

/* ---- changes asked for ---- */

enum sr_status store_blocker_add(struct store *st, struct blocker *b,
				 bool primary, const struct store_actor *who,
				 struct sr_error *err)
{
	enum sr_status s;

	b->reopens = 0;
	s = insert(st, b, primary ? b->opened_at : NULL, who, err);
	if (s == SR_OK)
		s = derive(st, b->stay, b->opened_at, who, err);
	return s;
}

/* Field what of blocker id had value old until now (who->at), and has
 * value now from then. Changes of one instant, recorded together (a
 * typed reason walked over the stay's states sets a blocker's agency and
 * back), are one change: the value before the first, kept once, or none
 * when the last puts it back. */
static enum sr_status log_change(struct store *st, int64_t id,
				 const char *what, const char *old,
				 const char *now,
				 const struct store_actor *who,
				 struct sr_error *err)
{
	static const char sql_same[] =
		"SELECT id, old FROM blocker_change WHERE blocker = ?1"
		" AND field = ?2 AND valid_from = ?3 AND recorded_at = ?4";
	static const char sql_drop[] =
		"DELETE FROM blocker_change WHERE id = ?1";
	const char *rec = store_recorded_at(who, who->at);
	sqlite3_stmt *stmt = store_prepare(st, sql_same, err);
	enum sr_status s = SR_OK;
	int64_t earlier = 0;
	bool back = false;
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, what);
	store_bind_text(stmt, 3, who->at);
	store_bind_text(stmt, 4, rec);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		earlier = sqlite3_column_int64(stmt, 0);
		back = same((const char *)sqlite3_column_text(stmt, 1), now);
	} else if (rc != SQLITE_DONE) {
		s = store_db_error(st, err, "cannot read a blocker's changes");
	}
	sqlite3_finalize(stmt);
	if (s != SR_OK || (earlier && !back))
		return s;
	stmt = store_prepare(st, earlier ? sql_drop : sql_change_log, err);
	if (!stmt)
		return SR_EDB;
	if (earlier) {
		sqlite3_bind_int64(stmt, 1, earlier);
	} else {
		sqlite3_bind_int64(stmt, 1, id);
		store_bind_text(stmt, 2, what);
		store_bind_text(stmt, 3, old);
		store_bind_text(stmt, 4, who->at);
		store_bind_text(stmt, 5, rec);
	}
	if (sqlite3_step(stmt) != SQLITE_DONE)
		s = store_db_error(st, err, "cannot save a blocker");
	sqlite3_finalize(stmt);
	return s;
}

enum sr_status store_blocker_change(struct store *st, int64_t id,
				    int64_t expected_version,
				    const struct blocker_change *c,
				    const struct store_actor *who,
				    struct sr_error *err)
{
	struct blocker b = {0};
	const char *derive_from = NULL;
	enum sr_status s;

	if ((s = store_blocker_get(st, id, &b, err)) != SR_OK)
		return s;
	if (expected_version && b.version != expected_version) {
		s = sr_fail(err, SR_ECONFLICT,
			    "blocker %lld was changed by someone else (now "
			    "version %lld; yours was %lld): nothing saved, "
			    "reload and try again",
			    (long long)id, (long long)b.version,
			    (long long)expected_version);
		blocker_clear(&b);
		return s;
	}
	if ((c->close_at || c->primary_at) && b.closed_at)
		s = sr_fail(err, SR_EINVAL,
			    "blocker %lld is closed (since %.16s)",
			    (long long)id, b.closed_at);
	{
		const char *was[] = {b.owner, b.due, b.note, b.agency};
		const char *want[] = {c->owner, c->due, c->note, c->agency};
		const char *what[] = {"owner", "due", "note", "agency"};
		const char *now[4];
		bool any = c->primary_at != NULL;
		sqlite3_stmt *stmt;

		for (size_t k = 0; k < 4; k++) {
			now[k] = want[k] ? nonempty(want[k]) : was[k];
			any |= !same(now[k], was[k]);
		}
		if (s == SR_OK && any) {
			stmt = store_prepare(st, sql_update, err);
			if (!stmt) {
				blocker_clear(&b);
				return SR_EDB;
			}
			sqlite3_bind_int64(stmt, 1, id);
			for (int k = 0; k < 4; k++)
				store_bind_text(stmt, 2 + k, now[k]);
			store_bind_text(stmt, 6, c->primary_at ?
					c->primary_at : b.primary_from);
			sqlite3_bind_int64(stmt, 7, b.version);
			if (sqlite3_step(stmt) != SQLITE_DONE)
				s = store_db_error(st, err,
						   "cannot save a blocker");
			sqlite3_finalize(stmt);
			/* Owner, due date and agency as they were, for
			 * the figures of a past day (not the note). */
			for (size_t k = 0; k < 4 && s == SR_OK; k++)
				if (k != 2 && !same(now[k], was[k]))
					s = log_change(st, id, what[k],
						       was[k], now[k], who,
						       err);
			for (size_t k = 0; k < 4 && s == SR_OK; k++)
				if (!same(now[k], was[k]) &&
				    !store_bulk_loading(st))
					s = audit(st, b.stay, id, what[k],
						  was[k], now[k], who, err);
			if (s == SR_OK && c->primary_at &&
			    !store_bulk_loading(st))
				s = audit(st, b.stay, id, "primary", NULL,
					  c->primary_at, who, err);
			/* An agency is the blocker's from now on: the
			 * days before keep the one they had. */
			if (!same(now[3], was[3]))
				derive_from = who->at;
			if (c->primary_at && (!derive_from ||
			    strcmp(c->primary_at, derive_from) < 0))
				derive_from = c->primary_at;
		}
	}
	if (s == SR_OK && c->close_at) {
		s = close_one(st, b.stay, id, c->close_at, false, who, err);
		if (!derive_from || strcmp(c->close_at, derive_from) < 0)
			derive_from = strcmp(c->close_at, b.opened_at) < 0 ?
					      b.opened_at : c->close_at;
	}
	if (s == SR_OK && derive_from && !who->derived)
		s = derive(st, b.stay, derive_from, who, err);
	blocker_clear(&b);
	return s;
}

enum sr_status store_blocker_reopen(struct store *st, int64_t id,
				    const char *at,
				    const struct store_actor *who,
				    int64_t *new_id, struct sr_error *err)
{
	struct blocker b = {0};
	enum sr_status s;

	if ((s = store_blocker_get(st, id, &b, err)) != SR_OK)
		return s;
	if (!b.closed_at) {
		s = sr_fail(err, SR_EINVAL, "blocker %lld is open",
			    (long long)id);
	} else {
		struct blocker n = b;

		n.opened_at = (char *)at;
		n.reopens = id;
		s = insert(st, &n, NULL, who, err);
		if (s == SR_OK) {
			*new_id = n.id;
			s = derive(st, b.stay, at, who, err);
		}
	}
	blocker_clear(&b);
	return s;
}

enum sr_status store_blockers_assign_unowned(struct store *st,
					     const char *agency,
					     const char *const *owners,
					     size_t n, int due_min,
					     int due_span,
					     struct sr_error *err)
{
	static const char sql_pick[] =
		"CREATE TEMP TABLE IF NOT EXISTS owner_pick"
		" (i INTEGER PRIMARY KEY, code TEXT NOT NULL);"
		"DELETE FROM temp.owner_pick";
	static const char sql_add[] =
		"INSERT INTO temp.owner_pick (i, code) VALUES (?1, ?2)";
	static const char sql_assign[] =
		"UPDATE blocker SET"
		" owner = (SELECT code FROM temp.owner_pick WHERE i = id % ?2),"
		" due = date(substr(opened_at, 1, 10),"
		"  '+' || (?3 + id % ?4) || ' days')"
		" WHERE owner IS NULL AND agency IS ?1";
	sqlite3_stmt *stmt;
	enum sr_status s;

	if (!store_bulk_loading(st))
		return sr_fail(err, SR_EINVAL, "owners are given to blockers "
			       "in bulk only while a history is loaded");
	if (!n || due_span < 1)
		return SR_OK;
	if ((s = store_exec(st, sql_pick, err)) != SR_OK)
		return s;
	if (!(stmt = store_prepare(st, sql_add, err)))
		return SR_EDB;
	for (size_t i = 0; i < n && s == SR_OK; i++) {
		sqlite3_bind_int64(stmt, 1, (sqlite3_int64)i);
		store_bind_text(stmt, 2, owners[i]);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			s = store_db_error(st, err, "cannot pick owners");
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	if (s != SR_OK)
		return s;
	if (!(stmt = store_prepare(st, sql_assign, err)))
		return SR_EDB;
	store_bind_text(stmt, 1, agency);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)n);
	sqlite3_bind_int(stmt, 3, due_min);
	sqlite3_bind_int(stmt, 4, due_span);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		s = store_db_error(st, err, "cannot give blockers owners");
	sqlite3_finalize(stmt);
	return s;
}
