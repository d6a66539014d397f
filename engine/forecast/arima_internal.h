/*
 * arima_internal.h - pieces of the ARIMA engine shared by its source files
 * (arima.c: the public API and model; arima_like.c: likelihoods;
 * arima_fit.c: estimation of one order; arima_auto.c: unit-root tests and
 * the order search; arima_stl.c: the seasonal-strength test; arima_boxcox.c:
 * transforms).  Not installed; names carry the private prefix cx_arima_.
 */
#ifndef CASPIAN_ARIMA_INTERNAL_H
#define CASPIAN_ARIMA_INTERNAL_H

#include <stddef.h>

#include "caspian/arima.h"
#include "caspian/error.h"

/* Regression term c_t of the model. */
enum cx_arima_reg { CX_REG_NONE = 0, CX_REG_MEAN = 1, CX_REG_DRIFT = 2 };

/* Largest expanded orders p + mP, q + mQ + 1 and state dimension
 * r + d + mD accepted (the full filter holds an rd x rd matrix). */
#define CX_ARIMA_MAX_STATE 3000

/* R's diffuse prior variance for the differencing states (makeARIMA kappa). */
#define CX_ARIMA_KAPPA 1e6
/* Innovations with a variance at least this large are left out of the
 * likelihood: they belong to the diffuse start (R's ARIMA_Like rule). */
#define CX_ARIMA_DIFFUSE_GAIN 1e4

struct cx_arima_spec {
	int p, d, q, P, D, Q, m;
	enum cx_arima_reg reg;
};

/* Number of ARMA coefficients ar, ma, sar, sma. */
static inline int cx_arima_ncoef(const struct cx_arima_spec *s)
{
	return s->p + s->q + s->P + s->Q;
}

/*
 * Scratch memory for likelihood evaluations of one spec, allocated once per
 * fit and reused by every evaluation.
 */
struct cx_arima_ws {
	size_t pf, qf;       /* expanded AR and MA lengths: p + mP, q + mQ */
	size_t r;            /* ARMA state dimension max(pf, qf + 1) */
	size_t nd;           /* differencing states d + mD */
	size_t rd;           /* r + nd */
	size_t nmax;         /* longest series handled */
	double *phi;         /* r: expanded AR coefficients, zero-padded */
	double *rv;          /* r: (1, theta_1, ..., theta_{r-1}), zero-padded */
	double *gamma;       /* r + 1 autocovariances (sigma2 = 1) */
	double *psi;         /* r + 1 psi-weights of the ARMA part */
	double *c;           /* r + 1: cov(y_t, a_t[i]), c[r] = 0 */
	double *aw;          /* r + 1: filter state, aw[r] = 0 */
	double *g, *wv;      /* r and r + 1: Chandrasekhar gain G and W, wv[r] = 0 */
	double *ew;          /* nmax: CSS residuals */
	double *delta;       /* nd: differencing polynomial, y_t = sum delta_i y_{t-i} + ... */
	double *P, *mm;      /* rd * rd (full only): full filter covariance (row-major), scratch */
	double *fa, *fan, *kv; /* rd: full filter state, its prediction, gain */
	double *A, *b;       /* (pf + 1)(pf + 2) and r + 1: autocovariance equations */
	size_t *pnz, *qnz;   /* r each: indices of nonzero phi and rv, ascending */
	size_t npnz, nqnz;
};

/* full = 1 also allocates the rd x rd covariance of cx_arima_like_full. */
struct cx_arima_ws *cx_arima_ws_alloc(const struct cx_arima_spec *s, size_t nmax, int full);
void cx_arima_ws_free(struct cx_arima_ws *ws);

/* Expand coef (ar, ma, sar, sma) into ws->phi and ws->rv. */
void cx_arima_expand(const struct cx_arima_spec *s, const double *coef,
		     struct cx_arima_ws *ws);

/* AR coefficients from unconstrained values: tanh, then Durbin-Levinson. */
void cx_arima_partrans(size_t p, const double *raw, double *phi);
/* Inverse of cx_arima_partrans; returns 0 when phi is not stationary. */
int cx_arima_invpartrans(size_t p, const double *phi, double *raw);
/* 1 when 1 - phi_1 z - ... - phi_p z^p has all roots outside the unit circle. */
int cx_arima_ar_stationary(size_t p, const double *phi);
/* Flip the roots of 1 + ma_1 z + ... inside the unit circle (R's maInvert). */
int cx_arima_ma_invert(size_t q, double *ma);
/* Smallest root modulus of 1 + sgn*(c_1 z + ... + c_k z^k), dropping
 * trailing |c| <= 1e-8; 2 when there is no root.  -1 on failure (roots not
 * found, or out of memory). */
double cx_arima_min_root(size_t k, const double *c, double sgn);

/*
 * ARMA autocovariances gamma[0..r] and psi-weights psi[0..r] for the
 * expanded model in ws, unit innovation variance.  Then c[i] = cov(y_t, a_t[i])
 * for the state of Harvey's form.  Returns 0, or -1 when the AR part is
 * (numerically) non-stationary.
 */
int cx_arima_acov(struct cx_arima_ws *ws);

/* Full stationary covariance of the ARMA state (r x r, row-major) from c. */
void cx_arima_state_cov(const struct cx_arima_ws *ws, double *Q0, size_t ld);

/* Sums collected by a filter pass. */
struct cx_arima_sums {
	double ssq;     /* sum of v_t^2 / F_t (CSS: of e_t^2) */
	double sumlog;  /* sum of log F_t (0 for CSS) */
	size_t nu;      /* innovations used */
};

/*
 * Exact likelihood sums of the stationary ARMA model in ws (after
 * cx_arima_expand and cx_arima_acov) for the series w[0..n-1] without missing
 * values, by the Chandrasekhar recursions.  Returns 0, or -1 on a
 * non-positive variance.
 */
