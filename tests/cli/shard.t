--shard I/N on the batch commands, import --shard and merge (docs/cluster.md).

A panel of 40 monthly series, trade.c00.hs0 .. trade.c39.hs4, 24 months each.

  $ awk 'BEGIN { print "series,period,value"; for (s = 0; s < 40; s++) for (m = 0; m < 24; m++)
  >   printf "trade.c%02d.hs%d,%d-%02d,%.2f\n", s, s % 7, 2020 + int(m / 12), m % 12 + 1,
  >          100 + s * 3.25 + m * 1.5 + (m % 12) * 0.75 }' > p.csv
  $ wc -l < p.csv
  961

Shard sizes for N = 3 from an independent implementation of the hash
(FNV-1a 64 then fmix64, see include/caspian/shard.h), in Python:
  names = ["trade.c%02d.hs%d" % (s, s % 7) for s in range(40)]; c[h(n) % 3] += 1
gives [12, 19, 9], and shard 1 starts with trade.c01.hs1, trade.c02.hs2, trade.c04.hs4.

  $ caspian import p.csv
  imported 960 values from p.csv into caspian.db: 40 new series, 0 extended, 0 replaced, 0 unchanged
  $ for i in 0 1 2; do caspian --db s$i.db import --shard $i/3 p.csv; done
  imported 288 values of shard 0/3 (12 of 40 series) from p.csv into s0.db: 12 new series, 0 extended, 0 replaced, 0 unchanged
  imported 456 values of shard 1/3 (19 of 40 series) from p.csv into s1.db: 19 new series, 0 extended, 0 replaced, 0 unchanged
  imported 216 values of shard 2/3 (9 of 40 series) from p.csv into s2.db: 9 new series, 0 extended, 0 replaced, 0 unchanged
  $ caspian list --shard 1/3 --format csv | head -4
  series,frequency,first,last,n,vintages
  trade.c01.hs1,monthly,2020-01,2021-12,24,0
  trade.c02.hs2,monthly,2020-01,2021-12,24,0
  trade.c04.hs4,monthly,2020-01,2021-12,24,0

The documented combination (docs/cluster.md): the header once, then the
shards' rows sorted bytewise and stably on the first column (the series name).

  $ combine() { awk '{ print; exit }' "$@"; awk 'FNR > 1' "$@" | LC_ALL=C sort -s -t, -k1,1; }
  > for cmd in growth yoy 'index --base 2020' 'solve --target 1000' 'project --to 2023-12 --rate 5%' \
  >     stats 'resample --to quarterly --how sum' 'rolling --window 3 --how std' \
  >     'forecast --h 6' 'backtest --h 3 --origins 2 --by-series'; do
  >   caspian $cmd 'trade.*' --format csv > all.csv
  >   for i in 0 1 2; do caspian $cmd 'trade.*' --format csv --shard $i/3 > part$i.csv; done
  >   combine part0.csv part1.csv part2.csv | cmp - all.csv && echo "${cmd%% *}: same bytes, $(wc -l < all.csv) lines"
  > done
  growth: same bytes, 41 lines
  yoy: same bytes, 961 lines
  index: same bytes, 961 lines
  solve: same bytes, 41 lines
  project: same bytes, 1001 lines
  stats: same bytes, 41 lines
  resample: same bytes, 321 lines
  rolling: same bytes, 961 lines
  forecast: same bytes, 241 lines
  backtest: same bytes, 201 lines

A shard that printed nothing (no series, or all failed) loses no header.

  $ combine() { awk '{ print; exit }' "$@"; awk 'FNR > 1' "$@" | LC_ALL=C sort -s -t, -k1,1; }
  > caspian growth 'trade.*' --format csv > all.csv
  > for i in 0 1 2; do caspian growth 'trade.*' --format csv --shard $i/3 > part$i.csv; done
  > : > empty.csv
  > combine empty.csv part2.csv part1.csv empty.csv part0.csv | cmp - all.csv && echo same
  same

