/* Every change a user can make (see include/sitrep/edit.h). */
#include "sitrep/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sitrep/opel.h"
#include "sitrep/util.h"

struct edit_clock edit_clock_now(void)
{
	struct edit_clock c = {.today = date_today(), .now = datetime_now()};

	return c;
}

void edit_ctx_init(struct edit_ctx *ctx, struct store *st,
		   const struct config *cfg)
{
	ctx->st = st;
	ctx->cfg = cfg;
	ctx->clock = edit_clock_now();
	ctx->by = util_login_name();
	edit_stamp(ctx->at);
	edit_access_init(ctx);
}

static struct store_actor actor(const struct edit_ctx *ctx)
{
	struct store_actor who = {.by = ctx->by, .at = ctx->at};

	return who;
}

enum sr_status edit_from(const struct edit_ctx *ctx, const char *in,
			 char out[20], struct sr_error *err)
{
	return edit_time(ctx, "from", in, false, out, err);
}

enum sr_status edit_time(const struct edit_ctx *ctx, const char *what,
			 const char *in, bool future_ok, char out[20],
			 struct sr_error *err)
{
	char buf[64], shown[80], why[192], when[DATETIME_BUF];
	enum date_read r;
	sr_minute t;
	sr_day d;
	size_t n;

	out[0] = '\0';
	if (!in)
		return SR_OK;
	in += strspn(in, " ");
	n = strlen(in);
	while (n && in[n - 1] == ' ')
		n--;
	if (n >= sizeof(buf))
		return sr_fail(err, SR_EINVAL, "%s: too long for a date and "
			       "time (expected YYYY-MM-DD HH:MM)", what);
	memcpy(buf, in, n);
	buf[n] = '\0';
	if (!n || strcasecmp(buf, "now") == 0)
		return SR_OK;
	r = datetime_read(buf, &t);
	/* A day as the form's dates take it: that day from 00:00. */
	if (r != DATE_READ_OK &&
	    date_parse_relative(buf, ctx->clock.today, &d)) {
		t = (sr_minute)d * MINUTES_PER_DAY;
		r = DATE_READ_OK;
	}
	if (r == DATE_READ_INVALID)
		return sr_fail(err, SR_EINVAL, "%s: invalid time '%s' "
			       "(expected YYYY-MM-DD HH:MM, DD/MM/YYYY HH:MM, "
			       "a date for 00:00 that day, or now)", what, buf);
	if (r != DATE_READ_OK) {
		snprintf(shown, sizeof(shown), " '%s'", buf);
		date_read_explain(r, true, shown, why, sizeof(why));
		return sr_fail(err, SR_EINVAL, "%s: %s", what, why);
	}
	datetime_format(t, when);
	when[10] = ' ';
	if (t > ctx->clock.now && !future_ok)
		return sr_fail(err, SR_EINVAL, "%s: %s is in the future: a "
			       "change takes effect now or earlier", what,
			       when);
	when[10] = 'T';
	snprintf(out, 20, "%s:00", when);
	return SR_OK;
}

/* A from (edit_from) for the changes of rq: it dates only the dated
 * fields, and never the time before the admission day (from that day,
 * the admission: a bare date of it means from when the patient came). */
static enum sr_status request_from(const struct edit_ctx *ctx,
				   const struct edit_request *rq,
				   const struct stay *old, char from[20],
				   unsigned *touched, struct sr_error *err)
{
	enum sr_status s = edit_from(ctx, rq->from, from, err);
	sr_minute t, adm;

	*touched = 0;
	for (size_t i = 0; i < rq->n; i++)
		if (stay_field_dated(rq->ch[i].field))
			*touched |= 1u << rq->ch[i].field;
	if (s != SR_OK || !from[0])
		return s;
	if (!*touched)
		return sr_fail(err, SR_EINVAL, "from: only changes of the "
			       "ward, bed, edd, g2g_date, pathway, "
			       "delay_reason, delay_agency or destination "
			       "take effect from an earlier time");
	if (datetime_parse(from, &t) &&
	    datetime_parse(old->v[SF_ADMITTED_AT], &adm) &&
	    datetime_day(t) < datetime_day(adm))
		return sr_fail(err, SR_EINVAL, "from: %.10s is before the "
			       "admission (%.10s)", from,
			       old->v[SF_ADMITTED_AT]);
	return SR_OK;
}

