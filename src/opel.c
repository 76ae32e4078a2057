/* OPEL evaluation (see include/sitrep/opel.h and sitrep.yaml(5)). */
#include "sitrep/opel.h"

#include <math.h>
#include <stdarg.h>
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

double opel_points(const struct opel_band *bands, size_t n, double value)
{
	double points = 0;

	if (isnan(value))
		return 0;
	for (size_t i = 0; i < n && value >= bands[i].from; i++)
		points = bands[i].points;
	return points;
}

int opel_score_level(const double at[3], double score)
{
	int level = OPEL_LEVEL_MIN;

	for (int i = 0; i < 3; i++)
		if (score >= at[i])
			level = i + 2;
	return level;
}

/* Rule points: each parameter's value, points and the score's level. */
static void score_points(const struct opel_kind_cfg *k,
			 const double value[METRIC_COUNT],
			 const bool known[METRIC_COUNT],
			 const struct opel_param_value *input,
			 struct opel_result *out)
{
	size_t n = k->nparams < OPEL_PARAMS_MAX ? k->nparams : OPEL_PARAMS_MAX;

	out->score = 0;
	for (size_t i = 0; i < n; i++) {
		const struct opel_param_cfg *p = &k->params[i];
		unsigned bit = 1u << i;
		bool has;
		double v, points;

		if (p->input) {
			has = input && input[i].known;
			v = has ? input[i].value : NAN;
			if (has && p->max_age_hours > 0 &&
			    input[i].age_hours > p->max_age_hours) {
				has = false;
				out->param_stale |= bit;
			}
		} else {
			has = known[p->metric];
			v = value[p->metric];
		}
		out->param_value[i] = v;
		if (!has || isnan(v))
			continue;
		out->param_known |= bit;
		points = opel_points(p->bands, p->nbands, v);
		out->param_points[i] = points;
		out->score += p->weight * points;
		if (points > 0) {
			out->param_drivers |= bit;
			if (!p->input)
				out->drivers |= 1u << p->metric;
		}
	}
	out->level = opel_score_level(k->levels, out->score);
	if (out->level == OPEL_LEVEL_MIN)
		out->drivers = 0;
}

void opel_evaluate_inputs(const struct opel_kind_cfg *k,
			  const double value[METRIC_COUNT],
			  const bool known[METRIC_COUNT],
			  const struct opel_param_value *input,
			  struct opel_result *out)
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
	if (k->rule == OPEL_RULE_POINTS) {
		score_points(k, value, known, input, out);
		return;
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

void opel_evaluate(const struct opel_kind_cfg *k,
		   const double value[METRIC_COUNT],
		   const bool known[METRIC_COUNT], struct opel_result *out)
{
	opel_evaluate_inputs(k, value, known, NULL, out);
}

double opel_system_score(const double *scores, const enum site_kind *kinds,
			 size_t n, const double weight[SITE_KIND_COUNT])
{
	double sum[SITE_KIND_COUNT] = {0}, total = 0, weights = 0;
	size_t count[SITE_KIND_COUNT] = {0};

	for (size_t i = 0; i < n; i++) {
		if (isnan(scores[i]) || (unsigned)kinds[i] >= SITE_KIND_COUNT)
			continue;
		sum[kinds[i]] += scores[i];
		count[kinds[i]]++;
	}
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		double w = weight ? weight[k] : 1;

		if (!count[k] || !(w > 0))
			continue;
		total += w * (sum[k] / (double)count[k]);
		weights += w;
	}
	return weights > 0 ? total / weights : NAN;
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

/* Appends to buf (used bytes of size); false once cut (snprintf has
 * terminated it). */
__attribute__((format(printf, 4, 5)))
static bool put(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *used, size - *used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - *used)
		return false;
	*used += (size_t)n;
	return true;
}

static void explain_points(const struct opel_kind_cfg *k,
			   const struct opel_result *r, char *buf,
			   size_t size)
{
	size_t used = 0, n = k->nparams < OPEL_PARAMS_MAX ? k->nparams :
							   OPEL_PARAMS_MAX;
	size_t unknown = 0, stale = 0;
	const char *sep = ": ";

	if (!put(buf, size, &used, "score %g", r->score))
		return;
	if (r->level > OPEL_LEVEL_MIN &&
	    !put(buf, size, &used, " >= %g (L%d)", k->levels[r->level - 2],
		 r->level))
		return;
	for (size_t i = 0; i < n; i++) {
		const struct opel_param_cfg *p = &k->params[i];

		if (!(r->param_drivers & (1u << i)))
			continue;
		/* To one decimal, halves away from zero, as the metrics
		 * below (opel_explain). */
		if (!put(buf, size, &used, "%s%s %.1f (%g pts", sep, p->name,
			 round(r->param_value[i] * 10) / 10,
			 r->param_points[i]) ||
		    (p->weight != 1 &&
		     !put(buf, size, &used, " x%g", p->weight)) ||
		    !put(buf, size, &used, ")"))
			return;
		sep = ", ";
	}
	if (!r->param_drivers && !put(buf, size, &used, ": no parameter "
				      "scored"))
		return;
	/* Counted, not named: the line must leave room for the rest of a
	 * board's line (opel_unknown names them). */
	for (size_t i = 0; i < n; i++) {
		if (!(r->param_known & (1u << i)))
			unknown++;
		if (r->param_stale & (1u << i))
			stale++;
	}
	if (unknown && !put(buf, size, &used, "; unknown: %zu", unknown))
		return;
	if (stale)
		put(buf, size, &used, " (%zu stale)", stale);
}

void opel_unknown(const struct opel_kind_cfg *k, const struct opel_result *r,
		  char *buf, size_t size)
{
	size_t used = 0, n = k->nparams < OPEL_PARAMS_MAX ? k->nparams :
							   OPEL_PARAMS_MAX;
	const char *sep = "";

	if (size == 0)
		return;
	buf[0] = '\0';
	if (k->rule != OPEL_RULE_POINTS)
		return;
	for (size_t i = 0; i < n; i++) {
		if (r->param_known & (1u << i))
			continue;
		if (!put(buf, size, &used, "%s%s%s", sep, k->params[i].name,
			 r->param_stale & (1u << i) ? " (stale)" : ""))
			return;
		sep = ", ";
	}
}

void opel_explain(const struct opel_kind_cfg *k,
		  const double value[METRIC_COUNT],
		  const struct opel_result *r, char *buf, size_t size)
{
	size_t used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (k->rule == OPEL_RULE_POINTS) {
		explain_points(k, r, buf, size);
		return;
	}
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
