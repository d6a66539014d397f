/*
 * arima_fit.c - estimation of one ARIMA order, in the manner of R's
 * stats::arima(method = "CSS-ML") as called by forecast::Arima:
 *
 *  1. conditional sum of squares (CSS): minimise 0.5 log(S/nu) over the ARMA
 *     coefficients (untransformed, from zero) and the mean or drift (from its
 *     least-squares value), S the sum of squared conditional innovations
 *     after the first p + mP differenced values;
 *  2. if CSS converged its estimates are the start, otherwise zero; a
 *     non-stationary AR part at the start disqualifies the model in an
 *     automatic search (R's "non-stationary AR part from CSS") and restarts a
 *     fixed-order fit from zero;
 *  3. exact maximum likelihood, concentrated over sigma2:
 *     minimise 0.5 (log(S/nu) + (1/nu) sum log F_t) with the Kalman filter's
 *     innovations v_t and variances F_t, S = sum v_t^2 / F_t.  AR blocks are
 *     estimated through the atanh of their partial autocorrelations (always
 *     stationary), MA coefficients directly; afterwards MA roots inside the
 *     unit circle are reflected, which leaves the exact likelihood unchanged.
 *
 * Both stages use the variable-metric (BFGS) method of R's optim(): Nash
 * (1990), Algorithm 21, with central-difference gradients.  The likelihood
 * surfaces of ARMA models are often multimodal, and an automatic search
 * depends on where its optimiser stops (CSS estimates that are
 * non-stationary, maxima at an MA unit root that the search then rejects),
 * so the same method and settings make the same model choices as
 * auto.arima.  GSL's quasi-Newton and Levenberg-Marquardt solvers reach
 * other optima on some series; see docs/methods-arima.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>

#include "forecast/arima_internal.h"

/* Criterion value standing for "cannot be evaluated" (R uses DBL_MAX). */
#define LIK_FAIL 1e10

struct lik_ctx {
	const struct cx_arima_spec *spec;
	struct cx_arima_ws *ws;
	int k;              /* number of ARMA coefficients */
	int kopt;           /* parameters optimised: k, plus the regression coefficient */
	int css;            /* conditional sum of squares instead of the likelihood */
	int trans;          /* AR blocks given as atanh of partial autocorrelations */
	int full;           /* use the R-style filter (missing values) */
	size_t n, nw, ncond;
	double *y, *w;      /* data (less a fixed regression) and its differences */
	double *xr, *xw;    /* regressor and its differences; NULL without one */
	double *yc, *wc;    /* scratch: data less the current regression */
	double *coef;       /* scratch: k coefficients */
	double beta0;       /* least-squares regression coefficient (the start) */
	double beta_scale;  /* R's parscale for it: 10 standard errors */
	double ssq;         /* S of the last evaluation */
	size_t nu;          /* innovations in it */
	void *mem;
};

/* Offsets and lengths of the ar, ma, sar and sma blocks. */
static void blocks(const struct cx_arima_spec *s, size_t off[4], size_t len[4])
{
	len[0] = (size_t)s->p;
	len[1] = (size_t)s->q;
	len[2] = (size_t)s->P;
	len[3] = (size_t)s->Q;
	off[0] = 0;
	for (int b = 1; b < 4; b++)
		off[b] = off[b - 1] + len[b - 1];
}

/* Coefficients from optimiser parameters: AR blocks through partrans. */
static void par_to_coef(const struct cx_arima_spec *s, const double *par, int trans,
			double *coef)
{
	memcpy(coef, par, (size_t)cx_arima_ncoef(s) * sizeof(double));
	if (!trans)
		return;
	size_t off[4], len[4];
	blocks(s, off, len);
	cx_arima_partrans(len[0], par + off[0], coef + off[0]);
	cx_arima_partrans(len[2], par + off[2], coef + off[2]);
}

/*
 * Optimiser parameters from coefficients: MA blocks made invertible, AR
 * blocks to atanh of partial autocorrelations.  Returns 0, or -1 when a
 * block cannot be mapped (a non-stationary AR block, or MA roots that
 * cannot be found).
 */
