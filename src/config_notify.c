/* The schema of the notify: section (include/sitrep/config_notify.h,
 * man/sitrep.yaml.5): the commands sitrep watch runs, which events go to
 * which of them, the thresholds on figures, the retry policy and the
 * console's action cards. Walked by config_check.c's checker, which calls
 * ck_notify for the top-level key and ck_notify_sites once the sites are
 * read. */
#include "config_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config_notify.h"
#include "sitrep/util.h"

#define MAX_ARGV 64          /* words of a command */
#define MAX_TIMEOUT 3600     /* seconds a command may be given */
#define MAX_ATTEMPTS 100
#define MAX_AFTER 86400      /* seconds between attempts */

static const char *const metric_names[] = {
#define METRIC_NAME(e, name, label, def) name,
	OPEL_METRIC_TABLE(METRIC_NAME)
#undef METRIC_NAME
};

static const char *const kind_names[] = {
#define KIND_NAME(e, name, label) name,
	SITE_KIND_TABLE(KIND_NAME)
#undef KIND_NAME
};

static const char *const direction_names[] = {
#define DIRECTION_NAME(e, name, label) name,
	NOTIFY_DIRECTION_TABLE(DIRECTION_NAME)
#undef DIRECTION_NAME
};

/* A key whose value is read once the others it needs are. */
static int h_later(struct checker *ck, const char *key, const struct ynode *v,
		   void *obj)
{
	return 0;
}

/* ---- commands --------------------------------------------------------- */

static int h_argv(struct checker *ck, const char *key, const struct ynode *v,
		  void *obj)
{
	struct notify_command *c = obj;

	if (ck_want_list(ck, key, v, "word"))
		return -1;
	if (v->n > MAX_ARGV)
		return ck_fail(ck, v, "%s has %zu words (expected at most %d)",
			       key, v->n, MAX_ARGV);
	c->argv = xcalloc(v->n + 1, sizeof(*c->argv));
	for (size_t i = 0; i < v->n; i++) {
		if (ck_get_string(ck, key, v->kid[i], &c->argv[i]))
			return -1;
		c->argc++;
	}
	return 0;
}

static int h_timeout(struct checker *ck, const char *key,
		     const struct ynode *v, void *obj)
{
	struct notify_command *c = obj;

	if (ck_get_int(ck, key, v, 1, &c->timeout_seconds))
		return -1;
	if (c->timeout_seconds > MAX_TIMEOUT)
		return ck_fail(ck, v, "%s %d too large (expected at most %d)",
			       key, c->timeout_seconds, MAX_TIMEOUT);
	return 0;
}

static const struct field command_fields[] = {
	FIELD("name", F_CODE, struct notify_command, name, true),
	CUSTOM("argv", h_argv, true),
	CUSTOM("timeout_seconds", h_timeout, false),
};

static int read_commands(struct checker *ck, const struct ynode *v,
			 struct notify_cfg *n)
{
	if (ck_want_list(ck, "commands", v, "command"))
		return -1;
	n->commands = xcalloc(v->n, sizeof(*n->commands));
	for (size_t i = 0; i < v->n; i++) {
		struct notify_command *c = &n->commands[i];

		c->timeout_seconds = NOTIFY_TIMEOUT_DEFAULT;
		n->ncommands++;
		if (WALK(ck, v->kid[i], "notify command", command_fields, c,
			 NULL))
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(n->commands[j].name, c->name) == 0)
				return ck_fail(ck, ck_map_get(v->kid[i],
							      "name"),
					       "duplicate command name '%s' "
					       "(first at line %d)", c->name,
					       ck_map_get(v->kid[j],
							  "name")->line);
	}
	return 0;
}

/* ---- on: events to commands ------------------------------------------- */

static int command_index(struct checker *ck, const struct notify_cfg *n,
			 const char *what, const struct ynode *v, size_t *out)
{
	const char *names[16];
	char list[256];
	size_t k;

	if (v->type != Y_SCALAR || ck_is_null(v))
		return ck_wrong_type(ck, v, what, "a command name");
	for (size_t i = 0; i < n->ncommands; i++) {
		if (ck_clean_scalar(v) && !strcmp(v->text, n->commands[i].name)) {
			*out = i;
			return 0;
		}
	}
	if (!n->ncommands)
		return ck_fail(ck, v, "unknown command '%s' in %s (notify has "
			       "no commands: give them in notify.commands)",
			       ck_shown(ck, v), what);
	k = n->ncommands < ARRAY_SIZE(names) ? n->ncommands : ARRAY_SIZE(names);
	for (size_t i = 0; i < k; i++)
		names[i] = n->commands[i].name;
	return ck_fail(ck, v, "unknown command '%s' in %s (expected one of "
		       "notify.commands: %s)", ck_shown(ck, v), what,
		       ck_join_names(list, sizeof(list), names, k));
}

