#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "assert_close.h"
#include "caspian/check.h"
#include "caspian/claims.h"

/*
 * Expected values are worked by hand; the decimals come from bc -l:
 *
 *   CAGR of a 9.5-fold rise over 8 years   e(l(9.5)/8)-1  = .32499869538924719841
 *     with 9.45 and 9.55 (the rounding of "9.5")
 *                                          e(l(9.45)/8)-1 = .32412497186722120295
 *                                          e(l(9.55)/8)-1 = .32586840440889904004
 *   folds of 32% and 34% a year             1.32^8 = 9.2170395205042176
 *                                          1.34^8 = 10.3953325454500096
 *   2025 trade from 32.4 x 9.5              = 307.8; with rounding
 *                                          32.35 x 9.45 = 305.7075, 32.45 x 9.55 = 309.8975
 *   paired regions 4 -> 11 in 2 years       sqrt(11/4)-1 = .65831239517769992456
 *   exports eightfold, imports sixteenfold, total 9.5-fold:
 *     s F_x + (1 - s) F_m = F  =>  s = (F_m - F) / (F_m - F_x) = 6.5 / 8 = 0.8125,
 *     exports 0.8125 x 32.4 = 26.325, imports 0.1875 x 32.4 = 6.075;
 *     with F in [9.45, 9.55), F_x in [7.5, 8.5), F_m in [15.5, 16.5):
 *     s is decreasing in F and increasing in F_x and F_m (ds/dF = -1/(F_m - F_x),
 *     ds/dF_x = (F_m - F)/(F_m - F_x)^2 > 0, ds/dF_m = (F - F_x)/(F_m - F_x)^2 > 0), so
 *       s_min = (15.5 - 9.55) / (15.5 - 7.5) = 5.95 / 8 = 0.74375   (9.55 excluded: open)
 *       s_max = (16.5 - 9.45) / (16.5 - 8.5) = 7.05 / 8 = 0.88125   (16.5 excluded: open)
 *     exports 2017: 0.74375 x 32.35 = 24.0603125 to 0.88125 x 32.45 = 28.5965625,
 *     imports 2017: 0.11875 x 32.35 = 3.8415625  to 0.25625 x 32.45 = 8.3153125.
 *     End level s F_x L0 grows with F_x (both factors do) and F_m, falls with F;
 *     imports' (1 - s) F_m L0 = (F - F_x) F_m / (F_m - F_x) L0 falls with F_m
 *     (derivative -(F - F_x) F_x / (F_m - F_x)^2) and F_x, grows with F: every
 *     figure is monotone in each input, so the corners give its range.
 */

static struct caspian_claims *load_press_release(void)
{
	FILE *f = fopen(CASPIAN_SOURCE_DIR "/datasets/uz-az/claims.csv", "rb");
	struct caspian_claims *c = NULL;
	struct caspian_error err;
	if (!f)
		return NULL;
	caspian_error_init(&err);
	int rc = caspian_claims_read(f, "claims.csv", &c, &err);
	fclose(f);
	assert_int_equal(rc, CASPIAN_OK);
	return c;
}

static struct caspian_claims *parse(const char *text)
{
	struct caspian_claims *c = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	if (caspian_claims_parse(text, strlen(text), "t.csv", &c, &err)) {
		char buf[1024];
		fail_msg("%s", caspian_error_format(&err, buf, sizeof(buf)));
	}
	return c;
}

static struct caspian_check_report *run(const struct caspian_claims *c,
					const struct caspian_panel *panel)
{
	struct caspian_check_report *r = NULL;
	struct caspian_check_opts o = {panel};
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_check_run(c, &o, &r, &err), CASPIAN_OK);
	return r;
}

