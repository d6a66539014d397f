/*
 * The long tables that show, resample, rolling, yoy and index print: a row
 * per series and period, made while the table is written (see
 * caspian_table_alloc_fill), so that a panel of millions of values is not
 * copied into cells, names and period texts first.
 */
#include <stdlib.h>

#include "caspian/output.h"
#include "cli.h"

/* What the rows are made from: series k has rows row_start[k] .. row_start[k + 1] - 1. */
struct long_rows {
	const struct cli_long *l;
	size_t *row_start;
};

/* The series whose rows hold row i: the last k with row_start[k] <= i. */
static size_t series_of_row(const struct long_rows *r, size_t i)
{
	size_t lo = 0, hi = r->l->keys->count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->row_start[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The periods [*lo, *hi) of p0 .. p0 + n - 1 at which s has values; 0 if none. */
static int overlap(long p0, size_t n, const struct caspian_series *s, long *lo, long *hi)
{
	long end = s->start + (long)s->n;
	*lo = p0 > s->start ? p0 : s->start;
	*hi = p0 + (long)n < end ? p0 + (long)n : end;
	return *lo < *hi;
}

/* Column col of rows row .. row + n - 1, periods p0 .. p0 + n - 1, from s:
 * its values where it has them (the other cells stay missing). */
static int set_values(struct caspian_table *t, size_t col, size_t row, size_t n, long p0,
		      const struct caspian_series *s, struct caspian_error *err)
{
	long lo, hi;
	if (!overlap(p0, n, s, &lo, &hi))
		return CASPIAN_OK;
	return caspian_table_set_numbers(t, col, row + (size_t)(lo - p0), s->values + (lo - s->start),
					 (size_t)(hi - lo), err);
}

/* The flags of the values of key series s that rows row .. row + n - 1
 * (periods p0 ..) show, as numbers, a block at a time. */
static int set_flags(struct caspian_table *t, size_t col, size_t row, size_t n, long p0,
		     const struct caspian_series *s, const unsigned char *flag,
		     struct caspian_error *err)
{
	long lo, hi;
	double block[256];
	int rc = CASPIAN_OK;
	if (!overlap(p0, n, s, &lo, &hi))
		return CASPIAN_OK;
	for (long p = lo; rc == CASPIAN_OK && p < hi; p += 256) {
		size_t m = hi - p < 256 ? (size_t)(hi - p) : 256;
		for (size_t i = 0; i < m; i++)
			block[i] = flag[(size_t)(p - s->start) + i];
		rc = caspian_table_set_numbers(t, col, row + (size_t)(p - p0), block, m, err);
	}
	return rc;
}

/* Rows row .. row + n - 1 of t: series k's rows from its j-th on. */
static int series_rows(const struct cli_long *l, size_t k, size_t j, size_t row, size_t n,
		       struct caspian_table *t, struct caspian_error *err)
{
	const struct caspian_series *s = &l->keys->series[k];
	long p0 = (l->first ? l->first[k] : s->start) + (long)j;
	int rc = caspian_table_set_text_run(t, 0, row, n, s->name, err);
	if (rc == CASPIAN_OK)
		rc = caspian_table_set_period_run(t, 1, row, n, s->freq, p0, err);
	size_t col = 2;
	for (size_t c = 0; rc == CASPIAN_OK && c < l->nvalues; c++)
		rc = set_values(t, col++, row, n, p0, &l->values[c]->series[k], err);
	if (rc == CASPIAN_OK && l->flag)
		rc = set_flags(t, col++, row, n, p0, s,
			       l->flag + (size_t)(s->values - l->keys->buffer), err);
	if (rc == CASPIAN_OK && l->meta) {
		rc = caspian_table_set_text_run(t, col, row, n, s->unit, err);
		if (rc == CASPIAN_OK)
			rc = caspian_table_set_text_run(t, col + 1, row, n, s->source, err);
		if (rc == CASPIAN_OK)
			rc = caspian_table_set_text_run(t, col + 2, row, n, s->note, err);
	}
	return rc;
}

/* Rows i0 .. i1 - 1 are appended blank, then filled a series' run at a time. */
static int long_rows(const void *arg, size_t i0, size_t i1, struct caspian_table *t,
		     struct caspian_error *err)
{
	const struct long_rows *r = arg;
	size_t base = caspian_table_rows(t);
	int rc = caspian_table_add_rows(t, i1 - i0, err);
	for (size_t i = i0, k = series_of_row(r, i0); rc == CASPIAN_OK && i < i1; k++) {
		size_t end = r->row_start[k + 1] < i1 ? r->row_start[k + 1] : i1;
		if (end > i)
			rc = series_rows(r->l, k, i - r->row_start[k], base + (i - i0), end - i, t,
					 err);
		i = end > i ? end : i;
	}
	return rc;
}

int cli_write_long(struct cli_ctx *ctx, const struct caspian_column *cols, size_t ncols,
		   const struct cli_long *l, enum cli_format f)
{
	const struct caspian_panel *p = l->keys;
	struct long_rows r = {l, malloc((p->count + 1) * sizeof(*r.row_start))};
	struct caspian_table *t = NULL;
	if (r.row_start) {
		r.row_start[0] = 0;
		for (size_t k = 0; k < p->count; k++)
			r.row_start[k + 1] = r.row_start[k] + (l->rows ? l->rows[k] : p->series[k].n);
		t = caspian_table_alloc_fill(cols, ncols, r.row_start[p->count], long_rows, &r);
	}
	int rc;
	if (t) {
		rc = cli_write_table(ctx, t, f);
	} else {
		struct caspian_error err;
		caspian_error_init(&err);
		caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
		rc = cli_fail(ctx, &err);
	}
	caspian_table_free(t);
	free(r.row_start);
	return rc;
}
