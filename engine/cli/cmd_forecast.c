/*
 * cmd_forecast.c - caspian forecast: project series forward with intervals.
 *
 * Series are fitted in parallel (OpenMP); each result depends only on its own
 * series, and rows are written in series order, so the output is the same
 * for any number of threads.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/forecast.h"
#include "caspian/output.h"
#include "cli.h"
#include "fc_cli.h"

static const char usage[] =
	"usage: caspian forecast SERIES|GLOB... (--h N | --to P) [--method M]\n"
	"                        [--level L,...] [--season N] [--seed S] [--details]\n"
	"                        [--order p,d,q [--seasonal-order P,D,Q]] [--lambda auto|L]\n"
	"                        [--methods A,B,... [--how mean|median|trimmed]]\n"
	"                        [--format table|csv|json] [--file F [--wide]]\n"
	"                        [--shard I/N]\n\n"
	"Forecast each series for the N periods after its last period (or up to\n"
	"period P) with prediction intervals at the levels given in percent\n"
	"(default 80,95).  With --file F and no SERIES, every series of the file.\n\n"
	"  --method M    a method of the list below, or ets:MODEL (ets:MAdM),\n"
	"                hw:additive, hw:multiplicative, theta:lines, or NAME:sa\n"
	"                (NAME on the seasonally adjusted series) (default auto)\n"
	"  --season N    seasonal period (default: 4 quarterly, 12 monthly, 52 weekly,\n"
	"                7 daily, 1 annual)\n"
	"  --seed S      seed of simulated intervals (default 20260101)\n"
	"  --details     also print the fitted model and its parameters\n"
	"  --order p,d,q, --seasonal-order P,D,Q\n"
	"                arima: fit this order instead of choosing one\n"
	"  --lambda auto|L  arima: Box-Cox transform (auto: Guerrero's choice)\n"
	"  --methods A,B,...  comb: the members (default: by season and length)\n"
	"  --how mean|median|trimmed\n"
	"                     comb: how point forecasts combine (trimmed: the mean\n"
	"                     without the lowest and highest; default mean with\n"
	"                     --methods, else by season and length)\n\n"
	"A series that cannot be forecast is reported on stderr and the others\n"
	"are still printed; the exit status is then 3.\n"
	CLI_SHARD_USAGE "\n"
	"Methods:\n";

enum {
	OPT_TO = CLI_OPT_FIRST_FREE,
	OPT_METHOD,
	OPT_DETAILS,
	OPT_ORDER,
	OPT_SORDER,
	OPT_LAMBDA,
	OPT_MEMBERS,
	OPT_HOW
};

/* Options that add KEY=VALUE items to the spec of arima or comb. */
struct spec_opts {
	const char *order, *sorder, *lambda, *members, *how;
	char buf[512];
};

/*
 * Append the items of the method-specific options to the spec of --method
 * (NAME:SPEC); each option belongs to one method.  0, or a usage error.
 */
static int build_spec(struct cli_ctx *ctx, const struct caspian_method *m,
		      struct spec_opts *so, const char **spec)
{
	const char *arima_opt = so->order ? "--order" : so->sorder ? "--seasonal-order"
					       : so->lambda ? "--lambda" : NULL;
	const char *comb_opt = so->members ? "--methods" : so->how ? "--how" : NULL;
	if (arima_opt && strcmp(m->name, "arima") != 0)
		return cli_usage(ctx, "forecast", "%s applies to --method arima only", arima_opt);
	if (comb_opt && strcmp(m->name, "comb") != 0)
		return cli_usage(ctx, "forecast", "%s applies to --method comb only", comb_opt);
	if (so->sorder && !so->order)
		return cli_usage(ctx, "forecast", "--seasonal-order needs --order p,d,q");
	if (!arima_opt && !comb_opt)
		return 0;
	int len = snprintf(so->buf, sizeof(so->buf), "%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s",
			   *spec ? *spec : "", *spec && **spec ? ";" : "",
			   so->order ? "order=" : "", so->order ? so->order : "",
			   so->order ? ";" : "", so->sorder ? "seasonal=" : "",
			   so->sorder ? so->sorder : "", so->sorder ? ";" : "",
			   so->lambda ? "lambda=" : "", so->lambda ? so->lambda : "",
			   so->lambda ? ";" : "", so->members ? "methods=" : "",
			   so->members ? so->members : "", so->members ? ";" : "",
			   so->how ? "how=" : "", so->how ? so->how : "");
	if (len < 0 || (size_t)len >= sizeof(so->buf))
		return cli_usage(ctx, "forecast", "method options too long");
	if (len > 0 && so->buf[len - 1] == ';')
		so->buf[len - 1] = '\0';
	*spec = so->buf;
	return 0;
}

