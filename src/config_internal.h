/* Private to the config module: the tree of YAML nodes that config.c composes
 * from libyaml events (only config.c includes yaml.h) and config_check.c
 * checks against the schema to fill struct config. */
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

#endif
