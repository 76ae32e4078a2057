/* What was in a bed at the moment, a part of the walk of metrics.c
 * (metrics_internal.h): the patients in a bed (occupied, stranded, delayed,
 * by length of stay, reason and agency), their blockers and escalations,
 * the longest delayed, and the delayed bed days. */
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"
#include "sitrep/timeline.h"
#include "sitrep/util.h"

/* Slot of a reason code: its index in the config, or the "not recorded"
 * slot for an empty code or one the config no longer lists. */
static size_t reason_slot(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->ndelay_reasons && code && *code; i++)
		if (strcmp(cfg->delay_reasons[i].code, code) == 0)
			return i;
	return cfg->ndelay_reasons;
}

static int agency_slot(const char *code)
{
	enum agency a;

	return code && *code && agency_parse(code, &a) ? (int)a : AGENCY_COUNT;
}

/* Delayed on day d: a discharge ready date (g2g_date) in force, on or
 * before d (DESIGN §2). */
static bool delayed_on(const char *g2g, sr_day d, sr_day *g)
{
	return stay_nctr_on(g2g, d, g);
}

static int longest_cmp(const struct longest *a, const char *g2g,
		       const char *admitted, int64_t stay)
{
	int c = strcmp(a->g2g, g2g);

	if (!c)
		c = strcmp(a->admitted, admitted);
	if (!c)
		c = (a->stay > stay) - (a->stay < stay);
	return c;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void longest_offer(struct walk *w, const struct store_bed_row *r)
{
	size_t at = w->ntop;
	struct longest *l;

	while (at > 0 && longest_cmp(&w->top[at - 1], r->g2g_date,
				     r->admitted_at, r->stay) > 0)
		at--;
	if (at >= METRICS_LONGEST)
		return;
	if (w->ntop == METRICS_LONGEST) {
		for (int i = 0; i < 9; i++)
			free(w->top[METRICS_LONGEST - 1].text[i]);
		w->ntop--;
	}
	memmove(&w->top[at + 1], &w->top[at],
		(w->ntop - at) * sizeof(w->top[0]));
	w->ntop++;
	l = &w->top[at];
	memset(l, 0, sizeof(*l));
	l->stay = r->stay;
	strlcpy_ok(l->g2g, r->g2g_date, sizeof(l->g2g));
	strlcpy_ok(l->admitted, r->admitted_at, sizeof(l->admitted));
	l->text[0] = dup_or_null(r->ward);
	l->text[1] = dup_or_null(r->bed);
	l->text[2] = dup_or_null(r->edd);
	l->text[3] = dup_or_null(r->g2g_date);
	l->text[4] = dup_or_null(r->delay_reason);
	l->text[5] = dup_or_null(r->delay_agency);
	l->text[6] = dup_or_null(r->pathway);
}

/* A blocker open at the moment, or ended in the 7 days to it. */
static bool blocker_row(void *ctx, const struct store_blocker_then *b)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, b->site);
	const struct reason_cfg *rc;
	struct flow_counts *c;
	size_t owner;
	sr_day opened, closed, due;

	if (!sm || !date_parse_prefix(b->opened_at, &opened))
		return true;
	c = &sm->c;
	if (b->closed_at && strcmp(b->closed_at, w->m->moment.at) <= 0) {
		if (date_parse_prefix(b->closed_at, &closed))
			metrics_closed_add(c, (int)(closed - opened));
		return true;
	}
	c->blockers_open++;
	rc = config_delay_reason(w->cfg, b->code);
	c->blockers_by_family[rc ? (int)rc->family : FAMILY_COUNT]++;
	c->blockers_by_agency[agency_slot(b->agency)]++;
	owner = w->cfg->nowners;
	for (size_t i = 0; b->owner && i < w->cfg->nowners; i++)
		if (strcmp(w->cfg->owners[i].code, b->owner) == 0)
			owner = i;
	c->blockers_by_owner[owner]++;
	if (b->due && date_parse(b->due, &due) && due < w->d) {
		c->blockers_overdue++;
		w->overdue = xgrow(w->overdue, &w->capoverdue, w->noverdue + 1,
				   sizeof(*w->overdue));
		w->overdue[w->noverdue].stay = b->stay;
		w->overdue[w->noverdue++].days = (int)(w->d - due);
	}
	return true;
}

static int cmp_overdue(const void *a, const void *b)
{
	const struct overdue *x = a, *y = b;

	if (x->stay != y->stay)
		return x->stay < y->stay ? -1 : 1;
	return (y->days > x->days) - (y->days < x->days); /* most first */
}

/* The days the stay's most overdue open blocker is past its due date;
 * -1: none is. */
static int overdue_days(const struct walk *w, int64_t stay)
{
	size_t lo = 0, hi = w->noverdue;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->overdue[mid].stay < stay)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->noverdue && w->overdue[lo].stay == stay ?
		       w->overdue[lo].days : -1;
}

/* The blockers' figures and each stay's most overdue blocker. */
enum sr_status metrics_blockers_read(struct store *st, struct walk *w,
				     const char *only_site,
				     struct sr_error *err)
{
	char since[MOMENT_INSTANT_BUF];
	enum sr_status s;

