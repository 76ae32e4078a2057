#!/usr/bin/python3
"""sitrep's benchmark (issue 6, DESIGN section 7): builds the region and
national demo data sets, then times, side by side in one run, sitrep and
its peers on the same data, and writes a Markdown table of medians with the
ratios and a met / not met line per target.

usage: bench.py --sitrep BIN --work DIR --out FILE [--national-days N]
                [--region-days N] [--runs N] [--slow-runs N] [--keys N]
                [--reuse] [--only concurrency]

Every run of a program is timed here: wall time from fork to exit
(time.perf_counter), CPU time (user + system) and peak RSS from wait4's
rusage, which is the figure `/usr/bin/time -v` prints as "Maximum resident
set size". Each thing is run once before its counted runs and that run is
dropped (warm-up); the table shows medians. The clock is frozen
(SITREP_TODAY / SITREP_NOW) so the data and the figures are the same on
every run. Python standard library, plus pandas for its peer (run as a
separate program).

The console is timed on a pseudo-terminal driven from here (os.openpty,
120x40): first frame = spawn to the last byte of the first full refresh,
key to redraw = writing a key to the last byte of the refresh it causes;
see pty_console.py and the text under the table.

Fifty processes editing at once are timed against the sqlite3 shell doing
the same UPDATEs (editors.py). `--only concurrency` runs that part
alone and prints its rows without writing --out.
"""
import argparse
import csv
import io
import json
import os
import platform
import re
import statistics
import subprocess
import time

from pty_console import CONSOLE_COLS, CONSOLE_ROWS, KEYS, QUIET, console, \
    pty_floor
import editors
import timing
from timing import ENV, NOW, TODAY, Run, interleave, log, repeat, run

# A past day well inside the 90 days of history: its figures come from
# states long closed (dated facts, issue 13).
PAST_DAY = "2026-10-06"

HERE = os.path.dirname(os.path.abspath(__file__))
IMPORT_ROWS = 100_000

# ------------------------------------------------------------ the machine

def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = "%.1f GB" % (int(line.split()[1]) / 1024 / 1024)

    def cmd(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True,
                                  env=ENV).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "kernel": platform.release(),
        "sqlite": cmd(["pkg-config", "--modversion", "sqlite3"]),
        "sqlite3 shell": cmd(["sqlite3", "--version"]).split(" ")[0],
        "compiler": cmd(["cc", "--version"]),
        "python": platform.python_version(),
        "pandas": cmd(["/usr/bin/python3", "-c",
                       "import pandas; print(pandas.__version__)"]),
        "visidata": cmd(["vd", "--version"]),
    }


CALIBRATION_SQL = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1"
                   " FROM c WHERE x < 1000000) SELECT sum(x * x % 7) FROM c;")


def calibrate():
    """The host's speed now: CPU time of a fixed CPU-bound query in the
    sqlite3 shell (no file, no I/O; nothing of sitrep's), median of 5. On
    a shared host it moves by tens of percent from one quarter of an hour
    to the next; dividing by it compares two runs for what they did."""
    times = []
    for _ in range(5):
        r = run(["sqlite3", ":memory:", CALIBRATION_SQL])
        times.append(r.cpu)
    return statistics.median(times)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# ------------------------------------------------------------ data sets

def build_data(a, scale, days, name=None):
    """The demo data set of that scale and history in a.work, as name
    (default: the scale), built unless --reuse finds it there."""
    name = name or scale
    db = os.path.join(a.work, name + ".db")
    cfg = os.path.join(a.work, name + ".yaml")
    meta = os.path.join(a.work, name + ".json")
    if a.reuse and os.path.exists(meta):
        with open(meta) as f:
            d = json.load(f)
        if d["days"] == days and os.path.exists(db):
            log("reusing %s (built earlier: --reuse)" % db)
            d["run"] = Run(d["wall"], d["cpu"], d["rss_kb"], b"")
            return d
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    r = run([a.sitrep, "--db", db, "demo", "--scale", scale, "--days",
             str(days), "--seed", "1", "--write-config", cfg])
    stays = int(re.search(rb"(\d+) stays", r.out).group(1))
    current = int(re.search(rb"(\d+) in a bed", r.out).group(1))
    log("demo %s --days %d: %d stays (%d current) in %.1f s" %
        (scale, days, stays, current, r.wall))
    d = {"db": db, "cfg": cfg, "days": days, "stays": stays,
         "current": current, "size_mb": os.path.getsize(db) / 1e6,
         "wall": r.wall, "cpu": r.cpu, "rss_kb": r.rss_kb}
    with open(meta, "w") as f:
        json.dump(d, f)
    d["run"] = r
    return d


