/* Synthetic data (see include/sitrep/demo.h).
 *
 * Each bed is simulated on its own: it stands empty for a while (so the
 * site runs at its target occupancy), takes a patient whose length of stay
 * is drawn from a long-tailed (log-normal) distribution for the site's kind,
 * discharges them (fewer at weekends, mostly in the afternoon), and so on up
 * to the start of the day asked for: never up to the time of day it runs
 * at, which would make the data depend on it (issue 12, defect 14). Longer
 * stays are more often green to go before they end, for one of the
 * national DTOC reasons in proportions like the seed plans'.
 *
 * Each stay comes with its history as dated facts (DESIGN §4), each value
 * from when it became true: the EDD set at admission or at the next
 * morning's ward round, and for many stays whose EDD passed while they
 * were in a bed, revised the morning after; the discharge ready date with
 * its reason, agency, pathway and planned destination from a morning of
 * that day; a plain discharge's pathway and destination from the morning
 * it leaves. Each stay is recorded as if sitrep had been kept up to date
 * all along: its audit row at its admission, each fact and state when it
 * became true (store_actor.recorded_when_true), a revised EDD when it was
 * revised, a red or green day that afternoon (not after the demo's run),
 * so a report as known at an earlier time (--as-known-at) is the one
 * printed then. These draws come
 * from a stream of their own, so the stays (admissions, lengths of stay,
 * delays) are those a seed gave before the history was added. */
#include "sitrep/demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_internal.h"
#include "sitrep/stay.h"
#include "sitrep/util.h"

/* ---- the simulation ---------------------------------------------------*/

struct kind_model {
	double los_median; /* days */
	double los_sigma;  /* of log LOS */
};

static const struct kind_model models[SITE_KIND_COUNT] = {
	/* Tuned so that about a fifth of occupied acute beds are stranded
	 * and a few percent super-stranded, as in the seed plans. */
	[SITE_ACUTE] = {2.2, 0.9},
	[SITE_COMMUNITY] = {9.0, 0.7},
	[SITE_MENTAL_HEALTH] = {14.0, 0.8},
};

/* Delay reasons and how often each holds a patient up (national codes; the
 * largest are care packages at home and nursing homes), with the agency
 * usually responsible and the pathway out. */
static const struct {
	const char *code;
	int weight;
	const char *agency[3];
	int pathway;
} reasons[] = {
	{"E", 28, {"ASC", "ASC", "both"}, 1},
	{"D2", 20, {"ASC", "both", "NHS"}, 3},
	{"A", 13, {"NHS", "ASC", "both"}, 1},
	{"D1", 10, {"ASC", "ASC", "both"}, 3},
	{"C", 8, {"NHS", "NHS", "NHS"}, 2},
	{"G", 8, {"NHS", "ASC", "both"}, 3},
	{"F", 5, {"NHS", "ASC", "ASC"}, 1},
	{"B", 3, {"ASC", "ASC", "ASC"}, 3},
	{"H", 2, {"both", "both", "both"}, 3},
	{"I", 2, {"ASC", "ASC", "ASC"}, 1},
	{"O", 1, {"NHS", "ASC", "both"}, 0},
};

struct patient {
	char mrn[32];
	char nhs[11];
	const char *family, *given;
	char birth[DATE_BUF];
	sr_minute left; /* last discharge, for readmissions */
};

/* An EDD revised after the stay was inserted: written once the indexes
 * are back (store_bulk_end), as an update from `at` on. */
struct edd_change {
	int64_t stay;
	sr_minute at;
	sr_day edd;
};

struct sim {
	struct store *st;
	const struct config *cfg;
	const struct demo_options *o;
	struct demo_report *rep;
	struct rng rng;
	struct rng hist; /* the history's draws (see the top) */
	/* Where patients came from, where they live and how sure an EDD
	 * is (issue 16): draws of their own, so the rest of the data set
	 * is the same as before they were added. */
	struct rng extra;
	struct store_actor who;
	struct edd_change *changes;
	size_t nchanges, cap_changes;
	long patients;  /* MRN counter */
	long nhs_body;  /* next NHS number body to try */
	double nhs_share; /* of new patients given an NHS number */
	struct patient recent[64]; /* recently discharged, per site */
	size_t nrecent;
	sr_minute start; /* the first minute of history */
	sr_minute end;   /* nothing happens after this: today's 00:00 */
};

