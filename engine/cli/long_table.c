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

static int long_rows(const void *arg, size_t i0, size_t i1, struct caspian_table *t,
		     struct caspian_error *err)
{
	const struct long_rows *r = arg;
	const struct cli_long *l = r->l;
	size_t k = series_of_row(r, i0), j = i0 - r->row_start[k];
	int rc = CASPIAN_OK;
	for (size_t i = i0; rc == CASPIAN_OK && i < i1; i++, j++) {
		while (r->row_start[k] + j >= r->row_start[k + 1]) { /* past series k */
			k++;
			j = 0;
		}
		const struct caspian_series *s = &l->keys->series[k];
		long period = (l->first ? l->first[k] : s->start) + (long)j;
		if ((rc = caspian_table_add_row(t, err)) ||
		    (rc = caspian_table_set_text_stable(t, 0, s->name, err)) ||
		    (rc = caspian_table_set_period(t, 1, s->freq, period, err)))
			break;
		size_t col = 2;
		for (size_t c = 0; c < l->nvalues; c++)
			caspian_table_set_number(t, col++, caspian_series_at(&l->values[c]->series[k], period));
		long at = period - s->start; /* the row's value in s, if s has one there */
		if (l->flag && at >= 0 && (size_t)at < s->n)
			caspian_table_set_number(t, col,
						 l->flag[(size_t)(s->values - l->keys->buffer) + (size_t)at]);
		col += l->flag != NULL;
		if (l->meta && ((rc = caspian_table_set_text_stable(t, col, s->unit, err)) ||
				(rc = caspian_table_set_text_stable(t, col + 1, s->source, err)) ||
				(rc = caspian_table_set_text_stable(t, col + 2, s->note, err))))
			break;
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
