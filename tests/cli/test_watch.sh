# sitrep watch (issue 16): a level change gives exactly one call of the
# command with the documented JSON on stdin; running again gives none; two
# watchers at once still give one; a failing command is retried after the
# delay and every attempt recorded; a command that hangs is killed at its
# timeout; --every stops cleanly on SIGTERM; and nothing sitrep prints (nor
# the documents) holds a patient's MRN, NHS number or name.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
db=$tmp/watch.db
calls=$tmp/calls.jsonl
fails=$tmp/fails.log
allerr=$tmp/all.err
: >"$calls"
: >"$fails"
: >"$allerr"
export SITREP_NOW=2026-12-04T09:00 SITREP_TODAY=2026-12-04

# The fake commands: one appends its stdin (one line of JSON) to a file,
# with the notification's id and attempt from its environment; one says
# why it fails and exits 1; one hangs.
cat >"$tmp/record.sh" <<EOF
#!/bin/sh
cat >>"$calls"
echo "\$SITREP_NOTIFICATION_ID \$SITREP_NOTIFICATION_ATTEMPT" >>"$tmp/ids"
EOF
cat >"$tmp/failing.sh" <<EOF
#!/bin/sh
cat >>"$fails"
echo "pager gateway said 503" >&2
exit 1
EOF
chmod +x "$tmp/record.sh" "$tmp/failing.sh"

write_config() { # file, site_declared commands, extra commands
	cat >"$1" <<EOF
system:
  name: Watch test system
sites:
  - code: AAA
    name: Alpha Hospital
    kind: acute
    beds: 4
  - code: BBB
    name: Beta Community
    kind: community
    beds: 10
opel:
  acute:
    metrics:
      occupancy_pct: {levels: [50, 70, 100]}
notify:
  commands:
    - name: record
      argv: ["$tmp/record.sh"]
    - name: pager
      argv: ["$tmp/failing.sh", "--urgent"]
      timeout_seconds: 5
    - name: hangs
      argv: [sleep, "30"]
      timeout_seconds: 1
  on:
    site_computed: [record]
    site_declared: $2
    system_computed: record
    threshold: [record]
  thresholds:
    - metric: occupancy_pct
      site: AAA
      value: 75
  retry:
    attempts: 2
    after_seconds: 60
  actions:
    3:
      - Open the escalation ward
EOF
}
cfg=$tmp/sitrep.yaml
write_config "$cfg" "[record]"
sr() { run --config "$cfg" --db "$db" "$@"; cat "$tmp/err" >>"$allerr"; }
q() { sqlite3 "$db" "$1"; }
lines() { wc -l <"$1" | tr -d ' '; }
# field N KEY: the value of KEY in line N of the calls, as JSON.
field() {
	python3 -c 'import json,sys
doc = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
print(json.dumps(doc[sys.argv[3]]))' "$calls" "$1" "$2"
}

sr check-config "$cfg"
expect_rc 0 "the test config is valid"
# The example config's notify section, and its action cards once
# uncommented, are valid.
sr check-config "$src/config/sitrep.yaml"
expect_rc 0 "the example config is valid"
sed -E 's/^  # (actions:|  [0-9]:|    - )/  \1/' "$src/config/sitrep.yaml" \
	>"$tmp/example.yaml"
grep -q '^  actions:$' "$tmp/example.yaml" ||
	fail "the example config has no action cards to uncomment"
sr check-config "$tmp/example.yaml"
expect_rc 0 "the example config with its action cards is valid"
sr init
expect_rc 0 "init"

# ---- the first run sets the baseline ----
sr watch
expect_rc 0 "first watch"
expect_out "first run" "the first run says it records the baseline"
expect_eq "$(lines "$calls")" 0 "the first run notifies nothing"
expect_eq "$(q "SELECT count(*) FROM notify_seen")" 7 \
	"the baseline: the sites' and the system's levels, the threshold"
