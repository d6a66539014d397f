#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "caspian/error.h"
#include "caspian/period.h"
#include "caspian/series.h"
#include "caspian/store.h"

#include "assert_close.h"
#include "store_scratch.h"

/* Time stamps used throughout, in increasing order. */
#define T0 "2026-01-01T00:00:00.000000Z"
#define T1 "2026-01-31T12:00:00.000000Z"
#define T1B "2026-02-15T08:30:00.250000Z"
#define T2 "2026-03-01T09:00:00.000001Z"
#define T3 "2026-04-01T00:00:00.000000Z"

/* The application_id a caspian store carries: "CSPN" as a big-endian int. */
enum { CASPIAN_APP_ID = 0x4353504E };

struct fixture {
	char dir[256];
	char path[300];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f || scratch_dir_make(f->dir, sizeof(f->dir), "caspian-store")) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/store.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	scratch_dir_remove(f->dir);
	free(f);
	return 0;
}

static uint64_t bits_of(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof(u));
	return u;
}

static double from_bits(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof(x));
	return x;
}

static void assert_same_bits(const double *a, const double *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (bits_of(a[i]) != bits_of(b[i]))
			fail_msg("value %zu: bits %016llx, expected %016llx", i,
				 (unsigned long long)bits_of(a[i]), (unsigned long long)bits_of(b[i]));
}

/* ---- building panels ---- */

static long year(int y)
{
	return y;
}

static long month(int y, int m)
{
	return (long)y * 12 + (m - 1); /* period.h: year * 12 + (month - 1) */
}

/* Appends a series; NAN in vals marks a missing value. */
static void add(struct caspian_panel *p, const char *name, enum caspian_freq f, long start,
		const double *vals, size_t n, const char *unit)
{
	size_t k;
	assert_int_equal(caspian_panel_add_empty(p, name, f, start, n, &k, NULL), CASPIAN_OK);
	for (size_t i = 0; i < n; i++)
		p->series[k].values[i] = vals[i];
	if (unit)
		assert_int_equal(caspian_series_set_meta(&p->series[k], unit, "test source",
							 "test note", NULL),
				 CASPIAN_OK);
}

static struct caspian_panel *one(const char *name, enum caspian_freq f, long start,
				 const double *vals, size_t n)
{
	struct caspian_panel *p = caspian_panel_alloc();
	assert_non_null(p);
	add(p, name, f, start, vals, n, NULL);
	return p;
}

static struct caspian_store *open_write(const struct fixture *f)
{
	struct caspian_store *st = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	int rc = caspian_store_open(f->path, CASPIAN_STORE_WRITE, 0, &st, &err);
	if (rc)
		fail_msg("open: %d %s", rc, err.msg);
	return st;
}

static int import(struct caspian_store *st, const struct caspian_panel *p, const char *ts,
		  int replace, struct caspian_import_report *rep, struct caspian_error *err)
{
	struct caspian_import_opts o = {.replace = replace, .timestamp = ts};
	caspian_error_init(err);
	return caspian_store_import(st, p, &o, rep, err);
}

static void import_ok(struct caspian_store *st, const struct caspian_panel *p, const char *ts,
		      int replace, struct caspian_import_report *rep)
{
	struct caspian_error err;
	int rc = import(st, p, ts, replace, rep, &err);
	if (rc)
		fail_msg("import: %d %s", rc, err.msg);
}

static struct caspian_series *get(struct caspian_store *st, const char *name)
{
	struct caspian_series *s = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	int rc = caspian_store_get(st, name, &s, &err);
	if (rc)
		fail_msg("get %s: %d %s", name, rc, err.msg);
	return s;
}

/* ---- raw SQLite access for crafting files and checking contents ---- */

static int append_row(void *ctx, int ncol, char **vals, char **names)
{
	(void)names;
	char **text = ctx;
	for (int i = 0; i < ncol; i++) {
		const char *v = vals[i] ? vals[i] : "<null>";
		size_t old = *text ? strlen(*text) : 0, add_len = strlen(v) + 1;
		char *t = realloc(*text, old + add_len + 1);
		if (!t)
			return 1;
		memcpy(t + old, v, add_len - 1);
		t[old + add_len - 1] = i + 1 < ncol ? '|' : '\n';
		t[old + add_len] = '\0';
		*text = t;
	}
	return 0;
}

/* Every stored row of both tables, values in hex, as one text to compare. */
static char *dump(const char *path)
{
	sqlite3 *db = raw_open(path);
	char *text = NULL;
	assert_int_equal(sqlite3_exec(db,
				      "SELECT 'S', id, name, freq, start, n, unit, source, note, "
				      "created, updated, hex(vals) FROM series ORDER BY id; "
				      "SELECT 'V', rowid, series_id, valid_from, valid_to, freq, start, "
				      "n, unit, source, note, hex(vals) FROM vintages ORDER BY rowid",
				      append_row, &text, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	return text ? text : calloc(1, 1);
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* ---- open ---- */

static void test_store_read_mode_missing_file(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err),
			 CASPIAN_ENOTFOUND);
	assert_null(st);
	assert_non_null(strstr(err.msg, "no store at"));
	assert_non_null(strstr(err.msg, f->path));
	assert_int_equal(access(f->path, F_OK), -1); /* reading created nothing */
}

static void test_store_create_and_reopen(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	assert_non_null(st);
	caspian_store_close(st);

	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), CASPIAN_STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(f->path, "PRAGMA application_id"), CASPIAN_APP_ID);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master "
					  "WHERE name IN ('series', 'vintages')"),
			 2);
	char mode[32];
	assert_string_equal(raw_text(f->path, "PRAGMA journal_mode", mode, sizeof(mode)), "wal");

	/* Reopening for writing leaves a store as it is; reading finds it empty. */
	st = open_write(f);
	caspian_store_close(st);
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);
	struct caspian_panel *p = NULL;
	assert_int_equal(caspian_store_load(st, "*", &p, &err), CASPIAN_OK);
	assert_int_equal(p->count, 0);
	caspian_panel_free(p);
	struct caspian_series_info *info = NULL;
	size_t n = 99;
	assert_int_equal(caspian_store_list(st, "*", &info, &n, &err), CASPIAN_OK);
	assert_int_equal(n, 0);
	free(info);
	caspian_store_close(st);
	caspian_store_close(NULL);
}

