# sitrep pack (issue 17): the board pack on the report's fixture, with an
# owner's blocker and a name that is HTML. The page is checked in headless
# Chromium (tests/check/pack_browser.py: figures against the report's JSON,
# no network, a screenshot, contrast, print to A4 landscape pages), by
# tidy (Debian's HTML validator), for the same bytes from the same data,
# for initials unless --show-names, and for its errors. Skipped (77) when
# ./dev has not installed the browser and the tools.
. "$(dirname "$0")/lib.sh"
for tool in chromium chromedriver tidy pdfinfo pdftotext; do
	command -v "$tool" >/dev/null ||
		{ echo "$tool missing (./dev test installs it): skipped"; exit 77; }
done
data=$src/tests/data/report
cfg=$tmp/pack.yaml
db=$tmp/p.db
export SITREP_USER=alice
unset SITREP_NOW SITREP_TODAY
{
	cat "$data/fixture.yaml"
	cat <<'EOF'
owners:
  - { code: hub, kind: team, agency: both, name: "Discharge hub & flow" }
EOF
} >"$cfg"
sr() { run --config "$cfg" --db "$db" "$@"; }

# ---- the data: the fixture, a name that is HTML, an owned blocker ----

SITREP_TODAY=2026-11-10 SITREP_NOW=2026-11-10T23:00 sr import "$data/census.csv"
expect_rc 0 "import the fixture"
cat >"$tmp/more.csv" <<'EOF'
site,ward,mrn,nhs_number,family_name,given_name,admitted_at,edd,g2g_date,pathway,delay_reason,delay_agency,discharged_at
COM,,C9,,"<b>Evil</b> & ""Co""",Ann,2026-10-20T10:00,,2026-10-30,,D1,ASC,
EOF
SITREP_TODAY=2026-11-10 SITREP_NOW=2026-11-10T23:10 sr import "$tmp/more.csv"
expect_rc 0 "import a name that is HTML"
SITREP_NOW=2026-11-10T09:00 sr opel declare system 4 --note call
expect_rc 0 "declare the system"
SITREP_TODAY=2026-11-10 SITREP_NOW=2026-11-10T10:00 sr blocker add --site ACU \
	--owner hub --due 2026-11-06 --from 2026-11-02T09:00 S1 A
expect_rc 0 "a blocker owned by the hub"

# ---- the pack of Tuesday 10 November, written the next morning ----

export SITREP_TODAY=2026-11-11 SITREP_NOW=2026-11-11T08:30
sr pack --date 2026-11-10 --output "$tmp/pack.html"
expect_rc 0 "pack --date"
expect_no_out "pack --output"
[ -s "$tmp/pack.html" ] || fail "pack --output wrote nothing"
expect_eq "$(stat -c %a "$tmp/pack.html")" 600 "the pack file is private"
expect_eq "$(find "$tmp" -maxdepth 1 -name 'pack.html.tmp*' | wc -l)" 0 \
	"no temporary file left"

# The same data and day: the same bytes, to a file or to stdout.
sr pack --date 2026-11-10
expect_rc 0 "pack to stdout"
cmp -s "$tmp/out" "$tmp/pack.html" ||
	fail "the pack differs between two runs on the same data"

# Initials unless --show-names; stored text is never markup.
grep -qF "O'Brien" "$tmp/pack.html" && fail "a name in the default pack"
grep -qF "O&#39;Brien" "$tmp/pack.html" && fail "a name in the default pack"
grep -qF "<b>Evil" "$tmp/pack.html" && fail "stored text written as markup"
grep -qF "Z. O." "$tmp/pack.html" || fail "initials missing"
sr pack --date 2026-11-10 --show-names --output "$tmp/names.html"
expect_rc 0 "pack --show-names"
grep -qF "O&#39;Brien, Zoë" "$tmp/names.html" || fail "--show-names: no name"
grep -qF "&lt;b&gt;Evil&lt;/b&gt; &amp; &quot;Co&quot;, Ann" "$tmp/names.html" ||
	fail "--show-names: the HTML name is not escaped as text"
