#!/usr/bin/env python3
"""Choose comb's default members on the M3 training data (docs/forecast.md,
"How the defaults were chosen").  Standard library only.

Two validation origins, both inside the training data:
  A  the last h training values of each series are held out
     (caspian-m3 --holdout on the M3 folder);
  B  the h values before the last floor(h/2) training values are held out
     (caspian-m3 --holdout on the folder that `cut` writes).

    bench/m3comb.py cut --data M3 --out M3CUT
    for m in ets arima ...; do
      build/caspian-m3 --data M3 --holdout --method $m -o A/val-$m.csv
      build/caspian-m3 --data M3CUT --holdout --method $m -o B/val-$m.csv
    done
    bench/m3comb.py search --data M3 --a A --b B --members ets,arima,...

search scores every subset of 2..--max members, combined by the mean, the
median (3 or more members) and the trimmed mean (4 or more), per seasonal
period, by series-weighted sMAPE (the M3 scorer's definition).  A
candidate's score is the mean of two averages over A and B: over the
series where every candidate member has forecasts (members compared on
equal terms) and over all series, a member without forecasts for a series
being left out of its combination as comb does (a candidate none of whose
members forecasts some series scores infinity).  For the best candidate of
each period it then prints the 95% coverage of the three interval rules at
A and B.  The test values (test.csv) are never read.
"""
import argparse
import csv
import itertools
import math
import os
import sys


def read_data(folder):
    series = list(csv.DictReader(open(os.path.join(folder, "series.csv"), newline="")))
    values = {}
    for r in csv.DictReader(open(os.path.join(folder, "train.csv"), newline="")):
        values.setdefault(r["id"], []).append((int(r["t"]), float(r["value"])))
    for k in values:
        values[k] = [v for _, v in sorted(values[k])]
    return series, values


