#!/usr/bin/env python3
"""Writes a deterministic census of current inpatients to stdout, for the
CLI tests (tests/cli/test_census.sh).

Every run with the same options writes the same bytes. The rows spread over
all eight sites of config/sitrep.yaml and several wards of each; NHS numbers
are in the never-issued 999 range with a correct Modulus 11 check digit; some
stays are green to go with a delay reason, agency and pathway; some notes
hold commas, quotes and newlines; some names are not ASCII.

usage: gen_census.py [--rows N] [--shuffle] [--crlf] [--bom] [--mixed-case]
                     [--site CODE] [--skip N]

  --shuffle     columns in a shuffled (fixed) order
  --crlf        CRLF line ends, also inside quoted notes
  --bom         a UTF-8 byte-order mark first
  --mixed-case  header names in upper / title case
  --site CODE   only the rows of that site
  --skip N      leave out every Nth of the rows written (1st, N+1th, ...)
"""
import csv
import datetime
import io
import random
import sys

SITES = {
    "SFT": ["AMU", "BRT", "DUR", "FAR", "HIN", "SPI"],
    "GWH": ["AMU", "ALD", "AMP", "DAI", "ICU"],
    "RUH": ["MAU", "CHE", "COM", "HAY", "ESU"],
    "CHP": ["CED", "OAK"],
    "SAV": ["AIL"],
    "WMR": ["LNG"],
    "ICT": ["STEPUP", "STEPDN"],
    "AWP": ["APL", "LID", "BEE", "AMB"],
}
FAMILY = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
          "Johnson", "Davies", "O'Brien", "Ó Briain", "Zoë", "Smith, Jr.",
          "王", "Nowak", "Kowalczyk", "Ní Bhriain", "Müller", "D'Arcy"]
GIVEN = ["Oliver", "Amelia", "Harry", "Isla", "Zoë", "Seán", "秀英",
         "Siobhán", "Jack", "Ava", "Noah", "Mia", "Łukasz", "Renée"]
NOTES = ["", "", "", "", "", "", "",
         "Awaiting OT, PT and SALT",
         'Daughter says "not before Friday"',
         "Family meeting booked\nfor Thursday",
         'Care package: 4 calls/day, "double up", from\nMonday',
         "=not a formula"]
REASONS = ["A", "B", "C", "D1", "D2", "E", "F", "G", "H", "I", "O"]
AGENCIES = ["NHS", "ASC", "both"]
COLUMNS = ["site", "ward", "bed", "mrn", "nhs_number", "family_name",
           "given_name", "birth_date", "admitted_at", "edd", "g2g_date",
           "pathway", "delay_reason", "delay_agency", "note"]
CENSUS_DAY = datetime.date(2026, 11, 23)


def nhs_numbers():
    """Valid NHS numbers 999 000 001 8, ... (check digit 10 skipped)."""
    n = 0
    while True:
        body = "999%06d" % n
        n += 1
        total = sum(int(c) * (10 - i) for i, c in enumerate(body))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        yield body + str(check)


def rows(count):
    rng = random.Random(20261123)
    nhs = nhs_numbers()
    codes = list(SITES)
    for i in range(count):
        site = codes[i % len(codes)]
        ward = SITES[site][rng.randrange(len(SITES[site]))]
        admitted = CENSUS_DAY - datetime.timedelta(days=rng.randrange(1, 60))
        row = {
            "site": site,
            "ward": ward,
            "bed": "%s-%02d" % (ward, rng.randrange(1, 40)),
            "mrn": "%s%06d" % (site[0], 100000 + i),
            "nhs_number": next(nhs) if i % 10 else "",
            "family_name": FAMILY[rng.randrange(len(FAMILY))],
            "given_name": GIVEN[rng.randrange(len(GIVEN))],
            "birth_date": "" if i % 7 == 0 else "%04d-%02d-%02d" % (
                rng.randrange(1925, 2005), rng.randrange(1, 13),
                rng.randrange(1, 29)),
            "admitted_at": "%sT%02d:%02d" % (
                admitted.isoformat(), rng.randrange(24),
                rng.randrange(0, 60, 5)),
            "edd": "", "g2g_date": "", "pathway": "", "delay_reason": "",
            "delay_agency": "",
            "note": NOTES[rng.randrange(len(NOTES))],
        }
        if rng.random() < 0.8:
            row["edd"] = (admitted + datetime.timedelta(
                days=rng.randrange(1, 30))).isoformat()
        if rng.random() < 0.3:
            span = (CENSUS_DAY - admitted).days
            row["g2g_date"] = (admitted + datetime.timedelta(
                days=rng.randrange(0, span + 1))).isoformat()
            row["pathway"] = str(rng.randrange(4))
            if rng.random() < 0.7:
                row["delay_reason"] = REASONS[rng.randrange(len(REASONS))]
                row["delay_agency"] = AGENCIES[rng.randrange(3)]
        elif rng.random() < 0.2:
            row["pathway"] = str(rng.randrange(4))
        yield row


def main(argv):
    opts = {"rows": 1000, "shuffle": False, "crlf": False, "bom": False,
            "mixed-case": False, "site": None, "skip": 0}
    args = list(argv)
    while args:
        a = args.pop(0)
        name = a[2:]
        if name in ("rows", "site", "skip"):
            opts[name] = args.pop(0)
        elif name in opts:
            opts[name] = True
        else:
            sys.exit("gen_census.py: unknown option " + a)
    columns = list(COLUMNS)
    if opts["shuffle"]:
        random.Random(7).shuffle(columns)
    header = list(columns)
    if opts["mixed-case"]:
        header = [c.upper() if i % 2 else c.title()
                  for i, c in enumerate(header)]
    eol = "\r\n" if opts["crlf"] else "\n"
    buf = io.StringIO(newline="")
    out = csv.writer(buf, lineterminator=eol)
    out.writerow(header)
    kept = 0
    for row in rows(int(opts["rows"])):
        if opts["site"] and row["site"] != opts["site"]:
            continue
        kept += 1
        if opts["skip"] and (kept - 1) % int(opts["skip"]) == 0:
            continue
        out.writerow([row[c].replace("\n", eol) for c in columns])
    data = buf.getvalue().encode("utf-8")
    if opts["bom"]:
        data = b"\xef\xbb\xbf" + data
    sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main(sys.argv[1:])
