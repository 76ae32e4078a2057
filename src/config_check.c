/* Checks the YAML node tree against the configuration schema and fills
 * struct config (see include/sitrep/config.h and man/sitrep.yaml.5). Each
 * mapping is walked against a table of allowed keys; the first error stops
 * the walk and names NAME:LINE:COLUMN and what was expected. */
#include "config_internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/text.h"
#include "sitrep/util.h"

#define MAX_FIELDS 24            /* keys per mapping in a schema */

int config_fail_at(struct sr_error *err, const char *name, int line, int col,
		   const char *fmt, ...)
{
	char msg[SR_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sr_fail(err, SR_ECONFIG, "%s:%d:%d: %s", name, line, col, msg);
	return -1;
}

int ck_fail(struct checker *ck, const struct ynode *n, const char *fmt,
	    ...)
{
	char msg[SR_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return config_fail_at(ck->err, ck->name, n->line, n->col, "%s", msg);
}

const char *ck_shown(struct checker *ck, const struct ynode *n)
{
	size_t o = 0, k, max = 40;
	struct text_char c;

	for (size_t i = 0; i < n->len; i += c.len) {
		text_next(n->text + i, n->len - i, TEXT_QUESTION, &c);
		k = strlen(c.shown);
		if (o + k > max) { /* too long: cut to 37 bytes and "..." */
			while (o > 37 || (o > 0 && ((unsigned char)
					ck->shown[o] & 0xc0) == 0x80))
				o--;
			memcpy(ck->shown + o, "...", 4);
			return ck->shown;
		}
		memcpy(ck->shown + o, c.shown, k);
		o += k;
	}
	ck->shown[o] = '\0';
	return ck->shown;
}

/* ---- scalars ---------------------------------------------------------- */

bool ck_is_null(const struct ynode *n)
{
	static const char *const nulls[] = {"~", "null", "Null", "NULL"};

	if (n->type != Y_SCALAR || !n->plain)
		return false;
	if (n->len == 0)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(nulls); i++)
		if (!strcmp(n->text, nulls[i]))
			return true;
	return false;
}

int ck_wrong_type(struct checker *ck, const struct ynode *n,
		  const char *what, const char *expected)
{
	if (ck_is_null(n))
		return ck_fail(ck, n, "wrong type for %s: expected %s, got an "
			       "empty value", what, expected);
	if (n->type == Y_SCALAR)
		return ck_fail(ck, n, "wrong type for %s: expected %s, got "
			       "'%s'", what, expected, ck_shown(ck, n));
	return ck_fail(ck, n, "wrong type for %s: expected %s, got %s", what,
		       expected, n->type == Y_MAP ? "a mapping" : "a sequence");
}

bool ck_clean_scalar(const struct ynode *n)
{
	return n->type == Y_SCALAR && strlen(n->text) == n->len;
}

static bool parse_long(const struct ynode *n, long *out)
{
	const char *s = n->text;
	char *end;

	if (!ck_clean_scalar(n) || !(isdigit((unsigned char)*s) || *s == '-' ||
				     *s == '+'))
		return false;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && end != s && *end == '\0';
}

bool ck_parse_number(const struct ynode *n, double *out)
{
	const char *dp = localeconv()->decimal_point;
	char buf[80], *end;
	size_t i, o = 0, digits = 0;

	if (!ck_clean_scalar(n) || n->len > 32)
		return false;
	for (i = 0; i < n->len; i++) {
		char c = n->text[i];

		if (isdigit((unsigned char)c)) {
			digits++;
			buf[o++] = c;
		} else if ((c == '-' || c == '+') && i == 0) {
			buf[o++] = c;
		} else if (c == '.' && !strchr(n->text + i + 1, '.')) {
			o += (size_t)snprintf(buf + o, 8, "%.7s", dp);
		} else {
			return false;
		}
	}
	buf[o] = '\0';
	if (!digits)
		return false;
	*out = strtod(buf, &end);
	return *end == '\0' && isfinite(*out);
}

int ck_get_int(struct checker *ck, const char *key, const struct ynode *v,
	       int min, int *out)
{
	const char *expected = min > 0 ? "a positive integer" :
				"a non-negative integer";
	long x;

	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, expected);
	if (!parse_long(v, &x) || x < min)
		return ck_fail(ck, v, "invalid %s '%s' (expected %s)", key,
			       ck_shown(ck, v), expected);
	if (x > MAX_INT)
		return ck_fail(ck, v, "%s %ld too large (expected at most %d)",
			       key, x, MAX_INT);
	*out = (int)x;
	return 0;
}

