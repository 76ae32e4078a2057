/* The history of one stay (DESIGN §4): its admission, the facts of its
 * dated fields, its red and green marks as recorded, and the audit rows of
 * its other fields, merged into one time line. A stay has tens of events,
 * not thousands: they are read whole, sorted, then handed out. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
#include "sitrep/timeline.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_stay[] =
	"SELECT admitted_at FROM stay WHERE id = ?1";
static const char sql_audit[] =
	"SELECT id, at, by, field, old, new FROM audit WHERE stay = ?1"
	" ORDER BY at, id";
static const char sql_facts[] =
	"SELECT id, field, value, valid_from, recorded_at, recorded_by"
	" FROM stay_fact WHERE stay = ?1 ORDER BY valid_from, id";
/* Every (stay, day) ever marked keeps one row not superseded (a removed
 * mark is a row without a colour): those days, through the log's partial
 * index, then every row of them through its index by day. */
static const char sql_marks[] =
	"SELECT id, day, colour, reason, recorded_at, recorded_by"
	" FROM day_mark_log WHERE stay = ?1 AND day IN (SELECT day"
	"  FROM day_mark_log WHERE stay = ?1 AND superseded_at IS NULL)"
	" ORDER BY day, id";

/* One event and the strings it owns. */
struct event {
	struct history_event e;
	char key[TIMELINE_INSTANT_BUF]; /* where it sits on the time line */
	size_t order;                   /* as read: ties stay in it */
	char *own[6];
};

struct events {
	struct event *v;
	size_t n, cap;
	/* The admission's record: the stay's values recorded with it are
	 * what it was admitted with, not corrections of the past. */
	char adm[TIMELINE_INSTANT_BUF];
	char *adm_at, *adm_by, *adm_how;
	/* Each discharge recorded (its audit row): the dated values it
	 * left with are recorded with it, from the minute before it. */
	struct discharge {
		char at[TIMELINE_INSTANT_BUF], last[TIMELINE_INSTANT_BUF];
		bool backdated;
	} *dis;
	size_t ndis, dis_cap;
};

static void events_free(struct events *es)
{
	for (size_t i = 0; i < es->n; i++)
		for (size_t k = 0; k < ARRAY_SIZE(es->v[i].own); k++)
			free(es->v[i].own[k]);
	free(es->v);
	free(es->adm_at);
	free(es->adm_by);
	free(es->adm_how);
	free(es->dis);
}

/* Whether instant t is before the minute of recorded (both instants, or
 * recorded a time to the minute): a value made true earlier than it was
 * entered. */
static bool before_minute(const char *t, const char *recorded)
{
	char r[TIMELINE_INSTANT_BUF];

	if (!recorded || !timeline_instant(recorded, r))
		return false;
	r[17] = r[18] = '0';
	return strcmp(t, r) < 0;
}

/* Notes a discharge at instant key recorded at at. */
static void discharge_add(struct events *es, const char *key, const char *at,
			  bool backdated)
{
	struct discharge *d;
	char buf[DATETIME_BUF];
	sr_minute t;

	if (!datetime_parse(key, &t) || strlen(at) >= sizeof(d->at))
		return;
	es->dis = xgrow(es->dis, &es->dis_cap, es->ndis + 1, sizeof(*es->dis));
	d = &es->dis[es->ndis++];
	strlcpy_ok(d->at, at, sizeof(d->at));
	datetime_format(t - 1, buf);
	timeline_instant(buf, d->last);
	d->backdated = backdated;
}

/* A fact is backdated when it became true before the minute it was
 * recorded, but not what the stay was recorded with, nor the value it
 * left with, set with its discharge (the store dates that from the minute
 * before the discharge): that is as backdated as the discharge is. */
