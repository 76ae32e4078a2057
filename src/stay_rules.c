/* Domain rules across a stay's fields (admitted <= green to go <=
 * discharged, EDD, presence), times not in the future, and derived values
 * (LOS, delay days, in a bed). See include/sitrep/stay.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sitrep/stay.h"
#include "sitrep/util.h"

/* ---- cross-field rules ---- */

#define BAD_DATETIME "invalid date and time (expected YYYY-MM-DDTHH:MM)"

/* The parsed dates of a stay; have_* say which are present. */
struct stay_dates {
	sr_minute admitted, discharged;
	sr_day admitted_day, discharged_day, g2g, edd, birth;
	bool have_discharged, have_g2g, have_edd, have_birth;
};

static enum sr_status field_fail(enum stay_field f, enum stay_field *bad,
				 struct sr_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Fails validation at field f with a formatted message. */
static enum sr_status field_fail(enum stay_field f, enum stay_field *bad,
				 struct sr_error *err, const char *fmt, ...)
{
	va_list ap;

	if (bad)
		*bad = f;
	if (err) {
		err->status = SR_EINVAL;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return SR_EINVAL;
}

static enum sr_status get_day(const struct stay *s, enum stay_field f,
			      sr_day *out, bool *have, enum stay_field *bad,
			      struct sr_error *err)
{
	*have = s->v[f] != NULL;
	if (*have && !date_parse(s->v[f], out))
		return field_fail(f, bad, err,
				  "invalid date (expected YYYY-MM-DD)");
	return SR_OK;
}

static enum sr_status get_dates(const struct stay *s, struct stay_dates *d,
				enum stay_field *bad, struct sr_error *err)
{
	enum sr_status st;

	if (!datetime_parse(s->v[SF_ADMITTED_AT], &d->admitted))
		return field_fail(SF_ADMITTED_AT, bad, err, BAD_DATETIME);
	d->admitted_day = datetime_day(d->admitted);
	d->have_discharged = s->v[SF_DISCHARGED_AT] != NULL;
	if (d->have_discharged) {
		if (!datetime_parse(s->v[SF_DISCHARGED_AT], &d->discharged))
			return field_fail(SF_DISCHARGED_AT, bad, err,
					  BAD_DATETIME);
		d->discharged_day = datetime_day(d->discharged);
	}
	st = get_day(s, SF_G2G_DATE, &d->g2g, &d->have_g2g, bad, err);
	if (st == SR_OK)
		st = get_day(s, SF_EDD, &d->edd, &d->have_edd, bad, err);
	if (st == SR_OK)
		st = get_day(s, SF_BIRTH_DATE, &d->birth, &d->have_birth, bad,
			     err);
	return st;
}

/* Rules on the order of the stay's dates. */
static enum sr_status check_order(const struct stay *s,
				  const struct stay_dates *d,
				  enum stay_field *bad, struct sr_error *err)
{
	const char *adm = s->v[SF_ADMITTED_AT];
	char day[DATE_BUF];

	date_format(d->admitted_day, day);
	if (d->have_birth && d->birth > d->admitted_day)
		return field_fail(SF_BIRTH_DATE, bad, err,
				  "birth date is after admission");
	if (d->have_discharged && d->discharged < d->admitted)
		return field_fail(SF_DISCHARGED_AT, bad, err,
				  "discharge %s is before admission (%s)",
				  s->v[SF_DISCHARGED_AT], adm);
	if (d->have_g2g && d->g2g < d->admitted_day)
		return field_fail(SF_G2G_DATE, bad, err,
				  "green-to-go date %s is before admission "
				  "(%s)",
				  s->v[SF_G2G_DATE], day);
	if (d->have_g2g && d->have_discharged && d->g2g > d->discharged_day)
		return field_fail(SF_G2G_DATE, bad, err,
				  "green-to-go date %s is after discharge (%s)",
				  s->v[SF_G2G_DATE], s->v[SF_DISCHARGED_AT]);
	if (d->have_edd && d->edd < d->admitted_day)
		return field_fail(SF_EDD, bad, err,
				  "expected discharge date %s is before "
				  "admission (%s)", s->v[SF_EDD], day);
	return SR_OK;
}

/* Rules on which fields may be set together. A delay reason and agency
 * need no green-to-go date: they are what the patient waits for (the
 * primary blocker, store_blocker.c), which may be known before the
 * patient is ready to go; the figures count them for delayed patients
 * only. */
static enum sr_status check_presence(const struct stay *s,
				     enum stay_field *bad,
				     struct sr_error *err)
{
	if (s->v[SF_DESTINATION] && !s->v[SF_DISCHARGED_AT])
		return field_fail(SF_DESTINATION, bad, err,
				  "a discharge destination needs a discharge "
				  "time");
	return SR_OK;
}

enum sr_status stay_validate(const struct config *cfg, const struct stay *s,
			     enum stay_field *bad, struct sr_error *err)
{
	struct stay_dates d;
	enum sr_status st;

	(void)cfg;
	for (int f = 0; f < SF_COUNT; f++)
		if (stay_field_required(f) && !s->v[f])
			return field_fail((enum stay_field)f, bad, err,
					  "%s is required", stay_field_name(f));
	st = get_dates(s, &d, bad, err);
	if (st == SR_OK)
		st = check_order(s, &d, bad, err);
	if (st == SR_OK)
		st = check_presence(s, bad, err);
	return st;
}

/* ---- derived values ---- */

/* The stay's admission day and the last day counted for it: d, or the
 * discharge day if that came first. False if d is before admission. */
static bool counted_span(const struct stay *s, sr_day d, sr_day *from,
			 sr_day *to)
{
	sr_minute t;

	if (!datetime_parse(s->v[SF_ADMITTED_AT], &t))
		return false;
	*from = datetime_day(t);
	if (d < *from)
		return false;
	*to = d;
	if (s->v[SF_DISCHARGED_AT] &&
	    datetime_parse(s->v[SF_DISCHARGED_AT], &t) && datetime_day(t) < d)
		*to = datetime_day(t);
	return true;
}

enum sr_status stay_check_times(const struct stay *s, sr_minute now,
				enum stay_field *bad, struct sr_error *err)
{
	static const enum stay_field fields[] = {SF_ADMITTED_AT,
						 SF_DISCHARGED_AT};
	char when[DATETIME_BUF];

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		sr_minute t;

		if (!s->v[fields[i]] || !datetime_parse(s->v[fields[i]], &t) ||
		    t <= now)
			continue;
		*bad = fields[i];
		datetime_format(now, when);
		return sr_fail(err, SR_EINVAL, "%s is in the future (now is %s)",
			       fields[i] == SF_ADMITTED_AT ? "admission" :
							     "discharge",
			       when);
	}
	return SR_OK;
}

int stay_los(const struct stay *s, sr_day d)
{
	sr_day from, to;

	if (!counted_span(s, d, &from, &to))
		return -1;
	return (int)(to - from);
}

int stay_delay_days(const struct stay *s, sr_day d)
{
	sr_day from, to, g2g;

	if (!counted_span(s, d, &from, &to) ||
	    !date_parse(s->v[SF_G2G_DATE], &g2g))
		return -1;
	if (g2g > to)
		return -1;
	return (int)(to - g2g);
}

bool stay_nctr_on(const char *drd, sr_day d, sr_day *day)
{
	return date_parse_prefix(drd, day) && *day <= d;
}

bool stay_in_bed(const struct stay *s, sr_day d)
{
	sr_minute t;

	if (!datetime_parse(s->v[SF_ADMITTED_AT], &t) || datetime_day(t) > d)
		return false;
	if (!s->v[SF_DISCHARGED_AT])
		return true;
	return datetime_parse(s->v[SF_DISCHARGED_AT], &t) &&
	       datetime_day(t) > d;
}

/* ---- beds ---- */

int stay_bed_number(const char *bed)
{
	size_t len = bed ? strlen(bed) : 0, start = len;
	long n = 0;

	while (start > 0 && bed[start - 1] >= '0' && bed[start - 1] <= '9')
		start--;
	if (start == len || len - start > 6)
		return -1;
	for (size_t i = start; i < len; i++)
		n = n * 10 + (bed[i] - '0');
	return (int)n;
}

int stay_beds_configured(const struct config *cfg, const struct stay *s)
{
	const struct site_cfg *site;
	const struct ward_cfg *ward;

	if (!cfg || !(site = config_site(cfg, s->v[SF_SITE])))
		return 0;
	if (s->v[SF_WARD])
		return (ward = config_ward(site, s->v[SF_WARD])) ? ward->beds
								  : 0;
	return site->nwards ? 0 : site->beds;
}
