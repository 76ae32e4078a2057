/* Bed state as both front ends change it (issue 16): beds closed and
 * escalation beds opened, checked once here, then recorded as dated facts
 * (store_beds.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/edit.h"
#include "sitrep/stay.h"
#include "sitrep/util.h"

struct capacity {
	const char *ward;
	int closed;
};

/* Beds already closed at the instant on the same ward (or, for the site
 * as a whole, anywhere on the site). */
static bool count_closed(void *ctx, const struct bed_state *b)
{
	struct capacity *c = ctx;

	if (b->escalation)
		return true;
	if (!c->ward || (b->ward && strcmp(b->ward, c->ward) == 0))
		c->closed += b->count;
	return true;
}

static enum sr_status parse_count(const char *in, int *out,
				  struct sr_error *err)
{
	char *end;
	long n;

	if (!in || !*in)
		return sr_fail(err, SR_EINVAL, "count: how many beds? (a "
			       "whole number from 1)");
	n = strtol(in, &end, 10);
	if (*end || end == in || n < 1 || n > 100000)
		return sr_fail(err, SR_EINVAL, "count: '%.16s' is not a number "
			       "of beds (a whole number from 1)", in);
	*out = (int)n;
	return SR_OK;
}

enum sr_status edit_beds_check(const struct edit_ctx *ctx,
			       const struct edit_beds *in,
			       struct edit_beds_clean *out,
			       struct sr_error *err)
{
	const struct site_cfg *site = config_site(ctx->cfg, in->site);
	const struct ward_cfg *ward = NULL;
	enum sr_status s = SR_OK;
	int base;

	memset(out, 0, sizeof(*out));
	if (!site)
		return sr_fail(err, SR_EINVAL, "unknown site '%.32s': give a "
			       "site code from the config", in->site);
	if (in->ward && *in->ward && !(ward = config_ward(site, in->ward)))
		return sr_fail(err, SR_EINVAL, "unknown ward '%.32s' at %s",
			       in->ward, site->code);
	base = ward ? ward->beds : site->beds;
	out->b.site = site->code;
	out->b.ward = ward ? ward->code : NULL;
	out->b.escalation = in->escalation;
	if (in->bed && *in->bed) {
		s = stay_text_normalise(in->bed, false, 16, &out->bed, err);
		if (s != SR_OK) {
			sr_error_prefix(err, "bed: ");
			return s;
		}
		out->b.bed = out->bed;
	}
	if (out->bed && (!in->count || !*in->count))
		out->b.count = 1;
	else if ((s = parse_count(in->count, &out->b.count, err)) != SR_OK)
		return s;
	if (out->bed && out->b.count != 1)
		return sr_fail(err, SR_EINVAL, "count: one bed is named, so the "
			       "count is 1");
	if (in->reason && *in->reason) {
		const struct reason_cfg *r = config_bed_reason(ctx->cfg,
							       in->reason);

		if (!r)
			return sr_fail(err, SR_EINVAL, "reason: '%.32s' is not "
				       "one of the config's bed_reasons",
				       in->reason);
		out->b.reason = r->code;
	} else if (!in->escalation) {
		return sr_fail(err, SR_EINVAL, "reason: why are the beds "
			       "closed? (one of the config's bed_reasons)");
	}
	if (in->note && *in->note) {
		s = stay_text_normalise(in->note, false, EDIT_BEDS_NOTE_MAX,
					&out->note, err);
		if (s != SR_OK) {
			sr_error_prefix(err, "note: ");
			return s;
		}
		out->b.note = out->note;
	}
	if ((s = edit_from(ctx, in->from, out->from, err)) != SR_OK)
		return s;
	if (!out->from[0])
		strlcpy_ok(out->from, ctx->at, sizeof(out->from));
	out->b.from = out->from;
	if (in->to && *in->to) {
		if (strcasecmp(in->to, "now") == 0)
			strlcpy_ok(out->to, ctx->at, sizeof(out->to));
		else if ((s = edit_time(ctx, "to", in->to, true, out->to,
					err)) != SR_OK)
			return s;
		if (strcmp(out->to, out->from) <= 0)
			return sr_fail(err, SR_EINVAL, "to: the beds must be "
				       "%s after they are %s", in->escalation ?
				       "closed" : "reopened", in->escalation ?
				       "opened" : "closed");
		out->b.to = out->to;
	}
	if (!in->escalation && base > 0 && out->b.count > base)
		return sr_fail(err, SR_EINVAL, "count: %d beds closed, but %s%s%s "
			       "has %d", out->b.count, site->code,
			       ward ? "/" : "", ward ? ward->code : "", base);
	return SR_OK;
}

