/*
 * caspian/regress.h - linear regression (OLS and WLS) with inference and
 * diagnostics, on plain arrays or on time series aligned by period.
 *
 * The model is y = X b + e, where X has an optional constant column and one
 * column per term.  A term is a base variable raised to a power (x, x^2,
 * ...).  Estimates minimise sum w_i e_i^2 (w_i = 1 for OLS).  No normal
 * equations are formed: the design is reparametrised (each base variable
 * centred and scaled, each column scaled to unit length), factorised by a
 * Householder QR in double precision (GSL), and the least-squares solution is
 * refined on the augmented system [I A; A' 0][r; a] = [y; 0] with the design,
 * the solution and the residuals held in long double (Bjorck 1967).  The
 * coefficients of the terms as given are recovered exactly from those of the
 * reparametrised design.  On the eleven NIST StRD linear datasets every
 * certified figure has a log relative error of at least 11.
 *
 * Formulas, conventions and references: docs/methods.md (regression section).
 *
 * NaN policy: the array interface rejects NaN and infinite data
 * (CASPIAN_EINVAL naming the term and observation); the series interface
 * drops periods with missing values and reports each one.
 *
 * Code that embeds the library must call gsl_set_error_handler_off() once
 * before fitting, or GSL's default handler aborts on a GSL error.
 */
#ifndef CASPIAN_REGRESS_H
#define CASPIAN_REGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "caspian/error.h"
#include "caspian/series.h"

/* Covariance behind the standard errors. */
enum caspian_se_type {
	CASPIAN_SE_CLASSIC = 0, /* s^2 (X'WX)^-1 */
	CASPIAN_SE_HC1 = 1,     /* White's, times n/(n-p) (MacKinnon & White 1985) */
	CASPIAN_SE_HAC = 2      /* Newey-West, Bartlett kernel, times n/(n-p) */
};

/*
 * A column of the design: x[i]^power.  Terms passing the same x pointer
 * belong to one base variable; when such a group holds exactly the powers
 * 1..K and the model has an intercept, the fit works with the centred
 * variable (x - mean)/scale, which is what makes high-degree polynomials
 * (NIST Filip, Wampler) accurate.  Pointers are borrowed for the call.
 */
struct caspian_regress_term {
	const char *name;   /* label in results, not NULL; copied */
	const double *x;    /* n values of the base variable */
	unsigned power;     /* >= 1 */
};

struct caspian_regress_opts {
	int intercept;          /* 1: add a constant column named "(intercept)" */
	const double *weights;  /* NULL (OLS) or n finite weights > 0 (WLS) */
	double level;           /* confidence level of intervals, in (0, 1) */
	enum caspian_se_type se;
	long hac_lag;           /* HAC lag L >= 0; < 0: floor(4 (n/100)^(2/9)) */
	size_t bg_order;        /* Breusch-Godfrey order h >= 1 */
	double rank_tol;        /* a column closer than this (relative) to the span of
				   the columns before it makes the design singular */
	unsigned max_refine;    /* refinement steps before giving up */
};

/* Defaults: intercept 1, no weights, level 0.95, classic SE, hac_lag -1,
 * bg_order 1, rank_tol 1e-10, max_refine 10. */
void caspian_regress_opts_init(struct caspian_regress_opts *o);

struct caspian_regress_basis; /* private: what prediction needs */

/*
 * A fitted model.  Vectors of length p are in column order: "(intercept)"
 * first when present, then the terms in the order given.  Every field is
 * finite except where noted.
 */
struct caspian_regress_fit {
	size_t n;              /* observations used */
	size_t p;              /* coefficients, the intercept included */
	int intercept;
	char **names;          /* p labels */
	double *coef, *se, *tstat, *pvalue, *ci_low, *ci_high;
	double *cov;           /* p x p, row-major: the covariance behind se */
	double *fitted;        /* n fitted values X b */
	double *resid;         /* n residuals y - X b (unweighted) */
	double df_model;       /* p - intercept */
	double df_resid;       /* n - p */
	double sse;            /* sum w e^2 */
	double sst;            /* sum w (y - ybar_w)^2, or sum w y^2 without intercept */
	double sigma;          /* residual standard error sqrt(sse / (n - p)) */
	double r2, adj_r2;     /* 1 - sse/sst; 1 - (1 - r2)(n - i)/(n - p), i = intercept */
	double fstat, f_pvalue;          /* ((sst - sse)/df_model) / sigma^2, F(df_model, n-p) */
	double wald_f, wald_f_pvalue;    /* Wald F of all slopes = 0 with cov (= fstat if classic) */
	double loglik;         /* Gaussian log-likelihood at the MLE of sigma (+inf if sse = 0) */
	double aic, bic;       /* -2 loglik + 2k, -2 loglik + k ln n, k = p + 1 (sigma counts) */
	double dw;             /* Durbin-Watson; NaN when sse = 0 */
	double skewness, kurtosis, jb, jb_pvalue; /* of the residuals; NaN when sse = 0 */
	size_t bg_order;
	double bg, bg_pvalue;  /* Breusch-Godfrey LM = n R^2_aux, chi2(h); NaN if n <= p + h */
	double cond;           /* 2-norm condition number of the design with unit-length
				  columns (Belsley, Kuh & Welsch) */
	double level, tcrit;   /* confidence level, t quantile used by the intervals */
	enum caspian_se_type se_type;
	long hac_lag;          /* lag used by HAC (0 otherwise) */
	unsigned refine_steps; /* refinement steps taken */
	struct caspian_regress_basis *basis;
};

