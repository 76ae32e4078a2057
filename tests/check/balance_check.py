#!/usr/bin/env python3
"""An independent recomputation of the bed state and the bed balance of
`sitrep report --format json --at T` (per site and the system total), and
of the stays on `sitrep repatriation --format csv --at T`, from the raw
record: the stays as `sitrep export` writes them (their current values,
which are the values in force at T when T is now: the check runs sitrep
with SITREP_NOW and SITREP_TODAY fixed to T), the config's sites, wards
and areas, and the bed states in the tables bed_state and bed_state_end.

Written from the words of sitrep(1) ("beds", "report", "repatriation",
FIELDS edd_status, source and area) and sitrep.yaml(5) only, never from
the C (metrics, report, store), so that a mistake there is caught rather
than copied. Python standard library only, and none of the other checks'
modules: the config is read by the small YAML-subset reader below.

The words applied (T a moment "YYYY-MM-DDTHH:MM" on day D; times are
local wall-clock strings, compared as "YYYY-MM-DDTHH:MM:SS"):
  - beds: the site's configured beds (its wards' total when the site
    lists wards and gives no beds; if both are given they agree).
  - beds_closed / beds_escalation: the counts of the site's bed states
    ('closed' / 'escalation', on a ward, a bed or the site as a whole) in
    force at T: valid_from <= T < end, where the end is that of the
    state's latest bed_state_end row (by recorded_at, then id), else the
    row's valid_to, NULL meaning open.
  - beds_available = beds - closed + escalation; occupied = the stays of
    the site admitted at or before T and not discharged by T (in a bed);
    free_beds = available - occupied; occupancy_pct = 100 x occupied /
    available (null when there are no available beds).
  - bed_balance: edd_today_confirmed / edd_today_possible: in a bed at T
    with EDD == D and edd_status "confirmed" / anything else (possible or
    none); edd_tomorrow_* the same with EDD == D+1.
    expected_admissions_to_noon: over the days D-7, D-14, D-21 and D-28,
    the admissions of the day with a time of day >= T's HH:MM and < 12:00,
    summed and divided by 4; expected_admissions_to_midnight the same
    with a time of day >= T's HH:MM. projected_free_noon = free_beds +
    edd_today_confirmed - expected_admissions_to_noon, null when T is
    12:00 or later; projected_free_midnight = free_beds +
    edd_today_confirmed + edd_today_possible -
    expected_admissions_to_midnight (the expectation unrounded: the
    projection is rounded once).
  - admissions_mtd: count = admissions from the 1st of D's month 00:00 to
    T inclusive; step_up = of them from home or community; step_down =
    from acute; step_up_pct = 100 x step_up / (step_up + step_down), null
    when both are 0.
  - discharges_28d: the stays discharged on days D-28 .. D-1 (the date of
    discharged_at): weekend (Saturday, Sunday) and weekday;
    weekend_rate_pct = 100 x (weekend / 8) / (weekday / 20), null when
    weekday is 0.
  - The total: the sites' counts summed, the percentages, the expected
    admissions and the projections worked out again from the sums.
  - Figures with one decimal place are rounded half away from zero
    (sitrep(1) "JSON FORMAT"), from the exact fraction; counts exactly.
  - repatriation: the stays in a bed at T whose area is recorded and is
    not one of the config's areas codes; compared as a multiset of (site,
    area) pairs.

Each difference is printed as `SITE FIGURE: expected X, got Y`; the exit
status is 1 if there is any (2 on a usage or run error). The last line is
"balance_check: N figures compared, D differences".

usage: balance_check.py --bin SITREP --config FILE --db FILE --at MOMENT
           [--json FILE] [--export FILE] [--repatriation FILE]
       (--json, --export and --repatriation read sitrep's output from a
       file instead of running it: to show that a wrong figure is caught.)
"""
import argparse
import csv
import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from fractions import Fraction

DAY = dt.timedelta(days=1)


# ------------------------------------------------------------ the config


