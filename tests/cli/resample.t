Resampling a monthly flow 2019-11 .. 2021-02 with values 1 .. 16 (the month's
position) and June 2020 missing.  By hand, quarterly sums:
  2019Q4 = 1 + 2 = 3 (October is before the series: partial)
  2020Q1 = 3 + 4 + 5 = 12;  2020Q2 = 6 + 7 = 13 (June missing: partial)
  2020Q3 = 9 + 10 + 11 = 30;  2020Q4 = 12 + 13 + 14 = 39
  2021Q1 = 15 + 16 = 31 (March is after the series: partial)

  $ printf 'series,period,value\nm,2019-11,1\nm,2019-12,2\nm,2020-01,3\nm,2020-02,4\nm,2020-03,5\nm,2020-04,6\nm,2020-05,7\nm,2020-06,\nm,2020-07,9\nm,2020-08,10\nm,2020-09,11\nm,2020-10,12\nm,2020-11,13\nm,2020-12,14\nm,2021-01,15\nm,2021-02,16\n' > m.csv
  $ caspian resample m --file m.csv --to quarterly --how sum --format csv
  series,period,value,partial
  m,2019Q4,3,1
  m,2020Q1,12,0
  m,2020Q2,13,1
  m,2020Q3,30,0
  m,2020Q4,39,0
  m,2021Q1,31,1

A stock takes the last value; drop removes the partial quarters at the ends and
blanks the one inside.

  $ caspian resample m --file m.csv --to quarterly --how last --partial drop
  series  period  value  partial
  m       2020Q1      5        0
  m       2020Q2     NA        1
  m       2020Q3     11        0
  m       2020Q4     14        0

Annual: 2019 and 2021 are partial, and 2020 lacks June.

  $ caspian resample m --file m.csv --to annual --how sum --format csv
  series,period,value,partial
  m,2019,3,1
  m,2020,94,1
  m,2021,31,1
  $ caspian resample m --file m.csv --to annual --how count --format csv
  series,period,value,partial
  m,2019,2,1
  m,2020,11,1
  m,2021,2,1

Errors.

  $ caspian resample m --file m.csv --to daily --how sum
  caspian: series m is monthly and cannot be resampled to the finer daily frequency
  [2]
  $ caspian resample m --file m.csv --to annual --how median
  caspian: resample: --how must be sum, mean, first, last, min, max or count, not 'median'
  try 'caspian resample --help'
  [2]
  $ caspian resample m --file m.csv --to annual --how sum --partial maybe
  caspian: resample: --partial must be keep or drop, not 'maybe'
  try 'caspian resample --help'
  [2]
  $ caspian resample m --file m.csv --to yearly --how sum
  caspian: resample: --to must be annual, quarterly, monthly, weekly or daily, not 'yearly'
  try 'caspian resample --help'
  [2]
  $ caspian resample m --file m.csv --to annual
  caspian: resample: --to and --how are required
  try 'caspian resample --help'
  [2]
