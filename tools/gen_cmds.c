/* Prints the command table (src/cli/cmd_table.c) as roff for man/sitrep.1:
 *   gen_cmds synopsis  the SYNOPSIS lines, one per usage line
 *   gen_cmds commands  the heading of each entry of COMMANDS, in order
 * so that the usage lines of sitrep --help, of the usage errors and of the
 * man page all come from the one table. tests/cli/test_cmds.sh checks that
 * the man page holds exactly this. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"

/* Writes s[0..n) with roff's hyphen escaped. */
static void put_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-')
			fputs("\\-", stdout);
		else if (s[i] == '\\')
			fputs("\\e", stdout);
		else
			putchar(s[i]);
	}
}

/* A usage line in roff: placeholders (CODE, FILE, N) in italics, what is
 * typed as it stands (--site, red, declare) in bold, brackets, bars and
 * ellipses in roman. */
static void put_usage(const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		size_t n;

		if (strchr(" []|", *s)) {
			putchar(*s++);
			continue;
		}
		if (strncmp(s, "...", 3) == 0) {
			fputs("\\&...", stdout);
			s += 3;
			continue;
		}
		if (*s == '=') {
			fputs("\\fB=\\fR", stdout);
			s++;
			continue;
		}
		for (n = 0; s + n < end && !strchr(" []|=", s[n]) &&
			    strncmp(s + n, "...", 3) != 0;
		     n++)
			;
		{
			bool upper = true;

			for (size_t i = 0; i < n; i++)
				if (islower((unsigned char)s[i]) || s[i] == '-')
					upper = false;
			fputs(upper ? "\\fI" : "\\fB", stdout);
			put_text(s, n);
			fputs("\\fR", stdout);
		}
		s += n;
	}
}

/* Calls put for each usage line of e: "NAME LINE" in roff. */
static void each_line(const struct cmd_entry *e, const char *before,
		      const char *after)
{
	const char *line = e->usage;

	do {
		size_t len = strcspn(line, "\n");

		fputs(before, stdout);
		fputs("\\fB", stdout);
		put_text(e->name, strlen(e->name));
		fputs("\\fR", stdout);
		if (len) {
			putchar(' ');
			put_usage(line, len);
		}
		fputs(after, stdout);
		line += len;
	} while (*line++ == '\n');
}

int main(int argc, char **argv)
{
	const struct cmd_entry *const *cmds;
	size_t n;
	bool synopsis = argc == 2 && strcmp(argv[1], "synopsis") == 0;

	if (argc != 2 || (!synopsis && strcmp(argv[1], "commands") != 0)) {
		fputs("usage: gen_cmds synopsis|commands\n", stderr);
		return 2;
	}
	cmds = cmd_table(&n);
	if (synopsis)
		puts(".\\\" Generated from the command table by "
		     "tools/gen_cmds.c: do not edit.");
	for (size_t i = 0; i < n; i++) {
		if (synopsis)
			each_line(cmds[i], ".br\n\\fBsitrep\\fR ", "\n");
		else
			each_line(cmds[i], ".TP\n", "\n");
	}
	return 0;
}