void edit_result_clear(struct edit_result *r)
{
	stay_clear(&r->saved);
	r->nchanged = 0;
	r->bad = SF_COUNT;
	r->discharged = false;
	r->warning[0] = '\0';
}

void edit_stamp(char buf[20])
{
	time_t now;
	struct tm tm;

	/* A frozen clock (tests, replays) stamps the audit trail too. */
	if (getenv("SITREP_NOW") || getenv("SITREP_TODAY")) {
		char m[DATETIME_BUF];

		datetime_format(datetime_now(), m);
		snprintf(buf, 20, "%.16s:00", m);
		return;
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(buf, 20, "%Y-%m-%dT%H:%M:%S", &tm);
}

enum sr_status edit_normalise(const struct edit_ctx *ctx, enum stay_field f,
			      const char *site, const char *in, char **out,
			      struct sr_error *err)
{
	enum field_type t = stay_field_type(f);
	sr_day d;

	*out = NULL;
	if (in && t == FT_DATE &&
	    date_parse_relative(in, ctx->clock.today, &d)) {
		*out = xmalloc(DATE_BUF);
		date_format(d, *out);
		return SR_OK;
	}
	if (in && t == FT_DATETIME && strcasecmp(in, "now") == 0) {
		*out = xmalloc(DATETIME_BUF);
		datetime_format(ctx->clock.now, *out);
		return SR_OK;
	}
	return stay_normalise(ctx->cfg, f, site, in, out, err);
}

static enum sr_status apply_changes(const struct edit_ctx *ctx,
				    struct stay *s,
				    const struct edit_change *ch, size_t n,
				    enum stay_field *bad,
				    struct sr_error *err)
{
	/* The site first, so that a ward is checked against the right one. */
	for (size_t i = 0; i < n; i++) {
		char *val;
		enum sr_status st;

		if (ch[i].field == SF_SITE && s->id) {
			*bad = SF_SITE;
			return sr_fail(err, SR_EINVAL,
				       "site: a stay cannot move to another "
				       "site: discharge it and admit the "
				       "patient there");
		}
		if (ch[i].field != SF_SITE)
			continue;
		st = edit_normalise(ctx, SF_SITE, NULL, ch[i].value, &val,
				    err);
		if (st != SR_OK) {
			*bad = SF_SITE;
			sr_error_prefix(err, "site: ");
			return st;
		}
		free(s->v[SF_SITE]);
		s->v[SF_SITE] = val;
	}
	for (size_t i = 0; i < n; i++) {
		enum stay_field f = ch[i].field;
		char *val;
		enum sr_status st;

		if (f == SF_SITE)
			continue;
		st = edit_normalise(ctx, f, s->v[SF_SITE], ch[i].value, &val,
				    err);
		if (st != SR_OK) {
			*bad = f;
			sr_error_prefix(err, "%s: ", stay_field_name(f));
			return st;
		}
		free(s->v[f]);
		s->v[f] = val;
	}
	if (stay_validate(ctx->cfg, s, bad, err) != SR_OK ||
	    stay_check_times(s, ctx->clock.now, bad, err) != SR_OK) {
		sr_error_prefix(err, "%s: ", stay_field_name(*bad));
		return SR_EINVAL;
	}
	return SR_OK;
}

/* Commits the transaction if all went well, else rolls it back. */
static enum sr_status end_tx(struct store *st, enum sr_status status,
			     struct sr_error *err)
{
	if (status == SR_OK)
		return store_tx_commit(st, err);
	store_tx_rollback(st);
	return status;
}

static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, b) == 0;
}

/* The fields a discharged stay keeps changing for: corrections of the
 * discharge itself, and the note. */
static bool after_discharge_field(enum stay_field f)
{
	return f == SF_DISCHARGED_AT || f == SF_DESTINATION || f == SF_NOTE;
}

/* A stay stored as discharged, and still discharged after the edit, keeps
 * its in-bed fields unless the request says otherwise: a change to them
 * usually means the user did not see that the patient had left. */
