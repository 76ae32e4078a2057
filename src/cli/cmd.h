/* The command-line layer: global options, and one entry per subcommand (in
 * the spirit of tmux's cmd_entry). An entry gives the command's name, its
 * usage, its options and operand counts and its handler; the generic code
 * in cmd_parse.c parses every command's options from its entry, checks the
 * operand counts, prints --help and writes usage errors, so help, usage
 * errors and the man page (tools/gen_cmds.c) all say the same thing.
 * Commands print their results to stdout; errors travel back as a status and
 * a message, which main prints and turns into the exit code. */
#ifndef SITREP_CMD_H
#define SITREP_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "sitrep/config.h"
#include "sitrep/error.h"
#include "sitrep/report.h"
#include "sitrep/store.h"

/* Exit code for a usage error (unknown command or option, bad argument). */
#define EXIT_USAGE 2

struct cli {
	const char *db_opt;     /* --db */
	const char *config_opt; /* --config */
	const char *prog;
};

/* One long option of a command: --NAME, or --NAME ARG when arg is set. */
struct cmd_option {
	const char *name;
	const char *arg;  /* the value's placeholder (FILE), NULL for a flag */
	const char *help; /* for COMMAND --help */
};

/* The most options one command may have (--help not counted). */
#define CMD_MAX_OPTIONS 12

struct cmd_entry;

/* A command's arguments as the generic parser leaves them. */
struct cmd_args {
	const struct cmd_entry *entry;
	/* Per option of the entry, in its order: the value of the last
	 * --NAME ARG given, "" for a flag given, NULL when not given. */
	const char *value[CMD_MAX_OPTIONS];
	int argc;    /* the operands, options taken out */
	char **argv;
};

struct cmd_entry {
	const char *name;
	/* What follows "sitrep NAME" in the usage line. A command with
	 * subcommands has one line each, separated by '\n'. */
	const char *usage;
	const char *summary;
	const struct cmd_option *options; /* ended by {NULL} */
	int min_operands;
	int max_operands; /* -1: no limit */
	/* Runs the command. SR_OK, or err filled; a usage error found by the
	 * handler is returned through cmd_usage(). */
	enum sr_status (*exec)(struct cli *cli, struct cmd_args *args,
			       struct sr_error *err);
};

/* The commands, in the order of sitrep --help (cmd_table.c), each defined
 * in its own file src/cli/cmd_NAME.c. */
extern const struct cmd_entry cmd_console_entry;
extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_check_config_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_import_series_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_admit_entry;
extern const struct cmd_entry cmd_set_entry;
extern const struct cmd_entry cmd_discharge_entry;
extern const struct cmd_entry cmd_mark_entry;
extern const struct cmd_entry cmd_blocker_entry;
extern const struct cmd_entry cmd_call_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_audit_entry;
extern const struct cmd_entry cmd_history_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_spc_entry;
extern const struct cmd_entry cmd_return_entry;
extern const struct cmd_entry cmd_pack_entry;
extern const struct cmd_entry cmd_opel_entry;
extern const struct cmd_entry cmd_beds_entry;
extern const struct cmd_entry cmd_watch_entry;
extern const struct cmd_entry cmd_repatriation_entry;
extern const struct cmd_entry cmd_whoami_entry;

/* The table: *n entries. */
const struct cmd_entry *const *cmd_table(size_t *n);
/* The entry named name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* Parses argv (argv[0] is the command's name) by the entry's options and
 * checks the operand counts. On --help, prints the command's help to
 * stdout and sets *help. A bad option or operand count is a usage error. */
enum sr_status cmd_parse(const struct cmd_entry *e, int argc, char **argv,
			 struct cmd_args *args, bool *help,
			 struct sr_error *err);
/* The value of option name (without the dashes) as cmd_args.value has it;
 * name must be one of the entry's options (anything else dies). */
const char *cmd_arg(const struct cmd_args *args, const char *name);
bool cmd_flag(const struct cmd_args *args, const char *name);

/* A usage error: SR_EINVAL with a message starting "usage: " (main then
 * exits 2). The message is the entry's usage lines, then detail if any. */
