# The independent check of the bed state and the bed balance: a demo of 60
# days under the example config, bed closures and escalation beds recorded
# through the commands (on a ward, a bed, the site; ended, ended again,
# planned ends before and after the moment, starts and ends exactly at the
# moment), and a morning's admissions, discharges and EDD changes, some on
# the edges of the figures' windows (the same weekday 1 to 4 weeks before
# at the moment's minute and at noon, the month's first minute, the 28
# days' first day and today); then at several moments of the day a
# separate program written from the words of sitrep(1) only
# (tests/check/balance_check.py, reading `sitrep export`, the config and
# the bed-state tables) recomputes the bed figures, the bed balance,
# admissions month to date and the 28 days' weekend discharges of
# `sitrep report --format json --at T`, per site and for the system, and
# the out-of-area patients of `sitrep repatriation`, and the two must agree.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "no sqlite3: skipped"; exit 77; }
cfg=$src/config/sitrep.yaml
check=$src/tests/check
db=$tmp/balance.db
# Today is Monday 23 November 2026.
export SITREP_TODAY=2026-11-23 SITREP_NOW=2026-11-23T08:00
export SITREP_USER=${SITREP_USER:-tester}
export TZ=Europe/London

sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
stop_unless() { "$@" || { finish; exit 1; }; }
at() { # NOW COMMAND...: a command run at NOW
	local now=$1
	shift
	SITREP_NOW=$now sr "$@"
}

# balance MOMENT: the check at MOMENT, with sitrep's now fixed to it.
balance() {
	SITREP_NOW=$1 python3 "$check/balance_check.py" --bin "$SITREP_BIN" \
		--config "$cfg" --db "$db" --at "$1" >"$tmp/cmp" 2>"$tmp/cmp.err"
	rc=$?
	checks=$((checks + 1))
	sed "s/^/$1: /" "$tmp/cmp"
	[ -s "$tmp/cmp.err" ] && sed 's/^/  /' "$tmp/cmp.err"
	[ "$rc" = 0 ] ||
		fail "at $1: sitrep's bed balance differs from the recomputation (above)"
	grep -q '^balance_check: [1-9][0-9]* figures compared' "$tmp/cmp" ||
		fail "at $1: the recomputation compared nothing"
}

sr demo --days 60 --seed 7
expect_rc 0 "demo"
stop_unless [ "$(q "SELECT count(*) FROM stay WHERE discharged_at IS NULL")" -gt 100 ]

# 08:00: the bed states the call sees.
sr beds close SFT/AMU 4 --reason infection --from 2026-11-22T10:00
expect_rc 0 "close 4 beds at SFT/AMU since yesterday"
sr beds escalate GWH 6
expect_rc 0 "escalate 6 beds at GWH now"
sr beds close RUH 10 --reason staffing --from 2026-11-20T08:00 --to 2026-11-21T08:00
expect_rc 0 "a closure at RUH that ended on the 21st"
sr beds escalate AWP/APL 2 --from 2026-11-22T08:00 --to 2026-11-23T08:00
expect_rc 0 "an escalation at AWP/APL planned to end at 08:00"
sr beds close ICT/STEPDN 5 --reason cleaning --from 2026-11-23T06:00 --to 2026-11-23T11:00
expect_rc 0 "a closure at ICT/STEPDN planned to end at 11:00"
stop_unless [ "$(q "SELECT count(*) FROM bed_state")" = 5 ]
balance 2026-11-23T08:00

# The morning: stays in a bed given a confirmed EDD today, moved to
# tomorrow, found to live out of area, discharged.
pick() { # SITE CONDITION: a stay in a bed at SITE
	q "SELECT id FROM stay WHERE site = '$1' AND discharged_at IS NULL
		AND admitted_at < '2026-11-23' AND $2 ORDER BY id LIMIT 1"
}
e1=$(pick SFT "edd = '2026-11-23' AND coalesce(edd_status, '') <> 'confirmed'")
e2=$(pick SFT "edd = '2026-11-23' AND edd_status = 'confirmed'")
e3=$(pick GWH "edd = '2026-11-24' AND coalesce(edd_status, '') <> 'confirmed'")
o1=$(pick RUH "coalesce(area, '') IN ('WILTS', 'SWIN', 'BANES', '')")
d1=$(pick GWH "id > 0")
d2=$(pick CHP "id > 0")
d3=$(pick SFT "edd = '2026-11-23' AND id <> '$e1' AND id <> '$e2'")
[ -n "$e1" ] && [ -n "$e2" ] && [ -n "$e3" ] && [ -n "$o1" ] && [ -n "$d1" ] &&
	[ -n "$d2" ] && [ -n "$d3" ] ||
	{ fail "the demo lacks a stay the test needs: '$e1' '$e2' '$e3' '$o1' '$d1' '$d2' '$d3'"; finish; exit 1; }
