/*
 * auto.c - per-series choice of a method.
 *
 * The rule (docs/forecast.md):
 *   1. Among the models with a comparable likelihood, AICc decides: the ets
 *      method fits every admissible exponential smoothing model and keeps
 *      the one with the lowest AICc.
 *   2. That model and the methods without a comparable likelihood (theta, and
 *      snaive for a seasonal series or naive otherwise) are compared by
 *      rolling-origin validation on the series itself: for each of the last K
 *      origins o (K = opts->val_origins, default 6) each candidate is fitted
 *      to y[0..o) and forecasts H steps (H = opts->val_h, default m for a
 *      seasonal series and 4 otherwise, cut to what the data allow); the
 *      lowest mean absolute error over all those points wins.  The ETS
 *      candidate is refitted at each origin as the model chosen in step 1.
 *      Ties go to the earlier candidate in the order ets, theta, naive.
 *   3. When the series is too short to validate (fewer than 2H + K + 4
 *      observations), the AICc choice of step 1 stands; when no ETS model fits
 *      either, theta, then naive.
 * The chosen method is refitted to the whole series.  A candidate that fails
 * (missing values theta cannot take, too few observations) is dropped.
 *
 * When ARIMA joins the method table, its own AICc choice enters step 2 as one
 * more candidate: an ARIMA likelihood (after differencing) is not comparable
 * with an ETS likelihood, so validation, not AICc, decides between them.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/ets.h"
#include "fc_internal.h"

#define AUTO_MAX_CANDIDATES 4
#define AUTO_DEFAULT_ORIGINS 6
#define AUTO_DEFAULT_H_NONSEASONAL 4

struct auto_state {
	struct caspian_fc_model *chosen;
	size_t ncand;
	const char *cand[AUTO_MAX_CANDIDATES];
	double score[AUTO_MAX_CANDIDATES]; /* validation MAE; NaN when not validated */
	int validated;
};

static void auto_free(void *state)
{
	struct auto_state *a = state;
	if (!a)
		return;
	caspian_fc_free(a->chosen);
	free(a);
}

struct candidate {
	const struct caspian_method *method;
	char spec[sizeof(((struct caspian_fc_details *)0)->model)]; /* ETS model of step 1 */
};

/* Mean absolute error of cand over the validation origins; NaN if it fails. */
static double validate(const struct candidate *c, const double *y, size_t n,
		       const struct caspian_fc_opts *opts, size_t K, size_t H, double *buf)
{
	struct caspian_fc_opts o = opts ? *opts : (struct caspian_fc_opts){0};
	o.spec = c->spec[0] ? c->spec : NULL;
	double sum = 0;
	size_t cnt = 0;
	for (size_t k = 0; k < K; k++) {
		size_t origin = n - H - (K - 1 - k);
		struct caspian_error e;
		caspian_error_init(&e);
		if (caspian_fc_run(c->method, y, origin, &o, H, NULL, 0, buf, NULL, NULL, NULL,
				   &e) != CASPIAN_OK)
			return NAN;
		for (size_t i = 0; i < H; i++) {
			if (isnan(y[origin + i]))
				continue;
			sum += fabs(y[origin + i] - buf[i]);
			cnt++;
		}
	}
	return cnt ? sum / (double)cnt : NAN;
}

