/* The schema: its first migrations (steps 1-6: sites, stays and their
 * audit, marks, the history's indexes and the tables of totals the
 * triggers keep), the table of steps (each one transaction, user_version
 * counting them; the later steps' SQL is in store_schema_later.c), and
 * the SQL that computes the tables of totals afresh (for the bulk load's
 * rebuild and the check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* Schema migrations, in order. Step i brings user_version from i to i + 1.
 * Never edit a released step: add a new one. */
static const char migration_1[] =
	"CREATE TABLE site ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('acute','community','mental_health')),"
	"  beds INTEGER NOT NULL CHECK (beds >= 0),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))"
	") STRICT;"
	"CREATE TABLE ward ("
	"  site TEXT NOT NULL REFERENCES site(code),"
	"  code TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  beds INTEGER NOT NULL CHECK (beds >= 0),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
	"  PRIMARY KEY (site, code)"
	") STRICT;"
	"CREATE TABLE stay ("
	"  id INTEGER PRIMARY KEY,"
	"  site TEXT NOT NULL REFERENCES site(code),"
	"  ward TEXT,"
	"  bed TEXT,"
	"  mrn TEXT NOT NULL,"
	"  nhs_number TEXT CHECK (nhs_number IS NULL OR length(nhs_number) = 10),"
	"  family_name TEXT,"
	"  given_name TEXT,"
	"  birth_date TEXT,"
	"  admitted_at TEXT NOT NULL,"
	"  edd TEXT,"
	"  g2g_date TEXT,"
	"  pathway INTEGER CHECK (pathway BETWEEN 0 AND 3),"
	"  delay_reason TEXT,"
	"  delay_agency TEXT CHECK (delay_agency IN ('NHS','ASC','both')),"
	"  discharged_at TEXT,"
	"  destination TEXT,"
	"  note TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  updated_at TEXT,"
	"  updated_by TEXT,"
	"  UNIQUE (site, mrn, admitted_at),"
	"  FOREIGN KEY (site, ward) REFERENCES ward(site, code)"
	") STRICT;"
	"CREATE INDEX stay_in_bed ON stay(site, ward) WHERE discharged_at IS NULL;"
	"CREATE INDEX stay_by_mrn ON stay(mrn);"
	"CREATE TABLE day_mark ("
	"  stay INTEGER NOT NULL REFERENCES stay(id),"
	"  day TEXT NOT NULL,"
	"  colour TEXT NOT NULL CHECK (colour IN ('red','green')),"
	"  reason TEXT,"
	"  PRIMARY KEY (stay, day)"
	") STRICT;"
	"CREATE TABLE opel_declared ("
	"  id INTEGER PRIMARY KEY,"
	"  site TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),"
	"  note TEXT,"
	"  by TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  stay INTEGER,"
	"  field TEXT NOT NULL,"
	"  old TEXT,"
	"  new TEXT"
	") STRICT;";

/* History queries: discharges by day, green-to-go by date, readmissions by
 * NHS number; and the audit trail made append-only. */
static const char migration_2[] =
	"CREATE INDEX stay_discharged ON stay(site, discharged_at)"
	"  WHERE discharged_at IS NOT NULL;"
	"CREATE INDEX stay_g2g ON stay(site, g2g_date) WHERE g2g_date IS NOT NULL;"
	"CREATE INDEX stay_nhs ON stay(nhs_number) WHERE nhs_number IS NOT NULL;"
	"CREATE INDEX stay_admitted ON stay(site, admitted_at);"
	"CREATE INDEX audit_stay ON audit(stay, at);"
	"CREATE INDEX opel_declared_site ON opel_declared(site, at);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;";

/* The day's figures: red and green days by day. */
static const char migration_3[] =
	"CREATE INDEX day_mark_day ON day_mark(day);";

/* The console's patient lists: the stays in a bed, covering every column
 * a page sorts or filters on, so a site of thousands pages at once. */
static const char migration_4[] =
	"CREATE INDEX stay_list ON stay(site, admitted_at, ward, bed, g2g_date,"
	" edd, family_name, given_name, mrn, discharged_at)"
	" WHERE discharged_at IS NULL;";

