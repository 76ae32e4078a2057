# Issue 13: the history of a stay in the console, and the edit form's
# "Changes from" field. H on a patient list row opens the time line (the
# admission and its values, who recorded them, when); q goes back. In the
# form, a delay reason changed with "Changes from" 2026-11-21 is saved as a
# fact valid from 00:00 that day, recorded now (the history then marks it
# backdated); a time in the future is refused beside the field; H opens
# the history from the form too, and q comes back to the form.
. "$(dirname "$0")/lib.sh"

db=$tmp/history.db
# One patient at SFT, admitted on Friday 20 November by alice, waiting
# for an assessment (reason A) since then.
SITREP_USER=alice SITREP_NOW=2026-11-20T10:05 SITREP_TODAY=2026-11-20 \
	sr admit --site SFT --mrn H0001 --at 2026-11-20T09:30 ward=AMU bed=4 \
	family_name=Historia given_name=Ann edd=2026-11-27 g2g=2026-11-20 \
	reason=A agency=ASC
[ "$rc" = 0 ] || { fail "admit: $err"; finish; exit; }
id=$(q "SELECT id FROM stay WHERE mrn = 'H0001'")

tui_start hist 120x40
tui_wait hist " SFT Salisbury" "the board opens" || { finish; exit; }
tui_keys hist Enter
tui_wait hist "ward: all" "Enter opens SFT's list" || { finish; exit; }
tui_wait hist "Historia, Ann" "the patient is listed" || { finish; exit; }

# H: the time line of the selected patient.
tui_keys hist H
tui_wait hist "History  Historia, Ann  MRN H0001" "H opens the history" || { finish; exit; }
expect_screen "2026-11-20 09:30  stay           admitted  recorded 2026-11-20 10:05 by alice" \
	"the admission, when and by whom recorded"
expect_screen "2026-11-20 09:30  delay_reason   - → A  recorded 2026-11-20 10:05 by alice" \
	"the delay reason it was admitted with"
expect_no_screen "(backdated)" "nothing is backdated yet"
tui_keys hist q
tui_wait hist "ward: all" "q goes back to the list"

# The form: the delay reason E from 21 November.
tui_keys hist e
tui_wait hist "Edit  Historia" "e opens the form" || { finish; exit; }
expect_screen "Changes from        now" "the form's changes are from now unless told"
tui_keys hist Down Down Down
tui_keys hist Enter
tui_wait hist "Delay reason (" "Enter asks for the delay reason"
tui_keys hist C-u
tui_type hist "E"
tui_keys hist Enter
tui_wait hist "* Delay reason        E" "E is taken"
tui_keys hist End
tui_keys hist Enter
tui_wait hist "Changes from (" "Enter on Changes from asks for a time"
tui_keys hist C-u
tui_type hist "+1"
tui_keys hist Enter
tui_wait hist "2026-11-24 00:00 is in the future" "a time in the future is refused"
expect_screen "Changes from        now" "and the field keeps its value"
tui_keys hist Enter
tui_wait hist "Changes from (" "asked again"
tui_keys hist C-u
tui_type hist "21/11/2026"
tui_keys hist Enter
tui_wait hist "Changes from        2026-11-21 00:00  the changes above took effect then" \
	"a day-first date is from 00:00 that day"

# H from the form, q back to it with the changes kept.
tui_keys hist H
tui_wait hist "History  Historia" "H opens the history from the form"
tui_keys hist q
tui_wait hist "* Delay reason        E" "q comes back to the form, the change kept"

tui_keys hist C-s
tui_wait hist "saved (version 2)" "^S saves" || { tui_keys hist C-q; tui_keys hist F2; }
tui_wait hist "ward: all" "saving goes back to the list"
expect_eq "$(q "SELECT value || '|' || valid_from || '|' || recorded_at || '|' || recorded_by
	FROM stay_fact WHERE stay = $id AND field = 'delay_reason' ORDER BY id DESC LIMIT 1")" \
	"E|2026-11-21T00:00:00|2026-11-23T08:00:00|tester" \
	"the fact is valid from 00:00 on the 21st, recorded now by the user"
expect_eq "$(q "SELECT delay_reason FROM stay WHERE id = $id")" "E" \
	"the current reason is E"

tui_keys hist H
tui_wait hist "2026-11-21 00:00  delay_reason   A → E  recorded 2026-11-23 08:00 by tester  (backdated)" \
	"the history shows the correction, backdated" || dump hist
tui_keys hist q
tui_wait hist "ward: all" "q back to the list"
tui_keys hist Q
tui_wait_exit hist 0 "Q quits"
finish
