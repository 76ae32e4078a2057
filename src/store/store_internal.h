/* Shared by store.c and its store_*.c helpers only: the handle's insides and
 * the small wrappers every statement goes through. Nothing outside the store
 * includes this file (or sqlite3.h). */
#ifndef SITREP_STORE_INTERNAL_H
#define SITREP_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/stay.h"
#include "sitrep/store.h"

struct store;

/* Statements run per row or per keypress are prepared once and kept here,
 * indexed by a small integer: each file owns a range, reserved here. */
enum store_stmt_slot {
	SLOT_STAY_FIRST = 0,   /* store_stay.c: 0-9 */
	SLOT_MARK_FIRST = 10,  /* store_audit.c: 10-14 */
	SLOT_SYNC_FIRST = 20,  /* store_sync.c: 20-24 */
	SLOT_FACT_FIRST = 25,  /* store_fact.c: 25-34 */
	SLOT_LIST_FIRST = 40,  /* store_list.c: 40-49 */
	SLOT_BLOCKER_FIRST = 50, /* store_blocker.c: 50-54 */
	SLOT_DATA_VERSION = 63, /* store.c */
	STMT_SLOT_COUNT = 64,
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *cached[STMT_SLOT_COUNT];
	char **bulk_sql; /* what store_bulk_begin dropped, to create again */
	size_t nbulk;
	char *bulk_how;  /* a bulk load's audit word for the stays it adds */
	bool fk_off;     /* foreign keys off for a bulk load: on again after
			  * its commit or rollback */
	int queue_fd;    /* the writers' queue, PATH-lock (store.c); -1 when
			  * not opened yet or not to be had */
	bool queue_tried; /* opening it was tried: not again */
	bool queued;     /* holding it, from store_begin to the commit or
			  * rollback */
	bool days_kept;  /* the file is current: store_begin adds the days
			  * ended to the delay_day and bed_day totals */
	int read_depth;  /* store_read_begin calls not yet ended */
	bool read_owned; /* the outermost one began the transaction */
};

enum sr_status store_db_error(struct store *st, struct sr_error *err,
			      const char *what);
enum sr_status store_exec(struct store *st, const char *sql,
			  struct sr_error *err);
/* Prepares a one-off statement; the caller finalizes it. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql,
			    struct sr_error *err);
/* Returns the statement in slot, preparing sql the first time; reset and
 * unbound, ready to bind. Owned by the store: never finalize it. */
sqlite3_stmt *store_cached(struct store *st, int slot, const char *sql,
			   struct sr_error *err);
void store_finalize_cached(struct store *st);

/* store_schema.c: the SQL of migration step (from user_version step to
 * step + 1, setting it), newly allocated; and the SQL that checks and that
 * rebuilds the tables of totals. */
char *store_migration_sql(int step);
extern const char store_sql_check_totals[];
extern const char store_sql_totals_rebuild[];
/* store_schema_later.c: the migrations from step 7 on, in order, each the
 * parts of its SQL (NULL after the last), and how many there are. */
#define STORE_MIGRATION_PARTS 8
extern const char *const store_migrations_later[][STORE_MIGRATION_PARTS];
extern const size_t store_nmigrations_later;
/* bed_day's los7, los14 and los21 (migration 20, and the check of the
 * totals): 1 on the days (day: the column) a stay of row r has lasted n
 * days or more, else 0. */
#define STORE_SQL_BED_DAY_LOS(r, n) \
	"(day >= date(substr(" r ".admitted_at, 1, 10), '+" #n " days'))"
/* store_bulk.c: forgets what a bulk load set aside (its rollback brings
 * it back); and, once its transaction is over, turns the foreign keys
 * back on. */
void store_bulk_forget(struct store *st);
void store_bulk_over(struct store *st);

enum sr_status store_begin(struct store *st, struct sr_error *err);
enum sr_status store_commit(struct store *st, struct sr_error *err);
void store_rollback(struct store *st);

/* "Delayed" (green to go) on day D, the one definition (DESIGN §2,
 * metrics.h): g2g_date set and <= D. Each query adds "in a bed at the end
 * of D" its own way; every query that counts, lists or sums delayed stays
 * states the test with these (col: the g2g_date column, with a table
 * alias or a '+' to keep an index off; day: the SQL parameter of D). */
#define STORE_SQL_DELAYED(col, day) \
	" (" col " IS NOT NULL AND " col " <= " day ")"
/* The span classes of the states (migrations 8 and 14), each with the
 * latest end a state of the class can have if it began by the instant
 * p: (span, hi). A state of class k <= 12 in force at some
 * instant up to p lasts at most 2^k days, so valid_to <= p + 2^k days
 * (a minute more: room for an instant p written with a fraction of a
 * second, which strftime drops). As a common table expression of a WITH
 * RECURSIVE; a query joins it first and reads a state index on (site,
 * span, valid_to) with x.span = k.span AND x.valid_to <= k.hi. */
