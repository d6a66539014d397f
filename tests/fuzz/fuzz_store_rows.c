/*
 * fuzz_store_rows - the store on files whose rows, not bytes, are damaged.
 *
 * A valid store with three series and a vintage is built once.  Each input
 * is a little program of edits made through SQLite itself (set a column of
 * a series, vintage or block row to an odd value, duplicate or delete rows,
 * change the schema version or application id, drop a table or trigger),
 * so every page stays valid and only caspian's own checks stand between the
 * edits and the results.  Then store_exercise() (store_check.c) drives the whole API.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "caspian/store.h"
#include "store_check.h"
#include "support.h"

static char template_path[512], work_path[512];

static void import_or_die(struct caspian_store *st, struct caspian_panel *p, const char *ts,
			  int replace)
{
	struct caspian_import_opts o = {.replace = replace, .timestamp = ts};
	struct caspian_error err;
	caspian_error_init(&err);
	FUZZ_CHECK(caspian_store_import(st, p, &o, NULL, &err) == 0, "template import: %s",
		   err.msg);
}

static void add(struct caspian_panel *p, const char *name, enum caspian_freq f, long start,
		size_t n, double first)
{
	size_t k;
	FUZZ_CHECK(caspian_panel_add_empty(p, name, f, start, n, &k, NULL) == 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		p->series[k].values[i] = i % 3 == 1 ? NAN : first * (double)(i + 1);
	FUZZ_CHECK(caspian_series_set_meta(&p->series[k], "USD million", "a source", "a note",
					   NULL) == 0,
		   "out of memory");
}

static void make_template(void)
{
	snprintf(template_path, sizeof(template_path), "%s/template.db", store_scratch_dir());
	snprintf(work_path, sizeof(work_path), "%s/store.db", store_scratch_dir());
	store_unlink(template_path);
	struct caspian_store *st = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	FUZZ_CHECK(caspian_store_open(template_path, CASPIAN_STORE_WRITE, 0, &st, &err) == 0,
		   "template: %s", err.msg);
	struct caspian_panel *p = caspian_panel_alloc();
	add(p, "trade.uz_az", CASPIAN_FREQ_ANNUAL, 2017, 9, 32.4);
	add(p, "cargo.transit", CASPIAN_FREQ_MONTHLY, 2017 * 12, 30, 2.1);
	add(p, "flights:week/x@y+z", CASPIAN_FREQ_WEEKLY, 2900, 5, 14);
	import_or_die(st, p, "2026-01-01T00:00:00.000000Z", 0);
	p->series[2].values[0] = 15; /* series are sorted: the trade series */
	import_or_die(st, p, "2026-02-01T00:00:00.000000Z", 1);
	caspian_panel_free(p);
	caspian_store_close(st);
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	FUZZ_CHECK(in && out, "cannot copy %s", from);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		FUZZ_CHECK(fwrite(buf, 1, n, out) == n, "cannot write %s", to);
	fclose(in);
	FUZZ_CHECK(fclose(out) == 0, "cannot write %s", to);
}

static const char *const series_cols[] = {"id", "name", "freq", "start", "n", "unit",
					  "source", "note", "created", "updated", "vals"};
static const char *const vintage_cols[] = {"series_id", "valid_from", "valid_to", "freq",
					   "start", "n", "unit", "source", "note", "vals"};

/* Binds an odd value, chosen by the input, to parameter 1 of q. */
static void bind_value(sqlite3_stmt *q, struct fuzz_bytes *b)
{
	static const int64_t special[] = {0, -1, 1, 5, 6, 7, 9, 2017, 1000000000000000LL,
					  1000000000000001LL, -1000000000000001LL,
					  INT64_MAX, INT64_MIN, 0x7fffffff, 2305843009213693952LL};
	static const char *const stamps[] = {"", "2026", "2026-01-31T12:00:00.000000Z",
					     "9999-12-31T23:59:59.999999Z",
					     "2026-01-31T12:00:00.000000Z-and-a-long-tail-beyond-40"};
	uint8_t kind = fuzz_take_u8(b) % 8;
	size_t len;
	unsigned char buf[256];
	switch (kind) {
	case 0:
		sqlite3_bind_null(q, 1);
		break;
	case 1:
		sqlite3_bind_int64(q, 1, special[fuzz_take_u8(b) % (sizeof(special) / sizeof(special[0]))]);
		break;
	case 2:
		sqlite3_bind_int64(q, 1, (int64_t)fuzz_take_u64(b));
		break;
	case 3: {
		uint64_t u = fuzz_take_u64(b);
		double d;
		memcpy(&d, &u, sizeof(d));
		sqlite3_bind_double(q, 1, d);
		break;
	}
	case 4:
	case 5:
		len = fuzz_take_u8(b) % 64;
		for (size_t i = 0; i < len; i++)
			buf[i] = fuzz_take_u8(b);
		if (kind == 4)
			sqlite3_bind_text(q, 1, (const char *)buf, (int)len, SQLITE_TRANSIENT);
		else
			sqlite3_bind_blob(q, 1, buf, (int)len, SQLITE_TRANSIENT);
		break;
	case 6:
		sqlite3_bind_zeroblob(q, 1, 8 * (fuzz_take_u8(b) % 64));
		break;
	default:
		sqlite3_bind_text(q, 1, stamps[fuzz_take_u8(b) % (sizeof(stamps) / sizeof(stamps[0]))],
				  -1, SQLITE_STATIC);
		break;
	}
}

