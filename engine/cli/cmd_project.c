#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/metrics.h"
#include "caspian/numfmt.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian project SERIES|GLOB --to P --rate R[,R2,...]\n"
	"                       [--format table|csv|json] [--file F [--wide]]\n"
	"                       [--shard I/N]\n\n"
	"Constant-growth projections from the latest observed value, one column per\n"
	"scenario rate: latest * (1 + R)^(years since the latest period).  Rates are\n"
	"fractions (0.3) or percentages (30%).  Columns are named rate_<R> with R as\n"
	"a fraction.\n" CLI_SHARD_USAGE;

enum { OPT_TO = CLI_OPT_FIRST_FREE, OPT_RATE, MAX_RATES = 16 };

static int parse_rates(const char *arg, double *rates, size_t *n)
{
	char text[512];
	if (strlen(arg) >= sizeof(text))
		return -1;
	strcpy(text, arg); /* strtok writes into its argument */
	*n = 0;
	for (char *tok = strtok(text, ","); tok; tok = strtok(NULL, ",")) {
		if (*n == MAX_RATES || cli_parse_rate(tok, &rates[*n]) || !(rates[*n] > -1))
			return -1;
		(*n)++;
	}
	return *n ? 0 : -1;
}

static int project_rows(struct caspian_table *t, const struct caspian_series *s,
			const char *to, const double *rates, size_t nrates,
			struct caspian_error *err)
{
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	double ppy = caspian_freq_periods_per_year(s->freq), v;
	long last, end;
	int rc;
	if ((rc = caspian_series_last(s, &last, &v, err)) || (rc = cli_period_for(s, to, &end, err)))
		return rc;
	if (end <= last)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "%s already has values up to %s: --to must come later",
					 s->name, cli_period_text(s->freq, last, buf));
	for (long p = last; p <= end; p++) {
		double years = (double)(p - last) / ppy;
		if ((rc = caspian_table_add_row(t, err)) ||
		    (rc = caspian_table_set_text(t, 0, s->name, err)) ||
		    (rc = caspian_table_set_period(t, 1, s->freq, p, err)))
			return rc;
		for (size_t j = 0; j < nrates; j++)
			caspian_table_set_number(t, 2 + j, v * exp(years * log1p(rates[j])));
	}
	return CASPIAN_OK;
}

int cmd_project(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS, CLI_SHARD_OPTION, {"to", required_argument, NULL, OPT_TO},
		{"rate", required_argument, NULL, OPT_RATE}, {NULL, 0, NULL, 0}};
	struct cli_common co = {0};
	const char *to = NULL;
	double rates[MAX_RATES];
	size_t nrates = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "project", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		if (c == OPT_TO)
			to = optarg;
		if (c == OPT_RATE && parse_rates(optarg, rates, &nrates))
			return cli_usage(ctx, "project",
					 "--rate takes 1 to %d rates above -100%%, e.g. 0.2,30%%", MAX_RATES);
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "project", "expected SERIES or GLOB");
	if (!to || !nrates)
		return cli_usage(ctx, "project", "--to P and --rate R are required");

	struct caspian_column cols[2 + MAX_RATES];
	char names[MAX_RATES][CASPIAN_DTOA_SIZE + 8];
	cols[0] = (struct caspian_column){"series", CASPIAN_COL_TEXT};
	cols[1] = (struct caspian_column){"period", CASPIAN_COL_PERIOD};
	for (size_t j = 0; j < nrates; j++) {
		char num[CASPIAN_DTOA_SIZE];
		caspian_dtoa(rates[j], num);
		snprintf(names[j], sizeof(names[j]), "rate_%s", num);
		cols[2 + j] = (struct caspian_column){names[j], CASPIAN_COL_NUMBER};
	}
	struct caspian_error err;
	struct caspian_panel *p = NULL;
	struct caspian_table *t = caspian_table_alloc(cols, 2 + nrates);
	caspian_error_init(&err);
	rc = t ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err)
	       : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++)
		rc = project_rows(t, &p->series[i], to, rates, nrates, &err);
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co.format);
	caspian_table_free(t);
	caspian_panel_free(p);
	return rc;
}
