#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "caspian/aggregate.h"
#include "caspian/metrics.h"
#include "caspian/period.h"
#include "caspian/series.h"

#include "assert_close.h"

/* ---- deterministic test data --------------------------------------------- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double rng_unit(void)
{
	return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static size_t rng_below(size_t n)
{
	return (size_t)(rng_next() % n);
}

/* A value with high entropy, sometimes negative, sometimes missing. */
static double rng_value(double missing_rate)
{
	if (rng_unit() < missing_rate)
		return NAN;
	double v = (rng_unit() - 0.3) * 1000.0;
	return rng_unit() < 0.05 ? v * 1e6 : v;
}

/* count series of freq with ragged starts and lengths (some empty, some all missing). */
static struct caspian_panel *random_panel(size_t count, enum caspian_freq freq, long base,
					  size_t maxlen, double missing_rate)
{
	struct caspian_panel *p = caspian_panel_alloc();
	assert_non_null(p);
	for (size_t i = 0; i < count; i++) {
		char name[32];
		snprintf(name, sizeof(name), "s.%04zu", i);
		size_t n = rng_below(maxlen + 1);
		long start = base + (long)rng_below(maxlen);
		size_t k;
		assert_int_equal(caspian_panel_add_empty(p, name, freq, start, n, &k, NULL), CASPIAN_OK);
		double rate = (i % 7 == 3) ? 1.0 : missing_rate;
		for (size_t j = 0; j < n; j++)
			p->series[k].values[j] = rng_value(rate);
	}
	return p;
}

/* the rolling test records its window and min_periods here for failure messages */
static size_t dbg_w, dbg_m;
static void assert_same(double a, double e, double rel, double abs_tol, const char *what,
			size_t i, size_t t)
{
	if (!caspian_close_enough(a, e, rel, abs_tol))
		fail_msg("%s [%zu][%zu] (w %zu m %zu): got %.17g, expected %.17g", what, i, t, dbg_w, dbg_m, a, e);
}

/* ---- slow references ------------------------------------------------------ */

static long double ref_sum(const double *x, size_t n, size_t *count, long double *abs_sum)
{
	long double s = 0, a = 0;
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i])) {
			s += x[i];
			a += fabs(x[i]);
			c++;
		}
	*count = c;
	if (abs_sum)
		*abs_sum = a;
	return s;
}

/* The evaluation order documented at caspian_agg_sum(), written out plainly. */
static double spec_block(const double *x, size_t m)
{
	double a[16] = {0}, b[8], c[4], d[2];
	size_t full = m / 16 * 16;
	for (size_t i = 0; i < full; i++)
		if (!isnan(x[i]))
			a[i % 16] += x[i];
	for (size_t j = 0; j < 8; j++)
		b[j] = a[2 * j] + a[2 * j + 1];
	for (size_t j = 0; j < 4; j++)
		c[j] = b[2 * j] + b[2 * j + 1];
	for (size_t j = 0; j < 2; j++)
		d[j] = c[2 * j] + c[2 * j + 1];
	double s = d[0] + d[1];
	for (size_t i = full; i < m; i++)
		if (!isnan(x[i]))
			s += x[i];
	return s;
}

static double spec_sum(const double *x, size_t n)
{
	if (n <= CASPIAN_AGG_BLOCK)
		return spec_block(x, n);
	size_t w = n / CASPIAN_AGG_BLOCK;
	size_t h = (w + 1) / 2 * CASPIAN_AGG_BLOCK;
	return spec_sum(x, h) + spec_sum(x + h, n - h);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* ---- kernels -------------------------------------------------------------- */

static void test_aggregate_sum_hand_cases(void **state)
{
	(void)state;
	/* 2.385 + 1.25 + 10 - 3.5 = 10.135; the NaN is skipped and not counted. */
	double x[] = {2.385, 1.25, NAN, 10.0, -3.5};
	size_t c = 99;
	assert_close(caspian_agg_sum(x, 5, &c), 10.135, 1e-15, 0);
	assert_int_equal(c, 4);
	assert_close(caspian_agg_mean(x, 5), 10.135 / 4, 1e-15, 0);
	assert_close(caspian_agg_min(x, 5), -3.5, 0, 0);
	assert_close(caspian_agg_max(x, 5), 10.0, 0, 0);
	/* empty and all-missing: sum 0, count 0, mean/min/max NaN */
	double none[] = {NAN, NAN, NAN};
	assert_close(caspian_agg_sum(none, 3, &c), 0.0, 0, 0);
	assert_int_equal(c, 0);
	assert_true(isnan(caspian_agg_mean(none, 3)));
	assert_true(isnan(caspian_agg_min(none, 3)));
	assert_true(isnan(caspian_agg_max(none, 0)));
	assert_close(caspian_agg_sum(x, 0, NULL), 0.0, 0, 0);
	/* real infinities are values, not "no value" */
	double inf[] = {NAN, INFINITY, 1.0};
	assert_true(caspian_agg_max(inf, 3) == INFINITY);
	assert_close(caspian_agg_min(inf, 3), 1.0, 0, 0);
}

static void test_aggregate_sum_matches_reference(void **state)
{
	(void)state;
	rng_state = 11;
	size_t sizes[] = {1, 7, 8, 9, 15, 16, 17, 63, 1000, 8191, 8192, 8193, 3 * 8192 + 5, 100000, 300001};
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k];
		double *x = malloc(n * sizeof(double));
		assert_non_null(x);
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			x[i] = rng_value(0.1);
			if (!isnan(x[i])) {
				lo = x[i] < lo ? x[i] : lo;
				hi = x[i] > hi ? x[i] : hi;
			}
		}
		size_t rc, c;
		long double abs_sum;
		long double r = ref_sum(x, n, &rc, &abs_sum);
		double s = caspian_agg_sum(x, n, &c);
		assert_int_equal(c, rc);
		/* recursive summation error bound: n * eps * sum |x| */
		assert_close(s, (double)r, 0, (double)abs_sum * (double)n * 1.2e-16);
		/* and the documented order, bit for bit */
		assert_true(s == spec_sum(x, n));
		assert_true(caspian_agg_min(x, n) == (rc ? lo : lo));
		assert_true(caspian_agg_max(x, n) == hi);
		free(x);
	}
}

