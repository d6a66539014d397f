#include <getopt.h>
#include <math.h>

#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian share PART|GLOB TOTAL [--format table|csv|json] [--file F [--wide]]\n\n"
	"Each PART series as a share of TOTAL, per period of PART: share = part /\n"
	"total, a fraction in CSV and JSON and a percentage in tables.  The series\n"
	"must have the same frequency; a share is NA where either value is missing.\n";

static int share_rows(struct caspian_table *t, const struct caspian_series *part,
		      const struct caspian_series *total, struct caspian_error *err)
{
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	if (part->freq != total->freq)
		return caspian_error_set(err, CASPIAN_EINVAL, "%s is %s but %s is %s", part->name,
					 caspian_freq_name(part->freq), total->name,
					 caspian_freq_name(total->freq));
	for (size_t i = 0; i < part->n; i++) {
		long p = part->start + (long)i;
		double v = part->values[i], w = caspian_series_at(total, p);
		int rc;
		if (w == 0 && !isnan(v))
			return caspian_error_set(err, CASPIAN_EDOM, "%s is 0 at %s: no share of it exists",
						 total->name, cli_period_text(total->freq, p, buf));
		if ((rc = caspian_table_add_row(t, err)) ||
		    (rc = caspian_table_set_text(t, 0, part->name, err)) ||
		    (rc = caspian_table_set_text(t, 1, total->name, err)) ||
		    (rc = caspian_table_set_period(t, 2, part->freq, p, err)))
			return rc;
		caspian_table_set_number(t, 3, v);
		caspian_table_set_number(t, 4, w);
		caspian_table_set_number(t, 5, v / w);
	}
	return CASPIAN_OK;
}

int cmd_share(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {CLI_COMMON_OPTIONS, {NULL, 0, NULL, 0}};
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"total", CASPIAN_COL_TEXT},
		{"period", CASPIAN_COL_PERIOD}, {"value", CASPIAN_COL_NUMBER},
		{"total_value", CASPIAN_COL_NUMBER}, {"share", CASPIAN_COL_RATE}};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "share", c, optarg, &co)) != 0)
			return rc > 0 ? rc : cli_usage(ctx, "share", "unexpected option");
	if (co.help)
		return cli_help(ctx, usage);
	if (argc - optind != 2)
		return cli_usage(ctx, "share", "expected PART and TOTAL");

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	struct caspian_table *t = caspian_table_alloc(cols, 6);
	/* One load of TOTAL then PART, so that --file - reads stdin once: the
	 * total is the panel's first series, the parts follow. */
	char *patterns[] = {argv[optind + 1], argv[optind]};
	caspian_error_init(&err);
	if (!t)
		rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	else if (cli_is_glob(patterns[0]))
		rc = caspian_error_set(&err, CASPIAN_EINVAL, "TOTAL must name one series, not a glob");
	else
		rc = cli_load_many(ctx, &co.src, patterns, 2, &p, &err);
	for (size_t i = 1; rc == CASPIAN_OK && i < p->count; i++)
		rc = share_rows(t, &p->series[i], &p->series[0], &err);
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co.format);
	caspian_table_free(t);
	caspian_panel_free(p);
	return rc;
}
