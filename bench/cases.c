/*
 * cases.c - the in-memory kernels: one long array, and a panel of 20,000
 * monthly series x 120 months (the shape of the default synthetic panel).
 *
 * Inputs come from a fixed seed and are built outside the timed region; each
 * case's verify() recomputes the answer the slow obvious way.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/aggregate.h"
#include "caspian/series.h"

#include "bench.h"

enum { PANEL_SERIES = 20000, PANEL_MONTHS = 120, PANEL_START = 2016 * 12 };

static uint64_t seed = 42;

static uint64_t next_u64(void)
{
	uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double next_unit(void)
{
	return (double)(next_u64() >> 11) / 9007199254740992.0;
}

/* ---- one long array ------------------------------------------------------- */

struct array_arg {
	const double *x;
	size_t n;
	double result;
	long double ref_sum, ref_abs;
	size_t ref_count;
	double ref_min, ref_max;
};

static double run_sum(void *p)
{
	struct array_arg *a = p;
	return a->result = caspian_agg_sum(a->x, a->n, NULL);
}

static double run_sum_naive(void *p)
{
	struct array_arg *a = p;
	return a->result = caspian_agg_sum_naive(a->x, a->n, NULL);
}

static double run_mean(void *p)
{
	struct array_arg *a = p;
	return a->result = caspian_agg_mean(a->x, a->n);
}

static double run_min(void *p)
{
	struct array_arg *a = p;
	return a->result = caspian_agg_min(a->x, a->n);
}

static double run_max(void *p)
{
	struct array_arg *a = p;
	return a->result = caspian_agg_max(a->x, a->n);
}

/* Recursive summation error bound: n * eps * sum |x|. */
static int verify_sum(void *p, double *checksum)
{
	struct array_arg *a = p;
	(void)checksum;
	double tol = (double)a->ref_abs * (double)a->n * 1.2e-16;
	return fabs(a->result - (double)a->ref_sum) <= tol;
}

static int verify_mean(void *p, double *checksum)
{
	struct array_arg *a = p;
	(void)checksum;
	double want = (double)(a->ref_sum / (long double)a->ref_count);
	double tol = (double)(a->ref_abs / (long double)a->ref_count) * (double)a->n * 1.2e-16;
	return fabs(a->result - want) <= tol;
}

static int verify_min(void *p, double *checksum)
{
	struct array_arg *a = p;
	(void)checksum;
	return a->result == a->ref_min;
}

static int verify_max(void *p, double *checksum)
{
	struct array_arg *a = p;
	(void)checksum;
	return a->result == a->ref_max;
}

static void array_reference(struct array_arg *a)
{
	long double s = 0, abs_sum = 0;
	size_t c = 0;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < a->n; i++) {
		double v = a->x[i];
		if (isnan(v))
			continue;
		s += v;
		abs_sum += fabs(v);
		c++;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	a->ref_sum = s;
	a->ref_abs = abs_sum;
	a->ref_count = c;
	a->ref_min = lo;
	a->ref_max = hi;
}

/* Positive and negative values of mixed magnitude, 1% missing. */
void bench_fill_array(double *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double u = next_unit();
		x[i] = u < 0.01 ? NAN : (u - 0.3) * 1000.0;
	}
}

int bench_kernels(struct bench_ctx *c, const double *x, size_t n)
{
	struct array_arg a = {.x = x, .n = n};
	array_reference(&a);
	double bytes = (double)n * sizeof(double);
	struct {
		const char *name;
		bench_fn fn;
		bench_verify verify;
		int parallel;
	} cases[] = {
		{"sum", run_sum, verify_sum, 1},
		{"mean", run_mean, verify_mean, 1},
		{"min", run_min, verify_min, 1},
		{"max", run_max, verify_max, 1},
		{"sum_naive_loop", run_sum_naive, verify_sum, 0},
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		if (!bench_selected(c, cases[k].name))
			continue;
		for (int t = 0; t < c->nthreads; t++) {
			int threads = c->threads[t];
			if (!cases[k].parallel && threads != 1)
				continue;
			bench_set_threads(threads);
			if (!bench_case_paired(c, cases[k].name, n, threads, bytes, cases[k].fn,
					       cases[k].verify, &a))
				return -1;
		}
	}
	bench_set_threads(c->threads[c->nthreads - 1]);
	return 0;
}

