/* A ward coordinator's changes to stays (see include/sitrep/edit.h). */
#include "sitrep/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sitrep/util.h"

struct edit_clock edit_clock_now(void)
{
	struct edit_clock c = {.today = date_today(), .now = datetime_now()};

	return c;
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

enum sr_status edit_normalise(const struct config *cfg, enum stay_field f,
			      const char *site, const char *in,
			      const struct edit_clock *clock, char **out,
			      struct sr_error *err)
{
	enum field_type t = stay_field_type(f);
	sr_day d;

	*out = NULL;
	if (in && t == FT_DATE && date_parse_relative(in, clock->today, &d)) {
		*out = xmalloc(DATE_BUF);
		date_format(d, *out);
		return SR_OK;
	}
	if (in && t == FT_DATETIME && strcasecmp(in, "now") == 0) {
		*out = xmalloc(DATETIME_BUF);
		datetime_format(clock->now, *out);
		return SR_OK;
	}
	return stay_normalise(cfg, f, site, in, out, err);
}

static enum sr_status apply_changes(const struct config *cfg, struct stay *s,
				    const struct edit_change *ch, size_t n,
				    const struct edit_clock *clock,
				    enum stay_field *bad, struct sr_error *err)
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
		st = edit_normalise(cfg, SF_SITE, NULL, ch[i].value, clock,
				    &val, err);
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
		st = edit_normalise(cfg, f, s->v[SF_SITE], ch[i].value, clock,
				    &val, err);
		if (st != SR_OK) {
			*bad = f;
			sr_error_prefix(err, "%s: ", stay_field_name(f));
			return st;
		}
		free(s->v[f]);
		s->v[f] = val;
	}
	if (stay_validate(cfg, s, bad, err) != SR_OK ||
	    stay_check_times(s, clock->now, bad, err) != SR_OK) {
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

enum sr_status edit_apply(struct store *st, const struct config *cfg,
			  int64_t id, int64_t expected_version,
			  const struct edit_change *ch, size_t n,
			  const struct edit_clock *clock,
			  const struct store_actor *who, struct stay *saved,
			  size_t *nchanged, enum stay_field *bad,
			  struct sr_error *err)
{
	struct stay s = {0};
	enum stay_field bad_local;
	enum sr_status status;

	if (!bad)
		bad = &bad_local;
	if ((status = store_tx_begin(st, err)) != SR_OK)
		return status;
	status = store_stay_get(st, id, &s, err);
	if (status == SR_OK && expected_version &&
	    s.version != expected_version)
		/* Let the store explain who changed it and when. */
		status = store_stay_update(st, &s, expected_version, who,
					   NULL, err);
	if (status == SR_OK)
		status = apply_changes(cfg, &s, ch, n, clock, bad, err);
	if (status == SR_OK)
		status = store_stay_update(st, &s, s.version, who, nchanged,
					   err);
	status = end_tx(st, status, err);
	if (status == SR_OK && saved)
		stay_copy(saved, &s);
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

enum sr_status edit_admit(struct store *st, const struct config *cfg,
			  const struct edit_change *ch, size_t n,
			  const struct edit_clock *clock,
			  const struct store_actor *who, struct stay *saved,
			  enum stay_field *bad, struct sr_error *err)
{
	struct stay s = {0};
	enum stay_field bad_local;
	enum sr_status status;

	if (!bad)
		bad = &bad_local;
	for (size_t i = 0; i < n; i++)
		if (ch[i].field == SF_DISCHARGED_AT && ch[i].value &&
		    *ch[i].value) {
			*bad = SF_DISCHARGED_AT;
			return sr_fail(err, SR_EINVAL, "discharged_at: a new "
				       "admission cannot be discharged already");
		}
	status = apply_changes(cfg, &s, ch, n, clock, bad, err);
	if (status == SR_OK)
		status = store_tx_begin(st, err);
	if (status != SR_OK) {
		stay_clear(&s);
		return status;
	}
	status = check_not_in_bed(st, &s, bad, err);
	if (status == SR_OK)
		status = store_stay_insert(st, &s, "admitted", who, err);
	status = end_tx(st, status, err);
	if (status == SR_OK && saved)
		stay_copy(saved, &s);
	stay_clear(&s);
	return status;
}

static enum sr_status check_mark(const struct config *cfg,
				 const struct stay *s, sr_day day,
				 const char *colour, const char *reason,
				 const struct edit_clock *clock,
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
	if (reason && *reason && !config_red_reason(cfg, reason))
		return sr_fail(err, SR_EINVAL,
			       "unknown red-day reason '%.32s' (see "
			       "red_reasons in the config)", reason);
	if (day > clock->today)
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

static enum sr_status mark_tx(struct store *st, const struct config *cfg,
			      int64_t id, sr_day day, bool check,
			      const char *seen_colour, const char *seen_reason,
			      const char *colour, const char *reason,
			      const struct edit_clock *clock,
			      const struct store_actor *who,
			      struct sr_error *err)
{
	struct stay s = {0};
	char d[DATE_BUF];
	const struct reason_cfg *rc = NULL;
	enum sr_status status;

	if ((status = store_tx_begin(st, err)) != SR_OK)
		return status;
	date_format(day, d);
	status = store_stay_get(st, id, &s, err);
	if (status == SR_OK)
		status = check_mark(cfg, &s, day, colour, reason, clock, err);
	if (status == SR_OK && check)
		status = mark_unmoved(st, id, d, seen_colour, seen_reason, err);
	if (status == SR_OK) {
		if (reason && *reason)
			rc = config_red_reason(cfg, reason);
		status = store_day_mark(st, id, d, colour,
					rc ? rc->code : NULL, who, err);
	}
	status = end_tx(st, status, err);
	stay_clear(&s);
	return status;
}

enum sr_status edit_mark(struct store *st, const struct config *cfg,
			 int64_t id, sr_day day, const char *colour,
			 const char *reason, const struct edit_clock *clock,
			 const struct store_actor *who, struct sr_error *err)
{
	return mark_tx(st, cfg, id, day, false, NULL, NULL, colour, reason,
		       clock, who, err);
}

enum sr_status edit_mark_if(struct store *st, const struct config *cfg,
			    int64_t id, sr_day day, const char *seen_colour,
			    const char *seen_reason, const char *colour,
			    const char *reason, const struct edit_clock *clock,
			    const struct store_actor *who,
			    struct sr_error *err)
{
	return mark_tx(st, cfg, id, day, true, seen_colour, seen_reason,
		       colour, reason, clock, who, err);
}

enum sr_status edit_find(struct store *st, const char *site, const char *mrn,
			 int64_t *id, struct sr_error *err)
{
	int64_t *ids;
	size_t n;
	enum sr_status s = store_stay_by_mrn(st, site, mrn, &ids, &n, err);

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
