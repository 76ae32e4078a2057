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

# status LINE: the console's last row (the keys' hint).
status() { printf '%s\n' "$screen" | tail -n 1; }
# expect_status HAS|LACKS TEXT DESCRIPTION
expect_status() {
	checks=$((checks + 1))
	case $1 in
	HAS) [[ $(status) == *"$2"* ]] || { fail "$3: the status line lacks '$2'"; dump; } ;;
	LACKS) [[ $(status) != *"$2"* ]] || { fail "$3: the status line shows '$2'"; dump; } ;;
	esac
}

# ---- a viewer ----
tui_start v 120x30 SITREP_USER=view
tui_wait v "PRIVACY" "a viewer's console opens in privacy mode"
# The hint leaves out the keys the role cannot use anywhere.
tui_wait v "Enter site" "the board's hint"
expect_status HAS "c call" "a viewer's hint keeps the call"
expect_status LACKS "declare OPEL" "a viewer's hint: no OPEL declaration"
expect_status LACKS "p privacy" "a viewer's hint: no privacy key"
tui_keys v c
tui_wait v "space next" "the call's hint"
expect_status HAS "v changes" "a viewer's call hint keeps the changes"
expect_status LACKS "new blocker" "a viewer's call hint: no new blocker"
expect_status LACKS "green/red" "a viewer's call hint: no red/green"
expect_status LACKS "a assign" "a viewer's call hint: no assigning"
tui_keys v q
tui_wait v "Enter site" "back on the board"
tui_keys v B
tui_wait v "j/k select" "the bed state's hint"
expect_status LACKS "close beds" "a viewer's bed state hint: no closing"
expect_status LACKS "escalation beds" "a viewer's bed state hint: no escalation beds"
tui_keys v q
tui_wait v "Enter site" "back on the board"
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
tui_wait b "Enter site" "the board's hint"
expect_status HAS "o declare OPEL" "a bed manager's hint: declaring OPEL"
expect_status HAS "p privacy" "a bed manager's hint: privacy"
tui_keys b c
tui_wait b "space next" "the call's hint"
for part in "b new blocker" "c close" "O reopen" "a assign" "u due" \
	"y/n green/red"; do
	expect_status HAS "$part" "a bed manager's call hint"
done
tui_keys b q
tui_wait b "Enter site" "back on the board"
tui_keys b B
tui_wait b "j/k select" "the bed state's hint"
for part in "c close beds" "e escalation beds" "x end selected"; do
	expect_status HAS "$part" "a bed manager's bed state hint"
done
tui_keys b q
tui_wait b "Enter site" "back on the board"
tui_keys b '?'
tui_wait b "You are boss: bed manager" "the help names the bed manager"
expect_no_screen "(not for your role)" "a bed manager's help marks no key"
tui_keys b q q

finish
