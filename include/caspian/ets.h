/*
 * caspian/ets.h - exponential smoothing as innovations state space models
 * (Hyndman, Koehler, Ord & Snyder 2008), on plain arrays.
 *
 * A model ETS(E,T,S) has an error E (A additive, M multiplicative), a trend T
 * (N none, A additive, Ad additive damped) and a season S (N, A, M) of period
 * m.  With q = l + phi b (l when T = N), the one-step forecast is
 * f = q + s (S = A), q s (S = M) or q (S = N), and each observation y updates
 *
 *     r = y - f,  e = r (E = A) or r / f (E = M)      (the innovation)
 *     d = r (S = N, A) or r / s (S = M)
 *     l' = q + alpha d,   b' = phi b + beta d,
 *     s' = s + gamma r (S = A) or s + gamma r / q (S = M)
 *
 * the state space forms of docs/methods-ets.md.  Parameters are estimated by
 * maximum likelihood (Gaussian innovations) jointly with the initial states,
 * inside the region forecast::ets calls "both": the usual bounds
 * 1e-4 <= alpha <= 0.9999, 1e-4 <= beta <= alpha, 1e-4 <= gamma <= 1 - alpha,
 * 0.8 <= phi <= 0.98, intersected with the admissible (forecastable) region.
 * A missing value (NaN) contributes nothing to the likelihood and the states
 * move on by their one-step prediction.
 *
 * The admissible models are those R's forecast::ets considers by default:
 * additive error with multiplicative season is refused (numerically
 * unstable), and multiplicative trends are not offered.  Multiplicative error
 * or season need every observed value > 0.
 *
 * Threads: no global state; distinct models may be fitted and used
 * concurrently.  GSL's error handler must be off (gsl_set_error_handler_off)
 * in any program that calls these functions.
 */
#ifndef CASPIAN_ETS_H
#define CASPIAN_ETS_H

#include <stddef.h>

#include "caspian/error.h"

/* Seed of the simulated intervals when the options leave it at 0. */
#define CASPIAN_ETS_DEFAULT_SEED 20260101UL

/* Seasonal models need 2 <= m <= this period (as forecast::ets). */
enum { CASPIAN_ETS_MAX_PERIOD = 24 };

/*
 * A model.  error 'A' or 'M'; trend 'N' or 'A'; damped 1 for Ad (trend must
 * be 'A'); season 'N', 'A' or 'M'.  For selection, any of error, trend and
 * season may be 'Z' (choose it by the options' criterion, AICc by default)
 * and damped may be -1 (either); a NULL spec means "ZZZ" with damped -1.
 */
struct caspian_ets_spec {
	char error;
	char trend;
	int damped;
	char season;
};

/* How caspian_ets_forecast builds its intervals (see there). */
enum caspian_ets_pi {
	CASPIAN_ETS_PI_CALIBRATED = 0, /* default */
	CASPIAN_ETS_PI_MODEL = 1       /* the model's own distribution only */
};

/* How caspian_ets_fit estimates a model (docs/methods-ets.md). */
enum caspian_ets_estimator {
	/* default: maximum likelihood with the initial states profiled out
	   (non-seasonal models: smoothing parameters searched from the best point
	   of a small design; seasonal ones: one round of Gauss-Newton and
	   Nelder-Mead from forecast::ets's start) */
	CASPIAN_ETS_ESTIMATE_ML = 0,
	/* forecast::ets 8.20's own search: R's Nelder-Mead (optim's variant) over
	   the smoothing parameters and initial states together from R's starting
	   values.  It reproduces R's fits and model choice, often stops at a lower
	   likelihood than the default, and costs about 3 times the CPU time on
	   monthly data */
	CASPIAN_ETS_ESTIMATE_R = 1
};

/* The criterion caspian_ets_fit minimises when it selects a model. */
enum caspian_ets_ic {
	CASPIAN_ETS_IC_AICC = 0, /* default, as forecast::ets */
	CASPIAN_ETS_IC_AIC = 1,
	CASPIAN_ETS_IC_BIC = 2
};

/*
 * Options.  caspian_ets_opts_init() fills the defaults given per field; a
 * NULL options pointer means those defaults.
 */
struct caspian_ets_opts {
	int season_period;         /* m; 0 or 1 = non-seasonal (default 1) */
	int allow_multiplicative;  /* selection may use error or season M (default 1);
				      a named model is fitted regardless */
	unsigned long seed;        /* simulated intervals (default, and for 0,
				      CASPIAN_ETS_DEFAULT_SEED) */
	int nsim;                  /* sample paths of simulated intervals (default 5000) */
	size_t max_iter;           /* Nelder-Mead iterations per search (default 2000) */
	double tol;                /* a search ends when the objective improves by less than
				      tol (1 + |objective|) (default 1e-8) */
	double size_tol;           /* ... or when the simplex is this small, in units of the
				      smoothing parameters (default 1e-3) */
	size_t rounds;             /* seasonal models: rounds of the alternating search
				      (default 1; see docs/methods-ets.md) */
	int pi_method;             /* enum caspian_ets_pi (default CASPIAN_ETS_PI_CALIBRATED) */
	int estimator;             /* enum caspian_ets_estimator (default
				      CASPIAN_ETS_ESTIMATE_ML) */
	int ic;                    /* enum caspian_ets_ic: what selection minimises
				      (default CASPIAN_ETS_IC_AICC) */
};