/* The day's figures at national scale (issue 6): covering indexes so that
 * each figure reads only its date range, a site at a time, never the whole
 * history. Current stays by site with what the in-bed and delay figures
 * read; discharged stays by site and discharge time with what the
 * discharge windows, the delayed bed days and a past day's in-bed figures
 * read; admissions by site and time with the NHS number, and stays by NHS
 * number and discharge time, for readmissions. */
static const char migration_5[] =
	"CREATE INDEX stay_current ON stay(site, delay_reason, delay_agency,"
	"  admitted_at, g2g_date, edd) WHERE discharged_at IS NULL;"
	"CREATE INDEX stay_out ON stay(site, discharged_at, admitted_at,"
	"  g2g_date, edd, pathway, delay_reason, delay_agency)"
	"  WHERE discharged_at IS NOT NULL;"
	"CREATE INDEX stay_admitted_nhs ON stay(site, admitted_at, nhs_number)"
	"  WHERE nhs_number IS NOT NULL;"
	"CREATE INDEX stay_readmit ON stay(nhs_number, discharged_at)"
	"  WHERE nhs_number IS NOT NULL;";

/* The day's figures at national scale, part two (issue 6). What a report
 * reads over weeks of history is kept as totals, written by triggers in
 * the transaction that changes the stay, so they are facts like the stays
 * themselves and no writer can forget them:
 *  - discharge_day: discharges by site, day and pathway (4: not recorded)
 *    with the sums the discharge windows need;
 *  - readmission: the stays admitted 0-28 days (by date) after a discharge
 *    of another stay with the same NHS number, recomputed for a patient
 *    whenever one of their stays moves;
 *  - mark_day: red and green days by site, day and colour;
 *  - delay_out: discharged green-to-go stays by site, discharge day and
 *    green-to-go day.
 * A partial covering index of discharged green-to-go stays serves the
 * delayed bed days. Indexes no query uses any more are dropped: each one
 * is paid for on every insert. */
#define DD_DAY(r) "substr(" r ".discharged_at, 1, 10)"
#define DD_PATHWAY(r) "coalesce(" r ".pathway, 4)"
#define DD_AM(r) "(substr(" r ".discharged_at, 12, 5) < '12:00')"
#define DD_G2G(r) "(" r ".g2g_date IS NOT NULL)"
#define DD_DAYS(r, col)                                                  \
	"coalesce(CAST(julianday(" DD_DAY(r) ") - julianday(" col ")"     \
	" AS INTEGER), 0)"
#define DD_G2G_DAYS(r) DD_DAYS(r, r ".g2g_date")
#define DD_LOS_DAYS(r) DD_DAYS(r, "substr(" r ".admitted_at, 1, 10)")
#define DD_ON_EDD(r) "(" r ".edd IS NOT NULL AND " DD_DAY(r) " <= " r ".edd)"
#define DD_ADD(r)                                                        \
	"INSERT INTO discharge_day SELECT " r ".site, " DD_DAY(r) ", "      \
	DD_PATHWAY(r) ", 1, " DD_AM(r) ", " DD_G2G(r) ", " DD_G2G_DAYS(r)   \
	", " DD_LOS_DAYS(r) ", " DD_ON_EDD(r)                              \
	" WHERE " r ".discharged_at IS NOT NULL"                           \
	" ON CONFLICT (site, day, pathway) DO UPDATE SET n = n + 1,"        \
	" am = am + excluded.am, with_g2g = with_g2g + excluded.with_g2g,"  \
	" g2g_days = g2g_days + excluded.g2g_days,"                       \
	" los_days = los_days + excluded.los_days,"                       \
	" on_edd = on_edd + excluded.on_edd;"
#define DD_SUB(r)                                                        \
	"UPDATE discharge_day SET n = n - 1, am = am - " DD_AM(r) ","       \
	" with_g2g = with_g2g - " DD_G2G(r) ","                           \
	" g2g_days = g2g_days - " DD_G2G_DAYS(r) ","                       \
	" los_days = los_days - " DD_LOS_DAYS(r) ","                       \
	" on_edd = on_edd - " DD_ON_EDD(r)                                 \
	" WHERE site = " r ".site AND day = " DD_DAY(r)                    \
	" AND pathway = " DD_PATHWAY(r)                                    \
	" AND " r ".discharged_at IS NOT NULL;"
