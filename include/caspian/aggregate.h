/*
 * caspian/aggregate.h - aggregation over flat value arrays and panels.
 *
 * Everything here runs over the panel layout of series.h: one contiguous value
 * buffer, series[i].values pointing into it.  NaN marks a missing value and is
 * skipped (and counted) by every operation; nothing here treats NaN as a
 * number.
 *
 * Determinism: every result is a fixed function of the input, whatever the
 * number of OpenMP threads.  Sums are not evaluated left to right (that chain
 * of dependent additions runs at a third of memory speed); the order they use
 * instead is spelled out at caspian_agg_sum() and is the same for 1 or N threads.
 * Work is spread over the threads OpenMP is allowed (omp_set_num_threads,
 * OMP_NUM_THREADS); without OpenMP everything runs on one thread.
 *
 * Errors: functions that allocate or validate return an enum caspian_status
 * and fill err (err may be NULL); outputs are untouched on error.  The plain
 * array kernels cannot fail and return their result directly.
 */
#ifndef CASPIAN_AGGREGATE_H
#define CASPIAN_AGGREGATE_H

#include <stddef.h>

#include "caspian/error.h"
#include "caspian/period.h"
#include "caspian/series.h"

/* How values are combined.  Each operation below lists the ones it accepts. */
enum caspian_agg_how {
	CASPIAN_AGG_SUM = 0,
	CASPIAN_AGG_MEAN = 1,
	CASPIAN_AGG_MIN = 2,
	CASPIAN_AGG_MAX = 3,
	CASPIAN_AGG_COUNT = 4,  /* number of non-missing values */
	CASPIAN_AGG_MEDIAN = 5,
	CASPIAN_AGG_FIRST = 6,  /* first non-missing value in time */
	CASPIAN_AGG_LAST = 7,   /* last non-missing value in time */
	CASPIAN_AGG_STD = 8     /* sample standard deviation (n - 1 denominator) */
};

/* "sum", "mean", "min", "max", "count", "median", "first", "last", "std". */
const char *caspian_agg_how_name(enum caspian_agg_how how);

/* Inverse of caspian_agg_how_name(): CASPIAN_OK, or CASPIAN_EINVAL (*out untouched). */
int caspian_agg_how_parse(const char *name, enum caspian_agg_how *out);

/* --- kernels over one flat array ------------------------------------------ */

/*
 * caspian_agg_sum() - the sum of the non-NaN values of x[0..n); the number of
 * them goes to *count when count is not NULL.  0 for n == 0 or all-missing.
 *
 * Order of evaluation (fixed, so results are reproducible bit for bit):
 *   - x is cut into blocks: n <= CASPIAN_AGG_BLOCK is one block; otherwise,
 *     with w = floor(n / CASPIAN_AGG_BLOCK) whole blocks, the range is split
 *     at h = ceil(w / 2) * CASPIAN_AGG_BLOCK and
 *     sum(x) = sum(x[0..h)) + sum(x[h..n)), recursively (pairwise over
 *     blocks).  Threads take whole subtrees, so the tree does not depend on
 *     the thread count.
 *   - Inside a block of m values, 16 accumulators a0..a15: a_j adds, in
 *     increasing i, x[i] for every i < 16*floor(m/16) with i mod 16 == j.
 *     The lanes are then combined pairwise: b_j = a_2j + a_2j+1 (8 sums),
 *     c_j = b_2j + b_2j+1 (4), d_j = c_2j + c_2j+1 (2), s = d_0 + d_1; the
 *     last m mod 16 values are added to s one by one in order.
 * The error bound is that of pairwise summation over blocks, with
 * 16-way-interleaved recursive summation inside a block: no worse than a plain
 * loop, and usually better.
 */
enum { CASPIAN_AGG_BLOCK = 8192 };
double caspian_agg_sum(const double *x, size_t n, size_t *count);

