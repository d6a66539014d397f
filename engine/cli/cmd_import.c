#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

#include "caspian/ingest.h"
#include "caspian/output.h"
#include "caspian/store.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian import FILE|- [--wide] [--replace] [--shard I/N]\n"
	"                      [--series-col C] [--period-col C] [--value-col C]\n\n"
	"Load series from a CSV file (or standard input) into the store, in one\n"
	"transaction: everything lands or nothing does.  Long layout: a header with\n"
	"series, period, value and optional unit, source, note columns.  --wide: a\n"
	"header period,<series1>,<series2>,...\n\n"
	"New periods extend stored series.  A value that differs from the stored one\n"
	"is refused unless --replace; the replaced version is kept as a vintage\n"
	"(see 'caspian show --vintages').\n\n"
	"While reading a large file, a progress line (amount read, rate, time left)\n"
	"is shown on stderr when it is a terminal; 'caspian --quiet import' hides it.\n\n"
	"--shard I/N reads and checks the whole file but stores only the series in\n"
	"shard I of N: those whose name hashes to I modulo N (see docs/cluster.md).\n";

enum { OPT_REPLACE = CLI_OPT_FIRST_FREE, OPT_SERIES_COL, OPT_PERIOD_COL, OPT_VALUE_COL };

static void on_progress(void *pctx, size_t bytes)
{
	cli_progress_update(pctx, (double)bytes);
}

static int ingest(struct cli_ctx *ctx, const char *path, struct caspian_ingest_opts *o,
		  struct caspian_panel **panel, struct caspian_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct cli_progress prog;
	struct stat sb;
	char what[80];
	if (!f)
		return caspian_error_set(err, CASPIAN_EIO, "cannot open %s: %s", path, strerror(errno));
	/* the size is known for a regular file, not for a pipe */
	double total = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) ? (double)sb.st_size : 0;
	snprintf(what, sizeof(what), "reading %s", path);
	cli_progress_begin(&prog, ctx, what, total, NULL);
	o->progress = on_progress;
	o->progress_ctx = &prog;
	int rc = caspian_ingest_file(f, o, panel, err);
	cli_progress_end(&prog);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* With --shard: "of shard 1/4 (503 of 2000 series) ". */
static void shard_words(const struct caspian_shard *sh, size_t kept, size_t read, char *buf,
			size_t n)
{
	if (sh->count == 0)
		buf[0] = '\0';
	else
		snprintf(buf, n, "of shard %lu/%lu (%zu of %zu series) ", (unsigned long)sh->index,
			 (unsigned long)sh->count, kept, read);
}

static int report(struct cli_ctx *ctx, enum cli_format format, const char *path,
		  const char *shard, const struct caspian_import_report *r)
{
	static const struct caspian_column cols[] = {
		{"file", CASPIAN_COL_TEXT}, {"values", CASPIAN_COL_INTEGER},
		{"new", CASPIAN_COL_INTEGER}, {"extended", CASPIAN_COL_INTEGER},
		{"replaced", CASPIAN_COL_INTEGER}, {"unchanged", CASPIAN_COL_INTEGER},
	};
	if (format == CLI_FORMAT_TABLE) {
		fprintf(ctx->out,
			"imported %zu values %sfrom %s into %s: %zu new series, %zu extended, "
			"%zu replaced, %zu unchanged\n",
			r->values, shard, path, ctx->db_path, r->series_new, r->series_extended,
			r->series_replaced, r->series_unchanged);
		return cli_finish(ctx, CLI_OK);
	}
	struct caspian_table *t = caspian_table_alloc(cols, 6);
	struct caspian_error err;
	caspian_error_init(&err);
	if (!t || caspian_table_add_row(t, &err) || caspian_table_set_text(t, 0, path, &err)) {
		caspian_table_free(t);
		return CLI_STORE;
	}
	caspian_table_set_number(t, 1, (double)r->values);
	caspian_table_set_number(t, 2, (double)r->series_new);
	caspian_table_set_number(t, 3, (double)r->series_extended);
	caspian_table_set_number(t, 4, (double)r->series_replaced);
	caspian_table_set_number(t, 5, (double)r->series_unchanged);
	int rc = cli_write_table(ctx, t, format);
	caspian_table_free(t);
	return rc;
}

int cmd_import(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		CLI_SHARD_OPTION,
		{"replace", no_argument, NULL, OPT_REPLACE},
		{"series-col", required_argument, NULL, OPT_SERIES_COL},
		{"period-col", required_argument, NULL, OPT_PERIOD_COL},
		{"value-col", required_argument, NULL, OPT_VALUE_COL},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	struct caspian_ingest_opts io;
	struct caspian_import_opts imp = {0};
	int c, rc;

	caspian_ingest_opts_init(&io);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "import", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_REPLACE: imp.replace = 1; break;
		case OPT_SERIES_COL: io.series_col = optarg; break;
		case OPT_PERIOD_COL: io.period_col = optarg; break;
		case OPT_VALUE_COL: io.value_col = optarg; break;
		}
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (co.src.file)
		return cli_usage(ctx, "import", "give the file as an argument, not with --file");
	if (optind + 1 != argc)
		return cli_usage(ctx, "import", "expected one FILE (or - for standard input)");
	const char *path = argv[optind];
	io.layout = co.src.wide ? CASPIAN_LAYOUT_WIDE : CASPIAN_LAYOUT_LONG;
	io.input_name = path;

	struct caspian_error err;
	struct caspian_panel *panel = NULL;
	struct caspian_store *st = NULL;
	struct caspian_import_report rep = {0};
	char now[40];
	caspian_error_init(&err);
	cli_now(now, sizeof(now));
	imp.timestamp = now;
	char shard[96] = "";
	rc = ingest(ctx, path, &io, &panel, &err);
	if (rc == CASPIAN_OK && co.src.shard.count) {
		struct caspian_panel *mine = NULL;
		rc = caspian_shard_select(panel, &co.src.shard, &mine, &err);
		if (rc == CASPIAN_OK) {
			shard_words(&co.src.shard, mine->count, panel->count, shard, sizeof(shard));
			caspian_panel_free(panel);
			panel = mine;
		}
	}
	if (rc == CASPIAN_OK)
		rc = caspian_store_open(ctx->db_path, CASPIAN_STORE_WRITE, 0, &st, &err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_import(st, panel, &imp, &rep, &err);
	caspian_store_close(st);
	caspian_panel_free(panel);
	if (rc) {
		int code = cli_fail(ctx, &err);
		if (rc == CASPIAN_ECONFLICT && !imp.replace)
			fputs("caspian: to accept the new values and keep the old ones as a vintage, "
			      "import again with --replace\n", ctx->err);
		return code;
	}
	return report(ctx, co.format, path, shard, &rep);
}
