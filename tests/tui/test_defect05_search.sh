# Issue 12, defect 5: the search. `/` pre-filled the last term and typing
# appended to it; `bjorn` missed Björn; `41613` missed MRN AWP0041613;
# `evans f` found nothing; `/` on the board did nothing and the letters
# typed next fell through to the board's keys. Now the prompt starts empty,
# case and accents fold, words each match a field (an MRN or NHS number
# anywhere), and `/` on the board searches every site, listing the
# patients with their site; Enter opens one.
. "$(dirname "$0")/lib.sh"

db=$tmp/search.db
sr init
expect_eq "$rc" 0 "init ($err)"
admit() { # SITE MRN FAMILY GIVEN [FIELD=VALUE...]
	local site=$1 mrn=$2 fam=$3 giv=$4
	shift 4
	sr admit --site "$site" --mrn "$mrn" --at 2026-11-20T10:00 \
		"family_name=$fam" "given_name=$giv" "$@"
	expect_eq "$rc" 0 "admit $mrn ($err)"
}
admit SFT SFT0000001 Andersson Björn ward=AMU bed=A1
admit SFT SFT0000002 Evans Fiona ward=AMU bed=A2 nhs="999 000 0018"
admit SFT SFT0000003 Evans Jennifer ward=AMU bed=A3
admit SFT SFT0000004 Jones Amy ward=AMU bed=A4
admit AWP AWP0041613 Evans Frank ward=AMB bed=B1
admit GWH GWH0000005 Bjørnsen Ola ward=AMU bed=C1

# search TERM: / on the list, TERM typed, Enter.
search() {
	tui_keys se /
	tui_wait se "search name or MRN (empty: all, Up: last):" "/: the prompt ($1)"
	tui_type se "$1"
	tui_keys se Enter
}
# prompt_line: the status line, where the prompt is.
prompt_line() { printf '%s\n' "$screen" | tail -n 1; }

tui_start se 120x40
tui_wait se " SFT Salisbury" "the board" || { finish; exit; }
tui_keys se Enter
tui_wait se "SFT Salisbury NHS Foundation Trust  ward: all" "the SFT list"
tui_wait_re se " 1 of 4$" "four patients at SFT"

search jones
tui_wait_re se " 1 of 1 \(4 in beds\)$" "jones: one patient"
expect_screen "Jones, Amy" "jones: Amy Jones"
# The prompt starts empty: what is typed is the whole search.
tui_keys se /
tui_wait se "search name or MRN (empty: all, Up: last):" "/ again"
tui_type se "bjorn"
tui_wait se "(empty: all, Up: last): bjorn" "the prompt holds only what was typed"
expect_eq "$(prompt_line)" "search name or MRN (empty: all, Up: last): bjorn" "the prompt did not start with the last term"
tui_keys se Enter
tui_wait se "search: bjorn" "the new search, not jonesbjorn"
# Up in the prompt brings the current search back, to change it.
tui_keys se /
tui_wait se "search name or MRN (empty: all, Up: last):" "/ once more"
tui_keys se Up
tui_wait se "(empty: all, Up: last): bjorn" "Up: the current search back"
tui_type se " x"
tui_wait se "(empty: all, Up: last): bjorn x" "typing after it adds to it"
tui_keys se Escape
tui_wait_gone se "Up: last" "Esc: the prompt closed, the search unchanged"
expect_screen "search: bjorn" "Esc keeps the current search"
tui_wait_re se " 1 of 1 \(4 in beds\)$" "bjorn finds Björn"
expect_screen "Andersson, Björn" "bjorn: Björn Andersson"

search "evans f"
tui_wait se "search: evans f" "evans f"
tui_wait_re se " 1 of 1 \(4 in beds\)$" "evans f: one patient"
expect_screen "Evans, Fiona" "evans f: Fiona Evans"
expect_no_screen "Evans, Jennifer" "evans f: not Jennifer Evans"

search "000 0018"
tui_wait se "search: 000 0018" "an NHS number in part, with its space"
tui_wait_re se " 1 of 1 \(4 in beds\)$" "the NHS number: one patient"
expect_screen "Evans, Fiona" "the NHS number: Fiona Evans"

search "0003"
tui_wait_re se " 1 of 1 \(4 in beds\)$" "0003: inside an MRN"
expect_screen "SFT0000003" "0003: SFT0000003"

# Empty: everyone again.
search ""
tui_wait_re se " 1 of 4$" "an empty search shows everyone"
expect_no_screen "search:" "no search in the header"
tui_keys se q
tui_wait se "System OPEL" "back on the board"

# The board: / opens a prompt (the letters go to it, not to the board:
# d would open the DTOC review), and searches every site.
tui_keys se /
tui_wait se "search every site" "/ on the board: the prompt"
tui_type se "dd41613"
tui_wait se "search every site: name or MRN: dd41613" "the letters are in the prompt"
expect_no_screen "Delayed patients" "the letters did not fall through to the board's keys"
tui_keys se C-u
tui_type se "41613"
tui_keys se Enter
tui_wait se "Every site  filter: all  sort: LOS  search: 41613" "every site's list"
tui_wait_re se " 1 of 1 \(6 in beds\)$" "41613 finds AWP0041613"
checks=$((checks + 1))
screen_lines '^ +AWP +AMB +B1 +Evans, Frank +AWP0041613 ' >/dev/null ||
	{ fail "the row shows the site, ward, bed, name and MRN"; dump; }
expect_screen "Site" "a site column"
tui_keys se Enter
tui_wait se "Edit  Evans, Frank  MRN AWP0041613" "Enter opens the patient"
tui_keys se q
tui_wait se "search: 41613" "back on the list"

# Every site, by name, accents folded both ways.
tui_keys se /
tui_wait se "search every site: name or MRN (empty: all, Up: last):" "/ in every site's list"
tui_type se "BJORN"
tui_keys se Enter
tui_wait_re se " 1 of 2 \(6 in beds\)$" "BJORN: Björn at SFT and Bjørnsen at GWH"
checks=$((checks + 1))
screen_lines '^ +GWH +AMU +C1 +Bjørnsen, Ola ' >/dev/null &&
	screen_lines '^ +SFT +AMU +A1 +Andersson, Björn ' >/dev/null ||
	{ fail "both found, each with its site"; dump; }
tui_keys se q
tui_wait se "System OPEL" "q: back on the board"
tui_keys se Q
tui_wait_exit se "Q"
expect_eq "$tui_rc" 0 "exit status"

finish
