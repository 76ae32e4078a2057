#!/usr/bin/python3
"""sitrep's benchmark (issue 6, DESIGN section 7): builds the region and
national demo data sets, then times, side by side in one run, sitrep and
its peers on the same data, and writes a Markdown table of medians with the
ratios and a met / not met line per target.

usage: bench.py --sitrep BIN --work DIR --out FILE [--national-days N]
                [--region-days N] [--runs N] [--slow-runs N]

Every run of a program is timed here: wall time from fork to exit
(time.perf_counter), CPU time (user + system) and peak RSS from wait4's
rusage, which is the figure `/usr/bin/time -v` prints as "Maximum resident
set size". The clock is frozen (SITREP_TODAY / SITREP_NOW) so the data and
the figures are the same on every run. Python standard library, plus pandas
for its peer (run as a separate program).
"""
import argparse
import csv
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

TODAY = "2026-11-20"
NOW = "2026-11-20T08:00"
HERE = os.path.dirname(os.path.abspath(__file__))
IMPORT_ROWS = 100_000
RSS_DIR = "/tmp"

ENV = dict(os.environ, SITREP_TODAY=TODAY, SITREP_NOW=NOW, TZ="UTC",
           LC_ALL="C.UTF-8")
ENV.pop("SITREP_DB", None)
ENV.pop("SITREP_CONFIG", None)


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


class Run:
    def __init__(self, wall, cpu, rss_kb, out):
        self.wall, self.cpu, self.rss_kb, self.out = wall, cpu, rss_kb, out