struct fc_result {
	size_t h;
	long first; /* period of the first forecast */
	double *mean, *lo, *hi;
	int status;
	struct caspian_error err;
	struct caspian_fc_details det;
	int has_ic;
	struct caspian_fc_ic ic;
};

static void forecast_one(const struct caspian_series *s, const struct caspian_method *m,
			 const struct fc_cli_opts *fo, const double *levels, size_t nlevels,
			 struct fc_result *r)
{
	struct caspian_fc_opts opts = {0};
	struct caspian_fc_model *model = NULL;
	fc_cli_fit_opts(s, fo, &opts);
	r->mean = malloc(sizeof(double) * r->h * (1 + 2 * nlevels));
	if (!r->mean) {
		r->status = caspian_error_set(&r->err, CASPIAN_ENOMEM, "out of memory");
		return;
	}
	r->lo = r->mean + r->h;
	r->hi = r->mean + r->h * (1 + nlevels);
	r->status = caspian_fc_fit(m, s->values, s->n, &opts, &model, &r->err);
	if (r->status == CASPIAN_OK)
		r->status = caspian_fc_forecast(model, r->h, levels, nlevels, r->mean,
						nlevels ? r->lo : NULL, nlevels ? r->hi : NULL,
						&r->err);
	if (r->status == CASPIAN_OK) {
		caspian_fc_describe(model, &r->det);
		r->has_ic = caspian_fc_ic(model, &r->ic);
	}
	caspian_fc_free(model);
}

/* The horizon of each series from --h or --to; a bad --to fails that series. */
static void set_horizon(const struct caspian_series *s, long h, const char *to,
			struct fc_result *r)
{
	long end = caspian_series_end(s), p;
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	r->first = end + 1;
	if (!to) {
		r->h = (size_t)h;
		return;
	}
	if ((r->status = cli_period_for(s, to, &p, &r->err)))
		return;
	if (p <= end) {
		r->status = caspian_error_set(&r->err, CASPIAN_EINVAL,
					      "%s has periods up to %s: --to must come later",
					      s->name, cli_period_text(s->freq, end, buf));
		return;
	}
	r->h = (size_t)(p - end);
}

/* aicc, aic, bic and loglik from column col on; NA for a method without a likelihood. */
static void set_criteria(struct caspian_table *t, size_t col, const struct fc_result *r)
{
	caspian_table_set_number(t, col, r->has_ic ? r->ic.aicc : NAN);
	caspian_table_set_number(t, col + 1, r->has_ic ? r->ic.aic : NAN);
	caspian_table_set_number(t, col + 2, r->has_ic ? r->ic.bic : NAN);
	caspian_table_set_number(t, col + 3, r->has_ic ? r->ic.loglik : NAN);
}

static int write_forecasts(struct cli_ctx *ctx, const struct caspian_panel *p,
			   const struct fc_result *res, const char *method,
			   const struct fc_cli_levels *lv, int details, enum cli_format format,
			   struct caspian_error *err)
{
	struct caspian_column cols[5 + 2 * CASPIAN_BT_MAX_LEVELS + 8];
	size_t nc = 0;
	cols[nc++] = (struct caspian_column){"series", CASPIAN_COL_TEXT};
	cols[nc++] = (struct caspian_column){"period", CASPIAN_COL_PERIOD};
	cols[nc++] = (struct caspian_column){"forecast", CASPIAN_COL_NUMBER};
	for (size_t l = 0; l < lv->n; l++) {
		cols[nc++] = (struct caspian_column){lv->lo_name[l], CASPIAN_COL_NUMBER};
		cols[nc++] = (struct caspian_column){lv->hi_name[l], CASPIAN_COL_NUMBER};
	}
	/* CSV keeps one table: --details adds the model to every row. */
	int inline_details = details && format == CLI_FORMAT_CSV;
	size_t first_detail = nc;
	if (inline_details) {
		cols[nc++] = (struct caspian_column){"method", CASPIAN_COL_TEXT};
		cols[nc++] = (struct caspian_column){"model", CASPIAN_COL_TEXT};
		cols[nc++] = (struct caspian_column){"aicc", CASPIAN_COL_NUMBER};
		cols[nc++] = (struct caspian_column){"aic", CASPIAN_COL_NUMBER};
		cols[nc++] = (struct caspian_column){"bic", CASPIAN_COL_NUMBER};
		cols[nc++] = (struct caspian_column){"loglik", CASPIAN_COL_NUMBER};
		cols[nc++] = (struct caspian_column){"seed", CASPIAN_COL_INTEGER};
		cols[nc++] = (struct caspian_column){"params", CASPIAN_COL_TEXT};
	}
	struct caspian_table *t = caspian_table_alloc(cols, nc);
	if (!t)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	int rc = CASPIAN_OK;
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		const struct fc_result *r = &res[i];
		if (r->status)
			continue;
		for (size_t k = 0; rc == CASPIAN_OK && k < r->h; k++) {
			if ((rc = caspian_table_add_row(t, err)) ||
			    (rc = caspian_table_set_text_stable(t, 0, s->name, err)) ||
			    (rc = caspian_table_set_period(t, 1, s->freq, r->first + (long)k, err)))
				break;
			caspian_table_set_number(t, 2, r->mean[k]);
			for (size_t l = 0; l < lv->n; l++) {
				caspian_table_set_number(t, 3 + 2 * l, r->lo[l * r->h + k]);
				caspian_table_set_number(t, 4 + 2 * l, r->hi[l * r->h + k]);
			}
			if (!inline_details)
				continue;
			if ((rc = caspian_table_set_text(t, first_detail, method, err)) ||
			    (rc = caspian_table_set_text(t, first_detail + 1, r->det.model, err)) ||
			    (rc = caspian_table_set_text(t, first_detail + 7, r->det.params, err)))
				break;
			set_criteria(t, first_detail + 2, r);
			caspian_table_set_number(t, first_detail + 6,
						 r->det.simulated ? (double)r->det.seed : NAN);
		}
	}
	if (rc == CASPIAN_OK) {
		enum caspian_format cf = format == CLI_FORMAT_CSV    ? CASPIAN_FORMAT_CSV
					 : format == CLI_FORMAT_JSON ? CASPIAN_FORMAT_JSON
								     : CASPIAN_FORMAT_TABLE;
		rc = caspian_table_write(t, cf, ctx->out, err);
	}
	caspian_table_free(t);
	return rc;
}

