#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert_close.h"
#include "caspian/plot.h"

/* ---- ticks: expected values worked by hand from the rules in plot.h ---- */

static void expect_ticks(const struct caspian_plot_ticks *t, const double *want, size_t n)
{
	assert_int_equal(t->n, n);
	for (size_t i = 0; i < n; i++)
		assert_close(t->value[i], want[i], 1e-15, 0);
}

static void test_plot_linear_ticks_round_step_to_1_2_5(void **state)
{
	(void)state;
	struct caspian_plot_ticks t;
	/* (307.8 - 32.4) / 5 = 55.08 = 5.508e1 -> 5e1; floor(32.4/50) = 0, ceil(307.8/50) = 7 */
	assert_int_equal(caspian_plot_linear_ticks(32.4, 307.8, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){0, 50, 100, 150, 200, 250, 300, 350}, 8);
	/* (622 - 104) / 5 = 103.6 = 1.036e2 -> 1e2; 1..7 hundreds */
	assert_int_equal(caspian_plot_linear_ticks(104, 622, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){100, 200, 300, 400, 500, 600, 700}, 7);
	/* 1 / 5 = 0.2 -> 2e-1, printed from 2k/10 so 0.6 is the double nearest 0.6 */
	assert_int_equal(caspian_plot_linear_ticks(0, 1, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){0, 0.2, 0.4, 0.6, 0.8, 1}, 6);
	assert_true(t.value[3] == 0.6);
	/* 15.9 / 5 = 3.18 -> 5; floor(-3.7/5) = -1, ceil(12.2/5) = 3 */
	assert_int_equal(caspian_plot_linear_ticks(-3.7, 12.2, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){-5, 0, 5, 10, 15}, 5);
	/* 75 / 5 = 15 = 1.5e1 -> 2e1 (1.5 is not below 1.5) */
	assert_int_equal(caspian_plot_linear_ticks(0, 75, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){0, 20, 40, 60, 80}, 5);
}

static void test_plot_linear_ticks_flat_and_bad_ranges(void **state)
{
	(void)state;
	struct caspian_plot_ticks t;
	struct caspian_error err;
	/* 5 +- 10% = [4.5, 5.5]; 1 / 5 = 0.2 -> 2e-1; floor(22.5) = 22, ceil(27.5) = 28 */
	assert_int_equal(caspian_plot_linear_ticks(5, 5, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6}, 7);
	/* 0 +- 1: 2 / 5 = 0.4 -> 5e-1 */
	assert_int_equal(caspian_plot_linear_ticks(0, 0, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){-1, -0.5, 0, 0.5, 1}, 5);
	caspian_error_init(&err);
	assert_int_equal(caspian_plot_linear_ticks(2, 1, 5, &t, &err), CASPIAN_EINVAL);
	assert_int_equal(caspian_plot_linear_ticks(NAN, 1, 5, &t, NULL), CASPIAN_EINVAL);
	assert_int_equal(caspian_plot_linear_ticks(0, 1, 0, &t, NULL), CASPIAN_EINVAL);
	assert_int_equal(caspian_plot_linear_ticks(0, 1, 40, &t, NULL), CASPIAN_EINVAL);
}

static void test_plot_log_ticks(void **state)
{
	(void)state;
	struct caspian_plot_ticks t;
	struct caspian_error err;
	/* 1-2-5 values around [32.4, 1000]: from 20 (largest <= 32.4) to 1000 */
	assert_int_equal(caspian_plot_log_ticks(32.4, 1000, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){20, 50, 100, 200, 500, 1000}, 6);
	/* 1..1e6 has 19 1-2-5 values > 10: powers of ten; 6 decades / 5 = 1.2 -> 1 */
	assert_int_equal(caspian_plot_log_ticks(1, 1e6, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){1, 10, 100, 1e3, 1e4, 1e5, 1e6}, 7);
	/* decades -1..12: 13 / 5 = 2.6 -> 2; from floor(-1/2)*2 = -2 to 12 */
	assert_int_equal(caspian_plot_log_ticks(0.5, 1e12, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){0.01, 1, 100, 1e4, 1e6, 1e8, 1e10, 1e12}, 8);
	/* [242, 622]: 1-2-5 gives 200, 500, 1000 (3 < 4), so every digit: 200..700 */
	assert_int_equal(caspian_plot_log_ticks(242, 622, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){200, 300, 400, 500, 600, 700}, 6);
	/* [310, 330]: digits give 300, 400; linear: 20 / 5 = 4 -> 5, 310..330 */
	assert_int_equal(caspian_plot_log_ticks(310, 330, 5, &t, NULL), CASPIAN_OK);
	expect_ticks(&t, (const double[]){310, 315, 320, 325, 330}, 5);
	caspian_error_init(&err);
	assert_int_equal(caspian_plot_log_ticks(0, 10, 5, &t, &err), CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "positive"));
	assert_int_equal(caspian_plot_log_ticks(-1, 10, 5, &t, NULL), CASPIAN_EDOM);
}

