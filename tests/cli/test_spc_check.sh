# The independent check of the spc module (XmR charts as "Making Data Count"
# uses them): a separate program written from the rules' words only
# (tests/check/spc_check.py, never from src/spc.c) works out every point's
# limits, side, rule and type and the summary, for hand-written series with
# their expected results and 1500 generated ones (a process each: about
# 100 s under the sanitizers), and tests/spc_dump (the
# module's driver) must agree exactly.
. "$(dirname "$0")/lib.sh"
: "${SITREP_BUILD_ROOT:?run through meson test}"
dump=$SITREP_BUILD_ROOT/tests/spc_dump
checks=1
if [ ! -x "$dump" ]; then
	fail "no spc dump at $dump"
else
	python3 "$src/tests/check/spc_check.py" --dump "$dump" \
		--seed 20261206 --series 1500 >"$tmp/out" 2>&1 ||
		fail "$(cat "$tmp/out")"
fi
finish