static int coef_to_par(const struct cx_arima_spec *s, const double *coef, double *par)
{
	size_t off[4], len[4];
	blocks(s, off, len);
	memcpy(par, coef, (size_t)cx_arima_ncoef(s) * sizeof(double));
	for (int b = 0; b < 4; b++) {
		if (len[b] == 0)
			continue;
		if (b == 1 || b == 3) {
			if (cx_arima_ma_invert(len[b], par + off[b]) != 0)
				return -1;
		} else if (!cx_arima_invpartrans(len[b], coef + off[b], par + off[b])) {
			return -1;
		}
	}
	return 0;
}

/*
 * The criterion at par (k coefficients, then the regression coefficient
 * when kopt > k): 0.5 log(S / nu) for CSS, plus 0.5 sum log F_t / nu for the
 * likelihood.  LIK_FAIL when the model cannot be evaluated there.
 */
static double lik_eval(const double *par, struct lik_ctx *c)
{
	struct cx_arima_ws *ws = c->ws;
	struct cx_arima_sums s;
	par_to_coef(c->spec, par, c->trans, c->coef);
	cx_arima_expand(c->spec, c->coef, ws);
	const double *w = c->w, *y = c->y;
	if (c->kopt > c->k) {
		double b = par[c->k];
		for (size_t t = 0; t < c->nw; t++)
			c->wc[t] = c->w[t] - b * c->xw[t];
		w = c->wc;
		if (c->full && !c->css) {
			for (size_t t = 0; t < c->n; t++)
				c->yc[t] = c->y[t] - b * c->xr[t];
			y = c->yc;
		}
	}
	double obj;
	if (c->css) {
		cx_arima_css(ws, w, c->nw, c->ncond, &s);
		if (s.nu == 0)
			return LIK_FAIL;
		obj = 0.5 * log(s.ssq / (double)s.nu);
	} else {
		if (cx_arima_acov(ws) != 0)
			return LIK_FAIL;
		int st = c->full ? cx_arima_like_full(ws, y, c->n, NULL, &s)
				 : cx_arima_like_fast(ws, w, c->nw, &s);
		if (st != 0 || s.nu == 0)
			return LIK_FAIL;
		obj = 0.5 * (log(s.ssq / (double)s.nu) + s.sumlog / (double)s.nu);
	}
	c->ssq = s.ssq;
	c->nu = s.nu;
	return isnan(obj) || obj > LIK_FAIL ? LIK_FAIL : obj;
}

/* The criterion at par = u * scale (elementwise); x is scratch. */
static double scaled_eval(struct lik_ctx *c, const double *u, const double *scale, double *x)
{
	for (int i = 0; i < c->kopt; i++)
		x[i] = u[i] * scale[i];
	return lik_eval(x, c);
}

/* optim's numerical gradient: central differences of 1e-3 in u. */
static void scaled_grad(struct lik_ctx *c, double *u, const double *scale, double *x, double *g)
{
	const double eps = 1e-3;
	for (int i = 0; i < c->kopt; i++) {
		double ui = u[i];
		u[i] = ui + eps;
		double f1 = scaled_eval(c, u, scale, x);
		u[i] = ui - eps;
		double f2 = scaled_eval(c, u, scale, x);
		u[i] = ui;
		g[i] = (f1 - f2) / (2 * eps);
		if (!isfinite(g[i]))
			g[i] = 0;
	}
}

/*
 * Minimise the criterion from par (kopt values, updated in place) by the
 * variable-metric method: search along -B g, backtracking by 0.2 until the
 * decrease is at least 1e-4 of the predicted one, BFGS update of the
 * inverse Hessian B, restart from the identity when the update fails or
 * after 2 kopt gradients without one; stop when a step changes the
 * criterion by less than sqrt(DBL_EPSILON) relative, or after maxit
 * gradients.  par / scale is what the method sees (R's parscale).
 * Returns 1 when converged, 0 at the iteration limit, -1 when the start
 * cannot be evaluated, -2 when out of memory.  *fmin receives the criterion
 * at the result.
 */
