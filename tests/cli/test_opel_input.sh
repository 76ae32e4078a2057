# OPEL inputs (issue 16): the 2024-26 parameters sitrep cannot compute (ED,
# ambulance figures) entered with `sitrep opel input`, with the time they
# were measured and who entered them when; refused, writing nothing, for a
# parameter that is not an input of the site's kind; the input in force
# moves the site's points score and level and the system's score in
# `sitrep report`; a report as known before it was entered does not see it,
# nor one for a moment before it was measured; an input older than its
# max_age_hours is unknown.
. "$(dirname "$0")/lib.sh"
cfg=$tmp/opel.yaml
db=$tmp/opel.db
cat >"$cfg" <<'EOF'
system:
  name: Test system
opel:
  acute:
    rule: points
    parameters:
      - { name: handover_mins, source: input, points: [[0, 0], [30, 4], [60, 12]], max_age_hours: 24 }
      - { name: ed_12h_pct, source: input, points: [[0, 0], [5, 8]] }
      - { name: occupancy, source: occupancy_pct, points: [[90, 2], [95, 5]] }
    levels: [10, 20, 30]
  community:
    rule: points
    parameters:
      - { name: occupancy, source: occupancy_pct, points: [[90, 2]] }
    levels: [5, 10, 15]
  system_scoring: scores
  system_weights: { acute: 3, community: 1 }
  system_levels: [8, 15, 25]
sites:
  - { code: ACU, name: Acute hospital, kind: acute, beds: 10 }
  - { code: COM, name: Community hospital, kind: community, beds: 10 }
EOF
export SITREP_NOW=2026-11-23T08:00 SITREP_TODAY=2026-11-23
sr() { run --config "$cfg" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
# json EXPR: EXPR over the JSON report in $tmp/out (r: the report, s: the
# sites by code).
json() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
s = {x["code"]: x for x in r["sites"]}
print(eval(sys.argv[2]))' "$tmp/out" "$1"
}

sr init
expect_rc 0 "init"
sr report --format json
expect_rc 0 "report before any input"
expect_eq "$(json 's["ACU"]["opel"]["computed"], s["ACU"]["opel"]["score"]')" "(1, 0)" \
	"no input: ACU level 1, score 0"
expect_eq "$(json 's["ACU"]["opel"]["parameters"]["handover_mins"]["known"]')" "False" \
	"no input: handover unknown"

# ---- an input, with when it was measured and who entered it, when ----
SITREP_USER=alice sr opel input ACU handover_mins 65 --at 2026-11-23T07:30
expect_rc 0 "opel input"
expect_out "ACU: handover_mins = 65 at 2026-11-23T07:30:00, entered by alice at 2026-11-23T08:00:00" \
	"the input is confirmed with when and who"
expect_eq "$(q "SELECT site, parameter, value, at, recorded_at, recorded_by FROM opel_input")" \
	"ACU|handover_mins|65.0|2026-11-23T07:30:00|2026-11-23T08:00:00|alice" "the stored input"
sr audit
expect_out "opel ACU handover_mins #1: 65 at 2026-11-23T07:30:00" "an audit row"
sr opel inputs ACU
expect_rc 0 "opel inputs ACU"
expect_out "2026-11-23T07:30:00  ACU       handover_mins                65  2026-11-23T08:00:00 by alice" \
	"opel inputs lists it"

# ---- refusals: a clear message, nothing written ----
refused() { # description, expected message, args...
	local what=$1 msg=$2
	shift 2
	sr opel input "$@"
	expect_rc 65 "$what"
	expect_err "$msg" "$what: the message"
	expect_no_out "$what"
	expect_eq "$(q "SELECT count(*) FROM opel_input")" 1 "$what: nothing written"
}
refused "a parameter not configured" \
	"parameter: 'beds_waiting' is not an OPEL input of acute sites (inputs: handover_mins or ed_12h_pct)" \
	ACU beds_waiting 3
refused "a computed parameter" \
	"parameter: 'occupancy' of acute sites is computed from occupancy_pct, not entered" \
	ACU occupancy 97
refused "a kind without inputs" \
	"parameter: COM is community, and opel.community has no parameter with source input (nothing to enter)" \
	COM handover_mins 30
refused "an unknown site" "unknown site 'XYZ': give a site code from the config, or system" \
	XYZ handover_mins 30
refused "a parameter no kind has for the system" \
	"parameter: 'beds_waiting' is not an OPEL input of any site kind in use (inputs: handover_mins or ed_12h_pct)" \
	system beds_waiting 3
refused "a value that is not a number" "value: '4O' is not a number (e.g. 47 or 12.5)" \
	ACU handover_mins 4O
refused "a time in the future" "at: 2026-11-23 09:00 is in the future" \
	ACU handover_mins 30 --at 2026-11-23T09:00
sr opel input ACU handover_mins
expect_rc 2 "a missing value is a usage error"
expect_err "usage: sitrep opel" "the usage"

# ---- the input in force moves the score and the level ----
sr report --format json
expect_eq "$(json 's["ACU"]["opel"]["computed"], s["ACU"]["opel"]["score"]')" "(2, 12)" \
	"handover 65: 12 points, level 2"
expect_eq "$(json 's["ACU"]["opel"]["parameters"]["handover_mins"]')" \
	"{'source': 'input', 'value': 65.0, 'known': True, 'points': 12, 'weight': 1, 'stale': False, 'at': '2026-11-23T07:30:00', 'by': 'alice', 'system': False}" \
	"the parameter in the report"
