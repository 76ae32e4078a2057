# Two users edit the same patient at once (two consoles on one database):
# alice saves first; bob, still on the version he opened, saves after. Bob
# must see the conflict (their value and his), nothing is lost, and after he
# chooses (all his, all theirs, or field by field) the database holds what he
# chose and the audit trail holds every saved change: never a silent
# overwrite.
. "$(dirname "$0")/lib.sh"

db=$tmp/conflict.db
demo_db "$db" 30 3 || { finish; exit; }
stamp=2026-11-23T08:00:00

IFS='|' read -r id mrn edd0 v0 <<<"$(q "SELECT id, mrn, edd, version FROM stay
	WHERE site = 'SFT' AND discharged_at IS NULL AND edd IS NOT NULL
	AND g2g_date IS NULL AND note IS NULL ORDER BY id LIMIT 1")"
[ -n "$id" ] || { fail "no SFT stay to edit in the demo data"; finish; exit; }
stay() { q "SELECT ifnull(edd, '-') || '|' || ifnull(note, '-') || '|' || version FROM stay WHERE id = $id"; }
# audit_since N: the audit rows of the stay after row N, oldest first.
audit_since() {
	q "SELECT group_concat(r, ';') FROM (SELECT field || '|' || ifnull(old, '-') ||
	   '|' || ifnull(new, '-') || '|' || by AS r FROM audit
	   WHERE stay = $id AND id > $1 ORDER BY id)"
}
audit_top() { q "SELECT ifnull(max(id), 0) FROM audit"; }

