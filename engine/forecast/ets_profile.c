/*
 * ets_profile.c - the likelihood maximised over the initial states for
 * fixed smoothing parameters (the profile likelihood).
 *
 * The objective nobs log(sum e_t^2) + 2 [E = M] sum log|f_t| equals
 * nobs log(sum rho_t^2) with rho_t = G e_t, G the geometric mean of |f_t| for
 * multiplicative errors (G = 1 for additive ones).  Its minimum over the free
 * initial states x (l0, b0 and the seasonal states but the oldest, which the
 * others fix through the normalisation sum = 0 or m) is found by Gauss-Newton
 * on the residuals rho, with the Jacobian d rho / d x propagated alongside
 * the recursions (forward sensitivities).  For additive errors and additive
 * components the innovations are affine in x, so one step is exact.
 *
 * With J_t = d rho_t / dx, u_t = e_t and g_t = du_t/dx, v = (1/nobs) sum
 * (df_t/dx) / f_t, the normal equations J'J d = -J'rho reduce (G^2 cancels) to
 *     (A + a v' + v a' + S v v') d = -(a + S v),
 * with A = sum g g', a = sum u g, S = sum u^2 (v = 0 for additive errors).
 */
#include <math.h>
#include <string.h>

#include "ets_internal.h"

/* The largest number of free initial states: l0, b0 and m - 1 seasonal ones. */
enum { PMAX = ETS_MAX_STATES - 1 };

struct prof_sums {
	double obj;           /* objective at the point */
	double S;             /* sum u^2 */
	double a[PMAX], v[PMAX];
	double A[PMAX * PMAX]; /* upper triangle used */
	size_t nobs;
};

/* Full initial state from the free states th (layout of ets_internal.h). */
void ets_states_from_free(const struct ets_par *p, const double *th, double *x0)
{
	const size_t off = 1 + (p->trend != ETS_NONE);
	for (size_t k = 0; k < off; k++)
		x0[k] = th[k];
	if (p->season) {
		double sum = 0.0;
		for (size_t k = 1; k < p->m; k++) {
			x0[off + k] = th[off + k - 1];
			sum += th[off + k - 1];
		}
		x0[off] = (p->season == ETS_MUL ? (double)p->m : 0.0) - sum;
	}
}

size_t ets_nfree(const struct ets_par *p)
{
	return 1 + (p->trend != ETS_NONE) + (p->season != ETS_NONE ? p->m - 1 : 0);
}

/*
 * One pass over the data from free states th: the objective and the sums of
 * the normal equations (and, when dend is not NULL, d x_n / d th in dend).
 * dring is scratch of m * np doubles.  Returns -1 when a value is not finite.
 */
static inline __attribute__((always_inline)) int
pass_loop(const struct ets_par *p, const double *y, size_t n, const double *th, double *dring,
	  struct prof_sums *out, double *dend, const size_t np_const)
{
	/* np_const > 0 lets the compiler unroll the short loops of non-seasonal models */
	const size_t np = np_const ? np_const : ets_nfree(p), m = p->season ? p->m : 1;
	const size_t off = 1 + (p->trend != ETS_NONE);
	const int mul_e = p->error == ETS_MUL, season = p->season, trend = p->trend != ETS_NONE;
	const double alpha = p->alpha, beta = p->beta, gamma = p->gamma, phi = p->phi;
	double x0[ETS_MAX_STATES], ring[CASPIAN_ETS_MAX_PERIOD];
	double dl[PMAX] = {0}, db[PMAX] = {0}, dq[PMAX], df[PMAX], g[PMAX], dd[PMAX];
	double lsum = 0.0, prod = 1.0;

	ets_states_from_free(p, th, x0);
	double l = x0[0], b = trend ? x0[1] : 0.0;
	dl[0] = 1.0;
	if (trend)
		db[1] = 1.0;
	if (season) {
		memcpy(ring, x0 + off, m * sizeof(double));
		memset(dring, 0, m * np * sizeof(double));
		for (size_t k = 1; k < m; k++) {
			dring[k * np + off + k - 1] = 1.0;
			dring[off + k - 1] = -1.0; /* the oldest state is the normalising remainder */
		}
	}
	memset(out->a, 0, np * sizeof(double));
	memset(out->v, 0, np * sizeof(double));
	memset(out->A, 0, np * np * sizeof(double));
	out->S = 0.0;
	out->nobs = 0;