/* The finding about claim id whose quantity starts with q and sources contain src. */
static const struct caspian_finding *find(const struct caspian_claims *c,
					  const struct caspian_check_report *r, const char *id,
					  const char *q, const char *src)
{
	long k = caspian_claims_find(c, id);
	assert_true(k >= 0);
	for (size_t i = 0; i < r->count; i++) {
		const struct caspian_finding *f = &r->items[i];
		if (f->claim == (size_t)k && strncmp(f->quantity, q, strlen(q)) == 0 &&
		    strstr(f->sources, src))
			return f;
	}
	fail_msg("no finding for %s / %s / %s", id, q, src);
	return NULL;
}

/* An implied end that was computed lies outside the exact value by a few ulps at most. */
static void assert_range(const struct caspian_finding *f, double lo, int lo_open, double hi,
			 int hi_open)
{
	assert_true(f->has_implied);
	if (!(f->implied.range.lo <= lo && f->implied.range.hi >= hi))
		fail_msg("implied [%.17g, %.17g] does not hold [%.17g, %.17g]", f->implied.range.lo,
			 f->implied.range.hi, lo, hi);
	assert_close(f->implied.range.lo, lo, 1e-14, 0);
	assert_close(f->implied.range.hi, hi, 1e-14, 0);
	assert_int_equal(f->implied.range.lo_open, lo_open);
	assert_int_equal(f->implied.range.hi_open, hi_open);
}

static void test_check_press_release_cagr(void **state)
{
	(void)state;
	struct caspian_claims *c = load_press_release();
	if (!c)
		skip();
	struct caspian_check_report *r = run(c, NULL);
	/* 9.5-fold over 2017-2025 implies 32.50% a year, 32.41% to 32.59% with rounding */
	const struct caspian_finding *f = find(c, r, "trade_growth", "average", "trade_fold");
	assert_close(f->implied.point, 0.32499869538924719841, 1e-14, 0);
	assert_range(f, 0.32412497186722120295, 0, 0.32586840440889904004, 1);
	/* inside the stated 32-34%: consistent, with a note that the band is wider */
	assert_int_equal(f->verdict, CASPIAN_VERDICT_CONSISTENT);
	assert_non_null(strstr(f->note, "wider"));
	assert_non_null(strstr(f->note, "Fits the CAGR reading"));
	assert_non_null(strstr(f->note, "cannot be computed"));
	assert_string_equal(f->unit, "percent");
	/* the other way: the band implies 9.217- to 10.395-fold, which holds 9.5; 34% means 10.4 */
	f = find(c, r, "trade_fold", "fold", "trade_growth");
	assert_int_equal(f->verdict, CASPIAN_VERDICT_CONSISTENT);
	assert_range(f, 9.2170395205042176, 0, 10.3953325454500096, 0);
	assert_non_null(strstr(f->note, "10.4-fold"));
	assert_non_null(strstr(f->formula, "(1 + g)^8"));
	caspian_check_report_free(r);
	caspian_claims_free(c);
}

static void test_check_press_release_levels(void **state)
{
	(void)state;
	struct caspian_claims *c = load_press_release();
	if (!c)
		skip();
	struct caspian_check_report *r = run(c, NULL);
	/* 32.4 x 9.5 = 307.8, consistent with "more than 300" */
	const struct caspian_finding *f = find(c, r, "trade_2025", "level", "trade_fold");
	assert_close(f->implied.point, 307.8, 1e-14, 0);
	assert_range(f, 305.7075, 0, 309.8975, 1);
	assert_int_equal(f->verdict, CASPIAN_VERDICT_CONSISTENT);
	/* with the 32-34% band instead: 32.35 x 1.32^8 = 298.17 < 300 < 32.45 x 1.34^8 = 337.33 */
	f = find(c, r, "trade_2025", "level", "trade_growth");
	assert_range(f, 298.17122848831143936, 0, 337.32854109985281152, 1);
	assert_int_equal(f->verdict, CASPIAN_VERDICT_PARTLY);
	/* levels alone: fold above 300 / 32.45 = 9.2449922958397534669 (open) */
	f = find(c, r, "trade_fold", "fold", "trade_2017");
	assert_true(f->implied.range.lo_open && isinf(f->implied.range.hi));
	assert_close(f->implied.range.lo, 9.2449922958397534669, 1e-14, 0);
	assert_int_equal(f->verdict, CASPIAN_VERDICT_CONSISTENT);
	/* a total's fold lies between its parts': [7.5, 16.5) holds 9.5 */
	f = find(c, r, "trade_fold", "fold", "exports_fold");
	assert_range(f, 7.5, 0, 16.5, 1);
	assert_int_equal(r->by_verdict[CASPIAN_VERDICT_INCONSISTENT], 0);
	caspian_check_report_free(r);
	caspian_claims_free(c);
}

