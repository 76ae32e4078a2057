# The ward coordinator's verbs through the binary: admit, set, discharge,
# mark, show and audit. After each change the stay row (or day mark) in the
# database and the audit rows it wrote are checked; invalid input is
# explained, exits non-zero and saves nothing; stale versions are refused.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/e.db
# Monday 23 November 2026, 08:00.
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23
stamp=2026-11-23T08:00:00

# ---- helpers (local to this script; lib.sh is shared) ----

sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
# col ID COLUMN: one column of stay ID ("" when NULL).
col() { q "SELECT ifnull($2, '') FROM stay WHERE id = $1"; }
audits() { q "SELECT count(*) FROM audit"; }
# last_audit [N]: the newest N audit rows as stay|field|old|new|by|at, NULL
# shown as '-', a newline in a value as '\n', oldest first, joined with ';'.
last_audit() {
	q "SELECT group_concat(r, ';') FROM (SELECT stay || '|' || field || '|' ||
	   replace(ifnull(old, '-'), char(10), '\n') || '|' ||
	   replace(ifnull(new, '-'), char(10), '\n') || '|' || by || '|' || at AS r
	   FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ${1:-1}) ORDER BY id)"
}
snap() { sqlite3 "$db" .dump >"$tmp/snap.dump"; }
expect_unchanged() { # description: the database equals the last snap
	sqlite3 "$db" .dump >"$tmp/now.dump"
	cmp -s "$tmp/snap.dump" "$tmp/now.dump" ||
		fail "$1: database changed: $(diff "$tmp/snap.dump" "$tmp/now.dump" | head -n 5)"
}
expect_err_lacks() {
	! grep -qF -- "$1" "$tmp/err" || fail "$2: stderr shows '$1': $err"
}
# set_ok ID 'COLUMN' 'new value' 'audit old' 'audit new' ARGS...: runs
# "sitrep set ARGS" expecting exactly one changed field, checks the column,
# the version bump and the audit row.
set_ok() {
	local id=$1 column=$2 want=$3 aold=$4 anew=$5 v n
	shift 5
	v=$(col "$id" version)
	n=$(audits)
	sr set "$@"
	expect_rc 0 "set $*"
	expect_out "stay $id saved: version $((v + 1)), 1 field changed" "set $*"
	expect_eq "$(col "$id" "$column")" "$want" "set $*: $column"
	expect_eq "$(col "$id" version)|$(col "$id" updated_by)|$(col "$id" updated_at)" \
		"$((v + 1))|tester|$stamp" "set $*: version and stamp"
	expect_eq "$(audits)" "$((n + 1))" "set $*: one audit row"
	expect_eq "$(last_audit)" "$id|$column|${aold//$'\n'/\\n}|${anew//$'\n'/\\n}|tester|$stamp" \
		"set $*: audit row"
}
# refused RC 'message' ARGS...: sitrep ARGS fails with RC, says message,
# and the database is unchanged.
refused() {
	local code=$1 msg=$2
	shift 2
	snap
	sr "$@"
	expect_rc "$code" "$* refused"
	expect_err "$msg" "$*"
	expect_no_out "$*"
	expect_unchanged "$*"
}

# ---- admit ----

sr admit --site SFT --mrn E1 --at 2026-11-20T10:15 ward=AMU bed=A3 \
	nhs="999 000 0018" family_name=Abbott given_name=Ann birth_date=1940-03-02 \
	edd=tomorrow pathway=1 "note=first, note"
expect_rc 0 "admit with fields"
expect_eq "$out" "stay 1 admitted: version 1" "admit output"
expect_no_err "admit"
expect_eq "$(q "SELECT site, ward, bed, mrn, nhs_number, family_name, given_name, birth_date,
	admitted_at, edd, ifnull(g2g_date, '-'), pathway, ifnull(delay_reason, '-'),
	ifnull(discharged_at, '-'), note, version, updated_by, updated_at FROM stay WHERE id = 1")" \
	"SFT|AMU|A3|E1|9990000018|Abbott|Ann|1940-03-02|2026-11-20T10:15|2026-11-24|-|1|-|-|first, note|1|tester|$stamp" \
	"admitted stay row"