static void new_patient(struct sim *s, const char *site, struct patient *p)
{
	int age = 18 + (int)(82 * sqrt(rng_unit(&s->rng)));

	s->patients++;
	snprintf(p->mrn, sizeof(p->mrn), "%.8s%07ld", site, s->patients);
	if (s->nhs_share >= 1 || rng_unit(&s->rng) < s->nhs_share)
		demo_nhs_number(&s->nhs_body, p->nhs);
	else
		p->nhs[0] = '\0';
	demo_name(&s->rng, &p->family, &p->given);
	date_format(s->o->today - age * 365 - rng_below(&s->rng, 365),
		    p->birth);
	p->left = 0;
}

/* Now and then a patient discharged in the last four weeks comes back. */
static void next_patient(struct sim *s, const char *site, sr_minute at,
			 struct patient *p)
{
	if (s->nrecent && rng_unit(&s->rng) < 0.04) {
		size_t i = rng_below(&s->rng, (uint32_t)s->nrecent);

		if (at - s->recent[i].left <= 28L * MINUTES_PER_DAY &&
		    at > s->recent[i].left) {
			*p = s->recent[i];
			s->recent[i] = s->recent[--s->nrecent];
			return;
		}
	}
	new_patient(s, site, p);
}

static void remember(struct sim *s, const struct patient *p)
{
	if (s->nrecent < ARRAY_SIZE(s->recent))
		s->recent[s->nrecent++] = *p;
	else
		s->recent[rng_below(&s->rng, ARRAY_SIZE(s->recent))] = *p;
}

/* Minutes into the day: admissions through the day and evening; discharges
 * mostly in the afternoon, about a quarter before midday. */
static int admission_minute(struct rng *r)
{
	return (int)(rng_unit(r) * MINUTES_PER_DAY);
}

static int discharge_minute(struct rng *r)
{
	double u = rng_unit(r);

	if (u < 0.25)
		return 9 * 60 + (int)(rng_unit(r) * 180);      /* 09-12 */
	return 12 * 60 + (int)(rng_unit(r) * 8 * 60);          /* 12-20 */
}

static int pick_reason(struct sim *s)
{
	int total = 0, x;

	for (size_t i = 0; i < ARRAY_SIZE(reasons); i++)
		total += reasons[i].weight;
	x = (int)rng_below(&s->rng, (uint32_t)total);
	for (size_t i = 0; i < ARRAY_SIZE(reasons); i++) {
		if (x < reasons[i].weight)
			return (int)i;
		x -= reasons[i].weight;
	}
	return 0;
}

/* The delay reason's code as the config spells it, or NULL if the config
 * does not have it (a system with local codes): then one of its own. */
static const char *config_code(struct sim *s, int r)
{
	const struct reason_cfg *rc = config_delay_reason(s->cfg,
							  reasons[r].code);

	if (rc)
		return rc->code;
	if (!s->cfg->ndelay_reasons)
		return NULL;
	return s->cfg->delay_reasons[rng_below(&s->rng,
				(uint32_t)s->cfg->ndelay_reasons)].code;
}

static void set_day(struct stay *st, enum stay_field f, sr_day d)
{
	char buf[DATE_BUF];

	date_format(d, buf);
	stay_set(st, f, buf);
}

static void set_time(struct stay *st, enum stay_field f, sr_minute t)
{
	char buf[DATETIME_BUF];

	datetime_format(t, buf);
	stay_set(st, f, buf);
}

/* Green to go, with a reason and an agency, some days before the discharge
 * (longer stays more often and for longer): *drd the discharge ready date,
 * or left alone when there is none. *reason: whether one is recorded. */