	size_t j = 0;
	for (size_t t = 0; t < n; t++) {
		double *ds = season ? dring + j * np : NULL;
		double s = season ? ring[j] : 0.0;
		double q = l + (trend ? phi * b : 0.0);
		for (size_t i = 0; i < np; i++)
			dq[i] = dl[i] + (trend ? phi * db[i] : 0.0);
		double f;
		if (season == ETS_MUL) {
			f = q * s;
			for (size_t i = 0; i < np; i++)
				df[i] = s * dq[i] + q * ds[i];
		} else if (season == ETS_ADD) {
			f = q + s;
			for (size_t i = 0; i < np; i++)
				df[i] = dq[i] + ds[i];
		} else {
			f = q;
			for (size_t i = 0; i < np; i++)
				df[i] = dq[i];
		}
		if (isnan(y[t])) {
			l = q;
			for (size_t i = 0; i < np; i++)
				dl[i] = dq[i];
			if (trend) {
				b *= phi;
				for (size_t i = 0; i < np; i++)
					db[i] *= phi;
			}
		} else {
			double r = y[t] - f, u, gu;
			if (mul_e) {
				double inv = 1.0 / f;
				u = r * inv;
				gu = -y[t] * inv * inv; /* du/df */
				prod *= fabs(f);
				if (!(prod < 1e100 && prod > 1e-100)) {
					lsum += log(prod);
					prod = 1.0;
				}
				for (size_t i = 0; i < np; i++)
					out->v[i] += df[i] * inv;
			} else {
				u = r;
				gu = -1.0;
			}
			for (size_t i = 0; i < np; i++)
				g[i] = gu * df[i];
			out->S += u * u;
			for (size_t i = 0; i < np; i++) {
				out->a[i] += u * g[i];
				double gi = g[i];
				double *Ai = out->A + i * np;
				for (size_t k = i; k < np; k++)
					Ai[k] += gi * g[k];
			}
			out->nobs++;
			/* d = r (season N, A) or r / s (season M); dr = -df */
			double d;
			if (season == ETS_MUL) {
				d = r / s;
				for (size_t i = 0; i < np; i++)
					dd[i] = (-df[i] - d * ds[i]) / s;
			} else {
				d = r;
				for (size_t i = 0; i < np; i++)
					dd[i] = -df[i];
			}
			double lnew = q + alpha * d;
			for (size_t i = 0; i < np; i++)
				dl[i] = dq[i] + alpha * dd[i];
			if (trend) {
				b = phi * b + beta * d;
				for (size_t i = 0; i < np; i++)
					db[i] = phi * db[i] + beta * dd[i];
			}
			if (season == ETS_MUL) {
				double w = r / q;
				ring[j] = s + gamma * w;
				for (size_t i = 0; i < np; i++)
					ds[i] += gamma * (-df[i] - w * dq[i]) / q;
			} else if (season == ETS_ADD) {
				ring[j] = s + gamma * r;
				for (size_t i = 0; i < np; i++)
					ds[i] -= gamma * df[i];
			}
			l = lnew;
		}
		if (season && ++j == m)
			j = 0;
	}
	lsum += log(prod);
	if (out->nobs == 0 || !(out->S > 0) || !isfinite(out->S) || !isfinite(lsum) ||
	    !isfinite(l))
		return -1;
	if (dend) {
		/* rows: level, slope, seasonal states in chronological order from the next */
		memcpy(dend, dl, np * sizeof(double));
		if (trend)
			memcpy(dend + np, db, np * sizeof(double));
		for (size_t k = 0; season && k < m; k++)
			memcpy(dend + (off + k) * np, dring + ((j + k) % m) * np, np * sizeof(double));
	}
	const double nobs = (double)out->nobs;
	out->obj = nobs * log(out->S) + 2.0 * lsum;
	for (size_t i = 0; i < np; i++)
		out->v[i] /= nobs;
	return 0;
}

