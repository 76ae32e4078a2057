/* Discharges and red and green days as known at an earlier time, a part
 * of the walk of metrics.c (metrics_internal.h): what the kept totals cannot
 * say, read stay by stay. */
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"
#include "sitrep/util.h"

static void discharges_reset(struct flow_counts *c)
{
	c->discharges_d1 = c->discharges_d1_am = 0;
	memset(c->discharges_d1_pathway, 0, sizeof(c->discharges_d1_pathway));
	memset(&c->w7, 0, sizeof(c->w7));
	memset(&c->w30, 0, sizeof(c->w30));
	c->w7.days = 7;
	c->w30.days = 30;
	c->dis28_weekend = c->dis28_weekday = 0;
}

static void window_put(struct discharge_window *win, sr_day left,
		       const struct store_discharge_row *r, int sign)
{
	sr_day g, admitted;

	win->discharges += sign;
	if (date_parse_prefix(r->g2g_date, &g)) {
		win->with_g2g += sign;
		win->g2g_to_discharge += sign * (left - g);
	}
	if (date_parse_prefix(r->admitted_at, &admitted))
		win->los += sign * (left - admitted);
	/* On or before the EDD: the discharge date <= EDD (none: missed). */
	if (r->edd && strncmp(r->discharged_at, r->edd, DATE_BUF - 1) <= 0)
		win->on_or_before_edd += sign;
}

static bool discharge_row(void *ctx, const struct store_discharge_row *r)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, r->site);
	struct flow_counts *c;
	sr_day left;

	if (!sm || !date_parse_prefix(r->discharged_at, &left) || left >= w->d)
		return true;
	c = &sm->c;
	if (left == w->d - 1) {
		int p = r->pathway ? atoi(r->pathway) : 4;

		c->discharges_d1 += w->sign;
		c->discharges_d1_pathway[p >= 0 && p <= 3 ? p : 4] += w->sign;
		/* Before midday: discharged before 12:00. */
		c->discharges_d1_am += w->sign *
				       (strlen(r->discharged_at) >= 16 &&
					strncmp(r->discharged_at + 11, "12:00",
						5) < 0);
	}
	if (left >= w->d - 28)
		*(date_is_weekend(left) ? &c->dis28_weekend :
					  &c->dis28_weekday) += w->sign;
	if (left >= w->d - 7)
		window_put(&c->w7, left, r, w->sign);
	if (left >= w->d - 30)
		window_put(&c->w30, left, r, w->sign);
	return true;
}

static void mark_count(void *ctx, const char *site, const char *colour,
		       long n)
{
	struct walk *w = ctx;
	struct site_metrics *sm = metrics_find_site(w->m, site);

	if (!sm)
		return;
	if (strcmp(colour, "red") == 0)
		sm->c.red_days = (int)n;
	else
		sm->c.green_days = (int)n;
}

/* The earlier of two instants; an empty one is none. */
const char *metrics_earlier(const char *a, const char *b)
{
	if (!*a)
		return b;
	if (!*b)
		return a;
	return strcmp(a, b) <= 0 ? a : b;
}

/* What the kept totals cannot say: with moment.known, the discharges as
 * then known; for an instant of a day, its red and green days as marked
 * by then. */
enum sr_status metrics_known_parts(struct store *st, struct walk *w,
				   const char *only_site,
				   struct sr_error *err)
{
	const struct sr_moment *mo = &w->m->moment;
	char from[MOMENT_INSTANT_BUF], to[MOMENT_INSTANT_BUF];
	enum sr_status s = SR_OK;

	date_format(w->d + 1, to);
	if (mo->known[0] && !w->board_only && strcmp(mo->known, to) >= 0) {
		/* Known a day or more after the window: the totals as now
		 * known, less what was recorded after K, plus what was
		 * known then and corrected since (store.h). */
		date_format(w->d - 30, from);
		date_format(w->d, to);
		w->sign = -1;
		s = store_discharges_changed(st, mo, from, to, only_site,
					     false, discharge_row, w, err);
		w->sign = 1;
		if (s == SR_OK)
			s = store_discharges_changed(st, mo, from, to,
						     only_site, true,
						     discharge_row, w, err);
	} else if (mo->known[0] && !w->board_only) {
		for (size_t i = 0; i < w->m->nsites; i++)
			discharges_reset(&w->m->sites[i].c);
		date_format(w->d - 30, from);
		date_format(w->d, to);
		s = store_discharges_each(st, mo, from, to, only_site,
					  discharge_row, w, err);
	} else if (mo->known[0]) {
		for (size_t i = 0; i < w->m->nsites; i++)
			discharges_reset(&w->m->sites[i].c);
		date_format(w->d - 1, from);
		date_format(w->d, to);
		s = store_discharges_each(st, mo, from, to, only_site,
					  discharge_row, w, err);
	}
	if (s == SR_OK && !w->board_only &&
	    (mo->known[0] || !mo->end_of_day)) {
		struct sr_moment marks = *mo;
		char day[DATE_BUF];

		strlcpy_ok(marks.known, mo->end_of_day ? mo->known :
				metrics_earlier(mo->at, mo->known),
			   sizeof(marks.known));
		for (size_t i = 0; i < w->m->nsites; i++)
			w->m->sites[i].c.red_days = w->m->sites[i].c.green_days
				= 0;
		date_format(w->d, day);
		s = store_marks_known(st, &marks, day, only_site, mark_count,
				      w, err);
	}
	return s;
}
