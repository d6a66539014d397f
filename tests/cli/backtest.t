Rolling-origin evaluation checked by hand.  y = 1..10; origins 8 and 9 with
h = 1: naive forecasts 8 and 9 for 9 and 10 (errors 1, 1): MAE = RMSE = 1,
MAPE = (100/9 + 100/10)/2 = 10.5556, sMAPE = (200/17 + 200/19)/2 = 11.1455,
MASE = 1; its sigma is 1, so the 50% interval 8 -+ 0.674 misses 9.  Drift
is exact.  Ranked by MASE.

  $ printf 'series,period,value\n' > y.csv; for i in 1 2 3 4 5 6 7 8 9 10; do echo "y,$((2000 + i)),$i" >> y.csv; done
  $ caspian backtest --file y.csv y --h 1 --origins 2 --methods naive,drift --level 50
  rank  method  series  mae  rmse     mape    smape  mase  cov50  points  failed
     1  drift        1    0     0        0        0     0    100       2       0
     2  naive        1    1     1  10.5556  11.1455     1      0       2       0

--by-series gives one row per series and method; CSV is round-trip exact.

  $ caspian backtest --file y.csv --h 1 --origins 2 --methods naive --level 50 --by-series --format csv
  series,method,mae,rmse,mape,smape,mase,cov50,points,failed
  y,naive,1,1,10.555555555555555,11.14551083591331[0-9],1,0,2,0 (re)

A method that fails at an origin is counted, not fatal: cagr on a series
with a zero fails everywhere.  naive at origins 4 and 5 forecasts 3 and 4
for 4 and 5: MAPE (25 + 20)/2 = 22.5, sMAPE (200/7 + 200/9)/2 = 25.3968.

  $ printf 'series,period,value\nz,2001,0\nz,2002,1\nz,2003,2\nz,2004,3\nz,2005,4\nz,2006,5\n' > z.csv
  $ caspian backtest --file z.csv --h 1 --origins 2 --methods cagr,naive --level 95 --format csv
  rank,method,series,mae,rmse,mape,smape,mase,cov95,points,failed
  1,naive,1,1,1,22.5,25.3968253968254,1,100,2,0
  2,cagr,0,,,,,,,0,2

Errors: too short for the request, unknown method, no horizon.

  $ caspian backtest --file y.csv --h 5 --origins 4
  caspian: backtest: y: backtest with horizon 5 and 4 origins needs at least 11 observations (the series has 10)
  [3]

  $ caspian backtest --file y.csv --h 1 --methods naive,nope
  caspian: backtest: unknown forecasting method 'nope' (methods: naive, snaive, mean, drift, cagr, trend, logtrend, theta, otheta, ets, ses, holt, damped, hw, arima, comb, auto)
  try 'caspian backtest --help'
  [2]

  $ caspian backtest --file y.csv
  caspian: backtest: --h N is required
  try 'caspian backtest --help'
  [2]
