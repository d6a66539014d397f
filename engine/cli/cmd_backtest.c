/*
 * cmd_backtest.c - caspian backtest: rolling-origin accuracy of methods.
 *
 * Series are evaluated in parallel (OpenMP) into per-series slots and then
 * summarised in series order, so the output does not depend on the number of
 * threads.
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
	"usage: caspian backtest SERIES|GLOB... --h N [--origins K] [--methods M,...]\n"
	"                        [--level L,...] [--season N] [--seed S] [--by-series]\n"
	"                        [--format table|csv|json] [--file F [--wide]]\n"
	"                        [--shard I/N --by-series]\n\n"
	"Rolling-origin evaluation: for each of the last K origins (default 5), fit\n"
	"each method to the values before the origin and forecast N steps; score\n"
	"the forecasts against the values that follow.  Reports, per method, MAE,\n"
	"RMSE, MAPE, sMAPE, MASE (scaled by the in-sample seasonal-naive MAE) and\n"
	"the coverage of the intervals at each level (default 80,95), ranked by\n"
	"MASE (then sMAPE).  Over several series every figure is the mean of the\n"
	"per-series figures; MAE and RMSE are in the units of each series, so\n"
	"compare them within one series only.  --by-series prints one row per\n"
	"series and method instead.\n\n"
	"  --methods M,...  methods to compare (default naive,snaive,drift,theta,ets;\n"
	"                   snaive is naive on a non-seasonal series)\n"
	"\n--shard I/N keeps only the series in shard I of N: those whose name\n"
	"hashes to I modulo N (see docs/cluster.md).  It needs --by-series: the\n"
	"summaries of shards do not combine into the summary of all series.\n\n"
	"Methods:\n";

enum { OPT_ORIGINS = CLI_OPT_FIRST_FREE, OPT_METHODS, OPT_BY_SERIES };
enum { BT_MAX_METHODS = 32, BT_DEFAULT_ORIGINS = 5 };

struct bt_methods {
	size_t n;
	char text[512];
	const char *label[BT_MAX_METHODS];
	const struct caspian_method *method[BT_MAX_METHODS];
	const char *spec[BT_MAX_METHODS];
};

static int parse_methods(const char *text, struct bt_methods *bm, struct caspian_error *err)
{
	if (strlen(text) >= sizeof(bm->text))
		return caspian_error_set(err, CASPIAN_EINVAL, "--methods is too long");
	memcpy(bm->text, text, strlen(text) + 1);
	bm->n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(bm->text, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (bm->n == BT_MAX_METHODS)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "--methods takes at most %d methods",
						 BT_MAX_METHODS);
		if (caspian_method_parse(tok, &bm->method[bm->n], &bm->spec[bm->n], err))
			return CASPIAN_ENOTFOUND;
		int rc = caspian_fc_check_spec(bm->method[bm->n], bm->spec[bm->n], err);
		if (rc)
			return rc;
		bm->label[bm->n] = tok;
		bm->n++;
	}
	if (!bm->n)
		return caspian_error_set(err, CASPIAN_EINVAL, "--methods names no method");
	return CASPIAN_OK;
}

struct bt_series {
	int status;
	struct caspian_error err;
	struct caspian_bt_metrics *m; /* one per method */
};

static void backtest_one(const struct caspian_series *s, const struct bt_methods *bm,
			 const struct fc_cli_opts *fo, size_t h, size_t origins,
			 const struct fc_cli_levels *lv, struct bt_series *r)
{
	struct caspian_fc_opts opts;
	fc_cli_fit_opts(s, fo, &opts);
	r->m = calloc(bm->n, sizeof(*r->m));
	if (!r->m) {
		r->status = caspian_error_set(&r->err, CASPIAN_ENOMEM, "out of memory");
		return;
	}
	r->status = caspian_backtest(s->values, s->n, &opts, bm->method, bm->spec, bm->n, h,
				     origins, lv->level, lv->n, r->m, &r->err);
}

/* Columns: [series,] method, [rank, series_count,] measures, coverages, points, failed. */
struct bt_layout {
	struct caspian_column cols[16 + CASPIAN_BT_MAX_LEVELS];
	size_t n, measures, cover, points;
};

static void layout(struct bt_layout *L, const struct fc_cli_levels *lv, int by_series)
{
	size_t n = 0;
	if (by_series)
		L->cols[n++] = (struct caspian_column){"series", CASPIAN_COL_TEXT};
	else
		L->cols[n++] = (struct caspian_column){"rank", CASPIAN_COL_INTEGER};
	L->cols[n++] = (struct caspian_column){"method", CASPIAN_COL_TEXT};
	if (!by_series)
		L->cols[n++] = (struct caspian_column){"series", CASPIAN_COL_INTEGER};
	L->measures = n;
	static const char *const names[] = {"mae", "rmse", "mape", "smape", "mase"};
	for (size_t j = 0; j < 5; j++)
		L->cols[n++] = (struct caspian_column){names[j], CASPIAN_COL_NUMBER};
	L->cover = n;
	for (size_t l = 0; l < lv->n; l++)
		L->cols[n++] = (struct caspian_column){lv->cov_name[l], CASPIAN_COL_NUMBER};
	L->points = n;
	L->cols[n++] = (struct caspian_column){"points", CASPIAN_COL_INTEGER};
	L->cols[n++] = (struct caspian_column){"failed", CASPIAN_COL_INTEGER};
	L->n = n;
}

