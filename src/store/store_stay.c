/* Stays: find, insert, versioned update with its audit rows, and walks for
 * export. Every function here runs inside the caller's transaction. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/timeline.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_find[] =
	"SELECT " STORE_STAY_COLUMNS " FROM stay s"
	" WHERE site = ?1 AND mrn = ?2 AND admitted_at = ?3";
static const char sql_get[] =
	"SELECT " STORE_STAY_COLUMNS " FROM stay s WHERE id = ?1";
static const char sql_insert[] =
	"INSERT INTO stay (site, ward, bed, mrn, nhs_number, family_name,"
	" given_name, birth_date, admitted_at, edd, g2g_date, pathway,"
	" delay_reason, delay_agency, discharged_at, destination, note,"
	" edd_status, source, area, version, updated_at, updated_by)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	" ?15, ?16, ?17, ?18, ?19, ?20, 1, ?21, ?22)";
static const char sql_update[] =
	"UPDATE stay SET site = ?1, ward = ?2, bed = ?3, mrn = ?4,"
	" nhs_number = ?5, family_name = ?6, given_name = ?7, birth_date = ?8,"
	" admitted_at = ?9, edd = ?10, g2g_date = ?11, pathway = ?12,"
	" delay_reason = ?13, delay_agency = ?14, discharged_at = ?15,"
	" destination = ?16, note = ?17, edd_status = ?18, source = ?19,"
	" area = ?20, version = version + 1,"
	" updated_at = ?21, updated_by = ?22"
	" WHERE id = ?23 AND version = ?24";
static const char sql_stamp[] =
	"SELECT version, updated_at, updated_by FROM stay WHERE id = ?1";
static const char sql_by_mrn[] =
	"SELECT id, discharged_at IS NULL FROM stay"
	" WHERE mrn = ?1 AND (?2 IS NULL OR site = ?2)"
	" ORDER BY discharged_at IS NULL DESC, admitted_at DESC, id DESC";
static const char sql_each[] =
	"SELECT " STORE_STAY_COLUMNS " FROM stay s"
	" WHERE (?1 IS NULL OR site = ?1)"
	" AND (?2 = 0 OR discharged_at IS NULL)"
	" AND (?3 IS NULL OR discharged_at IS NULL"
	"      OR substr(discharged_at, 1, 10) >= ?3)"
	" AND (?4 IS NULL OR substr(admitted_at, 1, 10) <= ?4)"
	" ORDER BY site, admitted_at, mrn, id";
static const char sql_current_ids[] =
	"SELECT id FROM stay WHERE site = ?1 AND discharged_at IS NULL"
	" ORDER BY id";
static const char sql_in_bed[] =
	"SELECT id FROM stay WHERE site = ?1 AND ward IS ?2 AND bed = ?3"
	" AND discharged_at IS NULL AND id <> ?4 ORDER BY id LIMIT 1";
static const char sql_shared[] =
	"SELECT site, ward, bed, group_concat(id, ',') FROM"
	" (SELECT site, ward, bed, id FROM stay"
	"  WHERE discharged_at IS NULL AND bed IS NOT NULL"
	"  ORDER BY site, ward, bed, id)"
	" GROUP BY site, ward, bed HAVING count(*) > 1"
	" ORDER BY site, ward, bed";
static const char sql_audit_add[] =
	"INSERT INTO audit (at, by, stay, field, old, new)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

enum {
	SLOT_FIND = SLOT_STAY_FIRST,
	SLOT_GET,
	SLOT_INSERT,
	SLOT_UPDATE,
	SLOT_AUDIT_ADD,
	SLOT_IN_BED,
};

enum sr_status store_tx_begin(struct store *st, struct sr_error *err)
{
	return store_begin(st, err);
}

enum sr_status store_tx_commit(struct store *st, struct sr_error *err)
{
	return store_commit(st, err);
}

void store_tx_rollback(struct store *st)
{
	store_rollback(st);
}

/* Steps a single-row select; SR_ENOTFOUND when it has no row. */
static enum sr_status read_one(struct store *st, sqlite3_stmt *stmt,
			       struct stay *out, struct sr_error *err)
{
	int rc = sqlite3_step(stmt);
	enum sr_status s = SR_OK;

