# Issue 12, defect 17 (the console's part; not a regression test: it passes on
# the code before the fix too, see below): a busy database must end the
# console with SR_EBUSY's status, 75, and a message that says so, not 70
# (a database error). Another program (the sqlite3 shell) holds the
# database to itself while the console starts: after the busy timeout
# (5 s) the console ends with 75, says the database is busy, and leaves the
# terminal as it found it; the database is intact and nothing was written.
#
# The board's first load failing busy (the path that gave 70: tui_run
# turned every failure of it into SR_EDB) cannot be reached from outside:
# once the console has opened the file in WAL mode it holds a shared lock
# and nobody can lock readers out. This script checks the start as a user
# meets it; the mapping is in src/tui/tui.c (tui_run).
. "$(dirname "$0")/lib.sh"

db=$tmp/busy.db
sr init
expect_eq "$rc" 0 "init ($err)"
sr admit --site SFT --mrn B1 --at 2026-11-20T10:00 ward=AMU bed=A1 \
	family_name=Busy given_name=Bea
expect_eq "$rc" 0 "admit ($err)"
audit0=$(q "SELECT count(*) FROM audit")

# The sqlite3 shell holds an exclusive lock until its input ends, when the
# file "release" appears.
{
	echo "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT 'held';"
	end=$((SECONDS + 120))
	while [ ! -e "$tmp/release" ] && [ "$SECONDS" -lt "$end" ]; do
		sleep 0.05
	done
} | sqlite3 "$db" >"$tmp/hold.out" 2>&1 &
holder=$!
end=$((SECONDS + tui_timeout))
until grep -q held "$tmp/hold.out" || [ "$SECONDS" -ge "$end" ]; do
	sleep 0.05
done
checks=$((checks + 1))
grep -q held "$tmp/hold.out" ||
	fail "the sqlite3 shell did not take the lock: $(cat "$tmp/hold.out")"

tui_start busy 100x30
tui_timeout=$((tui_timeout + 10)) tui_wait_exit busy "the console on a busy database ends"
expect_eq "$tui_rc" 75 "exit status on a busy database (SR_EBUSY)"
screen=$(tmux_ capture-pane -p -J -t busy)
expect_screen "sitrep: $db: " "the message names the database"
checks=$((checks + 1))
printf '%s\n' "$screen" | grep -E "^sitrep: " | grep -qiE "busy|has the database to itself" ||
	fail "the message does not say the database is busy: $(printf '%s\n' "$screen" | grep '^sitrep:')"
expect_restored busy "a busy database"

touch "$tmp/release"
wait "$holder"
expect_eq "$(q "PRAGMA integrity_check")" ok "the database after the busy start"
expect_eq "$(q "SELECT count(*) FROM audit")" "$audit0" "nothing was written"

# Free again: the console starts.
tui_start free 100x30
tui_wait free " SFT Salisbury" "the console starts once the lock is gone"
tui_keys free q
tui_wait_exit free "q"
expect_eq "$tui_rc" 0 "exit status after q"

finish
