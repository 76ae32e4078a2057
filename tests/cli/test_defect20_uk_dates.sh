# Issue 12, defect 20: a census with dates as a UK spreadsheet writes them
# (day first: 10/10/2026, 10/10/2026 21:39, 10/10/2026 21:39:05, 1/2/2026)
# imports as its ISO twin does; month first, two-digit years and impossible
# dates are refused with FILE:LINE: column: why, and nothing is written.
# The CLI's date input reads day first too. (The round trip through
# LibreOffice itself: test_defect20_spreadsheet_roundtrip.sh.)
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23

head='site,ward,bed,mrn,nhs_number,family_name,given_name,birth_date,admitted_at,edd,g2g_date,pathway,delay_reason,delay_agency,discharged_at,destination,note'
iso() {
	echo "$head"
	echo 'SFT,AMU,A1,S1001,9990000018,Abbott,Ann,1940-03-02,2026-10-10T21:39,2026-11-25,2026-11-03,1,E,ASC,,,'
	echo 'GWH,ALD,B2,G2001,9990000026,Baker,Bob,1951-12-19,2026-11-01T09:05,2026-11-24,,,,,2026-11-22T17:30,home,"Left 1/2 way, 10/10"'
	echo 'CHP,CED,3,C3001,,Carter,Cath,,2026-02-01T00:00,,,1,,,,,'
}
uk() {
	echo "$head"
	echo 'SFT,AMU,A1,S1001,9990000018,Abbott,Ann,02/03/1940,10/10/2026 21:39,25/11/2026,3/11/2026,1,E,ASC,,,'
	echo 'GWH,ALD,B2,G2001,9990000026,Baker,Bob,19/12/1951,01/11/2026 9:05:59,24/11/2026,,,,,22/11/2026 17:30:00,home,"Left 1/2 way, 10/10"'
	echo 'CHP,CED,3,C3001,,Carter,Cath,,1/2/2026,,,1,,,,,'
}
iso >"$tmp/iso.csv"
uk >"$tmp/uk.csv"
run --config "$cfg" --db "$tmp/iso.db" import "$tmp/iso.csv"
expect_rc 0 "the ISO census"
run --config "$cfg" --db "$tmp/uk.db" import "$tmp/uk.csv"
expect_rc 0 "the day-first census"
expect_out "3 rows: 3 added" "the day-first census"
run --db "$tmp/iso.db" export --output "$tmp/iso.out"
run --db "$tmp/uk.db" export --output "$tmp/uk.out"
cmp -s "$tmp/iso.out" "$tmp/uk.out" ||
	fail "day-first dates read otherwise than their ISO twins: $(diff "$tmp/iso.out" "$tmp/uk.out" | head -n 4)"
# And into the database that has the ISO ones: nothing changes.
run --config "$cfg" --db "$tmp/iso.db" import "$tmp/uk.csv"
expect_out "3 rows: 0 added, 0 updated, 3 unchanged, 0 discharged" \
	"day-first census over its ISO twin"

# Refused, each at its line and column, nothing written. The birth date
# identifies the patient: described, never quoted.
sqlite3 "$tmp/iso.db" .dump >"$tmp/before.dump"
refused() { # DESCRIPTION MESSAGE ROW
	{ echo "$head"; echo "$3"; } >"$tmp/bad.csv"
	run --config "$cfg" --db "$tmp/iso.db" import "$tmp/bad.csv"
	expect_rc 65 "$1"
	expect_err "$tmp/bad.csv:2: $2" "$1"
	expect_err "1 error: nothing imported" "$1"
	sqlite3 "$tmp/iso.db" .dump | cmp -s - "$tmp/before.dump" ||
		fail "$1: the database changed"
}
r='SFT,AMU,A9,S9001,,Dee,Dan'
refused "US-style EDD" "edd: impossible date '12/31/2026' (dates are read day first: DD/MM/YYYY)" \
	"$r,,2026-11-20T10:00,12/31/2026,,,,,,,"
