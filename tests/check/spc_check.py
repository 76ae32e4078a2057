#!/usr/bin/env python3
"""An independent check of the spc module (XmR charts as NHS England's
"Making Data Count" uses them), through its test driver tests/spc_dump.

Written from the words of the rules only (the brief the module was written
to, restated below), never from src/spc.c, include/sitrep/spc.h or
tests/tools/spc_dump.c, so that a mistake there is caught rather than
copied. Python standard library only.

The words applied, for a series y[0..n-1] in time order, with a direction
(up: higher is better, down, neutral), a baseline k (0: all points, else
k >= 2), screening on or off, rebase indices (each starts a new segment)
and an optional target:
  - Each segment on its own: limits and rules never look across a cut.
  - Baseline: the first min(k, m) points of the segment (all m for k = 0).
    mean = sum of the baseline (in index order) / its count. Moving ranges
    |b[i] - b[i-1]| over the baseline only; amr = their sum (in order) /
    their count; no range (a 1-point baseline): the limits are undefined.
  - Screening: if amr > 0, drop every range >= 3.267 * amr and take amr
    again from those kept (if none were kept, keep the first amr).
  - upl = mean + 2.66 * amr, lpl = mean - 2.66 * amr,
    nupl = mean + (2.0 * 2.66 / 3.0) * amr, nlpl likewise with "-".
  - Each point of the segment: side +1 / -1 / 0 (above, below, on the
    mean); outside: y > upl or y < lpl; close: not outside and (y > nupl
    or y < nlpl); undefined limits: neither.
  - Rules: O an outside point (high if y > upl, else low); T 7 points each
    strictly above (below) the one before: all 7, high (low); 2 any 3
    consecutive points all on one side (+1 or -1) of which at least 2 are
    close: those close points, that side; S 7 consecutive points on one
    non-zero side: all 7, that side. A point takes the first of O, T, 2, S
    that marks it, with that rule's direction.
  - Type: common if unmarked; neutral_high / neutral_low for direction
    neutral; improvement for high when up and low when down, else concern.
  - Summary: the last point's icon (common_cause, or type_direction, e.g.
    improvement_low, neutral_high); assurance none without a target, for
    direction neutral or undefined limits of the last segment, else for up
    target > upl fail, target < lpl pass, else inconsistent (down: pass,
    fail, inconsistent); trial yes if the last segment has < 13 points.

One thing the words leave open: a point at the peak (trough) of a rising
and a falling trend that share it is marked T both high and low. Either
direction (so either type) is accepted there; such points are counted and
reported on a note line.

Numbers are compared exactly (limits: equal, or both nan): the words fix
the order of every operation, and %.17g round-trips a double.

The series: about 15 written out by hand with their expected rules, types
and summary (checked against this implementation and against the dump),
then --series generated ones (seeded; each from random.Random of
"SEED:INDEX") of varied shapes: constant series, random walks, noise in
counts and percentages, shifts of exactly 6 and 7 points, trends of 6, 7
and 8 points with ties, points exactly on the mean, outliers screening
drops, points in every zone of the limits (exactly on upl, nupl, the
mean...) in 2-of-3 patterns, pieces at different levels with rebases; all
directions, baselines 0, 12, 13 and random, screening on and off, targets
above, below, inside and on the limits. A few bad inputs must fail.

usage: spc_check.py --dump BIN [--seed N] [--series N] [--show I]
       spc_check.py --self-test
Prints each difference (at most 20, then a count) and a final line
"spc_check: N series, M points, D differences"; exit 1 if any."""
import argparse
import math
import random
import subprocess
import sys

NAN = float("nan")
HEADER = "i,y,segment,mean,lpl,upl,nlpl,nupl,side,outside,close,rule,type"
RULES = "OT2S"


# ---------------------------------------------------------------------------
# The rules


def in_order(values):
    """Sum left to right (not sum(): Python 3.12 compensates float sums)."""
    total = 0.0
    for v in values:
        total += v
    return total


def limits(base, screen):
    """mean, lpl, upl, nlpl, nupl of a baseline (limits nan if undefined)."""
    mean = in_order(base) / len(base)
    ranges = [abs(base[i] - base[i - 1]) for i in range(1, len(base))]
    if not ranges:
        return mean, NAN, NAN, NAN, NAN
    amr = in_order(ranges) / len(ranges)
    if screen and amr > 0:
        cut = 3.267 * amr
        kept = [r for r in ranges if r < cut]
        if kept:
            amr = in_order(kept) / len(kept)
    upl = mean + 2.66 * amr
    lpl = mean - 2.66 * amr
    nupl = mean + (2.0 * 2.66 / 3.0) * amr
    nlpl = mean - (2.0 * 2.66 / 3.0) * amr
    return mean, lpl, upl, nlpl, nupl


