#include "caspian/aggregate.h"
#include "caspian/metrics.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "metrics_internal.h"

#ifdef _OPENMP
#include <omp.h>
#define CX_OMP(x) _Pragma(#x)
#else
#define CX_OMP(x)
#endif

/* Below this many values a kernel is not worth spreading over threads. */
enum { PAR_MIN_VALUES = 1 << 18, PAR_MIN_SERIES = 64 };

/*
 * The block kernels of the flat sums are also built for AVX, picked at run
 * time where the processor has it (GCC's target_clones).  The same lanes take
 * the same values in the same order, four to a register instead of two, and
 * nothing is contracted or reordered, so the result is the same bit for bit;
 * what changes is half the instructions per byte, which a sum that checks
 * every value for NaN needs to keep up with memory when the core is shared.
 */
#if defined(__x86_64__) && defined(__linux__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define CX_SIMD_CLONES __attribute__((target_clones("avx", "default")))
#endif
#endif
#ifndef CX_SIMD_CLONES
#define CX_SIMD_CLONES
#endif

static const char *const how_names[] = {
	[CASPIAN_AGG_SUM] = "sum",       [CASPIAN_AGG_MEAN] = "mean",
	[CASPIAN_AGG_MIN] = "min",       [CASPIAN_AGG_MAX] = "max",
	[CASPIAN_AGG_COUNT] = "count",   [CASPIAN_AGG_MEDIAN] = "median",
	[CASPIAN_AGG_FIRST] = "first",   [CASPIAN_AGG_LAST] = "last",
	[CASPIAN_AGG_STD] = "std",
};
enum { HOW_COUNT = sizeof(how_names) / sizeof(how_names[0]) };

const char *caspian_agg_how_name(enum caspian_agg_how how)
{
	if ((unsigned)how >= HOW_COUNT)
		return "";
	return how_names[how];
}

int caspian_agg_how_parse(const char *name, enum caspian_agg_how *out)
{
	for (size_t i = 0; i < HOW_COUNT; i++) {
		if (strcmp(name, how_names[i]) == 0) {
			*out = (enum caspian_agg_how)i;
			return CASPIAN_OK;
		}
	}
	return CASPIAN_EINVAL;
}

/* ------------------------------------------------------------------------ */
/* Flat kernels                                                              */

enum reduce_op { OP_SUM, OP_SUM_COUNT, OP_MIN, OP_MAX };

struct partial {
	double v;
	size_t count;
};

/*
 * Four doubles to a register (GCC's vector extension).  The kernels below
 * keep their lanes (a[16], a[8]) in these: each lane still takes its own
 * values in order, so the result is the same bit for bit, but the loop is a
 * few vector operations per 16 values.  Written as scalar lanes, GCC
 * vectorised across iterations with transposes, about 12 instructions a
 * value for a series of 120.
 */
typedef double v4d __attribute__((vector_size(32)));
typedef long long v4i __attribute__((vector_size(32)));

/* The helpers take vectors by pointer: by value they would cross the
 * default clone's ABI, which has no 32-byte registers. */

/* Add the four values at x to the lanes at a, NaN as 0 (a mask, not a
 * branch: NaN != NaN). */
static void add_present(v4d *a, const double *x)
{
	v4d v;
	memcpy(&v, x, sizeof(v));
	*a += (v4d)((v4i)v & (v == v));
}

/* Add 1 to each lane of c whose value at x is present. */
static void count_present(v4d *c, const double *x)
{
	const v4d ones = {1.0, 1.0, 1.0, 1.0};
	v4d v;
	memcpy(&v, x, sizeof(v));
	*c += (v4d)((v4i)ones & (v == v));
}

/* Each lane of a takes its value at x where that is lower (higher): a NaN
 * compares below (above) nothing, so it is skipped. */
static void lower_lanes(v4d *a, const double *x)
{
	v4d v;
	memcpy(&v, x, sizeof(v));
	v4i lt = v < *a;
	*a = (v4d)(((v4i)v & lt) | ((v4i)*a & ~lt));
}

static void higher_lanes(v4d *a, const double *x)
{
	v4d v;
	memcpy(&v, x, sizeof(v));
	v4i gt = v > *a;
	*a = (v4d)(((v4i)v & gt) | ((v4i)*a & ~gt));
}

/* The sixteen lanes combined pairwise: (a0+a1), (a2+a3), ..., then pairs of those. */
static double pairwise16(const v4d acc[4])
{
	double a[16];
	memcpy(a, acc, sizeof(a));
	for (size_t w = 8; w >= 1; w /= 2)
		for (size_t j = 0; j < w; j++)
			a[j] = a[2 * j] + a[2 * j + 1];
	return a[0];
}

/*
 * Sixteen independent accumulators, lane j taking x[i + j] of each group of
 * 16, break the chain of dependent additions that limits a one-accumulator
 * loop to one add per FP-add latency.  NaN adds 0.
 */
CX_SIMD_CLONES static double block_sum(const double *x, size_t m)
{
	v4d a[4] = {{0}};
	size_t i = 0;
	for (; i + 16 <= m; i += 16)
		for (size_t j = 0; j < 4; j++)
			add_present(&a[j], x + i + 4 * j);
	double s = pairwise16(a);
	for (; i < m; i++)
		s += x[i] == x[i] ? x[i] : 0.0;
	return s;
}

/* The same sum in the same order, counting the values in double lanes
 * (exact below 2^53) in the same pass rather than a second one. */
