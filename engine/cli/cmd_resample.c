#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/aggregate.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian resample SERIES|GLOB... --to annual|quarterly|monthly|weekly\n"
	"                        --how sum|mean|first|last|min|max|count\n"
	"                        [--partial keep|drop] [--format table|csv|json]\n"
	"                        [--file F [--wide]] [--shard I/N]\n\n"
	"Converts series to a coarser frequency.  Flows (trade, cargo, flights)\n"
	"add up: --how sum; stocks and prices take the period's last (or mean)\n"
	"value.  A period is partial when some of its months (quarters, weeks,\n"
	"days) lie outside the series or are missing.  --partial keep (the\n"
	"default) computes it from the values present and marks it partial = 1;\n"
	"--partial drop leaves it out at the start and end of a series and NA\n"
	"inside it.\n" CLI_SHARD_USAGE;

enum { OPT_TO = CLI_OPT_FIRST_FREE, OPT_HOW, OPT_PARTIAL };

static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD},
	{"value", CASPIAN_COL_NUMBER}, {"partial", CASPIAN_COL_INTEGER},
};

int cmd_resample(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		CLI_SHARD_OPTION,
		{"to", required_argument, NULL, OPT_TO},
		{"how", required_argument, NULL, OPT_HOW},
		{"partial", required_argument, NULL, OPT_PARTIAL},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	const char *to_text = NULL, *how_text = NULL;
	enum caspian_partial rule = CASPIAN_PARTIAL_KEEP;
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "resample", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		if (c == OPT_TO)
			to_text = optarg;
		else if (c == OPT_HOW)
			how_text = optarg;
		else if (c == OPT_PARTIAL && strcmp(optarg, "keep") == 0)
			rule = CASPIAN_PARTIAL_KEEP;
		else if (c == OPT_PARTIAL && strcmp(optarg, "drop") == 0)
			rule = CASPIAN_PARTIAL_DROP;
		else if (c == OPT_PARTIAL)
			return cli_usage(ctx, "resample", "--partial must be keep or drop, not '%s'", optarg);
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "resample", "expected SERIES or GLOB");
	if (!to_text || !how_text)
		return cli_usage(ctx, "resample", "--to and --how are required");
	enum caspian_freq to = caspian_freq_from_name(to_text);
	if (to == CASPIAN_FREQ_NONE)
		return cli_usage(ctx, "resample", "--to must be annual, quarterly, monthly, weekly or daily, not '%s'",
				 to_text);
	enum caspian_agg_how how;
	if (caspian_agg_how_parse(how_text, &how) || how == CASPIAN_AGG_MEDIAN || how == CASPIAN_AGG_STD)
		return cli_usage(ctx, "resample", "--how must be sum, mean, first, last, min, max or count, not '%s'",
				 how_text);

	struct caspian_error err;
	struct caspian_panel *p = NULL, *out = NULL;
	unsigned char *flag = NULL;
	caspian_error_init(&err);
	rc = cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err);
	if (rc == CASPIAN_OK)
		rc = caspian_agg_resample(p, to, how, rule, &out, &flag, &err);
	if (rc) {
		rc = cli_fail(ctx, &err);
	} else {
		const struct caspian_panel *values[] = {out};
		struct cli_long rows = {.keys = out, .values = values, .nvalues = 1, .flag = flag};
		rc = cli_write_long(ctx, cols, sizeof(cols) / sizeof(cols[0]), &rows, co.format);
	}
	caspian_panel_free(out);
	free(flag);
	caspian_panel_free(p);
	return rc;
}
