#!/usr/bin/env python3
"""Choose comb's default members on the M3 training data (docs/forecast.md,
"How the defaults were chosen").  Needs numpy (Debian: python3-numpy).

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

    bench/m3comb.py weights --data M3 --a A --b B --period 4 --members ...

weights fits non-negative weights summing to one at one origin and scores
them at the other, beside the mean and the median of the same members.

search scores every subset of 2..--max members, combined by the mean, the
median (3 or more members) and the trimmed mean (4 or more), per seasonal
period, by series-weighted sMAPE (the M3 scorer's definition).  A
candidate's score is the mean of two averages over A and B: over the
series where every candidate member has forecasts (members compared on
equal terms) and over all series, a member without forecasts for a series
being left out of its combination as comb does (a candidate none of whose
members forecasts some series scores infinity).  For the best candidate of
each period it then prints the 95% coverage of the three interval rules at
A and B.  --min-n and --max-n keep the series whose training part (n in
series.csv) has that many values (comb's default for non-seasonal series
changes at 50).  The test values (test.csv) are never read.
"""
import argparse
import csv
import itertools
import math
import os
import sys
import warnings

import numpy as np


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
    """Held-out values and member forecasts of one origin, as arrays
    (series x step; NaN where a series has fewer steps or a member no forecast)."""

    def __init__(self, series, values, cut, folder):
        self.folder = folder
        self.pos = {s["id"]: k for k, s in enumerate(series)}
        self.steps = max(int(s["h"]) for s in series)
        self.y = np.full((len(series), self.steps), np.nan)
        for k, s in enumerate(series):
            h, x = int(s["h"]), values[s["id"]]
            x = x[: len(x) - cut(h)]
            self.y[k, :h] = x[len(x) - h:]
        self.members = {}

    def load(self, name):
        f = np.full((3,) + self.y.shape, np.nan)  # value, lo95, hi95
        path = os.path.join(self.folder, "val-%s.csv" % name)
        for r in csv.DictReader(open(path, newline="")):
            k, j = self.pos[r["id"]], int(r["h"]) - 1
            f[:, k, j] = float(r["value"]), float(r["lo95"]), float(r["hi95"])
        self.members[name] = f


