/* The schema's later migrations, steps 7 on: the dated facts and the
 * states derived from them (issue 13) with their span classes, blockers
 * and their changes, the indexes of the daily call and of reprints, the
 * delay_day and bed_day totals, imported series, bed state, OPEL inputs,
 * notifications, the expected discharges' fields. store_schema.c holds
 * steps 1-6 and reads the steps in order, its table then this one. Never
 * edit a released step: add a new one at the end. */
#include <stddef.h>

#include "sitrep/util.h"
#include "store_internal.h"

/* Dated facts (issue 13, DESIGN §4). Nothing that happened is rewritten:
 *  - stay_fact is the record: one row per change of a dated field (ward,
 *    bed, EDD, discharge ready date, pathway, delay reason and agency,
 *    destination), with the time it became true (valid_from, which may be
 *    backdated) and when and by whom it was recorded;
 *  - stay_state is derived from the facts and the stay's two ends: the
 *    states a stay went through, each the values of every dated field
 *    over [valid_from, valid_to) ('9999' while in a bed; last: valid_to is
 *    the discharge). A state is never changed: when a fact (or a corrected
 *    admission or discharge) makes it untrue it is superseded (the time
 *    then) and its successors are recorded, so the states as known at any
 *    time T are those recorded by T and not superseded by T;
 *  - day_mark_log keeps every red or green mark as it was recorded, the
 *    same way (a removed mark is a row without a colour);
 *  - the stay's own columns keep the values of its last state: the
 *    console's current view, and what the discharge totals count.
 * A file from before has no history: each stay's values become facts
 * valid from its admission, recorded when its first audit row was (or at
 * admission), by "(upgrade)". Delayed bed days are now counted from the
 * states, so delay_out goes. */
#define M7_INSTANT(c) \
	"CASE WHEN length(" c ") = 16 THEN " c " || ':00' ELSE " c " END"
static const char migration_7_tables[] =
	"CREATE TABLE stay_fact ("
	"  id INTEGER PRIMARY KEY,"
	"  stay INTEGER NOT NULL REFERENCES stay(id),"
	"  field TEXT NOT NULL CHECK (field IN ('ward','bed','edd','g2g_date',"
	"   'pathway','delay_reason','delay_agency','destination')),"
	"  value TEXT,"
	"  valid_from TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE stay_state ("
	"  id INTEGER PRIMARY KEY,"
	"  stay INTEGER NOT NULL REFERENCES stay(id),"
	"  site TEXT NOT NULL,"
	"  admitted_at TEXT NOT NULL,"
	"  valid_from TEXT NOT NULL,"
	"  valid_to TEXT NOT NULL,"
	"  last INTEGER NOT NULL CHECK (last IN (0,1)),"
	"  ward TEXT, bed TEXT, edd TEXT, g2g_date TEXT,"
	"  pathway INTEGER CHECK (pathway BETWEEN 0 AND 3),"
	"  delay_reason TEXT, delay_agency TEXT, destination TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  superseded_at TEXT"
	") STRICT;"
	"CREATE TABLE day_mark_log ("
	"  id INTEGER PRIMARY KEY,"
	"  stay INTEGER NOT NULL REFERENCES stay(id),"
	"  day TEXT NOT NULL,"
	"  colour TEXT CHECK (colour IN ('red','green')),"
	"  reason TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL,"
	"  superseded_at TEXT"
	") STRICT;"
	"CREATE TEMP TABLE m7 AS SELECT id,"
	" coalesce((SELECT min(at) FROM audit WHERE audit.stay = stay.id),"
	"  " M7_INSTANT("admitted_at") ") AS rec,"
	" " M7_INSTANT("admitted_at") " AS adm FROM stay;";

#define M7_FIELD(name, expr)                                             \
	"INSERT INTO stay_fact (stay, field, value, valid_from, recorded_at," \
	" recorded_by) SELECT s.id, '" name "', " expr ", m.adm, m.rec,"   \
	" '(upgrade)' FROM stay s JOIN temp.m7 m ON m.id = s.id"           \
	" WHERE s." name " IS NOT NULL;"
