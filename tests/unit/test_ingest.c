#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/error.h"
#include "caspian/ingest.h"
#include "caspian/period.h"
#include "caspian/series.h"
#include "ingest_internal.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

static long ordinal(const char *text)
{
	enum caspian_freq f;
	long p = 0;
	assert_int_equal(caspian_period_parse(text, strlen(text), &f, &p), CASPIAN_OK);
	return p;
}

/* ---- caspian_number_parse -------------------------------------------- */

struct number_case {
	const char *text;
	double expected;
};

/*
 * Expected doubles from CPython's correctly rounded float(), printed with
 *   python3 -c "print(float('TEXT').hex())"
 */
static const struct number_case numbers[] = {
	{"0.1", 0x1.999999999999ap-4},
	{"2.385", 0x1.3147ae147ae14p+1},
	{"1e23", 0x1.52d02c7e14af6p+76},            /* 10 * 1e22: the widened fast path */
	{"1234e25", 0x1.3efb452363717p+93},
	{"9007199254740993", 0x1p+53},               /* 2^53 + 1: halfway, ties to even */
	{"9007199254740993.0000000000000000000000001", 0x1.0000000000001p+53},
	{"2.2250738585072011e-308", 0x0.fffffffffffffp-1022},
	{"2.2250738585072014e-308", 0x1p-1022},
	{"4.9e-324", 0x0.0000000000001p-1022},
	{"2.4703282292062327e-324", 0.0},            /* just under half the least subnormal */
	{"2.4703282292062328e-324", 0x0.0000000000001p-1022},
	{"1.7976931348623157e308", 0x1.fffffffffffffp+1023},
	{"179769313486231580793728971405301e276", 0x1.fffffffffffffp+1023},
	{"8.98846567431158e307", 0x1p+1023},
	{"0.30000000000000004", 0x1.3333333333334p-2},
	{"123456789012345678901234567890", 0x1.8ee90ff6c373ep+96},
	{"3.14159265358979323846264338327950288419716939937510", 0x1.921fb54442d18p+1},
	{"-0.000123e-2", -0x1.4a2cf4d5aa6c0p-20},
	{".5", 0x1p-1},
	{"5.", 0x1.4p+2},
	{"+7", 0x1.cp+2},
	{"1E+2", 100.0},
	{"1e-400", 0.0},
	{"00000000000000000000000000012.5000000000000000000000000", 12.5},
};

static void test_ingest_number_correctly_rounded(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(numbers); i++) {
		double v = -999.0;
		const char *t = numbers[i].text;
		assert_int_equal(caspian_number_parse(t, strlen(t), &v), CASPIAN_OK);
		if (!same_bits(v, numbers[i].expected))
			fail_msg("%s parsed as %a, expected %a", t, v, numbers[i].expected);
	}
	double z = 1.0;
	assert_int_equal(caspian_number_parse("-0", 2, &z), CASPIAN_OK);
	assert_true(z == 0.0 && signbit(z));
	/* Only the first len bytes count: "12" of "123". */
	assert_int_equal(caspian_number_parse("123", 2, &z), CASPIAN_OK);
	assert_true(z == 12.0);
}

/* More digits than the 800 the slow path keeps: the sticky digit decides. */
static void test_ingest_number_long_halfway_cases(void **state)
{
	(void)state;
	/* 1 + 2^-53, the exact midpoint between 1 and the next double. */
	const char *mid = "1.00000000000000011102230246251565404236316680908203125";
	char buf[2048];
	double v;
	snprintf(buf, sizeof(buf), "%s%0900d", mid, 0);
	assert_int_equal(caspian_number_parse(buf, strlen(buf), &v), CASPIAN_OK);
	assert_true(same_bits(v, 1.0)); /* exactly halfway: ties to even */
	snprintf(buf, sizeof(buf), "%s%0900d1", mid, 0);
	assert_int_equal(caspian_number_parse(buf, strlen(buf), &v), CASPIAN_OK);
	assert_true(same_bits(v, 0x1.0000000000001p+0)); /* a hair above: rounds up */
	/* 0.(1000 zeros)1e1010 = 1e9 */
	snprintf(buf, sizeof(buf), "0.%01000d1e1010", 0);
	assert_int_equal(caspian_number_parse(buf, strlen(buf), &v), CASPIAN_OK);
	assert_true(v == 1e9);
}

static void test_ingest_number_rejects_malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "1,5", "1,234.5", " 1", "1 ", "0x10", "inf", "-inf", "Infinity", "nan",
		"NaN", "1e", "1e+", "e5", ".", "-", "+", "+-1", "1.2.3", "1..2", "--1",
		"1e5.0", "1_000", "1d5", "\xd9\xa1", "1e999", "-1e999", "1.7976931348623159e308",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		double v = 42.0;
		if (caspian_number_parse(bad[i], strlen(bad[i]), &v) != CASPIAN_EPARSE)
			fail_msg("\"%s\" was accepted as %a", bad[i], v);
		assert_true(v == 42.0); /* untouched */
	}
}

/* Fixed 64-bit LCG (Knuth's MMIX constants) so the test is deterministic. */
static uint64_t lcg_next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s;
}

static void test_ingest_number_roundtrips_17_digits(void **state)
{
	(void)state;
	uint64_t seed = 20170325;
	for (int i = 0; i < 5000; i++) {
		uint64_t bits = lcg_next(&seed) ^ (lcg_next(&seed) >> 32);
		double x, v;
		memcpy(&x, &bits, sizeof(x));
		if (!isfinite(x))
			continue;
		char buf[40];
		snprintf(buf, sizeof(buf), "%.17g", x);
		assert_int_equal(caspian_number_parse(buf, strlen(buf), &v), CASPIAN_OK);
		if (!same_bits(v, x))
			fail_msg("%s parsed as %a, printed from %a", buf, v, x);
	}
}

