# The command line as a user meets it: help, version, usage errors,
# check-config, init and where files go.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml

run --help
expect_rc 0 "--help"
for c in console init check-config; do
	expect_out "  $c" "--help lists $c"
done
run -h
expect_rc 0 "-h"
run --version
expect_rc 0 "--version"
expect_out "sitrep 0." "--version"

run frobnicate
expect_rc 2 "unknown command"
expect_err "unknown command 'frobnicate'" "unknown command"
expect_no_out "unknown command"
run --frob
expect_rc 2 "unknown option"
expect_err "unknown option '--frob'" "unknown option"
run --db
expect_rc 2 "--db without a value"
run init --bogus
expect_rc 2 "unknown command option"
expect_err "unknown option '--bogus'" "unknown command option"
run check-config a b
expect_rc 2 "too many operands"
expect_err "usage: sitrep check-config [FILE]" "too many operands"

# Every command's --help works.
for c in console init check-config; do
	run "$c" --help
	expect_rc 0 "$c --help"
	expect_out "usage: sitrep $c" "$c --help"
done

# check-config: the example config, and a broken copy.
run check-config "$cfg"
expect_rc 0 "check-config example"
expect_out "system: Wiltshire" "check-config summary"
expect_out "Acute: 3 sites" "check-config sites by kind"
expect_out "stranded: length of stay >= 7 days; super-stranded >= 21" "thresholds"
expect_out "from 2017-12  1325" "trajectory"
expect_out "from 2018-08  1000" "trajectory"
expect_out "SFT's own trajectory (delayed bed days per month):" "a site's own trajectory"
expect_out "    from 2018-08  300" "a site's own trajectory's points"
expect_out "import --discharge-missing: refused past 50% of a site's patients" "the import guard's limit"
expect_no_err "check-config example"

sed 's/kind: acute/kind: hospital/' "$cfg" >"$tmp/broken.yaml"
line=$(grep -n 'kind: hospital' "$tmp/broken.yaml" | head -n 1 | cut -d: -f1)
run check-config "$tmp/broken.yaml"
expect_fail "check-config broken"
expect_err "$tmp/broken.yaml:$line:" "broken config names file:line"
expect_err "hospital" "broken config says what"
expect_no_out "broken config"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "broken config: one line of error, got: $err"

run check-config "$tmp/missing.yaml"
expect_fail "missing config"
expect_err "cannot open $tmp/missing.yaml" "missing config"

# Config found through $SITREP_CONFIG, then XDG.
SITREP_CONFIG=$cfg run check-config
expect_rc 0 "check-config via SITREP_CONFIG"
expect_out "$cfg: ok" "SITREP_CONFIG path"
mkdir -p "$HOME/.config/sitrep"
cp "$cfg" "$HOME/.config/sitrep/sitrep.yaml"
run check-config
expect_rc 0 "check-config via XDG default"
expect_out "$HOME/.config/sitrep/sitrep.yaml: ok" "XDG config path"
rm -r "$HOME/.config/sitrep"
run check-config
if [ ! -e /etc/sitrep/sitrep.yaml ]; then
	expect_fail "no config anywhere"
	expect_err "--config" "no config: suggests --config"
fi

# init: creates a private database, syncs, and is a no-op the second time.
run --config "$cfg" --db "$tmp/a.db" init
expect_rc 0 "init"
expect_out "schema version" "init"
expect_out "sites: 8 added" "init adds the sites"
[ "$(stat -c %a "$tmp/a.db")" = 600 ] || fail "database not 0600"
run --config "$cfg" --db "$tmp/a.db" init
expect_rc 0 "init again"
expect_out "sites: 0 added, 0 updated; wards: 0 added, 0 updated" "init again is a no-op"

# Sites dropped from the config are reported and kept.
python3 - "$cfg" "$tmp/fewer.yaml" <<'PY'
import sys
text = open(sys.argv[1]).read()
start = text.index("  - code: AWP")
open(sys.argv[2], "w").write(text[:start])
PY
run --config "$tmp/fewer.yaml" --db "$tmp/a.db" init
expect_rc 0 "init with a site dropped"
expect_out "site AWP is no longer in the config" "dropped site reported"
expect_eq "$(sqlite3 "$tmp/a.db" "SELECT count(*), sum(active) FROM site")" "8|7" "dropped site kept"

# $SITREP_DB and the XDG data default.
SITREP_DB=$tmp/b.db run --config "$cfg" init
expect_rc 0 "init via SITREP_DB"
[ -f "$tmp/b.db" ] || fail "SITREP_DB not used"
run --config "$cfg" init
expect_rc 0 "init at the XDG default"
[ -f "$HOME/.local/share/sitrep/sitrep.db" ] || fail "XDG data default not used"
XDG_DATA_HOME=$tmp/xdg run --config "$cfg" init
expect_rc 0 "init at XDG_DATA_HOME"
[ -f "$tmp/xdg/sitrep/sitrep.db" ] || fail "XDG_DATA_HOME not used"

# A database from a newer sitrep is refused and left alone.
sqlite3 "$tmp/b.db" "PRAGMA user_version = 99"
run --config "$cfg" --db "$tmp/b.db" init
expect_fail "newer database"
expect_err "newer than this sitrep" "newer database"
expect_eq "$(sqlite3 "$tmp/b.db" "PRAGMA user_version")" 99 "newer database untouched"

# Without a terminal the console says what it can and cannot do.
run --config "$cfg" --db "$tmp/a.db"
expect_fail "console without the console built"

finish
