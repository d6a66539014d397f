`caspian decompose` on the press release: trade grew 9.5-fold from US$32.4
million, exports eightfold, imports sixteenfold.  The total's fold is the
mean of the parts' folds weighted by their 2017 shares:
  8 s + 16 (1 - s) = 9.5  =>  s = (16 - 9.5) / (16 - 8) = 0.8125,
so exports were 0.8125 x 32.4 = 26.325 and imports 0.1875 x 32.4 = 6.075 of
2017 trade; in 2025 26.325 x 8 = 210.6 and 6.075 x 16 = 97.2 (sum 307.8).
Exports' end share 210.6 / 307.8 = .68421052631578947368; contributions
0.8125 x 7 = 5.6875 and 0.1875 x 15 = 2.8125 (sum 8.5 = 9.5 - 1); shares of
the rise 5.6875 / 8.5 = .66911764705882352941 and 2.8125 / 8.5 = .33088235294117647059.
Read as rounded (9.5 in [9.45, 9.55), 8 in [7.5, 8.5), 16 in [15.5, 16.5)),
the share s falls with the total's fold and rises with both parts' folds, so
it runs from (15.5 - 9.55)/(15.5 - 7.5) = 0.74375 to (16.5 - 9.45)/(16.5 - 8.5)
= 0.88125, both ends excluded; exports' 2017 level from 0.74375 x 32.35 =
24.0603125 to 0.88125 x 32.45 = 28.5965625, imports' from 0.11875 x 32.35 =
3.8415625 to 0.25625 x 32.45 = 8.3153125.  Ends are rounded outward.

  $ caspian decompose --total-fold 9.5 --total-start 32.4 --component exports=8 --component imports=16
  part     quantity       exact    range
  total    fold           9.5      [9.45, 9.55)
  total    base level     32.4     [32.35, 32.45)
  total    end level      307.8    [305.707, 309.898)
  exports  fold           8        [7.5, 8.5)
  exports  base share     81.25%   (74.37%, 88.13%)
  exports  base level     26.325   (24.0603, 28.5966)
  exports  end level      210.6    (180.452, 243.071)
  exports  end share      68.42%   (58.40%, 79.27%)
  exports  contribution   568.75%  (483.43%, 660.94%)
  exports  share of rise  66.91%   (56.54%, 78.22%)
  imports  fold           16       [15.5, 16.5)
  imports  base share     18.75%   (11.87%, 25.63%)
  imports  base level     6.075    (3.84156, 8.31532)
  imports  end level      97.2     (63.3857, 128.888)
  imports  end share      31.58%   (20.73%, 41.60%)
  imports  contribution   281.25%  (184.06%, 371.57%)
  imports  share of rise  33.09%   (21.78%, 43.46%)
  Two parts: the folds fix the shares.
  'exact' reads the numbers as exact; 'range' allows for their rounding.
  Contribution: s_i (F_i - 1), the part's rise as a share of the total's base level; the contributions add up to F - 1.

Read exactly, in CSV: the same figures, each a point up to the rounding of
the arithmetic (1 in the last digits).

  $ caspian decompose --total-fold 9.5 --total-start 32.4 --component exports=8 --component imports=16 --exact --format csv | grep -E '^(part|exports)'
  part,quantity,unit,exact,lo,lo_open,hi,hi_open
  exports,fold,fold,8,8,0,8,0
  exports,base share,percent,0.8125,0.8124999999999991,0,0.8125000000000009,0
  exports,base level,level,26.325,26.324999999999964,0,26.32500000000003,0
  exports,end level,level,210.6,210.5999999999997,0,210.60000000000025,0
  exports,end share,percent,0.6842105263157895,0.6842105263157886,0,0.6842105263157904,0
  exports,contribution,percent,5.6875,5.687499999999993,0,5.687500000000007,0
  exports,share of rise,percent,0.6691176470588235,0.6691176470588226,0,0.6691176470588244,0

