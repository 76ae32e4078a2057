# Issue 12, defect 21 (OPEL wording) and defect 13 (the board's moment):
# the board's explanation read "AWP OPEL 4 ...; declared by root" as if
# root had declared 4 when root declared 3. It now keeps the computed level
# and the declaration (level, who, when) apart: "SFT OPEL computed N: ...;
# declared 3 by tester at 2026-11-23 08:00". And the board's header says
# which moment its counts are for: today's, live, "as at 08:00".
. "$(dirname "$0")/lib.sh"

db=$tmp/wording.db
demo_db "$db" 10 1 || { finish; exit; }
# A declared level unlike the computed one, so that the two can be told
# apart on the screen.
sr report --site SFT --format json
computed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sites"][0]["opel"]["computed"])' "$tmp/out")
declared=$(( computed == 3 ? 2 : 3 ))
sr opel declare SFT "$declared" --note "the call's view"
expect_eq "$rc" 0 "opel declare SFT ($err)"

tui_start wording 160x40
tui_wait wording "System OPEL" "the board opens"
# The first site (SFT) is selected: its explanation.
tui_wait wording "SFT OPEL computed $computed: " "the computed level is said as computed"
expect_screen "; declared $declared by tester at 2026-11-23 08:00" \
	"the declaration says its level, who and when"
lacks_text "declared by tester" || fail "the explanation says 'declared by' without the level"
lacks_text "SFT OPEL $computed:" || fail "the computed level reads as the declared one"
# Defect 13: the header names the moment (SITREP_NOW 08:00, today).
expect_screen "as at 08:00: System OPEL" "the board says its counts are as at 08:00"
# And the DTOC review says it too.
tui_keys wording d
tui_wait wording "by reason" "the DTOC review"
tui_wait_re wording "as at 08:00: (on track|OVER|Delayed bed days)" \
	"the DTOC review's trajectory line names its moment"
tui_keys wording q
tui_wait wording "System OPEL" "back on the board"

tui_keys wording q
tui_wait_exit wording "q quits"
finish
