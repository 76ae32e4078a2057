# Issue 16: action cards. When the board, reloaded, finds a site's level
# risen (here a declaration made by another user), the config's action
# lines for the new level show in a box until a key is pressed; a fall
# shows none, nor does coming back to now from a moment gone to; a card
# for another level has that level's lines.
. "$(dirname "$0")/lib.sh"

# The example config with its action cards switched on (they are commented
# out there).
cfg=$tmp/cards.yaml
sed -E 's/^  # (actions:|  [0-9]:|    - )/  \1/' "$src/config/sitrep.yaml" >"$cfg"
grep -q '^  actions:$' "$cfg" || fail "the example config has no actions to uncomment"
db=$tmp/cards.db
sr init
expect_eq "$rc" 0 "init ($err)"

declare_sft() { # LEVEL
	sr opel declare SFT "$1" --note "card test $1"
	expect_eq "$rc" 0 "declare SFT $1 ($err)"
}

tui_start cards 100x30
tui_wait cards " SFT Salisbury" "the board opens" || { finish; exit; }
expect_no_screen "Actions for OPEL" "no card on opening"

# A rise: the card, with what rose and the level's actions.
declare_sft 3
tui_wait cards "Actions for OPEL 3:" "a card for OPEL 3" || { finish; exit; }
tui_wait cards "SFT Salisbury NHS Foundation Trust: declared OPEL 3 (none before)" \
	"the card says what rose"
tui_wait cards "- Bed meeting every 2 hours; site lead to the flow hub" \
	"the card lists the level's actions"
tui_wait cards "OPEL 3: severe pressure" "the level in words, not colour alone"
tui_wait cards "Any key: close" "the card says how to close it"
tui_keys cards x
tui_wait_gone cards "Actions for OPEL 3:" "any key closes the card"
tui_wait cards " SFT Salisbury" "the board again"

# A fall: no card.
declare_sft 2
sleep 2.5
tui_settle cards
expect_no_screen "Actions for OPEL" "a fall shows no card"

# To yesterday's end and back to now: the frame of then is not compared.
tui_keys cards t
tui_wait cards "go to date/time" "the go-to prompt"
tui_type cards yesterday
tui_keys cards Enter
tui_wait cards "END OF 22 NOV" "yesterday's end"
tui_keys cards t
tui_wait cards "go to date/time (Enter: back to now)" "the prompt back"
tui_keys cards Enter
tui_wait_gone cards "END OF 22 NOV" "back to now"
tui_settle cards
expect_no_screen "Actions for OPEL" "no card coming back to now"

# Another rise, to OPEL 4: its own actions; Q closes the card only.
declare_sft 4
tui_wait cards "Actions for OPEL 4:" "a card for OPEL 4" || { finish; exit; }
tui_wait cards "declared OPEL 2 -> 4" "from the level before"
tui_wait cards "- Director on call to the site; consider a critical incident" \
	"OPEL 4's actions"
expect_no_screen "Bed meeting every 2 hours" "not OPEL 3's"
tui_keys cards Q
tui_wait_gone cards "Actions for OPEL 4:" "Q closes the card"
tui_running cards || fail "Q on the card ended the console"
tui_keys cards Q
tui_wait_exit cards "quit"
expect_eq "$tui_rc" 0 "exit status"
finish
