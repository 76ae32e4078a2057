# Issue 12, defect 4: at 120 columns the list header of a site with a long
# name hid the filter, sort and search (`filter: strande~`). The site name
# gives way now (cut with an ellipsis, or left out), never the filter, the
# sort or the search. Checked with the config's longest site name (AWP) at
# 120 and 80 columns.
. "$(dirname "$0")/lib.sh"

db=$tmp/header.db
sr init
expect_eq "$rc" 0 "init ($err)"
long=$(awk '/^  - code:/ { code = $3 } /^    name:/ { sub(/^    name: */, ""); print length($0), code, $0 }' "$cfg" |
	sort -n | tail -n 1)
expect_eq "$(printf '%s' "$long" | awk '{ print $2 }')" AWP "AWP has the longest site name"
for i in 1 2 3; do
	sr admit --site AWP --mrn "AWP000000$i" --at "2026-11-0${i}T10:00" \
		ward=AMB bed="B0$i" family_name=Evans "given_name=Fiona$i" \
		g2g=2026-11-20
	expect_eq "$rc" 0 "admit AWP000000$i ($err)"
done
# In a bed, not found by the filter and the search.
sr admit --site AWP --mrn AWP0000009 --at 2026-11-23T07:00 ward=AMB bed=B09 \
	family_name=Jones given_name=Amy
expect_eq "$rc" 0 "admit AWP0000009 ($err)"

# header: the list's header row (the second row of the screen).
header() { printf '%s\n' "$screen" | sed -n 2p; }
# shows_all SIZE: filter, sort and search whole on the header row, no cut.
shows_all() {
	local h
	tui_settle hd
	h=$(header)
	checks=$((checks + 1))
	case $h in
	*"filter: stranded  sort: delay days  search: evans fio"*" 1 of 3"*) ;;
	*) fail "$1: the header lacks the filter, sort, search or position: '$h'" ;;
	esac
	checks=$((checks + 1))
	[[ $h != *"~"* ]] || fail "$1: the header is cut: '$h'"
	checks=$((checks + 1))
	[ "${#h}" -le "${1%x*}" ] || fail "$1: the header is wider than the screen: '$h'"
}

tui_start hd 120x40
tui_wait hd " AWP Avon" "the board" || { finish; exit; }
tui_keys hd G k
tui_wait hd "AWP OPEL" "AWP selected"
tui_keys hd Enter
tui_wait_re hd " of [0-9]+" "the AWP list"
tui_keys hd f
tui_wait hd "filter: stranded" "f: stranded"
tui_keys hd s
tui_wait hd "sort: delay days" "s: delay days"
tui_keys hd /
tui_wait hd "search name or MRN" "the search prompt"
tui_type hd "evans fio"
tui_keys hd Enter
tui_wait hd " 1 of 3 (" "the search"
shows_all 120x40
# At 120 columns the name is there, cut with an ellipsis.
checks=$((checks + 1))
[[ $(header) == "AWP Avon and Wiltshire"*"…  ward: all  filter: stranded"*" 1 of 3 (4 in beds)" ]] ||
	fail "120 columns: the site name is not cut with an ellipsis, or the position is short: '$(header)'"

tui_resize hd 80 24
tui_wait_re hd '^AWP .{1,70}1 of 3$' "the list redrawn at 80 columns"
shows_all 80x24
checks=$((checks + 1))
[[ $(header) == "AWP "* ]] || fail "80 columns: no site code: '$(header)'"

# Wide enough: the whole name.
tui_resize hd 200 40
tui_wait hd "AWP Avon and Wiltshire Mental Health Partnership NHS Trust (Wiltshire)  ward: all" \
	"200 columns: the whole name"
shows_all 200x40
tui_keys hd Q
tui_wait_exit hd "Q"
expect_eq "$tui_rc" 0 "exit status"

finish
