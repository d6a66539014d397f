/*
 * forecast.c - the method table and the wrappers that apply the policies
 * common to every method (missing values at the ends, level checks, output
 * checks).
 */
#include "caspian/forecast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "fc_internal.h"

/*
 * The table.  To add a method (ARIMA, a combination): define a
 * struct caspian_method in engine/forecast/<name>.c, declare it in
 * fc_internal.h and list it here; auto, backtest and the command line pick
 * it up from this table.
 */
const struct caspian_method *const caspian_methods[] = {
	&caspian_method_naive,
	&caspian_method_snaive,
	&caspian_method_mean,
	&caspian_method_drift,
	&caspian_method_cagr,
	&caspian_method_trend,
	&caspian_method_logtrend,
	&caspian_method_theta,
	&caspian_method_otheta,
	&caspian_method_ets,
	&caspian_method_ses,
	&caspian_method_holt,
	&caspian_method_damped,
	&caspian_method_hw,
	&caspian_method_arima,
	&caspian_method_comb,
	&caspian_method_auto,
	NULL,
};

struct caspian_fc_model {
	const struct caspian_method *method;
	void *state;
	size_t trail; /* trailing missing values dropped before fitting */
	/* ":sa": the method was fitted to y / index[t mod m], t = 0..nfit-1 */
	int sa;
	size_t nfit, m;
	double *index; /* NULL when ":sa" found no seasonality to remove */
};

const struct caspian_method *caspian_method_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; caspian_methods[i]; i++)
		if (strcmp(caspian_methods[i]->name, name) == 0)
			return caspian_methods[i];
	return NULL;
}

int caspian_method_parse(const char *text, const struct caspian_method **method,
			 const char **spec, struct caspian_error *err)
{
	char name[64];
	const char *colon = text ? strchr(text, ':') : NULL;
	size_t len = colon ? (size_t)(colon - text) : (text ? strlen(text) : 0);

	if (text && len < sizeof(name)) {
		memcpy(name, text, len);
		name[len] = '\0';
		const struct caspian_method *m = caspian_method_find(name);
		if (m) {
			*method = m;
			*spec = colon && colon[1] ? colon + 1 : NULL;
			return CASPIAN_OK;
		}
	}
	char list[512] = "";
	size_t used = 0;
	for (size_t i = 0; caspian_methods[i] && used + 1 < sizeof(list); i++) {
		int k = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "",
				 caspian_methods[i]->name);
		if (k < 0)
			break;
		used += (size_t)k;
	}
	return caspian_error_set(err, CASPIAN_ENOTFOUND,
				 "unknown forecasting method '%s' (methods: %s)",
				 text ? text : "", list);
}

size_t fc_season(const struct caspian_fc_opts *opts)
{
	return opts && opts->season > 1 ? opts->season : 1;
}

double fc_z(double level)
{
	return gsl_cdf_ugaussian_Pinv(0.5 + level / 200.0);
}

double fc_t(double level, double df)
{
	return gsl_cdf_tdist_Pinv(0.5 + level / 200.0, df);
}

int fc_next_item(const char **p, struct fc_item *it)
{
	const char *s = *p;
	if (!*s)
		return 0;
	const char *end = strchr(s, ';');
	it->text = s;
	it->len = end ? (size_t)(end - s) : strlen(s);
	const char *eq = memchr(s, '=', it->len);
	it->key = s;
	it->klen = eq ? (size_t)(eq - s) : it->len;
	it->value = eq ? eq + 1 : NULL;
	it->vlen = eq ? it->len - it->klen - 1 : 0;
	*p = end ? end + 1 : s + it->len;
	return 1;
}

int fc_item_is(const char *text, size_t len, const char *word)
{
	return strlen(word) == len && strncmp(text, word, len) == 0;
}