	/* Ends after D-7 23:59:59: from D-6 00:00 on. */
	date_format(w->d - 7, since);
	strlcpy_ok(since + DATE_BUF - 1, "T23:59:59",
		   sizeof(since) - (DATE_BUF - 1));
	s = store_blockers_then(st, &w->m->moment, since, only_site,
				blocker_row, w, err);
	if (s == SR_OK && w->noverdue)
		qsort(w->overdue, w->noverdue, sizeof(*w->overdue),
		      cmp_overdue);
	return s;
}

/* a before b in the escalations' order. */
static bool esc_before(const struct esc_top *a, const struct esc_top *b)
{
	int c;

	if (a->role != b->role)
		return a->role > b->role;
	if (a->delay != b->delay)
		return a->delay > b->delay;
	if (a->overdue != b->overdue)
		return a->overdue > b->overdue;
	if ((c = strcmp(a->admitted, b->admitted)) != 0)
		return c < 0;
	return a->stay < b->stay;
}

static void esc_offer(struct walk *w, const struct store_bed_row *r,
		      const struct esc_top *e)
{
	size_t at = w->nesc;
	struct esc_top *p;

	while (at > 0 && esc_before(e, &w->esc[at - 1]))
		at--;
	if (at >= METRICS_ESCALATED)
		return;
	if (w->nesc == METRICS_ESCALATED) {
		for (int k = 0; k < 7; k++)
			free(w->esc[METRICS_ESCALATED - 1].text[k]);
		w->nesc--;
	}
	memmove(&w->esc[at + 1], &w->esc[at], (w->nesc - at) * sizeof(*e));
	w->nesc++;
	p = &w->esc[at];
	*p = *e;
	p->text[0] = dup_or_null(r->ward);
	p->text[1] = dup_or_null(r->bed);
	p->text[2] = dup_or_null(r->edd);
	p->text[3] = dup_or_null(r->g2g_date);
	p->text[4] = dup_or_null(r->delay_reason);
	p->text[5] = dup_or_null(r->delay_agency);
	p->text[6] = dup_or_null(r->pathway);
}

/* Escalated at the moment: the config's rules on the days delayed (-1:
 * not delayed) and the days overdue. */
static void escalation_count(struct walk *w, struct flow_counts *c,
			     const struct store_bed_row *r, int delay_days)
{
	struct esc_top e = {.stay = r->stay, .delay = delay_days};

	if (w->board_only)
		return;
	e.overdue = overdue_days(w, r->stay);
	e.role = config_escalation(w->cfg, delay_days, e.overdue);
	if (e.role < 0 || (size_t)e.role >= w->cfg->nroles)
		return;
	c->escalated++;
	c->escalated_by_role[e.role]++;
	strlcpy_ok(e.admitted, r->admitted_at, sizeof(e.admitted));
	esc_offer(w, r, &e);
}

bool metrics_in_bed_row(void *ctx, const struct store_bed_row *r)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, r->site);
	struct flow_counts *c;
	sr_day admitted, g;

	if (!sm || !date_parse_prefix(r->admitted_at, &admitted))
		return true;
	c = &sm->c;
	/* LOS on D: the midnights since admission, D - admission date. */
	c->occupied++;
	{
		struct ward_beds *wb = metrics_find_ward(sm, r->ward);

		if (wb)
			wb->occupied++;
		else
			sm->occupied_no_ward++;
	}
	c->stranded += w->d - admitted >= w->cfg->stranded_days;
	c->super_stranded += w->d - admitted >= w->cfg->super_stranded_days;
	c->no_edd += !r->edd;
	metrics_expected_discharge(w, c, r);
	c->edd_passed += r->edd && strcmp(r->edd, w->day) < 0;
	if (!delayed_on(r->g2g_date, w->d, &g)) {
		escalation_count(w, c, r, -1);
		return true;
	}
	escalation_count(w, c, r, (int)(w->d - g));
	c->g2g++;
	{
		static const int from[] = METRICS_LOS_BAND_FROM;
		int band = METRICS_LOS_BANDS - 1;

		while (band > 0 && w->d - admitted < from[band])
			band--;
		c->g2g_by_los[band]++;
	}
	c->g2g_by_reason[reason_slot(w->cfg, r->delay_reason)]++;
	c->g2g_by_agency[agency_slot(r->delay_agency)]++;
	if (!w->board_only)
		longest_offer(w, r);
	return true;
}

/* Delayed bed days: the days d of [first, D] on which a stretch of a stay
 * with discharge ready date g was in force at the end of d (at the moment
 * for D) and g <= d. A stretch [from, to) is in force at the end of a
 * day d before D when from's day <= d < to's day; `now` says whether it
 * is in force at the moment. */
static long delayed_days(sr_day first, sr_day d, sr_day from, sr_day to,
			 bool now, sr_day g)
{
	sr_day lo = from > g ? from : g, hi = to - 1 < d - 1 ? to - 1 : d - 1;
	long n = 0;

	lo = lo > first ? lo : first;
	if (hi >= lo)
		n += hi - lo + 1;
	/* D itself, at the moment. */
	if (now && d >= first && g <= d)
		n++;
	return n;
}

