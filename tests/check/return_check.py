#!/usr/bin/env python3
"""An independent recomputation of `sitrep return ... --format json`, NHS
England's acute and community discharge returns, from the dated record.

Written from the words of sitrep(1) ("return"), DESIGN.md sections 2 and 4
and the layout of the record's tables, never from the C (returns, the
return command, the store's moments), so that a mistake there is caught
rather than copied. Python standard library only; the values in force at
an instant, as known at a time, come from recompute.py's Record (stays,
stay_fact, the audit rows of discharges), as call_check.py does; the birth
date is read from the `stay` table here.

The words applied:
  - A return covers the config's sites of its kind (acute or community;
    mental-health sites are in neither), in config order, or only --site;
    a column per site plus a total (the sites' counts summed, the
    percentages and means worked out again from the sums).
  - The period: a day (--date, default yesterday), the Monday to Sunday
    week holding --week DAY, or the calendar month --month YYYY-MM; its
    first and last days.
  - As now known, or with --as-known-at T (a minute: T:59; to the
    second as given) only what had been recorded by T.
  - The community return counts adults: 18 or over on the period's last
    day by the birth date (the 18th birthday on or before it); a stay
    without a birth date is counted. The acute return counts everyone.
    As known at K, the birth date is the one recorded by K (the audit
    rows of birth_date: a correction recorded after K is left out, so a
    return printed again reads as it was submitted).
  - A discharge of the period: discharged_at in [first 00:00, last+1
    00:00), i.e. its date in the period. Counted with the values in
    force at the discharge (the last before it): pathway (0-3, else
    unknown), the DRD (g2g_date), the destination (empty: none).
  - The stay leaves with the values in force at its discharge (sitrep(1)
    "DATED FACTS", and "discharge": the destination is recorded as true
    from the minute before the discharge): a fact dated at or after the
    discharge (given after it, or left after it when the discharge is
    corrected to an earlier time) counts from the minute before the
    discharge (never before the admission), at every instant and for
    the values the stay leaves with. Of several facts of one field so
    moved, the latest dated is the one in force (then the latest
    recorded: the greater id, facts being recorded in the order of
    their ids). As known at K, "the discharge" is the one recorded by K
    (a discharge corrected after K keeps its time before the
    correction), and only facts recorded by K count. recompute.py's
    Record leaves such facts out (the report's rule there); they are
    put back here (leave_with), Record itself unchanged.
  - Of the discharges, with a DRD / without; delay = discharge date -
    DRD in days, a DRD after the discharge counting 0; the bands 0, 1,
    2-3, 4-6, 7-13, 14-20, 21+; same_day_pct = 100 x delay_0 / with;
    mean_delay_days = sum / with; mean_delay_days_excl_0 = sum / (with -
    delay_0); bed_days_lost = sum. Percentages and means: one decimal
    place, rounded half away from zero (sitrep's rule for its figures,
    sitrep(1) "CSV FORMAT" and "JSON FORMAT": 2.25 -> 2.3), null when
    the divisor is 0.
  - Daily only: nctr_discharged = discharged on the day with a DRD on or
    before it; nctr_remaining = in a bed at the day's end (D 23:59:59)
    with the DRD in force then on or before D; nctr = the two summed.
  - Weekly only: bed_days_los_N_plus = over the 7 days, the patients in a
    bed at each day's end with LOS (day - admission date) >= N (7, 14,
    21); nctr_los_N_plus_by_reason = the NCTR patients at the week's end
    (Sunday 23:59:59: in a bed, DRD on or before Sunday) with LOS >= N
    (7, 14) by the delay reason in force then, which sitrep keeps as the
    code of the primary open blocker (a dated fact changed at the
    instant the blockers change, sitrep(1) "blocker add"): the config's
    codes in its order, then "none" (no reason, or a code not in the
    vocabulary).
  - destinations: the discharges counted by (pathway, destination), each
    pair with at least one; compared as a set of pairs (the order is not
    defined in words).

Each difference is printed as `SPEC | PATH: sitrep=X python=Y`; the exit
status is 1 if there is any. The last line is "return_check: N figures
compared, D differences".

usage: return_check.py --config FILE --db FILE [--today DAY]
           --json FILE KIND [--date D | --week D | --month YYYY-MM]
                            [--site CODE] [--as-known-at TIME]
       return_check.py --config FILE --db FILE [--today DAY]
           --check "KIND [period options] [--site ..] [--as-known-at ..]=FILE"
           [--check ...]
       (--check takes the arguments given to `sitrep return`, after
       `return`, then `=` and the file of its JSON; --today defaults to
       $SITREP_TODAY, else the local date.)
       --blocker-reasons also recomputes the week-end reasons from the
       blockers (the primary open blocker: made primary last, else the
       first opened) and prints where that disagrees with the dated
       delay reason, as notes (not differences).
"""
import argparse
import datetime as dt
import json
import os
import shlex
import sqlite3
import sys
from decimal import Decimal
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recompute import Record, instant, end_of, _value_at  # noqa: E402
from recompute import Comparison, compare, A  # noqa: E402
from sitrep_config import load_config  # noqa: E402

