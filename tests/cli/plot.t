SVG charts.  The counts of elements follow from the data: trade.uz_az has
two observations (2017 and 2025) with seven missing years between them, so
one history path, one dotted gap path and two dots.

  $ caspian import "$SRC/datasets/uz-az/series.csv" >/dev/null
  $ caspian plot trade.uz_az -o chart.svg && head -2 chart.svg
  <?xml version="1.0" encoding="UTF-8"?>
  <svg xmlns="http://www.w3.org/2000/svg" width="800" height="480" viewBox="0 0 800 480" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
  $ grep -c '<path class="series"' chart.svg; grep -c '<path class="gap"' chart.svg; grep -c '<circle class="point"' chart.svg
  1
  1
  2
  $ grep -o '<text class="title"[^<]*<' chart.svg; grep -o '>USD million<' chart.svg; grep -c 'Source: UzDaily.com, 19 February 2026' chart.svg
  <text class="title" x="65" y="26">trade.uz_az<
  >USD million<
  1

Values 32.4 to 307.8 on a linear axis: (307.8 - 32.4) / 5 = 55.08 rounds to
a step of 50, so ticks 0, 50, ..., 350; the years 2017 to 2025 every year.

  $ grep -o 'data-axis="y"[^<]*<' chart.svg | sed 's/.*>//; s/<//' | tr '\n' ' '; echo
  0 50 100 150 200 250 300 350 
  $ grep -c 'data-axis="x"' chart.svg
  9

On a log scale the ticks are 1-2-5 values: 20 50 100 200 500.

  $ caspian plot trade.uz_az --log -o - | grep -o 'data-axis="y"[^<]*<' | sed 's/.*>//; s/<//' | tr '\n' ' '; echo
  20 50 100 200 500 

Several series get a legend; --from and --to narrow the periods.

  $ caspian plot 'trade.*' 'regions.*' -o two.svg --title 'Two series'
  $ grep -c '<path class="series"' two.svg; grep -c 'class="legend-label"' two.svg; grep -o '<text class="title"[^<]*<' two.svg
  2
  2
  <text class="title" x="65" y="26">Two series<
  $ caspian plot trade.uz_az --from 2020 --to 2025 -o - | grep -c '<circle class="point"'
  1

The file is written whole or not at all: a failed chart leaves what was there.

  $ echo old > keep.svg
  $ printf 'series,period,value\nz,2000,0\nz,2001,5\n' | caspian plot --file - z --log -o keep.svg
  caspian: z is 0 at 2000: a log scale shows only positive values
  [3]
  $ cat keep.svg; ls | grep tmp | wc -l
  old
  0

Fan charts.  With two observations eight years apart, the naive method (a
random walk) has sigma = (307.8 - 32.4) / sqrt(8) = 97.3686 per year, so h
years ahead the 95% interval is 307.8 +- 1.959964 x 97.3686 x sqrt(h): at
h = 5 (the default for annual series), -118.93 to 734.53 (bc -l).  That
range over 5 steps is 170.7, rounded to 200: ticks -200 to 800.  The years
2017 to 2030 are 13 / 6 = 2.2, rounded to every second year: 7 labels.

  $ caspian plot trade.uz_az --forecast naive -o fan.svg
  $ grep -c '<path class="series"' fan.svg; grep -c '<path class="forecast"' fan.svg; grep -c '<path class="band"' fan.svg
  1
  1
  2
  $ grep -o 'data-level="[0-9]*"' fan.svg
  data-level="95"
  data-level="80"
  $ grep -o 'data-axis="y"[^<]*<' fan.svg | sed 's/.*>//; s/<//' | tr '\n' ' '; echo
  -200 0 200 400 600 800 
  $ grep -c 'data-axis="x"' fan.svg
  7
  $ grep -o '<text class="legend-label"[^<]*<' fan.svg | sed 's/.*>//; s/<//'
  trade.uz_az
  forecast: Naive (random walk)
  80% interval
  95% interval

