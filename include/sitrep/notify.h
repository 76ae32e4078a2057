/* Notifications (issue 16, DESIGN §6): what sitrep watch compares from one
 * evaluation to the next (subjects: each site's and the system's computed
 * and declared OPEL levels, each configured threshold at each site it
 * covers), the JSON document a command receives on stdin for a change
 * (aggregate figures only: never a patient identifier), and the retry
 * policy around the store's queue. The commands themselves are run by the
 * command line (src/cli/cmd_watch.c). */
#ifndef SITREP_NOTIFY_H
#define SITREP_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/config.h"
#include "sitrep/config_notify.h"
#include "sitrep/error.h"
#include "sitrep/metrics.h"
#include "sitrep/store.h"

/* The version of the JSON document (its "sitrep_notification" field). */
#define NOTIFY_DOCUMENT_VERSION 1

#define NOTIFY_SUBJECT_MAX 64
#define NOTIFY_VALUE_MAX 16
#define NOTIFY_TIME_BUF 20 /* "YYYY-MM-DDTHH:MM:SS" */

/* One thing watched and its value now: "level:SFT" "3" (computed),
 * "declared:SFT" "2" or "none", "level:system", "declared:system",
 * "threshold:SFT:occupancy_pct:95" "above" or "below". */
struct notify_subject {
	char subject[NOTIFY_SUBJECT_MAX];
	char value[NOTIFY_VALUE_MAX];
	enum notify_event event;
	const struct site_metrics *site;  /* NULL: the system */
	const struct notify_threshold *threshold; /* NOTIFY_THRESHOLD only */
	double figure;                    /* NOTIFY_THRESHOLD: the value */
};

/* The subjects of the figures m: every site's computed and declared level
 * (config order), the system's, then each threshold of cfg at each site it
 * covers where its figure is known (one subject for a site two thresholds
 * give alike). *out newly allocated; returns how many. */
size_t notify_subjects(const struct config *cfg,
		       const struct system_metrics *m,
		       struct notify_subject **out);

/* Whether a change of s to its value now from old is notified: a level's
 * whichever way it goes; a threshold's as its direction says. */
bool notify_wanted(const struct notify_subject *s, const char *old);

/* The JSON document of s's change from old, seen at `time`: newly
 * allocated, one line, no patient identifier (man/sitrep.1, WATCH). */
char *notify_document(const struct config *cfg,
		      const struct system_metrics *m,
		      const struct notify_subject *s, const char *old,
		      const char *time);

struct notify_eval {
	size_t subjects;   /* compared */
	size_t first_seen; /* seen for the first time: their baseline */
	size_t changed;
	size_t queued;     /* notifications added */
};

/* One evaluation at now ("YYYY-MM-DDTHH:MM:SS"): in one write transaction
 * (so that two watchers at once notify a change once), today's figures as
 * at now, their subjects compared with the values last seen, and one
 * notification queued per change and command the config names for it. */
enum sr_status notify_evaluate(struct store *st, const struct config *cfg,
			       const char *now, struct notify_eval *out,
			       struct sr_error *err);

/* Claims the oldest notification due at now for claimer ("pid@host"); a
 * claim older than the longest command timeout and a minute is taken
 * over. *found false: none due. */
enum sr_status notify_claim(struct store *st, const struct config *cfg,
			    const char *now, const char *claimer,
			    struct store_notify_job *job, bool *found,
			    struct sr_error *err);

/* Records an attempt of job made at `at` (exit_status negative: none):
 * sent when ok; else failed, with a retry after the configured delay
 * while attempts are left (next_at gets its time, "" when none). *kept
 * false: another watcher took the claim over meanwhile. */
enum sr_status notify_finish(struct store *st, const struct config *cfg,
			     const struct store_notify_job *job,
			     const char *claimer, const char *at,
			     int exit_status, bool ok, const char *outcome,
			     char next_at[NOTIFY_TIME_BUF], bool *kept,
			     struct sr_error *err);

/* at ("YYYY-MM-DDTHH:MM:SS", or without seconds) plus seconds (negative:
 * earlier) into out, on the wall clock; false if at does not read. */
bool notify_time_add(const char *at, long seconds,
		     char out[NOTIFY_TIME_BUF]);

#endif