int ck_get_string(struct checker *ck, const char *key,
		  const struct ynode *v, char **out)
{
	struct text_fault fault;
	bool blank = true;

	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, "a string");
	if (memchr(v->text, '\0', v->len)) /* "\0" in a quoted scalar */
		return ck_fail(ck, v, "invalid %s (contains a %s)", key,
			       text_class_label(TEXT_CONTROL));
	if (!text_storable(v->text, 0, &fault))
		return ck_fail(ck, v, "invalid %s (contains a %s)", key,
			       text_class_label(fault.cls));
	for (size_t i = 0; i < v->len; i++)
		if (v->text[i] != ' ')
			blank = false;
	if (blank || ck_is_null(v))
		return ck_fail(ck, v, "empty %s (expected a non-empty string)",
			       key);
	free(*out);
	*out = xstrdup(v->text);
	return 0;
}

int ck_get_code(struct checker *ck, const char *what, const char *key,
		const struct ynode *v, char **out)
{
	if (v->type == Y_SCALAR && v->len >= 1 && v->len <= MAX_CODE &&
	    strspn(v->text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
		   "vwxyz0123456789_-") == v->len)
		return ck_get_string(ck, key, v, out);
	if (v->type != Y_SCALAR || ck_is_null(v))
		return ck_get_string(ck, key, v, out);
	return ck_fail(ck, v, "invalid %s %s '%s' (expected 1 to %d letters, "
		       "digits, '_' or '-')", what, key, ck_shown(ck, v),
		       MAX_CODE);
}

const char *ck_join_names(char *buf, size_t size, const char *const *names,
			  size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s",
				      i == 0 ? "" : i + 1 == n ? " or " : ", ",
				      names[i]);
	return buf;
}

int ck_get_choice(struct checker *ck, const char *key, const char *noun,
		  const struct ynode *v, const char *const *names,
		  size_t n, int *out)
{
	char list[256];

	ck_join_names(list, sizeof(list), names, n);
	if (v->type != Y_SCALAR || ck_is_null(v))
		return ck_wrong_type(ck, v, key, list);
	for (size_t i = 0; i < n && ck_clean_scalar(v); i++) {
		if (!strcmp(v->text, names[i])) {
			*out = (int)i;
			return 0;
		}
	}
	return ck_fail(ck, v, "unknown %s '%s' (expected %s)", noun,
		       ck_shown(ck, v), list);
}

/* ---- pass two: schemas ------------------------------------------------ */

static int apply_field(struct checker *ck, const char *what,
		       const struct field *f, const struct ynode *v, void *obj)
{
	void *p = (char *)obj + f->offset;

	switch (f->type) {
	case F_STRING:
		return ck_get_string(ck, f->key, v, p);
	case F_CODE:
		return ck_get_code(ck, what, f->key, v, p);
	case F_POSINT:
		return ck_get_int(ck, f->key, v, 1, p);
	case F_CUSTOM:
		break;
	}
	return f->fn(ck, f->key, v, p);
}

static int unknown_key(struct checker *ck, const struct ynode *k,
		       const char *what, const struct field *f, size_t nf)
{
	const char *names[MAX_FIELDS];
	char list[256];

	for (size_t i = 0; i < nf; i++)
		names[i] = f[i].key;
	ck_join_names(list, sizeof(list), names, nf);
	if (!what)
		return ck_fail(ck, k, "unknown key '%s' at top level "
			       "(expected %s)", ck_shown(ck, k), list);
	return ck_fail(ck, k, "unknown key '%s' in %s (expected %s)",
		       ck_shown(ck, k), what, list);
}

static size_t field_index(const struct field *f, size_t nf,
			  const struct ynode *k)
{
	size_t i;

	for (i = 0; i < nf; i++)
		if (ck_clean_scalar(k) && !strcmp(f[i].key, k->text))
			break;
	return i;
}

