#include <getopt.h>

#include "caspian/store.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian rm SERIES...\n\n"
	"Remove the named series and their vintages from the store, in one\n"
	"transaction.  Names are exact: no globs, so nothing is removed by accident.\n";

int cmd_rm(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(ctx, usage);
		return cli_usage(ctx, "rm", "unexpected option");
	}
	if (optind >= argc)
		return cli_usage(ctx, "rm", "expected at least one SERIES");

	struct caspian_error err;
	struct caspian_store *st = NULL;
	caspian_error_init(&err);
	int rc = caspian_store_open(ctx->db_path, CASPIAN_STORE_WRITE, 0, &st, &err);
	if (rc == CASPIAN_OK) {
		const char *const *names = (const char *const *)(argv + optind);
		rc = caspian_store_remove_many(st, names, (size_t)(argc - optind), &err);
	}
	caspian_store_close(st);
	if (rc)
		return cli_fail(ctx, &err);
	for (int i = optind; i < argc; i++)
		fprintf(ctx->out, "removed %s\n", argv[i]);
	return cli_finish(ctx, CLI_OK);
}
