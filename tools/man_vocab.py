#!/usr/bin/env python3
"""Writes the built-in blocker vocabularies of src/config.c (vocab_national,
vocab_dtoc: code, label, family, default agency) into man/sitrep.yaml.5,
between the markers vocab-NAME:begin and vocab-NAME:end, so the page lists
exactly what sitrep uses. tests/cli/test_man_vocab.sh checks it (--check).

usage: tools/man_vocab.py SOURCE_ROOT [--check]"""
import re
import sys

FAMILY = {"FAMILY_HOSPITAL": "hospital", "FAMILY_HUB": "hub",
          "FAMILY_INTERFACE": "interface", "FAMILY_CAPACITY": "capacity",
          "FAMILY_WELLBEING": "wellbeing"}
AGENCY = {"AGENCY_NHS": "NHS", "AGENCY_ASC": "ASC", "AGENCY_BOTH": "both",
          "NO_AGENCY": None}


def vocab(src, name):
    i = src.index("static const struct reason_default %s[] = {" % name)
    body = src[i:src.index("};", i)]
    out = []
    for code, label, fam, ag in re.findall(
            r'\{"([^"]+)",\s*((?:"[^"]*"\s*)+),\s*(FAMILY_\w+),\s*(\w+)\}',
            body, re.S):
        out.append((code, "".join(re.findall(r'"([^"]*)"', label)),
                    FAMILY[fam], AGENCY[ag]))
    return out


def troff(s):
    return s.replace("\\", "\\e").replace("-", "\\-")


def block(entries):
    lines = []
    for code, label, fam, ag in entries:
        lines += [".TP", ".B %s" % troff(code),
                  "%s (%s; %s)." % (troff(label), fam,
                                    "agency %s" % ag if ag else
                                    "no default agency")]
    return lines


def main():
    root = sys.argv[1]
    check = "--check" in sys.argv[2:]
    src = open(root + "/src/config.c", encoding="utf-8").read()
    path = root + "/man/sitrep.yaml.5"
    lines = open(path, encoding="utf-8").read().split("\n")
    new = list(lines)
    for name, var in (("national", "vocab_national"), ("dtoc", "vocab_dtoc")):
        b = new.index('.\\" vocab-%s:begin' % name)
        e = new.index('.\\" vocab-%s:end' % name)
        new[b + 1:e] = block(vocab(src, var))
    if check:
        if new != lines:
            print("man/sitrep.yaml.5 lists other vocabularies than "
                  "src/config.c: run tools/man_vocab.py")
            return 1
        return 0
    open(path, "w", encoding="utf-8").write("\n".join(new))
    return 0


if __name__ == "__main__":
    sys.exit(main())
