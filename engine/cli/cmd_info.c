#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/output.h"
#include "caspian/store.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian info SERIES|GLOB [--format table|csv|json]\n\n"
	"Metadata, provenance and coverage of stored series: frequency, first and\n"
	"last period, length, observed and missing values, unit, source, note, when\n"
	"it was first imported and last changed, and how many vintages are kept.\n";

static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT}, {"frequency", CASPIAN_COL_TEXT},
	{"first", CASPIAN_COL_TEXT}, {"last", CASPIAN_COL_TEXT},
	{"n", CASPIAN_COL_INTEGER}, {"observed", CASPIAN_COL_INTEGER},
	{"missing", CASPIAN_COL_INTEGER}, {"unit", CASPIAN_COL_TEXT},
	{"source", CASPIAN_COL_TEXT}, {"note", CASPIAN_COL_TEXT},
	{"created", CASPIAN_COL_TEXT}, {"updated", CASPIAN_COL_TEXT},
	{"vintages", CASPIAN_COL_INTEGER},
};

static int add_row(struct caspian_table *t, const struct caspian_series *s,
		   const struct caspian_series_info *info, struct caspian_error *err)
{
	char b0[CASPIAN_PERIOD_TEXT_MAX], b1[CASPIAN_PERIOD_TEXT_MAX];
	size_t missing = 0;
	for (size_t i = 0; i < s->n; i++)
		missing += isnan(s->values[i]) != 0;
	int rc;
	if ((rc = caspian_table_add_row(t, err)) ||
	    (rc = caspian_table_set_text(t, 0, s->name, err)) ||
	    (rc = caspian_table_set_text(t, 1, caspian_freq_name(s->freq), err)) ||
	    (rc = caspian_table_set_text(t, 2, cli_period_text(s->freq, s->start, b0), err)) ||
	    (rc = caspian_table_set_text(t, 3, cli_period_text(s->freq, caspian_series_end(s), b1), err)) ||
	    (rc = caspian_table_set_text(t, 7, s->unit, err)) ||
	    (rc = caspian_table_set_text(t, 8, s->source, err)) ||
	    (rc = caspian_table_set_text(t, 9, s->note, err)) ||
	    (rc = caspian_table_set_text(t, 10, info->created, err)) ||
	    (rc = caspian_table_set_text(t, 11, info->updated, err)))
		return rc;
	caspian_table_set_number(t, 4, (double)s->n);
	caspian_table_set_number(t, 5, (double)(s->n - missing));
	caspian_table_set_number(t, 6, (double)missing);
	caspian_table_set_number(t, 12, (double)info->vintages);
	return CASPIAN_OK;
}

int cmd_info(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS, {NULL, 0, NULL, 0}};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "info", c, optarg, &co)) != 0)
			return rc > 0 ? rc : cli_usage(ctx, "info", "unexpected option");
	if (co.help)
		return cli_help(ctx, usage);
	if (co.src.file)
		return cli_usage(ctx, "info", "info reads the store; --file is not supported");
	if (optind + 1 != argc)
		return cli_usage(ctx, "info", "expected one SERIES or GLOB");

	struct caspian_error err;
	struct caspian_store *st = NULL;
	struct caspian_panel *p = NULL;
	struct caspian_series_info *info = NULL;
	struct caspian_table *t = NULL;
	size_t n = 0;
	caspian_error_init(&err);
	rc = caspian_store_open(ctx->db_path, CASPIAN_STORE_READ, 0, &st, &err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_list(st, argv[optind], &info, &n, &err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_load(st, argv[optind], &p, &err);
	caspian_store_close(st);
	if (rc == CASPIAN_OK && (!p || p->count == 0))
		rc = caspian_error_set(&err, CASPIAN_ENOTFOUND, "no series in %s matches '%s'",
				       ctx->db_path, argv[optind]);
	if (rc == CASPIAN_ENOTFOUND)
		cli_suggest_series(ctx, &err, argv[optind]);
	if (rc == CASPIAN_OK && !(t = caspian_table_alloc(cols, sizeof(cols) / sizeof(cols[0]))))
		rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	/* list and load are both sorted by name, so rows pair up */
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count && i < n; i++)
		rc = add_row(t, &p->series[i], &info[i], &err);
	if (rc == CASPIAN_OK)
		rc = cli_write_table(ctx, t, co.format);
	else
		rc = cli_fail(ctx, &err);
	caspian_table_free(t);
	caspian_panel_free(p);
	free(info);
	return rc;
}
