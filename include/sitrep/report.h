/* The morning report: a day's figures (struct system_metrics) and the
 * longest-delayed stays, read in one snapshot, rendered as text (100
 * columns), CSV for spreadsheets or JSON (doc/report-json.md). No SQL, no
 * curses. */
#ifndef SITREP_REPORT_H
#define SITREP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sitrep/metrics.h"
#include "sitrep/stay.h"

#define REPORT_WIDTH 100  /* text: no line is wider (display columns) */
#define REPORT_LONGEST METRICS_LONGEST /* longest-delayed stays shown */

/* X(enum, name) */
#define REPORT_FORMAT_TABLE(X) \
	X(REPORT_TEXT, "text")     \
	X(REPORT_CSV, "csv")       \
	X(REPORT_JSON, "json")

enum report_format {
#define REPORT_FORMAT_ENUM(e, name) e,
	REPORT_FORMAT_TABLE(REPORT_FORMAT_ENUM)
#undef REPORT_FORMAT_ENUM
};

bool report_format_parse(const char *s, enum report_format *out);

struct report_options {
	enum report_format format;
	bool show_names; /* names and MRNs of patients; else initials only */
};

/* Reads what a report for moment mo shows, in one read transaction
 * (every figure from one snapshot, whatever other users write meanwhile):
 * the figures into m (freed with metrics_free), then fn per
 * longest-delayed stay of site (or all sites when NULL), at most
 * REPORT_LONGEST. Inside a read snapshot the caller began, it reads in
 * that one. */
enum sr_status report_read(struct store *st, const struct config *cfg,
			   const struct sr_moment *mo, const char *site,
			   bool (*fn)(void *ctx, const struct stay *s),
			   void *ctx, struct system_metrics *m,
			   struct sr_error *err);

/* Writes the report of m to out. delayed[0..n) are the stays in a bed on
 * m->day that have been green to go longest, longest first (the first
 * REPORT_LONGEST are shown). Names are measured in any locale; characters
 * a terminal must not receive raw are shown as '?' (include/sitrep/text.h).
 * Returns false if writing failed. */
bool report_write(FILE *out, const struct system_metrics *m,
		  const struct stay *delayed, size_t n,
		  const struct report_options *opt);

/* Writes s as a JSON string: quote and backslash escaped, what is not
 * plain text (include/sitrep/text.h) as \uXXXX, so it is safe on a
 * terminal; an ill-formed sequence as U+FFFD. */
void report_json_string(FILE *f, const char *s);

#endif
