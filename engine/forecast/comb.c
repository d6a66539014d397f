/*
 * comb.c - forecast combinations: the mean, median or trimmed mean of the
 * point forecasts of several methods of the table, with combined prediction
 * intervals.
 *
 * The spec is a list of KEY=VALUE items separated by ';':
 *
 *   methods=A,B,...   the members (at most COMB_MAX_MEMBERS, no meta method);
 *                     a member may carry a variant without ',' or ';'
 *                     (arima:lambda=auto, ets:MAdM, theta:lines)
 *   how=mean|median|trimmed
 *                     how point forecasts combine; trimmed: the mean without
 *                     the lowest and the highest (the mean when fewer than
 *                     three members forecast)
 *   intervals=mixture|mean|envelope
 *                     how intervals combine:
 *                     mixture: the level-L interval is the central L% of an
 *                       equal-weight mixture of normal distributions, member
 *                       i's centred at its forecast f_i with the standard
 *                       deviation (hi_i - lo_i) / (2 z_L) implied by its own
 *                       level-L interval;
 *                     mean: the mean of the members' bounds;
 *                     envelope: the lowest lower and highest upper bound.
 *                     The combined point forecast is kept inside the interval
 *                     (a bound that would cross it is moved to it).
 *
 * Defaults by seasonal period m (chosen by validation on the training parts
 * of the M3 series at two forecast origins, docs/forecast.md "How the
 * defaults were chosen"; the M3 test values were not used):
 *   m = 1, n < 50:  median of arima, theta, drift, ets:ZAdZ (damped-trend
 *                ETS); envelope intervals;
 *   m = 1, n >= 50: mean of arima, theta, ets, ets:ZAdZ; mixture intervals;
 *   2 <= m <= 6: median of ets:estimator=r, ets:sa (ETS on the seasonally
 *                adjusted series), arima, naive, hw, ets:MAdM (damped
 *                multiplicative Holt-Winters); mean intervals;
 *   m > 6:       median of ets:estimator=r, arima:lambda=auto (Box-Cox),
 *                theta, snaive; mean intervals.
 * Members were chosen by sMAPE among all subsets of two to six candidates;
 * the interval rule per period is the one whose 95% coverage on the
 * validation was closest to 95%.  methods= alone combines by the mean with
 * envelope intervals unless how= or intervals= is given.
 *
 * Fallback: a member that fails to fit (or later to forecast) is left out and
 * the combination is over the others; --details lists the members used and
 * those left out.  comb fails only when every member fails, with the first
 * member's error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fc_internal.h"

#define COMB_MAX_MEMBERS 8

enum comb_how { COMB_MEAN, COMB_MEDIAN, COMB_TRIMMED };
enum comb_iv { COMB_IV_MIXTURE, COMB_IV_MEAN, COMB_IV_ENVELOPE };

/* The validated defaults (header comment), by seasonal period and length. */
struct comb_default {
	const char *members;
	enum comb_how how;
	enum comb_iv iv;
};
static const struct comb_default comb_short_nonseasonal = {"arima,theta,drift,ets:ZAdZ",
							    COMB_MEDIAN, COMB_IV_ENVELOPE};
static const struct comb_default comb_long_nonseasonal = {"arima,theta,ets,ets:ZAdZ", COMB_MEAN,
							   COMB_IV_MIXTURE};
static const struct comb_default comb_short_season = {
	"ets:estimator=r,ets:sa,arima,naive,hw,ets:MAdM", COMB_MEDIAN, COMB_IV_MEAN};
static const struct comb_default comb_long_season = {
	"ets:estimator=r,arima:lambda=auto,theta,snaive", COMB_MEDIAN, COMB_IV_MEAN};

struct comb_state {
	size_t nmembers; /* requested */
	const struct caspian_method *method[COMB_MAX_MEMBERS];
	char label[COMB_MAX_MEMBERS][48]; /* NAME or NAME:SPEC as given */
	const char *spec[COMB_MAX_MEMBERS]; /* into label; NULL: none */
	struct caspian_fc_model *model[COMB_MAX_MEMBERS]; /* NULL: failed to fit */
	enum comb_how how;
	enum comb_iv iv;
};

static void comb_free(void *state)
{
	struct comb_state *c = state;
	if (!c)
		return;
	for (size_t i = 0; i < c->nmembers; i++)
		caspian_fc_free(c->model[i]);
	free(c);
}

