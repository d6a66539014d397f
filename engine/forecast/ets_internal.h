/*
 * ets_internal.h - pieces of the exponential smoothing module shared by its
 * source files (not installed).
 *
 * State vector layout used throughout (x0, xend): x[0] = level, x[1] = slope
 * when the model has a trend, then m seasonal states in CHRONOLOGICAL order:
 * the first of them is the factor of the next observation.  (R prints the
 * seasonal states newest first; ets.c converts at the API.)
 */
#ifndef CASPIAN_ETS_INTERNAL_H
#define CASPIAN_ETS_INTERNAL_H

#include <stddef.h>

#include "caspian/ets.h"

enum { ETS_NONE = 0, ETS_ADD = 1, ETS_MUL = 2 };
enum { ETS_MAX_STATES = 2 + CASPIAN_ETS_MAX_PERIOD };

/* Usual bounds of forecast::ets (lower/upper for alpha, beta, gamma, phi). */
#define ETS_LO_SMOOTH 1e-4
#define ETS_HI_SMOOTH 0.9999
#define ETS_LO_PHI 0.8
#define ETS_HI_PHI 0.98

/* One model with its parameters. */
struct ets_par {
	int error, trend, season; /* ETS_NONE / ETS_ADD / ETS_MUL */
	int damped;
	size_t m;                 /* 1 when season == ETS_NONE */
	double alpha, beta, gamma, phi; /* beta 0, gamma 0, phi 1 when unused */
};

/* Number of states: 1 + trend + m (seasonal). */
static inline size_t ets_nstates(const struct ets_par *p)
{
	return 1 + (p->trend != ETS_NONE) + (p->season != ETS_NONE ? p->m : 0);
}

/*
 * ets_objective() - what the optimiser minimises: nobs log(SSE) + 2 sum log|f|
 * (the last term for E = M only), the likelihood up to constants that depend
 * on nobs alone.  ring is scratch of m doubles.  Returns +inf when any value is
 * not finite or no value is observed, and -1e10 for a perfect fit.
 */
double ets_objective(const struct ets_par *p, const double *x0, const double *y, size_t n,
		     double *ring);

/*
 * ets_objective_lanes() - the sums behind ets_objective() for k <= ETS_LANES
 * parameter sets p[i] with states x0[i], all of one model type (error,
 * trend, damped, season, m), in one pass (sums has room for ETS_LANES, the
 * ones past k are scratch); ets_lik_value(p[i], &sums[i]) is then what
 * ets_objective() returns for set i, up to rounding (the recursions are
 * arranged for speed, see ets_calc.c).  The independent recursions run
 * interleaved, which costs little more time than one, and most logarithms
 * wait until a value is wanted.
 */
enum { ETS_LANES = 4, ETS_LIK_FOLDS = 48, ETS_LIK_BLOCK = 16 };
struct ets_lik_sums {
	/* objective nobs log(sse) + 2 (lsum + sum_i log(fold[i]) + log(prod)) */
	double sse, lsum, prod;
	double fold[ETS_LIK_FOLDS];
	size_t nfold, nobs;
};
void ets_objective_lanes(const struct ets_par *const *p, const double *const *x0, size_t k,
			 const double *y, size_t n, struct ets_lik_sums *sums);
double ets_lik_value(const struct ets_par *p, const struct ets_lik_sums *s);

/*
 * Filtering output of ets_filter(): sums over the observed values and the
 * state after the last observation.
 */
struct ets_filtered {
	double sse;      /* sum of squared innovations e */
	double logf;     /* sum of log|f| over observed values */
	size_t nobs;
	double xend[ETS_MAX_STATES];
};

/*
 * ets_filter() - run the recursions over y[0..n) from x0, storing innovations
 * e[t] (NaN where y is missing) when e is not NULL and the one-step forecasts
 * f[t] when f is not NULL.  Returns 0, or -1 when a value was not finite.
 */
int ets_filter(const struct ets_par *p, const double *x0, const double *y, size_t n,
	       double *e, double *f, struct ets_filtered *out);

/* Point forecasts mean[0..h) from the state x (layout above). */
void ets_point_forecast(const struct ets_par *p, const double *x, size_t h, double *mean);

/*
 * ets_admissible() - 1 when the smoothing parameters lie in the admissible
 * (forecastable) region of Hyndman et al. (2008, ch. 10) as forecast::ets
 * checks it: for seasonal models every root of
 *   z^(m+1) + (a+b-phi) z^m + (a+b-a phi) (z^(m-1) + ... + z^2)
 *     + (a+b-a phi+g-1) z + phi (1-a-g)
 * has modulus <= 1 + 1e-10 (a Schur-Cohn test), plus the linear conditions.
 */
int ets_admissible(const struct ets_par *p);

/*
 * ets_admissible_lanes() - ok[i] = ets_admissible(p[i]) for k <= ETS_LANES
 * parameter sets with one seasonal period, the polynomial tests run
 * interleaved.
 */
void ets_admissible_lanes(const struct ets_par *const *p, size_t k, int *ok);

/*
 * ets_init_states() - the heuristic initial states of forecast::ets
 * (initstate): classical decomposition (or, with fewer than 3m values, a
 * regression on a line and one Fourier pair) for the seasonal states, then a
 * line through the first max(10, 2m) seasonally adjusted values for l0, b0.
 * y must have no NaN (callers interpolate).  work holds 3n doubles.
 * Returns 0, or -1 when the values give no usable states.
 */
int ets_init_states(const struct ets_par *p, const double *y, size_t n, double *x0,
		    double *work);

/* A fitted model (the opaque struct of caspian/ets.h). */
struct caspian_ets_model {
	struct ets_par par;
	double x0[ETS_MAX_STATES];   /* initial states (layout above) */
	double xend[ETS_MAX_STATES]; /* states after the last observation */
	size_t n, nobs, k;           /* length, observed values, parameters */
	double sse;                  /* sum of squared innovations */
	double loglik, aic, aicc, bic, sigma2;
	int constant;                /* the constant-series fallback */
	unsigned long seed;
	int nsim, pi_method;
	double *y;                   /* copy of the data (n values) */
};

/* Number of free initial states (l0, b0, m - 1 seasonal) and the full state from them. */
size_t ets_nfree(const struct ets_par *p);
void ets_states_from_free(const struct ets_par *p, const double *th, double *x0);

/*
 * ets_profile() - minimise the objective of ets_objective() over the free
 * initial states th (in: start, out: the minimiser found) for the smoothing
 * parameters in p, by at most max_steps Gauss-Newton steps, stopping when a
 * step gains less than tol (1 + |objective|).  work holds m * nfree doubles.
 * Returns the objective at th, +inf when it is not finite there.
 */
double ets_profile(const struct ets_par *p, const double *y, size_t n, double *th,
		   size_t max_steps, double tol, double *work);

/*
 * ets_state_cov() - covariance of the state after the last observation that
 * comes from estimating the initial states: D C D', where C = s2 (J'J)^-1 is
 * the Gauss-Newton covariance of the free initial states (J the Jacobian of the
 * scaled innovations, s2 the innovation variance) and D = d x_n / d x0.
 * cov receives nstates^2 values (row-major).  work: m * nfree doubles.
 * Returns 0, or -1 when J'J is singular or a value is not finite.
 */
int ets_state_cov(const struct ets_par *p, const double *y, size_t n, const double *x0,
		  double s2, double *cov, double *work);

/* Standard normal and Student t two-sided quantiles for a level in percent. */
double ets_z(double level);
double ets_t(double level, double df);

#endif
