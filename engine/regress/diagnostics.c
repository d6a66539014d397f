/*
 * diagnostics.c - residual tests, robust covariance meat, condition number.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "internal.h"

double regress_durbin_watson(const long double *ew, size_t n)
{
	long double num = 0, den = ew[0] * ew[0];

	for (size_t t = 1; t < n; t++) {
		num += (ew[t] - ew[t - 1]) * (ew[t] - ew[t - 1]);
		den += ew[t] * ew[t];
	}
	return den > 0 ? (double)(num / den) : NAN;
}

/* Moment estimators m3/m2^1.5 and m4/m2^2 about the mean (Jarque & Bera 1987). */
void regress_moments(const long double *ew, size_t n, double *skew, double *kurt)
{
	long double mean = 0, m2 = 0, m3 = 0, m4 = 0;

	for (size_t i = 0; i < n; i++)
		mean += ew[i];
	mean /= n;
	for (size_t i = 0; i < n; i++) {
		long double d = ew[i] - mean, d2 = d * d;
		m2 += d2;
		m3 += d2 * d;
		m4 += d2 * d2;
	}
	m2 /= n;
	m3 /= n;
	m4 /= n;
	if (!(m2 > 0)) {
		*skew = *kurt = NAN;
		return;
	}
	*skew = (double)(m3 / (m2 * sqrtl(m2)));
	*kurt = (double)(m4 / (m2 * m2));
}

/*
 * Auxiliary regression of e_t on the design and e_{t-1}..e_{t-h}, lags
 * before the sample set to 0 (Godfrey 1978; as R's lmtest::bgtest and
 * statsmodels' acorr_breusch_godfrey).  LM = n (1 - SSE_aux / sum e^2), which
 * is n times the uncentred R^2 of the auxiliary fit.
 */
int regress_breusch_godfrey(const long double *z, const long double *ew, size_t n, size_t p,
			    size_t h, double *lm)
{
	size_t q = p + h;
	long double *x, sse = 0, see = 0;
	struct regress_ls ls;
	int rc;

	*lm = NAN;
	if (n <= q)
		return CASPIAN_OK;
	x = malloc(n * q * sizeof(*x));
	if (!x)
		return CASPIAN_ENOMEM;
	for (size_t t = 0; t < n; t++) {
		memcpy(x + t * q, z + t * p, p * sizeof(*x));
		for (size_t l = 1; l <= h; l++)
			x[t * q + p + l - 1] = t >= l ? ew[t - l] : 0;
		see += ew[t] * ew[t];
	}
	rc = regress_ls_alloc(&ls, n, q);
	if (rc != CASPIAN_OK) {
		free(x);
		return rc;
	}
	rc = regress_ls_solve(&ls, x, ew, 1e-10, 10);
	if (rc == REGRESS_LS_OK && see > 0) {
		for (size_t t = 0; t < n; t++)
			sse += ls.r[t] * ls.r[t];
		*lm = (double)(n * (1 - sse / see));
	}
	rc = rc == CASPIAN_ENOMEM ? rc : CASPIAN_OK;
	regress_ls_free(&ls);
	free(x);
	return rc;
}

int regress_robust_meat(const struct regress_ls *ls, const long double *z,
			const long double *ew, long lag, long double *m)
{
	size_t n = ls->n, p = ls->p;
	long double *u = malloc(n * p * sizeof(*u));

	if (!u)
		return CASPIAN_ENOMEM;
	/* u_t = R^-T (z_t / norm): row t of Q's first p columns */
	for (size_t t = 0; t < n; t++)
		for (size_t l = 0; l < p; l++) {
			long double s = 0;
			for (size_t k = 0; k <= l; k++)
				s += ls->rinv[k * p + l] * (z[t * p + k] / ls->norm[k]);
			u[t * p + l] = s;
		}
	memset(m, 0, p * p * sizeof(*m));
	for (size_t t = 0; t < n; t++)
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < p; j++)
				m[i * p + j] += ew[t] * ew[t] * u[t * p + i] * u[t * p + j];
	for (long l = 1; l <= lag && (size_t)l < n; l++) {
		long double wl = 1 - (long double)l / (lag + 1);
		for (size_t t = (size_t)l; t < n; t++) {
			long double ee = wl * ew[t] * ew[t - l];
			const long double *a = u + t * p, *b = u + (t - l) * p;
			for (size_t i = 0; i < p; i++)
				for (size_t j = 0; j < p; j++)
					m[i * p + j] += ee * (a[i] * b[j] + b[i] * a[j]);
		}
	}
	free(u);
	return CASPIAN_OK;
}

int regress_condition(const long double *x, size_t n, size_t p, double *cond)
{
	gsl_matrix *a = gsl_matrix_alloc(n, p), *v = gsl_matrix_alloc(p, p);
	gsl_vector *s = gsl_vector_alloc(p), *work = gsl_vector_alloc(p);
	int rc = CASPIAN_OK;

	if (!a || !v || !s || !work) {
		rc = CASPIAN_ENOMEM;
		goto done;
	}
	for (size_t j = 0; j < p; j++) {
		long double norm = 0;
		for (size_t i = 0; i < n; i++)
			norm += x[i * p + j] * x[i * p + j];
		norm = sqrtl(norm);
		for (size_t i = 0; i < n; i++)
			gsl_matrix_set(a, i, j, norm > 0 ? (double)(x[i * p + j] / norm) : 0);
	}
	if (gsl_linalg_SV_decomp(a, v, s, work) != GSL_SUCCESS)
		*cond = NAN;
	else if (gsl_vector_get(s, p - 1) > 0)
		*cond = gsl_vector_get(s, 0) / gsl_vector_get(s, p - 1);
	else
		*cond = INFINITY;
done:
	if (a)
		gsl_matrix_free(a);
	if (v)
		gsl_matrix_free(v);
	if (s)
		gsl_vector_free(s);
	if (work)
		gsl_vector_free(work);
	return rc;
}
