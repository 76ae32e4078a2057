# The man page's command synopsis and the headings of its COMMANDS section
# are the command table: regenerate them with tools/gen_cmds and compare, so
# that the man page cannot drift from sitrep --help and the usage errors.
. "$(dirname "$0")/lib.sh"
: "${SITREP_GEN_CMDS:?run through meson test}"
man=$src/man/sitrep.1

checks=1
"$SITREP_GEN_CMDS" synopsis >"$tmp/synopsis" || fail "gen_cmds synopsis failed"
sed -n '/^\.\\" commands:begin$/,/^\.\\" commands:end$/p' "$man" |
	sed '1d;$d' >"$tmp/man-synopsis"
[ -s "$tmp/man-synopsis" ] || fail "no generated synopsis in man/sitrep.1"
cmp -s "$tmp/synopsis" "$tmp/man-synopsis" ||
	fail "man/sitrep.1 SYNOPSIS differs from the command table: $(diff "$tmp/man-synopsis" "$tmp/synopsis" | head -n 6)"

# The headings of COMMANDS: the line after each .TP outside .RS/.RE.
checks=$((checks + 1))
"$SITREP_GEN_CMDS" commands >"$tmp/commands" || fail "gen_cmds commands failed"
awk '
	/^\.SH / { in_cmds = ($0 == ".SH COMMANDS"); depth = 0; next }
	!in_cmds { next }
	/^\.RS/ { depth++ }
	/^\.RE/ { depth-- }
	heading { print; heading = 0; next }
	$0 == ".TP" && depth == 0 { print; heading = 1 }
' "$man" >"$tmp/man-commands"
[ -s "$tmp/man-commands" ] || fail "no COMMANDS section in man/sitrep.1"
cmp -s "$tmp/commands" "$tmp/man-commands" ||
	fail "man/sitrep.1 COMMANDS headings differ from the command table: $(diff "$tmp/man-commands" "$tmp/commands" | head -n 6)"

# The table and sitrep --help list the same commands, in the same order.
checks=$((checks + 1))
"$SITREP_BIN" --help >"$tmp/help"
sed -n '/^commands:$/,/^$/p' "$tmp/help" | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' |
	uniq >"$tmp/help-names"
sed 's/\\-/-/g' "$tmp/commands" | sed -n 's/^\\fB\([a-z-]*\)\\fR.*/\1/p' |
	uniq >"$tmp/table-names"
cmp -s "$tmp/help-names" "$tmp/table-names" ||
	fail "sitrep --help and the command table list different commands: $(diff "$tmp/help-names" "$tmp/table-names" | head -n 6)"

# The page renders without warnings, where groff is installed.
if command -v groff >/dev/null; then
	checks=$((checks + 1))
	warn=$(groff -man -ww -z "$man" 2>&1)
	[ -z "$warn" ] || fail "groff warns on man/sitrep.1: $warn"
fi
finish
