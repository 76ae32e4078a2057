# sitrep import and export through the binary, on database files in a temp
# directory: a 1,000-row census, idempotent re-import, exact round trips,
# --dry-run and --discharge-missing, CSV dialects, malformed files (each
# refused with FILE:LINE and nothing written, never echoing a patient), names
# and the formula guard, and the export filters.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
data=$src/tests/data/census
gen=$data/gen_census.py
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23

# ---- helpers (local to this script; lib.sh is shared) ----

# sr DB ARGS...: run sitrep on database DB with the example config.
sr() {
	local db=$1
	shift
	run --config "$cfg" --db "$db" "$@"
}
# q DB SQL: one sqlite3 query.
q() { sqlite3 "$1" "$2"; }
# snap DB NAME: saves the database content (a logical dump) as NAME.
snap() { sqlite3 "$1" .dump >"$tmp/$2.dump"; }
# expect_same_db DB NAME DESC: the content is still that of snapshot NAME.
expect_same_db() {
	sqlite3 "$1" .dump >"$tmp/now.dump"
	cmp -s "$tmp/$2.dump" "$tmp/now.dump" ||
		fail "$3: database content changed: $(diff "$tmp/$2.dump" "$tmp/now.dump" | head -n 5)"
}
# expect_err_line N TEXT DESC: line N of stderr is exactly TEXT.
expect_err_line() {
	local got
	got=$(sed -n "$1p" "$tmp/err")
	[ "$got" = "$2" ] || fail "$3: stderr line $1 is '$got', expected '$2' (stderr: $err)"
}
# expect_err_lacks TEXT DESC
expect_err_lacks() {
	! grep -qF -- "$1" "$tmp/err" || fail "$2: stderr shows '$1': $err"
}
# mrns FILE: the mrn column of an export (4th column), one line, in order.
mrns() { tail -n +2 "$1" | tr -d '\r' | cut -d, -f4 | tr '\n' ' ' | sed 's/ $//'; }

# ---- a 1,000-row census ----

python3 "$gen" >"$tmp/census.csv" || fail "generator failed"
db=$tmp/c.db
sr "$db" import "$tmp/census.csv"
expect_rc 0 "import 1000 rows"
expect_out "$tmp/census.csv: 1000 rows: 1000 added, 0 updated, 0 unchanged, 0 discharged" "import summary"
expect_no_err "import is quiet without a terminal"
expect_eq "$(q "$db" "SELECT count(*), count(DISTINCT site), count(DISTINCT site || '/' || ward) FROM stay")" \
	"1000|8|26" "stays over all sites and wards"
[ "$(q "$db" "SELECT count(*) FROM stay WHERE g2g_date IS NOT NULL AND pathway IS NOT NULL")" -gt 100 ] ||
	fail "the census has green-to-go stays with a pathway"
[ "$(q "$db" "SELECT count(*) FROM stay WHERE delay_reason IS NOT NULL AND delay_agency IS NOT NULL")" -gt 50 ] ||
	fail "the census has delayed stays with reason and agency"
[ "$(q "$db" "SELECT count(*) FROM stay WHERE note LIKE '%' || char(10) || '%'")" -gt 20 ] ||
	fail "notes with newlines imported"
expect_eq "$(q "$db" "SELECT count(*) FROM stay WHERE note LIKE '%' || char(13) || '%'")" 0 "no CR kept in notes"
expect_eq "$(q "$db" "SELECT count(*), min(by), max(by), min(at), max(at) FROM audit")" \
	"1000|tester|tester|2026-11-23T08:00:00|2026-11-23T08:00:00" "one audit row per added stay, by SITREP_USER"
expect_eq "$(q "$db" "SELECT count(*) FROM audit WHERE field = 'stay' AND new = 'imported' AND old IS NULL")" 1000 "audit says imported"
expect_eq "$(q "$db" "SELECT nhs_number, family_name FROM stay WHERE mrn = 'G100001'")" "9990000018|Brown" "row values stored"
expect_eq "$(q "$db" "PRAGMA integrity_check")" ok "integrity after import"

# The same file again: nothing changes, not even the audit trail.
snap "$db" first
sr "$db" import "$tmp/census.csv"
expect_rc 0 "re-import"
expect_out "1000 rows: 0 added, 0 updated, 1000 unchanged, 0 discharged" "re-import summary"
expect_eq "$(q "$db" "SELECT count(*) FROM audit")" 1000 "re-import writes no audit row"
expect_same_db "$db" first "re-import"

