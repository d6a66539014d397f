/*
 * arima_like.c - likelihoods of ARIMA models.
 *
 * The ARMA part is put in Harvey's state-space form (the form of R's
 * makeARIMA): state a_t of dimension r = max(p', q' + 1), with p', q' the
 * orders of the multiplied-out seasonal polynomials,
 *
 *     y_t = a_t[0],   a_t = T a_{t-1} + R e_t,
 *     T = [phi | I_{r-1} ; 0], R = (1, theta_1, ..., theta_{r-1})'.
 *
 * Two filters evaluate the exact Gaussian likelihood:
 *
 *  - the fast one works on the differenced series (whose exact likelihood
 *    is that of the undifferenced series under a diffuse prior for the d + mD
 *    initial values) and starts from the exact stationary covariance P_0 of
 *    the state.  Because P_0 solves P_0 = T P_0 T' + RR', the first change
 *    P_1 - P_0 has rank one and the Chandrasekhar recursions (Morf, Sidhu and
 *    Kailath 1974; Harvey 1989, 3.3.4) propagate it with O(r) work per
 *    observation instead of the O(r^2) of the covariance recursion;
 *
 *  - the full one is R's: the state also carries the d + mD last values, with
 *    prior variance kappa = 1e6, innovations of variance >= 1e4 are left out,
 *    and missing values are skipped.  It serves series with missing values
 *    and gives the final state for forecasting.
 *
 * P_0 needs no Lyapunov solve: its first row is cov(y_t, a_t[i]), a sum of
 * autocovariances and psi-weights, and P_0[i][j] = phi_i phi_j gamma_0 +
 * R_i R_j + phi_i P_0[0][j+1] + phi_j P_0[0][i+1] + P_0[i+1][j+1] fills the
 * rest from the bottom-right corner.  The autocovariances come from the
 * (p'+1) linear equations of Brockwell and Davis (1991, eq. 3.3.8).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <complex.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_poly.h>

#include "forecast/arima_internal.h"

struct cx_arima_ws *cx_arima_ws_alloc(const struct cx_arima_spec *s, size_t nmax, int full)
{
	struct cx_arima_ws *ws = calloc(1, sizeof(*ws));
	if (!ws)
		return NULL;
	int m = s->m > 1 ? s->m : 1;
	ws->pf = (size_t)s->p + (size_t)m * (size_t)s->P;
	ws->qf = (size_t)s->q + (size_t)m * (size_t)s->Q;
	ws->r = ws->pf > ws->qf + 1 ? ws->pf : ws->qf + 1;
	ws->nd = (size_t)s->d + (size_t)m * (size_t)s->D;
	ws->rd = ws->r + ws->nd;
	ws->nmax = nmax;
	size_t r = ws->r, rd = ws->rd;
	/* one block for the vectors keeps the allocation count small */
	size_t np = ws->pf + 1;
	size_t nvec = 2 * r            /* phi, rv */
		      + 3 * (r + 1)    /* gamma, psi, c */
		      + 3 * r + 2      /* aw, g, wv */
		      + nmax + ws->nd  /* ew, delta */
		      + (full ? 2 * rd * rd : 0) /* P, mm */
		      + 3 * rd         /* fa, fan, kv */
		      + np * np + np   /* A */
		      + r + 1;         /* b */
	double *blk = calloc(nvec, sizeof(double));
	ws->pnz = calloc(2 * r, sizeof(size_t));
	if (!blk || !ws->pnz) {
		free(blk);
		free(ws->pnz);
		free(ws);
		return NULL;
	}
	ws->qnz = ws->pnz + r;
	double *q = blk;
	ws->phi = q; q += r;
	ws->rv = q; q += r;
	ws->gamma = q; q += r + 1;
	ws->psi = q; q += r + 1;
	ws->c = q; q += r + 1;
	ws->aw = q; q += r + 1;
	ws->g = q; q += r;
	ws->wv = q; q += r + 1;
	ws->ew = q; q += nmax;
	ws->delta = q; q += ws->nd;
	if (full) {
		ws->P = q; q += rd * rd;
		ws->mm = q; q += rd * rd;
	}
	ws->fa = q; q += rd;
	ws->fan = q; q += rd;
	ws->kv = q; q += rd;
	ws->A = q; q += np * np + np;
	ws->b = q;

	/* (1-B)^d (1-B^m)^D = 1 - sum delta_i B^i */
	size_t nd = ws->nd;
	if (nd > 0) {
		double *poly = calloc(nd + 1, sizeof(double));
		if (!poly) {
			cx_arima_ws_free(ws);
			return NULL;
		}
		poly[0] = 1;
		size_t deg = 0;
		for (int i = 0; i < s->d; i++) {
			for (size_t j = deg + 1; j-- > 0;)
				poly[j + 1] -= poly[j];
			deg++;
		}
		for (int i = 0; i < s->D; i++) {
			for (size_t j = deg + 1; j-- > 0;)
				poly[j + (size_t)m] -= poly[j];
			deg += (size_t)m;
		}
		for (size_t i = 0; i < nd; i++)
			ws->delta[i] = -poly[i + 1];
		free(poly);
	}
	return ws;
}