	if (rc == SQLITE_ROW)
		store_row_stay(stmt, 0, out);
	else if (rc == SQLITE_DONE)
		s = sr_fail(err, SR_ENOTFOUND, "no such stay");
	else
		s = store_db_error(st, err, "cannot read stay");
	sqlite3_reset(stmt);
	return s;
}

enum sr_status store_stay_find(struct store *st, const char *site,
			       const char *mrn, const char *admitted_at,
			       struct stay *out, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_FIND, sql_find, err);

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, site);
	store_bind_text(stmt, 2, mrn);
	store_bind_text(stmt, 3, admitted_at);
	return read_one(st, stmt, out, err);
}

enum sr_status store_stay_get(struct store *st, int64_t id, struct stay *out,
			      struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_GET, sql_get, err);

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, id);
	return read_one(st, stmt, out, err);
}

enum sr_status store_stay_by_mrn(struct store *st, const char *site,
				 const char *mrn, int64_t **ids, size_t *n,
				 struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_by_mrn, err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, mrn);
	store_bind_text(stmt, 2, site);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		bool current = sqlite3_column_int(stmt, 1);

		/* Rows come current first: after them, only the most
		 * recent discharged stay, and only if none is current. */
		if (!current && *n > 0)
			break;
		*ids = xgrow(*ids, &cap, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(stmt, 0);
		if (!current)
			break;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_db_error(st, err, "cannot look up stays");
	}
	return SR_OK;
}

enum sr_status store_stay_in_bed(struct store *st, const char *site,
				 const char *ward, const char *bed,
				 int64_t exclude, int64_t *other,
				 struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_IN_BED, sql_in_bed, err);
	int rc;

	*other = 0;
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, site);
	store_bind_text(stmt, 2, ward);
	store_bind_text(stmt, 3, bed);
	sqlite3_bind_int64(stmt, 4, exclude);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*other = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot look up the bed");
	return SR_OK;
}

enum sr_status store_beds_shared(struct store *st,
				 void (*fn)(void *ctx, const char *site,
					    const char *ward, const char *bed,
					    const char *ids),
				 void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_shared, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
		   (const char *)sqlite3_column_text(stmt, 1),
		   (const char *)sqlite3_column_text(stmt, 2),
		   (const char *)sqlite3_column_text(stmt, 3));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the beds");
	return SR_OK;
}

/* Binds the SF_COUNT field values to ?1..?SF_COUNT (an empty one as NULL); pathway is
 * an INTEGER column. Not copied: the stay outlives the step, and the
 * statement is reset and its bindings cleared before its next use. */
static void bind_fields(sqlite3_stmt *stmt, const struct stay *s)
{
	for (int f = 0; f < SF_COUNT; f++) {
		const char *v = s->v[f];

		if (!v || !*v)
			sqlite3_bind_null(stmt, f + 1);
		else if (f == SF_PATHWAY)
			sqlite3_bind_int(stmt, f + 1, atoi(v));
		else
			sqlite3_bind_text(stmt, f + 1, v, -1, SQLITE_STATIC);
	}
}

enum sr_status store_audit_add(struct store *st, int64_t stay,
			       const char *field, const char *old_value,
			       const char *new_value,
			       const struct store_actor *who,
			       struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_AUDIT_ADD, sql_audit_add,
					  err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, who->at);
	store_bind_text(stmt, 2, who->by);
	if (stay)
		sqlite3_bind_int64(stmt, 3, stay);
	store_bind_text(stmt, 4, field);
	store_bind_text(stmt, 5, old_value);
	store_bind_text(stmt, 6, new_value);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot write the audit trail");
	return SR_OK;
}

static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, b) == 0;
}

