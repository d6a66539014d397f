#!/bin/bash
# Limits and hostile input, through the CLI.
#
#   - odd but valid series names (SQL words, every allowed punctuation, a
#     leading '-', 200 characters) are stored and printed exactly, and can
#     be shown, exported and removed one by one;
#   - names with quotes, semicolons, spaces, shell or glob characters,
#     non-ASCII letters or more than 200 bytes are refused with a clear
#     error, and nothing is stored or run;
#   - hostile command-line names never change a query or the store;
#   - a field of 65536 bytes is kept whole, one byte more is refused;
#   - a daily series over all of years 0..9999 (3,652,425 periods) fits;
#   - a header wider than 1,000,001 columns is refused;
#   - input streams with bounded memory: 400 MB of CSV under a 64 MB address
#     space limit (ulimit -v), and an endless row of commas is refused early.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/reliability_lib.sh"

long200=$(printf 'n%.0s' $(seq 200))
names=(select DROP TABLE 'a:b/c@d+e-f_g.h' -x -- .. / @ +1 1e5 NaN 2017 series value
	'x.y.z' 'UPPER.lower' "$long200")
{
	echo series,period,value
	for ((i = 0; i < ${#names[@]}; i++)); do echo "${names[$i]},2017,$i.5"; done
} >odd.csv
"$bin" --db odd.db import odd.csv >/dev/null || die "odd valid names are refused"
"$bin" --db odd.db list --format csv | awk -F, 'NR > 1 { print $1 }' >got.txt
printf '%s\n' "${names[@]}" | sort >want.txt
cmp -s got.txt want.txt || { diff want.txt got.txt; die "list does not print the names as imported"; }
for ((i = 0; i < ${#names[@]}; i++)); do
	n=${names[$i]}
	out=$("$bin" --db odd.db show --format csv -- "$n") || die "show $n fails"
	[ "$out" = "$(printf 'series,period,value\n%s,2017,%s' "$n" "$i.5")" ] || die "show $n: $out"
	out=$("$bin" --db odd.db export -- "$n") || die "export $n fails"
	[ "$(echo "$out" | sed -n 2p)" = "$n,2017,$i.5,,," ] || die "export $n: $out"
	"$bin" --db odd.db info -- "$n" | grep -qx "series *$(printf '%s' "$n" | sed 's/[.[\*^$/]/\\&/g')" ||
		die "info $n"
done
"$bin" --db odd.db rm -- -x >/dev/null || die "rm -x fails"
"$bin" --db odd.db list --format csv | awk -F, 'NR > 1 { print $1 }' >got.txt
grep -vx -- -x want.txt | cmp -s - got.txt || die "rm -x removed something else"
ok "${#names[@]} odd valid names (SQL words, -x, --, .., 200 characters) stored, listed, shown, exported and removed exactly"

# Refused names: each alone in a file; nothing may be stored, nothing run.
"$bin" --db bad.db import odd.csv >/dev/null
state bad.db >before.txt
bad=('a b' "a'b" 'a;b' "x';DROP TABLE series;--" '$(touch pwned)' '`touch pwned`' 'a|b' 'a&b'
	'a>b' 'a*b' 'a?b' 'a[1]' 'a\b' 'a%b' 'é' '日本' '😀' "$(printf 'a\tb')" "${long200}n")
for n in "${bad[@]}"; do
	q=${n//\"/\"\"}
	printf 'series,period,value\n"%s",2017,1\n' "$q" >bad.csv
	status=0
	"$bin" --db bad.db import bad.csv >out.txt 2>&1 || status=$?
	[ $status = 3 ] || die "name '$n': exit $status, not 3: $(cat out.txt)"
	grep -q "bad.csv:2:1: series name .* is not valid (1 to 200 letters, digits or ._-:/@+)" out.txt ||
		die "name '$n': unclear message: $(cat out.txt)"
done
[ ! -e pwned ] || die "a series name was run by a shell"
state bad.db >after.txt
cmp -s before.txt after.txt || die "a refused name changed the store"
ok "${#bad[@]} invalid names (quotes, ; space, \$( ), backquotes, glob characters, unicode, tab, 201 bytes) refused at bad.csv:2:1 with exit 3"

# Hostile names on the command line only ever fail to match.
for n in "x'; DROP TABLE series; --" "select' OR '1'='1" '%' "*' OR 1=1 --" "DROP\"; --"; do
	"$bin" --db bad.db show -- "$n" >/dev/null 2>&1 && die "show '$n' found something"
	"$bin" --db bad.db rm -- "$n" >/dev/null 2>&1 && die "rm '$n' removed something"
	"$bin" --db bad.db list -- "$n" >/dev/null 2>&1 || true
done
state bad.db >after.txt
cmp -s before.txt after.txt || die "a hostile command-line name changed the store"
integrity bad.db
ok "hostile names given to show, rm and list match nothing and change nothing"

# Field length: 65536 bytes kept whole, 65537 refused.
note=$(head -c 65536 /dev/zero | tr '\0' 'z')
printf 'series,period,value,note\nf,2017,1,%s\n' "$note" >field.csv
"$bin" --db field.db import field.csv >/dev/null || die "a 65536-byte note is refused"
[ "$("$bin" --db field.db export f | sed -n 2p)" = "f,2017,1,,,$note" ] || die "the 65536-byte note changed"
printf 'series,period,value,note\nf,2018,1,%sz\n' "$note" >field.csv
status=0
"$bin" --db field.db import field.csv >out.txt 2>&1 || status=$?
[ $status = 3 ] && grep -q "field.csv:2:4: field is longer than the limit of 65536 bytes" out.txt ||
	die "65537-byte field: exit $status: $(cat out.txt)"
ok "a 65536-byte field is kept whole; 65537 bytes: exit 3 at field.csv:2:4"

# Observations per series: every day of years 0..9999.
printf 'series,period,value\nd,0000-01-01,1\nd,9999-12-31,2\n' >days.csv
"$bin" --db days.db import days.csv >/dev/null || die "a series over years 0..9999 is refused"
[ "$("$bin" --db days.db list --format csv | sed -n 2p)" = "d,daily,0000-01-01,9999-12-31,3652425,0" ] ||
	die "the longest series: $("$bin" --db days.db list --format csv)"
printf 'series,period,value\nd,10000-01-01,1\n' >days.csv
"$bin" --db days.db import days.csv >out.txt 2>&1 && die "year 10000 is accepted"
grep -q "is not a period" out.txt || die "year 10000: $(cat out.txt)"
ok "a daily series over years 0..9999 holds 3,652,425 periods; year 10000 is not a period"

# Number of series: a header of 1,000,002 columns is refused before any series.
status=0
awk 'BEGIN { printf "period"; for (i = 1; i <= 1000001; i++) printf ",s%d", i; print "" ; print "2017" }' |
	"$bin" --db wide.db import --wide - >out.txt 2>&1 || status=$?
[ $status = 3 ] && grep -q -- "-:1:1000002: the header has more than 1000001 columns, over the limit" out.txt ||
	die "1,000,002-column header: exit $status: $(cat out.txt)"
ok "a header of 1,000,002 columns (1,000,001 series): exit 3, over the limit"

# Bounded memory.  A sanitizer build reserves terabytes of address space and
# cannot start under the limit: skip there.
if ! (ulimit -v 65536; "$bin" --version) >/dev/null 2>&1; then
	ok "bounded memory: skipped, this caspian cannot start under ulimit -v 64 MB (a sanitizer build)"
else
	rows() { # 100 series x 1000 years, each row padded with 4000 ignored bytes: 400 MB
		awk 'BEGIN { pad = sprintf("%4000s", ""); gsub(/ /, "x", pad)
			print "series,period,value,comment"
			for (d = 0; d < 1000; d++) for (s = 0; s < 100; s++)
				printf "s%03d,%d,%d.25,%s\n", s, 2000 + d, d, pad }'
	}
	status=0
	(ulimit -v 65536; rows | "$bin" --db big.db import -) >out.txt 2>&1 || status=$?
	[ $status = 0 ] || die "400 MB under ulimit -v 64 MB: exit $status: $(cat out.txt)"
	[ "$("$bin" --db big.db list --format csv | awk -F, 'NR > 1 { n += $5 } END { print n }')" = 100000 ] ||
		die "400 MB under ulimit -v 64 MB: not all values stored"
	ok "400 MB of CSV (100,000 values) imported under ulimit -v 64 MB"
	status=0
	(ulimit -v 65536; { printf 'series,period,value\na,2017,1\n'; head -c 200000000 /dev/zero | tr '\0' ','; } |
		"$bin" --db big.db import -) >out.txt 2>&1 || status=$?
	[ $status = 3 ] && grep -q -- "-:3:4: row has more than 3 fields" out.txt ||
		die "200 MB row of commas under ulimit -v 64 MB: exit $status: $(cat out.txt)"
	ok "a 200 MB row of commas under ulimit -v 64 MB: exit 3 at its 4th field"
fi
echo "$passed passed, 0 failed"
