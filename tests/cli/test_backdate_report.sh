# Issue 13: a correction dated earlier changes the figures only where it
# falls. The report of every day from 20 November to today is printed
# (JSON); then a stay's delay reason is corrected from 28 November
# (set --from). An edit made today with no --from (the delay reason and
# agency, a ward move) changes no day before today; after the correction
# the reports of the days before the 28th are byte for byte as before, and
# those from the 28th to yesterday change (the delayed patient counted
# under the corrected reason).
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/r.db
export SITREP_NOW=2026-12-04T12:00 SITREP_TODAY=2026-12-04

sr() { run --config "$cfg" --db "$db" "$@"; }

sr admit --site SFT --mrn R1 --at 2026-11-10T10:00 ward=AMU bed=1 \
	g2g=2026-11-12 reason=A agency=ASC
expect_rc 0 "admit R1"
sr admit --site SFT --mrn R2 --at 2026-11-15T10:00 ward=AMU bed=2 \
	edd=2026-12-20
expect_rc 0 "admit R2"

days="2026-11-20 2026-11-25 2026-11-27 2026-11-28 2026-11-30 2026-12-01 2026-12-03"
# prints NAME: every day's report into $tmp/NAME-DAY.json.
prints() {
	local d
	for d in $days; do
		sr report --date "$d" --format json
		expect_rc 0 "report --date $d"
		cp "$tmp/out" "$tmp/$1-$d.json"
	done
}
prints before

# Today's changes, no --from: no past day moves.
sr set R1 reason=G agency=NHS
expect_rc 0 "today's change of the delay reason (issue 13's example)"
sr set R2 ward=BRT bed=7 reason=G g2g=2026-12-04
expect_rc 0 "today's move"
prints today
for d in $days; do
	cmp -s "$tmp/before-$d.json" "$tmp/today-$d.json" ||
		fail "a change made today moved the report of $d: $(diff "$tmp/before-$d.json" "$tmp/today-$d.json" | head -n 6)"
done

# The correction from the 28th.
sr set R1 reason=E --from 2026-11-28
expect_rc 0 "set --from 2026-11-28"
prints after
for d in $days; do
	if [[ $d < 2026-11-28 ]]; then
		cmp -s "$tmp/before-$d.json" "$tmp/after-$d.json" ||
			fail "the correction from the 28th moved the report of $d: $(diff "$tmp/before-$d.json" "$tmp/after-$d.json" | head -n 6)"
	else
		cmp -s "$tmp/before-$d.json" "$tmp/after-$d.json" &&
			fail "the correction from the 28th did not change the report of $d"
	fi
done
finish
