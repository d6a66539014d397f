Combining series period by period.  Data (monthly):
  a: Jan 1, Feb 2, Mar missing
  b: Feb 10, Mar missing, Apr 30
  c: Mar -4
By hand: Jan = 1 (a only); Feb = 2 + 10 = 12 (mean 6); Mar = -4 with a and b
missing; Apr = 30.

  $ printf 'series,period,value\na,2020-01,1\na,2020-02,2\na,2020-03,\nb,2020-02,10\nb,2020-03,\nb,2020-04,30\nc,2020-03,-4\n' > hand.csv
  $ caspian agg '*' --how sum --file hand.csv
  series  period   value  used  missing
  sum     2020-01      1     1        0
  sum     2020-02     12     2        0
  sum     2020-03     -4     1        2
  sum     2020-04     30     1        0
  $ caspian agg '*' --how mean --by period --file hand.csv --format csv
  series,period,value,used,missing
  mean,2020-01,1,1,0
  mean,2020-02,6,2,0
  mean,2020-03,-4,1,2
  mean,2020-04,30,1,0
  $ caspian agg '*' --how median --file hand.csv --format csv
  series,period,value,used,missing
  median,2020-01,1,1,0
  median,2020-02,6,2,0
  median,2020-03,-4,1,2
  median,2020-04,30,1,0
  $ caspian agg '*' --how max --file hand.csv --format csv
  series,period,value,used,missing
  max,2020-01,1,1,0
  max,2020-02,10,2,0
  max,2020-03,-4,1,2
  max,2020-04,30,1,0

Several globs, a missing period as null, and --as storing the result.

  $ caspian agg a b --how sum --as trade.total --file hand.csv --format json
  [
   {"series": "trade.total", "period": "2020-01", "value": 1, "used": 1, "missing": 0},
   {"series": "trade.total", "period": "2020-02", "value": 12, "used": 2, "missing": 0},
   {"series": "trade.total", "period": "2020-03", "value": null, "used": 0, "missing": 2},
   {"series": "trade.total", "period": "2020-04", "value": 30, "used": 1, "missing": 0}
  ]
  $ caspian show trade.total --format csv
  series,period,value
  trade.total,2020-01,1
  trade.total,2020-02,12
  trade.total,2020-03,
  trade.total,2020-04,30

Errors: mixed frequencies, a missing or wrong --how, another grouping.

  $ printf 'series,period,value\nm,2020-01,1\nq,2020Q1,5\n' > mixed.csv
  $ caspian agg '*' --how sum --file mixed.csv
  caspian: series m is monthly but q is quarterly; convert them to one frequency first
  [2]
  $ caspian agg '*' --file hand.csv
  caspian: agg: --how is required (sum, mean, min, max, count or median)
  try 'caspian agg --help'
  [2]
  $ caspian agg '*' --how first --file hand.csv
  caspian: agg: --how must be sum, mean, min, max, count or median, not 'first'
  try 'caspian agg --help'
  [2]
  $ caspian agg '*' --how sum --by series --file hand.csv
  caspian: agg: --by takes 'period' (the only grouping so far), not 'series'
  try 'caspian agg --help'
  [2]