static void test_store_empty_file_becomes_store(void **state)
{
	struct fixture *f = *state;
	write_file(f->path, "", 0);
	struct caspian_store *st = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	/* An empty file is an empty database: nothing to read yet ... */
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err),
			 CASPIAN_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no store at"));
	/* ... and a store is made in it for writing. */
	st = open_write(f);
	caspian_store_close(st);
	assert_int_equal(raw_int(f->path, "PRAGMA application_id"), CASPIAN_APP_ID);
}

static void test_store_refuses_newer_schema(void **state)
{
	struct fixture *f = *state;
	caspian_store_close(open_write(f));
	raw_exec(f->path, "PRAGMA user_version = 99");
	for (int mode = CASPIAN_STORE_READ; mode <= CASPIAN_STORE_WRITE; mode++) {
		struct caspian_store *st = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_store_open(f->path, (enum caspian_store_mode)mode, 0, &st,
						    &err),
				 CASPIAN_ESTORE);
		assert_null(st);
		assert_non_null(strstr(err.msg, f->path));
		assert_non_null(strstr(err.msg, "schema version 99"));
		char current[16];
		snprintf(current, sizeof(current), "(%d)", CASPIAN_STORE_SCHEMA_VERSION);
		assert_non_null(strstr(err.msg, current));
		assert_non_null(strstr(err.msg, "newer"));
	}
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 99);
}


static void test_store_refuses_foreign_sqlite(void **state)
{
	struct fixture *f = *state;
	raw_exec(f->path, "CREATE TABLE accounts (id INTEGER, owner TEXT); "
			  "INSERT INTO accounts VALUES (1, 'x'); PRAGMA user_version = 3");
	for (int mode = CASPIAN_STORE_READ; mode <= CASPIAN_STORE_WRITE; mode++) {
		struct caspian_store *st = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_store_open(f->path, (enum caspian_store_mode)mode, 0, &st,
						    &err),
				 CASPIAN_ESTORE);
		assert_null(st);
		assert_non_null(strstr(err.msg, f->path));
		assert_non_null(strstr(err.msg, "not a caspian store"));
		assert_non_null(strstr(err.msg, "user_version 3"));
	}
	/* Untouched: no tables added, journal mode not switched. */
	char mode[32];
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM accounts"), 1);
	assert_string_equal(raw_text(f->path, "PRAGMA journal_mode", mode, sizeof(mode)), "delete");
}

static void test_store_refuses_garbage_file(void **state)
{
	struct fixture *f = *state;
	char text[2000];
	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = "series,period,value\ntrade.a,2017,32.4\n"[i % 38];
	write_file(f->path, text, sizeof(text));
	for (int mode = CASPIAN_STORE_READ; mode <= CASPIAN_STORE_WRITE; mode++) {
		struct caspian_store *st = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_store_open(f->path, (enum caspian_store_mode)mode, 0, &st,
						    &err),
				 CASPIAN_ESTORE);
		assert_null(st);
		assert_non_null(strstr(err.msg, f->path));
		assert_non_null(strstr(err.msg, "not a caspian store"));
	}
	char back[sizeof(text) + 1];
	FILE *fp = fopen(f->path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(back, 1, sizeof(back), fp), sizeof(text));
	fclose(fp);
	assert_memory_equal(back, text, sizeof(text));
}

static void test_store_open_rejects_bad_arguments(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_WRITE, -1, &st, &err),
			 CASPIAN_EINVAL);
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open("", CASPIAN_STORE_WRITE, 0, &st, &err), CASPIAN_EINVAL);
	assert_null(st);
}

/* ---- import ---- */

static void test_store_import_new_and_get(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double trade[] = {32.4, NAN, 51.7, 307.8};
	const double flights[] = {14, 14, 2.385};
	struct caspian_panel *p = caspian_panel_alloc();
	add(p, "trade.uz_az", CASPIAN_FREQ_ANNUAL, year(2017), trade, 4, "USD million");
	add(p, "flights.uz_az", CASPIAN_FREQ_MONTHLY, month(2025, 11), flights, 3, "flights/week");
	struct caspian_import_report rep;
	import_ok(st, p, T1, 0, &rep);
	assert_int_equal(rep.series_new, 2);
	assert_int_equal(rep.series_extended, 0);
	assert_int_equal(rep.series_replaced, 0);
	assert_int_equal(rep.series_unchanged, 0);
	assert_int_equal(rep.values, 6); /* 3 + 3 non-missing values */

	struct caspian_series *s = get(st, "trade.uz_az");
	assert_int_equal(s->freq, CASPIAN_FREQ_ANNUAL);
	assert_int_equal(s->start, 2017);
	assert_int_equal(s->n, 4);
	assert_same_bits(s->values, trade, 4);
	assert_string_equal(s->unit, "USD million");
	assert_string_equal(s->source, "test source");
	assert_string_equal(s->note, "test note");
	caspian_series_free(s);
	s = get(st, "flights.uz_az");
	assert_int_equal(s->freq, CASPIAN_FREQ_MONTHLY);
	assert_int_equal(s->start, month(2025, 11));
	assert_same_bits(s->values, flights, 3);
	caspian_series_free(s);

	struct caspian_series_info *info = NULL;
	size_t n = 0;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_list(st, "*", &info, &n, &err), CASPIAN_OK);
	assert_int_equal(n, 2);
	assert_string_equal(info[0].name, "flights.uz_az");
	assert_string_equal(info[1].name, "trade.uz_az");
	assert_int_equal(info[1].freq, CASPIAN_FREQ_ANNUAL);
	assert_int_equal(info[1].start, 2017);
	assert_int_equal(info[1].n, 4);
	assert_string_equal(info[1].created, T1);
	assert_string_equal(info[1].updated, T1);
	assert_int_equal(info[1].vintages, 0);
	free(info);

	caspian_error_init(&err);
	s = NULL;
	assert_int_equal(caspian_store_get(st, "trade.missing", &s, &err), CASPIAN_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(err.msg, "trade.missing"));
	caspian_panel_free(p);
	caspian_store_close(st);

	/* Still there after reopening for reading. */
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);
	s = get(st, "trade.uz_az");
	assert_same_bits(s->values, trade, 4);
	caspian_series_free(s);
	caspian_store_close(st);
}

