/* The generic half of every command: its options parsed from its entry, its
 * operands counted, its --help and its usage errors, all from the one
 * entry so that they cannot disagree. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/util.h"

/* getopt_long's value for the entry's option i. */
#define OPT_BASE 256

/* Writes the usage lines into buf, each ended by a newline. */
static void format_usage(char *buf, size_t size, const struct cmd_entry *e)
{
	const char *line = e->usage;
	size_t used = 0;
	bool first = true;

	buf[0] = '\0';
	do {
		size_t len = strcspn(line, "\n");
		int w = snprintf(buf + used, size - used, "%s sitrep %s%s%.*s\n",
				 first ? "usage:" : "      ", e->name,
				 len ? " " : "", (int)len, line);

		if (w < 0 || (size_t)w >= size - used)
			die("the usage of %s is too long", e->name);
		used += (size_t)w;
		line += len;
		first = false;
	} while (*line++ == '\n');
}

void cmd_print_usage(FILE *f, const struct cmd_entry *e)
{
	char usage[SR_ERROR_MAX];

	format_usage(usage, sizeof(usage), e);
	fputs(usage, f);
}

static size_t option_width(const struct cmd_option *o)
{
	return 2 + strlen(o->name) + (o->arg ? 1 + strlen(o->arg) : 0);
}

void cmd_print_help(FILE *f, const struct cmd_entry *e)
{
	size_t width = strlen("-h, --help");

	cmd_print_usage(f, e);
	fprintf(f, "%s\n\noptions:\n", e->summary);
	for (const struct cmd_option *o = e->options; o->name; o++)
		if (option_width(o) > width)
			width = option_width(o);
	for (const struct cmd_option *o = e->options; o->name; o++)
		fprintf(f, "  --%s%s%s%*s  %s\n", o->name, o->arg ? " " : "",
			o->arg ? o->arg : "", (int)(width - option_width(o)),
			"", o->help);
	fprintf(f, "  %-*s  show this help\n", (int)width, "-h, --help");
}

enum sr_status cmd_usage(struct sr_error *err, const struct cmd_entry *e,
			 const char *detail, ...)
{
	char usage[SR_ERROR_MAX], more[SR_ERROR_MAX] = "";
	va_list ap;

	format_usage(usage, sizeof(usage), e);
	if (detail) {
		va_start(ap, detail);
		vsnprintf(more, sizeof(more), detail, ap);
		va_end(ap);
	} else {
		usage[strlen(usage) - 1] = '\0'; /* its last newline */
	}
	return sr_fail(err, SR_EINVAL, "%s%s", usage, more);
}

static size_t count_options(const struct cmd_entry *e)
{
	size_t n = 0;

	while (e->options[n].name)
		n++;
	if (n > CMD_MAX_OPTIONS)
		die("command %s has more than %d options", e->name,
		    CMD_MAX_OPTIONS);
	return n;
}

enum sr_status cmd_parse(const struct cmd_entry *e, int argc, char **argv,
			 struct cmd_args *args, bool *help,
			 struct sr_error *err)
{
	struct option longopts[CMD_MAX_OPTIONS + 2];
	size_t n = count_options(e);
	int c, operands;

	memset(args, 0, sizeof(*args));
	args->entry = e;
	*help = false;
	for (size_t i = 0; i < n; i++)
		longopts[i] = (struct option){e->options[i].name,
					      e->options[i].arg ?
						      required_argument :
						      no_argument,
					      NULL, OPT_BASE + (int)i};
	longopts[n] = (struct option){"help", no_argument, NULL, 'h'};
	longopts[n + 1] = (struct option){NULL, 0, NULL, 0};
	opterr = 0;
	optind = 0; /* restart getopt: the global options were parsed first */
	/* GNU permutation: options may follow operands, as users type them.
	 * A leading ':' tells a missing value (':') from an unknown option. */
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cmd_print_help(stdout, e);
			*help = true;
			return SR_OK;
		}
		if (c >= OPT_BASE && c < OPT_BASE + (int)n) {
			args->value[c - OPT_BASE] = optarg ? optarg : "";
			continue;
		}
		if (c == ':' && optopt >= OPT_BASE)
			return cmd_usage(err, e, "option '--%s' needs a value",
					 e->options[optopt - OPT_BASE].name);
		if (optopt >= OPT_BASE) /* --flag=value */
			return cmd_usage(err, e, "option '--%s' takes no value",
					 e->options[optopt - OPT_BASE].name);
		if (optopt == 'h')
			return cmd_usage(err, e, "option '--help' takes no "
					 "value");
		if (optopt)
			return cmd_usage(err, e, "unknown option '-%c'", optopt);
		return cmd_usage(err, e, "unknown option '%s'",
				 optind - 1 < argc ? argv[optind - 1] : "?");
	}
	args->argc = argc - optind;
	args->argv = argv + optind;
	operands = args->argc;
	/* The operands are not echoed: one may be an MRN or a name. */
	if (operands < e->min_operands)
		return cmd_usage(err, e, "too few operands");
	if (e->max_operands >= 0 && operands > e->max_operands)
		return cmd_usage(err, e, "too many operands");
	return SR_OK;
}

static int option_index(const struct cmd_entry *e, const char *name)
{
	for (int i = 0; e->options[i].name; i++)
		if (strcmp(e->options[i].name, name) == 0)
			return i;
	die("command %s has no option --%s", e->name, name);
}

const char *cmd_arg(const struct cmd_args *args, const char *name)
{
	return args->value[option_index(args->entry, name)];
}

bool cmd_flag(const struct cmd_args *args, const char *name)
{
	return cmd_arg(args, name) != NULL;
}
