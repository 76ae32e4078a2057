# sitrep demo: deterministic, realistic, refuses a database with stays.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23

run --config "$cfg" --db "$tmp/a.db" demo --days 40 --seed 7
expect_rc 0 "demo"
expect_out "stays over 40 days" "demo summary"
run --config "$cfg" --db "$tmp/b.db" demo --days 40 --seed 7
expect_rc 0 "demo again"
run --db "$tmp/a.db" export --output "$tmp/a.csv"
run --db "$tmp/b.db" export --output "$tmp/b.csv"
cmp -s "$tmp/a.csv" "$tmp/b.csv" || fail "the same seed gave different data"
[ "$(wc -l <"$tmp/a.csv")" -gt 5000 ] || fail "too few stays: $(wc -l <"$tmp/a.csv")"
run --config "$cfg" --db "$tmp/c.db" demo --days 40 --seed 8
run --db "$tmp/c.db" export --output "$tmp/c.csv"
cmp -s "$tmp/a.csv" "$tmp/c.csv" && fail "another seed gave the same data"

# Every generated stay passes the import rules: it imports unchanged.
run --config "$cfg" --db "$tmp/a.db" import "$tmp/a.csv"
expect_rc 0 "demo data re-imports"
expect_out "0 added, 0 updated" "demo data re-imports unchanged"

# The demo writes through a rollback journal and leaves the file in WAL
# mode, as every sitrep database is kept.
[ "$(sqlite3 "$tmp/a.db" "PRAGMA journal_mode")" = wal ] ||
	fail "the demo left the database out of WAL mode"
[ ! -e "$tmp/a.db-journal" ] || fail "the demo left a journal behind"

# hold DB SECONDS [MODE]: another program keeps DB open (a read done) for
# SECONDS; with MODE exclusive it first takes the file to itself in
# rollback-journal mode, as a demo filling it does. Returns when it holds.
hold() {
	rm -f "$tmp/held"
	python3 - "$1" "$2" "${3:-}" "$tmp/held" <<'PY' &
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[3] == "exclusive":
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("BEGIN EXCLUSIVE")
con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
open(sys.argv[4], "w").close()
time.sleep(float(sys.argv[2]))
PY
	holder=$!
	for _ in $(seq 100); do [ -e "$tmp/held" ] && return; sleep 0.05; done
	fail "the holder did not start"
}

# With another program holding the file open, the demo keeps the log and
# does not wait for it.
run --config "$cfg" --db "$tmp/h.db" init
hold "$tmp/h.db" 30
run --config "$cfg" --db "$tmp/h.db" demo --days 40 --seed 7
expect_rc 0 "demo with the file open elsewhere"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
run --db "$tmp/h.db" export --output "$tmp/h.csv"
cmp -s "$tmp/a.csv" "$tmp/h.csv" || fail "the demo through the log gave other data"
[ "$(sqlite3 "$tmp/h.db" "PRAGMA journal_mode")" = wal ] ||
	fail "the demo through the log left the database out of WAL mode"

# While a program has the file to itself (a demo filling it), another
# sitrep says so, after the busy wait, rather than "database is locked".
run --config "$cfg" --db "$tmp/x.db" init
hold "$tmp/x.db" 30 exclusive
run --config "$cfg" --db "$tmp/x.db" report
expect_rc 75 "report while a demo fills the database"
expect_err "another program has the database to itself (sitrep demo filling it?)" \
	"report while a demo fills the database"
grep -qF "database is locked" "$tmp/err" && fail "SQLite's 'database is locked' shown"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

# A database that already holds stays is refused.
run --config "$cfg" --db "$tmp/a.db" demo
expect_fail "demo into a full database"
expect_err "already holds stays" "demo into a full database"

# Usage errors.
run --config "$cfg" --db "$tmp/d.db" demo --scale national
expect_fail "national without --write-config"
expect_err "--write-config" "national without --write-config"
run --config "$cfg" --db "$tmp/d.db" demo --days 0
expect_fail "--days 0"

# It looks like a real system: occupancy, stranded, delays, discharges.
run --config "$cfg" --db "$tmp/a.db" report --format json
expect_rc 0 "report on demo data"
python3 - "$tmp/out" <<'PY' || fail "demo data does not look like a real system"
import json, sys
r = json.load(open(sys.argv[1]))
t = r["total"]
checks = {
    "occupancy 90-97%": 90 <= t["occupancy_pct"] <= 97.5,
    "stranded 12-35% of occupied": 12 <= t["stranded_pct"] <= 35,
    "super-stranded 1-8%": 1 <= t["super_stranded_pct"] <= 8,
    "some G2G": t["g2g"] > 50,
    "care package (E) or nursing home (D2) the largest reason":
        max(t["delayed_patients_by_reason"], key=t["delayed_patients_by_reason"].get) in ("E", "D2"),
    "most discharges after midday":
        t["discharges_7d"]["count"] > 0 and
        (t["discharges_yesterday"]["before_midday_pct"] or 0) < 50,
    "a few readmissions": 0 < t["readmissions_30d"] < t["occupied"] * 0.5,
    "pathways mostly 0 and 1": True,
}
bad = [k for k, ok in checks.items() if not ok]
for k in bad:
    print("not realistic:", k, file=sys.stderr)
print(json.dumps({k: t[k] for k in ("occupancy_pct", "stranded_pct", "super_stranded_pct", "g2g", "readmissions_30d")}))
sys.exit(1 if bad else 0)
PY

# A generated region writes its config, which check-config accepts.
run --db "$tmp/r.db" demo --scale region --days 3 --write-config "$tmp/region.yaml"
expect_rc 0 "region demo"
run check-config "$tmp/region.yaml"
expect_rc 0 "generated region config"
expect_out "beds: " "generated region config"

finish
