#!/usr/bin/env python3
"""Closed periods never move (issue 13, acceptance): the property test.

Run by tests/cli/test_closed_periods.sh (through meson test: $SITREP_BIN).
Standard library only. Steps, on a demo with its clock frozen:

 1. Every report (text, CSV, JSON) of each of the last DAYS days is
    printed, and today's at 08:00.
 2. At 09:00, thousands of random edits dated today: census imports that
    change many stays at once (EDD, discharge ready date, reason, agency,
    pathway, ward, bed, discharges, admissions), and single commands
    (`set`, `discharge`, `admit`, `mark` of today, `opel declare`,
    `blocker add`, `close`, `change` (owner, due date, agency) and
    `reopen`).
 3. The past days' reports are printed again: byte-identical.
 4. At 10:00, `report --at TODAYT08:00` equals the 08:00 print.
 5. At 11:00, backdated corrections (`set ... --from F`): a discharge ready
    date and a delay reason from day F of patients in a bed since before
    F. The reports of days before F are unchanged, those from F on
    changed; `report --as-known-at 10:30` of every day reproduces the
    first prints; and the independent recomputation
    (tests/check/recompute.py) agrees with the corrected reports and the
    as-known-at ones.

Steps needing an option sitrep lacks (`report --at`, `report
--as-known-at`, `set --from`) are skipped with a message saying so.

usage: closed_periods.py [--seed N] [--days N] [--keep DIR]
"""
import argparse
import csv
import datetime as dt
import difflib
import io
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "..", "check")
sys.path.insert(0, CHECK)
from sitrep_config import load_config  # noqa: E402

TODAY = dt.date(2026, 12, 4)  # a Friday; the window crosses 25 October
DAY = dt.timedelta(days=1)
FORMATS = ["text", "csv", "json"]
AGENCIES = ["NHS", "ASC", "both"]


def reasons(cfg):
    """The delay reason codes of the config (its own list or the built-in
    vocabulary it chose)."""
    return [code for code, _ in cfg.delay_reasons]


class Sitrep:
    def __init__(self, tmp):
        self.bin = os.environ["SITREP_BIN"]
        self.db = os.path.join(tmp, "sitrep.db")
        self.cfg = os.path.join(tmp, "sitrep.yaml")
        self.env = dict(os.environ)
        for k in ("SITREP_DB", "SITREP_CONFIG", "XDG_CONFIG_HOME",
                  "XDG_DATA_HOME"):
            self.env.pop(k, None)
        self.env.update({"TZ": "Europe/London", "TERM": "dumb",
                         "HOME": tmp, "SITREP_USER": "tester",
                         "SITREP_TODAY": TODAY.isoformat()})
        self.runs = 0

    def run(self, args, now, ok=True):
        """sitrep ARGS with the clock at TODAY's minute NOW ("HH:MM"):
        (exit status, stdout bytes, stderr text)."""
        env = dict(self.env, SITREP_NOW="%sT%s" % (TODAY.isoformat(), now))
        cfg = [] if args[0] == "demo" else ["--config", self.cfg]
        p = subprocess.run([self.bin, "--db", self.db] + cfg + args,
                           env=env, stdin=subprocess.DEVNULL,
                           capture_output=True)
        self.runs += 1
        err = p.stderr.decode("utf-8", "replace")
        if ok and p.returncode != 0:
            raise SystemExit("sitrep %s (at %s): exit %d: %s" % (
                " ".join(args), now, p.returncode, err.strip()))
        return p.returncode, p.stdout, err

    def help_lists(self, cmd, option):
        _, out, _ = self.run([cmd, "--help"], "08:00", ok=False)
        return option.encode() in out


def reports(sr, days, now, extra=()):
    """{(day, format): bytes} of `report --date DAY` for each day."""
    out = {}
    for d in days:
        for f in FORMATS:
            _, b, _ = sr.run(["report", "--date", d.isoformat(),
                              "--format", f] + list(extra), now)
            out[(d, f)] = b
    return out


class Failures:
    def __init__(self):
        self.n = 0

    def fail(self, msg):
        self.n += 1
        print("FAIL: " + msg)


def show_diff(a, b, name_a, name_b, lines=12):
    d = list(difflib.unified_diff(
        a.decode("utf-8", "replace").splitlines(),
        b.decode("utf-8", "replace").splitlines(), name_a, name_b,
        lineterm="", n=0))
    for line in d[:lines]:
        print("    " + line)
    if len(d) > lines:
        print("    ... (%d more diff lines)" % (len(d) - lines))


