# 50 users editing at once (plus imports): no lost update, no "database is
# locked" shown to anyone, integrity_check ok. Prints edits/s and latency.
. "$(dirname "$0")/../cli/lib.sh"
python3 "$src/tests/reliability/concurrency.py" "$SITREP_BIN" \
	"$src/config/sitrep.yaml" "$tmp" --workers 50 \
	--seconds "${SITREP_CONCURRENCY_SECONDS:-30}" || fail "concurrency"
checks=$((checks + 1))
finish
