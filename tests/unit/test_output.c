#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "caspian/numfmt.h"
#include "caspian/output.h"
#include "caspian/period.h"

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

/*
 * PERIOD cells: written as the period module writes each frequency (the
 * annual, quarterly and monthly texts below by hand; weekly and daily
 * ordinals from parsing their text), the bare ordinal outside years
 * 0..9999, empty / null / NA when missing, left-aligned in a table like
 * text, and never touched by the setters of the other kinds.
 */
static struct caspian_table *period_sample(void)
{
	static const struct caspian_column pc[] = {
		{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD}, {"value", CASPIAN_COL_NUMBER}};
	struct caspian_table *t = caspian_table_alloc(pc, 3);
	enum caspian_freq wf, df;
	long week, day;
	assert_int_equal(caspian_period_parse("2021-W05", 8, &wf, &week), CASPIAN_OK);
	assert_int_equal(caspian_period_parse("2024-02-29", 10, &df, &day), CASPIAN_OK);
	const struct {
		const char *name;
		enum caspian_freq f;
		long ordinal;
		double v;
	} rows[] = {
		{"a", CASPIAN_FREQ_ANNUAL, 2024, 1.5},
		{"b", CASPIAN_FREQ_QUARTERLY, 2024 * 4, NAN},      /* 2024Q1 */
		{"c", CASPIAN_FREQ_MONTHLY, 2024 * 12 + 2, 2},     /* 2024-03 */
		{"d", wf, week, 3},
		{"e", df, day, 4},
		{"f", CASPIAN_FREQ_NONE, 0, 5},                    /* left missing */
		{"g", CASPIAN_FREQ_ANNUAL, 10000, 6},              /* past year 9999 */
		{"h", CASPIAN_FREQ_ANNUAL, -(1L << 59) + 1, 7},    /* the lowest that fits */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		assert_int_equal(caspian_table_set_text(t, 0, rows[i].name, NULL), CASPIAN_OK);
		if (rows[i].f != CASPIAN_FREQ_NONE)
			assert_int_equal(caspian_table_set_period(t, 1, rows[i].f, rows[i].ordinal, NULL),
					 CASPIAN_OK);
		caspian_table_set_number(t, 2, rows[i].v);
		/* other kinds' setters leave a period cell alone, and the reverse */
		caspian_table_set_number(t, 1, 99);
		assert_int_equal(caspian_table_set_text(t, 1, "text", NULL), CASPIAN_OK);
		assert_int_equal(caspian_table_set_period(t, 2, CASPIAN_FREQ_ANNUAL, 1, NULL),
				 CASPIAN_OK);
	}
	return t;
}

static void test_output_period_cells(void **state)
{
	(void)state;
	struct caspian_table *t = period_sample();
	char *s = render(t, CASPIAN_FORMAT_CSV);
	assert_string_equal(s, "series,period,value\n"
			       "a,2024,1.5\n"
			       "b,2024Q1,\n"
			       "c,2024-03,2\n"
			       "d,2021-W05,3\n"
			       "e,2024-02-29,4\n"
			       "f,,5\n"
			       "g,10000,6\n"
			       "h,-576460752303423487,7\n");
	free(s);
	s = render(t, CASPIAN_FORMAT_JSON);
	assert_string_equal(s, "[\n {\"series\": \"a\", \"period\": \"2024\", \"value\": 1.5},\n"
			       " {\"series\": \"b\", \"period\": \"2024Q1\", \"value\": null},\n"
			       " {\"series\": \"c\", \"period\": \"2024-03\", \"value\": 2},\n"
			       " {\"series\": \"d\", \"period\": \"2021-W05\", \"value\": 3},\n"
			       " {\"series\": \"e\", \"period\": \"2024-02-29\", \"value\": 4},\n"
			       " {\"series\": \"f\", \"period\": null, \"value\": 5},\n"
			       " {\"series\": \"g\", \"period\": \"10000\", \"value\": 6},\n"
			       " {\"series\": \"h\", \"period\": \"-576460752303423487\", \"value\": 7}\n]\n");
	free(s);
	s = render(t, CASPIAN_FORMAT_TABLE);
	/* widths: series 6, period 19 (row h, 2^59 - 1 negated), value 5; periods on the left */
	assert_string_equal(s, "series  period               value\n"
			       "a       2024                   1.5\n"
			       "b       2024Q1                  NA\n"
			       "c       2024-03                  2\n"
			       "d       2021-W05                 3\n"
			       "e       2024-02-29               4\n"
			       "f       NA                       5\n"
			       "g       10000                    6\n"
			       "h       -576460752303423487      7\n");
	free(s);
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_table_set_period(t, 1, CASPIAN_FREQ_NONE, 2024, &err), CASPIAN_EINVAL);
	assert_int_equal(caspian_table_set_period(t, 1, CASPIAN_FREQ_ANNUAL, 1L << 59, NULL),
			 CASPIAN_EINVAL);
	assert_int_equal(caspian_table_set_period(t, 1, CASPIAN_FREQ_ANNUAL, -(1L << 59), NULL),
			 CASPIAN_EINVAL);
	assert_int_equal(caspian_table_set_period(t, 1, (enum caspian_freq)6, 1, NULL),
			 CASPIAN_EINVAL);
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

