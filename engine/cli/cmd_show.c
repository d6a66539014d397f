#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/output.h"
#include "caspian/plot.h"
#include "caspian/store.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian show SERIES|GLOB [--from P] [--to P] [--format table|csv|json]\n"
	"       caspian show SERIES|GLOB --spark [--from P] [--to P]\n"
	"       caspian show SERIES --as-of TIMESTAMP\n"
	"       caspian show SERIES --vintages\n\n"
	"Print the values of a series, one row per period (missing values as NA).\n"
	"--spark prints one line per series instead: its periods, least and\n"
	"greatest value and a sparkline (one block per period, or per group of\n"
	"periods beyond 64; a space where values are missing); it is for\n"
	"terminals and works with the table format only.\n"
	"--as-of shows the version that was current at TIMESTAMP (ISO 8601 UTC, e.g.\n"
	"2026-01-31T12:00:00Z); --vintages lists every version the store keeps.\n"
	"--file F reads the series from a CSV file instead of the store.\n";

enum { OPT_FROM = CLI_OPT_FIRST_FREE, OPT_TO, OPT_AS_OF, OPT_VINTAGES, OPT_SPARK };

enum { SPARK_WIDTH = 64 };

struct show_args {
	const char *from, *to, *as_of;
	int vintages, spark;
};

static int add_values(struct caspian_table *t, const struct caspian_series *s, long from,
		      long to, struct caspian_error *err)
{
	for (long p = from; p <= to; p++) {
		int rc;
		if ((rc = caspian_table_add_row(t, err)) ||
		    (rc = caspian_table_set_text(t, 0, s->name, err)) ||
		    (rc = caspian_table_set_period(t, 1, s->freq, p, err)))
			return rc;
		caspian_table_set_number(t, 2, caspian_series_at(s, p));
	}
	return CASPIAN_OK;
}

/* The period range to show: the whole series unless --from/--to narrow it. */
static int range_of(const struct caspian_series *s, const struct show_args *a, long *from,
		    long *to, struct caspian_error *err)
{
	long out[2] = {s->start, caspian_series_end(s)};
	int rc;
	if (a->from && (rc = cli_period_for(s, a->from, &out[0], err)))
		return rc;
	if (a->to && (rc = cli_period_for(s, a->to, &out[1], err)))
		return rc;
	*from = out[0];
	*to = out[1];
	return CASPIAN_OK;
}

static int show_values(struct cli_ctx *ctx, const struct cli_common *co,
		       const struct show_args *a, const char *pattern)
{
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD}, {"value", CASPIAN_COL_NUMBER}};
	struct caspian_error err;
	struct caspian_panel *p = NULL;
	long *first = NULL;
	size_t *rows = NULL;
	caspian_error_init(&err);
	int rc = cli_load(ctx, &co->src, pattern, &p, &err);
	if (rc == CASPIAN_OK && (!(first = malloc((p->count ? p->count : 1) * sizeof(*first))) ||
				 !(rows = malloc((p->count ? p->count : 1) * sizeof(*rows)))))
		rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++) {
		long to;
		rc = range_of(&p->series[i], a, &first[i], &to, &err);
		rows[i] = rc == CASPIAN_OK && to >= first[i] ? (size_t)(to - first[i] + 1) : 0;
	}
	if (rc) {
		rc = cli_fail(ctx, &err);
	} else {
		const struct caspian_panel *values[] = {p};
		struct cli_long l = {.keys = p, .values = values, .nvalues = 1, .first = first,
				     .rows = rows};
		rc = cli_write_long(ctx, cols, 3, &l, co->format);
	}
	free(first);
	free(rows);
	caspian_panel_free(p);
	return rc;
}

static int spark_row(struct caspian_table *t, const struct caspian_series *s, long from,
		     long to, struct caspian_error *err)
{
	char b0[CASPIAN_PERIOD_TEXT_MAX], b1[CASPIAN_PERIOD_TEXT_MAX];
	char range[2 * CASPIAN_PERIOD_TEXT_MAX + 2], line[3 * SPARK_WIDTH + 1];
	size_t n = to >= from ? (size_t)(to - from + 1) : 0;
	double lo = INFINITY, hi = -INFINITY, *v = malloc((n ? n : 1) * sizeof(double));
	int rc;
	if (!v)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		v[i] = caspian_series_at(s, from + (long)i);
		if (!isnan(v[i])) {
			lo = fmin(lo, v[i]);
			hi = fmax(hi, v[i]);
		}
	}
	caspian_plot_sparkline(v, n, SPARK_WIDTH, line, sizeof(line));
	free(v);
	snprintf(range, sizeof(range), "%s..%s", cli_period_text(s->freq, from, b0),
		 cli_period_text(s->freq, to, b1));
	if ((rc = caspian_table_add_row(t, err)) ||
	    (rc = caspian_table_set_text(t, 0, s->name, err)) ||
	    (rc = caspian_table_set_text(t, 1, range, err)) ||
	    (rc = caspian_table_set_text(t, 4, line, err)))
		return rc;
	caspian_table_set_number(t, 2, lo <= hi ? lo : NAN);
	caspian_table_set_number(t, 3, lo <= hi ? hi : NAN);
	return CASPIAN_OK;
}

static int show_spark(struct cli_ctx *ctx, const struct cli_common *co,
		      const struct show_args *a, const char *pattern)
{
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"periods", CASPIAN_COL_TEXT},
		{"min", CASPIAN_COL_NUMBER}, {"max", CASPIAN_COL_NUMBER},
		{"spark", CASPIAN_COL_TEXT}};
	struct caspian_error err;
	struct caspian_panel *p = NULL;
	struct caspian_table *t = caspian_table_alloc(cols, 5);
	caspian_error_init(&err);
	int rc = t ? cli_load(ctx, &co->src, pattern, &p, &err)
		   : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++) {
		long from, to;
		rc = range_of(&p->series[i], a, &from, &to, &err);
		if (rc == CASPIAN_OK)
			rc = spark_row(t, &p->series[i], from, to, &err);
	}
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, CLI_FORMAT_TABLE);
	caspian_table_free(t);
	caspian_panel_free(p);
	return rc;
}

