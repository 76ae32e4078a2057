# The man page's key table is the console's action table: regenerate it
# with tools/gen_keys and compare, so neither can drift.
. "$(dirname "$0")/lib.sh"
: "${SITREP_GEN_KEYS:?run through meson test}"
checks=1
"$SITREP_GEN_KEYS" >"$tmp/keys"
sed -n '/^\.\\" keys:begin$/,/^\.\\" keys:end$/p' "$src/man/sitrep.1" |
	sed '1d;$d' >"$tmp/man"
cmp -s "$tmp/keys" "$tmp/man" ||
	fail "man/sitrep.1 KEYS differ from ACTION_TABLE: $(diff "$tmp/man" "$tmp/keys" | head -n 6)"
[ -s "$tmp/man" ] || fail "no KEYS section in man/sitrep.1"
finish
