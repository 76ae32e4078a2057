#!/usr/bin/env python3
"""Generates a census of several thousand stays over ~90 days for the
independent report check (tests/cli/test_report_check.sh), and the SAFER day
marks to apply to it with `sitrep mark`.

Deterministic: the same options write the same bytes. Standard library only.

The sites, wards, beds, delay reasons and red-day reasons come from the
config (parsed by recompute.load_config). Each site admits patients every day
from about 150 days before the reference date; lengths of stay are long-tailed
(same-day stays to months); discharges fall across the day and less often at
weekends; some patients come back within 28 days (same NHS number, possibly at
another site); stays discharged more than ~95 days before the reference date
are left out and stays not discharged by it are still in a bed. Around each
checked day (--days) deliberate edge cases are added: admissions at 00:00
and 23:59, discharges at 00:00, 11:59 and 12:00, same-day stays, green to go
on the admission day / the discharge day / the day itself / the day after,
LOS and EDD on the boundaries, discharges on the edges of the 7- and 30-day
windows, readmissions 28 and 29 days after a discharge and on the edge of the
30-day window.

The census satisfies the import rules: admitted <= g2g <= discharged by date,
EDD not before admission, delay reason and agency only with a g2g date,
configured site, ward and codes, never the same (site, mrn, admitted_at)
twice, and a patient is never in two beds at once.

Marks (--marks FILE) are `mrn,site,day,colour,reason` lines: each names a
stay that `sitrep mark --site SITE --day DAY MRN COLOUR [--reason R]` finds
(the MRN's current stay at the site, else its latest), in a bed on DAY or
discharged on DAY.

usage: gen_data.py [--seed N] [--config FILE] [--ref YYYY-MM-DD]
                   [--days D,D,...] [--scale X] --out FILE [--marks FILE]
"""
import argparse
import csv
import datetime as dt
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitrep_config import load_config  # noqa: E402

DAY = dt.timedelta(days=1)
COLUMNS = ["site", "ward", "bed", "mrn", "nhs_number", "family_name",
           "given_name", "birth_date", "admitted_at", "edd", "g2g_date",
           "pathway", "delay_reason", "delay_agency", "discharged_at",
           "destination", "note"]
FAMILY = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
          "Johnson", "Davies", "Evans", "Thomas", "Roberts", "Walker",
          "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards",
          "Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson"]
GIVEN = ["Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Noah",
         "Mia", "Jack", "Grace", "Arthur", "Lily", "Leo", "Freya", "Oscar",
         "Emily", "Alfie", "Ivy", "Charlie", "Rosie", "Margaret", "Joan",
         "Dennis", "Doreen", "Kenneth"]
DESTINATIONS = ["Usual residence", "Care home", "Community hospital",
                "Other acute trust", "Hospice", ""]
AGENCIES = ["NHS", "ASC", "both"]

# How full each kind of site runs and how long its patients stay (days:
# weights of ranges, drawn uniformly within a range).
SITE_PROFILE = {
    "acute": {"occupancy": 0.87,
              "los": [((0, 0), 6), ((1, 3), 18), ((4, 6), 30),
                      ((7, 20), 38), ((21, 45), 7), ((46, 90), 1)]},
    "community": {"occupancy": 0.84,
                  "los": [((1, 6), 20), ((7, 20), 40), ((21, 45), 35),
                          ((46, 80), 5)]},
    "mental_health": {"occupancy": 0.85,
                      "los": [((1, 6), 15), ((7, 20), 30), ((21, 60), 45),
                              ((61, 120), 10)]},
}
# Per-site pressure, so that sites reach different OPEL levels.
SITE_PRESSURE = [1.02, 0.97, 0.88, 1.0, 0.75, 1.02, 0.85, 0.95]


def nhs_numbers(start):
    """Valid NHS numbers in the never-issued 999 range: Modulus 11 with
    weights 10..2 on the first nine digits, check 11 - sum mod 11 (11 -> 0;
    10 is never issued: skipped)."""
    n = start
    while True:
        body = "999%06d" % n
        n += 1
        total = sum(int(c) * (10 - i) for i, c in enumerate(body))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        yield body + str(check)


def weighted(rng, table):
    total = sum(w for _, w in table)
    x = rng.uniform(0, total)
    for item, w in table:
        x -= w
        if x <= 0:
            return item
    return table[-1][0]


