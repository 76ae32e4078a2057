# The independent check of `sitrep return`: a generated census of several
# thousand stays over ~90 days (tests/check/gen_data.py) is imported as it
# was recorded over time (discharge ready dates recorded late, ended and
# started again, reasons changed, discharge times corrected), children and
# 18th birthdays are put at the community sites, and a morning's late
# records and corrections are made through the commands; then for days,
# weeks and months, acute and community, for the system and one site, as
# now known and as known at earlier times, a separate program written from
# the words of sitrep(1) only (tests/check/return_check.py, reading the
# record) recomputes every figure of `sitrep return --format json`, and the
# two must agree exactly.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
check=$src/tests/check
db=$tmp/return.db
# Today is Monday 30 November; the last day of data is Sunday the 29th.
export SITREP_TODAY=2026-11-30 SITREP_NOW=2026-11-30T08:00
export SITREP_USER=${SITREP_USER:-tester}
# The zone the system runs in: the October week and month hold the end of
# summer time (Sunday 25 October).
export TZ=Europe/London

sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
stop_unless() { "$@" || { finish; exit 1; }; }

# Edge cases (admissions at 00:00 and 23:59, DRD on the admission day, on
# the discharge day, LOS on the 7/14/21 edges...) around the checked days:
# the week's ends, the clock change, a month's end.
python3 "$check/gen_data.py" --seed 20261129 --config "$cfg" \
	--ref 2026-11-29 --days 2026-11-29,2026-11-23,2026-11-22,2026-10-25,2026-10-31 \
	--out "$tmp/census.csv" --history "$tmp/hist" 2>"$tmp/gen.err" ||
	fail "gen_data.py: $(cat "$tmp/gen.err")"
stop_unless [ -s "$tmp/hist/times" ]

# Children at the community sites, and birthdays on the edge of 18 on the
# checked periods' last days (18 that day: counted; the day after: not),
# the same birth date in every import of a stay.
python3 - "$check" "$cfg" "$tmp/hist" <<'EOF' || fail "birth dates"
import csv, glob, sys
sys.path.insert(0, sys.argv[1])
from sitrep_config import load_config
community = {s["code"] for s in load_config(sys.argv[2]).sites
             if s["kind"] == "community"}
births = ["2010-05-05", "2008-11-29", "2008-11-30", "2008-11-22",
          "2008-11-23", "2008-11-24", "2008-10-25", "2008-10-26",
          "2008-10-31", "2008-11-01", "2009-06-30", ""]
