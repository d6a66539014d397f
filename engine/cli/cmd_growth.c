#include <getopt.h>
#include <math.h>
#include <stdlib.h>

#include "caspian/aggregate.h"
#include "caspian/metrics.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian growth SERIES|GLOB [--from P] [--to P] [--format table|csv|json]\n"
	"                      [--file F [--wide]] [--shard I/N]\n\n"
	"Growth of each series between two periods (default: its first and last\n"
	"observed values): start and end, years elapsed (from the periods and the\n"
	"frequency), change, percent change, fold change, CAGR, continuously\n"
	"compounded rate, doubling time and the arithmetic mean of the annualised\n"
	"period-on-period rates.  Rates are fractions in CSV and JSON (0.325) and\n"
	"percentages in tables (32.50%).  Values at the ends, and every value the\n"
	"mean rate uses, must be positive.  Over several series, a series that is\n"
	"refused is reported on stderr and the others are still printed; the exit\n"
	"status is then 3.\n" CLI_SHARD_USAGE;


static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT},        {"start", CASPIAN_COL_PERIOD},
	{"start_value", CASPIAN_COL_NUMBER}, {"end", CASPIAN_COL_PERIOD},
	{"end_value", CASPIAN_COL_NUMBER},   {"years", CASPIAN_COL_NUMBER},
	{"change", CASPIAN_COL_NUMBER},      {"pct_change", CASPIAN_COL_RATE},
	{"fold", CASPIAN_COL_NUMBER},        {"cagr", CASPIAN_COL_RATE},
	{"log_rate", CASPIAN_COL_RATE},      {"doubling_years", CASPIAN_COL_NUMBER},
	{"mean_rate", CASPIAN_COL_RATE},     {"rates_averaged", CASPIAN_COL_INTEGER},
	{"unit", CASPIAN_COL_TEXT},
};

/* The periods to compare in s: its first and last values unless --from / --to. */
static int growth_periods(const struct caspian_series *s, const char *from, const char *to,
			  long *p0, long *p1, struct caspian_error *err)
{
	int rc;
	if (!caspian_series_span(s, p0, p1))
		return caspian_error_set(err, CASPIAN_EDOM, "%s has no observed values", s->name);
	if ((from && (rc = cli_period_for(s, from, p0, err))) ||
	    (to && (rc = cli_period_for(s, to, p1, err))))
		return rc;
	return CASPIAN_OK;
}

static int growth_row(struct caspian_table *t, const struct caspian_series *s,
		      const struct caspian_growth *g, struct caspian_error *err)
{
	int rc;
	if ((rc = caspian_table_add_row(t, err)) ||
	    (rc = caspian_table_set_text(t, 0, s->name, err)) ||
	    (rc = caspian_table_set_period(t, 1, s->freq, g->p0, err)) ||
	    (rc = caspian_table_set_period(t, 3, s->freq, g->p1, err)) ||
	    (rc = caspian_table_set_text(t, 14, s->unit, err)))
		return rc;
	const double nums[] = {NAN, NAN, g->v0, NAN, g->v1, g->years, g->change,
			       g->pct_change, g->fold, g->cagr, g->log_rate,
			       g->doubling_years, g->mean_rate, (double)g->n_rates};
	for (size_t j = 2; j < sizeof(nums) / sizeof(nums[0]); j++)
		if (j != 3)
			caspian_table_set_number(t, j, nums[j]);
	return CASPIAN_OK;
}

/*
 * Growth of every series of p in one panel pass.  The periods are worked out
 * first; when that fails at series k, an earlier series' refusal by the
 * growth computation still comes first, as it would series by series.
 */
static int growth_all(const struct caspian_panel *p, const char *from, const char *to,
		      struct caspian_growth *g, struct caspian_error *err)
{
	long *p0 = malloc(2 * (p->count ? p->count : 1) * sizeof(long)), *p1;
	if (!p0)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	p1 = p0 + p->count;
	struct caspian_error late;
	caspian_error_init(&late);
	int late_rc = CASPIAN_OK;
	size_t k = 0;
	for (; k < p->count; k++)
		if ((late_rc = growth_periods(&p->series[k], from, to, &p0[k], &p1[k], &late)))
			break;
	struct caspian_panel first = *p; /* the series before k */
	first.count = k;
	int rc = caspian_agg_growth(&first, p0, p1, g, err);
	if (rc == CASPIAN_OK && late_rc) {
		*err = late;
		rc = late_rc;
	}
	free(p0);
	return rc;
}

struct growth_range {
	const char *from, *to;
};

/* What growth_all() refuses about s alone (cli_drop_refused). */
static int growth_check(const struct caspian_series *s, const void *arg,
			struct caspian_error *err)
{
	const struct growth_range *r = arg;
	long p0, p1;
	struct caspian_growth g;
	int rc = growth_periods(s, r->from, r->to, &p0, &p1, err);
	return rc ? rc : caspian_growth_between(s, p0, p1, &g, err);
}

/* Tell people, not scripts, why two "average growth" figures differ. */
static void explain_mean_rate(FILE *out, const struct caspian_growth *g)
{
	if (g->n_rates < 2 || fabs(g->mean_rate - g->cagr) < 0.0005)
		return;
	fprintf(out,
		"note: the mean of the annualised rates (%.2f%%) differs from the CAGR "
		"(%.2f%%) because the rates vary; the CAGR is the constant rate that "
		"compounds from the start value to the end value.\n",
		g->mean_rate * 100, g->cagr * 100);
}

int cmd_growth(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		CLI_SHARD_OPTION,
		CLI_RANGE_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "growth", c, optarg, &co)) > 0)
			return rc;
	const char *from = co.from, *to = co.to;
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "growth", "expected SERIES or GLOB");

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	struct caspian_table *t = caspian_table_alloc(cols, sizeof(cols) / sizeof(cols[0]));
	struct caspian_growth *g = NULL;
	caspian_error_init(&err);
	rc = t ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err)
	       : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK && !(g = calloc(p->count ? p->count : 1, sizeof(*g))))
		rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = growth_all(p, from, to, g, &err);
	/* Over several series, those whose values refuse are reported and the
	 * others printed (one zero base need not hide a whole panel). */
	int code = CLI_OK;
	if (rc == CASPIAN_EDOM && p && p->count > 1) {
		struct growth_range range = {from, to};
		code = cli_drop_refused(ctx, &p, growth_check, &range);
		if (code == CLI_OK || code == CLI_INPUT)
			rc = growth_all(p, from, to, g, &err);
	}
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++)
		rc = growth_row(t, &p->series[i], &g[i], &err);
	if ((rc = cli_after_drop(ctx, rc, &err, code, p ? p->count : 0)) < 0) {
		rc = cli_write_table(ctx, t, co.format);
		if (rc == CLI_OK && co.format == CLI_FORMAT_TABLE && p->count == 1)
			explain_mean_rate(ctx->out, &g[0]);
		if (rc == CLI_OK)
			rc = cli_finish(ctx, code);
	}
	caspian_table_free(t);
	free(g);
	caspian_panel_free(p);
	return rc;
}