/* Sums give the same bits whatever the thread count. */
static void test_aggregate_sum_thread_count_invariant(void **state)
{
	(void)state;
#ifdef _OPENMP
	size_t n = 3000000 + 17;
	double *x = malloc(n * sizeof(double));
	assert_non_null(x);
	rng_state = 5;
	for (size_t i = 0; i < n; i++)
		x[i] = rng_value(0.01);
	int saved = omp_get_max_threads();
	omp_set_num_threads(1);
	double s1 = caspian_agg_sum(x, n, NULL);
	double m1 = caspian_agg_min(x, n);
	for (int t = 2; t <= 4; t++) {
		omp_set_num_threads(t);
		assert_true(caspian_agg_sum(x, n, NULL) == s1);
		assert_true(caspian_agg_min(x, n) == m1);
	}
	omp_set_num_threads(saved);
	assert_true(s1 == spec_sum(x, n));
	free(x);
#else
	skip();
#endif
}

/* ---- per-series statistics ---------------------------------------------- */

static void test_aggregate_stats_hand_case(void **state)
{
	(void)state;
	/* 2017..2022: NaN, 4, 2.5, NaN, 8, NaN */
	struct caspian_series *s = caspian_series_alloc("a", CASPIAN_FREQ_ANNUAL, 2017, 6);
	assert_non_null(s);
	s->values[1] = 4;
	s->values[2] = 2.5;
	s->values[4] = 8;
	struct caspian_stats st;
	caspian_agg_stats(s, LONG_MIN, LONG_MAX, &st);
	assert_int_equal(st.count, 3);
	assert_int_equal(st.missing, 3);
	assert_close(st.sum, 14.5, 0, 0);
	assert_close(st.mean, 14.5 / 3, 1e-15, 0);
	assert_close(st.min, 2.5, 0, 0);
	assert_close(st.max, 8, 0, 0);
	assert_close(st.first, 4, 0, 0);
	assert_close(st.last, 8, 0, 0);
	assert_int_equal(st.first_period, 2018);
	assert_int_equal(st.last_period, 2021);
	/* range 2019..2030: 2.5, NaN, 8, NaN counted; years past the end are neither */
	caspian_agg_stats(s, 2019, 2030, &st);
	assert_int_equal(st.count, 2);
	assert_int_equal(st.missing, 2);
	assert_close(st.sum, 10.5, 0, 0);
	/* a range outside the series: nothing */
	caspian_agg_stats(s, 1990, 2000, &st);
	assert_int_equal(st.count, 0);
	assert_int_equal(st.missing, 0);
	assert_close(st.sum, 0, 0, 0);
	assert_true(isnan(st.mean) && isnan(st.min) && isnan(st.first));
	caspian_series_free(s);
}

static void test_aggregate_stats_panel_matches_reference(void **state)
{
	(void)state;
	rng_state = 21;
	struct caspian_panel *p = random_panel(300, CASPIAN_FREQ_MONTHLY, 24000, 200, 0.2);
	struct caspian_stats *st = calloc(p->count, sizeof(*st));
	assert_non_null(st);
	long from = 24050, to = 24180;
	assert_int_equal(caspian_agg_stats_panel(p, from, to, st, NULL), CASPIAN_OK);
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		size_t c = 0, miss = 0;
		long double sum = 0, abs_sum = 0;
		double lo = NAN, hi = NAN, first = NAN, last = NAN;
		for (long t = from; t <= to; t++) {
			if (t < s->start || t > caspian_series_end(s))
				continue;
			double v = caspian_series_at(s, t);
			if (isnan(v)) {
				miss++;
				continue;
			}
			if (c == 0)
				first = lo = hi = v;
			c++;
			sum += v;
			abs_sum += fabs(v);
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
			last = v;
		}
		assert_int_equal(st[i].count, c);
		assert_int_equal(st[i].missing, miss);
		assert_same(st[i].sum, (double)sum, 0, (double)abs_sum * 1e-14, "sum", i, 0);
		assert_same(st[i].min, lo, 0, 0, "min", i, 0);
		assert_same(st[i].max, hi, 0, 0, "max", i, 0);
		assert_same(st[i].first, first, 0, 0, "first", i, 0);
		assert_same(st[i].last, last, 0, 0, "last", i, 0);
		if (c)
			assert_same(st[i].mean, (double)(sum / c), 1e-12,
				    (double)abs_sum / c * 1e-14, "mean", i, 0);
	}
	assert_int_equal(caspian_agg_stats_panel(p, 5, 4, st, NULL), CASPIAN_EINVAL);
	free(st);
	caspian_panel_free(p);
}

/* ---- across series -------------------------------------------------------- */

static struct caspian_panel *hand_panel(void)
{
	/*
	 * monthly, 2020-01 = ordinal 24240
	 *   a: 2020-01..2020-03  1, 2, NaN
	 *   b: 2020-02..2020-04  10, NaN, 30
	 *   c: 2020-03..2020-03  -4
	 */
	struct caspian_panel *p = caspian_panel_alloc();
	size_t k;
	assert_int_equal(caspian_panel_add_empty(p, "a", CASPIAN_FREQ_MONTHLY, 24240, 3, &k, NULL), 0);
	p->series[k].values[0] = 1;
	p->series[k].values[1] = 2;
	assert_int_equal(caspian_panel_add_empty(p, "b", CASPIAN_FREQ_MONTHLY, 24241, 3, &k, NULL), 0);
	p->series[k].values[0] = 10;
	p->series[k].values[2] = 30;
	assert_int_equal(caspian_panel_add_empty(p, "c", CASPIAN_FREQ_MONTHLY, 24242, 1, &k, NULL), 0);
	p->series[k].values[0] = -4;
	return p;
}

