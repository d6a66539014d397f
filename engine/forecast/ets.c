/*
 * ets.c - forecasts and prediction intervals of a fitted ETS model, and the
 * small accessors of caspian/ets.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "ets_internal.h"

double ets_z(double level)
{
	return gsl_cdf_ugaussian_Pinv(0.5 + level / 200.0);
}

double ets_t(double level, double df)
{
	return gsl_cdf_tdist_Pinv(0.5 + level / 200.0, df);
}

/*
 * c_j = alpha + beta phi_j + gamma [j mod m == 0] for j = 1..h-1, the weights of
 * the class 1 and 2 variance formulas (Hyndman et al. 2008, table 6.1).
 */
static void psi_weights(const struct ets_par *p, size_t h, double *c)
{
	double phij = 0.0, pw = 1.0;
	for (size_t j = 1; j < h; j++) {
		pw *= p->phi;
		phij += pw;
		c[j] = p->alpha + (p->trend ? p->beta * phij : 0.0) +
		       (p->season && j % p->m == 0 ? p->gamma : 0.0);
	}
}

/* Forecast variances v[0..h) of classes 1 (error A) and 2 (error M). work: 2h. */
static void analytic_variance(const struct caspian_ets_model *mod, const double *mu, size_t h,
			      double *v, double *work)
{
	const struct ets_par *p = &mod->par;
	const double s2 = mod->sigma2;
	double *c = work, *theta = work + h;

	psi_weights(p, h, c);
	if (p->error == ETS_ADD) {
		double acc = 1.0;
		v[0] = s2;
		for (size_t i = 1; i < h; i++) {
			acc += c[i] * c[i];
			v[i] = s2 * acc;
		}
		return;
	}
	for (size_t i = 0; i < h; i++) {
		double s = 0.0;
		for (size_t j = 1; j <= i; j++)
			s += c[j] * c[j] * theta[i - j];
		theta[i] = mu[i] * mu[i] + s2 * s;
		v[i] = (1 + s2) * theta[i] - mu[i] * mu[i];
		if (v[i] < 0)
			v[i] = 0;
	}
}

/*
 * Sample quantile of type 8 (Hyndman & Fan 1996; what forecast::ets uses for
 * simulated intervals): position (n + 1/3) p + 1/3, linearly interpolated.
 */
static double quantile8(double *a, size_t n, double prob)
{
	double pos = ((double)n + 1.0 / 3.0) * prob + 1.0 / 3.0; /* 1-based */
	if (pos <= 1)
		return gsl_stats_select(a, 1, n, 0);
	if (pos >= (double)n)
		return gsl_stats_select(a, 1, n, n - 1);
	size_t k = (size_t)floor(pos);
	double frac = pos - (double)k;
	double lo = gsl_stats_select(a, 1, n, k - 1);
	/*
	 * The next order statistic in one pass rather than a second selection:
	 * lo again when more than k values are <= lo, else the least value above.
	 */
	size_t le = 0;
	double above = INFINITY;
	int unordered = 0;
	for (size_t i = 0; i < n; i++) {
		if (a[i] <= lo)
			le++;
		else if (a[i] > lo)
			above = a[i] < above ? a[i] : above;
		else
			unordered = 1; /* NaN: leave the order to GSL */
	}
	double next = unordered ? gsl_stats_select(a, 1, n, k) : le > k ? lo : above;
	return lo + frac * (next - lo);
}

/* One step of the recursions for a simulated path (state x in the usual layout, rotated). */
static double sim_step(const struct ets_par *p, double *x, double e)
{
	const size_t off = 1 + (p->trend != ETS_NONE);
	double l = x[0], b = p->trend ? x[1] : 0.0, s = p->season ? x[off] : 0.0;
	double pb = p->trend ? p->phi * b : 0.0, q = l + pb;
	double f = p->season == ETS_MUL ? q * s : q + s;
	double y = p->error == ETS_MUL ? f * (1 + e) : f + e;
	double r = y - f;
	double d = p->season == ETS_MUL ? r / s : r;
	x[0] = q + p->alpha * d;
	if (p->trend)
		x[1] = pb + p->beta * d;
	if (p->season) {
		double snew = s + p->gamma * (p->season == ETS_MUL ? r / q : r);
		memmove(x + off, x + off + 1, (p->m - 1) * sizeof(double));
		x[off + p->m - 1] = snew;
	}
	return y;
}

