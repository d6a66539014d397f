#include "caspian/store.h"
#include "caspian/numfmt.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "caspian/ingest.h"
#include "caspian/period.h"
#include "panel_internal.h"
#include "grow.h"
#include "store_blocks.h"

/*
 * Layout of a store (schema version 2):
 *
 *   series    one row per series: metadata, the first import's time stamp
 *             (created), the time stamp of the version now current (updated)
 *             and the values as one BLOB of n little-endian IEEE-754 doubles.
 *   vintages  the versions a --replace import superseded, each valid from
 *             valid_from (inclusive) to valid_to (exclusive).
 *   blocks    a copy of the series table made for whole-store loads: the
 *             series with ids b * 64 .. b * 64 + 63 in one row, their
 *             metadata in one BLOB and their values in another (the layout
 *             is in store_blocks.h).  SQLite spends more time per row and
 *             column than per byte, so a load of 20,000 series reads 313
 *             rows instead of 20,000, in about a fifth of the time.
 *   stale_blocks  the blocks whose series changed since they were copied.
 *             Triggers on series fill it and delete those blocks, so that
 *             no write, not even one through another SQLite program, leaves
 *             a block that disagrees with the table; every caspian write
 *             copies the stale blocks again before it commits.  A load reads
 *             the rows of a block that is missing.
 *
 * Version 1 had no blocks; this caspian reads such a store through its rows
 * and adds the blocks the first time it opens it for writing.
 *
 * A version is what the store said between two replacements: an import that
 * only adds observations (new periods, values where the store had none)
 * changes the current version in place and starts no new one, so the versions
 * of a series cover [created, infinity) without gaps and as-of lookups need
 * only compare stamps.
 *
 * PRAGMA application_id marks the file as a caspian store, so that any other
 * SQLite file is refused rather than written into; PRAGMA user_version holds
 * the schema version.
 */

enum { STORE_APPLICATION_ID = 0x4353504E }; /* "CSPN" */

enum { STAMP_MAX = 40 }; /* as the char arrays in store.h */

static const char schema_v1[] =
	"CREATE TABLE series ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT UNIQUE NOT NULL,"
	" freq INTEGER NOT NULL,"
	" start INTEGER NOT NULL,"
	" n INTEGER NOT NULL,"
	" unit TEXT NOT NULL DEFAULT '',"
	" source TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL,"
	" updated TEXT NOT NULL,"
	" vals BLOB NOT NULL);"
	"CREATE TABLE vintages ("
	" series_id INTEGER NOT NULL REFERENCES series(id),"
	" valid_from TEXT NOT NULL,"
	" valid_to TEXT NOT NULL,"
	" freq INTEGER NOT NULL,"
	" start INTEGER NOT NULL,"
	" n INTEGER NOT NULL,"
	" unit TEXT NOT NULL,"
	" source TEXT NOT NULL,"
	" note TEXT NOT NULL,"
	" vals BLOB NOT NULL);"
	"CREATE INDEX vintages_by_series ON vintages(series_id, valid_from);";

static const char schema_v2[] =
	"CREATE TABLE blocks ("
	" block INTEGER PRIMARY KEY,"
	" meta BLOB NOT NULL,"
	" vals BLOB NOT NULL);"
	"CREATE TABLE stale_blocks (block INTEGER PRIMARY KEY);"
	"CREATE TRIGGER series_added AFTER INSERT ON series BEGIN"
	" INSERT OR IGNORE INTO stale_blocks VALUES (NEW.id >> 6);"
	" DELETE FROM blocks WHERE block = NEW.id >> 6;"
	" END;"
	"CREATE TRIGGER series_changed AFTER UPDATE ON series BEGIN"
	" INSERT OR IGNORE INTO stale_blocks VALUES (OLD.id >> 6), (NEW.id >> 6);"
	" DELETE FROM blocks WHERE block IN (OLD.id >> 6, NEW.id >> 6);"
	" END;"
	"CREATE TRIGGER series_removed AFTER DELETE ON series BEGIN"
	" INSERT OR IGNORE INTO stale_blocks VALUES (OLD.id >> 6);"
	" DELETE FROM blocks WHERE block = OLD.id >> 6;"
	" END;";

/* The triggers above and the migration below put id in block id >> 6. */
_Static_assert(CX_BLOCK_SHIFT == 6, "schema_v2 and migrate() shift ids by 6");

/* The oldest schema this caspian reads without migrating it. */
enum { STORE_OLDEST_READABLE = 1 };

struct caspian_store {
	sqlite3 *db;
	char *path;
	enum caspian_store_mode mode;
	int busy_ms;
	int version; /* of the schema, once open */
};

/* A growable scratch area reused across series. */
struct scratch {
	void *p;
	size_t cap;
};

static int scratch_reserve(struct scratch *b, size_t bytes)
{
	void *p = cx_grow(b->p, &b->cap, bytes, 1, 4096);
	if (!p)
		return -1;
	b->p = p;
	return 0;
}

/* ---- values <-> BLOB ------------------------------------------------------ */

_Static_assert(sizeof(double) == 8, "values are stored as 8-byte IEEE-754 doubles");

static int host_is_little_endian(void)
{
	const uint16_t one = 1;
	unsigned char first;
	memcpy(&first, &one, 1);
	return first == 1;
}

/* Bytes are moved, never values, so every NaN payload survives. */
static void values_encode(const double *v, size_t n, unsigned char *out)
{
	if (host_is_little_endian()) {
		if (n)
			memcpy(out, v, n * sizeof(double));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t u;
		memcpy(&u, &v[i], sizeof(u));
		for (int b = 0; b < 8; b++)
			out[8 * i + (size_t)b] = (unsigned char)(u >> (8 * b));
	}
}

static void values_decode(const unsigned char *in, size_t n, double *v)
{
	if (host_is_little_endian()) {
		if (n)
			memcpy(v, in, n * sizeof(double));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t u = 0;
		for (int b = 0; b < 8; b++)
			u |= (uint64_t)in[8 * i + (size_t)b] << (8 * b);
		memcpy(&v[i], &u, sizeof(u));
	}
}

/*
 * Bind v[0..n) as a values BLOB.  On a little-endian host the caller's memory
 * already has the stored layout and is bound in place; it must stay put until
 * the statement has run.
 */
static int bind_values(sqlite3_stmt *stmt, int idx, const double *v, size_t n,
		       struct scratch *enc)
{
	if (n == 0)
		return sqlite3_bind_zeroblob(stmt, idx, 0);
	const void *bytes = v;
	if (!host_is_little_endian()) {
		if (scratch_reserve(enc, n * sizeof(double)))
			return SQLITE_NOMEM;
		values_encode(v, n, enc->p);
		bytes = enc->p;
	}
	return sqlite3_bind_blob64(stmt, idx, bytes, (sqlite3_uint64)n * sizeof(double),
				   SQLITE_STATIC);
}

/* ---- errors ---------------------------------------------------------------- */

/*
 * SQLite opens a file it may not write read-only without a word and refuses
 * the first write.  A store in WAL mode also needs its folder writable, even
 * for reading, to create the shared-memory file beside it.
 */
static int readonly_fail(struct caspian_store *st, int rc, const char *doing,
			 struct caspian_error *err)
{
	if (rc == SQLITE_READONLY_CANTINIT || rc == SQLITE_READONLY_DIRECTORY)
		return caspian_error_set(err, CASPIAN_ESTORE,
					 "store %s: %s: cannot create %s-shm: its folder is not "
					 "writable, and SQLite needs that file to use a store in "
					 "WAL mode, even for reading (SQLite says: %s)",
					 st->path, doing, st->path, sqlite3_errmsg(st->db));
	return caspian_error_set(err, CASPIAN_ESTORE,
				 "store %s is read-only: no permission to write it, so nothing "
				 "was changed (%s; SQLite says: %s)",
				 st->path, doing, sqlite3_errmsg(st->db));
}

/* Maps an SQLite result to a caspian status, copying SQLite's message at once
 * because the next call on the connection may overwrite it. */
static int sql_fail(struct caspian_store *st, int rc, const char *doing,
		    struct caspian_error *err)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return caspian_error_set(err, CASPIAN_EBUSY,
					 "store %s is busy (locked by another process for more "
					 "than %d ms)",
					 st->path, st->busy_ms);
	case SQLITE_NOMEM:
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	case SQLITE_NOTADB:
		return caspian_error_set(err, CASPIAN_ESTORE,
					 "%s is not a caspian store (SQLite says: %s)", st->path,
					 sqlite3_errmsg(st->db));
	case SQLITE_READONLY:
		return readonly_fail(st, rc, doing, err);
	default:
		break;
	}
	/* "disk I/O error" alone hides the cause.  SQLite keeps the OS error
	 * only until the next system call, so name the likely ones. */
	int os = sqlite3_system_errno(st->db);
	if (os && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN))
		return caspian_error_set(err, CASPIAN_ESTORE, "store %s: %s: %s (%s)", st->path,
					 doing, sqlite3_errmsg(st->db), strerror(os));
	if (rc == SQLITE_FULL || rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC ||
	    rc == SQLITE_IOERR_TRUNCATE)
		return caspian_error_set(err, CASPIAN_ESTORE,
					 "store %s: %s: %s: writing to the disk failed (is it full, "
					 "or a file size limit reached?)",
					 st->path, doing, sqlite3_errmsg(st->db));
	return caspian_error_set(err, CASPIAN_ESTORE, "store %s: %s: %s", st->path, doing,
				 sqlite3_errmsg(st->db));
}

/* One step of q: *row says whether it gave a row; an error is named by doing. */
static int step_row(struct caspian_store *st, sqlite3_stmt *q, const char *doing, int *row,
		    struct caspian_error *err)
{
	int s = sqlite3_step(q);
	*row = s == SQLITE_ROW;
	if (s == SQLITE_ROW || s == SQLITE_DONE)
		return CASPIAN_OK;
	return sql_fail(st, s, doing, err);
}

static int corrupt(struct caspian_store *st, const char *name, const char *what,
		   struct caspian_error *err)
{
	return caspian_error_set(err, CASPIAN_ESTORE, "store %s is corrupt: series %s %s",
				 st->path, name, what);
}

static int prepare(struct caspian_store *st, const char *sql, sqlite3_stmt **out,
		   struct caspian_error *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
	if (rc != SQLITE_OK)
		return sql_fail(st, rc, "preparing a query", err);
	return CASPIAN_OK;
}

static int exec(struct caspian_store *st, const char *sql, const char *doing,
		struct caspian_error *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sql_fail(st, rc, doing, err);
	return CASPIAN_OK;
}

