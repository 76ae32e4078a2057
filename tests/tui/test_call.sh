# Issue 14: a whole call in the console. c on the board opens the call's
# agenda; f shows one owner's patients; on the selected patient y marks
# today green, u gives the blocker a new due date, a reassigns it, c closes
# it (after a yes), space moves on; the heading counts who was discussed;
# v shows what changed since the last call. Each change is checked in the
# database and its audit trail.
. "$(dirname "$0")/lib.sh"

demo_db "$db" 20 4 || { finish; exit; }
# The demo gives its blockers owners; the hub's and asc-wilts's lists are
# to hold our patient alone, so theirs go to nobody (test set-up only).
q "UPDATE blocker SET owner = NULL WHERE owner IN ('hub', 'asc-wilts')"
# A patient of our own, ready to leave since Saturday, waiting for an
# assessment (reason A: a blocker opened with it), recorded at 07:30 today
# (after yesterday's call at 08:30); the blocker the hub's, due Friday.
SITREP_NOW=2026-11-23T07:30 sr admit --site SFT --mrn CALL01 \
	--at 2026-11-19T09:30 ward=AMU bed=40 family_name=Calling \
	given_name=Ann edd=2026-11-21 g2g=2026-11-21 reason=A agency=ASC
[ "$rc" = 0 ] || { fail "admit: $err"; finish; exit; }
id=$(q "SELECT id FROM stay WHERE mrn = 'CALL01'")
bl=$(q "SELECT id FROM blocker WHERE stay = $id AND closed_at IS NULL")
[ -n "$bl" ] || { fail "the reason opened no blocker"; finish; exit; }
SITREP_NOW=2026-11-23T07:35 sr blocker change --owner hub --due 2026-11-20 "$bl"
[ "$rc" = 0 ] || { fail "blocker change: $err"; finish; exit; }