static int write_models(struct cli_ctx *ctx, const struct caspian_panel *p,
			const struct fc_result *res, const char *method, enum cli_format format,
			struct caspian_error *err)
{
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"method", CASPIAN_COL_TEXT},
		{"model", CASPIAN_COL_TEXT},  {"aicc", CASPIAN_COL_NUMBER},
		{"aic", CASPIAN_COL_NUMBER},   {"bic", CASPIAN_COL_NUMBER},
		{"loglik", CASPIAN_COL_NUMBER}, {"seed", CASPIAN_COL_INTEGER},
		{"params", CASPIAN_COL_TEXT},
	};
	struct caspian_table *t = caspian_table_alloc(cols, sizeof(cols) / sizeof(cols[0]));
	if (!t)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	int rc = CASPIAN_OK;
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++) {
		const struct fc_result *r = &res[i];
		if (r->status)
			continue;
		if ((rc = caspian_table_add_row(t, err)) ||
		    (rc = caspian_table_set_text(t, 0, p->series[i].name, err)) ||
		    (rc = caspian_table_set_text(t, 1, method, err)) ||
		    (rc = caspian_table_set_text(t, 2, r->det.model, err)) ||
		    (rc = caspian_table_set_text(t, 8, r->det.params, err)))
			break;
		set_criteria(t, 3, r);
		caspian_table_set_number(t, 7, r->det.simulated ? (double)r->det.seed : NAN);
	}
	if (rc == CASPIAN_OK)
		rc = caspian_table_write(t,
					 format == CLI_FORMAT_JSON ? CASPIAN_FORMAT_JSON
								   : CASPIAN_FORMAT_TABLE,
					 ctx->out, err);
	caspian_table_free(t);
	return rc;
}

static int write_output(struct cli_ctx *ctx, const struct caspian_panel *p,
			const struct fc_result *res, const char *method,
			const struct fc_cli_levels *lv, int details, enum cli_format format,
			struct caspian_error *err)
{
	int rc;
	if (details && format == CLI_FORMAT_JSON) {
		fputs("{\"forecasts\": ", ctx->out);
		if ((rc = write_forecasts(ctx, p, res, method, lv, details, format, err)))
			return rc;
		fputs(", \"models\": ", ctx->out);
		if ((rc = write_models(ctx, p, res, method, format, err)))
			return rc;
		fputs("}\n", ctx->out);
		return CASPIAN_OK;
	}
	if ((rc = write_forecasts(ctx, p, res, method, lv, details, format, err)))
		return rc;
	if (details && format == CLI_FORMAT_TABLE) {
		fputc('\n', ctx->out);
		rc = write_models(ctx, p, res, method, format, err);
	}
	return rc;
}