/* Runs a statement that yields no rows (or whose rows are not wanted) and resets it. */
static int step_done(struct caspian_store *st, sqlite3_stmt *stmt, const char *doing,
		     struct caspian_error *err)
{
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		int status = sql_fail(st, rc, doing, err);
		sqlite3_reset(stmt);
		return status;
	}
	sqlite3_reset(stmt);
	return CASPIAN_OK;
}

/*
 * Write transactions take the write lock at BEGIN (IMMEDIATE), so contention
 * shows up there, after the busy timeout, and never as a failed upgrade from
 * a read lock half way through an import.
 */
static int begin_write(struct caspian_store *st, struct caspian_error *err)
{
	if (st->mode != CASPIAN_STORE_WRITE)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "store %s was opened for reading, not writing", st->path);
	return exec(st, "BEGIN IMMEDIATE", "starting a transaction", err);
}

/* Readers take a snapshot so that multi-query answers are consistent. */
static int begin_read(struct caspian_store *st, struct caspian_error *err)
{
	return exec(st, "BEGIN", "starting a transaction", err);
}

/* finish() for a write transaction: brings the blocks up to date first. */
static int finish_write(struct caspian_store *st, int status, struct caspian_error *err);

static int finish(struct caspian_store *st, int status, struct caspian_error *err)
{
	if (status == CASPIAN_OK)
		status = exec(st, "COMMIT", "committing", err);
	/* Some errors (a full disk, out of memory) have already rolled back. */
	if (status != CASPIAN_OK && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return status;
}

/* ---- time stamps ----------------------------------------------------------- */

static const char stamp_shape[] = "dddd-dd-ddTdd:dd:dd.ddddddZ";

/* 1 when text[0..len) follows the first len characters of the stamp shape. */
static int stamp_prefix_ok(const char *text, size_t len)
{
	if (len == 0 || len > sizeof(stamp_shape) - 1)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (stamp_shape[i] == 'd' ? !(c >= '0' && c <= '9') : c != stamp_shape[i])
			return 0;
	}
	return 1;
}

static int stamp_ok(const char *ts)
{
	return ts && strlen(ts) == sizeof(stamp_shape) - 1 && stamp_prefix_ok(ts, strlen(ts));
}

static const char *column_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	return t ? (const char *)t : "";
}

/* ---- open / close ---------------------------------------------------------- */

struct header {
	int application_id;
	int user_version;
	int objects; /* tables, indexes, ... in sqlite_master */
};

/*
 * The header in one statement, hence one read transaction: read one pragma at
 * a time and a store created by another process between two reads looks
 * half made (application_id still 0, user_version already set) and is
 * refused as foreign.
 */
static int read_header(struct caspian_store *st, struct header *h, struct caspian_error *err)
{
	static const char sql[] = "SELECT (SELECT application_id FROM pragma_application_id),"
				  " (SELECT user_version FROM pragma_user_version),"
				  " (SELECT count(*) FROM sqlite_master)";
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			h->application_id = sqlite3_column_int(stmt, 0);
			h->user_version = sqlite3_column_int(stmt, 1);
			h->objects = sqlite3_column_int(stmt, 2);
			rc = SQLITE_OK;
		}
	}
	int status = rc == SQLITE_OK ? CASPIAN_OK : sql_fail(st, rc, "reading the schema", err);
	sqlite3_finalize(stmt);
	return status;
}

static int header_empty(const struct header *h)
{
	return h->application_id == 0 && h->user_version == 0 && h->objects == 0;
}

/* Refuses anything that is neither an empty database nor a caspian store we understand. */
static int check_header(struct caspian_store *st, const struct header *h,
			struct caspian_error *err)
{
	if (header_empty(h)) {
		if (st->mode == CASPIAN_STORE_READ)
			return caspian_error_set(err, CASPIAN_ENOTFOUND,
						 "no store at %s (import something first)", st->path);
		return CASPIAN_OK;
	}
	if (h->application_id != STORE_APPLICATION_ID)
		return caspian_error_set(err, CASPIAN_ESTORE,
					 "%s is an SQLite database but not a caspian store "
					 "(application_id %d, user_version %d; a caspian store has "
					 "application_id %d)",
					 st->path, h->application_id, h->user_version,
					 STORE_APPLICATION_ID);
	if (h->user_version > CASPIAN_STORE_SCHEMA_VERSION)
		return caspian_error_set(err, CASPIAN_ESTORE,
					 "store %s has schema version %d, newer than this caspian "
					 "understands (%d): use a newer caspian",
					 st->path, h->user_version, CASPIAN_STORE_SCHEMA_VERSION);
	if (h->user_version < STORE_OLDEST_READABLE && st->mode == CASPIAN_STORE_READ)
		return caspian_error_set(err, CASPIAN_ESTORE,
					 "store %s has schema version %d; open it for writing once "
					 "to migrate it to version %d",
					 st->path, h->user_version, CASPIAN_STORE_SCHEMA_VERSION);
	st->version = h->user_version;
	return CASPIAN_OK;
}

/*
 * Brings the schema from version `from` to the current one.  Version 0 is an
 * empty database; later versions add steps here, each one version up.
 */
static int migrate(struct caspian_store *st, int from, struct caspian_error *err)
{
	char sql[96];
	int rc = CASPIAN_OK;
	if (from < 1)
		rc = exec(st, schema_v1, "creating the schema", err);
	if (rc == CASPIAN_OK && from < 2)
		rc = exec(st, schema_v2, "adding the blocks", err);
	if (rc == CASPIAN_OK && from == 1)
		rc = exec(st, "INSERT INTO stale_blocks SELECT DISTINCT id >> 6 FROM series",
			  "adding the blocks", err);
	if (rc == CASPIAN_OK) {
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 STORE_APPLICATION_ID, CASPIAN_STORE_SCHEMA_VERSION);
		rc = exec(st, sql, "setting the schema version", err);
	}
	if (rc == CASPIAN_OK)
		st->version = CASPIAN_STORE_SCHEMA_VERSION;
	return rc;
}

/*
 * WAL journal: readers (list, show, growth...) keep reading their snapshot
 * while an import writes, and an import is not held up by readers; one
 * writer at a time still holds the lock.  The mode is stored in the file.
 * A file system without shared memory refuses it and the store stays in
 * rollback mode, which is slower under concurrency but equally safe.
 */
static void use_wal(struct caspian_store *st)
{
	sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
}

static int prepare_for_writing(struct caspian_store *st, const struct header *h,
			       struct caspian_error *err)
{
	if (h->user_version < CASPIAN_STORE_SCHEMA_VERSION || header_empty(h)) {
		if (header_empty(h))
			use_wal(st);
		int rc = begin_write(st, err);
		if (rc)
			return rc;
		/* Another process may have created or migrated it while we looked. */
		struct header now;
		rc = read_header(st, &now, err);
		if (rc == CASPIAN_OK)
			rc = check_header(st, &now, err);
		if (rc == CASPIAN_OK && now.user_version < CASPIAN_STORE_SCHEMA_VERSION)
			rc = migrate(st, now.user_version, err);
		rc = finish_write(st, rc, err);
		if (rc)
			return rc;
	}
	/* A commit reaches the disk before the import reports success, so a crash
	 * or power cut loses no import that was reported as done. */
	return exec(st, "PRAGMA synchronous = FULL", "configuring the store", err);
}