expect_eq "$(q "SELECT typeof(pathway) FROM stay WHERE id = 1")" integer "pathway stored as a number"
expect_eq "$(audits)|$(last_audit)" "1|1|stay|-|admitted|tester|$stamp" "admission audited"
# --at defaults to now; options after the FIELD=VALUE operands.
sr admit ward=BRT --site SFT --mrn E2
expect_rc 0 "admit at now"
expect_eq "$(col 2 admitted_at)|$(col 2 ward)" "2026-11-23T08:00|BRT" "admit --at defaults to SITREP_NOW"
# A bare date is taken at 00:00; values are normalised.
sr admit --site GWH --mrn E3 --at 2026-11-01 ward=ALD edd=2026-11-30 \
	g2g=2026-11-21 reason=d1 agency="social care" pathway=3 NHS=9990000026
expect_rc 0 "admit, aliases and case"
expect_eq "$(q "SELECT admitted_at, g2g_date, delay_reason, delay_agency, pathway, nhs_number FROM stay WHERE id = 3")" \
	"2026-11-01T00:00|2026-11-21|D1|ASC|3|9990000026" "admit normalises"
# Refused admissions save nothing.
refused 2 "usage: sitrep admit" admit --site SFT
refused 2 "usage: sitrep admit" admit --mrn E9
refused 65 "mrn: that patient is already in a bed at SFT (stay 1)" \
	admit --site SFT --mrn E1 --at 2026-11-20T10:15
refused 65 "admitted_at: admission is in the future (now is 2026-11-23T08:00)" \
	admit --site SFT --mrn E9 --at 2026-11-23T08:01
refused 65 "site: unknown site 'XYZ'" admit --site XYZ --mrn E9
refused 65 "ward: unknown ward 'ALD' for site SFT" admit --site SFT --mrn E9 ward=ALD
refused 65 "pathway: pathway must be 0, 1, 2 or 3" admit --site SFT --mrn E9 pathway=4
refused 65 "edd: expected discharge date 2026-11-22 is before admission (2026-11-23)" \
	admit --site SFT --mrn E9 edd=yesterday
refused 65 "discharged_at: a new admission cannot be discharged already" \
	admit --site SFT --mrn E9 discharged=2026-11-23T07:00
refused 65 "nhs_number: invalid NHS number: check digit does not match" \
	admit --site SFT --mrn E9 nhs=9990000019
expect_err_lacks 9990000019 "bad NHS number not echoed"
refused 65 "admitted_at: invalid date and time 'tomorrow'" admit --site SFT --mrn E9 --at tomorrow
refused 65 "unknown field 'colour'" admit --site SFT --mrn E9 colour=red
refused 65 "site: give it with --site" admit --site SFT --mrn E9 site=GWH
refused 65 "mrn: give it with --mrn" admit --site SFT --mrn E9 mrn=E10
refused 65 "admitted_at: give it with --at" admit --site SFT --mrn E9 admitted=2026-11-22
refused 65 "expected FIELD=VALUE" admit --site SFT --mrn E9 Secretname
expect_err_lacks Secretname "a stray argument is not echoed"
expect_eq "$(q "SELECT count(*) FROM stay")" 3 "no refused admission saved"

# ---- set: each editable field ----

set_ok 1 edd 2026-11-30 2026-11-24 2026-11-30 E1 edd=2026-11-30
set_ok 1 edd 2026-11-24 2026-11-30 2026-11-24 E1 edd=tomorrow
set_ok 1 edd 2026-11-25 2026-11-24 2026-11-25 E1 edd=+2
set_ok 1 edd 2026-11-30 2026-11-25 2026-11-30 E1 EDD=mon
set_ok 1 g2g_date 2026-11-22 - 2026-11-22 E1 g2g=yesterday
set_ok 1 g2g_date 2026-11-21 2026-11-22 2026-11-21 E1 g2g_date=2026-11-21
set_ok 1 pathway 2 1 2 E1 pathway=2
set_ok 1 delay_reason E - E E1 reason=e
set_ok 1 delay_reason D2 E D2 E1 delay_reason=D2
set_ok 1 delay_agency both - both E1 "agency=NHS and social care"
set_ok 1 delay_agency NHS both NHS E1 delay_agency=nhs
set_ok 1 ward BRT AMU BRT E1 ward=BRT
set_ok 1 bed B12 A3 B12 E1 bed=B12
set_ok 1 note "$(printf 'Family meeting,\n"Thursday"')" "first, note" "$(printf 'Family meeting,\n"Thursday"')" \
	E1 "note=$(printf 'Family meeting,\n"Thursday"')"
