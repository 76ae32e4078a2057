"""The sitrep config, read for the independent checks (tests/check/):
the subset of YAML that sitrep.yaml(5) allows (block mappings and
sequences, flow { } and [ ], plain and quoted scalars) and what the
recomputation needs of it. Python standard library only."""
import json
import re
from fractions import Fraction

# ---------------------------------------------------------------- YAML subset


def _strip_comment(line):
    """The line without its comment ('#' at the start or after a blank,
    outside quotes). A quote opens only where a scalar may start."""
    out = []
    quote = None
    prev = " "
    for ch in line:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'" and prev in " \t:[{,-":
            quote = ch
        elif ch == "#" and prev in " \t":
            break
        out.append(ch)
        prev = ch
    return "".join(out).rstrip()


def _unquote(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        return json.loads(s)
    if len(s) >= 2 and s[0] == s[-1] == "'":
        return s[1:-1].replace("''", "'")
    return s


def _flow(s):
    """Parses a flow value ({...}, [...] or a scalar) from the whole of s."""
    pos = [0]

    def ws():
        while pos[0] < len(s) and s[pos[0]] in " \t":
            pos[0] += 1

    def scalar(stops):
        ws()
        start = pos[0]
        if pos[0] < len(s) and s[pos[0]] in "\"'":
            q = s[pos[0]]
            pos[0] += 1
            while pos[0] < len(s):
                if s[pos[0]] == "\\" and q == '"':
                    pos[0] += 2
                    continue
                if s[pos[0]] == q:
                    if q == "'" and s[pos[0] + 1:pos[0] + 2] == "'":
                        pos[0] += 2
                        continue
                    break
                pos[0] += 1
            pos[0] += 1
            return _unquote(s[start:pos[0]])
        while pos[0] < len(s) and s[pos[0]] not in stops:
            pos[0] += 1
        return s[start:pos[0]].strip()

    def value():
        ws()
        c = s[pos[0]] if pos[0] < len(s) else ""
        if c == "{":
            pos[0] += 1
            d = {}
            while True:
                ws()
                if s[pos[0]] == "}":
                    pos[0] += 1
                    return d
                k = scalar(":")
                ws()
                assert s[pos[0]] == ":", s
                pos[0] += 1
                d[k] = value()
                ws()
                if s[pos[0]] == ",":
                    pos[0] += 1
        if c == "[":
            pos[0] += 1
            items = []
            while True:
                ws()
                if s[pos[0]] == "]":
                    pos[0] += 1
                    return items
                items.append(value())
                ws()
                if s[pos[0]] == ",":
                    pos[0] += 1
        return scalar(",]}")

    v = value()
    ws()
    assert pos[0] == len(s), "trailing text in %r" % s
    return v


def _block_value(s):
    """A value on a block line: a flow collection, or a scalar taken whole
    (commas and brackets inside a block scalar are just text)."""
    if s[0] in "[{":
        return _flow(s)
    return _unquote(s)


_KEY = re.compile(r"""^([^\s{\["'#][^:]*|"[^"]*"|'[^']*'):(\s|$)""")


def parse_yaml(text):
    lines = []
    for raw in text.splitlines():
        s = _strip_comment(raw)
        if not s.strip() or s.strip() in ("---", "..."):
            continue
        lines.append([len(s) - len(s.lstrip(" ")), s.strip()])
    pos = [0]

    def is_item(t):
        return t == "-" or t.startswith("- ")

    def node(ind):
        if is_item(lines[pos[0]][1]):
            return seq(ind)
        return mapping(ind)

    def value_after(ind, allow_compact_seq):
        """The block node under a key or '-' ending a line, or None."""
        if pos[0] >= len(lines):
            return None
        i, t = lines[pos[0]]
        if i > ind or (allow_compact_seq and i == ind and is_item(t)):
            return node(i)
        return None

    def seq(ind):
        out = []
        while pos[0] < len(lines):
            i, t = lines[pos[0]]
            if i != ind or not is_item(t):
                break
            rest = t[1:].lstrip()
            if not rest:
                pos[0] += 1
                out.append(value_after(ind, False))
            elif _KEY.match(rest):
                lines[pos[0]] = [i + len(t) - len(rest), rest]
                out.append(mapping(lines[pos[0]][0]))
            else:
                pos[0] += 1
                out.append(_block_value(rest))
        return out

    def mapping(ind):
        out = {}
        while pos[0] < len(lines):
            i, t = lines[pos[0]]
            if i != ind or is_item(t):
                break
            m = _KEY.match(t)
            assert m, "not a mapping entry: %r" % t
            key = _unquote(m.group(1))
            rest = t[m.end():].strip()
            pos[0] += 1
            out[key] = _block_value(rest) if rest else value_after(ind, True)
        return out

    return node(lines[0][0]) if lines else None


# ------------------------------------------------------------------- config

SITE_KINDS = ["acute", "community", "mental_health"]
METRICS = ["occupancy_pct", "g2g_pct", "stranded_pct", "super_stranded",
           "delayed_bed_days_7d"]
AGENCIES = ["NHS", "ASC", "both"]
FAMILIES = ["hospital", "hub", "interface", "capacity", "wellbeing"]
# The built-in blocker vocabularies (sitrep.yaml(5), delay_vocabulary):
# (code, label, family, default agency or None).
VOCABULARIES = {
    "national": [
        ("HP-MED", "Awaiting medical decision or intervention (incl. "
         "discharge summary)", "hospital", "NHS"),
        ("HP-THERAPY", "Awaiting therapy review of need for supported "
         "discharge", "hospital", "NHS"),
        ("HP-REFER", "Awaiting referral to care transfer hub or receiving "
         "service", "hospital", "NHS"),
        ("HP-TTO", "Awaiting medicines to take home", "hospital", "NHS"),
        ("HP-TRANSPORT", "Awaiting transport", "hospital", "NHS"),
        ("HUB-REFERRAL", "Awaiting confirmation that the referral is "
         "received and actioned", "hub", "both"),
        ("HUB-NEEDS", "Awaiting confirmation of immediate care needs and "
         "pathway", "hub", "both"),
        ("HUB-FUNDING", "Awaiting decision on funding eligibility (incl. "
         "fast-track CHC)", "hub", "both"),
        ("IF-P1", "Pathway 1: home-based rehab, reablement or recovery "
         "being arranged", "interface", "both"),
        ("IF-P2", "Pathway 2: bed-based rehab, reablement or recovery "
         "being arranged", "interface", "both"),
        ("IF-P3", "Pathway 3: residential or nursing home being arranged",
         "interface", "both"),
        ("IF-OOA", "Out-of-area discharge being arranged", "interface",
         "both"),
        ("CAP-P1", "Pathway 1: home-based rehab, reablement or recovery "
         "not yet available", "capacity", "both"),
        ("CAP-CARE", "Home-based social care not yet available (incl. "
         "restart)", "capacity", "ASC"),
        ("CAP-P2", "Pathway 2: bed-based rehab, reablement or recovery "
         "not yet available", "capacity", "both"),
        ("CAP-P3", "Pathway 3: residential or nursing home placement not "
         "yet available", "capacity", "ASC"),
        ("CAP-EQUIP", "Equipment or housing adaptations not yet available",
         "capacity", "both"),
        ("CAP-HOUSING", "Housing not yet available (incl. homelessness)",
         "capacity", None),
        ("WB-CONCERN", "Patient, family or carer concerns over discharge "
         "readiness", "wellbeing", None),
        ("WB-CHOICE", "Patient, family or carer choice", "wellbeing", None),
        ("WB-MCA", "Awaiting mental capacity assessment or best-interests "
         "decision", "wellbeing", None),
        ("WB-SAFEGUARD", "Safeguarding concern being resolved", "wellbeing",
         None),
    ],
    "dtoc": [
        ("A", "Completion of assessment", "hub", "both"),
        ("B", "Public funding", "hub", "both"),
        ("C", "Further non-acute NHS care", "capacity", "NHS"),
        ("D1", "Residential home", "capacity", "ASC"),
        ("D2", "Nursing home", "capacity", "ASC"),
        ("E", "Care package in own home", "capacity", "ASC"),
        ("F", "Community equipment / adaptations", "capacity", "both"),
        ("G", "Patient or family choice", "wellbeing", None),
        ("H", "Disputes", "wellbeing", None),
        ("I", "Housing", "capacity", None),
        ("O", "Other", "hospital", None),
    ],
}
DEFAULT_RED_REASONS = [
    ("test", "Awaiting test"), ("result", "Awaiting test result"),
    ("review", "Awaiting review"), ("therapy", "Awaiting therapy"),
    ("package", "Awaiting care package"), ("transport", "Awaiting transport"),
    ("tto", "Awaiting medicines to take home")]


class Config:
    pass


def _num(s):
    return Fraction(str(s))


def load_config(path):
    with open(path, encoding="utf-8") as f:
        y = parse_yaml(f.read()) or {}
    c = Config()
    c.system_name = (y.get("system") or {}).get("name")
    th = y.get("thresholds") or {}
    c.stranded_days = int(th.get("stranded_days") or 7)
    c.super_stranded_days = int(th.get("super_stranded_days") or 21)
    c.midday_target_pct = _num(th.get("midday_discharge_target_pct") or 33)
    c.sites = []
    for s in y.get("sites") or []:
        wards = [{"code": w["code"], "name": w.get("name"),
                  "beds": int(w["beds"])} for w in s.get("wards") or []]
        beds = (sum(w["beds"] for w in wards) if wards
                else int(s.get("beds") or 0))
        # A site's own trajectory (optional), as the system's below.
        traj = sorted(((int(str(p["from"]).split("-")[0]),
                        int(str(p["from"]).split("-")[1])), int(p["bed_days"]))
                      for p in s.get("trajectory") or [])
        c.sites.append({"code": s["code"], "name": s["name"],
                        "kind": s["kind"], "beds": beds, "wards": wards,
                        "trajectory": traj})
    op = y.get("opel") or {}
    c.opel = {}
    for kind in SITE_KINDS:
        k = op.get(kind) or {}
        metrics = {}
        for name, m in (k.get("metrics") or {}).items():
            metrics[name] = {"at": [_num(v) for v in m["levels"]],
                             "at_text": [str(v) for v in m["levels"]],
                             "weight": _num(m.get("weight") or 1)}
        params = []
        for p in k.get("parameters") or []:
            params.append({
                "name": str(p["name"]), "source": p["source"],
                "bands": [(_num(f), _num(pts)) for f, pts in p["points"]],
                "weight": _num(p.get("weight") or 1),
                "max_age": _num(p["max_age_hours"])
                if p.get("max_age_hours") is not None else None})
        c.opel[kind] = {"rule": k.get("rule") or "highest",
                        "metrics": metrics,
                        "bands": [_num(b) for b in k.get("bands") or []],
                        "parameters": params,
                        "levels": [_num(x) for x in k.get("levels") or []]}
    c.system_rule = op.get("system_rule") or "highest"
    # The OPEL 2024-26 system score (system_scoring scores).
    c.system_scoring = op.get("system_scoring") or "levels"
    c.system_weights = {kind: _num(w) for kind, w in
                        (op.get("system_weights") or {}).items()}
    c.system_levels = [_num(x) for x in op.get("system_levels") or []]
    # Blockers: the config's own delay reasons, or the built-in vocabulary
    # it chose (national by default). delay_reasons stays (code, label)
    # pairs; reason_info gives each code's family and default agency.
    dr = y.get("delay_reasons")
    c.vocabulary = y.get("delay_vocabulary") or "national"
    if dr:
        full = [(r["code"], r["label"], r["family"], _agency(r.get("agency")))
                for r in dr]
    else:
        full = VOCABULARIES[c.vocabulary]
    c.delay_reasons = [(code, label) for code, label, _, _ in full]
    c.reason_info = {code: {"family": fam, "agency": ag}
                     for code, _, fam, ag in full}
    rr = y.get("red_reasons")
    c.red_reasons = ([(r["code"], r["label"]) for r in rr] if rr
                     else list(DEFAULT_RED_REASONS))
    c.trajectory = []
    for p in y.get("trajectory") or []:
        yy, mm = str(p["from"]).split("-")
        c.trajectory.append(((int(yy), int(mm)), int(p["bed_days"])))
    c.trajectory.sort()
    # Owners of blockers, escalation (roles least senior first; rules as
    # (measure, at, role index)), the daily call and the NCTR label.
    c.owners = [{"code": o["code"], "name": o["name"],
                 "team": o["kind"] == "team",
                 "agency": _agency(o.get("agency"))}
                for o in y.get("owners") or []]
    esc = y.get("escalation") or {}
    c.roles = list(esc.get("roles") or [])
    c.escalations = []
    for r in esc.get("rules") or []:
        on = "delay_days" if "delay_days" in r else "overdue_days"
        c.escalations.append((on, int(r[on]), c.roles.index(r["to"])))
    hh, mm = str((y.get("call") or {}).get("time") or "08:30").split(":")
    c.call_minute = int(hh) * 60 + int(mm)
    c.nctr_label = y.get("nctr_label") or "NCTR"
    return c


def _agency(s):
    """An agency as sitrep reads it (any case), or None."""
    if not s:
        return None
    return {a.lower(): a for a in AGENCIES}[str(s).lower()]