/* Short decimals mostly take the fast path: check them against glibc's strtod. */
static void test_ingest_number_short_decimals_match_strtod(void **state)
{
	(void)state;
	uint64_t seed = 2385;
	for (int i = 0; i < 20000; i++) {
		char buf[48];
		uint64_t r = lcg_next(&seed);
		int digits = 1 + (int)(r % 17), point = (int)((r >> 8) % (unsigned)(digits + 1));
		int exp = (int)((r >> 16) % 61) - 30;
		size_t n = 0;
		for (int d = 0; d < digits; d++) {
			if (d == point && d > 0)
				buf[n++] = '.';
			buf[n++] = (char)('0' + (lcg_next(&seed) >> 33) % 10);
		}
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "e%d", exp);
		double v, ref = strtod(buf, NULL);
		assert_int_equal(caspian_number_parse(buf, n, &v), CASPIAN_OK);
		if (!same_bits(v, ref))
			fail_msg("%s parsed as %a, strtod gives %a", buf, v, ref);
	}
}

static void test_ingest_missing_markers(void **state)
{
	(void)state;
	static const char *const yes[] = {"", "NA", "NaN", "nan", ".."};
	static const char *const no[] = {"na", "N/A", "NULL", ".", "...", "-", " ", "NA "};
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		assert_true(caspian_is_missing_marker(yes[i], strlen(yes[i])));
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		assert_false(caspian_is_missing_marker(no[i], strlen(no[i])));
}

/* ---- fixtures -------------------------------------------------------- */

struct fixture {
	const char *name;
	const char *csv;
	enum caspian_layout layout;
	size_t max_field, max_span; /* 0 = default */
	/* expected outcome */
	int code;
	long line, col;
	const char *msg; /* a substring of err.msg */
};

#define LONG CASPIAN_LAYOUT_LONG
#define WIDE CASPIAN_LAYOUT_WIDE
#define HDR "series,period,value\n"

static const struct fixture accepted[] = {
	{"unsorted_gaps", HDR "trade.uz_az,2019,45.5\ntrade.uz_az,2017,32.4\ncargo.x,2020Q3,NA\n"
			  "trade.uz_az,2021,..\ncargo.x,2020Q1,2.385\ncargo.x,2021Q1,-1e-3\n",
	 LONG, 0, 0, 0, 0, 0, NULL},
	{"crlf_bom_quoted", "\xEF\xBB\xBFseries,period,value,unit,source,note\r\n"
			    "flights.tas_gyd,2024-W05,14,flights/week,\"Press release, 2025\","
			    "\"He said \"\"fourteen\"\"\"\r\nflights.tas_gyd,2024-W06,15,,,\r\n",
	 LONG, 0, 0, 0, 0, 0, NULL},
	{"renamed_extra_cols", "id,name,date,obs,comment\n1,d.a,2024-02-28,1.25,x\n"
			       "2,d.a,2024-03-01,2.5,\n3,d.b,2023-12-31,nan,\"q\"\n",
	 LONG, 0, 0, 0, 0, 0, NULL},
	{"wide", "period,a.x,b.y\n2017-03,1.5,\n2017-01,NA,2\n2017-04,3,4\n",
	 WIDE, 0, 0, 0, 0, 0, NULL},
	{"blank_rows_cr_multiline", "\n\nseries,period,value,note\r\r\n,,,\n"
				    "s,2001,1,\"two\nlines\"\n\n,,\ns,2000,0.5,\rs,2002,2,",
	 LONG, 0, 0, 0, 0, 0, NULL},
	{"all_frequencies", HDR "a,2017,1\nq,2017Q4,2\nm,2017-12,3\nw,2017-W52,4\nd,2017-12-31,5\n",
	 LONG, 0, 0, 0, 0, 0, NULL},
	{"limits_just_fit", HDR "abcdefgh,2017,1\nabcdefgh,2021,\"12345678\"\n",
	 LONG, 8, 5, 0, 0, 0, NULL},
	/* rows the quick reader takes, interleaved, next to ones it leaves to the splitter */
	{"period_major_plain", HDR "a,2017-01,1\nb,2017-01,-0\nc,2017-01,\na,2017-02,.5\n"
				   "b,2017-02,5.\nc,2017-02,NA\na,2017-03,1234567890123456\n"
				   "c,2017-03,0.000000000000001\nb,2017-03,1e3\r\na,2016-12,+7\r",
	 LONG, 0, 0, 0, 0, 0, NULL},
};

