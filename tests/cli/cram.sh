#!/bin/bash
# cram.sh CASPIAN TESTFILE - run a CLI golden-file test.
#
# A test file is a sequence of cases.  Lines starting with "  $ " are a
# command (run by bash in a scratch directory, with `caspian` on PATH and
# CASPIAN_DB unset); following lines starting with "  > " continue it.  The
# lines after it that start with two spaces are the expected stdout+stderr,
# and "  [N]" as the last line is the expected exit status (0 when absent).
# An expected line ending in " (re)" is matched as an extended regex.
# Anything else is commentary.  $SRC is the source tree and $SHARED the
# shared data folder beside it.
set -u
bin=$1
file=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/bin/caspian"
export PATH="$work/bin:$PATH"
export SRC=${CASPIAN_SOURCE_DIR:-$(cd "$(dirname "$file")/../.." && pwd)}
export SHARED=${CASPIAN_SHARED_DIR:-$SRC/../shared}
export LC_ALL=C TZ=UTC CASPIAN_NOW=2026-01-01T00:00:00.000000Z
unset CASPIAN_DB
cd "$work"

failures=0
cases=0
cmd=""
expected=()

run_case() {
	[ -z "$cmd" ] && return
	cases=$((cases + 1))
	local want_status=0
	local n=${#expected[@]}
	if [ "$n" -gt 0 ] && [[ ${expected[$((n - 1))]} =~ ^\[([0-9]+)\]$ ]]; then
		want_status=${BASH_REMATCH[1]}
		unset "expected[$((n - 1))]"
	fi
	local out status
	out=$(bash -c "$cmd" 2>&1)
	status=$?
	local got=()
	if [ -n "$out" ]; then
		mapfile -t got <<<"$out"
	fi
	local ok=1
	if [ "$status" != "$want_status" ]; then ok=0; fi
	if [ "${#got[@]}" != "${#expected[@]}" ]; then ok=0; fi
	if [ $ok = 1 ]; then
		local i=0
		for e in "${expected[@]}"; do
			local g=${got[$i]}
			if [[ $e == *" (re)" ]]; then
				[[ $g =~ ^${e% (re)}$ ]] || ok=0
			else
				[ "$g" == "$e" ] || ok=0
			fi
			i=$((i + 1))
		done
	fi
	if [ $ok = 0 ]; then
		failures=$((failures + 1))
		echo "FAIL: $cmd"
		echo "--- expected (status $want_status)"
		printf '%s\n' "${expected[@]}"
		echo "+++ got (status $status)"
		printf '%s\n' "$out"
	fi
	cmd=""
	expected=()
}

while IFS= read -r line || [ -n "$line" ]; do
	if [[ $line == "  \$ "* ]]; then
		run_case
		cmd=${line:4}
	elif [[ $line == "  > "* ]] && [ -n "$cmd" ] && [ ${#expected[@]} = 0 ]; then
		cmd+=$'\n'"${line:4}"
	elif [[ $line == "  "* ]] && [ -n "$cmd" ]; then
		expected+=("${line:2}")
	else
		run_case
	fi
done <"$file"
run_case
echo "$cases cases, $failures failed"
if [ "$cases" = 0 ]; then
	echo "no test case found in $file"
	exit 1
fi
[ "$failures" = 0 ]