# export -> import -> export is byte-identical.
sr "$db" export
expect_rc 0 "export"
expect_no_err "export to standard output is quiet"
"$SITREP_BIN" --config "$cfg" --db "$db" export >"$tmp/e1.csv" || fail "export to a file"
expect_eq "$(head -c 3 "$tmp/e1.csv" | od -An -tx1 | tr -d ' ')" efbbbf "export starts with a BOM"
expect_eq "$(head -n 1 "$tmp/e1.csv" | tail -c +4)" \
	"$(printf 'site,ward,bed,mrn,nhs_number,family_name,given_name,birth_date,admitted_at,edd,g2g_date,pathway,delay_reason,delay_agency,discharged_at,destination,note,edd_status,source,area\r')" \
	"export header, CRLF"
expect_eq "$(grep -c $'\r$' "$tmp/e1.csv")" 1001 "every export record ends CRLF"
expect_eq "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))) - 1)' "$tmp/e1.csv")" \
	1000 "export has 1000 records"
sr "$db" import "$tmp/e1.csv"
expect_rc 0 "import own export"
expect_out "1000 rows: 0 added, 0 updated, 1000 unchanged, 0 discharged" "own export changes nothing"
expect_same_db "$db" first "import own export"
sr "$tmp/d.db" import "$tmp/e1.csv"
expect_rc 0 "export into a new database"
expect_out "1000 added" "export into a new database"
"$SITREP_BIN" --config "$cfg" --db "$tmp/d.db" export >"$tmp/e2.csv"
cmp -s "$tmp/e1.csv" "$tmp/e2.csv" || fail "export -> import -> export differs: $(cmp "$tmp/e1.csv" "$tmp/e2.csv")"
expect_eq "$(q "$tmp/d.db" "SELECT site, ward, bed, mrn, nhs_number, family_name, given_name, birth_date, admitted_at, edd, g2g_date, pathway, delay_reason, delay_agency, discharged_at, destination, note FROM stay ORDER BY site, mrn" | md5sum)" \
	"$(q "$db" "SELECT site, ward, bed, mrn, nhs_number, family_name, given_name, birth_date, admitted_at, edd, g2g_date, pathway, delay_reason, delay_agency, discharged_at, destination, note FROM stay ORDER BY site, mrn" | md5sum)" \
	"stays identical after the round trip"

# Standard input as the file.
"$SITREP_BIN" --config "$cfg" --db "$tmp/stdin.db" import - <"$tmp/census.csv" >"$tmp/out" 2>"$tmp/err"
expect_eq "$?|$(cat "$tmp/out")" "0|-: 1000 rows: 1000 added, 0 updated, 0 unchanged, 0 discharged" "import from standard input"

# A census larger than what the import reads between page releases (4,096
# rows): from a file (mapped, pages given back as it goes) and from
# standard input (read whole), the same stays.
python3 "$gen" --rows 20000 >"$tmp/big.csv" || fail "generator failed"
sr "$tmp/big-file.db" import "$tmp/big.csv"
expect_out "20000 rows: 20000 added" "import a 20,000-row file"
"$SITREP_BIN" --config "$cfg" --db "$tmp/big-stdin.db" import - <"$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"
expect_eq "$?|$(cat "$tmp/out")" "0|-: 20000 rows: 20000 added, 0 updated, 0 unchanged, 0 discharged" "import 20,000 rows from standard input"
expect_eq "$(q "$tmp/big-file.db" "SELECT * FROM stay ORDER BY id" | md5sum)" \
	"$(q "$tmp/big-stdin.db" "SELECT * FROM stay ORDER BY id" | md5sum)" \
	"a mapped file and standard input import the same stays"

# ---- CSV dialects: columns in any order, CRLF, BOM, header case ----

