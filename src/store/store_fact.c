/* Dated facts (DESIGN §4): the facts a change of a stay writes, and the
 * states derived from them (timeline.h) kept in step, superseded rather
 * than rewritten, so the states as known at any time can be read again.
 * Every function here runs inside the caller's write transaction. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/store.h"
#include "sitrep/timeline.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_facts[] =
	"SELECT field, value, valid_from, id FROM stay_fact WHERE stay = ?1";
static const char sql_fact_add[] =
	"INSERT INTO stay_fact (stay, field, value, valid_from, recorded_at,"
	" recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_states[] =
	"SELECT id, site, admitted_at, valid_from, valid_to, last, ward, bed,"
	" edd, g2g_date, pathway, delay_reason, delay_agency, destination,"
	" edd_status"
	" FROM stay_state WHERE stay = ?1 AND superseded_at IS NULL"
	" ORDER BY valid_from";
static const char sql_state_add[] =
	"INSERT INTO stay_state (stay, site, admitted_at, valid_from,"
	" valid_to, last, ward, bed, edd, g2g_date, pathway, delay_reason,"
	" delay_agency, destination, edd_status, recorded_at, span)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	" ?14, ?15, ?16, " STORE_SQL_SPAN("?4", "?5") ")";
static const char sql_state_end[] =
	"UPDATE stay_state SET superseded_at = ?2 WHERE id = ?1";

enum {
	SLOT_FACTS = SLOT_FACT_FIRST,
	SLOT_FACT_ADD,
	SLOT_STATES,
	SLOT_STATE_ADD,
	SLOT_STATE_END,
};

/* The dated fields in the order of the state columns (ward .. destination
 * above): the columns 6 + i of sql_states, ?7 + i of sql_state_add. */
static const enum stay_field state_fields[] = {
	SF_WARD, SF_BED, SF_EDD, SF_G2G_DATE, SF_PATHWAY, SF_DELAY_REASON,
	SF_DELAY_AGENCY, SF_DESTINATION, SF_EDD_STATUS,
};
#define NSTATE_FIELDS ARRAY_SIZE(state_fields)

void store_fact_set_free(struct store_fact_set *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free((char *)fs->f[i].value);
		free((char *)fs->f[i].valid_from);
	}
	free(fs->f);
	memset(fs, 0, sizeof(*fs));
}

static void fact_push(struct store_fact_set *fs, enum stay_field field,
		      const char *value, const char *valid_from, int64_t seq)
{
	struct fact *f;

	fs->f = xgrow(fs->f, &fs->cap, fs->n + 1, sizeof(*fs->f));
	f = &fs->f[fs->n++];
	f->field = field;
	f->value = value ? xstrdup(value) : NULL;
	f->valid_from = xstrdup(valid_from);
	f->seq = seq;
	f->dated = NULL;
}

enum sr_status store_facts_load(struct store *st, int64_t stay,
				struct store_fact_set *fs, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_FACTS, sql_facts, err);
	int rc;

	memset(fs, 0, sizeof(*fs));
	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		enum stay_field f;

		if (!stay_field_parse((const char *)sqlite3_column_text(stmt,
									 0),
				      &f) || !stay_field_dated(f))
			continue; /* the table's CHECK allows none */
		fact_push(fs, f, (const char *)sqlite3_column_text(stmt, 1),
			  (const char *)sqlite3_column_text(stmt, 2),
			  sqlite3_column_int64(stmt, 3));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		store_fact_set_free(fs);
		return store_db_error(st, err, "cannot read the stay's facts");
	}
	return SR_OK;
}

/* The instant a change of s's dated fields takes effect: who->from, or
 * now; never before the admission; on a discharged stay, before the
 * discharge (a minute before it when later: the values it left with). */
static void effective_from(const struct stay *s, const struct store_actor *who,
			   char out[TIMELINE_INSTANT_BUF])
{
	char adm[TIMELINE_INSTANT_BUF], dis[TIMELINE_INSTANT_BUF];
	const char *from = who->from ? who->from : who->at;

	if (!timeline_instant(from, out))
		timeline_instant(who->at, out);
	if (!timeline_instant(s->v[SF_ADMITTED_AT], adm))
		return;
	if (strcmp(out, adm) < 0)
		memcpy(out, adm, sizeof(adm));
	if (s->v[SF_DISCHARGED_AT] &&
	    timeline_instant(s->v[SF_DISCHARGED_AT], dis) &&
	    strcmp(out, dis) >= 0) {
		sr_minute t;
		char buf[DATETIME_BUF];

		datetime_parse(dis, &t);
		datetime_format(t - 1, buf);
		timeline_instant(buf, out);
		if (strcmp(out, adm) < 0)
			memcpy(out, adm, sizeof(adm));
	}
}

static bool same(const char *a, const char *b)
{
	if (!a || !*a || !b || !*b)
		return (!a || !*a) && (!b || !*b);
	return strcmp(a, b) == 0;
}

const char *store_recorded_at(const struct store_actor *who,
			      const char *when)
{
	return who->recorded_when_true && when ? when : who->at;
}

