/*
 * ets_calc.c - the exponential smoothing recursions: likelihood, filtering,
 * point forecasts and the admissibility test.
 *
 * The likelihood loop is the hot spot of model fitting (it runs a few
 * thousand times per model), so it is written once as an always-inlined
 * function and instantiated per model type with constant component flags,
 * letting the compiler drop every branch that does not apply.
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "ets_internal.h"

/* Below this the product of |f| is folded into the log sum (and above its inverse). */
#define ETS_PROD_MIN 1e-100
#define ETS_PROD_MAX 1e100
/* forecast::ets floors the objective here so that perfect fits stay comparable. */
#define ETS_OBJ_FLOOR -1e10

static inline __attribute__((always_inline)) double
lik_loop(const double *y, size_t n, size_t m, const double *x0, double *ring, double alpha,
	 double beta, double gamma, double phi, const int error, const int trend,
	 const int damped, const int season)
{
	double l = x0[0], b = trend ? x0[1] : 0.0;
	double sse = 0.0, lsum = 0.0, prod = 1.0;
	size_t nobs = 0, j = 0;

	if (season)
		memcpy(ring, x0 + 1 + (trend != 0), m * sizeof(*ring));
	for (size_t t = 0; t < n; t++) {
		double s = season ? ring[j] : 0.0;
		/* phi = 1 without damping; x + 0 would only turn -0 into +0, which no sum sees */
		double pb = trend ? (damped ? phi * b : b) : 0.0;
		double q = trend ? l + pb : l;
		double f = season == ETS_MUL ? q * s : season ? q + s : q;
		double yt = y[t];

		if (yt == yt) {
			double r = yt - f;
			double inv = (error == ETS_MUL || season == ETS_MUL) ? 1.0 / f : 0.0;
			double e = error == ETS_MUL ? r * inv : r;
			double d = season == ETS_MUL ? r * q * inv : r;
			sse += e * e;
			nobs++;
			if (error == ETS_MUL) {
				prod *= fabs(f);
				if (!(prod < ETS_PROD_MAX && prod > ETS_PROD_MIN)) {
					lsum += log(prod);
					prod = 1.0;
				}
			}
			l = q + alpha * d;
			if (trend)
				b = pb + beta * d;
			if (season)
				ring[j] = s + gamma * (season == ETS_MUL ? r * s * inv : r);
		} else {
			l = q;
			if (trend)
				b = pb;
		}
		if (season && ++j == m)
			j = 0;
	}
	if (nobs == 0)
		return INFINITY;
	double obj = (double)nobs * log(sse);
	if (error == ETS_MUL)
		obj += 2.0 * (lsum + log(prod));
	if (obj < ETS_OBJ_FLOOR)
		obj = ETS_OBJ_FLOOR;
	return obj < INFINITY ? obj : INFINITY; /* NaN becomes +inf */
}

/*
 * lik_loop() for 2 np <= ETS_LANES parameter sets at once, in pairs of lanes held in
 * two-element GCC/Clang vectors (one SSE2 register each), so that the lanes'
 * independent recursions fill each other's latency and share division
 * instructions.  The updates are rearranged to shorten the chain of
 * dependent operations from one value to the next (see below): equal to
 * lik_loop()'s in exact arithmetic, they round differently, but the
 * objective n log(SSE) + ... rarely moves by more than its last bit.
 */
typedef double ets_v2 __attribute__((vector_size(2 * sizeof(double))));
typedef long long ets_m2 __attribute__((vector_size(2 * sizeof(long long))));
enum { ETS_PAIRS = ETS_LANES / 2 };

/* Adds the logarithms of the stored products to the sum, in their order. */
static void lik_flush(struct ets_lik_sums *s, size_t nfold)
{
	for (size_t i = 0; i < nfold; i++)
		s->lsum += log(s->fold[i]);
}

struct lik_lanes_par {
	double alpha[ETS_LANES], beta[ETS_LANES], gamma[ETS_LANES], phi[ETS_LANES];
	const double *x0[ETS_LANES];
};

