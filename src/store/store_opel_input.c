/* OPEL inputs (issue 16): the 2024-26 parameters sitrep cannot compute
 * (ED, ambulance figures) as entered, each with the time it was measured
 * and who recorded it when (migration 17's opel_input; append-only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_add[] =
	"INSERT INTO opel_input (site, parameter, value, at, recorded_at,"
	" recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
/* Per (site, parameter) the latest input with at <= ?1 recorded by ?2
 * (NULL: any time): a seek down opel_input_at(site, parameter, at) for each
 * pair, the rowid (the order of recording) breaking a tie on at. */
static const char sql_in_force[] =
	"SELECT i.id, i.site, i.parameter, i.value, i.at, i.recorded_at,"
	" i.recorded_by"
	" FROM (SELECT DISTINCT site, parameter FROM opel_input) p"
	" JOIN opel_input i ON i.id ="
	"  (SELECT j.id FROM opel_input j"
	"   WHERE j.site = p.site AND j.parameter = p.parameter"
	"   AND j.at <= ?1 AND (?2 IS NULL OR j.recorded_at <= ?2)"
	"   ORDER BY j.at DESC, j.id DESC LIMIT 1)"
	" ORDER BY i.site, i.parameter";
static const char sql_history[] =
	"SELECT id, site, parameter, value, at, recorded_at, recorded_by"
	" FROM opel_input WHERE ?1 IS NULL OR site = ?1"
	" ORDER BY at, id";

enum sr_status store_opel_input_add(struct store *st,
				    const struct opel_input *in,
				    const struct store_actor *who,
				    int64_t *id, struct sr_error *err)
{
	char field[128], what[96];
	sqlite3_stmt *stmt;
	enum sr_status s;
	int64_t row;
	int rc;

	if ((s = store_begin(st, err)) != SR_OK)
		return s;
	if (!(stmt = store_prepare(st, sql_add, err))) {
		store_rollback(st);
		return SR_EDB;
	}
	store_bind_text(stmt, 1, in->site);
	store_bind_text(stmt, 2, in->parameter);
	sqlite3_bind_double(stmt, 3, in->value);
	store_bind_text(stmt, 4, in->at);
	store_bind_text(stmt, 5, who->at);
	store_bind_text(stmt, 6, who->by);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		s = store_db_error(st, err, "cannot save the OPEL input");
		store_rollback(st);
		return s;
	}
	row = sqlite3_last_insert_rowid(st->db);
	if (id)
		*id = row;
	snprintf(field, sizeof(field), "opel %s %s #%lld",
		 strcmp(in->site, STORE_SYSTEM) ? in->site : "system",
		 in->parameter, (long long)row);
	snprintf(what, sizeof(what), "%.15g at %s", in->value, in->at);
	if ((s = store_audit_add(st, 0, field, NULL, what, who, err)) != SR_OK) {
		store_rollback(st);
		return s;
	}
	return store_commit(st, err);
}

static void read_input(sqlite3_stmt *stmt, struct opel_input *in)
{
	in->id = sqlite3_column_int64(stmt, 0);
	in->site = (const char *)sqlite3_column_text(stmt, 1);
	in->parameter = (const char *)sqlite3_column_text(stmt, 2);
	in->value = sqlite3_column_double(stmt, 3);
	in->at = (const char *)sqlite3_column_text(stmt, 4);
	in->recorded_at = (const char *)sqlite3_column_text(stmt, 5);
	in->recorded_by = (const char *)sqlite3_column_text(stmt, 6);
}

enum sr_status store_opel_inputs_in_force(struct store *st, const char *at,
					  const char *known,
					  void (*fn)(void *ctx,
						     const struct opel_input *in),
					  void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_in_force, err);
	struct opel_input in;
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, at);
	store_bind_text(stmt, 2, known);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_input(stmt, &in);
		fn(ctx, &in);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the OPEL inputs");
	return SR_OK;
}

enum sr_status store_opel_input_history(struct store *st, const char *site,
					bool (*fn)(void *ctx,
						   const struct opel_input *in),
					void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_history, err);
	struct opel_input in;
	int rc;

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, site);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_input(stmt, &in);
		if (!fn(ctx, &in)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the OPEL inputs");
	return SR_OK;
}