int cx_arima_like_fast(struct cx_arima_ws *ws, const double *w, size_t n,
		       struct cx_arima_sums *out);

/*
 * R-style Kalman filter on the undifferenced series y[0..n-1] (NaN skipped)
 * with differencing states under a diffuse prior of variance kappa.  When
 * resid != NULL the standardised innovations v_t / sqrt(F_t) are stored
 * (NaN where y is missing).  On return ws->fa and ws->P hold the filtered
 * state and its covariance at time n.  Returns 0 or -1.
 */
int cx_arima_like_full(struct cx_arima_ws *ws, const double *y, size_t n, double *resid,
		       struct cx_arima_sums *out);

/* Apply the transition matrix T of the full state to v (length rd). */
void cx_arima_apply_T(const struct cx_arima_ws *ws, const double *v, double *out);
/* P := T P T' + V for the full state covariance P (rd x rd, row-major);
 * mm is rd * rd scratch. */
void cx_arima_predict_cov(const struct cx_arima_ws *ws, double *P, double *mm);

/*
 * Conditional sum of squares of the ARMA model in ws (after
 * cx_arima_expand) for the differenced series w[0..n-1], conditioning on
 * the first ncond values; MA terms use only residuals from ncond on.  NaN
 * residuals are not counted.
 */
void cx_arima_css(struct cx_arima_ws *ws, const double *w, size_t n, size_t ncond,
		  struct cx_arima_sums *out);

/* Differencing: out[0..n-nd-1] = (1-B)^d (1-B^m)^D y; returns the length. */
size_t cx_arima_diff(const double *y, size_t n, int d, int D, int m, double *out);

/* ---- one fit of a given order (arima_fit.c) ---- */

struct cx_arima_fitopts {
	int maxit;
	int skip_nonstationary_css; /* auto.arima: CSS with non-stationary AR fails */
	int css_only;               /* approximation: estimate by CSS only */
	double offset;              /* CSS information criteria offset (approximation) */
	enum caspian_arima_ic ic;
	int fix_beta;               /* regressor coefficient fixed at beta (not estimated) */
	double beta;
};

/* Result of estimating one spec; coef holds ar, ma, sar, sma. */
struct cx_arima_result {
	struct cx_arima_spec spec;
	double *coef;      /* ncoef values, untransformed */
	double *raw;       /* ncoef values as optimised (AR blocks transformed) */
	double beta;       /* mean or drift (0 without) */
	double loglik, aic, aicc, bic, ic;
	double sigma2_ml;  /* ssq / nu at the optimum */
	size_t nstar;      /* observations after differencing */
	int npar;          /* ncoef + regressor + 1 */
	int ok;            /* 0 when estimation failed (ic = +inf) */
};

/* Observations of a series prepared for fitting (transformed scale). */
struct cx_arima_data {
	const double *y;   /* leading NaN removed */
	size_t n;
	size_t nobs;       /* non-missing values */
	int has_nan;
};

int cx_arima_estimate(const struct cx_arima_data *data, const struct cx_arima_spec *spec,
		      const struct cx_arima_fitopts *fo, struct cx_arima_result *res,
		      struct caspian_error *err);
void cx_arima_result_release(struct cx_arima_result *res);

/* R's checkarima: 1 when the coefficient covariance has a negative or NaN
 * variance, or the AR/MA roots are within 1.01 of the unit circle. */
int cx_arima_reject(const struct cx_arima_data *data, const struct cx_arima_result *res,
		    const struct cx_arima_fitopts *fo);

/* Build the public model from an estimate (runs the final filter). */
int cx_arima_model_build(const struct cx_arima_data *data, const struct cx_arima_result *res,
			 double lambda, int biasadj, struct caspian_arima_model **out,
			 struct caspian_error *err);
/* A model that forecasts a constant value with zero-width intervals. */
int cx_arima_model_constant(double value, size_t n, int m, double lambda,
			    struct caspian_arima_model **out, struct caspian_error *err);

/* ---- automatic selection (arima_auto.c) ---- */

/* R forecast's is.constant: all.equal(x, rep(x[0])) over non-missing values. */
int cx_arima_is_constant(const double *x, size_t n);
/* KPSS level-stationarity statistic with Bartlett window of lag l. */
double cx_arima_kpss_stat(const double *x, size_t n, size_t lag);
/* Number of differences chosen by repeated KPSS tests (forecast::ndiffs). */
int cx_arima_ndiffs(const double *x, size_t n, double alpha, int max_d, double *scratch);
/*
 * Seasonal strength 1 - var(remainder) / var(remainder + seasonal), in
 * [0, 1], of the STL decomposition R's nsdiffs uses (arima_stl.c).  work
 * holds 8 (n + 2m) doubles.  0 when n <= 2m.
 */
double cx_arima_stl_strength(const double *x, size_t n, int m, double *work);

int cx_arima_auto(const struct cx_arima_data *data, const struct caspian_arima_opts *o,
		  struct cx_arima_result *best, int *degenerate, struct caspian_error *err);

/* ---- Box-Cox (arima_boxcox.c) ---- */

double cx_arima_boxcox(double x, double lambda);
double cx_arima_inv_boxcox(double z, double lambda);
/* Guerrero's lambda in [lower, upper] for period m (R's BoxCox.lambda). */
double cx_arima_guerrero(const double *x, size_t n, int m, double lower, double upper);

/* caspian_arima_describe() with every number to 17 significant digits, so
 * that it reads back exactly (forecast --details). */
size_t cx_arima_describe_exact(const struct caspian_arima_model *model, char *buf, size_t n);

#endif
