#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "caspian/error.h"
#include "caspian/period.h"

struct period_case {
	const char *text;
	enum caspian_freq freq;
	long ordinal; /* worked out by hand from the definitions in period.h */
};

static const struct period_case valid[] = {
	{"2017", CASPIAN_FREQ_ANNUAL, 2017},
	{"0001", CASPIAN_FREQ_ANNUAL, 1},
	{"2017Q3", CASPIAN_FREQ_QUARTERLY, 2017 * 4 + 2},
	{"2017Q1", CASPIAN_FREQ_QUARTERLY, 8068},
	{"2017-03", CASPIAN_FREQ_MONTHLY, 2017 * 12 + 2},
	{"1970-01-01", CASPIAN_FREQ_DAILY, 0},
	{"1969-12-31", CASPIAN_FREQ_DAILY, -1},
	{"2000-03-01", CASPIAN_FREQ_DAILY, 11017},  /* 30 years incl. 7 leap days + Jan,Feb 2000 */
	{"2024-02-29", CASPIAN_FREQ_DAILY, 19782},
	{"1970-W01", CASPIAN_FREQ_WEEKLY, 0},       /* week of Mon 1969-12-29 */
	{"1970-W02", CASPIAN_FREQ_WEEKLY, 1},
	{"1969-W52", CASPIAN_FREQ_WEEKLY, -1},
	{"2020-W53", CASPIAN_FREQ_WEEKLY, 2661},    /* Mon 2020-12-28 = day 18624; (18624+3)/7 */
	{"2021-W01", CASPIAN_FREQ_WEEKLY, 2662},
};

static void test_period_parse_known_ordinals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		enum caspian_freq f = CASPIAN_FREQ_NONE;
		long p = -999;
		assert_int_equal(caspian_period_parse(valid[i].text, strlen(valid[i].text), &f, &p),
				 CASPIAN_OK);
		assert_int_equal(f, valid[i].freq);
		assert_int_equal(p, valid[i].ordinal);
		char buf[CASPIAN_PERIOD_TEXT_MAX];
		assert_int_equal(caspian_period_format(f, p, buf), strlen(valid[i].text));
		assert_string_equal(buf, valid[i].text);
	}
}

static void test_period_parse_rejects_malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "17", "201", " 2017", "2017 ", "2017Q0", "2017Q5", "2017-00", "2017-13",
		"2017-3", "2023-02-29", "2017-04-31", "2021-W53", "2017-W00", "2017-W5",
		"2017-03-1", "20x7", "2017/03", "2017-03-15T00", "abcd", "2017q",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum caspian_freq f = CASPIAN_FREQ_NONE;
		long p = 12345;
		assert_int_equal(caspian_period_parse(bad[i], strlen(bad[i]), &f, &p), CASPIAN_EPARSE);
		assert_int_equal(p, 12345);
	}
}

/* Every day from 1899 to 2101 round-trips and weeks are consecutive. */
static void test_period_daily_weekly_roundtrip(void **state)
{
	(void)state;
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	long first = caspian_days_from_civil(1899, 1, 1);
	long last = caspian_days_from_civil(2101, 12, 31);
	for (long d = first; d <= last; d++) {
		enum caspian_freq f;
		long p;
		size_t n = caspian_period_format(CASPIAN_FREQ_DAILY, d, buf);
		assert_int_equal(caspian_period_parse(buf, n, &f, &p), CASPIAN_OK);
		assert_int_equal(p, d);
		long w;
		assert_int_equal(caspian_period_convert(CASPIAN_FREQ_DAILY, d, CASPIAN_FREQ_WEEKLY, &w), CASPIAN_OK);
		n = caspian_period_format(CASPIAN_FREQ_WEEKLY, w, buf);
		assert_int_equal(caspian_period_parse(buf, n, &f, &p), CASPIAN_OK);
		assert_int_equal(f, CASPIAN_FREQ_WEEKLY);
		assert_int_equal(p, w);
	}
}