/*
 * Loading sizes the panel from the first matching series: series of other
 * lengths (longer, shorter, empty) must still arrive intact, and a row whose
 * n claims more values than the file holds is corruption, not a huge
 * allocation.
 */
static void test_store_load_ragged_lengths(void **state)
{
	struct fixture *f = *state;
	struct caspian_panel *p = caspian_panel_alloc();
	static double big[5000];
	for (size_t i = 0; i < 5000; i++)
		big[i] = (double)i * 0.25 - 7; /* exact in binary */
	add(p, "a.short", CASPIAN_FREQ_MONTHLY, month(2020, 1), big, 1, NULL);
	add(p, "b.long", CASPIAN_FREQ_MONTHLY, month(1600, 1), big, 5000, NULL);
	add(p, "c.empty", CASPIAN_FREQ_ANNUAL, year(2001), big, 0, NULL);
	add(p, "d.mid", CASPIAN_FREQ_QUARTERLY, 8000, big + 3, 40, NULL);
	struct caspian_store *st = open_write(f);
	import_ok(st, p, T0, 0, NULL);
	caspian_store_close(st);
	caspian_panel_free(p);

	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);
	assert_int_equal(caspian_store_load(st, "*", &p, &err), CASPIAN_OK);
	assert_int_equal(p->count, 4);
	assert_int_equal(p->nvalues, 1 + 5000 + 0 + 40);
	static const size_t want_n[] = {1, 5000, 0, 40};
	static const size_t want_off[] = {0, 0, 0, 3};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(p->series[i].n, want_n[i]);
		assert_same_bits(p->series[i].values, big + want_off[i], want_n[i]);
	}
	assert_string_equal(p->series[3].name, "d.mid");
	caspian_panel_free(p);
	caspian_store_close(st);

	/* n says 10^12 values; the BLOB holds one */
	raw_exec(f->path, "UPDATE series SET n = 1000000000000 WHERE name = 'a.short'");
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);
	p = NULL;
	assert_int_equal(caspian_store_load(st, "*", &p, &err), CASPIAN_ESTORE);
	assert_null(p);
	assert_non_null(strstr(err.msg, "wrong size"));
	caspian_store_close(st);
}

static void test_panel_reserve_keeps_values(void **state)
{
	(void)state;
	struct caspian_panel *p = caspian_panel_alloc();
	double v[3] = {1, 2, 3};
	add(p, "x", CASPIAN_FREQ_ANNUAL, 2000, v, 3, NULL);
	assert_int_equal(caspian_panel_reserve(p, 10, 1000, NULL), CASPIAN_OK);
	assert_true(p->cap_series >= 11);
	assert_true(p->cap_values >= 1003);
	const double *before = p->buffer;
	add(p, "y", CASPIAN_FREQ_ANNUAL, 2000, v, 2, NULL);
	assert_ptr_equal(p->buffer, before); /* no new buffer: the room was there */
	assert_same_bits(p->series[0].values, v, 3);
	assert_same_bits(p->series[1].values, v, 2);
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_panel_reserve(p, 1, SIZE_MAX, &err), CASPIAN_ENOMEM);
	assert_int_equal(p->count, 2);
	assert_same_bits(p->series[0].values, v, 3);
	caspian_panel_free(p);
}

static void test_store_import_extends_and_fills(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double first[] = {1.5, NAN, 2.25, 3.0};            /* 2017..2020 */
	const double second[] = {1.25, 1.5, 1.75, 2.25, NAN, 3.5}; /* 2016..2021 */
	const double merged[] = {1.25, 1.5, 1.75, 2.25, 3.0, 3.5}; /* 2016..2021 */
	struct caspian_panel *p1 = one("trade.a", CASPIAN_FREQ_ANNUAL, 2017, first, 4);
	struct caspian_panel *p2 = one("trade.a", CASPIAN_FREQ_ANNUAL, 2016, second, 6);
	struct caspian_import_report rep;
	import_ok(st, p1, T1, 0, &rep);
	/* 2016 and 2021 are new periods, 2018 fills a missing value, 2017 and 2019
	 * repeat what is stored, and the missing 2020 erases nothing. */
	import_ok(st, p2, T2, 0, &rep);
	assert_int_equal(rep.series_new, 0);
	assert_int_equal(rep.series_extended, 1);
	assert_int_equal(rep.series_replaced, 0);
	assert_int_equal(rep.series_unchanged, 0);
	assert_int_equal(rep.values, 5);
	struct caspian_series *s = get(st, "trade.a");
	assert_int_equal(s->start, 2016);
	assert_int_equal(s->n, 6);
	assert_same_bits(s->values, merged, 6);
	caspian_series_free(s);

	/* Extending keeps the version: no vintage, updated stays at the first import. */
	struct caspian_vintage *v = NULL;
	size_t n = 0;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_vintages(st, "trade.a", &v, &n, &err), CASPIAN_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].valid_from, T1);
	assert_string_equal(v[0].valid_to, "");
	assert_int_equal(v[0].start, 2016);
	assert_int_equal(v[0].n, 6);
	free(v);

	/* The same data again changes nothing, not even the bytes on disk. */
	char *before = dump(f->path);
	import_ok(st, p2, T3, 0, &rep);
	assert_int_equal(rep.series_unchanged, 1);
	assert_int_equal(rep.series_extended + rep.series_new + rep.series_replaced, 0);
	import_ok(st, p1, T3, 0, &rep);
	assert_int_equal(rep.series_unchanged, 1);
	char *after = dump(f->path);
	assert_string_equal(after, before);
	free(before);
	free(after);
	caspian_panel_free(p1);
	caspian_panel_free(p2);
	caspian_store_close(st);
}

