share divides each part by the total, period by period.  Hand values: total
t = 10, 8, 5 (2020-2022); a = 2, 2, 1 gives 0.2, 0.25, 0.2; b = 8, NA, 4
gives 0.8, NA, 0.8.  Tables show percentages, CSV and JSON fractions.

  $ printf 'series,period,value\nt,2020,10\nt,2021,8\nt,2022,5\na,2020,2\na,2021,2\na,2022,1\nb,2020,8\nb,2021,\nb,2022,4\n' > s.csv
  $ caspian share --file s.csv a t
  series  total  period  value  total_value   share
  a       t      2020        2           10  20.00%
  a       t      2021        2            8  25.00%
  a       t      2022        1            5  20.00%
  $ caspian share --file s.csv '[ab]' t --format csv
  series,total,period,value,total_value,share
  a,t,2020,2,10,0.2
  a,t,2021,2,8,0.25
  a,t,2022,1,5,0.2
  b,t,2020,8,10,0.8
  b,t,2021,,8,
  b,t,2022,4,5,0.8
  $ caspian share --file s.csv b t --format json
  [
   {"series": "b", "total": "t", "period": "2020", "value": 8, "total_value": 10, "share": 0.8},
   {"series": "b", "total": "t", "period": "2021", "value": null, "total_value": 8, "share": null},
   {"series": "b", "total": "t", "period": "2022", "value": 4, "total_value": 5, "share": 0.8}
  ]

The same from the store.

  $ caspian --db s.db import s.csv > /dev/null
  $ caspian --db s.db share a t --format csv
  series,total,period,value,total_value,share
  a,t,2020,2,10,0.2
  a,t,2021,2,8,0.25
  a,t,2022,1,5,0.2

From standard input (--file -), which is read once for both names.
A period the total lacks gives NA (the part's 2023 value has no total).

  $ printf 'series,period,value\nt,2020,10\np,2020,5\np,2023,1\n' | caspian share --file - p t --format csv
  series,total,period,value,total_value,share
  p,t,2020,5,10,0.5
  p,t,2021,,,
  p,t,2022,,,
  p,t,2023,1,,

A total of zero under a part's value has no share: the command stops and
prints nothing.  A missing part there is no error (its share is NA anyway).

  $ printf 'series,period,value\nt,2020,10\nt,2021,0\np,2020,2\np,2021,1\n' | caspian share --file - p t
  caspian: t is 0 at 2021: no share of it exists
  [3]
  $ printf 'series,period,value\nt,2020,10\nt,2021,0\np,2020,2\np,2021,\n' | caspian share --file - p t --format csv
  series,total,period,value,total_value,share
  p,t,2020,2,10,0.2
  p,t,2021,,0,

Usage errors: the series must have one frequency, TOTAL is one series, and
both names are needed.

  $ printf 'series,period,value\nt,2020,10\nq,2020Q1,1\n' | caspian share --file - q t
  caspian: q is quarterly but t is annual
  [2]
  $ caspian share --file s.csv a '*'
  caspian: TOTAL must name one series, not a glob
  [2]
  $ caspian share --file s.csv a
  caspian: share: expected PART and TOTAL
  try 'caspian share --help'
  [2]
  $ caspian share --file s.csv a zz
  caspian: no series named 'zz' in s.csv
  [3]