/* discharge_day computed afresh from the stays. */
#define DD_ALL                                                           \
	"SELECT site, " DD_DAY("stay") ", " DD_PATHWAY("stay") ", count(*),"\
	" sum(" DD_AM("stay") "), sum(" DD_G2G("stay") "),"                 \
	" sum(" DD_G2G_DAYS("stay") "), sum(" DD_LOS_DAYS("stay") "),"      \
	" sum(" DD_ON_EDD("stay") ")"                                      \
	" FROM stay WHERE discharged_at IS NOT NULL GROUP BY 1, 2, 3"
#define CHANGED(col) "OLD." col " IS NOT NEW." col
/* readmission computed afresh from the stays. */
#define RA_ALL                                                           \
	"SELECT s.id, s.site, substr(s.admitted_at, 1, 10) FROM stay s"     \
	" WHERE s.nhs_number IS NOT NULL AND EXISTS (SELECT 1 FROM stay p"  \
	"  WHERE p.nhs_number = s.nhs_number AND p.id <> s.id"              \
	"  AND p.discharged_at <= s.admitted_at"                           \
	"  AND julianday(substr(s.admitted_at, 1, 10))"                    \
	"   - julianday(substr(p.discharged_at, 1, 10)) <= 28)"
/* Recomputes the readmissions of one patient's stays. */
#define RA_REFRESH(nhs)                                                  \
	"DELETE FROM readmission WHERE stay IN"                            \
	" (SELECT id FROM stay WHERE nhs_number = " nhs ");"                \
	"INSERT INTO readmission SELECT s.id, s.site,"                     \
	" substr(s.admitted_at, 1, 10) FROM stay s"                        \
	" WHERE s.nhs_number = " nhs " AND EXISTS (SELECT 1 FROM stay p"    \
	"  WHERE p.nhs_number = " nhs " AND p.id <> s.id"                   \
	"  AND p.discharged_at <= s.admitted_at"                           \
	"  AND julianday(substr(s.admitted_at, 1, 10))"                    \
	"   - julianday(substr(p.discharged_at, 1, 10)) <= 28);"
static const char migration_6_discharges[] =
	"CREATE TABLE discharge_day ("
	"  site TEXT NOT NULL, day TEXT NOT NULL, pathway INTEGER NOT NULL,"
	"  n INTEGER NOT NULL, am INTEGER NOT NULL,"
	"  with_g2g INTEGER NOT NULL, g2g_days INTEGER NOT NULL,"
	"  los_days INTEGER NOT NULL, on_edd INTEGER NOT NULL,"
	"  PRIMARY KEY (site, day, pathway)"
	") STRICT, WITHOUT ROWID;"
	"INSERT INTO discharge_day " DD_ALL ";"
	"CREATE TRIGGER discharge_day_insert AFTER INSERT ON stay"
	" WHEN NEW.discharged_at IS NOT NULL BEGIN " DD_ADD("NEW") " END;"
	"CREATE TRIGGER discharge_day_delete AFTER DELETE ON stay"
	" WHEN OLD.discharged_at IS NOT NULL BEGIN " DD_SUB("OLD") " END;";

static const char migration_6_discharge_update[] =
	"CREATE TRIGGER discharge_day_update AFTER UPDATE OF site, admitted_at,"
	" edd, g2g_date, pathway, discharged_at ON stay"
	" WHEN (OLD.discharged_at IS NOT NULL OR NEW.discharged_at IS NOT NULL)"
	" AND (" CHANGED("site") " OR " CHANGED("admitted_at") " OR "
	CHANGED("edd") " OR " CHANGED("g2g_date") " OR " CHANGED("pathway")
	" OR " CHANGED("discharged_at") ")"
	" BEGIN " DD_SUB("OLD") DD_ADD("NEW") " END;";

static const char migration_6_readmissions[] =
	"CREATE TABLE readmission ("
	"  stay INTEGER PRIMARY KEY REFERENCES stay(id) ON DELETE CASCADE,"
	"  site TEXT NOT NULL, day TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX readmission_day ON readmission(site, day);"
	"INSERT INTO readmission " RA_ALL ";";

