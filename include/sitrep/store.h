/* The SQLite store: opening and creating the database file (private, WAL,
 * synchronous=FULL), schema migrations numbered by PRAGMA user_version, and
 * syncing sites and wards from the config. All SQL lives behind this header
 * (store.c and its store_*.c helpers); nothing above it builds SQL text. */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/stay.h"

struct store;

enum store_mode {
	STORE_READ_WRITE, /* create if missing, migrate if older */
	STORE_READ_ONLY,  /* must exist and be at the current version */
};

/* The schema version this build writes. */
int store_schema_version(void);

/* Opens path (creating a private file, mode 0600, or 0660 in a setgid
 * directory for a group install) and brings its schema up to date in one
 * transaction. A file from a newer sitrep is refused. */
struct store *store_open(const char *path, enum store_mode mode,
			 struct sr_error *err);
void store_close(struct store *st);
const char *store_path(const struct store *st);

/* Opens without migrating, then applies migrations up to version `upto`
 * only. For tests of the upgrade path. */
struct store *store_open_at_version(const char *path, int upto,
				    struct sr_error *err);
/* The file's PRAGMA user_version. */
int store_file_version(struct store *st);

/* Sites in the store that the config no longer lists (kept with their
 * history, marked inactive). */
struct store_sync_report {
	size_t sites_added, sites_updated, wards_added, wards_updated;
	char **dropped_sites; /* codes; freed by store_sync_report_free */
	size_t ndropped_sites;
	char **dropped_wards; /* "SITE/WARD" */
	size_t ndropped_wards;
};

/* Makes the site and ward tables match cfg in one transaction. Sites and
 * wards the config no longer lists are marked inactive, never deleted. */
enum sr_status store_sync_config(struct store *st, const struct config *cfg,
				 struct store_sync_report *rep,
				 struct sr_error *err);
void store_sync_report_free(struct store_sync_report *rep);

/* PRAGMA data_version: changes when another connection commits, so the
 * console can notice other users' changes cheaply. -1 on error. */
long long store_data_version(struct store *st);

/* Checks PRAGMA integrity_check, then store_check_totals and
 * store_check_facts; SR_OK when the file is sound and its totals and
 * states agree with its stays and facts. */
enum sr_status store_integrity_check(struct store *st, struct sr_error *err);

/* Many rows written one by one into a database with stays fire the
 * triggers on every row, and SQLite then keeps each statement's changed
 * pages in a statement journal, written to a temporary file once past
 * 64 KiB: 18 small writes a row. With on, temporary storage (statement
 * journals, and any sort) stays in memory: for imports row by row, never
 * for a bulk load (its index builds sort every stay). Outside a
 * transaction only. */
enum sr_status store_journal_in_memory(struct store *st, bool on,
				       struct sr_error *err);

/* For filling a new database (the demo): a rollback journal instead of the
 * write-ahead log until store_journal_wal. SQLite journals no page past
 * the size the database had when a transaction began, so a load into an
 * empty database is written once, not twice (into the log, then copied by
 * the checkpoint), and it stays all or nothing: a load cut short leaves a
 * journal that the next connection to open the file rolls back. Only
 * possible while no other connection has the file open: false (the log is
 * kept, at once, without waiting) otherwise. Outside a transaction. */
bool store_journal_direct(struct store *st);
/* Back to the write-ahead log (store_open's mode). */
enum sr_status store_journal_wal(struct store *st, struct sr_error *err);

/* Bulk loading, for filling a database without stays (a first census, the
 * demo). store_bulk_begin, called outside any transaction, begins the
 * write transaction (SR_ECONFLICT, nothing begun, if the database holds
 * stays), turns foreign key enforcement off for it, and drops the
 * secondary indexes and the triggers of the stays and their marks. The
 * stays are then inserted as usual, without their audit rows. Still in
 * the transaction, store_bulk_end checks every reference at once, writes
 * the audit row of each stay added (the word `how`, the time and actor it
 * was inserted with), creates the indexes and triggers again (an index
 * built once from sorted rows costs a fraction of keeping it up row by
 * row) and computes the totals the triggers keep afresh; the caller
 * commits, or rolls back. Whichever ends the transaction turns the foreign
 * keys back on; a rollback before store_bulk_end brings the schema back,
 * a commit before it is refused. On failure both roll back. */
enum sr_status store_bulk_begin(struct store *st, const char *how,
				struct sr_error *err);
/* progress (may be NULL) hears the fraction of the rebuild done, in
 * [0, 1], after each index, trigger and the totals. */
enum sr_status store_bulk_end(struct store *st,
			      void (*progress)(double done, void *ctx),
			      void *ctx, struct sr_error *err);
/* True between store_bulk_begin and store_bulk_end. */
bool store_bulk_loading(const struct store *st);

/* Recomputes from the stays and marks the totals that triggers keep for
 * the figures (discharges by day, red and green days, readmissions,
 * discharged green-to-go stays by day, delayed patients and patients in
 * a bed at each closed day's end) and
 * fails, naming the table, if any row differs. Reads every stay: for
 * tests and checks, not for the figures. */
enum sr_status store_check_totals(struct store *st, struct sr_error *err);

/* Derives every stay's states from its facts (as a change does) and
 * compares them with its current states and the dated columns its row
 * keeps: fails naming the stay (by id) and what differs. Reads every
 * stay: for checks and tests. */
enum sr_status store_check_facts(struct store *st, struct sr_error *err);

/* Counts rows of a table by name from a fixed list (site, ward, stay,
 * day_mark, opel_declared, audit); -1 for an unknown table. For
 * summaries and tests. */
long long store_count(struct store *st, const char *table);
/* 1 if the table (same list) has a row, 0 if none, -1 on error. */
int store_has_rows(struct store *st, const char *table);

