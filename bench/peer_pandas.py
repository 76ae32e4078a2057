#!/usr/bin/python3
"""The pandas peer: the report's headline figures per site from a
`sitrep export` CSV, as an analyst would compute them with pandas.

usage: peer_pandas.py CSV DAY STRANDED_DAYS SUPER_STRANDED_DAYS

Prints CSV rows in the shape of bench/hand.sql's output:
  bed,SITE,occupied,stranded,super_stranded,g2g
  dbd,SITE,delayed bed days month to date
  dis,SITE,discharges yesterday
"""
import sys

import pandas as pd


def main():
    path, day, strand, sup = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    d = pd.Timestamp(day)
    nxt = d + pd.Timedelta(days=1)
    month = d.replace(day=1)
    cols = ["site", "admitted_at", "g2g_date", "discharged_at"]
    df = pd.read_csv(path, usecols=cols, dtype=str, encoding="utf-8-sig")
    adm = pd.to_datetime(df["admitted_at"].str.slice(0, 10), format="%Y-%m-%d")
    dis = pd.to_datetime(df["discharged_at"].str.slice(0, 10), format="%Y-%m-%d")
    g2g = pd.to_datetime(df["g2g_date"], format="%Y-%m-%d")

    in_bed = (adm <= d) & (dis.isna() | (dis > d))
    los = (d - adm).dt.days
    bed = pd.DataFrame({
        "site": df["site"],
        "occupied": in_bed,
        "stranded": in_bed & (los >= strand),
        "super": in_bed & (los >= sup),
        "g2g": in_bed & (g2g <= d),
    })[in_bed].groupby("site").sum()

    lo = g2g.where(g2g > month, month)
    hi = dis.fillna(nxt).where(dis.fillna(nxt) < nxt, nxt)
    days = (hi - lo).dt.days.clip(lower=0)
    dbd = days[g2g.notna() & (g2g <= d)].groupby(df["site"]).sum()

    dis_d1 = df["site"][dis == d - pd.Timedelta(days=1)].value_counts()

    out = sys.stdout
    for site, r in bed.iterrows():
        out.write("bed,%s,%d,%d,%d,%d\n" % (site, r["occupied"], r["stranded"],
                                            r["super"], r["g2g"]))
    for site, v in dbd.items():
        out.write("dbd,%s,%d\n" % (site, v))
    for site, v in dis_d1.items():
        out.write("dis,%s,%d\n" % (site, v))


if __name__ == "__main__":
    main()