/* ---- the panel ------------------------------------------------------------ */

/*
 * 20,000 monthly series over 2016-01..2025-12, positive values of trade-like
 * size with growth and noise, 1% missing, about 5% of series starting late
 * or ending early (ragged, so the group-by sees different coverage).
 */
struct caspian_panel *bench_make_panel(void)
{
	struct caspian_panel *p = caspian_panel_alloc();
	if (!p)
		return NULL;
	for (size_t i = 0; i < PANEL_SERIES; i++) {
		char name[32];
		snprintf(name, sizeof(name), "trade.s%05zu", i);
		long start = PANEL_START;
		size_t n = PANEL_MONTHS;
		if (i % 20 == 7) {
			size_t cut = 1 + (size_t)(next_unit() * 30);
			start += (long)cut;
			n -= cut;
		} else if (i % 20 == 13) {
			n -= 1 + (size_t)(next_unit() * 30);
		}
		size_t k;
		if (caspian_panel_add_empty(p, name, CASPIAN_FREQ_MONTHLY, start, n, &k, NULL)) {
			caspian_panel_free(p);
			return NULL;
		}
		double level = 50.0 + 5000.0 * next_unit(), g = 0.002 + 0.01 * next_unit();
		double *v = p->series[k].values;
		for (size_t j = 0; j < n; j++) {
			double noise = 0.8 + 0.4 * next_unit();
			/* two decimals, like thousands of USD in a trade release */
			v[j] = next_unit() < 0.01 ? NAN
						  : round(level * pow(1 + g, (double)j) * noise * 100) / 100;
		}
	}
	return p;
}

struct panel_arg {
	const struct caspian_panel *p;
	enum caspian_agg_how how;
	struct caspian_across across;
	struct caspian_panel *out;
	unsigned char *flag;
	struct caspian_stats *stats;
	double *rate;
};

static void release_outputs(void *arg)
{
	struct panel_arg *a = arg;
	caspian_agg_across_release(&a->across);
	caspian_panel_free(a->out);
	free(a->flag);
	a->out = NULL;
	a->flag = NULL;
}

static double sum_present(const double *x, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			s += x[i];
	return s;
}

static double run_groupby(void *p)
{
	struct panel_arg *a = p;
	if (caspian_agg_across(a->p, a->how, "total", &a->across, NULL))
		return NAN;
	return a->across.series->values[0];
}

