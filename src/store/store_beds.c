/* Bed state (issue 16): beds closed and escalation beds opened, as dated
 * intervals (migration 17). A row is never changed; its end is the row's
 * valid_to unless a bed_state_end row recorded since says otherwise (the
 * latest recorded by the time the state is read as known at). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_add[] =
	"INSERT INTO bed_state (site, ward, bed, state, count, reason, note,"
	" valid_from, valid_to, recorded_at, recorded_by)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_end[] =
	"INSERT INTO bed_state_end (bed_state, valid_to, recorded_at,"
	" recorded_by) VALUES (?1, ?2, ?3, ?4)";

/* The states as known at ?2 (NULL: everything recorded) of site ?3 (NULL:
 * every site), in force at instant ?1 (NULL: every state), or only state
 * ?4 (NULL: any). The end in force is that of the latest end row known. */
static const char sql_states[] =
	"SELECT b.id, b.site, b.ward, b.bed, b.state, b.count, b.reason,"
	" b.note, b.valid_from,"
	" CASE WHEN e.id IS NULL THEN b.valid_to ELSE e.valid_to END AS vto,"
	" b.recorded_at, b.recorded_by"
	" FROM bed_state b LEFT JOIN bed_state_end e ON e.id ="
	"  (SELECT x.id FROM bed_state_end x WHERE x.bed_state = b.id"
	"   AND (?2 IS NULL OR x.recorded_at <= ?2)"
	"   ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)"
	" WHERE (?2 IS NULL OR b.recorded_at <= ?2)"
	" AND (?3 IS NULL OR b.site = ?3)"
	" AND (?4 IS NULL OR b.id = ?4)"
	" AND (?1 IS NULL OR (b.valid_from <= ?1 AND (vto IS NULL OR vto > ?1)))"
	" ORDER BY b.site, coalesce(b.ward, ''), b.valid_from, b.id";

static void describe(const struct bed_state *b, char *buf, size_t size)
{
	snprintf(buf, size, "%s %d%s%s%s%s from %s%s%s", b->escalation ?
		 "escalation" : "closed", b->count, b->ward ? " ward " : "",
		 b->ward ? b->ward : "", b->bed ? " bed " : "",
		 b->bed ? b->bed : "", b->from, b->to ? " to " : "",
		 b->to ? b->to : "");
}

enum sr_status store_bed_state_add(struct store *st,
				   const struct bed_state *b,
				   const struct store_actor *who,
				   int64_t *id, struct sr_error *err)
{
	sqlite3_stmt *stmt;
	char what[160], field[64];
	enum sr_status s;
	int rc;

	if ((s = store_begin(st, err)) != SR_OK)
		return s;
	if (!(stmt = store_prepare(st, sql_add, err))) {
		store_rollback(st);
		return SR_EDB;
	}
	store_bind_text(stmt, 1, b->site);
	store_bind_text(stmt, 2, b->ward);
	store_bind_text(stmt, 3, b->bed);
	store_bind_text(stmt, 4, b->escalation ? "escalation" : "closed");
	sqlite3_bind_int(stmt, 5, b->count);
	store_bind_text(stmt, 6, b->reason);
	store_bind_text(stmt, 7, b->note);
	store_bind_text(stmt, 8, b->from);
	store_bind_text(stmt, 9, b->to);
	store_bind_text(stmt, 10, who->at);
	store_bind_text(stmt, 11, who->by);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		s = store_db_error(st, err, "cannot save the bed state");
		store_rollback(st);
		return s;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	describe(b, what, sizeof(what));
	snprintf(field, sizeof(field), "beds %s #%lld", b->site,
		 (long long)*id);
	if ((s = store_audit_add(st, 0, field, NULL, what, who, err)) != SR_OK) {
		store_rollback(st);
		return s;
	}
	return store_commit(st, err);
}

struct one {
	char *old_to;
	bool found;
};

static bool keep_one(void *ctx, const struct bed_state *b)
{
	struct one *o = ctx;

	o->found = true;
	o->old_to = b->to ? xstrdup(b->to) : NULL;
	return false;
}

enum sr_status store_bed_state_end(struct store *st, int64_t id,
				   const char *to,
				   const struct store_actor *who,
				   struct sr_error *err)
{
	struct one o = {0};
	sqlite3_stmt *stmt;
	char field[64];
	enum sr_status s;
	int rc;

	if ((s = store_begin(st, err)) != SR_OK)
		return s;
	s = store_bed_states(st, NULL, NULL, NULL, id, keep_one, &o, err);
	if (s == SR_OK && !o.found)
		s = sr_fail(err, SR_ENOTFOUND, "no bed state #%lld",
			    (long long)id);
	if (s != SR_OK) {
		store_rollback(st);
		free(o.old_to);
		return s;
	}
	if (!(stmt = store_prepare(st, sql_end, err))) {
		store_rollback(st);
		free(o.old_to);
		return SR_EDB;
	}
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 3, who->at);
	store_bind_text(stmt, 4, who->by);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		s = store_db_error(st, err, "cannot save the end of the bed "
				   "state");
		store_rollback(st);
		free(o.old_to);
		return s;
	}
	snprintf(field, sizeof(field), "beds #%lld to", (long long)id);
	s = store_audit_add(st, 0, field, o.old_to, to, who, err);
	free(o.old_to);
	if (s != SR_OK) {
		store_rollback(st);
		return s;
	}
	return store_commit(st, err);
}

static const char *col(sqlite3_stmt *stmt, int i)
{
	return (const char *)sqlite3_column_text(stmt, i);
}

enum sr_status store_bed_states(struct store *st, const char *at,
				const char *known, const char *site,
				int64_t id, store_bed_state_fn fn, void *ctx,
				struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_states, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, at);
	store_bind_text(stmt, 2, known);
	store_bind_text(stmt, 3, site);
	if (id)
		sqlite3_bind_int64(stmt, 4, id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *state = col(stmt, 4);
		struct bed_state b = {
			.id = sqlite3_column_int64(stmt, 0),
			.site = col(stmt, 1),
			.ward = col(stmt, 2),
			.bed = col(stmt, 3),
			.escalation = state && strcmp(state, "escalation") == 0,
			.count = sqlite3_column_int(stmt, 5),
			.reason = col(stmt, 6),
			.note = col(stmt, 7),
			.from = col(stmt, 8),
			.to = col(stmt, 9),
			.recorded_at = col(stmt, 10),
			.recorded_by = col(stmt, 11),
		};

		if (!fn(ctx, &b)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the bed state");
	return SR_OK;
}