def run(argv, stdin=None, stdout=None, check=True, cwd=None):
    """Runs argv once; returns a Run. stdout is a path, or None to keep
    the output in memory."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if stdout else subprocess.PIPE
    # Through /usr/bin/time for the peak RSS: a child forked from this
    # (large) Python process starts with its pages counted.
    rss_file = os.path.join(RSS_DIR, "rss.%d" % os.getpid())
    t0 = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file]
                         + argv, stdin=fin, stdout=fout,
                         stderr=subprocess.PIPE, env=ENV, cwd=cwd)
    out = p.stdout.read() if p.stdout else b""
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    with open(rss_file) as f:
        rss_kb = int(f.read().split()[-1])
    if stdin:
        fin.close()
    if stdout:
        fout.close()
    if check and p.returncode != 0:
        raise SystemExit("bench: %s failed (%d): %s" %
                         (" ".join(argv), p.returncode,
                          err.decode(errors="replace")[-2000:]))
    # wait4's times include the program's (time waited for it).
    return Run(wall, ru.ru_utime + ru.ru_stime, rss_kb, out)


class Measure:
    """Several runs of one thing: medians of wall and CPU, the peak RSS."""

    def __init__(self, name, runs):
        self.name = name
        self.runs = runs

    @property
    def wall(self):
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self):
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss_mb(self):
        return max(r.rss_kb for r in self.runs) / 1024

    @property
    def spread(self):
        w = [r.wall for r in self.runs]
        return (max(w) - min(w)) / statistics.median(w) if len(w) > 1 else 0


def repeat(name, n, fn):
    runs = []
    for i in range(n):
        runs.append(fn(i))
    m = Measure(name, runs)
    log("%-40s median %8.1f ms wall, %8.1f ms cpu, %6.1f MB (%d runs)" %
        (name, m.wall * 1e3, m.cpu * 1e3, m.rss_mb, n))
    return m


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
        "tmux": cmd(["tmux", "-V"]),
    }


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# ------------------------------------------------------------ data sets

def build_data(a, scale, days):
    db = os.path.join(a.work, scale + ".db")
    cfg = os.path.join(a.work, scale + ".yaml")
    meta = os.path.join(a.work, scale + ".json")
    if a.reuse and os.path.exists(meta):
        with open(meta) as f:
            d = json.load(f)
        if d["days"] == days and os.path.exists(db):
            log("reusing %s (built earlier: --reuse)" % db)
            d["run"] = Run(d["wall"], d["cpu"], d["rss_kb"], b"")
            return d
    for suffix in ("", "-wal", "-shm"):
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


# ------------------------------------------------------------ the console

class Tmux:
    """A private tmux server (its own socket), a pane of 120x40."""

    def __init__(self, work):
        self.sock = os.path.join(work, "tmux.sock")
        self.tmux(["new-session", "-d", "-x", "120", "-y", "40", "-s",
                   "bench", "sleep 100000"])
        # A console that exits keeps its pane (and the server) for the
        # error message.
        self.tmux(["set-option", "-g", "remain-on-exit", "on"])

    def tmux(self, args):
        return subprocess.run(["tmux", "-S", self.sock, "-f", "/dev/null"]
                              + args, capture_output=True, text=True,
                              env=ENV).stdout

    def screen(self):
        # The cursor's place and the screen with its attributes: moving the
        # selection changes one or the other.
        return self.tmux(["display", "-p", "-t", "bench",
                          "#{cursor_x},#{cursor_y}"]) + \
            self.tmux(["capture-pane", "-e", "-p", "-t", "bench"])

    def close(self):
        self.tmux(["kill-server"])


def console_once(a, tm, data, timeout=120.0):
    """Starts the console in the pane; returns (first frame s, keypress to
    redraw s, mean polling interval s)."""
    cmd = "exec env TERM=xterm-256color SITREP_TODAY=%s SITREP_NOW=%s %s " \
          "--db %s --config %s" % (TODAY, NOW, a.sitrep, data["db"],
                                    data["cfg"])
    tm.tmux(["respawn-pane", "-k", "-t", "bench", "clear; " + cmd])
    # respawn-pane returns once the pane's process is forked; "clear" lets
    # the screen be blank before the console starts.
    time.sleep(0.3)
    tm.tmux(["respawn-pane", "-k", "-t", "bench", cmd])
    t0 = time.perf_counter()
    polls = 0
    while True:
        s = tm.screen()
        polls += 1
        if re.search(r"Beds.*Occ%", s) and re.search(r"\n.*\d+\.\d", s):
            first = time.perf_counter() - t0
            break
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError("the console did not show the board in "
                               "%.0f s; the pane: %s; the screen:\n%s" %
                               (timeout, tm.tmux(["list-panes", "-F",
                                "#{pane_dead} #{pane_dead_status}"]), s))
    poll = first / polls
    time.sleep(0.3)  # let it settle: the next change is the key's
    before = tm.screen()
    t1 = time.perf_counter()
    tm.tmux(["send-keys", "-t", "bench", "j"])
    polls = 0
    while True:
        s = tm.screen()
        polls += 1
        if s != before:
            key = time.perf_counter() - t1
            break
        if time.perf_counter() - t1 > timeout:
            raise RuntimeError("the console did not redraw after j in "
                               "%.0f s; the screen:\n%s" % (timeout, s))
    tm.tmux(["send-keys", "-t", "bench", "q"])
    time.sleep(0.2)
    return first, key, (poll + key / polls) / 2


def console(a, data, n):
    tm = Tmux(a.work)
    try:
        # One untimed start warms the file cache like the other runs'.
        console_once(a, tm, data)
        res = [console_once(a, tm, data) for _ in range(n)]
    finally:
        tm.close()
    first = Measure("first", [Run(r[0], 0, 0, b"") for r in res])
    key = Measure("key", [Run(r[1], 0, 0, b"") for r in res])
    poll = statistics.median(r[2] for r in res)
    log("console %-32s first frame %.1f ms, key to redraw %.1f ms "
        "(polling every %.1f ms)" % (os.path.basename(data["db"]),
                                      first.wall * 1e3, key.wall * 1e3,
                                      poll * 1e3))
    return first, key, poll


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
    ap.add_argument("--runs", type=int, default=5, help="runs of fast things")
    ap.add_argument("--slow-runs", type=int, default=3,
                    help="runs of things over a second")
    a = ap.parse_args()
    a.sitrep = os.path.abspath(a.sitrep)
    os.makedirs(a.work, exist_ok=True)
    global RSS_DIR
    RSS_DIR = a.work
    t_start = time.perf_counter()
    load_start = loadavg()
    R = {"machine": machine(), "load_start": load_start}

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
            for suffix in ("", "-wal", "-shm"):
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

    # ---- the morning report, and its peers on the same data
    checks = {}
    for name, d in (("region", region), ("national", national)):
        base = [a.sitrep, "--db", d["db"], "--config", d["cfg"], "report"]
        run(base + ["--format", "json"])  # warm the file cache
        M[name + "_json"] = repeat("report json " + name, a.runs,
                                   lambda i: run(base + ["--format", "json"]))
        M[name + "_text"] = repeat("report text " + name, a.runs,
                                   lambda i: run(base + ["--format", "text"]))
        report = json.loads(M[name + "_json"].runs[-1].out)
        sites = [s["code"] for s in report["sites"]]
        mine = sitrep_figures(report)
        sql = os.path.join(a.work, name + "-hand.sql")
        with open(sql, "w") as f:
            f.write(hand_sql(report))
        M[name + "_sql"] = repeat("hand SQL " + name, a.runs, lambda i: run(
            ["sqlite3", "-readonly", d["db"]], stdin=sql))
        th = report["thresholds"]
        M[name + "_pandas"] = repeat("pandas " + name, a.slow_runs,
                                     lambda i: run(
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

    # ---- the console in a real terminal
    R["console_error"] = None
    for name, d in (("region", region), ("national", national)):
        try:
            M[name + "_first"], M[name + "_key"], poll = console(a, d,
                                                                 a.runs)
            R[name + "_poll_ms"] = poll * 1e3
        except RuntimeError as e:
            log("console %s: %s" % (name, e))
            R["console_error"] = "%s: %s" % (name, str(e).splitlines()[0])
            R[name + "_poll_ms"] = float("nan")

    R["total_s"] = time.perf_counter() - t_start
    R["load_end"] = loadavg()
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
      "several runs (5 for fast things, 3 for slow ones), CPU = user + "
      "system time of the process, RSS = peak resident set size (wait4 "
      "rusage, the figure `/usr/bin/time -v` prints as \"Maximum resident "
      "set size\"). Clock frozen at %s %s." % (TODAY, NOW[11:]))
    w("")
    w("## Machine")
    w("")
    for k, v in mc.items():
        w("- %s: %s" % (k, v))
    w("- load average (1, 5, 15 min) at start: %s; at end: %s"
      % (R["load_start"], R["load_end"]))
    w("- whole run: %.0f s" % R["total_s"])
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
    w("| what | sitrep | peer | peer time | peer / sitrep | CPU (sitrep) "
      "| peak RSS | vs previous run |")
    w("|---|---:|---|---:|---:|---:|---:|---:|")

    def row(label, key, peer=None, peer_key=None, inverse=False):
        if key not in m:
            w("| %s | failed: %s | | | | | | |" % (label, R["console_error"]))
            return
        a = m[key]
        cells = [label, ms(a["wall"])]
        if peer:
            b = m[peer_key]
            cells += [peer, ms(b["wall"]), "%.1f×" % (b["wall"] / a["wall"])]
        else:
            cells += ["", "", ""]
        cells += [ms(a["cpu"]) if a["cpu"] else "",
                  "%.1f MB" % a["rss_mb"] if a["rss_mb"] else ""]
        if key in prev_m:
            cells.append("%+.0f%%" % (100 * (a["wall"] / prev_m[key]["wall"]
                                             - 1)))
        else:
            cells.append("")
        w("| " + " | ".join(cells) + " |")

    n = IMPORT_ROWS
    row("census import, %d rows, fresh db (%.0f rows/s)" %
        (n, n / m["import"]["wall"]), "import", "VisiData load (vd -b)",
        "vd")
    row("census re-import, %d rows unchanged (%.0f rows/s)" %
        (n, n / m["reimport"]["wall"]), "reimport")
    for k in ("region", "national"):
        row("report json, %s" % k, k + "_json", "hand SQL (sqlite3 shell)",
            k + "_sql")
        row("report json, %s" % k, k + "_json", "pandas over export CSV",
            k + "_pandas")
        row("report text, %s" % k, k + "_text")
    for k in ("region", "national"):
        row("console first frame, %s (tmux)" % k, k + "_first")
        row("console key j to redraw, %s (tmux)" % k, k + "_key")
    w("")
    w("Console times are from a private tmux server polled with "
      "`display -p` + `capture-pane -e -p`: one poll took about "
      "%.1f ms (region) / %.1f ms (national), the resolution of those two "
      "rows. First frame = from `respawn-pane` of `sitrep` to the board "
      "on screen (process start, config, database, figures, drawing)." %
      (R["region_poll_ms"], R["national_poll_ms"]))
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
    w("## Targets (DESIGN §7), at national scale")
    w("")

    def target(label, ok, detail):
        w("- %s: **%s**, %s" % (label, "met" if ok else "not met", detail))

    rate = n / m["import"]["wall"]
    target("census import ≥ 200,000 rows/s", rate >= 200000,
           "%.0f rows/s (%.0f%% of the target)" % (rate, 100 * rate / 200000))
    if "national_first" in m:
        f = m["national_first"]["wall"]
        target("board first frame < 100 ms", f < 0.1,
               "%s (%.1f× the target)" % (ms(f), f / 0.1))
        k = m["national_key"]["wall"]
        target("keypress to redraw < 16 ms", k < 0.016,
               "%.1f ms (%.1f× the target; polling resolution %.1f ms)" %
               (k * 1e3, k / 0.016, R["national_poll_ms"]))
    else:
        w("- board first frame, keypress to redraw: not measured (%s)" %
          R["console_error"])
    rj = m["national_json"]["wall"]
    target("report < 200 ms", rj < 0.2,
           "%s (%.1f× the target)" % (ms(rj), rj / 0.2))
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
           "%d days of history took %.1f s (%d stays, %.0f stays/s)" %
           (nd["days"], nd["wall"], nd["stays"], nd["stays"] / nd["wall"]))
    w("")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
