Bash completion: the script is sourced and its function called the way
bash calls it, with COMP_WORDS and COMP_CWORD (and COMP_LINE/COMP_POINT
when a word holds a colon).  `c WORD...` prints the sorted candidates for
the last word, or (none).

  $ cat > c.sh <<'END'
  > source "$SRC/engine/cli/completion/caspian.bash"
  > c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _caspian
  >       if [ ${#COMPREPLY[@]} = 0 ]; then echo '(none)'; else printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' '; fi; }
  > END
  $ caspian import "$SRC/datasets/uz-az/series.csv" >/dev/null
  $ printf 'series,period,value\nfx:usd,2020,1\n' > other.csv
  $ caspian --db other.db import other.csv >/dev/null

Commands, then their options as `--help` lists them.

  $ source ./c.sh; c caspian gr
  growth
  $ source ./c.sh; c caspian pl
  plot
  $ source ./c.sh; c caspian --q
  --quiet
  $ source ./c.sh; c caspian growth --f
  --file --format --from
  $ source ./c.sh; c caspian show --sp
  --spark
  $ source ./c.sh; c caspian help sh
  share show

Option values: formats (also after --format=), files, and nothing for a
period.

  $ source ./c.sh; c caspian growth --format ''
  csv json table
  $ source ./c.sh; c caspian growth --format = j
  json
  $ source ./c.sh; c caspian plot trade.uz_az -o oth
  other.csv other.db
  $ source ./c.sh; c caspian growth --from ''
  (none)

Series names from the store, from the store --db names, or from --file.

  $ source ./c.sh; c caspian growth tr
  trade.uz_az
  $ source ./c.sh; c caspian show ''
  enterprises.uz.az_capital flights.uz_az.regular regions.uz_az.paired trade.uz_az
  $ source ./c.sh; c caspian --db other.db show f
  fx:usd
  $ source ./c.sh; c caspian show --file other.csv f
  fx:usd
  $ source ./c.sh; c caspian growth --file "$SRC/datasets/uz-az/series.csv" reg
  regions.uz_az.paired

A name with a colon: bash passes "fx", ":", "u" as words; the candidate
is what follows the colon.

  $ source ./c.sh; COMP_LINE='caspian --db other.db show fx:u'; COMP_POINT=${#COMP_LINE}; c caspian --db other.db show fx : u
  usd

No store, no names (and no error).

  $ source ./c.sh; c caspian --db missing.db show ''
  (none)
  $ ls missing.db
  ls: cannot access 'missing.db': No such file or directory
  [2]
