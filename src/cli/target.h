/* What the commands that work on one stay share (set, discharge, mark,
 * show, admit): the stay they name, by --stay ID or an MRN operand with
 * --site, FIELD=VALUE operands, and one edit run from start to end. */
#ifndef SITREP_CLI_TARGET_H
#define SITREP_CLI_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "cmd.h"
#include "sitrep/edit.h"

/* Options every verb that names a stay shares. */
struct target {
	const char *site;
	int64_t stay;
	int64_t expect_version;
	unsigned flags; /* EDIT_* */
	const char *from; /* edit_request.from: NULL for now */
};

/* The options of a verb that names a stay, for its cmd_option table;
 * TARGET_VERSION_OPTION only for the verbs that change the stay. */
#define TARGET_OPTIONS                                                  \
	{"site", "CODE", "the site of the stay the MRN names"},         \
	{"stay", "ID", "the stay by its number, instead of an MRN"}
#define TARGET_VERSION_OPTION                                           \
	{"expect-version", "N",                                         \
	 "refuse unless the stay is still at version N"}

/* Reads --site, --stay and (when versioned) --expect-version into t. */
enum sr_status target_parse(const struct cmd_args *args, struct target *t,
			    bool versioned, struct sr_error *err);

/* Resolves the stay: --stay ID, or the MRN operand at args->argv[*next]
 * (then *next moves past it). */
enum sr_status target_resolve(const struct edit_ctx *ctx, struct target *t,
			      const struct cmd_args *args, int *next,
			      struct sr_error *err);

/* Parses FIELD=VALUE operands argv[from..argc) into ch (which has room for
 * argc - from); *n is how many. */
enum sr_status target_parse_changes(int argc, char **argv, int from,
				    struct edit_change *ch, size_t *n,
				    struct sr_error *err);

/* Runs one edit of the stay the target names, with the config and store
 * opened around it: the fixed changes, then the FIELD=VALUE operands when
 * operands_are_changes; in_bed_only refuses a discharged stay. */
enum sr_status target_run_edit(struct cli *cli, struct target *t,
			       const struct cmd_args *args,
			       const struct edit_change *fixed, size_t nfixed,
			       bool operands_are_changes, bool in_bed_only,
			       struct sr_error *err);

#endif
