#include <getopt.h>
#include <math.h>
#include <stdlib.h>

#include "caspian/metrics.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian contrib TOTAL COMPONENT... [--from P --to P]\n"
	"                       [--format table|csv|json] [--file F [--wide]]\n\n"
	"Each component's contribution to the growth of TOTAL, in percentage points:\n"
	"(component(end) - component(start)) / total(start).  Without --from/--to,\n"
	"for every pair of consecutive periods of TOTAL.  A row for TOTAL gives its\n"
	"growth, and a (residual) row shows what the components do not explain\n"
	"(zero when they add up to the total).  Fractions in CSV and JSON.\n";


static int add(struct caspian_table *t, const char *b0, const char *b1, const char *name,
	       double v, struct caspian_error *err)
{
	int rc;
	if ((rc = caspian_table_add_row(t, err)) || (rc = caspian_table_set_text(t, 0, b0, err)) ||
	    (rc = caspian_table_set_text(t, 1, b1, err)) ||
	    (rc = caspian_table_set_text(t, 2, name, err)))
		return rc;
	caspian_table_set_number(t, 3, v);
	return CASPIAN_OK;
}

static int step_rows(struct caspian_table *t, const struct caspian_series *total,
		     const struct caspian_series *const *comp, size_t k, long p0, long p1,
		     double *contrib, struct caspian_error *err)
{
	char b0[CASPIAN_PERIOD_TEXT_MAX], b1[CASPIAN_PERIOD_TEXT_MAX];
	double growth, sum = 0;
	int rc = caspian_contrib(total, comp, k, p0, p1, contrib, &growth, err);
	if (rc)
		return rc;
	cli_period_text(total->freq, p0, b0);
	cli_period_text(total->freq, p1, b1);
	for (size_t i = 0; i < k; i++) {
		sum += contrib[i];
		if ((rc = add(t, b0, b1, comp[i]->name, contrib[i], err)))
			return rc;
	}
	if ((rc = add(t, b0, b1, total->name, growth, err)))
		return rc;
	return add(t, b0, b1, "(residual)", growth - sum, err);
}

int cmd_contrib(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS, CLI_RANGE_OPTIONS, {NULL, 0, NULL, 0}};
	static const struct caspian_column cols[] = {
		{"start", CASPIAN_COL_TEXT}, {"end", CASPIAN_COL_TEXT},
		{"series", CASPIAN_COL_TEXT}, {"contribution", CASPIAN_COL_RATE}};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "contrib", c, optarg, &co)) > 0)
			return rc;
	const char *from = co.from, *to = co.to;
	if (co.help)
		return cli_help(ctx, usage);
	if (argc - optind < 2)
		return cli_usage(ctx, "contrib", "expected TOTAL and at least one COMPONENT");
	if (!from != !to)
		return cli_usage(ctx, "contrib", "give both --from and --to, or neither");

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	struct caspian_table *t = caspian_table_alloc(cols, 4);
	const struct caspian_series **comp = NULL;
	double *contrib = NULL;
	caspian_error_init(&err);
	rc = t ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err)
	       : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	size_t k = rc == CASPIAN_OK ? p->count - 1 : 0;
	if (rc == CASPIAN_OK) {
		comp = malloc(k * sizeof(*comp));
		contrib = malloc(k * sizeof(*contrib));
		if (!comp || !contrib)
			rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	}
	const struct caspian_series *total = rc == CASPIAN_OK ? &p->series[0] : NULL;
	for (size_t i = 0; rc == CASPIAN_OK && i < k; i++)
		comp[i] = &p->series[i + 1];
	long p0 = 0, p1 = 0;
	if (rc == CASPIAN_OK && from && !(rc = cli_period_for(total, from, &p0, &err)) &&
	    !(rc = cli_period_for(total, to, &p1, &err)))
		rc = step_rows(t, total, comp, k, p0, p1, contrib, &err);
	for (size_t i = 1; rc == CASPIAN_OK && !from && i < total->n; i++) {
		long q = total->start + (long)i;
		if (isnan(total->values[i]) || isnan(total->values[i - 1]))
			continue;
		rc = step_rows(t, total, comp, k, q - 1, q, contrib, &err);
	}
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co.format);
	free(comp);
	free(contrib);
	caspian_table_free(t);
	caspian_panel_free(p);
	return rc;
}