/* Resolves the database path: explicit (from --db) if non-NULL, else
 * $SITREP_DB, else $XDG_DATA_HOME/sitrep/sitrep.db (or
 * ~/.local/share/sitrep/sitrep.db). Returns a newly allocated path. */
char *store_default_path(const char *explicit_path);

/* ---- Transactions ------------------------------------------------------
 * Every write runs inside one: BEGIN IMMEDIATE (taking the write lock up
 * front, retried with backoff while another process writes), then commit or
 * roll back. The stay and audit functions below must be called inside one. */
enum sr_status store_tx_begin(struct store *st, struct sr_error *err);
enum sr_status store_tx_commit(struct store *st, struct sr_error *err);
void store_tx_rollback(struct store *st);

/* A read snapshot: every read between store_read_begin and store_read_end
 * sees the database as one moment (BEGIN DEFERRED ... COMMIT), so a
 * screen's counts and its rows agree however others write meanwhile. For
 * one screen's or one report's fetch only: never held while waiting for a
 * key. They nest (an inner pair, or one inside another transaction, only
 * counts). */
enum sr_status store_read_begin(struct store *st, struct sr_error *err);
void store_read_end(struct store *st);

/* ---- Stays -------------------------------------------------------------
 * Values are the canonical strings of struct stay (see stay.h). Reads fill
 * out (which the caller clears with stay_clear). */

/* Who and when, for the audit trail and the stay's last-change stamp. */
struct store_actor {
	const char *by; /* login name */
	const char *at; /* "YYYY-MM-DDTHH:MM:SS": when it is recorded */
	/* Changes of dated fields (stay_field_dated) take effect from this
	 * instant (a backdated correction, DESIGN §4); NULL: from `at`.
	 * Always within the stay: before its admission means from the
	 * admission; on a discharged stay, at or after the discharge means
	 * a minute before it (the values it left with). */
	const char *from;
	/* With from: the fields the change sets (1u << SF_...), each
	 * compared with its value in force from `from`; 0: the fields whose
	 * value differs from the stored one. */
	unsigned touched;
	/* A new stay (store_stay_insert) only: since[f] (indexed by enum
	 * stay_field; NULL entries, or since NULL: the admission) is when
	 * dated field f took the value it is inserted with, for loads of
	 * history (the demo). Kept within the stay as above. */
	const char *const *since;
	/* With since, a load of history as it was recorded at the time:
	 * each fact, state and blocker end of the new stay recorded when it
	 * became true (its valid time), not at `at` (the stay's audit row
	 * stays at `at`). A database loaded so has a past as known then
	 * (--as-known-at) like one that was kept up to date every day. */
	bool recorded_when_true;
	/* The store's own writes of the delay reason and agency that
	 * follow a stay's blockers (store_blocker.c): not a typed reason,
	 * so no blocker follows them back. */
	bool derived;
};

/* The stay with this (site, mrn, admitted_at) key: SR_OK or SR_ENOTFOUND. */
enum sr_status store_stay_find(struct store *st, const char *site,
			       const char *mrn, const char *admitted_at,
			       struct stay *out, struct sr_error *err);
enum sr_status store_stay_get(struct store *st, int64_t id, struct stay *out,
			      struct sr_error *err);
/* Ids of the stays with this MRN (in site, if non-NULL): the current ones
 * when there are any, else the most recent one. *ids is newly allocated. */
enum sr_status store_stay_by_mrn(struct store *st, const char *site,
				 const char *mrn, int64_t **ids, size_t *n,
				 struct sr_error *err);
/* Inserts s (version 1) and sets s->id and s->version; one audit row
 * (field "stay", new = how, e.g. "admitted" or "imported"). */
enum sr_status store_stay_insert(struct store *st, struct stay *s,
				 const char *how,
				 const struct store_actor *who,
				 struct sr_error *err);
/* Writes the fields of next that differ from the stored stay, with one audit
 * row per field, and bumps the version. Refused with SR_ECONFLICT when the
 * stored version is not expected_version (0: no check), the message saying who changed
 * it and when. On success next->version is the new version; *changed (if
 * non-NULL) counts the fields written (0: nothing to do, version kept). */
enum sr_status store_stay_update(struct store *st, struct stay *next,
				 int64_t expected_version,
				 const struct store_actor *who, size_t *changed,
				 struct sr_error *err);

/* The stay in bed (site, ward, bed) now, other than stay exclude: *other
 * its id, or 0 when the bed is free. ward NULL: a site without wards. */
enum sr_status store_stay_in_bed(struct store *st, const char *site,
				 const char *ward, const char *bed,
				 int64_t exclude, int64_t *other,
				 struct sr_error *err);

/* Beds holding more than one current stay (from before beds were checked,
 * or an import): fn per bed, with the stays' ids ascending, comma-separated,
 * in (site, ward, bed) order. */
enum sr_status store_beds_shared(struct store *st,
				 void (*fn)(void *ctx, const char *site,
					    const char *ward, const char *bed,
					    const char *ids),
				 void *ctx, struct sr_error *err);

/* Which stays an export or a list walks. */
struct stay_filter {
	const char *site; /* NULL: all sites */
	bool current;     /* only stays in a bed now */
	const char *from; /* stays in a bed on some day in [from, to] ... */
	const char *to;   /* ... (YYYY-MM-DD; NULL: open-ended) */
};
/* Calls fn for each matching stay in (site, admitted_at, mrn, id) order;
 * stops early when fn returns false. */
enum sr_status store_stay_each(struct store *st, const struct stay_filter *f,
			       bool (*fn)(const struct stay *s, void *ctx),
			       void *ctx, struct sr_error *err);
