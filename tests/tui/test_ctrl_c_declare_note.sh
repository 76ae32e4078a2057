# Ctrl-C while typing the note of an OPEL declaration asks first, as in the
# edit form (defect 2 of issue 12 fixed the form; the declaration's note
# prompt still ended the console at once and lost the note). n goes back to
# the prompt with the note; y quits with nothing declared.
. "$(dirname "$0")/lib.sh"

db=$tmp/ccd.db
sr init
expect_eq "$rc" 0 "init ($err)"
count() { q "SELECT count(*) FROM opel_declared"; }

tui_start cc 120x30
tui_wait cc " SFT Salisbury" "the board" || { finish; exit; }
tui_keys cc o
tui_wait cc "For SFT Salisbury" "the dialog for SFT" || { finish; exit; }
tui_keys cc 3 Enter
tui_wait cc "Note for OPEL 3, SFT:" "the note prompt"
tui_type cc "norovirus on two wards"
tui_wait cc "norovirus on two wards" "the note typed"
tui_keys cc C-c
tui_wait cc "lose your unsaved changes?" "^C asks"
expect_alive cc "^C with a note typed: still running"
tui_keys cc n
tui_wait cc "Note for OPEL 3, SFT: norovirus on two wards" "n: back in the prompt, the note kept"
tui_keys cc C-c
tui_wait cc "lose your unsaved changes?" "^C asks again"
tui_keys cc y
tui_wait_exit cc "y: quit"
expect_eq "$(count)" 0 "nothing declared"
finish
