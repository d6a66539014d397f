/*
 * test_forecast.c - the method table, the benchmark methods, Theta, the
 * wrappers' policies (missing values, levels, degenerate input) and the
 * backtest.
 *
 * Reference values come from R 4.2.2 with the forecast package 8.20, run as
 *     Rscript -e 'library(forecast); options(digits = 15); <command>'
 * where each test names its <command>; the data are R's datasets airmiles
 * (annual, 1937-1960, copied below), USAccDeaths and UKgas
 * (tests/support/r_datasets.h).
 * Other expected values are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "assert_close.h"
#include "r_datasets.h"
#include "caspian/error.h"
#include "caspian/forecast.h"

/* R: as.numeric(airmiles) */
static const double airmiles[24] = {
	412,   480,   683,   1052,  1385,  1418,  1634,  2178,  3362,  5948,  6109,  5981,
	6753,  8003,  10566, 12528, 14760, 16769, 19819, 22362, 25340, 25343, 29269, 30514,
};

static const double levels_80_95[2] = {80, 95};

/* An R forecast for h steps: mean, then lower and upper bounds at 80 and 95. */
struct r_forecast {
	double mean[3], lo80[3], lo95[3], hi80[3], hi95[3];
};

static const struct caspian_method *method(const char *name)
{
	const struct caspian_method *m = caspian_method_find(name);
	if (!m)
		fail_msg("method %s is not in the table", name);
	return m;
}

/* Run name on airmiles for 3 steps and compare with R within rel. */
static void check_airmiles(const char *name, const struct r_forecast *r, double rel)
{
	double mean[3], lo[6], hi[6];
	struct caspian_error err;
	caspian_error_init(&err);
	int rc = caspian_fc_run(method(name), airmiles, 24, NULL, 3, levels_80_95, 2, mean, lo,
				hi, NULL, &err);
	if (rc != CASPIAN_OK)
		fail_msg("%s failed: %s", name, err.msg);
	for (size_t i = 0; i < 3; i++) {
		assert_close(mean[i], r->mean[i], rel, 0);
		assert_close(lo[i], r->lo80[i], rel, 0);
		assert_close(lo[3 + i], r->lo95[i], rel, 0);
		assert_close(hi[i], r->hi80[i], rel, 0);
		assert_close(hi[3 + i], r->hi95[i], rel, 0);
	}
}

static void test_forecast_naive_matches_r(void **state)
{
	(void)state;
	/* naive(airmiles, h = 3, level = c(80, 95)) */
	static const struct r_forecast r = {
		{30514, 30514, 30514},
		{28247.1091079033, 27308.1321559768, 26587.6297996733},
		{27047.0895573419, 25611.0482324599, 24509.1349680250},
		{32780.8908920967, 33719.8678440232, 34440.3702003267},
		{33980.9104426581, 35416.9517675401, 36518.8650319750},
	};
	check_airmiles("naive", &r, 1e-12);
}

static void test_forecast_drift_matches_r(void **state)
{
	(void)state;
	/* rwf(airmiles, drift = TRUE, h = 3, level = c(80, 95)) */
	static const struct r_forecast r = {
		{31822.7826086957, 33131.5652173913, 34440.3478260870},
		{30229.9971894640, 30832.5774910046, 31568.9130761614},
		{29386.8275205616, 29615.5669027212, 30048.8673385896},
		{33415.5680279273, 35430.5529437780, 37311.7825760125},
		{34258.7376968297, 36647.5635320614, 38831.8283135843},
	};
	check_airmiles("drift", &r, 1e-12);
}

static void test_forecast_mean_matches_r(void **state)
{
	(void)state;
	/* meanf(airmiles, h = 3, level = c(80, 95)) (the same row three times) */
	static const struct r_forecast r = {
		{10527.8333333333, 10527.8333333333, 10527.8333333333},
		{-2983.73202297648, -2983.73202297648, -2983.73202297648},
		{-10655.6791815258, -10655.6791815258, -10655.6791815258},
		{24039.3986896432, 24039.3986896432, 24039.3986896432},
		{31711.3458481924, 31711.3458481924, 31711.3458481924},
	};
	check_airmiles("mean", &r, 1e-12);
}

static void test_forecast_cagr_matches_r_log_drift(void **state)
{
	(void)state;
	/* rwf(airmiles, drift = TRUE, lambda = 0, h = 3, level = c(80, 95)):
	 * the drift method on log y, back-transformed without bias adjustment. */
	static const struct r_forecast r = {
		{36794.7775917108, 44368.3443017455, 53500.7983448638},
		{30227.9714811915, 33407.3386975797, 37535.6867009292},
		{27240.3733535741, 28747.9676917407, 31114.7425081523},
		{44788.1743856302, 58925.6748015324, 76256.3756018062},
		{49700.3341492685, 68476.1440247407, 91992.9008825263},
	};
	check_airmiles("cagr", &r, 1e-12);
	/* And by hand: growth (30514/412)^(1/23), so step 1 = 30514 * that. */
	double mean[1];
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("cagr"), airmiles, 24, NULL, 1, NULL, 0, mean,
					NULL, NULL, NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 30514 * pow(30514.0 / 412.0, 1.0 / 23.0), 1e-13, 0);
}

static void test_forecast_trend_matches_r_tslm(void **state)
{
	(void)state;
	/* forecast(tslm(airmiles ~ trend), h = 3, level = c(80, 95)) */
	static const struct r_forecast r = {
		{27406.3550724638, 28756.6368115942, 30106.9185507246},
		{22886.8836861606, 24193.9847816279, 25498.2167212050},
		{20312.3879626997, 21594.8914065956, 22872.8912933766},
		{31925.8264587669, 33319.2888415605, 34715.6203802443},
		{34500.3221822278, 35918.3822165928, 37340.9458080727},
	};
	check_airmiles("trend", &r, 1e-12);
}

static void test_forecast_logtrend_matches_r_tslm(void **state)
{
	(void)state;
	/* forecast(tslm(airmiles ~ trend, lambda = 0), h = 3, level = c(80, 95)) */
	static const struct r_forecast r = {
		{58633.4613781431, 70993.2567446577, 85958.4678228070},
		{40273.3039374824, 48588.1361978771, 58605.6733078947},
		{32515.6172079211, 39148.6816498500, 47117.2274584671},
		{85363.813173087, 103729.899881056, 126077.524126819},
		{105730.202542325, 128741.053103437, 156818.611556838},
	};
	check_airmiles("logtrend", &r, 1e-12);
}

static void test_forecast_theta_matches_r_thetaf(void **state)
{
	(void)state;
	/* thetaf(airmiles, h = 3, level = c(80, 95)).  R's optimiser stops within
	 * about 1e-10 (means) and 1e-8 (intervals, through sigma) of the
	 * least-squares optimum this code solves for. */
	static const struct r_forecast r = {
		{31189.0838462183, 31864.2247157835, 32539.3655853487},
		{28871.0878487810, 28586.2472558037, 28524.7464238171},
		{27644.0148896255, 26850.9908074278, 26399.5354140184},
		{33507.0798436556, 35142.2021757634, 36553.9847468803},
		{34734.1528028111, 36877.4586241393, 38679.1957566790},
	};
	check_airmiles("theta", &r, 5e-8);
}

