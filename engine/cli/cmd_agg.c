#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "caspian/aggregate.h"
#include "caspian/output.h"
#include "caspian/store.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian agg GLOB... --how sum|mean|min|max|count|median [--by period]\n"
	"                   [--as NAME] [--format table|csv|json] [--file F [--wide]]\n\n"
	"Combines every matching series period by period (e.g. total trade per\n"
	"month across all partners).  Missing values are skipped: 'used' counts the\n"
	"values combined in each period and 'missing' the series that cover the\n"
	"period but have no value there.  A period without values is NA (count\n"
	"gives 0).  The median of an even number of values is the mean of the\n"
	"middle two.  All series must have one frequency.  --as NAME also stores\n"
	"the result as a series called NAME (a new vintage if it exists).\n";

enum { OPT_HOW = CLI_OPT_FIRST_FREE, OPT_BY, OPT_AS };

static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD},
	{"value", CASPIAN_COL_NUMBER}, {"used", CASPIAN_COL_INTEGER},
	{"missing", CASPIAN_COL_INTEGER},
};

static int agg_rows(struct caspian_table *t, const struct caspian_across *a,
		    struct caspian_error *err)
{
	const struct caspian_series *s = a->series;
	int rc = CASPIAN_OK;
	for (size_t i = 0; rc == CASPIAN_OK && i < s->n; i++) {
		if ((rc = caspian_table_add_row(t, err)) ||
		    (rc = caspian_table_set_text(t, 0, s->name, err)) ||
		    (rc = caspian_table_set_period(t, 1, s->freq, s->start + (long)i, err)))
			break;
		caspian_table_set_number(t, 2, s->values[i]);
		caspian_table_set_number(t, 3, (double)a->used[i]);
		caspian_table_set_number(t, 4, (double)a->missing[i]);
	}
	return rc;
}

static int store_result(struct cli_ctx *ctx, const struct caspian_series *s,
			struct caspian_error *err)
{
	struct caspian_panel *one = caspian_panel_alloc();
	struct caspian_store *st = NULL;
	struct caspian_import_report rep;
	char now[40];
	cli_now(now, sizeof(now));
	struct caspian_import_opts imp = {1, now};
	int rc = one ? caspian_panel_add(one, s, err)
		     : caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = caspian_store_open(ctx->db_path, CASPIAN_STORE_WRITE, 0, &st, err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_import(st, one, &imp, &rep, err);
	caspian_store_close(st);
	caspian_panel_free(one);
	return rc;
}

int cmd_agg(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"how", required_argument, NULL, OPT_HOW},
		{"by", required_argument, NULL, OPT_BY},
		{"as", required_argument, NULL, OPT_AS},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	const char *how_text = NULL, *as = NULL;
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "agg", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		if (c == OPT_HOW)
			how_text = optarg;
		else if (c == OPT_AS)
			as = optarg;
		else if (c == OPT_BY && strcmp(optarg, "period") != 0)
			return cli_usage(ctx, "agg", "--by takes 'period' (the only grouping so far), not '%s'",
					 optarg);
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "agg", "expected GLOB");
	enum caspian_agg_how how;
	if (!how_text)
		return cli_usage(ctx, "agg", "--how is required (sum, mean, min, max, count or median)");
	if (caspian_agg_how_parse(how_text, &how) || how == CASPIAN_AGG_FIRST ||
	    how == CASPIAN_AGG_LAST || how == CASPIAN_AGG_STD)
		return cli_usage(ctx, "agg", "--how must be sum, mean, min, max, count or median, not '%s'",
				 how_text);
	char name[CASPIAN_NAME_MAX + 1];
	snprintf(name, sizeof(name), "%s", as ? as : how_text);
	if (!caspian_series_name_valid(name))
		return cli_usage(ctx, "agg", "'%s' is not a valid series name", name);

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	struct caspian_across a = {0};
	struct caspian_table *t = caspian_table_alloc(cols, sizeof(cols) / sizeof(cols[0]));
	caspian_error_init(&err);
	rc = t ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err)
	       : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = caspian_agg_across(p, how, name, &a, &err);
	if (rc == CASPIAN_OK && as)
		rc = store_result(ctx, a.series, &err);
	if (rc == CASPIAN_OK)
		rc = agg_rows(t, &a, &err);
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co.format);
	caspian_agg_across_release(&a);
	caspian_table_free(t);
	caspian_panel_free(p);
	return rc;
}