CX_SIMD_CLONES static double block_sum_count(const double *x, size_t m, size_t *count)
{
	v4d a[4] = {{0}}, c[4] = {{0}};
	size_t i = 0;
	for (; i + 16 <= m; i += 16)
		for (size_t j = 0; j < 4; j++) {
			add_present(&a[j], x + i + 4 * j);
			count_present(&c[j], x + i + 4 * j);
		}
	double lanes[16], k = 0.0;
	memcpy(lanes, c, sizeof(lanes));
	for (size_t j = 0; j < 16; j++)
		k += lanes[j];
	double s = pairwise16(a);
	size_t n = (size_t)k;
	for (; i < m; i++) {
		s += x[i] == x[i] ? x[i] : 0.0;
		n += x[i] == x[i];
	}
	*count = n;
	return s;
}

/* Eight lanes of minima, combined in lane order, then the tail. */
CX_SIMD_CLONES static double block_min(const double *x, size_t m)
{
	v4d a[2] = {{INFINITY, INFINITY, INFINITY, INFINITY},
		    {INFINITY, INFINITY, INFINITY, INFINITY}};
	size_t i = 0;
	for (; i + 8 <= m; i += 8)
		for (size_t j = 0; j < 2; j++)
			lower_lanes(&a[j], x + i + 4 * j);
	double lanes[8];
	memcpy(lanes, a, sizeof(lanes));
	double s = lanes[0];
	for (size_t j = 1; j < 8; j++)
		s = lanes[j] < s ? lanes[j] : s;
	for (; i < m; i++)
		s = x[i] < s ? x[i] : s;
	return s;
}

CX_SIMD_CLONES static double block_max(const double *x, size_t m)
{
	v4d a[2] = {{-INFINITY, -INFINITY, -INFINITY, -INFINITY},
		    {-INFINITY, -INFINITY, -INFINITY, -INFINITY}};
	size_t i = 0;
	for (; i + 8 <= m; i += 8)
		for (size_t j = 0; j < 2; j++)
			higher_lanes(&a[j], x + i + 4 * j);
	double lanes[8];
	memcpy(lanes, a, sizeof(lanes));
	double s = lanes[0];
	for (size_t j = 1; j < 8; j++)
		s = lanes[j] > s ? lanes[j] : s;
	for (; i < m; i++)
		s = x[i] > s ? x[i] : s;
	return s;
}

static struct partial block_reduce(enum reduce_op op, const double *x, size_t m)
{
	struct partial r = {0.0, 0};
	switch (op) {
	case OP_SUM: r.v = block_sum(x, m); break;
	case OP_SUM_COUNT: r.v = block_sum_count(x, m, &r.count); break;
	case OP_MIN: r.v = block_min(x, m); break;
	case OP_MAX: r.v = block_max(x, m); break;
	}
	return r;
}

static struct partial combine(enum reduce_op op, struct partial a, struct partial b)
{
	struct partial r = {0.0, a.count + b.count};
	switch (op) {
	case OP_SUM:
	case OP_SUM_COUNT: r.v = a.v + b.v; break;
	case OP_MIN: r.v = b.v < a.v ? b.v : a.v; break;
	case OP_MAX: r.v = b.v > a.v ? b.v : a.v; break;
	}
	return r;
}

/* The split point documented at caspian_agg_sum(); depends on n only. */
static size_t split_point(size_t n)
{
	size_t whole = n / CASPIAN_AGG_BLOCK;
	return (whole + 1) / 2 * CASPIAN_AGG_BLOCK;
}

static struct partial tree_reduce(enum reduce_op op, const double *x, size_t n)
{
	if (n <= CASPIAN_AGG_BLOCK)
		return block_reduce(op, x, n);
	size_t h = split_point(n);
	struct partial left, right;
	CX_OMP(omp task shared(left) if (n >= PAR_MIN_VALUES))
	left = tree_reduce(op, x, h);
	right = tree_reduce(op, x + h, n - h);
	CX_OMP(omp taskwait)
	return combine(op, left, right);
}

static struct partial reduce(enum reduce_op op, const double *x, size_t n)
{
	struct partial r;
#ifdef _OPENMP
	if (n >= PAR_MIN_VALUES && !omp_in_parallel() && omp_get_max_threads() > 1) {
		CX_OMP(omp parallel)
		CX_OMP(omp single)
		r = tree_reduce(op, x, n);
		return r;
	}
#endif
	r = tree_reduce(op, x, n);
	return r;
}

double caspian_agg_sum(const double *x, size_t n, size_t *count)
{
	struct partial r = reduce(count ? OP_SUM_COUNT : OP_SUM, x, n);
	if (count)
		*count = r.count;
	return r.v;
}

double caspian_agg_mean(const double *x, size_t n)
{
	size_t c;
	double s = caspian_agg_sum(x, n, &c);
	return c ? s / (double)c : NAN;
}

/* An infinite result is either a real infinity or the starting value of an
 * empty reduction; look for a value to tell which. */
static double bound_or_nan(double r, const double *x, size_t n)
{
	if (!isinf(r))
		return r;
	for (size_t i = 0; i < n; i++)
		if (x[i] == r)
			return r;
	return NAN;
}

double caspian_agg_min(const double *x, size_t n)
{
	return bound_or_nan(reduce(OP_MIN, x, n).v, x, n);
}

double caspian_agg_max(const double *x, size_t n)
{
	return bound_or_nan(reduce(OP_MAX, x, n).v, x, n);
}

double caspian_agg_sum_naive(const double *x, size_t n, size_t *count)
{
	double s = 0.0;
	size_t c = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isnan(x[i])) {
			s += x[i];
			c++;
		}
	}
	if (count)
		*count = c;
	return s;
}

/* ------------------------------------------------------------------------ */
/* Per-series statistics                                                     */

