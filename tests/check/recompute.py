#!/usr/bin/env python3
"""An independent recomputation of `sitrep report --format json`, from the
dated record.

Written from the definitions only (DESIGN.md sections 2 and 4,
doc/report-json.md, man/sitrep.yaml.5 "OPEL RULES") and the layout of the
record's tables, never from the C (metrics, store, timeline), so that a
mistake there is caught rather than copied. Python standard library only.

What it reads (the record, nothing derived from it):
  stay           identity, site, admitted_at, discharged_at (its cached
                 ward, EDD, DRD... columns are ignored: they are derived)
  stay_fact      every change of a dated field: value, valid_from,
                 recorded_at (stay_state is derived by the C: not read)
  day_mark_log   every red / green mark as recorded
  opel_declared  the declared levels
  opel_input     the OPEL 2024-26 figures entered by hand (ED, ambulance)
  audit          when each stay was recorded and when its discharged_at was
                 set or corrected (for --as-known-at)

The definitions applied (DESIGN §2, §4):
  - Instants are "YYYY-MM-DDTHH:MM:SS" (a stay's two ends, stored to the
    minute, are at second 00).
  - A field's value in force at instant T: the fact with the greatest
    valid_from <= T (a tie: the later recorded, the greater id). A fact
    dated before the admission counts from the admission; one dated at or
    after the discharge changes nothing.
  - In a bed at T: admitted_at <= T < discharged_at (or not discharged).
  - The moment of a report: a past day D is for its end (T = "DT23:59:59");
    today's is live at now (the minute of $SITREP_NOW, T = "...:59");
    `--at T` likewise to the minute.
  - Delayed at T on day d: the DRD (g2g_date) in force at T is <= d.
    Delayed patients are also counted by LOS on D: 0-6, 7-13, 14-20, 21+.
  - Delayed bed days of a period: the days d of the period on which the
    stay is in a bed and delayed at the end of d (the day of the moment: at
    the moment), by the delay reason and agency in force then.
  - A discharge is counted with the values in force just before it
    (pathway, DRD, EDD); its delay is discharge date - DRD (same day 0),
    for a DRD on or before the discharge date.
  - Red and green days of D: the marks of D (the last recorded per stay and
    day; a removal counts nothing); at an instant (today's live figures,
    `--at`) only those recorded by then.
  - The declared OPEL level: the declaration with the latest `at` <= T.
  - OPEL rule points (man/sitrep.yaml.5 "OPEL RULES"): a parameter's
    value is its metric's, or for source input the input in force at T
    (the greatest `at` <= T, a tie: the greater id; as known at K: recorded
    by K), the site's own, else the system's ("*"); one measured more than
    max_age_hours before the moment (T's minute; a day's end: D+1 00:00)
    is unknown. It scores the points of the highest band whose from it
    reaches (0 below the first); the score is the sum of weight x points
    over the known parameters, the level 1 + the number of levels the score
    reaches. The system's score (system_scoring scores): the mean over the
    kinds with sites of the mean of their sites' scores, weighted by
    system_weights; its level likewise from system_levels.
  - Blockers (DESIGN §2 "Blocker"): open at T when opened_at <= T and not
    ended by T; their owner, due date and agency are those in force at T
    (each change of one keeps the value before it, the instant it took
    effect and when it was recorded: the value at T as known at K is the
    value before the first change that took effect after T or was
    recorded after K, else the blocker's value now); overdue: open with a
    due date before D. Ended in the 7 days: an end from D-6 00:00 to T;
    days open = end date - opening date; the median of those (the mean
    of the middle two for an even count). The end as known at K: each
    end taken away or moved keeps the end before it and when that end
    was recorded; at the first such change recorded after K, the end
    before it if that was recorded by K (else none); without one, the
    blocker's end if recorded by K.
  - Escalated: a patient in a bed at T for whom the config's rules reach
    a role, on the days delayed (D - DRD, delayed patients only) and the
    days the most overdue open blocker is past its due date (D - due, 1
    or more); counted under the most senior role reached.
    The first 10 are listed: the most senior role first, then the most
    days delayed, the most days overdue, the earliest admission, the
    stay's id; with the values in force at T.
  - As known at K (--as-known-at): only facts, marks and declarations
    recorded by K, stays recorded by K (their first audit row), each with
    the discharge time it had at K (its discharged_at audit rows).

Every figure of doc/report-json.md is recomputed and compared. Counts must
agree exactly; percentages and means are compared after rounding both to one
decimal place (half up, on the exact value here). Each difference is printed
as `CASE PATH: sitrep=X python=Y`; the exit status is 1 if there is any.

A report to check is named by --check SPEC=FILE, where SPEC is the day
(YYYY-MM-DD, a past day: its end), "DAY@now=HH:MM" (today's live report at
that minute), "@YYYY-MM-DDTHH:MM" (--at), and either may end in
"~YYYY-MM-DDTHH:MM" (--as-known-at); FILE is what sitrep printed.

usage: recompute.py --config FILE --db FILE (--check SPEC=FILE)...
                    [--show-names] [--quiet]
       recompute.py --config FILE --db FILE --emit SPEC
       recompute.py --config FILE --db FILE --trajectory-edges YYYY-MM,...
       recompute.py --config FILE --db FILE --threshold-edges DAY
"""
import argparse
import bisect
import datetime as dt
import json
import os
import sqlite3
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitrep_config import AGENCIES, SITE_KINDS, METRICS  # noqa: E402
from sitrep_config import FAMILIES  # noqa: E402
from sitrep_config import load_config  # noqa: E402