static void test_check_press_release_regions_and_transit(void **state)
{
	(void)state;
	struct caspian_claims *c = load_press_release();
	if (!c)
		skip();
	struct caspian_check_report *r = run(c, NULL);
	/* 4 -> 11 paired regions in two years: 65.83% a year */
	const struct caspian_finding *f = find(c, r, "regions_2025", "CAGR", "regions_2023");
	assert_int_equal(f->verdict, CASPIAN_VERDICT_DERIVED);
	assert_close(f->implied.point, 0.65831239517769992456, 1e-14, 0);
	assert_true(caspian_interval_contains(f->implied.range, 0.65831239517769992456));
	assert_true(f->implied.range.hi - f->implied.range.lo < 1e-14);
	/* "2.1-fold" transit growth with no period: no rate, and it says so */
	f = find(c, r, "transit_fold", "annual rate", "");
	assert_int_equal(f->verdict, CASPIAN_VERDICT_UNDERIVABLE);
	assert_false(f->has_implied);
	assert_non_null(strstr(f->note, "No period is stated"));
	/* 14 flights a week, exact: 14 x 365.2425 / 7 = 730.485 a year */
	f = find(c, r, "flights_2026", "per year", "");
	assert_close(f->implied.point, 730.485, 1e-14, 0);
	/* more than half of 22 visits: more than 11, so 12 to 22 */
	f = find(c, r, "visits_recent_share", "level of", "visits_total");
	assert_range(f, 12, 0, 22, 0);
	/* a figure nothing else touches */
	f = find(c, r, "fund_capital", "level", "");
	assert_int_equal(f->verdict, CASPIAN_VERDICT_UNCHECKED);
	caspian_check_report_free(r);
	caspian_claims_free(c);
}

static void test_check_press_release_decomposition(void **state)
{
	(void)state;
	struct caspian_claims *c = load_press_release();
	if (!c)
		skip();
	struct caspian_check_report *r = run(c, NULL);
	const struct caspian_finding *f = find(c, r, "exports_fold", "share of trade.uz_az", "");
	assert_close(f->implied.point, 0.8125, 1e-15, 0);
	assert_range(f, 0.74375, 1, 0.88125, 1);
	f = find(c, r, "exports_fold", "level of trade.uz_az.exports 2017", "");
	assert_close(f->implied.point, 26.325, 1e-14, 0);
	assert_range(f, 24.0603125, 1, 28.5965625, 1);
	f = find(c, r, "imports_fold", "level of trade.uz_az.imports 2017", "");
	assert_close(f->implied.point, 6.075, 1e-14, 0);
	assert_range(f, 3.8415625, 1, 8.3153125, 1);
	/* only one decomposition: from the fold, not again from the growth band */
	size_t n = 0;
	for (size_t i = 0; i < r->count; i++)
		n += strncmp(r->items[i].quantity, "share of trade.uz_az", 20) == 0;
	assert_int_equal(n, 2);
	caspian_check_report_free(r);
	caspian_claims_free(c);
}

#define HEADER "id,kind,subject,part_of,from,to,qualifier,value,value_high,unit,rounding,sentence\n"