int caspian_store_open(const char *path, enum caspian_store_mode mode, int busy_ms,
		       struct caspian_store **out, struct caspian_error *err)
{
	if (!path || !*path || !out || busy_ms < 0 ||
	    (mode != CASPIAN_STORE_READ && mode != CASPIAN_STORE_WRITE))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "caspian_store_open: bad argument (path, mode or busy_ms)");
	if (mode == CASPIAN_STORE_READ) {
		struct stat sb;
		if (stat(path, &sb) != 0) {
			if (errno == ENOENT)
				return caspian_error_set(err, CASPIAN_ENOTFOUND,
							 "no store at %s (import something first)",
							 path);
			return caspian_error_set(err, CASPIAN_EIO, "cannot open store %s: %s",
						 path, strerror(errno));
		}
	}
	struct caspian_store *st = calloc(1, sizeof(*st));
	size_t len = strlen(path) + 1;
	if (st)
		st->path = malloc(len);
	if (!st || !st->path) {
		free(st);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	memcpy(st->path, path, len);
	st->mode = mode;
	st->busy_ms = busy_ms ? busy_ms : CASPIAN_STORE_BUSY_MS;

	/*
	 * A reader opens a writable file read-write and then refuses writes with
	 * query_only: after a writer was killed, the first connection must
	 * recover the write-ahead log, which a read-only connection cannot do
	 * (SQLITE_READONLY_RECOVERY), so "export" after a crash would fail.
	 */
	int reader_can_recover = mode == CASPIAN_STORE_READ && access(path, W_OK) == 0;
	int flags = mode == CASPIAN_STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
		    : reader_can_recover      ? SQLITE_OPEN_READWRITE
					      : SQLITE_OPEN_READONLY;
	/* One thread at a time uses a handle, so SQLite need not lock the
	 * connection on every call (a row of a load is nine calls). */
	int rc = sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK && reader_can_recover)
		rc = sqlite3_exec(st->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
	int status = CASPIAN_OK;
	if (rc != SQLITE_OK) {
		status = caspian_error_set(err, rc == SQLITE_NOMEM ? CASPIAN_ENOMEM : CASPIAN_ESTORE,
					   "cannot open store %s: %s", path,
					   st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	} else {
		sqlite3_extended_result_codes(st->db, 1);
		sqlite3_busy_timeout(st->db, st->busy_ms);
		sqlite3_exec(st->db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
		struct header h;
		status = read_header(st, &h, err);
		if (status == CASPIAN_OK)
			status = check_header(st, &h, err);
		if (status == CASPIAN_OK && mode == CASPIAN_STORE_WRITE)
			status = prepare_for_writing(st, &h, err);
	}
	if (status) {
		caspian_store_close(st);
		return status;
	}
	*out = st;
	return CASPIAN_OK;
}

void caspian_store_close(struct caspian_store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* ---- reading rows ---------------------------------------------------------- */

/*
 * The seven columns freq, start, n, unit, source, note, vals at base..base+6,
 * in that order, in every query that rebuilds a series.
 */
struct row_shape {
	enum caspian_freq freq;
	long start;
	size_t n;
	const unsigned char *blob;
};

/*
 * The columns that copy_row() and load_rows() read from series, in the
 * order they read them: the name, then the shape read_shape() takes from
 * column 1 on (unit, source and note at 4 to 6, the values at 7).
 */
#define SERIES_ROWS "SELECT name, freq, start, n, unit, source, note, vals FROM series"

/* What is wrong with a stored frequency, first period and length; NULL if nothing. */
static const char *shape_fault(sqlite3_int64 freq, sqlite3_int64 start, uint64_t n)
{
	if (freq < CASPIAN_FREQ_ANNUAL || freq > CASPIAN_FREQ_DAILY)
		return "has an unknown frequency";
	if (n > SIZE_MAX / sizeof(double) || start < -(sqlite3_int64)1e15 ||
	    start > (sqlite3_int64)1e15)
		return "has an impossible length or first period";
	return NULL;
}

static int read_shape(struct caspian_store *st, sqlite3_stmt *stmt, int base, const char *name,
		      struct row_shape *out, struct caspian_error *err)
{
	sqlite3_int64 freq = sqlite3_column_int64(stmt, base);
	sqlite3_int64 start = sqlite3_column_int64(stmt, base + 1);
	sqlite3_int64 n = sqlite3_column_int64(stmt, base + 2);
	const char *fault = n < 0 ? "has an impossible length or first period"
				  : shape_fault(freq, start, (uint64_t)n);
	if (fault)
		return corrupt(st, name, fault, err);
	const unsigned char *blob = sqlite3_column_blob(stmt, base + 6);
	int bytes = sqlite3_column_bytes(stmt, base + 6);
	if (bytes < 0 || (uint64_t)bytes != (uint64_t)n * sizeof(double))
		return corrupt(st, name, "has a values BLOB of the wrong size", err);
	out->freq = (enum caspian_freq)freq;
	out->start = (long)start;
	out->n = (size_t)n;
	out->blob = blob;
	return CASPIAN_OK;
}

static int row_to_series(struct caspian_store *st, sqlite3_stmt *stmt, int base,
			 const char *name, struct caspian_series **out, struct caspian_error *err)
{
	struct row_shape r;
	int rc = read_shape(st, stmt, base, name, &r, err);
	if (rc)
		return rc;
	struct caspian_series *s = caspian_series_alloc(name, r.freq, r.start, r.n);
	if (!s)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	values_decode(r.blob, r.n, s->values);
	rc = caspian_series_set_meta(s, column_text(stmt, base + 3), column_text(stmt, base + 4),
				     column_text(stmt, base + 5), err);
	if (rc) {
		caspian_series_free(s);
		return rc;
	}
	*out = s;
	return CASPIAN_OK;
}

static int not_found(struct caspian_store *st, const char *name, struct caspian_error *err)
{
	return caspian_error_set(err, CASPIAN_ENOTFOUND, "no series named '%s' in %s", name,
				 st->path);
}

/* ---- blocks ------------------------------------------------------------------ */

/* The first id of block b in *lo; 0 when no int64 ids make a block b. */
static int block_ids(sqlite3_int64 b, sqlite3_int64 *lo)
{
	if (b < INT64_MIN / CX_BLOCK_SERIES || b > INT64_MAX / CX_BLOCK_SERIES)
		return 0;
	*lo = b * CX_BLOCK_SERIES;
	return 1;
}

static int damaged_block(struct caspian_store *st, sqlite3_int64 b, struct caspian_error *err)
{
	return caspian_error_set(err, CASPIAN_ESTORE,
				 "store %s is corrupt: its block %lld (a copy of series rows "
				 "kept for fast loads) is damaged",
				 st->path, (long long)b);
}

/*
 * A block whose values would pass this many bytes is not kept (its series
 * are read from their rows): SQLite refuses a BLOB over 1 GB, and a write of
 * one series rewrites its whole block.  Blocks of ordinary series are tens
 * of kilobytes.
 */
enum { BLOCK_MAX_BYTES = 32 << 20 };

struct block_copy {
	sqlite3_stmt *rows, *drop, *put;
	struct cx_block_writer meta;
	struct scratch vals;
	size_t vals_len;
};

/* Appends the series at the current row of c->rows to the block being made. */
static int copy_row(struct caspian_store *st, struct block_copy *c, struct caspian_error *err)
{
	const char *name = column_text(c->rows, 0);
	struct row_shape r;
	if (!caspian_series_name_valid(name))
		return corrupt(st, name, "has an invalid name", err);
	int rc = read_shape(st, c->rows, 1, name, &r, err);
	if (rc)
		return rc;
	size_t bytes = r.n * sizeof(double);
	struct cx_block_entry e = {name,     column_text(c->rows, 4), column_text(c->rows, 5),
				   column_text(c->rows, 6), (int)r.freq, r.start, r.n};
	if (bytes > SIZE_MAX - c->vals_len || scratch_reserve(&c->vals, c->vals_len + bytes) ||
	    cx_block_add(&c->meta, &e))
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (bytes)
		memcpy((unsigned char *)c->vals.p + c->vals_len, r.blob, bytes);
	c->vals_len += bytes;
	return CASPIAN_OK;
}

/* Block b made again from the rows of its series (none: no block). */
static int copy_block(struct caspian_store *st, struct block_copy *c, sqlite3_int64 b,
		      struct caspian_error *err)
{
	sqlite3_int64 lo;
	if (!block_ids(b, &lo))
		return damaged_block(st, b, err);
	cx_block_clear(&c->meta);
	c->vals_len = 0;
	int rc = CASPIAN_OK, row = 1, s = sqlite3_bind_int64(c->rows, 1, lo);
	if (s == SQLITE_OK)
		s = sqlite3_bind_int64(c->rows, 2, lo + (CX_BLOCK_SERIES - 1));
	if (s != SQLITE_OK)
		rc = sql_fail(st, s, "copying series into blocks", err);
	while (rc == CASPIAN_OK && c->vals_len <= BLOCK_MAX_BYTES &&
	       (rc = step_row(st, c->rows, "copying series into blocks", &row, err)) == CASPIAN_OK &&
	       row)
		rc = copy_row(st, c, err);
	sqlite3_reset(c->rows);
	if (rc == CASPIAN_OK && (s = sqlite3_bind_int64(c->drop, 1, b)) != SQLITE_OK)
		rc = sql_fail(st, s, "copying series into blocks", err);
	if (rc == CASPIAN_OK)
		rc = step_done(st, c->drop, "copying series into blocks", err);
	if (rc || c->meta.count == 0 || c->vals_len > BLOCK_MAX_BYTES)
		return rc;
	const unsigned char *meta = cx_block_meta(&c->meta);
	if (!meta)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	s = sqlite3_bind_int64(c->put, 1, b);
	if (s == SQLITE_OK)
		s = sqlite3_bind_blob64(c->put, 2, meta, c->meta.len, SQLITE_STATIC);
	if (s == SQLITE_OK)
		s = c->vals_len ? sqlite3_bind_blob64(c->put, 3, c->vals.p, c->vals_len, SQLITE_STATIC)
				: sqlite3_bind_zeroblob(c->put, 3, 0);
	if (s != SQLITE_OK)
		return sql_fail(st, s, "copying series into blocks", err);
	return step_done(st, c->put, "copying series into blocks", err);
}

/* Every stale block made again, inside the write transaction that made it stale. */
static int refresh_blocks(struct caspian_store *st, struct caspian_error *err)
{
	struct block_copy c = {0};
	sqlite3_stmt *stale = NULL;
	int rc = prepare(st, "SELECT block FROM stale_blocks", &stale, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     SERIES_ROWS " WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
			     &c.rows, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st, "DELETE FROM blocks WHERE block = ?1", &c.drop, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st, "INSERT INTO blocks (block, meta, vals) VALUES (?1, ?2, ?3)",
			     &c.put, err);
	int row = 1;
	while (rc == CASPIAN_OK &&
	       (rc = step_row(st, stale, "copying series into blocks", &row, err)) == CASPIAN_OK &&
	       row)
		rc = copy_block(st, &c, sqlite3_column_int64(stale, 0), err);
	sqlite3_finalize(stale);
	sqlite3_finalize(c.rows);
	sqlite3_finalize(c.drop);
	sqlite3_finalize(c.put);
	cx_block_writer_free(&c.meta);
	free(c.vals.p);
	if (rc == CASPIAN_OK)
		rc = exec(st, "DELETE FROM stale_blocks", "copying series into blocks", err);
	return rc;
}

static int finish_write(struct caspian_store *st, int status, struct caspian_error *err)
{
	if (status == CASPIAN_OK && st->version >= 2)
		status = refresh_blocks(st, err);
	return finish(st, status, err);
}

/* ---- import ------------------------------------------------------------------ */

struct importer {
	struct caspian_store *st;
	const struct caspian_import_opts *opts;
	sqlite3_stmt *lookup, *insert, *update, *keep_vintage;
	struct scratch stored, merged, enc;
	struct caspian_import_report rep;
};

/* What is stored for a series, decoded into imp->stored. */
struct stored {
	sqlite3_int64 id;
	enum caspian_freq freq;
	long start;
	size_t n;
	char updated[STAMP_MAX];
	int meta_changed; /* an incoming non-empty unit/source/note differs */
};

/* The outcome of merging incoming values into stored ones, in imp->merged. */
struct merge {
	long start;
	size_t n;
	int extended;    /* gained an observation */
	int changed;     /* an observation differs (the incoming one is in merged) */
	long where;      /* first differing period */
	double was, now; /* its stored and incoming values */
};

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

static int differs(const char *incoming, const char *stored)
{
	return incoming && *incoming && strcmp(incoming, stored) != 0;
}

static int lookup_stored(struct importer *imp, const struct caspian_series *s,
			 struct stored *old, int *found, struct caspian_error *err)
{
	struct caspian_store *st = imp->st;
	sqlite3_stmt *q = imp->lookup;
	int rc = sqlite3_bind_text(q, 1, s->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) {
		*found = 0;
		sqlite3_reset(q);
		return CASPIAN_OK;
	}
	if (rc != SQLITE_ROW) {
		int status = sql_fail(st, rc, "looking up a series", err);
		sqlite3_reset(q);
		return status;
	}
	/* columns: id, updated, unit, source, note and the shape at 2 */
	struct row_shape r;
	int status = read_shape(st, q, 2, s->name, &r, err);
	const char *updated = column_text(q, 1);
	if (status == CASPIAN_OK && strlen(updated) >= STAMP_MAX)
		status = corrupt(st, s->name, "has an overlong time stamp", err);
	if (status == CASPIAN_OK && scratch_reserve(&imp->stored, (r.n ? r.n : 1) * sizeof(double)))
		status = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (status == CASPIAN_OK) {
		*found = 1;
		old->id = sqlite3_column_int64(q, 0);
		old->freq = r.freq;
		old->start = r.start;
		old->n = r.n;
		snprintf(old->updated, sizeof(old->updated), "%s", updated);
		old->meta_changed = differs(s->unit, column_text(q, 5)) ||
				    differs(s->source, column_text(q, 6)) ||
				    differs(s->note, column_text(q, 7));
		values_decode(r.blob, r.n, imp->stored.p);
	}
	sqlite3_reset(q);
	return status;
}

/*
 * Overlays the incoming observations on the stored ones.  An incoming missing
 * value is no observation (CSV cannot tell a gap from an explicit NA), so it
 * neither conflicts with nor erases a stored value.
 */
static int merge_values(struct importer *imp, const struct stored *old,
			const struct caspian_series *s, struct merge *m, struct caspian_error *err)
{
	const double *was = imp->stored.p;
	long first, last;
	memset(m, 0, sizeof(*m));
	m->start = old->start;
	m->n = old->n;
	int any = caspian_series_span(s, &first, &last);
	if (any) {
		long lo = first, hi = last;
		if (old->n) {
			long end = old->start + (long)old->n - 1;
			lo = old->start < lo ? old->start : lo;
			hi = end > hi ? end : hi;
		}
		if ((unsigned long)(hi - lo) >= CASPIAN_SPAN_MAX)
			return caspian_error_set(err, CASPIAN_ELIMIT,
						 "series %s would span more than %d periods", s->name,
						 CASPIAN_SPAN_MAX);
		m->start = lo;
		m->n = (size_t)(hi - lo) + 1;
	}
	if (scratch_reserve(&imp->merged, (m->n ? m->n : 1) * sizeof(double)))
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	double *v = imp->merged.p;
	for (size_t i = 0; i < m->n; i++)
		v[i] = NAN;
	if (old->n)
		memcpy(v + (old->start - m->start), was, old->n * sizeof(double));
	if (!any)
		return CASPIAN_OK;
	for (long p = first; p <= last; p++) {
		double in = s->values[p - s->start];
		if (isnan(in))
			continue;
		double *slot = &v[p - m->start];
		if (isnan(*slot)) {
			*slot = in;
			m->extended = 1;
		} else if (!same_bits(*slot, in)) {
			if (!m->changed) {
				m->where = p;
				m->was = *slot;
				m->now = in;
			}
			m->changed = 1;
			*slot = in;
		}
	}
	return CASPIAN_OK;
}

static const char *period_text(enum caspian_freq f, long p, char *buf, size_t n)
{
	if (caspian_period_format(f, p, buf) == 0)
		snprintf(buf, n, "ordinal %ld", p);
	return buf;
}

static int insert_new(struct importer *imp, const struct caspian_series *s,
		      struct caspian_error *err)
{
	sqlite3_stmt *q = imp->insert;
	int rc = sqlite3_bind_text(q, 1, s->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(q, 2, (int)s->freq);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(q, 3, s->start);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(q, 4, (sqlite3_int64)s->n);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(q, 5, s->unit ? s->unit : "", -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(q, 6, s->source ? s->source : "", -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(q, 7, s->note ? s->note : "", -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(q, 8, imp->opts->timestamp, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = bind_values(q, 9, s->values, s->n, &imp->enc);
	if (rc != SQLITE_OK)
		return sql_fail(imp->st, rc, "storing a series", err);
	rc = step_done(imp->st, q, "storing a series", err);
	if (rc == CASPIAN_OK)
		imp->rep.series_new++;
	return rc;
}

static const char *nonempty_or_null(const char *t)
{
	return t && *t ? t : NULL;
}

static int bind_text_or_null(sqlite3_stmt *q, int idx, const char *t)
{
	return t ? sqlite3_bind_text(q, idx, t, -1, SQLITE_STATIC) : sqlite3_bind_null(q, idx);
}

static int update_stored(struct importer *imp, const struct caspian_series *s,
			 const struct stored *old, const struct merge *m, int new_version,
			 struct caspian_error *err)
{
	sqlite3_stmt *q = imp->update;
	int rc = sqlite3_bind_int64(q, 1, old->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(q, 2, m->start);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(q, 3, (sqlite3_int64)m->n);
	if (rc == SQLITE_OK)
		rc = bind_text_or_null(q, 4, nonempty_or_null(s->unit));
	if (rc == SQLITE_OK)
		rc = bind_text_or_null(q, 5, nonempty_or_null(s->source));
	if (rc == SQLITE_OK)
		rc = bind_text_or_null(q, 6, nonempty_or_null(s->note));
	if (rc == SQLITE_OK)
		rc = bind_text_or_null(q, 7, new_version ? imp->opts->timestamp : NULL);
	if (rc == SQLITE_OK)
		rc = bind_values(q, 8, imp->merged.p, m->n, &imp->enc);
	if (rc != SQLITE_OK)
		return sql_fail(imp->st, rc, "updating a series", err);
	return step_done(imp->st, q, "updating a series", err);
}

static int keep_vintage(struct importer *imp, const struct caspian_series *s,
			const struct stored *old, struct caspian_error *err)
{
	const char *ts = imp->opts->timestamp;
	if (strcmp(ts, old->updated) < 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "import time stamp %s is earlier than the stored version "
					 "of %s (%s)",
					 ts, s->name, old->updated);
	sqlite3_stmt *q = imp->keep_vintage;
	int rc = sqlite3_bind_int64(q, 1, old->id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(q, 2, ts, -1, SQLITE_STATIC);
	if (rc != SQLITE_OK)
		return sql_fail(imp->st, rc, "keeping a vintage", err);
	return step_done(imp->st, q, "keeping a vintage", err);
}

static int import_one(struct importer *imp, const struct caspian_series *s,
		      struct caspian_error *err)
{
	struct stored old;
	struct merge m;
	int found = 0;
	char pbuf[32];
	int rc = lookup_stored(imp, s, &old, &found, err);
	if (rc)
		return rc;
	if (!found)
		return insert_new(imp, s, err);
	if (old.freq != s->freq)
		return caspian_error_set(err, CASPIAN_ECONFLICT,
					 "series %s is stored as %s but the import has it as %s; "
					 "nothing was imported",
					 s->name, caspian_freq_name(old.freq),
					 caspian_freq_name(s->freq));
	rc = merge_values(imp, &old, s, &m, err);
	if (rc)
		return rc;
	if (m.changed && !imp->opts->replace)
		return caspian_error_set(err, CASPIAN_ECONFLICT,
					 "series %s, period %s: stored value %s differs from "
					 "imported value %s; nothing was imported",
					 s->name, period_text(s->freq, m.where, pbuf, sizeof(pbuf)),
					 caspian_num(m.was).s, caspian_num(m.now).s);
	if (!m.changed && !m.extended && !old.meta_changed) {
		imp->rep.series_unchanged++;
		return CASPIAN_OK;
	}
	if (m.changed) {
		rc = keep_vintage(imp, s, &old, err);
		if (rc == CASPIAN_OK)
			rc = update_stored(imp, s, &old, &m, 1, err);
		if (rc == CASPIAN_OK)
			imp->rep.series_replaced++;
		return rc;
	}
	/* New observations or provenance only: the current version grows in place. */
	rc = update_stored(imp, s, &old, &m, 0, err);
	if (rc == CASPIAN_OK)
		imp->rep.series_extended++;
	return rc;
}

static int check_panel(const struct caspian_panel *p, struct caspian_error *err)
{
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		if (!s->name || !caspian_series_name_valid(s->name))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "series %zu has an invalid name '%s'", i + 1,
						 s->name ? s->name : "");
		if (s->freq < CASPIAN_FREQ_ANNUAL || s->freq > CASPIAN_FREQ_DAILY)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "series %s has no frequency", s->name);
		if (s->n && !s->values)
			return caspian_error_set(err, CASPIAN_EINVAL, "series %s has no values",
						 s->name);
	}
	return CASPIAN_OK;
}

static size_t count_observations(const struct caspian_panel *p)
{
	size_t k = 0;
	for (size_t i = 0; i < p->count; i++)
		for (size_t j = 0; j < p->series[i].n; j++)
			k += !isnan(p->series[i].values[j]);
	return k;
}

static int importer_prepare(struct importer *imp, struct caspian_error *err)
{
	struct caspian_store *st = imp->st;
	int rc = prepare(st,
			 "SELECT id, updated, freq, start, n, unit, source, note, vals "
			 "FROM series WHERE name = ?1",
			 &imp->lookup, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     "INSERT INTO series (name, freq, start, n, unit, source, note, "
			     "created, updated, vals) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
			     &imp->insert, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     "UPDATE series SET start = ?2, n = ?3, unit = coalesce(?4, unit), "
			     "source = coalesce(?5, source), note = coalesce(?6, note), "
			     "updated = coalesce(?7, updated), vals = ?8 WHERE id = ?1",
			     &imp->update, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     "INSERT INTO vintages (series_id, valid_from, valid_to, freq, start, "
			     "n, unit, source, note, vals) "
			     "SELECT id, updated, ?2, freq, start, n, unit, source, note, vals "
			     "FROM series WHERE id = ?1",
			     &imp->keep_vintage, err);
	return rc;
}

static void importer_free(struct importer *imp)
{
	sqlite3_finalize(imp->lookup);
	sqlite3_finalize(imp->insert);
	sqlite3_finalize(imp->update);
	sqlite3_finalize(imp->keep_vintage);
	free(imp->stored.p);
	free(imp->merged.p);
	free(imp->enc.p);
}

int caspian_store_import(struct caspian_store *st, const struct caspian_panel *p,
			 const struct caspian_import_opts *opts,
			 struct caspian_import_report *report, struct caspian_error *err)
{
	if (!st || !p || !opts)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "caspian_store_import: NULL argument");
	if (!stamp_ok(opts->timestamp))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "import time stamp '%s' is not of the form "
					 "2026-01-31T12:00:00.000000Z",
					 opts->timestamp ? opts->timestamp : "");
	int rc = check_panel(p, err);
	if (rc)
		return rc;
	struct importer imp = {.st = st, .opts = opts};
	rc = importer_prepare(&imp, err);
	if (rc == CASPIAN_OK)
		rc = begin_write(st, err);
	if (rc == CASPIAN_OK) {
		for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++)
			rc = import_one(&imp, &p->series[i], err);
		rc = finish_write(st, rc, err);
	}
	importer_free(&imp);
	if (rc)
		return rc;
	imp.rep.values = count_observations(p);
	if (report)
		*report = imp.rep;
	return CASPIAN_OK;
}

/* ---- queries ------------------------------------------------------------------ */

/*
 * Rows come sorted from the name index.  A damaged index that SQLite does not
 * notice can yield them out of order or twice, and a panel or list that is
 * not strictly sorted would break every lookup by name, so that is corruption.
 */
static int out_of_order(struct caspian_store *st, const char *name, struct caspian_error *err)
{
	return corrupt(st, name, "is out of order or listed twice (the name index is "
			   "damaged; PRAGMA integrity_check tells more)", err);
}

/*
 * "*" matches every name, and testing it on every row costs SQLite about a
 * sixth of a whole-store load.
 */
static int glob_matches_all(const char *glob)
{
	return !glob || strcmp(glob, "*") == 0;
}

/*
 * Names are unique in the table; two equal ones mean a damaged store that
 * SQLite did not notice, and a panel with a name twice would break every
 * lookup by name.
 */
static int sort_unique(struct caspian_store *st, struct caspian_panel *p,
		       struct caspian_error *err)
{
	caspian_panel_sort(p);
	for (size_t i = 1; i < p->count; i++)
		if (strcmp(p->series[i - 1].name, p->series[i].name) == 0)
			return out_of_order(st, p->series[i].name, err);
	return CASPIAN_OK;
}

/*
 * Room in p for the series matching glob, so that loading them seldom copies
 * values or grows the buffer.  The count comes from the name index alone (a
 * scan of the table would read every value twice); the values are guessed as
 * that many series as long as the first one, which is exact for the usual
 * panel of equally long series, and never more than the file could hold.  A
 * hint only: when it fails or falls short, the panel grows as it goes.
 * Returns the count (0 when unknown).
 */
static size_t reserve_for(struct caspian_store *st, const char *glob,
			  const struct caspian_shard *sh, struct caspian_panel *p)
{
	sqlite3_stmt *q = NULL;
	struct stat sb;
	sqlite3_int64 count = 0, first = 0;
	int all = glob_matches_all(glob);
	if (stat(st->path, &sb) != 0 || sb.st_size <= 0 ||
	    sqlite3_prepare_v2(st->db,
			       all ? "SELECT count(*), (SELECT n FROM series ORDER BY name LIMIT 1) "
				     "FROM series"
				   : "SELECT count(*), (SELECT n FROM series WHERE name GLOB ?1 "
				     "ORDER BY name LIMIT 1) FROM series WHERE name GLOB ?1",
			       -1, &q, NULL) != SQLITE_OK ||
	    (!all && sqlite3_bind_text(q, 1, glob, -1, SQLITE_STATIC) != SQLITE_OK) ||
	    sqlite3_step(q) != SQLITE_ROW) {
		sqlite3_finalize(q);
		return 0;
	}
	count = sqlite3_column_int64(q, 0);
	first = sqlite3_column_int64(q, 1);
	sqlite3_finalize(q);
	sqlite3_int64 most = (sqlite3_int64)(sb.st_size / (off_t)sizeof(double));
	if (count <= 0 || count > most || first < 0 || first > most)
		return 0;
	size_t matched = (size_t)count;
	sqlite3_int64 values = first > most / count ? most : first * count;
	if (sh && sh->count > 1) { /* a shard's share, and an eighth more for the hash's unevenness */
		count = count / sh->count + count / (8 * (sqlite3_int64)sh->count) + 16;
		values = values / sh->count + values / (8 * (sqlite3_int64)sh->count) + 16 * first;
	}
	caspian_panel_reserve(p, (size_t)count, (size_t)values, NULL);
	return matched;
}

/* A load under way: what it keeps and what it has found. */
struct loader {
	struct caspian_store *st;
	const char *glob; /* NULL: every name */
	const struct caspian_shard *sh;
	struct caspian_panel *p;
	size_t seen; /* series matching glob, in the shard or not */
	int sorted;  /* the names so far came in strictly increasing order */
};

/* Appends a series found by the load, its values decoded from r->blob. */
static int add_loaded(struct loader *l, const char *name, const struct row_shape *r,
		      const char *unit, const char *source, const char *note,
		      struct caspian_error *err)
{
	struct caspian_panel *p = l->p;
	size_t k;
	if (l->sorted && p->count && strcmp(p->series[p->count - 1].name, name) >= 0)
		l->sorted = 0;
	int rc = cx_panel_add_unset(p, name, r->freq, r->start, r->n, &k, err);
	if (rc == CASPIAN_OK) {
		values_decode(r->blob, r->n, p->series[k].values);
		rc = caspian_series_set_meta(&p->series[k], unit, source, note, err);
	}
	return rc;
}

/* Every row of q (name, then the seven shape columns), already matched to the glob. */
static int load_rows(struct loader *l, sqlite3_stmt *q, struct caspian_error *err)
{
	int rc, row;
	while ((rc = step_row(l->st, q, "loading series", &row, err)) == CASPIAN_OK && row) {
		const char *name = column_text(q, 0);
		struct row_shape r;
		if (!caspian_series_name_valid(name))
			return corrupt(l->st, name, "has an invalid name", err);
		l->seen++;
		if (l->sh && !caspian_shard_has(l->sh, name))
			continue;
		if ((rc = read_shape(l->st, q, 1, name, &r, err)) ||
		    (rc = add_loaded(l, name, &r, column_text(q, 4), column_text(q, 5),
				     column_text(q, 6), err)))
			return rc;
	}
	return rc;
}

/* The statements of a load through the blocks. */
struct block_load {
	sqlite3_stmt *blocks; /* block, meta of every block in order */
	sqlite3_stmt *vals;   /* vals of block ?1 */
	sqlite3_stmt *rows;   /* as load_rows wants them, ids ?1 .. ?2 (name GLOB ?3) */
};

/* The values BLOB of block b, as a count of values; "" when empty. */
static int block_values(struct loader *l, struct block_load *bl, sqlite3_int64 b,
			const unsigned char **vals, uint64_t *nvals, struct caspian_error *err)
{
	int row = 0, s = sqlite3_bind_int64(bl->vals, 1, b);
	int rc = s == SQLITE_OK ? step_row(l->st, bl->vals, "loading series", &row, err)
				: sql_fail(l->st, s, "loading series", err);
	if (rc)
		return rc;
	int bytes = row ? sqlite3_column_bytes(bl->vals, 0) : -1;
	if (bytes < 0 || bytes % (int)sizeof(double))
		return damaged_block(l->st, b, err);
	*vals = bytes ? sqlite3_column_blob(bl->vals, 0) : (const unsigned char *)"";
	*nvals = (uint64_t)bytes / sizeof(double);
	return *vals ? CASPIAN_OK : caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
}

/* The series of block b (meta: its metadata BLOB) that the load wants. */
static int load_block(struct loader *l, struct block_load *bl, sqlite3_int64 b,
		      const void *meta, size_t meta_len, struct caspian_error *err)
{
	struct cx_block_reader rd;
	struct cx_block_entry e;
	const unsigned char *vals = NULL;
	uint64_t first, nvals = 0;
	int got, rc = CASPIAN_OK;
	if (cx_block_open(&rd, meta, meta_len))
		return damaged_block(l->st, b, err);
	while (rc == CASPIAN_OK && (got = cx_block_next(&rd, &e, &first)) == 1) {
		if (!caspian_series_name_valid(e.name))
			return corrupt(l->st, e.name, "has an invalid name", err);
		if (l->glob && sqlite3_strglob(l->glob, e.name) != 0)
			continue;
		l->seen++;
		if (l->sh && !caspian_shard_has(l->sh, e.name))
			continue;
		const char *fault = shape_fault(e.freq, e.start, e.n);
		if (fault)
			return corrupt(l->st, e.name, fault, err);
		if (!vals && (rc = block_values(l, bl, b, &vals, &nvals, err)))
			break;
		if (e.n > nvals || first > nvals - e.n) {
			rc = damaged_block(l->st, b, err);
			break;
		}
		struct row_shape r = {(enum caspian_freq)e.freq, (long)e.start, (size_t)e.n,
				      vals + first * sizeof(double)};
		rc = add_loaded(l, e.name, &r, e.unit, e.source, e.note, err);
	}
	sqlite3_reset(bl->vals);
	if (rc == CASPIAN_OK && (got < 0 || (vals && rd.values != nvals)))
		rc = damaged_block(l->st, b, err);
	return rc;
}

/* The rows of the series with ids lo .. hi, which no block holds. */
static int load_between(struct loader *l, sqlite3_stmt *rows, sqlite3_int64 lo,
			sqlite3_int64 hi, struct caspian_error *err)
{
	int s = sqlite3_bind_int64(rows, 1, lo);
	if (s == SQLITE_OK)
		s = sqlite3_bind_int64(rows, 2, hi);
	if (s == SQLITE_OK && l->glob)
		s = sqlite3_bind_text(rows, 3, l->glob, -1, SQLITE_STATIC);
	int rc = s == SQLITE_OK ? load_rows(l, rows, err) : sql_fail(l->st, s, "loading series", err);
	sqlite3_reset(rows);
	return rc;
}

/*
 * The blocks in id order, and the rows of the ids between them that no
 * block holds (the series changed by a program other than caspian since
 * caspian last wrote), all in one snapshot: the order is the table's, as
 * load_rows gives it.
 */
static int load_blocks(struct loader *l, struct caspian_error *err)
{
	struct caspian_store *st = l->st;
	struct block_load bl = {0};
	int rc = prepare(st, "SELECT block, meta FROM blocks ORDER BY block", &bl.blocks, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st, "SELECT vals FROM blocks WHERE block = ?1", &bl.vals, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     l->glob ? SERIES_ROWS " WHERE id BETWEEN ?1 AND ?2 AND name GLOB ?3"
				     : SERIES_ROWS " WHERE id BETWEEN ?1 AND ?2",
			     &bl.rows, err);
	int own = rc == CASPIAN_OK && sqlite3_get_autocommit(st->db);
	if (own)
		rc = begin_read(st, err);
	sqlite3_int64 next = INT64_MIN, lo;
	int row, more_ids = 1;
	while (rc == CASPIAN_OK &&
	       (rc = step_row(st, bl.blocks, "loading series", &row, err)) == CASPIAN_OK && row) {
		sqlite3_int64 b = sqlite3_column_int64(bl.blocks, 0);
		if (!block_ids(b, &lo) || lo < next) {
			rc = damaged_block(st, b, err);
			break;
		}
		if (lo > next)
			rc = load_between(l, bl.rows, next, lo - 1, err);
		if (rc == CASPIAN_OK)
			rc = load_block(l, &bl, b, sqlite3_column_blob(bl.blocks, 1),
					(size_t)sqlite3_column_bytes(bl.blocks, 1), err);
		more_ids = lo <= INT64_MAX - CX_BLOCK_SERIES;
		if (!more_ids)
			break;
		next = lo + CX_BLOCK_SERIES;
	}
	if (rc == CASPIAN_OK && more_ids)
		rc = load_between(l, bl.rows, next, INT64_MAX, err);
	sqlite3_finalize(bl.blocks);
	sqlite3_finalize(bl.vals);
	sqlite3_finalize(bl.rows);
	return own ? finish(st, rc, err) : rc;
}

/*
 * Through the blocks when the glob wants many series, or must look at every
 * name anyway (a leading wildcard); through the name index and a row per
 * series when it wants few.  Below about a thousand series, the rows are
 * the faster: the blocks cost a pass over every name of the store.
 */
enum { BLOCK_LOAD_MIN = 1024 };

static int use_blocks(const struct caspian_store *st, const char *glob, size_t matched)
{
	return st->version >= 2 &&
	       (glob_matches_all(glob) || matched >= BLOCK_LOAD_MIN ||
		(glob[0] && strchr("*?[", glob[0])));
}

int caspian_store_load(struct caspian_store *st, const char *glob,
		       struct caspian_panel **out, struct caspian_error *err)
{
	return caspian_store_load_shard(st, glob, NULL, out, NULL, err);
}

int caspian_store_load_shard(struct caspian_store *st, const char *glob,
			     const struct caspian_shard *sh, struct caspian_panel **out,
			     size_t *matched, struct caspian_error *err)
{
	if (!st || !out)
		return caspian_error_set(err, CASPIAN_EINVAL, "caspian_store_load: NULL argument");
	struct caspian_panel *p = caspian_panel_alloc();
	if (!p)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	struct loader l = {st, glob_matches_all(glob) ? NULL : glob, sh, p, 0, 1};
	int rc;
	if (use_blocks(st, glob, reserve_for(st, glob, sh, p))) {
		rc = load_blocks(&l, err);
	} else {
		/* Table order, not name order: going through the name index would
		 * cost a seek per series, and the rows of a store are usually
		 * already in name order (an import writes a sorted panel), which a
		 * sort then confirms. */
		sqlite3_stmt *q = NULL;
		rc = prepare(st,
			     l.glob ? SERIES_ROWS " WHERE name GLOB ?1" : SERIES_ROWS,
			     &q, err);
		if (rc == CASPIAN_OK && l.glob &&
		    (rc = sqlite3_bind_text(q, 1, glob, -1, SQLITE_STATIC)) != SQLITE_OK)
			rc = sql_fail(st, rc, "loading series", err);
		if (rc == CASPIAN_OK)
			rc = load_rows(&l, q, err);
		sqlite3_finalize(q);
	}
	if (rc == CASPIAN_OK && !l.sorted)
		rc = sort_unique(st, p, err);
	if (rc) {
		caspian_panel_free(p);
		return rc;
	}
	*out = p;
	if (matched)
		*matched = l.seen;
	return CASPIAN_OK;
}

int caspian_store_get(struct caspian_store *st, const char *name,
		      struct caspian_series **out, struct caspian_error *err)
{
	if (!st || !name || !out)
		return caspian_error_set(err, CASPIAN_EINVAL, "caspian_store_get: NULL argument");
	sqlite3_stmt *q = NULL;
	int rc = prepare(st,
			 "SELECT freq, start, n, unit, source, note, vals FROM series "
			 "WHERE name = ?1",
			 &q, err);
	if (rc == CASPIAN_OK) {
		int s = sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
		if (s == SQLITE_OK)
			s = sqlite3_step(q);
		if (s == SQLITE_ROW)
			rc = row_to_series(st, q, 0, name, out, err);
		else if (s == SQLITE_DONE)
			rc = not_found(st, name, err);
		else
			rc = sql_fail(st, s, "reading a series", err);
	}
	sqlite3_finalize(q);
	return rc;
}

/* The version of the series with the given id that was current at ts, from the vintages. */
static int vintage_at(struct caspian_store *st, sqlite3_int64 id, const char *name,
		      const char *ts, struct caspian_series **out, struct caspian_error *err)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(st,
			 "SELECT freq, start, n, unit, source, note, vals FROM vintages "
			 "WHERE series_id = ?1 AND valid_from <= ?2 AND ?2 < valid_to "
			 "ORDER BY valid_from DESC, rowid DESC LIMIT 1",
			 &q, err);
	if (rc == CASPIAN_OK) {
		int s = sqlite3_bind_int64(q, 1, id);
		if (s == SQLITE_OK)
			s = sqlite3_bind_text(q, 2, ts, -1, SQLITE_STATIC);
		if (s == SQLITE_OK)
			s = sqlite3_step(q);
		if (s == SQLITE_ROW)
			rc = row_to_series(st, q, 0, name, out, err);
		else if (s == SQLITE_DONE)
			rc = corrupt(st, name, "has a gap in its vintages", err);
		else
			rc = sql_fail(st, s, "reading a vintage", err);
	}
	sqlite3_finalize(q);
	return rc;
}

static int as_of_snapshot(struct caspian_store *st, const char *name, const char *ts,
			  struct caspian_series **out, struct caspian_error *err)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(st,
			 "SELECT id, created, updated, freq, start, n, unit, source, note, vals "
			 "FROM series WHERE name = ?1",
			 &q, err);
	if (rc)
		return rc;
	int s = sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	if (s == SQLITE_OK)
		s = sqlite3_step(q);
	if (s == SQLITE_DONE) {
		rc = not_found(st, name, err);
	} else if (s != SQLITE_ROW) {
		rc = sql_fail(st, s, "reading a series", err);
	} else if (strcmp(ts, column_text(q, 1)) < 0) {
		rc = caspian_error_set(err, CASPIAN_ENOTFOUND,
				       "series %s did not exist at %s (first imported %s)", name, ts,
				       column_text(q, 1));
	} else if (strcmp(ts, column_text(q, 2)) >= 0) {
		rc = row_to_series(st, q, 3, name, out, err);
	} else {
		rc = vintage_at(st, sqlite3_column_int64(q, 0), name, ts, out, err);
	}
	sqlite3_finalize(q);
	return rc;
}

/*
 * ts may also be a leading part of a stamp ("2026-01-31"): it is completed
 * with the earliest stamp it starts ("2026-01-31T00:00:00.000000Z"), so a
 * date stands for the very start of that day, as the header promises.
 */
int caspian_store_get_as_of(struct caspian_store *st, const char *name, const char *ts,
			    struct caspian_series **out, struct caspian_error *err)
{
	if (!st || !name || !ts || !out)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "caspian_store_get_as_of: NULL argument");
	if (!stamp_prefix_ok(ts, strlen(ts)))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "'%s' is not a time stamp (2026-01-31T12:00:00.000000Z, "
					 "or a leading part of one such as 2026-01-31)",
					 ts);
	static const char earliest[] = "0000-01-01T00:00:00.000000Z";
	char full[sizeof(earliest)];
	size_t n = strlen(ts);
	if (n > sizeof(earliest) - 1)
		n = sizeof(earliest) - 1;
	memcpy(full, ts, n);
	memcpy(full + n, earliest + n, sizeof(earliest) - n);
	int rc = begin_read(st, err);
	if (rc)
		return rc;
	rc = as_of_snapshot(st, name, full, out, err);
	return finish(st, rc, err);
}