/*
 * caspian_regress_fit() - fit y on the terms (plus a constant if o->intercept).
 *
 * n observations: y[0..n), terms[j].x[0..n), o->weights[0..n) if set.  o may
 * be NULL for the defaults.  On success *out is a new fit; free it with
 * caspian_regress_fit_free().
 *
 * Returns CASPIAN_OK, or
 *   CASPIAN_EINVAL  nterms + intercept == 0, no term besides the intercept,
 *                   power 0, n <= p ("too few observations"), a NaN or
 *                   infinite value (the message names term and observation),
 *                   a weight <= 0, level outside (0,1), bg_order 0;
 *   CASPIAN_EDOM    a constant regressor (with an intercept), a regressor that
 *                   is zero everywhere, a column (nearly) a linear combination
 *                   of the columns before it (named), or a constant response;
 *   CASPIAN_ENOCONV the refinement did not converge (design too ill-conditioned);
 *   CASPIAN_ENOMEM.
 * *out is untouched on error.
 */
int caspian_regress_fit(size_t n, const double *y, const struct caspian_regress_term *terms,
			size_t nterms, const struct caspian_regress_opts *o,
			struct caspian_regress_fit **out, struct caspian_error *err);

/* caspian_regress_fit_free() - free a fit; NULL is a no-op. */
void caspian_regress_fit_free(struct caspian_regress_fit *f);

/* One prediction: mean yhat = x0'b, its standard error sqrt(x0' V x0) with V
 * the fit's covariance, and the intervals yhat -/+ tcrit * se_fit (confidence)
 * and yhat -/+ tcrit * sqrt(sigma^2 + se_fit^2) (prediction, for a new
 * observation of unit weight). */
struct caspian_regress_pred {
	double yhat, se_fit, ci_low, ci_high, pi_low, pi_high;
};

/*
 * caspian_regress_predict() - predictions at m new points.
 *
 * terms must describe the fit's terms in the same order, with the same powers
 * and the same sharing of x pointers, each x holding m values.  level in
 * (0,1) sets the intervals (pass f->level for the fit's).  out has m entries.
 * Returns CASPIAN_OK, CASPIAN_EINVAL (terms do not match the fit, NaN or
 * infinite value, bad level) or CASPIAN_ENOMEM.
 */
int caspian_regress_predict(const struct caspian_regress_fit *f,
			    const struct caspian_regress_term *terms, size_t nterms,
			    size_t m, double level, struct caspian_regress_pred *out,
			    struct caspian_error *err);

/*
 * caspian_regress_growth() - the annual growth rate implied by coefficient j
 * of a log-linear model ln y = a + b t with t counted in periods:
 * exp(b * ppy) - 1, and its confidence interval exp(ci * ppy) - 1 (the
 * exponential is monotone, so the interval keeps its level).  ppy is the
 * number of periods per year (caspian_freq_periods_per_year()).
 * Returns CASPIAN_OK or CASPIAN_EINVAL (j >= p or ppy <= 0).
 */
int caspian_regress_growth(const struct caspian_regress_fit *f, size_t j, double ppy,
			   double *rate, double *low, double *high, struct caspian_error *err);

/* ---- time series ---------------------------------------------------- */

/* A regressor taken from a series: ln(x) if log, at period t - lag, to the
 * power given.  name NULL gives "NAME", "NAME@-1", "log(NAME)", "NAME^2"... */
struct caspian_regress_xterm {
	const struct caspian_series *x;  /* borrowed */
	long lag;                        /* >= 0 */
	unsigned power;                  /* >= 1 */
	int log;
	const char *name;
};

/*
 * A model on series.  The candidate periods run over y's span (its first to
 * last value) within [from, to]; a period where y, a regressor (after its
 * lag) or the weight is missing is dropped and reported in the sample.  The
 * trend t is 1 at the first period used and counts periods, so a gap keeps
 * its place.  Seasonal dummies: one per season but the first ("Q2".."Q4",
 * "M02".."M12") with an intercept, one for every season without.  Regressors
 * with the same series, lag and log form one base variable, so x and x^2
 * are fitted as a centred polynomial.
 */
