#include <getopt.h>
#include <stdlib.h>

#include "caspian/aggregate.h"
#include "caspian/metrics.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian index SERIES|GLOB --base P [--format table|csv|json]\n"
	"                     [--file F [--wide]] [--shard I/N]\n\n"
	"Rebase each series to 100 at period P: index = 100 * value / base.  For a\n"
	"quarterly, monthly, weekly or daily series P may be a year: the base is\n"
	"then the mean of that year's values, all of which must be present.  The\n"
	"base must be positive; over several series, a series without one is\n"
	"reported on stderr and the others are still printed (exit status 3).\n"
	CLI_SHARD_USAGE;

enum { OPT_BASE = CLI_OPT_FIRST_FREE };

struct index_base {
	enum caspian_freq freq;
	long period;
};

/* Each series' base value (the first refusal, in panel order, is the error). */
static int index_bases(const struct caspian_panel *p, const struct index_base *b, double *bv,
		       struct caspian_error *err)
{
	int rc = CASPIAN_OK;
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++)
		rc = caspian_index_base(&p->series[i], b->freq, b->period, &bv[i], err);
	return rc;
}

/* What index_bases() refuses about s alone (cli_drop_refused). */
static int index_check(const struct caspian_series *s, const void *arg, struct caspian_error *err)
{
	const struct index_base *b = arg;
	double v;
	return caspian_index_base(s, b->freq, b->period, &v, err);
}

int cmd_index(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS, CLI_SHARD_OPTION, {"base", required_argument, NULL, OPT_BASE}, {NULL, 0, NULL, 0}};
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD},
		{"value", CASPIAN_COL_NUMBER}, {"index", CASPIAN_COL_NUMBER}};
	struct cli_common co = {0};
	const char *base = NULL;
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "index", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		if (c == OPT_BASE)
			base = optarg;
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "index", "expected SERIES or GLOB");
	if (!base)
		return cli_usage(ctx, "index", "--base P is required");
	struct index_base b;
	if (cli_parse_period(base, &b.freq, &b.period))
		return cli_usage(ctx, "index", "--base: '%s' is not a period (forms: 2017, 2017Q3, "
				 "2017-03, 2017-W05, 2017-03-15)", base);

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	caspian_error_init(&err);
	rc = cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err);
	struct caspian_panel *ix = NULL;
	double *bv = NULL;
	if (rc == CASPIAN_OK && !(bv = malloc((p->count ? p->count : 1) * sizeof(double))))
		rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = index_bases(p, &b, bv, &err);
	/* Over several series, those without a usable base are reported and the
	 * others printed. */
	int code = CLI_OK;
	if (rc == CASPIAN_EDOM && p && p->count > 1) {
		code = cli_drop_refused(ctx, &p, index_check, &b);
		if (code == CLI_OK || code == CLI_INPUT)
			rc = index_bases(p, &b, bv, &err);
	}
	if (rc == CASPIAN_OK)
		rc = caspian_agg_rebase(p, bv, &ix, &err);
	if ((rc = cli_after_drop(ctx, rc, &err, code, p ? p->count : 0)) < 0) {
		const struct caspian_panel *values[] = {p, ix};
		struct cli_long rows = {.keys = p, .values = values, .nvalues = 2};
		rc = cli_write_long(ctx, cols, 4, &rows, co.format);
		if (rc == CLI_OK)
			rc = cli_finish(ctx, code);
	}
	caspian_panel_free(ix);
	free(bv);
	caspian_panel_free(p);
	return rc;
}