def days_text(days):
    """Days as runs: "2026-10-05..2026-10-09, 2026-10-12"."""
    out, run = [], []
    for d in sorted(days):
        if run and d - run[-1] == DAY:
            run.append(d)
            continue
        if run:
            out.append(run)
        run = [d]
    if run:
        out.append(run)
    return ", ".join(str(r[0]) if len(r) == 1 else "%s..%s" % (r[0], r[-1])
                     for r in out)


def compare_prints(fl, first, again, what, expect_same=None):
    """Each print of again against first: identical unless expect_same
    says otherwise (day -> bool). One failure per format, naming the days
    and showing the first difference."""
    for f in FORMATS:
        wrong = {}
        for (d, g) in sorted(again):
            if g != f:
                continue
            same = first[(d, f)] == again[(d, f)]
            want = True if expect_same is None else expect_same(d)
            if same != want:
                wrong[d] = same
        if not wrong:
            continue
        moved = [d for d, same in wrong.items() if not same]
        still = [d for d, same in wrong.items() if same]
        if moved:
            fl.fail("%s: the %s reports of %d days changed: %s" % (
                what, f, len(moved), days_text(moved)))
            show_diff(first[(moved[0], f)], again[(moved[0], f)],
                      "%s before" % moved[0], "%s after" % moved[0])
        if still:
            fl.fail("%s: the %s reports of %d days did not change: %s" % (
                what, f, len(still), days_text(still)))