void cx_arima_ws_free(struct cx_arima_ws *ws)
{
	if (!ws)
		return;
	free(ws->phi);
	free(ws->pnz);
	free(ws);
}

void cx_arima_expand(const struct cx_arima_spec *s, const double *coef, struct cx_arima_ws *ws)
{
	size_t r = ws->r;
	const double *ar = coef, *ma = coef + s->p, *sar = ma + s->q, *sma = sar + s->P;
	size_t m = s->m > 1 ? (size_t)s->m : 1;
	memset(ws->phi, 0, r * sizeof(double));
	memset(ws->rv, 0, r * sizeof(double));
	for (int i = 0; i < s->p; i++)
		ws->phi[i] = ar[i];
	for (int j = 0; j < s->P; j++) {
		size_t base = ((size_t)j + 1) * m;
		ws->phi[base - 1] += sar[j];
		for (int i = 0; i < s->p; i++)
			ws->phi[base + (size_t)i] -= ar[i] * sar[j];
	}
	/* rv[k] is the coefficient of e_{t-k}: rv[0] = 1, rv[k] = theta_k */
	ws->rv[0] = 1;
	for (int i = 0; i < s->q; i++)
		ws->rv[1 + i] = ma[i];
	for (int j = 0; j < s->Q; j++) {
		size_t base = ((size_t)j + 1) * m;
		ws->rv[base] += sma[j];
		for (int i = 0; i < s->q; i++)
			ws->rv[base + 1 + (size_t)i] += ma[i] * sma[j];
	}
	/* nonzero positions, ascending: seasonal polynomials are sparse */
	ws->npnz = ws->nqnz = 0;
	for (size_t i = 0; i < r; i++) {
		if (ws->phi[i] != 0)
			ws->pnz[ws->npnz++] = i;
		if (ws->rv[i] != 0)
			ws->qnz[ws->nqnz++] = i;
	}
}

void cx_arima_partrans(size_t p, const double *raw, double *phi)
{
	/* Durbin-Levinson: phi_{k,j} = phi_{k-1,j} - phi_kk phi_{k-1,k-j} */
	double work[p > 0 ? p : 1];
	for (size_t j = 0; j < p; j++)
		phi[j] = tanh(raw[j]);
	for (size_t j = 1; j < p; j++) {
		double a = phi[j];
		for (size_t k = 0; k < j; k++)
			work[k] = phi[k] - a * phi[j - k - 1];
		memcpy(phi, work, j * sizeof(double));
	}
}

/* Step-down recursion: partial autocorrelations of an AR polynomial.
 * Returns 0 when one of them is not inside (-1, 1). */
static int ar_pacf(size_t p, const double *phi, double *pacf)
{
	double work[p > 0 ? p : 1];
	memcpy(pacf, phi, p * sizeof(double));
	for (size_t j = p; j-- > 1;) {
		double a = pacf[j];
		if (!(fabs(a) < 1))
			return 0;
		for (size_t k = 0; k < j; k++)
			work[k] = (pacf[k] + a * pacf[j - k - 1]) / (1 - a * a);
		memcpy(pacf, work, j * sizeof(double));
	}
	return p == 0 || fabs(pacf[0]) < 1;
}

int cx_arima_invpartrans(size_t p, const double *phi, double *raw)
{
	if (!ar_pacf(p, phi, raw))
		return 0;
	for (size_t j = 0; j < p; j++)
		raw[j] = atanh(raw[j]);
	return 1;
}

int cx_arima_ar_stationary(size_t p, const double *phi)
{
	while (p > 0 && phi[p - 1] == 0)
		p--;
	double pacf[p > 0 ? p : 1];
	return ar_pacf(p, phi, pacf);
}

