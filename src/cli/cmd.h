/* The command-line layer: global options, and one function per subcommand.
 * Commands print their results to stdout; errors travel back as a status and
 * a message, which main prints and turns into the exit code. */
#ifndef SITREP_CMD_H
#define SITREP_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "sitrep/config.h"
#include "sitrep/error.h"
#include "sitrep/store.h"

/* Exit code for a usage error (unknown command or option, bad argument). */
#define EXIT_USAGE 2

struct cli {
	const char *db_opt;     /* --db */
	const char *config_opt; /* --config */
	const char *prog;
};

/* A command returns SR_OK, or fills err. A usage error is reported by
 * returning SR_EINVAL with err->msg starting "usage: " (main then exits 2). */
typedef enum sr_status (*cmd_fn)(struct cli *cli, int argc, char **argv,
				 struct sr_error *err);

/* X(name, function, arguments, summary) — the order of sitrep --help. */
#define CMD_TABLE(X)                                                          \
	X("console", cmd_console, "",                                         \
	  "open the console (the default command)")                           \
	X("init", cmd_init, "",                                               \
	  "create or upgrade the database and sync sites and wards")          \
	X("demo", cmd_demo,                                                   \
	  "[--scale system|region|national] [--days N] [--seed S] "           \
	  "[--today DATE] [--write-config FILE]",                             \
	  "fill an empty database with realistic synthetic data")             \
	X("check-config", cmd_check_config, "[FILE]",                         \
	  "validate a config file and print its summary")                    \
	X("import", cmd_import,                                               \
	  "[--dry-run] [--discharge-missing [--force]] FILE",                 \
	  "import a census CSV, all or nothing")                              \
	X("export", cmd_export,                                               \
	  "[--site CODE] [--current | --from DATE [--to DATE]] [--output FILE]", \
	  "write stays as census CSV")                                        \
	X("admit", cmd_admit, "--site CODE --mrn MRN [--at TIME] [FIELD=VALUE...]", \
	  "admit a patient")                                                  \
	X("set", cmd_set,                                                     \
	  "[--site CODE | --stay ID] [--expect-version N] [MRN] FIELD=VALUE...", \
	  "change a stay: edd, g2g, pathway, reason, agency, ward, bed, note...") \
	X("discharge", cmd_discharge,                                         \
	  "[--site CODE | --stay ID] [--expect-version N] [--at TIME] "       \
	  "[--destination TEXT] [MRN]",                                       \
	  "record a discharge")                                               \
	X("mark", cmd_mark,                                                   \
	  "[--site CODE | --stay ID] [--day DATE] [--reason CODE] [MRN] "     \
	  "red|green|clear",                                                  \
	  "mark a day red or green (SAFER)")                                  \
	X("show", cmd_show, "[--site CODE | --stay ID] [MRN]",                \
	  "show one stay with its version")                                   \
	X("audit", cmd_audit,                                                 \
	  "[--stay ID] [--site CODE] [--mrn MRN] [--since DATE] [--by USER]", \
	  "list the audit trail")                                             \
	X("report", cmd_report,                                               \
	  "[--date D] [--site CODE] [--format F] [--show-names]",             \
	  "print the morning report as text, csv or json")                    \
	X("opel", cmd_opel, "declare SITE|system LEVEL --note TEXT | history", \
	  "declare a site's or the system's OPEL level; list declarations")

#define CMD_DECLARE(name, fn, args, summary)                                  \
	enum sr_status fn(struct cli *cli, int argc, char **argv,             \
			  struct sr_error *err);
CMD_TABLE(CMD_DECLARE)
#undef CMD_DECLARE

/* Helpers shared by commands. */
enum sr_status cli_usage(struct sr_error *err, const char *cmd,
			 const char *args);
/* Loads the config found by --config / $SITREP_CONFIG / XDG / /etc. */
struct config *cli_load_config(struct cli *cli, struct sr_error *err);
/* Opens the database (--db / $SITREP_DB / XDG), creating its directory for
 * the default location. */
struct store *cli_open_store(struct cli *cli, enum store_mode mode,
			     struct sr_error *err);
/* Opens the store and syncs it with the config; both are returned. */
enum sr_status cli_open_synced(struct cli *cli, struct config **cfg,
			       struct store **st, struct sr_error *err);
/* Writes stored text with control characters escaped (\n, \t, \xNN,
 * \uNNNN), so that an imported name can never drive the terminal. */
void cli_put_safe(FILE *f, const char *s);

/* getopt_long over a command's own arguments (argv[0] is the command name),
 * restarted for each command and silent: on an unknown option or a missing
 * argument it returns '?' and cli_bad_option() writes the usage error. */
struct option;
int cli_getopt(int argc, char **argv, const struct option *longopts);
enum sr_status cli_bad_option(struct sr_error *err, int argc, char **argv,
			      const char *cmd, const char *args);
/* Prints "usage: sitrep CMD ARGS" and the summary to stdout (for --help). */
void cli_print_usage(const char *cmd);

#endif
