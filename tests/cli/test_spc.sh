# sitrep spc: a figure's XmR chart from the record. A hand-built fixture
# whose series are worked out below by hand, by month, week and day, for a
# site and the system, for every figure; then the figures against the
# report on a demo (each day's counts are the report's of that day, its
# discharges the next day's "yesterday", a month's delayed bed days the
# report's month to date on its last day); the options and their
# refusals.
. "$(dirname "$0")/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/s.db
export SITREP_NOW=2026-12-04T12:00 SITREP_TODAY=2026-12-04

sr() { run --config "$cfg" --db "$db" "$@"; }

# A: delayed from 5 October, discharged on the 20th: delayed on 5-19
#    October (the days of [DRD, discharge date)), 15 days.
# B: delayed from 25 October, still in a bed: 7 days in October, 30 in
#    November.
# C: at GWH, delayed from 3 November: 28 days in November.
sr admit --site SFT --mrn A1 --at 2026-10-01T09:00 ward=AMU bed=1 g2g=2026-10-05
expect_rc 0 "admit A1"
sr discharge --site SFT --at 2026-10-20T15:00 A1
expect_rc 0 "discharge A1"
sr admit --site SFT --mrn B1 --at 2026-10-10T09:00 ward=AMU bed=2 g2g=2026-10-25
expect_rc 0 "admit B1"
sr admit --site GWH --mrn C1 --at 2026-11-01T09:00 g2g=2026-11-03
expect_rc 0 "admit C1"
# D: never delayed; discharged on Saturday 17 October at 10:30 (before
#    midday, at a weekend). A1 left on Tuesday the 20th at 15:00.
sr admit --site SFT --mrn D1 --at 2026-10-03T08:00 ward=AMU bed=3
expect_rc 0 "admit D1"
sr discharge --site SFT --at 2026-10-17T10:30 D1
expect_rc 0 "discharge D1"

# csv_col N: column N of the data rows of the last output.
csv_col() { tail -n +2 "$tmp/out" | cut -d, -f"$1" | paste -sd' '; }

# By month (default): the months from the first admission (October) to
# the last whole month before today (November).
sr spc delayed_bed_days --site SFT --format csv
expect_rc 0 "spc delayed_bed_days --site SFT"
expect_eq "$(csv_col 4)" "2026-10 2026-11" "months charted"
expect_eq "$(csv_col 7)" "22 30" "SFT delayed bed days by month (15 + 7, 30)"
# Two points: mean 26, one moving range 8, limits 26 +/- 21.28.
expect_eq "$(csv_col 10)" "26 26" "mean"
expect_eq "$(csv_col 11)" "4.72 4.72" "lower limit"
expect_eq "$(csv_col 12)" "47.28 47.28" "upper limit"
sr spc delayed_bed_days --format csv
expect_eq "$(csv_col 7)" "22 58" "system delayed bed days by month (C adds 28)"
# NCTR by month: the mean of the days (22 / 31, 30 / 30).
sr spc nctr --site SFT --format csv
expect_eq "$(csv_col 7)" "0.71 1" "SFT NCTR, mean per day"

# By day: A's DRD on the 5th.
sr spc nctr --site SFT --by day --from 2026-10-03 --to 2026-10-06 --format csv
expect_rc 0 "spc nctr --by day"
expect_eq "$(csv_col 4)" "2026-10-03 2026-10-04 2026-10-05 2026-10-06" "days"
expect_eq "$(csv_col 7)" "0 0 1 1" "NCTR by day"
# Discharged on the 20th: delayed on the 19th, not on the 20th.
sr spc nctr --site SFT --by day --from 2026-10-19 --to 2026-10-20 --format csv
expect_eq "$(csv_col 7)" "1 0" "the discharge day is not a delayed day"

# By week (Monday to Sunday): the week of 19 October holds A's 19th, and
# B's 25th (a Sunday); the week of 26 October only B.
sr spc delayed_bed_days --site SFT --by week --from 2026-10-19 --to 2026-11-01 --format csv
expect_eq "$(csv_col 4)" "2026-10-19 2026-10-26" "weeks, from their Monday"
expect_eq "$(csv_col 7)" "2 7" "delayed bed days by week"
# A day inside a week starts the chart at the next whole week.
sr spc delayed_bed_days --site SFT --by week --from 2026-10-20 --to 2026-11-01 --format csv
expect_eq "$(csv_col 4)" "2026-10-26" "whole weeks only"

