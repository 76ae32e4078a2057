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
/* The declaration that goes beside the report's whole computed level
 * (m->level): the system's, or with --site the site's own, never the
 * system's beside a site's level. level 0: none. */
struct report_declared {
	int level;
	const char *at, *by, *note;
};
struct report_declared report_declared_whole(const struct system_metrics *m);

/* "on track", "over", "no target", "no site target" or "no data". */
const char *report_trajectory_status(const struct trajectory_status *t);

/* ---- The figures of a row: one table for JSON and CSV ---------------------
 * Every figure of a COUNTS block (doc/report-json.md) in order: its JSON
 * key (inside an object `group`, or COUNTS itself), its CSV column, its
 * type and meaning. Both renderers walk this table, and
 * doc/report-json.md's list of figures is checked against it
 * (tests/unit/test_report.c), so none can drift from the others. */
enum report_col_type {
	RC_INT,     /* a count */
	RC_NUM,     /* one decimal; JSON null, CSV empty when undefined */
	RC_REASON,  /* one count per configured delay reason, then "none" */
	RC_AGENCY,  /* one per agency (NHS, ASC, both), then "none" */
	RC_PATHWAY, /* one per pathway 0-3, then "none" */
	RC_LOS_BAND, /* one per length-of-stay band: "0-6" .. "21+" */
	RC_FAMILY,  /* one per blocker family, then "other" */
	RC_OWNER,   /* one per configured owner, then "none" */
	RC_ROLE,    /* one per escalation role */
};

#define REPORT_COL_JSON 1u
#define REPORT_COL_CSV 2u

struct report_col {
	const char *group; /* JSON: the object it sits in; NULL: COUNTS */
	const char *key;   /* JSON: its key (keyed types: the object's) */
	const char *csv;   /* CSV: the column (keyed types: each one's
			      prefix, to which the key is appended) */
	enum report_col_type type;
	unsigned formats;  /* REPORT_COL_JSON | REPORT_COL_CSV */
	/* The value; k is the key's index for the keyed types. NaN: an
	 * undefined RC_NUM. */
	double (*get)(const struct flow_counts *c, size_t k);
	const char *help;
};

extern const struct report_col report_cols[];
extern const size_t report_ncols;

/* How many keys a keyed type has (1 for the others), and the name of key
 * k (a reason code from cfg, an agency code, a pathway, or "none"). */
size_t report_col_nkeys(const struct config *cfg, enum report_col_type t);
const char *report_col_key(const struct config *cfg, enum report_col_type t,
			   size_t k);

/* ---- The moment and the verdict -------------------------------------------*/

/* "November" for 11. */
const char *report_month_name(int month);
/* "Tuesday 10 November 2026" (with_year) or "Tuesday 10 November". */
void report_long_date(sr_day d, bool with_year, char *buf, size_t size);
/* The moment m's counts are for, in words: "as at 14:27, Friday 4
 * December 2026" (today: live) or "at the end of Thursday 3 December 2026
 * (the midnight census)". */
void report_moment(const struct system_metrics *m, char *buf, size_t size);
/* "YYYY-MM-DDTHH:MM": the moment, as a time (a past day's end: D+1 at
 * 00:00). */
void report_moment_at(const struct system_metrics *m,
		      char buf[DATETIME_BUF]);

void report_text(FILE *f, const struct system_metrics *m,
		 const struct stay *delayed, size_t n, bool show_names);
void report_csv(FILE *f, const struct system_metrics *m);
void report_json(FILE *f, const struct system_metrics *m,
		 const struct stay *delayed, size_t n, bool show_names);

#endif
