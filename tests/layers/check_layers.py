#!/usr/bin/env python3
"""The layers of DESIGN §3, checked: no source file includes a header of a
layer above its own, and no object file calls a function defined in a layer
above its own. The system headers stay where they belong too: sqlite3.h only
in src/store/, yaml.h only in the config module, curses.h only in src/tui/.

usage: check_layers.py SOURCE_ROOT BUILD_DIR
Exit 0 when every rule holds; 1 with one line per breach otherwise."""
import os
import re
import subprocess
import sys

# Layers from the bottom up; a module may use its own layer and those below.
# Modules named as in include/sitrep/NAME.h; files map to modules below.
LAYERS = [
    ("base", ["error", "util", "date", "text", "secure"]),
    ("domain", ["config", "access", "stay", "timeline", "csv", "opel", "spc"]),
    ("store", ["store"]),
    ("logic", ["census", "metrics", "edit", "demo", "call", "trend",
               "returns", "imported", "notify"]),
    ("report", ["report"]),
    ("front", ["cli", "tui"]),
]
RANK = {m: i for i, (_, ms) in enumerate(LAYERS) for m in ms}

# Front ends are peers, but the console is entered from the command line
# through this one door and nothing else.
CLI_MAY_CALL_TUI = {"tui_run"}


def module_of(path):
    """The module a source file (path relative to the root) belongs to."""
    parts = path.split("/")
    if parts[0] != "src":
        return None
    if parts[1] in ("store", "cli", "tui"):
        return parts[1]
    base = os.path.splitext(parts[1])[0]
    for m in sorted(RANK, key=len, reverse=True):
        if base == m or base.startswith(m + "_"):
            return m
    return None


def header_module(name):
    """The module a header sitrep/NAME.h belongs to: NAME, or the module
    it is a part of (src/text_fold.c is the text module's)."""
    if name in RANK:
        return name
    for m in sorted(RANK, key=len, reverse=True):
        if name.startswith(m + "_"):
            return m
    return name


SYSTEM_HEADERS = {
    "sqlite3.h": {"store"},
    "yaml.h": {"config"},
    "curses.h": {"tui"},
    "ncurses.h": {"tui"},
    "ncursesw/curses.h": {"tui"},
}
PRIVATE_HEADERS = {
    "store_internal.h": "store",
    "cmd.h": "cli",
    "progress.h": "cli",
    "tui.h": "tui",
    "form.h": "tui",
    "config_internal.h": "config",
    "report_internal.h": "report",
    "report_text_internal.h": "report",
    "report_pack_internal.h": "report",
    "metrics_internal.h": "metrics",
    "demo_internal.h": "demo",
}


def check_includes(root, breaches):
    inc_re = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
    for d, _, files in os.walk(os.path.join(root, "src")):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            rel = os.path.relpath(os.path.join(d, f), root)
            mod = module_of(rel)
            if mod is None:
                breaches.append(f"{rel}: belongs to no layer (add it to "
                                "tests/layers/check_layers.py)")
                continue
            with open(os.path.join(root, rel), encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    m = inc_re.match(line)
                    if not m:
                        continue
                    hdr = m.group(2)
                    where = f"{rel}:{n}"
                    if hdr in SYSTEM_HEADERS and mod not in SYSTEM_HEADERS[hdr]:
                        breaches.append(f"{where}: {mod} includes {hdr}")
                    base = os.path.basename(hdr)
                    if m.group(1) == '"' and base in PRIVATE_HEADERS:
                        owner = PRIVATE_HEADERS[base]
                        if owner != mod and hdr != "tui/console.h":
                            breaches.append(
                                f"{where}: {mod} includes {owner}'s "
                                f"private header {hdr}")
                    if hdr == "tui/console.h" and mod not in ("cli", "tui"):
                        breaches.append(f"{where}: {mod} includes {hdr}")
                    sm = re.match(r"sitrep/(\w+)\.h$", hdr)
                    if sm:
                        target = header_module(sm.group(1))
                        if target not in RANK:
                            breaches.append(f"{where}: sitrep/{target}.h "
                                            "belongs to no layer")
                        elif RANK[target] > RANK[mod]:
                            breaches.append(
                                f"{where}: {mod} ({LAYERS[RANK[mod]][0]}) "
                                f"includes {hdr} ({LAYERS[RANK[target]][0]}, "
                                "a layer above)")


def nm_all(paths, flag):
    """{path: [lines]} from one nm run over every object file."""
    out = subprocess.run(["nm", flag, *paths], capture_output=True,
                         text=True, check=True).stdout
    result, cur = {p: [] for p in paths}, None
    for line in out.splitlines():
        if line.endswith(":") and line[:-1] in result:
            cur = line[:-1]
        elif line.strip() and cur is not None:
            result[cur].append(line)
    return result


def check_calls(root, build, breaches):
    # Source paths by meson's object names.
    by_obj = {}
    for d, _, files in os.walk(os.path.join(root, "src")):
        for f in files:
            if f.endswith(".c"):
                rel = os.path.relpath(os.path.join(d, f), root)
                by_obj[rel.replace("/", "_") + ".o"] = rel
    objs = []
    for sub in ("libsitrep.a.p", "libsitrep-console.a.p", "sitrep.p"):
        d = os.path.join(build, sub)
        if not os.path.isdir(d):
            breaches.append(f"{d}: missing (build first)")
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".o") and f in by_obj:
                objs.append((os.path.join(d, f), by_obj[f]))
    paths = [p for p, _ in objs]
    defs = nm_all(paths, "--defined-only") if paths else {}
    undefs = nm_all(paths, "--undefined-only") if paths else {}
    defined = {}
    for path, rel in objs:
        for line in defs[path]:
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TDBR":
                defined[parts[2]] = rel
    for path, rel in objs:
        mod = module_of(rel)
        for line in undefs[path]:
            sym = line.split()[-1]
            if sym not in defined:
                continue
            trel = defined[sym]
            tmod = module_of(trel)
            if tmod == mod or mod is None or tmod is None:
                continue
            if mod == "cli" and tmod == "tui" and sym in CLI_MAY_CALL_TUI:
                continue
            if RANK[tmod] > RANK[mod] or (
                    RANK[tmod] == RANK[mod] and LAYERS[RANK[mod]][0] == "front"):
                breaches.append(f"{rel}: {mod} calls {sym} of {trel} "
                                f"({tmod}, {LAYERS[RANK[tmod]][0]})")


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    root, build = sys.argv[1], sys.argv[2]
    breaches = []
    check_includes(root, breaches)
    check_calls(root, build, breaches)
    for b in breaches:
        print(b)
    if breaches:
        print(f"{len(breaches)} layer breaches (DESIGN §3)")
        return 1
    print("layers: every include and call goes down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
