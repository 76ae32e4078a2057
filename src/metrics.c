/* Patient-flow figures for a day (see include/sitrep/metrics.h): the
 * counts and their sums, OPEL, trajectories, and compute(), which walks the
 * moment's rows; what was in a bed is in metrics_in_bed.c, the bed balance
 * in metrics_balance.c, what was known at an earlier time in
 * metrics_known.c. */
#include "metrics_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"

double metrics_pct(long part, long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : NAN;
}

double metrics_mean(long sum, long n)
{
	return n ? (double)sum / (double)n : NAN;
}

void metrics_counts_init(struct flow_counts *c, const struct config *cfg)
{
	memset(c, 0, sizeof(*c));
	c->g2g_by_reason = xcalloc(cfg->ndelay_reasons + 1, sizeof(int));
	c->dbd_mtd_by_reason = xcalloc(cfg->ndelay_reasons + 1, sizeof(long));
	c->blockers_by_owner = xcalloc(cfg->nowners + 1, sizeof(int));
	c->escalated_by_role = xcalloc(cfg->nroles + 1, sizeof(int));
	c->blockers_median_days_to_close = NAN;
	c->w7.days = 7;
	c->w30.days = 30;
}

static void counts_free(struct flow_counts *c)
{
	free(c->g2g_by_reason);
	free(c->dbd_mtd_by_reason);
	free(c->blockers_by_owner);
	free(c->escalated_by_role);
	free(c->closed_days);
}

static void window_add(struct discharge_window *a,
		       const struct discharge_window *b)
{
	a->discharges += b->discharges;
	a->with_g2g += b->with_g2g;
	a->g2g_to_discharge += b->g2g_to_discharge;
	a->los += b->los;
	a->on_or_before_edd += b->on_or_before_edd;
}