int fc_no_spec(const char *method, const struct caspian_fc_opts *opts,
	       struct caspian_error *err)
{
	if (opts && opts->spec && opts->spec[0])
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method %s takes no variant (got '%s')", method,
					 opts->spec);
	return CASPIAN_OK;
}

size_t fc_count_present(const double *y, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += !isnan(y[i]);
	return c;
}

size_t fc_first_nonpositive(const double *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isnan(y[i]) && !(y[i] > 0))
			return i;
	return n;
}

int fc_need_positive(const char *method, const double *y, size_t n,
		     struct caspian_error *err)
{
	size_t i = fc_first_nonpositive(y, n);
	if (i < n)
		return caspian_error_set(err, CASPIAN_EDOM,
					 "method %s works on logarithms and needs positive "
					 "values; value %zu is %g",
					 method, i + 1, y[i]);
	return CASPIAN_OK;
}

int fc_check_output(size_t h, size_t nlevels, const double *mean, const double *lo,
		    const double *hi, size_t *bad)
{
	for (size_t i = 0; i < h; i++) {
		if (!isfinite(mean[i])) {
			*bad = i;
			return -1;
		}
		for (size_t l = 0; l < nlevels; l++) {
			double a = lo[l * h + i], b = hi[l * h + i];
			if (!isfinite(a) || !isfinite(b) || a > mean[i] || b < mean[i]) {
				*bad = i;
				return -1;
			}
		}
	}
	return 0;
}

/*
 * Splits the ";"-separated spec into its "sa" part and the rest (written to
 * rest, "" when nothing is left); refuses "sa" for methods it cannot apply to.
 */
static int split_sa(const struct caspian_method *method, const char *spec, char *rest,
		    size_t size, int *sa, struct caspian_error *err)
{
	size_t used = 0;
	rest[0] = '\0';
	struct fc_item it;
	for (const char *p = spec; fc_next_item(&p, &it);) {
		if (fc_item_is(it.text, it.len, "sa")) {
			*sa = 1;
			continue;
		}
		if (used + it.len + 2 > size)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "method %s: variant '%s' is too long",
						 method->name, spec);
		if (used)
			rest[used++] = ';';
		memcpy(rest + used, it.text, it.len);
		used += it.len;
		rest[used] = '\0';
	}
	if (*sa && (method->flags & CASPIAN_FC_META))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method %s combines other methods: give ':sa' to its "
					 "members instead",
					 method->name);
	if (*sa && (method->flags & CASPIAN_FC_ADJUSTS))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method %s adjusts for seasonality itself; ':sa' does "
					 "not apply",
					 method->name);
	return CASPIAN_OK;
}

/*
 * ":sa": divides y by its classical multiplicative indices when Theta's
 * seasonality test says so, and fits the method, non-seasonal, to the result.
 */