/*
 * Simulated paths (forecast::ets simulate.ets): Gaussian innovations with
 * variance sigma2, truncated at -1 for multiplicative errors.  paths holds
 * h * nsim values, step-major.
 */
static int simulate_paths(const struct caspian_ets_model *mod, size_t h, double *paths)
{
	const struct ets_par *p = &mod->par;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!rng)
		return CASPIAN_ENOMEM;
	gsl_rng_set(rng, mod->seed);
	const double sd = sqrt(mod->sigma2);
	const size_t ns = (size_t)mod->nsim, off = 1 + (p->trend != ETS_NONE);
	const size_t m = p->season ? p->m : 1;
	double ring[CASPIAN_ETS_MAX_PERIOD];
	for (size_t k = 0; k < ns; k++) {
		double l = mod->xend[0], b = p->trend ? mod->xend[1] : 0.0;
		if (p->season)
			memcpy(ring, mod->xend + off, m * sizeof(double));
		for (size_t i = 0, j = 0; i < h; i++) {
			double e = gsl_ran_gaussian_ziggurat(rng, sd);
			if (p->error == ETS_MUL && e < -1)
				e = -1;
			double s = p->season ? ring[j] : 0.0;
			double pb = p->trend ? p->phi * b : 0.0, q = l + pb;
			double f = p->season == ETS_MUL ? q * s : q + s;
			double r = p->error == ETS_MUL ? f * e : e;
			double d = p->season == ETS_MUL ? r / s : r;
			paths[i * ns + k] = f + r;
			l = q + p->alpha * d;
			if (p->trend)
				b = pb + p->beta * d;
			if (p->season) {
				ring[j] = s + p->gamma * (p->season == ETS_MUL ? r / q : r);
				if (++j == m)
					j = 0;
			}
		}
	}
	gsl_rng_free(rng);
	return CASPIAN_OK;
}

/* The state after observing y (or its one-step prediction when y is NaN). */
static void advance_state(const struct ets_par *p, double *x, double y)
{
	if (!isnan(y)) {
		double f;
		ets_point_forecast(p, x, 1, &f);
		sim_step(p, x, p->error == ETS_MUL ? y / f - 1 : y - f);
		return;
	}
	const size_t off = 1 + (p->trend != ETS_NONE);
	if (p->trend) {
		x[0] += p->phi * x[1];
		x[1] *= p->phi;
	}
	if (p->season) {
		double s = x[off];
		memmove(x + off, x + off + 1, (p->m - 1) * sizeof(double));
		x[off + p->m - 1] = s;
	}
}

/*
 * In-sample multi-step factors.  From every origin t of the fitted series the
 * model forecasts y[t+1..t+h]; each error, divided by the model's own step-j
 * standard deviation (relative errors and relative deviations for
 * multiplicative errors), gives z.  For a correct model z^2 is chi-square(1)
 * with median 0.45494, so r_j = median(z_j^2) / 0.45494 estimates how much
 * the model understates the step-j variance; the median keeps a few outlying
 * errors from dominating.  Errors of a fit to the same data are optimistic by
 * about nobs / (nobs - k + 1), the ratio between SSE / nobs and sigma2, so r_j
 * is multiplied by it.  k_j = max(1, r_j) only ever widens.  A step with
 * fewer than ETS_CAL_MIN_ORIGINS errors takes the factor of the step before.
 * scale[j] is v_j (error A) or v_j / mu_j^2 (error M).
 */
#define ETS_CAL_MIN_ORIGINS 5
#define ETS_CHISQ1_MEDIAN 0.454936423119572

