"""Fifty processes editing at once, for bench.py (DESIGN section 7,
"concurrent users"): sitrep side by side with the bare sqlite3 shell doing
the same UPDATEs on the same database under the same load.

Each side gets its own copy of one small database (200 current stays at
one site, so edits collide). WORKERS threads each run EDITS edits one
after the other (a closed loop: the next edit starts when the last one
has exited), each edit a new process: `sitrep set --stay ID note=VALUE`,
or `sqlite3 DB` given the statements sitrep's `set` runs for that edit
(read the stay, UPDATE every column as sitrep's update does so the same
triggers fire, one audit row) in `BEGIN IMMEDIATE ... COMMIT`, with
synchronous = FULL and foreign keys on as sitrep has them, and a busy
timeout long enough (.timeout 60000) that the shell never gives up: its
latency is SQLite's busy handler and nothing else. Latency is wall time
from spawning the process to its exit, every edit counted. The two sides
take turns (sitrep, shell, sitrep, ...) so that a busy spell of the
shared host falls on both.

Afterwards, for sitrep: every edit it reported saved is in the audit
trail exactly once, the stays' versions rose by the number of edits saved
(no lost update), and no process printed "locked" or "busy"."""
import os
import random
import shutil
import sqlite3
import subprocess
import threading
import time

from timing import ENV, NOW, log

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "..", "config", "sitrep.yaml")
WORKERS = 50
EDITS = 20          # per worker and round
ROUNDS = 3
STAYS = 200

# The columns sitrep's update sets (src/store/store_stay.c, sql_update).
COLUMNS = ("site ward bed mrn nhs_number family_name given_name birth_date "
           "admitted_at edd g2g_date pathway delay_reason delay_agency "
           "discharged_at destination").split()


def base_db(sitrep, work):
    """A database with STAYS current stays at SFT, checkpointed into one
    file that can be copied."""
    db = os.path.join(work, "concurrent-base.db")
    for suffix in ("", "-wal", "-shm", "-journal", "-lock"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    csv = os.path.join(work, "concurrent-base.csv")
    with open(csv, "w") as f:
        f.write("site,mrn,admitted_at,ward\n")
        for i in range(STAYS):
            f.write("SFT,C%05d,2026-11-0%dT0%d:00,AMU\n" %
                    (i, 1 + i % 9, i % 10))
    p = subprocess.run([sitrep, "--db", db, "--config", CONFIG, "import",
                        csv], capture_output=True, env=ENV)
    if p.returncode != 0:
        raise SystemExit("bench: concurrent setup import failed: %s" %
                         p.stderr.decode(errors="replace"))
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM stay ORDER BY id")]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db, ids


def copy_db(base, dst):
    for suffix in ("", "-wal", "-shm", "-journal", "-lock"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(base, dst)
    os.chmod(dst, 0o600)


def shell_script(stay, value, user):
    sets = ", ".join("%s = %s" % (c, c) for c in COLUMNS)
    return (".timeout 60000\n"
            "PRAGMA foreign_keys = ON;\n"
            "PRAGMA trusted_schema = OFF;\n"
            "PRAGMA synchronous = FULL;\n"
            "BEGIN IMMEDIATE;\n"
            "INSERT INTO audit (at, by, stay, field, old, new)"
            " SELECT '%(now)s', '%(user)s', id, 'note', note, '%(value)s'"
            " FROM stay WHERE id = %(stay)d;\n"
            "UPDATE stay SET %(sets)s, note = '%(value)s',"
            " version = version + 1, updated_at = '%(now)s',"
            " updated_by = '%(user)s' WHERE id = %(stay)d;\n"
            "COMMIT;\n" % {"now": NOW, "user": user, "value": value,
                           "stay": stay, "sets": sets})


def one_side(kind, sitrep, db, ids, rnd, workers, edits):
    """workers threads, edits edits each; returns (latencies, saved,
    problems, elapsed)."""
    latencies, saved, problems = [], [], []
    lock = threading.Lock()
    start = threading.Barrier(workers)

    def worker(n):
        rng = random.Random(1000 * rnd + n)
        user = "user%02d" % n
        env = dict(ENV, SITREP_USER=user, TERM="dumb")
        start.wait()
        for k in range(edits):
            stay = rng.choice(ids)
            value = "%s edit %d.%d" % (user, rnd, k)
            if kind == "sitrep":
                argv = [sitrep, "--db", db, "--config", CONFIG, "set",
                        "--stay", str(stay), "note=" + value]
                stdin = subprocess.DEVNULL
                script = None
            else:
                argv = ["sqlite3", "-bail", db]
                stdin = subprocess.PIPE
                script = shell_script(stay, value, user).encode()
            t0 = time.perf_counter()
            p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env)
            _, err = p.communicate(script)
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                text = err.decode(errors="replace").strip()
                if "locked" in text.lower() or "busy" in text.lower():
                    problems.append("%s: busy shown: %s" % (user, text))
                if p.returncode == 0:
                    saved.append((stay, value, user))
                else:
                    problems.append("%s: edit failed (%d): %s" %
                                    (user, p.returncode, text))

    threads = [threading.Thread(target=worker, args=(i,))
               for i in range(workers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    problems += check(db, saved)
    return latencies, saved, problems, elapsed


def check(db, saved):
    """No lost update: each saved edit audited once, the versions rose by
    the number of edits saved, the stored note is the newest audited one,
    and the file is sound."""
    problems = []
    con = sqlite3.connect(db)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    if ok != "ok":
        problems.append("integrity_check: " + ok)
    audit = {}
    for row in con.execute("SELECT stay, new, by FROM audit"
                           " WHERE field = 'note'"):
        audit[row] = audit.get(row, 0) + 1
    for s in saved:
        if audit.get(s) != 1:
            problems.append("lost update: stay %d %r by %s audited %d times"
                            % (s[0], s[1], s[2], audit.get(s, 0)))
    bumps = con.execute("SELECT sum(version - 1) FROM stay").fetchone()[0]
    if (bumps or 0) != len(saved):
        problems.append("%d edits saved but versions rose by %s" %
                        (len(saved), bumps))
    for stay, note, newest in con.execute(
            "SELECT s.id, s.note, (SELECT new FROM audit a WHERE a.stay = s.id"
            " AND a.field = 'note' ORDER BY a.id DESC LIMIT 1)"
            " FROM stay s WHERE s.version > 1"):
        if note != newest:
            problems.append("stay %d: note %r but the audit says %r" %
                            (stay, note, newest))
    con.close()
    return problems


def pct(values, q):
    """Nearest-rank percentile (q in [0, 1]) of values, in seconds."""
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(q * len(v) + 0.999999) - 1))]