struct caspian_regress_model {
	const struct caspian_series *y;  /* borrowed */
	int log_y;                       /* fit ln y; every used y must be > 0 */
	const struct caspian_regress_xterm *x;
	size_t nx;
	unsigned trend;                  /* 0: none; K: t, t^2, ..., t^K */
	int seasonal;                    /* quarterly and monthly series only */
	const struct caspian_series *weights; /* NULL, or weights by period */
	int has_from, has_to;
	long from, to;                   /* period ordinals in y's frequency */
};

/* Why a period was left out of the sample. */
enum caspian_regress_drop {
	CASPIAN_DROP_Y = 0,      /* y missing */
	CASPIAN_DROP_X = 1,      /* regressor `which` missing or outside its series */
	CASPIAN_DROP_WEIGHT = 2  /* weight missing */
};

struct caspian_regress_sample {
	enum caspian_freq freq;
	long t0;               /* the period where the trend t is 1: periods[0] */
	size_t n;              /* periods used */
	long *periods;
	size_t ndropped;       /* periods of the range left out, with the reason */
	long *dropped;
	enum caspian_regress_drop *why;
	size_t *which;         /* regressor index for CASPIAN_DROP_X */
};

/*
 * caspian_regress_series() - align the model's series on their common periods
 * and fit it.  o may be NULL.  On success *fit and *sample are new (free with
 * caspian_regress_fit_free and caspian_regress_sample_free).
 * Returns CASPIAN_OK, anything caspian_regress_fit() returns, or
 *   CASPIAN_EINVAL  frequencies differ, seasonal on a series that is not
 *                   quarterly or monthly, from > to, a negative lag, power 0,
 *                   no period with every value present (the message gives each
 *                   series' span), too few periods;
 *   CASPIAN_EDOM    ln of a value <= 0 (names the series, period and value).
 */
int caspian_regress_series(const struct caspian_regress_model *m,
			   const struct caspian_regress_opts *o,
			   struct caspian_regress_fit **fit,
			   struct caspian_regress_sample **sample, struct caspian_error *err);

void caspian_regress_sample_free(struct caspian_regress_sample *s);

/*
 * caspian_regress_series_predict() - predictions for periods from..to (out
 * holds to - from + 1 entries), from a fit made by caspian_regress_series()
 * with the same model and sample.  The trend and dummies continue; every
 * regressor must have a value at each period (after its lag).  With log_y
 * the point and interval bounds are exp() of those of ln y (a median
 * forecast) while se_fit stays on the log scale.
 * Returns CASPIAN_OK, CASPIAN_EINVAL (from > to, a missing regressor value,
 * named with its period; bad level), CASPIAN_EDOM (ln of a value <= 0) or
 * CASPIAN_ENOMEM.
 */
int caspian_regress_series_predict(const struct caspian_regress_model *m,
				   const struct caspian_regress_sample *s,
				   const struct caspian_regress_fit *f, long from, long to,
				   double level, struct caspian_regress_pred *out,
				   struct caspian_error *err);

/*
 * caspian_regress_endpoint_cagr() - (y_last / y_first)^(1 / years) - 1 over
 * the first and last periods of the sample, years = periods apart divided by
 * periods per year.  Returns CASPIAN_OK, CASPIAN_EINVAL (one period) or
 * CASPIAN_EDOM (an endpoint <= 0).
 */
int caspian_regress_endpoint_cagr(const struct caspian_regress_model *m,
				  const struct caspian_regress_sample *s, double *cagr,
				  struct caspian_error *err);

/* ---- cross-section data ------------------------------------------- */

/* A table of numbers read from CSV: ncols named columns of nrows values,
 * column j at values + j * nrows; empty, "NA", "NaN", "nan" and ".." fields
 * are NaN.  A column with a field that is not a number (a period column, a
 * label) is kept with NaN there and bad_line[j] set, so that only using it
 * is an error. */
struct caspian_regress_table {
	size_t nrows, ncols;
	char **names;
	double *values;
	long *lines;      /* input line of each row (for messages) */
	long *bad_line;   /* per column: line of its first non-number, or 0 */
	char **bad_text;  /* per column: that field (NULL when bad_line is 0) */
};

/*
 * caspian_regress_table_read() - read a CSV whose first record names the
 * columns and whose other records hold one field per column.  input names
 * the stream in messages ("data.csv", "-").  Numbers follow
 * caspian_number_parse (ingest.h), whatever the locale; spaces around them
 * are allowed.
 * Returns CASPIAN_OK, CASPIAN_EPARSE (ragged row, malformed CSV, duplicate
 * or empty column name, a field with a NUL byte, no rows; with line and
 * column), CASPIAN_EIO or CASPIAN_ENOMEM.  Free with
 * caspian_regress_table_free().
 */
int caspian_regress_table_read(FILE *in, const char *input,
			       struct caspian_regress_table **out, struct caspian_error *err);

void caspian_regress_table_free(struct caspian_regress_table *t);

/* Column index of name, or -1. */
long caspian_regress_table_find(const struct caspian_regress_table *t, const char *name);

#endif