/* LakeHuron[1:24] (R's datasets): a series whose theta = 2 line has an
 * interior smoothing parameter, so the theta-lines form differs from thetaf. */
static const double lakehuron24[24] = {
	580.38, 581.86, 580.97, 580.8,	579.79, 580.39, 580.42, 580.82,
	581.4,	581.32, 581.44, 581.68, 581.17, 580.53, 580.01, 579.91,
	579.14, 579.16, 579.55, 579.67, 578.44, 578.24, 579.1,	579.09,
};

static void test_forecast_theta_lines_matches_r(void **state)
{
	(void)state;
	/* The original Theta method computed in R, independently of this code:
	 *   y <- as.numeric(LakeHuron)[1:24]; n <- 24; t <- 1:n
	 *   b <- coef(lm(y ~ t)); Z <- 2 * y - fitted(lm(y ~ t))
	 *   sse <- function(p) { l <- p[2]; s <- 0
	 *     for (z in Z) { e <- z - l; s <- s + e^2; l <- l + p[1] * e }; s }
	 *   prof <- function(a) optimize(function(l0) sse(c(a, l0)), c(-1e6, 1e6),
	 *                                tol = 1e-10)
	 *   oa <- optimize(function(a) prof(a)$objective, c(1e-4, 0.9999), tol = 1e-12)
	 *   p <- c(oa$minimum, prof(oa$minimum)$minimum)   # alpha 0.8126085,
	 *   l <- p[2]; for (z in Z) l <- l + p[1] * (z - l) # l0 579.8442506
	 *   f <- 0.5 * (b[1] + b[2] * (n + 1:3)) + 0.5 * l
	 *   se <- sqrt(sse(p) / 4 / (n - 2)) * sqrt(1 + (0:2) * p[1]^2)
	 *   f -/+ qnorm(0.9) * se; f -/+ qnorm(0.975) * se
	 * (optim(..., method = "L-BFGS-B") on (alpha, l0) gives the same optimum.) */
	static const struct r_forecast r = {
		{578.999846300040, 578.947337604388, 578.894828908736},
		{578.192477007554, 577.907010852512, 577.664904387927},
		{577.765081521126, 577.356295136297, 577.013821675552},
		{579.807215592526, 579.987664356263, 580.124753429544},
		{580.234611078953, 580.538380072478, 580.775836141920},
	};
	double mean[3], lo[6], hi[6];
	struct caspian_fc_opts opts = {.spec = "lines"};
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("theta"), lakehuron24, 24, &opts, 3, levels_80_95,
					2, mean, lo, hi, NULL, &err),
			 CASPIAN_OK);
	for (size_t i = 0; i < 3; i++) {
		assert_close(mean[i], r.mean[i], 1e-9, 0);
		assert_close(lo[i], r.lo80[i], 1e-9, 0);
		assert_close(lo[3 + i], r.lo95[i], 1e-9, 0);
		assert_close(hi[i], r.hi80[i], 1e-9, 0);
		assert_close(hi[3 + i], r.hi95[i], 1e-9, 0);
	}
	/* The named thetaf form is the default, and an unknown form is refused. */
	double m2[3];
	opts.spec = "ses-drift";
	assert_int_equal(caspian_fc_run(method("theta"), airmiles, 24, &opts, 3, NULL, 0, m2,
					NULL, NULL, NULL, &err),
			 CASPIAN_OK);
	assert_close(m2[0], 31189.0838462183, 5e-8, 0); /* thetaf, above */
	opts.spec = "line";
	assert_int_equal(caspian_fc_run(method("theta"), airmiles, 24, &opts, 3, NULL, 0, m2,
					NULL, NULL, NULL, &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "unknown variant 'line'"));
}

static void test_forecast_snaive_matches_r(void **state)
{
	(void)state;
	/* snaive(USAccDeaths, h = 14, level = c(80, 95)): steps 1, 12, 13, 14. */
	double mean[14], lo[28], hi[28];
	struct caspian_fc_opts opts = {.season = 12};
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("snaive"), usaccdeaths, 72, &opts, 14,
					levels_80_95, 2, mean, lo, hi, NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 7836, 0, 0);
	assert_close(mean[11], 9240, 0, 0);
	assert_close(mean[12], 7836, 0, 0);
	assert_close(mean[13], 6892, 0, 0);
	assert_close(lo[0], 7119.09319290333, 1e-12, 0);
	assert_close(hi[14], 8932.41434645196, 1e-12, 0);
	assert_close(lo[11], 8523.09319290333, 1e-12, 0);
	assert_close(lo[12], 6822.14067044630, 1e-12, 0);
	assert_close(lo[14 + 13], 5341.43596126720, 1e-12, 0);
	assert_close(hi[14 + 12], 9386.56403873280, 1e-12, 0);
}

static void test_forecast_theta_seasonal_matches_r_points(void **state)
{
	(void)state;
	/* thetaf(USAccDeaths, h = 14): the seasonality test fires (m = 12) and the
	 * series is divided by classical multiplicative indices.  Point forecasts
	 * agree to the precision of R's optimiser; caspian multiplies the intervals
	 * by the seasonal index as well, so they are not compared with R's. */
	static const double r_mean[14] = {
		8270.69380633916, 7508.92386706193, 8322.12480676870, 8554.14350535653,
		9450.09297449737, 9870.93361987681, 10822.49773085009, 10091.84070603674,
		8944.43359956477, 9329.28966640466, 8778.91283419023, 8990.77591387755,
		8206.97192701951, 7451.03390565730,
	};
	double mean[14], lo[14], hi[14];
	double level = 95;
	struct caspian_fc_opts opts = {.season = 12};
	struct caspian_fc_details d;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("theta"), usaccdeaths, 72, &opts, 14, &level,
					1, mean, lo, hi, &d, &err),
			 CASPIAN_OK);
	for (size_t i = 0; i < 14; i++) {
		assert_close(mean[i], r_mean[i], 1e-5, 0);
		assert_true(lo[i] < mean[i] && mean[i] < hi[i]);
	}
	assert_non_null(strstr(d.model, "seasonally adjusted, m=12"));
	/* Without the period the same data get no seasonal adjustment. */
	assert_int_equal(caspian_fc_run(method("theta"), usaccdeaths, 72, NULL, 14, NULL, 0,
					mean, NULL, NULL, &d, &err),
			 CASPIAN_OK);
	assert_string_equal(d.model, "Theta");
}

static void test_forecast_ses_matches_r_points(void **state)
{
	(void)state;
	/* ses(airmiles, h = 2)$mean = 30513.8754499835 (alpha at its bound 0.9999) */
	double mean[2];
	struct caspian_fc_ic ic;
	struct caspian_fc_model *m = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_fit(method("ses"), airmiles, 24, NULL, &m, &err),
			 CASPIAN_OK);
	assert_int_equal(caspian_fc_forecast(m, 2, NULL, 0, mean, NULL, NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 30513.8754499835, 1e-6, 0);
	assert_close(mean[1], mean[0], 0, 0);
	/* The likelihood family: ses has information criteria, k = alpha, l0, sigma. */
	assert_int_equal(caspian_fc_ic(m, &ic), 1);
	assert_int_equal(ic.k, 3);
	assert_int_equal(ic.nobs, 24);
	assert_close(ic.aic, -2 * ic.loglik + 6, 1e-12, 1e-9);
	assert_string_equal(caspian_fc_method(m)->ic_family, "ets");
	caspian_fc_free(m);
	/* Methods without a likelihood say so. */
	assert_int_equal(caspian_fc_fit(method("theta"), airmiles, 24, NULL, &m, &err),
			 CASPIAN_OK);
	assert_int_equal(caspian_fc_ic(m, &ic), 0);
	caspian_fc_free(m);
}