static inline __attribute__((always_inline)) void
lik_lanes(const double *y, size_t n, size_t m, const struct lik_lanes_par *lp,
	  struct ets_lik_sums *sums, const size_t np, const int error, const int trend,
	  const int damped, const int season)
{
	ets_v2 ring[CASPIAN_ETS_MAX_PERIOD][ETS_PAIRS];
	ets_v2 l[ETS_PAIRS], b[ETS_PAIRS], alpha[ETS_PAIRS], beta[ETS_PAIRS], gamma[ETS_PAIRS],
		phi[ETS_PAIRS], sse[ETS_PAIRS], prod[ETS_PAIRS], oma[ETS_PAIRS], omb[ETS_PAIRS];
	const ets_m2 nosign = {LLONG_MAX, LLONG_MAX}; /* all bits but the sign */
	size_t nobs = 0, j = 0;

	for (size_t h = 0; h < np; h++)
		for (size_t e = 0; e < 2; e++) {
			const size_t k = 2 * h + e;
			const double *x0 = lp->x0[k];
			l[h][e] = x0[0];
			b[h][e] = trend ? x0[1] : 0.0;
			alpha[h][e] = lp->alpha[k];
			beta[h][e] = lp->beta[k];
			gamma[h][e] = lp->gamma[k];
			phi[h][e] = lp->phi[k];
			oma[h][e] = 1.0 - lp->alpha[k];
			omb[h][e] = 1.0 - lp->beta[k];
			sse[h][e] = 0.0;
			prod[h][e] = 1.0;
			sums[k].lsum = 0.0;
			for (size_t i = 0; season && i < m; i++)
				ring[i][h][e] = x0[1 + (trend != 0) + i];
		}
	/*
	 * A product of |f| leaving (ETS_PROD_MIN, ETS_PROD_MAX) is kept for the
	 * sum of logarithms, which ets_lik_value() adds up in the same order.
	 * No calls in the loop (they would keep the lanes out of registers): the
	 * logarithms are taken between blocks when the store runs short.
	 */
	size_t nfold[ETS_LANES] = {0};
	for (size_t t0 = 0; t0 < n; t0 += ETS_LIK_BLOCK) {
		const size_t t1 = n - t0 > ETS_LIK_BLOCK ? t0 + ETS_LIK_BLOCK : n;
		for (size_t t = t0; t < t1; t++) {
			double yt = y[t];
			int seen = yt == yt;

			nobs += (size_t)seen;
			ets_m2 inrange = {-1, -1}; /* every lane's product in range */
#pragma GCC unroll 2
			for (size_t h = 0; h < np; h++) {
				ets_v2 s = ring[j][h];
				ets_v2 pb = damped ? phi[h] * b[h] : b[h];
				ets_v2 q = trend ? l[h] + pb : l[h];
				ets_v2 f = season == ETS_MUL ? q * s : season ? q + s : q;
				if (!seen) {
					l[h] = q;
					if (trend)
						b[h] = pb;
					continue;
				}
				/*
				 * u = y / s or y - s, the observation net of the season: the
				 * level update q + alpha (u - q) as (1 - alpha) q + alpha u and
				 * the slope update pb + beta (u - q) as (1 - beta) pb +
				 * beta (u - l) keep the subtraction off the recursion's path.
				 */
				ets_v2 u, r, e, inv = {0.0, 0.0};
				if (season == ETS_MUL) {
					u = yt / s;
					r = yt - f;
					inv = 1.0 / f;
				} else {
					u = season ? yt - s : (ets_v2){yt, yt};
					r = u - q;
					if (error == ETS_MUL)
						inv = 1.0 / f;
				}
				e = error == ETS_MUL ? r * inv : r;
				sse[h] += e * e;
				if (error == ETS_MUL) {
					prod[h] *= (ets_v2)((ets_m2)f & nosign);
					inrange &= (prod[h] < ETS_PROD_MAX) & (prod[h] > ETS_PROD_MIN);
				}
				ets_v2 lnew = oma[h] * q + alpha[h] * u;
				if (trend)
					b[h] = omb[h] * pb + beta[h] * (u - l[h]);
				l[h] = lnew;
				if (season)
					ring[j][h] = s + gamma[h] * (season == ETS_MUL ? r * s * inv : r);
			}
			if (error == ETS_MUL && !(inrange[0] & inrange[1]))
				for (size_t k = 0; k < 2 * np; k++) {
					double pk = prod[k / 2][k % 2];
					if (!(pk < ETS_PROD_MAX && pk > ETS_PROD_MIN)) {
						sums[k].fold[nfold[k]++] = pk;
						prod[k / 2][k % 2] = 1.0;
					}
				}
			if (season && ++j == m)
				j = 0;
		}
		for (size_t k = 0; error == ETS_MUL && k < 2 * np; k++)
			if (nfold[k] >= ETS_LIK_FOLDS - ETS_LIK_BLOCK) {
				lik_flush(&sums[k], nfold[k]);
				nfold[k] = 0;
			}
	}
	for (size_t k = 0; k < 2 * np; k++) {
		sums[k].sse = sse[k / 2][k % 2];
		sums[k].prod = prod[k / 2][k % 2];
		sums[k].nfold = nfold[k];
		sums[k].nobs = nobs;
	}
}