/* Ids of current stays (not discharged) at site, for --discharge-missing. */
enum sr_status store_stay_current_ids(struct store *st, const char *site,
				      int64_t **ids, size_t *n,
				      struct sr_error *err);

/* ---- Red and green days -------------------------------------------------*/
/* Marks day (YYYY-MM-DD) of stay red or green (reason only for red; NULL
 * colour removes the mark), audited as field "day YYYY-MM-DD". */
enum sr_status store_day_mark(struct store *st, int64_t stay,
			      const char *day, const char *colour,
			      const char *reason, const struct store_actor *who,
			      struct sr_error *err);
/* The mark of one day: *colour and *reason newly allocated or NULL. */
enum sr_status store_day_mark_get(struct store *st, int64_t stay,
				  const char *day, char **colour, char **reason,
				  struct sr_error *err);

/* ---- Blockers ("waiting for what", DESIGN §2 and §4) ---------------------
 * Each an interval of valid time [opened_at, closed_at), both ends
 * "YYYY-MM-DDTHH:MM:SS", with when each end was recorded and by whom. The
 * primary blocker at an instant is, of those open then, the one made
 * primary last by then, else the one opened first; its code and agency
 * are the stay's delay reason and agency from then on: every change here
 * writes them as dated facts (and a typed reason change opens, makes
 * primary or closes blockers to match), in the caller's transaction. A
 * discharge closes the stay's open blockers. */
struct blocker {
	int64_t id, stay, version;
	char *site, *code, *agency, *owner, *due, *note, *primary_from;
	char *opened_at, *opened_by, *recorded_at;
	char *closed_at, *closed_by, *closed_recorded_at;
	int64_t reopens; /* 0: none */
};
void blocker_clear(struct blocker *b);

/* Opens b (stay, code, agency, owner, due, note as given; opened_at the
 * instant it holds from; primary: made primary from then): b->id,
 * b->version and the stamps set. */
enum sr_status store_blocker_add(struct store *st, struct blocker *b,
				 bool primary, const struct store_actor *who,
				 struct sr_error *err);
enum sr_status store_blocker_get(struct store *st, int64_t id,
				 struct blocker *out, struct sr_error *err);
/* What a blocker change may do; NULL members keep the value ("" clears
 * owner, due or note). Refused with SR_ECONFLICT when the blocker is no
 * longer at expected_version (0: no check). */
struct blocker_change {
	const char *owner, *due, *note, *agency;
	const char *close_at; /* close it from this instant */
	const char *primary_at; /* make it primary from this instant */
};
enum sr_status store_blocker_change(struct store *st, int64_t id,
				    int64_t expected_version,
				    const struct blocker_change *c,
				    const struct store_actor *who,
				    struct sr_error *err);
/* A new blocker like closed blocker id (code, agency, owner, due, note),
 * open from at: *new_id. */
enum sr_status store_blocker_reopen(struct store *st, int64_t id,
				    const char *at,
				    const struct store_actor *who,
				    int64_t *new_id, struct sr_error *err);
/* The primary blocker of stay at instant at: *id, 0 when none is open. */
enum sr_status store_blocker_primary(struct store *st, int64_t stay,
				     const char *at, int64_t *id,
				     struct sr_error *err);
/* Which blockers: of one stay (stay != 0), else those open now of a site
 * and/or an owner (NULL: any); open_only: the open ones only. */
struct blocker_filter {
	int64_t stay;
	const char *site, *owner;
	bool open_only;
};
/* fn per blocker (stay, opened_at, id order); fn returns false to stop. */
enum sr_status store_blockers_each(struct store *st,
				   const struct blocker_filter *f,
				   bool (*fn)(const struct blocker *b,
					      void *ctx),
				   void *ctx, struct sr_error *err);

/* fn per blocker whose opening (recorded_at) or closing
 * (closed_recorded_at) was recorded in (from, to], of site and owner
 * (NULL: any); stay, opened_at, id order. */
enum sr_status store_blockers_recorded(struct store *st, const char *from,
				       const char *to, const char *site,
				       const char *owner,
				       bool (*fn)(const struct blocker *b,
						  void *ctx),
				       void *ctx, struct sr_error *err);

/* In a bulk load only (a demo's history): blockers with no owner and
 * agency `agency` (NULL: none) get owners[id % n] and a due date
 * due_min + id % due_span days after their opening day, as the values
 * they were opened with. */
enum sr_status store_blockers_assign_unowned(struct store *st,
					     const char *agency,
					     const char *const *owners,
					     size_t n, int due_min,
					     int due_span,
					     struct sr_error *err);

/* A blocker as it was at an instant, as known at a time (migration 13):
 * its owner, due date and agency in force then, and its end as then
 * known (closed_at NULL: open). Strings live until fn returns. */
struct store_blocker_then {
	int64_t id, stay;
	const char *site, *code, *agency, *owner, *due;
	const char *opened_at, *closed_at;
};
/* fn per blocker of site (NULL: all) that at moment mo (its instant, as
 * known at mo->known) was open, or whose end then known fell in
 * (since, mo->at] (since: an instant before mo->at); in no set order. */
enum sr_status store_blockers_then(struct store *st,
				   const struct sr_moment *mo,
				   const char *since, const char *site,
				   bool (*fn)(void *ctx,
					      const struct store_blocker_then *b),
				   void *ctx, struct sr_error *err);

/* ---- Delayed patients at the end of each closed day (migration 12) ------
 * Kept for speed as now known, a site and day a row; store_delay_day.c.
 * The patients in a bed, and with a stay of 7, 14 or 21 days or more, are
 * kept alike (bed_day, migration 20; store_bed_day.c), and read by
 * store_state_series. */
