#include <getopt.h>

#include "caspian/output.h"
#include "caspian/store.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian merge OUT.db IN.db... [--format table|csv|json]\n\n"
	"Copy every series of the stores IN.db... into OUT.db (created when\n"
	"missing), with its vintages, provenance and time stamps, in one\n"
	"transaction: everything lands or nothing does.  Meant for the stores that\n"
	"'caspian import --shard I/N' builds, one per shard (see docs/cluster.md).\n"
	"A series OUT.db already holds is skipped when it is identical in every\n"
	"respect; a series that differs is an error naming it.\n";

static int report(struct cli_ctx *ctx, enum cli_format format, const char *out,
		  const struct caspian_merge_report *r)
{
	static const struct caspian_column cols[] = {
		{"store", CASPIAN_COL_TEXT},        {"inputs", CASPIAN_COL_INTEGER},
		{"new", CASPIAN_COL_INTEGER},       {"identical", CASPIAN_COL_INTEGER},
		{"vintages", CASPIAN_COL_INTEGER},
	};
	if (format == CLI_FORMAT_TABLE) {
		fprintf(ctx->out,
			"merged %zu store%s into %s: %zu new series with %zu vintages, "
			"%zu identical series already there\n",
			r->inputs, r->inputs == 1 ? "" : "s", out, r->series_new, r->vintages,
			r->series_identical);
		return cli_finish(ctx, CLI_OK);
	}
	struct caspian_table *t = caspian_table_alloc(cols, 5);
	struct caspian_error err;
	caspian_error_init(&err);
	if (!t || caspian_table_add_row(t, &err) || caspian_table_set_text(t, 0, out, &err)) {
		caspian_table_free(t);
		fputs("caspian: out of memory\n", ctx->err);
		return CLI_STORE;
	}
	caspian_table_set_number(t, 1, (double)r->inputs);
	caspian_table_set_number(t, 2, (double)r->series_new);
	caspian_table_set_number(t, 3, (double)r->series_identical);
	caspian_table_set_number(t, 4, (double)r->vintages);
	int rc = cli_write_table(ctx, t, format);
	caspian_table_free(t);
	return rc;
}

int cmd_merge(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS, {NULL, 0, NULL, 0}};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "merge", c, optarg, &co)) != 0)
			return rc > 0 ? rc : cli_usage(ctx, "merge", "unexpected option");
	if (co.help)
		return cli_help(ctx, usage);
	if (co.src.file || co.src.wide)
		return cli_usage(ctx, "merge", "merge reads stores; --file and --wide do not apply");
	/* merge writes the store it is given first: a --db it ignored would let
	 * 'caspian --db all.db merge s0.db s1.db' write into s0.db */
	if (ctx->db_given)
		return cli_usage(ctx, "merge",
				 "merge writes OUT.db, its first argument; --db does not apply "
				 "(caspian merge OUT.db IN.db...)");
	if (argc - optind < 2)
		return cli_usage(ctx, "merge", "expected OUT.db and at least one IN.db");
	const char *out = argv[optind];

	struct caspian_error err;
	struct caspian_store *st = NULL;
	struct caspian_merge_report rep = {0};
	caspian_error_init(&err);
	rc = caspian_store_open(out, CASPIAN_STORE_WRITE, 0, &st, &err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_merge(st, (const char *const *)(argv + optind + 1),
					 (size_t)(argc - optind - 1), &rep, &err);
	caspian_store_close(st);
	if (rc)
		return cli_fail(ctx, &err);
	return report(ctx, co.format, out, &rep);
}
