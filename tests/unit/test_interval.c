#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "assert_close.h"
#include "caspian/interval.h"

static struct caspian_interval iv(double lo, int lo_open, double hi, int hi_open)
{
	return caspian_interval_make(lo, lo_open, hi, hi_open);
}

static void assert_ends(struct caspian_interval x, double lo, int lo_open, double hi, int hi_open)
{
	if (x.lo != lo || x.hi != hi || x.lo_open != lo_open || x.hi_open != hi_open)
		fail_msg("got %c%.17g, %.17g%c, expected %c%.17g, %.17g%c", x.lo_open ? '(' : '[',
			 x.lo, x.hi, x.hi_open ? ')' : ']', lo_open ? '(' : '[', lo, hi,
			 hi_open ? ')' : ']');
}

/*
 * A bound computed by a rounded operation must lie on the safe side of the
 * exact value and close to it: within `ulps` steps of expected (the exact
 * value written to 20+ digits by bc -l, nearest double by the compiler).
 */
static void assert_lower(double got, double expected, int ulps)
{
	if (!(got <= expected && got >= caspian_interval_step(expected, -1, ulps + 1)))
		fail_msg("lower bound %.17g, exact %.17g", got, expected);
}

static void assert_upper(double got, double expected, int ulps)
{
	if (!(got >= expected && got <= caspian_interval_step(expected, 1, ulps + 1)))
		fail_msg("upper bound %.17g, exact %.17g", got, expected);
}

static void test_interval_make_opens_infinite_ends(void **state)
{
	(void)state;
	struct caspian_interval x = iv(-INFINITY, 0, 3, 0);
	assert_int_equal(x.lo_open, 1);
	assert_int_equal(x.hi_open, 0);
	assert_true(caspian_interval_valid(x));
	assert_false(caspian_interval_valid(iv(2, 0, 2, 1)));  /* [2, 2) is empty */
	assert_false(caspian_interval_valid(iv(3, 0, 2, 0)));
	assert_false(caspian_interval_valid(iv(NAN, 0, 2, 0)));
	assert_false(caspian_interval_valid(iv(INFINITY, 1, INFINITY, 1)));
	assert_true(caspian_interval_valid(caspian_interval_point(2.385)));
	assert_true(caspian_interval_is_point(caspian_interval_point(2.385)));
}

static void test_interval_contains_respects_open_ends(void **state)
{
	(void)state;
	struct caspian_interval x = iv(9.45, 0, 9.55, 1);
	assert_true(caspian_interval_contains(x, 9.45));
	assert_false(caspian_interval_contains(x, 9.55));
	assert_true(caspian_interval_contains(x, 9.5));
	assert_false(caspian_interval_contains(iv(300, 1, INFINITY, 1), 300));
	assert_true(caspian_interval_contains(iv(300, 1, INFINITY, 1), 300.0000001));
}

static void test_interval_within_intersect_gap(void **state)
{
	(void)state;
	struct caspian_interval r;
	/* [1, 2) and [2, 3] share no point; [1, 2] and [2, 3] share 2 */
	assert_false(caspian_interval_intersect(iv(1, 0, 2, 1), iv(2, 0, 3, 0), NULL));
	assert_close(caspian_interval_gap(iv(1, 0, 2, 1), iv(2, 0, 3, 0)), 0, 0, 0);
	assert_true(caspian_interval_intersect(iv(1, 0, 2, 0), iv(2, 0, 3, 0), &r));
	assert_ends(r, 2, 0, 2, 0);
	/* (300, inf) and [305.7, 309.9): the second inside the first */
	assert_true(caspian_interval_within(iv(305.7, 0, 309.9, 1), iv(300, 1, INFINITY, 1)));
	assert_false(caspian_interval_within(iv(300, 0, 309.9, 1), iv(300, 1, INFINITY, 1)));
	assert_true(caspian_interval_within(iv(300, 1, 309.9, 1), iv(300, 1, INFINITY, 1)));
	/* gap between [249.5, 250.5) and [305.7075, 309.8975): 305.7075 - 250.5 = 55.2075 */
	assert_close(caspian_interval_gap(iv(249.5, 0, 250.5, 1), iv(305.7075, 0, 309.8975, 1)),
		     55.2075, 1e-12, 0);
	assert_close(caspian_interval_gap(iv(305.7075, 0, 309.8975, 1), iv(249.5, 0, 250.5, 1)),
		     55.2075, 1e-12, 0);
	assert_true(caspian_interval_intersect(iv(0, 0, 5, 0), iv(2, 1, 7, 0), &r));
	assert_ends(r, 2, 1, 5, 0);
	r = caspian_interval_hull(iv(1, 1, 2, 0), iv(1, 0, 1.5, 0));
	assert_ends(r, 1, 0, 2, 0);
}

static void test_interval_add_exact_keeps_ends(void **state)
{
	(void)state;
	/* 7.5 + 1 and 8.5 + 1 are exact in binary: no outward step */
	assert_ends(caspian_interval_add(iv(7.5, 0, 8.5, 1), caspian_interval_point(1)), 8.5, 0,
		    9.5, 1);
	assert_ends(caspian_interval_sub(iv(7.5, 0, 8.5, 1), iv(1, 1, 2, 0)), 5.5, 0, 7.5, 1);
	assert_ends(caspian_interval_add(iv(-INFINITY, 1, 2, 0), iv(1, 0, 3, 0)), -INFINITY, 1,
		    5, 0);
}

