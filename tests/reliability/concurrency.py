#!/usr/bin/env python3
"""Many users at once: N processes edit random stays through the sitrep CLI
(and a few import censuses) on one database for a while. Afterwards every
edit that sitrep reported as saved is in the stays and in the audit trail,
no process ever showed "database is locked" (or any other busy error), and
PRAGMA integrity_check is ok. Prints edits/s and p50/p99 latency.

usage: concurrency.py SITREP CONFIG DIR [--workers N] [--seconds S]
"""
import argparse
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time


def sitrep(binary, config, db, *args, user="tester"):
    env = dict(os.environ, SITREP_USER=user, TERM="dumb")
    env.pop("SITREP_TODAY", None)
    env.pop("SITREP_NOW", None)
    start = time.monotonic()
    p = subprocess.run([binary, "--config", config, "--db", db, *args],
                       capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL)
    return p, time.monotonic() - start


def census(site, n, tag):
    rows = ["site,mrn,admitted_at,note"]
    for i in range(n):
        rows.append(f"{site},IMP{i:05d},2026-01-01T10:{i % 60:02d},{tag}")
    return "\n".join(rows) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sitrep")
    ap.add_argument("config")
    ap.add_argument("dir")
    ap.add_argument("--workers", type=int, default=50)
    ap.add_argument("--importers", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--stays", type=int, default=200)
    a = ap.parse_args()
    db = os.path.join(a.dir, "concurrency.db")

    # A small set of stays at one site, so edits collide often.
    rows = ["site,mrn,admitted_at,ward"]
    for i in range(a.stays):
        rows.append(f"SFT,C{i:05d},2026-01-0{1 + i % 9}T0{i % 10}:00,AMU")
    path = os.path.join(a.dir, "base.csv")
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    p, _ = sitrep(a.sitrep, a.config, db, "import", path)
    if p.returncode != 0:
        sys.exit("setup import failed: " + p.stderr)
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM stay ORDER BY id")]
    con.close()

    saved = []          # (stay, field, value, user)
    latencies = []
    problems = []
    lock = threading.Lock()
    deadline = time.monotonic() + a.seconds

    def worker(n):
        rng = random.Random(n)
        user = f"user{n:02d}"
        k = 0
        while time.monotonic() < deadline:
            stay = rng.choice(ids)
            k += 1
            if rng.random() < 0.5:
                field, value = "note", f"{user} edit {k}"
            else:
                field, value = "bed", f"{user[-2:]}-{k % 1000}"
            p, dt = sitrep(a.sitrep, a.config, db, "set", "--stay",
                           str(stay), f"{field}={value}", user=user)
            with lock:
                latencies.append(dt)
                err = p.stderr.lower()
                if "locked" in err or "busy" in err:
                    problems.append(f"{user}: busy shown to user: {p.stderr.strip()}")
                if p.returncode == 0:
                    saved.append((stay, field, value, user))
                else:
                    problems.append(f"{user}: edit failed ({p.returncode}): {p.stderr.strip()}")

    def importer(n):
        k = 0
        while time.monotonic() < deadline:
            k += 1
            path = os.path.join(a.dir, f"imp{n}.csv")
            with open(path, "w") as f:
                f.write(census("GWH" if n % 2 else "RUH", 500, f"import {n}.{k}"))
            p, dt = sitrep(a.sitrep, a.config, db, "import", path,
                           user=f"importer{n}")
            with lock:
                latencies.append(dt)
                err = p.stderr.lower()
                if p.returncode != 0 or "locked" in err or "busy" in err:
                    problems.append(f"importer{n}: {p.returncode}: {p.stderr.strip()}")
                else:
                    saved.append((None, "import", f"import {n}.{k}",
                                  f"importer{n}"))

    threads = [threading.Thread(target=worker, args=(i,))
               for i in range(a.workers)]
    threads += [threading.Thread(target=importer, args=(i,))
                for i in range(a.importers)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0

    con = sqlite3.connect(db)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    if ok != "ok":
        problems.append("integrity_check: " + ok)
    audit = {}
    for stay, field, new, by in con.execute(
            "SELECT stay, field, new, by FROM audit"):
        audit.setdefault((stay, field, new, by), 0)
        audit[(stay, field, new, by)] += 1
    imports = sum(1 for s in saved if s[0] is None)
    edits = len(saved) - imports
    last = {}
    for stay, field, value, user in saved:
        if stay is None:
            continue
        if (stay, field, value, user) not in audit:
            problems.append(f"lost update: stay {stay} {field}={value} by {user} not in the audit trail")
        last[(stay, field)] = value
    # The stored value of each field is the newest audited value for it.
    for (stay, field), _ in last.items():
        row = con.execute(f"SELECT {field} FROM stay WHERE id = ?", (stay,)).fetchone()
        newest = con.execute(
            "SELECT new FROM audit WHERE stay = ? AND field = ? ORDER BY id DESC LIMIT 1",
            (stay, field)).fetchone()
        if row is None or newest is None or row[0] != newest[0]:
            problems.append(f"stay {stay} {field}: stored {row} but audit says {newest}")
    # Every version bump is an audited change: versions add up.
    # Every saved edit changed one value, so raised one version: no more,
    # no fewer (an edit lost or applied twice would show here).
    bumps = con.execute("SELECT sum(version - 1) FROM stay WHERE site = 'SFT'").fetchone()[0] or 0
    if bumps != edits:
        problems.append(f"{edits} edits saved but versions rose by {bumps}")
    con.close()

    latencies.sort()
    def pct(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
    print(f"{a.workers} editors + {a.importers} importers for {elapsed:.1f} s: "
          f"{edits} edits ({edits / elapsed:.0f}/s), {imports} imports; "
          f"latency p50 {pct(0.50):.0f} ms, p99 {pct(0.99):.0f} ms, "
          f"max {pct(1.0):.0f} ms; version bumps {bumps}, problems {len(problems)}")
    for p in problems[:20]:
        print("PROBLEM:", p)
    if edits == 0:
        print("PROBLEM: no edit succeeded")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
