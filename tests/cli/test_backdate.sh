# Issue 13: corrections dated earlier. sitrep set --from TIME writes each
# changed dated field as a fact valid from TIME (a date alone: 00:00),
# recorded now by the user, audited as "FIELD from YYYY-MM-DD HH:MM"; a
# value already in force then writes nothing; a later change stays in
# force. A time in the future, before the admission day, unreadable, or
# with no dated field is refused and writes nothing. A correction dated
# before a discharge needs no --discharged-ok.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/b.db
# Friday 4 December 2026, noon.
export SITREP_NOW=2026-12-04T12:00 SITREP_TODAY=2026-12-04
stamp=2026-12-04T12:00:00

sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
facts() { q "SELECT count(*) FROM stay_fact"; }
snap() { sqlite3 "$db" .dump >"$tmp/snap.dump"; }
expect_unchanged() {
	sqlite3 "$db" .dump >"$tmp/now.dump"
	cmp -s "$tmp/snap.dump" "$tmp/now.dump" ||
		fail "$1: database changed: $(diff "$tmp/snap.dump" "$tmp/now.dump" | head -n 5)"
}
# refused 'message' ARGS...: sitrep ARGS exits 65, says message, writes
# nothing.
refused() {
	local msg=$1
	shift
	snap
	sr "$@"
	expect_rc 65 "$*"
	expect_err "$msg" "$*"
	expect_unchanged "$*"
}
# last_fact ID FIELD: value|valid_from|recorded_at|recorded_by of the
# stay's newest fact of FIELD.
last_fact() {
	q "SELECT ifnull(value, '-') || '|' || valid_from || '|' || recorded_at ||
	   '|' || recorded_by FROM stay_fact WHERE stay = $1 AND field = '$2'
	   ORDER BY id DESC LIMIT 1"
}

sr admit --site SFT --mrn B1 --at 2026-11-10T10:00 ward=AMU bed=1 \
	g2g=2026-11-12 reason=A agency=ASC
expect_rc 0 "admit B1"
b1=$(q "SELECT id FROM stay WHERE mrn = 'B1'")

# A correction from 28 November: a fact valid from 00:00 that day.
n=$(facts)
sr set B1 reason=E --from 2026-11-28
expect_rc 0 "set --from 2026-11-28"
expect_out "stay $b1 saved: version 2, 1 field changed" "one field changed"
expect_eq "$(facts)" "$((n + 1))" "one fact"
expect_eq "$(last_fact "$b1" delay_reason)" "E|2026-11-28T00:00:00|$stamp|tester" \
	"valid from the 28th, recorded now by the user"
expect_eq "$(q "SELECT field || '|' || old || '|' || new FROM audit ORDER BY id DESC LIMIT 1")" \
	"delay_reason from 2026-11-28 00:00|A|E" "the audit row says from when"
expect_eq "$(q "SELECT delay_reason FROM stay WHERE id = $b1")" "E" \
	"with nothing later, the correction is the current value"

# The same value in force then: nothing written at all.
n=$(facts)
snap
sr set B1 reason=E --from 2026-11-30
expect_rc 0 "the same value --from a later day"
expect_out "stay $b1 unchanged: version 2" "unchanged"
expect_eq "$(facts)" "$n" "no fact"
expect_unchanged "an unchanged value writes nothing"

# A change today, then a correction before it: today's stays current.
sr set B1 reason=G
expect_rc 0 "set today"
sr set B1 reason=D1 --from "29/11/2026 14:30"
expect_rc 0 "set --from day first with a time"
expect_eq "$(last_fact "$b1" delay_reason)" "D1|2026-11-29T14:30:00|$stamp|tester" \
	"a day-first date and time"
expect_eq "$(q "SELECT delay_reason FROM stay WHERE id = $b1")" "G" \
	"today's change stays in force"
sr set B1 agency=NHS --from 2026-11-30T08:15
expect_rc 0 "set --from ISO date and time"
expect_eq "$(last_fact "$b1" delay_agency)" "NHS|2026-11-30T08:15:00|$stamp|tester" \
	"an ISO date and time"
sr set B1 ward=BRT bed=2 --from yesterday
expect_rc 0 "set --from yesterday"
expect_eq "$(last_fact "$b1" ward)|$(last_fact "$b1" bed)" \
	"BRT|2026-12-03T00:00:00|$stamp|tester|2|2026-12-03T00:00:00|$stamp|tester" \
	"two fields from yesterday"
sr set B1 edd=2026-12-10 --from now
expect_rc 0 "set --from now"
expect_eq "$(last_fact "$b1" edd)" "2026-12-10|$stamp|$stamp|tester" "now is now"

# On the admission day, earlier than the admission: from the admission.
sr set B1 pathway=1 --from 2026-11-10
expect_rc 0 "set --from the admission day"
expect_eq "$(last_fact "$b1" pathway)" "1|2026-11-10T10:00:00|$stamp|tester" \
	"from the admission"

# Refused, nothing written.
refused "from: 2026-12-05 00:00 is in the future" set B1 reason=B --from 2026-12-05
refused "from: 2026-12-04 12:01 is in the future" set B1 reason=B --from 2026-12-04T12:01
refused "from: 2026-11-09 is before the admission (2026-11-10)" set B1 reason=B --from 2026-11-09
refused "from: invalid time 'last week'" set B1 reason=B --from "last week"
refused "from: impossible date '31/11/2026'" set B1 reason=B --from 31/11/2026
refused "from: only changes of the ward, bed, edd" set B1 note=hello --from 2026-11-28
refused "unknown delay reason" set B1 reason=ZZ --from 2026-11-28

# A discharged stay: a correction dated while the patient was in a bed is
# made knowing they have left; an undated change still needs the flag.
sr discharge B1 --at 2026-12-02T15:00
expect_rc 0 "discharge B1"
sr set B1 reason=C --from 2026-11-30
expect_rc 0 "a correction before the discharge"
expect_eq "$(last_fact "$b1" delay_reason)" "C|2026-11-30T00:00:00|$stamp|tester" \
	"the correction on a discharged stay"
refused "discharged" set B1 reason=B
refused "discharged" set B1 reason=B family_name=Other --from 2026-11-30

finish
