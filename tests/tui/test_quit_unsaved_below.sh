# Q quits the console at once, but never over unsaved changes: with help
# (or any view) on top of an edit form that holds a change, Q used to end
# sitrep and drop the change unasked (noticed while fixing defect 2 of
# issue 12). Now it says so and stays; q goes back to the form, which still
# holds the change and asks before quitting as it always did.
. "$(dirname "$0")/lib.sh"

db=$tmp/quit.db
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn Q1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Quitter given_name=Quin
expect_eq "$rc" 0 "admit Q1 ($err)"

tui_start qu 120x30
tui_wait qu " SFT Salisbury" "the board" || { finish; exit; }
tui_keys qu Enter
tui_wait_re qu " 1 of 1$" "the SFT list"
tui_keys qu e
tui_wait qu "Pathway" "the form"
# Pathway (third field): cycle to a value, a change not saved.
tui_keys qu j j l
tui_settle qu
pathway=$(screen_lines "Pathway" | head -n 1)
tui_keys qu '?'
tui_wait qu "this help" "help over the form"
tui_keys qu Q
tui_wait qu "unsaved changes below" "Q over help says what would be lost"
expect_alive qu "Q over help with a change below: still running"
tui_keys qu q
tui_wait qu "Pathway" "back on the form"
expect_eq "$(screen_lines "Pathway" | head -n 1)" "$pathway" "the change is still there"
# On the form itself, Q asks to save, as before; n discards and quits.
tui_keys qu Q
tui_wait qu "save your changes?" "Q on the form asks"
tui_keys qu n
tui_wait_exit qu "n: discard and quit"
expect_eq "$tui_rc" 0 "exit status"
expect_eq "$(q "SELECT coalesce(pathway, '-') FROM stay WHERE mrn = 'Q1'")" - "nothing saved"
finish
