/*
 * harness.h - run a kernel several times, keep min and median, check its result.
 *
 * A case is one kernel at one size and thread count.  The kernel returns a
 * checksum of what it computed, so the work cannot be optimised away, and a
 * verify function compares the last result with a simple reference, so a fast
 * wrong answer shows up as ok = 0 in the output rather than as a good time.
 */
#ifndef CASPIAN_BENCH_HARNESS_H
#define CASPIAN_BENCH_HARNESS_H

#include <stddef.h>
#include <stdio.h>

struct bench_result {
	char name[48];
	size_t n;          /* elements processed per run (values, rows, numbers) */
	int threads;
	double bytes;      /* bytes of input read per run */
	double t_min, t_median; /* seconds */
	double checksum;
	int ok;            /* verify() accepted the result */
	double baseline;   /* read bandwidth at this thread count, GB/s (0: none) */
	char note[64];     /* e.g. a ratio to a reference method */
};

struct bench_results {
	struct bench_result *r;
	size_t count, cap;
};

/* The kernel: run once on arg and return a checksum of the result. */
typedef double (*bench_fn)(void *arg);
/* Check the result left in arg by the last run against a reference; 1 when
 * right.  May replace *checksum by a fuller one computed outside the timing. */
typedef int (*bench_verify)(void *arg, double *checksum);

/* Undo what a run left behind (free its output), outside the timing; may be NULL. */
typedef void (*bench_reset)(void *arg);

/*
 * A second kernel timed alternately with the case, run for run, so that both
 * see the same machine: on a shared machine the bandwidth changes from one
 * second to the next, and a baseline taken minutes earlier misleads.
 */
struct bench_pair {
	bench_fn fn;
	void *arg;
	double bytes;  /* bytes the pair kernel reads per run */
	double t_min;  /* out: its fastest run, seconds */
	double ratio_median; /* out: median over runs of (pair time / case time)
				of the two runs made back to back */
};

/*
 * bench_measure() - run fn reps times (after one untimed warm-up run), record
 * min and median times, verify the last result, append to out.  reset runs
 * before each timed run, untimed.  pair (may be NULL) runs and is timed just
 * next to each timed run of fn, alternately just before and just after
 * it (both are warmed up first).  Returns a
 * pointer to the appended result, or NULL when out of memory.
 */
struct bench_result *bench_measure(struct bench_results *out, const char *name, size_t n,
				   int threads, double bytes, int reps, bench_fn fn,
				   bench_verify verify, bench_reset reset, void *arg,
				   struct bench_pair *pair);

/* Write all results as CSV / JSON, with the build description. */
void bench_write_csv(FILE *f, const struct bench_results *res, const char *sha,
		     const char *compiler, const char *flags);
void bench_write_json(FILE *f, const struct bench_results *res, const char *sha,
		      const char *compiler, const char *flags);
/* A readable table for the terminal. */
void bench_write_table(FILE *f, const struct bench_results *res);

#endif