static void test_aggregate_across_hand_case(void **state)
{
	(void)state;
	struct caspian_panel *p = hand_panel();
	struct caspian_across r;
	/* Jan: 1 | Feb: 2 + 10 | Mar: a NaN, b NaN, c -4 | Apr: 30 */
	assert_int_equal(caspian_agg_across(p, CASPIAN_AGG_SUM, "total", &r, NULL), CASPIAN_OK);
	assert_string_equal(r.series->name, "total");
	assert_int_equal(r.series->freq, CASPIAN_FREQ_MONTHLY);
	assert_int_equal(r.series->start, 24240);
	assert_int_equal(r.series->n, 4);
	double sum[] = {1, 12, -4, 30};
	size_t used[] = {1, 2, 1, 1}, missing[] = {0, 0, 2, 0};
	for (size_t t = 0; t < 4; t++) {
		assert_close(r.series->values[t], sum[t], 0, 0);
		assert_int_equal(r.used[t], used[t]);
		assert_int_equal(r.missing[t], missing[t]);
	}
	caspian_agg_across_release(&r);
	double mean[] = {1, 6, -4, 30}, mn[] = {1, 2, -4, 30}, mx[] = {1, 10, -4, 30};
	double cnt[] = {1, 2, 1, 1}, med[] = {1, 6, -4, 30};
	struct {
		enum caspian_agg_how how;
		const double *want;
	} cases[] = {{CASPIAN_AGG_MEAN, mean}, {CASPIAN_AGG_MIN, mn}, {CASPIAN_AGG_MAX, mx},
		     {CASPIAN_AGG_COUNT, cnt}, {CASPIAN_AGG_MEDIAN, med}};
	for (size_t c = 0; c < 5; c++) {
		assert_int_equal(caspian_agg_across(p, cases[c].how, "x", &r, NULL), CASPIAN_OK);
		for (size_t t = 0; t < 4; t++)
			assert_close(r.series->values[t], cases[c].want[t], 1e-15, 0);
		caspian_agg_across_release(&r);
	}
	caspian_panel_free(p);
}

static void test_aggregate_across_rejects_bad_input(void **state)
{
	(void)state;
	struct caspian_panel *p = hand_panel();
	struct caspian_across r = {0};
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_agg_across(p, CASPIAN_AGG_FIRST, "x", &r, &err), CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "first"));
	assert_int_equal(caspian_agg_across(p, CASPIAN_AGG_SUM, "bad name", &r, NULL), CASPIAN_EINVAL);
	p->series[2].freq = CASPIAN_FREQ_QUARTERLY;
	caspian_error_init(&err);
	assert_int_equal(caspian_agg_across(p, CASPIAN_AGG_SUM, "x", &r, &err), CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "quarterly"));
	assert_null(r.series);
	caspian_panel_free(p);
	p = caspian_panel_alloc();
	assert_int_equal(caspian_agg_across(p, CASPIAN_AGG_SUM, "x", &r, NULL), CASPIAN_EINVAL);
	caspian_panel_free(p);
}

static void check_across_random(enum caspian_agg_how how, struct caspian_panel *p)
{
	struct caspian_across r;
	assert_int_equal(caspian_agg_across(p, how, "agg", &r, NULL), CASPIAN_OK);
	long lo = LONG_MAX, hi = LONG_MIN;
	for (size_t i = 0; i < p->count; i++) {
		if (p->series[i].n == 0)
			continue;
		lo = p->series[i].start < lo ? p->series[i].start : lo;
		hi = caspian_series_end(&p->series[i]) > hi ? caspian_series_end(&p->series[i]) : hi;
	}
	assert_int_equal(r.series->start, lo);
	assert_int_equal(r.series->n, (size_t)(hi - lo + 1));
	double *vals = malloc(p->count * sizeof(double));
	for (long t = lo; t <= hi; t++) {
		size_t u = 0, m = 0;
		long double sum = 0, abs_sum = 0;
		for (size_t i = 0; i < p->count; i++) {
			const struct caspian_series *s = &p->series[i];
			if (t < s->start || t > caspian_series_end(s))
				continue;
			double v = s->values[t - s->start];
			if (isnan(v)) {
				m++;
				continue;
			}
			vals[u++] = v;
			sum += v;
			abs_sum += fabs(v);
		}
		size_t k = (size_t)(t - lo);
		assert_int_equal(r.used[k], u);
		assert_int_equal(r.missing[k], m);
		double want = NAN;
		qsort(vals, u, sizeof(double), cmp_double);
		switch (how) {
		case CASPIAN_AGG_SUM: want = u ? (double)sum : NAN; break;
		case CASPIAN_AGG_MEAN: want = u ? (double)(sum / u) : NAN; break;
		case CASPIAN_AGG_MIN: want = u ? vals[0] : NAN; break;
		case CASPIAN_AGG_MAX: want = u ? vals[u - 1] : NAN; break;
		case CASPIAN_AGG_COUNT: want = (double)u; break;
		case CASPIAN_AGG_MEDIAN:
			want = u == 0 ? NAN : u % 2 ? vals[u / 2] : (vals[u / 2 - 1] + vals[u / 2]) / 2;
			break;
		default: fail();
		}
		double tol = u ? (double)abs_sum * 1e-14 / (how == CASPIAN_AGG_MEAN ? u : 1) : 0;
		assert_same(r.series->values[k], want, 0, tol, caspian_agg_how_name(how), 0, k);
	}
	free(vals);
	caspian_agg_across_release(&r);
}

static void test_aggregate_across_matches_reference(void **state)
{
	(void)state;
	enum caspian_agg_how hows[] = {CASPIAN_AGG_SUM, CASPIAN_AGG_MEAN, CASPIAN_AGG_MIN,
				       CASPIAN_AGG_MAX, CASPIAN_AGG_COUNT, CASPIAN_AGG_MEDIAN};
	size_t counts[] = {1, 5, 200, 5000};
	for (size_t c = 0; c < 4; c++) {
		rng_state = 100 + c;
		struct caspian_panel *p = random_panel(counts[c], CASPIAN_FREQ_QUARTERLY, 8000, 60, 0.15);
		for (size_t h = 0; h < 6; h++)
			check_across_random(hows[h], p);
		caspian_panel_free(p);
	}
}

static void test_aggregate_across_thread_count_invariant(void **state)
{
	(void)state;
#ifdef _OPENMP
	rng_state = 77;
	struct caspian_panel *p = random_panel(3000, CASPIAN_FREQ_MONTHLY, 24000, 120, 0.05);
	int saved = omp_get_max_threads();
	omp_set_num_threads(1);
	struct caspian_across one, many;
	assert_int_equal(caspian_agg_across(p, CASPIAN_AGG_SUM, "t", &one, NULL), 0);
	for (int t = 2; t <= 3; t++) {
		omp_set_num_threads(t);
		assert_int_equal(caspian_agg_across(p, CASPIAN_AGG_SUM, "t", &many, NULL), 0);
		assert_int_equal(many.series->n, one.series->n);
		assert_memory_equal(many.series->values, one.series->values,
				    one.series->n * sizeof(double));
		caspian_agg_across_release(&many);
	}
	omp_set_num_threads(saved);
	caspian_agg_across_release(&one);
	caspian_panel_free(p);
#else
	skip();
#endif
}

/* ---- resampling ----------------------------------------------------------- */

