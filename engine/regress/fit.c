/*
 * fit.c - caspian_regress_fit(): reparametrise, solve, map back, infer.
 *
 * Each base variable x (the terms sharing an x pointer) is replaced by
 * z = (x - c) / s.  When the model has an intercept and the group holds the
 * powers 1..K, c is the weighted mean, so z^1..z^K are far less collinear
 * than x^1..x^K (Filip's design goes from a condition number of about 1e15 to
 * about 2e3); otherwise c = 0 and the change is a pure rescaling.  Since
 * x^k = (c + s z)^k, the coefficients b of the terms as given follow from
 * the working coefficients a by the exact linear map b = N a, with
 *     b_k += a_j C(j,k) (-c)^(j-k) / s^j   (k = 0 is the intercept),
 * and their covariance is N V N'.  The map and the solution are carried in
 * long double, which keeps the cancellation in N (eight digits on Wampler5)
 * away from the figures reported.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"

static const long double PI_L = 3.141592653589793238462643383279502884L;

void caspian_regress_opts_init(struct caspian_regress_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->intercept = 1;
	o->weights = NULL;
	o->level = 0.95;
	o->se = CASPIAN_SE_CLASSIC;
	o->hac_lag = -1;
	o->bg_order = 1;
	o->rank_tol = 1e-10;
	o->max_refine = 10;
}

void regress_basis_free(struct caspian_regress_basis *b)
{
	if (!b)
		return;
	free(b->group);
	free(b->power);
	free(b->center);
	free(b->scale);
	free(b->a);
	free(b->v);
	free(b);
}

void caspian_regress_fit_free(struct caspian_regress_fit *f)
{
	if (!f)
		return;
	if (f->names)
		for (size_t j = 0; j < f->p; j++)
			free(f->names[j]);
	free(f->names);
	free(f->coef);
	free(f->se);
	free(f->tstat);
	free(f->pvalue);
	free(f->ci_low);
	free(f->ci_high);
	free(f->cov);
	free(f->fitted);
	free(f->resid);
	regress_basis_free(f->basis);
	free(f);
}

void regress_basis_row(const struct caspian_regress_basis *b, const long double *xb,
		       long double *out)
{
	size_t off = b->intercept ? 1 : 0;

	if (b->intercept)
		out[0] = 1;
	for (size_t j = 0; j < b->nterms; j++) {
		size_t g = b->group[j];
		long double z = (xb[g] - b->center[g]) / b->scale[g];
		out[off + j] = regress_ipowl(z, b->power[j]);
	}
}

/* Everything a fit needs while it is being built. */
struct build {
	size_t n, p, nterms, off;
	const double *y, *w;
	const struct caspian_regress_term *terms;
	const struct caspian_regress_opts *o;
	const double **base;  /* ngroups base arrays */
	long double *zu;      /* n x p working design, unweighted */
	long double *z;       /* n x p working design times sqrt(w) */
	long double *yw;      /* sqrt(w) y */
	long double *sw;      /* sqrt(w) */
	long double *e;       /* unweighted residuals */
	long double *ew;      /* weighted residuals */
	long double *nmap;    /* p x p: b = N a */
	long double *vs;      /* p x p covariance of the unit-length coefficients */
	struct regress_ls ls;
	struct caspian_regress_basis *b;
	struct caspian_regress_fit *f;
};

static int check_input(size_t n, const double *y, const struct caspian_regress_term *terms,
		       size_t nterms, const struct caspian_regress_opts *o,
		       struct caspian_error *err)
{
	size_t p = nterms + (o->intercept ? 1 : 0);

