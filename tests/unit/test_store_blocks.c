/*
 * The store's blocks: the copy of the series table that whole-store loads
 * read (store.c, store_blocks.h).  A load must give the same panel whether
 * it reads blocks, rows or a mix, after every kind of write, including
 * writes by other SQLite programs; a damaged block must be reported, never
 * read past; and a store of schema version 1 must be read as it is and
 * migrated when opened for writing.  The expected panels are the ones
 * imported, kept in memory by the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "caspian/error.h"
#include "caspian/series.h"
#include "caspian/shard.h"
#include "caspian/store.h"
#include "store_blocks.h"
#include "store_scratch.h"

#define T0 "2026-01-01T00:00:00.000000Z"
#define T1 "2026-02-01T00:00:00.000000Z"

/* 150 series: ids 1..150 fill blocks 0 (ids 1-63), 1 (64-127) and 2 (128-150). */
enum { NSERIES = 150 };

struct fixture {
	char dir[256];
	char path[300];
	struct caspian_panel *want; /* what the store should hold, sorted */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f || scratch_dir_make(f->dir, sizeof(f->dir), "caspian-blocks")) {
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
	caspian_panel_free(f->want);
	free(f);
	return 0;
}

/* ---- the store ---- */

static struct caspian_store *open_mode(const struct fixture *f, enum caspian_store_mode mode)
{
	struct caspian_store *st = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	if (caspian_store_open(f->path, mode, 0, &st, &err))
		fail_msg("open: %s", err.msg);
	return st;
}

static void import_ok(struct caspian_store *st, const struct caspian_panel *p, const char *ts,
		      int replace)
{
	struct caspian_import_opts o = {.replace = replace, .timestamp = ts};
	struct caspian_error err;
	caspian_error_init(&err);
	if (caspian_store_import(st, p, &o, NULL, &err))
		fail_msg("import: %s", err.msg);
}

/*
 * NSERIES series of lengths 0 to 12 (so blocks mix lengths, and one series
 * is empty), some values missing, some with a NaN payload, metadata on every
 * third; names in an order that is not the id order for some of them.
 */
static struct caspian_panel *make_panel(void)
{
	struct caspian_panel *p = caspian_panel_alloc();
	char name[32];
	assert_non_null(p);
	for (int i = 0; i < NSERIES; i++) {
		size_t k, n = (size_t)(i * 7 % 13);
		snprintf(name, sizeof(name), "%s.%03d", i % 5 ? "trade" : "cargo", (i * 37) % NSERIES);
		assert_int_equal(caspian_panel_add_empty(p, name, (enum caspian_freq)(1 + i % 5),
							 1990 + i, n, &k, NULL),
				 CASPIAN_OK);
		for (size_t j = 0; j < n; j++)
			p->series[k].values[j] = j % 4 == 3 ? NAN : (double)i * 1.25 - (double)j / 3;
		if (n > 1) {
			uint64_t payload = 0x7ff8000000000123ULL + (uint64_t)i;
			memcpy(&p->series[k].values[1], &payload, sizeof(payload));
		}
		if (i % 3 == 0)
			assert_int_equal(caspian_series_set_meta(&p->series[k], "USD thousand",
								 i % 2 ? "a source" : "",
								 "note, with \"quotes\"", NULL),
					 CASPIAN_OK);
	}
	return p;
}

static void assert_same_series(const struct caspian_series *a, const struct caspian_series *b)
{
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->freq, b->freq);
	assert_int_equal(a->start, b->start);
	assert_int_equal(a->n, b->n);
	if (a->n && memcmp(a->values, b->values, a->n * sizeof(double)))
		fail_msg("%s: values differ", a->name);
	assert_string_equal(a->unit, b->unit);
	assert_string_equal(a->source, b->source);
	assert_string_equal(a->note, b->note);
}

/* A load of glob gives exactly the series of want that match it. */
static void assert_load(struct caspian_store *st, const char *glob,
			const struct caspian_panel *want)
{
	struct caspian_panel *got = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	if (caspian_store_load(st, glob, &got, &err))
		fail_msg("load %s: %s", glob, err.msg);
	size_t k = 0;
	for (size_t i = 0; i < want->count; i++) {
		if (sqlite3_strglob(glob, want->series[i].name) != 0)
			continue;
		if (k >= got->count)
			fail_msg("load %s: %s missing", glob, want->series[i].name);
		assert_same_series(&got->series[k++], &want->series[i]);
	}
	assert_int_equal(got->count, k);
	caspian_panel_free(got);
}