/* Adds the days before today that have ended since the last one added,
 * and the days back to the first admission the table does not hold yet,
 * to delay_day and bed_day, in the caller's write transaction.
 * store_begin calls it. */
enum sr_status store_delay_days_close(struct store *st, sr_day today,
				      struct sr_error *err);
/* The delayed patients at the end of each day from..to, of one site or
 * the active sites, from the table: fn per day with a row, *covered true;
 * *covered false (fn never called) when the table does not hold every one
 * of those days: the caller counts from the states instead. */
enum sr_status store_delay_day_series(struct store *st, const char *from,
				      const char *to, const char *only_site,
				      bool *covered,
				      void (*fn)(void *ctx, const char *day,
						 long n),
				      void *ctx, struct sr_error *err);
/* Per site, the delayed patients summed over the days month .. last and
 * week .. last: fn per site with any. *covered false (and fn never
 * called) when the table does not hold every one of those days: the
 * caller reads the states instead. */
enum sr_status store_delay_day_sums(struct store *st, sr_day last,
				    sr_day week, sr_day month, bool *covered,
				    void (*fn)(void *ctx, const char *site,
					       long month_sum, long week_sum),
				    void *ctx, struct sr_error *err);

/* ---- The daily call (call.h): what changed since the last one -----------
 * Implemented in store_call.c. */
/* A stay discharged at an instant of (from, to], as now known. */
struct store_left_row {
	int64_t stay;
	const char *site, *mrn, *discharged_at;
};
enum sr_status store_discharged_between(struct store *st, const char *from,
					const char *to, const char *site,
					bool (*fn)(void *ctx,
						   const struct store_left_row *r),
					void *ctx, struct sr_error *err);
/* An EDD change recorded in (from, to] of a stay that had one before
 * (value: the new EDD, NULL when cleared; was: the EDD in force before
 * it took effect). */
struct store_edd_move {
	int64_t stay;
	const char *site, *mrn, *was, *value, *valid_from;
	const char *recorded_at, *recorded_by;
};
enum sr_status store_edd_moves(struct store *st, const char *from,
			       const char *to, const char *site,
			       bool (*fn)(void *ctx,
					  const struct store_edd_move *m),
			       void *ctx, struct sr_error *err);

/* ---- Audit trail --------------------------------------------------------*/
struct audit_row {
	int64_t id;
	const char *at, *by;
	int64_t stay; /* 0: not about a stay */
	const char *site, *mrn; /* of the stay, NULL when none */
	const char *field, *old_value, *new_value;
};
struct audit_filter {
	int64_t stay;      /* 0: any */
	const char *since; /* "YYYY-MM-DD..." prefix compare; NULL: any */
	const char *by;    /* NULL: anyone */
	const char *site;  /* NULL: any */
	const char *mrn;   /* NULL: any */
};
/* Appends one audit row (in the caller's transaction). */
enum sr_status store_audit_add(struct store *st, int64_t stay,
			       const char *field, const char *old_value,
			       const char *new_value,
			       const struct store_actor *who,
			       struct sr_error *err);
/* Calls fn per matching row, oldest first. */
enum sr_status store_audit_each(struct store *st, const struct audit_filter *f,
				bool (*fn)(const struct audit_row *r, void *ctx),
				void *ctx, struct sr_error *err);

/* ---- Figures for a day ----------------------------------------------------
 * Raw per-site aggregates for the metrics module (which owns the
 * definitions; see metrics.h). Dates are "YYYY-MM-DD". */
#define STORE_FIGURE_TABLE(X)                                                 \
	X(FIG_DIS_D1)          /* discharged on yesterday; key: pathway "4" none */ \
	X(FIG_DIS_D1_AM)       /* ... before 12:00 */                          \
	X(FIG_WIN_DISCHARGES)  /* key "7" or "30": discharged in the window */ \
	X(FIG_WIN_WITH_G2G)                                                   \
	X(FIG_WIN_G2G_DAYS)                                                   \
	X(FIG_WIN_LOS_DAYS)                                                   \
	X(FIG_WIN_ON_EDD)                                                     \
	X(FIG_RED_DAYS)        /* day marks of day */                         \
	X(FIG_GREEN_DAYS)                                                     \
	X(FIG_READMISSIONS)    /* admitted readmit_start..day, within 28 days */ \
	X(FIG_ADMITTED_BY)     /* 1: a stay admitted by the end of day (every \
				  site covered, 0 or 1; both scopes) */

enum store_figure {
#define STORE_FIGURE_ENUM(e) e,
	STORE_FIGURE_TABLE(STORE_FIGURE_ENUM)
#undef STORE_FIGURE_ENUM
	FIG_COUNT
};

struct store_day {
	char day[DATE_BUF], next[DATE_BUF], yesterday[DATE_BUF];
	char week_start[DATE_BUF];    /* day - 6 */
	char month_start[DATE_BUF];   /* the 1st of day's month */
	char win7[DATE_BUF], win30[DATE_BUF]; /* day - 7, day - 30 */
	char readmit_start[DATE_BUF]; /* day - 29 */
	/* The instant of day the figures are for: admissions after it do
	 * not count (store_day_init: the day's end, "DT23:59:59"). */
	char at[MOMENT_INSTANT_BUF];
	int stranded_days, super_stranded_days;
};
void store_day_init(struct store_day *q, sr_day d, int stranded_days,
		    int super_stranded_days);

typedef void (*store_figure_fn)(void *ctx, const char *site,
				enum store_figure fig, const char *key,
				double value);
/* Runs every query of the kept totals for q in one read transaction (one
 * consistent snapshot: the caller's, inside store_read_begin, else its
 * own) and reports each value; only_site limits them to one site. A
 * figure never reported is zero. */
