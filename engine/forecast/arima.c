/*
 * arima.c - the public ARIMA API: input checks, Box-Cox, the fitted model
 * object, forecasts and descriptions.  Estimation lives in arima_fit.c and
 * the order search in arima_auto.c.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "caspian/arima.h"
#include "forecast/arima_internal.h"

enum model_kind { KIND_ARIMA = 0, KIND_CONSTANT = 1 };

struct caspian_arima_model {
	enum model_kind kind;
	struct cx_arima_spec spec;
	int ncoef;
	double *coef;
	double beta;
	int has_reg;
	double loglik, aic, aicc, bic, sigma2;
	double lambda;
	int biasadj;
	size_t n;          /* length of the data after leading missing values */
	double value;      /* constant model */
	struct cx_arima_ws *ws; /* polynomials, final filtered state and covariance */
};

void caspian_arima_opts_init(struct caspian_arima_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->period = 1;
	o->lambda = NAN;
	o->lambda_auto = 0;
	o->biasadj = 0;
	o->d = -1;
	o->D = -1;
	o->max_p = 5;
	o->max_q = 5;
	o->max_P = 2;
	o->max_Q = 2;
	o->max_order = 5;
	o->max_d = 2;
	o->max_D = 1;
	o->start_p = 2;
	o->start_q = 2;
	o->start_P = 1;
	o->start_Q = 1;
	o->stepwise = 1;
	o->nmodels = 94;
	o->seasonal = 1;
	o->allow_drift = 1;
	o->allow_mean = 1;
	o->approximation = -1;
	o->ic = CASPIAN_ARIMA_AICC;
	o->kpss_alpha = 0.05;
	o->seasonal_strength = 0.64;
	o->maxit = 100;
}

void caspian_arima_free(struct caspian_arima_model *model)
{
	if (!model)
		return;
	cx_arima_ws_free(model->ws);
	free(model->coef);
	free(model);
}

int cx_arima_model_constant(double value, size_t n, int m, double lambda,
			    struct caspian_arima_model **out, struct caspian_error *err)
{
	struct caspian_arima_model *md = calloc(1, sizeof(*md));
	if (!md)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	md->kind = KIND_CONSTANT;
	md->spec = (struct cx_arima_spec){0, 0, 0, 0, 0, 0, m > 1 ? m : 1, CX_REG_MEAN};
	md->beta = value;
	md->has_reg = 1;
	md->value = value;
	md->n = n;
	md->lambda = lambda;
	md->loglik = md->aic = md->aicc = md->bic = NAN;
	md->sigma2 = 0;
	*out = md;
	return CASPIAN_OK;
}

int cx_arima_model_build(const struct cx_arima_data *data, const struct cx_arima_result *res,
			 double lambda, int biasadj, struct caspian_arima_model **out,
			 struct caspian_error *err)
{
	const struct cx_arima_spec *spec = &res->spec;
	size_t n = data->n;
	struct caspian_arima_model *md = calloc(1, sizeof(*md));
	double *yadj = malloc(2 * (n ? n : 1) * sizeof(double));
	int k = cx_arima_ncoef(spec);
	if (md)
		md->coef = malloc((size_t)(k > 0 ? k : 1) * sizeof(double));
	if (md)
		md->ws = cx_arima_ws_alloc(spec, n, 1);
	if (!md || !yadj || !md->coef || !md->ws) {
		free(yadj);
		caspian_arima_free(md);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	double *resid = yadj + n;
	md->kind = KIND_ARIMA;
	md->spec = *spec;
	md->ncoef = k;
	memcpy(md->coef, res->coef, (size_t)k * sizeof(double));
	md->beta = res->beta;
	md->has_reg = spec->reg != CX_REG_NONE;
	md->loglik = res->loglik;
	md->aic = res->aic;
	md->aicc = res->aicc;
	md->bic = res->bic;
	md->lambda = lambda;
	md->biasadj = biasadj;
	md->n = n;
	for (size_t t = 0; t < n; t++) {
		double x = spec->reg == CX_REG_DRIFT ? (double)(t + 1) : 1.0;
		yadj[t] = data->y[t] - (md->has_reg ? md->beta * x : 0);
	}
	struct cx_arima_sums sums;
	cx_arima_expand(spec, md->coef, md->ws);
	if (cx_arima_acov(md->ws) != 0 ||
	    cx_arima_like_full(md->ws, yadj, n, resid, &sums) != 0) {
		free(yadj);
		caspian_arima_free(md);
		return caspian_error_set(err, CASPIAN_ENOCONV,
					 "the estimated ARIMA model has a non-stationary AR part");
	}
	/* forecast::Arima's sigma2: squared standardised innovations over
	 * n* minus the estimated coefficients */
	double ss = 0;
	for (size_t t = 0; t < n; t++)
		if (!isnan(resid[t]))
			ss += resid[t] * resid[t];
	double den = (double)res->nstar - (double)res->npar + 1;
	md->sigma2 = den > 0 ? ss / den : res->sigma2_ml;
	free(yadj);
	*out = md;
	return CASPIAN_OK;
}

static int check_order(const struct caspian_arima_order *o, struct caspian_error *err)
{
	if (o->p < 0 || o->d < 0 || o->q < 0 || o->P < 0 || o->D < 0 || o->Q < 0 || o->m < 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ARIMA orders must be non-negative: (%d,%d,%d)(%d,%d,%d)[%d]",
					 o->p, o->d, o->q, o->P, o->D, o->Q, o->m);
	if (o->m <= 1 && (o->P || o->D || o->Q))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "seasonal orders (%d,%d,%d) need a seasonal period m > 1, got %d",
					 o->P, o->D, o->Q, o->m);
	if (o->p > 100 || o->q > 100 || o->P > 100 || o->Q > 100 || o->d > 10 || o->D > 10 ||
	    o->m > 1000)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ARIMA orders are limited to 100 (p, q, P, Q), 10 (d, D) and m <= 1000");
	return CASPIAN_OK;
}