sr watch
expect_rc 0 "second watch"
expect_no_out "nothing changed: nothing said"
expect_eq "$(lines "$calls")" 0 "nothing changed: nothing notified"

# ---- a computed level change: one call, the documented JSON ----
sr admit --site AAA --mrn WATCHMRN1 --at 2026-12-01T10:00 \
	family_name=Zebedee given_name=Quentin nhs_number=9990000018
expect_rc 0 "admit a first patient"
sr admit --site AAA --mrn WATCHMRN2 --at 2026-12-02T10:00 \
	family_name=Xanthippe given_name=Ulrika nhs_number=9990000026
expect_rc 0 "admit a second patient"
sr watch
expect_rc 0 "watch after the admissions"
expect_eq "$(lines "$calls")" 2 "two calls: AAA's level and the system's"
expect_out "notification 1 (level:AAA) to record: sent" "the delivery is said"
expect_eq "$(field 1 sitrep_notification)" 1 "document version"
expect_eq "$(field 1 event)" '"site_computed"' "event"
expect_eq "$(field 1 subject)" '"level:AAA"' "subject"
expect_eq "$(field 1 system)" '"Watch test system"' "system"
expect_eq "$(field 1 site)" '"AAA"' "site"
expect_eq "$(field 1 site_name)" '"Alpha Hospital"' "site name"
expect_eq "$(field 1 kind)" '"acute"' "kind"
expect_eq "$(field 1 level_type)" '"computed"' "computed or declared"
expect_eq "$(field 1 old_level)" 1 "old level"
expect_eq "$(field 1 new_level)" 2 "new level"
expect_eq "$(field 1 change)" '"up"' "change"
expect_eq "$(field 1 computed_level)" 2 "computed level"
expect_eq "$(field 1 declared_level)" null "no level declared"
expect_eq "$(field 1 drivers)" \
	'[{"metric": "occupancy_pct", "value": 50, "level": 2}]' "drivers"
expect_eq "$(field 1 explanation)" '"occupancy_pct 50.0 >= 50 (L2)"' \
	"explanation"
expect_eq "$(field 1 time)" '"2026-12-04T09:00:00"' "time"
expect_eq "$(field 1 as_at)" '"2026-12-04T09:00"' "as at"
python3 - "$calls" <<'EOF' || fail "the figures of the document"
import json, sys
doc = json.loads(open(sys.argv[1]).readline())
f = doc["figures"]
assert f["beds"] == 4 and f["occupied"] == 2 and f["free"] == 2, f
assert f["occupancy_pct"] == 50 and f["super_stranded"] == 0, f
assert set(doc) == {"sitrep_notification", "event", "subject", "system",
    "site", "site_name", "kind", "level_type", "old_level", "new_level",
    "change", "computed_level", "declared_level", "drivers", "explanation",
    "figures", "time", "as_at"}, sorted(doc)
EOF
expect_eq "$(field 2 subject)" '"level:system"' "the system's level"
expect_eq "$(field 2 site)" null "the system has no site"
expect_eq "$(field 2 drivers)" '[{"site": "AAA", "level": 2}]' \
	"the system's drivers: its sites above level 1"
expect_eq "$(sed -n 1p "$tmp/ids")" "1 1" \
	"the command has the notification's id and attempt in its environment"
sr watch
expect_rc 0 "watch again"
expect_eq "$(lines "$calls")" 2 "running again notifies nothing more"

# ---- a threshold crossed ----
sr admit --site AAA --mrn WATCHMRN3 --at 2026-12-03T10:00 \
	family_name=Wolstenholme given_name=Theodora nhs_number=9990000034
expect_rc 0 "admit a third patient (75%: level 3, the threshold)"
sr watch
expect_rc 0 "watch after the third admission"
expect_eq "$(lines "$calls")" 5 "AAA 2->3, the system 2->3, the threshold"
expect_eq "$(field 5 event)" '"threshold"' "threshold event"
expect_eq "$(field 5 subject)" '"threshold:AAA:occupancy_pct:75"' \
	"threshold subject"
