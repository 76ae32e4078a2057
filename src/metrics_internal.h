/* Private to the metrics module: the walk through a moment's rows, which
 * metrics.c sets up and runs and its parts (metrics_in_bed.c,
 * metrics_balance.c, metrics_known.c) fill, and the helpers they share. */
#ifndef SITREP_METRICS_INTERNAL_H
#define SITREP_METRICS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "sitrep/metrics.h"

/* One compute() (metrics.c): the moment's day and, kept as the rows go
 * by, the longest delayed, the overdue blockers and the first escalated. */
struct walk {
	struct system_metrics *m;
	const struct config *cfg;
	sr_day d, month; /* D and the first of its month */
	char day[DATE_BUF], tomorrow[DATE_BUF];
	bool board_only;
	/* discharge_row adds (1) or takes away (-1) a discharge. */
	int sign;
	/* The longest delayed so far, best first: (DRD, admission, id). */
	struct longest {
		int64_t stay;
		char g2g[DATE_BUF], admitted[DATETIME_BUF];
		struct store_bed_row row; /* strings below */
		char *text[9];
	} top[METRICS_LONGEST];
	size_t ntop;
	/* Stays with an open blocker past its due date at the moment, by
	 * stay id once sorted: the days the most overdue one is past it. */
	struct overdue {
		int64_t stay;
		int days;
	} *overdue;
	size_t noverdue, capoverdue;
	/* The first escalated so far, in the order of m->escalations. */
	struct esc_top {
		int64_t stay;
		int role, delay, overdue;
		char admitted[DATETIME_BUF];
		char *text[7];
	} esc[METRICS_ESCALATED];
	size_t nesc;
};

/* metrics.c */
/* The site of code in m; NULL for a site no longer in the config. */
struct site_metrics *metrics_find_site(struct system_metrics *m,
				       const char *code);
/* The ward of code ward (NULL: none) in sm; NULL if not there. */
struct ward_beds *metrics_find_ward(struct site_metrics *sm,
				    const char *ward);
/* Adds the days open of a blocker closed in the 7 days, for the median. */
void metrics_closed_add(struct flow_counts *c, int days);

/* metrics_in_bed.c */
/* A row of store_in_bed_each(): a patient in a bed at the moment. */
bool metrics_in_bed_row(void *ctx, const struct store_bed_row *r);
/* The blockers' figures and each stay's most overdue blocker. */
enum sr_status metrics_blockers_read(struct store *st, struct walk *w,
				     const char *only_site,
				     struct sr_error *err);
/* The delayed bed days, month to date and in the 7 days to D, from the
 * delay stretches that start from since on. */
enum sr_status metrics_delay_bed_days(struct store *st, struct walk *w,
				      const char *since,
				      const char *only_site,
				      struct sr_error *err);
/* The longest delayed and the first escalated, read in full into w->m. */
enum sr_status metrics_stays_read(struct store *st, struct walk *w,
				  struct sr_error *err);
/* Frees what the walk holds (not w->m). */
void metrics_walk_free(struct walk *w);

/* metrics_known.c */
/* The earlier of two instants; an empty one is none. */
const char *metrics_earlier(const char *a, const char *b);
/* The discharges and the red and green days as known at the moment's K,
 * where the kept totals cannot say. */
enum sr_status metrics_known_parts(struct store *st, struct walk *w,
				   const char *only_site,
				   struct sr_error *err);

/* metrics_balance.c */
/* Counts a patient in a bed with an EDD of D or D+1 in c. */
void metrics_expected_discharge(const struct walk *w, struct flow_counts *c,
				const struct store_bed_row *r);
/* A row of store_bed_states(): closed and escalation beds. */
bool metrics_bed_state_row(void *ctx, const struct bed_state *b);
/* The expected admissions and, for a full report, those month to date. */
enum sr_status metrics_balance_read(struct store *st, struct walk *w,
				    const char *only_site,
				    struct sr_error *err);
/* The weekend and weekday discharges of the 28 days to D. */
enum sr_status metrics_weekend_read(struct store *st, struct walk *w,
				    const char *only_site,
				    struct sr_error *err);

#endif