static const struct fixture rejected[] = {
	{"value_thousands", HDR "a,2017,1\na,2018,\"1,234.5\"\n", LONG, 0, 0,
	 CASPIAN_EPARSE, 3, 3, "value \"1,234.5\" is not a number (use '.' for decimals"},
	{"value_text", HDR "a,2017,12a\n", LONG, 0, 0, CASPIAN_EPARSE, 2, 3, "value \"12a\" is not a number"},
	{"value_space", HDR "a,2017, 1\n", LONG, 0, 0, CASPIAN_EPARSE, 2, 3, "value \" 1\" is not a number"},
	{"value_inf", HDR "a,2017,1\na,2018,-Infinity\n", LONG, 0, 0, CASPIAN_EPARSE, 3, 3,
	 "value \"-Infinity\" is infinite"},
	{"value_overflow", HDR "a,2017,1e999\n", LONG, 0, 0, CASPIAN_EPARSE, 2, 3,
	 "value \"1e999\" is too large"},
	{"value_long_quoted", HDR "a,2017,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", LONG, 0, 0,
	 CASPIAN_EPARSE, 2, 3, "value \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"... is not"},
	{"period_bad", HDR "a,2017,1\na,2017-13,1\n", LONG, 0, 0, CASPIAN_EPARSE, 3, 2,
	 "period \"2017-13\" is not a period"},
	{"duplicate", HDR "a,2017,1\nb,2017,2\na,2017,NA\n", LONG, 0, 0, CASPIAN_EPARSE, 4, 2,
	 "series \"a\" has period \"2017\" twice"},
	{"duplicate_after_na", HDR "a,2017,NA\na,2017,3\n", LONG, 0, 0, CASPIAN_EPARSE, 3, 2, "twice"},
	{"duplicate_after_multiline", "series,period,value,note\na,2017,1,\"one\r\ntwo\"\na,2017,2,x\n",
	 LONG, 0, 0, CASPIAN_EPARSE, 4, 2, "twice"},
	{"mixed_freq", HDR "a,2017,1\nb,2017Q1,1\na,2017Q2,2\n", LONG, 0, 0, CASPIAN_EPARSE, 4, 2,
	 "period \"2017Q2\" is quarterly but series \"a\" has annual periods (line 2)"},
	{"missing_column", "series,period,val\na,2017,1\n", LONG, 0, 0, CASPIAN_EPARSE, 1, 1,
	 "the header has no \"value\" column (it has: series, period, val)"},
	/* UTF-16 is refused at once; a first byte that only looks like its mark is text */
	{"utf16_le", "\xFF\xFE" "s\x01" "e", LONG, 0, 0, CASPIAN_EPARSE, 1, 1,
	 "the input is UTF-16 text (it starts with a UTF-16 byte order mark)"},
	{"utf16_be", "\xFE\xFF" "\x01s", LONG, 0, 0, CASPIAN_EPARSE, 1, 1, "save it as UTF-8 CSV"},
	{"lone_ff", "\xFF" "series,period,value\n", LONG, 0, 0, CASPIAN_EPARSE, 1, 1,
	 "(it has: \xFF" "series, period, value)"},
	{"half_utf8_bom", "\xEF\xBB" "series,period,value\n", LONG, 0, 0, CASPIAN_EPARSE, 1, 1,
	 "(it has: \xEF\xBB" "series, period, value)"},
	/* control bytes in a header are shown escaped */
	{"header_control_bytes", "ser\x01ies,period,value\na,2017,1\n", LONG, 0, 0, CASPIAN_EPARSE, 1, 1,
	 "(it has: ser\\x01ies, period, value)"},
	{"duplicate_column", "series,period,value,value\na,2017,1,2\n", LONG, 0, 0, CASPIAN_EPARSE, 1, 4,
	 "column \"value\" appears twice in the header (columns 3 and 4)"},
	{"ragged_long", HDR "a,2017,1\na,2018,2,3\n", LONG, 0, 0, CASPIAN_EPARSE, 3, 4,
	 "row has more than 3 fields but the header has 3"},
	{"ragged_short", HDR "a,2017\n", LONG, 0, 0, CASPIAN_EPARSE, 2, 3,
	 "row has 2 fields but the header has 3"},
	{"empty", "", LONG, 0, 0, CASPIAN_EPARSE, 1, 1, "the input is empty"},
	{"bom_only", "\xEF\xBB\xBF", LONG, 0, 0, CASPIAN_EPARSE, 1, 1, "the input is empty"},
	{"header_only", "series,period,value\r\n\r\n", LONG, 0, 0, CASPIAN_EPARSE, 1, 1,
	 "the input has a header but no data rows"},
	{"field_too_long", HDR "abcdefghi,2017,1\n", LONG, 8, 0, CASPIAN_ELIMIT, 2, 1,
	 "field is longer than the limit of 8 bytes"},
	{"field_too_long_quoted", HDR "a,2017,\"123456789\"\n", LONG, 8, 0, CASPIAN_ELIMIT, 2, 3,
	 "longer than the limit"},
	{"field_too_long_before_quote", HDR "a,2017,123456789012\"x\n", LONG, 8, 0, CASPIAN_ELIMIT, 2, 3,
	 "longer than the limit"},
	{"field_too_long_unclosed", HDR "a,2017,\"123456789012", LONG, 8, 0, CASPIAN_ELIMIT, 2, 3,
	 "longer than the limit"},
	{"field_too_long_wins", HDR "a,20x7,1,abcdefghijk\n", LONG, 8, 0, CASPIAN_ELIMIT, 2, 4,
	 "longer than the limit"},
	{"series_name_space", HDR "a b,2017,1\n", LONG, 0, 0, CASPIAN_EPARSE, 2, 1,
	 "series name \"a b\" is not valid"},
	{"series_name_empty", HDR ",2017,1\n", LONG, 0, 0, CASPIAN_EPARSE, 2, 1,
	 "series name \"\" is not valid"},
	{"span", HDR "a,2017,1\na,2022,1\n", LONG, 0, 5, CASPIAN_ELIMIT, 3, 2,
	 "series \"a\" would span 6 periods (2017 to 2022), over the limit of 5"},
	{"span_backwards", HDR "a,2022-01,1\na,2021-12,1\na,2021-08,1\n", LONG, 0, 5, CASPIAN_ELIMIT, 4, 2,
	 "would span 6 periods"},
	{"unit_conflict", "series,period,value,unit\na,2017,1,USD\na,2018,2,\na,2019,3,EUR\n", LONG, 0, 0,
	 CASPIAN_EPARSE, 4, 4, "unit \"EUR\" differs from \"USD\" given for series \"a\" on line 2"},
	{"note_conflict", "series,period,value,source,note\na,2017,1,s,\"x, y\"\na,2018,2,s,\"x,y\"\n",
	 LONG, 0, 0, CASPIAN_EPARSE, 3, 5, "note \"x,y\" differs from \"x, y\""},
	{"quote_in_unquoted", HDR "a,2017,1\"x\n", LONG, 0, 0, CASPIAN_EPARSE, 2, 3,
	 "quote inside an unquoted field"},
	{"text_after_quote", HDR "\"a\"b,2017,1\n", LONG, 0, 0, CASPIAN_EPARSE, 2, 1,
	 "text after the closing quote"},
	{"unclosed_quote", HDR "a,2017,1\na,2018,\"2\n", LONG, 0, 0, CASPIAN_EPARSE, 3, 3,
	 "quoted field is not closed"},
	{"error_after_multiline", "series,period,value,note\na,2017,1,\"multi\nline\"\na,2018,bad,\"n\"\n",
	 LONG, 0, 0, CASPIAN_EPARSE, 4, 3, "value \"bad\""},
	{"lone_cr_lines", "series,period,value\ra,2017,1\ra,2017,2\r", LONG, 0, 0, CASPIAN_EPARSE, 3, 2,
	 "twice"},
	{"interleaved_duplicate", HDR "a,2017-01,1\nb,2017-01,2\na,2017-02,3\nb,2017-02,4\na,2017-02,5\n",
	 LONG, 0, 0, CASPIAN_EPARSE, 6, 2, "series \"a\" has period \"2017-02\" twice"},
	{"interleaved_mixed_freq", HDR "a,2017-01,1\nb,2017-01,2\na,2017-02,3\nb,2017Q1,4\n",
	 LONG, 0, 0, CASPIAN_EPARSE, 5, 2,
	 "period \"2017Q1\" is quarterly but series \"b\" has monthly periods (line 3)"},
	{"month_13_after_plain_rows", HDR "a,2017-01,1\na,2017-02,2\na,2017-13,3\n", LONG, 0, 0,
	 CASPIAN_EPARSE, 4, 2, "period \"2017-13\" is not a period"},
	{"overflow_after_plain_rows", HDR "a,2017-01,1\na,2017-02,1e999\n", LONG, 0, 0,
	 CASPIAN_EPARSE, 3, 3, "value \"1e999\" is too large"},
	{"long_value_after_plain_rows", HDR "a,2017-01,1\na,2017-02,123456789\n", LONG, 8, 0,
	 CASPIAN_ELIMIT, 3, 3, "field is longer than the limit of 8 bytes"},
	{"extra_field_after_plain_rows", HDR "a,2017-01,1\na,2017-02,2,\n", LONG, 0, 0,
	 CASPIAN_EPARSE, 3, 4, "row has more than 3 fields but the header has 3"},
	{"wide_first_column", "series,a,b\n2017,1,2\n", WIDE, 0, 0, CASPIAN_EPARSE, 1, 1,
	 "the first column must be \"period\", not \"series\""},
	{"wide_no_series", "period\n2017\n", WIDE, 0, 0, CASPIAN_EPARSE, 1, 2, "names no series"},
	{"wide_duplicate_series", "period,a,b,a\n2017,1,2,3\n", WIDE, 0, 0, CASPIAN_EPARSE, 1, 4,
	 "column \"a\" appears twice"},
	{"wide_bad_name", "period,a,b c\n2017,1,2\n", WIDE, 0, 0, CASPIAN_EPARSE, 1, 3,
	 "series name \"b c\" is not valid"},
	{"wide_duplicate_period", "period,a,b\n2017,1,2\n2018,1,2\n2017,3,4\n", WIDE, 0, 0,
	 CASPIAN_EPARSE, 4, 1, "period \"2017\" appears twice"},
	{"wide_mixed_freq", "period,a,b\n2017,1,2\n2018-01,1,2\n", WIDE, 0, 0, CASPIAN_EPARSE, 3, 1,
	 "period \"2018-01\" is monthly but the periods above are annual (line 2)"},
	{"wide_bad_value", "period,a,b\n2017,1,2\n2018,1,x\n", WIDE, 0, 0, CASPIAN_EPARSE, 3, 3,
	 "value \"x\" is not a number"},
	{"wide_ragged", "period,a,b\n2017,1\n", WIDE, 0, 0, CASPIAN_EPARSE, 2, 3,
	 "row has 2 fields but the header has 3"},
	{"wide_header_only", "period,a,b\n", WIDE, 0, 0, CASPIAN_EPARSE, 1, 1, "no data rows"},
};

static void fixture_opts(const struct fixture *fx, struct caspian_ingest_opts *o)
{
	caspian_ingest_opts_init(o);
	o->layout = fx->layout;
	o->input_name = fx->name;
	if (fx->max_field)
		o->max_field = fx->max_field;
	if (fx->max_span)
		o->max_span = fx->max_span;
	if (strcmp(fx->name, "renamed_extra_cols") == 0) {
		o->series_col = "name";
		o->period_col = "date";
		o->value_col = "obs";
	}
}

static int run(const struct fixture *fx, size_t chunk, int reader,
	       struct caspian_panel **p, struct caspian_error *err)
{
	struct caspian_ingest_opts o;
	fixture_opts(fx, &o);
	caspian_error_init(err);
	*p = NULL;
	return cx_ingest_chunked(fx->csv, strlen(fx->csv), chunk, reader, &o, p, err);
}

static struct caspian_panel *ingest_ok(const struct fixture *fx)
{
	struct caspian_panel *p;
	struct caspian_error err;
	char buf[800];
	if (run(fx, 0, 0, &p, &err) != CASPIAN_OK)
		fail_msg("%s: %s", fx->name, caspian_error_format(&err, buf, sizeof(buf)));
	assert_non_null(p);
	return p;
}

static const struct caspian_series *series_named(const struct caspian_panel *p, const char *name)
{
	long i = caspian_panel_find(p, name);
	if (i < 0)
		fail_msg("no series %s", name);
	return &p->series[i];
}

/* values: expected values with NaN for missing, written from the fixture by hand. */
static void check_series(const struct caspian_series *s, enum caspian_freq freq, long start,
			 const double *values, size_t n)
{
	assert_int_equal(s->freq, freq);
	assert_int_equal(s->start, start);
	assert_int_equal(s->n, n);
	for (size_t i = 0; i < n; i++)
		if (!same_bits(s->values[i], values[i]) && !(isnan(values[i]) && isnan(s->values[i])))
			fail_msg("%s[%zu] = %a, expected %a", s->name, i, s->values[i], values[i]);
}

/* ---- accepted forms -------------------------------------------------- */

static void test_ingest_long_unsorted_with_gaps(void **state)
{
	(void)state;
	struct caspian_panel *p = ingest_ok(&accepted[0]);
	assert_int_equal(p->count, 2);
	assert_string_equal(p->series[0].name, "cargo.x"); /* sorted by name */
	assert_string_equal(p->series[1].name, "trade.uz_az");
	/* cargo.x: 2020Q1 = 2.385, Q2 gap, Q3 NA, Q4 gap, 2021Q1 = -0.001 */
	const double cargo[] = {2.385, NAN, NAN, NAN, -1e-3};
	check_series(&p->series[0], CASPIAN_FREQ_QUARTERLY, 2020 * 4, cargo, 5);
	/* trade: 2017..2021, 2021 given as "..", so the series runs to 2021 */
	const double trade[] = {32.4, NAN, 45.5, NAN, NAN};
	check_series(&p->series[1], CASPIAN_FREQ_ANNUAL, 2017, trade, 5);
	assert_string_equal(p->series[1].unit, "");
	caspian_panel_free(p);
}

static void test_ingest_crlf_bom_quotes_and_metadata(void **state)
{
	(void)state;
	struct caspian_panel *p = ingest_ok(&accepted[1]);
	assert_int_equal(p->count, 1);
	const double v[] = {14, 15};
	check_series(&p->series[0], CASPIAN_FREQ_WEEKLY, ordinal("2024-W05"), v, 2);
	assert_string_equal(p->series[0].name, "flights.tas_gyd"); /* BOM not part of "series" */
	assert_string_equal(p->series[0].unit, "flights/week");
	assert_string_equal(p->series[0].source, "Press release, 2025");
	assert_string_equal(p->series[0].note, "He said \"fourteen\"");
	caspian_panel_free(p);
}

static void test_ingest_renamed_columns_and_extra_columns(void **state)
{
	(void)state;
	struct caspian_panel *p = ingest_ok(&accepted[2]);
	assert_int_equal(p->count, 2);
	/* 2024 is a leap year: 02-28, 02-29 (gap), 03-01 */
	const double a[] = {1.25, NAN, 2.5};
	check_series(series_named(p, "d.a"), CASPIAN_FREQ_DAILY, ordinal("2024-02-28"), a, 3);
	const double b[] = {NAN};
	check_series(series_named(p, "d.b"), CASPIAN_FREQ_DAILY, ordinal("2023-12-31"), b, 1);
	caspian_panel_free(p);
}

static void test_ingest_wide_layout(void **state)
{
	(void)state;
	struct caspian_panel *p = ingest_ok(&accepted[3]);
	assert_int_equal(p->count, 2);
	const double a[] = {NAN, NAN, 1.5, 3};
	const double b[] = {2, NAN, NAN, 4};
	check_series(series_named(p, "a.x"), CASPIAN_FREQ_MONTHLY, 2017 * 12, a, 4);
	check_series(series_named(p, "b.y"), CASPIAN_FREQ_MONTHLY, 2017 * 12, b, 4);
	caspian_panel_free(p);
}

static void test_ingest_blank_rows_lone_cr_and_multiline_fields(void **state)
{
	(void)state;
	struct caspian_panel *p = ingest_ok(&accepted[4]);
	assert_int_equal(p->count, 1);
	const double v[] = {0.5, 1, 2}; /* last row has no line end */
	check_series(&p->series[0], CASPIAN_FREQ_ANNUAL, 2000, v, 3);
	assert_string_equal(p->series[0].note, "two\nlines");
	caspian_panel_free(p);
}

static void test_ingest_all_frequencies(void **state)
{
	(void)state;
	static const struct {
		const char *name, *period;
		enum caspian_freq freq;
		long start;
		double v;
	} want[] = {
		{"a", "2017", CASPIAN_FREQ_ANNUAL, 2017, 1},
		{"d", "2017-12-31", CASPIAN_FREQ_DAILY, 17531, 5}, /* 47 years, 12 leap days: 47*365+12+364 */
		{"m", "2017-12", CASPIAN_FREQ_MONTHLY, 2017 * 12 + 11, 3},
		{"q", "2017Q4", CASPIAN_FREQ_QUARTERLY, 2017 * 4 + 3, 2},
		{"w", "2017-W52", CASPIAN_FREQ_WEEKLY, 0, 4},
	};
	struct caspian_panel *p = ingest_ok(&accepted[5]);
	assert_int_equal(p->count, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		long start = want[i].start ? want[i].start : ordinal(want[i].period);
		assert_string_equal(p->series[i].name, want[i].name);
		check_series(&p->series[i], want[i].freq, start, &want[i].v, 1);
	}
	caspian_panel_free(p);
}

static void test_ingest_limits_are_inclusive(void **state)
{
	(void)state;
	struct caspian_panel *p = ingest_ok(&accepted[6]); /* 8-byte fields, 5-period span */
	assert_int_equal(p->series[0].n, 5);
	assert_true(p->series[0].values[4] == 12345678.0);
	caspian_panel_free(p);
}

static void test_ingest_file_with_bom_crlf_and_quotes(void **state)
{
	(void)state;
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/data/ingest/crlf_bom_quoted.csv", CASPIAN_SOURCE_DIR);
	FILE *f = fopen(path, "rb");
	if (!f)
		skip();
	struct caspian_ingest_opts o;
	struct caspian_panel *p = NULL;
	struct caspian_error err;
	caspian_ingest_opts_init(&o);
	caspian_error_init(&err);
	int rc = caspian_ingest_file(f, &o, &p, &err);
	fclose(f);
	assert_int_equal(rc, CASPIAN_OK);
	assert_int_equal(p->count, 2);
	const struct caspian_series *fl = series_named(p, "flights.tas_gyd");
	const double fv[] = {14, NAN, 15.5};
	check_series(fl, CASPIAN_FREQ_WEEKLY, ordinal("2024-W05"), fv, 3);
	assert_string_equal(fl->note, "He said \"fourteen\"\r\na week");
	assert_string_equal(fl->source, "Press release, 2025");
	const struct caspian_series *tr = series_named(p, "trade.uz_az");
	assert_int_equal(tr->n, 9);
	assert_true(tr->values[0] == 32.4 && tr->values[8] == 307.8);
	assert_string_equal(tr->unit, "USD million");
	assert_string_equal(tr->note, "9.5-fold");
	caspian_panel_free(p);
}

/* ---- rejections ------------------------------------------------------ */

static void check_error(const struct fixture *fx, int rc, const struct caspian_panel *p,
			const struct caspian_error *err)
{
	char buf[800];
	caspian_error_format(err, buf, sizeof(buf));
	if (rc != fx->code || err->code != fx->code || err->line != fx->line || err->col != fx->col)
		fail_msg("%s: got %d %s, expected %d at %ld:%ld", fx->name, rc, buf, fx->code,
			 fx->line, fx->col);
	if (!strstr(err->msg, fx->msg))
		fail_msg("%s: message \"%s\" lacks \"%s\"", fx->name, err->msg, fx->msg);
	assert_string_equal(err->input, fx->name);
	assert_null(p);
}

static void test_ingest_rejections_point_at_the_field(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(rejected); i++) {
		struct caspian_panel *p;
		struct caspian_error err;
		int rc = run(&rejected[i], 0, 0, &p, &err);
		check_error(&rejected[i], rc, p, &err);
	}
}