/* The table NUMBER rule written the slow way, with printf doing all rounding. */
static void human_slow(double v, char *buf, size_t n)
{
	double a = fabs(v);
	if (isnan(v) || isinf(v) || a == 0 || a < 1e-4 || a >= 1e15) {
		caspian_format_human(v, buf, n); /* these branches call printf directly */
		return;
	}
	int decimals = 6 - ((int)floor(log10(a)) + 1);
	if (decimals < 0)
		decimals = 0;
	int len = snprintf(buf, n, "%.*f", decimals, v);
	if (decimals > 0) {
		while (len > 0 && buf[len - 1] == '0')
			buf[--len] = '\0';
		if (len > 0 && buf[len - 1] == '.')
			buf[--len] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, n, "0");
}

static double next_value(uint64_t *x, int i)
{
	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	uint64_t r = *x >> 11;
	double u = (double)r / 9007199254740992.0; /* [0, 1) */
	switch (i % 4) {
	case 0: /* any magnitude the fixed form covers */
		return (i & 8 ? -1 : 1) * pow(10, -4 + 19 * u);
	case 1: /* data with two decimals, and their sums */
		return (double)(r % 100000000) / 100.0 + (i & 16 ? 0.1 + 0.2 : 0);
	case 2: /* exact ties at the rounding digit: x.5 units of the last kept place */
		return ((double)(r % 2000000) + 0.5) / (double)(1 << (r % 3));
	default: /* random bit patterns */
		{
			double v;
			memcpy(&v, x, sizeof(v));
			return v;
		}
	}
}

static void test_output_fast_rounding_matches_printf(void **state)
{
	(void)state;
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	char fast[64], slow[64];
	for (int i = 0; i < 400000; i++) {
		double v = next_value(&x, i);
		caspian_format_human(v, fast, sizeof(fast));
		human_slow(v, slow, sizeof(slow));
		if (strcmp(fast, slow) != 0)
			fail_msg("%.17g: '%s', printf says '%s'", v, fast, slow);
	}
	/* RATE and INTEGER cells through a table, against printf */
	static const struct caspian_column rc[] = {{"r", CASPIAN_COL_RATE},
						   {"i", CASPIAN_COL_INTEGER}};
	static const double extra[] = {0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.00005, -0.00005,
				       1e15, 123456789012.5};
	for (int i = 0; i < 20000 + 11; i++) {
		double v = i < 11 ? extra[i] : next_value(&x, i);
		if (isnan(v) || isinf(v) || fabs(v) > 1e200) /* a cell holds up to 255 bytes */
			continue;
		struct caspian_table *t = caspian_table_alloc(rc, 2);
		assert_non_null(t);
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		caspian_table_set_number(t, 0, v);
		caspian_table_set_number(t, 1, v);
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		char *s = render(t, CASPIAN_FORMAT_TABLE);
		char r[400], in[400], want[2000];
		snprintf(r, sizeof(r), "%.2f%%", v * 100.0);
		snprintf(in, sizeof(in), "%.0f", v);
		/* what rounds to zero shows no sign: -0.00005 is "0.00%" and "0" */
		if (strcmp(r, "-0.00%") == 0)
			memmove(r, r + 1, strlen(r));
		if (strcmp(in, "-0") == 0)
			memmove(in, in + 1, strlen(in));
		size_t wr = strlen(r) > 1 ? strlen(r) : 1, wi = strlen(in) > 2 ? strlen(in) : 2;
		snprintf(want, sizeof(want), "%*s  %*s\n%*s  %*s\n%*s  %*s\n", (int)wr, "r",
			 (int)wi, "i", (int)wr, r, (int)wi, in, (int)wr, "NA", (int)wi, "NA");
		if (strcmp(s, want) != 0)
			fail_msg("%.17g: table\n%s, printf says\n%s", v, s, want);
		free(s);
		caspian_table_free(t);
	}
}

/*
 * Around every power of ten the fixed form covers, where the count of digits
 * before the point changes: a few ulps either side, and either side of the
 * relative distance (1e-9) at which the digit count stops calling log10.
 */
