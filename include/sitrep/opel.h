/* OPEL (Operational Pressures Escalation Level) evaluation: from a site's
 * metric values and its kind's configured thresholds, a level 1-4 for each
 * metric and for the site (rule highest or weighted), which metrics drove
 * it, and the system's level from its sites. The 2024-26 framework's
 * scoring too (rule points): each parameter's value (a metric, or a
 * figure entered by hand) scores the points of its band, the weighted
 * points add up to the site's score, the score falls in a level; the
 * system's score comes from the pillars' scores. Pure: no I/O, no
 * globals. */
#ifndef SITREP_OPEL_H
#define SITREP_OPEL_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"

#define OPEL_LEVEL_MIN 1
#define OPEL_LEVEL_MAX 4

/* A parameter's value as found at the moment: known, and for a figure
 * entered by hand, how many hours before the moment it was measured. */
struct opel_param_value {
	bool known;
	double value;
	double age_hours;
};

struct opel_result {
	/* Level of each metric, 1-4; 0 when the metric is not configured for
	 * the site's kind or its value is unknown. */
	int metric_level[METRIC_COUNT];
	int level;    /* the site's computed level, 1-4 */
	/* weighted rule: the total score; points: the points score (the sum
	 * of weight x points of the known parameters); highest: 0 */
	double score;
	/* The metrics that drove the level (bit 1 << metric): under highest,
	 * those at the site's level; under weighted, those that scored;
	 * under points, the sources of the parameters that scored. Empty at
	 * level 1. */
	unsigned drivers;
	/* Rule points, per parameter i of the kind (bit 1u << i): its value
	 * and the points it scored (before its weight; 0 when unknown). */
	double param_value[OPEL_PARAMS_MAX];
	double param_points[OPEL_PARAMS_MAX];
	unsigned param_known;   /* a value: a metric's, or an input in date */
	unsigned param_stale;   /* an input older than its max_age_hours */
	unsigned param_drivers; /* scored points */
};

/* The level a value reaches against one metric's thresholds: 1 below
 * at[0], 2 from at[0], 3 from at[1], 4 from at[2]. */
int opel_metric_level(const struct metric_threshold *t, double value);

/* Evaluates a site. known[m] false (or a NaN value) leaves metric m out. */
void opel_evaluate(const struct opel_kind_cfg *k,
		   const double value[METRIC_COUNT],
		   const bool known[METRIC_COUNT], struct opel_result *out);

/* Evaluates a site whose kind may score points: input[i] is the value
 * entered for parameter i of k (read for source input only; NULL: none
 * entered). Under rules highest and weighted, opel_evaluate. Under rule
 * points: the metrics' levels as under highest (they colour the board);
 * each parameter's value (its metric's, or its input's: unknown when
 * older than the parameter's max_age_hours), its points (opel_points),
 * the score (the sum of weight x points of the known parameters: an
 * unknown one scores nothing) and the level the score reaches in
 * k->levels (opel_score_level). */
void opel_evaluate_inputs(const struct opel_kind_cfg *k,
			  const double value[METRIC_COUNT],
			  const bool known[METRIC_COUNT],
			  const struct opel_param_value *input,
			  struct opel_result *out);

/* The points value scores in bands (n of them, ascending by from): those
 * of the highest band whose from is at or below value; 0 below the first
 * band (and for a NaN value). */
double opel_points(const struct opel_band *bands, size_t n, double value);

/* The level a score reaches against at[3]: 1 below at[0], 2 from at[0],
 * 3 from at[1], 4 from at[2] (1 for a NaN score). */
int opel_score_level(const double at[3], double score);

/* The system's score under system_scoring scores: the weighted mean of the
 * pillars' scores, a pillar being the sites of one kind and its score the
 * mean of theirs, pillar k weighing weight[k]. scores[i] is site i's score
 * and kinds[i] its kind; a NaN score is left out. NaN when no site has a
 * score (or every pillar with one weighs 0). */
double opel_system_score(const double *scores, const enum site_kind *kinds,
			 size_t n, const double weight[SITE_KIND_COUNT]);

/* The system's level from its sites' levels: under SYSTEM_RULE_HIGHEST the
 * highest; under SYSTEM_RULE_BEDS_WEIGHTED the beds-weighted mean rounded to
 * the nearest level, halves up (falling back to the highest when no site has
 * beds). 1 when n is 0. */
int opel_system_level(enum system_rule_kind rule, const int *levels,
		      const int *beds, size_t n);

/* One line naming the drivers, e.g. "occupancy_pct 96.1 >= 95 (L3),
 * g2g_pct 16.0 >= 15 (L3)"; "no metric above level 1" when there are none.
 * Under rule points, the score and the parameters that scored, then how
 * many are unknown: "score 14 >= 12 (L3): handover_mins 47.0 (6 pts),
 * occupancy 96.1 (3 pts x2); unknown: 2 (1 stale)". Always terminated;
 * cut to size. */
void opel_explain(const struct opel_kind_cfg *k,
		  const double value[METRIC_COUNT],
		  const struct opel_result *r, char *buf, size_t size);

/* Under rule points, the parameters whose value is unknown, named:
 * "handover_mins (stale), ed_12h_pct"; "" when none (or another rule).
 * Always terminated; cut to size. */
void opel_unknown(const struct opel_kind_cfg *k, const struct opel_result *r,
		  char *buf, size_t size);

#endif