/* The dated facts of a change from old (NULL: a new stay) to next, and
 * the states they make: next's dated fields become those of its last
 * state (the values in force now, or at its discharge). *written (if
 * non-NULL) counts the facts recorded; with none and states unchanged
 * nothing is written. */
static enum sr_status with_states(struct store *st, const struct stay *old,
				  struct stay *next,
				  const struct store_actor *who,
				  size_t *written, char *reason_from,
				  struct sr_error *err)
{
	struct store_fact_set fs;
	struct stay_span *sp = NULL;
	char adm[TIMELINE_INSTANT_BUF], dis[TIMELINE_INSTANT_BUF];
	char cut[TIMELINE_INSTANT_BUF];
	enum sr_status s;
	size_t n, w = 0;

	s = store_facts_write(st, old, next, who, &fs, &w, err);
	if (s != SR_OK)
		return s;
	if (written)
		*written = w;
	/* No new fact and the same two ends: the states stand (and the
	 * dated values are the stored ones, whatever next asked for). */
	if (old && w == 0 && same(old->v[SF_SITE], next->v[SF_SITE]) &&
	    same(old->v[SF_ADMITTED_AT], next->v[SF_ADMITTED_AT]) &&
	    same(old->v[SF_DISCHARGED_AT], next->v[SF_DISCHARGED_AT])) {
		for (int f = 0; f < SF_COUNT; f++)
			if (stay_field_dated((enum stay_field)f))
				stay_set(next, (enum stay_field)f, old->v[f]);
		store_fact_set_free(&fs);
		return SR_OK;
	}
	n = store_spans(next, &fs, &sp, adm, dis, cut);
	if (n == 0) {
		s = sr_fail(err, SR_EINVAL,
			    "invalid admission or discharge time");
	} else {
		store_cache_from_spans(next, sp, n);
		/* NULL: each state recorded as it begins (a load of
		 * history as it was recorded). */
		s = store_states_write(st, next, old == NULL, sp, n,
				       !old && who->recorded_when_true ?
					       NULL : who->at,
				       err);
	}
	/* The earliest typed reason or agency fact: the blockers follow
	 * from there once the stay is saved (store_blockers_follow). */
	for (size_t i = fs.n - w; i < fs.n && reason_from; i++)
		if ((fs.f[i].field == SF_DELAY_REASON ||
		     fs.f[i].field == SF_DELAY_AGENCY) &&
		    (!*reason_from ||
		     strcmp(fs.f[i].valid_from, reason_from) < 0))
			strlcpy_ok(reason_from, fs.f[i].valid_from,
				   TIMELINE_INSTANT_BUF);
	if (s == SR_OK && n)
		s = store_blockers_sync(st, old, next, sp, n,
					reason_from && *reason_from ?
						reason_from : NULL,
					who, err);
	free(sp);
	store_fact_set_free(&fs);
	return s;
}

enum sr_status store_stay_insert(struct store *st, struct stay *s,
				 const char *how,
				 const struct store_actor *who,
				 struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_INSERT, sql_insert, err);
	char from[TIMELINE_INSTANT_BUF] = "";
	enum sr_status status;
	int rc;

	if (!stmt)
		return SR_EDB;
	bind_fields(stmt, s);
	store_bind_text(stmt, SF_COUNT + 1, who->at);
	store_bind_text(stmt, SF_COUNT + 2, who->by);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(st->db) ==
		    SQLITE_CONSTRAINT_UNIQUE)
			return sr_fail(err, SR_EINVAL,
				       "a stay with the same site, MRN and "
				       "admission time exists already");
		return store_db_error(st, err, "cannot save stay");
	}
	s->id = sqlite3_last_insert_rowid(st->db);
	s->version = 1;
	if ((status = with_states(st, NULL, s, who, NULL, from, err)) != SR_OK)
		return status;

	if (store_bulk_loading(st))
		return SR_OK; /* audited by store_bulk_end, all at once */
	return store_audit_add(st, s->id, "stay", NULL, how, who, err);
}


/* Explains a refused stale edit: who changed the stay, when, to what
 * version. Never names the patient. */