static void test_store_import_metadata(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double x[] = {10, 20};
	struct caspian_panel *p = caspian_panel_alloc();
	add(p, "cargo.transit", CASPIAN_FREQ_ANNUAL, 2023, x, 2, "tonnes");
	struct caspian_import_report rep;
	import_ok(st, p, T1, 0, &rep);
	/* Empty incoming metadata keeps the stored text. */
	struct caspian_panel *bare = one("cargo.transit", CASPIAN_FREQ_ANNUAL, 2023, x, 2);
	import_ok(st, bare, T2, 0, &rep);
	assert_int_equal(rep.series_unchanged, 1);
	struct caspian_series *s = get(st, "cargo.transit");
	assert_string_equal(s->unit, "tonnes");
	assert_string_equal(s->note, "test note");
	caspian_series_free(s);
	/* Non-empty incoming metadata replaces it. */
	assert_int_equal(caspian_series_set_meta(&bare->series[0], "thousand tonnes", NULL, NULL,
						 NULL),
			 CASPIAN_OK);
	import_ok(st, bare, T2, 0, &rep);
	assert_int_equal(rep.series_unchanged, 0);
	assert_int_equal(rep.series_extended, 1);
	s = get(st, "cargo.transit");
	assert_string_equal(s->unit, "thousand tonnes");
	assert_string_equal(s->source, "test source");
	caspian_series_free(s);
	caspian_panel_free(p);
	caspian_panel_free(bare);
	caspian_store_close(st);
}

static void test_store_import_conflict_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double stored[] = {32.4, 40.1, 51.7, 60.2}; /* 2017..2020 */
	const double changed[] = {51.8, 60.2, 70.5};      /* 2019..2021 */
	const double other[] = {1, 2};
	struct caspian_panel *p = one("trade.a", CASPIAN_FREQ_ANNUAL, 2017, stored, 4);
	import_ok(st, p, T1, 0, NULL);
	char *before = dump(f->path);

	struct caspian_panel *q = caspian_panel_alloc();
	add(q, "a.first", CASPIAN_FREQ_ANNUAL, 2017, other, 2, NULL); /* lands before the conflict */
	add(q, "trade.a", CASPIAN_FREQ_ANNUAL, 2019, changed, 3, NULL);
	add(q, "z.last", CASPIAN_FREQ_ANNUAL, 2017, other, 2, NULL);
	struct caspian_import_report rep = {7, 7, 7, 7, 7};
	struct caspian_error err;
	assert_int_equal(import(st, q, T2, 0, &rep, &err), CASPIAN_ECONFLICT);
	assert_int_equal(err.code, CASPIAN_ECONFLICT);
	assert_non_null(strstr(err.msg, "trade.a"));
	assert_non_null(strstr(err.msg, "2019"));
	/* both values in their shortest exact form (Python: repr(51.7), repr(51.8)) */
	assert_non_null(strstr(err.msg, "stored value 51.7 differs from imported value 51.8"));
	assert_int_equal(rep.series_new, 7); /* report untouched */
	char *after = dump(f->path);
	assert_string_equal(after, before);
	free(after);

	/* A store that was read before is read the same after. */
	struct caspian_series *s = get(st, "trade.a");
	assert_same_bits(s->values, stored, 4);
	caspian_series_free(s);
	caspian_error_init(&err);
	assert_int_equal(caspian_store_get(st, "a.first", &s, &err), CASPIAN_ENOTFOUND);
	free(before);
	caspian_panel_free(p);
	caspian_panel_free(q);
	caspian_store_close(st);
}

static void test_store_import_signed_zero_is_a_change(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double zero[] = {0.0}, negzero[] = {-0.0};
	struct caspian_panel *p = one("balance.x", CASPIAN_FREQ_QUARTERLY, 2020 * 4, zero, 1);
	struct caspian_panel *q = one("balance.x", CASPIAN_FREQ_QUARTERLY, 2020 * 4, negzero, 1);
	import_ok(st, p, T1, 0, NULL);
	struct caspian_error err;
	assert_int_equal(import(st, q, T2, 0, NULL, &err), CASPIAN_ECONFLICT);
	assert_non_null(strstr(err.msg, "2020Q1"));
	assert_non_null(strstr(err.msg, "-0"));
	caspian_panel_free(p);
	caspian_panel_free(q);
	caspian_store_close(st);
}

static void test_store_import_frequency_conflict(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double x[] = {32.4, 40.1};
	struct caspian_panel *p = one("trade.a", CASPIAN_FREQ_ANNUAL, 2017, x, 2);
	struct caspian_panel *q = one("trade.a", CASPIAN_FREQ_MONTHLY, month(2017, 1), x, 2);
	import_ok(st, p, T1, 0, NULL);
	char *before = dump(f->path);
	for (int replace = 0; replace <= 1; replace++) {
		struct caspian_error err;
		assert_int_equal(import(st, q, T2, replace, NULL, &err), CASPIAN_ECONFLICT);
		assert_non_null(strstr(err.msg, "trade.a"));
		assert_non_null(strstr(err.msg, "annual"));
		assert_non_null(strstr(err.msg, "monthly"));
	}
	char *after = dump(f->path);
	assert_string_equal(after, before);
	free(before);
	free(after);
	caspian_panel_free(p);
	caspian_panel_free(q);
	caspian_store_close(st);
}

