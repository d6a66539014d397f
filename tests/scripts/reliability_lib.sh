# reliability_lib.sh - helpers for the crash, concurrency and limit tests.
# Source it after setting bin (the caspian binary); it makes $work, a scratch
# directory removed on exit, and cds into it.
set -euo pipefail
export LC_ALL=C TZ=UTC CASPIAN_NOW=2026-01-01T00:00:00.000000Z
unset CASPIAN_DB
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
passed=0

ok() {
	passed=$((passed + 1))
	echo "ok $passed - $*"
}

die() {
	echo "FAIL: $*" >&2
	exit 1
}

need() {
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null; then
			echo "skipped: needs $tool (Debian package $tool)"
			exit 77
		fi
	done
}

# panel FILE SERIES MONTHS [PREFIX] [SCALE]: a long CSV of SERIES monthly
# series of MONTHS values each (from 2010-01), a deterministic function of
# the series number and period; SCALE changes every value.
panel() {
	awk -v ns="$2" -v nm="$3" -v pre="${4:-s}" -v scale="${5:-1}" 'BEGIN {
		print "series,period,value,unit,source"
		for (s = 0; s < ns; s++)
			for (m = 0; m < nm; m++)
				printf "%s%05d,%04d-%02d,%.4f,USD million,gen\n", pre, s,
					2010 + int(m / 12), m % 12 + 1,
					scale * ((s * 7919 + m * 104729) % 100000) / 7
	}' >"$1"
}

# state STORE: what the store holds, as text: every series with its values
# and provenance ('caspian export') and its number of vintages ('caspian
# list'); "none" when there is no store or it holds no series.
state() {
	local out
	if ! out=$("$bin" --db "$1" export 2>&1); then
		case $out in
		*"no store at"* | *"matches '*'"*) echo none; return 0 ;;
		esac
		echo "export failed: $out"
		return 0
	fi
	printf '%s\n' "$out"
	"$bin" --db "$1" list --format csv 2>&1 || echo "list failed"
}

# integrity STORE: SQLite's own check of the whole file.
integrity() {
	local r
	r=$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1) || true
	[ "$r" = ok ] || die "integrity_check of $1: $r"
}

# Copies a store with its WAL files, or removes them when the source has none.
copy_store() {
	local from=$1 to=$2 s
	for s in "" -wal -shm -journal; do
		rm -f "$to$s"
		[ ! -e "$from$s" ] || cp "$from$s" "$to$s"
	done
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

now_us() {
	echo $(($(date +%s%N) / 1000))
}

# as_other: a command prefix that runs a command as a user without root's
# power to write anything (the user nobody) when the test runs as root, or
# nothing otherwise.  Returns 1 (and says why) when that is not possible
# here: no setpriv, or $work cannot be reached by nobody.
as_other() {
	other=()
	[ "$(id -u)" = 0 ] || return 0
	command -v setpriv >/dev/null || { echo "note: no setpriv to drop root"; return 1; }
	other=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	chmod 755 "$work"
	"${other[@]}" test -x "$work" 2>/dev/null ||
		{ echo "note: the user nobody cannot reach $work"; return 1; }
}