python3 "$gen" --shuffle --crlf --bom --mixed-case >"$tmp/dialect.csv"
head -n 1 "$tmp/dialect.csv" | grep -q $'^\xef\xbb\xbfSite,' && fail "generator did not shuffle the columns"
head -c 3 "$tmp/dialect.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "generator wrote no BOM"
sr "$tmp/dialect.db" import "$tmp/dialect.csv"
expect_rc 0 "shuffled CRLF BOM mixed-case census"
expect_out "1000 rows: 1000 added" "dialect import"
"$SITREP_BIN" --config "$cfg" --db "$tmp/dialect.db" export >"$tmp/e3.csv"
cmp -s "$tmp/e1.csv" "$tmp/e3.csv" || fail "shuffled/CRLF/BOM census imports differently: $(cmp "$tmp/e1.csv" "$tmp/e3.csv")"
# ... and into the first database it is the same census.
sr "$db" import "$tmp/dialect.csv"
expect_out "0 added, 0 updated, 1000 unchanged" "dialect file matches LF file"
# LF only, no BOM, upper-case header, columns shuffled.
python3 "$gen" --shuffle >"$tmp/shuf.csv"
tr '[:lower:]' '[:upper:]' <<<"$(head -n 1 "$tmp/shuf.csv")" >"$tmp/shuf2.csv"
tail -n +2 "$tmp/shuf.csv" >>"$tmp/shuf2.csv"
sr "$db" import "$tmp/shuf2.csv"
expect_rc 0 "upper-case header"
expect_out "0 added, 0 updated, 1000 unchanged" "upper-case shuffled header"
# Header names with spaces around them and lone-CR line ends.
printf ' site , mrn ,admitted_at\rSFT,Z1,2026-11-20T10:00\r' >"$tmp/cr.csv"
sr "$tmp/cr.db" import "$tmp/cr.csv"
expect_rc 0 "CR line ends, padded header"
expect_eq "$(q "$tmp/cr.db" "SELECT site, mrn, admitted_at FROM stay")" "SFT|Z1|2026-11-20T10:00" "CR file values"
expect_same_db "$db" first "dialect imports change nothing"

# ---- --dry-run on a changed file ----

python3 - "$tmp/census.csv" "$tmp/changed.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
head, body = rows[0], rows[1:]
col = {name: i for i, name in enumerate(head)}
changed = 0
out = []
dropped = 0
for r in body:
    if r[col["site"]] == "SFT" and dropped < 3:
        dropped += 1          # three SFT stays no longer listed
        continue
    if r[col["site"]] == "GWH" and changed < 10:
        r[col["edd"]] = "2026-12-31"   # ten EDDs moved
        changed += 1
    out.append(r)
for i in range(5):            # five new admissions
    new = [""] * len(head)
    new[col["site"]] = "SAV"
    new[col["ward"]] = "AIL"
    new[col["mrn"]] = "NEW%d" % i
    new[col["admitted_at"]] = "2026-11-22T1%d:00" % i
    out.append(new)
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\n")
w.writerow(head)
w.writerows(out)
PY
sr "$db" import --dry-run "$tmp/changed.csv"
expect_rc 0 "dry run"
expect_out "$tmp/changed.csv: 1002 rows: 5 added, 10 updated, 987 unchanged, 0 discharged (dry run: nothing written)" "dry run reports the changes"
expect_same_db "$db" first "dry run"
sr "$db" import "$tmp/changed.csv" --dry-run --discharge-missing
expect_rc 0 "dry run, options after the file"
expect_out "1002 rows: 5 added, 10 updated, 987 unchanged, 3 discharged (dry run: nothing written)" "dry run counts discharges"
expect_same_db "$db" first "dry run with --discharge-missing"
# The same file for real: exactly those changes, audited.
sr "$db" import "$tmp/changed.csv"
expect_rc 0 "changed census"
expect_out "1002 rows: 5 added, 10 updated, 987 unchanged, 0 discharged" "changed census"
expect_eq "$(q "$db" "SELECT count(*) FROM audit")" 1015 "5 inserts + 10 EDD changes audited"
expect_eq "$(q "$db" "SELECT count(*), min(by), max(at) FROM audit WHERE field = 'edd' AND new = '2026-12-31'")" \
	"10|tester|2026-11-23T08:00:00" "EDD audit rows"
expect_eq "$(q "$db" "SELECT count(*) FROM stay WHERE discharged_at IS NOT NULL")" 0 "no discharge without --discharge-missing"
expect_eq "$(q "$db" "SELECT count(*) FROM stay WHERE version = 2")" 10 "changed stays get a new version"

# ---- --discharge-missing ----

