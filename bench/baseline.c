/*
 * baseline.c - a STREAM-like read kernel: how fast one core (or t cores) can
 * stream memory here, measured in the same run as the cases it is compared to.
 *
 * The data is read as 64-bit integers summed in eight lanes: integer adds
 * are exact, so the compiler may vectorise and reorder freely, and the loop
 * does the least work per byte that still reads every byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#ifdef _OPENMP
#include <omp.h>
#endif

struct read_arg {
	const uint64_t *x;
	size_t n;
};

static uint64_t read_lanes(const uint64_t *x, size_t n)
{
	uint64_t a[8] = {0, 0, 0, 0, 0, 0, 0, 0};
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		for (size_t j = 0; j < 8; j++)
			a[j] += x[i + j];
	for (; i < n; i++)
		a[0] += x[i];
	return a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7];
}

static double run_read(void *p)
{
	struct read_arg *a = p;
	uint64_t s = 0;
#ifdef _OPENMP
#pragma omp parallel for reduction(+ : s) schedule(static)
	for (long b = 0; b < 64; b++) {
		size_t lo = a->n * (size_t)b / 64, hi = a->n * (size_t)(b + 1) / 64;
		s += read_lanes(a->x + lo, hi - lo);
	}
#else
	s = read_lanes(a->x, a->n);
#endif
	return (double)(s >> 11);
}

/* Its own array of the same size as the cases' one, so no type punning. */
int bench_baseline(struct bench_ctx *c, size_t n)
{
	uint64_t *w = malloc(n * sizeof(uint64_t));
	struct read_arg *a = malloc(sizeof(*a));
	if (!w || !a) {
		free(w);
		free(a);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		w[i] = i * 0x9e3779b97f4a7c15u;
	a->x = w;
	a->n = n;
	c->read.fn = run_read;
	c->read.arg = a;
	c->read.bytes = (double)n * 8;
	for (int k = 0; k < c->nthreads; k++) {
		int t = c->threads[k];
		bench_set_threads(t);
		struct bench_result *r = bench_case(c, "stream_read", n, t, (double)n * 8,
						    run_read, NULL, NULL, a);
		if (!r)
			return -1;
		c->baseline[t] = r->bytes / r->t_min * 1e-9;
		r->baseline = c->baseline[t];
	}
	return 0;
}

void bench_baseline_free(struct bench_ctx *c)
{
	struct read_arg *a = c->read.arg;
	if (a)
		free((void *)a->x);
	free(a);
	c->read.arg = NULL;
}