def count(db, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def rows(db, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


# ------------------------------------------------------------- the edits


def census_edit(rng, cfg, path_in, path_out, minute_lo, minute_hi, tag):
    """A census of the stays in a bed (as exported) with many values
    changed, some discharges between minute_lo and minute_hi of today, and
    some admissions then; returns the number of rows changed or added."""
    wards = {s["code"]: [w["code"] for w in s["wards"]] for s in cfg.sites}
    with open(path_in, encoding="utf-8-sig", newline="") as f:
        rd = csv.reader(f)
        header = next(rd)
        data = [r for r in rd]
    col = {c: i for i, c in enumerate(header)}
    today = TODAY.isoformat()

    def when():
        m = rng.randint(minute_lo, minute_hi)
        return "%sT%02d:%02d" % (today, m // 60, m % 60)

    changed = 0
    out = []
    for r in data:
        r = list(r)
        adm = dt.date.fromisoformat(r[col["admitted_at"]][:10])
        x = rng.random()
        if x < 0.25:
            r[col["edd"]] = max(adm, TODAY + rng.randint(-3, 12) * DAY) \
                .isoformat()
        elif x < 0.40:
            g = adm + rng.randint(0, (TODAY - adm).days) * DAY
            r[col["g2g_date"]] = g.isoformat()
            r[col["delay_reason"]] = rng.choice(reasons(cfg))
            r[col["delay_agency"]] = rng.choice(AGENCIES)
        elif x < 0.48:
            r[col["g2g_date"]] = ""
            r[col["delay_reason"]] = ""
            r[col["delay_agency"]] = ""
        elif x < 0.56 and r[col["g2g_date"]]:
            r[col["delay_reason"]] = rng.choice(reasons(cfg))
            r[col["delay_agency"]] = rng.choice(AGENCIES)
        elif x < 0.64:
            r[col["pathway"]] = rng.choice(["0", "1", "2", "3", ""])
        elif x < 0.72:
            r[col["ward"]] = rng.choice(wards[r[col["site"]]])
            r[col["bed"]] = ""
        elif x < 0.76:
            r[col["bed"]] = "%s%03d" % (tag, rng.randint(1, 999))
        elif x < 0.80:
            r[col["discharged_at"]] = when()
        else:
            out.append(r)
            continue
        changed += 1
        out.append(r)
    sites = [s for s in cfg.sites if s["wards"]]
    for i in range(rng.randint(20, 40)):
        s = rng.choice(sites)
        r = [""] * len(header)
        r[col["site"]] = s["code"]
        r[col["ward"]] = rng.choice(s["wards"])["code"]
        r[col["mrn"]] = "CP%s%04d" % (tag, i)
        r[col["family_name"]] = "Test"
        r[col["given_name"]] = "Patient"
        r[col["admitted_at"]] = when()
        r[col["edd"]] = (TODAY + rng.randint(0, 9) * DAY).isoformat()
        out.append(r)
        changed += 1
    with open(path_out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(out)
    return changed


def in_bed_now(db):
    return rows(db, "SELECT id, site, mrn FROM stay"
                " WHERE discharged_at IS NULL ORDER BY id")


def single_edits(rng, sr, cfg, now):
    """Single commands on random stays in a bed: returns how many."""
    stays = in_bed_now(sr.db)
    wards = {s["code"]: [w["code"] for w in s["wards"]] for s in cfg.sites}
    n = 0
    picks = rng.sample(stays, min(len(stays), 140))
    for i, (sid, site, _) in enumerate(picks):
        stay = ["--stay", str(sid)]
        x = i % 11
        if x == 0:
            args = ["set"] + stay + ["edd=%s" % (TODAY + rng.randint(0, 9)
                                                 * DAY).isoformat()]
        elif x == 1:
            args = ["set"] + stay + ["g2g=%s" % TODAY.isoformat(),
                                     "reason=" + rng.choice(reasons(cfg)),
                                     "agency=" + rng.choice(AGENCIES)]
        elif x == 2:
            args = ["set"] + stay + ["pathway=%d" % rng.randint(0, 3)]
        elif x == 3:
            args = ["set"] + stay + ["ward=" + rng.choice(wards[site])]
        elif x == 4:
            args = ["set"] + stay + ["bed=SX%03d" % i]
        elif x == 5:
            args = ["discharge"] + stay
        elif x == 7:
            # A blocker (issue 14): the delay reason follows it from now.
            args = ["blocker", "add"] + stay + [
                rng.choice(reasons(cfg)), "--agency", rng.choice(AGENCIES)]
        elif x == 8:
            # Closing one: the next open one is the reason from now.
            open_ = rows(sr.db, "SELECT id FROM blocker WHERE stay = ?"
                         " AND closed_at IS NULL ORDER BY id", sid)
            args = (["blocker", "close", str(open_[0][0])] if open_ else
                    ["blocker", "add"] + stay + [
                        rng.choice(reasons(cfg)), "--agency",
                        rng.choice(AGENCIES)])
        elif x == 9:
            # A blocker given to another owner, with a new due date, or
            # its agency changed: from now on only.
            open_ = rows(sr.db, "SELECT id FROM blocker WHERE stay = ?"
                         " AND closed_at IS NULL ORDER BY id", sid)
            if not open_:
                # Else any open blocker of the site.
                open_ = rows(sr.db, "SELECT id FROM blocker WHERE site = ?"
                             " AND closed_at IS NULL ORDER BY random()"
                             " LIMIT 1", site)
            owners = [o["code"] for o in cfg.owners] or ["none"]
            if not open_:
                args = ["mark"] + stay + ["green"]
            elif i % 2:
                args = ["blocker", "change", "--owner", rng.choice(owners),
                        "--due", (TODAY - rng.randint(-3, 9) * DAY)
                        .isoformat(), str(open_[0][0])]
            else:
                args = ["blocker", "change", "--agency",
                        rng.choice(AGENCIES), str(open_[-1][0])]
        elif x == 10:
            # A closed blocker of the stay opened again from now.
            shut = rows(sr.db, "SELECT id FROM blocker WHERE stay = ?"
                        " AND closed_at IS NOT NULL ORDER BY id DESC", sid)
            args = (["blocker", "reopen", str(shut[0][0])] if shut else
                    ["mark"] + stay + ["red"])
        else:
            args = ["mark"] + stay + [rng.choice(["red", "green"])]
        rc, _, err = sr.run(args, now, ok=False)
        if rc != 0:
            # A rule may refuse a random value (e.g. a DRD before an
            # admission): that is not what is tested here.
            print("note: refused: %s: %s" % (" ".join(args), err.strip()))
            continue
        n += 1
    for i in range(15):
        s = rng.choice([s for s in cfg.sites if s["wards"]])
        rc, _, err = sr.run(["admit", "--site", s["code"], "--mrn",
                             "CPA%04d" % i, "ward=" + s["wards"][0]["code"]],
                            now, ok=False)
        n += rc == 0
        if rc != 0:
            print("note: admit refused: %s" % err.strip())
    site = cfg.sites[0]["code"]
    rc, _, err = sr.run(["opel", "declare", site, "3", "--note",
                         "closed periods test"], now, ok=False)
    n += rc == 0
    return n


# -------------------------------------------------------------- the test


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("SITREP_SEED", "20261204")))
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--keep", help="keep the files in this directory")
    a = ap.parse_args(argv)
    print("seed %d (run again with SITREP_SEED=%d)" % (a.seed, a.seed))
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="sitrep-closed.")
    fl = Failures()
    started = time.time()
    try:
        run_all(a, rng, tmp, fl)
    finally:
        if a.keep:
            shutil.copytree(tmp, a.keep, dirs_exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
    print("closed periods: %d failures, %.0f s" % (fl.n,
                                                   time.time() - started))
    return 1 if fl.n else 0


def run_all(a, rng, tmp, fl):
    sr = Sitrep(tmp)
    sr.run(["demo", "--scale", "system", "--days", str(a.days + 10),
            "--seed", str(a.seed), "--write-config", sr.cfg], "07:00")
    # Owners for the blockers' changes (the demo's config names none).
    with open(sr.cfg, encoding="utf-8") as f:
        has_owners = any(line.startswith("owners:") for line in f)
    if not has_owners:
        with open(sr.cfg, "a", encoding="utf-8") as f:
            f.write("owners:\n"
                    "  - { code: hub, kind: team, agency: both,"
                    " name: Discharge hub }\n"
                    "  - { code: asc, kind: team, agency: ASC,"
                    " name: Adult social care }\n")
    cfg = load_config(sr.cfg)
    days = [TODAY - i * DAY for i in range(a.days, 0, -1)]
    has_at = sr.help_lists("report", "--at")
    has_known = sr.help_lists("report", "--as-known-at")
    has_from = sr.help_lists("set", "--from")

    # 1. The first prints.
    first = reports(sr, days, "08:00")
    p08 = {f: sr.run(["report", "--format", f], "08:00")[1] for f in FORMATS}
    p08_json = os.path.join(tmp, "today-0800.json")
    with open(p08_json, "wb") as f:
        f.write(p08["json"])
    print("printed %d reports of %d days (%s to %s) and today's at 08:00" % (
        len(first), len(days), days[0], days[-1]))

    # 2. Edits dated today, at 09:00.
    facts0 = count(sr.db, "SELECT count(*) FROM stay_fact")
    edits = 0
    for k in range(3):
        cur = os.path.join(tmp, "current-%d.csv" % k)
        sr.run(["export", "--current", "--output", cur], "09:00")
        new = os.path.join(tmp, "edit-%d.csv" % k)
        edits += census_edit(rng, cfg, cur, new, 8 * 60 + 1 + k * 15,
                             8 * 60 + 15 + k * 15, "E%d" % k)
        rc, out, err = sr.run(["import", new], "09:00", ok=False)
        if rc != 0:
            fl.fail("import of edits %d: %s" % (k, err.strip()))
        else:
            print("import %d: %s" % (k, out.decode().strip().splitlines()[-1]))
    edits += single_edits(rng, sr, cfg, "09:00")
    facts1 = count(sr.db, "SELECT count(*) FROM stay_fact")
    print("%d edits at 09:00 today (%d facts added, %d runs so far)" % (
        edits, facts1 - facts0, sr.runs))
    if facts1 - facts0 < 1000:
        fl.fail("only %d facts added by the edits" % (facts1 - facts0))

    # 3. The closed days again.
    again = reports(sr, days, "09:30")
    compare_prints(fl, first, again, "after today's edits")
    print("after today's edits: %d of %d reports identical" % (
        len(first) - sum(first[k] != again[k] for k in first), len(first)))

    # 4. Today at 08:00 again, from 10:00.
    if has_at:
        at = TODAY.isoformat() + "T08:00"
        for f in FORMATS:
            _, b, _ = sr.run(["report", "--at", at, "--format", f], "10:00")
            if b != p08[f]:
                fl.fail("report --at %s (%s) differs from the print made "
                        "then" % (at, f))
                show_diff(p08[f], b, "printed at 08:00", "--at 08:00")
    else:
        print("SKIP: `sitrep report --help` lists no --at: today's 08:00 "
              "report is not shown again")

    # 5. Backdated corrections at 11:00.
    if not has_from:
        print("SKIP: `sitrep set --help` lists no --from: no backdated "
              "corrections")
        return
    corr_day = days[len(days) // 2]
    f_inst = corr_day.isoformat() + "T00:00:00"
    # Patients in a bed since before F and still in one, with no discharge
    # ready date ever recorded: a DRD from F makes them delayed from F.
    no_drd = rows(sr.db, "SELECT id FROM stay s WHERE discharged_at IS NULL"
                  " AND admitted_at < ? AND NOT EXISTS (SELECT 1 FROM"
                  " stay_fact f WHERE f.stay = s.id AND f.field ="
                  " 'g2g_date') ORDER BY id", f_inst)
    # And patients delayed since before F (a DRD fact from admission,
    # never changed), in a bed now, with a reason other than `corrected`.
    new_reason, corrected = reasons(cfg)[0], reasons(cfg)[-1]
    delayed = rows(sr.db, "SELECT s.id FROM stay s JOIN stay_fact f ON"
                   " f.stay = s.id AND f.field = 'g2g_date' WHERE"
                   " s.discharged_at IS NULL AND f.value < ? AND"
                   " (SELECT count(*) FROM stay_fact g WHERE g.stay = s.id"
                   " AND g.field IN ('g2g_date', 'delay_reason')) = 2 AND"
                   " EXISTS (SELECT 1 FROM stay_fact r WHERE r.stay = s.id"
                   " AND r.field = 'delay_reason' AND r.value <> ?)"
                   " ORDER BY s.id", corr_day.isoformat(), corrected)
    picks = rng.sample(no_drd, min(8, len(no_drd))) + \
        rng.sample(delayed, min(8, len(delayed)))
    if len(picks) < 4:
        fl.fail("too few stays to correct (%d)" % len(picks))
        return
    for (sid,) in picks:
        if (sid,) in no_drd:
            fields = ["g2g=" + corr_day.isoformat(), "reason=" + new_reason,
                      "agency=ASC"]
        else:
            fields = ["reason=" + corrected]
        sr.run(["set", "--stay", str(sid)] + fields +
               ["--from", corr_day.isoformat()], "11:00")
    print("%d backdated corrections from %s, recorded at 11:00" % (
        len(picks), corr_day))
    corrected = reports(sr, days, "11:30")
    compare_prints(fl, first, corrected, "after the corrections",
                   lambda d: d < corr_day)
    if has_known:
        known = reports(sr, days, "11:30",
                        ["--as-known-at", TODAY.isoformat() + "T10:30"])
        compare_prints(fl, first, known, "as known at 10:30")
    else:
        print("SKIP: `sitrep report --help` lists no --as-known-at")

    # The corrected figures and the as-known-at ones, recomputed.
    checks = []
    for d in (corr_day - DAY, corr_day, corr_day + 7 * DAY, days[-1]):
        p = os.path.join(tmp, "corrected-%s.json" % d)
        with open(p, "wb") as f:
            f.write(corrected[(d, "json")])
        checks += ["--check", "%s=%s" % (d, p)]
        if has_known:
            p = os.path.join(tmp, "known-%s.json" % d)
            with open(p, "wb") as f:
                f.write(first[(d, "json")])
            checks += ["--check", "%s~%sT10:30=%s" % (d, TODAY, p)]
    if has_at and has_known:
        # The 08:00 print came before the corrections (dated earlier):
        # it is the moment as known then, not as corrected.
        checks += ["--check", "@%sT08:00~%sT10:30=%s" % (TODAY, TODAY,
                                                          p08_json)]
    # Today as it is now, after every change (blockers' owners, due
    # dates and agencies changed at 09:00 included).
    _, now_json, _ = sr.run(["report", "--format", "json"], "11:45")
    p = os.path.join(tmp, "today-1145.json")
    with open(p, "wb") as f:
        f.write(now_json)
    checks += ["--check", "%s@now=11:45=%s" % (TODAY, p)]
    p = subprocess.run([sys.executable, os.path.join(CHECK, "recompute.py"),
                        "--config", sr.cfg, "--db", sr.db, "--quiet"] +
                       checks, capture_output=True, text=True)
    sys.stdout.write(p.stdout)
    if p.returncode != 0:
        fl.fail("the recomputation differs (above) %s" % p.stderr.strip())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
