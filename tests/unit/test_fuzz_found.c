/*
 * Inputs that fuzzing (tests/fuzz) found to break an invariant, one test
 * each, named after the behaviour and dated.  The raw inputs are kept in
 * tests/fuzz/regressions/<target>/ and replayed by the fuzz.<target> tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caspian/claims.h"
#include "caspian/output.h"
#include "caspian/period.h"
#include "caspian/series.h"
#include "caspian/store.h"

/*
 * 2026-05 fuzz_period: formatting the weekly ordinal 2963650029786497024
 * multiplied it by 7 (the week's Thursday) and overflowed a long.  An ordinal
 * far outside years 0..9999 must simply print nothing, in every frequency.
 */
static void test_period_format_far_ordinals_print_nothing(void **state)
{
	(void)state;
	static const long far[] = {2963650029786497024L, LONG_MAX, LONG_MIN, LONG_MIN + 1,
				   -2963650029786497024L, 100000001L, -100000001L};
	for (int f = CASPIAN_FREQ_ANNUAL; f <= CASPIAN_FREQ_DAILY; f++) {
		for (size_t i = 0; i < sizeof(far) / sizeof(far[0]); i++) {
			char buf[CASPIAN_PERIOD_TEXT_MAX];
			memset(buf, 'x', sizeof(buf));
			assert_int_equal(caspian_period_format((enum caspian_freq)f, far[i], buf), 0);
			assert_int_equal(buf[0], '\0');
		}
	}
	/* The edges of the range still print: 9999-12-31 is day 2932896
	 * (days_from_civil: 10000 * 365 + 2425 leap days - 719528 - 1). */
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	assert_int_equal(caspian_period_format(CASPIAN_FREQ_DAILY, 2932896, buf), 10);
	assert_string_equal(buf, "9999-12-31");
	assert_int_equal(caspian_period_format(CASPIAN_FREQ_DAILY, 2932897, buf), 0);
}

/* Copies tests/fuzz/regressions/<rel> to a fresh file; returns its path. */
static const char *copy_input(const char *rel, char *path, size_t n)
{
	char from[512], dir[] = "/tmp/caspian-found-XXXXXX";
	snprintf(from, sizeof(from), "%s/tests/fuzz/regressions/%s", CASPIAN_SOURCE_DIR, rel);
	assert_non_null(mkdtemp(dir));
	snprintf(path, n, "%s/store.db", dir);
	FILE *in = fopen(from, "rb"), *out = fopen(path, "wb");
	assert_non_null(in);
	assert_non_null(out);
	char buf[4096];
	size_t k;
	while ((k = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, k, out), k);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	return path;
}

static void remove_copy(const char *path)
{
	char p[600];
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s", path);
	*strrchr(p, '/') = '\0';
	rmdir(p);
}

/*
 * 2026-05 fuzz_store: in a store whose name index SQLite did not notice was
 * damaged, "SELECT ... ORDER BY name" gave flights.week before flights.wee,
 * and caspian_store_load returned that unsorted panel, breaking every lookup
 * by name.  Load and list now read the table itself, not the index, and must
 * give the series it holds sorted by name.
 */
static void test_store_reads_the_table_past_a_stale_index(void **state)
{
	(void)state;
	char path[512];
	struct caspian_store *st = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	copy_input("store/names-out-of-order", path, sizeof(path));
	assert_int_equal(caspian_store_open(path, CASPIAN_STORE_READ, 0, &st, &err), CASPIAN_OK);

	struct caspian_panel *p = NULL;
	assert_int_equal(caspian_store_load(st, "*", &p, &err), CASPIAN_OK);
	/* The table holds trade.uz_az, cargo.transit and flights.week, in that
	 * rowid order (sqlite3 "SELECT rowid, name FROM series NOT INDEXED");
	 * "flights.wee" exists only as a stale index entry for row 1. */
	assert_int_equal(p->count, 3);
	assert_string_equal(p->series[0].name, "cargo.transit");
	assert_string_equal(p->series[1].name, "flights.week");
	assert_string_equal(p->series[2].name, "trade.uz_az");
	caspian_panel_free(p);

	struct caspian_series_info *info = NULL;
	size_t count = 0;
	caspian_error_init(&err);
	assert_int_equal(caspian_store_list(st, "*", &info, &count, &err), CASPIAN_OK);
	assert_int_equal(count, 3);
	assert_string_equal(info[0].name, "cargo.transit");
	assert_string_equal(info[1].name, "flights.week");
	assert_string_equal(info[2].name, "trade.uz_az");
	free(info);
	caspian_store_close(st);
	remove_copy(path);
}