# ------------------------------------------------------------------- record

DAY = dt.timedelta(days=1)
DATED = ["ward", "bed", "edd", "g2g_date", "pathway", "delay_reason",
         "delay_agency", "destination", "edd_status"]


def instant(s):
    """An instant as "YYYY-MM-DDTHH:MM:SS" (a minute's text at second 0)."""
    if s is None:
        return None
    return s + ":00" if len(s) == 16 else s[:19]


def _date(s):
    return dt.date.fromisoformat(s[:10]) if s else None


def end_of(d):
    return d.isoformat() + "T23:59:59"


class Moment:
    """What a report is for: day D, the instant T its figures are at,
    whether that is D's end, and K (None: everything recorded)."""

    def __init__(self, day, at, end_of_day, known=None):
        self.day = day
        self.at = at
        self.end_of_day = end_of_day
        self.known = known

    @staticmethod
    def parse(spec):
        """DAY | DAY@now=HH:MM | @YYYY-MM-DDTHH:MM, then ~K optionally."""
        known = None
        if "~" in spec:
            spec, k = spec.split("~", 1)
            known = instant(k) if len(k) == 19 else k + ":59"
        if spec.startswith("@"):
            t = spec[1:]
            return Moment(_date(t), t + ":59", False, known)
        if "@now=" in spec:
            day, hm = spec.split("@now=", 1)
            return Moment(_date(day), "%sT%s:59" % (day, hm), False, known)
        d = _date(spec)
        return Moment(d, end_of(d), True, known)

    def end(self, d):
        """The instant day d (not after the moment's day) is counted at."""
        return self.at if d == self.day else end_of(d)


class Stay:
    def __init__(self, row):
        (self.id, self.site, self.mrn, nhs, self.family, self.given,
         adm, dis) = row
        self.nhs = nhs or None
        self.admitted_at = adm            # as stored, to the minute
        self.adm = instant(adm)
        self.adm_day = _date(adm)
        self.set_discharge(dis)
        self.raw = {f: [] for f in DATED}  # (valid_from, id, value)
        self.facts = None

    def set_discharge(self, dis):
        self.discharged_at = dis or None
        self.dis = instant(dis) if dis else None
        self.dis_day = _date(dis) if dis else None
        self.dis_minute = (int(dis[11:13]) * 60 + int(dis[14:16])
                           if dis else None)

    def settle(self):
        """Each field's facts in order of (valid_from from the admission,
        id), those at or after the discharge left out."""
        self.facts = {}
        for f, rows in self.raw.items():
            out = []
            for vf, fid, value in rows:
                vf = max(instant(vf), self.adm)
                if self.dis is not None and vf >= self.dis:
                    continue
                out.append((vf, fid, value))
            out.sort()
            self.facts[f] = ([(vf, fid) for vf, fid, _ in out],
                             [v for _, _, v in out])

    def at(self, field, t):
        """The field's value in force at instant t (None if none)."""
        keys, values = self.facts[field]
        i = bisect.bisect_right(keys, (t, float("inf")))
        return values[i - 1] if i else None

    def last(self, field):
        """The value in force just before the discharge (or now)."""
        values = self.facts[field][1]
        return values[-1] if values else None

    def in_bed(self, t):
        return self.adm <= t and (self.dis is None or t < self.dis)

    def delayed(self, t, d):
        """(DRD, reason, agency) if in a bed and delayed at t on day d."""
        if not self.in_bed(t):
            return None
        drd = _date(self.at("g2g_date", t))
        if drd is None or drd > d:
            return None
        return (drd, self.at("delay_reason", t), self.at("delay_agency", t))