static enum sr_status check_discharged(const struct stay *old,
				       const struct stay *next, unsigned flags,
				       enum stay_field *bad,
				       struct sr_error *err)
{
	if (!old->v[SF_DISCHARGED_AT] || !next->v[SF_DISCHARGED_AT] ||
	    (flags & EDIT_DISCHARGED_OK))
		return SR_OK;
	for (int f = 0; f < SF_COUNT; f++) {
		if (after_discharge_field((enum stay_field)f) ||
		    same(old->v[f], next->v[f]))
			continue;
		*bad = (enum stay_field)f;
		return sr_fail(err, SR_EINVAL,
			       "%s: stay %lld was discharged at %.10s %s: "
			       "the %s of a patient who has left is not "
			       "changed unless that is confirmed",
			       stay_field_name((enum stay_field)f),
			       (long long)old->id, old->v[SF_DISCHARGED_AT],
			       strlen(old->v[SF_DISCHARGED_AT]) > 11 ?
				       old->v[SF_DISCHARGED_AT] + 11 : "",
			       stay_field_name((enum stay_field)f));
	}
	return SR_OK;
}

/* A bed holds one patient: refuses a stay in a bed someone else is in,
 * when the edit puts it there (a new admission, a move, a stay brought
 * back into a bed). Checked inside the write transaction, so two edits can
 * never both take the bed. old is NULL for an admission. */
static enum sr_status check_bed(const struct edit_ctx *ctx,
				const struct stay *old,
				const struct stay *next, enum stay_field *bad,
				struct sr_error *err)
{
	int64_t other;
	enum sr_status s;

	if (!next->v[SF_BED] || next->v[SF_DISCHARGED_AT])
		return SR_OK;
	if (old && same(old->v[SF_WARD], next->v[SF_WARD]) &&
	    same(old->v[SF_BED], next->v[SF_BED]) && !old->v[SF_DISCHARGED_AT])
		return SR_OK;
	s = store_stay_in_bed(ctx->st, next->v[SF_SITE], next->v[SF_WARD],
			      next->v[SF_BED], next->id, &other, err);
	if (s != SR_OK || !other)
		return s;
	*bad = SF_BED;
	if (next->v[SF_WARD])
		return sr_fail(err, SR_EINVAL,
			       "bed: bed %s on ward %s is taken by stay %lld: "
			       "move or discharge that stay first",
			       next->v[SF_BED], next->v[SF_WARD],
			       (long long)other);
	return sr_fail(err, SR_EINVAL,
		       "bed: bed %s at %s is taken by stay %lld: move or "
		       "discharge that stay first",
		       next->v[SF_BED], next->v[SF_SITE], (long long)other);
}

/* Says so when the stay's bed number is beyond the beds configured for
 * its ward: a typing slip, or a config behind the ward (saved either way). */
static void warn_bed(const struct edit_ctx *ctx, const struct stay *old,
		     const struct stay *next, struct edit_result *res)
{
	int number = stay_bed_number(next->v[SF_BED]);
	int beds = stay_beds_configured(ctx->cfg, next);

	if (!res || number < 0 || beds <= 0 || number <= beds ||
	    next->v[SF_DISCHARGED_AT])
		return;
	if (old && same(old->v[SF_WARD], next->v[SF_WARD]) &&
	    same(old->v[SF_BED], next->v[SF_BED]))
		return;
	if (next->v[SF_WARD])
		snprintf(res->warning, sizeof(res->warning),
			 "bed %s is beyond the %d beds of ward %s (saved: "
			 "check the bed, or the ward's beds in the config)",
			 next->v[SF_BED], beds, next->v[SF_WARD]);
	else
		snprintf(res->warning, sizeof(res->warning),
			 "bed %s is beyond the %d beds of %s (saved: check "
			 "the bed, or the site's beds in the config)",
			 next->v[SF_BED], beds, next->v[SF_SITE]);
}

/* Whether rq changes dated fields only (and those a discharged stay
 * takes anyway). */
static bool only_dated(const struct edit_request *rq)
{
	for (size_t i = 0; i < rq->n; i++)
		if (!stay_field_dated(rq->ch[i].field) &&
		    !after_discharge_field(rq->ch[i].field))
			return false;
	return true;
}

static void result_start(struct edit_result *res)
{
	if (res)
		edit_result_clear(res);
}

/* The change's value of field f, or NULL when it does not change it. */
static const char *change_of(const struct edit_change *ch, size_t n,
			     enum stay_field f)
{
	for (size_t i = 0; i < n; i++)
		if (ch[i].field == f)
			return ch[i].value ? ch[i].value : "";
	return NULL;
}

/* A change of stay old: a discharge, or an edit, of its site and ward
 * (and of the ward it moves to). */