DAY = dt.timedelta(days=1)
BANDS = [("delay_0", 0, 0), ("delay_1", 1, 1), ("delay_2_3", 2, 3),
         ("delay_4_6", 4, 6), ("delay_7_13", 7, 13),
         ("delay_14_20", 14, 20), ("delay_21_plus", 21, None)]
DAILY = ["nctr", "nctr_discharged", "nctr_remaining"]
DISCHARGE = (["discharges"] + ["discharges_pathway_%d" % p for p in range(4)]
             + ["discharges_pathway_unknown", "discharges_with_drd",
                "discharges_without_drd"] + [b for b, _, _ in BANDS])
DERIVED = ["same_day_pct", "mean_delay_days", "mean_delay_days_excl_0",
           "bed_days_lost"]
WEEKLY = ["bed_days_los_7_plus", "bed_days_los_14_plus",
          "bed_days_los_21_plus"]


def _d(s):
    return dt.date.fromisoformat(s[:10]) if s else None


# ------------------------------------------------------------------ spec


class Spec:
    """One return: the arguments after `sitrep return` (--format ignored)."""

    def __init__(self, words, today):
        self.text = " ".join(words)
        ap = argparse.ArgumentParser(prog="return", add_help=False,
                                     allow_abbrev=False)
        ap.add_argument("kind", choices=["acute", "community"])
        g = ap.add_mutually_exclusive_group()
        g.add_argument("--date")
        g.add_argument("--week")
        g.add_argument("--month")
        ap.add_argument("--site")
        ap.add_argument("--as-known-at", dest="known")
        ap.add_argument("--format")
        a = ap.parse_args(words)
        self.kind = a.kind
        self.site = a.site
        if a.week:
            d = dt.date.fromisoformat(a.week)
            self.period = "week"
            self.first = d - d.weekday() * DAY
            self.last = self.first + 6 * DAY
        elif a.month:
            y, m = (int(x) for x in a.month.split("-"))
            self.period = "month"
            self.first = dt.date(y, m, 1)
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            self.last = nxt - DAY
        else:
            self.period = "day"
            self.first = self.last = (dt.date.fromisoformat(a.date)
                                      if a.date else today - DAY)
        if self.last >= today:
            raise ValueError("%s: the period ends on %s, not before today "
                             "(%s)" % (self.text, self.last, today))
        k = a.known
        self.known = None if k is None else (
            instant(k) if len(k) >= 19 else k + ":59")


# ----------------------------------------------------------- computation


def minute_before(t):
    """The instant a minute before t ("YYYY-MM-DDTHH:MM:SS"), on the wall
    clock the record keeps."""
    return (dt.datetime.fromisoformat(t) - dt.timedelta(minutes=1)
            ).isoformat(timespec="seconds")


