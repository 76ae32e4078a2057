# Roles (issue 18): the config's access list, through the binary. A table
# of actions, one command each, run by one user per role (bed manager;
# ward coordinator of ACU/A; social care owning the blockers of asc;
# viewer) and by a user the list does not name: each allowed or refused as
# the table says, every refusal with a message naming who, their roles
# and what it takes, exit 77, nothing written, and an audit row. Each
# attempt works on a patient of its own, admitted by the bed manager, so
# one user's success cannot decide another's result. The logins come from
# SITREP_USER (user mode); tests/reliability/test_setgid.sh shows the
# setgid install takes them from the real uid.
. "$(dirname "$0")/lib.sh"
db=$tmp/a.db
cfg=$tmp/access.yaml
unset SITREP_NOW SITREP_TODAY
export SITREP_TODAY=2026-12-06 SITREP_NOW=2026-12-06T09:00
cat >"$cfg" <<'EOF'
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
  - { role: bed_manager, users: [boss] }
  - { role: ward_coordinator, users: [ward], wards: [ACU/A] }
  - { role: social_care, users: [sc], owners: [asc] }
  - { role: viewer, users: [view] }
EOF
as() { # USER ARGS...
	local who=$1
	shift
	SITREP_USER=$who run --config "$cfg" --db "$db" "$@"
}
q() { sqlite3 "$db" "$1"; }
census=$tmp/census.csv
printf 'site,ward,mrn,admitted_at\nACU,A,C1,2026-12-01T10:00\n' >"$census"

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
	SITREP_USER=boss "$SITREP_BIN" --config "$cfg" --db "$db" admit \
		--site "$1" --mrn "$mrn" $([ "$2" != - ] && echo "ward=$2") \
		>/dev/null 2>&1 ||
		echo "setup: cannot admit $mrn" >&2
	if [ -n "${3:-}" ]; then
		SITREP_USER=boss "$SITREP_BIN" --config "$cfg" --db "$db" \
			blocker add --site "$1" --owner "$3" "$mrn" E \
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
	local i=0 who want mrn blk args a refused_before refused_after
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
		refused_before=$(q "SELECT count(*) FROM audit WHERE field = 'refused' AND by = '$who'")
		as "$who" "${args[@]}"
		refused_after=$(q "SELECT count(*) FROM audit WHERE field = 'refused' AND by = '$who'")
		if [ "$want" = y ]; then
			expect_rc 0 "$action by $who (allowed)"
		else
			expect_rc 77 "$action by $who (refused)"
			grep -qE "^sitrep: $who (\(|has no role)" "$tmp/err" ||
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
expect_err "ward (ward coordinator (wards ACU/A)) may not declare the system's OPEL level: it takes a bed manager" \
	"the refusal names the role and what it takes"
as nobody report
expect_err "nobody has no role in the config's access list" "a user with no role"

# whoami: the login, the roles and their scope.
as ward whoami
expect_rc 0 "whoami"
expect_out "roles: ward coordinator (wards ACU/A)" "whoami shows the role and scope"
expect_out "may change a patient's record" "whoami lists what the role may do"
as view whoami
grep -q "may change a patient's record" "$tmp/out" && fail "a viewer may not edit"

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
