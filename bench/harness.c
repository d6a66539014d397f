#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timer.h"

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One timed run of the pair kernel; keeps its fastest time. */
static double time_pair(struct bench_pair *pair)
{
	uint64_t p0 = bench_now_ns();
	pair->fn(pair->arg);
	double tp = (double)(bench_now_ns() - p0) * 1e-9;
	pair->t_min = tp < pair->t_min ? tp : pair->t_min;
	return tp;
}

struct bench_result *bench_measure(struct bench_results *out, const char *name, size_t n,
				   int threads, double bytes, int reps, bench_fn fn,
				   bench_verify verify, bench_reset reset, void *arg,
				   struct bench_pair *pair)
{
	if (out->count == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 32;
		struct bench_result *r = realloc(out->r, cap * sizeof(*r));
		if (!r)
			return NULL;
		out->r = r;
		out->cap = cap;
	}
	double *t = malloc((size_t)(reps > 0 ? reps : 1) * sizeof(double));
	if (!t)
		return NULL;
	double sum = fn(arg); /* warm-up: page faults, caches, thread pool */
	double *ratio = NULL;
	if (pair) {
		pair->fn(pair->arg); /* the pair is warmed up too */
		pair->t_min = INFINITY;
		ratio = malloc((size_t)(reps > 0 ? reps : 1) * sizeof(double));
		if (!ratio) {
			free(t);
			return NULL;
		}
	}
	for (int i = 0; i < reps; i++) {
		if (reset)
			reset(arg);
		/* The pair runs right before the case on even runs and right after it
		 * on odd ones, so neither is always the one that follows the other
		 * (and inherits its cache and prefetcher state or a busy moment). */
		double tp = 0;
		if (pair && i % 2 == 0)
			tp = time_pair(pair);
		uint64_t t0 = bench_now_ns();
		sum = fn(arg);
		t[i] = (double)(bench_now_ns() - t0) * 1e-9;
		if (pair && i % 2 == 1)
			tp = time_pair(pair);
		if (pair)
			ratio[i] = tp / t[i];
	}
	if (pair) {
		qsort(ratio, (size_t)reps, sizeof(double), by_value);
		pair->ratio_median = reps % 2 ? ratio[reps / 2]
					      : (ratio[reps / 2 - 1] + ratio[reps / 2]) / 2;
		free(ratio);
	}
	qsort(t, (size_t)reps, sizeof(double), by_value);
	struct bench_result *r = &out->r[out->count++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->n = n;
	r->threads = threads;
	r->bytes = bytes;
	r->t_min = t[0];
	r->t_median = reps % 2 ? t[reps / 2] : (t[reps / 2 - 1] + t[reps / 2]) / 2;
	r->checksum = sum;
	r->ok = verify ? verify(arg, &r->checksum) : 1;
	if (pair)
		r->baseline = pair->bytes / pair->t_min * 1e-9;
	free(t);
	return r;
}

static double gbps(const struct bench_result *r)
{
	return r->bytes > 0 ? r->bytes / r->t_min * 1e-9 : 0.0;
}

static double pct(const struct bench_result *r)
{
	return r->baseline > 0 && r->bytes > 0 ? 100.0 * gbps(r) / r->baseline : 0.0;
}

void bench_write_csv(FILE *f, const struct bench_results *res, const char *sha,
		     const char *compiler, const char *flags)
{
	fputs("case,n,threads,ns_per_elem,time_min_s,time_median_s,values_per_s,gb_per_s,"
	      "pct_of_baseline_bw,checksum,ok,note,git_sha,compiler,flags\n", f);
	for (size_t i = 0; i < res->count; i++) {
		const struct bench_result *r = &res->r[i];
		fprintf(f, "%s,%zu,%d,%.4f,%.6g,%.6g,%.6g,%.4g,", r->name, r->n, r->threads,
			r->t_min * 1e9 / (double)r->n, r->t_min, r->t_median,
			(double)r->n / r->t_min, gbps(r));
		if (pct(r) > 0)
			fprintf(f, "%.1f", pct(r));
		fprintf(f, ",%.17g,%d,\"%s\",%s,\"%s\",\"%s\"\n", r->checksum, r->ok, r->note,
			sha, compiler, flags);
	}
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void bench_write_json(FILE *f, const struct bench_results *res, const char *sha,
		      const char *compiler, const char *flags)
{
	fputs("{\n  \"git_sha\": ", f);
	json_string(f, sha);
	fputs(",\n  \"compiler\": ", f);
	json_string(f, compiler);
	fputs(",\n  \"flags\": ", f);
	json_string(f, flags);
	fputs(",\n  \"results\": [\n", f);
	for (size_t i = 0; i < res->count; i++) {
		const struct bench_result *r = &res->r[i];
		fputs("    {\"case\": ", f);
		json_string(f, r->name);
		fprintf(f, ", \"n\": %zu, \"threads\": %d, \"ns_per_elem\": %.4f, "
			"\"time_min_s\": %.6g, \"time_median_s\": %.6g, \"values_per_s\": %.6g, "
			"\"gb_per_s\": %.4g, \"pct_of_baseline_bw\": ", r->n, r->threads,
			r->t_min * 1e9 / (double)r->n, r->t_min, r->t_median,
			(double)r->n / r->t_min, gbps(r));
		if (pct(r) > 0)
			fprintf(f, "%.1f", pct(r));
		else
			fputs("null", f);
		/* a checksum may be NaN or huge; JSON has no NaN, so it goes as text */
		fprintf(f, ", \"checksum\": \"%.17g\", \"ok\": %s, \"note\": ", r->checksum,
			r->ok ? "true" : "false");
		json_string(f, r->note);
		fprintf(f, "}%s\n", i + 1 < res->count ? "," : "");
	}
	fputs("  ]\n}\n", f);
}

void bench_write_table(FILE *f, const struct bench_results *res)
{
	fprintf(f, "%-24s %10s %3s %9s %10s %10s %11s %8s %6s %3s  %s\n", "case", "n", "thr",
		"ns/elem", "min ms", "median ms", "values/s", "GB/s", "%bw", "ok", "note");
	for (size_t i = 0; i < res->count; i++) {
		const struct bench_result *r = &res->r[i];
		fprintf(f, "%-24s %10zu %3d %9.3f %10.3f %10.3f %11.4g %8.2f ", r->name, r->n,
			r->threads, r->t_min * 1e9 / (double)r->n, r->t_min * 1e3,
			r->t_median * 1e3, (double)r->n / r->t_min, gbps(r));
		if (pct(r) > 0)
			fprintf(f, "%6.1f", pct(r));
		else
			fprintf(f, "%6s", "-");
		fprintf(f, " %3s  %s\n", r->ok ? "ok" : "BAD", r->note);
	}
}