static void test_check_inconsistent_gap_and_exit_count(void **state)
{
	(void)state;
	/* 32.4 x 9.5 = [305.7075, 309.8975) against a stated 250 = [249.5, 250.5):
	   gap 305.7075 - 250.5 = 55.2075 */
	struct caspian_claims *c = parse(HEADER "a,level,t,,,2017,,32.4,,USD million,,s\n"
					       "b,level,t,,,2025,,250,,USD million,,s\n"
					       "f,fold,t,,2017,2025,,9.5,,fold,,s\n");
	struct caspian_check_report *r = run(c, NULL);
	const struct caspian_finding *f = find(c, r, "b", "level", "a f");
	assert_int_equal(f->verdict, CASPIAN_VERDICT_INCONSISTENT);
	assert_close(f->gap, 55.2075, 1e-12, 0);
	assert_non_null(strstr(f->note, "misses"));
	/* 250 / 32.4 = 7.7160...: the fold is inconsistent too */
	f = find(c, r, "f", "fold", "a b");
	assert_int_equal(f->verdict, CASPIAN_VERDICT_INCONSISTENT);
	assert_true(r->by_verdict[CASPIAN_VERDICT_INCONSISTENT] >= 2);
	caspian_check_report_free(r);
	caspian_claims_free(c);
}

static void test_check_average_growth_readings(void **state)
{
	(void)state;
	/* 9.5-fold gives a CAGR of 32.41-32.59%.  Stated 40%: too high for a CAGR, but a
	   mean of yearly rates is >= the CAGR, so possible.  Stated 20%: below the CAGR,
	   and so below any mean too. */
	struct caspian_claims *c = parse(HEADER "f,fold,t,,2017,2025,,9.5,,fold,,s\n"
					       "hi,avg_growth,t,,2017,2025,,40,,percent,,s\n"
					       "lo,avg_growth,u,,2017,2025,,20,,percent,,s\n"
					       "g,fold,u,,2017,2025,,9.5,,fold,,s\n");
	struct caspian_check_report *r = run(c, NULL);
	const struct caspian_finding *f = find(c, r, "hi", "average", "f");
	assert_int_equal(f->verdict, CASPIAN_VERDICT_PARTLY);
	assert_non_null(strstr(f->note, "arithmetic mean"));
	f = find(c, r, "lo", "average", "g");
	assert_int_equal(f->verdict, CASPIAN_VERDICT_INCONSISTENT);
	assert_non_null(strstr(f->note, "does not fit either"));
	/* "20" percent is [19.5%, 20.5%); the CAGR is at least 32.412497%: gap 11.91 points */
	assert_close(f->gap, 0.32412497186722120295 - 0.205, 1e-12, 0);
	caspian_check_report_free(r);
	caspian_claims_free(c);
}

static void test_check_series_mean_reading(void **state)
{
	(void)state;
	/* 100, 150, 75, 150 in 2000-2003: yearly rates +50%, -50%, +100%, mean 33.33%;
	   CAGR 1.5^(1/3) - 1 = .14471424255333186781 (bc).  A stated 33% ([32.5, 33.5))
	   fits the mean reading and not the CAGR one. */
	struct caspian_panel *p = caspian_panel_alloc();
	size_t at;
	assert_int_equal(caspian_panel_add_empty(p, "v", CASPIAN_FREQ_ANNUAL, 2000, 4, &at, NULL),
			 CASPIAN_OK);
	double vals[] = {100, 150, 75, 150};
	memcpy(p->series[at].values, vals, sizeof(vals));
	caspian_panel_sort(p);
	struct caspian_claims *c = parse(HEADER "m,avg_growth,v,,2000,2003,,33,,percent,,s\n");
	struct caspian_check_report *r = run(c, p);
	const struct caspian_finding *f = find(c, r, "m", "mean yearly rate", "series:v");
	assert_close(f->implied.point, 1.0 / 3, 1e-14, 0);
	assert_int_equal(f->verdict, CASPIAN_VERDICT_CONSISTENT);
	f = find(c, r, "m", "average", "series:v");
	assert_close(f->implied.point, 0.14471424255333186781, 1e-13, 0);
	assert_int_equal(f->verdict, CASPIAN_VERDICT_PARTLY);
	caspian_check_report_free(r);
	caspian_claims_free(c);
	caspian_panel_free(p);
}

