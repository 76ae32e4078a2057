# Issue 12, defect 20: the spreadsheet round trip in a UK locale. A census
# exported by sitrep goes through LibreOffice Calc (headless) set to the
# en-GB locale: opened as CSV, its date cells shown in the locale's own
# order, saved as CSV as shown. The file must really hold day-first dates
# (10/10/2026, 10/10/2026 21:39 or 21:39:05), and import with every row
# unchanged. The same file through an en-US LibreOffice (month first) is
# refused.
#
# Calc keeps the ISO 8601 format of a cell read from ISO text, whatever the
# CSV filter options, so between the two conversions (in the flat ODF file)
# each date format is marked number:automatic-order, as LibreOffice's own
# locale date formats are: the locale then orders day, month and year and
# chooses the separator. Skipped (77) when soffice is missing: ./dev test
# installs it.
. "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null ||
	{ echo "soffice (LibreOffice) missing: skipped"; exit 77; }
cfg=$src/config/sitrep.yaml
gen=$src/tests/data/census/gen_census.py
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23

# soffice_convert LOCALE TO OUTDIR [--infilter=...] FILE...: LibreOffice set
# to LOCALE (en-GB, en-US), with a profile of its own.
soffice_convert() {
	local profile=$tmp/lo-$1
	if [ ! -d "$profile/user" ]; then
		mkdir -p "$profile/user"
		cat >"$profile/user/registrymodifications.xcu" <<XCU
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>$1</value></prop></item>
</oor:items>
XCU
	fi
	LC_ALL=C.UTF-8 soffice --headless --norestore --nolockcheck \
		"-env:UserInstallation=file://$profile" \
		--convert-to "$2" --outdir "$3" "${@:4}" >>"$tmp/soffice.log" 2>&1 ||
		fail "soffice --convert-to $2 ${*:4}: $(tail -n 3 "$tmp/soffice.log")"
}
# UTF-8 (76), comma, double quote, first line 1; on import, special
# numbers (dates, times) detected; on export, cells as shown.
csv_in='CSV:44,34,76,1,,0,false,true'
csv_out='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true'

# A census with every kind of date: birth dates, admissions, EDDs, green
# to go, and discharges (a quarter of SFT discharged by a later census).
db=$tmp/a.db
python3 "$gen" --rows 400 >"$tmp/census.csv"
python3 "$gen" --rows 400 --site SFT --skip 4 >"$tmp/sft.csv"
run --config "$cfg" --db "$db" import "$tmp/census.csv"
expect_rc 0 "first census"
run --config "$cfg" --db "$db" import --discharge-missing "$tmp/sft.csv"
expect_rc 0 "a census that discharges"
run --db "$db" export --output "$tmp/export.csv"
expect_rc 0 "export"
rows=$(sqlite3 "$db" "SELECT count(*) FROM stay")
audit=$(sqlite3 "$db" "SELECT count(*) FROM audit")
[ "$(sqlite3 "$db" "SELECT count(*) FROM stay WHERE discharged_at IS NOT NULL")" -gt 0 ] ||
	fail "no discharged stay to export"

# The export opened in LibreOffice (en-GB; the ISO dates it detects are the
# same whatever the locale), as flat ODF.
soffice_convert en-GB fods "$tmp" "--infilter=$csv_in" "$tmp/export.csv"

