/* The schema of opel (see include/sitrep/config.h and man/sitrep.yaml.5):
 * per site kind the metrics' thresholds and the rule that turns them into
 * a level (highest, weighted), or the OPEL 2024-26 points scoring
 * (parameters scored in bands, weighted, the score in levels); and how the
 * system's level follows from the sites' levels or the pillars' scores.
 * Walked by config_check.c's checker, which calls ck_opel for the
 * top-level key and ck_opel_sites once the sites are read. */
#include "config_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"

/* ---- metrics and thresholds (rules highest and weighted) -------------- */

/* Three strictly increasing non-negative numbers (levels or bands). */
static int get_triple(struct checker *ck, const char *key,
		      const struct ynode *v, const char *item, double out[3])
{
	if (v->type != Y_SEQ)
		return ck_wrong_type(ck, v, key, "a sequence of 3 numbers");
	if (v->n != 3)
		return ck_fail(ck, v, "%s has %zu value%s (expected 3 strictly "
			       "increasing numbers)", key, v->n,
			       v->n == 1 ? "" : "s");
	for (size_t i = 0; i < 3; i++) {
		const struct ynode *x = v->kid[i];

		if (x->type != Y_SCALAR)
			return ck_wrong_type(ck, x, item, "a number");
		if (!ck_parse_number(x, &out[i]) || out[i] < 0)
			return ck_fail(ck, x, "invalid %s '%s' (expected a "
				       "non-negative number)", item,
				       ck_shown(ck, x));
		if (i > 0 && out[i] <= out[i - 1])
			return ck_fail(ck, x, "%s not increasing: %g then %g "
				       "(expected 3 strictly increasing "
				       "numbers)", key, out[i - 1], out[i]);
	}
	return 0;
}

static int h_levels(struct checker *ck, const char *key,
		    const struct ynode *v, void *obj)
{
	struct metric_threshold *t = obj;

	return get_triple(ck, key, v, "level", t->at);
}

/* A positive number for key. */
static int get_positive(struct checker *ck, const char *key,
			const struct ynode *v, double *out)
{
	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, "a positive number");
	if (!ck_parse_number(v, out) || *out <= 0)
		return ck_fail(ck, v, "invalid %s '%s' (expected a positive "
			       "number)", key, ck_shown(ck, v));
	return 0;
}

static int h_weight(struct checker *ck, const char *key,
		    const struct ynode *v, void *obj)
{
	struct metric_threshold *t = obj;

	return get_positive(ck, key, v, &t->weight);
}

static const struct field metric_fields[] = {
	CUSTOM("levels", h_levels, true),
	CUSTOM("weight", h_weight, false),
};

static const char *opel_path(const struct checker *ck,
			     const struct opel_kind_cfg *k, char *buf,
			     size_t size, const char *suffix)
{
	enum site_kind kind = (enum site_kind)(k - ck->cfg->opel.kind);

	snprintf(buf, size, "opel.%s%s", site_kind_name(kind), suffix);
	return buf;
}

static const char *const metric_names[] = {
#define OPEL_METRIC_NAME(e, name, label, def) name,
	OPEL_METRIC_TABLE(OPEL_METRIC_NAME)
#undef OPEL_METRIC_NAME
};

static int unknown_metric(struct checker *ck, const struct ynode *k)
{
	char list[256];

	return ck_fail(ck, k, "unknown metric '%s' (expected %s)",
		       ck_shown(ck, k),
		       ck_join_names(list, sizeof(list), metric_names,
				     ARRAY_SIZE(metric_names)));
}