dm=$tmp/dm.db
"$SITREP_BIN" --config "$cfg" --db "$dm" import "$tmp/census.csv" >/dev/null || fail "setup dm.db"
python3 "$gen" --site SFT --skip 10 >"$tmp/sft.csv"
sr "$dm" import --discharge-missing "$tmp/sft.csv"
expect_rc 0 "--discharge-missing"
expect_out "112 rows: 0 added, 0 updated, 112 unchanged, 13 discharged" "--discharge-missing summary"
expect_eq "$(q "$dm" "SELECT count(*) FROM stay WHERE site = 'SFT' AND discharged_at = '2026-11-23T08:00'")" 13 \
	"missing SFT stays discharged at SITREP_NOW"
expect_eq "$(q "$dm" "SELECT count(*) FROM stay WHERE site <> 'SFT' AND discharged_at IS NOT NULL")" 0 \
	"other sites' stays untouched"
expect_eq "$(q "$dm" "SELECT group_concat(mrn, ' ') FROM (SELECT mrn FROM stay WHERE site = 'SFT' AND discharged_at IS NULL ORDER BY mrn)")" \
	"$(python3 -c 'import csv,sys; print(" ".join(sorted(r["mrn"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))))' "$tmp/sft.csv")" \
	"the SFT stays still in a bed are exactly those listed"
expect_eq "$(q "$dm" "SELECT count(*), min(by), min(old IS NULL), min(new) FROM audit WHERE field = 'discharged_at'")" \
	"13|tester|1|2026-11-23T08:00" "each discharge audited"
# Running it again discharges no one more.
sr "$dm" import --discharge-missing "$tmp/sft.csv"
expect_out "112 unchanged, 0 discharged" "--discharge-missing is idempotent"

# ---- malformed census files ----
# Each is base.csv (lines 1-5, a quoted note spanning lines 3-4) plus bad
# rows, or a bad header. Every one: exit 65, the exact FILE:LINE: column: why,
# the database content unchanged, no patient identifier in the output.

bad_db=$tmp/bad.db
"$SITREP_BIN" --config "$cfg" --db "$bad_db" import "$data/other.csv" >/dev/null || fail "setup bad.db"
snap "$bad_db" bad
# Identifiers of the bad rows and of base.csv: never in an error message.
secrets="Secretfamily Secretgiven S9999 9990000042 999°000°0042 9990000019 999°000°0019 1960-01-01 Abbott Baker Carter G2001 9990000026"

# bad NAME 'first line of stderr' [ERRORS]: writes standard input to
# $tmp/NAME.csv, imports it (and with --dry-run) and checks the refusal; @ in
# the expected text stands for the file name.
bad() {
	local name=$1 want=$2 n=${3:-1} f=$tmp/$1.csv s
	cat >"$f"
	sr "$bad_db" import "$f"
	expect_rc 65 "$name"
	expect_no_out "$name"
	expect_err_line 1 "${want//@/$f}" "$name"
	expect_eq "$(tail -n 1 "$tmp/err")" \
		"sitrep: $f: $n error$([ "$n" = 1 ] || echo s): nothing imported" "$name summary"
	for s in $secrets; do
		expect_err_lacks "${s//°/ }" "$name: privacy"
	done
	expect_same_db "$bad_db" bad "$name"
	# --dry-run refuses it the same way
	sr "$bad_db" import --dry-run "$f"
	expect_rc 65 "$name --dry-run"
}
# with_base ROW...: base.csv then the given rows.
with_base() {
	cat "$data/base.csv"
	printf '%s\n' "$@"
}
row=SFT,AMU,X9,S9999,9990000042,Secretfamily,Secretgiven,1960-01-01,2026-11-05T10:00
#    columns:   ...,admitted_at,edd,g2g_date,pathway,delay_reason,delay_agency,note

# 1. missing required column (mrn)
bad missing-mrn "@:1: missing required column 'mrn'" \
	< <(sed '1s/,mrn,/,/; s/,S1001,/,/; s/,G2001,/,/; s/,C3001,/,/' "$data/base.csv")
expect_eq "$(wc -l <"$tmp/err")" 2 "missing column: one error and the summary"
# 2-4. bad dates: month 13, a word, impossible days
bad edd-month "@:6: edd: impossible date '2026-13-01'" \
	< <(with_base "$row,2026-13-01,,,,,")
bad edd-word "@:6: edd: invalid date 'tomorrow' (expected YYYY-MM-DD)" \
	< <(with_base "$row,tomorrow,,,,,")
bad g2g-impossible "@:6: g2g_date: impossible date '2026-02-30'" \
	< <(with_base "$row,,2026-02-30,,,,")