static void delay(struct sim *s, struct stay *st, sr_day admitted,
		  sr_day leaves, int *pathway, sr_day *drd, bool *reason)
{
	int los = (int)(leaves - admitted), r, days;
	char pw[4];
	sr_day g2g;

	if (los < 2 || rng_unit(&s->rng) > 0.12 + 0.6 * fmin(1.0, los / 25.0))
		return;
	days = 1 + (int)(rng_exp(&s->rng, 0.25 * los));
	if (days > los)
		days = los;
	g2g = leaves - days;
	if (g2g > s->o->today)
		return; /* not ready yet */
	set_day(st, SF_G2G_DATE, g2g);
	*drd = g2g;
	if (rng_unit(&s->rng) < 0.05)
		return; /* no reason recorded yet */
	r = pick_reason(s);
	stay_set(st, SF_DELAY_REASON, config_code(s, r));
	stay_set(st, SF_DELAY_AGENCY, reasons[r].agency[rng_below(&s->rng, 3)]);
	*pathway = reasons[r].pathway;
	*reason = true;
	snprintf(pw, sizeof(pw), "%d", *pathway);
	stay_set(st, SF_PATHWAY, pw);
}

static int plain_pathway(struct rng *r)
{
	double u = rng_unit(r);

	return u < 0.55 ? 0 : u < 0.82 ? 1 : u < 0.93 ? 2 : 3;
}

static enum sr_status mark_days(struct sim *s, const struct stay *st,
				sr_day admitted, struct sr_error *err)
{
	static const char *const red[] = {"test", "review", "therapy",
					  "package", "transport", "result"};

	for (sr_day d = s->o->today - 2; d <= s->o->today; d++) {
		struct store_actor who = s->who;
		char day[DATE_BUF], at[DATETIME_BUF + 3];
		sr_minute t = (sr_minute)d * MINUTES_PER_DAY + 16 * 60;

		bool is_red = rng_unit(&s->rng) < 0.3;
		const struct reason_cfg *rc = NULL;
		enum sr_status status;

		if (d < admitted)
			continue;
		date_format(d, day);
		/* Marked that afternoon, or by the demo's run for today. */
		if (t > s->o->run_at)
			t = s->o->run_at;
		datetime_format(t, at);
		strcat(at, ":00");
		who.at = at;
		if (is_red)
			rc = config_red_reason(s->cfg,
				red[rng_below(&s->rng, ARRAY_SIZE(red))]);
		status = store_day_mark(s->st, st->id, day,
					is_red ? "red" : "green",
					rc ? rc->code : NULL, &who, err);
		if (status != SR_OK)
			return status;
		s->rep->marks++;
	}
	return SR_OK;
}

/* A time of the morning of day d (08:00 to 12:00): a ward round, a board
 * round, a discharge meeting. */
static sr_minute morning(struct rng *r, sr_day d)
{
	return (sr_minute)d * MINUTES_PER_DAY + 8 * 60 +
	       (sr_minute)rng_below(r, 240);
}

/* What the simulation decided about a stay, for its history. */
struct stay_plan {
	sr_minute at, out;  /* admission, discharge (out > end: in a bed) */
	bool has_edd, has_drd, reason, discharged;
	sr_day edd, drd;
};

/* Source, area of residence and how sure the EDD is. Community beds
 * take about a third of their patients from home or the community (the
 * seed plans' 25% step-up, aiming for 50%), the rest from acute beds;
 * one patient in twelve lives outside the system's areas; two EDDs in
 * five are confirmed. */
static void extras(struct sim *s, const struct site_cfg *site,
		   struct stay *st)
{
	struct rng *r = &s->extra;
	double u = rng_unit(r);
	const char *source;

	if (site->kind == SITE_COMMUNITY)
		source = u < 0.2 ? "home" : u < 0.33 ? "community" :
			 u < 0.95 ? "acute" : "other";
	else
		source = u < 0.85 ? "home" : u < 0.95 ? "community" : "other";
	stay_set(st, SF_SOURCE, source);
	if (s->cfg->nareas) {
		u = rng_unit(r);
		if (u < 1.0 / 12)
			stay_set(st, SF_AREA, u < 0.5 / 12 ? "OOA-N" : "OOA-S");
		else
			stay_set(st, SF_AREA, s->cfg->areas[rng_below(r,
				 (uint32_t)s->cfg->nareas)].code);
	}
	if (st->v[SF_EDD])
		stay_set(st, SF_EDD_STATUS, rng_unit(r) < 0.4 ? "confirmed" :
						     "possible");
}

