#!/bin/bash
# strdcheck.sh NIST_STRD - fit every NIST StRD linear dataset with the
# library and score all certified figures with the shared strdcheck tool,
# which fails below LRE 9.  Skips (77) without the shared folder or python3.
set -u
prog=$1
SHARED=${SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}
data=$SHARED/data/nist-strd
tool=$SHARED/tools/strdcheck
if [ ! -f "$data/certified.json" ] || [ ! -f "$tool" ]; then
	echo "SKIP: no NIST StRD data or strdcheck under $SHARED"
	exit 77
fi
if ! command -v python3 >/dev/null; then
	echo "SKIP: python3 not found"
	exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$prog" "$data" --out "$out" --min-lre 0 || exit 1
python3 "$tool" --min-lre 9 --require all --all-datasets "$out"