static int vmmin(struct lik_ctx *c, double *par, const double *scale, int maxit, double *fmin)
{
	size_t n = (size_t)c->kopt;
	if (n == 0) {
		*fmin = lik_eval(par, c);
		return *fmin < LIK_FAIL ? 1 : -1;
	}
	const double reltol = 1.4901161193847656e-08, acctol = 1e-4, stepredn = 0.2,
		     reltest = 10;
	double *mem = malloc((6 * n + n * n) * sizeof(double));
	if (!mem)
		return -2;
	double *u = mem, *x = u + n, *g = x + n, *t = g + n, *X = t + n, *cg = X + n,
	       *B = cg + n;
	for (size_t i = 0; i < n; i++)
		u[i] = par[i] / scale[i];
	double f = scaled_eval(c, u, scale, x);
	*fmin = f;
	if (!(f < LIK_FAIL)) {
		free(mem);
		return -1;
	}
	double Fmin = f;
	int gradcount = 1, ilast = 1, iter = 1;
	size_t count;
	scaled_grad(c, u, scale, x, g);
	do {
		if (ilast == gradcount)
			for (size_t i = 0; i < n; i++)
				for (size_t j = 0; j < n; j++)
					B[i * n + j] = i == j;
		memcpy(X, u, n * sizeof(double));
		memcpy(cg, g, n * sizeof(double));
		double gradproj = 0;
		for (size_t i = 0; i < n; i++) {
			double sum = 0;
			for (size_t j = 0; j < n; j++)
				sum -= B[i * n + j] * g[j];
			t[i] = sum;
			gradproj += sum * g[i];
		}
		if (gradproj < 0) {
			double step = 1;
			int accpoint = 0;
			do {
				count = 0;
				for (size_t i = 0; i < n; i++) {
					u[i] = X[i] + step * t[i];
					if (reltest + X[i] == reltest + u[i])
						count++;
				}
				if (count < n) {
					f = scaled_eval(c, u, scale, x);
					accpoint = f < LIK_FAIL && f <= Fmin + gradproj * step * acctol;
					if (!accpoint)
						step *= stepredn;
				}
			} while (!(count == n || accpoint));
			if (!(fabs(f - Fmin) > reltol * (fabs(Fmin) + reltol))) {
				count = n; /* no useful change: converged */
				if (f < Fmin)
					Fmin = f;
			}
			if (count < n) {
				Fmin = f;
				scaled_grad(c, u, scale, x, g);
				gradcount++;
				iter++;
				double D1 = 0;
				for (size_t i = 0; i < n; i++) {
					t[i] *= step;
					cg[i] = g[i] - cg[i];
					D1 += t[i] * cg[i];
				}
				if (D1 > 0) {
					double D2 = 0;
					for (size_t i = 0; i < n; i++) {
						double sum = 0;
						for (size_t j = 0; j < n; j++)
							sum += B[i * n + j] * cg[j];
						X[i] = sum;
						D2 += sum * cg[i];
					}
					D2 = 1 + D2 / D1;
					for (size_t i = 0; i < n; i++)
						for (size_t j = 0; j < n; j++)
							B[i * n + j] += (D2 * t[i] * t[j] - X[i] * t[j] -
									 t[i] * X[j]) / D1;
				} else {
					ilast = gradcount;
				}
			} else if (ilast < gradcount) {
				count = 0;
				ilast = gradcount;
			}
		} else {
			count = 0;
			if (ilast == gradcount)
				count = n;
			else
				ilast = gradcount;
		}
		if (iter >= maxit)
			break;
		if (gradcount - ilast > 2 * (int)n)
			ilast = gradcount;
	} while (count != n || ilast != gradcount);
	/* u is the last accepted point, or equals X to working precision */
	if (!(f <= Fmin))
		memcpy(u, X, n * sizeof(double));
	for (size_t i = 0; i < n; i++)
		par[i] = u[i] * scale[i];
	free(mem);
	*fmin = lik_eval(par, c);
	return iter < maxit;
}

static void ctx_release(struct lik_ctx *c)
{
	cx_arima_ws_free(c->ws);
	free(c->mem);
	memset(c, 0, sizeof(*c));
}

/*
 * Set up the data of spec: the regressor (1 for a mean, t = 1..n for a
 * drift), the differenced series, and the least-squares start of the
 * regression coefficient with R's scale for it (10 standard errors of the
 * regression of the differenced data on the differenced regressor).  A
 * fixed coefficient is subtracted here.  Returns 0 or -1 (memory).
 */