static int h_metrics(struct checker *ck, const char *key,
		     const struct ynode *v, void *obj)
{
	struct opel_kind_cfg *kind = obj;
	const struct ynode *seen[METRIC_COUNT] = {NULL};
	char what[96];

	if (v->type != Y_MAP)
		return ck_wrong_type(ck, v, key, "a mapping");
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const struct ynode *k = v->kid[i];
		enum opel_metric m;

		if (k->type != Y_SCALAR)
			return ck_wrong_type(ck, k, "key", "a metric name");
		if (!ck_clean_scalar(k) || !opel_metric_parse(k->text, &m))
			return unknown_metric(ck, k);
		if (seen[m])
			return ck_fail(ck, k, "duplicate key '%s' (first at "
				       "line %d)", k->text, seen[m]->line);
		seen[m] = k;
		opel_path(ck, kind, what, sizeof(what), ".metrics.");
		strncat(what, k->text, sizeof(what) - strlen(what) - 1);
		if (WALK(ck, v->kid[i + 1], what, metric_fields,
			 &kind->metric[m], NULL))
			return -1;
		kind->metric[m].enabled = true;
	}
	return 0;
}

static int h_rule(struct checker *ck, const char *key, const struct ynode *v,
		  void *obj)
{
	static const char *const names[] = {
#define OPEL_RULE_NAME(e, name, label) [e] = name,
		OPEL_RULE_TABLE(OPEL_RULE_NAME)
#undef OPEL_RULE_NAME
	};
	struct opel_kind_cfg *kind = obj;
	int rule;

	if (ck_get_choice(ck, key, "rule", v, names, ARRAY_SIZE(names), &rule))
		return -1;
	kind->rule = (enum opel_rule_kind)rule;
	return 0;
}

static int h_bands(struct checker *ck, const char *key, const struct ynode *v,
		   void *obj)
{
	struct opel_kind_cfg *kind = obj;

	return get_triple(ck, key, v, "band", kind->bands);
}

/* ---- the 2024-26 points scoring (rule points) ------------------------ */

static int h_param_name(struct checker *ck, const char *key,
			const struct ynode *v, void *obj)
{
	struct opel_param_cfg *p = obj;

	if (v->type == Y_SCALAR && v->len >= 1 &&
	    v->len <= OPEL_PARAM_NAME_MAX &&
	    strspn(v->text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
		   "vwxyz0123456789_-") == v->len)
		return ck_get_string(ck, key, v, &p->name);
	if (v->type != Y_SCALAR || ck_is_null(v))
		return ck_get_string(ck, key, v, &p->name);
	return ck_fail(ck, v, "invalid parameter name '%s' (expected 1 to %d "
		       "letters, digits, '_' or '-')", ck_shown(ck, v),
		       OPEL_PARAM_NAME_MAX);
}

static int h_source(struct checker *ck, const char *key,
		    const struct ynode *v, void *obj)
{
	struct opel_param_cfg *p = obj;
	char list[256];
	enum opel_metric m;

	ck_join_names(list, sizeof(list), metric_names,
		      ARRAY_SIZE(metric_names));
	if (v->type != Y_SCALAR || ck_is_null(v))
		return ck_wrong_type(ck, v, key, "input or a metric name");
	if (ck_clean_scalar(v) && strcmp(v->text, "input") == 0) {
		p->input = true;
		return 0;
	}
	if (ck_clean_scalar(v) && opel_metric_parse(v->text, &m)) {
		p->input = false;
		p->metric = m;
		return 0;
	}
	return ck_fail(ck, v, "unknown source '%s' (expected input, or a "
		       "metric: %s)", ck_shown(ck, v), list);
}

/* One band: [from, points]. */
static int get_band(struct checker *ck, const struct ynode *x,
		    struct opel_band *b)
{
	const struct ynode *from, *points;

	if (x->type != Y_SEQ)
		return ck_wrong_type(ck, x, "points band", "[from, points]");
	if (x->n != 2)
		return ck_fail(ck, x, "points band has %zu value%s (expected "
			       "[from, points])", x->n, x->n == 1 ? "" : "s");
	from = x->kid[0];
	points = x->kid[1];
	if (from->type != Y_SCALAR)
		return ck_wrong_type(ck, from, "band from", "a number");
	if (!ck_parse_number(from, &b->from))
		return ck_fail(ck, from, "invalid band from '%s' (expected a "
			       "number)", ck_shown(ck, from));
	if (points->type != Y_SCALAR)
		return ck_wrong_type(ck, points, "band points", "a number");
	if (!ck_parse_number(points, &b->points) || b->points < 0)
		return ck_fail(ck, points, "invalid band points '%s' (expected "
			       "a non-negative number)", ck_shown(ck, points));
	return 0;
}

