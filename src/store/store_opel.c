/* Declared OPEL levels: what a bed manager declared, when, why, by whom. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_declare[] =
	"INSERT INTO opel_declared (site, at, level, note, by)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
/* The latest declaration per site made at or before an instant. */
static const char sql_in_force[] =
	"SELECT d.id, d.site, d.at, d.by, d.note, d.level FROM opel_declared d"
	" WHERE d.id = (SELECT e.id FROM opel_declared e"
	"  WHERE e.site = d.site AND e.at <= ?1 ORDER BY e.at DESC, e.id DESC"
	"  LIMIT 1)"
	" ORDER BY d.site";
static const char sql_history[] =
	"SELECT id, site, at, by, note, level FROM opel_declared"
	" WHERE ?1 IS NULL OR site = ?1 ORDER BY at, id";

enum sr_status store_opel_declare(struct store *st, const char *site,
				  int level, const char *note,
				  const struct store_actor *who,
				  struct sr_error *err)
{
	sqlite3_stmt *stmt;
	enum sr_status s;
	int rc;

	if ((s = store_begin(st, err)) != SR_OK)
		return s;
	stmt = store_prepare(st, sql_declare, err);
	if (!stmt) {
		store_rollback(st);
		return SR_EDB;
	}
	store_bind_text(stmt, 1, site);
	store_bind_text(stmt, 2, who->at);
	sqlite3_bind_int(stmt, 3, level);
	store_bind_text(stmt, 4, note);
	store_bind_text(stmt, 5, who->by);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		s = store_db_error(st, err, "cannot save the declaration");
		store_rollback(st);
		return s;
	}
	return store_commit(st, err);
}

static void read_declaration(sqlite3_stmt *stmt, struct opel_declaration *d)
{
	d->id = sqlite3_column_int64(stmt, 0);
	d->site = (const char *)sqlite3_column_text(stmt, 1);
	d->at = (const char *)sqlite3_column_text(stmt, 2);
	d->by = (const char *)sqlite3_column_text(stmt, 3);
	d->note = (const char *)sqlite3_column_text(stmt, 4);
	d->level = sqlite3_column_int(stmt, 5);
}

enum sr_status store_opel_in_force(struct store *st, const char *at,
				   void (*fn)(void *ctx,
					      const struct opel_declaration *d),
				   void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_in_force, err);
	struct opel_declaration d;
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, at);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_declaration(stmt, &d);
		fn(ctx, &d);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read declarations");
	return SR_OK;
}

enum sr_status store_opel_history(struct store *st, const char *site,
				  bool (*fn)(void *ctx,
					     const struct opel_declaration *d),
				  void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_history, err);
	struct opel_declaration d;
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, site);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_declaration(stmt, &d);
		if (!fn(ctx, &d)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read declarations");
	return SR_OK;
}