static void test_ingest_rejects_clashing_column_names(void **state)
{
	(void)state;
	struct caspian_ingest_opts o;
	struct caspian_panel *p = NULL;
	struct caspian_error err;
	caspian_ingest_opts_init(&o);
	caspian_error_init(&err);
	o.value_col = "series";
	assert_int_equal(caspian_ingest_buffer(HDR "a,2017,1\n", strlen(HDR) + 9, &o, &p, &err),
			 CASPIAN_EINVAL);
	assert_null(p);
	assert_non_null(strstr(err.msg, "different names"));
}

/*
 * A NUL byte in a unit, source or note would end the stored text there:
 * "USD\0x" must not be stored as "USD".  (Names and values with one are
 * refused as invalid already.)
 */
static void test_ingest_rejects_nul_in_metadata(void **state)
{
	(void)state;
	static const char unit[] = "series,period,value,unit\na,2017,1,USD\0x\n",
			  source[] = "series,period,value,source\na,2017,1,\"s\0\"\n",
			  note[] = "series,period,value,note\na,2017,1,n\na,2018,1,n\0\n";
	static const char *const cases[] = {unit, source, note};
	static const size_t lens[] = {sizeof(unit) - 1, sizeof(source) - 1, sizeof(note) - 1};
	static const long lines[] = {2, 2, 3};
	static const char *const words[] = {"unit \"USD\\x00x\" contains a NUL byte",
					    "source \"s\\x00\" contains a NUL byte",
					    "note \"n\\x00\" contains a NUL byte"};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct caspian_ingest_opts o;
		struct caspian_panel *p = NULL;
		struct caspian_error err;
		caspian_ingest_opts_init(&o);
		caspian_error_init(&err);
		assert_int_equal(caspian_ingest_buffer(cases[i], lens[i], &o, &p, &err),
				 CASPIAN_EPARSE);
		assert_null(p);
		assert_int_equal(err.line, lines[i]);
		assert_int_equal(err.col, 4);
		if (!strstr(err.msg, words[i]))
			fail_msg("case %zu: \"%s\"", i, err.msg);
	}
}

