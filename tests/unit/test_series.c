#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "caspian/error.h"
#include "caspian/series.h"

/*
 * Metadata may be empty (shared, never freed) or a copy of its own; every
 * change between the two must leave the right text and free what it should.
 * Under the sanitizer build a wrong free or a leak fails the test.
 */
static void test_series_meta_cycles(void **state)
{
	(void)state;
	struct caspian_error err;
	caspian_error_init(&err);
	struct caspian_series *s = caspian_series_alloc("a.b", CASPIAN_FREQ_MONTHLY, 10, 3);
	assert_non_null(s);
	assert_string_equal(s->unit, "");
	assert_string_equal(s->source, "");
	assert_string_equal(s->note, "");
	assert_true(isnan(s->values[0]) && isnan(s->values[2]));
	assert_int_equal(caspian_series_set_meta(s, "USD", NULL, "n1", &err), CASPIAN_OK);
	assert_string_equal(s->unit, "USD");
	assert_string_equal(s->source, "");
	assert_string_equal(s->note, "n1");
	assert_int_equal(caspian_series_set_meta(s, "", "src", "", &err), CASPIAN_OK);
	assert_string_equal(s->unit, "");
	assert_string_equal(s->source, "src");
	assert_string_equal(s->note, "");
	assert_int_equal(caspian_series_set_meta(s, "", "", "", &err), CASPIAN_OK);
	assert_string_equal(s->source, "");
	assert_int_equal(caspian_series_set_meta(s, "t", "t", "t", &err), CASPIAN_OK);

	struct caspian_series *c = caspian_series_copy(s);
	assert_non_null(c);
	assert_string_equal(c->unit, "t");
	assert_ptr_not_equal(c->unit, s->unit); /* a copy, not a share */
	caspian_series_free(s);
	assert_string_equal(c->note, "t"); /* still there after the original is gone */
	caspian_series_free(c);
}

static void test_panel_meta(void **state)
{
	(void)state;
	struct caspian_error err;
	caspian_error_init(&err);
	struct caspian_panel *p = caspian_panel_alloc();
	assert_non_null(p);
	struct caspian_series *s = caspian_series_alloc("x", CASPIAN_FREQ_ANNUAL, 2000, 2);
	assert_non_null(s);
	s->values[0] = 1.5;
	s->values[1] = -2;
	assert_int_equal(caspian_panel_add(p, s, &err), CASPIAN_OK); /* empty metadata */
	assert_int_equal(caspian_series_set_meta(s, "kg", "", "why", &err), CASPIAN_OK);
	assert_int_equal(caspian_panel_add(p, s, &err), CASPIAN_OK);
	caspian_series_free(s);
	assert_int_equal(p->count, 2);
	assert_string_equal(p->series[0].unit, "");
	assert_string_equal(p->series[1].unit, "kg");
	assert_string_equal(p->series[1].source, "");
	assert_string_equal(p->series[1].note, "why");
	assert_true(p->series[1].values[0] == 1.5 && p->series[1].values[1] == -2);
	assert_int_equal(caspian_series_set_meta(&p->series[0], "m", "", "", &err), CASPIAN_OK);
	assert_int_equal(caspian_series_set_meta(&p->series[1], "", "", "", &err), CASPIAN_OK);
	assert_string_equal(p->series[0].unit, "m");
	assert_string_equal(p->series[1].unit, "");
	caspian_panel_free(p);
}

/* Small and large blocks: usable in full, large ones aligned for huge pages. */
/*
 * A panel keeps its series' names in blocks of its own: every name must
 * read back as it was given after the blocks have grown many times over,
 * after a sort, and whatever its length (one byte to CASPIAN_NAME_MAX).
 */
static void name_of(int i, char *name)
{
	int at = snprintf(name, CASPIAN_NAME_MAX + 1, "%d.", i); /* unique */
	int len = 1 + i * 7919 % CASPIAN_NAME_MAX;
	for (; at < len; at++)
		name[at] = "abcdefghij"[(i + at) % 10];
	name[at] = '\0';
}

static void test_panel_names_stay_put(void **state)
{
	(void)state;
	enum { COUNT = 30000 };
	struct caspian_panel *p = caspian_panel_alloc();
	char name[CASPIAN_NAME_MAX + 1];
	size_t k;
	assert_non_null(p);
	assert_int_equal(caspian_panel_add_empty(p, "z", CASPIAN_FREQ_ANNUAL, 2000, 1, &k, NULL),
			 CASPIAN_OK);
	for (int i = 0; i < COUNT; i++) {
		name_of(i, name);
		assert_int_equal(caspian_panel_add_empty(p, name, CASPIAN_FREQ_ANNUAL, 2000, 0, &k, NULL),
				 CASPIAN_OK);
	}
	name_of(COUNT - 1, name);
	assert_true(strlen(name) > 1);
	caspian_panel_sort(p);
	assert_int_equal(p->count, COUNT + 1);
	assert_string_equal(p->series[p->count - 1].name, "z");
	for (int i = 0; i < COUNT; i++) {
		name_of(i, name);
		long at = caspian_panel_find(p, name);
		assert_true(at >= 0);
		assert_string_equal(p->series[at].name, name);
	}
	caspian_panel_free(p);
}

static void test_big_alloc(void **state)
{
	(void)state;
	size_t sizes[] = {0, 1, 4096, CX_BIG_MIN - 1, CX_BIG_MIN, CX_BIG_MIN + 12345,
			  (size_t)5 * CX_BIG_MIN + 8};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *b = cx_big_alloc(sizes[i]);
		assert_non_null(b);
		if (sizes[i] >= CX_BIG_MIN)
			assert_int_equal((uintptr_t)b % (2u << 20), 0);
		if (sizes[i]) {
			memset(b, 0xA5, sizes[i]);
			assert_int_equal(b[0], 0xA5);
			assert_int_equal(b[sizes[i] - 1], 0xA5);
		}
		free(b);
	}
}

/* A panel reserved large enough to take the big allocation keeps every value. */
static void test_panel_reserve_big(void **state)
{
	(void)state;
	struct caspian_error err;
	caspian_error_init(&err);
	struct caspian_panel *p = caspian_panel_alloc();
	assert_non_null(p);
	size_t series = 600, n = 1200; /* 720,000 values, 5.8 MB */
	assert_int_equal(caspian_panel_reserve(p, series, series * n, &err), CASPIAN_OK);
	double *base = p->buffer;
	for (size_t i = 0; i < series; i++) {
		char name[16];
		size_t k;
		snprintf(name, sizeof(name), "s%04zu", i);
		assert_int_equal(caspian_panel_add_empty(p, name, CASPIAN_FREQ_MONTHLY, 0, n, &k, &err),
				 CASPIAN_OK);
		assert_int_equal(k, i);
		for (size_t j = 0; j < n; j++)
			p->series[k].values[j] = (double)(i * n + j);
	}
	assert_ptr_equal(p->buffer, base); /* nothing moved */
	for (size_t v = 0; v < series * n; v++)
		assert_true(p->buffer[v] == (double)v);
	caspian_panel_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_series_meta_cycles),
		cmocka_unit_test(test_panel_meta),
		cmocka_unit_test(test_panel_names_stay_put),
		cmocka_unit_test(test_big_alloc),
		cmocka_unit_test(test_panel_reserve_big),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