	if (nterms == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "the model has no regressor besides the intercept");
	if (n <= p)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "too few observations: %zu for %zu coefficients "
					 "(at least %zu needed)", n, p, p + 1);
	if (!(o->level > 0 && o->level < 1))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "confidence level %g is not between 0 and 1", o->level);
	if (o->bg_order == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "the Breusch-Godfrey order must be at least 1");
	if (!(o->rank_tol > 0 && o->rank_tol < 1))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "rank tolerance %g is not between 0 and 1", o->rank_tol);
	for (size_t i = 0; i < n; i++)
		if (!isfinite(y[i]))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "the response is not finite at observation %zu",
						 i + 1);
	for (size_t j = 0; j < nterms; j++) {
		if (terms[j].power == 0)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "term '%s' has power 0", terms[j].name);
		for (size_t i = 0; i < n; i++)
			if (!isfinite(terms[j].x[i]))
				return caspian_error_set(err, CASPIAN_EINVAL,
							 "regressor '%s' is not finite at "
							 "observation %zu", terms[j].name, i + 1);
	}
	if (o->weights)
		for (size_t i = 0; i < n; i++)
			if (!(o->weights[i] > 0) || !isfinite(o->weights[i]))
				return caspian_error_set(err, CASPIAN_EINVAL,
							 "weight %g at observation %zu is not "
							 "a finite positive number",
							 o->weights[i], i + 1);
	return CASPIAN_OK;
}

static long double weight(const struct build *bd, size_t i)
{
	return bd->w ? bd->w[i] : 1.0L;
}

/* Group the terms by base array and decide each group's centre and scale. */
static int make_groups(struct build *bd, struct caspian_error *err)
{
	struct caspian_regress_basis *b = bd->b;
	size_t nt = bd->nterms;

	for (size_t j = 0; j < nt; j++) {
		size_t g = 0;
		while (g < b->ngroups && bd->base[g] != bd->terms[j].x)
			g++;
		if (g == b->ngroups)
			bd->base[b->ngroups++] = bd->terms[j].x;
		b->group[j] = g;
		b->power[j] = bd->terms[j].power;
	}
	for (size_t g = 0; g < b->ngroups; g++) {
		const double *x = bd->base[g];
		size_t count = 0, first = nt;
		unsigned maxp = 0;
		long double sw = 0, swx = 0, c = 0, s = 0;
		int complete = 1, constant = 1;

		for (size_t j = 0; j < nt; j++) {
			if (b->group[j] != g)
				continue;
			if (first == nt)
				first = j;
			count++;
			if (b->power[j] > maxp)
				maxp = b->power[j];
			for (size_t l = 0; l < j; l++)
				if (b->group[l] == g && b->power[l] == b->power[j])
					complete = 0;
		}
		complete = complete && maxp == count;
		for (size_t i = 0; i < bd->n; i++) {
			sw += weight(bd, i);
			swx += weight(bd, i) * x[i];
			if (x[i] != x[0])
				constant = 0;
		}
		if (bd->o->intercept && constant)
			return caspian_error_set(err, CASPIAN_EDOM,
						 "regressor '%s' is constant, so it is collinear "
						 "with the intercept", bd->terms[first].name);
		if (bd->o->intercept && complete)
			c = swx / sw;
		for (size_t i = 0; i < bd->n; i++)
			if (fabsl(x[i] - c) > s)
				s = fabsl(x[i] - c);
		if (s == 0)
			return caspian_error_set(err, CASPIAN_EDOM,
						 "regressor '%s' is zero in every observation",
						 bd->terms[first].name);
		b->center[g] = c;
		b->scale[g] = s;
	}
	return CASPIAN_OK;
}

static void make_design(struct build *bd)
{
	size_t p = bd->p;

	for (size_t i = 0; i < bd->n; i++) {
		long double *row = bd->zu + i * p;
		size_t off = bd->off;

		if (bd->o->intercept)
			row[0] = 1;
		for (size_t j = 0; j < bd->nterms; j++) {
			size_t g = bd->b->group[j];
			long double z = (bd->base[g][i] - bd->b->center[g]) / bd->b->scale[g];
			row[off + j] = regress_ipowl(z, bd->b->power[j]);
		}
		bd->sw[i] = sqrtl(weight(bd, i));
		for (size_t j = 0; j < p; j++)
			bd->z[i * p + j] = bd->sw[i] * row[j];
		bd->yw[i] = bd->sw[i] * bd->y[i];
	}
}

static long double binomial(unsigned n, unsigned k)
{
	long double r = 1;
	for (unsigned i = 1; i <= k; i++)
		r = r * (n - k + i) / i;
	return r;
}

