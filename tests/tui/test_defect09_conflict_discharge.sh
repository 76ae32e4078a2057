# Defect 9: bob edits a patient's EDD in the console while alice, on the
# command line, changes the pathway and discharges the patient. Bob's save
# must show every field alice changed (the pathway, the discharge time and
# destination) and that the patient has left; Enter in the dialog must not
# put bob's EDD onto the discharged stay without an explicit yes (y/N,
# default no), and only y saves it.
. "$(dirname "$0")/lib.sh"

db=$tmp/d09.db
demo_db "$db" 30 3 || { finish; exit; }

IFS='|' read -r id mrn edd0 path0 <<<"$(q "SELECT id, mrn, edd, ifnull(pathway, '') FROM stay
	WHERE site = 'SFT' AND discharged_at IS NULL AND edd IS NOT NULL
	AND g2g_date IS NULL ORDER BY id LIMIT 1")"
[ -n "$id" ] || { fail "no SFT stay to edit in the demo data"; finish; exit; }
path1=2
[ "$path0" = 2 ] && path1=3
stay() { q "SELECT edd || '|' || ifnull(pathway, '-') || '|' || ifnull(discharged_at, '-') || '|' || ifnull(destination, '-') FROM stay WHERE id = $id"; }

tui_start bob 120x40 SITREP_USER=bob
tui_wait bob " SFT Salisbury" "bob's board" || { finish; exit; }
tui_keys bob Enter
tui_wait bob "ward: all" "bob: the SFT list"
tui_keys bob /
tui_wait bob "search name or MRN" "bob: the search prompt"
tui_type bob "$mrn"
tui_keys bob Enter
tui_wait_re bob " 1 of 1 \(" "bob: one patient found"
tui_keys bob Enter
tui_wait bob "MRN $mrn" "bob: the form opens" || { finish; exit; }
# Bob types an EDD five days on.
tui_keys bob Enter
tui_wait bob "Expected discharge (" "bob: the EDD prompt"
tui_keys bob C-u
tui_type bob "+5"
tui_keys bob Enter
tui_wait bob "* Expected discharge  2026-11-28" "bob: the EDD is taken"

# Meanwhile alice, on the command line: the pathway, then the discharge.
SITREP_USER=alice sr set --stay "$id" pathway=$path1
expect_eq "$rc" 0 "alice sets the pathway"
SITREP_USER=alice sr discharge --stay "$id" --destination "Usual place of residence"
expect_eq "$rc" 0 "alice discharges the patient"
before=$(stay)
expect_eq "$before" "$edd0|$path1|2026-11-23T08:00|Usual place of residence" "alice's changes are stored"

tui_keys bob C-s
tui_wait bob "saved this patient at" "bob's save shows the conflict" || { finish; exit; }
tui_settle bob
expect_screen "THE PATIENT HAS LEFT: discharged 2026-11-23 08:00 to Usual place of residence" \
	"the dialog says the patient has left"
expect_screen "[theirs]    Pathway: $path1" "the dialog shows alice's pathway"
expect_screen "[theirs]    Discharged at: 2026-11-23 08:00" "the dialog shows the discharge time"
expect_screen "[theirs]    Destination: Usual place of residence" "the dialog shows the destination"
expect_screen "yours:  2026-11-28" "the dialog shows bob's EDD"
expect_eq "$(stay)" "$before" "the dialog saves nothing"

# Enter: asked first, and the default is no.
tui_keys bob Enter
tui_wait bob "save your changes to the discharged stay? (y/N)" "Enter asks before saving onto a discharged stay"
expect_eq "$(stay)" "$before" "the question saves nothing"
tui_keys bob Enter
tui_wait bob "not saved: the patient has left" "Enter answers no"
expect_eq "$(stay)" "$before" "no: nothing saved"
expect_screen "* Expected discharge  2026-11-28" "no: bob's EDD is still in the form"
# Any key but y is no.
tui_keys bob C-s
tui_wait bob "(y/N)" "saving again asks again"
tui_type bob n
tui_wait bob "not saved: the patient has left" "n answers no"
expect_eq "$(stay)" "$before" "n: nothing saved"
# y saves, and keeps the discharge.
tui_keys bob C-s
tui_wait bob "(y/N)" "saving a third time asks again"
tui_type bob y
tui_wait bob "saved (version" "y saves"
expect_eq "$(stay)" "2026-11-28|$path1|2026-11-23T08:00|Usual place of residence" \
	"y: bob's EDD on the discharged stay, alice's discharge kept"
expect_eq "$(q "SELECT group_concat(field || ':' || by, ',') FROM (SELECT * FROM audit
	WHERE stay = $id AND field IN ('pathway', 'discharged_at', 'destination', 'edd') ORDER BY id)")" \
	"pathway:alice,discharged_at:alice,destination:alice,edd:bob" "the audit trail"

# The command line refuses the same without --discharged-ok.
sr set --stay "$id" edd=2026-11-30
expect_eq "$rc" 65 "set on a discharged stay is refused"
expect_eq "$(stay | cut -d'|' -f1)" "2026-11-28" "refused: the EDD is unchanged"
[[ $err == *"was discharged at 2026-11-23 08:00"*"--discharged-ok"* ]] ||
	fail "the refusal says why and how: $err"
sr set --discharged-ok --stay "$id" edd=2026-11-30
expect_eq "$rc" 0 "set --discharged-ok changes it"
expect_eq "$(stay | cut -d'|' -f1)" "2026-11-30" "--discharged-ok: the EDD is changed"

tui_keys bob Q
tui_wait_exit bob "bob quits"
expect_eq "$tui_rc" 0 "bob: exit status"
finish