/* The days open of a closed blocker, for the median. */
void metrics_closed_add(struct flow_counts *c, int days)
{
	c->closed_days = xgrow(c->closed_days, &c->capclosed,
			       (size_t)c->blockers_closed_7d + 1, sizeof(int));
	c->closed_days[c->blockers_closed_7d++] = days;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The median of the days open of the blockers closed in the 7 days. */
static void closed_median(struct flow_counts *c)
{
	size_t n = (size_t)c->blockers_closed_7d;

	c->blockers_median_days_to_close = NAN;
	if (!n)
		return;
	qsort(c->closed_days, n, sizeof(int), cmp_int);
	c->blockers_median_days_to_close =
		n % 2 ? c->closed_days[n / 2] :
			(c->closed_days[n / 2 - 1] + c->closed_days[n / 2]) /
				2.0;
}

static void counts_add(struct flow_counts *a, const struct flow_counts *b,
		       const struct config *cfg)
{
	size_t nreasons = cfg->ndelay_reasons;

	a->beds += b->beds;
	a->closed += b->closed;
	a->escalation += b->escalation;
	a->available += b->available;
	a->occupied += b->occupied;
	a->edd_today_confirmed += b->edd_today_confirmed;
	a->edd_today_possible += b->edd_today_possible;
	a->edd_tomorrow_confirmed += b->edd_tomorrow_confirmed;
	a->edd_tomorrow_possible += b->edd_tomorrow_possible;
	a->adm_expected_noon += b->adm_expected_noon;
	a->adm_expected_midnight += b->adm_expected_midnight;
	a->adm_mtd += b->adm_mtd;
	a->adm_mtd_step_up += b->adm_mtd_step_up;
	a->adm_mtd_step_down += b->adm_mtd_step_down;
	a->dis28_weekend += b->dis28_weekend;
	a->dis28_weekday += b->dis28_weekday;
	a->stranded += b->stranded;
	a->super_stranded += b->super_stranded;
	a->g2g += b->g2g;
	a->no_edd += b->no_edd;
	a->edd_passed += b->edd_passed;
	a->delayed_bed_days_7d += b->delayed_bed_days_7d;
	a->delayed_bed_days_mtd += b->delayed_bed_days_mtd;
	a->discharges_d1 += b->discharges_d1;
	a->discharges_d1_am += b->discharges_d1_am;
	for (int i = 0; i < 5; i++)
		a->discharges_d1_pathway[i] += b->discharges_d1_pathway[i];
	a->red_days += b->red_days;
	a->green_days += b->green_days;
	a->readmissions_30d += b->readmissions_30d;
	window_add(&a->w7, &b->w7);
	window_add(&a->w30, &b->w30);
	for (size_t i = 0; i <= nreasons; i++) {
		a->g2g_by_reason[i] += b->g2g_by_reason[i];
		a->dbd_mtd_by_reason[i] += b->dbd_mtd_by_reason[i];
	}
	for (int i = 0; i < METRICS_LOS_BANDS; i++)
		a->g2g_by_los[i] += b->g2g_by_los[i];
	for (int i = 0; i <= AGENCY_COUNT; i++) {
		a->g2g_by_agency[i] += b->g2g_by_agency[i];
		a->dbd_mtd_by_agency[i] += b->dbd_mtd_by_agency[i];
		a->blockers_by_agency[i] += b->blockers_by_agency[i];
	}
	a->blockers_open += b->blockers_open;
	a->blockers_overdue += b->blockers_overdue;
	for (int i = 0; i <= FAMILY_COUNT; i++)
		a->blockers_by_family[i] += b->blockers_by_family[i];
	for (size_t i = 0; i <= cfg->nowners; i++)
		a->blockers_by_owner[i] += b->blockers_by_owner[i];
	for (int i = 0; i < b->blockers_closed_7d; i++)
		metrics_closed_add(a, b->closed_days[i]);
	a->escalated += b->escalated;
	for (size_t i = 0; i < cfg->nroles; i++)
		a->escalated_by_role[i] += b->escalated_by_role[i];
}

static struct discharge_window *window(struct flow_counts *c, const char *key)
{
	return strcmp(key, "7") == 0 ? &c->w7 : &c->w30;
}

static void put_window(struct discharge_window *w, enum store_figure fig,
		       long v)
{
	switch (fig) {
	case FIG_WIN_DISCHARGES: w->discharges = (int)v; break;
	case FIG_WIN_WITH_G2G: w->with_g2g = (int)v; break;
	case FIG_WIN_G2G_DAYS: w->g2g_to_discharge = v; break;
	case FIG_WIN_LOS_DAYS: w->los = v; break;
	case FIG_WIN_ON_EDD: w->on_or_before_edd = (int)v; break;
	default: break;
	}
}

static void put_pathway(struct flow_counts *c, const char *key, long v,
			bool am)
{
	int p = key ? atoi(key) : 4;

	if (p < 0 || p > 4)
		p = 4;
	if (am) {
		c->discharges_d1_am += (int)v;
	} else {
		c->discharges_d1 += (int)v;
		c->discharges_d1_pathway[p] += (int)v;
	}
}

/* Figures come a site at a time, each site's many in a row: the site of
 * the last one is tried first, then the rest in turn. */
struct site_metrics *metrics_find_site(struct system_metrics *m,
				       const char *code)
{
	size_t lo = 0, hi = m->nsites;

	if (m->nsites &&
	    strcmp(m->sites[m->last_site].site->code, code) == 0)
		return &m->sites[m->last_site];
	/* Else by code: figures in no order of site (blockers by their
	 * end) would make a walk through the sites each. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->site_order[mid]->site->code, code);

		if (c == 0) {
			m->last_site = (size_t)(m->site_order[mid] - m->sites);
			return m->site_order[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL; /* a site no longer in the config */
}

struct ward_beds *metrics_find_ward(struct site_metrics *sm,
				    const char *ward)
{
	if (!ward)
		return NULL;
	for (size_t i = 0; i < sm->nwards; i++)
		if (strcmp(sm->wards[i].ward->code, ward) == 0)
			return &sm->wards[i];
	return NULL;
}

static int cmp_site_code(const void *a, const void *b)
{
	const struct site_metrics *x = *(const struct site_metrics *const *)a;
	const struct site_metrics *y = *(const struct site_metrics *const *)b;

	return strcmp(x->site->code, y->site->code);
}

static void site_order(struct system_metrics *m)
{
	m->site_order = xcalloc(m->nsites ? m->nsites : 1,
				sizeof(*m->site_order));
	for (size_t i = 0; i < m->nsites; i++)
		m->site_order[i] = &m->sites[i];
	if (m->nsites > 1)
		qsort(m->site_order, m->nsites, sizeof(*m->site_order),
		      cmp_site_code);
}

static void put(void *ctx, const char *site, enum store_figure fig,
		const char *key, double value)
{
	struct system_metrics *m = ctx;
	struct site_metrics *sm = metrics_find_site(m, site);
	struct flow_counts *c;
	long v = lround(value);

	if (!sm)
		return;
	c = &sm->c;
	switch (fig) {
	case FIG_DIS_D1: put_pathway(c, key, v, false); break;
	case FIG_DIS_D1_AM: put_pathway(c, key, v, true); break;
	case FIG_WIN_DISCHARGES:
	case FIG_WIN_WITH_G2G:
	case FIG_WIN_G2G_DAYS:
	case FIG_WIN_LOS_DAYS:
	case FIG_WIN_ON_EDD:
		put_window(window(c, key), fig, v);
		break;
	case FIG_RED_DAYS: c->red_days = (int)v; break;
	case FIG_GREEN_DAYS: c->green_days = (int)v; break;
	case FIG_READMISSIONS: c->readmissions_30d = (int)v; break;
	case FIG_ADMITTED_BY: sm->has_data = sm->has_data || v > 0; break;
	case FIG_COUNT: break;
	}
}

static void set_value(struct site_metrics *sm, enum opel_metric m, double v)
{
	sm->value[m] = v;
	sm->known[m] = !isnan(v);
}

static void evaluate_site(const struct config *cfg, struct site_metrics *sm)
{
	const struct flow_counts *c = &sm->c;
	struct opel_param_value input[OPEL_PARAMS_MAX];

	set_value(sm, METRIC_OCCUPANCY_PCT,
		  metrics_pct(c->occupied, c->available));
	set_value(sm, METRIC_G2G_PCT, metrics_pct(c->g2g, c->available));
	set_value(sm, METRIC_STRANDED_PCT,
		  metrics_pct(c->stranded, c->occupied));
	set_value(sm, METRIC_SUPER_STRANDED, c->super_stranded);
	set_value(sm, METRIC_DELAYED_BED_DAYS_7D,
		  (double)c->delayed_bed_days_7d);
	for (int i = 0; i < OPEL_PARAMS_MAX; i++)
		input[i] = sm->input[i].v;
	opel_evaluate_inputs(&cfg->opel.kind[sm->site->kind], sm->value,
			     sm->known, input, &sm->opel);
}

static void set_declared(int *level, char *at, char *by, char **note,
			 const struct opel_declaration *d)
{
	*level = d->level;
	strlcpy_ok(at, d->at ? d->at : "", 20);
	strlcpy_ok(by, d->by ? d->by : "", 64);
	free(*note);
	*note = d->note ? xstrdup(d->note) : NULL;
}

static void put_declared(void *ctx, const struct opel_declaration *d)
{
	struct system_metrics *m = ctx;
	struct site_metrics *sm;

	if (strcmp(d->site, STORE_SYSTEM) == 0) {
		set_declared(&m->declared, m->declared_at, m->declared_by,
			     &m->declared_note, d);
		return;
	}
	if ((sm = metrics_find_site(m, d->site)))
		set_declared(&sm->declared, sm->declared_at, sm->declared_by,
			     &sm->declared_note, d);
}

/* An OPEL input in force: for the site's parameter of that name with
 * source input, or, the system's, for every site's that has none of its
 * own. */
static void put_input(void *ctx, const struct opel_input *in)
{
	struct system_metrics *m = ctx;
	bool system = strcmp(in->site, STORE_SYSTEM) == 0;
	sr_minute t;

	for (size_t i = 0; i < m->nsites; i++) {
		struct site_metrics *sm = &m->sites[i];
		const struct opel_kind_cfg *k =
			&m->cfg->opel.kind[sm->site->kind];

		if (!system && strcmp(sm->site->code, in->site) != 0)
			continue;
		for (size_t p = 0; p < k->nparams && p < OPEL_PARAMS_MAX; p++) {
			struct metrics_input *mi = &sm->input[p];

			if (!k->params[p].input ||
			    strcmp(k->params[p].name, in->parameter) != 0 ||
			    (system && mi->v.known && !mi->system))
				continue;
			mi->v.known = true;
			mi->v.value = in->value;
			mi->v.age_hours = datetime_parse(in->at, &t) ?
					  (double)(m->as_at - t) / 60 : 0;
			strlcpy_ok(mi->at, in->at, sizeof(mi->at));
			strlcpy_ok(mi->by, in->recorded_by, sizeof(mi->by));
			mi->system = system;
		}
	}
}

static const char *const verdict_texts[] = {
#define TRAJECTORY_VERDICT_TEXT(e, text) [e] = text,
	TRAJECTORY_VERDICT_TABLE(TRAJECTORY_VERDICT_TEXT)
#undef TRAJECTORY_VERDICT_TEXT
};

const char *metrics_verdict_text(enum trajectory_verdict v)
{
	return (size_t)v < ARRAY_SIZE(verdict_texts) ? verdict_texts[v] : "?";
}

/* The month to date of day against target (-1: none), for site (NULL:
 * the system); no verdict without data. */
static void judge(struct trajectory_status *t, const struct site_cfg *site,
		  int target, long mtd, sr_day day, bool has_data)
{
	int y, mo, d;

	date_to_ymd(day, &y, &mo, &d);
	t->site = site;
	t->target = target;
	t->mtd = mtd;
	t->days_in_month = date_days_in_month(y, mo);
	t->day_of_month = d;
	t->projected = (double)mtd * t->days_in_month / d;
	t->expected_to_date = target < 0 ? NAN :
			      (double)target * d / t->days_in_month;
	if (!has_data)
		t->verdict = TRAJ_NO_DATA;
	else if (target < 0)
		t->verdict = site ? TRAJ_NO_SITE_TARGET : TRAJ_NO_TARGET;
	else
		t->verdict = t->projected <= target ? TRAJ_ON_TRACK : TRAJ_OVER;
	t->on_track = t->verdict == TRAJ_ON_TRACK;
}

/* Each site against its own trajectory; the whole against the system's,
 * or, for one site only, that site's. */
static void trajectory(const struct config *cfg, struct system_metrics *m,
		       bool only_site)
{
	for (size_t i = 0; i < m->nsites; i++) {
		struct site_metrics *sm = &m->sites[i];

		judge(&sm->trajectory, sm->site,
		      config_site_trajectory_for(sm->site, m->day),
		      sm->c.delayed_bed_days_mtd, m->day, sm->has_data);
	}
	if (only_site && m->nsites == 1)
		m->trajectory = m->sites[0].trajectory;
	else
		judge(&m->trajectory, NULL, config_trajectory_for(cfg, m->day),
		      m->total.delayed_bed_days_mtd, m->day, !m->no_data);
}

static void project(const struct system_metrics *m, struct flow_counts *c)
{
	c->projected_noon = metrics_projected_noon(m, c);
	c->projected_midnight = metrics_projected_midnight(m, c);
}

static void totals(const struct config *cfg, struct system_metrics *m,
		   bool only_site)
{
	int *levels = xcalloc(m->nsites + 1, sizeof(int));
	int *beds = xcalloc(m->nsites + 1, sizeof(int));

	for (size_t i = 0; i < m->nsites; i++) {
		struct site_metrics *sm = &m->sites[i];

		sm->c.available = metrics_available(&sm->c);
		evaluate_site(cfg, sm);
		counts_add(&m->kind[sm->site->kind], &sm->c, cfg);
		counts_add(&m->total, &sm->c, cfg);
		closed_median(&sm->c);
		levels[i] = sm->opel.level;
		beds[i] = sm->c.available;
	}
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		closed_median(&m->kind[k]);
	closed_median(&m->total);
	for (size_t i = 0; i < m->nsites; i++)
		project(m, &m->sites[i].c);
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		project(m, &m->kind[k]);
	project(m, &m->total);
	m->level = opel_system_level(cfg->opel.system_rule, levels, beds,
				     m->nsites);
	m->score = NAN;
	if (cfg->opel.scoring == SYSTEM_SCORING_SCORES) {
		double *scores = xcalloc(m->nsites + 1, sizeof(double));
		enum site_kind *kinds = xcalloc(m->nsites + 1, sizeof(*kinds));

		for (size_t i = 0; i < m->nsites; i++) {
			const struct site_metrics *sm = &m->sites[i];

			kinds[i] = sm->site->kind;
			scores[i] = cfg->opel.kind[kinds[i]].rule ==
				    OPEL_RULE_POINTS ? sm->opel.score : NAN;
		}
		m->score = opel_system_score(scores, kinds, m->nsites,
					     cfg->opel.system_weight);
		m->level = opel_score_level(cfg->opel.system_levels,
					    m->score);
		free(scores);
		free(kinds);
	}
	free(levels);
	free(beds);
	m->no_data = true;
	for (size_t i = 0; i < m->nsites; i++)
		m->no_data = m->no_data && !m->sites[i].has_data;
	trajectory(cfg, m, only_site);
}

void metrics_moment_of_day(struct sr_moment *m, sr_day d)
{
	sr_minute now = datetime_now();

	if (datetime_day(now) == d)
		moment_at(m, now);
	else
		moment_end_of_day(m, d);
}

/* The moment's fields of out: an instant is live (as at its minute), a
 * day's end is the midnight census (as at D+1 00:00). */
static void moment(struct system_metrics *m, const struct sr_moment *mo)
{
	m->moment = *mo;
	m->live = !mo->end_of_day;
	if (m->live && datetime_parse(mo->at, &m->as_at))
		return;
	m->live = false;
	m->as_at = (sr_minute)(m->day + 1) * MINUTES_PER_DAY;
}

bool metrics_out_of_area(const struct config *cfg, const char *area)
{
	return cfg->nareas && area && *area && !config_area(cfg, area);
}

static enum sr_status compute(struct store *st, const struct config *cfg,
			      const struct sr_moment *mo,
			      const char *only_site, enum store_scope scope,
			      struct system_metrics *out, struct sr_error *err)
{
	struct store_day q;
	struct walk w = {0};
	char since[MOMENT_INSTANT_BUF];
	sr_day d = mo->day, first;
	enum sr_status s;

	memset(out, 0, sizeof(*out));
	out->day = d;
	out->cfg = cfg;
	out->yesterday_weekend = date_is_weekend(d - 1);
	out->sites = xcalloc(cfg->nsites ? cfg->nsites : 1,
			     sizeof(*out->sites));
	for (size_t i = 0; i < cfg->nsites; i++) {
		const struct site_cfg *sc = &cfg->sites[i];

		if (only_site && strcmp(sc->code, only_site) != 0)
			continue;
		out->sites[out->nsites].site = sc;
		metrics_counts_init(&out->sites[out->nsites].c, cfg);
		out->sites[out->nsites].c.beds = sc->beds;
		if (sc->nwards) {
			struct site_metrics *sm = &out->sites[out->nsites];

			sm->wards = xcalloc(sc->nwards, sizeof(*sm->wards));
			sm->nwards = sc->nwards;
			for (size_t k = 0; k < sc->nwards; k++) {
				sm->wards[k].ward = &sc->wards[k];
				sm->wards[k].beds = sc->wards[k].beds;
			}
		}
		out->nsites++;
	}
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		metrics_counts_init(&out->kind[k], cfg);
	metrics_counts_init(&out->total, cfg);
	if (only_site && out->nsites == 0) {
		metrics_free(out);
		return sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'",
			       only_site);
	}
	site_order(out);
	moment(out, mo);
	store_day_init(&q, d, cfg->stranded_days, cfg->super_stranded_days);
	strlcpy_ok(q.at, out->moment.at, sizeof(q.at));
	out->board_only = scope == STORE_FIGURES_BOARD;
	w.m = out;
	w.cfg = cfg;
	w.d = d;
	w.month = date_first_of_month(d);
	date_format(d, w.day);
	date_format(d + 1, w.tomorrow);
	w.board_only = out->board_only;
	w.sign = 1;
	first = date_first_of_month(d) < d - 6 ? date_first_of_month(d)
					       : d - 6;
	date_format(first, since);
	strlcpy_ok(since + DATE_BUF - 1, "T00:00:00",
		   sizeof(since) - (DATE_BUF - 1));
	if ((s = store_read_begin(st, err)) != SR_OK) {
		metrics_free(out);
		return s;
	}
	s = store_day_figures(st, &q, only_site, scope, put, out, err);
	if (s == SR_OK)
		s = metrics_weekend_read(st, &w, only_site, err);
	if (s == SR_OK)
		s = metrics_known_parts(st, &w, only_site, err);
	if (s == SR_OK && !out->board_only)
		s = metrics_blockers_read(st, &w, only_site, err);
	if (s == SR_OK)
		s = store_in_bed_each(st, &out->moment, only_site,
				      metrics_in_bed_row, &w, err);
	if (s == SR_OK)
		s = store_bed_states(st, out->moment.at,
				     out->moment.known[0] ? out->moment.known
							  : NULL,
				     only_site, 0, metrics_bed_state_row, &w,
				     err);
	if (s == SR_OK)
		s = metrics_balance_read(st, &w, only_site, err);
	if (s == SR_OK)
		s = metrics_delay_bed_days(st, &w, since, only_site, err);
	if (s == SR_OK)
		s = store_opel_in_force(st, metrics_earlier(out->moment.at,
							    out->moment.known),
					put_declared, out, err);
	if (s == SR_OK)
		s = store_opel_inputs_in_force(st, out->moment.at,
					       out->moment.known[0] ?
					       out->moment.known : NULL,
					       put_input, out, err);
	if (s == SR_OK)
		s = metrics_stays_read(st, &w, err);
	store_read_end(st);
	metrics_walk_free(&w);
	if (s != SR_OK) {
		metrics_free(out);
		return s;
	}
	totals(cfg, out, only_site != NULL);
	return SR_OK;
}