static void set_measures(struct caspian_table *t, const struct bt_layout *L,
			 const struct caspian_bt_metrics *m, size_t nlevels)
{
	const double v[5] = {m->mae, m->rmse, m->mape, m->smape, m->mase};
	for (size_t j = 0; j < 5; j++)
		caspian_table_set_number(t, L->measures + j, v[j]);
	for (size_t l = 0; l < nlevels; l++)
		caspian_table_set_number(t, L->cover + l, m->coverage[l]);
	caspian_table_set_number(t, L->points, (double)m->points);
	caspian_table_set_number(t, L->points + 1, (double)m->failed);
}

/* Mean of each measure over the series where it is defined. */
static void summarise(const struct bt_series *res, size_t nseries, size_t k, size_t nlevels,
		      struct caspian_bt_metrics *out, size_t *scored)
{
	double sum[5 + CASPIAN_BT_MAX_LEVELS] = {0};
	size_t cnt[5 + CASPIAN_BT_MAX_LEVELS] = {0};
	memset(out, 0, sizeof(*out));
	*scored = 0;
	for (size_t i = 0; i < nseries; i++) {
		if (res[i].status)
			continue;
		const struct caspian_bt_metrics *m = &res[i].m[k];
		out->points += m->points;
		out->failed += m->failed;
		*scored += m->points > 0;
		double v[5 + CASPIAN_BT_MAX_LEVELS] = {m->mae, m->rmse, m->mape, m->smape, m->mase};
		for (size_t l = 0; l < nlevels; l++)
			v[5 + l] = m->coverage[l];
		for (size_t j = 0; j < 5 + nlevels; j++)
			if (!isnan(v[j])) {
				sum[j] += v[j];
				cnt[j]++;
			}
	}
	double *dst[5] = {&out->mae, &out->rmse, &out->mape, &out->smape, &out->mase};
	for (size_t j = 0; j < 5; j++)
		*dst[j] = cnt[j] ? sum[j] / (double)cnt[j] : NAN;
	for (size_t l = 0; l < nlevels; l++)
		out->coverage[l] = cnt[5 + l] ? sum[5 + l] / (double)cnt[5 + l] : NAN;
}

/* Order by MASE, then sMAPE, NaN last, then by position in --methods. */
static int better(const struct caspian_bt_metrics *a, size_t ia,
		  const struct caspian_bt_metrics *b, size_t ib)
{
	if (isnan(a->mase) != isnan(b->mase))
		return isnan(b->mase);
	if (!isnan(a->mase) && a->mase != b->mase)
		return a->mase < b->mase;
	if (isnan(a->smape) != isnan(b->smape))
		return isnan(b->smape);
	if (!isnan(a->smape) && a->smape != b->smape)
		return a->smape < b->smape;
	return ia < ib;
}

static int write_summary(struct caspian_table *t, const struct bt_layout *L,
			 const struct bt_series *res, size_t nseries, const struct bt_methods *bm,
			 size_t nlevels, struct caspian_error *err)
{
	struct caspian_bt_metrics sum[BT_MAX_METHODS];
	size_t scored[BT_MAX_METHODS], order[BT_MAX_METHODS];
	for (size_t k = 0; k < bm->n; k++) {
		summarise(res, nseries, k, nlevels, &sum[k], &scored[k]);
		order[k] = k;
	}
	for (size_t a = 1; a < bm->n; a++) /* insertion sort: a handful of methods */
		for (size_t b = a; b > 0 && better(&sum[order[b]], order[b], &sum[order[b - 1]],
						   order[b - 1]);
		     b--) {
			size_t tmp = order[b];
			order[b] = order[b - 1];
			order[b - 1] = tmp;
		}
	for (size_t r = 0; r < bm->n; r++) {
		size_t k = order[r];
		int rc;
		if ((rc = caspian_table_add_row(t, err)) ||
		    (rc = caspian_table_set_text(t, 1, bm->label[k], err)))
			return rc;
		caspian_table_set_number(t, 0, (double)(r + 1));
		caspian_table_set_number(t, 2, (double)scored[k]);
		set_measures(t, L, &sum[k], nlevels);
	}
	return CASPIAN_OK;
}