static void test_interval_add_inexact_steps_out(void **state)
{
	(void)state;
	/*
	 * The doubles nearest 0.1 and 0.2 add up exactly to
	 * 0.3000000000000000166533453693773481063544750213623046875, between
	 * the doubles 0.29999999999999998890 and 0.30000000000000004441.
	 */
	struct caspian_interval s =
		caspian_interval_add(caspian_interval_point(0.1), caspian_interval_point(0.2));
	assert_true(s.lo <= 0.29999999999999998890);
	assert_true(s.hi >= 0.30000000000000004441);
	assert_true(s.hi - s.lo < 1e-15);
	assert_int_equal(s.lo_open, 0);
}

static void test_interval_mul_signs_and_openness(void **state)
{
	(void)state;
	/* corners -2*-5 = 10, -2*4 = -8, 3*-5 = -15, 3*4 = 12 */
	assert_ends(caspian_interval_mul(iv(-2, 0, 3, 0), iv(-5, 0, 4, 0)), -15, 0, 12, 0);
	/* [2, 3) x (4, 5]: 8 not attained (4 excluded), 15 not attained (3 excluded) */
	assert_ends(caspian_interval_mul(iv(2, 0, 3, 1), iv(4, 1, 5, 0)), 8, 1, 15, 1);
	/* a closed 0 makes the product 0 even against infinity */
	assert_ends(caspian_interval_mul(iv(0, 0, 2, 0), iv(3, 0, INFINITY, 1)), 0, 0, INFINITY, 1);
	/* 32.35 x 9.45 = 305.7075 (bc) is not a double: the low end steps below it */
	struct caspian_interval p = caspian_interval_mul(iv(32.35, 0, 32.45, 1), iv(9.45, 0, 9.55, 1));
	assert_lower(p.lo, 305.7075, 1);
	assert_upper(p.hi, 309.8975, 1);
	assert_int_equal(p.lo_open, 0);
	assert_int_equal(p.hi_open, 1);
}

static void test_interval_div(void **state)
{
	(void)state;
	struct caspian_interval q;
	assert_int_equal(caspian_interval_div(iv(1, 0, 2, 0), iv(4, 0, 8, 0), &q, NULL), CASPIAN_OK);
	assert_ends(q, 0.125, 0, 0.5, 0); /* exact: no step */
	assert_int_equal(caspian_interval_div(iv(1, 0, 2, 0), iv(0, 1, 4, 0), &q, NULL), CASPIAN_OK);
	assert_ends(q, 0.25, 0, INFINITY, 1);
	assert_int_equal(caspian_interval_div(iv(1, 0, 2, 0), iv(-4, 0, 0, 1), &q, NULL), CASPIAN_OK);
	assert_ends(q, -INFINITY, 1, -0.25, 0);
	/* 300 / 32.45 = 9.24499229583975346687 (bc); open because 300 is excluded */
	assert_int_equal(caspian_interval_div(iv(300, 1, INFINITY, 1), iv(32.35, 0, 32.45, 1), &q,
					      NULL),
			 CASPIAN_OK);
	assert_lower(q.lo, 9.24499229583975346687, 1);
	assert_int_equal(q.lo_open, 1);
	assert_true(isinf(q.hi));
	/* 1/3 is not a double: the result brackets it within one step each way */
	assert_int_equal(caspian_interval_div(caspian_interval_point(1), caspian_interval_point(3),
					      &q, NULL),
			 CASPIAN_OK);
	assert_true(q.lo < 1.0 / 3 && q.hi > 1.0 / 3);
	assert_true(q.lo == nextafter(1.0 / 3, 0) || q.hi == nextafter(1.0 / 3, 1));

	struct caspian_error err;
	caspian_error_init(&err);
	q = caspian_interval_point(42);
	assert_int_equal(caspian_interval_div(iv(1, 0, 2, 0), iv(-1, 0, 1, 0), &q, &err),
			 CASPIAN_EDOM);
	assert_int_equal(err.code, CASPIAN_EDOM);
	assert_true(q.lo == 42); /* untouched */
	caspian_error_init(&err);
	assert_int_equal(caspian_interval_div(iv(1, 0, 2, 0), iv(0, 0, 1, 0), &q, &err),
			 CASPIAN_EDOM);
}

