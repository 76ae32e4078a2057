# Defect 3 of issue 12: resizing the terminal while a prompt (/ search) was
# open left the screen as it was: lines cut at the old width, the prompt on
# a row that was no longer the last, until the prompt closed. Now the view
# underneath is drawn again at the new size, then the prompt, with what was
# typed kept.
. "$(dirname "$0")/lib.sh"

db=$tmp/resize.db
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn R1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Resize given_name=Rita
sr admit --site SFT --mrn R2 --at 2026-11-21T10:00 ward=AMU bed=A2 \
	family_name=Other given_name=Olga
expect_eq "$(q "SELECT count(*) FROM stay")" 2 "two stays"

# line N: row N of the last capture (0 is the top).
line() { printf '%s\n' "$screen" | sed -n "$(($1 + 1))p"; }
# The list's header row is "SITE NAME  ward: ...   N of M", its count at
# the right edge: its length is the width it was drawn for.
header_width() { local l; l=$(line 1); echo "${#l}"; }
wait_header_width() { # NAME WIDTH DESCRIPTION
	local end=$((SECONDS + tui_timeout))
	checks=$((checks + 1))
	while :; do
		screen=$(tui_capture "$1")
		[ "$(header_width)" = "$2" ] && return 0
		if [ "$SECONDS" -ge "$end" ]; then
			fail "$3: the header row is $(header_width) columns, not $2"
			dump "$1"
			return 1
		fi
		sleep 0.05
	done
}

tui_start rs 80x20
tui_wait rs " SFT Salisbury" "the board" || { finish; exit; }
tui_keys rs Enter
tui_wait rs "ward: all" "the list" || { finish; exit; }
wait_header_width rs 80 "the list at 80 columns"
tui_keys rs /
tui_wait rs "search name or MRN (empty: all, Up: last):" "the search prompt"
tui_type rs "Res"
tui_wait rs "(empty: all, Up: last): Res" "typing in the prompt"

# Wider and taller, with the prompt open.
tui_resize rs 130 24
wait_header_width rs 130 "wider with the prompt open: the list is drawn at 130 columns"
expect_screen "SFT Salisbury NHS Foundation Trust  ward: all" \
	"wider: the header row has room for the site's name"
headings=$(line 2)
checks=$((checks + 1))
[[ $headings == *" Today" && ${#headings} -gt 100 ]] ||
	fail "wider: the column headings reach the new right edge: '$headings'"
expect_eq "$(line 23)" "search name or MRN (empty: all, Up: last): Res" \
	"wider: the prompt is on the new last row, with what was typed"
checks=$((checks + 1))
for r in 19 20 21; do
	[[ $(line "$r") == "search name or MRN"* ]] &&
		fail "wider: a stale prompt is left on row $r"
done
expect_screen "Resize, Rita" "wider: the rows of the list are there"
expect_alive rs "wider: the console"

# Narrower and shorter.
tui_resize rs 100 16
wait_header_width rs 100 "narrower with the prompt open: the list is drawn at 100 columns"
expect_eq "$(line 15)" "search name or MRN (empty: all, Up: last): Res" \
	"narrower: the prompt is on the new last row"
# Typing goes on, and Enter searches.
tui_type rs "ize"
tui_wait rs "(empty: all, Up: last): Resize" "typing after the resizes"
tui_keys rs Enter
tui_wait_re rs " 1 of 1" "Enter searches after the resizes: one patient"
expect_no_screen "Other, Olga" "the other patient is filtered out"

# A prompt of the form, and the window too small and back.
tui_keys rs Enter
tui_wait rs "Edit  Resize, Rita" "the form" || { finish; exit; }
tui_keys rs Enter
tui_wait rs "Expected discharge (" "the EDD prompt"
tui_type rs "+1"
tui_resize rs 30 8
tui_wait rs "window too small" "too small with the prompt open"
tui_resize rs 120 30
tui_wait rs "Edit  Resize, Rita  MRN R1" "the form is drawn again at 120x30"
screen=$(tui_capture rs)
checks=$((checks + 1))
[[ $(line 29) == "Expected discharge ("*"): +1" ]] ||
	fail "120x30: the prompt is on the last row with its text: '$(line 29)'"
expect_no_screen "window too small" "120x30: nothing left of the small window"
tui_keys rs Enter
tui_wait rs "* Expected discharge  2026-11-24" "Enter takes the date typed before the resizes"
tui_keys rs Q
tui_wait rs "Save your changes?" "Q asks"
tui_keys rs n
tui_wait_exit rs "n quits"
expect_eq "$tui_rc" 0 "exit status"

finish