static int h_points(struct checker *ck, const char *key,
		    const struct ynode *v, void *obj)
{
	struct opel_param_cfg *p = obj;

	if (v->type != Y_SEQ)
		return ck_wrong_type(ck, v, key, "a sequence of [from, points] "
				     "bands");
	if (v->n == 0)
		return ck_fail(ck, v, "empty points list (expected at least "
			       "one [from, points] band)");
	p->bands = xcalloc(v->n, sizeof(*p->bands));
	for (size_t i = 0; i < v->n; i++) {
		struct opel_band *b = &p->bands[i];

		if (get_band(ck, v->kid[i], b))
			return -1;
		p->nbands++;
		if (i > 0 && b->from <= b[-1].from)
			return ck_fail(ck, v->kid[i]->kid[0], "points bands not "
				       "ascending: from %g then %g (expected "
				       "strictly increasing from)", b[-1].from,
				       b->from);
	}
	return 0;
}

static int h_param_weight(struct checker *ck, const char *key,
			  const struct ynode *v, void *obj)
{
	struct opel_param_cfg *p = obj;

	return get_positive(ck, key, v, &p->weight);
}

static int h_max_age(struct checker *ck, const char *key,
		     const struct ynode *v, void *obj)
{
	struct opel_param_cfg *p = obj;

	return get_positive(ck, key, v, &p->max_age_hours);
}

enum { P_NAME, P_LABEL, P_SOURCE, P_POINTS, P_WEIGHT, P_MAX_AGE };
static const struct field param_fields[] = {
	[P_NAME] = CUSTOM("name", h_param_name, true),
	[P_LABEL] = FIELD("label", F_STRING, struct opel_param_cfg, label,
			  false),
	[P_SOURCE] = CUSTOM("source", h_source, true),
	[P_POINTS] = CUSTOM("points", h_points, true),
	[P_WEIGHT] = CUSTOM("weight", h_param_weight, false),
	[P_MAX_AGE] = CUSTOM("max_age_hours", h_max_age, false),
};

static int h_parameters(struct checker *ck, const char *key,
			const struct ynode *v, void *obj)
{
	struct opel_kind_cfg *kind = obj;
	const struct ynode *got[ARRAY_SIZE(param_fields)];
	char what[64];

	if (ck_want_list(ck, key, v, "parameter"))
		return -1;
	if (v->n > OPEL_PARAMS_MAX)
		return ck_fail(ck, v->kid[OPEL_PARAMS_MAX], "too many parameters: "
			       "%zu (expected at most %d per site kind)", v->n,
			       OPEL_PARAMS_MAX);
	opel_path(ck, kind, what, sizeof(what), " parameter");
	kind->params = xcalloc(v->n, sizeof(*kind->params));
	for (size_t i = 0; i < v->n; i++) {
		struct opel_param_cfg *p = &kind->params[kind->nparams++];

		p->weight = 1;
		if (WALK(ck, v->kid[i], what, param_fields, p, got))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(kind->params[j].name, p->name) == 0)
				return ck_fail(ck, got[P_NAME], "duplicate "
					       "parameter name '%s' (first at "
					       "line %d)", p->name,
					       ck_map_get(v->kid[j],
							  "name")->line);
		if (!p->input && got[P_MAX_AGE])
			return ck_fail(ck, got[P_MAX_AGE], "max_age_hours given "
				       "for parameter %s but its source is %s "
				       "(max_age_hours only applies to source "
				       "input)", p->name,
				       opel_metric_name(p->metric));
	}
	return 0;
}

