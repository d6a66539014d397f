Trailing windows over the months 1 .. 16 of 2019-11 .. 2021-02, June 2020 missing.

  $ printf 'series,period,value\nm,2019-11,1\nm,2019-12,2\nm,2020-01,3\nm,2020-02,4\nm,2020-03,5\nm,2020-04,6\nm,2020-05,7\nm,2020-06,\nm,2020-07,9\nm,2020-08,10\nm,2020-09,11\nm,2020-10,12\nm,2020-11,13\nm,2020-12,14\nm,2021-01,15\nm,2021-02,16\n' > m.csv

Sums of 3: the first two windows are short, and every window touching June
lacks a value, so NA by default (1+2+3 = 6, 2+3+4 = 9, ... 10+11+12 = 33).

  $ caspian rolling m --file m.csv --window 3 --how sum --format csv
  series,period,value,rolling
  m,2019-11,1,
  m,2019-12,2,
  m,2020-01,3,6
  m,2020-02,4,9
  m,2020-03,5,12
  m,2020-04,6,15
  m,2020-05,7,18
  m,2020-06,,
  m,2020-07,9,
  m,2020-08,10,
  m,2020-09,11,30
  m,2020-10,12,33
  m,2020-11,13,36
  m,2020-12,14,39
  m,2021-01,15,42
  m,2021-02,16,45

With --min-periods 1, means of what is there: (6 + 7) / 2 = 6.5 in June,
(7 + 9) / 2 = 8 in July.

  $ caspian rolling m --file m.csv --window 3 --how mean --min-periods 1 --format csv
  series,period,value,rolling
  m,2019-11,1,1
  m,2019-12,2,1.5
  m,2020-01,3,2
  m,2020-02,4,3
  m,2020-03,5,4
  m,2020-04,6,5
  m,2020-05,7,6
  m,2020-06,,6.5
  m,2020-07,9,8
  m,2020-08,10,9.5
  m,2020-09,11,10
  m,2020-10,12,11
  m,2020-11,13,12
  m,2020-12,14,13
  m,2021-01,15,14
  m,2021-02,16,15

Sample standard deviation of four consecutive integers: sqrt(5/3)
(R: print(sd(1:4), digits=17) gives 1.2909944487358056).

  $ caspian rolling m --file m.csv --window 4 --how std --format csv | sed -n 4,6p
  m,2020-01,3,
  m,2020-02,4,1.2909944487358056
  m,2020-03,5,1.2909944487358056

A window longer than the series: with --min-periods 1 it is the running maximum.

  $ caspian rolling m --file m.csv --window 50 --how max --min-periods 1 --format csv | tail -2
  m,2021-01,15,15
  m,2021-02,16,16

Errors.

  $ caspian rolling m --file m.csv --window 0 --how sum
  caspian: rolling: --window must be a whole number of periods >= 1, not '0'
  try 'caspian rolling --help'
  [2]
  $ caspian rolling m --file m.csv --window 2 --how median
  caspian: rolling: --how must be sum, mean, min, max or std, not 'median'
  try 'caspian rolling --help'
  [2]
  $ caspian rolling m --file m.csv --window 2 --min-periods 3 --how sum
  caspian: rolling: --min-periods 3 is more than the window of 2
  try 'caspian rolling --help'
  [2]