static const char migration_7_facts[] =
	M7_FIELD("ward", "s.ward") M7_FIELD("bed", "s.bed")
	M7_FIELD("edd", "s.edd") M7_FIELD("g2g_date", "s.g2g_date")
	M7_FIELD("pathway", "CAST(s.pathway AS TEXT)")
	M7_FIELD("delay_reason", "s.delay_reason")
	M7_FIELD("delay_agency", "s.delay_agency")
	M7_FIELD("destination", "s.destination")
	"INSERT INTO stay_state (stay, site, admitted_at, valid_from, valid_to,"
	" last, ward, bed, edd, g2g_date, pathway, delay_reason, delay_agency,"
	" destination, recorded_at)"
	" SELECT s.id, s.site, s.admitted_at, m.adm,"
	" coalesce(" M7_INSTANT("s.discharged_at") ", '9999'),"
	" s.discharged_at IS NOT NULL, s.ward, s.bed, s.edd, s.g2g_date,"
	" s.pathway, s.delay_reason, s.delay_agency, s.destination, m.rec"
	" FROM stay s JOIN temp.m7 m ON m.id = s.id ORDER BY s.id;"
	"INSERT INTO day_mark_log (stay, day, colour, reason, recorded_at,"
	" recorded_by)"
	" SELECT d.stay, d.day, d.colour, d.reason,"
	" coalesce((SELECT max(a.at) FROM audit a WHERE a.stay = d.stay"
	"  AND a.field = 'day ' || d.day), d.day || 'T23:59:59'), '(upgrade)'"
	" FROM day_mark d ORDER BY d.stay, d.day;"
	"DROP TABLE temp.m7;";

/* The states in force at a moment, as currently known: a site's states
 * ending after it (every stay in a bed now, and those that ended since),
 * covering what the figures and the console's lists read (with the bed,
 * for the ward sort), so a site's list reads no state row. The states as known at an
 * earlier time: all of them, by site and end. */
static const char migration_7_indexes[] =
	"CREATE INDEX stay_fact_stay ON stay_fact(stay, valid_from);"
	"CREATE INDEX stay_state_stay ON stay_state(stay, valid_from)"
	"  WHERE superseded_at IS NULL;"
	"CREATE INDEX stay_state_at ON stay_state(site, valid_to, valid_from,"
	"  ward, bed, admitted_at, g2g_date, edd, delay_reason, delay_agency,"
	"  pathway, stay)"
	"  WHERE superseded_at IS NULL;"
	"CREATE INDEX stay_state_delayed ON stay_state(site, valid_to,"
	"  valid_from, g2g_date, delay_reason, delay_agency, stay)"
	"  WHERE superseded_at IS NULL AND g2g_date IS NOT NULL;"
	"CREATE INDEX stay_state_known ON stay_state(site, valid_to,"
	"  valid_from, recorded_at, superseded_at);"
	"CREATE INDEX day_mark_log_day ON day_mark_log(day, recorded_at);"
	"CREATE INDEX day_mark_log_stay ON day_mark_log(stay, day)"
	"  WHERE superseded_at IS NULL;"
	"DROP TRIGGER delay_out_insert;"
	"DROP TRIGGER delay_out_delete;"
	"DROP TRIGGER delay_out_update;"
	"DROP TABLE delay_out;";

/* The figures read the states now: the stay indexes that served them
 * (current stays by site and delay, discharged green-to-go stays) are
 * paid for on every write and read by nothing. stay_out stays: the
 * lists' search finds discharged stays through it. */
static const char migration_7_prune[] =
	"DROP INDEX stay_current;"
	"DROP INDEX stay_left_g2g;";

/* Reading a moment costs what was in force then, whatever the length of
 * the history (issue 13, DESIGN §7).
 *
 * A state's span class is the smallest k in 0 .. 12 with valid_to -
 * valid_from <= 2^k days, 13 when longer, 14 while open (valid_to
 * '9999'). A state of class k <= 12 in force at T (valid_from <= T <
 * valid_to) ends in (T, T + 2^k days]: so a site's states in force at T
 * are, class by class, one range of an index on (site, span, valid_to)
 * (store_internal.h, STORE_SQL_SPAN_CLASSES), and what such a range reads beside
 * them are states of the same class that began after T, about as many at
 * most. The class is a generated column: a state is superseded, never
 * updated, so its class never changes.
 *
 * The state indexes cover what is read, as now known and as known at an
 * earlier time alike (superseded states are few: corrections), so a
 * reprint reads no state row either: stay_state_at (the states in force,
 * for the figures and the lists), stay_state_delayed (those with a
 * discharge ready date), stay_state_out (each stay's last state, which
 * ends at its discharge).
 *
 * A mark keeps its stay's site (a stay never changes site: edit.c), so a
 * day's marks are counted from one covering index, not a stay each. */
#define M8_DAYS "(julianday(valid_to) - julianday(valid_from))"
#define M8_CLASS(k, days) " WHEN " M8_DAYS " <= " #days " THEN " #k
static const char migration_8_spans[] =
	"ALTER TABLE stay_state ADD COLUMN span INTEGER GENERATED ALWAYS AS"
	" (CASE WHEN valid_to >= '9999' THEN 14"
	M8_CLASS(0, 1) M8_CLASS(1, 2) M8_CLASS(2, 4) M8_CLASS(3, 8)
	M8_CLASS(4, 16) M8_CLASS(5, 32) M8_CLASS(6, 64) M8_CLASS(7, 128)
	M8_CLASS(8, 256) M8_CLASS(9, 512) M8_CLASS(10, 1024)
	M8_CLASS(11, 2048) M8_CLASS(12, 4096)
	" ELSE 13 END) VIRTUAL;";
