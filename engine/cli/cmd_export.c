#include <getopt.h>

#include "caspian/numfmt.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian export [GLOB] [--shard I/N]\n\n"
	"Write the stored series matching GLOB (default: all) as long CSV with the\n"
	"columns series,period,value,unit,source,note: every period from the first\n"
	"to the last, missing values as empty fields, numbers in the shortest form\n"
	"that reads back to the same double.  'caspian import' of this output\n"
	"rebuilds the same series bit for bit.\n" CLI_SHARD_USAGE;

static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD}, {"value", CASPIAN_COL_NUMBER},
	{"unit", CASPIAN_COL_TEXT},   {"source", CASPIAN_COL_TEXT}, {"note", CASPIAN_COL_TEXT},
};

int cmd_export(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS, CLI_SHARD_OPTION, {NULL, 0, NULL, 0}};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "export", c, optarg, &co)) != 0)
			return rc > 0 ? rc : cli_usage(ctx, "export", "unexpected option");
	if (co.help)
		return cli_help(ctx, usage);
	if (co.format != CLI_FORMAT_TABLE && co.format != CLI_FORMAT_CSV)
		return cli_usage(ctx, "export", "export writes CSV only");
	if (argc - optind > 1)
		return cli_usage(ctx, "export", "expected at most one GLOB");

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	caspian_error_init(&err);
	rc = cli_load(ctx, &co.src, optind < argc ? argv[optind] : "*", &p, &err);
	if (rc)
		return cli_fail(ctx, &err);
	const struct caspian_panel *values[] = {p};
	struct cli_long rows = {.keys = p, .values = values, .nvalues = 1, .meta = 1};
	rc = cli_write_long(ctx, cols, sizeof(cols) / sizeof(cols[0]), &rows, CLI_FORMAT_CSV);
	caspian_panel_free(p);
	return rc;
}