static void test_aggregate_resample_hand_case(void **state)
{
	(void)state;
	/* monthly 2019-11 .. 2021-02 (16 months): values 1..16, 2020-06 missing */
	struct caspian_panel *p = caspian_panel_alloc();
	size_t k;
	long start = 2019 * 12 + 10;
	assert_int_equal(caspian_panel_add_empty(p, "flow", CASPIAN_FREQ_MONTHLY, start, 16, &k, NULL), 0);
	for (size_t i = 0; i < 16; i++)
		p->series[k].values[i] = (double)(i + 1);
	p->series[k].values[7] = NAN; /* 2020-06 */
	struct caspian_panel *out;
	unsigned char *flag;
	assert_int_equal(caspian_agg_resample(p, CASPIAN_FREQ_ANNUAL, CASPIAN_AGG_SUM,
					      CASPIAN_PARTIAL_KEEP, &out, &flag, NULL), 0);
	/* 2019: 1+2 = 3 (partial); 2020: 3+..+14 minus 8 = 102 - 8 = 94 (partial, one missing);
	 * 2021: 15+16 = 31 (partial) */
	const struct caspian_series *s = &out->series[0];
	assert_int_equal(s->freq, CASPIAN_FREQ_ANNUAL);
	assert_int_equal(s->start, 2019);
	assert_int_equal(s->n, 3);
	assert_close(s->values[0], 3, 0, 0);
	assert_close(s->values[1], 94, 0, 0);
	assert_close(s->values[2], 31, 0, 0);
	assert_int_equal(flag[0] + flag[1] + flag[2], 3);
	caspian_panel_free(out);
	free(flag);

	/* quarterly, last: 2019Q4 = 2 (Nov, Dec only: partial), 2020Q1 = 5, Q2 = 7 (Jun
	 * missing, so May's 7, partial), Q3 = 11, Q4 = 14, 2021Q1 = 16 (partial) */
	assert_int_equal(caspian_agg_resample(p, CASPIAN_FREQ_QUARTERLY, CASPIAN_AGG_LAST,
					      CASPIAN_PARTIAL_KEEP, &out, &flag, NULL), 0);
	s = &out->series[0];
	assert_int_equal(s->start, 2019 * 4 + 3);
	assert_int_equal(s->n, 6);
	double last[] = {2, 5, 7, 11, 14, 16};
	unsigned char part[] = {1, 0, 1, 0, 0, 1};
	for (size_t i = 0; i < 6; i++) {
		assert_close(s->values[i], last[i], 0, 0);
		assert_int_equal(flag[i], part[i]);
	}
	caspian_panel_free(out);
	free(flag);

	/* DROP: the partial edge quarters go, the partial Q2 inside stays as NaN */
	assert_int_equal(caspian_agg_resample(p, CASPIAN_FREQ_QUARTERLY, CASPIAN_AGG_MEAN,
					      CASPIAN_PARTIAL_DROP, &out, &flag, NULL), 0);
	s = &out->series[0];
	assert_int_equal(s->start, 2020 * 4);
	assert_int_equal(s->n, 4);
	assert_close(s->values[0], 4, 0, 0); /* (3+4+5)/3 */
	assert_true(isnan(s->values[1]));
	assert_close(s->values[2], 10, 0, 0); /* (9+10+11)/3 */
	assert_close(s->values[3], 13, 0, 0);
	assert_int_equal(flag[1], 1);
	assert_int_equal(flag[0] + flag[2] + flag[3], 0);
	assert_int_equal(out->nvalues, 4);
	caspian_panel_free(out);
	free(flag);
	caspian_panel_free(p);
}

static void test_aggregate_resample_rejects_bad_input(void **state)
{
	(void)state;
	struct caspian_panel *p = hand_panel();
	struct caspian_panel *out = NULL;
	unsigned char *flag = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_agg_resample(p, CASPIAN_FREQ_DAILY, CASPIAN_AGG_SUM,
					      CASPIAN_PARTIAL_KEEP, &out, &flag, &err), CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "daily"));
	assert_int_equal(caspian_agg_resample(p, CASPIAN_FREQ_ANNUAL, CASPIAN_AGG_MEDIAN,
					      CASPIAN_PARTIAL_KEEP, &out, &flag, NULL), CASPIAN_EINVAL);
	assert_null(out);
	assert_null(flag);
	caspian_panel_free(p);
}

/* Reference: for each target period, walk every source ordinal near the span. */
static void check_resample_random(const struct caspian_panel *p, enum caspian_freq to,
				  enum caspian_agg_how how, enum caspian_partial rule)
{
	struct caspian_panel *out;
	unsigned char *flag;
	assert_int_equal(caspian_agg_resample(p, to, how, rule, &out, &flag, NULL), 0);
	assert_int_equal(out->count, p->count);
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		const struct caspian_series *r = &out->series[i];
		assert_string_equal(r->name, s->name);
		assert_int_equal(r->freq, to);
		if (s->n == 0) {
			assert_int_equal(r->n, 0);
			continue;
		}
		long t0, t1;
		caspian_period_convert(s->freq, s->start, to, &t0);
		caspian_period_convert(s->freq, caspian_series_end(s), to, &t1);
		long keep_lo = LONG_MAX, keep_hi = LONG_MIN;
		double *want = malloc((size_t)(t1 - t0 + 1) * sizeof(double));
		unsigned char *wpart = malloc((size_t)(t1 - t0 + 1));
		for (long t = t0; t <= t1; t++) {
			size_t all = 0, present = 0;
			long double acc = 0;
			double mn = INFINITY, mx = -INFINITY, first = NAN, last = NAN;
			for (long o = s->start - 800; o <= caspian_series_end(s) + 800; o++) {
				long q;
				caspian_period_convert(s->freq, o, to, &q);
				if (q != t)
					continue;
				all++;
				double v = caspian_series_at(s, o);
				if (isnan(v))
					continue;
				present++;
				acc += v;
				mn = v < mn ? v : mn;
				mx = v > mx ? v : mx;
				if (isnan(first))
					first = v;
				last = v;
			}
			double w = NAN;
			if (how == CASPIAN_AGG_COUNT)
				w = (double)present;
			else if (present)
				switch (how) {
				case CASPIAN_AGG_SUM: w = (double)acc; break;
				case CASPIAN_AGG_MEAN: w = (double)(acc / present); break;
				case CASPIAN_AGG_MIN: w = mn; break;
				case CASPIAN_AGG_MAX: w = mx; break;
				case CASPIAN_AGG_FIRST: w = first; break;
				case CASPIAN_AGG_LAST: w = last; break;
				default: fail();
				}
			int partial = present != all;
			if (rule == CASPIAN_PARTIAL_DROP && partial)
				w = NAN;
			if (!(rule == CASPIAN_PARTIAL_DROP && partial)) {
				keep_lo = t < keep_lo ? t : keep_lo;
				keep_hi = t;
			}
			want[t - t0] = w;
			wpart[t - t0] = (unsigned char)partial;
		}
		long lo = rule == CASPIAN_PARTIAL_DROP ? keep_lo : t0;
		long hi = rule == CASPIAN_PARTIAL_DROP ? keep_hi : t1;
		if (lo > hi) {
			assert_int_equal(r->n, 0);
		} else {
			assert_int_equal(r->start, lo);
			assert_int_equal(r->n, (size_t)(hi - lo + 1));
			size_t off = (size_t)(r->values - out->buffer);
			for (long t = lo; t <= hi; t++) {
				assert_same(r->values[t - lo], want[t - t0], 1e-12, 1e-6,
					    caspian_agg_how_name(how), i, (size_t)(t - lo));
				assert_int_equal(flag[off + (size_t)(t - lo)], wpart[t - t0]);
			}
		}
		free(want);
		free(wpart);
	}
	caspian_panel_free(out);
	free(flag);
}

