/*
 * main.c - global options, the command table and dispatch.
 *
 * Process-wide decisions live here and nowhere in the library: GSL's error
 * handler is switched off (its default calls abort()), and the locale is never
 * changed, so numbers are read and written with '.' whatever LANG says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

const struct cli_command cli_commands[] = {
	{"import", cmd_import, "Load series from a CSV file into the store"},
	{"list", cmd_list, "List stored series matching a glob"},
	{"info", cmd_info, "Metadata, provenance and coverage of a series"},
	{"show", cmd_show, "Print the values of a series"},
	{"export", cmd_export, "Write stored series as long CSV"},
	{"rm", cmd_rm, "Remove a series and its vintages from the store"},
	{"merge", cmd_merge, "Merge stores (one per shard) into one"},
	{"growth", cmd_growth, "Growth between two periods: fold, CAGR, log rate"},
	{"yoy", cmd_yoy, "Period-on-period and year-on-year rates"},
	{"index", cmd_index, "Rebase a series to 100 at a base period"},
	{"share", cmd_share, "A part as a share of a total, per period"},
	{"contrib", cmd_contrib, "Contributions of components to a total's growth"},
	{"solve", cmd_solve, "Rate needed to reach a target, or when it is reached"},
	{"project", cmd_project, "Constant-growth projections under scenario rates"},
	{"regress", cmd_regress, "Linear regression with trends, diagnostics and forecasts"},
	{"check", cmd_check, "Check published figures against each other"},
	{"decompose", cmd_decompose, "Split a total's growth among its parts"},
	{"stats", cmd_stats, "Count, missing, sum, mean, min, max, first, last per series"},
	{"agg", cmd_agg, "Combine many series period by period (sum, mean, median...)"},
	{"resample", cmd_resample, "Convert series to a coarser frequency"},
	{"rolling", cmd_rolling, "Trailing-window sums, means, extremes, std"},
	{"forecast", cmd_forecast, "Forecast series forward with prediction intervals"},
	{"backtest", cmd_backtest, "Rolling-origin accuracy of forecasting methods"},
	{"plot", cmd_plot, "Draw series and forecasts as an SVG chart"},
	{"demo", cmd_demo, "Walk through the bundled press-release data"},
	{"help", cmd_help, "Show help for caspian or one command"},
	{NULL, NULL, NULL},
};

static void print_usage(FILE *f)
{
	fputs("usage: caspian [--db PATH] [--quiet] COMMAND [ARGS]\n"
	      "       caspian --help | --version\n\n"
	      "Commands:\n", f);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\nThe store is caspian.db in the current directory unless --db or\n"
	      "CASPIAN_DB names another.  Long work shows a progress line on stderr\n"
	      "when it is a terminal; --quiet (-q) turns it off.  Run\n"
	      "'caspian COMMAND --help' for details.\n"
	      "Exit codes: 0 ok, 1 answer is no, 2 usage, 3 bad input, 4 store or I/O.\n", f);
}

static const char *nearest_command(const char *word)
{
	const char *names[sizeof(cli_commands) / sizeof(cli_commands[0])];
	size_t n = 0;
	for (const struct cli_command *c = cli_commands; c->name; c++)
		names[n++] = c->name;
	return cli_nearest(word, names, n);
}

static const char help_usage[] =
	"usage: caspian help [COMMAND]\n\n"
	"Without COMMAND, list the commands; with one, show its help (the same as\n"
	"'caspian COMMAND --help').\n";

int cmd_help(int argc, char **argv, struct cli_ctx *ctx)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return cli_help(ctx, help_usage);
	if (argc < 2) {
		print_usage(ctx->out);
		return cli_finish(ctx, CLI_OK);
	}
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		if (strcmp(c->name, argv[1]) == 0) {
			char *sub[] = {argv[1], "--help", NULL};
			return c->run(2, sub, ctx);
		}
	}
	const char *near = nearest_command(argv[1]);
	if (near)
		return cli_usage(ctx, "help", "unknown command '%s'; did you mean '%s'?", argv[1], near);
	return cli_usage(ctx, "help", "unknown command '%s'", argv[1]);
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = {.db_path = NULL, .out = stdout, .err = stderr};
	int i = 1;

	gsl_set_error_handler_off();
	ctx.db_path = getenv("CASPIAN_DB");
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_usage(stdout);
			return cli_finish(&ctx, CLI_OK);
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("caspian %s\n", CASPIAN_VERSION);
			return cli_finish(&ctx, CLI_OK);
		} else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
			ctx.quiet = 1;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			ctx.db_path = argv[++i];
			ctx.db_given = 1;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			ctx.db_path = argv[i] + 5;
			ctx.db_given = 1;
		} else {
			fprintf(stderr, "caspian: unknown option '%s'\n", argv[i]);
			print_usage(stderr);
			return CLI_USAGE;
		}
	}
	if (!ctx.db_path || !ctx.db_path[0])
		ctx.db_path = "caspian.db";
	if (i >= argc) {
		print_usage(stderr);
		return CLI_USAGE;
	}
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		if (strcmp(c->name, argv[i]) == 0) {
			/* getopt_long prefixes its messages with argv[0] */
			char prog[64];
			snprintf(prog, sizeof(prog), "caspian %s", c->name);
			argv[i] = prog;
			return c->run(argc - i, argv + i, &ctx);
		}
	}
	const char *near = nearest_command(argv[i]);
	if (near)
		fprintf(stderr, "caspian: '%s' is not a command; did you mean '%s'?\n", argv[i], near);
	else
		fprintf(stderr, "caspian: '%s' is not a command; see 'caspian --help'\n", argv[i]);
	return CLI_USAGE;
}
