/* Patient-flow figures for a day D, or a moment of it, per site, per site
 * kind and for the system, computed from the dated facts (DESIGN §2, §4):
 * every figure uses the values in force at the moment (struct sr_moment:
 * a past day's end, today's now, or an instant), so a closed day never
 * moves when today's record changes, and with moment.known only what had
 * been recorded by then, so a report can be printed again as it was.
 * The definitions sit beside the fields and are applied here, in
 * metrics.c, to the rows the store returns. "In a bed" at the moment: the
 * stay has a state in force then. "Delayed" on D: in a bed, with a
 * discharge ready date (g2g_date) in force that is <= D (flow_counts.g2g).
 * The figures are read in one snapshot. */
#ifndef SITREP_METRICS_H
#define SITREP_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/opel.h"
#include "sitrep/store.h"

/* Discharges in a window of whole days before D. */
struct discharge_window {
	int days;              /* 7 or 30: discharges dated D-days .. D-1 */
	int discharges;
	int with_g2g;          /* of them, with a green-to-go date */
	long g2g_to_discharge; /* sum of (discharge date - g2g_date), days */
	long los;              /* sum of (discharge date - admission date) */
	int on_or_before_edd;  /* discharge date <= EDD (no EDD: missed) */
};

/* The length-of-stay bands of the delayed patients: from these days. */
#define METRICS_LOS_BANDS 4
#define METRICS_LOS_BAND_FROM {0, 7, 14, 21}

/* Additive counts: a kind's and the system's are the sums of their sites'.
 * by_reason has cfg->ndelay_reasons + 1 slots, the last for "not
 * recorded"; by_agency has AGENCY_COUNT + 1, the last likewise. */
struct flow_counts {
	int beds;                /* configured beds: the bed base */
	/* Bed state at the moment (issue 16): beds closed and escalation
	 * beds open then, as known then; available = beds - closed +
	 * escalation, the denominator of occupancy and G2G % of beds. */
	int closed;
	int escalation;
	int available;
	int occupied;            /* stays in a bed on D */
	/* Expected discharges (issue 16): in a bed at the moment with an EDD
	 * of D or of D+1, confirmed (edd_status "confirmed") or possible
	 * (edd_status "possible", or none recorded). */
	int edd_today_confirmed, edd_today_possible;
	int edd_tomorrow_confirmed, edd_tomorrow_possible;
	/* Expected admissions: the mean over the same weekday of the four
	 * weeks before (D-7, D-14, D-21, D-28) of the admissions from the
	 * moment's time of day to 12:00 and to midnight. */
	double adm_expected_noon, adm_expected_midnight;
	/* Admissions from the 1st of D's month to the moment by source:
	 * step-up (from home or the community), step-down (from an acute
	 * bed), and all of them (with other and none recorded). Not with
	 * board_only. */
	int adm_mtd, adm_mtd_step_up, adm_mtd_step_down;
	/* Discharges dated D-28 .. D-1 (8 weekend days, 20 weekdays) on
	 * Saturdays and Sundays, and on the other days. Not with
	 * board_only. */
	int dis28_weekend, dis28_weekday;
	/* metrics_projected_noon and _midnight of these counts (NaN: not
	 * for this moment), set once the counts are summed. */
	double projected_noon, projected_midnight;
	int stranded;            /* in a bed with LOS >= stranded_days */
	int super_stranded;      /* in a bed with LOS >= super_stranded_days */
	int g2g;                 /* in a bed with g2g_date <= D: the delayed
				    patients, and the delayed bed days of D */
	int no_edd;              /* in a bed with no EDD */
	int edd_passed;          /* in a bed with EDD < D */
	long delayed_bed_days_7d;  /* days d of D-6 .. D on which the stay
				      was in a bed and delayed at the end of
				      d (D: at the moment), summed over
				      stays; by the reason and agency in
				      force then */
	long delayed_bed_days_mtd; /* the same from the 1st of D's month */
	int discharges_d1;       /* discharged on D-1 */
	int discharges_d1_am;    /* ... before 12:00 */
	int discharges_d1_pathway[5]; /* ... by pathway 0-3; [4] none */
	int red_days, green_days; /* day marks of D, of the site's stays */
	int readmissions_30d;    /* stays admitted D-29 .. D whose NHS number
				    has another stay (anywhere in the
				    system) discharged at or before this
				    admission, 0-28 days earlier by date */
	struct discharge_window w7, w30;
	int *g2g_by_reason;      /* delayed patients on D by reason (in force) */
	int g2g_by_agency[AGENCY_COUNT + 1];
	/* Delayed patients (no longer meeting the criteria to reside) by
	 * length of stay on D: 0-6, 7-13, 14-20, 21 or more midnights (the
	 * national return's bands, whatever the stranded thresholds). */
	int g2g_by_los[METRICS_LOS_BANDS];
	long *dbd_mtd_by_reason; /* delayed bed days month to date by reason */
	long dbd_mtd_by_agency[AGENCY_COUNT + 1];
	/* Blockers ("waiting for what", DESIGN §2) open at the moment, with
	 * the owner, due date and agency in force then: by family of their
	 * code (the last slot: a code the config does not list), by agency
	 * (last: none) and by owner (cfg->nowners slots, then one: none, or
	 * an owner the config does not list). Overdue: open with a due
	 * date before D. Not with board_only. */
	int blockers_open;
	int blockers_overdue;
	int blockers_by_family[FAMILY_COUNT + 1];
	int blockers_by_agency[AGENCY_COUNT + 1];
	int *blockers_by_owner;
	/* Blockers whose end falls in D-6 00:00 .. the moment (closed, or
	 * closed by the discharge), and the median of their days open (the
	 * end's date minus the opening's; NaN when none). */
	int blockers_closed_7d;
	double blockers_median_days_to_close;
	int *closed_days; /* the days open of each (metrics.c's) */
	size_t capclosed;
	/* Patients in a bed at the moment escalated (config escalation
	 * rules, on the days delayed and the days the most overdue open
	 * blocker is past its due date), by the most senior role the rules
	 * give (cfg->nroles slots). */
	int escalated;
	int *escalated_by_role;
};