static void test_aggregate_resample_matches_reference(void **state)
{
	(void)state;
	enum caspian_agg_how hows[] = {CASPIAN_AGG_SUM, CASPIAN_AGG_MEAN, CASPIAN_AGG_MIN, CASPIAN_AGG_MAX,
				       CASPIAN_AGG_FIRST, CASPIAN_AGG_LAST, CASPIAN_AGG_COUNT};
	struct {
		enum caspian_freq from, to;
		long base;
		size_t maxlen;
	} conv[] = {
		{CASPIAN_FREQ_MONTHLY, CASPIAN_FREQ_ANNUAL, 24000, 60},
		{CASPIAN_FREQ_MONTHLY, CASPIAN_FREQ_QUARTERLY, 24000, 40},
		{CASPIAN_FREQ_QUARTERLY, CASPIAN_FREQ_ANNUAL, 8000, 30},
		{CASPIAN_FREQ_MONTHLY, CASPIAN_FREQ_MONTHLY, 24000, 20},
		{CASPIAN_FREQ_DAILY, CASPIAN_FREQ_MONTHLY, 18000, 120},
		{CASPIAN_FREQ_DAILY, CASPIAN_FREQ_WEEKLY, 18000, 60},
		{CASPIAN_FREQ_WEEKLY, CASPIAN_FREQ_QUARTERLY, 2600, 60},
	};
	for (size_t c = 0; c < sizeof(conv) / sizeof(conv[0]); c++) {
		rng_state = 300 + c;
		/* a low missing rate, so that some periods are complete */
		struct caspian_panel *p = random_panel(25, conv[c].from, conv[c].base, conv[c].maxlen, 0.02);
		for (size_t h = 0; h < 7; h++) {
			check_resample_random(p, conv[c].to, hows[h], CASPIAN_PARTIAL_KEEP);
			check_resample_random(p, conv[c].to, hows[h], CASPIAN_PARTIAL_DROP);
		}
		caspian_panel_free(p);
	}
}

/* ---- rolling -------------------------------------------------------------- */

static void test_aggregate_rolling_hand_case(void **state)
{
	(void)state;
	double x[] = {1, 2, NAN, 4, 10, NAN, NAN, NAN, 7};
	double out[9];
	size_t scratch[3];
	/* window 3, min_periods 2:
	 *   t: 0   1  2      3      4       5      6   7   8
	 *  sum NaN 3  3(1+2) 6(2+4) 14(4+10) 14    NaN NaN NaN */
	double sum[] = {NAN, 3, 3, 6, 14, 14, NAN, NAN, NAN};
	assert_int_equal(caspian_agg_rolling_array(x, 9, 3, 2, CASPIAN_AGG_SUM, out, NULL, NULL), 0);
	for (size_t t = 0; t < 9; t++)
		assert_close(out[t], sum[t], 0, 0);
	double mn[] = {NAN, 1, 1, 2, 4, 4, NAN, NAN, NAN};
	assert_int_equal(caspian_agg_rolling_array(x, 9, 3, 2, CASPIAN_AGG_MIN, out, scratch, NULL), 0);
	for (size_t t = 0; t < 9; t++)
		assert_close(out[t], mn[t], 0, 0);
	/* min_periods 1: the lone 7 at t = 8 counts; max over {10} at t = 6 */
	double mx[] = {1, 2, 2, 4, 10, 10, 10, NAN, 7};
	assert_int_equal(caspian_agg_rolling_array(x, 9, 3, 1, CASPIAN_AGG_MAX, out, scratch, NULL), 0);
	for (size_t t = 0; t < 9; t++)
		assert_close(out[t], mx[t], 0, 0);
	/* std of {2, 4, 4, 4, 5, 5, 7, 9} over the full window: mean 5, squared
	 * deviations sum to 32, sample variance 32/7 */
	double y[] = {2, 4, 4, 4, 5, 5, 7, 9};
	double sd[8];
	assert_int_equal(caspian_agg_rolling_array(y, 8, 8, 0, CASPIAN_AGG_STD, sd, NULL, NULL), 0);
	assert_true(isnan(sd[6]));
	assert_close(sd[7], sqrt(32.0 / 7.0), 1e-14, 0);
	/* a window longer than the series with the default min_periods: all NaN */
	assert_int_equal(caspian_agg_rolling_array(y, 8, 20, 0, CASPIAN_AGG_MEAN, sd, NULL, NULL), 0);
	for (size_t t = 0; t < 8; t++)
		assert_true(isnan(sd[t]));
	/* ... and with min_periods 1, the expanding mean: (2+4+4)/3 at t = 2 */
	assert_int_equal(caspian_agg_rolling_array(y, 8, 20, 1, CASPIAN_AGG_MEAN, sd, NULL, NULL), 0);
	assert_close(sd[2], 10.0 / 3.0, 1e-15, 0);
	assert_close(sd[7], 5.0, 1e-15, 0);
}

