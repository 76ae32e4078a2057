# Issue 13: sitrep history, the time line of one stay. After an admission,
# a change, a correction dated earlier (set --from), red and green marks
# (one of them made for an earlier day) and a discharge, the history lists
# every event in the order it became true, each with its old and new value,
# who recorded it and when, and "(backdated)" exactly where a value became
# true before it was recorded. CSV and JSON say the same; the stay is
# chosen as the other verbs choose it; bad input is a usage error.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/h.db

# sr USER NOW ARGS...: sitrep as USER with the clock at NOW.
sr() {
	local user=$1 now=$2
	shift 2
	SITREP_USER=$user SITREP_NOW=$now SITREP_TODAY=${now%T*} \
		run --config "$cfg" --db "$db" "$@"
}
q() { sqlite3 "$db" "$1"; }

sr alice 2026-11-20T10:05 admit --site SFT --mrn H1 --at 2026-11-20T09:30 \
	ward=AMU bed=3 edd=2026-11-25 g2g=2026-11-20 reason=A agency=ASC \
	family_name=Smith
expect_rc 0 "admit"
sr bob 2026-11-23T08:00 set H1 bed=5 reason=G note=hello
expect_rc 0 "set"
sr bob 2026-11-23T08:00 mark H1 red
expect_rc 0 "mark today red"
sr carol 2026-11-24T09:00 mark H1 green --day 2026-11-23
expect_rc 0 "mark yesterday green"
sr carol 2026-11-24T09:00 set H1 reason=E --from 2026-11-21
expect_rc 0 "set --from"
sr carol 2026-11-24T09:00 set H1 family_name=Smyth
expect_rc 0 "a name corrected"
sr dave 2026-11-25T11:00 discharge H1 --destination Home
expect_rc 0 "discharge"

sr eve 2026-11-26T09:00 history H1
expect_rc 0 "history"
expect_no_err "history"
cat >"$tmp/want" <<'EOF'
2026-11-20 09:30  stay           admitted  recorded 2026-11-20 10:05 by alice
2026-11-20 09:30  ward           - → AMU  recorded 2026-11-20 10:05 by alice
2026-11-20 09:30  bed            - → 3  recorded 2026-11-20 10:05 by alice
2026-11-20 09:30  edd            - → 2026-11-25  recorded 2026-11-20 10:05 by alice
2026-11-20 09:30  g2g_date       - → 2026-11-20  recorded 2026-11-20 10:05 by alice
2026-11-20 09:30  delay_reason   - → A  recorded 2026-11-20 10:05 by alice
2026-11-20 09:30  delay_agency   - → ASC  recorded 2026-11-20 10:05 by alice
2026-11-21 00:00  delay_reason   A → E  recorded 2026-11-24 09:00 by carol (backdated)
2026-11-23 08:00  bed            3 → 5  recorded 2026-11-23 08:00 by bob
2026-11-23 08:00  delay_reason   E → G  recorded 2026-11-23 08:00 by bob
2026-11-23 08:00  note           - → hello  recorded 2026-11-23 08:00 by bob
2026-11-23        day            - → red  recorded 2026-11-23 08:00 by bob
2026-11-23        day            red → green  recorded 2026-11-24 09:00 by carol (backdated)
2026-11-24 09:00  family_name    Smith → Smyth  recorded 2026-11-24 09:00 by carol
2026-11-25 10:59  destination    - → Home  recorded 2026-11-25 11:00 by dave
2026-11-25 11:00  discharged_at  - → 2026-11-25T11:00  recorded 2026-11-25 11:00 by dave
EOF
diff "$tmp/want" "$tmp/out" >"$tmp/diff" ||
	fail "the time line: $(cat "$tmp/diff")"

# The correction dated the 21st sits before bob's change of the 23rd, which
# it does not undo: the reason now is still G.
expect_eq "$(q "SELECT delay_reason FROM stay WHERE mrn = 'H1'")" "G" \
	"the later change stays in force"