static int fit_adjusted(struct caspian_fc_model *model, const double *y, size_t n,
			struct caspian_fc_opts *opts, struct caspian_error *err)
{
	const struct caspian_method *method = model->method;
	for (size_t i = 0; i < n; i++)
		if (isnan(y[i]))
			return caspian_error_set(err, CASPIAN_EDOM,
						 "method %s:sa: seasonal adjustment needs a "
						 "series without missing values (value %zu is "
						 "missing)",
						 method->name, i + 1);
	size_t m = fc_season(opts);
	double *x = malloc(sizeof(double) * n);
	double *index = NULL;
	if (!x || fc_seasonal_adjust(y, n, m, x, &index) != 0) {
		free(x);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	model->sa = 1;
	model->nfit = n;
	model->m = m;
	model->index = index;
	opts->season = 1;
	int rc = method->fit(x, n, opts, &model->state, err);
	free(x);
	return rc;
}

/* Multiplies forecasts and bounds by the seasonal index of their period. */
static void reseasonalise(const struct caspian_fc_model *model, size_t h, size_t nlevels,
			  double *mean, double *lo, double *hi)
{
	for (size_t i = 0; i < h; i++) {
		double s = model->index[(model->nfit + model->trail + i) % model->m];
		mean[i] *= s;
		for (size_t l = 0; l < nlevels; l++) {
			lo[l * h + i] *= s;
			hi[l * h + i] *= s;
		}
	}
}

int caspian_fc_check_spec(const struct caspian_method *method, const char *spec,
			  struct caspian_error *err)
{
	if (!method)
		return caspian_error_set(err, CASPIAN_EINVAL, "forecast: NULL argument");
	if (!spec || !spec[0])
		return CASPIAN_OK;
	char rest[256];
	int sa = 0;
	int rc = split_sa(method, spec, rest, sizeof(rest), &sa, err);
	if (rc || !rest[0])
		return rc;
	if (!method->check_spec) {
		struct caspian_fc_opts o = {.spec = rest};
		return fc_no_spec(method->name, &o, err);
	}
	return method->check_spec(rest, err);
}

int caspian_fc_fit(const struct caspian_method *method, const double *y, size_t n,
		   const struct caspian_fc_opts *opts, struct caspian_fc_model **out,
		   struct caspian_error *err)
{
	if (!method || !y || !out)
		return caspian_error_set(err, CASPIAN_EINVAL, "forecast: NULL argument");
	if (n == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method %s: the series is empty", method->name);
	size_t a = 0, b = n;
	while (a < b && isnan(y[a]))
		a++;
	while (b > a && isnan(y[b - 1]))
		b--;
	if (a == b)
		return caspian_error_set(err, CASPIAN_EDOM,
					 "method %s: every value of the series is missing",
					 method->name);
	if (!(method->flags & CASPIAN_FC_MISSING_OK)) {
		for (size_t i = a; i < b; i++)
			if (isnan(y[i]))
				return caspian_error_set(
					err, CASPIAN_EDOM,
					"method %s cannot handle missing values (value %zu "
					"is missing); fill the gap or use a method that "
					"skips them (naive, mean, drift, trend, ets)",
					method->name, i + 1);
	}
	char rest[256];
	int sa = 0;
	if (opts && opts->spec) {
		int rc = split_sa(method, opts->spec, rest, sizeof(rest), &sa, err);
		if (rc)
			return rc;
	}
	struct caspian_fc_model *m = calloc(1, sizeof(*m));
	if (!m)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	m->method = method;
	m->trail = n - b;
	int rc;
	if (sa) {
		struct caspian_fc_opts o = *opts;
		o.spec = rest[0] ? rest : NULL;
		rc = fit_adjusted(m, y + a, b - a, &o, err);
	} else {
		rc = method->fit(y + a, b - a, opts, &m->state, err);
	}
	/* One value says nothing about how far the next may be from it: a
	 * method that fits it anyway (ets, arima) would give a zero-width
	 * interval, which is false certainty.  Methods with a larger minimum
	 * of their own have said so already. */
	if (rc == CASPIAN_OK && b - a == 1) {
		caspian_fc_free(m);
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method %s needs at least 2 observations (got 1)",
					 method->name);
	}
	if (rc != CASPIAN_OK) {
		free(m->index);
		free(m);
		return rc;
	}
	*out = m;
	return CASPIAN_OK;
}

int caspian_fc_forecast(const struct caspian_fc_model *model, size_t h,
			const double *levels, size_t nlevels, double *mean, double *lo,
			double *hi, struct caspian_error *err)
{
	if (!model || !mean || (nlevels && (!levels || !lo || !hi)))
		return caspian_error_set(err, CASPIAN_EINVAL, "forecast: NULL argument");
	if (h == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "forecast horizon must be at least 1");
	for (size_t l = 0; l < nlevels; l++)
		if (!(levels[l] > 0 && levels[l] < 100))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "interval level %g is not between 0 and 100",
						 levels[l]);
	const struct caspian_method *me = model->method;
	size_t hh = h + model->trail;
	double *m2 = mean, *lo2 = lo, *hi2 = hi, *buf = NULL;
	if (model->trail) {
		buf = malloc(sizeof(double) * hh * (1 + 2 * nlevels));
		if (!buf)
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		m2 = buf;
		lo2 = buf + hh;
		hi2 = buf + hh * (1 + nlevels);
	}
	int rc = me->forecast(model->state, hh, levels, nlevels, m2, nlevels ? lo2 : NULL,
			      nlevels ? hi2 : NULL, err);
	if (rc == CASPIAN_OK && model->trail) {
		memcpy(mean, m2 + model->trail, sizeof(double) * h);
		for (size_t l = 0; l < nlevels; l++) {
			memcpy(lo + l * h, lo2 + l * hh + model->trail, sizeof(double) * h);
			memcpy(hi + l * h, hi2 + l * hh + model->trail, sizeof(double) * h);
		}
	}
	free(buf);
	if (rc != CASPIAN_OK)
		return rc;
	if (model->index)
		reseasonalise(model, h, nlevels, mean, lo, hi);
	size_t bad;
	if (fc_check_output(h, nlevels, mean, lo, hi, &bad) != 0)
		return caspian_error_set(err, CASPIAN_EDOM,
					 "method %s produced a non-finite or unordered "
					 "forecast at step %zu",
					 me->name, bad + 1);
	return CASPIAN_OK;
}