/* The times each dated value of the stay became true (store_actor.since;
 * unset: from the admission), and *change the EDD revised later, if it
 * is (change->at 0 when not). Never later than the start of today. */
static void history(struct sim *s, const struct stay_plan *p,
		    char buf[SF_COUNT][DATETIME_BUF],
		    const char *since[SF_COUNT], struct edd_change *change)
{
	struct rng *r = &s->hist;
	sr_minute edd_at = p->at, t;

	change->at = 0;
	if (p->has_edd) {
		/* Not always at once: often at the next morning's round. */
		t = morning(r, datetime_day(p->at) + 1);
		if (rng_unit(r) < 0.3 && t < p->out && t < s->end) {
			edd_at = t;
			datetime_format(t, buf[SF_EDD]);
			since[SF_EDD] = buf[SF_EDD];
		}
		/* An EDD that passes with the patient still in is often
		 * moved on the morning after. */
		t = morning(r, p->edd + 1);
		if (p->edd < datetime_day(p->out) && rng_unit(r) < 0.6 &&
		    t > edd_at && t < p->out && t < s->end) {
			sr_day next = p->discharged ?
				datetime_day(p->out) - (sr_day)rng_below(r, 2) :
				datetime_day(t) + 1 + (sr_day)rng_below(r, 7);

			change->at = t;
			change->edd = next > datetime_day(t) ? next
							     : datetime_day(t);
		}
	}
	if (p->has_drd) {
		/* Ready from a morning of that day (the start of today at
		 * the latest): the reason, agency and pathway with it, and
		 * the destination they lead to. */
		t = morning(r, p->drd);
		if (t > s->end)
			t = s->end;
		datetime_format(t, buf[SF_G2G_DATE]);
		since[SF_G2G_DATE] = buf[SF_G2G_DATE];
		if (p->reason) {
			since[SF_DELAY_REASON] = buf[SF_G2G_DATE];
			since[SF_DELAY_AGENCY] = buf[SF_G2G_DATE];
			since[SF_PATHWAY] = buf[SF_G2G_DATE];
			since[SF_DESTINATION] = buf[SF_G2G_DATE];
		}
	}
	if (p->discharged && !since[SF_PATHWAY]) {
		/* A plain discharge: its pathway and destination from the
		 * morning it leaves (the store keeps a fact within the
		 * stay: a minute before a discharge earlier than that). */
		t = morning(r, datetime_day(p->out));
		datetime_format(t, buf[SF_PATHWAY]);
		since[SF_PATHWAY] = buf[SF_PATHWAY];
		since[SF_DESTINATION] = buf[SF_PATHWAY];
	}
}

/* The EDDs revised after their stays were inserted, with the indexes back:
 * each an update from the time it was revised, audited as such. */
static enum sr_status edd_changes(struct sim *s, struct progress_phase *bar,
				  struct sr_error *err)
{
	enum sr_status status = SR_OK;

	for (size_t i = 0; i < s->nchanges && status == SR_OK; i++) {
		const struct edd_change *c = &s->changes[i];
		struct store_actor who = s->who;
		char from[DATETIME_BUF + 3];
		struct stay st = {0};

		datetime_format(c->at, from);
		who.from = from;
		/* Recorded as it was revised. */
		strcat(from, ":00");
		who.at = from;
		who.touched = 1u << SF_EDD;
		status = store_stay_get(s->st, c->stay, &st, err);
		if (status == SR_OK) {
			set_day(&st, SF_EDD, c->edd);
			status = store_stay_update(s->st, &st, 0, &who, NULL,
						   err);
		}
		stay_clear(&st);
		if (i % 1024 == 1023)
			progress_phase((double)(i + 1) / (double)s->nchanges,
				       bar);
	}
	progress_phase(1, bar);
	return status;
}

