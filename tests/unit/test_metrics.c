#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "assert_close.h"
#include "caspian/metrics.h"

static struct caspian_series *annual(const char *name, long start, const double *v, size_t n)
{
	struct caspian_series *s = caspian_series_alloc(name, CASPIAN_FREQ_ANNUAL, start, n);
	assert_non_null(s);
	memcpy(s->values, v, n * sizeof(double));
	return s;
}

/*
 * The press release: 32.4 in 2017, 307.8 = 9.5 x 32.4 in 2025.
 * fold 9.5; years 8; CAGR = 9.5^(1/8) - 1.  With bc -l:
 *   l(9.5)/8 = .28141147482581189382, e(l(9.5)/8)-1 = .32499869538924719839
 * Doubling time = ln 2 / 0.281411... years.
 */
static void test_metrics_growth_press_release(void **state)
{
	(void)state;
	const double v[] = {32.4, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 307.8};
	struct caspian_series *s = annual("trade.uz_az", 2017, v, 9);
	struct caspian_growth g;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_growth_between(s, 2017, 2025, &g, &err), CASPIAN_OK);
	assert_close(g.years, 8.0, 0, 0);
	assert_close(g.fold, 9.5, 1e-15, 0);
	assert_close(g.cagr, 0.32499869538924720, 1e-14, 0);
	assert_close(g.log_rate, 0.28141147482581189, 1e-14, 0);
	assert_close(g.doubling_years, 0.69314718055994531 / 0.28141147482581189, 1e-14, 0);
	assert_close(g.change, 275.4, 1e-14, 0);
	assert_close(g.pct_change, 8.5, 1e-14, 0);
	/* two observations: one rate, over 8 years, equal to the CAGR */
	assert_int_equal(g.n_rates, 1);
	assert_close(g.mean_rate, g.cagr, 1e-14, 0);
	caspian_series_free(s);
}

/*
 * 100, 150, 75, 150: yearly rates +50%, -50%, +100%: mean 33.33%, CAGR
 * (150/100)^(1/3) - 1 = 0.14471424255333187 (bc -l: e(l(1.5)/3)-1).
 */
static void test_metrics_growth_mean_rate_exceeds_cagr(void **state)
{
	(void)state;
	const double v[] = {100, 150, 75, 150};
	struct caspian_series *s = annual("x", 2000, v, 4);
	struct caspian_growth g;
	assert_int_equal(caspian_growth_between(s, 2000, 2003, &g, NULL), CASPIAN_OK);
	assert_close(g.mean_rate, 1.0 / 3.0, 1e-14, 0);
	assert_close(g.cagr, 0.14471424255333187, 1e-14, 0);
	assert_int_equal(g.n_rates, 3);
	caspian_series_free(s);
}

/* Quarterly: 2017Q1 = 100 to 2018Q3 = 121 is 6 quarters = 1.5 years;
 * CAGR = 1.21^(1/1.5) - 1 (bc -l: e(l(1.21)/1.5)-1 = .13550812700200387512). */
static void test_metrics_growth_years_from_periods(void **state)
{
	(void)state;
	struct caspian_series *s = caspian_series_alloc("q", CASPIAN_FREQ_QUARTERLY, 2017 * 4, 7);
	s->values[0] = 100;
	s->values[6] = 121;
	struct caspian_growth g;
	assert_int_equal(caspian_growth_between(s, 2017 * 4, 2017 * 4 + 6, &g, NULL), CASPIAN_OK);
	assert_close(g.years, 1.5, 0, 0);
	assert_close(g.cagr, 0.13550812700200388, 1e-13, 0);
	caspian_series_free(s);
}

static void test_metrics_growth_rejects_nonpositive_and_missing(void **state)
{
	(void)state;
	const double v[] = {0, 10, -5, NAN, 20};
	struct caspian_series *s = annual("bad.series", 2010, v, 5);
	struct caspian_growth g = {.fold = 123};
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_growth_between(s, 2010, 2014, &g, &err), CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "bad.series"));
	assert_non_null(strstr(err.msg, "2010"));
	assert_close(g.fold, 123, 0, 0); /* untouched */
	caspian_error_init(&err);
	assert_int_equal(caspian_growth_between(s, 2011, 2014, &g, &err), CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "-5"));
	assert_non_null(strstr(err.msg, "2012"));
	caspian_error_init(&err);
	assert_int_equal(caspian_growth_between(s, 2011, 2013, &g, &err), CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "no value at 2013"));
	caspian_error_init(&err);
	assert_int_equal(caspian_growth_between(s, 2014, 2011, &g, &err), CASPIAN_EINVAL);
	caspian_series_free(s);
}

/* Monthly 2019-01..2020-03; yoy of 2020-01 = v[12]/v[0] - 1. */
static void test_metrics_yoy_monthly(void **state)
{
	(void)state;
	struct caspian_series *s = caspian_series_alloc("m", CASPIAN_FREQ_MONTHLY, 2019 * 12, 15);
	for (size_t i = 0; i < 15; i++)
		s->values[i] = 100 + (double)i;
	s->values[13] = NAN;
	double pop[15], yoy[15];
	assert_int_equal(caspian_yoy(s, pop, yoy, NULL), CASPIAN_OK);
	assert_true(isnan(pop[0]) && isnan(yoy[0]) && isnan(yoy[11]));
	assert_close(pop[1], 101.0 / 100.0 - 1, 1e-15, 0);
	assert_close(yoy[12], 112.0 / 100.0 - 1, 1e-15, 0);
	assert_true(isnan(yoy[13]) && isnan(pop[13]) && isnan(pop[14]));
	assert_close(yoy[14], 114.0 / 102.0 - 1, 1e-15, 0);
	caspian_series_free(s);
}