static const char migration_6_readmission_triggers[] =
	/* A new stay only adds: itself, if a discharge of the patient's
	 * came 0-28 days before it, and the patient's stays admitted 0-28
	 * days after it left. */
	"CREATE TRIGGER readmission_insert AFTER INSERT ON stay"
	" WHEN NEW.nhs_number IS NOT NULL BEGIN"
	" INSERT OR IGNORE INTO readmission SELECT NEW.id, NEW.site,"
	"  substr(NEW.admitted_at, 1, 10) WHERE EXISTS (SELECT 1 FROM stay p"
	"  WHERE p.nhs_number = NEW.nhs_number AND p.id <> NEW.id"
	"  AND p.discharged_at <= NEW.admitted_at"
	"  AND julianday(substr(NEW.admitted_at, 1, 10))"
	"   - julianday(substr(p.discharged_at, 1, 10)) <= 28);"
	" INSERT OR IGNORE INTO readmission SELECT s.id, s.site,"
	"  substr(s.admitted_at, 1, 10) FROM stay s"
	"  WHERE NEW.discharged_at IS NOT NULL"
	"  AND s.nhs_number = NEW.nhs_number AND s.id <> NEW.id"
	"  AND s.admitted_at >= NEW.discharged_at"
	"  AND julianday(substr(s.admitted_at, 1, 10))"
	"   - julianday(substr(NEW.discharged_at, 1, 10)) <= 28;"
	" END;"
	"CREATE TRIGGER readmission_delete AFTER DELETE ON stay"
	" WHEN OLD.nhs_number IS NOT NULL BEGIN " RA_REFRESH("OLD.nhs_number")
	" END;"
	"CREATE TRIGGER readmission_update AFTER UPDATE OF id, nhs_number, site,"
	" admitted_at, discharged_at ON stay WHEN " CHANGED("id") " OR "
	CHANGED("nhs_number") " OR " CHANGED("site") " OR "
	CHANGED("admitted_at") " OR " CHANGED("discharged_at") " BEGIN"
	" DELETE FROM readmission WHERE stay IN (OLD.id, NEW.id);"
	RA_REFRESH("OLD.nhs_number") RA_REFRESH("NEW.nhs_number") " END;";

/* Red and green days by site, day and colour (a mark counts at its
 * stay's site, and moves with it). */
#define MARK_ADD(r)                                                      \
	"INSERT INTO mark_day SELECT site, " r ".day, " r ".colour, 1"      \
	" FROM stay WHERE id = " r ".stay"                                 \
	" ON CONFLICT (site, day, colour) DO UPDATE SET n = n + 1;"
#define MARK_SUB(r)                                                      \
	"UPDATE mark_day SET n = n - 1 WHERE day = " r ".day"               \
	" AND colour = " r ".colour"                                       \
	" AND site = (SELECT site FROM stay WHERE id = " r ".stay);"
#define MARK_ALL                                                         \
	"SELECT s.site, m.day, m.colour, count(*)"                         \
	" FROM day_mark m JOIN stay s ON s.id = m.stay GROUP BY 1, 2, 3"
static const char migration_6_marks[] =
	"CREATE TABLE mark_day ("
	"  site TEXT NOT NULL, day TEXT NOT NULL, colour TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (site, day, colour)"
	") STRICT, WITHOUT ROWID;"
	"INSERT INTO mark_day " MARK_ALL ";"
	"CREATE TRIGGER mark_day_insert AFTER INSERT ON day_mark"
	" BEGIN " MARK_ADD("NEW") " END;"
	"CREATE TRIGGER mark_day_delete AFTER DELETE ON day_mark"
	" BEGIN " MARK_SUB("OLD") " END;"
	"CREATE TRIGGER mark_day_update AFTER UPDATE ON day_mark"
	" BEGIN " MARK_SUB("OLD") MARK_ADD("NEW") " END;"
	"CREATE TRIGGER mark_day_site AFTER UPDATE OF site ON stay"
	" WHEN OLD.site IS NOT NEW.site BEGIN"
	" UPDATE mark_day SET n = n - 1 WHERE site = OLD.site"
	"  AND (day, colour) IN (SELECT day, colour FROM day_mark"
	"  WHERE stay = NEW.id);"
	" INSERT INTO mark_day SELECT NEW.site, day, colour, 1 FROM day_mark"
	"  WHERE stay = NEW.id"
	"  ON CONFLICT (site, day, colour) DO UPDATE SET n = n + 1;"
	" END;";