# ------------------------------------------------------------ figures

def date_add(day, n):
    import datetime as dt
    return (dt.date.fromisoformat(day) + dt.timedelta(days=n)).isoformat()


def sitrep_figures(report):
    """The six headline figures per site from sitrep's JSON report."""
    out = {}
    for s in report["sites"]:
        out[("bed", s["code"])] = (s["occupied"], s["stranded"],
                                   s["super_stranded"], s["g2g"])
        out[("dbd", s["code"])] = (s["delayed_bed_days"]["mtd"],)
        out[("dis", s["code"])] = (s["discharges_yesterday"]["total"],)
    return out


def peer_figures(text, sites):
    """Rows "kind,site,n..." as printed by hand.sql or peer_pandas.py; a
    site a query gave no row for counts zero."""
    out = {}
    for code in sites:
        out[("bed", code)] = (0, 0, 0, 0)
        out[("dbd", code)] = (0,)
        out[("dis", code)] = (0,)
    for row in csv.reader(io.StringIO(text)):
        if not row:
            continue
        vals = tuple(int(round(float(v or 0))) for v in row[2:])
        if (row[0], row[1]) in out:
            out[(row[0], row[1])] = vals
    return out


def compare(name, mine, theirs):
    bad = [k for k in mine if mine[k] != theirs.get(k)]
    for k in bad[:5]:
        log("%s differs at %s: sitrep %s, peer %s" %
            (name, k, mine[k], theirs.get(k)))
    return len(bad)


def hand_sql(report):
    th = report["thresholds"]
    day = report["date"]
    with open(os.path.join(HERE, "hand.sql")) as f:
        sql = f.read()
    values = {"day": day, "next": date_add(day, 1), "yday": date_add(day, -1),
              "month": day[:8] + "01",
              "strand": date_add(day, 1 - th["stranded_days"]),
              "super": date_add(day, 1 - th["super_stranded_days"])}
    for k, v in values.items():
        sql = sql.replace("'{%s}'" % k, "'%s'" % v)
    return sql


