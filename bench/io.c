/*
 * io.c - getting data in: CSV ingest from memory, and loading from the store.
 *
 * The CSV is the shape of the default synthetic panel (series,period,value;
 * 20,000 series x 120 months, two decimals), generated here so the benchmark
 * needs no other tool.  Each case checks that every value came back exactly.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "caspian/period.h"
#include "caspian/series.h"
#ifdef CASPIAN_BENCH_HAVE_INGEST
#include "caspian/ingest.h"
#endif
#ifdef CASPIAN_BENCH_HAVE_STORE
#include "caspian/store.h"
#endif

#include "bench.h"

#if defined(CASPIAN_BENCH_HAVE_INGEST) || defined(CASPIAN_BENCH_HAVE_STORE)
/* Same values, same names: the panel read back must equal the one written. */
static int panels_equal(const struct caspian_panel *a, const struct caspian_panel *b)
{
	if (!a || !b || a->count != b->count)
		return 0;
	for (size_t i = 0; i < a->count; i++) {
		const struct caspian_series *x = &a->series[i], *y = &b->series[i];
		if (strcmp(x->name, y->name) || x->freq != y->freq)
			return 0;
		long lo = x->start < y->start ? x->start : y->start;
		long hi = caspian_series_end(x) > caspian_series_end(y) ? caspian_series_end(x)
									  : caspian_series_end(y);
		for (long t = lo; t <= hi; t++) {
			double u = caspian_series_at(x, t), v = caspian_series_at(y, t);
			if (!(u == v || (isnan(u) && isnan(v))))
				return 0;
		}
	}
	return 1;
}

static double panel_checksum(const struct caspian_panel *p)
{
	double s = 0;
	for (size_t i = 0; i < p->nvalues; i++)
		if (!isnan(p->buffer[i]))
			s += p->buffer[i];
	return s;
}
#endif

#ifdef CASPIAN_BENCH_HAVE_INGEST
struct csv_text {
	char *data;
	size_t len, rows;
};

/* Rows series by series (series-major) or month by month (period-major). */
static int make_csv(const struct caspian_panel *p, int period_major, struct csv_text *out)
{
	size_t cap = 64 + p->nvalues * 48, len = 0, rows = 0;
	char *d = malloc(cap);
	if (!d)
		return -1;
	len += (size_t)snprintf(d, cap, "series,period,value\n");
	long lo = p->series[0].start, hi = caspian_series_end(&p->series[0]);
	for (size_t i = 0; i < p->count; i++) {
		lo = p->series[i].start < lo ? p->series[i].start : lo;
		hi = caspian_series_end(&p->series[i]) > hi ? caspian_series_end(&p->series[i]) : hi;
	}
	size_t outer = period_major ? (size_t)(hi - lo + 1) : p->count;
	size_t inner = period_major ? p->count : (size_t)(hi - lo + 1);
	for (size_t a = 0; a < outer; a++) {
		for (size_t b = 0; b < inner; b++) {
			const struct caspian_series *s = &p->series[period_major ? b : a];
			long t = lo + (long)(period_major ? a : b);
			if (t < s->start || t > caspian_series_end(s))
				continue;
			char per[CASPIAN_PERIOD_TEXT_MAX];
			caspian_period_format(s->freq, t, per);
			double v = caspian_series_at(s, t);
			if (isnan(v))
				len += (size_t)snprintf(d + len, cap - len, "%s,%s,\n", s->name, per);
			else
				len += (size_t)snprintf(d + len, cap - len, "%s,%s,%.2f\n", s->name,
							per, v);
			rows++;
		}
	}
	out->data = d;
	out->len = len;
	out->rows = rows;
	return 0;
}

struct ingest_arg {
	struct csv_text csv;
	const struct caspian_panel *want;
	struct caspian_panel *got;
	double cpu_min; /* least CPU time of this thread over the runs, seconds */
};

static double thread_cpu(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts))
		return NAN;
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The CPU time is kept beside the wall time: on a shared machine it is the
 * steadier of the two (waiting for a core costs wall time only). */
