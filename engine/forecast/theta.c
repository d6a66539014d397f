/*
 * theta.c - the Theta method (two forms) and its optimised variant.
 *
 * Standard Theta (Assimakopoulos & Nikolopoulos 2000) extrapolates the
 * theta = 0 line (the OLS line L[t] = A + B t, t = 1..n) and the theta = 2
 * line (Z = 2y - L, by SES) and averages them.  Two forms:
 *
 * theta (theta:ses-drift, the default; R's thetaf): Hyndman & Billah (2003)
 * showed the method is SES with a drift of half the OLS slope when the SES
 * of Z uses the parameters of an SES of y; with alpha and l0 fitted to y by
 * least squares, the forecast h steps ahead of the (seasonally adjusted)
 * series is
 *     f[h] = l[n] + (B/2) ((h - 1) + (1 - (1 - alpha)^n) / alpha).
 * Intervals: those of SES, f[h] +- z sigma sqrt(1 + (h - 1) alpha^2) with
 * sigma^2 = SSE / (n - 2).
 *
 * theta:lines (the published procedure): SES is fitted to Z itself, its own
 * alpha and l0 minimising the one-step squared errors of Z, and
 *     f[h] = (A + B (n + h)) / 2 + lz[n] / 2,
 * lz the level of Z.  The in-sample one-step errors of this forecast are
 * y[t] - (L[t] + lz[t-1]) / 2 = (Z[t] - lz[t-1]) / 2, so the intervals are
 * SES intervals of Z halved: sigma^2 = SSE_Z / (4 (n - 2)) in the formula
 * above (the OLS line is treated as known).
 *
 * Seasonality (both forms): when m > 1, n > 2m and the lag-m
 * autocorrelation is significant at the 90% level, the series is divided by
 * the classical multiplicative seasonal indices first and the forecasts and
 * interval bounds are multiplied by them (the M3 entry's procedure; R's
 * thetaf leaves its intervals on the adjusted scale).
 *
 * The optimised Theta model (the dynamic optimised Theta model, DOTM, of
 * Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler 2016) makes the weight
 * of the theta line a parameter:
 *     mu[t] = l[t-1] + w ((1-alpha)^(t-1) A[t-1] + ((1 - (1-alpha)^t) / alpha) B[t-1]),
 *     f[h]  = l[n] + w ((1-alpha)^n A[n] + ((h - 1) + (1 - (1-alpha)^(n+1)) / alpha) B[n]),
 * with A[t], B[t] the OLS intercept and slope of y[1..t] on 1..t and
 * w = 1 - 1/theta in [0, 1] (theta >= 1).  For fixed alpha the one-step errors
 * are linear in l0 and w, which are solved by least squares; alpha by a
 * one-dimensional search.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fc_internal.h"

/* Bounds of R's ets for alpha, used so that fits agree with forecast::thetaf. */
#define THETA_ALPHA_LO 1e-4
#define THETA_ALPHA_HI 0.9999
/* The thetaf form stays the default: on the M3 hold-out validation the two
 * forms score alike (sMAPE 13.55 and 13.56) and it matches R. */
#define THETA_DEFAULT_FORM THETA_SES_DRIFT

enum theta_form { THETA_SES_DRIFT, THETA_LINES, THETA_OPTIMISED };

struct theta {
	enum theta_form form;
	size_t n, m;
	double *index; /* m seasonal indices (position t mod m); NULL when not seasonal */
	double alpha, l0, level, A, B, w, sigma;
};

static void theta_free(void *state)
{
	struct theta *th = state;
	if (th)
		free(th->index);
	free(th);
}

/* ---- OTM: least squares for (l0, w) at fixed alpha ------------------------- */

struct otm_ctx {
	const double *y;
	size_t n;
	double A, B; /* the final regression, used by the forecasts */
};

/*
 * The coefficient of w in mu[t+1] (0-based t).  The regression coefficients
 * are those of y[0..t) on times 1..t, updated from the running sums q, so an
 * in-sample prediction uses only earlier values (the dynamic form; with the
 * final A, B in-sample the fit would pick the full trend line too often).
 * Before two points exist there is no slope: A = the first value, B = 0.
 */
static double otm_g(const struct otm_ctx *c, size_t t, double cpow, double alpha,
		    double q[4])
{
	double A, B;
	double k = (double)t;
	if (t >= 2) {
		B = (k * q[3] - q[0] * q[1]) / (k * q[2] - q[0] * q[0]);
		A = (q[1] - B * q[0]) / k;
	} else {
		A = c->y[0];
		B = 0;
	}
	double tt = (double)(t + 1);
	q[0] += tt;
	q[1] += c->y[t];
	q[2] += tt * tt;
	q[3] += tt * c->y[t];
	return cpow * A + (1 - cpow * (1 - alpha)) / alpha * B;
}