def leave_with(rec):
    """Each stay's facts settled again by sitrep(1) "DATED FACTS": a fact
    dated at or after the discharge (as known by the record's K) counts
    from the minute before the discharge, not before the admission; one
    dated before the admission counts from it (Record's rule). In force
    at T: the fact with the greatest (counted from, dated, id) <= T, so
    that of facts counted from the same instant the latest dated wins,
    then the latest recorded. Replaces Stay.facts, which Stay.at and
    Stay.last read."""
    for s in rec.stays:
        leave = (None if s.dis is None
                 else max(minute_before(s.dis), s.adm))
        facts = {}
        for f, rows in s.raw.items():
            out = []
            for vf, fid, value in rows:
                dated = instant(vf)
                if leave is not None and dated >= s.dis:
                    key = (leave, dated, fid)
                else:
                    frm = max(dated, s.adm)
                    # before the admission: the order Record gives them
                    key = (frm, frm, fid)
                out.append((key, value))
            out.sort(key=lambda kv: kv[0])
            # Stay.at bisects on (counted from, a number): the rank.
            facts[f] = ([(k[0], i) for i, (k, _) in enumerate(out)],
                        [v for _, v in out])
        s.facts = facts
    return rec


def birth_dates(db, known):
    """{stay: birth date} as recorded (as known at K by the audit rows of
    birth_date, if any)."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        rows = {}
        for stay, at, old, new in con.execute(
                "SELECT stay, at, old, new FROM audit WHERE stay IS NOT NULL"
                " AND field = 'birth_date' ORDER BY at, id"):
            rows.setdefault(stay, []).append((instant(at), old or None,
                                              new or None))
        out = {}
        for sid, bd in con.execute("SELECT id, birth_date FROM stay"):
            out[sid] = _value_at(rows.get(sid), known, bd or None)
        return out
    finally:
        con.close()


def adult(birth, day):
    """18 or over on day by the birth date: the 18th birthday on or
    before it (a 29 February birthday falls on 1 March)."""
    if birth is None:
        return True
    b = _d(birth)
    age = day.year - b.year - ((day.month, day.day) < (b.month, b.day))
    return age >= 18


def pathway_key(p):
    return int(p) if p in ("0", "1", "2", "3") else None


def new_counts(cfg, spec):
    c = {k: 0 for k in DISCHARGE}
    c["delay_sum"] = 0
    c["dest"] = {}
    if spec.period == "day":
        c.update({k: 0 for k in DAILY})
    if spec.period == "week":
        c.update({k: 0 for k in WEEKLY})
        codes = [code for code, _ in cfg.delay_reasons] + ["none"]
        c["r7"] = {code: 0 for code in codes}
        c["r14"] = {code: 0 for code in codes}
    return c


def add(a, b):
    for k, v in b.items():
        if k == "dest":
            for key, n in v.items():
                a["dest"][key] = a["dest"].get(key, 0) + n
        elif isinstance(v, dict):
            for kk, n in v.items():
                a[k][kk] += n
        else:
            a[k] += v


def site_counts(cfg, spec, stays, births, notes, primary=None):
    c = new_counts(cfg, spec)
    codes = {code for code, _ in cfg.delay_reasons}
    first, last = spec.first, spec.last
    for s in stays:
        if spec.kind == "community" and not adult(births.get(s.id), last):
            continue
        # Discharges of the period, with the values in force at discharge.
        if s.dis is not None and first <= s.dis_day <= last:
            c["discharges"] += 1
            p = pathway_key(s.last("pathway"))
            c["discharges_pathway_%s" % ("unknown" if p is None else p)] += 1
            drd = _d(s.last("g2g_date"))
            if drd is None:
                c["discharges_without_drd"] += 1
            else:
                c["discharges_with_drd"] += 1
                delay = max(0, (s.dis_day - drd).days)
                c["delay_sum"] += delay
                for name, lo, hi in BANDS:
                    if delay >= lo and (hi is None or delay <= hi):
                        c[name] += 1
                if spec.period == "day" and drd <= s.dis_day:
                    c["nctr_discharged"] += 1
            dest = s.last("destination") or None
            c["dest"][(p, dest)] = c["dest"].get((p, dest), 0) + 1
        if spec.period == "day":
            t = end_of(last)
            if s.in_bed(t):
                drd = _d(s.at("g2g_date", t))
                if drd is not None and drd <= last:
                    c["nctr_remaining"] += 1
        if spec.period == "week":
            if s.adm_day > last or (s.dis_day is not None
                                    and s.dis_day < first):
                continue
            d = first
            while d <= last:
                if s.in_bed(end_of(d)):
                    los = (d - s.adm_day).days
                    c["bed_days_los_7_plus"] += los >= 7
                    c["bed_days_los_14_plus"] += los >= 14
                    c["bed_days_los_21_plus"] += los >= 21
                d += DAY
            t = end_of(last)
            if s.in_bed(t):
                drd = _d(s.at("g2g_date", t))
                los = (last - s.adm_day).days
                if drd is not None and drd <= last and los >= 7:
                    r = s.at("delay_reason", t)
                    r = r if r in codes else "none"
                    c["r7"][r] += 1
                    if los >= 14:
                        c["r14"][r] += 1
                    if primary is not None:
                        pb = primary(s, t)
                        pr = pb if pb in codes else "none"
                        if pr != r:
                            notes.append(
                                "stay %s at %s: delay reason %s, primary "
                                "open blocker %s" % (s.id, t, r, pb))
    if spec.period == "day":
        c["nctr"] = c["nctr_discharged"] + c["nctr_remaining"]
    return c


def figures_json(c, spec):
    f = {}
    if spec.period == "day":
        f.update({k: c[k] for k in DAILY})
    f.update({k: c[k] for k in DISCHARGE})
    w, n0, total = c["discharges_with_drd"], c["delay_0"], c["delay_sum"]
    f["same_day_pct"] = A(Fraction(100 * n0, w)) if w else None
    f["mean_delay_days"] = A(Fraction(total, w)) if w else None
    f["mean_delay_days_excl_0"] = (A(Fraction(total, w - n0)) if w - n0
                                   else None)
    f["bed_days_lost"] = total
    if spec.period == "week":
        f.update({k: c[k] for k in WEEKLY})
    return f


def column_json(c, spec, code):
    col = {"site": code, "figures": figures_json(c, spec)}
    if spec.period == "week":
        col["nctr_los_7_plus_by_reason"] = dict(c["r7"])
        col["nctr_los_14_plus_by_reason"] = dict(c["r14"])
    col["destinations"] = dict(c["dest"])
    return col


def primary_reasons(db, known):
    """A function (stay, T) -> the code of the primary open blocker at T
    as known at K: open (opened_at <= T < closed_at), the one made
    primary last (primary_from <= T), else the first opened."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        by_stay = {}
        for row in con.execute(
                "SELECT id, stay, code, opened_at, recorded_at, closed_at,"
                " closed_recorded_at, primary_from FROM blocker"):
            by_stay.setdefault(row[1], []).append(row)
    finally:
        con.close()

    def primary(s, t):
        mine = []
        for bid, _, code, op, rec, cl, clrec, pf in by_stay.get(s.id, ()):
            if known is not None and instant(rec) > known:
                continue
            if known is not None and clrec and instant(clrec) > known:
                cl = None
            if instant(op) <= t and (cl is None or instant(cl) > t):
                mine.append((instant(op), bid, code, pf))
        if not mine:
            return None
        made = [m for m in mine if m[3] and instant(m[3]) <= t
                and (known is None or instant(m[3]) <= known)]
        if made:
            return max(made, key=lambda m: (instant(m[3]), m[1]))[2]
        return min(mine)[2]
    return primary


