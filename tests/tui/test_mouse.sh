# A mouse click selects a row: on the board, in a patient list and in the
# edit form. tmux's send-keys -M needs a mouse event from an attached
# client, so the clicks are written as the bytes a terminal sends in the
# SGR mouse mode the console asks for (ESC [ < 0 ; x ; y M, then m).
. "$(dirname "$0")/lib.sh"

db=$tmp/mouse.db
demo_db "$db" 30 3 || { finish; exit; }

# click NAME COL ROW: a left click at 0-based screen (COL, ROW).
click() {
	local bytes
	bytes=$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' $(($2 + 1)) $(($3 + 1)) \
		$(($2 + 1)) $(($3 + 1)) | od -An -tx1)
	# shellcheck disable=SC2086
	tmux_ send-keys -t "$1" -H $bytes
}
# row_of TEXT: the 0-based screen row of the first line holding TEXT.
row_of() { printf '%s\n' "$screen" | grep -nF -- "$1" | head -n 1 | cut -d: -f1 | awk '{ print $1 - 1 }'; }

tui_start ms 120x40
tui_wait ms " CHP Chippenham" "the board" || { finish; exit; }
expect_eq "$(tui_fmt ms '#{mouse_sgr_flag}')" 1 "the console asks for SGR mouse reports"
tui_wait ms "SFT OPEL" "SFT is selected first"
# A click on CHP's row selects it; on a kind heading, nothing.
y=$(row_of " CHP Chippenham")
click ms 5 "$y"
tui_wait ms "CHP OPEL" "a click selects CHP" || { finish; exit; }
y=$(row_of "Mental health")
click ms 5 "$y"
tui_settle ms
expect_screen "CHP OPEL" "a click on a heading leaves the selection"
expect_alive ms "after the clicks on the board"
tui_keys ms Enter
tui_wait ms "CHP Chippenham Community Hospital  ward: all" "Enter opens the clicked site"

# In the list: a click on the fifth patient selects that row.
tui_wait_re ms " 1 of [0-9]+" "the first patient selected"
click ms 20 7
tui_wait_re ms " 5 of [0-9]+" "a click selects the fifth patient"
name=$(printf '%s\n' "$screen" | sed -n 8p | cut -c18-47 | sed 's/ *$//')
tui_keys ms Enter
tui_wait ms "Edit  $name" "Enter opens the clicked patient ($name)"

# In the form: a click on the Note row, then Enter edits the note.
y=$(row_of "  Note  ")
click ms 10 "$y"
tui_settle ms
# At once: the key typed next acts on the clicked row.
expect_eq "$(tui_fmt ms '#{cursor_y}')" "$y" "the click moves the cursor to the Note row"
tui_keys ms Enter
tui_wait ms "Note (" "a click selects the field Enter edits"
tui_keys ms Escape
tui_wait_gone ms "Note (" "Esc leaves the prompt"
tui_keys ms q
tui_wait_re ms " 5 of [0-9]+" "back on the list, the fifth still selected"
tui_keys ms Q
tui_wait_exit ms "Q"
expect_eq "$tui_rc" 0 "exit status"
expect_restored ms "after the clicks"

finish
