#!/usr/bin/python3
"""The targets of DESIGN section 7 that speak of five years of history,
at the national scale: builds the national demo with five years of history
(about 47 million stays, 20 GB, and 45 GB of disk while it is written) and
with the bench's 90 days, then times side by side, in one run, the morning
report and the console (first frame, key to redraw) on both, and writes a
Markdown table to --out. Too long for `./dev bench` (the build alone takes
about half an hour on two cores): `./dev bench --five-years`.

usage: five_years.py --sitrep BIN --work DIR --out FILE [--days N]
                     [--runs N] [--reuse]
"""
import argparse
import os
import shutil
import time

import timing
from bench import build_data, calibrate, loadavg, machine
from pty_console import KEYS, console
from timing import TODAY, interleave, log, run

# A little over the space the five-year build needs at its peak: the
# database and its write-ahead log, each about 20 GB.
DISK_NEEDED_GB = 48


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--days", type=int, default=1826,
                    help="history of the long data set (default five years)")
    ap.add_argument("--runs", type=int, default=7,
                    help="report runs and console starts per data set")
    ap.add_argument("--keys", type=int, default=KEYS)
    ap.add_argument("--reuse", action="store_true",
                    help="keep data sets built by an earlier run")
    a = ap.parse_args()
    a.sitrep = os.path.abspath(a.sitrep)
    os.makedirs(a.work, exist_ok=True)
    timing.RSS_DIR = a.work
    free_gb = shutil.disk_usage(a.work).free / 1e9
    long_meta = os.path.join(a.work, "national-long.json")
    if free_gb < DISK_NEEDED_GB and not (a.reuse and
                                         os.path.exists(long_meta)):
        raise SystemExit("five_years: %.0f GB free in %s; building the "
                         "national data set with %d days of history needs "
                         "about %d GB" % (free_gb, a.work, a.days,
                                          DISK_NEEDED_GB))
    t0 = time.perf_counter()
    R = {"machine": machine(), "load_start": loadavg(),
         "calib_start": calibrate()}
    short = build_data(a, "national", 90)
    long = build_data(a, "national", a.days, name="national-long")
    sets = (("90 days", short), ("%d days" % a.days, long))
    items = []
    for name, d in sets:
        argv = [a.sitrep, "--db", d["db"], "--config", d["cfg"], "report",
                "--format", "json"]
        items.append((name, "report json national, " + name,
                      lambda i, argv=argv: run(argv)))
    reports = interleave(items, a.runs)
    consoles = {name: console(a, d, a.runs) for name, d in sets}
    R["calib_end"] = calibrate()
    R["load_end"] = loadavg()
    R["total_s"] = time.perf_counter() - t0
    text = render(a, R, sets, reports, consoles)
    with open(a.out + ".tmp", "w") as f:
        f.write(text)
    os.replace(a.out + ".tmp", a.out)
    print(text)


def render(a, R, sets, reports, consoles):
    L = []
    w = L.append
    w("# sitrep benchmark: five years of history")
    w("")
    w("Written by `./dev bench --five-years` (bench/five_years.py): the "
      "national demo data set with %d days of history next to the one "
      "`./dev bench` uses (90 days), timed side by side in one run. "
      "Report: median wall time of %d runs each, interleaved, after one "
      "dropped run; console: as in LATEST.md (pseudo-terminal, %d starts "
      "after one dropped, %d keys each). Clock frozen at %s."
      % (a.days, a.runs, a.runs, a.keys, TODAY))
    w("")
    w("## Machine")
    w("")
    for k, v in R["machine"].items():
        w("- %s: %s" % (k, v))
    w("- load average at start: %s; at end: %s" % (R["load_start"],
                                                    R["load_end"]))
    w("- host speed check (as in LATEST.md; lower is faster): %.0f ms at "
      "the start, %.0f ms at the end" % (R["calib_start"] * 1e3,
                                         R["calib_end"] * 1e3))
    w("- whole run: %.0f s" % R["total_s"])
    w("")
    w("## Data sets (`sitrep demo --scale national --seed 1`)")
    w("")
    w("| history | stays | in a bed now | database | build (wall) | "
      "build (CPU) | stays/s | build peak RSS |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, d in sets:
        r = d["run"]
        w("| %s | %d | %d | %.1f GB | %.0f s | %.0f s | %.0f | %.1f MB |"
          % (name, d["stays"], d["current"], d["size_mb"] / 1e3, r.wall,
             r.cpu, d["stays"] / r.wall, r.rss_kb / 1024))
    w("")
    w("## Results")
    w("")
    w("| history | report json | report CPU | report peak RSS | console "
      "first frame | key to redraw (median; p90) | console peak RSS |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    for name, d in sets:
        rep = reports[name]
        first, key, info = consoles[name]
        w("| %s | %.1f ms | %.1f ms | %.1f MB | %.1f ms | %.2f ms; %.2f ms "
          "| %.1f MB |" % (name, rep.wall * 1e3, rep.cpu * 1e3, rep.rss_mb,
                           first.wall * 1e3, key.wall * 1e3,
                           info["key_p90_ms"], first.rss_mb))
    w("")
    w("## Targets (DESIGN §7) with %d days of history" % a.days)
    w("")
    long_name, long = sets[1]
    rep = reports[long_name]
    first, key, _ = consoles[long_name]

    def target(label, ok, detail):
        w("- %s: **%s**, %s" % (label, "met" if ok else "not met", detail))
    target("board first frame < 100 ms", first.wall < 0.1,
           "%.1f ms (%.2f× the target)" % (first.wall * 1e3,
                                           first.wall / 0.1))
    target("keypress to redraw < 16 ms", key.wall < 0.016,
           "%.2f ms" % (key.wall * 1e3))
    target("report < 200 ms", rep.wall < 0.2,
           "%.1f ms (%.2f× the target)" % (rep.wall * 1e3, rep.wall / 0.2))
    peak = max(rep.rss_mb, first.rss_mb)
    target("RSS < 32 MB (report and console)", peak < 32,
           "peak %.1f MB" % peak)
    build = long["run"]
    target("national demo with %d days of history well under a minute"
           % a.days, build.wall < 60,
           "%.0f s (%.1f× a minute), %d stays at %.0f stays/s; peak RSS "
           "%.1f MB" % (build.wall, build.wall / 60, long["stays"],
                        long["stays"] / build.wall, build.rss_kb / 1024))
    w("")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