def fmt_dt(day, minute):
    return "%sT%02d:%02d" % (day.isoformat(), minute // 60, minute % 60)


class Generator:
    def __init__(self, cfg, seed, ref, days, scale):
        self.cfg = cfg
        self.rng = random.Random(seed)
        self.ref = ref
        self.days = days
        self.scale = scale
        self.start = ref - 150 * DAY
        self.keep_from = ref - 95 * DAY
        self.nhs = nhs_numbers(1000 + seed % 1000 * 100)
        self.patients = 0
        self.stays = []
        self.busy = {}  # patient -> list of (adm minute, dis minute|None)
        self.reasons = [c for c, _ in cfg.delay_reasons]
        self.red = [c for c, _ in cfg.red_reasons]
        self.sites = {s["code"]: s for s in cfg.sites}
        self.in_flow = False

    # --- patients -------------------------------------------------------

    def new_patient(self, with_nhs=True):
        rng = self.rng
        self.patients += 1
        return {
            "id": self.patients,
            "nhs": next(self.nhs) if with_nhs and rng.random() < 0.93
            else "",
            "family": rng.choice(FAMILY), "given": rng.choice(GIVEN),
            "birth": "" if rng.random() < 0.05 else "%04d-%02d-%02d" % (
                rng.randrange(1925, 2006), rng.randrange(1, 13),
                rng.randrange(1, 29)),
            "mrn": {},
        }

    def mrn(self, patient, site):
        if site not in patient["mrn"]:
            patient["mrn"][site] = "%s%07d" % (site[:1], patient["id"])
        return patient["mrn"][site]

    # --- one stay -------------------------------------------------------

    def stay(self, patient, site, adm_day, adm_min, los=None, dis_min=None,
             **fields):
        """Adds a stay; fields override the generated values (None for an
        empty field). Returns the stay, or None if it would overlap another
        stay of the patient or fall outside the data."""
        rng = self.rng
        s = self.sites[site]
        if los is None:
            los = weighted(rng, SITE_PROFILE[s["kind"]]["los"])
            los = rng.randint(*los)
        dis_day = adm_day + los * DAY
        if dis_min is None:
            # Most discharges in the afternoon; about a fifth before noon.
            dis_min = weighted(rng, [((0, 479), 2), ((480, 719), 20),
                                     ((720, 1079), 65), ((1080, 1439), 13)])
            dis_min = rng.randint(*dis_min)
            # Fewer discharges at weekends: most move to the Monday.
            if dis_day.weekday() >= 5 and rng.random() < 0.45:
                dis_day += (7 - dis_day.weekday()) * DAY
            if dis_day == adm_day and dis_min <= adm_min:
                if adm_min >= 1439:
                    dis_day += DAY
                else:
                    dis_min = rng.randint(adm_min + 1, 1439)
        adm_at = (adm_day - self.start).days * 1440 + adm_min
        dis_at = (dis_day - self.start).days * 1440 + dis_min
        discharged = dis_day <= self.ref
        if adm_day > self.ref or (discharged and dis_day < self.keep_from):
            return None
        for a, b in self.busy.get(patient["id"], ()):
            if adm_at < b and a < dis_at:
                return None
        self.busy.setdefault(patient["id"], []).append((adm_at, dis_at))
        los = (dis_day - adm_day).days
        ward = weighted(rng, [(w["code"], w["beds"]) for w in s["wards"]])
        wbeds = next(w["beds"] for w in s["wards"] if w["code"] == ward)
        row = {
            "site": site, "ward": ward,
            "bed": "" if rng.random() < 0.03 else "%s-%02d" % (
                ward, rng.randint(1, wbeds)),
            "mrn": self.mrn(patient, site), "nhs_number": patient["nhs"],
            "family_name": patient["family"],
            "given_name": patient["given"], "birth_date": patient["birth"],
            "admitted_at": fmt_dt(adm_day, adm_min),
            "edd": "", "g2g_date": "", "pathway": "", "delay_reason": "",
            "delay_agency": "",
            "discharged_at": fmt_dt(dis_day, dis_min) if discharged else "",
            "destination": "", "note": "",
        }
        if rng.random() < 0.85:
            row["edd"] = (adm_day + max(0, los + rng.randint(-6, 4))
                          * DAY).isoformat()
        p_g2g = 0.1 if los == 0 else 0.3 if los < 7 else 0.55
        if rng.random() < p_g2g:
            delay = weighted(rng, [((0, 0), 20), ((1, 3), 35),
                                   ((4, 10), 30), ((11, 40), 15)])
            delay = min(los, rng.randint(*delay))
            row["g2g_date"] = (dis_day - delay * DAY).isoformat()
            if rng.random() < 0.8:
                row["delay_reason"] = rng.choice(self.reasons)
            if rng.random() < 0.8:
                row["delay_agency"] = rng.choice(AGENCIES)
        if row["g2g_date"] or rng.random() < 0.3:
            if rng.random() < 0.85:
                row["pathway"] = str(weighted(rng, [(0, 45), (1, 30), (2, 15),
                                                    (3, 10)]))
        if discharged and rng.random() < 0.7:
            row["destination"] = rng.choice(DESTINATIONS)
        if rng.random() < 0.05:
            row["note"] = rng.choice(["Awaiting OT, PT and SALT",
                                      "Family meeting booked"])
        for k, v in fields.items():
            row[k] = "" if v is None else v
        row["_patient"] = patient
        row["_adm"] = adm_at
        row["_dis"] = dis_at if discharged else None
        row["_flow"] = self.in_flow
        self.stays.append(row)
        return row

    # --- the flow -------------------------------------------------------

    def flow(self):
        rng = self.rng
        cfg = self.cfg
        self.in_flow = True
        for i, s in enumerate(cfg.sites):
            prof = SITE_PROFILE[s["kind"]]
            los_mean = sum((a + b) / 2 * w for (a, b), w in prof["los"]) / \
                sum(w for _, w in prof["los"])
            pressure = SITE_PRESSURE[i % len(SITE_PRESSURE)]
            rate = s["beds"] * prof["occupancy"] * pressure / los_mean
            rate *= self.scale
            day = self.start
            while day <= self.ref:
                n = max(0, round(rng.gauss(rate, rate ** 0.5)))
                if day.weekday() >= 5:
                    n = round(n * 0.8)
                for _ in range(n):
                    self.admission(s["code"], day)
                day += DAY

        self.in_flow = False

    def admission(self, site, day, patient=None, depth=0):
        rng = self.rng
        patient = patient or self.new_patient()
        minute = weighted(rng, [((0, 479), 10), ((480, 1079), 60),
                                ((1080, 1439), 30)])
        st = self.stay(patient, site, day, rng.randint(*minute))
        if st is None or not st["discharged_at"] or not patient["nhs"]:
            return
        # Some come back: within days, on the 28-day edge, or later.
        if depth < 2 and rng.random() < 0.06:
            gap = weighted(rng, [((0, 0), 10), ((1, 7), 40), ((8, 27), 30),
                                 ((28, 29), 10), ((30, 40), 10)])
            gap = rng.randint(*gap)
            dis = dt.date.fromisoformat(st["discharged_at"][:10])
            dis_min = int(st["discharged_at"][11:13]) * 60 + \
                int(st["discharged_at"][14:16])
            back = dis + gap * DAY
            if rng.random() < 0.3:
                site = self.any_site()
            if back > self.ref:
                return
            if gap == 0:
                if dis_min >= 1439:
                    return
                m = rng.randint(dis_min + 1, 1439)
            else:
                m = rng.randint(0, 1439)
            st2 = self.stay(patient, site, back, m)
            if st2 and st2["discharged_at"] and depth + 1 < 2 and \
                    rng.random() < 0.3:
                self.admission(site, dt.date.fromisoformat(
                    st2["discharged_at"][:10]) + rng.randint(1, 20) * DAY,
                    patient, depth + 1)

    def any_site(self):
        """A site, the larger ones more often."""
        return weighted(self.rng, [(s["code"], s["beds"])
                                   for s in self.cfg.sites])

    # --- edge cases around each checked day -----------------------------

    def edges(self):
        for d in self.days:
            other = self.any_site()
            y = d - DAY

            def s(adm_day, adm_min, los=None, dis_min=None, site=None,
                  patient=None, **f):
                return self.stay(patient or self.new_patient(),
                                 site or self.any_site(), adm_day, adm_min,
                                 los, dis_min, **f)

            far = d + 30 * DAY  # a discharge after the data: still in bed
            s(d, 0, los=(far - d).days)                      # in at 00:00
            s(d, 1439, los=(far - d).days)                   # in at 23:59
            s(y, 1439, los=1, dis_min=0)                     # out D 00:00
            s(y - DAY, 600, los=1, dis_min=0)                # out D-1 00:00
            s(y - 2 * DAY, 600, los=2, dis_min=719)          # out D-1 11:59
            s(y - 3 * DAY, 600, los=3, dis_min=720, pathway="2")  # 12:00
            s(y - 3 * DAY, 601, los=3, dis_min=720, site=other,
              pathway=None)
            s(d, 480, los=0, dis_min=900)                    # same day D
            s(y, 480, los=0, dis_min=690, pathway="0")       # same day D-1
            s(y, 300, los=0, dis_min=1380, g2g_date=y.isoformat(),
              delay_reason="G", delay_agency="NHS")          # g2g adm=dis
            s(d - 3 * DAY, 700, los=40, g2g_date=(d - 3 * DAY).isoformat(),
              delay_reason="E", delay_agency="ASC")          # g2g on adm day
            s(d - 9 * DAY, 700, los=8, dis_min=1000,
              g2g_date=y.isoformat(), delay_reason="D2",
              delay_agency="both", pathway="3")              # g2g on dis day
            s(d - 5 * DAY, 700, los=20, g2g_date=d.isoformat(),
              delay_reason=None, delay_agency="NHS")         # g2g == D
            s(d - 5 * DAY, 700, los=20,
              g2g_date=(d + DAY).isoformat())                # g2g tomorrow
            for los in (6, 7, 20, 21):                       # LOS edges
                s(d - los * DAY, 840, los=los + 5)
            s(d - 4 * DAY, 840, los=10, edd=d.isoformat())   # EDD == D
            s(d - 4 * DAY, 840, los=10, edd=y.isoformat())   # EDD passed
            s(d - 10 * DAY, 840, los=6, dis_min=800,
              edd=(d - 4 * DAY).isoformat())                 # out on EDD
            s(d - 10 * DAY, 841, los=6, dis_min=800,
              edd=(d - 5 * DAY).isoformat())                 # a day late
            for ago in (7, 8, 30, 31):                       # window edges
                s(d - (ago + 4) * DAY, 660, los=4, dis_min=1000,
                  g2g_date=(d - (ago + 1) * DAY).isoformat())
            m1 = d.replace(day=1)                            # mtd edges
            if m1 > d - 20 * DAY:
                s(m1 - 5 * DAY, 500, los=60,
                  g2g_date=(m1 - DAY).isoformat(), delay_reason="A")
                s(m1 - 5 * DAY, 500, los=60, g2g_date=m1.isoformat(),
                  delay_agency="ASC")
            # Readmissions 28 and 29 days after a discharge, one at another
            # site, and on the edge of the 30-day window (admitted D-29 /
            # D-30, each 3 days after a discharge).
            # A same-day return (the minute of the discharge, and later),
            # and two short stays on one day: only the second is a
            # readmission.
            for gap, back, where, at in ((28, d - 2 * DAY, None, 900),
                                         (29, d - 2 * DAY, None, 900),
                                         (28, d, other, 900),
                                         (3, d - 29 * DAY, None, 900),
                                         (3, d - 30 * DAY, other, 900),
                                         (0, d - DAY, other, 900),
                                         (0, d - 2 * DAY, None, 600),
                                         (0, d - 3 * DAY, other, 600)):
                p = self.new_patient(with_nhs=False)
                p["nhs"] = next(self.nhs)
                out = back - gap * DAY
                first = s(out - 5 * DAY, 600, los=5, dis_min=600, patient=p)
                s(back, at, los=12, patient=p,
                  site=where or (first or {}).get("site"))
            # The longest delayed: one with no ward, bed, reason, agency
            # or pathway, then eleven that tie on g2g_date and admitted_at
            # (only nine of them make the ten shown).
            s(d - 100 * DAY, 480, los=130, g2g_date=(d - 95 * DAY).isoformat(),
              ward=None, bed=None, delay_reason=None, delay_agency=None,
              pathway=None)
            for _ in range(11):
                s(d - 95 * DAY, 480, los=125,
                  g2g_date=(d - 90 * DAY).isoformat())
            p = self.new_patient(with_nhs=False)
            p["nhs"] = next(self.nhs)
            first = s(d - 4 * DAY, 480, los=0, dis_min=560, patient=p)
            s(d - 4 * DAY, 1000, los=0, dis_min=1100, patient=p,
              site=(first or {}).get("site"))

    # --- histories ------------------------------------------------------

    def minute_text(self, m):
        return fmt_dt(self.start + (m // 1440) * DAY, m % 1440)

    def history(self, row):
        """How a stay's record came to be: row["_init"], the values at
        admission, and row["_events"], (minute, {column: value}) changes
        in time order ending in the row's final values. Only for a share
        of the flow's stays (the edge cases keep their values)."""
        rng = self.rng
        init = {c: row[c] for c in COLUMNS}
        init["discharged_at"] = init["destination"] = ""
        events = []
        out = {"discharged_at": row["discharged_at"],
               "destination": row["destination"]}
        adm, dis = row["_adm"], row["_dis"]
        end = dis if dis is not None else (self.ref - self.start).days * \
            1440 + 1439
        row["_init"], row["_events"] = init, events
        if not row["_flow"] or rng.random() < 0.45 or end - adm < 240:
            if dis is not None:
                events.append((dis, out))
            return

        def at_day(day, lo=adm + 1, hi=end - 1):
            """A minute of day (days since start) within [lo, hi]."""
            m = day * 1440 + rng.randint(360, 1320)
            return min(max(m, lo), hi)

        adm_day = adm // 1440
        last_day = end // 1440
        # The EDD: first a guess, changed once or twice to the final.
        if row["edd"] and rng.random() < 0.7:
            init["edd"] = (self.start + (adm_day + rng.randint(1, 5)) *
                           DAY).isoformat()
            if rng.random() < 0.4:
                events.append((at_day(rng.randint(adm_day, last_day)), {
                    "edd": (self.start + (adm_day + rng.randint(2, 9)) *
                            DAY).isoformat()}))
            events.append((at_day(rng.randint(adm_day, last_day)),
                           {"edd": row["edd"]}))
        # A ward move; the bed unknown until then.
        s = self.sites[row["site"]]
        if len(s["wards"]) > 1 and rng.random() < 0.3:
            init["ward"] = rng.choice([w["code"] for w in s["wards"]
                                       if w["code"] != row["ward"]])
            init["bed"] = ""
            events.append((at_day(rng.randint(adm_day, last_day)),
                           {"ward": row["ward"], "bed": row["bed"]}))
        # The DRD: recorded days after it, maybe after a first run of
        # not meeting the criteria that ended.
        if row["g2g_date"]:
            g = (dt.date.fromisoformat(row["g2g_date"]) - self.start).days
            init["g2g_date"] = init["delay_reason"] = ""
            init["delay_agency"] = ""
            if g - adm_day >= 4 and rng.random() < 0.35:
                e1 = adm_day + 1
                events.append((at_day(e1), {
                    "g2g_date": (self.start + e1 * DAY).isoformat(),
                    "delay_reason": rng.choice(self.reasons),
                    "delay_agency": rng.choice(AGENCIES)}))
                events.append((at_day(e1 + rng.randint(1, 2)), {
                    "g2g_date": "", "delay_reason": "",
                    "delay_agency": ""}))
            when = at_day(min(g + rng.choice([0, 0, 1, 2, 3]), last_day),
                          lo=max(adm + 1, g * 1440))
            first = {"g2g_date": row["g2g_date"],
                     "delay_reason": row["delay_reason"],
                     "delay_agency": row["delay_agency"]}
            if row["delay_reason"] and rng.random() < 0.3:
                first["delay_reason"] = rng.choice(self.reasons)
                first["delay_agency"] = rng.choice(AGENCIES)
                events.append((when, first))
                events.append((at_day(rng.randint(when // 1440, last_day),
                                      lo=when + 1), {
                    "delay_reason": row["delay_reason"],
                    "delay_agency": row["delay_agency"]}))
            else:
                events.append((when, first))
        if row["pathway"] and rng.random() < 0.3:
            init["pathway"] = rng.choice(["", "0", "1", "2", "3"])
            events.append((at_day(rng.randint(adm_day, last_day)),
                           {"pathway": row["pathway"]}))
        if dis is not None:
            # Sometimes first recorded too early, then corrected.
            wrong = dis - rng.randint(30, 300)
            g = row["g2g_date"]
            if rng.random() < 0.15 and wrong > adm and \
                    (not g or self.minute_text(wrong)[:10] >= g):
                events.append((wrong, dict(out, discharged_at=self
                                           .minute_text(wrong))))
                events.append((dis + rng.randint(60, 1800), out))
            else:
                events.append((dis, out))
        events.sort(key=lambda e: e[0])

    def snapshots(self, first_day):
        """Census imports that build the record over time: (minute, rows):
        at first_day 07:00 every stay admitted by then as it stood; then
        each day at a random minute, every stay admitted or changed since
        the last one; the last just after the reference day."""
        for row in self.stays:
            self.history(row)
        times = [(first_day - self.start).days * 1440 + 420]
        day = first_day + DAY
        while day <= self.ref:
            times.append((day - self.start).days * 1440 +
                         self.rng.randint(420, 1260))
            day += DAY
        times.append((self.ref + DAY - self.start).days * 1440 + 420)
        shown = {}
        out = []
        for t in times:
            batch = []
            for row in sorted(self.stays, key=lambda r: r["_adm"]):
                if row["_adm"] > t:
                    continue
                state = dict(row["_init"])
                for m, change in row["_events"]:
                    if m <= t:
                        state.update(change)
                key = id(row)
                values = [state[c] for c in COLUMNS]
                if shown.get(key) != values:
                    shown[key] = values
                    batch.append(values)
            out.append((t, batch))
        return out

    # --- marks ----------------------------------------------------------

    def marks(self):
        """(mrn, site, day, colour, reason) for stays `sitrep mark --site`
        resolves by MRN: the MRN's current stay at the site, else its
        latest."""
        rng = self.rng
        by_key = {}
        for st in self.stays:
            by_key.setdefault((st["site"], st["mrn"]), []).append(st)
        resolvable = []
        for group in by_key.values():
            current = [st for st in group if not st["discharged_at"]]
            pick = current[0] if current else max(
                group, key=lambda st: st["admitted_at"])
            resolvable.append(pick)
        resolvable.sort(key=lambda st: (st["site"], st["mrn"]))
        out = []
        seen = set()
        for d in self.days:
            ds = d.isoformat()
            inbed = [st for st in resolvable
                     if st["admitted_at"][:10] <= ds and
                     (not st["discharged_at"] or st["discharged_at"][:10] > ds)]
            outday = [st for st in resolvable
                      if st["discharged_at"][:10] == ds]
            picks = rng.sample(inbed, min(8, len(inbed)))
            picks += rng.sample(outday, min(2, len(outday)))
            for st in picks:
                if (st["site"], st["mrn"], ds) in seen:
                    continue
                seen.add((st["site"], st["mrn"], ds))
                if rng.random() < 0.7:
                    out.append((st["mrn"], st["site"], ds, "red",
                                rng.choice(self.red)))
                else:
                    out.append((st["mrn"], st["site"], ds, "green", ""))
        return out


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--config", default=os.path.join(
        here, "..", "..", "config", "sitrep.yaml"))
    ap.add_argument("--ref", default="2026-11-20",
                    help="the last day of data")
    ap.add_argument("--days", default="",
                    help="checked days (comma-separated) to put edge "
                    "cases and marks around")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiplies the admission rates")
    ap.add_argument("--out", required=True)
    ap.add_argument("--marks")
    ap.add_argument("--history", metavar="DIR",
                    help="also write the census as it was recorded over "
                    "time: DIR/NNN.csv, each to import at the time in "
                    "DIR/times (one YYYY-MM-DDTHH:MM a line)")
    ap.add_argument("--history-from", default="",
                    help="the first day of the history (default 60 days "
                    "before the reference day)")
    a = ap.parse_args(argv)
    cfg = load_config(a.config)
    ref = dt.date.fromisoformat(a.ref)
    days = [dt.date.fromisoformat(x) for x in a.days.split(",") if x]
    g = Generator(cfg, a.seed, ref, days, a.scale)
    g.flow()
    g.edges()
    stays = sorted(g.stays, key=lambda r: (r["admitted_at"], r["site"],
                                           r["mrn"]))
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in stays:
            w.writerow([r[c] for c in COLUMNS])
    if a.marks:
        with open(a.marks, "w", encoding="utf-8", newline="") as f:
            for m in g.marks():
                f.write(",".join(m) + "\n")
    if a.history:
        first = (dt.date.fromisoformat(a.history_from) if a.history_from
                 else ref - 60 * DAY)
        os.makedirs(a.history, exist_ok=True)
        snaps = g.snapshots(first)
        with open(os.path.join(a.history, "times"), "w") as tf:
            for i, (t, batch) in enumerate(snaps):
                with open(os.path.join(a.history, "%03d.csv" % i), "w",
                          encoding="utf-8", newline="") as f:
                    w = csv.writer(f, lineterminator="\n")
                    w.writerow(COLUMNS)
                    w.writerows(batch)
                tf.write(g.minute_text(t) + "\n")
        print("%d census imports, %d rows" % (
            len(snaps), sum(len(b) for _, b in snaps)), file=sys.stderr)
    print("%d stays, %d patients" % (len(stays), g.patients),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
