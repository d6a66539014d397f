/*
 * arima_fit.c - estimation of one ARIMA order: conditional sum of squares
 * (CSS) for starting values, then exact maximum likelihood.
 *
 * Both criteria are sums of squares, so both are minimised by GSL's
 * trust-region Levenberg-Marquardt solver (gsl_multifit_nlinear) with a
 * forward-difference Jacobian.  For CSS the residuals are the conditional
 * innovations.  For the exact likelihood, concentrated over sigma2,
 *
 *     -2 loglik / n = log(S / n) + (1/n) sum log F_t + const,
 *     S = sum v_t^2 / F_t,
 *
 * is monotone in sum_t e_t^2 with e_t = (v_t / sqrt F_t) (prod_s F_s)^(1/2n),
 * the "exact least squares" form of the likelihood; Gauss-Newton steps on
 * it are close to Fisher scoring and converge in a few iterations, where a
 * quasi-Newton method on numerical gradients needs several times as many
 * likelihood evaluations.
 *
 * The mean or drift is not a parameter of the optimiser: for given ARMA
 * coefficients the innovations are linear in it, so the filters carry the
 * regressor along and its generalised-least-squares value is profiled out
 * (exactly the maximiser of the likelihood over it).  The remaining
 * parameters follow R's arima(): AR and seasonal AR coefficients are
 * estimated through tanh of their partial autocorrelations (always
 * stationary), MA coefficients directly, and MA roots inside the unit circle
 * are flipped after the fit, which leaves the likelihood unchanged.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_multifit_nlinear.h>

#include "forecast/arima_internal.h"

/* Objective value standing for "cannot be evaluated" (R uses DBL_MAX). */
#define LIK_FAIL 1e10

struct lik_ctx {
	const struct cx_arima_spec *spec;
	struct cx_arima_ws *ws;
	int k;                    /* number of ARMA parameters */
	double *w, *xw;           /* differenced series and regressor (xw NULL: none) */
	size_t nw;
	double *y, *xr;           /* undifferenced, for the full filter */
	size_t n;
	int full;                 /* use the R-style filter (missing values) */
	int css;                  /* conditional sum of squares instead of likelihood */
	int trans;                /* AR blocks given as atanh of partial autocorrelations */
	size_t ncond;
	double *coef, *xs;        /* scratch, k each */
	double *fs;               /* scratch residuals, n */
	double *rw, *rx;          /* standardised innovations of data and regressor */
	double beta, ssq, sumlog; /* outputs of the last evaluation */
	size_t nu;
	void *mem;
};

static void par_to_coef(const struct cx_arima_spec *s, const double *par, int trans,
			double *coef)
{
	memcpy(coef, par, (size_t)cx_arima_ncoef(s) * sizeof(double));
	if (trans) {
		cx_arima_partrans((size_t)s->p, par, coef);
		size_t off = (size_t)s->p + (size_t)s->q;
		cx_arima_partrans((size_t)s->P, par + off, coef + off);
	}
}

/* Number of residuals of the least-squares form. */
static size_t nresid(const struct lik_ctx *c)
{
	if (c->css)
		return c->nw > c->ncond ? c->nw - c->ncond : 0;
	return c->full ? c->n : c->nw;
}

/*
 * The criterion at par: 0.5 log(S / nu) for CSS, plus 0.5 sum log F_t / nu
 * for the likelihood.  When res != NULL the nresid() residuals whose sum of
 * squares is monotone in it are stored too.  Returns LIK_FAIL when the
 * model cannot be evaluated there.
 */