static long period(const char *text)
{
	enum caspian_freq f;
	long p;
	assert_int_equal(caspian_period_parse(text, strlen(text), &f, &p), CASPIAN_OK);
	return p;
}

static void test_plot_period_ticks(void **state)
{
	(void)state;
	struct caspian_plot_xticks t;
	/* 13 years / 6 = 2.17 -> 2: even years */
	assert_int_equal(caspian_plot_period_ticks(CASPIAN_FREQ_ANNUAL, 2017, 2030, 6, &t, NULL),
			 CASPIAN_OK);
	assert_int_equal(t.n, 7);
	assert_int_equal(t.at[0], 2018);
	assert_int_equal(t.at[6], 2030);
	assert_int_equal(t.year_only, 0);
	/* monthly 1949-01..1960-12: 11 years / 6 = 1.83 -> 2: Januaries of even years */
	assert_int_equal(caspian_plot_period_ticks(CASPIAN_FREQ_MONTHLY, period("1949-01"),
						   period("1960-12"), 6, &t, NULL),
			 CASPIAN_OK);
	assert_int_equal(t.n, 6);
	assert_int_equal(t.year_only, 1);
	assert_int_equal(t.at[0], period("1950-01"));
	assert_int_equal(t.at[5], period("1960-01"));
	/* one year of months: every month is 12 > 9 ticks, every 2nd is 6 */
	assert_int_equal(caspian_plot_period_ticks(CASPIAN_FREQ_MONTHLY, period("2017-01"),
						   period("2017-12"), 6, &t, NULL),
			 CASPIAN_OK);
	assert_int_equal(t.n, 6);
	assert_int_equal(t.year_only, 0);
	assert_int_equal(t.at[1], period("2017-03"));
	/* two years of quarters: 8 ticks <= 9, every quarter */
	assert_int_equal(caspian_plot_period_ticks(CASPIAN_FREQ_QUARTERLY, period("2017Q1"),
						   period("2018Q4"), 6, &t, NULL),
			 CASPIAN_OK);
	assert_int_equal(t.n, 8);
	/* daily over five years: Januaries the 1st of years multiple of 1 */
	assert_int_equal(caspian_plot_period_ticks(CASPIAN_FREQ_DAILY, period("2015-06-01"),
						   period("2020-06-01"), 6, &t, NULL),
			 CASPIAN_OK);
	assert_int_equal(t.n, 5);
	assert_int_equal(t.at[0], period("2016-01-01"));
	/* days 2020-01-15..2021-06-30: 17 months, every month is 18 > 9 ticks, every
	   2nd from January: the 1st of Mar, May, ..., Nov 2020, Jan, Mar, May 2021 */
	assert_int_equal(caspian_plot_period_ticks(CASPIAN_FREQ_DAILY, period("2020-01-15"),
						   period("2021-06-30"), 6, &t, NULL),
			 CASPIAN_OK);
	assert_int_equal(t.n, 8);
	assert_int_equal(t.month_only, 1);
	assert_int_equal(t.at[0], period("2020-03-01"));
	assert_int_equal(t.at[7], period("2021-05-01"));
	/* weeks 2020-W01 (from Monday 2019-12-30) to 2020-W30: months Dec..Jul, 8
	   ticks <= 9; 2020-01-01 is a Wednesday of W01, which starts in December,
	   so January's tick is W02, the first week starting in it */
	assert_int_equal(caspian_plot_period_ticks(CASPIAN_FREQ_WEEKLY, period("2020-W01"),
						   period("2020-W30"), 6, &t, NULL),
			 CASPIAN_OK);
	assert_int_equal(t.month_only, 1);
	assert_int_equal(t.n, 7);
	assert_int_equal(t.at[0], period("2020-W02"));
	assert_int_equal(caspian_plot_period_ticks(CASPIAN_FREQ_ANNUAL, 2020, 2017, 6, &t, NULL),
			 CASPIAN_EINVAL);
}

