/*
 * cmd_demo.c - a guided run over the press-release figures bundled in the
 * binary, in a temporary store that is removed afterwards.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caspian/ingest.h"
#include "caspian/store.h"
#include "cli.h"

extern const char demo_series_csv[];
extern const size_t demo_series_csv_len;
extern const char demo_claims_csv[];
extern const size_t demo_claims_csv_len;

static const char usage[] =
	"usage: caspian demo [--out-dir DIR]\n\n"
	"Walk through the figures of the Uzbekistan-Azerbaijan press release of\n"
	"19 February 2026 (datasets/uz-az): import them into a temporary store,\n"
	"then compute the growth they imply, check the published figures against\n"
	"each other, find the rate needed to reach US$1 billion by 2030, make\n"
	"constant-growth projections, and draw a forecast fan chart into\n"
	"demo.svg.  Each step prints the command that does it, so it can be\n"
	"repeated on a store of your own.  --out-dir names the directory for\n"
	"demo.svg (default: the current one).\n";

static int load_demo_store(const char *path, struct caspian_error *err)
{
	struct caspian_ingest_opts io;
	struct caspian_panel *p = NULL;
	struct caspian_store *st = NULL;
	struct caspian_import_opts imp = {.replace = 0, .timestamp = NULL};
	struct caspian_import_report rep;
	char now[40];
	cli_now(now, sizeof(now));
	imp.timestamp = now;
	caspian_ingest_opts_init(&io);
	io.input_name = "datasets/uz-az/series.csv";
	int rc = caspian_ingest_buffer(demo_series_csv, demo_series_csv_len, &io, &p, err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_open(path, CASPIAN_STORE_WRITE, 0, &st, err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_import(st, p, &imp, &rep, err);
	caspian_store_close(st);
	caspian_panel_free(p);
	return rc;
}

static void show_command(struct cli_ctx *ctx, const char *what, char **argv)
{
	fprintf(ctx->out, "\n== %s\n$ caspian", what);
	for (int i = 0; argv[i]; i++)
		fprintf(ctx->out, " %s", argv[i]);
	fputc('\n', ctx->out);
	fflush(ctx->out);
}

static int run(struct cli_ctx *ctx, int (*cmd)(int, char **, struct cli_ctx *), char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	optind = 1; /* each step parses a fresh argument vector */
	return cmd(argc, argv, ctx);
}

static int step(struct cli_ctx *ctx, const char *what, int (*cmd)(int, char **, struct cli_ctx *),
		char **argv)
{
	show_command(ctx, what, argv);
	return run(ctx, cmd, argv);
}

/*
 * The check prints a finding per line and how each was found: the demo
 * keeps the table's header, the findings about trade and the summary.
 */
static int check_step(struct cli_ctx *ctx, const char *claims_path)
{
	char *shown[] = {"check", "datasets/uz-az/claims.csv", NULL};
	char *argv[] = {"check", (char *)claims_path, NULL};
	char *buf = NULL;
	size_t len = 0;
	show_command(ctx, "Are the published figures consistent with each other? "
			  "(the findings on trade; the command prints them all)", shown);
	struct cli_ctx sub = *ctx;
	sub.out = open_memstream(&buf, &len);
	if (!sub.out) {
		fprintf(ctx->err, "caspian: out of memory\n");
		return CLI_STORE;
	}
	int rc = run(&sub, cmd_check, argv);
	fclose(sub.out);
	if (rc == CLI_OK || rc == CLI_NO) {
		char *save = NULL, *last = NULL;
		int first = 1, table = 1;
		for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			if (strncmp(line, "How each figure", 15) == 0)
				table = 0;
			if (first || (table && strncmp(line, "trade_", 6) == 0))
				fprintf(ctx->out, "%s\n", line);
			first = 0;
			last = line;
		}
		if (last)
			fprintf(ctx->out, "...\n%s\n", last);
		rc = CLI_OK;
	}
	free(buf);
	return rc;
}