static double lik_eval(const double *par, struct lik_ctx *c, double *res)
{
	struct cx_arima_ws *ws = c->ws;
	struct cx_arima_sums s;
	par_to_coef(c->spec, par, c->trans, c->coef);
	cx_arima_expand(c->spec, c->coef, ws);
	double obj, scale = 1;
	const double *ew, *ex;
	size_t off = 0;
	int has_x;
	if (c->css) {
		cx_arima_css(ws, c->w, c->xw, c->nw, c->ncond, &s);
		if (s.nu == 0)
			return LIK_FAIL;
		has_x = c->xw != NULL;
		cx_arima_profile(&s, has_x, &c->beta, &c->ssq);
		obj = 0.5 * log(c->ssq / (double)s.nu);
		ew = ws->ew;
		ex = ws->ex;
		off = c->ncond;
	} else {
		if (cx_arima_acov(ws) != 0)
			return LIK_FAIL;
		double *rw = res ? c->rw : NULL, *rx = res ? c->rx : NULL;
		int st = c->full ? cx_arima_like_full(ws, c->y, c->xr, c->n, NULL, rw, rx, &s)
				 : cx_arima_like_fast(ws, c->w, c->xw, c->nw, rw, rx, &s);
		if (st != 0 || s.nu == 0)
			return LIK_FAIL;
		has_x = (c->full ? c->xr : c->xw) != NULL;
		cx_arima_profile(&s, has_x, &c->beta, &c->ssq);
		obj = 0.5 * (log(c->ssq / (double)s.nu) + s.sumlog / (double)s.nu);
		scale = exp(0.5 * s.sumlog / (double)s.nu);
		ew = c->rw;
		ex = c->rx;
	}
	c->sumlog = s.sumlog;
	c->nu = s.nu;
	if (isnan(obj))
		return LIK_FAIL;
	if (res) {
		size_t nr = nresid(c);
		for (size_t t = 0; t < nr; t++) {
			double e = ew[off + t] - (has_x ? c->beta * ex[off + t] : 0);
			res[t] = isnan(e) ? 0 : e * scale;
		}
	}
	return obj;
}

static int lsq_f(const gsl_vector *x, void *p, gsl_vector *f)
{
	struct lik_ctx *c = p;
	/* x and f may be strided views (GSL's finite-difference Jacobian
	 * writes into matrix columns) */
	double *xp = c->xs, *fp = f->stride == 1 ? f->data : c->fs;
	for (size_t i = 0; i < x->size; i++)
		xp[i] = gsl_vector_get(x, i);
	if (lik_eval(xp, c, fp) >= LIK_FAIL) {
		/* a large residual makes the trust region reject the step */
		for (size_t i = 0; i < f->size; i++)
			fp[i] = LIK_FAIL;
	}
	if (fp != f->data)
		for (size_t i = 0; i < f->size; i++)
			gsl_vector_set(f, i, fp[i]);
	return GSL_SUCCESS;
}

/*
 * Minimise the criterion from par (updated in place) by Levenberg-Marquardt.
 * Returns 1 when a convergence test passed, 0 when the iteration limit was
 * reached or no step could reduce the sum of squares any more (the point
 * is then still the best found), -1 on allocation failure.
 */
static int minimize(struct lik_ctx *c, double *par, int maxit, double *fval)
{
	size_t k = (size_t)c->k, nr = nresid(c);
	if (k == 0 || nr < k) {
		*fval = lik_eval(par, c, NULL);
		return k == 0;
	}
	gsl_multifit_nlinear_parameters prm = gsl_multifit_nlinear_default_parameters();
	gsl_multifit_nlinear_workspace *w =
		gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &prm, nr, k);
	if (!w)
		return -1;
	gsl_multifit_nlinear_fdf fdf = {0};
	fdf.f = lsq_f;
	fdf.df = NULL; /* forward differences */
	fdf.n = nr;
	fdf.p = k;
	fdf.params = c;
	gsl_vector_view x0 = gsl_vector_view_array(par, k);
	int converged = 0;
	if (gsl_multifit_nlinear_init(&x0.vector, &fdf, w) == GSL_SUCCESS) {
		double chi = gsl_blas_dnrm2(gsl_multifit_nlinear_residual(w));
		for (int it = 0; it < maxit; it++) {
			int st = gsl_multifit_nlinear_iterate(w);
			if (st != GSL_SUCCESS) {
				/* no step reduces the sum of squares: a minimum as far
				 * as the finite-difference Jacobian can tell */
				converged = st == GSL_ENOPROG;
				break;
			}
			double chi1 = gsl_blas_dnrm2(gsl_multifit_nlinear_residual(w));
			int info;
			/* criterion 0.5 log S changed by less than 1e-8 (R optim's reltol
			 * for a criterion of order one), or the step
			 * or scaled gradient is negligible */
			if (chi - chi1 <= 1e-8 * chi ||
			    gsl_multifit_nlinear_test(1e-8, 1e-8, 0, &info, w) == GSL_SUCCESS) {
				converged = 1;
				break;
			}
			chi = chi1;
		}
	}
	memcpy(par, gsl_multifit_nlinear_position(w)->data, k * sizeof(double));
	gsl_multifit_nlinear_free(w);
	*fval = lik_eval(par, c, NULL);
	if (*fval >= LIK_FAIL)
		converged = 0;
	return converged;
}

