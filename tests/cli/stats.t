Per-series statistics.  Data (monthly, 2020-01 = Jan):
  a: Jan 1, Feb 2, Mar missing
  b: Feb 10, Mar missing, Apr 30
  c: Mar -4
Expected values are worked out by hand: a has 2 values (1 + 2 = 3, mean 1.5)
and one missing; b has 10 + 30 = 40, mean 20.

  $ printf 'series,period,value\na,2020-01,1\na,2020-02,2\na,2020-03,\nb,2020-02,10\nb,2020-03,\nb,2020-04,30\nc,2020-03,-4\n' > hand.csv
  $ caspian stats '*' --file hand.csv --format csv
  series,count,missing,sum,mean,min,max,first,first_period,last,last_period
  a,2,1,3,1.5,1,2,1,2020-01,2,2020-02
  b,2,1,40,20,10,30,10,2020-02,30,2020-04
  c,1,0,-4,-4,-4,-4,-4,2020-03,-4,2020-03

A range: a from 2020-02 holds 2 and the missing March.

  $ caspian stats a --file hand.csv --from 2020-02 --format csv
  series,count,missing,sum,mean,min,max,first,first_period,last,last_period
  a,1,1,2,2,2,2,2,2020-02,2,2020-02

A coarser bound covers its months: 2020Q2 starts in April, where only b has a value.

  $ caspian stats '*' --file hand.csv --from 2020Q2 --format csv
  series,count,missing,sum,mean,min,max,first,first_period,last,last_period
  a,0,0,0,,,,,,,
  b,1,0,30,30,30,30,30,2020-04,30,2020-04
  c,0,0,0,,,,,,,

The table form of a single series is one line per column.

  $ caspian stats b --file hand.csv
  series        b
  count         2
  missing       1
  sum           40
  mean          20
  min           10
  max           30
  first         10
  first_period  2020-02
  last          30
  last_period   2020-04

Errors: not a period, a finer period, an empty range, no such series.

  $ caspian stats a --file hand.csv --from 2020-13
  caspian: '2020-13' is not a period (forms: 2017, 2017Q3, 2017-03, 2017-W05, 2017-03-15)
  [2]
  $ caspian stats a --file hand.csv --from 2020-03-15
  caspian: a is monthly; '2020-03-15' is a finer daily period
  [2]
  $ caspian stats a --file hand.csv --from 2020-03 --to 2020-02
  caspian: --to 2020-02 is before --from 2020-03
  [2]
  $ caspian stats nothing --file hand.csv
  caspian: no series named 'nothing' in hand.csv
  [3]
  $ caspian stats
  caspian: stats: expected SERIES or GLOB
  try 'caspian stats --help'
  [2]
