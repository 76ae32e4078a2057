/* The schema of what the daily call works from (see
 * include/sitrep/config.h and man/sitrep.yaml.5): the delay reasons (the
 * blocker vocabulary: code, label, family, default agency) or the built-in
 * vocabulary chosen in their place, the red-day reasons, the owners of
 * blockers, the escalation roles and rules, the call's time and the label
 * of patients who no longer meet the criteria to reside. Walked by
 * config_check.c's checker, which calls these for their top-level keys. */
#include "config_internal.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/text.h"
#include "sitrep/util.h"

#define MAX_LABEL_COLS 8        /* nctr_label: a column heading */

/* A config gives delay_vocabulary or delay_reasons, not both: called as
 * each is read, so the second one given is the one at fault. */
static int one_vocabulary(struct checker *ck)
{
	bool reasons_last;
	const struct ynode *last, *first;

	if (!ck->vocabulary || !ck->reasons)
		return 0;
	reasons_last = ck->reasons->line > ck->vocabulary->line ||
		       (ck->reasons->line == ck->vocabulary->line &&
			ck->reasons->col > ck->vocabulary->col);
	last = reasons_last ? ck->reasons : ck->vocabulary;
	first = reasons_last ? ck->vocabulary : ck->reasons;
	return ck_fail(ck, last, "%s given with %s at line %d (give one: a "
		       "built-in delay_vocabulary applies only when "
		       "delay_reasons is left out)",
		       reasons_last ? "delay_reasons" : "delay_vocabulary",
		       reasons_last ? "delay_vocabulary" : "delay_reasons",
		       first->line);
}

int ck_delay_vocabulary(struct checker *ck, const char *key,
			const struct ynode *v, void *obj)
{
	static const char *const names[] = {
#define VOCABULARY_NAME(e, name, label) [e] = name,
		VOCABULARY_TABLE(VOCABULARY_NAME)
#undef VOCABULARY_NAME
	};
	struct config *cfg = obj;
	int voc;

	if (ck_get_choice(ck, key, key, v, names, ARRAY_SIZE(names), &voc))
		return -1;
	cfg->vocabulary = (enum vocabulary)voc;
	ck->vocabulary = v;
	return one_vocabulary(ck);
}

/* ---- lists of items with codes ---------------------------------------- */

/* Walks each mapping of the non-empty sequence v against fields f into
 * arr, v->n items of size bytes allocated zeroed by the caller, each with
 * an int agency at byte agency_at (-1 until one is given): each counted in
 * *n as soon as it is started (so config_free finds it), its code
 * unique. */
static int walk_items(struct checker *ck, const struct ynode *v,
		      const char *noun, const struct field *f, size_t nf,
		      void *arr, size_t size, size_t *n, size_t agency_at)
{
	for (size_t i = 0; i < v->n; i++) {
		void *item = (char *)arr + i * size;

		*(int *)(void *)((char *)item + agency_at) = -1;
		(*n)++;
		if (ck_walk_map(ck, v->kid[i], noun, f, nf, item, NULL) ||
		    ck_unique(ck, v, arr, size, i, noun))
			return -1;
	}
	return 0;
}

/* An agency as agency_parse() reads it (any case), into the item's int
 * agency (obj). */
static int h_agency(struct checker *ck, const char *key,
		    const struct ynode *v, void *obj)
{
	static const char *const names[] = {
#define AGENCY_NAME(e, code, label) [e] = code,
		AGENCY_TABLE(AGENCY_NAME)
#undef AGENCY_NAME
	};
	char list[64];
	enum agency a;

	ck_join_names(list, sizeof(list), names, ARRAY_SIZE(names));
	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, list);
	if (!ck_clean_scalar(v) || !agency_parse(v->text, &a))
		return ck_fail(ck, v, "unknown agency '%s' (expected %s)",
			       ck_shown(ck, v), list);
	*(int *)obj = (int)a;
	return 0;
}

/* ---- reasons ---------------------------------------------------------- */

static int h_family(struct checker *ck, const char *key,
		    const struct ynode *v, void *obj)
{
	static const char *const names[] = {
#define BLOCKER_FAMILY_NAME(e, name, label) [e] = name,
		BLOCKER_FAMILY_TABLE(BLOCKER_FAMILY_NAME)
#undef BLOCKER_FAMILY_NAME
	};
	struct reason_cfg *r = obj;
	int family;

	if (ck_get_choice(ck, key, key, v, names, ARRAY_SIZE(names), &family))
		return -1;
	r->family = (enum blocker_family)family;
	return 0;
}

/* Every delay reason is in a family; its agency is optional. */
static const struct field delay_reason_fields[] = {
	FIELD("code", F_CODE, struct reason_cfg, code, true),
	FIELD("label", F_STRING, struct reason_cfg, label, true),
	CUSTOM("family", h_family, true),
	CUSTOM_AT("agency", h_agency, struct reason_cfg, agency, false),
};

static const struct field red_reason_fields[] = {
	FIELD("code", F_CODE, struct reason_cfg, code, true),
	FIELD("label", F_STRING, struct reason_cfg, label, true),
};