static int insample_factors(const struct caspian_ets_model *mod, size_t h, const double *scale,
			    double *k)
{
	const struct ets_par *p = &mod->par;
	const size_t nst = ets_nstates(p), n = mod->n, off = 1 + (p->trend != ETS_NONE);
	const size_t hh = h < n ? h : n; /* steps that can have an origin */
	double *states = malloc((n * nst + n + hh) * sizeof(double));
	if (!states)
		return CASPIAN_ENOMEM;
	double *zz = states + n * nst, *phij = zz + n;
	double x[ETS_MAX_STATES], pw = 1.0, acc = 0.0;

	for (size_t j = 0; j < hh; j++) {
		pw *= p->phi;
		acc += pw;
		phij[j] = acc; /* phi + ... + phi^(j+1) */
	}
	memcpy(x, mod->x0, nst * sizeof(double));
	for (size_t t = 0; t < n; t++) {
		advance_state(p, x, mod->y[t]);
		memcpy(states + t * nst, x, nst * sizeof(double));
	}
	/* In-sample errors understate out-of-sample ones as SSE/nobs does sigma2. */
	const double optimism = (double)mod->nobs / ((double)mod->nobs - (double)mod->k + 1);
	double prev = 1.0;
	for (size_t j = 0; j < h; j++) {
		size_t c = 0;
		for (size_t t = 0; j < hh && t + 1 + j < n; t++) {
			double y = mod->y[t + 1 + j];
			if (isnan(y) || !(scale[j] > 0))
				continue;
			const double *xs = states + t * nst;
			double f = xs[0] + (p->trend ? phij[j] * xs[1] : 0.0);
			if (p->season == ETS_ADD)
				f += xs[off + j % p->m];
			else if (p->season == ETS_MUL)
				f *= xs[off + j % p->m];
			double e = p->error == ETS_MUL ? (y - f) / f : y - f;
			zz[c++] = e * e / scale[j];
		}
		double r = prev;
		if (c >= ETS_CAL_MIN_ORIGINS)
			r = optimism * quantile8(zz, c, 0.5) / ETS_CHISQ1_MEDIAN;
		k[j] = r > 1 && isfinite(r) ? r : 1.0;
		prev = k[j];
	}
	free(states);
	return CASPIAN_OK;
}

/*
 * Multiply k[i] by 1 + u_i / v_i, where u_i = w_i' C w_i is the variance of the
 * step-i point forecast that comes from the estimated initial states
 * (C from ets_state_cov, w_i the gradient of the point forecast with respect
 * to the final state).  Leaves k alone when C is not available.
 */
static int add_state_uncertainty(const struct caspian_ets_model *mod, size_t h, const double *v,
				 double *k)
{
	const struct ets_par *p = &mod->par;
	const size_t nst = ets_nstates(p), off = 1 + (p->trend != ETS_NONE);
	double cov[ETS_MAX_STATES * ETS_MAX_STATES];
	double *dwork = malloc(p->m * ets_nfree(p) * sizeof(double));
	if (!dwork)
		return CASPIAN_ENOMEM;
	int ok = ets_state_cov(p, mod->y, mod->n, mod->x0, mod->sigma2, cov, dwork) == 0;
	free(dwork);
	double phih = 0.0, pw = 1.0;
	for (size_t i = 0; ok && i < h; i++) {
		double wv[ETS_MAX_STATES] = {0};
		const size_t js = off + i % p->m;
		pw *= p->phi;
		phih += pw;
		double q = mod->xend[0] + (p->trend ? phih * mod->xend[1] : 0.0);
		double sfac = p->season == ETS_MUL ? mod->xend[js] : 1.0;
		wv[0] = sfac;
		if (p->trend)
			wv[1] = phih * sfac;
		if (p->season)
			wv[js] = p->season == ETS_MUL ? q : 1.0;
		double u = 0.0;
		for (size_t a = 0; a < nst; a++)
			for (size_t b = 0; b < nst; b++)
				u += wv[a] * cov[a * nst + b] * wv[b];
		if (u > 0 && v[i] > 0 && isfinite(u))
			k[i] *= 1.0 + u / v[i];
	}
	return CASPIAN_OK;
}

