# Issue 14: the daily call (`sitrep call`). A demo of the example system,
# then between yesterday's call (08:30) and now what a morning brings: a
# blocker reassigned and made overdue, one added, one closed, an EDD
# moved, a patient newly ready to leave, a discharge. The agenda and the
# changes since the last call are checked against the independent
# recomputation (tests/check/call_check.py), for the system, a site and an
# owner; then the text and CSV forms, and bad options.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/c.db
export SITREP_USER=alice SITREP_TODAY=2026-12-04 SITREP_NOW=2026-12-04T07:00
sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
sr demo --days 30 --seed 5
expect_rc 0 "demo of the example system"

# A patient ready to leave with an open blocker: reassigned, due 4 days ago.
b1=$(q "SELECT b.id FROM blocker b JOIN stay s ON s.id = b.stay
	WHERE b.closed_at IS NULL AND s.discharged_at IS NULL ORDER BY b.id
	LIMIT 1")
# One whose EDD has passed and who waits for nothing named.
p2=$(q "SELECT id FROM stay s WHERE discharged_at IS NULL
	AND edd < '2026-12-04' AND g2g_date IS NULL AND NOT EXISTS
	(SELECT 1 FROM blocker b WHERE b.stay = s.id AND b.closed_at IS NULL)
	ORDER BY id LIMIT 1")
# Another open blocker, to close.
b3=$(q "SELECT b.id FROM blocker b JOIN stay s ON s.id = b.stay
	WHERE b.closed_at IS NULL AND s.discharged_at IS NULL AND b.id <> $b1
	ORDER BY b.id DESC LIMIT 1")
# An EDD to move, a patient to become ready, one to discharge.
p4=$(q "SELECT id FROM stay WHERE discharged_at IS NULL AND edd IS NOT NULL
	AND id <> $p2 ORDER BY id DESC LIMIT 1")
p5=$(q "SELECT id FROM stay WHERE discharged_at IS NULL AND g2g_date IS NULL
	AND id NOT IN ($p2, $p4) ORDER BY id LIMIT 1")
p6=$(q "SELECT s.id FROM stay s WHERE discharged_at IS NULL
	AND id NOT IN ($p2, $p4, $p5) AND NOT EXISTS (SELECT 1 FROM blocker b
	WHERE b.stay = s.id AND b.id IN ($b1, $b3)) ORDER BY id DESC LIMIT 1")
[ -n "$b1" ] && [ -n "$p2" ] && [ -n "$b3" ] && [ -n "$p4" ] &&
	[ -n "$p5" ] && [ -n "$p6" ] || fail "the demo lacks a patient the test needs"

SITREP_NOW=2026-12-04T09:00 sr blocker assign "$b1" asc-wilts
expect_rc 0 "reassign"
SITREP_NOW=2026-12-04T09:01 sr blocker change --due 2026-11-30 "$b1"
expect_rc 0 "a due date 4 days ago"
SITREP_NOW=2026-12-04T09:05 sr blocker add --stay "$p2" --owner asc-wilts \
	--due 2026-12-05 A
expect_rc 0 "a blocker for the EDD passed"
SITREP_NOW=2026-12-04T09:10 sr blocker close "$b3"
expect_rc 0 "a blocker closed"
SITREP_NOW=2026-12-04T09:15 sr set --stay "$p4" edd=2026-12-20
expect_rc 0 "an EDD moved"
SITREP_NOW=2026-12-04T09:20 sr set --stay "$p5" g2g_date=2026-12-04
expect_rc 0 "ready to leave today"
SITREP_NOW=2026-12-04T09:30 sr discharge --stay "$p6" --at 2026-12-04T09:25
expect_rc 0 "a discharge"
export SITREP_NOW=2026-12-04T10:00

check() { # name call-check-options... -- call-options...
	local name=$1 opts=()
	shift
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	sr call --format json "$@"
	expect_rc 0 "call $name"
	cp "$tmp/out" "$tmp/$name.json"
	python3 "$src/tests/check/call_check.py" --config "$cfg" --db "$db" \
		--now 2026-12-04T10:00 --since 2026-12-03T08:30:00 "${opts[@]}" \
		"$tmp/$name.json" >"$tmp/check.out" 2>&1 ||
		fail "call $name differs from the recomputation: $(head -n 8 "$tmp/check.out")"
}
check system --
check site --site SFT -- --site SFT
check owner --owner asc-wilts -- --owner asc-wilts

# The report of now agrees: its blockers (one reassigned and overdue) and
# escalations are recomputed independently, and the call's blocker figures
# are the report's. The text lists the escalated patients.
sr report --format json
expect_rc 0 "report of now"
cp "$tmp/out" "$tmp/report.json"
python3 "$src/tests/check/recompute.py" --config "$cfg" --db "$db" --quiet \
	--check "2026-12-04@now=10:00=$tmp/report.json" >"$tmp/check.out" 2>&1 ||
	fail "the report differs from the recomputation: $(head -n 8 "$tmp/check.out")"
python3 - "$tmp/report.json" "$tmp/system.json" <<'PY' ||
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
c = json.load(open(sys.argv[2], encoding="utf-8"))
rb, cb = r["total"]["blockers"], c["blockers"]
for k in ("open", "overdue", "by_family", "by_agency", "by_owner",
          "closed_7d", "median_days_to_close"):
    assert rb[k] == cb[k], (k, rb[k], cb[k])
assert rb["overdue"] >= 1, rb
esc = sum(1 for i in c["agenda"] if i["escalated_to"])
assert r["total"]["escalated"]["total"] == esc, (r["total"]["escalated"], esc)
assert any(e["overdue_days"] == 4 for e in r["escalations"]) or \
    len(r["escalations"]) == 10, r["escalations"]
PY
	fail "the report's blockers or escalations differ from the call's"
sr report
grep -qE "^Escalated: [0-9]+ patients?;" "$tmp/out" || fail "the text report lists no escalated patients"

python3 - "$tmp/system.json" "$b1" "$p2" "$b3" "$p4" "$p5" "$p6" <<'PY' ||
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
b1, p2, b3, p4, p5, p6 = map(int, sys.argv[2:])
assert c["format"] == "sitrep-call" and c["since"] == "2026-12-03T08:30", c
counts = c["changes"]["counts"]
for k in ("new_nctr", "discharged", "blocker_opened", "blocker_closed",
          "edd_moved"):
    assert counts[k] >= 1, (k, counts)
items = {i["stay"]: i for i in c["agenda"]}
by_blocker = {i["blocker"]["id"]: i for i in c["agenda"] if i["blocker"]}
# Overdue 4 days: escalated to the hub lead (2 days), not yet the associate
# director (5 days), unless delayed long enough for more.
i1 = by_blocker.get(b1)
assert i1 and "overdue" in i1["flags"], i1
assert i1["blocker"]["overdue_days"] == 4, i1
assert i1["blocker"]["owner"] == "asc-wilts", i1
assert i1["escalated_to"] is not None, i1
# The EDD passed, but a blocker now names what the patient waits for.
assert p2 not in items or "edd_passed" not in items[p2]["flags"], items.get(p2)
# Newly ready to leave, with nothing named: new NCTR, no blocker.
assert items[p5]["reason"] == "new_nctr", items[p5]
assert "no_blocker" in items[p5]["flags"], items[p5]
assert p6 not in items, "a discharged patient on the agenda"
kinds = {(ch["kind"], ch["stay"]) for ch in c["changes"]["items"]}
assert ("discharged", p6) in kinds and ("edd_moved", p4) in kinds, kinds
assert ("blocker_opened", p2) in kinds and ("new_nctr", p5) in kinds, kinds
assert all(i["patient"] is None or "." in i["patient"] for i in c["agenda"])
assert all(i["mrn"] is None for i in c["agenda"]), "MRN without --show-names"
PY
	fail "the call's agenda and changes"
python3 - "$tmp/owner.json" <<'PY' || fail "the owner's call"
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
assert c["owner"] == "asc-wilts" and c["agenda"], c
PY

# ---- text and CSV ----
sr call --site SFT
expect_rc 0 "call, text"
expect_out "Daily call, 2026-12-04 10:00, site SFT:" "the text's heading"
expect_out "Since the last call (2026-12-03 08:30):" "the changes' heading"
grep -q "waiting for" "$tmp/out" || fail "the text names what is awaited"
sr call --site SFT --format csv
expect_rc 0 "call, CSV"
head -n 1 "$tmp/out" | grep -q '^rank,reason,flags,site,ward,bed,stay,' ||
	fail "CSV header: $(head -n 1 "$tmp/out")"
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))) - 1)' "$tmp/out")
want=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["agenda"]))' "$tmp/site.json")
[ "$rows" = "$want" ] || fail "CSV has $rows rows, JSON $want"
sr call --since 2026-12-04T09:12 --format json
expect_rc 0 "call --since"
python3 - "$tmp/out" <<'PY' || fail "call --since 09:12"
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
n = c["changes"]["counts"]
assert c["since"] == "2026-12-04T09:12", c["since"]
assert n["blocker_opened"] == 0 and n["blocker_closed"] == 0, n
assert n["edd_moved"] == 1 and n["discharged"] == 1, n
PY

# ---- the configuration behind it, as check-config shows it ----
sr check-config
expect_rc 0 "check-config"
expect_out "  Associate director: delayed >= 14, overdue >= 5 days" "escalation rules"
expect_out "daily call: 08:30; a patient who no longer meets the criteria to reside: NCTR" "call time and label"
expect_out "owners: 6 (5 teams, 1 person)" "owners"

# ---- bad options ----
sr call --owner nobody
expect_rc 65 "unknown owner"
expect_err "--owner: no owner 'nobody' in the config" "names the owner"
sr call --site XX
expect_rc 65 "unknown site"
expect_err "--site: no site 'XX' in the config" "names the site"
sr call --since 2026-12-04T11:00
expect_rc 65 "a last call in the future"
expect_err "--since is after now" "says why"
sr call --format xml
expect_rc 2 "bad format"
finish
