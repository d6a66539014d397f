Growth figures of the bundled press-release series.  Expected values by hand
(bc -l): fold 307.8/32.4 = 9.5 over 8 years; CAGR e(l(9.5)/8)-1 =
.32499869538924719839; log rate l(9.5)/8 = .28141147482581189382; doubling
time l(2)/(l(9.5)/8) = 2.46310915711233747238; change 307.8 - 32.4 in
double arithmetic = 275.40000000000003.

  $ caspian import "$SRC/datasets/uz-az/series.csv" >/dev/null
  $ caspian growth trade.uz_az --from 2017 --to 2025 --format csv
  series,start,start_value,end,end_value,years,change,pct_change,fold,cagr,log_rate,doubling_years,mean_rate,rates_averaged,unit
  trade.uz_az,2017,32.4,2025,307.8,8,275.40000000000003,8.5,9.5,0.3249986953892472,0.2814114748258119,2.463109157112337,0.3249986953892472,1,USD million

The table for people rounds: a fold change of 9.5 and a CAGR of 32.50%.

  $ caspian growth trade.uz_az
  series          trade.uz_az
  start           2017
  start_value     32.4
  end             2025
  end_value       307.8
  years           8
  change          275.4
  pct_change      850.00%
  fold            9.5
  cagr            32.50%
  log_rate        28.14%
  doubling_years  2.46311
  mean_rate       32.50%
  rates_averaged  1
  unit            USD million

Paired regions: four to eleven in two years is sqrt(11/4) - 1 =
.6583123951776999245 (bc -l), 65.83% a year.

  $ caspian growth 'regions.*' --format json
  [
   {"series": "regions.uz_az.paired", "start": "2023", "start_value": 4, "end": "2025", "end_value": 11, "years": 2, "change": 7, "pct_change": 1.75, "fold": 2.75, "cagr": 0.6583123951776999, "log_rate": 0.5058004558392399, "doubling_years": 1.3703965122171624, "mean_rate": 0.6583123951776999, "rates_averaged": 1, "unit": "regions"}
  ]

A volatile series: 100, 150, 75, 150.  Yearly rates +50%, -50%, +100% have
a mean of 33.33%; the CAGR is 1.5^(1/3) - 1 = 14.47%.

  $ printf 'series,period,value\nv,2000,100\nv,2001,150\nv,2002,75\nv,2003,150\n' > v.csv
  $ caspian growth --file v.csv v | grep -E '^(cagr|mean_rate|note)'
  cagr            14.47%
  mean_rate       33.33%
  note: the mean of the annualised rates (33.33%) differs from the CAGR (14.47%) because the rates vary; the CAGR is the constant rate that compounds from the start value to the end value.

Years come from the periods, not from a row count: 2017Q1 to 2018Q3 is 1.5
years even with only two rows; 1.21^(1/1.5) - 1 = .13550812700200387512.

  $ printf 'series,period,value\nq,2017Q1,100\nq,2018Q3,121\n' | caspian growth --file - q --format csv | cut -d, -f6,10
  years,cagr
  1.5,0.13550812700200388

Errors name the series, the period and the value.

  $ printf 'series,period,value\nz,2000,0\nz,2001,5\n' | caspian growth --file - z
  caspian: z is 0 at 2000: growth rates need positive values
  [3]
  $ caspian growth trade.uz_az --from 2018
  caspian: trade.uz_az has no value at 2018
  [3]

Over several series, a series whose values are refused is reported and the
others are still printed, so one partner without trade in the first year
does not hide the rest; the exit status is then 3.  a: 10 to 12 is a CAGR
of 0.2; c: 3 to 6 is 1.  A period that does not fit a series (a usage
error) still stops the command.

  $ printf 'series,period,value\na,2020,10\na,2021,12\nb,2020,0\nb,2021,5\nc,2020,3\nc,2021,6\nd,2021,7\n' > abc.csv
  $ caspian growth --file abc.csv '*' --from 2020 --format csv | cut -d, -f1-5,10
  caspian: b is 0 at 2020: growth rates need positive values
  caspian: d has no value at 2020
  series,start,start_value,end,end_value,cagr
  a,2020,10,2021,12,0.2
  c,2020,3,2021,6,1
  $ caspian growth --file abc.csv 'b' 'd' --from 2020 --format csv; echo "exit $?"
  caspian: b is 0 at 2020: growth rates need positive values
  caspian: d has no value at 2020
  exit 3
  $ caspian growth --file abc.csv '*' --from 2020Q1
  caspian: a is annual, but '2020Q1' is a quarterly period
  [2]
  $ caspian growth trade.uz_az --from 2025 --to 2017
  caspian: trade.uz_az: the end period 2017 must come after the start 2025
  [2]
  $ caspian growth trade.uz_az --from 2017Q1
  caspian: trade.uz_az is annual, but '2017Q1' is a quarterly period
  [2]
  $ caspian growth nothing
  caspian: no series named 'nothing' in caspian.db
  [3]
  $ caspian growth 'nothing.*'
  caspian: no series in caspian.db matches 'nothing.*'
  [3]
  $ caspian growth
  caspian: growth: expected SERIES or GLOB
  try 'caspian growth --help'
  [2]
  $ caspian growth trade.uz_az --format xml
  caspian: growth: --format must be table, csv or json, not 'xml'
  try 'caspian growth --help'
  [2]
  $ caspian --db missing.db growth trade.uz_az
  caspian: no store at missing.db (import something first)
  [3]