void edit_beds_clean_free(struct edit_beds_clean *c)
{
	free(c->bed);
	free(c->note);
	memset(c, 0, sizeof(*c));
}

enum sr_status edit_beds_add(const struct edit_ctx *ctx,
			     const struct edit_beds *in, int64_t *id,
			     struct sr_error *err)
{
	struct store_actor who = {.by = ctx->by, .at = ctx->at};
	struct edit_beds_clean c;
	struct capacity cap = {0};
	const struct site_cfg *site;
	const struct ward_cfg *ward;
	enum sr_status s = edit_beds_check(ctx, in, &c, err);
	int base;

	if (s == SR_OK && (s = edit_allow(ctx, AA_BEDS, c.b.site, c.b.ward,
					  NULL, err)) == SR_EPERM)
		edit_refusal_record(ctx, 0, err);
	if (s != SR_OK) {
		edit_beds_clean_free(&c);
		return s;
	}
	/* No more beds closed on a ward (or a site) than it has, at the
	 * time the closure starts. */
	site = config_site(ctx->cfg, c.b.site);
	ward = c.b.ward ? config_ward(site, c.b.ward) : NULL;
	base = ward ? ward->beds : site->beds;
	cap.ward = c.b.ward;
	if (!c.b.escalation && base > 0) {
		s = store_bed_states(ctx->st, c.b.from, NULL, c.b.site, 0,
				     count_closed, &cap, err);
		if (s == SR_OK && cap.closed + c.b.count > base)
			s = sr_fail(err, SR_EINVAL, "count: %d more beds closed "
				    "at %s%s%s would make %d of %d",
				    c.b.count, site->code, ward ? "/" : "",
				    ward ? ward->code : "",
				    cap.closed + c.b.count, base);
	}
	if (s == SR_OK)
		s = store_bed_state_add(ctx->st, &c.b, &who, id, err);
	edit_beds_clean_free(&c);
	return s;
}

struct found {
	bool found, escalation;
	char from[20];
	char site[32], ward[32]; /* ward "": the whole site */
};

static bool found_state(void *ctx, const struct bed_state *b)
{
	struct found *f = ctx;

	f->found = true;
	f->escalation = b->escalation;
	strlcpy_ok(f->from, b->from, sizeof(f->from));
	strlcpy_ok(f->site, b->site ? b->site : "", sizeof(f->site));
	strlcpy_ok(f->ward, b->ward ? b->ward : "", sizeof(f->ward));
	return false;
}

enum sr_status edit_beds_end(const struct edit_ctx *ctx, int64_t id,
			     const char *at, struct sr_error *err)
{
	struct store_actor who = {.by = ctx->by, .at = ctx->at};
	struct found f = {0};
	char to[20];
	enum sr_status s;

	if ((s = edit_time(ctx, "at", at, true, to, err)) != SR_OK)
		return s;
	if (!to[0])
		strlcpy_ok(to, ctx->at, sizeof(to));
	s = store_bed_states(ctx->st, NULL, NULL, NULL, id, found_state, &f,
			     err);
	if (s != SR_OK)
		return s;
	if (!f.found)
		return sr_fail(err, SR_ENOTFOUND, "no bed state #%lld",
			       (long long)id);
	if ((s = edit_allow(ctx, AA_BEDS, f.site, f.ward[0] ? f.ward : NULL,
			    NULL, err)) != SR_OK) {
		edit_refusal_record(ctx, 0, err);
		return s;
	}
	if (strcmp(to, f.from) <= 0)
		return sr_fail(err, SR_EINVAL, "at: the beds were %s at %.16s: "
			       "they can only be %s after that",
			       f.escalation ? "opened" : "closed", f.from,
			       f.escalation ? "closed" : "reopened");
	return store_bed_state_end(ctx->st, id, to, &who, err);
}