static void test_ingest_read_error_is_eio(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/null", "w"); /* reading a write-only stream fails */
	if (!f)
		skip();
	struct caspian_ingest_opts o;
	struct caspian_panel *p = NULL;
	struct caspian_error err;
	caspian_ingest_opts_init(&o);
	caspian_error_init(&err);
	o.input_name = "null";
	assert_int_equal(caspian_ingest_file(f, &o, &p, &err), CASPIAN_EIO);
	fclose(f);
	assert_null(p);
	assert_string_equal(err.input, "null");
}

/* ---- every chunk size, both readers ---------------------------------- */

static void assert_same_panel(const char *what, const struct caspian_panel *a,
			      const struct caspian_panel *b)
{
	if (!a || !b) {
		if (a != b)
			fail_msg("%s: one run gave a panel, the other did not", what);
		return;
	}
	if (a->count != b->count)
		fail_msg("%s: %zu series vs %zu", what, a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		const struct caspian_series *x = &a->series[i], *y = &b->series[i];
		if (strcmp(x->name, y->name) || x->freq != y->freq || x->start != y->start ||
		    x->n != y->n || strcmp(x->unit, y->unit) || strcmp(x->source, y->source) ||
		    strcmp(x->note, y->note) || memcmp(x->values, y->values, x->n * sizeof(double)))
			fail_msg("%s: series %zu (%s) differs", what, i, x->name);
	}
}