static void test_store_replace_keeps_vintages(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double v1[] = {32.4, 40.1, 51.7, 60.2};       /* 2017..2020 at T1 */
	const double in2[] = {51.8, NAN, 70.5};             /* 2019..2021 at T2 */
	const double v2[] = {32.4, 40.1, 51.8, 60.2, 70.5}; /* 2017..2021 */
	const double in3[] = {33.0};                        /* 2017 at T3 */
	const double v3[] = {33.0, 40.1, 51.8, 60.2, 70.5};
	struct caspian_panel *p1 = one("trade.a", CASPIAN_FREQ_ANNUAL, 2017, v1, 4);
	struct caspian_panel *p2 = one("trade.a", CASPIAN_FREQ_ANNUAL, 2019, in2, 3);
	struct caspian_panel *p3 = one("trade.a", CASPIAN_FREQ_ANNUAL, 2017, in3, 1);
	struct caspian_import_report rep;
	import_ok(st, p1, T1, 0, NULL);
	import_ok(st, p2, T2, 1, &rep);
	assert_int_equal(rep.series_replaced, 1);
	assert_int_equal(rep.series_new + rep.series_extended + rep.series_unchanged, 0);
	struct caspian_series *s = get(st, "trade.a");
	assert_int_equal(s->start, 2017);
	assert_int_equal(s->n, 5);
	assert_same_bits(s->values, v2, 5);
	caspian_series_free(s);

	/* A replacement stamped before the version it replaces is refused. */
	char *before = dump(f->path);
	struct caspian_error err;
	assert_int_equal(import(st, p3, T1B, 1, NULL, &err), CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, T1B));
	char *after = dump(f->path);
	assert_string_equal(after, before);
	free(before);
	free(after);

	import_ok(st, p3, T3, 1, &rep);
	assert_int_equal(rep.series_replaced, 1);

	struct caspian_vintage *v = NULL;
	size_t n = 0;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_vintages(st, "trade.a", &v, &n, &err), CASPIAN_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].valid_from, T1);
	assert_string_equal(v[0].valid_to, T2);
	assert_int_equal(v[0].n, 4);
	assert_string_equal(v[1].valid_from, T2);
	assert_string_equal(v[1].valid_to, T3);
	assert_int_equal(v[1].n, 5);
	assert_string_equal(v[2].valid_from, T3);
	assert_string_equal(v[2].valid_to, "");
	assert_int_equal(v[2].start, 2017);
	free(v);

	const struct {
		const char *ts;
		const double *want;
		size_t n;
	} as_of[] = {
		{T1, v1, 4}, {T1B, v1, 4}, {"2026-02", v1, 4}, {T2, v2, 5},
		{"2026-03-15", v2, 5}, {T3, v3, 5}, {"2027", v3, 5},
	};
	for (size_t i = 0; i < sizeof(as_of) / sizeof(as_of[0]); i++) {
		caspian_error_init(&err);
		s = NULL;
		int rc = caspian_store_get_as_of(st, "trade.a", as_of[i].ts, &s, &err);
		if (rc)
			fail_msg("as of %s: %d %s", as_of[i].ts, rc, err.msg);
		assert_int_equal(s->start, 2017);
		assert_int_equal(s->n, as_of[i].n);
		assert_same_bits(s->values, as_of[i].want, as_of[i].n);
		caspian_series_free(s);
	}
	/* Before the first import ("2026-01-31" is the start of the day of T1). */
	static const char *const before_created[] = {T0, "2026-01-31"};
	for (size_t i = 0; i < 2; i++) {
		caspian_error_init(&err);
		s = NULL;
		assert_int_equal(caspian_store_get_as_of(st, "trade.a", before_created[i], &s, &err),
				 CASPIAN_ENOTFOUND);
		assert_null(s);
		assert_non_null(strstr(err.msg, "did not exist"));
	}
	caspian_error_init(&err);
	assert_int_equal(caspian_store_get_as_of(st, "trade.a", "yesterday", &s, &err),
			 CASPIAN_EINVAL);
	caspian_error_init(&err);
	assert_int_equal(caspian_store_get_as_of(st, "trade.b", T3, &s, &err), CASPIAN_ENOTFOUND);

	struct caspian_series_info *info = NULL;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_list(st, "trade.a", &info, &n, &err), CASPIAN_OK);
	assert_int_equal(n, 1);
	assert_string_equal(info[0].created, T1);
	assert_string_equal(info[0].updated, T3);
	assert_int_equal(info[0].vintages, 2);
	free(info);
	caspian_panel_free(p1);
	caspian_panel_free(p2);
	caspian_panel_free(p3);
	caspian_store_close(st);
}

static void test_store_import_rejects_bad_input(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double x[] = {1, 2};
	struct caspian_panel *p = one("trade.a", CASPIAN_FREQ_ANNUAL, 2017, x, 2);
	struct caspian_panel *bad = one("trade a", CASPIAN_FREQ_ANNUAL, 2017, x, 2);
	struct caspian_panel *evil = one("a';DROP TABLE series;--", CASPIAN_FREQ_ANNUAL, 2017, x, 2);
	struct caspian_error err;
	static const char *const stamps[] = {"2026-01-31 12:00:00", "2026-01-31T12:00:00Z",
					     "", "2026-01-31T12:00:00.000000Z "};
	for (size_t i = 0; i < sizeof(stamps) / sizeof(stamps[0]); i++) {
		assert_int_equal(import(st, p, stamps[i], 0, NULL, &err), CASPIAN_EINVAL);
		assert_non_null(strstr(err.msg, "time stamp"));
	}
	assert_int_equal(import(st, p, NULL, 0, NULL, &err), CASPIAN_EINVAL);
	assert_int_equal(import(st, bad, T1, 0, NULL, &err), CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "trade a"));
	assert_int_equal(import(st, evil, T1, 0, NULL, &err), CASPIAN_EINVAL);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM series"), 0);
	caspian_store_close(st);

	/* A store opened for reading is not written. */
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);
	assert_int_equal(import(st, p, T1, 0, NULL, &err), CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "reading"));
	caspian_error_init(&err);
	assert_int_equal(caspian_store_remove(st, "trade.a", &err), CASPIAN_EINVAL);
	caspian_store_close(st);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM series"), 0);
	caspian_panel_free(p);
	caspian_panel_free(bad);
	caspian_panel_free(evil);
}

/* ---- load by glob, odd names ---- */

/*
 * A load reads the table in its own order, which is name order only while
 * series arrive sorted; one added later with a smaller name comes last.  The
 * panel must still be sorted by name, each name with its own values.
 */
