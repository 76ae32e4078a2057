#!/usr/bin/env python3
"""An independent recomputation of `sitrep report --format json`.

Written from the definitions only (DESIGN.md section 2, doc/report-json.md,
include/sitrep/metrics.h, man/sitrep.yaml.5 "OPEL RULES"), never from the C
metrics code, so that a mistake there is caught rather than copied. Python
standard library only.

Inputs:
  --config FILE   the YAML config sitrep ran with (parsed here: the subset of
                  YAML that sitrep.yaml(5) allows: block mappings and
                  sequences, flow { } and [ ], plain and quoted scalars)
  --census FILE   the stays, as written by `sitrep export` (UTF-8 BOM, CRLF)
  --db FILE       the database: only the day marks (day_mark joined with
                  stay) and the OPEL declarations (opel_declared) are read
                  from it, the two things the export does not carry
  --date D        the day
  --json FILE     what `sitrep report --date D --format json` printed
                  (--date and --json may be repeated, paired in order, to
                  check several days in one run)

Every figure of doc/report-json.md is recomputed and compared. Counts must
agree exactly; percentages and means are compared after rounding both to one
decimal place (half up, on the exact value here). Each difference is printed
as `PATH: sitrep=X python=Y`; the exit status is 1 if there is any.

usage: recompute.py --config FILE --census FILE --db FILE
       (--date D --json FILE)... [--show-names] [--quiet]
       recompute.py --config FILE --census FILE --db FILE --date D --emit
       recompute.py --config FILE --census FILE --trajectory-edges YYYY-MM,...
       recompute.py --config FILE --census FILE --threshold-edges DAY
"""
import argparse
import csv
import datetime as dt
import json
import re
import sqlite3
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# ---------------------------------------------------------------- YAML subset


def _strip_comment(line):
    """The line without its comment ('#' at the start or after a blank,
    outside quotes). A quote opens only where a scalar may start."""
    out = []
    quote = None
    prev = " "
    for ch in line:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'" and prev in " \t:[{,-":
            quote = ch
        elif ch == "#" and prev in " \t":
            break
        out.append(ch)
        prev = ch
    return "".join(out).rstrip()