/* The indexes a moment reads the states by (store_moment.c): by site and
 * span class, then end (migrations 8 and 14). */
#define STATE_INDEXES                                                    \
	"CREATE INDEX stay_state_at ON stay_state(site, span, valid_to,"   \
	"  valid_from, superseded_at, recorded_at, ward, bed, admitted_at," \
	"  g2g_date, edd, delay_reason, delay_agency, pathway, stay);"      \
	"CREATE INDEX stay_state_delayed ON stay_state(site, span, valid_to," \
	"  valid_from, superseded_at, recorded_at, g2g_date, delay_reason," \
	"  delay_agency, stay)"                                             \
	"  WHERE g2g_date IS NOT NULL;"
static const char migration_8_indexes[] =
	"DROP INDEX stay_state_at;"
	"DROP INDEX stay_state_delayed;"
	"DROP INDEX stay_state_known;"
	STATE_INDEXES
	"CREATE INDEX stay_state_out ON stay_state(site, valid_to,"
	"  superseded_at, recorded_at, admitted_at, edd, g2g_date, pathway,"
	"  stay)"
	"  WHERE last = 1;";
static const char migration_8_marks[] =
	"ALTER TABLE day_mark_log ADD COLUMN site TEXT REFERENCES site(code);"
	"UPDATE day_mark_log SET site ="
	" (SELECT s.site FROM stay s WHERE s.id = day_mark_log.stay);"
	"DROP INDEX day_mark_log_day;"
	"CREATE INDEX day_mark_log_day ON day_mark_log(day, site, colour,"
	"  recorded_at, superseded_at);";

/* Blockers (issue 14, DESIGN §2 and §4): what a patient waits for, each
 * an interval [opened_at, closed_at) of valid time, with when each end
 * was recorded (recorded_at, closed_recorded_at) and by whom. A closed
 * blocker is never reopened: reopening opens a new one (reopens: the
 * one it follows), so an interval once recorded never moves. The
 * primary blocker at an instant T is, among those open at T, the one
 * made primary last by T (primary_from <= T), else the one opened
 * first: its code and agency are the stay's delay reason and agency
 * then, written as dated facts by the store (store_blocker.c).
 * owner, due and note are current values, each change audited. A
 * discharge closes the open blockers (discharge_closed); when the
 * discharge is corrected or undone they follow it, the one exception to
 * a closed blocker staying closed.
 *
 * Each run of one delay reason in the stay's states becomes a blocker,
 * opened where the run begins and closed where it ends (the stay's
 * discharge, or the next reason), by "(upgrade)". */
static const char migration_9_blockers[] =
	"CREATE TABLE blocker ("
	"  id INTEGER PRIMARY KEY,"
	"  stay INTEGER NOT NULL REFERENCES stay(id),"
	"  site TEXT NOT NULL,"
	"  code TEXT NOT NULL,"
	"  agency TEXT CHECK (agency IN ('NHS','ASC','both')),"
	"  owner TEXT,"
	"  due TEXT,"
	"  note TEXT,"
	"  primary_from TEXT,"
	"  opened_at TEXT NOT NULL,"
	"  opened_by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  closed_at TEXT,"
	"  closed_by TEXT,"
	"  closed_recorded_at TEXT,"
	"  discharge_closed INTEGER NOT NULL DEFAULT 0"
	"   CHECK (discharge_closed IN (0,1)),"
	"  reopens INTEGER REFERENCES blocker(id),"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  CHECK (closed_at IS NULL OR closed_at >= opened_at),"
	"  CHECK ((closed_at IS NULL) = (closed_by IS NULL))"
	") STRICT;"
	"CREATE INDEX blocker_stay ON blocker(stay, opened_at);"
	"CREATE INDEX blocker_open ON blocker(site, owner, due)"
	"  WHERE closed_at IS NULL;"
	"CREATE INDEX blocker_owner ON blocker(owner, site)"
	"  WHERE closed_at IS NULL;"
	"INSERT INTO blocker (stay, site, code, agency, opened_at, opened_by,"
	" recorded_at, closed_at, closed_by, closed_recorded_at,"
	" discharge_closed)"
	" SELECT stay, site, r, a, min(valid_from), '(upgrade)',"
	"  min(recorded_at),"
	"  CASE WHEN max(valid_to) >= '9999' THEN NULL ELSE max(valid_to) END,"
	"  CASE WHEN max(valid_to) >= '9999' THEN NULL ELSE '(upgrade)' END,"
	"  CASE WHEN max(valid_to) >= '9999' THEN NULL ELSE min(recorded_at)"
	"  END, max(valid_to) < '9999' AND max(last) = 1"
	" FROM (SELECT stay, site, valid_from, valid_to, recorded_at, g, last,"
	"   delay_reason AS r,"
	"   last_value(delay_agency) OVER (PARTITION BY stay, g"
	"    ORDER BY valid_from ROWS BETWEEN UNBOUNDED PRECEDING"
	"    AND UNBOUNDED FOLLOWING) AS a"
	"  FROM (SELECT *, sum(change) OVER (PARTITION BY stay"
	"    ORDER BY valid_from) AS g"
	"   FROM (SELECT stay, site, valid_from, valid_to, recorded_at, last,"
	"     delay_reason, delay_agency,"
	"     CASE WHEN delay_reason IS lag(delay_reason) OVER (PARTITION BY"
	"      stay ORDER BY valid_from) THEN 0 ELSE 1 END AS change"
	"    FROM stay_state WHERE superseded_at IS NULL)))"
	" WHERE r IS NOT NULL GROUP BY stay, g ORDER BY stay, 5;";