static void test_check_classify_every_branch(void **state)
{
	(void)state;
	double gap;
	const char *why;
	struct caspian_interval s = caspian_interval_make(0.32, 0, 0.34, 0);
	/* range: equal, wider, narrower, overlapping, disjoint */
	assert_int_equal(caspian_check_classify(s, CASPIAN_QUAL_RANGE, s, &gap, &why),
			 CASPIAN_VERDICT_CONSISTENT);
	assert_int_equal(caspian_check_classify(s, CASPIAN_QUAL_RANGE,
						caspian_interval_make(0.3241, 0, 0.3259, 1), &gap, &why),
			 CASPIAN_VERDICT_CONSISTENT);
	assert_non_null(strstr(why, "wider"));
	assert_int_equal(caspian_check_classify(s, CASPIAN_QUAL_RANGE,
						caspian_interval_make(0.2, 0, 0.5, 0), &gap, &why),
			 CASPIAN_VERDICT_PARTLY);
	assert_non_null(strstr(why, "narrower"));
	assert_int_equal(caspian_check_classify(s, CASPIAN_QUAL_RANGE,
						caspian_interval_make(0.33, 0, 0.5, 0), &gap, &why),
			 CASPIAN_VERDICT_PARTLY);
	assert_non_null(strstr(why, "only in part"));
	assert_int_equal(caspian_check_classify(s, CASPIAN_QUAL_RANGE,
						caspian_interval_make(0.4, 0, 0.5, 0), &gap, &why),
			 CASPIAN_VERDICT_INCONSISTENT);
	assert_close(gap, 0.06, 1e-12, 0);
	/* a printed figure: any overlap will do */
	assert_int_equal(caspian_check_classify(caspian_interval_make(9.45, 0, 9.55, 1),
						CASPIAN_QUAL_EXACT,
						caspian_interval_make(9.5, 0, 12, 0), &gap, &why),
			 CASPIAN_VERDICT_CONSISTENT);
	assert_string_equal(why, "");
	/* touching at an excluded end is no overlap */
	assert_int_equal(caspian_check_classify(caspian_interval_make(9.45, 0, 9.55, 1),
						CASPIAN_QUAL_EXACT,
						caspian_interval_make(9.55, 0, 12, 0), &gap, &why),
			 CASPIAN_VERDICT_INCONSISTENT);
	/* one-sided: all implied values beyond the bound, or some on each side */
	struct caspian_interval more300 = caspian_interval_make(300, 1, INFINITY, 1);
	assert_int_equal(caspian_check_classify(more300, CASPIAN_QUAL_MORE_THAN,
						caspian_interval_make(305.7, 0, 309.9, 1), &gap, &why),
			 CASPIAN_VERDICT_CONSISTENT);
	assert_int_equal(caspian_check_classify(more300, CASPIAN_QUAL_MORE_THAN,
						caspian_interval_make(298.2, 0, 337.3, 1), &gap, &why),
			 CASPIAN_VERDICT_PARTLY);
	assert_int_equal(caspian_check_classify(more300, CASPIAN_QUAL_MORE_THAN,
						caspian_interval_make(250, 0, 300, 0), &gap, &why),
			 CASPIAN_VERDICT_INCONSISTENT);
	assert_close(gap, 0, 0, 0);
	assert_string_equal(caspian_verdict_name(CASPIAN_VERDICT_UNDERIVABLE), "not derivable");
}

/* ------------------------------------------------------------------------
 * caspian_decompose directly.
 */

static struct caspian_figure rounded(const char *text)
{
	struct caspian_figure f;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_stated_interval(text, NULL, CASPIAN_QUAL_EXACT, NULL, 0, 0, &f.range,
						 &f.point, &err),
			 CASPIAN_OK);
	return f;
}

