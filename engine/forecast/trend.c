/*
 * trend.c - linear trend by ordinary least squares on time, on the values
 * (trend) or on their logarithms (logtrend).
 *
 * With t = 1..n over the c present values, x = y or log y:
 *   b = Stx / Stt,  a = xbar - b tbar,  s^2 = sum (x - a - b t)^2 / (c - 2),
 *   forecast at t0 = n + h:  a + b t0,
 *   prediction interval:     +- t_{c-2}(1/2 + L/200) s sqrt(1 + 1/c + (t0 - tbar)^2 / Stt).
 * logtrend returns exp() of the point forecast and of both bounds: the median
 * of the log-normal forecast distribution, as R's tslm(y ~ trend, lambda = 0)
 * does.  Missing values are simply left out of the regression.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fc_internal.h"

struct trend {
	int on_log;
	size_t n, nobs;
	double a, b, s, tbar, stt, ppy;
};

static int trend_fit_common(const char *method, int on_log, const double *y, size_t n,
			    const struct caspian_fc_opts *opts, void **state,
			    struct caspian_error *err)
{
	int rc = fc_no_spec(method, opts, err);
	if (rc)
		return rc;
	if (on_log && (rc = fc_need_positive(method, y, n, err)))
		return rc;
	size_t c = fc_count_present(y, n);
	if (c < 3)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method %s needs at least 3 observations (got %zu)",
					 method, c);
	double tbar = 0, xbar = 0;
	for (size_t t = 0; t < n; t++) {
		if (isnan(y[t]))
			continue;
		tbar += (double)(t + 1);
		xbar += on_log ? log(y[t]) : y[t];
	}
	tbar /= (double)c;
	xbar /= (double)c;
	double stt = 0, stx = 0;
	for (size_t t = 0; t < n; t++) {
		if (isnan(y[t]))
			continue;
		double dt = (double)(t + 1) - tbar;
		double dx = (on_log ? log(y[t]) : y[t]) - xbar;
		stt += dt * dt;
		stx += dt * dx;
	}
	struct trend *m = malloc(sizeof(*m));
	if (!m)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	m->on_log = on_log;
	m->n = n;
	m->nobs = c;
	m->b = stx / stt;
	m->a = xbar - m->b * tbar;
	m->tbar = tbar;
	m->stt = stt;
	m->ppy = opts ? opts->periods_per_year : 0;
	double sse = 0;
	for (size_t t = 0; t < n; t++) {
		if (isnan(y[t]))
			continue;
		double r = (on_log ? log(y[t]) : y[t]) - m->a - m->b * (double)(t + 1);
		sse += r * r;
	}
	m->s = sqrt(sse / (double)(c - 2));
	*state = m;
	return CASPIAN_OK;
}

static int trend_forecast(const void *state, size_t h, const double *levels,
			  size_t nlevels, double *mean, double *lo, double *hi,
			  struct caspian_error *err)
{
	const struct trend *m = state;
	(void)err;
	double df = (double)(m->nobs - 2);
	for (size_t i = 0; i < h; i++) {
		double t0 = (double)(m->n + i + 1);
		double f = m->a + m->b * t0;
		double se = m->s * sqrt(1 + 1.0 / (double)m->nobs +
					(t0 - m->tbar) * (t0 - m->tbar) / m->stt);
		mean[i] = m->on_log ? exp(f) : f;
		for (size_t l = 0; l < nlevels; l++) {
			double w = fc_t(levels[l], df) * se;
			lo[l * h + i] = m->on_log ? exp(f - w) : f - w;
			hi[l * h + i] = m->on_log ? exp(f + w) : f + w;
		}
	}
	return CASPIAN_OK;
}

static void trend_describe(const void *state, struct caspian_fc_details *d)
{
	const struct trend *m = state;
	if (!m->on_log) {
		snprintf(d->model, sizeof(d->model), "Linear trend (OLS on t = 1..n)");
		snprintf(d->params, sizeof(d->params),
			 "intercept=%.17g slope=%.17g sigma=%.17g nobs=%zu", m->a, m->b, m->s,
			 m->nobs);
		return;
	}
	snprintf(d->model, sizeof(d->model), "Log-linear trend (OLS of log y on t = 1..n)");
	if (m->ppy > 0)
		snprintf(d->params, sizeof(d->params),
			 "intercept=%.17g slope=%.17g growth_per_period=%.17g "
			 "growth_per_year=%.17g sigma_log=%.17g nobs=%zu",
			 m->a, m->b, exp(m->b) - 1, exp(m->b * m->ppy) - 1, m->s, m->nobs);
	else
		snprintf(d->params, sizeof(d->params),
			 "intercept=%.17g slope=%.17g growth_per_period=%.17g "
			 "sigma_log=%.17g nobs=%zu",
			 m->a, m->b, exp(m->b) - 1, m->s, m->nobs);
}

static int trend_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		     void **state, struct caspian_error *err)
{
	return trend_fit_common("trend", 0, y, n, opts, state, err);
}

static int logtrend_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
			void **state, struct caspian_error *err)
{
	return trend_fit_common("logtrend", 1, y, n, opts, state, err);
}

const struct caspian_method caspian_method_trend = {
	.name = "trend",
	.summary = "Linear trend by OLS on time, t-distribution prediction intervals",
	.flags = CASPIAN_FC_MISSING_OK,
	.fit = trend_fit,
	.forecast = trend_forecast,
	.describe = trend_describe,
	.free = free,
};

const struct caspian_method caspian_method_logtrend = {
	.name = "logtrend",
	.summary = "Log-linear (constant growth) trend by OLS, back-transformed",
	.flags = CASPIAN_FC_MISSING_OK | CASPIAN_FC_POSITIVE,
	.fit = logtrend_fit,
	.forecast = trend_forecast,
	.describe = trend_describe,
	.free = free,
};