static int auto_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		    void **state, struct caspian_error *err)
{
	int rc = fc_no_spec("auto", opts, err);
	if (rc)
		return rc;
	size_t m = fc_season(opts);
	struct auto_state *a = calloc(1, sizeof(*a));
	if (!a)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");

	/* Step 1: AICc within the exponential smoothing family. */
	struct candidate cands[AUTO_MAX_CANDIDATES];
	size_t nc = 0;
	struct caspian_fc_model *ets_model = NULL;
	struct caspian_error ets_err;
	caspian_error_init(&ets_err);
	struct caspian_fc_opts o = opts ? *opts : (struct caspian_fc_opts){0};
	o.spec = NULL;
	if (caspian_fc_fit(&caspian_method_ets, y, n, &o, &ets_model, &ets_err) == CASPIAN_OK) {
		struct caspian_fc_details d;
		caspian_fc_describe(ets_model, &d);
		cands[nc].method = &caspian_method_ets;
		/* "ETS(M,Ad,N)" -> "M,Ad,N", which caspian_ets_spec_parse reads. */
		memcpy(cands[nc].spec, d.model, sizeof(d.model));
		nc++;
	}
	cands[nc].method = &caspian_method_theta;
	cands[nc].spec[0] = '\0';
	nc++;
	cands[nc].method = m > 1 && n > m + 1 ? &caspian_method_snaive : &caspian_method_naive;
	cands[nc].spec[0] = '\0';
	nc++;

	/* Step 2: rolling-origin validation when the series is long enough. */
	size_t K = opts && opts->val_origins ? opts->val_origins : AUTO_DEFAULT_ORIGINS;
	size_t H = opts && opts->val_h ? opts->val_h
				       : (m > 1 ? m : AUTO_DEFAULT_H_NONSEASONAL);
	while (H > 1 && n < 2 * H + K + 4)
		H--;
	int best = -1;
	a->ncand = nc;
	for (size_t i = 0; i < nc; i++) {
		a->cand[i] = cands[i].method->name;
		a->score[i] = NAN;
	}
	if (nc > 1 && n >= 2 * H + K + 4) {
		double *buf = malloc(sizeof(double) * H);
		if (!buf) {
			caspian_fc_free(ets_model);
			free(a);
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		}
		for (size_t i = 0; i < nc; i++) {
			a->score[i] = validate(&cands[i], y, n, opts, K, H, buf);
			if (!isnan(a->score[i]) && (best < 0 || a->score[i] < a->score[best]))
				best = (int)i;
		}
		free(buf);
		a->validated = best >= 0;
	}
	if (best < 0)
		best = 0; /* the AICc choice (or theta when no ETS model fitted) */

	/* Step 3: the winner on the whole series; fall through the list on failure. */
	for (size_t tries = 0; tries < nc; tries++) {
		size_t i = ((size_t)best + tries) % nc;
		if (cands[i].method == &caspian_method_ets && ets_model) {
			a->chosen = ets_model;
			ets_model = NULL;
		} else {
			struct caspian_error e;
			caspian_error_init(&e);
			if (caspian_fc_fit(cands[i].method, y, n, &o, &a->chosen,
					   tries + 1 == nc ? err : &e) != CASPIAN_OK)
				continue;
		}
		break;
	}
	caspian_fc_free(ets_model);
	if (!a->chosen) {
		free(a);
		return err && err->code ? err->code
					: caspian_error_set(err, CASPIAN_EINVAL,
							    "method auto: no candidate fits");
	}
	*state = a;
	return CASPIAN_OK;
}

static int auto_forecast(const void *state, size_t h, const double *levels, size_t nlevels,
			 double *mean, double *lo, double *hi, struct caspian_error *err)
{
	const struct auto_state *a = state;
	return caspian_fc_forecast(a->chosen, h, levels, nlevels, mean, lo, hi, err);
}

static int auto_ic(const void *state, struct caspian_fc_ic *ic)
{
	const struct auto_state *a = state;
	return caspian_fc_ic(a->chosen, ic);
}

/* Append formatted text to buf[0..size) at *used; stops quietly when full. */
static void append(char *buf, size_t size, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
	if (*used >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(buf + *used, size - *used, fmt, ap);
	va_end(ap);
	*used = k < 0 ? size : *used + (size_t)k;
}

static void auto_describe(const void *state, struct caspian_fc_details *d)
{
	const struct auto_state *a = state;
	struct caspian_fc_details inner;
	size_t used = 0;
	caspian_fc_describe(a->chosen, &inner);
	memcpy(d->model, inner.model, sizeof(d->model));
	append(d->params, sizeof(d->params), &used, "chosen=%s",
	       caspian_fc_method(a->chosen)->name);
	for (size_t i = 0; a->validated && i < a->ncand; i++)
		append(d->params, sizeof(d->params), &used, " mae[%s]=%.6g", a->cand[i],
		       a->score[i]);
	if (inner.params[0])
		append(d->params, sizeof(d->params), &used, " %s", inner.params);
	d->simulated = inner.simulated;
	d->seed = inner.seed;
}

const struct caspian_method caspian_method_auto = {
	.name = "auto",
	.summary = "ETS by AICc, then rolling-origin validation against theta and (s)naive",
	.flags = CASPIAN_FC_MISSING_OK | CASPIAN_FC_SEASONAL | CASPIAN_FC_META,
	.fit = auto_fit,
	.forecast = auto_forecast,
	.ic = auto_ic,
	.describe = auto_describe,
	.free = auto_free,
};
