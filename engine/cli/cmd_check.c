#include <errno.h>
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
	"usage: caspian check CLAIMS.csv [--format table|csv|json]\n"
	"                     [--series GLOB]... [--file F [--wide]]\n\n"
	"Check published figures against each other.  CLAIMS.csv holds one stated\n"
	"figure per row (format: docs/claims.md; '-' reads stdin).  For every claim\n"
	"it computes what the other claims imply, as an interval that carries the\n"
	"stated precision (\"9.5-fold\" is 9.45 to 9.55), and says whether the claim\n"
	"is consistent, partly consistent or inconsistent with it; it also lists\n"
	"figures the claims imply but do not state, and those that cannot be derived.\n\n"
	"  --series GLOB  also compare with these stored series (or series of --file);\n"
	"                 a claim is compared with the series named by its subject\n"
	"  --file F       read series from CSV file F instead of the store; without\n"
	"                 --series every series of F is used\n\n"
	"Rates and shares are fractions in CSV and JSON (0.325) and percentages in\n"
	"tables.  Exit status: 0 when no claim is inconsistent, 1 when one is,\n"
	"3 when the claims file is malformed, 4 when it cannot be read.\n";

enum { OPT_SERIES = CLI_OPT_FIRST_FREE };

static const struct caspian_column csv_cols[] = {
	{"claim", CASPIAN_COL_TEXT},           {"subject", CASPIAN_COL_TEXT},
	{"quantity", CASPIAN_COL_TEXT},        {"verdict", CASPIAN_COL_TEXT},
	{"unit", CASPIAN_COL_TEXT},            {"stated_lo", CASPIAN_COL_NUMBER},
	{"stated_lo_open", CASPIAN_COL_INTEGER}, {"stated_hi", CASPIAN_COL_NUMBER},
	{"stated_hi_open", CASPIAN_COL_INTEGER}, {"implied_lo", CASPIAN_COL_NUMBER},
	{"implied_lo_open", CASPIAN_COL_INTEGER}, {"implied_hi", CASPIAN_COL_NUMBER},
	{"implied_hi_open", CASPIAN_COL_INTEGER}, {"implied_exact", CASPIAN_COL_NUMBER},
	{"gap", CASPIAN_COL_NUMBER},           {"formula", CASPIAN_COL_TEXT},
	{"sources", CASPIAN_COL_TEXT},         {"note", CASPIAN_COL_TEXT},
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static int is_percent(const char *unit)
{
	return strcmp(unit, "percent") == 0;
}

enum { PEOPLE_COLS = 6, CELL_SIZE = 192 };

struct people_row {
	char cell[PEOPLE_COLS][CELL_SIZE];
};

static void people_row(const struct caspian_claims *cl, const struct caspian_finding *f,
		       struct people_row *row)
{
	memset(row, 0, sizeof(*row));
	snprintf(row->cell[0], CELL_SIZE, "%s", cl->items[f->claim].id);
	snprintf(row->cell[1], CELL_SIZE, "%s", f->quantity);
	snprintf(row->cell[2], CELL_SIZE, "%s", caspian_verdict_name(f->verdict));
	if (f->has_stated)
		cli_interval_text(f->stated, is_percent(f->unit), row->cell[3], CELL_SIZE);
	if (f->has_implied)
		cli_interval_text(f->implied.range, is_percent(f->unit), row->cell[4], CELL_SIZE);
	if (f->has_implied && !isnan(f->implied.point))
		cli_bound_text(f->implied.point, is_percent(f->unit), row->cell[5], CELL_SIZE);
}

/* One line, columns padded to width, without trailing blanks. */
static void print_line(FILE *out, char (*cells)[CELL_SIZE], const size_t *width)
{
	char line[PEOPLE_COLS * (CELL_SIZE + 2)];
	size_t len = 0;
	for (size_t j = 0; j < PEOPLE_COLS; j++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%-*s", j ? "  " : "",
					(int)width[j], cells[j]);
	while (len > 0 && line[len - 1] == ' ')
		line[--len] = '\0';
	fprintf(out, "%s\n", line);
}

/* For people: an aligned table; the formulas and notes follow it. */
static int write_people(FILE *out, const struct caspian_claims *cl,
			const struct caspian_check_report *r, struct caspian_error *err)
{
	static const char *const head[PEOPLE_COLS] = {"claim",  "quantity", "verdict",
						      "stated", "implied",  "exact"};
	struct people_row hdr, *rows = calloc(r->count ? r->count : 1, sizeof(*rows));
	size_t width[PEOPLE_COLS] = {0};
	if (!rows)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t j = 0; j < PEOPLE_COLS; j++) {
		snprintf(hdr.cell[j], CELL_SIZE, "%s", head[j]);
		width[j] = strlen(head[j]);
	}
	for (size_t k = 0; k < r->count; k++) {
		people_row(cl, &r->items[k], &rows[k]);
		for (size_t j = 0; j < PEOPLE_COLS; j++)
			if (strlen(rows[k].cell[j]) > width[j])
				width[j] = strlen(rows[k].cell[j]);
	}
	print_line(out, hdr.cell, width);
	for (size_t k = 0; k < r->count; k++)
		print_line(out, rows[k].cell, width);
	free(rows);
	return CASPIAN_OK;
}

