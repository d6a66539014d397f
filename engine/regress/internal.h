/*
 * internal.h - pieces shared by the regression files; not part of the API.
 */
#ifndef CASPIAN_REGRESS_INTERNAL_H
#define CASPIAN_REGRESS_INTERNAL_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "caspian/regress.h"

/*
 * Least squares on a design held in long double: Householder QR of the
 * unit-length columns in double, then refinement of the augmented system
 * with residuals, solution and design in long double.
 */
struct regress_ls {
	size_t n, p;
	gsl_matrix *qr;      /* n x p: R above the diagonal, Householder vectors below */
	gsl_vector *tau;
	gsl_vector *f;       /* n: scratch */
	gsl_vector *g;       /* p: scratch */
	long double *norm;   /* p column lengths */
	long double *a;      /* p: solution for the unit-length columns */
	long double *r;      /* n: residual y - Z x */
	long double *rinv;   /* p x p: R^-1, upper triangular */
	unsigned steps;
	size_t bad_col;      /* column found singular */
};

enum { REGRESS_LS_OK = 0, REGRESS_LS_SINGULAR = -1, REGRESS_LS_NOCONV = -2 };

int regress_ls_alloc(struct regress_ls *ls, size_t n, size_t p);
void regress_ls_free(struct regress_ls *ls);

/*
 * Solve min |y - Z x| for Z n x p row-major.  Returns REGRESS_LS_OK,
 * REGRESS_LS_SINGULAR (ls->bad_col is the first column whose distance to the
 * span of the columns before it, relative to its length, is below rank_tol,
 * or a zero column), REGRESS_LS_NOCONV, or CASPIAN_ENOMEM.  The solution for
 * Z itself is ls->a[j] / ls->norm[j].  Also fills ls->rinv.
 */
int regress_ls_solve(struct regress_ls *ls, const long double *z, const long double *y,
		     double rank_tol, unsigned max_steps);

/* z^k by repeated squaring: exact for small k where powl is slow. */
static inline long double regress_ipowl(long double z, unsigned k)
{
	long double r = 1;
	for (; k; k >>= 1, z *= z)
		if (k & 1)
			r *= z;
	return r;
}

/* The reparametrised basis of a fit, kept for prediction. */
struct caspian_regress_basis {
	size_t nterms;
	size_t *group;         /* nterms: group of each term */
	unsigned *power;       /* nterms */
	size_t ngroups;
	long double *center;   /* ngroups */
	long double *scale;    /* ngroups */
	size_t p;
	int intercept;
	long double *a;        /* p: coefficients of the working columns */
	long double *v;        /* p x p: their covariance (classic or robust) */
	double sigma2;
	double df_resid;
};

/* Working column values of one row: out[j], j < p, from the value xb[g] of
 * each group's base variable: 1 for the intercept, ((x - c) / s)^k for a term. */
void regress_basis_row(const struct caspian_regress_basis *b, const long double *xb,
		       long double *out);

void regress_basis_free(struct caspian_regress_basis *b);

/* Diagnostics (diagnostics.c).  ew: n weighted residuals. */
double regress_durbin_watson(const long double *ew, size_t n);
void regress_moments(const long double *ew, size_t n, double *skew, double *kurt);

/* Breusch-Godfrey LM statistic from the weighted design z (n x p) and
 * residuals; NaN when n <= p + h or the auxiliary design is singular.
 * Returns CASPIAN_OK or CASPIAN_ENOMEM. */
int regress_breusch_godfrey(const long double *z, const long double *ew, size_t n, size_t p,
			    size_t h, double *lm);

/* Robust meat in the coordinates of the unit-length columns:
 * M = sum_t e_t^2 u_t u_t' + sum_l (1 - l/(L+1)) sum_t e_t e_{t-l} (u_t u_{t-l}' + u_{t-l} u_t')
 * with u_t = R^-T z_t / norm; lag 0 gives White's.  m is p x p. */
int regress_robust_meat(const struct regress_ls *ls, const long double *z,
			const long double *ew, long lag, long double *m);

/* Condition number of the unit-length columns of x (n x p, row-major).
 * Returns CASPIAN_OK or CASPIAN_ENOMEM. */
int regress_condition(const long double *x, size_t n, size_t p, double *cond);

#endif
