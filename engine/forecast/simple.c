/*
 * simple.c - the benchmark methods built on a lag walk: naive, snaive, drift,
 * cagr (drift on logarithms), and mean.
 *
 * A lag walk with lag L forecasts y[n+h] from the last value in the same
 * position of the cycle, y[n+h-L*k], k = floor((h-1)/L) + 1, plus k times a
 * drift b when asked.  Its error variance sigma^2 comes from the differences
 * d = y[t] - y[t-gL] between each value and the previous present value in its
 * position, g lags back (g > 1 only across missing values): a difference over
 * g lags has mean g b and variance g sigma^2, so
 *   no drift:  sigma^2 = (1/c) sum d^2 / g
 *   drift:     b = (y[n] - y[1]) / (n - 1),  sigma^2 = (1/(c-1)) sum (d - g b)^2 / g
 * over the c differences.  Without missing values these are exactly the
 * estimates of R's forecast::naive, snaive and rwf(drift = TRUE).
 * Forecast variance: sigma^2 (k + a) + (k se_b)^2, where a counts the extra
 * lags back of a carried value and se_b = sigma / sqrt(n - 1) (drift only).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fc_internal.h"

struct lagwalk {
	const char *method;
	size_t lag, n, pairs;
	int has_drift, on_log;
	double drift, drift_se, sigma, ppy;
	double *future; /* lag values, log scale when on_log */
	size_t *age;    /* extra lags back of each future value */
};

static void lagwalk_free(void *state)
{
	struct lagwalk *w = state;
	if (!w)
		return;
	free(w->future);
	free(w->age);
	free(w);
}

/* Sum of d^2/g (centred on g*b) over the pairs of present values L apart. */
static double lagwalk_sum(const double *x, size_t n, size_t lag, double b, size_t *pairs)
{
	double s = 0;
	size_t c = 0;
	for (size_t t = lag; t < n; t++) {
		if (isnan(x[t]))
			continue;
		size_t g = 1;
		while (g * lag <= t && isnan(x[t - g * lag]))
			g++;
		if (g * lag > t)
			continue;
		double d = x[t] - x[t - g * lag] - (double)g * b;
		s += d * d / (double)g;
		c++;
	}
	*pairs = c;
	return s;
}

static int lagwalk_fit(const char *method, const double *y, size_t n, size_t lag,
		       int has_drift, int on_log, const struct caspian_fc_opts *opts,
		       void **state, struct caspian_error *err)
{
	int rc = fc_no_spec(method, opts, err);
	if (rc)
		return rc;
	if (on_log && (rc = fc_need_positive(method, y, n, err)))
		return rc;
	size_t need_pairs = has_drift ? 2 : 1;
	if (n < lag + need_pairs)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method %s needs at least %zu observations (got %zu)",
					 method, lag + need_pairs, n);
	struct lagwalk *w = calloc(1, sizeof(*w));
	double *x = malloc(sizeof(double) * n);
	if (!w || !x)
		goto nomem;
	w->future = malloc(sizeof(double) * lag);
	w->age = malloc(sizeof(size_t) * lag);
	if (!w->future || !w->age)
		goto nomem;
	for (size_t t = 0; t < n; t++)
		x[t] = on_log ? log(y[t]) : y[t];
	w->method = method;
	w->lag = lag;
	w->n = n;
	w->has_drift = has_drift;
	w->on_log = on_log;
	w->ppy = opts ? opts->periods_per_year : 0;
	/* The framework trims missing ends, so x[0] and x[n-1] are present. */
	if (has_drift)
		w->drift = (x[n - 1] - x[0]) / (double)(n - 1);
	double s = lagwalk_sum(x, n, lag, w->drift, &w->pairs);
	if (w->pairs < need_pairs) {
		caspian_error_set(err, CASPIAN_EINVAL,
				  "method %s needs at least %zu pairs of observed values %zu "
				  "period%s apart to estimate its variance (found %zu)",
				  method, need_pairs, lag, lag == 1 ? "" : "s", w->pairs);
		free(x);
		lagwalk_free(w);
		return CASPIAN_EINVAL;
	}
	w->sigma = sqrt(s / (double)(w->pairs - (has_drift ? 1 : 0)));
	if (has_drift)
		w->drift_se = w->sigma / sqrt((double)(n - 1));
	for (size_t j = 0; j < lag; j++) {
		size_t p = n - lag + j, a = 0;
		while (isnan(x[p]) && p >= lag) {
			p -= lag;
			a++;
		}
		if (isnan(x[p])) {
			caspian_error_set(err, CASPIAN_EDOM,
					  "method %s: no value for cycle position %zu of %zu",
					  method, j + 1, lag);
			free(x);
			lagwalk_free(w);
			return CASPIAN_EDOM;
		}
		w->future[j] = x[p];
		w->age[j] = a;
	}
	free(x);
	*state = w;
	return CASPIAN_OK;