/* One command name, or a sequence of them. */
static int h_on_event(struct checker *ck, const char *key,
		      const struct ynode *v, void *obj)
{
	struct notify_cfg *n = obj;
	enum notify_event e = NOTIFY_SITE_COMPUTED;
	const struct ynode *const *items = &v;
	size_t count = 1;
	char what[64];

	notify_event_parse(key, &e);
	snprintf(what, sizeof(what), "notify.on.%s", key);
	if (v->type == Y_MAP)
		return ck_wrong_type(ck, v, what, "a command name or a "
				     "sequence of them");
	if (v->type == Y_SEQ) {
		if (ck_want_list(ck, what, v, "command"))
			return -1;
		items = (const struct ynode *const *)v->kid;
		count = v->n;
	}
	free(n->on[e]);
	n->on[e] = xcalloc(count, sizeof(*n->on[e]));
	n->non[e] = 0;
	for (size_t i = 0; i < count; i++) {
		size_t c = 0;

		if (command_index(ck, n, what, items[i], &c))
			return -1;
		for (size_t j = 0; j < n->non[e]; j++)
			if (n->on[e][j] == c)
				return ck_fail(ck, items[i], "command '%s' "
					       "named twice in %s",
					       n->commands[c].name, what);
		n->on[e][n->non[e]++] = c;
	}
	return 0;
}

static const struct field on_fields[] = {
#define ON_FIELD(e, name, label) CUSTOM(name, h_on_event, false),
	NOTIFY_EVENT_TABLE(ON_FIELD)
#undef ON_FIELD
};

/* ---- thresholds ------------------------------------------------------- */

static int h_metric(struct checker *ck, const char *key,
		    const struct ynode *v, void *obj)
{
	struct notify_threshold *t = obj;
	int m;

	if (ck_get_choice(ck, key, "metric", v, metric_names,
			  ARRAY_SIZE(metric_names), &m))
		return -1;
	t->metric = (enum opel_metric)m;
	return 0;
}

static int h_site(struct checker *ck, const char *key, const struct ynode *v,
		  void *obj)
{
	struct notify_threshold *t = obj;

	t->site_line = v->line;
	t->site_col = v->col;
	return ck_get_code(ck, "site", "code", v, &t->site);
}

static int h_kind(struct checker *ck, const char *key, const struct ynode *v,
		  void *obj)
{
	struct notify_threshold *t = obj;

	return ck_get_choice(ck, key, "site kind", v, kind_names,
			     ARRAY_SIZE(kind_names), &t->kind);
}

static int h_value(struct checker *ck, const char *key,
		   const struct ynode *v, void *obj)
{
	struct notify_threshold *t = obj;

	if (v->type != Y_SCALAR)
		return ck_wrong_type(ck, v, key, "a non-negative number");
	if (!ck_parse_number(v, &t->value) || t->value < 0)
		return ck_fail(ck, v, "invalid %s '%s' (expected a non-negative "
			       "number)", key, ck_shown(ck, v));
	return 0;
}

static int h_direction(struct checker *ck, const char *key,
		       const struct ynode *v, void *obj)
{
	struct notify_threshold *t = obj;
	int d;

	if (ck_get_choice(ck, key, "direction", v, direction_names,
			  ARRAY_SIZE(direction_names), &d))
		return -1;
	t->direction = (enum notify_direction)d;
	return 0;
}

static const struct field threshold_fields[] = {
	CUSTOM("metric", h_metric, true),
	CUSTOM("site", h_site, false),
	CUSTOM("kind", h_kind, false),
	CUSTOM("value", h_value, true),
	CUSTOM("direction", h_direction, false),
};

static bool same_threshold(const struct notify_threshold *a,
			   const struct notify_threshold *b)
{
	return a->metric == b->metric && a->kind == b->kind &&
	       a->value == b->value &&
	       (a->site ? b->site && !strcmp(a->site, b->site) : !b->site);
}