# The same by stay number, and with the site.
id=$(q "SELECT id FROM stay WHERE mrn = 'H1'")
sr eve 2026-11-26T09:00 history --stay "$id"
expect_rc 0 "history --stay"
cmp -s "$tmp/want" "$tmp/out" || fail "history --stay differs from history MRN"
sr eve 2026-11-26T09:00 history --site SFT H1
expect_rc 0 "history --site"
cmp -s "$tmp/want" "$tmp/out" || fail "history --site differs"

# CSV: a header and one row an event, the backdated ones flagged.
sr eve 2026-11-26T09:00 history --format csv H1
expect_rc 0 "history --format csv"
expect_eq "$(head -n 1 "$tmp/out" | tr -d '\r\357\273\277')" \
	"valid_from,kind,field,old_value,new_value,recorded_at,recorded_by,backdated" \
	"the CSV header"
expect_eq "$(($(wc -l <"$tmp/out") - 1))" "$(wc -l <"$tmp/want")" \
	"a CSV row an event"
expect_out "2026-11-21T00:00:00,fact,delay_reason,A,E,2026-11-24T09:00:00,carol,1" \
	"the correction in CSV"
expect_out "2026-11-23,mark,day,red,green,2026-11-24T09:00:00,carol,1" \
	"the later mark in CSV"
expect_out "2026-11-20T09:30:00,admitted,stay,,admitted,2026-11-20T10:05:00,alice,0" \
	"the admission in CSV"
[ "$(grep -c ',1.$' "$tmp/out")" = 2 ] || fail "two backdated events in CSV: $out"

# JSON: one object an event.
sr eve 2026-11-26T09:00 history --format json H1
expect_rc 0 "history --format json"
expect_out "{\"stay\": $id, \"events\": [" "the JSON opens with the stay"
expect_out '{"valid_from": "2026-11-21T00:00:00", "kind": "fact", "field": "delay_reason", "old": "A", "new": "E", "recorded_at": "2026-11-24T09:00:00", "recorded_by": "carol", "backdated": true}' \
	"the correction in JSON"
expect_out '"old": null, "new": "admitted"' "none is null in JSON"
expect_eq "$(grep -c '"valid_from"' "$tmp/out")" "$(wc -l <"$tmp/want")" \
	"a JSON object an event"
if command -v python3 >/dev/null; then
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/out" ||
		fail "the JSON does not parse"
fi

# A later census row with a new ward, imported as of an earlier time, is
# a backdated fact too; a value already so adds nothing.
printf 'site,mrn,admitted_at,ward,extracted_at\r\nSFT,H2,2026-11-20T09:00,AMU,\r\n' >"$tmp/c1.csv"
sr alice 2026-11-21T10:00 import "$tmp/c1.csv"
expect_rc 0 "import a second stay"
printf 'site,mrn,admitted_at,ward,extracted_at\r\nSFT,H2,2026-11-20T09:00,BRT,2026-11-22T06:00\r\n' >"$tmp/c2.csv"
sr bob 2026-11-22T09:00 import "$tmp/c2.csv"
expect_rc 0 "import a move as of 06:00"
sr eve 2026-11-26T09:00 history H2
expect_out "2026-11-20 09:00  stay           imported  recorded 2026-11-21 10:00 by alice" \
	"an imported stay's first event"
expect_out "2026-11-22 06:00  ward           AMU → BRT  recorded 2026-11-22 09:00 by bob (backdated)" \
	"the census's move, from its extraction"

# The stay a command cannot name, and bad options.
sr eve 2026-11-26T09:00 history NOSUCH
expect_fail "an unknown MRN"
expect_err "no stay with that MRN" "an unknown MRN is explained"
expect_err_lacks() { ! grep -qF -- "$1" "$tmp/err" || fail "$2: stderr shows '$1'"; }
expect_err_lacks "NOSUCH" "the MRN is not repeated"
sr eve 2026-11-26T09:00 history --format xml H1
expect_rc 2 "an unknown format is a usage error"
sr eve 2026-11-26T09:00 history H1 H2
expect_rc 2 "two patients are a usage error"
sr eve 2026-11-26T09:00 history --stay 999
expect_fail "an unknown stay number"
expect_err "no stay 999" "an unknown stay number is explained"
finish
