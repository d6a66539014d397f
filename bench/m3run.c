/*
 * m3run.c - run one forecasting method on every series of a competition data
 * folder (series.csv, train.csv[, test.csv], the layout of the M3 data) and
 * write id,h,value,lo95,hi95 for the scorer.
 *
 *   caspian-m3 --data DIR --method M[:SPEC] [--jobs N] [--level L] [--score]
 *              [--every K] [-o FILE]
 *
 * Series run in parallel (OpenMP) and are written in series.csv order; each
 * series' result depends only on its own data, so the output is identical
 * for any number of threads.  The time of fitting and forecasting (not of
 * reading and writing) is printed on stderr with the rate in series/s, and
 * the CPU time of the same work (which a busy machine does not inflate).
 * --score prints sMAPE, MASE, coverage and MSIS per subset (the definitions of
 * the M3 scorer) when DIR has test.csv; --every K runs every K-th series only.
 * --holdout validates on the training data alone: the last h training values
 * of each series become its test values (test.csv is not read), so choices
 * made with it never see the competition's test set.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <gsl/gsl_errno.h>

#include "caspian/forecast.h"
#include "m3run.h"

static const char usage[] =
	"usage: caspian-m3 --data DIR --method M[:SPEC] [--jobs N] [--level L]\n"
	"                  [--score] [--holdout] [--every K] [-o FILE]\n"
	"Forecast every series of DIR (series.csv: id, period, h[, subset];\n"
	"train.csv and test.csv: id, t, value) and write id,h,value,loL,hiL.\n"
	"  --jobs N    threads (default: all cores)\n"
	"  --level L   interval level in percent (default 95)\n"
	"  --score     print sMAPE, MASE, coverage and MSIS per subset on stderr\n"
	"  --holdout   hold out the last h training values of each series as\n"
	"              its test values (validation without the test set)\n"
	"  --every K   only every K-th series (quick runs)\n"
	"  -o FILE     output file (default: standard output)\n";

enum { MAX_FAILURES_SHOWN = 5 };

struct result {
	double *mean, *lo, *hi;
	int status;
	char msg[CASPIAN_ERROR_MSG_SIZE];
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds of the process (all threads): robust to a busy machine. */
static double cpu_seconds(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return NAN;
	return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
	       (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

static int parse_count(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < 0)
		return -1;
	*out = v;
	return 0;
}

static void print_scores(const struct m3_data *d, const struct result *res,
			 const int *run, const char *method)
{
	struct m3_score *sc = calloc(d->count, sizeof(*sc));
	int *covered = calloc(d->count, sizeof(int));
	struct m3_summary_row rows[16];
	if (!sc || !covered) {
		free(sc);
		free(covered);
		return;
	}
	for (size_t i = 0; i < d->count; i++) {
		covered[i] = run[i] && res[i].status == CASPIAN_OK && d->series[i].ntest > 0;
		if (covered[i])
			m3_score_series(&d->series[i], res[i].mean, res[i].lo, res[i].hi, &sc[i]);
	}
	size_t nrows = m3_summarise(d, sc, covered, rows, 16);
	fprintf(stderr, "%-10s %-10s %7s %7s %8s %7s %7s %8s\n", "method", "subset", "series",
		"covered", "sMAPE", "MASE", "Cov", "MSIS");
	for (size_t r = 0; r < nrows; r++)
		fprintf(stderr, "%-10s %-10s %7zu %7zu %8.3f %7.3f %7.2f %8.3f\n", method,
			rows[r].subset, rows[r].series, rows[r].covered, rows[r].smape,
			rows[r].mase, rows[r].cov, rows[r].msis);
	free(sc);
	free(covered);
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *method_text = NULL, *outpath = NULL;
	long jobs = 0, every = 1;
	double level = 95;
	int score = 0, holdout = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		} else if (strcmp(a, "--score") == 0) {
			score = 1;
			continue;
		} else if (strcmp(a, "--holdout") == 0) {
			holdout = 1;
			continue;
		}
		if (!v) {
			fprintf(stderr, "caspian-m3: %s needs a value\n%s", a, usage);
			return 2;
		}
		i++;
		if (strcmp(a, "--data") == 0) {
			dir = v;
		} else if (strcmp(a, "--method") == 0) {
			method_text = v;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			outpath = v;
		} else if (strcmp(a, "--jobs") == 0) {
			if (parse_count(v, &jobs)) {
				fprintf(stderr, "caspian-m3: --jobs wants a count, got '%s'\n", v);
				return 2;
			}
		} else if (strcmp(a, "--every") == 0) {
			if (parse_count(v, &every) || every < 1) {
				fprintf(stderr, "caspian-m3: --every wants a count >= 1, got '%s'\n", v);
				return 2;
			}
		} else if (strcmp(a, "--level") == 0) {
			char *end;
			level = strtod(v, &end);
			if (end == v || *end || !(level > 0 && level < 100)) {
				fprintf(stderr, "caspian-m3: --level wants a percentage in (0, 100)\n");
				return 2;
			}
		} else {
			fprintf(stderr, "caspian-m3: unknown option '%s'\n%s", a, usage);
			return 2;
		}
	}
	if (!dir || !method_text) {
		fprintf(stderr, "caspian-m3: --data and --method are required\n%s", usage);
		return 2;
	}
	gsl_set_error_handler_off();

	struct caspian_error err;
	caspian_error_init(&err);
	const struct caspian_method *method;
	const char *spec;
	if (caspian_method_parse(method_text, &method, &spec, &err)) {
		fprintf(stderr, "caspian-m3: %s\n", err.msg);
		return 2;
	}

	char msg[512];
	struct m3_data d;
	if (m3_load(dir, score && !holdout, &d, msg, sizeof(msg)) ||
	    (holdout && m3_holdout(&d, msg, sizeof(msg)))) {
		fprintf(stderr, "caspian-m3: %s\n", msg);
		return 3;
	}
	struct result *res = calloc(d.count ? d.count : 1, sizeof(*res));
	int *run = calloc(d.count ? d.count : 1, sizeof(int));
	if (!res || !run) {
		fprintf(stderr, "caspian-m3: out of memory\n");
		return 4;
	}
	for (size_t i = 0; i < d.count; i++)
		run[i] = i % (size_t)every == 0;

