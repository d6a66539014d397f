#!/bin/bash
# Every command has a page docs/cli/<command>.md whose first ``` block is
# exactly what `caspian <command> --help` prints (and `caspian help
# <command>`), so the two cannot drift; docs/cli/caspian.md holds
# `caspian --help`.
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
	elif [ "$("$bin" help "$cmd")" != "$got" ]; then
		echo "'caspian help $cmd' differs from 'caspian $cmd --help'"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
want=$(awk '/^```/{if(b){exit}; b=1; next} b' "$src/docs/cli/caspian.md")
if [ "$want" != "$("$bin" --help)" ]; then
	echo "docs/cli/caspian.md does not match 'caspian --help':"
	diff <(echo "$want") <("$bin" --help) | head -20
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
