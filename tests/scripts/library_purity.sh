#!/bin/bash
# The library never prints, never exits and never aborts: only engine/cli/
# may talk to the terminal or end the process.
src=${CASPIAN_SOURCE_DIR:?}
hits=$(grep -nE '\b(printf|puts|perror|exit|abort|_Exit)\s*\(|\b(stdout|stderr)\b' \
	$(find "$src/engine" -name '*.c' -not -path '*/cli/*') | grep -v '^\s*//' || true)
if [ -n "$hits" ]; then
	echo "library code that prints or exits:"
	echo "$hits"
	exit 1
fi
echo "1 passed, 0 failed"