void caspian_agg_stats(const struct caspian_series *s, long from, long to,
		       struct caspian_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->mean = out->min = out->max = out->first = out->last = NAN;
	if (s->n == 0 || from > to)
		return;
	long end = caspian_series_end(s);
	long lo = from > s->start ? from : s->start;
	long hi = to < end ? to : end;
	if (lo > hi)
		return;
	const double *x = s->values + (lo - s->start);
	size_t m = (size_t)(hi - lo) + 1;
	size_t count;
	double sum = caspian_agg_sum(x, m, &count);
	out->count = count;
	out->missing = m - count;
	out->sum = sum;
	if (count == 0)
		return;
	out->mean = sum / (double)count;
	out->min = caspian_agg_min(x, m);
	out->max = caspian_agg_max(x, m);
	size_t i = 0, j = m;
	while (isnan(x[i]))
		i++;
	while (isnan(x[j - 1]))
		j--;
	out->first = x[i];
	out->last = x[j - 1];
	out->first_period = lo + (long)i;
	out->last_period = lo + (long)j - 1;
}

int caspian_agg_stats_panel(const struct caspian_panel *p, long from, long to,
			    struct caspian_stats *out, struct caspian_error *err)
{
	if (from > to)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "the range ends (%ld) before it starts (%ld)", to, from);
	long count = (long)p->count;
	CX_OMP(omp parallel for schedule(dynamic, 16) if (count > PAR_MIN_SERIES))
	for (long i = 0; i < count; i++)
		caspian_agg_stats(&p->series[i], from, to, &out[i]);
	return CASPIAN_OK;
}

/* ------------------------------------------------------------------------ */
/* Output panels shaped like an input                                        */

/*
 * A panel whose series i has the name, frequency and metadata of in's series
 * i, start starts[i] and n sizes[i] (in's own when the arrays are NULL), with
 * every value NaN.  The buffer is allocated once at its final size.
 */
static int panel_like(const struct caspian_panel *in, const long *starts,
		      const size_t *sizes, struct caspian_panel **out,
		      struct caspian_error *err)
{
	size_t total = 0;
	for (size_t i = 0; i < in->count; i++)
		total += sizes ? sizes[i] : in->series[i].n;
	struct caspian_panel *p = caspian_panel_alloc();
	if (!p)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (in->count && caspian_panel_reserve(p, in->count, total, err))
		goto fail;
	for (size_t i = 0; i < in->count; i++) {
		const struct caspian_series *s = &in->series[i];
		size_t k;
		if (caspian_panel_add_empty(p, s->name, s->freq, starts ? starts[i] : s->start,
					    sizes ? sizes[i] : s->n, &k, err))
			goto fail;
		/* add_empty made them ""; copying "" again would only cost mallocs */
		if ((s->unit[0] || s->source[0] || s->note[0]) &&
		    caspian_series_set_meta(&p->series[k], s->unit, s->source, s->note, err))
			goto fail;
	}
	*out = p;
	return CASPIAN_OK;
fail:
	caspian_panel_free(p);
	return CASPIAN_ENOMEM;
}

/* ------------------------------------------------------------------------ */
/* Across series, per period                                                 */

static int check_across_args(const struct caspian_panel *p, enum caspian_agg_how how,
			     const char *name, struct caspian_error *err)
{
	if (how != CASPIAN_AGG_SUM && how != CASPIAN_AGG_MEAN && how != CASPIAN_AGG_MIN &&
	    how != CASPIAN_AGG_MAX && how != CASPIAN_AGG_COUNT && how != CASPIAN_AGG_MEDIAN)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "'%s' cannot combine series; use sum, mean, min, max, count or median",
					 caspian_agg_how_name(how));
	if (!name || !caspian_series_name_valid(name))
		return caspian_error_set(err, CASPIAN_EINVAL, "'%s' is not a valid series name",
					 name ? name : "");
	if (p->count == 0)
		return caspian_error_set(err, CASPIAN_EINVAL, "there are no series to combine");
	for (size_t i = 1; i < p->count; i++)
		if (p->series[i].freq != p->series[0].freq)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "series %s is %s but %s is %s; convert them to one frequency first",
						 p->series[0].name, caspian_freq_name(p->series[0].freq),
						 p->series[i].name, caspian_freq_name(p->series[i].freq));
	return CASPIAN_OK;
}

/* The union of the spans; *span 0 when every series is empty. */
static void union_span(const struct caspian_panel *p, long *lo, size_t *span)
{
	long a = LONG_MAX, b = LONG_MIN;
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		if (s->n == 0)
			continue;
		if (s->start < a)
			a = s->start;
		if (caspian_series_end(s) > b)
			b = caspian_series_end(s);
	}
	if (a > b) {
		*lo = p->series[0].start;
		*span = 0;
		return;
	}
	*lo = a;
	*span = (size_t)(b - a) + 1;
}

/* Per-group accumulators: value, used, missing, each span long. */
struct group_acc {
	double *v;
	size_t *used, *missing;
};

static void accumulate_series(const struct caspian_series *s, long lo,
			      enum caspian_agg_how how, struct group_acc *g)
{
	if (s->n == 0) /* its start may lie outside the union of spans */
		return;
	size_t off = (size_t)(s->start - lo);
	const double *x = s->values;
	double *v = g->v + off;
	size_t *u = g->used + off, *m = g->missing + off;
	size_t n = s->n;
	switch (how) {
	case CASPIAN_AGG_MIN:
		for (size_t i = 0; i < n; i++) {
			double y = x[i];
			v[i] = y < v[i] ? y : v[i];
			u[i] += y == y;
			m[i] += y != y;
		}
		break;
	case CASPIAN_AGG_MAX:
		for (size_t i = 0; i < n; i++) {
			double y = x[i];
			v[i] = y > v[i] ? y : v[i];
			u[i] += y == y;
			m[i] += y != y;
		}
		break;
	default: /* sum, mean, count */
		for (size_t i = 0; i < n; i++) {
			double y = x[i];
			v[i] += y == y ? y : 0.0;
			u[i] += y == y;
			m[i] += y != y;
		}
		break;
	}
}