/* What a reprint of a window of discharges (--as-known-at K) reads
 * beside the totals as now known (store_discharges_changed): a late
 * state, recorded more than a day after it ended (a discharge entered
 * late, a correction), and each stay's superseded last states. Both are
 * few, where a window read in full is every discharge of 30 days. */
static const char migration_10_late[] =
	"ALTER TABLE stay_state ADD COLUMN late INTEGER GENERATED ALWAYS AS"
	" (recorded_at > strftime('%Y-%m-%dT%H:%M:%S', valid_to, '+1 day'))"
	" VIRTUAL;"
	"CREATE INDEX stay_state_late ON stay_state(site, valid_to,"
	"  recorded_at, superseded_at, admitted_at, edd, g2g_date, pathway,"
	"  stay)"
	"  WHERE last = 1 AND late;"
	"CREATE INDEX stay_state_gone ON stay_state(site, valid_to,"
	"  recorded_at, superseded_at, admitted_at, edd, g2g_date, pathway,"
	"  stay)"
	"  WHERE last = 1 AND superseded_at IS NOT NULL;";

/* What changed since the last call (call.h, store_call.c): the blockers
 * opened or closed, and the EDDs moved, recorded in a window. */
static const char migration_11_call[] =
	"CREATE INDEX blocker_recorded ON blocker(recorded_at);"
	"CREATE INDEX blocker_closed_recorded ON blocker(closed_recorded_at)"
	"  WHERE closed_recorded_at IS NOT NULL;"
	"CREATE INDEX stay_fact_edd_recorded ON stay_fact(recorded_at)"
	"  WHERE field = 'edd';";

/* Delayed patients at the end of each closed day, a site at a time, as now
 * known (DESIGN §4 allows totals kept for speed): the board's delayed bed
 * days month to date and of 7 days are these days' sum plus the delayed
 * patients of the moment shown, without reading a state a day. A day is
 * added once it has ended (store_delay_days_close, at a write), as the
 * states then say; from then on each state written or superseded adds or
 * takes 1 on every closed day it counts on: in force at the day's end
 * (valid_from's date <= day < valid_to's date) with its discharge ready
 * date on or before the day. A bulk load fills it again at its end;
 * store_check_totals compares it with a recomputation. */
#define DD_RANGE(r)                                                      \
	" WHERE site = " r ".site"                                         \
	" AND day >= max(substr(" r ".valid_from, 1, 10), " r ".g2g_date)"  \
	" AND day < substr(" r ".valid_to, 1, 10)"
static const char migration_12_delay_day[] =
	"CREATE TABLE delay_day ("
	"  site TEXT NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL,"
	"  PRIMARY KEY (site, day)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TRIGGER delay_day_state_insert AFTER INSERT ON stay_state"
	" WHEN NEW.g2g_date IS NOT NULL AND NEW.superseded_at IS NULL BEGIN"
	" UPDATE delay_day SET n = n + 1" DD_RANGE("NEW") "; END;"
	"CREATE TRIGGER delay_day_state_supersede AFTER UPDATE OF superseded_at"
	" ON stay_state WHEN OLD.superseded_at IS NULL"
	" AND NEW.superseded_at IS NOT NULL AND OLD.g2g_date IS NOT NULL BEGIN"
	" UPDATE delay_day SET n = n - 1" DD_RANGE("OLD") "; END;"
	"CREATE TRIGGER delay_day_state_delete AFTER DELETE ON stay_state"
	" WHEN OLD.superseded_at IS NULL AND OLD.g2g_date IS NOT NULL BEGIN"
	" UPDATE delay_day SET n = n - 1" DD_RANGE("OLD") "; END;";

