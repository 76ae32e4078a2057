# The console survives any resize: on the board, a patient list, the edit
# form, the DTOC review, the help and the OPEL dialog, the window goes
# 200x60 -> 80x24 -> 40x10 -> 20x5 -> 10x2 -> 120x40; after each step the
# process is alive and the screen is drawn again for the new size ("window
# too small" below 40x10), and the console still quits cleanly at the end.
. "$(dirname "$0")/lib.sh"

db=$tmp/resize.db
demo_db "$db" 30 3 || { finish; exit; }

sizes="200x60 80x24 40x10 20x5 10x2 120x40"

# drawn_for MARKER: $screen is the view drawn for the window's size $h
# (not the old screen cut by tmux, which may show the marker too): the
# title on the first row, the status line on the last (capture-pane leaves
# out blank rows at the end), the marker in between.
drawn_for() {
	[ "$(printf '%s\n' "$screen" | wc -l)" = "$h" ] &&
		[ -n "$(printf '%s\n' "$screen" | tail -n 1)" ] &&
		[[ $screen == " sitrep  Wiltshire"* ]] &&
		[[ $screen == *"$1"* ]] && [[ $screen != *"window too small"* ]]
}

# through VIEW MARKER: every size in turn, the screen redrawn each time.
through() {
	local view=$1 marker=$2 size w h
	for size in $sizes; do
		w=${size%x*}
		h=${size#*x}
		tui_resize rs "$w" "$h"
		if [ "$w" -lt 40 ] || [ "$h" -lt 10 ]; then
			tui_wait rs "$(printf '%.*s' "$w" "window too small")" \
				"$view at $size: too small said"
			# A key while too small does no harm.
			[ "$size" = 20x5 ] && tui_keys rs C-l
		else
			checks=$((checks + 1))
			tui_poll rs drawn_for "$marker" || {
				fail "$view at $size: not redrawn for the size (title, '$marker', status line on row $h)"
				dump rs
			}
		fi
		expect_alive rs "$view at $size"
	done
}

tui_start rs 120x40
tui_wait rs "System OPEL" "the board opens" || { finish; exit; }
through board "System OPEL"

tui_keys rs Enter
tui_wait rs "filter: all" "the SFT list"
tui_keys rs j j
tui_wait rs " 3 of " "the third patient selected"
through list "filter: all"
expect_screen " 3 of " "the selection survives the resizes"

tui_keys rs Enter
tui_wait rs "Edit  " "the form"
tui_keys rs Right
tui_wait rs "* Expected discharge" "a change in the form"
through form "Edit  "
expect_screen "* Expected discharge" "the unsaved change survives the resizes"
tui_keys rs q
tui_wait rs "Save your changes?" "q asks"
tui_keys rs n
tui_wait rs "filter: all" "back on the list"
tui_keys rs q
tui_wait rs "System OPEL" "back on the board"

tui_keys rs d
tui_wait rs "Delayed patients" "the DTOC review"
through dtoc "Delayed patients"
tui_keys rs q
tui_wait rs "System OPEL" "back on the board"

tui_keys rs '?'
tui_wait rs "Keys (q to go back)" "the help"
through help "Keys (q to go back)"
tui_keys rs q
tui_wait rs "System OPEL" "back on the board"

tui_keys rs o
tui_wait rs "Declare OPEL level" "the OPEL dialog"
through declare "Declare OPEL level"
tui_keys rs Escape
tui_wait_gone rs "Declare OPEL level" "Esc closes the dialog"

tui_keys rs q
tui_wait_exit rs "q after the resizes"
expect_eq "$tui_rc" 0 "exit status after the resizes"
expect_restored rs "after the resizes"

finish