set_ok 1 nhs_number 9990000034 9990000018 9990000034 E1 "nhs=999 000 0034"
set_ok 1 family_name "O'Brien" Abbott "O'Brien" E1 "family_name=O'Brien"
set_ok 1 given_name "Zoë" Ann "Zoë" E1 "given_name=Zoë"
set_ok 1 note "" "$(printf 'Family meeting,\n"Thursday"')" - E1 note=
# A green-to-go date in the future is accepted (stay_validate sets no upper
# bound: a planned discharge-ready date).
set_ok 1 g2g_date 2026-11-26 2026-11-21 2026-11-26 E1 g2g=+3
set_ok 1 g2g_date 2026-11-21 2026-11-26 2026-11-21 E1 g2g=2026-11-21
# Several fields at once: one version, one audit row per field.
v=$(col 1 version)
sr set E1 bed=B14 pathway=3 edd=2026-12-01
expect_rc 0 "set three fields"
expect_out "stay 1 saved: version $((v + 1)), 3 fields changed" "set three fields"
expect_eq "$(col 1 bed)|$(col 1 pathway)|$(col 1 edd)" "B14|3|2026-12-01" "three fields saved"
expect_eq "$(last_audit 3)" \
	"1|bed|B12|B14|tester|$stamp;1|edd|2026-11-30|2026-12-01|tester|$stamp;1|pathway|2|3|tester|$stamp" \
	"three audit rows"
# The same value again: nothing written, version kept.
n=$(audits)
sr set E1 bed=B14
expect_rc 0 "set unchanged"
expect_out "stay 1 unchanged: version $((v + 1))" "set unchanged"
expect_eq "$(audits)|$(col 1 version)" "$n|$((v + 1))" "no audit row for no change"

# ---- set: invalid input, nothing saved ----

refused 65 "pathway: pathway must be 0, 1, 2 or 3" set E1 pathway=7
refused 65 "edd: expected discharge date 2026-11-19 is before admission (2026-11-20)" set E1 edd=2026-11-19
refused 65 "edd: impossible date '2026-02-30'" set E1 edd=2026-02-30
refused 65 "edd: invalid date 'someday' (expected YYYY-MM-DD)" set E1 edd=someday
refused 65 "ward: unknown ward 'NOPE' for site SFT" set E1 ward=NOPE
refused 65 "ward: unknown ward 'ALD' for site SFT" set E1 ward=ALD
refused 65 "g2g_date: green-to-go date 2026-11-19 is before admission (2026-11-20)" set E1 g2g=2026-11-19
# (A delay reason without a green-to-go date is what the patient waits
# for before being ready to go: allowed since issue 14, test_blocker.sh.)
refused 65 "delay_reason: unknown delay reason 'Z9'" set E1 reason=Z9
refused 65 "delay_agency: unknown agency 'council' (expected NHS, ASC or both)" set E1 agency=council
refused 65 "destination: a discharge destination needs a discharge time" set E1 destination=Home
refused 65 "site: a stay cannot move to another site" set E1 site=GWH
refused 65 "nhs_number: invalid NHS number: check digit does not match" set E1 nhs=9990000019
expect_err_lacks 9990000019 "bad NHS number not echoed"
refused 65 "unknown field 'colour' (see sitrep(1))" set E1 colour=red
refused 65 "nothing to change: give FIELD=VALUE" set E1
refused 65 "name the patient by MRN or give --stay" set bed=1
refused 2 "usage: sitrep set" set
# A valid change with an invalid one: neither is saved.
refused 65 "pathway: pathway must be 0, 1, 2 or 3" set E1 bed=Z9 pathway=9
# A stray word is not echoed (it may be an MRN or a name).
refused 65 "expected FIELD=VALUE" set --stay 1 Secretmrn bed=1
expect_err_lacks Secretmrn "stray operand not echoed"
refused 2 "unknown option '--bogus'" set --bogus E1 bed=1
refused 65 "--stay takes a positive number" set --stay x bed=1
refused 65 "--expect-version takes a positive number" set --expect-version 0 E1 bed=1