expect_eq "$(json 's["ACU"]["opel"]["drivers"]')" "['handover_mins']" "the driver"
expect_eq "$(json 'r["opel"]["computed"], r["opel"]["score"]')" "(2, 9.0)" \
	"system: (3 x 12 + 0) / 4 = 9, level 2"
sr report
expect_out "computed 2 by points, score 12 >= 10 (L2): handover_mins 65.0 (12 pts); unknown: 1" \
	"the text report's OPEL line"
expect_out "unknown: ed_12h_pct" "the text report names the unknown parameter"
expect_out "System OPEL: computed 2 (score 9.0); none declared" "the text report's system line"

# A system-wide figure: every acute site takes it (the site has none).
SITREP_USER=bob sr opel input system ed_12h_pct 7
expect_rc 0 "opel input system"
sr report --format json
expect_eq "$(json 's["ACU"]["opel"]["computed"], s["ACU"]["opel"]["score"]')" "(3, 20)" \
	"with ED 7%: 12 + 8 = 20, level 3"
expect_eq "$(json 's["ACU"]["opel"]["parameters"]["ed_12h_pct"]["system"], s["ACU"]["opel"]["parameters"]["ed_12h_pct"]["by"]')" \
	"(True, 'bob')" "the system's value"
expect_eq "$(json 'r["opel"]["computed"], r["opel"]["score"]')" "(3, 15.0)" \
	"system: 3 x 20 / 4 = 15, level 3"
# The site's own wins over the system's.
SITREP_NOW=2026-11-23T08:10 sr opel input ACU ed_12h_pct 2 --at 2026-11-23T08:00
expect_rc 0 "the site's own ED figure"
SITREP_NOW=2026-11-23T08:30 sr report --format json
expect_eq "$(json 's["ACU"]["opel"]["computed"], s["ACU"]["opel"]["score"], s["ACU"]["opel"]["parameters"]["ed_12h_pct"]["system"]')" \
	"(2, 12, False)" "the site's own ED 2%: 0 points"
sr opel inputs system
expect_out "system    ed_12h_pct" "opel inputs system"
[[ $out != *ACU* ]] || fail "opel inputs system lists a site's: $out"

# ---- as known earlier, and at an earlier moment ----
SITREP_NOW=2026-11-23T08:30 sr report --format json --as-known-at 2026-11-23T08:05
expect_rc 0 "report as known at 08:05"
expect_eq "$(json 's["ACU"]["opel"]["score"], s["ACU"]["opel"]["parameters"]["ed_12h_pct"]["system"]')" \
	"(20, True)" "as known at 08:05: the site's own ED figure (entered 08:10) is not seen"
SITREP_NOW=2026-11-23T08:30 sr report --format json --as-known-at 2026-11-23T07:59
expect_eq "$(json 's["ACU"]["opel"]["computed"], s["ACU"]["opel"]["score"], s["ACU"]["opel"]["parameters"]["handover_mins"]["known"]')" \
	"(1, 0, False)" "as known at 07:59: no input yet"
SITREP_NOW=2026-11-23T08:30 sr report --format json --at 2026-11-23T07:15
expect_eq "$(json 's["ACU"]["opel"]["score"], s["ACU"]["opel"]["parameters"]["handover_mins"]["known"]')" \
	"(0, False)" "at 07:15: the handover figure (measured 07:30) is not in force"

# A correction for the same time: the one recorded last wins, and a report
# as known before it still shows the first.
SITREP_NOW=2026-11-23T09:00 SITREP_USER=carol sr opel input ACU handover_mins 35 --at 2026-11-23T07:30
expect_rc 0 "a correction"
SITREP_NOW=2026-11-23T09:30 sr report --format json
expect_eq "$(json 's["ACU"]["opel"]["parameters"]["handover_mins"]["points"], s["ACU"]["opel"]["parameters"]["handover_mins"]["by"]')" \
	"(4, 'carol')" "the correction is in force"
SITREP_NOW=2026-11-23T09:30 sr report --format json --as-known-at 2026-11-23T08:59
expect_eq "$(json 's["ACU"]["opel"]["parameters"]["handover_mins"]["points"]')" "12" \
	"as known before the correction"

# ---- stale: older than max_age_hours counts as unknown ----
SITREP_NOW=2026-11-24T07:30 SITREP_TODAY=2026-11-24 sr report --format json
expect_eq "$(json 's["ACU"]["opel"]["parameters"]["handover_mins"]["known"], s["ACU"]["opel"]["parameters"]["handover_mins"]["stale"]')" \
	"(True, False)" "exactly 24 hours old: still known"
SITREP_NOW=2026-11-24T07:31 SITREP_TODAY=2026-11-24 sr report --format json
expect_eq "$(json 's["ACU"]["opel"]["parameters"]["handover_mins"]["known"], s["ACU"]["opel"]["parameters"]["handover_mins"]["stale"], s["ACU"]["opel"]["score"]')" \
	"(False, True, 0)" "24 hours and a minute old: stale, unknown"
expect_eq "$(json 's["ACU"]["opel"]["explain"]')" \
	"score 0: no parameter scored; unknown: 1 (1 stale)" "the explanation counts it"
sr opel inputs XYZ
expect_rc 66 "opel inputs of an unknown site"
expect_err "unknown site 'XYZ'" "the message"
finish
