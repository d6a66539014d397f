contrib splits a total's growth among its components.  Hand values: total t
= 100, 120, 150 (2000-2002), a = 60, 66, 80, b = 40, 54, 69.  From 2000 to
2001: a (66 - 60)/100 = 6 pp, b (54 - 40)/100 = 14 pp, t 20%, residual 0.
From 2001 to 2002: a 14/120 = 11.67 pp, b 15/120 = 12.5 pp, t 30/120 = 25%,
residual 25 - 24.1667 = 0.83 pp (a and b add up to 149, not 150).

  $ printf 'series,period,value\nt,2000,100\nt,2001,120\nt,2002,150\na,2000,60\na,2001,66\na,2002,80\nb,2000,40\nb,2001,54\nb,2002,69\n' > c.csv
  $ caspian contrib --file c.csv t a b
  start  end   series      contribution
  2000   2001  a                  6.00%
  2000   2001  b                 14.00%
  2000   2001  t                 20.00%
  2000   2001  (residual)         0.00%
  2001   2002  a                 11.67%
  2001   2002  b                 12.50%
  2001   2002  t                 25.00%
  2001   2002  (residual)         0.83%

Over 2000-2002 in CSV: a 20/100, b 29/100, t 50/100, residual 0.01.

  $ caspian contrib --file c.csv t a b --from 2000 --to 2002 --format csv
  start,end,series,contribution
  2000,2002,a,0.2
  2000,2002,b,0.29
  2000,2002,t,0.5
  2000,2002,(residual),0.010000000000000009

(In doubles, as Python computes them: 0.25 - (14/120 + 15/120) is
0.008333333333333331 and 0.5 - (0.2 + 0.29) is 0.010000000000000009.)

A component left out shows in the residual (b's 29 pp); globs name
components too.  JSON, from standard input and from the store:

  $ caspian contrib --file - t 'a*' --from 2000 --to 2002 --format json < c.csv
  [
   {"start": "2000", "end": "2002", "series": "a", "contribution": 0.2},
   {"start": "2000", "end": "2002", "series": "t", "contribution": 0.5},
   {"start": "2000", "end": "2002", "series": "(residual)", "contribution": 0.3}
  ]
  $ caspian --db c.db import c.csv > /dev/null
  $ caspian --db c.db contrib t a b --from 2001 --to 2002 --format csv
  start,end,series,contribution
  2001,2002,a,0.11666666666666667
  2001,2002,b,0.125
  2001,2002,t,0.25
  2001,2002,(residual),0.008333333333333331

Refusals: growth needs a positive total at the start; every series needs a
value at both ends; the frequencies must agree; the periods must be given
together and in order.

  $ printf 'series,period,value\nt,2000,0\nt,2001,120\na,2000,60\na,2001,66\n' | caspian contrib --file - t a
  caspian: t is 0 at 2000: growth rates need positive values
  [3]
  $ printf 'series,period,value\nt,2000,100\nt,2001,120\na,2000,\na,2001,66\n' | caspian contrib --file - t a
  caspian: a has no value at 2000
  [3]
  $ caspian contrib --file c.csv t a --from 1990 --to 2000
  caspian: t has no value at 1990
  [3]
  $ printf 'series,period,value\nt,2000,100\nt,2001,120\nq,2000Q1,1\nq,2000Q2,2\n' | caspian contrib --file - t q
  caspian: q is quarterly but t is annual
  [2]
  $ caspian contrib --file c.csv t a --from 2000
  caspian: contrib: give both --from and --to, or neither
  try 'caspian contrib --help'
  [2]
  $ caspian contrib --file c.csv t a --from 2002 --to 2000
  caspian: the end period 2000 must come after the start 2002
  [2]
  $ caspian contrib --file c.csv t
  caspian: contrib: expected TOTAL and at least one COMPONENT
  try 'caspian contrib --help'
  [2]
  $ caspian contrib --file c.csv t zz
  caspian: no series named 'zz' in c.csv
  [3]
