The store: import, list, info, show, vintages, as-of, export, rm.
CASPIAN_NOW fixes the time stamps (the runner sets 2026-01-01).

  $ caspian import "$SRC/datasets/uz-az/series.csv"
  imported 6 values from .*/datasets/uz-az/series.csv into caspian.db: 4 new series, 0 extended, 0 replaced, 0 unchanged (re)
  $ caspian list
  series                     frequency  first  last  n  vintages
  enterprises.uz.az_capital  annual     2026   2026  1         0
  flights.uz_az.regular      annual     2026   2026  1         0
  regions.uz_az.paired       annual     2023   2025  3         0
  trade.uz_az                annual     2017   2025  9         0
  $ caspian list 'trade.*' --format csv
  series,frequency,first,last,n,vintages
  trade.uz_az,annual,2017,2025,9,0
  $ caspian info regions.uz_az.paired --format csv
  series,frequency,first,last,n,observed,missing,unit,source,note,created,updated,vintages
  regions.uz_az.paired,annual,2023,2025,3,2,1,regions,"UzDaily.com, 19 February 2026, Uzbekistan-Azerbaijan roundtable in Baku","Over the past two years, the number of paired regions increased from four to eleven.",2026-01-01T00:00:00.000000Z,2026-01-01T00:00:00.000000Z,0
  $ caspian show regions.uz_az.paired
  series                period  value
  regions.uz_az.paired  2023        4
  regions.uz_az.paired  2024       NA
  regions.uz_az.paired  2025       11

Importing the same file again changes nothing.

  $ caspian import "$SRC/datasets/uz-az/series.csv" --format csv | cut -d, -f2-
  values,new,extended,replaced,unchanged
  6,0,0,0,4

A revised value is refused, names the series, period and both values, and
leaves the store as it was; --replace accepts it and keeps a vintage.

  $ printf 'series,period,value\ntrade.uz_az,2025,310\n' > rev.csv
  $ caspian import rev.csv
  caspian: series trade.uz_az, period 2025: stored value 307.8 differs from imported value 310; nothing was imported
  caspian: to accept the new values and keep the old ones as a vintage, import again with --replace
  [3]
  $ caspian show trade.uz_az --from 2025 --format csv
  series,period,value
  trade.uz_az,2025,307.8
  $ CASPIAN_NOW=2026-02-01T00:00:00.000000Z caspian import rev.csv --replace
  imported 1 values from rev.csv into caspian.db: 0 new series, 0 extended, 1 replaced, 0 unchanged
  $ caspian show trade.uz_az --vintages --format csv
  series,valid_from,valid_to,first,last,n
  trade.uz_az,2026-01-01T00:00:00.000000Z,2026-02-01T00:00:00.000000Z,2017,2025,9
  trade.uz_az,2026-02-01T00:00:00.000000Z,,2017,2025,9
  $ caspian show trade.uz_az --as-of 2026-01-31T23:59:59Z --from 2025 --format csv
  series,period,value
  trade.uz_az,2025,307.8
  $ caspian show trade.uz_az --as-of 2026-02-01 --from 2025 --format csv
  series,period,value
  trade.uz_az,2025,310
  $ caspian show trade.uz_az --as-of 2025-06-30
  caspian: series trade.uz_az did not exist at 2025-06-30T00:00:00.000000Z (first imported 2026-01-01T00:00:00.000000Z)
  [3]
  $ caspian show trade.uz_az --as-of yesterday
  caspian: 'yesterday' is not a time stamp (2026-01-31T12:00:00.000000Z, or a leading part of one such as 2026-01-31)
  [2]

New periods extend a series without --replace.

  $ printf 'series,period,value\ntrade.uz_az,2026,330\n' | caspian import - --format csv | cut -d, -f3-
  new,extended,replaced,unchanged
  0,1,0,0
  $ caspian export 'trade.*' | cut -d, -f1-3
  series,period,value
  trade.uz_az,2017,32.4
  trade.uz_az,2018,
  trade.uz_az,2019,
  trade.uz_az,2020,
  trade.uz_az,2021,
  trade.uz_az,2022,
  trade.uz_az,2023,
  trade.uz_az,2024,
  trade.uz_az,2025,310
  trade.uz_az,2026,330

Export imports back bit for bit.

  $ caspian export > all.csv && caspian --db copy.db import all.csv >/dev/null && caspian --db copy.db export | cmp - all.csv && echo same
  same

rm takes exact names and removes all of them or none.

  $ caspian rm trade.uz_az nothing
  caspian: no series named 'nothing' in caspian.db; nothing was removed
  [3]
  $ caspian rm trade.uz_az
  removed trade.uz_az
  $ caspian list --format csv | cut -d, -f1
  series
  enterprises.uz.az_capital
  flights.uz_az.regular
  regions.uz_az.paired
  $ CASPIAN_DB=copy.db caspian list 'trade*' --format csv | cut -d, -f1
  series
  trade.uz_az
  $ caspian --db nowhere/x.db import "$SRC/datasets/uz-az/series.csv"
  caspian: cannot open store nowhere/x.db: .* (re)
  [4]
