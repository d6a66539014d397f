/*
 * fc_arima.c - ARIMA in the method table: a wrapper over caspian/arima.h.
 *
 * Without a spec the order is chosen automatically (Hyndman & Khandakar
 * 2008, as caspian_arima_fit with order NULL) with the series' season as the
 * seasonal period.  The spec is a list of KEY=VALUE items separated by ';':
 *
 *   order=p,d,q        fix the non-seasonal order
 *   seasonal=P,D,Q     fix the seasonal order (needs order=, and a season)
 *   lambda=auto|L      Box-Cox transform: Guerrero's choice, or L.  When
 *                      Guerrero's choice is negative the model is refitted
 *                      with lambda = 0 (logarithms): the inverse transform
 *                      of a negative lambda is bounded, so long-horizon
 *                      upper bounds would be infinite.
 *   biasadj=1          back-transform to the mean instead of the median
 *   constant=0|1       with a fixed order: estimate a mean (d + D = 0) or a
 *                      drift (d + D = 1).  Default: a mean when d + D = 0 and
 *                      no drift, as R's forecast::Arima defaults.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/arima.h"
#include "caspian/ingest.h"
#include "arima_internal.h"
#include "fc_internal.h"

struct arima_spec {
	int has_order, has_seasonal;
	struct caspian_arima_order order;
	double lambda; /* NAN: none */
	int lambda_auto, biasadj;
	int constant; /* -1: default */
};

/* Parse "a,b,c" into three non-negative ints; 0 on success. */
static int parse_triple(const char *s, size_t len, int *a, int *b, int *c)
{
	char buf[64];
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	int v[3];
	char *p = buf;
	for (int i = 0; i < 3; i++) {
		char *end;
		errno = 0;
		long x = strtol(p, &end, 10);
		if (end == p || errno || x < 0 || x > 20)
			return -1;
		v[i] = (int)x;
		if (i < 2) {
			if (*end != ',')
				return -1;
			p = end + 1;
		} else if (*end) {
			return -1;
		}
	}
	*a = v[0];
	*b = v[1];
	*c = v[2];
	return 0;
}

static int parse_lambda(const char *s, size_t len, struct arima_spec *sp)
{
	double x;
	if (len == 4 && memcmp(s, "auto", 4) == 0) {
		sp->lambda_auto = 1;
		return 0;
	}
	/* the number rules of series files: no locale, no hex, no "inf" */
	if (caspian_number_parse(s, len, &x) != CASPIAN_OK || x < -5 || x > 5)
		return -1;
	sp->lambda = x;
	return 0;
}

/* The variant's items into *sp; the seasonal period is the fit's to check. */
static int spec_parse(const char *text, struct arima_spec *sp, struct caspian_error *err)
{
	memset(sp, 0, sizeof(*sp));
	sp->lambda = NAN;
	sp->constant = -1;
	const char *p = text ? text : "";
	struct fc_item it;
	while (fc_next_item(&p, &it)) {
		const char *v = it.value;
		size_t vlen = it.vlen;
		int bad = 0;
		if (!v) {
			bad = 1;
		} else if (fc_item_is(it.key, it.klen, "order")) {
			bad = parse_triple(v, vlen, &sp->order.p, &sp->order.d, &sp->order.q);
			sp->has_order = 1;
		} else if (fc_item_is(it.key, it.klen, "seasonal")) {
			bad = parse_triple(v, vlen, &sp->order.P, &sp->order.D, &sp->order.Q);
			sp->has_seasonal = 1;
		} else if (fc_item_is(it.key, it.klen, "lambda")) {
			bad = parse_lambda(v, vlen, sp);
		} else if (fc_item_is(it.key, it.klen, "constant")) {
			bad = !(vlen == 1 && (v[0] == '0' || v[0] == '1'));
			sp->constant = v[0] == '1';
		} else if (fc_item_is(it.key, it.klen, "biasadj")) {
			bad = !(vlen == 1 && (v[0] == '0' || v[0] == '1'));
			sp->biasadj = v[0] == '1';
		} else {
			bad = 1;
		}
		if (bad)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "arima: bad variant item '%.*s' (expected "
						 "order=p,d,q; seasonal=P,D,Q; lambda=auto|L; "
						 "constant=0|1; biasadj=0|1)",
						 (int)it.len, it.text);
	}
	if (sp->has_seasonal && !sp->has_order)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "arima: a seasonal order needs the order too "
					 "(--order p,d,q)");
	return CASPIAN_OK;
}

