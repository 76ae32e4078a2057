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
	" WHERE tbl_name IN ('stay', 'day_mark')"
	" AND type IN ('index', 'trigger') AND sql IS NOT NULL"
	" ORDER BY type = 'trigger', name";

enum sr_status store_bulk_begin(struct store *st, struct sr_error *err)
{
	sqlite3_stmt *stmt;
	char **drop = NULL;
	size_t cap = 0, n = 0;
	enum sr_status s = SR_OK;
	int rc;

	if (sqlite3_get_autocommit(st->db) || st->nbulk)
		return sr_fail(err, SR_EINVAL, "a bulk load runs inside one "
			       "write transaction, once");
	if (store_has_rows(st, "stay") != 0)
		return sr_fail(err, SR_EINVAL, "%s: a bulk load needs a "
			       "database without stays", st->path);
	if (!(stmt = store_prepare(st, sql_bulk_schema, err)))
		return SR_EDB;
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

enum sr_status store_bulk_end(struct store *st,
			      void (*progress)(double done, void *ctx),
			      void *ctx, struct sr_error *err)
{
	enum sr_status s = SR_OK;
	double steps = (double)st->nbulk + 1;

	for (size_t i = 0; i < st->nbulk && s == SR_OK; i++) {
		s = store_exec(st, st->bulk_sql[i], err);
		if (progress)
			progress((double)(i + 1) / steps, ctx);
	}
	if (s == SR_OK)
		s = store_exec(st, store_sql_totals_rebuild, err);
	if (s == SR_OK && progress)
		progress(1.0, ctx);
	store_bulk_forget(st);
	if (s != SR_OK)
		store_rollback(st);
	return s;
}