enum store_scope {
	STORE_FIGURES_ALL,
	/* What the console's board shows: yesterday's discharges; no
	 * discharge windows, red and green days or readmissions. */
	STORE_FIGURES_BOARD,
};
enum sr_status store_day_figures(struct store *st, const struct store_day *q,
				 const char *only_site, enum store_scope scope,
				 store_figure_fn fn, void *ctx,
				 struct sr_error *err);

/* ---- Moments (DESIGN §4) ------------------------------------------------
 * What was true at a moment (struct sr_moment, date.h): the states of the
 * stays in force at m->at (as known at m->known when set). Rows, not
 * figures: metrics applies the definitions. Implemented in
 * store_moment.c. */
struct store_bed_row {
	int64_t stay;
	const char *site, *ward, *bed;
	const char *admitted_at; /* "YYYY-MM-DDTHH:MM" */
	const char *edd, *g2g_date, *delay_reason, *delay_agency;
	const char *pathway; /* "0".."3" or NULL */
	/* confirmed or possible (NULL: not recorded). */
	const char *edd_status;
};
/* fn per stay in a bed at m->at (of only_site, or all), in site order. */
enum sr_status store_in_bed_each(struct store *st,
				 const struct sr_moment *m,
				 const char *only_site,
				 bool (*fn)(void *ctx,
					    const struct store_bed_row *r),
				 void *ctx, struct sr_error *err);
/* A stretch of a stay with a discharge ready date: its values over
 * [from, to) (instants; to TIMELINE_OPEN "9999" while in a bed). */
struct store_delay_span {
	int64_t stay;
	const char *site, *from, *to;
	const char *g2g_date, *delay_reason, *delay_agency;
};
/* fn per stretch with a discharge ready date in force at some instant of
 * [since, m->at] (since an instant). */
enum sr_status store_delay_spans(struct store *st, const struct sr_moment *m,
				 const char *since, const char *only_site,
				 bool (*fn)(void *ctx,
					    const struct store_delay_span *sp),
				 void *ctx, struct sr_error *err);
/* A discharge: the stay's last state. */
struct store_discharge_row {
	int64_t stay;
	const char *site, *admitted_at, *discharged_at;
	const char *edd, *g2g_date, *pathway;
};
/* fn per stay discharged (as known at m->known) at an instant of
 * [from, to) (instants). */
enum sr_status store_discharges_each(struct store *st,
				     const struct sr_moment *m,
				     const char *from, const char *to,
				     const char *only_site,
				     bool (*fn)(void *ctx,
						const struct store_discharge_row *r),
				     void *ctx, struct sr_error *err);
/* The discharges of [from, to) that make the ones as known at m->known
 * differ from the ones as now known: gone false, those now known but not
 * then (recorded after it); gone true, those known then and superseded
 * since. Now known minus the first plus the second is what was known at
 * m->known, for a window that ends a day or more before it (a discharge
 * recorded within a day of it is then known already): the first are then
 * late records and corrections, read from indexes of their own. */
enum sr_status store_discharges_changed(struct store *st,
					const struct sr_moment *m,
					const char *from, const char *to,
					const char *only_site, bool gone,
					bool (*fn)(void *ctx,
						   const struct store_discharge_row *r),
					void *ctx, struct sr_error *err);
/* For the national returns (returns.h): a stay in a bed at a moment, or
 * discharged, with its birth date (NULL: unknown) and, when discharged,
 * its discharge instant, pathway ("0".."3" or NULL) and destination (NULL:
 * none recorded). delay_reason is the primary open blocker's code. */
struct store_return_row {
	int64_t stay;
	const char *site, *admitted_at, *g2g_date, *delay_reason, *birth_date;
	const char *discharged_at, *pathway, *destination;
};
/* fn per stay in a bed at m->at, as known at m->known. */
enum sr_status store_return_in_bed(struct store *st,
				   const struct sr_moment *m,
				   const char *only_site,
				   bool (*fn)(void *ctx,
					      const struct store_return_row *r),
				   void *ctx, struct sr_error *err);
/* fn per stay discharged at an instant of [from, to), as known at
 * m->known. */
enum sr_status store_return_discharges(struct store *st,
				       const struct sr_moment *m,
				       const char *from, const char *to,
				       const char *only_site,
				       bool (*fn)(void *ctx,
						  const struct store_return_row *r),
				       void *ctx, struct sr_error *err);
/* Red and green marks of day (YYYY-MM-DD) as known at m->known (all of
 * them when it is ""), by the site of their stay: fn per site and
 * colour with a count. */
enum sr_status store_marks_known(struct store *st, const struct sr_moment *m,
				 const char *day, const char *only_site,
				 void (*fn)(void *ctx, const char *site,
					    const char *colour, long n),
				 void *ctx, struct sr_error *err);

/* ---- History of a stay (DESIGN §4) ---------------------------------------
 * Everything that happened to one stay, for `sitrep history` and the
 * console: every fact of its dated fields (from what to what, when it
 * became true, when and by whom recorded), every red or green mark as
 * recorded, and the audit rows of its other fields. Implemented in
 * store_history.c. */
#define HISTORY_KIND_TABLE(X)                                              \
	X(HISTORY_ADMITTED, "admitted") /* the stay recorded */            \
	X(HISTORY_FACT, "fact")         /* a dated field's new value */    \
	X(HISTORY_MARK, "mark")         /* a red / green day */            \
	X(HISTORY_CHANGE, "change")     /* another field (audit) */