def _strip_comment(line):
    """The line without a comment: a # at the start or after a blank,
    outside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if text.lstrip("-").isdigit():
        return int(text)
    return text


def _flow(text, i=0):
    """A flow value at text[i:]: {k: v, ...}, [a, ...] or a scalar up to
    the next , ] or }. Returns (value, next index)."""
    while i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] in "{[":
        close = "}" if text[i] == "{" else "]"
        out = {} if close == "}" else []
        i += 1
        while True:
            while i < len(text) and text[i] in " ,":
                i += 1
            if i >= len(text):
                raise ValueError("unclosed %s in %r" % (close, text))
            if text[i] == close:
                return out, i + 1
            if close == "]":
                v, i = _flow(text, i)
                out.append(v)
            else:
                j = text.index(":", i)
                key = text[i:j].strip()
                v, i = _flow(text, j + 1)
                out[key] = v
    # a scalar
    if i < len(text) and text[i] in "\"'":
        j = text.index(text[i], i + 1)
        return text[i + 1:j], j + 1
    j = i
    while j < len(text) and text[j] not in ",]}":
        j += 1
    return _scalar(text[i:j]), j


def _value(text):
    text = text.strip()
    if text.startswith("{") or text.startswith("["):
        return _flow(text)[0]
    return _scalar(text)


def _split_key(text):
    """'key: rest' -> (key, rest); None when the text is no mapping entry."""
    if text.endswith(":"):
        return text[:-1].strip(), ""
    j = text.find(": ")
    if j < 0 or text[0] in "\"'{[":
        return None
    return text[:j].strip(), text[j + 2:]


def _node(lines, i):
    ind, text = lines[i]
    if text == "-" or text.startswith("- "):
        return _seq(lines, i, ind)
    return _map(lines, i, ind)


def _seq(lines, i, ind):
    out = []
    while i < len(lines) and lines[i][0] == ind and (
            lines[i][1] == "-" or lines[i][1].startswith("- ")):
        text = lines[i][1]
        rest = text[1:].lstrip()
        col = ind + len(text) - len(rest)
        if rest == "":
            i += 1
            if i < len(lines) and lines[i][0] > ind:
                v, i = _node(lines, i)
            else:
                v = None
            out.append(v)
        elif rest[0] in "{[" or _split_key(rest) is None:
            out.append(_value(rest))
            i += 1
        else:
            lines[i] = (col, rest)
            v, i = _map(lines, i, col)
            out.append(v)
    return out, i


def _map(lines, i, ind):
    out = {}
    while i < len(lines) and lines[i][0] == ind and not (
            lines[i][1] == "-" or lines[i][1].startswith("- ")):
        kv = _split_key(lines[i][1])
        if kv is None:
            raise ValueError("not a mapping entry: %r" % lines[i][1])
        key, rest = kv
        i += 1
        if rest.strip():
            out[key] = _value(rest)
        elif i < len(lines) and (lines[i][0] > ind or (
                lines[i][0] == ind and lines[i][1].startswith("-"))):
            out[key], i = _node(lines, i)
        else:
            out[key] = None
    return out, i


def top_level(path, key):
    """The value of a top-level key of the config (None when absent)."""
    with open(path, encoding="utf-8-sig") as f:
        raw = f.read().splitlines()
    lines, inside = [], False
    for line in raw:
        s = _strip_comment(line).rstrip()
        if not s.strip():
            continue
        ind = len(s) - len(s.lstrip(" "))
        if ind == 0:
            if inside:
                break
            kv = _split_key(s)
            if kv and kv[0] == key:
                inside = True
                if kv[1].strip():
                    return _value(kv[1])
            continue
        if inside:
            lines.append((ind, s.strip()))
    if not lines:
        return None
    return _node(lines, 0)[0]


class Config:
    def __init__(self, path):
        self.sites = []            # [(code, beds)] in config order
        for s in top_level(path, "sites") or []:
            wards = s.get("wards") or []
            beds = s.get("beds")
            total = sum(int(w["beds"]) for w in wards)
            if beds is None:
                beds = total
            elif wards and int(beds) != total:
                raise ValueError("site %s: beds %s, its wards' total %d"
                                 % (s["code"], beds, total))
            self.sites.append((str(s["code"]), int(beds)))
        areas = top_level(path, "areas")
        self.areas = (None if not areas
                      else {str(a["code"]) for a in areas})


# ------------------------------------------------------------ the record


def instant(t):
    """'YYYY-MM-DDTHH:MM[:SS]' (or with a space) -> 'YYYY-MM-DDTHH:MM:SS'."""
    t = t.strip().replace(" ", "T")
    return t + ":00" if len(t) == 16 else t[:19]


def unguard(v):
    """A CSV value as stored: without the formula guard's apostrophe."""
    if len(v) >= 2 and v[0] == "'" and v[1] in "=+-@\t":
        return v[1:]
    return v