static int parse_members(const char *v, size_t vlen, struct comb_state *c,
			 struct caspian_error *err)
{
	c->nmembers = 0;
	const char *p = v, *stop = v + vlen;
	while (p < stop) {
		const char *q = memchr(p, ',', (size_t)(stop - p));
		size_t len = q ? (size_t)(q - p) : (size_t)(stop - p);
		if (c->nmembers == COMB_MAX_MEMBERS)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "comb: at most %d members", COMB_MAX_MEMBERS);
		char *name = c->label[c->nmembers];
		if (len == 0 || len >= sizeof(c->label[0]))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "comb: bad member list '%.*s'", (int)vlen, v);
		memcpy(name, p, len);
		name[len] = '\0';
		char *colon = strchr(name, ':');
		if (colon)
			*colon = '\0';
		const struct caspian_method *m = caspian_method_find(name);
		if (!m)
			return caspian_error_set(err, CASPIAN_ENOTFOUND,
						 "comb: unknown member method '%s'", name);
		if (m->flags & CASPIAN_FC_META)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "comb: member '%s' selects or combines methods "
						 "itself; name plain methods",
						 name);
		c->spec[c->nmembers] = colon ? colon + 1 : NULL;
		if (colon)
			*colon = ':'; /* keep the label whole; the spec follows it */
		c->method[c->nmembers++] = m;
		p = q ? q + 1 : stop;
	}
	if (c->nmembers == 0)
		return caspian_error_set(err, CASPIAN_EINVAL, "comb: no member methods");
	return CASPIAN_OK;
}

/*
 * Non-seasonal series of 50 values or more have their own default: on the
 * validation the combination that suits short (yearly) series was not the
 * best on long ones, and no M3 series of either kind is near that length.
 */
enum { COMB_LONG_NONSEASONAL = 50 };

static const struct comb_default *comb_default_for(size_t m, size_t n)
{
	if (m == 1)
		return n >= COMB_LONG_NONSEASONAL ? &comb_long_nonseasonal : &comb_short_nonseasonal;
	return m <= 6 ? &comb_short_season : &comb_long_season;
}

static int spec_parse(const char *text, size_t m, size_t n, struct comb_state *c,
		      struct caspian_error *err)
{
	const struct comb_default *def = comb_default_for(m, n);
	int rc = parse_members(def->members, strlen(def->members), c, err);
	if (rc)
		return rc;
	int how_given = 0, iv_given = 0, members_given = 0;
	const char *p = text ? text : "";
	struct fc_item it;
	while (fc_next_item(&p, &it)) {
		const char *v = it.value;
		size_t vlen = it.vlen;
		int bad = 0;
		if (!v) {
			bad = 1;
		} else if (fc_item_is(it.key, it.klen, "methods")) {
			if ((rc = parse_members(v, vlen, c, err)) != 0)
				return rc;
			members_given = 1;
		} else if (fc_item_is(it.key, it.klen, "how")) {
			how_given = 1;
			if (fc_item_is(v, vlen, "mean"))
				c->how = COMB_MEAN;
			else if (fc_item_is(v, vlen, "median"))
				c->how = COMB_MEDIAN;
			else if (fc_item_is(v, vlen, "trimmed"))
				c->how = COMB_TRIMMED;
			else
				bad = 1;
		} else if (fc_item_is(it.key, it.klen, "intervals")) {
			iv_given = 1;
			if (fc_item_is(v, vlen, "mixture"))
				c->iv = COMB_IV_MIXTURE;
			else if (fc_item_is(v, vlen, "mean"))
				c->iv = COMB_IV_MEAN;
			else if (fc_item_is(v, vlen, "envelope"))
				c->iv = COMB_IV_ENVELOPE;
			else
				bad = 1;
		} else {
			bad = 1;
		}
		if (bad)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "comb: bad variant item '%.*s' (expected "
						 "methods=A,B,...; how=mean|median|trimmed; "
						 "intervals=mixture|mean|envelope)",
						 (int)it.len, it.text);
	}
	/* Members of one's own choosing get the plain rules: mean, envelope. */
	if (!how_given)
		c->how = members_given ? COMB_MEAN : def->how;
	if (!iv_given)
		c->iv = members_given ? COMB_IV_ENVELOPE : def->iv;
	return CASPIAN_OK;
}

