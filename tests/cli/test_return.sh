# sitrep return: the national returns on a hand-built record, each figure
# worked out below from the stays (the arithmetic in the comments), in
# text, CSV and JSON; the same bytes when printed again later; as known
# at a time before a late record, the return as it was then; the
# community return counts adults only; and on a demo the daily return's
# figures equal the report's.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
golden=$src/tests/cli/return
db=$tmp/r.db

# Everything recorded on Monday 30 November at 08:00, but for P5's
# discharge, recorded late (2 December).
export SITREP_NOW=2026-11-30T08:00 SITREP_TODAY=2026-11-30
sr() { run --config "$cfg" --db "$db" "$@"; }
ok() { expect_rc 0 "$1"; }

# SFT (acute). The week is Monday 23 to Sunday 29 November.
# P1: in from 1 Nov, DRD 20 Nov, out Tue 24th 11:00, pathway 1: delay 4.
sr admit --site SFT --mrn P1 --at 2026-11-01T10:00 g2g=2026-11-20 pathway=1; ok "admit P1"
sr discharge --site SFT --at 2026-11-24T11:00 --destination "Home with reablement" P1; ok "discharge P1"
# P2: in 20 Nov, DRD 24th, out the 24th 16:00, pathway 0: delay 0.
sr admit --site SFT --mrn P2 --at 2026-11-20T09:00 g2g=2026-11-24 pathway=0; ok "admit P2"
sr discharge --site SFT --at 2026-11-24T16:00 --destination Home P2; ok "discharge P2"
# P3: in 10 Nov, DRD 22nd, waiting for a care package (E), in a bed.
sr admit --site SFT --mrn P3 --at 2026-11-10T08:00 g2g=2026-11-22 reason=E agency=ASC; ok "admit P3"
# P4: in 25th, out 26th 10:00, pathway 0, no DRD, no destination.
sr admit --site SFT --mrn P4 --at 2026-11-25T08:00 pathway=0; ok "admit P4"
sr discharge --site SFT --at 2026-11-26T10:00 P4; ok "discharge P4"
# P5: in 20 Oct, DRD 3 Nov, out Sat 28th 12:00 (recorded on 2 Dec),
# pathway 3: delay 25.
sr admit --site SFT --mrn P5 --at 2026-10-20T08:00 g2g=2026-11-03 pathway=3; ok "admit P5"
# GWH (acute): G1 in 15 Nov, DRD 23rd, in a bed.
sr admit --site GWH --mrn G1 --at 2026-11-15T08:00 g2g=2026-11-23; ok "admit G1"
# CHP (community): C1 16 years old, C2 86, C3 of unknown age.
sr admit --site CHP --mrn C1 --at 2026-11-01T08:00 birth_date=2010-01-01 g2g=2026-11-20; ok "admit C1"
sr admit --site CHP --mrn C2 --at 2026-11-01T08:00 birth_date=1940-05-05 g2g=2026-11-20; ok "admit C2"
sr admit --site CHP --mrn C3 --at 2026-11-21T08:00; ok "admit C3"

# The returns before the late record, kept to compare.
before() { # NAME ARGS...
	local name=$1
	shift
	sr return "$@"
	ok "return $*"
	cp "$tmp/out" "$tmp/before-$name"
}
before week-csv acute --week 2026-11-25 --format csv

export SITREP_NOW=2026-12-02T10:00 SITREP_TODAY=2026-12-02
sr discharge --site SFT --at 2026-11-28T12:00 --destination "Care home" P5; ok "discharge P5, late"
export SITREP_NOW=2026-12-04T09:00 SITREP_TODAY=2026-12-04