double ets_lik_value(const struct ets_par *p, const struct ets_lik_sums *s)
{
	if (s->nobs == 0)
		return INFINITY;
	double o = (double)s->nobs * log(s->sse);
	if (p->error == ETS_MUL) {
		double lsum = s->lsum;
		for (size_t i = 0; i < s->nfold; i++)
			lsum += log(s->fold[i]);
		o += 2.0 * (lsum + log(s->prod));
	}
	if (o < ETS_OBJ_FLOOR)
		o = ETS_OBJ_FLOOR;
	return o < INFINITY ? o : INFINITY; /* NaN becomes +inf */
}

/* Every model type (ETS(A,*,M) is not admissible here); damped only with a trend. */
#define ETS_LIK_CASES                                                                      \
	ETS_LIK_CASE(ETS_ADD, 0, 0, ETS_NONE)                                              \
	ETS_LIK_CASE(ETS_ADD, 0, 0, ETS_ADD)                                               \
	ETS_LIK_CASE(ETS_ADD, 1, 0, ETS_NONE)                                              \
	ETS_LIK_CASE(ETS_ADD, 1, 0, ETS_ADD)                                               \
	ETS_LIK_CASE(ETS_ADD, 1, 1, ETS_NONE)                                              \
	ETS_LIK_CASE(ETS_ADD, 1, 1, ETS_ADD)                                               \
	ETS_LIK_CASE(ETS_MUL, 0, 0, ETS_NONE)                                              \
	ETS_LIK_CASE(ETS_MUL, 0, 0, ETS_ADD)                                               \
	ETS_LIK_CASE(ETS_MUL, 0, 0, ETS_MUL)                                               \
	ETS_LIK_CASE(ETS_MUL, 1, 0, ETS_NONE)                                              \
	ETS_LIK_CASE(ETS_MUL, 1, 0, ETS_ADD)                                               \
	ETS_LIK_CASE(ETS_MUL, 1, 0, ETS_MUL)                                               \
	ETS_LIK_CASE(ETS_MUL, 1, 1, ETS_NONE)                                              \
	ETS_LIK_CASE(ETS_MUL, 1, 1, ETS_ADD)                                               \
	ETS_LIK_CASE(ETS_MUL, 1, 1, ETS_MUL)

/* Key of a model type in the switches below. */
static int lik_key(const struct ets_par *p)
{
	int trend = p->trend != ETS_NONE;
	return p->error * 12 + trend * 6 + (trend && p->damped) * 3 + p->season;
}
#define ETS_LIK_KEY(E, T, D, S) ((E) * 12 + (T) * 6 + (D) * 3 + (S))

double ets_objective(const struct ets_par *p, const double *x0, const double *y, size_t n,
		     double *ring)
{
	const double a = p->alpha, b = p->beta, g = p->gamma, ph = p->phi;

#define ETS_LIK_CASE(E, T, D, S)                                                           \
	case ETS_LIK_KEY(E, T, D, S):                                                      \
		return lik_loop(y, n, p->m, x0, ring, a, b, g, ph, E, T, D, S);
	switch (lik_key(p)) {
		ETS_LIK_CASES
	default:
		return INFINITY;
	}
#undef ETS_LIK_CASE
}

void ets_objective_lanes(const struct ets_par *const *p, const double *const *x0, size_t k,
			 const double *y, size_t n, struct ets_lik_sums *sums)
{
	struct lik_lanes_par lp;

	if (k == 0)
		return;
	/* Idle lanes repeat the first; one pair does for two sets. */
	for (size_t i = 0; i < ETS_LANES; i++) {
		size_t from = i < k ? i : 0;
		lp.alpha[i] = p[from]->alpha;
		lp.beta[i] = p[from]->beta;
		lp.gamma[i] = p[from]->gamma;
		lp.phi[i] = p[from]->phi;
		lp.x0[i] = x0[from];
	}
#define ETS_LIK_CASE(E, T, D, S)                                                           \
	case ETS_LIK_KEY(E, T, D, S):                                                      \
		if (k <= 2)                                                                \
			lik_lanes(y, n, p[0]->m, &lp, sums, 1, E, T, D, S);                \
		else                                                                       \
			lik_lanes(y, n, p[0]->m, &lp, sums, ETS_PAIRS, E, T, D, S);        \
		break;
	switch (lik_key(p[0])) {
		ETS_LIK_CASES
	default:
		for (size_t i = 0; i < ETS_LANES; i++)
			sums[i] = (struct ets_lik_sums){.sse = NAN, .nobs = 1};
	}
#undef ETS_LIK_CASE
}
#undef ETS_LIK_KEY
#undef ETS_LIK_CASES

