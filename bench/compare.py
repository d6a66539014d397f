#!/usr/bin/env python3
"""End-to-end comparison: caspian against GNU datamash, Miller, sqlite3, pandas
and R data.table doing the same two jobs on the same CSV, one core each.

  group-by series   count, sum, mean, min, max of every series
  resample          monthly -> annual sums of every series

Every tool reads the CSV, computes and writes CSV, timed as a whole process
(start-up included).  Outputs are checked against caspian's: same keys, and
numbers equal to 1e-9 relative (tools add in different orders).  Both the
wall-clock time and the CPU time (user + system of all the processes a
command ran) are kept, best of --reps runs; ratios use CPU time, which a busy
shared machine disturbs less.  Also timed:
caspian on the same rows in period-major order, the import into the store,
and the two jobs run from the store.

    bench/compare.py [--caspian build-bench/caspian] [--reps 3] [--work DIR]
                     [--gen PATH/gen_panel.py] [--series N] [--markdown FILE]

The panel comes from the shared generator (default panel: 20,000 series x
120 months = 2.4 M rows) with missing values written as NA, the one marker
every tool here reads as missing (datamash cannot read an empty numeric field).
Debian packages: datamash miller sqlite3 python3-pandas r-cran-data.table.
"""
import argparse
import csv
import math
import os
import resource
import shutil
import subprocess
import sys
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PANDAS_GROUP = """
import sys, pandas as pd
df = pd.read_csv(sys.argv[1])
r = df.groupby('series', sort=True)['value'].agg(['count', 'sum', 'mean', 'min', 'max'])
r.to_csv(sys.argv[2])
"""

PANDAS_RESAMPLE = """
import sys, pandas as pd
df = pd.read_csv(sys.argv[1])
df['year'] = df['period'].str[:4]
r = df.groupby(['series', 'year'], sort=True)['value'].sum(min_count=1)
r.to_csv(sys.argv[2])
"""

R_GROUP = """
suppressMessages(library(data.table)); setDTthreads(1)
a <- commandArgs(TRUE)
dt <- fread(a[1], colClasses = list(character = c("series", "period"), numeric = "value"))
r <- dt[, .(count = sum(!is.na(value)), sum = sum(value, na.rm = TRUE),
            mean = mean(value, na.rm = TRUE), min = min(value, na.rm = TRUE),
            max = max(value, na.rm = TRUE)), keyby = series]
fwrite(r, a[2])
"""

R_RESAMPLE = """
suppressMessages(library(data.table)); setDTthreads(1)
a <- commandArgs(TRUE)
dt <- fread(a[1], colClasses = list(character = c("series", "period"), numeric = "value"))
r <- dt[, .(value = sum(value, na.rm = TRUE)), keyby = .(series, year = substr(period, 1, 4))]
fwrite(r, a[2])
"""

SQL_GROUP = ("SELECT series, COUNT(v), SUM(v), AVG(v), MIN(v), MAX(v) FROM "
             "(SELECT series, CAST(NULLIF(value, 'NA') AS REAL) AS v FROM t) "
             "GROUP BY series ORDER BY series;")
SQL_RESAMPLE = ("SELECT series, substr(period, 1, 4) AS year, SUM(v) FROM "
                "(SELECT series, period, CAST(NULLIF(value, 'NA') AS REAL) AS v FROM t) "
                "GROUP BY series, year ORDER BY series, year;")


# pandas comes from the Debian package, so from Debian's own interpreter
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"


def q(s):
    return "'" + s.replace("'", "'\\''") + "'"