static enum sr_status conflict(struct store *st, int64_t id, int64_t mine,
			       struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_stamp, err);
	enum sr_status s;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		return sr_fail(err, SR_ENOTFOUND, "stay %lld no longer exists",
			       (long long)id);
	}
	s = sr_fail(err, SR_ECONFLICT,
		    "stay %lld was changed by %s at %s (now version %lld; your "
		    "edit was made on version %lld): nothing saved, reload and "
		    "try again",
		    (long long)id,
		    sqlite3_column_text(stmt, 2) ?
			    (const char *)sqlite3_column_text(stmt, 2) : "?",
		    sqlite3_column_text(stmt, 1) ?
			    (const char *)sqlite3_column_text(stmt, 1) : "?",
		    (long long)sqlite3_column_int64(stmt, 0), (long long)mine);
	sqlite3_finalize(stmt);
	return s;
}

enum sr_status store_stay_update(struct store *st, struct stay *next,
				 int64_t expected_version,
				 const struct store_actor *who, size_t *changed,
				 struct sr_error *err)
{
	struct stay old = {0};
	sqlite3_stmt *stmt;
	char from[TIMELINE_INSTANT_BUF] = "";
	enum sr_status s;
	size_t n = 0, facts = 0;
	int rc;

	if ((s = store_stay_get(st, next->id, &old, err)) != SR_OK)
		return s;
	if (expected_version && old.version != expected_version) {
		stay_clear(&old);
		return conflict(st, next->id, expected_version, err);
	}
	for (int f = 0; f < SF_COUNT; f++)
		if (!stay_field_dated((enum stay_field)f))
			n += !same(old.v[f], next->v[f]);
	/* The facts say which dated values change (the other fields' audit
	 * rows written with theirs, in field order); the states and the
	 * stay's own columns follow from them. */
	s = with_states(st, &old, next, who, &facts, from, err);
	n += facts;
	if (changed)
		*changed = n;
	if (s != SR_OK || n == 0) {
		next->version = old.version;
		stay_clear(&old);
		return s;
	}
	stmt = store_cached(st, SLOT_UPDATE, sql_update, err);
	if (!stmt) {
		stay_clear(&old);
		return SR_EDB;
	}
	bind_fields(stmt, next);
	store_bind_text(stmt, SF_COUNT + 1, who->at);
	store_bind_text(stmt, SF_COUNT + 2, who->by);
	sqlite3_bind_int64(stmt, SF_COUNT + 3, next->id);
	sqlite3_bind_int64(stmt, SF_COUNT + 4, old.version);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot save stay");
	else if (sqlite3_changes(st->db) != 1)
		s = conflict(st, next->id, old.version, err);
	if (s == SR_OK)
		next->version = old.version + 1;
	/* Saved: the blockers follow a typed reason and a discharge (which
	 * may write the reason again, as they say it: a new version). */
	if (s == SR_OK)
		s = store_blockers_follow(st, next->id, *from ? from : NULL,
					  who, err);
	if (s == SR_OK && !who->derived) {
		struct stay now = {0};

		if (store_stay_get(st, next->id, &now, err) == SR_OK)
			next->version = now.version;
		stay_clear(&now);
	}
	stay_clear(&old);
	return s;
}

enum sr_status store_stay_each(struct store *st, const struct stay_filter *f,
			       bool (*fn)(const struct stay *s, void *ctx),
			       void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_each, err);
	struct stay s = {0};
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, f->site);
	sqlite3_bind_int(stmt, 2, f->current);
	store_bind_text(stmt, 3, f->from);
	store_bind_text(stmt, 4, f->to);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		bool more;

		store_row_stay(stmt, 0, &s);
		more = fn(&s, ctx);
		stay_clear(&s);
		if (!more) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read stays");
	return SR_OK;
}

enum sr_status store_stay_current_ids(struct store *st, const char *site,
				      int64_t **ids, size_t *n,
				      struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_current_ids, err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, site);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_db_error(st, err, "cannot list current stays");
	}
	return SR_OK;
}
