# The system board shows the figures of `sitrep report` for the same day:
# on a generated data set, every site row and the system row (beds,
# occupancy %, stranded, super-stranded, G2G and G2G % of beds, delayed bed
# days month to date, yesterday's discharges and those before midday, the
# computed OPEL level and the declared one) equal the report's CSV, and so do
# the header's DTOC and yesterday lines. One declaration is made through the
# console's dialog (o), one with `sitrep opel declare`.
. "$(dirname "$0")/lib.sh"

db=$tmp/board.db
demo_db "$db" 30 3 || { finish; exit; }

# board_rows: the site and system rows of $screen as
# CODE|beds|occ%|free|str|sup|g2g|g2g%|dbd|dis(am)|opel|decl, sorted. The
# name may hold spaces, so the figures are the last eleven fields (before
# the projected free beds at noon and midnight on a wide screen); beds are
# the available beds.
board_rows() {
	printf '%s\n' "$screen" | awk '
		/ Noon 24:00$/ { wide = 2 }
		NF >= 12 + wide && ($1 ~ /^[A-Z0-9]+$/ || $1 == "System") &&
		$(NF - wide) ~ /^([1-4]|-)$/ && $(NF - 10 - wide) ~ /^[0-9]+$/ {
			code = $1 == "System" ? "system" : $1
			line = code
			for (i = NF - 10 - wide; i <= NF - wide; i++)
				line = line "|" $i
			print line
		}' | sort
}
# get_report: `sitrep report --format csv` for the same day, in
# $tmp/report.csv without its byte order mark.
get_report() {
	sr report --format csv
	expect_eq "$rc" 0 "report --format csv ($err)"
	printf '%s\n' "$out" | sed '1s/^\xef\xbb\xbf//' >"$tmp/report.csv"
}
# report_rows: the board's figures from the report, read by sqlite3's CSV
# importer (names are quoted and hold commas).
report_rows() {
	sqlite3 :memory: -cmd ".import --csv '$tmp/report.csv' r" "
		SELECT scope || '|' || beds_available || '|' ||
		       occupancy_pct || '|' || free_beds || '|' || stranded || '|' || super_stranded || '|' || g2g || '|' ||
		       g2g_pct_beds || '|' || delayed_bed_days_mtd || '|' ||
		       discharges_yesterday || '(' ||
		       discharges_yesterday_before_midday || ')|' ||
		       opel_computed || '|' ||
		       (CASE opel_declared WHEN '' THEN '-' ELSE opel_declared END)
		FROM r WHERE type IN ('site', 'system')" | sort
}
# report_value SCOPE COLUMN: one figure of the last report.
report_value() {
	sqlite3 :memory: -cmd ".import --csv '$tmp/report.csv' r" \
		"SELECT $2 FROM r WHERE scope = '$1'"
}

# compare DESCRIPTION: the board on the screen against the report.
compare() {
	local board report
	get_report
	board=$(board_rows)
	report=$(report_rows)
	checks=$((checks + 1))
	if [ "$(printf '%s\n' "$board" | wc -l)" -lt 9 ]; then
		fail "$1: fewer than 9 board rows parsed"
		dump
		return
	fi
	[ "$board" = "$report" ] ||
		fail "$1: the board differs from the report (< board, > report):
$(diff <(printf '%s\n' "$board") <(printf '%s\n' "$report"))"
	# The header and the yesterday line.
	expect_screen "System OPEL $(report_value system opel_computed)" "$1: system level"
	expect_screen "DTOC $(report_value system delayed_bed_days_mtd) bed days this month" \
		"$1: DTOC month to date"
	expect_screen ": $(report_value system discharges_yesterday) discharges, $(report_value system discharges_yesterday_before_midday) before midday ($(report_value system discharges_yesterday_before_midday_pct)%" \
		"$1: yesterday's discharges"
}

# ---- today, with two declarations ----

sr opel declare GWH 4 --note "ambulance handover delays"
expect_eq "$rc" 0 "opel declare GWH"

tui_start board 200x60
tui_wait board "System OPEL" "the board opens"
tui_wait board " SFT Salisbury" "the board lists SFT"
# The first site is selected; down skips the kind headings: GWH, RUH, CHP.
tui_keys board j j j
tui_wait board "CHP OPEL" "j moves to CHP"
tui_keys board o
tui_wait board "Declare OPEL level" "o opens the declaration dialog"
expect_screen "For CHP Chippenham Community Hospital" "the dialog names the site"
tui_keys board 4
tui_wait board "[4]" "4 picks level 4"
tui_keys board Enter
tui_wait board "Note for OPEL 4, CHP:" "Enter asks for a note"
tui_type board "no community beds for step-down"
tui_keys board Enter
tui_wait board "declared OPEL 4 for CHP" "the declaration is saved"
tui_wait_gone board "Declare OPEL level" "the dialog closes"
expect_eq "$(q "SELECT site, level, note, by, at FROM opel_declared WHERE site = 'CHP'")" \
	"CHP|4|no community beds for step-down|tester|2026-11-23T08:00:00" \
	"the declaration in the database"
tui_wait board "CHP OPEL" "the selection stays on CHP"
tui_settle board
compare "2026-11-23"
# The selected site's level is explained, and yesterday was a Sunday.
expect_screen "declared 4 by tester at 2026-11-23 08:00" "the explanation names who declared"
expect_screen "Yesterday (weekend):" "a weekend yesterday is said"

# The system row: selected with G, its explanation names the rule.
tui_keys board G
tui_wait board "System OPEL $(report_value system opel_computed): the" "G selects the system row"

tui_keys board q
tui_wait_exit board "q on the board quits"
expect_eq "$tui_rc" 0 "q on the board: exit status"

# ---- the first of the month (a Sunday): month to date is one day ----

SITREP_TODAY=2026-11-01 SITREP_NOW=2026-11-01T08:00
tui_start first 200x60
tui_wait first " SFT Salisbury" "the board on 2026-11-01"
tui_wait first "2026-11-01" "the title shows the day"
tui_settle first
compare "2026-11-01"
tui_keys first Q
tui_wait_exit first "Q quits"
expect_eq "$tui_rc" 0 "Q: exit status"

finish