/* Discharged green-to-go stays by site, discharge day and green-to-go day:
 * a site's delayed bed days of a period without a row a stay (the
 * console's board). */
#define DO_ADD(r)                                                        \
	"INSERT INTO delay_out SELECT " r ".site, " DD_DAY(r) ", "          \
	r ".g2g_date, 1 WHERE " r ".discharged_at IS NOT NULL"              \
	" AND " r ".g2g_date IS NOT NULL"                                  \
	" ON CONFLICT (site, day, g2g_date) DO UPDATE SET n = n + 1;"
#define DO_SUB(r)                                                        \
	"UPDATE delay_out SET n = n - 1 WHERE site = " r ".site"            \
	" AND day = " DD_DAY(r) " AND g2g_date = " r ".g2g_date;"
#define DO_ALL                                                           \
	"SELECT site, " DD_DAY("stay") ", g2g_date, count(*) FROM stay"     \
	" WHERE discharged_at IS NOT NULL AND g2g_date IS NOT NULL"         \
	" GROUP BY 1, 2, 3"
static const char migration_6_delays[] =
	"CREATE TABLE delay_out ("
	"  site TEXT NOT NULL, day TEXT NOT NULL, g2g_date TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (site, day, g2g_date)"
	") STRICT, WITHOUT ROWID;"
	"INSERT INTO delay_out " DO_ALL ";"
	"CREATE TRIGGER delay_out_insert AFTER INSERT ON stay"
	" WHEN NEW.discharged_at IS NOT NULL AND NEW.g2g_date IS NOT NULL"
	" BEGIN " DO_ADD("NEW") " END;"
	"CREATE TRIGGER delay_out_delete AFTER DELETE ON stay"
	" WHEN OLD.discharged_at IS NOT NULL AND OLD.g2g_date IS NOT NULL"
	" BEGIN " DO_SUB("OLD") " END;"
	"CREATE TRIGGER delay_out_update AFTER UPDATE OF site, g2g_date,"
	" discharged_at ON stay"
	" WHEN " CHANGED("site") " OR " CHANGED("g2g_date") " OR "
	CHANGED("discharged_at") " BEGIN"
	" UPDATE delay_out SET n = n - 1 WHERE site = OLD.site"
	"  AND day = " DD_DAY("OLD") " AND g2g_date = OLD.g2g_date"
	"  AND OLD.discharged_at IS NOT NULL AND OLD.g2g_date IS NOT NULL;"
	" " DO_ADD("NEW") " END;";

static const char migration_6_indexes[] =
	"CREATE INDEX stay_left_g2g ON stay(site, discharged_at, g2g_date,"
	"  delay_reason, delay_agency, admitted_at)"
	"  WHERE discharged_at IS NOT NULL AND g2g_date IS NOT NULL;"
	/* discharged_at too, always NULL here: SQLite 3.40 reads a column the
	 * WHERE names from the table unless the index holds it, a row lookup
	 * per stay in a bed. */
	"DROP INDEX stay_current;"
	"CREATE INDEX stay_current ON stay(site, delay_reason, delay_agency,"
	"  admitted_at, g2g_date, edd, discharged_at)"
	"  WHERE discharged_at IS NULL;"
	"DROP INDEX stay_admitted_nhs;"
	"DROP INDEX stay_nhs;"
	"DROP INDEX stay_discharged;";

/* A step is one transaction; its SQL may come in parts (C11 only
 * promises string literals of 4095 bytes). Steps 1-6 here, in order;
 * store_migrations_later (store_schema_later.c) follows them. */
static const char *const migrations[][STORE_MIGRATION_PARTS] = {
	{migration_1},
	{migration_2},
	{migration_3},
	{migration_4},
	{migration_5},
	{migration_6_discharges, migration_6_discharge_update,
	 migration_6_readmissions, migration_6_readmission_triggers,
	 migration_6_marks, migration_6_delays, migration_6_indexes},
};

int store_schema_version(void)
{
	return (int)(ARRAY_SIZE(migrations) + store_nmigrations_later);
}