static void assert_same_error(const char *what, int rc1, const struct caspian_error *e1,
			      int rc2, const struct caspian_error *e2)
{
	char b1[800], b2[800];
	if (rc1 != rc2 || e1->code != e2->code || e1->line != e2->line || e1->col != e2->col ||
	    strcmp(e1->msg, e2->msg))
		fail_msg("%s: \"%s\" (%d) vs \"%s\" (%d)", what,
			 caspian_error_format(e1, b1, sizeof(b1)), rc1,
			 caspian_error_format(e2, b2, sizeof(b2)), rc2);
}

static void sweep(const struct fixture *fx)
{
	struct caspian_panel *ref, *p;
	struct caspian_error eref, err;
	int rref = run(fx, 0, 1, &ref, &eref);
	size_t len = strlen(fx->csv);
	static const char *const reader_name[] = {"quick rows", "libcsv", "direct splitter"};
	for (int reader = CX_READ_ALL; reader <= CX_READ_SPLIT; reader++) {
		for (size_t chunk = 1; chunk <= len + 1; chunk++) {
			char what[160];
			snprintf(what, sizeof(what), "%s, chunk %zu, %s", fx->name, chunk,
				 reader_name[reader]);
			int rc = run(fx, chunk, reader, &p, &err);
			assert_same_error(what, rc, &err, rref, &eref);
			assert_same_panel(what, p, ref);
			caspian_panel_free(p);
		}
	}
	caspian_panel_free(ref);
}