/* Sample variance of the simulated paths about the point forecast, per step. */
static void path_variance(const double *paths, size_t ns, size_t h, const double *mean, double *v)
{
	for (size_t i = 0; i < h; i++) {
		double s1 = 0.0, s2 = 0.0;
		for (size_t j = 0; j < ns; j++) {
			double d = paths[i * ns + j] - mean[i];
			s1 += d;
			s2 += d * d;
		}
		v[i] = s2 / (double)ns - (s1 / (double)ns) * (s1 / (double)ns);
	}
}

int caspian_ets_forecast(const struct caspian_ets_model *mod, size_t h, const double *levels,
			 size_t nlevels, double *mean, double *lo, double *hi,
			 struct caspian_error *err)
{
	if (!mod || !mean || (nlevels && (!levels || !lo || !hi)))
		return caspian_error_set(err, CASPIAN_EINVAL, "ETS forecast: NULL argument");
	if (h == 0)
		return caspian_error_set(err, CASPIAN_EINVAL, "ETS forecast: horizon must be >= 1");
	for (size_t l = 0; l < nlevels; l++)
		if (!(levels[l] > 0 && levels[l] < 100))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "ETS forecast: level %g is not strictly between "
						 "0 and 100", levels[l]);
	const struct ets_par *p = &mod->par;
	ets_point_forecast(p, mod->xend, h, mean);
	for (size_t i = 0; i < h; i++)
		if (!isfinite(mean[i]))
			return caspian_error_set(err, CASPIAN_EDOM,
						 "ETS forecast: step %zu is not finite", i + 1);
	if (nlevels == 0)
		return CASPIAN_OK;

	const int simulate = caspian_ets_simulated(mod, NULL);
	const int degenerate = mod->constant || !(mod->sigma2 > 0);
	const int calibrated = mod->pi_method == CASPIAN_ETS_PI_CALIBRATED && !degenerate;
	const size_t ns = (size_t)mod->nsim;
	double *work = malloc((4 * h + (simulate ? h * ns : 0)) * sizeof(double));
	if (!work)
		return caspian_error_set(err, CASPIAN_ENOMEM, "ETS forecast: out of memory");
	double *v = work + 2 * h, *k = work + 3 * h, *paths = work + 4 * h;
	int rc = CASPIAN_OK;

	/* The model's own variance per step (analytic, or of the sample paths). */
	if (degenerate) {
		for (size_t i = 0; i < h; i++)
			v[i] = 0.0;
	} else if (simulate) {
		rc = simulate_paths(mod, h, paths);
		if (rc == CASPIAN_OK)
			path_variance(paths, ns, h, mean, v);
	} else {
		analytic_variance(mod, mean, h, v, work);
	}
	for (size_t i = 0; i < h && rc == CASPIAN_OK; i++)
		k[i] = 1.0;
	if (calibrated && rc == CASPIAN_OK) {
		double *scale = work; /* the first 2h doubles are free again */
		for (size_t i = 0; i < h; i++)
			scale[i] = p->error == ETS_MUL ? v[i] / (mean[i] * mean[i]) : v[i];
		rc = insample_factors(mod, h, scale, k);
		if (rc == CASPIAN_OK)
			rc = add_state_uncertainty(mod, h, v, k);
	}
	if (rc != CASPIAN_OK) {
		free(work);
		return caspian_error_set(err, rc, "ETS forecast: out of memory");
	}
	const double df = (double)mod->nobs - (double)mod->k + 1;
	for (size_t l = 0; l < nlevels; l++) {
		double qz = ets_z(levels[l]);
		double q = calibrated && df >= 1 ? ets_t(levels[l], df) : qz;
		for (size_t i = 0; i < h; i++) {
			if (simulate) {
				/* sample quantiles, widened about the point forecast */
				double *col = paths + i * ns;
				double a = quantile8(col, ns, 0.5 - levels[l] / 200);
				double b = quantile8(col, ns, 0.5 + levels[l] / 200);
				double wf = sqrt(k[i]) * q / qz;
				lo[l * h + i] = mean[i] - wf * (mean[i] - a);
				hi[l * h + i] = mean[i] + wf * (b - mean[i]);
			} else {
				double w = q * sqrt(k[i] * v[i]);
				lo[l * h + i] = mean[i] - w;
				hi[l * h + i] = mean[i] + w;
			}
		}
	}
	free(work);
	for (size_t l = 0; l < nlevels; l++)
		for (size_t i = 0; i < h; i++) {
			double *a = &lo[l * h + i], *b = &hi[l * h + i];
			if (!isfinite(*a) || !isfinite(*b))
				return caspian_error_set(err, CASPIAN_EDOM,
							 "ETS forecast: the %g%% interval at step "
							 "%zu is not finite",
							 levels[l], i + 1);
			/* A sample quantile of skewed paths may miss the point forecast. */
			if (*a > mean[i])
				*a = mean[i];
			if (*b < mean[i])
				*b = mean[i];
		}
	return CASPIAN_OK;
}

