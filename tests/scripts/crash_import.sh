#!/bin/bash
# Crash consistency: 'caspian import' killed with SIGKILL at many points
# leaves a store that opens, passes PRAGMA integrity_check, and holds exactly
# what it held before or exactly what the finished import gives, never a mix.
#
# The kill points are fractions of the measured duration of the import, from
# 0 to 1.25, drawn from a fixed seed (CRASH_SEED, CRASH_POINTS override
# them), so every run tries the same points of the import: parsing, the
# write transaction, the commit, the checkpoint and after the end.
# Scenarios: a first import into a fresh store; a large import into a
# store (new series and extended ones); a --replace import that changes
# values (the replaced versions become vintages); a second --replace (a
# vintage of a vintage).
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/reliability_lib.sh"
need sqlite3 timeout
seed=${CRASH_SEED:-20260528}
points=${CRASH_POINTS:-50}

next_fraction() { # permille in [0, 1250) from a 31-bit LCG
	seed=$(((seed * 1103515245 + 12345) % 2147483648))
	fraction=$((seed / 65536 % 1250))
}

# crash_series NAME BEFORE POINTS IMPORT-ARGS...: BEFORE is the store before
# the import (a file, or "" for none).
crash_series() {
	local name=$1 before=$2 n=$3
	shift 3
	rm -f store.db*
	[ -z "$before" ] || copy_store "$before" store.db
	state store.db >old.txt
	local t0 t1 d1 d2
	t0=$(now_us)
	"$bin" --db store.db import "$@" >/dev/null || die "$name: the import itself fails"
	t1=$(now_us)
	d1=$((t1 - t0))
	state store.db >new.txt
	cp store.db "$name.db"
	cmp -s old.txt new.txt && die "$name: the import changes nothing"
	# a second timing, so one slow run does not stretch every kill point
	rm -f store.db*
	[ -z "$before" ] || copy_store "$before" store.db
	t0=$(now_us)
	"$bin" --db store.db import "$@" >/dev/null || die "$name: the import itself fails"
	d2=$(($(now_us) - t0))
	local dur=$(((d1 < d2 ? d1 : d2) + 1)) # microseconds
	local olds=0 news=0 killed=0 i us status
	for ((i = 1; i <= n; i++)); do
		next_fraction
		us=$((dur * fraction / 1000 + 1))
		rm -f store.db*
		[ -z "$before" ] || copy_store "$before" store.db
		# the subshell reports "Killed" to /dev/null, not to the test log.
		# --foreground: without it timeout sends KILL to its whole process
		# group, itself included, and the shell goes on while the import is
		# still being torn down, its SQLite locks held: the next reader is
		# then not the first connection, skips the log recovery and reads
		# the state before the last commit.
		status=$( (timeout --foreground -s KILL "$((us / 1000000)).$(printf '%06d' $((us % 1000000)))" \
			"$bin" --db store.db import "$@" >/dev/null 2>&1; echo $?) 2>/dev/null)
		# 124: timed out and killed (137 when timeout reports the KILL itself)
		[ $status = 0 ] || [ $status = 124 ] || [ $status = 137 ] ||
			die "$name: kill point $i (${us} us): import exited $status"
		[ $status = 0 ] || killed=$((killed + 1))
		# state opens the store with caspian (export, list) before SQLite's check
		state store.db >got.txt
		[ ! -e store.db ] || integrity store.db
		if cmp -s got.txt old.txt; then
			olds=$((olds + 1))
		elif cmp -s got.txt new.txt; then
			news=$((news + 1))
		else
			diff old.txt got.txt | head -5 >&2
			die "$name: kill point $i (${us} us): the store holds neither the old nor the new content"
		fi
	done
	# after a kill the import can simply be run again
	"$bin" --db store.db import "$@" >/dev/null || die "$name: re-running the import fails"
	state store.db >got.txt
	cmp -s got.txt new.txt || die "$name: re-running the import gives other content"
	[ $killed -gt 0 ] || die "$name: no kill landed during the import ($((dur / 1000)) ms)"
	ok "$name: $n kill points over $((dur / 1000)) ms, $killed killed: $olds old, $news new content, never a mix"
}

# A tenth of a second of work or more: 1200 monthly series, 144,000 values;
# the kill points have microsecond resolution.
panel big.csv 1200 120
panel base.csv 40 60                  # s00000..s00039, 2010-2014: extended by big
panel changed.csv 1200 120 s 1.5      # every value differs
panel changed2.csv 1200 120 s 2.5

crash_series fresh "" 20 big.csv
"$bin" --db base.db import base.csv >/dev/null
crash_series import base.db "$points" big.csv
CASPIAN_NOW=2026-02-01T00:00:00.000000Z crash_series replace import.db 50 --replace changed.csv
CASPIAN_NOW=2026-03-01T00:00:00.000000Z crash_series vintage replace.db 50 --replace changed2.csv
"$bin" --db vintage.db list --format csv | awk -F, 'NR > 1 && $6 != 2 { bad++ } END { exit bad > 0 }' ||
	die "after two replacing imports every series should keep 2 vintages"
ok "after two replacing imports every series keeps 2 vintages"
echo "$passed passed, 0 failed"