static int copy_stamp(char *dst, const char *src)
{
	size_t n = strlen(src);
	if (n >= STAMP_MAX)
		return -1;
	memcpy(dst, src, n + 1);
	return 0;
}

/* Grows *arr (of elem-sized items) so that index k fits. */
static int grow_array(void **arr, size_t *cap, size_t k, size_t elem)
{
	void *p = cx_grow(*arr, cap, k + 1, elem, 16);
	if (!p)
		return -1;
	*arr = p;
	return 0;
}

static int info_row(struct caspian_store *st, sqlite3_stmt *q, struct caspian_series_info *info,
		    struct caspian_error *err)
{
	const char *name = column_text(q, 0);
	sqlite3_int64 freq = sqlite3_column_int64(q, 1);
	sqlite3_int64 n = sqlite3_column_int64(q, 3);
	if (!caspian_series_name_valid(name))
		return corrupt(st, name, "has an invalid name", err);
	if (freq < CASPIAN_FREQ_ANNUAL || freq > CASPIAN_FREQ_DAILY || n < 0)
		return corrupt(st, name, "has an unknown frequency or a negative length", err);
	if (copy_stamp(info->created, column_text(q, 4)) ||
	    copy_stamp(info->updated, column_text(q, 5)))
		return corrupt(st, name, "has an overlong time stamp", err);
	memcpy(info->name, name, strlen(name) + 1);
	info->freq = (enum caspian_freq)freq;
	info->start = (long)sqlite3_column_int64(q, 2);
	info->n = (size_t)n;
	return CASPIAN_OK;
}