def type_of(rule, dirn, direction):
    if rule == "-":
        return "common"
    if direction == "neutral":
        return "neutral_" + dirn
    if (direction == "up") == (dirn == "high"):
        return "improvement"
    return "concern"


def icon_of(typ, dirn):
    if typ == "common":
        return "common_cause"
    if typ.startswith("neutral_"):
        return typ
    return typ + "_" + dirn


def segments_of(n, rebase):
    cuts = [0] + list(rebase) + [n]
    return list(zip(cuts, cuts[1:]))


def analyse(y, direction="neutral", baseline=0, screen=True, rebase=(),
            target=None):
    """Every point's fields and the summary, by the words.

    A point's "types" is a tuple of the acceptable types (two only at the
    shared peak of a rising and a falling trend); "ambiguous" flags it."""
    pts = []
    seg_lims = None
    m = 0
    for seg, (a, b) in enumerate(segments_of(len(y), rebase)):
        s = y[a:b]
        m = b - a
        nb = m if baseline == 0 else min(baseline, m)
        mean, lpl, upl, nlpl, nupl = limits(s[:nb], screen)
        seg_lims = (lpl, upl)
        defined = not math.isnan(upl)
        side = [1 if v > mean else -1 if v < mean else 0 for v in s]
        outside = [defined and (v > upl or v < lpl) for v in s]
        close = [defined and not outside[j] and (v > nupl or v < nlpl)
                 for j, v in enumerate(s)]
        marks = [{} for _ in s]          # rule letter -> set of directions

        def mark(j, rule, dirn):
            marks[j].setdefault(rule, set()).add(dirn)

        for j, v in enumerate(s):
            if outside[j]:
                mark(j, "O", "high" if v > upl else "low")
        for j in range(m - 6):
            w = s[j:j + 7]
            if all(w[t] > w[t - 1] for t in range(1, 7)):
                for t in range(7):
                    mark(j + t, "T", "high")
            if all(w[t] < w[t - 1] for t in range(1, 7)):
                for t in range(7):
                    mark(j + t, "T", "low")
        for j in range(m - 2):
            sd = side[j]
            if sd != 0 and side[j + 1] == sd and side[j + 2] == sd:
                near = [j + t for t in range(3) if close[j + t]]
                if len(near) >= 2:
                    for t in near:
                        mark(t, "2", "high" if sd > 0 else "low")
        for j in range(m - 6):
            sd = side[j]
            if sd != 0 and all(side[j + t] == sd for t in range(7)):
                for t in range(7):
                    mark(j + t, "S", "high" if sd > 0 else "low")
        for j, v in enumerate(s):
            rule = next((r for r in RULES if r in marks[j]), "-")
            dirs = sorted(marks[j].get(rule, ()))
            types = tuple(type_of(rule, d, direction) for d in dirs) or (
                "common",)
            pts.append({"i": a + j, "y": v, "segment": seg, "mean": mean,
                        "lpl": lpl, "upl": upl, "nlpl": nlpl, "nupl": nupl,
                        "side": side[j], "outside": int(outside[j]),
                        "close": int(close[j]), "rule": rule,
                        "types": types, "dirs": tuple(dirs),
                        "ambiguous": len(set(types)) > 1})
    last = pts[-1]
    icons = tuple(icon_of(t, d) for t, d in zip(last["types"], last["dirs"])
                  ) if last["rule"] != "-" else ("common_cause",)
    lpl, upl = seg_lims
    if target is None or direction == "neutral" or math.isnan(upl):
        assurance = "none"
    elif target > upl:
        assurance = "fail" if direction == "up" else "pass"
    elif target < lpl:
        assurance = "pass" if direction == "up" else "fail"
    else:
        assurance = "inconsistent"
    return pts, (icons, assurance, "yes" if m < 13 else "no")


# ---------------------------------------------------------------------------
# The series written out by hand, with the results worked out from the words
# (not from analyse()). Types: . common, I improvement, C concern,
# H neutral_high, L neutral_low. Optional: close (0/1 per point), side
# (+ - 0 per point), seg (segment per point), lims {point: (mean, lpl, upl)}
# worked out to 1e-6.

