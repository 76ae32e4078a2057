# Issue 14: blockers ("waiting for what"). A patient may have several open
# at once; the delay reason and agency in every figure are those of the
# primary open blocker (the one made primary last, else the one opened
# first), from the instant the blockers change, as dated facts: closing
# one of two blockers changes the reason from then on and no earlier
# day's figures. A typed reason keeps the blockers in step; a discharge
# closes them; bad input writes nothing.
. "$(dirname "$0")/lib.sh"
cfg=$tmp/sitrep.yaml
db=$tmp/b.db
export SITREP_NOW=2026-12-04T12:00 SITREP_TODAY=2026-12-04
stamp=2026-12-04T12:00:00
cat >"$cfg" <<'EOF'
system:
  name: Blocker test
delay_vocabulary: dtoc
owners:
  - { code: hub, name: "Discharge hub", kind: team }
  - { code: asc, name: "Adult social care", kind: team, agency: ASC }
sites:
  - code: SFT
    name: Salisbury
    kind: acute
    wards:
      - { code: AMU, name: Acute medical unit, beds: 20 }
EOF

sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
snap() { sqlite3 "$db" .dump >"$tmp/snap.dump"; }
expect_unchanged() {
	sqlite3 "$db" .dump >"$tmp/now.dump"
	cmp -s "$tmp/snap.dump" "$tmp/now.dump" ||
		fail "$1: database changed: $(diff "$tmp/snap.dump" "$tmp/now.dump" | head -n 5)"
}
refused() { # rc 'message' ARGS...
	local want=$1 msg=$2
	shift 2
	snap
	sr "$@"
	expect_rc "$want" "$*"
	expect_err "$msg" "$*"
	expect_unchanged "$*"
}
reason_at() { # stay instant: the delay reason and agency in force then
	q "SELECT ifnull(delay_reason, '-') || '|' || ifnull(delay_agency, '-')
	   FROM stay_state WHERE stay = $1 AND superseded_at IS NULL
	   AND valid_from <= '$2' AND valid_to > '$2'"
}

sr admit --site SFT --mrn P1 --at 2026-11-20T10:00 ward=AMU bed=1 \
	g2g=2026-11-25
expect_rc 0 "admit P1"
p1=$(q "SELECT id FROM stay WHERE mrn = 'P1'")

# Ready to go from the 25th, waiting for a residential home from then.
sr blocker add P1 D1 --agency ASC --owner asc --due 2026-12-07 \
	--from 2026-11-25
expect_rc 0 "add D1"
expect_out "blocker 1 opened (stay $p1)" "its number"
expect_eq "$(q "SELECT code, agency, owner, due, opened_at, opened_by,
	recorded_at, closed_at IS NULL FROM blocker WHERE id = 1")" \
	"D1|ASC|asc|2026-12-07|2026-11-25T00:00:00|tester|$stamp|1" \
	"the blocker as given, recorded now by the user"
expect_eq "$(reason_at "$p1" 2026-11-26T00:00:00)" "D1|ASC" \
	"the reason from the 25th is the blocker's"
expect_eq "$(reason_at "$p1" 2026-11-24T00:00:00)" "-|-" \
	"and none before it"

# A second blocker from the 28th: the first stays primary.
sr blocker add P1 G --agency both --from 2026-11-28
expect_rc 0 "add G"
expect_eq "$(q "SELECT delay_reason || '|' || delay_agency FROM stay
	WHERE id = $p1")" "D1|ASC" "the one opened first is the reason"
sr report --date 2026-11-30 --format json
cp "$tmp/out" "$tmp/nov30.json"
sr report --date 2026-12-01 --format json
cp "$tmp/out" "$tmp/dec01.json"

# Closing D1 from 2 December: G is the reason from then, not before.
sr blocker close 1 --from 2026-12-02
expect_rc 0 "close D1"
expect_out "blocker 1 closed" "said"
expect_eq "$(reason_at "$p1" 2026-12-02T00:00:00)" "G|both" \
	"from the close, the other blocker"
expect_eq "$(reason_at "$p1" 2026-12-01T23:59:59)" "D1|ASC" \
	"the day before keeps D1"
sr report --date 2026-11-30 --format json
cmp -s "$tmp/out" "$tmp/nov30.json" ||
	fail "30 November's report moved: $(diff "$tmp/nov30.json" "$tmp/out" | head -n 4)"
sr report --date 2026-12-01 --format json
cmp -s "$tmp/out" "$tmp/dec01.json" ||
	fail "1 December's report moved: $(diff "$tmp/dec01.json" "$tmp/out" | head -n 4)"
