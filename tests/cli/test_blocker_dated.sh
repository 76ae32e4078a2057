# Issue 14: a blocker's owner, due date and agency, and its end, are dated
# (migration 13). One patient, one blocker, a week of changes; every
# figure of every day is what was in force then, a corrected discharge
# moves the blocker's end for the corrected history only, and
# --as-known-at before the correction prints what was printed then. Each
# report is also recomputed by tests/check/recompute.py.
#
#   11-10 08:00  admitted, no longer meets the criteria to reside (DRD 11-10)
#   11-10 09:05  blocker A: owner hub, due 11-12
#   11-15 10:00  given to asc, due 11-18, agency both
#   11-17 10:00  discharged at 11-17 09:00 (ends the blocker then)
#   11-19 10:00  the discharge corrected to 11-16 15:00
. "$(dirname "$0")/lib.sh"
cfg=$tmp/sitrep.yaml
db=$tmp/d.db
export SITREP_TODAY=2026-11-20
cat >"$cfg" <<'EOF'
system:
  name: Dated blockers
delay_vocabulary: dtoc
owners:
  - { code: hub, name: "Discharge hub", kind: team }
  - { code: asc, name: "Adult social care", kind: team, agency: ASC }
escalation:
  roles: ["Hub lead", "Associate director"]
  rules:
    - { overdue_days: 2, to: "Hub lead" }
    - { delay_days: 7, to: "Associate director" }
sites:
  - code: SFT
    name: Salisbury
    kind: acute
    wards:
      - { code: AMU, name: Acute medical unit, beds: 20 }
EOF
sr() { run --config "$cfg" --db "$db" "$@"; }
at() { local t=$1; shift; SITREP_NOW=$t sr "$@"; }
q() { sqlite3 "$db" "$1"; }

at 2026-11-10T07:00 init
expect_rc 0 "init"
at 2026-11-10T09:00 admit --site SFT --mrn DB01 --at 2026-11-10T08:00 \
	ward=AMU bed=1 family_name=Dated given_name=Ann g2g=2026-11-10
expect_rc 0 "admit"
id=$(q "SELECT id FROM stay WHERE mrn = 'DB01'")
at 2026-11-10T09:05 blocker add --stay "$id" --owner hub --due 2026-11-12 \
	--agency ASC A
expect_rc 0 "blocker add"
bl=$(q "SELECT id FROM blocker WHERE stay = $id")
at 2026-11-15T10:00 blocker change --owner asc --due 2026-11-18 \
	--agency both "$bl"
expect_rc 0 "blocker change"
at 2026-11-17T10:00 discharge --stay "$id" --at 2026-11-17T09:00
expect_rc 0 "discharge"
# Printed before the correction, to be reproduced after it.
at 2026-11-17T12:00 report --date 2026-11-16 --format json
cp "$tmp/out" "$tmp/first-16.json"
at 2026-11-19T10:00 discharge --stay "$id" --at 2026-11-16T15:00
expect_rc 0 "the discharge corrected"
expect_eq "$(q "SELECT count(*) FROM blocker_change WHERE blocker = $bl")" 4 \
	"three attribute changes and one end moved, each kept"

