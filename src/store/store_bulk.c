/* Bulk loads (indexes and triggers set aside, built again at the end)
 * and the check of the tables of totals against the stays. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

void store_bulk_forget(struct store *st)
{
	for (size_t i = 0; i < st->nbulk; i++)
		free(st->bulk_sql[i]);
	free(st->bulk_sql);
	st->bulk_sql = NULL;
	st->nbulk = 0;
	free(st->bulk_how);
	st->bulk_how = NULL;
}

enum sr_status store_check_totals(struct store *st, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, store_sql_check_totals, err);
	enum sr_status s = SR_OK;
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && s == SR_OK)
		if (sqlite3_column_int64(stmt, 1) != 0)
			s = sr_fail(err, SR_EDB, "%s: the totals in %s disagree "
				    "with the stays in %lld rows", st->path,
				    (const char *)sqlite3_column_text(stmt, 0),
				    (long long)sqlite3_column_int64(stmt, 1));
	if (s == SR_OK && rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot check the totals");
	sqlite3_finalize(stmt);
	return s;
}

/* The secondary indexes and the triggers of the stays and their marks:
 * what a bulk load sets aside. */
static const char sql_bulk_schema[] =
	"SELECT type, name, sql FROM sqlite_schema"
	" WHERE tbl_name IN ('stay', 'day_mark', 'stay_fact', 'stay_state',"
	" 'day_mark_log')"
	" AND type IN ('index', 'trigger') AND sql IS NOT NULL"
	" ORDER BY type = 'trigger', name";

enum sr_status store_bulk_begin(struct store *st, const char *how,
				struct sr_error *err)
{
	sqlite3_stmt *stmt;
	char **drop = NULL;
	size_t cap = 0, n = 0;
	enum sr_status s;
	long long rows;
	int rc;

	if (!sqlite3_get_autocommit(st->db) || st->nbulk || st->fk_off)
		return sr_fail(err, SR_EINVAL, "a bulk load begins a write "
			       "transaction of its own, once");
	/* SQLite switches enforcement only between transactions; the
	 * references are checked all at once in store_bulk_end instead. */
	if ((s = store_exec(st, "PRAGMA foreign_keys = OFF", err)) != SR_OK)
		return s;
	st->fk_off = true;
	st->bulk_how = xstrdup(how);
	if ((s = store_begin(st, err)) != SR_OK) {
		store_bulk_forget(st);
		store_bulk_over(st);
		return s;
	}
	if ((rows = store_has_rows(st, "stay")) != 0) {
		s = rows < 0 ? store_db_error(st, err, "cannot count stays")
			     : sr_fail(err, SR_ECONFLICT, "%s: a bulk load "
				       "needs a database without stays",
				       st->path);
		store_rollback(st);
		return s;
	}
	if (!(stmt = store_prepare(st, sql_bulk_schema, err))) {
		store_rollback(st);
		return SR_EDB;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			st->bulk_sql = xrealloc(st->bulk_sql,
						cap * sizeof(*st->bulk_sql));
			drop = xrealloc(drop, cap * sizeof(*drop));
		}
		st->bulk_sql[n] = store_column_dup(stmt, 2);
		drop[n++] = xasprintf("DROP %s \"%s\"",
				      sqlite3_column_text(stmt, 0),
				      sqlite3_column_text(stmt, 1));
		st->nbulk = n;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot read the schema");
	/* Our own names, plain identifiers: no quoting needed beyond "". */
	for (size_t i = 0; i < n && s == SR_OK; i++)
		s = store_exec(st, drop[i], err);
	for (size_t i = 0; i < n; i++)
		free(drop[i]);
	free(drop);
	if (s != SR_OK)
		store_rollback(st);
	return s;
}

bool store_bulk_loading(const struct store *st)
{
	return st->bulk_how != NULL;
}

/* Every stay in the database came in with the load: their audit rows in
 * one statement, as store_stay_insert would have written them one by one
 * (the same time, actor and word; in the order of the stays). */
static const char sql_bulk_audit[] =
	"INSERT INTO audit (at, by, stay, field, old, new)"
	" SELECT updated_at, updated_by, id, 'stay', NULL, ?1"
	" FROM stay ORDER BY id";

static enum sr_status audit_added(struct store *st, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_bulk_audit, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, st->bulk_how);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot write the audit trail");
	return SR_OK;
}

/* The references enforcement would have checked row by row: a stay's
 * site and ward, a mark's stay. Names rows by number only. */
static enum sr_status check_references(struct store *st,
				       struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "PRAGMA foreign_key_check",
					   err);
	enum sr_status s = SR_OK;
	int rc;

	if (!stmt)
		return SR_EDB;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		s = sr_fail(err, SR_EINVAL, "%s: %s row %lld refers to a %s "
			    "that does not exist: nothing saved", st->path,
			    (const char *)sqlite3_column_text(stmt, 0),
			    (long long)sqlite3_column_int64(stmt, 1),
			    (const char *)sqlite3_column_text(stmt, 2));
	else if (rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot check the references");
	sqlite3_finalize(stmt);
	return s;
}

enum sr_status store_bulk_end(struct store *st,
			      void (*progress)(double done, void *ctx),
			      void *ctx, struct sr_error *err)
{
	enum sr_status s = SR_OK;
	double steps = (double)st->nbulk + 1;

	if (!st->bulk_how)
		return sr_fail(err, SR_EINVAL, "no bulk load to end");
	s = check_references(st, err);
	if (s == SR_OK)
		s = audit_added(st, err);
	for (size_t i = 0; i < st->nbulk && s == SR_OK; i++) {
		s = store_exec(st, st->bulk_sql[i], err);
		if (progress)
			progress((double)(i + 1) / steps, ctx);
	}
	if (s == SR_OK)
		s = store_exec(st, store_sql_totals_rebuild, err);
	if (s == SR_OK && st->days_kept)
		s = store_delay_days_close(st, date_today(), err);
	if (s == SR_OK && progress)
		progress(1.0, ctx);
	store_bulk_forget(st);
	if (s != SR_OK)
		store_rollback(st);
	return s;
}

void store_bulk_over(struct store *st)
{
	if (st->fk_off && sqlite3_get_autocommit(st->db) &&
	    sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL,
			 NULL) == SQLITE_OK)
		st->fk_off = false;
}