static void test_output_human_near_powers_of_ten(void **state)
{
	(void)state;
	static const double rel[] = {0, 1e-16, 3e-16, 1e-12, 9.99e-10, 1e-9, 1.01e-9, 1e-6, 1e-3};
	char fast[64], slow[64];
	for (int k = -4; k <= 15; k++) {
		double p = 1;
		char text[16];
		snprintf(text, sizeof(text), "1e%d", k);
		p = strtod(text, NULL); /* the double nearest 10^k */
		for (size_t r = 0; r < sizeof(rel) / sizeof(rel[0]); r++) {
			double around[2] = {p * (1 + rel[r]), p * (1 - rel[r])};
			for (int side = 0; side < 2; side++) {
				double v = around[side];
				for (int step = -4; step <= 4; step++) {
					double w = v;
					for (int j = 0; j < (step < 0 ? -step : step); j++)
						w = nextafter(w, step < 0 ? 0 : INFINITY);
					for (int sign = 0; sign < 2; sign++) {
						double x = sign ? -w : w;
						caspian_format_human(x, fast, sizeof(fast));
						human_slow(x, slow, sizeof(slow));
						if (strcmp(fast, slow) != 0)
							fail_msg("%.17g: '%s', printf says '%s'", x, fast, slow);
					}
				}
			}
		}
	}
}

/* Fill a table with rows rows of text, number, rate and integer cells. */
static void fill_rows(struct caspian_table *t, size_t from, size_t rows)
{
	for (size_t i = from; i < from + rows; i++) {
		char name[32];
		snprintf(name, sizeof(name), "s%zu", i / 7); /* runs of repeated text */
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		assert_int_equal(caspian_table_set_text(t, 0, i % 11 ? name : NULL, NULL), CASPIAN_OK);
		caspian_table_set_number(t, 1, i % 13 ? (double)i * 1.25 - 7 : NAN);
		caspian_table_set_number(t, 2, (double)i / 1000);
		caspian_table_set_number(t, 3, (double)i);
	}
}

/*
 * A table reserved ahead (large enough for the huge-page allocation, and
 * reserved again with rows in it, and outgrown) writes exactly what the same
 * rows added without reserving write, in every format.
 */