/* The parts of a step, then the version it brings the file to. */
char *store_migration_sql(int step)
{
	const char *const *part =
		(size_t)step < ARRAY_SIZE(migrations) ?
			migrations[step] :
			store_migrations_later[(size_t)step -
					       ARRAY_SIZE(migrations)];
	int version = step + 1;
	size_t n = 64, i, at;
	char *sql;

	for (i = 0; i < STORE_MIGRATION_PARTS && part[i]; i++)
		n += strlen(part[i]);
	sql = xmalloc(n);
	for (i = at = 0; i < STORE_MIGRATION_PARTS && part[i]; i++) {
		memcpy(sql + at, part[i], strlen(part[i]));
		at += strlen(part[i]);
	}
	snprintf(sql + at, n - at, " PRAGMA user_version = %d;", version);
	return sql;
}

/* The rows where a table of totals and the same totals computed afresh
 * differ (rows a trigger left at zero count as absent). */
const char store_sql_check_totals[] =
	"SELECT 'discharge_day', count(*) FROM ("
	" SELECT * FROM (SELECT * FROM discharge_day WHERE n <> 0"
	"  EXCEPT " DD_ALL ")"
	" UNION ALL SELECT * FROM (" DD_ALL
	"  EXCEPT SELECT * FROM discharge_day)"
	" UNION ALL SELECT * FROM discharge_day WHERE n = 0"
	"  AND (am OR with_g2g OR g2g_days OR los_days OR on_edd))"
	" UNION ALL SELECT 'mark_day', count(*) FROM ("
	" SELECT * FROM (SELECT * FROM mark_day WHERE n <> 0"
	"  EXCEPT " MARK_ALL ")"
	" UNION ALL SELECT * FROM (" MARK_ALL " EXCEPT SELECT * FROM mark_day))"
	" UNION ALL SELECT 'delay_day', count(*) FROM delay_day dd"
	" WHERE dd.n <> (SELECT count(*) FROM stay_state x"
	"  WHERE x.site = dd.site AND x.superseded_at IS NULL"
	"  AND x.g2g_date IS NOT NULL AND x.g2g_date <= dd.day"
	"  AND substr(x.valid_from, 1, 10) <= dd.day"
	"  AND substr(x.valid_to, 1, 10) > dd.day)"
	/* delay_day and bed_day hold every site on every day from their
	 * first to their last (store_state_series sums whole days). */
	" UNION ALL SELECT 'delay_day', (SELECT count(*) FROM site)"
	"  * (julianday(max(day)) - julianday(min(day)) + 1) - count(*)"
	"  FROM delay_day"
	/* bed_day: each row against the states. */
	" UNION ALL SELECT 'bed_day', count(*) FROM bed_day b"
	" WHERE (b.in_bed, b.los7, b.los14, b.los21) <> (SELECT count(*),"
	"  count(CASE WHEN " STORE_SQL_BED_DAY_LOS("x", 7) " THEN 1 END),"
	"  count(CASE WHEN " STORE_SQL_BED_DAY_LOS("x", 14) " THEN 1 END),"
	"  count(CASE WHEN " STORE_SQL_BED_DAY_LOS("x", 21) " THEN 1 END)"
	"  FROM stay_state x WHERE x.site = b.site"
	"  AND x.superseded_at IS NULL"
	"  AND substr(x.valid_from, 1, 10) <= b.day"
	"  AND substr(x.valid_to, 1, 10) > b.day)"
	" UNION ALL SELECT 'bed_day', (SELECT count(*) FROM site)"
	"  * (julianday(max(day)) - julianday(min(day)) + 1) - count(*)"
	"  FROM bed_day"
	" UNION ALL SELECT 'readmission', count(*) FROM ("
	" SELECT * FROM (SELECT * FROM readmission EXCEPT " RA_ALL ")"
	" UNION ALL SELECT * FROM (" RA_ALL " EXCEPT SELECT * FROM readmission))";

/* Every table of totals computed afresh from the stays and marks. */
const char store_sql_totals_rebuild[] =
	"DELETE FROM discharge_day;"
	"INSERT INTO discharge_day " DD_ALL ";"
	"DELETE FROM mark_day;"
	"INSERT INTO mark_day " MARK_ALL ";"
	"DELETE FROM readmission;"
	"INSERT INTO readmission " RA_ALL ";"
	/* Filled again by store_delay_days_close. */
	"DELETE FROM delay_day;"
	"DELETE FROM bed_day;";