# ---- stale version ----

v=$(col 1 version)
SITREP_USER=alice SITREP_NOW=2026-11-23T09:30 sr set E1 bed=C1
expect_rc 0 "alice changes the stay"
expect_eq "$(last_audit)" "1|bed|B14|C1|alice|2026-11-23T09:30:00" "alice's change audited as hers"
refused 76 "stay 1 was changed by alice at 2026-11-23T09:30:00 (now version $((v + 1)); your edit was made on version $v)" \
	set --expect-version "$v" E1 bed=D1
expect_err "nothing saved" "conflict says nothing was saved"
refused 76 "was changed by alice" discharge --expect-version "$v" E1 --at 2026-11-23T07:00
sr set --expect-version "$((v + 1))" E1 bed=D1
expect_rc 0 "the current version succeeds"
expect_out "stay 1 saved: version $((v + 2)), 1 field changed" "current version"
expect_eq "$(col 1 bed)" D1 "current version saved"
refused 76 "now version $((v + 2))" set --stay 1 --expect-version "$v" bed=E1

# ---- patient lookup ----

sr admit --site GWH --mrn E1 --at 2026-11-21T09:00 ward=AMU
expect_rc 0 "the same MRN admitted at a second site"
gwh=$(q "SELECT id FROM stay WHERE site = 'GWH' AND mrn = 'E1'")
refused 65 "that MRN has 2 current stays: give --site or --stay" show E1
expect_err_lacks E1 "ambiguous MRN not echoed"
refused 65 "give --site or --stay" set E1 bed=X
sr show --site GWH E1
expect_rc 0 "show --site"
expect_out "stay: $gwh" "--site picks the GWH stay"
expect_out "site: GWH" "--site picks the GWH stay"
set_ok "$gwh" bed G7 - G7 --site GWH E1 bed=G7
expect_eq "$(col 1 bed)" D1 "the SFT stay untouched"
set_ok 1 bed D2 D1 D2 E1 bed=D2 --site SFT
sr show --stay "$gwh"
expect_rc 0 "show --stay"
expect_out "mrn: E1" "show --stay"
refused 66 "no stay with that MRN" show Secret404
expect_err_lacks Secret404 "unknown MRN not echoed"
refused 66 "no stay with that MRN at SAV" set --site SAV E1 bed=1
refused 66 "no stay with that MRN" discharge Secret404
expect_err_lacks Secret404 "unknown MRN not echoed (discharge)"
refused 66 "no stay with that MRN" mark Secret404 red
refused 66 "no such stay" show --stay 999
refused 66 "no such stay" set --stay 999 bed=1
refused 2 "usage: sitrep show" show --stay 1 extra
refused 2 "unknown option '--expect-version'" show --expect-version 1 --stay 1

# ---- show ----

sr show E2
expect_rc 0 "show"
expect_eq "$(sed -n '1,2p' "$tmp/out" | tr '\n' ';')" "stay: 2;version: 1;" "show starts with id and version"
expect_out "admitted_at: 2026-11-23T08:00" "show fields"
expect_out "los: 0" "show LOS"
sr show --stay 1
expect_out "nhs_number: 999 000 0034" "show formats the NHS number 3-3-4"
expect_out "los: 3" "show LOS 3"
expect_out "delay_days: 2" "show delay days"
expect_out "g2g_date: 2026-11-21" "show g2g"
set_ok 1 note "$(printf 'two\nlines\tand a tab')" - "$(printf 'two\nlines\tand a tab')" --stay 1 "note=$(printf 'two\nlines\tand a tab')"
sr show --stay 1
expect_out 'note: two\nlines\tand a tab' "show escapes newline and tab"
refused 65 "note: control character U+001B at character 4 is not allowed (only newline and tab are)" \
	set --stay 1 "note=$(printf 'bad\033[2J')"

# ---- mark ----