static enum sr_status allow_request(const struct edit_ctx *ctx,
				    const struct edit_request *rq,
				    const struct stay *old,
				    struct sr_error *err)
{
	const char *dis = change_of(rq->ch, rq->n, SF_DISCHARGED_AT);
	const char *ward = change_of(rq->ch, rq->n, SF_WARD);
	enum access_action a = dis && *dis && !old->v[SF_DISCHARGED_AT] ?
				       AA_DISCHARGE :
				       AA_EDIT_STAY;
	enum sr_status s = edit_allow(ctx, a, old->v[SF_SITE],
				      old->v[SF_WARD], NULL, err);

	if (s == SR_OK && ward && *ward)
		s = edit_allow(ctx, a, old->v[SF_SITE], ward, NULL, err);
	return s;
}

enum sr_status edit_apply(const struct edit_ctx *ctx,
			  const struct edit_request *rq,
			  struct edit_result *res, struct sr_error *err)
{
	struct store_actor who = actor(ctx);
	struct stay old = {0}, s = {0};
	enum stay_field bad = SF_COUNT;
	size_t nchanged = 0;
	enum sr_status status;
	char from[20] = "";
	unsigned flags = rq->flags;

	result_start(res);
	if ((status = store_tx_begin(ctx->st, err)) != SR_OK)
		return status;
	status = store_stay_get(ctx->st, rq->id, &old, err);
	if (status == SR_OK)
		status = allow_request(ctx, rq, &old, err);
	if (status == SR_OK)
		status = request_from(ctx, rq, &old, from, &who.touched, err);
	if (from[0])
		who.from = from;
	/* A correction of dated fields dated while the patient was still in
	 * a bed is made knowing they have left. */
	if (from[0] && old.v[SF_DISCHARGED_AT] &&
	    strncmp(from, old.v[SF_DISCHARGED_AT], 16) < 0 &&
	    only_dated(rq))
		flags |= EDIT_DISCHARGED_OK;
	if (status == SR_OK && rq->expected_version &&
	    old.version != rq->expected_version)
		/* Let the store explain who changed it and when. */
		status = store_stay_update(ctx->st, &old, rq->expected_version,
					   &who, NULL, err);
	if (status == SR_OK) {
		stay_copy(&s, &old);
		status = apply_changes(ctx, &s, rq->ch, rq->n, &bad, err);
	}
	if (status == SR_OK &&
	    (status = check_discharged(&old, &s, flags, &bad, err)) !=
		    SR_OK && res)
		res->discharged = true;
	if (status == SR_OK)
		status = check_bed(ctx, &old, &s, &bad, err);
	if (status == SR_OK)
		status = store_stay_update(ctx->st, &s, s.version, &who,
					   &nchanged, err);
	status = end_tx(ctx->st, status, err);
	if (status == SR_EPERM)
		edit_refusal_record(ctx, rq->id, err);
	if (res) {
		res->bad = bad;
		if (status == SR_OK) {
			stay_copy(&res->saved, &s);
			res->nchanged = nchanged;
			warn_bed(ctx, &old, &s, res);
		}
	}
	stay_clear(&old);
	stay_clear(&s);
	return status;
}

/* A patient is in one bed at a time: refuses an admission at a site where
 * the MRN already has a current stay. */
static enum sr_status check_not_in_bed(struct store *st, const struct stay *s,
				       enum stay_field *bad,
				       struct sr_error *err)
{
	int64_t *ids;
	size_t n;
	enum sr_status status = store_stay_by_mrn(st, s->v[SF_SITE],
						  s->v[SF_MRN], &ids, &n, err);
	struct stay cur = {0};

	if (status == SR_OK && n > 0 &&
	    (status = store_stay_get(st, ids[0], &cur, err)) == SR_OK &&
	    !cur.v[SF_DISCHARGED_AT]) {
		*bad = SF_MRN;
		status = sr_fail(err, SR_EINVAL,
				 "mrn: that patient is already in a bed at %s "
				 "(stay %lld): discharge that stay first",
				 s->v[SF_SITE], (long long)cur.id);
	}
	stay_clear(&cur);
	free(ids);
	return status;
}

enum sr_status edit_admit(const struct edit_ctx *ctx,
			  const struct edit_change *ch, size_t n,
			  struct edit_result *res, struct sr_error *err)
{
	struct store_actor who = actor(ctx);
	struct stay s = {0};
	enum stay_field bad = SF_COUNT;
	enum sr_status status = SR_OK;