/* SSE at alpha with the best (l0, w), w clamped to [0, 1]; fills them. */
static double otm_profile(const struct otm_ctx *c, double alpha, double *l0_out,
			  double *w_out, double *level_out)
{
	double s = 0, cpow = 1;
	double scc = 0, sgg = 0, scg = 0, sac = 0, sag = 0;
	double q[4] = {0, 0, 0, 0};
	for (size_t t = 0; t < c->n; t++) {
		double g = otm_g(c, t, cpow, alpha, q);
		double a = c->y[t] - s;
		scc += cpow * cpow;
		sgg += g * g;
		scg += cpow * g;
		sac += a * cpow;
		sag += a * g;
		s += alpha * a;
		cpow *= 1 - alpha;
	}
	double det = scc * sgg - scg * scg, l0, w;
	if (fabs(det) > 1e-12 * scc * sgg) {
		l0 = (sac * sgg - sag * scg) / det;
		w = (sag * scc - sac * scg) / det;
	} else {
		w = 0;
		l0 = sac / scc;
	}
	if (!(w >= 0) || w > 1) {
		w = w > 1 ? 1 : 0;
		l0 = (sac - w * scg) / scc;
	}
	double l = l0, sse = 0;
	cpow = 1;
	q[0] = q[1] = q[2] = q[3] = 0;
	for (size_t t = 0; t < c->n; t++) {
		double g = otm_g(c, t, cpow, alpha, q);
		double e = c->y[t] - l - w * g;
		sse += e * e;
		l += alpha * (c->y[t] - l);
		cpow *= 1 - alpha;
	}
	if (l0_out)
		*l0_out = l0;
	if (w_out)
		*w_out = w;
	if (level_out)
		*level_out = l;
	return sse;
}

static double otm_objective(double alpha, void *p)
{
	return otm_profile(p, alpha, NULL, NULL, NULL);
}

/* ---- fit ---------------------------------------------------------------------- */