static void assert_load_count(struct caspian_store *st, const char *glob, size_t count)
{
	struct caspian_panel *got = NULL;
	assert_int_equal(caspian_store_load(st, glob, &got, NULL), CASPIAN_OK);
	assert_int_equal(got->count, count);
	caspian_panel_free(got);
}

static void assert_load_fails(struct caspian_store *st, const char *glob, const char *words)
{
	struct caspian_panel *got = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_load(st, glob, &got, &err), CASPIAN_ESTORE);
	assert_null(got);
	if (!strstr(err.msg, words))
		fail_msg("'%s' does not say '%s'", err.msg, words);
}

static void fill_store(struct fixture *f)
{
	f->want = make_panel();
	struct caspian_store *st = open_mode(f, CASPIAN_STORE_WRITE);
	import_ok(st, f->want, T0, 0);
	caspian_store_close(st);
	caspian_panel_sort(f->want);
}

static long blocks(const struct fixture *f)
{
	return raw_int(f->path, "SELECT count(*) FROM blocks");
}

static long stale(const struct fixture *f)
{
	return raw_int(f->path, "SELECT count(*) FROM stale_blocks");
}

/* ---- the byte layout ---- */

static void test_block_layout_round_trip(void **state)
{
	(void)state;
	struct cx_block_writer w = {0};
	struct cx_block_entry in[3] = {
		{"trade.a", "", "", "", 1, -5, 0},
		{"cargo.b", "tonnes", "a source", "a note", 3, 24240, 7},
		{"x", "u", "s", "n", 5, INT64_C(1000000000000000), UINT64_C(1) << 40},
	};
	for (int i = 0; i < 3; i++)
		assert_int_equal(cx_block_add(&w, &in[i]), 0);
	const unsigned char *meta = cx_block_meta(&w);
	assert_non_null(meta);
	/* 4 for the count, then 33 fixed bytes per series and the four texts with NULs */
	assert_int_equal(w.len, 4 + 3 * 33 + (8 + 3) + (8 + 7 + 9 + 7) + 8);
	assert_int_equal(meta[0], 3);

	struct cx_block_reader r;
	struct cx_block_entry e;
	uint64_t first, want_first[3] = {0, 0, 7};
	assert_int_equal(cx_block_open(&r, meta, w.len), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(cx_block_next(&r, &e, &first), 1);
		assert_string_equal(e.name, in[i].name);
		assert_string_equal(e.unit, in[i].unit);
		assert_string_equal(e.source, in[i].source);
		assert_string_equal(e.note, in[i].note);
		assert_int_equal(e.freq, in[i].freq);
		assert_true(e.start == in[i].start);
		assert_true(e.n == in[i].n);
		assert_true(first == want_first[i]);
	}
	assert_int_equal(cx_block_next(&r, &e, &first), 0);
	assert_true(r.values == 7 + (UINT64_C(1) << 40));

	cx_block_clear(&w);
	meta = cx_block_meta(&w);
	assert_int_equal(w.len, 4);
	assert_int_equal(cx_block_open(&r, meta, w.len), 0);
	assert_int_equal(cx_block_next(&r, &e, &first), 0);
	cx_block_writer_free(&w);
}

static void test_block_layout_damage(void **state)
{
	(void)state;
	struct cx_block_writer w = {0};
	struct cx_block_entry in = {"trade.a", "USD", "src", "note", 1, 2020, 3};
	assert_int_equal(cx_block_add(&w, &in), 0);
	const unsigned char *meta = cx_block_meta(&w);
	size_t len = w.len;
	unsigned char *copy = malloc(len + 1);
	assert_non_null(copy);
	struct cx_block_reader r;
	struct cx_block_entry e;
	uint64_t first;

	assert_int_equal(cx_block_open(&r, meta, 3), -1); /* no room for the count */
	/* every shorter BLOB is damaged, never read past its end */
	for (size_t cut = 4; cut < len; cut++) {
		memcpy(copy, meta, cut);
		assert_int_equal(cx_block_open(&r, copy, cut), 0);
		assert_int_equal(cx_block_next(&r, &e, &first), -1);
	}
	/* a byte left over after the last series */
	memcpy(copy, meta, len);
	copy[len] = 0;
	assert_int_equal(cx_block_open(&r, copy, len + 1), 0);
	assert_int_equal(cx_block_next(&r, &e, &first), 1);
	assert_int_equal(cx_block_next(&r, &e, &first), -1);
	/* a count of two with one series */
	memcpy(copy, meta, len);
	copy[0] = 2;
	assert_int_equal(cx_block_open(&r, copy, len), 0);
	assert_int_equal(cx_block_next(&r, &e, &first), 1);
	assert_int_equal(cx_block_next(&r, &e, &first), -1);
	/* a NUL inside the name, and the name's NUL replaced */
	size_t name_at = 4 + 33;
	memcpy(copy, meta, len);
	copy[name_at + 2] = 0;
	assert_int_equal(cx_block_open(&r, copy, len), 0);
	assert_int_equal(cx_block_next(&r, &e, &first), -1);
	memcpy(copy, meta, len);
	copy[name_at + 7] = 'x';
	assert_int_equal(cx_block_open(&r, copy, len), 0);
	assert_int_equal(cx_block_next(&r, &e, &first), -1);
	/* a name length far past the end */
	memcpy(copy, meta, len);
	copy[4 + 17 + 3] = 0xff;
	assert_int_equal(cx_block_open(&r, copy, len), 0);
	assert_int_equal(cx_block_next(&r, &e, &first), -1);
	free(copy);
	cx_block_writer_free(&w);
}