static bool delay_span(void *ctx, const struct store_delay_span *sp)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, sp->site);
	const char *at = w->m->moment.at;
	sr_day g, from, to;
	long mtd, week;
	bool now;

	if (!sm || !date_parse_prefix(sp->g2g_date, &g) ||
	    !date_parse_prefix(sp->from, &from))
		return true;
	if (!date_parse_prefix(sp->to, &to) ||
	    strcmp(sp->to, TIMELINE_OPEN) == 0)
		to = w->d + 1;
	now = strcmp(sp->from, at) <= 0 && strcmp(sp->to, at) > 0;
	mtd = delayed_days(w->month, w->d, from, to, now, g);
	week = delayed_days(w->d - 6, w->d, from, to, now, g);
	sm->c.delayed_bed_days_mtd += mtd;
	sm->c.delayed_bed_days_7d += week;
	sm->c.dbd_mtd_by_reason[reason_slot(w->cfg, sp->delay_reason)] += mtd;
	sm->c.dbd_mtd_by_agency[agency_slot(sp->delay_agency)] += mtd;
	return true;
}

/* The board's delayed bed days (it shows no breakdown by reason or
 * agency): the closed days' totals kept by the store (delay_day) where
 * they hold every day before D, plus D itself at the moment, which is the
 * delayed patients of the moment (flow_counts.g2g, read just before);
 * else, and for everything else, the stretches with a DRD read in full.
 * As known at an earlier time, always the stretches. */
static void put_days(void *ctx, const char *site, long month, long week)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, site);

	if (!sm)
		return;
	sm->c.delayed_bed_days_mtd += month;
	sm->c.delayed_bed_days_7d += week;
}

enum sr_status metrics_delay_bed_days(struct store *st, struct walk *w,
				      const char *since,
				      const char *only_site,
				      struct sr_error *err)
{
	bool covered = false;
	enum sr_status s = SR_OK;

	if (w->board_only && !only_site && !w->m->moment.known[0])
		s = store_delay_day_sums(st, w->d - 1, w->d - 6,
					 date_first_of_month(w->d), &covered,
					 put_days, w, err);
	if (s != SR_OK)
		return s;
	if (!covered)
		return store_delay_spans(st, &w->m->moment, since, only_site,
					 delay_span, w, err);
	for (size_t i = 0; i < w->m->nsites; i++) {
		struct flow_counts *c = &w->m->sites[i].c;

		c->delayed_bed_days_mtd += c->g2g;
		c->delayed_bed_days_7d += c->g2g;
	}
	return SR_OK;
}

/* Stay id read in full, with the values in force at the moment (text:
 * ward, bed, EDD, DRD, reason, agency, pathway, as the walk kept them);
 * a discharge after the moment is not shown. */
static enum sr_status stay_then(struct store *st, const struct walk *w,
				int64_t id, char *const *text,
				struct stay *out, struct sr_error *err)
{
	static const enum stay_field fields[] = {
		SF_WARD, SF_BED, SF_EDD, SF_G2G_DATE, SF_DELAY_REASON,
		SF_DELAY_AGENCY, SF_PATHWAY,
	};
	enum sr_status s = store_stay_get(st, id, out, err);

	if (s != SR_OK)
		return s;
	for (size_t k = 0; k < ARRAY_SIZE(fields); k++)
		stay_set(out, fields[k], text[k]);
	if (out->v[SF_DISCHARGED_AT] &&
	    strcmp(out->v[SF_DISCHARGED_AT], w->m->moment.at) > 0) {
		stay_set(out, SF_DISCHARGED_AT, NULL);
		stay_set(out, SF_DESTINATION, NULL);
	}
	return SR_OK;
}

/* The longest delayed and the first escalated, read in full. */
enum sr_status metrics_stays_read(struct store *st, struct walk *w,
				  struct sr_error *err)
{
	enum sr_status s = SR_OK;

	for (size_t i = 0; i < w->ntop && s == SR_OK; i++) {
		s = stay_then(st, w, w->top[i].stay, w->top[i].text,
			      &w->m->longest[i], err);
		w->m->nlongest += s == SR_OK;
	}
	for (size_t i = 0; i < w->nesc && s == SR_OK; i++) {
		struct metrics_escalation *out = &w->m->escalations[i];

		s = stay_then(st, w, w->esc[i].stay, w->esc[i].text,
			      &out->stay, err);
		if (s != SR_OK)
			break;
		w->m->nescalations++;
		out->role = w->esc[i].role;
		out->delay_days = w->esc[i].delay;
		out->overdue_days = w->esc[i].overdue;
	}
	return s;
}

void metrics_walk_free(struct walk *w)
{
	for (size_t i = 0; i < w->nesc; i++)
		for (int k = 0; k < 7; k++)
			free(w->esc[i].text[k]);
	for (size_t i = 0; i < w->ntop; i++)
		for (int k = 0; k < 9; k++)
			free(w->top[i].text[k]);
	free(w->overdue);
}