/*
 * 2026-11 fuzz_store: a damaged store listed a series of zero observations
 * first; appending it to an empty panel computed its values pointer as
 * NULL + 0, which is undefined.  Every series, even an empty one, points into
 * a real buffer, and the store with that row loads or fails cleanly.
 */
static void test_empty_first_series_has_a_real_base(void **state)
{
	(void)state;
	struct caspian_error err;
	caspian_error_init(&err);
	struct caspian_panel *p = caspian_panel_alloc();
	assert_non_null(p);
	size_t k = 99;
	assert_int_equal(caspian_panel_add_empty(p, "a.empty", CASPIAN_FREQ_ANNUAL, 2000, 0, &k, &err),
			 CASPIAN_OK);
	assert_int_equal(k, 0);
	assert_non_null(p->series[0].values);
	assert_int_equal(caspian_panel_add_empty(p, "b.two", CASPIAN_FREQ_ANNUAL, 2000, 2, &k, &err),
			 CASPIAN_OK);
	p->series[1].values[1] = 4.0;
	assert_int_equal(p->series[0].n, 0);
	assert_true(p->series[1].values[1] == 4.0);
	caspian_panel_free(p);

	char path[512];
	struct caspian_store *st = NULL;
	copy_input("store/empty-series-first", path, sizeof(path));
	int rc = caspian_store_open(path, CASPIAN_STORE_READ, 0, &st, &err);
	if (rc == CASPIAN_OK) {
		struct caspian_panel *q = NULL;
		rc = caspian_store_load(st, "*", &q, &err);
		assert_true(rc == CASPIAN_OK || rc == CASPIAN_ESTORE);
		assert_true(rc == CASPIAN_OK ? q != NULL : q == NULL && err.msg[0] != '\0');
		caspian_panel_free(q);
		caspian_store_close(st);
	}
	remove_copy(path);
}

/* Writes text with caspian_csv_write_field into buf. */
static void csv_field(const char *text, char *buf, size_t n)
{
	memset(buf, 0, n);
	FILE *f = fmemopen(buf, n, "w");
	assert_non_null(f);
	caspian_csv_write_field(f, text);
	assert_int_equal(fclose(f), 0);
}

/*
 * 2026-05 fuzz_claims: a claim whose sentence ended in a tab was printed
 * unquoted, and the claims reader (libcsv, which trims spaces and tabs of
 * unquoted fields) read it back without the tab.  A field with a space or
 * tab at either end is written quoted, and reads back whole.
 */
static void test_csv_field_with_edge_tab_is_quoted_and_reads_back(void **state)
{
	(void)state;
	char buf[64];
	csv_field("In Feb\t", buf, sizeof(buf));
	assert_string_equal(buf, "\"In Feb\t\"");
	csv_field("\tx", buf, sizeof(buf));
	assert_string_equal(buf, "\"\tx\"");
	csv_field("a\tb", buf, sizeof(buf));
	assert_string_equal(buf, "a\tb");
	csv_field("", buf, sizeof(buf));
	assert_string_equal(buf, "");

	const char csv[] = "id,kind,subject,value,unit,sentence\n"
			   "c,count,a.b,3,forums,\"In Feb\t\"\n";
	struct caspian_claims *c = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_claims_parse(csv, sizeof(csv) - 1, "c.csv", &c, &err), CASPIAN_OK);
	assert_int_equal(c->count, 1);
	assert_string_equal(c->items[0].sentence, "In Feb\t");
	caspian_claims_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_format_far_ordinals_print_nothing),
		cmocka_unit_test(test_store_reads_the_table_past_a_stale_index),
		cmocka_unit_test(test_empty_first_series_has_a_real_base),
		cmocka_unit_test(test_csv_field_with_edge_tab_is_quoted_and_reads_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