chosen, n = {}, 0
for path in sorted(glob.glob(sys.argv[3] + "/*.csv")):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    site, mrn, birth = (head.index(c) for c in ("site", "mrn", "birth_date"))
    for r in rows[1:]:
        if r[site] not in community:
            continue
        key = (r[site], r[mrn])
        if key not in chosen:
            chosen[key] = births[n // 5 % len(births)] if n % 5 == 0 else None
            n += 1
        if chosen[key] is not None:
            r[birth] = chosen[key]
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
print("%d community stays, %d given a birth date near 18"
      % (len(chosen), sum(v is not None for v in chosen.values())))
EOF

# The record built over time: census imports from 60 days before the last
# day of data, each at its own time; the last on the 30th at 07:00.
i=0
while read -r at; do
	f=$(printf '%s/hist/%03d.csv' "$tmp" "$i")
	SITREP_NOW=$at sr import "$f"
	expect_rc 0 "import $(basename "$f") at $at"
	[ "$rc" = 0 ] || break
	i=$((i + 1))
done <"$tmp/hist/times"
stop_unless [ "$i" -gt 30 ]
expect_eq "$(q "SELECT count(*) > 0 FROM stay_fact WHERE recorded_at > valid_from")" 1 \
	"facts recorded late"
expect_eq "$(q "SELECT count(*) > 0 FROM audit WHERE field = 'discharged_at' AND old IS NOT NULL")" 1 \
	"discharge times corrected"
expect_eq "$(q "SELECT count(*) > 0 FROM stay s JOIN site t ON t.code = s.site
	WHERE t.kind = 'community' AND s.birth_date > '2008-11-29'")" 1 \
	"children at the community sites"

# Returns submitted at 08:30, before the morning's records: printed again
# later --as-known-at 08:30 they must read the same.
submitted=("acute --week 2026-11-25" "community --date 2026-11-29"
	"acute --date 2026-11-26" "community --week 2026-11-25")
i=0
for spec in "${submitted[@]}"; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	SITREP_NOW=2026-11-30T08:30 sr return $spec --format json
	expect_rc 0 "return $spec at 08:30"
	cp "$tmp/out" "$tmp/submitted-$i.json"
done

# The morning of the 30th, after 08:30: late records and corrections.
# A: a discharge on Wednesday the 25th, recorded late.
a=$(q "SELECT id FROM stay WHERE site = 'SFT' AND discharged_at IS NULL
	AND admitted_at < '2026-11-18' AND (g2g_date IS NULL OR g2g_date <= '2026-11-25')
	ORDER BY id LIMIT 1")
# B: a DRD of the 20th found late, and blockers dated back: B from the
# 21st, then E made primary from the 24th (long stay: LOS 14 and 21+).
b=$(q "SELECT id FROM stay s WHERE site = 'SFT' AND discharged_at IS NULL
	AND admitted_at < '2026-11-01' AND g2g_date IS NULL AND id <> '$a'
	AND NOT EXISTS (SELECT 1 FROM blocker k WHERE k.stay = s.id)
	ORDER BY id LIMIT 1")
# C: the pathway and destination given after the discharge (25th).
c=$(q "SELECT id FROM stay WHERE site = 'GWH' AND discharged_at LIKE '2026-11-25%'
	AND coalesce(pathway, 0) <> 3 ORDER BY id LIMIT 1")
# D: a discharge of the 24th corrected to the 26th.
d=$(q "SELECT id FROM stay WHERE site = 'RUH' AND discharged_at LIKE '2026-11-24T1%'
	AND (g2g_date IS NULL OR g2g_date <= '2026-11-24') ORDER BY id LIMIT 1")
# E: a discharge on the 26th in the afternoon with a pathway given after it
# (2), then another dated at noon (1, recorded later) and a DRD dated at
# noon, then the discharge corrected to 10:00 that morning: the stay
# leaves with the values left after its discharge (sitrep(1) "DATED
# FACTS"), counted from 09:59: the DRD, and of the two pathways the
# latest dated (2, a minute before the old discharge), not the latest
# recorded.
e=$(q "SELECT id FROM stay WHERE site = 'GWH' AND discharged_at LIKE '2026-11-26T1%'
	AND discharged_at > '2026-11-26T14' AND g2g_date IS NULL AND pathway IS NULL
	AND admitted_at < '2026-11-25' ORDER BY id LIMIT 1")
# F: a birth date corrected (an adult found to be 14) at a community site,
# NCTR at the end of the 29th.
f=$(q "SELECT s.id FROM stay s JOIN site t ON t.code = s.site
	WHERE t.kind = 'community' AND s.discharged_at IS NULL
	AND s.admitted_at < '2026-11-20' AND s.g2g_date <= '2026-11-29'
	AND s.birth_date < '1990-01-01' ORDER BY s.id LIMIT 1")
[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ -n "$d" ] && [ -n "$e" ] &&
	[ -n "$f" ] || fail "the record lacks a stay the test needs: '$a' '$b' '$c' '$d' '$e' '$f'"
edis=$(q "SELECT discharged_at FROM stay WHERE id = '$e'")
export SITREP_NOW=2026-11-30T09:00
sr discharge --stay "$a" --at 2026-11-25T14:00 --destination "Care home"
expect_rc 0 "A: a discharge recorded late"
sr set --stay "$b" --from 2026-11-20 g2g_date=2026-11-20
expect_rc 0 "B: a DRD found late"
sr blocker add --stay "$b" --from 2026-11-21T10:00 B
expect_rc 0 "B: a blocker dated back"
sr blocker add --stay "$b" --from 2026-11-24T10:00 --primary E
expect_rc 0 "B: another, primary"
sr set --stay "$c" --discharged-ok pathway=3
expect_rc 0 "C: the pathway after the discharge"
sr set --stay "$c" destination=Hospice
expect_rc 0 "C: the destination after the discharge"
sr discharge --stay "$d" --at 2026-11-26T11:00
expect_rc 0 "D: a discharge corrected later"
sr set --stay "$e" --discharged-ok pathway=2
expect_rc 0 "E: the pathway after the discharge"
sr set --stay "$e" --from 2026-11-26T12:00 pathway=1
expect_rc 0 "E: a pathway at noon"
sr set --stay "$e" --from 2026-11-26T12:00 g2g_date=2026-11-26
expect_rc 0 "E: a DRD at noon"
SITREP_NOW=2026-11-30T09:05 sr discharge --stay "$e" --at 2026-11-26T10:00
expect_rc 0 "E: the discharge corrected to the morning (was $edis)"
# G: an admission of the 20th recorded late, and its discharge on the 27th.
sr admit --site SFT --mrn RLATE1 --at 2026-11-20T10:00 g2g=2026-11-21 pathway=1 \
	birth_date=1950-01-01
expect_rc 0 "G: an admission recorded late"
sr discharge --site SFT --at 2026-11-27T12:00 --destination "Usual residence" RLATE1
expect_rc 0 "G: its discharge"
# H: an admission recorded late, discharged at midnight ending the 26th,
# its DRD (the 25th) and pathway (2, then 3) given after the discharge:
# true from the minute before the discharge (23:59 on the 26th), so in a
# bed and NCTR at the 26th's end, and it leaves with them (of the two
# pathways true from the same minute, the one recorded last).
sr admit --site GWH --mrn RLATE2 --at 2026-11-20T10:00 birth_date=1940-02-02
expect_rc 0 "H: an admission recorded late"
sr discharge --site GWH --at 2026-11-27T00:00 RLATE2
expect_rc 0 "H: its discharge at midnight"
sr set --site GWH --discharged-ok RLATE2 g2g_date=2026-11-25 pathway=2
expect_rc 0 "H: the DRD and pathway after the discharge"
SITREP_NOW=2026-11-30T09:01 sr set --site GWH --discharged-ok RLATE2 pathway=3
expect_rc 0 "H: the pathway corrected after the discharge"
SITREP_NOW=2026-11-30T09:40 sr set --stay "$f" birth_date=2012-01-01
expect_rc 0 "F: a birth date corrected"
export SITREP_NOW=2026-11-30T10:00
comm=$(q "SELECT site FROM stay WHERE id = '$f'")

# The returns checked: days (the last day of data, a Monday, the day the
# clocks went back, yesterday by default), weeks (the last, the one
# before, the clock change's), months (October, September), a site alone,
# and as known at earlier times: before this morning's records, and while
# the census was still coming in, and between E's late values and the
# correction of its discharge (it leaves with them at its old time).
specs=(
	"acute --date 2026-11-29" "community --date 2026-11-29"
	"acute --date 2026-11-23" "community --date 2026-11-23"
	"acute --date 2026-11-26" "acute --date 2026-10-25"
	"community --date 2026-10-25" "acute"
	"acute --week 2026-11-25" "community --week 2026-11-25"
	"acute --week 2026-11-16" "community --week 2026-11-22"
	"acute --week 2026-10-21" "community --week 2026-10-25"
	"acute --month 2026-10" "community --month 2026-10"
	"acute --month 2026-09" "community --month 2026-09"
	"acute --week 2026-11-29 --site SFT" "acute --date 2026-11-25 --site GWH"
	"community --month 2026-10 --site $comm"
	"acute --week 2026-11-25 --as-known-at 2026-11-30T08:30"
	"community --date 2026-11-29 --as-known-at 2026-11-30T08:30"
	"acute --date 2026-11-26 --as-known-at 2026-11-30T08:30"
	"acute --week 2026-11-18 --as-known-at 2026-11-23T09:00"
	"community --week 2026-11-18 --as-known-at 2026-11-23T09:00"
	"acute --month 2026-10 --as-known-at 2026-11-02T10:00"
	"acute --date 2026-11-23 --as-known-at 2026-11-24T07:00"
	"acute --date 2026-11-26 --as-known-at 2026-11-30T09:02"
)
pairs=()
n=0
for spec in "${specs[@]}"; do
	n=$((n + 1))
	json=$tmp/return-$n.json
	# shellcheck disable=SC2086 # a spec is words
	sr return $spec --format json
	expect_rc 0 "return $spec"
	cp "$tmp/out" "$json"
	pairs+=(--check "$spec=$json")
done
python3 "$check/return_check.py" --config "$cfg" --db "$db" --blocker-reasons \
	"${pairs[@]}" >"$tmp/cmp" 2>"$tmp/cmp.err"
rc=$?
checks=$((checks + 1))
cat "$tmp/cmp"
[ -s "$tmp/cmp.err" ] && sed 's/^/  /' "$tmp/cmp.err"
[ "$rc" = 0 ] ||
	fail "sitrep's returns differ from the recomputation (above)"
grep -q '^return_check: [1-9][0-9]* figures compared' "$tmp/cmp" ||
	fail "the recomputation compared nothing"

# A variant config: its own four delay reasons in another order instead of
# the DTOC list (stays recorded with the others count as "none"), and a
# community site with no stays (its counts 0, its percentages and means
# null).
sed -e '/^delay_vocabulary: dtoc$/{r /dev/stdin' -e 'd}' "$cfg" >"$tmp/variant.yaml" <<'EOF'
delay_reasons:
  - { code: E,  label: "Care package in own home", family: capacity, agency: ASC }
  - { code: A,  label: "Completion of assessment", family: hub }
  - { code: D1, label: "Residential home", family: capacity }
  - { code: B,  label: "Public funding", family: hub, agency: ASC }
EOF
cat >>"$tmp/variant.yaml" <<'EOF'
  - code: HOS
    name: A new unit with no patients yet
    kind: community
    wards:
      - { code: H1, name: First ward, beds: 10 }
EOF
run check-config "$tmp/variant.yaml"
expect_rc 0 "the variant config is valid"
grep -q "^delay_vocabulary" "$tmp/variant.yaml" && fail "the variant config keeps the DTOC list"
grep -q "^  - { code: D1, " "$tmp/variant.yaml" || fail "the variant config lacks its reasons"
vpairs=()
for spec in "acute --week 2026-11-25" "community --week 2026-11-18" \
	"community --date 2026-11-23"; do
	n=$((n + 1))
	json=$tmp/return-$n.json
	# shellcheck disable=SC2086
	run --config "$tmp/variant.yaml" --db "$db" return $spec --format json
	expect_rc 0 "return $spec (variant config)"
	cp "$tmp/out" "$json"
	vpairs+=(--check "$spec=$json")
done
python3 "$check/return_check.py" --config "$tmp/variant.yaml" --db "$db" \
	"${vpairs[@]}" >"$tmp/cmp" 2>"$tmp/cmp.err"
rc=$?
checks=$((checks + 1))
sed 's/^/variant: /' "$tmp/cmp"
[ -s "$tmp/cmp.err" ] && sed 's/^/  /' "$tmp/cmp.err"
[ "$rc" = 0 ] ||
	fail "sitrep's returns under the variant config differ from the recomputation (above)"

# As known before this morning's records, the week and the 26th read
# otherwise than now: the late records are in one and not the other.
for pair in "9 22" "5 24"; do
	read -r now known <<<"$pair"
	python3 -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
sys.exit(0 if [a["sites"], a["total"]] != [b["sites"], b["total"]] else 1)' \
		"$tmp/return-$now.json" "$tmp/return-$known.json" ||
		fail "return ${specs[$now - 1]}: the same figures as known at 08:30"
done

# Printed again as known at 08:30, the submitted returns read as they were.
i=0
for spec in "${submitted[@]}"; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	sr return $spec --as-known-at 2026-11-30T08:30 --format json
	expect_rc 0 "return $spec as known at 08:30"
	python3 -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for k in ("sites", "total"):
    for x, y in zip(a[k] if k == "sites" else [a[k]], b[k] if k == "sites" else [b[k]]):
        for part in x:
            if x[part] != y.get(part):
                if part == "figures":
                    for f in x[part]:
                        if x[part][f] != y[part].get(f):
                            print("%s %s %s: submitted %s, again %s" % (k, x["site"], f, x[part][f], y[part].get(f)))
                else:
                    print("%s %s %s differs" % (k, x["site"], part))
sys.exit(0 if [a["sites"], a["total"]] == [b["sites"], b["total"]] else 1)' \
		"$tmp/submitted-$i.json" "$tmp/out" >"$tmp/again" ||
		fail "return $spec: printed again as known at 08:30, not as submitted: $(tr '\n' ';' <"$tmp/again")"
done

# The checker catches a wrong figure: each of a count, a mean, a reason
# and a destination put one out in a copy of sitrep's return.
perturb() { # N PYTHON-EXPRESSION-ON-d WHAT
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[2])
json.dump(d, open(sys.argv[3], "w"))' "$tmp/return-$1.json" "$2" "$tmp/wrong.json" ||
		{ fail "perturb $3"; return; }
	python3 "$check/return_check.py" --config "$cfg" --db "$db" \
		--check "${specs[$1 - 1]}=$tmp/wrong.json" >"$tmp/wrong.out" 2>&1
	rc=$?
	checks=$((checks + 1))
	[ "$rc" = 1 ] && grep -q "$3" "$tmp/wrong.out" ||
		fail "a wrong $3 not caught (exit $rc): $(cat "$tmp/wrong.out")"
}
perturb 9 'd["sites"][0]["figures"]["delay_2_3"] += 1' "figures.delay_2_3"
perturb 15 'd["total"]["figures"]["mean_delay_days"] = float(d["total"]["figures"]["mean_delay_days"]) + 0.1' \
	"total.figures.mean_delay_days"
perturb 10 'r = d["total"]["nctr_los_7_plus_by_reason"]; r["none"] += 1' \
	"total.nctr_los_7_plus_by_reason.none"
perturb 1 'd["sites"][1]["destinations"][0]["n"] += 1' "destinations"
perturb 3 'd["sites"][0]["figures"]["nctr_remaining"] -= 1' "figures.nctr_remaining"

# To look into a difference: SITREP_CHECK_KEEP=DIR keeps the files here.
if [ -n "${SITREP_CHECK_KEEP:-}" ]; then
	mkdir -p "$SITREP_CHECK_KEEP" &&
		cp "$tmp"/*.json "$db" "$SITREP_CHECK_KEEP"/
fi
echo "return check: $(q "SELECT count(*) FROM stay") stays, $n returns" \
	"(${#specs[@]} under the example config, $((n - ${#specs[@]})) under a variant)"
finish