tui_start call 140x40
tui_wait call " SFT Salisbury" "the board opens" || { finish; exit; }
# The board uses the room below the sites: the call's head, 30 days of NCTR.
tui_wait_re call "^Call: [0-9]+ to discuss \(c\)" "the call's head on the board"
# The blockers of now, as `sitrep call` counts them.
sr call --format json
want=$(printf '%s' "$out" | python3 -c '
import json, sys
c = json.load(sys.stdin)
b = c["blockers"]
m = b["median_days_to_close"]
esc = sum(1 for p in c["agenda"] if p.get("escalated_to"))
print("Blockers: %d open, %d overdue; %d closed in 7 days, median %s days "
      "open; %d escalated" % (b["open"], b["overdue"], b["closed_7d"],
                              "-" if m is None else "%.1f" % m, esc))')
tui_wait call "$want" "the blockers' line on the board"
tui_wait_re call "^  (new since last call|escalated) +[A-Z]+ [A-Z0-9]+ B[0-9]+ .* LOS [0-9]+" "patients in the call's head"
tui_wait call "NCTR (delayed bed days a day), system, 30 days" "the sparkline's title"
tui_wait_re call "^10-25 .{30} 11-23" "30 days from 25 October to today"
tui_keys call c
tui_wait call "Daily call 08:00" "c opens the call" || { finish; exit; }
tui_wait call "since 2026-11-22 08:30" "the last call is yesterday's"

# The hub's list: our patient alone, overdue 3 days, escalated to the hub
# lead (overdue 2 days or more).
tui_keys call f
tui_wait call "owner hub" "f: the first owner's patients" || { finish; exit; }
tui_wait call "Calling, Ann" "our patient is on the hub's list" || { finish; exit; }
tui_wait call "0 of 1 discussed" "nobody discussed yet"
tui_wait_re call "escalated +SFT AMU 40 +Calling, Ann" "listed as escalated"
tui_wait call "11-20 +3d" "due Friday: 3 days overdue"
tui_wait call "Discharge hub lead" "escalated to the hub lead"

# y: today green; the heading counts the patient as discussed.
tui_keys call y
tui_wait call "1 of 1 discussed" "marking discusses the patient"
[ "$(q "SELECT colour FROM day_mark_log WHERE stay = $id AND day = '2026-11-23' AND superseded_at IS NULL")" = green ] ||
	fail "y did not mark today green"

# u: a new due date, Wednesday; no longer overdue, no longer escalated by it.
tui_keys call u
tui_wait call "due (" "u asks for the due date" || { finish; exit; }
tui_keys call C-u
tui_type call "2026-11-25"
tui_keys call Enter
tui_wait call "new due date" "the due date saved"
[ "$(q "SELECT due FROM blocker WHERE id = $bl")" = 2026-11-25 ] ||
	fail "the due date is not in the database"
tui_wait call "2026-11-25" "the new due date shown: discussed, kept"
tui_wait_re call "no longer flagged +SFT AMU 40" "nothing flags the patient now"
tui_wait call "1 of 1 discussed" "still counted as discussed"

# a: reassign to Wiltshire's adult social care; off the hub's list.
tui_keys call a
tui_wait call "owner (" "a asks for the owner" || { finish; exit; }
tui_keys call C-u
tui_type call "asc-wilts"
tui_keys call Enter
tui_wait call "blocker assigned" "the owner saved"
[ "$(q "SELECT owner FROM blocker WHERE id = $bl")" = asc-wilts ] ||
	fail "the owner is not in the database"
tui_wait call "nobody to discuss" "off the hub's list"

# f: the next owner, Wiltshire's adult social care: our patient again.
tui_keys call f
tui_wait call "owner asc-wilts" "f: the next owner" || { finish; exit; }
tui_wait call "Calling, Ann" "on asc-wilts's list"

# b: a second blocker, care at home, asc-wilts's, due Thursday.
tui_keys call b
tui_wait call "new blocker: CODE [OWNER] [DUE]" "b asks for the blocker" || { finish; exit; }
tui_type call "E asc-wilts 2026-11-26"
tui_keys call Enter
tui_wait call "blocker E opened" "the blocker opened"
[ "$(q "SELECT count(*) FROM blocker WHERE stay = $id AND closed_at IS NULL")" = 2 ] ||
	fail "two blockers should be open"
[ "$(q "SELECT owner || ' ' || due FROM blocker WHERE stay = $id AND code = 'E'")" = "asc-wilts 2026-11-26" ] ||
	fail "the new blocker's owner and due date"

# c: close the primary blocker (the first opened, A), after a yes.
tui_keys call c
tui_wait call "close the primary blocker?" "c asks first" || { finish; exit; }
tui_type call "y"
tui_keys call Enter
tui_wait call "blocker closed" "the blocker closed"
[ -n "$(q "SELECT closed_at FROM blocker WHERE id = $bl")" ] ||
	fail "the blocker is not closed in the database"
[ "$(q "SELECT closed_by FROM blocker WHERE id = $bl")" = "$SITREP_USER" ] ||
	fail "closed by someone else"

# The audit trail: the owner, due date and close, by the console's user.
n=$(q "SELECT count(*) FROM audit WHERE stay = $id AND by = '$SITREP_USER'
	AND at >= '2026-11-23T08:00'")
[ "$n" -ge 3 ] || fail "the audit trail has $n rows of the call's changes"

# v: what changed since the last call (asc-wilts's: its blockers), with
# our blocker opened and closed.
tui_keys call v
tui_wait call "Changed since the last call (2026-11-22 08:30)" "v shows the changes" || { finish; exit; }
tui_wait_re call "blockers closed: [1-9]" "blockers closed counted"
tui_wait_re call "SFT +stay $id +2026-11-23 08:00 +A +by $SITREP_USER" "our blocker closed, by whom"
tui_wait_re call "SFT +stay $id +2026-11-19 09:30 +A" "our blocker's opening"
tui_wait_re call "SFT +stay $id +2026-11-23 08:00 +E +by $SITREP_USER" "the new blocker's opening"
tui_keys call q
tui_wait call "Daily call 08:00" "q: back to the agenda"

# O: the closing was a mistake: A open again, as a new blocker that
# follows the closed one (the record keeps both).
tui_keys call O
tui_wait call "open blocker A again from now? (y/n)" "O asks first" || { finish; exit; }
tui_type call "y"
tui_keys call Enter
tui_wait call "blocker A open again" "the blocker reopened"
[ "$(q "SELECT count(*) FROM blocker WHERE reopens = $bl AND closed_at IS NULL AND code = 'A'")" = 1 ] ||
	fail "no open blocker follows the closed one"
[ -n "$(q "SELECT closed_at FROM blocker WHERE id = $bl")" ] ||
	fail "the closed blocker's record changed"
tui_keys call O
tui_wait call "no closed blocker to open again" "nothing left to reopen"
tui_keys call q
tui_wait call " SFT Salisbury" "q: back to the board"
tui_keys call q
tui_wait call "[exit 0]" "q on the board ends the console"
finish