static int add_csv_row(struct caspian_table *t, const struct caspian_claims *cl,
		       const struct caspian_finding *f, struct caspian_error *err)
{
	int rc;
	const char *texts[] = {cl->items[f->claim].id, cl->items[f->claim].subject, f->quantity,
			       caspian_verdict_name(f->verdict), f->unit};
	if ((rc = caspian_table_add_row(t, err)))
		return rc;
	for (size_t j = 0; j < NCOLS(texts); j++)
		if ((rc = caspian_table_set_text(t, j, texts[j], err)))
			return rc;
	if (f->has_stated) {
		caspian_table_set_number(t, 5, f->stated.lo);
		caspian_table_set_number(t, 6, f->stated.lo_open);
		caspian_table_set_number(t, 7, f->stated.hi);
		caspian_table_set_number(t, 8, f->stated.hi_open);
	}
	if (f->has_implied) {
		caspian_table_set_number(t, 9, f->implied.range.lo);
		caspian_table_set_number(t, 10, f->implied.range.lo_open);
		caspian_table_set_number(t, 11, f->implied.range.hi);
		caspian_table_set_number(t, 12, f->implied.range.hi_open);
		caspian_table_set_number(t, 13, f->implied.point);
	}
	if (f->verdict == CASPIAN_VERDICT_INCONSISTENT)
		caspian_table_set_number(t, 14, f->gap);
	if ((rc = caspian_table_set_text(t, 15, f->formula, err)) ||
	    (rc = caspian_table_set_text(t, 16, f->sources, err)))
		return rc;
	return caspian_table_set_text(t, 17, f->note, err);
}

/* Below the table: how each row was computed, and what it means. */
static void write_notes(FILE *out, const struct caspian_claims *cl,
			const struct caspian_check_report *r)
{
	fputs("How each figure was found:\n", out);
	for (size_t k = 0; k < r->count; k++) {
		const struct caspian_finding *f = &r->items[k];
		fprintf(out, "  %s, %s:", cl->items[f->claim].id, f->quantity);
		if (*f->formula)
			fprintf(out, " %s", f->formula);
		if (*f->sources)
			fprintf(out, " [%s]", f->sources);
		if (*f->note)
			fprintf(out, " %s", f->note);
		fputc('\n', out);
	}
	fprintf(out, "%zu claims, %zu findings: %zu consistent, %zu partly consistent, "
		     "%zu inconsistent, %zu derived, %zu not derivable, %zu unchecked.\n",
		cl->count, r->count, r->by_verdict[CASPIAN_VERDICT_CONSISTENT],
		r->by_verdict[CASPIAN_VERDICT_PARTLY], r->by_verdict[CASPIAN_VERDICT_INCONSISTENT],
		r->by_verdict[CASPIAN_VERDICT_DERIVED], r->by_verdict[CASPIAN_VERDICT_UNDERIVABLE],
		r->by_verdict[CASPIAN_VERDICT_UNCHECKED]);
}

