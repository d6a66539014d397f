#include <getopt.h>
#include <limits.h>
#include <stdlib.h>

#include "caspian/aggregate.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian stats SERIES|GLOB... [--from P] [--to P] [--format table|csv|json]\n"
	"                     [--file F [--wide]] [--shard I/N]\n\n"
	"One row per series: how many values it has (count) and how many are\n"
	"missing inside its span, their sum, mean, min and max, and the first and\n"
	"last values with their periods.  --from and --to limit the periods (both\n"
	"included); a coarser period covers all of its own (--from 2017 on a monthly\n"
	"series starts at 2017-01).  Missing values are skipped; a series without\n"
	"values in the range has count 0, sum 0 and NA elsewhere.\n" CLI_SHARD_USAGE;


static const struct caspian_column cols[] = {
	{"series", CASPIAN_COL_TEXT},       {"count", CASPIAN_COL_INTEGER},
	{"missing", CASPIAN_COL_INTEGER},   {"sum", CASPIAN_COL_NUMBER},
	{"mean", CASPIAN_COL_NUMBER},       {"min", CASPIAN_COL_NUMBER},
	{"max", CASPIAN_COL_NUMBER},        {"first", CASPIAN_COL_NUMBER},
	{"first_period", CASPIAN_COL_PERIOD}, {"last", CASPIAN_COL_NUMBER},
	{"last_period", CASPIAN_COL_PERIOD},
};

/* First day (days since 1970-01-01) of a period. */
static long first_day(enum caspian_freq f, long p)
{
	switch (f) {
	case CASPIAN_FREQ_ANNUAL: return caspian_days_from_civil(p, 1, 1);
	case CASPIAN_FREQ_QUARTERLY: return caspian_days_from_civil(p / 4, (int)(p % 4) * 3 + 1, 1);
	case CASPIAN_FREQ_MONTHLY: return caspian_days_from_civil(p / 12, (int)(p % 12) + 1, 1);
	case CASPIAN_FREQ_WEEKLY: return 7 * p - 3; /* week 0 starts on Monday 1969-12-29 */
	default: return p;
	}
}

/*
 * The range of s's periods that a bound covers: a period of s's own frequency
 * is itself; a coarser one spans the periods of s that fall inside it.
 */
static int bound_for(const struct caspian_series *s, const char *text, int upper, long *out,
		     struct caspian_error *err)
{
	enum caspian_freq f;
	long p, o, back;
	if (cli_parse_period(text, &f, &p))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "'%s' is not a period (forms: 2017, 2017Q3, 2017-03, 2017-W05, 2017-03-15)",
					 text);
	if (f == s->freq) {
		*out = p;
		return CASPIAN_OK;
	}
	if (f > s->freq)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "%s is %s; '%s' is a finer %s period",
					 s->name, caspian_freq_name(s->freq), text, caspian_freq_name(f));
	long day = upper ? first_day(f, p + 1) - 1 : first_day(f, p);
	caspian_period_convert(CASPIAN_FREQ_DAILY, day, s->freq, &o);
	caspian_period_convert(s->freq, o, f, &back);
	if (!upper && back < p)
		o++;
	if (upper && back > p)
		o--;
	*out = o;
	return CASPIAN_OK;
}

/* The periods of s that --from and --to (NULL: open) cover, as [lo, hi]. */
static int range_for(const struct caspian_series *s, const char *from, const char *to,
		     long range[2], struct caspian_error *err)
{
	int rc;
	range[0] = LONG_MIN;
	range[1] = LONG_MAX;
	if ((from && (rc = bound_for(s, from, 0, &range[0], err))) ||
	    (to && (rc = bound_for(s, to, 1, &range[1], err))))
		return rc;
	if (from && to && range[0] > range[1]) /* only two bounds can cross */
		return caspian_error_set(err, CASPIAN_EINVAL, "--to %s is before --from %s", to, from);
	return CASPIAN_OK;
}

/* The output's rows: series i of p and its statistics st[i]. */
struct stats_rows {
	const struct caspian_panel *p;
	const struct caspian_stats *st;
};

static int stats_rows(const void *arg, size_t i0, size_t i1, struct caspian_table *t,
		      struct caspian_error *err)
{
	const struct stats_rows *r = arg;
	int rc = CASPIAN_OK;
	for (size_t i = i0; rc == CASPIAN_OK && i < i1; i++) {
		const struct caspian_series *s = &r->p->series[i];
		const struct caspian_stats *st = &r->st[i];
		if ((rc = caspian_table_add_row(t, err)) ||
		    (rc = caspian_table_set_text_stable(t, 0, s->name, err)))
			break;
		if (st->count && ((rc = caspian_table_set_period(t, 8, s->freq, st->first_period, err)) ||
				  (rc = caspian_table_set_period(t, 10, s->freq, st->last_period, err))))
			break;
		caspian_table_set_number(t, 1, (double)st->count);
		caspian_table_set_number(t, 2, (double)st->missing);
		caspian_table_set_number(t, 3, st->sum);
		caspian_table_set_number(t, 4, st->mean);
		caspian_table_set_number(t, 5, st->min);
		caspian_table_set_number(t, 6, st->max);
		caspian_table_set_number(t, 7, st->first);
		caspian_table_set_number(t, 9, st->last);
	}
	return rc;
}

/*
 * Every series' range first, so that a bad --from or --to stops the command
 * before anything is printed; then the statistics, the series shared out
 * among the threads.
 */
static int compute_stats(const struct caspian_panel *p, const char *from, const char *to,
			 struct caspian_stats *st, struct caspian_error *err)
{
	long (*range)[2] = malloc((p->count ? p->count : 1) * sizeof(*range));
	if (!range)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	int rc = CASPIAN_OK;
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++)
		rc = range_for(&p->series[i], from, to, range[i], err);
	long count = rc == CASPIAN_OK ? (long)p->count : 0;
#pragma omp parallel for schedule(dynamic, 256) if (count > 1024)
	for (long i = 0; i < count; i++)
		caspian_agg_stats(&p->series[i], range[i][0], range[i][1], &st[i]);
	free(range);
	return rc;
}

int cmd_stats(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		CLI_SHARD_OPTION,
		CLI_RANGE_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		if ((rc = cli_common_option(ctx, "stats", c, optarg, &co)) > 0)
			return rc;
	const char *from = co.from, *to = co.to;
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "stats", "expected SERIES or GLOB");

	struct caspian_error err;
	struct caspian_panel *p = NULL;
	struct caspian_stats *st = NULL;
	struct caspian_table *t = NULL;
	struct stats_rows rows;
	caspian_error_init(&err);
	rc = cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err);
	if (rc == CASPIAN_OK && !(st = malloc((p->count ? p->count : 1) * sizeof(*st))))
		rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = compute_stats(p, from, to, st, &err);
	if (rc == CASPIAN_OK) {
		rows = (struct stats_rows){p, st};
		t = caspian_table_alloc_fill(cols, sizeof(cols) / sizeof(cols[0]), p->count,
					     stats_rows, &rows);
		if (!t)
			rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	}
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co.format);
	caspian_table_free(t);
	free(st);
	caspian_panel_free(p);
	return rc;
}