/* ---- the table and names ---------------------------------------------------- */

static void test_forecast_table_lists_every_method(void **state)
{
	(void)state;
	static const char *const names[] = {
		"naive", "snaive", "mean", "drift", "cagr", "trend", "logtrend", "theta",
		"otheta", "ets", "ses", "holt", "damped", "hw", "arima", "comb", "auto",
	};
	size_t count = 0;
	while (caspian_methods[count])
		count++;
	assert_int_equal(count, sizeof(names) / sizeof(names[0]));
	for (size_t i = 0; i < count; i++) {
		const struct caspian_method *m = caspian_method_find(names[i]);
		assert_non_null(m);
		assert_ptr_equal(m, caspian_methods[i]);
		assert_non_null(m->summary);
		assert_non_null(m->fit);
		assert_non_null(m->forecast);
		assert_non_null(m->free);
	}
	assert_null(caspian_method_find("arima-not-yet"));
}

/*
 * One observed value (missing ones around it) is refused by every method:
 * ets and arima would fit it with a zero-width interval; the others have
 * larger minimums of their own, which they name.
 */
static void test_forecast_one_observation_refused(void **state)
{
	(void)state;
	const double y[] = {NAN, 5, NAN};
	for (size_t i = 0; caspian_methods[i]; i++) {
		const struct caspian_method *m = caspian_methods[i];
		struct caspian_fc_opts opts = {.season = 4};
		struct caspian_fc_model *model = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		int rc = caspian_fc_fit(m, y, 3, &opts, &model, &err);
		if (rc == CASPIAN_OK || model)
			fail_msg("method %s fitted one observation", m->name);
		if (!strstr(err.msg, "needs at least") && !strstr(err.msg, "every member failed"))
			fail_msg("method %s: \"%s\"", m->name, err.msg);
	}
}

static void test_forecast_parse_name_and_spec(void **state)
{
	(void)state;
	const struct caspian_method *m;
	const char *spec;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_method_parse("ets:MAdM", &m, &spec, &err), CASPIAN_OK);
	assert_string_equal(m->name, "ets");
	assert_string_equal(spec, "MAdM");
	assert_int_equal(caspian_method_parse("theta", &m, &spec, &err), CASPIAN_OK);
	assert_null(spec);
	assert_int_equal(caspian_method_parse("thetaa", &m, &spec, &err), CASPIAN_ENOTFOUND);
	assert_non_null(strstr(err.msg, "'thetaa'"));
	assert_non_null(strstr(err.msg, "naive, snaive"));
	caspian_error_init(&err);
	/* A spec a method does not take is refused. */
	double mean[1];
	struct caspian_fc_opts opts = {.spec = "xyz"};
	assert_int_equal(caspian_fc_run(method("naive"), airmiles, 24, &opts, 1, NULL, 0, mean,
					NULL, NULL, NULL, &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "naive takes no variant"));
}

/*
 * ":sa" (M3's seasonal adjustment) with naive, NAIVE2 of the M3 competition.
 * R (options(digits = 17)):
 *   y <- UKgas; n <- length(y); r <- acf(y, lag.max = 4, plot = FALSE)$acf[-1]
 *   abs(r[4]) / sqrt((1 + 2 * sum(r[-4]^2)) / n) > qnorm(0.95)     # TRUE
 *   dec <- decompose(y, type = "multiplicative")
 *   f <- naive(y / dec$seasonal, h = 6, level = 95)
 *   idx <- rep(dec$seasonal[(n - 3):n], 2)[1:6]
 *   f$mean * idx; f$lower * idx; f$upper * idx
 * The last value, 782.8 (a fourth quarter), comes back at h = 4.
 */
static void test_forecast_seasonal_adjustment(void **state)
{
	(void)state;
	static const double r_mean[6] = {1102.77229190150933, 725.16217137326873,
					 423.63083488619958,  782.79999999999995,
					 1102.77229190150933, 725.16217137326873};
	static const double r_lo[6] = {832.29917993195772, 473.63298216152543,
				       243.66650096260224, 398.81075107774882,
				       497.97602745167978, 289.50083607192369};
	static const double r_hi[6] = {1373.24540387106072, 976.69136058501215,
				       603.59516880979697, 1166.78924892225109,
				       1707.56855635133888, 1160.82350667461378};
	const double level = 95;
	double mean[6], lo[6], hi[6];
	struct caspian_fc_details d;
	struct caspian_error err;
	struct caspian_fc_opts opts = {.season = 4, .spec = "sa"};
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("naive"), ukgas, 108, &opts, 6, &level, 1, mean,
					lo, hi, &d, &err),
			 CASPIAN_OK);
	for (size_t i = 0; i < 6; i++) {
		assert_close(mean[i], r_mean[i], 1e-12, 0);
		assert_close(lo[i], r_lo[i], 1e-12, 0);
		assert_close(hi[i], r_hi[i], 1e-12, 0);
	}
	assert_non_null(strstr(d.model, "seasonally adjusted, m=4"));

	/* An adjusted fit's likelihood is not the series': no criteria. */
	struct caspian_fc_model *model = NULL;
	struct caspian_fc_ic ic;
	opts.spec = "ANN;sa";
	assert_int_equal(caspian_fc_fit(method("ets"), ukgas, 108, &opts, &model, &err),
			 CASPIAN_OK);
	assert_int_equal(caspian_fc_ic(model, &ic), 0);
	caspian_fc_describe(model, &d);
	assert_non_null(strstr(d.model, "ETS(A,N,N) (seasonally adjusted, m=4)"));
	caspian_fc_free(model);

	/* Without seasonality (airmiles is annual) the method sees the data as they are. */
	double plain[3];
	opts = (struct caspian_fc_opts){.spec = "sa"};
	assert_int_equal(caspian_fc_run(method("drift"), airmiles, 24, &opts, 3, NULL, 0, mean,
					NULL, NULL, &d, &err),
			 CASPIAN_OK);
	assert_int_equal(caspian_fc_run(method("drift"), airmiles, 24, NULL, 3, NULL, 0, plain,
					NULL, NULL, NULL, &err),
			 CASPIAN_OK);
	for (size_t i = 0; i < 3; i++)
		assert_true(mean[i] == plain[i]);
	assert_non_null(strstr(d.model, "not seasonal"));

	/* Refused: methods that adjust or combine themselves, and gaps. */
	opts = (struct caspian_fc_opts){.season = 4, .spec = "sa"};
	static const char *const refused[] = {"theta", "otheta", "comb", "auto"};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		caspian_error_init(&err);
		assert_int_equal(caspian_fc_run(method(refused[i]), ukgas, 108, &opts, 2, NULL,
						0, mean, NULL, NULL, NULL, &err),
				 CASPIAN_EINVAL);
		assert_non_null(strstr(err.msg, ":sa"));
	}
	double gap[108];
	memcpy(gap, ukgas, sizeof(gap));
	gap[50] = NAN;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("naive"), gap, 108, &opts, 2, NULL, 0, mean, NULL,
					NULL, NULL, &err),
			 CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "value 51 is missing"));
	/* What is left of the spec still goes to the method. */
	opts.spec = "sa;MAdN";
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("naive"), ukgas, 108, &opts, 2, NULL, 0, mean,
					NULL, NULL, NULL, &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "naive takes no variant (got 'MAdN')"));
}

