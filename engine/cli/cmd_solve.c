#include <getopt.h>
#include <math.h>

#include "caspian/metrics.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian solve SERIES|GLOB --target V --by P  [--format table|csv|json]\n"
	"       caspian solve SERIES|GLOB --target V [--rate R]\n"
	"       (either form also takes --file F [--wide] and --shard I/N)\n\n"
	"From the latest observed value: with --by, the constant annual growth rate\n"
	"needed to reach V in period P, (V / latest)^(1 / years) - 1; otherwise the\n"
	"period in which V is reached growing at R a year (default: the series' own\n"
	"CAGR over its observed span).  R is a fraction (0.3) or a percentage (30%).\n"
	"The period reached is the first whole period at or after the crossing.\n"
	CLI_SHARD_USAGE;

enum { OPT_TARGET = CLI_OPT_FIRST_FREE, OPT_BY, OPT_RATE };

static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT},  {"from", CASPIAN_COL_TEXT},
	{"from_value", CASPIAN_COL_NUMBER}, {"target", CASPIAN_COL_NUMBER},
	{"by", CASPIAN_COL_TEXT},      {"years", CASPIAN_COL_NUMBER},
	{"rate", CASPIAN_COL_RATE},
};

struct solve_args {
	double target, rate;
	int have_rate;
	const char *by;
};

/* The series' own CAGR over its observed span, the default rate. */
static int own_cagr(const struct caspian_series *s, double *rate, struct caspian_error *err)
{
	long p0, p1;
	struct caspian_growth g;
	if (!caspian_series_span(s, &p0, &p1) || p0 == p1)
		return caspian_error_set(err, CASPIAN_EDOM,
					 "%s needs two observations for its own growth rate; give --rate",
					 s->name);
	int rc = caspian_growth_between(s, p0, p1, &g, err);
	if (rc == CASPIAN_OK)
		*rate = g.cagr;
	return rc;
}

static int solve_row(struct caspian_table *t, const struct caspian_series *s,
		     const struct solve_args *a, struct caspian_error *err)
{
	char b0[CASPIAN_PERIOD_TEXT_MAX], b1[CASPIAN_PERIOD_TEXT_MAX];
	double ppy = caspian_freq_periods_per_year(s->freq), v, years, rate = a->rate;
	long last, by;
	int rc;
	if ((rc = caspian_series_last(s, &last, &v, err)))
		return rc;
	if (a->by) {
		if ((rc = cli_period_for(s, a->by, &by, err)))
			return rc;
		years = (double)(by - last) / ppy;
		if ((rc = caspian_rate_needed(v, a->target, years, &rate, err)))
			return rc;
	} else {
		if (!a->have_rate && (rc = own_cagr(s, &rate, err)))
			return rc;
		if ((rc = caspian_years_to_reach(v, a->target, rate, &years, err)))
			return rc;
		double periods = ceil(years * ppy - 1e-9); /* a crossing on a period boundary counts */
		if (periods > 1e9)
			return caspian_error_set(err, CASPIAN_EDOM,
						 "%s reaches %g only after %.3g years", s->name,
						 a->target, years);
		by = last + (long)periods;
	}
	if ((rc = caspian_table_add_row(t, err)) ||
	    (rc = caspian_table_set_text(t, 0, s->name, err)) ||
	    (rc = caspian_table_set_text(t, 1, cli_period_text(s->freq, last, b0), err)) ||
	    (rc = caspian_table_set_text(t, 4, cli_period_text(s->freq, by, b1), err)))
		return rc;
	caspian_table_set_number(t, 2, v);
	caspian_table_set_number(t, 3, a->target);
	caspian_table_set_number(t, 5, years);
	caspian_table_set_number(t, 6, rate);
	return CASPIAN_OK;
}

int cmd_solve(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		CLI_SHARD_OPTION,
		{"target", required_argument, NULL, OPT_TARGET},
		{"by", required_argument, NULL, OPT_BY},
		{"rate", required_argument, NULL, OPT_RATE},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	struct solve_args a = {.target = NAN};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "solve", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		if (c == OPT_TARGET && cli_parse_double(optarg, &a.target))
			return cli_usage(ctx, "solve", "--target must be a number, not '%s'", optarg);
		if (c == OPT_RATE && cli_parse_rate(optarg, &a.rate))
			return cli_usage(ctx, "solve", "--rate must be a fraction or a percentage, not '%s'", optarg);
		if (c == OPT_RATE)
			a.have_rate = 1;
		if (c == OPT_BY)
			a.by = optarg;
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "solve", "expected SERIES or GLOB");
	if (isnan(a.target))
		return cli_usage(ctx, "solve", "--target V is required");
	if (a.by && a.have_rate)
		return cli_usage(ctx, "solve", "--by solves for the rate: do not give --rate too");

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	struct caspian_table *t = caspian_table_alloc(cols, sizeof(cols) / sizeof(cols[0]));
	caspian_error_init(&err);
	rc = t ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err)
	       : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++)
		rc = solve_row(t, &p->series[i], &a, &err);
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co.format);
	caspian_table_free(t);
	caspian_panel_free(p);
	return rc;
}