static int read_thresholds(struct checker *ck, const struct ynode *v,
			   struct notify_cfg *n)
{
	const struct ynode *got[ARRAY_SIZE(threshold_fields)];

	if (ck_want_list(ck, "thresholds", v, "threshold"))
		return -1;
	n->thresholds = xcalloc(v->n, sizeof(*n->thresholds));
	for (size_t i = 0; i < v->n; i++) {
		struct notify_threshold *t = &n->thresholds[i];

		t->kind = -1;
		t->direction = NOTIFY_ABOVE;
		n->nthresholds++;
		if (WALK(ck, v->kid[i], "notify threshold", threshold_fields,
			 t, got))
			return -1;
		if (got[1] && got[2])
			return ck_fail(ck, got[2], "threshold gives both site "
				       "and kind (expected one of them, or "
				       "neither for every site)");
		for (size_t j = 0; j < i; j++)
			if (same_threshold(&n->thresholds[j], t))
				return ck_fail(ck, v->kid[i], "duplicate "
					       "threshold (first at line %d)",
					       v->kid[j]->line);
	}
	return 0;
}

/* ---- retry ------------------------------------------------------------ */

static int h_attempts(struct checker *ck, const char *key,
		      const struct ynode *v, void *obj)
{
	struct notify_cfg *n = obj;

	if (ck_get_int(ck, key, v, 1, &n->attempts))
		return -1;
	if (n->attempts > MAX_ATTEMPTS)
		return ck_fail(ck, v, "%s %d too large (expected at most %d)",
			       key, n->attempts, MAX_ATTEMPTS);
	return 0;
}

static int h_after(struct checker *ck, const char *key, const struct ynode *v,
		   void *obj)
{
	struct notify_cfg *n = obj;

	if (ck_get_int(ck, key, v, 1, &n->after_seconds))
		return -1;
	if (n->after_seconds > MAX_AFTER)
		return ck_fail(ck, v, "%s %d too large (expected at most %d)",
			       key, n->after_seconds, MAX_AFTER);
	return 0;
}

static const struct field retry_fields[] = {
	CUSTOM("attempts", h_attempts, false),
	CUSTOM("after_seconds", h_after, false),
};

/* ---- actions ---------------------------------------------------------- */

static int h_level_actions(struct checker *ck, const char *key,
			   const struct ynode *v, void *obj)
{
	struct notify_cfg *n = obj;
	int level = key[0] - '0';
	char what[32];

	snprintf(what, sizeof(what), "notify.actions.%s", key);
	if (ck_want_list(ck, what, v, "action line"))
		return -1;
	if (v->n > NOTIFY_ACTIONS_MAX)
		return ck_fail(ck, v, "%s has %zu lines (expected at most %d)",
			       what, v->n, NOTIFY_ACTIONS_MAX);
	n->actions[level] = xcalloc(v->n, sizeof(*n->actions[level]));
	for (size_t i = 0; i < v->n; i++) {
		if (ck_get_string(ck, "action line", v->kid[i],
				  &n->actions[level][i]))
			return -1;
		n->nactions[level]++;
		if (strlen(n->actions[level][i]) > NOTIFY_ACTION_LEN)
			return ck_fail(ck, v->kid[i], "action line too long "
				       "(%zu bytes; expected at most %d)",
				       strlen(n->actions[level][i]),
				       NOTIFY_ACTION_LEN);
	}
	return 0;
}

/* Level 1 is steady state: nothing to act on. */
static const struct field actions_fields[] = {
	CUSTOM("2", h_level_actions, false),
	CUSTOM("3", h_level_actions, false),
	CUSTOM("4", h_level_actions, false),
};

/* ---- notify ----------------------------------------------------------- */

enum { N_COMMANDS, N_ON, N_THRESHOLDS, N_RETRY, N_ACTIONS };

static const struct field notify_fields[] = {
	[N_COMMANDS] = CUSTOM("commands", h_later, false),
	[N_ON] = CUSTOM("on", h_later, false),
	[N_THRESHOLDS] = CUSTOM("thresholds", h_later, false),
	[N_RETRY] = CUSTOM("retry", h_later, false),
	[N_ACTIONS] = CUSTOM("actions", h_later, false),
};

/* The mapping's keys first (unknown or repeated ones refused), then the
 * commands, which on names; thresholds need a command to go to. */
