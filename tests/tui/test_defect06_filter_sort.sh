# Issue 12, defect 6: filter and sort went back to "all" and "LOS" on
# entering each site. They are the session's now: a list opens with the
# last ones chosen, in any site and in every site's search from the board,
# and its rows follow them.
. "$(dirname "$0")/lib.sh"

db=$tmp/filter.db
sr init
expect_eq "$rc" 0 "init ($err)"
# At each of SFT and GWH: one stranded (LOS 22, no EDD) and one not
# (LOS 3, EDD tomorrow).
for site in SFT GWH; do
	sr admit --site "$site" --mrn "${site}LONG" --at 2026-11-01T10:00 \
		ward=AMU bed=A1 family_name=Longstay given_name=Lee
	expect_eq "$rc" 0 "admit ${site}LONG ($err)"
	sr admit --site "$site" --mrn "${site}SHORT" --at 2026-11-20T10:00 \
		ward=AMU bed=A2 family_name=Shortstay given_name=Sam \
		edd=2026-11-24
	expect_eq "$rc" 0 "admit ${site}SHORT ($err)"
done

# order: the MRNs of the list rows, top to bottom.
order() { printf '%s\n' "$screen" | grep -oE '(SFT|GWH)(LONG|SHORT)' | tr '\n' ' '; }

tui_start fs 120x40
tui_wait fs " SFT Salisbury" "the board" || { finish; exit; }
tui_keys fs Enter
tui_wait fs "filter: all  sort: LOS" "SFT opens with all, by LOS"
tui_wait_re fs " 1 of 2$" "both SFT patients"
tui_keys fs s s
tui_wait fs "sort: EDD" "s s: by EDD"
tui_settle fs
expect_eq "$(order)" "SFTSHORT SFTLONG " "SFT by EDD: the one with an EDD first"
tui_keys fs q
tui_wait fs "System OPEL" "back on the board"

# GWH opens sorted by EDD too.
tui_keys fs j
tui_wait fs "GWH OPEL" "GWH selected"
tui_keys fs Enter
tui_wait fs "GWH Great Western Hospitals NHS Foundation Trust  ward: all  filter: all  sort: EDD" \
	"GWH opens with the sort chosen at SFT"
tui_settle fs
expect_eq "$(order)" "GWHSHORT GWHLONG " "GWH's rows by EDD"
tui_keys fs f
tui_wait fs "filter: stranded  sort: EDD" "f at GWH: stranded"
tui_wait_re fs " 1 of 1 \(2 in beds\)$" "one stranded patient at GWH"
tui_keys fs q
tui_wait fs "System OPEL" "back on the board"

# SFT again: the filter chosen at GWH, the sort chosen at SFT.
tui_keys fs k
tui_wait fs "SFT OPEL" "SFT selected"
tui_keys fs Enter
tui_wait fs "filter: stranded  sort: EDD" "SFT keeps the filter and the sort"
tui_wait_re fs " 1 of 1 \(2 in beds\)$" "the filter applies: one stranded patient"
tui_settle fs
expect_eq "$(order)" "SFTLONG " "SFT's stranded patient"
tui_keys fs q
tui_wait fs "System OPEL" "back on the board"

# The search of every site too.
tui_keys fs /
tui_wait fs "search every site" "the board's search"
tui_type fs "stay"
tui_keys fs Enter
tui_wait fs "Every site  filter: stranded  sort: EDD  search: stay" "every site's list keeps them"
tui_wait_re fs " 1 of 2 \(4 in beds\)$" "the stranded patients of both sites"
tui_keys fs Q
tui_wait_exit fs "Q"
expect_eq "$tui_rc" 0 "exit status"

finish
