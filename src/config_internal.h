/* Private to the config module: the tree of YAML nodes that config.c composes
 * from libyaml events (only config.c includes yaml.h), and the checker with
 * which config_check.c, config_blockers.c and config_opel.c walk it against
 * the schema to fill struct config. */
#ifndef SITREP_CONFIG_INTERNAL_H
#define SITREP_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"
#include "sitrep/error.h"

enum ynode_type { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ynode_type type;
	int line, col;          /* 1-based */
	bool plain;             /* scalar written without quotes */
	char *text;             /* scalar; may hold a NUL from an escape */
	size_t len;
	struct ynode **kid;     /* sequence items; mapping key, value, ... */
	size_t n, cap;
};

/* Records "NAME:LINE:COLUMN: message" in err as SR_ECONFIG; returns -1. */
int config_fail_at(struct sr_error *err, const char *name, int line, int col,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Checks the document root (NULL for an empty stream) against the schema and
 * fills cfg, which holds the defaults (the reason lists are left empty when
 * the file has none). Returns 0, or -1 with err holding
 * "NAME:LINE:COLUMN: message"; cfg may then be partly filled, for
 * config_free. */
int config_check(const char *name, const struct ynode *root,
		 struct config *cfg, struct sr_error *err);

/* ---- the checker (config_check.c) ------------------------------------
 * Walks mappings against tables of fields, for the schema files
 * (config_check.c, config_blockers.c). Every function that fails records
 * "NAME:LINE:COLUMN: message" in ck->err and returns -1; the first error
 * stops the walk. */

#define MAX_INT 1000000          /* largest bed count, day count, target */
#define MAX_CODE 16              /* site, ward, reason and owner codes */

struct checker {
	const char *name;       /* file name for messages */
	struct sr_error *err;
	struct config *cfg;
	char shown[64];         /* a scalar quoted in a message */
	/* Where delay_vocabulary and delay_reasons were given, if they were:
	 * a config gives one or the other. */
	const struct ynode *vocabulary, *reasons;
	/* Where opel.system_scoring was given (checked against the sites
	 * once they are read). */
	const struct ynode *system_scoring;
};

/* Fails at node n's line and column. */
int ck_fail(struct checker *ck, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A scalar for a message: at most 40 bytes, never cut inside a character,
 * what a terminal must not receive raw as '?' (text_next()). Valid until
 * the next call. */
const char *ck_shown(struct checker *ck, const struct ynode *n);
/* "a, b or c" from n names, into buf. */
const char *ck_join_names(char *buf, size_t size, const char *const *names,
			  size_t n);

/* A plain empty scalar, ~ or null. */
bool ck_is_null(const struct ynode *n);
/* Scalar text usable as a C string (no NUL from an escape). */
bool ck_clean_scalar(const struct ynode *n);
/* "wrong type for WHAT: expected EXPECTED, got ..." */
int ck_wrong_type(struct checker *ck, const struct ynode *n,
		  const char *what, const char *expected);

/* A number: [+-]digits[.digits], finite, read with strtod in whatever
 * locale is set. */
bool ck_parse_number(const struct ynode *n, double *out);
/* The value v of key: an integer from min (0 or 1) to MAX_INT. */
int ck_get_int(struct checker *ck, const char *key, const struct ynode *v,
	       int min, int *out);
/* A non-empty string that may be stored (text_storable()), replacing
 * *out. */
int ck_get_string(struct checker *ck, const char *key,
		  const struct ynode *v, char **out);
/* A code, named "WHAT code" in messages: 1 to MAX_CODE letters, digits,
 * '_' or '-'. */
int ck_get_code(struct checker *ck, const char *what, const char *key,
		const struct ynode *v, char **out);
/* One of n names, as its index in *out; noun names the thing in messages. */
int ck_get_choice(struct checker *ck, const char *key, const char *noun,
		  const struct ynode *v, const char *const *names,
		  size_t n, int *out);

enum ftype { F_STRING, F_CODE, F_POSINT, F_CUSTOM };

typedef int (*field_fn)(struct checker *ck, const char *key,
			const struct ynode *v, void *obj);

struct field {
	const char *key;
	enum ftype type;
	size_t offset;          /* into obj; fn is given obj + offset */
	field_fn fn;            /* F_CUSTOM */
	bool required;
};

#define FIELD(k, t, s, m, req) {k, t, offsetof(s, m), NULL, req}
#define CUSTOM(k, f, req) {k, F_CUSTOM, 0, f, req}
/* A handler given member m of obj, a struct s. */
#define CUSTOM_AT(k, f, s, m, req) {k, F_CUSTOM, offsetof(s, m), f, req}

/* Checks that map is a mapping whose keys are among f, each at most once,
 * applies each non-empty value (and each empty one of a required key), then
 * checks the required keys. got (if not NULL, nf entries) receives each
 * non-empty value node given. what names the mapping in messages; NULL is
 * the top level. */
int ck_walk_map(struct checker *ck, const struct ynode *map,
		const char *what, const struct field *f, size_t nf,
		void *obj, const struct ynode **got);

#define WALK(ck, map, what, fields, obj, got) \
	ck_walk_map(ck, map, what, fields, ARRAY_SIZE(fields), obj, got)

/* The value of key in map; map itself (for a message's position) if it
 * has none. */
const struct ynode *ck_map_get(const struct ynode *map, const char *key);
/* Fails if the code of item last of seq (in arr, items of stride bytes,
 * each starting with its char *code) repeats an earlier one. */
int ck_unique(struct checker *ck, const struct ynode *seq, const void *arr,
	      size_t stride, size_t last, const char *noun);
/* A non-empty sequence for key, or an error naming noun. */
int ck_want_list(struct checker *ck, const char *key,
		 const struct ynode *v, const char *noun);

/* ---- top-level keys of config_blockers.c -----------------------------
 * The delay and red-day reasons, the built-in vocabulary chosen in place
 * of the config's own, the owners of blockers, escalation, the call and
 * the label of patients who no longer meet the criteria to reside. obj is
 * the struct config. */
int ck_delay_vocabulary(struct checker *ck, const char *key,
			const struct ynode *v, void *obj);
int ck_reasons(struct checker *ck, const char *key, const struct ynode *v,
	       void *obj);
int ck_owners(struct checker *ck, const char *key, const struct ynode *v,
	      void *obj);
/* The access list (config_access.c): the top-level key, its sites, wards
 * and owners checked once all are read, and its freeing. */
int ck_access(struct checker *ck, const char *key, const struct ynode *v,
	      void *obj);
int ck_access_refs(struct checker *ck);
void config_access_free(struct config *cfg);
int ck_escalation(struct checker *ck, const char *key,
		  const struct ynode *v, void *obj);
int ck_call(struct checker *ck, const char *key, const struct ynode *v,
	    void *obj);
int ck_nctr_label(struct checker *ck, const char *key, const struct ynode *v,
		  void *obj);

/* ---- opel (config_opel.c) ---------------------------------------------
 * The top-level key opel (obj: the struct config): thresholds and rules per
 * site kind, the 2024-26 points scoring, the system's level. */
int ck_opel(struct checker *ck, const char *key, const struct ynode *v,
	    void *obj);
/* After the walk, with the sites read: system_scoring scores needs every
 * kind that has a site to score points. */
int ck_opel_sites(struct checker *ck);

/* ---- notify (config_notify.c) -----------------------------------------
 * The top-level key notify (obj: the struct config): commands, events,
 * thresholds, retries, action cards; and, after the walk, the thresholds'
 * sites checked against the sites. */
int ck_notify(struct checker *ck, const char *key, const struct ynode *v,
	      void *obj);
int ck_notify_sites(struct checker *ck);

#endif
