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
#include <string.h>

#include "caspian/period.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_format_far_ordinals_print_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
