#!/bin/bash
# Files the CLI writes itself (plot -o FILE) are written whole or not at all:
# a temporary file beside FILE is renamed over it once complete.
#
#   - a failed write (a file size limit) exits 4 and leaves FILE as it was,
#     with no temporary file left;
#   - a folder that cannot be written exits 4 and creates nothing;
#   - SIGKILL at 20 points of a 'plot --forecast' leaves FILE either as it
#     was or complete (a killed run may leave its temporary FILE.tmp-XXXXXX).
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/reliability_lib.sh"
need timeout

panel px.csv 30 120 p
"$bin" --db p.db import px.csv >/dev/null
"$bin" --db p.db plot 'p*' -o chart.svg || die "plot -o fails"
[ "$(tail -c 7 chart.svg)" = "</svg>" ] || die "chart.svg is not complete"
[ -z "$(ls chart.svg.tmp-* 2>/dev/null)" ] || die "a temporary file is left"
cp chart.svg old.svg
ok "plot -o writes a complete file and leaves no temporary file"

# The store's files exist already, so only the chart can exceed the limit.
limit=$(($(stat -c %s old.svg) / 1024 / 2))
status=0
(trap '' XFSZ; ulimit -f "$limit"; exec "$bin" --db p.db plot 'p*' --log -o chart.svg) >out.txt 2>&1 ||
	status=$?
[ $status = 4 ] || die "plot over a ${limit} KB file size limit: exit $status: $(cat out.txt)"
cmp -s chart.svg old.svg || die "a failed plot changed chart.svg"
[ -z "$(ls chart.svg.tmp-* 2>/dev/null)" ] || die "a failed plot left its temporary file"
ok "plot over a ${limit} KB file size limit: exit 4, chart.svg unchanged, no temporary file"

if as_other; then
	as_user=(${other[@]+"${other[@]}"})
	mkdir ro
	chmod 555 ro
	status=0
	"${as_user[@]}" "$bin" plot --file px.csv 'p*' -o ro/chart.svg >out.txt 2>&1 || status=$?
	[ $status = 4 ] && grep -q "cannot write ro/chart.svg" out.txt ||
		die "read-only folder: exit $status: $(cat out.txt)"
	[ -z "$(ls ro)" ] || die "plot into a read-only folder created $(ls ro)"
	ok "plot into a folder it cannot write: exit 4, 'cannot write ro/chart.svg', nothing created"
else
	ok "read-only folder case skipped"
fi

# Kill points over a plot with forecasts (most of its time is forecasting).
"$bin" --db p.db plot 'p*' --forecast naive -o new.svg || die "plot --forecast fails"
t0=$(now_ms)
"$bin" --db p.db plot 'p*' --forecast naive -o new2.svg >/dev/null
dur=$(($(now_ms) - t0 + 1))
seed=20260528 olds=0 news=0
for i in $(seq 20); do
	seed=$(((seed * 1103515245 + 12345) % 2147483648))
	ms=$((dur * (seed / 65536 % 1200) / 1000 + 1))
	cp old.svg chart.svg
	# the subshell reports "Killed" to /dev/null, not to the test log;
	# --foreground makes timeout wait until the killed process is gone
	: "$( (timeout --foreground -s KILL "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))" \
		"$bin" --db p.db plot 'p*' --forecast naive -o chart.svg >/dev/null 2>&1; echo $?) 2>/dev/null)"
	if cmp -s chart.svg old.svg; then
		olds=$((olds + 1))
	elif cmp -s chart.svg new.svg; then
		news=$((news + 1))
	else
		die "kill after ${ms} ms left chart.svg neither old nor new ($(stat -c %s chart.svg) bytes)"
	fi
done
rm -f chart.svg.tmp-*
ok "20 kills over ${dur} ms of plot --forecast: chart.svg $olds times as it was, $news times complete"
echo "$passed passed, 0 failed"
