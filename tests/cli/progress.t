Progress lines.  They go to stderr, and only when it is a terminal: `script`
(util-linux) runs the command on a pseudo-terminal.  The file is 100000 rows
of about 19 bytes, read in blocks of 64 KiB, so the first line drawn says
66 kB (65536 bytes) of about 1.8 MB.

  $ awk 'BEGIN{print "series,period,value"; for(s=0;s<200;s++) for(y=1;y<=500;y++) printf "s%d,%d-%02d,%d.5\n", s, 1900+int((y-1)/12), (y-1)%12+1, y}' > big.csv
  $ script -qec 'caspian import big.csv' /dev/null </dev/null | tr '\r' '\n' | grep -m1 '^reading'
  reading big.csv: 66 kB of 1.8 MB \(4%\), [0-9.]+ [kMG]B/s, [0-9.]+ s left (re)

The line is erased (overwritten with blanks) before the report is printed.

  $ rm caspian.db; script -qec 'caspian import big.csv' /dev/null </dev/null | sed 's/\r$//' | tr '\r' '\n' | tail -2
   + (re)
  imported 100000 values from big.csv into caspian.db: 200 new series, 0 extended, 0 replaced, 0 unchanged

Standard output never gets it; --quiet turns it off; a pipe or file never
gets it.

  $ rm caspian.db; script -qec 'caspian import big.csv 2>/dev/null' /dev/null </dev/null | grep -c reading
  0
  [1]
  $ rm caspian.db; script -qec 'caspian --quiet import big.csv' /dev/null </dev/null | grep -c reading
  0
  [1]
  $ rm caspian.db; caspian -q import big.csv
  imported 100000 values from big.csv into caspian.db: 200 new series, 0 extended, 0 replaced, 0 unchanged
  $ rm caspian.db; caspian import big.csv 2>&1 >/dev/null </dev/null | wc -c
  0

Standard input has no known size: amounts and a rate, no percentage.

  $ rm caspian.db; script -qec 'cat big.csv | caspian import -' /dev/null </dev/null | tr '\r' '\n' | grep -m1 '^reading'
  reading -: 66 kB, [0-9.]+ [kMG]B/s (re)

Batch forecasts and backtests count series.  200 series of 500 months
each: the first update (one series done) is drawn at once.

  $ rm caspian.db; script -qec 'caspian forecast --file big.csv --h 2 --method naive --format csv > fc.csv' /dev/null </dev/null | tr '\r' '\n' | grep -m1 '^forecasting'
  forecasting: [0-9]+ of 200 series \([0-9]+%\), [0-9.]+ series/s, [0-9.]+ (s|min [0-9]+ s) left (re)
  $ wc -l < fc.csv
  401
  $ script -qec 'caspian backtest --file big.csv --h 2 --origins 2 --methods naive --format csv > bt.csv' /dev/null </dev/null | tr '\r' '\n' | grep -m1 '^backtesting'
  backtesting: [0-9]+ of 200 series \([0-9]+%\), [0-9.]+ series/s, [0-9.]+ (s|min [0-9]+ s) left (re)
  $ script -qec 'caspian -q forecast --file big.csv --h 2 --method naive --format csv > fc.csv' /dev/null </dev/null | grep -c forecasting
  0
  [1]