/* The mean of the non-NaN values (sum as above divided by their count); NaN if none. */
double caspian_agg_mean(const double *x, size_t n);

/*
 * caspian_agg_min() / caspian_agg_max() - the smallest / largest non-NaN value
 * of x[0..n), NaN if there is none.  Between -0.0 and +0.0 the result is
 * one of them, always the same one for the same input.
 */
double caspian_agg_min(const double *x, size_t n);
double caspian_agg_max(const double *x, size_t n);

/*
 * caspian_agg_sum_naive() - the same sum, left to right with one
 * accumulator.  Kept as the obvious reference (tests, benchmarks); its result
 * may differ from caspian_agg_sum() in the last bits.
 */
double caspian_agg_sum_naive(const double *x, size_t n, size_t *count);

/* --- per-series statistics ------------------------------------------------ */

struct caspian_stats {
	size_t count;        /* values present in the range */
	size_t missing;      /* NaN values in the range (inside the stored span) */
	double sum;          /* 0 when count == 0 */
	double mean;         /* sum / count; NaN when count == 0 */
	double min, max;     /* NaN when count == 0 */
	double first, last;  /* first / last value present; NaN when count == 0 */
	long first_period;   /* ordinal of first (and of last); only valid when count > 0 */
	long last_period;
};

/*
 * caspian_agg_stats() - statistics of the values of s in periods from..to
 * (ordinals in s's frequency, both included; LONG_MIN / LONG_MAX leave an end
 * open).  Periods outside the stored span count neither as values nor as
 * missing.  The sum follows caspian_agg_sum()'s order.  Cannot fail.
 */
void caspian_agg_stats(const struct caspian_series *s, long from, long to,
		       struct caspian_stats *out);

/*
 * caspian_agg_stats_panel() - caspian_agg_stats() for every series of p into
 * out[0..p->count), in parallel.  Returns CASPIAN_OK, or CASPIAN_EINVAL if
 * from > to.
 */
int caspian_agg_stats_panel(const struct caspian_panel *p, long from, long to,
			    struct caspian_stats *out, struct caspian_error *err);

/* --- across series, per period --------------------------------------------- */

struct caspian_across {
	struct caspian_series *series; /* the result: one value per period */
	size_t *used;     /* series.n entries: values combined into each period */
	size_t *missing;  /* series.n entries: series whose span covers the period
			     but whose value there is NaN */
};

/*
 * caspian_agg_across() - combine all series of p period by period:
 * out->series covers the union of their spans, named name, in their common
 * frequency, and holds for each period the sum / mean / min / max / count /
 * median of the values present there.  NaN values are skipped and counted in
 * missing[]; series not covering a period are neither.  A period with no
 * value gets NaN, except for count, which gives 0.  median of an even number
 * of values is the mean of the middle two.
 *
 * Sums are taken series by series in panel order, within fixed groups of
 * consecutive series whose size depends only on p->count; group results are
 * then added in group order.  The result is the same for any thread count.
 *
 * Returns CASPIAN_OK and fills *out (release with caspian_agg_across_release),
 * CASPIAN_EINVAL for an empty panel, series of different frequencies (the
 * message names two), a how outside the list above or an invalid name,
 * CASPIAN_ELIMIT if the union of spans exceeds CASPIAN_AGG_SPAN_MAX periods,
 * CASPIAN_ENOMEM.
 */
enum { CASPIAN_AGG_SPAN_MAX = 10000000 };
int caspian_agg_across(const struct caspian_panel *p, enum caspian_agg_how how,
		       const char *name, struct caspian_across *out,
		       struct caspian_error *err);

/* caspian_agg_across_release() - free what caspian_agg_across() allocated; safe on a zeroed struct. */
void caspian_agg_across_release(struct caspian_across *a);

/* --- resampling to a coarser frequency ------------------------------------- */

