# Defect 16: a name with U+202E (right-to-left override) or another
# bidirectional or control character was accepted and printed raw by
# `sitrep show` and the console; only the report neutralised it.
#
# Input refuses them, naming the field and the position (admit, set,
# import with its CSV line and column, the OPEL note). Text already stored
# by an older sitrep (written here straight into the database) is shown
# neutralised by every output to a terminal: `show` and `audit` print the
# escape \u202e, the console shows the escape in the list and the form,
# the text report a '?', the JSON report the JSON escape; export keeps the
# stored bytes (a round trip must not change data).
# Uses the console's test library (tmux, sqlite3: skipped without them).
. "$(dirname "$0")/../tui/lib.sh"

rlo=$(printf '\342\200\256')   # U+202E RIGHT-TO-LEFT OVERRIDE
lri=$(printf '\342\201\246')   # U+2066 LEFT-TO-RIGHT ISOLATE
rlm=$(printf '\342\200\217')   # U+200F RIGHT-TO-LEFT MARK
alm=$(printf '\330\234')       # U+061C ARABIC LETTER MARK
ls_=$(printf '\342\200\250')   # U+2028 LINE SEPARATOR
nel=$(printf '\302\205')       # U+0085 NEXT LINE (C1)
zwsp=$(printf '\342\200\213')  # U+200B ZERO WIDTH SPACE

expect_rc() { # expected, description
	expect_eq "$rc" "$1" "$2 (stderr: $err)"
}
expect_err() { # fixed text, description
	checks=$((checks + 1))
	[[ $err == *"$1"* ]] || fail "$2: stderr lacks '$1': $err"
}
expect_out() {
	checks=$((checks + 1))
	[[ $out == *"$1"* ]] || fail "$2: stdout lacks '$1': $out"
}
expect_out_lacks() {
	checks=$((checks + 1))
	[[ $out != *"$1"* ]] || fail "$2: stdout holds '$1' raw"
}
snap() { sqlite3 "$db" .dump >"$tmp/snap.dump"; }
expect_unchanged() {
	checks=$((checks + 1))
	sqlite3 "$db" .dump >"$tmp/now.dump"
	cmp -s "$tmp/snap.dump" "$tmp/now.dump" || fail "$1: the database changed"
}

sr init
expect_rc 0 "init"
sr admit --site SFT --mrn N1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Normal given_name=Alice
expect_rc 0 "an ordinary admission"

# ---- input refuses them, saying which field and where ----
snap
sr admit --site SFT --mrn H1 --at 2026-11-21T09:00 ward=AMU \
	"family_name=Ab${rlo}cd" given_name=Mallory
expect_rc 65 "admit with U+202E in the family name"
expect_err "family_name: bidirectional control character U+202E at character 3 is not allowed" \
	"admit with U+202E"
sr admit --site SFT --mrn H1 --at 2026-11-21T09:00 ward=AMU \
	family_name=Mallory "given_name=  Eve${lri}"
expect_rc 65 "admit with U+2066 after leading spaces"
expect_err "given_name: bidirectional control character U+2066 at character 6 is not allowed" \
	"admit with U+2066: the position counts the spaces typed"
for bad in "$rlm" "$alm"; do
	sr admit --site SFT --mrn H1 --at 2026-11-21T09:00 ward=AMU \
		"family_name=x${bad}y"
	expect_rc 65 "admit with a bidirectional mark"
	expect_err "family_name: bidirectional control character U+" "a mark"
done
sr admit --site SFT --mrn "H${rlo}1" --at 2026-11-21T09:00 ward=AMU
expect_rc 65 "admit with U+202E in the MRN"
expect_err "mrn: bidirectional control character U+202E at character 2 is not allowed" \
	"the MRN"
sr set --stay 1 "note=fine${ls_}line"
expect_rc 65 "set with a line separator in the note"
expect_err "note: line or paragraph separator U+2028 at character 5 is not allowed" \
	"set note"
sr set --stay 1 "bed=A${nel}2"
expect_rc 65 "set with C1 NEL in the bed"
expect_err "bed: control character U+0085 at character 2 is not allowed" "set bed"
sr set --stay 1 "given_name=Al${zwsp}ice"
expect_rc 65 "set with a zero-width space in the name"
expect_err "given_name: invisible character U+200B at character 3 is not allowed" \
	"set given name"
sr opel declare SFT 3 --note "beds ${rlo}closed"
expect_rc 65 "OPEL note with U+202E"
expect_err "note: bidirectional control character U+202E at character 6 is not allowed" \
	"the OPEL note"
printf 'site,ward,bed,mrn,family_name,given_name,admitted_at\r\nSFT,AMU,A7,H7,Smith,Ann,2026-11-21T09:00\r\nSFT,AMU,A8,H8,"Jo%snes",Ann,2026-11-21T09:00\r\n' \
	"$rlo" >"$tmp/bidi.csv"
