/*
 * arima_boxcox.c - the Box-Cox transform with R forecast's conventions, and
 * Guerrero's (1993) choice of lambda.
 *
 *   z = log(x)                       (lambda = 0)
 *   z = (sign(x) |x|^lambda - 1) / lambda   (otherwise)
 *
 * The inverse maps z back; for lambda < 0 values z >= -1/lambda have no
 * preimage and map to +INFINITY (R returns NA).
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include "forecast/arima_internal.h"

double cx_arima_boxcox(double x, double lambda)
{
	if (lambda == 0)
		return log(x);
	if (lambda < 0 && x < 0)
		return NAN;
	double s = x < 0 ? -1 : 1;
	return (s * pow(fabs(x), lambda) - 1) / lambda;
}

double cx_arima_inv_boxcox(double z, double lambda)
{
	if (lambda == 0)
		return exp(z);
	double xx = z * lambda + 1;
	if (lambda < 0 && xx <= 0)
		return INFINITY;
	double s = xx < 0 ? -1 : 1;
	return s * pow(fabs(xx), 1 / lambda);
}

struct guer_ctx {
	const double *x;
	size_t n;
	size_t period;
};

/*
 * Coefficient of variation of sd_j / mean_j^(1 - lambda) over consecutive
 * subseries j of length period, taken from the end of the series (R's
 * forecast:::guer.cv).  Missing values are skipped.
 */
static double guer_cv(double lam, void *p)
{
	const struct guer_ctx *g = p;
	size_t nyr = g->n / g->period, start = g->n - nyr * g->period;
	double sum = 0, sum2 = 0;
	size_t cnt = 0;
	for (size_t j = 0; j < nyr; j++) {
		const double *v = g->x + start + j * g->period;
		double mu = 0;
		size_t k = 0;
		for (size_t i = 0; i < g->period; i++)
			if (!isnan(v[i])) {
				mu += v[i];
				k++;
			}
		if (k < 2)
			continue;
		mu /= (double)k;
		double ss = 0;
		for (size_t i = 0; i < g->period; i++)
			if (!isnan(v[i]))
				ss += (v[i] - mu) * (v[i] - mu);
		double rat = sqrt(ss / (double)(k - 1)) / pow(mu, 1 - lam);
		if (isnan(rat))
			continue;
		sum += rat;
		sum2 += rat * rat;
		cnt++;
	}
	if (cnt < 2)
		return INFINITY;
	double mean = sum / (double)cnt;
	double var = (sum2 - (double)cnt * mean * mean) / (double)(cnt - 1);
	return sqrt(var > 0 ? var : 0) / mean;
}

double cx_arima_guerrero(const double *x, size_t n, int m, double lower, double upper)
{
	size_t period = m > 2 ? (size_t)m : 2;
	if (n <= 2 * (size_t)(m > 1 ? m : 1))
		return 1;
	struct guer_ctx g = {x, n, period};
	/* A grid locates the basin (the criterion need not be unimodal), then
	 * Brent's method refines inside the bracketing grid cells. */
	enum { NGRID = 30 };
	double best = INFINITY, bx = lower;
	size_t bi = 0;
	for (size_t i = 0; i <= NGRID; i++) {
		double lam = lower + (upper - lower) * (double)i / NGRID;
		double v = guer_cv(lam, &g);
		if (v < best) {
			best = v;
			bx = lam;
			bi = i;
		}
	}
	if (!isfinite(best) || bi == 0 || bi == NGRID)
		return bx;
	double a = lower + (upper - lower) * (double)(bi - 1) / NGRID;
	double b = lower + (upper - lower) * (double)(bi + 1) / NGRID;
	gsl_function fn = {guer_cv, &g};
	gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
	if (!s)
		return bx;
	if (gsl_min_fminimizer_set(s, &fn, bx, a, b) == GSL_SUCCESS) {
		for (int it = 0; it < 100; it++) {
			if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS)
				break;
			double lo = gsl_min_fminimizer_x_lower(s), hi = gsl_min_fminimizer_x_upper(s);
			if (gsl_min_test_interval(lo, hi, 1e-8, 0) == GSL_SUCCESS)
				break;
		}
		bx = gsl_min_fminimizer_x_minimum(s);
	}
	gsl_min_fminimizer_free(s);
	return bx;
}