/*
 * ets variants: a model name, estimator=ml|r, or both.  With estimator=r the
 * forecasts are forecast::ets's (options(digits = 17)):
 *   forecast(ets(airmiles), h = 2)$mean                   # ETS(A,A,N)
 *     32764.289617109924 34871.341031660690
 *   forecast(ets(airmiles, model = "MAN", damped = FALSE), h = 2)$mean
 *     31787.267578255298 33052.398701605831
 */
static void test_forecast_ets_estimator_variant(void **state)
{
	(void)state;
	const struct caspian_method *ets = method("ets");
	double mean[2];
	struct caspian_error err;
	struct caspian_fc_opts opts = {.spec = "estimator=r"};
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(ets, airmiles, 24, &opts, 2, NULL, 0, mean, NULL, NULL,
					NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 32764.289617109924, 1e-7, 0);
	assert_close(mean[1], 34871.341031660690, 1e-7, 0);
	opts.spec = "MAN;estimator=r";
	assert_int_equal(caspian_fc_run(ets, airmiles, 24, &opts, 2, NULL, 0, mean, NULL, NULL,
					NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 31787.267578255298, 1e-7, 0);
	assert_close(mean[1], 33052.398701605831, 1e-7, 0);
	static const char *const bad[] = {"estimator=x", "MAN;ANN", "MAN;ANN;estimator=r",
					  ";estimator=r", "MAN;", "ic=x", "ic=", "ic=aicc;MAN;ANN"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		opts.spec = bad[i];
		caspian_error_init(&err);
		int rc = caspian_fc_run(ets, airmiles, 24, &opts, 2, NULL, 0, mean, NULL, NULL,
					NULL, &err);
		if (rc != CASPIAN_EPARSE)
			fail_msg("ets:%s gave %d, expected a parse error", bad[i], rc);
		assert_non_null(strstr(err.msg, "ets"));
	}
}

/*
 * The ic variant chooses what selection minimises, as forecast::ets's ic
 * argument (R 4.2.2, forecast 8.20; options(digits = 15)):
 *   ets(USAccDeaths, ic = "aic")$method                        # ETS(M,Ad,M)
 *   ets(USAccDeaths)$method, ets(USAccDeaths, ic = "bic")$method  # ETS(A,N,A)
 *   fit <- ets(mdeaths, ic = "bic"); fit$method                # ETS(M,N,M)
 *   forecast(fit, h = 3, PI = FALSE)$mean
 *     1897.81770387490 1899.36890850259 1742.82827912118
 *   ets(mdeaths)$method                                         # ETS(M,A,A)
 * With estimator=r caspian makes R's fits, so the same choices follow (the
 * ETS(M,Ad,M) fit of USAccDeaths ends a little away from R's, its forecasts
 * within 2e-5, so only its choice is compared).
 */
static void test_forecast_ets_ic_variant(void **state)
{
	(void)state;
	static const struct {
		const char *spec;
		const double *y;
		const char *model;
		double mean[3];
	} want[] = {
		{"estimator=r;ic=aic", usaccdeaths, "ETS(M,Ad,M)", {NAN, NAN, NAN}},
		{"estimator=r;ic=bic", usaccdeaths, "ETS(A,N,A)", {NAN, NAN, NAN}},
		{"ic=aicc;estimator=r", usaccdeaths, "ETS(A,N,A)", {NAN, NAN, NAN}},
		{"estimator=r;ic=bic", mdeaths, "ETS(M,N,M)",
		 {1897.81770387490, 1899.36890850259, 1742.82827912118}},
		{"estimator=r", mdeaths, "ETS(M,A,A)", {NAN, NAN, NAN}},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct caspian_fc_opts opts = {.season = 12, .spec = want[i].spec};
		struct caspian_fc_model *m = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_fc_fit(method("ets"), want[i].y, 72, &opts, &m, &err),
				 CASPIAN_OK);
		struct caspian_fc_details d;
		caspian_fc_describe(m, &d);
		if (strcmp(d.model, want[i].model) != 0)
			fail_msg("ets:%s chose %s, R chooses %s", want[i].spec, d.model,
				 want[i].model);
		double mean[3];
		assert_int_equal(caspian_fc_forecast(m, 3, NULL, 0, mean, NULL, NULL, &err),
				 CASPIAN_OK);
		for (size_t j = 0; j < 3 && !isnan(want[i].mean[0]); j++)
			assert_close(mean[j], want[i].mean[j], 1e-8, 0);
		caspian_fc_free(m);
	}
}

/* ---- degenerate input --------------------------------------------------------- */

static void test_forecast_constant_series_gives_flat_forecasts(void **state)
{
	(void)state;
	double y[20];
	for (size_t i = 0; i < 20; i++)
		y[i] = 2.385;
	/* Every method of the table fits a constant (positive) series and returns
	 * 2.385 with finite, ordered intervals (zero width for the lag walks). */
	for (size_t k = 0; caspian_methods[k]; k++) {
		const struct caspian_method *m = caspian_methods[k];
		struct caspian_fc_opts opts = {.season = 4};
		double mean[5], lo[10], hi[10];
		struct caspian_error err;
		caspian_error_init(&err);
		int rc = caspian_fc_run(m, y, 20, &opts, 5, levels_80_95, 2, mean, lo, hi, NULL,
					&err);
		if (rc != CASPIAN_OK)
			fail_msg("%s on a constant series: %s", m->name, err.msg);
		for (size_t i = 0; i < 5; i++) {
			assert_close(mean[i], 2.385, 1e-9, 0);
			assert_true(lo[5 + i] <= lo[i] && hi[i] <= hi[5 + i]);
		}
	}
	double mean[2], lo[2], hi[2], level = 95;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("naive"), y, 20, NULL, 2, &level, 1, mean, lo, hi,
					NULL, &err),
			 CASPIAN_OK);
	assert_close(lo[1], 2.385, 0, 0);
	assert_close(hi[1], 2.385, 0, 0);
}

static void test_forecast_too_few_observations(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		size_t n; /* one fewer than the method needs */
	} cases[] = {
		{"naive", 1}, {"mean", 1},  {"drift", 2},  {"cagr", 2},
		{"trend", 2}, {"logtrend", 2}, {"theta", 2}, {"otheta", 2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double mean[1];
		struct caspian_error err;
		caspian_error_init(&err);
		int rc = caspian_fc_run(method(cases[i].name), airmiles, cases[i].n, NULL, 1, NULL,
					0, mean, NULL, NULL, NULL, &err);
		if (rc != CASPIAN_EINVAL)
			fail_msg("%s with %zu values returned %d (%s)", cases[i].name, cases[i].n,
				 rc, err.msg);
		assert_non_null(strstr(err.msg, "at least"));
		caspian_error_init(&err);
		assert_int_equal(caspian_fc_run(method(cases[i].name), airmiles, cases[i].n + 1,
						NULL, 1, NULL, 0, mean, NULL, NULL, NULL, &err),
				 CASPIAN_OK);
	}
	/* snaive needs one full season plus a value: m + 1. */
	double mean[1];
	struct caspian_fc_opts opts = {.season = 12};
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("snaive"), usaccdeaths, 12, &opts, 1, NULL, 0,
					mean, NULL, NULL, NULL, &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "snaive needs at least 13 observations (got 12)"));
	/* hw needs a seasonal period at all. */
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("hw"), usaccdeaths, 72, NULL, 1, NULL, 0, mean,
					NULL, NULL, NULL, &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "seasonal period"));
	/* An empty series. */
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("naive"), airmiles, 0, NULL, 1, NULL, 0, mean,
					NULL, NULL, NULL, &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "empty"));
}