# value FILE SITE METRIC [KEY]: a value of a CSV return.
value() {
	awk -F, -v s="$2" -v m="$3" -v k="${4-}" \
		'$5 == s && $6 == m && $7 == k { print $8 }' "$1"
}
check() { # SITE METRIC [KEY] EXPECTED DESCRIPTION
	local got
	if [ $# = 4 ]; then
		got=$(value "$tmp/out" "$1" "$2")
		expect_eq "$got" "$3" "$4"
	else
		got=$(value "$tmp/out" "$1" "$2" "$3")
		expect_eq "$got" "$4" "$5"
	fi
}

# ---- the daily return of Tuesday 24 November ----
sr return acute --date 2026-11-24 --format csv
ok "daily return"
# Remaining at the day's end: P3 (DRD 22nd) and P5 (DRD 3rd, still in);
# discharged that day with a DRD on or before it: P1, P2.
check SFT nctr 4 "SFT NCTR on the 24th: 2 discharged + 2 remaining"
check SFT nctr_discharged 2 "SFT NCTR discharged: P1, P2"
check SFT nctr_remaining 2 "SFT NCTR remaining: P3, P5"
check GWH nctr_remaining 1 "GWH NCTR remaining: G1"
check total nctr 5 "all acute sites: 4 + 1"
check SFT discharges 2 "SFT discharges on the 24th"
check SFT discharges_pathway_0 1 "pathway 0: P2"
check SFT discharges_pathway_1 1 "pathway 1: P1"
check SFT delay_0 1 "delay 0: P2"
check SFT delay_4_6 1 "delay 4-6: P1 (24 - 20 = 4)"
check SFT same_day_pct 50.0 "same day: 1 of 2"
check SFT mean_delay_days 2.0 "mean: (0 + 4) / 2"
check SFT mean_delay_days_excl_0 4.0 "mean without same day: 4 / 1"
check SFT bed_days_lost 4 "bed days lost: 0 + 4"
check SFT discharges_pathway_1_to "Home with reablement" 1 "P1's destination"
check CHP nctr "" "no community site in the acute return"
expect_no_out_grep() { grep -q ",CHP," "$tmp/out" && fail "$1"; }
expect_no_out_grep "a community site in the acute return"

# ---- the weekly return, 23 to 29 November ----
sr return acute --week 2026-11-25 --format csv
ok "weekly return"
cp "$tmp/out" "$tmp/week.csv"
# Bed days at each day's end with LOS >= 7 / 14 / 21:
#   P1 (in from 1 Nov) at the end of the 23rd only, LOS 22: 1 / 1 / 1;
#   P3 (10 Nov) every day, LOS 13 .. 19: 7 / 6 / 0;
#   P5 (20 Oct) the 23rd to the 27th (out the 28th), LOS 34+: 5 / 5 / 5.
check SFT bed_days_los_7_plus 13 "bed days LOS 7+: 1 + 7 + 5"
check SFT bed_days_los_14_plus 12 "bed days LOS 14+: 1 + 6 + 5"
check SFT bed_days_los_21_plus 6 "bed days LOS 21+: 1 + 0 + 5"
# At the week's end only P3 is NCTR (LOS 19), waiting for E.
check SFT nctr_los_7_plus_by_reason E 1 "NCTR LOS 7+ at the week's end: P3, reason E"
check SFT nctr_los_14_plus_by_reason E 1 "NCTR LOS 14+: P3"
check SFT nctr_los_7_plus_by_reason none 0 "no NCTR patient without a reason"
# The week's discharges: P1 (delay 4), P2 (0), P4 (no DRD), P5 (25).
check SFT discharges 4 "discharges in the week"
check SFT discharges_pathway_0 2 "pathway 0: P2, P4"
check SFT discharges_pathway_3 1 "pathway 3: P5"
check SFT discharges_without_drd 1 "without a DRD: P4"
check SFT delay_21_plus 1 "21+: P5 (28 Nov - 3 Nov = 25)"
check SFT same_day_pct 33.3 "same day: 1 of 3"
check SFT mean_delay_days 9.7 "mean: (0 + 4 + 25) / 3 = 9.67"
check SFT mean_delay_days_excl_0 14.5 "without same day: 29 / 2"
check SFT bed_days_lost 29 "bed days lost: 0 + 4 + 25"
check SFT discharges_pathway_0_to "" 1 "P4: no destination recorded"
check SFT discharges_pathway_3_to "Care home" 1 "P5's destination"
# The same bytes printed again later.
export SITREP_NOW=2026-12-04T17:00
sr return acute --week 2026-11-25 --format csv
cmp -s "$tmp/out" "$tmp/week.csv" || fail "the weekly return printed again later differs"

# As known at 30 November 09:00, before P5's discharge was recorded: the
# return as it was then (P5 in a bed to the week's end: bed days 13 + 2,
# NCTR at the week's end with no reason; 3 discharges), byte for byte.
sr return acute --week 2026-11-25 --format csv --as-known-at 2026-11-30T09:00
ok "weekly return as known at"
check SFT bed_days_los_7_plus 15 "as known then: P5 in to the week's end"
check SFT nctr_los_7_plus_by_reason none 1 "as known then: P5 NCTR without a blocker"
check SFT discharges 3 "as known then: 3 discharges"
sed 's/,*$//' "$tmp/out" >/dev/null
cmp -s "$tmp/out" "$tmp/before-week-csv" ||
	fail "the return as known at 30 Nov 09:00 is not the one printed then: $(diff "$tmp/before-week-csv" "$tmp/out" | head -n 6)"

# ---- the month ----
sr return acute --month 2026-11 --format csv --site SFT
ok "monthly return"
check SFT discharges 4 "November's discharges at SFT"
check total discharges 4 "the total is SFT's with --site"
checks=$((checks + 1))
grep -q ",bed_days_los_" "$tmp/out" && fail "the weekly figures in a monthly return"
grep -q ",nctr," "$tmp/out" && fail "the daily figures in a monthly return"

# ---- community: adults only ----
sr return community --date 2026-11-24 --format csv
ok "community return"
check CHP nctr_remaining 1 "CHP NCTR: C2 (C1 is 16, not counted)"
cp "$tmp/out" "$tmp/community-before.csv"
# C2's birth date corrected on 4 December at 10:00: a child after all.
SITREP_NOW=2026-12-04T10:00 sr set --site CHP C2 birth_date=2012-05-05; ok "birth date corrected"
sr return community --date 2026-11-24 --format csv
check CHP nctr_remaining 0 "after the correction C2 is not counted"
sr return community --date 2026-11-24 --format csv --as-known-at 2026-12-04T09:30
cmp -s "$tmp/out" "$tmp/community-before.csv" ||
	fail "as known before the birth date's correction, the return printed then: $(diff "$tmp/community-before.csv" "$tmp/out" | head -n 4)"

# ---- text and JSON, golden ----
sr return acute --week 2026-11-25
ok "weekly return, text"
[ -n "${SITREP_REGEN-}" ] && cp "$tmp/out" "$golden/week.txt"
cmp -s "$tmp/out" "$golden/week.txt" ||
	fail "text return differs from tests/cli/return/week.txt: $(diff "$golden/week.txt" "$tmp/out" | head -n 8)"
sr return acute --date 2026-11-24 --format json
ok "daily return, JSON"
[ -n "${SITREP_REGEN-}" ] && cp "$tmp/out" "$golden/day.json"
cmp -s "$tmp/out" "$golden/day.json" ||
	fail "JSON return differs from tests/cli/return/day.json: $(diff "$golden/day.json" "$tmp/out" | head -n 8)"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out" ||
	fail "the JSON return does not parse"

# ---- refusals ----
sr return acute --date 2026-12-04
expect_fail "a return of today"
expect_err "a return is for a period that has ended" "today refused"
sr return acute --week 2026-12-01
expect_fail "a return of this week"
sr return acute --date 2026-11-24 --week 2026-11-24
expect_fail "two periods"
expect_err "give one of --date, --week and --month" "two periods refused"
sr return acute --site CHP
expect_fail "a community site in the acute return"
expect_err "'CHP' is not an acute site of the config" "wrong kind refused"
sr return mental
expect_fail "an unknown return"
expect_err "unknown return 'mental'" "unknown return refused"
sr return acute --month 2026-13
expect_fail "a bad month"
expect_err "--month takes a month, YYYY-MM" "bad month refused"

# ---- the daily return against the report, on a demo ----
ddb=$tmp/demo.db
run --db "$ddb" demo --scale system --days 40 --seed 11 --today 2026-11-30 --write-config "$tmp/demo.yaml"
ok "demo"
export SITREP_NOW=2026-12-01T08:00 SITREP_TODAY=2026-12-01
run --config "$tmp/demo.yaml" --db "$ddb" return acute --date 2026-11-27 --format json
ok "demo return"
cp "$tmp/out" "$tmp/ret.json"
run --config "$tmp/demo.yaml" --db "$ddb" report --date 2026-11-27 --format json
cp "$tmp/out" "$tmp/r27.json"
run --config "$tmp/demo.yaml" --db "$ddb" report --date 2026-11-28 --format json
cp "$tmp/out" "$tmp/r28.json"
python3 - "$tmp" <<'PY' || fail "the daily return against the report: see above"
import json, sys
t = sys.argv[1]
ret = json.load(open(t + "/ret.json"))
r27 = {s["code"]: s for s in json.load(open(t + "/r27.json"))["sites"]}
r28 = {s["code"]: s for s in json.load(open(t + "/r28.json"))["sites"]}
bad = 0
for s in ret["sites"]:
    f, code = s["figures"], s["site"]
    want = r27[code]["g2g"]
    if f["nctr_remaining"] != want:
        print("%s: NCTR remaining %s, report g2g %s" % (code, f["nctr_remaining"], want)); bad += 1
    y = r28[code]["discharges_yesterday"]
    if f["discharges"] != y["total"]:
        print("%s: discharges %s, report %s" % (code, f["discharges"], y["total"])); bad += 1
    for p in "0123":
        if f["discharges_pathway_" + p] != y["by_pathway"].get(p, 0):
            print("%s: pathway %s %s, report %s" % (code, p, f["discharges_pathway_" + p], y["by_pathway"])); bad += 1
    if f["nctr"] != f["nctr_discharged"] + f["nctr_remaining"]:
        print("%s: nctr is not discharged + remaining" % code); bad += 1
if not ret["total"]["figures"]["discharges"]:
    print("the demo discharged nobody: nothing compared"); bad += 1
sys.exit(1 if bad else 0)
PY
finish
