"""Running and timing programs for bench.py: one run (wall time, CPU time
and peak RSS of the child), medians over several, and the environment
every program runs in (the clock frozen, so data and figures are the same
on every run)."""
import os
import statistics
import subprocess
import sys
import time


TODAY = "2026-11-20"
NOW = "2026-11-20T08:00"
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


def interleave(items, n):
    """items: (key, name, fn). One warm-up run of each, then n rounds of
    one run of each in turn, so that a spell when the machine is slower
    (other guests of the host) falls on all of them alike instead of on
    every run of one. Returns {key: Measure}."""
    runs = {key: [] for key, _, _ in items}
    for _, _, fn in items:
        fn(-1)
    for i in range(n):
        for key, _, fn in items:
            runs[key].append(fn(i))
    out = {}
    for key, name, _ in items:
        m = out[key] = Measure(name, runs[key])
        log("%-40s median %8.1f ms wall, %8.1f ms cpu, %6.1f MB (%d runs, "
            "interleaved)" % (name, m.wall * 1e3, m.cpu * 1e3, m.rss_mb, n))
    return out


def repeat(name, n, fn, warmup=True):
    """n runs of fn(i); with warmup, one run before them (fn(-1)) whose
    figures are dropped: it fills the file cache and the CPU caches, so
    the first counted run is not the odd one out."""
    if warmup:
        fn(-1)
    runs = [fn(i) for i in range(n)]
    m = Measure(name, runs)
    log("%-40s median %8.1f ms wall, %8.1f ms cpu, %6.1f MB (%d runs%s)" %
        (name, m.wall * 1e3, m.cpu * 1e3, m.rss_mb, n,
         " after a warm-up" if warmup else ""))
    return m