Stateless runs over the file shard the same way, and each shard's own store
gives the same rows as the shared store restricted to that shard.

  $ combine() { awk '{ print; exit }' "$@"; awk 'FNR > 1' "$@" | LC_ALL=C sort -s -t, -k1,1; }
  > caspian growth '*' --file p.csv --format csv > all.csv
  > for i in 0 1 2; do caspian growth '*' --file p.csv --shard $i/3 --format csv > f$i.csv; done
  > combine f0.csv f1.csv f2.csv | cmp - all.csv && echo same
  > caspian --db s1.db growth '*' --format csv | cmp - f1.csv && echo same
  same
  same

The shard stores merge into one that exports exactly what the single import
stores, with time stamps and provenance.

  $ caspian merge merged.db s0.db s1.db s2.db
  merged 3 stores into merged.db: 40 new series with 0 vintages, 0 identical series already there
  $ caspian export > all.csv; caspian --db merged.db export | cmp - all.csv && echo same
  same
  $ caspian --db merged.db info trade.c05.hs5 --format csv | cut -d, -f1,11-
  series,created,updated,vintages
  trade.c05.hs5,2026-01-01T00:00:00.000000Z,2026-01-01T00:00:00.000000Z,0
  $ caspian merge merged.db s2.db --format csv
  store,inputs,new,identical,vintages
  merged.db,1,0,9,0

A differing series is refused by name and nothing lands.

  $ printf 'series,period,value\ntrade.c00.hs0,2020-01,1\n' > other.csv
  $ caspian --db other.db import other.csv > /dev/null
  $ caspian merge merged.db other.db
  caspian: series trade.c00.hs0 in other.db differs from the series of that name already in merged.db (periods); nothing was merged
  [3]
  $ caspian merge merged.db missing.db
  caspian: no store at missing.db (import something first)
  [3]
  $ caspian merge merged.db
  caspian: merge: expected OUT.db and at least one IN.db
  try 'caspian merge --help'
  [2]

The store merge writes is its first argument; a --db that it would ignore is
refused before anything is written (here s0.db would have been the output):

  $ cp s0.db s0.before
  $ caspian --db all.db merge s0.db s1.db s2.db
  caspian: merge: merge writes OUT.db, its first argument; --db does not apply (caspian merge OUT.db IN.db...)
  try 'caspian merge --help'
  [2]
  $ cmp s0.db s0.before && test ! -e all.db && echo unchanged
  unchanged

A name that exists in another shard gives an empty result, not an error; a
name that exists nowhere is still an error.

  $ caspian growth trade.c00.hs0 --shard 1/3 --format csv
  series,start,start_value,end,end_value,years,change,pct_change,fold,cagr,log_rate,doubling_years,mean_rate,rates_averaged,unit
  $ caspian growth trade.nope --shard 1/3
  caspian: no series named 'trade.nope' in caspian.db
  [3]

Bad shards are usage errors; commands that combine series refuse --shard.

  $ caspian growth '*' --shard 3/3
  caspian: growth: --shard: shard '3/3': I must be less than N (the shards of 3 are numbered 0 to 2)
  try 'caspian growth --help'
  [2]
  $ caspian yoy '*' --shard 1/0
  caspian: yoy: --shard: shard '1/0': the number of shards N must be at least 1
  try 'caspian yoy --help'
  [2]
  $ caspian import p.csv --shard -1/4
  caspian: import: --shard: shard '-1/4' is not I/N: two whole numbers 0 <= I < N (at most 4294967295), e.g. 0/4
  try 'caspian import --help'
  [2]
  $ caspian backtest '*' --h 3 --shard 0/2
  caspian: backtest: --shard needs --by-series: the summary averages over all series, and the summaries of shards do not combine into it
  try 'caspian backtest --help'
  [2]
  $ caspian share trade.c01.hs1 trade.c02.hs2 --shard 0/2
  caspian share: unrecognized option '--shard'
  try 'caspian share --help'
  [2]
