#!/bin/bash
# export -> import -> export reproduces the generated default panel (20,000
# series x 120 months, with missing values) bit for bit.
set -euo pipefail
bin=$1
gen=${CASPIAN_SHARED_DIR:-}/tools/gen_panel.py
if [ ! -f "$gen" ] || ! command -v python3 >/dev/null; then
	echo "skipped: needs python3 and the panel generator at $gen"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$gen" -o panel.csv
"$bin" --db a.db import panel.csv >/dev/null
"$bin" --db a.db export >first.csv
"$bin" --db b.db import first.csv >/dev/null
"$bin" --db b.db export >second.csv
cmp first.csv second.csv
rows=$(($(wc -l <first.csv) - 1))
[ "$rows" = 2400000 ] || { echo "expected 2400000 rows, got $rows"; exit 1; }
# every value of the input survives: compare the value columns of both files
python3 - panel.csv first.csv <<'PY'
import csv, sys
def load(path):
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        return {(row["series"], row["period"]): row["value"] for row in r}
a, b = load(sys.argv[1]), load(sys.argv[2])
bad = [k for k, v in a.items() if (float(v) if v else None) != (float(b[k]) if b.get(k) else None)]
if bad:
    sys.exit("values differ, first at %s" % (bad[:1],))
PY
echo "1 passed, 0 failed"