enum caspian_partial {
	CASPIAN_PARTIAL_KEEP = 0, /* compute from the values present, flag it */
	CASPIAN_PARTIAL_DROP = 1  /* no value for an incomplete period */
};

/*
 * caspian_agg_resample() - convert every series of in to the coarser (or the
 * same) frequency to, combining the source periods that fall into each target
 * period (caspian_period_convert() decides which) by how: sum (flows), mean,
 * first, last (stocks), min, max or count.
 *
 * Partial periods.  A target period is complete when every source period in
 * it lies inside the series' stored span and holds a value; otherwise it is
 * partial (the first and last target periods of a series often are, e.g. a
 * monthly series starting in March).
 *   KEEP: a partial period gets the result over the values present (NaN if
 *         none; count gives the number present) and (*partial)[k] = 1.
 *   DROP: a partial period gets NaN, and partial periods at the start and end
 *         of a series are removed from its span (interior ones stay, as NaN,
 *         because a series has consecutive periods); (*partial)[k] = 1 for
 *         the NaN ones left inside.
 * (*partial) is parallel to (*out)->buffer: the flag of (*out)->series[i].values[j]
 * is (*partial)[(*out)->series[i].values - (*out)->buffer + j].  It is 0 for
 * complete periods.  A series left with no period (DROP) keeps n = 0.
 *
 * Returns CASPIAN_OK with *out (caspian_panel_free) and *partial (free), in
 * the order of in, names and metadata copied; CASPIAN_EINVAL when to is finer
 * than a series' frequency (the message names it) or how is median or std;
 * CASPIAN_ENOMEM.
 */
int caspian_agg_resample(const struct caspian_panel *in, enum caspian_freq to,
			 enum caspian_agg_how how, enum caspian_partial rule,
			 struct caspian_panel **out, unsigned char **partial,
			 struct caspian_error *err);

/* --- rolling windows ------------------------------------------------------- */

/*
 * caspian_agg_rolling_array() - trailing windows over x[0..n): out[t] combines
 * the non-NaN values among x[t-window+1..t] (positions before 0 are absent) by
 * how: sum, mean, min, max or std.  out[t] is NaN when the window holds fewer
 * than min_periods values (std also needs two).  min_periods 0 means window.
 *
 * O(n) whatever the window: sum and mean keep a compensated (Neumaier)
 * running sum; min and max keep a monotonic deque of indices; std keeps a
 * running mean and sum of squared deviations (Welford, with removal) of the
 * values minus a shift taken from the window (so a high level does not eat the
 * digits of small deviations), that is
 * recomputed exactly from the window every window steps so rounding cannot
 * drift, and at once when a value leaving the window took off more than 10^6
 * times what remains of the sum of squares (a large value leaving small
 * ones); it is never negative.  A window longer than the series is allowed.
 * scratch must hold min(window, n) entries for min and max (may be NULL
 * otherwise).
 * out may not overlap x.
 *
 * Returns CASPIAN_OK, or CASPIAN_EINVAL for window == 0, min_periods > window,
 * or a how outside the list (out untouched).
 */
int caspian_agg_rolling_array(const double *x, size_t n, size_t window,
			      size_t min_periods, enum caspian_agg_how how,
			      double *out, size_t *scratch, struct caspian_error *err);

/*
 * caspian_agg_rolling() - caspian_agg_rolling_array() over every series of in,
 * in parallel.  *out has the same names, spans and metadata.  Returns as the
 * array form, plus CASPIAN_ENOMEM; *out is caspian_panel_free()'s.
 */
int caspian_agg_rolling(const struct caspian_panel *in, size_t window,
			size_t min_periods, enum caspian_agg_how how,
			struct caspian_panel **out, struct caspian_error *err);

/* --- growth over a whole panel --------------------------------------------- */

