/* spc_dump: the spc module from the command line, for the independent
 * check (tests/check/spc_check.py). Reads one value per line on stdin and
 * prints each point and the summary as CSV:
 *   spc_dump [--direction up|down|neutral] [--baseline K] [--no-screen]
 *            [--rebase I,J,...] [--target X] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/spc.h"

static int usage(const char *why)
{
	fprintf(stderr, "spc_dump: %s\n", why);
	return 2;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-')
		return -1;
	*out = (size_t)v;
	return 0;
}

int main(int argc, char **argv)
{
	struct spc_options o = {.direction = SPC_NEUTRAL, .screen = true};
	size_t rebase[256], nrebase = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--no-screen")) {
			o.screen = false;
			continue;
		}
		if (!v)
			return usage("an option lacks its value");
		i++;
		if (!strcmp(a, "--direction")) {
			if (!strcmp(v, "up"))
				o.direction = SPC_UP;
			else if (!strcmp(v, "down"))
				o.direction = SPC_DOWN;
			else if (!strcmp(v, "neutral"))
				o.direction = SPC_NEUTRAL;
			else
				return usage("--direction: up, down or neutral");
		} else if (!strcmp(a, "--baseline")) {
			if (parse_size(v, &o.baseline))
				return usage("--baseline: a whole number");
		} else if (!strcmp(a, "--target")) {
			char *end;
			o.target = strtod(v, &end);
			if (end == v || *end)
				return usage("--target: a number");
			o.has_target = true;
		} else if (!strcmp(a, "--rebase")) {
			char buf[4096];
			snprintf(buf, sizeof buf, "%s", v);
			for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
				if (nrebase == sizeof rebase / sizeof *rebase ||
				    parse_size(t, &rebase[nrebase]))
					return usage("--rebase: indices, comma "
						     "separated");
				nrebase++;
			}
		} else {
			return usage("unknown option");
		}
	}
	o.rebase = rebase;
	o.nrebase = nrebase;

	size_t n = 0, cap = 64;
	double *y = malloc(cap * sizeof *y);
	char line[256];
	for (size_t ln = 1; y && fgets(line, sizeof line, stdin); ln++) {
		char *end;
		line[strcspn(line, "\r\n")] = 0;
		double v = strtod(line, &end);
		if (end == line || *end) {
			fprintf(stderr, "spc_dump: line %zu: not a number\n", ln);
			free(y);
			return 1;
		}
		if (n == cap) {
			double *g = realloc(y, 2 * cap * sizeof *y);
			if (!g)
				break;
			y = g;
			cap *= 2;
		}
		y[n++] = v;
	}
	struct spc_point *pt = malloc((n ? n : 1) * sizeof *pt);
	if (!y || !pt) {
		free(y);
		free(pt);
		return usage("out of memory");
	}
	struct spc_summary s;
	char err[256];
	if (spc_compute(y, n, &o, pt, &s, err, sizeof err)) {
		fprintf(stderr, "spc_dump: %s\n", err);
		free(y);
		free(pt);
		return 1;
	}
	printf("i,y,segment,mean,lpl,upl,nlpl,nupl,side,outside,close,rule,"
	       "type\n");
	for (size_t i = 0; i < n; i++) {
		const struct spc_point *p = &pt[i];
		printf("%zu,%.17g,%zu,%.17g,%.17g,%.17g,%.17g,%.17g,%d,%d,%d,%s,"
		       "%s\n", i, y[i], p->segment, p->mean, p->lpl, p->upl,
		       p->nlpl, p->nupl, p->side, p->outside, p->close,
		       spc_rule_letter(p->rule), spc_type_name(p->type));
	}
	printf("summary,%s,%s,%s\n", spc_icon_name(s.icon, s.icon_side),
	       spc_assurance_name(s.assurance), s.trial ? "yes" : "no");
	free(y);
	free(pt);
	return 0;
}
