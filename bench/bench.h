/*
 * bench.h - what the cases share: the run settings and the result list.
 */
#ifndef CASPIAN_BENCH_H
#define CASPIAN_BENCH_H

#include <stddef.h>

#include "harness.h"

struct caspian_panel;

struct bench_ctx {
	int quick;              /* --quick: smaller arrays, fewer repetitions */
	int reps;               /* timed runs per case */
	size_t big_n;           /* doubles in the long array (far larger than the LLC) */
	int threads[4];         /* thread counts to run the parallel kernels at */
	int nthreads;
	double baseline[65];    /* read GB/s by thread count (index = threads) */
	const char *filter;     /* run only cases whose name contains this, or NULL */
	struct bench_pair read; /* the read kernel, paired with the long-array cases */
	struct bench_results res;
};

/* Set the OpenMP thread count (a no-op without OpenMP). */
void bench_set_threads(int t);

/* 1 when the case name passes --filter. */
int bench_selected(const struct bench_ctx *c, const char *name);

/* Append a result, filling its baseline from the thread count. */
struct bench_result *bench_case(struct bench_ctx *c, const char *name, size_t n, int threads,
				double bytes, bench_fn fn, bench_verify verify, bench_reset reset,
				void *arg);

/* The same, with the read kernel timed run for run beside it as the baseline. */
struct bench_result *bench_case_paired(struct bench_ctx *c, const char *name, size_t n,
				       int threads, double bytes, bench_fn fn,
				       bench_verify verify, void *arg);

/* The read-bandwidth baseline (baseline.c): fills c->baseline and c->read
 * (its array stays allocated for the paired cases until bench_baseline_free). */
int bench_baseline(struct bench_ctx *c, size_t n);
void bench_baseline_free(struct bench_ctx *c);

/* Test data from a fixed seed (cases.c). */
void bench_fill_array(double *x, size_t n);
struct caspian_panel *bench_make_panel(void);

/* The groups of cases (cases.c, numfmt_cases.c). */
int bench_kernels(struct bench_ctx *c, const double *x, size_t n);
/* ingest and store cases; io.c */
int bench_panel(struct bench_ctx *c);
int bench_io(struct bench_ctx *c);
int bench_numfmt(struct bench_ctx *c);

#endif