/* A blocker's owner, due date and agency, and its end, as they were
 * (DESIGN §4): the blocker row holds the values of now; each change
 * leaves a row here with the value before it, so that a past day's
 * figures (and --as-known-at) read the values then. An attribute change
 * (field owner, due or agency) is in force from valid_from, recorded at
 * recorded_at: the value at instant T as known at K is the `old` of the
 * blocker's first change (by id) with valid_from > T or recorded_at > K,
 * else the row's. A change of a recorded end (field closed_at: a
 * closing moved, or undone with its discharge) keeps the end before it
 * and when that end was recorded (old_recorded): the end known at K is,
 * at the first such change recorded after K, its old end if
 * old_recorded <= K (else none); without one, the row's if
 * closed_recorded_at <= K. blocker.changed_to, the latest valid_from or
 * recorded_at of its changes, lets a reader take the row as it is when
 * no change is later than the moment. History before this step is
 * unknown: a blocker keeps the values it had then over its whole
 * life. Changes of one field at one instant recorded together are kept
 * as one (store_blocker.c), so a row may be deleted in the transaction
 * that wrote it; none is ever updated. */
static const char migration_13_blocker_change[] =
	"CREATE TABLE blocker_change ("
	"  id INTEGER PRIMARY KEY,"
	"  blocker INTEGER NOT NULL REFERENCES blocker(id),"
	"  field TEXT NOT NULL"
	"   CHECK (field IN ('owner','due','agency','closed_at')),"
	"  old TEXT,"
	"  old_recorded TEXT,"
	"  valid_from TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX blocker_change_of ON blocker_change(blocker, field, id);"
	"ALTER TABLE blocker ADD COLUMN changed_to TEXT;"
	"CREATE INDEX blocker_changed ON blocker(changed_to)"
	"  WHERE changed_to IS NOT NULL;"
	"CREATE INDEX blocker_end ON blocker(coalesce(closed_at, '9999'),"
	"  opened_at, site, recorded_at, closed_recorded_at, changed_to, stay,"
	"  code, agency, owner, due, closed_at);"
	"CREATE TRIGGER blocker_change_to AFTER INSERT ON blocker_change BEGIN"
	" UPDATE blocker SET changed_to = max(coalesce(changed_to, ''),"
	"  NEW.valid_from, NEW.recorded_at) WHERE id = NEW.blocker; END;"
	"CREATE TRIGGER blocker_end_moved AFTER UPDATE OF closed_at ON blocker"
	" WHEN OLD.closed_at IS NOT NULL AND NEW.closed_at IS NOT NULL"
	" AND NEW.closed_at <> OLD.closed_at BEGIN"
	" INSERT INTO blocker_change (blocker, field, old, old_recorded,"
	"  valid_from, recorded_at) VALUES (OLD.id, 'closed_at', OLD.closed_at,"
	"  OLD.closed_recorded_at, NEW.closed_recorded_at,"
	"  NEW.closed_recorded_at); END;"
	"CREATE TRIGGER blocker_change_append_only BEFORE UPDATE"
	" ON blocker_change BEGIN"
	" SELECT RAISE(ABORT, 'blocker_change is append-only'); END;";

/* The span class a stored column (issue 13, speed). SQLite (3.40) counts
 * a query naming a generated column as using every column of its table,
 * so no index naming one covers it: each state read through
 * stay_state_at or stay_state_delayed (which name span) also read its
 * row, a seek into the table for every state of a moment. The writer
 * (store_fact.c) now computes the class with the state; the CHECK holds
 * it to the one definition (STORE_SQL_SPAN) and the trigger refuses a
 * state without it. A state's ends are never updated (superseded, not
 * rewritten: migration 8), so the class never goes stale. */
static const char migration_14_span[] =
	"DROP INDEX stay_state_at;"
	"DROP INDEX stay_state_delayed;"
	"ALTER TABLE stay_state DROP COLUMN span;"
	"ALTER TABLE stay_state ADD COLUMN span INTEGER"
	" CHECK (span = " STORE_SQL_SPAN("valid_from", "valid_to") ");"
	"UPDATE stay_state SET span = "
	STORE_SQL_SPAN("valid_from", "valid_to") ";"
	"CREATE TRIGGER stay_state_span BEFORE INSERT ON stay_state"
	" WHEN NEW.span IS NULL BEGIN"
	" SELECT RAISE(ABORT, 'a state needs its span class'); END;";
static const char migration_14_indexes[] =
	STATE_INDEXES;

