# The built-in blocker vocabularies listed in man/sitrep.yaml.5 are those of
# src/config.c (tools/man_vocab.py writes them; --check compares), and the
# page renders without warnings where groff is installed.
. "$(dirname "$0")/lib.sh"
checks=1
python3 "$src/tools/man_vocab.py" "$src" --check >"$tmp/out" 2>&1 ||
	fail "$(cat "$tmp/out")"
if command -v groff >/dev/null; then
	checks=$((checks + 1))
	warn=$(groff -man -ww -z "$src/man/sitrep.yaml.5" 2>&1)
	[ -z "$warn" ] || fail "groff warns on man/sitrep.yaml.5: $warn"
fi
finish