at 2026-11-23T09:00 set --stay "$e1" edd_status=confirmed
expect_rc 0 "an EDD of today confirmed"
at 2026-11-23T09:00 set --stay "$e2" edd=2026-11-24
expect_rc 0 "a confirmed EDD moved to tomorrow"
at 2026-11-23T09:00 set --stay "$e3" edd_status=confirmed
expect_rc 0 "an EDD of tomorrow confirmed"
at 2026-11-23T09:05 set --stay "$o1" area=DORSET
expect_rc 0 "a patient out of area"
at 2026-11-23T09:20 discharge --stay "$d1"
expect_rc 0 "a discharge at 09:20"
at 2026-11-23T10:30 discharge --stay "$d2" --at 2026-11-23T10:30
expect_rc 0 "a discharge at 10:30"
at 2026-11-23T11:00 discharge --stay "$d3"
expect_rc 0 "a discharge at 11:00 (an expected discharge of the day)"

# Admissions of the morning, and some recorded late on the windows' edges:
# the same weekday a week and four weeks before at 10:29, 10:30, 11:59 and
# 12:00; the month's first minute and the minute before; a discharge on
# the first of the 28 days at 00:00, on a Saturday, and today at 00:00.
at 2026-11-23T09:10 admit --site SFT --mrn BAL01 --at 2026-11-23T09:10 ward=AMU \
	edd=2026-11-23 edd_status=confirmed source=home area=DORSET
expect_rc 0 "an admission at 09:10 with an EDD of today"
at 2026-11-23T09:15 admit --site ICT --mrn BAL02 --at 2026-11-23T09:15 ward=STEPDN \
	source=acute area=SOM edd=2026-11-24
expect_rc 0 "a step-down admission at 09:15"
at 2026-11-23T10:30 admit --site CHP --mrn BAL03 --at 2026-11-23T10:30 ward=CED \
	source=community area=OOA-X edd=2026-11-23
expect_rc 0 "a step-up admission at 10:30"
export SITREP_NOW=2026-11-23T10:30
n=0
for a in 2026-11-16T10:29 2026-11-16T10:30 2026-11-16T11:59 2026-11-16T12:00 \
	2026-10-26T10:30 2026-10-26T23:59 2026-11-09T00:00 2026-11-01T00:00 \
	2026-10-31T23:59; do
	n=$((n + 1))
	src_of=home
	[ $((n % 2)) = 0 ] && src_of=acute
	sr admit --site SAV --mrn "BALX$n" --at "$a" source=$src_of
	expect_rc 0 "an admission recorded late at $a"
	sr discharge --site SAV --at "$(date -d "${a/T/ } 5 hours" +%Y-%m-%dT%H:%M)" "BALX$n"
	expect_rc 0 "its discharge"
done
sr admit --site WMR --mrn BALY1 --at 2026-10-25T09:00 source=home
expect_rc 0 "an admission of 25 October"
sr discharge --site WMR --at 2026-10-26T00:00 BALY1
expect_rc 0 "discharged at 00:00 on the 28 days' first day"
sr admit --site WMR --mrn BALY2 --at 2026-10-24T09:00 source=other
expect_rc 0 "an admission of 24 October"
sr discharge --site WMR --at 2026-10-25T23:59 BALY2
expect_rc 0 "discharged the last minute before the 28 days"
sr admit --site WMR --mrn BALY3 --at 2026-11-20T09:00
expect_rc 0 "an admission of 20 November"
sr discharge --site WMR --at 2026-11-23T00:00 BALY3
expect_rc 0 "discharged at 00:00 today"
sr admit --site WMR --mrn BALY4 --at 2026-11-20T09:00 source=acute
expect_rc 0 "another of 20 November"
sr discharge --site WMR --at 2026-11-21T14:00 BALY4
expect_rc 0 "discharged on a Saturday"

# Bed states of the morning: an escalation ended at 09:30, one planned to
# end at 11:00 then ended at 10:00, one planned to end at 10:00 then kept
# open to 11:30, one from exactly 10:30, one ended exactly at 10:30, and a
# named bed closed.
at 2026-11-23T09:30 beds end 2
expect_rc 0 "GWH's escalation beds closed at 09:30"
at 2026-11-23T09:00 beds escalate SAV/AIL 3 --from 2026-11-23T09:00 --to 2026-11-23T11:00
expect_rc 0 "escalation at SAV/AIL to 11:00"
at 2026-11-23T09:40 beds end 6 --at 2026-11-23T10:00
expect_rc 0 "... ended at 10:00 instead"
at 2026-11-23T09:00 beds escalate RUH/MAU 4 --from 2026-11-23T09:00 --to 2026-11-23T10:00
expect_rc 0 "escalation at RUH/MAU to 10:00"
at 2026-11-23T09:50 beds end 7 --at 2026-11-23T11:30
expect_rc 0 "... kept open to 11:30"
at 2026-11-23T10:30 beds escalate AWP/LID 2 --from 2026-11-23T10:30
expect_rc 0 "escalation at AWP/LID from 10:30"
at 2026-11-23T09:00 beds close CHP/CED 3 --reason staffing --from 2026-11-23T09:00 --to 2026-11-23T10:30
expect_rc 0 "a closure at CHP/CED to 10:30"
at 2026-11-23T09:00 beds close WMR/LNG --bed B01 --reason estates
expect_rc 0 "a bed closed at WMR/LNG"
stop_unless [ "$(q "SELECT count(*) FROM bed_state")" = 10 ]
stop_unless [ "$(q "SELECT count(*) FROM bed_state_end")" = 3 ]

