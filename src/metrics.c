/* Patient-flow figures for a day (see include/sitrep/metrics.h). */
#include "sitrep/metrics.h"

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

static void counts_init(struct flow_counts *c, const struct config *cfg)
{
	memset(c, 0, sizeof(*c));
	c->g2g_by_reason = xcalloc(cfg->ndelay_reasons + 1, sizeof(int));
	c->dbd_mtd_by_reason = xcalloc(cfg->ndelay_reasons + 1, sizeof(long));
	c->w7.days = 7;
	c->w30.days = 30;
}

static void counts_free(struct flow_counts *c)
{
	free(c->g2g_by_reason);
	free(c->dbd_mtd_by_reason);
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

static void counts_add(struct flow_counts *a, const struct flow_counts *b,
		       size_t nreasons)
{
	a->beds += b->beds;
	a->occupied += b->occupied;
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
	for (int i = 0; i <= AGENCY_COUNT; i++) {
		a->g2g_by_agency[i] += b->g2g_by_agency[i];
		a->dbd_mtd_by_agency[i] += b->dbd_mtd_by_agency[i];
	}
}

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
static struct site_metrics *find_site(struct system_metrics *m,
				      const char *code)
{
	for (size_t n = 0; n < m->nsites; n++) {
		size_t i = (m->last_site + n) % m->nsites;

		if (strcmp(m->sites[i].site->code, code) == 0) {
			m->last_site = i;
			return &m->sites[i];
		}
	}
	return NULL; /* a site no longer in the config */
}

static void put(void *ctx, const char *site, enum store_figure fig,
		const char *key, double value)
{
	struct system_metrics *m = ctx;
	struct site_metrics *sm = find_site(m, site);
	struct flow_counts *c;
	long v = lround(value);

	if (!sm)
		return;
	c = &sm->c;
	switch (fig) {
	case FIG_OCCUPIED: c->occupied += (int)v; break;
	case FIG_STRANDED: c->stranded += (int)v; break;
	case FIG_SUPER_STRANDED: c->super_stranded += (int)v; break;
	case FIG_G2G: c->g2g += (int)v; break;
	case FIG_NO_EDD: c->no_edd += (int)v; break;
	case FIG_EDD_PASSED: c->edd_passed += (int)v; break;
	case FIG_G2G_REASON:
		c->g2g_by_reason[reason_slot(m->cfg, key)] += (int)v;
		break;
	case FIG_G2G_AGENCY: c->g2g_by_agency[agency_slot(key)] += (int)v; break;
	case FIG_DBD_MTD_REASON:
		c->dbd_mtd_by_reason[reason_slot(m->cfg, key)] += v;
		c->delayed_bed_days_mtd += v;
		break;
	case FIG_DBD_MTD_AGENCY: c->dbd_mtd_by_agency[agency_slot(key)] += v; break;
	case FIG_DBD_7D: c->delayed_bed_days_7d += v; break;
	case FIG_DBD_MTD: c->delayed_bed_days_mtd += v; break;
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

	set_value(sm, METRIC_OCCUPANCY_PCT, metrics_pct(c->occupied, c->beds));
	set_value(sm, METRIC_G2G_PCT, metrics_pct(c->g2g, c->beds));
	set_value(sm, METRIC_STRANDED_PCT,
		  metrics_pct(c->stranded, c->occupied));
	set_value(sm, METRIC_SUPER_STRANDED, c->super_stranded);
	set_value(sm, METRIC_DELAYED_BED_DAYS_7D,
		  (double)c->delayed_bed_days_7d);
	opel_evaluate(&cfg->opel.kind[sm->site->kind], sm->value, sm->known,
		      &sm->opel);
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
	if ((sm = find_site(m, d->site)))
		set_declared(&sm->declared, sm->declared_at, sm->declared_by,
			     &sm->declared_note, d);
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

static void totals(const struct config *cfg, struct system_metrics *m,
		   bool only_site)
{
	int *levels = xcalloc(m->nsites + 1, sizeof(int));
	int *beds = xcalloc(m->nsites + 1, sizeof(int));

	for (size_t i = 0; i < m->nsites; i++) {
		struct site_metrics *sm = &m->sites[i];

		evaluate_site(cfg, sm);
		counts_add(&m->kind[sm->site->kind], &sm->c,
			   cfg->ndelay_reasons);
		counts_add(&m->total, &sm->c, cfg->ndelay_reasons);
		levels[i] = sm->opel.level;
		beds[i] = sm->c.beds;
	}
	m->level = opel_system_level(cfg->opel.system_rule, levels, beds,
				     m->nsites);
	free(levels);
	free(beds);
	m->no_data = true;
	for (size_t i = 0; i < m->nsites; i++)
		m->no_data = m->no_data && !m->sites[i].has_data;
	trajectory(cfg, m, only_site);
}

/* Today's counts are live (the stays in a bed now), a past day's are the
 * end of the day. */
static void moment(struct system_metrics *m)
{
	sr_minute now = datetime_now();

	m->live = datetime_day(now) == m->day;
	m->as_at = m->live ? now : (sr_minute)(m->day + 1) * MINUTES_PER_DAY;
}

static enum sr_status compute(struct store *st, const struct config *cfg,
			      sr_day d, const char *only_site,
			      enum store_scope scope,
			      struct system_metrics *out, struct sr_error *err)
{
	struct store_day q;
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
		counts_init(&out->sites[out->nsites].c, cfg);
		out->sites[out->nsites].c.beds = sc->beds;
		out->nsites++;
	}
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		counts_init(&out->kind[k], cfg);
	counts_init(&out->total, cfg);
	if (only_site && out->nsites == 0) {
		metrics_free(out);
		return sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'",
			       only_site);
	}
	store_day_init(&q, d, cfg->stranded_days, cfg->super_stranded_days);
	out->board_only = scope == STORE_FIGURES_BOARD;
	s = store_day_figures(st, &q, only_site, scope, put, out, err);
	if (s == SR_OK)
		s = store_opel_in_force(st, q.next, put_declared, out, err);
	if (s != SR_OK) {
		metrics_free(out);
		return s;
	}
	totals(cfg, out, only_site != NULL);
	moment(out);
	return SR_OK;
}

enum sr_status metrics_compute(struct store *st, const struct config *cfg,
			       sr_day d, const char *only_site,
			       struct system_metrics *out,
			       struct sr_error *err)
{
	return compute(st, cfg, d, only_site, STORE_FIGURES_ALL, out, err);
}

enum sr_status metrics_compute_board(struct store *st,
				     const struct config *cfg, sr_day d,
				     struct system_metrics *out,
				     struct sr_error *err)
{
	return compute(st, cfg, d, NULL, STORE_FIGURES_BOARD, out, err);
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
	}
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		counts_free(&m->kind[k]);
	counts_free(&m->total);
	free(m->sites);
	free(m->declared_note);
	memset(m, 0, sizeof(*m));
}