# In a bed at each day's end: A1 1-19 October, D1 3-16, B1 from the 10th.
sr spc occupied --site SFT --by day --from 2026-10-02 --to 2026-10-20 --format csv
expect_eq "$(csv_col 7)" "1 2 2 2 2 2 2 2 3 3 3 3 3 3 3 2 2 2 1" "occupied by day"
# occupancy: over SFT's 452 beds (3 / 452 = 0.66 %)
sr spc occupancy_pct --site SFT --by day --from 2026-10-09 --to 2026-10-10 --format csv
expect_eq "$(csv_col 7)" "0.44 0.66" "occupancy % by day"
# Stranded (LOS >= 7): A1 from the 8th, D1 from the 10th to the 16th, B1
# from the 17th; A1 gone after the 19th.
sr spc stranded --site SFT --by day --from 2026-10-07 --to 2026-10-20 --format csv
expect_eq "$(csv_col 7)" "0 1 1 2 2 2 2 2 2 2 2 2 2 1" "stranded by day"
# Super-stranded (LOS >= 21): A1 would be on the 22nd, but left on the
# 20th; B1 from the 31st.
sr spc super_stranded --site SFT --by day --from 2026-10-29 --to 2026-11-01 --format csv
expect_eq "$(csv_col 7)" "0 0 1 1" "super-stranded by day"
# Discharges: D1 on Saturday the 17th (before midday), A1 on the 20th.
sr spc discharges --site SFT --by day --from 2026-10-16 --to 2026-10-21 --format csv
expect_eq "$(csv_col 7)" "0 1 0 0 1 0" "discharges by day"
sr spc discharges --site SFT --by week --from 2026-10-12 --to 2026-10-25 --format csv
expect_eq "$(csv_col 7)" "1 1" "discharges by week"
sr spc weekend_discharges --site SFT --by week --from 2026-10-12 --to 2026-10-25 --format csv
expect_eq "$(csv_col 7)" "1 0" "weekend discharges by week"
sr spc before_midday_pct --site SFT --by week --from 2026-10-12 --to 2026-10-25 --format csv
expect_eq "$(csv_col 7)" "100 0" "discharges before midday % by week"
sr spc before_midday_pct --site SFT --format csv
expect_eq "$(csv_col 4)" "2026-10" "before midday %: November, no discharge, left out"
expect_eq "$(csv_col 7)" "50" "discharges before midday % in October"
sr spc before_midday_pct --site SFT --by day --from 2026-10-15 --to 2026-10-21
expect_out "5 days without discharges left out" "days without discharges said"
expect_out "discharges before midday % by day, SFT, 2026-10-17 to 2026-10-20" "before midday title"

# JSON and text.
sr spc delayed_bed_days --site SFT --format json --target 10
expect_rc 0 "spc --format json"
python3 - "$tmp/out" <<'PY' || fail "spc JSON: $(cat "$tmp/out")"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["figure"] == "delayed_bed_days" and c["site"] == "SFT", c
assert c["by"] == "month" and c["aggregate"] == "sum" and c["better"] == "lower"
assert [p["period"] for p in c["points"]] == ["2026-10", "2026-11"]
assert [p["value"] for p in c["points"]] == [22, 30]
assert c["points"][0]["upper"] == 47.28 and c["trial"] is True
# lower is better and the target (10) is inside the limits
assert c["assurance"] == "inconsistent" and c["variation"] == "common_cause"
PY
sr spc nctr --site SFT
expect_rc 0 "spc text"
expect_out "NCTR (mean per day) by month, SFT, 2026-10 to 2026-11" "title"
expect_out "from the first admission: 10 months before it left out" "months before the data"
expect_out "trial limits" "trial limits said"
expect_out "lower is better" "direction said"

# Refusals: one message each, non-zero exit, nothing on stdout.
refuse() { # message, args...
	local msg=$1
	shift
	sr spc "$@"
	expect_fail "spc $*"
	expect_err "$msg" "spc $*"
	expect_no_out "spc $*"
}
refuse "unknown figure 'beds'" beds
refuse "weekend_discharges: by week or month" weekend_discharges --by day
refuse "no value in any period: discharges before midday % of nothing" before_midday_pct --site GWH
refuse "--by takes day, week or month" nctr --by year
refuse "--format takes text, csv or json" nctr --format xml
refuse "--to must be before today" nctr --to 2026-12-04
refuse "--baseline takes last-year or a number of points, 12 or more" nctr --baseline 5
refuse "a baseline of 12 points: the chart has only 2" nctr --baseline 12
refuse "a baseline of last year: the data begin on 2026-10-01" nctr --baseline last-year
refuse "unknown site 'XXX'" nctr --site XXX
refuse "--target takes a number" nctr --target lots
refuse "no whole week from 2026-10-20 to 2026-10-25" nctr --by week --from 2026-10-20 --to 2026-10-25
refuse "a rebase on 2026-10-01: not inside the chart" nctr --rebase 2026-10-01
refuse "no data in the chart's periods" nctr --site SFT --by day --from 2026-09-01 --to 2026-09-30
run --config "$cfg" --db "$tmp/empty.db" init
expect_rc 0 "init an empty database"
run --config "$cfg" --db "$tmp/empty.db" spc nctr
expect_fail "spc on an empty database"
expect_err "no data: the system has no stay" "spc on an empty database"
expect_no_out "spc on an empty database"

