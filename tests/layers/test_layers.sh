#!/usr/bin/env bash
# DESIGN §3: every include and every call goes down the layers. Also proves
# the checker can fail: a copy of the sources with a store file including a
# header of the report layer must be refused.
set -euo pipefail
src=${SITREP_SOURCE_ROOT:?}
build=${SITREP_BUILD_ROOT:?}
check=$src/tests/layers/check_layers.py

python3 "$check" "$src" "$build"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/src" "$tmp/src"
sed -i '1i #include "sitrep/report.h"' "$tmp/src/store/store_list.c"
if out=$(python3 "$check" "$tmp" "$build"); then
	echo "FAIL: the checker accepted store including sitrep/report.h" >&2
	exit 1
fi
grep -q 'store_list.c:1: store (store) includes sitrep/report.h' <<<"$out" || {
	echo "FAIL: unexpected checker output: $out" >&2
	exit 1
}
echo "ok: layers"
