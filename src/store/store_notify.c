/* Notifications (issue 16, sitrep watch): the value last seen of each
 * subject, the notifications queued from its changes, their claims by a
 * watcher and every attempt with its outcome. Comparing and queueing run
 * in one write transaction, so two watchers at once queue a change once;
 * a claim is taken in a write transaction too, so one watcher runs it. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_seen_get[] =
	"SELECT value FROM notify_seen WHERE subject = ?1";
static const char sql_seen_put[] =
	"INSERT INTO notify_seen (subject, value, since) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (subject) DO UPDATE SET value = excluded.value,"
	" since = excluded.since";
static const char sql_queue[] =
	"INSERT INTO notification (subject, command, payload, created_at,"
	" state, attempts, next_at) VALUES (?1, ?2, ?3, ?4, 'pending', 0, ?4)";
/* The oldest due: pending or failed with a retry due, or a claim gone
 * stale. */
static const char sql_due[] =
	"SELECT id, subject, command, payload, attempts, state"
	" FROM notification"
	" WHERE (state IN ('pending', 'failed') AND next_at IS NOT NULL"
	"  AND next_at <= ?1)"
	" OR (state = 'running' AND claimed_at <= ?2)"
	" ORDER BY id LIMIT 1";
static const char sql_claim[] =
	"UPDATE notification SET state = 'running', attempts = attempts + 1,"
	" claimed_by = ?2, claimed_at = ?3 WHERE id = ?1";
static const char sql_give_up[] =
	"UPDATE notification SET state = 'failed', next_at = NULL"
	" WHERE id = ?1";
static const char sql_attempt[] =
	"INSERT INTO notification_attempt (notification, at, exit_status,"
	" outcome) VALUES (?1, ?2, ?3, ?4)";
static const char sql_finish[] =
	"UPDATE notification SET state = ?2, next_at = ?3"
	" WHERE id = ?1 AND state = 'running' AND claimed_by = ?4"
	" AND claimed_at = ?5";
static const char sql_history[] =
	"SELECT n.id, n.subject, n.command, n.created_at, n.state, n.next_at,"
	" n.attempts, a.at, a.exit_status, a.outcome"
	" FROM notification n"
	" LEFT JOIN notification_attempt a ON a.notification = n.id"
	" WHERE ?1 <= 0 OR n.id IN (SELECT id FROM notification"
	"  ORDER BY id DESC LIMIT ?1)"
	" ORDER BY n.id, a.id";
static const char sql_seen_all[] =
	"SELECT subject, value, since FROM notify_seen ORDER BY subject";

/* Runs a prepared statement that returns no row, then finalizes it. */
static enum sr_status step_done(struct store *st, sqlite3_stmt *stmt,
				struct sr_error *err, const char *what)
{
	int rc = sqlite3_step(stmt);

	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, what);
	return SR_OK;
}

/* The value last seen of subject: *old newly allocated, NULL if never. */
static enum sr_status seen_get(struct store *st, const char *subject,
			       char **old, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_seen_get, err);
	int rc;

	*old = NULL;
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, subject);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*old = store_column_dup(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the values seen");
	return SR_OK;
}

static enum sr_status seen_put(struct store *st, const char *subject,
			       const char *value, const char *now,
			       struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_seen_put, err);

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, subject);
	store_bind_text(stmt, 2, value);
	store_bind_text(stmt, 3, now);
	return step_done(st, stmt, err, "cannot record a value seen");
}

static enum sr_status queue(struct store *st, const char *subject,
			    const char *command, const char *payload,
			    const char *now, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_queue, err);

	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, subject);
	store_bind_text(stmt, 2, command);
	store_bind_text(stmt, 3, payload);
	store_bind_text(stmt, 4, now);
	return step_done(st, stmt, err, "cannot queue a notification");
}

enum sr_status store_notify_compare(struct store *st,
				    const struct store_notify_subject *s,
				    size_t n, const char *now,
				    store_notify_doc_fn doc, void *ctx,
				    struct store_notify_counts *out,
				    struct sr_error *err)
{
	enum sr_status r = SR_OK;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n && r == SR_OK; i++) {
		char *old = NULL, *payload = NULL;

		if ((r = seen_get(st, s[i].subject, &old, err)) != SR_OK)
			break;
		if (old && strcmp(old, s[i].value) == 0) {
			free(old);
			continue;
		}
		r = seen_put(st, s[i].subject, s[i].value, now, err);
		if (!old) {
			out->first_seen++;
			continue;
		}
		out->changed++;
		if (r == SR_OK && s[i].ncommands)
			payload = doc(ctx, i, old);
		for (size_t c = 0; payload && c < s[i].ncommands &&
				   r == SR_OK; c++) {
			r = queue(st, s[i].subject, s[i].commands[c], payload,
				  now, err);
			out->queued += r == SR_OK;
		}
		free(payload);
		free(old);
	}
	return r;
}

void store_notify_job_clear(struct store_notify_job *job)
{
	free(job->subject);
	free(job->command);
	free(job->payload);
	memset(job, 0, sizeof(*job));
}

static enum sr_status attempt_add(struct store *st, int64_t id,
				  const char *at, int exit_status,
				  const char *outcome, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_attempt, err);

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, at);
	if (exit_status >= 0)
		sqlite3_bind_int(stmt, 3, exit_status);
	else
		sqlite3_bind_null(stmt, 3);
	store_bind_text(stmt, 4, outcome);
	return step_done(st, stmt, err, "cannot record an attempt");
}