static void test_aggregate_rolling_rejects_bad_input(void **state)
{
	(void)state;
	double x[3] = {1, 2, 3}, out[3] = {-1, -1, -1};
	assert_int_equal(caspian_agg_rolling_array(x, 3, 0, 0, CASPIAN_AGG_SUM, out, NULL, NULL), CASPIAN_EINVAL);
	assert_int_equal(caspian_agg_rolling_array(x, 3, 2, 3, CASPIAN_AGG_SUM, out, NULL, NULL), CASPIAN_EINVAL);
	assert_int_equal(caspian_agg_rolling_array(x, 3, 2, 1, CASPIAN_AGG_MEDIAN, out, NULL, NULL), CASPIAN_EINVAL);
	assert_int_equal(caspian_agg_rolling_array(x, 3, 2, 1, CASPIAN_AGG_MIN, out, NULL, NULL), CASPIAN_EINVAL);
	assert_close(out[0], -1, 0, 0);
}

/* O(n * w) reference with a two-pass standard deviation. */
static double ref_window(const double *x, size_t t, size_t w, size_t minp, enum caspian_agg_how how)
{
	size_t a = t + 1 >= w ? t + 1 - w : 0, k = 0;
	long double s = 0;
	double mn = INFINITY, mx = -INFINITY;
	for (size_t i = a; i <= t; i++)
		if (!isnan(x[i])) {
			k++;
			s += x[i];
			mn = x[i] < mn ? x[i] : mn;
			mx = x[i] > mx ? x[i] : mx;
		}
	if (minp == 0)
		minp = w;
	if (k < minp || k == 0)
		return NAN;
	switch (how) {
	case CASPIAN_AGG_SUM: return (double)s;
	case CASPIAN_AGG_MEAN: return (double)(s / k);
	case CASPIAN_AGG_MIN: return mn;
	case CASPIAN_AGG_MAX: return mx;
	default: break;
	}
	if (k < 2)
		return NAN;
	long double m = s / k, ss = 0;
	for (size_t i = a; i <= t; i++)
		if (!isnan(x[i]))
			ss += (x[i] - m) * (x[i] - m);
	return sqrt((double)(ss / (k - 1)));
}

static void test_aggregate_rolling_matches_reference(void **state)
{
	(void)state;
	rng_state = 500;
	struct caspian_panel *p = random_panel(40, CASPIAN_FREQ_MONTHLY, 24000, 150, 0.2);
	/* a level far from zero with small moves: where a naive running variance fails */
	size_t k;
	assert_int_equal(caspian_panel_add_empty(p, "z.level", CASPIAN_FREQ_MONTHLY, 24000, 500, &k, NULL), 0);
	for (size_t i = 0; i < 500; i++)
		p->series[k].values[i] = 1e9 + rng_unit();
	enum caspian_agg_how hows[] = {CASPIAN_AGG_SUM, CASPIAN_AGG_MEAN, CASPIAN_AGG_MIN,
				       CASPIAN_AGG_MAX, CASPIAN_AGG_STD};
	size_t windows[] = {1, 2, 3, 12, 37, 400};
	size_t minps[] = {0, 1, 2};
	for (size_t h = 0; h < 5; h++)
		for (size_t wi = 0; wi < 6; wi++)
			for (size_t mi = 0; mi < 3; mi++) {
				size_t w = windows[wi], minp = minps[mi] > w ? w : minps[mi];
				dbg_w = w;
				dbg_m = minp;
				struct caspian_panel *out;
				assert_int_equal(caspian_agg_rolling(p, w, minp, hows[h], &out, NULL), 0);
				for (size_t i = 0; i < p->count; i++) {
					const struct caspian_series *s = &p->series[i];
					assert_int_equal(out->series[i].n, s->n);
					assert_int_equal(out->series[i].start, s->start);
					for (size_t t = 0; t < s->n; t++) {
						double want = ref_window(s->values, t, w, minp, hows[h]);
						/* sums: relative to the magnitudes in the window */
						double scale = hows[h] == CASPIAN_AGG_STD ? 1e-9 : 1e-6 * (double)w;
						assert_same(out->series[i].values[t], want, 1e-9, scale,
							    caspian_agg_how_name(hows[h]), i, t);
					}
				}
				caspian_panel_free(out);
			}
	caspian_panel_free(p);
}

/* ---- growth --------------------------------------------------------------- */

static void test_aggregate_growth_hand_cases(void **state)
{
	(void)state;
	/* quarterly 2017Q1..2019Q2: 100, 110, 120, 130, 125, NaN, 150, 0, 150, 160 */
	struct caspian_panel *p = caspian_panel_alloc();
	size_t k;
	assert_int_equal(caspian_panel_add_empty(p, "q", CASPIAN_FREQ_QUARTERLY, 2017 * 4, 10, &k, NULL), 0);
	double v[] = {100, 110, 120, 130, 125, NAN, 150, 0, 150, 160};
	memcpy(p->series[k].values, v, sizeof(v));
	struct caspian_panel *out;
	/* yoy (lag 4): t=4: 125/100-1 = 0.25; t=5: NaN; t=6: 150/120-1 = 0.25;
	 * t=7: 0/130-1 = -1; t=8: 150/125-1 = 0.2; t=9: NaN (base missing) */
	assert_int_equal(caspian_agg_change(p, 0, &out, NULL), 0);
	double yoy[] = {NAN, NAN, NAN, NAN, 0.25, NAN, 0.25, -1, 0.2, NAN};
	for (size_t t = 0; t < 10; t++)
		assert_close(out->series[0].values[t], yoy[t], 1e-15, 1e-15);
	caspian_panel_free(out);
	/* lag 1 across a zero: 150/0 is undefined */
	assert_int_equal(caspian_agg_change(p, 1, &out, NULL), 0);
	assert_true(isnan(out->series[0].values[8]));
	assert_close(out->series[0].values[1], 0.1, 1e-15, 0);
	caspian_panel_free(out);
	/* index, base 2017Q2 (110): 2019Q2 = 100 * 160 / 110 */
	assert_int_equal(caspian_agg_index(p, 2017 * 4 + 1, &out, NULL), 0);
	assert_close(out->series[0].values[9], 100.0 * 160 / 110, 1e-15, 0);
	assert_close(out->series[0].values[1], 100.0, 1e-15, 0);
	caspian_panel_free(out);
	/* a zero base: all NaN */
	assert_int_equal(caspian_agg_index(p, 2017 * 4 + 7, &out, NULL), 0);
	assert_true(isnan(out->series[0].values[0]));
	caspian_panel_free(out);
	/* CAGR 2017Q1 -> 2019Q2 is 2.25 years: (160/100)^(1/2.25) - 1
	 * R: print((160/100)^(1/2.25) - 1, digits=10) gives 0.2323100555 */
	double rate;
	assert_int_equal(caspian_agg_cagr(p, LONG_MIN, LONG_MAX, &rate, NULL), 0);
	assert_close(rate, pow(1.6, 1 / 2.25) - 1, 1e-14, 0);
	assert_close(rate, 0.2323100555, 0, 1e-10);
	/* ending on the zero: undefined */
	assert_int_equal(caspian_agg_cagr(p, LONG_MIN, 2017 * 4 + 7, &rate, NULL), 0);
	assert_true(isnan(rate));
	assert_int_equal(caspian_agg_cagr(p, 5, 4, &rate, NULL), CASPIAN_EINVAL);
	caspian_panel_free(p);
}

