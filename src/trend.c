/* Trends: a figure by period and its SPC chart (include/sitrep/trend.h).
 *
 * The days come from the store: counts at each day's end from the states
 * (store_state_series), the day's discharges from the kept totals
 * (store_discharge_series). Each day gives a numerator and, for a %, a
 * base; a period's value is the sum, the mean per day, or 100 x the sum of
 * the numerators over the sum of the bases (left out when that is 0). */
#include "sitrep/trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"

/* Where a figure's days come from. */
enum source {
	SRC_DELAYED,    /* NCTR at the day's end */
	SRC_IN_BED,     /* in a bed at the day's end */
	SRC_STRANDED,   /* ... with LOS >= stranded_days */
	SRC_SUPER,      /* ... with LOS >= super_stranded_days */
	SRC_OCCUPANCY,  /* in a bed, over the configured beds */
	SRC_DISCHARGES, /* the day's discharges */
	SRC_MIDDAY,     /* discharged before midday, over all discharged */
	SRC_WEEKEND,    /* the day's discharges on a Saturday or Sunday */
};

static const struct {
	struct trend_figure_info info;
	enum source src;
} figures[TREND_FIGURE_COUNT] = {
	[TREND_NCTR] = {{"nctr", NULL, TREND_MEAN, SPC_DOWN, false},
			SRC_DELAYED},
	[TREND_DELAYED_BED_DAYS] = {{"delayed_bed_days", "delayed bed days",
				     TREND_SUM, SPC_DOWN, false}, SRC_DELAYED},
	[TREND_OCCUPIED] = {{"occupied", "occupied beds", TREND_MEAN, SPC_DOWN,
			     false}, SRC_IN_BED},
	[TREND_OCCUPANCY_PCT] = {{"occupancy_pct", "occupancy %", TREND_PCT,
				  SPC_DOWN, false}, SRC_OCCUPANCY},
	[TREND_STRANDED] = {{"stranded", "stranded patients", TREND_MEAN,
			     SPC_DOWN, false}, SRC_STRANDED},
	[TREND_SUPER_STRANDED] = {{"super_stranded", "super-stranded patients",
				   TREND_MEAN, SPC_DOWN, false}, SRC_SUPER},
	[TREND_DISCHARGES] = {{"discharges", "discharges", TREND_SUM, SPC_UP,
			       false}, SRC_DISCHARGES},
	[TREND_BEFORE_MIDDAY_PCT] = {{"before_midday_pct",
				      "discharges before midday %", TREND_PCT,
				      SPC_UP, false}, SRC_MIDDAY},
	[TREND_WEEKEND_DISCHARGES] = {{"weekend_discharges",
				       "weekend discharges", TREND_SUM, SPC_UP,
				       true}, SRC_WEEKEND},
};

static const char *const by_names[TREND_BY_COUNT] = {"day", "week",
						     "month"};
static const size_t year_of[TREND_BY_COUNT] = {365, 52, 12};

const struct trend_figure_info *trend_figure_info(enum trend_figure f)
{
	return &figures[f].info;
}

bool trend_figure_parse(const char *name, enum trend_figure *out)
{
	for (size_t i = 0; i < TREND_FIGURE_COUNT; i++)
		if (strcmp(figures[i].info.name, name) == 0) {
			*out = (enum trend_figure)i;
			return true;
		}
	return false;
}

const char *trend_by_name(enum trend_by by)
{
	return by_names[by];
}

bool trend_by_parse(const char *name, enum trend_by *out)
{
	for (size_t i = 0; i < TREND_BY_COUNT; i++)
		if (strcmp(by_names[i], name) == 0) {
			*out = (enum trend_by)i;
			return true;
		}
	return false;
}

size_t trend_year(enum trend_by by)
{
	return year_of[by];
}

void trend_period_of(enum trend_by by, sr_day d, struct trend_period *p)
{
	int y, m, dd;

	p->value = 0;
	p->imported = false;
	switch (by) {
	case TREND_WEEK:
		p->first = d - date_weekday(d);
		p->last = p->first + 6;
		return;
	case TREND_MONTH:
		date_to_ymd(d, &y, &m, &dd);
		p->first = date_from_ymd(y, m, 1);
		p->last = date_from_ymd(y, m, date_days_in_month(y, m));
		return;
	default:
		p->first = p->last = d;
		return;
	}
}

