# Issue 13: a census row is a set of facts at the census time: its
# extracted_at column, else import --as-of, else now. A value already in
# force then adds nothing (a re-import adds no fact and no audit row); an
# older census imported after a change on the ward records nothing the
# change overtook; --discharge-missing discharges at the census time; a
# census time in the future, or unreadable, refuses the whole file.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/i.db
# Monday 23 November 2026, 08:00.
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23
stamp=2026-11-23T08:00:00

sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
facts() { q "SELECT count(*) FROM stay_fact"; }
audits() { q "SELECT count(*) FROM audit"; }
snap() { sqlite3 "$db" .dump >"$tmp/snap.dump"; }
expect_unchanged() {
	sqlite3 "$db" .dump >"$tmp/now.dump"
	cmp -s "$tmp/snap.dump" "$tmp/now.dump" ||
		fail "$1: database changed: $(diff "$tmp/snap.dump" "$tmp/now.dump" | head -n 5)"
}
# fact MRN FIELD: value|valid_from|recorded_at of the stay's newest fact.
fact() {
	q "SELECT ifnull(f.value, '-') || '|' || f.valid_from || '|' ||
	   f.recorded_at FROM stay_fact f JOIN stay s ON s.id = f.stay
	   WHERE s.mrn = '$1' AND f.field = '$2' ORDER BY f.id DESC LIMIT 1"
}
csv() { printf '%s\r\n' "$@" >"$tmp/c.csv"; }

# A first census (a bulk load): each value a fact from the admission.
csv "site,mrn,admitted_at,ward,bed,delay_reason,g2g_date" \
	"SFT,I1,2026-11-18T09:00,AMU,1,," \
	"SFT,I2,2026-11-19T09:00,AMU,2,A,2026-11-20" \
	"SFT,I3,2026-11-20T09:00,BRT,3,,"
cp "$tmp/c.csv" "$tmp/first.csv"
sr import "$tmp/c.csv"
expect_rc 0 "the first census"
expect_eq "$(fact I2 delay_reason)" "A|2026-11-19T09:00:00|$stamp" \
	"a new stay's values count from its admission"
n=$(facts)
a=$(audits)

# The same file again: unchanged, no fact, no audit row.
snap
sr import "$tmp/first.csv"
expect_rc 0 "the same census again"
expect_out "0 added, 0 updated, 3 unchanged" "all unchanged"
expect_unchanged "a re-import writes nothing"
sr import --as-of 2026-11-21T06:00 "$tmp/first.csv"
expect_rc 0 "the same census again, as of an earlier time"
expect_unchanged "a re-import as of an earlier time writes nothing"

# extracted_at dates its row; --as-of the others; a value unchanged adds
# nothing.
csv "site,mrn,admitted_at,ward,bed,delay_reason,g2g_date,extracted_at" \
	"SFT,I1,2026-11-18T09:00,AMU,5,,,22/11/2026 06:30" \
	"SFT,I2,2026-11-19T09:00,AMU,2,G,2026-11-20," \
	"SFT,I3,2026-11-20T09:00,BRT,3,,,2026-11-22"
sr import --as-of 2026-11-21T07:00 "$tmp/c.csv"
expect_rc 0 "a dated census"
expect_out "0 added, 2 updated, 1 unchanged" "two stays change"
expect_eq "$(facts)" "$((n + 2))" "two facts: I1's bed and I2's reason"
expect_eq "$(fact I1 bed)" "5|2026-11-22T06:30:00|$stamp" \
	"I1's bed from its extracted_at (day first)"
expect_eq "$(fact I2 delay_reason)" "G|2026-11-21T07:00:00|$stamp" \
	"I2's reason from --as-of"
expect_eq "$(q "SELECT field FROM audit WHERE id > $a ORDER BY id" | tr '\n' ';')" \
	"bed from 2026-11-22 06:30;delay_reason from 2026-11-21 07:00;" \
	"an audit row a fact, saying from when"
n=$(facts)

# A move on the ward at 07:00 today; the 06:00 census still shows the old
# bed and is imported afterwards: the move stays.
sr set I3 bed=9
expect_rc 0 "a move made today"
n=$(facts)
csv "site,mrn,admitted_at,ward,bed,extracted_at" \
	"SFT,I3,2026-11-20T09:00,BRT,3,2026-11-23T06:00"
sr import "$tmp/c.csv"
expect_rc 0 "an older census after the move"
expect_out "0 updated, 1 unchanged" "nothing the move overtook"
expect_eq "$(facts)" "$n" "no fact"
expect_eq "$(q "SELECT bed FROM stay WHERE mrn = 'I3'")" "9" "the move stays current"

# Refused, nothing written: a census time in the future, unreadable, a
# second extracted_at column; --as-of in the future.
snap
csv "site,mrn,admitted_at,bed,extracted_at" \
	"SFT,I1,2026-11-18T09:00,6,2026-11-23T07:00" \
	"SFT,I2,2026-11-19T09:00,7,2026-11-23T08:01"
sr import "$tmp/c.csv"
expect_rc 65 "a census time in the future"
expect_err "c.csv:3: extracted_at: 2026-11-23 08:01 is in the future" \
	"the row is named"
expect_unchanged "a future census time writes nothing, not even the good row"
csv "site,mrn,admitted_at,bed,extracted_at" "SFT,I1,2026-11-18T09:00,6,soon"
sr import "$tmp/c.csv"
expect_rc 65 "an unreadable census time"
expect_err "c.csv:2: extracted_at: invalid date and time 'soon'" "explained"
expect_unchanged "an unreadable census time writes nothing"
csv "site,mrn,admitted_at,extracted_at,extracted_at" "SFT,I1,2026-11-18T09:00,,"
sr import "$tmp/c.csv"
expect_rc 65 "extracted_at twice"
expect_err "column 'extracted_at' appears twice" "explained"
sr import --as-of 2026-11-24 "$tmp/first.csv"
expect_rc 65 "--as-of in the future"
expect_err "--as-of: 2026-11-24 00:00 is in the future" "explained"
sr import --as-of tomorrowish "$tmp/first.csv"
expect_rc 65 "--as-of unreadable"
expect_err "--as-of: invalid date and time" "explained"
sr import --dry-run --as-of 2026-11-22T06:00 "$tmp/first.csv"
expect_rc 0 "a dry run as of a time"
expect_unchanged "every refusal and the dry run wrote nothing"

# --discharge-missing discharges at the census time.
csv "site,mrn,admitted_at,extracted_at" \
	"SFT,I1,2026-11-18T09:00," "SFT,I2,2026-11-19T09:00,"
sr import --discharge-missing --as-of 2026-11-23T06:00 "$tmp/c.csv"
expect_rc 0 "--discharge-missing --as-of"
expect_out "1 discharged" "the stay not listed"
expect_eq "$(q "SELECT discharged_at FROM stay WHERE mrn = 'I3'")" "2026-11-23T06:00" \
	"discharged at the census time"
finish