static double start_value(enum caspian_agg_how how)
{
	if (how == CASPIAN_AGG_MIN)
		return INFINITY;
	if (how == CASPIAN_AGG_MAX)
		return -INFINITY;
	return 0.0;
}

/*
 * Groups of consecutive series, at most 64 of them and at most about 2 M
 * accumulator slots: the grouping depends on the panel only, never on the
 * thread count, which is what makes sums reproducible.
 */
static size_t group_count(size_t nseries, size_t span)
{
	size_t g = (nseries + 63) / 64;
	if (g > 64)
		g = 64;
	size_t cap = span ? ((size_t)1 << 21) / span : 64;
	if (g > cap)
		g = cap;
	return g ? g : 1;
}

static int across_grouped(const struct caspian_panel *p, enum caspian_agg_how how,
			  long lo, size_t span, double *v, size_t *used, size_t *missing,
			  struct caspian_error *err)
{
	size_t ng = group_count(p->count, span);
	size_t per = (p->count + ng - 1) / ng;
	size_t slots = ng * span + 1;
	double *gv = malloc(slots * sizeof(double));
	size_t *gu = calloc(slots, sizeof(size_t));
	size_t *gm = calloc(slots, sizeof(size_t));
	if (!gv || !gu || !gm) {
		free(gv);
		free(gu);
		free(gm);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	double init = start_value(how);
	for (size_t k = 0; k < ng * span; k++)
		gv[k] = init;
	long lng = (long)ng;
	CX_OMP(omp parallel for schedule(dynamic, 1) if (p->count > PAR_MIN_SERIES))
	for (long g = 0; g < lng; g++) {
		struct group_acc acc = {gv + (size_t)g * span, gu + (size_t)g * span,
					gm + (size_t)g * span};
		size_t end = ((size_t)g + 1) * per < p->count ? ((size_t)g + 1) * per : p->count;
		for (size_t i = (size_t)g * per; i < end; i++)
			accumulate_series(&p->series[i], lo, how, &acc);
	}
	for (size_t t = 0; t < span; t++) {
		double a = init;
		size_t u = 0, m = 0;
		for (size_t g = 0; g < ng; g++) {
			double b = gv[g * span + t];
			if (how == CASPIAN_AGG_MIN)
				a = b < a ? b : a;
			else if (how == CASPIAN_AGG_MAX)
				a = b > a ? b : a;
			else
				a += b;
			u += gu[g * span + t];
			m += gm[g * span + t];
		}
		used[t] = u;
		missing[t] = m;
		if (how == CASPIAN_AGG_COUNT)
			v[t] = (double)u;
		else if (u == 0)
			v[t] = NAN;
		else if (how == CASPIAN_AGG_MEAN)
			v[t] = a / (double)u;
		else
			v[t] = a;
	}
	free(gv);
	free(gu);
	free(gm);
	return CASPIAN_OK;
}

/* The median of a[0..n) (a is reordered), by GSL's selection rather than a sort. */
static double median_of(double *a, size_t n)
{
	size_t k = n / 2;
	double upper = gsl_stats_select(a, 1, n, k);
	if (n % 2)
		return upper;
	double lower = gsl_stats_select(a, 1, n, k - 1);
	double mid = (lower + upper) / 2;
	return isinf(mid) ? lower / 2 + upper / 2 : mid;
}

/* Gather the values of each period next to each other, then select. */
static int across_median(const struct caspian_panel *p, long lo, size_t span, double *v,
			 size_t *used, size_t *missing, struct caspian_error *err)
{
	size_t *pos = malloc((span + 1) * sizeof(size_t));
	if (!pos)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	memset(used, 0, span * sizeof(size_t));
	memset(missing, 0, span * sizeof(size_t));
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		size_t off = (size_t)(s->start - lo);
		for (size_t j = 0; j < s->n; j++) {
			used[off + j] += !isnan(s->values[j]);
			missing[off + j] += isnan(s->values[j]);
		}
	}
	size_t total = 0;
	for (size_t t = 0; t < span; t++) {
		pos[t] = total;
		total += used[t];
	}
	pos[span] = total;
	double *vals = malloc((total ? total : 1) * sizeof(double));
	if (!vals) {
		free(pos);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		size_t off = (size_t)(s->start - lo);
		for (size_t j = 0; j < s->n; j++)
			if (!isnan(s->values[j]))
				vals[pos[off + j]++] = s->values[j];
	}
	long lspan = (long)span;
	CX_OMP(omp parallel for schedule(dynamic, 4) if (total > PAR_MIN_VALUES))
	for (long t = 0; t < lspan; t++) {
		size_t u = used[t];
		v[t] = u ? median_of(vals + pos[t] - u, u) : NAN;
	}
	free(vals);
	free(pos);
	return CASPIAN_OK;
}

void caspian_agg_across_release(struct caspian_across *a)
{
	caspian_series_free(a->series);
	free(a->used);
	free(a->missing);
	memset(a, 0, sizeof(*a));
}