enum history_kind {
#define HISTORY_KIND_ENUM(e, name) e,
	HISTORY_KIND_TABLE(HISTORY_KIND_ENUM)
#undef HISTORY_KIND_ENUM
};
struct history_event {
	enum history_kind kind;
	const char *field;       /* field name; "day" for a mark */
	const char *valid_from;  /* when it became true; a mark's day */
	const char *recorded_at, *recorded_by;
	const char *old_value, *new_value; /* NULL: none */
	bool backdated;          /* valid_from before recorded_at's minute */
};
/* fn per event in time-line order (valid_from, then recorded_at; a
 * day's mark when it was recorded that day, else at the day's end). */
enum sr_status store_stay_history(struct store *st, int64_t stay,
				  bool (*fn)(void *ctx,
					     const struct history_event *e),
				  void *ctx, struct sr_error *err);

/* ---- Declared OPEL levels -------------------------------------------------
 * site is a site code, or STORE_SYSTEM for the system as a whole. */
#define STORE_SYSTEM "*"
struct opel_declaration {
	int64_t id;
	const char *site, *at, *by, *note;
	int level;
};
/* Records a declaration (in its own transaction). */
enum sr_status store_opel_declare(struct store *st, const char *site,
				  int level, const char *note,
				  const struct store_actor *who,
				  struct sr_error *err);
/* The declaration in force at instant at (the latest made at or before
 * it: a day's end is "DT23:59:59"), one per site: fn per site that has
 * one. */
enum sr_status store_opel_in_force(struct store *st, const char *at,
				   void (*fn)(void *ctx,
					      const struct opel_declaration *d),
				   void *ctx, struct sr_error *err);
/* Every declaration, oldest first, of one site (or all when NULL). */
enum sr_status store_opel_history(struct store *st, const char *site,
				  bool (*fn)(void *ctx,
					     const struct opel_declaration *d),
				  void *ctx, struct sr_error *err);

/* ---- OPEL inputs (issue 16) -----------------------------------------------
 * The OPEL 2024-26 parameters sitrep cannot compute (ED, ambulance
 * figures), as entered: the value of a parameter for a site (STORE_SYSTEM:
 * the system) measured at `at`, recorded when and by whom. Append-only: a
 * correction is a new row. The value in force at T as known at K is the
 * latest with at <= T recorded by K (a tie on `at`: the one recorded
 * last). Times "YYYY-MM-DDTHH:MM:SS". Implemented in store_opel_input.c. */
struct opel_input {
	int64_t id;
	const char *site, *parameter;
	double value;
	const char *at;
	const char *recorded_at, *recorded_by;
};
/* Records in (its site, parameter, value and at) as who's, with an audit
 * row, in its own transaction; *id the new row's (id may be NULL). */
enum sr_status store_opel_input_add(struct store *st,
				    const struct opel_input *in,
				    const struct store_actor *who,
				    int64_t *id, struct sr_error *err);
/* fn per (site, parameter) with an input in force at instant at as known
 * at known (NULL: everything recorded), in (site, parameter) order. Reads
 * in the caller's transaction, if any. */
enum sr_status store_opel_inputs_in_force(struct store *st, const char *at,
					  const char *known,
					  void (*fn)(void *ctx,
						     const struct opel_input *in),
					  void *ctx, struct sr_error *err);
/* Every input of site (a code, STORE_SYSTEM, or NULL: all), by at, then as
 * recorded; fn returns false to stop. */
enum sr_status store_opel_input_history(struct store *st, const char *site,
					bool (*fn)(void *ctx,
						   const struct opel_input *in),
					void *ctx, struct sr_error *err);

/* ---- Bed state (issue 16) -------------------------------------------------
 * Beds closed (infection, staffing, ...) and escalation beds opened: count
 * beds of a site, a ward (ward non-NULL) or one bed (bed non-NULL), from
 * `from` to `to` (NULL: until ended), instants "YYYY-MM-DDTHH:MM:SS".
 * Implemented in store_beds.c. */
struct bed_state {
	int64_t id;
	const char *site, *ward, *bed;
	bool escalation; /* false: closed */
	int count;
	const char *reason, *note;
	const char *from, *to;
	const char *recorded_at, *recorded_by;
};
typedef bool (*store_bed_state_fn)(void *ctx, const struct bed_state *b);
/* Records b as who's (its own transaction, with an audit row); *id. */
enum sr_status store_bed_state_add(struct store *st,
				   const struct bed_state *b,
				   const struct store_actor *who,
				   int64_t *id, struct sr_error *err);
/* Ends bed state id at `to` (NULL: open again), recorded as who's; the
 * row itself is kept as it was (its own transaction, audited). */
enum sr_status store_bed_state_end(struct store *st, int64_t id,
				   const char *to,
				   const struct store_actor *who,
				   struct sr_error *err);
/* fn per bed state as known at `known` (NULL: all recorded), of site
 * (NULL: all), in force at instant `at` (NULL: whatever their times),
 * only state id when id is not 0; in (site, ward, from, id) order. fn
 * returns false to stop. */
enum sr_status store_bed_states(struct store *st, const char *at,
				const char *known, const char *site,
				int64_t id, store_bed_state_fn fn, void *ctx,
				struct sr_error *err);

/* fn per stay in a bed at m->at (of only_site, or all) with its area of
 * residence (NULL: not recorded). Implemented in store_moment.c. */
enum sr_status store_in_bed_areas(struct store *st,
				  const struct sr_moment *m,
				  const char *only_site,
				  bool (*fn)(void *ctx, int64_t stay,
					     const char *site,
					     const char *area),
				  void *ctx, struct sr_error *err);

/* ---- Bed balance and community flow (issue 16) ---------------------------
 * Rows for metrics.c, per site: fn(ctx, site, key, a, b). Implemented in
 * store_balance.c. */
typedef void (*store_balance_fn)(void *ctx, const char *site,
				 const char *key, double a, double b);