double caspian_ets_loglik(const struct caspian_ets_model *m)
{
	return m->loglik;
}

double caspian_ets_aic(const struct caspian_ets_model *m)
{
	return m->aic;
}

double caspian_ets_aicc(const struct caspian_ets_model *m)
{
	return m->aicc;
}

double caspian_ets_bic(const struct caspian_ets_model *m)
{
	return m->bic;
}

double caspian_ets_sigma2(const struct caspian_ets_model *m)
{
	return m->sigma2;
}

size_t caspian_ets_nparams(const struct caspian_ets_model *m)
{
	return m->k;
}

size_t caspian_ets_nobs(const struct caspian_ets_model *m)
{
	return m->nobs;
}

static const char comp_letter[] = "NAM";

void caspian_ets_get_params(const struct caspian_ets_model *m, struct caspian_ets_params *p)
{
	const struct ets_par *q = &m->par;
	const size_t off = 1 + (q->trend != ETS_NONE);
	memset(p, 0, sizeof(*p));
	p->spec.error = comp_letter[q->error];
	p->spec.trend = comp_letter[q->trend];
	p->spec.damped = q->damped;
	p->spec.season = comp_letter[q->season];
	p->m = (int)(q->season ? q->m : 1);
	p->alpha = q->alpha;
	p->beta = q->trend ? q->beta : 0.0;
	p->gamma = q->season ? q->gamma : 0.0;
	p->phi = q->damped ? q->phi : 1.0;
	p->l0 = m->x0[0];
	p->b0 = q->trend ? m->x0[1] : 0.0;
	p->ln = m->xend[0];
	p->bn = q->trend ? m->xend[1] : 0.0;
	if (q->season)
		for (size_t k = 0; k < q->m; k++) {
			/* newest first: the last chronological state is s0 */
			p->s0[k] = m->x0[off + q->m - 1 - k];
			p->sn[k] = m->xend[off + q->m - 1 - k];
		}
}

int caspian_ets_simulated(const struct caspian_ets_model *m, unsigned long *seed)
{
	int sim = m->par.season == ETS_MUL && !m->constant && m->sigma2 > 0;
	if (seed)
		*seed = m->seed;
	return sim;
}

/* Append with snprintf semantics, tracking the used length (never past n). */
static void append(char *buf, size_t n, size_t *used, const char *fmt, double v)
{
	if (*used >= n)
		return;
	int k = snprintf(buf + *used, n - *used, fmt, v);
	if (k > 0)
		*used += (size_t)k;
}