static void test_output_reserve_same_output(void **state)
{
	(void)state;
	size_t rows = 150000; /* 150,000 rows x 4 cells x 8 bytes: 4.8 MB */
	struct caspian_table *a = caspian_table_alloc(cols, 4), *b = caspian_table_alloc(cols, 4);
	assert_non_null(a);
	assert_non_null(b);
	fill_rows(a, 0, rows + 10);
	assert_int_equal(caspian_table_reserve(b, 0, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_reserve(b, 5, NULL), CASPIAN_OK);
	fill_rows(b, 0, 5);
	assert_int_equal(caspian_table_reserve(b, rows - 5, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_reserve(b, 3, NULL), CASPIAN_OK); /* already room */
	fill_rows(b, 5, rows + 5); /* 10 rows past the reservation */
	assert_int_equal(caspian_table_rows(b), rows + 10);
	for (int f = CASPIAN_FORMAT_TABLE; f <= CASPIAN_FORMAT_JSON; f++) {
		char *x = render(a, (enum caspian_format)f), *y = render(b, (enum caspian_format)f);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_table_reserve(b, SIZE_MAX / 2, &err), CASPIAN_ENOMEM);
	assert_int_equal(caspian_table_rows(b), rows + 10); /* unchanged */
	caspian_table_free(a);
	caspian_table_free(b);
}

static void test_output_repeated_text_cells(void **state)
{
	(void)state;
	static const struct caspian_column tc[] = {{"a", CASPIAN_COL_TEXT},
						   {"b", CASPIAN_COL_TEXT}};
	struct caspian_table *t = caspian_table_alloc(tc, 2);
	assert_non_null(t);
	const char *names[] = {"x", "x", "yy", "x", NULL, "x"};
	for (int i = 0; i < 6; i++) {
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		assert_int_equal(caspian_table_set_text(t, 0, names[i], NULL), CASPIAN_OK);
		assert_int_equal(caspian_table_set_text(t, 1, "first", NULL), CASPIAN_OK);
		assert_int_equal(caspian_table_set_text(t, 1, i % 2 ? "odd" : NULL, NULL), CASPIAN_OK);
	}
	char *s = render(t, CASPIAN_FORMAT_CSV);
	assert_string_equal(s, "a,b\nx,\nx,odd\nyy,\nx,odd\n,\nx,odd\n");
	free(s);
	caspian_table_free(t);
}

/*
 * A stable pointer repeated reuses its cell; anything set in between, and a
 * buffer rewritten under the same pointer through caspian_table_set_text,
 * still shows what was given.
 */
static void test_output_stable_text_cells(void **state)
{
	(void)state;
	static const struct caspian_column tc[] = {{"a", CASPIAN_COL_TEXT},
						   {"n", CASPIAN_COL_NUMBER}};
	struct caspian_table *t = caspian_table_alloc(tc, 2);
	assert_non_null(t);
	static const char x[] = "x", y[] = "yy";
	char buf[8];
	struct {
		const char *text;
		int stable;
		const char *rewrite; /* copied into buf first, and buf given */
	} rows[] = {
		{x, 1, NULL},  {x, 1, NULL},   {y, 1, NULL}, {x, 1, NULL},
		{NULL, 1, NULL}, {x, 1, NULL}, {NULL, 0, "b1"}, {x, 1, NULL},
		{NULL, 1, "b2"}, {NULL, 1, "b3"}, {NULL, 0, "b4"}, {NULL, 1, "b4"},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *text = rows[i].text;
		if (rows[i].rewrite) {
			strcpy(buf, rows[i].rewrite);
			text = buf;
		}
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		assert_int_equal(rows[i].stable ? caspian_table_set_text_stable(t, 0, text, NULL)
						: caspian_table_set_text(t, 0, text, NULL),
				 CASPIAN_OK);
		/* a number column takes no text, stable or not */
		assert_int_equal(caspian_table_set_text_stable(t, 1, x, NULL), CASPIAN_OK);
	}
	char *s = render(t, CASPIAN_FORMAT_CSV);
	/* row 10 rewrites buf yet shows row 9's text: the same stable pointer is
	 * not read again (why a rewritten buffer must not be given as stable) */
	assert_string_equal(s, "a,n\nx,\nx,\nyy,\nx,\n,\nx,\nb1,\nx,\nb2,\nb2,\nb4,\nb4,\n");
	free(s);
	caspian_table_free(t);
}

/*
 * Runs of rows: two series' rows set a run at a time.  The expected text is
 * written out by hand: periods 2019..2021 then 2020Q4..2021Q1, values with a
 * gap (the missing cell stays empty), names repeated down each run, and the
 * text run's same pointer after a different text copied again.
 */
static int fill_blank(const void *arg, size_t i0, size_t i1, struct caspian_table *t,
			 struct caspian_error *err)
{
	(void)arg;
	return caspian_table_add_rows(t, i1 - i0, err);
}

static void test_output_row_runs(void **state)
{
	(void)state;
	static const struct caspian_column rc[] = {
		{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD},
		{"value", CASPIAN_COL_NUMBER}, {"unit", CASPIAN_COL_TEXT}};
	static const char a[] = "a", b[] = "b.q", tonnes[] = "tonnes";
	const double va[] = {1.5, 2, 3}, vb[] = {-0.25};
	struct caspian_table *t = caspian_table_alloc(rc, 4);
	assert_non_null(t);
	assert_int_equal(caspian_table_add_rows(t, 3, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text_run(t, 0, 0, 3, a, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_period_run(t, 1, 0, 3, CASPIAN_FREQ_ANNUAL, 2019, NULL),
			 CASPIAN_OK);
	assert_int_equal(caspian_table_set_numbers(t, 2, 0, va, 3, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text_run(t, 3, 0, 3, tonnes, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_add_rows(t, 2, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text_run(t, 0, 3, 2, b, NULL), CASPIAN_OK);
	long q = 2020 * 4 + 3; /* 2020Q4 */
	assert_int_equal(caspian_table_set_period_run(t, 1, 3, 2, CASPIAN_FREQ_QUARTERLY, q, NULL),
			 CASPIAN_OK);
	assert_int_equal(caspian_table_set_numbers(t, 2, 4, vb, 1, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text_run(t, 3, 3, 2, NULL, NULL), CASPIAN_OK);
	/* row 2 again, its unit now through the run after another text */
	assert_int_equal(caspian_table_set_text_run(t, 3, 2, 1, tonnes, NULL), CASPIAN_OK);
	/* a run into a column of the other kind changes nothing */
	assert_int_equal(caspian_table_set_numbers(t, 0, 0, va, 3, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text_run(t, 2, 0, 3, a, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_period_run(t, 3, 0, 3, CASPIAN_FREQ_ANNUAL, 1, NULL),
			 CASPIAN_OK);
	char *s = render(t, CASPIAN_FORMAT_CSV);
	assert_string_equal(s, "series,period,value,unit\n"
			       "a,2019,1.5,tonnes\n"
			       "a,2020,2,tonnes\n"
			       "a,2021,3,tonnes\n"
			       "b.q,2020Q4,,\n"
			       "b.q,2021Q1,-0.25,\n");
	free(s);
	caspian_table_free(t);
}

/* Rows that do not exist, and periods past the limit, are refused with the
 * table unchanged; a table made while it is written takes no rows. */
static void test_output_row_runs_refused(void **state)
{
	(void)state;
	static const struct caspian_column rc[] = {{"period", CASPIAN_COL_PERIOD},
						   {"value", CASPIAN_COL_NUMBER}};
	const double v[] = {1, 2, 3};
	struct caspian_error err;
	caspian_error_init(&err);
	struct caspian_table *t = caspian_table_alloc(rc, 2);
	assert_non_null(t);
	/* an empty run is no error, even in a table without rows */
	assert_int_equal(caspian_table_set_numbers(t, 1, 0, v, 0, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text_run(t, 0, 0, 0, "x", NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_period_run(t, 0, 0, 0, CASPIAN_FREQ_ANNUAL, 1, NULL),
			 CASPIAN_OK);
	assert_int_equal(caspian_table_add_rows(t, 2, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_numbers(t, 1, 0, v, 3, &err), CASPIAN_EINVAL);
	assert_string_equal(err.msg, "rows 0 to 2 are not in the table");
	assert_int_equal(caspian_table_set_numbers(t, 1, 3, v, 1, NULL), CASPIAN_EINVAL);
	assert_int_equal(caspian_table_set_numbers(t, 1, SIZE_MAX, v, 2, NULL), CASPIAN_EINVAL);
	assert_int_equal(caspian_table_set_text_run(t, 0, 1, 2, "x", NULL), CASPIAN_EINVAL);
	/* 2^59 - 1 is the last ordinal a cell holds: a run of two from it ends past it */
	long last = (long)(((int64_t)1 << 59) - 1);
	assert_int_equal(caspian_table_set_period_run(t, 0, 0, 2, CASPIAN_FREQ_ANNUAL, last, NULL),
			 CASPIAN_EINVAL);
	assert_int_equal(caspian_table_set_period_run(t, 0, 0, 1, CASPIAN_FREQ_DAILY + 1, 0, NULL),
			 CASPIAN_EINVAL);
	assert_int_equal(caspian_table_set_numbers(t, 1, 1, v, 1, NULL), CASPIAN_OK);
	char *s = render(t, CASPIAN_FORMAT_CSV);
	assert_string_equal(s, "period,value\n,\n,1\n");
	free(s);
	caspian_table_free(t);
	t = caspian_table_alloc_fill(rc, 2, 5, fill_blank, NULL);
	assert_non_null(t);
	assert_int_equal(caspian_table_add_rows(t, 1, NULL), CASPIAN_EINVAL);
	caspian_table_free(t);
}

/* A table cuts a text of more than 255 bytes to 252 and "..."; CSV keeps it. */
static void test_output_long_text_cut_in_tables(void **state)
{
	(void)state;
	static const struct caspian_column tc[] = {{"name", CASPIAN_COL_TEXT},
						   {"note", CASPIAN_COL_TEXT}};
	char text[301], want[1024];
	memset(text, 'x', 300);
	text[300] = '\0';
	struct caspian_table *t = caspian_table_alloc(tc, 2);
	assert_non_null(t);
	assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text(t, 0, "a", NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text(t, 1, text, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
	assert_int_equal(caspian_table_set_text(t, 0, "b", NULL), CASPIAN_OK);
	char *s = render(t, CASPIAN_FORMAT_TABLE);
	/* the last column is not padded: "name  note", "a     " + 252 x + "...", "b     NA" */
	snprintf(want, sizeof(want), "name  note\na     %.252s...\nb     NA\n", text);
	assert_string_equal(s, want);
	free(s);
	s = render(t, CASPIAN_FORMAT_CSV);
	snprintf(want, sizeof(want), "name,note\na,%s\nb,\n", text);
	assert_string_equal(s, want);
	free(s);
	caspian_table_free(t);
}

/* A row longer than the output buffer (300 columns of 250 bytes) comes out whole. */
static void test_output_table_wider_than_buffer(void **state)
{
	(void)state;
	enum { NC = 300, W = 250 };
	static struct caspian_column wc[NC];
	static char names[NC][8];
	for (int j = 0; j < NC; j++) {
		snprintf(names[j], sizeof(names[j]), "c%d", j);
		wc[j].name = names[j];
		wc[j].kind = j % 2 ? CASPIAN_COL_NUMBER : CASPIAN_COL_TEXT;
	}
	char text[W + 1];
	memset(text, 'x', W);
	text[W] = '\0';
	struct caspian_table *t = caspian_table_alloc(wc, NC);
	assert_non_null(t);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		for (int j = 0; j < NC; j += 2)
			assert_int_equal(caspian_table_set_text(t, (size_t)j, i ? "y" : text, NULL), CASPIAN_OK);
		for (int j = 1; j < NC; j += 2)
			caspian_table_set_number(t, (size_t)j, 1.5);
	}
	char *s = render(t, CASPIAN_FORMAT_TABLE);
	/* every line: 150 text cells of width 250, 150 numbers as wide as their
	 * name or "1.5", two blanks between columns, and the newline */
	size_t want = 150 * 250 + 2 * (NC - 1) + 1;
	for (int j = 1; j < NC; j += 2)
		want += strlen(names[j]) > 3 ? strlen(names[j]) : 3;
	char *line = s;
	for (int k = 0; k < 3; k++) {
		char *nl = strchr(line, '\n');
		assert_non_null(nl);
		assert_int_equal((size_t)(nl - line) + 1, want);
		line = nl + 1;
	}
	assert_string_equal(line, "");
	assert_non_null(strstr(s, "y" "                                                  "));
	assert_non_null(strstr(s, "   1.5\n"));
	free(s);
	caspian_table_free(t);
}

/*
 * Many rows (a few thousand, so several chunks and rounds of the writers),
 * text repeated across chunk boundaries, text that needs quoting or
 * escaping, missing cells: CSV and JSON equal a text built here cell by
 * cell with printf, and the output is the same with one thread and with
 * several.  The numbers are quarters below 2^20 and small integers, whose
 * shortest text is printf's "%.15g".
 */
static void build_rows(struct caspian_table *t, size_t rows)
{
	for (size_t i = 0; i < rows; i++) {
		char name[48];
		snprintf(name, sizeof(name), i % 300 < 150 ? "s%zu" : "s,\"%zu\"", i / 1500);
		assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK);
		assert_int_equal(caspian_table_set_text(t, 0, i % 997 ? name : NULL, NULL), CASPIAN_OK);
		caspian_table_set_number(t, 1, i % 13 ? (double)(i % 4000000) / 4 - 5000 : NAN);
		caspian_table_set_number(t, 2, (double)(i % 7) / 8);
		caspian_table_set_number(t, 3, i % 17 ? (double)i - 3000 : NAN);
	}
}

static void test_output_many_rows_csv_json(void **state)
{
	(void)state;
	size_t rows = 9000;
	struct caspian_table *t = caspian_table_alloc(cols, 4);
	assert_non_null(t);
	build_rows(t, rows);
	char *csv = NULL, *json = NULL;
	size_t csv_len = 0, json_len = 0;
	FILE *c = open_memstream(&csv, &csv_len), *j = open_memstream(&json, &json_len);
	assert_non_null(c);
	assert_non_null(j);
	fputs("series,value,cagr,n\n", c);
	fputs("[", j);
	for (size_t i = 0; i < rows; i++) {
		char name[48], q[64], e[64];
		int has_name = i % 997 != 0;
		int quoted = i % 300 >= 150;
		snprintf(name, sizeof(name), "%zu", i / 1500);
		snprintf(q, sizeof(q), quoted ? "\"s,\"\"%s\"\"\"" : "s%s", name);
		snprintf(e, sizeof(e), quoted ? "\"s,\\\"%s\\\"\"" : "\"s%s\"", name);
		double v = (double)(i % 4000000) / 4 - 5000, r = (double)(i % 7) / 8;
		fprintf(c, "%s,", has_name ? q : "");
		if (i % 13)
			fprintf(c, "%.15g", v);
		fprintf(c, ",%.15g,", r);
		if (i % 17)
			fprintf(c, "%ld", (long)i - 3000);
		fputc('\n', c);
		fprintf(j, "%s {\"series\": %s, \"value\": ", i ? ",\n" : "\n", has_name ? e : "null");
		if (i % 13)
			fprintf(j, "%.15g", v);
		else
			fputs("null", j);
		fprintf(j, ", \"cagr\": %.15g, \"n\": ", r);
		if (i % 17)
			fprintf(j, "%ld}", (long)i - 3000);
		else
			fputs("null}", j);
	}
	fputs("\n]\n", j);
	fclose(c);
	fclose(j);
	for (int threads = 1; threads <= 3; threads++) {
#ifdef _OPENMP
		omp_set_dynamic(0);
		omp_set_num_threads(threads);
#endif
		char *s = render(t, CASPIAN_FORMAT_CSV);
		assert_string_equal(s, csv);
		free(s);
		s = render(t, CASPIAN_FORMAT_JSON);
		assert_string_equal(s, json);
		free(s);
	}
	free(csv);
	free(json);
	caspian_table_free(t);
}

/*
 * The aligned table of many rows: every line as wide as the widest cell of
 * each column allows (widths taken over all chunks: the widest cells sit in
 * the last rows), each cell checked against printf, the same for any
 * thread count.
 */
static void test_output_many_rows_table(void **state)
{
	(void)state;
	size_t rows = 9000;
	struct caspian_table *t = caspian_table_alloc(cols, 4);
	assert_non_null(t);
	build_rows(t, rows);
	assert_int_equal(caspian_table_add_row(t, NULL), CASPIAN_OK); /* the widest row last */
	assert_int_equal(caspian_table_set_text(t, 0, "a-much-longer-series-name", NULL), CASPIAN_OK);
	caspian_table_set_number(t, 1, -123456.5);
	caspian_table_set_number(t, 2, -12.5);
	caspian_table_set_number(t, 3, 1e12);
	char *first = NULL;
	for (int threads = 1; threads <= 3; threads++) {
#ifdef _OPENMP
		omp_set_dynamic(0);
		omp_set_num_threads(threads);
#endif
		char *s = render(t, CASPIAN_FORMAT_TABLE);
		if (!first) {
			first = s;
			continue;
		}
		assert_string_equal(s, first);
		free(s);
	}
	/* widths: series 25 (the last name), value 8 ("-4999.75"; the last
	 * row's -123456.5 rounds to "-123456", 7), cagr 9 ("-1250.00%"), n 13
	 * ("1000000000000") */
	const char *line = first;
	for (size_t i = 0; i <= rows + 1; i++) {
		const char *nl = strchr(line, '\n');
		assert_non_null(nl);
		if (i > 0 && i <= rows) {
			size_t r = i - 1;
			char want[256], name[48], v[32], rate[32], n[32];
			if (r % 997 == 0)
				snprintf(name, sizeof(name), "NA");
			else
				snprintf(name, sizeof(name), r % 300 < 150 ? "s%zu" : "s,\"%zu\"", r / 1500);
			double x = (double)(r % 4000000) / 4 - 5000;
			if (r % 13)
				snprintf(v, sizeof(v), "%.15g", x); /* at most 6 significant digits here */
			else
				snprintf(v, sizeof(v), "NA");
			snprintf(rate, sizeof(rate), "%.2f%%", (double)(r % 7) / 8 * 100);
			if (r % 17)
				snprintf(n, sizeof(n), "%ld", (long)r - 3000);
			else
				snprintf(n, sizeof(n), "NA");
			snprintf(want, sizeof(want), "%-25s  %8s  %9s  %13s\n", name, v, rate, n);
			if (strncmp(line, want, strlen(want)) != 0)
				fail_msg("row %zu: '%.*s', want '%s'", r, (int)(nl - line + 1), line, want);
		}
		line = nl + 1;
	}
	assert_string_equal(line, "");
	free(first);
	caspian_table_free(t);
}

/* ---- tables made while they are written ---------------------------------- */

static const struct caspian_column six[] = {
	{"series", CASPIAN_COL_TEXT},   {"period", CASPIAN_COL_TEXT},
	{"value", CASPIAN_COL_NUMBER},  {"rate", CASPIAN_COL_RATE},
	{"n", CASPIAN_COL_INTEGER},     {"note", CASPIAN_COL_TEXT}};

/* Row i of the generated tables: names repeat down the rows (as a series'
 * name does), with missing texts and numbers here and there. */
static int six_row(struct caspian_table *t, size_t i, size_t ncols, struct caspian_error *err)
{
	char name[32], period[32];
	snprintf(name, sizeof(name), "cargo.s%zu", i / 7);
	snprintf(period, sizeof(period), "%zu-%02zu", 2000 + i / 12, i % 12 + 1);
	int rc = caspian_table_add_row(t, err);
	if (rc == CASPIAN_OK)
		rc = caspian_table_set_text(t, 0, name, err);
	if (rc == CASPIAN_OK)
		rc = caspian_table_set_text(t, 1, i % 5 ? period : NULL, err);
	if (rc == CASPIAN_OK && ncols > 5)
		rc = caspian_table_set_text(t, 5, i % 11 ? "a, \"b\"" : "x", err);
	caspian_table_set_number(t, 2, i % 3 ? (double)i / 7 : NAN);
	if (ncols > 4) {
		caspian_table_set_number(t, 3, (double)i * 1e-3 - 0.5);
		caspian_table_set_number(t, 4, (double)(i % 4));
	}
	return rc;
}

/* arg: the number of columns, a size_t */
static int six_fill(const void *arg, size_t i0, size_t i1, struct caspian_table *t,
		    struct caspian_error *err)
{
	size_t ncols = *(const size_t *)arg;
	int rc = CASPIAN_OK;
	for (size_t i = i0; rc == CASPIAN_OK && i < i1; i++)
		rc = six_row(t, i, ncols, err);
	return rc;
}

static const size_t six_cols = 6, three_cols = 3;

static struct caspian_table *six_stored(size_t nrows, size_t ncols)
{
	struct caspian_table *t = caspian_table_alloc(six, ncols);
	assert_non_null(t);
	for (size_t i = 0; i < nrows; i++)
		assert_int_equal(six_row(t, i, ncols, NULL), CASPIAN_OK);
	return t;
}

/*
 * A table made while it is written prints exactly what a table holding the
 * same rows prints (whose formats the tests above check by hand), in every
 * format: for no row, one row (the one-row layout too), and across the
 * chunks of 1024 rows and the rounds of 8 chunks.
 */
static void test_output_fill_table_writes_as_stored(void **state)
{
	(void)state;
	static const size_t rows[] = {0, 1, 2, 1023, 1024, 1025, 3001, 8192, 9000};
	static const size_t widths[] = {6, 5};
	static const enum caspian_format formats[] = {CASPIAN_FORMAT_CSV, CASPIAN_FORMAT_JSON,
						      CASPIAN_FORMAT_TABLE};
	for (size_t w = 0; w < 2; w++) {
		for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
			struct caspian_table *stored = six_stored(rows[r], widths[w]);
			struct caspian_table *made =
				caspian_table_alloc_fill(six, widths[w], rows[r], six_fill, &widths[w]);
			assert_non_null(made);
			assert_int_equal(caspian_table_rows(made), rows[r]);
			for (size_t f = 0; f < 3; f++) {
				char *want = render(stored, formats[f]), *got = render(made, formats[f]);
				if (strcmp(want, got) != 0)
					fail_msg("%zu rows, %zu columns, format %d: outputs differ",
						 rows[r], widths[w], (int)formats[f]);
				free(want);
				free(got);
			}
			caspian_table_free(stored);
			caspian_table_free(made);
		}
	}
	/* and one small case written out by hand */
	struct caspian_table *made = caspian_table_alloc_fill(six, 3, 3, six_fill, &three_cols);
	char *csv = render(made, CASPIAN_FORMAT_CSV);
	assert_string_equal(csv, "series,period,value\n"
				 "cargo.s0,,\n"                       /* 0 % 5, 0 % 3 */
				 "cargo.s0,2000-02,0.14285714285714285\n" /* 1/7 */
				 "cargo.s0,2000-03,0.2857142857142857\n");  /* 2/7 */
	free(csv);
	caspian_table_free(made);
}

static int fill_fails(const void *arg, size_t i0, size_t i1, struct caspian_table *t,
		      struct caspian_error *err)
{
	(void)arg;
	if (i1 > 2048) /* the third chunk runs out of memory */
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	return six_fill(&six_cols, i0, i1, t, err);
}

static int fill_short(const void *arg, size_t i0, size_t i1, struct caspian_table *t,
		      struct caspian_error *err)
{
	(void)arg;
	return six_fill(&six_cols, i0, i1 - 1, t, err); /* one row too few */
}

/* A failing fill is an error of the write, never a short output called
 * done; rows cannot be added to a table made while it is written. */
static void test_output_fill_table_failures(void **state)
{
	(void)state;
	static const enum caspian_format formats[] = {CASPIAN_FORMAT_CSV, CASPIAN_FORMAT_JSON,
						      CASPIAN_FORMAT_TABLE};
	for (size_t f = 0; f < 3; f++) {
		caspian_table_fill_fn fns[] = {fill_fails, fill_short};
		for (size_t k = 0; k < 2; k++) {
			struct caspian_table *t = caspian_table_alloc_fill(six, 6, 5000, fns[k], NULL);
			char *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);
			struct caspian_error err;
			caspian_error_init(&err);
			assert_int_equal(caspian_table_write(t, formats[f], out, &err), CASPIAN_ENOMEM);
			assert_non_null(strstr(err.msg, "out of memory"));
			fclose(out);
			free(buf);
			caspian_table_free(t);
		}
	}
	struct caspian_table *t = caspian_table_alloc_fill(six, 6, 10, six_fill, &six_cols);
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_table_add_row(t, &err), CASPIAN_EINVAL);
	assert_int_equal(caspian_table_reserve(t, 5, &err), CASPIAN_EINVAL);
	assert_int_equal(caspian_table_rows(t), 10);
	caspian_table_free(t);
	assert_null(caspian_table_alloc_fill(six, 6, 10, NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output_csv_round_trip_numbers_and_quoting),
		cmocka_unit_test(test_output_csv_integer_column),
		cmocka_unit_test(test_output_json_nulls_and_escapes),
		cmocka_unit_test(test_output_table_rounds_for_people),
		cmocka_unit_test(test_output_period_cells),
		cmocka_unit_test(test_output_human_numbers),
		cmocka_unit_test(test_output_dtoa_shortest_and_exact),
		cmocka_unit_test(test_output_fast_rounding_matches_printf),
		cmocka_unit_test(test_output_human_near_powers_of_ten),
		cmocka_unit_test(test_output_reserve_same_output),
		cmocka_unit_test(test_output_repeated_text_cells),
		cmocka_unit_test(test_output_stable_text_cells),
		cmocka_unit_test(test_output_row_runs),
		cmocka_unit_test(test_output_row_runs_refused),
		cmocka_unit_test(test_output_long_text_cut_in_tables),
		cmocka_unit_test(test_output_table_wider_than_buffer),
		cmocka_unit_test(test_output_many_rows_csv_json),
		cmocka_unit_test(test_output_many_rows_table),
		cmocka_unit_test(test_output_fill_table_writes_as_stored),
		cmocka_unit_test(test_output_fill_table_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