balance 2026-11-23T10:30
balance 2026-11-23T11:45
# Past noon: no projection to noon.
balance 2026-11-23T13:00

# The checker catches a wrong figure: each of a count, a bed state, an
# expectation, a projection, a percentage and a total put one out in a
# copy of sitrep's report; and a patient left off the repatriation list.
export SITREP_NOW=2026-11-23T13:00
sr report --format json --at 2026-11-23T13:00
expect_rc 0 "the report at 13:00"
cp "$tmp/out" "$tmp/report.json"
sr export
expect_rc 0 "the export at 13:00"
cp "$tmp/out" "$tmp/export.csv"
sr repatriation --format csv --at 2026-11-23T13:00
expect_rc 0 "the repatriation list at 13:00"
cp "$tmp/out" "$tmp/repat.csv"
grep -q '^RUH,.*,DORSET,' "$tmp/repat.csv" || fail "RUH's patient from DORSET not on the list"
perturb() { # PYTHON-EXPRESSION-ON-d WHAT [REPATRIATION-FILE]
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[2])
json.dump(d, open(sys.argv[3], "w"))' "$tmp/report.json" "$1" "$tmp/wrong.json" ||
		{ fail "perturb $2"; return; }
	python3 "$check/balance_check.py" --bin "$SITREP_BIN" --config "$cfg" \
		--db "$db" --at 2026-11-23T13:00 --json "$tmp/wrong.json" \
		--export "$tmp/export.csv" --repatriation "${3:-$tmp/repat.csv}" \
		>"$tmp/wrong.out" 2>&1
	rc=$?
	checks=$((checks + 1))
	[ "$rc" = 1 ] && grep -q "$2" "$tmp/wrong.out" ||
		fail "a wrong $2 not caught (exit $rc): $(cat "$tmp/wrong.out")"
}
python3 "$check/balance_check.py" --bin "$SITREP_BIN" --config "$cfg" --db "$db" \
	--at 2026-11-23T13:00 --json "$tmp/report.json" --export "$tmp/export.csv" \
	--repatriation "$tmp/repat.csv" >"$tmp/right.out" 2>&1
rc=$?
checks=$((checks + 1))
[ "$rc" = 0 ] || fail "the saved outputs differ from the recomputation: $(cat "$tmp/right.out")"
perturb 'd["sites"][0]["beds_closed"] += 1' "SFT beds_closed"
perturb 'd["sites"][1]["bed_balance"]["edd_today_confirmed"] -= 1' "GWH bed_balance.edd_today_confirmed"
perturb 'd["sites"][2]["bed_balance"]["expected_admissions_to_midnight"] += 0.1' \
	"RUH bed_balance.expected_admissions_to_midnight"
perturb 'd["sites"][0]["bed_balance"]["projected_free_noon"] = 0' "SFT bed_balance.projected_free_noon"
perturb 'd["sites"][6]["admissions_mtd"]["step_up_pct"] = None' "ICT admissions_mtd.step_up_pct"
perturb 'd["total"]["discharges_28d"]["weekend"] += 1' "total discharges_28d.weekend"
perturb 'd["sites"][5]["occupancy_pct"] += 0.1' "WMR occupancy_pct"
grep -v '^RUH,.*,DORSET,' "$tmp/repat.csv" >"$tmp/repat-short.csv"
perturb 'pass' "RUH repatriation area DORSET" "$tmp/repat-short.csv"

# To look into a difference: SITREP_CHECK_KEEP=DIR keeps the files here.
if [ -n "${SITREP_CHECK_KEEP:-}" ]; then
	mkdir -p "$SITREP_CHECK_KEEP" &&
		cp "$tmp"/*.json "$tmp"/*.csv "$db" "$SITREP_CHECK_KEEP"/
fi
echo "balance check: $(q "SELECT count(*) FROM stay") stays," \
	"$(q "SELECT count(*) FROM bed_state") bed states, 4 moments"
finish
