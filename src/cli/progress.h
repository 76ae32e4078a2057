/* A progress bar on standard error for long jobs (import, demo): drawn only
 * when standard error is a terminal, silent when piped or under TERM=dumb. */
#ifndef SITREP_PROGRESS_H
#define SITREP_PROGRESS_H

#include <stdbool.h>

struct progress {
	bool on;
	const char *label;
	int last; /* last drawn per-mille, -1 before the first draw */
};

void progress_start(struct progress *p, const char *label);
/* Draws done (0..1) if it moved by at least 0.1%. */
void progress_update(double done, void *p);
/* Clears the bar's line. */
void progress_end(struct progress *p);

#endif