int caspian_agg_across(const struct caspian_panel *p, enum caspian_agg_how how,
		       const char *name, struct caspian_across *out,
		       struct caspian_error *err)
{
	int rc = check_across_args(p, how, name, err);
	if (rc)
		return rc;
	long lo;
	size_t span;
	union_span(p, &lo, &span);
	if (span > CASPIAN_AGG_SPAN_MAX)
		return caspian_error_set(err, CASPIAN_ELIMIT,
					 "the series together span %zu periods, more than %d",
					 span, CASPIAN_AGG_SPAN_MAX);
	struct caspian_across r = {0};
	r.series = caspian_series_alloc(name, p->series[0].freq, lo, span);
	r.used = malloc((span ? span : 1) * sizeof(size_t));
	r.missing = malloc((span ? span : 1) * sizeof(size_t));
	if (!r.series || !r.used || !r.missing) {
		caspian_agg_across_release(&r);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	if (how == CASPIAN_AGG_MEDIAN)
		rc = across_median(p, lo, span, r.series->values, r.used, r.missing, err);
	else
		rc = across_grouped(p, how, lo, span, r.series->values, r.used, r.missing, err);
	if (rc) {
		caspian_agg_across_release(&r);
		return rc;
	}
	*out = r;
	return CASPIAN_OK;
}

/* ------------------------------------------------------------------------ */
/* Resampling                                                                */

/* How source ordinals map to target ordinals: a fixed ratio or the calendar. */
struct mapping {
	enum caspian_freq from, to;
	long ratio; /* > 0 when target = floor(source / ratio) */
};

static struct mapping mapping_for(enum caspian_freq from, enum caspian_freq to)
{
	struct mapping m = {from, to, 0};
	if (from == to)
		m.ratio = 1;
	else if (from == CASPIAN_FREQ_MONTHLY && to == CASPIAN_FREQ_ANNUAL)
		m.ratio = 12;
	else if (from == CASPIAN_FREQ_MONTHLY && to == CASPIAN_FREQ_QUARTERLY)
		m.ratio = 3;
	else if (from == CASPIAN_FREQ_QUARTERLY && to == CASPIAN_FREQ_ANNUAL)
		m.ratio = 4;
	return m;
}

static long floor_div(long a, long b)
{
	long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static long target_of(const struct mapping *m, long ord)
{
	if (m->ratio > 0)
		return floor_div(ord, m->ratio);
	long t = 0;
	caspian_period_convert(m->from, ord, m->to, &t); /* validated before */
	return t;
}

/* Number of source periods from ord up to end (included) that share ord's target. */
static size_t run_length(const struct mapping *m, long ord, long end, long target)
{
	if (m->ratio > 0) {
		long stop = (target + 1) * m->ratio - 1;
		return (size_t)((stop < end ? stop : end) - ord) + 1;
	}
	size_t k = 1;
	while (ord + (long)k <= end && target_of(m, ord + (long)k) == target)
		k++;
	return k;
}

struct run_result {
	double v;
	size_t present;
};

/* One loop per how, so the loops carry no switch and the sums no branch. */
static struct run_result reduce_run(const double *x, size_t k, enum caspian_agg_how how)
{
	struct run_result r = {NAN, 0};
	size_t i;
	double acc;
	switch (how) {
	case CASPIAN_AGG_FIRST:
		for (i = 0; i < k && x[i] != x[i]; i++)
			;
		if (i < k)
			r.v = x[i];
		break;
	case CASPIAN_AGG_LAST:
		for (i = k; i > 0 && x[i - 1] != x[i - 1]; i--)
			;
		if (i > 0)
			r.v = x[i - 1];
		break;
	case CASPIAN_AGG_MIN:
		acc = INFINITY;
		for (i = 0; i < k; i++)
			acc = x[i] < acc ? x[i] : acc;
		r.v = acc;
		break;
	case CASPIAN_AGG_MAX:
		acc = -INFINITY;
		for (i = 0; i < k; i++)
			acc = x[i] > acc ? x[i] : acc;
		r.v = acc;
		break;
	default: /* sum, mean, count: one pass counts too */
		acc = 0.0;
		for (i = 0; i < k; i++) {
			int here = x[i] == x[i];
			acc += here ? x[i] : 0.0;
			r.present += (size_t)here;
		}
		r.v = acc;
		break;
	}
	if (how == CASPIAN_AGG_FIRST || how == CASPIAN_AGG_LAST || how == CASPIAN_AGG_MIN ||
	    how == CASPIAN_AGG_MAX)
		for (i = 0; i < k; i++)
			r.present += x[i] == x[i];
	if (how == CASPIAN_AGG_COUNT)
		r.v = (double)r.present;
	else if (r.present == 0)
		r.v = NAN;
	else if (how == CASPIAN_AGG_MEAN)
		r.v /= (double)r.present;
	return r;
}

/* Target span of a series (KEEP): *t0 and the count; 0 for an empty series. */
static size_t target_span(const struct mapping *m, const struct caspian_series *s, long *t0)
{
	if (s->n == 0) {
		*t0 = target_of(m, s->start);
		return 0;
	}
	*t0 = target_of(m, s->start);
	return (size_t)(target_of(m, caspian_series_end(s)) - *t0) + 1;
}

static void resample_series(const struct mapping *m, const struct caspian_series *s,
			    enum caspian_agg_how how, double *out, unsigned char *flag)
{
	if (s->n == 0)
		return;
	long end = caspian_series_end(s);
	long t0 = target_of(m, s->start);
	/* Source periods outside the span that belong to the edge targets. */
	int head_cut = target_of(m, s->start - 1) == t0;
	int tail_cut = target_of(m, end + 1) == target_of(m, end);
	size_t i = 0, k = 0;
	while (i < s->n) {
		long ord = s->start + (long)i;
		long t = target_of(m, ord);
		size_t len = run_length(m, ord, end, t);
		struct run_result r = reduce_run(s->values + i, len, how);
		int complete = r.present == len && !(t == t0 && head_cut) &&
			       !(i + len == s->n && tail_cut);
		k = (size_t)(t - t0);
		out[k] = r.v;
		flag[k] = !complete;
		i += len;
	}
}

static int check_resample_args(const struct caspian_panel *in, enum caspian_freq to,
			       enum caspian_agg_how how, struct caspian_error *err)
{
	if (how == CASPIAN_AGG_MEDIAN || how == CASPIAN_AGG_STD || (unsigned)how >= HOW_COUNT)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "'%s' cannot resample; use sum, mean, first, last, min, max or count",
					 caspian_agg_how_name(how));
	if (to == CASPIAN_FREQ_NONE || (unsigned)to > CASPIAN_FREQ_DAILY)
		return caspian_error_set(err, CASPIAN_EINVAL, "no target frequency given");
	for (size_t i = 0; i < in->count; i++)
		if (in->series[i].freq < to)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "series %s is %s and cannot be resampled to the finer %s frequency",
						 in->series[i].name, caspian_freq_name(in->series[i].freq),
						 caspian_freq_name(to));
	return CASPIAN_OK;
}