int ck_notify(struct checker *ck, const char *key, const struct ynode *v,
	      void *obj)
{
	const struct ynode *got[ARRAY_SIZE(notify_fields)];
	struct config *cfg = obj;
	struct notify_cfg *n;

	if (WALK(ck, v, key, notify_fields, cfg, got))
		return -1;
	n = cfg->notify = xcalloc(1, sizeof(*cfg->notify));
	n->attempts = NOTIFY_ATTEMPTS_DEFAULT;
	n->after_seconds = NOTIFY_RETRY_DEFAULT;
	if (got[N_COMMANDS] && read_commands(ck, got[N_COMMANDS], n))
		return -1;
	if (got[N_ON] && WALK(ck, got[N_ON], "notify.on", on_fields, n, NULL))
		return -1;
	if (got[N_THRESHOLDS] && read_thresholds(ck, got[N_THRESHOLDS], n))
		return -1;
	if (n->nthresholds && !n->non[NOTIFY_THRESHOLD])
		return ck_fail(ck, got[N_THRESHOLDS], "thresholds given but no "
			       "command to notify (expected notify.on."
			       "threshold naming one)");
	if (got[N_RETRY] &&
	    WALK(ck, got[N_RETRY], "notify.retry", retry_fields, n, NULL))
		return -1;
	if (got[N_ACTIONS] && WALK(ck, got[N_ACTIONS], "notify.actions",
				   actions_fields, n, NULL))
		return -1;
	return 0;
}

int ck_notify_sites(struct checker *ck)
{
	const struct config *cfg = ck->cfg;
	const struct notify_cfg *n = cfg->notify;
	const char *names[16];
	char list[256];
	size_t k = cfg->nsites < ARRAY_SIZE(names) ? cfg->nsites :
						     ARRAY_SIZE(names);

	for (size_t i = 0; i < k; i++)
		names[i] = cfg->sites[i].code;
	ck_join_names(list, sizeof(list), names, k);
	for (size_t i = 0; n && i < n->nthresholds; i++) {
		const struct notify_threshold *t = &n->thresholds[i];

		if (!t->site || config_site(cfg, t->site))
			continue;
		return config_fail_at(ck->err, ck->name, t->site_line,
				      t->site_col, "unknown site '%s' in "
				      "notify threshold (expected %s%s)",
				      t->site, list,
				      k < cfg->nsites ? ", ..." : "");
	}
	return 0;
}

/* ---- lookups ---------------------------------------------------------- */

const struct notify_command *config_notify_command(const struct config *cfg,
						   const char *name)
{
	const struct notify_cfg *n = cfg->notify;

	for (size_t i = 0; n && name && i < n->ncommands; i++)
		if (strcmp(n->commands[i].name, name) == 0)
			return &n->commands[i];
	return NULL;
}

char *const *config_notify_actions(const struct config *cfg, int level,
				   size_t *n)
{
	*n = 0;
	if (!cfg->notify || level < 2 || level >= NOTIFY_LEVELS)
		return NULL;
	*n = cfg->notify->nactions[level];
	return cfg->notify->actions[level];
}

void config_notify_free(struct notify_cfg *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->ncommands; i++) {
		for (size_t j = 0; j < n->commands[i].argc; j++)
			free(n->commands[i].argv[j]);
		free(n->commands[i].argv);
		free(n->commands[i].name);
	}
	free(n->commands);
	for (size_t e = 0; e < NOTIFY_EVENT_COUNT; e++)
		free(n->on[e]);
	for (size_t i = 0; i < n->nthresholds; i++)
		free(n->thresholds[i].site);
	free(n->thresholds);
	for (size_t l = 0; l < NOTIFY_LEVELS; l++) {
		for (size_t i = 0; i < n->nactions[l]; i++)
			free(n->actions[l][i]);
		free(n->actions[l]);
	}
	free(n);
}

static const struct enum_name events[NOTIFY_EVENT_COUNT] = {
	NOTIFY_EVENT_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum notify_event, events, NOTIFY_EVENT_COUNT,
	       notify_event_name, notify_event_label, notify_event_parse,
	       false)

static const struct enum_name directions[NOTIFY_DIRECTION_COUNT] = {
	NOTIFY_DIRECTION_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum notify_direction, directions, NOTIFY_DIRECTION_COUNT,
	       notify_direction_name, notify_direction_label,
	       notify_direction_parse, false)