expect_eq "$(field 5 metric)" '"occupancy_pct"' "threshold metric"
expect_eq "$(field 5 threshold)" 75 "threshold value"
expect_eq "$(field 5 value)" 75 "the figure"
expect_eq "$(field 5 old_state)" '"below"' "below before"
expect_eq "$(field 5 new_state)" '"above"' "above now"
sr discharge --site AAA --at 2026-12-04T08:30 WATCHMRN3
expect_rc 0 "discharge the third patient"
sr watch
expect_rc 0 "watch after the discharge"
# Levels fall (notified), the threshold falls below (direction above: not).
expect_eq "$(lines "$calls")" 7 "the falls of the levels, not the threshold's"
expect_eq "$(field 6 change)" '"down"' "a fall is notified as down"

# ---- two watchers at once: each change once ----
for round in 1 2 3; do
	before=$(lines "$calls")
	level=$((round % 2 + 3))
	sr opel declare AAA "$level" --note "round $round"
	expect_rc 0 "declare AAA $level"
	pids=()
	for w in 1 2 3 4; do
		"$SITREP_BIN" --config "$cfg" --db "$db" watch --once \
			>"$tmp/w$w.out" 2>"$tmp/w$w.err" </dev/null &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p" || fail "round $round: a watcher failed"
	done
	cat "$tmp"/w?.err >>"$allerr"
	expect_eq "$(($(lines "$calls") - before))" 1 \
		"round $round: four watchers at once, one call"
done
expect_eq "$(python3 -c 'import json,sys
print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["level_type"])' \
	"$calls")" declared "the declared change says declared"
expect_eq "$(q "SELECT count(*) FROM notification WHERE subject = 'declared:AAA'")" \
	3 "one notification per declaration"

# ---- a failing command: retried after the delay, both attempts kept ----
write_config "$cfg" "[pager]"
sr opel declare AAA 2 --note "stepping down"
expect_rc 0 "declare AAA 2"
sr watch
expect_rc 0 "a failing command is not the watch's failure"
expect_eq "$(lines "$fails")" 1 "the failing command ran once"
id=$(q "SELECT id FROM notification WHERE command = 'pager'")
expect_err "notification $id (declared:AAA) to pager: exit 1, retry at 09:01" \
	"the failure is logged with the retry's time"
expect_eq "$(q "SELECT state || ' ' || attempts || ' ' || next_at FROM notification WHERE id = $id")" \
	"failed 1 2026-12-04T09:01:00" "failed, retry due a minute later"
sr watch
expect_eq "$(lines "$fails")" 1 "not retried before the delay"
SITREP_NOW=2026-12-04T09:02 sr watch
expect_rc 0 "the retry"
expect_eq "$(lines "$fails")" 2 "retried once the delay passed"
expect_err "exit 1, no attempt left (2 made)" "the last failure is logged"
expect_eq "$(q "SELECT count(*) FROM notification_attempt WHERE notification = $id")" \
	2 "both attempts recorded"
expect_eq "$(q "SELECT group_concat(exit_status || ' ' || outcome, '|') FROM notification_attempt WHERE notification = $id")" \
	"1 exit 1: pager gateway said 503|1 exit 1: pager gateway said 503" \
	"each attempt with its exit status and what the command said"
expect_eq "$(q "SELECT state || ' ' || attempts || ' ' || ifnull(next_at, '-') FROM notification WHERE id = $id")" \
	"failed 2 -" "given up after the configured attempts"
SITREP_NOW=2026-12-04T09:10 sr watch
expect_eq "$(lines "$fails")" 2 "not run again once given up"
sr watch --history
expect_rc 0 "history"
expect_out "$id  2026-12-04T09:00:00  declared:AAA  to pager  failed, given up (2 attempts)" \
	"the history lists the notification"
expect_out "    2026-12-04T09:02:00  exit 1: pager gateway said 503" \
	"and its attempts"