class Blocker:
    """A blocker with its changes (field, old, old_recorded, valid_from,
    recorded_at), as known at K."""

    def __init__(self, row, changes, known):
        (self.id, self.stay, self.site, self.code, opened, self.now_end,
         end_rec, owner, due, agency) = row
        self.opened = instant(opened)
        self.opened_day = _date(opened)
        self.now = {"owner": owner, "due": due, "agency": agency}
        self.changes = changes
        self.known = known
        self.end = self._end_known(end_rec)

    def _later(self, rec):
        return self.known is not None and instant(rec) > self.known

    def _end_known(self, end_rec):
        for field, old, old_rec, _, rec in self.changes:
            if field == "closed_at" and self._later(rec):
                if old is not None and old_rec is not None \
                        and not self._later(old_rec):
                    return instant(old)
                return None
        if self.now_end is None or self._later(end_rec):
            return None
        return instant(self.now_end)

    def value(self, field, t):
        for f, old, _, vf, rec in self.changes:
            if f == field and (instant(vf) > t or self._later(rec)):
                return old
        return self.now[field]

    def open_at(self, t):
        return self.opened <= t and (self.end is None or self.end > t)


def escalation_role(cfg, delay, overdue):
    """The most senior role (index) any rule reaches; -1: none."""
    role = -1
    for on, at, r in cfg.escalations:
        v = delay if on == "delay_days" else overdue
        if v is not None and v >= at:
            role = max(role, r)
    return role


def _value_at(rows, known, current):
    """A stay column's value as known at K from its audit rows (at, old,
    new) in order: the last change recorded by K, else the value before
    the first change, else the current value."""
    if not rows:
        return current
    if known is None:
        return rows[-1][2]
    before = [r for r in rows if r[0] <= known]
    return before[-1][2] if before else rows[0][1]


class Record:
    """The record as known at K (None: all of it)."""

    def __init__(self, path, known=None):
        con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        try:
            self._load(con, known)
        finally:
            con.close()

    def _load(self, con, known):
        first = {}
        dis_rows = {}
        for stay, at, field, old, new in con.execute(
                "SELECT stay, at, field, old, new FROM audit"
                " WHERE stay IS NOT NULL ORDER BY at, id"):
            at = instant(at)
            first.setdefault(stay, at)
            if field == "discharged_at":
                dis_rows.setdefault(stay, []).append((at, old or None,
                                                      new or None))
        self.stays = []
        by_id = {}
        for row in con.execute(
                "SELECT id, site, mrn, nhs_number, family_name, given_name,"
                " admitted_at, discharged_at FROM stay ORDER BY id"):
            if known is not None and first.get(row[0], "") > known:
                continue  # recorded after K (no audit row: always known)
            s = Stay(row)
            s.set_discharge(_value_at(dis_rows.get(s.id), known, row[7]))
            self.stays.append(s)
            by_id[s.id] = s
        for fid, stay, field, value, vf, rec in con.execute(
                "SELECT id, stay, field, value, valid_from, recorded_at"
                " FROM stay_fact"):
            s = by_id.get(stay)
            if s is None or (known is not None and instant(rec) > known):
                continue
            s.raw[field].append((vf, fid, value))
        for s in self.stays:
            s.settle()
        # Marks: (stay, day) -> [(recorded_at, id, colour)].
        self.marks = {}
        for mid, stay, day, colour, rec in con.execute(
                "SELECT id, stay, day, colour, recorded_at"
                " FROM day_mark_log"):
            rec = instant(rec)
            if stay not in by_id or (known is not None and rec > known):
                continue
            self.marks.setdefault(day, []).append(
                (by_id[stay].site, stay, rec, mid, colour))
        self.decl = []
        for did, site, at, level, note, by in con.execute(
                "SELECT id, site, at, level, note, by FROM opel_declared"):
            if known is not None and instant(at) > known:
                continue
            self.decl.append((instant(at), did, site, at, level, note, by))
        self.decl.sort()
        self.inputs = []
        for iid, site, par, value, at, rec, by in con.execute(
                "SELECT id, site, parameter, value, at, recorded_at,"
                " recorded_by FROM opel_input"):
            if known is not None and instant(rec) > known:
                continue
            self.inputs.append((instant(at), iid, site, par, value, at, by))
        self.inputs.sort()
        changes = {}
        for b, field, old, old_rec, vf, rec in con.execute(
                "SELECT blocker, field, old, old_recorded, valid_from,"
                " recorded_at FROM blocker_change ORDER BY id"):
            changes.setdefault(b, []).append((field, old, old_rec, vf, rec))
        self.blockers = {}  # site -> [Blocker]
        for row in con.execute(
                "SELECT id, stay, site, code, opened_at, closed_at,"
                " closed_recorded_at, owner, due, agency, recorded_at"
                " FROM blocker"):
            if row[1] not in by_id or (known is not None
                                       and instant(row[10]) > known):
                continue
            b = Blocker(row[:10], changes.get(row[0], []), known)
            self.blockers.setdefault(b.site, []).append(b)
        self.by_nhs = {}
        for s in self.stays:
            if s.nhs and s.dis is not None:
                self.by_nhs.setdefault(s.nhs, []).append(s)
        self._delayed = {}

    def inputs_for(self, site, mo):
        """{parameter: input} in force at the moment for site: its own,
        else the system's (flagged "system")."""
        own, system = {}, {}
        for at19, _, s, par, value, at, by in self.inputs:
            if at19 > mo.at:
                continue
            if s == site:
                own[par] = {"value": value, "at": at, "by": by,
                            "system": False}
            elif s == SYSTEM:
                system[par] = {"value": value, "at": at, "by": by,
                               "system": True}
        system.update(own)
        return system

    def delayed(self, s, t, d):
        key = (s.id, t)
        if key not in self._delayed:
            self._delayed[key] = s.delayed(t, d)
        return self._delayed[key]

    def marks_of(self, d, mo):
        """{site: [colour, ...]}: each stay's last mark of day d counted at
        the moment (at an instant, only marks recorded by then)."""
        last = {}
        for site, stay, rec, mid, colour in self.marks.get(d.isoformat(), ()):
            if not mo.end_of_day and rec > mo.at:
                continue
            if stay not in last or (rec, mid) > last[stay][:2]:
                last[stay] = (rec, mid, site, colour)
        out = {}
        for rec, mid, site, colour in last.values():
            if colour:
                out.setdefault(site, []).append(colour)
        return out


