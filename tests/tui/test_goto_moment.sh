# Issue 13: "go to date/time". t asks for a moment; the console then shows
# that moment's board and lists from the dated facts, read-only: the title
# says which moment, a patient moved since is on the ward of then, a
# patient discharged since is listed, every change is refused with a
# message (and nothing is written), and t then Enter comes back to now.
. "$(dirname "$0")/lib.sh"

db=$tmp/goto.db
sr init
expect_eq "$rc" 0 "init ($err)"
# Admitted on 20 Nov, each recorded then.
admit() { # MRN FAMILY BED
	SITREP_NOW=2026-11-20T10:05 sr admit --site SFT --mrn "$1" \
		--at 2026-11-20T10:00 "family_name=$2" given_name=Test \
		ward=AMU "bed=$3" edd=2026-11-25
	expect_eq "$rc" 0 "admit $1 ($err)"
}
admit SFT0000001 Andersson A1
admit SFT0000002 Evans A2
admit SFT0000003 Leaver A3
# Leaver went home on 22 Nov at 15:00; Andersson moved to Britford B7
# this morning at 07:00.
SITREP_NOW=2026-11-22T15:05 sr discharge --at 2026-11-22T15:00 SFT0000003
expect_eq "$rc" 0 "discharge ($err)"
SITREP_NOW=2026-11-23T07:00 sr set SFT0000001 ward=BRT bed=B7 edd=2026-11-28
expect_eq "$rc" 0 "move ($err)"
audits() { q "SELECT count(*) FROM audit"; }
n0=$(audits)

# row MRN: the list's line of that patient ("" when not listed).
row() { screen_lines "$1" | head -n 1; }

tui_start go 120x30
tui_wait go " SFT Salisbury" "the board opens" || { finish; exit; }
tui_keys go Enter
tui_wait go "SFT Salisbury NHS Foundation Trust  ward: all" "SFT's list" || { finish; exit; }
tui_wait go "SFT0000001" "Andersson is listed"
expect_eq "$(row SFT0000001 | grep -cE 'BRT +B7')" 1 "now: Andersson on Britford"
expect_eq "$(row SFT0000003)" "" "now: Leaver has gone"
expect_no_screen "read-only" "now: not read-only"

# An earlier moment: this morning at 06:30, before the move.
tui_keys go t
tui_wait go "go to date/time" "t asks for a moment" || { finish; exit; }
tui_type go "23/11/2026 06:30"
tui_keys go Enter
tui_wait go "AT 23/11 06:30 · read-only" "the title says which moment" || { finish; exit; }
tui_wait_re go "AMU +A1 .*SFT0000001" "06:30: Andersson on AMU, bed A1"
expect_eq "$(row SFT0000001 | grep -c '25 Nov')" 1 "06:30: the EDD of then"
expect_eq "$(row SFT0000003)" "" "06:30: Leaver had gone"
expect_screen "read-only  f filter" "the legend says read-only"

# Every change is refused with the same message.
for key in e y n x Enter; do
	tui_keys go "$key"
	tui_wait go "read-only: this is AT 23/11 06:30; t then Enter goes back to now" \
		"$key is refused"
	tui_keys go C-l
	tui_wait_gone go "read-only: this is" "the message clears ($key)"
done
expect_eq "$(audits)" "$n0" "nothing written while read-only"
expect_eq "$(q "SELECT count(*) FROM day_mark")" 0 "no day marked"

# The end of an earlier day: Leaver still in a bed at midnight on 21 Nov.
tui_keys go t
tui_wait go "go to date/time" "t again"
tui_type go " -2" # (a space first: tmux would take -2 for an option)
tui_keys go Enter
tui_wait go "END OF 21 NOV · read-only" "-2 is the end of 21 Nov"
tui_wait_re go "AMU +A3 .*SFT0000003" "21 Nov: Leaver listed on AMU"

# The board of yesterday: OPEL declarations refused too.
tui_keys go q
tui_wait go "System OPEL" "back to the board, still then"
expect_screen "END OF 21 NOV · read-only" "the board shows the moment"
tui_keys go o
tui_wait go "read-only: this is END OF 21 NOV" "o is refused"
tui_keys go t
tui_wait go "go to date/time" "t on the board"
tui_type go "yesterday"
tui_keys go Enter
tui_wait go "END OF 22 NOV · read-only" "yesterday"

# Not yet: refused, the moment kept.
tui_keys go t
tui_wait go "go to date/time" "t once more"
tui_type go "2026-11-23 09:00"
tui_keys go Enter
tui_wait go "has not come yet" "a time after now is refused"
expect_screen "END OF 22 NOV · read-only" "the moment is kept"

# Back to now: t, Enter on nothing.
tui_keys go t
tui_wait go "go to date/time (Enter: back to now)" "t offers now"
tui_keys go Enter
tui_wait go "back to now" "Enter on nothing comes back to now"
tui_wait_gone go "read-only" "the title is today's again"
tui_keys go Enter
tui_wait_re go "BRT +B7 .*SFT0000001" "now: Andersson on Britford again"
tui_keys go e
tui_wait go "Edit  " "e edits again" || { finish; exit; }
tui_keys go q
finish
