/* Progress bar on a terminal (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void progress_start(struct progress *p, const char *label)
{
	const char *term = getenv("TERM");

	p->on = isatty(STDERR_FILENO) && term && strcmp(term, "dumb") != 0;
	p->label = label;
	p->last = -1;
}

void progress_update(double done, void *ctx)
{
	struct progress *p = ctx;
	int permille = (int)(done * 1000.0 + 0.5);
	char bar[31];
	int fill;

	if (!p->on || permille == p->last)
		return;
	if (permille < 0)
		permille = 0;
	if (permille > 1000)
		permille = 1000;
	p->last = permille;
	fill = permille * 30 / 1000;
	memset(bar, '#', (size_t)fill);
	memset(bar + fill, '.', (size_t)(30 - fill));
	bar[30] = '\0';
	fprintf(stderr, "\r%s [%s] %3d%%", p->label, bar, permille / 10);
	fflush(stderr);
}

void progress_end(struct progress *p)
{
	if (p->on && p->last >= 0) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}