/* The month to date against a trajectory. X(enum, text) */
#define TRAJECTORY_VERDICT_TABLE(X)                                          \
	X(TRAJ_ON_TRACK, "on track") /* projected <= target */               \
	X(TRAJ_OVER, "over")                                                 \
	X(TRAJ_NO_TARGET, "no target") /* the system's: none for the month */ \
	X(TRAJ_NO_SITE_TARGET, "no site target") /* a site's: none set */    \
	X(TRAJ_NO_DATA, "no data") /* a day before any data: no verdict */

enum trajectory_verdict {
#define TRAJECTORY_VERDICT_ENUM(e, text) e,
	TRAJECTORY_VERDICT_TABLE(TRAJECTORY_VERDICT_ENUM)
#undef TRAJECTORY_VERDICT_ENUM
};
const char *metrics_verdict_text(enum trajectory_verdict v);

struct trajectory_status {
	/* The site whose own trajectory (config: the site's `trajectory`)
	 * this is; NULL: the system's. A site is never judged against the
	 * system's trajectory. */
	const struct site_cfg *site;
	int target;             /* delayed bed days for D's month; -1: none */
	long mtd;               /* delayed bed days month to date */
	int days_in_month, day_of_month;
	double expected_to_date; /* target * day_of_month / days_in_month */
	double projected;        /* mtd * days_in_month / day_of_month */
	bool on_track;           /* verdict == TRAJ_ON_TRACK */
	enum trajectory_verdict verdict;
};

#define METRICS_LONGEST 10
#define METRICS_ESCALATED 10

/* A patient escalated at the moment (flow_counts.escalated). */
struct metrics_escalation {
	struct stay stay;  /* with its values in force then */
	int role;          /* index into cfg->roles */
	int delay_days;    /* D - DRD; -1: not delayed */
	int overdue_days;  /* of the most overdue open blocker; -1: none */
};

/* A ward's beds at the moment (site_metrics.wards): its base, the beds
 * closed and escalation beds open on it, and the stays in a bed on it. */
struct ward_beds {
	const struct ward_cfg *ward;
	int beds, closed, escalation, occupied;
};

struct system_metrics;

/* The bed balance (issue 16), from the moment's free beds: at noon, the
 * confirmed discharges of the day gone and the expected admissions to
 * noon come; at midnight, every expected discharge of the day (confirmed
 * and possible) gone and the expected admissions to midnight come. NaN
 * when the moment is past that time, or is a day's end. */
double metrics_projected_noon(const struct system_metrics *m,
			      const struct flow_counts *c);
double metrics_projected_midnight(const struct system_metrics *m,
				  const struct flow_counts *c);
/* Step-up admissions as % of step-up and step-down admissions, month to
 * date; NaN when there are none. */
double metrics_step_up_pct(const struct flow_counts *c);
/* Weekend discharges per weekend day over weekday discharges per weekday,
 * of D-28 .. D-1 (8 and 20 days); NaN without weekday discharges. */
double metrics_weekend_ratio(const struct flow_counts *c);

/* Whether a patient living in area (NULL: not recorded) is out of area:
 * the config lists the system's areas and area is not one of them. */
bool metrics_out_of_area(const struct config *cfg, const char *area);

/* Available beds of counts c (beds - closed + escalation) and the free
 * ones (available - occupied: negative when over capacity). */
int metrics_available(const struct flow_counts *c);
int metrics_free_beds(const struct flow_counts *c);

/* The OPEL input (store.h, OPEL inputs) in force at the moment, as known
 * then, for a parameter of a site's kind entered by hand: the site's own,
 * else the system's. */
struct metrics_input {
	struct opel_param_value v; /* known, value, hours before the moment */
	char at[20];               /* when it was measured */
	char by[64];               /* who entered it */
	bool system;               /* the system's: the site has none */
};