/* How many series the store holds, from the B-tree's count (0 when unknown):
 * a hint for the room of a listing. */
static size_t series_count(struct caspian_store *st)
{
	sqlite3_stmt *q = NULL;
	sqlite3_int64 n = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM series", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n > 0 && n < (sqlite3_int64)(SIZE_MAX / sizeof(struct caspian_series_info)) ? (size_t)n
											     : 0;
}

/* The number of earlier versions kept for each series that has any, by id. */
struct vintage_counts {
	struct {
		sqlite3_int64 id; /* ascending */
		size_t count;
	} *at;
	size_t n, cap;
};

static int count_vintages(struct caspian_store *st, struct vintage_counts *vc,
			  struct caspian_error *err)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(st,
			 "SELECT series_id, count(*) FROM vintages GROUP BY series_id "
			 "ORDER BY series_id",
			 &q, err);
	int row;
	while (rc == CASPIAN_OK && (rc = step_row(st, q, "listing series", &row, err)) == CASPIAN_OK &&
	       row) {
		void *at = cx_grow(vc->at, &vc->cap, vc->n + 1, sizeof(*vc->at), 64);
		if (!at) {
			rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
			break;
		}
		vc->at = at;
		vc->at[vc->n].id = sqlite3_column_int64(q, 0);
		vc->at[vc->n++].count = (size_t)sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	return rc;
}

