/* Red and green day marks, and the append-only audit trail. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_mark_get[] =
	"SELECT colour, reason FROM day_mark WHERE stay = ?1 AND day = ?2";
static const char sql_mark_put[] =
	"INSERT INTO day_mark (stay, day, colour, reason) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT (stay, day) DO UPDATE SET colour = ?3, reason = ?4";
static const char sql_mark_del[] =
	"DELETE FROM day_mark WHERE stay = ?1 AND day = ?2";
/* Every mark as it was recorded (DESIGN §4): the one it replaces
 * superseded, the new one (no colour: removed) recorded. */
static const char sql_mark_log_end[] =
	"UPDATE day_mark_log SET superseded_at = ?3"
	" WHERE stay = ?1 AND day = ?2 AND superseded_at IS NULL";
static const char sql_mark_log_add[] =
	"INSERT INTO day_mark_log (stay, day, colour, reason, recorded_at,"
	" recorded_by, site) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	" (SELECT site FROM stay WHERE id = ?1))";
static const char sql_audit_each[] =
	"SELECT a.id, a.at, a.by, a.stay, s.site, s.mrn, a.field, a.old, a.new"
	" FROM audit a LEFT JOIN stay s ON s.id = a.stay"
	" WHERE (?1 = 0 OR a.stay = ?1)"
	" AND (?2 IS NULL OR a.at >= ?2)"
	" AND (?3 IS NULL OR a.by = ?3)"
	" AND (?4 IS NULL OR s.site = ?4)"
	" AND (?5 IS NULL OR s.mrn = ?5)"
	" ORDER BY a.id";

/* Marks are written one by one, thousands at a time by the demo. */
enum {
	SLOT_MARK_GET = SLOT_MARK_FIRST,
	SLOT_MARK_PUT,
	SLOT_MARK_DEL,
	SLOT_MARK_LOG_END,
	SLOT_MARK_LOG_ADD,
};

enum sr_status store_day_mark_get(struct store *st, int64_t stay,
				  const char *day, char **colour, char **reason,
				  struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_MARK_GET, sql_mark_get, err);
	int rc;

	*colour = *reason = NULL;
	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	store_bind_text(stmt, 2, day);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*colour = store_column_dup(stmt, 0);
		*reason = store_column_dup(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read day mark");
	return SR_OK;
}

/* "red: awaiting test", "green", or NULL: how a mark reads in the audit. */
static char *mark_text(const char *colour, const char *reason)
{
	if (!colour)
		return NULL;
	if (reason && *reason)
		return xasprintf("%s: %s", colour, reason);
	return xstrdup(colour);
}

static enum sr_status mark_log(struct store *st, int64_t stay,
			       const char *day, const char *colour,
			       const char *reason,
			       const struct store_actor *who,
			       struct sr_error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	/* A bulk load writes each mark once, into an empty log (and
	 * without its indexes, where this would read the whole log). */
	if (!store_bulk_loading(st)) {
		stmt = store_cached(st, SLOT_MARK_LOG_END, sql_mark_log_end,
				    err);
		if (!stmt)
			return SR_EDB;
		sqlite3_bind_int64(stmt, 1, stay);
		store_bind_text(stmt, 2, day);
		store_bind_text(stmt, 3, who->at);
		rc = sqlite3_step(stmt);
		sqlite3_reset(stmt);
		if (rc != SQLITE_DONE)
			return store_db_error(st, err, "cannot save day mark");
	}
	stmt = store_cached(st, SLOT_MARK_LOG_ADD, sql_mark_log_add, err);
	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	store_bind_text(stmt, 2, day);
	store_bind_text(stmt, 3, colour);
	store_bind_text(stmt, 4, colour ? reason : NULL);
	store_bind_text(stmt, 5, who->at);
	store_bind_text(stmt, 6, who->by);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot save day mark");
	return SR_OK;
}

enum sr_status store_day_mark(struct store *st, int64_t stay,
			      const char *day, const char *colour,
			      const char *reason, const struct store_actor *who,
			      struct sr_error *err)
{
	char *old_colour, *old_reason, *old_text, *new_text, *field;
	sqlite3_stmt *stmt;
	enum sr_status s;
	int rc;

	s = store_day_mark_get(st, stay, day, &old_colour, &old_reason, err);
	if (s != SR_OK)
		return s;
	old_text = mark_text(old_colour, old_reason);
	new_text = mark_text(colour, reason);
	free(old_colour);
	free(old_reason);
	if ((!old_text && !new_text) ||
	    (old_text && new_text && strcmp(old_text, new_text) == 0)) {
		free(old_text);
		free(new_text);
		return SR_OK;
	}
	stmt = colour ? store_cached(st, SLOT_MARK_PUT, sql_mark_put, err)
		      : store_cached(st, SLOT_MARK_DEL, sql_mark_del, err);
	if (!stmt) {
		free(old_text);
		free(new_text);
		return SR_EDB;
	}
	sqlite3_bind_int64(stmt, 1, stay);
	store_bind_text(stmt, 2, day);
	if (colour) {
		store_bind_text(stmt, 3, colour);
		store_bind_text(stmt, 4, reason);
	}
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot save day mark");
	if (s == SR_OK)
		s = mark_log(st, stay, day, colour, reason, who, err);
	if (s == SR_OK) {
		field = xasprintf("day %s", day);
		s = store_audit_add(st, stay, field, old_text, new_text, who,
				    err);
		free(field);
	}
	free(old_text);
	free(new_text);
	return s;
}

static const char *text(sqlite3_stmt *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

enum sr_status store_audit_each(struct store *st, const struct audit_filter *f,
				bool (*fn)(const struct audit_row *r, void *ctx),
				void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_audit_each, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, f->stay);
	store_bind_text(stmt, 2, f->since);
	store_bind_text(stmt, 3, f->by);
	store_bind_text(stmt, 4, f->site);
	store_bind_text(stmt, 5, f->mrn);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct audit_row r = {
			.id = sqlite3_column_int64(stmt, 0),
			.at = text(stmt, 1),
			.by = text(stmt, 2),
			.stay = sqlite3_column_int64(stmt, 3),
			.site = text(stmt, 4),
			.mrn = text(stmt, 5),
			.field = text(stmt, 6),
			.old_value = text(stmt, 7),
			.new_value = text(stmt, 8),
		};

		if (!fn(&r, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the audit trail");
	return SR_OK;
}
