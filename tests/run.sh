#!/bin/bash
# tests/run.sh - the whole test suite, as CI runs it.
#
# 1. a warnings-as-errors build (build/) and every ctest test: unit, CLI,
#    accuracy and script tests;
# 2. an AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan/) and
#    the unit, CLI and fuzz-replay tests under it;
# 3. every libFuzzer target for CASPIAN_FUZZ_SECONDS (default 20) seconds,
#    built with clang under ASan + UBSan (build-fuzz/, tests/fuzz/run.sh);
#    CASPIAN_FUZZ_SECONDS=0 skips this step.  The seed is fixed
#    (CASPIAN_FUZZ_SEED, default 1) so every machine makes the same mutations
#    and a red run can be replayed; long exploratory runs are
#    tests/fuzz/run.sh without a seed (docs/reliability.md).
# Exits non-zero when any build or test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASPIAN_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCASPIAN_WERROR=ON -DCASPIAN_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-asan --output-on-failure -j"$jobs" -L 'unit|cli|fuzz'

fuzz_seconds=${CASPIAN_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" != 0 ]; then
	CASPIAN_FUZZ_SEED=${CASPIAN_FUZZ_SEED:-1} tests/fuzz/run.sh "$fuzz_seconds"
fi
