/* How sitrep runs, and what it does about it (issue 18). Two modes:
 *
 * - user: a developer's checkout or a single user's laptop. The database
 *   and the config are found as they always were (--db, $SITREP_DB, XDG;
 *   --config, $SITREP_CONFIG, XDG, the system config), and the login name
 *   may come from $SITREP_USER (the tests use it).
 * - setgid: an install (./dev install) whose binary is setgid to the group
 *   that alone may open the data directory. sitrep is then the only way in:
 *   it opens only the installed database and config, refusing any other
 *   named on the command line or in the environment; it keeps only a short
 *   list of harmless environment variables, sets PATH, umask 007 and no
 *   core dumps; it opens a file the user names (import, --output) with the
 *   user's own rights; commands it runs get the user's group, never the
 *   install's; and the login name comes from the real uid's passwd entry
 *   only, so the audit trail cannot be told a false name.
 *
 * Process state: secure_init runs first in main, before anything else
 * reads the environment. */
#ifndef SITREP_SECURE_H
#define SITREP_SECURE_H

#include <stdbool.h>
#include <stdio.h>

#include "sitrep/error.h"

enum secure_mode { SECURE_USER, SECURE_SETGID };

/* The installed paths (compiled in: meson options system_db and
 * system_config). */
struct secure_paths {
	const char *db;
	const char *config;
};

/* Finds the mode (setgid: the effective group differs from the real one)
 * and, when setgid, refuses a database or config named in $SITREP_DB or
 * $SITREP_CONFIG that is not the installed one (SR_EINVAL, saying why),
 * then cleans the environment and the process state. Keeps paths. */
enum sr_status secure_init(const struct secure_paths *paths,
			   struct sr_error *err);
enum secure_mode secure_mode(void);
const char *secure_mode_name(void); /* "user" or "setgid" */
/* The installed database and config (NULL before secure_init). */
const char *secure_system_db(void);
const char *secure_system_config(void);

/* When setgid: SR_EINVAL unless path (an option's value: --db, --config)
 * names the installed file `installed`. Always SR_OK in user mode. */
enum sr_status secure_check_path(const char *option, const char *path,
				 const char *installed, struct sr_error *err);

/* Around opening a file the user named: the real group while it is opened
 * (so the install's group gives no right to it), then the install's group
 * again. No-ops in user mode. They do not nest. */
void secure_user_rights(void);
void secure_group_rights(void);
/* fopen with the user's own rights. */
FILE *secure_fopen_user(const char *path, const char *mode);
/* In a child about to run a command: the real group for good (real,
 * effective and saved). Returns 0, or -1 (errno set): the child must not
 * run the command then. */
int secure_drop_group(void);

#endif
