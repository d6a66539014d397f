/*
 * cmd_plot.c - caspian plot: series (and their forecasts) as an SVG chart.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/plot.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian plot SERIES|GLOB... -o FILE [--from P] [--to P] [--log]\n"
	"                    [--title TEXT] [--size WxH] [--file F [--wide]]\n\n"
	"Draw the series as an SVG line chart in FILE (\"-\": standard output): a\n"
	"line per series, a dot per observation when there are few, dotted lines\n"
	"across missing periods, the unit on the value axis, the series name as\n"
	"the title, the sources as a caption, and a legend when there are several\n"
	"series (which must share one frequency).  --from and --to limit the\n"
	"periods shown; --log puts the values on a log10 scale.  --size sets the\n"
	"size in pixels (default 800x480).  FILE is written whole or not at all.\n";

enum { OPT_FROM = CLI_OPT_FIRST_FREE, OPT_TO, OPT_LOG, OPT_TITLE, OPT_SIZE };

struct plot_args {
	const char *out, *from, *to;
	struct caspian_plot_opts po;
};

static int parse_size(const char *text, unsigned *w, unsigned *h)
{
	char *x = strchr(text, 'x');
	long a, b;
	char first[16];
	if (!x || (size_t)(x - text) >= sizeof(first))
		return -1;
	memcpy(first, text, (size_t)(x - text));
	first[x - text] = '\0';
	if (cli_parse_long(first, &a) || cli_parse_long(x + 1, &b) || a < 200 || b < 150 ||
	    a > 20000 || b > 20000)
		return -1;
	*w = (unsigned)a;
	*h = (unsigned)b;
	return 0;
}

/* The periods of s between --from and --to, as a copy in dst. */
static int add_window(struct caspian_panel *dst, const struct caspian_series *s,
		      const struct plot_args *a, struct caspian_error *err)
{
	long from = s->start, to = caspian_series_end(s);
	size_t idx;
	int rc;
	if ((a->from && (rc = cli_period_for(s, a->from, &from, err))) ||
	    (a->to && (rc = cli_period_for(s, a->to, &to, err))))
		return rc;
	if (from > to)
		return caspian_error_set(err, CASPIAN_EINVAL, "--from %s comes after --to %s",
					 a->from, a->to);
	if ((rc = caspian_panel_add_empty(dst, s->name, s->freq, from, (size_t)(to - from + 1),
					  &idx, err)))
		return rc;
	struct caspian_series *d = &dst->series[idx];
	for (long p = from; p <= to; p++)
		d->values[p - from] = caspian_series_at(s, p);
	return caspian_series_set_meta(d, s->unit, s->source, s->note, err);
}

static int draw(struct cli_ctx *ctx, const struct caspian_panel *p, const struct plot_args *a,
		struct caspian_error *err)
{
	struct cli_atomic out;
	int rc = cli_open_atomic(ctx, a->out, &out);
	if (rc)
		return rc;
	int st = caspian_plot_svg(p->series, p->count, NULL, &a->po, out.f, err);
	rc = cli_commit_atomic(ctx, &out, st == CASPIAN_OK);
	if (st)
		return cli_fail(ctx, err);
	return rc;
}

int cmd_plot(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"output", required_argument, NULL, 'o'},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"log", no_argument, NULL, OPT_LOG},
		{"title", required_argument, NULL, OPT_TITLE},
		{"size", required_argument, NULL, OPT_SIZE},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	struct plot_args a = {0};
	int c, rc;
	caspian_plot_opts_init(&a.po);
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "plot", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case 'o': a.out = optarg; break;
		case OPT_FROM: a.from = optarg; break;
		case OPT_TO: a.to = optarg; break;
		case OPT_LOG: a.po.log_scale = 1; break;
		case OPT_TITLE: a.po.title = optarg; break;
		case OPT_SIZE:
			if (parse_size(optarg, &a.po.width, &a.po.height))
				return cli_usage(ctx, "plot",
						 "--size takes WIDTHxHEIGHT in pixels, at least 200x150, not '%s'",
						 optarg);
			break;
		}
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind >= argc)
		return cli_usage(ctx, "plot", "expected SERIES or GLOB");
	if (!a.out)
		return cli_usage(ctx, "plot", "-o FILE is required (\"-o -\" writes to standard output)");
	if (co.format != CLI_FORMAT_TABLE)
		return cli_usage(ctx, "plot", "--format does not apply: plot writes SVG");

	struct caspian_error err;
	struct caspian_panel *all = NULL, *shown = caspian_panel_alloc();
	caspian_error_init(&err);
	rc = shown ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &all, &err)
		   : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; rc == CASPIAN_OK && i < all->count; i++)
		rc = add_window(shown, &all->series[i], &a, &err);
	rc = rc ? cli_fail(ctx, &err) : draw(ctx, shown, &a, &err);
	caspian_panel_free(shown);
	caspian_panel_free(all);
	return rc;
}