def recompute(cfg, rec, births, spec, notes, primary=None):
    by_site = {}
    for s in rec.stays:
        by_site.setdefault(s.site, []).append(s)
    sites = [x for x in cfg.sites if x["kind"] == spec.kind
             and (spec.site is None or x["code"] == spec.site)]
    if spec.site is not None and not sites:
        raise ValueError("%s: %s is not a %s site of the config"
                         % (spec.text, spec.site, spec.kind))
    total = new_counts(cfg, spec)
    cols = []
    for x in sites:
        c = site_counts(cfg, spec, by_site.get(x["code"], []), births,
                        notes, primary)
        add(total, c)
        cols.append(column_json(c, spec, x["code"]))
    return {"return": spec.kind, "period": spec.period,
            "first_day": spec.first.isoformat(),
            "last_day": spec.last.isoformat(),
            "as_known_at": spec.known,
            "sites": cols, "total": column_json(total, spec, "total")}


# ------------------------------------------------------------ comparison


def dest_map(theirs, cmp, path):
    """sitrep's destinations as {(pathway, destination): n}."""
    out = {}
    if not isinstance(theirs, list):
        cmp.diff(path, theirs, "[...]", " (not an array)")
        return out
    for i, e in enumerate(theirs):
        if not isinstance(e, dict) or set(e) != {"pathway", "destination",
                                                 "n"}:
            cmp.diff("%s[%d]" % (path, i), e,
                     '{"pathway","destination","n"}', " (bad entry)")
            continue
        key = (e["pathway"], e["destination"])
        if key in out:
            cmp.diff("%s[%d]" % (path, i), e, "(once)",
                     " (pathway and destination listed twice)")
        out[key] = out.get(key, 0) + (e["n"] if type(e["n"]) is int else 0)
        if type(e["n"]) is not int or e["n"] <= 0:
            cmp.diff("%s[%d].n" % (path, i), e["n"], "(a count > 0)")
    return out