static void test_forecast_all_missing_is_an_error(void **state)
{
	(void)state;
	double y[6] = {NAN, NAN, NAN, NAN, NAN, NAN};
	for (size_t k = 0; caspian_methods[k]; k++) {
		double mean[1];
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_fc_run(caspian_methods[k], y, 6, NULL, 1, NULL, 0, mean,
						NULL, NULL, NULL, &err),
				 CASPIAN_EDOM);
		assert_non_null(strstr(err.msg, "every value of the series is missing"));
	}
}

static void test_forecast_log_methods_refuse_nonpositive(void **state)
{
	(void)state;
	double y[6] = {3.1, 2.385, -0.5, 4.2, 5.0, 6.1};
	static const char *const names[] = {"cagr", "logtrend"};
	for (size_t i = 0; i < 2; i++) {
		double mean[1];
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_fc_run(method(names[i]), y, 6, NULL, 1, NULL, 0, mean,
						NULL, NULL, NULL, &err),
				 CASPIAN_EDOM);
		assert_non_null(strstr(err.msg, "positive values; value 3 is -0.5"));
	}
	/* Zero counts as non-positive too. */
	y[2] = 0;
	double mean[1];
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("cagr"), y, 6, NULL, 1, NULL, 0, mean, NULL, NULL,
					NULL, &err),
			 CASPIAN_EDOM);
}

/* ---- missing values -------------------------------------------------------------- */

static void test_forecast_missing_values_policy(void **state)
{
	(void)state;
	double y[7] = {NAN, 1, 2, NAN, 4, 5, NAN};
	double mean[2], lo[2], hi[2], level = 95;
	struct caspian_error err;
	caspian_error_init(&err);

	/* naive: the ends are dropped (values 1, 2, NaN, 4, 5).  Differences:
	 * 2-1 = 1 over one step, 4-2 = 2 over two steps, 5-4 = 1: sigma^2 =
	 * (1 + 2^2/2 + 1) / 3 = 4/3.  The trailing gap is a forecast step, so the
	 * first period asked for is 2 steps after the value 5: se = sqrt(2 * 4/3). */
	assert_int_equal(caspian_fc_run(method("naive"), y, 7, NULL, 2, &level, 1, mean, lo, hi,
					NULL, &err),
			 CASPIAN_OK);
	double z = gsl_cdf_ugaussian_Pinv(0.975);
	assert_close(mean[0], 5, 0, 0);
	assert_close(hi[0], 5 + z * sqrt(2 * 4.0 / 3), 1e-14, 0);
	assert_close(hi[1], 5 + z * sqrt(3 * 4.0 / 3), 1e-14, 0);

	/* mean: of 1, 2, 4, 5 = 3, sd = sqrt(10/3), t with 3 degrees of freedom. */
	assert_int_equal(caspian_fc_run(method("mean"), y, 7, NULL, 1, &level, 1, mean, lo, hi,
					NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 3, 1e-15, 0);
	assert_close(hi[0], 3 + gsl_cdf_tdist_Pinv(0.975, 3) * sqrt(10.0 / 3) * sqrt(1.25),
		     1e-14, 0);

	/* trend: 1, 2, 4, 5 at t = 1, 2, 4, 5 (after trimming) lie on y = t, so the
	 * forecast at t = 7 (one past the trailing gap) is 7 with zero width. */
	assert_int_equal(caspian_fc_run(method("trend"), y, 7, NULL, 1, &level, 1, mean, lo, hi,
					NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 7, 1e-13, 0);
	assert_close(hi[0] - lo[0], 0, 0, 1e-12);

	/* theta cannot take the interior gap and says which value is missing
	 * (counted in the series as given). */
	assert_int_equal(caspian_fc_run(method("theta"), y, 7, NULL, 1, &level, 1, mean, lo, hi,
					NULL, &err),
			 CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "theta cannot handle missing values (value 4"));
}

static void test_forecast_levels_are_checked(void **state)
{
	(void)state;
	double mean[1], lo[1], hi[1];
	static const double bad[] = {0, 100, -5, 120, NAN};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_fc_run(method("naive"), airmiles, 24, NULL, 1, &bad[i], 1,
						mean, lo, hi, NULL, &err),
				 CASPIAN_EINVAL);
		assert_non_null(strstr(err.msg, "not between 0 and 100"));
	}
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("naive"), airmiles, 24, NULL, 0, NULL, 0, mean,
					NULL, NULL, NULL, &err),
			 CASPIAN_EINVAL);
}

/* ---- auto ------------------------------------------------------------------------- */

static void test_forecast_auto_reports_its_choice(void **state)
{
	(void)state;
	struct caspian_fc_opts opts = {.season = 12};
	struct caspian_fc_details d;
	double mean[3], lo[3], hi[3], level = 95;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_run(method("auto"), usaccdeaths, 72, &opts, 3, &level, 1,
					mean, lo, hi, &d, &err),
			 CASPIAN_OK);
	/* Long enough to validate: theta and snaive are scored and listed, and
	 * the choice follows the scores (comb unless snaive's MAE is lower). */
	const char *pt = strstr(d.params, "mae[theta]="), *ps = strstr(d.params, "mae[snaive]=");
	assert_non_null(pt);
	assert_non_null(ps);
	double mae_theta = strtod(pt + strlen("mae[theta]="), NULL);
	double mae_snaive = strtod(ps + strlen("mae[snaive]="), NULL);
	assert_true(mae_theta > 0 && mae_snaive > 0);
	assert_non_null(strstr(d.params, mae_snaive < mae_theta ? "chosen=snaive" : "chosen=comb"));
	/* Six values are too few to validate and for any seasonal model: the AICc
	 * choice stands and nothing is validated. */
	assert_int_equal(caspian_fc_run(method("auto"), airmiles, 6, NULL, 3, &level, 1, mean,
					lo, hi, &d, &err),
			 CASPIAN_OK);
	assert_non_null(strstr(d.params, "chosen=ets"));
	assert_null(strstr(d.params, "mae["));
}


/* ---- comb -------------------------------------------------------------------------- */

/*
 * The small annual series of the CLI tests, x = 10, 12, 11, 13, with member
 * forecasts worked out by hand (docs/forecast.md formulas):
 *   naive  13,   95% bounds 13 -+ 1.959964 sqrt(3 h)      (sigma^2 = 9/3 = 3)
 *   mean   11.5, 95% bounds 11.5 -+ 3.182446 sqrt(5/3) sqrt(5/4) = -+ 4.593466
 *   drift  13 + h (b = 1), 95% bounds -+ 1.959964 sqrt(3 h + h^2)
 */
static const double small4[4] = {10, 12, 11, 13};
#define Z95 1.959963984540054 /* qnorm(0.975) */
#define T3_95 3.182446305284263 /* qt(0.975, 3) */

