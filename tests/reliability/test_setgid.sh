# A setgid install (issue 18), for real: the test build of the binary
# (sitrep-installtest, whose installed paths are under
# /tmp/sitrep-install-test) is installed setgid to a group of its own
# with a 2770 data directory, as ./dev install does; users made for the
# test (not in the group) run it through setpriv. Checked: the database
# file is out of a user's reach but sitrep works; a spoofed USER, LOGNAME
# or SITREP_USER does not change the audit identity, nor SITREP_NOW the
# time; SITREP_DB, SITREP_CONFIG, --db and --config naming other files are
# refused; files the user names are opened with the user's own rights; a
# notification command runs without the group; and a hostile environment
# (PATH, IFS, umask, closed stdout, a huge environment) changes nothing.
# Needs root (to make users, a group and a setgid file); skipped (77)
# otherwise.
. "$(dirname "$0")/../cli/lib.sh"
: "${SITREP_BUILD_ROOT:?run through meson test}"
bin=$SITREP_BUILD_ROOT/sitrep-installtest
[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
for tool in setpriv useradd usermod groupadd userdel groupdel sqlite3; do
	command -v "$tool" >/dev/null || { echo "$tool missing: skipped"; exit 77; }
done
[ -x "$bin" ] || { echo "$bin missing"; exit 1; }

root=/tmp/sitrep-install-test
group=srt$$g
alice=srt$$a
bob=srt$$b
wardgroup=srt$$w
cleanup() {
	userdel "$alice" 2>/dev/null
	userdel "$bob" 2>/dev/null
	groupdel "$group" 2>/dev/null
	groupdel "$wardgroup" 2>/dev/null
	rm -rf "$root" "$tmp"
}
trap cleanup EXIT
rm -rf "$root"

groupadd --system "$group" || { echo "groupadd failed"; exit 1; }
useradd --system --no-create-home --shell /usr/sbin/nologin "$alice" &&
	useradd --system --no-create-home --shell /usr/sbin/nologin "$bob" ||
	{ echo "useradd failed"; exit 1; }

# ---- the install, as ./dev install makes it ----
install -d -m 0755 "$root" "$root/bin" "$root/etc"
install -d -m 2770 -g "$group" "$root/data"
install -m 2755 -g "$group" "$bin" "$root/bin/sitrep"
chgrp "$group" "$root/bin/sitrep" && chmod 2755 "$root/bin/sitrep"
install -d -m 1777 "$root/out" # where the users write their own files
cat >"$root/etc/sitrep.yaml" <<EOF
system: { name: Setgid test }
sites:
  - { code: AAA, name: Alpha Hospital, kind: acute, beds: 4 }
opel:
  acute:
    metrics:
      occupancy_pct: { levels: [20, 50, 90] }
notify:
  commands:
    - name: ids
      argv: [/usr/bin/python3, -I, "$root/etc/ids.py"]
  on:
    site_computed: [ids]
EOF
# The command records its ids itself: a shell would drop a setgid group
# on its own (dash and bash do), hiding what sitrep handed it.
cat >"$root/etc/ids.py" <<EOF
import os, sys
sys.stdin.read()
with open("$root/out/ids.%d" % os.getpid(), "w") as f:
    f.write("%d\n" % os.getuid())
    for g in sorted({os.getgid(), os.getegid(), *os.getgroups()}):
        f.write("%d\n" % g)
EOF
chmod 0644 "$root/etc/ids.py"
chmod 0644 "$root/etc/sitrep.yaml"
gid=$(getent group "$group" | cut -d: -f3)
sitrep_db=$root/data/sitrep.db

# as USER ARGS...: runs the installed sitrep as USER (own group only).
as() {
	local who=$1
	shift
	checks=$((checks + 1))
	setpriv --reuid="$who" --regid="$who" --clear-groups \
		"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
chmod 755 "$tmp"
q() { sqlite3 "$sitrep_db" "$1"; }

run_root() { checks=$((checks + 1)); "$root/bin/sitrep" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?; err=$(cat "$tmp/err"); }
run_root init
expect_rc 0 "init by root through the setgid binary"
expect_eq "$(stat -c '%a %G' "$sitrep_db")" "660 $group" \
	"the database is 0660 and the install's group's"

# ---- a user outside the group: sitrep yes, the file no ----
id -G "$alice" | tr ' ' '\n' | grep -qx "$gid" && fail "alice is in the group"
as "$alice" sqlite3 "$sitrep_db" "SELECT count(*) FROM stay"
expect_fail "sqlite3 on the database as a user"
as "$alice" cat "$sitrep_db"
expect_fail "reading the database file as a user"
as "$alice" sh -c "echo x >>'$sitrep_db'"
expect_fail "writing the database file as a user"
as "$alice" "$root/bin/sitrep" admit --site AAA --mrn A1 family_name=Test
expect_rc 0 "admit through sitrep as a user"
as "$alice" "$root/bin/sitrep" report --format json
expect_rc 0 "report through sitrep as a user"
expect_out '"occupied": 1' "the user's admission is there"
expect_eq "$(q "SELECT by FROM audit ORDER BY id DESC LIMIT 1")" "$alice" \
	"the audit names the real user"

# ---- a spoofed name or clock changes nothing ----
as "$bob" env USER=mallory LOGNAME=mallory SITREP_USER=mallory \
	SITREP_NOW=2020-01-01T00:00 SITREP_TODAY=2020-01-01 \
	"$root/bin/sitrep" admit --site AAA --mrn B1 family_name=Spoof
expect_rc 0 "admit with a spoofed environment"
expect_eq "$(q "SELECT by FROM audit ORDER BY id DESC LIMIT 1")" "$bob" \
	"USER, LOGNAME and SITREP_USER do not change the audit identity"
case $(q "SELECT at FROM audit ORDER BY id DESC LIMIT 1") in
2020-*) fail "SITREP_NOW changed the recorded time under setgid" ;;
esac
[ -z "$(q "SELECT 1 FROM audit WHERE by = 'mallory'")" ] ||
	fail "mallory is in the audit trail"

# ---- other databases and configs are refused ----
as "$alice" env SITREP_DB=/tmp/x "$root/bin/sitrep" report
expect_fail "SITREP_DB=/tmp/x under setgid"
expect_err "installed setgid and opens only $sitrep_db" "SITREP_DB refused, saying why"
[ ! -e /tmp/x ] || [ "$(stat -c %U /tmp/x)" != "$alice" ] || fail "SITREP_DB made /tmp/x"
as "$alice" "$root/bin/sitrep" --db "$root/out/mine.db" report
expect_fail "--db elsewhere under setgid"
expect_err "--db: this sitrep is installed setgid" "--db refused, saying why"
[ ! -e "$root/out/mine.db" ] || fail "--db elsewhere made a file"
as "$alice" env SITREP_CONFIG=/etc/passwd "$root/bin/sitrep" report
expect_fail "SITREP_CONFIG elsewhere under setgid"
expect_err "SITREP_CONFIG: this sitrep is installed setgid" "SITREP_CONFIG refused"
as "$alice" "$root/bin/sitrep" --config "$root/out/x.yaml" report
expect_fail "--config elsewhere under setgid"
as "$alice" "$root/bin/sitrep" --db "$sitrep_db" report
expect_rc 0 "--db naming the installed database is accepted"

# ---- files the user names: the user's own rights ----
as "$alice" "$root/bin/sitrep" export --current --output "$root/out/alice.csv"
expect_rc 0 "export --output as a user"
expect_eq "$(stat -c '%U %G' "$root/out/alice.csv")" "$alice $alice" \
	"the user's output file is theirs, not the install's group's"
as "$alice" "$root/bin/sitrep" export --current --output "$root/data/leak.csv"
expect_fail "--output into the data directory"
[ ! -e "$root/data/leak.csv" ] || fail "--output wrote into the data directory"
as "$alice" "$root/bin/sitrep" import "$sitrep_db"
expect_fail "import of the database file itself"
expect_err "Permission denied" "import opens with the user's rights"
as "$alice" "$root/bin/sitrep" check-config "$sitrep_db"
expect_fail "check-config of the database file"
expect_err "Permission denied" "check-config reads with the user's rights"

# ---- a notification command runs without the group ----
rm -f "$root"/out/ids.*
as "$alice" "$root/bin/sitrep" watch
expect_rc 0 "watch: the first run sets the baseline"
as "$alice" "$root/bin/sitrep" admit --site AAA --mrn A2 family_name=Two
as "$alice" "$root/bin/sitrep" admit --site AAA --mrn A3 family_name=Three
as "$alice" "$root/bin/sitrep" watch
expect_rc 0 "watch after a level change"
ls "$root"/out/ids.* >/dev/null 2>&1 || fail "the notification command did not run"
for f in "$root"/out/ids.*; do
	[ -e "$f" ] || continue
	grep -qx "$gid" "$f" &&
		fail "the notification command ran with the install's group: $(cat "$f")"
	expect_eq "$(head -n 1 "$f")" "$(id -u "$alice")" "the command runs as the user"
done

# ---- a hostile environment ----
as "$alice" env PATH=/nonexistent IFS=x "$root/bin/sitrep" report
expect_rc 0 "PATH and IFS"
as "$alice" sh -c "umask 000; '$root/bin/sitrep' admit --site AAA --mrn U1 family_name=Umask"
expect_rc 0 "umask 000"
bad=$(find "$root/data" -perm -o=r -o -perm -o=w | head -n 3)
[ -z "$bad" ] || fail "umask 000 left files others can read or write: $bad"
as "$alice" sh -c "'$root/bin/sitrep' report >&-"
[ "$rc" != 0 ] || true # a closed stdout: any exit, but the database is whole
expect_eq "$(q 'PRAGMA integrity_check')" ok "a closed stdout: the database is whole"
as "$alice" env HUGE="$(head -c 100000 /dev/zero | tr '\0' x)" "$root/bin/sitrep" report
expect_rc 0 "a huge environment"
as "$alice" env LANG=../../../tmp/evil TZ=/tmp/evil TERM=../../x "$root/bin/sitrep" report
expect_rc 0 "locale and zone paths are dropped"

# ---- roles with real users and groups ----
# alice is a bed manager by name; bob a ward coordinator of AAA through a
# group of his own (not the install's); the login is the real one, so bob
# cannot borrow alice's role.
groupadd --system "$wardgroup" && usermod -a -G "$wardgroup" "$bob" ||
	fail "cannot make the ward coordinators' group"
cat >>"$root/etc/sitrep.yaml" <<EOF
access:
  - { role: bed_manager, users: [$alice] }
  - { role: ward_coordinator, groups: [$wardgroup], sites: [AAA] }
EOF
# setpriv --init-groups: bob with his supplementary groups, as at login.
as_login() {
	local who=$1
	shift
	checks=$((checks + 1))
	setpriv --reuid="$who" --regid="$who" --init-groups \
		"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
as_login "$alice" "$root/bin/sitrep" opel declare system 3 --note call
expect_rc 0 "a bed manager declares the system's level"
as_login "$bob" "$root/bin/sitrep" admit --site AAA --mrn W1 family_name=Ward
expect_rc 0 "a ward coordinator (by group) admits at their site"
as_login "$bob" env SITREP_USER="$alice" USER="$alice" \
	"$root/bin/sitrep" opel declare system 2 --note call
expect_rc 77 "a ward coordinator may not declare, whatever USER says"
expect_err "$bob (ward coordinator (sites AAA)) may not declare the system's OPEL level" \
	"the refusal names the real user and their role"
expect_eq "$(q "SELECT by FROM audit WHERE field = 'refused' ORDER BY id DESC LIMIT 1")" \
	"$bob" "the refusal is audited under the real user"
as_login "$bob" "$root/bin/sitrep" whoami
expect_out "roles: ward coordinator (sites AAA)" "whoami: the role through the group"

# ---- the mode is said ----
as "$alice" "$root/bin/sitrep" whoami
expect_rc 0 "whoami"
expect_out "login: $alice" "whoami names the real user"
expect_out "mode: setgid" "whoami says setgid"

finish