static int h_score_levels(struct checker *ck, const char *key,
			  const struct ynode *v, void *obj)
{
	struct opel_kind_cfg *kind = obj;

	return get_triple(ck, key, v, "level", kind->levels);
}

/* ---- a site kind ------------------------------------------------------ */

enum { K_RULE, K_METRICS, K_BANDS, K_PARAMETERS, K_LEVELS };
static const struct field kind_fields[] = {
	[K_RULE] = CUSTOM("rule", h_rule, false),
	[K_METRICS] = CUSTOM("metrics", h_metrics, false),
	[K_BANDS] = CUSTOM("bands", h_bands, false),
	[K_PARAMETERS] = CUSTOM("parameters", h_parameters, false),
	[K_LEVELS] = CUSTOM("levels", h_score_levels, false),
};

/* key is required by rule `rule` (or only applies to it): given or not
 * as the kind's rule says. */
static int rule_key(struct checker *ck, const struct ynode *map,
		    const struct ynode *given, const char *what,
		    const struct opel_kind_cfg *kind, const char *key,
		    enum opel_rule_kind rule)
{
	if (kind->rule == rule && !given)
		return ck_fail(ck, map, "missing key '%s' in %s (required by "
			       "rule %s)", key, what, opel_rule_name(rule));
	if (kind->rule != rule && given)
		return ck_fail(ck, given, "%s given in %s but its rule is %s "
			       "(%s only apply to rule %s)", key, what,
			       opel_rule_name(kind->rule), key,
			       opel_rule_name(rule));
	return 0;
}

static int h_opel_kind(struct checker *ck, const char *key,
		       const struct ynode *v, void *obj)
{
	struct opel_cfg *opel = obj;
	const struct ynode *got[ARRAY_SIZE(kind_fields)];
	struct opel_kind_cfg *kind;
	enum site_kind k = SITE_ACUTE;
	char what[64];

	site_kind_parse(key, &k);
	kind = &opel->kind[k];
	opel_path(ck, kind, what, sizeof(what), "");
	if (WALK(ck, v, what, kind_fields, kind, got))
		return -1;
	if (rule_key(ck, v, got[K_BANDS], what, kind, "bands",
		     OPEL_RULE_WEIGHTED) ||
	    rule_key(ck, v, got[K_PARAMETERS], what, kind, "parameters",
		     OPEL_RULE_POINTS) ||
	    rule_key(ck, v, got[K_LEVELS], what, kind, "levels",
		     OPEL_RULE_POINTS))
		return -1;
	return 0;
}

/* ---- the system ------------------------------------------------------- */

static int h_system_rule(struct checker *ck, const char *key,
			 const struct ynode *v, void *obj)
{
	static const char *const names[] = {
#define SYSTEM_RULE_NAME(e, name, label) [e] = name,
		SYSTEM_RULE_TABLE(SYSTEM_RULE_NAME)
#undef SYSTEM_RULE_NAME
	};
	struct opel_cfg *opel = obj;
	int rule;

	if (ck_get_choice(ck, key, "system_rule", v, names, ARRAY_SIZE(names),
			  &rule))
		return -1;
	opel->system_rule = (enum system_rule_kind)rule;
	return 0;
}

static int h_system_scoring(struct checker *ck, const char *key,
			    const struct ynode *v, void *obj)
{
	static const char *const names[] = {
#define SYSTEM_SCORING_NAME(e, name, label) [e] = name,
		SYSTEM_SCORING_TABLE(SYSTEM_SCORING_NAME)
#undef SYSTEM_SCORING_NAME
	};
	struct opel_cfg *opel = obj;
	int scoring;

	if (ck_get_choice(ck, key, "system_scoring", v, names,
			  ARRAY_SIZE(names), &scoring))
		return -1;
	opel->scoring = (enum system_scoring)scoring;
	ck->system_scoring = v;
	return 0;
}

static int h_kind_weight(struct checker *ck, const char *key,
			 const struct ynode *v, void *obj)
{
	struct opel_cfg *opel = obj;
	enum site_kind k = SITE_ACUTE;

	site_kind_parse(key, &k);
	return get_positive(ck, "system weight", v, &opel->system_weight[k]);
}

