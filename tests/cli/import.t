Every kind of rejected input names FILE:LINE:COL (the column is the field
number), exits 3, and leaves the store exactly as it was.

  $ caspian import "$SRC/datasets/uz-az/series.csv" >/dev/null && caspian export > before.csv
  $ cat > bin/reject <<'SH' && chmod +x bin/reject
  > printf "$1" > bad.csv; caspian import bad.csv; s=$?
  > caspian export | cmp -s - before.csv || echo "STORE CHANGED"; exit $s
  > SH

A ragged row:

  $ reject 'series,period,value\na,2017,1\na,2018,1,5\n'
  caspian: bad.csv:3:4: row has more than 3 fields but the header has 3
  [3]

A value that is not a number (thousands separator), or has trailing junk:

  $ reject 'series,period,value\na,2017,"1,234.5"\n'
  caspian: bad.csv:2:3: value "1,234.5" is not a number (use '.' for decimals, no thousands separators)
  [3]
  $ reject 'series,period,value\na,2017,12x\n'
  caspian: bad.csv:2:3: value "12x" is not a number (use '.' for decimals, no thousands separators)
  [3]

An infinite value, written or by overflow:

  $ reject 'series,period,value\na,2017,inf\n'
  caspian: bad.csv:2:3: value "inf" is infinite; only finite numbers are accepted
  [3]
  $ reject 'series,period,value\na,2017,1e999\n'
  caspian: bad.csv:2:3: value "1e999" is too large: it would be infinite
  [3]

An unparseable period:

  $ reject 'series,period,value\na,17,1\n'
  caspian: bad.csv:2:2: period "17" is not a period (use 2017, 2017Q3, 2017-03, 2017-W05 or 2017-03-15)
  [3]

A duplicate (series, period), also when the first one was missing:

  $ reject 'series,period,value\na,2017,1\na,2017,2\n'
  caspian: bad.csv:3:2: series "a" has period "2017" twice
  [3]
  $ reject 'series,period,value\na,2017,NA\nb,2017,1\na,2017,2\n'
  caspian: bad.csv:4:2: series "a" has period "2017" twice
  [3]

Mixed frequencies in one series:

  $ reject 'series,period,value\na,2017,1\na,2017Q1,2\n'
  caspian: bad.csv:3:2: period "2017Q1" is quarterly but series "a" has annual periods (line 2)
  [3]

A missing required column:

  $ reject 'series,value\na,1\n'
  caspian: bad.csv:1:1: the header has no "period" column (it has: series, value)
  [3]

A file saved as UTF-16 (a spreadsheet's "Unicode text"), and a header with
control bytes:

  $ reject '\377\376s\000e\000r\000i\000e\000s\000'
  caspian: bad.csv:1:1: the input is UTF-16 text (it starts with a UTF-16 byte order mark); caspian reads UTF-8: save it as UTF-8 CSV
  [3]
  $ reject 'ser\001ies,period,value\na,2017,1\n'
  caspian: bad.csv:1:1: the header has no "series" column (it has: ser\x01ies, period, value)
  [3]

An empty file, and a header without data:

  $ reject ''
  caspian: bad.csv:1:1: the input is empty: no header row
  [3]
  $ reject 'series,period,value\n'
  caspian: bad.csv:1:1: the input has a header but no data rows
  [3]

An invalid series name, and metadata that disagrees within a series:

  $ reject 'series,period,value\na b,2017,1\n'
  caspian: bad.csv:2:1: series name "a b" is not valid (1 to 200 letters, digits or ._-:/@+)
  [3]
  $ reject 'series,period,value,unit\na,2017,1,USD\na,2018,2,EUR\n'
  caspian: bad.csv:3:4: unit "EUR" differs from "USD" given for series "a" on line 2
  [3]

A field over the documented limit of 65,536 bytes, and an unclosed quote:

  $ python3 -c "print('series,period,value'); print('a,2017,' + 'x' * 70000)" > big.csv 2>/dev/null || { printf 'series,period,value\na,2017,' > big.csv; head -c 70000 /dev/zero | tr '\0' x >> big.csv; echo >> big.csv; }
  $ caspian import big.csv; s=$?; caspian export | cmp -s - before.csv || echo "STORE CHANGED"; exit $s
  caspian: big.csv:2:3: field is longer than the limit of 65536 bytes
  [3]
  $ reject 'series,period,value\na,2017,1\n"a,2018,2\n'
  caspian: bad.csv:3:1: quoted field is not closed by the end of the input
  [3]

A file that does not exist:

  $ caspian import nowhere.csv
  caspian: cannot open nowhere.csv: No such file or directory
  [4]

Accepted forms: CRLF, a byte order mark, quotes, unsorted rows, gaps and the
missing markers; wide layout; renamed columns; standard input.

  $ printf '\xef\xbb\xbfseries,period,value\r\n"w",2019-03,3.5\r\nw,2019-01,1\r\nw,2019-02,..\r\n' | caspian --db w.db import - >/dev/null && caspian --db w.db show w --format csv
  series,period,value
  w,2019-01,1
  w,2019-02,
  w,2019-03,3.5
  $ printf 'period,x.a,x.b\n2020Q1,1,NA\n2020Q2,2,5\n' | caspian --db wide.db import --wide - >/dev/null && caspian --db wide.db export | cut -d, -f1-3
  series,period,value
  x.a,2020Q1,1
  x.a,2020Q2,2
  x.b,2020Q1,
  x.b,2020Q2,5
  $ printf 'name,date,amount\nd,2024-02-28,1\nd,2024-03-01,2\n' | caspian --db d.db import - --series-col name --period-col date --value-col amount >/dev/null && caspian --db d.db show d --format csv
  series,period,value
  d,2024-02-28,1
  d,2024-02-29,
  d,2024-03-01,2