/* DROP: trim incomplete edge periods, blank incomplete inner ones, compact the buffer. */
static void drop_partial(struct caspian_panel *p, unsigned char *flag)
{
	size_t w = 0;
	for (size_t i = 0; i < p->count; i++) {
		struct caspian_series *s = &p->series[i];
		size_t off = (size_t)(s->values - p->buffer);
		size_t a = 0, b = s->n;
		while (a < b && flag[off + a])
			a++;
		while (b > a && flag[off + b - 1])
			b--;
		for (size_t j = a; j < b; j++)
			if (flag[off + j])
				s->values[j] = NAN;
		memmove(p->buffer + w, s->values + a, (b - a) * sizeof(double));
		memmove(flag + w, flag + off + a, b - a);
		s->values = p->buffer + w;
		s->start += (long)a;
		s->n = b - a;
		w += s->n;
	}
	p->nvalues = w;
}

int caspian_agg_resample(const struct caspian_panel *in, enum caspian_freq to,
			 enum caspian_agg_how how, enum caspian_partial rule,
			 struct caspian_panel **out, unsigned char **partial,
			 struct caspian_error *err)
{
	int rc = check_resample_args(in, to, how, err);
	if (rc)
		return rc;
	size_t cnt = in->count ? in->count : 1;
	long *starts = malloc(cnt * sizeof(long));
	size_t *sizes = malloc(cnt * sizeof(size_t));
	struct caspian_panel *p = NULL;
	unsigned char *flag = NULL;
	if (!starts || !sizes) {
		rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < in->count; i++) {
		struct mapping m = mapping_for(in->series[i].freq, to);
		sizes[i] = target_span(&m, &in->series[i], &starts[i]);
	}
	rc = panel_like(in, starts, sizes, &p, err);
	if (rc)
		goto done;
	for (size_t i = 0; i < p->count; i++)
		p->series[i].freq = to;
	flag = calloc(p->nvalues ? p->nvalues : 1, 1);
	if (!flag) {
		rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		goto done;
	}
	long count = (long)in->count;
	CX_OMP(omp parallel for schedule(dynamic, 16) if (count > PAR_MIN_SERIES))
	for (long i = 0; i < count; i++) {
		struct mapping m = mapping_for(in->series[i].freq, to);
		size_t off = (size_t)(p->series[i].values - p->buffer);
		resample_series(&m, &in->series[i], how, p->series[i].values, flag + off);
	}
	if (rule == CASPIAN_PARTIAL_DROP)
		drop_partial(p, flag);
	*out = p;
	*partial = flag;
	p = NULL;
	flag = NULL;
done:
	caspian_panel_free(p);
	free(flag);
	free(starts);
	free(sizes);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Rolling windows                                                           */

/* Neumaier's compensated sum: s + c carries the digits a plain sum would lose. */
struct csum {
	double s, c;
};

static void csum_add(struct csum *a, double v)
{
	double t = a->s + v;
	if (fabs(a->s) >= fabs(v))
		a->c += (a->s - t) + v;
	else
		a->c += (v - t) + a->s;
	a->s = t;
}

static void rolling_sum(const double *x, size_t n, size_t w, size_t minp, int mean,
			double *out)
{
	struct csum a = {0.0, 0.0};
	size_t k = 0;
	for (size_t t = 0; t < n; t++) {
		if (!isnan(x[t])) {
			csum_add(&a, x[t]);
			k++;
		}
		if (t >= w && !isnan(x[t - w])) {
			csum_add(&a, -x[t - w]);
			k--;
		}
		if (k == 0)
			a.s = a.c = 0.0; /* an empty window sums to exactly 0 */
		if (k < minp || k == 0)
			out[t] = NAN;
		else
			out[t] = mean ? (a.s + a.c) / (double)k : a.s + a.c;
	}
}

/*
 * Monotonic deque of indices in a ring of w slots: values increase (min) or
 * decrease (max) from front to back, so the front is the window's extreme.
 */
static void rolling_extreme(const double *x, size_t n, size_t w, size_t minp, int is_max,
			    double *out, size_t *ring)
{
	size_t head = 0, size = 0, k = 0;
	for (size_t t = 0; t < n; t++) {
		double v = x[t];
		if (t >= w && !isnan(x[t - w]))
			k--;
		if (size && ring[head] + w <= t) {
			head = (head + 1) % w;
			size--;
		}
		if (!isnan(v)) {
			k++;
			while (size) {
				double b = x[ring[(head + size - 1) % w]];
				if (is_max ? b > v : b < v)
					break;
				size--;
			}
			ring[(head + size) % w] = t;
			size++;
		}
		out[t] = (k >= minp && size) ? x[ring[head]] : NAN;
	}
}

/*
 * Running mean and sum of squared deviations of y = x - shift.  The shift is a
 * value from the window, so y is small even for a series at a high level
 * (1e9 + noise) and rounding in the mean does not swamp the deviations.
 */
struct welford {
	double shift, mean, m2;
	size_t k;
};

static void welford_add(struct welford *a, double x)
{
	double v = x - a->shift;
	a->k++;
	double d = v - a->mean;
	a->mean += d / (double)a->k;
	a->m2 += d * (v - a->mean);
}

/* Returns how much was taken off m2, to judge the cancellation. */
static double welford_remove(struct welford *a, double x)
{
	if (a->k <= 1) {
		a->k = 0;
		a->mean = a->m2 = 0.0;
		return 0.0;
	}
	double v = x - a->shift;
	double d = v - a->mean;
	a->mean -= d / (double)(a->k - 1);
	double taken = d * (v - a->mean);
	a->m2 -= taken;
	a->k--;
	return taken;
}

/* Exact two-pass recomputation over x[lo..hi], with a fresh shift. */
static void welford_reset(struct welford *a, const double *x, size_t lo, size_t hi)
{
	size_t k = 0;
	double s = 0.0;
	a->shift = 0.0;
	for (size_t i = lo; i <= hi; i++)
		if (!isnan(x[i])) {
			if (k == 0)
				a->shift = x[i];
			s += x[i] - a->shift;
			k++;
		}
	a->k = k;
	a->mean = k ? s / (double)k : 0.0;
	a->m2 = 0.0;
	for (size_t i = lo; i <= hi; i++)
		if (!isnan(x[i])) {
			double d = x[i] - a->shift - a->mean;
			a->m2 += d * d;
		}
}

/*
 * Rounding in the updates is bounded two ways: the window is recomputed
 * exactly every w steps (amortised O(1)), and at once when a removal took
 * off more than 10^6 times what is left of m2 (a large value leaving a
 * window of small ones), which would otherwise leave m2 with fewer than
 * about ten correct digits.  Each value leaves once, so the second rule
 * costs O(w) per outlier at most.
 */
static void rolling_std(const double *x, size_t n, size_t w, size_t minp, double *out)
{
	struct welford a = {0.0, 0.0, 0.0, 0};
	for (size_t t = 0; t < n && isnan(a.shift = x[t]); t++)
		;
	if (isnan(a.shift))
		a.shift = 0.0;
	for (size_t t = 0; t < n; t++) {
		int reset = (t + 1) % w == 0;
		if (!reset) {
			if (!isnan(x[t]))
				welford_add(&a, x[t]);
			if (t >= w && !isnan(x[t - w]))
				reset = welford_remove(&a, x[t - w]) > 1e6 * a.m2;
		}
		if (reset)
			welford_reset(&a, x, t + 1 >= w ? t + 1 - w : 0, t);
		if (a.m2 < 0.0)
			a.m2 = 0.0;
		out[t] = (a.k >= minp && a.k >= 2) ? sqrt(a.m2 / (double)(a.k - 1)) : NAN;
	}
}

static int check_rolling_args(size_t window, size_t min_periods, enum caspian_agg_how how,
			      struct caspian_error *err)
{
	if (how != CASPIAN_AGG_SUM && how != CASPIAN_AGG_MEAN && how != CASPIAN_AGG_MIN &&
	    how != CASPIAN_AGG_MAX && how != CASPIAN_AGG_STD)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "'%s' cannot roll; use sum, mean, min, max or std",
					 caspian_agg_how_name(how));
	if (window == 0)
		return caspian_error_set(err, CASPIAN_EINVAL, "the window must hold at least one period");
	if (min_periods > window)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "min-periods %zu is more than the window of %zu",
					 min_periods, window);
	return CASPIAN_OK;
}

