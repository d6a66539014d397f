/*
 * caspian/forecast.h - forecasting methods behind one interface, and the
 * rolling-origin backtest.
 *
 * Every method is one entry of a table (struct caspian_method), in the manner
 * of GSL's type tables: a name, a one-line summary, fit, forecast with
 * prediction intervals at any levels, information criteria where they are
 * comparable, a description of the fitted model, and free.  `auto`, the
 * backtest, combinations and the command line all loop over that table, so a
 * method added to it (ARIMA, a combination) is available everywhere at once.
 *
 * Most callers use the wrappers caspian_fc_fit / caspian_fc_forecast /
 * caspian_fc_free, which apply the policies common to all methods:
 *
 *   - Missing values (NaN).  Leading and trailing missing values are dropped
 *     before fitting; forecasts still start one period after the last value
 *     given, so trailing gaps count as forecast steps (and widen intervals).
 *     Interior missing values are passed to methods flagged
 *     CASPIAN_FC_MISSING_OK (each says in its notes how it uses them); any
 *     other method refuses the series with CASPIAN_EDOM and a message naming
 *     the first missing position.  An all-missing series is CASPIAN_EDOM.
 *   - Seasonality.  opts->season is the seasonal period m (4 quarterly, 12
 *     monthly; 1 or 0: none).  Seasonal methods need at least the number of
 *     observations each one documents and otherwise fail with CASPIAN_EINVAL
 *     or fall back as documented.
 *   - Outputs.  A forecast that succeeds has finite means and finite,
 *     ordered intervals lo <= mean <= hi at every level; a method that would
 *     produce anything else fails with CASPIAN_EDOM instead.  Levels are
 *     percentages strictly between 0 and 100.
 *
 * Intervals are level-major: for level index l and step i (0-based),
 * lo[l * h + i] and hi[l * h + i].
 *
 * Threads: nothing here holds global state; distinct models may be fitted
 * and forecast concurrently.  GSL's error handler must be off (see
 * caspian.h): the methods check every GSL status themselves.
 */
#ifndef CASPIAN_FORECAST_H
#define CASPIAN_FORECAST_H

#include <stddef.h>

#include "caspian/error.h"

/* Seed used for simulated intervals when opts->seed is 0. */
#define CASPIAN_FC_DEFAULT_SEED 20260101UL

/*
 * Options shared by every method.  A zero-initialised struct (or a NULL
 * pointer) means the defaults given for each field.
 */
struct caspian_fc_opts {
	size_t season;          /* seasonal period m; 0 or 1 = non-seasonal */
	double periods_per_year; /* only used to describe rates (cagr); 0 = unknown */
	const char *spec;       /* method variant, e.g. "MAdM" for ets; NULL = default */
	unsigned long seed;     /* seed for simulated intervals; 0 = CASPIAN_FC_DEFAULT_SEED */
	size_t nsim;            /* sample paths for simulated intervals; 0 = 5000 */
	size_t val_origins;     /* auto: validation origins; 0 = 6 (see auto below) */
	size_t val_h;           /* auto: validation horizon; 0 = m, or 4 without a season */
};

/* Information criteria of a likelihood-based fit (Gaussian likelihood). */
struct caspian_fc_ic {
	double loglik;  /* maximised log-likelihood */
	double aic;     /* -2 loglik + 2k */
	double aicc;    /* aic + 2k(k+1)/(nobs-k-1); +inf when nobs <= k+1 */
	double bic;     /* -2 loglik + k log(nobs) */
	size_t k;       /* estimated parameters, the initial states and variance included */
	size_t nobs;    /* observations in the likelihood */
};

/* What --details prints about a fitted model. */
struct caspian_fc_details {
	char model[400];   /* e.g. "ETS(M,Ad,N)", "Theta (deseasonalised, m=12)",
			      "Mean of" up to eight comb members */
	char params[2048]; /* "name=value" pairs separated by spaces (room for a
			      weekly season's 52 factors); "..." at the end when cut */
	int simulated;     /* 1 when intervals come from simulated sample paths */
	unsigned long seed; /* the seed used when simulated */
};

/* Method flags. */
enum {
	CASPIAN_FC_MISSING_OK = 1u << 0, /* interior NaN allowed (see method notes) */
	CASPIAN_FC_SEASONAL = 1u << 1,   /* uses opts->season */
	CASPIAN_FC_POSITIVE = 1u << 2,   /* needs every value > 0 (CASPIAN_EDOM otherwise) */
	CASPIAN_FC_META = 1u << 3,       /* selects or combines other methods */
	CASPIAN_FC_ADJUSTS = 1u << 4     /* adjusts for seasonality itself (no ":sa") */
};

