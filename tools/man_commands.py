#!/usr/bin/env python3
"""Rewrites man/sitrep.1's generated parts from the command table: the
SYNOPSIS block between the commands:begin/end markers and the heading of
each entry of COMMANDS (in table order). tests/cli/test_cmds.sh checks them.

usage: tools/man_commands.py BUILD/gen_cmds man/sitrep.1"""
import subprocess
import sys


def main():
    gen, man = sys.argv[1], sys.argv[2]
    synopsis = subprocess.run([gen, "synopsis"], capture_output=True,
                              text=True, check=True).stdout.splitlines()
    headings = [h for h in subprocess.run(
        [gen, "commands"], capture_output=True, text=True,
        check=True).stdout.splitlines() if h != ".TP"]
    lines = open(man, encoding="utf-8").read().split("\n")
    begin = lines.index('.\\" commands:begin')
    end = lines.index('.\\" commands:end')
    lines[begin + 1:end] = synopsis
    in_cmds, depth, want, slots = False, 0, False, []
    for i, line in enumerate(lines):
        if line.startswith(".SH "):
            in_cmds, depth = line == ".SH COMMANDS", 0
            continue
        if not in_cmds:
            continue
        if line.startswith(".RS"):
            depth += 1
        elif line.startswith(".RE"):
            depth -= 1
        if want:
            slots.append(i)
            want = False
        elif line == ".TP" and depth == 0:
            want = True
    if len(slots) != len(headings):
        sys.exit(f"{man}: {len(slots)} entries under COMMANDS, "
                 f"{len(headings)} in the command table: add or remove "
                 "an entry by hand first")
    for i, h in zip(slots, headings):
        lines[i] = h
    open(man, "w", encoding="utf-8").write("\n".join(lines))


if __name__ == "__main__":
    main()
