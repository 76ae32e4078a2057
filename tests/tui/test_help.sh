# The help (? or F1) lists every action of ACTION_TABLE (src/tui/tui.h)
# with its keys and help text, names the keys as the man page's key table
# does (both come from that table), scrolls on a small screen to the last
# action, and goes away with ? or q.
. "$(dirname "$0")/lib.sh"

db=$tmp/help.db
sr init
expect_eq "$rc" 0 "init ($err)"

# The table, one action a line: name|key|alt|help. Line continuations
# joined, the help's string literals concatenated.
actions=$(awk '
	/^#define ACTION_TABLE/ { on = 1 }
	on { l = $0; sub(/\\$/, "", l); all = all l; if ($0 !~ /\\$/) on = 0 }
	END { print all }' "$src/src/tui/tui.h" |
	grep -oE "X\(ACT_[A-Z_]+, \"[^\"]*\", ('[^']*'|[A-Z_]+(\([^)]*\))?|[0-9]+), ('[^']*'|[A-Z_]+(\([^)]*\))?|[0-9]+),( |	)*(\"[^\"]*\"( |	)*)+\)" |
	sed -E "s/^X\(ACT_[A-Z_]+, \"([^\"]*)\", ('[^']*'|[A-Z_]+(\([^)]*\))?|[0-9]+), ('[^']*'|[A-Z_]+(\([^)]*\))?|[0-9]+),(.*)\)$/\1|\2|\4|\6/" |
	awk -F'|' '{ h = $4; gsub(/"[ \t]*"/, "", h); gsub(/^[ \t]*"|"[ \t]*$/, "", h); print $1 "|" $2 "|" $3 "|" h }')
n=$(printf '%s\n' "$actions" | grep -c .)
checks=$((checks + 1))
[ "$n" -ge 20 ] || fail "only $n actions parsed from ACTION_TABLE: $actions"

# key_token KEY: the label a key must show, when it is a character ("" for
# curses key codes, whose names vary).
key_token() {
	case $1 in
	"'\\n'") echo Enter ;;
	"'\\t'") echo Tab ;;
	27) echo Esc ;;
	0) ;;
	KEY_CTRL*) printf '^%s\n' "$(printf '%s' "$1" | sed -E "s/KEY_CTRL\('(.)'\)/\1/" | tr a-z A-Z)" ;;
	"'"?"'") printf '%s\n' "${1:1:1}" ;;
	esac
}
# The man page's key names of each help text: help|Name/name.
man_keys=$(sed -n '/keys:begin/,/keys:end/p' "$src/man/sitrep.1" | awk '
	/^\.BR? / { l = $0; sub(/^\.BR? /, "", l); gsub(/" *", *"/, "/", l);
		gsub(/"/, "", l); gsub(/\\-/, "-", l); gsub(/ /, "", l); keys = l; next }
	keys != "" && !/^\./ { print $0 "|" keys; keys = "" }')
# norm LABEL: lower case, "Ctrl-X" as "^x".
norm() { printf '%s\n' "$1" | sed 's/[Cc]trl-/^/g' | tr A-Z a-z; }
# has_key LABEL TOKEN: TOKEN is one of the "/"-separated keys of LABEL.
has_key() { [[ $1 == "$2" || $1 == "$2/"* || $1 == *"/$2" || $1 == *"/$2/"* ]]; }

tui_start help 200x60
tui_wait help "System OPEL" "the board" || { finish; exit; }
tui_keys help '?'
tui_wait help "Keys (q to go back)" "? opens the help" || { finish; exit; }
tui_settle help
while IFS='|' read -r name key alt help; do
	line=$(screen_lines "^  [^ ]+ +$(printf '%s' "$help" | sed 's/[][\.*^$?+(){}|/]/\\&/g')\$")
	checks=$((checks + 1))
	if [ -z "$line" ]; then
		fail "help: no line for '$name' ($help)"
		continue
	fi
	label=$(printf '%s\n' "$line" | awk '{ print $1 }')
	for k in "$key" "$alt"; do
		t=$(key_token "$k")
		[ -z "$t" ] && continue
		checks=$((checks + 1))
		has_key "$label" "$t" ||
			fail "help: '$name' is labelled '$label', without its key '$t'"
	done
	mk=$(printf '%s\n' "$man_keys" | awk -F'|' -v h="$help" '$1 == h { print $2 }')
	checks=$((checks + 1))
	if [ -z "$mk" ]; then
		fail "man page: no key table entry for '$help'"
	elif [ "$(norm "$label")" != "$(norm "$mk")" ]; then
		fail "help: '$name' keys are '$label' on the screen, '$mk' in the man page"
	fi
done <<<"$actions"
tui_keys help '?'
tui_wait help "System OPEL" "? closes the help" || tui_keys help q

# F1 opens it too; a small screen scrolls to the last action.
tui_resize help 80 24
tui_wait_gone help "Keys (q to go back)" "still the board"
tui_keys help F1
tui_wait help "Keys (q to go back)" "F1 opens the help"
last=$(printf '%s\n' "$actions" | tail -n 1 | cut -d'|' -f4)
for i in $(seq 1 30); do
	screen=$(tui_capture help)
	has_text "$last" && break
	tui_keys help j
	tui_settle help
done
expect_screen "$last" "j scrolls the help to the last action"
tui_keys help q
tui_wait help "System OPEL" "q closes the help"
tui_keys help q
tui_wait_exit help "q"
expect_eq "$tui_rc" 0 "exit status"

finish
