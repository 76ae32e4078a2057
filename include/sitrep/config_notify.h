/* The config's notify: section (issue 16): the commands sitrep watch runs
 * (an argv, no shell) with a JSON document on stdin when a site's or the
 * system's OPEL level changes or a figure crosses a threshold; which
 * events go to which commands; the retry policy; and the action cards the
 * console shows when a level rises. Part of the config module
 * (src/config_notify.c); see man/sitrep.yaml.5. */
#ifndef SITREP_CONFIG_NOTIFY_H
#define SITREP_CONFIG_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"

/* What is notified, and the key of notify.on that names its commands.
 * X(enum, yaml name, label) */
#define NOTIFY_EVENT_TABLE(X)                                             \
	X(NOTIFY_SITE_COMPUTED, "site_computed",                          \
	  "a site's computed OPEL level changes")                         \
	X(NOTIFY_SITE_DECLARED, "site_declared",                          \
	  "a site's declared OPEL level changes")                         \
	X(NOTIFY_SYSTEM_COMPUTED, "system_computed",                      \
	  "the system's computed OPEL level changes")                     \
	X(NOTIFY_SYSTEM_DECLARED, "system_declared",                      \
	  "the system's declared OPEL level changes")                     \
	X(NOTIFY_THRESHOLD, "threshold", "a figure crosses a threshold")

enum notify_event {
#define NOTIFY_EVENT_ENUM(e, name, label) e,
	NOTIFY_EVENT_TABLE(NOTIFY_EVENT_ENUM)
#undef NOTIFY_EVENT_ENUM
	NOTIFY_EVENT_COUNT
};

/* Which crossings of a threshold are notified: the figure reaching the
 * value (from below it), falling below it, or both.
 * X(enum, yaml name, label) */
#define NOTIFY_DIRECTION_TABLE(X)                                   \
	X(NOTIFY_ABOVE, "above", "reaches the value from below")    \
	X(NOTIFY_BELOW, "below", "falls below the value")           \
	X(NOTIFY_BOTH, "both", "either crossing")

enum notify_direction {
#define NOTIFY_DIRECTION_ENUM(e, name, label) e,
	NOTIFY_DIRECTION_TABLE(NOTIFY_DIRECTION_ENUM)
#undef NOTIFY_DIRECTION_ENUM
	NOTIFY_DIRECTION_COUNT
};

#define NOTIFY_TIMEOUT_DEFAULT 30  /* seconds a command may run */
#define NOTIFY_ATTEMPTS_DEFAULT 3  /* attempts in all, the first included */
#define NOTIFY_RETRY_DEFAULT 300   /* seconds between attempts */
#define NOTIFY_ACTIONS_MAX 20      /* action lines per level */
#define NOTIFY_ACTION_LEN 200      /* bytes of an action line */
#define NOTIFY_LEVELS 5            /* actions[] is indexed by level 0-4 */

/* A command: argv[0] is looked up in PATH as execvp does; no shell. */
struct notify_command {
	char *name;  /* as notify.on names it */
	char **argv; /* argc strings, then NULL */
	size_t argc;
	int timeout_seconds; /* killed after this long; a failed attempt */
};

/* A figure against a value: each site (of site, or of kind, or every
 * site) is above (figure >= value) or below it. */
struct notify_threshold {
	enum opel_metric metric;
	char *site;  /* a site code, or NULL */
	int kind;    /* enum site_kind, or -1: any */
	double value;
	enum notify_direction direction;
	int site_line, site_col; /* of site, for the check against sites */
};

struct notify_cfg {
	struct notify_command *commands;
	size_t ncommands;
	/* Per event, the commands it goes to (indexes into commands). */
	size_t *on[NOTIFY_EVENT_COUNT];
	size_t non[NOTIFY_EVENT_COUNT];
	struct notify_threshold *thresholds;
	size_t nthresholds;
	int attempts;      /* retry.attempts: attempts in all (>= 1) */
	int after_seconds; /* retry.after_seconds */
	/* The action card of each level 2-4 (actions[level], nactions
	 * lines); none for a level without. */
	char **actions[NOTIFY_LEVELS];
	size_t nactions[NOTIFY_LEVELS];
};

/* The command named name, or NULL (also when cfg has no notify:). */
const struct notify_command *config_notify_command(const struct config *cfg,
						   const char *name);
/* The action lines of level (2-4): *n lines, none (NULL, 0) when the
 * config gives none. */
char *const *config_notify_actions(const struct config *cfg, int level,
				   size_t *n);
void config_notify_free(struct notify_cfg *n);

const char *notify_event_name(enum notify_event e);
const char *notify_event_label(enum notify_event e);
bool notify_event_parse(const char *s, enum notify_event *out);
const char *notify_direction_name(enum notify_direction d);
const char *notify_direction_label(enum notify_direction d);
bool notify_direction_parse(const char *s, enum notify_direction *out);

#endif