# ------------------------------------------------------------ the run

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--national-days", type=int, default=90)
    ap.add_argument("--region-days", type=int, default=90)
    ap.add_argument("--reuse", action="store_true",
                    help="keep data sets built by an earlier run (same "
                    "days), for working on the benchmark itself")
    ap.add_argument("--runs", type=int, default=9,
                    help="runs of fast things (and console starts)")
    ap.add_argument("--slow-runs", type=int, default=5,
                    help="runs of things over a second")
    ap.add_argument("--keys", type=int, default=KEYS,
                    help="timed keypresses per start of the console")
    ap.add_argument("--only", choices=["concurrency"],
                    help="run one part alone and print its rows; --out "
                    "is left as it is")
    a = ap.parse_args()
    a.sitrep = os.path.abspath(a.sitrep)
    os.makedirs(a.work, exist_ok=True)
    timing.RSS_DIR = a.work
    t_start = time.perf_counter()
    load_start = loadavg()
    R = {"machine": machine(), "load_start": load_start,
         "calib_start": calibrate()}
    if a.only == "concurrency":
        R["concurrent"] = editors.measure(a.sitrep, a.work)
        R["load_end"] = loadavg()
        print("\n".join(render_concurrent(R, None, header=True)))
        return

    # ---- data sets
    region = build_data(a, "region", a.region_days)
    national = build_data(a, "national", a.national_days)
    R["data"] = {k: {kk: vv for kk, vv in v.items()
                     if kk not in ("run", "wall", "cpu", "rss_kb")}
                 | {"wall": v["run"].wall, "cpu": v["run"].cpu,
                    "rss_mb": v["run"].rss_kb / 1024}
                 for k, v in (("region", region), ("national", national))}

    # ---- exports: the whole of each data set (pandas' input) and a census
    # of 100,000 rows (the import's and VisiData's input)
    for d in (region, national):
        d["csv"] = d["db"][:-3] + ".csv"
        r = run([a.sitrep, "--db", d["db"], "--config", d["cfg"], "export",
                 "--output", d["csv"]])
        d["export"] = r
        log("export %s: %.1f MB in %.1f s" %
            (os.path.basename(d["csv"]), os.path.getsize(d["csv"]) / 1e6,
             r.wall))
    census = os.path.join(a.work, "census100k.csv")
    r = run([a.sitrep, "--db", national["db"], "--config", national["cfg"],
             "export", "--from", date_add(TODAY, -10)])
    lines = r.out.decode("utf-8").splitlines(keepends=True)
    if len(lines) <= IMPORT_ROWS:
        raise SystemExit("bench: the national export has only %d rows"
                         % (len(lines) - 1))
    with open(census, "w", encoding="utf-8", newline="") as f:
        f.writelines(lines[:IMPORT_ROWS + 1])

    # ---- census import into a fresh database, all or nothing
    fresh = os.path.join(a.work, "import.db")

    def import_once(i, again=False):
        if not again:
            for suffix in ("", "-journal", "-wal", "-shm"):
                if os.path.exists(fresh + suffix):
                    os.remove(fresh + suffix)
            run([a.sitrep, "--db", fresh, "--config", national["cfg"],
                 "init"])
        r = run([a.sitrep, "--db", fresh, "--config", national["cfg"],
                 "import", census])
        want = b"%d added" % IMPORT_ROWS if not again else \
            b"%d unchanged" % IMPORT_ROWS
        if want not in r.out:
            raise SystemExit("bench: import said %r" % r.out)
        return r
    M = {}
    M["import"] = repeat("import 100k rows (fresh db)", a.slow_runs,
                         import_once)
    M["reimport"] = repeat("re-import 100k rows (unchanged)", a.slow_runs,
                           lambda i: import_once(i, True))
    vd_out = os.path.join(a.work, "vd-out.tsv")
    M["vd"] = repeat("visidata load 100k rows", a.slow_runs, lambda i: run(
        ["vd", "-b", "-f", "csv", census, "-o", vd_out]))
    # The limit: the sqlite3 shell's own CSV import of the same file into
    # one table with the census columns and the stays' unique key, in WAL
    # mode with synchronous = FULL as sitrep's database, one transaction.
    # No checks, no other index, no totals, no audit.
    raw = os.path.join(a.work, "raw.db")
    with open(census, encoding="utf-8-sig") as f:
        columns = f.readline().strip().split(",")

    def raw_import(i):
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(raw + suffix):
                os.remove(raw + suffix)
        run(["sqlite3", raw, "PRAGMA journal_mode = WAL; CREATE TABLE stay"
             " (%s, UNIQUE (site, mrn, admitted_at));" % ", ".join(columns)])
        r = run(["sqlite3", raw, "PRAGMA synchronous = FULL",
                 ".import --csv --skip 1 %s stay" % census])
        n = run(["sqlite3", raw, "SELECT count(*) FROM stay"]).out.strip()
        if n != b"%d" % IMPORT_ROWS:
            raise SystemExit("bench: sqlite3 .import loaded %r rows" % n)
        return r
    M["raw_import"] = repeat("sqlite3 .import 100k rows", a.slow_runs,
                             raw_import)

    # ---- the morning report, and its peers on the same data. The fast
    # ones (sitrep and the hand SQL, both data sets) are interleaved.
    checks = {}
    fast = []
    reports = {}
    for name, d in (("region", region), ("national", national)):
        base = [a.sitrep, "--db", d["db"], "--config", d["cfg"], "report"]
        reports[name] = json.loads(run(base + ["--format", "json"]).out)
        sql = os.path.join(a.work, name + "-hand.sql")
        with open(sql, "w") as f:
            f.write(hand_sql(reports[name]))
        fast += [
            (name + "_json", "report json " + name,
             lambda i, base=base: run(base + ["--format", "json"])),
            (name + "_text", "report text " + name,
             lambda i, base=base: run(base + ["--format", "text"])),
            (name + "_sql", "hand SQL " + name,
             lambda i, d=d, sql=sql: run(["sqlite3", "-readonly", d["db"]],
                                         stdin=sql)),
            # Dated facts (issue 13): a past day (its end), an earlier
            # moment of today, and a past day as known at a time.
            (name + "_past", "report json past day " + name,
             lambda i, base=base: run(base + ["--format", "json", "--date",
                                              PAST_DAY])),
            (name + "_at", "report json --at " + name,
             lambda i, base=base: run(base + ["--format", "json", "--at",
                                              TODAY + "T06:00"])),
            (name + "_known", "report json --as-known-at " + name,
             lambda i, base=base: run(base + ["--format", "json", "--date",
                                              PAST_DAY, "--as-known-at",
                                              TODAY + "T06:00"])),
            # Issue 15: a year of daily SPC of a headline figure (the
            # chart begins at the first admission when the data are
            # younger than a year).
            (name + "_spc", "spc nctr by day, a year, " + name,
             lambda i, d=d: run([a.sitrep, "--db", d["db"], "--config",
                                 d["cfg"], "spc", "nctr", "--by", "day",
                                 "--from", date_add(TODAY, -365),
                                 "--format", "json"])),
            # Issue 17: the board pack of the past day (HTML, the
            # report's figures, seven SPC charts by week, the changes
            # since a week before, the longest delayed with blockers).
            (name + "_pack", "pack past day " + name,
             lambda i, base=base: run(base[:-1] + ["pack", "--date",
                                                   PAST_DAY])),
        ]
    M.update(interleave(fast, a.runs))
    for name, d in (("region", region), ("national", national)):
        report = json.loads(M[name + "_json"].runs[-1].out)
        sites = [s["code"] for s in report["sites"]]
        mine = sitrep_figures(report)
        th = report["thresholds"]
        M[name + "_pandas"] = repeat("pandas " + name, a.slow_runs,
                                     lambda i, d=d, th=th: run(
            ["/usr/bin/python3", os.path.join(HERE, "peer_pandas.py"),
             d["csv"], TODAY, str(th["stranded_days"]),
             str(th["super_stranded_days"])]))
        checks[name] = {
            "figures": len(mine) and sum(len(v) for v in mine.values()),
            "sql_diff": compare("hand SQL " + name, mine, peer_figures(
                M[name + "_sql"].runs[-1].out.decode(), sites)),
            "pandas_diff": compare("pandas " + name, mine, peer_figures(
                M[name + "_pandas"].runs[-1].out.decode(), sites)),
        }

    # ---- fifty processes editing at once, and the shell doing the same
    R["concurrent"] = editors.measure(a.sitrep, a.work)

    # ---- the console on a pseudo-terminal
    R["console_error"] = None
    R["console_method"] = "pty"
    R["pty_floor_ms"] = pty_floor() * 1e3
    R["console"] = {}
    for name, d in (("region", region), ("national", national)):
        try:
            M[name + "_first"], M[name + "_key"], R["console"][name] = \
                console(a, d, a.runs)
        except RuntimeError as e:
            log("console %s: %s" % (name, e))
            R["console_error"] = "%s: %s" % (name, str(e).splitlines()[0])

    R["runs"], R["slow_runs"] = a.runs, a.slow_runs
    R["total_s"] = time.perf_counter() - t_start
    R["load_end"] = loadavg()
    R["calib_end"] = calibrate()
    R["calib"] = (R["calib_start"] + R["calib_end"]) / 2
    R["checks"] = checks
    R["measures"] = {k: {"wall": m.wall, "cpu": m.cpu, "rss_mb": m.rss_mb,
                         "spread": m.spread, "runs": len(m.runs)}
                     for k, m in M.items()}
    prev_path = os.path.join(a.work, "previous.json")
    prev = None
    if os.path.exists(prev_path):
        with open(prev_path) as f:
            prev = json.load(f)
    with open(prev_path, "w") as f:
        json.dump(R, f, indent=1)
    text = render(R, prev)
    with open(a.out, "w") as f:
        f.write(text)
    print(text)
    bad = sum(c["sql_diff"] + c["pandas_diff"] for c in checks.values())
    if bad:
        raise SystemExit("bench: the peers disagree with sitrep on %d "
                         "figures (above)" % bad)