def compare_column(cmp, path, theirs, ours):
    if not isinstance(theirs, dict):
        cmp.diff(path, theirs, "{...}", " (not an object)")
        return
    want = {k: v for k, v in ours.items() if k != "destinations"}
    compare(cmp, path, {k: v for k, v in theirs.items() if k in want}, want)
    for k in theirs:
        if k not in ours:
            cmp.diff("%s.%s" % (path, k), theirs[k], "(absent)",
                     " (not a figure of this period)")
    for k in ("figures", "nctr_los_7_plus_by_reason",
              "nctr_los_14_plus_by_reason"):
        if k in ours and isinstance(theirs.get(k), dict):
            extra = [x for x in theirs[k] if x not in ours[k]]
            for x in extra:
                cmp.diff("%s.%s.%s" % (path, k, x), theirs[k][x], "(absent)",
                         " (not a figure of this period)")
            if k != "figures" and not extra and \
                    list(theirs[k]) != list(ours[k]):
                cmp.diff("%s.%s (order)" % (path, k), list(theirs[k]),
                         list(ours[k]))
    if "destinations" in theirs:
        got = dest_map(theirs["destinations"], cmp, path + ".destinations")
        for key in sorted(set(got) | set(ours["destinations"]),
                          key=lambda k: (k[0] is None, k[0] or 0,
                                         k[1] is None, k[1] or "")):
            cmp.figures += 1
            g, o = got.get(key, 0), ours["destinations"].get(key, 0)
            if g != o:
                cmp.diff("%s.destinations[pathway=%s,destination=%s].n"
                         % (path, json.dumps(key[0]),
                            json.dumps(key[1], ensure_ascii=False)), g, o)


def check_one(cfg, rec, births, spec, path, primary=None, quiet=False):
    notes = []
    ours = recompute(cfg, rec, births, spec, notes, primary)
    cmp = Comparison()
    try:
        with open(path, encoding="utf-8") as f:
            theirs = json.load(f, parse_float=Decimal)
    except (OSError, ValueError) as e:
        print("%s: cannot read sitrep's return %s: %s" % (spec.text, path, e))
        return 0, 1
    if not isinstance(theirs, dict):
        theirs = {}
    head = {k: ours[k] for k in ("return", "period", "first_day",
                                 "last_day", "as_known_at")}
    compare(cmp, "", {k: theirs.get(k, "(missing)") for k in head}, head)
    got_sites = theirs.get("sites")
    if not isinstance(got_sites, list):
        cmp.diff("sites", got_sites, "[...]", " (not an array)")
        got_sites = []
    codes = [c.get("site") if isinstance(c, dict) else None
             for c in got_sites]
    want_codes = [c["site"] for c in ours["sites"]]
    cmp.figures += 1
    if codes != want_codes:
        cmp.diff("sites[].site", codes, want_codes)
    by_code = {c: col for c, col in zip(codes, got_sites)}
    for col in ours["sites"]:
        p = "sites[%s]" % col["site"]
        if col["site"] not in by_code:
            continue
        compare_column(cmp, p, by_code[col["site"]], col)
    if "total" not in theirs:
        cmp.diff("total", "(missing)", "{...}")
    else:
        compare_column(cmp, "total", theirs["total"], ours["total"])
    for line in cmp.diffs:
        print("%s | %s" % (spec.text, line))
    if not quiet:
        for line in cmp.notes + notes:
            print("%s | note: %s" % (spec.text, line), file=sys.stderr)
    print("%s | %d figures compared, %d differences"
          % (spec.text, cmp.figures, len(cmp.diffs)))
    return cmp.figures, len(cmp.diffs)