static int theta_fit_common(enum theta_form form, const double *y, size_t n,
			    const struct caspian_fc_opts *opts, void **state,
			    struct caspian_error *err)
{
	const char *name = form == THETA_OPTIMISED ? "otheta" : "theta";
	int rc = CASPIAN_OK;
	if (n < 3)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method %s needs at least 3 observations (got %zu)",
					 name, n);
	size_t m = fc_season(opts);
	struct theta *th = calloc(1, sizeof(*th));
	double *x = malloc(sizeof(double) * n);
	if (!th || !x) {
		free(th);
		free(x);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	th->form = form;
	th->n = n;
	th->m = m;
	if (fc_seasonal_adjust(y, n, m, x, &th->index) != 0) {
		free(x);
		theta_free(th);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	/* OLS on t = 1..n: A, B (fc_ols_line uses t = 0..n-1). */
	double a0, b;
	fc_ols_line(x, n, &a0, &b);
	th->A = a0 - b;
	th->B = b;
	double sse;
	if (form == THETA_SES_DRIFT || form == THETA_LINES) {
		/* THETA_LINES smooths the theta = 2 line Z = 2x - L by its own SES. */
		if (form == THETA_LINES)
			for (size_t t = 0; t < n; t++)
				x[t] = 2 * x[t] - (th->A + th->B * (double)(t + 1));
		struct fc_ses ses;
		rc = fc_ses_fit(x, n, THETA_ALPHA_LO, THETA_ALPHA_HI, &ses, err);
		if (rc) {
			free(x);
			theta_free(th);
			return rc;
		}
		th->alpha = ses.alpha;
		th->l0 = ses.l0;
		th->level = ses.level;
		th->w = 0.5;
		/* For THETA_LINES x[t] - (L[t] + lz[t-1]) / 2 = (Z[t] - lz[t-1]) / 2. */
		sse = form == THETA_LINES ? ses.sse / 4 : ses.sse;
	} else {
		struct otm_ctx c = {x, n, th->A, th->B};
		th->alpha = fc_minimise_1d(otm_objective, &c, THETA_ALPHA_LO, THETA_ALPHA_HI,
					   25, NULL);
		sse = otm_profile(&c, th->alpha, &th->l0, &th->w, &th->level);
	}
	free(x);
	size_t k = form == THETA_OPTIMISED ? 3 : 2;
	th->sigma = n > k ? sqrt(sse / (double)(n - k)) : 0;
	if (!isfinite(th->level) || !isfinite(th->sigma)) {
		theta_free(th);
		return caspian_error_set(err, CASPIAN_ENOCONV,
					 "method %s did not give a finite fit", name);
	}
	*state = th;
	return CASPIAN_OK;
}

static int theta_forecast(const void *state, size_t h, const double *levels,
			  size_t nlevels, double *mean, double *lo, double *hi,
			  struct caspian_error *err)
{
	const struct theta *th = state;
	(void)err;
	double al = th->alpha, dn = (double)th->n;
	double q = pow(1 - al, dn);
	for (size_t i = 0; i < h; i++) {
		double f;
		if (th->form == THETA_SES_DRIFT)
			f = th->level + th->w * th->B * ((double)i + (1 - q) / al);
		else if (th->form == THETA_LINES)
			f = 0.5 * (th->A + th->B * (dn + 1 + (double)i)) + 0.5 * th->level;
		else
			f = th->level + th->w * (q * th->A +
						 ((double)i + (1 - q * (1 - al)) / al) * th->B);
		double se = th->sigma * sqrt(1 + (double)i * al * al);
		double s = th->index ? th->index[(th->n + i) % th->m] : 1;
		mean[i] = f * s;
		for (size_t l = 0; l < nlevels; l++) {
			double z = fc_z(levels[l]);
			double a = (f - z * se) * s, b = (f + z * se) * s;
			lo[l * h + i] = a < b ? a : b;
			hi[l * h + i] = a < b ? b : a;
		}
	}
	return CASPIAN_OK;
}

static void theta_describe(const void *state, struct caspian_fc_details *d)
{
	const struct theta *th = state;
	const char *name = th->form == THETA_OPTIMISED ? "Optimised Theta"
			   : th->form == THETA_LINES	  ? "Theta lines"
							  : "Theta";
	if (th->index)
		snprintf(d->model, sizeof(d->model), "%s (seasonally adjusted, m=%zu)", name,
			 th->m);
	else
		snprintf(d->model, sizeof(d->model), "%s", name);
	if (th->form == THETA_LINES)
		snprintf(d->params, sizeof(d->params),
			 "alpha=%.17g l0=%.17g intercept=%.17g slope=%.17g sigma=%.17g", th->alpha,
			 th->l0, th->A, th->B, th->sigma);
	else
		snprintf(d->params, sizeof(d->params),
			 "alpha=%.17g l0=%.17g drift=%.17g theta=%.17g sigma=%.17g", th->alpha,
			 th->l0, th->w * th->B, th->w < 1 ? 1 / (1 - th->w) : INFINITY, th->sigma);
	if (th->index)
		fc_describe_indices(d->params, sizeof(d->params), th->index, th->m, th->n);
}

/* The form a theta variant names (NULL or "": the default). */
static int theta_form_parse(const char *spec, enum theta_form *form, struct caspian_error *err)
{
	*form = THETA_DEFAULT_FORM;
	if (!spec || !spec[0])
		return CASPIAN_OK;
	if (strcmp(spec, "lines") == 0)
		*form = THETA_LINES;
	else if (strcmp(spec, "ses-drift") == 0)
		*form = THETA_SES_DRIFT;
	else
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method theta: unknown variant '%s' (expected lines "
					 "or ses-drift)",
					 spec);
	return CASPIAN_OK;
}

static int theta_check_spec(const char *spec, struct caspian_error *err)
{
	enum theta_form form;
	return theta_form_parse(spec, &form, err);
}

static int theta_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		     void **state, struct caspian_error *err)
{
	enum theta_form form;
	int rc = theta_form_parse(opts ? opts->spec : NULL, &form, err);
	return rc ? rc : theta_fit_common(form, y, n, opts, state, err);
}

static int otheta_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		      void **state, struct caspian_error *err)
{
	int rc = fc_no_spec("otheta", opts, err);
	if (rc)
		return rc;
	return theta_fit_common(THETA_OPTIMISED, y, n, opts, state, err);
}

const struct caspian_method caspian_method_theta = {
	.name = "theta",
	.summary = "Standard Theta: SES with half the trend slope, seasonally adjusted",
	.flags = CASPIAN_FC_SEASONAL | CASPIAN_FC_ADJUSTS,
	.fit = theta_fit,
	.forecast = theta_forecast,
	.describe = theta_describe,
	.free = theta_free,
	.check_spec = theta_check_spec,
};

const struct caspian_method caspian_method_otheta = {
	.name = "otheta",
	.summary = "Optimised Theta: the theta-line weight fitted with SES",
	.flags = CASPIAN_FC_SEASONAL | CASPIAN_FC_ADJUSTS,
	.fit = otheta_fit,
	.forecast = theta_forecast,
	.describe = theta_describe,
	.free = theta_free,
};