static void test_forecast_comb_is_mean_and_median_of_members(void **state)
{
	(void)state;
	double mean[2], lo[2], hi[2], level = 95;
	struct caspian_error err;
	caspian_error_init(&err);
	struct caspian_fc_opts opts = {.spec = "methods=naive,mean,drift;intervals=mean"};
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 2, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_OK);
	/* h = 1: (13 + 11.5 + 14) / 3 = 12.833333; h = 2: (13 + 11.5 + 15) / 3. */
	assert_close(mean[0], 38.5 / 3, 1e-12, 0);
	assert_close(mean[1], 39.5 / 3, 1e-12, 0);
	/* Mean of the bounds at h = 1: lo (9.605240 + 6.906534 + 10.080072) / 3,
	 * hi (16.394760 + 16.093466 + 17.919928) / 3. */
	double hw_mean = T3_95 * sqrt(5.0 / 3) * sqrt(1.25);
	assert_close(lo[0], (13 - Z95 * sqrt(3) + 11.5 - hw_mean + 14 - Z95 * 2) / 3, 1e-9, 0);
	assert_close(hi[0], (13 + Z95 * sqrt(3) + 11.5 + hw_mean + 14 + Z95 * 2) / 3, 1e-9, 0);

	opts.spec = "methods=naive,mean,drift;how=median";
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 2, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 13, 1e-12, 0); /* median of 13, 11.5, 14 */
	assert_close(mean[1], 13, 1e-12, 0); /* median of 13, 11.5, 15 */
	/* Two members: the median is their mean. */
	opts.spec = "methods=naive,drift;how=median";
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 13.5, 1e-12, 0);
}

static void test_forecast_comb_trimmed_mean(void **state)
{
	(void)state;
	double mean[2], lo[2], hi[2], level = 95;
	struct caspian_error err;
	caspian_error_init(&err);
	/* On small4 the five members forecast, by hand:
	 *   naive 13, 13;  mean 11.5, 11.5;  drift 14, 15;
	 *   trend (OLS on t = 1..4: b = 4/5 = 0.8, a = 11.5 - 2.5 b = 9.5) 13.5, 14.3;
	 *   cagr 13 (13/10)^(h/3): 14.188..., 15.484...
	 * The trimmed mean leaves out the lowest and the highest:
	 *   h = 1: (13 + 13.5 + 14) / 3 = 13.5;  h = 2: (13 + 14.3 + 15) / 3 = 14.1
	 * (the median at h = 2 is 14.3, the mean 13.857). */
	struct caspian_fc_opts opts = {.spec = "methods=naive,mean,drift,trend,cagr;how=trimmed"};
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 2, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 13.5, 1e-12, 0);
	assert_close(mean[1], 14.1, 1e-12, 0);
	/* Two members: nothing to trim, the mean. */
	opts.spec = "methods=naive,drift;how=trimmed";
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 13.5, 1e-12, 0);
}

/* A weekly season's 52 factors all fit in the parameters (512 bytes cut
 * them after s34); a cut would end in "...". */
static void test_forecast_describe_weekly_season(void **state)
{
	(void)state;
	double y[300];
	for (size_t t = 0; t < 300; t++)
		y[t] = 100 + 10 * sin(2 * acos(-1.0) * (double)t / 52) + 0.1 * (double)t;
	struct caspian_fc_opts opts = {.season = 52};
	struct caspian_fc_model *m = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_fc_fit(method("theta"), y, 300, &opts, &m, &err), CASPIAN_OK);
	struct caspian_fc_details d;
	caspian_fc_describe(m, &d);
	assert_string_equal(d.model, "Theta (seasonally adjusted, m=52)");
	assert_non_null(strstr(d.params, " s51="));
	assert_non_null(strstr(d.params, " s52="));
	assert_null(strstr(d.params, "..."));
	caspian_fc_free(m);
}

static void test_forecast_comb_defaults_by_period(void **state)
{
	(void)state;
	/* The validated defaults (docs/forecast.md): which members, how, which
	 * intervals, per seasonal period and, without a season, per length (the
	 * long default from 50 values on). */
	static const struct {
		size_t m, n;
		const char *model, *iv;
	} want[] = {
		{1, 24, "Median of arima,theta,drift,ets:ZAdZ", "intervals=envelope"},
		{1, 49, "Median of arima,theta,drift,ets:ZAdZ", "intervals=envelope"},
		{1, 50, "Mean of arima,theta,ets,ets:ZAdZ", "intervals=mixture"},
		{1, 72, "Mean of arima,theta,ets,ets:ZAdZ", "intervals=mixture"},
		{4, 72, "Median of ets:estimator=r,ets:sa,arima,naive,hw,ets:MAdM", "intervals=mean"},
		{12, 72, "Median of ets:estimator=r,arima:lambda=auto,theta,snaive", "intervals=mean"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct caspian_fc_opts opts = {.season = want[i].m};
		struct caspian_fc_model *m = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(caspian_fc_fit(method("comb"), usaccdeaths, want[i].n, &opts, &m,
						&err),
				 CASPIAN_OK);
		struct caspian_fc_details d;
		caspian_fc_describe(m, &d);
		assert_string_equal(d.model, want[i].model);
		assert_non_null(strstr(d.params, want[i].iv));
		caspian_fc_free(m);
	}
}

static void test_forecast_comb_intervals(void **state)
{
	(void)state;
	double mean[1], lo[1], hi[1], level = 95;
	struct caspian_error err;
	caspian_error_init(&err);
	/* Envelope of naive and drift at h = 1: [9.605240, 17.919928]. */
	struct caspian_fc_opts opts = {.spec = "methods=naive,drift;intervals=envelope"};
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_OK);
	assert_close(lo[0], 13 - Z95 * sqrt(3), 1e-9, 0);
	assert_close(hi[0], 14 + Z95 * 2, 1e-9, 0);
	/* Mixture: naive is N(13, 3), drift N(14, 4) at h = 1 (sd sqrt(3 + 1));
	 * the bounds are where the mixture CDF (Phi((x-13)/sqrt 3) +
	 * Phi((x-14)/2)) / 2 is 0.025 and 0.975, checked with GSL's Phi. */
	opts.spec = "methods=naive,drift;intervals=mixture";
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_OK);
	double cdf_lo = (gsl_cdf_ugaussian_P((lo[0] - 13) / sqrt(3)) +
			 gsl_cdf_ugaussian_P((lo[0] - 14) / 2)) / 2;
	double cdf_hi = (gsl_cdf_ugaussian_P((hi[0] - 13) / sqrt(3)) +
			 gsl_cdf_ugaussian_P((hi[0] - 14) / 2)) / 2;
	assert_close(cdf_lo, 0.025, 1e-6, 0);
	assert_close(cdf_hi, 0.975, 1e-6, 0);
	assert_close(mean[0], 13.5, 1e-12, 0);
}