enum sr_status cmd_usage(struct sr_error *err, const struct cmd_entry *e,
			 const char *detail, ...)
	__attribute__((format(printf, 3, 4)));
/* Writes the usage lines: "usage: sitrep NAME LINE", further lines
 * indented under the first. */
void cmd_print_usage(FILE *f, const struct cmd_entry *e);
/* Writes sitrep COMMAND --help: the usage lines, the summary, the options. */
void cmd_print_help(FILE *f, const struct cmd_entry *e);

/* Helpers shared by commands (cmd_common.c). */
/* Whether the login user's roles allow action (sitrep/access.h), with no
 * site or ward named: SR_EPERM with the edit layer's message, recorded in
 * the audit trail, when not. */
enum sr_status cli_allow(struct cli *cli, const struct config *cfg,
			 enum access_action action, struct sr_error *err);
/* cli_allow for a command that needs no config: when one is found, its
 * access list is applied; with none, everything is allowed. */
enum sr_status cli_allow_if_configured(struct cli *cli,
				       enum access_action action,
				       struct sr_error *err);
/* Loads the config found by --config / $SITREP_CONFIG / XDG / /etc. */
struct config *cli_load_config(struct cli *cli, struct sr_error *err);
/* Opens the database (--db / $SITREP_DB / XDG), creating its directory for
 * the default location. */
struct store *cli_open_store(struct cli *cli, enum store_mode mode,
			     struct sr_error *err);
/* Opens the store and syncs it with the config; both are returned. */
enum sr_status cli_open_synced(struct cli *cli, struct config **cfg,
			       struct store **st, struct sr_error *err);
/* Writes stored text with what a terminal must not receive raw escaped
 * (text_clean(TEXT_ESCAPE): \n, \t, \xNN, \uNNNN for controls,
 * bidirectional controls, separators, invisible characters and bytes that
 * are not UTF-8), so that a stored name can never drive the terminal. */
void cli_put_safe(FILE *f, const char *s);
/* Writes a JSON string (or null for NULL), safe to print on a terminal:
 * quote and backslash escaped, what is not plain text as \uXXXX, an
 * ill-formed sequence as U+FFFD. */
void cli_put_json(FILE *f, const char *s);
/* Writes a message line by line to f, the first line after prefix, with
 * what is not text escaped as cli_put_safe does: a message may quote what
 * a user typed (an unknown site, a CSV column name), and that must not
 * drive the terminal either. */
void cli_put_message(FILE *f, const char *prefix, const char *msg);
/* Whether s is a date, YYYY-MM-DD. */
/* Reads a day typed as an option's value, ISO (YYYY-MM-DD) or day first as
 * UK spreadsheets write it (DD/MM/YYYY), into iso (YYYY-MM-DD). */
bool cli_read_day(const char *s, char iso[DATE_BUF]);
/* Reads a time typed as option --opt's value (YYYY-MM-DDTHH:MM or
 * DD/MM/YYYY HH:MM), not after now; a usage message naming the option
 * otherwise. */
enum sr_status cli_read_time(const char *opt, const char *arg, sr_minute *t,
			     struct sr_error *err);
/* Reads a day typed as option --opt's value (as cli_read_day). */
enum sr_status cli_read_day_opt(const char *opt, const char *arg, sr_day *out,
				struct sr_error *err);
/* The moment a command's figures are for, from its options --date (a
 * day, not after today: today's now, a past day's end), --at (an instant
 * of that day) and --as-known-at (only what had been recorded by then);
 * the entry must have all three. */
enum sr_status cli_read_moment(struct cmd_args *args, struct sr_moment *mo,
			       struct sr_error *err);
/* An output file (--output): a new private file (it may hold patient
 * data), written under a temporary name beside path; cli_close_output
 * renames it into place when s is SR_OK and everything was written, else
 * removes it, so nothing half-written is ever left at path. */
FILE *cli_open_output(const char *path, char **tmp, struct sr_error *err);
enum sr_status cli_close_output(FILE *f, const char *tmp, const char *path,
				enum sr_status s, struct sr_error *err);
/* Reads --format's value (NULL: text): text, csv or json. */
enum sr_status cli_read_format(const char *arg, enum report_format *out,
			       struct sr_error *err);

#endif