struct site_metrics {
	const struct site_cfg *site;
	/* The site's wards in config order (none for a site without), and
	 * the stays in a bed on no configured ward. */
	struct ward_beds *wards;
	size_t nwards;
	int occupied_no_ward;
	bool has_data;              /* a stay admitted by the end of D */
	struct trajectory_status trajectory; /* the site's own */
	struct flow_counts c;
	double value[METRIC_COUNT]; /* the OPEL metrics (see config.h) */
	bool known[METRIC_COUNT];   /* false where undefined (no beds) */
	struct opel_result opel;    /* computed level and its drivers */
	/* Rule points: per parameter of the kind (config order), the input
	 * in force for those with source input. */
	struct metrics_input input[OPEL_PARAMS_MAX];
	int declared;               /* declared level in force on D; 0: none */
	char declared_at[20], declared_by[64];
	char *declared_note;
};

struct system_metrics {
	sr_day day;
	bool yesterday_weekend; /* D-1 was a Saturday or Sunday */
	const struct config *cfg;
	struct site_metrics *sites; /* cfg->nsites, in config order */
	size_t nsites;
	struct flow_counts kind[SITE_KIND_COUNT];
	struct flow_counts total;
	/* The system's computed level: by system_rule from the sites'
	 * levels, or under system_scoring scores from score, the pillars'
	 * scores aggregated (opel_system_score; NaN otherwise, or when no
	 * site scores), in system_levels. */
	int level;
	double score;
	int declared;  /* declared system level in force on D; 0: none */
	char declared_at[20], declared_by[64];
	char *declared_note;
	/* Month to date: the system's trajectory, or with only_site that
	 * site's own (NULL site: the system's). */
	struct trajectory_status trajectory;
	/* No site covered has a stay admitted by the end of D: the figures
	 * are zeros for want of data, not measurements. */
	bool no_data;
	/* The moment the counts are for (DESIGN §2): an instant (today's
	 * now, or --at): live, as at as_at; else the end of D (the midnight
	 * census), as_at then D+1 at 00:00. */
	struct sr_moment moment;
	bool live;
	sr_minute as_at;
	/* The METRICS_LONGEST stays in a bed at the moment that have been
	 * delayed longest (earliest discharge ready date, then earliest
	 * admission, then id), of the sites covered, with their values in
	 * force then; not with board_only. */
	struct stay longest[METRICS_LONGEST];
	size_t nlongest;
	/* The first METRICS_ESCALATED escalated patients of the sites
	 * covered: the most senior role first, then the most days delayed,
	 * the most days overdue, the earliest admission, the stay's id; not
	 * with board_only. */
	struct metrics_escalation escalations[METRICS_ESCALATED];
	size_t nescalations;
	/* Computed by metrics_compute_board: the discharge windows, red and
	 * green days, readmissions and the delayed bed days by reason and
	 * agency are left at zero. */
	bool board_only;
	size_t last_site; /* metrics.c's: the site of the last figure */
	struct site_metrics **site_order; /* metrics.c's: sites by code */
};

/* The moment a day's figures are for: today's are live (now), a past
 * day's are its end. */
void metrics_moment_of_day(struct sr_moment *m, sr_day d);

/* Computes every figure for the moment m; only_site (a code, or NULL)
 * limits the sites computed (kind and system totals then cover that site
 * only). The caller frees with metrics_free. */
enum sr_status metrics_compute_at(struct store *st, const struct config *cfg,
				  const struct sr_moment *m,
				  const char *only_site,
				  struct system_metrics *out,
				  struct sr_error *err);
/* metrics_compute_at for metrics_moment_of_day(d). */
enum sr_status metrics_compute(struct store *st, const struct config *cfg,
			       sr_day d, const char *only_site,
			       struct system_metrics *out,
			       struct sr_error *err);
/* What the console's board shows, for every site: the figures above but
 * those board_only leaves out, at a fraction of the cost at national
 * scale. */
enum sr_status metrics_compute_board_at(struct store *st,
					const struct config *cfg,
					const struct sr_moment *m,
					struct system_metrics *out,
					struct sr_error *err);
enum sr_status metrics_compute_board(struct store *st,
				     const struct config *cfg, sr_day d,
				     struct system_metrics *out,
				     struct sr_error *err);
void metrics_free(struct system_metrics *m);
/* Zero counts with their keyed arrays sized for cfg (freed by
 * metrics_free as part of a struct system_metrics). */
void metrics_counts_init(struct flow_counts *c, const struct config *cfg);

/* The moment of m's counts, short, for a screen's title: "as at 14:27"
 * (today, live) or "end of 3 Dec" (a past day's midnight census). */
void metrics_moment_short(const struct system_metrics *m, char *buf,
			  size_t size);
/* A declaration in words that cannot be taken for the computed level:
 * "declared 3 by root at 2026-12-04 09:12", or "none declared"
 * (level 0). at is "YYYY-MM-DDTHH:MM[:SS]". */
void metrics_declared_text(int level, const char *at, const char *by,
			   char *buf, size_t size);

/* Derived percentages; NaN when the denominator is 0. */
double metrics_pct(long part, long whole);
/* Mean of a sum over n; NaN when n is 0. */
double metrics_mean(long sum, long n);

#endif
