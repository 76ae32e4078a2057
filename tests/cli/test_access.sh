# Roles (issue 18): the config's access list, through the binary. A table
# of actions, one command each, run by one user per role (bed manager;
# ward coordinator of ACU/A; social care owning the blockers of asc;
# viewer) and by a user the list does not name: each allowed or refused as
# the table says, every refusal with a message naming who, their roles
# and what it takes, exit 77, nothing written, and an audit row. Each
# attempt works on a patient of its own, admitted by the bed manager, so
# one user's success cannot decide another's result.
#
# Two modes. By default (the cli suite) the logins come from SITREP_USER.
# With SITREP_ACCESS_SETGID=1 (the reliability suite's access_setgid, as
# root) the same table runs against the test build of an install
# (sitrep-installtest) set up setgid as ./dev install does, each role a
# real user made for the test (useradd, setpriv), the login taken from
# the real uid; skipped (77) when not root.
. "$(dirname "$0")/lib.sh"
setgid=${SITREP_ACCESS_SETGID:-}
db=$tmp/a.db
cfg=$tmp/access.yaml
unset SITREP_NOW SITREP_TODAY
export SITREP_TODAY=2026-12-06 SITREP_NOW=2026-12-06T09:00
# login ROLE-USER: the login of the table's user (boss, ward, sc, view,
# nobody): itself, or the real user made for it.
login() { if [ -n "$setgid" ]; then echo "sa$$$1"; else echo "$1"; fi; }
if [ -n "$setgid" ]; then
	: "${SITREP_BUILD_ROOT:?run through meson test}"
	[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
	for tool in setpriv useradd groupadd userdel groupdel; do
		command -v "$tool" >/dev/null || { echo "$tool missing: skipped"; exit 77; }
	done
	root=/tmp/sitrep-install-test
	group=sa$$g
	cleanup_setgid() {
		for u in boss ward sc view nobody; do userdel "$(login $u)" 2>/dev/null; done
		groupdel "$group" 2>/dev/null
		rm -rf "$root" "$tmp"
	}
	trap cleanup_setgid EXIT
	rm -rf "$root"
	groupadd --system "$group" || { echo "groupadd failed"; exit 1; }
	for u in boss ward sc view nobody; do
		useradd --system --no-create-home --shell /usr/sbin/nologin \
			"$(login $u)" || { echo "useradd failed"; exit 1; }
	done
	install -d -m 0755 "$root" "$root/bin" "$root/etc"
	install -d -m 2770 -g "$group" "$root/data"
	install -m 0755 "$SITREP_BUILD_ROOT/sitrep-installtest" "$root/bin/sitrep"
	chgrp "$group" "$root/bin/sitrep" && chmod 2755 "$root/bin/sitrep"
	chmod 755 "$tmp"
	db=$root/data/sitrep.db
	cfg=$root/etc/sitrep.yaml
fi
cat >"$cfg" <<EOF
system: { name: Access test }
delay_vocabulary: dtoc
owners:
  - { code: hub, kind: team, agency: both, name: Discharge hub }
  - { code: asc, kind: team, agency: ASC, name: Adult social care }
opel:
  acute:
    rule: points
    parameters:
      - { name: handover_mins, source: input, points: [[0, 0], [30, 4]] }
    levels: [10, 20, 30]
sites:
  - code: ACU
    name: Acute
    kind: acute
    wards: [ { code: A, name: Ward A, beds: 10 }, { code: B, name: Ward B, beds: 10 } ]
  - { code: COM, name: Community, kind: community, beds: 10 }
access:
  - { role: bed_manager, users: [$(login boss)] }
  - { role: ward_coordinator, users: [$(login ward)], wards: [ACU/A] }
  - { role: social_care, users: [$(login sc)], owners: [asc] }
  - { role: viewer, users: [$(login view)] }
EOF
chmod 644 "$cfg"
# raw USER ARGS...: sitrep as the table's USER, output left as it is.
raw() {
	local who=$1
	shift
	if [ -n "$setgid" ]; then
		setpriv --reuid="$(login "$who")" --regid="$(login "$who")" \
			--clear-groups "$root/bin/sitrep" "$@" </dev/null
	else
		SITREP_USER=$who "$SITREP_BIN" --config "$cfg" --db "$db" "$@" \
			</dev/null
	fi
}
as() { # USER ARGS...: raw, capturing out, err and rc
	checks=$((checks + 1))
	raw "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
q() { sqlite3 "$db" "$1"; }
census=$tmp/census.csv
printf 'site,ward,mrn,admitted_at\nACU,A,C1,2026-12-01T10:00\n' >"$census"
chmod 644 "$census"

as boss init
expect_rc 0 "init by the bed manager"
as boss check-config "$cfg"
expect_rc 0 "the access list is valid"

users="boss ward sc view nobody"
n=0
# patient SITE WARD: a new patient admitted by the bed manager; prints its
# MRN. A blocker owned by OWNER on it with blocker=OWNER.
patient() {
	n=$((n + 1))
	local mrn=P$n
	raw boss admit --site "$1" --mrn "$mrn" \
		$([ "$2" != - ] && echo "ward=$2") >/dev/null 2>&1 ||
		echo "setup: cannot admit $mrn" >&2
	if [ -n "${3:-}" ]; then
		raw boss blocker add --site "$1" --owner "$3" "$mrn" E \
			>/dev/null 2>&1 || echo "setup: no blocker on $mrn" >&2
	fi
	echo "$mrn"
}
blocker_of() { q "SELECT b.id FROM blocker b JOIN stay s ON s.id = b.stay WHERE s.mrn = '$1'"; }

# row ACTION EXPECTED(boss ward sc view nobody: y/n) SETUP COMMAND...
# SETUP: "SITE WARD OWNER" of the patient (- for none); {mrn}, {blocker}
# in COMMAND are replaced by the patient's.
row() {
	local action=$1 expect=$2 setup=$3
	shift 3
	local i=0 who name want mrn blk args a refused_before refused_after
	for who in $users; do
		i=$((i + 1))
		want=$(echo "$expect" | cut -c$i)
		n=$((n + 1))
		mrn=U$n
		blk=-
		if [ "$setup" != - ]; then
			# shellcheck disable=SC2086
			mrn=$(patient $setup)
			blk=$(blocker_of "$mrn")
		fi
		args=()
		for a in "$@"; do
			a=${a//\{mrn\}/$mrn}
			args+=("${a//\{blocker\}/$blk}")
		done
		name=$(login "$who")
		refused_before=$(q "SELECT count(*) FROM audit WHERE field = 'refused' AND by = '$name'")
		as "$who" "${args[@]}"
		refused_after=$(q "SELECT count(*) FROM audit WHERE field = 'refused' AND by = '$name'")
		if [ "$want" = y ]; then
			expect_rc 0 "$action by $who (allowed)"
		else
			expect_rc 77 "$action by $who (refused)"
			grep -qE "^sitrep: $name (\(|has no role)" "$tmp/err" ||
				fail "$action by $who: the refusal does not say who: $err"
			grep -q "may not" "$tmp/err" ||
				fail "$action by $who: the refusal does not say what: $err"
			[ -s "$tmp/out" ] && fail "$action by $who: refused but printed: $out"
			[ "$refused_after" -gt "$refused_before" ] ||
				fail "$action by $who: the refusal is not in the audit trail"
		fi
	done
}

#   action           boss ward sc view nobody
row read             yyyyn - report
row identifiers      yyynn - report --show-names
row export           yyynn - export --current
row admit_in_scope   yynnn - admit --site ACU --mrn "{mrn}" ward=A
row admit_elsewhere  ynnnn - admit --site COM --mrn "{mrn}"
row edit_in_scope    yynnn "ACU A" set --site ACU "{mrn}" edd=2026-12-20
row edit_elsewhere   ynnnn "ACU B" set --site ACU "{mrn}" edd=2026-12-20
row move_out         ynnnn "ACU A" set --site ACU "{mrn}" ward=B
row discharge        yynnn "ACU A" discharge --site ACU "{mrn}"
row discharge_else   ynnnn "COM -" discharge --site COM "{mrn}"
row mark             yynnn "ACU A" mark --site ACU "{mrn}" red --reason test
row blocker_theirs   yyynn "ACU A" blocker add --site ACU --owner asc "{mrn}" A
row blocker_others   ynnnn "ACU B" blocker add --site ACU --owner hub "{mrn}" A
row blocker_close    ynynn "ACU B asc" blocker close "{blocker}"
row blocker_hub      ynnnn "ACU B hub" blocker close "{blocker}"
row blocker_to_asc   yynnn "ACU A hub" blocker assign "{blocker}" asc
row beds             ynnnn - beds close ACU/A 1 --reason staffing
row declare_site     ynnnn - opel declare ACU 3 --note x
row declare_system   ynnnn - opel declare system 3 --note x
row opel_input       ynnnn - opel input ACU handover_mins 35
row import           ynnnn - import "$census"
row admin            ynnnn - init

# A refusal says the role and what it takes, in words.
as ward opel declare system 2 --note call
expect_err "$(login ward) (ward coordinator (wards ACU/A)) may not declare the system's OPEL level: it takes a bed manager" \
	"the refusal names the role and what it takes"
as nobody report
expect_err "$(login nobody) has no role in the config's access list" "a user with no role"

# whoami: the login, the roles and their scope.
as ward whoami
expect_rc 0 "whoami"
expect_out "roles: ward coordinator (wards ACU/A)" "whoami shows the role and scope"
expect_out "may change a patient's record" "whoami lists what the role may do"
as view whoami
grep -q "may change a patient's record" "$tmp/out" && fail "a viewer may not edit"

[ -n "$setgid" ] && { finish; exit; }

# Bad access lists: one clear message each.
bad() { # description, yaml lines
	sed '/^access:/,$d' "$cfg" >"$tmp/bad.yaml"
	printf '%s\n' "$2" >>"$tmp/bad.yaml"
	run check-config "$tmp/bad.yaml"
	expect_fail "$1"
	expect_err "bad.yaml:" "$1: says where"
}
bad "an unknown role" 'access:
  - { role: admin, users: [x] }'
bad "no users or groups" 'access:
  - { role: viewer }'
bad "an unknown ward" 'access:
  - { role: ward_coordinator, users: [x], wards: [ACU/Z] }'
bad "sites for a viewer" 'access:
  - { role: viewer, users: [x], sites: [ACU] }'
bad "an unknown owner" 'access:
  - { role: social_care, users: [x], owners: [nobody] }'

finish