expect_eq "$(q "SELECT field || '|' || ifnull(old, '-') || '|' || new || '|' || by
	FROM audit WHERE field LIKE 'blocker 1 %' ORDER BY id DESC LIMIT 1")" \
	"blocker 1 closed|-|2026-12-02T00:00:00|tester" "the close audited"

# The list: primary marked, closed ones with --all.
sr blocker list P1 --format csv
expect_rc 0 "list P1"
expect_eq "$(sed -n 1p "$tmp/out" | tr -d '\r')" \
	"id,site,mrn,code,family,agency,owner,due,primary,opened_at,opened_by,closed_at,closed_by,note" \
	"the CSV header"
expect_eq "$(tail -n +2 "$tmp/out" | cut -d, -f1,4,9 | tr -d '\r' | tr '\n' ' ')" \
	"2,G,yes " "open only, G primary"
sr blocker list P1 --all --format csv
expect_eq "$(tail -n +2 "$tmp/out" | cut -d, -f1,4,9,12 | tr -d '\r' | tr '\n' ' ')" \
	"1,D1,no,2026-12-02T00:00:00 2,G,yes, " "--all: the closed one too"

# Reassign; refusals write nothing.
sr blocker assign 2 hub
expect_rc 0 "assign"
expect_eq "$(q "SELECT owner || '|' || version FROM blocker WHERE id = 2")" \
	"hub|2" "owned by the hub, new version"
sr blocker list --owner hub --format csv
expect_eq "$(tail -n +2 "$tmp/out" | cut -d, -f1 | tr -d '\r')" "2" \
	"the hub's blockers"
refused 65 "unknown owner" blocker assign 2 nobody
refused 65 "unknown blocker code" blocker add P1 ZZ --agency NHS
refused 65 "before the admission" blocker add P1 A --agency NHS \
	--from 2026-11-19
refused 65 "was closed at 2026-12-02" blocker close 1
refused 76 "changed by someone else" blocker change 2 --note "call" \
	--expect-version 1

# A typed reason keeps the blockers in step.
sr set P1 reason=E agency=ASC
expect_rc 0 "set reason=E"
expect_eq "$(q "SELECT group_concat(code || ':' || (closed_at IS NULL), ' ')
	FROM (SELECT code, closed_at FROM blocker WHERE stay = $p1 ORDER BY id)")" \
	"D1:0 G:0 E:1" "G closed, E open"
expect_eq "$(q "SELECT agency FROM blocker WHERE stay = $p1 AND code = 'E'")" \
	"ASC" "with the typed agency"
sr blocker add P1 F --agency both
sr set P1 reason=
expect_rc 0 "clear the reason"
expect_eq "$(q "SELECT count(*) FROM blocker WHERE stay = $p1 AND closed_at IS NULL")" \
	"0" "a cleared reason closes every open blocker"

# Waiting for something before being ready to go.
sr admit --site SFT --mrn P2 --at 2026-12-01T09:00 ward=AMU bed=2
p2=$(q "SELECT id FROM stay WHERE mrn = 'P2'")
sr blocker add P2 A --agency NHS --note "awaiting OT assessment" \
	--from 2026-12-04T09:00
expect_rc 0 "a blocker before the DRD"
sr set P2 edd=2026-12-09
expect_rc 0 "the stay stays editable"
expect_eq "$(q "SELECT delay_reason || '|' || ifnull(g2g_date, '-') FROM stay WHERE id = $p2")" \
	"A|-" "a reason without a discharge ready date"

# A discharge closes the open blockers at its time; reopen makes a new one.
sr discharge P2 --at 2026-12-04T11:00
expect_rc 0 "discharge P2"
expect_eq "$(q "SELECT closed_at FROM blocker WHERE stay = $p2")" \
	"2026-12-04T11:00:00" "closed at the discharge"
b2=$(q "SELECT id FROM blocker WHERE stay = $p2")
refused 65 "discharged at 2026-12-04T11:00" blocker reopen "$b2" \
	--from 2026-12-04T11:30
refused 65 "before the blocker was closed" blocker reopen 2 \
	--from 2026-12-04T09:00
sr blocker reopen 2
expect_rc 0 "reopen G"
expect_eq "$(q "SELECT code || '|' || reopens || '|' || opened_at FROM blocker ORDER BY id DESC LIMIT 1")" \
	"G|2|$stamp" "a new blocker following the closed one"
expect_eq "$(reason_at "$p1" "$stamp")" "G|both" "G the reason again"

# JSON names the same columns; a number, not a string, for the id.
sr blocker list --format json
expect_rc 0 "list json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d["blockers"][0]["id"], int), d' "$tmp/out" ||
	fail "the JSON list"

finish
