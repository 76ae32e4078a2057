/* The national returns (issue 15): the figures of NHS England's acute and
 * community discharge returns for a day, a week or a month, per site of
 * the kind and for all of them, from the dated facts (as now known, or as
 * known at a time: a return printed again is the one submitted). Each
 * figure's definition is here and in sitrep(1), "return"; the store gives
 * rows (store_return_in_bed, store_return_discharges).
 *
 * The words (DESIGN §2): NCTR = in a bed with a discharge ready date (DRD)
 * on or before the day; delay at discharge = discharge date - DRD (0: the
 * same day; a DRD after the discharge counts 0); LOS on a day = day -
 * admission date. The community return counts adults: 18 or over on the
 * period's last day by the birth date (a stay without one is counted). */
#ifndef SITREP_RETURNS_H
#define SITREP_RETURNS_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/store.h"

enum return_kind { RETURN_ACUTE, RETURN_COMMUNITY };
enum return_period { RETURN_DAY, RETURN_WEEK, RETURN_MONTH };

/* Delay at discharge: 0, 1, 2-3, 4-6, 7-13, 14-20, 21+ days. */
#define RETURN_BANDS 7
extern const char *const return_band_names[RETURN_BANDS];
/* Length of stay thresholds of the weekly figures: 7, 14, 21 days. */
#define RETURN_LOS_STEPS 3
extern const int return_los_days[RETURN_LOS_STEPS];
/* Pathways 0-3 and "unknown". */
#define RETURN_PATHWAYS 5

/* Discharges to a destination on a pathway. */
struct return_destination {
	int pathway;       /* 0-3, 4: unknown */
	char *destination; /* NULL: none recorded */
	long n;
};

struct return_counts {
	/* Daily (RETURN_DAY): NCTR during the day = discharged that day
	 * with a DRD on or before it + NCTR at the day's end (remaining). */
	long nctr, nctr_discharged, nctr_remaining;
	/* Discharges in the period, by pathway (4: unknown). */
	long discharges, by_pathway[RETURN_PATHWAYS];
	struct return_destination *dest; /* by pathway, then destination */
	size_t ndest, capdest;
	/* Of them, with a DRD: by delay band; the delay days summed (the
	 * bed days lost); without a DRD. */
	long with_drd, without_drd, band[RETURN_BANDS], delay_days;
	/* Weekly (RETURN_WEEK): the bed days of the week's days (patients
	 * in a bed at each day's end) with LOS >= 7, 14, 21; at the week's
	 * end, NCTR patients with LOS >= 7 and >= 14 by reason (the primary
	 * blocker's code: config order, then "none"). */
	long bed_days_los[RETURN_LOS_STEPS];
	long *nctr_los7_by_reason, *nctr_los14_by_reason;
};

struct return_site {
	const struct site_cfg *site; /* NULL: the total */
	struct return_counts c;
};

struct national_return {
	const struct config *cfg;
	enum return_kind kind;
	enum return_period period;
	sr_day first, last;
	char known[MOMENT_INSTANT_BUF]; /* "": as now known */
	struct return_site *sites;       /* the sites of the kind, config order */
	size_t nsites;
	struct return_site total;
};

/* The one-decimal figures as fractions num / den (den 0: none): the % of
 * discharges with a DRD discharged the same day; the mean days from DRD
 * to discharge, of all with a DRD or of those delayed a day or more
 * (excl_same_day). */
void return_same_day_pct(const struct return_counts *c, long *num,
			 long *den);
void return_mean_delay(const struct return_counts *c, bool excl_same_day,
		       long *num, long *den);
/* num / den in tenths, rounded half away from zero from the integers
 * themselves (no double in between: 449 / 20 is 22.5); false when den is
 * 0. num >= 0, den >= 0. */
bool return_tenths(long num, long den, long *tenths);

/* Computes the return of [first, last] (a day, a Monday-Sunday week or a
 * month, ended by today), of every site of the kind or only_site (of that
 * kind), as known at known (NULL: now). */
enum sr_status return_compute(struct store *st, const struct config *cfg,
			      enum return_kind kind, enum return_period period,
			      sr_day first, sr_day last, const char *only_site,
			      const char *known, struct national_return *out,
			      struct sr_error *err);
void return_free(struct national_return *r);

#endif
