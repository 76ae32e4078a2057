# Issue 12, defect 7: MRNs were cut at 10 characters (`AC0040058~`) and
# shown in privacy mode; list dates had no year when not this year. Now the
# MRN column is as wide as the longest MRN of the rows in hand, masked in
# privacy mode (list and form), and a date outside the current year (2026,
# the frozen clock's) shows its year, with the columns still aligned; at
# 120 and 80 columns.
. "$(dirname "$0")/lib.sh"

db=$tmp/columns7.db
sr init
expect_eq "$rc" 0 "init ($err)"
long=ACUTE-0040058-RBD # 17 characters
sr admit --site SFT --mrn "$long" --at 2025-11-20T10:00 ward=AMU bed=A1 \
	family_name=Longmrn given_name=Lara g2g=2025-12-01 edd=2027-01-10
expect_eq "$rc" 0 "admit $long ($err)"
sr admit --site SFT --mrn X1 --at 2026-11-20T10:00 ward=AMU bed=A2 \
	family_name=Short given_name=Sid g2g=2026-11-21 edd=2026-11-30
expect_eq "$rc" 0 "admit X1 ($err)"
sr admit --site SFT --mrn MRN000003 --at 2026-11-21T10:00 ward=AMU bed=A3 \
	family_name=Middle given_name=Mo edd=2026-12-24
expect_eq "$rc" 0 "admit MRN000003 ($err)"

# col TEXT: the screen column (0-based, characters) where TEXT starts on
# the line holding it.
col() {
	printf '%s\n' "$screen" | grep -F -- "$1" | head -n 1 |
		awk -v t="$1" '{ print index($0, t) - 1 }'
}
# aligned WHERE: MRNs whole and in one column; dates with and without
# years in one column each.
aligned() {
	local where=$1 c1 c2 c3
	tui_settle cols7
	expect_screen "$long " "$where: the long MRN whole"
	checks=$((checks + 1))
	! screen_lines 'AMU +A[123] ' | grep -qF '~' ||
		{ fail "$where: a list row is cut with '~'"; dump; }
	c1=$(col "$long") c2=$(col " X1 ") c3=$(col "MRN000003")
	expect_eq "$c1 $((c2 + 1)) $c3" "$c1 $c1 $c1" "$where: the MRNs start in one column"
	# G2G a year ago: 357 days' delay; EDD next year.
	expect_screen " 1 Dec 2025 +357" "$where: the G2G date of last year has its year"
	expect_screen "10 Jan 2027" "$where: the EDD of next year has its year"
	expect_screen "21 Nov +2" "$where: this year's G2G date has none"
	expect_screen "+2        30 Nov" "$where: this year's EDD"
	expect_eq "$(col '10 Jan 2027')" "$(col '30 Nov')" "$where: the EDDs in one column"
	expect_eq "$(col ' 1 Dec 2025')" "$(col '21 Nov +2')" "$where: the G2G dates in one column"
}

tui_start cols7 120x30
tui_wait cols7 " SFT Salisbury" "the board" || { finish; exit; }
tui_keys cols7 Enter
tui_wait_re cols7 " 1 of 3$" "the SFT list"
aligned "120 columns"
tui_resize cols7 80 24
tui_wait_re cols7 '^SFT .{1,70}1 of 3$' "the list at 80 columns"
aligned "80 columns"

# Privacy: no MRN on the list or the form; one '*' a character instead.
tui_keys cols7 p
tui_wait cols7 "PRIVACY" "privacy mode"
tui_wait_gone cols7 "$long" "privacy: the long MRN is masked"
expect_no_screen "MRN000003" "privacy: MRNs masked"
expect_no_screen " X1 " "privacy: short MRNs masked"
expect_screen "*****************" "privacy: the long MRN's mask"
tui_keys cols7 Enter
tui_wait cols7 "Edit  L. L.  MRN ***************** " "the form masks the MRN"
expect_no_screen "$long" "the form shows no MRN"
tui_keys cols7 p
tui_wait cols7 "Edit  Longmrn, Lara  MRN $long " "p again: the form shows it"
tui_keys cols7 q
tui_wait cols7 "$long " "back on the list, MRNs shown"
tui_keys cols7 Q
tui_wait_exit cols7 "Q"
expect_eq "$tui_rc" 0 "exit status"

finish