static void test_decompose_two_parts(void **state)
{
	(void)state;
	struct caspian_decompose_part parts[2] = {{.name = "exports"}, {.name = "imports"}};
	struct caspian_decompose d = {0};
	d.total_fold = rounded("9.5");
	d.has_base = 1;
	d.total_base = rounded("32.4");
	parts[0].fold = rounded("8");
	parts[1].fold = rounded("16");
	d.nparts = 2;
	d.parts = parts;
	assert_int_equal(caspian_decompose(&d, NULL), CASPIAN_OK);
	assert_true(d.unique && d.determined && d.point_feasible);
	assert_close(parts[0].base_share.point, 0.8125, 1e-15, 0);
	assert_close(parts[1].base_share.point, 0.1875, 1e-15, 0);
	assert_close(parts[0].base_level.point, 26.325, 1e-14, 0);
	assert_close(parts[1].base_level.point, 6.075, 1e-14, 0);
	/* end levels 26.325 x 8 = 210.6 and 6.075 x 16 = 97.2, adding up to 307.8 */
	assert_close(parts[0].end_level.point, 210.6, 1e-14, 0);
	assert_close(parts[1].end_level.point, 97.2, 1e-14, 0);
	assert_close(d.total_end.point, 307.8, 1e-14, 0);
	/* contributions 0.8125 x 7 = 5.6875 and 0.1875 x 15 = 2.8125: sum 8.5 = F - 1;
	   shares of the rise 5.6875 / 8.5 = .66911764705882352941 (bc) */
	assert_close(parts[0].contribution.point, 5.6875, 1e-14, 0);
	assert_close(parts[1].contribution.point, 2.8125, 1e-14, 0);
	assert_close(parts[0].growth_share.point, 0.66911764705882352941, 1e-14, 0);
	/* end share 0.8125 x 8 / 9.5 = 6.5 / 9.5 = .68421052631578947368 (bc) */
	assert_close(parts[0].end_share.point, 0.68421052631578947368, 1e-14, 0);
	assert_close(parts[0].base_share.range.lo, 0.74375, 1e-14, 0);
	assert_close(parts[0].base_share.range.hi, 0.88125, 1e-14, 0);
	assert_true(parts[0].base_share.range.lo_open && parts[0].base_share.range.hi_open);
	assert_close(parts[1].base_level.range.lo, 3.8415625, 1e-14, 0);
	assert_close(parts[1].base_level.range.hi, 8.3153125, 1e-14, 0);
}

/*
 * The slow reference: sample the box of rounding intervals on a grid and
 * compute each figure from its formula; every sample must fall inside the
 * reported range, and the extremes must come close to its ends.
 */
static void test_decompose_ranges_against_grid(void **state)
{
	(void)state;
	struct caspian_decompose_part parts[2] = {{.name = "a"}, {.name = "b"}};
	struct caspian_decompose d = {0};
	d.total_fold = rounded("2.385");
	d.has_base = 1;
	d.total_base = rounded("71.3");
	parts[0].fold = rounded("1.2");
	parts[1].fold = rounded("4.75");
	d.nparts = 2;
	d.parts = parts;
	assert_int_equal(caspian_decompose(&d, NULL), CASPIAN_OK);
	const int N = 12;
	double lo[4] = {INFINITY, INFINITY, INFINITY, INFINITY}, hi[4] = {-INFINITY, -INFINITY,
									  -INFINITY, -INFINITY};
	for (int i = 0; i <= N; i++)
		for (int j = 0; j <= N; j++)
			for (int k = 0; k <= N; k++)
				for (int l = 0; l <= N; l++) {
					double F = 2.3845 + 0.001 * i / N, Fa = 1.15 + 0.1 * j / N;
					double Fb = 4.745 + 0.01 * k / N, L0 = 71.25 + 0.1 * l / N;
					double s = (Fb - F) / (Fb - Fa);
					double v[4] = {s, s * L0, s * Fa * L0, s * (Fa - 1) / (F - 1)};
					for (int q = 0; q < 4; q++) {
						lo[q] = fmin(lo[q], v[q]);
						hi[q] = fmax(hi[q], v[q]);
					}
				}
	const struct caspian_interval got[4] = {parts[0].base_share.range, parts[0].base_level.range,
						parts[0].end_level.range, parts[0].growth_share.range};
	for (int q = 0; q < 4; q++) {
		if (!(got[q].lo <= lo[q] && got[q].hi >= hi[q]))
			fail_msg("figure %d: range [%.17g, %.17g] misses samples [%.17g, %.17g]", q,
				 got[q].lo, got[q].hi, lo[q], hi[q]);
		/* the grid reaches the corners, so the ends agree up to rounding */
		assert_close(got[q].lo, lo[q], 1e-12, 0);
		assert_close(got[q].hi, hi[q], 1e-12, 0);
	}
}

