/*
 * caspian/interval.h - real intervals with open or closed ends, for carrying
 * the precision of stated figures through formulas.
 *
 * An interval is {x : lo <= x <= hi}, with "<" instead of "<=" at an end whose
 * *_open flag is set.  Infinite ends are always open.  A valid interval has
 * lo < +inf, hi > -inf and is not empty; the functions below take valid
 * intervals and return valid ones (or an error).
 *
 * Every result contains the exact image of its arguments (the mathematical
 * result, not the rounded one): an end computed by a floating-point operation
 * that was not exact is moved outward with nextafter().  The basic operations
 * (+, -, *, /) are correctly rounded, so one step suffices; they are tested for
 * exactness (error-free transformations with fma) and left alone when exact,
 * so 7.5 + 1 stays 8.5 exactly and open/closed ends are compared without
 * spurious gaps.  Results of exp, log and pow are moved outward by
 * CASPIAN_INTERVAL_LIBM_ULPS steps: glibc documents errors below 1 ulp for
 * these, and the margin covers other C libraries of similar quality.
 *
 * Openness follows the image: an end of the result is open when it is not
 * attained, that is when it comes from an open end of an argument (except
 * where the other argument makes it constant: 0 * x = 0, 1^y = 1, x^0 = 1).
 * After an outward move the flag still says whether the exact end is
 * attained; the stored end then lies strictly outside it.
 */
#ifndef CASPIAN_INTERVAL_H
#define CASPIAN_INTERVAL_H

#include <stddef.h>

#include "caspian/error.h"

enum { CASPIAN_INTERVAL_LIBM_ULPS = 2 };

struct caspian_interval {
	double lo, hi;
	int lo_open, hi_open; /* 1 when the end itself is excluded */
};

/*
 * caspian_interval_make() - the interval between lo and hi with the given
 * openness; infinite ends are made open.  Does not check validity: see
 * caspian_interval_valid().
 */
struct caspian_interval caspian_interval_make(double lo, int lo_open, double hi, int hi_open);

/* caspian_interval_point() - [x, x]. */
struct caspian_interval caspian_interval_point(double x);

/* 1 when x is a valid, non-empty interval with no NaN end; else 0. */
int caspian_interval_valid(struct caspian_interval x);

/* 1 when x holds one number only ([a, a]). */
int caspian_interval_is_point(struct caspian_interval x);

/* 1 when v lies in x. */
int caspian_interval_contains(struct caspian_interval x, double v);

/* 1 when every number of inner lies in outer. */
int caspian_interval_within(struct caspian_interval inner, struct caspian_interval outer);

/*
 * caspian_interval_intersect() - a ∩ b.  Returns 1 and stores it in *out when
 * the intersection is not empty, 0 (out untouched) when it is.  out may be NULL.
 */
int caspian_interval_intersect(struct caspian_interval a, struct caspian_interval b,
			       struct caspian_interval *out);

/* The smallest interval holding both a and b. */
struct caspian_interval caspian_interval_hull(struct caspian_interval a,
					      struct caspian_interval b);

/*
 * caspian_interval_gap() - the distance between a and b: 0 when they meet
 * (share a point, or touch at an end that one of them includes), else
 * inf{|x - y| : x in a, y in b} > 0.  Two intervals that touch at an end both
 * exclude (as [1, 2) and (2, 3]) are disjoint yet at distance 0: use
 * caspian_interval_intersect() to decide whether they meet.
 */
double caspian_interval_gap(struct caspian_interval a, struct caspian_interval b);

/* The midpoint (lo + hi) / 2; NaN when an end is infinite. */
double caspian_interval_mid(struct caspian_interval x);

/* a + b, a - b, a * b, -a: always defined for valid arguments. */
struct caspian_interval caspian_interval_add(struct caspian_interval a, struct caspian_interval b);
struct caspian_interval caspian_interval_sub(struct caspian_interval a, struct caspian_interval b);
struct caspian_interval caspian_interval_mul(struct caspian_interval a, struct caspian_interval b);
struct caspian_interval caspian_interval_neg(struct caspian_interval a);

/*
 * caspian_interval_div() - a / b.  b must not contain 0; it may approach it
 * through an open end ((0, 2] gives results up to infinity).
 * Returns CASPIAN_OK, or CASPIAN_EDOM when 0 lies in b (*out untouched).
 */
int caspian_interval_div(struct caspian_interval a, struct caspian_interval b,
			 struct caspian_interval *out, struct caspian_error *err);

/* caspian_interval_exp() - e^a; never fails. */
struct caspian_interval caspian_interval_exp(struct caspian_interval a);

/*
 * caspian_interval_log() - the natural logarithm.  a must be positive; an open
 * end at 0 gives -inf.  Returns CASPIAN_OK or CASPIAN_EDOM.
 */
int caspian_interval_log(struct caspian_interval a, struct caspian_interval *out,
			 struct caspian_error *err);

/*
 * caspian_interval_pow() - {x^y : x in a, y in b}, for a real exponent.
 * a must be >= 0, and may touch 0 only when every y is > 0.  x^y is monotone
 * in x and in y on that domain, so the ends are found among the four corners.
 * Returns CASPIAN_OK or CASPIAN_EDOM.
 */
int caspian_interval_pow(struct caspian_interval a, struct caspian_interval b,
			 struct caspian_interval *out, struct caspian_error *err);

/*
 * caspian_interval_root() - {x^(1/y) : x in a, y in b}: the y-th root, e.g.
 * the annual factor fold^(1/years).  b must be > 0; a as for pow.
 * Returns CASPIAN_OK or CASPIAN_EDOM.
 */
int caspian_interval_root(struct caspian_interval a, struct caspian_interval b,
			  struct caspian_interval *out, struct caspian_error *err);

/*
 * caspian_interval_monotone() - the image of a under f, a function that is
 * monotone on a (increasing when increasing != 0, else decreasing).  The ends
 * are f of the ends, moved outward by ulps steps (pass the documented error
 * bound of f in ulps, at least 1 unless f is exact); openness carries over.
 * Returns CASPIAN_OK, or CASPIAN_EDOM when f gives NaN at an end.
 */
int caspian_interval_monotone(struct caspian_interval a, double (*f)(double), int increasing,
			      int ulps, struct caspian_interval *out, struct caspian_error *err);

/* Move v outward by n ulps: down when dir < 0, up when dir > 0. */
double caspian_interval_step(double v, int dir, int n);

#endif
