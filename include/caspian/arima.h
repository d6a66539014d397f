/*
 * caspian/arima.h - seasonal ARIMA models: exact maximum likelihood, automatic
 * order selection, forecasts with prediction intervals.
 *
 * The model for a series y_1..y_n (after an optional Box-Cox transform) is
 *
 *     phi(B) Phi(B^m) (1-B)^d (1-B^m)^D (y_t - c_t) = theta(B) Theta(B^m) e_t,
 *
 * e_t ~ N(0, sigma2), with phi(B) = 1 - phi_1 B - ... - phi_p B^p (ar),
 * Phi(B^m) = 1 - Phi_1 B^m - ... (sar), theta(B) = 1 + theta_1 B + ... (ma),
 * Theta(B^m) = 1 + Theta_1 B^m + ... (sma), the sign conventions of R's
 * arima().  c_t is a constant mean mu when d + D = 0, a drift beta * t
 * (t = 1..n) when d + D = 1, and absent when d + D >= 2.
 *
 * Estimation is exact Gaussian maximum likelihood through a state-space form
 * and Kalman filter, started from conditional-sum-of-squares estimates; the
 * AR parts are kept stationary by estimating partial autocorrelations
 * through tanh, and MA roots inside the unit circle are flipped afterwards so
 * the reported model is invertible.  Automatic selection follows Hyndman and
 * Khandakar (2008): KPSS tests choose d, a seasonal-strength test chooses D,
 * and a stepwise search minimises AICc.  docs/methods-arima.md gives the
 * formulas, the initialisation of the filter and the references.
 *
 * Values are doubles; NaN marks a missing value.  Leading missing values are
 * dropped (the model starts at the first observation); other missing values
 * are skipped by the Kalman filter.  Forecasts are for the h periods after
 * the last element of the array passed to caspian_arima_fit().
 *
 * A fitted model is an opaque, immutable object: it may be shared between
 * threads for forecasting.  The library keeps no global state; GSL's error
 * handler must be switched off by the program (gsl_set_error_handler_off()).
 */
#ifndef CASPIAN_ARIMA_H
#define CASPIAN_ARIMA_H

#include <stddef.h>

#include "caspian/error.h"

/*
 * An ARIMA(p,d,q)(P,D,Q)[m] order.  m is the seasonal period; with m <= 1
 * the seasonal orders P, D, Q must be 0.  constant = 1 asks for a mean
 * (d + D = 0) or a drift (d + D = 1); it is ignored when d + D >= 2, as in
 * R's forecast::Arima(include.constant = TRUE).
 */
struct caspian_arima_order {
	int p, d, q;
	int P, D, Q;
	int m;
	int constant;
};

/* Information criterion minimised by automatic selection. */
enum caspian_arima_ic {
	CASPIAN_ARIMA_AICC = 0,
	CASPIAN_ARIMA_AIC = 1,
	CASPIAN_ARIMA_BIC = 2
};

/*
 * Options.  caspian_arima_opts_init() sets the defaults of R's
 * forecast::auto.arima() (version 8.20); they are listed beside each field.
 */
struct caspian_arima_opts {
	int period;        /* seasonal period m for automatic selection; 1 = none (1) */
	double lambda;     /* Box-Cox parameter; NAN = no transform (NAN) */
	int lambda_auto;   /* 1: choose lambda in [-0.9, 2] by Guerrero's method (0) */
	int biasadj;       /* 1: back-transformed mean is the mean, not the median (0) */
	int d, D;          /* differencing orders; -1 = chosen by test (-1, -1) */
	int max_p, max_q;  /* non-seasonal AR and MA limits (5, 5) */
	int max_P, max_Q;  /* seasonal AR and MA limits (2, 2) */
	int max_order;     /* p+q+P+Q limit of the exhaustive search (5) */
	int max_d, max_D;  /* differencing limits (2, 1) */
	int start_p, start_q, start_P, start_Q; /* first stepwise model (2, 2, 1, 1) */
	int stepwise;      /* 1: stepwise search; 0: every model within the limits (1) */
	int nmodels;       /* limit on models tried by the stepwise search (94) */
	int seasonal;      /* 0: consider non-seasonal models only (1) */
	int allow_drift;   /* consider a drift when d + D = 1 (1) */
	int allow_mean;    /* consider a mean when d + D = 0 (1) */
	int approximation; /* fit by CSS during the search; -1: when n > 150 or m > 12 (-1) */
	enum caspian_arima_ic ic; /* (CASPIAN_ARIMA_AICC) */
	double kpss_alpha;        /* KPSS level for d, clamped to [0.01, 0.1] (0.05) */
	double seasonal_strength; /* D = 1 when seasonal strength exceeds it (0.64) */
	int maxit;         /* iteration limit of each optimisation (100) */
};

/* An estimated model; opaque. */
struct caspian_arima_model;

/* caspian_arima_opts_init() - fill o with the defaults listed above. */
void caspian_arima_opts_init(struct caspian_arima_opts *o);