/* ---- the SVG --------------------------------------------------------------- */

static size_t count(const char *text, const char *needle)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/*
 * A minimal XML well-formedness check: every element is closed in order and
 * the root is <svg>.  Returns 1 when it holds.
 */
static int well_formed(const char *text)
{
	char stack[64][32];
	size_t depth = 0, roots = 0;
	const char *p = text;
	while ((p = strchr(p, '<'))) {
		if (p[1] == '?') {
			p = strstr(p, "?>");
			if (!p)
				return 0;
			continue;
		}
		const char *end = strchr(p, '>');
		if (!end)
			return 0;
		int closing = p[1] == '/';
		const char *name = p + 1 + closing;
		size_t len = strcspn(name, " />");
		if (len == 0 || len >= 32)
			return 0;
		if (closing) {
			if (!depth || strncmp(stack[depth - 1], name, len) || stack[depth - 1][len])
				return 0;
			depth--;
		} else if (end[-1] != '/') {
			if (depth == 64)
				return 0;
			if (depth == 0) {
				roots++;
				if (strncmp(name, "svg", len))
					return 0;
			}
			memcpy(stack[depth], name, len);
			stack[depth++][len] = '\0';
		}
		p = end + 1;
	}
	return depth == 0 && roots == 1;
}

struct fixture {
	struct caspian_panel *p;
	double mean[3], lo[6], hi[6];
	double levels[2];
	struct caspian_plot_forecast fc[2];
};

/*
 * a: 10, 12, ..., 28 over 2000..2009; b: 5, 6, ..., 14; a forecast for a over
 * 2010..2012 of 30, 32, 34 with 80% bounds +-2 and 95% bounds +-4.
 */
static struct fixture *make_fixture(void)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	size_t ia, ib;
	assert_non_null(fx);
	fx->p = caspian_panel_alloc();
	assert_int_equal(caspian_panel_add_empty(fx->p, "a", CASPIAN_FREQ_ANNUAL, 2000, 10, &ia, NULL), 0);
	assert_int_equal(caspian_panel_add_empty(fx->p, "b", CASPIAN_FREQ_ANNUAL, 2000, 10, &ib, NULL), 0);
	for (size_t i = 0; i < 10; i++) {
		fx->p->series[ia].values[i] = 10 + 2 * (double)i;
		fx->p->series[ib].values[i] = 5 + (double)i;
	}
	assert_int_equal(caspian_series_set_meta(&fx->p->series[ia], "USD million",
						 "Ministry & Co <stats>", NULL, NULL), 0);
	fx->levels[0] = 80;
	fx->levels[1] = 95;
	for (size_t k = 0; k < 3; k++) {
		fx->mean[k] = 30 + 2 * (double)k;
		fx->lo[k] = fx->mean[k] - 2;
		fx->hi[k] = fx->mean[k] + 2;
		fx->lo[3 + k] = fx->mean[k] - 4;
		fx->hi[3 + k] = fx->mean[k] + 4;
	}
	fx->fc[ia] = (struct caspian_plot_forecast){2010, 3, fx->mean, 2, fx->levels,
						     fx->lo, fx->hi, "drift forecast"};
	return fx;
}

static void free_fixture(struct fixture *fx)
{
	caspian_panel_free(fx->p);
	free(fx);
}

static char *render(const struct caspian_series *s, size_t n,
		    const struct caspian_plot_forecast *fc, const struct caspian_plot_opts *o,
		    int want)
{
	char *buf = NULL;
	size_t len = 0;
	struct caspian_error err;
	caspian_error_init(&err);
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	int rc = caspian_plot_svg(s, n, fc, o, out, &err);
	fclose(out);
	if (rc != want)
		fail_msg("caspian_plot_svg returned %d (%s), expected %d", rc, err.msg, want);
	return buf;
}

