/*
 * caspian/metrics.h - growth arithmetic on one series.
 *
 * Time between periods is measured from the periods themselves:
 *     years = (p1 - p0) / periods_per_year(freq)
 * never from a count of rows.  Formulas and references: docs/methods.md.
 *
 * A ratio or a logarithm of a non-positive value is undefined: such calls
 * return CASPIAN_EDOM and err->msg names the series, the period and the value.
 * Outputs are left untouched on error.  Series are borrowed.
 */
#ifndef CASPIAN_METRICS_H
#define CASPIAN_METRICS_H

#include <stddef.h>

#include "caspian/error.h"
#include "caspian/series.h"

struct caspian_growth {
	long p0, p1;          /* start and end periods (ordinals) */
	double v0, v1;        /* values there */
	double years;         /* (p1 - p0) / periods per year */
	double change;        /* v1 - v0 */
	double pct_change;    /* v1 / v0 - 1, a fraction */
	double fold;          /* v1 / v0 */
	double cagr;          /* fold^(1/years) - 1 */
	double log_rate;      /* ln(fold) / years: continuously compounded, per year */
	double doubling_years;/* ln 2 / log_rate when growing; NaN when not growing */
	double mean_rate;     /* arithmetic mean of annualised period-on-period rates */
	size_t n_rates;       /* how many rates that mean averages */
};

/*
 * caspian_growth_between() - growth of s from period p0 to period p1.
 * The mean rate averages, over consecutive observed values between p0 and p1
 * (missing values are stepped over), the rate (v_j / v_i)^(ppy / (j - i)) - 1.
 * Returns CASPIAN_EINVAL if p1 <= p0, CASPIAN_EDOM if the value at p0 or p1
 * is missing or any value used is not positive.
 */
int caspian_growth_between(const struct caspian_series *s, long p0, long p1,
			   struct caspian_growth *g, struct caspian_error *err);

/*
 * caspian_yoy() - for every period t of s: pop[t] = v[t] / v[t-1] - 1 and
 * yoy[t] = v[t] / v[t'] - 1 where t' is the same period a year earlier (t - 4
 * quarterly, t - 12 monthly, the same ISO week number or calendar day of the
 * previous year for weekly and daily data; for annual data yoy = pop).  A rate
 * is NaN where either value is missing or t' does not exist (week 53, 29
 * February).  pop and yoy have s->n elements.  Returns CASPIAN_EDOM when a
 * denominator is zero or negative.
 */
int caspian_yoy(const struct caspian_series *s, double *pop, double *yoy,
		struct caspian_error *err);

/*
 * caspian_index_base() - the base value of an index: the value at base (of
 * frequency base_freq equal to s->freq), or, when base_freq is annual and s is
 * finer, the mean of that year's values (all must be present).  Returns
 * CASPIAN_EDOM for a missing or non-positive base, CASPIAN_EINVAL when
 * base_freq is neither s->freq nor annual.
 */
int caspian_index_base(const struct caspian_series *s, enum caspian_freq base_freq,
		       long base, double *base_value, struct caspian_error *err);

/* caspian_rate_needed() - (target / from)^(1 / years) - 1.  CASPIAN_EDOM unless
 * target and from are positive; CASPIAN_EINVAL unless years > 0. */
int caspian_rate_needed(double from, double target, double years, double *rate,
			struct caspian_error *err);

/*
 * caspian_years_to_reach() - ln(target / from) / ln(1 + rate): the years until
 * from, growing at rate per year, reaches target.  CASPIAN_EDOM when from or
 * target is not positive, rate <= -1, or the target is never reached (rate 0
 * and target != from, or growth in the wrong direction).
 */
int caspian_years_to_reach(double from, double target, double rate, double *years,
			   struct caspian_error *err);

/*
 * caspian_contrib() - contributions of components to the growth of total
 * from p0 to p1: contrib[i] = (c_i(p1) - c_i(p0)) / total(p0), a fraction
 * (x100 = percentage points).  *growth = total(p1) / total(p0) - 1.  When the
 * components add up to the total, the contributions sum to *growth; the
 * caller reports any residual.  All series must share total's frequency.
 * Returns CASPIAN_EDOM for a missing value at p0 or p1 or a total(p0) <= 0,
 * CASPIAN_EINVAL for p1 <= p0 or a frequency mismatch.
 */
int caspian_contrib(const struct caspian_series *total,
		    const struct caspian_series *const *components, size_t k, long p0,
		    long p1, double *contrib, double *growth, struct caspian_error *err);

/* The latest period of s with a value; CASPIAN_EDOM when every value is missing. */
int caspian_series_last(const struct caspian_series *s, long *period, double *value,
			struct caspian_error *err);

#endif
