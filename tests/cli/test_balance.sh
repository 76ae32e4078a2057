# Issue 16: the arithmetic of bed state, the bed balance, step-up share,
# weekend discharges and out of area, on a small system whose every
# figure is worked out by hand below (from the words of sitrep(1)).
#
# ACU (acute): wards W1 10 beds and W2 6 beds (16). COM (community): 8
# beds. Today is Monday 23 November 2026; the moment is 08:00.
. "$(dirname "$0")/lib.sh"

cat >"$tmp/sitrep.yaml" <<'YAML'
system: { name: Balance }
areas:
  - { code: A1, name: Area one }
  - { code: A2, name: Area two }
sites:
  - code: ACU
    name: Acute
    kind: acute
    wards:
      - { code: W1, name: Ward one, beds: 10 }
      - { code: W2, name: Ward two, beds: 6 }
  - code: COM
    name: Community
    kind: community
    beds: 8
YAML
db=$tmp/b.db
c=(--config "$tmp/sitrep.yaml" --db "$db")
export SITREP_USER=tester
at() { SITREP_NOW=$1 SITREP_TODAY=${1%T*}; export SITREP_NOW SITREP_TODAY; }
ok() { run "${c[@]}" "$@"; expect_rc 0 "$*"; }

at 2026-10-25T09:00
ok init
# Past Mondays at ACU, the same weekday as today: 11-16 at 07:00 (before
# 08:00: not expected), 09:00 and 13:00; 11-09 at 10:00; 11-02 at 15:00,
# 20:00 and 23:30; 10-26 none. From 08:00 to noon: 09:00, 10:00 = 2 in 4
# weeks, 0.5 a Monday; to midnight: those and 13:00, 15:00, 20:00, 23:30
# = 6, 1.5 a Monday. Each is discharged: on weekdays 11-17 (three),
# 11-10, 11-03, 11-04, and on Saturday 11-07 (one): in the 28 days
# 10-26 .. 11-22, 6 discharges on the 20 weekdays and 1 on the 8 weekend
# days: a weekend day's rate (1/8 = 0.125) is 41.7% of a weekday's
# (6/20 = 0.3).
n=0
past() { # ADMITTED DISCHARGED
	n=$((n + 1))
	at "${2}"
	run "${c[@]}" admit --site ACU --mrn "H$n" --at "$1" ward=W1
	expect_rc 0 "admit H$n"
	run "${c[@]}" discharge --site ACU --at "$2" "H$n"
	expect_rc 0 "discharge H$n"
}
past 2026-11-02T15:00 2026-11-03T11:00
past 2026-11-02T20:00 2026-11-04T11:00
past 2026-11-02T23:30 2026-11-07T11:00
past 2026-11-09T10:00 2026-11-10T11:00
past 2026-11-16T07:00 2026-11-17T11:00
past 2026-11-16T09:00 2026-11-17T12:00
past 2026-11-16T13:00 2026-11-17T13:00

# Community admissions this month: 2 from home, 1 from the community
# (step-up: 3), 3 from acute beds (step-down: 3), 1 other, 1 not recorded:
# 8 admissions, step-up 3 of 6 = 50%. Areas: A1, A2, ZZ (out of area),
# none.
at 2026-11-20T10:00
m=0
for src in home home community acute acute acute other ""; do
	m=$((m + 1))
	set -- admit --site COM --mrn "C$m" --at "2026-11-0${m}T10:00"
	[ -n "$src" ] && set -- "$@" "source=$src"
	case $m in 1) set -- "$@" area=A1 ;; 2) set -- "$@" area=A2 ;; 3) set -- "$@" area=ZZ ;; esac
	ok "$@"
done

# In a bed at ACU at 08:00 today: six patients on W1. EDDs: today
# confirmed, today possible, today with no status (possible), tomorrow
# confirmed, tomorrow possible, next week.
at 2026-11-22T18:00
i=0
for e in "edd=2026-11-23 edd_status=confirmed" "edd=2026-11-23 edd_status=possible" \
	"edd=2026-11-23" "edd=2026-11-24 edd_status=confirmed" \
	"edd=2026-11-24 edd_status=possible" "edd=2026-11-30"; do
	i=$((i + 1))
	# shellcheck disable=SC2086 # the fields are words
	ok admit --site ACU --mrn "P$i" --at 2026-11-22T17:00 ward=W1 $e
done

json() { # KEY.PATH [REPORT ARGS...]: one figure of ACU (or of the total
	local path=$1
	shift
	run "${c[@]}" report --format json "$@"
	expect_rc 0 "report $*"
	python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
scope, *path = sys.argv[1].split(".")
node = d["total"] if scope == "total" else next(s for s in d["sites"] if s["code"] == scope)
for p in path:
    node = node[p]
print(node)' "$path" <<<"$out"
}

