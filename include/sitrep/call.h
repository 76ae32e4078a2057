/* The daily call (DESIGN §2 "Blocker", issue 14): the patients to discuss,
 * in order, each with what they wait for, who owns it and by when; and what
 * changed since the last call. The rules that keep the list honest (an EDD
 * passed with no blocker, a patient who no longer meets the criteria to
 * reside with none, a blocker past its due date) and the escalation rules
 * of the config are applied here, once, for the command line and the
 * console alike. */
#ifndef SITREP_CALL_H
#define SITREP_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/store.h"

/* Why a patient is on the agenda, in the order the call takes them; a
 * patient is listed once, under the first that holds, with every flag
 * that holds. X(enum, name, label) */
#define CALL_REASON_TABLE(X)                                                \
	X(CALL_NEW_NCTR, "new_nctr", "new since last call")                \
	X(CALL_ESCALATED, "escalated", "escalated")                        \
	X(CALL_OVERDUE, "overdue", "blocker overdue")                      \
	X(CALL_NO_BLOCKER, "no_blocker", "no blocker named")               \
	X(CALL_SUPER_STRANDED, "super_stranded", "super-stranded")         \
	X(CALL_EDD_PASSED, "edd_passed", "EDD passed, no blocker")

enum call_reason {
#define CALL_REASON_ENUM(e, name, label) e,
	CALL_REASON_TABLE(CALL_REASON_ENUM)
#undef CALL_REASON_ENUM
	CALL_REASON_COUNT
};
const char *call_reason_name(enum call_reason r);
const char *call_reason_label(enum call_reason r);

/* What the rules need to know of one patient in a bed on day `today`. */
struct call_facts {
	int los;             /* midnights since admission */
	bool nctr;           /* no longer meets the criteria to reside */
	int delay_days;      /* today - discharge ready date; -1: not NCTR */
	bool edd_passed;     /* an EDD before today */
	int open_blockers;
	int overdue_days;    /* the most overdue open blocker; -1: none */
	bool was_nctr;       /* NCTR at the last call (or not yet admitted) */
};
/* The flags (1u << enum call_reason) that hold for f under cfg, and *role
 * the escalation role (index into cfg->roles, -1: none). Pure. */
unsigned call_flags(const struct config *cfg, const struct call_facts *f,
		    int *role);
/* The first reason of flags (CALL_REASON_COUNT: none; its label is "no
 * longer flagged"). */
enum call_reason call_first(unsigned flags);

/* One patient of the agenda. Strings are owned by the call. */
struct call_item {
	int64_t stay;
	enum call_reason reason;
	unsigned flags;
	int role; /* escalated to cfg->roles[role]; -1: not escalated */
	char *site, *ward, *bed, *mrn, *given, *family;
	char *admitted_at, *edd, *drd; /* edd, drd NULL when none */
	struct call_facts facts;
	/* The primary open blocker (id 0: none) and how many are open. */
	int64_t blocker, blocker_version;
	char *code, *agency, *owner, *due;
};

/* A change since the last call. */
#define CALL_CHANGE_TABLE(X)                                               \
	X(CHANGE_NEW_NCTR, "new_nctr", "no longer meet the criteria to reside") \
	X(CHANGE_STRANDED, "stranded", "now stranded")                      \
	X(CHANGE_SUPER_STRANDED, "super_stranded", "now super-stranded")    \
	X(CHANGE_DISCHARGED, "discharged", "discharged")                    \
	X(CHANGE_OPENED, "blocker_opened", "blockers opened")               \
	X(CHANGE_CLOSED, "blocker_closed", "blockers closed")               \
	X(CHANGE_EDD_MOVED, "edd_moved", "EDDs moved")

enum call_change_kind {
#define CALL_CHANGE_ENUM(e, name, label) e,
	CALL_CHANGE_TABLE(CALL_CHANGE_ENUM)
#undef CALL_CHANGE_ENUM
	CALL_CHANGE_COUNT
};
const char *call_change_name(enum call_change_kind k);
const char *call_change_label(enum call_change_kind k);

struct call_change {
	enum call_change_kind kind;
	int64_t stay;
	char *site, *mrn;
	char *at;          /* when it happened or was recorded */
	char *what;        /* the blocker's code; the EDD "from -> to" */
	char *by;          /* who recorded it (blockers, EDDs) */
};

/* Which patients: a site and/or a blocker owner (NULL: any). */
struct call_filter {
	const char *site;
	const char *owner; /* only patients with an open blocker it owns */
	/* Stays listed even when nothing flags them any more (reason
	 * CALL_REASON_COUNT, last): those discussed in this call, so the
	 * agenda does not shrink under the user as they are dealt with. */
	const int64_t *keep; /* sorted */
	size_t nkeep;
};

/* The blockers under the filter, now: those open (overdue: due before
 * today) by family (the last slot: a code the config no longer has), by
 * agency (the last: none) and by owner (cfg->nowners slots, then none or
 * an owner no longer in the config); and those that ended (closed, or by
 * the discharge) from 00:00 six days before today to now, with the median
 * of their days open (end date minus opening date; NAN when none). The
 * report's blocker figures (metrics.h) of the same moment, from the
 * blockers' values of now. */
struct call_blocker_figures {
	size_t open, overdue;
	size_t by_family[FAMILY_COUNT + 1];
	size_t by_agency[AGENCY_COUNT + 1];
	size_t *by_owner;
	size_t closed_7d;
	double median_days_to_close;
};

struct call {
	sr_day today;
	char at[MOMENT_INSTANT_BUF];    /* now */
	char since[MOMENT_INSTANT_BUF]; /* the last call */
	struct call_item *items;
	size_t n;
	size_t in_bed; /* patients in a bed under the filter */
	struct call_change *changes;
	size_t nchanges;
	size_t count[CALL_CHANGE_COUNT];
	struct call_blocker_figures blockers;
};

/* The last call before now: the config's call time on the day before
 * today (the call of today is about what changed since yesterday's). */
void call_last(const struct config *cfg, sr_day today, char *out,
	       size_t size);
/* Builds the call of now (minute now) against the last call at `since`
 * ("YYYY-MM-DDTHH:MM:SS"; NULL: call_last). One read transaction. */
enum sr_status call_build(struct store *st, const struct config *cfg,
			  sr_minute now, const char *since,
			  const struct call_filter *f, struct call *out,
			  struct sr_error *err);
void call_free(struct call *c);

#endif