/* The variant's own items and each member's variant, without data. */
static int comb_check_spec(const char *text, struct caspian_error *err)
{
	struct comb_state c = {0};
	int rc = spec_parse(text, 1, 0, &c, err);
	for (size_t i = 0; rc == CASPIAN_OK && i < c.nmembers; i++) {
		struct caspian_error e;
		caspian_error_init(&e);
		rc = caspian_fc_check_spec(c.method[i], c.spec[i], &e);
		if (rc)
			caspian_error_set(err, rc, "comb: member %s: %s", c.label[i], e.msg);
	}
	return rc;
}

static int comb_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		    void **state, struct caspian_error *err)
{
	struct comb_state *c = calloc(1, sizeof(*c));
	if (!c)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	int rc = spec_parse(opts ? opts->spec : NULL, fc_season(opts), n, c, err);
	if (rc) {
		free(c);
		return rc;
	}
	struct caspian_fc_opts o = opts ? *opts : (struct caspian_fc_opts){0};
	o.spec = NULL;
	size_t ok = 0;
	int first_rc = CASPIAN_OK;
	for (size_t i = 0; i < c->nmembers; i++) {
		struct caspian_error e;
		caspian_error_init(&e);
		o.spec = c->spec[i];
		rc = caspian_fc_fit(c->method[i], y, n, &o, &c->model[i], &e);
		if (rc == CASPIAN_ENOMEM) {
			comb_free(c);
			return caspian_error_set(err, rc, "out of memory");
		}
		if (rc == CASPIAN_OK) {
			ok++;
		} else if (first_rc == CASPIAN_OK) {
			first_rc = rc;
			caspian_error_set(err, rc, "comb: every member failed; %s: %s",
					  c->label[i], e.msg);
		}
	}
	if (!ok) {
		comb_free(c);
		return first_rc;
	}
	*state = c;
	return CASPIAN_OK;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Mean, median or trimmed mean of v[0..k); v is reordered. */
static double combine_points(double *v, size_t k, enum comb_how how)
{
	if (how == COMB_MEDIAN) {
		qsort(v, k, sizeof(double), cmp_double);
		return k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
	}
	size_t from = 0, to = k;
	if (how == COMB_TRIMMED && k >= 3) {
		qsort(v, k, sizeof(double), cmp_double);
		from = 1;
		to = k - 1;
	}
	double s = 0;
	for (size_t i = from; i < to; i++)
		s += v[i];
	return s / (double)(to - from);
}

/* CDF at x of the equal-weight mixture of N(mu[i], sd[i]^2), i < k. */
static double mixture_cdf(double x, const double *mu, const double *sd, size_t k)
{
	double s = 0;
	for (size_t i = 0; i < k; i++)
		s += sd[i] > 0 ? 0.5 * erfc(-(x - mu[i]) / (sd[i] * 1.4142135623730951))
			       : (x >= mu[i] ? 1.0 : 0.0);
	return s / (double)k;
}

/* The p-quantile of that mixture, by bisection between the extreme members. */
static double mixture_quantile(double p, const double *mu, const double *sd, size_t k)
{
	double a = INFINITY, b = -INFINITY;
	for (size_t i = 0; i < k; i++) {
		a = fmin(a, mu[i] - 10 * sd[i]);
		b = fmax(b, mu[i] + 10 * sd[i]);
	}
	for (int it = 0; it < 200 && b - a > 1e-12 * fmax(1, fabs(a) + fabs(b)); it++) {
		double mid = 0.5 * (a + b);
		if (mixture_cdf(mid, mu, sd, k) < p)
			a = mid;
		else
			b = mid;
	}
	return 0.5 * (a + b);
}

static int comb_forecast(const void *state, size_t h, const double *levels, size_t nlevels,
			 double *mean, double *lo, double *hi, struct caspian_error *err)
{
	const struct comb_state *c = state;
	size_t per = h * (1 + 2 * nlevels);
	double *buf = malloc(sizeof(double) * (per * c->nmembers + 3 * c->nmembers));
	if (!buf)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	double *v = buf + per * c->nmembers, *mu = v + c->nmembers, *sd = mu + c->nmembers;
	size_t k = 0;
	int first_rc = CASPIAN_OK;
	struct caspian_error first;
	caspian_error_init(&first);
	for (size_t i = 0; i < c->nmembers; i++) {
		if (!c->model[i])
			continue;
		double *f = buf + per * k;
		struct caspian_error e;
		caspian_error_init(&e);
		int rc = caspian_fc_forecast(c->model[i], h, levels, nlevels, f,
					     nlevels ? f + h : NULL, nlevels ? f + h + nlevels * h : NULL,
					     &e);
		if (rc == CASPIAN_OK) {
			k++;
		} else if (first_rc == CASPIAN_OK) {
			first_rc = rc;
			first = e;
		}
	}
	if (k == 0) {
		free(buf);
		return caspian_error_set(err, first_rc ? first_rc : CASPIAN_EDOM,
					 "comb: every member failed to forecast: %s", first.msg);
	}
	for (size_t j = 0; j < h; j++) {
		for (size_t i = 0; i < k; i++)
			v[i] = buf[per * i + j];
		mean[j] = combine_points(v, k, c->how);
		for (size_t l = 0; l < nlevels; l++) {
			double L = 0, H = 0;
			if (c->iv == COMB_IV_MIXTURE) {
				double z = fc_z(levels[l]);
				for (size_t i = 0; i < k; i++) {
					const double *f = buf + per * i;
					double a = f[h + l * h + j], b = f[h + nlevels * h + l * h + j];
					mu[i] = f[j];
					sd[i] = (b - a) / (2 * z);
				}
				double tail = (1 - levels[l] / 100) / 2;
				L = mixture_quantile(tail, mu, sd, k);
				H = mixture_quantile(1 - tail, mu, sd, k);
			} else {
				L = c->iv == COMB_IV_ENVELOPE ? INFINITY : 0;
				H = c->iv == COMB_IV_ENVELOPE ? -INFINITY : 0;
				for (size_t i = 0; i < k; i++) {
					const double *f = buf + per * i;
					double a = f[h + l * h + j], b = f[h + nlevels * h + l * h + j];
					if (c->iv == COMB_IV_ENVELOPE) {
						L = fmin(L, a);
						H = fmax(H, b);
					} else {
						L += a / (double)k;
						H += b / (double)k;
					}
				}
			}
			lo[l * h + j] = fmin(L, mean[j]);
			hi[l * h + j] = fmax(H, mean[j]);
		}
	}
	free(buf);
	return CASPIAN_OK;
}

static void comb_describe(const void *state, struct caspian_fc_details *d)
{
	const struct comb_state *c = state;
	static const char *const iv_name[] = {"mixture", "mean", "envelope"};
	static const char *const how_name[] = {"Mean", "Median", "Trimmed mean"};
	size_t used = 0, ok = 0;
	used += (size_t)snprintf(d->model, sizeof(d->model), "%s of ", how_name[c->how]);
	for (size_t i = 0; i < c->nmembers && used < sizeof(d->model); i++)
		if (c->model[i])
			used += (size_t)snprintf(d->model + used, sizeof(d->model) - used, "%s%s",
						 ok++ ? "," : "", c->label[i]);
	used = (size_t)snprintf(d->params, sizeof(d->params), "intervals=%s",
				iv_name[c->iv]);
	d->simulated = 0;
	d->seed = 0;
	for (size_t i = 0; i < c->nmembers && used < sizeof(d->params); i++) {
		if (!c->model[i]) {
			used += (size_t)snprintf(d->params + used, sizeof(d->params) - used,
						 " %s=failed", c->label[i]);
			continue;
		}
		struct caspian_fc_details md;
		caspian_fc_describe(c->model[i], &md);
		used += (size_t)snprintf(d->params + used, sizeof(d->params) - used,
					 " %s=%s", c->label[i], md.model);
		if (md.simulated) {
			d->simulated = 1;
			d->seed = md.seed;
		}
	}
}

const struct caspian_method caspian_method_comb = {
	.name = "comb",
	.summary = "Mean or median of several methods' forecasts (arima, theta, otheta, ...)",
	.flags = CASPIAN_FC_MISSING_OK | CASPIAN_FC_SEASONAL | CASPIAN_FC_META,
	.ic_family = NULL,
	.fit = comb_fit,
	.forecast = comb_forecast,
	.ic = NULL,
	.describe = comb_describe,
	.free = comb_free,
	.check_spec = comb_check_spec,
};