def cmd_cut(args):
    series, values = read_data(args.data)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "series.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(series[0].keys()))
        w.writeheader()
        for s in series:
            s = dict(s)
            s["n"] = str(int(s["n"]) - int(s["h"]) // 2)
            w.writerow(s)
    with open(os.path.join(args.out, "train.csv"), "w", newline="") as f:
        f.write("id,t,value\n")
        for s in series:
            x = values[s["id"]]
            for t, v in enumerate(x[: len(x) - int(s["h"]) // 2], 1):
                f.write("%s,%d,%s\n" % (s["id"], t, repr(v)))


class Origin:
    """Held-out values, MASE scales and member forecasts of one origin."""

    def __init__(self, series, values, cut, folder):
        self.folder = folder
        self.y, self.period = {}, {}
        for s in series:
            h, x = int(s["h"]), values[s["id"]]
            x = x[: len(x) - cut(h)]
            self.y[s["id"]] = x[len(x) - h:]
            self.period[s["id"]] = int(s["period"])
        self.members = {}

    def load(self, name):
        out = {}
        path = os.path.join(self.folder, "val-%s.csv" % name)
        for r in csv.DictReader(open(path, newline="")):
            out.setdefault(r["id"], []).append(
                (int(r["h"]), float(r["value"]), float(r["lo95"]), float(r["hi95"])))
        self.members[name] = {k: [p[1:] for p in sorted(v)] for k, v in out.items()}


def combine(values, how):
    k = len(values)
    if how == "mean" or k < 3:
        return math.fsum(values) / k
    v = sorted(values)
    if how == "median":
        return v[k // 2] if k % 2 else (v[k // 2 - 1] + v[k // 2]) / 2
    return math.fsum(v[1:-1]) / (k - 2)


def smape(y, f):
    return sum(0.0 if abs(a) + abs(b) == 0 else 200 * abs(a - b) / (abs(a) + abs(b))
               for a, b in zip(y, f)) / len(y)


def score(origin, ids, mem, how):
    total = 0.0
    for i in ids:
        fc = [origin.members[m][i] for m in mem if i in origin.members[m]]
        if not fc:
            return math.inf  # comb would fail on this series
        f = [combine([p[j][0] for p in fc], how) for j in range(len(origin.y[i]))]
        total += smape(origin.y[i], f)
    return total / len(ids)


def mixture_bound(mu, sd, p):
    def cdf(x):
        return sum(0.5 * math.erfc(-(x - m) / (s * math.sqrt(2))) if s > 0 else float(x >= m)
                   for m, s in zip(mu, sd)) / len(mu)
    a = min(m - 10 * s for m, s in zip(mu, sd))
    b = max(m + 10 * s for m, s in zip(mu, sd))
    for _ in range(200):
        if b - a <= 1e-12 * max(1, abs(a) + abs(b)):
            break
        mid = (a + b) / 2
        a, b = (mid, b) if cdf(mid) < p else (a, mid)
    return (a + b) / 2


def coverage(origin, ids, mem, how, rule):
    z = 1.959963984540054
    cov = []
    for i in ids:
        fc = [origin.members[m][i] for m in mem if i in origin.members[m]]
        hit = 0
        for j, y in enumerate(origin.y[i]):
            pts = [p[j] for p in fc]
            f = combine([p[0] for p in pts], how)
            if rule == "envelope":
                lo, hi = min(p[1] for p in pts), max(p[2] for p in pts)
            elif rule == "mean":
                lo = sum(p[1] for p in pts) / len(pts)
                hi = sum(p[2] for p in pts) / len(pts)
            else:
                mu = [p[0] for p in pts]
                sd = [(p[2] - p[1]) / (2 * z) for p in pts]
                lo, hi = mixture_bound(mu, sd, 0.025), mixture_bound(mu, sd, 0.975)
            hit += min(lo, f) <= y <= max(hi, f)
        cov.append(100.0 * hit / len(origin.y[i]))
    return sum(cov) / len(cov)


def cmd_search(args):
    series, values = read_data(args.data)
    names = args.members.split(",")
    origins = [Origin(series, values, lambda h: 0, args.a),
               Origin(series, values, lambda h: h // 2, args.b)]
    for o in origins:
        for n in names:
            o.load(n)
    for m in sorted({int(s["period"]) for s in series}):
        ids = [s["id"] for s in series if int(s["period"]) == m]
        cand = [n for n in names if m > 1 or n not in args.seasonal_only.split(",")]
        full = [[i for i in ids if all(i in o.members[n] for n in cand)] for o in origins]
        res = []
        for k in range(2, args.max + 1):
            for mem in itertools.combinations(cand, k):
                hows = ["mean"] + (["median"] if k >= 3 else []) + (["trimmed"] if k >= 4 else [])
                for how in hows:
                    al = [score(o, ids, mem, how) for o in origins]
                    eq = [a if len(f) == len(ids) else score(o, f, mem, how)
                          for a, o, f in zip(al, origins, full)]
                    res.append(((sum(eq) + sum(al)) / 4, eq, al, how, mem))
        res.sort(key=lambda r: r[0])
        print("== m = %d: %d series (%d and %d with every member), %d candidates"
              % (m, len(ids), len(full[0]), len(full[1]), len(res)))
        for r in res[: args.top]:
            print("%.3f  equal terms A %.3f B %.3f  all A %.3f B %.3f  %s of %s"
                  % (r[0], r[1][0], r[1][1], r[2][0], r[2][1], r[3], ",".join(r[4])))
        best = res[0]
        for rule in ("envelope", "mixture", "mean"):
            c = [coverage(o, ids, best[4], best[3], rule) for o in origins]
            print("   95%% coverage, %-8s A %.2f B %.2f mean %.2f" % (rule, c[0], c[1], sum(c) / 2))
        sys.stdout.flush()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cut", help="write the M3 folder without the last floor(h/2) training values")
    c.add_argument("--data", required=True)
    c.add_argument("--out", required=True)
    s = sub.add_parser("search", help="score the combinations at origins A and B")
    s.add_argument("--data", required=True, help="the M3 folder (series.csv, train.csv)")
    s.add_argument("--a", required=True, help="folder of val-NAME.csv at origin A")
    s.add_argument("--b", required=True, help="folder of val-NAME.csv at origin B")
    s.add_argument("--members", required=True)
    s.add_argument("--seasonal-only", default="snaive,arima:lambda=auto",
                   help="members left out for m = 1")
    s.add_argument("--max", type=int, default=6)
    s.add_argument("--top", type=int, default=10)
    args = p.parse_args()
    cmd_cut(args) if args.cmd == "cut" else cmd_search(args)


if __name__ == "__main__":
    main()
