/* Published aggregates from before sitrep (`sitrep import-series`): a CSV
 * of period, area, metric, value (and optionally source), checked whole
 * and stored apart from the facts (store: imported_series), all or
 * nothing; the trends take them for the periods before sitrep's own data.
 *
 * CSV: a header naming the columns (any order): period (YYYY-MM, a month,
 * or YYYY-MM-DD, a day), area (a site's code, "system", or another area's
 * name, 1-32 characters), metric (1-48 of a-z 0-9 _, e.g. the name of a
 * `sitrep spc` figure such as delayed_bed_days), value (a number), source
 * (optional text: the publication). */
#ifndef SITREP_IMPORTED_H
#define SITREP_IMPORTED_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/error.h"
#include "sitrep/store.h"

struct imported_options {
	bool dry_run; /* check only, store nothing */
	bool replace; /* a value already stored with another one: replace it
			 (else refused) */
	const char *source; /* for rows without a source column (or NULL) */
};

struct imported_report {
	long rows, added, replaced, unchanged;
};

/* Imports buf[0..len) in one transaction. A bad row is SR_EINVAL with a
 * message naming the CSV line and field and why; nothing is stored then. */
enum sr_status imported_import(struct store *st, const char *buf, size_t len,
			       const struct imported_options *opt,
			       const struct store_actor *who,
			       struct imported_report *rep,
			       struct sr_error *err);

#endif
