/* Blockers as users change them (include/sitrep/edit.h): each value
 * checked here for both front ends, then saved in one transaction by the
 * store, which keeps the stay's delay reason following its blockers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/edit.h"
#include "sitrep/util.h"

static struct store_actor who_of(const struct edit_ctx *ctx)
{
	struct store_actor who = {.by = ctx->by, .at = ctx->at};

	return who;
}

/* A typed code for a message: printable ASCII of at most 16 bytes, else
 * nothing is shown. */
static const char *shown(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 16)
		return "";
	for (size_t i = 0; i < n; i++)
		if (!isprint((unsigned char)s[i]) || s[i] == '\'')
			return "";
	return s;
}

static bool given(const char *s)
{
	return s && *s;
}

/* The instant a change holds from: from as typed, "" meaning now; not
 * before the stay's admission, nor at or after its discharge. */
static enum sr_status when(const struct edit_ctx *ctx, const struct stay *s,
			   const char *in, char out[20],
			   struct sr_error *err)
{
	char adm[20] = "", dis[20] = "";
	enum sr_status st = edit_from(ctx, in, out, err);

	if (st != SR_OK)
		return st;
	if (!*out)
		strlcpy_ok(out, ctx->at, 20);
	snprintf(adm, sizeof(adm), "%.16s", s->v[SF_ADMITTED_AT]);
	if (strncmp(out, adm, 16) < 0)
		return sr_fail(err, SR_EINVAL,
			       "from: %.16s is before the admission (%s)", out,
			       adm);
	if (s->v[SF_DISCHARGED_AT]) {
		snprintf(dis, sizeof(dis), "%.16s", s->v[SF_DISCHARGED_AT]);
		if (strncmp(out, dis, 16) >= 0)
			return sr_fail(err, SR_EINVAL,
				       "the patient was discharged at %s: a "
				       "blocker is for a patient in a bed",
				       dis);
	}
	return SR_OK;
}

static enum sr_status check_owner(const struct edit_ctx *ctx, const char *in,
				  const char **out, struct sr_error *err)
{
	const struct owner_cfg *o;

	*out = NULL;
	if (!given(in))
		return SR_OK;
	if (!(o = config_owner(ctx->cfg, in)))
		return sr_fail(err, SR_EINVAL,
			       "owner: unknown owner '%s' (the owners are "
			       "listed under owners in the config)",
			       shown(in));
	*out = o->code;
	return SR_OK;
}

static enum sr_status check_agency(const char *in, const char **out,
				   struct sr_error *err)
{
	enum agency a;

	if (!agency_parse(in, &a))
		return sr_fail(err, SR_EINVAL,
			       "agency: '%s' is not NHS, ASC or both",
			       shown(in));
	*out = agency_code(a);
	return SR_OK;
}

static enum sr_status check_due(const struct edit_ctx *ctx, const char *site,
				const char *in, char **out,
				struct sr_error *err)
{
	enum sr_status s;

	*out = NULL;
	if (!given(in))
		return SR_OK;
	s = edit_normalise(ctx, SF_EDD, site, in, out, err);
	if (s != SR_OK)
		sr_error_prefix(err, "due: ");
	return s;
}

static enum sr_status check_note(const char *in, char **out,
				 struct sr_error *err)
{
	enum sr_status s;

	*out = NULL;
	if (!given(in))
		return SR_OK;
	s = stay_text_normalise(in, false, EDIT_BLOCKER_NOTE_MAX, out, err);
	if (s != SR_OK)
		sr_error_prefix(err, "note: ");
	return s;
}

static enum sr_status end_tx(struct store *st, enum sr_status s,
			     struct sr_error *err)
{
	if (s == SR_OK)
		return store_tx_commit(st, err);
	store_tx_rollback(st);
	return s;
}

