# Shared by the console tests: the real binary driven from outside, in a
# private tmux server (as tmux's own regress tests do): a detached session of
# a fixed size per console, keys in with send-keys, screens out with
# capture-pane, waits that poll the screen (never a long fixed sleep), checks
# on the screen and on the database, and the server killed on every exit.
# Source it, call the checks, end with `finish`.
#
# Each console runs under a small wrapper: the inner shell writes its pid
# (then execs sitrep, so the pid is sitrep's); when sitrep ends, the outer
# shell prints "[exit N]" and the terminal's modes (stty -a) on one line and
# keeps the pane open, so a test can read the exit status and check that the
# terminal was restored.
set -u
: "${SITREP_BIN:?run through meson test}"
: "${SITREP_SOURCE_ROOT:?run through meson test}"
src=$SITREP_SOURCE_ROOT
cfg=$src/config/sitrep.yaml

for tool in tmux sqlite3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "$tool not found: skipped"
		exit 77
	fi
done

tmp=$(mktemp -d /tmp/sitrep-tui.XXXXXX)
sock=sitrep-$$
tmux_() { tmux -L "$sock" -f /dev/null "$@"; }
# Killing the server hangs up every console; one that does not end on the
# hang-up (a bug the tests report) is killed by its pid, so that no process
# outlives the test.
cleanup() {
	local f pid
	tmux_ kill-server >/dev/null 2>&1
	for f in "$tmp"/*.pid; do
		[ -f "$f" ] || continue
		pid=$(cat "$f")
		if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
			continue
		fi
		ps -o args= -p "$pid" 2>/dev/null | grep -q sitrep || continue
		sleep 0.5
		kill -KILL "$pid" 2>/dev/null &&
			echo "cleanup: killed sitrep (pid $pid, ${f##*/}): it outlived its terminal" >&2
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# The environment every console and command sees: no colour setting from
# the caller (meson sets NO_COLOR for the other suites), a frozen clock
# (Monday 23 November 2026, 08:00), a known user, a private HOME.
unset TMUX TMUX_PANE NO_COLOR SITREP_DB SITREP_CONFIG XDG_CONFIG_HOME \
	XDG_DATA_HOME LC_ALL LC_CTYPE
export LANG=C.UTF-8
export HOME=$tmp/home
export SITREP_USER=${SITREP_USER:-tester}
export SITREP_TODAY=2026-11-23 SITREP_NOW=2026-11-23T08:00
mkdir -p "$HOME"

# How long a wait may take. The waits return as soon as the screen shows
# what they wait for, so a generous limit costs nothing when all is well;
# sanitizer builds are several times slower.
tui_timeout=${TUI_TIMEOUT:-15}
if grep -qa __asan_init "$SITREP_BIN" 2>/dev/null; then
	tui_timeout=${TUI_TIMEOUT:-45}
fi

failures=0
checks=0
db=$tmp/sitrep.db
screen=

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	failures=$((failures + 1))
}

finish() {
	echo "$checks checks, $failures failures"
	[ "$failures" = 0 ]
}

# ---- the command line, for fixtures and database checks ----

