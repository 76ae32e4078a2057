/* The census: importing a day's inpatient list as a PAS extract gives it
 * (RFC 4180 CSV, columns found by header name), all or nothing, and
 * exporting stays in the same columns so that export then import is an exact
 * round trip. */
#ifndef SITREP_CENSUS_H
#define SITREP_CENSUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sitrep/config.h"
#include "sitrep/error.h"
#include "sitrep/store.h"

/* How many row errors an import keeps in full (the rest are counted). */
#define CENSUS_MAX_ERRORS 20

struct census_options {
	const char *name;       /* file name for messages */
	bool dry_run;           /* report what would change, change nothing */
	bool discharge_missing; /* discharge current stays of the file's
				   sites that the file no longer lists */
	bool force;             /* even more than the config's
				   discharge_missing_max_pct of a site's */
	/* When the census was taken, as typed (ISO or day-first date and
	 * time; a date means 00:00), for the rows without an extracted_at
	 * column value: each row's values are facts from then (DESIGN §4).
	 * NULL: when it is imported (who->at). */
	const char *as_of;
	/* Called now and then with progress in [0, 1]; may be NULL. */
	void (*progress)(double done, void *ctx);
	void *progress_ctx;
	/* Called now and then with an offset in the census before which it
	 * has read everything and needs none of it again (the caller may
	 * release those pages); may be NULL. */
	void (*consumed)(size_t offset, void *ctx);
	void *consumed_ctx;
};

struct census_report {
	size_t rows, added, updated, unchanged, discharged;
	/* On a refused import: the first CENSUS_MAX_ERRORS messages, each
	 * "FILE:LINE: column: why", and how many there were in all. */
	char *errors[CENSUS_MAX_ERRORS];
	size_t nerrors;
	size_t total_errors;
	/* Sites where --force let --discharge-missing past its limit, one
	 * message each ("FILE: --force: ..."); the rest are not kept. */
	char *forced[CENSUS_MAX_ERRORS];
	size_t nforced;
};

/* The column that dates a row: when the census was taken.
 * Not a field of the stay: it is never exported. */
#define CENSUS_EXTRACTED_AT "extracted_at"

/* Imports the census in buf[0..len). Each row is a set of facts at its
 * census time (its extracted_at, else opt->as_of, else now): a value
 * already in force then adds nothing; a new stay's values count from its
 * admission. On any invalid row nothing is written:
 * returns SR_EINVAL with the row errors in rep and a summary in err. A
 * problem with the file as a whole (no header, a missing required column,
 * unbalanced quote) is a single error. A census time in the future is a
 * row error (opt->as_of: a single one). --discharge-missing discharges at
 * the census time (opt->as_of, else the latest extracted_at of the file,
 * else who->at); it is refused, as a row error is, for a site
 * where it would discharge more than cfg->discharge_missing_max_pct of the
 * patients in a bed (after the file's rows) unless opt->force. */
enum sr_status census_import(struct store *st, const struct config *cfg,
			     const char *buf, size_t len,
			     const struct census_options *opt,
			     const struct store_actor *who,
			     struct census_report *rep, struct sr_error *err);
void census_report_free(struct census_report *rep);

/* Writes the stays f selects as CSV (UTF-8 BOM, header, CRLF) to out;
 * *rows counts them. */
enum sr_status census_export(struct store *st, const struct stay_filter *f,
			     FILE *out, size_t *rows, struct sr_error *err);

#endif