static void test_aggregate_growth_matches_reference(void **state)
{
	(void)state;
	rng_state = 900;
	struct caspian_panel *p = random_panel(200, CASPIAN_FREQ_MONTHLY, 24000, 100, 0.1);
	struct caspian_panel *yoy;
	double *rate = malloc(p->count * sizeof(double));
	assert_int_equal(caspian_agg_change(p, 0, &yoy, NULL), 0);
	assert_int_equal(caspian_agg_cagr(p, LONG_MIN, LONG_MAX, rate, NULL), 0);
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		for (size_t t = 0; t < s->n; t++) {
			double now = s->values[t];
			double then = caspian_series_at(s, s->start + (long)t - 12);
			double want = (isnan(now) || isnan(then) || then == 0) ? NAN : now / then - 1;
			assert_same(yoy->series[i].values[t], want, 1e-15, 0, "yoy", i, t);
		}
		long a = -1, b = -1;
		for (size_t t = 0; t < s->n; t++)
			if (!isnan(s->values[t])) {
				if (a < 0)
					a = (long)t;
				b = (long)t;
			}
		double want = NAN;
		if (a >= 0 && b > a && s->values[a] > 0 && s->values[b] > 0)
			want = pow(s->values[b] / s->values[a], 12.0 / (double)(b - a)) - 1;
		assert_same(rate[i], want, 1e-12, 0, "cagr", i, 0);
	}
	free(rate);
	caspian_panel_free(yoy);
	caspian_panel_free(p);
}

static void test_aggregate_how_names_round_trip(void **state)
{
	(void)state;
	for (int h = CASPIAN_AGG_SUM; h <= CASPIAN_AGG_STD; h++) {
		enum caspian_agg_how back = CASPIAN_AGG_SUM;
		assert_int_equal(caspian_agg_how_parse(caspian_agg_how_name((enum caspian_agg_how)h), &back), 0);
		assert_int_equal(back, h);
	}
	enum caspian_agg_how x = CASPIAN_AGG_MAX;
	assert_int_equal(caspian_agg_how_parse("average", &x), CASPIAN_EINVAL);
	assert_int_equal(x, CASPIAN_AGG_MAX);
}

/* ---- panel forms of caspian_yoy, caspian_index_base + rebase, growth ------- */

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* A random panel with positive values (missing ones kept). */
static struct caspian_panel *positive_panel(size_t count, enum caspian_freq freq, long base,
					    size_t maxlen)
{
	struct caspian_panel *p = random_panel(count, freq, base, maxlen, 0.1);
	for (size_t j = 0; j < p->nvalues; j++)
		p->buffer[j] = fabs(p->buffer[j]) + 0.5;
	return p;
}

static void set_threads(int t)
{
#ifdef _OPENMP
	omp_set_num_threads(t);
#else
	(void)t;
#endif
}

static void test_aggregate_yoy_panel_matches_series(void **state)
{
	(void)state;
	static const enum caspian_freq freqs[] = {CASPIAN_FREQ_ANNUAL, CASPIAN_FREQ_QUARTERLY,
						  CASPIAN_FREQ_MONTHLY, CASPIAN_FREQ_WEEKLY,
						  CASPIAN_FREQ_DAILY};
	static const long bases[] = {1990, 1990 * 4, 1990 * 12, 1000, 7000};
	rng_state = 4242;
	for (size_t f = 0; f < 5; f++) {
		struct caspian_panel *p = positive_panel(150, freqs[f], bases[f], 800);
		for (int threads = 1; threads <= 2; threads++) {
			set_threads(threads);
			struct caspian_panel *pop = NULL, *yoy = NULL;
			assert_int_equal(caspian_agg_yoy(p, &pop, &yoy, NULL), CASPIAN_OK);
			assert_int_equal(pop->count, p->count);
			for (size_t i = 0; i < p->count; i++) {
				const struct caspian_series *s = &p->series[i];
				double *a = malloc(2 * (s->n + 1) * sizeof(double)), *b = a + s->n + 1;
				assert_int_equal(caspian_yoy(s, a, b, NULL), CASPIAN_OK);
				assert_string_equal(pop->series[i].name, s->name);
				assert_int_equal(yoy->series[i].start, s->start);
				assert_int_equal(yoy->series[i].n, s->n);
				for (size_t t = 0; t < s->n; t++)
					if (!same_bits(pop->series[i].values[t], a[t]) ||
					    !same_bits(yoy->series[i].values[t], b[t]))
						fail_msg("freq %zu series %zu t %zu: %.17g %.17g, "
							 "caspian_yoy %.17g %.17g", f, i, t,
							 pop->series[i].values[t], yoy->series[i].values[t],
							 a[t], b[t]);
				free(a);
			}
			caspian_panel_free(pop);
			caspian_panel_free(yoy);
		}
		set_threads(2);
		caspian_panel_free(p);
	}
	/* refusals: a zero in series 40 (under a present value), a negative in
	 * series 90; the first one is reported, with caspian_yoy()'s message */
	struct caspian_panel *p = caspian_panel_alloc();
	for (size_t i = 0; i < 100; i++) {
		char name[16];
		size_t k;
		snprintf(name, sizeof(name), "m.%03zu", i);
		assert_int_equal(caspian_panel_add_empty(p, name, CASPIAN_FREQ_MONTHLY, 24000, 30, &k, NULL), 0);
		for (size_t t = 0; t < 30; t++)
			p->series[k].values[t] = 1 + (double)((i + t) % 5);
	}
	p->series[40].values[13] = 0;
	p->series[90].values[2] = -3;
	p->series[20].values[7] = 0; /* the next value is missing: no refusal */
	p->series[20].values[8] = NAN;
	p->series[20].values[19] = NAN; /* nor a year later */
	struct caspian_error err, want;
	caspian_error_init(&err);
	caspian_error_init(&want);
	struct caspian_panel *pop = NULL, *yoy = NULL;
	assert_int_equal(caspian_agg_yoy(p, &pop, &yoy, &err), CASPIAN_EDOM);
	assert_null(pop);
	assert_null(yoy);
	double tmp[60];
	assert_int_equal(caspian_yoy(&p->series[40], tmp, tmp + 30, &want), CASPIAN_EDOM);
	assert_string_equal(err.msg, want.msg);
	assert_non_null(strstr(err.msg, "m.040"));
	caspian_panel_free(p);
}