/* Simulated intervals are reproducible: say which seed made them. */
static void note_simulated(struct cli_ctx *ctx, const struct caspian_panel *p,
			   const struct fc_result *res, enum cli_format format)
{
	size_t count = 0;
	unsigned long seed = 0;
	for (size_t i = 0; i < p->count; i++)
		if (res[i].status == CASPIAN_OK && res[i].det.simulated) {
			count++;
			seed = res[i].det.seed;
		}
	if (!count)
		return;
	fprintf(format == CLI_FORMAT_TABLE ? ctx->out : ctx->err,
		"note: intervals of %zu series are simulated from sample paths with seed %lu\n",
		count, seed);
}

int cmd_forecast(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		CLI_SHARD_OPTION,
		{"to", required_argument, NULL, OPT_TO},
		{"method", required_argument, NULL, OPT_METHOD},
		FC_CLI_OPTIONS,
		{"details", no_argument, NULL, OPT_DETAILS},
		{"order", required_argument, NULL, OPT_ORDER},
		{"seasonal-order", required_argument, NULL, OPT_SORDER},
		{"lambda", required_argument, NULL, OPT_LAMBDA},
		{"methods", required_argument, NULL, OPT_MEMBERS},
		{"how", required_argument, NULL, OPT_HOW},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	struct fc_cli_opts fo = {0};
	struct spec_opts so = {0};
	struct fc_cli_levels lv;
	const char *to = NULL, *method_text = "auto";
	int details = 0, c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "forecast", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_TO: to = optarg; break;
		case OPT_METHOD: method_text = optarg; break;
		case OPT_DETAILS: details = 1; break;
		case OPT_ORDER: so.order = optarg; break;
		case OPT_SORDER: so.sorder = optarg; break;
		case OPT_LAMBDA: so.lambda = optarg; break;
		case OPT_MEMBERS: so.members = optarg; break;
		case OPT_HOW: so.how = optarg; break;
		default:
			if ((rc = fc_cli_option(ctx, "forecast", c, optarg, &fo)) != 0)
				return rc < 0 ? cli_usage(ctx, "forecast", "unexpected option") : rc;
		}
	}
	if (co.help)
		return fc_cli_help(ctx, usage);
	if ((fo.h > 0) == (to != NULL))
		return cli_usage(ctx, "forecast", "give exactly one of --h N and --to P");
	if ((rc = fc_cli_levels(ctx, "forecast", &fo, &lv)) != 0)
		return rc;
	const struct caspian_method *m;
	struct caspian_error err;
	caspian_error_init(&err);
	if (caspian_method_parse(method_text, &m, &fo.spec, &err))
		return cli_usage(ctx, "forecast", "%s", err.msg);
	if ((rc = build_spec(ctx, m, &so, &fo.spec)) != 0)
		return rc;
	/* A bad variant is wrong for every series: say it once, as a usage error. */
	if (caspian_fc_check_spec(m, fo.spec, &err))
		return cli_usage(ctx, "forecast", "%s", err.msg);
	if (optind >= argc && !co.src.file)
		return cli_usage(ctx, "forecast", "expected SERIES or GLOB (or --file F)");

	struct caspian_panel *p = NULL;
	char *all[] = {"*"};
	rc = optind < argc ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err)
			   : cli_load_many(ctx, &co.src, all, 1, &p, &err);
	if (rc)
		return cli_fail(ctx, &err);
	struct fc_result *res = calloc(p->count ? p->count : 1, sizeof(*res));
	if (!res) {
		caspian_panel_free(p);
		caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
		return cli_fail(ctx, &err);
	}
	for (size_t i = 0; i < p->count; i++)
		set_horizon(&p->series[i], fo.h, to, &res[i]);
	long count = (long)p->count;
	size_t done = 0;
	struct cli_progress prog;
	cli_progress_begin(&prog, ctx, "forecasting", (double)count, "series");
#pragma omp parallel for schedule(dynamic, 1)
	for (long i = 0; i < count; i++) {
		if (res[i].status == CASPIAN_OK)
			forecast_one(&p->series[i], m, &fo, lv.level, lv.n, &res[i]);
#pragma omp critical(caspian_progress)
		cli_progress_update(&prog, (double)++done);
	}
	cli_progress_end(&prog);

	size_t failed = 0;
	for (size_t i = 0; i < p->count; i++)
		if (res[i].status) {
			failed++;
			fc_cli_series_error(ctx, "forecast", p->series[i].name, &res[i].err);
		}
	rc = CLI_OK;
	if (failed < p->count) {
		if (write_output(ctx, p, res, method_text, &lv, details, co.format, &err))
			rc = cli_fail(ctx, &err);
		else
			note_simulated(ctx, p, res, co.format);
	}
	if (rc == CLI_OK)
		rc = cli_finish(ctx, fc_cli_failure_exit(&res[0].status, p->count, sizeof(*res)));
	for (size_t i = 0; i < p->count; i++)
		free(res[i].mean);
	free(res);
	caspian_panel_free(p);
	return rc;
}