static void test_store_load_sorts_rows_added_later(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	double vb[2] = {2.5, -4}, va[3] = {0.125, NAN, 7}, vc[1] = {1e300};
	struct caspian_panel *p = one("flights.b", CASPIAN_FREQ_ANNUAL, year(2001), vb, 2);
	import_ok(st, p, T0, 0, NULL);
	caspian_panel_free(p);
	p = one("flights.a", CASPIAN_FREQ_QUARTERLY, 8000, va, 3);
	add(p, "flights.c", CASPIAN_FREQ_MONTHLY, month(2024, 5), vc, 1, NULL);
	import_ok(st, p, T1, 0, NULL);
	caspian_panel_free(p);
	char buf[64];
	assert_string_equal(raw_text(f->path, "SELECT group_concat(name, ' ') FROM "
				     "(SELECT name FROM series ORDER BY rowid)", buf, sizeof(buf)),
			    "flights.b flights.a flights.c");

	static const char *const globs[] = {"*", "flights.*", "flights.[a-c]"};
	for (size_t g = 0; g < sizeof(globs) / sizeof(globs[0]); g++) {
		struct caspian_panel *got = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_store_load(st, globs[g], &got, &err), CASPIAN_OK);
		assert_int_equal(got->count, 3);
		assert_string_equal(got->series[0].name, "flights.a");
		assert_string_equal(got->series[1].name, "flights.b");
		assert_string_equal(got->series[2].name, "flights.c");
		assert_int_equal(got->series[0].freq, CASPIAN_FREQ_QUARTERLY);
		assert_int_equal(got->series[1].start, year(2001));
		assert_same_bits(got->series[0].values, va, 3);
		assert_same_bits(got->series[1].values, vb, 2);
		assert_same_bits(got->series[2].values, vc, 1);
		assert_int_equal(caspian_panel_find(got, "flights.c"), 2);
		caspian_panel_free(got);
	}

	/* a listing too, with each series' count of earlier versions: one
	 * replacement of flights.a's first value keeps one */
	double va2[1] = {0.25};
	p = one("flights.a", CASPIAN_FREQ_QUARTERLY, 8000, va2, 1);
	import_ok(st, p, T2, 1, NULL);
	caspian_panel_free(p);
	for (size_t g = 0; g < sizeof(globs) / sizeof(globs[0]); g++) {
		struct caspian_series_info *info = NULL;
		size_t n = 0;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_store_list(st, globs[g], &info, &n, &err), CASPIAN_OK);
		assert_int_equal(n, 3);
		assert_string_equal(info[0].name, "flights.a");
		assert_string_equal(info[1].name, "flights.b");
		assert_string_equal(info[2].name, "flights.c");
		assert_int_equal(info[0].vintages, 1);
		assert_int_equal(info[1].vintages, 0);
		assert_int_equal(info[2].vintages, 0);
		assert_int_equal(info[0].n, 3);
		assert_int_equal(info[1].start, year(2001));
		free(info);
	}
	caspian_store_close(st);
}

/*
 * Names are unique through the table's UNIQUE index.  In a file whose
 * schema lost that index (damage SQLite does not notice) a name can appear
 * twice; a load must call the store corrupt rather than give a panel in
 * which a lookup by that name finds either row.
 */
static void test_store_load_refuses_a_name_twice(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	double v[1] = {1};
	struct caspian_panel *p = one("cargo.x", CASPIAN_FREQ_ANNUAL, year(2020), v, 1);
	add(p, "cargo.y", CASPIAN_FREQ_ANNUAL, year(2020), v, 1, NULL);
	import_ok(st, p, T0, 0, NULL);
	caspian_panel_free(p);
	caspian_store_close(st);
	raw_exec(f->path, "PRAGMA writable_schema = ON;"
			  "UPDATE sqlite_schema SET sql = replace(sql, 'name TEXT UNIQUE NOT NULL', "
			  "'name TEXT NOT NULL') WHERE name = 'series';"
			  "DELETE FROM sqlite_schema WHERE name = 'sqlite_autoindex_series_1';");
	raw_exec(f->path, "UPDATE series SET name = 'cargo.x' WHERE name = 'cargo.y'");

	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);
	p = NULL;
	assert_int_equal(caspian_store_load(st, "*", &p, &err), CASPIAN_ESTORE);
	assert_null(p);
	assert_non_null(strstr(err.msg, "cargo.x is out of order or listed twice"));
	struct caspian_series_info *info = NULL;
	size_t n = 0;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_list(st, "*", &info, &n, &err), CASPIAN_ESTORE);
	assert_non_null(strstr(err.msg, "cargo.x is out of order or listed twice"));
	caspian_store_close(st);
}

/*
 * A shard of a load holds only its own series, each with its values; the
 * shards of a glob partition the series the glob matches, and each reports
 * how many matched in all shards.  Which shard a name is in comes from
 * caspian_shard_has (its hash is pinned by the test vectors in test_shard.c).
 */
static void test_store_load_shard_partitions(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	struct caspian_panel *p = caspian_panel_alloc();
	char name[32];
	for (int i = 0; i < 40; i++) {
		double v[2] = {i, -0.5 * i};
		snprintf(name, sizeof(name), "%s.%02d", i % 4 ? "trade" : "cargo", i);
		add(p, name, CASPIAN_FREQ_ANNUAL, year(2000 + i % 3), v, 2, NULL);
	}
	import_ok(st, p, T0, 0, NULL);
	caspian_panel_sort(p);

	static const char *const globs[] = {"*", "trade.*"};
	static const size_t want_matched[] = {40, 30};
	for (size_t g = 0; g < 2; g++) {
		size_t total = 0;
		for (uint32_t k = 0; k < 3; k++) {
			struct caspian_shard sh = {k, 3};
			struct caspian_panel *got = NULL;
			struct caspian_error err;
			size_t matched = 0;
			caspian_error_init(&err);
			assert_int_equal(caspian_store_load_shard(st, globs[g], &sh, &got, &matched, &err),
					 CASPIAN_OK);
			assert_int_equal(matched, want_matched[g]);
			for (size_t i = 0; i < got->count; i++) {
				const struct caspian_series *s = &got->series[i];
				assert_true(caspian_shard_has(&sh, s->name));
				assert_true(i == 0 || strcmp(got->series[i - 1].name, s->name) < 0);
				long j = caspian_panel_find(p, s->name);
				assert_true(j >= 0);
				assert_int_equal(s->start, p->series[j].start);
				assert_same_bits(s->values, p->series[j].values, 2);
			}
			/* every series of the glob in this shard is there */
			size_t want = 0;
			for (size_t i = 0; i < p->count; i++)
				want += (g == 0 || strncmp(p->series[i].name, "trade.", 6) == 0) &&
					caspian_shard_has(&sh, p->series[i].name);
			assert_int_equal(got->count, want);
			total += got->count;
			caspian_panel_free(got);
		}
		assert_int_equal(total, want_matched[g]);
	}
	/* no shard: the plain load */
	struct caspian_panel *got = NULL;
	size_t matched = 0;
	assert_int_equal(caspian_store_load_shard(st, "cargo.*", NULL, &got, &matched, NULL), CASPIAN_OK);
	assert_int_equal(got->count, 10);
	assert_int_equal(matched, 10);
	caspian_panel_free(got);
	caspian_panel_free(p);
	caspian_store_close(st);
}