grep -qF "<b>Evil" "$tmp/names.html" && fail "--show-names: markup from a name"
grep -qF "Discharge hub &amp; flow; due 2026-11-06 <strong>(overdue)</strong>" \
	"$tmp/pack.html" || fail "the owned blocker is not shown with its owner and due date"

# The HTML validator Debian packages: no error, no warning.
tidy -q -e "$tmp/pack.html" >"$tmp/tidy" 2>&1 ||
	fail "tidy: $(head -n 20 "$tmp/tidy")"

# In the browser, against the report of the same day and of --since's.
sr report --date 2026-11-10 --format json
cp "$tmp/out" "$tmp/report.json"
sr report --date 2026-11-03 --format json
cp "$tmp/out" "$tmp/since.json"
mkdir -p "$tmp/day"
checks=$((checks + 1))
python3 "$src/tests/check/pack_browser.py" "$tmp/pack.html" \
	"$tmp/report.json" "$tmp/since.json" "$tmp/day" >"$tmp/browser" 2>&1 ||
	fail "the day's pack in the browser: $(head -n 30 "$tmp/browser")"
grep -q "^[0-9]* figures equal the report's; 8 charts; [0-9]* A4 landscape pages" \
	"$tmp/browser" || fail "the browser check said: $(cat "$tmp/browser")"
echo "day: $(tail -n 1 "$tmp/browser")"

# ---- a month's pack: October, the month's end; changes since September ----

sr pack --month 2026-10 --output "$tmp/month.html"
expect_rc 0 "pack --month"
grep -qF "board pack, October 2026</h1>" "$tmp/month.html" ||
	fail "the month's pack is not titled by its month"
grep -qF "the system by month" "$tmp/month.html" ||
	fail "the month's pack does not chart by month"
sr report --date 2026-10-31 --format json
cp "$tmp/out" "$tmp/oct.json"
sr report --date 2026-09-30 --format json
cp "$tmp/out" "$tmp/sep.json"
mkdir -p "$tmp/month"
checks=$((checks + 1))
python3 "$src/tests/check/pack_browser.py" "$tmp/month.html" \
	"$tmp/oct.json" "$tmp/sep.json" "$tmp/month" >"$tmp/browser" 2>&1 ||
	fail "the month's pack in the browser: $(head -n 30 "$tmp/browser")"
echo "month: $(tail -n 1 "$tmp/browser")"

# ---- today's pack is live: as at now ----

SITREP_TODAY=2026-11-10 SITREP_NOW=2026-11-10T14:27 sr pack
expect_rc 0 "pack of today"
expect_out "Figures as at 14:27, Tuesday 10 November 2026" "today's pack is live"

# ---- a past day's pack does not move when later days are edited ----

SITREP_NOW=2026-11-11T09:00 sr set --site ACU S3 g2g_date=2026-11-11
expect_rc 0 "a later edit"
sr pack --date 2026-11-10 --output "$tmp/again.html"
expect_rc 0 "the pack again"
cmp -s "$tmp/again.html" "$tmp/pack.html" ||
	fail "a later edit changed the pack of a past day: $(diff "$tmp/pack.html" "$tmp/again.html" | head -n 10)"

# ---- errors: a clear message, a non-zero exit, nothing written ----

sr pack --date 2026-11-10 --month 2026-11
expect_rc 2 "--date and --month"
expect_err "--date or --month, not both" "--date and --month"
sr pack --month 2026-13
expect_fail "--month 2026-13"
expect_err "--month takes a month: YYYY-MM" "--month 2026-13"
sr pack --month 2027-01
expect_fail "a month after today"
expect_err "is after today" "a month after today"
sr pack --date 2026-11-12
expect_fail "a day after today"
sr pack --date 2026-11-10 --since 2026-11-10
expect_fail "--since not before the day"
expect_err "is not before the pack's day" "--since not before the day"
sr pack --date 2026-11-10 --output "$tmp/no/such/dir/p.html"
expect_fail "--output in a missing directory"
expect_err "cannot create" "--output in a missing directory"
[ ! -e "$tmp/no" ] || fail "--output in a missing directory made it"

finish