static void test_plot_svg_structure_two_series_and_fan(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	char *svg = render(fx->p->series, 2, fx->fc, NULL, CASPIAN_OK);
	assert_true(well_formed(svg));
	assert_int_equal(count(svg, "<path class=\"series\""), 2);
	assert_int_equal(count(svg, "<path class=\"forecast\""), 1);
	assert_int_equal(count(svg, "<path class=\"band\""), 2);
	/* values span 5..38: 33 / 5 = 6.6 -> 5, ticks 5, 10, ..., 40 */
	assert_int_equal(count(svg, "<text class=\"tick\" data-axis=\"y\""), 8);
	/*
	 * The plot area of an 800-pixel chart is 800 - 28 - (14 + 22 + 2 * 7 + 8)
	 * = 714 pixels wide, so 714 / 110 -> 6 period ticks are aimed at:
	 * 2000..2012 is 12 / 6 = 2 -> every second year, 2000..2012: 7 ticks.
	 */
	assert_int_equal(count(svg, "<text class=\"tick\" data-axis=\"x\""), 7);
	assert_int_equal(count(svg, "<circle class=\"point\""), 20);
	/* legend: a, b, the forecast, the 80% and 95% bands */
	assert_int_equal(count(svg, "<text class=\"legend-label\""), 5);
	/* the widest band first (drawn below) and lighter */
	const char *b95 = strstr(svg, "data-level=\"95\"");
	const char *b80 = strstr(svg, "data-level=\"80\"");
	assert_non_null(b95);
	assert_non_null(b80);
	assert_true(b95 < b80);
	unsigned c95 = (unsigned)strtoul(strstr(b95, "fill=\"#") + 7, NULL, 16);
	unsigned c80 = (unsigned)strtoul(strstr(b80, "fill=\"#") + 7, NULL, 16);
	assert_true((c95 & 0xff) + (c95 >> 8 & 0xff) + (c95 >> 16) >
		    (c80 & 0xff) + (c80 >> 8 & 0xff) + (c80 >> 16));
	/*
	 * The forecast starts at the last observation (2009, 28).  x: 58 + 10 +
	 * 9/12 * (714 - 20) = 588.5.  y: one legend row and one caption line leave
	 * the plot area from 44 to 480 - 30 - 20 - 15 - 8 = 407, so
	 * 407 - (28 - 5) / 35 * 363 = 168.457.
	 */
	assert_non_null(strstr(svg, "<path class=\"forecast\" data-series=\"a\" stroke=\"#0072B2\" "
				    "d=\"M588.5 168.46L"));
	assert_int_equal(count(svg, "<text class=\"caption\""), 1);
	assert_non_null(strstr(svg, "Source: Ministry &amp; Co &lt;stats&gt;"));
	assert_non_null(strstr(svg, "<text class=\"axis-label\""));
	assert_non_null(strstr(svg, ">USD million</text>"));
	assert_non_null(strstr(svg, "<text class=\"title\" x=\"58\" y=\"26\">a, b</text>"));
	free(svg);
	free_fixture(fx);
}

static void test_plot_svg_single_series_no_legend_log_scale(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	struct caspian_plot_opts o;
	caspian_plot_opts_init(&o);
	o.log_scale = 1;
	o.title = "Trade & more";
	char *svg = render(&fx->p->series[1], 1, NULL, &o, CASPIAN_OK);
	assert_true(well_formed(svg));
	assert_int_equal(count(svg, "<path class=\"series\""), 1);
	assert_int_equal(count(svg, "<path class=\"band\""), 0);
	assert_int_equal(count(svg, "<g class=\"legend\""), 0);
	/* 5..14: 1-2-5 gives 5, 10, 20 (3 < 4), every digit 5, 6, 7, 8, 9, 10, 20 */
	assert_int_equal(count(svg, "<text class=\"tick\" data-axis=\"y\""), 7);
	assert_non_null(strstr(svg, ">Trade &amp; more</text>"));
	free(svg);
	free_fixture(fx);
}

