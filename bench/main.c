/*
 * caspian-bench - timings of the hot loops against the machine's own read
 * bandwidth, written as bench-results.csv and bench-results.json.
 *
 *   caspian-bench [--quick] [--filter TEXT] [--threads 1,2] [--reps N]
 *                 [--mib N] [--out-dir DIR]
 *
 * Timings are not tests: the exit status is 0 whenever the cases ran, even
 * slowly.  It is 1 when a case's result failed its reference check, 2 on a
 * bad command line or when memory ran out.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bench.h"
#include "timer.h"

#ifndef BENCH_COMPILER
#define BENCH_COMPILER "unknown"
#endif
#ifndef BENCH_FLAGS
#define BENCH_FLAGS ""
#endif
#ifndef BENCH_GIT_SHA
#define BENCH_GIT_SHA "unknown"
#endif

void bench_set_threads(int t)
{
#ifdef _OPENMP
	omp_set_num_threads(t);
#else
	(void)t;
#endif
}

int bench_selected(const struct bench_ctx *c, const char *name)
{
	return !c->filter || strstr(name, c->filter);
}

struct bench_result *bench_case(struct bench_ctx *c, const char *name, size_t n, int threads,
				double bytes, bench_fn fn, bench_verify verify, bench_reset reset,
				void *arg)
{
	struct bench_result *r = bench_measure(&c->res, name, n, threads, bytes, c->reps, fn,
					       verify, reset, arg, NULL);
	if (r && threads < 65)
		r->baseline = c->baseline[threads];
	if (r) {
		fprintf(stderr, "  %-26s threads %d  %9.3f ms%s\n", name, threads, r->t_min * 1e3,
			r->ok ? "" : "  RESULT WRONG");
	}
	return r;
}

struct bench_result *bench_case_paired(struct bench_ctx *c, const char *name, size_t n,
				       int threads, double bytes, bench_fn fn,
				       bench_verify verify, void *arg)
{
	/* at least 7 runs: the minimum of each side then rarely misses the machine's best */
	int reps = c->reps < 7 ? 7 : c->reps;
	struct bench_result *r = bench_measure(&c->res, name, n, threads, bytes, reps, fn,
					       verify, NULL, arg, &c->read);
	if (r) {
		snprintf(r->note, sizeof(r->note),
			 "baseline %.2f GB/s, paired; run by run %.1f%% (median)", r->baseline,
			 100.0 * c->read.ratio_median * bytes / c->read.bytes);
		fprintf(stderr, "  %-26s threads %d  %9.3f ms  (read kernel %.3f ms)%s\n", name,
			threads, r->t_min * 1e3, c->read.t_min * 1e3, r->ok ? "" : "  RESULT WRONG");
	}
	return r;
}

static void usage(FILE *f)
{
	fputs("usage: caspian-bench [--quick] [--filter TEXT] [--threads 1,2] [--reps N]\n"
	      "                     [--mib N] [--out-dir DIR]\n"
	      "  --quick      256 MiB array and 3 runs per case (under a minute)\n"
	      "  --filter     only cases whose name contains TEXT (the baseline always runs)\n"
	      "  --threads    thread counts for the parallel kernels (default 1 and all cores)\n"
	      "  --reps       timed runs per case (default 3 quick, 9 otherwise)\n"
	      "  --mib        size of the long array in MiB (default 256 quick, 1024 otherwise)\n"
	      "  --out-dir    where bench-results.csv and .json go (default .; created)\n", f);
}

static int parse_threads(const char *text, struct bench_ctx *c)
{
	c->nthreads = 0;
	const char *p = text;
	while (*p && c->nthreads < 4) {
		char *end;
		long t = strtol(p, &end, 10);
		if (end == p || t < 1 || t > 64)
			return -1;
		c->threads[c->nthreads++] = (int)t;
		p = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return -1;
	}
	return c->nthreads ? 0 : -1;
}

static int parse_args(int argc, char **argv, struct bench_ctx *c, const char **out_dir)
{
	long mib = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--quick") == 0) {
			c->quick = 1;
		} else if (strcmp(a, "--filter") == 0 && v) {
			c->filter = v;
			i++;
		} else if (strcmp(a, "--threads") == 0 && v) {
			if (parse_threads(v, c))
				return -1;
			i++;
		} else if (strcmp(a, "--reps") == 0 && v) {
			c->reps = atoi(v) > 0 ? atoi(v) : 0;
			if (!c->reps)
				return -1;
			i++;
		} else if (strcmp(a, "--mib") == 0 && v) {
			mib = strtol(v, NULL, 10);
			if (mib < 1)
				return -1;
			i++;
		} else if (strcmp(a, "--out-dir") == 0 && v) {
			*out_dir = v;
			i++;
		} else {
			return -1;
		}
	}
	if (!c->reps)
		c->reps = c->quick ? 3 : 9;
	if (!mib)
		mib = c->quick ? 256 : 1024;
	c->big_n = (size_t)mib * 1024 * 1024 / sizeof(double);
	if (!c->nthreads) {
		c->threads[c->nthreads++] = 1;
#ifdef _OPENMP
		if (omp_get_num_procs() > 1)
			c->threads[c->nthreads++] = omp_get_num_procs();
#endif
	}
	return 0;
}

static int write_file(const char *dir, const char *name, const struct bench_results *r, int json)
{
	char path[4096];
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	if (json)
		bench_write_json(f, r, BENCH_GIT_SHA, BENCH_COMPILER, BENCH_FLAGS);
	else
		bench_write_csv(f, r, BENCH_GIT_SHA, BENCH_COMPILER, BENCH_FLAGS);
	return fclose(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct bench_ctx c;
	const char *out_dir = ".";
	memset(&c, 0, sizeof(c));
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (parse_args(argc, argv, &c, &out_dir)) {
		usage(stderr);
		return 2;
	}
	uint64_t t0 = bench_now_ns();
	fprintf(stderr, "caspian-bench: %s mode, array %zu MiB, %d runs per case\n",
		c.quick ? "quick" : "full", c.big_n * sizeof(double) >> 20, c.reps);
	double *x = malloc(c.big_n * sizeof(double));
	if (!x) {
		fputs("caspian-bench: out of memory\n", stderr);
		return 2;
	}
	bench_fill_array(x, c.big_n);
	int rc = bench_baseline(&c, c.big_n);
	if (rc == 0)
		rc = bench_kernels(&c, x, c.big_n);
	bench_baseline_free(&c);
	free(x);
	if (rc == 0)
		rc = bench_panel(&c);
	if (rc == 0)
		rc = bench_io(&c);
	if (rc == 0)
		rc = bench_numfmt(&c);
	if (rc) {
		fputs("caspian-bench: out of memory\n", stderr);
		return 2;
	}
	bench_write_table(stdout, &c.res);
	printf("compiler: %s\nflags: %s\ngit: %s\ntotal %.1f s\n", BENCH_COMPILER, BENCH_FLAGS,
	       BENCH_GIT_SHA, (double)(bench_now_ns() - t0) * 1e-9);
	if (write_file(out_dir, "bench-results.csv", &c.res, 0) ||
	    write_file(out_dir, "bench-results.json", &c.res, 1)) {
		fprintf(stderr, "caspian-bench: cannot write the results into %s\n", out_dir);
		return 2;
	}
	int bad = 0;
	for (size_t i = 0; i < c.res.count; i++)
		bad += !c.res.r[i].ok;
	free(c.res.r);
	if (bad)
		fprintf(stderr, "caspian-bench: %d case(s) gave a wrong result\n", bad);
	return bad ? 1 : 0;
}
