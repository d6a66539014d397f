#include "caspian/interval.h"

#include <float.h>
#include <math.h>

/*
 * An end candidate: a value, whether it is attained (open = 0), and whether
 * the floating-point value is the exact one.  Binary operations on intervals
 * compute all four corner candidates and keep the extremes.
 */
struct end {
	double v;
	int open;
	int ulps; /* how far the computed v may be from the exact value; 0 = exact */
};

struct caspian_interval caspian_interval_make(double lo, int lo_open, double hi, int hi_open)
{
	struct caspian_interval x = {lo, hi, lo_open || isinf(lo), hi_open || isinf(hi)};
	return x;
}

struct caspian_interval caspian_interval_point(double v)
{
	return caspian_interval_make(v, 0, v, 0);
}

int caspian_interval_valid(struct caspian_interval x)
{
	if (isnan(x.lo) || isnan(x.hi) || x.lo == INFINITY || x.hi == -INFINITY)
		return 0;
	if (x.lo < x.hi)
		return 1;
	return x.lo == x.hi && !x.lo_open && !x.hi_open;
}

int caspian_interval_is_point(struct caspian_interval x)
{
	return x.lo == x.hi && !x.lo_open && !x.hi_open;
}

int caspian_interval_contains(struct caspian_interval x, double v)
{
	int above = x.lo_open ? v > x.lo : v >= x.lo;
	int below = x.hi_open ? v < x.hi : v <= x.hi;
	return above && below;
}

int caspian_interval_within(struct caspian_interval in, struct caspian_interval out)
{
	int lo_ok = in.lo > out.lo || (in.lo == out.lo && (!out.lo_open || in.lo_open));
	int hi_ok = in.hi < out.hi || (in.hi == out.hi && (!out.hi_open || in.hi_open));
	return lo_ok && hi_ok;
}

int caspian_interval_intersect(struct caspian_interval a, struct caspian_interval b,
			       struct caspian_interval *out)
{
	struct caspian_interval r;
	if (a.lo > b.lo) {
		r.lo = a.lo;
		r.lo_open = a.lo_open;
	} else if (b.lo > a.lo) {
		r.lo = b.lo;
		r.lo_open = b.lo_open;
	} else {
		r.lo = a.lo;
		r.lo_open = a.lo_open || b.lo_open;
	}
	if (a.hi < b.hi) {
		r.hi = a.hi;
		r.hi_open = a.hi_open;
	} else if (b.hi < a.hi) {
		r.hi = b.hi;
		r.hi_open = b.hi_open;
	} else {
		r.hi = a.hi;
		r.hi_open = a.hi_open || b.hi_open;
	}
	if (!caspian_interval_valid(r))
		return 0;
	if (out)
		*out = r;
	return 1;
}

struct caspian_interval caspian_interval_hull(struct caspian_interval a, struct caspian_interval b)
{
	struct caspian_interval r = a;
	if (b.lo < r.lo || (b.lo == r.lo && !b.lo_open)) {
		r.lo = b.lo;
		r.lo_open = b.lo_open;
	}
	if (b.hi > r.hi || (b.hi == r.hi && !b.hi_open)) {
		r.hi = b.hi;
		r.hi_open = b.hi_open;
	}
	return r;
}

double caspian_interval_gap(struct caspian_interval a, struct caspian_interval b)
{
	if (a.hi <= b.lo)
		return b.lo - a.hi;
	if (b.hi <= a.lo)
		return a.lo - b.hi;
	return 0.0;
}

double caspian_interval_mid(struct caspian_interval x)
{
	if (isinf(x.lo) || isinf(x.hi))
		return NAN;
	return x.lo / 2 + x.hi / 2;
}

double caspian_interval_step(double v, int dir, int n)
{
	double toward = dir < 0 ? -INFINITY : INFINITY;
	for (int i = 0; i < n; i++)
		v = nextafter(v, toward);
	return v;
}

/* The lowest (want_hi = 0) or highest candidate; ties keep the end if any attains it. */
static struct end pick(const struct end *c, size_t n, int want_hi)
{
	struct end best = {NAN, 1, 0};
	for (size_t i = 0; i < n; i++) {
		if (isnan(c[i].v))
			continue;
		if (isnan(best.v) || (want_hi ? c[i].v > best.v : c[i].v < best.v)) {
			best = c[i];
		} else if (c[i].v == best.v) {
			best.open = best.open && c[i].open;
			if (c[i].ulps > best.ulps)
				best.ulps = c[i].ulps;
		}
	}
	return best;
}