static void test_decompose_three_parts_feasible_set(void **state)
{
	(void)state;
	/* F = 9.5 with folds 8, 16, 10 read exactly.  Vertices: {8, 16} gives
	   s = (0.8125, 0.1875, 0); {8, 10} gives s_8 = (10 - 9.5)/(10 - 8) = 0.25,
	   s_10 = 0.75; {10, 16} cannot reach 9.5.  So s_8 in [0.25, 0.8125],
	   s_16 in [0, 0.1875], s_10 in [0, 0.75]. */
	struct caspian_decompose_part parts[3] = {{.name = "a"}, {.name = "b"}, {.name = "c"}};
	struct caspian_decompose d = {0};
	d.total_fold = (struct caspian_figure){caspian_interval_point(9.5), 9.5};
	const double folds[3] = {8, 16, 10};
	for (int i = 0; i < 3; i++)
		parts[i].fold = (struct caspian_figure){caspian_interval_point(folds[i]), folds[i]};
	d.nparts = 3;
	d.parts = parts;
	assert_int_equal(caspian_decompose(&d, NULL), CASPIAN_OK);
	assert_false(d.unique);
	assert_true(isnan(parts[0].base_share.point));
	assert_close(parts[0].base_share.range.lo, 0.25, 1e-14, 0);
	assert_close(parts[0].base_share.range.hi, 0.8125, 1e-14, 0);
	assert_close(parts[1].base_share.range.lo, 0, 0, 1e-15);
	assert_close(parts[1].base_share.range.hi, 0.1875, 1e-14, 0);
	assert_close(parts[2].base_share.range.hi, 0.75, 1e-14, 0);
}

static void test_decompose_errors(void **state)
{
	(void)state;
	struct caspian_decompose_part parts[2] = {{.name = "a"}, {.name = "b"}};
	struct caspian_decompose d = {0};
	struct caspian_error err;
	d.total_fold = rounded("20");
	parts[0].fold = rounded("8");
	parts[1].fold = rounded("16");
	d.parts = parts;
	d.nparts = 1;
	caspian_error_init(&err);
	assert_int_equal(caspian_decompose(&d, &err), CASPIAN_EINVAL);
	d.nparts = 2;
	caspian_error_init(&err);
	/* 20 lies outside [7.5, 16.5): no weights give it */
	assert_int_equal(caspian_decompose(&d, &err), CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "weighted mean"));
	d.total_fold = rounded("9.5");
	parts[1].fold.range = caspian_interval_make(15, 0, INFINITY, 1);
	caspian_error_init(&err);
	assert_int_equal(caspian_decompose(&d, &err), CASPIAN_EINVAL);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_press_release_cagr),
		cmocka_unit_test(test_check_press_release_levels),
		cmocka_unit_test(test_check_press_release_regions_and_transit),
		cmocka_unit_test(test_check_press_release_decomposition),
		cmocka_unit_test(test_check_inconsistent_gap_and_exit_count),
		cmocka_unit_test(test_check_average_growth_readings),
		cmocka_unit_test(test_check_series_mean_reading),
		cmocka_unit_test(test_check_classify_every_branch),
		cmocka_unit_test(test_decompose_two_parts),
		cmocka_unit_test(test_decompose_ranges_against_grid),
		cmocka_unit_test(test_decompose_three_parts_feasible_set),
		cmocka_unit_test(test_decompose_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