/* A blocker's span class (issue 13, speed): as a state's
 * (STORE_SQL_SPAN), from its opening to its end as now recorded (open:
 * 14). A moment's blockers are those opened by then and ending after the
 * start of its window; by blocker_end (its end first) a past day read
 * every blocker ending since, most of those opened after the day. A
 * class at a time, the end is bounded both ways, as a state's is. Kept
 * by triggers, so no writer can forget it. */
#define BLOCKER_SPAN \
	STORE_SQL_SPAN("opened_at", "coalesce(closed_at, '9999')")
static const char migration_15_blocker_span[] =
	"ALTER TABLE blocker ADD COLUMN span INTEGER;"
	"UPDATE blocker SET span = " BLOCKER_SPAN ";"
	"CREATE TRIGGER blocker_span_new AFTER INSERT ON blocker BEGIN"
	" UPDATE blocker SET span = " BLOCKER_SPAN " WHERE id = NEW.id; END;"
	"CREATE TRIGGER blocker_span AFTER UPDATE OF opened_at, closed_at"
	" ON blocker BEGIN"
	" UPDATE blocker SET span = " BLOCKER_SPAN " WHERE id = NEW.id; END;"
	"DROP INDEX blocker_end;"
	"CREATE INDEX blocker_at ON blocker(span, coalesce(closed_at, '9999'),"
	"  opened_at, site, recorded_at, closed_recorded_at, changed_to, stay,"
	"  code, agency, owner, due, closed_at);"
	/* The closes recorded after they took effect (backdated): what a
	 * reprint as known at K must reopen, whatever the range of days. */
	"CREATE INDEX blocker_closed_late ON blocker(closed_recorded_at)"
	"  WHERE closed_recorded_at > closed_at;";

/* Published aggregates from before sitrep (issue 15, `sitrep
 * import-series`): a value of a metric for an area (a site's code,
 * "system" or another area) and a period (a month YYYY-MM or a day), kept
 * apart from the facts and labelled as imported: who imported it, when,
 * from what source. One value per metric, area and period. */
static const char migration_16_imported[] =
	"CREATE TABLE imported_series ("
	"  id INTEGER PRIMARY KEY,"
	"  metric TEXT NOT NULL, area TEXT NOT NULL,"
	"  period TEXT NOT NULL CHECK (length(period) IN (7, 10)),"
	"  value REAL NOT NULL, source TEXT,"
	"  imported_at TEXT NOT NULL, imported_by TEXT NOT NULL,"
	"  UNIQUE (metric, area, period)"
	") STRICT;";

/* Bed state (issue 16, DESIGN §4): beds closed (infection, staffing,
 * estates) and escalation beds opened, as dated intervals of a site, a
 * ward or one bed. A row is never changed: its end (valid_to, NULL while
 * open) as first recorded is on the row; a later end, or an end undone,
 * is a row of bed_state_end, and the end in force as known at K is the
 * latest such row recorded by K (else the row's). Available beds at a
 * moment = the base - closed + escalation in force then. */
static const char migration_17_beds[] =
	"CREATE TABLE bed_state ("
	"  id INTEGER PRIMARY KEY,"
	"  site TEXT NOT NULL REFERENCES site(code),"
	"  ward TEXT,"
	"  bed TEXT,"
	"  state TEXT NOT NULL CHECK (state IN ('closed','escalation')),"
	"  count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 100000),"
	"  reason TEXT,"
	"  note TEXT,"
	"  valid_from TEXT NOT NULL,"
	"  valid_to TEXT CHECK (valid_to IS NULL OR valid_to > valid_from),"
	"  recorded_at TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX bed_state_site ON bed_state(site, valid_from);"
	"CREATE TABLE bed_state_end ("
	"  id INTEGER PRIMARY KEY,"
	"  bed_state INTEGER NOT NULL REFERENCES bed_state(id),"
	"  valid_to TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX bed_state_end_of ON bed_state_end(bed_state, recorded_at);"
	"CREATE TRIGGER bed_state_no_update BEFORE UPDATE ON bed_state"
	" BEGIN SELECT RAISE(ABORT, 'bed_state is append-only'); END;"
	"CREATE TRIGGER bed_state_no_delete BEFORE DELETE ON bed_state"
	" BEGIN SELECT RAISE(ABORT, 'bed_state is append-only'); END;"
	"CREATE TRIGGER bed_state_end_no_update BEFORE UPDATE ON bed_state_end"
	" BEGIN SELECT RAISE(ABORT, 'bed_state_end is append-only'); END;"
	"CREATE TRIGGER bed_state_end_no_delete BEFORE DELETE ON bed_state_end"
	" BEGIN SELECT RAISE(ABORT, 'bed_state_end is append-only'); END;";

