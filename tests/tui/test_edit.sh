# A ward coordinator edits an expected discharge date: board, Enter on a
# site, / search by MRN, Enter on the patient, Enter on the EDD, type, save
# with ^S (and with F2). The stay in the database (edd, version + 1) and the
# audit trail (field, old, new, by SITREP_USER, at the frozen clock) show
# it; a refused value and a discarded change save nothing.
. "$(dirname "$0")/lib.sh"

db=$tmp/edit.db
demo_db "$db" 30 3 || { finish; exit; }
stamp=2026-11-23T08:00:00

# A patient in a bed at SFT with an EDD and not yet green to go.
IFS='|' read -r id mrn edd0 v0 <<<"$(q "SELECT id, mrn, edd, version FROM stay
	WHERE site = 'SFT' AND discharged_at IS NULL AND edd IS NOT NULL
	AND g2g_date IS NULL ORDER BY id LIMIT 1")"
[ -n "$id" ] || { fail "no SFT stay to edit in the demo data"; finish; exit; }
audits() { q "SELECT count(*) FROM audit"; }
last_audit() {
	q "SELECT stay || '|' || field || '|' || ifnull(old, '-') || '|' ||
	   ifnull(new, '-') || '|' || by || '|' || at FROM audit
	   ORDER BY id DESC LIMIT 1"
}
n0=$(audits)

tui_start edit 120x40
tui_wait edit " SFT Salisbury" "the board opens" || { finish; exit; }
tui_keys edit Enter
tui_wait edit "SFT Salisbury NHS Foundation Trust  ward: all" "Enter opens SFT's list" || { finish; exit; }
tui_keys edit /
tui_wait edit "search name or MRN" "/ asks for a search"
tui_type edit "$mrn"
tui_keys edit Enter
tui_wait edit "search: $mrn" "the list is searched"
tui_wait_re edit " 1 of 1 \([0-9]+ in beds\)" "one patient matches the MRN"
tui_keys edit Enter
tui_wait edit "Edit  " "Enter opens the form" || { finish; exit; }
expect_screen "MRN $mrn" "the form is the searched patient's"
expect_screen "version $v0" "the form shows the version"
expect_screen "Expected discharge  $edd0" "the form shows the EDD"

# +3: three days from today.
tui_keys edit Enter
tui_wait edit "Expected discharge (" "Enter on the EDD asks for a date"
tui_keys edit C-u
tui_type edit "+3"
tui_keys edit Enter
tui_wait edit "* Expected discharge  2026-11-26  Thu, in 3 days" "+3 is taken as 2026-11-26"
expect_eq "$(q "SELECT edd || '|' || version FROM stay WHERE id = $id")" "$edd0|$v0" \
	"nothing is saved before ^S"
tui_keys edit C-s
tui_wait edit "saved (version $((v0 + 1)))" "^S saves" || {
	# Unfreeze a terminal that took ^S as XOFF, so the rest can run.
	tui_keys edit C-q
	tui_keys edit F2
	tui_wait edit "saved (version $((v0 + 1)))" "F2 saves after ^S did not" || { finish; exit; }
}
tui_wait edit "search: $mrn" "saving goes back to the list"
expect_eq "$(q "SELECT edd || '|' || version || '|' || updated_by || '|' || updated_at
	FROM stay WHERE id = $id")" "2026-11-26|$((v0 + 1))|tester|$stamp" "the stay after ^S"
expect_eq "$(audits)" "$((n0 + 1))" "one audit row"
expect_eq "$(last_audit)" "$id|edd|$edd0|2026-11-26|tester|$stamp" "the audit row"
tui_wait edit "EDD 2026-11-26" "the list shows the new EDD"

# A typed date, saved with F2.
tui_keys edit e
tui_wait edit "version $((v0 + 1))" "e opens the form again at the new version"
tui_keys edit Enter
tui_wait edit "Expected discharge (" "the EDD prompt"
tui_keys edit C-u
tui_type edit "2026-12-01"
tui_keys edit Enter
tui_wait edit "* Expected discharge  2026-12-01" "a typed date"
tui_keys edit F2
tui_wait edit "saved (version $((v0 + 2)))" "F2 saves"
expect_eq "$(q "SELECT edd || '|' || version FROM stay WHERE id = $id")" \
	"2026-12-01|$((v0 + 2))" "the stay after F2"
expect_eq "$(last_audit)" "$id|edd|2026-11-26|2026-12-01|tester|$stamp" "the second audit row"

# A date that does not exist is refused beside the field; nothing changes.
tui_keys edit Enter
tui_wait edit "Edit  " "the form once more"
tui_keys edit Enter
tui_wait edit "Expected discharge (" "the EDD prompt"
tui_keys edit C-u
tui_type edit "2026-02-30"
tui_keys edit Enter
tui_wait edit "^ " "an impossible date is explained beside the field"
expect_screen "Expected discharge  2026-12-01" "the old value is kept"
expect_no_screen "* Expected" "a refused value is not a change"
# A change left with q: the form asks; n discards it.
tui_keys edit Right
tui_wait edit "* Expected discharge  2026-12-02" "-> moves the date a day on"
tui_keys edit q
tui_wait edit "Save your changes?" "q with a change asks"
tui_keys edit n
tui_wait edit "search: $mrn" "n goes back to the list"
expect_eq "$(q "SELECT edd || '|' || version FROM stay WHERE id = $id")" \
	"2026-12-01|$((v0 + 2))" "a discarded change is not saved"
expect_eq "$(audits)" "$((n0 + 2))" "two audit rows in all"

tui_keys edit q
tui_wait edit "System OPEL" "q goes back to the board"
tui_keys edit q
tui_wait_exit edit "q on the board quits"
expect_eq "$tui_rc" 0 "exit status"

finish