static void test_store_load_glob(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	static const char *const names[] = {"trade.b",   "trade.a",  "tradeX",     "trade.ab",
					    "flights.a", "x.select", "a-b:c/d@e+f"};
	struct caspian_panel *p = caspian_panel_alloc();
	for (size_t i = 0; i < 7; i++) {
		double v[3] = {2.385 * (double)(i + 1), NAN, -1.0 / (double)(i + 3)};
		add(p, names[i], CASPIAN_FREQ_MONTHLY, month(2024, 1) + (long)i, v, 3, NULL);
	}
	import_ok(st, p, T1, 0, NULL);

	static const struct {
		const char *glob;
		const char *want; /* the names loaded, space-separated, in order */
	} cases[] = {
		{"trade.*", "trade.a trade.ab trade.b"},
		{"trade.a", "trade.a"},
		{"trade.?", "trade.a trade.b"},
		{"*", "a-b:c/d@e+f flights.a trade.a trade.ab trade.b tradeX x.select"},
		{"[fx]*", "flights.a x.select"},
		{"Trade.*", ""},
		{"x.select", "x.select"},
		{"a-b:c/d@e+f", "a-b:c/d@e+f"},
		{"a';DROP TABLE series;--", ""},
		{"' OR 1=1 --", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct caspian_panel *got = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_store_load(st, cases[i].glob, &got, &err), CASPIAN_OK);
		char joined[256] = "";
		for (size_t k = 0; k < got->count; k++) {
			if (k)
				strcat(joined, " ");
			strcat(joined, got->series[k].name);
			/* Each loaded series carries exactly what was imported. */
			long j = caspian_panel_find(p, got->series[k].name);
			if (j < 0) {
				caspian_panel_sort(p);
				j = caspian_panel_find(p, got->series[k].name);
			}
			assert_true(j >= 0);
			assert_int_equal(got->series[k].start, p->series[j].start);
			assert_int_equal(got->series[k].n, 3);
			assert_same_bits(got->series[k].values, p->series[j].values, 3);
		}
		if (strcmp(joined, cases[i].want) != 0)
			fail_msg("glob %s loaded '%s', expected '%s'", cases[i].glob, joined,
				 cases[i].want);
		caspian_panel_free(got);
	}
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM series"), 7);

	struct caspian_series *s = get(st, "a-b:c/d@e+f");
	assert_string_equal(s->name, "a-b:c/d@e+f");
	assert_close(s->values[0], 2.385 * 7, 0, 0);
	caspian_series_free(s);

	struct caspian_series_info *info = NULL;
	size_t n = 0;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_list(st, "trade.*", &info, &n, &err), CASPIAN_OK);
	assert_int_equal(n, 3);
	assert_string_equal(info[0].name, "trade.a");
	assert_string_equal(info[2].name, "trade.b");
	free(info);
	caspian_panel_free(p);
	caspian_store_close(st);
}

/* ---- remove ---- */

static void test_store_remove(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double a1[] = {1, 2}, a2[] = {1, 3}, b[] = {5};
	struct caspian_panel *p = caspian_panel_alloc();
	add(p, "series.a", CASPIAN_FREQ_ANNUAL, 2020, a1, 2, NULL);
	add(p, "series.b", CASPIAN_FREQ_ANNUAL, 2020, b, 1, NULL);
	struct caspian_panel *q = one("series.a", CASPIAN_FREQ_ANNUAL, 2020, a2, 2);
	import_ok(st, p, T1, 0, NULL);
	import_ok(st, q, T2, 1, NULL);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM vintages"), 1);

	/* All or nothing: one absent name removes none. */
	struct caspian_error err;
	const char *const both[] = {"series.a", "series.none"};
	caspian_error_init(&err);
	assert_int_equal(caspian_store_remove_many(st, both, 2, &err), CASPIAN_ENOTFOUND);
	assert_non_null(strstr(err.msg, "series.none"));
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM series"), 2);

	caspian_error_init(&err);
	assert_int_equal(caspian_store_remove(st, "series.a", &err), CASPIAN_OK);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM vintages"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM series"), 1);
	struct caspian_series *s = NULL;
	assert_int_equal(caspian_store_get(st, "series.a", &s, &err), CASPIAN_ENOTFOUND);
	caspian_error_init(&err);
	assert_int_equal(caspian_store_remove(st, "series.a", &err), CASPIAN_ENOTFOUND);
	assert_non_null(strstr(err.msg, "series.a"));
	caspian_error_init(&err);
	struct caspian_vintage *v = NULL;
	size_t n;
	assert_int_equal(caspian_store_vintages(st, "series.a", &v, &n, &err), CASPIAN_ENOTFOUND);

	/* Imported again, it starts afresh. */
	struct caspian_import_report rep;
	import_ok(st, q, T3, 0, &rep);
	assert_int_equal(rep.series_new, 1);
	caspian_error_init(&err);
	assert_int_equal(caspian_store_vintages(st, "series.a", &v, &n, &err), CASPIAN_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].valid_from, T3);
	free(v);
	s = get(st, "series.b");
	assert_same_bits(s->values, b, 1);
	caspian_series_free(s);
	caspian_panel_free(p);
	caspian_panel_free(q);
	caspian_store_close(st);
}

/* ---- values on disk ---- */

