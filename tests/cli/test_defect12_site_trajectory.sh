# Issue 12, defect 12: `sitrep report --site` judged the site's delayed bed
# days against the whole system's trajectory, and put the site's computed
# OPEL level beside the system's declared one. A site is judged against its
# own trajectory (config: the site's `trajectory`), or has "no site target";
# the header shows the site's computed and the site's declared level.
. "$(dirname "$0")/lib.sh"
data=$src/tests/data/report
db=$tmp/r.db
cfg=$tmp/fixture.yaml
export SITREP_USER=alice SITREP_TODAY=2026-11-10
unset SITREP_NOW

# The report fixture, ACU with a target of its own (50 a month from
# 2026-10); COM without one. The system's target is 100.
python3 - "$data/fixture.yaml" "$cfg" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
old = "    wards: [ { code: A, name: Ward A, beds: 10 } ]\n"
assert old in text
text = text.replace(old, old + "    trajectory:\n      - { from: 2026-10, bed_days: 50 }\n")
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
sr() { run --config "$cfg" --db "$db" "$@"; }
SITREP_NOW=2026-11-10T23:00 sr import "$data/census.csv"
expect_rc 0 "import the fixture"
SITREP_NOW=2026-11-09T08:00 sr opel declare system 4 --note call
expect_rc 0 "declare the system"
SITREP_NOW=2026-11-10T07:00 sr opel declare ACU 3 --note call
expect_rc 0 "declare ACU"

# ---- text ----
# ACU: 21 delayed bed days by the 10th of 30 project to 63: over its 50
# (against the system's 100 it would read "on track").
sr report --site ACU
expect_rc 0 "report --site ACU"
expect_out "Trajectory of ACU, November 2026: target 50 delayed bed days; month to date 21" \
	"ACU judged against its own target"
expect_out "projected month end 63.0: OVER" "ACU over its own target"
expect_out "ACU OPEL: computed 2; declared 3 by alice at 2026-11-10 07:00: call" \
	"ACU's computed level beside ACU's declared level"
grep -qF "target 100" "$tmp/out" && fail "report --site ACU shows the system's target"
grep -qF "declared 4" "$tmp/out" && fail "report --site ACU shows the system's declared level"
grep -q "^Total .* 2 / 3$" "$tmp/out" || fail "the Total row's OPEL C/D is ACU's: $(grep '^Total' "$tmp/out")"

# COM has no target of its own: "no site target", no verdict.
sr report --site COM
expect_rc 0 "report --site COM"
expect_out "Trajectory of COM, November 2026: no site target" "COM without a target"
expect_out "COM OPEL: computed 3; none declared" "COM's own (absent) declaration"
for s in "target 100" "on track" "OVER" "declared 4"; do
	grep -qF "$s" "$tmp/out" && fail "report --site COM shows '$s'"
done

# The whole system is still judged against the system's trajectory.
sr report
expect_out "Trajectory, November 2026: target 100 delayed bed days; month to date 38" "system"
expect_out "System OPEL: computed 3; declared 4 by alice" "system declaration"

# ---- JSON: null and the reason; each site's own trajectory ----
sr report --site COM --format json
python3 - "$tmp/out" <<'PY' || fail "JSON of --site COM"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
t = r["trajectory"]
assert (t["scope"], t["site"], t["target"], t["status"]) == ("site", "COM", None, "no site target"), t
assert r["opel"]["computed"] == 3 and r["opel"]["declared"] is None and r["opel"]["site"] == "COM", r["opel"]
PY
sr report --format json
python3 - "$tmp/out" <<'PY' || fail "JSON of the system"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
assert (r["trajectory"]["scope"], r["trajectory"]["target"], r["trajectory"]["status"]) == ("system", 100, "over"), r["trajectory"]
acu, com = r["sites"]
assert (acu["trajectory"]["target"], acu["trajectory"]["projected"], acu["trajectory"]["status"]) == (50, 63.0, "over"), acu["trajectory"]
assert (com["trajectory"]["target"], com["trajectory"]["status"]) == (None, "no site target"), com["trajectory"]
assert r["opel"]["declared"]["level"] == 4
PY

# ---- CSV: the target empty where there is none ----
sr report --format csv
python3 - "$tmp/out" <<'PY' || fail "CSV trajectory columns"
import csv, sys
rows = {r["scope"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))}
got = {k: (rows[k]["trajectory_target"], rows[k]["trajectory_status"]) for k in ("ACU", "COM", "kind:acute", "system")}
want = {"ACU": ("50", "over"), "COM": ("", "no site target"), "kind:acute": ("", ""), "system": ("100", "over")}
assert got == want, got
PY
sr report --site ACU --format csv
python3 - "$tmp/out" <<'PY' || fail "CSV of --site ACU"
import csv, sys
rows = {r["scope"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))}
s = rows["system"]
assert (s["opel_computed"], s["opel_declared"], s["trajectory_target"], s["trajectory_status"]) == ("2", "3", "50", "over"), s
PY

# ---- the config: a site's trajectory is checked like the system's ----
python3 - "$cfg" "$tmp/bad.yaml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
text = text.replace("      - { from: 2026-10, bed_days: 50 }\n",
                    "      - { from: 2026-10, bed_days: 50 }\n      - { from: 2026-09, bed_days: 40 }\n")
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
run check-config "$tmp/bad.yaml"
expect_fail "a site trajectory out of order"
expect_err "bad.yaml:" "the error names the file"
expect_err "trajectory month 2026-09 not after 2026-10" "site trajectory order"

finish
