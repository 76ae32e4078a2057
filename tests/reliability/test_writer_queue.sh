# Writers queue fairly on DB-lock before BEGIN IMMEDIATE (issue 12): a
# writer waits while the queue is held, writers save in the order they
# came, readers never wait, and with no lock file or past the time limit a
# writer falls back to SQLite's busy handler.
. "$(dirname "$0")/../cli/lib.sh"
python3 "$src/tests/reliability/writer_queue.py" "$SITREP_BIN" \
	"$src/config/sitrep.yaml" "$tmp" || fail "writer queue"
checks=$((checks + 1))
finish