/* Roots of 1 + c_1 z + ... + c_k z^k (c_k != 0) into z; returns 0 or -1. */
static int poly_roots(size_t k, const double *c, double complex *z)
{
	if (k == 1) {
		z[0] = -1 / c[0];
		return 0;
	}
	double *a = malloc((3 * k + 1) * sizeof(double)), *zz = a ? a + k + 1 : NULL;
	gsl_poly_complex_workspace *w = gsl_poly_complex_workspace_alloc(k + 1);
	int st = -1;
	if (a && w) {
		a[0] = 1;
		memcpy(a + 1, c, k * sizeof(double));
		if (gsl_poly_complex_solve(a, k + 1, w, zz) == GSL_SUCCESS) {
			for (size_t i = 0; i < k; i++)
				z[i] = zz[2 * i] + I * zz[2 * i + 1];
			st = 0;
		}
	}
	if (w)
		gsl_poly_complex_workspace_free(w);
	free(a);
	return st;
}

int cx_arima_ma_invert(size_t q, double *ma)
{
	size_t q0 = q;
	while (q0 > 0 && ma[q0 - 1] == 0)
		q0--;
	if (q0 == 0)
		return 0;
	double complex z[q0];
	if (poly_roots(q0, ma, z) != 0)
		return -1;
	int inside = 0;
	for (size_t i = 0; i < q0; i++)
		inside |= cabs(z[i]) < 1;
	if (!inside)
		return 0;
	if (q0 == 1) {
		ma[0] = 1 / ma[0];
		return 0;
	}
	/* rebuild prod (1 - z / root) with the inside roots reflected */
	double complex x[q0 + 1];
	x[0] = 1;
	for (size_t i = 1; i <= q0; i++)
		x[i] = 0;
	size_t deg = 0;
	for (size_t i = 0; i < q0; i++) {
		double complex root = cabs(z[i]) < 1 ? 1 / z[i] : z[i];
		for (size_t j = deg + 1; j-- > 0;)
			x[j + 1] -= x[j] / root;
		deg++;
	}
	for (size_t i = 0; i < q0; i++)
		ma[i] = creal(x[i + 1]);
	return 0;
}

double cx_arima_min_root(size_t k, const double *c, double sgn)
{
	while (k > 0 && fabs(c[k - 1]) <= 1e-8)
		k--;
	if (k == 0)
		return 2;
	double *cc = malloc(k * sizeof(double));
	double complex *z = malloc(k * sizeof(double complex));
	double mn = -1;
	if (cc && z) {
		for (size_t i = 0; i < k; i++)
			cc[i] = sgn * c[i];
		if (poly_roots(k, cc, z) == 0) {
			mn = INFINITY;
			for (size_t i = 0; i < k; i++)
				if (cabs(z[i]) < mn)
					mn = cabs(z[i]);
		}
	}
	free(cc);
	free(z);
	return mn;
}

/*
 * Autocovariances of the stationary ARMA model in ws (unit innovation
 * variance).  gamma_0..gamma_p' solve the p'+1 equations
 *
 *     gamma_k - sum_{i=1..p'} phi_i gamma_|k-i| = b_k,
 *     b_k = sum_{j>=k} theta_j psi_{j-k}   (k = 0..p', theta_0 = 1)
 *
 * (Brockwell and Davis 1991, eq. 3.3.8).  Adding phi_j times equation j-k
 * to equation k removes gamma_j and leaves the same system for the
 * step-down polynomial phi'_i = (phi_i + phi_j phi_{j-i}) / (1 - phi_j^2)
 * with right side b'_k = (b_k + phi_j b_{j-k}) / (1 - phi_j^2): the
 * Durbin-Levinson recursion run backwards.  Solving down to gamma_0 and
 * back up costs O(p'^2) instead of an O(p'^3) factorisation, and a
 * partial autocorrelation |phi_j| >= 1 flags a non-stationary AR part.
 */