# ------------------------------------------------------------ computation


def new_counts(cfg):
    return {
        "beds": 0, "occupied": 0, "stranded": 0, "super_stranded": 0,
        "g2g": 0, "no_edd": 0, "edd_passed": 0,
        "by_reason": {c: 0 for c, _ in cfg.delay_reasons} | {"none": 0},
        "by_agency": {a: 0 for a in AGENCIES} | {"none": 0},
        "by_los": {"0-6": 0, "7-13": 0, "14-20": 0, "21+": 0},
        "dbd_day": 0, "dbd_7d": 0, "dbd_mtd": 0,
        "dbd_mtd_by_reason": {c: 0 for c, _ in cfg.delay_reasons}
        | {"none": 0},
        "dbd_mtd_by_agency": {a: 0 for a in AGENCIES} | {"none": 0},
        "d1": 0, "d1_am": 0,
        "d1_pathway": {"0": 0, "1": 0, "2": 0, "3": 0, "none": 0},
        "w7": {"n": 0, "with_g2g": 0, "g2g_sum": 0, "los_sum": 0, "edd": 0},
        "w30": {"n": 0, "with_g2g": 0, "g2g_sum": 0, "los_sum": 0, "edd": 0},
        "red": 0, "green": 0, "readm": 0,
        "bl_open": 0, "bl_overdue": 0,
        "bl_family": {f: 0 for f in FAMILIES} | {"other": 0},
        "bl_agency": {a: 0 for a in AGENCIES} | {"none": 0},
        "bl_owner": {o["code"]: 0 for o in cfg.owners} | {"none": 0},
        "bl_closed": [],
        "esc": 0, "esc_role": {r: 0 for r in cfg.roles},
        "esc_list": [],
    }


def add_counts(a, b):
    for k, v in b.items():
        if isinstance(v, dict):
            add_counts(a[k], v)
        elif isinstance(v, list):
            a[k].extend(v)
        else:
            a[k] += v


