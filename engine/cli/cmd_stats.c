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
	{"first_period", CASPIAN_COL_TEXT}, {"last", CASPIAN_COL_NUMBER},
	{"last_period", CASPIAN_COL_TEXT},
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

static int stats_row(struct caspian_table *t, const struct caspian_series *s,
		     const char *from, const char *to, struct caspian_error *err)
{
	char b0[CASPIAN_PERIOD_TEXT_MAX], b1[CASPIAN_PERIOD_TEXT_MAX];
	long lo = LONG_MIN, hi = LONG_MAX;
	int rc;
	if ((from && (rc = bound_for(s, from, 0, &lo, err))) ||
	    (to && (rc = bound_for(s, to, 1, &hi, err))))
		return rc;
	if (lo > hi)
		return caspian_error_set(err, CASPIAN_EINVAL, "--to %s is before --from %s", to, from);
	struct caspian_stats st;
	caspian_agg_stats(s, lo, hi, &st);
	if ((rc = caspian_table_add_row(t, err)) ||
	    (rc = caspian_table_set_text(t, 0, s->name, err)))
		return rc;
	if (st.count &&
	    ((rc = caspian_table_set_text(t, 8, cli_period_text(s->freq, st.first_period, b0), err)) ||
	     (rc = caspian_table_set_text(t, 10, cli_period_text(s->freq, st.last_period, b1), err))))
		return rc;
	caspian_table_set_number(t, 1, (double)st.count);
	caspian_table_set_number(t, 2, (double)st.missing);
	caspian_table_set_number(t, 3, st.sum);
	caspian_table_set_number(t, 4, st.mean);
	caspian_table_set_number(t, 5, st.min);
	caspian_table_set_number(t, 6, st.max);
	caspian_table_set_number(t, 7, st.first);
	caspian_table_set_number(t, 9, st.last);
	return CASPIAN_OK;
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
	struct caspian_table *t = caspian_table_alloc(cols, sizeof(cols) / sizeof(cols[0]));
	caspian_error_init(&err);
	rc = t ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &p, &err)
	       : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK)
		rc = caspian_table_reserve(t, p->count, &err);
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++)
		rc = stats_row(t, &p->series[i], from, to, &err);
	rc = rc ? cli_fail(ctx, &err) : cli_write_table(ctx, t, co.format);
	caspian_table_free(t);
	caspian_panel_free(p);
	return rc;
}