# report DAY [options]: the JSON report as of 11-20 12:00, into $tmp/DAY.json
# (a suffix names variants), and the recomputation agrees.
report() {
	local name=$1 day=$2 spec=$3
	shift 3
	at 2026-11-20T12:00 report --date "$day" --format json "$@"
	expect_rc 0 "report $name"
	cp "$tmp/out" "$tmp/$name.json"
	python3 "$src/tests/check/recompute.py" --config "$cfg" --db "$db" \
		--quiet --check "$spec=$tmp/$name.json" >"$tmp/check.out" 2>&1 ||
		fail "report $name differs from the recomputation: $(head -n 5 "$tmp/check.out")"
}
# want NAME EXPR VALUE: a Python expression on the report's total figures.
want() {
	checks=$((checks + 1))
	got=$(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["total"]
b, e = t["blockers"], t["escalated"]
print(eval(sys.argv[2]))' "$tmp/$1.json" "$2")
	[ "$got" = "$3" ] || fail "$1: $2: got '$got', expected '$3'"
}

report d11 2026-11-11 2026-11-11
want d11 'b["open"], b["by_owner"]["hub"], b["by_agency"]["ASC"], b["overdue"]' "(1, 1, 1, 0)"
report d13 2026-11-13 2026-11-13
want d13 'b["overdue"], e["total"]' "(1, 0)"
report d14 2026-11-14 2026-11-14
want d14 'b["overdue"], e["by_role"]["Hub lead"]' "(1, 1)"
report d15 2026-11-15 2026-11-15
want d15 'b["by_owner"]["asc"], b["by_agency"]["both"], b["overdue"]' "(1, 1, 0)"
# 11-15 ends delayed 5 days, nothing overdue: not escalated.
want d15 'e["total"]' "0"
# The corrected history: out on 11-16 at 15:00, the blocker ended then.
report d16 2026-11-16 2026-11-16
want d16 'b["open"], b["closed_7d"], b["median_days_to_close"]' "(0, 1, 6.0)"
report d17 2026-11-17 2026-11-17
want d17 'b["open"], b["closed_7d"], b["median_days_to_close"]' "(0, 1, 6.0)"
# As known before the correction: in a bed at the end of 11-16 (delayed 6
# days, the blocker asc's), out on 11-17 at 09:00 after 7 days.
report k16 2026-11-16 "2026-11-16~2026-11-18T00:00" \
	--as-known-at 2026-11-18T00:00
want k16 'b["open"], b["by_owner"]["asc"], b["closed_7d"]' "(1, 1, 0)"
report k17 2026-11-17 "2026-11-17~2026-11-18T00:00" \
	--as-known-at 2026-11-18T00:00
want k17 'b["open"], b["closed_7d"], b["median_days_to_close"]' "(0, 1, 7.0)"
cmp -s "$tmp/k16.json" "$tmp/first-16.json" ||
	fail "as known at 11-18, 11-16's report is not the one printed then"
# Before the blocker's changes were made, the first values.
report k15 2026-11-15 "2026-11-15~2026-11-15T09:00" \
	--as-known-at 2026-11-15T09:00
want k15 'b["by_owner"]["hub"], b["overdue"], e["by_role"]["Hub lead"]' "(1, 1, 1)"
# A close recorded days after it took effect (backdated) and before the
# window of the day asked: as known before it was recorded, the blocker
# was open then (store_blocker_then.c reads such closes by when they were
# recorded, not by their end). Another file, so the totals above hold.
db=$tmp/e.db
at 2026-11-01T07:00 init
expect_rc 0 "init, the second file"
at 2026-11-01T09:00 admit --site SFT --mrn DB02 --at 2026-11-01T08:00 \
	ward=AMU bed=2 family_name=Late given_name=Bea g2g=2026-11-01
expect_rc 0 "admit, the second file"
id=$(q "SELECT id FROM stay WHERE mrn = 'DB02'")
at 2026-11-01T09:05 blocker add --stay "$id" --owner hub --due 2026-11-30 A
expect_rc 0 "blocker add, the second file"
bl=$(q "SELECT id FROM blocker WHERE stay = $id")
at 2026-11-19T10:00 blocker close --from 2026-11-05T12:00 "$bl"
expect_rc 0 "a close backdated two weeks"
report l14 2026-11-14 2026-11-14
want l14 'b["open"], b["closed_7d"]' "(0, 0)"
report lk14 2026-11-14 "2026-11-14~2026-11-18T00:00" \
	--as-known-at 2026-11-18T00:00
want lk14 'b["open"], b["by_owner"]["hub"]' "(1, 1)"
# Known at a time before the window: the close fell between the two.
report le14 2026-11-14 "2026-11-14~2026-11-04T00:00" \
	--as-known-at 2026-11-04T00:00
want le14 'b["open"], b["by_owner"]["hub"]' "(1, 1)"
report lk06 2026-11-06 "2026-11-06~2026-11-18T00:00" \
	--as-known-at 2026-11-18T00:00
want lk06 'b["open"], b["closed_7d"]' "(1, 0)"
finish
