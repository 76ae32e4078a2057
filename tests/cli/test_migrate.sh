# The upgrade from schema 6 (before dated facts, issue 13) in place: a file
# written by the sitrep of commit 07aba0c (tests/data/migrate/make.sh:
# 30 days of a small system and a morning's edits) opens, every value it
# stored is kept, each stay's values become facts valid from its
# admission, and every report the old sitrep printed from it (today and
# past days, JSON and CSV) is printed again the same. The store's own
# check of the upgraded file (integrity, totals, states against facts) is
# tests/integration/test_migrate.c.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "no sqlite3"; exit 77; }
here=$src/tests/data/migrate
cfg=$here/sitrep.yaml
db=$tmp/m.db
export SITREP_TODAY=2026-11-23 SITREP_NOW=2026-11-23T09:00 TZ=Europe/London
q() { sqlite3 -batch "$1" "$2"; }

# Fields the new sitrep adds to the reports, ignored when comparing (JSON:
# dotted paths, "*" for every element of a list; CSV: column names).
# Everything else must be as the old sitrep printed it.
new_json_keys="total.delayed_patients_by_los kinds.*.delayed_patients_by_los sites.*.delayed_patients_by_los total.blockers kinds.*.blockers sites.*.blockers total.escalated kinds.*.escalated sites.*.escalated escalations total.beds_closed kinds.*.beds_closed sites.*.beds_closed total.beds_escalation kinds.*.beds_escalation sites.*.beds_escalation total.beds_available kinds.*.beds_available sites.*.beds_available total.free_beds kinds.*.free_beds sites.*.free_beds total.bed_balance kinds.*.bed_balance sites.*.bed_balance total.admissions_mtd kinds.*.admissions_mtd sites.*.admissions_mtd total.discharges_28d kinds.*.discharges_28d sites.*.discharges_28d"
new_csv_columns="delayed_patients_los_0-6 delayed_patients_los_7-13 delayed_patients_los_14-20 delayed_patients_los_21+ blockers_* escalated escalated_role_* beds_closed beds_escalation beds_available free_beds edd_today_* edd_tomorrow_* expected_admissions_* projected_free_* admissions_mtd* discharges_28d_*"

cp "$here/schema6.db" "$db"
expect_eq "$(q "$db" "PRAGMA user_version")" 6 "the fixture's schema"

# A read-only command leaves an old file as it is and says why.
run --config "$cfg" --db "$db" report
expect_fail "report on a schema-6 file"
expect_err "needs an upgrade" "report on a schema-6 file"
cmp -s "$db" "$here/schema6.db" || fail "a refused report changed the file"

# What the old file holds, table by table, before the upgrade.
tables="stay audit day_mark opel_declared site ward"
for t in $tables; do
	q "$db" "SELECT * FROM $t ORDER BY rowid" >"$tmp/before.$t" ||
		fail "cannot read $t of the old file"
done
audit_rows=$(q "$db" "SELECT count(*) FROM audit")

run --config "$cfg" --db "$db" init
expect_rc 0 "init upgrades the file"
expect_out "schema version 20" "init upgrades the file"
expect_eq "$(q "$db" "PRAGMA user_version")" 20 "the upgraded schema"

# Every stored value kept: the stays, their audit trail (the rows there
# were, in order), marks, declarations, sites and wards.
for t in $tables; do
	if [ "$t" = audit ]; then
		q "$db" "SELECT * FROM audit ORDER BY rowid LIMIT $audit_rows" \
			>"$tmp/after.$t"
	elif [ "$t" = stay ]; then
		# The columns migration 18 adds (edd_status, source, area)
		# are empty on the old stays: the rest as it was.
		expect_eq "$(q "$db" "SELECT count(*) FROM stay WHERE edd_status IS NOT NULL OR source IS NOT NULL OR area IS NOT NULL")" 0 "no new value on an old stay"
		q "$db" "SELECT * FROM stay ORDER BY rowid" |
			sed 's/|||$//' >"$tmp/after.$t"
	else
		q "$db" "SELECT * FROM $t ORDER BY rowid" >"$tmp/after.$t"
	fi
	cmp -s "$tmp/before.$t" "$tmp/after.$t" ||
		fail "the upgrade changed table $t: $(diff "$tmp/before.$t" "$tmp/after.$t" | head -5)"
done
run --db "$db" export --output "$tmp/export.csv"
expect_rc 0 "export of the upgraded file"
# The export gains the columns of migration 18, empty on old stays.
python3 - "$tmp/export.csv" "$here/export.csv" <<'PY' ||
import csv, sys
new = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
old = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
added = ["edd_status", "source", "area"]
assert new[0][-3:] == added, new[0]
assert all(r[-3:] == ["", "", ""] for r in new[1:])
sys.exit(0 if [r[:-3] for r in new] == old else 1)
PY
	fail "the upgraded file exports otherwise: $(diff "$tmp/export.csv" "$here/export.csv" | head -5)"

# The facts: one per stored value of a dated field, valid from the stay's
# admission, recorded by the upgrade at the stay's first audit row; the
# history before it is unknown.
dated="ward bed edd g2g_date pathway delay_reason delay_agency destination"
sum=""
for f in $dated; do sum="$sum + ($f IS NOT NULL)"; done
expect_eq "$(q "$db" "SELECT count(*) FROM stay_fact")" \
	"$(q "$db" "SELECT sum(0 $sum) FROM stay")" "a fact per stored value"
