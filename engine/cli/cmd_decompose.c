#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/check.h"
#include "caspian/claims.h"
#include "caspian/interval.h"
#include "caspian/output.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian decompose (--total-fold F | --total-start L0 --total-end L1)\n"
	"                         --component NAME=FOLD --component NAME=FOLD ...\n"
	"                         [--total-start L0] [--exact] [--format table|csv|json]\n\n"
	"Split a total's growth among its parts.  A total's fold F is the mean of its\n"
	"parts' folds F_i weighted by their base-period shares s_i, so the folds\n"
	"give the shares: with two parts s_1 = (F_2 - F) / (F_2 - F_1).  With the\n"
	"total's base level L0 it also gives each part's base and end levels.  With\n"
	"more than two parts the shares are not fixed; each figure is reported as\n"
	"its range over every mix that fits.\n\n"
	"Numbers are read as printed: 9.5 means 9.45 to 9.55, 8 means 7.5 to 8.5, and\n"
	"every figure comes with the range this rounding allows next to its value\n"
	"read as exact.  --exact reads the numbers as exact instead.\n\n"
	"  --total-fold F         the total's end value over its start value\n"
	"  --total-start L0       the total's base-period level\n"
	"  --total-end L1         the total's end level (the fold is then L1 / L0)\n"
	"  --component NAME=FOLD  a part and its fold; at least two, at most 64\n\n"
	"Shares are fractions in CSV and JSON (0.8125) and percentages in tables.\n"
	"Exit status: 0 on success, 2 for a bad command line, 3 when no shares make\n"
	"the total's fold from the parts' (it lies outside them).\n";

enum { OPT_FOLD = CLI_OPT_FIRST_FREE, OPT_START, OPT_END, OPT_COMPONENT, OPT_EXACT };
enum { PARTS_MAX = 64 };

static const struct caspian_column csv_cols[] = {
	{"part", CASPIAN_COL_TEXT},    {"quantity", CASPIAN_COL_TEXT},
	{"unit", CASPIAN_COL_TEXT},    {"exact", CASPIAN_COL_NUMBER},
	{"lo", CASPIAN_COL_NUMBER},    {"lo_open", CASPIAN_COL_INTEGER},
	{"hi", CASPIAN_COL_NUMBER},    {"hi_open", CASPIAN_COL_INTEGER},
};