#define STORE_SQL_SPAN_CLASSES(p)                                         \
	" span_class(span, hi) AS (SELECT 0,"                              \
	" strftime('%Y-%m-%dT%H:%M:%S', " p ", '+1 days', '+1 minute')"    \
	" UNION ALL SELECT span + 1, CASE WHEN span >= 12 THEN '9999'"     \
	" ELSE strftime('%Y-%m-%dT%H:%M:%S', " p ", '+' ||"                \
	" (1 << (span + 1)) || ' days', '+1 minute') END"                  \
	" FROM span_class WHERE span < 14)"
/* The span class of a state [from, to) (migration 8; a stored column
 * since migration 14): the smallest k in 0 .. 12 with to - from <= 2^k
 * days, 13 when longer, 14 while open (to '9999'). */
#define STORE_SQL_SPAN_DAYS(from, to) \
	"(julianday(" to ") - julianday(" from "))"
#define STORE_SQL_SPAN_K(from, to, k, days) \
	" WHEN " STORE_SQL_SPAN_DAYS(from, to) " <= " #days " THEN " #k
#define STORE_SQL_SPAN(from, to)                                          \
	"(CASE WHEN " to " >= '9999' THEN 14"                              \
	STORE_SQL_SPAN_K(from, to, 0, 1) STORE_SQL_SPAN_K(from, to, 1, 2)  \
	STORE_SQL_SPAN_K(from, to, 2, 4) STORE_SQL_SPAN_K(from, to, 3, 8)  \
	STORE_SQL_SPAN_K(from, to, 4, 16) STORE_SQL_SPAN_K(from, to, 5, 32) \
	STORE_SQL_SPAN_K(from, to, 6, 64)                                  \
	STORE_SQL_SPAN_K(from, to, 7, 128)                                 \
	STORE_SQL_SPAN_K(from, to, 8, 256)                                 \
	STORE_SQL_SPAN_K(from, to, 9, 512)                                 \
	STORE_SQL_SPAN_K(from, to, 10, 1024)                               \
	STORE_SQL_SPAN_K(from, to, 11, 2048)                               \
	STORE_SQL_SPAN_K(from, to, 12, 4096) " ELSE 13 END)"
/* When a change valid from `when` is recorded: now (who->at), or then
 * for a load of history as it was recorded (store_actor). */
struct store_actor;
const char *store_recorded_at(const struct store_actor *who,
			      const char *when);

/* The same for a row's values in C (g2g and day "YYYY-MM-DD"). */
static inline bool store_delayed_on(const char *g2g, const char *day)
{
	return g2g && *g2g && strcmp(g2g, day) <= 0;
}

/* store_row.c: a whole stay. STORE_STAY_COLUMNS is the SELECT list that
 * reads one from the stay table aliased s ("FROM stay s"): id, version,
 * then each field of STAY_FIELD_TABLE, whose column has the field's name.
 * store_row_stay reads those STORE_STAY_NCOLUMNS columns, from column col
 * on, into out (cleared first). */
#define STORE_STAY_COLUMN_(e, name, ...) ", s." name
#define STORE_STAY_COLUMNS \
	"s.id, s.version" STAY_FIELD_TABLE(STORE_STAY_COLUMN_)
#define STORE_STAY_NCOLUMNS (2 + SF_COUNT)
void store_row_stay(sqlite3_stmt *stmt, int col, struct stay *out);

/* store_fact.c: a stay's dated facts (DESIGN §4) and the states derived
 * from them. */
struct fact;
struct stay_span;
struct store_actor;
struct store_fact_set {
	struct fact *f; /* values and times owned */
	size_t n, cap;
};
void store_fact_set_free(struct store_fact_set *fs);
enum sr_status store_facts_load(struct store *st, int64_t stay,
				struct store_fact_set *fs, struct sr_error *err);
/* Records the facts of a change from old (NULL: a new stay, whose values
 * are facts from its admission) to next: each dated field whose value in
 * force when the change takes effect (who->from, or now, within the
 * stay) differs, one audit row each. fs receives every fact of the stay
 * (freed by the caller, also on failure); *written counts the new ones. */
enum sr_status store_facts_write(struct store *st, const struct stay *old,
				 const struct stay *next,
				 const struct store_actor *who,
				 struct store_fact_set *fs, size_t *written,
				 struct sr_error *err);
/* store_blocker.c: the blockers made to follow a change from old (NULL:
 * a new stay) to next, whose states are sp[0..n): from reason_from (the
 * earliest typed reason or agency fact, NULL: none) they say what the
 * states say, and a discharge made, corrected or undone closes them (or
 * opens them again). Nothing when who->derived (the facts came from the
 * blockers). */
enum sr_status store_blockers_sync(struct store *st, const struct stay *old,
				   const struct stay *next,
				   const struct stay_span *sp, size_t n,
				   const char *reason_from,
				   const struct store_actor *who,
				   struct sr_error *err);