/* One stay of the bed from admission at `at`; returns when the bed is free
 * again (or a time after the end if the patient is still in it). */
static enum sr_status one_stay(struct sim *s, const struct site_cfg *site,
			       const struct ward_cfg *ward, int bed,
			       sr_minute at, sr_minute *free_at,
			       struct sr_error *err)
{
	const struct kind_model *m = &models[site->kind];
	double los = rng_lognormal(&s->rng, log(m->los_median), m->los_sigma);
	sr_day admitted = datetime_day(at), leaves = admitted + (sr_day)los;
	sr_minute out;
	struct patient p;
	struct stay st = {0};
	struct stay_plan plan = {.at = at};
	struct edd_change change;
	char since_buf[SF_COUNT][DATETIME_BUF];
	const char *since[SF_COUNT] = {0};
	struct store_actor who = s->who;
	char admitted_at[DATETIME_BUF + 3];
	int pathway = -1;
	char buf[16];
	enum sr_status status;
	enum stay_field bad;

	/* Fewer discharges at weekends: many wait for Monday. */
	if (date_is_weekend(leaves) && rng_unit(&s->rng) < 0.4)
		leaves += date_weekday(leaves) == 5 ? 2 : 1;
	out = (sr_minute)leaves * MINUTES_PER_DAY + discharge_minute(&s->rng);
	if (out <= at)
		out = at + 60 + (sr_minute)rng_below(&s->rng, 240);
	*free_at = out;
	if (out < s->start)
		return SR_OK; /* before the history we keep */
	next_patient(s, site->code, at, &p);
	stay_set(&st, SF_SITE, site->code);
	stay_set(&st, SF_WARD, ward ? ward->code : NULL);
	snprintf(buf, sizeof(buf), "B%02d", bed + 1);
	stay_set(&st, SF_BED, buf);
	stay_set(&st, SF_MRN, p.mrn);
	stay_set(&st, SF_NHS_NUMBER, p.nhs);
	stay_set(&st, SF_FAMILY_NAME, p.family);
	stay_set(&st, SF_GIVEN_NAME, p.given);
	stay_set(&st, SF_BIRTH_DATE, p.birth);
	set_time(&st, SF_ADMITTED_AT, at);
	if (rng_unit(&s->rng) < 0.95) { /* an EDD, often optimistic */
		plan.has_edd = true;
		plan.edd = admitted + (sr_day)(los *
			(0.6 + 0.6 * rng_unit(&s->rng)) + 0.5);
		set_day(&st, SF_EDD, plan.edd);
	}
	extras(s, site, &st);
	plan.drd = -1;
	delay(s, &st, admitted, datetime_day(out), &pathway, &plan.drd,
	      &plan.reason);
	plan.has_drd = plan.drd >= 0;
	plan.out = out;
	if (out <= s->end) {
		plan.discharged = true;
		static const char *const dest[] = {"home", "home with support",
						   "rehabilitation bed",
						   "care home"};

		if (pathway < 0) {
			pathway = plain_pathway(&s->rng);
			snprintf(buf, sizeof(buf), "%d", pathway);
			stay_set(&st, SF_PATHWAY, buf);
		}
		set_time(&st, SF_DISCHARGED_AT, out);
		stay_set(&st, SF_DESTINATION, dest[pathway]);
		p.left = out;
	}
	if (stay_validate(s->cfg, &st, &bad, err) != SR_OK) {
		sr_error_prefix(err, "demo generated an invalid stay (%s): ",
				stay_field_name(bad));
		stay_clear(&st);
		return SR_EINVAL;
	}
	history(s, &plan, since_buf, since, &change);
	who.since = since;
	who.recorded_when_true = true;
	/* Recorded as the patient arrives. */
	datetime_format(at, admitted_at);
	strcat(admitted_at, ":00");
	who.at = admitted_at;
	status = store_stay_insert(s->st, &st, "demo", &who, err);
	if (status == SR_OK && change.at) {
		change.stay = st.id;
		s->changes = xgrow(s->changes, &s->cap_changes,
				   s->nchanges + 1, sizeof(*s->changes));
		s->changes[s->nchanges++] = change;
	}
	if (status == SR_OK) {
		s->rep->stays++;
		if (st.v[SF_DISCHARGED_AT]) {
			s->rep->discharged++;
			remember(s, &p);
		} else {
			s->rep->current++;
			status = mark_days(s, &st, admitted, err);
		}
	}
	stay_clear(&st);
	return status;
}