n=$(audits)
sr mark E2 red --reason test
expect_rc 0 "mark red with a reason (options after operands)"
expect_out "stay 2: 2026-11-23 red" "mark red"
expect_eq "$(q "SELECT stay, day, colour, reason FROM day_mark")" "2|2026-11-23|red|test" "day_mark row"
expect_eq "$(audits)|$(last_audit)" "$((n + 1))|2|day 2026-11-23|-|red: test|tester|$stamp" "mark audited"
sr show E2
expect_out "today: red: test" "show today's mark"
sr mark E2 red --reason test
expect_eq "$rc|$(audits)" "0|$((n + 1))" "the same mark again writes nothing"
sr mark --stay 2 green
expect_rc 0 "mark green"
expect_eq "$(q "SELECT stay, day, colour, ifnull(reason, '-') FROM day_mark")" "2|2026-11-23|green|-" "green replaces red"
expect_eq "$(last_audit)" "2|day 2026-11-23|red: test|green|tester|$stamp" "green audited"
sr mark E2 clear
expect_rc 0 "mark clear"
expect_out "stay 2: 2026-11-23 cleared" "mark clear"
expect_eq "$(q "SELECT count(*) FROM day_mark")" 0 "clear deletes the mark"
expect_eq "$(last_audit)" "2|day 2026-11-23|green|-|tester|$stamp" "clear audited"
sr mark --day yesterday E1 --site SFT red --reason review
expect_rc 0 "mark yesterday"
expect_eq "$(q "SELECT stay, day, colour, reason FROM day_mark")" "1|2026-11-22|red|review" "yesterday's mark"
sr mark --day 2026-11-20 --stay 1 red
expect_rc 0 "mark the admission day, no reason"
expect_eq "$(q "SELECT ifnull(reason, '-') FROM day_mark WHERE day = '2026-11-20'")" - "red without a reason"
refused 65 "2026-11-24 is in the future" mark --day tomorrow --stay 1 green
refused 65 "2026-11-19 is before the admission" mark --day 2026-11-19 --stay 1 green
refused 65 "only a red day has a reason" mark --stay 1 green --reason test
refused 65 "unknown red-day reason 'nonsense'" mark --stay 1 red --reason nonsense
refused 65 "--day takes a date" mark --day someday --stay 1 red
refused 2 "unknown option '--expect-version'" mark --expect-version 1 --stay 1 red
refused 2 "usage: sitrep mark" mark --stay 1 amber
refused 2 "usage: sitrep mark" mark --stay 1
refused 65 "unexpected argument after the patient" mark E2 Secretword red
expect_err_lacks Secretword "mark: stray operand not echoed"

# ---- discharge ----

n=$(audits)
sr discharge E3 --at 2026-11-23T07:30 --destination "Home (own)"
expect_rc 0 "discharge with --at and --destination"
expect_out "stay 3 saved: version 2, 2 fields changed" "discharge"
expect_eq "$(col 3 discharged_at)|$(col 3 destination)" "2026-11-23T07:30|Home (own)" "discharge row"
expect_eq "$(audits)|$(last_audit 2)" \
	"$((n + 2))|3|discharged_at|-|2026-11-23T07:30|tester|$stamp;3|destination|-|Home (own)|tester|$stamp" \
	"discharge audited"
# The MRN now finds the discharged stay; discharging again needs --at.
refused 65 "stay 3 was discharged at 2026-11-23T07:30 already: give --at" discharge E3
refused 65 "stay 3 was discharged at 2026-11-23T07:30 already" discharge E3 --destination Elsewhere
sr discharge E3 --at 2026-11-23T07:45
expect_rc 0 "discharge time corrected with --at"
expect_eq "$(col 3 discharged_at)|$(last_audit)" \
	"2026-11-23T07:45|3|discharged_at|2026-11-23T07:30|2026-11-23T07:45|tester|$stamp" "correction audited"
sr discharge --stay 2
expect_rc 0 "discharge at now"
expect_eq "$(col 2 discharged_at)|$(col 2 destination)|$(last_audit)" \
	"2026-11-23T08:00||2|discharged_at|-|2026-11-23T08:00|tester|$stamp" "discharge defaults to SITREP_NOW"