/*
 * One forecasting method.  A method's state is whatever its fit allocates;
 * callers treat it as opaque and release it with free.
 *
 * fit       fits y[0..n) (no leading or trailing NaN; interior NaN only when
 *           flags has CASPIAN_FC_MISSING_OK) and stores a new state in *state.
 *           Returns CASPIAN_OK, CASPIAN_EINVAL (too few observations, bad
 *           spec), CASPIAN_EDOM (values the method cannot take), CASPIAN_ENOCONV
 *           or CASPIAN_ENOMEM; *state is untouched on error.
 * forecast  writes mean[h] and, for nlevels levels (percent), lo/hi[nlevels*h]
 *           level-major.  lo and hi may be NULL when nlevels is 0.
 * ic        fills *ic and returns 1 when the method has a likelihood; returns 0
 *           (ic untouched) otherwise.  NULL when the method never has one.
 * ic_family ICs compare only between fits of the same family (same data,
 *           same likelihood): "ets" for the exponential smoothing models; an
 *           arima uses its own ("arima"), since a likelihood after
 *           differencing is not comparable with ETS's.  NULL when the method
 *           has no likelihood.
 *
 * A method that selects or combines others (auto; comb averaging
 * members) sets CASPIAN_FC_META and fits its members through caspian_fc_fit,
 * so they get the same missing-value policy and output checks.
 * describe  fills *d (model name, parameters, whether intervals are simulated).
 * check_spec  returns CASPIAN_OK when spec (never NULL or empty; ":sa" taken
 *           out) is a variant the method takes, else the error its fit would
 *           give on any series.  NULL when the method takes no variant.
 */
struct caspian_method {
	const char *name;
	const char *summary;
	unsigned flags;
	const char *ic_family;
	int (*fit)(const double *y, size_t n, const struct caspian_fc_opts *opts,
		   void **state, struct caspian_error *err);
	int (*forecast)(const void *state, size_t h, const double *levels, size_t nlevels,
			double *mean, double *lo, double *hi, struct caspian_error *err);
	int (*ic)(const void *state, struct caspian_fc_ic *ic);
	void (*describe)(const void *state, struct caspian_fc_details *d);
	void (*free)(void *state);
	int (*check_spec)(const char *spec, struct caspian_error *err);
};

/*
 * The method table, NULL-terminated, in the order help texts list them:
 *
 *   naive     random walk: y[n+h] = y[n]; se = sigma sqrt(h), sigma^2 the mean
 *             squared one-step difference.  Missing OK (last value carried).
 *   snaive    seasonal random walk: y[n+h] = y[n+h-m(k)], k = floor((h-1)/m)+1;
 *             se = sigma sqrt(k), sigma^2 the mean squared seasonal difference.
 *             Needs n >= m.  Missing OK.
 *   mean      y[n+h] = ybar; interval ybar +- t(n-1) s sqrt(1 + 1/n).  Missing OK.
 *   drift     random walk with drift b = (y[n] - y[1]) / (n - 1);
 *             se = sqrt(h sigma^2 + h^2 sigma^2 / (n - 1)), sigma^2 the variance
 *             of the one-step differences about b.  Needs n >= 3.  Missing OK.
 *   cagr      constant growth at the historical CAGR g = (y[n]/y[1])^(1/(n-1)) - 1:
 *             y[n+h] = y[n] (1+g)^h, the drift method on log y back-transformed
 *             (so the point forecast is the median).  Needs every value > 0.
 *   trend     OLS y = a + b t, t = 1..n; interval from t(n-2) with
 *             se = s sqrt(1 + 1/n + (t - tbar)^2 / Stt).  Missing OK.
 *   logtrend  the same on log y, back-transformed (median forecast).  Needs
 *             every value > 0.  Missing OK.
 *   theta     standard Theta (Assimakopoulos & Nikolopoulos 2000) in the
 *             Hyndman & Billah (2003) form: SES with drift b/2, after classical
 *             multiplicative decomposition when the lag-m autocorrelation is
 *             significant at 90%.  Needs n >= 3.
 *   otheta    optimised Theta (Fiorucci et al. 2016): the weight of the theta
 *             line chosen with the smoothing parameter by in-sample MSE.
 *   ets       exponential smoothing state space models (Hyndman et al. 2008),
 *             chosen by AICc over the admissible models unless opts->spec names
 *             one ("ANN", "MAdM", ...).  Missing OK (skipped in the likelihood).
 *   ses, holt, damped, hw  ETS(A,N,N), ETS(A,A,N), ETS(A,Ad,N), and Holt-Winters
 *             (ETS(A,A,A), or ETS(M,A,M) when it has the lower AICc and the
 *             data are positive).
 *   arima     seasonal ARIMA (caspian/arima.h): the order chosen as
 *             auto.arima does (KPSS tests for d, seasonal strength for D,
 *             stepwise AICc), or fixed by the spec "order=p,d,q;seasonal=P,D,Q";
 *             "lambda=auto|L" adds a Box-Cox transform.  Missing OK (the
 *             Kalman filter skips them).
 *   comb      the mean or median of members' point forecasts, intervals the
 *             envelope of theirs (or a normal mixture, or their mean); spec
 *             "methods=A,B;how=mean|median;intervals=envelope|mixture|mean".
 *             Default members by period: m = 1 median of arima, theta,
 *             drift, ets:ZAdZ; 2..6 median of ets, ets:estimator=r, arima,
 *             theta, naive, hw; > 6 median of ets:estimator=r,
 *             arima:lambda=auto, theta, snaive.  A member that fails is left
 *             out; comb fails (with the first member's status) only when all do.
 *   auto      a series long enough to validate (n >= 2H + K + 4, K =
 *             opts->val_origins, default 6; H = opts->val_h, default m or 4
 *             without a season) gets comb, unless snaive (seasonal) or naive
 *             has a lower mean absolute error than theta over the last K
 *             origins of H steps, when that simple method is used; a shorter
 *             series gets the ETS model chosen by AICc (theta, then naive,
 *             when none fits).  docs/forecast.md states the rule in full.
 */