The forecast line starts at the last observation (the 2025 dot).

  $ dot=$(grep -o 'cx="[0-9.]*" cy="[0-9.]*"><title>2025' fan.svg | sed 's/cx="\([0-9.]*\)" cy="\([0-9.]*\)".*/M\1 \2/')
  > grep -o '<path class="forecast"[^>]*d="[^L]*' fan.svg | sed 's/.*d="//' | grep -cx "$dot"
  1

--h and --level: three years, one band; several series share one legend
entry for the forecasts.

  $ caspian plot trade.uz_az --forecast naive --h 3 --level 90 -o - | grep -o 'data-level="[0-9]*"'
  data-level="90"
  $ caspian plot 'trade.*' 'regions.*' --forecast naive -o two.svg
  $ grep -c '<path class="band"' two.svg; grep -o '<text class="legend-label"[^<]*<' two.svg | sed 's/.*>//; s/<//'
  4
  trade.uz_az
  regions.uz_az.paired
  forecast (naive)
  80% interval
  95% interval

Forecasting errors: a series the method cannot take, intervals a log scale
cannot show, an unknown method, forecast options without --forecast.

  $ caspian plot trade.uz_az --forecast drift -o x.svg
  caspian: trade.uz_az: method drift needs at least 2 pairs of observed values 1 period apart to estimate its variance (found 1)
  [3]
  $ caspian plot trade.uz_az --forecast naive --log -o x.svg
  caspian: trade.uz_az's forecast interval is -22.7428 at 2028: a log scale shows only positive values
  caspian: plot: on a log scale the intervals must stay positive: drop --log, or use a method for positive data (cagr, logtrend, ets:MAN)
  [3]
  $ caspian plot trade.uz_az --forecast bogus -o x.svg
  caspian: plot: unknown forecasting method 'bogus' (methods: naive, snaive, mean, drift, cagr, trend, logtrend, theta, otheta, ets, ses, holt, damped, hw, arima, comb, auto)
  try 'caspian plot --help'
  [2]
  $ caspian plot trade.uz_az --h 3 -o x.svg
  caspian: plot: --h, --level, --season and --seed go with --forecast METHOD
  try 'caspian plot --help'
  [2]
  $ caspian plot trade.uz_az --forecast naive --level 80,101 -o x.svg
  caspian: plot: --level wants up to 8 percentages between 0 and 100, like 80,95; not '80,101'
  try 'caspian plot --help'
  [2]
  $ caspian plot trade.uz_az --forecast naive --h 0 -o x.svg
  caspian: plot: --h must be a whole number from 1 to 100000, not '0'
  try 'caspian plot --help'
  [2]

Errors.

  $ caspian plot trade.uz_az
  caspian: plot: -o FILE is required ("-o -" writes to standard output)
  try 'caspian plot --help'
  [2]
  $ caspian plot trade.uz_az --format csv -o x.svg
  caspian: plot: --format does not apply: plot writes SVG
  try 'caspian plot --help'
  [2]
  $ caspian plot nope -o x.svg
  caspian: no series named 'nope' in caspian.db
  [3]
  $ caspian plot trade.uz_az -o no/such/dir/x.svg
  caspian: cannot write no/such/dir/x.svg: No such file or directory
  [4]
  $ caspian import "$SRC/datasets/airpassengers/airpassengers.csv" >/dev/null
  $ caspian plot trade.uz_az flights.intl.airpassengers -o x.svg
  caspian: trade.uz_az is annual but flights.intl.airpassengers is monthly: one chart shows one frequency
  [2]
  $ caspian plot trade.uz_az --size 100x50 -o x.svg
  caspian: plot: --size takes WIDTHxHEIGHT in pixels, at least 200x150, not '100x50'
  try 'caspian plot --help'
  [2]
  $ caspian plot trade.uz_az --from 2019 --to 2018 -o x.svg
  caspian: --from 2019 comes after --to 2018
  [2]
  $ caspian plot trade.uz_az --from 2019-01 -o x.svg
  caspian: trade.uz_az is annual, but '2019-01' is a monthly period
  [2]
  $ ls x.svg
  ls: cannot access 'x.svg': No such file or directory
  [2]
