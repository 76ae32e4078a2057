# Issue 12, defect 8: marking a day red or green took ~12 keys a patient
# (open the form, find the field, type, find the reason, type, save), and
# cycling red -> none -> green -> red lost the red reason. Now one key on a
# list row: y green, n red (asking only why, from a short picker that
# offers the patient's last red-day reason), x clear; through the edit
# layer, so a mark someone else changed meanwhile is never overwritten.
. "$(dirname "$0")/lib.sh"

db=$tmp/marks.db
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn M1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Marker given_name=Mia
expect_eq "$rc" 0 "admit M1 ($err)"
sr admit --site SFT --mrn M2 --at 2026-11-21T10:00 ward=AMU bed=A2 \
	family_name=Other given_name=Olu
expect_eq "$rc" 0 "admit M2 ($err)"
day=2026-11-23
# mark MRN: today's mark in the database, "colour|reason" or "".
mark() {
	q "SELECT m.colour || '|' || coalesce(m.reason, '') FROM day_mark m
	   JOIN stay s ON s.id = m.stay WHERE s.mrn = '$1' AND m.day = '$day'"
}
# row MRN: the list row of MRN.
row() { printf '%s\n' "$screen" | grep -E " $1 " | head -n 1; }
# expect_row MRN COLOUR: the row's Today column (last word, or none).
expect_row() {
	local r
	tui_settle mk
	r=$(row "$1")
	checks=$((checks + 1))
	if [ -n "$2" ]; then
		[[ $r == *" $2" ]] || { fail "row $1: today is not '$2': '$r'"; dump; }
	else
		[[ $r != *" red" && $r != *" green" ]] || { fail "row $1: today is still marked: '$r'"; dump; }
	fi
}
audits() { q "SELECT count(*) FROM audit a JOIN stay s ON s.id = a.stay WHERE s.mrn = 'M1' AND a.field = 'day $day'"; }

tui_start mk 120x30
tui_wait mk " SFT Salisbury" "the board" || { finish; exit; }
tui_keys mk Enter
tui_wait_re mk " 1 of 2$" "the SFT list"
expect_screen "Marker, Mia" "M1 first (longest stay)"

# y: green, one key.
tui_keys mk y
tui_wait mk "today green" "y: said"
expect_row M1 green
expect_eq "$(mark M1)" "green|" "y: today green in the database"
expect_eq "$(mark M2)" "" "y: only the selected patient"

# n: red, asking why; the picker lists the config's reasons by digit.
tui_keys mk n
tui_wait mk "Today red: why?" "n: the picker"
expect_screen "2  Awaiting test result" "the picker lists the reasons"
expect_screen "(no reason)" "and no reason"
tui_keys mk 2
tui_wait mk "today red: Awaiting test result" "2: the second reason"
expect_row M1 red
expect_eq "$(mark M1)" "red|result" "n 2: red, awaiting test result"

# x: cleared; y: green; n: the picker offers the last red reason, Enter
# takes it.
tui_keys mk x
tui_wait mk "today's mark cleared" "x: said"
expect_row M1 ""
expect_eq "$(mark M1)" "" "x: no mark in the database"
tui_keys mk y
tui_wait mk "today green" "y again"
expect_eq "$(mark M1)" "green|" "y: green again"
tui_keys mk n
tui_wait mk "Today red: why?" "n again: the picker"
tui_keys mk Enter
tui_wait mk "today red: Awaiting test result" "Enter: the reason kept from before"
expect_eq "$(mark M1)" "red|result" "red -> none -> green -> red keeps the reason"
expect_eq "$(audits)" 5 "five changes audited (green, red, clear, green, red)"

# Esc in the picker: nothing changes.
tui_keys mk n
tui_wait mk "Today red: why?" "the picker"
tui_keys mk Down Escape
tui_wait mk "not marked" "Esc: not marked"
expect_eq "$(mark M1)" "red|result" "Esc: the mark unchanged"

# The second patient: the first's reason is offered (the session's last),
# Down picks the next.
tui_keys mk j
tui_wait_re mk " 2 of 2$" "M2 selected"
tui_keys mk n
tui_wait mk "Today red: why?" "the picker for M2"
tui_keys mk Down Enter
tui_wait mk "today red: Awaiting review" "Down Enter: the reason after the last one"
expect_eq "$(mark M2)" "red|review" "M2 red, awaiting review"

# Someone else clears M1's mark while the list shows it red, and y comes
# before the console has looked again (it is stopped meanwhile, so that it
# cannot): y is refused, their change stays, and the list shows it.
tui_keys mk k
tui_wait_re mk " 1 of 2$" "M1 selected"
tui_settle mk
pid=$(tui_pid mk)
kill -STOP "$pid"
sr mark --site SFT --day "$day" M1 clear
expect_eq "$rc" 0 "another user clears M1's mark ($err)"
tui_keys mk y
sleep 0.2
kill -CONT "$pid"
tui_wait mk "someone else has just cleared today" "y on a mark changed meanwhile: refused"
expect_eq "$(mark M1)" "" "their change stays"
expect_row M1 ""
tui_keys mk Q
tui_wait_exit mk "Q"
expect_eq "$tui_rc" 0 "exit status"

finish