/* The admissions of the four days (YYYY-MM-DD) admitted at or after
 * from_hhmm: a those before 12:00, b all of them (key NULL). */
enum sr_status store_admissions_by_time(struct store *st,
					const char days[4][DATE_BUF],
					const char *from_hhmm,
					const char *only_site,
					store_balance_fn fn, void *ctx,
					struct sr_error *err);
/* The admissions from instant `from` to `to` (both included) by source
 * (key: the source, NULL when not recorded): a the count. */
enum sr_status store_admissions_by_source(struct store *st, const char *from,
					  const char *to,
					  const char *only_site,
					  store_balance_fn fn, void *ctx,
					  struct sr_error *err);
/* The discharges dated from day `from` to day `to` (excluded), as the
 * kept totals have them: a on Saturdays and Sundays, b on other days. */
enum sr_status store_discharges_weekend(struct store *st, const char *from,
					const char *to, const char *only_site,
					store_balance_fn fn, void *ctx,
					struct sr_error *err);

/* ---- Patient lists (the console) ----------------------------------------
 * Pages of the stays in a bed at a moment, filtered, sorted and searched in
 * SQL, so that a site of thousands opens at once. Implemented in
 * store_list.c. X(enum, name shown) */
#define LIST_FILTER_TABLE(X)                                  \
	X(LIST_ALL, "all")                                    \
	X(LIST_STRANDED, "stranded")                          \
	X(LIST_SUPER_STRANDED, "super-stranded")              \
	/* delayed (green to go): g2g_date <= day, as metrics count them */ \
	X(LIST_DELAYED, "delayed")                            \
	X(LIST_NO_EDD, "no EDD")                              \
	X(LIST_EDD_PASSED, "EDD passed")
enum list_filter {
#define LIST_FILTER_ENUM(e, name) e,
	LIST_FILTER_TABLE(LIST_FILTER_ENUM)
#undef LIST_FILTER_ENUM
	LIST_FILTER_COUNT
};
#define LIST_SORT_TABLE(X)                                            \
	X(SORT_LOS, "LOS")          /* longest first */               \
	X(SORT_DELAY, "delay days") /* longest delayed first, then not G2G */ \
	X(SORT_EDD, "EDD")          /* earliest first, none last */   \
	X(SORT_WARD, "ward")        /* ward, bed, then name */
enum list_sort {
#define LIST_SORT_ENUM(e, name) e,
	LIST_SORT_TABLE(LIST_SORT_ENUM)
#undef LIST_SORT_ENUM
	LIST_SORT_COUNT
};
const char *list_filter_name(enum list_filter f);
const char *list_sort_name(enum list_sort s);

struct list_query {
	const char *site;   /* NULL: every site (sort "ward": by site first) */
	const char *ward;   /* NULL: all wards */
	enum list_filter filter;
	enum list_sort sort;
	/* NULL, or words each found in the family name, given name, MRN or
	 * NHS number, case and diacritics folded, spaces in them ignored
	 * (text.h: "evans f", "bjorn", "41613", "943 476 5919"). */
	const char *search;
	/* The day: LOS, the thresholds, the delayed and EDD filters, the
	 * day marks shown. */
	const struct store_day *day;
	/* The moment (its day is day's): the stays with a state in force
	 * at moment->at, with that state's ward, bed, EDD, discharge ready
	 * date, pathway, reason and agency (as known at moment->known when
	 * set); the stay's own identity. NULL: the end of day. */
	const struct sr_moment *moment;
	long offset, limit;
};
/* How many stays the query selects. */
enum sr_status store_list_count(struct store *st, const struct list_query *q,
				long *n, struct sr_error *err);
/* One page: fn per stay, with the colour of its day mark on q->day
 * ("red", "green" or NULL). Stable order (ties broken by stay id). The
 * stay's dated fields are those in force at the moment; its discharge is
 * NULL (it was in a bed then). */
enum sr_status store_list_page(struct store *st, const struct list_query *q,
			       bool (*fn)(void *ctx, const struct stay *s,
					  const char *mark),
			       void *ctx, struct sr_error *err);

/* The reason of the stay's latest red day, as its audit trail recorded it
 * (whatever became of that mark since): *reason newly allocated, NULL when
 * the stay has never had a red day with a reason. The console offers it
 * when the day is marked red again. */
enum sr_status store_last_red_reason(struct store *st, int64_t stay,
				     char **reason, struct sr_error *err);

/* ---- Trends (the console's DTOC review) ---------------------------------
 * Delayed patients (in a bed with g2g_date <= day) on each day from..to
 * inclusive, of one site or all: fn per day, oldest first. Implemented in
 * store_series.c. */
enum sr_status store_delayed_series(struct store *st, const char *from,
				    const char *to, const char *only_site,
				    void (*fn)(void *ctx, const char *day,
					       long delayed),
				    void *ctx, struct sr_error *err);

/* Patients at each day's end from..to inclusive, of one site or all (the
 * active sites): fn per day, oldest first. SERIES_IN_BED: in a bed;
 * SERIES_LOS: in a bed with a length of stay of los_days or more (D -
 * admission date); SERIES_DELAYED: in a bed with g2g_date <= D (as
 * store_delayed_series). Delayed, in a bed and a stay of 0, 7, 14 or 21
 * days or more come from the kept totals (delay_day, bed_day) for the
 * days they hold, the other days and thresholds from the states.
 * store_series.c. */
enum store_series { SERIES_IN_BED, SERIES_LOS, SERIES_DELAYED };
enum sr_status store_state_series(struct store *st, enum store_series kind,
				  int los_days, const char *from,
				  const char *to, const char *only_site,
				  void (*fn)(void *ctx, const char *day,
					     long n),
				  void *ctx, struct sr_error *err);