refused 65 "discharged_at: discharge 2026-11-19T10:00 is before admission (2026-11-20T10:15)" \
	discharge --stay 1 --at 2026-11-19T10:00
refused 65 "g2g_date: green-to-go date 2026-11-21 is after discharge (2026-11-20T12:00)" \
	discharge --stay 1 --at 2026-11-20T12:00
refused 65 "discharged_at: invalid date and time 'later'" discharge --stay 1 --at later
refused 65 "unexpected argument after the patient" discharge E1 Secretword --site SFT
expect_err_lacks Secretword "discharge: stray operand not echoed"
SITREP_NOW=2026-11-25T08:00 SITREP_TODAY=2026-11-25 refused 65 "2026-11-24 is after the discharge" \
	mark --stay 2 --day 2026-11-24 red

# ---- audit ----

sr audit
expect_rc 0 "audit"
expect_eq "$(wc -l <"$tmp/out")" "$(audits)" "audit lists every row"
expect_eq "$(head -n 1 "$tmp/out")" "$stamp  tester      #1 SFT/E1  stay: admitted" "audit line format"
expect_out "2026-11-23T09:30:00  alice       #1 SFT/E1  bed: B14 -> C1" "audit shows old -> new"
expect_out '#1 SFT/E1  note: Family meeting,\n"Thursday" -> (cleared)' "audit shows a cleared value, escaped"
sr audit --stay 2
expect_eq "$(wc -l <"$tmp/out")" "$(q "SELECT count(*) FROM audit WHERE stay = 2")" "audit --stay"
! grep -v ' #2 SFT/E2 ' "$tmp/out" >/dev/null || fail "audit --stay shows other stays: $out"
sr audit --by alice
expect_eq "$out" "2026-11-23T09:30:00  alice       #1 SFT/E1  bed: B14 -> C1" "audit --by"
SITREP_NOW=2026-11-24T10:00 sr set E1 --site SFT bed=F1
sr audit --since 2026-11-24
expect_eq "$out" "2026-11-24T10:00:00  tester      #1 SFT/E1  bed: D2 -> F1" "audit --since"
sr audit --mrn E1
expect_eq "$(wc -l <"$tmp/out")" \
	"$(q "SELECT count(*) FROM audit a JOIN stay s ON s.id = a.stay WHERE s.mrn = 'E1'")" "audit --mrn"
grep -q "#$gwh GWH/E1" "$tmp/out" || fail "audit --mrn covers both sites"
sr audit --mrn E1 --site GWH
expect_eq "$(wc -l <"$tmp/out")|$(grep -vc "#$gwh GWH/E1" "$tmp/out")" \
	"$(q "SELECT count(*) FROM audit WHERE stay = $gwh")|0" "audit --mrn --site"
sr audit --site GWH --by tester --since 2026-11-23 --stay 3
expect_eq "$(wc -l <"$tmp/out")" "$(q "SELECT count(*) FROM audit WHERE stay = 3")" "audit filters combined"
sr audit --by nobody
expect_eq "$rc|$out" "0|" "audit with no match"
SITREP_USER=$(printf 'eve\033[31m') sr set --stay 3 note=x
sr audit --stay 3
expect_out 'eve\x1b[31m' "audit escapes the login name"
refused 65 "--since takes a date (YYYY-MM-DD, or DD/MM/YYYY day first)" audit --since yesterday
refused 65 "--stay takes a stay number" audit --stay 0
refused 2 "usage: sitrep audit" audit extra

# ---- the audit trail is append-only ----

sqlite3 "$db" "UPDATE audit SET by = 'mallory'" 2>/dev/null && fail "audit row updated"
sqlite3 "$db" "DELETE FROM audit" 2>/dev/null && fail "audit row deleted"
expect_eq "$(q "SELECT count(*) FROM audit WHERE by = 'mallory'")" 0 "audit untouched"

# ---- every verb's --help ----

for c in admit set discharge mark show audit; do
	sr "$c" --help
	expect_rc 0 "$c --help"
	expect_out "usage: sitrep $c" "$c --help"
done
expect_eq "$(q "PRAGMA integrity_check")" ok "integrity at the end"

finish
