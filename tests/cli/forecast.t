Forecasts of a small annual series, checked by hand.  x = 10, 12, 11, 13
(2020-2023).  naive: sigma^2 = mean of the squared steps (4 + 1 + 4)/3 = 3,
so the 95% bounds are 13 -+ 1.959964 sqrt(3 h): 9.60524, 16.3948 (h = 1) and
8.19909, 17.8009 (h = 2).

  $ printf 'series,period,value\nx,2020,10\nx,2021,12\nx,2022,11\nx,2023,13\n' > x.csv
  $ caspian forecast --file x.csv x --h 2 --method naive --level 95
  series  period  forecast     lo95     hi95
  x       2024          13  9.60524  16.3948
  x       2025          13  8.19909  17.8009

drift: b = (13 - 10)/3 = 1; the steps about b are 1, -2, 1, so sigma^2 = 6/2
= 3 and se(b) = sqrt(3/3) = 1; se at h is sqrt(3h + h^2): 14 -+ 1.959964 * 2
at h = 1, 15 -+ 1.959964 sqrt(10) at h = 2.

  $ caspian forecast --file x.csv x --h 2 --method drift --level 95 --format csv
  series,period,forecast,lo95,hi95
  x,2024,14,10.080072030919894,17.919927969080106
  x,2025,15,8.802049676954386,21.197950323045614

mean: 11.5 with sd sqrt(5/3) and t(3) = 3.182446: 11.5 -+ 4.593466.
--to gives the last period instead of a count.

  $ caspian forecast --file x.csv x --to 2025 --method mean --level 95
  series  period  forecast     lo95     hi95
  x       2024        11.5  6.90653  16.0935
  x       2025        11.5  6.90653  16.0935

R's forecast package on the bundled AirPassengers series:
snaive(AirPassengers, h = 2, level = c(80, 95)) gives 417 [370.4595, 463.5405]
[345.8224, 488.1776] and 391 [344.4595, 437.5405] [319.8224, 462.1776].

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 2 --method snaive
  series                      period   forecast    lo80    hi80     lo95     hi95
  flights.intl.airpassengers  1961-01       417  370.46  463.54  345.822  488.178
  flights.intl.airpassengers  1961-02       391  344.46  437.54  319.822  462.178

