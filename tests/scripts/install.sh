#!/bin/bash
# cmake --install into a temporary prefix (and with DESTDIR), then use what
# was installed: the program, the man page, the completion, and the library
# through its headers and pkg-config file.
bin=$1
build=${2:?build directory}
command -v cmake >/dev/null || { echo "cmake not found: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0
check() { # check WHAT COMMAND...
	local what=$1
	shift
	if "$@" >"$tmp/log" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL: $what"
		sed 's/^/  /' "$tmp/log" | head -20
		fail=$((fail + 1))
	fi
}

prefix=$tmp/prefix
check "cmake --install --prefix" cmake --install "$build" --prefix "$prefix"
check "installed --version" bash -c "'$prefix/bin/caspian' --version | grep -qx 'caspian [0-9.]*'"
mkdir -p "$tmp/run"
check "installed demo" bash -c "cd '$tmp/run' && '$prefix/bin/caspian' demo > demo.out && grep -q '32.50%' demo.out"
check "man page" test -s "$prefix/share/man/man1/caspian.1"
check "bash completion" bash -c "source '$prefix/share/bash-completion/completions/caspian' && complete -p caspian"
check "headers" test -f "$prefix/include/caspian/series.h"

pc=$(dirname "$(find "$prefix" -name caspian.pc | head -1)")
cat >"$tmp/tiny.c" <<'C'
#include <stdio.h>
#include <caspian/metrics.h>

int main(void)
{
	struct caspian_series *s = caspian_series_alloc("trade.uz_az", CASPIAN_FREQ_ANNUAL, 2017, 9);
	struct caspian_growth g;
	struct caspian_error err;
	caspian_error_init(&err);
	if (!s)
		return 1;
	s->values[0] = 32.4;
	s->values[8] = 307.8;
	if (caspian_growth_between(s, 2017, 2025, &g, &err) != CASPIAN_OK)
		return 1;
	printf("%.4f\n", g.cagr);
	caspian_series_free(s);
	return 0;
}
C
if command -v pkg-config >/dev/null && [ -n "$pc" ]; then
	# (9.5)^(1/8) - 1 = 0.32499869538924719839 (bc -l)
	check "compile against the installed library" bash -c "
		flags=\$(PKG_CONFIG_PATH='$pc' pkg-config --cflags --libs caspian) &&
		cc -std=c11 -o '$tmp/tiny' '$tmp/tiny.c' \$flags &&
		'$tmp/tiny' | grep -qx 0.3250"
else
	echo "pkg-config or caspian.pc missing: the compile check is skipped"
fi

# a package build: DESTDIR puts the tree under a staging root
check "DESTDIR" bash -c "DESTDIR='$tmp/stage' cmake --install '$build' --prefix /opt/caspian >/dev/null &&
	test -x '$tmp/stage/opt/caspian/bin/caspian'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