def emit(cfg, rec, births, spec):
    ours = recompute(cfg, rec, births, spec, [])

    def plain(col):
        out = dict(col)
        out["figures"] = {k: (float(v.rounded()) if hasattr(v, "rounded")
                              else v) for k, v in col["figures"].items()}
        out["destinations"] = [
            {"pathway": p, "destination": d, "n": n}
            for (p, d), n in sorted(col["destinations"].items(),
                                    key=lambda kv: (kv[0][0] is None,
                                                    kv[0][0] or 0,
                                                    kv[0][1] is None,
                                                    kv[0][1] or ""))]
        return out
    ours["sites"] = [plain(c) for c in ours["sites"]]
    ours["total"] = plain(ours["total"])
    print(json.dumps(ours, indent=1, ensure_ascii=False))


def main(argv):
    ap = argparse.ArgumentParser(
        allow_abbrev=False,
        description="recompute sitrep's discharge returns and compare",
        epilog="the return's arguments (KIND [--date D | --week D | "
        "--month YYYY-MM] [--site CODE] [--as-known-at TIME]) follow "
        "--json FILE or --emit, or are given in --check 'ARGS=FILE' "
        "(repeatable)")
    ap.add_argument("--config", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--today", default=os.environ.get("SITREP_TODAY"))
    ap.add_argument("--json", metavar="FILE",
                    help="sitrep's return; the return's arguments follow")
    ap.add_argument("--check", action="append", default=[],
                    metavar="ARGS=FILE",
                    help="the arguments of a `sitrep return` (after "
                    "`return`), = and the file of its JSON")
    ap.add_argument("--emit", action="store_true",
                    help="print the recomputed return (of the arguments "
                    "given) as JSON instead of comparing")
    ap.add_argument("--blocker-reasons", action="store_true",
                    help="note where the primary open blocker's code "
                    "disagrees with the dated delay reason at a week's end")
    ap.add_argument("--quiet", action="store_true")
    a, rest = ap.parse_known_args(argv)
    today = (dt.date.fromisoformat(a.today) if a.today
             else dt.date.today())
    jobs = []
    try:
        if a.json or a.emit:
            if not rest:
                ap.error("--json / --emit: give the return's arguments")
            jobs.append((Spec(rest, today), a.json))
        elif rest:
            ap.error("unexpected arguments: %s" % " ".join(rest))
        for item in a.check:
            args, path = item.rsplit("=", 1)
            jobs.append((Spec(shlex.split(args), today), path))
    except (ValueError, SystemExit) as e:
        print("return_check: %s" % e, file=sys.stderr)
        return 2
    if not jobs:
        ap.error("nothing to do: give --json FILE ARGS or --check ARGS=FILE")
    cfg = load_config(a.config)
    cache = {}

    def record(known):
        if known not in cache:
            cache[known] = (leave_with(Record(a.db, known)),
                            birth_dates(a.db, known),
                            primary_reasons(a.db, known)
                            if a.blocker_reasons else None)
        return cache[known]
    figures = diffs = 0
    for spec, path in jobs:
        rec, births, primary = record(spec.known)
        try:
            if a.emit:
                emit(cfg, rec, births, spec)
                continue
            n, d = check_one(cfg, rec, births, spec, path, primary, a.quiet)
        except ValueError as e:
            print("return_check: %s" % e)
            n, d = 0, 1
        figures += n
        diffs += d
    if a.emit:
        return 0
    print("return_check: %d figures compared, %d differences"
          % (figures, diffs))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