static size_t vintages_of(const struct vintage_counts *vc, sqlite3_int64 id)
{
	size_t lo = 0, hi = vc->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (vc->at[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < vc->n && vc->at[lo].id == id ? vc->at[lo].count : 0;
}

static int info_by_name(const void *a, const void *b)
{
	const struct caspian_series_info *x = a, *y = b;
	return strcmp(x->name, y->name);
}

/* Sorts the listing by name; a name twice is corruption, as for a load. */
static int sort_infos(struct caspian_store *st, struct caspian_series_info *info, size_t n,
		      struct caspian_error *err)
{
	qsort(info, n, sizeof(*info), info_by_name);
	for (size_t i = 1; i < n; i++)
		if (strcmp(info[i - 1].name, info[i].name) == 0)
			return out_of_order(st, info[i].name, err);
	return CASPIAN_OK;
}

/* *out is never NULL on success, even when count is 0. */
int caspian_store_list(struct caspian_store *st, const char *glob,
		       struct caspian_series_info **out, size_t *count,
		       struct caspian_error *err)
{
	if (!st || !out || !count)
		return caspian_error_set(err, CASPIAN_EINVAL, "caspian_store_list: NULL argument");
	sqlite3_stmt *q = NULL;
	void *arr = NULL;
	size_t cap = 0, k = 0;
	struct vintage_counts vc = {0};
	int sorted = 1;
	/* Table order and one pass over the vintages, as for a load (see
	 * caspian_store_load_shard): a seek per series through the name index
	 * and another into the vintages cost twice as much. */
	int all = glob_matches_all(glob);
	int rc = count_vintages(st, &vc, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     all ? "SELECT name, freq, start, n, created, updated, id FROM series"
				 : "SELECT name, freq, start, n, created, updated, id FROM series "
				   "WHERE name GLOB ?1",
			     &q, err);
	if (rc == CASPIAN_OK && !all &&
	    (rc = sqlite3_bind_text(q, 1, glob, -1, SQLITE_STATIC)) != SQLITE_OK)
		rc = sql_fail(st, rc, "listing series", err);
	/* a whole listing's room at once: an entry is some 400 bytes */
	if (rc == CASPIAN_OK &&
	    grow_array(&arr, &cap, all ? series_count(st) : 0, sizeof(struct caspian_series_info)))
		rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	int row;
	while (rc == CASPIAN_OK && (rc = step_row(st, q, "listing series", &row, err)) == CASPIAN_OK &&
	       row) {
		if (grow_array(&arr, &cap, k, sizeof(struct caspian_series_info)))
			rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		else {
			struct caspian_series_info *info = arr;
			rc = info_row(st, q, &info[k], err);
			if (rc == CASPIAN_OK) {
				info[k].vintages = vintages_of(&vc, sqlite3_column_int64(q, 6));
				if (k && strcmp(info[k - 1].name, info[k].name) >= 0)
					sorted = 0;
				k++;
			}
		}
	}
	sqlite3_finalize(q);
	free(vc.at);
	if (rc == CASPIAN_OK && !sorted)
		rc = sort_infos(st, arr, k, err);
	if (rc) {
		free(arr);
		return rc;
	}
	*out = arr;
	*count = k;
	return CASPIAN_OK;
}

static int vintage_row(struct caspian_store *st, sqlite3_stmt *q, const char *name,
		       struct caspian_vintage *v, struct caspian_error *err)
{
	sqlite3_int64 n = sqlite3_column_int64(q, 3);
	if (copy_stamp(v->valid_from, column_text(q, 0)) ||
	    copy_stamp(v->valid_to, column_text(q, 1)))
		return corrupt(st, name, "has an overlong time stamp", err);
	if (n < 0)
		return corrupt(st, name, "has a negative length", err);
	v->start = (long)sqlite3_column_int64(q, 2);
	v->n = (size_t)n;
	return CASPIAN_OK;
}

/*
 * One query yields the kept versions followed by the current one (valid_to
 * ''), which sorts last because its valid_from is the latest valid_to.
 */
static int vintages_snapshot(struct caspian_store *st, const char *name,
			     struct caspian_vintage **out, size_t *count,
			     struct caspian_error *err)
{
	sqlite3_stmt *q = NULL;
	void *arr = NULL;
	size_t cap = 0, k = 0;
	int rc = prepare(st,
			 "SELECT v.valid_from, v.valid_to, v.start, v.n, 0 AS cur, v.rowid AS r "
			 "FROM vintages v JOIN series s ON v.series_id = s.id WHERE s.name = ?1 "
			 "UNION ALL SELECT updated, '', start, n, 1, 0 FROM series WHERE name = ?1 "
			 "ORDER BY cur, 1, 2, r",
			 &q, err);
	if (rc == CASPIAN_OK) {
		int s = sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
		if (s != SQLITE_OK)
			rc = sql_fail(st, s, "reading vintages", err);
	}
	int row;
	while (rc == CASPIAN_OK && (rc = step_row(st, q, "reading vintages", &row, err)) == CASPIAN_OK &&
	       row) {
		if (grow_array(&arr, &cap, k, sizeof(struct caspian_vintage)))
			rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		else if ((rc = vintage_row(st, q, name, (struct caspian_vintage *)arr + k,
					   err)) == CASPIAN_OK)
			k++;
	}
	sqlite3_finalize(q);
	if (rc == CASPIAN_OK && k == 0)
		rc = not_found(st, name, err);
	if (rc) {
		free(arr);
		return rc;
	}
	*out = arr;
	*count = k;
	return CASPIAN_OK;
}

int caspian_store_vintages(struct caspian_store *st, const char *name,
			   struct caspian_vintage **out, size_t *count,
			   struct caspian_error *err)
{
	if (!st || !name || !out || !count)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "caspian_store_vintages: NULL argument");
	int rc = begin_read(st, err);
	if (rc)
		return rc;
	rc = vintages_snapshot(st, name, out, count, err);
	return finish(st, rc, err);
}

/* ---- removal ------------------------------------------------------------------ */

static int remove_one(struct caspian_store *st, sqlite3_stmt *find, sqlite3_stmt *drop_vintages,
		      sqlite3_stmt *drop_series, const char *name, struct caspian_error *err)
{
	int s = sqlite3_bind_text(find, 1, name, -1, SQLITE_STATIC);
	if (s == SQLITE_OK)
		s = sqlite3_step(find);
	if (s == SQLITE_DONE) {
		sqlite3_reset(find);
		return caspian_error_set(err, CASPIAN_ENOTFOUND,
					 "no series named '%s' in %s; nothing was removed", name,
					 st->path);
	}
	if (s != SQLITE_ROW) {
		int rc = sql_fail(st, s, "removing a series", err);
		sqlite3_reset(find);
		return rc;
	}
	sqlite3_int64 id = sqlite3_column_int64(find, 0);
	sqlite3_reset(find);
	if ((s = sqlite3_bind_int64(drop_vintages, 1, id)) != SQLITE_OK ||
	    (s = sqlite3_bind_int64(drop_series, 1, id)) != SQLITE_OK)
		return sql_fail(st, s, "removing a series", err);
	int rc = step_done(st, drop_vintages, "removing vintages", err);
	if (rc == CASPIAN_OK)
		rc = step_done(st, drop_series, "removing a series", err);
	return rc;
}

int caspian_store_remove_many(struct caspian_store *st, const char *const *names, size_t count,
			      struct caspian_error *err)
{
	if (!st || (count && !names))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "caspian_store_remove: NULL argument");
	for (size_t i = 0; i < count; i++)
		if (!names[i])
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "caspian_store_remove: NULL name");
	sqlite3_stmt *find = NULL, *dv = NULL, *ds = NULL;
	int rc = prepare(st, "SELECT id FROM series WHERE name = ?1", &find, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st, "DELETE FROM vintages WHERE series_id = ?1", &dv, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st, "DELETE FROM series WHERE id = ?1", &ds, err);
	if (rc == CASPIAN_OK)
		rc = begin_write(st, err);
	if (rc == CASPIAN_OK) {
		for (size_t i = 0; rc == CASPIAN_OK && i < count; i++)
			rc = remove_one(st, find, dv, ds, names[i], err);
		rc = finish_write(st, rc, err);
	}
	sqlite3_finalize(find);
	sqlite3_finalize(dv);
	sqlite3_finalize(ds);
	return rc;
}