static void test_ingest_chunk_sweep_accepted(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(accepted); i++)
		sweep(&accepted[i]);
}

static void test_ingest_chunk_sweep_rejected(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(rejected); i++)
		sweep(&rejected[i]);
}

/* ---- a generated panel with quoting of every kind -------------------- */

struct generated {
	char *csv;
	size_t len;
	size_t nseries, nper;
	double *truth; /* nseries x nper, NaN = missing */
};

static void append(struct generated *g, size_t *cap, const char *s, size_t n)
{
	if (g->len + n + 1 > *cap) {
		while (g->len + n + 1 > *cap)
			*cap *= 2;
		g->csv = realloc(g->csv, *cap);
		assert_non_null(g->csv);
	}
	memcpy(g->csv + g->len, s, n);
	g->len += n;
	g->csv[g->len] = '\0';
}

/* Rows in a shuffled order; some fields quoted, some notes with commas, quotes and line ends. */
static void generate(struct generated *g, size_t nseries, size_t nper, uint64_t seed)
{
	size_t cap = 1 << 16, nrows = nseries * nper;
	size_t *order = malloc(nrows * sizeof(*order));
	assert_non_null(order);
	memset(g, 0, sizeof(*g));
	g->csv = malloc(cap);
	g->nseries = nseries;
	g->nper = nper;
	g->truth = malloc(nrows * sizeof(double));
	assert_non_null(g->csv);
	assert_non_null(g->truth);
	append(g, &cap, "series,period,value,note\r\n", 26);
	for (size_t i = 0; i < nrows; i++)
		order[i] = i;
	for (size_t i = nrows; i-- > 1;) {
		size_t j = lcg_next(&seed) % (i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (size_t r = 0; r < nrows; r++) {
		size_t s = order[r] / nper, t = order[r] % nper;
		uint64_t x = lcg_next(&seed);
		double v = (double)(int64_t)(x >> 11) * 0x1p-40 - 1000.0;
		char row[256];
		int quoted_value = (x & 7) == 0, missing = (x & 0x38) == 0;
		const char *notes[] = {"", "plain", "\"with, comma\"", "\"said \"\"x\"\"\"",
				       "\"two\r\nlines\"", "\"a\nb\""};
		const char *note = (x >> 6) & 1 ? notes[s % 6] : ""; /* one note per series */
		if (missing)
			v = NAN;
		g->truth[s * nper + t] = v;
		int n;
		if (missing)
			n = snprintf(row, sizeof(row), "s%zu.x,%zu-%02zu,%s,%s%s", s, 2000 + t / 12,
				     t % 12 + 1, quoted_value ? "\"NA\"" : "", note, (x >> 9) & 1 ? "\n" : "\r\n");
		else
			n = snprintf(row, sizeof(row), quoted_value ? "s%zu.x,%zu-%02zu,\"%.17g\",%s%s" :
				     "s%zu.x,%zu-%02zu,%.17g,%s%s", s, 2000 + t / 12, t % 12 + 1, v, note,
				     (x >> 9) & 1 ? "\n" : "\r\n");
		append(g, &cap, row, (size_t)n);
	}
	free(order);
}

static void test_ingest_generated_panel_both_readers(void **state)
{
	(void)state;
	struct generated g;
	generate(&g, 37, 30, 42);
	struct caspian_ingest_opts o;
	caspian_ingest_opts_init(&o);
	struct caspian_panel *fast = NULL, *slow = NULL, *odd = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_ingest_buffer(g.csv, g.len, &o, &fast, &err), CASPIAN_OK);
	assert_int_equal(cx_ingest_chunked(g.csv, g.len, 4096, 1, &o, &slow, &err), CASPIAN_OK);
	assert_int_equal(cx_ingest_chunked(g.csv, g.len, 7, 0, &o, &odd, &err), CASPIAN_OK);
	assert_same_panel("generated, libcsv", fast, slow);
	assert_same_panel("generated, 7-byte blocks", fast, odd);
	assert_int_equal(fast->count, g.nseries);
	for (size_t i = 0; i < fast->count; i++) {
		const struct caspian_series *s = &fast->series[i];
		size_t k;
		assert_int_equal(sscanf(s->name, "s%zu.x", &k), 1);
		/* the truth: every %.17g value reads back to the very double printed */
		long first = 2000 * 12;
		for (size_t t = 0; t < g.nper; t++) {
			double want = g.truth[k * g.nper + t];
			double got = caspian_series_at(s, first + (long)t);
			if (!(same_bits(got, want) || (isnan(got) && isnan(want))))
				fail_msg("%s at %zu: %a, expected %a", s->name, t, got, want);
		}
	}
	caspian_panel_free(fast);
	caspian_panel_free(slow);
	caspian_panel_free(odd);
	free(g.csv);
	free(g.truth);
}

/* Blocks of the file reader (64 KiB) cut rows and quoted fields anywhere. */
static void test_ingest_file_matches_buffer_across_blocks(void **state)
{
	(void)state;
	struct generated g;
	generate(&g, 150, 120, 7);
	assert_true(g.len > 3 * 65536);
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(g.csv, 1, g.len, f), g.len);
	rewind(f);
	struct caspian_ingest_opts o;
	caspian_ingest_opts_init(&o);
	struct caspian_panel *pf = NULL, *pb = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_ingest_file(f, &o, &pf, &err), CASPIAN_OK);
	assert_int_equal(caspian_ingest_buffer(g.csv, g.len, &o, &pb, &err), CASPIAN_OK);
	assert_same_panel("file vs buffer", pf, pb);
	assert_int_equal(pf->count, 150);
	assert_int_equal(pf->nvalues, 150 * 120);
	fclose(f);
	caspian_panel_free(pf);
	caspian_panel_free(pb);
	free(g.csv);
	free(g.truth);
}