def site_counts(cfg, site, stays, rec, mo, marks):
    c = new_counts(cfg)
    c["beds"] = site["beds"]
    codes = {code for code, _ in cfg.delay_reasons}
    d, t = mo.day, mo.at
    month1 = d.replace(day=1)
    first = min(month1, d - 6 * DAY)
    for s in stays:
        if s.in_bed(t):
            los = (d - s.adm_day).days
            c["occupied"] += 1
            c["stranded"] += los >= cfg.stranded_days
            c["super_stranded"] += los >= cfg.super_stranded_days
            dl = rec.delayed(s, t, d)
            if dl is not None:
                c["g2g"] += 1
                c["by_reason"][dl[1] if dl[1] in codes else "none"] += 1
                c["by_agency"][dl[2] if dl[2] in AGENCIES else "none"] += 1
                # The national return's bands of length of stay on D.
                c["by_los"]["0-6" if los <= 6 else "7-13" if los <= 13
                            else "14-20" if los <= 20 else "21+"] += 1
            edd = _date(s.at("edd", t))
            c["no_edd"] += edd is None
            c["edd_passed"] += edd is not None and edd < d
        # Delayed bed days: each day of the periods, at its end.
        if s.adm_day <= d and (s.dis_day is None or s.dis_day >= first):
            x = max(first, s.adm_day)
            while x <= d and (s.dis_day is None or x <= s.dis_day):
                dl = rec.delayed(s, mo.end(x), x)
                if dl is not None:
                    c["dbd_day"] += x == d
                    c["dbd_7d"] += x >= d - 6 * DAY
                    if x >= month1:
                        c["dbd_mtd"] += 1
                        c["dbd_mtd_by_reason"][
                            dl[1] if dl[1] in codes else "none"] += 1
                        c["dbd_mtd_by_agency"][
                            dl[2] if dl[2] in AGENCIES else "none"] += 1
                x += DAY
        if s.dis is not None:
            ago = (d - s.dis_day).days
            if ago == 1:
                c["d1"] += 1
                c["d1_am"] += s.dis_minute < 12 * 60
                p = s.last("pathway")
                c["d1_pathway"][p if p in ("0", "1", "2", "3")
                                else "none"] += 1
            for key, n in (("w7", 7), ("w30", 30)):
                if 1 <= ago <= n:
                    w = c[key]
                    w["n"] += 1
                    w["los_sum"] += (s.dis_day - s.adm_day).days
                    drd = _date(s.last("g2g_date"))
                    if drd is not None and drd <= s.dis_day:
                        w["with_g2g"] += 1
                        w["g2g_sum"] += (s.dis_day - drd).days
                    edd = _date(s.last("edd"))
                    w["edd"] += edd is not None and s.dis_day <= edd
        # A readmission: admitted 0-29 days before D (by the moment), and
        # another stay of the patient ended (discharged_at not after this
        # admitted_at) 0-28 days by date before it.
        if s.nhs and 0 <= (d - s.adm_day).days <= 29 and s.adm <= t:
            if any(o is not s and o.dis <= s.adm
                   and 0 <= (s.adm_day - o.dis_day).days <= 28
                   for o in rec.by_nhs.get(s.nhs, ())):
                c["readm"] += 1
    for colour in marks.get(site["code"], ()):
        c["red" if colour == "red" else "green"] += 1
    # Blockers open at T, and those ended from D-6 00:00 to T.
    week = (d - 6 * DAY).isoformat() + "T00:00:00"
    overdue = {}
    for b in rec.blockers.get(site["code"], ()):
        if b.opened > t:
            continue
        if b.end is not None and b.end <= t:
            if b.end >= week:
                c["bl_closed"].append((_date(b.end) - b.opened_day).days)
            continue
        c["bl_open"] += 1
        fam = cfg.reason_info.get(b.code)
        c["bl_family"][fam["family"] if fam else "other"] += 1
        ag = b.value("agency", t)
        c["bl_agency"][ag if ag in AGENCIES else "none"] += 1
        ow = b.value("owner", t)
        c["bl_owner"][ow if ow in c["bl_owner"] and ow != "none"
                      else "none"] += 1
        due = _date(b.value("due", t))
        if due is not None and due < d:
            c["bl_overdue"] += 1
            overdue[b.stay] = max(overdue.get(b.stay, 0), (d - due).days)
    for s in stays:
        if not s.in_bed(t):
            continue
        dl = rec.delayed(s, t, d)
        role = escalation_role(cfg, (d - dl[0]).days if dl else None,
                               overdue.get(s.id))
        if role >= 0:
            c["esc"] += 1
            c["esc_role"][cfg.roles[role]] += 1
            c["esc_list"].append((s, role, (d - dl[0]).days if dl else None,
                                  overdue.get(s.id)))
    return c