static void run_bound(sqlite3 *db, const char *sql, struct fuzz_bytes *b)
{
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(q) > 0)
			bind_value(q, b);
		sqlite3_step(q); /* constraint failures are fine: the edit just does not happen */
	}
	sqlite3_finalize(q);
}

static void edit(sqlite3 *db, struct fuzz_bytes *b)
{
	char sql[256];
	static const char *const block_cols[] = {"block", "meta", "vals"};
	uint8_t op = fuzz_take_u8(b) % 12, row = fuzz_take_u8(b) % 5;
	switch (op) {
	case 0:
	case 1:
	case 2:
		snprintf(sql, sizeof(sql), "UPDATE series SET %s = ?1 WHERE rowid = %d",
			 series_cols[fuzz_take_u8(b) % 11], row);
		break;
	case 3:
	case 4:
		snprintf(sql, sizeof(sql), "UPDATE vintages SET %s = ?1 WHERE rowid = %d",
			 vintage_cols[fuzz_take_u8(b) % 10], row);
		break;
	case 5:
		snprintf(sql, sizeof(sql),
			 "INSERT INTO vintages SELECT series_id, ?1, valid_to, freq, start, n, unit, "
			 "source, note, vals FROM vintages WHERE rowid = %d",
			 row);
		break;
	case 6:
		snprintf(sql, sizeof(sql), "DELETE FROM series WHERE rowid = %d", row);
		break;
	case 7:
		snprintf(sql, sizeof(sql), "%s",
			 fuzz_take_u8(b) & 1 ? "DROP INDEX vintages_by_series"
					     : "UPDATE vintages SET series_id = series_id + 1");
		break;
	case 8:
		snprintf(sql, sizeof(sql), "PRAGMA %s = %d",
			 fuzz_take_u8(b) & 1 ? "user_version" : "application_id",
			 (int)(int8_t)fuzz_take_u8(b) + (fuzz_take_u8(b) & 1 ? 0x4353504E : 0));
		break;
	case 9:
		snprintf(sql, sizeof(sql), "%s",
			 fuzz_take_u8(b) & 1 ? "DROP TABLE vintages" : "ALTER TABLE series DROP COLUMN note");
		break;
	case 10: /* the template's series all sit in block 0, rowid 0 of blocks */
		snprintf(sql, sizeof(sql), "UPDATE blocks SET %s = ?1 WHERE rowid = %d",
			 block_cols[fuzz_take_u8(b) % 3], row % 2);
		break;
	default: {
		static const char *const block_edits[] = {
			"DELETE FROM blocks", "DELETE FROM stale_blocks",
			"INSERT INTO stale_blocks VALUES (?1)", "DROP TABLE blocks",
			"DROP TRIGGER series_changed"};
		snprintf(sql, sizeof(sql), "%s", block_edits[fuzz_take_u8(b) % 5]);
		break;
	}
	}
	run_bound(db, sql, b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!template_path[0])
		make_template();
	store_unlink(work_path);
	copy_file(template_path, work_path);
	sqlite3 *db = NULL;
	FUZZ_CHECK(sqlite3_open(work_path, &db) == SQLITE_OK, "cannot open the copy");
	struct fuzz_bytes b = {data, size};
	for (int i = 0; i < 8 && b.n > 0; i++)
		edit(db, &b);
	sqlite3_close(db);
	store_exercise(work_path);
	store_unlink(work_path);
	return 0;
}
