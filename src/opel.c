/* OPEL evaluation (see include/sitrep/opel.h and sitrep.yaml(5)). */
#include "sitrep/opel.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int opel_metric_level(const struct metric_threshold *t, double value)
{
	int level = OPEL_LEVEL_MIN;

	for (int i = 0; i < 3; i++)
		if (value >= t->at[i])
			level = i + 2;
	return level;
}

void opel_evaluate(const struct opel_kind_cfg *k,
		   const double value[METRIC_COUNT],
		   const bool known[METRIC_COUNT], struct opel_result *out)
{
	int highest = OPEL_LEVEL_MIN;

	memset(out, 0, sizeof(*out));
	for (int m = 0; m < METRIC_COUNT; m++) {
		const struct metric_threshold *t = &k->metric[m];
		int level;

		if (!t->enabled || !known[m] || isnan(value[m]))
			continue;
		level = opel_metric_level(t, value[m]);
		out->metric_level[m] = level;
		if (level > highest)
			highest = level;
		out->score += t->weight * (level - 1);
	}
	if (k->rule == OPEL_RULE_HIGHEST) {
		out->score = 0;
		out->level = highest;
	} else {
		out->level = OPEL_LEVEL_MIN;
		for (int i = 0; i < 3; i++)
			if (out->score >= k->bands[i])
				out->level = i + 2;
	}
	if (out->level == OPEL_LEVEL_MIN)
		return;
	for (int m = 0; m < METRIC_COUNT; m++) {
		int level = out->metric_level[m];

		if (k->rule == OPEL_RULE_HIGHEST ? level == out->level :
						   level > OPEL_LEVEL_MIN)
			out->drivers |= 1u << m;
	}
}

int opel_system_level(enum system_rule_kind rule, const int *levels,
		      const int *beds, size_t n)
{
	int highest = OPEL_LEVEL_MIN;
	double sum = 0, weight = 0;

	for (size_t i = 0; i < n; i++) {
		if (levels[i] > highest)
			highest = levels[i];
		if (beds[i] > 0) {
			sum += (double)levels[i] * beds[i];
			weight += beds[i];
		}
	}
	if (rule == SYSTEM_RULE_HIGHEST || weight == 0)
		return highest;
	return (int)floor(sum / weight + 0.5);
}

void opel_explain(const struct opel_kind_cfg *k,
		  const double value[METRIC_COUNT],
		  const struct opel_result *r, char *buf, size_t size)
{
	size_t used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (int m = 0; m < METRIC_COUNT; m++) {
		int level = r->metric_level[m];
		int n;

		if (!(r->drivers & (1u << m)))
			continue;
		/* Rounded as every figure of the report is: to one decimal,
		 * halves away from zero (round(), not printf's even rule). */
		n = snprintf(buf + used, size - used, "%s%s %.1f >= %g (L%d)",
			     used ? ", " : "",
			     opel_metric_name((enum opel_metric)m),
			     round(value[m] * 10) / 10,
			     k->metric[m].at[level - 2], level);
		if (n < 0 || (size_t)n >= size - used)
			return; /* cut: snprintf has terminated it */
		used += (size_t)n;
	}
	if (!used)
		snprintf(buf, size, "no metric above level 1");
}
