The demo runs on its own temporary store and leaves only its chart behind.  Its
first figures: 307.8 / 32.4 = 9.5, and 9.5^(1/8) - 1 = .32499869538924719839
(bc -l), shown as 32.50%.

  $ caspian demo > demo.out; echo $?
  0
  $ head -2 demo.out
  caspian demo: the figures of the Uzbekistan-Azerbaijan press release (UzDaily.com, 19 February 2026)
  Importing them into a temporary store ...
  $ grep -E '^(fold|cagr) ' demo.out | head -2
  fold            9.5
  cagr            32.50%
  $ grep -c '^== ' demo.out
  6
  $ grep '^\$ caspian' demo.out | cut -c3-
  caspian growth trade.uz_az --from 2017 --to 2025
  caspian check datasets/uz-az/claims.csv
  caspian solve trade.uz_az --target 1000 --by 2030
  caspian project trade.uz_az --to 2030 --rate 0.2,0.2657,0.325
  caspian growth regions.uz_az.paired --format csv
  caspian plot trade.uz_az --forecast auto --h 5 -o demo.svg
  $ ls | grep -v '^bin$'
  demo.out
  demo.svg
  $ tail -1 demo.out
  wrote demo.svg

The chart: one history, one forecast with an 80% and a 95% band, the two
observations as dots.

  $ grep -c '<path class="series"' demo.svg; grep -c '<path class="forecast"' demo.svg; grep -c '<path class="band"' demo.svg; grep -c '<circle class="point"' demo.svg
  1
  1
  2
  2
  $ mkdir out; caspian demo --out-dir out | tail -1; ls out
  wrote out/demo.svg
  demo.svg

The check keeps the findings on trade and the summary: the stated
"32-34 percent" holds the implied 32.50%; "more than US$300 million" holds
32.4 x 9.5 = 307.8.

  $ grep -E '^trade_growth .* 32.50%$' demo.out
  trade_growth         average annual growth 2017-2025                    consistent         [32.00%, 34.00%]  [32.41%, 32.59%)    32.50%
  $ grep -E '^trade_2025 .* 307.8$' demo.out
  trade_2025           level 2025                                         consistent         (300, inf)        [305.707, 309.898)  307.8
  $ grep -E '^[0-9]+ claims, [0-9]+ findings: .* 0 inconsistent' demo.out | wc -l
  1

Errors.

  $ caspian demo --out-dir no/such/dir 2>&1 >/dev/null
  caspian: cannot write no/such/dir/demo.svg: No such file or directory
  [4]
  $ caspian demo extra
  caspian: demo: unexpected argument 'extra'
  try 'caspian demo --help'
  [2]