static const struct field weight_fields[] = {
#define WEIGHT_FIELD(e, name, label) CUSTOM(name, h_kind_weight, false),
	SITE_KIND_TABLE(WEIGHT_FIELD)
#undef WEIGHT_FIELD
};

static int h_system_weights(struct checker *ck, const char *key,
			    const struct ynode *v, void *obj)
{
	return WALK(ck, v, "opel.system_weights", weight_fields, obj, NULL);
}

static int h_system_levels(struct checker *ck, const char *key,
			   const struct ynode *v, void *obj)
{
	struct opel_cfg *opel = obj;

	return get_triple(ck, key, v, "level", opel->system_levels);
}

enum { O_SYSTEM_RULE = SITE_KIND_COUNT, O_SCORING, O_WEIGHTS, O_LEVELS };
static const struct field opel_fields[] = {
#define OPEL_KIND_FIELD(e, name, label) CUSTOM(name, h_opel_kind, false),
	SITE_KIND_TABLE(OPEL_KIND_FIELD)
#undef OPEL_KIND_FIELD
	[O_SYSTEM_RULE] = CUSTOM("system_rule", h_system_rule, false),
	[O_SCORING] = CUSTOM("system_scoring", h_system_scoring, false),
	[O_WEIGHTS] = CUSTOM("system_weights", h_system_weights, false),
	[O_LEVELS] = CUSTOM("system_levels", h_system_levels, false),
};

/* key applies to system_scoring `scoring` only (and is required by it
 * when required). */
static int scoring_key(struct checker *ck, const struct ynode *map,
		       const struct ynode *given, const struct opel_cfg *opel,
		       const char *key, enum system_scoring scoring,
		       bool required)
{
	if (opel->scoring == scoring && required && !given)
		return ck_fail(ck, map, "missing key '%s' in opel (required by "
			       "system_scoring %s)", key,
			       system_scoring_name(scoring));
	if (opel->scoring != scoring && given)
		return ck_fail(ck, given, "%s given in opel but system_scoring "
			       "is %s (%s only applies to system_scoring %s)",
			       key, system_scoring_name(opel->scoring), key,
			       system_scoring_name(scoring));
	return 0;
}

int ck_opel(struct checker *ck, const char *key, const struct ynode *v,
	    void *obj)
{
	struct config *cfg = obj;
	struct opel_cfg *opel = &cfg->opel;
	const struct ynode *got[ARRAY_SIZE(opel_fields)];

	if (WALK(ck, v, key, opel_fields, opel, got))
		return -1;
	if (scoring_key(ck, v, got[O_SYSTEM_RULE], opel, "system_rule",
			SYSTEM_SCORING_LEVELS, false) ||
	    scoring_key(ck, v, got[O_WEIGHTS], opel, "system_weights",
			SYSTEM_SCORING_SCORES, false) ||
	    scoring_key(ck, v, got[O_LEVELS], opel, "system_levels",
			SYSTEM_SCORING_SCORES, true))
		return -1;
	return 0;
}

int ck_opel_sites(struct checker *ck)
{
	const struct config *cfg = ck->cfg;

	if (cfg->opel.scoring != SYSTEM_SCORING_SCORES)
		return 0;
	for (size_t i = 0; i < cfg->nsites; i++) {
		const struct site_cfg *s = &cfg->sites[i];
		const struct opel_kind_cfg *k = &cfg->opel.kind[s->kind];

		if (k->rule == OPEL_RULE_POINTS)
			continue;
		return ck_fail(ck, ck->system_scoring, "system_scoring scores "
			       "needs every site to score points: site %s is "
			       "%s, whose rule is %s (set opel.%s.rule: "
			       "points)", s->code, site_kind_name(s->kind),
			       opel_rule_name(k->rule),
			       site_kind_name(s->kind));
	}
	return 0;
}
