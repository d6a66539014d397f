#!/bin/bash
# tests/valgrind.sh [BUILD_DIR] - the unit, CLI and fuzz-replay tests under
# valgrind memcheck.
#
# Configures BUILD_DIR (default build-valgrind/) as a Debug build with
# -DCASPIAN_VALGRIND=ON, so that every test program and every caspian the
# CLI tests start runs under valgrind with --error-exitcode=99 and full leak
# checking: an invalid read or write, a use of uninitialised memory or a
# definite or indirect leak fails the test.  Exits non-zero when any test
# fails.  Takes a few minutes (see docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-valgrind}
jobs=$(nproc 2>/dev/null || echo 2)
command -v valgrind >/dev/null || {
	echo "tests/valgrind.sh: valgrind not found: install the Debian package valgrind" >&2
	exit 1
}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCASPIAN_WERROR=ON -DCASPIAN_VALGRIND=ON >/dev/null
cmake --build "$build" -j"$jobs"
start=$(date +%s)
ctest --test-dir "$build" --output-on-failure -j"$jobs" -L 'unit|cli|fuzz' --timeout 1800
echo "valgrind run took $(($(date +%s) - start)) s"