refused "US-style admission" "admitted_at: impossible date '11/20/2026 10:00' (dates are read day first: DD/MM/YYYY)" \
	"$r,,11/20/2026 10:00,,,,,,,,"
refused "31 February" "g2g_date: impossible date '31/02/2026' (dates are read day first: DD/MM/YYYY)" \
	"$r,,2026-11-20T10:00,,31/02/2026,,,,,,"
refused "month 13" "edd: impossible date '13/13/2026' (dates are read day first: DD/MM/YYYY)" \
	"$r,,2026-11-20T10:00,13/13/2026,,,,,,,"
refused "two-digit year" "edd: two-digit year in date '10/12/26' (write the year in full: DD/MM/YYYY)" \
	"$r,,2026-11-20T10:00,10/12/26,,,,,,,"
refused "two-digit year in a time" "discharged_at: two-digit year in date '22/11/26 17:30' (write the year in full: DD/MM/YYYY)" \
	"$r,,2026-11-20T10:00,,,,,,22/11/26 17:30,home,"
refused "a birth date month first" "birth_date: impossible date (dates are read day first: DD/MM/YYYY)" \
	"$r,05/31/1938,2026-11-20T10:00,,,,,,,,"
refused "a birth date with a two-digit year" "birth_date: two-digit year in date (write the year in full: DD/MM/YYYY)" \
	"$r,01/05/38,2026-11-20T10:00,,,,,,,,"
grep -qF "1938" "$tmp/err" && fail "a birth date quoted in a message"
refused "year first with slashes" "edd: invalid date '2026/12/10' (expected DD/MM/YYYY, day first, or YYYY-MM-DD)" \
	"$r,,2026-11-20T10:00,2026/12/10,,,,,,,"
refused "a time in the afternoon, US style" "admitted_at: invalid date and time '20/11/2026 10:00 PM' (expected DD/MM/YYYY HH:MM, day first, or YYYY-MM-DDTHH:MM)" \
	"$r,,20/11/2026 10:00 PM,,,,,,,,"

# The CLI's dates read day first as well.
run --config "$cfg" --db "$tmp/iso.db" set --site SFT S1001 edd=26/11/2026
expect_rc 0 "set edd=26/11/2026"
expect_eq "$(sqlite3 "$tmp/iso.db" "SELECT edd FROM stay WHERE mrn = 'S1001'")" 2026-11-26 \
	"set edd=26/11/2026"
run --config "$cfg" --db "$tmp/iso.db" set --site SFT S1001 edd=11/26/2026
expect_rc 65 "set edd=11/26/2026"
expect_err "edd: impossible date '11/26/2026' (dates are read day first: DD/MM/YYYY)" \
	"set edd=11/26/2026"
run --config "$cfg" --db "$tmp/iso.db" report --date 22/11/2026
expect_rc 0 "report --date 22/11/2026"

# export --from/--to and audit --since too: the same rows as ISO.
run --config "$cfg" --db "$tmp/iso.db" export --from 2026-11-01 --to 2026-11-30
expect_rc 0 "export --from/--to ISO"
cp "$tmp/out" "$tmp/export-iso"
run --config "$cfg" --db "$tmp/iso.db" export --from 01/11/2026 --to 30/11/2026
expect_rc 0 "export --from/--to day first"
cmp -s "$tmp/out" "$tmp/export-iso" || fail "export --from 01/11/2026 differs from --from 2026-11-01"
run --config "$cfg" --db "$tmp/iso.db" export --from 11/30/2026
expect_rc 65 "export --from month first"
run --config "$cfg" --db "$tmp/iso.db" audit --since 2026-11-01
cp "$tmp/out" "$tmp/audit-iso"
run --config "$cfg" --db "$tmp/iso.db" audit --since 01/11/2026
expect_rc 0 "audit --since day first"
cmp -s "$tmp/out" "$tmp/audit-iso" || fail "audit --since 01/11/2026 differs from --since 2026-11-01"

finish
