# Issue 13: a report for a moment (--at) and as known at a time
# (--as-known-at), and the one definition behind both paths: the figures
# as known now (--as-known-at now) read the states, discharges and marks
# as recorded, the plain report reads the kept totals; they must agree
# byte for byte on every day.
. "$(dirname "$0")/lib.sh"
cfg=$tmp/demo.yaml
sr() { run --config "$cfg" --db "$tmp/d.db" "$@"; }
export SITREP_USER=alice SITREP_TODAY=2026-12-04 SITREP_NOW=2026-12-04T08:00
run --db "$tmp/d.db" demo --days 40 --seed 3 --write-config "$cfg" >/dev/null
expect_rc 0 "demo"

# ---- the same figures by both paths, every day of the last five weeks ----
for back in $(seq 0 34); do
	day=$(date -d "2026-12-04 - $back days" +%F)
	for fmt in csv json; do
		sr report --date "$day" --format "$fmt"
		expect_rc 0 "report $day $fmt"
		cp "$tmp/out" "$tmp/plain"
		sr report --date "$day" --format "$fmt" --as-known-at 2026-12-04T08:00
		expect_rc 0 "report $day $fmt as known now"
		cmp -s "$tmp/plain" "$tmp/out" ||
			fail "$day $fmt: as known now differs: $(diff "$tmp/plain" "$tmp/out" | head -n 8)"
	done
done

# ---- the 08:00 call shown again at 10:00 ----
sr report --format json
cp "$tmp/out" "$tmp/at8.json"
sr report
cp "$tmp/out" "$tmp/at8.txt"
mrn=$(sqlite3 "$tmp/d.db" "SELECT mrn FROM stay WHERE discharged_at IS NULL
	AND g2g_date IS NOT NULL AND g2g_date < '2026-11-30' ORDER BY id LIMIT 1")
other=$(sqlite3 "$tmp/d.db" "SELECT mrn FROM stay WHERE discharged_at IS NULL
	AND mrn <> '$mrn' ORDER BY id DESC LIMIT 1")
SITREP_NOW=2026-12-04T09:00 sr set "$mrn" g2g_date= reason= agency=
expect_rc 0 "the ready date ended at 09:00"
SITREP_NOW=2026-12-04T09:10 sr discharge "$other" --at 2026-12-04T09:05
expect_rc 0 "a discharge at 09:05"
export SITREP_NOW=2026-12-04T10:00
sr report --format json
cmp -s "$tmp/at8.json" "$tmp/out" && fail "the 10:00 report does not show the 09:00 changes"
sr report --format json --at 2026-12-04T08:00
expect_rc 0 "report --at 08:00"
cmp -s "$tmp/at8.json" "$tmp/out" ||
	fail "report --at 08:00 differs from the 08:00 print: $(diff "$tmp/at8.json" "$tmp/out" | head -n 12)"
sr report --at "04/12/2026 08:00"
expect_rc 0 "report --at, day first"
cmp -s "$tmp/at8.txt" "$tmp/out" || fail "report --at 08:00 (text) differs from the 08:00 print"
# Between the two changes: the ready date gone, the patient still in.
sr report --format json --at 2026-12-04T09:01
python3 - "$tmp/at8.json" "$tmp/out" <<'PY' || fail "report --at 09:01"
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert b["moment"] == {"kind": "as at", "at": "2026-12-04T09:01"}, b["moment"]
ta, tb = a["total"], b["total"]
assert tb["g2g"] == ta["g2g"] - 1, (ta["g2g"], tb["g2g"])
assert tb["occupied"] == ta["occupied"], (ta["occupied"], tb["occupied"])
PY
sr report --format json --at 2026-12-04T09:06
python3 - "$tmp/at8.json" "$tmp/out" <<'PY' || fail "report --at 09:06"
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert b["total"]["occupied"] == a["total"]["occupied"] - 1, b["total"]
PY

# ---- reprints after a discharge recorded late and one corrected ----
# A report as known at K reads the discharges of its 30 days as the totals
# now known less what was recorded after K plus what was known then and
# corrected since (store_discharges_changed): both kinds here.
for day in 2026-11-30 2026-12-03; do
	sr report --date "$day" --format json
	cp "$tmp/out" "$tmp/k-$day.json"
done
late=$(sqlite3 "$tmp/d.db" "SELECT id FROM stay WHERE discharged_at IS NULL
	AND admitted_at < '2026-11-25' AND mrn NOT IN ('$mrn', '$other')
	ORDER BY id LIMIT 1")
moved=$(sqlite3 "$tmp/d.db" "SELECT id FROM stay WHERE
	discharged_at >= '2026-11-29' AND discharged_at < '2026-11-30'
	AND admitted_at < '2026-11-26' ORDER BY id LIMIT 1")
[ -n "$late" ] && [ -n "$moved" ] || fail "no stays to discharge late and move"
SITREP_NOW=2026-12-04T10:30 sr discharge --stay "$late" --at 2026-11-28T11:00
expect_rc 0 "a discharge recorded six days late"
SITREP_NOW=2026-12-04T10:40 sr set --stay "$moved" discharged_at=2026-11-26T15:00
expect_rc 0 "a discharge time corrected"
specs=()
for day in 2026-11-30 2026-12-03; do
	SITREP_NOW=2026-12-04T11:00 sr report --date "$day" --format json
	cmp -s "$tmp/k-$day.json" "$tmp/out" &&
		fail "$day: the late and corrected discharges change nothing"
	cp "$tmp/out" "$tmp/now-$day.json"
	SITREP_NOW=2026-12-04T11:00 sr report --date "$day" --format json \
		--as-known-at 2026-12-04T10:00
	expect_rc 0 "$day as known at 10:00"
	cmp -s "$tmp/k-$day.json" "$tmp/out" ||
		fail "$day as known at 10:00 differs from the 10:00 print: $(diff "$tmp/k-$day.json" "$tmp/out" | head -n 8)"
	cp "$tmp/out" "$tmp/known-$day.json"
	specs+=(--check "$day=$tmp/now-$day.json"
		--check "$day~2026-12-04T10:00=$tmp/known-$day.json")
done
SITREP_NOW=2026-12-04T11:00 python3 "$src/tests/check/recompute.py" --config "$cfg" --db "$tmp/d.db" \
	--quiet "${specs[@]}" >"$tmp/check.out" 2>&1 ||
	fail "the recomputation differs: $(head -n 8 "$tmp/check.out")"

# ---- refusals ----
sr report --at 2026-12-04T11:00
expect_rc 65 "a moment after now"
expect_err "--at 2026-12-04T11:00 is after now (2026-12-04T10:00)" "future moment refused"
sr report --as-known-at tomorrow
expect_rc 65 "--as-known-at garbage"
expect_err "--as-known-at:" "says which option"
sr report --date 2026-12-01 --at 2026-12-02T08:00
expect_rc 65 "--at outside --date"
expect_err "--at is not a time of the --date day" "says why"
finish