# A baseline of 8 for most: mean 11, moving ranges all 2, amr 2 (3.267 * 2
# screens nothing): upl 16.32, lpl 5.68, nupl 14.5467, nlpl 7.4533; it
# ends below the mean, so a run after it starts afresh.
B8 = [12, 10, 12, 10, 12, 10, 12, 10]
L8 = {0: (11, 5.68, 16.32)}
SEG1 = [12, 10, 12, 10, 12, 10, 9, 10, 11, 12]
SEG2 = [13, 14, 15, 13, 15, 13, 15, 13, 15, 13, 15, 13, 15]

CASES = [
    dict(name="6 points above the mean: no shift",
         y=B8 + [13] * 6 + [9], baseline=8,
         rules="-" * 15, types="." * 15,
         summary=("common_cause", "none", "no"), lims=L8),
    dict(name="7 points above the mean: a shift, improvement when up",
         y=B8 + [13] * 7, baseline=8, direction="up", target=20,
         rules="-" * 8 + "S" * 7, types="." * 8 + "I" * 7,
         summary=("improvement_high", "fail", "no")),
    dict(name="a point on the mean breaks a run; 7 after it mark",
         y=B8 + [13, 13, 13, 13, 11, 13, 13, 13, 9] + [13] * 7,
         baseline=8, direction="down",
         rules="-" * 17 + "S" * 7, types="." * 17 + "C" * 7,
         side="+-+-+-+-" + "++++0+++-" + "+" * 7,
         summary=("concern_high", "none", "no")),
    dict(name="6 rising points: no trend",
         y=B8 + [9.5, 10, 10.5, 11.5, 12, 12.5, 11], baseline=8,
         direction="up", rules="-" * 15, types="." * 15,
         side="+-+-+-+-" + "---+++0",
         summary=("common_cause", "none", "no")),
    dict(name="7 rising points: a trend, concern when down",
         y=B8 + [9, 9.5, 10, 10.5, 11.5, 12, 12.5], baseline=8,
         direction="down", target=5,
         rules="-" * 8 + "T" * 7, types="." * 8 + "C" * 7,
         summary=("concern_high", "fail", "no")),
    dict(name="7 rising points with a tie: no trend",
         y=B8 + [9, 9.5, 10, 10, 11.5, 12, 12.5], baseline=8,
         direction="down", target=11,
         rules="-" * 15, types="." * 15,
         summary=("common_cause", "inconsistent", "no")),
    dict(name="8 falling points: all 8 marked",
         y=B8 + [13, 12.5, 12, 11.5, 10.5, 10, 9.5, 9], baseline=8,
         direction="up",
         rules="-" * 8 + "T" * 8, types="." * 8 + "C" * 8,
         summary=("concern_low", "none", "no")),
    dict(name="2 close, the third across (or on) the mean: no 2 of 3",
         y=B8 + [10, 15, 15, 10, 7, 11, 7, 12], baseline=8,
         direction="up", rules="-" * 16, types="." * 16,
         close="0" * 8 + "01101010", side="+-+-+-+-" + "-++--0-+",
         summary=("common_cause", "none", "no"), lims=L8),
    dict(name="2 of 3 close to the upper limit: the close ones marked",
         y=B8 + [12, 15, 15, 10, 15, 12, 15, 10], baseline=8,
         direction="up",
         rules="-" * 8 + "-22-2-2-", types="." * 8 + ".II.I.I.",
         close="0" * 8 + "01101010",
         summary=("common_cause", "none", "no")),
    dict(name="an outside point is not close; outside low at the end",
         y=B8 + [12, 17, 15, 10, 12, 17, 15, 15, 10, 5], baseline=8,
         rules="-" * 8 + "-O---O22-O", types="." * 8 + ".H...HHH.L",
         close="0" * 8 + "0010001100",
         summary=("neutral_low", "none", "no")),
    dict(name="screening drops the two ranges of 20 (amr 47/9 -> 1)",
         y=[10, 11, 10, 11, 10, 30, 10, 11, 10, 11], direction="down",
         target=20,
         rules="2-2-2O2-2-", types="I.I.ICI.I.",
         close="1010101010",
         lims={0: (12.4, 9.74, 15.06), 9: (12.4, 9.74, 15.06)},
         summary=("common_cause", "pass", "yes")),
    dict(name="the same without screening",
         y=[10, 11, 10, 11, 10, 30, 10, 11, 10, 11], direction="down",
         target=20, screen=False,
         rules="-----O----", types=".....C....", close="0" * 10,
         lims={0: (12.4, -1.4911111111, 26.2911111111)},
         summary=("common_cause", "inconsistent", "yes")),
    dict(name="rebased at 10: a trend across the cut is no trend",
         y=SEG1 + SEG2, rebase=[10], direction="up", target=20,
         rules="-" * 23, types="." * 23, seg="0" * 10 + "1" * 13,
         side="+-+-+---++" + "-0+-+-+-+-+-+",
         lims={0: (10.8, 10.8 - 2.66 * 14 / 9, 10.8 + 2.66 * 14 / 9),
               22: (14, 14 - 2.66 * 22 / 12, 14 + 2.66 * 22 / 12)},
         summary=("common_cause", "fail", "no")),
    dict(name="the same series not rebased: shifts and a trend",
         y=SEG1 + SEG2, direction="up", target=20,
         rules="S" * 6 + "T" * 7 + "S" * 10,
         types="C" * 6 + "I" * 17, seg="0" * 23,
         close="000000100" + "0" * 14,
         lims={0: (290 / 23, 290 / 23 - 2.66 * 37 / 22,
                   290 / 23 + 2.66 * 37 / 22)},
         summary=("improvement_high", "fail", "no")),
    dict(name="12 points: a trial", y=[12, 10] * 6,
         rules="-" * 12, types="." * 12,
         summary=("common_cause", "none", "yes")),
    dict(name="13 points: not a trial", y=[12, 10] * 6 + [12],
         rules="-" * 13, types="." * 13,
         summary=("common_cause", "none", "no")),
    dict(name="20 points, the last segment 12: a trial",
         y=[12, 10] * 10, rebase=[8], rules="-" * 20, types="." * 20,
         seg="0" * 8 + "1" * 12, summary=("common_cause", "none", "yes")),
    dict(name="one point: limits undefined, no assurance", y=[7.5],
         direction="up", target=3, rules="-", types=".", side="0",
         close="0", lims={0: (7.5, NAN, NAN)},
         summary=("common_cause", "none", "yes")),
    dict(name="a constant baseline: limits on the mean, target on them",
         y=[5, 5, 5, 5, 5, 6], baseline=5, direction="up", target=5,
         rules="-----O", types=".....I", side="00000+",
         lims={0: (5, 5, 5)},
         summary=("improvement_high", "inconsistent", "yes")),
]

