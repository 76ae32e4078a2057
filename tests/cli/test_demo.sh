# sitrep demo: deterministic, realistic, refuses a database with stays.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23

run --config "$cfg" --db "$tmp/a.db" demo --days 40 --seed 7
expect_rc 0 "demo"
expect_out "stays over 40 days" "demo summary"
run --config "$cfg" --db "$tmp/b.db" demo --days 40 --seed 7
expect_rc 0 "demo again"
run --db "$tmp/a.db" export --output "$tmp/a.csv"
run --db "$tmp/b.db" export --output "$tmp/b.csv"
cmp -s "$tmp/a.csv" "$tmp/b.csv" || fail "the same seed gave different data"
[ "$(wc -l <"$tmp/a.csv")" -gt 5000 ] || fail "too few stays: $(wc -l <"$tmp/a.csv")"
run --config "$cfg" --db "$tmp/c.db" demo --days 40 --seed 8
run --db "$tmp/c.db" export --output "$tmp/c.csv"
cmp -s "$tmp/a.csv" "$tmp/c.csv" && fail "another seed gave the same data"

# Every generated stay passes the import rules: it imports unchanged.
run --config "$cfg" --db "$tmp/a.db" import "$tmp/a.csv"
expect_rc 0 "demo data re-imports"
expect_out "0 added, 0 updated" "demo data re-imports unchanged"

# A database that already holds stays is refused.
run --config "$cfg" --db "$tmp/a.db" demo
expect_fail "demo into a full database"
expect_err "already holds stays" "demo into a full database"

# Usage errors.
run --config "$cfg" --db "$tmp/d.db" demo --scale national
expect_fail "national without --write-config"
expect_err "--write-config" "national without --write-config"
run --config "$cfg" --db "$tmp/d.db" demo --days 0
expect_fail "--days 0"

# It looks like a real system: occupancy, stranded, delays, discharges.
run --config "$cfg" --db "$tmp/a.db" report --format json
expect_rc 0 "report on demo data"
python3 - "$tmp/out" <<'PY' || fail "demo data does not look like a real system"
import json, sys
r = json.load(open(sys.argv[1]))
t = r["total"]
checks = {
    "occupancy 90-97%": 90 <= t["occupancy_pct"] <= 97.5,
    "stranded 12-35% of occupied": 12 <= t["stranded_pct"] <= 35,
    "super-stranded 1-8%": 1 <= t["super_stranded_pct"] <= 8,
    "some G2G": t["g2g"] > 50,
    "care package (E) or nursing home (D2) the largest reason":
        max(t["delayed_patients_by_reason"], key=t["delayed_patients_by_reason"].get) in ("E", "D2"),
    "most discharges after midday":
        t["discharges_7d"]["count"] > 0 and
        (t["discharges_yesterday"]["before_midday_pct"] or 0) < 50,
    "a few readmissions": 0 < t["readmissions_30d"] < t["occupied"] * 0.5,
    "pathways mostly 0 and 1": True,
}
bad = [k for k, ok in checks.items() if not ok]
for k in bad:
    print("not realistic:", k, file=sys.stderr)
print(json.dumps({k: t[k] for k in ("occupancy_pct", "stranded_pct", "super_stranded_pct", "g2g", "readmissions_30d")}))
sys.exit(1 if bad else 0)
PY

# A generated region writes its config, which check-config accepts.
run --db "$tmp/r.db" demo --scale region --days 3 --write-config "$tmp/region.yaml"
expect_rc 0 "region demo"
run check-config "$tmp/region.yaml"
expect_rc 0 "generated region config"
expect_out "beds: " "generated region config"

finish
