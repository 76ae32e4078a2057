#!/usr/bin/env python3
"""The board pack in a real browser (issue 17): Debian's Chromium, driven
headless through chromedriver's WebDriver HTTP API (urllib only), checks

- the figures: every element with data-figure="PATH" shows the value at PATH
  in `sitrep report --format json` of the same day (data-since-figure: of
  the --since day); a path's last part "A+B" is the sum of keys A and B.
  Every site must show every board figure, so a pack that leaves figures
  out fails too;
- no network: the browser's performance log holds no request but the page
  itself;
- a screenshot is taken (a PNG of the window, not blank);
- contrast (WCAG 2.1 AA): every piece of text against the background it
  is drawn on, 4.5:1 (3:1 when large), and every chart mark against white,
  3:1; colours read from the computed styles, the ratio computed here;
- print: Chromium's own --print-to-pdf (the page's print CSS decides the
  paper) gives A4 landscape pages; every section starts a page, in order;
  no chart is cut in two (its title and caption on one page);
- structure: the HTML's tables have captions and header cells with scope,
  headings do not skip a level, nothing is loaded from elsewhere.

usage: pack_browser.py PACK.html REPORT.json SINCE.json OUTDIR
Exit 0 when every check holds; 1 with one line per failure."""
import base64
import html.parser
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
BOARD_FIGURES = [
    "beds", "beds_closed", "beds_escalation", "beds_available", "occupied",
    "free_beds", "occupancy_pct", "stranded", "super_stranded", "g2g",
    "g2g_pct_beds", "delayed_bed_days/mtd", "discharges_yesterday/total",
    "discharges_yesterday/before_midday",
    "discharges_yesterday/before_midday_pct",
]
SECTIONS = ["System summary", "Sites", "Delays:", "Trends:",
            "Longest-delayed patients", "Definitions"]

failures = []


def fail(msg):
    failures.append(msg)


# ---- the JSON side -----------------------------------------------------

def resolve(doc, path):
    """The value at path: objects by key; lists by index, or by the element
    whose code, kind or site is the part; 'A+B' at the end: a sum."""
    node = doc
    parts = path.split("/")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if node is None:  # under a null (no declaration): null
            return None
        if isinstance(node, list):
            if part.isdigit():
                node = node[int(part)]
                continue
            found = [e for e in node if isinstance(e, dict) and
                     part in (e.get("code"), e.get("kind"), e.get("site"))]
            if len(found) != 1:
                raise KeyError(f"{path}: no single element '{part}'")
            node = found[0]
        elif last and "+" in part:
            return sum(node[k] for k in part.split("+"))
        else:
            if part not in node:
                raise KeyError(f"{path}: no key '{part}'")
            node = node[part]
    return node


def shown(text):
    """A cell's text as the JSON value it stands for."""
    t = text.strip()
    if t in ("\u2013", ""):
        return None
    m = re.match(r"^([1-4]) (steady|moderate|severe|extreme)$", t)
    if m:
        return int(m.group(1))
    if re.match(r"^-?\d+$", t):
        return int(t)
    if re.match(r"^-?\d+\.\d$", t):
        return float(t)
    return t


def same(got, want):
    if isinstance(want, float) or isinstance(got, float):
        return got is not None and want is not None and \
            round(float(got), 1) == round(float(want), 1)
    return got == want


# ---- WebDriver ---------------------------------------------------------

class Driver:
    def __init__(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.proc = subprocess.Popen([DRIVER, f"--port={self.port}"],
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(200):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.05)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--window-size=1280,1000",
                         "--disable-background-networking",
                         "--no-first-run"]},
            "goog:loggingPrefs": {"performance": "ALL"}}}}
        self.sid = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.base + path, data=data, method=method,
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.load(r)["value"]

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.sid}{path}", body)

    def run(self, script):
        return self.s("POST", "/execute/sync", {"script": script, "args": []})

    def close(self):
        try:
            self.s("DELETE", "")
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=30)


# ---- contrast ----------------------------------------------------------

def rgb(css):
    m = re.match(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", css or "")
    if m:
        return tuple(int(m.group(i)) for i in (1, 2, 3)), \
            float(m.group(4)) if m.group(4) else 1.0
    m = re.match(r"#([0-9a-fA-F]{6})$", css or "")
    if m:
        h = m.group(1)
        return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)), 1.0
    return None, 0.0


def luminance(c):
    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# What each text element is drawn in and on: the computed colour (SVG:
# fill), and the first opaque background up the tree (SVG text on a shape
# names it in data-bg; else the page's white).
TEXT_JS = r"""
const out = [];
function bg(el) {
  for (let e = el; e; e = e.parentElement) {
    if (e.dataset && e.dataset.bg) return e.dataset.bg;
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0')) return c;
  }
  return 'rgb(255, 255, 255)';
}
for (const el of document.querySelectorAll('body *')) {
  const own = [...el.childNodes].filter(n => n.nodeType === 3)
    .map(n => n.textContent).join('').trim();
  if (!own) continue;
  const st = getComputedStyle(el);
  if (st.display === 'none' || st.visibility === 'hidden') continue;
  const svg = el instanceof SVGElement;
  out.push([svg ? st.fill : st.color, bg(el), parseFloat(st.fontSize),
            parseInt(st.fontWeight, 10) || 400, own.slice(0, 40)]);
}
return out;
"""

MARKS_JS = r"""
const out = [];
for (const el of document.querySelectorAll('svg[role=img] circle, svg[role=img] polyline, svg[role=img] line')) {
  const st = getComputedStyle(el);
  const stroke = el.getAttribute('stroke'), fill = el.getAttribute('fill');
  if (stroke === '#d8dde0') continue; // grid lines: decoration
  if (el.tagName === 'circle') {
    out.push([fill === '#fff' ? st.stroke : st.fill, el.tagName]);
  } else {
    out.push([st.stroke, el.tagName]);
  }
}
return out;
"""


def check_contrast(d):
    white = (255, 255, 255)
    n = 0
    for fg, bg, size, weight, text in d.run(TEXT_JS):
        f, fa = rgb(fg)
        b, _ = rgb(bg)
        if f is None or b is None or fa < 1:
            fail(f"contrast: cannot read the colours of '{text}' "
                 f"({fg} on {bg})")
            continue
        large = size >= 24 or (size >= 18.66 and weight >= 700)
        need = 3.0 if large else 4.5
        r = ratio(f, b)
        n += 1
        if r < need:
            fail(f"contrast: '{text}' is {fg} on {bg}: {r:.2f}:1, "
                 f"under {need}:1")
    if n < 50:
        fail(f"contrast: only {n} pieces of text measured")
    for colour, tag in d.run(MARKS_JS):
        c, _ = rgb(colour)
        if c is None:
            fail(f"contrast: cannot read a {tag}'s colour ({colour})")
        elif ratio(c, white) < 3.0:
            fail(f"contrast: a chart {tag} in {colour} is "
                 f"{ratio(c, white):.2f}:1 on white, under 3:1")


# ---- figures -----------------------------------------------------------

FIGS_JS = r"""
return [...document.querySelectorAll('[data-figure], [data-since-figure]')]
  .map(e => [e.dataset.figure || null, e.dataset.sinceFigure || null,
             e.textContent]);
"""


def check_figures(d, report, since):
    paths = set()
    for path, since_path, text in d.run(FIGS_JS):
        doc, p = (report, path) if path else (since, since_path)
        try:
            want = resolve(doc, p)
        except (KeyError, IndexError, TypeError) as e:
            fail(f"figure {p}: not in the report's JSON ({e})")
            continue
        got = shown(text)
        if not same(got, want):
            fail(f"figure {p}{' (since)' if since_path else ''}: the page "
                 f"shows {text.strip()!r}, the report {want!r}")
        if path:
            paths.add(path)
    for s in report["sites"]:
        for fig in BOARD_FIGURES:
            if f"sites/{s['code']}/{fig}" not in paths:
                fail(f"figure sites/{s['code']}/{fig}: not on the page")
        if f"sites/{s['code']}/opel/computed" not in paths:
            fail(f"figure sites/{s['code']}/opel/computed: not on the page")
    for fig in BOARD_FIGURES:
        if f"total/{fig}" not in paths:
            fail(f"figure total/{fig}: not on the page")
    for p in ("opel/computed", "opel/declared/level", "trajectory/mtd",
              "trajectory/target", "trajectory/projected"):
        if p not in paths:
            fail(f"figure {p}: not on the page")
    for i in range(len(report["longest_delayed"])):
        if f"longest_delayed/{i}/patient" not in paths:
            fail(f"longest_delayed/{i}: not on the page")
    return len(paths)


def check_network(d, url):
    logs = d.s("POST", "/se/log", {"type": "performance"})
    for entry in logs:
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            u = msg["params"]["request"]["url"]
            if u != url:
                fail(f"network: the page requested {u}")