def _unquote(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        return json.loads(s)
    if len(s) >= 2 and s[0] == s[-1] == "'":
        return s[1:-1].replace("''", "'")
    return s


def _flow(s):
    """Parses a flow value ({...}, [...] or a scalar) from the whole of s."""
    pos = [0]

    def ws():
        while pos[0] < len(s) and s[pos[0]] in " \t":
            pos[0] += 1

    def scalar(stops):
        ws()
        start = pos[0]
        if pos[0] < len(s) and s[pos[0]] in "\"'":
            q = s[pos[0]]
            pos[0] += 1
            while pos[0] < len(s):
                if s[pos[0]] == "\\" and q == '"':
                    pos[0] += 2
                    continue
                if s[pos[0]] == q:
                    if q == "'" and s[pos[0] + 1:pos[0] + 2] == "'":
                        pos[0] += 2
                        continue
                    break
                pos[0] += 1
            pos[0] += 1
            return _unquote(s[start:pos[0]])
        while pos[0] < len(s) and s[pos[0]] not in stops:
            pos[0] += 1
        return s[start:pos[0]].strip()

    def value():
        ws()
        c = s[pos[0]] if pos[0] < len(s) else ""
        if c == "{":
            pos[0] += 1
            d = {}
            while True:
                ws()
                if s[pos[0]] == "}":
                    pos[0] += 1
                    return d
                k = scalar(":")
                ws()
                assert s[pos[0]] == ":", s
                pos[0] += 1
                d[k] = value()
                ws()
                if s[pos[0]] == ",":
                    pos[0] += 1
        if c == "[":
            pos[0] += 1
            items = []
            while True:
                ws()
                if s[pos[0]] == "]":
                    pos[0] += 1
                    return items
                items.append(value())
                ws()
                if s[pos[0]] == ",":
                    pos[0] += 1
        return scalar(",]}")

    v = value()
    ws()
    assert pos[0] == len(s), "trailing text in %r" % s
    return v


def _block_value(s):
    """A value on a block line: a flow collection, or a scalar taken whole
    (commas and brackets inside a block scalar are just text)."""
    if s[0] in "[{":
        return _flow(s)
    return _unquote(s)


_KEY = re.compile(r"""^([^\s{\["'#][^:]*|"[^"]*"|'[^']*'):(\s|$)""")


def parse_yaml(text):
    lines = []
    for raw in text.splitlines():
        s = _strip_comment(raw)
        if not s.strip() or s.strip() in ("---", "..."):
            continue
        lines.append([len(s) - len(s.lstrip(" ")), s.strip()])
    pos = [0]

    def is_item(t):
        return t == "-" or t.startswith("- ")

    def node(ind):
        if is_item(lines[pos[0]][1]):
            return seq(ind)
        return mapping(ind)

    def value_after(ind, allow_compact_seq):
        """The block node under a key or '-' ending a line, or None."""
        if pos[0] >= len(lines):
            return None
        i, t = lines[pos[0]]
        if i > ind or (allow_compact_seq and i == ind and is_item(t)):
            return node(i)
        return None

    def seq(ind):
        out = []
        while pos[0] < len(lines):
            i, t = lines[pos[0]]
            if i != ind or not is_item(t):
                break
            rest = t[1:].lstrip()
            if not rest:
                pos[0] += 1
                out.append(value_after(ind, False))
            elif _KEY.match(rest):
                lines[pos[0]] = [i + len(t) - len(rest), rest]
                out.append(mapping(lines[pos[0]][0]))
            else:
                pos[0] += 1
                out.append(_block_value(rest))
        return out

    def mapping(ind):
        out = {}
        while pos[0] < len(lines):
            i, t = lines[pos[0]]
            if i != ind or is_item(t):
                break
            m = _KEY.match(t)
            assert m, "not a mapping entry: %r" % t
            key = _unquote(m.group(1))
            rest = t[m.end():].strip()
            pos[0] += 1
            out[key] = _block_value(rest) if rest else value_after(ind, True)
        return out

    return node(lines[0][0]) if lines else None


# ------------------------------------------------------------------- config

SITE_KINDS = ["acute", "community", "mental_health"]
METRICS = ["occupancy_pct", "g2g_pct", "stranded_pct", "super_stranded",
           "delayed_bed_days_7d"]
AGENCIES = ["NHS", "ASC", "both"]
DEFAULT_DELAY_REASONS = [
    ("A", "Completion of assessment"), ("B", "Public funding"),
    ("C", "Further non-acute NHS care"), ("D1", "Residential home"),
    ("D2", "Nursing home"), ("E", "Care package in own home"),
    ("F", "Community equipment / adaptations"),
    ("G", "Patient or family choice"), ("H", "Disputes"), ("I", "Housing"),
    ("O", "Other")]
DEFAULT_RED_REASONS = [
    ("test", "Awaiting test"), ("result", "Awaiting test result"),
    ("review", "Awaiting review"), ("therapy", "Awaiting therapy"),
    ("package", "Awaiting care package"), ("transport", "Awaiting transport"),
    ("tto", "Awaiting medicines to take home")]


class Config:
    pass


def _num(s):
    return Fraction(str(s))


def load_config(path):
    with open(path, encoding="utf-8") as f:
        y = parse_yaml(f.read()) or {}
    c = Config()
    c.system_name = (y.get("system") or {}).get("name")
    th = y.get("thresholds") or {}
    c.stranded_days = int(th.get("stranded_days") or 7)
    c.super_stranded_days = int(th.get("super_stranded_days") or 21)
    c.midday_target_pct = _num(th.get("midday_discharge_target_pct") or 33)
    c.sites = []
    for s in y.get("sites") or []:
        wards = [{"code": w["code"], "name": w.get("name"),
                  "beds": int(w["beds"])} for w in s.get("wards") or []]
        beds = (sum(w["beds"] for w in wards) if wards
                else int(s.get("beds") or 0))
        # A site's own trajectory (optional), as the system's below.
        traj = sorted(((int(str(p["from"]).split("-")[0]),
                        int(str(p["from"]).split("-")[1])), int(p["bed_days"]))
                      for p in s.get("trajectory") or [])
        c.sites.append({"code": s["code"], "name": s["name"],
                        "kind": s["kind"], "beds": beds, "wards": wards,
                        "trajectory": traj})
    op = y.get("opel") or {}
    c.opel = {}
    for kind in SITE_KINDS:
        k = op.get(kind) or {}
        metrics = {}
        for name, m in (k.get("metrics") or {}).items():
            metrics[name] = {"at": [_num(v) for v in m["levels"]],
                             "at_text": [str(v) for v in m["levels"]],
                             "weight": _num(m.get("weight") or 1)}
        c.opel[kind] = {"rule": k.get("rule") or "highest",
                        "metrics": metrics,
                        "bands": [_num(b) for b in k.get("bands") or []]}
    c.system_rule = op.get("system_rule") or "highest"
    dr = y.get("delay_reasons")
    c.delay_reasons = ([(r["code"], r["label"]) for r in dr] if dr
                       else list(DEFAULT_DELAY_REASONS))
    rr = y.get("red_reasons")
    c.red_reasons = ([(r["code"], r["label"]) for r in rr] if rr
                     else list(DEFAULT_RED_REASONS))
    c.trajectory = []
    for p in y.get("trajectory") or []:
        yy, mm = str(p["from"]).split("-")
        c.trajectory.append(((int(yy), int(mm)), int(p["bed_days"])))
    c.trajectory.sort()
    return c


# ------------------------------------------------------------------- census


def _date(s):
    return dt.date.fromisoformat(s[:10]) if s else None


def _unguard(v):
    if len(v) >= 2 and v[0] == "'" and v[1] in "=+-@":
        return v[1:]
    return v


def load_census(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    stays = []
    for r in rows:
        r = {k: _unguard(v or "") for k, v in r.items()}
        adm = r["admitted_at"]
        dis = r["discharged_at"] or None
        stays.append({
            "site": r["site"], "ward": r["ward"] or None,
            "bed": r["bed"] or None, "mrn": r["mrn"],
            "nhs": r["nhs_number"].replace(" ", "") or None,
            "family": r["family_name"], "given": r["given_name"],
            "admitted_at": adm, "adm": _date(adm),
            "edd": _date(r["edd"]), "g2g": _date(r["g2g_date"]),
            "pathway": int(r["pathway"]) if r["pathway"] != "" else None,
            "reason": r["delay_reason"] or None,
            "agency": r["delay_agency"] or None,
            "discharged_at": dis, "dis": _date(dis),
            "dis_minute": (int(dis[11:13]) * 60 + int(dis[14:16])
                           if dis else None),
        })
    return stays


def load_db(path):
    """Day marks as {(site, day): [colour, ...]}; declarations as a list of
    (site, at, level, note, by)."""
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        marks = {}
        for site, day, colour in con.execute(
                "SELECT s.site, m.day, m.colour FROM day_mark m "
                "JOIN stay s ON s.id = m.stay"):
            marks.setdefault((site, day), []).append(colour)
        decl = list(con.execute(
            "SELECT site, at, level, note, by FROM opel_declared "
            "ORDER BY at, id"))
    finally:
        con.close()
    return marks, decl


# ------------------------------------------------------------ computation

DAY = dt.timedelta(days=1)


def overlap(g2g, dis, first, last):
    """Days of [first, last] inside [g2g, dis) (dis None: still in a bed)."""
    if g2g is None:
        return 0
    lo = max(g2g, first)
    hi = last + DAY if dis is None else min(dis, last + DAY)
    return max(0, (hi - lo).days)


def new_counts(cfg):
    return {
        "beds": 0, "occupied": 0, "stranded": 0, "super_stranded": 0,
        "g2g": 0, "no_edd": 0, "edd_passed": 0,
        "by_reason": {c: 0 for c, _ in cfg.delay_reasons} | {"none": 0},
        "by_agency": {a: 0 for a in AGENCIES} | {"none": 0},
        "dbd_day": 0, "dbd_7d": 0, "dbd_mtd": 0,
        "dbd_mtd_by_reason": {c: 0 for c, _ in cfg.delay_reasons}
        | {"none": 0},
        "dbd_mtd_by_agency": {a: 0 for a in AGENCIES} | {"none": 0},
        "d1": 0, "d1_am": 0,
        "d1_pathway": {"0": 0, "1": 0, "2": 0, "3": 0, "none": 0},
        "w7": {"n": 0, "with_g2g": 0, "g2g_sum": 0, "los_sum": 0, "edd": 0},
        "w30": {"n": 0, "with_g2g": 0, "g2g_sum": 0, "los_sum": 0, "edd": 0},
        "red": 0, "green": 0, "readm": 0,
    }


def add_counts(a, b):
    for k, v in b.items():
        if isinstance(v, dict):
            add_counts(a[k], v)
        else:
            a[k] += v


def in_bed(s, d):
    return s["adm"] <= d and (s["dis"] is None or s["dis"] > d)


def site_counts(cfg, site, stays, d, marks, discharges_by_nhs):
    c = new_counts(cfg)
    c["beds"] = site["beds"]
    codes = {code for code, _ in cfg.delay_reasons}
    month1 = d.replace(day=1)
    for s in stays:
        reason = s["reason"] if s["reason"] in codes else "none"
        agency = s["agency"] if s["agency"] in AGENCIES else "none"
        if in_bed(s, d):
            los = (d - s["adm"]).days
            c["occupied"] += 1
            c["stranded"] += los >= cfg.stranded_days
            c["super_stranded"] += los >= cfg.super_stranded_days
            if s["g2g"] is not None and s["g2g"] <= d:
                c["g2g"] += 1
                c["by_reason"][reason] += 1
                c["by_agency"][agency] += 1
            c["no_edd"] += s["edd"] is None
            c["edd_passed"] += s["edd"] is not None and s["edd"] < d
        c["dbd_day"] += overlap(s["g2g"], s["dis"], d, d)
        c["dbd_7d"] += overlap(s["g2g"], s["dis"], d - 6 * DAY, d)
        mtd = overlap(s["g2g"], s["dis"], month1, d)
        c["dbd_mtd"] += mtd
        c["dbd_mtd_by_reason"][reason] += mtd
        c["dbd_mtd_by_agency"][agency] += mtd
        if s["dis"] is not None:
            ago = (d - s["dis"]).days
            if ago == 1:
                c["d1"] += 1
                c["d1_am"] += s["dis_minute"] < 12 * 60
                p = "none" if s["pathway"] is None else str(s["pathway"])
                c["d1_pathway"][p] += 1
            for key, n in (("w7", 7), ("w30", 30)):
                if 1 <= ago <= n:
                    w = c[key]
                    w["n"] += 1
                    w["los_sum"] += (s["dis"] - s["adm"]).days
                    if s["g2g"] is not None:
                        w["with_g2g"] += 1
                        w["g2g_sum"] += (s["dis"] - s["g2g"]).days
                    w["edd"] += s["edd"] is not None and s["dis"] <= s["edd"]
        # A readmission: another stay of the patient ended (discharged_at
        # not after this admitted_at) 0-28 days by date before it.
        if s["nhs"] and 0 <= (d - s["adm"]).days <= 29:
            if any(t is not s and t["discharged_at"] <= s["admitted_at"]
                   and 0 <= (s["adm"] - t["dis"]).days <= 28
                   for t in discharges_by_nhs.get(s["nhs"], ())):
                c["readm"] += 1
    ds = d.isoformat()
    for colour in marks.get((site["code"], ds), ()):
        c["red" if colour == "red" else "green"] += 1
    return c


def pct(part, whole):
    return None if whole == 0 else Fraction(100 * part, whole)


def mean(total, n):
    return None if n == 0 else Fraction(total, n)


class Approx:
    """A percentage or mean: compared after rounding to 1 decimal place."""

    def __init__(self, exact):
        self.exact = exact

    def rounded(self):
        return round1(self.exact)

    def __repr__(self):
        return str(self.rounded())


def round1(x):
    """x (Fraction or number) rounded half up to one decimal place."""
    if isinstance(x, Fraction):
        ten = x * 10
        fl = ten.numerator // ten.denominator
        rest = ten - fl
        n = fl + (1 if rest >= Fraction(1, 2) else 0)
        return (Decimal(n) / Decimal(10)).quantize(Decimal("0.1"))
    return Decimal(str(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def A(x):
    return None if x is None else Approx(x)


def window_json(w):
    return {"count": w["n"],
            "mean_g2g_to_discharge_days": A(mean(w["g2g_sum"],
                                                 w["with_g2g"])),
            "mean_los_days": A(mean(w["los_sum"], w["n"])),
            "on_or_before_edd_pct": A(pct(w["edd"], w["n"]))}


def counts_json(c):
    return {
        "beds": c["beds"], "occupied": c["occupied"],
        "occupancy_pct": A(pct(c["occupied"], c["beds"])),
        "stranded": c["stranded"],
        "stranded_pct": A(pct(c["stranded"], c["occupied"])),
        "super_stranded": c["super_stranded"],
        "super_stranded_pct": A(pct(c["super_stranded"], c["occupied"])),
        "g2g": c["g2g"], "g2g_pct_beds": A(pct(c["g2g"], c["beds"])),
        "delayed_patients_by_reason": dict(c["by_reason"]),
        "delayed_patients_by_agency": dict(c["by_agency"]),
        "delayed_bed_days": {"day": c["dbd_day"], "7d": c["dbd_7d"],
                             "mtd": c["dbd_mtd"]},
        "discharges_yesterday": {
            "total": c["d1"], "before_midday": c["d1_am"],
            "before_midday_pct": A(pct(c["d1_am"], c["d1"])),
            "by_pathway": dict(c["d1_pathway"])},
        "discharges_7d": window_json(c["w7"]),
        "discharges_30d": window_json(c["w30"]),
        "no_edd": c["no_edd"], "edd_passed": c["edd_passed"],
        "red_days": c["red"], "green_days": c["green"],
        "readmissions_30d": c["readm"],
    }


def metric_values(c):
    return {
        "occupancy_pct": pct(c["occupied"], c["beds"]),
        "g2g_pct": pct(c["g2g"], c["beds"]),
        "stranded_pct": pct(c["stranded"], c["occupied"]),
        "super_stranded": Fraction(c["super_stranded"]),
        "delayed_bed_days_7d": Fraction(c["dbd_7d"]),
    }


def metric_level(at, v):
    return 1 + sum(1 for t in at if v >= t)


def fmt_num(v):
    """A threshold as the config wrote it, e.g. 95 or 2.5."""
    f = Fraction(v)
    return str(f.numerator) if f.denominator == 1 else str(float(f))


def site_opel(kcfg, values):
    levels = {}
    for name in METRICS:
        m = kcfg["metrics"].get(name)
        if m is None:
            continue
        v = values[name]
        levels[name] = 0 if v is None else metric_level(m["at"], v)
    known = {n: lv for n, lv in levels.items() if lv > 0}
    if kcfg["rule"] == "weighted":
        score = sum((kcfg["metrics"][n]["weight"] * (lv - 1)
                     for n, lv in known.items()), Fraction(0))
        level = 1 + sum(1 for b in kcfg["bands"] if score >= b)
        drivers = [n for n in METRICS if known.get(n, 0) > 1]
    else:
        score = Fraction(0)
        level = max(known.values(), default=1)
        drivers = [n for n in METRICS if known.get(n, 0) == level]
    if level == 1:
        drivers = []
    parts = []
    for n in drivers:
        lv = known[n]
        parts.append("%s %s >= %s (L%d)" % (
            n, round1(values[n]), kcfg["metrics"][n]["at_text"][lv - 2], lv))
    explain = ", ".join(parts) if parts else "no metric above level 1"
    return {
        "computed": level, "score": score, "drivers": drivers,
        "explain": explain,
        "metrics": {n: {"value": A(values[n]), "level": levels[n]}
                    for n in METRICS if n in levels},
    }


def system_level(rule, sites):
    levels = [lv for lv, _ in sites]
    if not levels:
        return 1
    if rule == "beds_weighted":
        beds = sum(b for _, b in sites)
        if beds > 0:
            m = Fraction(sum(lv * b for lv, b in sites), beds)
            return int(m) + (1 if m - int(m) >= Fraction(1, 2) else 0)
    return max(levels)


SYSTEM = "*"  # opel_declared.site of a declaration for the whole system


def declared_on(decl, site, d):
    """The declaration in force on d: the latest made on or before d (ties
    on the time: the one recorded last)."""
    best = None
    for s, at, level, note, by in decl:
        if s == site and at[:10] <= d.isoformat():
            best = {"level": level, "at": at, "by": by, "note": note}
    return best


def initials(given, family):
    words = (given or "").split() + (family or "").split()
    return " ".join(w[0] + "." for w in words)


def judge(points, mtd, d, has_data, scope, site=None):
    """The month to date of D against a trajectory (points: ((y, m),
    bed_days) in month order): the target is the last point whose month
    is not after D's. No verdict without data; a site without a
    trajectory of its own has "no site target" (never the system's)."""
    target = None
    for (yy, mm), bd in points:
        if (yy, mm) <= (d.year, d.month):
            target = bd
    nxt = (d.replace(day=28) + 4 * DAY).replace(day=1)
    dim = (nxt - d.replace(day=1)).days
    projected = Fraction(mtd * dim, d.day)
    t = {"month": d.strftime("%Y-%m"), "scope": scope}
    if site is not None:
        t["site"] = site
    t.update({"target": target, "mtd": mtd,
              "expected_to_date": (None if target is None
                                   else A(Fraction(target * d.day, dim))),
              "projected": A(projected),
              "status": ("no data" if not has_data else
                         ("no site target" if site is not None
                          else "no target") if target is None else
                         "on track" if projected <= target else "over")})
    return t


def recompute(cfg, stays, marks, decl, d, show_names=False):
    by_site = {}
    discharges_by_nhs = {}
    for s in stays:
        by_site.setdefault(s["site"], []).append(s)
        if s["nhs"] and s["dis"] is not None:
            discharges_by_nhs.setdefault(s["nhs"], []).append(s)
    kinds = {k: new_counts(cfg) for k in SITE_KINDS}
    total = new_counts(cfg)
    sites_json, dtoc_sites, levels = [], [], []
    any_data = False
    for site in cfg.sites:
        c = site_counts(cfg, site, by_site.get(site["code"], []), d, marks,
                        discharges_by_nhs)
        add_counts(kinds[site["kind"]], c)
        add_counts(total, c)
        op = site_opel(cfg.opel[site["kind"]], metric_values(c))
        op["declared"] = declared_on(decl, site["code"], d)
        levels.append((op["computed"], site["beds"]))
        sj = {"code": site["code"], "name": site["name"],
              "kind": site["kind"]}
        sj.update(counts_json(c))
        sj["opel"] = op
        # Data: a stay of the site admitted by the end of D.
        has_data = any(s["adm"] <= d for s in by_site.get(site["code"], []))
        any_data = any_data or has_data
        sj["trajectory"] = judge(site["trajectory"], c["dbd_mtd"], d,
                                 has_data, "site", site["code"])
        sj["no_data"] = not has_data
        sites_json.append(sj)
        dtoc_sites.append({
            "site": site["code"],
            "bed_days_mtd_by_reason": dict(c["dbd_mtd_by_reason"]),
            "bed_days_mtd_by_agency": dict(c["dbd_mtd_by_agency"]),
            "bed_days_mtd": c["dbd_mtd"]})
    kinds_json = []
    for k in SITE_KINDS:
        if any(s["kind"] == k for s in cfg.sites):
            kj = {"kind": k}
            kj.update(counts_json(kinds[k]))
            kinds_json.append(kj)

    # Trajectory: the system's point in force for D's month.
    traj = judge(cfg.trajectory, total["dbd_mtd"], d, any_data, "system")

    # Longest delayed: in a bed on D and green to go, earliest g2g_date then
    # earliest admitted_at; at most 10.
    delayed = [s for s in stays
               if in_bed(s, d) and s["g2g"] is not None and s["g2g"] <= d]
    delayed.sort(key=lambda s: (s["g2g"], s["admitted_at"]))
    longest = [{
        "site": s["site"], "ward": s["ward"], "bed": s["bed"],
        "patient": ("%s, %s" % (s["family"], s["given"]) if show_names
                    else initials(s["given"], s["family"])),
        "mrn": s["mrn"] if show_names else None,
        "admitted_at": s["admitted_at"], "g2g_date": s["g2g"].isoformat(),
        "delay_days": (d - s["g2g"]).days, "los": (d - s["adm"]).days,
        "reason": s["reason"], "agency": s["agency"], "pathway": s["pathway"],
    } for s in delayed]

    y = d - DAY
    return {
        "format": "sitrep-report", "version": 1,
        "system": cfg.system_name, "date": d.isoformat(),
        # A past day's counts are its end (the checked days are before
        # today): the next day at 00:00.
        "moment": {"kind": "end of day",
                   "at": (d + DAY).isoformat() + "T00:00"},
        "no_data": not any_data,
        "yesterday": {"date": y.isoformat(), "weekend": y.weekday() >= 5},
        "thresholds": {"stranded_days": cfg.stranded_days,
                       "super_stranded_days": cfg.super_stranded_days,
                       "midday_target_pct": cfg.midday_target_pct},
        "opel": {"computed": system_level(cfg.system_rule, levels),
                 "declared": declared_on(decl, SYSTEM, d)},
        "trajectory": traj,
        "total": counts_json(total),
        "kinds": kinds_json,
        "sites": sites_json,
        "dtoc": {
            "reasons": [{"code": c, "label": lbl}
                        for c, lbl in cfg.delay_reasons],
            "by_site": dtoc_sites,
            "total": {"bed_days_mtd_by_reason":
                      dict(total["dbd_mtd_by_reason"]),
                      "bed_days_mtd_by_agency":
                      dict(total["dbd_mtd_by_agency"]),
                      "bed_days_mtd": total["dbd_mtd"]}},
        "longest_delayed": longest,   # the full ordered list: see compare
    }


# -------------------------------------------------------------- comparison


class Comparison:
    def __init__(self):
        self.figures = 0
        self.diffs = []
        self.notes = []

    def diff(self, path, theirs, ours, why=""):
        self.diffs.append("%s: sitrep=%s python=%s%s" % (
            path, show(theirs), show(ours), why))


def show(v):
    if isinstance(v, Approx):
        return str(v.rounded())
    if isinstance(v, Fraction):
        return str(round1(v)) if v.denominator != 1 else str(v.numerator)
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, (dict, list)):
        return json.dumps(v, default=str, ensure_ascii=False)
    return json.dumps(v, default=str, ensure_ascii=False)


def is_num(v):
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)


def compare(cmp, path, theirs, ours):
    if isinstance(ours, dict):
        if not isinstance(theirs, dict):
            cmp.diff(path, theirs, "{...}", " (not an object)")
            return
        for k, v in ours.items():
            p = "%s.%s" % (path, k) if path else k
            if k not in theirs:
                cmp.diff(p, "(missing)", v)
                continue
            compare(cmp, p, theirs[k], v)
        for k in theirs:
            if k not in ours:
                cmp.notes.append("%s.%s: only in sitrep's output" % (path, k))
        return
    if isinstance(ours, list):
        if not isinstance(theirs, list):
            cmp.diff(path, theirs, "[...]", " (not an array)")
            return
        if len(theirs) != len(ours):
            cmp.diff(path + ".length", len(theirs), len(ours))
        for i, (t, o) in enumerate(zip(theirs, ours)):
            compare(cmp, "%s[%d]" % (path, i), t, o)
        return
    cmp.figures += 1
    if isinstance(ours, Approx):
        if not is_num(theirs):
            cmp.diff(path, theirs, ours, " (not a number)")
            return
        t = Decimal(theirs)
        if t != t.quantize(Decimal("0.1")):
            cmp.notes.append("%s: sitrep=%s is not rounded to one decimal "
                             "place" % (path, theirs))
        if round1(t) != ours.rounded():
            why = ""
            ex = ours.exact
            if abs(Fraction(t) - ex) < Fraction(1, 10):
                why = " (rounding: exact value %s = %s)" % (
                    ex, Decimal(ex.numerator) / Decimal(ex.denominator))
            cmp.diff(path, theirs, ours, why)
        return
    if isinstance(ours, Fraction):
        if not is_num(theirs) or Fraction(theirs) != ours:
            cmp.diff(path, theirs, ours)
        return
    if isinstance(ours, bool) or ours is None or isinstance(ours, str):
        if type(theirs) is not type(ours) or theirs != ours:
            cmp.diff(path, theirs, ours)
        return
    if isinstance(ours, int):
        if type(theirs) is not int or theirs != ours:
            cmp.diff(path, theirs, ours)
        return
    raise TypeError("unexpected %r at %s" % (ours, path))


LONGEST_FIELDS = ["site", "ward", "bed", "patient", "mrn", "admitted_at",
                  "g2g_date", "delay_days", "los", "reason", "agency",
                  "pathway"]


def compare_longest(cmp, theirs, ours):
    """At most 10, in order of (g2g_date, admitted_at). Stays that tie on
    both may come in either order, so an entry matches any unused stay of
    its tie group."""
    path = "longest_delayed"
    if not isinstance(theirs, list):
        cmp.diff(path, theirs, "[...]", " (not an array)")
        return
    want = ours[:10]
    cmp.figures += 1
    if len(theirs) != len(want):
        cmp.diff(path + ".length", len(theirs), len(want))
    used = set()
    for i, t in enumerate(theirs[:len(want)]):
        key = (want[i]["g2g_date"], want[i]["admitted_at"])
        group = [j for j, o in enumerate(ours)
                 if (o["g2g_date"], o["admitted_at"]) == key
                 and j not in used]
        match = None
        for j in group:
            if all(t.get(f) == ours[j][f] and type(t.get(f)) is
                   type(ours[j][f]) for f in LONGEST_FIELDS):
                match = j
                break
        cmp.figures += len(LONGEST_FIELDS)
        if match is not None:
            used.add(match)
            continue
        j = group[0] if group else i
        used.add(j)
        for f in LONGEST_FIELDS:
            p = "%s[%d].%s" % (path, i, f)
            if f not in t:
                cmp.diff(p, "(missing)", ours[j][f])
            elif t[f] != ours[j][f] or type(t[f]) is not type(ours[j][f]):
                cmp.diff(p, t[f], ours[j][f])


def trajectory_edges(stays, months):
    """Days and targets on the edges of the trajectory status, for a test
    config, per month: ("over", D, T) where the projection exceeds T by less
    than 0.05 (so it shows as T.0 but is over) and ("equal", D, T) where it
    is exactly T (on track); the first of each in each month."""
    out = []
    for yy, mm in months:
        d = dt.date(yy, mm, 1)
        dim = ((d.replace(day=28) + 4 * DAY).replace(day=1) - d).days
        found = set()
        for day in range(2, dim + 1):
            dd = d.replace(day=day)
            mtd = sum(overlap(s["g2g"], s["dis"], d, dd) for s in stays)
            p = Fraction(mtd * dim, day)
            t = p.numerator // p.denominator
            kind = ("over" if 0 < p - t < Fraction(1, 20) else
                    "equal" if p == t and t > 0 else None)
            if kind and kind not in found:
                found.add(kind)
                out.append((kind, dd, t))
    return out


def threshold_edges(cfg, stays, d):
    """OPEL metric values of day d that rounding to one decimal place
    would move across a threshold placed there, for a test config: ("up",
    SITE, KIND, METRIC, T) where the value is below T but rounds to T, and
    ("down", ..., T) where it is at least T but rounds below it."""
    by_site = {}
    for s in stays:
        by_site.setdefault(s["site"], []).append(s)
    out = []
    for site in cfg.sites:
        c = site_counts(cfg, site, by_site.get(site["code"], []), d, {}, {})
        for name, x in metric_values(c).items():
            if x is None:
                continue
            r = Fraction(round1(x))
            t = Fraction(int(x * 1000), 1000)
            if x < r:
                out.append(("up", site["code"], site["kind"], name, r))
            elif r < t <= x:
                out.append(("down", site["code"], site["kind"], name, t))
    return out


def to_json(v):
    if isinstance(v, Approx):
        return float(v.rounded())
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else float(round1(v))
    raise TypeError(repr(v))


def check_day(cfg, stays, marks, decl, day, path, quiet, show_names=False):
    """Compares sitrep's report of day (the JSON file path) with the
    recomputation; prints the differences and a summary line. Returns
    (figures compared, differences), differences -1 if unreadable."""
    ours = recompute(cfg, stays, marks, decl, dt.date.fromisoformat(day),
                     show_names)
    try:
        with open(path, encoding="utf-8") as f:
            theirs = json.load(f, parse_float=Decimal)
    except (OSError, ValueError) as e:
        print("%s: cannot read sitrep's report %s: %s" % (day, path, e))
        return 0, -1
    cmp = Comparison()
    longest = ours.pop("longest_delayed")
    compare(cmp, "", {k: v for k, v in theirs.items()
                      if k != "longest_delayed"}, ours)
    if "longest_delayed" not in theirs:
        cmp.diff("longest_delayed", "(missing)", longest[:10])
    else:
        compare_longest(cmp, theirs["longest_delayed"], longest)
    for line in cmp.diffs:
        print("%s %s" % (day, line))
    if not quiet:
        for line in cmp.notes:
            print("%s note: %s" % (day, line), file=sys.stderr)
    print("%s: %d stays, %d figures compared, %d differences" % (
        day, len(stays), cmp.figures, len(cmp.diffs)))
    return cmp.figures, len(cmp.diffs)


def run(args):
    cfg = load_config(args.config)
    stays = load_census(args.census)
    if args.trajectory_edges:
        months = [tuple(int(x) for x in m.split("-"))
                  for m in args.trajectory_edges.split(",")]
        for kind, d, t in trajectory_edges(stays, months):
            print(kind, d.isoformat(), t)
        return 0
    if args.threshold_edges:
        d = dt.date.fromisoformat(args.threshold_edges)
        for kind, site, skind, metric, t in threshold_edges(cfg, stays, d):
            print(kind, site, skind, metric, Decimal(t.numerator) /
                  Decimal(t.denominator))
        return 0
    marks, decl = load_db(args.db)
    if args.emit or not args.json:
        for day in args.date:
            ours = recompute(cfg, stays, marks, decl,
                             dt.date.fromisoformat(day), args.show_names)
            ours["longest_delayed"] = ours["longest_delayed"][:10]
            print(json.dumps(ours, indent=1, ensure_ascii=False,
                             default=to_json))
        return 0
    bad = False
    for day, path in zip(args.date, args.json):
        _, ndiff = check_day(cfg, stays, marks, decl, day, path, args.quiet,
                             args.show_names)
        bad = bad or ndiff != 0
    return 1 if bad else 0


def main(argv):
    ap = argparse.ArgumentParser(
        description="recompute sitrep's report for a day and compare")
    ap.add_argument("--config", required=True)
    ap.add_argument("--census", required=True)
    ap.add_argument("--db")
    ap.add_argument("--date", action="append", default=[],
                    help="the day (repeat with --json for several days)")
    ap.add_argument("--json", action="append", default=[],
                    help="sitrep's report of the day given by the --date "
                    "in the same position")
    ap.add_argument("--emit", action="store_true",
                    help="print the recomputed report as JSON instead")
    ap.add_argument("--trajectory-edges", metavar="YYYY-MM,...",
                    help="print days and targets on the edges of the "
                    "trajectory status in those months, and exit")
    ap.add_argument("--threshold-edges", metavar="DAY",
                    help="print OPEL metric values of DAY that rounding "
                    "would move across a threshold placed there, and exit")
    ap.add_argument("--show-names", action="store_true",
                    help="the report was made with --show-names")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not args.trajectory_edges and not args.threshold_edges:
        if not args.date or not args.db:
            ap.error("--date and --db are required")
        if args.json and len(args.json) != len(args.date):
            ap.error("give one --json per --date")
    return run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
