/*
 * numfmt_cases.c - printing doubles: caspian_dtoa() against printf("%.17g"),
 * the obvious way to print a double that reads back exactly.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/numfmt.h"

#include "bench.h"

enum { NUMBERS = 1000000 };

struct fmt_arg {
	double *v;
	size_t n;
	char buf[64];
};

/* Half data-like (two decimals), half computed (rates with 16-17 digits). */
static void fill(double *v, size_t n)
{
	uint64_t x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		double u = (double)(x >> 11) / 9007199254740992.0;
		v[i] = i % 2 ? round(u * 1e9) / 100 : pow(1.0 + u, 1.0 / 12.0) - 1.0;
	}
}

static double run_dtoa(void *p)
{
	struct fmt_arg *a = p;
	size_t chars = 0;
	for (size_t i = 0; i < a->n; i++)
		chars += caspian_dtoa(a->v[i], a->buf);
	return (double)chars;
}

static double run_printf(void *p)
{
	struct fmt_arg *a = p;
	size_t chars = 0;
	for (size_t i = 0; i < a->n; i++)
		chars += (size_t)snprintf(a->buf, sizeof(a->buf), "%.17g", a->v[i]);
	return (double)chars;
}

/* Every number must read back to the same bits. */
static int verify_dtoa(void *p, double *checksum)
{
	struct fmt_arg *a = p;
	(void)checksum;
	for (size_t i = 0; i < a->n; i++) {
		caspian_dtoa(a->v[i], a->buf);
		if (strtod(a->buf, NULL) != a->v[i])
			return 0;
	}
	return 1;
}

static int verify_printf(void *p, double *checksum)
{
	struct fmt_arg *a = p;
	(void)checksum;
	for (size_t i = 0; i < a->n; i++) {
		snprintf(a->buf, sizeof(a->buf), "%.17g", a->v[i]);
		if (strtod(a->buf, NULL) != a->v[i])
			return 0;
	}
	return 1;
}

int bench_numfmt(struct bench_ctx *c)
{
	if (!bench_selected(c, "dtoa") && !bench_selected(c, "printf_17g"))
		return 0;
	struct fmt_arg a = {.n = c->quick ? NUMBERS / 4 : NUMBERS};
	a.v = malloc(a.n * sizeof(double));
	if (!a.v)
		return -1;
	fill(a.v, a.n);
	bench_set_threads(1);
	struct bench_result *slow = bench_case(c, "printf_17g", a.n, 1, 0, run_printf,
					       verify_printf, NULL, &a);
	struct bench_result *fast = slow ? bench_case(c, "dtoa", a.n, 1, 0, run_dtoa,
						      verify_dtoa, NULL, &a) : NULL;
	if (fast)
		snprintf(fast->note, sizeof(fast->note), "%.1fx faster than %%.17g",
			 slow->t_min / fast->t_min);
	free(a.v);
	bench_set_threads(c->threads[c->nthreads - 1]);
	return fast ? 0 : -1;
}