static const struct caspian_column people_cols[] = {
	{"part", CASPIAN_COL_TEXT},  {"quantity", CASPIAN_COL_TEXT},
	{"exact", CASPIAN_COL_TEXT}, {"range", CASPIAN_COL_TEXT},
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

struct args {
	const char *fold, *start, *end;
	const char *names[PARTS_MAX];
	const char *folds[PARTS_MAX];
	size_t nparts;
	int exact;
	enum cli_format format;
};

static int add_row(struct caspian_table *t, int people, const char *part, const char *quantity,
		   const char *unit, struct caspian_figure f, const struct caspian_figure *exact_range,
		   struct caspian_error *err)
{
	int percent = strcmp(unit, "percent") == 0, rc;
	if ((rc = caspian_table_add_row(t, err)) || (rc = caspian_table_set_text(t, 0, part, err)) ||
	    (rc = caspian_table_set_text(t, 1, quantity, err)))
		return rc;
	if (people) {
		char e[160], r[160];
		if (exact_range)
			cli_interval_text(exact_range->range, percent, e, sizeof(e));
		else
			cli_bound_text(f.point, percent, e, sizeof(e));
		cli_interval_text(f.range, percent, r, sizeof(r));
		if ((rc = caspian_table_set_text(t, 2, e, err)))
			return rc;
		return caspian_table_set_text(t, 3, r, err);
	}
	caspian_table_set_number(t, 3, f.point);
	caspian_table_set_number(t, 4, f.range.lo);
	caspian_table_set_number(t, 5, f.range.lo_open);
	caspian_table_set_number(t, 6, f.range.hi);
	caspian_table_set_number(t, 7, f.range.hi_open);
	return caspian_table_set_text(t, 2, unit, err);
}

static int parse_figure(struct cli_ctx *ctx, const char *opt, const char *text, int exact,
			struct caspian_figure *out)
{
	struct caspian_error err;
	caspian_error_init(&err);
	if (caspian_stated_interval(text, NULL, CASPIAN_QUAL_EXACT, exact ? "none" : NULL, 0, 0,
				    &out->range, &out->point, &err))
		return cli_usage(ctx, "decompose", "%s: %s", opt, err.msg);
	return 0;
}

static int parse_args(int argc, char **argv, struct cli_ctx *ctx, struct args *a, int *help)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, CLI_OPT_FORMAT},
		{"help", no_argument, NULL, 'h'},
		{"total-fold", required_argument, NULL, OPT_FOLD},
		{"total-start", required_argument, NULL, OPT_START},
		{"total-end", required_argument, NULL, OPT_END},
		{"component", required_argument, NULL, OPT_COMPONENT},
		{"exact", no_argument, NULL, OPT_EXACT},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	int c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "decompose", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		if (c == OPT_FOLD) {
			a->fold = optarg;
		} else if (c == OPT_START) {
			a->start = optarg;
		} else if (c == OPT_END) {
			a->end = optarg;
		} else if (c == OPT_EXACT) {
			a->exact = 1;
		} else if (c == OPT_COMPONENT) {
			char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg || !eq[1])
				return cli_usage(ctx, "decompose",
						 "--component takes NAME=FOLD, not '%s'", optarg);
			if (a->nparts == PARTS_MAX)
				return cli_usage(ctx, "decompose", "at most %d components",
						 PARTS_MAX);
			*eq = '\0';
			a->names[a->nparts] = optarg;
			a->folds[a->nparts++] = eq + 1;
		}
	}
	*help = co.help;
	a->format = co.format;
	if (co.help)
		return 0;
	if (optind < argc)
		return cli_usage(ctx, "decompose", "unexpected argument '%s'", argv[optind]);
	if (a->fold && a->end)
		return cli_usage(ctx, "decompose",
				 "give the total's fold or its end level, not both");
	if (!a->fold && !(a->start && a->end))
		return cli_usage(ctx, "decompose",
				 "give --total-fold, or --total-start and --total-end");
	if (a->nparts < 2)
		return cli_usage(ctx, "decompose", "give at least two --component NAME=FOLD");
	return 0;
}

/* Fill d (with parts) from the arguments; exact: read every number as exact. */
static int build(struct cli_ctx *ctx, const struct args *a, int exact,
		 struct caspian_decompose *d, struct caspian_decompose_part *parts)
{
	struct caspian_figure end;
	struct caspian_error err;
	int rc;
	memset(d, 0, sizeof(*d));
	memset(parts, 0, sizeof(*parts) * a->nparts);
	if (a->start) {
		if ((rc = parse_figure(ctx, "--total-start", a->start, exact, &d->total_base)))
			return rc;
		d->has_base = 1;
	}
	if (a->fold && (rc = parse_figure(ctx, "--total-fold", a->fold, exact, &d->total_fold)))
		return rc;
	if (a->end) {
		if ((rc = parse_figure(ctx, "--total-end", a->end, exact, &end)))
			return rc;
		caspian_error_init(&err);
		if (caspian_interval_div(end.range, d->total_base.range, &d->total_fold.range, &err))
			return cli_usage(ctx, "decompose", "--total-start: %s", err.msg);
		d->total_fold.point = end.point / d->total_base.point;
	}
	for (size_t i = 0; i < a->nparts; i++) {
		parts[i].name = a->names[i];
		if ((rc = parse_figure(ctx, a->names[i], a->folds[i], exact, &parts[i].fold)))
			return rc;
	}
	d->nparts = a->nparts;
	d->parts = parts;
	return 0;
}