static double run_ingest(void *p)
{
	struct ingest_arg *a = p;
	struct caspian_ingest_opts o;
	caspian_ingest_opts_init(&o);
	double c0 = thread_cpu();
	int rc = caspian_ingest_buffer(a->csv.data, a->csv.len, &o, &a->got, NULL);
	double c = thread_cpu() - c0;
	if (rc)
		return NAN;
	if (!(c >= a->cpu_min))
		a->cpu_min = c;
	return (double)a->got->nvalues;
}

static void reset_ingest(void *p)
{
	struct ingest_arg *a = p;
	caspian_panel_free(a->got);
	a->got = NULL;
}

static int verify_ingest(void *p, double *checksum)
{
	struct ingest_arg *a = p;
	if (!a->got)
		return 0;
	*checksum = panel_checksum(a->got);
	return panels_equal(a->got, a->want);
}

static int ingest_cases(struct bench_ctx *c, const struct caspian_panel *panel)
{
	double series_major = 0, series_major_cpu = 0;
	for (int pm = 0; pm <= 1; pm++) {
		const char *name = pm ? "csv_ingest_period_major" : "csv_ingest";
		if (!bench_selected(c, name))
			continue;
		struct ingest_arg a = {.want = panel, .cpu_min = INFINITY};
		if (make_csv(panel, pm, &a.csv))
			return -1;
		bench_set_threads(1);
		struct bench_result *r = bench_case(c, name, a.csv.rows, 1, (double)a.csv.len,
						    run_ingest, verify_ingest, reset_ingest, &a);
		if (r) {
			double mbs = r->bytes / r->t_min * 1e-6, cpu = r->bytes / a.cpu_min * 1e-6;
			if (pm && series_major > 0)
				snprintf(r->note, sizeof(r->note),
					 "%.0f MB/s (CPU %.0f MB/s); %.2fx series-major time (CPU %.2fx)",
					 mbs, cpu, r->t_min / series_major, a.cpu_min / series_major_cpu);
			else
				snprintf(r->note, sizeof(r->note), "%.0f MB/s (CPU %.0f MB/s)", mbs, cpu);
			if (!pm) {
				series_major = r->t_min;
				series_major_cpu = a.cpu_min;
			}
		}
		caspian_panel_free(a.got);
		free(a.csv.data);
		if (!r)
			return -1;
	}
	return 0;
}
#endif

#ifdef CASPIAN_BENCH_HAVE_STORE
struct store_arg {
	const char *path;
	const struct caspian_panel *want;
	struct caspian_panel *got;
};

static double run_store_load(void *p)
{
	struct store_arg *a = p;
	struct caspian_store *st;
	if (caspian_store_open(a->path, CASPIAN_STORE_READ, 0, &st, NULL))
		return NAN;
	caspian_store_load(st, "*", &a->got, NULL);
	caspian_store_close(st);
	return a->got ? (double)a->got->nvalues : NAN;
}

static void reset_store(void *p)
{
	struct store_arg *a = p;
	caspian_panel_free(a->got);
	a->got = NULL;
}

static int verify_store(void *p, double *checksum)
{
	struct store_arg *a = p;
	if (!a->got)
		return 0;
	*checksum = panel_checksum(a->got);
	return panels_equal(a->got, a->want);
}

static int store_cases(struct bench_ctx *c, const struct caspian_panel *panel)
{
	if (!bench_selected(c, "store_load"))
		return 0;
	char dir[] = "/tmp/caspian-bench-XXXXXX";
	if (!mkdtemp(dir))
		return -1;
	char path[64];
	snprintf(path, sizeof(path), "%s/bench.db", dir);
	struct caspian_store *st;
	struct caspian_import_opts io = {0, "2026-01-01T00:00:00.000000Z"};
	struct caspian_import_report rep;
	int rc = caspian_store_open(path, CASPIAN_STORE_WRITE, 0, &st, NULL);
	if (rc == 0) {
		rc = caspian_store_import(st, panel, &io, &rep, NULL);
		caspian_store_close(st);
	}
	if (rc == 0) {
		struct store_arg a = {path, panel, NULL};
		bench_set_threads(1);
		struct bench_result *r = bench_case(c, "store_load", panel->nvalues, 1,
						    (double)panel->nvalues * 8, run_store_load,
						    verify_store, reset_store, &a);
		caspian_panel_free(a.got);
		rc = r ? 0 : -1;
	}
	unlink(path);
	rmdir(dir);
	return rc;
}
#endif

