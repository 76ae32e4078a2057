# Issue 12, defect 14: `demo --seed 1` at 14:22 and at 14:40 made different
# data (42,134 vs 41,364 stays). The same seed and the same day give the
# same data whatever the time of day the demo runs at. What is compared is
# the data: the summary line (counts) and `sitrep export` (every stay, every
# column). The audit trail is not compared: it records when the demo ran.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
unset SITREP_NOW SITREP_TODAY

# demo NAME NOW [ARGS...]: a demo with the clock frozen at NOW, exported.
demo() {
	local name=$1 now=$2
	shift 2
	SITREP_NOW=$now run --config "$cfg" --db "$tmp/$name.db" demo \
		--days 30 --seed 1 "$@"
	expect_rc 0 "demo at $now $*"
	sed "s|$tmp/$name.db|DB|" "$tmp/out" >"$tmp/$name.summary"
	run --db "$tmp/$name.db" export --output "$tmp/$name.csv"
	expect_rc 0 "export of the demo at $now"
}

demo morning 2026-11-23T09:00
demo evening 2026-11-23T17:40
demo late 2026-11-23T23:59
demo early 2026-11-23T00:00
for t in evening late early; do
	cmp -s "$tmp/morning.summary" "$tmp/$t.summary" ||
		fail "the counts differ at another time of day: $(cat "$tmp/morning.summary") vs $(cat "$tmp/$t.summary")"
	cmp -s "$tmp/morning.csv" "$tmp/$t.csv" ||
		fail "the same seed and day at another time of day ($t) gave different data"
done
[ "$(wc -l <"$tmp/morning.csv")" -gt 3000 ] ||
	fail "too few stays: $(wc -l <"$tmp/morning.csv")"

# Nothing in the data is later than the start of the day the clock shows:
# no stay is admitted or discharged after the demo ran, however early.
python3 - "$tmp/early.csv" <<'PY' || fail "the demo made stays after its clock"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
late = [r for r in rows
        if r["admitted_at"] > "2026-11-23T00:00"
        or (r["discharged_at"] or "") > "2026-11-23T00:00"]
sys.exit(1 if late else 0)
PY

# --today gives the day whatever the clock says: the same data as a demo
# run on that day.
demo other 2026-12-02T15:13 --today 2026-11-23
cmp -s "$tmp/morning.csv" "$tmp/other.csv" ||
	fail "--today 2026-11-23 on another day gave other data than a demo on 2026-11-23"
SITREP_TODAY=2026-11-23 run --config "$cfg" --db "$tmp/env.db" demo --days 30 --seed 1
expect_rc 0 "demo with SITREP_TODAY"
run --db "$tmp/env.db" export --output "$tmp/env.csv"
cmp -s "$tmp/morning.csv" "$tmp/env.csv" ||
	fail "SITREP_TODAY=2026-11-23 gave other data than a demo on 2026-11-23"
run --config "$cfg" --db "$tmp/bad.db" demo --today 2026-02-30
expect_fail "demo --today with an impossible date"
expect_err "--today" "demo --today with an impossible date"

finish