static void ctx_release(struct lik_ctx *c)
{
	cx_arima_ws_free(c->ws);
	free(c->mem);
	memset(c, 0, sizeof(*c));
}

/* Set up differenced data and scratch for spec; returns 0 or -1 (memory). */
static int ctx_setup(struct lik_ctx *c, const struct cx_arima_data *data,
		     const struct cx_arima_spec *spec, const struct cx_arima_fitopts *fo)
{
	memset(c, 0, sizeof(*c));
	c->spec = spec;
	c->k = cx_arima_ncoef(spec);
	size_t n = data->n, k = (size_t)c->k;
	c->ws = cx_arima_ws_alloc(spec, n);
	c->mem = malloc((7 * n + 2 * k + 1) * sizeof(double));
	if (!c->ws || !c->mem) {
		ctx_release(c);
		return -1;
	}
	double *q = c->mem;
	c->y = q; q += n;
	c->xr = q; q += n;
	c->w = q; q += n;
	c->xw = q; q += n;
	c->rw = q; q += n;
	c->rx = q; q += n;
	c->fs = q; q += n;
	c->xs = q; q += k;
	c->coef = q;
	c->n = n;
	int m = spec->m > 1 ? spec->m : 1;
	int has_reg = spec->reg != CX_REG_NONE;
	for (size_t t = 0; t < n; t++) {
		c->xr[t] = spec->reg == CX_REG_DRIFT ? (double)(t + 1) : 1.0;
		c->y[t] = data->y[t];
		if (has_reg && fo->fix_beta)
			c->y[t] -= fo->beta * c->xr[t];
	}
	c->nw = cx_arima_diff(c->y, n, spec->d, spec->D, m, c->w);
	cx_arima_diff(c->xr, n, spec->d, spec->D, m, c->xw);
	if (!has_reg || fo->fix_beta) {
		c->xr = NULL;
		c->xw = NULL;
	}
	c->full = data->has_nan;
	c->ncond = (size_t)spec->p + (size_t)m * (size_t)spec->P;
	return 0;
}

void cx_arima_result_release(struct cx_arima_result *res)
{
	free(res->coef);
	res->coef = NULL;
	res->raw = NULL;
}

static void set_criteria(struct cx_arima_result *res, enum caspian_arima_ic ic)
{
	double k = res->npar, ns = (double)res->nstar;
	if (isnan(res->aic)) {
		res->aicc = res->bic = res->ic = INFINITY;
		res->aic = INFINITY;
		return;
	}
	res->aicc = ns - k - 1 > 0 ? res->aic + 2 * k * (k + 1) / (ns - k - 1) : INFINITY;
	res->bic = res->aic + k * (log(ns) - 2);
	res->ic = ic == CASPIAN_ARIMA_AIC ? res->aic : ic == CASPIAN_ARIMA_BIC ? res->bic : res->aicc;
}

/* Split the parameter vector into its AR and MA blocks for checks. */
static int ar_blocks_stationary(const struct cx_arima_spec *s, const double *coef)
{
	size_t off = (size_t)s->p + (size_t)s->q;
	return cx_arima_ar_stationary((size_t)s->p, coef) &&
	       cx_arima_ar_stationary((size_t)s->P, coef + off);
}