/* A fan chart of trade: what a forecast with honest intervals makes of two figures. */
static int chart_step(struct cli_ctx *ctx, const char *out_dir)
{
	char path[1024];
	if (strcmp(out_dir, ".") == 0)
		snprintf(path, sizeof(path), "demo.svg");
	else
		snprintf(path, sizeof(path), "%s/demo.svg", out_dir);
	char *plot[] = {"plot", "trade.uz_az", "--forecast", "auto", "--h", "5", "-o", path, NULL};
	int rc = step(ctx, "A forecast to 2030 with 80% and 95% prediction intervals, drawn as a "
			   "fan chart (open it in a browser)", cmd_plot, plot);
	if (rc == CLI_OK)
		fprintf(ctx->out, "wrote %s\n", path);
	return rc == CLI_OK ? cli_finish(ctx, CLI_OK) : rc;
}

static int write_file(const char *path, const char *data, size_t len, struct caspian_error *err)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return caspian_error_set(err, CASPIAN_EIO, "cannot write %s: %s", path, strerror(errno));
	size_t n = fwrite(data, 1, len, f);
	if (fclose(f) != 0 || n != len)
		return caspian_error_set(err, CASPIAN_EIO, "cannot write %s", path);
	return CASPIAN_OK;
}

static int run_steps(struct cli_ctx *ctx, const char *tmpdir, const char *out_dir)
{
	char *growth[] = {"growth", "trade.uz_az", "--from", "2017", "--to", "2025", NULL};
	char *solve[] = {"solve", "trade.uz_az", "--target", "1000", "--by", "2030", NULL};
	char *project[] = {"project", "trade.uz_az", "--to", "2030", "--rate", "0.2,0.2657,0.325", NULL};
	char *regions[] = {"growth", "regions.uz_az.paired", "--format", "csv", NULL};
	char claims[600];
	struct caspian_error err;
	int rc;
	caspian_error_init(&err);
	if ((rc = step(ctx, "Bilateral trade grew from US$32.4 million (2017) to 307.8 (2025): "
			    "fold change 9.5 and a CAGR of 32.50%", cmd_growth, growth)))
		return rc;
	snprintf(claims, sizeof(claims), "%s/claims.csv", tmpdir);
	if (write_file(claims, demo_claims_csv, demo_claims_csv_len, &err))
		return cli_fail(ctx, &err);
	rc = check_step(ctx, claims);
	unlink(claims);
	if (rc)
		return rc;
	if ((rc = step(ctx, "The growth rate needed to reach US$1 billion by 2030", cmd_solve, solve)))
		return rc;
	if ((rc = step(ctx, "Projections to 2030 at 20%, the rate needed, and the 2017-2025 CAGR",
		       cmd_project, project)))
		return rc;
	if ((rc = step(ctx, "Paired regions, from four to eleven in two years (CSV for scripts)",
		       cmd_growth, regions)))
		return rc;
	return chart_step(ctx, out_dir);
}

int cmd_demo(int argc, char **argv, struct cli_ctx *ctx)
{
	enum { OPT_OUT_DIR = CLI_OPT_FIRST_FREE };
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
					     {"out-dir", required_argument, NULL, OPT_OUT_DIR},
					     {NULL, 0, NULL, 0}};
	const char *out_dir = ".";
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(ctx, usage);
		if (c == OPT_OUT_DIR)
			out_dir = optarg;
		else
			return cli_usage(ctx, "demo", "unexpected option");
	}
	if (optind != argc)
		return cli_usage(ctx, "demo", "unexpected argument '%s'", argv[optind]);
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/caspian-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(ctx->err, "caspian: cannot create a temporary directory: %s\n", strerror(errno));
		return CLI_STORE;
	}
	char path[600];
	snprintf(path, sizeof(path), "%s/demo.db", dir);
	struct caspian_error err;
	caspian_error_init(&err);
	fprintf(ctx->out, "caspian demo: the figures of the Uzbekistan-Azerbaijan press release "
			  "(UzDaily.com, 19 February 2026)\n");
	fprintf(ctx->out, "Importing them into a temporary store ...\n");
	int rc = load_demo_store(path, &err);
	if (rc) {
		rc = cli_fail(ctx, &err);
	} else {
		struct cli_ctx sub = *ctx;
		sub.db_path = path;
		rc = run_steps(&sub, dir, out_dir);
	}
	/* SQLite may leave -wal and -shm files beside the store */
	const char *suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		char f[640];
		snprintf(f, sizeof(f), "%s%s", path, suffix[i]);
		unlink(f);
	}
	rmdir(dir);
	return rc;
}