void trend_period_label(enum trend_by by, const struct trend_period *p,
			char buf[DATE_BUF])
{
	date_format(p->first, buf);
	if (by == TREND_MONTH)
		buf[7] = '\0';
}

void trend_default_range(enum trend_by by, sr_day today, sr_day *from,
			 sr_day *to)
{
	struct trend_period p;

	trend_period_of(by, today, &p);
	*to = p.first - 1;
	trend_period_of(by, *to, &p);
	for (size_t i = 1; i < year_of[by]; i++)
		trend_period_of(by, p.first - 1, &p);
	*from = p.first;
}

/* ---- the days ---------------------------------------------------------- */

/* Numerator v and base w of each day, by offset from the first. */
struct days {
	enum source src;
	sr_day first;
	double *v, *w;
	double beds;
	size_t n;
};

static double *day_slot(struct days *d, const char *day, double **w)
{
	sr_day t;

	if (!date_parse(day, &t) || t < d->first ||
	    (size_t)(t - d->first) >= d->n)
		return NULL;
	*w = &d->w[t - d->first];
	return &d->v[t - d->first];
}

static void put_count(void *ctx, const char *day, long value)
{
	struct days *d = ctx;
	double *w, *v = day_slot(d, day, &w);

	if (v) {
		*v = (double)value;
		*w = d->beds;
	}
}

static void put_discharges(void *ctx, const char *day, long n, long am)
{
	struct days *d = ctx;
	double *w, *v = day_slot(d, day, &w);
	sr_day t;

	if (!v)
		return;
	if (d->src == SRC_MIDDAY) {
		*v = (double)am;
		*w = (double)n;
	} else if (d->src == SRC_WEEKEND) {
		*v = date_parse(day, &t) && date_is_weekend(t) ? (double)n : 0;
	} else {
		*v = (double)n;
	}
}

/* A closure (or escalation beds) on the days whose end it covers: the
 * days x with from <= "xT23:59:59" < to, that is from's day <= x < to's
 * day (open: every day from then). */
static bool bed_state_day(void *ctx, const struct bed_state *b)
{
	struct days *d = ctx;
	sr_day from, to, end = d->first + (sr_day)d->n;

	if (!date_parse_prefix(b->from, &from))
		return true;
	if (b->to && date_parse_prefix(b->to, &to) && to < end)
		end = to;
	for (sr_day x = from < d->first ? d->first : from; x < end; x++) {
		double *w = &d->w[x - d->first];

		if (*w > 0)
			*w += b->escalation ? b->count : -b->count;
	}
	return true;
}

static enum sr_status read_days(struct store *st, const struct config *cfg,
				const char *site, struct days *d,
				struct sr_error *err)
{
	char a[DATE_BUF], b[DATE_BUF];

	date_format(d->first, a);
	date_format(d->first + (sr_day)d->n - 1, b);
	switch (d->src) {
	case SRC_DELAYED: {
		/* The kept totals when they hold every day (the same
		 * definition, tests/integration/test_totals.c checks them
		 * against the states), else the states. */
		bool covered;
		enum sr_status s = store_delay_day_series(st, a, b, site,
							  &covered, put_count,
							  d, err);

		if (s != SR_OK || covered)
			return s;
		return store_state_series(st, SERIES_DELAYED, 0, a, b, site,
					  put_count, d, err);
	}
	case SRC_IN_BED:
		return store_state_series(st, SERIES_IN_BED, 0, a, b, site,
					  put_count, d, err);
	case SRC_OCCUPANCY: {
		enum sr_status s = store_state_series(st, SERIES_IN_BED, 0, a,
						      b, site, put_count, d,
						      err);

		if (s != SR_OK)
			return s;
		/* Over the beds available at each day's end (issue 16). */
		return store_bed_states(st, NULL, NULL, site, 0, bed_state_day,
					d, err);
	}
	case SRC_STRANDED:
	case SRC_SUPER:
		return store_state_series(st, SERIES_LOS,
					  d->src == SRC_STRANDED ?
						  cfg->stranded_days :
						  cfg->super_stranded_days,
					  a, b, site, put_count, d, err);
	default:
		return store_discharge_series(st, a, b, site, put_discharges,
					      d, err);
	}
}

/* ---- the periods ------------------------------------------------------- */

/* The whole periods inside [from, to], with nbase more before them. */
static enum sr_status make_periods(const struct trend_query *q, size_t nbase,
				   struct trend *t, struct sr_error *err)
{
	struct trend_period p;
	size_t cap = 0;