/*
 * caspian_agg_change() - for every series, out[t] = x[t] / x[t-lag] - 1 (a
 * rate, not a percentage); NaN where either value is missing, t-lag falls
 * before the series, or x[t-lag] == 0.  lag 0 means one year:
 * caspian_freq_season() of the series' frequency (12 for monthly), so
 * lag 0 gives year-on-year rates.  *out has the same names and spans.
 * Returns CASPIAN_OK or CASPIAN_ENOMEM.
 */
int caspian_agg_change(const struct caspian_panel *in, size_t lag,
		       struct caspian_panel **out, struct caspian_error *err);

/*
 * caspian_agg_cagr() - for every series, the compound annual growth rate
 * between its first and last values present in periods from..to (LONG_MIN /
 * LONG_MAX leave an end open):
 *     rate = (last / first)^(1 / years) - 1,
 *     years = (period of last - period of first) / periods per year
 * (caspian_freq_periods_per_year, so years come from the periods, not from
 * a count of values).  rate[i] is NaN when series i has fewer than two values
 * in the range or either endpoint is <= 0.  rate has p->count entries.
 * Returns CASPIAN_OK, or CASPIAN_EINVAL if from > to.
 */
int caspian_agg_cagr(const struct caspian_panel *p, long from, long to,
		     double *rate, struct caspian_error *err);

/*
 * caspian_agg_index() - for every series, out[t] = 100 * x[t] / x[base]
 * (evaluated as (100 * x[t]) / x[base], as caspian_agg_rebase does), base
 * being an ordinal in the series' frequency.  A series whose base value is
 * missing, zero or outside its span gets all NaN.  *out has the same names
 * and spans.  Returns CASPIAN_OK or CASPIAN_ENOMEM.
 */
int caspian_agg_index(const struct caspian_panel *in, long base,
		      struct caspian_panel **out, struct caspian_error *err);

/*
 * caspian_agg_rebase() - for every series i, out[t] = (100 * x[t]) / base[i]
 * (base has in->count entries, one value per series, such as
 * caspian_index_base() gives); all NaN where base[i] is NaN or zero.  *out
 * has the same names and spans.  Returns CASPIAN_OK or CASPIAN_ENOMEM.
 */
int caspian_agg_rebase(const struct caspian_panel *in, const double *base,
		       struct caspian_panel **out, struct caspian_error *err);

/*
 * caspian_agg_yoy() - caspian_yoy() (metrics.h) over every series of in, in
 * parallel: (*pop) and (*yoy) have in's names and spans and hold
 * pop[t] = x[t] / x[t-1] - 1 and yoy[t] = x[t] / x[t'] - 1, t' being the same
 * period a year earlier (t - 4 quarterly, t - 12 monthly, the same ISO week
 * or calendar day for weekly and daily data), NaN where either value is
 * missing or t' does not exist: bit for bit what caspian_yoy() gives.
 * (caspian_agg_change(in, 0, ...) differs for weekly and daily data: it
 * steps back a fixed caspian_freq_season() periods.)
 * Returns CASPIAN_OK with *pop and *yoy (caspian_panel_free); CASPIAN_EDOM
 * when a denominator under a present value is zero or negative, with
 * caspian_yoy()'s message for the first such series in panel order (nothing
 * is output); CASPIAN_ENOMEM.
 */
int caspian_agg_yoy(const struct caspian_panel *in, struct caspian_panel **pop,
		    struct caspian_panel **yoy, struct caspian_error *err);

struct caspian_growth;

/*
 * caspian_agg_growth() - caspian_growth_between() (metrics.h) for every
 * series i of p from period p0[i] to p1[i], in parallel, into out[i] (p0, p1
 * and out have p->count entries).  Returns CASPIAN_OK, or the status and
 * message caspian_growth_between() gives for the first series (in panel
 * order) it refuses; out is then unspecified.
 */
int caspian_agg_growth(const struct caspian_panel *p, const long *p0, const long *p1,
		       struct caspian_growth *out, struct caspian_error *err);

#endif