static void test_interval_pow_and_root_against_bc(void **state)
{
	(void)state;
	struct caspian_interval r;
	/* 1.32^8 = 9.2170395205042176, 1.34^8 = 10.3953325454500096 (bc -l, exact) */
	assert_int_equal(caspian_interval_pow(iv(1.32, 0, 1.34, 0), caspian_interval_point(8), &r,
					      NULL),
			 CASPIAN_OK);
	assert_lower(r.lo, 9.2170395205042176, 3);
	assert_upper(r.hi, 10.3953325454500096, 3);
	/* 9.45^(1/8) = 1.32412497186722120295, 9.55^(1/8) = 1.32586840440889904004 (bc -l) */
	assert_int_equal(caspian_interval_root(iv(9.45, 0, 9.55, 1), caspian_interval_point(8), &r,
					       NULL),
			 CASPIAN_OK);
	assert_lower(r.lo, 1.32412497186722120295, 4);
	assert_upper(r.hi, 1.32586840440889904004, 4);
	assert_int_equal(r.lo_open, 0);
	assert_int_equal(r.hi_open, 1);
	/* x^y on [1, 2] x [0, 3]: corners 1, 1, 1, 8; 1^y and x^0 are exact */
	assert_int_equal(caspian_interval_pow(iv(1, 0, 2, 0), iv(0, 0, 3, 0), &r, NULL), CASPIAN_OK);
	assert_ends(r, 1, 0, r.hi, 0);
	assert_upper(r.hi, 8, 2);
	/* a base below 1 reverses the order in the exponent: 0.5^[1, 2] = [0.25, 0.5] */
	assert_int_equal(caspian_interval_pow(iv(0.5, 0, 0.5, 0), iv(1, 0, 2, 0), &r, NULL),
			 CASPIAN_OK);
	assert_true(r.lo <= 0.25 && r.lo > 0.2499999999 && r.hi == 0.5);
	/* 0 as a base only with positive exponents */
	assert_int_equal(caspian_interval_pow(iv(0, 0, 2, 0), iv(1, 0, 2, 0), &r, NULL), CASPIAN_OK);
	assert_true(r.lo == 0 && !r.lo_open);
	assert_int_equal(caspian_interval_pow(iv(0, 0, 2, 0), iv(-1, 0, 2, 0), &r, NULL), CASPIAN_EDOM);
	assert_int_equal(caspian_interval_pow(iv(-1, 0, 2, 0), caspian_interval_point(2), &r, NULL),
			 CASPIAN_EDOM);
	assert_int_equal(caspian_interval_root(iv(1, 0, 2, 0), iv(-1, 0, 2, 0), &r, NULL),
			 CASPIAN_EDOM);
}

static void test_interval_log_exp(void **state)
{
	(void)state;
	struct caspian_interval r;
	assert_int_equal(caspian_interval_log(iv(1, 0, 2.718281828459045, 0), &r, NULL), CASPIAN_OK);
	assert_ends(r, 0, 0, r.hi, 0); /* log 1 = 0 exactly */
	assert_upper(r.hi, 1.0, 2); /* log of the double nearest e is just below 1 */
	assert_int_equal(caspian_interval_log(iv(0, 1, 1, 0), &r, NULL), CASPIAN_OK);
	assert_ends(r, -INFINITY, 1, 0, 0);
	assert_int_equal(caspian_interval_log(iv(0, 0, 1, 0), &r, NULL), CASPIAN_EDOM);
	assert_int_equal(caspian_interval_log(iv(-2, 0, -1, 0), &r, NULL), CASPIAN_EDOM);
	r = caspian_interval_exp(iv(0, 0, 1, 1));
	assert_ends(r, 1, 0, r.hi, 1);
	/* e = 2.71828182845904523536 (bc: e(1)) */
	assert_upper(r.hi, 2.71828182845904523536, 2);
	r = caspian_interval_exp(iv(-INFINITY, 1, 0, 0));
	assert_ends(r, 0, 1, 1, 0);
}

static double negate(double x)
{
	return -x;
}

static double half_or_nan(double x)
{
	return x > 5 ? NAN : x / 2;
}

static void test_interval_monotone(void **state)
{
	(void)state;
	struct caspian_interval r;
	/* a decreasing function swaps the ends and their openness; exact, so 0 ulps */
	assert_int_equal(caspian_interval_monotone(iv(1, 1, 2, 0), negate, 0, 0, &r, NULL),
			 CASPIAN_OK);
	assert_ends(r, -2, 0, -1, 1);
	/* expm1 on [0, 1]: expm1(1) = 1.71828182845904523536 (bc: e(1)-1) */
	assert_int_equal(caspian_interval_monotone(iv(0, 0, 1, 0), expm1, 1, 1, &r, NULL), CASPIAN_OK);
	assert_upper(r.hi, 1.71828182845904523536, 1);
	assert_true(r.lo <= 0);
	assert_int_equal(caspian_interval_monotone(iv(0, 0, 9, 0), half_or_nan, 1, 0, &r, NULL),
			 CASPIAN_EDOM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interval_make_opens_infinite_ends),
		cmocka_unit_test(test_interval_contains_respects_open_ends),
		cmocka_unit_test(test_interval_within_intersect_gap),
		cmocka_unit_test(test_interval_add_exact_keeps_ends),
		cmocka_unit_test(test_interval_add_inexact_steps_out),
		cmocka_unit_test(test_interval_mul_signs_and_openness),
		cmocka_unit_test(test_interval_div),
		cmocka_unit_test(test_interval_pow_and_root_against_bc),
		cmocka_unit_test(test_interval_log_exp),
		cmocka_unit_test(test_interval_monotone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
