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

/* A decimal reduced to its significant digits and the exponent of the first one. */
struct decimal {
	char digits[40];
	int exp10;
};

/* Parse "[-]ddd[.ddd][e[+-]dd]" into significant digits and exponent. */
static void normalise(const char *text, struct decimal *d)
{
	const char *p = text;
	if (*p == '-')
		p++;
	char all[64];
	size_t n = 0;
	long point = -1;
	for (; *p && *p != 'e'; p++) {
		if (*p == '.')
			point = (long)n;
		else
			all[n++] = *p;
	}
	if (point < 0)
		point = (long)n;
	long e = *p == 'e' ? strtol(p + 1, NULL, 10) : 0;
	size_t lead = 0;
	while (lead < n && all[lead] == '0')
		lead++;
	size_t end = n;
	while (end > lead && all[end - 1] == '0')
		end--;
	memcpy(d->digits, all + lead, end - lead);
	d->digits[end - lead] = '\0';
	d->exp10 = (int)(point - (long)lead - 1 + e);
}

/* The slow way: the first of %.15g, %.16g, %.17g that reads back exactly. */
static void slow_shortest(double v, char *buf, size_t size)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_u64(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

struct tally {
	size_t checked, shorter;
};

static void check_one(double v, struct tally *t)
{
	char got[CASPIAN_DTOA_SIZE + 8], want[64];
	memset(got, 'x', sizeof(got));
	size_t len = caspian_dtoa(v, got);
	if (len >= CASPIAN_DTOA_SIZE || strlen(got) != len)
		fail_msg("bad length %zu for %a", len, v);
	double back = strtod(got, NULL);
	if (memcmp(&back, &v, sizeof(v)) != 0)
		fail_msg("%a printed as %s reads back as %a", v, got, back);
	slow_shortest(v, want, sizeof(want));
	struct decimal a, b;
	normalise(got, &a);
	normalise(want, &b);
	size_t na = strlen(a.digits), nb = strlen(b.digits);
	if (na > nb)
		fail_msg("%a: %s has more digits than %s", v, got, want);
	if (na == nb && (strcmp(a.digits, b.digits) || a.exp10 != b.exp10))
		fail_msg("%a: %s differs from %s", v, got, want);
	if (na < nb)
		t->shorter++; /* the slow way can miss a shorter form; ours still reads back */
	/* the form: an exponent exactly when the first digit's exponent is < -5 or >= 17 */
	int has_e = strchr(got, 'e') != NULL;
	if (has_e != (a.exp10 < -5 || a.exp10 >= 17))
		fail_msg("%a: %s has the wrong form", v, got);
	if ((v < 0) != (got[0] == '-'))
		fail_msg("%a: %s has the wrong sign", v, got);
	t->checked++;
}

static void test_numfmt_special_values(void **state)
{
	(void)state;
	char buf[CASPIAN_DTOA_SIZE];
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{0.0, "0"},
		{-0.0, "-0"},
		{1.0, "1"},
		{-2.5, "-2.5"},
		{0.1, "0.1"},
		{0.3, "0.3"},
		{1.0 / 3.0, "0.3333333333333333"},
		{100, "100"},
		{120000, "120000"},
		{1234.56, "1234.56"},
		{9007199254740993.0, "9007199254740992"}, /* 2^53 + 1 rounds to 2^53 */
		{1e16, "10000000000000000"},
		{1e17, "1e+17"},
		{1.5e17, "1.5e+17"},
		{99999999999999984.0, "99999999999999980"}, /* shortest digits, padded */
		{1e21, "1e+21"},
		{1e-5, "0.00001"},
		{0.000015, "0.000015"},
		{1e-6, "1e-06"},
		{1.5e-7, "1.5e-07"},
		{1e100, "1e+100"},
		{5e-324, "5e-324"},                 /* the smallest subnormal */
		{2.2250738585072014e-308, "2.2250738585072014e-308"}, /* smallest normal */
		{1.7976931348623157e308, "1.7976931348623157e+308"},
		{9.5, "9.5"},
		{32.4, "32.4"},
		{0.30000000000000004, "0.30000000000000004"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = caspian_dtoa(cases[i].v, buf);
		assert_string_equal(buf, cases[i].text);
		assert_int_equal(n, strlen(cases[i].text));
	}
	assert_int_equal(caspian_dtoa(NAN, buf), 3);
	assert_string_equal(buf, "NaN");
	caspian_dtoa(-NAN, buf);
	assert_string_equal(buf, "NaN");
	caspian_dtoa(INFINITY, buf);
	assert_string_equal(buf, "inf");
	caspian_dtoa(-INFINITY, buf);
	assert_string_equal(buf, "-inf");
}

/* Powers of two are where the rounding interval is lopsided. */
static void test_numfmt_powers_of_two_and_neighbours(void **state)
{
	(void)state;
	struct tally t = {0, 0};
	for (int e = -1074; e <= 1023; e++) {
		double v = ldexp(1.0, e);
		check_one(v, &t);
		check_one(nextafter(v, 0), &t);
		check_one(nextafter(v, INFINITY), &t);
		check_one(-v, &t);
	}
	assert_true(t.checked > 8000);
}

static void test_numfmt_random_bit_patterns(void **state)
{
	(void)state;
	struct tally t = {0, 0};
	size_t n = 2000000;
	const char *env = getenv("CASPIAN_NUMFMT_N");
	if (env)
		n = (size_t)strtoull(env, NULL, 10);
	for (size_t i = 0; i < n; i++) {
		uint64_t bits = next_u64();
		double v;
		memcpy(&v, &bits, sizeof(v));
		if (isnan(v) || isinf(v))
			continue;
		check_one(v, &t);
	}
	printf("random bit patterns: %zu checked, %zu shorter than the slow way\n", t.checked,
	       t.shorter);
	assert_true(t.checked > n / 2);
}

/* Data-like numbers: integers, two decimals, ratios, rates. */
static void test_numfmt_data_like_values(void **state)
{
	(void)state;
	struct tally t = {0, 0};
	for (size_t i = 0; i < 200000; i++) {
		uint64_t r = next_u64();
		double cents = (double)(r % 100000000000ULL) / 100.0;
		double unit = (double)(r >> 11) / 9007199254740992.0;
		check_one(cents, &t);
		check_one(unit, &t);
		check_one((double)(r % 1000000), &t);
		check_one(unit * 1e-3 - 0.5e-3, &t);
		check_one(pow(1.0 + unit, 1.0 / 7.0) - 1.0, &t);
	}
	assert_int_equal(t.checked, 1000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numfmt_special_values),
		cmocka_unit_test(test_numfmt_powers_of_two_and_neighbours),
		cmocka_unit_test(test_numfmt_random_bit_patterns),
		cmocka_unit_test(test_numfmt_data_like_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
