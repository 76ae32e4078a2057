# Issue 12, defect 15: `import --discharge-missing` of a one-row file would
# discharge every other patient of the site. It is refused when it would
# discharge more than the config's discharge_missing_max_pct (default 50) of
# a site's patients in a bed, unless --force; the dry run says so too; a
# refused import writes nothing; the messages name sites and counts only.
. "$(dirname "$0")/lib.sh"
# The example config without its import block: the default limit, 50%.
cfg=$tmp/sitrep.yaml
grep -v '^import:$\|^  discharge_missing_max_pct:' "$src/config/sitrep.yaml" >"$cfg"
gen=$src/tests/data/census/gen_census.py
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23

sr() {
	local db=$1
	shift
	run --config "$cfg" --db "$db" "$@"
}
q() { sqlite3 "$1" "$2"; }
dump() { sqlite3 "$1" .dump >"$tmp/$2.dump"; }
expect_same_db() { # DB NAME DESC
	sqlite3 "$1" .dump >"$tmp/now.dump"
	cmp -s "$tmp/$2.dump" "$tmp/now.dump" ||
		fail "$3: the database changed: $(diff "$tmp/$2.dump" "$tmp/now.dump" | head -n 5)"
}
# expect_no_patient DESC: no MRN, name or NHS number of the census in the
# output (stdout or stderr).
expect_no_patient() {
	python3 - "$tmp/census.csv" "$tmp/out" "$tmp/err" <<'PY' || fail "$1: a patient identifier in the output"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
text = open(sys.argv[2], encoding="utf-8").read() + open(sys.argv[3], encoding="utf-8").read()
ids = {r[k] for r in rows for k in ("mrn", "family_name", "given_name", "nhs_number") if r.get(k) and len(r[k]) > 3}
bad = sorted(i for i in ids if i in text)
if bad:
    print("identifiers shown:", len(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

python3 "$gen" --rows 1000 >"$tmp/census.csv"
db=$tmp/a.db
sr "$db" import "$tmp/census.csv"
expect_rc 0 "first census"
sft=$(q "$db" "SELECT count(*) FROM stay WHERE site = 'SFT' AND discharged_at IS NULL")
[ "$sft" -gt 50 ] || fail "too few SFT patients: $sft"
awp=$(q "$db" "SELECT count(*) FROM stay WHERE site = 'AWP' AND discharged_at IS NULL")
dump "$db" before

# A file with one SFT row (the header and the first SFT row) and the whole
# of AWP: SFT would lose all its patients but one.
python3 "$gen" --rows 1000 --site SFT | head -n 2 >"$tmp/one.csv"
python3 "$gen" --rows 1000 --site AWP | tail -n +2 >>"$tmp/one.csv"
sr "$db" import --discharge-missing "$tmp/one.csv"
expect_rc 65 "one-row SFT census with --discharge-missing"
sft_pct=$(python3 -c "print('%.1f' % (100 * ($sft - 1) / $sft))")
expect_err "$tmp/one.csv: --discharge-missing would discharge $((sft - 1)) of the $sft patients in a bed at SFT ($sft_pct%), over the limit of 50% (discharge_missing_max_pct in the config)" \
	"the refusal names the site, the count, the share and the limit"
expect_err "--force" "the refusal says how to go on"
expect_err "nothing imported" "the refusal says nothing was written"
grep -qF "at AWP" "$tmp/err" && fail "AWP, all listed, named in the refusal"
expect_no_patient "refusal"
expect_same_db "$db" before "refused --discharge-missing"

# The dry run says the same (and writes nothing).
sr "$db" import --dry-run --discharge-missing "$tmp/one.csv"
expect_rc 65 "dry run of the one-row census"
expect_err "would discharge $((sft - 1)) of the $sft patients in a bed at SFT ($sft_pct%), over the limit of 50%" \
	"the dry run says the import would be refused"
expect_no_patient "dry run"
expect_same_db "$db" before "dry run"

# Two sites past the limit: both named, nothing written.
{ python3 "$gen" --rows 1000 --site SFT | head -n 2
  python3 "$gen" --rows 1000 --site AWP | sed -n 2p; } >"$tmp/two.csv"
sr "$db" import --discharge-missing "$tmp/two.csv"
expect_rc 65 "two sites past the limit"
expect_err "at SFT (" "two sites: SFT named"
expect_err "of the $awp patients in a bed at AWP (" "two sites: AWP named"
expect_same_db "$db" before "two sites past the limit"

# With --force it goes through, and says so.
sr "$db" import --dry-run --discharge-missing --force "$tmp/one.csv"
expect_rc 0 "forced dry run"
expect_out "$((sft - 1)) discharged (dry run: nothing written)" "forced dry run counts the discharges"
expect_err "--force: --discharge-missing discharges $((sft - 1)) of the $sft patients in a bed at SFT" \
	"forced dry run names the site past the limit"
expect_same_db "$db" before "forced dry run"
sr "$db" import --discharge-missing --force "$tmp/one.csv"
expect_rc 0 "forced import"
expect_out "$((sft - 1)) discharged" "forced import"
expect_no_patient "forced import"
expect_eq "$(q "$db" "SELECT count(*) FROM stay WHERE site = 'SFT' AND discharged_at IS NULL")" 1 \
	"forced: one SFT patient left in a bed"
expect_eq "$(q "$db" "SELECT count(*) FROM stay WHERE site = 'AWP' AND discharged_at IS NULL")" "$awp" \
	"forced: AWP untouched"

# Under the limit: no --force needed (a day's discharges).
db2=$tmp/b.db
"$SITREP_BIN" --config "$cfg" --db "$db2" import "$tmp/census.csv" >/dev/null ||
	fail "setup b.db"
cp "$db2" "$tmp/c.db"
python3 "$gen" --rows 1000 --site SFT --skip 5 >"$tmp/day.csv"
sr "$db2" import --discharge-missing "$tmp/day.csv"
expect_rc 0 "a fifth of SFT discharged"
expect_no_err "a fifth of SFT discharged"

# The limit comes from the config: 10% refuses that day's file, 100 never
# refuses, an invalid value is refused with FILE:LINE:COLUMN.
conf() { # FILE VALUE: the example config with that limit
	sed "s/^\(  discharge_missing_max_pct:\) .*/\1 $2/" "$src/config/sitrep.yaml" >"$1"
}
conf "$tmp/ten.yaml" 10
dump "$tmp/c.db" c
run --config "$tmp/ten.yaml" --db "$tmp/c.db" import --discharge-missing "$tmp/day.csv"
expect_rc 65 "a 10% limit"
expect_err "over the limit of 10%" "a 10% limit"
expect_same_db "$tmp/c.db" c "a 10% limit"
conf "$tmp/all.yaml" 100
run --config "$tmp/all.yaml" --db "$db2" import --discharge-missing "$tmp/one.csv"
expect_rc 0 "a 100% limit"
conf "$tmp/bad.yaml" 120
run check-config "$tmp/bad.yaml"
expect_rc 78 "a limit over 100"
line=$(grep -n '^  discharge_missing_max_pct:' "$tmp/bad.yaml" | cut -d: -f1)
expect_err "$tmp/bad.yaml:$line:30: invalid discharge_missing_max_pct '120' (expected a number from 0 to 100)" \
	"a limit over 100"

# --force alone is a mistake, said so.
run --config "$cfg" --db "$db2" import --force "$tmp/day.csv"
expect_fail "--force without --discharge-missing"
expect_err "--force goes with --discharge-missing" "--force without --discharge-missing"

finish