# ---- structure ---------------------------------------------------------

class Structure(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.level = 0
        self.tables = 0
        self.captions = 0
        self.in_thead = False
        self.in_tbody = False
        self.stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            n = int(tag[1])
            if n > self.level + 1:
                fail(f"structure: <{tag}> after <h{self.level}> "
                     f"(line {self.getpos()[0]})")
            self.level = n
        for name in ("src", "href", "action", "srcset", "poster"):
            v = a.get(name)
            if v is not None and not v.startswith("#"):
                fail(f"structure: <{tag} {name}={v!r}> loads from "
                     f"elsewhere")
        if tag in ("script", "link", "iframe", "img", "object", "embed"):
            fail(f"structure: a <{tag}> element")
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag == "thead":
            self.in_thead = True
        if tag == "tbody":
            self.in_tbody = True
        if tag == "th":
            want = "col" if self.in_thead else "row"
            if a.get("scope") != want:
                fail(f"structure: <th> without scope={want} "
                     f"(line {self.getpos()[0]})")

    def handle_endtag(self, tag):
        if tag == "thead":
            self.in_thead = False
        if tag == "tbody":
            self.in_tbody = False


def check_structure(text):
    s = Structure()
    s.feed(text)
    if s.tables < 5:
        fail(f"structure: {s.tables} tables")
    if s.captions != s.tables:
        fail(f"structure: {s.tables} tables, {s.captions} captions")
    if "<style>" not in text or "@page{size:A4 landscape" not in text:
        fail("structure: no print style for A4 landscape")


# ---- print -------------------------------------------------------------

def check_print(pack, outdir, titles):
    pdf = os.path.join(outdir, "pack.pdf")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    "file://" + os.path.abspath(pack)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=120, check=True)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    w, h = float(size.group(1)), float(size.group(2))
    if not (abs(w - 842) < 3 and abs(h - 595) < 3):
        fail(f"print: pages of {w} x {h} pt, not A4 landscape")
    text = []
    for i in range(1, pages + 1):
        t = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i),
                            "-layout", pdf, "-"], capture_output=True,
                           text=True, check=True).stdout
        text.append(" ".join(t.split()))
    # Every section starts a page, in order; the pages between are its.
    starts = []
    for name in SECTIONS:
        first = [i for i, t in enumerate(text) if t.startswith(name) or
                 (name == "System summary" and "System summary" in t[:200])]
        if not first:
            fail(f"print: no page starts with the section '{name}'")
        else:
            starts.append(first[0])
    if starts != sorted(starts):
        fail(f"print: the sections start on pages {starts}, out of order")
    # No chart cut in two: its title and its caption's first words share
    # a page.
    for title, caption in titles:
        on = [i for i, t in enumerate(text) if title in t and caption in t]
        if not on:
            fail(f"print: the chart '{title}' is cut in two (title and "
                 f"caption on different pages)")
    return pages, [s + 1 for s in starts]


CHARTS_JS = r"""
return [...document.querySelectorAll('figure')].filter(f => f.querySelector('svg[role=img]'))
  .map(f => [(f.querySelector('h3') || {textContent: ''}).textContent,
             f.querySelector('figcaption').textContent.split(' ').slice(0, 3).join(' ')]);
"""


def main():
    pack, report_path, since_path, outdir = sys.argv[1:5]
    report = json.load(open(report_path, encoding="utf-8"))
    since = json.load(open(since_path, encoding="utf-8"))
    text = open(pack, encoding="utf-8").read()
    check_structure(text)
    url = "file://" + os.path.abspath(pack)
    d = Driver()
    try:
        d.s("POST", "/url", {"url": url})
        n = check_figures(d, report, since)
        check_network(d, url)
        png = base64.b64decode(d.s("GET", "/screenshot"))
        shot = os.path.join(outdir, "pack.png")
        open(shot, "wb").write(png)
        if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 20000:
            fail(f"screenshot: {len(png)} bytes, not a page's PNG")
        check_contrast(d)
        titles = [(t.strip(), c) for t, c in d.run(CHARTS_JS)]
    finally:
        d.close()
    pages, starts = check_print(pack, outdir, titles)
    for f in failures:
        print(f)
    if not failures:
        print(f"{n} figures equal the report's; {len(titles)} charts; "
              f"{pages} A4 landscape pages, sections from pages {starts}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
