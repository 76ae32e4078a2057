/* Every change a user can make, for both front ends: admit, set fields,
 * discharge, mark a red or green day, declare an OPEL level. Each is checked
 * once here (the domain rules of stay), and saved in one transaction with
 * its audit rows, against the version the user saw: an edit made on a stale
 * version is refused, never silently applied. The console and the command
 * line both go through here, with one context: the store, the config, the
 * clock and who is acting. */
#ifndef SITREP_EDIT_H
#define SITREP_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep/access.h"
#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/stay.h"
#include "sitrep/store.h"

/* When "now" and "today" are, for relative input and the audit stamp. */
struct edit_clock {
	sr_day today;
	sr_minute now;
};
struct edit_clock edit_clock_now(void);

/* What every edit needs. A plain value: it may be copied. */
struct edit_ctx {
	struct store *st;
	const struct config *cfg; /* NULL only for edit_find */
	struct edit_clock clock;
	const char *by; /* login name */
	char at[20];    /* audit stamp, "YYYY-MM-DDTHH:MM:SS" */
	/* What the login user may do (the config's access list; with no
	 * cfg, or no list, everything). */
	struct access acc;
};
/* A change made now by the login user: the clock and stamp frozen by
 * $SITREP_NOW / $SITREP_TODAY when set. */
void edit_ctx_init(struct edit_ctx *ctx, struct store *st,
		   const struct config *cfg);
/* ctx->acc for ctx->by and ctx->cfg (edit_ctx_init calls it; again after
 * changing either). */
void edit_access_init(struct edit_ctx *ctx);

/* ---- Who may do what (edit_access.c, sitrep/access.h) ----
 * Every change below is checked here, for the console and the command
 * line alike: SR_EPERM, with a message naming the user, their roles and
 * what it takes, when the user's roles do not allow it. The functions
 * below record each refusal in the audit trail (field "refused") once
 * their transaction has ended; a command that checks by itself records
 * it with edit_refusal_record. */
enum sr_status edit_allow(const struct edit_ctx *ctx,
			  enum access_action action, const char *site,
			  const char *ward, const char *owner,
			  struct sr_error *err);
/* The refusal in err (SR_EPERM) into the audit trail, about stay (0:
 * none), in its own transaction; nothing when ctx has no store. */
void edit_refusal_record(const struct edit_ctx *ctx, int64_t stay,
			 const struct sr_error *err);
/* The user's groups by name (the real group and the supplementary ones,
 * never a setgid install's), for the access list. */
size_t edit_user_groups(const char *const **names);

struct edit_change {
	enum stay_field field;
	const char *value; /* as typed; NULL or "" clears the field */
};

/* Flags of a request. */
enum {
	/* Change a discharged stay's in-bed fields (EDD, green to go,
	 * pathway, delay, ward, bed): refused without it, since such a change
	 * usually means the user did not know the patient had left. The
	 * discharge time, destination and note may change without it. */
	EDIT_DISCHARGED_OK = 1u << 0,
};

struct edit_request {
	int64_t id;               /* the stay (ignored by edit_admit) */
	int64_t expected_version; /* 0: the version stored now */
	const struct edit_change *ch;
	size_t n;
	unsigned flags; /* EDIT_* */
	/* When the changes of dated fields (stay_field_dated) took effect,
	 * as typed (edit_from): NULL or "" for now. Earlier corrects the
	 * record: each field changed is compared with its value in force
	 * then, and a fact written only where it differs. */
	const char *from;
};

/* What an edit did. */
struct edit_result {
	struct stay saved;   /* the stay as saved; edit_result_clear frees */
	size_t nchanged;     /* fields that actually changed */
	enum stay_field bad; /* on failure the field at fault, or SF_COUNT */
	bool discharged;     /* refused: the stay was discharged (see
				EDIT_DISCHARGED_OK) */
	/* Saved, but worth saying ("bed B33 is beyond the 26 beds of ward
	 * LNG"); "" when all is well. */
	char warning[SR_ERROR_MAX];
};
void edit_result_clear(struct edit_result *r);

/* Turns typed input into the canonical value of field f: dates also accept
 * "today", "tomorrow", "+2", "mon" (relative to ctx->clock.today); times
 * also accept "now" and a bare date (taken at 00:00). *out is newly
 * allocated, NULL for an empty value. Text longer than the field's limit
 * (stay_field_max) is refused, never cut. */
enum sr_status edit_normalise(const struct edit_ctx *ctx, enum stay_field f,
			      const char *site, const char *in, char **out,
			      struct sr_error *err);

