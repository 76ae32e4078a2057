/* The bed balance and community flow (issue 16): expected discharges and
 * expected admissions, the free beds projected to noon and midnight,
 * closed and escalation beds, step-up and step-down admissions and the
 * weekend discharges. Parts of the walk of metrics.c (metrics_internal.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"
#include "sitrep/util.h"

/* Expected discharges: a patient in a bed whose EDD is D or D+1,
 * confirmed or possible. */
void metrics_expected_discharge(const struct walk *w, struct flow_counts *c,
				const struct store_bed_row *r)
{
	if (r->edd && (strcmp(r->edd, w->day) == 0 ||
		       strcmp(r->edd, w->tomorrow) == 0)) {
		bool today = strcmp(r->edd, w->day) == 0;
		bool sure = r->edd_status &&
			    strcmp(r->edd_status, "confirmed") == 0;

		if (today)
			*(sure ? &c->edd_today_confirmed :
				 &c->edd_today_possible) += 1;
		else
			*(sure ? &c->edd_tomorrow_confirmed :
				 &c->edd_tomorrow_possible) += 1;
	}
}

/* Expected admissions: the four weeks' sums, a mean once added. */
static void put_adm_time(void *ctx, const char *site, const char *key,
			 double noon, double midnight)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, site);

	(void)key;
	if (sm) {
		sm->c.adm_expected_noon = noon / 4;
		sm->c.adm_expected_midnight = midnight / 4;
	}
}

static void put_adm_source(void *ctx, const char *site, const char *source,
			   double n, double unused)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, site);

	(void)unused;
	if (!sm)
		return;
	sm->c.adm_mtd += (int)n;
	if (source_step_up(source))
		sm->c.adm_mtd_step_up += (int)n;
	else if (source_step_down(source))
		sm->c.adm_mtd_step_down += (int)n;
}

static void put_weekend(void *ctx, const char *site, const char *key,
			double weekend, double weekday)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, site);

	(void)key;
	if (sm) {
		sm->c.dis28_weekend = (int)weekend;
		sm->c.dis28_weekday = (int)weekday;
	}
}

/* The rows of the bed balance and, for a full report, of the flow. */
enum sr_status metrics_balance_read(struct store *st, struct walk *w,
				    const char *only_site,
				    struct sr_error *err)
{
	const struct sr_moment *mo = &w->m->moment;
	char days[4][DATE_BUF], hhmm[6], from[DATE_BUF + 9];
	enum sr_status s;

	for (int i = 0; i < 4; i++)
		date_format(w->d - 7 * (i + 1), days[i]);
	snprintf(hhmm, sizeof(hhmm), "%.5s",
		 strlen(mo->at) >= 16 ? mo->at + 11 : "00:00");
	s = store_admissions_by_time(st, (const char(*)[DATE_BUF])days, hhmm,
				     only_site, put_adm_time, w, err);
	if (s != SR_OK || w->board_only)
		return s;
	date_format(date_first_of_month(w->d), from);
	strlcpy_ok(from + DATE_BUF - 1, "T00:00", sizeof(from) - DATE_BUF + 1);
	return store_admissions_by_source(st, from, mo->at, only_site,
					  put_adm_source, w, err);
}

/* The weekend discharges from the kept totals, before metrics_known_parts
 * takes away what was recorded after the moment's K (as it does for the
 * windows). */
enum sr_status metrics_weekend_read(struct store *st, struct walk *w,
				    const char *only_site,
				    struct sr_error *err)
{
	char from[DATE_BUF], to[DATE_BUF];

	if (w->board_only)
		return SR_OK;
	date_format(w->d - 28, from);
	date_format(w->d, to);
	return store_discharges_weekend(st, from, to, only_site, put_weekend,
					w, err);
}

static bool projections_apply(const struct system_metrics *m, int hour)
{
	int minute;

	if (m->moment.end_of_day || strlen(m->moment.at) < 16)
		return false;
	minute = atoi(m->moment.at + 11) * 60 + atoi(m->moment.at + 14);
	return minute < hour * 60;
}

double metrics_projected_noon(const struct system_metrics *m,
			      const struct flow_counts *c)
{
	if (!projections_apply(m, 12))
		return NAN;
	return metrics_free_beds(c) + c->edd_today_confirmed -
	       c->adm_expected_noon;
}

double metrics_projected_midnight(const struct system_metrics *m,
				  const struct flow_counts *c)
{
	if (!projections_apply(m, 24))
		return NAN;
	return metrics_free_beds(c) + c->edd_today_confirmed +
	       c->edd_today_possible - c->adm_expected_midnight;
}

double metrics_step_up_pct(const struct flow_counts *c)
{
	return metrics_pct(c->adm_mtd_step_up,
			   c->adm_mtd_step_up + c->adm_mtd_step_down);
}

double metrics_weekend_ratio(const struct flow_counts *c)
{
	if (c->dis28_weekday == 0)
		return NAN;
	return (c->dis28_weekend / 8.0) / (c->dis28_weekday / 20.0);
}

int metrics_available(const struct flow_counts *c)
{
	return c->beds - c->closed + c->escalation;
}

int metrics_free_beds(const struct flow_counts *c)
{
	return metrics_available(c) - c->occupied;
}

/* A bed state in force at the moment: closed beds and escalation beds of
 * the site, and of the ward when it names one. */
bool metrics_bed_state_row(void *ctx, const struct bed_state *b)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, b->site);
	struct ward_beds *wb;

	if (!sm)
		return true;
	if (b->escalation)
		sm->c.escalation += b->count;
	else
		sm->c.closed += b->count;
	if ((wb = metrics_find_ward(sm, b->ward))) {
		if (b->escalation)
			wb->escalation += b->count;
		else
			wb->closed += b->count;
	}
	return true;
}
