/* Blockers as they are now (the writes and the reason that follows them:
 * store_blocker.c; as they were at a moment: store_blocker_then.c): one
 * by id, those of a stay or open at a site or with an owner, and those
 * whose opening or closing was recorded in a window. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

#define COLUMNS                                                          \
	"id, stay, version, site, code, agency, owner, due, note,"         \
	" primary_from, opened_at, opened_by, recorded_at, closed_at,"     \
	" closed_by, closed_recorded_at, coalesce(reopens, 0)"

static const char sql_get[] = "SELECT " COLUMNS " FROM blocker WHERE id = ?1";
static const char sql_each[] =
	"SELECT " COLUMNS " FROM blocker"
	" WHERE (?1 = 0 OR stay = ?1)"
	" AND (?1 <> 0 OR closed_at IS NULL OR ?4 = 0)"
	" AND (?2 IS NULL OR site = ?2) AND (?3 IS NULL OR owner = ?3)"
	" AND (?4 = 0 OR closed_at IS NULL)"
	" ORDER BY stay, opened_at, id";

/* Blockers whose opening or closing was recorded in (?1, ?2], of a site
 * and an owner (NULL: any); by the indexes of migration 11. */
static const char sql_recorded[] =
	"SELECT " COLUMNS " FROM blocker"
	" WHERE ((recorded_at > ?1 AND recorded_at <= ?2)"
	"  OR (closed_recorded_at > ?1 AND closed_recorded_at <= ?2))"
	" AND (?3 IS NULL OR site = ?3) AND (?4 IS NULL OR owner = ?4)"
	" ORDER BY stay, opened_at, id";

void blocker_clear(struct blocker *b)
{
	char **text[] = {&b->site, &b->code, &b->agency, &b->owner,
			 &b->due, &b->note, &b->primary_from, &b->opened_at,
			 &b->opened_by, &b->recorded_at, &b->closed_at,
			 &b->closed_by, &b->closed_recorded_at};

	for (size_t i = 0; i < ARRAY_SIZE(text); i++)
		free(*text[i]);
	memset(b, 0, sizeof(*b));
}

static void row_blocker(sqlite3_stmt *stmt, struct blocker *b)
{
	char **text[] = {&b->site, &b->code, &b->agency, &b->owner,
			 &b->due, &b->note, &b->primary_from, &b->opened_at,
			 &b->opened_by, &b->recorded_at, &b->closed_at,
			 &b->closed_by, &b->closed_recorded_at};

	blocker_clear(b);
	b->id = sqlite3_column_int64(stmt, 0);
	b->stay = sqlite3_column_int64(stmt, 1);
	b->version = sqlite3_column_int64(stmt, 2);
	for (size_t i = 0; i < ARRAY_SIZE(text); i++)
		*text[i] = store_column_dup(stmt, 3 + (int)i);
	b->reopens = sqlite3_column_int64(stmt, 16);
}

/* fn per row of stmt (bound, not yet stepped) until it returns false;
 * finalizes stmt. */
static enum sr_status each_row(struct store *st, sqlite3_stmt *stmt,
			       bool (*fn)(const struct blocker *b,
					  void *ctx),
			       void *ctx, struct sr_error *err)
{
	struct blocker b = {0};
	int rc;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		bool more;

		row_blocker(stmt, &b);
		more = fn(&b, ctx);
		blocker_clear(&b);
		if (!more) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the blockers");
	return SR_OK;
}

enum sr_status store_blocker_get(struct store *st, int64_t id,
				 struct blocker *out, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_get, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		row_blocker(stmt, out);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return SR_OK;
	if (rc == SQLITE_DONE)
		return sr_fail(err, SR_ENOTFOUND, "no blocker %lld",
			       (long long)id);
	return store_db_error(st, err, "cannot read a blocker");
}

enum sr_status store_blockers_each(struct store *st,
				   const struct blocker_filter *f,
				   bool (*fn)(const struct blocker *b,
					      void *ctx),
				   void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_each, err);

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, f->stay);
	store_bind_text(stmt, 2, f->site);
	store_bind_text(stmt, 3, f->owner);
	sqlite3_bind_int(stmt, 4, f->open_only);
	return each_row(st, stmt, fn, ctx, err);
}

enum sr_status store_blockers_recorded(struct store *st, const char *from,
				       const char *to, const char *site,
				       const char *owner,
				       bool (*fn)(const struct blocker *b,
						  void *ctx),
				       void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_recorded, err);

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, to);
	store_bind_text(stmt, 3, site);
	store_bind_text(stmt, 4, owner);
	return each_row(st, stmt, fn, ctx, err);
}