/* The discharges of each day from..to with any (all, and before midday),
 * of one site or the active sites, from the kept totals (as the report's
 * discharges): fn per day, oldest first; days without any are left out. */
enum sr_status store_discharge_series(struct store *st, const char *from,
				      const char *to, const char *only_site,
				      void (*fn)(void *ctx, const char *day,
						 long n, long before_midday),
				      void *ctx, struct sr_error *err);

/* ---- Imported series (migration 16, imported.h): published aggregates,
 * apart from the facts. store_imported.c. ------------------------------ */
/* The value stored for (metric, area, period): *found, *value and its
 * *source (newly allocated, NULL for none). */
enum sr_status store_imported_get(struct store *st, const char *metric,
				  const char *area, const char *period,
				  bool *found, double *value, char **source,
				  struct sr_error *err);
/* Stores the value (replacing one stored), imported by who->by at
 * who->at, in the caller's transaction. */
enum sr_status store_imported_put(struct store *st, const char *metric,
				  const char *area, const char *period,
				  double value, const char *source,
				  const struct store_actor *who,
				  struct sr_error *err);
/* fn per value of (metric, area) with a period of the length of from
 * (months "YYYY-MM" or days), from..to inclusive, in order. */
enum sr_status store_imported_each(struct store *st, const char *metric,
				   const char *area, const char *from,
				   const char *to,
				   void (*fn)(void *ctx, const char *period,
					      double value),
				   void *ctx, struct sr_error *err);

/* ---- Notifications (issue 16, sitrep watch): store_notify.c -------------
 * A subject is what is watched ("level:SFT", "declared:system",
 * "threshold:SFT:occupancy_pct:95") with its value now ("3", "none",
 * "above"); notify_seen keeps the last value of each, notification one row
 * per change and command (its JSON document, its state: pending, running,
 * sent or failed), notification_attempt every attempt to run a command
 * with its outcome. Instants are "YYYY-MM-DDTHH:MM:SS". */
struct store_notify_subject {
	const char *subject, *value;
	/* The commands told of a change (by name): a row each. */
	const char *const *commands;
	size_t ncommands;
};
/* The document of subject i's change from the value old: newly allocated;
 * NULL to record the new value without notifying anyone. */
typedef char *(*store_notify_doc_fn)(void *ctx, size_t i, const char *old);
struct store_notify_counts {
	size_t first_seen; /* subjects never seen before: their baseline */
	size_t changed;    /* subjects whose value changed */
	size_t queued;     /* notifications added */
};
/* In the caller's write transaction: compares each of the n subjects with
 * its value last seen; a subject seen for the first time is only recorded
 * (nothing is notified of a value with nothing before it); a changed one
 * is recorded, since now, and for each of its commands a notification is
 * queued with doc's document, due now. Counts into *out. */
enum sr_status store_notify_compare(struct store *st,
				    const struct store_notify_subject *s,
				    size_t n, const char *now,
				    store_notify_doc_fn doc, void *ctx,
				    struct store_notify_counts *out,
				    struct sr_error *err);

/* A notification claimed to be run: its fields newly allocated
 * (store_notify_job_clear). */
struct store_notify_job {
	int64_t id;
	char *subject, *command, *payload;
	int attempt; /* this attempt's number, from 1 */
	char claimed_at[20];
};
void store_notify_job_clear(struct store_notify_job *job);
/* In its own transaction, claims the oldest notification due at now
 * (pending, or failed with its retry due) for claimer ("pid@host"):
 * running, claimed by it at now, its attempts counted. A claim made
 * before stale_before (its watcher stopped before recording an outcome)
 * is taken over, the lost attempt recorded as abandoned; with no attempt
 * left under max_attempts it is failed instead. *found false: none due. */
enum sr_status store_notify_claim(struct store *st, const char *now,
				  const char *stale_before,
				  const char *claimer, int max_attempts,
				  struct store_notify_job *job, bool *found,
				  struct sr_error *err);
/* In its own transaction, records an attempt of job made at `at`: its
 * exit status (negative: none, the command did not run or end) and
 * outcome, and the notification's new state, "sent" or "failed", with
 * next_at the retry (NULL: none). *kept false when another watcher took
 * the claim over meanwhile: the attempt is recorded, the state left to
 * it. */
enum sr_status store_notify_finish(struct store *st,
				   const struct store_notify_job *job,
				   const char *claimer, const char *at,
				   int exit_status, const char *outcome,
				   const char *state, const char *next_at,
				   bool *kept, struct sr_error *err);
/* A notification with one of its attempts (at NULL: none yet). */
struct store_notify_row {
	int64_t id;
	const char *subject, *command, *created_at, *state, *next_at;
	int attempts;
	const char *at, *outcome; /* the attempt */
	int exit_status;          /* -1: none */
};
/* fn per notification and attempt, the last `limit` notifications (0:
 * all), oldest first, each notification's attempts in order; fn returns
 * false to stop. */
enum sr_status store_notify_history(struct store *st, long limit,
				    bool (*fn)(void *ctx,
					       const struct store_notify_row *r),
				    void *ctx, struct sr_error *err);
/* The values last seen (fn per subject, in order of subject). */
enum sr_status store_notify_seen(struct store *st,
				 void (*fn)(void *ctx, const char *subject,
					    const char *value,
					    const char *since),
				 void *ctx, struct sr_error *err);

/* The day of the first admission of the site (NULL: of the active sites)
 * into day, "" when it has none: the first day the figures measure
 * anything (as the report's no_data says). store_series.c. */
enum sr_status store_first_admission(struct store *st, const char *only_site,
				     char day[DATE_BUF], struct sr_error *err);

#endif