	result_start(res);
	status = edit_allow(ctx, AA_ADMIT, change_of(ch, n, SF_SITE),
			    change_of(ch, n, SF_WARD), NULL, err);
	if (status == SR_EPERM) {
		edit_refusal_record(ctx, 0, err);
		return status;
	}
	for (size_t i = 0; i < n && status == SR_OK; i++)
		if (ch[i].field == SF_DISCHARGED_AT && ch[i].value &&
		    *ch[i].value) {
			bad = SF_DISCHARGED_AT;
			status = sr_fail(err, SR_EINVAL, "discharged_at: a new "
					 "admission cannot be discharged "
					 "already");
		}
	if (status == SR_OK)
		status = apply_changes(ctx, &s, ch, n, &bad, err);
	if (status == SR_OK && (status = store_tx_begin(ctx->st, err)) ==
				       SR_OK) {
		status = check_not_in_bed(ctx->st, &s, &bad, err);
		if (status == SR_OK)
			status = check_bed(ctx, NULL, &s, &bad, err);
		if (status == SR_OK)
			status = store_stay_insert(ctx->st, &s, "admitted",
						   &who, err);
		status = end_tx(ctx->st, status, err);
	}
	if (res) {
		res->bad = bad;
		if (status == SR_OK) {
			stay_copy(&res->saved, &s);
			res->nchanged = 0;
			warn_bed(ctx, NULL, &s, res);
		}
	}
	stay_clear(&s);
	return status;
}

static enum sr_status check_mark(const struct edit_ctx *ctx,
				 const struct stay *s, sr_day day,
				 const char *colour, const char *reason,
				 struct sr_error *err)
{
	sr_minute admitted, discharged;
	enum day_mark mark = DAY_MARK_GREEN;
	char d[DATE_BUF];

	date_format(day, d);
	if (colour && !day_mark_parse(colour, &mark))
		return sr_fail(err, SR_EINVAL,
			       "a day is marked red or green, not '%.16s'",
			       colour);
	if (reason && *reason && (!colour || mark != DAY_MARK_RED))
		return sr_fail(err, SR_EINVAL,
			       "only a red day has a reason");
	if (reason && *reason && !config_red_reason(ctx->cfg, reason))
		return sr_fail(err, SR_EINVAL,
			       "unknown red-day reason '%.32s' (see "
			       "red_reasons in the config)", reason);
	if (day > ctx->clock.today)
		return sr_fail(err, SR_EINVAL,
			       "%s is in the future: mark a day once it has "
			       "begun", d);
	if (datetime_parse(s->v[SF_ADMITTED_AT], &admitted) &&
	    day < datetime_day(admitted))
		return sr_fail(err, SR_EINVAL, "%s is before the admission",
			       d);
	if (s->v[SF_DISCHARGED_AT] &&
	    datetime_parse(s->v[SF_DISCHARGED_AT], &discharged) &&
	    day > datetime_day(discharged))
		return sr_fail(err, SR_EINVAL, "%s is after the discharge", d);
	return SR_OK;
}

/* Equal values, NULL and "" both meaning none: the store gives NULL for
 * no mark, the console's form may hold an empty string. */
static bool same_text(const char *a, const char *b)
{
	if (!a || !*a || !b || !*b)
		return (!a || !*a) && (!b || !*b);
	return strcmp(a, b) == 0;
}

/* The day's mark now is the one the user saw, or SR_ECONFLICT. */
static enum sr_status mark_unmoved(struct store *st, int64_t id,
				   const char *day, const char *seen_colour,
				   const char *seen_reason,
				   struct sr_error *err)
{
	char *colour, *reason;
	enum sr_status s = store_day_mark_get(st, id, day, &colour, &reason,
					      err);

	if (s == SR_OK && (!same_text(colour, seen_colour) ||
			   !same_text(reason, seen_reason)))
		s = sr_fail(err, SR_ECONFLICT,
			    "stay %lld: the mark of %s was changed by someone "
			    "else (now %s): nothing saved, reload and try "
			    "again", (long long)id, day,
			    colour ? colour : "none");
	free(colour);
	free(reason);
	return s;
}