def measure(sitrep, work, workers=WORKERS, edits=EDITS, rounds=ROUNDS):
    """Both sides, rounds times each in turn. Returns a dict of figures."""
    base, ids = base_db(sitrep, work)
    out = {"workers": workers, "edits": edits, "rounds": rounds,
           "stays": len(ids)}
    lat = {"sitrep": [], "shell": []}
    elapsed = {"sitrep": 0.0, "shell": 0.0}
    nsaved = {"sitrep": 0, "shell": 0}
    problems = {"sitrep": [], "shell": []}
    for rnd in range(rounds):
        for kind in ("sitrep", "shell"):
            db = os.path.join(work, "concurrent-%s.db" % kind)
            copy_db(base, db)
            l, s, p, e = one_side(kind, sitrep, db, ids, rnd, workers, edits)
            lat[kind] += l
            elapsed[kind] += e
            nsaved[kind] += len(s)
            problems[kind] += p
            log("concurrent %-6s round %d: %d edits in %.1f s, p50 %.0f ms,"
                " p99 %.0f ms, max %.0f ms, %d problems" %
                (kind, rnd + 1, len(s), e, pct(l, 0.5) * 1e3,
                 pct(l, 0.99) * 1e3, max(l) * 1e3, len(p)))
    for kind in ("sitrep", "shell"):
        out[kind] = {"p50": pct(lat[kind], 0.5), "p90": pct(lat[kind], 0.9),
                     "p99": pct(lat[kind], 0.99), "max": max(lat[kind]),
                     "edits": len(lat[kind]), "saved": nsaved[kind],
                     "per_s": nsaved[kind] / elapsed[kind],
                     "problems": len(problems[kind]),
                     "problem_lines": problems[kind][:10]}
        for line in problems[kind][:10]:
            log("concurrent %s: PROBLEM: %s" % (kind, line))
    return out
