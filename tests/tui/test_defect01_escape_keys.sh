# Defect 1 of issue 12: Home, End and F1-F4 as PuTTY and tmux send them
# (ESC[1~, ESC[4~, ESC[11~ ... ESC[14~, and the xterm forms ESC[H, ESC[F,
# ESCOH, ESCOF, ESCOP ... ESCOS) acted as Esc when the terminfo entry did
# not list them: End on the board quit the console, F2 in the form asked
# "Save your changes?". Under TERM=xterm-256color and screen-256color
# (whose entries know different ones), every form is sent as raw bytes:
# Home and End move to the first and last row, F1 opens the help, F2 saves
# the form, F3 and F4 and unknown sequences do nothing, and the Esc key alone
# still goes back (and quits on the board).
. "$(dirname "$0")/lib.sh"

db=$tmp/keys.db
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn K1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Keys given_name=Kim
expect_eq "$rc" 0 "admit ($err)"
id=$(q "SELECT id FROM stay WHERE mrn = 'K1'")

# Hex of each form a terminal may send.
home_forms=("1b 5b 31 7e" "1b 5b 48" "1b 4f 48" "1b 5b 37 7e")
end_forms=("1b 5b 34 7e" "1b 5b 46" "1b 4f 46" "1b 5b 38 7e")
f1_forms=("1b 5b 31 31 7e" "1b 4f 50")
f2_forms=("1b 5b 31 32 7e" "1b 4f 51")
f3f4_forms=("1b 5b 31 33 7e" "1b 5b 31 34 7e" "1b 4f 52" "1b 4f 53")
# Unknown: a high function key, a bracketed-paste start, a private CSI, a
# focus report, an SS3 letter no key sends, Alt-q, Alt-End.
unknown_forms=("1b 5b 39 39 7e" "1b 5b 32 30 30 7e" "1b 5b 3f 31 75"
	"1b 5b 49" "1b 4f 7a" "1b 71" "1b 1b 5b 34 7e")

# The board's first and last rows: SFT (the first site) and System.
row_of() { printf '%s\n' "$screen" | grep -nE -- "$1" | head -n 1 | cut -d: -f1; }

