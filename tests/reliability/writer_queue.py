#!/usr/bin/env python3
"""Writers queue on DB-lock (issue 12, DESIGN section 7): while this script
holds the queue's lock, `sitrep set` waits for it in the kernel's queue of
blocked locks (seen in /proc/locks) and saves nothing; released, the
writers save in the order they came, every edit kept. A reader does not
queue. With no lock file to be had (a directory in its place) a writer
falls back to SQLite's busy handler and saves at once; a writer that has
waited 30 s (STORE_QUEUE_MS) goes ahead without the queue.

usage: writer_queue.py SITREP CONFIG DIR [--no-timeout]
"""
import argparse
import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import time

problems = []


def problem(msg):
    print("FAIL:", msg, file=sys.stderr)
    problems.append(msg)


def start(a, db, *args, user="tester"):
    env = dict(os.environ, SITREP_USER=user, TERM="dumb")
    return subprocess.Popen([a.sitrep, "--config", a.config, "--db", db,
                             *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env,
                            stdin=subprocess.DEVNULL)


def finish(p, what, timeout=120):
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        problem("%s: still running after %d s" % (what, timeout))
    if p.returncode != 0:
        problem("%s: exit %d: %s" % (what, p.returncode, err.strip()))
    return out


def lock_inode(path):
    st = os.stat(path)
    return st.st_ino


def waiting_pids(path):
    """Pids blocked on a flock of path, in /proc/locks' order."""
    ino = lock_inode(path)
    pids = []
    with open("/proc/locks") as f:
        for line in f:
            fields = line.split()
            if "->" not in fields or "FLOCK" not in fields:
                continue
            i = fields.index("FLOCK")
            pid = int(fields[i + 3])
            dev_ino = fields[i + 4]
            if int(dev_ino.split(":")[2]) == ino:
                pids.append(pid)
    return pids


def wait_until_queued(path, pid, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pid in waiting_pids(path):
            return True
        time.sleep(0.05)
    problem("%s never waited for the queue's lock" % what)
    return False


def notes(db, stay):
    con = sqlite3.connect(db)
    rows = [r[0] for r in con.execute(
        "SELECT new FROM audit WHERE stay = ? AND field = 'note'"
        " ORDER BY id", (stay,))]
    version = con.execute("SELECT version FROM stay WHERE id = ?",
                          (stay,)).fetchone()[0]
    con.close()
    return rows, version


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sitrep")
    ap.add_argument("config")
    ap.add_argument("dir")
    ap.add_argument("--no-timeout", action="store_true",
                    help="skip the 30 s wait past the queue's time limit")
    a = ap.parse_args()
    db = os.path.join(a.dir, "queue.db")
    lock = db + "-lock"
    csv = os.path.join(a.dir, "queue.csv")
    with open(csv, "w") as f:
        f.write("site,mrn,admitted_at,ward\n")
        for i in range(3):
            f.write("SFT,Q%d,2026-01-0%dT10:00,AMU\n" % (i, i + 1))
    finish(start(a, db, "import", csv), "setup import")
    if not os.path.isfile(lock):
        problem("the import left no %s" % os.path.basename(lock))
        return 1
    mode = os.stat(lock).st_mode & 0o777
    if mode != os.stat(db).st_mode & 0o777:
        problem("lock file mode %o differs from the database's %o" %
                (mode, os.stat(db).st_mode & 0o777))

    # Hold the queue: three writers line up behind us, one after the other.
    fd = os.open(lock, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    writers = []
    for name in ("first", "second", "third"):
        p = start(a, db, "set", "--stay", "1", "note=" + name,
                  user="user_" + name)
        writers.append((name, p))
        wait_until_queued(lock, p.pid, "writer " + name)
    # A reader is not held up by the queue.
    t0 = time.monotonic()
    out = finish(start(a, db, "show", "--stay", "1"), "show while queued",
                 timeout=30)
    if "Q0" not in out:
        problem("show while writers queue printed %r" % out[:200])
    time.sleep(0.5)
    for name, p in writers:
        if p.poll() is not None:
            problem("writer %s ended (%s) while the queue was held" %
                    (name, p.returncode))
    got, version = notes(db, 1)
    if got or version != 1:
        problem("saved while the queue was held: %r, version %d" %
                (got, version))
    fcntl.flock(fd, fcntl.LOCK_UN)
    for name, p in writers:
        finish(p, "writer " + name)
    got, version = notes(db, 1)
    if got != ["first", "second", "third"]:
        problem("writers saved in the order %r, not the order they came" %
                (got,))
    if version != 4:
        problem("three edits saved but the version is %d" % version)

    # No lock file to be had: straight to SQLite's busy handler.
    os.close(fd)
    os.remove(lock)
    os.mkdir(lock)
    t0 = time.monotonic()
    finish(start(a, db, "set", "--stay", "2", "note=no queue"),
           "writer with no lock file", timeout=30)
    if notes(db, 2)[0] != ["no queue"]:
        problem("the writer with no lock file saved %r" % (notes(db, 2)[0],))
    os.rmdir(lock)

    if not a.no_timeout:
        # Held past the limit: the writer goes ahead without the queue.
        finish(start(a, db, "set", "--stay", "3", "note=x"), "recreate")
        fd = os.open(lock, os.O_RDONLY)
        fcntl.flock(fd, fcntl.LOCK_EX)
        t0 = time.monotonic()
        p = start(a, db, "set", "--stay", "3", "note=after the limit")
        wait_until_queued(lock, p.pid, "the writer past the limit")
        finish(p, "writer past the limit", timeout=120)
        waited = time.monotonic() - t0
        if waited < 29:
            problem("the writer went ahead after %.1f s, not 30" % waited)
        if notes(db, 3)[0][-1:] != ["after the limit"]:
            problem("the writer past the limit saved %r" %
                    (notes(db, 3)[0],))
        os.close(fd)
    print("writer queue: %d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
