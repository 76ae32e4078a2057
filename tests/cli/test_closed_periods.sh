# Closed periods never move (issue 13): a demo's reports of the last 60
# days (text, CSV, JSON) are printed, thousands of random edits dated today
# are made, and the reports must come out byte for byte the same; then
# today's 08:00 report is shown again with `report --at`, and backdated
# corrections must change the reports exactly from the day they fall,
# while `report --as-known-at` before them reproduces the first prints.
# The work is in closed_periods.py; SITREP_SEED=N repeats a run (the seed
# is printed), SITREP_CHECK_KEEP=DIR keeps its files.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
keep=()
[ -n "${SITREP_CHECK_KEEP:-}" ] && keep=(--keep "$SITREP_CHECK_KEEP")
checks=$((checks + 1))
python3 "$src/tests/cli/closed_periods.py" "${keep[@]}" ||
	fail "closed periods moved (above)"
finish