/* ---- the store ---- */

static void test_blocks_made_by_import(void **state)
{
	struct fixture *f = *state;
	fill_store(f);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 2);
	assert_int_equal(blocks(f), 3);
	assert_int_equal(stale(f), 0);
	/* each block holds its series' values, 8 bytes each */
	assert_int_equal(raw_int(f->path, "SELECT sum(length(vals)) FROM blocks"),
			 raw_int(f->path, "SELECT sum(length(vals)) FROM series"));
	struct caspian_store *st = open_mode(f, CASPIAN_STORE_READ);
	assert_load(st, "*", f->want);
	assert_load(st, "*.1?", f->want);   /* a leading wildcard: through the blocks */
	assert_load(st, "cargo.*", f->want); /* few, with a prefix: through the rows */
	assert_load(st, "[ct]*", f->want);
	assert_load(st, "nothing*", f->want);
	caspian_store_close(st);
}

static void test_blocks_follow_caspian_writes(void **state)
{
	struct fixture *f = *state;
	fill_store(f);
	struct caspian_store *st = open_mode(f, CASPIAN_STORE_WRITE);
	/* extend one series, replace a value of another, add one, remove one */
	struct caspian_panel *p = caspian_panel_alloc();
	size_t k, j;
	const struct caspian_series *a = &f->want->series[10], *b = &f->want->series[20];
	assert_int_equal(caspian_panel_add_empty(p, a->name, a->freq, a->start, a->n + 2, &k, NULL),
			 CASPIAN_OK);
	memcpy(p->series[k].values, a->values, a->n * sizeof(double));
	p->series[k].values[a->n] = 1.5;
	assert_int_equal(caspian_panel_add_empty(p, "trade.new", CASPIAN_FREQ_MONTHLY, 24000, 2, &k,
						 NULL),
			 CASPIAN_OK);
	p->series[k].values[0] = 3;
	p->series[k].values[1] = 4;
	import_ok(st, p, T1, 0);
	caspian_panel_free(p);
	p = caspian_panel_alloc();
	assert_true(b->n > 0);
	assert_int_equal(caspian_panel_add_empty(p, b->name, b->freq, b->start, 1, &k, NULL),
			 CASPIAN_OK);
	p->series[k].values[0] = -99;
	import_ok(st, p, T1, 1);
	caspian_panel_free(p);
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_remove(st, f->want->series[30].name, &err), CASPIAN_OK);
	assert_int_equal(stale(f), 0);
	assert_int_equal(blocks(f), 3);

	/* what the store should now hold, made independently of it */
	struct caspian_panel *want = caspian_panel_alloc();
	for (size_t i = 0; i < f->want->count; i++) {
		const struct caspian_series *s = &f->want->series[i];
		if (i == 30)
			continue;
		size_t n = i == 10 ? s->n + 1 : s->n; /* a trailing missing value is no observation */
		assert_int_equal(caspian_panel_add_empty(want, s->name, s->freq, s->start, n, &j, NULL),
				 CASPIAN_OK);
		memcpy(want->series[j].values, s->values, s->n * sizeof(double));
		if (i == 10)
			want->series[j].values[s->n] = 1.5;
		if (i == 20)
			want->series[j].values[0] = -99;
		assert_int_equal(caspian_series_set_meta(&want->series[j], s->unit, s->source, s->note,
							 NULL),
				 CASPIAN_OK);
	}
	assert_int_equal(caspian_panel_add_empty(want, "trade.new", CASPIAN_FREQ_MONTHLY, 24000, 2,
						 &j, NULL),
			 CASPIAN_OK);
	want->series[j].values[0] = 3;
	want->series[j].values[1] = 4;
	caspian_panel_sort(want);
	assert_load(st, "*", want);
	assert_load(st, "trade.*", want);
	caspian_store_close(st);
	caspian_panel_free(want);
}

