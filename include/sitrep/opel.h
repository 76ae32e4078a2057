/* OPEL (Operational Pressures Escalation Level) evaluation: from a site's
 * metric values and its kind's configured thresholds, a level 1-4 for each
 * metric and for the site (rule highest or weighted), which metrics drove
 * it, and the system's level from its sites. Pure: no I/O, no globals. */
#ifndef SITREP_OPEL_H
#define SITREP_OPEL_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"

#define OPEL_LEVEL_MIN 1
#define OPEL_LEVEL_MAX 4

struct opel_result {
	/* Level of each metric, 1-4; 0 when the metric is not configured for
	 * the site's kind or its value is unknown. */
	int metric_level[METRIC_COUNT];
	int level;    /* the site's computed level, 1-4 */
	double score; /* weighted rule: the total score; highest: 0 */
	/* The metrics that drove the level (bit 1 << metric): under highest,
	 * those at the site's level; under weighted, those that scored.
	 * Empty at level 1. */
	unsigned drivers;
};

/* The level a value reaches against one metric's thresholds: 1 below
 * at[0], 2 from at[0], 3 from at[1], 4 from at[2]. */
int opel_metric_level(const struct metric_threshold *t, double value);

/* Evaluates a site. known[m] false (or a NaN value) leaves metric m out. */
void opel_evaluate(const struct opel_kind_cfg *k,
		   const double value[METRIC_COUNT],
		   const bool known[METRIC_COUNT], struct opel_result *out);

/* The system's level from its sites' levels: under SYSTEM_RULE_HIGHEST the
 * highest; under SYSTEM_RULE_BEDS_WEIGHTED the beds-weighted mean rounded to
 * the nearest level, halves up (falling back to the highest when no site has
 * beds). 1 when n is 0. */
int opel_system_level(enum system_rule_kind rule, const int *levels,
		      const int *beds, size_t n);

/* One line naming the drivers, e.g. "occupancy_pct 96.1 >= 95 (L3),
 * g2g_pct 16.0 >= 15 (L3)"; "no metric above level 1" when there are none.
 * Always terminated; cut to size. */
void opel_explain(const struct opel_kind_cfg *k,
		  const double value[METRIC_COUNT],
		  const struct opel_result *r, char *buf, size_t size);

#endif