/* b = N a, from x^k = (c + s z)^k inverted: z^j = s^-j sum_k C(j,k) (-c)^(j-k) x^k. */
static void make_map(struct build *bd)
{
	const struct caspian_regress_basis *b = bd->b;
	size_t p = bd->p, off = bd->off;

	memset(bd->nmap, 0, p * p * sizeof(*bd->nmap));
	if (b->intercept)
		bd->nmap[0] = 1;
	for (size_t j = 0; j < bd->nterms; j++) {
		size_t g = b->group[j], col = off + j;
		unsigned pj = b->power[j];
		long double c = b->center[g], sj = powl(b->scale[g], pj);

		if (c == 0) {
			bd->nmap[col * p + col] = 1 / sj;
			continue;
		}
		/* centred groups hold every power 1..K, so each target column exists */
		for (unsigned k = 0; k <= pj; k++) {
			long double coef = binomial(pj, k) * powl(-c, pj - k) / sj;
			size_t row = 0;
			if (k > 0)
				for (size_t l = 0; l < bd->nterms; l++)
					if (b->group[l] == g && b->power[l] == k)
						row = off + l;
			bd->nmap[row * p + col] += coef;
		}
	}
}

static int solve(struct build *bd, struct caspian_error *err)
{
	int rc = regress_ls_alloc(&bd->ls, bd->n, bd->p);

	if (rc != CASPIAN_OK)
		return caspian_error_set(err, rc, "out of memory");
	rc = regress_ls_solve(&bd->ls, bd->z, bd->yw, bd->o->rank_tol, bd->o->max_refine);
	if (rc == REGRESS_LS_SINGULAR) {
		size_t j = bd->ls.bad_col;
		const char *name = bd->o->intercept && j == 0 ? "(intercept)"
							       : bd->terms[j - bd->off].name;
		return caspian_error_set(err, CASPIAN_EDOM,
					 "the design is singular: column '%s' is (nearly) a "
					 "linear combination of the columns before it "
					 "(relative distance below %g)", name, bd->o->rank_tol);
	}
	if (rc == REGRESS_LS_NOCONV)
		return caspian_error_set(err, CASPIAN_ENOCONV,
					 "the design is too ill-conditioned to solve accurately "
					 "(refinement did not converge in %u steps)",
					 bd->o->max_refine);
	if (rc != CASPIAN_OK)
		return caspian_error_set(err, rc, "out of memory");
	for (size_t j = 0; j < bd->p; j++)
		bd->b->a[j] = bd->ls.a[j] / bd->ls.norm[j];
	return CASPIAN_OK;
}

/* Residuals, sums of squares and the model-level figures. */
static int sums(struct build *bd, struct caspian_error *err)
{
	struct caspian_regress_fit *f = bd->f;
	size_t n = bd->n, p = bd->p;
	long double sse = 0, sst = 0, ybar = 0, sumw = 0, slogw = 0;

	for (size_t i = 0; i < n; i++) {
		long double fit = 0;
		for (size_t j = 0; j < p; j++)
			fit += bd->zu[i * p + j] * bd->b->a[j];
		bd->e[i] = bd->y[i] - fit;
		bd->ew[i] = bd->sw[i] * bd->e[i];
		f->fitted[i] = (double)fit;
		f->resid[i] = (double)bd->e[i];
		sse += bd->ew[i] * bd->ew[i];
		sumw += weight(bd, i);
		ybar += weight(bd, i) * bd->y[i];
		slogw += logl(weight(bd, i));
	}
	ybar = bd->o->intercept ? ybar / sumw : 0;
	for (size_t i = 0; i < n; i++)
		sst += weight(bd, i) * (bd->y[i] - ybar) * (bd->y[i] - ybar);
	if (sst == 0)
		return caspian_error_set(err, CASPIAN_EDOM,
					 bd->o->intercept ? "the response is constant"
							  : "the response is zero in every observation");
	f->sse = (double)sse;
	f->sst = (double)sst;
	f->df_model = (double)(p - bd->off);
	f->df_resid = (double)(n - p);
	bd->b->sigma2 = (double)(sse / (n - p));
	bd->b->df_resid = f->df_resid;
	f->sigma = sqrt(bd->b->sigma2);
	f->r2 = (double)(1 - sse / sst);
	f->adj_r2 = (double)(1 - (sse / sst) * (long double)(n - bd->off) / (n - p));
	f->fstat = sse > 0 ? (double)(((sst - sse) / f->df_model) / (sse / (n - p))) : INFINITY;
	f->f_pvalue = gsl_cdf_fdist_Q(f->fstat, f->df_model, f->df_resid);
	if (sse > 0)
		f->loglik = (double)(0.5L * slogw -
				     0.5L * n * (logl(2 * PI_L) + logl(sse / n) + 1));
	else
		f->loglik = INFINITY;
	f->aic = -2 * f->loglik + 2.0 * (double)(p + 1);
	f->bic = -2 * f->loglik + log((double)n) * (double)(p + 1);
	return CASPIAN_OK;
}