static bool fact_backdated(const struct events *es, const char *key,
			   const char *at)
{
	if (es->adm_at && strcmp(at, es->adm_at) == 0)
		return false;
	for (size_t i = 0; i < es->ndis; i++)
		if (strcmp(es->dis[i].at, at) == 0 &&
		    strcmp(es->dis[i].last, key) == 0)
			return es->dis[i].backdated;
	return before_minute(key, at);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Adds an event; the strings are copied. */
static struct event *event_add(struct events *es, enum history_kind kind,
			       const char *field, const char *valid_from,
			       const char *key, const char *recorded_at,
			       const char *recorded_by, const char *old_value,
			       const char *new_value)
{
	struct event *ev;

	es->v = xgrow(es->v, &es->cap, es->n + 1, sizeof(*es->v));
	ev = &es->v[es->n];
	memset(ev, 0, sizeof(*ev));
	ev->order = es->n++;
	ev->own[0] = xstrdup(field);
	ev->own[1] = xstrdup(valid_from);
	ev->own[2] = dup_or_null(recorded_at);
	ev->own[3] = dup_or_null(recorded_by);
	ev->own[4] = dup_or_null(old_value);
	ev->own[5] = dup_or_null(new_value);
	ev->e = (struct history_event){
		.kind = kind,
		.field = ev->own[0],
		.valid_from = ev->own[1],
		.recorded_at = ev->own[2],
		.recorded_by = ev->own[3],
		.old_value = ev->own[4],
		.new_value = ev->own[5],
	};
	strlcpy_ok(ev->key, key, sizeof(ev->key));
	return ev;
}

static const char *col(sqlite3_stmt *stmt, int c)
{
	return (const char *)sqlite3_column_text(stmt, c);
}

/* The admission (from the stay and its first audit row), then the audit
 * rows of the fields that have no facts. */
static enum sr_status read_audit(struct store *st, int64_t stay,
				 struct events *es, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_audit, err);
	bool first = true;
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *at = col(stmt, 1), *field = col(stmt, 3);
		const char *old = col(stmt, 4), *nv = col(stmt, 5);
		const char *from = strstr(field, " from ");
		char key[TIMELINE_INSTANT_BUF], name[32];
		enum stay_field f;
		struct event *ev;

		if (first) {
			first = false;
			es->adm_at = dup_or_null(at);
			es->adm_by = dup_or_null(col(stmt, 2));
			if (strcmp(field, "stay") == 0) {
				es->adm_how = dup_or_null(nv);
				continue;
			}
		}
		/* The dated fields' changes are their facts; a day's mark
		 * is in the log; "NAME from ..." is a dated change made
		 * for an earlier time. */
		if (strncmp(field, "day ", 4) == 0 ||
		    (stay_field_parse(field, &f) && stay_field_dated(f)))
			continue;
		if (from && (size_t)(from - field) < sizeof(name)) {
			memcpy(name, field, (size_t)(from - field));
			name[from - field] = '\0';
			if (stay_field_parse(name, &f) && stay_field_dated(f))
				continue;
		}
		if (!timeline_instant(at, key))
			continue;
		/* A discharge became true when it happened, which may be
		 * before it was entered. */
		if (strcmp(field, "discharged_at") == 0 && nv &&
		    !timeline_instant(nv, key))
			timeline_instant(at, key);
		ev = event_add(es, HISTORY_CHANGE, field, key, key, at,
			       col(stmt, 2), old, nv);
		ev->e.backdated = before_minute(key, at);
		if (strcmp(field, "discharged_at") == 0 && nv)
			discharge_add(es, key, at, ev->e.backdated);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the stay's history");
	return SR_OK;
}

/* The facts, each with the value of its field just before it (the fact
 * before it of that field, in the order the time line has them). */
static enum sr_status read_facts(struct store *st, int64_t stay,
				 struct events *es, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_facts, err);
	char *last[SF_COUNT] = {0};
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *field = col(stmt, 1), *value = col(stmt, 2);
		const char *from = col(stmt, 3), *at = col(stmt, 4);
		char key[TIMELINE_INSTANT_BUF];
		enum stay_field f;
		struct event *ev;

		if (!stay_field_parse(field, &f) ||
		    !timeline_instant(from, key))
			continue;
		ev = event_add(es, HISTORY_FACT, field, key, key, at,
			       col(stmt, 5), last[f], value);
		ev->e.backdated = fact_backdated(es, key, at);
		free(last[f]);
		last[f] = dup_or_null(value);
	}
	sqlite3_finalize(stmt);
	for (size_t f = 0; f < ARRAY_SIZE(last); f++)
		free(last[f]);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the stay's facts");
	return SR_OK;
}