int caspian_store_remove(struct caspian_store *st, const char *name, struct caspian_error *err)
{
	if (!name)
		return caspian_error_set(err, CASPIAN_EINVAL, "caspian_store_remove: NULL name");
	return caspian_store_remove_many(st, &name, 1, err);
}

/* ---- merge ------------------------------------------------------------------- */

/*
 * Each input is read through a connection of its own rather than ATTACHed to
 * the output's: SQLite attaches at most SQLITE_MAX_ATTACHED databases (10 in
 * common builds), and refuses to DETACH one that a transaction has read, so
 * with ATTACH a merge of more than ten shard stores could not be one
 * transaction.  Rows are copied value by value, BLOBs byte for byte.
 *
 * Column layouts shared by the statements below (read_shape needs the seven
 * shape columns freq..vals together):
 *   series (input):  id, name, created, updated, shape at 4
 *   series (output): id, created, updated, shape at 3
 *   vintages:        valid_from, valid_to, shape at 2
 */
enum { MERGE_SRC_SHAPE = 4, MERGE_DST_SHAPE = 3, MERGE_VINTAGE_SHAPE = 2 };

struct merger {
	struct caspian_store *out, *in;
	sqlite3_stmt *src_series, *src_vintages;               /* on in */
	sqlite3_stmt *find, *dst_vintages, *add_series, *add_vintage; /* on out */
	struct caspian_merge_report rep;
};