nomem:
	free(x);
	lagwalk_free(w);
	return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
}

static int lagwalk_forecast(const void *state, size_t h, const double *levels,
			    size_t nlevels, double *mean, double *lo, double *hi,
			    struct caspian_error *err)
{
	const struct lagwalk *w = state;
	(void)err;
	for (size_t i = 0; i < h; i++) {
		size_t j = i % w->lag;
		double k = (double)(i / w->lag + 1);
		double f = w->future[j] + k * w->drift;
		double var = w->sigma * w->sigma * (k + (double)w->age[j]) +
			     (k * w->drift_se) * (k * w->drift_se);
		double se = sqrt(var);
		mean[i] = w->on_log ? exp(f) : f;
		for (size_t l = 0; l < nlevels; l++) {
			double z = fc_z(levels[l]);
			double a = f - z * se, b = f + z * se;
			lo[l * h + i] = w->on_log ? exp(a) : a;
			hi[l * h + i] = w->on_log ? exp(b) : b;
		}
	}
	return CASPIAN_OK;
}

static void lagwalk_describe(const void *state, struct caspian_fc_details *d)
{
	const struct lagwalk *w = state;
	if (strcmp(w->method, "cagr") == 0) {
		double g = exp(w->drift) - 1;
		snprintf(d->model, sizeof(d->model), "Constant growth at the historical CAGR");
		if (w->ppy > 0)
			snprintf(d->params, sizeof(d->params),
				 "growth_per_period=%.17g growth_per_year=%.17g "
				 "sigma_log=%.17g",
				 g, exp(w->drift * w->ppy) - 1, w->sigma);
		else
			snprintf(d->params, sizeof(d->params),
				 "growth_per_period=%.17g sigma_log=%.17g", g, w->sigma);
		return;
	}
	if (w->has_drift) {
		snprintf(d->model, sizeof(d->model), "Random walk with drift");
		snprintf(d->params, sizeof(d->params), "drift=%.17g drift_se=%.17g sigma=%.17g",
			 w->drift, w->drift_se, w->sigma);
	} else if (w->lag > 1) {
		snprintf(d->model, sizeof(d->model), "Seasonal naive (m=%zu)", w->lag);
		snprintf(d->params, sizeof(d->params), "sigma=%.17g", w->sigma);
	} else {
		snprintf(d->model, sizeof(d->model), "Naive (random walk)");
		snprintf(d->params, sizeof(d->params), "last=%.17g sigma=%.17g", w->future[0],
			 w->sigma);
	}
}

static int naive_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		     void **state, struct caspian_error *err)
{
	return lagwalk_fit("naive", y, n, 1, 0, 0, opts, state, err);
}

static int snaive_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		      void **state, struct caspian_error *err)
{
	return lagwalk_fit("snaive", y, n, fc_season(opts), 0, 0, opts, state, err);
}

static int drift_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		     void **state, struct caspian_error *err)
{
	return lagwalk_fit("drift", y, n, 1, 1, 0, opts, state, err);
}

