# The independent check of `sitrep report`: a generated census of several
# thousand stays over ~90 days (tests/check/gen_data.py) is imported, SAFER
# day marks are applied with `sitrep mark` and a few OPEL declarations are
# recorded; then for several days a separate program written from the
# definitions only (tests/check/recompute.py, reading the record: stays,
# their dated facts, the day marks and the declarations as recorded)
# recomputes every figure of `sitrep report --format json`, and the two
# must agree exactly.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
check=$src/tests/check
export SITREP_TODAY=2026-11-21 SITREP_NOW=2026-11-21T08:00
# The zone the system runs in: the checked windows cross the end of summer
# time (2026-10-25), where day arithmetic through local time would slip.
export TZ=Europe/London

# The checked days: the last day of data (a Friday), a Monday after a
# weekend, the 1st of a month (a Sunday), mid-month, another Monday, the
# last day of a month (a Saturday), the last day of a 30-day month.
days="2026-11-20 2026-11-16 2026-11-01 2026-10-15 2026-10-05 2026-10-31 2026-09-30"
# Days checked again under a variant config (other thresholds and rules).
variant_days="2026-11-20 2026-11-01 2026-10-15"
db=$tmp/check.db

sr() { run --config "$cfg" --db "$db" "$@"; }
# stop_unless COMMAND...: ends the test now if COMMAND fails (nothing after
# it could be checked).
stop_unless() { "$@" || { finish; exit 1; }; }

python3 "$check/gen_data.py" --seed 20261120 --config "$cfg" \
	--ref 2026-11-20 --days "$(echo "$days" | tr ' ' ,)" \
	--out "$tmp/census.csv" --marks "$tmp/marks.csv" --history "$tmp/hist" \
	2>"$tmp/gen.err" ||
	fail "gen_data.py: $(cat "$tmp/gen.err")"
stop_unless [ -s "$tmp/census.csv" ]

# The record built over time: census imports from 60 days before the last
# day of data, each at its own time, carrying the stays' histories (EDD
# changes, discharge ready dates recorded late, ended and started again,
# reasons changed, ward moves, discharge times corrected).
stays=$(($(wc -l <"$tmp/census.csv") - 1))
i=0
while read -r at; do
	f=$(printf '%s/hist/%03d.csv' "$tmp" "$i")
	SITREP_NOW=$at sr import "$f"
	expect_rc 0 "import $(basename "$f") at $at"
	[ "$rc" = 0 ] || break
	i=$((i + 1))
done <"$tmp/hist/times"
stop_unless [ "$i" -gt 30 ]
expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM stay")" "$stays" \
	"every generated stay imported"
expect_eq "$(sqlite3 "$db" "SELECT count(*) > $stays FROM stay_fact" \
	" WHERE recorded_at > valid_from")" 1 "the stays have histories"

# Day marks, through the command a ward coordinator uses.
nmarks=0
while IFS=, read -r mrn site day colour reason; do
	if [ -n "$reason" ]; then
		sr mark --site "$site" --day "$day" --reason "$reason" "$mrn" "$colour"
	else
		sr mark --site "$site" --day "$day" "$mrn" "$colour"
	fi
	expect_rc 0 "mark $site $day $colour"
	nmarks=$((nmarks + 1))
done <"$tmp/marks.csv"
[ "$nmarks" -ge 30 ] || fail "only $nmarks day marks generated"
expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM day_mark")" "$nmarks" \
	"every day mark stored"

# Declared OPEL levels (no command declares one yet: written as the store
# does, site code or '*' for the system). The later of two on one day wins;
# one at 23:59:59 still counts for its day.
sqlite3 "$db" "INSERT INTO opel_declared (site, at, level, note, by) VALUES
	('SFT', '2026-11-15T08:00:00', 4, 'Escalated on the system call', 'alice'),
	('SFT', '2026-11-16T09:30:00', 3, 'Two wards reopened', 'bob'),
	('GWH', '2026-11-20T23:59:59', 2, 'Late declaration', 'carol'),
	('AWP', '2026-10-01T08:00:00', 1, 'Steady', 'dave'),
	('*', '2026-10-31T08:00:00', 3, 'System escalation', 'erin'),
	('*', '2026-11-16T08:00:00', 4, 'Critical incident', 'erin');" ||
	fail "record OPEL declarations"