static int ctx_setup(struct lik_ctx *c, const struct cx_arima_data *data,
		     const struct cx_arima_spec *spec, const struct cx_arima_fitopts *fo)
{
	memset(c, 0, sizeof(*c));
	c->spec = spec;
	c->k = cx_arima_ncoef(spec);
	size_t n = data->n, k = (size_t)c->k;
	c->ws = cx_arima_ws_alloc(spec, n, data->has_nan);
	c->mem = malloc((6 * n + k + 1) * sizeof(double));
	if (!c->ws || !c->mem) {
		ctx_release(c);
		return -1;
	}
	double *q = c->mem;
	c->y = q; q += n;
	c->xr = q; q += n;
	c->w = q; q += n;
	c->xw = q; q += n;
	c->wc = q; q += n;
	c->yc = q; q += n;
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
	c->beta_scale = 1;
	if (has_reg && !fo->fix_beta) {
		double sxy = 0, sxx = 0, rss = 0;
		size_t nobs = 0;
		for (size_t t = 0; t < c->nw; t++)
			if (!isnan(c->w[t])) {
				sxy += c->w[t] * c->xw[t];
				sxx += c->xw[t] * c->xw[t];
			}
		c->beta0 = sxx > 0 ? sxy / sxx : 0;
		for (size_t t = 0; t < c->nw; t++)
			if (!isnan(c->w[t])) {
				double e = c->w[t] - c->beta0 * c->xw[t];
				rss += e * e;
				nobs++;
			}
		if (nobs > 1 && sxx > 0 && rss > 0)
			c->beta_scale = 10 * sqrt(rss / (double)(nobs - 1) / sxx);
	} else {
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
		res->aic = res->aicc = res->bic = res->ic = INFINITY;
		return;
	}
	res->aicc = ns - k - 1 > 0 ? res->aic + 2 * k * (k + 1) / (ns - k - 1) : INFINITY;
	res->bic = res->aic + k * (log(ns) - 2);
	res->ic = ic == CASPIAN_ARIMA_AIC ? res->aic : ic == CASPIAN_ARIMA_BIC ? res->bic : res->aicc;
}

static int ar_blocks_stationary(const struct cx_arima_spec *s, const double *coef)
{
	size_t off = (size_t)s->p + (size_t)s->q;
	return cx_arima_ar_stationary((size_t)s->p, coef) &&
	       cx_arima_ar_stationary((size_t)s->P, coef + off);
}