static enum sr_status fact_add(struct store *st, int64_t stay,
			       enum stay_field f, const char *value,
			       const char *valid_from,
			       const struct store_actor *who, int64_t *seq,
			       struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_FACT_ADD, sql_fact_add, err);
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	store_bind_text(stmt, 2, stay_field_name(f));
	store_bind_text(stmt, 3, value);
	store_bind_text(stmt, 4, valid_from);
	store_bind_text(stmt, 5, store_recorded_at(who, valid_from));
	store_bind_text(stmt, 6, who->by);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot record a fact");
	*seq = sqlite3_last_insert_rowid(st->db);
	return SR_OK;
}

enum sr_status store_facts_write(struct store *st, const struct stay *old,
				 const struct stay *next,
				 const struct store_actor *who,
				 struct store_fact_set *fs, size_t *written,
				 struct sr_error *err)
{
	char at[TIMELINE_INSTANT_BUF], now[TIMELINE_INSTANT_BUF];
	char adm[TIMELINE_INSTANT_BUF];
	enum sr_status s = SR_OK;

	*written = 0;
	memset(fs, 0, sizeof(*fs));
	if (old && (s = store_facts_load(st, next->id, fs, err)) != SR_OK)
		return s;
	if (old) {
		struct store_actor w = *who;

		/* A change made now follows every fact the stay has, even
		 * one a clock ahead of this one dated later. */
		for (size_t i = 0; !who->from && i < fs->n; i++)
			if (strcmp(fs->f[i].valid_from, w.from ? w.from :
					   who->at) > 0)
				w.from = fs->f[i].valid_from;
		effective_from(next, &w, at);
	} else if (!timeline_instant(next->v[SF_ADMITTED_AT], at))
		return sr_fail(err, SR_EINVAL, "invalid admission time");
	memcpy(adm, at, sizeof(at));
	if (!timeline_instant(who->at, now))
		memcpy(now, at, sizeof(at));
	for (int i = 0; i < SF_COUNT && s == SR_OK; i++) {
		enum stay_field f = (enum stay_field)i;
		const char *v = next->v[f], *was;
		int64_t seq = 0;

		if (!stay_field_dated(f)) {
			/* The other fields' audit rows, in field order with
			 * the facts'. */
			if (old && !store_bulk_loading(st) &&
			    !same(old->v[f], v))
				s = store_audit_add(st, next->id,
						    stay_field_name(f),
						    old->v[f], v, who, err);
			continue;
		}
		if (!old) {
			was = NULL;
			/* A load of history: the value from when it was
			 * taken. */
			memcpy(at, adm, sizeof(at));
			if (who->since && who->since[f]) {
				struct store_actor w = {.at = who->at,
							.from = who->since[f]};

				effective_from(next, &w, at);
			}
		} else if (who->from && who->touched) {
			if (!(who->touched & (1u << f)))
				continue;
			was = timeline_value_at(fs->f, fs->n, f, at);
		} else {
			if (same(old->v[f], v))
				continue;
			was = timeline_value_at(fs->f, fs->n, f, at);
		}
		if (same(was, v))
			continue;
		if (v && !*v)
			v = NULL;
		s = fact_add(st, next->id, f, v, at, who, &seq, err);
		if (s != SR_OK)
			break;
		fact_push(fs, f, v, at, seq);
		(*written)++;
		if (!old || store_bulk_loading(st))
			continue;
		/* A change dated by the user says so in the trail. */
		if (!who->from || strcmp(at, now) == 0) {
			s = store_audit_add(st, next->id, stay_field_name(f), was,
					    v, who, err);
		} else {
			char *field = xasprintf("%s from %.16s",
						stay_field_name(f), at);

			field[strlen(field) - 6] = ' ';
			s = store_audit_add(st, next->id, field, was, v, who,
					    err);
			free(field);
		}
	}
	if (s != SR_OK)
		store_fact_set_free(fs);
	return s;
}

/* ---- states ---- */

struct state_row {
	int64_t id;
	char *site, *admitted_at, *from, *to;
	bool last;
	char *v[NSTATE_FIELDS];
	bool keep;
};

static void state_rows_free(struct state_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].site);
		free(r[i].admitted_at);
		free(r[i].from);
		free(r[i].to);
		for (size_t k = 0; k < NSTATE_FIELDS; k++)
			free(r[i].v[k]);
	}
	free(r);
}

static bool span_matches(const struct state_row *r, const struct stay *s,
			 const struct stay_span *sp)
{
	if (!same(r->site, s->v[SF_SITE]) ||
	    !same(r->admitted_at, s->v[SF_ADMITTED_AT]) ||
	    !same(r->from, sp->from) || !same(r->to, sp->to) ||
	    r->last != sp->last)
		return false;
	for (size_t k = 0; k < NSTATE_FIELDS; k++)
		if (!same(r->v[k], sp->v[state_fields[k]]))
			return false;
	return true;
}