bad admitted-impossible "@:6: admitted_at: impossible date '2026-02-30T10:00'" \
	< <(with_base "${row%,2026-11-05T10:00},2026-02-30T10:00,,,,,,")
# (a birth date identifies the patient: the value is not quoted)
bad birth-impossible "@:6: birth_date: impossible date" \
	< <(with_base "${row%,1960-01-01,*},1960-02-30,2026-11-05T10:00,,,,,,")
# 5. NHS number with a wrong check digit (and one of 9 digits)
bad nhs-check "@:6: nhs_number: invalid NHS number: check digit does not match" \
	< <(with_base "${row/9990000042/9990000019},,,,,,")
bad nhs-short "@:6: nhs_number: invalid NHS number: must have 10 digits" \
	< <(with_base "${row/9990000042/999 000 004},,,,,,")
# 6. unknown site
bad site "@:6: site: unknown site 'XYZ' (expected SFT, GWH, RUH, CHP, SAV, WMR, ICT, AWP)" \
	< <(with_base "${row/SFT,AMU/XYZ,AMU},,,,,,")
# 7. unknown ward, and a ward of another site
bad ward "@:6: ward: unknown ward 'NOPE' for site SFT" \
	< <(with_base "${row/SFT,AMU/SFT,NOPE},,,,,,")
bad ward-other-site "@:6: ward: unknown ward 'ALD' for site SFT" \
	< <(with_base "${row/SFT,AMU/SFT,ALD},,,,,,")
# 8. the same stay twice: the second line is refused, naming the first (the
# time written another way, a stay new to the database)
bad same-stay "@:6: the same stay (site, mrn, admitted_at) as line 3" \
	< <(with_base "GWH,ALD,B2,G2001,9990000026,Baker,Bob,1951-07-19,2026-11-01 14:00,,,,,,")
bad same-new-stay "@:7: the same stay (site, mrn, admitted_at) as line 6" \
	< <(with_base "$row,,,,,," "SFT,AMU,X9,S9999,,Secretfamily,,,2026-11-05T10:00,,,,,,")
# 9. unbalanced quote: named at the line where it opened
bad quote "@:6: unbalanced quote: the quoted field opened on this line never closes" \
	< <(with_base "$row,,,,,,\"Secret note, never closed" "SFT,AMU,X8,S9998,,,,,2026-11-06T10:00,,,,,,")
bad quote-inside "@:6: quote inside an unquoted field (quote the whole field and double the quote)" \
	< <(with_base "$row,,,,,,half\"quoted")
bad quote-after "@:7: text after the closing quote of a field (a quote inside a quoted field must be doubled)" \
	< <(with_base "$row,,,,,,\"two" "lines\"x")
# 10. wrong number of fields
bad fields-short "@:6: wrong number of fields: 14, expected 15" \
	< <(with_base "$row,,,,,")
bad fields-long "@:6: wrong number of fields: 16, expected 15" \
	< <(with_base "$row,,,,,,,")
# 11. empty file, and a file with only a BOM and blank lines
bad empty "@:1: empty file: no header row" < /dev/null
bad bom-only "@:1: empty file: no header row" < <(printf '\357\273\277\r\n\n')
# 12. green to go before admission
bad g2g-before "@:6: g2g_date: green-to-go date 2026-11-04 is before admission (2026-11-05)" \
	< <(with_base "$row,,2026-11-04,,,,")
# 13. pathway 7
bad pathway "@:6: pathway: pathway must be 0, 1, 2 or 3" \
	< <(with_base "$row,,2026-11-06,7,,,")
# 14. unknown delay reason
bad reason "@:6: delay_reason: unknown delay reason 'Z9' (expected A, B, C, D1, D2, E, F, G, H, I, O)" \
	< <(with_base "$row,,2026-11-06,1,Z9,NHS,")
# more: an unknown agency
bad agency "@:6: delay_agency: unknown agency 'council' (expected NHS, ASC or both)" \
	< <(with_base "$row,,2026-11-06,1,A,council,")
# an unknown column name; the same column twice
bad unknown-column "@:1: 'colour' is not a census column" \
	< <(sed '1s/,note$/,colour/' "$data/base.csv")
bad twice-column "@:1: column 'nhs_number' appears twice" \
	< <(sed '1s/,note$/,NHS_Number/' "$data/base.csv")
# two problems in one row: both reported, in column order
bad two-in-a-row "@:6: edd: impossible date '2026-13-01'" 2 \
	< <(with_base "$row,2026-13-01,,9,,,")
