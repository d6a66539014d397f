/*
 * auto.c - per-series choice of a method.
 *
 * The rule (docs/forecast.md):
 *   1. A series long enough to validate (n >= 2H + K + 4, with K =
 *      opts->val_origins, default 6, and H = opts->val_h, default m for a
 *      seasonal series and 4 otherwise, reduced until that holds or H = 1)
 *      gets the combination (comb with its defaults), unless the simple
 *      method (snaive for a seasonal series, naive otherwise) validates
 *      better than theta: for each of the last K origins o each of the two
 *      is fitted to y[0..o) and forecasts H steps, and the mean absolute
 *      error over those points decides (a tie goes to theta, hence comb).
 *      theta stands in for the combination in that comparison because it is
 *      cheap; validating the combination itself would refit every member K
 *      times.  When the simple method wins it is used.
 *   2. A shorter series gets the ETS model with the lowest AICc; when no ETS
 *      model fits, theta, then naive.
 * Fallbacks: comb that fails gives theta, then the simple method; the
 * simple method that fails gives comb.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/ets.h"
#include "fc_internal.h"

#define AUTO_MAX_CANDIDATES 2
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

/* Fit the first of methods[0..k) that fits y; the last failure goes to err. */
static int fit_first(const struct caspian_method *const *methods, size_t k, const double *y,
		     size_t n, const struct caspian_fc_opts *o, struct caspian_fc_model **out,
		     struct caspian_error *err)
{
	int rc = CASPIAN_EINVAL;
	for (size_t i = 0; i < k; i++) {
		struct caspian_error e;
		caspian_error_init(&e);
		rc = caspian_fc_fit(methods[i], y, n, o, out, i + 1 == k ? err : &e);
		if (rc == CASPIAN_OK || rc == CASPIAN_ENOMEM)
			return rc;
	}
	return rc;
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
	struct caspian_fc_opts o = opts ? *opts : (struct caspian_fc_opts){0};
	o.spec = NULL;
	const struct caspian_method *simple =
		m > 1 && n > m + 1 ? &caspian_method_snaive : &caspian_method_naive;

	size_t K = opts && opts->val_origins ? opts->val_origins : AUTO_DEFAULT_ORIGINS;
	size_t H = opts && opts->val_h ? opts->val_h
				       : (m > 1 ? m : AUTO_DEFAULT_H_NONSEASONAL);
	while (H > 1 && n < 2 * H + K + 4)
		H--;
	if (n < 2 * H + K + 4) {
		/* Too short to validate: the AICc choice among the ETS models. */
		const struct caspian_method *order[] = {&caspian_method_ets, &caspian_method_theta,
							&caspian_method_naive};
		rc = fit_first(order, 3, y, n, &o, &a->chosen, err);
	} else {
		/* Step 2: the combination unless the simple method validates better
		 * than theta (the cheap member standing in for it). */
		struct candidate cands[2] = {{&caspian_method_theta, ""}, {simple, ""}};
		double *buf = malloc(sizeof(double) * H);
		if (!buf) {
			free(a);
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		}
		a->ncand = 2;
		for (size_t i = 0; i < 2; i++) {
			a->cand[i] = cands[i].method->name;
			a->score[i] = validate(&cands[i], y, n, opts, K, H, buf);
		}
		free(buf);
		a->validated = 1;
		int simple_wins = !isnan(a->score[1]) && !(a->score[0] <= a->score[1]);
		const struct caspian_method *order_comb[] = {&caspian_method_comb,
							     &caspian_method_theta, simple};
		const struct caspian_method *order_simple[] = {simple, &caspian_method_comb};
		rc = simple_wins ? fit_first(order_simple, 2, y, n, &o, &a->chosen, err)
				 : fit_first(order_comb, 3, y, n, &o, &a->chosen, err);
	}
	if (rc) {
		free(a);
		return rc;
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
		append(d->params, sizeof(d->params), &used, " mae[%s]=%.17g", a->cand[i],
		       a->score[i]);
	if (inner.params[0])
		append(d->params, sizeof(d->params), &used, " %s", inner.params);
	d->simulated = inner.simulated;
	d->seed = inner.seed;
}

const struct caspian_method caspian_method_auto = {
	.name = "auto",
	.summary = "comb, unless (s)naive validates better than theta; short series: ETS by AICc",
	.flags = CASPIAN_FC_MISSING_OK | CASPIAN_FC_SEASONAL | CASPIAN_FC_META,
	.fit = auto_fit,
	.forecast = auto_forecast,
	.ic = auto_ic,
	.describe = auto_describe,
	.free = auto_free,
};