extern const struct caspian_method *const caspian_methods[];

/* caspian_method_find() - the method called name, or NULL. */
const struct caspian_method *caspian_method_find(const char *name);

/*
 * caspian_method_parse() - split "NAME[:SPEC]" (e.g. "ets:MAdM") and look the
 * name up.  Stores the method in *method and a pointer to SPEC (or NULL) in
 * *spec; spec points into text.  Returns CASPIAN_OK or CASPIAN_ENOTFOUND with
 * a message listing the valid names.
 */
int caspian_method_parse(const char *text, const struct caspian_method **method,
			 const char **spec, struct caspian_error *err);

/*
 * caspian_fc_check_spec() - whether spec (NULL: none) is a variant method
 * takes, ":sa" included, without any data: CASPIAN_OK, or the error
 * caspian_fc_fit would give for it on every series (CASPIAN_EINVAL or
 * CASPIAN_EPARSE).  A bad variant is then a usage error that need not be
 * found series by series.  Checks that depend on the seasonal period (a
 * seasonal ARIMA order without one) are left to the fit.
 */
int caspian_fc_check_spec(const struct caspian_method *method, const char *spec,
			  struct caspian_error *err);

/* A fitted model: the method, its state and the framework's bookkeeping. */
struct caspian_fc_model;

/*
 * caspian_fc_fit() - fit method to y[0..n) under opts (NULL = defaults),
 * applying the missing-value policy above.
 *
 * Seasonal adjustment: when opts->spec has the part "sa" (alone, or joined to
 * the method's own spec by ';', as in "sa" or "MAdN;sa"), the method forecasts
 * the seasonally adjusted series as non-seasonal (season 1), the way the M3
 * competition ran its non-seasonal methods: when m > 1 and the lag-m
 * autocorrelation is significant at the 90% level (Theta's test), y is
 * divided by its classical multiplicative indices, and forecasts and interval
 * bounds are multiplied by the index of their period; otherwise (or when an
 * index is not positive) y is used as it is.  "sa" is refused
 * (CASPIAN_EINVAL) by methods that adjust or combine themselves
 * (CASPIAN_FC_ADJUSTS, CASPIAN_FC_META) and, with CASPIAN_EDOM, on a series
 * with interior missing values.  The fit then has no information criteria
 * (its likelihood is on the adjusted scale).  On success *out holds a model the
 * caller frees with caspian_fc_free().  Returns CASPIAN_OK, or the method's
 * status (see struct caspian_method), or CASPIAN_EDOM for missing values the
 * method cannot take and for an all-missing series, CASPIAN_EINVAL for n == 0,
 * a single observed value (every method: it gives no measure of
 * uncertainty) or a NULL argument.  y is borrowed and may be freed after the
 * call.
 */