int ets_filter(const struct ets_par *p, const double *x0, const double *y, size_t n,
	       double *e, double *f, struct ets_filtered *out)
{
	const size_t m = p->season ? p->m : 1;
	const size_t off = 1 + (p->trend != ETS_NONE);
	double l = x0[0], b = p->trend ? x0[1] : 0.0;
	double ring[CASPIAN_ETS_MAX_PERIOD];
	size_t j = 0;
	int ok = 1;

	out->sse = 0.0;
	out->logf = 0.0;
	out->nobs = 0;
	if (p->season)
		memcpy(ring, x0 + off, m * sizeof(*ring));
	for (size_t t = 0; t < n; t++) {
		double s = p->season ? ring[j] : 0.0;
		double pb = p->trend ? p->phi * b : 0.0;
		double q = l + pb;
		double ft = p->season == ETS_MUL ? q * s : q + s;
		if (f)
			f[t] = ft;
		if (!isnan(y[t])) {
			double r = y[t] - ft;
			double et = p->error == ETS_MUL ? r / ft : r;
			double d = p->season == ETS_MUL ? r / s : r;
			if (e)
				e[t] = et;
			out->sse += et * et;
			out->logf += log(fabs(ft));
			out->nobs++;
			l = q + p->alpha * d;
			if (p->trend)
				b = pb + p->beta * d;
			if (p->season)
				ring[j] = s + p->gamma * (p->season == ETS_MUL ? r / q : r);
		} else {
			if (e)
				e[t] = NAN;
			l = q;
			b = pb;
		}
		if (!isfinite(l) || !isfinite(b) || !isfinite(ft))
			ok = 0;
		if (p->season && ++j == m)
			j = 0;
	}
	out->xend[0] = l;
	if (p->trend)
		out->xend[1] = b;
	if (p->season)
		for (size_t k = 0; k < m; k++)
			out->xend[off + k] = ring[(j + k) % m];
	if (!isfinite(out->sse))
		ok = 0;
	return ok ? 0 : -1;
}

void ets_point_forecast(const struct ets_par *p, const double *x, size_t h, double *mean)
{
	const size_t off = 1 + (p->trend != ETS_NONE);
	double l = x[0], b = p->trend ? x[1] : 0.0;
	double phih = 0.0, pw = 1.0;

	for (size_t i = 0; i < h; i++) {
		pw *= p->phi;
		phih += pw; /* phi + phi^2 + ... + phi^(i+1) */
		double q = p->trend ? l + phih * b : l;
		if (p->season == ETS_ADD)
			q += x[off + i % p->m];
		else if (p->season == ETS_MUL)
			q *= x[off + i % p->m];
		mean[i] = q;
	}
}

/*
 * Schur-Cohn test on a monic polynomial c[0] + c[1] z + ... + z^d: every root
 * lies strictly inside the unit circle iff |k| < 1 for k = c[0] and the same
 * holds for the monic reduced polynomial (c(z) - k z^d c(1/z)) / ((1 - k^2) z)
 * of degree d - 1 (the step-down recursion of Levinson-Durbin).
 */
static int roots_inside_unit_circle(const double *coef, size_t d)
{
	double buf[2][CASPIAN_ETS_MAX_PERIOD + 2];
	const double *c = coef;
	int which = 0;
	while (d > 0) {
		double k = c[0];
		if (!(fabs(k) < 1))
			return 0;
		double inv = 1.0 / (1.0 - k * k);
		double *t = buf[which];
		for (size_t i = 0; i + 1 < d; i++)
			t[i] = (c[i + 1] - k * c[d - 1 - i]) * inv;
		t[--d] = 1.0;
		c = t;
		which ^= 1;
	}
	return 1;
}

/* forecast::ets accepts roots up to this modulus. */
#define ETS_ROOT_RADIUS (1.0 + 1e-10)