static struct caspian_interval from_ends(struct end lo, struct end hi)
{
	double l = lo.ulps ? caspian_interval_step(lo.v, -1, lo.ulps) : lo.v;
	double h = hi.ulps ? caspian_interval_step(hi.v, 1, hi.ulps) : hi.v;
	return caspian_interval_make(l, lo.open, h, hi.open);
}

static struct caspian_interval from_corners(const struct end c[4])
{
	return from_ends(pick(c, 4, 0), pick(c, 4, 1));
}

/* s = a + b; 0 ulps when the sum is exact (Knuth's TwoSum error term is 0). */
static struct end add_end(double a, int ao, double b, int bo)
{
	struct end e = {a + b, ao || bo, 0};
	if (isfinite(a) && isfinite(b)) {
		if (isinf(e.v)) {
			e.ulps = 1; /* overflow: the exact sum is finite */
		} else {
			double bb = e.v - a;
			double err = (a - (e.v - bb)) + (b - bb);
			e.ulps = err != 0.0;
		}
	}
	e.open = e.open || isinf(e.v);
	return e;
}

struct caspian_interval caspian_interval_add(struct caspian_interval a, struct caspian_interval b)
{
	return from_ends(add_end(a.lo, a.lo_open, b.lo, b.lo_open),
			 add_end(a.hi, a.hi_open, b.hi, b.hi_open));
}

struct caspian_interval caspian_interval_neg(struct caspian_interval a)
{
	return caspian_interval_make(-a.hi, a.hi_open, -a.lo, a.lo_open);
}

struct caspian_interval caspian_interval_sub(struct caspian_interval a, struct caspian_interval b)
{
	return caspian_interval_add(a, caspian_interval_neg(b));
}

/*
 * Near the subnormal range the fma residual can itself underflow to 0, so
 * exactness cannot be proved there: treat such results as rounded.
 */
static int tiny(double v)
{
	return fabs(v) < DBL_MIN * 0x1p54;
}

static struct end mul_end(double a, int ao, double b, int bo)
{
	struct end e = {0.0, 0, 0};
	if ((a == 0 && !ao) || (b == 0 && !bo))
		return e; /* a closed zero makes the product 0 whatever the other is */
	if (a == 0 || b == 0) {
		e.open = 1; /* 0 * inf by the hull convention; 0 not attained */
		return e;
	}
	e.v = a * b;
	e.open = ao || bo || isinf(e.v);
	if (isfinite(a) && isfinite(b))
		e.ulps = isinf(e.v) || tiny(e.v) || fma(a, b, -e.v) != 0.0;
	return e;
}

struct caspian_interval caspian_interval_mul(struct caspian_interval a, struct caspian_interval b)
{
	struct end c[4] = {
		mul_end(a.lo, a.lo_open, b.lo, b.lo_open), mul_end(a.lo, a.lo_open, b.hi, b.hi_open),
		mul_end(a.hi, a.hi_open, b.lo, b.lo_open), mul_end(a.hi, a.hi_open, b.hi, b.hi_open),
	};
	return from_corners(c);
}

/* a / b at one corner; side is the sign of every number in b. */
static struct end div_end(double a, int ao, double b, int bo, int side)
{
	struct end e = {0.0, 0, 0};
	if (a == 0) {
		e.open = ao; /* 0 / b = 0 for every b */
		return e;
	}
	if (b == 0) { /* an open end of b: the quotient grows without bound */
		e.open = 1;
		e.v = (a > 0) == (side > 0) ? INFINITY : -INFINITY;
		return e;
	}
	if (isinf(b)) {
		if (isinf(a)) {
			e.v = NAN; /* dominated by the neighbouring corners */
			return e;
		}
		e.open = 1;
		e.v = 0.0;
		return e;
	}
	e.v = a / b;
	e.open = ao || bo || isinf(e.v);
	if (isfinite(a))
		e.ulps = isinf(e.v) || tiny(e.v) || fma(e.v, b, -a) != 0.0;
	return e;
}

int caspian_interval_div(struct caspian_interval a, struct caspian_interval b,
			 struct caspian_interval *out, struct caspian_error *err)
{
	int side;
	if (b.lo > 0 || (b.lo == 0 && b.lo_open))
		side = 1;
	else if (b.hi < 0 || (b.hi == 0 && b.hi_open))
		side = -1;
	else
		return caspian_error_set(err, CASPIAN_EDOM,
					 "division by an interval that contains 0 ([%g, %g])", b.lo,
					 b.hi);
	struct end c[4] = {
		div_end(a.lo, a.lo_open, b.lo, b.lo_open, side),
		div_end(a.lo, a.lo_open, b.hi, b.hi_open, side),
		div_end(a.hi, a.hi_open, b.lo, b.lo_open, side),
		div_end(a.hi, a.hi_open, b.hi, b.hi_open, side),
	};
	*out = from_corners(c);
	return CASPIAN_OK;
}

