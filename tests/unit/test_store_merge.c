/*
 * caspian_store_merge(): shard stores merged into one.  Expected contents are
 * what was imported into the inputs, compared bit for bit.
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

#include "store_scratch.h"

#define T0 "2026-01-01T00:00:00.000000Z"
#define T1 "2026-01-31T12:00:00.000000Z"
#define T2 "2026-03-01T09:00:00.000001Z"

struct fixture {
	char dir[256];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f || scratch_dir_make(f->dir, sizeof(f->dir), "caspian-merge")) {
		free(f);
		return -1;
	}
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

/* The path of store `name` in the fixture's directory (a static buffer per slot). */
static const char *path(const struct fixture *f, const char *name)
{
	static char buf[16][300];
	static unsigned next;
	char *p = buf[next++ % 16];
	snprintf(p, 300, "%s/%s", f->dir, name);
	return p;
}

static uint64_t bits_of(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof(u));
	return u;
}

static struct caspian_store *open_write(const char *p)
{
	struct caspian_store *st = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	if (caspian_store_open(p, CASPIAN_STORE_WRITE, 0, &st, &err))
		fail_msg("open %s: %s", p, err.msg);
	return st;
}

static void add(struct caspian_panel *p, const char *name, long start, const double *v,
		size_t n, const char *unit)
{
	size_t k;
	assert_int_equal(caspian_panel_add_empty(p, name, CASPIAN_FREQ_ANNUAL, start, n, &k, NULL),
			 CASPIAN_OK);
	memcpy(p->series[k].values, v, n * sizeof(double));
	assert_int_equal(caspian_series_set_meta(&p->series[k], unit, "src", "note", NULL),
			 CASPIAN_OK);
}

/* Imports the series (name, start, values, unit) into the store at p, stamped ts. */
static void import_one(const char *p, const char *name, long start, const double *v, size_t n,
		       const char *unit, const char *ts, int replace)
{
	struct caspian_panel *pan = caspian_panel_alloc();
	struct caspian_store *st = open_write(p);
	struct caspian_import_opts o = {.replace = replace, .timestamp = ts};
	struct caspian_import_report rep;
	struct caspian_error err;
	caspian_error_init(&err);
	add(pan, name, start, v, n, unit);
	if (caspian_store_import(st, pan, &o, &rep, &err))
		fail_msg("import %s: %s", name, err.msg);
	caspian_store_close(st);
	caspian_panel_free(pan);
}

static int merge(const char *out, const char *const *in, size_t n,
		 struct caspian_merge_report *rep, struct caspian_error *err)
{
	struct caspian_store *st = open_write(out);
	caspian_error_init(err);
	int rc = caspian_store_merge(st, in, n, rep, err);
	caspian_store_close(st);
	return rc;
}

static size_t count_series(const char *p)
{
	struct caspian_store *st = NULL;
	struct caspian_series_info *info = NULL;
	size_t n = 0;
	assert_int_equal(caspian_store_open(p, CASPIAN_STORE_READ, 0, &st, NULL), CASPIAN_OK);
	assert_int_equal(caspian_store_list(st, "*", &info, &n, NULL), CASPIAN_OK);
	free(info);
	caspian_store_close(st);
	return n;
}

/*
 * Two shard stores, one with a replaced version (a vintage), the other with a
 * NaN carrying a payload written into its BLOB directly: the merged store
 * answers every question as the inputs did, bit for bit.
 */