	trend_period_of(q->by, q->from, &p);
	if (p.first < q->from) /* from is inside a period: the next one */
		trend_period_of(q->by, p.last + 1, &p);
	for (size_t b = 0; b < nbase; b++)
		trend_period_of(q->by, p.first - 1, &p);
	for (; p.last <= q->to; trend_period_of(q->by, p.last + 1, &p)) {
		t->p = xgrow(t->p, &cap, t->n + 1, sizeof(*t->p));
		t->p[t->n++] = p;
	}
	if (t->n <= nbase) {
		char a[DATE_BUF], b[DATE_BUF];

		date_format(q->from, a);
		date_format(q->to, b);
		return sr_fail(err, SR_EINVAL, "no whole %s from %s to %s",
			       by_names[q->by], a, b);
	}
	return SR_OK;
}

struct found {
	struct trend *t;
	size_t n; /* the periods before the data */
	enum trend_by by;
};

static void put_imported(void *ctx, const char *period, double value)
{
	struct found *f = ctx;
	char l[DATE_BUF];

	for (size_t i = 0; i < f->n; i++) {
		trend_period_label(f->by, &f->t->p[i], l);
		if (strcmp(l, period) == 0) {
			f->t->p[i].value = value;
			f->t->p[i].imported = true;
			return;
		}
	}
}

/* The imported values of the first n periods (before the data), moved to
 * the front in order; t->nimported of them. */
static enum sr_status take_imported(struct store *st,
				    const struct trend_query *q,
				    struct trend *t, size_t n,
				    struct sr_error *err)
{
	struct found f = {t, n, q->by};
	char a[DATE_BUF], b[DATE_BUF];
	enum sr_status s;
	size_t k = 0;

	if (q->by == TREND_WEEK)
		return sr_fail(err, SR_EINVAL, "imported series are by day or "
			       "month, not by week");
	trend_period_label(q->by, &t->p[0], a);
	trend_period_label(q->by, &t->p[n - 1], b);
	s = store_imported_each(st, figures[q->fig].info.name,
				q->site ? q->site : "system", a, b,
				put_imported, &f, err);
	if (s != SR_OK)
		return s;
	for (size_t i = 0; i < n; i++)
		if (t->p[i].imported)
			t->p[k++] = t->p[i];
	t->nimported = k;
	return SR_OK;
}

/* Leaves out the periods before the first admission (or takes their
 * imported values), then gives each other its value from the days. */
static enum sr_status fill(struct store *st, const struct config *cfg,
			   const struct trend_query *q, struct trend *t,
			   struct sr_error *err)
{
	char first[DATE_BUF];
	struct days d = {.src = figures[q->fig].src};
	enum sr_status s;
	size_t skip = 0, k;
	sr_day f;

	if ((s = store_first_admission(st, q->site, first, err)) != SR_OK)
		return s;
	if (!first[0] || !date_parse(first, &f))
		return sr_fail(err, SR_EINVAL, "no data: %s has no stay",
			       q->site ? q->site : "the system");
	while (skip < t->n && t->p[skip].first < f)
		skip++;
	if (skip > 0 && q->imported &&
	    (s = take_imported(st, q, t, skip, err)) != SR_OK)
		return s;
	if (t->nbase > 0 && t->nimported < skip)
		return sr_fail(err, SR_EINVAL, "a baseline of last year: the "
			       "data begin on %s (the first admission), after "
			       "the year before the chart begins%s", first,
			       q->imported ? ", and no series imported covers "
					     "the rest" : "");
	if (skip == t->n && t->nimported == 0)
		return sr_fail(err, SR_EINVAL, "no data in the chart's "
			       "periods: the first admission is on %s", first);
	/* The periods before the data: those with an imported value stay
	 * (they come first), the others go. */
	size_t kept = t->nimported;

	memmove(t->p + kept, t->p + skip, (t->n - skip) * sizeof(*t->p));
	t->skipped = skip - kept;
	t->n -= skip - kept;
	skip = kept;
	if (skip == t->n)
		return SR_OK; /* every period imported */

