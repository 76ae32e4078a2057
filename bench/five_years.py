#!/usr/bin/python3
"""The targets of DESIGN section 7 that speak of five years of history:
builds the demo of a scale (national by default) with five years of history
and with the bench's 90 days, then times side by side, in one run, the
morning report (today, a past day, an earlier moment of today, a past day as
known at a time, and on the long data set a day years back) and the console
(first frame, key to redraw) on both, and writes a Markdown table to --out.
Too long for `./dev bench`: `./dev bench --five-years`.

With dated facts (schema 13 on) the national demo grows by about 54 MB a day
of history, so five years need about 100 GB, twice that while it is written;
the script refuses to start when the disk has less than it needs.
--scale region (about 2.6 MB a day) measures five years on a smaller system;
--days N a shorter history at national scale.

usage: five_years.py --sitrep BIN --work DIR [--out FILE] [--scale S]
                     [--days N] [--runs N] [--reuse]
"""
import argparse
import os
import shutil
import time

import timing
from bench import PAST_DAY, build_data, calibrate, date_add, loadavg, \
    machine
from pty_console import KEYS, console
from timing import TODAY, interleave, log, run

# The database's size per day of history, measured on the demo of each
# scale with 90 days (bench/results/LATEST.md, schema 15); the build needs
# about twice the final size at its peak (the database and its write-ahead
# log), plus the 90-day data set beside it.
MB_PER_DAY = {"region": 2.6, "national": 54.0}