# ------------------------------------------------------------ the table

def ms(s):
    if s < 0.01:
        return "%.2f ms" % (s * 1e3)
    if s < 0.1:
        return "%.1f ms" % (s * 1e3)
    return "%.0f ms" % (s * 1e3) if s < 10 else "%.1f s" % s


def render(R, prev):
    m = R["measures"]
    mc = R["machine"]
    dd = R["data"]
    L = []
    w = L.append
    w("# sitrep benchmark: latest run")
    w("")
    w("Written by `./dev bench` (bench/bench.py). Medians of wall time over "
      "several runs (%s for fast things, %s for slow ones), each after one "
      "more run whose figures are dropped (warm-up: file cache, CPU "
      "caches); CPU = user + system time of the process, RSS = peak "
      "resident set size (wait4 rusage, the figure `/usr/bin/time -v` "
      "prints as \"Maximum resident set size\"). Clock frozen at %s %s."
      % (R.get("runs", "5"), R.get("slow_runs", "3"), TODAY, NOW[11:]))
    w("")
    w("## Machine")
    w("")
    for k, v in mc.items():
        w("- %s: %s" % (k, v))
    w("- load average (1, 5, 15 min) at start: %s; at end: %s"
      % (R["load_start"], R["load_end"]))
    w("- whole run: %.0f s" % R["total_s"])
    w("- host speed check (CPU time of a fixed query in the sqlite3 shell, "
      "median of 5; lower is faster): %.0f ms at the start, %.0f ms at the "
      "end%s" % (R["calib_start"] * 1e3, R["calib_end"] * 1e3,
                 "; previous run: %.0f ms" % (prev["calib"] * 1e3)
                 if prev and prev.get("calib") else ""))
    w("")
    w("## Data sets (`sitrep demo --seed 1`)")
    w("")
    w("| data set | days | stays | in a bed now | database | build (wall) "
      "| build (CPU) | stays/s |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for k in ("region", "national"):
        d = dd[k]
        w("| %s | %d | %d | %d | %.0f MB | %.1f s | %.1f s | %.0f |" %
          (k, d["days"], d["stays"], d["current"], d["size_mb"], d["wall"],
           d["cpu"], d["stays"] / d["wall"]))
    w("")
    w("## Results")
    w("")
    prev_m = prev["measures"] if prev else {}
    # A comparison only means something on the same data, and for the
    # console, by the same method (earlier runs polled tmux).
    same_data = {k: bool(prev) and all(
        prev.get("data", {}).get(k, {}).get(kk) == dd[k][kk]
        for kk in ("days", "stays")) for k in ("region", "national")}
    same_method = bool(prev) and prev.get("console_method") == \
        R.get("console_method")
    # Host-adjusted: the change once the host's own change of speed (the
    # speed check) is taken out.
    host = (R["calib"] / prev["calib"]) if prev and prev.get("calib") \
        else None
    w("| what | sitrep | peer | peer time | peer / sitrep | CPU (sitrep) "
      "| peak RSS | vs previous run (medians; host-adjusted) |")
    w("|---|---:|---|---:|---:|---:|---:|---:|")

    def row(label, key, peer=None, peer_key=None, inverse=False):
        if key not in m:
            w("| %s | failed: %s | | | | | | |" % (label, R["console_error"]))
            return
        a = m[key]
        cells = [label, ms(a["wall"])]
        if peer:
            b = m[peer_key]
            ratio = b["wall"] / a["wall"]
            cells += [peer, ms(b["wall"]),
                      ("%.2f×" if ratio < 1 else "%.1f×") % ratio]
        else:
            cells += ["", "", ""]
        cells += [ms(a["cpu"]) if a["cpu"] else "",
                  "%.1f MB" % a["rss_mb"] if a["rss_mb"] else ""]
        data = "region" if key.startswith("region") else "national"
        if key not in prev_m:
            cells.append("")
        elif not same_data[data]:
            cells.append("other data")
        elif key.endswith(("_first", "_key")) and not same_method:
            cells.append("other method")
        else:
            change = a["wall"] / prev_m[key]["wall"]
            cells.append("%+.0f%%" % (100 * (change - 1)) +
                         ("; %+.0f%%" % (100 * (change / host - 1))
                          if host else ""))
        w("| " + " | ".join(cells) + " |")

    n = IMPORT_ROWS
    row("census import, %d rows, fresh db (%.0f rows/s)" %
        (n, n / m["import"]["wall"]), "import", "VisiData load (vd -b)",
        "vd")
    if "raw_import" in m:
        row("census import, %d rows, fresh db" % n, "import",
            "sqlite3 shell .import (unique key only)", "raw_import")
    row("census re-import, %d rows unchanged (%.0f rows/s)" %
        (n, n / m["reimport"]["wall"]), "reimport")
    for k in ("region", "national"):
        row("report json, %s" % k, k + "_json", "hand SQL (sqlite3 shell)",
            k + "_sql")
        row("report json, %s" % k, k + "_json", "pandas over export CSV",
            k + "_pandas")
        row("report text, %s" % k, k + "_text")
        row("report json, %s, a past day (%s, end of day)" % (k, PAST_DAY),
            k + "_past")
        row("report json, %s, --at %sT06:00" % (k, TODAY), k + "_at")
        row("report json, %s, %s as known at %sT06:00" % (k, PAST_DAY, TODAY),
            k + "_known")
        row("spc nctr, %s, a year by day (from %s; JSON)"
            % (k, date_add(TODAY, -365)), k + "_spc")
        row("pack (HTML board pack), %s, a past day (%s)" % (k, PAST_DAY),
            k + "_pack")
    cs = R.get("console", {})
    for k in ("region", "national"):
        c = cs.get(k)
        row("console first frame, %s" % k + (
            " (%d starts; first output at %s)" % (c["starts"],
                                                   ms(c["setup_ms"] / 1e3))
            if c else ""), k + "_first")
        row("console key to redraw, %s" % k + (
            " (%d keys; p90 %s)" % (c["keys"], ms(c["key_p90_ms"] / 1e3))
            if c else ""), k + "_key")
    for line in concurrent_row(R, prev):
        w(line)
    w("")
    term = next((c["term"] for c in cs.values()), "xterm-256color")
    keys = next((c["keys"] // c["starts"] for c in cs.values()), KEYS)
    w("Console times are taken on a pseudo-terminal of the benchmark's own "
      "(os.openpty, %dx%d, TERM=%s; the pty is the console's controlling "
      "terminal and its stdin, stdout and stderr), written to and read from "
      "directly by bench.py: select() on the master side, os.read() of "
      "whatever is there, each read stamped with time.perf_counter(). No "
      "terminal emulator is in the way; a byte written to the master comes "
      "back from the pty's own echo in %.3f ms (median), the floor and "
      "resolution of these rows. "
      "**First frame** = from posix_spawn() of `sitrep --db DB --config "
      "CFG` to the read that returned the last byte of the first full "
      "refresh: the output holds the column titles, a figure and the "
      "status line's hint (the last line ncurses paints), and nothing more "
      "comes within %.0f ms after that read; those %.0f ms only show the "
      "refresh is over and are not counted. It covers process start, "
      "config, opening the database (config sync included), the figures "
      "and the drawing; \"first output\" (median) is the first read: "
      "curses setting the terminal up, once config and database are open "
      "and before the board's figures are computed. One start before the "
      "counted ones is dropped (warm-up). "
      "**Key to redraw** = from writing one key to the master to the read "
      "that returned the last byte of the refresh it caused (found as "
      "above: %.0f ms without output after it, not counted); each key is "
      "sent only after the console has been silent for %.0f ms (not "
      "timed), keys alternate j and k so the selection moves between the "
      "first two sites, the first key of every start is dropped, and the "
      "figure is the median (and 90th percentile, nearest rank) over %d "
      "keys per start. Peak RSS of the console is its VmHWM (/proc) just "
      "before q." %
      (CONSOLE_COLS, CONSOLE_ROWS, term, R.get("pty_floor_ms", float("nan")),
       QUIET * 1e3, QUIET * 1e3, QUIET * 1e3, QUIET * 1e3, keys))
    w("")
    w("The peers compute six headline figures per site (occupied, "
      "stranded, super-stranded, G2G, delayed bed days month to date, "
      "discharges yesterday); `sitrep report` computes every figure of the "
      "report (also 7- and 30-day discharge windows, readmissions, DTOC by "
      "reason and agency, OPEL, the longest delayed). Each peer's figures "
      "were checked against sitrep's JSON for every site:")
    for k, c in R["checks"].items():
        w("- %s: %d values each; hand SQL differs on %d, pandas on %d" %
          (k, c["figures"], c["sql_diff"], c["pandas_diff"]))
    w("")
    for line in render_concurrent(R, prev):
        w(line)
    w("## Targets (DESIGN §7), at national scale")
    w("")

    def target(label, ok, detail):
        w("- %s: **%s**, %s" % (label, "met" if ok else "not met", detail))

    rate = n / m["import"]["wall"]
    limit = ""
    if "raw_import" in m:
        limit = ("; the sqlite3 shell's own .import of the file into one"
                 " table with the unique key and nothing else (no checks,"
                 " no other index, no totals, no audit) runs at %.0f rows/s"
                 % (n / m["raw_import"]["wall"]))
    target("census import ≥ 200,000 rows/s", rate >= 200000,
           "%.0f rows/s (%.0f%% of the target)%s"
           % (rate, 100 * rate / 200000, limit))
    if "national_first" in m:
        f = m["national_first"]["wall"]
        target("board first frame < 100 ms", f < 0.1,
               "%s (%.1f× the target)" % (ms(f), f / 0.1))
        k = m["national_key"]["wall"]
        p90 = R["console"]["national"]["key_p90_ms"]
        target("keypress to redraw < 16 ms", k < 0.016,
               "%.2f ms median, %.2f ms p90 (%.2f× the target; pty "
               "resolution %.3f ms)" %
               (k * 1e3, p90, k / 0.016, R["pty_floor_ms"]))
    else:
        w("- board first frame, keypress to redraw: not measured (%s)" %
          R["console_error"])
    rj = m["national_json"]["wall"]
    target("report < 200 ms", rj < 0.2,
           "%s (%.1f× the target)" % (ms(rj), rj / 0.2))
    for key, what in (("national_past", "a past day"),
                      ("national_at", "an earlier moment (--at)"),
                      ("national_known", "a past day --as-known-at")):
        if key in m:
            t = m[key]["wall"]
            target("report for %s < 200 ms" % what, t < 0.2,
                   "%s (%.1f× the target)" % (ms(t), t / 0.2))
    if "national_spc" in m:
        t = m["national_spc"]["wall"]
        target("a year's daily SPC of a national figure (spc nctr --by "
               "day) < 200 ms", t < 0.2,
               "%s (%.1f× the target; the data hold %d days of history, "
               "the chart begins at the first admission)"
               % (ms(t), t / 0.2, dd["national"]["days"]))
    if "national_pack" in m:
        t = m["national_pack"]["wall"]
        target("the board pack of a national-scale system < 1 s", t < 1.0,
               "%s (%.1f× the target)" % (ms(t), t / 1.0))
    pr = m["national_pandas"]["wall"] / rj
    target("report ≥ 10× faster than pandas", pr >= 10,
           "%.1f× faster" % pr)
    sr = rj / m["national_sql"]["wall"]
    target("report ≤ 2× hand-written SQL", sr <= 2,
           "%.1f× the hand SQL's time" % sr)
    rss = max(m[x]["rss_mb"] for x in ("import", "reimport", "national_json",
                                       "national_text"))
    target("RSS < 32 MB (report and import)", rss < 32,
           "peak %.1f MB" % rss)
    nd = dd["national"]
    target("national demo, 5 years of history, well under a minute",
           nd["days"] >= 1825 and nd["wall"] < 45,
           "%d days of history took %.1f s (%d stays, %.0f stays/s); five"
           " years, and the board and report on them: FIVE-YEARS.md"
           " (`./dev bench --five-years`)" %
           (nd["days"], nd["wall"], nd["stays"], nd["stays"] / nd["wall"]))
    if "concurrent" in R:
        w(concurrent_target(R["concurrent"]))
    w("")
    return "\n".join(L) + "\n"


def concurrent_row(R, prev):
    """The results table's row: p99 of sitrep and of the shell."""
    c = R.get("concurrent")
    if not c:
        return []
    a, b = c["sitrep"], c["shell"]
    change = ""
    pc = (prev or {}).get("concurrent")
    if pc and (pc["workers"], pc["edits"]) == (c["workers"], c["edits"]):
        change = "%+.0f%%" % (100 * (a["p99"] / pc["sitrep"]["p99"] - 1))
    ratio = b["p99"] / a["p99"]
    return ["| %d processes editing at once, p99 (p50: sitrep %s, shell %s)"
            " | %s | sqlite3 shell, same UPDATEs (busy handler) | %s | %s |"
            " | | %s |" % (c["workers"], ms(a["p50"]), ms(b["p50"]),
                          ms(a["p99"]), ms(b["p99"]),
                          ("%.2f×" if ratio < 1 else "%.1f×") % ratio,
                          change)]


def render_concurrent(R, prev, header=False):
    """The section on fifty processes editing at once."""
    c = R["concurrent"]
    L = []
    w = L.append
    if header:
        w("# sitrep benchmark: fifty processes editing at once "
          "(bench.py --only concurrency)")
        w("")
        for k in ("nproc", "cpu", "kernel", "sqlite", "sqlite3 shell"):
            w("- %s: %s" % (k, R["machine"][k]))
        w("- load average (1, 5, 15 min) at start: %s; at end: %s"
          % (R["load_start"], R.get("load_end", "?")))
        w("")
    w("## %d processes editing at once" % c["workers"])
    w("")
    w("%d workers each run %d edits one after the other, %d rounds, the "
      "two sides taking turns, each on its own copy of a database of %d "
      "current stays at one site; every edit is a new process, timed from "
      "spawn to exit. sitrep: `sitrep set --stay ID note=...`. Shell: "
      "`sqlite3 DB` running the statements sitrep's set runs (read the "
      "stay, the same UPDATE of every column, one audit row) in BEGIN "
      "IMMEDIATE ... COMMIT with synchronous = FULL and foreign keys on, "
      "`.timeout 60000` (it never gives up; its waiting is SQLite's busy "
      "handler). See bench/editors.py." %
      (c["workers"], c["edits"], c["rounds"], c["stays"]))
    w("")
    w("| who | p50 | p90 | p99 | max | edits saved | edits/s | problems |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for k, name in (("sitrep", "sitrep (writers queued on DB-lock)"),
                    ("shell", "sqlite3 shell (busy handler)")):
        x = c[k]
        w("| %s | %s | %s | %s | %s | %d of %d | %.0f | %d |" %
          (name, ms(x["p50"]), ms(x["p90"]), ms(x["p99"]), ms(x["max"]),
           x["saved"], x["edits"], x["per_s"], x["problems"]))
    w("")
    if header:
        w(concurrent_target(c))
    for line in c["sitrep"]["problem_lines"]:
        w("- problem (sitrep): %s" % line)
    for line in c["shell"]["problem_lines"]:
        w("- problem (shell): %s" % line)
    w("")
    return L


def concurrent_target(c):
    a, b = c["sitrep"], c["shell"]
    r = a["p99"] / b["p99"]
    ok = r <= 0.5 and a["problems"] == 0
    return ("- concurrent users, p99 ≤ 0.5× the sqlite3 shell's, no lost "
            "update, no busy shown: **%s**, sitrep p99 %s, shell p99 %s "
            "(%.2f× the shell's); %d problems (lost updates, busy or failed "
            "edits)" % ("met" if ok else "not met", ms(a["p99"]),
                        ms(b["p99"]), r, a["problems"]))


if __name__ == "__main__":
    main()