int cx_arima_acov(struct cx_arima_ws *ws)
{
	size_t pf = ws->pf, r = ws->r, np = pf + 1;
	const double *phi = ws->phi, *rv = ws->rv;
	const size_t *pz = ws->pnz, *qz = ws->qnz;
	size_t npz = ws->npnz, nqz = ws->nqnz;
	double *psi = ws->psi, *gam = ws->gamma, *b = ws->b, *A = ws->A;
	/* psi_j = theta_j + sum_i phi_i psi_{j-i} */
	for (size_t j = 0; j <= r; j++) {
		double sum = j < r ? rv[j] : 0;
		for (size_t z = 0; z < npz && pz[z] < j; z++)
			sum += phi[pz[z]] * psi[j - pz[z] - 1];
		psi[j] = sum;
	}
	for (size_t k = 0; k <= r; k++) {
		double sum = 0;
		for (size_t z = 0; z < nqz; z++)
			if (qz[z] >= k)
				sum += rv[qz[z]] * psi[qz[z] - k];
		b[k] = sum;
	}
	/* step down: row j of A holds phi^(j)_1..j, bj[j] = b^(j)_j */
	double *bj = A + np * np;
	for (size_t i = 1; i <= pf; i++)
		A[pf * np + i] = phi[i - 1];
	for (size_t j = pf; j >= 1; j--) {
		const double *a = A + j * np;
		double *an = A + (j - 1) * np;
		double aj = a[j];
		if (!(fabs(aj) < 1))
			return -1;
		double den = 1 - aj * aj;
		bj[j] = b[j];
		for (size_t k = 0; 2 * k <= j; k++) {
			double lo = b[k], hi = b[j - k];
			b[k] = (lo + aj * hi) / den;
			if (j - k < j)
				b[j - k] = (hi + aj * lo) / den;
		}
		for (size_t i = 1; i < j; i++)
			an[i] = (a[i] + aj * a[j - i]) / den;
	}
	gam[0] = b[0];
	for (size_t j = 1; j <= pf; j++) {
		const double *a = A + j * np;
		double sum = bj[j];
		for (size_t i = 1; i <= j; i++)
			sum += a[i] * gam[j - i];
		gam[j] = sum;
	}
	/* restore b_k for k > p' (untouched above) and extend gamma */
	for (size_t k = pf + 1; k <= r; k++) {
		double sum = b[k];
		for (size_t z = 0; z < npz; z++)
			sum += phi[pz[z]] * gam[k - pz[z] - 1];
		gam[k] = sum;
	}
	if (!(gam[0] > 0) || !isfinite(gam[0]))
		return -1;
	/* c[i] = cov(y_t, a_t[i]); a_t[i] = sum_k phi_{i+k} y_{t-1-k} + R_{i+k} e_{t-k} */
	double *c = ws->c;
	for (size_t i = 0; i < r; i++)
		c[i] = 0;
	for (size_t z = 0; z < npz; z++) {
		size_t j = pz[z];
		for (size_t i = 0; i <= j; i++)
			c[i] += phi[j] * gam[j - i + 1];
	}
	for (size_t z = 0; z < nqz; z++) {
		size_t j = qz[z];
		for (size_t i = 0; i <= j; i++)
			c[i] += rv[j] * psi[j - i];
	}
	c[r] = 0;
	c[0] = gam[0];
	return 0;
}

void cx_arima_state_cov(const struct cx_arima_ws *ws, double *Q0, size_t ld)
{
	size_t r = ws->r;
	const double *phi = ws->phi, *rv = ws->rv, *c = ws->c;
	double g0 = ws->gamma[0];
	for (size_t i = r; i-- > 1;) {
		for (size_t j = r; j-- > i;) {
			double v = phi[i] * phi[j] * g0 + rv[i] * rv[j] + phi[i] * c[j + 1] +
				   phi[j] * c[i + 1];
			if (j + 1 < r)
				v += Q0[(i + 1) * ld + j + 1];
			Q0[i * ld + j] = v;
			Q0[j * ld + i] = v;
		}
	}
	for (size_t j = 0; j < r; j++) {
		Q0[j] = c[j];
		Q0[j * ld] = c[j];
	}
}

