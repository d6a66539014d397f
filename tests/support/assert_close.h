/*
 * assert_close.h - double comparisons for cmocka 1.1.5, which has only a
 * float-precision assert_float_equal.  Passes when |a - e| <= abs_tol or
 * |a - e| <= rel_tol * |e|; on failure prints both values with 17 digits.
 * Include after <cmocka.h>.
 */
#ifndef CASPIAN_ASSERT_CLOSE_H
#define CASPIAN_ASSERT_CLOSE_H

#include <math.h>
#include <stdio.h>

static inline int caspian_close_enough(double a, double e, double rel, double abs_tol)
{
	if (isnan(e))
		return isnan(a);
	if (isinf(e))
		return a == e;
	double d = fabs(a - e);
	return d <= abs_tol || d <= rel * fabs(e);
}

#define assert_close(actual, expected, rel, abs_tol)                                   \
	do {                                                                           \
		double a_ = (actual), e_ = (expected);                                 \
		if (!caspian_close_enough(a_, e_, (rel), (abs_tol)))                    \
			fail_msg("%s = %.17g, expected %.17g (rel %g, abs %g)", #actual, \
				 a_, e_, (double)(rel), (double)(abs_tol));            \
	} while (0)

#endif