# Rebase: a new segment from November, its own mean.
sr spc delayed_bed_days --site SFT --by week --from 2026-10-05 --to 2026-11-29 --rebase 2026-11-02 --format csv
expect_rc 0 "spc --rebase"
expect_eq "$(csv_col 9)" "0 0 0 0 1 1 1 1" "segments"
# Weeks: 5-11 Oct: A 7; 12-18: A 7; 19-25: A 1 + B 1; 26 Oct-1 Nov: B 7;
# then B 7 a week: the second segment's mean is 7.
expect_eq "$(csv_col 7)" "7 7 2 7 7 7 7 7" "weekly values"
expect_eq "$(tail -n 1 "$tmp/out" | cut -d, -f10)" "7" "the rebased mean"

# Against the report, on a demo: each day's NCTR, and the month's
# delayed bed days on its last day.
ddb=$tmp/demo.db
run --db "$ddb" demo --scale system --days 75 --seed 7 --today 2026-11-30 --write-config "$tmp/demo.yaml"
expect_rc 0 "demo"
export SITREP_NOW=2026-12-01T08:00 SITREP_TODAY=2026-12-01
dr() { run --config "$tmp/demo.yaml" --db "$ddb" "$@"; }
checked="nctr occupied occupancy_pct stranded super_stranded discharges"
for f in $checked; do
	dr spc "$f" --by day --from 2026-11-01 --to 2026-11-30 --format csv
	expect_rc 0 "demo spc $f by day"
	cp "$tmp/out" "$tmp/days-$f.csv"
done
dr spc before_midday_pct --by day --from 2026-11-01 --to 2026-11-30 --format csv
cp "$tmp/out" "$tmp/days-before_midday_pct.csv"
dr spc delayed_bed_days --format csv
cp "$tmp/out" "$tmp/months.csv"
for d in 2026-11-03 2026-11-04 2026-11-15 2026-11-16 2026-11-29 2026-11-30; do
	dr report --date "$d" --format json
	cp "$tmp/out" "$tmp/report-$d.json"
done
python3 - "$tmp" <<'PY' || fail "spc against the report: see above"
import csv, json, sys
tmp = sys.argv[1]
def series(f):
    return {r["period"]: float(r["value"])
            for r in csv.DictReader(open("%s/days-%s.csv" % (tmp, f)))}
fig = {f: series(f) for f in ("nctr", "occupied", "occupancy_pct", "stranded",
                              "super_stranded", "discharges",
                              "before_midday_pct")}
months = {r["period"]: float(r["value"]) for r in csv.DictReader(open(tmp + "/months.csv"))}
bad = 0
def check(what, got, want):
    global bad
    if got != want:
        print("%s: spc %s, report %s" % (what, got, want))
        bad += 1
for d in ("2026-11-03", "2026-11-15", "2026-11-29", "2026-11-30"):
    t = json.load(open("%s/report-%s.json" % (tmp, d)))["total"]
    check("NCTR on " + d, fig["nctr"][d], t["g2g"])
    check("occupied on " + d, fig["occupied"][d], t["occupied"])
    check("stranded on " + d, fig["stranded"][d], t["stranded"])
    check("super-stranded on " + d, fig["super_stranded"][d], t["super_stranded"])
    check("occupancy % on " + d, round(fig["occupancy_pct"][d], 1), t["occupancy_pct"])
    if d == "2026-11-30":
        check("November's delayed bed days", months["2026-11"], t["delayed_bed_days"]["mtd"])
# A day's discharges are the next day's report's "yesterday".
for d, n in (("2026-11-03", "2026-11-04"), ("2026-11-15", "2026-11-16"),
             ("2026-11-29", "2026-11-30")):
    y = json.load(open("%s/report-%s.json" % (tmp, n)))["total"]["discharges_yesterday"]
    check("discharges on " + d, fig["discharges"].get(d, 0), y["total"])
    if y["total"]:
        check("before midday % on " + d, round(fig["before_midday_pct"][d], 1),
              y["before_midday_pct"])
check("November: sum of days", sum(fig["nctr"].values()), months["2026-11"])
if not fig["nctr"]["2026-11-30"] > 0 or not fig["discharges"]["2026-11-29"] > 0:
    print("the demo has no NCTR patient or no discharge: nothing was compared")
    bad += 1
sys.exit(1 if bad else 0)
PY
finish
