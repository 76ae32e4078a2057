# NO_COLOR (https://no-color.org): with NO_COLOR=1 no view emits a colour
# (SGR 30-38, 40-48, 90-97, 100-107; 39 and 49, "default colour", are no
# colour) and levels stay visible without it: the OPEL digits on the board
# equal the report's, and emphasis is bold, underline or reverse. Without
# NO_COLOR the same screens are coloured, so the check can tell.
. "$(dirname "$0")/lib.sh"

db=$tmp/colour.db
demo_db "$db" 30 3 || { finish; exit; }

# colour_codes: the colour parameters of every SGR sequence in $screen (one
# a line; empty when there is none). 38 and 48 take their own arguments.
colour_codes() {
	printf '%s\n' "$screen" | grep -oE $'\e\\[[0-9;:]*m' | tr -d '\033[m' |
		tr ';' '\n' | grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])(:.*)?$' |
		sort -u | tr '\n' ' '
}
# attr_codes: the attribute parameters (bold 1, underline 4, reverse 7).
attr_codes() {
	printf '%s\n' "$screen" | grep -oE $'\e\\[[0-9;:]*m' | tr -d '\033[m' |
		tr ';' '\n' | grep -E '^[147]$' | sort -u | tr '\n' ' '
}
capture_e() { screen=$(tui_capture "$1" -e); }

# visit NAME: the views in turn, each captured with attributes into
# shots[VIEW].
declare -A shots
visit() {
	local s=$1
	tui_wait "$s" " SFT Salisbury" "$s: the board" || return 1
	tui_settle "$s"
	capture_e "$s"; shots[board]=$screen
	tui_keys "$s" Enter
	tui_wait "$s" "ward: all" "$s: the list"
	tui_settle "$s"
	capture_e "$s"; shots[list]=$screen
	tui_keys "$s" Enter
	tui_wait "$s" "Edit  " "$s: the form"
	tui_settle "$s"
	capture_e "$s"; shots[form]=$screen
	tui_keys "$s" q
	tui_wait "$s" "ward: all" "$s: back on the list"
	tui_keys "$s" q
	tui_wait "$s" "System OPEL" "$s: back on the board"
	tui_keys "$s" o
	tui_wait "$s" "Declare OPEL level" "$s: the OPEL dialog"
	tui_settle "$s"
	capture_e "$s"; shots[declare]=$screen
	tui_keys "$s" Escape
	tui_wait_gone "$s" "Declare OPEL level" "$s: the dialog closes"
	tui_keys "$s" d
	tui_wait "$s" "Delayed patients" "$s: the DTOC review"
	tui_settle "$s"
	capture_e "$s"; shots[dtoc]=$screen
	tui_keys "$s" '?'
	tui_wait "$s" "Keys (q to go back)" "$s: the help"
	tui_settle "$s"
	capture_e "$s"; shots[help]=$screen
	tui_keys "$s" Q
	tui_wait_exit "$s" "$s: Q"
	expect_eq "$tui_rc" 0 "$s: exit status"
}

# ---- NO_COLOR=1 ----
tui_start mono 200x60 NO_COLOR=1
visit mono
for view in board list form declare dtoc help; do
	screen=${shots[$view]-}
	expect_eq "$(colour_codes)" "" "NO_COLOR: no colour on the $view"
done
screen=${shots[board]}
expect_eq "$(attr_codes)" "1 4 7 " "NO_COLOR: the board uses bold, underline and reverse"
# The levels are digits in the OPEL column, the report's.
sr report --format csv
printf '%s\n' "$out" | sed '1s/^\xef\xbb\xbf//' >"$tmp/report.csv"
want=$(sqlite3 :memory: -cmd ".import --csv '$tmp/report.csv' r" \
	"SELECT scope || ' ' || opel_computed FROM r WHERE type = 'site'" | sort)
screen=$(printf '%s\n' "${shots[board]}" | sed $'s/\e\\[[0-9;:]*m//g')
# (On a wide screen the projected free beds at noon and midnight follow.)
got=$(printf '%s\n' "$screen" | awk '/ Noon 24:00$/ { wide = 2 }
	NF >= 11 + wide && $1 ~ /^[A-Z]+$/ &&
	$(NF - 1 - wide) ~ /^[1-4]$/ { print $1, $(NF - 1 - wide) }' | sort)
expect_eq "$got" "$want" "NO_COLOR: every site's level is a digit on the board"
# The levels have words in the dialog, not only a colour.
screen=${shots[declare]}
expect_screen "pressure" "NO_COLOR: the dialog names the level"

# ---- the same views with colour: the check sees colours ----
tui_start colour 200x60
visit colour
for view in board list form declare dtoc help; do
	screen=${shots[$view]-}
	checks=$((checks + 1))
	[ -n "$(colour_codes)" ] || fail "colour: the $view shows no colour, so the NO_COLOR check proves nothing"
done

# ---- an empty NO_COLOR is no setting (no-color.org) ----
tui_start empty 120x40 NO_COLOR=
tui_wait empty " SFT Salisbury" "NO_COLOR empty: the board"
tui_settle empty
capture_e empty
checks=$((checks + 1))
[ -n "$(colour_codes)" ] || fail "an empty NO_COLOR turned colours off"
tui_keys empty q
tui_wait_exit empty "NO_COLOR empty: q"

finish
