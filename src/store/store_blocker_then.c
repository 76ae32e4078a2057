/* Blockers as they were at a moment (migration 13 says how a change is
 * kept): the row's values of now, or, for a blocker with a change later
 * than the moment, the values its changes say were in force then. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

#define THEN_COLS                                                        \
	"id, stay, site, code, agency, owner, due, opened_at, closed_at,"  \
	" closed_recorded_at, changed_to"
#define THEN_WHERE                                                       \
	" AND opened_at <= ?2 AND recorded_at <= ?3"                       \
	" AND (?4 IS NULL OR site = ?4)"

/* ?1 the window's start (since), ?2 the instant, ?3 known at ('9999':
 * everything), ?4 site, ?5 the earlier of ?2 and ?3, ?6 of ?1 and ?3.
 * Each blocker whose end as now recorded is after ?1 (open ones
 * included), or after ?6 and recorded after ?3 (open as known then), a
 * span class at a time by the covering index blocker_at (migration 15): a
 * class's ends are bounded by ?2 and its length, so a past moment does
 * not read the blockers of the months since. Then those whose end may
 * have been another one at ?3 (few): an earlier end recorded after ?3
 * (so recorded after it took effect: blocker_closed_late), or a change
 * after ?5. */
static const char sql_then[] =
	"WITH RECURSIVE" STORE_SQL_SPAN_CLASSES("?2")
	" SELECT " THEN_COLS " FROM span_class k"
	" CROSS JOIN blocker INDEXED BY blocker_at"
	" WHERE k.span < 14 AND blocker.span = k.span"
	" AND coalesce(closed_at, '9999') > ?6"
	" AND coalesce(closed_at, '9999') <= k.hi"
	" AND (closed_at > ?1 OR closed_recorded_at > ?3)" THEN_WHERE
	" UNION ALL SELECT " THEN_COLS " FROM blocker INDEXED BY blocker_at"
	" WHERE span = 14 AND coalesce(closed_at, '9999') = '9999'"
	THEN_WHERE
	" UNION ALL SELECT " THEN_COLS " FROM blocker"
	" INDEXED BY blocker_closed_late"
	" WHERE closed_recorded_at > closed_at AND closed_recorded_at > ?3"
	" AND closed_at <= ?6" THEN_WHERE
	" UNION ALL SELECT " THEN_COLS " FROM blocker"
	" WHERE changed_to > ?5 AND coalesce(closed_at, '9999') <= ?1"
	" AND (closed_recorded_at IS NULL OR closed_recorded_at <= ?3)"
	THEN_WHERE;

static const char sql_changes[] =
	"SELECT field, old, old_recorded, valid_from, recorded_at"
	" FROM blocker_change WHERE blocker = ?1 ORDER BY id";

enum { F_OWNER, F_DUE, F_AGENCY, F_END, F_COUNT };

struct then {
	char *value[F_COUNT];
	bool found[F_COUNT];
};

static int field_of(const char *s)
{
	static const char *const names[F_COUNT] = {"owner", "due", "agency",
						   "closed_at"};

	for (int i = 0; s && i < F_COUNT; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

/* The first change of each field that was not in force at (at, known):
 * its value before. */
static enum sr_status changes(struct store *st, sqlite3_stmt *stmt,
			      int64_t id, const char *at, const char *known,
			      struct then *t, struct sr_error *err)
{
	int rc;

	sqlite3_bind_int64(stmt, 1, id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int f = field_of((const char *)sqlite3_column_text(stmt, 0));
		const char *old = (const char *)sqlite3_column_text(stmt, 1);
		const char *old_rec =
			(const char *)sqlite3_column_text(stmt, 2);
		const char *from = (const char *)sqlite3_column_text(stmt, 3);
		const char *rec = (const char *)sqlite3_column_text(stmt, 4);

		if (f < 0 || t->found[f] || !from || !rec)
			continue;
		if (f == F_END) {
			/* An end is about what was recorded when. */
			if (strcmp(rec, known) <= 0)
				continue;
			t->found[f] = true;
			if (old && old_rec && strcmp(old_rec, known) <= 0)
				t->value[f] = xstrdup(old);
			continue;
		}
		if (strcmp(from, at) <= 0 && strcmp(rec, known) <= 0)
			continue;
		t->found[f] = true;
		t->value[f] = old ? xstrdup(old) : NULL;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read a blocker's changes");
	return SR_OK;
}

enum sr_status store_blockers_then(struct store *st,
				   const struct sr_moment *mo,
				   const char *since, const char *site,
				   bool (*fn)(void *ctx,
					      const struct store_blocker_then *b),
				   void *ctx, struct sr_error *err)
{
	const char *known = mo->known[0] ? mo->known : "9999";
	const char *lim = strcmp(mo->at, known) < 0 ? mo->at : known;
	const char *lim_since = strcmp(since, known) < 0 ? since : known;
	sqlite3_stmt *stmt = store_prepare(st, sql_then, err);
	sqlite3_stmt *chg = NULL;
	enum sr_status s = SR_OK;
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, since);
	store_bind_text(stmt, 2, mo->at);
	store_bind_text(stmt, 3, known);
	store_bind_text(stmt, 4, site);
	store_bind_text(stmt, 5, lim);
	store_bind_text(stmt, 6, lim_since);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_blocker_then b = {
			.id = sqlite3_column_int64(stmt, 0),
			.stay = sqlite3_column_int64(stmt, 1),
			.site = (const char *)sqlite3_column_text(stmt, 2),
			.code = (const char *)sqlite3_column_text(stmt, 3),
			.agency = (const char *)sqlite3_column_text(stmt, 4),
			.owner = (const char *)sqlite3_column_text(stmt, 5),
			.due = (const char *)sqlite3_column_text(stmt, 6),
			.opened_at = (const char *)sqlite3_column_text(stmt, 7),
			.closed_at = (const char *)sqlite3_column_text(stmt, 8),
		};
		const char *closed_rec =
			(const char *)sqlite3_column_text(stmt, 9);
		const char *changed_to =
			(const char *)sqlite3_column_text(stmt, 10);
		struct then t = {0};
		bool more;

		if (changed_to && strcmp(changed_to, lim) > 0) {
			if (!chg && !(chg = store_prepare(st, sql_changes, err))) {
				s = SR_EDB;
				break;
			}
			s = changes(st, chg, b.id, mo->at, known, &t, err);
			if (s != SR_OK)
				break;
			if (t.found[F_OWNER])
				b.owner = t.value[F_OWNER];
			if (t.found[F_DUE])
				b.due = t.value[F_DUE];
			if (t.found[F_AGENCY])
				b.agency = t.value[F_AGENCY];
		}
		if (t.found[F_END])
			b.closed_at = t.value[F_END];
		else if (b.closed_at && (!closed_rec ||
					 strcmp(closed_rec, known) > 0))
			b.closed_at = NULL; /* not closed yet as known */
		more = !b.closed_at || strcmp(b.closed_at, since) > 0;
		if (more)
			more = fn(ctx, &b);
		else
			more = true;
		for (int f = 0; f < F_COUNT; f++)
			free(t.value[f]);
		if (!more) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (s == SR_OK && rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot read the blockers");
	sqlite3_finalize(stmt);
	sqlite3_finalize(chg);
	return s;
}