The total may be given by its levels: 307.8 / 32.4 = 9.5.

  $ caspian decompose --total-start 32.4 --total-end 307.8 --component exports=8 --component imports=16 --exact --format csv | grep 'base share'
  exports,base share,percent,0.8125,0.8124999999999982,0,0.8125000000000016,0
  imports,base share,percent,0.1875,0.1874999999999991,0,0.1875000000000011,0

A part that shrank: total 1.5-fold, parts 0.8-fold and 3-fold.
s = (3 - 1.5) / (3 - 0.8) = 1.5 / 2.2 = .68181818181818181818; the shrinking
part contributes .68181818 x (0.8 - 1) = -.13636363636363636364 and takes
-.13636363636363636364 / 0.5 = -.27272727272727272727 of the rise; the other
.31818181818181818182 x 2 = .63636363636363636364, or 1.27272727272727272727.

  $ caspian decompose --total-fold 1.5 --component a=0.8 --component b=3 --exact --format csv | grep -E 'contribution|share of rise'
  a,contribution,percent,-0.13636363636363633,-0.13636363636363663,0,-0.13636363636363605,0
  a,share of rise,percent,-0.27272727272727265,-0.27272727272727326,0,-0.2727272727272721,0
  b,contribution,percent,0.6363636363636362,0.6363636363636355,0,0.6363636363636372,0
  b,share of rise,percent,1.2727272727272725,1.272727272727271,0,1.2727272727272745,0

Three parts do not fix the shares.  Read exactly (9.5 from 8, 16 and 10),
the mixes that fit have their vertices at {8, 16}: s = (0.8125, 0.1875, 0)
and {8, 10}: s_8 = (10 - 9.5) / (10 - 8) = 0.25, s_10 = 0.75; {10, 16} cannot
give 9.5.  So s_8 runs from 25% to 81.25%, s_16 from 0 to 18.75%, s_10 from 0
to 75%.  With rounding, 10 ([9.5, 10.5)) overlaps 9.5 ([9.45, 9.55)), so the
shares are bounded only by 0 and 1.

  $ caspian decompose --total-fold 9.5 --component a=8 --component b=16 --component c=10 | grep -E 'base share|parts|pin|rounding ranges'
  a      base share     [25.00%, 81.25%]    [0.00%, 100.00%]
  b      base share     [0.00%, 18.75%]     [0.00%, 100.00%]
  c      base share     [0.00%, 75.00%]     [0.00%, 100.00%]
  3 parts: the folds do not fix the shares; each figure is given as its range over every mix that fits.
  A part's base level or share would pin them down.
  The rounding ranges of the total's fold and a part's fold overlap, so some shares are bounded only by 0% and 100%.

Errors.  No mix of 8-fold and 16-fold parts makes a 20-fold total (exit 3);
bad command lines exit with 2.

  $ caspian decompose --total-fold 20 --component a=8 --component b=16
  caspian: the total's fold (19.5 to 20.5) lies outside its parts' folds (7.5 to 16.5), but a total's fold is a weighted mean of its parts' folds
  [3]
  $ caspian decompose --total-fold 9.5 --component a=8
  caspian: decompose: give at least two --component NAME=FOLD
  try 'caspian decompose --help'
  [2]
  $ caspian decompose --component a=8 --component b=16
  caspian: decompose: give --total-fold, or --total-start and --total-end
  try 'caspian decompose --help'
  [2]
  $ caspian decompose --total-fold 9.5 --total-start 32.4 --total-end 307.8 --component a=8 --component b=16
  caspian: decompose: give the total's fold or its end level, not both
  try 'caspian decompose --help'
  [2]
  $ caspian decompose --total-fold 9,5 --component a=8 --component b=16
  caspian: decompose: --total-fold: value '9,5' is not a decimal number (digits with an optional '.', sign and exponent; no spaces or separators)
  try 'caspian decompose --help'
  [2]
  $ caspian decompose --total-fold 9.5 --component a:8 --component b=16
  caspian: decompose: --component takes NAME=FOLD, not 'a:8'
  try 'caspian decompose --help'
  [2]
  $ caspian decompose --total-fold 9.5 --component a=8 --component b=16 extra
  caspian: decompose: unexpected argument 'extra'
  try 'caspian decompose --help'
  [2]