/* The covariance of the unit-length coefficients, classic or robust. */
static int covariance(struct build *bd, long *lag_used)
{
	size_t n = bd->n, p = bd->p;
	const long double *ri = bd->ls.rinv;
	long double *m = NULL;
	long double scale = bd->b->sigma2;

	*lag_used = 0;
	if (bd->o->se == CASPIAN_SE_CLASSIC) {
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < p; j++) {
				long double s = 0;
				for (size_t l = i > j ? i : j; l < p; l++)
					s += ri[i * p + l] * ri[j * p + l];
				bd->vs[i * p + j] = scale * s;
			}
		return CASPIAN_OK;
	}
	if (bd->o->se == CASPIAN_SE_HAC)
		*lag_used = bd->o->hac_lag >= 0 ? bd->o->hac_lag
			  : (long)floor(4 * pow((double)n / 100, 2.0 / 9));
	m = malloc(p * p * sizeof(*m));
	if (!m)
		return CASPIAN_ENOMEM;
	regress_robust_meat(&bd->ls, bd->z, bd->ew, *lag_used, m);
	scale = (long double)n / (n - p);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++) {
			long double s = 0;
			for (size_t k = i; k < p; k++)
				for (size_t l = j; l < p; l++)
					s += ri[i * p + k] * m[k * p + l] * ri[j * p + l];
			bd->vs[i * p + j] = scale * s;
		}
	free(m);
	return CASPIAN_OK;
}

/* Cholesky solve of the k x k block v (long double, in place); returns x' v^-1 x
 * or NaN when v is not positive definite. */
static double quad_form_inverse(long double *v, const long double *x, size_t k, size_t ld)
{
	long double *y = malloc(k * sizeof(*y));
	long double q = 0;

	if (!y)
		return NAN;
	for (size_t j = 0; j < k; j++) {
		long double d = v[j * ld + j];
		for (size_t l = 0; l < j; l++)
			d -= v[j * ld + l] * v[j * ld + l];
		if (!(d > 0)) {
			free(y);
			return NAN;
		}
		v[j * ld + j] = sqrtl(d);
		for (size_t i = j + 1; i < k; i++) {
			long double s = v[i * ld + j];
			for (size_t l = 0; l < j; l++)
				s -= v[i * ld + l] * v[j * ld + l];
			v[i * ld + j] = s / v[j * ld + j];
		}
	}
	for (size_t i = 0; i < k; i++) {
		long double s = x[i];
		for (size_t l = 0; l < i; l++)
			s -= v[i * ld + l] * y[l];
		y[i] = s / v[i * ld + i];
		q += y[i] * y[i];
	}
	free(y);
	return (double)q;
}