static int close_to(double got, long double want, long double scale, double rel)
{
	if (isnan(got) || isnan((double)want))
		return isnan(got) && isnan((double)want);
	return fabsl((long double)got - want) <= rel * scale;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Per period, straight over the series with caspian_series_at(). */
static int verify_groupby(void *p, double *checksum)
{
	struct panel_arg *a = p;
	const struct caspian_series *r = a->across.series;
	if (!r || r->start != PANEL_START || r->n != PANEL_MONTHS)
		return 0;
	double *vals = malloc(a->p->count * sizeof(double));
	int ok = vals != NULL;
	for (size_t t = 0; ok && t < r->n; t++) {
		long double s = 0, abs_sum = 0;
		size_t u = 0;
		for (size_t i = 0; i < a->p->count; i++) {
			double v = caspian_series_at(&a->p->series[i], r->start + (long)t);
			if (isnan(v))
				continue;
			vals[u++] = v;
			s += v;
			abs_sum += fabs(v);
		}
		ok = u == a->across.used[t];
		if (a->how == CASPIAN_AGG_SUM)
			ok = ok && close_to(r->values[t], s, abs_sum, 1e-13);
		else if (a->how == CASPIAN_AGG_MEAN)
			ok = ok && close_to(r->values[t], s / u, abs_sum / u, 1e-13);
		else if (a->how == CASPIAN_AGG_MEDIAN) {
			qsort(vals, u, sizeof(double), cmp_double);
			double m = u % 2 ? vals[u / 2] : (vals[u / 2 - 1] + vals[u / 2]) / 2;
			ok = ok && r->values[t] == m;
		}
	}
	free(vals);
	*checksum = sum_present(r->values, r->n);
	return ok;
}

static double run_stats(void *p)
{
	struct panel_arg *a = p;
	caspian_agg_stats_panel(a->p, LONG_MIN, LONG_MAX, a->stats, NULL);
	return a->stats[0].sum;
}

static int verify_stats(void *p, double *checksum)
{
	struct panel_arg *a = p;
	double cs = 0;
	for (size_t i = 0; i < a->p->count; i++) {
		const struct caspian_series *s = &a->p->series[i];
		long double sum = 0, abs_sum = 0;
		size_t c = 0;
		double lo = INFINITY, hi = -INFINITY;
		for (size_t j = 0; j < s->n; j++) {
			double v = s->values[j];
			if (isnan(v))
				continue;
			sum += v;
			abs_sum += fabs(v);
			c++;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		const struct caspian_stats *st = &a->stats[i];
		if (st->count != c || st->missing != s->n - c || st->min != lo || st->max != hi ||
		    !close_to(st->sum, sum, abs_sum, 1e-14) ||
		    !close_to(st->mean, sum / c, abs_sum / c, 1e-14))
			return 0;
		cs += st->sum;
	}
	*checksum = cs;
	return 1;
}

static double run_resample(void *p)
{
	struct panel_arg *a = p;
	if (caspian_agg_resample(a->p, CASPIAN_FREQ_ANNUAL, a->how, CASPIAN_PARTIAL_KEEP,
				 &a->out, &a->flag, NULL))
		return NAN;
	return a->out->series[0].values[0];
}

/* Per series and year: the months y*12 .. y*12+11 looked up one by one. */
static int verify_resample(void *p, double *checksum)
{
	struct panel_arg *a = p;
	if (!a->out || a->out->count != a->p->count)
		return 0;
	for (size_t i = 0; i < a->p->count; i++) {
		const struct caspian_series *s = &a->p->series[i], *r = &a->out->series[i];
		for (size_t k = 0; k < r->n; k++) {
			long year = r->start + (long)k;
			long double sum = 0;
			double last = NAN;
			size_t present = 0;
			for (long m = year * 12; m < year * 12 + 12; m++) {
				double v = caspian_series_at(s, m);
				if (isnan(v))
					continue;
				sum += v;
				last = v;
				present++;
			}
			double want = present == 0 ? NAN
				      : a->how == CASPIAN_AGG_SUM ? (double)sum : last;
			size_t off = (size_t)(r->values - a->out->buffer) + k;
			if (!close_to(r->values[k], want, fabsl(sum), 1e-14) ||
			    a->flag[off] != (present != 12))
				return 0;
		}
	}
	*checksum = sum_present(a->out->buffer, a->out->nvalues);
	return 1;
}

static double run_rolling(void *p)
{
	struct panel_arg *a = p;
	if (caspian_agg_rolling(a->p, 12, 0, CASPIAN_AGG_SUM, &a->out, NULL))
		return NAN;
	return a->out->series[0].values[11];
}

static int verify_rolling(void *p, double *checksum)
{
	struct panel_arg *a = p;
	if (!a->out)
		return 0;
	for (size_t i = 0; i < a->p->count; i++) {
		const struct caspian_series *s = &a->p->series[i];
		const double *y = a->out->series[i].values;
		for (size_t t = 0; t < s->n; t++) {
			long double sum = 0, abs_sum = 0;
			size_t c = 0;
			for (size_t j = t >= 11 ? t - 11 : 0; j <= t; j++)
				if (!isnan(s->values[j])) {
					sum += s->values[j];
					abs_sum += fabs(s->values[j]);
					c++;
				}
			if (!close_to(y[t], c == 12 ? sum : NAN, abs_sum, 1e-14))
				return 0;
		}
	}
	*checksum = sum_present(a->out->buffer, a->out->nvalues);
	return 1;
}

static double run_yoy(void *p)
{
	struct panel_arg *a = p;
	if (caspian_agg_change(a->p, 0, &a->out, NULL))
		return NAN;
	return a->out->series[0].values[12];
}

static int verify_yoy(void *p, double *checksum)
{
	struct panel_arg *a = p;
	if (!a->out)
		return 0;
	for (size_t i = 0; i < a->p->count; i++) {
		const struct caspian_series *s = &a->p->series[i];
		for (size_t t = 0; t < s->n; t++) {
			double then = caspian_series_at(s, s->start + (long)t - 12);
			double want = s->values[t] / then - 1;
			if (!close_to(a->out->series[i].values[t], want, fabs(want), 1e-15))
				return 0;
		}
	}
	*checksum = sum_present(a->out->buffer, a->out->nvalues);
	return 1;
}

static double run_cagr(void *p)
{
	struct panel_arg *a = p;
	caspian_agg_cagr(a->p, LONG_MIN, LONG_MAX, a->rate, NULL);
	return a->rate[0];
}

static int verify_cagr(void *p, double *checksum)
{
	struct panel_arg *a = p;
	for (size_t i = 0; i < a->p->count; i++) {
		const struct caspian_series *s = &a->p->series[i];
		size_t lo = 0, hi = s->n - 1;
		while (isnan(s->values[lo]))
			lo++;
		while (isnan(s->values[hi]))
			hi--;
		double want = pow(s->values[hi] / s->values[lo], 12.0 / (double)(hi - lo)) - 1;
		if (!close_to(a->rate[i], want, fabs(want), 1e-13))
			return 0;
	}
	*checksum = sum_present(a->rate, a->p->count);
	return 1;
}

int bench_panel(struct bench_ctx *c)
{
	struct caspian_panel *p = bench_make_panel();
	struct panel_arg a = {.p = p};
	if (p) {
		a.stats = malloc(p->count * sizeof(*a.stats));
		a.rate = malloc(p->count * sizeof(double));
	}
	if (!p || !a.stats || !a.rate) {
		caspian_panel_free(p);
		free(a.stats);
		free(a.rate);
		return -1;
	}
	double bytes = (double)p->nvalues * sizeof(double);
	struct {
		const char *name;
		enum caspian_agg_how how;
		bench_fn fn;
		bench_verify verify;
	} cases[] = {
		{"stats_per_series", CASPIAN_AGG_SUM, run_stats, verify_stats},
		{"groupby_period_sum", CASPIAN_AGG_SUM, run_groupby, verify_groupby},
		{"groupby_period_mean", CASPIAN_AGG_MEAN, run_groupby, verify_groupby},
		{"groupby_period_median", CASPIAN_AGG_MEDIAN, run_groupby, verify_groupby},
		{"resample_annual_sum", CASPIAN_AGG_SUM, run_resample, verify_resample},
		{"resample_annual_last", CASPIAN_AGG_LAST, run_resample, verify_resample},
		{"rolling12_sum", CASPIAN_AGG_SUM, run_rolling, verify_rolling},
		{"yoy", CASPIAN_AGG_SUM, run_yoy, verify_yoy},
		{"cagr", CASPIAN_AGG_SUM, run_cagr, verify_cagr},
	};
	int rc = 0;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]) && rc == 0; k++) {
		if (!bench_selected(c, cases[k].name))
			continue;
		a.how = cases[k].how;
		for (int t = 0; t < c->nthreads && rc == 0; t++) {
			bench_set_threads(c->threads[t]);
			if (!bench_case(c, cases[k].name, p->nvalues, c->threads[t], bytes,
					cases[k].fn, cases[k].verify, release_outputs, &a))
				rc = -1;
		}
		release_outputs(&a);
	}
	bench_set_threads(c->threads[c->nthreads - 1]);
	caspian_panel_free(p);
	free(a.stats);
	free(a.rate);
	return rc;
}
