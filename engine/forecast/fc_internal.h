/*
 * fc_internal.h - helpers shared by the forecasting methods (not installed).
 */
#ifndef CASPIAN_FC_INTERNAL_H
#define CASPIAN_FC_INTERNAL_H

#include <math.h>
#include <stddef.h>

#include "caspian/error.h"
#include "caspian/forecast.h"

/* The methods of the table (one definition each, in the file named). */
extern const struct caspian_method caspian_method_naive;    /* simple.c */
extern const struct caspian_method caspian_method_snaive;   /* simple.c */
extern const struct caspian_method caspian_method_mean;     /* simple.c */
extern const struct caspian_method caspian_method_drift;    /* simple.c */
extern const struct caspian_method caspian_method_cagr;     /* simple.c */
extern const struct caspian_method caspian_method_trend;    /* trend.c */
extern const struct caspian_method caspian_method_logtrend; /* trend.c */
extern const struct caspian_method caspian_method_theta;    /* theta.c */
extern const struct caspian_method caspian_method_otheta;   /* theta.c */
extern const struct caspian_method caspian_method_ets;      /* smoothing.c */
extern const struct caspian_method caspian_method_ses;      /* smoothing.c */
extern const struct caspian_method caspian_method_holt;     /* smoothing.c */
extern const struct caspian_method caspian_method_damped;   /* smoothing.c */
extern const struct caspian_method caspian_method_hw;       /* smoothing.c */
extern const struct caspian_method caspian_method_arima;    /* fc_arima.c */
extern const struct caspian_method caspian_method_comb;     /* comb.c */
extern const struct caspian_method caspian_method_auto;     /* auto.c */

/* Season from the options: max(1, opts->season); opts may be NULL. */
size_t fc_season(const struct caspian_fc_opts *opts);

/* Standard normal quantile for a two-sided level in percent: z(1/2 + L/200). */
double fc_z(double level);

/* Student t quantile for a two-sided level in percent with df degrees. */
double fc_t(double level, double df);

/*
 * One item of a method's variant, the ';'-separated text after "NAME:":
 * text[0..len), split at its first '=' into key[0..klen) and
 * value[0..vlen); value is NULL when the item has no '='.
 */
struct fc_item {
	const char *text, *key, *value;
	size_t len, klen, vlen;
};

/* Reads the item at *p into it and moves *p past it and its ';'; 0 when
 * no item is left (at the end of the text). */
int fc_next_item(const char **p, struct fc_item *it);

/* 1 when text[0..len) is exactly word. */
int fc_item_is(const char *text, size_t len, const char *word);

/* Fail with CASPIAN_EINVAL when opts carries a spec the method does not take. */
int fc_no_spec(const char *method, const struct caspian_fc_opts *opts,
	       struct caspian_error *err);

/* Count of values that are not NaN. */
size_t fc_count_present(const double *y, size_t n);

/* Index of the first value <= 0 that is not NaN, or n when all are positive. */
size_t fc_first_nonpositive(const double *y, size_t n);

/* Fail with CASPIAN_EDOM naming the first value <= 0 (for log-scale methods). */
int fc_need_positive(const char *method, const double *y, size_t n,
		     struct caspian_error *err);

/*
 * Simple exponential smoothing fitted by least squares (what R's
 * ets(y, "ANN", opt.crit = "mse") fits): level l[t] = l[t-1] + alpha e[t],
 * e[t] = y[t] - l[t-1].  For fixed alpha the squared-error sum is a quadratic
 * in l0, so l0 is solved exactly and alpha is found by a grid and Brent's
 * method on [alpha_lo, alpha_hi].
 */
struct fc_ses {
	double alpha, l0, level; /* level = l[n] */
	double sse;
	size_t n;
};
int fc_ses_fit(const double *y, size_t n, double alpha_lo, double alpha_hi,
	       struct fc_ses *out, struct caspian_error *err);
/* SSE and final level for a given alpha with the optimal l0. */
double fc_ses_profile(const double *y, size_t n, double alpha, double *l0, double *level);

/*
 * Minimise f on [lo, hi]: the best of `grid` equally spaced points, refined by
 * Brent's method (GSL) when that point is interior, else by golden section.
 * Returns the argument; *fmin (may be NULL) receives the value.
 */
double fc_minimise_1d(double (*f)(double, void *), void *ctx, double lo, double hi,
		      size_t grid, double *fmin);

/* OLS of y on t = 0..n-1: intercept *a, slope *b. n >= 2. */
void fc_ols_line(const double *y, size_t n, double *a, double *b);

/*
 * Seasonality test of the M3 Theta entry: with r_k the sample autocorrelations,
 * seasonal when |r_m| > z(0.95) sqrt((1 + 2 sum_{k<m} r_k^2) / n).  Needs
 * m > 1, n > 2m and a non-constant series; returns 0 otherwise.
 */
int fc_seasonal_test(const double *y, size_t n, size_t m, double level);
/* The level of that test in Theta and ":sa" (the M3 entry's 90%). */
#define FC_SEASONAL_TEST_LEVEL 90.0

/*
 * The seasonal adjustment of Theta and ":sa": x[0..n) receives y / index[t
 * mod m] when fc_seasonal_test passes at FC_SEASONAL_TEST_LEVEL and
 * fc_decompose_mult gives positive indices, *index then holding the m
 * indices (the caller frees them); otherwise x receives y and *index is
 * NULL.  Returns 0, or -1 when out of memory (*index NULL).
 */
int fc_seasonal_adjust(const double *y, size_t n, size_t m, double *x, double **index);

/*
 * Appends the indices of the m periods after the n fitted values to the
 * --details parameters text params (size bytes) as "s1=... sm=..." (%.6g),
 * after a space when params is not empty; stops when the text is full.
 */
void fc_describe_indices(char *params, size_t size, const double *index, size_t m, size_t n);

/*
 * Classical multiplicative decomposition (R's decompose(type = "multiplicative")):
 * centred moving average of order m (2 x m for even m), ratios y / trend averaged
 * by position, normalised to mean 1.  index[0..m) receives the factor of
 * positions t with t mod m == j.  Returns 0, or -1 when a factor is not finite
 * and positive (the caller falls back to no adjustment).
 */
int fc_decompose_mult(const double *y, size_t n, size_t m, double *index);

/* The checks every forecast output passes (finite, ordered).  -1 on failure. */
int fc_check_output(size_t h, size_t nlevels, const double *mean, const double *lo,
		    const double *hi, size_t *bad);

#endif