/* Once a changed stay is saved: its reason written again from `from`
 * (NULL: nothing to do) as its blockers say it, wherever a correction
 * dated among later changes left the two apart. */
enum sr_status store_blockers_follow(struct store *st, int64_t stay,
				     const char *from,
				     const struct store_actor *who,
				     struct sr_error *err);
/* The states of s from its facts (timeline_fold_after, then
 * timeline_derive): *spans newly allocated (fs->n + 1), pointing into fs,
 * adm, dis and cut. */
size_t store_spans(const struct stay *s, struct store_fact_set *fs,
		   struct stay_span **spans, char adm[20], char dis[20],
		   char cut[20]);
/* Sets s's dated fields to the values of its last state. */
void store_cache_from_spans(struct stay *s, const struct stay_span *sp,
			    size_t n);
/* Makes the stay's current states sp[0..n): rows no longer among them
 * superseded at `at`, new ones recorded at `at` (a new stay has none to
 * read; with `at` NULL, each recorded as it begins: a load of history as
 * it was recorded). */
enum sr_status store_states_write(struct store *st, const struct stay *s,
				  bool new_stay, const struct stay_span *sp,
				  size_t n, const char *at,
				  struct sr_error *err);

/* store_series.c: the patients at the end of each day first..last
 * (first <= last) counted from the states, the scan store_state_series
 * falls back on: SERIES_DELAYED one count a day (los and nlos ignored),
 * otherwise one a day for each threshold los[0..nlos) (0: every stay in
 * a bed; nlos 0: that one), into out[(day - first) * nlos + k]. */
enum sr_status store_series_scan(struct store *st, enum store_series kind,
				 const int *los, size_t nlos, sr_day first,
				 sr_day last, const char *only_site,
				 long *out, struct sr_error *err);
/* store_day_totals.c: a kept table of day totals, a row per site and
 * closed day (delay_day, bed_day), as its SQL gives it. */
struct store_day_totals {
	/* The first and last day: min(day), max(day). */
	const char *sql_range;
	/* One day's row for every site: ?1 its end ("DT23:59:59"), ?2 the
	 * day, ?3.. the days los[1..nlos) days before it. */
	const char *sql_close_day;
	/* A row: ?1 the site, ?2 the day, ?3.. its counts. */
	const char *sql_put_day;
	/* ?1 first day, ?2 last day, ?3 the site (NULL: the active sites):
	 * rows of the day and its counts (or their sums). */
	const char *sql_days;
	/* The scan that counts days from the states (store_series_scan),
	 * with its thresholds: nlos counts a row, or one with nlos 0. */
	enum store_series kind;
	const int *los;
	size_t nlos;
};
/* The table's first and last day in *lo and *hi; *any false if empty. */
enum sr_status store_day_totals_range(struct store *st,
				      const struct store_day_totals *t,
				      sr_day *lo, sr_day *hi, bool *any,
				      struct sr_error *err);
/* Adds the days before today that have ended since the last one added,
 * and those back to the first admission, in the caller's write
 * transaction. */
enum sr_status store_day_totals_close(struct store *st,
				      const struct store_day_totals *t,
				      sr_day today, struct sr_error *err);
/* Adds to out[day - first] the count col summed over only_site (NULL:
 * the active sites) for each day of first..last the table holds: *lo..
 * *hi, a contiguous run (*lo > *hi: none; the table holds every site on
 * every day from its first to its last, store_check_totals checks it). */
enum sr_status store_day_totals_read(struct store *st,
				     const struct store_day_totals *t,
				     int col, sr_day first, sr_day last,
				     const char *only_site, sr_day *lo,
				     sr_day *hi, long *out,
				     struct sr_error *err);

/* store_bed_day.c: the bed_day totals (migration 20). Adds the days
 * before today that have ended since the last one added, and those back
 * to the first admission, in the caller's write transaction
 * (store_delay_days_close calls it). */
enum sr_status store_bed_days_close(struct store *st, sr_day today,
				    struct sr_error *err);
/* The column kept for a stay of los_days or more (0: every stay in a
 * bed), as store_bed_day_read takes it; -1 when none is kept. */
int store_bed_day_column(int los_days);
/* Adds to out[day - first] column col summed over only_site (NULL: the
 * active sites) for each day of first..last the table holds: *lo..*hi,
 * a contiguous run (*lo > *hi: none; the table holds every site on every
 * day from its first to its last, store_check_totals checks it). */
enum sr_status store_bed_day_read(struct store *st, int col, sr_day first,
				  sr_day last, const char *only_site,
				  sr_day *lo, sr_day *hi, long *out,
				  struct sr_error *err);

/* store_delay_day.c: the same for the delayed patients (delay_day). */
enum sr_status store_delay_day_read(struct store *st, sr_day first,
				    sr_day last, const char *only_site,
				    sr_day *lo, sr_day *hi, long *out,
				    struct sr_error *err);

/* Binds a string, or NULL for a NULL or empty one. */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s);
/* Column text as a newly allocated string, NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *stmt, int col);

#endif