static int write_by_series(struct caspian_table *t, const struct bt_layout *L,
			   const struct caspian_panel *p, const struct bt_series *res,
			   const struct bt_methods *bm, size_t nlevels, struct caspian_error *err)
{
	for (size_t i = 0; i < p->count; i++) {
		if (res[i].status)
			continue;
		for (size_t k = 0; k < bm->n; k++) {
			int rc;
			if ((rc = caspian_table_add_row(t, err)) ||
			    (rc = caspian_table_set_text(t, 0, p->series[i].name, err)) ||
			    (rc = caspian_table_set_text(t, 1, bm->label[k], err)))
				return rc;
			set_measures(t, L, &res[i].m[k], nlevels);
		}
	}
	return CASPIAN_OK;
}

int cmd_backtest(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		CLI_SHARD_OPTION,
		{"origins", required_argument, NULL, OPT_ORIGINS},
		{"methods", required_argument, NULL, OPT_METHODS},
		{"by-series", no_argument, NULL, OPT_BY_SERIES},
		FC_CLI_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	struct fc_cli_opts fo = {0};
	struct fc_cli_levels lv;
	struct bt_methods bm;
	const char *methods_text = "naive,snaive,drift,theta,ets";
	long origins = BT_DEFAULT_ORIGINS;
	int by_series = 0, c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "backtest", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_ORIGINS:
			if (cli_parse_long(optarg, &origins) || origins < 1 || origins > FC_CLI_MAX_H)
				return cli_usage(ctx, "backtest",
						 "--origins must be a whole number from 1 to %d, "
						 "not '%s'",
						 FC_CLI_MAX_H, optarg);
			break;
		case OPT_METHODS: methods_text = optarg; break;
		case OPT_BY_SERIES: by_series = 1; break;
		default:
			if ((rc = fc_cli_option(ctx, "backtest", c, optarg, &fo)) != 0)
				return rc < 0 ? cli_usage(ctx, "backtest", "unexpected option") : rc;
		}
	}
	if (co.help)
		return fc_cli_help(ctx, usage);
	if (fo.h == 0)
		return cli_usage(ctx, "backtest", "--h N is required");
	if (co.src.shard.count && !by_series)
		return cli_usage(ctx, "backtest",
				 "--shard needs --by-series: the summary averages over all "
				 "series, and the summaries of shards do not combine into it");
	if ((rc = fc_cli_levels(ctx, "backtest", &fo, &lv)) != 0)
		return rc;
	struct caspian_error err;
	caspian_error_init(&err);
	if (parse_methods(methods_text, &bm, &err))
		return cli_usage(ctx, "backtest", "%s", err.msg);
	if (optind >= argc && !co.src.file)
		return cli_usage(ctx, "backtest", "expected SERIES or GLOB (or --file F)");

	struct caspian_panel *p = NULL;
	char *all[] = {"*"};
	rc = optind < argc ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err)
			   : cli_load_many(ctx, &co.src, all, 1, &p, &err);
	if (rc)
		return cli_fail(ctx, &err);
	struct bt_series *res = calloc(p->count ? p->count : 1, sizeof(*res));
	if (!res) {
		caspian_panel_free(p);
		caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
		return cli_fail(ctx, &err);
	}
	long count = (long)p->count;
	size_t done = 0;
	struct cli_progress prog;
	cli_progress_begin(&prog, ctx, "backtesting", (double)count, "series");
#pragma omp parallel for schedule(dynamic, 1)
	for (long i = 0; i < count; i++) {
		backtest_one(&p->series[i], &bm, &fo, (size_t)fo.h, (size_t)origins, &lv, &res[i]);
#pragma omp critical(caspian_progress)
		cli_progress_update(&prog, (double)++done);
	}
	cli_progress_end(&prog);

	size_t failed = 0;
	for (size_t i = 0; i < p->count; i++)
		if (res[i].status) {
			failed++;
			fc_cli_series_error(ctx, "backtest", p->series[i].name, &res[i].err);
		}
	rc = CLI_OK;
	if (failed < p->count) {
		struct bt_layout L;
		layout(&L, &lv, by_series);
		struct caspian_table *t = caspian_table_alloc(L.cols, L.n);
		int st = t ? CASPIAN_OK : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
		if (st == CASPIAN_OK)
			st = by_series ? write_by_series(t, &L, p, res, &bm, lv.n, &err)
				       : write_summary(t, &L, res, p->count, &bm, lv.n, &err);
		if (st == CASPIAN_OK)
			rc = cli_write_table(ctx, t, co.format);
		else
			rc = cli_fail(ctx, &err);
		caspian_table_free(t);
	}
	if (rc == CLI_OK)
		rc = cli_finish(ctx, fc_cli_failure_exit(&res[0].status, p->count, sizeof(*res)));
	for (size_t i = 0; i < p->count; i++)
		free(res[i].m);
	free(res);
	caspian_panel_free(p);
	return rc;
}
