/* sitrep: global options, command dispatch, and the one place that prints
 * errors and chooses the exit code. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "sitrep/util.h"
#include "sitrep_build.h"

struct command {
	const char *name;
	cmd_fn fn;
	const char *args;
	const char *summary;
};

static const struct command commands[] = {
#define CMD_ENTRY(name, fn, args, summary) {name, fn, args, summary},
	CMD_TABLE(CMD_ENTRY)
#undef CMD_ENTRY
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_help(FILE *f)
{
	fputs("usage: sitrep [--db FILE] [--config FILE] [COMMAND [ARGS]]\n"
	      "       sitrep --help | --version\n"
	      "\n"
	      "A daily patient-flow console for NHS health and care systems.\n"
	      "\n"
	      "commands:\n",
	      f);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		const struct command *c = &commands[i];

		fprintf(f, "  %s%s%s\n      %s\n", c->name, *c->args ? " " : "",
			c->args, c->summary);
	}
	fputs("\n"
	      "options:\n"
	      "  --db FILE          database (default $SITREP_DB, else\n"
	      "                     $XDG_DATA_HOME/sitrep/sitrep.db)\n"
	      "  --config FILE      config (default $SITREP_CONFIG, else\n"
	      "                     $XDG_CONFIG_HOME/sitrep/sitrep.yaml, else\n"
	      "                     /etc/sitrep/sitrep.yaml)\n"
	      "  -h, --help         show this help; 'sitrep COMMAND --help' for a command\n"
	      "  -V, --version      show the version\n"
	      "\n"
	      "See sitrep(1) and sitrep.yaml(5).\n",
	      f);
}

void cli_print_usage(const char *cmd)
{
	const struct command *c = find_command(cmd);

	if (!c)
		return;
	printf("usage: sitrep %s%s%s\n%s\n", c->name, *c->args ? " " : "",
	       c->args, c->summary);
}

enum sr_status cli_usage(struct sr_error *err, const char *cmd,
			 const char *args)
{
	return sr_fail(err, SR_EINVAL, "usage: sitrep %s%s%s", cmd,
		       *args ? " " : "", args);
}

/* Whether the last option error was a missing value (not an unknown
 * option): getopt says so by returning ':' with a leading ':' in optstring. */
static bool missing_value;

int cli_getopt(int argc, char **argv, const struct option *longopts)
{
	int c;

	opterr = 0;
	/* GNU permutation: options may follow operands, as users type them. */
	c = getopt_long(argc, argv, ":h", longopts, NULL);
	missing_value = c == ':';
	return c == ':' ? '?' : c;
}

enum sr_status cli_bad_option(struct sr_error *err, int argc, char **argv,
			      const char *cmd, const char *args)
{
	const char *bad = optind - 1 < argc ? argv[optind - 1] : "?";

	if (missing_value)
		return sr_fail(err, SR_EINVAL,
			       "usage: sitrep %s %s\noption '%s' needs a value",
			       cmd, args, bad);
	return sr_fail(err, SR_EINVAL,
		       "usage: sitrep %s %s\nunknown option '%s'", cmd, args,
		       bad);
}

static int finish(enum sr_status s, const struct sr_error *err)
{
	if (s == SR_OK)
		return 0;
	if (strncmp(err->msg, "usage: ", 7) == 0) {
		fprintf(stderr, "%s\n", err->msg);
		fputs("Try 'sitrep --help'.\n", stderr);
		return EXIT_USAGE;
	}
	fprintf(stderr, "sitrep: %s\n", err->msg[0] ? err->msg :
		sr_status_text(s));
	return sr_status_exit_code(s);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli cli = {.prog = "sitrep"};
	struct sr_error err = {0};
	const struct command *cmd;
	int c;

	setlocale(LC_ALL, "");
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli.db_opt = optarg;
			break;
		case 'c':
			cli.config_opt = optarg;
			break;
		case 'h':
			print_help(stdout);
			return 0;
		case 'V':
			printf("sitrep %s\n", SITREP_VERSION);
			return 0;
		default:
			fprintf(stderr, "sitrep: %s '%s'\n",
				optopt ? "option needs a value:" :
					 "unknown option",
				argv[optind - 1]);
			print_help(stderr);
			return EXIT_USAGE;
		}
	}
	cmd = find_command(optind < argc ? argv[optind] : "console");
	if (!cmd) {
		fprintf(stderr, "sitrep: unknown command '%s'\n", argv[optind]);
		print_help(stderr);
		return EXIT_USAGE;
	}
	if (optind < argc) {
		argc -= optind;
		argv += optind;
	} else {
		static char *console_argv[] = {"console", NULL};

		argc = 1;
		argv = console_argv;
	}
	optind = 0; /* restart getopt for the command's own options */
	return finish(cmd->fn(&cli, argc, argv, &err), &err);
}