/* An area of residence: its code and name (kept as the label). */
static const struct field area_fields[] = {
	FIELD("code", F_CODE, struct reason_cfg, code, true),
	FIELD("name", F_STRING, struct reason_cfg, label, true),
};

/* delay_reasons, red_reasons, bed_reasons (why beds are closed) and
 * areas (the system's own areas of residence): lists of codes. */
int ck_reasons(struct checker *ck, const char *key, const struct ynode *v,
	       void *obj)
{
	struct config *cfg = obj;
	bool delay = !strcmp(key, "delay_reasons");
	bool bed = !strcmp(key, "bed_reasons"), area = !strcmp(key, "areas");
	struct reason_cfg **list = delay ? &cfg->delay_reasons :
				   bed	 ? &cfg->bed_reasons :
				   area	 ? &cfg->areas :
					   &cfg->red_reasons;
	size_t *n = delay ? &cfg->ndelay_reasons :
		    bed	  ? &cfg->nbed_reasons :
		    area  ? &cfg->nareas :
			    &cfg->nred_reasons;

	if (ck_want_list(ck, key, v, "reason"))
		return -1;
	if (delay) {
		cfg->own_vocabulary = true;
		ck->reasons = v;
		if (one_vocabulary(ck))
			return -1;
	}
	*list = xcalloc(v->n, sizeof(**list));
	if (delay)
		return walk_items(ck, v, "delay reason", delay_reason_fields,
				  ARRAY_SIZE(delay_reason_fields), *list,
				  sizeof(**list), n,
				  offsetof(struct reason_cfg, agency));
	if (area)
		return walk_items(ck, v, "area", area_fields,
				  ARRAY_SIZE(area_fields), *list,
				  sizeof(**list), n,
				  offsetof(struct reason_cfg, agency));
	return walk_items(ck, v, bed ? "bed reason" : "red reason",
			  red_reason_fields,
			  ARRAY_SIZE(red_reason_fields), *list, sizeof(**list),
			  n, offsetof(struct reason_cfg, agency));
}

/* ---- owners ----------------------------------------------------------- */

static int h_owner_kind(struct checker *ck, const char *key,
			const struct ynode *v, void *obj)
{
	static const char *const names[] = {"person", "team"};
	struct owner_cfg *o = obj;
	int kind;

	if (ck_get_choice(ck, key, "owner kind", v, names, ARRAY_SIZE(names),
			  &kind))
		return -1;
	o->team = kind == 1;
	return 0;
}

static const struct field owner_fields[] = {
	FIELD("code", F_CODE, struct owner_cfg, code, true),
	FIELD("name", F_STRING, struct owner_cfg, name, true),
	CUSTOM("kind", h_owner_kind, true),
	CUSTOM_AT("agency", h_agency, struct owner_cfg, agency, false),
};

int ck_owners(struct checker *ck, const char *key, const struct ynode *v,
	      void *obj)
{
	struct config *cfg = obj;

	if (ck_want_list(ck, key, v, "owner"))
		return -1;
	cfg->owners = xcalloc(v->n, sizeof(*cfg->owners));
	return walk_items(ck, v, "owner", owner_fields,
			  ARRAY_SIZE(owner_fields), cfg->owners,
			  sizeof(*cfg->owners), &cfg->nowners,
			  offsetof(struct owner_cfg, agency));
}

/* ---- escalation ------------------------------------------------------- */

static int h_roles(struct checker *ck, const char *key, const struct ynode *v,
		   void *obj)
{
	struct config *cfg = obj;

	if (ck_want_list(ck, key, v, "role"))
		return -1;
	cfg->roles = xcalloc(v->n, sizeof(*cfg->roles));
	for (size_t i = 0; i < v->n; i++) {
		if (ck_get_string(ck, "role", v->kid[i], &cfg->roles[i]))
			return -1;
		cfg->nroles++;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(cfg->roles[j], cfg->roles[i]))
				return ck_fail(ck, v->kid[i], "duplicate role "
					       "'%s' (first at line %d)",
					       ck_shown(ck, v->kid[i]),
					       v->kid[j]->line);
	}
	return 0;
}

/* rules name roles, which may come after them: read once roles are. */
static int h_later(struct checker *ck, const char *key, const struct ynode *v,
		   void *obj)
{
	return 0;
}

static const struct field escalation_fields[] = {
	CUSTOM("roles", h_roles, true),
	CUSTOM("rules", h_later, true),
};

/* delay_days or overdue_days: what the rule measures, and from when. */
static int h_measure(struct checker *ck, const char *key,
		     const struct ynode *v, void *obj)
{
	struct escalation_cfg *e = obj;
	enum escalate_on on = ESCALATE_DELAY_DAYS;

	escalate_on_parse(key, &on);
	e->on = on;
	return ck_get_int(ck, key, v, 0, &e->at);
}