int ck_walk_map(struct checker *ck, const struct ynode *map,
		const char *what, const struct field *f, size_t nf,
		void *obj, const struct ynode **got)
{
	const struct ynode *keys[MAX_FIELDS] = {NULL}, *vals[MAX_FIELDS];

	if (map->type != Y_MAP)
		return ck_wrong_type(ck, map, what ? what : "top level",
				     "a mapping");
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->kid[i], *v = map->kid[i + 1];
		size_t j = field_index(f, nf, k);

		if (k->type != Y_SCALAR)
			return ck_wrong_type(ck, k, "key", "a string");
		if (j == nf)
			return unknown_key(ck, k, what, f, nf);
		if (keys[j])
			return ck_fail(ck, k, "duplicate key '%s' (first at "
				       "line %d)", k->text, keys[j]->line);
		keys[j] = k;
		vals[j] = v;
		if (!(ck_is_null(v) && !f[j].required) &&
		    apply_field(ck, what, &f[j], v, obj))
			return -1;
	}
	for (size_t j = 0; j < nf; j++) {
		if (got)
			got[j] = keys[j] && !ck_is_null(vals[j]) ? vals[j] :
				 NULL;
		if (!f[j].required || keys[j])
			continue;
		if (!what)
			return ck_fail(ck, map, "missing key '%s' at top level",
				       f[j].key);
		return ck_fail(ck, map, "missing key '%s' in %s", f[j].key,
			       what);
	}
	return 0;
}

const struct ynode *ck_map_get(const struct ynode *map, const char *key)
{
	for (size_t i = 0; map->type == Y_MAP && i + 1 < map->n; i += 2)
		if (ck_clean_scalar(map->kid[i]) &&
		    !strcmp(map->kid[i]->text, key))
			return map->kid[i + 1];
	return map;
}

/* Every item struct whose codes ck_unique() compares starts with its char
 * *code. */
_Static_assert(offsetof(struct site_cfg, code) == 0, "code first");
_Static_assert(offsetof(struct ward_cfg, code) == 0, "code first");
_Static_assert(offsetof(struct reason_cfg, code) == 0, "code first");
_Static_assert(offsetof(struct owner_cfg, code) == 0, "code first");

int ck_unique(struct checker *ck, const struct ynode *seq,
	      const void *arr, size_t stride, size_t last,
	      const char *noun)
{
	const char *code = *(char *const *)(const void *)
		((const char *)arr + last * stride);

	for (size_t i = 0; i < last; i++) {
		const char *other = *(char *const *)(const void *)
			((const char *)arr + i * stride);

		if (strcmp(code, other))
			continue;
		return ck_fail(ck, ck_map_get(seq->kid[last], "code"),
			       "duplicate %s code '%s' (first at line %d)",
			       noun, code,
			       ck_map_get(seq->kid[i], "code")->line);
	}
	return 0;
}

int ck_want_list(struct checker *ck, const char *key,
		 const struct ynode *v, const char *noun)
{
	if (!ck_is_null(v) && v->type != Y_SEQ)
		return ck_wrong_type(ck, v, key, "a sequence");
	if (ck_is_null(v) || v->n == 0)
		return ck_fail(ck, v, "empty %s list (expected at least one "
			       "%s)", key, noun);
	return 0;
}

/* ---- trajectory ----------------------------------------------------- */

static int h_month(struct checker *ck, const char *key, const struct ynode *v,
		   void *obj)
{
	struct trajectory_point *p = obj;

	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, "a month (YYYY-MM)");
	if (ck_clean_scalar(v) && month_parse(v->text, &p->from))
		return 0;
	return ck_fail(ck, v, "invalid month '%s' (expected YYYY-MM)",
		       ck_shown(ck, v));
}

static const struct field point_fields[] = {
	CUSTOM("from", h_month, true),
	FIELD("bed_days", F_POSINT, struct trajectory_point, bed_days, true),
};

/* A trajectory: the system's (top level) or a site's. */
static int get_trajectory(struct checker *ck, const char *key,
			  const struct ynode *v,
			  struct trajectory_point **points, size_t *n)
{
	const struct ynode *got[ARRAY_SIZE(point_fields)];
	size_t cap = 0;

	if (v->type != Y_SEQ)
		return ck_wrong_type(ck, v, key, "a sequence");
	if (v->n == 0)
		return 0;
	*points = xgrow(NULL, &cap, v->n, sizeof(**points));
	for (size_t i = 0; i < v->n; i++) {
		struct trajectory_point *p = &(*points)[i];

		memset(p, 0, sizeof(*p));
		if (WALK(ck, v->kid[i], "trajectory point", point_fields, p,
			 got))
			return -1;
		(*n)++;
		if (i > 0 && p->from <= p[-1].from)
			return ck_fail(ck, got[0], "trajectory month %s not "
				       "after %s (expected strictly increasing "
				       "months)", got[0]->text,
				       ck_map_get(v->kid[i - 1], "from")->text);
	}
	return 0;
}