/* "red: awaiting test", "green", or NULL: as the audit trail has it. */
static char *mark_text(const char *colour, const char *reason)
{
	if (!colour)
		return NULL;
	if (reason && *reason)
		return xasprintf("%s: %s", colour, reason);
	return xstrdup(colour);
}

/* The marks: a day's sits on the time line when it was recorded that
 * day, or at the day's end when recorded later. */
static enum sr_status read_marks(struct store *st, int64_t stay,
				 struct events *es, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_marks, err);
	char *prev = NULL, prev_day[DATE_BUF] = "";
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	sqlite3_bind_int64(stmt, 2, stay);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *day = col(stmt, 1), *at = col(stmt, 4);
		char key[TIMELINE_INSTANT_BUF], rec[TIMELINE_INSTANT_BUF];
		char *text = mark_text(col(stmt, 2), col(stmt, 3));
		struct event *ev;

		if (!day || strlen(day) != 10 || !timeline_instant(day, key)) {
			free(text);
			continue;
		}
		if (strcmp(day, prev_day) != 0) {
			free(prev);
			prev = NULL;
			strlcpy_ok(prev_day, day, sizeof(prev_day));
		}
		if (at && timeline_instant(at, rec) &&
		    strncmp(rec, day, 10) == 0)
			memcpy(key, rec, sizeof(key));
		else if (at && strncmp(at, day, 10) > 0)
			memcpy(key + 10, "T23:59:59", 10);
		ev = event_add(es, HISTORY_MARK, "day", day, key, at,
			       col(stmt, 5), prev, text);
		ev->e.backdated = at && strncmp(day, at, 10) < 0;
		free(prev);
		prev = text;
	}
	free(prev);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the stay's marks");
	return SR_OK;
}

/* Of one edit: the facts, then the other fields, then the day's mark. */
static int rank(enum history_kind k)
{
	return k == HISTORY_FACT ? 0 : k == HISTORY_CHANGE ? 1 : 2;
}

/* Time-line order: where the event sits, the admission before all else
 * at its instant, then when it was recorded, then by kind (rank), then
 * as read. */
static int by_time_line(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	if ((x->e.kind == HISTORY_ADMITTED) != (y->e.kind == HISTORY_ADMITTED))
		return x->e.kind == HISTORY_ADMITTED ? -1 : 1;
	c = strcmp(x->e.recorded_at ? x->e.recorded_at : "",
		   y->e.recorded_at ? y->e.recorded_at : "");
	if (c)
		return c;
	if (rank(x->e.kind) != rank(y->e.kind))
		return rank(x->e.kind) < rank(y->e.kind) ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

enum sr_status store_stay_history(struct store *st, int64_t stay,
				  bool (*fn)(void *ctx,
					     const struct history_event *e),
				  void *ctx, struct sr_error *err)
{
	struct events es = {0};
	sqlite3_stmt *stmt;
	enum sr_status s;
	int rc;

	if ((s = store_read_begin(st, err)) != SR_OK)
		return s;
	if (!(stmt = store_prepare(st, sql_stay, err))) {
		store_read_end(st);
		return SR_EDB;
	}
	sqlite3_bind_int64(stmt, 1, stay);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && !timeline_instant(col(stmt, 0), es.adm))
		es.adm[0] = '\0';
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		s = sr_fail(err, SR_ENOTFOUND, "no stay %lld", (long long)stay);
	else if (rc != SQLITE_ROW)
		s = store_db_error(st, err, "cannot read the stay");
	if (s == SR_OK)
		s = read_audit(st, stay, &es, err);
	if (s == SR_OK && es.adm[0]) {
		struct event *ev = event_add(&es, HISTORY_ADMITTED, "stay",
					     es.adm, es.adm,
					     es.adm_at ? es.adm_at : es.adm,
					     es.adm_by, NULL,
					     es.adm_how ? es.adm_how :
							  "admitted");

		ev->e.backdated = false;
	}
	if (s == SR_OK)
		s = read_facts(st, stay, &es, err);
	if (s == SR_OK)
		s = read_marks(st, stay, &es, err);
	store_read_end(st);
	if (s == SR_OK && es.n)
		qsort(es.v, es.n, sizeof(*es.v), by_time_line);
	for (size_t i = 0; s == SR_OK && i < es.n; i++)
		if (!fn(ctx, &es.v[i].e))
			break;
	events_free(&es);
	return s;
}