int caspian_fc_fit(const struct caspian_method *method, const double *y, size_t n,
		   const struct caspian_fc_opts *opts, struct caspian_fc_model **out,
		   struct caspian_error *err);

/*
 * caspian_fc_forecast() - forecasts for steps 1..h after the last value given
 * to caspian_fc_fit, with intervals at levels[0..nlevels) (percent, each in
 * (0, 100)).  mean has h elements, lo and hi nlevels * h (level-major; may be
 * NULL when nlevels is 0).  Returns CASPIAN_OK, CASPIAN_EINVAL (h == 0, a level
 * outside (0, 100)), CASPIAN_EDOM (the method produced a non-finite or
 * unordered result), CASPIAN_ENOMEM.  Outputs are unspecified on error.
 */
int caspian_fc_forecast(const struct caspian_fc_model *model, size_t h,
			const double *levels, size_t nlevels, double *mean, double *lo,
			double *hi, struct caspian_error *err);

/* caspian_fc_ic() - 1 and *ic filled when the fit has a likelihood, else 0. */
int caspian_fc_ic(const struct caspian_fc_model *model, struct caspian_fc_ic *ic);

/* caspian_fc_describe() - the fitted model and its parameters. */
void caspian_fc_describe(const struct caspian_fc_model *model, struct caspian_fc_details *d);

/* caspian_fc_method() - the method of a fitted model. */
const struct caspian_method *caspian_fc_method(const struct caspian_fc_model *model);

/* caspian_fc_free() - release a model; NULL is a no-op. */
void caspian_fc_free(struct caspian_fc_model *model);

/*
 * caspian_fc_run() - fit, forecast and free in one call (for batch loops).
 * d may be NULL; otherwise it receives the description of the fit.  Same
 * statuses as caspian_fc_fit and caspian_fc_forecast.
 */
int caspian_fc_run(const struct caspian_method *method, const double *y, size_t n,
		   const struct caspian_fc_opts *opts, size_t h, const double *levels,
		   size_t nlevels, double *mean, double *lo, double *hi,
		   struct caspian_fc_details *d, struct caspian_error *err);

/* ---- accuracy measures and the rolling-origin backtest ---------------------- */

/*
 * caspian_fc_scale() - the MASE scale of y[0..n): the mean absolute seasonal
 * difference (1/(n-m)) sum_{t>m} |y[t] - y[t-m]| over pairs with both values
 * present (m = season, 1 when 0).  NaN when there is no such pair.
 */
double caspian_fc_scale(const double *y, size_t n, size_t season);

enum { CASPIAN_BT_MAX_LEVELS = 8 };

/*
 * Accuracy of one method over every origin and step of a backtest.  The
 * measures are means over the scored points (actual value present):
 *   MAE = mean |e|, RMSE = sqrt(mean e^2), MAPE = 100 mean |e/y| (points with
 *   y = 0 skipped), sMAPE = 200 mean |e| / (|y| + |f|) (0 when both are 0),
 *   MASE = mean |e| / scale, the scale computed on each origin's training
 *   part (caspian_fc_scale; origins with an undefined or zero scale skipped),
 *   coverage[l] = 100 * share of points inside the level-l interval.
 * A measure with no point to average is NaN.
 */
struct caspian_bt_metrics {
	double mae, rmse, mape, smape, mase;
	double coverage[CASPIAN_BT_MAX_LEVELS];
	size_t points;   /* points scored */
	size_t origins;  /* origins where the method fitted */
	size_t failed;   /* origins where it failed (not scored) */
	int first_error; /* status of the first failure, 0 if none */
};

/*
 * caspian_backtest() - rolling-origin evaluation of methods[0..nmethods) on
 * y[0..n): for each of the last `origins` origins o = n-h-origins+1 .. n-h,
 * fit on y[0..o) and forecast h steps, scored against y[o..o+h).
 * opts->spec is ignored (each entry of methods may carry its own spec in
 * specs[i], or specs may be NULL).  Fills out[0..nmethods).
 * Returns CASPIAN_OK (a method that fails at an origin is counted in failed,
 * not an error), CASPIAN_EINVAL (h or origins 0, nlevels > CASPIAN_BT_MAX_LEVELS,
 * or n < h + origins + 2: the message says how many observations are needed),
 * CASPIAN_ENOMEM.
 */
int caspian_backtest(const double *y, size_t n, const struct caspian_fc_opts *opts,
		     const struct caspian_method *const *methods, const char *const *specs,
		     size_t nmethods, size_t h, size_t origins, const double *levels,
		     size_t nlevels, struct caspian_bt_metrics *out, struct caspian_error *err);

#endif
