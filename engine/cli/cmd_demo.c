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

static const char usage[] =
	"usage: caspian demo\n\n"
	"Walk through the figures of the Uzbekistan-Azerbaijan press release of\n"
	"19 February 2026 (datasets/uz-az): import them into a temporary store,\n"
	"then compute the growth they imply, the rate needed to reach US$1 billion\n"
	"by 2030, and constant-growth projections.  Each step prints the command\n"
	"that does it, so it can be repeated on a store of your own.\n";

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

static int step(struct cli_ctx *ctx, const char *what, int (*cmd)(int, char **, struct cli_ctx *),
		char **argv)
{
	int argc = 0;
	fprintf(ctx->out, "\n== %s\n$ caspian", what);
	while (argv[argc])
		fprintf(ctx->out, " %s", argv[argc++]);
	fputc('\n', ctx->out);
	fflush(ctx->out);
	optind = 1; /* each step parses a fresh argument vector */
	return cmd(argc, argv, ctx);
}

static int run_steps(struct cli_ctx *ctx)
{
	char *growth[] = {"growth", "trade.uz_az", "--from", "2017", "--to", "2025", NULL};
	char *solve[] = {"solve", "trade.uz_az", "--target", "1000", "--by", "2030", NULL};
	char *project[] = {"project", "trade.uz_az", "--to", "2030", "--rate", "0.2,0.2657,0.325", NULL};
	char *regions[] = {"growth", "regions.uz_az.paired", "--format", "csv", NULL};
	int rc;
	if ((rc = step(ctx, "Bilateral trade grew from US$32.4 million (2017) to 307.8 (2025): "
			    "fold change 9.5 and a CAGR of 32.50%", cmd_growth, growth)))
		return rc;
	if ((rc = step(ctx, "The growth rate needed to reach US$1 billion by 2030", cmd_solve, solve)))
		return rc;
	if ((rc = step(ctx, "Projections to 2030 at 20%, the rate needed, and the 2017-2025 CAGR",
		       cmd_project, project)))
		return rc;
	return step(ctx, "Paired regions, from four to eleven in two years (CSV for scripts)",
		    cmd_growth, regions);
}

int cmd_demo(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(ctx, usage);
		return cli_usage(ctx, "demo", "unexpected option");
	}
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
		rc = run_steps(&sub);
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