# sr ARGS...: runs sitrep on $db, capturing out, err and rc.
sr() {
	"$SITREP_BIN" --config "$cfg" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err" \
		</dev/null
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
# q SQL: one query on $db.
q() { sqlite3 "$db" "$1"; }
# demo_db FILE DAYS SEED: a generated data set, made once per script and
# copied (with the backup API) for each use.
demo_db() {
	local dst=$1 days=$2 seed=$3 cache=$tmp/demo-$2-$3.db
	if [ ! -f "$cache" ]; then
		"$SITREP_BIN" --config "$cfg" --db "$cache" demo --days "$days" \
			--seed "$seed" >"$tmp/demo.out" 2>&1 </dev/null ||
			{ fail "demo --days $days --seed $seed: $(cat "$tmp/demo.out")"; return 1; }
	fi
	rm -f "$dst" "$dst-wal" "$dst-shm" "$dst-journal"
	sqlite3 "$cache" ".backup '$dst'"
}

# ---- consoles ----

# tui_start NAME COLSxROWS [VAR=VALUE...] [-- ARGS...]: opens the console on
# $db in a new detached session NAME; VAR=VALUE are added to its
# environment (TERM=xterm-256color, LANG=C.UTF-8, the config, the database
# and the frozen clock are there already).
tui_start() {
	local name=$1 size=$2 inner outer
	local -a envs=() args=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	[ $# -gt 0 ] && shift
	args=("$@")
	rm -f "$tmp/$name.pid"
	# shellcheck disable=SC2016 # $$ and $0 are the inner shell's
	inner=$(printf '%q ' env TERM=xterm-256color LANG=C.UTF-8 \
		SITREP_CONFIG="$cfg" SITREP_DB="$db" SITREP_USER="$SITREP_USER" \
		SITREP_TODAY="$SITREP_TODAY" SITREP_NOW="$SITREP_NOW" \
		${envs[@]+"${envs[@]}"} \
		sh -c 'echo $$ >"$0"; exec "$@"' "$tmp/$name.pid" \
		"$SITREP_BIN" ${args[@]+"${args[@]}"})
	# The outer shell outlives a ^C, as a login shell would (a trapped
	# signal, unlike an ignored one, is default again in the child).
	outer="trap : INT; $inner; rc=\$?; printf '\\n[exit %d] ' \$rc; stty -a | tr '\\n' ' '; echo; exec sleep 3600"
	tmux_ new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
		"sh -c $(printf '%q' "$outer")" ||
		{ fail "tmux new-session $name"; return 1; }
}

# tui_capture NAME [-e]: the screen as text (-e: with attributes).
tui_capture() { tmux_ capture-pane -p -t "$1" ${2:+"$2"}; }
# tui_keys NAME KEY...: keys by tmux name (Enter, Escape, C-s, Down, F2).
tui_keys() {
	local name=$1
	shift
	tmux_ send-keys -t "$name" "$@"
}
# tui_type NAME TEXT: literal text.
tui_type() { tmux_ send-keys -t "$1" -l "$2"; }
tui_fmt() { tmux_ display-message -p -t "$1" "$2"; }
tui_resize() { tmux_ resize-window -t "$1" -x "$2" -y "$3"; }
tui_pid() { cat "$tmp/$1.pid" 2>/dev/null; }
# tui_running NAME: the console's process is alive.
tui_running() {
	local pid
	pid=$(tui_pid "$1")
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# Prints a screen for a failure message (to stderr, with row numbers).
dump() {
	printf '%s\n' "---- screen ${1:-} ----" >&2
	printf '%s\n' "$screen" | awk '{printf "%2d|%s\n", NR - 1, $0}' >&2
	printf '%s\n' "----" >&2
}

# tui_poll NAME TEST ARG: captures until TEST ARG is true of the screen (in
# $screen) or the time is up; returns its last result. A capture can catch
# a frame half written (the header of the next view over the body of the
# last, under a slow sanitizer build), so once TEST holds it captures
# again until two captures agree; if TEST stops holding meanwhile (a
# passing message), $screen is the capture on which it held.
tui_poll() {
	local name=$1 test=$2 arg=$3 end held next
	end=$((SECONDS + tui_timeout))
	while :; do
		screen=$(tui_capture "$name" 2>/dev/null)
		if "$test" "$arg"; then
			held=$screen
			while [ "$SECONDS" -lt "$end" ]; do
				sleep 0.03
				next=$(tui_capture "$name" 2>/dev/null)
				[ "$next" = "$held" ] && break
				screen=$next
				"$test" "$arg" || { screen=$held; break; }
				held=$next
			done
			return 0
		fi
		[ "$SECONDS" -ge "$end" ] && return 1
		sleep 0.05
	done
}
has_text() { [[ $screen == *"$1"* ]]; }
lacks_text() { [[ $screen != *"$1"* ]]; }
has_re() { printf '%s\n' "$screen" | grep -qE -- "$1"; }

# tui_wait NAME TEXT DESCRIPTION: waits for TEXT on the screen.
tui_wait() {
	checks=$((checks + 1))
	tui_poll "$1" has_text "$2" && return 0
	fail "$3: the screen lacks '$2' after ${tui_timeout}s"
	dump "$1"
	return 1
}
# tui_wait_re NAME ERE DESCRIPTION: waits for a line matching ERE.
tui_wait_re() {
	checks=$((checks + 1))
	tui_poll "$1" has_re "$2" && return 0
	fail "$3: no line matches /$2/ after ${tui_timeout}s"
	dump "$1"
	return 1
}
# tui_wait_gone NAME TEXT DESCRIPTION: waits until TEXT has gone.
tui_wait_gone() {
	checks=$((checks + 1))
	tui_poll "$1" lacks_text "$2" && return 0
	fail "$3: the screen still shows '$2' after ${tui_timeout}s"
	dump "$1"
	return 1
}
# tui_settle NAME: waits until three captures in a row are the same (for a
# key whose effect shows nothing new to wait for).
tui_settle() {
	local name=$1 last='' same=0 end
	end=$((SECONDS + tui_timeout))
	while [ "$same" -lt 2 ] && [ "$SECONDS" -lt "$end" ]; do
		sleep 0.05
		screen=$(tui_capture "$name" 2>/dev/null)
		if [ "$screen" = "$last" ]; then
			same=$((same + 1))
		else
			same=0
			last=$screen
		fi
	done
}
# tui_wait_exit NAME DESCRIPTION: waits for the console to end; sets
# tui_rc to its exit status and tui_stty to the terminal's modes after it.
tui_wait_exit() {
	local line
	tui_rc='' tui_stty=''
	tui_wait_re "$1" '^\[exit [0-9]+\] ' "$2" || return 1
	# The modes wrap at the pane's width: -J joins them again.
	line=$(tmux_ capture-pane -p -J -t "$1" | grep -E '^\[exit [0-9]+\] ' |
		tail -n 1)
	tui_rc=${line#\[exit }
	tui_rc=${tui_rc%%]*}
	tui_stty=${line#*] }
}
# The terminal as a shell left it: line editing and echo back on, no
# alternate screen, no mouse reporting, no application keypad, cursor shown.
expect_restored() { # NAME DESCRIPTION
	local name=$1 what=$2 mode flags
	checks=$((checks + 1))
	for mode in icanon echo icrnl; do
		[[ " $tui_stty " == *" $mode "* ]] ||
			fail "$what: terminal not restored: '$mode' is off ($tui_stty)"
	done
	flags=$(tui_fmt "$name" 'alt=#{alternate_on} mouse=#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag} keypad=#{keypad_flag} cursor=#{cursor_flag}')
	expect_eq "$flags" "alt=0 mouse=000 keypad=0 cursor=1" "$what: terminal state after exit"
}

# ---- checks ----

expect_eq() { # actual, expected, description
	checks=$((checks + 1))
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}
expect_screen() { # text, description (on the last $screen)
	checks=$((checks + 1))
	has_text "$1" || { fail "$2: the screen lacks '$1'"; dump; }
}
expect_no_screen() {
	checks=$((checks + 1))
	lacks_text "$1" || { fail "$2: the screen shows '$1'"; dump; }
}
expect_alive() { # name, description
	checks=$((checks + 1))
	tui_running "$1" || { fail "$2: the console is no longer running"; dump "$1"; }
}
# Lines of $screen matching an ERE.
screen_lines() { printf '%s\n' "$screen" | grep -E -- "$1"; }

# ---- raw bytes and the cursor (additions for the key tests) ----

# tui_bytes NAME HEX...: bytes as a terminal would send them (1b 5b 34 7e
# is End as PuTTY and tmux send it), whatever tmux's own key names say.
tui_bytes() {
	local name=$1
	shift
	tmux_ send-keys -t "$name" -H "$@"
}
# tui_cursor NAME: the hardware cursor's row (the selected row).
tui_cursor() { tui_fmt "$1" '#{cursor_y}'; }
# tui_wait_cursor NAME ROW DESCRIPTION: waits for the cursor on ROW.
tui_wait_cursor() {
	local end=$((SECONDS + tui_timeout)) y
	checks=$((checks + 1))
	while :; do
		y=$(tui_cursor "$1")
		[ "$y" = "$2" ] && return 0
		if [ "$SECONDS" -ge "$end" ]; then
			screen=$(tui_capture "$1" 2>/dev/null)
			fail "$3: the cursor is on row $y, not $2"
			dump "$1"
			return 1
		fi
		sleep 0.05
	done
}