def combine(points, how):
    """Combine along axis 0, members without a forecast (NaN) left out; with
    fewer than three forecasts, median and trimmed mean are the mean."""
    k = np.sum(~np.isnan(points), axis=0)
    total = np.nansum(points, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(k > 0, total / k, np.nan)
        if how == "mean":
            return mean
        if how == "median":
            return np.where(k >= 3, np.nanmedian(points, axis=0), mean)
        lo = np.nanmin(points, axis=0)
        hi = np.nanmax(points, axis=0)
        return np.where(k >= 3, (total - lo - hi) / np.maximum(k - 2, 1), mean)


def smape(y, f, rows):
    """Series-weighted sMAPE (the M3 scorer's) over the series in rows; inf
    when a series there has no combined forecast."""
    y, f = y[rows], f[rows]
    have = ~np.isnan(y)
    if np.any(np.isnan(f) & have):
        return math.inf
    with np.errstate(invalid="ignore", divide="ignore"):
        den = np.abs(y) + np.abs(f)
        e = np.where(den == 0, 0.0, 200 * np.abs(y - f) / den)
    e = np.where(have, e, 0.0)
    return float(np.mean(e.sum(axis=1) / have.sum(axis=1)))


def mixture_bound(mu, sd, p):
    """Per point, x with mean_i Phi((x - mu_i) / sd_i) = p over the members
    present (axis 0), by bisection."""
    present = ~np.isnan(mu)
    n = present.sum(axis=0)
    a = np.nanmin(mu - 10 * sd, axis=0)
    b = np.nanmax(mu + 10 * sd, axis=0)
    erfc = np.vectorize(math.erfc)
    for _ in range(200):
        mid = (a + b) / 2
        with np.errstate(invalid="ignore", divide="ignore"):
            z = np.where(sd > 0, -(mid - mu) / (sd * math.sqrt(2)), np.where(mid >= mu, -np.inf, np.inf))
        c = np.where(present, 0.5 * erfc(np.where(present, z, 0.0)), 0.0).sum(axis=0) / n
        below = c < p
        a, b = np.where(below, mid, a), np.where(below, b, mid)
    return (a + b) / 2


def coverage(origin, rows, mem, how, rule):
    z = 1.959963984540054
    f = np.stack([origin.members[m] for m in mem])[:, :, rows]  # member, kind, series, step
    point = combine(f[:, 0], how)
    if rule == "envelope":
        lo, hi = np.nanmin(f[:, 1], axis=0), np.nanmax(f[:, 2], axis=0)
    elif rule == "mean":
        lo, hi = np.nanmean(f[:, 1], axis=0), np.nanmean(f[:, 2], axis=0)
    else:
        mu, sd = f[:, 0], (f[:, 2] - f[:, 1]) / (2 * z)
        lo, hi = mixture_bound(mu, sd, 0.025), mixture_bound(mu, sd, 0.975)
    y = origin.y[rows]
    have = ~np.isnan(y)
    hit = (np.fmin(lo, point) <= y) & (y <= np.fmax(hi, point)) & have
    return float(np.mean(100.0 * hit.sum(axis=1) / have.sum(axis=1)))


def cmd_search(args):
    warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices are expected
    series, values = read_data(args.data)
    names = args.members.split(",")
    origins = [Origin(series, values, lambda h: 0, args.a),
               Origin(series, values, lambda h: h // 2, args.b)]
    for o in origins:
        for n in names:
            o.load(n)
    periods = sorted({int(s["period"]) for s in series})
    for m in periods if args.period is None else [args.period]:
        rows = np.array([int(s["period"]) == m and args.min_n <= int(s["n"]) <= args.max_n
                         for s in series])
        cand = [n for n in names if m > 1 or n not in args.seasonal_only.split(",")]
        # The period's series only, so that each candidate touches no others.
        ys = [o.y[rows] for o in origins]
        stacked = [np.stack([o.members[n][0][rows] for n in cand]) for o in origins]
        full = [np.all(~np.isnan(st[:, :, 0]), axis=0) for st in stacked]
        every = np.ones(int(rows.sum()), dtype=bool)
        res = []
        for k in range(2, args.max + 1):
            for idx in itertools.combinations(range(len(cand)), k):
                hows = ["mean"] + (["median"] if k >= 3 else []) + (["trimmed"] if k >= 4 else [])
                for how in hows:
                    f = [combine(st[list(idx)], how) for st in stacked]
                    al = [smape(y, fo, every) for y, fo in zip(ys, f)]
                    eq = [a if fu.all() else smape(y, fo, fu)
                          for a, y, fo, fu in zip(al, ys, f, full)]
                    res.append(((sum(eq) + sum(al)) / 4, eq, al, how, [cand[i] for i in idx]))
        res.sort(key=lambda r: r[0])
        print("== m = %d, n %d..%s: %d series (%d and %d with every member), %d candidates"
              % (m, args.min_n, args.max_n if args.max_n < math.inf else "", rows.sum(),
                 full[0].sum(), full[1].sum(), len(res)))
        for r in res[: args.top]:
            print("%.3f  equal terms A %.3f B %.3f  all A %.3f B %.3f  %s of %s"
                  % (r[0], r[1][0], r[1][1], r[2][0], r[2][1], r[3], ",".join(r[4])))
        best = res[0]
        for rule in ("envelope", "mixture", "mean"):
            c = [coverage(o, rows, best[4], best[3], rule) for o in origins]
            print("   95%% coverage, %-8s A %.2f B %.2f mean %.2f" % (rule, c[0], c[1], sum(c) / 2))
        sys.stdout.flush()


def weighted(points, w):
    """Weighted mean along axis 0, members without a forecast left out and
    the weights of the others renormalised (comb's fallback)."""
    have = ~np.isnan(points)
    ww = np.where(have, w[:, None, None], 0.0)
    total = ww.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (np.where(have, points, 0.0) * ww).sum(axis=0) / total,
                        np.nan)


def fit_weights(points, y, rows, steps=300):
    """Non-negative weights summing to one that minimise the sMAPE of the
    weighted mean: exponentiated gradient with forward differences, a
    shrinking step, the best point seen kept."""
    k = len(points)
    w = np.full(k, 1.0 / k)
    best = (smape(y, weighted(points, w), rows), w.copy())
    rate = 0.5
    for _ in range(steps):
        f0 = smape(y, weighted(points, w), rows)
        g = np.empty(k)
        for i in range(k):
            v = w.copy()
            v[i] += 1e-3
            g[i] = (smape(y, weighted(points, v / v.sum()), rows) - f0) / 1e-3
        w = w * np.exp(-rate * g / (np.abs(g).max() + 1e-12))
        w /= w.sum()
        score = smape(y, weighted(points, w), rows)
        if score < best[0]:
            best = (score, w.copy())
        rate *= 0.99
    return best


def cmd_weights(args):
    """Fit weights at one origin, score them at the other, beside the plain
    mean and the median of the same members."""
    warnings.simplefilter("ignore", RuntimeWarning)
    series, values = read_data(args.data)
    names = args.members.split(",")
    origins = [Origin(series, values, lambda h: 0, args.a),
               Origin(series, values, lambda h: h // 2, args.b)]
    rows = np.array([int(s["period"]) == args.period for s in series])
    every = np.ones(int(rows.sum()), dtype=bool)
    stacked, ys = [], []
    for o in origins:
        for n in names:
            o.load(n)
        stacked.append(np.stack([o.members[n][0][rows] for n in names]))
        ys.append(o.y[rows])
    for how in ("mean", "median"):
        print("%-6s A %.3f B %.3f" % (how, *[smape(y, combine(st, how), every)
                                           for y, st in zip(ys, stacked)]))
    fitted = [fit_weights(st, y, every) for st, y in zip(stacked, ys)]
    for at, other in ((0, 1), (1, 0)):
        score, w = fitted[at]
        print("weights fitted at %s: %.3f there, %.3f at %s" % (
            "AB"[at], score, smape(ys[other], weighted(stacked[other], w), every), "AB"[other]))
    for n, wa, wb in zip(names, fitted[0][1], fitted[1][1]):
        print("  %-22s A %.3f  B %.3f" % (n, wa, wb))


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
    s.add_argument("--period", type=int, help="search this seasonal period only")
    s.add_argument("--min-n", type=int, default=0,
                   help="only series with at least this many training values")
    s.add_argument("--max-n", type=float, default=math.inf,
                   help="only series with at most this many training values")
    s.add_argument("--max", type=int, default=6)
    s.add_argument("--top", type=int, default=10)
    w = sub.add_parser("weights", help="fit weights at one origin, score them at the other")
    w.add_argument("--data", required=True)
    w.add_argument("--a", required=True)
    w.add_argument("--b", required=True)
    w.add_argument("--members", required=True)
    w.add_argument("--period", type=int, required=True)
    args = p.parse_args()
    {"cut": cmd_cut, "search": cmd_search, "weights": cmd_weights}[args.cmd](args)


if __name__ == "__main__":
    main()