static int show_as_of(struct cli_ctx *ctx, const struct cli_common *co,
		      const struct show_args *a, const char *name)
{
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"period", CASPIAN_COL_PERIOD}, {"value", CASPIAN_COL_NUMBER}};
	struct caspian_error err;
	struct caspian_store *st = NULL;
	struct caspian_series *s = NULL;
	struct caspian_table *t = caspian_table_alloc(cols, 3);
	long from, to;
	caspian_error_init(&err);
	int rc = t ? caspian_store_open(ctx->db_path, CASPIAN_STORE_READ, 0, &st, &err)
		   : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = caspian_store_get_as_of(st, name, a->as_of, &s, &err);
	if (rc == CASPIAN_OK)
		rc = range_of(s, a, &from, &to, &err);
	if (rc == CASPIAN_OK)
		rc = add_values(t, s, from, to, &err);
	caspian_store_close(st);
	cli_suggest_series(ctx, &err, name);
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co->format);
	caspian_series_free(s);
	caspian_table_free(t);
	return rc;
}

static int show_vintages(struct cli_ctx *ctx, const struct cli_common *co, const char *name)
{
	static const struct caspian_column cols[] = {
		{"series", CASPIAN_COL_TEXT}, {"valid_from", CASPIAN_COL_TEXT},
		{"valid_to", CASPIAN_COL_TEXT}, {"first", CASPIAN_COL_TEXT},
		{"last", CASPIAN_COL_TEXT}, {"n", CASPIAN_COL_INTEGER}};
	struct caspian_error err;
	struct caspian_store *st = NULL;
	struct caspian_vintage *v = NULL;
	struct caspian_series *s = NULL;
	struct caspian_table *t = caspian_table_alloc(cols, 6);
	size_t n = 0;
	char b0[CASPIAN_PERIOD_TEXT_MAX], b1[CASPIAN_PERIOD_TEXT_MAX];
	caspian_error_init(&err);
	int rc = t ? caspian_store_open(ctx->db_path, CASPIAN_STORE_READ, 0, &st, &err)
		   : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = caspian_store_get(st, name, &s, &err);
	if (rc == CASPIAN_OK)
		rc = caspian_store_vintages(st, name, &v, &n, &err);
	caspian_store_close(st);
	cli_suggest_series(ctx, &err, name);
	for (size_t i = 0; rc == CASPIAN_OK && i < n; i++) {
		long last = v[i].start + (long)v[i].n - 1;
		if ((rc = caspian_table_add_row(t, &err)) ||
		    (rc = caspian_table_set_text(t, 0, name, &err)) ||
		    (rc = caspian_table_set_text(t, 1, v[i].valid_from, &err)) ||
		    (rc = caspian_table_set_text(t, 2, v[i].valid_to[0] ? v[i].valid_to : NULL, &err)) ||
		    (rc = caspian_table_set_text(t, 3, cli_period_text(s->freq, v[i].start, b0), &err)) ||
		    (rc = caspian_table_set_text(t, 4, cli_period_text(s->freq, last, b1), &err)))
			break;
		caspian_table_set_number(t, 5, (double)v[i].n);
	}
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co->format);
	caspian_series_free(s);
	free(v);
	caspian_table_free(t);
	return rc;
}

/* "2026-02-01T12:00:00Z" is a stamp people write; the store wants a leading part. */
static const char *trim_zone(char *ts)
{
	size_t n = strlen(ts);
	if (n == 20 && ts[10] == 'T' && ts[19] == 'Z')
		ts[19] = '\0';
	return ts;
}

int cmd_show(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"vintages", no_argument, NULL, OPT_VINTAGES},
		{"spark", no_argument, NULL, OPT_SPARK},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	struct show_args a = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "show", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_FROM: a.from = optarg; break;
		case OPT_TO: a.to = optarg; break;
		case OPT_AS_OF: a.as_of = trim_zone(optarg); break;
		case OPT_VINTAGES: a.vintages = 1; break;
		case OPT_SPARK: a.spark = 1; break;
		}
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind + 1 != argc)
		return cli_usage(ctx, "show", "expected one SERIES or GLOB");
	if ((a.as_of || a.vintages) && co.src.file)
		return cli_usage(ctx, "show", "--as-of and --vintages read the store, not --file");
	if (a.as_of && a.vintages)
		return cli_usage(ctx, "show", "choose --as-of or --vintages, not both");
	if ((a.as_of || a.vintages) && strpbrk(argv[optind], "*?["))
		return cli_usage(ctx, "show", "--as-of and --vintages take one exact series name");
	if (a.spark && (a.as_of || a.vintages))
		return cli_usage(ctx, "show", "--spark shows current values; not with --as-of or --vintages");
	if (a.spark && co.format != CLI_FORMAT_TABLE)
		return cli_usage(ctx, "show", "--spark draws for terminals: use it with the table format, not --format %s",
				 co.format == CLI_FORMAT_CSV ? "csv" : "json");
	if (a.spark)
		return show_spark(ctx, &co, &a, argv[optind]);
	if (a.vintages)
		return show_vintages(ctx, &co, argv[optind]);
	if (a.as_of)
		return show_as_of(ctx, &co, &a, argv[optind]);
	return show_values(ctx, &co, &a, argv[optind]);
}