static int h_trajectory(struct checker *ck, const char *key,
			const struct ynode *v, void *obj)
{
	struct config *cfg = obj;

	return get_trajectory(ck, key, v, &cfg->trajectory, &cfg->ntrajectory);
}

static int h_site_trajectory(struct checker *ck, const char *key,
			     const struct ynode *v, void *obj)
{
	struct site_cfg *site = obj;

	return get_trajectory(ck, key, v, &site->trajectory,
			      &site->ntrajectory);
}

/* ---- sites and wards -------------------------------------------------- */

static const struct field ward_fields[] = {
	FIELD("code", F_CODE, struct ward_cfg, code, true),
	FIELD("name", F_STRING, struct ward_cfg, name, true),
	FIELD("beds", F_POSINT, struct ward_cfg, beds, true),
};

static int h_wards(struct checker *ck, const char *key, const struct ynode *v,
		   void *obj)
{
	struct site_cfg *site = obj;
	size_t cap = 0;

	if (ck_want_list(ck, key, v, "ward"))
		return -1;
	site->wards = xgrow(NULL, &cap, v->n, sizeof(*site->wards));
	for (size_t i = 0; i < v->n; i++) {
		struct ward_cfg *w = &site->wards[site->nwards++];

		memset(w, 0, sizeof(*w));
		if (WALK(ck, v->kid[i], "ward", ward_fields, w, NULL) ||
		    ck_unique(ck, v, site->wards, sizeof(*w), i, "ward"))
			return -1;
	}
	return 0;
}

static int h_kind(struct checker *ck, const char *key, const struct ynode *v,
		  void *obj)
{
	static const char *const names[] = {
#define SITE_KIND_NAME(e, name, label) name,
		SITE_KIND_TABLE(SITE_KIND_NAME)
#undef SITE_KIND_NAME
	};
	struct site_cfg *site = obj;
	int kind;

	if (ck_get_choice(ck, key, "site kind", v, names, ARRAY_SIZE(names),
			  &kind))
		return -1;
	site->kind = (enum site_kind)kind;
	return 0;
}

static const struct field site_fields[] = {
	FIELD("code", F_CODE, struct site_cfg, code, true),
	FIELD("name", F_STRING, struct site_cfg, name, true),
	CUSTOM("kind", h_kind, true),
	FIELD("beds", F_POSINT, struct site_cfg, beds, false),
	CUSTOM("wards", h_wards, false),
	CUSTOM("trajectory", h_site_trajectory, false),
};

/* beds agrees with the wards, or comes from them. */
static int check_site_beds(struct checker *ck, const struct ynode *map,
			   struct site_cfg *site, const struct ynode *beds)
{
	long long sum = 0;

	if (!site->nwards) {
		if (beds)
			return 0;
		return ck_fail(ck, map, "missing key 'beds' in site %s "
			       "(required when no wards are listed)",
			       site->code);
	}
	for (size_t i = 0; i < site->nwards; i++)
		sum += site->wards[i].beds;
	if (sum > MAX_INT)
		return ck_fail(ck, map, "wards of site %s total %lld beds "
			       "(expected at most %d)", site->code, sum,
			       MAX_INT);
	if (beds && sum != site->beds)
		return ck_fail(ck, beds, "beds %d of site %s do not match its "
			       "wards' total of %lld (give the same figure or "
			       "leave beds out)", site->beds, site->code, sum);
	site->beds = (int)sum;
	return 0;
}

static int h_sites(struct checker *ck, const char *key, const struct ynode *v,
		   void *obj)
{
	struct config *cfg = obj;
	const struct ynode *got[ARRAY_SIZE(site_fields)];
	size_t cap = 0;

	if (ck_want_list(ck, key, v, "site"))
		return -1;
	cfg->sites = xgrow(NULL, &cap, v->n, sizeof(*cfg->sites));
	for (size_t i = 0; i < v->n; i++) {
		struct site_cfg *s = &cfg->sites[cfg->nsites++];

		memset(s, 0, sizeof(*s));
		if (WALK(ck, v->kid[i], "site", site_fields, s, got) ||
		    ck_unique(ck, v, cfg->sites, sizeof(*s), i, "site") ||
		    check_site_beds(ck, v->kid[i], s, got[3]))
			return -1;
	}
	return 0;
}

