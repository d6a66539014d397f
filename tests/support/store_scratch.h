/*
 * store_scratch.h - what the store tests share: a scratch directory per
 * test, and SQLite opened directly to craft files and read them back past
 * the API.  Include after <cmocka.h> and <sqlite3.h>.
 */
#ifndef CASPIAN_STORE_SCRATCH_H
#define CASPIAN_STORE_SCRATCH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A fresh directory $TMPDIR/prefix-XXXXXX (/tmp without TMPDIR) in dir; 0 or -1. */
static inline int scratch_dir_make(char *dir, size_t size, const char *prefix)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, size, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", prefix);
	return mkdtemp(dir) ? 0 : -1;
}

/* Every file in dir (stores, their -wal and -shm files), then dir itself. */
static inline void scratch_dir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[600];
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	rmdir(dir);
}

static inline sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	return db;
}

static inline void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = raw_open(path);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* The first column of the first row of sql as text, copied into buf. */
static inline const char *raw_text(const char *path, const char *sql, char *buf, size_t n)
{
	sqlite3 *db = raw_open(path);
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(q, 0);
	snprintf(buf, n, "%s", t ? (const char *)t : "");
	sqlite3_finalize(q);
	sqlite3_close(db);
	return buf;
}

/* The first column of the first row of sql as an integer. */
static inline long raw_int(const char *path, const char *sql)
{
	sqlite3 *db = raw_open(path);
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	long v = (long)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

#endif
