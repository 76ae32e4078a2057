#!/usr/bin/env python3
"""kill -9 at random moments: an import of a large census, or an edit, is
killed while it runs. After each kill the database passes integrity_check
and holds all of the import (or edit, with its audit row) or none of it.
Then bulk loads into an empty database, the demo and a first census,
killed while they run (see fill_kills).

usage: crash.py SITREP CONFIG DIR [--rounds N] [--rows R]
"""
import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sitrep")
    ap.add_argument("config")
    ap.add_argument("dir")
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    db = os.path.join(a.dir, "crash.db")
    env = dict(os.environ, SITREP_USER="crash", TERM="dumb")
    env.pop("SITREP_TODAY", None)
    env.pop("SITREP_NOW", None)
    base = [a.sitrep, "--config", a.config, "--db", db]

    def run(*args):
        return subprocess.run(base + list(args), capture_output=True,
                              text=True, env=env, stdin=subprocess.DEVNULL)

    # Base data, and how long a whole import takes (to aim the kills).
    seed_csv = os.path.join(a.dir, "seed.csv")
    with open(seed_csv, "w") as f:
        f.write("site,mrn,admitted_at\n")
        for i in range(50):
            f.write(f"SFT,E{i:04d},2026-02-01T0{i % 10}:00\n")
    if run("import", seed_csv).returncode != 0:
        sys.exit("setup failed")
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM stay")]
    con.close()

    def census(tag):
        path = os.path.join(a.dir, "big.csv")
        with open(path, "w") as f:
            f.write("site,mrn,admitted_at,note\n")
            for i in range(a.rows):
                f.write(f"GWH,{tag}-{i:06d},2026-03-01T10:00,{tag}\n")
        return path

    t0 = time.monotonic()
    p = run("import", census("TIMING"))
    import_time = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit("timing import failed: " + p.stderr)
    t0 = time.monotonic()
    run("set", "--stay", str(ids[0]), "note=timing")
    edit_time = time.monotonic() - t0

    problems = []
    kinds = {"import": [0, 0], "edit": [0, 0]}  # [landed, absent]
    for r in range(a.rounds):
        tag = f"R{r:04d}"
        is_import = rng.random() < 0.5
        if is_import:
            args = ["import", census(tag)]
            delay = rng.uniform(0, import_time * 1.2)
        else:
            stay = rng.choice(ids)
            args = ["set", "--stay", str(stay), f"note={tag}"]
            delay = rng.uniform(0, edit_time * 1.5)
        proc = subprocess.Popen(base + args, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env,
                                stdin=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = sqlite3.connect(db)
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            problems.append(f"round {r}: integrity_check: {ok}")
        if is_import:
            n = con.execute("SELECT count(*) FROM stay WHERE note = ?",
                            (tag,)).fetchone()[0]
            audited = con.execute(
                "SELECT count(*) FROM audit a JOIN stay s ON s.id = a.stay "
                "WHERE s.note = ? AND a.field = 'stay'", (tag,)).fetchone()[0]
            if n not in (0, a.rows) or audited != n:
                problems.append(f"round {r}: import half there: {n} of "
                                f"{a.rows} stays, {audited} audited")
            kinds["import"][0 if n else 1] += 1
        else:
            note = con.execute("SELECT note FROM stay WHERE id = ?",
                               (stay,)).fetchone()[0]
            audited = con.execute(
                "SELECT count(*) FROM audit WHERE stay = ? AND field = 'note' "
                "AND new = ?", (stay, tag)).fetchone()[0]
            if (note == tag) != (audited == 1):
                problems.append(f"round {r}: edit and audit disagree "
                                f"(note {note!r}, audit rows {audited})")
            kinds["edit"][0 if note == tag else 1] += 1
        con.close()
    fills = []
    for kind in ("demo", "census"):
        n = max(1, a.rounds // 4)
        t, landed = fill_kills(a, rng, env, n, problems, kind,
                               census("FIRST"))
        fills.append(f"{n} rounds of the {kind} into an empty database "
                     f"(~{t:.2f} s) landed/absent {landed[0]}/{landed[1]}")
    print(f"{a.rounds} kill -9 rounds (import of {a.rows} rows ~{import_time:.2f} s, "
          f"edit ~{edit_time * 1000:.0f} ms): imports landed/absent "
          f"{kinds['import'][0]}/{kinds['import'][1]}, edits landed/absent "
          f"{kinds['edit'][0]}/{kinds['edit'][1]}; {'; '.join(fills)}; "
          f"problems {len(problems)}")
    for p in problems[:20]:
        print("PROBLEM:", p)
    return 1 if problems else 0


def fill_kills(a, rng, env, rounds, problems, kind, census=None):
    """A bulk load into a database without stays, killed at random
    moments: kind "demo" (which fills a new file through a rollback
    journal while no one else has it open, store_journal_direct), or
    "census" (a first import of the census file, through the WAL). Each
    kill leaves all of it or none of it, with its audit rows, a sound file
    and the schema whole (a bulk load drops the indexes and triggers and
    makes them again), and the next sitrep to open the file finds it in
    WAL mode and can load it. Returns (the load's time, [landed, absent])."""
    db = os.path.join(a.dir, kind + ".db")
    cmd = [a.sitrep, "--config", a.config, "--db", db]
    load = ["demo"] if kind == "demo" else ["import", census]
    word = "demo" if kind == "demo" else "imported"
    # The clock frozen: the same day, the same demo (and the same stamps).
    env = dict(env, SITREP_TODAY="2026-11-20", SITREP_NOW="2026-11-20T08:00")

    def fresh():
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        if kind == "census" and subprocess.run(
                cmd + ["init"], capture_output=True, env=env,
                stdin=subprocess.DEVNULL).returncode != 0:
            sys.exit("init failed")

    def start():
        return subprocess.Popen(cmd + load, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env,
                                stdin=subprocess.DEVNULL)

    def state():
        con = sqlite3.connect(db)
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        n = audited = 0
        schema = con.execute("SELECT type, name, sql FROM sqlite_schema"
                             " ORDER BY name").fetchall()
        # Killed before its schema was made, the file has no tables.
        if any(row[1] == "stay" for row in schema):
            n = con.execute("SELECT count(*) FROM stay").fetchone()[0]
            audited = con.execute("SELECT count(*) FROM audit WHERE field"
                                  " = 'stay' AND new = ?",
                                  (word,)).fetchone()[0]
        mode = con.execute("PRAGMA journal_mode").fetchone()[0]
        con.close()
        return ok, n, audited, mode, schema

    fresh()
    t0 = time.monotonic()
    if start().wait() != 0:
        sys.exit(f"timing {kind} failed")
    load_time = time.monotonic() - t0
    ok, full, audited, mode, whole = state()
    if ok != "ok" or full == 0 or audited != full or mode != "wal":
        sys.exit(f"the {kind} left {ok}, {full} stays, {audited} audited, "
                 f"{mode} mode")
    kinds = [0, 0]
    for r in range(rounds):
        fresh()
        proc = start()
        time.sleep(rng.uniform(0, load_time * 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not os.path.exists(db):
            kinds[1] += 1  # killed before it made the file
            continue
        try:
            ok, n, audited, _, schema = state()
        except sqlite3.DatabaseError as e:
            problems.append(f"{kind} round {r}: unreadable: {e}")
            continue
        if ok != "ok":
            problems.append(f"{kind} round {r}: integrity_check: {ok}")
        if n not in (0, full) or audited != n:
            problems.append(f"{kind} round {r}: half there: {n} of {full} "
                            f"stays, {audited} audited")
        if schema and schema != whole:
            problems.append(f"{kind} round {r}: the schema differs: "
                            f"{len(schema)} of {len(whole)} entries")
        kinds[0 if n else 1] += 1
        p = subprocess.run(cmd + ["init"], capture_output=True, text=True,
                           env=env, stdin=subprocess.DEVNULL)
        mode = state()[3]
        if p.returncode != 0 or mode != "wal":
            problems.append(f"{kind} round {r}: reopened: exit "
                            f"{p.returncode}, {mode} mode: {p.stderr}")
        if n == 0:
            p = subprocess.run(cmd + load, capture_output=True, text=True,
                               env=env, stdin=subprocess.DEVNULL)
            if p.returncode != 0 or state()[1] != full:
                problems.append(f"{kind} round {r}: loading again failed: "
                                f"{p.stderr}")
    return load_time, kinds


if __name__ == "__main__":
    sys.exit(main())