# OPEL inputs (the acute sites score points): a handover figure measured
# on the last day of data, corrected late that evening; a system-wide ED
# figure that goes stale after 24 hours; a 4-hour figure entered days
# after it was measured (backdated).
for input in "2026-11-20T07:05 SFT handover_mins 47 2026-11-20T07:00" \
	"2026-11-19T08:10 system ed_12h_pct 6.5 2026-11-19T08:00" \
	"2026-11-21T07:00 GWH ed_4h_pct 72 2026-11-16T09:00" \
	"2026-11-20T23:01 SFT handover_mins 62 2026-11-20T23:00" \
	"2026-11-15T12:00 RUH ga_occupancy 99 2026-11-15T12:00"; do
	read -r now site par value at <<<"$input"
	SITREP_NOW=$now sr opel input "$site" "$par" "$value" --at "$at"
	if [ "$par" = ga_occupancy ]; then
		expect_rc 65 "a computed parameter is not entered"
	else
		expect_rc 0 "opel input $site $par"
	fi
done

sr export --output "$tmp/export.csv"
expect_rc 0 "export"
stop_unless [ "$rc" = 0 ]
expect_eq "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))) - 1)' "$tmp/export.csv")" \
	"$stays" "the export holds every stay"

# A variant config: other stranded thresholds and midday target, the system
# level by beds, weighted acute sites (in place of their points scoring), a trajectory that starts in November
# 2026 (October has no target; November is on track), two delay reasons
# fewer (stays still recorded with them count as "none"), and a new site
# with no stays (its percentages of occupied beds and its means are null).
sed -e 's/^  stranded_days: 7 /  stranded_days: 10 /' \
	-e 's/^  super_stranded_days: 21 /  super_stranded_days: 28 /' \
	-e 's/^  midday_discharge_target_pct: 33 /  midday_discharge_target_pct: 40 /' \
	-e 's/^  system_rule: highest/  system_rule: beds_weighted/' \
	-e '/^  acute:/,/^  community:/s/rule: points /rule: weighted /' \
	-e '/^  acute:/,/^  community:/{/^    parameters:/,/^    levels:/d}' \
	-e 's/^      delayed_bed_days_7d: { levels: \[250, 350, 450\] }/&\n    bands: [1, 3, 5]/' \
	-e '/^  - { from: 201[78]-/d' \
	-e 's/^trajectory:$/&\n  - { from: 2026-11, bed_days: 9000 }/' \
	-e '/^  - { code: [IO], /d' \
	"$cfg" >"$tmp/variant.yaml"
cat >>"$tmp/variant.yaml" <<'EOF'
  - code: HOS
    name: A new unit with no patients yet
    kind: community
    wards:
      - { code: H1, name: First ward, beds: 10 }
EOF
run check-config "$tmp/variant.yaml"
expect_rc 0 "the variant config is valid"
for pat in "stranded_days: 10" "system_rule: beds_weighted" "bands: \[1, 3, 5\]" \
	"from: 2026-11" "code: HOS"; do
	grep -q "$pat" "$tmp/variant.yaml" || fail "variant config lacks '$pat'"
done

# A config whose trajectory puts two checked days on the edges of the
# status: a projection over the target by less than 0.05 (shown as the
# target to one decimal place, but over) and one exactly on it (on track).
# The days depend on the data: recompute.py finds them.
python3 "$check/recompute.py" --config "$cfg" --db "$db" \
	--trajectory-edges 2026-08,2026-09,2026-10,2026-11 >"$tmp/edges" ||
	fail "recompute.py --trajectory-edges"
edge_days=
read -r over_day over_target <<<"$(awk '$1 == "over" { print $2, $3; exit }' "$tmp/edges")"
read -r equal_day equal_target <<<"$(awk -v m="${over_day:0:7}" \
	'$1 == "equal" && substr($2, 1, 7) != m { print $2, $3; exit }' "$tmp/edges")"
if [ -n "$over_day" ] && [ -n "$equal_day" ]; then
	{
		echo "${over_day:0:7} $over_target"
		echo "${equal_day:0:7} $equal_target"
	} | sort | while read -r month target; do
		echo "  - { from: $month, bed_days: $target }"
	done >"$tmp/points"
	sed -e '/^  - { from: 201[78]-/d' -e "/^trajectory:\$/r $tmp/points" \
		"$cfg" >"$tmp/trajectory.yaml"
	edge_days="$over_day $equal_day"
else
	echo "note: no trajectory edge days in this data set: $(tr '\n' ' ' <"$tmp/edges")"
fi

# A config with OPEL thresholds just where rounding to one decimal place
# would move a value across: one value below its first level that rounds up
# to it (level 1), one at or above its first level that rounds down below it
# (level 2). The levels are of the exact values.
python3 "$check/recompute.py" --config "$cfg" --db "$db" \
	--threshold-edges 2026-11-20 >"$tmp/tedges" ||
	fail "recompute.py --threshold-edges"