static enum sr_status mark_tx(const struct edit_ctx *ctx, int64_t id,
			      sr_day day, bool check, const char *seen_colour,
			      const char *seen_reason, const char *colour,
			      const char *reason, struct sr_error *err)
{
	struct store_actor who = actor(ctx);
	struct stay s = {0};
	char d[DATE_BUF];
	const struct reason_cfg *rc = NULL;
	enum sr_status status;

	if ((status = store_tx_begin(ctx->st, err)) != SR_OK)
		return status;
	date_format(day, d);
	status = store_stay_get(ctx->st, id, &s, err);
	if (status == SR_OK)
		status = edit_allow(ctx, AA_MARK_DAY, s.v[SF_SITE],
				    s.v[SF_WARD], NULL, err);
	if (status == SR_OK)
		status = check_mark(ctx, &s, day, colour, reason, err);
	if (status == SR_OK && check)
		status = mark_unmoved(ctx->st, id, d, seen_colour, seen_reason,
				      err);
	if (status == SR_OK) {
		if (reason && *reason)
			rc = config_red_reason(ctx->cfg, reason);
		status = store_day_mark(ctx->st, id, d, colour,
					rc ? rc->code : NULL, &who, err);
	}
	status = end_tx(ctx->st, status, err);
	if (status == SR_EPERM)
		edit_refusal_record(ctx, id, err);
	stay_clear(&s);
	return status;
}

enum sr_status edit_mark(const struct edit_ctx *ctx, int64_t id, sr_day day,
			 const char *colour, const char *reason,
			 struct sr_error *err)
{
	return mark_tx(ctx, id, day, false, NULL, NULL, colour, reason, err);
}

enum sr_status edit_mark_if(const struct edit_ctx *ctx, int64_t id,
			    sr_day day, const char *seen_colour,
			    const char *seen_reason, const char *colour,
			    const char *reason, struct sr_error *err)
{
	return mark_tx(ctx, id, day, true, seen_colour, seen_reason, colour,
		       reason, err);
}

enum sr_status edit_opel_note(const char *in, char **out,
			      struct sr_error *err)
{
	enum sr_status s = stay_text_normalise(in, false, EDIT_OPEL_NOTE_MAX,
					       out, err);

	if (s != SR_OK)
		sr_error_prefix(err, "note: ");
	else if (!*out)
		s = sr_fail(err, SR_EINVAL, "note: a note is required: say "
			    "why the level is declared");
	return s;
}

enum sr_status edit_opel_check(const struct config *cfg, const char *site,
			       int level, const char *note,
			       struct sr_error *err)
{
	char *clean = NULL;
	enum sr_status s;

	if (site && !config_site(cfg, site))
		return sr_fail(err, SR_EINVAL, "unknown site '%.32s': give a "
			       "site code from the config, or 'system'",
			       site);
	if (level < OPEL_LEVEL_MIN || level > OPEL_LEVEL_MAX)
		return sr_fail(err, SR_EINVAL, "the OPEL level is %d, %d, %d "
			       "or %d", OPEL_LEVEL_MIN, OPEL_LEVEL_MIN + 1,
			       OPEL_LEVEL_MIN + 2, OPEL_LEVEL_MAX);
	s = edit_opel_note(note, &clean, err);
	free(clean);
	return s;
}

enum sr_status edit_opel_declare(const struct edit_ctx *ctx, const char *site,
				 int level, const char *note,
				 struct sr_error *err)
{
	struct store_actor who = actor(ctx);
	char *clean = NULL;
	enum sr_status s = edit_opel_check(ctx->cfg, site, level, note, err);

	if (s == SR_OK &&
	    (s = edit_allow(ctx, site ? AA_DECLARE_SITE : AA_DECLARE_SYSTEM,
			    site, NULL, NULL, err)) == SR_EPERM)
		edit_refusal_record(ctx, 0, err);
	if (s == SR_OK)
		s = edit_opel_note(note, &clean, err);
	if (s == SR_OK)
		s = store_opel_declare(ctx->st, site ? site : STORE_SYSTEM,
				       level, clean, &who, err);
	free(clean);
	return s;
}

enum sr_status edit_find(const struct edit_ctx *ctx, const char *site,
			 const char *mrn, int64_t *id, struct sr_error *err)
{
	int64_t *ids;
	size_t n;
	enum sr_status s = store_stay_by_mrn(ctx->st, site, mrn, &ids, &n,
					     err);

	if (s != SR_OK)
		return s;
	if (n == 0)
		s = sr_fail(err, SR_ENOTFOUND, "no stay with that MRN%s%s",
			    site ? " at " : "", site ? site : "");
	else if (n > 1 && site)
		s = sr_fail(err, SR_EINVAL,
			    "that MRN has %zu current stays at %s: give --stay",
			    n, site);
	else if (n > 1)
		s = sr_fail(err, SR_EINVAL,
			    "that MRN has %zu current stays: give --site or "
			    "--stay", n);
	else
		*id = ids[0];
	free(ids);
	return s;
}