static void test_store_values_bit_exact(void **state)
{
	struct fixture *f = *state;
	struct caspian_store *st = open_write(f);
	const double v[] = {
		1.0,
		from_bits(0x7ff8000000000123u), /* quiet NaN with a payload */
		from_bits(0xfff8000000000000u), /* negative NaN */
		from_bits(0x7ff0000000000001u), /* signalling NaN */
		-0.0,
		from_bits(1),                   /* smallest subnormal */
		DBL_MAX,
		0.1,
	};
	const size_t n = sizeof(v) / sizeof(v[0]);
	struct caspian_panel *p = one("bits.x", CASPIAN_FREQ_DAILY, 19782, v, n);
	import_ok(st, p, T1, 0, NULL);
	struct caspian_series *s = get(st, "bits.x");
	assert_int_equal(s->n, n);
	assert_same_bits(s->values, p->series[0].values, n);
	caspian_series_free(s);

	/* The BLOB is little-endian whatever the host: 1.0 is 00..00 F0 3F, and
	 * every value's bytes run from least to most significant. */
	char hex[2 * 8 * 8 + 1], want[2 * 8 * 8 + 1];
	for (size_t i = 0; i < n; i++) {
		uint64_t u = bits_of(p->series[0].values[i]);
		for (int b = 0; b < 8; b++)
			snprintf(want + 16 * i + 2 * (size_t)b, 3, "%02X",
				 (unsigned)((u >> (8 * b)) & 0xff));
	}
	raw_text(f->path, "SELECT hex(vals) FROM series", hex, sizeof(hex));
	assert_memory_equal(hex, "000000000000F03F", 16);
	assert_string_equal(hex, want);

	/* Missing on both sides is no difference, whatever the payload. */
	double again[sizeof(v) / sizeof(v[0])];
	memcpy(again, v, sizeof(again));
	again[1] = NAN;
	struct caspian_panel *q = one("bits.x", CASPIAN_FREQ_DAILY, 19782, again, n);
	struct caspian_import_report rep;
	import_ok(st, q, T2, 0, &rep);
	assert_int_equal(rep.series_unchanged, 1);
	caspian_panel_free(p);
	caspian_panel_free(q);
	caspian_store_close(st);
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void test_store_large_panel_round_trip(void **state)
{
	struct fixture *f = *state;
	enum { SERIES = 2000, LEN = 120 };
	struct caspian_panel *p = caspian_panel_alloc();
	uint64_t seed = 0x9E3779B97F4A7C15u;
	double v[LEN];
	char name[32];
	for (size_t i = 0; i < SERIES; i++) {
		/* Arbitrary bit patterns: every double, NaNs and infinities included. */
		for (size_t j = 0; j < LEN; j++)
			v[j] = from_bits(xorshift(&seed));
		snprintf(name, sizeof(name), "bulk.s%04zu", i);
		add(p, name, CASPIAN_FREQ_MONTHLY, month(2015, 1) + (long)(i % 12), v, LEN, NULL);
	}
	struct caspian_store *st = open_write(f);
	struct caspian_import_report rep;
	import_ok(st, p, T1, 0, &rep);
	assert_int_equal(rep.series_new, SERIES);
	caspian_store_close(st);

	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);
	struct caspian_panel *got = NULL;
	assert_int_equal(caspian_store_load(st, "bulk.*", &got, &err), CASPIAN_OK);
	assert_int_equal(got->count, SERIES);
	assert_int_equal(got->nvalues, (size_t)SERIES * LEN);
	for (size_t i = 0; i < SERIES; i++) {
		assert_string_equal(got->series[i].name, p->series[i].name);
		assert_int_equal(got->series[i].start, p->series[i].start);
		assert_int_equal(got->series[i].n, LEN);
		assert_same_bits(got->series[i].values, p->series[i].values, LEN);
	}
	caspian_panel_free(got);
	caspian_store_close(st);
	caspian_panel_free(p);
}

/* ---- concurrency ---- */

static void test_store_busy_writer(void **state)
{
	struct fixture *f = *state;
	const double x[] = {1, 2};
	struct caspian_panel *p = one("trade.a", CASPIAN_FREQ_ANNUAL, 2017, x, 2);
	struct caspian_panel *q = one("trade.b", CASPIAN_FREQ_ANNUAL, 2017, x, 2);
	struct caspian_store *st = open_write(f);
	import_ok(st, p, T1, 0, NULL);
	caspian_store_close(st);

	/* Another connection holds the write lock. */
	sqlite3 *other = raw_open(f->path);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);

	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_WRITE, 50, &st, &err), CASPIAN_OK);
	assert_int_equal(import(st, q, T2, 0, NULL, &err), CASPIAN_EBUSY);
	assert_non_null(strstr(err.msg, f->path));
	assert_non_null(strstr(err.msg, "50 ms"));

	/* Readers are not blocked by the writer (WAL). */
	struct caspian_store *rd = NULL;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(f->path, CASPIAN_STORE_READ, 50, &rd, &err), CASPIAN_OK);
	struct caspian_panel *got = NULL;
	assert_int_equal(caspian_store_load(rd, "*", &got, &err), CASPIAN_OK);
	assert_int_equal(got->count, 1);
	caspian_panel_free(got);
	caspian_store_close(rd);

	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	struct caspian_import_report rep;
	import_ok(st, q, T2, 0, &rep);
	assert_int_equal(rep.series_new, 1);
	caspian_store_close(st);
	caspian_panel_free(p);
	caspian_panel_free(q);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store_read_mode_missing_file),
		T(test_store_create_and_reopen),
		T(test_store_empty_file_becomes_store),
		T(test_store_refuses_newer_schema),
		T(test_store_refuses_foreign_sqlite),
		T(test_store_refuses_garbage_file),
		T(test_store_open_rejects_bad_arguments),
		T(test_store_load_ragged_lengths),
		T(test_store_load_sorts_rows_added_later),
		T(test_store_load_refuses_a_name_twice),
		T(test_store_load_shard_partitions),
		cmocka_unit_test(test_panel_reserve_keeps_values),
		T(test_store_import_new_and_get),
		T(test_store_import_extends_and_fills),
		T(test_store_import_metadata),
		T(test_store_import_conflict_changes_nothing),
		T(test_store_import_signed_zero_is_a_change),
		T(test_store_import_frequency_conflict),
		T(test_store_replace_keeps_vintages),
		T(test_store_import_rejects_bad_input),
		T(test_store_load_glob),
		T(test_store_remove),
		T(test_store_values_bit_exact),
		T(test_store_large_panel_round_trip),
		T(test_store_busy_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