/*
 * Another program's writes: the triggers drop the blocks they touch, loads
 * read those series' rows, and caspian's next write copies them again.
 */
static void test_blocks_follow_other_programs(void **state)
{
	struct fixture *f = *state;
	fill_store(f);
	const struct caspian_series *s = NULL;
	long id = 140; /* in block 2 */
	char sql[256], name[64];
	snprintf(sql, sizeof(sql), "SELECT name FROM series WHERE id = %ld", id);
	raw_text(f->path, sql, name, sizeof(name));
	long k = caspian_panel_find(f->want, name);
	assert_true(k >= 0);
	s = &f->want->series[k];
	assert_true(s->n > 0);

	snprintf(sql, sizeof(sql), "UPDATE series SET unit = 'kg' WHERE id = %ld", id);
	raw_exec(f->path, sql);
	assert_int_equal(blocks(f), 2);
	assert_int_equal(stale(f), 1);
	assert_int_equal(caspian_series_set_meta(&f->want->series[k], "kg", NULL, NULL, NULL),
			 CASPIAN_OK);
	struct caspian_store *st = open_mode(f, CASPIAN_STORE_READ);
	assert_load(st, "*", f->want);
	caspian_store_close(st);

	/* a block deleted outright (no stale mark) and a series with a negative id */
	raw_exec(f->path, "DELETE FROM blocks WHERE block = 0;"
			  "INSERT INTO series (id, name, freq, start, n, created, updated, vals) "
			  "VALUES (-5, 'aaa.first', 1, 2000, 1, '" T0 "', '" T0 "', "
			  "x'000000000000f03f')");
	assert_int_equal(blocks(f), 1);
	size_t j;
	assert_int_equal(caspian_panel_add_empty(f->want, "aaa.first", CASPIAN_FREQ_ANNUAL, 2000, 1,
						 &j, NULL),
			 CASPIAN_OK);
	f->want->series[j].values[0] = 1.0;
	caspian_panel_sort(f->want);
	st = open_mode(f, CASPIAN_STORE_READ);
	assert_load(st, "*", f->want);
	assert_load(st, "*a*", f->want);
	caspian_store_close(st);

	/* caspian's next write makes the stale blocks again (block 0 was not marked) */
	st = open_mode(f, CASPIAN_STORE_WRITE);
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_remove(st, "aaa.first", &err), CASPIAN_OK);
	assert_int_equal(stale(f), 0);
	/* block 2 made again, block -1 empty now so gone, block 0 left to the rows */
	assert_int_equal(blocks(f), 2);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM blocks WHERE block IN (1, 2)"), 2);
	assert_load(st, "[^a]*", f->want);
	assert_load_count(st, "*", f->want->count - 1);
	caspian_store_close(st);
}

static void test_blocks_damaged(void **state)
{
	struct fixture *f = *state;
	fill_store(f);
	static const char *const damage[] = {
		"UPDATE blocks SET meta = x'01000000' WHERE block = 1",
		"UPDATE blocks SET meta = x'00' WHERE block = 1",
		"UPDATE blocks SET vals = zeroblob(12) WHERE block = 1",
		"UPDATE blocks SET vals = zeroblob(8) WHERE block = 1",
		"UPDATE blocks SET vals = zeroblob(length(vals) + 8) WHERE block = 1",
		"UPDATE blocks SET block = 9223372036854775807 WHERE block = 2",
		"UPDATE blocks SET (meta, vals) = (SELECT meta, vals FROM blocks WHERE block = 0) "
		"WHERE block = 1",
	};
	for (size_t i = 0; i < sizeof(damage) / sizeof(damage[0]); i++) {
		char path[320];
		snprintf(path, sizeof(path), "%s/copy.db", f->dir);
		raw_exec(f->path, "PRAGMA wal_checkpoint(TRUNCATE)");
		char sql[400];
		snprintf(sql, sizeof(sql), "VACUUM INTO '%s'", path);
		unlink(path);
		raw_exec(f->path, sql);
		raw_exec(path, damage[i]);
		struct caspian_store *st = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_store_open(path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);
		if (i < 6) {
			assert_load_fails(st, "*", "is damaged");
			assert_load_fails(st, "*", "is corrupt");
		} else {
			/* block 0's names where block 1's are: out of order, listed twice */
			assert_load_fails(st, "*", "listed twice");
		}
		/* the rows are sound: one series by name still loads */
		struct caspian_panel *got = NULL;
		caspian_error_init(&err);
		assert_int_equal(caspian_store_load(st, f->want->series[0].name, &got, &err), CASPIAN_OK);
		assert_int_equal(got->count, 1);
		assert_same_series(&got->series[0], &f->want->series[0]);
		caspian_panel_free(got);
		caspian_store_close(st);
		unlink(path);
	}
}

