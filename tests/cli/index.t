Rebasing to 100.  The quarterly series 100, 125, 150, 200, 150, 250 with
base 2019Q2 (125): 80, 100, 120, 160, 120, 200.  With base year 2019 the
base is the mean of its quarters, (100 + 125 + 150 + 200) / 4 = 143.75, so
100 / 143.75 * 100 = 69.5652..., 250 / 143.75 * 100 = 173.913...

  $ printf 'series,period,value\nq,2019Q1,100\nq,2019Q2,125\nq,2019Q3,150\nq,2019Q4,200\nq,2020Q1,150\nq,2020Q2,250\n' > q.csv
  $ caspian index --file q.csv q --base 2019Q2 --format csv
  series,period,value,index
  q,2019Q1,100,80
  q,2019Q2,125,100
  q,2019Q3,150,120
  q,2019Q4,200,160
  q,2020Q1,150,120
  q,2020Q2,250,200
  $ caspian index --file q.csv q --base 2019
  series  period  value    index
  q       2019Q1    100  69.5652
  q       2019Q2    125  86.9565
  q       2019Q3    150  104.348
  q       2019Q4    200   139.13
  q       2020Q1    150  104.348
  q       2020Q2    250  173.913

Errors: a base that is not a period is a usage error; a missing or
non-positive base is refused, naming the series.

  $ caspian index --file q.csv q --base 2019-13
  caspian: index: --base: '2019-13' is not a period (forms: 2017, 2017Q3, 2017-03, 2017-W05, 2017-03-15)
  try 'caspian index --help'
  [2]
  $ caspian index --file q.csv q
  caspian: index: --base P is required
  try 'caspian index --help'
  [2]
  $ caspian index --file q.csv q --base 2021Q1
  caspian: q has no value at 2021Q1
  [3]
  $ caspian index --file q.csv q --base 2018
  caspian: q has no values in the base year 2018
  [3]
  $ caspian index --file q.csv q --base 2019-03
  caspian: q is quarterly: the base must be a quarterly period or a year
  [2]

Over several series, a series without a usable base is reported and the
others are still printed; the exit status is then 3.

  $ printf 'series,period,value\na,2020,10\na,2021,12\nb,2020,0\nb,2021,5\nc,2021,6\n' > abc.csv
  $ caspian index --file abc.csv '*' --base 2020 --format csv
  caspian: b is 0 at 2020: an index needs a positive base
  caspian: c has no value at 2020
  series,period,value,index
  a,2020,10,100
  a,2021,12,120
  [3]
  $ caspian index --file abc.csv 'b' 'c' --base 2020 --format csv
  caspian: b is 0 at 2020: an index needs a positive base
  caspian: c has no value at 2020
  [3]