static enum sr_status one_bed(struct sim *s, const struct site_cfg *site,
			      const struct ward_cfg *ward, int bed,
			      double occupancy, struct sr_error *err)
{
	const struct kind_model *m = &models[site->kind];
	double mean_los = m->los_median * exp(m->los_sigma * m->los_sigma / 2);
	double gap = mean_los * (1 - occupancy) / occupancy;
	/* Start far enough back that the first stay in the history is in
	 * full flow, not an artefact of an empty hospital. */
	sr_minute t = s->start - (sr_minute)(rng_unit(&s->rng) * 120 *
					     MINUTES_PER_DAY);

	while (t <= s->end) {
		sr_minute at = t + 120 + (sr_minute)(rng_exp(&s->rng, gap) *
						     MINUTES_PER_DAY);
		enum sr_status status;

		/* A new admission at a plausible time of that day. */
		at = (sr_minute)datetime_day(at) * MINUTES_PER_DAY +
		     admission_minute(&s->rng);
		if (at < t + 60)
			at = t + 60;
		if (at > s->end)
			break;
		status = one_stay(s, site, ward, bed, at, &t, err);
		if (status != SR_OK)
			return status;
	}
	return SR_OK;
}

static enum sr_status one_site(struct sim *s, const struct site_cfg *site,
			       struct sr_error *err)
{
	double occupancy = 0.88 + 0.07 * rng_unit(&s->rng);
	enum sr_status status = SR_OK;

	s->nrecent = 0;
	if (site->nwards == 0) {
		for (int b = 0; b < site->beds && status == SR_OK; b++)
			status = one_bed(s, site, NULL, b, occupancy, err);
		return status;
	}
	for (size_t w = 0; w < site->nwards && status == SR_OK; w++)
		for (int b = 0; b < site->wards[w].beds && status == SR_OK; b++)
			status = one_bed(s, site, &site->wards[w], b,
					 occupancy, err);
	return status;
}

/* The test range of NHS numbers runs out after about 900,000 patients
 * (the national scale, past five weeks of history). Rather than the first
 * sites' patients having numbers and the last sites' none, every new
 * patient gets one with the same chance, which the expected number of
 * stays sets (an upper bound: every bed at 95%, no readmission), so that
 * readmissions, found by NHS number, show at every site and on every
 * day. */
static double nhs_share(const struct config *cfg, const struct demo_options *o)
{
	double stays = 0;

	for (size_t i = 0; i < cfg->nsites; i++) {
		const struct site_cfg *site = &cfg->sites[i];
		const struct kind_model *m = &models[site->kind];
		double mean_los = m->los_median *
				  exp(m->los_sigma * m->los_sigma / 2);
		double beds = 0;

		if (site->nwards == 0)
			beds = site->beds;
		for (size_t w = 0; w < site->nwards; w++)
			beds += site->wards[w].beds;
		stays += 0.95 * beds * ((double)o->days + mean_los) / mean_los;
	}
	return stays > DEMO_NHS_NUMBERS ? DEMO_NHS_NUMBERS / stays : 1;
}

/* The blockers of the history get owners and due dates, as a hub would
 * give them when it opens them: an owner of the config for the blocker's
 * agency (one that takes any agency, or the same; for a blocker of both
 * agencies or none, any owner), due 1 to 4 days after it opened. */
static enum sr_status blocker_owners(struct sim *s, struct sr_error *err)
{
	const struct config *cfg = s->cfg;
	const char **pick;
	enum sr_status status = SR_OK;

