Rate needed and time to target, from 307.8 in 2025.  By hand (bc -l):
e(l(1000/307.8)/5)-1 = .26574516439817407570 (26.57%);
at the series' own CAGR: l(1000/307.8)/l(1.32499869538924719839) =
4.18712512809474310705 years, so 2025 + ceil(4.187) = 2030;
at 20%: l(1000/307.8)/l(1.2) = 6.46278519280627464055 years -> 2032.

  $ caspian import "$SRC/datasets/uz-az/series.csv" >/dev/null
  $ caspian solve trade.uz_az --target 1000 --by 2030 --format csv
  series,from,from_value,target,by,years,rate
  trade.uz_az,2025,307.8,1000,2030,5,0.2657451643981741
  $ caspian solve trade.uz_az --target 1000 --format csv
  series,from,from_value,target,by,years,rate
  trade.uz_az,2025,307.8,1000,2030,4.187125128094743,0.3249986953892472
  $ caspian solve trade.uz_az --target 1000 --rate 20% --format csv
  series,from,from_value,target,by,years,rate
  trade.uz_az,2025,307.8,1000,2032,6.462785192806274,0.2
  $ caspian solve trade.uz_az --target 1000 --by 2030 | grep rate
  rate        26.57%
  $ caspian solve trade.uz_az --target 100 --rate 0.05
  caspian: at a rate of 0.05 a year, 307.8 never reaches 100
  [3]
  $ caspian solve trade.uz_az --target 1000 --by 2020
  caspian: the target period must come after the latest observation
  [2]
  $ caspian solve trade.uz_az --target -5 --by 2030
  caspian: a growth rate from 307.8 to -5 is undefined: both must be positive
  [3]
  $ caspian solve trade.uz_az --by 2030
  caspian: solve: --target V is required
  try 'caspian solve --help'
  [2]
  $ caspian solve trade.uz_az --target 1000 --by 2030 --rate 0.1
  caspian: solve: --by solves for the rate: do not give --rate too
  try 'caspian solve --help'
  [2]
  $ caspian solve trade.uz_az --target 1e3x --by 2030
  caspian: solve: --target must be a number, not '1e3x'
  try 'caspian solve --help'
  [2]
