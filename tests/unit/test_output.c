#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/numfmt.h"
#include "caspian/output.h"

static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT}, {"value", CASPIAN_COL_NUMBER},
	{"cagr", CASPIAN_COL_RATE},   {"n", CASPIAN_COL_INTEGER}};

static struct caspian_table *sample(void)
{
	struct caspian_table *t = caspian_table_alloc(cols, 4);
	assert_non_null(t);
	assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text(t, 0, "trade.uz_az", NULL), CASPIAN_OK);
	caspian_table_set_number(t, 1, 307.8);
	caspian_table_set_number(t, 2, 0.32499869538924720);
	caspian_table_set_number(t, 3, 8);
	assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text(t, 0, "a \"quoted\", name", NULL), CASPIAN_OK);
	caspian_table_set_number(t, 1, 0.1);
	return t; /* row 2: cagr and n missing */
}

static char *render(const struct caspian_table *t, enum caspian_format f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(caspian_table_write(t, f, out, NULL), CASPIAN_OK);
	fclose(out);
	return buf;
}

static void test_output_csv_round_trip_numbers_and_quoting(void **state)
{
	(void)state;
	struct caspian_table *t = sample();
	char *s = render(t, CASPIAN_FORMAT_CSV);
	assert_string_equal(s, "series,value,cagr,n\n"
			       "trade.uz_az,307.8,0.3249986953892472,8\n"
			       "\"a \"\"quoted\"\", name\",0.1,,\n");
	free(s);
	caspian_table_free(t);
}

/* Integer columns print as printf("%.0f") would: written out by hand here. */
static void test_output_csv_integer_column(void **state)
{
	(void)state;
	static const struct caspian_column icol[] = {{"n", CASPIAN_COL_INTEGER}};
	static const double v[] = {0.0, -0.0, 7, -12, 2.5, 3.5, -2.5, 999999999999999.0,
				   -123456789012345.0};
	struct caspian_table *t = caspian_table_alloc(icol, 1);
	assert_non_null(t);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		caspian_table_set_number(t, 0, v[i]);
	}
	char *s = render(t, CASPIAN_FORMAT_CSV);
	/* -0 keeps its sign, halves go to the even neighbour (C's rounding of
	 * printf("%.0f", 2.5), which gives "2"). */
	assert_string_equal(s, "n\n0\n-0\n7\n-12\n2\n4\n-2\n999999999999999\n"
			       "-123456789012345\n");
	free(s);
	caspian_table_free(t);
}

static void test_output_json_nulls_and_escapes(void **state)
{
	(void)state;
	struct caspian_table *t = sample();
	char *s = render(t, CASPIAN_FORMAT_JSON);
	assert_string_equal(s, "[\n {\"series\": \"trade.uz_az\", \"value\": 307.8, \"cagr\": 0.3249986953892472, \"n\": 8},\n"
			       " {\"series\": \"a \\\"quoted\\\", name\", \"value\": 0.1, \"cagr\": null, \"n\": null}\n]\n");
	free(s);
	caspian_table_free(t);
}

static void test_output_table_rounds_for_people(void **state)
{
	(void)state;
	struct caspian_table *t = sample();
	char *s = render(t, CASPIAN_FORMAT_TABLE);
	/* widths: series 16 (the quoted name), value 5, cagr 6 ("32.50%"), n 2 ("NA") */
	assert_string_equal(s, "series            value    cagr   n\n"
			       "trade.uz_az       307.8  32.50%   8\n"
			       "a \"quoted\", name    0.1      NA  NA\n");
	free(s);
	caspian_table_free(t);
}

static void test_output_human_numbers(void **state)
{
	(void)state;
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{307.8, "307.8"}, {1234567.891, "1234568"}, {0.000123456789, "0.000123457"},
		{-2.5, "-2.5"}, {0, "0"}, {1e20, "1e+20"}, {-0.0000004, "-4e-07"}, {9.5, "9.5"},
		{2.4631, "2.4631"}, {NAN, "NA"},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		caspian_format_human(cases[i].v, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
}

static void test_output_dtoa_shortest_and_exact(void **state)
{
	(void)state;
	char buf[CASPIAN_DTOA_SIZE];
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{0.1, "0.1"}, {307.8, "307.8"}, {1.0 / 3.0, "0.3333333333333333"},
		{120000, "120000"}, {1e21, "1e+21"}, {-0.0, "-0"},
		{0.000015, "0.000015"}, {1e-7, "1e-07"}, {2.0 / 3.0, "0.6666666666666666"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		caspian_dtoa(cases[i].v, buf);
		assert_string_equal(buf, cases[i].text);
	}
	/* every double from a fixed LCG reads back to the same bits */
	uint64_t x = 0x2545F4914F6CDD1DULL;
	for (int i = 0; i < 200000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		double v;
		memcpy(&v, &x, sizeof(v));
		if (isnan(v) || isinf(v))
			continue;
		caspian_dtoa(v, buf);
		double back = strtod(buf, NULL);
		assert_memory_equal(&back, &v, sizeof(v));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output_csv_round_trip_numbers_and_quoting),
		cmocka_unit_test(test_output_csv_integer_column),
		cmocka_unit_test(test_output_json_nulls_and_escapes),
		cmocka_unit_test(test_output_table_rounds_for_people),
		cmocka_unit_test(test_output_human_numbers),
		cmocka_unit_test(test_output_dtoa_shortest_and_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