def commands(job, csv_path, out, cas, work):
    """tool -> shell command writing job's CSV result to out."""
    f, o = q(csv_path), q(out)
    if job == "group":
        return {
            "caspian": "%s stats '*' --file %s --format csv > %s" % (q(cas), f, o),
            "datamash": "datamash -t, --header-in --narm -g 1 count 3 sum 3 mean 3 min 3 max 3 < %s > %s" % (f, o),
            "miller": "mlr --icsv --ocsv filter '$value != \"NA\"' then stats1 -a count,sum,mean,min,max -f value -g series %s > %s" % (f, o),
            "sqlite3": "sqlite3 :memory: -cmd '.mode csv' -cmd %s %s > %s" % (q(".import " + csv_path + " t"), q(SQL_GROUP), o),
            "pandas": "%s -c %s %s %s" % (PYTHON, q(PANDAS_GROUP), f, o),
            "data.table": "Rscript -e %s %s %s" % (q(R_GROUP), f, o),
        }
    return {
        "caspian": "%s resample '*' --file %s --to annual --how sum --format csv > %s" % (q(cas), f, o),
        # datamash cannot cut a year out of a period; awk does it on the way in
        "datamash": "awk -F, -v OFS=, '{ $2 = substr($2, 1, 4); print }' %s | datamash -t, --header-in --narm -g 1,2 sum 3 > %s" % (f, o),
        "miller": "mlr --icsv --ocsv filter '$value != \"NA\"' then put '$year = substr($period, 0, 3)' then stats1 -a sum -f value -g series,year %s > %s" % (f, o),
        "sqlite3": "sqlite3 :memory: -cmd '.mode csv' -cmd %s %s > %s" % (q(".import " + csv_path + " t"), q(SQL_RESAMPLE), o),
        "pandas": "%s -c %s %s %s" % (PYTHON, q(PANDAS_RESAMPLE), f, o),
        "data.table": "Rscript -e %s %s %s" % (q(R_RESAMPLE), f, o),
    }