static int check_opts(const struct caspian_arima_opts *o, struct caspian_error *err)
{
	if (o->max_p < 0 || o->max_q < 0 || o->max_P < 0 || o->max_Q < 0 || o->max_order < 0 ||
	    o->max_d < 0 || o->max_D < 0 || o->start_p < 0 || o->start_q < 0 || o->start_P < 0 ||
	    o->start_Q < 0 || o->d < -1 || o->D < -1)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ARIMA options: orders and limits must be non-negative (d, D: -1 = by test)");
	if (o->max_p > 100 || o->max_q > 100 || o->max_P > 100 || o->max_Q > 100 || o->d > 10 ||
	    o->D > 10 || o->max_d > 10 || o->max_D > 10)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ARIMA options: orders are limited to 100 (p, q, P, Q) and 10 (d, D)");
	if (o->period < 0 || o->period > 1000)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ARIMA options: seasonal period %d outside 0..1000", o->period);
	if (o->nmodels < 1 || o->maxit < 1)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ARIMA options: nmodels and maxit must be at least 1");
	if (o->ic != CASPIAN_ARIMA_AICC && o->ic != CASPIAN_ARIMA_AIC && o->ic != CASPIAN_ARIMA_BIC)
		return caspian_error_set(err, CASPIAN_EINVAL, "ARIMA options: unknown criterion %d",
					 (int)o->ic);
	if (isinf(o->lambda))
		return caspian_error_set(err, CASPIAN_EINVAL, "ARIMA options: lambda is infinite");
	return CASPIAN_OK;
}

static int fit_order(const struct cx_arima_data *data, const struct caspian_arima_order *ord,
		     const struct caspian_arima_opts *o, struct cx_arima_result *res,
		     struct caspian_error *err)
{
	int m = ord->m > 1 ? ord->m : 1;
	struct cx_arima_spec spec = {ord->p, ord->d, ord->q, ord->P, ord->D, ord->Q, m, CX_REG_NONE};
	if (ord->constant && ord->d + ord->D == 0)
		spec.reg = CX_REG_MEAN;
	else if (ord->constant && ord->d + ord->D == 1)
		spec.reg = CX_REG_DRIFT;
	size_t nd = (size_t)ord->d + (size_t)m * (size_t)ord->D;
	size_t nest = (size_t)cx_arima_ncoef(&spec) + (spec.reg != CX_REG_NONE);
	if (data->nobs <= nd + nest)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ARIMA(%d,%d,%d)(%d,%d,%d)[%d] needs more than %zu observations, got %zu",
					 ord->p, ord->d, ord->q, ord->P, ord->D, ord->Q, m, nd + nest,
					 data->nobs);
	struct cx_arima_fitopts fo = {0};
	fo.maxit = o->maxit;
	fo.ic = o->ic;
	int st = cx_arima_estimate(data, &spec, &fo, res, err);
	if (st != CASPIAN_OK)
		return st;
	if (!res->ok) {
		cx_arima_result_release(res);
		return caspian_error_set(err, CASPIAN_ENOCONV,
					 "the likelihood of ARIMA(%d,%d,%d)(%d,%d,%d)[%d] could not be evaluated",
					 ord->p, ord->d, ord->q, ord->P, ord->D, ord->Q, m);
	}
	return CASPIAN_OK;
}

