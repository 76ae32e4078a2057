# A hostile environment: a read-only database, a full disk, a missing or
# unreadable config, a database from a newer sitrep, a missing directory.
# Each gives one clear message, a non-zero exit, and loses nothing.
. "$(dirname "$0")/../cli/lib.sh"
cfg=$src/config/sitrep.yaml
skipped=0
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }

base=$tmp/base.csv
printf 'site,mrn,admitted_at\nSFT,H1,2026-11-01T10:00\nSFT,H2,2026-11-02T10:00\n' >"$base"

# one_line DESCRIPTION: stderr is exactly one line.
one_line() {
	[ "$(wc -l <"$tmp/err")" = 1 ] || fail "$1: not one line of error: $err"
}
dump() { sqlite3 "$1" .dump; }

# --- a read-only database (as an unprivileged user: root ignores modes) ---
if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	mkdir "$tmp/ro"
	run --config "$cfg" --db "$tmp/ro/x.db" import "$base"
	expect_rc 0 "setup read-only"
	# The file is read-only for nobody; the directory is writable (sticky,
	# like /tmp), so the -shm file a reader needs can be made.
	chmod 755 "$tmp"
	chmod 1777 "$tmp/ro"
	chmod 644 "$tmp/ro/x.db"
	chmod 644 "$cfg" 2>/dev/null || true
	before=$(dump "$tmp/ro/x.db")
	as_nobody() {
		checks=$((checks + 1))
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			env HOME="$HOME" "$SITREP_BIN" "$@" \
			>"$tmp/out" 2>"$tmp/err" </dev/null
		rc=$?
		out=$(cat "$tmp/out")
		err=$(cat "$tmp/err")
	}
	as_nobody --config "$cfg" --db "$tmp/ro/x.db" set --site SFT H1 note=x
	expect_fail "edit a read-only database"
	one_line "edit a read-only database"
	expect_err "the database is read-only for you" "edit a read-only database says why"
	expect_eq "$(dump "$tmp/ro/x.db")" "$before" "read-only database unchanged"
	printf 'site,mrn,admitted_at\nSFT,H3,2026-11-03T10:00\n' >"$tmp/more.csv"
	chmod 644 "$tmp/more.csv"
	as_nobody --config "$cfg" --db "$tmp/ro/x.db" import "$tmp/more.csv"
	expect_fail "import into a read-only database"
	one_line "import into a read-only database"
	as_nobody --db "$tmp/ro/x.db" export --current
	expect_rc 0 "export from a read-only database still works"
	expect_out "H2" "export from a read-only database"
	# A directory nobody cannot write: SQLite cannot make the -shm file a
	# reader of a WAL database needs, so even reading is refused, clearly.
	rm -f "$tmp/ro/x.db-shm" "$tmp/ro/x.db-wal"
	chmod 755 "$tmp/ro"
	as_nobody --db "$tmp/ro/x.db" export --current
	expect_fail "export from a read-only directory"
	one_line "export from a read-only directory"
	expect_err "the database is read-only for you" "read-only directory says why"
	expect_eq "$(dump "$tmp/ro/x.db")" "$before" "read-only directory: unchanged"

	# An unreadable config.
	cp "$cfg" "$tmp/secret.yaml"
	chmod 600 "$tmp/secret.yaml"
	as_nobody check-config "$tmp/secret.yaml"
	expect_fail "unreadable config"
	one_line "unreadable config"
	expect_err "cannot open $tmp/secret.yaml: Permission denied" "unreadable config"
else
	skip "setpriv cannot drop to nobody here: read-only and unreadable cases"
fi

# --- a full disk: a small tmpfs (4 MB: the base census fits in its
# 16 KiB pages, 30,000 more stays do not), else a file size limit ---
mkdir "$tmp/full"
if mount -t tmpfs -o size=4m tmpfs "$tmp/full" 2>/dev/null; then
	trap 'umount "$tmp/full" 2>/dev/null; rm -rf "$tmp"' EXIT
	run --config "$cfg" --db "$tmp/full/x.db" import "$base"
	expect_rc 0 "setup full disk"
	python3 - "$tmp/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("site,mrn,admitted_at,note\n")
    for i in range(30000):
        f.write(f"GWH,F{i:06d},2026-11-01T10:00,{'x' * 60}\n")
PY
	before=$(dump "$tmp/full/x.db")
	run --config "$cfg" --db "$tmp/full/x.db" import "$tmp/big.csv"
	expect_fail "import onto a full disk"
	one_line "import onto a full disk"
	expect_err "full" "full disk says why"
	expect_eq "$(sqlite3 "$tmp/full/x.db" 'PRAGMA integrity_check')" ok "full disk: integrity"
	expect_eq "$(dump "$tmp/full/x.db")" "$before" "full disk: nothing half-written"
	umount "$tmp/full"
else
	skip "cannot mount a tmpfs here: full disk case"
fi

# --- a missing config, a missing directory, a newer database ---
run --config "$tmp/none.yaml" --db "$tmp/y.db" import "$base"
expect_fail "missing config"
one_line "missing config"
expect_err "cannot open $tmp/none.yaml: No such file or directory" "missing config"
[ ! -e "$tmp/y.db" ] || fail "missing config: a database was created anyway"

run --config "$cfg" --db "$tmp/nodir/x.db" import "$base"
expect_fail "missing directory"
one_line "missing directory"
expect_err "cannot create $tmp/nodir/x.db" "missing directory"

run --config "$cfg" --db "$tmp/new.db" import "$base"
sqlite3 "$tmp/new.db" "PRAGMA user_version = 99"
before=$(dump "$tmp/new.db")
run --config "$cfg" --db "$tmp/new.db" set --site SFT H1 note=x
expect_fail "newer database"
one_line "newer database"
expect_err "newer than this sitrep" "newer database"
expect_eq "$(dump "$tmp/new.db")" "$before" "newer database untouched"

echo "$skipped skipped"
finish
