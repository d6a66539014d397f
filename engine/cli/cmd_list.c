#include <getopt.h>
#include <stdlib.h>

#include "caspian/output.h"
#include "caspian/store.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian list [GLOB] [--format table|csv|json] [--shard I/N]\n\n"
	"List the stored series whose names match GLOB (* ? [...]; default: all),\n"
	"with frequency, first and last period and length.\n" CLI_SHARD_USAGE;

int cmd_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS, CLI_SHARD_OPTION, {NULL, 0, NULL, 0}};
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"frequency", CASPIAN_COL_TEXT},
		{"first", CASPIAN_COL_PERIOD}, {"last", CASPIAN_COL_PERIOD},
		{"n", CASPIAN_COL_INTEGER}, {"vintages", CASPIAN_COL_INTEGER},
	};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "list", c, optarg, &co)) != 0)
			return rc > 0 ? rc : cli_usage(ctx, "list", "unexpected option");
	if (co.help)
		return cli_help(ctx, usage);
	if (co.src.file)
		return cli_usage(ctx, "list", "list reads the store; --file is not supported");
	if (argc - optind > 1)
		return cli_usage(ctx, "list", "expected at most one GLOB");
	const char *glob = optind < argc ? argv[optind] : "*";

	struct caspian_error err;
	struct caspian_store *st = NULL;
	struct caspian_series_info *info = NULL;
	size_t n = 0;
	caspian_error_init(&err);
	rc = caspian_store_open(ctx->db_path, CASPIAN_STORE_READ, 0, &st, &err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_list(st, glob, &info, &n, &err);
	caspian_store_close(st);
	if (rc)
		return cli_fail(ctx, &err);

	struct caspian_table *t = caspian_table_alloc(cols, 6);
	rc = t ? CASPIAN_OK : CASPIAN_ENOMEM;
	for (size_t i = 0; rc == CASPIAN_OK && i < n; i++) {
		if (!caspian_shard_has(&co.src.shard, info[i].name))
			continue;
		long last = info[i].start + (long)info[i].n - 1;
		if ((rc = caspian_table_add_row(t, &err)) ||
		    (rc = caspian_table_set_text(t, 0, info[i].name, &err)) ||
		    (rc = caspian_table_set_text(t, 1, caspian_freq_name(info[i].freq), &err)) ||
		    (rc = caspian_table_set_period(t, 2, info[i].freq, info[i].start, &err)) ||
		    (rc = caspian_table_set_period(t, 3, info[i].freq, last, &err)))
			break;
		caspian_table_set_number(t, 4, (double)info[i].n);
		caspian_table_set_number(t, 5, (double)info[i].vintages);
	}
	free(info);
	if (rc == CASPIAN_OK)
		rc = cli_write_table(ctx, t, co.format);
	else
		rc = cli_fail(ctx, &err);
	caspian_table_free(t);
	return rc;
}