/*
 * caspian_arima_fit() - estimate an ARIMA model for y[0..n-1].
 *
 * order != NULL fits that order by exact maximum likelihood; order == NULL
 * selects the order automatically (Hyndman & Khandakar 2008) with o->period
 * as the seasonal period.  o == NULL uses caspian_arima_opts_init()'s
 * defaults.  With a Box-Cox transform the model, its likelihood and its
 * information criteria are on the transformed scale.
 *
 * Documented fallbacks (the fit succeeds):
 *   - a constant series (all observed values equal to within a relative
 *     1.5e-8) gets a constant model: forecasts equal the value, intervals have
 *     zero width, loglik and the criteria are NaN;
 *   - in automatic selection, a series that is constant after differencing
 *     gets ARIMA(0,d,0)(0,D,0) with its constant fixed at the mean difference;
 *   - if the CSS start of a fixed-order fit has a non-stationary AR part,
 *     maximum likelihood starts from zero instead;
 *   - lambda_auto with any value <= 0 uses no transform.
 *
 * Returns CASPIAN_OK and stores a new model in *out (free it with
 * caspian_arima_free()).
 * Returns CASPIAN_EINVAL for NULL pointers, negative orders, seasonal orders
 *         with m <= 1, orders beyond 100 (p, q, P, Q) or 10 (d, D), m > 1000,
 *         an order whose differencing leaves fewer than 1 + (number of
 *         estimated coefficients) observations, or options out of range
 *         (negative limits, nmodels or maxit < 1, period outside 0..1000);
 *         CASPIAN_ELIMIT when max(p + mP, q + mQ + 1) + d + mD exceeds 3000
 *         (the filter's state dimension);
 *         CASPIAN_EDOM when every value is missing or infinite values occur,
 *         or a Box-Cox lambda <= 0 meets a value <= 0 (msg names the index);
 *         CASPIAN_ENOCONV when the likelihood cannot be evaluated at any
 *         parameter value tried, or no candidate model of an automatic search
 *         could be estimated;
 *         CASPIAN_ENOMEM when out of memory.
 * *out is set to NULL on error.  y is borrowed.
 */
int caspian_arima_fit(const double *y, size_t n, const struct caspian_arima_order *order,
		      const struct caspian_arima_opts *o, struct caspian_arima_model **out,
		      struct caspian_error *err);

/*
 * caspian_arima_forecast() - point forecasts and prediction intervals for the
 * h periods after the data.
 *
 * mean[i] (i = 0..h-1) is the forecast of y_{n+1+i}.  For each level l
 * (percent, 0 < levels[l] < 100), lo[l*h+i] and hi[l*h+i] bound the central
 * levels[l]% prediction interval mean_z +- z * sqrt(v_i) computed on the
 * transformed scale and back-transformed, where v_i is the Kalman filter's
 * forecast variance (sigma2 times the sum of squared psi-weights once the
 * filter has reached its steady state).  Without biasadj the back-transformed
 * mean is the median of the forecast distribution.  Under Box-Cox with
 * lambda < 0, a bound beyond the range of the inverse transform is +INFINITY.
 * lo and hi may be NULL when nlevels == 0.
 *
 * Returns CASPIAN_OK, or CASPIAN_EINVAL for NULL model/mean, h == 0, or a
 * level outside (0, 100); CASPIAN_ENOMEM when out of memory.
 */
int caspian_arima_forecast(const struct caspian_arima_model *model, size_t h,
			   const double *levels, size_t nlevels, double *mean, double *lo,
			   double *hi, struct caspian_error *err);

/*
 * Fit statistics, on the (possibly transformed) scale of estimation.  With
 * k = number of estimated coefficients + 1 (for sigma2) and
 * n* = number of observations after differencing:
 *   aic = -2 loglik + 2k, aicc = aic + 2k(k+1)/(n* - k - 1) (+INFINITY when
 *   n* - k - 1 <= 0), bic = aic + k (log n* - 2).
 * sigma2 is R's forecast::Arima estimate: the sum of squared standardised
 * innovations divided by n* - k + 1.  NaN for a constant-series model.
 */
double caspian_arima_loglik(const struct caspian_arima_model *model);
double caspian_arima_aic(const struct caspian_arima_model *model);
double caspian_arima_aicc(const struct caspian_arima_model *model);
double caspian_arima_bic(const struct caspian_arima_model *model);
double caspian_arima_sigma2(const struct caspian_arima_model *model);

/* The Box-Cox lambda used, or NAN for none. */
double caspian_arima_lambda(const struct caspian_arima_model *model);

/*
 * caspian_arima_order_of() - the model's order; constant is 1 when a mean or
 * drift was estimated.
 */
void caspian_arima_order_of(const struct caspian_arima_model *model,
			    struct caspian_arima_order *order);

/*
 * caspian_arima_coef() - the estimated coefficients in the order ar1..arp,
 * ma1..maq, sar1..sarP, sma1..smaQ, then mean or drift when present.
 * Copies min(n, count) values into coef (may be NULL when n == 0) and
 * returns count.
 */
size_t caspian_arima_coef(const struct caspian_arima_model *model, double *coef, size_t n);

/*
 * caspian_arima_describe() - a one-line description such as
 * "ARIMA(0,1,1)(0,1,1)[12] ma1=-0.4018 sma1=-0.5569 sigma2=0.001348".
 * Writes at most n bytes including the terminating NUL (snprintf rules) and
 * returns the length the full text needs.
 */
size_t caspian_arima_describe(const struct caspian_arima_model *model, char *buf, size_t n);

/* caspian_arima_free() - free a model; NULL is a no-op. */
void caspian_arima_free(struct caspian_arima_model *model);

#endif