static enum sr_status by_id(struct store *st, const char *sql, int64_t id,
			    struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, id);
	return step_done(st, stmt, err, "cannot update a notification");
}

/* In the transaction: the oldest due into job (*found), or none. A stale
 * claim is recorded as abandoned; *gave_up when no attempt is left for
 * it (then the caller looks for the next one). */
static enum sr_status find_due(struct store *st, const char *now,
			       const char *stale_before, int max_attempts,
			       struct store_notify_job *job, bool *found,
			       bool *gave_up, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_due, err);
	enum sr_status r = SR_OK;
	bool stale = false;
	int rc;

	*found = *gave_up = false;
	if (!stmt)
		return SR_EDB;
	store_bind_text(stmt, 1, now);
	store_bind_text(stmt, 2, stale_before);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		job->id = sqlite3_column_int64(stmt, 0);
		job->subject = store_column_dup(stmt, 1);
		job->command = store_column_dup(stmt, 2);
		job->payload = store_column_dup(stmt, 3);
		job->attempt = sqlite3_column_int(stmt, 4) + 1;
		stale = strcmp((const char *)sqlite3_column_text(stmt, 5),
			       "running") == 0;
		*found = true;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read notifications");
	if (!*found || !stale)
		return SR_OK;
	r = attempt_add(st, job->id, now, -1, "abandoned: the watcher that "
			"claimed it stopped without an outcome", err);
	if (r == SR_OK && job->attempt > max_attempts) {
		*gave_up = true;
		r = by_id(st, sql_give_up, job->id, err);
	}
	return r;
}

enum sr_status store_notify_claim(struct store *st, const char *now,
				  const char *stale_before,
				  const char *claimer, int max_attempts,
				  struct store_notify_job *job, bool *found,
				  struct sr_error *err)
{
	enum sr_status r;
	bool gave_up = true;
	sqlite3_stmt *stmt;

	memset(job, 0, sizeof(*job));
	*found = false;
	if ((r = store_begin(st, err)) != SR_OK)
		return r;
	while (r == SR_OK && gave_up) {
		store_notify_job_clear(job);
		r = find_due(st, now, stale_before, max_attempts, job, found,
			     &gave_up, err);
	}
	if (r == SR_OK && *found) {
		if (!(stmt = store_prepare(st, sql_claim, err))) {
			r = SR_EDB;
		} else {
			sqlite3_bind_int64(stmt, 1, job->id);
			store_bind_text(stmt, 2, claimer);
			store_bind_text(stmt, 3, now);
			r = step_done(st, stmt, err, "cannot claim a "
				      "notification");
		}
		strlcpy_ok(job->claimed_at, now, sizeof(job->claimed_at));
	}
	if (r == SR_OK)
		r = store_commit(st, err);
	else
		store_rollback(st);
	if (r != SR_OK || !*found) {
		store_notify_job_clear(job);
		*found = false;
	}
	return r;
}

enum sr_status store_notify_finish(struct store *st,
				   const struct store_notify_job *job,
				   const char *claimer, const char *at,
				   int exit_status, const char *outcome,
				   const char *state, const char *next_at,
				   bool *kept, struct sr_error *err)
{
	enum sr_status r;
	sqlite3_stmt *stmt;

	*kept = false;
	if ((r = store_begin(st, err)) != SR_OK)
		return r;
	r = attempt_add(st, job->id, at, exit_status, outcome, err);
	if (r == SR_OK && !(stmt = store_prepare(st, sql_finish, err)))
		r = SR_EDB;
	if (r == SR_OK) {
		sqlite3_bind_int64(stmt, 1, job->id);
		store_bind_text(stmt, 2, state);
		store_bind_text(stmt, 3, next_at);
		store_bind_text(stmt, 4, claimer);
		store_bind_text(stmt, 5, job->claimed_at);
		r = step_done(st, stmt, err, "cannot record an outcome");
		*kept = r == SR_OK && sqlite3_changes(st->db) > 0;
	}
	if (r == SR_OK)
		return store_commit(st, err);
	store_rollback(st);
	return r;
}

static const char *column(sqlite3_stmt *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

enum sr_status store_notify_history(struct store *st, long limit,
				    bool (*fn)(void *ctx,
					       const struct store_notify_row *r),
				    void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_history, err);
	struct store_notify_row row;
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		row.id = sqlite3_column_int64(stmt, 0);
		row.subject = column(stmt, 1);
		row.command = column(stmt, 2);
		row.created_at = column(stmt, 3);
		row.state = column(stmt, 4);
		row.next_at = column(stmt, 5);
		row.attempts = sqlite3_column_int(stmt, 6);
		row.at = column(stmt, 7);
		row.exit_status = sqlite3_column_type(stmt, 8) == SQLITE_NULL ?
				  -1 : sqlite3_column_int(stmt, 8);
		row.outcome = column(stmt, 9);
		if (!fn(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read notifications");
	return SR_OK;
}

enum sr_status store_notify_seen(struct store *st,
				 void (*fn)(void *ctx, const char *subject,
					    const char *value,
					    const char *since),
				 void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_seen_all, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(ctx, column(stmt, 0), column(stmt, 1), column(stmt, 2));
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the values seen");
	return SR_OK;
}