static void test_period_convert_to_coarser(void **state)
{
	(void)state;
	long out;
	assert_int_equal(caspian_period_convert(CASPIAN_FREQ_MONTHLY, 2017 * 12 + 7, CASPIAN_FREQ_QUARTERLY, &out), CASPIAN_OK);
	assert_int_equal(out, 2017 * 4 + 2); /* August is in Q3 */
	assert_int_equal(caspian_period_convert(CASPIAN_FREQ_QUARTERLY, 2017 * 4 + 3, CASPIAN_FREQ_ANNUAL, &out), CASPIAN_OK);
	assert_int_equal(out, 2017);
	assert_int_equal(caspian_period_convert(CASPIAN_FREQ_DAILY, caspian_days_from_civil(2016, 2, 29), CASPIAN_FREQ_MONTHLY, &out), CASPIAN_OK);
	assert_int_equal(out, 2016 * 12 + 1);
	/* 2021-W01 starts Mon 2021-01-04, so it belongs to January 2021. */
	assert_int_equal(caspian_period_convert(CASPIAN_FREQ_WEEKLY, 2662, CASPIAN_FREQ_MONTHLY, &out), CASPIAN_OK);
	assert_int_equal(out, 2021 * 12);
	assert_int_equal(caspian_period_convert(CASPIAN_FREQ_ANNUAL, 2017, CASPIAN_FREQ_MONTHLY, &out), CASPIAN_EINVAL);
}

static void test_period_freq_names_and_rates(void **state)
{
	(void)state;
	for (int f = CASPIAN_FREQ_ANNUAL; f <= CASPIAN_FREQ_DAILY; f++)
		assert_int_equal(caspian_freq_from_name(caspian_freq_name(f)), f);
	assert_int_equal(caspian_freq_from_name("yearly"), CASPIAN_FREQ_NONE);
	assert_true(caspian_freq_periods_per_year(CASPIAN_FREQ_QUARTERLY) == 4.0);
	assert_true(caspian_freq_periods_per_year(CASPIAN_FREQ_DAILY) == 365.2425);
	assert_int_equal(caspian_period_year(CASPIAN_FREQ_WEEKLY, 2661), 2020);
	assert_int_equal(caspian_period_year(CASPIAN_FREQ_MONTHLY, 2017 * 12 + 11), 2017);
}

/* The text of every period from year 0 to 9999 (and just outside), against
 * printf formatting of the year, quarter, month, week and day the period
 * converts to. */
static void test_period_format_matches_printf(void **state)
{
	(void)state;
	char got[CASPIAN_PERIOD_TEXT_MAX], want[64];
	for (long y = -1; y <= 10000; y++) {
		size_t n = caspian_period_format(CASPIAN_FREQ_ANNUAL, y, got);
		if (y < 0 || y > 9999) {
			assert_int_equal(n, 0);
			continue;
		}
		snprintf(want, sizeof(want), "%04ld", y);
		assert_string_equal(got, want);
		for (int q = 0; q < 4; q++) {
			caspian_period_format(CASPIAN_FREQ_QUARTERLY, y * 4 + q, got);
			snprintf(want, sizeof(want), "%04ldQ%d", y, q + 1);
			assert_string_equal(got, want);
		}
		for (int m = 0; m < 12; m++) {
			caspian_period_format(CASPIAN_FREQ_MONTHLY, y * 12 + m, got);
			snprintf(want, sizeof(want), "%04ld-%02d", y, m + 1);
			assert_string_equal(got, want);
		}
	}
	/* days and weeks: through the civil calendar, every day of 1900-2100 */
	for (long day = caspian_days_from_civil(1900, 1, 1);
	     day <= caspian_days_from_civil(2100, 12, 31); day++) {
		long y;
		int m, d;
		caspian_civil_from_days(day, &y, &m, &d);
		caspian_period_format(CASPIAN_FREQ_DAILY, day, got);
		snprintf(want, sizeof(want), "%04ld-%02d-%02d", y, m, d);
		assert_string_equal(got, want);
		if (day % 7 == 0) { /* the week whose Thursday this is */
			long week = (day - caspian_days_from_civil(y, 1, 1)) / 7 + 1;
			caspian_period_format(CASPIAN_FREQ_WEEKLY, day / 7, got);
			snprintf(want, sizeof(want), "%04ld-W%02ld", y, week);
			assert_string_equal(got, want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_parse_known_ordinals),
		cmocka_unit_test(test_period_parse_rejects_malformed),
		cmocka_unit_test(test_period_daily_weekly_roundtrip),
		cmocka_unit_test(test_period_convert_to_coarser),
		cmocka_unit_test(test_period_freq_names_and_rates),
		cmocka_unit_test(test_period_format_matches_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