/* OPEL parameters sitrep cannot compute (ED, ambulance: issue 16), as
 * entered: the value of a parameter for a site ("*": the system) from
 * `at`, recorded when and by whom. The value in force at T as known at K
 * is the latest with at <= T recorded by K. Append-only. */
static const char migration_17_opel_input[] =
	"CREATE TABLE opel_input ("
	"  id INTEGER PRIMARY KEY,"
	"  site TEXT NOT NULL,"
	"  parameter TEXT NOT NULL,"
	"  value REAL NOT NULL,"
	"  at TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX opel_input_at ON opel_input(site, parameter, at);"
	"CREATE TRIGGER opel_input_no_update BEFORE UPDATE ON opel_input"
	" BEGIN SELECT RAISE(ABORT, 'opel_input is append-only'); END;"
	"CREATE TRIGGER opel_input_no_delete BEFORE DELETE ON opel_input"
	" BEGIN SELECT RAISE(ABORT, 'opel_input is append-only'); END;";

/* Notifications (issue 16, sitrep watch): the last value notified of each
 * subject (a site's or the system's level, a figure against a
 * threshold), each change to notify with the JSON it sends, and every
 * attempt to run a configured command with its outcome. */
static const char migration_17_notify[] =
	"CREATE TABLE notify_seen ("
	"  subject TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL,"
	"  since TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE notification ("
	"  id INTEGER PRIMARY KEY,"
	"  subject TEXT NOT NULL,"
	"  command TEXT NOT NULL,"
	"  payload TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'pending'"
	"   CHECK (state IN ('pending','running','sent','failed')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_at TEXT,"
	"  claimed_by TEXT,"
	"  claimed_at TEXT"
	") STRICT;"
	"CREATE INDEX notification_due ON notification(state, next_at);"
	"CREATE TABLE notification_attempt ("
	"  id INTEGER PRIMARY KEY,"
	"  notification INTEGER NOT NULL REFERENCES notification(id),"
	"  at TEXT NOT NULL,"
	"  exit_status INTEGER,"
	"  outcome TEXT NOT NULL"
	") STRICT;"
	"CREATE TRIGGER notification_attempt_no_update BEFORE UPDATE"
	" ON notification_attempt"
	" BEGIN SELECT RAISE(ABORT, 'notification_attempt is append-only'); END;";

/* Expected discharges, step-up and step-down, out of area (issue 16):
 * whether an EDD is a confirmed or a possible discharge (a dated field,
 * with a fact and a state column like the EDD's), where the patient was
 * admitted from and their area of residence (of the whole stay, like the
 * birth date: audited, not dated). stay_fact's list of dated fields is a
 * CHECK, which SQLite cannot alter: the table is copied into one that
 * takes the new field, every row and id kept. */
static const char migration_18_stay[] =
	"ALTER TABLE stay ADD COLUMN edd_status TEXT"
	" CHECK (edd_status IN ('confirmed','possible'));"
	"ALTER TABLE stay ADD COLUMN source TEXT"
	" CHECK (source IN ('home','community','acute','other'));"
	"ALTER TABLE stay ADD COLUMN area TEXT;"
	"ALTER TABLE stay_state ADD COLUMN edd_status TEXT;"
	"CREATE INDEX stay_admitted_source ON stay(site, admitted_at, source);"
	/* The states in force at a moment are read through this index
	 * alone (migration 14): it carries the EDD's status too. */
	"DROP INDEX stay_state_at;"
	"CREATE INDEX stay_state_at ON stay_state(site, span, valid_to,"
	"  valid_from, superseded_at, recorded_at, ward, bed, admitted_at,"
	"  g2g_date, edd, delay_reason, delay_agency, pathway, edd_status,"
	"  stay);";
static const char migration_18_facts[] =
	"CREATE TABLE stay_fact_18 ("
	"  id INTEGER PRIMARY KEY,"
	"  stay INTEGER NOT NULL REFERENCES stay(id),"
	"  field TEXT NOT NULL CHECK (field IN ('ward','bed','edd','g2g_date',"
	"   'pathway','delay_reason','delay_agency','destination',"
	"   'edd_status')),"
	"  value TEXT,"
	"  valid_from TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL"
	") STRICT;"
	"INSERT INTO stay_fact_18 (id, stay, field, value, valid_from,"
	" recorded_at, recorded_by) SELECT id, stay, field, value, valid_from,"
	" recorded_at, recorded_by FROM stay_fact ORDER BY id;"
	"DROP TABLE stay_fact;"
	"ALTER TABLE stay_fact_18 RENAME TO stay_fact;"
	"CREATE INDEX stay_fact_stay ON stay_fact(stay, valid_from);"
	"CREATE INDEX stay_fact_edd_recorded ON stay_fact(recorded_at)"
	"  WHERE field = 'edd';";