/*
 * A block whose values would pass 32 MiB is not kept: its series load from
 * their rows.  Two daily series of 2.2 million values (6,000 years each,
 * 17.6 MB) share block 0; once one is gone the block fits and is kept.
 */
static void test_blocks_too_big_are_left_to_the_rows(void **state)
{
	struct fixture *f = *state;
	enum { BIG = 2200000 };
	struct caspian_panel *p = caspian_panel_alloc();
	size_t k;
	static const char *const names[] = {"big.a", "big.b", "small.c"};
	for (int i = 0; i < 3; i++) {
		size_t n = i < 2 ? BIG : 3;
		assert_int_equal(caspian_panel_add_empty(p, names[i], CASPIAN_FREQ_DAILY, 400 + i, n, &k,
							 NULL),
				 CASPIAN_OK);
		for (size_t j = 0; j < n; j++)
			p->series[k].values[j] = (double)(j % 1000) + 0.5 * i;
	}
	struct caspian_store *st = open_mode(f, CASPIAN_STORE_WRITE);
	import_ok(st, p, T0, 0);
	assert_int_equal(blocks(f), 0);
	assert_int_equal(stale(f), 0);
	assert_load(st, "*", p);
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_remove(st, "big.b", &err), CASPIAN_OK);
	assert_int_equal(blocks(f), 1);
	struct caspian_panel *want = caspian_panel_alloc();
	assert_int_equal(caspian_panel_add(want, &p->series[0], NULL), CASPIAN_OK);
	assert_int_equal(caspian_panel_add(want, &p->series[2], NULL), CASPIAN_OK);
	assert_load(st, "*", want);
	caspian_store_close(st);
	caspian_panel_free(want);
	caspian_panel_free(p);
}

/*
 * A pattern with a literal prefix that matches 1,024 series or more reads
 * the blocks too (fewer go through the name index): both ways give the
 * series the pattern names, with or without a shard.
 */
static void test_blocks_for_many_by_prefix(void **state)
{
	struct fixture *f = *state;
	struct caspian_panel *p = caspian_panel_alloc();
	char name[32];
	size_t k;
	for (int i = 0; i < 2000; i++) {
		snprintf(name, sizeof(name), "%s.%04d", i % 3 ? "trade" : "cargo", i);
		assert_int_equal(caspian_panel_add_empty(p, name, CASPIAN_FREQ_MONTHLY, 24000 + i % 7,
							 (size_t)(i % 5), &k, NULL),
				 CASPIAN_OK);
		for (size_t j = 0; j < p->series[k].n; j++)
			p->series[k].values[j] = i + 0.25 * (double)j;
	}
	struct caspian_store *st = open_mode(f, CASPIAN_STORE_WRITE);
	import_ok(st, p, T0, 0);
	caspian_panel_sort(p);
	assert_load(st, "trade.*", p);  /* 1,333 matches: the blocks */
	assert_load(st, "cargo.*", p);  /* 667: the name index */
	assert_load(st, "trade.0*", p); /* 666: the name index */
	assert_load(st, "t*", p);      /* a leading letter, then a wildcard */
	assert_load(st, "[tc]*", p);   /* every series, through the blocks */
	/* shards of a blocks load partition what the glob names */
	size_t total = 0;
	for (uint32_t i = 0; i < 4; i++) {
		struct caspian_shard sh = {i, 4};
		struct caspian_panel *got = NULL;
		size_t matched = 0;
		assert_int_equal(caspian_store_load_shard(st, "[tc]*", &sh, &got, &matched, NULL),
				 CASPIAN_OK);
		assert_int_equal(matched, 2000);
		for (size_t j = 0; j < got->count; j++) {
			assert_true(caspian_shard_has(&sh, got->series[j].name));
			long at = caspian_panel_find(p, got->series[j].name);
			assert_true(at >= 0);
			assert_same_series(&got->series[j], &p->series[at]);
		}
		total += got->count;
		caspian_panel_free(got);
	}
	assert_int_equal(total, 2000);
	caspian_store_close(st);
	/* which way each pattern went shows once a block is damaged */
	raw_exec(f->path, "UPDATE blocks SET meta = x'00' WHERE block = 10");
	st = open_mode(f, CASPIAN_STORE_READ);
	assert_load_fails(st, "trade.*", "is damaged");
	assert_load_fails(st, "t*", "is damaged");
	assert_load(st, "cargo.*", p);
	assert_load(st, "trade.0*", p);
	caspian_store_close(st);
	caspian_panel_free(p);
}

