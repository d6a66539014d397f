/*
 * ses.c - simple exponential smoothing by least squares, and the small
 * one-dimensional minimiser the Theta fits share.
 *
 * For a fixed alpha the one-step errors are linear in the initial level:
 * with s[t] the level filtered from s[0] = 0 and c[t] = (1 - alpha)^t,
 *   e[t] = (y[t] - s[t-1]) - c[t-1] l0,
 * so SSE(l0) is a quadratic whose minimum is l0 = sum a c / sum c^2.  Only
 * alpha needs a numerical search.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include "fc_internal.h"

double fc_ses_profile(const double *y, size_t n, double alpha, double *l0, double *level)
{
	double s = 0, c = 1, sac = 0, scc = 0;
	for (size_t t = 0; t < n; t++) {
		double a = y[t] - s;
		sac += a * c;
		scc += c * c;
		s += alpha * a;
		c *= 1 - alpha;
	}
	double init = scc > 0 ? sac / scc : y[0];
	/* A second pass gives the SSE without the cancellation of the closed form. */
	double l = init, sse = 0;
	for (size_t t = 0; t < n; t++) {
		double e = y[t] - l;
		sse += e * e;
		l += alpha * e;
	}
	if (l0)
		*l0 = init;
	if (level)
		*level = l;
	return sse;
}

struct ses_ctx {
	const double *y;
	size_t n;
};

static double ses_objective(double alpha, void *p)
{
	const struct ses_ctx *c = p;
	return fc_ses_profile(c->y, c->n, alpha, NULL, NULL);
}

double fc_minimise_1d(double (*f)(double, void *), void *ctx, double lo, double hi,
		      size_t grid, double *fmin)
{
	double best_x = lo, best_f = INFINITY;
	size_t best_k = 0;
	double step = (hi - lo) / (double)(grid - 1);
	for (size_t k = 0; k < grid; k++) {
		double x = k + 1 == grid ? hi : lo + step * (double)k;
		double v = f(x, ctx);
		if (v < best_f) {
			best_f = v;
			best_x = x;
			best_k = k;
		}
	}
	double a = best_k ? best_x - step : lo;
	double b = best_k + 1 < grid ? best_x + step : hi;
	if (best_k > 0 && best_k + 1 < grid && best_f < f(a, ctx) && best_f < f(b, ctx)) {
		gsl_function F = {.function = f, .params = ctx};
		gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
		if (s && gsl_min_fminimizer_set(s, &F, best_x, a, b) == GSL_SUCCESS) {
			for (int it = 0; it < 100; it++) {
				if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS)
					break;
				double xa = gsl_min_fminimizer_x_lower(s);
				double xb = gsl_min_fminimizer_x_upper(s);
				if (gsl_min_test_interval(xa, xb, 1e-10, 0) == GSL_SUCCESS)
					break;
			}
			double x = gsl_min_fminimizer_x_minimum(s);
			double v = f(x, ctx);
			if (v <= best_f) {
				best_x = x;
				best_f = v;
			}
		}
		gsl_min_fminimizer_free(s);
	} else {
		/* The minimum lies at or next to a bound: golden-section search. */
		const double g = 0.3819660112501051;
		double x1 = a + g * (b - a), x2 = b - g * (b - a);
		double f1 = f(x1, ctx), f2 = f(x2, ctx);
		for (int it = 0; it < 60 && b - a > 1e-10; it++) {
			if (f1 < f2) {
				b = x2;
				x2 = x1;
				f2 = f1;
				x1 = a + g * (b - a);
				f1 = f(x1, ctx);
			} else {
				a = x1;
				x1 = x2;
				f1 = f2;
				x2 = b - g * (b - a);
				f2 = f(x2, ctx);
			}
		}
		double x = f1 < f2 ? x1 : x2, v = f1 < f2 ? f1 : f2;
		if (v < best_f) {
			best_x = x;
			best_f = v;
		}
	}
	if (fmin)
		*fmin = best_f;
	return best_x;
}

int fc_ses_fit(const double *y, size_t n, double alpha_lo, double alpha_hi,
	       struct fc_ses *out, struct caspian_error *err)
{
	if (n < 2)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "exponential smoothing needs at least 2 observations");
	struct ses_ctx c = {y, n};
	double alpha = fc_minimise_1d(ses_objective, &c, alpha_lo, alpha_hi, 25, NULL);
	out->alpha = alpha;
	out->sse = fc_ses_profile(y, n, alpha, &out->l0, &out->level);
	out->n = n;
	if (!isfinite(out->sse) || !isfinite(out->level))
		return caspian_error_set(err, CASPIAN_ENOCONV,
					 "exponential smoothing did not give a finite fit");
	return CASPIAN_OK;
}

void fc_ols_line(const double *y, size_t n, double *a, double *b)
{
	double tbar = (double)(n - 1) / 2, ybar = 0;
	for (size_t t = 0; t < n; t++)
		ybar += y[t];
	ybar /= (double)n;
	double stt = 0, sty = 0;
	for (size_t t = 0; t < n; t++) {
		double dt = (double)t - tbar;
		stt += dt * dt;
		sty += dt * (y[t] - ybar);
	}
	*b = stt > 0 ? sty / stt : 0;
	*a = ybar - *b * tbar;
}