static void test_aggregate_rebase_matches_series(void **state)
{
	(void)state;
	rng_state = 77;
	struct caspian_panel *p = positive_panel(300, CASPIAN_FREQ_QUARTERLY, 2000 * 4, 60);
	double *bv = malloc(p->count * sizeof(double));
	for (size_t i = 0; i < p->count; i++)
		bv[i] = i % 11 == 5 ? NAN : 3.0 + (double)i / 7.0;
	bv[0] = 0.0;
	struct caspian_panel *ix = NULL;
	assert_int_equal(caspian_agg_rebase(p, bv, &ix, NULL), CASPIAN_OK);
	for (size_t i = 0; i < p->count; i++)
		for (size_t t = 0; t < p->series[i].n; t++) {
			/* (100 x) / b, as the index command has always computed it */
			double want = (isnan(bv[i]) || bv[i] == 0) ? NAN : 100.0 * p->series[i].values[t] / bv[i];
			assert_true(same_bits(ix->series[i].values[t], want));
		}
	caspian_panel_free(ix);
	free(bv);
	caspian_panel_free(p);
}

static void test_aggregate_growth_panel_matches_series(void **state)
{
	(void)state;
	rng_state = 99;
	struct caspian_panel *all = positive_panel(400, CASPIAN_FREQ_MONTHLY, 2000 * 12, 90);
	struct caspian_panel *p = caspian_panel_alloc();
	long *p0 = malloc(2 * all->count * sizeof(long)), *p1 = p0 + all->count;
	/* the series with two or more values, from first to last */
	for (size_t i = 0; i < all->count; i++) {
		long a, b;
		if (!caspian_series_span(&all->series[i], &a, &b) || a == b)
			continue;
		p0[p->count] = a;
		p1[p->count] = b;
		assert_int_equal(caspian_panel_add(p, &all->series[i], NULL), CASPIAN_OK);
	}
	caspian_panel_free(all);
	assert_true(p->count > 200);
	struct caspian_growth *g = calloc(p->count, sizeof(*g)), want;
	for (int threads = 1; threads <= 2; threads++) {
		set_threads(threads);
		assert_int_equal(caspian_agg_growth(p, p0, p1, g, NULL), CASPIAN_OK);
		for (size_t i = 0; i < p->count; i++) {
			assert_int_equal(caspian_growth_between(&p->series[i], p0[i], p1[i], &want, NULL), 0);
			assert_int_equal(g[i].p0, want.p0);
			assert_int_equal(g[i].p1, want.p1);
			assert_int_equal(g[i].n_rates, want.n_rates);
			const double got_v[] = {g[i].v0, g[i].v1, g[i].years, g[i].change, g[i].pct_change,
						g[i].fold, g[i].cagr, g[i].log_rate, g[i].doubling_years, g[i].mean_rate};
			const double want_v[] = {want.v0, want.v1, want.years, want.change, want.pct_change,
						 want.fold, want.cagr, want.log_rate, want.doubling_years, want.mean_rate};
			for (size_t j = 0; j < 10; j++)
				assert_true(same_bits(got_v[j], want_v[j]));
		}
	}
	/* the first refusal in panel order wins, whatever the threads finish first */
	long keep = p1[3];
	p1[3] = p0[3]; /* EINVAL: the end must come after the start */
	p->series[150].values[0] = -1; /* EDOM, later in the panel */
	p0[150] = p->series[150].start;
	struct caspian_error err, ref;
	caspian_error_init(&err);
	caspian_error_init(&ref);
	assert_int_equal(caspian_agg_growth(p, p0, p1, g, &err), CASPIAN_EINVAL);
	assert_int_equal(caspian_growth_between(&p->series[3], p0[3], p1[3], &want, &ref), CASPIAN_EINVAL);
	assert_string_equal(err.msg, ref.msg);
	p1[3] = keep;
	caspian_error_init(&err);
	caspian_error_init(&ref);
	assert_int_equal(caspian_agg_growth(p, p0, p1, g, &err), CASPIAN_EDOM);
	assert_int_equal(caspian_growth_between(&p->series[150], p0[150], p1[150], &want, &ref), CASPIAN_EDOM);
	assert_string_equal(err.msg, ref.msg);
	set_threads(2);
	free(g);
	free(p0);
	caspian_panel_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregate_sum_hand_cases),
		cmocka_unit_test(test_aggregate_sum_matches_reference),
		cmocka_unit_test(test_aggregate_sum_thread_count_invariant),
		cmocka_unit_test(test_aggregate_stats_hand_case),
		cmocka_unit_test(test_aggregate_stats_panel_matches_reference),
		cmocka_unit_test(test_aggregate_across_hand_case),
		cmocka_unit_test(test_aggregate_across_rejects_bad_input),
		cmocka_unit_test(test_aggregate_across_matches_reference),
		cmocka_unit_test(test_aggregate_across_thread_count_invariant),
		cmocka_unit_test(test_aggregate_resample_hand_case),
		cmocka_unit_test(test_aggregate_resample_rejects_bad_input),
		cmocka_unit_test(test_aggregate_resample_matches_reference),
		cmocka_unit_test(test_aggregate_rolling_hand_case),
		cmocka_unit_test(test_aggregate_rolling_rejects_bad_input),
		cmocka_unit_test(test_aggregate_rolling_matches_reference),
		cmocka_unit_test(test_aggregate_growth_hand_cases),
		cmocka_unit_test(test_aggregate_growth_matches_reference),
		cmocka_unit_test(test_aggregate_yoy_panel_matches_series),
		cmocka_unit_test(test_aggregate_rebase_matches_series),
		cmocka_unit_test(test_aggregate_growth_panel_matches_series),
		cmocka_unit_test(test_aggregate_how_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