static enum sr_status states_load(struct store *st, int64_t stay,
				  struct state_row **out, size_t *n,
				  struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_STATES, sql_states, err);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct state_row *r;

		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(stmt, 0);
		r->site = store_column_dup(stmt, 1);
		r->admitted_at = store_column_dup(stmt, 2);
		r->from = store_column_dup(stmt, 3);
		r->to = store_column_dup(stmt, 4);
		r->last = sqlite3_column_int(stmt, 5);
		for (size_t k = 0; k < NSTATE_FIELDS; k++)
			r->v[k] = store_column_dup(stmt, 6 + (int)k);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		state_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_db_error(st, err, "cannot read the stay's states");
	}
	return SR_OK;
}

static enum sr_status state_add(struct store *st, const struct stay *s,
				const struct stay_span *sp, const char *at,
				struct sr_error *err)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_STATE_ADD, sql_state_add,
					  err);
	int rc;

	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, s->id);
	store_bind_text(stmt, 2, s->v[SF_SITE]);
	store_bind_text(stmt, 3, s->v[SF_ADMITTED_AT]);
	store_bind_text(stmt, 4, sp->from);
	store_bind_text(stmt, 5, sp->to);
	sqlite3_bind_int(stmt, 6, sp->last);
	for (size_t k = 0; k < NSTATE_FIELDS; k++) {
		const char *v = sp->v[state_fields[k]];

		if (state_fields[k] == SF_PATHWAY && v && *v)
			sqlite3_bind_int(stmt, 7 + (int)k, atoi(v));
		else
			store_bind_text(stmt, 7 + (int)k, v);
	}
	store_bind_text(stmt, 7 + (int)NSTATE_FIELDS, at ? at : sp->from);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot record a state");
	return SR_OK;
}

/* The stay's ends as instants, for the time line. */
static bool stay_ends(const struct stay *s, char adm[TIMELINE_INSTANT_BUF],
		      char dis[TIMELINE_INSTANT_BUF], bool *discharged)
{
	*discharged = s->v[SF_DISCHARGED_AT] && *s->v[SF_DISCHARGED_AT];
	if (!timeline_instant(s->v[SF_ADMITTED_AT], adm))
		return false;
	return !*discharged || timeline_instant(s->v[SF_DISCHARGED_AT], dis);
}

size_t store_spans(const struct stay *s, struct store_fact_set *fs,
		   struct stay_span **spans,
		   char adm[TIMELINE_INSTANT_BUF], char dis[TIMELINE_INSTANT_BUF],
		   char cut[TIMELINE_INSTANT_BUF])
{
	bool discharged;

	struct fact *f;
	size_t n;

	*spans = xcalloc(fs->n + 1, sizeof(**spans));
	if (!stay_ends(s, adm, dis, &discharged))
		return 0;
	/* Folding and sorting work on a copy: fs keeps its strings. */
	f = xcalloc(fs->n + 1, sizeof(*f));
	if (fs->n)
		memcpy(f, fs->f, fs->n * sizeof(*f));
	if (discharged)
		timeline_fold_after(adm, dis, f, fs->n, cut);
	n = timeline_derive(adm, discharged ? dis : NULL, f, fs->n, *spans);
	free(f);
	return n;
}

void store_cache_from_spans(struct stay *s, const struct stay_span *sp,
			    size_t n)
{
	if (n == 0)
		return;
	for (size_t k = 0; k < NSTATE_FIELDS; k++)
		stay_set(s, state_fields[k], sp[n - 1].v[state_fields[k]]);
}

enum sr_status store_states_write(struct store *st, const struct stay *s,
				  bool new_stay, const struct stay_span *sp,
				  size_t n, const char *at, struct sr_error *err)
{
	struct state_row *rows = NULL;
	size_t nrows = 0;
	enum sr_status r = SR_OK;
	bool *have = xcalloc(n + 1, sizeof(*have));

	if (!new_stay && !store_bulk_loading(st))
		r = states_load(st, s->id, &rows, &nrows, err);
	for (size_t i = 0; i < nrows && r == SR_OK; i++) {
		for (size_t j = 0; j < n; j++)
			if (!have[j] && span_matches(&rows[i], s, &sp[j])) {
				have[j] = rows[i].keep = true;
				break;
			}
		if (!rows[i].keep) {
			sqlite3_stmt *stmt = store_cached(st, SLOT_STATE_END,
							  sql_state_end, err);
			int rc;

			if (!stmt) {
				r = SR_EDB;
				break;
			}
			sqlite3_bind_int64(stmt, 1, rows[i].id);
			store_bind_text(stmt, 2, at);
			rc = sqlite3_step(stmt);
			sqlite3_reset(stmt);
			if (rc != SQLITE_DONE)
				r = store_db_error(st, err,
						   "cannot supersede a state");
		}
	}
	for (size_t j = 0; j < n && r == SR_OK; j++)
		if (!have[j])
			r = state_add(st, s, &sp[j], at, err);
	state_rows_free(rows, nrows);
	free(have);
	return r;
}
