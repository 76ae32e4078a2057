# Names holding terminal escape sequences cannot take over the screen.
# `sitrep import` (and `sitrep admit`) refuse control characters in a name:
# exit 65, nothing stored. A hostile or legacy row written straight into the
# database is shown harmlessly: every control character (C0, DEL, C1) and
# every invalid byte is a visible escape (\x1b, \u009b, \xff), the window
# title is unchanged, the screen is not cleared or coloured, and the other
# rows are still there.
. "$(dirname "$0")/lib.sh"

db=$tmp/escape.db
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn N1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Normal given_name=Alice
sr admit --site SFT --mrn N2 --at 2026-11-20T11:00 ward=AMU bed=A2 \
	family_name=Normal given_name=Bob
expect_eq "$(q "SELECT count(*) FROM stay")" 2 "two ordinary stays"

# The hostile names, as bytes (hex), and how each must look on the screen.
hostile_hex=(
	1b5d303b70776e6564075469746c65 # ESC ] 0;pwned BEL Title: set the title
	1b5b324a436c656172             # ESC [2J Clear: clear the screen
	1b5b33316d526564               # ESC [31m Red: colour what follows
	c29b324a4331                   # C1 CSI 2J C1
	426f0d0a6c64                   # Bo CR LF ld: back to column 0
	ff0842616479                   # invalid byte, BS Bady
)
hostile_shown=(
	'\x1b]0;pwned\x07Title, Mallo~' # cut to the column
	'\x1b[2JClear, Mallory'
	'\x1b[31mRed, Mallory'
	'\u009b2JC1, Mallory'
	'Bo\x0d\nld, Mallory'
	'\xff\x08Bady, Mallory'
)

# ---- the command line refuses them ----
for i in "${!hostile_hex[@]}"; do
	name=$(printf '%s' "${hostile_hex[$i]}" | sed 's/../\\x&/g')
	printf 'site,ward,bed,mrn,family_name,given_name,admitted_at\nSFT,AMU,A9,H%d,"%b",Mallory,2026-11-21T09:00\n' \
		"$i" "$name" >"$tmp/hostile.csv"
	sr import "$tmp/hostile.csv"
	expect_eq "$rc" 65 "import of hostile name $i refused"
	checks=$((checks + 1))
	grep -qE "control character U\+00[0-9A-F]{2} at character [0-9]+ is not allowed" "$tmp/err" ||
		grep -qF "not valid UTF-8" "$tmp/err" ||
		fail "import of hostile name $i: the reason is not given: $err"
	sr admit --site SFT --mrn "H$i" "family_name=$(printf '%b' "$name")"
	expect_eq "$rc" 65 "admit with hostile name $i refused"
done
expect_eq "$(q "SELECT count(*) FROM stay")" 2 "nothing stored by the refusals"

# ---- rows written straight into the database ----
for i in "${!hostile_hex[@]}"; do
	q "INSERT INTO stay (site, ward, bed, mrn, family_name, given_name,
	   admitted_at) VALUES ('SFT', 'AMU', 'B$i', 'H$i',
	   CAST(X'${hostile_hex[$i]}' AS TEXT), 'Mallory', '2026-11-21T09:0$i');
	   INSERT INTO stay_state (stay, site, admitted_at, valid_from, valid_to,
	   last, ward, bed, recorded_at, span) VALUES (last_insert_rowid(), 'SFT',
	   '2026-11-21T09:0$i', '2026-11-21T09:0$i:00', '9999', 0, 'AMU', 'B$i',
	   '2026-11-21T09:00:00', 14)"
done
expect_eq "$(q "SELECT count(*) FROM stay")" 8 "six hostile rows inserted"

title0=
tui_start esc 200x40
tui_wait esc " SFT Salisbury" "the board" || { finish; exit; }
title0=$(tui_fmt esc '#{pane_title}')
tui_keys esc Enter
tui_wait esc " of 8" "the list of SFT holds all eight" || { finish; exit; }
tui_settle esc
for i in "${!hostile_shown[@]}"; do
	expect_screen "${hostile_shown[$i]}" "hostile name $i shown escaped"
done
expect_screen "Normal, Alice" "the other rows are still there"
expect_screen "Normal, Bob" "the other rows are still there"
expect_eq "$(printf '%s\n' "$screen" | head -n 1 | cut -c1-18)" " sitrep  Wiltshire" \
	"the title row is intact"
expect_eq "$(printf '%s\n' "$screen" | sed -n 2p | cut -c1-3)" "SFT" "the header row is intact"
expect_eq "$(tui_fmt esc '#{pane_title}')" "$title0" "the window title is unchanged"
checks=$((checks + 1))
[[ $(tui_fmt esc '#{pane_title}') != *pwned* ]] || fail "the window title was set by a name"
# Every row starts in its columns: no row pushed sideways or split.
rows=$(screen_lines '^ +AMU +(A[12]|B[0-5]) ' | wc -l)
expect_eq "$rows" 8 "each stay is one row in the ward column"
# No colour from a name: the "Red" row is not red. (The console's own
# colours here are the heading's and the selection's.)
screen=$(tui_capture esc -e)
checks=$((checks + 1))
printf '%s\n' "$screen" | grep -F 'Red, Mallory' | grep -qE $'\e\\[([0-9;]*;)?31(;[0-9;]*)?m' &&
	fail "the 'Red' name's row is drawn red"

# The form of each hostile stay, and privacy mode (initials of a name that
# starts with a control character).
tui_keys esc /
tui_wait esc "search name or MRN" "the search prompt"
tui_type esc "H0"
tui_keys esc Enter
tui_wait_re esc " 1 of 1 \(" "H0 found"
tui_keys esc Enter
tui_wait esc 'Edit  \x1b]0;pwned\x07Title, Mallory  MRN H0' "the form shows the name harmlessly"
expect_eq "$(tui_fmt esc '#{pane_title}')" "$title0" "the form leaves the title alone"
tui_keys esc p
tui_wait esc "PRIVACY" "privacy mode on a hostile name"
tui_settle esc
expect_eq "$(printf '%s\n' "$screen" | head -n 1 | cut -c1-18)" " sitrep  Wiltshire" \
	"privacy mode: the title row is intact"
expect_no_screen "pwned" "privacy mode hides the name"
tui_keys esc q
tui_wait esc "search: (hidden)" "back on the list"
tui_keys esc q
tui_wait esc "System OPEL" "back on the board"
tui_keys esc q
tui_wait_exit esc "q"
expect_eq "$tui_rc" 0 "exit status"
expect_eq "$(tui_fmt esc '#{pane_title}')" "$title0" "the title after the console"

finish
