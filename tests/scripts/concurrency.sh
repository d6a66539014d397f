#!/bin/bash
# Concurrent importers and readers on one store.
#
#   1. N importers, each importing several files of disjoint series one
#      after the other, start at once on a store that does not exist yet
#      (so they also race to create it) while readers list and export in a
#      loop.  Each import must land whole or fail with "store ...
#      is busy" (exit 4); no reader may ever see part of an import; at the end
#      the store holds exactly the series of the imports that succeeded, each
#      once, with the values of its file.
#   2. The same on the store that now exists, with new series.
#   3. 15 races of 8 importers to create the same new store.
#   4. The busy timeout: while another process holds the write lock for
#      longer than CASPIAN_STORE_BUSY_MS (5 s), an import waits that long,
#      then fails with exit 4 and "is busy", changing nothing; readers are not
#      held up; a lock held for less than the timeout only delays the import.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/reliability_lib.sh"
need sqlite3
importers=${CONCURRENCY_IMPORTERS:-6}
files=4   # files each importer imports, one after the other
per=100   # series per file, 120 months each

# file K.J of importer K: series pK_J.00000...; its expected export, read
# statelessly from the file
for ((k = 0; k < 2 * importers; k++)); do
	for ((j = 0; j < files; j++)); do
		panel "in$k.$j.csv" $per 120 "p${k}_$j."
		"$bin" export --file "in$k.$j.csv" >"want$k.$j.csv"
	done
done

# reader ID WHAT: run 'caspian list' (WHAT=list) or 'caspian export'
# (WHAT=export) until the file stop exists; every snapshot must hold, per
# importer, all of its series (and all their rows) or none.
reader() {
	local id=$1 what=$2 snaps=0 out status want=$per
	[ "$what" = export ] && want=$((per * 120))
	while [ ! -e stop ]; do
		status=0
		if [ "$what" = list ]; then
			out=$("$bin" --db store.db list --format csv 2>&1) || status=$?
		else
			out=$("$bin" --db store.db export 2>&1) || status=$?
		fi
		if [ $status != 0 ]; then
			case $out in
			*"no store at"* | *"matches '*'"*) continue ;;
			*) echo "reader $id: $what exit $status: $out" >>reader.err; return ;;
			esac
		fi
		printf '%s\n' "$out" | awk -F, -v want=$want '
			NR > 1 { split($1, a, "."); n[a[1]]++ }
			END { for (p in n) if (n[p] != want) { print p " has " n[p] " rows"; exit 1 } }' \
			>>reader.err 2>&1 || { echo "reader $id ($what) saw part of an import" >>reader.err; return; }
		snaps=$((snaps + 1))
	done
	echo "$snaps" >"reads$id"
}

# importer K: its files in turn; the status of each in statusK.J
importer() {
	local k=$1 j status
	for ((j = 0; j < files; j++)); do
		status=0
		"$bin" --db store.db import "in$k.$j.csv" >"out$k.$j" 2>&1 || status=$?
		echo $status >"status$k.$j"
	done
}

# round FIRST LAST: importers FIRST..LAST at once, two readers alongside.
round() {
	local first=$1 last=$2 k pids=()
	rm -f stop reader.err
	reader 1 list &
	local r1=$!
	reader 2 export &
	local r2=$!
	for ((k = first; k <= last; k++)); do
		importer $k &
		pids+=($!)
	done
	wait "${pids[@]}"
	touch stop
	wait $r1 $r2
	[ ! -s reader.err ] || die "$(cat reader.err)"
}

# check FIRST LAST: each import succeeded (its series all there, once, with
# its values) or failed busy (none of its series there).
check() {
	local first=$1 last=$2 k j status ok_n=0 busy_n=0
	for ((k = first; k <= last; k++)); do
		for ((j = 0; j < files; j++)); do
			status=$(cat "status$k.$j")
			"$bin" --db store.db export "p${k}_$j.*" >got.csv 2>/dev/null || true
			if [ "$status" = 0 ]; then
				cmp -s got.csv "want$k.$j.csv" || die "import $k.$j succeeded but its series differ"
				ok_n=$((ok_n + 1))
			elif [ "$status" = 4 ] && grep -q "is busy" "out$k.$j"; then
				[ ! -s got.csv ] || die "import $k.$j failed busy but left series"
				busy_n=$((busy_n + 1))
			else
				die "import $k.$j: exit $status: $(cat "out$k.$j")"
			fi
		done
	done
	echo "$ok_n $busy_n"
}