sr import "$tmp/bidi.csv"
expect_rc 65 "import with U+202E"
expect_err "bidi.csv:3: family_name: bidirectional control character U+202E at character 3 is not allowed" \
	"import names the line and the column"
expect_unchanged "nothing stored by the refusals"
# Right-to-left text itself is a name like any other.
sr admit --site SFT --mrn A1 --at 2026-11-21T09:30 ward=AMU bed=A4 \
	"family_name=$(printf '\331\205\330\255\331\205\330\257')" given_name=Omar
expect_rc 0 "an Arabic name is accepted"

# ---- text already stored by an older sitrep ----
q "INSERT INTO stay (site, ward, bed, mrn, family_name, given_name,
   admitted_at, g2g_date) VALUES ('SFT', 'AMU', 'B1', 'H1',
   'Ab' || char(0x202e) || 'cd', 'Mallory', '2026-11-21T09:00', '2026-11-22')"
id=$(q "SELECT id FROM stay WHERE mrn = 'H1'")
# ... and its values as the upgrade to dated facts (schema 7) makes them:
# facts from admission, one state.
for f in ward:AMU bed:B1 g2g_date:2026-11-22; do
	q "INSERT INTO stay_fact (stay, field, value, valid_from, recorded_at,
	   recorded_by) VALUES ($id, '${f%%:*}', '${f#*:}',
	   '2026-11-21T09:00:00', '2026-11-21T09:00:00', '(upgrade)')"
done
q "INSERT INTO stay_state (stay, site, admitted_at, valid_from, valid_to,
   last, ward, bed, g2g_date, recorded_at, span) VALUES ($id, 'SFT',
   '2026-11-21T09:00', '2026-11-21T09:00:00', '9999', 0, 'AMU', 'B1',
   '2026-11-22', '2026-11-21T09:00:00', 14)"
q "INSERT INTO audit (at, by, stay, field, old, new) VALUES
   ('2026-11-21T09:00:00', 'legacy', $id, 'note', NULL,
    'see ' || char(0x2067) || 'left' || char(0x2069))"

sr show --stay "$id"
expect_rc 0 "show of a legacy stay"
expect_out "family_name: Ab\\u202ecd" "show prints the escape"
expect_out_lacks "$rlo" "show"
sr audit --stay "$id"
expect_rc 0 "audit of a legacy stay"
expect_out "see \\u2067left\\u2069" "audit prints the escapes"
expect_out_lacks "$(printf '\342\201\247')" "audit"

# The report lists the longest delayed patients by name.
sr report --show-names
expect_rc 0 "report"
expect_out "Ab?cd, Mallory" "the text report shows '?'"
expect_out_lacks "$rlo" "the text report"
sr report --show-names --format json
expect_rc 0 "JSON report"
expect_out '"patient": "Ab\u202ecd, Mallory"' "the JSON report escapes it"
expect_out_lacks "$rlo" "the JSON report"

# Export keeps the stored bytes: a round trip must not change data.
sr export --site SFT --current
expect_rc 0 "export"
expect_out "Ab${rlo}cd" "export writes the stored text as it is"

# ---- the console ----
tui_start bidi 160x30
tui_wait bidi " SFT Salisbury" "the board" || { finish; exit; }
tui_keys bidi Enter
# The board's call head may name the delayed patient too: wait for a row
# only the ward list has.
tui_wait bidi "Normal, Alice" "the list with the other rows"
expect_screen "Ab\\u202ecd, Mallory" "the list shows the escape"
expect_no_screen "$rlo" "the list never passes U+202E on"
# Every row is one row in its columns: no line reversed or pushed.
rows=$(screen_lines '^ +AMU +(A[14]|B1) ' | wc -l)
expect_eq "$rows" 3 "each stay is one row in the ward column"
tui_keys bidi /
tui_wait bidi "search name or MRN" "the search prompt"
tui_type bidi "H1"
tui_keys bidi Enter
tui_wait_re bidi " 1 of 1 \(" "H1 found"
tui_keys bidi Enter
tui_wait bidi "Edit  Ab\\u202ecd, Mallory  MRN H1" "the form shows the escape"
expect_no_screen "$rlo" "the form never passes U+202E on"
tui_keys bidi q
tui_wait bidi "search:" "back on the list"
tui_keys bidi Q
tui_wait_exit bidi "Q"
expect_eq "$tui_rc" 0 "exit status"

# Messages that quote what was typed escape it as well: an option's value
# never reaches the terminal raw through an error message.
sr report --site "AB${rlo}CD"
expect_eq "$rc" 65 "report --site with U+202E"
checks=$((checks + 1))
[[ $err == *"unknown site 'AB\\u202eCD'"* ]] ||
	fail "the message does not escape U+202E: $err"
[[ $err != *"$rlo"* ]] || fail "the error message passes U+202E on raw"

finish
