/* Private to the text report: report_text.c (header, board, OPEL, flow,
 * bed balance) and report_text_delays.c (DTOC tables, blockers, escalated,
 * longest delayed) share the state of one rendering and its table lines. */
#ifndef SITREP_REPORT_TEXT_INTERNAL_H
#define SITREP_REPORT_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report_internal.h"

struct text {
	FILE *f;
	const struct system_metrics *m;
	const struct config *cfg;
	int w0; /* the first column: site codes and total labels */
};

struct col {
	const char *head;
	int width;
};

/* report_text.c */
/* "%ld" of v. */
void report_fmt_int(char buf[32], long v);
/* One line of a table: label in the first column, then cells (NULL: the
 * columns' heads) right-aligned in the columns' widths. */
void report_put_line(struct text *t, const char *label,
		     const struct col *cols, char (*cells)[32], size_t n);

/* report_text_delays.c: the report's sections after the flow, in order. */
void report_text_dtoc(struct text *t);
void report_text_blockers(struct text *t);
void report_text_escalated(struct text *t, bool show_names);
void report_text_longest_delayed(struct text *t, const struct stay *s,
				 size_t n, bool show_names);

#endif