/* Coefficients, covariance, t, p and intervals in the terms as given. */
static int inference(struct build *bd)
{
	struct caspian_regress_fit *f = bd->f;
	struct caspian_regress_basis *b = bd->b;
	size_t p = bd->p, off = bd->off, k = p - off;
	const long double *nm = bd->nmap;
	long double *tmp = malloc(p * p * sizeof(*tmp));

	if (!tmp)
		return CASPIAN_ENOMEM;
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
			b->v[i * p + j] = bd->vs[i * p + j] / (bd->ls.norm[i] * bd->ls.norm[j]);
	for (size_t i = 0; i < p; i++) {
		long double s = 0;
		for (size_t j = 0; j < p; j++)
			s += nm[i * p + j] * b->a[j];
		f->coef[i] = (double)s;
		for (size_t j = 0; j < p; j++) {
			long double t = 0;
			for (size_t l = 0; l < p; l++)
				t += nm[i * p + l] * b->v[l * p + j];
			tmp[i * p + j] = t;
		}
	}
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++) {
			long double s = 0;
			for (size_t l = 0; l < p; l++)
				s += tmp[i * p + l] * nm[j * p + l];
			f->cov[i * p + j] = (double)s;
		}
	f->tcrit = gsl_cdf_tdist_Qinv((1 - f->level) / 2, f->df_resid);
	for (size_t i = 0; i < p; i++) {
		f->se[i] = sqrt(f->cov[i * p + i] > 0 ? f->cov[i * p + i] : 0);
		if (f->se[i] > 0) {
			f->tstat[i] = f->coef[i] / f->se[i];
			f->pvalue[i] = 2 * gsl_cdf_tdist_Q(fabs(f->tstat[i]), f->df_resid);
		} else {
			f->tstat[i] = f->coef[i] == 0 ? 0 : copysign(INFINITY, f->coef[i]);
			f->pvalue[i] = f->coef[i] == 0 ? 1 : 0;
		}
		f->ci_low[i] = f->coef[i] - f->tcrit * f->se[i];
		f->ci_high[i] = f->coef[i] + f->tcrit * f->se[i];
	}
	/* The Wald test of all slopes is invariant under the reparametrisation,
	 * which leaves the slope block closed, so it is done on a. */
	if (f->se_type == CASPIAN_SE_CLASSIC) {
		f->wald_f = f->fstat;
	} else {
		for (size_t i = 0; i < k; i++)
			for (size_t j = 0; j < k; j++)
				tmp[i * k + j] = b->v[(off + i) * p + off + j];
		f->wald_f = quad_form_inverse(tmp, b->a + off, k, k) / (double)k;
	}
	f->wald_f_pvalue = isnan(f->wald_f) ? NAN
			   : gsl_cdf_fdist_Q(f->wald_f, (double)k, f->df_resid);
	free(tmp);
	return CASPIAN_OK;
}

static int diagnostics(struct build *bd)
{
	struct caspian_regress_fit *f = bd->f;
	size_t n = bd->n, p = bd->p;
	long double *raw = malloc(n * p * sizeof(*raw));
	int rc;

	if (!raw)
		return CASPIAN_ENOMEM;
	f->dw = regress_durbin_watson(bd->ew, n);
	regress_moments(bd->ew, n, &f->skewness, &f->kurtosis);
	f->jb = (double)n / 6 * (f->skewness * f->skewness +
				 (f->kurtosis - 3) * (f->kurtosis - 3) / 4);
	f->jb_pvalue = isnan(f->jb) ? NAN : gsl_cdf_chisq_Q(f->jb, 2);
	f->bg_order = bd->o->bg_order;
	rc = regress_breusch_godfrey(bd->z, bd->ew, n, p, f->bg_order, &f->bg);
	if (rc == CASPIAN_OK)
		f->bg_pvalue = isnan(f->bg) ? NAN : gsl_cdf_chisq_Q(f->bg, (double)f->bg_order);
	/* the design as given, rows weighted, for the condition number */
	for (size_t i = 0; i < n && rc == CASPIAN_OK; i++) {
		if (bd->off)
			raw[i * p] = bd->sw[i];
		for (size_t j = 0; j < bd->nterms; j++)
			raw[i * p + bd->off + j] =
				bd->sw[i] * regress_ipowl(bd->terms[j].x[i], bd->terms[j].power);
	}
	if (rc == CASPIAN_OK)
		rc = regress_condition(raw, n, p, &f->cond);
	free(raw);
	return rc;
}

