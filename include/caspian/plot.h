/*
 * caspian/plot.h - line charts of series as SVG text, with forecast fan charts.
 *
 * A chart shows one or more series of one frequency over their common range:
 * each history as a line (a line per run of consecutive observations, a
 * dotted line joining observations across missing periods, and a dot per
 * observation when there are few), each forecast as a dashed line with its
 * prediction intervals as shaded bands (the widest band lightest), a y axis
 * with tick values chosen by the 1-2-5 rule (linear or log10 scale) and the
 * unit as its label, an x axis with period labels, the title, a legend when
 * there are several series or a forecast, and the sources as a caption.
 *
 * The SVG carries stable class names so that tools and tests can read it:
 *   <path class="series">   one per series (its history)
 *   <path class="gap">      one per series with interior missing values
 *   <circle class="point">  one per observation when a series has at most
 *                           CASPIAN_PLOT_POINTS_MAX of them
 *   <path class="forecast"> one per forecast (the mean)
 *   <path class="band">     one per forecast and level, widest first
 *   <text class="tick">     one per tick label; data-axis="x" or "y"
 *   <text class="title">, <text class="axis-label">, <text class="caption">,
 *   <g class="legend"> holding <text class="legend-label"> entries.
 * Coordinates are written with at most two decimals by integer arithmetic, and
 * numbers in labels by caspian_dtoa, so the output does not depend on the
 * locale.  Text is XML-escaped.
 */
#ifndef CASPIAN_PLOT_H
#define CASPIAN_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "caspian/error.h"
#include "caspian/period.h"
#include "caspian/series.h"

enum {
	CASPIAN_PLOT_TICKS_MAX = 32,   /* most ticks an axis gets */
	CASPIAN_PLOT_POINTS_MAX = 60,  /* observations up to which dots are drawn */
	CASPIAN_PLOT_LEVELS_MAX = 8    /* most interval levels per forecast */
};

/* Tick values of a value axis; the axis runs from value[0] to value[n - 1]. */
struct caspian_plot_ticks {
	size_t n;
	double value[CASPIAN_PLOT_TICKS_MAX];
};

/*
 * caspian_plot_linear_ticks() - ticks for data in [lo, hi] by the 1-2-5
 * rule: the step is the number of the form {1, 2, 5} x 10^k nearest to
 * (hi - lo) / target in the sense of Heckbert's "nice numbers" (a raw step
 * with mantissa f rounds to 1 when f < 1.5, to 2 when f < 3, to 5 when
 * f < 7, else to 10), and the ticks run from the largest multiple of the step
 * at or below lo to the smallest at or above hi, so the axis covers the data.
 * Tick values are computed as integer multiples of the step (k * m / 10^-e
 * when the step is below 1) so 0.1 steps print as 0.1, 0.2, 0.3.
 * lo == hi gets a range of +-10% of |lo| (+-1 around 0).
 * Returns CASPIAN_OK, or CASPIAN_EINVAL when lo or hi is not finite, lo > hi,
 * target is 0, or more than CASPIAN_PLOT_TICKS_MAX ticks would be needed.
 */
int caspian_plot_linear_ticks(double lo, double hi, size_t target,
			      struct caspian_plot_ticks *out, struct caspian_error *err);

/*
 * caspian_plot_log_ticks() - ticks for data in [lo, hi] on a log10 axis:
 * the values 1, 2 and 5 x 10^k from the largest at or below lo to the
 * smallest at or above hi.  When that gives more than 2 * target ticks, only
 * the powers of ten (every 2nd, 5th, ... power when there are still too
 * many); when it gives fewer than 4 (a range under about a decade), every
 * digit d x 10^k (d = 1..9), and when that still gives fewer than 4, the
 * linear ticks of caspian_plot_linear_ticks.  Returns CASPIAN_OK, or
 * CASPIAN_EDOM when lo <= 0 (a log axis cannot show it), CASPIAN_EINVAL for
 * non-finite bounds, lo > hi or target 0.
 */
int caspian_plot_log_ticks(double lo, double hi, size_t target,
			   struct caspian_plot_ticks *out, struct caspian_error *err);

/*
 * Ticks of the period axis: ordinals in [p0, p1] of the series' frequency.
 * year_only: label with the year alone (the ticks fall on the first period of
 * a year); month_only: with the month ("2020-04"; the first day, or the first
 * week starting, in a month); otherwise with the full period text.
 */
