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
#include "sitrep/secure.h"
#include "sitrep/util.h"
#include "sitrep_build.h"

/* The installed paths: the build's (meson options system_db and
 * system_config), or under the tests' directory for the test build of an
 * install (sitrep-installtest). */
#ifdef SITREP_INSTALL_TEST_ROOT
#define SYSTEM_DB SITREP_INSTALL_TEST_ROOT "/data/sitrep.db"
#define SYSTEM_CONFIG SITREP_INSTALL_TEST_ROOT "/etc/sitrep.yaml"
#else
#define SYSTEM_DB SITREP_SYSTEM_DB
#define SYSTEM_CONFIG SITREP_SYSTEM_CONFIG
#endif

#ifdef SITREP_INSTALL_TEST_ROOT
/* The test build of an install runs setgid, where the sanitizers ignore
 * the environment and LeakSanitizer cannot stop the (non-dumpable)
 * process to look for leaks: no leak check in it, compiled in. Every
 * other test checks the same code for leaks. Unused without the
 * sanitizers. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}
#endif

static void print_help(FILE *f)
{
	const struct cmd_entry *const *cmds;
	size_t n;

	fputs("usage: sitrep [--db FILE] [--config FILE] [COMMAND [ARGS]]\n"
	      "       sitrep --help | --version\n"
	      "\n"
	      "A daily patient-flow console for NHS health and care systems.\n"
	      "\n"
	      "commands:\n",
	      f);
	cmds = cmd_table(&n);
	for (size_t i = 0; i < n; i++) {
		const char *line = cmds[i]->usage;

		/* One line per usage line (a subcommand each), then what the
		 * command does. */
		do {
			size_t len = strcspn(line, "\n");

			fprintf(f, "  %s%s%.*s\n", cmds[i]->name, len ? " " : "",
				(int)len, line);
			line += len;
		} while (*line++ == '\n');
		fprintf(f, "      %s\n", cmds[i]->summary);
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

static int finish(const struct cmd_entry *cmd, enum sr_status s,
		  const struct sr_error *err)
{
	if (s == SR_OK)
		return 0;
	if (strncmp(err->msg, "usage: ", 7) == 0) {
		cli_put_message(stderr, "", err->msg);
		fprintf(stderr, "Try 'sitrep %s --help'.\n", cmd->name);
		return EXIT_USAGE;
	}
	cli_put_message(stderr, "sitrep: ", err->msg[0] ? err->msg :
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
	const struct cmd_entry *cmd;
	struct cmd_args args;
	enum sr_status s;
	bool help;
	int c;

	/* First: in a setgid install, before anything reads the
	 * environment. */
	s = secure_init(&(struct secure_paths){SYSTEM_DB, SYSTEM_CONFIG},
			&err);
	if (s != SR_OK) {
		cli_put_message(stderr, "sitrep: ", err.msg);
		return sr_status_exit_code(s);
	}
	setlocale(LC_ALL, "");
	opterr = 0;
	/* '+': stop at the command; ':': a missing value returns ':'. */
	while ((c = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
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
		case ':':
			fprintf(stderr, "sitrep: option '%s' needs a value\n",
				argv[optind - 1]);
			print_help(stderr);
			return EXIT_USAGE;
		default:
			if (optopt)
				fprintf(stderr, "sitrep: unknown option '-%c'\n",
					optopt);
			else
				fprintf(stderr, "sitrep: unknown option '%s'\n",
					argv[optind - 1]);
			print_help(stderr);
			return EXIT_USAGE;
		}
	}
	if ((s = secure_check_path("--db", cli.db_opt ? cli.db_opt : SYSTEM_DB,
				   SYSTEM_DB, &err)) != SR_OK ||
	    (s = secure_check_path("--config",
				   cli.config_opt ? cli.config_opt :
						    SYSTEM_CONFIG,
				   SYSTEM_CONFIG, &err)) != SR_OK) {
		cli_put_message(stderr, "sitrep: ", err.msg);
		return sr_status_exit_code(s);
	}
	cmd = cmd_find(optind < argc ? argv[optind] : "console");
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
	s = cmd_parse(cmd, argc, argv, &args, &help, &err);
	if (s == SR_OK && !help)
		s = cmd->exec(&cli, &args, &err);
	return finish(cmd, s, &err);
}
