#!/usr/bin/env python3
"""An independent recomputation of `sitrep call --format json`: the agenda
of the daily call and what changed since the last call, from the record
(stay, stay_fact, blocker), written from the words of DESIGN.md §2
("Blocker", "Escalation", "Criteria to reside") and the call's own
definitions in sitrep(1) ("call"), never from the C. Standard library
only; the values in force at an instant come from recompute.py's Record.

The words applied, at now T (the minute of $SITREP_NOW, second 59) on day
D, and the last call L (given):
  - in a bed at T; LOS = D - admission date; NCTR: the discharge ready
    date in force at T is on or before D, delay days = D - DRD.
  - open blockers at T: opened_at <= T < closed_at (or not closed);
    overdue: due before D, by D - due days (the most overdue one counts).
  - escalated: the most senior role of the config's rules reached by the
    delay days (NCTR only) or the days overdue.
  - flags: new NCTR (NCTR at T, and not NCTR at L: not in a bed then, or
    no DRD on or before L's day); escalated; overdue; NCTR with no open
    blocker; super-stranded (LOS >= super_stranded_days); EDD before D
    with no open blocker. The reason is the first flag in that order;
    the agenda is ordered by reason, delay days (most first; -1 when not
    NCTR), LOS (most first), site, ward, bed, stay.
  - the primary open blocker: the one made primary last by T, else the
    first opened (opened_at, id).
  - blockers now: open at T, by family (the code's in the config, else
    "other"), agency (else "none"), owner (else "none"), overdue (due
    before D); ended (closed, or by the discharge) from 00:00 on D-6 to
    T, as recorded by T, and
    the median of their days open (closed date - opened date).
  - changes in (L, T]: NCTR at T and not at L (in a bed at T); stranded
    (super-stranded) at T and not by L's day's LOS; discharged at an
    instant of (L, T]; blockers whose opening (closing) was recorded in
    (L, T]; EDD facts recorded in (L, T] of stays with an EDD fact before
    them (valid_from, then id) that set one.

usage: call_check.py --config FILE --db FILE --now YYYY-MM-DDTHH:MM
                     --since YYYY-MM-DDTHH:MM:SS [--site CODE]
                     [--owner CODE] FILE
Prints each difference; exit 1 if any."""
import argparse
import datetime as dt
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recompute import Record, instant  # noqa: E402
from sitrep_config import load_config  # noqa: E402

ORDER = ["new_nctr", "escalated", "overdue", "no_blocker", "super_stranded",
         "edd_passed"]


def day(s):
    return dt.date.fromisoformat(s[:10])


