project grows the latest observed value at constant rates.  Hand values:
x = 300 in 2025; at 20% a year 300 * 1.2 = 360 (2026) and 300 * 1.44 = 432
(2027); at 10%, 330 and 363.  Rates are fractions or percentages.

  $ printf 'series,period,value\nx,2024,250\nx,2025,300\ny,2024,10\ny,2025,\nq,2025Q3,100\nq,2025Q4,\n' > p.csv
  $ caspian project --file p.csv x --to 2027 --rate 0.2,10%
  series  period  rate_0.2  rate_0.1
  x       2025         300       300
  x       2026         360       330
  x       2027         432       363
  $ caspian project --file p.csv x --to 2026 --rate 0.2 --format json
  [
   {"series": "x", "period": "2025", "rate_0.2": 300},
   {"series": "x", "period": "2026", "rate_0.2": 360}
  ]

The latest observed value starts the line: y's 2025 is missing, so it grows
from 10 in 2024: 12, 14.4, 17.28 (in doubles 10 * 1.2 * 1.2 prints as
14.399999999999999).  Quarters are a quarter of a year: q = 100 in 2025Q3
(2025Q4 missing) at 21% a year is 100 * 1.21^(k/4): 1.21^0.25 =
1.0488088481701516 (Python: 100 * 1.21 ** 0.25 is 104.88088481701516,
100 * 1.21 ** 0.5 is 110.00000000000001), and 121 after four quarters.

  $ caspian project --file p.csv y --to 2027 --rate 0.2 --format csv
  series,period,rate_0.2
  y,2024,10
  y,2025,12
  y,2026,14.399999999999999
  y,2027,17.28
  $ caspian project --file - q --to 2026Q3 --rate 21% --format csv < p.csv
  series,period,rate_0.21
  q,2025Q3,100
  q,2025Q4,104.88088481701516
  q,2026Q1,110.00000000000001
  q,2026Q2,115.36897329871667
  q,2026Q3,121

From the store, over a glob of the annual series:

  $ caspian --db p.db import p.csv > /dev/null
  $ caspian --db p.db project '[xy]' --to 2026 --rate 0.5 --format csv
  series,period,rate_0.5
  x,2025,300
  x,2026,450
  y,2024,10
  y,2025,15
  y,2026,22.5

Refusals: --to must lie after the data and in the series' frequency; rates
must be above -100%; both options are required; a series needs a value.

  $ caspian project --file p.csv x --to 2025 --rate 0.1
  caspian: x already has values up to 2025: --to must come later
  [2]
  $ caspian project --file p.csv x --to 2027Q1 --rate 0.1
  caspian: x is annual, but '2027Q1' is a quarterly period
  [2]
  $ caspian project --file p.csv x --to 2027 --rate -100%
  caspian: project: --rate takes 1 to 16 rates above -100%, e.g. 0.2,30%
  try 'caspian project --help'
  [2]
  $ caspian project --file p.csv x --to 2027 --rate abc
  caspian: project: --rate takes 1 to 16 rates above -100%, e.g. 0.2,30%
  try 'caspian project --help'
  [2]
  $ caspian project --file p.csv x --rate 0.1
  caspian: project: --to P and --rate R are required
  try 'caspian project --help'
  [2]
  $ printf 'series,period,value\nz,2024,\n' | caspian project --file - z --to 2026 --rate 0.1
  caspian: z has no observed values
  [3]