int caspian_fc_ic(const struct caspian_fc_model *model, struct caspian_fc_ic *ic)
{
	/* An adjusted fit's likelihood is of other data than the series'. */
	if (!model || !model->method->ic || model->sa)
		return 0;
	return model->method->ic(model->state, ic);
}

/* Text that filled its field (size bytes) was cut: end it with "..."
 * rather than in the middle of a name or a number that would read whole. */
static void mark_cut(char *text, size_t size)
{
	size_t len = strlen(text);
	if (len == size - 1)
		memcpy(text + len - 3, "...", 3);
}

static void describe_model(const struct caspian_fc_model *model, struct caspian_fc_details *d)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->model, sizeof(d->model), "%s", model->method->name);
	if (model->method->describe)
		model->method->describe(model->state, d);
	if (!model->sa)
		return;
	char base[sizeof(d->model)];
	memcpy(base, d->model, sizeof(base));
	if (model->index) {
		snprintf(d->model, sizeof(d->model), "%.60s (seasonally adjusted, m=%zu)", base,
			 model->m);
		fc_describe_indices(d->params, sizeof(d->params), model->index, model->m,
				    model->nfit + model->trail);
	} else {
		snprintf(d->model, sizeof(d->model), "%.60s (not seasonal at 90%%)", base);
	}
}

void caspian_fc_describe(const struct caspian_fc_model *model, struct caspian_fc_details *d)
{
	describe_model(model, d);
	mark_cut(d->model, sizeof(d->model));
	mark_cut(d->params, sizeof(d->params));
}

const struct caspian_method *caspian_fc_method(const struct caspian_fc_model *model)
{
	return model ? model->method : NULL;
}

void caspian_fc_free(struct caspian_fc_model *model)
{
	if (!model)
		return;
	if (model->method->free)
		model->method->free(model->state);
	free(model->index);
	free(model);
}

int caspian_fc_run(const struct caspian_method *method, const double *y, size_t n,
		   const struct caspian_fc_opts *opts, size_t h, const double *levels,
		   size_t nlevels, double *mean, double *lo, double *hi,
		   struct caspian_fc_details *d, struct caspian_error *err)
{
	struct caspian_fc_model *model = NULL;
	int rc = caspian_fc_fit(method, y, n, opts, &model, err);
	if (rc != CASPIAN_OK)
		return rc;
	rc = caspian_fc_forecast(model, h, levels, nlevels, mean, lo, hi, err);
	if (rc == CASPIAN_OK && d)
		caspian_fc_describe(model, d);
	caspian_fc_free(model);
	return rc;
}
