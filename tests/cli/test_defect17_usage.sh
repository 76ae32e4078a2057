# Defect 17 (command-line part): a usage error exits 2 and says what was
# wrong, and COMMAND --help and the usage error of every command print the
# same usage line(s), both from the command's entry in the table.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml

# The usage lines at the top of a file: "usage: sitrep CMD ...", then any
# further lines "       sitrep CMD ..." (a command with subcommands).
usage_of() { # file, command
	awk -v c="$2" '
		NR == 1 && index($0, "usage: sitrep " c) == 1 { print; next }
		NR > 1 && index($0, "       sitrep " c) == 1 { print; next }
		{ exit }
	' "$1"
}

run --help
sed -n '/^commands:$/,/^$/p' "$tmp/out" | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' |
	uniq >"$tmp/commands"
[ "$(wc -l <"$tmp/commands")" -ge 14 ] ||
	fail "sitrep --help lists $(wc -l <"$tmp/commands") commands"

while read -r c; do
	run "$c" --help
	expect_rc 0 "$c --help"
	usage_of "$tmp/out" "$c" >"$tmp/help-usage"
	[ -s "$tmp/help-usage" ] || fail "$c --help: no usage line first: $out"
	cp "$tmp/out" "$tmp/help"

	run --config "$cfg" --db "$tmp/none.db" "$c" --no-such-option
	expect_rc 2 "$c --no-such-option"
	expect_err "unknown option '--no-such-option'" "$c --no-such-option"
	usage_of "$tmp/err" "$c" >"$tmp/error-usage"
	cmp -s "$tmp/help-usage" "$tmp/error-usage" ||
		fail "$c: --help and the usage error differ: $(diff "$tmp/help-usage" "$tmp/error-usage")"

	# Every option --help lists is in the usage line.
	sed -n 's/^  \(--[a-z-]*\).*/\1/p' "$tmp/help" >"$tmp/options"
	while read -r o; do
		grep -qF -- "$o" "$tmp/help-usage" ||
			fail "$c: option $o is not in the usage line"
	done <"$tmp/options"
done <"$tmp/commands"

# Operand counts are usage errors too, with the same usage line.
for args in "set" "opel" "report extra" "import" "import a b" "mark"; do
	# shellcheck disable=SC2086
	set -- $args
	run "$1" --help
	usage_of "$tmp/out" "$1" >"$tmp/help-usage"
	# shellcheck disable=SC2086
	run --config "$cfg" --db "$tmp/none.db" $args
	expect_rc 2 "sitrep $args"
	usage_of "$tmp/err" "$1" >"$tmp/error-usage"
	[ -s "$tmp/error-usage" ] && cmp -s "$tmp/help-usage" "$tmp/error-usage" ||
		fail "sitrep $args: usage differs from --help: $err"
done
[ ! -e "$tmp/none.db" ] || fail "a usage error created the database"

# sitrep set with no operand: a usage error, before the database is opened.
run --config "$cfg" --db "$tmp/none.db" set
expect_rc 2 "set with no operand"
expect_err "usage: sitrep set" "set with no operand"
[ ! -e "$tmp/none.db" ] || fail "set with no operand created the database"

# Global options: an unknown one is named as such, a missing value too.
run -x
expect_rc 2 "sitrep -x"
expect_err "unknown option '-x'" "sitrep -x"
grep -q "needs a value" "$tmp/err" && fail "sitrep -x: says it needs a value: $err"
run --db
expect_rc 2 "sitrep --db"
expect_err "option '--db' needs a value" "sitrep --db"
run --config
expect_rc 2 "sitrep --config"
expect_err "option '--config' needs a value" "sitrep --config"
run --frob
expect_rc 2 "sitrep --frob"
expect_err "unknown option '--frob'" "sitrep --frob"

# A command's option without its value, and a flag given one.
run report --site
expect_rc 2 "report --site"
expect_err "option '--site' needs a value" "report --site"
run import --dry-run=yes x.csv
expect_rc 2 "import --dry-run=yes"
expect_err "option '--dry-run' takes no value" "import --dry-run=yes"
run report -q
expect_rc 2 "report -q"
expect_err "unknown option '-q'" "report -q"
finish