# Right on an EDD sets today, then the day after: one save per terminal.
declare -A edd_after=([xterm]=2026-11-23 [screen]=2026-11-24)
for term in xterm-256color screen-256color; do
	n=${term%%-*}
	tui_start "$n" 120x40 "TERM=$term"
	tui_wait "$n" " SFT Salisbury" "$term: the board" || continue
	first=$(($(row_of '^ SFT Salisbury') - 1))
	last=$(($(row_of '^System  ') - 1))
	for f in "${end_forms[@]}"; do
		tui_bytes "$n" 1b 5b 41 # Up: off the first row
		# shellcheck disable=SC2086 # one byte a word
		tui_bytes "$n" $f
		tui_wait_cursor "$n" "$last" "$term: End ($f) on the board selects the last row"
		expect_alive "$n" "$term: End ($f) on the board does not quit"
	done
	for f in "${home_forms[@]}"; do
		# shellcheck disable=SC2086
		tui_bytes "$n" ${end_forms[0]}
		tui_wait_cursor "$n" "$last" "$term: End before Home ($f)"
		# shellcheck disable=SC2086
		tui_bytes "$n" $f
		tui_wait_cursor "$n" "$first" "$term: Home ($f) on the board selects the first row"
	done
	for f in "${unknown_forms[@]}" "${f3f4_forms[@]}"; do
		# shellcheck disable=SC2086
		tui_bytes "$n" $f
	done
	tui_settle "$n"
	expect_alive "$n" "$term: unknown sequences, F3 and F4 on the board do not quit"
	expect_screen " SFT Salisbury" "$term: the board is still shown"
	tui_wait_cursor "$n" "$first" "$term: unknown sequences leave the selection alone"
	# The sequences' letters did nothing either: j after them moves one.
	tui_keys "$n" j
	tui_wait_cursor "$n" "$((first + 1))" "$term: keys after unknown sequences"
	tui_keys "$n" k

	for f in "${f1_forms[@]}"; do
		# shellcheck disable=SC2086
		tui_bytes "$n" $f
		tui_wait "$n" "Keys (q to go back)" "$term: F1 ($f) opens the help"
		tui_keys "$n" q
		tui_wait "$n" " SFT Salisbury" "$term: q leaves the help ($f)"
	done

	# The list: End and Home there, then the form.
	tui_keys "$n" Enter
	tui_wait "$n" "ward: all" "$term: the list" || continue
	tui_bytes "$n" 1b 5b 34 7e
	tui_settle "$n"
	expect_alive "$n" "$term: End in the list"
	expect_screen "ward: all" "$term: End in the list stays in the list"
	tui_bytes "$n" 1b 5b 31 7e
	tui_keys "$n" Enter
	tui_wait "$n" "Edit  Keys, Kim" "$term: the form" || continue
	tui_bytes "$n" 1b 5b 34 7e
	tui_wait_re "$n" "Changes from" "$term: the form after End"
	# The last field is "Changes from" (the time a change is dated from,
	# issue 13), after Destination.
	dest=$(($(row_of '^  +Changes from') - 1))
	tui_wait_cursor "$n" "$dest" "$term: End in the form selects the last field"
	tui_bytes "$n" 1b 4f 48
	edd=$(($(row_of 'Expected discharge') - 1))
	tui_wait_cursor "$n" "$edd" "$term: Home in the form selects the first field"
	tui_keys "$n" Right
	tui_wait "$n" "* Expected discharge  ${edd_after[$n]}" "$term: a change in the form"
	for f in "${f3f4_forms[@]}" "${unknown_forms[@]}"; do
		# shellcheck disable=SC2086
		tui_bytes "$n" $f
	done
	tui_settle "$n"
	expect_no_screen "Save your changes?" "$term: F3, F4 and unknown sequences in the form do not ask to save"
	expect_screen "* Expected discharge  ${edd_after[$n]}" "$term: the change is still there"
	# F2 saves (it is the save key), it does not ask.
	if [ "$n" = xterm ]; then f2=${f2_forms[0]}; else f2=${f2_forms[1]}; fi
	# shellcheck disable=SC2086
	tui_bytes "$n" $f2
	tui_wait "$n" "saved (version" "$term: F2 ($f2) in the form saves"
	expect_no_screen "Save your changes?" "$term: F2 in the form does not ask"
	tui_wait "$n" "ward: all" "$term: back on the list after saving"

	# Home and End in a prompt move the cursor in the text.
	tui_keys "$n" /
	tui_wait "$n" "search name or MRN" "$term: the search prompt"
	tui_type "$n" "K1"
	tui_bytes "$n" 1b 5b 31 7e
	tui_type "$n" "<"
	tui_bytes "$n" 1b 5b 34 7e
	tui_type "$n" ">"
	tui_wait "$n" "MRN (empty: all, Up: last): <K1>" "$term: Home and End in a prompt"
	tui_bytes "$n" 1b 5b 31 33 7e
	tui_settle "$n"
	expect_screen "MRN (empty: all, Up: last): <K1>" "$term: F3 in a prompt leaves it open"
	# The Esc key alone still cancels the prompt, goes back and quits.
	tui_keys "$n" Escape
	tui_wait_gone "$n" "search name or MRN" "$term: Esc cancels the prompt"
	tui_keys "$n" Escape
	tui_wait "$n" " SFT Salisbury" "$term: Esc goes back to the board"
	tui_keys "$n" Escape
	tui_wait_exit "$n" "$term: Esc on the board quits"
	expect_eq "$tui_rc" 0 "$term: exit status after Esc"
	expect_restored "$n" "$term: Esc on the board"
done
# Each console saved once with F2: version 3.
expect_eq "$(q "SELECT edd || '|' || version FROM stay WHERE id = $id")" \
	"2026-11-24|3" "F2 saved the EDD under both terminal types"

finish