/*
 * radius^-k for k = 1, 2, ...: each entry the one before divided by the
 * radius, as the compiler folds it, the values a loop of divisions gives
 * without that loop's chain of dependent divisions at run time.
 */
#define ETS_RP1 (1.0 / ETS_ROOT_RADIUS)
#define ETS_RP2 (ETS_RP1 / ETS_ROOT_RADIUS)
#define ETS_RP3 (ETS_RP2 / ETS_ROOT_RADIUS)
#define ETS_RP4 (ETS_RP3 / ETS_ROOT_RADIUS)
#define ETS_RP5 (ETS_RP4 / ETS_ROOT_RADIUS)
#define ETS_RP6 (ETS_RP5 / ETS_ROOT_RADIUS)
#define ETS_RP7 (ETS_RP6 / ETS_ROOT_RADIUS)
#define ETS_RP8 (ETS_RP7 / ETS_ROOT_RADIUS)
#define ETS_RP9 (ETS_RP8 / ETS_ROOT_RADIUS)
#define ETS_RP10 (ETS_RP9 / ETS_ROOT_RADIUS)
#define ETS_RP11 (ETS_RP10 / ETS_ROOT_RADIUS)
#define ETS_RP12 (ETS_RP11 / ETS_ROOT_RADIUS)
#define ETS_RP13 (ETS_RP12 / ETS_ROOT_RADIUS)
#define ETS_RP14 (ETS_RP13 / ETS_ROOT_RADIUS)
#define ETS_RP15 (ETS_RP14 / ETS_ROOT_RADIUS)
#define ETS_RP16 (ETS_RP15 / ETS_ROOT_RADIUS)
#define ETS_RP17 (ETS_RP16 / ETS_ROOT_RADIUS)
#define ETS_RP18 (ETS_RP17 / ETS_ROOT_RADIUS)
#define ETS_RP19 (ETS_RP18 / ETS_ROOT_RADIUS)
#define ETS_RP20 (ETS_RP19 / ETS_ROOT_RADIUS)
#define ETS_RP21 (ETS_RP20 / ETS_ROOT_RADIUS)
#define ETS_RP22 (ETS_RP21 / ETS_ROOT_RADIUS)
#define ETS_RP23 (ETS_RP22 / ETS_ROOT_RADIUS)
#define ETS_RP24 (ETS_RP23 / ETS_ROOT_RADIUS)
#define ETS_RP25 (ETS_RP24 / ETS_ROOT_RADIUS)
static const double root_scale[] = {
	ETS_RP1, ETS_RP2, ETS_RP3, ETS_RP4, ETS_RP5, ETS_RP6, ETS_RP7, ETS_RP8, ETS_RP9,
	ETS_RP10, ETS_RP11, ETS_RP12, ETS_RP13, ETS_RP14, ETS_RP15, ETS_RP16, ETS_RP17, ETS_RP18,
	ETS_RP19, ETS_RP20, ETS_RP21, ETS_RP22, ETS_RP23, ETS_RP24, ETS_RP25};
_Static_assert(sizeof(root_scale) / sizeof(root_scale[0]) >= CASPIAN_ETS_MAX_PERIOD + 1,
	       "root_scale covers every polynomial degree");

/*
 * The linear conditions of ets_admissible(): 0 when one fails, 1 when they
 * decide (no season), 2 when the roots of the polynomial must be tested, its
 * coefficients then in c[0..m+1] (see below).
 */
static int admissible_pre(const struct ets_par *p, double *c)
{
	const double a = p->alpha, g = p->gamma, ph = p->phi;
	const double b = p->trend ? p->beta : 0.0;

	if (ph < 0 || ph > 1 + 1e-8)
		return 0;
	if (p->season == ETS_NONE || p->m < 2) {
		if (a < 1 - 1 / ph || a > 1 + 1 / ph)
			return 0;
		if (p->trend && (b < a * (ph - 1) || b > (1 + ph) * (2 - a)))
			return 0;
		return 1;
	}
	const double m = (double)p->m;
	double lo = 1 - 1 / ph - a;
	if (g < (lo > 0 ? lo : 0) || g > 1 + 1 / ph - a)
		return 0;
	if (a < 1 - 1 / ph - g * (1 - m + ph + ph * m) / (2 * ph * m))
		return 0;
	if (b < -(1 - ph) * (g / m + a))
		return 0;

	/*
	 * Coefficients in increasing powers of the polynomial in w = z / radius,
	 * made monic, so that |z| < radius becomes |w| < 1.
	 */
	const size_t d = p->m + 1;
	c[0] = ph * (1 - a - g);
	c[1] = a + b - a * ph + g - 1;
	for (size_t i = 2; i < d - 1; i++)
		c[i] = a + b - a * ph;
	c[d - 1] = a + b - ph;
	for (size_t i = 0; i < d; i++)
		c[i] *= root_scale[d - 1 - i];
	c[d] = 1.0;
	return 2;
}

