#!/bin/bash
# tests/fuzz/run.sh [SECONDS] [TARGET...] - build the libFuzzer targets and
# run each in turn for SECONDS (default 20), as CI does.
#
#   tests/fuzz/run.sh               every target for 20 s (CI)
#   nice tests/fuzz/run.sh 1800     every target for 30 minutes
#   tests/fuzz/run.sh 600 store     one target for 10 minutes
#
# The build is build-fuzz/ (CASPIAN_FUZZ_BUILD overrides it), configured
# with -DCASPIAN_FUZZ=ON, which needs clang and libFuzzer (Debian packages
# clang and libclang-rt-14-dev).  Each target starts from its seed corpus
# (tests/fuzz/corpus/<target>/) plus what earlier runs found, kept in
# BUILD/fuzz-corpus/<target>/; the seed corpus itself is never written.  A
# crash or broken invariant leaves the input in BUILD/fuzz-crashes/<target>/
# and the script exits 1 after running the other targets.  One line per
# target reports its executions, for docs/reliability.md.
# CASPIAN_FUZZ_SEED=N fixes libFuzzer's random seed, so a short run makes the
# same mutations on every machine (tests/run.sh sets it; long runs leave it
# unset to explore new ground each time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
seconds=${1:-20}
shift || true
build=${CASPIAN_FUZZ_BUILD:-$src/build-fuzz}
case $seconds in '' | *[!0-9]*) echo "usage: tests/fuzz/run.sh [SECONDS] [TARGET...]" >&2; exit 2 ;; esac

if ! command -v clang >/dev/null && ! command -v clang-14 >/dev/null; then
	echo "tests/fuzz/run.sh: clang not found: install the Debian packages clang and libclang-rt-14-dev" >&2
	exit 1
fi
cmake -S "$src" -B "$build" -DCASPIAN_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target fuzzers -j"$(nproc 2>/dev/null || echo 2)" >/dev/null

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for f in "$here"/fuzz_*.c; do
		t=$(basename "$f" .c)
		targets+=("${t#fuzz_}")
	done
fi

# Stores written by the store targets live in a scratch directory on tmpfs.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=${TMPDIR:-/dev/shm}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

failed=0
for t in "${targets[@]}"; do
	bin=$build/tests/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "tests/fuzz/run.sh: no target $t" >&2; exit 2; }
	corpus=$build/fuzz-corpus/$t
	crashes=$build/fuzz-crashes/$t
	log=$build/fuzz-logs/$t.log
	mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
	dict=()
	for d in "$here/$t.dict" "$here/${t%%_*}.dict"; do
		[ -f "$d" ] && { dict=(-dict="$d"); break; }
	done
	seed=()
	[ -n "${CASPIAN_FUZZ_SEED:-}" ] && seed=(-seed="$CASPIAN_FUZZ_SEED")
	status=0
	"$bin" ${seed[@]+"${seed[@]}"} -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$crashes/" ${dict[@]+"${dict[@]}"} "$corpus" "$here/corpus/$t" >"$log" 2>&1 ||
		status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
	if [ $status -ne 0 ]; then
		failed=1
		echo "$t: FAILED after ${runs:-?} executions (${cov:-cov: ?}); see $log"
		grep -m1 -E 'invariant broken|ERROR: |runtime error' "$log" || true
		echo "  input: $(ls -t "$crashes" | head -1 | sed "s|^|$crashes/|")"
		echo "  replay: $build/tests/fuzz/fuzz_$t INPUT"
	else
		echo "$t: ${runs:-?} executions in $seconds s, no crash (${cov:-cov: ?}, corpus $(ls "$corpus" | wc -l))"
	fi
done
exit $failed