at 2026-11-23T07:30
before=$(json ACU.beds_available --date 2026-11-21)
expect_eq "$before" 16 "Saturday's available beds: the base"
# Three beds of W2 closed from Sunday 10:00 (recorded now, backdated), two
# escalation beds open at ACU from 07:00 today.
ok beds close ACU/W2 3 --reason infection --from 2026-11-22T10:00
ok beds escalate ACU 2 --from 2026-11-23T07:00 --note "surge"

at 2026-11-23T08:00
expect_eq "$(json ACU.beds)" 16 "the base"
expect_eq "$(json ACU.beds_closed)" 3 "3 closed"
expect_eq "$(json ACU.beds_escalation)" 2 "2 escalation"
expect_eq "$(json ACU.beds_available)" 15 "available = 16 - 3 + 2"
expect_eq "$(json ACU.occupied)" 6 "6 in a bed"
expect_eq "$(json ACU.free_beds)" 9 "free = 15 - 6"
expect_eq "$(json ACU.occupancy_pct)" 40.0 "occupancy on available beds: 6 / 15"
expect_eq "$(json ACU.bed_balance.edd_today_confirmed)" 1 "1 confirmed today"
expect_eq "$(json ACU.bed_balance.edd_today_possible)" 2 "2 possible today (one not said)"
expect_eq "$(json ACU.bed_balance.edd_tomorrow_confirmed)" 1 "1 confirmed tomorrow"
expect_eq "$(json ACU.bed_balance.edd_tomorrow_possible)" 1 "1 possible tomorrow"
expect_eq "$(json ACU.bed_balance.expected_admissions_to_noon)" 0.5 "0.5 admissions expected by noon"
expect_eq "$(json ACU.bed_balance.expected_admissions_to_midnight)" 1.5 "1.5 by midnight"
expect_eq "$(json ACU.bed_balance.projected_free_noon)" 9.5 "noon: 9 + 1 - 0.5"
expect_eq "$(json ACU.bed_balance.projected_free_midnight)" 10.5 "midnight: 9 + 3 - 1.5"
expect_eq "$(json ACU.discharges_28d.weekend)" 1 "1 weekend discharge"
expect_eq "$(json ACU.discharges_28d.weekday)" 6 "6 weekday discharges"
expect_eq "$(json ACU.discharges_28d.weekend_rate_pct)" 41.7 "weekend rate 41.7% of weekdays'"
expect_eq "$(json COM.admissions_mtd.count)" 8 "8 community admissions"
expect_eq "$(json COM.admissions_mtd.step_up)" 3 "3 step-up"
expect_eq "$(json COM.admissions_mtd.step_down)" 3 "3 step-down"
expect_eq "$(json COM.admissions_mtd.step_up_pct)" 50.0 "step-up 3 of 6"
expect_eq "$(json total.beds_available)" 23 "system available: 15 + 8"

# After noon, no noon projection; a day's end has neither.
at 2026-11-23T13:00
expect_eq "$(json ACU.bed_balance.projected_free_noon)" None "no noon projection after noon"
expect_eq "$(json ACU.bed_balance.projected_free_midnight --date 2026-11-22)" None \
	"no projection for a day's end"

# Past days do not move; --as-known-at before the closure was recorded
# shows Sunday without it, after it (backdated) with it.
expect_eq "$(json ACU.beds_available --date 2026-11-21)" "$before" "Saturday unchanged by the closure"
expect_eq "$(json ACU.beds_available --date 2026-11-22)" 13 "Sunday's end: 3 closed (backdated)"
expect_eq "$(json ACU.beds_available --date 2026-11-22 --as-known-at 2026-11-23T07:00)" 16 \
	"Sunday as known before the closure was recorded"

# Reopened at 12:00: the afternoon has 18 beds, the morning still 15.
ok beds end 1 --at 2026-11-23T12:00
expect_eq "$(json ACU.beds_available)" 18 "after reopening: 16 + 2"
expect_eq "$(json ACU.beds_available --at 2026-11-23T08:00)" 15 "08:00 as it was"
expect_eq "$(json ACU.beds_available --at 2026-11-23T08:00 --as-known-at 2026-11-23T07:45)" 15 \
	"08:00 as known before the reopening"
# A closure larger than the ward is refused, and writes nothing.
run "${c[@]}" beds close ACU/W1 11 --reason staffing
expect_fail "11 of W1's 10 beds"
expect_err "count: 11 beds closed, but ACU/W1 has 10" "the message says why"
expect_eq "$(sqlite3 "$db" 'SELECT count(*) FROM bed_state')" 2 "nothing written"

# Out of area: C3 (ZZ) only; A1, A2 and none are not.
ok repatriation --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,6)" "COM,ZZ" "one patient out of area"
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f4)" "" "no MRN without --show-names"
finish
