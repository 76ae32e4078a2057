# Issue 15: the trends view. T on the board opens the SPC chart of the
# selected site's NCTR by month; the chart is `sitrep spc`'s (the same
# mean on the axis, the same special causes as letters on the plot), it
# reads without colour (NO_COLOR: rule letters, words for the icons, no
# colour codes), Left/Right change the figure, b the period, a puts last
# year as the baseline (refused in the view when the data are younger), and
# it is drawn at 80x24 and at 200x60; q goes back to the board.
. "$(dirname "$0")/lib.sh"

demo_db "$db" 120 5 || { finish; exit; }

# expected_label FIGURE SITE BY: the axis label of the last point's mean
# and the number of special-cause points, from sitrep spc.
spc_csv() { # FIGURE SITE BY
	sr spc "$1" --site "$2" --by "$3" --format csv
	[ "$rc" = 0 ] || fail "spc $*: $err"
	printf '%s\n' "$out" >"$tmp/spc.csv"
}
mean_label() {
	python3 - "$tmp/spc.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
m = float(rows[-1]["mean"])
print(("%.0f" if abs(m) >= 1000 else "%.1f") % m)
PY
}
special() { # the special causes of the last N points (all: N empty)
	python3 - "$tmp/spc.csv" "${1:-0}" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
n = int(sys.argv[2]) or len(rows)
print(sum(1 for r in rows[-n:] if r["rule"] != "none"))
PY
}
# plot_letters: the rule letters on the plot rows of the screen (between
# the icons line and the period labels).
plot_letters() {
	printf '%s\n' "$screen" | sed -n '4,$p' | grep '│' |
		sed 's/^[^│]*│//' | grep -o '[OT2S]' | wc -l
}

tui_start tr 80x24 NO_COLOR=1
tui_wait tr " SFT Salisbury" "the board opens" || { finish; exit; }
tui_keys tr T
tui_wait tr "NCTR (mean per day) by month, SFT" "T opens the NCTR chart of the selected site" || { finish; exit; }
tui_settle tr
spc_csv nctr SFT month
expect_screen "$(mean_label)" "the axis shows the mean of sitrep spc"
expect_eq "$(plot_letters)" "$(special)" "the special causes of sitrep spc, as letters"
expect_screen "lower is better" "the better direction said"
expect_screen "last point: " "the variation icon in words"
expect_screen "O outside  T trend  2 two of three  S shift" "the legend"
screen=$(tui_capture tr -e)
checks=$((checks + 1))
if printf '%s\n' "$screen" | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48|9[0-7])[;m]'; then
	fail "NO_COLOR: the trends view shows colour"
fi

# Right: the next figure, delayed bed days (a sum, not a mean).
tui_keys tr Right
tui_wait tr "delayed bed days by month, SFT" "Right: delayed bed days" || { finish; exit; }
# b: by day (month, day, week in turn); at 80 columns the last days
# only, and said so.
tui_keys tr b
tui_wait tr "delayed bed days by day, SFT" "b: by day"
tui_wait_re tr "\(the last [0-9]+ of [0-9]+ days\)" "only the last days fit 80 columns"
tui_settle tr
n=$(printf '%s\n' "$screen" | grep -oE 'the last [0-9]+' | grep -oE '[0-9]+')
spc_csv delayed_bed_days SFT day
expect_eq "$(plot_letters)" "$(special "$n")" "by day: the special causes of the days shown"

# a: last year as the baseline; the demo's 120 days do not hold it.
tui_keys tr a
tui_wait tr "no chart: a baseline of last year: the data begin" "a: refused in the view when last year has no data"
expect_screen "on 2026-" "the message whole, over more than one line"
tui_keys tr a
tui_wait_gone tr "no chart" "a again: the chart again"

# 200x60: the same chart, wider; every point of a month's chart.
tui_keys tr b
tui_wait tr "delayed bed days by week, SFT" "b: by week"
tui_keys tr Left b
tui_wait tr "NCTR (mean per day) by month, SFT" "back to NCTR by month"
tui_resize tr 200 60
tui_wait tr "· last year" "the legend whole at 200 columns"
tui_settle tr
spc_csv nctr SFT month
expect_eq "$(plot_letters)" "$(special)" "200x60: the special causes of sitrep spc"
expect_screen "$(mean_label)" "200x60: the axis shows the mean"
expect_no_screen "(the last " "200x60: every month shown"

# q: back to the board.
tui_keys tr q
tui_wait tr "System OPEL" "q goes back to the board"
tui_keys tr Q
tui_wait_exit tr "Q"
finish