total_expected() {
	"$bin" --db store.db list --format csv | awk -F, 'NR > 1 { n++; if (seen[$1]++) d++ }
		END { print n + 0, d + 0 }'
}

round 0 $((importers - 1))
read -r ok1 busy1 < <(check 0 $((importers - 1)))
integrity store.db
read -r n dup < <(total_expected)
[ "$dup" = 0 ] || die "duplicated series"
[ "$n" = $((ok1 * per)) ] || die "store holds $n series, expected $((ok1 * per))"
ok "$importers importers of $files files each on a new store with 2 readers ($(cat reads1) lists, $(cat reads2) exports): $ok1 landed whole, $busy1 busy, $n series, none duplicated"

round $importers $((2 * importers - 1))
read -r ok2 busy2 < <(check $importers $((2 * importers - 1)))
integrity store.db
read -r n dup < <(total_expected)
[ "$dup" = 0 ] || die "duplicated series"
[ "$n" = $(((ok1 + ok2) * per)) ] || die "store holds $n series, expected $(((ok1 + ok2) * per))"
ok "$importers more importers of $files files each on the existing store ($(cat reads1) lists, $(cat reads2) exports): $ok2 landed whole, $busy2 busy, $n series in all"
[ $((ok1 + ok2)) -gt 0 ] || die "no import succeeded"

# The race to create a store: 8 importers of a small file each start at once
# on a store that does not exist, 15 times over.  (Reading the store's header
# outside one transaction once made a store being created look foreign.)
for ((k = 0; k < 8; k++)); do panel "tiny$k.csv" 3 12 "t$k."; done
landed=0
for ((r = 1; r <= 15; r++)); do
	rm -f race.db race.db-wal race.db-shm race.db-journal
	pids=()
	for ((k = 0; k < 8; k++)); do
		"$bin" --db race.db import "tiny$k.csv" >"race$k.out" 2>&1 &
		pids+=($!)
	done
	ok_n=0
	for ((k = 0; k < 8; k++)); do
		status=0
		wait "${pids[$k]}" || status=$?
		if [ $status = 0 ]; then
			ok_n=$((ok_n + 1))
		elif [ $status != 4 ] || ! grep -q "is busy" "race$k.out"; then
			die "creation race $r, importer $k: exit $status: $(cat "race$k.out")"
		fi
	done
	n=$("$bin" --db race.db list --format csv | awk 'END { print NR - 1 }')
	[ "$n" = $((3 * ok_n)) ] || die "creation race $r: $n series for $ok_n imports"
	landed=$((landed + ok_n))
done
ok "15 races of 8 importers to create a store: $landed of 120 imports landed, the rest busy, nothing else"

# The busy timeout.  hold SECONDS: hold the write lock; returns once held.
hold() {
	rm -f locked
	(echo 'BEGIN IMMEDIATE;'; echo '.shell touch locked'; sleep "$1"; echo 'COMMIT;') |
		sqlite3 store.db >/dev/null &
	holder=$!
	for _ in $(seq 100); do [ -e locked ] && return; sleep 0.05; done
	die "sqlite3 did not take the write lock"
}
state store.db >before.txt
panel late.csv 10 12 late.
hold 9
t0=$(now_ms)
status=0
"$bin" --db store.db import late.csv >out.txt 2>&1 || status=$?
waited=$(($(now_ms) - t0))
"$bin" --db store.db list >/dev/null || die "a reader waits for the write lock"
wait $holder
[ $status = 4 ] || die "import against a held lock: exit $status: $(cat out.txt)"
grep -q "is busy (locked by another process for more than 5000 ms)" out.txt ||
	die "unclear busy message: $(cat out.txt)"
[ $waited -ge 4900 ] || die "gave up after $waited ms, before the 5000 ms timeout"
state store.db >after.txt
cmp -s before.txt after.txt || die "a busy import changed the store"
ok "lock held 9 s: import waits ${waited} ms, exits 4 '$(cut -c1-50 out.txt)...', store unchanged"

hold 2
t0=$(now_ms)
"$bin" --db store.db import late.csv >/dev/null 2>out.txt || die "lock held 2 s: import fails: $(cat out.txt)"
waited=$(($(now_ms) - t0))
wait $holder
"$bin" --db store.db list 'late.*' --format csv | awk 'END { exit NR != 11 }' || die "late series missing"
ok "lock held 2 s: import waits ${waited} ms and lands"
echo "$passed passed, 0 failed"