#if defined(CASPIAN_BENCH_HAVE_INGEST) && defined(CASPIAN_BENCH_HAVE_STORE)
/* End to end as `caspian import` does it: CSV text -> panel -> new store, committed. */
struct import_arg {
	struct csv_text csv;
	char path[64];
	const struct caspian_panel *want;
};

static void remove_store(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char f[96];
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(f, sizeof(f), "%s%s", path, suffix[i]);
		unlink(f);
	}
}

static double run_import(void *p)
{
	struct import_arg *a = p;
	struct caspian_ingest_opts o;
	struct caspian_panel *panel = NULL;
	struct caspian_store *st = NULL;
	struct caspian_import_opts io = {0, "2026-01-01T00:00:00.000000Z"};
	struct caspian_import_report rep;
	caspian_ingest_opts_init(&o);
	int rc = caspian_ingest_buffer(a->csv.data, a->csv.len, &o, &panel, NULL);
	if (rc == 0)
		rc = caspian_store_open(a->path, CASPIAN_STORE_WRITE, 0, &st, NULL);
	if (rc == 0)
		rc = caspian_store_import(st, panel, &io, &rep, NULL);
	caspian_store_close(st);
	double values = panel ? (double)panel->nvalues : NAN;
	caspian_panel_free(panel);
	return rc ? NAN : values;
}

static void reset_import(void *p)
{
	remove_store(((struct import_arg *)p)->path);
}

static int verify_import(void *p, double *checksum)
{
	struct import_arg *a = p;
	struct caspian_store *st;
	struct caspian_panel *got = NULL;
	if (caspian_store_open(a->path, CASPIAN_STORE_READ, 0, &st, NULL))
		return 0;
	caspian_store_load(st, "*", &got, NULL);
	caspian_store_close(st);
	int ok = got && panels_equal(got, a->want);
	if (got)
		*checksum = panel_checksum(got);
	caspian_panel_free(got);
	return ok;
}

static int import_case(struct bench_ctx *c, const struct caspian_panel *panel)
{
	if (!bench_selected(c, "csv_import"))
		return 0;
	struct import_arg a = {.want = panel};
	char dir[] = "/tmp/caspian-bench-XXXXXX";
	if (!mkdtemp(dir) || make_csv(panel, 0, &a.csv))
		return -1;
	snprintf(a.path, sizeof(a.path), "%s/import.db", dir);
	bench_set_threads(1);
	struct bench_result *r = bench_case(c, "csv_import", a.csv.rows, 1, (double)a.csv.len,
					    run_import, verify_import, reset_import, &a);
	if (r)
		snprintf(r->note, sizeof(r->note), "%.0f MB/s of CSV, %.2f M rows/s into the store",
			 r->bytes / r->t_min * 1e-6, (double)a.csv.rows / r->t_min * 1e-6);
	remove_store(a.path);
	rmdir(dir);
	free(a.csv.data);
	return r ? 0 : -1;
}
#endif

int bench_io(struct bench_ctx *c)
{
	int rc = 0;
#if defined(CASPIAN_BENCH_HAVE_INGEST) || defined(CASPIAN_BENCH_HAVE_STORE)
	struct caspian_panel *p = bench_make_panel();
	if (!p)
		return -1;
	/* whole seconds per run: in quick mode one timed run after the warm-up */
	int saved_reps = c->reps;
	if (c->quick)
		c->reps = 1;
#ifdef CASPIAN_BENCH_HAVE_INGEST
	rc = ingest_cases(c, p);
#endif
#ifdef CASPIAN_BENCH_HAVE_STORE
	if (rc == 0)
		rc = store_cases(c, p);
#endif
#if defined(CASPIAN_BENCH_HAVE_INGEST) && defined(CASPIAN_BENCH_HAVE_STORE)
	if (rc == 0)
		rc = import_case(c, p);
#endif
	c->reps = saved_reps;
	caspian_panel_free(p);
	bench_set_threads(c->threads[c->nthreads - 1]);
#else
	(void)c;
#endif
	return rc;
}
