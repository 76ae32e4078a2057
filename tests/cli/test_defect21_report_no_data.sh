# Issue 12, defect 21 (report): a report for a day before any data printed
# zeros and "on track" without saying there was no data. It says "no data
# for this day" (text), flags it in JSON and CSV, and gives no verdict.
. "$(dirname "$0")/lib.sh"
data=$src/tests/data/report
cfg=$tmp/fixture.yaml
# The report fixture with a trajectory from 2026-08; its first stay is
# admitted on 2026-09-01.
sed 's/  - { from: 2026-10, bed_days: 100 }/  - { from: 2026-08, bed_days: 100 }/' \
	"$data/fixture.yaml" >"$cfg"
grep -q "from: 2026-08" "$cfg" || fail "fixture config not changed"
sr() { run --config "$cfg" --db "$tmp/r.db" "$@"; }
export SITREP_USER=alice SITREP_TODAY=2026-11-10
SITREP_NOW=2026-11-10T09:00 sr import "$data/census.csv"
expect_rc 0 "import the fixture"

sr report --date 2026-08-20
expect_rc 0 "report of a day before any data"
expect_out "No data for this day: no stay had been admitted by the end of Thursday 20 August 2026" \
	"the text says there is no data"
grep -qiF "on track" "$tmp/out" && fail "a day without data is 'on track': $(grep -i 'on track' "$tmp/out")"
expect_out "no verdict (no data)" "no verdict without data"
sr report --date 2026-08-20 --format json
python3 - "$tmp/out" <<'PY' || fail "JSON of a day before any data"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
assert r["no_data"] is True, r["no_data"]
assert r["trajectory"]["status"] == "no data", r["trajectory"]
assert all(s["no_data"] for s in r["sites"]), [s["no_data"] for s in r["sites"]]
PY
sr report --date 2026-08-20 --format csv
python3 - "$tmp/out" <<'PY' || fail "CSV of a day before any data"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
assert {r["no_data"] for r in rows} == {"true"}, [r["no_data"] for r in rows]
sysrow = [r for r in rows if r["scope"] == "system"][0]
assert sysrow["trajectory_status"] == "no data", sysrow["trajectory_status"]
PY

# COM has data from 2026-09-01 (C1), ACU from 2026-10-01 (S1): in
# September the system has data and a verdict, ACU alone has none.
sr report --date 2026-09-15
expect_rc 0 "report of 2026-09-15"
grep -q "No data" "$tmp/out" && fail "the system has data on 2026-09-15"
expect_out "on track" "a verdict with data"
sr report --date 2026-09-15 --format json
python3 - "$tmp/out" <<'PY' || fail "JSON of 2026-09-15"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
assert r["no_data"] is False
assert {s["code"]: s["no_data"] for s in r["sites"]} == {"ACU": True, "COM": False}
PY

finish