int ets_admissible(const struct ets_par *p)
{
	double c[CASPIAN_ETS_MAX_PERIOD + 2];
	int pre = admissible_pre(p, c);
	return pre == 2 ? roots_inside_unit_circle(c, p->m + 1) : pre;
}

/*
 * roots_inside_unit_circle() for 2 np <= ETS_LANES polynomials of one degree d, lane
 * k in element k % 2 of pair k / 2: the same operations on each element, the
 * lanes' chains of dependent divisions interleaved.  A lane stops counting at
 * its first |k| >= 1 (its later values are not used).  Sets in[k].
 */
static inline __attribute__((always_inline)) void
roots_inside_lanes(const double (*coef)[CASPIAN_ETS_MAX_PERIOD + 2], size_t d, int *in,
		   const size_t np)
{
	ets_v2 buf[2][CASPIAN_ETS_MAX_PERIOD + 2][ETS_PAIRS];
	ets_m2 alive[ETS_PAIRS];
	const ets_m2 nosign = {LLONG_MAX, LLONG_MAX}; /* all bits but the sign */
	int which = 0;

	for (size_t i = 0; i <= d; i++)
		for (size_t k = 0; k < 2 * np; k++)
			buf[0][i][k / 2][k % 2] = coef[k][i];
	for (size_t h = 0; h < np; h++)
		alive[h] = (ets_m2){-1, -1};
	while (d > 0) {
		ets_v2(*c)[ETS_PAIRS] = buf[which], (*t)[ETS_PAIRS] = buf[which ^ 1];
		ets_v2 k[ETS_PAIRS], inv[ETS_PAIRS];
		long long any = 0;
#pragma GCC unroll 2
		for (size_t h = 0; h < np; h++) {
			k[h] = c[0][h];
			alive[h] &= (ets_v2)((ets_m2)k[h] & nosign) < 1.0;
			any |= alive[h][0] | alive[h][1];
			inv[h] = 1.0 / (1.0 - k[h] * k[h]);
		}
		if (!any)
			break;
		for (size_t i = 0; i + 1 < d; i++)
#pragma GCC unroll 2
			for (size_t h = 0; h < np; h++)
				t[i][h] = (c[i + 1][h] - k[h] * c[d - 1 - i][h]) * inv[h];
		--d;
		for (size_t h = 0; h < np; h++)
			t[d][h] = (ets_v2){1.0, 1.0};
		which ^= 1;
	}
	for (size_t k = 0; k < 2 * np; k++)
		in[k] = alive[k / 2][k % 2] != 0;
}

void ets_admissible_lanes(const struct ets_par *const *p, size_t k, int *ok)
{
	double c[ETS_LANES][CASPIAN_ETS_MAX_PERIOD + 2];
	size_t at[ETS_LANES], npoly = 0;
	int in[ETS_LANES];

	for (size_t i = 0; i < k; i++) {
		ok[i] = admissible_pre(p[i], c[npoly]);
		if (ok[i] == 2)
			at[npoly++] = i;
	}
	if (npoly == 0)
		return;
	if (npoly == 1) {
		ok[at[0]] = roots_inside_unit_circle(c[0], p[at[0]]->m + 1);
		return;
	}
	const size_t used = npoly <= 2 ? 2 : ETS_LANES;
	for (size_t i = npoly; i < used; i++) /* idle lanes repeat the first */
		memcpy(c[i], c[0], sizeof(c[0]));
	const double(*cc)[CASPIAN_ETS_MAX_PERIOD + 2] = (const double(*)[CASPIAN_ETS_MAX_PERIOD + 2])c;
	if (npoly <= 2)
		roots_inside_lanes(cc, p[at[0]]->m + 1, in, 1);
	else
		roots_inside_lanes(cc, p[at[0]]->m + 1, in, ETS_PAIRS);
	for (size_t i = 0; i < npoly; i++)
		ok[at[i]] = in[i];
}