static void rolling_run(const double *x, size_t n, size_t w, size_t minp,
			enum caspian_agg_how how, double *out, size_t *scratch)
{
	if (minp == 0)
		minp = w;
	switch (how) {
	case CASPIAN_AGG_SUM: rolling_sum(x, n, w, minp, 0, out); break;
	case CASPIAN_AGG_MEAN: rolling_sum(x, n, w, minp, 1, out); break;
	case CASPIAN_AGG_MIN: rolling_extreme(x, n, w, minp, 0, out, scratch); break;
	case CASPIAN_AGG_MAX: rolling_extreme(x, n, w, minp, 1, out, scratch); break;
	default: rolling_std(x, n, w, minp, out); break;
	}
}

int caspian_agg_rolling_array(const double *x, size_t n, size_t window,
			      size_t min_periods, enum caspian_agg_how how,
			      double *out, size_t *scratch, struct caspian_error *err)
{
	int rc = check_rolling_args(window, min_periods, how, err);
	if (rc)
		return rc;
	if ((how == CASPIAN_AGG_MIN || how == CASPIAN_AGG_MAX) && !scratch && n)
		return caspian_error_set(err, CASPIAN_EINVAL, "min and max need scratch space");
	/* A window longer than the series sees the same values as one of n. */
	size_t w = window < n ? window : (n ? n : 1);
	rolling_run(x, n, w, min_periods ? min_periods : window, how, out, scratch);
	return CASPIAN_OK;
}