int caspian_arima_fit(const double *y, size_t n, const struct caspian_arima_order *order,
		      const struct caspian_arima_opts *o, struct caspian_arima_model **out,
		      struct caspian_error *err)
{
	if (!out)
		return caspian_error_set(err, CASPIAN_EINVAL, "caspian_arima_fit: out is NULL");
	*out = NULL;
	if (!y && n > 0)
		return caspian_error_set(err, CASPIAN_EINVAL, "caspian_arima_fit: y is NULL");
	struct caspian_arima_opts def;
	if (!o) {
		caspian_arima_opts_init(&def);
		o = &def;
	}
	int st0 = check_opts(o, err);
	if (st0 == CASPIAN_OK && order)
		st0 = check_order(order, err);
	if (st0 != CASPIAN_OK)
		return st0;
	size_t i0 = 0;
	while (i0 < n && isnan(y[i0]))
		i0++;
	if (i0 == n)
		return caspian_error_set(err, CASPIAN_EDOM,
					 "cannot fit ARIMA: every value is missing (n = %zu)", n);
	const double *x = y + i0;
	size_t len = n - i0, nobs = 0;
	int has_nan = 0, nonpos = 0;
	for (size_t t = 0; t < len; t++) {
		if (isnan(x[t])) {
			has_nan = 1;
			continue;
		}
		if (isinf(x[t]))
			return caspian_error_set(err, CASPIAN_EDOM,
						 "value %zu is infinite; ARIMA needs finite values",
						 i0 + t + 1);
		nobs++;
		nonpos |= x[t] <= 0;
	}
	int m = order ? order->m : o->period;
	double lambda = o->lambda;
	if (o->lambda_auto)
		lambda = nonpos ? NAN : cx_arima_guerrero(x, len, m, -0.9, 2);
	if (!isnan(lambda) && lambda <= 0 && nonpos) {
		for (size_t t = 0; t < len; t++)
			if (x[t] <= 0)
				return caspian_error_set(err, CASPIAN_EDOM,
							 "Box-Cox lambda %g needs positive values; value %zu is %g",
							 lambda, i0 + t + 1, x[t]);
	}
	if (cx_arima_is_constant(x, len)) {
		size_t j = 0;
		while (isnan(x[j]))
			j++;
		return cx_arima_model_constant(x[j], len, m, NAN, out, err);
	}
	double *z = malloc(len * sizeof(double));
	if (!z)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t t = 0; t < len; t++)
		z[t] = isnan(lambda) || isnan(x[t]) ? x[t] : cx_arima_boxcox(x[t], lambda);
	struct cx_arima_data data = {z, len, nobs, has_nan};
	struct cx_arima_result res;
	int st, degenerate = 0;
	if (order)
		st = fit_order(&data, order, o, &res, err);
	else
		st = cx_arima_auto(&data, o, &res, &degenerate, err);
	if (st == CASPIAN_OK) {
		st = cx_arima_model_build(&data, &res, lambda, o->biasadj, out, err);
		cx_arima_result_release(&res);
	}
	free(z);
	return st;
}

/* Back-transform a forecast on the Box-Cox scale; var is its variance. */
static double back_mean(double f, double var, double lambda, int biasadj)
{
	if (isnan(lambda))
		return f;
	double out = cx_arima_inv_boxcox(f, lambda);
	if (biasadj && isfinite(out))
		out *= 1 + 0.5 * var * (1 - lambda) / pow(out, 2 * lambda);
	return out;
}

static double back(double f, double lambda)
{
	return isnan(lambda) ? f : cx_arima_inv_boxcox(f, lambda);
}

int caspian_arima_forecast(const struct caspian_arima_model *model, size_t h,
			   const double *levels, size_t nlevels, double *mean, double *lo,
			   double *hi, struct caspian_error *err)
{
	if (!model || !mean || h == 0 || (nlevels > 0 && (!levels || !lo || !hi)))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "caspian_arima_forecast: needs a model, h > 0 and output arrays");
	for (size_t l = 0; l < nlevels; l++)
		if (!(levels[l] > 0 && levels[l] < 100))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "prediction level %g is not inside (0, 100)", levels[l]);
	if (model->kind == KIND_CONSTANT) {
		for (size_t i = 0; i < h; i++) {
			mean[i] = model->value;
			for (size_t l = 0; l < nlevels; l++)
				lo[l * h + i] = hi[l * h + i] = model->value;
		}
		return CASPIAN_OK;
	}
	const struct cx_arima_ws *ws = model->ws;
	size_t rd = ws->rd, r = ws->r, nd = ws->nd;
	double *buf = malloc((2 * rd * rd + 3 * rd) * sizeof(double));
	if (!buf)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	double *P = buf, *mm = buf + rd * rd, *a = mm + rd * rd, *an = a + rd, *kv = an + rd;
	memcpy(P, ws->P, rd * rd * sizeof(double));
	memcpy(a, ws->fa, rd * sizeof(double));
	for (size_t i = 0; i < h; i++) {
		cx_arima_apply_T(ws, a, an);
		memcpy(a, an, rd * sizeof(double));
		cx_arima_predict_cov(ws, P, mm);
		double f = a[0], v;
		for (size_t k = 0; k < nd; k++)
			f += ws->delta[k] * a[r + k];
		for (size_t j = 0; j < rd; j++) {
			const double *pj = P + j * rd;
			double s = pj[0];
			for (size_t k = 0; k < nd; k++)
				s += ws->delta[k] * pj[r + k];
			kv[j] = s;
		}
		v = kv[0];
		for (size_t k = 0; k < nd; k++)
			v += ws->delta[k] * kv[r + k];
		if (model->spec.reg == CX_REG_MEAN)
			f += model->beta;
		else if (model->spec.reg == CX_REG_DRIFT)
			f += model->beta * (double)(model->n + i + 1);
		double var = (v > 0 ? v : 0) * model->sigma2, sd = sqrt(var);
		mean[i] = back_mean(f, var, model->lambda, model->biasadj);
		for (size_t l = 0; l < nlevels; l++) {
			double z = gsl_cdf_ugaussian_Pinv(0.5 + levels[l] / 200);
			lo[l * h + i] = back(f - z * sd, model->lambda);
			hi[l * h + i] = back(f + z * sd, model->lambda);
		}
	}
	free(buf);
	return CASPIAN_OK;
}