NAME:sa forecasts the seasonally adjusted series (M3's NAIVE2 is naive:sa).
q repeats 120, 80, 110, 90 for six years (lag-4 autocorrelation 0.83, 1.86
standard errors: seasonal at 90%) around a level of 100: the centred moving average
is 100 wherever it is defined, so the indices are 1.2, 0.8, 1.1, 0.9, the
adjusted series is 100 throughout, naive forecasts 100 with no spread, and
the forecasts are the indices times 100.

  $ printf 'series,period,value\n' > q.csv
  $ for y in 2018 2019 2020 2021 2022 2023; do printf 'q,%sQ1,120\nq,%sQ2,80\nq,%sQ3,110\nq,%sQ4,90\n' $y $y $y $y; done >> q.csv
  $ caspian forecast --file q.csv q --h 4 --method naive:sa --level 95
  series  period  forecast  lo95  hi95
  q       2024Q1       120   120   120
  q       2024Q2        80    80    80
  q       2024Q3       110   110   110
  q       2024Q4        90    90    90

Methods that adjust or combine by themselves refuse it, naming the method.

  $ caspian forecast --file q.csv q --h 4 --method theta:sa
  caspian: forecast: method theta adjusts for seasonality itself; ':sa' does not apply
  try 'caspian forecast --help'
  [2]

--season overrides the period of the frequency: with 4, the forecasts for
1961-01 and 1961-02 are the values of 1960-09 and 1960-10 (508, 461).

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 2 --method snaive --season 4 --format csv | cut -d, -f2,3
  period,forecast
  1961-01,508
  1961-02,461

rwf(AirPassengers, drift = TRUE, h = 2, level = 95): 434.2378 [367.8497,
500.6259], 436.4755 [342.2632, 530.6879].

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 2 --method drift --level 95
  series                      period   forecast     lo95     hi95
  flights.intl.airpassengers  1961-01   434.238   367.85  500.626
  flights.intl.airpassengers  1961-02   436.476  342.263  530.688

--details names the fitted model; a named ETS model is fitted as given.

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method ets:ANN --details | grep -E '^(method|model)'
  method  ets:ANN
  model   ETS(A,N,N)

--details gives the information criteria and the log-likelihood.  R 4.2.2,
forecast 8.20:
  f <- ets(AirPassengers, model = "ANN"); c(f$loglik, f$aic, f$aicc, f$bic)
  -863.893378  1733.786755  1733.958184  1742.696195
R leaves the constant out of the likelihood: with n = 144, caspian's loglik is
R's minus n/2 (log(2 pi/n) + 1) = -153.501, so -710.392, and its criteria are
R's plus n (log(2 pi/n) + 1) = -307.003: 1426.784, 1426.955, 1435.693.
caspian's optimum (alpha at its bound 0.9999) is within 0.01 of them.

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method ets:ANN --details --format csv > ic.csv
  $ python3 -c 'import csv; r = next(csv.DictReader(open("ic.csv"))); R = {"aicc": 1426.955, "aic": 1426.784, "bic": 1435.693, "loglik": -710.392}; print([k for k, v in R.items() if abs(float(r[k]) - v) >= 0.01])'
  []

The airline model, where R's Arima reports the full likelihood itself:
  a <- Arima(AirPassengers, order = c(0,1,1), seasonal = c(0,1,1), lambda = 0)
  c(a$loglik, a$aic, a$aicc, a$bic)
  244.699531  -483.399061  -483.210085  -474.773469
caspian's MA estimates differ from R's in the fifth digit (see above), and
its criteria by less than 0.01.  Methods without a likelihood print NA.

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method arima --order 0,1,1 --seasonal-order 0,1,1 --lambda 0 --details --format csv > ic.csv
  $ python3 -c 'import csv; r = next(csv.DictReader(open("ic.csv"))); R = {"aicc": -483.210085, "aic": -483.399061, "bic": -474.773469, "loglik": 244.699531}; print([k for k, v in R.items() if abs(float(r[k]) - v) >= 0.01])'
  []
  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method theta --details | grep -E '^(aicc|aic|bic|loglik) '
  aicc    NA
  aic     NA
  bic     NA
  loglik  NA

comb's model names all its members (up to eight, with variants); a table
cuts a text longer than 255 bytes with "..." and CSV keeps it whole.

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method comb --methods arima:lambda=auto,ets:estimator=r,ets:ZAdZ,theta:lines,otheta,damped:sa,holt:sa,snaive --how trimmed --details 2> /dev/null > comb.txt
  $ grep '^model' comb.txt
  model   Trimmed mean of arima:lambda=auto,ets:estimator=r,ets:ZAdZ,theta:lines,otheta,damped:sa,holt:sa,snaive
  $ grep '^params' comb.txt | awk '{ print length($0) - 8, substr($0, length($0) - 2) }'
  255 ...
  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method comb --methods arima:lambda=auto,ets:estimator=r,ets:ZAdZ,theta:lines,otheta,damped:sa,holt:sa,snaive --how trimmed --details --format csv 2> /dev/null | python3 -c 'import csv, sys; print(next(csv.DictReader(sys.stdin))["params"][-28:])'
  snaive=Seasonal naive (m=12)

Theta on the monthly series detects the seasonality (90% test at lag 12).

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method theta --details | grep '^model'
  model   Theta (seasonally adjusted, m=12)

A multiplicative-season ETS model has simulated intervals; the seed is
printed, and --seed changes it.

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method ets:MAM --seed 7 | tail -n 1
  note: intervals of 1 series are simulated from sample paths with seed 7

Many series run in parallel with the same output for any thread count.

  $ for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
  >   awk -F, -v k=$k 'NR > 1 { printf "s%02d,%s,%.4f\n", k, $2, $3 * (1 + k / 10) }' "$SRC/datasets/airpassengers/airpassengers.csv"
  > done | sed '1i series,period,value' > many.csv
  $ OMP_NUM_THREADS=1 caspian forecast --file many.csv --h 6 --method auto --format csv > one.csv 2> /dev/null
  $ OMP_NUM_THREADS=2 caspian forecast --file many.csv --h 6 --method auto --format csv > two.csv 2> /dev/null
  $ cmp one.csv two.csv && wc -l < one.csv
  73

Errors.  A series that cannot be forecast is reported and the others are
still printed (exit 3).

  $ printf 'series,period,value\na,2020,5\nb,2020,1\nb,2021,2\nb,2022,4\nc,2020,1\nc,2021,3\nc,2022,9\n' | caspian forecast --file - --h 1 --method cagr
  caspian: forecast: a: method cagr needs at least 3 observations (got 1)
  series  period  forecast  lo80  hi80  lo95  hi95
  b       2023           8     8     8     8     8
  c       2023          27    27    27    27    27
  [3]

One observation says nothing about how far the next may fall from it, so
no method forecasts from it (ets and arima would fit it with a zero-width
interval); missing values around it change nothing:

  $ printf 'series,period,value\na,2019,\na,2020,5\na,2021,NA\n' > one.csv
  $ for m in ets arima comb auto; do caspian forecast --file one.csv --h 1 --method $m; done
  caspian: forecast: a: method ets needs at least 2 observations (got 1)
  caspian: forecast: a: method arima needs at least 2 observations (got 1)
  caspian: forecast: a: comb: every member failed; arima: method arima needs at least 2 observations (got 1)
  caspian: forecast: a: method naive needs at least 2 observations (got 1)
  [3]

  $ printf 'series,period,value\nn,2020,5\nn,2021,-2\nn,2022,4\n' | caspian forecast --file - --h 1 --method logtrend
  caspian: forecast: n: method logtrend works on logarithms and needs positive values; value 2 is -2
  [3]

  $ printf 'series,period,value\ng,2020,5\ng,2021,\ng,2022,4\ng,2023,6\n' | caspian forecast --file - --h 1 --method theta
  caspian: forecast: g: method theta cannot handle missing values (value 2 is missing); fill the gap or use a method that skips them (naive, mean, drift, trend, ets)
  [3]

  $ caspian forecast --file x.csv x --to 2023
  caspian: forecast: x: x has periods up to 2023: --to must come later
  [3]

  $ caspian forecast --file x.csv x --h 2 --method thetta
  caspian: forecast: unknown forecasting method 'thetta' (methods: naive, snaive, mean, drift, cagr, trend, logtrend, theta, otheta, ets, ses, holt, damped, hw, arima, comb, auto)
  try 'caspian forecast --help'
  [2]

  $ caspian forecast --file x.csv x
  caspian: forecast: give exactly one of --h N and --to P
  try 'caspian forecast --help'
  [2]

  $ caspian forecast --file x.csv x --h 1 --level 80,100
  caspian: forecast: --level wants up to 8 percentages between 0 and 100, like 80,95; not '80,100'
  try 'caspian forecast --help'
  [2]

  $ caspian forecast --file x.csv x --h 0
  caspian: forecast: --h must be a whole number from 1 to 100000, not '0'
  try 'caspian forecast --help'
  [2]

A fixed ARIMA order with a Box-Cox transform.  R:
forecast(Arima(AirPassengers, order = c(0,1,1), seasonal = c(0,1,1),
lambda = 0), h = 2, level = 95) gives ma1 = -0.401828, sma1 = -0.556945 and
450.422370 [418.889510, 484.328939], 425.717198 [391.193785, 463.287352].

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 2 --method arima --order 0,1,1 --seasonal-order 0,1,1 --lambda 0 --level 95
  series                      period   forecast     lo95     hi95
  flights.intl.airpassengers  1961-01   450.422  418.889  484.329
  flights.intl.airpassengers  1961-02   425.717  391.194  463.287

--details gives the coefficients to 17 significant digits, so that they read
back exactly: within 2e-5 of R's ma1 and sma1 above.

  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method arima --order 0,1,1 --seasonal-order 0,1,1 --lambda 0 --details | grep -E '^model'
  model   ARIMA(0,1,1)(0,1,1)[12]
  $ caspian forecast --file "$SRC/datasets/airpassengers/airpassengers.csv" --h 1 --method arima --order 0,1,1 --seasonal-order 0,1,1 --lambda 0 --details --format csv > airline.csv
  $ python3 -c 'import csv; r = next(csv.DictReader(open("airline.csv"))); p = dict(kv.split("=") for kv in r["params"].split()); print(sorted(p), abs(float(p["ma1"]) + 0.401828) < 2e-5, abs(float(p["sma1"]) + 0.556945) < 2e-5, len(p["ma1"].lstrip("-0.")) >= 16)'
  ['lambda', 'ma1', 'sigma2', 'sma1'] True True True

comb of naive (13 -+ 1.959964 sqrt 3 at h = 1) and drift (14 -+ 1.959964 * 2):
the mean 13.5, and with the default envelope intervals the lower bound of
naive, 9.605240, and the upper bound of drift, 17.919928.

  $ caspian forecast --file x.csv x --h 1 --method comb --methods naive,drift --level 95
  series  period  forecast     lo95     hi95
  x       2024        13.5  9.60524  17.9199

  $ caspian forecast --file x.csv x --h 1 --method comb --methods naive,drift,mean --how median --level 95 --format csv | cut -d, -f3
  forecast
  13

  $ caspian forecast --file x.csv x --h 1 --method comb --methods naive,auto
  caspian: forecast: comb: member 'auto' selects or combines methods itself; name plain methods
  try 'caspian forecast --help'
  [2]

  $ caspian forecast --file x.csv x --h 1 --method ets --order 1,1,1
  caspian: forecast: --order applies to --method arima only
  try 'caspian forecast --help'
  [2]

  $ caspian forecast --file x.csv x --h 1 --method arima --order 1,1
  caspian: forecast: arima: bad variant item 'order=1,1' (expected order=p,d,q; seasonal=P,D,Q; lambda=auto|L; constant=0|1; biasadj=0|1)
  try 'caspian forecast --help'
  [2]

A bad variant is wrong for every series, so it is a usage error said once,
before any series is read, not a failure per series.  A member of comb
with a bad variant is one too (comb would otherwise fit without it).

  $ printf 'series,period,value\na,2001,1\na,2002,2\na,2003,4\nb,2001,3\nb,2002,5\nb,2003,4\n' > ab.csv
  $ caspian forecast --file ab.csv '*' --h 1 --method ets:ic=best
  caspian: forecast: ets: ic must be aicc, aic or bic, got "best"
  try 'caspian forecast --help'
  [2]
  $ caspian forecast --file ab.csv '*' --h 1 --method comb --methods naive,theta:line
  caspian: forecast: comb: member theta:line: method theta: unknown variant 'line' (expected lines or ses-drift)
  try 'caspian forecast --help'
  [2]
  $ caspian forecast --file ab.csv '*' --h 1 --method naive:x
  caspian: forecast: method naive takes no variant (got 'x')
  try 'caspian forecast --help'
  [2]
  $ caspian backtest --file ab.csv '*' --h 1 --origins 1 --methods naive,ets:estimator=s
  caspian: backtest: ets: estimator must be ml or r, got "s"
  try 'caspian backtest --help'
  [2]