enum sr_status metrics_compute_at(struct store *st, const struct config *cfg,
				  const struct sr_moment *m,
				  const char *only_site,
				  struct system_metrics *out,
				  struct sr_error *err)
{
	return compute(st, cfg, m, only_site, STORE_FIGURES_ALL, out, err);
}

enum sr_status metrics_compute(struct store *st, const struct config *cfg,
			       sr_day d, const char *only_site,
			       struct system_metrics *out,
			       struct sr_error *err)
{
	struct sr_moment m;

	metrics_moment_of_day(&m, d);
	return compute(st, cfg, &m, only_site, STORE_FIGURES_ALL, out, err);
}

enum sr_status metrics_compute_board_at(struct store *st,
					const struct config *cfg,
					const struct sr_moment *m,
					struct system_metrics *out,
					struct sr_error *err)
{
	return compute(st, cfg, m, NULL, STORE_FIGURES_BOARD, out, err);
}

enum sr_status metrics_compute_board(struct store *st,
				     const struct config *cfg, sr_day d,
				     struct system_metrics *out,
				     struct sr_error *err)
{
	struct sr_moment m;

	metrics_moment_of_day(&m, d);
	return compute(st, cfg, &m, NULL, STORE_FIGURES_BOARD, out, err);
}

void metrics_moment_short(const struct system_metrics *m, char *buf,
			  size_t size)
{
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec",
	};
	int minute = datetime_minute_of_day(m->as_at), y, mo, d;

	date_to_ymd(m->day, &y, &mo, &d);
	if (m->live)
		snprintf(buf, size, "as at %02d:%02d", minute / 60,
			 minute % 60);
	else
		snprintf(buf, size, "end of %d %s", d, months[mo - 1]);
}

void metrics_declared_text(int level, const char *at, const char *by,
			   char *buf, size_t size)
{
	if (level <= 0) {
		snprintf(buf, size, "none declared");
		return;
	}
	if (at && strlen(at) >= 16)
		snprintf(buf, size, "declared %d by %s at %.10s %.5s",
			 level, by ? by : "?", at, at + 11);
	else
		snprintf(buf, size, "declared %d by %s", level,
			 by ? by : "?");
}

void metrics_free(struct system_metrics *m)
{
	for (size_t i = 0; i < m->nsites; i++) {
		counts_free(&m->sites[i].c);
		free(m->sites[i].declared_note);
		free(m->sites[i].wards);
	}
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		counts_free(&m->kind[k]);
	counts_free(&m->total);
	free(m->sites);
	free(m->site_order);
	free(m->declared_note);
	for (size_t i = 0; i < m->nlongest; i++)
		stay_clear(&m->longest[i]);
	for (size_t i = 0; i < m->nescalations; i++)
		stay_clear(&m->escalations[i].stay);
	memset(m, 0, sizeof(*m));
}
