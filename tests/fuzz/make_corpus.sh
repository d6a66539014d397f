#!/bin/bash
# tests/fuzz/make_corpus.sh CASPIAN [TARGET...] - rebuild the seed corpora in
# tests/fuzz/corpus/<target>/ from the project's datasets and test fixtures.
#
# The seeds are committed; run this after adding a dataset or fixture and
# commit what changes.  CASPIAN is a built caspian binary (for the store
# seeds, which also need the sqlite3 command).  Without TARGET, every corpus
# is rebuilt.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(period number ingest_long ingest_wide store store_rows claims regress_table)
export LC_ALL=C CASPIAN_NOW=2026-01-01T00:00:00.000000Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Long CSV files with data: the datasets and the ingest fixtures.
long_files() {
	ls "$src"/datasets/*/*.csv "$src"/tests/data/ingest/*.csv 2>/dev/null | sort
}

# One seed per line of stdin, named by a running number.
seed_lines() {
	local dir=$1 k=0
	while IFS= read -r line; do
		k=$((k + 1))
		printf '%s' "$line" >"$dir/$(printf '%04d' $k)"
	done
}

reset() {
	rm -rf "$here/corpus/$1"
	mkdir -p "$here/corpus/$1"
	echo "$here/corpus/$1"
}

# The second and third columns of the long files (period, value), unquoted.
column_of() {
	long_files | while read -r f; do
		"$bin" export --file "$f" 2>/dev/null | awk -F, -v c="$1" 'NR > 1 { print $c }'
	done
}

make_period() {
	local dir
	dir=$(reset period)
	{
		column_of 2
		# every form at the edges of its range, and the near misses
		printf '%s\n' 0000 9999 2017Q3 2017q4 0000Q1 9999Q4 2017-03 0000-01 9999-12 \
			2020-W53 2021-W52 2021-W53 0000-W01 9999-W52 2024-02-29 2023-02-29 \
			1970-01-01 1969-12-31 0000-01-01 9999-12-31 2017Q5 2017-13 2017-00 \
			2017-04-31 ' 2017' 2017- 20170 +201
	} | sort -u | seed_lines "$dir"
}

make_number() {
	local dir
	dir=$(reset number)
	{
		column_of 3 | grep -v '^$'
		# round-trip edges: extremes, subnormals, halfway cases, long digit runs
		printf '%s\n' 0 -0 +1 .5 5. 1e308 1.7976931348623157e308 1.7976931348623159e308 \
			4.9e-324 2.4703282292062327e-324 2.2250738585072011e-308 \
			9007199254740993 0.1 1e23 8.589973e9 123456789012345678901234567890 \
			0.000000000000000000000000000000001 1e-400 1e400 1E+5 -2.5e-3 \
			7.038531e-26 2.2250738585072012e-308 179769313486231580793728971405301e276 \
			1.00000000000000011102230246251565404236316680908203125 \
			1.00000000000000011102230246251565404236316680908203124 \
			1.00000000000000011102230246251565404236316680908203126 \
			1e 1e+ - . 0x10 inf nan 1,5 '1 ' 1..2
	} | sort -u | seed_lines "$dir"
}

make_ingest_long() {
	local dir
	dir=$(reset ingest_long)
	long_files | while read -r f; do cp "$f" "$dir/$(basename "$f")"; done
	# the rejected inputs of the CLI import tests: "  $ reject 'PRINTF-TEXT'"
	local k=0
	sed -n "s/^  \$ reject '\(.*\)'\$/\1/p" "$src"/tests/cli/*.t | while IFS= read -r t; do
		k=$((k + 1))
		printf "$t" >"$dir/reject-$(printf '%03d' $k)"
	done
	# plain series,period,value rows for the quick reader: interleaved series,
	# every period form, edge months and numbers, line ends, duplicates
	k=0
	for t in \
		'series,period,value\na,2017-01,1\nb,2017-01,2\na,2017-02,3\nb,2017-02,-0\na,2017-03,.5\nb,2017-03,5.\n' \
		'series,period,value\na,2017-01,1\na,2017-00,2\na,2017-13,3\na,2017-1,4\n' \
		'series,period,value\na,2017-01,1\na,2017-01,2\n' \
		'series,period,value\na,2017Q1,1\na,2017Q2,NA\na,2017Q3,\na,2017Q4,..\na,2018Q1,nan\n' \
		'series,period,value\na,2017-W01,123456789012345\na,2017-W02,1234567890123456\na,2017-W03,0.000000000000001\n' \
		'series,period,value\r\na,2017-03-01,1e3\r\na,2017-03-02,-1.5E-3\ra,2017-03-03,+7\r\n' \
		'series,period,value\na,2017,1\nb,2017,2\na,2018,3\nb,2018,4\nc,2018,5\na,2019,6\nb,2019,7\nc,2019,8\na,2017-01,9\n' \
		'series,period,value\na,2017-01,1\na,2017-02,1,\na,2017-03,"3"\na,2017-04, 4\na,2017-05,4 \n' \
		'series,period,value\na,2017-01,1\na,2117-01,2\na,1917-01,3\n'; do
		k=$((k + 1))
		printf "$t" >"$dir/quick-$(printf '%03d' $k)"
	done
}

# Each long file in wide layout: one column per series, rows by period.
make_ingest_wide() {
	local dir
	dir=$(reset ingest_wide)
	long_files | while read -r f; do
		"$bin" export --file "$f" 2>/dev/null | awk -F, '
			NR > 1 && $3 != "" {
				if (!($1 in col)) { col[$1] = ++ncol; name[ncol] = $1 }
				if (!($2 in row)) { row[$2] = ++nrow; per[nrow] = $2 }
				v[row[$2], col[$1]] = $3
			}
			END {
				if (!ncol) exit
				printf "period"; for (c = 1; c <= ncol; c++) printf ",%s", name[c]; print ""
				for (r = 1; r <= nrow; r++) {
					printf "%s", per[r]
					for (c = 1; c <= ncol; c++) printf ",%s", v[r, c]
					print ""
				}
			}' >"$tmp/wide.csv"
		[ -s "$tmp/wide.csv" ] && cp "$tmp/wide.csv" "$dir/wide-$(basename "$f")"
	done
	printf 'period,a,b\n2017Q1,1,NA\n2017Q3,,2.5\n' >"$dir/gaps.csv"
	printf 'period,x\r\n2024-02-29,1e-5\r\n' >"$dir/crlf.csv"
}

# Small valid stores built from the datasets: every series, then a --replace
# import for a vintage; shrunk to 512-byte pages, in rollback and WAL mode.
make_store() {
	local dir
	dir=$(reset store)
	command -v sqlite3 >/dev/null || { echo "make_corpus: store needs sqlite3" >&2; exit 1; }
	long_files | while read -r f; do "$bin" --db "$tmp/s.db" import "$f" >/dev/null; done
	printf 'series,period,value\ntrade.uz_az,2025,307.9\n' >"$tmp/fix.csv"
	CASPIAN_NOW=2026-02-01T00:00:00.000000Z "$bin" --db "$tmp/s.db" import --replace "$tmp/fix.csv" >/dev/null
	cp "$tmp/s.db" "$dir/wal-4096"
	sqlite3 "$tmp/s.db" 'PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;' >/dev/null
	cp "$tmp/s.db" "$dir/rollback-512"
	sqlite3 "$tmp/s.db" 'PRAGMA journal_mode=WAL;' >/dev/null
	cp "$tmp/s.db" "$dir/wal-512"
}

# Edit programs for fuzz_store_rows (see that file): op, row, then operands.
make_store_rows() {
	local dir
	dir=$(reset store_rows)
	printf '\x00\x01\x04\x01\x0c' >"$dir/set-n-huge"
	printf '\x00\x02\x02\x01\x00' >"$dir/set-freq-zero"
	printf "\\x00\\x01\\x01\\x04\\x05a'b;c" >"$dir/set-name-quote"
	printf '\x01\x03\x0a\x04\x08abcdefgh' >"$dir/vals-as-text"
	printf '\x03\x01\x01\x07\x04' >"$dir/vintage-stamp-long"
	printf '\x09\x00\x01' >"$dir/drop-vintages"
	printf '\x08\x00\x01\x02\x00' >"$dir/user-version-2"
	printf '\x06\x03\x00\x07\x00' >"$dir/orphan-vintages"
	printf '\x05\x01\x07\x02' >"$dir/dup-vintage"
}

# The claims files of the datasets, whole and one claim at a time.
make_claims() {
	local dir k=0
	dir=$(reset claims)
	for f in "$src"/datasets/*/claims.csv; do
		[ -e "$f" ] || continue
		cp "$f" "$dir/$(basename "$(dirname "$f")")-claims.csv"
		# rows hold no line breaks in these files: one seed per row
		tail -n +2 "$f" | while IFS= read -r row; do
			k=$((k + 1))
			{ head -1 "$f"; printf '%s\n' "$row"; } >"$dir/row-$(printf '%03d' $k).csv"
		done
	done
	printf 'id,kind,subject,value,unit,sentence\nx,count,a.b,about 280,things,"s"\n' >"$dir/bad-value.csv"
	printf 'kind,id,sentence,unit,value,subject,qualifier,value_high,from,to\npct_change,r,"s",percent,32,g,range,34,2017Q1,2019q4\n' >"$dir/reordered.csv"
}

# Cross-section tables: the head of each dataset (a period column there is
# a column of non-numbers) and hand-made ones for quoting, markers and
# line ends.
make_regress_table() {
	local dir
	dir=$(reset regress_table)
	long_files | grep '/datasets/' | while read -r f; do
		head -c 2000 "$f" >"$dir/$(basename "$f" .csv)-head.csv"
	done
	printf 'id,y,x\r\nA1,1.5,-2e3\r\nB2,NA,0.25\r\n\r\nC3,3,\r\n' >"$dir/mixed-crlf"
	printf 'y,x1,x2\n1,2,3\n4,5,6\n7,8,9.5\n10,11,..\n' >"$dir/plain"
	printf '"a,b","q""uote"\n 1 ,"2"\nnan,NaN\n"x\ny",3\n' >"$dir/quoted"
	printf 'y,x\r1,2\r3,0x10\r5,inf\r' >"$dir/lone-cr"
	printf '\357\273\277y,x\n1,2\n' >"$dir/bom"
}

for t in "${targets[@]}"; do
	"make_$t"
	echo "corpus/$t: $(ls "$here/corpus/$t" | wc -l) seeds"
done