/* ---- system, thresholds, top level ------------------------------------ */

static const struct field system_fields[] = {
	FIELD("name", F_STRING, struct config, system_name, true),
};

static int h_system(struct checker *ck, const char *key, const struct ynode *v,
		    void *obj)
{
	return WALK(ck, v, key, system_fields, obj, NULL);
}

static int h_midday(struct checker *ck, const char *key, const struct ynode *v,
		    void *obj)
{
	struct config *cfg = obj;

	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, "a number");
	double *pct = strcmp(key, "step_up_target_pct") == 0 ?
		      &cfg->step_up_target_pct : &cfg->midday_target_pct;

	if (!ck_parse_number(v, pct) || *pct < 0 || *pct > 100)
		return ck_fail(ck, v, "invalid %s '%s' (expected a number from "
			       "0 to 100)", key, ck_shown(ck, v));
	return 0;
}

static const struct field threshold_fields[] = {
	FIELD("stranded_days", F_POSINT, struct config, stranded_days, false),
	FIELD("super_stranded_days", F_POSINT, struct config,
	      super_stranded_days, false),
	CUSTOM("midday_discharge_target_pct", h_midday, false),
	CUSTOM("step_up_target_pct", h_midday, false),
};

static int h_thresholds(struct checker *ck, const char *key,
			const struct ynode *v, void *obj)
{
	struct config *cfg = obj;
	const struct ynode *got[ARRAY_SIZE(threshold_fields)];

	if (WALK(ck, v, key, threshold_fields, cfg, got))
		return -1;
	if (cfg->super_stranded_days > cfg->stranded_days)
		return 0;
	return ck_fail(ck, got[1] ? got[1] : got[0], "super_stranded_days %d "
		       "not greater than stranded_days %d",
		       cfg->super_stranded_days, cfg->stranded_days);
}

static int h_discharge_max(struct checker *ck, const char *key,
			   const struct ynode *v, void *obj)
{
	struct config *cfg = obj;

	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, "a number");
	if (!ck_parse_number(v, &cfg->discharge_missing_max_pct) ||
	    cfg->discharge_missing_max_pct < 0 ||
	    cfg->discharge_missing_max_pct > 100)
		return ck_fail(ck, v, "invalid %s '%s' (expected a number from "
			       "0 to 100)", key, ck_shown(ck, v));
	return 0;
}

static const struct field import_fields[] = {
	CUSTOM("discharge_missing_max_pct", h_discharge_max, false),
};

static int h_import(struct checker *ck, const char *key, const struct ynode *v,
		    void *obj)
{
	return WALK(ck, v, key, import_fields, obj, NULL);
}

static const struct field top_fields[] = {
	CUSTOM("system", h_system, true),
	CUSTOM("thresholds", h_thresholds, false),
	CUSTOM("opel", ck_opel, false),
	CUSTOM("delay_vocabulary", ck_delay_vocabulary, false),
	CUSTOM("delay_reasons", ck_reasons, false),
	CUSTOM("red_reasons", ck_reasons, false),
	CUSTOM("bed_reasons", ck_reasons, false),
	CUSTOM("areas", ck_reasons, false),
	CUSTOM("owners", ck_owners, false),
	CUSTOM("escalation", ck_escalation, false),
	CUSTOM("call", ck_call, false),
	CUSTOM("nctr_label", ck_nctr_label, false),
	CUSTOM("trajectory", h_trajectory, false),
	CUSTOM("sites", h_sites, true),
	CUSTOM("import", h_import, false),
	CUSTOM("notify", ck_notify, false),
	CUSTOM("access", ck_access, false),
};
_Static_assert(ARRAY_SIZE(top_fields) <= MAX_FIELDS,
	       "MAX_FIELDS is too small for the top level");

int config_check(const char *name, const struct ynode *root,
		 struct config *cfg, struct sr_error *err)
{
	struct checker ck = {.name = name, .err = err, .cfg = cfg};

	if (!root || ck_is_null(root))
		return config_fail_at(err, name, root ? root->line : 1,
				      root ? root->col : 1, "empty "
				      "configuration (expected a mapping with "
				      "system and sites)");
	if (WALK(&ck, root, NULL, top_fields, cfg, NULL))
		return -1;
	if (ck_opel_sites(&ck) || ck_access_refs(&ck))
		return -1;
	return ck_notify_sites(&ck);
}