/* The admissions of a period by source (store_balance.c) are counted a
 * (site, source) range at a time, with no expression evaluated a row: on
 * a national system the month's half a million rows took 0.1 s through
 * (site, admitted_at, source), which nothing else reads. */
static const char migration_19_source[] =
	"DROP INDEX stay_admitted_source;"
	"CREATE INDEX stay_source_admitted ON stay(site, source, admitted_at);";

/* Patients in a bed at the end of each closed day, per site, as now
 * known, and of them those whose stay has lasted 7, 14 and 21 days or
 * more (day - admission date, as store_state_series counts stranded):
 * the trend and SPC charts of occupancy, stranded and super-stranded
 * patients (and the board pack, which draws them over two years of
 * weeks) are sums of this table instead of a scan of every state ending
 * in their range (3.8 s a chart at national scale). Kept as delay_day is
 * (migration 12): a day is added once it has ended
 * (store_delay_days_close, at a write; store_bed_day.c), as the states
 * then say, back to the first admission; from then on each state
 * written or superseded adds or takes 1 on every day it counts on: in
 * force at the day's end (valid_from's date <= day < valid_to's date).
 * A bulk load fills it again at its end; store_check_totals compares it
 * with a recomputation. A site added to the database gets its row of
 * zeros on every day either table holds, so that a day stays whole for
 * a state backdated there: delay_day had no such row before, so it is
 * emptied here and filled again, whole, by the next write (a series
 * reads whole days of both, store_series.c). */
#define BD_RANGE(r)                                                      \
	" WHERE site = " r ".site"                                         \
	" AND day >= substr(" r ".valid_from, 1, 10)"                      \
	" AND day < substr(" r ".valid_to, 1, 10)"
#define BD_ADD(r, op)                                                    \
	" UPDATE bed_day SET in_bed = in_bed " op " 1,"                    \
	" los7 = los7 " op " " STORE_SQL_BED_DAY_LOS(r, 7) ","                             \
	" los14 = los14 " op " " STORE_SQL_BED_DAY_LOS(r, 14) ","                          \
	" los21 = los21 " op " " STORE_SQL_BED_DAY_LOS(r, 21) BD_RANGE(r) ";"
static const char migration_20_bed_day[] =
	"CREATE TABLE bed_day ("
	"  site TEXT NOT NULL, day TEXT NOT NULL,"
	"  in_bed INTEGER NOT NULL, los7 INTEGER NOT NULL,"
	"  los14 INTEGER NOT NULL, los21 INTEGER NOT NULL,"
	"  PRIMARY KEY (site, day)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TRIGGER bed_day_state_insert AFTER INSERT ON stay_state"
	" WHEN NEW.superseded_at IS NULL BEGIN" BD_ADD("NEW", "+") " END;"
	"CREATE TRIGGER bed_day_state_supersede AFTER UPDATE OF superseded_at"
	" ON stay_state WHEN OLD.superseded_at IS NULL"
	" AND NEW.superseded_at IS NOT NULL BEGIN" BD_ADD("OLD", "-") " END;"
	"CREATE TRIGGER bed_day_state_delete AFTER DELETE ON stay_state"
	" WHEN OLD.superseded_at IS NULL BEGIN" BD_ADD("OLD", "-") " END;"
	"CREATE TRIGGER day_totals_site AFTER INSERT ON site BEGIN"
	" INSERT OR IGNORE INTO bed_day (site, day, in_bed, los7, los14,"
	"  los21) SELECT NEW.code, day, 0, 0, 0, 0 FROM bed_day GROUP BY day;"
	" INSERT OR IGNORE INTO delay_day (site, day, n)"
	"  SELECT NEW.code, day, 0 FROM delay_day GROUP BY day; END;"
	"DELETE FROM delay_day;";

/* Steps 7 on, in order, each one transaction; its SQL may come in parts
 * (C11 only promises string literals of 4095 bytes). */
const char *const store_migrations_later[][STORE_MIGRATION_PARTS] = {
	{migration_7_tables, migration_7_facts, migration_7_indexes,
	 migration_7_prune},
	{migration_8_spans, migration_8_indexes, migration_8_marks},
	{migration_9_blockers},
	{migration_10_late},
	{migration_11_call},
	{migration_12_delay_day},
	{migration_13_blocker_change},
	{migration_14_span, migration_14_indexes},
	{migration_15_blocker_span},
	{migration_16_imported},
	{migration_17_beds, migration_17_opel_input, migration_17_notify},
	{migration_18_stay, migration_18_facts},
	{migration_19_source},
	{migration_20_bed_day},
};
const size_t store_nmigrations_later = ARRAY_SIZE(store_migrations_later);