/* Reads the time changes took effect from, as typed: "now" (or empty:
 * *out ""), an ISO or day-first date and time, or a date (ISO, day first,
 * "today", "yesterday", "-2": from 00:00 that day). Not in the future.
 * out is "YYYY-MM-DDTHH:MM:SS". */
enum sr_status edit_from(const struct edit_ctx *ctx, const char *in,
			 char out[20], struct sr_error *err);

/* edit_from for any time: what names it in messages ("from", "to"); with
 * future_ok a time after now is taken (a planned end). */
enum sr_status edit_time(const struct edit_ctx *ctx, const char *what,
			 const char *in, bool future_ok, char out[20],
			 struct sr_error *err);

/* Applies rq's changes to stay rq->id. The site cannot change (a transfer
 * is a discharge and a new admission); a bed cannot take a second patient
 * (the message gives the stay in it). res may be NULL. */
enum sr_status edit_apply(const struct edit_ctx *ctx,
			  const struct edit_request *rq,
			  struct edit_result *res, struct sr_error *err);

/* Admits a new stay from changes that include site, mrn and admitted_at. */
enum sr_status edit_admit(const struct edit_ctx *ctx,
			  const struct edit_change *ch, size_t n,
			  struct edit_result *res, struct sr_error *err);

/* Marks day of stay id "red" or "green" (colour NULL removes the mark). A
 * red day may carry a configured red-day reason; a green day has none. The
 * day must fall within the stay and not after today. */
enum sr_status edit_mark(const struct edit_ctx *ctx, int64_t id, sr_day day,
			 const char *colour, const char *reason,
			 struct sr_error *err);
/* edit_mark, only if the day's mark is still the one the user saw
 * (seen_colour and seen_reason as store_day_mark_get gives them; NULL for
 * none): marks carry no version, so this is how two people marking the
 * same day never overwrite each other unawares. Otherwise nothing is saved
 * and SR_ECONFLICT says so. */
enum sr_status edit_mark_if(const struct edit_ctx *ctx, int64_t id,
			    sr_day day, const char *seen_colour,
			    const char *seen_reason, const char *colour,
			    const char *reason, struct sr_error *err);

/* The longest OPEL note, in bytes. */
#define EDIT_OPEL_NOTE_MAX 1000

/* Checks an OPEL declaration's note as both front ends take it: surrounding
 * white space removed, one line of at most EDIT_OPEL_NOTE_MAX bytes of
 * UTF-8 with no control characters, not empty. *out is newly allocated. */
enum sr_status edit_opel_note(const char *in, char **out,
			      struct sr_error *err);
/* The checks of edit_opel_declare, without the store: site, level, note. */
enum sr_status edit_opel_check(const struct config *cfg, const char *site,
			       int level, const char *note,
			       struct sr_error *err);
/* Declares the OPEL level (OPEL_LEVEL_MIN..MAX) of site (a configured site
 * code, or NULL for the system as a whole) with a note (edit_opel_note),
 * stamped with ctx's user and time. */
enum sr_status edit_opel_declare(const struct edit_ctx *ctx, const char *site,
				 int level, const char *note,
				 struct sr_error *err);

/* ---- OPEL inputs (issue 16) ---- */

/* A figure sitrep cannot compute (ED, ambulance), entered for an OPEL
 * 2024-26 parameter (include/sitrep/store.h, OPEL inputs): site (a
 * configured code, or NULL for the system: a value every site whose kind
 * has the parameter takes unless it has its own), parameter (configured
 * with source input for the site's kind; for the system, for the kind of
 * some site), value as typed (a number: 47, 12.5), at as typed (edit_time,
 * named "at": when it was measured, not in the future; NULL or "": now).
 * out's strings point into the config, into at_buf and into the
 * arguments. */
enum sr_status edit_opel_input_check(const struct edit_ctx *ctx,
				     const char *site, const char *parameter,
				     const char *value, const char *at,
				     struct opel_input *out, char at_buf[20],
				     struct sr_error *err);
/* Checks and records an input, stamped with ctx's user and time; *id the
 * new row's (id may be NULL). */
enum sr_status edit_opel_input(const struct edit_ctx *ctx, const char *site,
			       const char *parameter, const char *value,
			       const char *at, int64_t *id,
			       struct sr_error *err);
/* The parameters entered by hand for site (NULL: the system, those of the
 * kinds of its sites) as "a, b or c" into buf; "" when there are none. */
