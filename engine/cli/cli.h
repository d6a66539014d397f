/*
 * cli.h - the command-line front end.
 *
 * Adding a command takes four steps:
 *   1. write engine/cli/cmd_<name>.c with int cmd_<name>(int, char **, struct cli_ctx *);
 *   2. declare it below and add its line to the table in main.c;
 *   3. write docs/cli/<name>.md, put the new `caspian --help` text in
 *      docs/cli/caspian.md, and regenerate the man page docs/caspian.1
 *      (cmake --build BUILD --target man);
 *   4. add tests/cli/<name>.t.
 *
 * A command receives argv[0] = its own name, so it can call getopt_long once.
 * It prints results to ctx->out and returns one of enum cli_exit.
 */
#ifndef CASPIAN_CLI_H
#define CASPIAN_CLI_H

#include <stdio.h>

#include "caspian/error.h"
#include "caspian/interval.h"
#include "caspian/output.h"
#include "caspian/series.h"
#include "caspian/shard.h"

/* Exit codes, documented in docs/cli/exit-codes.md; never renumber. */
enum cli_exit {
	CLI_OK = 0,        /* success */
	CLI_NO = 1,        /* ran fine, the answer is "no" (check found inconsistencies) */
	CLI_USAGE = 2,     /* bad command line */
	CLI_INPUT = 3,     /* bad input data or a value the computation rejects */
	CLI_STORE = 4,     /* the store, a file or the system failed */
};

struct cli_ctx {
	const char *db_path; /* --db, else $CASPIAN_DB, else "caspian.db" */
	int db_given;        /* --db was on the command line */
	FILE *out;
	FILE *err;
	int quiet;           /* --quiet: no progress lines */
};

enum cli_format { CLI_FORMAT_TABLE, CLI_FORMAT_CSV, CLI_FORMAT_JSON };

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv, struct cli_ctx *ctx);
	const char *summary;
};

/* The command table, NULL-terminated (main.c). */
extern const struct cli_command cli_commands[];

int cmd_import(int argc, char **argv, struct cli_ctx *ctx);
int cmd_list(int argc, char **argv, struct cli_ctx *ctx);
int cmd_info(int argc, char **argv, struct cli_ctx *ctx);
int cmd_show(int argc, char **argv, struct cli_ctx *ctx);
int cmd_export(int argc, char **argv, struct cli_ctx *ctx);
int cmd_rm(int argc, char **argv, struct cli_ctx *ctx);
int cmd_merge(int argc, char **argv, struct cli_ctx *ctx);
int cmd_growth(int argc, char **argv, struct cli_ctx *ctx);
int cmd_yoy(int argc, char **argv, struct cli_ctx *ctx);
int cmd_index(int argc, char **argv, struct cli_ctx *ctx);
int cmd_share(int argc, char **argv, struct cli_ctx *ctx);
int cmd_contrib(int argc, char **argv, struct cli_ctx *ctx);
int cmd_solve(int argc, char **argv, struct cli_ctx *ctx);
int cmd_project(int argc, char **argv, struct cli_ctx *ctx);
int cmd_regress(int argc, char **argv, struct cli_ctx *ctx);
int cmd_check(int argc, char **argv, struct cli_ctx *ctx);
int cmd_decompose(int argc, char **argv, struct cli_ctx *ctx);
int cmd_stats(int argc, char **argv, struct cli_ctx *ctx);
int cmd_agg(int argc, char **argv, struct cli_ctx *ctx);
int cmd_resample(int argc, char **argv, struct cli_ctx *ctx);
int cmd_rolling(int argc, char **argv, struct cli_ctx *ctx);
int cmd_forecast(int argc, char **argv, struct cli_ctx *ctx);
int cmd_backtest(int argc, char **argv, struct cli_ctx *ctx);
int cmd_demo(int argc, char **argv, struct cli_ctx *ctx);
int cmd_plot(int argc, char **argv, struct cli_ctx *ctx);
int cmd_help(int argc, char **argv, struct cli_ctx *ctx);

/* --- helpers shared by the commands (util.c) --- */

/* Print "caspian: MESSAGE" (with FILE:LINE:COL when err has a position) and
 * return the exit code for err->code. */
int cli_fail(struct cli_ctx *ctx, const struct caspian_error *err);