# open NAME: the console NAME's form of the patient, from its board.
open_form() {
	tui_keys "$1" Enter
	tui_wait "$1" "ward: all" "$1: the SFT list"
	tui_keys "$1" /
	tui_wait "$1" "search name or MRN" "$1: the search prompt"
	tui_type "$1" "$mrn"
	tui_keys "$1" Enter
	tui_wait_re "$1" " 1 of 1 \(" "$1: one patient found"
	tui_keys "$1" Enter
	tui_wait "$1" "MRN $mrn" "$1: the form opens"
}
# set_field NAME KEYS... -- VALUE PATTERN: moves with KEYS, Enter, replaces
# the value, Enter, waits for PATTERN.
set_field() {
	local name=$1
	shift
	local -a keys=()
	while [ "$1" != -- ]; do
		keys+=("$1")
		shift
	done
	shift
	[ ${#keys[@]} -gt 0 ] && tui_keys "$name" "${keys[@]}"
	tui_keys "$name" Enter
	tui_wait "$name" "$3" "$name: the prompt for $1"
	tui_keys "$name" C-u
	tui_type "$name" "$1"
	tui_keys "$name" Enter
	tui_wait "$name" "$2" "$name: $1 taken"
}

tui_start alice 120x40 SITREP_USER=alice
tui_start bob 120x40 SITREP_USER=bob
tui_wait alice " SFT Salisbury" "alice's board" || { finish; exit; }
tui_wait bob " SFT Salisbury" "bob's board" || { finish; exit; }
open_form alice
open_form bob
expect_screen "version $v0" "bob opened version $v0"

# ---- 1: bob applies his values ----
a0=$(audit_top)
# Bob starts typing (a note, then the EDD) before alice saves.
set_field bob g j j j j j j j -- "bob: family meeting Tuesday" "* Note                bob: family" "Note ("
set_field bob g -- "+5" "* Expected discharge  2026-11-28" "Expected discharge ("
set_field alice g -- "+3" "* Expected discharge  2026-11-26" "Expected discharge ("
tui_keys alice C-s
tui_wait alice "saved (version $((v0 + 1)))" "alice saves" || { finish; exit; }
expect_eq "$(stay)" "2026-11-26|-|$((v0 + 1))" "alice's change is stored"
# Bob's console notices the change while he is editing, keeps his values.
tui_wait bob "someone else saved this patient" "bob is told someone else saved"
expect_screen "* Expected discharge  2026-11-28" "bob's typed EDD is kept"
tui_keys bob C-s
tui_wait bob "alice saved this patient at 2026-11-23 08:00 (version $((v0 + 1))) meanwhile" \
	"bob's save shows the conflict" || { finish; exit; }
tui_settle bob # a capture can land inside a refresh: let it end
expect_screen "Expected discharge" "the conflict lists the EDD"
expect_screen "theirs: 2026-11-26" "the conflict shows their EDD"
expect_screen "yours:  2026-11-28" "the conflict shows bob's EDD"
expect_screen "yours:  bob: family meeting Tuesday" "the conflict shows bob's note"
expect_eq "$(stay)" "2026-11-26|-|$((v0 + 1))" "nothing saved by the conflict itself"
tui_keys bob m
tui_settle bob
tui_keys bob Enter
tui_wait bob "saved (version $((v0 + 2)))" "bob saves his values"
expect_eq "$(stay)" "2026-11-28|bob: family meeting Tuesday|$((v0 + 2))" "the stay holds bob's values"
expect_eq "$(audit_since "$a0")" \
	"edd|$edd0|2026-11-26|alice;edd|2026-11-26|2026-11-28|bob;note|-|bob: family meeting Tuesday|bob" \
	"the audit trail holds both users' changes"
expect_eq "$(q "SELECT at FROM audit WHERE id > $a0 GROUP BY at")" "$stamp" "audit stamps"

# ---- 2: bob keeps theirs; he saves at once (before his console polls) ----
a0=$(audit_top)
tui_wait alice "search: $mrn" "alice is back on the list"
tui_wait bob "search: $mrn" "bob is back on the list"
tui_keys alice Enter
tui_wait alice "version $((v0 + 2))" "alice reopens the form"
tui_keys bob Enter
tui_wait bob "version $((v0 + 2))" "bob reopens the form"
set_field bob -- "2026-12-05" "* Expected discharge  2026-12-05" "Expected discharge ("
set_field alice -- "2026-12-02" "* Expected discharge  2026-12-02" "Expected discharge ("
tui_keys alice C-s
tui_wait alice "saved (version $((v0 + 3)))" "alice saves again"
tui_keys bob C-s
tui_wait bob "saved this patient at" "bob's stale save shows the conflict"
tui_settle bob # a capture can land inside a refresh: let it end
expect_screen "theirs: 2026-12-02" "their EDD"
expect_screen "yours:  2026-12-05" "bob's EDD"
tui_keys bob t
tui_wait bob "[keep theirs] Expected discharge" "t keeps theirs"
tui_keys bob Enter
tui_wait bob "nothing changed" "keeping theirs leaves nothing to save"
tui_wait bob "Expected discharge  2026-12-02" "bob's form shows their EDD"
expect_screen "version $((v0 + 3))" "bob's form is at their version"
expect_eq "$(stay)" "2026-12-02|bob: family meeting Tuesday|$((v0 + 3))" "the stay holds alice's EDD"
expect_eq "$(audit_since "$a0")" "edd|2026-11-28|2026-12-02|alice" "one audit row: alice's"

# ---- 3: field by field: their EDD, bob's note ----
a0=$(audit_top)
tui_keys alice Enter
tui_wait alice "version $((v0 + 3))" "alice reopens the form"
set_field bob -- "2026-12-09" "* Expected discharge  2026-12-09" "Expected discharge ("
set_field bob j j j j j j j -- "bob: CHC assessment booked" "* Note                bob: CHC" "Note ("
set_field alice -- "2026-12-07" "* Expected discharge  2026-12-07" "Expected discharge ("
tui_keys alice C-s
tui_wait alice "saved (version $((v0 + 4)))" "alice saves a third time"
tui_keys bob C-s
tui_wait bob "saved this patient at" "bob's third save shows the conflict"
tui_settle bob # a capture can land inside a refresh: let it end
expect_screen "theirs: 2026-12-07" "their EDD"
expect_screen "theirs: bob: family meeting Tuesday  (as you found it)" "an unchanged note is said to be as found"
# The EDD is the first field listed: Left turns it to theirs.
tui_keys bob Left
tui_wait bob "[keep theirs] Expected discharge" "Left keeps their EDD"
expect_screen "[apply mine ] Note" "the note stays bob's"
tui_keys bob C-s
tui_wait bob "saved (version $((v0 + 5)))" "bob saves his note on their EDD"
expect_eq "$(stay)" "2026-12-07|bob: CHC assessment booked|$((v0 + 5))" "their EDD with bob's note"
expect_eq "$(audit_since "$a0")" \
	"edd|2026-12-02|2026-12-07|alice;note|bob: family meeting Tuesday|bob: CHC assessment booked|bob" \
	"the audit trail: alice's EDD, bob's note"

for who in alice bob; do
	tui_keys "$who" Q
	tui_wait_exit "$who" "$who quits"
	expect_eq "$tui_rc" 0 "$who: exit status"
done
expect_eq "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "integrity"

finish