/* A fitted model (opaque). */
struct caspian_ets_model;

/* Estimated parameters and states (states of a seasonal model in s[0..m)). */
struct caspian_ets_params {
	struct caspian_ets_spec spec;
	int m;                          /* seasonal period of the model, 1 when S = N */
	double alpha, beta, gamma, phi; /* beta = 0 without trend, gamma = 0 without
					   season, phi = 1 unless damped */
	double l0, b0;                  /* initial level and slope (b0 = 0 without trend) */
	double s0[CASPIAN_ETS_MAX_PERIOD]; /* initial seasonal states, newest first as R
					      prints them: s0[0] is the state of the
					      period before the first observation */
	double ln, bn;                  /* level and slope after the last observation */
	double sn[CASPIAN_ETS_MAX_PERIOD]; /* seasonal states then, newest first */
};

/* caspian_ets_opts_init() - the documented defaults. */
void caspian_ets_opts_init(struct caspian_ets_opts *o);

/*
 * caspian_ets_fit() - fit y[0..n) (NaN = missing) and store a new model in
 * *out, freed with caspian_ets_free().
 *
 * spec names one model (no 'Z', damped 0 or 1) or a set to select from by
 * the criterion o->ic, AICc unless told (with 'Z' / -1; NULL = every
 * admissible model).  Selection skips the
 * models the data cannot support, as forecast::ets does: multiplicative ones
 * when a value is <= 0 or allow_multiplicative is 0, seasonal ones when m < 2,
 * m > CASPIAN_ETS_MAX_PERIOD or nobs <= m, and any model whose parameter count
 * k (smoothing parameters, initial states and the variance) leaves fewer than
 * two observations beyond it (nobs < k + 2, so that AICc is finite).
 *
 * A series whose observed values are all equal has no likelihood maximum; its
 * fit is the documented fallback ETS(A,N,N) with alpha = 0.0001, l0 = that value
 * and sigma2 = 0, giving flat forecasts with zero-width intervals, loglik
 * +inf and aic, aicc, bic -inf.
 *
 * Returns CASPIAN_OK;
 *   CASPIAN_EINVAL for n == 0, NULL arguments, an invalid spec or option, a
 *     value that is infinite, an all-missing series, a named model with too
 *     few observations (the message gives the count needed), a seasonal model
 *     with m outside 2..CASPIAN_ETS_MAX_PERIOD, or a selection left with no
 *     candidate because the series is too short;
 *   CASPIAN_EDOM for a named multiplicative model and an observed value <= 0
 *     (the message names its position), or a selection restricted to
 *     multiplicative models on such data;
 *   CASPIAN_ENOCONV when no candidate model reached a finite likelihood;
 *   CASPIAN_ENOMEM.
 * *out is untouched on error.  y is borrowed and may be freed after the call.
 */
int caspian_ets_fit(const double *y, size_t n, const struct caspian_ets_spec *spec,
		    const struct caspian_ets_opts *o, struct caspian_ets_model **out,
		    struct caspian_error *err);

/*
 * caspian_ets_forecast() - point forecasts mean[0..h) for the h periods after
 * the last value given to the fit, and intervals at levels[0..nlevels)
 * (percent, each strictly between 0 and 100): lo and hi hold nlevels * h
 * values, level-major (lo[l * h + i]).  lo and hi may be NULL when nlevels is 0.
 *
 * The mean is the model's point forecast (the conditional mean for classes
 * 1 and 2 of Hyndman et al. 2008 ch. 6).  Interval variances:
 *   - error A, season N or A (class 1): v_h = sigma2 (1 + sum_{j<h} c_j^2),
 *     c_j = alpha + beta phi_j + gamma [j mod m == 0], phi_j = phi + ... + phi^j;
 *   - error M, season N or A (class 2): v_h = (1 + sigma2) theta_h - mu_h^2 with
 *     theta_h = mu_h^2 + sigma2 sum_{j<h} c_j^2 theta_{h-j};
 *   - season M (class 3): quantiles of o->nsim simulated sample paths from a
 *     GSL Mersenne Twister seeded with o->seed (caspian_ets_simulated() says so);
 * and the interval is mean -/+ q sqrt(v_h).  With CASPIAN_ETS_PI_MODEL, q is the
 * normal quantile and v_h the fitted model's own variance, as forecast::ets
 * computes them.  With CASPIAN_ETS_PI_CALIBRATED (the default) v_h becomes
 * max(1, r_h) (v_h + u_h), where u_h is the variance of the point forecast due
 * to the estimated initial states (Gauss-Newton covariance propagated to the
 * last state) and r_h = c median(z_h^2) / 0.45494 compares the model's in-sample
 * h-step errors z_h (standardised by its own variance) with a chi-square(1),
 * c = nobs / (nobs - k + 1) correcting for their optimism;
 * q is the Student t quantile with nobs - k + 1 degrees of freedom.  Simulated
 * intervals are widened about the point forecast by the same factor.
 * docs/methods-ets.md gives the reasons.  Intervals are finite, nested across
 * levels and contain the point forecast: lo <= mean <= hi (zero width for a
 * zero variance).
 *
 * Returns CASPIAN_OK; CASPIAN_EINVAL for h == 0, NULL outputs or a level
 * outside (0, 100); CASPIAN_EDOM when the model produced a non-finite value
 * (nothing is left half-written as NaN: mean, lo and hi are then unspecified);
 * CASPIAN_ENOMEM.
 */