/* One pass; see pass_loop.  Non-seasonal models have one or two free states. */
static int prof_pass(const struct ets_par *p, const double *y, size_t n, const double *th,
		     double *dring, struct prof_sums *out, double *dend)
{
	if (p->season)
		return pass_loop(p, y, n, th, dring, out, dend, 0);
	if (p->trend)
		return pass_loop(p, y, n, th, dring, out, dend, 2);
	return pass_loop(p, y, n, th, dring, out, dend, 1);
}

/* Cholesky solve of the np x np system h d = rhs (h upper triangle, overwritten). */
static int chol_solve(double *h, double *rhs, size_t np)
{
	for (size_t j = 0; j < np; j++) {
		double s = h[j * np + j];
		for (size_t k = 0; k < j; k++)
			s -= h[k * np + j] * h[k * np + j];
		if (!(s > 0))
			return -1;
		double d = sqrt(s);
		h[j * np + j] = d;
		for (size_t i = j + 1; i < np; i++) {
			double t = h[j * np + i];
			for (size_t k = 0; k < j; k++)
				t -= h[k * np + j] * h[k * np + i];
			h[j * np + i] = t / d;
		}
	}
	/* h = R'R with R upper: solve R'z = rhs, then R d = z */
	for (size_t i = 0; i < np; i++) {
		double t = rhs[i];
		for (size_t k = 0; k < i; k++)
			t -= h[k * np + i] * rhs[k];
		rhs[i] = t / h[i * np + i];
	}
	for (size_t i = np; i-- > 0;) {
		double t = rhs[i];
		for (size_t k = i + 1; k < np; k++)
			t -= h[i * np + k] * rhs[k];
		rhs[i] = t / h[i * np + i];
	}
	return 0;
}

/* The Gauss-Newton matrix J'J / G^2 (upper triangle) from the sums. */
static void gn_matrix(const struct ets_par *p, const struct prof_sums *s, double *h)
{
	const size_t np = ets_nfree(p);
	for (size_t i = 0; i < np; i++)
		for (size_t k = i; k < np; k++) {
			double v = s->A[i * np + k];
			if (p->error == ETS_MUL)
				v += s->a[i] * s->v[k] + s->v[i] * s->a[k] + s->S * s->v[i] * s->v[k];
			h[i * np + k] = v;
		}
}

/* Gauss-Newton step from the sums; step[] receives d.  Returns -1 when singular. */
static int gn_step(const struct ets_par *p, const struct prof_sums *s, double *step)
{
	const size_t np = ets_nfree(p);
	double h[PMAX * PMAX];
	double trace = 0.0;
	for (size_t i = 0; i < np; i++)
		for (size_t k = i; k < np; k++) {
			double v = s->A[i * np + k];
			if (p->error == ETS_MUL)
				v += s->a[i] * s->v[k] + s->v[i] * s->a[k] + s->S * s->v[i] * s->v[k];
			h[i * np + k] = v;
		}
	for (size_t i = 0; i < np; i++) {
		step[i] = -(s->a[i] + (p->error == ETS_MUL ? s->S * s->v[i] : 0.0));
		trace += h[i * np + i];
	}
	/* A tiny ridge keeps nearly collinear states (a flat slope, say) solvable. */
	for (size_t i = 0; i < np; i++)
		h[i * np + i] += 1e-12 * trace / (double)np + 1e-300;
	return chol_solve(h, step, np);
}

/* Multiplicative seasonal states must stay positive (forecast::ets requires >= 0). */
static int states_ok(const struct ets_par *p, const double *th)
{
	if (p->season != ETS_MUL)
		return 1;
	double x0[ETS_MAX_STATES];
	ets_states_from_free(p, th, x0);
	const size_t off = 1 + (p->trend != ETS_NONE);
	for (size_t k = 0; k < p->m; k++)
		if (!(x0[off + k] > 0))
			return 0;
	return 1;
}