static int alloc_build(struct build *bd)
{
	size_t n = bd->n, p = bd->p, nt = bd->nterms;
	struct caspian_regress_fit *f = calloc(1, sizeof(*f));
	struct caspian_regress_basis *b = calloc(1, sizeof(*b));

	bd->f = f;
	bd->b = b;
	if (!f || !b)
		return CASPIAN_ENOMEM;
	f->basis = b;
	f->p = p;
	f->names = calloc(p, sizeof(*f->names));
	f->coef = malloc(p * sizeof(double));
	f->se = malloc(p * sizeof(double));
	f->tstat = malloc(p * sizeof(double));
	f->pvalue = malloc(p * sizeof(double));
	f->ci_low = malloc(p * sizeof(double));
	f->ci_high = malloc(p * sizeof(double));
	f->cov = malloc(p * p * sizeof(double));
	f->fitted = malloc(n * sizeof(double));
	f->resid = malloc(n * sizeof(double));
	b->group = malloc(nt * sizeof(*b->group));
	b->power = malloc(nt * sizeof(*b->power));
	b->center = malloc(nt * sizeof(*b->center));
	b->scale = malloc(nt * sizeof(*b->scale));
	b->a = malloc(p * sizeof(*b->a));
	b->v = malloc(p * p * sizeof(*b->v));
	bd->base = malloc(nt * sizeof(*bd->base));
	bd->zu = malloc(n * p * sizeof(long double));
	bd->z = malloc(n * p * sizeof(long double));
	bd->yw = malloc(n * sizeof(long double));
	bd->sw = malloc(n * sizeof(long double));
	bd->e = malloc(n * sizeof(long double));
	bd->ew = malloc(n * sizeof(long double));
	bd->nmap = malloc(p * p * sizeof(long double));
	bd->vs = malloc(p * p * sizeof(long double));
	if (!f->names || !f->coef || !f->se || !f->tstat || !f->pvalue || !f->ci_low ||
	    !f->ci_high || !f->cov || !f->fitted || !f->resid || !b->group || !b->power ||
	    !b->center || !b->scale || !b->a || !b->v || !bd->base || !bd->zu || !bd->z ||
	    !bd->yw || !bd->sw || !bd->e || !bd->ew || !bd->nmap || !bd->vs)
		return CASPIAN_ENOMEM;
	for (size_t j = 0; j < p; j++) {
		const char *name = bd->off && j == 0 ? "(intercept)" : bd->terms[j - bd->off].name;
		size_t len = strlen(name ? name : "") + 1;
		f->names[j] = malloc(len);
		if (!f->names[j])
			return CASPIAN_ENOMEM;
		memcpy(f->names[j], name ? name : "", len);
	}
	return CASPIAN_OK;
}

static void free_build(struct build *bd)
{
	free(bd->base);
	free(bd->zu);
	free(bd->z);
	free(bd->yw);
	free(bd->sw);
	free(bd->e);
	free(bd->ew);
	free(bd->nmap);
	free(bd->vs);
	regress_ls_free(&bd->ls);
}

int caspian_regress_fit(size_t n, const double *y, const struct caspian_regress_term *terms,
			size_t nterms, const struct caspian_regress_opts *o,
			struct caspian_regress_fit **out, struct caspian_error *err)
{
	struct caspian_regress_opts defaults;
	struct build bd;
	long lag = 0;
	int rc;

	if (!o) {
		caspian_regress_opts_init(&defaults);
		o = &defaults;
	}
	rc = check_input(n, y, terms, nterms, o, err);
	if (rc != CASPIAN_OK)
		return rc;
	memset(&bd, 0, sizeof(bd));
	bd.n = n;
	bd.y = y;
	bd.w = o->weights;
	bd.terms = terms;
	bd.nterms = nterms;
	bd.o = o;
	bd.off = o->intercept ? 1 : 0;
	bd.p = nterms + bd.off;
	rc = alloc_build(&bd);
	if (rc != CASPIAN_OK) {
		caspian_error_set(err, rc, "out of memory");
		goto fail;
	}
	bd.f->n = n;
	bd.f->intercept = bd.b->intercept = o->intercept ? 1 : 0;
	bd.f->level = o->level;
	bd.f->se_type = o->se;
	bd.b->nterms = nterms;
	bd.b->p = bd.p;
	rc = make_groups(&bd, err);
	if (rc != CASPIAN_OK)
		goto fail;
	make_design(&bd);
	make_map(&bd);
	rc = solve(&bd, err);
	if (rc != CASPIAN_OK)
		goto fail;
	bd.f->refine_steps = bd.ls.steps;
	rc = sums(&bd, err);
	if (rc != CASPIAN_OK)
		goto fail;
	rc = covariance(&bd, &lag);
	if (rc == CASPIAN_OK)
		rc = inference(&bd);
	if (rc == CASPIAN_OK)
		rc = diagnostics(&bd);
	if (rc != CASPIAN_OK) {
		caspian_error_set(err, rc, "out of memory");
		goto fail;
	}
	bd.f->hac_lag = lag;
	free_build(&bd);
	*out = bd.f;
	return CASPIAN_OK;
fail:
	free_build(&bd);
	if (bd.f)
		caspian_regress_fit_free(bd.f);
	else
		regress_basis_free(bd.b);
	return rc;
}