static void test_store_merge_copies_everything(void **state)
{
	const struct fixture *f = *state;
	const double a1[] = {2.385, NAN, -0.0, 1e-310};
	const double a2[] = {2.5, 4.5, -0.0, 1e-310}; /* 2.385 replaced */
	const double b[] = {10.25, 11.5};
	const char *s0 = path(f, "s0.db"), *s1 = path(f, "s1.db"), *out = path(f, "out.db");
	import_one(s0, "trade.a", 2017, a1, 4, "USD million", T0, 0);
	import_one(s0, "trade.a", 2017, a2, 4, "USD million", T1, 1); /* a vintage */
	import_one(s1, "cargo.b", 2020, b, 2, "tonnes", T2, 0);
	/* 0x7ff8000000000abc, then 11.5 = 0x4027000000000000, little-endian */
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(s1, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE series SET vals = "
				      "X'bc0a00000000f87f0000000000002740'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	const char *in[] = {s0, s1};
	struct caspian_merge_report rep = {99, 99, 99, 99};
	struct caspian_error err;
	int rc = merge(out, in, 2, &rep, &err);
	if (rc)
		fail_msg("merge: %s", err.msg);
	assert_int_equal(rep.inputs, 2);
	assert_int_equal(rep.series_new, 2);
	assert_int_equal(rep.series_identical, 0);
	assert_int_equal(rep.vintages, 1);

	struct caspian_store *st = NULL;
	struct caspian_series *s = NULL;
	assert_int_equal(caspian_store_open(out, CASPIAN_STORE_READ, 0, &st, NULL), CASPIAN_OK);
	assert_int_equal(caspian_store_get(st, "trade.a", &s, NULL), CASPIAN_OK);
	assert_int_equal(s->start, 2017);
	assert_int_equal(s->n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_true(bits_of(s->values[i]) == bits_of(a2[i]));
	assert_string_equal(s->unit, "USD million");
	assert_string_equal(s->source, "src");
	assert_string_equal(s->note, "note");
	caspian_series_free(s);

	/* The version before T1. */
	assert_int_equal(caspian_store_get_as_of(st, "trade.a", "2026-01-15", &s, NULL), CASPIAN_OK);
	assert_true(isnan(s->values[1]));
	for (size_t i = 0; i < 4; i++)
		if (i != 1)
			assert_true(bits_of(s->values[i]) == bits_of(a1[i]));
	caspian_series_free(s);

	assert_int_equal(caspian_store_get(st, "cargo.b", &s, NULL), CASPIAN_OK);
	assert_true(bits_of(s->values[0]) == UINT64_C(0x7ff8000000000abc));
	assert_true(bits_of(s->values[1]) == bits_of(11.5));
	assert_string_equal(s->unit, "tonnes");
	caspian_series_free(s);

	struct caspian_vintage *v = NULL;
	size_t nv = 0;
	assert_int_equal(caspian_store_vintages(st, "trade.a", &v, &nv, NULL), CASPIAN_OK);
	assert_int_equal(nv, 2);
	assert_string_equal(v[0].valid_from, T0);
	assert_string_equal(v[0].valid_to, T1);
	assert_string_equal(v[1].valid_from, T1);
	assert_string_equal(v[1].valid_to, "");
	free(v);

	struct caspian_series_info *info = NULL;
	size_t n = 0;
	assert_int_equal(caspian_store_list(st, "*", &info, &n, NULL), CASPIAN_OK);
	assert_int_equal(n, 2);
	assert_string_equal(info[0].name, "cargo.b");
	assert_string_equal(info[0].created, T2);
	assert_string_equal(info[0].updated, T2);
	assert_string_equal(info[1].name, "trade.a");
	assert_string_equal(info[1].created, T0);
	assert_string_equal(info[1].updated, T1);
	assert_int_equal(info[1].vintages, 1);
	free(info);
	caspian_store_close(st);
}

/* Merging again, or an input twice, finds identical series and changes nothing. */
static void test_store_merge_identical_is_skipped(void **state)
{
	const struct fixture *f = *state;
	const double a[] = {1.5, 2.5, 3.5};
	const char *s0 = path(f, "s0.db"), *out = path(f, "out.db");
	import_one(s0, "x", 2000, a, 3, "u", T0, 0);
	import_one(s0, "x", 2000, (const double[]){1.5, 2.75, 3.5}, 3, "u", T1, 1);
	const char *in[] = {s0, s0};
	struct caspian_merge_report rep;
	struct caspian_error err;
	assert_int_equal(merge(out, in, 2, &rep, &err), CASPIAN_OK);
	assert_int_equal(rep.series_new, 1);
	assert_int_equal(rep.series_identical, 1);
	assert_int_equal(merge(out, in, 1, &rep, &err), CASPIAN_OK);
	assert_int_equal(rep.series_new, 0);
	assert_int_equal(rep.series_identical, 1);
	assert_int_equal(rep.vintages, 0);
	assert_int_equal(count_series(out), 1);
}

/*
 * Each kind of difference is a conflict naming the series, the input and
 * what differs, and nothing lands: not even the series of an earlier input
 * in the same call.
 */
static void test_store_merge_conflicts(void **state)
{
	const struct fixture *f = *state;
	const double a[] = {1.5, 2.5, 3.5};
	static const struct {
		const char *file;
		long start;
		double v1;
		const char *unit;
		const char *ts;
		int vintage;
		const char *what;
	} cases[] = {
		{"c_values.db", 2000, 9.0, "u", T0, 0, "(values)"},
		{"c_periods.db", 2001, 2.5, "u", T0, 0, "(periods)"},
		{"c_unit.db", 2000, 2.5, "v", T0, 0, "(unit)"},
		{"c_stamp.db", 2000, 2.5, "u", T1, 0, "(time stamps"},
		{"c_vintage.db", 2000, 2.5, "u", T0, 1, "(vintages)"},
	};
	const char *base = path(f, "base.db"), *other = path(f, "other.db");
	const char *out = path(f, "out.db");
	import_one(base, "trade.x", 2000, a, 3, "u", T0, 0);
	import_one(other, "trade.new", 1990, a, 3, "u", T0, 0);
	struct caspian_merge_report rep = {7, 7, 7, 7};
	struct caspian_error err;
	assert_int_equal(merge(out, (const char *[]){base}, 1, &rep, &err), CASPIAN_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *c = path(f, cases[i].file);
		double v[3] = {1.5, cases[i].v1, 3.5};
		if (cases[i].vintage) {
			/* Same current version and stamps as base, but with a history. */
			import_one(c, "trade.x", 2000, (const double[]){1.5, 0.5, 3.5}, 3, "u", T0, 0);
			import_one(c, "trade.x", 2000, v, 3, "u", T0, 1);
		} else {
			import_one(c, "trade.x", cases[i].start, v, 3, cases[i].unit, cases[i].ts, 0);
		}
		const char *in[] = {other, c};
		rep = (struct caspian_merge_report){7, 7, 7, 7};
		assert_int_equal(merge(out, in, 2, &rep, &err), CASPIAN_ECONFLICT);
		if (!strstr(err.msg, "trade.x") || !strstr(err.msg, cases[i].file) ||
		    !strstr(err.msg, "out.db") || !strstr(err.msg, cases[i].what))
			fail_msg("case %s: message \"%s\"", cases[i].file, err.msg);
		assert_int_equal(rep.inputs, 7); /* untouched */
		assert_int_equal(count_series(out), 1); /* trade.new did not land */
	}
}

static void test_store_merge_bad_inputs(void **state)
{
	const struct fixture *f = *state;
	const double a[] = {1.5};
	const char *s0 = path(f, "s0.db"), *out = path(f, "out.db");
	const char *missing = path(f, "missing.db"), *text = path(f, "text.db");
	import_one(s0, "x", 2000, a, 1, "u", T0, 0);
	FILE *t = fopen(text, "w");
	assert_non_null(t);
	fputs("series,period,value\nx,2000,1\n", t);
	fclose(t);
	struct caspian_merge_report rep;
	struct caspian_error err;

	assert_int_equal(merge(out, (const char *[]){s0, missing}, 2, &rep, &err),
			 CASPIAN_ENOTFOUND);
	assert_non_null(strstr(err.msg, "missing.db"));
	assert_int_equal(access(missing, F_OK), -1); /* not created by the attempt */
	assert_int_equal(count_series(out), 0);

	assert_int_equal(merge(out, (const char *[]){s0, text}, 2, &rep, &err), CASPIAN_ESTORE);
	assert_non_null(strstr(err.msg, "text.db"));
	assert_int_equal(count_series(out), 0);

	assert_int_equal(merge(out, (const char *[]){""}, 1, &rep, &err), CASPIAN_EINVAL);

	struct caspian_store *ro = NULL;
	assert_int_equal(caspian_store_open(out, CASPIAN_STORE_READ, 0, &ro, NULL), CASPIAN_OK);
	caspian_error_init(&err);
	assert_int_equal(caspian_store_merge(ro, (const char *[]){s0}, 1, &rep, &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "reading"));
	caspian_store_close(ro);
}

/* A corrupt input (a BLOB shorter than its length says) is refused by name. */
static void test_store_merge_corrupt_input(void **state)
{
	const struct fixture *f = *state;
	const double a[] = {1.5, 2.5};
	const char *s0 = path(f, "s0.db"), *out = path(f, "out.db");
	import_one(s0, "trade.bad", 2000, a, 2, "u", T0, 0);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(s0, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE series SET n = 3", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct caspian_merge_report rep;
	struct caspian_error err;
	assert_int_equal(merge(out, (const char *[]){s0}, 1, &rep, &err), CASPIAN_ESTORE);
	assert_non_null(strstr(err.msg, "trade.bad"));
	assert_non_null(strstr(err.msg, "corrupt"));
	assert_int_equal(count_series(out), 0);
}

/*
 * Twelve shard stores built with caspian_shard_select from one panel (more
 * than SQLite's ten attached databases) merge in one call into exactly what a
 * single import of the panel stores.
 */
static void test_store_merge_twelve_shards(void **state)
{
	const struct fixture *f = *state;
	enum { SHARDS = 12, SERIES = 300 };
	struct caspian_panel *p = caspian_panel_alloc();
	char name[40];
	for (size_t k = 0; k < SERIES; k++) {
		double v[6];
		for (size_t j = 0; j < 6; j++)
			v[j] = (j == 3 && k % 7 == 0) ? NAN : 2.385 * (double)(k + 1) + (double)j / 8;
		snprintf(name, sizeof(name), "s%zu.%c/x@y+z", k * 37, "ab-_:"[k % 5]);
		add(p, name, 2000 + (long)(k % 9), v, 6, k % 2 ? "t" : "USD");
	}
	caspian_panel_sort(p);
	const char *in[SHARDS];
	char names[SHARDS][16];
	struct caspian_import_opts o = {.replace = 0, .timestamp = T0};
	struct caspian_import_report irep;
	size_t total = 0;
	for (uint32_t i = 0; i < SHARDS; i++) {
		struct caspian_shard sh = {i, SHARDS};
		struct caspian_panel *q = NULL;
		snprintf(names[i], sizeof(names[i]), "shard%u.db", (unsigned)i);
		in[i] = path(f, names[i]);
		assert_int_equal(caspian_shard_select(p, &sh, &q, NULL), CASPIAN_OK);
		struct caspian_store *st = open_write(in[i]);
		assert_int_equal(caspian_store_import(st, q, &o, &irep, NULL), CASPIAN_OK);
		caspian_store_close(st);
		total += q->count;
		caspian_panel_free(q);
	}
	assert_int_equal(total, SERIES);
	const char *single = path(f, "single.db"), *out = path(f, "out.db");
	struct caspian_store *st = open_write(single);
	assert_int_equal(caspian_store_import(st, p, &o, &irep, NULL), CASPIAN_OK);
	caspian_store_close(st);

	struct caspian_merge_report rep;
	struct caspian_error err;
	int rc = merge(out, in, SHARDS, &rep, &err);
	if (rc)
		fail_msg("merge: %s", err.msg);
	assert_int_equal(rep.inputs, SHARDS);
	assert_int_equal(rep.series_new, SERIES);

	/* Merging the single-process store into the merged one finds every
	 * series identical (stamps included), and the loads agree bit for bit. */
	assert_int_equal(merge(out, (const char *[]){single}, 1, &rep, &err), CASPIAN_OK);
	assert_int_equal(rep.series_identical, SERIES);
	assert_int_equal(rep.series_new, 0);
	struct caspian_panel *a = NULL, *b = NULL;
	struct caspian_store *sa = NULL, *sb = NULL;
	assert_int_equal(caspian_store_open(single, CASPIAN_STORE_READ, 0, &sa, NULL), CASPIAN_OK);
	assert_int_equal(caspian_store_open(out, CASPIAN_STORE_READ, 0, &sb, NULL), CASPIAN_OK);
	assert_int_equal(caspian_store_load(sa, "*", &a, NULL), CASPIAN_OK);
	assert_int_equal(caspian_store_load(sb, "*", &b, NULL), CASPIAN_OK);
	assert_int_equal(a->count, SERIES);
	assert_int_equal(b->count, SERIES);
	for (size_t k = 0; k < SERIES; k++) {
		assert_string_equal(a->series[k].name, b->series[k].name);
		assert_int_equal(a->series[k].start, b->series[k].start);
		assert_int_equal(a->series[k].n, b->series[k].n);
		assert_string_equal(a->series[k].unit, b->series[k].unit);
		assert_memory_equal(a->series[k].values, b->series[k].values,
				    a->series[k].n * sizeof(double));
	}
	caspian_panel_free(a);
	caspian_panel_free(b);
	caspian_store_close(sa);
	caspian_store_close(sb);
	caspian_panel_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_merge_copies_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_merge_identical_is_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_merge_conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_merge_bad_inputs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_merge_corrupt_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_merge_twelve_shards, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