static int arima_check_spec(const char *text, struct caspian_error *err)
{
	struct arima_spec sp;
	return spec_parse(text, &sp, err);
}

static int arima_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		     void **state, struct caspian_error *err)
{
	size_t m = fc_season(opts);
	struct arima_spec sp;
	int rc = spec_parse(opts ? opts->spec : NULL, &sp, err);
	if (rc)
		return rc;
	sp.order.m = (int)m;
	if (sp.has_seasonal && m < 2 && (sp.order.P || sp.order.D || sp.order.Q))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "arima: a seasonal order needs a seasonal period "
					 "(--season N, N >= 2)");
	struct caspian_arima_opts o;
	caspian_arima_opts_init(&o);
	o.period = (int)m;
	o.lambda = sp.lambda;
	o.lambda_auto = sp.lambda_auto;
	o.biasadj = sp.biasadj;
	if (!isnan(sp.lambda) && sp.lambda <= 0) {
		size_t i = fc_first_nonpositive(y, n);
		if (i < n)
			return caspian_error_set(err, CASPIAN_EDOM,
						"arima: a Box-Cox lambda <= 0 needs positive "
						"values (value %zu is %g)",
						i + 1, y[i]);
	}
	if (sp.has_order && !sp.has_seasonal)
		sp.order.m = 1; /* a non-seasonal fixed order */
	sp.order.constant = sp.constant >= 0 ? sp.constant : sp.order.d + sp.order.D == 0;
	struct caspian_arima_model *model = NULL;
	rc = caspian_arima_fit(y, n, sp.has_order ? &sp.order : NULL, &o, &model, err);
	if (rc)
		return rc;
	if (sp.lambda_auto && caspian_arima_lambda(model) < 0) {
		caspian_arima_free(model);
		model = NULL;
		o.lambda_auto = 0;
		o.lambda = 0;
		rc = caspian_arima_fit(y, n, sp.has_order ? &sp.order : NULL, &o, &model, err);
		if (rc)
			return rc;
	}
	*state = model;
	return CASPIAN_OK;
}

static int arima_forecast(const void *state, size_t h, const double *levels, size_t nlevels,
			  double *mean, double *lo, double *hi, struct caspian_error *err)
{
	return caspian_arima_forecast(state, h, levels, nlevels, mean, lo, hi, err);
}

static int arima_ic(const void *state, struct caspian_fc_ic *ic)
{
	double ll = caspian_arima_loglik(state);
	if (isnan(ll))
		return 0; /* constant-series model: no likelihood */
	ic->loglik = ll;
	ic->aic = caspian_arima_aic(state);
	ic->aicc = caspian_arima_aicc(state);
	ic->bic = caspian_arima_bic(state);
	/* k and n* from aic = -2ll + 2k and bic = aic + k (log n* - 2). */
	double k = (ic->aic + 2 * ll) / 2;
	ic->k = (size_t)lround(k);
	ic->nobs = k > 0 ? (size_t)lround(exp((ic->bic - ic->aic) / k + 2)) : 0;
	return 1;
}

static void arima_describe(const void *state, struct caspian_fc_details *d)
{
	char text[sizeof(d->params) + sizeof(d->model)];
	cx_arima_describe_exact(state, text, sizeof(text));
	const char *rest = strchr(text, ' ');
	size_t len = rest ? (size_t)(rest - text) : strlen(text);
	if (len >= sizeof(d->model))
		len = sizeof(d->model) - 1;
	memcpy(d->model, text, len);
	d->model[len] = '\0';
	/* The rest (coefficients, sigma2, lambda) are the parameters. */
	snprintf(d->params, sizeof(d->params), "%s", rest ? rest + 1 : "");
	d->simulated = 0;
	d->seed = 0;
}

static void arima_free(void *state)
{
	caspian_arima_free(state);
}

const struct caspian_method caspian_method_arima = {
	.name = "arima",
	.summary = "Seasonal ARIMA, order chosen by unit-root tests and AICc (or fixed)",
	.flags = CASPIAN_FC_MISSING_OK | CASPIAN_FC_SEASONAL,
	.ic_family = "arima",
	.fit = arima_fit,
	.forecast = arima_forecast,
	.ic = arima_ic,
	.describe = arima_describe,
	.free = arima_free,
	.check_spec = arima_check_spec,
};
