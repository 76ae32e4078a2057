# Defect 10: long text was cut silently: a 5,250-character note was stored
# as 255 characters, an OPEL note of 200 "é" as 127. The man page promises
# 4,000 bytes for a note: the console's prompt takes that much, says when
# it is full (and takes no more), and the stored note is what the prompt
# showed; the command line refuses longer text naming the field and the
# limit. An OPEL note of 200 "é" (400 bytes) is stored whole by both.
. "$(dirname "$0")/lib.sh"

db=$tmp/d10.db
demo_db "$db" 30 3 || { finish; exit; }

IFS='|' read -r id mrn <<<"$(q "SELECT id, mrn FROM stay WHERE site = 'SFT'
	AND discharged_at IS NULL ORDER BY id LIMIT 1")"
[ -n "$id" ] || { fail "no SFT stay in the demo data"; finish; exit; }
note_bytes() { q "SELECT length(CAST(ifnull(note, '') AS BLOB)) FROM stay WHERE id = $id"; }
note_chars() { q "SELECT length(ifnull(note, '')) FROM stay WHERE id = $id"; }

# ---- the command line ----
sr set --stay "$id" "note=$(printf 'n%.0s' $(seq 5250))"
expect_eq "$rc" 65 "set a 5,250-byte note: refused"
[[ $err == *"note: too long: 5250 bytes, at most 4000"* ]] ||
	fail "the refusal names the field, the length and the limit: $err"
expect_eq "$(note_bytes)" 0 "refused: nothing stored"
sr set --stay "$id" "note=$(printf 'é%.0s' $(seq 2000))"
expect_eq "$rc" 0 "set a note of 2,000 é (4,000 bytes)"
expect_eq "$(note_chars)|$(note_bytes)" "2000|4000" "the note of 2,000 é is stored whole"
sr set --stay "$id" "note=$(printf 'é%.0s' $(seq 2000))x"
expect_eq "$rc" 65 "one byte more is refused"
[[ $err == *"too long: 4001 bytes, at most 4000"* ]] || fail "4,001 bytes: $err"
sr opel declare SFT 3 --note "$(printf 'é%.0s' $(seq 200))"
expect_eq "$rc" 0 "declare with an OPEL note of 200 é"
expect_eq "$(q "SELECT length(note), length(CAST(note AS BLOB)) FROM opel_declared ORDER BY id DESC LIMIT 1")" \
	"200|400" "the OPEL note of 200 é is stored whole (command line)"
sr set --stay "$id" note=
expect_eq "$rc" 0 "clear the note"

# ---- the console ----
tui_start ed 120x40
tui_wait ed " SFT Salisbury" "the board" || { finish; exit; }
tui_keys ed Enter
tui_wait ed "ward: all" "the SFT list"
tui_keys ed /
tui_wait ed "search name or MRN" "the search prompt"
tui_type ed "$mrn"
tui_keys ed Enter
tui_wait_re ed " 1 of 1 \(" "one patient found"
tui_keys ed Enter
tui_wait ed "MRN $mrn" "the form opens" || { finish; exit; }
# The note is the eighth field.
tui_keys ed g j j j j j j j Enter
tui_wait ed "Note (" "the note prompt"
# 5,250 characters, typed in pieces (as a paste arrives).
for i in 1 2 3 4 5 6 7; do
	tui_type ed "$(printf 'a%.0s' $(seq 750))"
done
tui_wait ed "[full: 4000 bytes]" "the prompt says it is full"
tui_keys ed Enter
tui_wait ed "* Note" "the note is taken"
tui_keys ed C-s
tui_wait ed "saved (version" "the note is saved" || { finish; exit; }
expect_eq "$(note_bytes)" 4000 "the console stores the 4,000 bytes the prompt took"

# A note of 1,500 é (3,000 bytes) goes in whole.
tui_keys ed Enter
tui_wait ed "MRN $mrn" "the form opens again"
tui_keys ed g j j j j j j j Enter
tui_wait ed "Note (" "the note prompt again"
tui_keys ed C-u
tui_type ed "$(printf 'é%.0s' $(seq 1500))"
tui_keys ed Enter
tui_wait ed "* Note" "the é note is taken"
tui_keys ed C-s
tui_wait ed "saved (version" "the é note is saved"
expect_eq "$(note_chars)|$(note_bytes)" "1500|3000" "the console stores 1,500 é whole"

# An OPEL note of 200 é from the board's dialog.
tui_keys ed q
tui_wait ed "System OPEL" "back on the board"
tui_keys ed o
tui_wait ed "Declare OPEL level" "the declaration dialog"
tui_keys ed 2 Enter
tui_wait ed "Note for OPEL 2" "the note prompt"
tui_type ed "$(printf 'é%.0s' $(seq 200))"
tui_keys ed Enter
tui_wait ed "declared OPEL 2" "the declaration is saved"
expect_eq "$(q "SELECT level, length(note), length(CAST(note AS BLOB)) FROM opel_declared ORDER BY id DESC LIMIT 1")" \
	"2|200|400" "the OPEL note of 200 é is stored whole (console)"

tui_keys ed Q
tui_wait_exit ed "quit"
expect_eq "$tui_rc" 0 "exit status"
finish
