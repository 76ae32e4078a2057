# Issue 12, defect 8 (the form's half): cycling the day's mark in the edit
# form red -> none -> green -> red lost the red-day reason, so it had to be
# looked up and typed again. The reason put aside when the day leaves red
# comes back with the red; saved, the database holds it.
. "$(dirname "$0")/lib.sh"

db=$tmp/cycle.db
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn C1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Cycler given_name=Cy
expect_eq "$rc" 0 "admit C1 ($err)"
day=2026-11-23
mark() {
	q "SELECT m.colour || '|' || coalesce(m.reason, '') FROM day_mark m
	   JOIN stay s ON s.id = m.stay WHERE s.mrn = 'C1' AND m.day = '$day'"
}
# The first word of the value shown on a form line (after the label): a
# mark ("red", "green", "not" for not marked), a reason's code, "-".
field() {
	local line first rest
	tui_settle cy
	line=$(screen_lines "$1" | head -n 1)
	line=${line#*"$1"}
	read -r first rest <<<"$line"
	printf '%s' "$first"
}

tui_start cy 120x30
tui_wait cy " SFT Salisbury" "the board" || { finish; exit; }
tui_keys cy Enter
tui_wait_re cy " 1 of 1$" "the SFT list"
tui_keys cy e
tui_wait cy "Today red/green" "the form"
# Down to the day's mark (the ninth field).
tui_keys cy j j j j j j j j
# Right until the day is red.
for _ in 1 2 3; do
	[ "$(field 'Today red/green')" = red ] && break
	tui_keys cy l
done
expect_eq "$(field 'Today red/green')" red "the mark cycled to red"
tui_keys cy j l
reason=$(field 'Red-day reason')
checks=$((checks + 1))
[ -n "$reason" ] && [ "$reason" != - ] ||
	{ fail "no red-day reason chosen: '$reason'"; dump; }
# Back to the mark; around once: none and green have no reason, and red
# brings the same reason back.
tui_keys cy k
seen_other=0
for _ in 1 2 3; do
	tui_keys cy l
	m=$(field 'Today red/green')
	[ "$m" = red ] && break
	seen_other=$((seen_other + 1))
	expect_eq "$(field 'Red-day reason')" - "no reason while the day is '$m'"
done
expect_eq "$seen_other" 2 "red -> none -> green -> red (two values between)"
expect_eq "$(field 'Today red/green')" red "red again"
expect_eq "$(field 'Red-day reason')" "$reason" "the red-day reason came back"
tui_keys cy C-s
tui_wait cy " 1 of 1" "saved, back on the list"
expect_eq "$(mark)" "red|$reason" "saved red, with the reason kept"
tui_keys cy Q
tui_wait_exit cy "Q"
expect_eq "$tui_rc" 0 "exit status"
finish
