# Privacy mode (p), for screen-shared calls: on the board, a patient list
# and the edit form, no family or given name of the data set and no NHS
# number (10 digits or 3-3-4) is on the screen, a PRIVACY label is, and a
# search term is hidden; p again shows them all. Names that are also words of
# site or ward names ("Ward", "Smith" of Robin Smith Ward) are left out of the
# check, since those words are on the screen as places.
. "$(dirname "$0")/lib.sh"

db=$tmp/privacy.db
demo_db "$db" 30 3 || { finish; exit; }
# Two patients of our own at CHP, with names found nowhere else.
sr admit --site CHP --mrn PRIV1 --at 2026-11-20T10:00 ward=CED \
	family_name=Quennell-Fairweather given_name=Xanthe nhs="999 000 0018"
expect_eq "$rc" 0 "admit PRIV1 ($err)"
sr admit --site CHP --mrn PRIV2 --at 2026-11-21T10:00 ward=CED \
	"family_name=Ó Fionnagáin" given_name=Eòghann nhs=9990000026
expect_eq "$rc" 0 "admit PRIV2 ($err)"

# Every name in the data set, one a line, less the words of places.
q "SELECT name FROM site UNION ALL SELECT name FROM ward" >"$tmp/places"
q "SELECT family_name FROM stay WHERE family_name IS NOT NULL UNION
   SELECT given_name FROM stay WHERE given_name IS NOT NULL" |
	while IFS= read -r n; do
		grep -qwF -- "$n" "$tmp/places" || printf '%s\n' "$n"
	done >"$tmp/names"
[ "$(wc -l <"$tmp/names")" -gt 100 ] || fail "too few names to check: $(wc -l <"$tmp/names")"

# names_on_screen: the names of the data set on $screen, one a line.
names_on_screen() { printf '%s\n' "$screen" | grep -owF -f "$tmp/names" | sort -u; }
nhs_on_screen() {
	printf '%s\n' "$screen" | grep -oE '(^|[^0-9])([0-9]{3} [0-9]{3} [0-9]{4}|[0-9]{10})($|[^0-9])'
}
# private WHERE: the screen shows no name, no NHS number, and the label.
private() {
	tui_settle pv
	expect_eq "$(names_on_screen | tr '\n' ' ')" "" "$1: names in privacy mode"
	expect_eq "$(nhs_on_screen | tr '\n' ' ')" "" "$1: NHS numbers in privacy mode"
	checks=$((checks + 1))
	printf '%s\n' "$screen" | head -n 1 | grep -qF "PRIVACY" ||
		{ fail "$1: no PRIVACY label on the title row"; dump; }
}
# public WHERE NAME NHS: the screen shows the name and the number (an ERE)
# again.
public() {
	tui_wait pv "$2" "$1: the name is shown"
	tui_wait_re pv "$3" "$1: the NHS number is shown"
	checks=$((checks + 1))
	printf '%s\n' "$screen" | head -n 1 | grep -qF "PRIVACY" &&
		fail "$1: the PRIVACY label is still on"
}

tui_start pv 200x60
tui_wait pv " SFT Salisbury" "the board" || { finish; exit; }
tui_keys pv p
tui_wait pv "PRIVACY" "p on the board: the label"
private "board"
# Still private in the list of CHP (the fourth site row).
tui_keys pv j j j
tui_wait pv "CHP OPEL" "CHP selected"
tui_keys pv Enter
tui_wait pv "CHP Chippenham Community Hospital" "the CHP list"
tui_wait_re pv " of [0-9]+" "the CHP list is loaded"
private "list"
tui_keys pv p
public "list" "Quennell-Fairweather, Xanthe" "^NHS [0-9]{3} [0-9]{3} [0-9]{4} "
tui_wait pv "Ó Fionnagáin, Eòghann" "the list shows the other name"
screen_names=$(names_on_screen | wc -l)
checks=$((checks + 1))
[ "$screen_names" -ge 20 ] || fail "the list shows only $screen_names names outside privacy mode: the check would prove nothing"
tui_keys pv p
tui_wait_gone pv "Quennell" "p in the list hides the names"
private "list, p again"

# A search by name: the term is hidden in the list's header too.
tui_keys pv /
tui_wait pv "search name or MRN" "the search prompt"
tui_type pv "Quennell"
tui_keys pv Enter
tui_wait_re pv " 1 of 1 \(" "the search finds one patient"
expect_screen "search: (hidden)" "the search term is hidden"
private "searched list"
tui_keys pv Enter
tui_wait pv "Edit  " "the form"
private "form"
expect_screen "NHS *** *** ****" "the form masks the NHS number"
tui_keys pv p
public "form" "Edit  Quennell-Fairweather, Xanthe" "NHS 999 000 0018"
tui_keys pv p
tui_wait_gone pv "Quennell" "p in the form hides the name"
private "form, p again"
tui_keys pv q
tui_wait pv "search: (hidden)" "back on the list, still private"
private "list after the form"
tui_keys pv p
public "list after the form" "search: Quennell" "^NHS 999 000 0018 "
tui_keys pv Q
tui_wait_exit pv "Q"
expect_eq "$tui_rc" 0 "exit status"

finish
