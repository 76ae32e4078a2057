# Issue 12, defect 13: "Sites at midnight, Friday 4 December" showed the
# live count at 14:27. Every output says which moment its counts are for:
# today's are live ("as at 14:27"), a past day's are the end of that day
# (the midnight census).
. "$(dirname "$0")/lib.sh"
data=$src/tests/data/report
sr() { run --config "$data/fixture.yaml" --db "$tmp/r.db" "$@"; }
export SITREP_USER=alice
SITREP_TODAY=2026-11-10 SITREP_NOW=2026-11-10T09:00 sr import "$data/census.csv"
expect_rc 0 "import the fixture"

# Today, at 14:27: live.
export SITREP_TODAY=2026-11-10 SITREP_NOW=2026-11-10T14:27
sr report
expect_rc 0 "report of today"
expect_out "Sites as at 14:27, Tuesday 10 November 2026" "today's board is live, as at 14:27"
grep -q "midnight" "$tmp/out" && fail "today's report says midnight: $(grep midnight "$tmp/out")"
sr report --format json
python3 - "$tmp/out" <<'PY' || fail "JSON moment of today"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
assert r["moment"] == {"kind": "as at", "at": "2026-11-10T14:27"}, r.get("moment")
PY
sr report --format csv
python3 - "$tmp/out" <<'PY' || fail "CSV moment of today"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
assert {(r["moment"], r["moment_at"]) for r in rows} == {("as at", "2026-11-10T14:27")}, rows[0]
PY

# A past day: the end of it.
sr report --date 2026-11-09
expect_rc 0 "report of yesterday"
expect_out "Sites at the end of Monday 9 November 2026 (the midnight census)" "a past day is its midnight census"
grep -q "as at" "$tmp/out" && fail "a past day's report says 'as at'"
sr report --date 2026-11-09 --format json
python3 - "$tmp/out" <<'PY' || fail "JSON moment of a past day"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
assert r["moment"] == {"kind": "end of day", "at": "2026-11-10T00:00"}, r.get("moment")
PY
sr report --date 2026-11-09 --format csv
python3 - "$tmp/out" <<'PY' || fail "CSV moment of a past day"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
assert {(r["moment"], r["moment_at"]) for r in rows} == {("end of day", "2026-11-10T00:00")}, rows[0]
PY

finish