int cx_arima_like_fast(struct cx_arima_ws *ws, const double *w, size_t n,
		       struct cx_arima_sums *out)
{
	size_t r = ws->r;
	const double *phi = ws->phi, *c = ws->c;
	double *a = ws->aw, *g = ws->g, *wv = ws->wv;
	double F = c[0];
	memset(out, 0, sizeof(*out));
	if (!(F > 0))
		return -1;
	/* G_0 = T P_0 Z', W_0 = G_0, M_0 = -1/F_0: P_1 - P_0 = W M W' */
	for (size_t i = 0; i < r; i++) {
		g[i] = phi[i] * c[0] + c[i + 1];
		wv[i] = g[i];
		a[i] = 0;
	}
	a[r] = wv[r] = 0; /* sentinels: T shifts a zero in from below */
	double M = -1 / F;
	int moving = 1;
	double ssq = 0, sumlog = 0, prod = 1, inv = 1 / F;
	size_t nprod = 0;
	for (size_t t = 0; t < n; t++) {
		double v = w[t] - a[0];
		double kv = v * inv, a0 = a[0];
		ssq += v * kv;
		/* sum of log F_t as the log of products of up to 32 factors: one
		 * log() call instead of 32, without overflow for F_t in any
		 * plausible range; a steady-state F adds n log F at the end */
		if (moving) {
			prod *= F;
			if (++nprod == 32) {
				sumlog += log(prod);
				prod = 1;
				nprod = 0;
			}
		} else {
			nprod++;
		}
		if (!moving) {
			for (size_t i = 0; i + 1 < r; i++)
				a[i] = phi[i] * a0 + a[i + 1] + g[i] * kv;
			a[r - 1] = phi[r - 1] * a0 + g[r - 1] * kv;
			continue;
		}
		/* one pass: state update with the old gain, then
		 * W_{t+1} = T W_t - G_t u / F_t and G_{t+1} = G_t + T W_t M_t u,
		 * u = W_t[0]; reading index i + 1 before writing i keeps the shift
		 * by T in place */
		double u = wv[0], mu = M * u, uf = u * inv;
		double F1 = F + mu * u;
		for (size_t i = 0; i < r; i++) {
			double gi = g[i], ph = phi[i];
			a[i] = ph * a0 + a[i + 1] + gi * kv;
			double tw = ph * u + wv[i + 1];
			g[i] = gi + tw * mu;
			wv[i] = tw - gi * uf;
		}
		M -= mu * mu / F1;
		F = F1;
		if (!(F > 0) || !isfinite(F))
			return -1;
		inv = 1 / F;
		/* P_t stops changing once W M W' is negligible: the filter is in
		 * its steady state and F, G stay fixed.  Tested every 8 steps to
		 * keep the sum out of the loop above. */
		if ((t & 7) == 7) {
			double norm = 0;
			for (size_t i = 0; i < r; i++)
				norm += wv[i] * wv[i];
			if (fabs(M) * norm <= 1e-14 * F) {
				moving = 0;
				sumlog += log(prod);
				nprod = 0;
			}
		}
	}
	sumlog += moving ? log(prod) : (double)nprod * log(F);
	out->ssq = ssq;
	out->sumlog = sumlog;
	out->nu = n;
	return 0;
}

void cx_arima_apply_T(const struct cx_arima_ws *ws, const double *v, double *out)
{
	size_t r = ws->r, nd = ws->nd;
	const double *phi = ws->phi;
	for (size_t i = 0; i + 1 < r; i++)
		out[i] = phi[i] * v[0] + v[i + 1];
	out[r - 1] = phi[r - 1] * v[0];
	if (nd > 0) {
		double s = v[0];
		for (size_t k = 0; k < nd; k++)
			s += ws->delta[k] * v[r + k];
		for (size_t k = nd; k-- > 1;)
			out[r + k] = v[r + k - 1];
		out[r] = s;
	}
}

void cx_arima_predict_cov(const struct cx_arima_ws *ws, double *P, double *mm)
{
	size_t r = ws->r, nd = ws->nd, rd = ws->rd;
	const double *phi = ws->phi, *rv = ws->rv;
	/* rows of T P are combinations of rows of P */
	for (size_t i = 0; i + 1 < r; i++) {
		double *o = mm + i * rd;
		const double *p0 = P, *p1 = P + (i + 1) * rd;
		for (size_t j = 0; j < rd; j++)
			o[j] = phi[i] * p0[j] + p1[j];
	}
	for (size_t j = 0; j < rd; j++)
		mm[(r - 1) * rd + j] = phi[r - 1] * P[j];
	if (nd > 0) {
		double *o = mm + r * rd;
		memcpy(o, P, rd * sizeof(double));
		for (size_t k = 0; k < nd; k++) {
			const double *pk = P + (r + k) * rd;
			double dk = ws->delta[k];
			if (dk != 0)
				for (size_t j = 0; j < rd; j++)
					o[j] += dk * pk[j];
		}
		for (size_t k = 1; k < nd; k++)
			memcpy(mm + (r + k) * rd, P + (r + k - 1) * rd, rd * sizeof(double));
	}
	/* (T P) T': row i is T applied to row i of T P */
	for (size_t i = 0; i < rd; i++)
		cx_arima_apply_T(ws, mm + i * rd, P + i * rd);
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < r; j++)
			P[i * rd + j] += rv[i] * rv[j];
}