void caspian_ets_describe(const struct caspian_ets_model *m, char *buf, size_t n)
{
	struct caspian_ets_params p;
	char name[32];
	size_t used = 0;

	if (n == 0)
		return;
	caspian_ets_get_params(m, &p);
	caspian_ets_spec_name(&p.spec, name, sizeof(name));
	int k = snprintf(buf, n, "%s", name);
	used = k > 0 ? (size_t)k : 0;
	append(buf, n, &used, " alpha=%.17g", p.alpha);
	if (p.spec.trend != 'N')
		append(buf, n, &used, " beta=%.17g", p.beta);
	if (p.spec.season != 'N')
		append(buf, n, &used, " gamma=%.17g", p.gamma);
	if (p.spec.damped)
		append(buf, n, &used, " phi=%.17g", p.phi);
	append(buf, n, &used, " l0=%.17g", p.l0);
	if (p.spec.trend != 'N')
		append(buf, n, &used, " b0=%.17g", p.b0);
	for (int i = 0; p.spec.season != 'N' && i < p.m; i++) {
		char key[32];
		snprintf(key, sizeof(key), " s%d=%%.17g", -i);
		append(buf, n, &used, key, p.s0[i]);
	}
	append(buf, n, &used, " sigma2=%.17g", m->sigma2);
	if (m->constant && used < n)
		snprintf(buf + used, n - used, " (constant series)");
}

void caspian_ets_spec_name(const struct caspian_ets_spec *s, char *buf, size_t n)
{
	if (!s) {
		snprintf(buf, n, "ETS(Z,Z,Z)");
		return;
	}
	const char *d = s->trend == 'A' ? (s->damped == 1 ? "d" : s->damped < 0 ? "?" : "") : "";
	snprintf(buf, n, "ETS(%c,%c%s,%c)", s->error, s->trend, d, s->season);
}

static int parse_letters(const char *t, struct caspian_ets_spec *s)
{
	/* E T [d] S with optional commas */
	const char *c = t;
	if (!strchr("AMZ", *c) || !*c)
		return -1;
	s->error = *c++;
	if (*c == ',')
		c++;
	if (!strchr("NAZ", *c) || !*c)
		return -1;
	s->trend = *c++;
	s->damped = s->trend == 'Z' ? -1 : 0;
	if (*c == 'd') {
		if (s->trend != 'A')
			return -1;
		s->damped = 1;
		c++;
	}
	if (*c == ',')
		c++;
	if (!strchr("NAMZ", *c) || !*c)
		return -1;
	s->season = *c++;
	return *c == '\0' ? 0 : -1;
}

int caspian_ets_spec_parse(const char *text, struct caspian_ets_spec *spec,
			   struct caspian_error *err)
{
	static const struct {
		const char *name;
		struct caspian_ets_spec spec;
	} shortcuts[] = {
		{"ses", {'A', 'N', 0, 'N'}},    {"holt", {'A', 'A', 0, 'N'}},
		{"damped", {'A', 'A', 1, 'N'}}, {"hw", {'A', 'A', 0, 'A'}},
		{"hw-mult", {'M', 'A', 0, 'M'}}, {"auto", {'Z', 'Z', -1, 'Z'}},
	};
	char inner[16];

	if (!text)
		return caspian_error_set(err, CASPIAN_EPARSE, "ETS model name: NULL");
	for (size_t i = 0; i < sizeof(shortcuts) / sizeof(shortcuts[0]); i++)
		if (strcmp(text, shortcuts[i].name) == 0) {
			*spec = shortcuts[i].spec;
			return CASPIAN_OK;
		}
	size_t len = strlen(text);
	const char *body = text;
	if (len > 5 && strncmp(text, "ETS(", 4) == 0 && text[len - 1] == ')') {
		body = text + 4;
		len -= 5;
	}
	if (len < sizeof(inner)) {
		memcpy(inner, body, len);
		inner[len] = '\0';
		struct caspian_ets_spec s;
		if (parse_letters(inner, &s) == 0) {
			*spec = s;
			return CASPIAN_OK;
		}
	}
	return caspian_error_set(err, CASPIAN_EPARSE,
				 "'%s' is not an ETS model: use three letters error/trend/season "
				 "such as ANN, AAdN, MAM (Ad = damped, Z = choose), the form "
				 "ETS(M,Ad,N), or ses, holt, damped, hw, hw-mult, auto",
				 text);
}
