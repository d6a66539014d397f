#include <getopt.h>
#include <stdlib.h>

#include "caspian/aggregate.h"
#include "caspian/metrics.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian yoy SERIES|GLOB [--format table|csv|json] [--file F [--wide]]\n"
	"                  [--shard I/N]\n\n"
	"Per period: the value, the rate against the previous period (pop) and the\n"
	"rate against the same period a year earlier (yoy: 4 quarters, 12 months,\n"
	"the same ISO week or calendar day of the previous year).  A rate is NA\n"
	"where a value it needs is missing.  Rates are fractions in CSV and JSON.\n"
	"A zero or negative denominator is refused; over several series, a series\n"
	"that is refused is reported on stderr and the others are still printed\n"
	"(exit status 3).\n"
	CLI_SHARD_USAGE;

/* What caspian_agg_yoy() refuses about s alone (cli_drop_refused). */
static int yoy_check(const struct caspian_series *s, const void *arg, struct caspian_error *err)
{
	(void)arg;
	double *rates = malloc(2 * (s->n ? s->n : 1) * sizeof(double));
	if (!rates)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	int rc = caspian_yoy(s, rates, rates + s->n, err);
	free(rates);
	return rc;
}

int cmd_yoy(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS, CLI_SHARD_OPTION, {NULL, 0, NULL, 0}};
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD},
		{"value", CASPIAN_COL_NUMBER}, {"pop", CASPIAN_COL_RATE}, {"yoy", CASPIAN_COL_RATE}};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "yoy", c, optarg, &co)) != 0)
			return rc > 0 ? rc : cli_usage(ctx, "yoy", "unexpected option");
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "yoy", "expected SERIES or GLOB");

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	caspian_error_init(&err);
	rc = cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err);
	struct caspian_panel *pop = NULL, *yoy = NULL;
	if (rc == CASPIAN_OK)
		rc = caspian_agg_yoy(p, &pop, &yoy, &err);
	/* Over several series, those with a zero or negative denominator are
	 * reported and the others printed. */
	int code = CLI_OK;
	if (rc == CASPIAN_EDOM && p && p->count > 1) {
		code = cli_drop_refused(ctx, &p, yoy_check, NULL);
		if (code == CLI_OK || code == CLI_INPUT)
			rc = caspian_agg_yoy(p, &pop, &yoy, &err);
	}
	if ((rc = cli_after_drop(ctx, rc, &err, code, p ? p->count : 0)) < 0) {
		const struct caspian_panel *values[] = {p, pop, yoy};
		struct cli_long rows = {.keys = p, .values = values, .nvalues = 3};
		rc = cli_write_long(ctx, cols, 5, &rows, co.format);
		if (rc == CLI_OK)
			rc = cli_finish(ctx, code);
	}
	caspian_panel_free(pop);
	caspian_panel_free(yoy);
	caspian_panel_free(p);
	return rc;
}