def child_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(cmd, reps, env):
    """(best wall seconds, best CPU seconds: user + system of every process
    the command ran).  On a shared machine the CPU time is the steadier one."""
    best, best_cpu = math.inf, math.inf
    for _ in range(reps):
        c0 = child_cpu()
        t0 = time.perf_counter()
        r = subprocess.run(["bash", "-c", cmd], env=env, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        if r.returncode != 0:
            sys.stderr.write("failed (%d): %s\n%s\n" % (r.returncode, cmd, r.stderr.decode()[-500:]))
            return None
        best = min(best, dt)
        best_cpu = min(best_cpu, child_cpu() - c0)
    return best, best_cpu


def num(x):
    if x in ("", "NA", "NaN", "nan"):
        return math.nan
    return float(x)


def read_result(path, job, tool):
    """{key: [numbers]}: group -> (count, sum, mean, min, max); resample -> (sum,)."""
    rows = {}
    with open(path, newline="") as fh:
        rd = csv.reader(fh)
        first = True
        for row in rd:
            if not row:
                continue
            if first and tool != "sqlite3" and tool != "datamash":
                first = False
                continue  # header
            first = False
            if job == "group":
                if tool == "caspian":
                    rows[row[0]] = [num(row[1])] + [num(v) for v in row[3:7]]
                else:
                    rows[row[0]] = [num(v) for v in row[1:6]]
            else:
                key = (row[0], row[1][:4])
                rows[key] = [num(row[2])]
    return rows


def agree(ref, got):
    """Number of keys that differ (missing, extra or a number off by > 1e-9 relative)."""
    bad = len(set(ref) ^ set(got))
    for k in set(ref) & set(got):
        for a, b in zip(ref[k], got[k]):
            if math.isnan(a) and math.isnan(b):
                continue
            if not abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300):
                bad += 1
                break
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--caspian", default=os.path.join(SRC, "build-bench", "caspian"),
                    help="the caspian binary (bench/run builds build-bench/caspian)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--work", default="/tmp/caspian-compare")
    shared = os.environ.get("CASPIAN_SHARED_DIR", os.path.join(SRC, "..", "shared"))
    ap.add_argument("--gen", default=os.path.join(shared, "tools", "gen_panel.py"))
    ap.add_argument("--series", type=int, default=0, help="series in the panel (default: the generator's)")
    ap.add_argument("--markdown", help="also write the table here")
    ap.add_argument("--tools", default="caspian,datamash,miller,sqlite3,pandas,data.table")
    a = ap.parse_args()

    os.makedirs(a.work, exist_ok=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", LC_ALL="C")
    cas = os.path.abspath(a.caspian)
    extra = ["--series", str(a.series)] if a.series else []
    files = {}
    for order in ("series", "period"):
        path = os.path.join(a.work, "panel_%s_%s.csv" % (order, a.series or "default"))
        if not os.path.exists(path):
            subprocess.run([sys.executable, a.gen, "--na", "NA", "--order", order, "-o", path] + extra, check=True)
        files[order] = path
    csv_path = files["series"]
    nrows = sum(1 for _ in open(csv_path)) - 1
    mb = os.path.getsize(csv_path) / 1e6
    tools = [t for t in a.tools.split(",")]
    print("panel: %s, %d rows, %.1f MB; best of %d runs; one core" % (csv_path, nrows, mb, a.reps))

    results = []  # (job, tool, seconds, differing keys)
    for job in ("group", "resample"):
        ref = None
        for tool in tools:
            if tool != "caspian" and not shutil.which({"miller": "mlr", "pandas": "python3",
                                                      "data.table": "Rscript"}.get(tool, tool)):
                results.append((job, tool, None, "not installed"))
                continue
            out = os.path.join(a.work, "%s_%s.csv" % (job, tool))
            t = timed(commands(job, csv_path, out, cas, a.work)[tool], a.reps, env)
            if t is None:
                results.append((job, tool, None, "failed"))
                continue
            got = read_result(out, job, tool)
            if tool == "caspian":
                ref = got
                check = "reference (%d keys)" % len(got)
            else:
                bad = agree(ref, got) if ref is not None else -1
                check = "agrees" if bad == 0 else "%d keys differ" % bad
            results.append((job, tool, t, check))
            print("  %-9s %-10s %8.3f s wall %8.3f s cpu  %s" % (job, tool, t[0], t[1], check),
                  flush=True)

    # caspian only: period-major rows, the store
    extra_rows = []
    for job in ("group", "resample"):
        out = os.path.join(a.work, "%s_caspian_pm.csv" % job)
        cmd = commands(job, files["period"], out, cas, a.work)["caspian"]
        t = timed(cmd, a.reps, env)
        same = agree(read_result(os.path.join(a.work, "%s_caspian.csv" % job), job, "caspian"),
                     read_result(out, job, "caspian")) if t else -1
        extra_rows.append(("%s, period-major CSV" % job, t, "same result" if same == 0 else "%d differ" % same))
    db = os.path.join(a.work, "bench.db")
    for p in (db, db + "-journal", db + "-wal"):
        if os.path.exists(p):
            os.remove(p)
    c0 = child_cpu()
    t0 = time.perf_counter()
    subprocess.run([cas, "--db", db, "import", csv_path], env=env, check=True, stdout=subprocess.DEVNULL)
    extra_rows.append(("import into the store", (time.perf_counter() - t0, child_cpu() - c0), ""))
    for job, cmd in (("group", "%s --db %s stats '*' --format csv > %s"),
                     ("resample", "%s --db %s resample '*' --to annual --how sum --format csv > %s")):
        out = os.path.join(a.work, "%s_caspian_store.csv" % job)
        t = timed(cmd % (q(cas), q(db), q(out)), a.reps, env)
        same = agree(read_result(os.path.join(a.work, "%s_caspian.csv" % job), job, "caspian"),
                     read_result(out, job, "caspian"))
        extra_rows.append(("%s, from the store" % job, t, "same result" if same == 0 else "%d differ" % same))

    lines = ["| job | tool | wall (s) | CPU (s) | rows/s (CPU) | CPU / caspian | output |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for job in ("group", "resample"):
        base = next((r[2] for r in results if r[0] == job and r[1] == "caspian"), None)
        for j, tool, t, check in results:
            if j != job:
                continue
            label = "group-by series" if job == "group" else "monthly->annual"
            if t is None:
                lines.append("| %s | %s | - | - | - | - | %s |" % (label, tool, check))
                continue
            ratio = t[1] / base[1] if base else math.nan
            lines.append("| %s | %s | %.3f | %.3f | %.2f M | %.1fx | %s |" % (
                label, tool, t[0], t[1], nrows / t[1] / 1e6, ratio, check))
    lines.append("")
    lines.append("| caspian, other ways | wall (s) | CPU (s) | rows/s (CPU) | note |")
    lines.append("| --- | ---: | ---: | ---: | --- |")
    for name, t, note in extra_rows:
        if not t:
            lines.append("| %s | - | - | - | %s |" % (name, note))
            continue
        lines.append("| %s | %.3f | %.3f | %.2f M | %s |" % (name, t[0], t[1],
                                                         nrows / t[1] / 1e6, note))
    text = "\n".join(lines)
    print()
    print(text)
    if a.markdown:
        with open(a.markdown, "w") as fh:
            fh.write(text + "\n")
    failed = any(r[3] not in ("agrees",) and not r[3].startswith("reference") and r[3] != "not installed"
                 for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