TYPE_CODE = {"common": ".", "improvement": "I", "concern": "C",
             "neutral_high": "H", "neutral_low": "L"}


def case_options(c):
    return {"direction": c.get("direction", "neutral"),
            "baseline": c.get("baseline", 0),
            "screen": c.get("screen", True),
            "rebase": c.get("rebase", []), "target": c.get("target")}


def near(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-6


def check_case(c, pts, summary):
    """Differences between a case's written expectations and pts/summary
    (either analyse()'s or the dump's, in the same shape)."""
    out = []
    n = len(c["y"])
    if len(pts) != n:
        return ["%d points, expected %d" % (len(pts), n)]
    want = {"rule": c["rules"], "type": c["types"]}
    for key in ("close", "side", "seg"):
        if key in c:
            want[key] = c[key]
    for j, p in enumerate(pts):
        got = {"rule": p["rule"],
               "type": "/".join(TYPE_CODE[t] for t in p["types"]),
               "close": str(p["close"]),
               "side": "+-0"[[1, -1, 0].index(p["side"])],
               "seg": str(p["segment"])}
        for key, s in want.items():
            if got[key] != s[j]:
                out.append("point %d %s: %s, expected %s"
                           % (j, key, got[key], s[j]))
    for j, (mean, lpl, upl) in c.get("lims", {}).items():
        p = pts[j]
        for key, v in (("mean", mean), ("lpl", lpl), ("upl", upl)):
            if not near(p[key], v):
                out.append("point %d %s: %r, expected %r" % (j, key, p[key],
                                                             v))
    icons, assurance, trial = summary
    if tuple(icons) != (c["summary"][0],):
        out.append("icon: %s, expected %s" % ("/".join(icons),
                                              c["summary"][0]))
    if assurance != c["summary"][1]:
        out.append("assurance: %s, expected %s" % (assurance,
                                                   c["summary"][1]))
    if trial != c["summary"][2]:
        out.append("trial: %s, expected %s" % (trial, c["summary"][2]))
    return out


# ---------------------------------------------------------------------------
# Generated series


def dec(rng, v):
    return round(v, rng.choice([1, 2]))


def noise(rng, n, level, spread, kind):
    if kind == "int":
        return [float(max(0, round(rng.gauss(level, spread))))
                for _ in range(n)]
    return [dec(rng, rng.gauss(level, spread)) for _ in range(n)]


def pick_kind(rng):
    return rng.choice(["int", "dec"])


def rnd(rng, kind, v):
    return float(round(v)) if kind == "int" else dec(rng, v)


def zone_value(rng, kind, lims, zone):
    """A value in (or exactly on) a zone of a baseline's limits."""
    mean, lpl, upl, nlpl, nupl = lims
    if math.isnan(upl):
        return mean
    exact = {"at_upl": upl, "at_nupl": nupl, "at_mean": mean,
             "at_nlpl": nlpl, "at_lpl": lpl}
    if zone in exact:
        return exact[zone]
    span = max(upl - mean, 1e-9)
    lo, hi = {"above": (upl, upl + span), "close_hi": (nupl, upl),
              "inner_hi": (mean, nupl), "inner_lo": (nlpl, mean),
              "close_lo": (lpl, nlpl), "below": (lpl - span, lpl)}[zone]
    v = rng.uniform(lo, hi)
    return v if rng.random() < 0.2 else rnd(rng, kind, v)


def g_constant(rng):
    n = rng.randint(1, 80)
    v = float(rng.randint(0, 50)) if rng.random() < 0.5 else dec(
        rng, rng.uniform(0, 100))
    y = [v] * n
    if n > 1 and rng.random() < 0.4:
        y[rng.randrange(n)] = v + rng.choice([-1, 1]) * rng.choice(
            [1, 0.1, 0.01, 5])
    return y, {}


def g_walk(rng):
    kind = pick_kind(rng)
    n = rng.randint(2, 80)
    v = rng.uniform(5, 60)
    y = []
    for _ in range(n):
        v += rng.choice([-2, -1, -1, 0, 1, 1, 2]) if kind == "int" else \
            rng.gauss(0, 1.5)
        y.append(rnd(rng, kind, v))
    return y, {}


def g_noise(rng):
    kind = rng.choice(["int", "pct"])
    n = rng.randint(1, 80)
    if kind == "int":
        return noise(rng, n, rng.uniform(3, 200), rng.uniform(0.5, 15),
                     "int"), {}
    return [min(100.0, max(0.0, v))
            for v in noise(rng, n, rng.uniform(60, 99.5),
                           rng.uniform(0.2, 4), "dec")], {}


def based(rng, kind=None, nb=None):
    """A noisy baseline, its length as k, screening, and its limits."""
    kind = kind or pick_kind(rng)
    nb = nb or rng.randint(2, 20)
    base = noise(rng, nb, rng.uniform(10, 80), rng.uniform(0.8, 6), kind)
    screen = rng.random() < 0.6
    return kind, base, screen, limits(base, screen)


def g_shift(rng):
    kind, base, screen, lims = based(rng)
    run = rng.choice([6, 7, 7, 8])
    hi = rng.random() < 0.5
    y = list(base)
    y.append(zone_value(rng, kind, lims, "inner_lo" if hi else "inner_hi"))
    for t in range(run):
        z = rng.choice(["inner_hi", "inner_hi", "close_hi"]) if hi else \
            rng.choice(["inner_lo", "inner_lo", "close_lo"])
        y.append(zone_value(rng, kind, lims, z))
    if rng.random() < 0.3:            # the mean itself inside the run
        y.insert(len(base) + 1 + rng.randrange(run), lims[0])
    y.append(zone_value(rng, kind, lims, "inner_lo" if hi else "inner_hi"))
    y += noise(rng, rng.randint(0, 10), lims[0], 1, kind)
    return y, {"baseline": len(base), "screen": screen}


def g_trend(rng):
    kind, base, screen, lims = based(rng)
    steps = rng.choice([5, 6, 6, 7, 8])     # points = steps + 1
    up = rng.random() < 0.5
    mean, lpl, upl = lims[:3]
    width = (upl - lpl) if not math.isnan(upl) and upl > lpl else 4.0
    step = max(1.0, round(width / 10)) if kind == "int" else \
        round(width / 10, 1) or 0.1
    start = mean - step * steps / 2 if up else mean + step * steps / 2
    seq = [rnd(rng, kind, start + (step if up else -step) * t)
           for t in range(steps + 1)]
    if rng.random() < 0.35:                 # a tie breaks it
        t = rng.randrange(1, steps + 1)
        seq[t] = seq[t - 1]
    y = list(base) + [seq[0] + (step if up else -step)] + seq
    if rng.random() < 0.3:                  # and a trend back (a peak)
        y += [rnd(rng, kind, seq[-1] - (step if up else -step) * t)
              for t in range(1, rng.randint(2, 8))]
    y += noise(rng, rng.randint(0, 8), mean, 1, kind)
    return y, {"baseline": len(base), "screen": screen}


def g_on_mean(rng):
    """Deviations summing to zero around an integer: the mean is exact and
    points on it break runs."""
    c = rng.randint(5, 60)
    dev = []
    while len(dev) < rng.randint(10, 60):
        sign = rng.choice([-1, 1])
        dev += [sign * rng.randint(1, 4) for _ in range(rng.choice(
            [3, 5, 6, 7, 8]))]
        if rng.random() < 0.5:
            dev.append(0)
    total = sum(dev)
    while total:
        d = -max(-4, min(4, total))
        dev.append(d)
        total += d
    y = [float(c + d) for d in dev]
    if rng.random() < 0.3:
        y = [v / 10 for v in y]
    return y[:80], {"baseline": 0}


def g_outlier(rng):
    kind, base, screen, lims = based(rng, nb=rng.randint(5, 30))
    mean, amr = lims[0], (lims[2] - lims[0]) / 2.66
    spread = amr if amr > 0 and not math.isnan(amr) else 1.0
    for _ in range(rng.randint(1, 3)):
        j = rng.randrange(len(base))
        base[j] = rnd(rng, kind, base[j] + rng.choice([-1, 1]) *
                      rng.uniform(3, 15) * spread)
    y = base + noise(rng, rng.randint(0, 30), mean, spread, kind)
    return y, {"baseline": rng.choice([0, len(base)]),
               "screen": rng.random() < 0.8}


def g_zones(rng):
    """Points near and beyond the limits, in 2-of-3 patterns."""
    kind, base, screen, lims = based(rng, nb=rng.randint(2, 20))
    y = list(base)
    zones_hi = ["above", "at_upl", "close_hi", "at_nupl", "inner_hi"]
    zones_lo = ["below", "at_lpl", "close_lo", "at_nlpl", "inner_lo"]
    while len(y) < rng.randint(len(base) + 3, 80):
        zs = zones_hi if rng.random() < 0.5 else zones_lo
        pat = rng.choice([
            [zs[2], zs[2], zs[4]], [zs[2], zs[4], zs[2]],
            [zs[4], zs[2], zs[2]], [zs[0], zs[2], zs[4]],
            [zs[0], zs[2], zs[2]], [zs[2], "at_mean", zs[2]],
            [zs[2], zs[2], zones_lo[4] if zs is zones_hi else zones_hi[4]],
            [zs[1], zs[2], zs[3]], [zs[3], zs[3], zs[2]],
            [rng.choice(zs + ["at_mean"]) for _ in range(3)]])
        y += [zone_value(rng, kind, lims, z) for z in pat]
    return y[:80], {"baseline": len(base), "screen": screen}


def g_mixed(rng):
    """Pieces at different levels; rebased at their starts (or not)."""
    kind = pick_kind(rng)
    y, cuts = [], []
    for _ in range(rng.randint(2, 4)):
        if y:
            cuts.append(len(y))
        y += noise(rng, rng.randint(1, 25), rng.uniform(10, 90),
                   rng.uniform(0.5, 5), kind)
    y = y[:80]
    cuts = [c for c in cuts if c < len(y)]
    return y, {"rebase": cuts if rng.random() < 0.6 else None}


def g_tiny(rng):
    kind = pick_kind(rng)
    return noise(rng, rng.randint(1, 4), rng.uniform(1, 50), 3, kind), {}


GENERATORS = [("constant", g_constant, 1), ("walk", g_walk, 2),
              ("noise", g_noise, 2), ("shift", g_shift, 3),
              ("trend", g_trend, 3), ("on_mean", g_on_mean, 2),
              ("outlier", g_outlier, 2), ("zones", g_zones, 4),
              ("mixed", g_mixed, 2), ("tiny", g_tiny, 1)]


def options(rng, y, fixed):
    """The options of a series: a generator's (mostly), else random."""
    n = len(y)
    keep = rng.random() < 0.8
    o = {"direction": rng.choice(["up", "down", "neutral"])}
    if keep and "baseline" in fixed:
        o["baseline"] = fixed["baseline"]
    else:
        o["baseline"] = rng.choice([0, 0, 12, 13, rng.randint(2, max(
            2, n + 2))])
    o["screen"] = fixed["screen"] if keep and "screen" in fixed else \
        rng.random() < 0.7
    if keep and fixed.get("rebase") is not None:
        o["rebase"] = fixed["rebase"]
    elif n > 1 and rng.random() < 0.25:
        o["rebase"] = sorted(rng.sample(range(1, n), min(n - 1,
                                                         rng.randint(1, 3))))
    else:
        o["rebase"] = []
    o["target"] = None
    pts, _ = analyse(y, **o)
    lpl, upl, mean = pts[-1]["lpl"], pts[-1]["upl"], pts[-1]["mean"]
    choice = rng.choice(["none", "none", "above", "below", "inside",
                         "at_upl", "at_lpl", "any"])
    if choice == "none":
        return o
    if math.isnan(upl) or choice == "any":
        o["target"] = rnd(rng, "dec", mean + rng.uniform(-20, 20))
    elif choice == "above":
        o["target"] = rnd(rng, "dec", upl + rng.uniform(0.01, 10))
        if o["target"] == upl:
            o["target"] = upl + 1
    elif choice == "below":
        o["target"] = rnd(rng, "dec", lpl - rng.uniform(0.01, 10))
        if o["target"] == lpl:
            o["target"] = lpl - 1
    elif choice == "inside":
        o["target"] = (lpl + upl) / 2
    else:
        o["target"] = upl if choice == "at_upl" else lpl
    return o


def generate(seed, index):
    rng = random.Random("%d:%d" % (seed, index))
    total = sum(w for _, _, w in GENERATORS)
    pick = rng.randrange(total)
    for name, fn, w in GENERATORS:
        if pick < w:
            break
        pick -= w
    y, fixed = fn(rng)
    y = [float(v) for v in y][:80]
    if not y:
        y = [float(rng.randint(0, 9))]
    return name, y, options(rng, y, fixed)


# ---------------------------------------------------------------------------
# The dump


def num(v):
    return repr(v)


def args_of(o):
    a = ["--direction", o["direction"], "--baseline", str(o["baseline"])]
    if not o["screen"]:
        a.append("--no-screen")
    if o["rebase"]:
        a += ["--rebase", ",".join(str(r) for r in o["rebase"])]
    if o["target"] is not None:
        a += ["--target", num(o["target"])]
    return a


def stdin_of(y):
    return "".join(num(v) + "\n" for v in y)


def run_dump(dump, y, o):
    """(points, summary) as the dump prints them, or an error string."""
    try:
        r = subprocess.run([dump] + args_of(o), input=stdin_of(y),
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return "cannot run the dump: %s" % e
    if r.returncode != 0:
        return "exit %d: %s" % (r.returncode, r.stderr.strip()[:200])
    lines = r.stdout.splitlines()
    if not lines or lines[0] != HEADER:
        return "header %r, expected %r" % (lines[0] if lines else "",
                                           HEADER)
    if len(lines) != len(y) + 2:
        return "%d lines, expected %d" % (len(lines), len(y) + 2)
    pts = []
    for j, line in enumerate(lines[1:-1]):
        f = line.split(",")
        if len(f) != 13:
            return "line %d: %d fields: %r" % (j + 2, len(f), line[:200])
        try:
            p = {"i": int(f[0]), "y": float(f[1]), "segment": int(f[2]),
                 "mean": float(f[3]), "lpl": float(f[4]),
                 "upl": float(f[5]), "nlpl": float(f[6]),
                 "nupl": float(f[7]), "side": int(f[8]),
                 "outside": int(f[9]), "close": int(f[10]), "rule": f[11],
                 "types": (f[12],)}
        except ValueError:
            return "line %d unreadable: %r" % (j + 2, line[:200])
        p["dirs"] = ()
        pts.append(p)
    f = lines[-1].split(",")
    if len(f) != 4 or f[0] != "summary":
        return "summary line %r" % lines[-1][:200]
    return pts, ((f[1],), f[2], f[3])


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(
            a) and math.isnan(b):
        return True
    return a == b


FIELDS = ["i", "y", "segment", "mean", "lpl", "upl", "nlpl", "nupl", "side",
          "outside", "close", "rule"]


def compare(got, exp, numbers_only=False):
    """Differences between the dump's output and analyse()'s (only the
    fields a hand-written case does not give, with numbers_only)."""
    pts, summary = got
    epts, esum = exp
    out = []
    for e, p in zip(epts, pts):
        for k in FIELDS:
            if numbers_only and k in ("segment", "side", "close", "rule"):
                continue
            if not same(p[k], e[k]):
                out.append("point %d %s: dump=%r expected=%r"
                           % (e["i"], k, p[k], e[k]))
        if numbers_only:
            continue
        if p["types"][0] not in e["types"]:
            out.append("point %d type: dump=%s expected=%s"
                       % (e["i"], p["types"][0], "/".join(e["types"])))
    if numbers_only:
        return out
    if summary[0][0] not in esum[0]:
        out.append("summary icon: dump=%s expected=%s"
                   % (summary[0][0], "/".join(esum[0])))
    for k, name in ((1, "assurance"), (2, "trial")):
        if summary[k] != esum[k]:
            out.append("summary %s: dump=%s expected=%s"
                       % (name, summary[k], esum[k]))
    return out


def describe(o):
    return " ".join(args_of(o))


BAD_INPUTS = [
    ("an empty series", [], ""),
    ("a word for a number", [], "12\nabc\n13\n"),
    ("a number with trailing junk", [], "12\n13x\n"),
    ("an unknown option", ["--frobnicate"], "1\n2\n"),
    ("a direction not up, down or neutral", ["--direction", "sideways"],
     "1\n2\n"),
    ("a baseline not a number", ["--baseline", "many"], "1\n2\n"),
    ("a target not a number", ["--target", "high"], "1\n2\n"),
]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump", help="the spc_dump binary")
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--series", type=int, default=3000)
    ap.add_argument("--self-test", action="store_true",
                    help="check the hand-written cases against this "
                    "implementation only")
    ap.add_argument("--show", type=int, metavar="I",
                    help="print generated series I (input, options, the "
                    "expected rows) and stop")
    a = ap.parse_args(argv)
    if a.show is not None:
        name, y, o = generate(a.seed, a.show)
        print("series %d (%s, seed %d): %s" % (a.show, name, a.seed,
                                               describe(o)))
        print("stdin: " + " ".join(num(v) for v in y))
        pts, summ = analyse(y, **o)
        print(HEADER)
        for p in pts:
            print(",".join([str(p["i"]), "%.17g" % p["y"], str(p["segment"])]
                           + ["%.17g" % p[k] for k in
                              ("mean", "lpl", "upl", "nlpl", "nupl")]
                           + [str(p["side"]), str(p["outside"]),
                              str(p["close"]), p["rule"],
                              "/".join(p["types"])]))
        print("summary,%s,%s,%s" % ("/".join(summ[0]), summ[1], summ[2]))
        return 0
    if not a.self_test and not a.dump:
        ap.error("--dump BIN is required (or --self-test)")

    diffs = []          # (context, difference)
    nseries = npoints = nambig = 0

    for c in CASES:
        o = case_options(c)
        label = "case %r (%s)" % (c["name"], describe(o))
        pts, summ = analyse(c["y"], **o)
        diffs += [(label + " this implementation", d)
                  for d in check_case(c, pts, summ)]
        nseries += 1
        npoints += len(c["y"])
        if a.self_test:
            continue
        got = run_dump(a.dump, [float(v) for v in c["y"]], o)
        if isinstance(got, str):
            diffs.append((label, got))
            continue
        diffs += [(label + " the dump", d) for d in check_case(c, *got)]
        diffs += [(label, d) for d in compare(got, (pts, summ), True)]

    if a.self_test:
        for d in diffs[:20]:
            print("%s: %s" % d)
        print("spc_check: %d series, %d points, %d differences (self-test)"
              % (nseries, npoints, len(diffs)))
        return 1 if diffs else 0

    for what, args, text in BAD_INPUTS:
        try:
            r = subprocess.run([a.dump] + args, input=text,
                               capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as e:
            diffs.append(("bad input: " + what, "cannot run: %s" % e))
            continue
        if r.returncode == 0:
            diffs.append(("bad input: " + what, "exit 0, expected a failure"))
        elif not r.stderr.strip():
            diffs.append(("bad input: " + what, "exit %d with no message"
                          % r.returncode))

    for index in range(a.series):
        name, y, o = generate(a.seed, index)
        exp = analyse(y, **o)
        nambig += sum(p["ambiguous"] for p in exp[0])
        nseries += 1
        npoints += len(y)
        got = run_dump(a.dump, y, o)
        label = "series %d (%s, seed %d; %s)" % (index, name, a.seed,
                                                describe(o))
        if isinstance(got, str):
            diffs.append((label, got))
            continue
        diffs += [(label, d) for d in compare(got, exp)]

    for ctx, d in diffs[:20]:
        print("%s: %s" % (ctx, d))
    if len(diffs) > 20:
        print("... and %d more differences" % (len(diffs) - 20))
    if nambig:
        print("note: %d points at the peak of a rising and a falling trend "
              "(T high and low): either direction accepted" % nambig)
    print("spc_check: %d series, %d points, %d differences"
          % (nseries, npoints, len(diffs)))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
