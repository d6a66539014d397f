#!/bin/bash
# Every command has a page docs/cli/<command>.md whose first ``` block is
# exactly what `caspian <command> --help` prints, so the two cannot drift.
bin=$1
src=${CASPIAN_SOURCE_DIR:?}
fail=0
pass=0
for cmd in $("$bin" --help | awk '/^Commands:/{c=1;next} c&&/^  [a-z]/{print $1} c&&/^$/{exit}'); do
	page="$src/docs/cli/$cmd.md"
	if [ ! -f "$page" ]; then
		echo "missing $page"
		fail=$((fail + 1))
		continue
	fi
	want=$(awk '/^```/{if(b){exit}; b=1; next} b' "$page")
	got=$("$bin" "$cmd" --help)
	if [ "$want" != "$got" ]; then
		echo "docs/cli/$cmd.md does not match 'caspian $cmd --help':"
		diff <(echo "$want") <(echo "$got") | head -20
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
