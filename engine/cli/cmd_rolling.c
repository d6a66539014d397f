#include <getopt.h>

#include "caspian/aggregate.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian rolling SERIES|GLOB... --window K --how sum|mean|min|max|std\n"
	"                       [--min-periods M] [--format table|csv|json]\n"
	"                       [--file F [--wide]] [--shard I/N]\n\n"
	"Trailing windows: for each period, the sum (mean, min, max, sample\n"
	"standard deviation) of the values in the K periods ending there.  Missing\n"
	"values are skipped; a window with fewer than M values (default K, so a\n"
	"full window) gives NA, and std needs at least two.  Periods before a\n"
	"series starts count as missing, so the first K-1 rows are NA by default.\n"
	CLI_SHARD_USAGE;

enum { OPT_WINDOW = CLI_OPT_FIRST_FREE, OPT_HOW, OPT_MIN_PERIODS };

static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD},
	{"value", CASPIAN_COL_NUMBER}, {"rolling", CASPIAN_COL_NUMBER},
};

static int parse_count(const char *text, size_t *out)
{
	long v;
	if (cli_parse_long(text, &v) || v < 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

int cmd_rolling(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		CLI_SHARD_OPTION,
		{"window", required_argument, NULL, OPT_WINDOW},
		{"how", required_argument, NULL, OPT_HOW},
		{"min-periods", required_argument, NULL, OPT_MIN_PERIODS},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	const char *how_text = NULL;
	size_t window = 0, minp = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "rolling", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		if (c == OPT_HOW)
			how_text = optarg;
		else if (c == OPT_WINDOW && (parse_count(optarg, &window) || window == 0))
			return cli_usage(ctx, "rolling", "--window must be a whole number of periods >= 1, not '%s'",
					 optarg);
		else if (c == OPT_MIN_PERIODS && (parse_count(optarg, &minp) || minp == 0))
			return cli_usage(ctx, "rolling", "--min-periods must be a whole number >= 1, not '%s'",
					 optarg);
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "rolling", "expected SERIES or GLOB");
	if (!window || !how_text)
		return cli_usage(ctx, "rolling", "--window and --how are required");
	enum caspian_agg_how how;
	if (caspian_agg_how_parse(how_text, &how) ||
	    (how != CASPIAN_AGG_SUM && how != CASPIAN_AGG_MEAN && how != CASPIAN_AGG_MIN &&
	     how != CASPIAN_AGG_MAX && how != CASPIAN_AGG_STD))
		return cli_usage(ctx, "rolling", "--how must be sum, mean, min, max or std, not '%s'",
				 how_text);
	if (minp > window)
		return cli_usage(ctx, "rolling", "--min-periods %zu is more than the window of %zu",
				 minp, window);

	struct caspian_error err;
	struct caspian_panel *p = NULL, *out = NULL;
	caspian_error_init(&err);
	rc = cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err);
	if (rc == CASPIAN_OK)
		rc = caspian_agg_rolling(p, window, minp, how, &out, &err);
	if (rc) {
		rc = cli_fail(ctx, &err);
	} else {
		const struct caspian_panel *values[] = {p, out};
		struct cli_long rows = {.keys = p, .values = values, .nvalues = 2};
		rc = cli_write_long(ctx, cols, sizeof(cols) / sizeof(cols[0]), &rows, co.format);
	}
	caspian_panel_free(out);
	caspian_panel_free(p);
	return rc;
}
