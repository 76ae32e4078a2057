# Issue 16: bed state from the console. B on the board opens the selected
# site's beds; c closes beds on a ward (ward, count, reason asked in the
# status line); back on the board the site's available beds, occupancy and
# free beds have changed at once, and the database holds the closure with
# its audit row. A past day's report does not move. Later, x on the
# closure reopens the beds and the board is back where it was.
. "$(dirname "$0")/lib.sh"

demo_db "$db" 30 5 || { finish; exit; }

# json_field SITE KEY [REPORT ARGS...]: a site's figure in the JSON report.
json_field() {
	local site=$1 key=$2
	shift 2
	sr report --format json "$@"
	[ "$rc" = 0 ] || { fail "report $*: $err"; return; }
	printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
site, key = sys.argv[1], sys.argv[2]
for s in d["sites"]:
    if s["code"] == site:
        print(s[key])' "$site" "$key"
}
# board_cells: the SFT row of the board, its Beds, Occ% and Free cells.
sft_row() { printf '%s\n' "$screen" | grep -m1 ' SFT Salisbury'; }
sft_cell() { sft_row | sed 's/^.*Salisbury[^0-9]*//' | awk -v n="$1" '{print $n}'; }

base=$(json_field SFT beds)
occupied=$(json_field SFT occupied)
free0=$(json_field SFT free_beds)
past=$(json_field SFT beds_available --date 2026-11-20)
expect_eq "$base" 452 "SFT's bed base"
expect_eq "$free0" "$((452 - occupied))" "free beds are available less occupied"

tui_start bd 100x30
tui_wait bd " SFT Salisbury" "the board opens" || { finish; exit; }
expect_eq "$(sft_cell 1)" 452 "the board shows SFT's 452 beds"
expect_eq "$(sft_cell 3)" "$free0" "the board shows SFT's free beds"

tui_keys bd B
tui_wait bd "Beds  SFT" "B opens the bed state of SFT" || { finish; exit; }
expect_screen "No beds closed" "nothing closed yet"
tui_keys bd c
tui_wait bd "close beds at SFT: ward" "c asks for the ward" || { finish; exit; }
tui_type bd AMU
tui_keys bd Enter
tui_wait bd "how many beds" "then the count" || { finish; exit; }
tui_type bd 6
tui_keys bd Enter
tui_wait bd "reason (infection" "then the reason, from the config" || { finish; exit; }
tui_type bd infection
tui_keys bd Enter
tui_wait bd "#1: 6 beds closed" "the closure is recorded" || { finish; exit; }
tui_wait_re bd "AMU +36 +6 +0 +30 " "AMU shows 6 of its 36 beds closed"
tui_keys bd q
tui_wait bd "446* " "back on the board, SFT has 446 beds at once" || { finish; exit; }
tui_settle bd
expect_eq "$(sft_cell 3)" "$((free0 - 6))" "and 6 fewer free beds"
pct=$(python3 -c "print('%.1f' % (100 * $occupied / 446))")
expect_eq "$(sft_cell 2)" "$pct" "occupancy on the 446 available beds"
expect_screen "beds 446 = base 452 - 6 closed + 0 escalation" "the selected site says why"

expect_eq "$(q "SELECT site, ward, state, count, reason, recorded_by FROM bed_state")" \
	"SFT|AMU|closed|6|infection|$SITREP_USER" "the closure in the database, by whom"
expect_eq "$(q "SELECT count(*) FROM audit WHERE field = 'beds SFT #1'")" 1 "audited"
expect_eq "$(json_field SFT beds_available)" 446 "the report counts it"
expect_eq "$(json_field SFT beds_available --date 2026-11-20)" "$past" \
	"a past day's report unchanged by the closure"
tui_keys bd Q
tui_wait_exit bd "Q quits"

# An hour later: x reopens the beds.
tui_start bd2 100x30 SITREP_NOW=2026-11-23T09:00
tui_wait bd2 " SFT Salisbury" "the board opens again" || { finish; exit; }
expect_eq "$(sft_cell 1)" "446*" "still closed"
tui_keys bd2 B
tui_wait bd2 "#1     AMU" "the closure is listed" || { finish; exit; }
tui_keys bd2 x
tui_wait bd2 "reopen beds #1 (6 beds, AMU) now? y/n" "x asks before it reopens" || { finish; exit; }
tui_type bd2 y
tui_keys bd2 Enter
tui_wait bd2 "#1 ended" "the beds are reopened" || { finish; exit; }
tui_keys bd2 q
tui_wait bd2 " SFT Salisbury" "the board" || { finish; exit; }
tui_settle bd2
expect_eq "$(sft_cell 1)" 452 "back to 452 beds"
expect_eq "$(q "SELECT bed_state, valid_to FROM bed_state_end")" "1|2026-11-23T09:00:00" \
	"the end is a new row; the closure row is kept as it was"
expect_eq "$(SITREP_NOW=2026-11-23T10:00 json_field SFT beds_available --at 2026-11-23T08:30)" 446 \
	"08:30 still shows the closure"
tui_keys bd2 Q
tui_wait_exit bd2 "Q quits"
finish