def blockers(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return [dict(zip(("id", "stay", "site", "code", "agency", "owner",
                          "due", "primary_from", "opened_at", "recorded_at",
                          "closed_at", "closed_recorded_at", "version"), r))
                for r in con.execute(
                    "SELECT id, stay, site, code, agency, owner, due,"
                    " primary_from, opened_at, recorded_at, closed_at,"
                    " closed_recorded_at, version FROM blocker")]
    finally:
        con.close()


def edd_facts(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return list(con.execute(
            "SELECT id, stay, value, valid_from, recorded_at FROM stay_fact"
            " WHERE field = 'edd'"))
    finally:
        con.close()


def escalation(cfg, delay, overdue):
    role = -1
    for on, at, r in cfg.escalations:
        v = delay if on == "delay_days" else overdue
        if v is not None and v >= at and r > role:
            role = r
    return role


def expected(cfg, db, now, since, site, owner):
    T = instant(now) if len(now) == 19 else now + ":59"
    L = since
    D, LD = day(T), day(L)
    rec = Record(db)
    bl = blockers(db)
    open_at = {}
    for b in bl:
        if b["opened_at"] <= T and (b["closed_at"] is None
                                    or b["closed_at"] > T):
            open_at.setdefault(b["stay"], []).append(b)
    agenda, changes = [], {k: 0 for k in (
        "new_nctr", "stranded", "super_stranded", "discharged",
        "blocker_opened", "blocker_closed", "edd_moved")}
    keep = set()
    for s in rec.stays:
        if site and s.site != site:
            continue
        if s.dis is not None and L < s.dis <= T:
            changes["discharged"] += 1
        if not s.in_bed(T):
            continue
        mine = open_at.get(s.id, [])
        if owner and not any(b["owner"] == owner for b in mine):
            continue
        keep.add(s.id)
        los = (D - s.adm_day).days
        drd = s.at("g2g_date", T)
        nctr = drd is not None and day(drd) <= D
        delay = (D - day(drd)).days if nctr else None
        drd_l = s.at("g2g_date", L) if s.in_bed(L) else None
        was = drd_l is not None and day(drd_l) <= LD
        edd = s.at("edd", T)
        overdue = max([(D - day(b["due"])).days for b in mine
                       if b["due"] and day(b["due"]) < D] or [None])
        role = escalation(cfg, delay, overdue)
        flags = []
        if nctr and not was:
            flags.append("new_nctr")
            changes["new_nctr"] += 1
        if los >= cfg.stranded_days and \
                (LD - s.adm_day).days < cfg.stranded_days:
            changes["stranded"] += 1
        if los >= cfg.super_stranded_days and \
                (LD - s.adm_day).days < cfg.super_stranded_days:
            changes["super_stranded"] += 1
        if role >= 0:
            flags.append("escalated")
        if overdue is not None:
            flags.append("overdue")
        if nctr and not mine:
            flags.append("no_blocker")
        if los >= cfg.super_stranded_days:
            flags.append("super_stranded")
        if edd is not None and day(edd) < D and not mine:
            flags.append("edd_passed")
        if not flags:
            continue
        prim = None
        if mine:
            made = [b for b in mine if b["primary_from"]
                    and b["primary_from"] <= T]
            prim = (max(made, key=lambda b: b["primary_from"]) if made
                    else min(mine, key=lambda b: (b["opened_at"], b["id"])))
        agenda.append({
            "reason": flags[0], "flags": flags, "stay": s.id,
            "site": s.site, "ward": s.at("ward", T), "bed": s.at("bed", T),
            "los": los, "nctr": nctr, "delay_days": delay,
            "edd": edd, "open_blockers": len(mine),
            "code": prim["code"] if prim else None,
            "owner": prim["owner"] if prim else None,
            "due": prim["due"] if prim else None,
            "overdue_days": overdue,
            "escalated_to": cfg.roles[role] if role >= 0 else None})
    agenda.sort(key=lambda a: (ORDER.index(a["reason"]),
                               -(a["delay_days"] if a["nctr"] else -1),
                               -a["los"], a["site"], a["ward"] or "",
                               a["bed"] or "", a["stay"]))
    for b in bl:
        if site and b["site"] != site:
            continue
        if owner and b["owner"] != owner:
            continue
        if L < b["recorded_at"] <= T:
            changes["blocker_opened"] += 1
        if b["closed_recorded_at"] and L < b["closed_recorded_at"] <= T:
            changes["blocker_closed"] += 1
    facts = {}
    for fid, stay, value, vf, recd in edd_facts(db):
        facts.setdefault(stay, []).append((vf, fid, recd, value))
    stays = {s.id: s for s in rec.stays}
    for stay, fs in facts.items():
        s = stays.get(stay)
        if s is None or (site and s.site != site):
            continue
        if owner and stay not in keep:
            continue
        fs.sort()
        for i, (vf, fid, recd, value) in enumerate(fs):
            if i > 0 and fs[i - 1][3] is not None and L < recd <= T:
                changes["edd_moved"] += 1
    if owner:
        # Only the stays with an open blocker of the owner's now.
        changes["discharged"] = 0
    # The blockers now: open at T (of the site, the owner's), by family,
    # agency and owner, overdue (due before D); closed (the closing
    # recorded) in the 7 days to T, and the median of their days open.
    fams = ["hospital", "hub", "interface", "capacity", "wellbeing"]
    figs = {"open": 0, "overdue": 0,
            "by_family": {f: 0 for f in fams} | {"other": 0},
            "by_agency": {"NHS": 0, "ASC": 0, "both": 0, "none": 0},
            "by_owner": {o["code"]: 0 for o in cfg.owners} | {"none": 0}}
    week = (D - dt.timedelta(days=6)).isoformat() + "T00:00:00"
    days_open = []
    for b in bl:
        if (site and b["site"] != site) or (owner and b["owner"] != owner):
            continue
        if b["opened_at"] <= T and (b["closed_at"] is None
                                    or b["closed_at"] > T):
            figs["open"] += 1
            figs["overdue"] += bool(b["due"] and day(b["due"]) < D)
            info = cfg.reason_info.get(b["code"])
            figs["by_family"][info["family"] if info else "other"] += 1
            ag = {"nhs": "NHS", "asc": "ASC", "both": "both"}.get(
                (b["agency"] or "").lower(), "none")
            figs["by_agency"][ag] += 1
            figs["by_owner"][b["owner"] if b["owner"] in figs["by_owner"]
                             else "none"] += 1
        if (b["closed_at"] and week <= b["closed_at"] <= T
                and b["closed_recorded_at"] <= T):
            days_open.append((day(b["closed_at"]) - day(b["opened_at"])).days)
    days_open.sort()
    n = len(days_open)
    figs["closed_7d"] = n
    figs["median_days_to_close"] = (
        None if not n else float(days_open[n // 2]) if n % 2 else
        (days_open[n // 2 - 1] + days_open[n // 2]) / 2)
    return agenda, changes, figs


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--now", required=True)
    ap.add_argument("--since", required=True)
    ap.add_argument("--site")
    ap.add_argument("--owner")
    ap.add_argument("file")
    a = ap.parse_args(argv)
    cfg = load_config(a.config)
    with open(a.file, encoding="utf-8") as f:
        import json
        got = json.load(f)
    agenda, changes, figs = expected(cfg, a.db, a.now, a.since, a.site,
                                     a.owner)
    bad = 0
    if len(got["agenda"]) != len(agenda):
        print("agenda: sitrep lists %d patients, expected %d"
              % (len(got["agenda"]), len(agenda)))
        bad += 1
    for i, (g, e) in enumerate(zip(got["agenda"], agenda)):
        gb = g["blocker"] or {}
        theirs = {"reason": g["reason"], "flags": g["flags"],
                  "stay": g["stay"], "site": g["site"], "ward": g["ward"],
                  "bed": g["bed"], "los": g["los"], "nctr": g["nctr"],
                  "delay_days": g["delay_days"], "edd": g["edd"],
                  "open_blockers": g["open_blockers"],
                  "code": gb.get("code"), "owner": gb.get("owner"),
                  "due": gb.get("due"), "overdue_days": gb.get(
                      "overdue_days") if gb else None,
                  "escalated_to": g["escalated_to"]}
        for k in e:
            if theirs[k] != e[k]:
                print("agenda[%d] (stay %s) %s: sitrep=%r expected=%r"
                      % (i, e["stay"], k, theirs[k], e[k]))
                bad += 1
    for k, v in changes.items():
        if a.owner and k == "discharged":
            continue
        if got["changes"]["counts"][k] != v:
            print("changes.%s: sitrep=%s expected=%s"
                  % (k, got["changes"]["counts"][k], v))
            bad += 1
    for k, v in figs.items():
        if got["blockers"][k] != v:
            print("blockers.%s: sitrep=%s expected=%s"
                  % (k, got["blockers"][k], v))
            bad += 1
    print("call: %d patients on the agenda, %d changes counted, %d "
          "differences" % (len(agenda), sum(changes.values()), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
