# Defect 18: the OPEL note was checked two ways: the console stored it as
# typed (untrimmed, unchecked), the command line normalised it as a
# discharge destination (255 bytes). Now both go through one check
# (edit_opel_note): the same input gives the same stored note, and the same
# refusals.
. "$(dirname "$0")/lib.sh"

db=$tmp/d18.db
demo_db "$db" 30 3 || { finish; exit; }
last_note() { q "SELECT site || '|' || level || '|' || '[' || note || ']' FROM opel_declared ORDER BY id DESC LIMIT 1"; }
count() { q "SELECT count(*) FROM opel_declared"; }
note='  handover delays,  two  wards shut   '

# The command line.
sr opel declare SFT 3 --note "$note"
expect_eq "$rc" 0 "the command line declares"
cli=$(last_note)
expect_eq "$cli" "SFT|3|[handover delays,  two  wards shut]" "the command line's note: trimmed, inner spaces kept"

# The console, on the same site (the board's first row), same input.
tui_start dc 120x40
tui_wait dc " SFT Salisbury" "the board" || { finish; exit; }
tui_keys dc o
tui_wait dc "For SFT Salisbury" "the dialog for SFT" || { finish; exit; }
tui_keys dc 3 Enter
tui_wait dc "Note for OPEL 3, SFT:" "the note prompt"
tui_type dc "$note"
tui_keys dc Enter
tui_wait dc "declared OPEL 3 for SFT" "the console declares"
expect_eq "$(last_note)" "$cli" "the console stores the same note as the command line"

# A note of blanks is refused by both, with the same words.
n=$(count)
sr opel declare SFT 2 --note "    "
expect_eq "$rc" 65 "the command line refuses a blank note"
[[ $err == *"note: a note is required"* ]] || fail "command line, blank note: $err"
tui_keys dc o
tui_wait dc "Declare OPEL level" "the dialog again"
tui_keys dc 2 Enter
tui_wait dc "Note for OPEL 2, SFT:" "the note prompt again"
tui_type dc "    "
tui_keys dc Enter
tui_wait dc "note: a note is required" "the console refuses a blank note with the same words"
expect_eq "$(count)" "$n" "blank notes: nothing stored"

tui_keys dc Q
tui_wait_exit dc "quit"
expect_eq "$tui_rc" 0 "exit status"
finish