/* Daily: 2021-03-01 against 2020-03-01 (366 days earlier); 2020-02-29 has no match. */
static void test_metrics_yoy_daily_calendar(void **state)
{
	(void)state;
	long d0 = caspian_days_from_civil(2020, 2, 28);
	long n = caspian_days_from_civil(2021, 3, 1) - d0 + 1;
	struct caspian_series *s = caspian_series_alloc("d", CASPIAN_FREQ_DAILY, d0, (size_t)n);
	for (long i = 0; i < n; i++)
		s->values[i] = 1000 + (double)i;
	double pop[400], yoy[400];
	assert_int_equal(caspian_yoy(s, pop, yoy, NULL), CASPIAN_OK);
	long mar1 = caspian_days_from_civil(2021, 3, 1) - d0;   /* 367 */
	long mar1_prev = caspian_days_from_civil(2020, 3, 1) - d0; /* 2 */
	assert_int_equal(mar1, 367);
	assert_close(yoy[mar1], (1000.0 + 367) / (1000.0 + mar1_prev) - 1, 1e-15, 0);
	caspian_series_free(s);
}

static void test_metrics_index_base_year_mean(void **state)
{
	(void)state;
	struct caspian_series *s = caspian_series_alloc("q", CASPIAN_FREQ_QUARTERLY, 2015 * 4, 8);
	const double v[] = {90, 110, 95, 105, 120, 130, 140, 150};
	memcpy(s->values, v, sizeof(v));
	double base;
	assert_int_equal(caspian_index_base(s, CASPIAN_FREQ_ANNUAL, 2015, &base, NULL), CASPIAN_OK);
	assert_close(base, 100.0, 1e-15, 0); /* (90+110+95+105)/4 */
	assert_int_equal(caspian_index_base(s, CASPIAN_FREQ_QUARTERLY, 2016 * 4 + 1, &base, NULL), CASPIAN_OK);
	assert_close(base, 130.0, 0, 0);
	s->values[2] = NAN;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_index_base(s, CASPIAN_FREQ_ANNUAL, 2015, &base, &err), CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "2015Q3"));
	assert_int_equal(caspian_index_base(s, CASPIAN_FREQ_MONTHLY, 2015 * 12, &base, NULL), CASPIAN_EINVAL);
	/* A zero base in the series' own frequency: the message says what needs
	 * it positive. */
	s->values[4] = 0;
	caspian_error_init(&err);
	assert_int_equal(caspian_index_base(s, CASPIAN_FREQ_QUARTERLY, 2016 * 4, &base, &err),
			 CASPIAN_EDOM);
	assert_string_equal(err.msg, "q is 0 at 2016Q1: an index needs a positive base");
	caspian_series_free(s);
}

/*
 * solve: 1000 by 2030 from 307.8 in 2025: (1000/307.8)^(1/5) - 1 =
 * bc -l: e(l(1000/307.8)/5)-1 = .26574516439817407570.
 */
static void test_metrics_rate_needed_and_years(void **state)
{
	(void)state;
	double r, y;
	assert_int_equal(caspian_rate_needed(307.8, 1000, 5, &r, NULL), CASPIAN_OK);
	assert_close(r, 0.26574516439817408, 1e-14, 0);
	/* doubling at 2^(1/10) - 1 a year takes 10 years (bc -l: e(l(2)/10)-1 = .07177346253629316421) */
	assert_int_equal(caspian_years_to_reach(100, 200, 0.0717734625362931, &y, NULL), CASPIAN_OK);
	assert_close(y, 10.0, 1e-13, 0);
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_years_to_reach(100, 50, 0.05, &y, &err), CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "never"));
	assert_int_equal(caspian_years_to_reach(100, 200, -1.5, &y, NULL), CASPIAN_EDOM);
	assert_int_equal(caspian_rate_needed(0, 1000, 5, &r, NULL), CASPIAN_EDOM);
	assert_int_equal(caspian_rate_needed(10, 1000, 0, &r, NULL), CASPIAN_EINVAL);
}

/* total 100 -> 120 with a: 60 -> 66 and b: 40 -> 54: contributions 6 pp and 14 pp. */
static void test_metrics_contrib_sums_to_growth(void **state)
{
	(void)state;
	const double t[] = {100, 120}, a[] = {60, 66}, b[] = {40, 54};
	struct caspian_series *st = annual("total", 2000, t, 2);
	struct caspian_series *sa = annual("a", 2000, a, 2);
	struct caspian_series *sb = annual("b", 2000, b, 2);
	const struct caspian_series *comp[] = {sa, sb};
	double c[2], g;
	assert_int_equal(caspian_contrib(st, comp, 2, 2000, 2001, c, &g, NULL), CASPIAN_OK);
	assert_close(c[0], 0.06, 1e-15, 0);
	assert_close(c[1], 0.14, 1e-15, 0);
	assert_close(g, 0.2, 1e-15, 0);
	caspian_series_free(st);
	caspian_series_free(sa);
	caspian_series_free(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metrics_growth_press_release),
		cmocka_unit_test(test_metrics_growth_mean_rate_exceeds_cagr),
		cmocka_unit_test(test_metrics_growth_years_from_periods),
		cmocka_unit_test(test_metrics_growth_rejects_nonpositive_and_missing),
		cmocka_unit_test(test_metrics_yoy_monthly),
		cmocka_unit_test(test_metrics_yoy_daily_calendar),
		cmocka_unit_test(test_metrics_index_base_year_mean),
		cmocka_unit_test(test_metrics_rate_needed_and_years),
		cmocka_unit_test(test_metrics_contrib_sums_to_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
