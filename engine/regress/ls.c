/*
 * ls.c - least squares by QR with refinement in extended precision.
 *
 * A Householder QR in double (GSL) is accurate to about cond * 1e-16, and
 * for problems with large residuals the error grows with cond^2.  Refining
 * only x against the residual stalls at that level, so the augmented system
 *     r + Z x = y,   Z' r = 0
 * is refined instead (Bjorck 1967, "Iterative refinement of linear least
 * squares solutions I", BIT 7): its residuals f = y - r - Z x and g = -Z' r
 * are formed in long double from the long-double design, and each correction
 * is solved with the double QR.  This converges while cond * 1e-16 << 1 to
 * the long-double solution of the long-double problem.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>

#include "internal.h"

int regress_ls_alloc(struct regress_ls *ls, size_t n, size_t p)
{
	memset(ls, 0, sizeof(*ls));
	ls->n = n;
	ls->p = p;
	ls->qr = gsl_matrix_alloc(n, p);
	ls->tau = gsl_vector_alloc(p);
	ls->f = gsl_vector_alloc(n);
	ls->g = gsl_vector_alloc(p);
	ls->norm = malloc(p * sizeof(*ls->norm));
	ls->a = malloc(p * sizeof(*ls->a));
	ls->r = malloc(n * sizeof(*ls->r));
	ls->rinv = malloc(p * p * sizeof(*ls->rinv));
	if (!ls->qr || !ls->tau || !ls->f || !ls->g || !ls->norm || !ls->a || !ls->r ||
	    !ls->rinv) {
		regress_ls_free(ls);
		return CASPIAN_ENOMEM;
	}
	return CASPIAN_OK;
}

void regress_ls_free(struct regress_ls *ls)
{
	if (ls->qr)
		gsl_matrix_free(ls->qr);
	if (ls->tau)
		gsl_vector_free(ls->tau);
	if (ls->f)
		gsl_vector_free(ls->f);
	if (ls->g)
		gsl_vector_free(ls->g);
	free(ls->norm);
	free(ls->a);
	free(ls->r);
	free(ls->rinv);
	memset(ls, 0, sizeof(*ls));
}

/* Factorise the unit-length columns; find the first singular column. */
static int factorise(struct regress_ls *ls, const long double *z, double rank_tol)
{
	size_t n = ls->n, p = ls->p;

	for (size_t j = 0; j < p; j++) {
		long double s = 0;
		for (size_t i = 0; i < n; i++)
			s += z[i * p + j] * z[i * p + j];
		ls->norm[j] = sqrtl(s);
		if (!(ls->norm[j] > 0) || !isfinite((double)ls->norm[j])) {
			ls->bad_col = j;
			return REGRESS_LS_SINGULAR;
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < p; j++)
			gsl_matrix_set(ls->qr, i, j, (double)(z[i * p + j] / ls->norm[j]));
	if (gsl_linalg_QR_decomp(ls->qr, ls->tau) != GSL_SUCCESS) {
		ls->bad_col = 0;
		return REGRESS_LS_SINGULAR;
	}
	/* With unit-length columns |R_jj| is the distance of column j from the
	 * span of the columns before it. */
	for (size_t j = 0; j < p; j++) {
		if (!(fabs(gsl_matrix_get(ls->qr, j, j)) >= rank_tol)) {
			ls->bad_col = j;
			return REGRESS_LS_SINGULAR;
		}
	}
	return REGRESS_LS_OK;
}

static void invert_r(struct regress_ls *ls)
{
	size_t p = ls->p;
	long double *ri = ls->rinv;

	memset(ri, 0, p * p * sizeof(*ri));
	for (size_t j = 0; j < p; j++) {
		ri[j * p + j] = 1.0L / gsl_matrix_get(ls->qr, j, j);
		for (size_t i = j; i-- > 0;) {
			long double s = 0;
			for (size_t l = i + 1; l <= j; l++)
				s += (long double)gsl_matrix_get(ls->qr, i, l) * ri[l * p + j];
			ri[i * p + j] = -s / gsl_matrix_get(ls->qr, i, i);
		}
	}
}

/* One refinement step; returns max |dx| and stores max |x| in *xmax. */
static long double refine_step(struct regress_ls *ls, const long double *z,
			       const long double *y, long double *xs, long double *xmax)
{
	size_t n = ls->n, p = ls->p;
	double *f = ls->f->data, *g = ls->g->data; /* vectors of stride 1 */
	gsl_vector_view h = gsl_vector_subvector(ls->f, 0, p);
	gsl_matrix_const_view rv = gsl_matrix_const_submatrix(ls->qr, 0, 0, p, p);
	long double dmax = 0, amax = 0;

	for (size_t j = 0; j < p; j++) {
		long double s = 0;
		for (size_t i = 0; i < n; i++)
			s += z[i * p + j] * ls->r[i];
		g[j] = (double)(-s / ls->norm[j]);
		xs[j] = ls->a[j] / ls->norm[j];
	}
	for (size_t i = 0; i < n; i++) {
		long double s = y[i] - ls->r[i];
		const long double *row = z + i * p;
		for (size_t j = 0; j < p; j++)
			s -= row[j] * xs[j];
		f[i] = (double)s;
	}
	/* g <- R^-T g (the h of Bjorck's solution) */
	gsl_blas_dtrsv(CblasUpper, CblasTrans, CblasNonUnit, &rv.matrix, ls->g);
	gsl_linalg_QR_QTvec(ls->qr, ls->tau, ls->f);
	/* dx = R^-1 (d1 - h), written into d1 */
	for (size_t j = 0; j < p; j++)
		f[j] -= g[j];
	gsl_blas_dtrsv(CblasUpper, CblasNoTrans, CblasNonUnit, &rv.matrix, &h.vector);
	for (size_t j = 0; j < p; j++) {
		long double dx = f[j];
		ls->a[j] += dx;
		if (fabsl(dx) > dmax)
			dmax = fabsl(dx);
		if (fabsl(ls->a[j]) > amax)
			amax = fabsl(ls->a[j]);
		f[j] = g[j];
	}
	/* dr = Q [h; d2] */
	gsl_linalg_QR_Qvec(ls->qr, ls->tau, ls->f);
	for (size_t i = 0; i < n; i++)
		ls->r[i] += f[i];
	*xmax = amax;
	return dmax;
}

int regress_ls_solve(struct regress_ls *ls, const long double *z, const long double *y,
		     double rank_tol, unsigned max_steps)
{
	int rc = factorise(ls, z, rank_tol);
	long double prev = 0, d = 0, xmax = 0;

	if (rc != REGRESS_LS_OK)
		return rc;
	memset(ls->a, 0, ls->p * sizeof(*ls->a));
	memset(ls->r, 0, ls->n * sizeof(*ls->r));
	ls->steps = 0;
	while (ls->steps < max_steps) {
		/* rinv serves as scratch until R is inverted at the end */
		d = refine_step(ls, z, y, ls->rinv, &xmax);
		ls->steps++;
		if (!isfinite((double)d))
			return REGRESS_LS_NOCONV;
		if (d <= LDBL_EPSILON * xmax)
			break;
		/* a correction that no longer halves is rounding noise, or divergence */
		if (ls->steps > 2 && d > prev / 2)
			break;
		prev = d;
	}
	/* The solution is trusted to 12 digits relative to its largest element. */
	if (!(d <= 1e-12L * xmax))
		return REGRESS_LS_NOCONV;
	invert_r(ls);
	return REGRESS_LS_OK;
}