static int h_to(struct checker *ck, const char *key, const struct ynode *v,
		void *obj)
{
	const struct config *cfg = ck->cfg;
	struct escalation_cfg *e = obj;
	char *role = NULL, list[256];

	if (ck_get_string(ck, key, v, &role))
		return -1;
	for (size_t i = 0; i < cfg->nroles; i++) {
		if (!strcmp(cfg->roles[i], role)) {
			e->role = i;
			free(role);
			return 0;
		}
	}
	free(role);
	ck_join_names(list, sizeof(list), (const char *const *)cfg->roles,
		      cfg->nroles);
	return ck_fail(ck, v, "unknown role '%s' (expected one of roles: %s)",
		       ck_shown(ck, v), list);
}

/* The measures first, in the order of enum escalate_on. */
static const struct field rule_fields[] = {
#define ESCALATE_ON_FIELD(e, name, label) CUSTOM(name, h_measure, false),
	ESCALATE_ON_TABLE(ESCALATE_ON_FIELD)
#undef ESCALATE_ON_FIELD
	CUSTOM("to", h_to, true),
};

/* A rule measures one thing. */
static int check_measure(struct checker *ck, const struct ynode *rule,
			 const struct ynode **got)
{
	const char *first_key = NULL;

	for (size_t i = 0; i < ESCALATE_ON_COUNT; i++) {
		if (!got[i])
			continue;
		if (!first_key) {
			first_key = rule_fields[i].key;
			continue;
		}
		return ck_fail(ck, got[i], "escalation rule gives both %s and "
			       "%s (expected one of them)", first_key,
			       rule_fields[i].key);
	}
	if (first_key)
		return 0;
	return ck_fail(ck, rule, "missing key '%s' or '%s' in escalation rule",
		       rule_fields[ESCALATE_DELAY_DAYS].key,
		       rule_fields[ESCALATE_OVERDUE_DAYS].key);
}

static int read_rules(struct checker *ck, const struct ynode *v,
		      struct config *cfg)
{
	const struct ynode *got[ARRAY_SIZE(rule_fields)];

	if (ck_want_list(ck, "rules", v, "rule"))
		return -1;
	cfg->escalations = xcalloc(v->n, sizeof(*cfg->escalations));
	for (size_t i = 0; i < v->n; i++) {
		struct escalation_cfg *e = &cfg->escalations[i];

		if (WALK(ck, v->kid[i], "escalation rule", rule_fields, e,
			 got) ||
		    check_measure(ck, v->kid[i], got))
			return -1;
		cfg->nescalations++;
	}
	return 0;
}

int ck_escalation(struct checker *ck, const char *key,
		  const struct ynode *v, void *obj)
{
	if (WALK(ck, v, key, escalation_fields, obj, NULL))
		return -1;
	return read_rules(ck, ck_map_get(v, "rules"), obj);
}

/* ---- the call --------------------------------------------------------- */

/* "H:MM" or "HH:MM", the whole of s, on the 24-hour clock. */
static bool read_time(const char *s, int *minutes)
{
	size_t h = strspn(s, "0123456789");
	int hours;

	if (h < 1 || h > 2 || s[h] != ':' || strlen(s + h + 1) != 2 ||
	    !isdigit((unsigned char)s[h + 1]) ||
	    !isdigit((unsigned char)s[h + 2]))
		return false;
	hours = atoi(s);
	*minutes = (s[h + 1] - '0') * 10 + (s[h + 2] - '0');
	if (hours > 23 || *minutes > 59)
		return false;
	*minutes += hours * 60;
	return true;
}

static int h_call_time(struct checker *ck, const char *key,
		       const struct ynode *v, void *obj)
{
	struct config *cfg = obj;
	int minutes;

	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, "a time (HH:MM)");
	if (!ck_clean_scalar(v) || !read_time(v->text, &minutes))
		return ck_fail(ck, v, "invalid time '%s' (expected HH:MM on "
			       "the 24-hour clock, 00:00 to 23:59)",
			       ck_shown(ck, v));
	cfg->call_minute = minutes;
	return 0;
}

static const struct field call_fields[] = {
	CUSTOM("time", h_call_time, true),
};

int ck_call(struct checker *ck, const char *key, const struct ynode *v,
	    void *obj)
{
	return WALK(ck, v, key, call_fields, obj, NULL);
}

/* ---- the NCTR label --------------------------------------------------- */

int ck_nctr_label(struct checker *ck, const char *key, const struct ynode *v,
		  void *obj)
{
	struct config *cfg = obj;
	struct text_char c;
	int cols = 0;

	if (ck_get_string(ck, key, v, &cfg->nctr_label))
		return -1;
	for (size_t i = 0; i < v->len; i += c.len) {
		text_next(v->text + i, v->len - i, TEXT_QUESTION, &c);
		if (!c.raw)
			return ck_fail(ck, v, "invalid %s (contains a "
				       "character that cannot be shown)", key);
		cols += c.width;
	}
	if (cols > MAX_LABEL_COLS)
		return ck_fail(ck, v, "%s '%s' is %d columns wide (expected at "
			       "most %d)", key, ck_shown(ck, v), cols,
			       MAX_LABEL_COLS);
	return 0;
}