void edit_opel_input_names(const struct config *cfg, const char *site,
			   char *buf, size_t size);

/* ---- Bed state (issue 16) ---- */

/* The longest note on a bed state, in bytes. */
#define EDIT_BEDS_NOTE_MAX 200

/* Beds closed, or escalation beds opened, as typed: site (a configured
 * code), ward (NULL or "": the site as a whole), bed (one bed's label:
 * count 1), count (as typed; required without a bed), reason (one of the
 * config's bed_reasons: required for closed beds, optional for
 * escalation), note (one line), from (edit_from; NULL or "": now), to
 * (a planned end, edit_time with future times; NULL or "": until ended). */
struct edit_beds {
	const char *site, *ward, *bed, *count, *reason, *note, *from, *to;
	bool escalation;
};
/* The checked form of a struct edit_beds: b points into the config and
 * into the buffers here (edit_beds_clean_free). */
struct edit_beds_clean {
	struct bed_state b;
	char *bed, *note;
	char from[20], to[20];
};
enum sr_status edit_beds_check(const struct edit_ctx *ctx,
			       const struct edit_beds *in,
			       struct edit_beds_clean *out,
			       struct sr_error *err);
void edit_beds_clean_free(struct edit_beds_clean *c);
/* Records in (closed beds never more than the ward's, or the site's,
 * base at their start); *id the new state's. */
enum sr_status edit_beds_add(const struct edit_ctx *ctx,
			     const struct edit_beds *in, int64_t *id,
			     struct sr_error *err);
/* Ends bed state id at `at` (edit_time, future allowed; NULL or "": now):
 * closed beds reopen, escalation beds close. */
enum sr_status edit_beds_end(const struct edit_ctx *ctx, int64_t id,
			     const char *at, struct sr_error *err);

/* ---- Blockers ("waiting for what", DESIGN §2) ---- */

/* The longest blocker note, in bytes. */
#define EDIT_BLOCKER_NOTE_MAX 500

/* A blocker as typed. code: a delay reason of the config; agency: NHS,
 * ASC or both (NULL or "": the code's own, refused when it has none);
 * owner: a configured owner's code (NULL or "": none yet); due: a date as
 * edit_normalise takes an EDD ("today", "+3", "fri", ISO, day first);
 * note: one line; from: when the patient began to wait for it, as
 * edit_from takes it (NULL or "": now), within the stay and not after a
 * discharge; primary: it is the delay reason from then on, whichever
 * other blockers are open. */
struct edit_blocker {
	const char *code, *agency, *owner, *due, *note, *from;
	bool primary;
};
/* Opens a blocker for stay id: *new_id (may be NULL). */
enum sr_status edit_blocker_add(const struct edit_ctx *ctx, int64_t id,
				const struct edit_blocker *in,
				int64_t *new_id, struct sr_error *err);

/* A change of blocker id as typed: owner, due, note, agency NULL to keep
 * ("" clears owner, due and note); close: close it from close_from
 * (edit_from; NULL or "" now); primary: make it primary from now. Only
 * if still at expected_version (0: no check). */
struct edit_blocker_change {
	const char *owner, *due, *note, *agency;
	bool close;
	const char *close_from;
	bool primary;
	int64_t expected_version;
};
enum sr_status edit_blocker_change(const struct edit_ctx *ctx, int64_t id,
				   const struct edit_blocker_change *c,
				   struct sr_error *err);
/* A closed blocker open again from `from` (edit_from): a new blocker,
 * *new_id, following it. */
enum sr_status edit_blocker_reopen(const struct edit_ctx *ctx, int64_t id,
				   const char *from, int64_t *new_id,
				   struct sr_error *err);

/* The stay's blocker closed last (closed_at, then id) that has not been
 * opened again: *id (0: none) and its code in code (size bytes). */
enum sr_status edit_blocker_last_closed(const struct edit_ctx *ctx,
					int64_t stay, int64_t *id, char *code,
					size_t size, struct sr_error *err);

/* The stay a user means by MRN (in site, if non-NULL): the patient's current
 * stay, else their latest. Refused when the MRN is in a bed at more than one
 * site (give the site). Messages never repeat the MRN. */
enum sr_status edit_find(const struct edit_ctx *ctx, const char *site,
			 const char *mrn, int64_t *id, struct sr_error *err);

/* "YYYY-MM-DDTHH:MM:SS" for the audit stamp: $SITREP_NOW if set, else the
 * local clock. */
void edit_stamp(char buf[20]);

#endif
