/* A ward coordinator's changes to stays: admit, set fields, discharge, mark
 * a red or green day. Each is checked by the domain rules and saved in one
 * transaction with its audit rows, against the version the user saw: an edit
 * made on a stale version is refused, never silently applied. The console
 * and the command line both go through here. */
#ifndef SITREP_EDIT_H
#define SITREP_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/stay.h"
#include "sitrep/store.h"

struct edit_change {
	enum stay_field field;
	const char *value; /* as typed; NULL or "" clears the field */
};

/* When "now" and "today" are, for relative input and the audit stamp. */
struct edit_clock {
	sr_day today;
	sr_minute now;
};
struct edit_clock edit_clock_now(void);

/* Turns typed input into the canonical value of field f: dates also accept
 * "today", "tomorrow", "+2", "mon" (relative to clock->today); times also
 * accept "now" and a bare date (taken at 00:00). *out is newly allocated, NULL
 * for an empty value. */
enum sr_status edit_normalise(const struct config *cfg, enum stay_field f,
			      const char *site, const char *in,
			      const struct edit_clock *clock, char **out,
			      struct sr_error *err);

/* Applies changes to stay id. expected_version 0 means "the version stored
 * now" (for scripts that do not track versions). The site cannot change (a
 * transfer is a discharge and a new admission). On failure *bad (if
 * non-NULL) names the field at fault. On success *saved (if non-NULL)
 * receives the stay as saved; *nchanged (if non-NULL) how many fields
 * actually changed. */
enum sr_status edit_apply(struct store *st, const struct config *cfg,
			  int64_t id, int64_t expected_version,
			  const struct edit_change *ch, size_t n,
			  const struct edit_clock *clock,
			  const struct store_actor *who, struct stay *saved,
			  size_t *nchanged, enum stay_field *bad,
			  struct sr_error *err);

/* Admits a new stay from changes that include site, mrn and admitted_at. */
enum sr_status edit_admit(struct store *st, const struct config *cfg,
			  const struct edit_change *ch, size_t n,
			  const struct edit_clock *clock,
			  const struct store_actor *who, struct stay *saved,
			  enum stay_field *bad, struct sr_error *err);

/* Marks day of stay id "red" or "green" (colour NULL removes the mark). A
 * red day may carry a configured red-day reason; a green day has none. The
 * day must fall within the stay and not after today. */
enum sr_status edit_mark(struct store *st, const struct config *cfg,
			 int64_t id, sr_day day, const char *colour,
			 const char *reason, const struct edit_clock *clock,
			 const struct store_actor *who, struct sr_error *err);
/* edit_mark, only if the day's mark is still the one the user saw
 * (seen_colour and seen_reason as store_day_mark_get gives them; NULL for
 * none): marks carry no version, so this is how two people marking the
 * same day never overwrite each other unawares. Otherwise nothing is saved
 * and SR_ECONFLICT says so. */
enum sr_status edit_mark_if(struct store *st, const struct config *cfg,
			    int64_t id, sr_day day, const char *seen_colour,
			    const char *seen_reason, const char *colour,
			    const char *reason, const struct edit_clock *clock,
			    const struct store_actor *who,
			    struct sr_error *err);

/* The stay a user means by MRN (in site, if non-NULL): the patient's current
 * stay, else their latest. Refused when the MRN is in a bed at more than one
 * site (give the site). Messages never repeat the MRN. */
enum sr_status edit_find(struct store *st, const char *site, const char *mrn,
			 int64_t *id, struct sr_error *err);

/* "YYYY-MM-DDTHH:MM:SS" for the audit stamp: $SITREP_NOW if set, else the
 * local clock. */
void edit_stamp(char buf[20]);

#endif