for f in $dated; do
	expect_eq "$(q "$db" "SELECT count(*) FROM stay s WHERE $f IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM stay_fact x WHERE x.stay = s.id
		AND x.field = '$f' AND x.value = s.$f)")" 0 "the facts of $f"
done
expect_eq "$(q "$db" "SELECT count(*) FROM stay_fact x JOIN stay s
	ON s.id = x.stay WHERE x.valid_from <> s.admitted_at || ':00'
	OR x.recorded_by <> '(upgrade)'")" 0 "facts valid from admission, by the upgrade"
expect_eq "$(q "$db" "SELECT count(*) FROM stay_fact x WHERE recorded_at <>
	(SELECT min(at) FROM audit a WHERE a.stay = x.stay)")" 0 \
	"facts recorded at the stay's first audit row"
# Each stay one current state (its values never changed, as far as anyone
# knows), over the whole stay.
expect_eq "$(q "$db" "SELECT count(*) FROM stay s WHERE (SELECT count(*)
	FROM stay_state x WHERE x.stay = s.id AND superseded_at IS NULL) <> 1")" \
	0 "one state per stay"
expect_eq "$(q "$db" "SELECT count(*) FROM stay_state x JOIN stay s ON
	s.id = x.stay WHERE x.superseded_at IS NULL AND (x.valid_from <>
	s.admitted_at || ':00' OR x.valid_to <> ifnull(s.discharged_at || ':00',
	'9999') OR x.last <> (s.discharged_at IS NOT NULL) OR x.edd IS NOT s.edd
	OR x.g2g_date IS NOT s.g2g_date OR x.delay_reason IS NOT s.delay_reason
	OR x.ward IS NOT s.ward)")" 0 "each state the stay's values, over the stay"
# Blockers (migration 9): each stay's delay reason one blocker over the
# stay, by the upgrade, closed at its discharge; the reason its code.
expect_eq "$(q "$db" "SELECT count(*) FROM blocker")" \
	"$(q "$db" "SELECT count(*) FROM stay WHERE delay_reason IS NOT NULL")" \
	"a blocker per stay with a reason"
expect_eq "$(q "$db" "SELECT count(*) FROM blocker b JOIN stay s ON s.id = b.stay
	WHERE b.code IS NOT s.delay_reason OR b.agency IS NOT s.delay_agency
	OR b.opened_at <> s.admitted_at || ':00' OR b.opened_by <> '(upgrade)'
	OR b.closed_at IS NOT (s.discharged_at || ':00')")" 0 \
	"each the stay's reason and agency, from admission to discharge"
# The marks as recorded: one row per mark there was.
expect_eq "$(q "$db" "SELECT count(*) FROM day_mark_log")" \
	"$(q "$db" "SELECT count(*) FROM day_mark")" "a mark log row per mark"
run --config "$cfg" --db "$db" check
expect_rc 0 "check of the upgraded file"

# same_report OLD NEW FORMAT: byte for byte, or equal once the fields the
# new sitrep adds are dropped.
same_report() {
	cmp -s "$1" "$2" && return 0
	python3 - "$1" "$2" "$3" "$new_json_keys" "$new_csv_columns" <<'PY'
import csv, io, json, sys
old, new, fmt, keys, cols = sys.argv[1:6]
def drop(node, path):
    head, rest = path[0], path[1:]
    if head == "*":
        for x in node:
            drop(x, rest)
        return
    if not isinstance(node, dict) or head not in node:
        return
    if rest:
        drop(node[head], rest)
    else:
        del node[head]
# The one word that changed (issue 13): a live moment's kind is "as at"
# (the same for --at), no longer "now". Every figure must be equal.
if fmt == "json":
    a, b = json.load(open(old)), json.load(open(new))
    if a.get("moment", {}).get("kind") == "now":
        a["moment"]["kind"] = "as at"
    for k in keys.split():
        drop(b, k.split("."))
    sys.exit(0 if a == b else 1)
def rows(p, skip):
    r = list(csv.reader(io.open(p, encoding="utf-8-sig")))
    gone = lambda h: any(h == s or (s.endswith("*") and
                                    h.startswith(s[:-1])) for s in skip)
    keep = [i for i, h in enumerate(r[0]) if not gone(h)] if r else []
    m = r[0].index("moment") if r and "moment" in r[0] else -1
    for row in r[1:]:
        if m >= 0 and row[m] == "now":
            row[m] = "as at"
    return [[row[i] for i in keep] for row in r]
sys.exit(0 if rows(old, ()) == rows(new, cols.split()) else 1)
PY
}

for day in 2026-11-23 2026-11-22 2026-11-16 2026-11-01 2026-10-31; do
	for fmt in json csv; do
		run --config "$cfg" --db "$db" report --date "$day" --format "$fmt"
		expect_rc 0 "report for $day ($fmt)"
		same_report "$here/report-$day.$fmt" "$tmp/out" "$fmt" ||
			fail "report for $day ($fmt) differs from schema 6's: $(diff "$here/report-$day.$fmt" "$tmp/out" | head -6)"
	done
done
run --config "$cfg" --db "$db" report --site ACU --format json
same_report "$here/report-ACU.json" "$tmp/out" json ||
	fail "report for ACU differs from schema 6's: $(diff "$here/report-ACU.json" "$tmp/out" | head -6)"

finish