expect_err_line 2 "$tmp/two-in-a-row.csv:6: pathway: pathway must be 0, 1, 2 or 3" "second error of the row"
# only the last row broken: none of the good rows before it is written
bad last-row "@:7: edd: expected discharge date 2026-11-19 is before admission (2026-11-20)" \
	< <(with_base "RUH,MAU,1,R1,,,,,2026-11-20T10:00,,,,,," "RUH,MAU,2,R2,,,,,2026-11-20T11:00,2026-11-19,,,,,")
# An existing stay changed into an invalid one (the merge is checked too).
sr "$bad_db" import "$data/base.csv"
expect_rc 0 "base census"
snap "$bad_db" bad

# More than 20 bad rows: the first 20, then a count.
bad many "@:6: pathway: pathway must be 0, 1, 2 or 3" 25 \
	< <(with_base $(for i in $(seq 1 25); do echo "SFT,AMU,X$i,S9$i,,Secretfamily,,,2026-11-05T10:00,,,7,,,"; done))
expect_err_line 20 "$tmp/many.csv:25: pathway: pathway must be 0, 1, 2 or 3" "20th error listed"
expect_err_line 21 "... and 5 more" "the rest counted"
expect_eq "$(wc -l <"$tmp/err")" 22 "20 errors, a count, a summary"
# A missing file.
sr "$bad_db" import "$tmp/no-such.csv"
expect_rc 74 "missing file"
expect_err "cannot open $tmp/no-such.csv" "missing file"
sr "$bad_db" import
expect_rc 2 "import without a file"
sr "$bad_db" import a.csv b.csv
expect_rc 2 "import with two files"
expect_same_db "$bad_db" bad "failed imports"

# ---- names, non-ASCII, the formula guard ----

nm=$tmp/names.db
sr "$nm" import "$data/names.csv"
expect_rc 0 "names census"
expect_out "9 rows: 9 added" "names census"
expect_eq "$(q "$nm" "SELECT family_name || '|' || ifnull(given_name, '') FROM stay ORDER BY mrn" | tr '\n' ';')" \
	"Zoë|Adèle;O'Brien|Seán;Ó Briain|Siobhán;王|秀英;Smith, Jr.|John;=HYPERLINK(\"http://evil.example/\",\"click\")|Eve;@SUM(A1)|+Plus;Ğülşen|Ünal-Øberg;王秀英|;" \
	"names stored exactly"
expect_eq "$(q "$nm" "SELECT note FROM stay WHERE mrn IN ('N2', 'N6', 'N7') ORDER BY mrn" | tr '\n' ';')" \
	'says "call me Sean", daughter visiting;-5 days on ward;=already guarded;' "notes stored exactly (a leading apostrophe guard is undone)"
"$SITREP_BIN" --config "$cfg" --db "$nm" export >"$tmp/names-out.csv"
grep -qF "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\"" "$tmp/names-out.csv" ||
	fail "formula exported without the apostrophe guard: $(grep N6 "$tmp/names-out.csv")"
grep -qF ",'@SUM(A1),'+Plus," "$tmp/names-out.csv" || fail "@ and + guarded"
grep -qF ",'-5 days on ward" "$tmp/names-out.csv" || fail "- guarded"
grep -qF ',"Smith, Jr.",John,' "$tmp/names-out.csv" || fail "comma name quoted"
grep -qF ",O'Brien,Seán," "$tmp/names-out.csv" || fail "apostrophe name not guarded"
grep -qF ',Ó Briain,Siobhán,' "$tmp/names-out.csv" || fail "Ó Briain exported"
grep -qF ',王,秀英,' "$tmp/names-out.csv" || fail "王秀英 exported"
sr "$tmp/names2.db" import "$tmp/names-out.csv"
expect_rc 0 "names round trip"
expect_eq "$(q "$tmp/names2.db" "SELECT mrn, family_name, given_name, note FROM stay ORDER BY mrn")" \
	"$(q "$nm" "SELECT mrn, family_name, given_name, note FROM stay ORDER BY mrn")" "names come back unchanged"
"$SITREP_BIN" --config "$cfg" --db "$tmp/names2.db" export >"$tmp/names-out2.csv"
cmp -s "$tmp/names-out.csv" "$tmp/names-out2.csv" || fail "names export -> import -> export differs"
sr "$nm" import "$tmp/names-out.csv"
expect_out "9 rows: 0 added, 0 updated, 9 unchanged" "guarded export re-imports unchanged"