/* A failed write leaves the blocks as they were. */
static void test_blocks_failed_write_changes_nothing(void **state)
{
	struct fixture *f = *state;
	fill_store(f);
	long before = raw_int(f->path, "SELECT sum(length(meta)) + sum(length(vals)) FROM blocks");
	struct caspian_store *st = open_mode(f, CASPIAN_STORE_WRITE);
	const struct caspian_series *s = &f->want->series[5];
	assert_true(s->n > 0 && !isnan(s->values[0]));
	struct caspian_panel *p = caspian_panel_alloc();
	size_t k;
	assert_int_equal(caspian_panel_add_empty(p, s->name, s->freq, s->start, 1, &k, NULL),
			 CASPIAN_OK);
	p->series[k].values[0] = s->values[0] + 1; /* a conflict without --replace */
	assert_int_equal(caspian_panel_add_empty(p, "zzz.new", CASPIAN_FREQ_ANNUAL, 2000, 1, &k, NULL),
			 CASPIAN_OK);
	p->series[k].values[0] = 1;
	struct caspian_import_opts o = {.timestamp = T1};
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_import(st, p, &o, NULL, &err), CASPIAN_ECONFLICT);
	caspian_panel_free(p);
	assert_int_equal(stale(f), 0);
	assert_int_equal(blocks(f), 3);
	assert_int_equal(raw_int(f->path, "SELECT sum(length(meta)) + sum(length(vals)) FROM blocks"),
			 before);
	assert_load(st, "*", f->want);
	caspian_store_close(st);
}

/*
 * Schema version 1 is version 2 without the blocks: such a store is read
 * through its rows, and the first open for writing adds the blocks.
 */
static void test_blocks_from_version_1(void **state)
{
	struct fixture *f = *state;
	fill_store(f);
	raw_exec(f->path, "DROP TRIGGER series_added; DROP TRIGGER series_changed;"
			  "DROP TRIGGER series_removed; DROP TABLE blocks; DROP TABLE stale_blocks;"
			  "PRAGMA user_version = 1");
	struct caspian_store *st = open_mode(f, CASPIAN_STORE_READ);
	assert_load(st, "*", f->want);
	assert_load(st, "*.1?", f->want);
	caspian_store_close(st);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);

	/* a merge reads it as an input, and leaves it as it was */
	char out[320];
	snprintf(out, sizeof(out), "%s/merged.db", f->dir);
	struct caspian_store *merged = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_open(out, CASPIAN_STORE_WRITE, 0, &merged, &err), CASPIAN_OK);
	const char *inputs[] = {f->path};
	if (caspian_store_merge(merged, inputs, 1, NULL, &err))
		fail_msg("merge: %s", err.msg);
	assert_load(merged, "*", f->want);
	caspian_store_close(merged);
	assert_int_equal(raw_int(out, "SELECT count(*) FROM blocks"), 3);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);

	st = open_mode(f, CASPIAN_STORE_WRITE);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 2);
	assert_int_equal(blocks(f), 3);
	assert_int_equal(stale(f), 0);
	assert_load(st, "*", f->want);
	caspian_store_close(st);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_block_layout_round_trip),
		cmocka_unit_test(test_block_layout_damage),
		T(test_blocks_made_by_import),
		T(test_blocks_follow_caspian_writes),
		T(test_blocks_follow_other_programs),
		T(test_blocks_damaged),
		T(test_blocks_failed_write_changes_nothing),
		T(test_blocks_too_big_are_left_to_the_rows),
		T(test_blocks_for_many_by_prefix),
		T(test_blocks_from_version_1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