enum sr_status edit_blocker_add(const struct edit_ctx *ctx, int64_t id,
				const struct edit_blocker *in,
				int64_t *new_id, struct sr_error *err)
{
	struct store_actor who = who_of(ctx);
	const struct reason_cfg *rc = given(in->code) ?
		config_delay_reason(ctx->cfg, in->code) : NULL;
	const char *agency = NULL, *owner = NULL;
	char *due = NULL, *note = NULL, from[20];
	struct stay s = {0};
	struct blocker b = {0};
	enum sr_status st;

	if (!given(in->code))
		return sr_fail(err, SR_EINVAL, "a blocker needs a code (one "
			       "of the delay_reasons of the config)");
	if (!rc)
		return sr_fail(err, SR_EINVAL,
			       "unknown blocker code '%s' (the codes are the "
			       "delay_reasons of the config)",
			       shown(in->code));
	if (given(in->agency))
		st = check_agency(in->agency, &agency, err);
	else if (rc->agency >= 0 && rc->agency < AGENCY_COUNT)
		st = (agency = agency_code((enum agency)rc->agency), SR_OK);
	else
		st = sr_fail(err, SR_EINVAL,
			     "agency: %s has no agency of its own: say which "
			     "is responsible (NHS, ASC or both)", rc->code);
	if (st == SR_OK)
		st = check_owner(ctx, in->owner, &owner, err);
	if (st == SR_OK)
		st = check_note(in->note, &note, err);
	if (st == SR_OK)
		st = store_tx_begin(ctx->st, err);
	if (st != SR_OK) {
		free(note);
		return st;
	}
	st = store_stay_get(ctx->st, id, &s, err);
	if (st == SR_OK)
		st = edit_allow(ctx, AA_BLOCKER, s.v[SF_SITE], s.v[SF_WARD],
				owner, err);
	if (st == SR_OK)
		st = check_due(ctx, s.v[SF_SITE], in->due, &due, err);
	if (st == SR_OK)
		st = when(ctx, &s, in->from, from, err);
	if (st == SR_OK) {
		b.stay = id;
		b.code = rc->code;
		b.agency = (char *)agency;
		b.owner = (char *)owner;
		b.due = due;
		b.note = note;
		b.opened_at = from;
		st = store_blocker_add(ctx->st, &b, in->primary, &who, err);
	}
	st = end_tx(ctx->st, st, err);
	if (st == SR_EPERM)
		edit_refusal_record(ctx, id, err);
	if (st == SR_OK && new_id)
		*new_id = b.id;
	stay_clear(&s);
	free(due);
	free(note);
	return st;
}

enum sr_status edit_blocker_change(const struct edit_ctx *ctx, int64_t id,
				   const struct edit_blocker_change *c,
				   struct sr_error *err)
{
	struct store_actor who = who_of(ctx);
	struct blocker_change bc = {0};
	struct blocker b = {0};
	struct stay s = {0};
	char *due = NULL, *note = NULL, close_at[20];
	enum sr_status st;

	if ((st = store_tx_begin(ctx->st, err)) != SR_OK)
		return st;
	st = store_blocker_get(ctx->st, id, &b, err);
	if (st == SR_OK && b.closed_at)
		st = sr_fail(err, SR_EINVAL,
			     "blocker %lld was closed at %.16s: reopen it "
			     "to change it", (long long)id, b.closed_at);
	if (st == SR_OK)
		st = store_stay_get(ctx->st, b.stay, &s, err);
	if (st == SR_OK)
		st = edit_allow(ctx, AA_BLOCKER, s.v[SF_SITE], s.v[SF_WARD],
				b.owner, err);
	if (st == SR_OK && c->owner) {
		st = check_owner(ctx, c->owner, &bc.owner, err);
		if (st == SR_OK && bc.owner) /* given to an owner: theirs too */
			st = edit_allow(ctx, AA_BLOCKER, s.v[SF_SITE],
					s.v[SF_WARD], bc.owner, err);
		if (!bc.owner)
			bc.owner = "";
	}
	if (st == SR_OK && c->agency)
		st = check_agency(c->agency, &bc.agency, err);
	if (st == SR_OK && c->due) {
		st = check_due(ctx, s.v[SF_SITE], c->due, &due, err);
		bc.due = due ? due : "";
	}
	if (st == SR_OK && c->note) {
		st = check_note(c->note, &note, err);
		bc.note = note ? note : "";
	}
	if (st == SR_OK && c->close) {
		st = when(ctx, &s, c->close_from, close_at, err);
		if (st == SR_OK && strcmp(close_at, b.opened_at) < 0)
			st = sr_fail(err, SR_EINVAL,
				     "from: %.16s is before the blocker was "
				     "opened (%.16s)", close_at, b.opened_at);
		bc.close_at = close_at;
	}
	if (st == SR_OK && c->primary)
		bc.primary_at = ctx->at;
	if (st == SR_OK)
		st = store_blocker_change(ctx->st, id, c->expected_version, &bc,
					  &who, err);
	st = end_tx(ctx->st, st, err);
	if (st == SR_EPERM)
		edit_refusal_record(ctx, s.id, err);
	blocker_clear(&b);
	stay_clear(&s);
	free(due);
	free(note);
	return st;
}

