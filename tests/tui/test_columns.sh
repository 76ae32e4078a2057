# The patient list's columns hold whatever the names are: accented Latin,
# CJK (two columns a character), combining marks (none), a name too long
# for its column (cut with '~' on a character boundary). Every row's MRN
# starts at the same screen column, at 200 and at 80 columns, and the MRN
# (an identifier: shown in full, to avoid wrong-patient errors) is never
# cut. The names are also found by search and shown whole in the form.
. "$(dirname "$0")/lib.sh"

db=$tmp/columns.db
sr init
expect_eq "$rc" 0 "init ($err)"
# family|given|MRN: ten-character MRNs, as the demo data and many trusts use.
names=(
	"Ó Briain|Zoë|RBD1000001"
	"王|秀英|RBD1000002"
	"Smith|John|RBD1000003"
	"Müller|Jürgen|RBD1000004"
	"Nguyễn|Thị Minh|RBD1000005"
	$'Zoe\xcc\x88|Ame\xcc\x81lie|RBD1000006'
	"王王王王王王王王王王王王王王王王|秀英|RBD1000007"
	"Łukasz-Żółkiewska|Agnieszka|RBD1000008"
)
for i in "${!names[@]}"; do
	IFS='|' read -r fam giv mrn <<<"${names[$i]}"
	sr admit --site SFT --mrn "$mrn" --at "2026-11-1${i}T10:00" ward=AMU \
		bed="A$i" "family_name=$fam" "given_name=$giv"
	expect_eq "$rc" 0 "admit $mrn ($err)"
done

# mrn_columns: for each list row of $screen holding one of our MRNs, the
# screen column where it starts (display width of what precedes it: UTF-8
# lead bytes counted once, CJK two columns), as "MRN col", sorted.
mrn_columns() {
	printf '%s\n' "$screen" | LC_ALL=C awk '
		match($0, /RBD[0-9]+~?/) {
			pre = substr($0, 1, RSTART - 1)
			w = 0
			for (i = 1; i <= length(pre); i++) {
				c = substr(pre, i, 1)
				if (c >= "\200" && c < "\300")
					continue # continuation byte
				if (c >= "\343" && c <= "\355")
					w += 2 # CJK and Hangul lead bytes
				else if (c == "\314" || c == "\315")
					w += 0 # U+0300-U+036F combining marks
				else
					w += 1
			}
			print substr($0, RSTART, RLENGTH), w
		}' | sort
}
# aligned SIZE: all eight rows found, one column for all, MRNs whole.
aligned() {
	local cols
	tui_wait cols "Łukasz-Żó" "$1: the list"
	tui_settle cols
	cols=$(mrn_columns)
	expect_eq "$(printf '%s\n' "$cols" | grep -c .)" 8 "$1: eight rows with an MRN"
	expect_eq "$(printf '%s\n' "$cols" | awk '{ print $2 }' | sort -u | wc -l | tr -d ' ')" 1 \
		"$1: every MRN starts in the same column ($(printf '%s\n' "$cols" | tr '\n' ' '))"
	expect_eq "$(printf '%s\n' "$cols" | awk '{ print $1 }' | tr '\n' ' ')" \
		"RBD1000001 RBD1000002 RBD1000003 RBD1000004 RBD1000005 RBD1000006 RBD1000007 RBD1000008 " \
		"$1: every MRN shown in full"
	expect_screen "Ó Briain, Zoë" "$1: accented name"
	expect_screen "王, 秀英" "$1: CJK name"
	expect_screen $'Zoe\xcc\x88, Ame\xcc\x81lie' "$1: combining marks"
}

tui_start cols 200x40
tui_wait cols " SFT Salisbury" "the board" || { finish; exit; }
tui_keys cols Enter
aligned "200 columns"
# The too-long name is cut with '~' inside the name column.
checks=$((checks + 1))
screen_lines "王王王王王王王王王王王王王王~" >/dev/null ||
	fail "200 columns: the long CJK name is not cut with '~' at a character boundary: $(screen_lines 'RBD1000007')"
tui_resize cols 80 24
# The header fits the 80 columns (the site name shortened if need be).
tui_wait_re cols '^SFT .{1,72} 1 of 8$' "the list redrawn at 80 columns"
aligned "80 columns"

# Search by a UTF-8 name (both Zoës, composed and decomposed, then one by
# her family name too); the form shows it whole.
tui_keys cols /
tui_wait cols "search name or MRN" "the search prompt"
tui_type cols "Zoë"
tui_keys cols Enter
tui_wait_re cols " 1 of 2 \(" "a search for Zoë finds both"
tui_keys cols /
tui_wait cols "search name or MRN" "the search prompt"
tui_type cols "Zoë Briain"
tui_keys cols Enter
tui_wait_re cols " 1 of 1 \(" "a search for Zoë Briain finds one patient"
tui_keys cols Enter
tui_wait cols "Edit  Ó Briain, Zoë  MRN RBD1000001" "the form shows the name whole"
tui_keys cols q
tui_wait cols "search: Zoë Briain" "back on the list"
tui_keys cols Q
tui_wait_exit cols "Q"
expect_eq "$tui_rc" 0 "exit status"

finish