	for (size_t i = 0; i < cfg->nsites; i++)
		if (!q->site || strcmp(cfg->sites[i].code, q->site) == 0)
			d.beds += cfg->sites[i].beds;
	if (d.src == SRC_OCCUPANCY && d.beds <= 0)
		return sr_fail(err, SR_EINVAL, "occupancy_pct: %s has no beds "
			       "in the config", q->site ? q->site : "the system");
	d.first = t->p[skip].first;
	d.n = (size_t)(t->p[t->n - 1].last - d.first + 1);
	d.v = xcalloc(d.n, sizeof(*d.v));
	d.w = xcalloc(d.n, sizeof(*d.w));
	s = read_days(st, cfg, q->site, &d, err);
	k = skip;
	for (size_t i = skip; s == SR_OK && i < t->n; i++) {
		struct trend_period p = t->p[i];
		double num = 0, den = 0;

		for (sr_day x = p.first; x <= p.last; x++) {
			num += d.v[x - d.first];
			den += d.w[x - d.first];
		}
		switch (figures[q->fig].info.agg) {
		case TREND_SUM:
			p.value = num;
			break;
		case TREND_MEAN:
			p.value = num / (double)(p.last - p.first + 1);
			break;
		case TREND_PCT:
			if (den <= 0) {
				t->empty++;
				continue;
			}
			p.value = 100 * num / den;
			break;
		}
		t->p[k++] = p;
	}
	free(d.v);
	free(d.w);
	if (s != SR_OK)
		return s;
	t->n = k;
	if (t->n == 0)
		return sr_fail(err, SR_EINVAL, "no value in any period: %s of "
			       "nothing", t->title);
	return SR_OK;
}

enum sr_status trend_load(struct store *st, const struct config *cfg,
			  const struct trend_query *q, struct trend *t,
			  struct sr_error *err)
{
	const struct trend_figure_info *info = &figures[q->fig].info;
	enum sr_status s;
	char msg[200];
	double *y;

	memset(t, 0, sizeof(*t));
	t->fig = q->fig;
	t->by = q->by;
	t->title = info->title ? info->title : cfg->nctr_label;
	t->o.direction = info->better;
	t->o.screen = true;
	t->o.has_target = q->has_target;
	t->o.target = q->target;
	if (info->not_by_day && q->by == TREND_DAY)
		return sr_fail(err, SR_EINVAL, "%s: by week or month (a day "
			       "at a time it is each day's discharges or "
			       "none)", info->name);
	if (q->baseline && q->baseline < SPC_BASELINE_MIN)
		return sr_fail(err, SR_EINVAL, "a baseline of %zu points: it "
			       "takes %d or more", q->baseline,
			       SPC_BASELINE_MIN);
	if (q->nrebase > TREND_MAX_REBASE)
		return sr_fail(err, SR_EINVAL, "more than %d rebases",
			       TREND_MAX_REBASE);
	t->nbase = q->last_year ? year_of[q->by] : 0;
	if ((s = make_periods(q, t->nbase, t, err)) != SR_OK ||
	    (s = fill(st, cfg, q, t, err)) != SR_OK)
		goto fail;
	t->o.baseline = t->nbase ? t->nbase : q->baseline;
	if (t->o.baseline > t->n) {
		s = sr_fail(err, SR_EINVAL, "a baseline of %zu points: the "
			    "chart has only %zu", t->o.baseline, t->n);
		goto fail;
	}
	for (size_t r = 0; r < q->nrebase; r++) {
		size_t i = 0;
		char day[DATE_BUF];

		while (i < t->n && t->p[i].last < q->rebase[r])
			i++;
		if (i == 0 || i >= t->n ||
		    (r > 0 && i <= t->rebase_at[r - 1])) {
			date_format(q->rebase[r], day);
			s = sr_fail(err, SR_EINVAL, "a rebase on %s: not inside "
				    "the chart, or not after the rebase before "
				    "it", day);
			goto fail;
		}
		t->rebase_at[r] = i;
	}
	t->o.rebase = t->rebase_at;
	t->o.nrebase = q->nrebase;
	y = xmalloc(t->n * sizeof(*y));
	for (size_t i = 0; i < t->n; i++)
		y[i] = t->p[i].value;
	t->pt = xmalloc(t->n * sizeof(*t->pt));
	if (spc_compute(y, t->n, &t->o, t->pt, &t->sum, msg, sizeof(msg)))
		s = sr_fail(err, SR_EINVAL, "%s", msg);
	free(y);
	if (s == SR_OK)
		return SR_OK;
fail:
	trend_free(t);
	return s;
}

void trend_free(struct trend *t)
{
	free(t->p);
	free(t->pt);
	t->p = NULL;
	t->pt = NULL;
	t->n = 0;
}