enum sr_status edit_blocker_reopen(const struct edit_ctx *ctx, int64_t id,
				   const char *from, int64_t *new_id,
				   struct sr_error *err)
{
	struct store_actor who = who_of(ctx);
	struct blocker b = {0};
	struct stay s = {0};
	char at[20];
	int64_t made = 0;
	enum sr_status st;

	if ((st = store_tx_begin(ctx->st, err)) != SR_OK)
		return st;
	st = store_blocker_get(ctx->st, id, &b, err);
	if (st == SR_OK && !b.closed_at)
		st = sr_fail(err, SR_EINVAL, "blocker %lld is open",
			     (long long)id);
	if (st == SR_OK)
		st = store_stay_get(ctx->st, b.stay, &s, err);
	if (st == SR_OK)
		st = edit_allow(ctx, AA_BLOCKER, s.v[SF_SITE], s.v[SF_WARD],
				b.owner, err);
	if (st == SR_OK)
		st = when(ctx, &s, from, at, err);
	if (st == SR_OK && strcmp(at, b.closed_at) < 0)
		st = sr_fail(err, SR_EINVAL,
			     "from: %.16s is before the blocker was closed "
			     "(%.16s)", at, b.closed_at);
	if (st == SR_OK)
		st = store_blocker_reopen(ctx->st, id, at, &who, &made, err);
	st = end_tx(ctx->st, st, err);
	if (st == SR_EPERM)
		edit_refusal_record(ctx, s.id, err);
	if (st == SR_OK && new_id)
		*new_id = made;
	blocker_clear(&b);
	stay_clear(&s);
	return st;
}

struct last_closed {
	int64_t id;
	char closed_at[24], code[64];
	int64_t *reopened; /* ids some blocker reopens */
	size_t nreopened, cap;
};

static bool last_closed_row(const struct blocker *b, void *ctx)
{
	struct last_closed *l = ctx;

	if (b->reopens) {
		l->reopened = xgrow(l->reopened, &l->cap, l->nreopened + 1,
				    sizeof(*l->reopened));
		l->reopened[l->nreopened++] = b->reopens;
	}
	return true;
}

static bool last_closed_pick(const struct blocker *b, void *ctx)
{
	struct last_closed *l = ctx;

	if (!b->closed_at)
		return true;
	for (size_t i = 0; i < l->nreopened; i++)
		if (l->reopened[i] == b->id)
			return true;
	if (l->id && strcmp(b->closed_at, l->closed_at) < 0)
		return true;
	l->id = b->id;
	snprintf(l->closed_at, sizeof(l->closed_at), "%s", b->closed_at);
	snprintf(l->code, sizeof(l->code), "%s", b->code);
	return true;
}

enum sr_status edit_blocker_last_closed(const struct edit_ctx *ctx,
					int64_t stay, int64_t *id, char *code,
					size_t size, struct sr_error *err)
{
	struct blocker_filter f = {.stay = stay};
	struct last_closed l = {0};
	enum sr_status s;

	*id = 0;
	if (size)
		code[0] = '\0';
	if ((s = store_read_begin(ctx->st, err)) != SR_OK)
		return s;
	s = store_blockers_each(ctx->st, &f, last_closed_row, &l, err);
	if (s == SR_OK)
		s = store_blockers_each(ctx->st, &f, last_closed_pick, &l, err);
	store_read_end(ctx->st);
	if (s == SR_OK && l.id) {
		*id = l.id;
		snprintf(code, size, "%s", l.code);
	}
	free(l.reopened);
	return s;
}