/* loglik from the concentrated criterion: -0.5 (2 n f + n + n log 2 pi) */
static double loglik_of(double f, size_t nused)
{
	double n = (double)nused;
	return -0.5 * (2 * n * f + n + n * log(2 * M_PI));
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
	size_t pf = (size_t)spec->p + (size_t)m * (size_t)spec->P;
	size_t qf = (size_t)spec->q + (size_t)m * (size_t)spec->Q;
	size_t r = pf > qf + 1 ? pf : qf + 1;
	if (r + nd > CX_ARIMA_MAX_STATE)
		return caspian_error_set(err, CASPIAN_ELIMIT,
					 "ARIMA state dimension %zu (p + mP = %zu, q + mQ = %zu, d + mD = %zu) exceeds %d",
					 r + nd, pf, qf, nd, CX_ARIMA_MAX_STATE);
	int k = cx_arima_ncoef(spec);
	int free_beta = spec->reg != CX_REG_NONE && !fo->fix_beta;
	res->npar = k + free_beta + 1;
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
	/* par: k coefficients, then the regression coefficient when free */
	double par[k + 1], scale[k + 1], fval;
	for (int i = 0; i < k; i++) {
		par[i] = 0;
		scale[i] = 1;
	}
	par[k] = fo->fix_beta ? fo->beta : c.beta0;
	scale[k] = c.beta_scale;
	c.kopt = k + free_beta;

	/* CSS, unless values are missing (R's CSS-ML switches to ML then) */
	if (!data->has_nan) {
		if (c.nw <= c.ncond)
			goto done; /* nothing left to condition on: not estimable */
		double cpar[k + 1];
		memcpy(cpar, par, sizeof(cpar));
		c.css = 1;
		c.trans = 0;
		int conv = vmmin(&c, cpar, scale, fo->maxit, &fval);
		if (conv == -2)
			goto nomem;
		if (fo->css_only) {
			if (conv < 0 || !(fval < LIK_FAIL))
				goto done;
			memcpy(res->coef, cpar, (size_t)k * sizeof(double));
			memcpy(res->raw, cpar, (size_t)k * sizeof(double));
			res->beta = free_beta ? cpar[k] : fo->beta;
			res->sigma2_ml = c.ssq / (double)c.nu;
			res->loglik = loglik_of(fval, nused);
			res->aic = fo->offset + (double)nused * log(res->sigma2_ml) + 2 * res->npar;
			set_criteria(res, fo->ic);
			res->ok = res->ic < INFINITY;
			goto done;
		}
		if (conv == 1)
			memcpy(par, cpar, sizeof(cpar)); /* else the zero start, as R */
	}
	if (!ar_blocks_stationary(spec, par)) {
		if (fo->skip_nonstationary_css)
			goto done;
		for (int i = 0; i < k; i++)
			par[i] = 0;
	}
	{
		double tmp[k > 0 ? k : 1];
		memcpy(tmp, par, (size_t)k * sizeof(double));
		if (coef_to_par(spec, tmp, par) != 0)
			for (int i = 0; i < k; i++)
				par[i] = 0;
	}
	c.css = 0;
	c.trans = 1;
	int conv = vmmin(&c, par, scale, fo->maxit, &fval);
	if (conv == -2)
		goto nomem;
	if (conv < 0)
		goto done;
	/* reflect MA roots inside the unit circle; the likelihood is unchanged */
	{
		size_t off = (size_t)spec->p + (size_t)spec->q;
		if (cx_arima_ma_invert((size_t)spec->q, par + spec->p) != 0 ||
		    cx_arima_ma_invert((size_t)spec->Q, par + off + spec->P) != 0)
			goto done;
	}
	fval = lik_eval(par, &c);
	if (fval >= LIK_FAIL)
		goto done;
	memcpy(res->raw, par, (size_t)k * sizeof(double));
	par_to_coef(spec, par, 1, res->coef);
	res->beta = par[k];
	res->sigma2_ml = c.ssq / (double)c.nu;
	res->loglik = loglik_of(fval, nused);
	res->aic = -2 * res->loglik + 2 * res->npar;
	set_criteria(res, fo->ic);
	res->ok = !isnan(res->ic);
	if (isinf(res->loglik) && res->loglik > 0) {
		/* a perfect fit (a fixed drift through constant differences) */
		res->aic = res->aicc = res->bic = res->ic = -INFINITY;
	}
done:
	ctx_release(&c);
	return CASPIAN_OK;
nomem:
	ctx_release(&c);
	cx_arima_result_release(res);
	return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
}

/* Minimum modulus of the roots of the model's AR and MA polynomials
 * (2 when there are none); -1 when they cannot be computed. */
static double min_root(const struct cx_arima_spec *spec, const struct cx_arima_ws *ws)
{
	double minroot = 2;
	if (spec->p + spec->P > 0) {
		double r = cx_arima_min_root(ws->pf, ws->phi, -1);
		if (r < 0)
			return -1;
		minroot = r < minroot ? r : minroot;
	}
	if (spec->q + spec->Q > 0) {
		double r = cx_arima_min_root(ws->qf, ws->rv + 1, 1);
		if (r < 0)
			return -1;
		minroot = r < minroot ? r : minroot;
	}
	return minroot;
}

/*
 * Numerical Hessian of the criterion at x as optim(hessian = TRUE) computes
 * it: central differences of central-difference gradients, steps h[i].
 * Returns 0, or -1 when a value is not finite.
 */
