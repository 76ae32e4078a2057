# Defect 2 of issue 12: ^C in the edit form, even inside a prompt, ended
# the console at once and lost what had been typed (exit status 74). Now ^C
# with unsaved changes asks first: n keeps editing with the typed value
# still there (in the form, or in the prompt it was typed into), y ends the
# console with nothing saved. ^C with nothing to lose still ends at once,
# with the terminal restored.
. "$(dirname "$0")/lib.sh"

db=$tmp/ctrlc.db
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn C1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Interrupt given_name=Ida
expect_eq "$rc" 0 "admit ($err)"
id=$(q "SELECT id FROM stay WHERE mrn = 'C1'")
stay_now() { q "SELECT ifnull(edd, '-') || '|' || ifnull(bed, '-') || '|' ||
	ifnull(note, '-') || '|' || version FROM stay WHERE id = $id"; }
before=$(stay_now)
audit0=$(q "SELECT count(*) FROM audit")
question="quit sitrep and lose your unsaved changes?"

# to_form NAME: from the board to the form of the one stay.
to_form() {
	tui_start "$1" 120x40
	tui_wait "$1" " SFT Salisbury" "$1: the board" || return 1
	tui_keys "$1" Enter
	tui_wait "$1" "ward: all" "$1: the list" || return 1
	tui_keys "$1" Enter
	tui_wait "$1" "Edit  Interrupt, Ida" "$1: the form"
}
# field NAME LABEL: selects the form's field LABEL (Down from the top).
field() {
	local i
	tui_keys "$1" g
	for ((i = 0; i < 12; i++)); do
		screen=$(tui_capture "$1")
		[ "$(printf '%s\n' "$screen" | sed -n "$(($(tui_cursor "$1") + 1))p" |
			cut -c3-22 | sed 's/ *$//')" = "$2" ] && return 0
		tui_keys "$1" Down
		sleep 0.05
	done
	fail "$1: no field '$2' in the form"
	return 1
}

# ---- ^C in the form with a change: n keeps it, y ends without saving ----
to_form form || { finish; exit; }
tui_keys form Right
tui_wait form "* Expected discharge  2026-11-23" "form: a change"
tui_keys form C-c
tui_wait form "$question" "form: ^C with a change asks"
expect_alive form "form: ^C with a change does not end the console"
tui_keys form n
tui_wait_gone form "$question" "form: n answers the question"
expect_screen "* Expected discharge  2026-11-23" "form: after n the change is still there"
expect_alive form "form: n keeps the console"
# Editing goes on: the next field, and the change is still unsaved.
tui_keys form Down
tui_settle form
expect_screen "* Expected discharge  2026-11-23" "form: editing goes on after n"
expect_eq "$(stay_now)" "$before" "form: nothing saved while asking"
# ^C twice keeps asking (a second ^C is no answer); then y ends.
tui_keys form C-c
tui_wait form "$question" "form: ^C asks again"
tui_keys form C-c
tui_settle form
expect_screen "$question" "form: a second ^C still asks"
expect_alive form "form: a second ^C does not end the console"
tui_keys form y
tui_wait_exit form "form: y ends the console"
expect_eq "$tui_rc" 74 "form: exit status after ^C and y (as a ^C)"
expect_restored form "form: ^C and y"
expect_eq "$(stay_now)" "$before" "form: y discards the change: nothing saved"

# ---- ^C inside a prompt of the form: the typed text survives n ----
to_form prompt || { finish; exit; }
field prompt "Bed" || { finish; exit; }
tui_keys prompt Enter
tui_wait prompt "Bed:" "prompt: the bed prompt"
tui_keys prompt C-u
tui_type prompt "B07"
tui_wait prompt "Bed: B07" "prompt: typing"
tui_keys prompt C-c
tui_wait prompt "$question" "prompt: ^C with typed text asks"
expect_alive prompt "prompt: ^C in a prompt does not end the console"
tui_keys prompt n
tui_wait prompt "Bed: B07" "prompt: after n the prompt is back with the typed text"
tui_type prompt "x"
tui_wait prompt "Bed: B07x" "prompt: typing goes on after n"
tui_keys prompt BSpace
tui_keys prompt Enter
tui_wait prompt "* Bed" "prompt: Enter takes the typed bed"
expect_screen "B07" "prompt: the typed bed is in the form"
expect_eq "$(stay_now)" "$before" "prompt: nothing saved yet"
# A second prompt, the note: ^C, y: the console ends, nothing saved.
field prompt "Note" || { finish; exit; }
tui_keys prompt Enter
tui_wait prompt "Note (" "prompt: the note prompt"
tui_type prompt "family meeting at 3"
tui_wait prompt "family meeting at 3" "prompt: typing the note"
tui_keys prompt C-c
tui_wait prompt "$question" "prompt: ^C in the note prompt asks"
tui_keys prompt y
tui_wait_exit prompt "prompt: y ends the console"
expect_eq "$tui_rc" 74 "prompt: exit status after ^C and y"
expect_restored prompt "prompt: ^C and y in a prompt"
expect_eq "$(stay_now)" "$before" "prompt: y discards: nothing saved"

# ---- typed text alone (no other change) counts too ----
to_form typed || { finish; exit; }
tui_keys typed Enter
tui_wait typed "Expected discharge (" "typed: the EDD prompt"
tui_type typed "+2"
tui_keys typed C-c
tui_wait typed "$question" "typed: ^C with only typed text asks"
tui_keys typed Escape
tui_wait typed "Expected discharge (" "typed: Esc answers no: the prompt is back"
expect_screen "+2" "typed: with its text"
tui_keys typed Enter
tui_wait typed "* Expected discharge  2026-11-25" "typed: the typed date is taken"
# Saved on purpose, then ^C with nothing left to lose ends at once.
tui_keys typed C-s
tui_wait typed "saved (version" "typed: ^S saves"
tui_wait typed "ward: all" "typed: back on the list"
tui_keys typed C-c
tui_wait_exit typed "typed: ^C with nothing unsaved ends at once"
expect_eq "$tui_rc" 74 "typed: exit status after ^C"
expect_restored typed "typed: ^C on the list"
expect_eq "$(q "SELECT edd FROM stay WHERE id = $id")" 2026-11-25 \
	"typed: only the save on purpose is stored"
expect_eq "$(q "SELECT count(*) FROM audit")" "$((audit0 + 1))" \
	"one audit row: the discarded changes left none"

# ---- a search prompt over the list holds nothing to lose: ^C ends ----
tui_start search 120x40
tui_wait search " SFT Salisbury" "search: the board" || { finish; exit; }
tui_keys search Enter
tui_wait search "ward: all" "search: the list"
tui_keys search /
tui_wait search "search name or MRN" "search: the prompt"
tui_type search "Int"
tui_keys search C-c
tui_wait_exit search "search: ^C in the search prompt ends at once"
expect_eq "$tui_rc" 74 "search: exit status"
expect_restored search "search: ^C in the search prompt"

finish
