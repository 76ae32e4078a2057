# Patient identifiers never appear in an error message, and every file
# sitrep creates is private. Runs every failing path we know against a
# fixture and greps all of stderr for the fixture's identifiers.
. "$(dirname "$0")/../cli/lib.sh"
cfg=$src/config/sitrep.yaml
db=$tmp/p.db
family=Zyxwvutsrq
given=Qponmlkjih
nhs=9990000018
nhs_bad=9990000019
mrn=MRNSECRET1
birth=1931-07-14
all_err=$tmp/all.err
: >"$all_err"
sr() { run --config "$cfg" --db "$db" "$@"; cat "$tmp/err" >>"$all_err"; }
bad() { sr "$@"; expect_fail "$*"; }

csv() { # writes a census with one extra row $1 after a valid one
	printf 'site,ward,mrn,nhs_number,family_name,given_name,birth_date,admitted_at,edd,g2g_date,pathway,delay_reason\n' >"$tmp/c.csv"
	printf 'SFT,AMU,%s,%s,%s,%s,%s,2026-11-01T10:00,,,,\n' "$mrn" "$nhs" "$family" "$given" "$birth" >>"$tmp/c.csv"
	printf '%s\n' "$1" >>"$tmp/c.csv"
}
sr import /dev/null
row="SFT,AMU,$mrn-2,$nhs,$family,$given,$birth"
for bad_row in \
	"SFT,AMU,$mrn-2,$nhs_bad,$family,$given,$birth,2026-11-01T10:00,,,," \
	"SFT,AMU,$mrn-2,$nhs,$family,$given,1931-13-14,2026-11-01T10:00,,,," \
	"SFT,AMU,$mrn-2,$nhs,$family,$given,2031-07-14,2026-11-01T10:00,,,," \
	"SFT,NOWARD,$mrn-2,$nhs,$family,$given,$birth,2026-11-01T10:00,,,," \
	"SFT,AMU,$mrn,$nhs,$family,$given,$birth,2026-11-01T10:00,,,," \
	"$row,2026-11-01T10:00,,,9," \
	"$row,2026-11-01T10:00,,2026-10-01,," \
	"$row,2026-11-01T10:00,,,,Z" \
	"$row,not-a-time,,,," \
	"$row,2026-11-01T10:00,2026-10-01,,," \
	"$row" \
	"SFT,AMU,$mrn-2,$nhs,\"$family\"x,$given,$birth,2026-11-01T10:00,,,," \
	"SFT,AMU,$mrn-2,$nhs,\"$family"; do
	csv "$bad_row"
	bad import "$tmp/c.csv"
done
printf 'site,mrn,family_name,admitted_at\nSFT,%s,%s\001,2026-11-01T10:00\n' "$mrn" "$family" >"$tmp/ctl.csv"
bad import "$tmp/ctl.csv"

# Now the patient exists; every edit path that fails.
csv ""
sr import "$tmp/c.csv"
expect_rc 0 "fixture import"
bad set "$mrn-404" note=x
bad set "$mrn" "nhs=$nhs_bad"
bad set "$mrn" birth_date=1931-02-30
bad set "$mrn" edd=2020-01-01
bad set "$mrn" ward=NOWARD
bad set "$mrn" "family_name=$family$(printf '\033')[2J"
bad set "$mrn" nosuchfield=1
bad set "$mrn" "$mrn"
bad set --expect-version 99 "$mrn" note=x
bad admit --site SFT --mrn "$mrn" --at 2026-11-02T10:00
bad admit --site SFT --mrn "$mrn-3" "nhs=$nhs_bad"
bad discharge --at 2020-01-01T00:00 "$mrn"
bad mark --reason nope "$mrn" red
bad mark --day 2020-01-01 "$mrn" green
bad show "$mrn-404"
bad show --site NOSITE "$mrn"
bad export --from 2026-13-01
bad audit --since yesterdayish
bad report --date 2026-02-30

# What the operator and the logs see: none of the identifiers.
for id in "$family" "$given" "$nhs" "943 476" "999 000 0018" "$nhs_bad" \
	"999 000 0019" "$mrn" "$birth" "1931-13-14" "2031-07-14"; do
	if grep -qF -- "$id" "$all_err"; then
		fail "an error message shows '$id': $(grep -F -- "$id" "$all_err" | head -n 2)"
	fi
done
[ "$(wc -l <"$all_err")" -ge 30 ] || fail "too few error messages collected: $(wc -l <"$all_err")"

# Private files: the database, its -wal and -shm, an export.
sqlite3 "$db" "BEGIN IMMEDIATE; SELECT 1; COMMIT" >/dev/null
umask 022
run --db "$db" export --output "$tmp/out.csv"
for f in "$db" "$tmp/out.csv"; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "$f is mode $(stat -c %a "$f"), not 600"
done
python3 - "$SITREP_BIN" "$cfg" "$db" <<'PY' || fail "-wal/-shm not private"
import os, subprocess, sqlite3, sys
# Keep a connection open so the -wal and -shm files exist, then look.
con = sqlite3.connect(sys.argv[3])
con.execute("SELECT count(*) FROM stay").fetchone()
bad = [p for p in (sys.argv[3] + "-wal", sys.argv[3] + "-shm")
       if os.path.exists(p) and (os.stat(p).st_mode & 0o077)]
print("private:", [p for p in (sys.argv[3] + "-wal", sys.argv[3] + "-shm") if os.path.exists(p)], "bad:", bad)
sys.exit(1 if bad else 0)
PY
finish