struct caspian_plot_xticks {
	size_t n;
	long at[CASPIAN_PLOT_TICKS_MAX];
	int year_only, month_only;
};

/*
 * caspian_plot_period_ticks() - about target ticks between periods p0 and p1
 * (ordinals of freq), never more than 2 * target.  Annual: years that are
 * multiples of a 1-2-5 step.  A range of three years or more at a finer
 * frequency: the first period of years that are multiples of a 1-2-5 step
 * (year_only).  Shorter ranges: quarterly every 1 or 2 quarters, monthly every
 * 1, 2, 3 or 6 months counted from January; weekly and daily over two months
 * or more the first day (or first week starting) of every 1, 2, 3, 6 or 12
 * months (month_only), under two months every 1-2-5 multiple of periods.
 * Returns CASPIAN_OK, or CASPIAN_EINVAL for p1 < p0, an unknown frequency or
 * target 0.
 */
int caspian_plot_period_ticks(enum caspian_freq freq, long p0, long p1, size_t target,
			      struct caspian_plot_xticks *out, struct caspian_error *err);

/*
 * A forecast to draw after a series: h steps from period ordinal start, the
 * mean and, for nlevels levels (percent), lower and upper bounds level-major
 * (lo[l * h + i], as caspian_fc_forecast writes them).  When the series'
 * last observation is at start - 1, the line and bands start there.
 * Everything is borrowed.
 */
struct caspian_plot_forecast {
	long start;
	size_t h;                /* 0: no forecast for this series */
	const double *mean;      /* h values */
	size_t nlevels;
	const double *levels;    /* nlevels percentages, any order */
	const double *lo, *hi;   /* nlevels * h values each */
	const char *label;       /* legend text; NULL: "forecast" */
};

struct caspian_plot_opts {
	const char *title;     /* NULL: the series name(s) */
	const char *y_label;   /* NULL: the unit(s) of the series */
	const char *caption;   /* NULL: "Source: " and the distinct sources */
	int log_scale;         /* log10 value axis */
	unsigned width, height;/* pixels; 0: 800 x 480 */
};

/* Fill o with the defaults above (all NULL and 0). */
void caspian_plot_opts_init(struct caspian_plot_opts *o);

/*
 * caspian_plot_svg() - write the chart of series[0..count) to out as one SVG
 * document.  fc is NULL or an array of count forecasts (entries with h == 0
 * draw none).  The x axis spans the first observation to the last
 * observation or forecast step of any series; the y axis covers every value,
 * mean and bound drawn.  Missing values (NaN) are not drawn.  For a buffer
 * rather than a file, pass a stream from open_memstream().
 * Returns CASPIAN_OK, or CASPIAN_EINVAL (count 0, series of different
 * frequencies, a forecast with more than CASPIAN_PLOT_LEVELS_MAX levels or a
 * NULL array, a size below 200 x 150), CASPIAN_EDOM (nothing to draw: every
 * value missing; or, with log_scale, a value or bound <= 0, naming the series
 * and period), CASPIAN_EIO (writing to out failed).  Output written before an
 * error is incomplete; callers writing files should write to a temporary
 * file and rename it only on success.  series and fc are borrowed.
 */
int caspian_plot_svg(const struct caspian_series *series, size_t count,
		     const struct caspian_plot_forecast *fc,
		     const struct caspian_plot_opts *opts, FILE *out,
		     struct caspian_error *err);

/*
 * caspian_plot_sparkline() - a line of block characters for x[0..n): one
 * character per value, or, when n > width, one per bucket of
 * ceil(n / width) consecutive values holding their mean (missing values
 * skipped).  A value v becomes U+2581..U+2588 (eight heights) by
 * floor(8 (v - lo) / (hi - lo)) clamped to 0..7, lo and hi being the least
 * and greatest character values; all equal gives U+2584 throughout; a
 * missing value (or an all-missing bucket) is a space.  Writes UTF-8 (3
 * bytes per block) and a NUL into buf of size bytes; returns the number of
 * characters, or 0 when width is 0 or buf cannot hold
 * 3 * min(n, width) + 1 bytes.
 */
size_t caspian_plot_sparkline(const double *x, size_t n, size_t width, char *buf,
			      size_t size);

#endif
