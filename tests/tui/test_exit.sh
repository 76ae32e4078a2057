# Every way out restores the terminal: q on the board and Q anywhere exit 0;
# SIGTERM, SIGHUP and ^C (SIGINT) end the console from any view, a prompt
# included (^C over unsaved changes once the user says yes); a dropped link (tmux kill-session: SIGHUP and the terminal gone)
# leaves no process behind. After each exit the shell finds line editing
# and echo on, the normal screen, no mouse reporting, no application keypad
# and a visible cursor.
. "$(dirname "$0")/lib.sh"

db=$tmp/exit.db
demo_db "$db" 30 3 || { finish; exit; }

# ended NAME DESCRIPTION [STATUS]: the console has gone, the terminal is
# restored (and the exit status is STATUS, when given).
ended() {
	tui_wait_exit "$1" "$2: the console ends" || return 1
	[ $# -ge 3 ] && expect_eq "$tui_rc" "$3" "$2: exit status"
	checks=$((checks + 1))
	tui_running "$1" && fail "$2: the process is still there"
	expect_restored "$1" "$2"
}
# A signal ends the console within a second or so (the main loop wakes at
# least once a second): a shorter wait, so that a console that ignores it
# does not hold the suite up.
quick=$((tui_timeout / 3 > 3 ? tui_timeout / 3 : 3))

# to_list NAME: from the board to SFT's list.
to_list() {
	tui_wait "$1" " SFT Salisbury" "$1: the board" || return 1
	tui_keys "$1" Enter
	tui_wait "$1" "ward: all" "$1: the list"
}

tui_start quit 100x30
tui_wait quit "System OPEL" "the board" || { finish; exit; }
expect_eq "$(tui_fmt quit '#{alternate_on}')" 1 "the console uses the alternate screen"
tui_keys quit q
ended quit "q on the board" 0

tui_start bigq 100x30
to_list bigq
tui_keys bigq Enter
tui_wait bigq "Edit  " "bigq: the form"
tui_keys bigq Q
ended bigq "Q in the form (nothing changed)" 0

# Q with an unsaved change asks first; n quits without saving.
tui_start askq 100x30
to_list askq
tui_keys askq Enter
tui_wait askq "Edit  " "askq: the form"
tui_keys askq Right
tui_wait askq "* Expected discharge" "askq: a change"
tui_keys askq Q
tui_wait askq "Save your changes?" "Q with a change asks"
tui_keys askq n
ended askq "Q, then n" 0

# Signals, in the list, the form and a prompt.
for sig in TERM HUP INT; do
	tui_start "sig$sig" 100x30
	to_list "sig$sig"
	if [ "$sig" = INT ]; then
		tui_keys "sig$sig" C-c
	else
		kill "-$sig" "$(tui_pid "sig$sig")"
	fi
	tui_timeout=$quick ended "sig$sig" "SIG$sig in the list"

	tui_start "form$sig" 100x30
	to_list "form$sig"
	tui_keys "form$sig" Enter
	tui_wait "form$sig" "Edit  " "form$sig: the form"
	tui_keys "form$sig" Right
	tui_wait "form$sig" "* Expected discharge" "form$sig: a change"
	if [ "$sig" = INT ]; then
		# ^C with a change asks first (test_defect02_ctrl_c_form.sh).
		tui_keys "form$sig" C-c
		tui_wait "form$sig" "lose your unsaved changes?" "^C in the form with a change asks"
		tui_keys "form$sig" y
	else
		kill "-$sig" "$(tui_pid "form$sig")"
	fi
	tui_timeout=$quick ended "form$sig" "SIG$sig in the form with a change"

	tui_start "prompt$sig" 100x30
	to_list "prompt$sig"
	tui_keys "prompt$sig" /
	tui_wait "prompt$sig" "search name or MRN" "prompt$sig: the search prompt"
	tui_type "prompt$sig" "Smi"
	tui_wait "prompt$sig" "MRN (empty: all, Up: last): Smi" "prompt$sig: typing"
	if [ "$sig" = INT ]; then
		tui_keys "prompt$sig" C-c
	else
		kill "-$sig" "$(tui_pid "prompt$sig")"
	fi
	tui_timeout=$quick ended "prompt$sig" "SIG$sig in the search prompt"
done

# A dropped link: the terminal goes away with a SIGHUP. Nothing must stay
# behind (a process spinning on a dead terminal, say).
# Without LeakSanitizer here: in the ASan build its check at exit stops the
# process with ptrace, and with the terminal gone that check was seen to
# spin for over 15 s (gdb found the exiting sitrep traced by LSan's
# helper), about one run in twelve under load. The other exits keep it.
for where in board prompt; do
	tui_start "drop$where" 100x30 ASAN_OPTIONS=detect_leaks=0:abort_on_error=0
	to_list "drop$where"
	if [ "$where" = prompt ]; then
		tui_keys "drop$where" /
		tui_wait "drop$where" "search name or MRN" "drop$where: the prompt"
	fi
	pid=$(tui_pid "drop$where")
	tmux_ kill-session -t "drop$where"
	checks=$((checks + 1))
	end=$((SECONDS + quick))
	while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$end" ]; do
		sleep 0.05
	done
	if kill -0 "$pid" 2>/dev/null; then
		fail "dropped link in the $where: sitrep (pid $pid) still runs $quick s later: $(ps -o stat=,time=,args= -p "$pid" 2>/dev/null)"
		kill -KILL "$pid" 2>/dev/null
	fi
done
expect_eq "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "the database after every exit"

finish