static int write_rows(struct caspian_table *t, int people, const struct caspian_decompose *d,
		      const struct caspian_decompose *ex, struct caspian_error *err)
{
	int rc = add_row(t, people, "total", "fold", "fold", d->total_fold, NULL, err);
	if (!rc && d->has_base)
		rc = add_row(t, people, "total", "base level", "level", d->total_base, NULL, err);
	if (!rc && d->has_base)
		rc = add_row(t, people, "total", "end level", "level", d->total_end, NULL, err);
	for (size_t i = 0; !rc && i < d->nparts; i++) {
		const struct caspian_decompose_part *p = &d->parts[i], *e = ex ? &ex->parts[i] : NULL;
		const struct {
			const char *name, *unit;
			struct caspian_figure f;
			const struct caspian_figure *e;
			int needs_base;
		} rows[] = {
			{"fold", "fold", p->fold, NULL, 0},
			{"base share", "percent", p->base_share, e ? &e->base_share : NULL, 0},
			{"base level", "level", p->base_level, e ? &e->base_level : NULL, 1},
			{"end level", "level", p->end_level, e ? &e->end_level : NULL, 1},
			{"end share", "percent", p->end_share, e ? &e->end_share : NULL, 0},
			{"contribution", "percent", p->contribution, e ? &e->contribution : NULL, 0},
			{"share of rise", "percent", p->growth_share, e ? &e->growth_share : NULL, 0},
		};
		for (size_t k = 0; !rc && k < COUNT_OF(rows); k++)
			if (!rows[k].needs_base || d->has_base)
				rc = add_row(t, people, p->name, rows[k].name, rows[k].unit,
					     rows[k].f, rows[k].e, err);
	}
	return rc;
}

static void write_notes(FILE *out, const struct caspian_decompose *d, int exact)
{
	if (d->unique)
		fputs("Two parts: the folds fix the shares.\n", out);
	else
		fprintf(out, "%zu parts: the folds do not fix the shares; each figure is given "
			     "as its range over every mix that fits.\n"
			     "A part's base level or share would pin them down.\n",
			d->nparts);
	if (!exact)
		fputs("'exact' reads the numbers as exact; 'range' allows for their rounding.\n", out);
	if (!d->determined)
		fputs("The rounding ranges of the total's fold and a part's fold overlap, so "
		      "some shares are bounded only by 0% and 100%.\n", out);
	if (!d->point_feasible && d->unique)
		fputs("Read as exact, the total's fold is not between its parts' folds; only "
		      "the rounding makes the figures fit.\n", out);
	fputs("Contribution: s_i (F_i - 1), the part's rise as a share of the total's base "
	      "level; the contributions add up to F - 1.\n", out);
}

int cmd_decompose(int argc, char **argv, struct cli_ctx *ctx)
{
	struct args a;
	struct caspian_decompose d, ex;
	struct caspian_decompose_part parts[PARTS_MAX], exparts[PARTS_MAX];
	struct caspian_error err;
	int help = 0, rc;
	memset(&a, 0, sizeof(a));
	if ((rc = parse_args(argc, argv, ctx, &a, &help)))
		return rc;
	if (help)
		return cli_help(ctx, usage);
	if ((rc = build(ctx, &a, a.exact, &d, parts)) || (rc = build(ctx, &a, 1, &ex, exparts)))
		return rc;
	caspian_error_init(&err);
	if (caspian_decompose(&d, &err))
		return cli_fail(ctx, &err);
	/* the exact reading's feasible set, shown when the shares are not unique */
	int show_exact_ranges = !d.unique && caspian_decompose(&ex, &err) == CASPIAN_OK;

	int people = a.format == CLI_FORMAT_TABLE;
	struct caspian_table *t = people ? caspian_table_alloc(people_cols, COUNT_OF(people_cols))
					 : caspian_table_alloc(csv_cols, COUNT_OF(csv_cols));
	caspian_error_init(&err);
	rc = t ? write_rows(t, people, &d, show_exact_ranges ? &ex : NULL, &err)
	       : caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	if (rc) {
		caspian_table_free(t);
		return cli_fail(ctx, &err);
	}
	rc = cli_write_table(ctx, t, a.format);
	caspian_table_free(t);
	if (rc == CLI_OK && people) {
		write_notes(ctx->out, &d, a.exact);
		rc = cli_finish(ctx, CLI_OK);
	}
	return rc;
}