def median(xs):
    if not xs:
        return None
    xs = sorted(xs)
    n = len(xs)
    return Fraction(xs[n // 2]) if n % 2 else Fraction(
        xs[n // 2 - 1] + xs[n // 2], 2)

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
        "delayed_patients_by_los": dict(c["by_los"]),
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
        "blockers": {
            "open": c["bl_open"], "overdue": c["bl_overdue"],
            "by_family": dict(c["bl_family"]),
            "by_agency": dict(c["bl_agency"]),
            "by_owner": dict(c["bl_owner"]),
            "closed_7d": len(c["bl_closed"]),
            "median_days_to_close": A(median(c["bl_closed"]))},
        "escalated": {"total": c["esc"], "by_role": dict(c["esc_role"])},
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


def band_points(bands, v):
    """The points of the highest band whose from v reaches; 0 below."""
    points = Fraction(0)
    for frm, pts in bands:
        if v < frm:
            break
        points = pts
    return points


def g(x):
    """A number as C's printf %g writes it."""
    return "%g" % float(x)


def moment_minute(mo):
    """The minute a moment's figures are at: T's, or D+1 00:00."""
    if mo.end_of_day:
        return dt.datetime.combine(mo.day + DAY, dt.time())
    return dt.datetime.fromisoformat(mo.at[:16])


def site_points(kcfg, values, levels, inputs, mo):
    score = Fraction(0)
    params, scored, unknown = {}, [], []
    for p in kcfg["parameters"]:
        entry = {"source": p["source"]}
        stale = False
        if p["source"] == "input":
            inp = inputs.get(p["name"])
            v = None if inp is None else Fraction(inp["value"])
            if inp is not None and p["max_age"]:
                age = moment_minute(mo) - dt.datetime.fromisoformat(
                    inp["at"][:16])
                stale = Fraction(int(age.total_seconds()), 3600) > \
                    p["max_age"]
        else:
            v = values[p["source"]]
        known = v is not None and not stale
        pts = band_points(p["bands"], v) if known else Fraction(0)
        if known:
            score += p["weight"] * pts
            if pts > 0:
                scored.append((p, v, pts))
        else:
            unknown.append(p["name"] + (" (stale)" if stale else ""))
        entry.update({"value": A(v), "known": known, "points": pts,
                      "weight": p["weight"]})
        if p["source"] == "input":
            entry.update({"stale": stale,
                          "at": inp["at"] if inp else None,
                          "by": inp["by"] if inp else None,
                          "system": bool(inp and inp["system"])})
        params[p["name"]] = entry
    level = 1 + sum(1 for t in kcfg["levels"] if score >= t)
    explain = "score " + g(score)
    if level > 1:
        explain += " >= %s (L%d)" % (g(kcfg["levels"][level - 2]), level)
    parts = []
    for p, v, pts in scored:
        part = "%s %s (%s pts" % (p["name"], round1(v), g(pts))
        if p["weight"] != 1:
            part += " x" + g(p["weight"])
        parts.append(part + ")")
    explain += ": " + (", ".join(parts) if parts else "no parameter scored")
    if unknown:
        explain += "; unknown: %d" % len(unknown)
        stale = sum(1 for u in unknown if u.endswith(" (stale)"))
        if stale:
            explain += " (%d stale)" % stale
    return {
        "computed": level, "score": score,
        "drivers": [p["name"] for p, _, _ in scored] if level > 1 else [],
        "explain": explain,
        "parameters": params,
        "metrics": {n: {"value": A(values[n]), "level": levels[n]}
                    for n in METRICS if n in levels},
    }


def site_opel(kcfg, values, inputs=None, mo=None):
    levels = {}
    for name in METRICS:
        m = kcfg["metrics"].get(name)
        if m is None:
            continue
        v = values[name]
        levels[name] = 0 if v is None else metric_level(m["at"], v)
    if kcfg["rule"] == "points":
        return site_points(kcfg, values, levels, inputs or {}, mo)
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


def system_score(cfg, scored):
    """The pillars' scores averaged, each the mean of its sites'."""
    by_kind = {}
    for kind, score in scored:
        by_kind.setdefault(kind, []).append(score)
    total = weights = Fraction(0)
    for kind, scores in by_kind.items():
        w = cfg.system_weights.get(kind, Fraction(1))
        total += w * sum(scores, Fraction(0)) / len(scores)
        weights += w
    return total / weights if weights else None


def system_opel(cfg, levels, scored):
    if cfg.system_scoring != "scores":
        return {"computed": system_level(cfg.system_rule, levels)}
    score = system_score(cfg, scored)
    level = 1 if score is None else \
        1 + sum(1 for t in cfg.system_levels if score >= t)
    return {"computed": level, "score": A(score)}


def declared_on(decl, site, mo):
    """The declaration in force at the moment: the latest made at or
    before it (a tie on the time: the one recorded last)."""
    best = None
    for at19, _, s, at, level, note, by in decl:
        if s == site and at19 <= mo.at:
            best = {"level": level, "at": at, "by": by, "note": note}
    return best


def recompute(cfg, rec, mo, show_names=False):
    d, t = mo.day, mo.at
    by_site = {}
    for s in rec.stays:
        by_site.setdefault(s.site, []).append(s)
    marks = rec.marks_of(d, mo)
    kinds = {k: new_counts(cfg) for k in SITE_KINDS}
    total = new_counts(cfg)
    sites_json, dtoc_sites, levels, scored = [], [], [], []
    any_data = False
    for site in cfg.sites:
        stays = by_site.get(site["code"], [])
        c = site_counts(cfg, site, stays, rec, mo, marks)
        add_counts(kinds[site["kind"]], c)
        add_counts(total, c)
        op = site_opel(cfg.opel[site["kind"]], metric_values(c),
                       rec.inputs_for(site["code"], mo), mo)
        op["declared"] = declared_on(rec.decl, site["code"], mo)
        levels.append((op["computed"], site["beds"]))
        scored.append((site["kind"], op["score"]))
        sj = {"code": site["code"], "name": site["name"],
              "kind": site["kind"]}
        sj.update(counts_json(c))
        sj["opel"] = op
        # Data: a stay of the site admitted by the moment.
        has_data = any(s.adm <= t for s in stays)
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

    traj = judge(cfg.trajectory, total["dbd_mtd"], d, any_data, "system")

    # Longest delayed: in a bed and delayed at the moment, earliest DRD
    # then earliest admission; at most 10 shown. Values at the moment.
    delayed = []
    for s in rec.stays:
        dl = rec.delayed(s, t, d)
        if dl is not None:
            delayed.append((dl[0], s.admitted_at, s, dl))
    delayed.sort(key=lambda x: (x[0], x[1]))
    longest = []
    for drd, _, s, dl in delayed:
        p = s.at("pathway", t)
        longest.append({
            "site": s.site, "ward": s.at("ward", t), "bed": s.at("bed", t),
            "patient": ("%s, %s" % (s.family, s.given) if show_names
                        else initials(s.given, s.family)),
            "mrn": s.mrn if show_names else None,
            "admitted_at": s.admitted_at, "g2g_date": drd.isoformat(),
            "delay_days": (d - drd).days, "los": (d - s.adm_day).days,
            "reason": dl[1], "agency": dl[2],
            "pathway": int(p) if p is not None else None})

    # Escalated: the most senior role first, then the most days delayed,
    # the most days overdue, the earliest admission, the stay's id.
    def esc_key(e):
        s, role, delay, over = e
        return (-role, -(delay if delay is not None else -1),
                -(over if over is not None else -1), s.adm, s.id)
    escalations = []
    for s, role, delay, over in sorted(total["esc_list"], key=esc_key)[:10]:
        escalations.append({
            "site": s.site, "ward": s.at("ward", t), "bed": s.at("bed", t),
            "patient": ("%s, %s" % (s.family, s.given) if show_names
                        else initials(s.given, s.family)),
            "mrn": s.mrn if show_names else None,
            "admitted_at": s.admitted_at, "escalated_to": cfg.roles[role],
            "delay_days": delay, "overdue_days": over,
            "reason": s.at("delay_reason", t),
            "agency": s.at("delay_agency", t)})

    y = d - DAY
    return {
        "format": "sitrep-report", "version": 1,
        "system": cfg.system_name, "date": d.isoformat(),
        "no_data": not any_data,
        "yesterday": {"date": y.isoformat(), "weekend": y.weekday() >= 5},
        "thresholds": {"stranded_days": cfg.stranded_days,
                       "super_stranded_days": cfg.super_stranded_days,
                       "midday_target_pct": cfg.midday_target_pct},
        "opel": dict(system_opel(cfg, levels, scored),
                     declared=declared_on(rec.decl, SYSTEM, mo)),
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
        "escalations": escalations,
    }


def initials(given, family):
    """As the stay module writes them (doc/report-json.md): the first
    given name's initial, then the initials of every word of the family
    name with one full stop after them ("Z. Ó B."); "?" for neither."""
    g = (given or "").split()
    f = (family or "").split()
    parts = ([g[0][0] + "."] if g else []) + \
        ([" ".join(w[0] for w in f) + "."] if f else [])
    return " ".join(parts) if parts else "?"


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


def to_json(v):
    if isinstance(v, Approx):
        return float(v.rounded())
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else float(round1(v))
    raise TypeError(repr(v))


def mtd_of(rec, d):
    """The delayed bed days of d's month to date (d's end)."""
    mo = Moment(d, end_of(d), True)
    month1 = d.replace(day=1)
    n = 0
    for s in rec.stays:
        x = max(month1, s.adm_day)
        while x <= d and (s.dis_day is None or x <= s.dis_day):
            n += rec.delayed(s, mo.end(x), x) is not None
            x += DAY
    return n


def trajectory_edges(rec, months):
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
            p = Fraction(mtd_of(rec, dd) * dim, day)
            t = p.numerator // p.denominator
            kind = ("over" if 0 < p - t < Fraction(1, 20) else
                    "equal" if p == t and t > 0 else None)
            if kind and kind not in found:
                found.add(kind)
                out.append((kind, dd, t))
    return out


def threshold_edges(cfg, rec, d):
    """OPEL metric values of day d that rounding to one decimal place
    would move across a threshold placed there, for a test config: ("up",
    SITE, KIND, METRIC, T) where the value is below T but rounds to T, and
    ("down", ..., T) where it is at least T but rounds below it."""
    by_site = {}
    for s in rec.stays:
        by_site.setdefault(s.site, []).append(s)
    mo = Moment(d, end_of(d), True)
    out = []
    for site in cfg.sites:
        c = site_counts(cfg, site, by_site.get(site["code"], []), rec, mo,
                        {})
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


def check_one(cfg, rec, spec, mo, path, quiet, show_names=False):
    """Compares sitrep's report (the JSON file path) with the
    recomputation; prints the differences and a summary line. Returns
    (figures compared, differences), differences -1 if unreadable."""
    ours = recompute(cfg, rec, mo, show_names)
    try:
        with open(path, encoding="utf-8") as f:
            theirs = json.load(f, parse_float=Decimal)
    except (OSError, ValueError) as e:
        print("%s: cannot read sitrep's report %s: %s" % (spec, path, e))
        return 0, -1
    cmp = Comparison()
    longest = ours.pop("longest_delayed")
    # The moment's wording is sitrep's to choose: not compared.
    compare(cmp, "", {k: v for k, v in theirs.items()
                      if k not in ("longest_delayed", "moment")}, ours)
    if "longest_delayed" not in theirs:
        cmp.diff("longest_delayed", "(missing)", longest[:10])
    else:
        compare_longest(cmp, theirs["longest_delayed"], longest)
    for line in cmp.diffs:
        print("%s %s" % (spec, line))
    if not quiet:
        for line in cmp.notes:
            print("%s note: %s" % (spec, line), file=sys.stderr)
    print("%s: %d stays, %d figures compared, %d differences" % (
        spec, len(rec.stays), cmp.figures, len(cmp.diffs)))
    return cmp.figures, len(cmp.diffs)


def run(args):
    cfg = load_config(args.config)
    records = {}

    def record(known):
        if known not in records:
            records[known] = Record(args.db, known)
        return records[known]

    if args.trajectory_edges:
        months = [tuple(int(x) for x in m.split("-"))
                  for m in args.trajectory_edges.split(",")]
        for kind, d, t in trajectory_edges(record(None), months):
            print(kind, d.isoformat(), t)
        return 0
    if args.threshold_edges:
        d = dt.date.fromisoformat(args.threshold_edges)
        for kind, site, skind, metric, t in threshold_edges(
                cfg, record(None), d):
            print(kind, site, skind, metric, Decimal(t.numerator) /
                  Decimal(t.denominator))
        return 0
    for spec in args.emit:
        mo = Moment.parse(spec)
        ours = recompute(cfg, record(mo.known), mo, args.show_names)
        ours["longest_delayed"] = ours["longest_delayed"][:10]
        print(json.dumps(ours, indent=1, ensure_ascii=False,
                         default=to_json))
    bad = False
    for item in args.check:
        spec, path = item.rsplit("=", 1)
        mo = Moment.parse(spec)
        _, ndiff = check_one(cfg, record(mo.known), spec, mo, path,
                             args.quiet, args.show_names)
        bad = bad or ndiff != 0
    return 1 if bad else 0


def main(argv):
    ap = argparse.ArgumentParser(
        description="recompute sitrep's report from the record and compare")
    ap.add_argument("--config", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--check", action="append", default=[],
                    metavar="SPEC=FILE",
                    help="compare sitrep's JSON report FILE of the moment "
                    "SPEC (DAY, DAY@now=HH:MM or @DAYTHH:MM, then "
                    "~DAYTHH:MM for as known at) with the recomputation")
    ap.add_argument("--emit", action="append", default=[], metavar="SPEC",
                    help="print the recomputed report of SPEC as JSON")
    ap.add_argument("--trajectory-edges", metavar="YYYY-MM,...",
                    help="print days and targets on the edges of the "
                    "trajectory status in those months, and exit")
    ap.add_argument("--threshold-edges", metavar="DAY",
                    help="print OPEL metric values of DAY that rounding "
                    "would move across a threshold placed there, and exit")
    ap.add_argument("--show-names", action="store_true",
                    help="the reports were made with --show-names")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not (args.trajectory_edges or args.threshold_edges or args.emit
            or args.check):
        ap.error("nothing to do: give --check, --emit or an edges option")
    return run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