sr watch --history --limit 1
expect_eq "$(grep -c '^[0-9]' "$tmp/out")" 1 "--limit 1: one notification"

# ---- a command that hangs is killed at its timeout ----
write_config "$cfg" "[hangs]"
sr opel declare AAA 3 --note "hang"
start=$(date +%s)
sr watch
took=$(($(date +%s) - start))
expect_rc 0 "watch with a hanging command"
[ "$took" -lt 10 ] || fail "the hanging command was not killed (${took}s)"
expect_err "to hangs: timed out after 1 s, killed, retry at 09:01" \
	"the timeout is logged"

# ---- a stale claim (its watcher killed) is taken over ----
write_config "$cfg" "[record]"
sqlite3 "$db" "INSERT INTO notification (subject, command, payload, created_at, state,
	 attempts, next_at, claimed_by, claimed_at)
	VALUES ('declared:AAA', 'record', '{\"stale\":true}' || char(10),
	 '2026-12-04T08:00:00',
	 'running', 1, '2026-12-04T08:00:00', '1@elsewhere', '2026-12-04T08:00:00')"
before=$(lines "$calls")
sr watch
expect_rc 0 "watch with a stale claim"
expect_eq "$(($(lines "$calls") - before))" 1 "the stale claim's command run"
expect_eq "$(q "SELECT state || ' ' || attempts FROM notification WHERE claimed_by NOT LIKE '1@%' AND payload LIKE '{\"stale\":true}%'")" \
	"sent 2" "the stale claim is taken over and sent"
expect_eq "$(q "SELECT count(*) FROM notification_attempt WHERE outcome LIKE 'abandoned%'")" \
	1 "the lost attempt is recorded as abandoned"

# ---- --every: rounds until SIGTERM ----
before=$(lines "$calls")
"$SITREP_BIN" --config "$cfg" --db "$db" watch --every 1s \
	>"$tmp/every.out" 2>"$tmp/every.err" </dev/null &
pid=$!
sleep 1.5
"$SITREP_BIN" --config "$cfg" --db "$db" opel declare AAA 1 --note "calm" \
	>/dev/null 2>&1 || fail "declare while watching"
for i in $(seq 1 200); do
	[ "$(lines "$calls")" -gt "$before" ] && break
	sleep 0.1
done
expect_eq "$(($(lines "$calls") - before))" 1 "--every notices a change"
kill -TERM "$pid"
wait "$pid"
expect_eq "$?" 0 "--every exits 0 on SIGTERM"
cat "$tmp/every.err" >>"$allerr"

# ---- usage and configuration errors ----
sr watch --every soon
expect_rc 2 "--every takes a duration"
expect_err "--every takes a duration" "the duration is explained"
sr watch --every 5m --once
expect_rc 2 "--every with --once"
sr watch --history --once
expect_rc 2 "--history with --once"
sr watch --limit 3
expect_rc 2 "--limit without --history"
sr watch extra
expect_rc 2 "an operand"
sed '/^notify:/,$d' "$cfg" >"$tmp/plain.yaml"
run --config "$tmp/plain.yaml" --db "$db" watch
expect_rc 78 "no notify commands"
expect_err "no notify commands" "says the config lacks them"

# ---- no patient identifiers, anywhere sitrep wrote ----
for what in WATCHMRN Zebedee Quentin Xanthippe Ulrika Wolstenholme Theodora \
	9990000018 9990000026 9990000034 "999 000 0018"; do
	grep -qF -- "$what" "$allerr" && fail "stderr holds '$what'"
	grep -qF -- "$what" "$calls" && fail "a document holds '$what'"
	grep -qF -- "$what" "$fails" && fail "a failed document holds '$what'"
	[ -z "$(q "SELECT id FROM notification WHERE instr(payload, '$what')")" ] ||
		fail "a stored document holds '$what'"
done
[ -s "$allerr" ] || fail "no stderr collected to check"

finish