/* Binds the shape columns and unit, source, note of r (read from q at base) at idx.. */
static int bind_shape(sqlite3_stmt *dst, int idx, sqlite3_stmt *q, int base,
		      const struct row_shape *r)
{
	int rc = sqlite3_bind_int(dst, idx, (int)r->freq);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(dst, idx + 1, r->start);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(dst, idx + 2, (sqlite3_int64)r->n);
	for (int k = 3; rc == SQLITE_OK && k < 6; k++)
		rc = sqlite3_bind_text(dst, idx + k, column_text(q, base + k), -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = r->n ? sqlite3_bind_blob64(dst, idx + 6, r->blob,
						(sqlite3_uint64)r->n * sizeof(double), SQLITE_STATIC)
			  : sqlite3_bind_zeroblob(dst, idx + 6, 0);
	return rc;
}

/* The first difference between two rows' shape and metadata, or NULL. */
static const char *shape_difference(const struct row_shape *a, sqlite3_stmt *qa, int abase,
				    const struct row_shape *b, sqlite3_stmt *qb, int bbase)
{
	static const char *const meta[] = {"unit", "source", "note"};
	if (a->freq != b->freq)
		return "frequency";
	if (a->start != b->start || a->n != b->n)
		return "periods";
	if (a->n && memcmp(a->blob, b->blob, a->n * sizeof(double)) != 0)
		return "values";
	for (int k = 0; k < 3; k++)
		if (strcmp(column_text(qa, abase + 3 + k), column_text(qb, bbase + 3 + k)) != 0)
			return meta[k];
	return NULL;
}

static int stamps_ok(struct caspian_store *st, sqlite3_stmt *q, int col, const char *name,
		     struct caspian_error *err)
{
	if (!stamp_ok(column_text(q, col)) || !stamp_ok(column_text(q, col + 1)))
		return corrupt(st, name, "has a malformed time stamp", err);
	return CASPIAN_OK;
}

static int bind_id(struct caspian_store *st, sqlite3_stmt *q, sqlite3_int64 id,
		   struct caspian_error *err)
{
	sqlite3_reset(q);
	int s = sqlite3_bind_int64(q, 1, id);
	return s == SQLITE_OK ? CASPIAN_OK : sql_fail(st, s, "merging", err);
}

/* Copies the vintages of input series src_id to output series dst_id. */
static int copy_vintages(struct merger *m, sqlite3_int64 src_id, sqlite3_int64 dst_id,
			 const char *name, struct caspian_error *err)
{
	int rc = bind_id(m->in, m->src_vintages, src_id, err);
	int row = 1;
	while (rc == CASPIAN_OK &&
	       (rc = step_row(m->in, m->src_vintages, "reading vintages", &row, err)) ==
		       CASPIAN_OK &&
	       row) {
		struct row_shape r;
		rc = stamps_ok(m->in, m->src_vintages, 0, name, err);
		if (rc == CASPIAN_OK)
			rc = read_shape(m->in, m->src_vintages, MERGE_VINTAGE_SHAPE, name, &r, err);
		if (rc)
			break;
		sqlite3_stmt *a = m->add_vintage;
		int s = sqlite3_bind_int64(a, 1, dst_id);
		for (int k = 0; s == SQLITE_OK && k < 2; k++)
			s = sqlite3_bind_text(a, 2 + k, column_text(m->src_vintages, k), -1,
					      SQLITE_STATIC);
		if (s == SQLITE_OK)
			s = bind_shape(a, 4, m->src_vintages, MERGE_VINTAGE_SHAPE, &r);
		rc = s == SQLITE_OK ? step_done(m->out, a, "copying a vintage", err)
				    : sql_fail(m->out, s, "copying a vintage", err);
		sqlite3_clear_bindings(a);
		m->rep.vintages++;
	}
	sqlite3_reset(m->src_vintages);
	return rc;
}

/* *what: NULL when the vintages of the two series are the same, else "vintages". */
static int vintages_difference(struct merger *m, sqlite3_int64 src_id, sqlite3_int64 dst_id,
			       const char *name, const char **what, struct caspian_error *err)
{
	int rc = bind_id(m->in, m->src_vintages, src_id, err);
	if (rc == CASPIAN_OK)
		rc = bind_id(m->out, m->dst_vintages, dst_id, err);
	*what = NULL;
	while (rc == CASPIAN_OK && !*what) {
		int a, b;
		rc = step_row(m->in, m->src_vintages, "reading vintages", &a, err);
		if (rc == CASPIAN_OK)
			rc = step_row(m->out, m->dst_vintages, "reading vintages", &b, err);
		if (rc || (!a && !b))
			break;
		if (a != b) {
			*what = "vintages";
			break;
		}
		struct row_shape ra, rb;
		rc = stamps_ok(m->in, m->src_vintages, 0, name, err);
		if (rc == CASPIAN_OK)
			rc = read_shape(m->in, m->src_vintages, MERGE_VINTAGE_SHAPE, name, &ra, err);
		if (rc == CASPIAN_OK)
			rc = read_shape(m->out, m->dst_vintages, MERGE_VINTAGE_SHAPE, name, &rb, err);
		if (rc == CASPIAN_OK &&
		    (strcmp(column_text(m->src_vintages, 0), column_text(m->dst_vintages, 0)) ||
		     strcmp(column_text(m->src_vintages, 1), column_text(m->dst_vintages, 1)) ||
		     shape_difference(&ra, m->src_vintages, MERGE_VINTAGE_SHAPE, &rb,
				      m->dst_vintages, MERGE_VINTAGE_SHAPE)))
			*what = "vintages";
	}
	sqlite3_reset(m->src_vintages);
	sqlite3_reset(m->dst_vintages);
	return rc;
}

/* Merges the input series at the current row of m->src_series. */
static int merge_series(struct merger *m, struct caspian_error *err)
{
	sqlite3_stmt *q = m->src_series, *f = m->find;
	sqlite3_int64 src_id = sqlite3_column_int64(q, 0);
	const char *name = column_text(q, 1);
	struct row_shape r;
	int rc = CASPIAN_OK;
	if (!caspian_series_name_valid(name))
		rc = corrupt(m->in, name, "has an invalid name", err);
	if (rc == CASPIAN_OK)
		rc = stamps_ok(m->in, q, 2, name, err);
	if (rc == CASPIAN_OK)
		rc = read_shape(m->in, q, MERGE_SRC_SHAPE, name, &r, err);
	if (rc)
		return rc;

	sqlite3_reset(f);
	int found = 0, s = sqlite3_bind_text(f, 1, name, -1, SQLITE_STATIC);
	rc = s == SQLITE_OK ? step_row(m->out, f, "looking up a series", &found, err)
			    : sql_fail(m->out, s, "looking up a series", err);
	if (rc) {
		/* reported */
	} else if (!found) {
		sqlite3_stmt *a = m->add_series;
		s = sqlite3_bind_text(a, 1, name, -1, SQLITE_STATIC);
		for (int k = 0; s == SQLITE_OK && k < 2; k++)
			s = sqlite3_bind_text(a, 2 + k, column_text(q, 2 + k), -1, SQLITE_STATIC);
		if (s == SQLITE_OK)
			s = bind_shape(a, 4, q, MERGE_SRC_SHAPE, &r);
		rc = s == SQLITE_OK ? step_done(m->out, a, "copying a series", err)
				    : sql_fail(m->out, s, "copying a series", err);
		sqlite3_clear_bindings(a);
		if (rc == CASPIAN_OK)
			rc = copy_vintages(m, src_id, sqlite3_last_insert_rowid(m->out->db), name, err);
		m->rep.series_new++;
	} else {
		struct row_shape d;
		const char *what = NULL;
		rc = read_shape(m->out, f, MERGE_DST_SHAPE, name, &d, err);
		if (rc == CASPIAN_OK) {
			what = shape_difference(&r, q, MERGE_SRC_SHAPE, &d, f, MERGE_DST_SHAPE);
			if (!what && (strcmp(column_text(q, 2), column_text(f, 1)) ||
				      strcmp(column_text(q, 3), column_text(f, 2))))
				what = "time stamps of its first import or current version";
		}
		if (rc == CASPIAN_OK && !what)
			rc = vintages_difference(m, src_id, sqlite3_column_int64(f, 0), name, &what,
						 err);
		if (rc == CASPIAN_OK && what)
			rc = caspian_error_set(err, CASPIAN_ECONFLICT,
					       "series %s in %s differs from the series of that "
					       "name already in %s (%s); nothing was merged",
					       name, m->in->path, m->out->path, what);
		m->rep.series_identical++;
	}
	sqlite3_reset(f);
	return rc;
}

static int merge_input(struct merger *m, const char *path, struct caspian_error *err)
{
	int rc = caspian_store_open(path, CASPIAN_STORE_READ, m->out->busy_ms, &m->in, err);
	if (rc)
		return rc;
	rc = prepare(m->in,
		     "SELECT id, name, created, updated, freq, start, n, unit, source, note, vals "
		     "FROM series ORDER BY name",
		     &m->src_series, err);
	if (rc == CASPIAN_OK)
		rc = prepare(m->in,
			     "SELECT valid_from, valid_to, freq, start, n, unit, source, note, vals "
			     "FROM vintages WHERE series_id = ?1 ORDER BY valid_from, valid_to",
			     &m->src_vintages, err);
	if (rc == CASPIAN_OK)
		rc = begin_read(m->in, err);
	if (rc == CASPIAN_OK) {
		int row = 1;
		while (rc == CASPIAN_OK &&
		       (rc = step_row(m->in, m->src_series, "reading series", &row, err)) ==
			       CASPIAN_OK &&
		       row)
			rc = merge_series(m, err);
		sqlite3_reset(m->src_series);
		rc = finish(m->in, rc, err);
	}
	sqlite3_finalize(m->src_series);
	sqlite3_finalize(m->src_vintages);
	m->src_series = m->src_vintages = NULL;
	caspian_store_close(m->in);
	m->in = NULL;
	m->rep.inputs++;
	return rc;
}

int caspian_store_merge(struct caspian_store *st, const char *const *paths, size_t count,
			struct caspian_merge_report *report, struct caspian_error *err)
{
	if (!st || (count && !paths))
		return caspian_error_set(err, CASPIAN_EINVAL, "caspian_store_merge: NULL argument");
	for (size_t i = 0; i < count; i++)
		if (!paths[i] || !*paths[i])
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "caspian_store_merge: empty input path");
	struct merger m = {.out = st};
	int rc = prepare(st,
			 "SELECT id, created, updated, freq, start, n, unit, source, note, vals "
			 "FROM series WHERE name = ?1",
			 &m.find, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     "SELECT valid_from, valid_to, freq, start, n, unit, source, note, vals "
			     "FROM vintages WHERE series_id = ?1 ORDER BY valid_from, valid_to",
			     &m.dst_vintages, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     "INSERT INTO series (name, created, updated, freq, start, n, unit, "
			     "source, note, vals) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			     &m.add_series, err);
	if (rc == CASPIAN_OK)
		rc = prepare(st,
			     "INSERT INTO vintages (series_id, valid_from, valid_to, freq, start, n, "
			     "unit, source, note, vals) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			     &m.add_vintage, err);
	if (rc == CASPIAN_OK)
		rc = begin_write(st, err);
	if (rc == CASPIAN_OK) {
		for (size_t i = 0; rc == CASPIAN_OK && i < count; i++)
			rc = merge_input(&m, paths[i], err);
		sqlite3_reset(m.find);
		sqlite3_reset(m.dst_vintages);
		rc = finish_write(st, rc, err);
	}
	sqlite3_finalize(m.find);
	sqlite3_finalize(m.dst_vintages);
	sqlite3_finalize(m.add_series);
	sqlite3_finalize(m.add_vintage);
	if (rc == CASPIAN_OK && report)
		*report = m.rep;
	return rc;
}