double caspian_arima_loglik(const struct caspian_arima_model *model)
{
	return model->loglik;
}

double caspian_arima_aic(const struct caspian_arima_model *model)
{
	return model->aic;
}

double caspian_arima_aicc(const struct caspian_arima_model *model)
{
	return model->aicc;
}

double caspian_arima_bic(const struct caspian_arima_model *model)
{
	return model->bic;
}

double caspian_arima_sigma2(const struct caspian_arima_model *model)
{
	return model->kind == KIND_CONSTANT ? NAN : model->sigma2;
}

double caspian_arima_lambda(const struct caspian_arima_model *model)
{
	return model->lambda;
}

void caspian_arima_order_of(const struct caspian_arima_model *model,
			    struct caspian_arima_order *order)
{
	const struct cx_arima_spec *s = &model->spec;
	*order = (struct caspian_arima_order){s->p, s->d, s->q, s->P, s->D, s->Q, s->m,
					      s->reg != CX_REG_NONE};
}

size_t caspian_arima_coef(const struct caspian_arima_model *model, double *coef, size_t n)
{
	size_t count = (size_t)model->ncoef + (model->has_reg ? 1 : 0);
	for (size_t i = 0; i < count && i < n; i++)
		coef[i] = i < (size_t)model->ncoef ? model->coef[i] : model->beta;
	return count;
}

/* snprintf into a moving window that never overflows and counts the need */
struct out {
	char *buf;
	size_t n, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *dst = o->len < o->n ? o->buf + o->len : NULL;
	size_t room = o->len < o->n ? o->n - o->len : 0;
	int k = vsnprintf(dst, room, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->len += (size_t)k;
}

/* The description with its numbers to digits significant digits. */
static size_t describe(const struct caspian_arima_model *model, int digits, char *buf, size_t n)
{
	struct out o = {buf, n, 0};
	if (buf && n > 0)
		buf[0] = '\0';
	const struct cx_arima_spec *s = &model->spec;
	put(&o, "ARIMA(%d,%d,%d)", s->p, s->d, s->q);
	if (s->m > 1 && s->P + s->D + s->Q > 0)
		put(&o, "(%d,%d,%d)[%d]", s->P, s->D, s->Q, s->m);
	if (s->reg == CX_REG_DRIFT)
		put(&o, " with drift");
	else if (s->reg == CX_REG_MEAN)
		put(&o, " with non-zero mean");
	else if (s->d == 0 && s->D == 0)
		put(&o, " with zero mean");
	static const char *const names[4] = {"ar", "ma", "sar", "sma"};
	int counts[4] = {s->p, s->q, s->P, s->Q}, idx = 0;
	for (int b = 0; b < 4; b++)
		for (int i = 0; i < counts[b]; i++)
			put(&o, " %s%d=%.*g", names[b], i + 1, digits, model->coef[idx++]);
	if (s->reg == CX_REG_DRIFT)
		put(&o, " drift=%.*g", digits, model->beta);
	else if (s->reg == CX_REG_MEAN)
		put(&o, " mean=%.*g", digits, model->beta);
	put(&o, " sigma2=%.*g", digits, model->sigma2);
	if (!isnan(model->lambda))
		put(&o, " lambda=%.*g", digits, model->lambda);
	return o.len;
}

size_t caspian_arima_describe(const struct caspian_arima_model *model, char *buf, size_t n)
{
	return describe(model, 4, buf, n); /* as R prints a fit */
}

size_t cx_arima_describe_exact(const struct caspian_arima_model *model, char *buf, size_t n)
{
	return describe(model, 17, buf, n);
}
