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
