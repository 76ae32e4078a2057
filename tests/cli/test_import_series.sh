# sitrep import-series: published aggregates from before sitrep, kept
# apart from the facts and labelled as imported, all or nothing, with the
# line and column of a bad value; an unchanged file changes nothing, a
# different value is refused unless --replace (audited); then
# `sitrep spc --imported` charts them before sitrep's own data.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/i.db
export SITREP_NOW=2026-12-04T09:00 SITREP_TODAY=2026-12-04
sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }

sr init
expect_rc 0 "init"
cat >"$tmp/dtoc.csv" <<'CSV'
period,area,metric,value,source
2026-06,SFT,delayed_bed_days,20,NHS England DTOC (illustrative)
2026-08,SFT,delayed_bed_days,40,NHS England DTOC (illustrative)
2026-09,SFT,delayed_bed_days,35,NHS England DTOC (illustrative)
2026-09,system,delayed_bed_days,120,NHS England DTOC (illustrative)
CSV
sr import-series "$tmp/dtoc.csv"
expect_rc 0 "import-series"
expect_out "4 rows: 4 added, 0 replaced, 0 unchanged" "the counts"
expect_eq "$(q "SELECT count(*) FROM imported_series")" 4 "stored"
expect_eq "$(q "SELECT imported_by || ' ' || imported_at FROM imported_series LIMIT 1")" \
	"tester 2026-12-04T09:00:00" "labelled with who imported it and when"
expect_eq "$(q "SELECT count(*) FROM stay_state")" 0 "nothing among the facts"
audit0=$(q "SELECT count(*) FROM audit")
expect_eq "$audit0" 1 "one audit row for the import"

# The same file again: nothing changes, nothing is written.
sr import-series "$tmp/dtoc.csv"
expect_rc 0 "the same file again"
expect_out "4 rows: 0 added, 0 replaced, 4 unchanged" "all unchanged"
expect_eq "$(q "SELECT count(*) FROM audit")" "$audit0" "no audit row for nothing"

# A different value: refused, unless --replace.
printf 'period,area,metric,value\n2026-09,SFT,delayed_bed_days,36\n' >"$tmp/rev.csv"
sr import-series "$tmp/rev.csv"
expect_rc 65 "a revised value without --replace"
expect_err "line 2: delayed_bed_days SFT 2026-09 is imported already with the value 35" "the refusal names the line, key and value"
expect_err "nothing imported" "and says nothing was imported"
sr import-series --dry-run --replace "$tmp/rev.csv"
expect_rc 0 "dry run"
expect_out "dry run, nothing stored: 1 rows: 0 added, 1 replaced" "dry run says what it would do"
expect_eq "$(q "SELECT value FROM imported_series WHERE area = 'SFT' AND period = '2026-09'")" 35.0 "dry run stores nothing"
sr import-series --replace --source "NHS England DTOC (revised)" "$tmp/rev.csv"
expect_rc 0 "--replace"
expect_eq "$(q "SELECT value || ' ' || source FROM imported_series WHERE area = 'SFT' AND period = '2026-09'")" \
	"36.0 NHS England DTOC (revised)" "replaced, with the source given"
expect_eq "$(q "SELECT old || ' -> ' || new FROM audit WHERE field = 'imported_series'")" \
	"delayed_bed_days SFT 2026-09 = 35 -> delayed_bed_days SFT 2026-09 = 36" "the replacement audited"

# Bad files: one message with the line and column, nothing stored.
bad() { # CSV-BODY MESSAGE
	printf '%b' "$1" >"$tmp/bad.csv"
	sr import-series "$tmp/bad.csv"
	expect_rc 65 "bad file: $2"
	expect_err "$2" "bad file: $2"
}
n0=$(q "SELECT count(*) FROM imported_series")
bad 'period,area,metric,value\n2026-01,SFT,x,1\n2026-13,SFT,x,1\n' "line 3, period: not a month (YYYY-MM) or a day (YYYY-MM-DD)"
bad 'period,area,metric,value\n2026-01,SFT,Delayed,1\n' "line 2, metric: 1 to 48 of a-z, 0-9 and _"
bad 'period,area,metric,value\n2026-01,SFT,x,lots\n' "line 2, value: not a number"
bad 'period,area,metric,value\n2026-01,,x,1\n' "line 2, area: 1 to 32 characters"
bad 'period,area,metric,amount\n' "line 1: unknown column 'amount'"
bad 'period,area,value\n' "line 1: no metric column"
bad 'period,area,metric,value\n2026-01,SFT,x,1\n2026-01,SFT,x,2\n' "line 3: x SFT 2026-01 again (first on line 2)"
bad 'period,area,metric,value\n' "no rows under the header"
bad 'period,area,metric,value\n2026-01,SFT,x,"1\n' "line 2"
expect_eq "$(q "SELECT count(*) FROM imported_series")" "$n0" "nothing stored from a bad file"

# The chart: SFT's data begin in October; June, August and September are
# imported (July has no value and is left out).
sr admit --site SFT --mrn X1 --at 2026-10-01T10:00 g2g=2026-10-05
expect_rc 0 "admit"
sr spc delayed_bed_days --site SFT --imported --format csv
expect_rc 0 "spc --imported"
col() { tail -n +2 "$tmp/out" | cut -d, -f"$1" | paste -sd' '; }
expect_eq "$(col 4)" "2026-06 2026-08 2026-09 2026-10 2026-11" "the imported months, then sitrep's"
# October: 5-31 = 27 days; November 30.
expect_eq "$(col 7)" "20 40 36 27 30" "imported values, then sitrep's"
expect_eq "$(col 17)" "1 1 1 0 0" "the imported ones labelled"
# mean (20 + 40 + 36 + 27 + 30) / 5 = 30.6
expect_eq "$(tail -n 1 "$tmp/out" | cut -d, -f10)" "30.60" "limits over both"
sr spc delayed_bed_days --site SFT --imported
expect_out "3 months before sitrep's data from imported series" "text says so"
expect_out "[imported]" "text marks them"
sr spc delayed_bed_days --site SFT --format csv
expect_eq "$(col 4)" "2026-10 2026-11" "without --imported, sitrep's own only"
sr spc delayed_bed_days --imported --format csv
expect_eq "$(col 4 | cut -d' ' -f1)" "2026-09" "the system's imported value"
sr spc delayed_bed_days --site SFT --imported --by week
expect_rc 65 "by week"
expect_err "imported series are by day or month, not by week" "weeks refused"
finish