int cx_arima_like_full(struct cx_arima_ws *ws, const double *y, size_t n, double *resid,
		       struct cx_arima_sums *out)
{
	size_t r = ws->r, nd = ws->nd, rd = ws->rd;
	double *P = ws->P, *fa = ws->fa, *fan = ws->fan, *kv = ws->kv;
	const double *delta = ws->delta;
	memset(out, 0, sizeof(*out));
	memset(P, 0, rd * rd * sizeof(double));
	cx_arima_state_cov(ws, P, rd);
	for (size_t k = 0; k < nd; k++)
		P[(r + k) * rd + r + k] = CX_ARIMA_KAPPA;
	memset(fa, 0, rd * sizeof(double));
	double ssq = 0, sumlog = 0;
	size_t nu = 0;
	for (size_t t = 0; t < n; t++) {
		if (t > 0) {
			cx_arima_apply_T(ws, fa, fan);
			cx_arima_predict_cov(ws, P, ws->mm);
		} else {
			memcpy(fan, fa, rd * sizeof(double));
		}
		if (isnan(y[t])) {
			memcpy(fa, fan, rd * sizeof(double));
			if (resid)
				resid[t] = NAN;
			continue;
		}
		for (size_t i = 0; i < rd; i++) {
			const double *pi = P + i * rd;
			double s = pi[0];
			for (size_t k = 0; k < nd; k++)
				s += delta[k] * pi[r + k];
			kv[i] = s;
		}
		double gain = kv[0], v = y[t] - fan[0];
		for (size_t k = 0; k < nd; k++) {
			gain += delta[k] * kv[r + k];
			v -= delta[k] * fan[r + k];
		}
		if (!(gain > 0) || !isfinite(gain))
			return -1;
		if (gain < CX_ARIMA_DIFFUSE_GAIN) {
			nu++;
			ssq += v * v / gain;
			sumlog += log(gain);
		}
		if (resid)
			resid[t] = v / sqrt(gain);
		for (size_t i = 0; i < rd; i++)
			fa[i] = fan[i] + kv[i] * v / gain;
		for (size_t i = 0; i < rd; i++) {
			double ki = kv[i] / gain;
			double *pi = P + i * rd;
			for (size_t j = 0; j < rd; j++)
				pi[j] -= ki * kv[j];
		}
	}
	out->ssq = ssq;
	out->sumlog = sumlog;
	out->nu = nu;
	return 0;
}

void cx_arima_css(struct cx_arima_ws *ws, const double *w, size_t n, size_t ncond,
		  struct cx_arima_sums *out)
{
	const double *phi = ws->phi, *rv = ws->rv;
	const size_t *pz = ws->pnz, *qz = ws->qnz;
	size_t npz = ws->npnz, nqz = ws->nqnz;
	double *e = ws->ew;
	double ssq = 0;
	size_t nu = 0;
	/* e_l = w_l - sum phi_j w_{l-j} - sum_{j <= l - ncond} theta_j e_{l-j};
	 * qz[0] = 0 is theta_0 = 1, skipped */
	for (size_t l = ncond; l < n; l++) {
		double v = w[l];
		for (size_t z = 0; z < npz; z++)
			v -= phi[pz[z]] * w[l - pz[z] - 1];
		size_t lim = l - ncond;
		for (size_t z = 1; z < nqz && qz[z] <= lim; z++)
			v -= rv[qz[z]] * e[l - qz[z]];
		e[l] = v;
		if (!isnan(v)) {
			nu++;
			ssq += v * v;
		}
	}
	out->ssq = ssq;
	out->sumlog = 0;
	out->nu = nu;
}

size_t cx_arima_diff(const double *y, size_t n, int d, int D, int m, double *out)
{
	size_t len = n;
	if (out != y)
		memmove(out, y, n * sizeof(double));
	for (int k = 0; k < D; k++) {
		size_t lag = (size_t)m;
		if (len <= lag)
			return 0;
		for (size_t i = 0; i + lag < len; i++)
			out[i] = out[i + lag] - out[i];
		len -= lag;
	}
	for (int k = 0; k < d; k++) {
		if (len <= 1)
			return 0;
		for (size_t i = 0; i + 1 < len; i++)
			out[i] = out[i + 1] - out[i];
		len -= 1;
	}
	return len;
}