static int cagr_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		    void **state, struct caspian_error *err)
{
	return lagwalk_fit("cagr", y, n, 1, 1, 1, opts, state, err);
}

const struct caspian_method caspian_method_naive = {
	.name = "naive",
	.summary = "Random walk: the last value, intervals widening with sqrt(h)",
	.flags = CASPIAN_FC_MISSING_OK,
	.fit = naive_fit,
	.forecast = lagwalk_forecast,
	.describe = lagwalk_describe,
	.free = lagwalk_free,
};

const struct caspian_method caspian_method_snaive = {
	.name = "snaive",
	.summary = "Seasonal naive: the value one season earlier",
	.flags = CASPIAN_FC_MISSING_OK | CASPIAN_FC_SEASONAL,
	.fit = snaive_fit,
	.forecast = lagwalk_forecast,
	.describe = lagwalk_describe,
	.free = lagwalk_free,
};

const struct caspian_method caspian_method_drift = {
	.name = "drift",
	.summary = "Random walk with drift: the line through the first and last values",
	.flags = CASPIAN_FC_MISSING_OK,
	.fit = drift_fit,
	.forecast = lagwalk_forecast,
	.describe = lagwalk_describe,
	.free = lagwalk_free,
};

const struct caspian_method caspian_method_cagr = {
	.name = "cagr",
	.summary = "Constant growth at the historical CAGR (drift on logarithms)",
	.flags = CASPIAN_FC_MISSING_OK | CASPIAN_FC_POSITIVE,
	.fit = cagr_fit,
	.forecast = lagwalk_forecast,
	.describe = lagwalk_describe,
	.free = lagwalk_free,
};

/* ---- mean ------------------------------------------------------------------ */

struct meanf {
	double mean, sd;
	size_t nobs;
};

static int mean_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		    void **state, struct caspian_error *err)
{
	int rc = fc_no_spec("mean", opts, err);
	if (rc)
		return rc;
	size_t c = fc_count_present(y, n);
	if (c < 2)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method mean needs at least 2 observations (got %zu)",
					 c);
	double s = 0, ss = 0;
	for (size_t t = 0; t < n; t++)
		if (!isnan(y[t]))
			s += y[t];
	double mu = s / (double)c;
	for (size_t t = 0; t < n; t++)
		if (!isnan(y[t]))
			ss += (y[t] - mu) * (y[t] - mu);
	struct meanf *m = malloc(sizeof(*m));
	if (!m)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	m->mean = mu;
	m->sd = sqrt(ss / (double)(c - 1));
	m->nobs = c;
	*state = m;
	return CASPIAN_OK;
}

static int mean_forecast(const void *state, size_t h, const double *levels,
			 size_t nlevels, double *mean, double *lo, double *hi,
			 struct caspian_error *err)
{
	const struct meanf *m = state;
	(void)err;
	for (size_t l = 0; l < nlevels; l++) {
		double w = fc_t(levels[l], (double)(m->nobs - 1)) * m->sd *
			   sqrt(1 + 1.0 / (double)m->nobs);
		for (size_t i = 0; i < h; i++) {
			lo[l * h + i] = m->mean - w;
			hi[l * h + i] = m->mean + w;
		}
	}
	for (size_t i = 0; i < h; i++)
		mean[i] = m->mean;
	return CASPIAN_OK;
}

static void mean_describe(const void *state, struct caspian_fc_details *d)
{
	const struct meanf *m = state;
	snprintf(d->model, sizeof(d->model), "Mean");
	snprintf(d->params, sizeof(d->params), "mean=%.17g sd=%.17g nobs=%zu", m->mean,
		 m->sd, m->nobs);
}

const struct caspian_method caspian_method_mean = {
	.name = "mean",
	.summary = "The historical mean, with t-distribution intervals",
	.flags = CASPIAN_FC_MISSING_OK,
	.fit = mean_fit,
	.forecast = mean_forecast,
	.describe = mean_describe,
	.free = free,
};