#ifdef _OPENMP
	if (jobs > 0)
		omp_set_num_threads((int)jobs);
	int threads = omp_get_max_threads();
#else
	int threads = 1;
#endif
	double t0 = now_seconds(), c0 = cpu_seconds();
	long nd = (long)d.count;
#pragma omp parallel for schedule(dynamic, 4)
	for (long i = 0; i < nd; i++) {
		struct m3_series *s = &d.series[i];
		struct result *r = &res[i];
		if (!run[i])
			continue;
		struct caspian_fc_opts opts = {.season = s->period, .spec = spec};
		struct caspian_error e;
		caspian_error_init(&e);
		r->mean = malloc(sizeof(double) * 3 * s->h);
		if (!r->mean) {
			r->status = CASPIAN_ENOMEM;
			snprintf(r->msg, sizeof(r->msg), "out of memory");
			continue;
		}
		r->lo = r->mean + s->h;
		r->hi = r->mean + 2 * s->h;
		r->status = caspian_fc_run(method, s->train, s->n, &opts, s->h, &level, 1,
					   r->mean, r->lo, r->hi, NULL, &e);
		if (r->status)
			snprintf(r->msg, sizeof(r->msg), "%s", e.msg);
	}
	double elapsed = now_seconds() - t0, cpu = cpu_seconds() - c0;

	FILE *out = outpath ? fopen(outpath, "w") : stdout;
	if (!out) {
		fprintf(stderr, "caspian-m3: cannot write %s: %s\n", outpath, strerror(errno));
		return 4;
	}
	char lv[32];
	snprintf(lv, sizeof(lv), "%g", level);
	fprintf(out, "id,h,value,lo%s,hi%s\n", lv, lv);
	size_t nrun = 0, failed = 0;
	for (size_t i = 0; i < d.count; i++) {
		if (!run[i])
			continue;
		nrun++;
		const struct result *r = &res[i];
		if (r->status) {
			/* A method may not apply to a whole subset (hw without a season):
			 * a few messages say why, the count says how many. */
			if (failed++ < MAX_FAILURES_SHOWN)
				fprintf(stderr, "caspian-m3: %s: %s\n", d.series[i].id, r->msg);
			continue;
		}
		for (size_t k = 0; k < d.series[i].h; k++)
			fprintf(out, "%s,%zu,%.17g,%.17g,%.17g\n", d.series[i].id, k + 1,
				r->mean[k], r->lo[k], r->hi[k]);
	}
	int rc = 0;
	if (fflush(out) || ferror(out) || (outpath && fclose(out))) {
		fprintf(stderr, "caspian-m3: writing the forecasts failed\n");
		rc = 4;
	}
	if (failed > MAX_FAILURES_SHOWN)
		fprintf(stderr, "caspian-m3: ... and %zu more series failed\n",
			failed - MAX_FAILURES_SHOWN);
	fprintf(stderr,
		"caspian-m3: %s: %zu series (%zu failed) in %.3f s: %.0f series/s with %d "
		"thread%s (%.3f CPU s, %.0f series per CPU s)\n",
		method_text, nrun, failed, elapsed, elapsed > 0 ? (double)nrun / elapsed : 0,
		threads, threads == 1 ? "" : "s", cpu, cpu > 0 ? (double)nrun / cpu : 0);
	if (score)
		print_scores(&d, res, run, method_text);
	for (size_t i = 0; i < d.count; i++)
		free(res[i].mean);
	free(res);
	free(run);
	m3_free(&d);
	return rc;
}