def disk_needed_gb(scale, days):
    return MB_PER_DAY[scale] * (2.2 * days + 90) / 1e3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", help="default: bench/results/FIVE-YEARS.md, "
                    "or FIVE-YEARS-<scale>-<days>d.md for another scale or "
                    "history")
    ap.add_argument("--scale", choices=sorted(MB_PER_DAY),
                    default="national")
    ap.add_argument("--days", type=int, default=1826,
                    help="history of the long data set (default five years)")
    ap.add_argument("--runs", type=int, default=7,
                    help="report runs and console starts per data set")
    ap.add_argument("--keys", type=int, default=KEYS)
    ap.add_argument("--reuse", action="store_true",
                    help="keep data sets built by an earlier run")
    a = ap.parse_args()
    if not a.out:
        name = "FIVE-YEARS"
        if (a.scale, a.days) != ("national", 1826):
            name += "-%s-%dd" % (a.scale, a.days)
        a.out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "results", name + ".md")
    a.sitrep = os.path.abspath(a.sitrep)
    os.makedirs(a.work, exist_ok=True)
    timing.RSS_DIR = a.work
    free_gb = shutil.disk_usage(a.work).free / 1e9
    long_name = "%s-long" % a.scale
    long_meta = os.path.join(a.work, long_name + ".json")
    need_gb = disk_needed_gb(a.scale, a.days)
    if free_gb < need_gb and not (a.reuse and os.path.exists(long_meta)):
        raise SystemExit("five_years: %.0f GB free in %s; building the "
                         "%s data set with %d days of history needs "
                         "about %.0f GB" % (free_gb, a.work, a.scale, a.days,
                                            need_gb))
    t0 = time.perf_counter()
    R = {"machine": machine(), "load_start": loadavg(),
         "calib_start": calibrate()}
    short = build_data(a, a.scale, 90)
    long = build_data(a, a.scale, a.days, name=long_name)
    sets = (("90 days", short), ("%d days" % a.days, long))
    items = []
    for name, d in sets:
        for kind, extra in report_kinds(a.days if d is long else 90):
            argv = [a.sitrep, "--db", d["db"], "--config", d["cfg"]] + extra
            items.append(((name, kind), "%s, %s, %s" % (kind, a.scale, name),
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


def report_kinds(days):
    """The reports timed on a data set with that many days of history: the
    kinds of DESIGN section 7's "report for any day or moment"."""
    rep = ["report", "--format", "json"]
    kinds = [("report today", rep),
             ("report past day %s" % PAST_DAY, rep + ["--date", PAST_DAY]),
             ("report --at %sT06:00" % TODAY, rep + ["--at", TODAY + "T06:00"]),
             ("report %s as known at %sT06:00" % (PAST_DAY, TODAY),
              rep + ["--date", PAST_DAY, "--as-known-at", TODAY + "T06:00"])]
    if days > 400:
        old = date_add(TODAY, -(days - 60))
        kinds.append(("report day %s (%d days back)" % (old, days - 60),
                      rep + ["--date", old]))
    # Issue 15: a year's daily SPC (from the first admission when the data
    # are younger).
    kinds.append(("spc nctr --by day, a year", [
        "spc", "nctr", "--by", "day", "--from", date_add(TODAY, -365),
        "--format", "json"]))
    return kinds


def render(a, R, sets, reports, consoles):
    L = []
    w = L.append
    w("# sitrep benchmark: %d days of history, %s scale" % (a.days, a.scale))
    w("")
    w("Written by `./dev bench --five-years` (bench/five_years.py): the "
      "%s demo data set with %d days of history next to the same scale "
      "with 90 days (what `./dev bench` uses), timed side by side in one "
      "run. Report: median wall time of %d runs each, all kinds and both "
      "data sets interleaved, after one dropped run; console: as in "
      "LATEST.md (pseudo-terminal, %d starts after one dropped, %d keys "
      "each). Clock frozen at %s."
      % (a.scale, a.days, a.runs, a.runs, a.keys, TODAY))
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
    w("## Data sets (`sitrep demo --scale %s --seed 1`)" % a.scale)
    w("")
    w("| history | stays | in a bed now | database | build (wall) | "
      "build (CPU) | stays/s | build peak RSS |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, d in sets:
        r = d["run"]
        w("| %s | %d | %d | %.2f GB | %.0f s | %.0f s | %.0f | %.1f MB |"
          % (name, d["stays"], d["current"], d["size_mb"] / 1e3, r.wall,
             r.cpu, d["stays"] / r.wall, r.rss_kb / 1024))
    w("")
    w("## Reports and SPC (JSON)")
    w("")
    w("| command | %s | %s | long / short |" % (sets[0][0], sets[1][0]))
    w("|---|---:|---:|---:|")
    short_kinds = dict(report_kinds(90))
    for kind, _ in report_kinds(a.days):
        long_m = reports[(sets[1][0], kind)]
        if kind in short_kinds:
            short_m = reports[(sets[0][0], kind)]
            w("| %s | %.1f ms (CPU %.1f) | %.1f ms (CPU %.1f) | %.2f× |"
              % (kind, short_m.wall * 1e3, short_m.cpu * 1e3,
                 long_m.wall * 1e3, long_m.cpu * 1e3,
                 long_m.wall / short_m.wall))
        else:
            w("| %s | (not in its history) | %.1f ms (CPU %.1f) | |"
              % (kind, long_m.wall * 1e3, long_m.cpu * 1e3))
    w("")
    w("## Console")
    w("")
    w("| history | first frame | key to redraw (median; p90) | peak RSS |")
    w("|---|---:|---:|---:|")
    for name, d in sets:
        first, key, info = consoles[name]
        w("| %s | %.1f ms | %.2f ms; %.2f ms | %.1f MB |"
          % (name, first.wall * 1e3, key.wall * 1e3, info["key_p90_ms"],
             first.rss_mb))
    w("")
    w("## Targets (DESIGN §7) with %d days of history, %s scale"
      % (a.days, a.scale))
    w("")
    long_name, long = sets[1]
    first, key, _ = consoles[long_name]

    def target(label, ok, detail):
        w("- %s: **%s**, %s" % (label, "met" if ok else "not met", detail))
    target("board first frame < 100 ms", first.wall < 0.1,
           "%.1f ms (%.2f× the target)" % (first.wall * 1e3,
                                           first.wall / 0.1))
    target("keypress to redraw < 16 ms", key.wall < 0.016,
           "%.2f ms" % (key.wall * 1e3))
    peak = first.rss_mb
    for kind, _ in report_kinds(a.days):
        rep = reports[(long_name, kind)]
        peak = max(peak, rep.rss_mb)
        target("%s < 200 ms" % kind, rep.wall < 0.2,
               "%.1f ms (%.2f× the target)" % (rep.wall * 1e3,
                                               rep.wall / 0.2))
    target("RSS < 32 MB (reports and console)", peak < 32,
           "peak %.1f MB" % peak)
    build = long["run"]
    target("%s demo with %d days of history well under a minute"
           % (a.scale, a.days), build.wall < 60,
           "%.0f s (%.1f× a minute), %d stays at %.0f stays/s; peak RSS "
           "%.1f MB" % (build.wall, build.wall / 60, long["stays"],
                        long["stays"] / build.wall, build.rss_kb / 1024))
    w("")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
