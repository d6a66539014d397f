Sparklines.  In 1960 the air passengers were 417 391 419 461 472 535 622
606 508 461 390 432 (R: AirPassengers); with lo 390 and hi 622 the block
heights floor(8 (v - 390) / 232), clamped to 0..7, are
0 0 1 2 2 5 7 7 4 2 0 1 (e.g. 535: 8 * 145 / 232 = 5).

  $ caspian import "$SRC/datasets/airpassengers/airpassengers.csv" >/dev/null
  $ caspian show flights.intl.airpassengers --spark --from 1960-01 --to 1960-12
  series                      periods           min  max  spark
  flights.intl.airpassengers  1960-01..1960-12  390  622  ▁▁▂▃▃▆██▅▃▁▂

The 144 months make 48 blocks of three months (means; a block is 3 bytes); a missing value is a
space; a series with one value (or all equal) is a middle block.

  $ caspian show flights.intl.airpassengers --spark | tail -1 | sed 's/.*  //' | awk '{print length($0) / 3}'
  48
  $ caspian import "$SRC/datasets/uz-az/series.csv" >/dev/null
  $ caspian show 'regions.*' --spark
  series                periods     min  max  spark
  regions.uz_az.paired  2023..2025    4   11  ▁ █
  $ caspian show 'flights.uz*' --spark
  series                 periods     min  max  spark
  flights.uz_az.regular  2026..2026   14   14  ▄
  $ printf 'series,period,value\nq,2020Q1,NA\nq,2020Q2,NA\n' | caspian show --file - q --spark | sed 's/$/|/'
  series  periods         min  max  spark|
  q       2020Q1..2020Q2   NA   NA    |

--spark is for terminals: not with CSV or JSON, nor with old versions.

  $ caspian show trade.uz_az --spark --format csv
  caspian: show: --spark draws for terminals: use it with the table format, not --format csv
  try 'caspian show --help'
  [2]
  $ caspian show trade.uz_az --spark --vintages
  caspian: show: --spark shows current values; not with --as-of or --vintages
  try 'caspian show --help'
  [2]