/* Print "caspian: CMD: MESSAGE" and a hint to run CMD --help; return CLI_USAGE. */
int cli_usage(struct cli_ctx *ctx, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Map a caspian_status to an exit code. */
int cli_exit_for(int status);

/* Parse --format's argument.  Returns 0 or -1. */
int cli_parse_format(const char *text, enum cli_format *out);

/* Strict number parsing: the whole text, finite.  Return 0 or -1. */
int cli_parse_double(const char *text, double *out);
int cli_parse_long(const char *text, long *out);

/* A rate as a fraction ("0.3") or a percentage ("30%"); returns 0 or -1. */
int cli_parse_rate(const char *text, double *out);

/* Parse a period given on the command line, e.g. --from 2017. Returns 0 or -1. */
int cli_parse_period(const char *text, enum caspian_freq *freq, long *ordinal);

/*
 * Where analysis commands read series from: the store, or a CSV file (--file F,
 * "-" for stdin) read statelessly.  cli_load() returns every series whose name
 * matches pattern (a glob); no match is an error naming the pattern.  With
 * --shard I/N only the matching series of shard I are returned, possibly none:
 * a pattern must still match some series, in any shard.
 */
struct cli_source {
	const char *file;          /* NULL: the store */
	int wide;                  /* --wide for --file */
	struct caspian_shard shard; /* --shard; count 0: every series */
};
int cli_load(struct cli_ctx *ctx, const struct cli_source *src, const char *pattern,
	     struct caspian_panel **out, struct caspian_error *err);

/* 1 when pattern has a glob character (* ? [), so it may match many series. */
int cli_is_glob(const char *pattern);

/* Load several patterns (each must match) into one panel, in argument order. */
int cli_load_many(struct cli_ctx *ctx, const struct cli_source *src, char **patterns,
		  int npatterns, struct caspian_panel **out, struct caspian_error *err);

/*
 * cli_drop_refused() - for commands that compute over a whole panel at once
 * and were refused (CASPIAN_EDOM) because of some series: check runs on
 * each series of *p in order; each series it refuses with CASPIAN_EDOM is
 * reported on stderr, as cli_fail() would, and left out: *p becomes a panel
 * of the others, in the same order.  Returns CLI_INPUT when some were left
 * out, CLI_OK when none were; any other refusal, or running out of memory,
 * is reported and its exit code returned, with *p as it was.
 */
typedef int (*cli_series_check)(const struct caspian_series *s, const void *arg,
				struct caspian_error *err);
int cli_drop_refused(struct cli_ctx *ctx, struct caspian_panel **p, cli_series_check check,
		     const void *arg);

/*
 * cli_after_drop() - after a panel pass that ended with status rc (err its
 * reason) and cli_drop_refused's code (CLI_OK when it did not run), with
 * left series remaining: -1 when the command should print them and then
 * exit with code, else the exit code, every message written.
 */
int cli_after_drop(struct cli_ctx *ctx, int rc, const struct caspian_error *err, int code,
		   size_t left);

/* The time stamp for vintages: $CASPIAN_NOW if set, else the UTC clock. */
void cli_now(char *buf, size_t n);

/* Flush and close the output; returns CLI_STORE (after a message) on a write error. */
int cli_finish(struct cli_ctx *ctx, int code);

/*
 * Options every analysis command shares: --format, --file, --wide, --help.
 * Put CLI_COMMON_OPTIONS in the command's struct option table and pass every
 * getopt_long result to cli_common_option() first.
 */
enum { CLI_OPT_FORMAT = 1000, CLI_OPT_FILE, CLI_OPT_WIDE, CLI_OPT_SHARD, CLI_OPT_FROM,
       CLI_OPT_TO, CLI_OPT_FIRST_FREE = 1100 };
#define CLI_COMMON_OPTIONS                                          \
	{"format", required_argument, NULL, CLI_OPT_FORMAT},        \
	{"file", required_argument, NULL, CLI_OPT_FILE},            \
	{"wide", no_argument, NULL, CLI_OPT_WIDE},                  \
	{"help", no_argument, NULL, 'h'}

/*
 * --shard I/N, for commands that treat each series on its own (docs/cluster.md):
 * put CLI_SHARD_OPTION in the table too and cli_load()/cli_load_many() keep
 * only shard I's series.  Commands that combine series (share, contrib, agg,
 * regress) leave it out, so getopt refuses it there.
 */
#define CLI_SHARD_OPTION {"shard", required_argument, NULL, CLI_OPT_SHARD}

/* --from P and --to P, a range of periods, kept as given in co->from, co->to. */
#define CLI_RANGE_OPTIONS                                           \
	{"from", required_argument, NULL, CLI_OPT_FROM},            \
	{"to", required_argument, NULL, CLI_OPT_TO}
/* The paragraph their --help ends with. */
#define CLI_SHARD_USAGE                                                          \
	"\n--shard I/N keeps only the series in shard I of N: those whose name\n" \
	"hashes to I modulo N (see docs/cluster.md).\n"

struct cli_common {
	enum cli_format format;
	struct cli_source src;
	const char *from, *to; /* CLI_RANGE_OPTIONS; NULL when not given */
	int help;
};

/*
 * cli_common_option() - handle getopt_long's result c if it is a shared
 * option.  Returns 0 when handled, -1 when c is not a shared option, or
 * CLI_USAGE after printing a message (bad --format value, '?' from getopt).
 */
int cli_common_option(struct cli_ctx *ctx, const char *cmd, int c, const char *arg,
		      struct cli_common *co);

/* Print usage text to ctx->out and return cli_finish(ctx, CLI_OK). */
int cli_help(struct cli_ctx *ctx, const char *usage);

struct caspian_table;
/* Write a result table in the chosen format; returns an exit code. */
int cli_write_table(struct cli_ctx *ctx, const struct caspian_table *t, enum cli_format f);

/* Parse text as a period of s's frequency; CASPIAN_EINVAL names the problem. */
int cli_period_for(const struct caspian_series *s, const char *text, long *p,
		   struct caspian_error *err);

/*
 * Interval ends for people (interval_text.c): percentages with 2 decimals
 * when percent is set, else 6 significant digits; "inf", "NA".  An interval
 * is written "[a, b)" with brackets for closed and parentheses for open ends,
 * with its ends rounded outward, or as one number when its ends agree to 12
 * significant digits (a point, up to the rounding of the arithmetic) or print alike.
 */
void cli_bound_text(double v, int percent, char *buf, size_t n);
/* The same, rounded down (dir < 0) or up (dir > 0) at the digits shown. */
void cli_bound_text_dir(double v, int percent, int dir, char *buf, size_t n);
void cli_interval_text(struct caspian_interval x, int percent, char *buf, size_t n);

/* Text of a period for output. */
const char *cli_period_text(enum caspian_freq f, long p, char *buf);

/*
 * A long table, a row per series and period (long_table.c): columns series,
 * period, then one number per panel in values (its series k, at the row's
 * period: values[c] has keys' series in keys' order), then, when flag is
 * given, flag[the position of the row's value in keys->buffer] (missing for
 * a period outside the series), then, when meta is set, the series' unit,
 * source and note.  Series k
 * has rows[k] rows (rows NULL: its length) from period first[k] (first
 * NULL: its start).
 */
struct cli_long {
	const struct caspian_panel *keys;
	const struct caspian_panel *const *values;
	size_t nvalues;
	const unsigned char *flag;
	int meta;
	const long *first;
	const size_t *rows;
};

/* cli_write_long() - write the long table in format f; the exit code. */
int cli_write_long(struct cli_ctx *ctx, const struct caspian_column *cols, size_t ncols,
		   const struct cli_long *l, enum cli_format f);

/*
 * Suggestions for mistyped names (suggest.c).  cli_edit_distance() is the
 * Damerau-Levenshtein distance (optimal string alignment: one edit per
 * insertion, deletion, substitution or swap of neighbours).  cli_nearest()
 * returns the first of names[0..count) at the least distance from word,
 * if that distance is at most 1 (words of up to 3 characters), 2 (up to 8)
 * or 3; otherwise, or for an exact match, NULL.
 */
size_t cli_edit_distance(const char *a, const char *b);
const char *cli_nearest(const char *word, const char *const *names, size_t count);

/* When err says a series was not found and name is no glob, append
 * "; did you mean 'X'?" naming the nearest stored series, if one is near. */
void cli_suggest_series(struct cli_ctx *ctx, struct caspian_error *err, const char *name);

/*
 * A progress line on ctx->err for long work (progress.c): "WHAT: done of
 * total (percent), rate, time left", drawn only when ctx->err is a terminal
 * and --quiet was not given, at most ten times a second, erased by
 * cli_progress_end().  unit names what is counted ("series"); NULL counts
 * bytes.  total 0: unknown.  Updates must not overlap: from threads, call
 * cli_progress_update() inside one critical section.
 */
struct cli_progress {
	FILE *f; /* NULL: nothing is drawn */
	char what[96];
	double total;
	const char *unit;
	double t0, last;
	size_t width;
};
void cli_progress_begin(struct cli_progress *p, const struct cli_ctx *ctx, const char *what,
			double total, const char *unit);
void cli_progress_update(struct cli_progress *p, double done);
void cli_progress_end(struct cli_progress *p);

/*
 * Output files written whole or not at all: cli_open_atomic() opens a
 * temporary file in the directory of path (path "-": standard output, written
 * directly); cli_commit_atomic() flushes it, fsyncs it and renames it over
 * path when ok is non-zero, and removes it otherwise.  Both print a message
 * and return CLI_STORE on failure, else CLI_OK.
 */
struct cli_atomic {
	FILE *f;
	char *path, *tmp; /* tmp NULL for standard output */
};
int cli_open_atomic(struct cli_ctx *ctx, const char *path, struct cli_atomic *a);
int cli_commit_atomic(struct cli_ctx *ctx, struct cli_atomic *a, int ok);

#endif