cp "$cfg" "$tmp/thresholds.yaml"
threshold_days=
done_edges=
for dir in up down; do
	while read -r d site kind metric t; do
		[ "$d" = "$dir" ] || continue
		case " $done_edges " in *" $kind/$metric "*) continue ;; esac
		line="^      $metric: *\{ levels: \["
		sed -n -E "/^  $kind:/,/^  [a-z_]+:/p" "$tmp/thresholds.yaml" | grep -qE "$line" ||
			continue
		sed -i -E "/^  $kind:/,/^  [a-z_]+:/ s/($line)[^]]*\]/\1$t, 1000, 2000]/" \
			"$tmp/thresholds.yaml"
		done_edges="$done_edges $kind/$metric"
		echo "threshold edge: $site $metric $dir across $t"
		threshold_days=2026-11-20
		break
	done <"$tmp/tedges"
done
run check-config "$tmp/thresholds.yaml"
expect_rc 0 "the thresholds config is valid"

figures=0
compared=0
# check CONFIG [--show-names] DAY...: sitrep's JSON report of each DAY,
# then one run of recompute.py over them all (it reads the census once).
check_days() {
	local conf=$1 name day json rc n
	local -a names=() pairs=()
	name=$(basename "$conf" .yaml)
	shift
	if [ "${1:-}" = --show-names ]; then
		names=(--show-names)
		name=$name-names
		shift
	fi
	for day in "$@"; do
		json=$tmp/report-$day-$name.json
		run --config "$conf" --db "$db" report --date "$day" --format json \
			"${names[@]}"
		expect_rc 0 "report --date $day ($name)"
		cp "$tmp/out" "$json"
		pairs+=(--check "$day=$json")
	done
	[ ${#pairs[@]} -gt 0 ] || return 0
	python3 "$check/recompute.py" --config "$conf" --db "$db" \
		"${names[@]}" "${pairs[@]}" >"$tmp/cmp" 2>"$tmp/cmp.err"
	rc=$?
	checks=$((checks + 1))
	sed "s/^/$name /" "$tmp/cmp"
	[ "$rc" = 0 ] ||
		fail "$name: sitrep's report differs from the recomputation (above) $(cat "$tmp/cmp.err")"
	for n in $(sed -n 's/.* \([0-9][0-9]*\) figures compared.*/\1/p' "$tmp/cmp"); do
		figures=$((figures + n))
		compared=$((compared + 1))
	done
}

check_days "$cfg" $days
# Every day of the last 30, and today live at three moments.
check_days "$cfg" $(for i in $(seq 1 30); do date -d "2026-11-21 -$i day" +%F; done)
now_pairs=()
for hm in 00:30 08:00 23:00; do
	SITREP_NOW=2026-11-21T$hm run --config "$cfg" --db "$db" report \
		--format json
	expect_rc 0 "report today at $hm"
	cp "$tmp/out" "$tmp/now-$hm.json"
	now_pairs+=(--check "2026-11-21@now=$hm=$tmp/now-$hm.json")
done
python3 "$check/recompute.py" --config "$cfg" --db "$db" --quiet \
	"${now_pairs[@]}" >"$tmp/cmp" 2>"$tmp/cmp.err" ||
	fail "today's moments differ from the recomputation (below) $(cat "$tmp/cmp.err")"
sed "s/^/today /" "$tmp/cmp"
check_days "$cfg" --show-names 2026-11-20
check_days "$tmp/variant.yaml" $variant_days
check_days "$tmp/trajectory.yaml" $edge_days
check_days "$tmp/thresholds.yaml" $threshold_days
# The edges were hit: sitrep says "over" on the first and "on track" on the
# second (whether it agrees on why is the comparison above).
if [ -n "$edge_days" ]; then
	for pair in "$over_day:over" "$equal_day:on track"; do
		f=$tmp/report-${pair%%:*}-trajectory.json
		got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["trajectory"]["status"])' "$f" 2>/dev/null)
		expect_eq "$got" "${pair#*:}" "trajectory status on ${pair%%:*}"
	done
fi
# To look into a difference: SITREP_CHECK_KEEP=DIR keeps the files here.
if [ -n "${SITREP_CHECK_KEEP:-}" ]; then
	mkdir -p "$SITREP_CHECK_KEEP" &&
		cp "$tmp"/*.csv "$tmp"/*.json "$tmp"/*.yaml "$db" "$SITREP_CHECK_KEEP"/
fi
echo "report check: $stays stays, $nmarks day marks, $compared reports" \
	"($(echo $days | wc -w) days, $(echo $variant_days | wc -w) under a variant config," \
	"$(echo $edge_days | wc -w) on trajectory edges," \
	"$(echo $threshold_days | wc -w) on OPEL threshold edges, 1 with --show-names)," \
	"$figures figures compared"
finish