def read_csv(text):
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        return []
    head = [h.strip().lower() for h in rows[0]]
    return [{h: unguard(v) for h, v in zip(head, r)} for r in rows[1:] if r]


class Stay:
    def __init__(self, r):
        self.site = r["site"]
        self.adm = instant(r["admitted_at"])
        self.dis = instant(r["discharged_at"]) if r.get("discharged_at") \
            else None
        self.edd = r.get("edd") or None
        self.edd_status = r.get("edd_status") or ""
        self.source = r.get("source") or ""
        self.area = r.get("area") or ""

    def in_bed(self, t):
        return self.adm <= t and (self.dis is None or self.dis > t)


def bed_states(db):
    """[(site, state, count, valid_from, end)] with the end in force."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        ends = {}
        for bs, vt, _rec, _id in con.execute(
                "SELECT bed_state, valid_to, recorded_at, id"
                " FROM bed_state_end ORDER BY recorded_at, id"):
            ends[bs] = vt          # the latest row wins
        out = []
        for bid, site, state, count, vf, vt in con.execute(
                "SELECT id, site, state, count, valid_from, valid_to"
                " FROM bed_state ORDER BY id"):
            end = ends[bid] if bid in ends else vt
            out.append((site, state, count, instant(vf),
                        None if end is None else instant(end)))
        return out
    finally:
        con.close()


# ----------------------------------------------------------- computation


COUNT_KEYS = ["beds", "closed", "escalation", "occupied",
              "edd_today_confirmed", "edd_today_possible",
              "edd_tomorrow_confirmed", "edd_tomorrow_possible",
              "adm_noon", "adm_midnight", "mtd", "step_up", "step_down",
              "weekend", "weekday"]


def site_counts(beds, stays, states, site, t):
    day = dt.date.fromisoformat(t[:10])
    hhmm = t[11:16]
    c = dict.fromkeys(COUNT_KEYS, 0)
    c["beds"] = beds
    for s_site, state, count, vf, end in states:
        if s_site == site and vf <= t and (end is None or t < end):
            c["closed" if state == "closed" else "escalation"] += count
    today, tomorrow = day.isoformat(), (day + DAY).isoformat()
    weeks = {(day - k * 7 * DAY).isoformat() for k in (1, 2, 3, 4)}
    month_start = day.replace(day=1).isoformat() + "T00:00:00"
    first28, last28 = day - 28 * DAY, day - DAY
    for s in stays:
        if s.in_bed(t):
            c["occupied"] += 1
            for when, d in (("today", today), ("tomorrow", tomorrow)):
                if s.edd == d:
                    sure = ("confirmed" if s.edd_status == "confirmed"
                            else "possible")
                    c["edd_%s_%s" % (when, sure)] += 1
        if s.adm[:10] in weeks:
            tod = s.adm[11:16]
            if tod >= hhmm:
                c["adm_midnight"] += 1
                if tod < "12:00":
                    c["adm_noon"] += 1
        if month_start <= s.adm <= t:
            c["mtd"] += 1
            if s.source in ("home", "community"):
                c["step_up"] += 1
            elif s.source == "acute":
                c["step_down"] += 1
        if s.dis is not None:
            dd = dt.date.fromisoformat(s.dis[:10])
            if first28 <= dd <= last28:
                c["weekend" if dd.weekday() >= 5 else "weekday"] += 1
    return c


def r1(x):
    """A Fraction to one decimal place, half away from zero, as a
    Fraction (tenths)."""
    if x is None:
        return None
    n = abs(x) * 10
    q = n.numerator // n.denominator
    if n - q >= Fraction(1, 2):
        q += 1
    return Fraction(q if x >= 0 else -q, 10)


def figures(c, t):
    """The expected JSON figures from counts: {path: (value, decimal)}."""
    avail = c["beds"] - c["closed"] + c["escalation"]
    free = avail - c["occupied"]
    noon = Fraction(c["adm_noon"], 4)
    midnight = Fraction(c["adm_midnight"], 4)
    ups = c["step_up"] + c["step_down"]
    f = {
        "beds": (c["beds"], False),
        "beds_closed": (c["closed"], False),
        "beds_escalation": (c["escalation"], False),
        "beds_available": (avail, False),
        "occupied": (c["occupied"], False),
        "free_beds": (free, False),
        "occupancy_pct": (Fraction(100 * c["occupied"], avail)
                          if avail else None, True),
    }
    for k in ("edd_today_confirmed", "edd_today_possible",
              "edd_tomorrow_confirmed", "edd_tomorrow_possible"):
        f["bed_balance." + k] = (c[k], False)
    f["bed_balance.expected_admissions_to_noon"] = (noon, True)
    f["bed_balance.expected_admissions_to_midnight"] = (midnight, True)
    f["bed_balance.projected_free_noon"] = (
        None if t[11:16] >= "12:00"
        else free + c["edd_today_confirmed"] - noon, True)
    f["bed_balance.projected_free_midnight"] = (
        free + c["edd_today_confirmed"] + c["edd_today_possible"]
        - midnight, True)
    f["admissions_mtd.count"] = (c["mtd"], False)
    f["admissions_mtd.step_up"] = (c["step_up"], False)
    f["admissions_mtd.step_down"] = (c["step_down"], False)
    f["admissions_mtd.step_up_pct"] = (
        Fraction(100 * c["step_up"], ups) if ups else None, True)
    f["discharges_28d.weekend"] = (c["weekend"], False)
    f["discharges_28d.weekday"] = (c["weekday"], False)
    f["discharges_28d.weekend_rate_pct"] = (
        Fraction(100 * c["weekend"] * 20, 8 * c["weekday"])
        if c["weekday"] else None, True)
    return f


# ------------------------------------------------------------ comparison


class Comparison:
    def __init__(self):
        self.n = 0
        self.diffs = []

    def diff(self, scope, figure, expected, got):
        self.diffs.append((scope, figure, expected, got))
        print("%s %s: expected %s, got %s" % (scope, figure, expected, got))

    def figure(self, scope, figure, want, decimal, obj):
        self.n += 1
        node = obj
        for part in figure.split("."):
            if not isinstance(node, dict) or part not in node:
                self.diff(scope, figure, show(want, decimal), "(absent)")
                return
            node = node[part]
        got = node
        if want is None:
            if got is not None:
                self.diff(scope, figure, "null", json.dumps(got))
            return
        if decimal:
            exp = r1(want)
            ok = (isinstance(got, (int, float)) and not isinstance(got, bool)
                  and abs(Fraction(got) - exp) < Fraction(1, 10 ** 9))
        else:
            ok = type(got) is int and got == want
        if not ok:
            self.diff(scope, figure, show(want, decimal), json.dumps(got))


def show(want, decimal):
    if want is None:
        return "null"
    if not decimal:
        return str(want)
    exp = r1(want)
    s = "%.1f" % float(exp)
    return s if exp == want else "%s (exactly %s)" % (s, float(want))


def run(args, t, *words):
    env = dict(os.environ)
    env["SITREP_NOW"] = t[:16]
    env["SITREP_TODAY"] = t[:10]
    p = subprocess.run([args.bin, "--config", args.config, "--db", args.db]
                       + list(words), env=env, stdin=subprocess.DEVNULL,
                       capture_output=True)
    if p.returncode != 0:
        raise RuntimeError("sitrep %s: exit %d: %s" % (
            " ".join(words), p.returncode,
            p.stderr.decode("utf-8", "replace").strip()))
    return p.stdout.decode("utf-8")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--at", required=True,
                    help="the moment, YYYY-MM-DDTHH:MM")
    ap.add_argument("--json")
    ap.add_argument("--export")
    ap.add_argument("--repatriation")
    args = ap.parse_args()
    at = args.at.strip().replace(" ", "T")
    try:
        dt.datetime.strptime(at, "%Y-%m-%dT%H:%M")
    except ValueError:
        ap.error("--at %s: not YYYY-MM-DDTHH:MM" % args.at)
    t = instant(at)
    try:
        cfg = Config(args.config)
        if not cfg.sites:
            raise ValueError("%s: no sites" % args.config)
        report = json.loads(read(args.json) if args.json else
                            run(args, at, "report", "--format", "json",
                                "--at", at))
        export = read(args.export) if args.export else run(args, at,
                                                           "export")
        repat = None
        if cfg.areas is not None:
            repat = (read(args.repatriation) if args.repatriation else
                     run(args, at, "repatriation", "--format", "csv",
                         "--at", at))
        states = bed_states(args.db)
    except (OSError, ValueError, RuntimeError, sqlite3.Error) as e:
        print("balance_check: %s" % e, file=sys.stderr)
        return 2

    stays = {}
    for r in read_csv(export):
        stays.setdefault(r["site"], []).append(Stay(r))

    cmp = Comparison()
    theirs = {}
    for i, s in enumerate(report.get("sites") or []):
        code = s.get("code") if isinstance(s, dict) else None
        if code in theirs:
            cmp.diff(code, "(site)", "once", "listed twice")
        theirs[code] = s
    codes = [code for code, _ in cfg.sites]
    got_codes = [s.get("code") for s in report.get("sites") or []
                 if isinstance(s, dict)]
    if got_codes != codes:
        cmp.diff("report", "sites", codes, got_codes)

    total = dict.fromkeys(COUNT_KEYS, 0)
    for code, beds in cfg.sites:
        c = site_counts(beds, stays.get(code, []), states, code, t)
        for k in COUNT_KEYS:
            total[k] += c[k]
        if code not in theirs:
            continue
        for fig, (want, dec) in figures(c, t).items():
            cmp.figure(code, fig, want, dec, theirs[code])
    if not isinstance(report.get("total"), dict):
        cmp.diff("total", "(object)", "{...}", json.dumps(report.get("total")))
    else:
        for fig, (want, dec) in figures(total, t).items():
            cmp.figure("total", fig, want, dec, report["total"])

    if repat is not None:
        want, got = {}, {}
        for code, _ in cfg.sites:
            for s in stays.get(code, []):
                if s.in_bed(t) and s.area and s.area not in cfg.areas:
                    want[(code, s.area)] = want.get((code, s.area), 0) + 1
        for r in read_csv(repat):
            key = (r.get("site"), r.get("area"))
            got[key] = got.get(key, 0) + 1
        for key in sorted(set(want) | set(got), key=str):
            cmp.n += 1
            if want.get(key, 0) != got.get(key, 0):
                cmp.diff(key[0], "repatriation area %s" % key[1],
                         want.get(key, 0), got.get(key, 0))
        if not want:
            print("balance_check: note: nobody out of area at %s" % at)
    print("balance_check: %d figures compared, %d differences"
          % (cmp.n, len(cmp.diffs)))
    return 1 if cmp.diffs else 0


if __name__ == "__main__":
    sys.exit(main())