# ---- export options ----

rg=$tmp/ranges.db
sr "$rg" import "$data/ranges.csv"
expect_rc 0 "ranges census"
ex() { # expected mrns, description, export options...
	local want=$1 desc=$2
	shift 2
	sr "$rg" export "$@"
	expect_rc 0 "$desc"
	printf '%s\n' "$out" >"$tmp/ex.csv"
	expect_eq "$(mrns "$tmp/ex.csv")" "$want" "$desc"
}
ex "D4 C3 A1 B2" "export all (site, admitted order)"
ex "D4 C3" "--site GWH" --site GWH
ex "C3 B2" "--current" --current
ex "C3" "--site GWH --current" --current --site GWH
ex "A1 B2" "--from/--to overlapping" --from 2026-11-04 --to 2026-11-12
ex "C3 B2" "--from only" --from 2026-11-15
ex "D4" "--to only" --to 2026-10-05
ex "A1" "discharged on --from day" --from 2026-11-05 --to 2026-11-05
ex "" "a range with no stay" --from 2026-11-06 --to 2026-11-09
ex "B2" "admitted on --to day" --from 2026-11-10 --to 2026-11-10 --site SFT
ex "" "--site unknown" --site NOPE
sr "$rg" export
expect_out "SFT,,,A1,,,,,2026-11-01T10:00,,,,,,2026-11-05T12:00,Home," "discharged stay exported with destination"
# --output FILE: a new private file, whatever the umask; replaces an old one.
(umask 022 && "$SITREP_BIN" --config "$cfg" --db "$rg" export --output "$tmp/out.csv" >"$tmp/o" 2>"$tmp/e")
expect_eq "$?|$(cat "$tmp/o")|$(cat "$tmp/e")" "0||$tmp/out.csv: 4 stays" "--output"
expect_eq "$(stat -c %a "$tmp/out.csv")" 600 "--output file mode"
"$SITREP_BIN" --config "$cfg" --db "$rg" export >"$tmp/stdout.csv"
cmp -s "$tmp/out.csv" "$tmp/stdout.csv" || fail "--output differs from standard output"
echo old >"$tmp/old.csv"
chmod 644 "$tmp/old.csv"
sr "$rg" export --current --output "$tmp/old.csv"
expect_rc 0 "--output over an old file"
expect_eq "$(stat -c %a "$tmp/old.csv")|$(mrns "$tmp/old.csv")" "600|C3 B2" "old file replaced, private"
expect_eq "$(ls "$tmp" | grep -c '\.tmp\.')" 0 "no temporary file left"
sr "$rg" export --output "$tmp/no-such-dir/x.csv"
expect_rc 74 "--output in a missing directory"
expect_err "cannot create" "--output in a missing directory"
# Bad options.
for d in 2026-13-01 2026-02-30 tomorrow 26-11-01; do
	sr "$rg" export --from "$d"
	expect_rc 65 "--from $d"
	expect_err "--from and --to take a date (YYYY-MM-DD, or DD/MM/YYYY day first)" "--from $d"
	expect_no_out "--from $d"
done
sr "$rg" export --to 2026-11-31
expect_rc 65 "--to 2026-11-31"
sr "$rg" export --from 2026-11-10 --to 2026-11-01
expect_rc 65 "--from after --to"
expect_err "--from 2026-11-10 is after --to 2026-11-01" "--from after --to"
"$SITREP_BIN" --config "$cfg" --db "$rg" export >/dev/full 2>"$tmp/err"
expect_eq "$?" 74 "export to a full device fails"
grep -q "cannot write the export" "$tmp/err" || fail "full device: $(cat "$tmp/err")"
sr "$rg" export --current --from 2026-11-01
expect_rc 2 "--current with --from"
sr "$rg" export extra
expect_rc 2 "export with an operand"
sr "$rg" export --bogus
expect_rc 2 "export --bogus"
expect_err "unknown option '--bogus'" "export --bogus"
sr "$tmp/none.db" export
expect_fail "export from a missing database"
[ ! -e "$tmp/none.db" ] || fail "export created a database"
for c in import export; do
	sr "$rg" "$c" --help
	expect_rc 0 "$c --help"
	expect_out "usage: sitrep $c" "$c --help"
done

finish
