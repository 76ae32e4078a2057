# Roles in the console (issue 18): a viewer's console has privacy mode on
# for good (p says why and changes nothing) and its help says who they are
# and their role; a bed manager's shows names; an edit the role may not
# make is refused on the status line with the edit layer's words, and the
# database is unchanged.
. "$(dirname "$0")/lib.sh"

db=$tmp/roles.db
{
	cat "$src/config/sitrep.yaml"
	cat <<'YAML'
access:
  - { role: bed_manager, users: [boss, tester] }
  - { role: viewer, users: [view] }
YAML
} >"$tmp/roles.yaml"
cfg=$tmp/roles.yaml
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn ROLE1 --at 2026-11-20T10:00 ward=$(q "SELECT code FROM ward WHERE site = 'SFT' LIMIT 1") \
	family_name=Quennell-Fairweather given_name=Xanthe
expect_eq "$rc" 0 "admit ($err)"

# ---- a viewer ----
tui_start v 120x30 SITREP_USER=view
tui_wait v "PRIVACY" "a viewer's console opens in privacy mode"
tui_keys v p
tui_wait v "privacy mode stays on: your role may not see names" \
	"p does not turn a viewer's privacy mode off"
tui_settle v
expect_screen "PRIVACY" "still in privacy mode after p"
tui_keys v '?'
tui_wait v "You are view: viewer" "the help names the user and the role"
expect_screen "edit the selected patient (not for your role)" \
	"the help marks the keys a viewer cannot use"
tui_keys v q
# e on the board: refused at once, in the edit layer's words.
tui_keys v e
tui_wait v "view (viewer) may not change a patient's record" \
	"a key the role cannot use says why"
# The list of SFT: no name on it.
tui_keys v Enter
tui_settle v
expect_no_screen "Quennell" "a viewer sees no name in the list"
tui_keys v q q

# ---- a bed manager ----
tui_start b 120x30 SITREP_USER=boss
tui_wait b "SFT" "the bed manager's board"
expect_no_screen "PRIVACY" "a bed manager's console shows identifiers"
tui_keys b '?'
tui_wait b "You are boss: bed manager" "the help names the bed manager"
expect_no_screen "(not for your role)" "a bed manager's help marks no key"
tui_keys b q q

finish