static void test_forecast_comb_member_failure(void **state)
{
	(void)state;
	double mean[1], lo[1], hi[1], level = 95;
	struct caspian_fc_details d;
	struct caspian_error err;
	caspian_error_init(&err);
	/* theta refuses an interior missing value: comb is naive's forecast alone
	 * (naive carries the last value, 13) and says theta failed. */
	const double gap[5] = {10, 12, NAN, 11, 13};
	struct caspian_fc_opts opts = {.spec = "methods=theta,naive"};
	assert_int_equal(caspian_fc_run(method("comb"), gap, 5, &opts, 1, &level, 1, mean, lo,
					hi, &d, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 13, 1e-12, 0);
	assert_non_null(strstr(d.params, "theta=failed"));
	assert_string_equal(d.model, "Mean of naive");
	/* A member may carry its variant: arima:order=0 is not a valid order. */
	opts.spec = "methods=naive,arima:order=0";
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, &d, &err),
			 CASPIAN_OK);
	assert_close(mean[0], 13, 1e-12, 0);
	assert_non_null(strstr(d.params, "arima:order=0=failed"));
	opts.spec = "methods=naive,ets:ANN";
	assert_int_equal(caspian_fc_run(method("comb"), airmiles, 24, &opts, 1, &level, 1,
					mean, lo, hi, &d, &err),
			 CASPIAN_OK);
	assert_non_null(strstr(d.params, "ets:ANN=ETS(A,N,N)"));
	/* Every member fails (cagr and logtrend need positive values): an error. */
	const double neg[4] = {-1, 2, 3, 4};
	opts.spec = "methods=cagr,logtrend";
	assert_int_equal(caspian_fc_run(method("comb"), neg, 4, &opts, 1, &level, 1, mean, lo,
					hi, NULL, &err),
			 CASPIAN_EDOM);
	assert_non_null(strstr(err.msg, "every member failed"));
	/* Bad variants. */
	opts.spec = "methods=auto";
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_EINVAL);
	opts.spec = "methods=nosuch";
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_ENOTFOUND);
	opts.spec = "how=mode";
	assert_int_equal(caspian_fc_run(method("comb"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_EINVAL);
}

/* ---- arima through the table --------------------------------------------------------- */

/*
 * A variant is ';'-separated key=value items; each item that is not one
 * the method knows is refused by name, and an empty item or one without
 * '=' is refused too.  A trailing ';' ends the list.
 */
static void test_forecast_variant_items(void **state)
{
	(void)state;
	static const struct {
		const char *method, *spec, *item; /* item: NULL = the variant is good */
	} cases[] = {
		{"arima", "order=0,1,0;", NULL},
		{"arima", "order=0,1,0;constant=0", NULL},
		{"arima", "order", "'order'"},
		{"arima", "order=0,1,0;;constant=0", "''"},
		{"arima", "constant=2", "'constant=2'"},
		{"arima", "order=0,1,0;biasadj=", "'biasadj='"},
		{"arima", "orders=0,1,0", "'orders=0,1,0'"},
		{"comb", "methods=naive,drift;", NULL},
		{"comb", "how=median;intervals=mean", NULL},
		{"comb", "how=mode", "'how=mode'"},
		{"comb", "how=mean;intervals", "'intervals'"},
		{"comb", "how=mean;interval=mean", "'interval=mean'"},
		{"comb", ";how=mean", "''"},
	};
	double mean[1];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct caspian_fc_opts opts = {.spec = cases[i].spec};
		struct caspian_error err;
		caspian_error_init(&err);
		int rc = caspian_fc_run(method(cases[i].method), small4, 4, &opts, 1, NULL, 0, mean,
					NULL, NULL, NULL, &err);
		if (!cases[i].item) {
			if (rc != CASPIAN_OK)
				fail_msg("%s:%s: %d %s", cases[i].method, cases[i].spec, rc, err.msg);
			continue;
		}
		char want[64];
		snprintf(want, sizeof(want), "bad variant item %s", cases[i].item);
		if (rc != CASPIAN_EINVAL || !strstr(err.msg, want))
			fail_msg("%s:%s: %d '%s', expected \"%s\"", cases[i].method, cases[i].spec, rc,
				 err.msg, want);
	}
}

/*
 * caspian_fc_check_spec tells a bad variant without data: it refuses what
 * the fit refuses on any series (the same message) and accepts the rest.
 * airmiles (24 values, taken as quarterly) fits every good variant below.
 */