int caspian_ets_forecast(const struct caspian_ets_model *m, size_t h, const double *levels,
			 size_t nlevels, double *mean, double *lo, double *hi,
			 struct caspian_error *err);

/*
 * Information about a fit.  loglik is the full Gaussian log-likelihood at the
 * estimate, with sigma^2 concentrated out (sigma^2 = SSE / nobs):
 *     loglik = -nobs/2 (log(2 pi SSE / nobs) + 1) - [E = M] sum log|f_t|
 * over the nobs observed values.  R's forecast::ets reports
 * -0.5 (nobs log SSE + 2 [E = M] sum log|f_t|), which differs from it by the
 * constant nobs/2 (log(2 pi / nobs) + 1).  k = nparams counts the smoothing
 * parameters, the free initial states (l0, b0, m - 1 seasonal ones) and the
 * variance:  aic = -2 loglik + 2k, aicc = aic + 2k(k+1)/(nobs-k-1),
 * bic = -2 loglik + k log(nobs).  sigma2 = SSE / (nobs - k + 1), the residual
 * variance forecast::ets uses for intervals.
 */
double caspian_ets_loglik(const struct caspian_ets_model *m);
double caspian_ets_aic(const struct caspian_ets_model *m);
double caspian_ets_aicc(const struct caspian_ets_model *m);
double caspian_ets_bic(const struct caspian_ets_model *m);
double caspian_ets_sigma2(const struct caspian_ets_model *m);
size_t caspian_ets_nparams(const struct caspian_ets_model *m);
size_t caspian_ets_nobs(const struct caspian_ets_model *m);

/* caspian_ets_get_params() - the fitted model and its estimates. */
void caspian_ets_get_params(const struct caspian_ets_model *m, struct caspian_ets_params *p);

/*
 * caspian_ets_simulated() - 1 when caspian_ets_forecast simulates the intervals
 * of this model (season M), 0 when they are analytical; *seed (may be NULL)
 * receives the seed used.
 */
int caspian_ets_simulated(const struct caspian_ets_model *m, unsigned long *seed);

/*
 * caspian_ets_describe() - "ETS(M,Ad,N) alpha=0.5 beta=0.01 phi=0.98 l0=... b0=...
 * sigma2=..." into buf of size n (truncated, always terminated when n > 0).
 * Numbers are printed with %.17g so that they round-trip.
 */
void caspian_ets_describe(const struct caspian_ets_model *m, char *buf, size_t n);

/*
 * caspian_ets_spec_name() - "ETS(M,Ad,N)" (with Z for a component left to
 * selection, "ETS(A,Z,N)" for trend 'Z'; damped -1 under trend 'A' prints
 * "A?") into buf of size n.
 */
void caspian_ets_spec_name(const struct caspian_ets_spec *spec, char *buf, size_t n);

/*
 * caspian_ets_spec_parse() - read a model name into *spec.  Accepted (case
 * sensitive): three or four letters "ANN", "AAdN", "MAdM", "ZZZ"; the same
 * with commas and an optional ETS( ) around them ("ETS(M,Ad,N)"); and the
 * shortcuts ses = ETS(A,N,N), holt = ETS(A,A,N), damped = ETS(A,Ad,N),
 * hw = ETS(A,A,A), hw-mult = ETS(M,A,M), auto = ZZZ with damped -1.  In
 * "ZZZ"-style names a 'Z' trend means damped -1; "AZN" etc. likewise.
 * Returns CASPIAN_OK or CASPIAN_EPARSE with a message listing the forms.
 */
int caspian_ets_spec_parse(const char *text, struct caspian_ets_spec *spec,
			   struct caspian_error *err);

/* caspian_ets_free() - release a model; NULL is a no-op. */
void caspian_ets_free(struct caspian_ets_model *m);

#endif
