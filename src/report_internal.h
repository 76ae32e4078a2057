/* Shared by the report renderers (report_text.c, report_csv.c,
 * report_json.c) and their unit tests: rounding, safe display text measured
 * in terminal columns, and the walk over the kinds present. */
#ifndef SITREP_REPORT_INTERNAL_H
#define SITREP_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "sitrep/report.h"

/* round(v * 10) / 10, halves away from zero (NaN stays NaN): printed with
 * "%.1f" this is the one-decimal rounding of every format. */
double report_round1(double v);
/* "%.1f" of report_round1(v), or nan_text when v is NaN. */
void report_fmt1(char buf[32], double v, const char *nan_text);

/* A copy of s (NULL: "") in which every character a terminal must not
 * receive raw (text_clean(): controls, bidirectional controls, separators,
 * invisible and unprintable characters, bytes that are not UTF-8) is '?'.
 * Newly allocated. */
char *report_clean(const char *s);
/* Display columns of s as report_clean() shows it (text_width()). */
int report_width(const char *s);
/* Writes s cleaned, padded with spaces to width columns (right-aligned if
 * right), or cut to width columns ending in '~'. */
void report_cell(FILE *f, const char *s, int width, bool right);
/* Writes text cleaned and word-wrapped to REPORT_WIDTH columns: the first
 * line continues a line already at column `at`, the next ones are indented
 * by `indent`. Breaks only after sep (" ", or ", " to keep items whole). */
void report_wrap(FILE *f, const char *text, int at, int indent,
		 const char *sep);

/* The patient as the report shows them: "Family, Given" with show_names,
 * else initials; NULL when the stay has no name. Newly allocated. */
char *report_patient(const struct stay *s, bool show_names);
/* opel_explain() of a site with its values rounded by report_round1 first,
 * so that the explanation shows the same figures as the rest of the report
 * (opel_explain prints with plain "%.1f"). */
void report_explain(const struct config *cfg, const struct site_metrics *sm,
		    char *buf, size_t size);
/* Which kinds have at least one site in m. */
void report_kinds_present(const struct system_metrics *m,
			  bool present[SITE_KIND_COUNT]);
/* Whether m covers fewer sites than the config (sitrep report --site). */
bool report_filtered(const struct system_metrics *m);
/* "on track", "over" or "no target". */
const char *report_trajectory_status(const struct trajectory_status *t);

void report_text(FILE *f, const struct system_metrics *m,
		 const struct stay *delayed, size_t n, bool show_names);
void report_csv(FILE *f, const struct system_metrics *m);
void report_json(FILE *f, const struct system_metrics *m,
		 const struct stay *delayed, size_t n, bool show_names);

#endif