double ets_profile(const struct ets_par *p, const double *y, size_t n, double *th,
		   size_t max_steps, double tol, double *work)
{
	const size_t np = ets_nfree(p);
	struct prof_sums cur, trial;
	double step[PMAX], cand[PMAX];

	if (!states_ok(p, th) || prof_pass(p, y, n, th, work, &cur, NULL) != 0)
		return INFINITY;
	const int linear = p->error == ETS_ADD && p->season != ETS_MUL;
	for (size_t it = 0; it < max_steps; it++) {
		if (gn_step(p, &cur, step) != 0)
			break;
		if (linear) {
			/* Exact: the minimum of an affine least-squares problem. */
			double sse = cur.S;
			for (size_t i = 0; i < np; i++)
				sse += step[i] * cur.a[i];
			for (size_t i = 0; i < np; i++)
				cand[i] = th[i] + step[i];
			if (sse > 1e-8 * cur.S) {
				memcpy(th, cand, np * sizeof(double));
				double obj = (double)cur.nobs * log(sse);
				return obj < cur.obj ? obj : cur.obj;
			}
			/* Near-perfect fit: the shortcut cancels, so evaluate. */
			if (prof_pass(p, y, n, cand, work, &trial, NULL) == 0 && trial.obj < cur.obj) {
				memcpy(th, cand, np * sizeof(double));
				return trial.obj;
			}
			return cur.obj;
		}
		/* Backtrack until the objective decreases (at most 6 halvings). */
		double lambda = 1.0;
		int accepted = 0;
		for (int bt = 0; bt < 7; bt++, lambda *= 0.5) {
			for (size_t i = 0; i < np; i++)
				cand[i] = th[i] + lambda * step[i];
			if (!states_ok(p, cand))
				continue;
			if (prof_pass(p, y, n, cand, work, &trial, NULL) == 0 && trial.obj < cur.obj) {
				accepted = 1;
				break;
			}
		}
		if (!accepted)
			break;
		double gain = cur.obj - trial.obj;
		memcpy(th, cand, np * sizeof(double));
		cur = trial;
		if (gain <= tol * (1.0 + fabs(cur.obj)))
			break;
	}
	return cur.obj;
}

int ets_state_cov(const struct ets_par *p, const double *y, size_t n, const double *x0,
		  double s2, double *cov, double *work)
{
	const size_t np = ets_nfree(p), nst = ets_nstates(p);
	const size_t off = 1 + (p->trend != ETS_NONE);
	double th[PMAX], h[PMAX * PMAX], dend[ETS_MAX_STATES * PMAX], hinv[PMAX * PMAX];
	struct prof_sums sums;

	for (size_t k = 0; k < off; k++)
		th[k] = x0[k];
	for (size_t k = 1; p->season && k < p->m; k++)
		th[off + k - 1] = x0[off + k];
	if (prof_pass(p, y, n, th, work, &sums, dend) != 0)
		return -1;
	gn_matrix(p, &sums, h);
	/* columns of the inverse, one Cholesky solve each */
	for (size_t c = 0; c < np; c++) {
		double hc[PMAX * PMAX], e[PMAX] = {0};
		memcpy(hc, h, np * np * sizeof(double));
		e[c] = 1.0;
		if (chol_solve(hc, e, np) != 0)
			return -1;
		for (size_t r = 0; r < np; r++)
			hinv[r * np + c] = s2 * e[r];
	}
	/* cov = dend hinv dend' */
	for (size_t a = 0; a < nst; a++) {
		double tmp[PMAX];
		for (size_t c = 0; c < np; c++) {
			double t = 0.0;
			for (size_t r = 0; r < np; r++)
				t += dend[a * np + r] * hinv[r * np + c];
			tmp[c] = t;
		}
		for (size_t b = 0; b < nst; b++) {
			double t = 0.0;
			for (size_t c = 0; c < np; c++)
				t += tmp[c] * dend[b * np + c];
			cov[a * nst + b] = t;
		}
	}
	return 0;
}