static void test_forecast_check_spec(void **state)
{
	(void)state;
	static const struct {
		const char *method, *spec, *msg; /* msg: part of the message; NULL = good */
	} cases[] = {
		{"naive", NULL, NULL},
		{"naive", "", NULL},
		{"naive", "sa", NULL},
		{"naive", "x", "method naive takes no variant (got 'x')"},
		{"drift", "sa;x", "method drift takes no variant (got 'x')"},
		{"theta", "lines", NULL},
		{"theta", "foo", "method theta: unknown variant 'foo'"},
		{"theta", "sa", "adjusts for seasonality itself"},
		{"ets", "MAdN;estimator=r;ic=bic", NULL},
		{"ets", "ic=x", "ets: ic must be aicc, aic or bic"},
		{"ets", "estimator=q", "ets: estimator must be ml or r"},
		{"ets", "QQQ", "'QQQ' is not an ETS model"},
		{"ets", "MAN;ANN", "ets: expected MODEL"},
		{"hw", "additive", NULL},
		{"hw", "both", "method hw takes 'additive' or 'multiplicative'"},
		{"arima", "order=0,1,1;lambda=auto", NULL},
		{"arima", "order=a", "arima: bad variant item 'order=a'"},
		{"arima", "seasonal=0,1,1", "arima: a seasonal order needs the order too"},
		{"comb", "methods=naive,ets:ic=bic,theta:lines;how=median", NULL},
		{"comb", "how=mode", "comb: bad variant item 'how=mode'"},
		{"comb", "methods=naive,ets:ic=x",
		 "comb: member ets:ic=x: ets: ic must be aicc, aic or bic"},
		{"comb", "methods=naive,theta:foo", "comb: member theta:foo: method theta: unknown"},
		{"comb", "methods=naive,nope", "comb: unknown member method 'nope'"},
		{"comb", "sa", "give ':sa' to its members instead"},
		{"auto", "x", "method auto takes no variant (got 'x')"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct caspian_method *m = method(cases[i].method);
		struct caspian_error err;
		caspian_error_init(&err);
		int rc = caspian_fc_check_spec(m, cases[i].spec, &err);
		if ((rc == CASPIAN_OK) != (cases[i].msg == NULL) ||
		    (cases[i].msg && !strstr(err.msg, cases[i].msg)))
			fail_msg("check %s:%s gave %d '%s'", cases[i].method,
				 cases[i].spec ? cases[i].spec : "(null)", rc, err.msg);
		/* The fit agrees, with the same message for a bad variant, except
		 * that comb fits without a member whose variant is bad. */
		if (strcmp(cases[i].method, "comb") == 0 && cases[i].msg &&
		    strstr(cases[i].msg, "member"))
			continue;
		struct caspian_fc_opts opts = {.season = 4, .spec = cases[i].spec};
		struct caspian_fc_model *fit = NULL;
		struct caspian_error fit_err;
		caspian_error_init(&fit_err);
		int fit_rc = caspian_fc_fit(m, airmiles, 24, &opts, &fit, &fit_err);
		caspian_fc_free(fit);
		if (fit_rc != rc || (rc && strcmp(fit_err.msg, err.msg) != 0))
			fail_msg("fit %s:%s gave %d '%s', check %d '%s'", cases[i].method,
				 cases[i].spec ? cases[i].spec : "(null)", fit_rc, fit_err.msg, rc,
				 err.msg);
	}
}

static void test_forecast_arima_spec(void **state)
{
	(void)state;
	double mean[1], lo[1], hi[1], level = 95;
	struct caspian_fc_details d;
	struct caspian_error err;
	caspian_error_init(&err);
	/* ARIMA(0,1,0) without drift is the naive method with sigma^2 about 3:
	 * R: f <- Arima(c(10,12,11,13), order = c(0,1,0)); f$sigma2 is
	 * 3.00003333331149 (the diffuse start of the filter adds the 3e-5) and
	 * forecast(f, h = 1, level = 95) gives 13 [9.605223938074, 16.394776061926]. */
	struct caspian_fc_opts opts = {.spec = "order=0,1,0"};
	assert_int_equal(caspian_fc_run(method("arima"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, &d, &err),
			 CASPIAN_OK);
	assert_non_null(strstr(d.model, "ARIMA(0,1,0)"));
	assert_close(mean[0], 13, 1e-9, 0);
	assert_close(lo[0], 9.605223938074, 1e-9, 0);
	assert_close(hi[0], 16.394776061926, 1e-9, 0);
	opts.spec = "order=1,1";
	assert_int_equal(caspian_fc_run(method("arima"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_EINVAL);
	opts.spec = "seasonal=0,1,1";
	assert_int_equal(caspian_fc_run(method("arima"), small4, 4, &opts, 1, &level, 1, mean,
					lo, hi, NULL, &err),
			 CASPIAN_EINVAL);
	opts.spec = "order=0,1,0;lambda=0";
	const double neg[4] = {-1, 2, 3, 4};
	assert_int_equal(caspian_fc_run(method("arima"), neg, 4, &opts, 1, &level, 1, mean, lo,
					hi, NULL, &err),
			 CASPIAN_EDOM);
}

/* ---- backtest ------------------------------------------------------------------------ */

static void test_forecast_backtest_by_hand(void **state)
{
	(void)state;
	/* y = 1..10.  Origins 8 and 9 with h = 1: naive forecasts 8 and 9 for 9 and
	 * 10, errors 1 and 1: MAE = RMSE = 1, MAPE = (100/9 + 100/10) / 2,
	 * sMAPE = (200/17 + 200/19) / 2, MASE = 1 (in-sample naive MAE is 1).  The
	 * naive sigma is 1 (root mean square step), so the 50% interval 8 +- 0.674
	 * misses 9: coverage 0.  Drift is exact (sigma 0): MAE 0, coverage 100. */
	double y[10];
	for (size_t i = 0; i < 10; i++)
		y[i] = (double)(i + 1);
	const struct caspian_method *ms[2] = {method("naive"), method("drift")};
	struct caspian_bt_metrics out[2];
	double level = 50;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_backtest(y, 10, NULL, ms, NULL, 2, 1, 2, &level, 1, out, &err),
			 CASPIAN_OK);
	assert_int_equal(out[0].points, 2);
	assert_int_equal(out[0].origins, 2);
	assert_int_equal(out[0].failed, 0);
	assert_close(out[0].mae, 1, 1e-15, 0);
	assert_close(out[0].rmse, 1, 1e-15, 0);
	assert_close(out[0].mape, (100.0 / 9 + 100.0 / 10) / 2, 1e-14, 0);
	assert_close(out[0].smape, (200.0 / 17 + 200.0 / 19) / 2, 1e-14, 0);
	assert_close(out[0].mase, 1, 1e-15, 0);
	assert_close(out[0].coverage[0], 0, 0, 0);
	assert_close(out[1].mae, 0, 0, 1e-12);
	assert_close(out[1].coverage[0], 100, 0, 0);
	/* Too short for the request: the message says what is needed. */
	assert_int_equal(caspian_backtest(y, 10, NULL, ms, NULL, 2, 5, 4, &level, 1, out, &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "needs at least 11 observations (the series has 10)"));
}

static void test_forecast_backtest_counts_failures(void **state)
{
	(void)state;
	/* cagr cannot fit a series with a non-positive value: every origin fails
	 * and is counted, the measures are NaN, and the call still succeeds. */
	double y[12] = {5, 4, 0, 3, 4, 5, 6, 7, 8, 9, 10, 11};
	const struct caspian_method *ms[1] = {method("cagr")};
	struct caspian_bt_metrics out[1];
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_backtest(y, 12, NULL, ms, NULL, 1, 2, 3, NULL, 0, out, &err),
			 CASPIAN_OK);
	assert_int_equal(out[0].failed, 3);
	assert_int_equal(out[0].first_error, CASPIAN_EDOM);
	assert_true(isnan(out[0].mae));
	/* The MASE scale: mean |y[t] - y[t-1]| of 5, 4, 0, 3 = (1 + 4 + 3) / 3. */
	assert_close(caspian_fc_scale(y, 4, 1), 8.0 / 3, 1e-15, 0);
	assert_true(isnan(caspian_fc_scale(y, 1, 1)));
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forecast_naive_matches_r),
		cmocka_unit_test(test_forecast_drift_matches_r),
		cmocka_unit_test(test_forecast_mean_matches_r),
		cmocka_unit_test(test_forecast_cagr_matches_r_log_drift),
		cmocka_unit_test(test_forecast_trend_matches_r_tslm),
		cmocka_unit_test(test_forecast_logtrend_matches_r_tslm),
		cmocka_unit_test(test_forecast_theta_matches_r_thetaf),
		cmocka_unit_test(test_forecast_theta_lines_matches_r),
		cmocka_unit_test(test_forecast_snaive_matches_r),
		cmocka_unit_test(test_forecast_theta_seasonal_matches_r_points),
		cmocka_unit_test(test_forecast_ses_matches_r_points),
		cmocka_unit_test(test_forecast_table_lists_every_method),
		cmocka_unit_test(test_forecast_one_observation_refused),
		cmocka_unit_test(test_forecast_parse_name_and_spec),
		cmocka_unit_test(test_forecast_ets_estimator_variant),
		cmocka_unit_test(test_forecast_ets_ic_variant),
		cmocka_unit_test(test_forecast_check_spec),
		cmocka_unit_test(test_forecast_seasonal_adjustment),
		cmocka_unit_test(test_forecast_constant_series_gives_flat_forecasts),
		cmocka_unit_test(test_forecast_too_few_observations),
		cmocka_unit_test(test_forecast_all_missing_is_an_error),
		cmocka_unit_test(test_forecast_log_methods_refuse_nonpositive),
		cmocka_unit_test(test_forecast_missing_values_policy),
		cmocka_unit_test(test_forecast_levels_are_checked),
		cmocka_unit_test(test_forecast_auto_reports_its_choice),
		cmocka_unit_test(test_forecast_comb_is_mean_and_median_of_members),
		cmocka_unit_test(test_forecast_comb_intervals),
		cmocka_unit_test(test_forecast_comb_trimmed_mean),
		cmocka_unit_test(test_forecast_describe_weekly_season),
		cmocka_unit_test(test_forecast_comb_defaults_by_period),
		cmocka_unit_test(test_forecast_comb_member_failure),
		cmocka_unit_test(test_forecast_variant_items),
		cmocka_unit_test(test_forecast_arima_spec),
		cmocka_unit_test(test_forecast_backtest_by_hand),
		cmocka_unit_test(test_forecast_backtest_counts_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
