/*
 * fc_cli.h - what the forecast and backtest commands share: the options
 * that shape a fit, interval levels, the method list in help texts and
 * per-series error reports.
 */
#ifndef CASPIAN_FC_CLI_H
#define CASPIAN_FC_CLI_H

#include "caspian/forecast.h"
#include "cli.h"

/* Longest horizon accepted on the command line. */
enum { FC_CLI_MAX_H = 100000 };

/* Option codes shared by both commands (after each command's own). */
enum { FC_OPT_SEASON = CLI_OPT_FIRST_FREE + 50, FC_OPT_SEED, FC_OPT_H, FC_OPT_LEVEL };

#define FC_CLI_OPTIONS                                              \
	{"h", required_argument, NULL, FC_OPT_H},                   \
	{"level", required_argument, NULL, FC_OPT_LEVEL},           \
	{"season", required_argument, NULL, FC_OPT_SEASON},         \
	{"seed", required_argument, NULL, FC_OPT_SEED}

struct fc_cli_opts {
	long h;             /* --h; 0 = not given */
	const char *levels; /* --level; NULL = 80,95 */
	long season;        /* --season; 0 = from the frequency */
	unsigned long seed; /* --seed; 0 = the library default */
	const char *spec;   /* the SPEC of --method NAME:SPEC */
};

/* Handle --h, --level, --season and --seed: 0 when handled, CLI_USAGE on a
 * bad value, -1 when c is none of them. */
int fc_cli_option(struct cli_ctx *ctx, const char *cmd, int c, const char *arg,
		  struct fc_cli_opts *fo);

/* Fill the library options for series s (season from its frequency unless
 * --season was given, periods per year, seed, spec). */
void fc_cli_fit_opts(const struct caspian_series *s, const struct fc_cli_opts *fo,
		     struct caspian_fc_opts *opts);

struct fc_cli_levels {
	size_t n;
	double level[CASPIAN_BT_MAX_LEVELS];
	char lo_name[CASPIAN_BT_MAX_LEVELS][24]; /* "lo80", "lo99.5" */
	char hi_name[CASPIAN_BT_MAX_LEVELS][24];
	char cov_name[CASPIAN_BT_MAX_LEVELS][24]; /* "cov80" */
};

/* Parse "80,95" (each in (0, 100), at most CASPIAN_BT_MAX_LEVELS).  0 or -1. */
int fc_cli_parse_levels(const char *text, struct fc_cli_levels *lv);

/* The levels of --level (80,95 when not given) into lv: 0, or CLI_USAGE
 * with the message printed. */
int fc_cli_levels(struct cli_ctx *ctx, const char *cmd, const struct fc_cli_opts *fo,
		  struct fc_cli_levels *lv);

/* Print usage and the method table; return cli_finish(ctx, CLI_OK). */
int fc_cli_help(struct cli_ctx *ctx, const char *usage);

/* Report one series that failed: "caspian: CMD: NAME: MESSAGE". */
void fc_cli_series_error(struct cli_ctx *ctx, const char *cmd, const char *name,
			 const struct caspian_error *err);

/* Exit code for a run in which some series failed with these statuses:
 * CLI_STORE when one ran out of memory, else CLI_INPUT. */
int fc_cli_failure_exit(const int *status, size_t n, size_t stride);

#endif
