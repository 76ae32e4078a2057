# kill -9 during imports and edits: integrity_check ok, all or nothing.
# The short version; ./dev torture runs hundreds of rounds on a larger file.
. "$(dirname "$0")/../cli/lib.sh"
python3 "$src/tests/reliability/crash.py" "$SITREP_BIN" \
	"$src/config/sitrep.yaml" "$tmp" \
	--rounds "${SITREP_CRASH_ROUNDS:-30}" \
	--rows "${SITREP_CRASH_ROWS:-5000}" || fail "crash safety"
checks=$((checks + 1))
finish