static void test_plot_svg_gaps_are_dotted_and_noted(void **state)
{
	(void)state;
	struct caspian_series *s = caspian_series_alloc("trade.uz_az", CASPIAN_FREQ_ANNUAL, 2017, 9);
	s->values[0] = 32.4;
	s->values[8] = 307.8;
	char *svg = render(s, 1, NULL, NULL, CASPIAN_OK);
	assert_true(well_formed(svg));
	assert_int_equal(count(svg, "<path class=\"gap\""), 1);
	assert_int_equal(count(svg, "<circle class=\"point\""), 2);
	assert_non_null(strstr(svg, "Dotted lines join observations across missing periods."));
	free(svg);
	caspian_series_free(s);
}

static void test_plot_svg_errors(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	struct caspian_plot_opts o;
	struct caspian_error err;
	char *svg;
	caspian_plot_opts_init(&o);
	o.log_scale = 1;
	/* the 95% lower bound of the forecast is 26 > 0, so put a zero in b */
	fx->p->series[1].values[3] = 0;
	caspian_error_init(&err);
	svg = render(fx->p->series, 2, fx->fc, &o, CASPIAN_EDOM);
	free(svg);
	FILE *sink = fopen("/dev/null", "w");
	assert_non_null(sink);
	assert_int_equal(caspian_plot_svg(fx->p->series, 2, NULL, &o, sink, &err), CASPIAN_EDOM);
	assert_string_equal(err.msg, "b is 0 at 2003: a log scale shows only positive values");

	struct caspian_series *m = caspian_series_alloc("m", CASPIAN_FREQ_MONTHLY, 24000, 3);
	struct caspian_series both[2] = {fx->p->series[0], *m};
	caspian_error_init(&err);
	assert_int_equal(caspian_plot_svg(both, 2, NULL, NULL, sink, &err), CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "one chart shows one frequency"));
	caspian_error_init(&err);
	assert_int_equal(caspian_plot_svg(m, 1, NULL, NULL, sink, &err), CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "every value of m is missing"));
	assert_int_equal(caspian_plot_svg(m, 0, NULL, NULL, sink, NULL), CASPIAN_EINVAL);
	o.log_scale = 0;
	o.width = 100;
	assert_int_equal(caspian_plot_svg(fx->p->series, 1, NULL, &o, sink, NULL), CASPIAN_EINVAL);
	fclose(sink);
	caspian_series_free(m);

	FILE *full = fopen("/dev/full", "w");
	if (full) {
		caspian_error_init(&err);
		assert_int_equal(caspian_plot_svg(fx->p->series, 2, NULL, NULL, full, &err),
				 CASPIAN_EIO);
		fclose(full);
	}
	free_fixture(fx);
}

static void test_plot_sparkline(void **state)
{
	(void)state;
	char buf[64];
	/* lo 1, hi 8: floor(8 (v - 1) / 7) = 0, 1, 2, 3, 4, 5, 6, 8 -> 7 */
	const double up[] = {1, 2, 3, 4, 5, 6, 7, 8};
	assert_int_equal(caspian_plot_sparkline(up, 8, 10, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588");
	const double gap[] = {1, NAN, 3};
	assert_int_equal(caspian_plot_sparkline(gap, 3, 10, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "\u2581 \u2588");
	/* 10 values in 4 characters: buckets of 3 with means 2, 5, 8, 10;
	   floor(8 (m - 2) / 8) = 0, 3, 6, 8 -> 7 */
	const double ten[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
	assert_int_equal(caspian_plot_sparkline(ten, 10, 4, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "\u2581\u2584\u2587\u2588");
	const double flat[] = {5, 5};
	assert_int_equal(caspian_plot_sparkline(flat, 2, 10, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "\u2584\u2584");
	assert_int_equal(caspian_plot_sparkline(up, 8, 10, buf, 24), 0);
	assert_int_equal(caspian_plot_sparkline(up, 8, 0, buf, sizeof(buf)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plot_linear_ticks_round_step_to_1_2_5),
		cmocka_unit_test(test_plot_linear_ticks_flat_and_bad_ranges),
		cmocka_unit_test(test_plot_log_ticks),
		cmocka_unit_test(test_plot_period_ticks),
		cmocka_unit_test(test_plot_svg_structure_two_series_and_fan),
		cmocka_unit_test(test_plot_svg_single_series_no_legend_log_scale),
		cmocka_unit_test(test_plot_svg_gaps_are_dotted_and_noted),
		cmocka_unit_test(test_plot_svg_errors),
		cmocka_unit_test(test_plot_sparkline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