	if (!cfg->nowners)
		return SR_OK;
	pick = xcalloc(cfg->nowners, sizeof(*pick));
	for (int a = 0; a <= AGENCY_COUNT && status == SR_OK; a++) {
		size_t n = 0;

		for (size_t i = 0; i < cfg->nowners; i++) {
			int own = cfg->owners[i].agency;

			if (a == AGENCY_COUNT || a == AGENCY_BOTH || own < 0 ||
			    own == a || own == AGENCY_BOTH)
				pick[n++] = cfg->owners[i].code;
		}
		if (!n)
			for (size_t i = 0; i < cfg->nowners; i++)
				pick[n++] = cfg->owners[i].code;
		status = store_blockers_assign_unowned(
			s->st, a < AGENCY_COUNT ? agency_code((enum agency)a)
						: NULL,
			pick, n, 1, 4, err);
	}
	free(pick);
	return status;
}

static enum sr_status fill(struct store *st, const struct config *cfg,
			   const struct demo_options *o,
			   struct demo_report *rep, struct sr_error *err)
{
	struct sim s = {.st = st, .cfg = cfg, .o = o, .rep = rep};
	struct progress_phase bar = {0};
	char stamp[20];
	enum sr_status status;

	rng_seed(&s.rng, o->seed);
	rng_seed(&s.hist, o->seed ^ 0x68697374ull); /* "hist" */
	rng_seed(&s.extra, o->seed ^ 0x6578747261ull); /* "extra" */
	s.nhs_share = nhs_share(cfg, o);
	s.start = (sr_minute)(o->today - o->days) * MINUTES_PER_DAY;
	s.end = (sr_minute)o->today * MINUTES_PER_DAY;
	datetime_format(o->run_at, stamp);
	strcat(stamp, ":00");
	s.who.by = o->by;
	s.who.at = stamp;
	/* An empty database (checked again inside the transaction): loaded
	 * with the indexes set aside, built once at the end. */
	if ((status = store_bulk_begin(st, "demo", err)) != SR_OK)
		return status;
	/* The stays, then the indexes and totals, then the revised EDDs:
	 * about 60, 25 and 15% of the time at the region scale (measured),
	 * so the bar does not stop at the end. */
	bar.fn = o->progress;
	bar.ctx = o->progress_ctx;
	bar.span = 0.6;
	for (size_t i = 0; i < cfg->nsites && status == SR_OK; i++) {
		status = one_site(&s, &cfg->sites[i], err);
		progress_phase((double)(i + 1) / (double)cfg->nsites, &bar);
	}
	if (status == SR_OK)
		status = blocker_owners(&s, err);
	bar.from = bar.span;
	bar.span = 0.9 - bar.from;
	if (status == SR_OK)
		status = store_bulk_end(st, progress_phase, &bar, err);
	bar.from += bar.span;
	bar.span = 1 - bar.from;
	if (status == SR_OK)
		status = edd_changes(&s, &bar, err);
	free(s.changes);
	if (status != SR_OK) {
		store_tx_rollback(st);
		return status;
	}
	return store_tx_commit(st, err);
}

enum sr_status demo_fill(struct store *st, const struct config *cfg,
			 const struct demo_options *o, struct demo_report *rep,
			 struct sr_error *err)
{
	enum sr_status status;
	bool direct;

	memset(rep, 0, sizeof(*rep));
	if (store_has_rows(st, "stay") != 0)
		return sr_fail(err, SR_EINVAL,
			       "%s already holds stays: demo data goes into an "
			       "empty database", store_path(st));
	/* Written once rather than through the log (a fifth less time at
	 * the region scale, measured), unless someone has the file open. */
	direct = store_journal_direct(st);
	status = fill(st, cfg, o, rep, err);
	/* Should this fail (someone opened the file meanwhile), the next
	 * sitrep to open it sets the log again. */
	if (direct)
		store_journal_wal(st, NULL);
	return status;
}

bool demo_scale_parse(const char *str, enum demo_scale *out)
{
	static const char *const names[] = {
#define DEMO_SCALE_NAME(e, name, help) name,
		DEMO_SCALE_TABLE(DEMO_SCALE_NAME)
#undef DEMO_SCALE_NAME
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(str, names[i]) == 0) {
			*out = (enum demo_scale)i;
			return true;
		}
	return false;
}
