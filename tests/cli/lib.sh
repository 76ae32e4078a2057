# Shared by the CLI test scripts: a temp directory, the binary, and checks
# that count failures. Source it, call the checks, end with `finish`.
set -u
: "${SITREP_BIN:?run through meson test}"
: "${SITREP_SOURCE_ROOT:?run through meson test}"
src=$SITREP_SOURCE_ROOT
tmp=$(mktemp -d /tmp/sitrep-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export TERM=dumb
unset SITREP_DB SITREP_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME
export HOME=$tmp/home
mkdir -p "$HOME"
failures=0
checks=0

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	failures=$((failures + 1))
}

# run CMD...: runs sitrep with the given arguments, capturing out, err, rc.
run() {
	checks=$((checks + 1))
	"$SITREP_BIN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

expect_rc() { # expected, description
	[ "$rc" = "$1" ] || fail "$2: exit $rc, expected $1 (stderr: $err)"
}
expect_fail() { # description
	[ "$rc" != 0 ] || fail "$1: exit 0, expected a failure"
}
expect_out() { # fixed string, description
	grep -qF -- "$1" "$tmp/out" || fail "$2: stdout lacks '$1': $out"
}
expect_err() {
	grep -qF -- "$1" "$tmp/err" || fail "$2: stderr lacks '$1': $err"
}
expect_no_out() {
	[ ! -s "$tmp/out" ] || fail "$1: unexpected stdout: $out"
}
expect_no_err() {
	[ ! -s "$tmp/err" ] || fail "$1: unexpected stderr: $err"
}
expect_eq() { # actual, expected, description
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

finish() {
	echo "$checks runs, $failures failures"
	[ "$failures" = 0 ]
}