# locale_order SECONDS NAME: $tmp/NAME.fods, the date cells in the locale's
# order, times with seconds or without (SECONDS: seconds or minutes).
locale_order() {
	python3 - "$tmp/export.fods" "$tmp/$2.fods" "$1" <<'PY' || fail "no date formats to change in the ODF file"
import re, sys
src, dst, seconds = sys.argv[1], sys.argv[2], sys.argv[3] == "seconds"
text = open(src, encoding="utf-8").read()
def locale_order(m):
    style = m.group(0).replace("<number:date-style ",
                               '<number:date-style number:automatic-order="true" ', 1)
    if not seconds:
        style = re.sub(r'<number:text>:</number:text>\s*<number:seconds[^>]*/>',
                       "", style)
    return style
text, n = re.subn(r'<number:date-style .*?</number:date-style>',
                  locale_order, text, flags=re.S)
open(dst, "w", encoding="utf-8").write(text)
sys.exit(0 if n >= 2 else 1)
PY
}
locale_order minutes uk-minutes
locale_order seconds uk-seconds
locale_order seconds us
# Saved as CSV by an en-GB LibreOffice (both at once), and an en-US one.
mkdir -p "$tmp/csv"
soffice_convert en-GB "$csv_out" "$tmp/csv" "$tmp/uk-minutes.fods" \
	"$tmp/uk-seconds.fods"
soffice_convert en-US "$csv_out" "$tmp/csv" "$tmp/us.fods"
for f in uk-minutes uk-seconds us; do
	[ -s "$tmp/csv/$f.csv" ] || fail "LibreOffice wrote no $f.csv"
done

# dates FILE SECONDS ORDER: the file holds only ORDER (day-first or
# month-first) dates, none ISO, with some whose first number is over 12
# and some that the other order would misread.
dates() {
	python3 - "$@" <<'PY'
import csv, re, sys
path, seconds, order = sys.argv[1:4]
rows = list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))
t = r" \d\d:\d\d:\d\d" if seconds == "seconds" else r" \d\d:\d\d"
want = {"birth_date": r"\d\d/\d\d/\d{4}", "edd": r"\d\d/\d\d/\d{4}",
        "g2g_date": r"\d\d/\d\d/\d{4}", "admitted_at": r"\d\d/\d\d/\d{4}" + t,
        "discharged_at": r"\d\d/\d\d/\d{4}" + t}
bad, seen, over12, misread = 0, 0, 0, 0
for r in rows:
    for col, pat in want.items():
        v = r[col]
        if not v:
            continue
        seen += 1
        if not re.fullmatch(pat, v):
            bad += 1
            continue
        a, b = int(v[:2]), int(v[3:5])
        if order == "month-first":
            a, b = b, a
        over12 += a > 12
        misread += a <= 12 and a != b
print(f"{path}: {len(rows)} rows, {seen} dates: {over12} with a day over "
      f"12, {misread} that the other order would misread, {bad} not {order}")
ok = rows and not bad and seen >= 2 * len(rows) and over12 and misread
sys.exit(0 if ok else 1)
PY
}

# day_first SECONDS: the en-GB round trip.
day_first() {
	local name=uk-$1
	dates "$tmp/csv/$name.csv" "$1" day-first ||
		fail "$name.csv does not hold day-first dates"
	# Imported: every row unchanged, nothing written.
	run --config "$cfg" --db "$db" import "$tmp/csv/$name.csv"
	expect_rc 0 "import of the file Calc wrote in en-GB ($1)"
	expect_out "$name.csv: $rows rows: 0 added, 0 updated, $rows unchanged, 0 discharged" \
		"every row unchanged ($1)"
	expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM audit")" "$audit" \
		"nothing audited ($1)"
	run --db "$db" export --output "$tmp/$name-again.csv"
	cmp -s "$tmp/export.csv" "$tmp/$name-again.csv" ||
		fail "the stays changed in the round trip ($1)"
}

day_first minutes
day_first seconds

# The same file from an en-US LibreOffice, month first: refused, nothing
# written (a day over 12 cannot be a month).
dates "$tmp/csv/us.csv" seconds month-first ||
	fail "us.csv does not hold month-first dates"
sqlite3 "$db" .dump >"$tmp/before.dump"
run --config "$cfg" --db "$db" import "$tmp/csv/us.csv"
expect_rc 65 "import of the file Calc wrote in en-US"
expect_err "(dates are read day first: DD/MM/YYYY)" "a month-first file"
expect_err "nothing imported" "a month-first file"
sqlite3 "$db" .dump | cmp -s - "$tmp/before.dump" ||
	fail "a month-first file changed the database"

finish