/* A result that cannot be negative stays >= 0 after the outward move. */
static struct caspian_interval clamp_nonneg(struct caspian_interval x)
{
	if (x.lo < 0) {
		x.lo = 0;
		x.lo_open = 1; /* the exact end was > 0 */
	}
	return x;
}

static struct end exp_end(double a, int ao)
{
	struct end e = {exp(a), ao, CASPIAN_INTERVAL_LIBM_ULPS};
	if (a == 0 || isinf(a))
		e.ulps = 0;
	e.open = e.open || isinf(e.v);
	return e;
}

struct caspian_interval caspian_interval_exp(struct caspian_interval a)
{
	return clamp_nonneg(from_ends(exp_end(a.lo, a.lo_open), exp_end(a.hi, a.hi_open)));
}

static struct end log_end(double a, int ao)
{
	struct end e = {log(a), ao, CASPIAN_INTERVAL_LIBM_ULPS};
	if (a == 1 || a == 0 || isinf(a))
		e.ulps = 0;
	e.open = e.open || isinf(e.v);
	return e;
}

int caspian_interval_log(struct caspian_interval a, struct caspian_interval *out,
			 struct caspian_error *err)
{
	if (a.lo < 0 || (a.lo == 0 && !a.lo_open) || a.hi <= 0)
		return caspian_error_set(err, CASPIAN_EDOM,
					 "logarithm of an interval that is not positive ([%g, %g])",
					 a.lo, a.hi);
	*out = from_ends(log_end(a.lo, a.lo_open), log_end(a.hi, a.hi_open));
	return CASPIAN_OK;
}

static struct end pow_end(double a, int ao, double b, int bo)
{
	struct end e = {1.0, 0, 0};
	if ((a == 1 && !ao) || (b == 0 && !bo))
		return e;
	if (a == 0 && !ao) {
		e.v = 0.0;
		return e;
	}
	e.v = pow(a, b);
	e.open = ao || bo || isinf(e.v);
	if (!(b == 1 || a == 0 || isinf(a) || isinf(b)))
		e.ulps = CASPIAN_INTERVAL_LIBM_ULPS;
	return e;
}

int caspian_interval_pow(struct caspian_interval a, struct caspian_interval b,
			 struct caspian_interval *out, struct caspian_error *err)
{
	int b_positive = b.lo > 0 || (b.lo == 0 && b.lo_open);
	if (a.lo < 0 || (a.lo == 0 && !b_positive))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "power of [%g, %g] to [%g, %g] is undefined: the base must "
					 "be positive (or 0 with positive exponents)",
					 a.lo, a.hi, b.lo, b.hi);
	struct end c[4] = {
		pow_end(a.lo, a.lo_open, b.lo, b.lo_open), pow_end(a.lo, a.lo_open, b.hi, b.hi_open),
		pow_end(a.hi, a.hi_open, b.lo, b.lo_open), pow_end(a.hi, a.hi_open, b.hi, b.hi_open),
	};
	*out = clamp_nonneg(from_corners(c));
	return CASPIAN_OK;
}

int caspian_interval_root(struct caspian_interval a, struct caspian_interval b,
			  struct caspian_interval *out, struct caspian_error *err)
{
	struct caspian_interval inv;
	if (!(b.lo > 0 || (b.lo == 0 && b.lo_open)))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "root of degree [%g, %g] is undefined: the degree must be "
					 "positive",
					 b.lo, b.hi);
	int rc = caspian_interval_div(caspian_interval_point(1.0), b, &inv, err);
	if (rc)
		return rc;
	return caspian_interval_pow(a, inv, out, err);
}

int caspian_interval_monotone(struct caspian_interval a, double (*f)(double), int increasing,
			      int ulps, struct caspian_interval *out, struct caspian_error *err)
{
	struct end lo = {f(a.lo), a.lo_open, ulps}, hi = {f(a.hi), a.hi_open, ulps};
	if (isnan(lo.v) || isnan(hi.v))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "function undefined at an end of [%g, %g]", a.lo, a.hi);
	if (!increasing) {
		struct end t = lo;
		lo = hi;
		hi = t;
	}
	if (isinf(lo.v))
		lo.ulps = 0;
	if (isinf(hi.v))
		hi.ulps = 0;
	*out = from_ends(lo, hi);
	return CASPIAN_OK;
}
