Period-on-period and year-on-year rates.  A quarterly series 100, 125, 150,
200, 150, 250: pop 125/100 - 1 = 0.25, 150/125 - 1 = 0.2 (0.19999999999999996
in double arithmetic), 200/150 - 1 = 1/3, 150/200 - 1 = -0.25,
250/150 - 1 = 2/3; yoy from 2020Q1 on: 150/100 - 1 = 0.5, 250/125 - 1 = 1.

  $ printf 'series,period,value\nq,2019Q1,100\nq,2019Q2,125\nq,2019Q3,150\nq,2019Q4,200\nq,2020Q1,150\nq,2020Q2,250\n' > q.csv
  $ caspian yoy --file q.csv q
  series  period  value      pop      yoy
  q       2019Q1    100       NA       NA
  q       2019Q2    125   25.00%       NA
  q       2019Q3    150   20.00%       NA
  q       2019Q4    200   33.33%       NA
  q       2020Q1    150  -25.00%   50.00%
  q       2020Q2    250   66.67%  100.00%
  $ caspian yoy --file q.csv q --format csv
  series,period,value,pop,yoy
  q,2019Q1,100,,
  q,2019Q2,125,0.25,
  q,2019Q3,150,0.19999999999999996,
  q,2019Q4,200,0.33333333333333326,
  q,2020Q1,150,-0.25,0.5
  q,2020Q2,250,0.6666666666666667,1

A zero or negative denominator is refused, naming the series, the period and
the value.

  $ printf 'series,period,value\nz,2000,0\nz,2001,5\n' > z.csv
  $ caspian yoy --file z.csv z
  caspian: z is 0 at 2000: growth rates need positive values
  [3]

Over several series, a series that is refused is reported and the others
are still printed; the exit status is then 3.  a: 12/10 - 1 = 0.2
(0.19999999999999996), c: 6/3 - 1 = 1.

  $ printf 'series,period,value\na,2020,10\na,2021,12\nb,2020,-4\nb,2021,5\nc,2020,3\nc,2021,6\n' > abc.csv
  $ caspian yoy --file abc.csv '*' --format csv
  caspian: b is -4 at 2020: growth rates need positive values
  series,period,value,pop,yoy
  a,2020,10,,
  a,2021,12,0.19999999999999996,0.19999999999999996
  c,2020,3,,
  c,2021,6,1,1
  [3]
  $ caspian yoy --file abc.csv 'b*' --format csv
  caspian: b is -4 at 2020: growth rates need positive values
  [3]
  $ caspian yoy --file z.csv --file abc.csv '*' --format json
  caspian: yoy: --file given twice: read one file at a time
  try 'caspian yoy --help'
  [2]