int cx_arima_estimate(const struct cx_arima_data *data, const struct cx_arima_spec *spec,
		      const struct cx_arima_fitopts *fo, struct cx_arima_result *res,
		      struct caspian_error *err)
{
	memset(res, 0, sizeof(*res));
	res->spec = *spec;
	res->ic = res->aic = res->aicc = res->bic = INFINITY;
	res->loglik = -INFINITY;
	int m = spec->m > 1 ? spec->m : 1;
	size_t nd = (size_t)spec->d + (size_t)m * (size_t)spec->D;
	int k = cx_arima_ncoef(spec);
	res->npar = k + (spec->reg != CX_REG_NONE && !fo->fix_beta) + 1;
	if (data->nobs <= nd || data->n <= nd)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "%zu observations leave nothing after %zu differences",
					 data->nobs, nd);
	size_t nused = data->nobs - nd;
	res->nstar = nused;
	res->coef = calloc(2 * (size_t)k + 1, sizeof(double));
	if (!res->coef)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	res->raw = res->coef + k;
	struct lik_ctx c;
	if (ctx_setup(&c, data, spec, fo) != 0) {
		cx_arima_result_release(res);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	double *par = res->raw, fval;
	memset(par, 0, (size_t)k * sizeof(double));
	if (!data->has_nan && (k > 0 || fo->css_only)) {
		c.css = 1;
		c.trans = 0;
		if (c.nw <= c.ncond) {
			ctx_release(&c);
			return CASPIAN_OK; /* no residual to condition on: not estimable */
		}
		int conv = minimize(&c, par, fo->maxit, &fval);
		if (conv < 0)
			goto nomem;
		if (fo->css_only) {
			if (fval >= LIK_FAIL)
				goto done;
			memcpy(res->coef, par, (size_t)k * sizeof(double));
			res->beta = fo->fix_beta ? fo->beta : c.beta;
			res->sigma2_ml = c.ssq / (double)c.nu;
			res->loglik = -0.5 * (2 * (double)nused * fval + (double)nused +
					      (double)nused * log(2 * M_PI));
			res->aic = fo->offset + (double)nused * log(res->sigma2_ml) + 2 * res->npar;
			set_criteria(res, fo->ic);
			res->ok = isfinite(res->ic);
			goto done;
		}
		if (!conv)
			memset(par, 0, (size_t)k * sizeof(double)); /* as R: keep the zero start */
	}
	if (!ar_blocks_stationary(spec, par)) {
		if (fo->skip_nonstationary_css)
			goto done;
		memset(par, 0, (size_t)k * sizeof(double));
	}
	/* to the optimiser's parameterisation */
	{
		double tmp[k > 0 ? k : 1];
		size_t off = (size_t)spec->p + (size_t)spec->q;
		memcpy(tmp, par, (size_t)k * sizeof(double));
		cx_arima_invpartrans((size_t)spec->p, tmp, par);
		cx_arima_invpartrans((size_t)spec->P, tmp + off, par + off);
		if (cx_arima_ma_invert((size_t)spec->q, par + spec->p) != 0 ||
		    cx_arima_ma_invert((size_t)spec->Q, par + off + spec->P) != 0)
			memset(par, 0, (size_t)k * sizeof(double));
	}
	c.css = 0;
	c.trans = 1;
	if (minimize(&c, par, fo->maxit, &fval) < 0)
		goto nomem;
	/* flip non-invertible MA parts; the exact likelihood does not change */
	{
		size_t off = (size_t)spec->p + (size_t)spec->q;
		if (cx_arima_ma_invert((size_t)spec->q, par + spec->p) != 0 ||
		    cx_arima_ma_invert((size_t)spec->Q, par + off + spec->P) != 0)
			goto done;
	}
	fval = lik_eval(par, &c, NULL);
	if (fval >= LIK_FAIL)
		goto done;
	par_to_coef(spec, par, 1, res->coef);
	res->beta = fo->fix_beta ? fo->beta : c.beta;
	res->sigma2_ml = c.ssq / (double)c.nu;
	res->loglik = -0.5 * (2 * (double)nused * fval + (double)nused +
			      (double)nused * log(2 * M_PI));
	res->aic = -2 * res->loglik + 2 * res->npar;
	set_criteria(res, fo->ic);
	res->ok = !isnan(res->ic);
	if (isinf(res->loglik) && res->loglik > 0) {
		/* a perfect fit (fixed drift through constant differences) */
		res->aic = res->aicc = res->bic = res->ic = -INFINITY;
		res->ok = 1;
	}
done:
	ctx_release(&c);
	return CASPIAN_OK;
nomem:
	ctx_release(&c);
	cx_arima_result_release(res);
	return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
}

/*
 * R's checks in forecast:::myarima: a root of the AR or MA polynomial within
 * 1.01 of the unit circle, or a coefficient whose estimated variance (from
 * the numerical Hessian of the objective, as optim(hessian = TRUE) computes
 * it with steps of 1e-3) is negative or NaN, disqualifies the model.
 */
