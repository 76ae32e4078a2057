/* Trends: a headline figure by day, week or month over a range, as the
 * SPC chart (spc.h) reads it. One definition per figure (DESIGN §2): the
 * day's values come from the store's day series (the dated facts as now
 * known, or the discharge totals), and this module alone turns them into a
 * period's value (a sum, a mean per day, or a % of the period's sums). Used
 * by `sitrep spc` and the console's trends view. */
#ifndef SITREP_TREND_H
#define SITREP_TREND_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/spc.h"
#include "sitrep/store.h"

enum trend_figure {
	TREND_NCTR,
	TREND_DELAYED_BED_DAYS,
	TREND_OCCUPIED,
	TREND_OCCUPANCY_PCT,
	TREND_STRANDED,
	TREND_SUPER_STRANDED,
	TREND_DISCHARGES,
	TREND_BEFORE_MIDDAY_PCT,
	TREND_WEEKEND_DISCHARGES,
	TREND_FIGURE_COUNT
};

/* A period's value from its days. */
enum trend_agg {
	TREND_MEAN, /* the mean of the days */
	TREND_SUM,  /* the sum of the days */
	TREND_PCT,  /* 100 x the sum of a numerator over that of a base */
};

struct trend_figure_info {
	const char *name;  /* as typed: "nctr", "occupancy_pct" ... */
	const char *title; /* "delayed bed days"; NULL: the NCTR label */
	enum trend_agg agg;
	enum spc_direction better;
	bool not_by_day; /* meaningless a day at a time */
};

enum trend_by { TREND_DAY, TREND_WEEK, TREND_MONTH, TREND_BY_COUNT };

const struct trend_figure_info *trend_figure_info(enum trend_figure f);
bool trend_figure_parse(const char *name, enum trend_figure *out);
const char *trend_by_name(enum trend_by by); /* "day", "week", "month" */
bool trend_by_parse(const char *name, enum trend_by *out);
/* How many periods make a year: 365 days, 52 weeks, 12 months. */
size_t trend_year(enum trend_by by);

struct trend_period {
	sr_day first, last; /* a whole day, week (Monday-Sunday) or month */
	double value;
	bool imported; /* the value is an imported one (import-series) */
};

/* The period of `by` holding day d. */
void trend_period_of(enum trend_by by, sr_day d, struct trend_period *p);
/* "2026-11-23" (a day, a week by its Monday) or "2026-11" (a month). */
void trend_period_label(enum trend_by by, const struct trend_period *p,
			char buf[DATE_BUF]);
/* The default range for today: a year of whole periods ending before
 * today's. */
void trend_default_range(enum trend_by by, sr_day today, sr_day *from,
			 sr_day *to);

#define TREND_MAX_REBASE 64

struct trend_query {
	enum trend_figure fig;
	enum trend_by by;
	const char *site; /* NULL: the system (the active sites) */
	sr_day from, to;  /* whole periods inside [from, to] are charted */
	/* Limits from the year of periods before the chart (charted too,
	 * first), or from the first `baseline` points (0: every point). */
	bool last_year;
	size_t baseline;
	const sr_day *rebase; /* new limits from the period holding each */
	size_t nrebase;
	bool has_target;
	double target;
	/* Periods before sitrep's data (the first admission) take the
	 * values imported for the figure's name and the site's code (or
	 * "system"), by day or month (import-series), where there are. */
	bool imported;
};

struct trend {
	enum trend_figure fig;
	enum trend_by by;
	const char *title;
	struct trend_period *p;
	size_t n;
	size_t nbase;   /* the first nbase points: last year (the baseline) */
	size_t skipped; /* periods left out: before the first admission */
	size_t nimported; /* periods with an imported value */
	size_t empty;   /* periods left out: a % of nothing */
	struct spc_options o;
	size_t rebase_at[TREND_MAX_REBASE];
	struct spc_point *pt; /* n */
	struct spc_summary sum;
};

/* Reads the figure's days, makes the periods and their chart. A refusal
 * (no data, no whole period in the range, a baseline longer than the
 * chart, a rebase outside it, a % of nothing in every period) is
 * SR_EINVAL with a message for the user. q->site must be a configured
 * site. */
enum sr_status trend_load(struct store *st, const struct config *cfg,
			  const struct trend_query *q, struct trend *out,
			  struct sr_error *err);
void trend_free(struct trend *t);

#endif