int caspian_agg_rolling(const struct caspian_panel *in, size_t window,
			size_t min_periods, enum caspian_agg_how how,
			struct caspian_panel **out, struct caspian_error *err)
{
	int rc = check_rolling_args(window, min_periods, how, err);
	if (rc)
		return rc;
	struct caspian_panel *p;
	rc = panel_like(in, NULL, NULL, &p, err);
	if (rc)
		return rc;
	size_t longest = 0;
	for (size_t i = 0; i < in->count; i++)
		longest = in->series[i].n > longest ? in->series[i].n : longest;
	/* The deque never holds more than min(window, n) indices. */
	size_t ring = window < longest ? window : longest;
	int oom = 0;
	long count = (long)in->count;
	CX_OMP(omp parallel if (count > PAR_MIN_SERIES))
	{
		size_t *scratch = malloc((ring ? ring : 1) * sizeof(size_t));
		if (!scratch) {
			CX_OMP(omp atomic write)
			oom = 1;
		}
		CX_OMP(omp for schedule(dynamic, 16))
		for (long i = 0; i < count; i++) {
			const struct caspian_series *s = &in->series[i];
			size_t w = window < s->n ? window : (s->n ? s->n : 1);
			/* A window longer than the series sees the same values as one of n. */
			if (scratch)
				rolling_run(s->values, s->n, w, min_periods ? min_periods :
					    window, how, p->series[i].values, scratch);
		}
		free(scratch);
	}
	if (oom) {
		caspian_panel_free(p);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	*out = p;
	return CASPIAN_OK;
}

/* ------------------------------------------------------------------------ */
/* Growth over a panel                                                       */

int caspian_agg_change(const struct caspian_panel *in, size_t lag,
		       struct caspian_panel **out, struct caspian_error *err)
{
	struct caspian_panel *p;
	int rc = panel_like(in, NULL, NULL, &p, err);
	if (rc)
		return rc;
	long count = (long)in->count;
	CX_OMP(omp parallel for schedule(dynamic, 16) if (count > PAR_MIN_SERIES))
	for (long i = 0; i < count; i++) {
		const struct caspian_series *s = &in->series[i];
		size_t l = lag ? lag : (size_t)caspian_freq_season(s->freq);
		if (l == 0)
			l = 1;
		double *y = p->series[i].values;
		for (size_t t = l; t < s->n; t++) {
			double base = s->values[t - l];
			/* NaN in either value propagates by itself. */
			y[t] = base != 0.0 ? s->values[t] / base - 1.0 : NAN;
		}
	}
	*out = p;
	return CASPIAN_OK;
}

static double cagr_of(const struct caspian_series *s, long from, long to)
{
	struct caspian_stats st;
	caspian_agg_stats(s, from, to, &st);
	if (st.count < 2 || st.first_period == st.last_period || !(st.first > 0.0) ||
	    !(st.last > 0.0))
		return NAN;
	double years = (double)(st.last_period - st.first_period) /
		       caspian_freq_periods_per_year(s->freq);
	return pow(st.last / st.first, 1.0 / years) - 1.0;
}

int caspian_agg_cagr(const struct caspian_panel *p, long from, long to,
		     double *rate, struct caspian_error *err)
{
	if (from > to)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "the range ends (%ld) before it starts (%ld)", to, from);
	long count = (long)p->count;
	CX_OMP(omp parallel for schedule(dynamic, 16) if (count > PAR_MIN_SERIES))
	for (long i = 0; i < count; i++)
		rate[i] = cagr_of(&p->series[i], from, to);
	return CASPIAN_OK;
}

int caspian_agg_yoy(const struct caspian_panel *in, struct caspian_panel **pop,
		    struct caspian_panel **yoy, struct caspian_error *err)
{
	struct caspian_panel *a = NULL, *b = NULL;
	int *status = malloc((in->count ? in->count : 1) * sizeof(int));
	int rc = status ? panel_like(in, NULL, NULL, &a, err)
			: caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = panel_like(in, NULL, NULL, &b, err);
	if (rc) {
		caspian_panel_free(a);
		free(status);
		return rc;
	}
	long count = (long)in->count;
	CX_OMP(omp parallel for schedule(dynamic, 16) if (count > PAR_MIN_SERIES))
	for (long i = 0; i < count; i++)
		status[i] = caspian_yoy(&in->series[i], a->series[i].values, b->series[i].values,
					NULL);
	for (size_t i = 0; i < in->count && rc == CASPIAN_OK; i++)
		if (status[i]) /* again, for the message of the first refused series */
			rc = caspian_yoy(&in->series[i], a->series[i].values, b->series[i].values,
					 err);
	free(status);
	if (rc) {
		caspian_panel_free(a);
		caspian_panel_free(b);
		return rc;
	}
	*pop = a;
	*yoy = b;
	return CASPIAN_OK;
}

int caspian_agg_rebase(const struct caspian_panel *in, const double *base,
		       struct caspian_panel **out, struct caspian_error *err)
{
	struct caspian_panel *p;
	int rc = panel_like(in, NULL, NULL, &p, err);
	if (rc)
		return rc;
	long count = (long)in->count;
	CX_OMP(omp parallel for schedule(dynamic, 16) if (count > PAR_MIN_SERIES))
	for (long i = 0; i < count; i++) {
		const struct caspian_series *s = &in->series[i];
		double b = base[i];
		if (isnan(b) || b == 0.0)
			continue;
		double *y = p->series[i].values;
		for (size_t t = 0; t < s->n; t++)
			y[t] = 100.0 * s->values[t] / b;
	}
	*out = p;
	return CASPIAN_OK;
}

int caspian_agg_index(const struct caspian_panel *in, long base,
		      struct caspian_panel **out, struct caspian_error *err)
{
	double *b = malloc((in->count ? in->count : 1) * sizeof(double));
	if (!b)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; i < in->count; i++)
		b[i] = caspian_series_at(&in->series[i], base);
	int rc = caspian_agg_rebase(in, b, out, err);
	free(b);
	return rc;
}

int caspian_agg_growth(const struct caspian_panel *p, const long *p0, const long *p1,
		       struct caspian_growth *out, struct caspian_error *err)
{
	int *status = malloc((p->count ? p->count : 1) * sizeof(int));
	if (!status)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	long count = (long)p->count;
	CX_OMP(omp parallel for schedule(dynamic, 16) if (count > PAR_MIN_SERIES))
	for (long i = 0; i < count; i++)
		status[i] = caspian_growth_between(&p->series[i], p0[i], p1[i], &out[i], NULL);
	int rc = CASPIAN_OK;
	for (size_t i = 0; i < p->count && rc == CASPIAN_OK; i++)
		if (status[i]) /* again, for the message of the first failure */
			rc = caspian_growth_between(&p->series[i], p0[i], p1[i], &out[i], err);
	free(status);
	return rc;
}
