#!/bin/bash
# A full disk, a file size limit or a read-only store gives a clear error
# (exit 4) and no partial write: the store keeps exactly what it held.
#
# The disk is "full" through a file size limit (ulimit -f): with SIGXFSZ
# ignored, writes past the limit fail with EFBIG as on a full disk; with the
# default action the kernel kills the import, as a crash would.  Read-only
# cases run as the user nobody when the test runs as root, since root
# writes through file permissions.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/reliability_lib.sh"
need sqlite3

panel base.csv 20 24
panel more.csv 600 120 m       # 72,000 new values: ~1 MB of store pages
"$bin" --db base.db import base.csv >/dev/null
state base.db >old.txt
size_kb=$(($(stat -c %s base.db) / 1024))

# expect_unchanged STORE WHAT: STORE still holds exactly old.txt.
expect_unchanged() {
	state "$1" >got.txt
	cmp -s got.txt old.txt || die "$2: the store changed"
	integrity "$1"
}

# The limit allows the store as it is, not the new pages (or WAL frames).
for limit in $((size_kb + 8)) $((size_kb + 64)) $((size_kb + 256)); do
	copy_store base.db full.db
	status=0
	(trap '' XFSZ; ulimit -f "$limit"; exec "$bin" --db full.db import more.csv) >out.txt 2>&1 ||
		status=$?
	[ $status = 4 ] || die "file size limit ${limit} KB: exit $status, not 4: $(cat out.txt)"
	grep -qE "writing to the disk failed|File too large|disk is full" out.txt ||
		die "file size limit ${limit} KB: unclear message: $(cat out.txt)"
	expect_unchanged full.db "file size limit ${limit} KB"
	ok "file size limit ${limit} KB: exit 4, '$(cut -c1-60 out.txt)...', store unchanged"
done

# Without ignoring SIGXFSZ the kernel kills the import part way.
copy_store base.db full.db
status=$( (ulimit -f $((size_kb + 64)); "$bin" --db full.db import more.csv >/dev/null 2>&1; echo $?) 2>/dev/null)
[ "$status" = 153 ] || die "killed by SIGXFSZ: exit $status, not 153"
expect_unchanged full.db "killed by SIGXFSZ"
"$bin" --db full.db import more.csv >/dev/null || die "import after SIGXFSZ fails"
ok "killed by SIGXFSZ: store unchanged, and the import then succeeds"

# A new store that cannot grow past its first page: no store, not half a one.
status=0
(trap '' XFSZ; ulimit -f 6; exec "$bin" --db new.db import more.csv) >out.txt 2>&1 || status=$?
[ $status = 4 ] || die "new store over the limit: exit $status: $(cat out.txt)"
[ "$(state new.db)" = none ] || die "new store over the limit holds something"
ok "new store over the file size limit: exit 4 and no store"

# Read-only: as nobody when root.
if ! as_other; then
	ok "read-only cases skipped"
	echo "$passed passed, 0 failed"
	exit 0
fi
as_user=(${other[@]+"${other[@]}"})
mkdir ro
copy_store base.db ro/store.db
chmod 444 ro/store.db
[ "$(id -u)" != 0 ] || chown 65534 ro    # the folder is writable, the file is not
status=0
"${as_user[@]}" "$bin" --db ro/store.db import more.csv >out.txt 2>&1 || status=$?
[ $status = 4 ] || die "read-only store: exit $status: $(cat out.txt)"
grep -q "is read-only: no permission to write it" out.txt || die "read-only store: $(cat out.txt)"
expect_unchanged ro/store.db "read-only store"
"${as_user[@]}" "$bin" --db ro/store.db rm s00000 >out.txt 2>&1 && die "rm in a read-only store succeeds"
expect_unchanged ro/store.db "rm in a read-only store"
"${as_user[@]}" "$bin" --db ro/store.db list >/dev/null || die "a read-only store cannot be listed"
ok "read-only store file: import and rm exit 4 with 'is read-only', list works, store unchanged"

rm -f ro/store.db-wal ro/store.db-shm
chmod 555 ro
[ "$(id -u)" != 0 ] || chown 0 ro
status=0
"${as_user[@]}" "$bin" --db ro/store.db list >out.txt 2>&1 || status=$?
[ $status = 4 ] || die "read-only folder: exit $status: $(cat out.txt)"
grep -q "its folder is not writable" out.txt || die "read-only folder: $(cat out.txt)"
chmod 755 ro
ok "read-only folder: exit 4, the message says the folder must be writable"
echo "$passed passed, 0 failed"