/* An error far into a file carries the right line through the block reader. */
static void test_ingest_file_error_line_across_blocks(void **state)
{
	(void)state;
	struct generated g;
	generate(&g, 100, 120, 11);
	/* Count lines the slow way: LF, CRLF or a lone CR each end one. */
	long lines = 1;
	for (size_t i = 0; i < g.len; i++)
		if (g.csv[i] == '\n' || (g.csv[i] == '\r' && g.csv[i + 1] != '\n'))
			lines++;
	FILE *f = tmpfile();
	assert_non_null(f);
	fwrite(g.csv, 1, g.len, f);
	fputs("s1.x,2000-01,5,\n", f); /* a duplicate of a generated row */
	rewind(f);
	struct caspian_ingest_opts o;
	caspian_ingest_opts_init(&o);
	o.input_name = "gen.csv";
	struct caspian_panel *p = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_ingest_file(f, &o, &p, &err), CASPIAN_EPARSE);
	assert_null(p);
	assert_int_equal(err.line, lines);
	assert_int_equal(err.col, 2);
	assert_string_equal(err.input, "gen.csv");
	fclose(f);
	free(g.csv);
	free(g.truth);
}

struct progress_log {
	size_t calls, last;
	int increasing;
};

static void log_progress(void *ctx, size_t bytes)
{
	struct progress_log *l = ctx;
	if (bytes < l->last)
		l->increasing = 0;
	l->last = bytes;
	l->calls++;
}

/* 100000 bytes are read as one block of 65536 and one of 34464: two calls. */
static void test_ingest_file_reports_progress_per_block(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	size_t written = (size_t)fprintf(f, "series,period,value\n");
	for (int i = 0; written < 100000; i++) {
		/* pad the last row so the file is exactly 100000 bytes */
		char row[64];
		int n = snprintf(row, sizeof(row), "s,%d,%d\n", 1000 + i, i);
		if (written + (size_t)n + 20 > 100000)
			n = snprintf(row, sizeof(row), "s,%d,%0*d\n", 1000 + i,
				     (int)(100000 - written) - 8, i);
		fputs(row, f);
		written += (size_t)n;
	}
	assert_int_equal(written, 100000);
	rewind(f);
	struct caspian_ingest_opts o;
	struct progress_log log = {0, 0, 1};
	struct caspian_panel *p = NULL;
	caspian_ingest_opts_init(&o);
	o.progress = log_progress;
	o.progress_ctx = &log;
	assert_int_equal(caspian_ingest_file(f, &o, &p, NULL), CASPIAN_OK);
	assert_int_equal(log.calls, 2);
	assert_int_equal(log.last, 100000);
	assert_true(log.increasing);
	caspian_panel_free(p);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ingest_rejects_nul_in_metadata),
		cmocka_unit_test(test_ingest_number_correctly_rounded),
		cmocka_unit_test(test_ingest_number_long_halfway_cases),
		cmocka_unit_test(test_ingest_number_rejects_malformed),
		cmocka_unit_test(test_ingest_number_roundtrips_17_digits),
		cmocka_unit_test(test_ingest_number_short_decimals_match_strtod),
		cmocka_unit_test(test_ingest_missing_markers),
		cmocka_unit_test(test_ingest_long_unsorted_with_gaps),
		cmocka_unit_test(test_ingest_crlf_bom_quotes_and_metadata),
		cmocka_unit_test(test_ingest_renamed_columns_and_extra_columns),
		cmocka_unit_test(test_ingest_wide_layout),
		cmocka_unit_test(test_ingest_blank_rows_lone_cr_and_multiline_fields),
		cmocka_unit_test(test_ingest_all_frequencies),
		cmocka_unit_test(test_ingest_limits_are_inclusive),
		cmocka_unit_test(test_ingest_file_with_bom_crlf_and_quotes),
		cmocka_unit_test(test_ingest_rejections_point_at_the_field),
		cmocka_unit_test(test_ingest_rejects_clashing_column_names),
		cmocka_unit_test(test_ingest_read_error_is_eio),
		cmocka_unit_test(test_ingest_chunk_sweep_accepted),
		cmocka_unit_test(test_ingest_chunk_sweep_rejected),
		cmocka_unit_test(test_ingest_generated_panel_both_readers),
		cmocka_unit_test(test_ingest_file_matches_buffer_across_blocks),
		cmocka_unit_test(test_ingest_file_error_line_across_blocks),
		cmocka_unit_test(test_ingest_file_reports_progress_per_block),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