int cx_arima_reject(const struct cx_arima_data *data, const struct cx_arima_result *res,
		    const struct cx_arima_fitopts *fo)
{
	const struct cx_arima_spec *spec = &res->spec;
	int k = cx_arima_ncoef(spec);
	struct lik_ctx c;
	if (ctx_setup(&c, data, spec, fo) != 0)
		return 1;
	int reject = 0;
	cx_arima_expand(spec, res->coef, c.ws);
	double minroot = 2;
	if (spec->p + spec->P > 0) {
		double r = cx_arima_min_root(c.ws->pf, c.ws->phi, -1);
		if (r < 0)
			reject = 1;
		else if (r < minroot)
			minroot = r;
	}
	if (!reject && spec->q + spec->Q > 0) {
		double r = cx_arima_min_root(c.ws->qf, c.ws->rv + 1, 1);
		if (r < 0)
			reject = 1;
		else if (r < minroot)
			minroot = r;
	}
	if (reject || minroot < 1.01 || k == 0) {
		ctx_release(&c);
		return reject || minroot < 1.01;
	}
	c.css = fo->css_only;
	c.trans = !fo->css_only;
	size_t kk = (size_t)k;
	double x[kk], H[kk * kk], A[kk * kk], f0;
	memcpy(x, res->raw, kk * sizeof(double));
	if (fo->css_only)
		memcpy(x, res->coef, kk * sizeof(double));
	f0 = lik_eval(x, &c, NULL);
	const double h = 1e-3;
	for (size_t i = 0; i < kk && !reject; i++) {
		for (size_t j = i; j < kk; j++) {
			double v;
			if (i == j) {
				x[i] += 2 * h;
				double fp = lik_eval(x, &c, NULL);
				x[i] -= 4 * h;
				double fm = lik_eval(x, &c, NULL);
				x[i] += 2 * h;
				v = (fp - 2 * f0 + fm) / (4 * h * h);
			} else {
				double f[4];
				for (int s = 0; s < 4; s++) {
					x[i] += (s & 1) ? -h : h;
					x[j] += (s & 2) ? -h : h;
					f[s] = lik_eval(x, &c, NULL);
					x[i] -= (s & 1) ? -h : h;
					x[j] -= (s & 2) ? -h : h;
				}
				v = (f[0] - f[1] - f[2] + f[3]) / (4 * h * h);
			}
			if (!isfinite(v))
				reject = 1;
			H[i * kk + j] = H[j * kk + i] = v;
		}
	}
	/* Jacobian of the parameter transformation, forward differences */
	memset(A, 0, sizeof(A));
	for (size_t i = 0; i < kk; i++)
		A[i * kk + i] = 1;
	if (!fo->css_only) {
		size_t blocks[2][2] = {{0, (size_t)spec->p},
				       {(size_t)spec->p + (size_t)spec->q, (size_t)spec->P}};
		for (int b = 0; b < 2; b++) {
			size_t off = blocks[b][0], len = blocks[b][1];
			if (len == 0)
				continue;
			double w1[len], w2[len], rr[len];
			memcpy(rr, x + off, len * sizeof(double));
			cx_arima_partrans(len, rr, w1);
			for (size_t i = 0; i < len; i++) {
				rr[i] += 1e-3;
				cx_arima_partrans(len, rr, w2);
				rr[i] -= 1e-3;
				for (size_t j = 0; j < len; j++)
					A[(off + i) * kk + off + j] = (w2[j] - w1[j]) / 1e-3;
			}
		}
	}
	if (!reject) {
		gsl_matrix_view hv = gsl_matrix_view_array(H, kk, kk);
		gsl_permutation *perm = gsl_permutation_alloc(kk);
		gsl_matrix *inv = gsl_matrix_alloc(kk, kk);
		int signum;
		if (!perm || !inv || gsl_linalg_LU_decomp(&hv.matrix, perm, &signum) != GSL_SUCCESS) {
			reject = 1;
		} else {
			for (size_t i = 0; i < kk && !reject; i++)
				if (gsl_matrix_get(&hv.matrix, i, i) == 0)
					reject = 1;
			if (!reject && gsl_linalg_LU_invert(&hv.matrix, perm, inv) != GSL_SUCCESS)
				reject = 1;
		}
		for (size_t j = 0; j < kk && !reject; j++) {
			double v = 0;
			for (size_t i = 0; i < kk; i++)
				for (size_t l = 0; l < kk; l++)
					v += A[i * kk + j] * gsl_matrix_get(inv, i, l) * A[l * kk + j];
			if (!(v >= 0))
				reject = 1;
		}
		if (perm)
			gsl_permutation_free(perm);
		if (inv)
			gsl_matrix_free(inv);
	}
	ctx_release(&c);
	return reject;
}
