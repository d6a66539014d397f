Mistyped names get the nearest one suggested: the Damerau-Levenshtein
distance (one edit per insertion, deletion, substitution or swap of two
neighbours), at most 1 for names of up to 3 characters, 2 up to 8, 3 beyond.

Commands: a swap, a deletion, an insertion, a substitution, each one edit
from growth; "xyz" is 3 edits from every command.

  $ caspian grwoth
  caspian: 'grwoth' is not a command; did you mean 'growth'?
  [2]
  $ caspian grwth
  caspian: 'grwth' is not a command; did you mean 'growth'?
  [2]
  $ caspian growthh
  caspian: 'growthh' is not a command; did you mean 'growth'?
  [2]
  $ caspian grovth
  caspian: 'grovth' is not a command; did you mean 'growth'?
  [2]
  $ caspian xyz
  caspian: 'xyz' is not a command; see 'caspian --help'
  [2]
  $ caspian help shwo
  caspian: help: unknown command 'shwo'; did you mean 'show'?
  try 'caspian help --help'
  [2]

"hs" is two edits from "rm" but has only 2 characters: nothing suggested.

  $ caspian hs
  caspian: 'hs' is not a command; see 'caspian --help'
  [2]

Series names, from the store or from --file.  trade.uz_azz is one insertion
from trade.uz_az; regoins.uz_az.paired one swap from regions.uz_az.paired;
"trade" is 6 edits from the nearest name.

  $ caspian import "$SRC/datasets/uz-az/series.csv" >/dev/null
  $ caspian growth trade.uz_azz
  caspian: no series named 'trade.uz_azz' in caspian.db; did you mean 'trade.uz_az'?
  [3]
  $ caspian show regoins.uz_az.paired
  caspian: no series named 'regoins.uz_az.paired' in caspian.db; did you mean 'regions.uz_az.paired'?
  [3]
  $ caspian growth --file "$SRC/datasets/uz-az/series.csv" trade.uz-az
  caspian: no series named 'trade.uz-az' in .*/datasets/uz-az/series\.csv; did you mean 'trade\.uz_az'\? (re)
  [3]
  $ caspian growth trade
  caspian: no series named 'trade' in caspian.db
  [3]
  $ caspian info trade.uz_azz
  caspian: no series in caspian.db matches 'trade.uz_azz'; did you mean 'trade.uz_az'?
  [3]
  $ caspian show trade.uz_azz --vintages
  caspian: no series named 'trade.uz_azz' in caspian.db; did you mean 'trade.uz_az'?
  [3]

A glob that matches nothing gets no suggestion, nor does a series that exists
but not at the time asked for.

  $ caspian growth 'trade.uz_az*x'
  caspian: no series in caspian.db matches 'trade.uz_az*x'
  [3]
  $ caspian show trade.uz_az --as-of 2020-01-01
  caspian: .* (re)
  [3]
  $ caspian show trade.uz_az --as-of 2020-01-01 2>&1 | grep -c 'did you mean'
  0
  [1]
