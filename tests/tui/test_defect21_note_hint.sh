# Issue 12, defect 21 (note prompt): the note's prompt said "↵ starts a new
# line" while Enter ends the note. The hint says what the keys do: Enter
# ends the note; a ↵ typed in the text is a line break.
. "$(dirname "$0")/lib.sh"

db=$tmp/hint.db
demo_db "$db" 10 1 || { finish; exit; }
IFS='|' read -r id mrn <<<"$(q "SELECT id, mrn FROM stay WHERE site = 'SFT'
	AND discharged_at IS NULL ORDER BY id LIMIT 1")"
[ -n "$id" ] || { fail "no SFT stay in the demo data"; finish; exit; }

tui_start hint 120x40
tui_wait hint " SFT Salisbury" "the board opens" || { finish; exit; }
tui_keys hint Enter
tui_wait hint "ward: all" "Enter opens SFT's list" || { finish; exit; }
tui_keys hint /
tui_wait hint "search name or MRN" "/ asks for a search"
tui_type hint "$mrn"
tui_keys hint Enter
tui_wait_re hint " 1 of 1 \(" "one patient found"
tui_keys hint Enter
tui_wait hint "MRN $mrn" "the form opens" || { finish; exit; }
# The note is the eighth field.
tui_keys hint g j j j j j j j Enter
tui_wait hint "Note (" "Enter on the note opens its prompt"
expect_screen "Note (Enter ends the note; a ↵ in it is a line break):" \
	"the hint says Enter ends the note"
lacks_text "starts a new line" || fail "the hint says ↵ starts a new line"
tui_keys hint C-u
tui_type hint "first↵second"
tui_keys hint Enter
# Enter ended the note (as the hint says): the form shows it, the prompt
# is gone.
tui_wait hint "* Note                first" "Enter ended the note"
tui_wait_gone hint "Note (Enter" "the prompt closed"
tui_keys hint C-s
tui_wait_gone hint "* Note" "saved"
expect_eq "$(q "SELECT note FROM stay WHERE id = $id")" "first
second" "the ↵ is stored as a line break"
tui_keys hint q q
tui_wait_exit hint "q q quits"
finish
