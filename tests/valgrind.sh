#!/bin/bash
# tests/valgrind.sh [BUILD_DIR] - the unit, CLI and fuzz-replay tests under
# valgrind memcheck.
#
# Configures BUILD_DIR (default build-valgrind/) as a Debug build with
# -DCASPIAN_VALGRIND=ON, so that every test program and every caspian the
# CLI tests start runs under valgrind with full leak checking; its reports go
# to BUILD_DIR/valgrind-logs/PID.log.  The run fails when any test fails or
# any log reports an invalid access, a use of uninitialised memory or a
# definite or indirect leak.
#
# Valgrind computes long double arithmetic in double precision (a documented
# limitation of its x86 emulation), so a few golden outputs that caspian
# computes in long double and rounds once differ in their last digit under
# it.  Those tests (FP_SENSITIVE below) run for valgrind's findings only;
# add a test there when its only failure under valgrind is such a digit.
# Takes about half an hour on two cores (see docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-valgrind}
jobs=$(nproc 2>/dev/null || echo 2)
FP_SENSITIVE='^cli\.(growth|regress|solve)$'
command -v valgrind >/dev/null || {
	echo "tests/valgrind.sh: valgrind not found: install the Debian package valgrind" >&2
	exit 1
}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCASPIAN_WERROR=ON -DCASPIAN_VALGRIND=ON >/dev/null
cmake --build "$build" -j"$jobs"
logs=$build/valgrind-logs
rm -rf "$logs"
mkdir -p "$logs"
start=$(date +%s)
status=0
ctest --test-dir "$build" --output-on-failure -j"$jobs" -L 'unit|cli|fuzz' -E "$FP_SENSITIVE" \
	--timeout 3600 || status=1
ctest --test-dir "$build" -j"$jobs" -R "$FP_SENSITIVE" --timeout 3600 >/dev/null || true
found=0
for log in "$logs"/*.log; do
	[ -s "$log" ] || continue
	found=$((found + 1))
	echo "--- $log"
	head -50 "$log"
done
runs=$(ls "$logs" | wc -l)
echo "valgrind: $runs processes checked, $found with findings, $(($(date +%s) - start)) s"
[ $found = 0 ] || status=1
exit $status