static int read_claims(const char *path, struct caspian_claims **out, struct caspian_error *err)
{
	if (strcmp(path, "-") == 0)
		return caspian_claims_read(stdin, "-", out, err);
	FILE *f = fopen(path, "rb");
	if (!f)
		return caspian_error_set(err, CASPIAN_EIO, "cannot open %s: %s", path,
					 strerror(errno));
	int rc = caspian_claims_read(f, path, out, err);
	fclose(f);
	return rc;
}

static int load_series(struct cli_ctx *ctx, const struct cli_common *co, char **patterns,
		       int npatterns, struct caspian_panel **out, struct caspian_error *err)
{
	char *all[] = {"*"};
	if (npatterns == 0 && !co->src.file)
		return CASPIAN_OK;
	if (npatterns == 0) {
		patterns = all;
		npatterns = 1;
	}
	int rc = cli_load_many(ctx, &co->src, patterns, npatterns, out, err);
	if (rc == CASPIAN_OK)
		caspian_panel_sort(*out);
	return rc;
}

static int write_report(struct cli_ctx *ctx, const struct caspian_claims *cl,
			const struct caspian_check_report *r, enum cli_format format,
			struct caspian_error *err)
{
	int code = r->by_verdict[CASPIAN_VERDICT_INCONSISTENT] ? CLI_NO : CLI_OK;
	if (format == CLI_FORMAT_TABLE) {
		if (write_people(ctx->out, cl, r, err))
			return cli_fail(ctx, err);
		write_notes(ctx->out, cl, r);
		return cli_finish(ctx, code);
	}
	struct caspian_table *t = caspian_table_alloc(csv_cols, NCOLS(csv_cols));
	int rc = t ? CASPIAN_OK : caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t k = 0; rc == CASPIAN_OK && k < r->count; k++)
		rc = add_csv_row(t, cl, &r->items[k], err);
	if (rc) {
		caspian_table_free(t);
		return cli_fail(ctx, err);
	}
	rc = cli_write_table(ctx, t, format);
	caspian_table_free(t);
	return rc == CLI_OK ? cli_finish(ctx, code) : rc;
}

int cmd_check(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"series", required_argument, NULL, OPT_SERIES},
		{NULL, 0, NULL, 0},
	};
	struct cli_common co = {0};
	char *patterns[64];
	int npatterns = 0, c, rc;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = cli_common_option(ctx, "check", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		if (c == OPT_SERIES) {
			if (npatterns == (int)NCOLS(patterns))
				return cli_usage(ctx, "check", "at most %zu --series options",
						 NCOLS(patterns));
			patterns[npatterns++] = optarg;
		}
	}
	if (co.help)
		return cli_help(ctx, usage);
	if (optind != argc - 1)
		return cli_usage(ctx, "check", optind >= argc ? "expected CLAIMS.csv"
							      : "expected one claims file");

	struct caspian_error err;
	struct caspian_claims *cl = NULL;
	struct caspian_panel *panel = NULL;
	struct caspian_check_report *r = NULL;
	struct caspian_check_opts o = {0};
	caspian_error_init(&err);
	if ((rc = read_claims(argv[optind], &cl, &err)) ||
	    (rc = load_series(ctx, &co, patterns, npatterns, &panel, &err))) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	o.panel = panel;
	if (caspian_check_run(cl, &o, &r, &err)) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rc = write_report(ctx, cl, r, co.format, &err);
out:
	caspian_check_report_free(r);
	caspian_panel_free(panel);
	caspian_claims_free(cl);
	return rc;
}
