/* Statistical process control: XmR charts as NHS England's Making Data
 * Count programme reads them (the algorithm of the NHS-R package
 * NHSRplotthedots). From a series of values in time order: the mean and
 * process limits of each segment (rebased at given points), each point's
 * special-cause rule and variation type, the variation icon of the last
 * point and the assurance icon against a target. Pure: no I/O, no globals,
 * no allocation (the caller gives the output array). */
#ifndef SITREP_SPC_H
#define SITREP_SPC_H

#include <stdbool.h>
#include <stddef.h>

/* Limits: mean +/- SPC_LIMIT x the average moving range; near limits at
 * 2/3 of that distance. A moving range at or above SPC_SCREEN x the average
 * is screened out (once) before the limits are set. */
#define SPC_LIMIT 2.66
#define SPC_SCREEN 3.267
/* Runs: a shift and a trend are SPC_RUN points long. */
#define SPC_RUN 7
/* A segment of fewer points has trial limits. */
#define SPC_TRIAL_BELOW 13
/* The smallest fixed baseline a user may ask for (0 = every point). */
#define SPC_BASELINE_MIN 12

enum spc_direction {
	SPC_NEUTRAL = 0,
	SPC_UP = 1,   /* higher is better */
	SPC_DOWN = -1 /* lower is better */
};

/* The special-cause rule that marks a point, highest precedence first. */
enum spc_rule {
	SPC_RULE_NONE = 0,
	SPC_RULE_OUTSIDE,      /* beyond a process limit */
	SPC_RULE_TREND,        /* SPC_RUN rising or falling (a tie breaks it) */
	SPC_RULE_TWO_OF_THREE, /* 2 of 3 beyond the same near limit */
	SPC_RULE_SHIFT,        /* SPC_RUN on one side of the mean */
};

enum spc_type {
	SPC_COMMON = 0,
	SPC_IMPROVEMENT,
	SPC_CONCERN,
	SPC_NEUTRAL_HIGH,
	SPC_NEUTRAL_LOW,
};

enum spc_assurance {
	SPC_ASSURANCE_NONE = 0, /* no target, neutral, or no limits */
	SPC_ASSURANCE_PASS,     /* the target is always met */
	SPC_ASSURANCE_FAIL,     /* the target is never met */
	SPC_ASSURANCE_INCONSISTENT,
};

struct spc_options {
	enum spc_direction direction;
	/* The limits of each segment come from its first `baseline` points
	 * (0: every point of the segment). Otherwise >= 2. */
	size_t baseline;
	bool screen; /* screen moving ranges (Making Data Count: on) */
	/* Indices where a new segment starts, increasing, each in 1..n-1. */
	const size_t *rebase;
	size_t nrebase;
	bool has_target;
	double target;
};

struct spc_point {
	size_t segment;
	/* The segment's mean and limits; the limits are NaN when its baseline
	 * has a single point (no moving range). */
	double mean, lpl, upl, nlpl, nupl;
	int side;     /* +1 above the mean, -1 below, 0 on it */
	bool outside; /* beyond a process limit */
	bool close;   /* beyond a near limit, not outside */
	enum spc_rule rule;
	/* +1 high (or rising), -1 low (or falling); 0: none. A point in two
	 * trends (the peak or trough between a rise and a fall) takes the
	 * direction of the trend that ends at it. */
	int rule_side;
	enum spc_type type;
};

struct spc_summary {
	/* The last point's variation: its type and rule_side (the icon reads
	 * "improvement, high", "concern, low", "common cause" ...). */
	enum spc_type icon;
	int icon_side;
	enum spc_assurance assurance;
	bool trial; /* the last segment has fewer than SPC_TRIAL_BELOW points */
};

/* Computes the chart of y[0..n-1] into pt[0..n-1] and sum. Returns 0, or
 * -1 with a message in err (for the user: which option or value, and why)
 * when n is 0, a value is not finite, the baseline is 1, or the rebase
 * points are not increasing inside the series. */
int spc_compute(const double *y, size_t n, const struct spc_options *o,
		struct spc_point *pt, struct spc_summary *sum, char *err,
		size_t errsize);

/* Names, as the CSV and JSON outputs print them. */
const char *spc_rule_letter(enum spc_rule r); /* "-", "O", "T", "2", "S" */
const char *spc_rule_name(enum spc_rule r);   /* "outside", "trend", ... */
/* "common", "improvement", "concern", "neutral_high", "neutral_low" */
const char *spc_type_name(enum spc_type t);
/* "common_cause", "improvement_high", "concern_low", "neutral_high"... */
const char *spc_icon_name(enum spc_type t, int side);
const char *spc_assurance_name(enum spc_assurance a); /* "none", "pass"... */

#endif
