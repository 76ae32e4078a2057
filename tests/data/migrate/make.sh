#!/bin/bash
# How schema6.db and the expected outputs here were made, with the sitrep
# of commit 07aba0c (schema 6, before dated facts), for
# tests/cli/test_migrate.sh. Not run by the tests: kept to say what the
# file holds and to make it again.
#   git archive 07aba0c | tar -x -C /tmp/old && meson setup /tmp/b-old /tmp/old
#   ninja -C /tmp/b-old sitrep && tests/data/migrate/make.sh /tmp/b-old/sitrep
set -eu
old=$1
here=$(cd "$(dirname "$0")" && pwd)
export SITREP_TODAY=2026-11-23 SITREP_USER=tester TZ=Europe/London
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/schema6.db
S() { "$old" --config "$here/sitrep.yaml" --db "$db" "$@"; }

# 30 days of a small system, then the edits of a morning: a delay and a
# reason changed, a discharge, a ward move, an admission, red and green
# days, a mark cleared, an OPEL declaration, EDDs, a discharged stay's
# pathway corrected, a note.
SITREP_NOW=2026-11-23T08:00 S demo --days 30 --seed 13
SITREP_NOW=2026-11-23T08:05 S set --site ACU ACU0000008 g2g=2026-11-22 reason=G agency=NHS pathway=3
SITREP_NOW=2026-11-23T08:10 S set --site ACU ACU0000058 reason=D1 agency=both
SITREP_NOW=2026-11-23T08:15 S discharge --site ACU --at 2026-11-23T08:12 --destination home ACU0000014
SITREP_NOW=2026-11-23T08:20 S set --site ACU ACU0000082 ward=ELM bed=B03
SITREP_NOW=2026-11-23T08:25 S admit --site ACU --mrn NEW0001 --at 2026-11-23T08:20 ward=AMU bed=B02 edd=2026-11-27 family_name=Smith given_name=Ann
SITREP_NOW=2026-11-23T08:30 S mark --site ACU --reason test ACU0000089 red
SITREP_NOW=2026-11-23T08:31 S mark --site ACU --day 2026-11-22 ACU0000089 green
SITREP_NOW=2026-11-23T08:32 S mark --site ACU ACU0000097 clear
SITREP_NOW=2026-11-23T08:35 S opel declare ACU 3 --note "migration fixture"
SITREP_NOW=2026-11-23T08:40 S set --site ACU ACU0000105 edd=2026-11-24
SITREP_NOW=2026-11-23T08:45 S set --stay 166 --discharged-ok pathway=2
SITREP_NOW=2026-11-23T08:50 S set --site ACU ACU0000058 edd=2026-11-25 "note=family meeting booked"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
[ "$(sqlite3 "$db" "PRAGMA user_version")" = 6 ]

# What it holds, and its figures, as that sitrep printed them at 09:00.
export SITREP_NOW=2026-11-23T09:00
S export --output "$here/export.csv"
for day in 2026-11-23 2026-11-22 2026-11-16 2026-11-01 2026-10-31; do
	for fmt in json csv; do
		S report --date "$day" --format "$fmt" >"$here/report-$day.$fmt"
	done
done
S report --site ACU --format json >"$here/report-ACU.json"
cp "$db" "$here/schema6.db"
