/*
 * cmd_plot.c - caspian plot: series (and their forecasts) as an SVG chart.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/forecast.h"
#include "caspian/plot.h"
#include "cli.h"
#include "fc_cli.h"

static const char usage[] =
	"usage: caspian plot SERIES|GLOB... -o FILE [--from P] [--to P] [--log]\n"
	"                    [--forecast METHOD [--h N] [--level L,...] [--season N]\n"
	"                    [--seed S]] [--title TEXT] [--size WxH] [--file F [--wide]]\n\n"
	"Draw the series as an SVG line chart in FILE (\"-\": standard output): a\n"
	"line per series, a dot per observation when there are few, dotted lines\n"
	"across missing periods, the unit on the value axis, the series name as\n"
	"the title, the sources as a caption, and a legend when there are several\n"
	"series (which must share one frequency).  --from and --to limit the\n"
	"periods shown; --log puts the values on a log10 scale.  --size sets the\n"
	"size in pixels (default 800x480).  FILE is written whole or not at all.\n\n"
	"--forecast METHOD also forecasts each series from the values shown, with\n"
	"a method of 'caspian forecast --help' (auto, ets, ets:MAdM, theta, naive,\n"
	"...), for N periods after its last value (default: two seasons, or 5\n"
	"periods for annual series), and draws the forecast as a dashed line in\n"
	"shaded prediction intervals at the levels given in percent (default\n"
	"80,95), the widest lightest: a fan chart.  --season and --seed are those\n"
	"of 'caspian forecast'.\n";

enum {
	OPT_FROM = CLI_OPT_FIRST_FREE,
	OPT_TO,
	OPT_LOG,
	OPT_TITLE,
	OPT_SIZE,
	OPT_FORECAST,
	OPT_H,
	OPT_LEVEL
};

struct plot_args {
	const char *out, *from, *to;
	struct caspian_plot_opts po;
	const char *method_text, *level_text;
	const struct caspian_method *method;
	long h;
	struct fc_cli_opts fo;
};

/* Forecasts of every series shown, in one allocation. */
struct plot_fc {
	struct caspian_plot_forecast *fc;
	double *values;
	struct fc_cli_levels lv;
	char label[160];
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

static size_t default_h(const struct caspian_series *s, const struct fc_cli_opts *fo)
{
	long m = fo->season ? fo->season : caspian_freq_season(s->freq);
	return m > 1 ? (size_t)(2 * m) : 5;
}

/* Fit series i up to its last value and forecast; messages name the series. */
static int forecast_one(const struct caspian_series *s, const struct caspian_method *m,
			const struct plot_args *a, struct plot_fc *pf, size_t i, double *buf,
			struct caspian_error *err)
{
	struct caspian_fc_opts opts;
	struct caspian_fc_details det;
	struct caspian_error e;
	long first, last;
	size_t h = a->h ? (size_t)a->h : default_h(s, &a->fo);
	size_t nl = pf->lv.n;
	caspian_error_init(&e);
	if (!caspian_series_span(s, &first, &last))
		return caspian_error_set(err, CASPIAN_EDOM, "%s has no values to forecast from",
					 s->name);
	fc_cli_fit_opts(s, &a->fo, &opts);
	int rc = caspian_fc_run(m, s->values, (size_t)(last - s->start + 1), &opts, h,
				pf->lv.level, nl, buf, buf + h, buf + h + nl * h, &det, &e);
	if (rc)
		return caspian_error_set(err, rc, "%s: %s", s->name, e.msg);
	pf->fc[i] = (struct caspian_plot_forecast){last + 1, h, buf, nl, pf->lv.level,
						   buf + h, buf + h + nl * h, pf->label};
	if (i == 0) { /* a legend, so a long model (comb's members) is cut, visibly */
		int len = (int)strnlen(det.model, 140), cut = det.model[len] != '\0';
		snprintf(pf->label, sizeof(pf->label), "forecast: %.*s%s", cut ? 137 : len,
			 det.model, cut ? "..." : "");
	}
	return CASPIAN_OK;
}

static int forecast_all(const struct caspian_panel *p, const struct plot_args *a,
			struct plot_fc *pf, struct caspian_error *err)
{
	size_t total = 0;
	int rc = CASPIAN_OK;
	for (size_t i = 0; i < p->count; i++)
		total += (a->h ? (size_t)a->h : default_h(&p->series[i], &a->fo)) * (1 + 2 * pf->lv.n);
	pf->fc = calloc(p->count, sizeof(*pf->fc));
	pf->values = malloc(total * sizeof(double));
	if (!pf->fc || !pf->values)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	double *buf = pf->values;
	for (size_t i = 0; rc == CASPIAN_OK && i < p->count; i++) {
		rc = forecast_one(&p->series[i], a->method, a, pf, i, buf, err);
		buf += pf->fc[i].h * (1 + 2 * pf->lv.n);
	}
	/* one legend entry stands for every forecast: name the method when several */
	if (p->count > 1)
		snprintf(pf->label, sizeof(pf->label), "forecast (%s)", a->method_text);
	return rc;
}

static int draw(struct cli_ctx *ctx, const struct caspian_panel *p, const struct plot_args *a,
		struct caspian_error *err)
{
	struct plot_fc pf = {0};
	int st = CASPIAN_OK, rc;
	if (a->method_text) {
		fc_cli_parse_levels(a->level_text, &pf.lv); /* checked in cmd_plot */
		if ((st = forecast_all(p, a, &pf, err))) {
			free(pf.fc);
			free(pf.values);
			cli_fail(ctx, err);
			/* as 'caspian forecast' does: a series that cannot be forecast is bad input */
			return st == CASPIAN_ENOMEM || st == CASPIAN_EIO ? CLI_STORE : CLI_INPUT;
		}
	}
	if (st == CASPIAN_OK) {
		struct cli_atomic out;
		if ((rc = cli_open_atomic(ctx, a->out, &out))) {
			free(pf.fc);
			free(pf.values);
			return rc;
		}
		st = caspian_plot_svg(p->series, p->count, pf.fc, &a->po, out.f, err);
		rc = cli_commit_atomic(ctx, &out, st == CASPIAN_OK);
	}
	free(pf.fc);
	free(pf.values);
	if (st) {
		rc = cli_fail(ctx, err);
		if (st == CASPIAN_EDOM && a->po.log_scale && a->method_text)
			fprintf(ctx->err, "caspian: plot: on a log scale the intervals must stay positive: "
					  "drop --log, or use a method for positive data (cagr, logtrend, ets:MAN)\n");
	}
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
		{"forecast", required_argument, NULL, OPT_FORECAST},
		{"h", required_argument, NULL, OPT_H},
		{"level", required_argument, NULL, OPT_LEVEL},
		FC_CLI_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	struct plot_args a = {.level_text = "80,95"};
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
		case OPT_FORECAST: a.method_text = optarg; break;
		case OPT_LEVEL: a.level_text = optarg; break;
		case OPT_H:
			if (cli_parse_long(optarg, &a.h) || a.h < 1 || a.h > FC_CLI_MAX_H)
				return cli_usage(ctx, "plot",
						 "--h must be a whole number from 1 to %d, not '%s'",
						 FC_CLI_MAX_H, optarg);
			break;
		default:
			if ((rc = fc_cli_option(ctx, "plot", c, optarg, &a.fo)) != 0)
				return rc < 0 ? cli_usage(ctx, "plot", "unexpected option") : rc;
		}
	}
	if (co.help)
		return cli_help(ctx, usage);
	struct fc_cli_levels lv;
	if (fc_cli_parse_levels(a.level_text, &lv) || lv.n > CASPIAN_PLOT_LEVELS_MAX)
		return cli_usage(ctx, "plot",
				 "--level wants up to %d percentages between 0 and 100, like 80,95; not '%s'",
				 CASPIAN_PLOT_LEVELS_MAX, a.level_text);
	if (optind >= argc)
		return cli_usage(ctx, "plot", "expected SERIES or GLOB");
	if (!a.out)
		return cli_usage(ctx, "plot", "-o FILE is required (\"-o -\" writes to standard output)");
	if (co.format != CLI_FORMAT_TABLE)
		return cli_usage(ctx, "plot", "--format does not apply: plot writes SVG");
	if (!a.method_text && (a.h || a.fo.season || a.fo.seed || strcmp(a.level_text, "80,95")))
		return cli_usage(ctx, "plot", "--h, --level, --season and --seed go with --forecast METHOD");
	struct caspian_error err;
	caspian_error_init(&err);
	if (a.method_text && (caspian_method_parse(a.method_text, &a.method, &a.fo.spec, &err) ||
			      caspian_fc_check_spec(a.method, a.fo.spec, &err)))
		return cli_usage(ctx, "plot", "%s", err.msg);

	struct caspian_panel *all = NULL, *shown = caspian_panel_alloc();
	rc = shown ? cli_load_many(ctx, &co.src, argv + optind, argc - optind, &all, &err)
		   : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; rc == CASPIAN_OK && i < all->count; i++)
		rc = add_window(shown, &all->series[i], &a, &err);
	rc = rc ? cli_fail(ctx, &err) : draw(ctx, shown, &a, &err);
	caspian_panel_free(shown);
	caspian_panel_free(all);
	return rc;
}