static int hessian(struct lik_ctx *c, double *x, const double *h, size_t kk, double *H)
{
	double f0 = lik_eval(x, c);
	for (size_t i = 0; i < kk; i++) {
		for (size_t j = i; j < kk; j++) {
			double v;
			if (i == j) {
				x[i] += 2 * h[i];
				double fp = lik_eval(x, c);
				x[i] -= 4 * h[i];
				double fm = lik_eval(x, c);
				x[i] += 2 * h[i];
				v = (fp - 2 * f0 + fm) / (4 * h[i] * h[i]);
			} else {
				double f[4];
				for (int s = 0; s < 4; s++) {
					double di = (s & 1) ? -h[i] : h[i], dj = (s & 2) ? -h[j] : h[j];
					x[i] += di;
					x[j] += dj;
					f[s] = lik_eval(x, c);
					x[i] -= di;
					x[j] -= dj;
				}
				v = (f[0] - f[1] - f[2] + f[3]) / (4 * h[i] * h[j]);
			}
			if (!isfinite(v))
				return -1;
			H[i * kk + j] = H[j * kk + i] = v;
		}
	}
	return 0;
}

/*
 * R's checks in forecast:::myarima: a root of the AR or MA polynomial within
 * 1.01 of the unit circle, or an estimated coefficient variance (the
 * diagonal of A' H^-1 A, H the Hessian above in the optimiser's parameters,
 * A the Jacobian of the coefficients in them) that is negative or NaN,
 * disqualifies the model.
 */
int cx_arima_reject(const struct cx_arima_data *data, const struct cx_arima_result *res,
		    const struct cx_arima_fitopts *fo)
{
	const struct cx_arima_spec *spec = &res->spec;
	int k = cx_arima_ncoef(spec);
	struct lik_ctx c;
	if (ctx_setup(&c, data, spec, fo) != 0)
		return 1;
	cx_arima_expand(spec, res->coef, c.ws);
	double minroot = min_root(spec, c.ws);
	int free_beta = c.xw != NULL;
	c.kopt = k + free_beta;
	if (minroot < 1.01 || c.kopt == 0) {
		ctx_release(&c);
		return minroot < 1.01;
	}
	c.css = fo->css_only;
	c.trans = !fo->css_only;
	size_t kk = (size_t)c.kopt;
	double *mem = malloc((2 * kk + 2 * kk * kk + 2 * (size_t)k) * sizeof(double));
	if (!mem) {
		ctx_release(&c);
		return 1;
	}
	double *x = mem, *h = x + kk, *H = h + kk, *A = H + kk * kk, *w1 = A + kk * kk,
	       *w2 = w1 + k;
	memcpy(x, c.css ? res->coef : res->raw, (size_t)k * sizeof(double));
	for (size_t i = 0; i < kk; i++)
		h[i] = 1e-3;
	if (free_beta) {
		x[k] = res->beta;
		h[k] = 1e-3 * c.beta_scale;
	}
	int reject = hessian(&c, x, h, kk, H) != 0;
	/* Jacobian of the transformation (R's ARIMA_Gradtrans): forward
	 * differences of 1e-3 for AR blocks, identity elsewhere */
	memset(A, 0, kk * kk * sizeof(double));
	for (size_t i = 0; i < kk; i++)
		A[i * kk + i] = 1;
	if (c.trans && k > 0) {
		size_t kc = (size_t)k;
		par_to_coef(spec, x, 1, w1);
		for (size_t i = 0; i < kc; i++) {
			x[i] += 1e-3;
			par_to_coef(spec, x, 1, w2);
			x[i] -= 1e-3;
			for (size_t j = 0; j < kc; j++)
				A[i * kk + j] = (w2[j] - w1[j]) / 1e-3;
		}
	}
	gsl_matrix *inv = NULL;
	gsl_permutation *perm = NULL;
	if (!reject) {
		gsl_matrix_view hv = gsl_matrix_view_array(H, kk, kk);
		perm = gsl_permutation_alloc(kk);
		inv = gsl_matrix_alloc(kk, kk);
		int signum;
		if (!perm || !inv || gsl_linalg_LU_decomp(&hv.matrix, perm, &signum) != GSL_SUCCESS)
			reject = 1;
		for (size_t i = 0; i < kk && !reject; i++)
			if (gsl_matrix_get(&hv.matrix, i, i) == 0)
				reject = 1; /* singular: R's solve() fails */
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
	free(mem);
	ctx_release(&c);
	return reject;
}
