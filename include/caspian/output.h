/*
 * caspian/output.h - results as a table of typed columns, written for people
 * (aligned text) or for scripts (CSV, JSON).
 *
 * Column kinds decide the rendering:
 *   TEXT     as is; CSV quotes when needed; JSON string
 *   NUMBER   table: up to 6 significant digits, no exponent between 1e-4 and
 *            1e15; CSV/JSON: shortest text that reads back to the same double
 *   RATE     a fraction: table shows a percentage with 2 decimals (32.50%);
 *            CSV/JSON the fraction itself (0.325), round-trip exact
 *   INTEGER  a whole number stored in a double, printed without decimals
 * A missing number (NaN) is "NA" in tables, an empty field in CSV and null in
 * JSON; a missing text cell likewise.
 *
 * CSV: a header row with the column names, then one row per result, LF line
 * ends.  JSON: an array with one object per row, keys = column names, in
 * column order.  Table: aligned columns; a table of one row and more than
 * five columns prints one "name  value" line per column instead.
 */
#ifndef CASPIAN_OUTPUT_H
#define CASPIAN_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "caspian/error.h"
#include "caspian/period.h"

enum caspian_col_kind {
	CASPIAN_COL_TEXT,
	CASPIAN_COL_NUMBER,
	CASPIAN_COL_RATE,
	CASPIAN_COL_INTEGER,
	CASPIAN_COL_PERIOD /* shown as text, as caspian_period_format writes it */
};

enum caspian_format { CASPIAN_FORMAT_TABLE, CASPIAN_FORMAT_CSV, CASPIAN_FORMAT_JSON };

struct caspian_column {
	const char *name;
	enum caspian_col_kind kind;
};

struct caspian_table;

/*
 * caspian_table_alloc() - an empty table with ncols columns.  cols (names
 * included) is borrowed and must outlive the table.  NULL when out of memory.
 */
struct caspian_table *caspian_table_alloc(const struct caspian_column *cols, size_t ncols);

/*
 * caspian_table_fill_fn - appends rows i0..i1-1 of a table made while it is
 * written (caspian_table_alloc_fill) to t, an empty table with the same
 * columns, through caspian_table_add_row(s) and the setters.  It is called for
 * runs of a thousand rows or so, possibly from several threads at once (each
 * with its own t) and more than once for the same rows; it must append
 * exactly i1 - i0 rows, read arg without changing it, and fail only when
 * out of memory.
 */
typedef int (*caspian_table_fill_fn)(const void *arg, size_t i0, size_t i1,
				     struct caspian_table *t, struct caspian_error *err);

/*
 * caspian_table_alloc_fill() - a table of nrows rows that fill makes, a run
 * at a time, only while caspian_table_write writes it: for a long output
 * drawn from data already in memory (a panel's values), which then is not
 * copied into cells first.  It writes exactly as a table holding the same
 * rows.  Rows cannot be added to it (CASPIAN_EINVAL).  arg is borrowed and
 * must outlive the table.  NULL when out of memory or fill is NULL.
 */
struct caspian_table *caspian_table_alloc_fill(const struct caspian_column *cols, size_t ncols,
					       size_t nrows, caspian_table_fill_fn fill,
					       const void *arg);

/* caspian_table_free() - NULL is a no-op. */
void caspian_table_free(struct caspian_table *t);

/*
 * caspian_table_reserve() - make room for rows more rows, so that adding them
 * allocates no cells (a command that knows its row count says so once, and
 * the cells are allocated once, in huge pages when large).  A hint: the table
 * still grows past it.  Returns CASPIAN_OK or CASPIAN_ENOMEM (table unchanged).
 */
int caspian_table_reserve(struct caspian_table *t, size_t rows, struct caspian_error *err);

/* caspian_table_add_row() - append a row of missing cells; CASPIAN_ENOMEM on failure. */
int caspian_table_add_row(struct caspian_table *t, struct caspian_error *err);

/*
 * Set a cell of the last row.  Text is copied; NULL text = missing.  Text
 * goes only into TEXT columns and numbers only into NUMBER, RATE and
 * INTEGER ones (the other kind is ignored: it was never shown).
 */
int caspian_table_set_text(struct caspian_table *t, size_t col, const char *text,
			   struct caspian_error *err);
/*
 * caspian_table_set_text_stable() - caspian_table_set_text for text that
 * does not change while the table is filled, such as a series name repeated
 * down the rows: given the same pointer as the column's last cell, the cell
 * takes that text without comparing it.  A buffer rewritten between rows
 * (a formatted period) must go through caspian_table_set_text.
 */
int caspian_table_set_text_stable(struct caspian_table *t, size_t col, const char *text,
				  struct caspian_error *err);
void caspian_table_set_number(struct caspian_table *t, size_t col, double v);

/*
 * caspian_table_set_period() - a cell of a PERIOD column: the period ordinal
 * of frequency freq, written as caspian_period_format() writes it (the bare
 * ordinal when it cannot), without a copy of its text: long outputs set one
 * per row.  Other columns ignore it.  CASPIAN_EINVAL when freq is not a
 * frequency or |ordinal| is 2^59 or more.
 */
int caspian_table_set_period(struct caspian_table *t, size_t col, enum caspian_freq freq,
			     long ordinal, struct caspian_error *err);

/*
 * Runs of rows, for long outputs that come a series at a time: each sets
 * column col of rows row .. row + n - 1, which must exist (CASPIAN_EINVAL
 * otherwise).  caspian_table_add_rows() appends n rows of missing cells;
 * caspian_table_set_numbers() copies v[0..n); caspian_table_set_text_run()
 * gives every row the same text, as caspian_table_set_text_stable() would;
 * caspian_table_set_period_run() the periods first, first + 1, ...  Columns
 * of the other kind ignore them, as they ignore the one-cell setters.
 */
int caspian_table_add_rows(struct caspian_table *t, size_t n, struct caspian_error *err);
int caspian_table_set_numbers(struct caspian_table *t, size_t col, size_t row, const double *v,
			      size_t n, struct caspian_error *err);
int caspian_table_set_text_run(struct caspian_table *t, size_t col, size_t row, size_t n,
			       const char *text, struct caspian_error *err);
int caspian_table_set_period_run(struct caspian_table *t, size_t col, size_t row, size_t n,
				 enum caspian_freq freq, long first, struct caspian_error *err);

size_t caspian_table_rows(const struct caspian_table *t);

/*
 * caspian_table_write() - render t to out.  Returns CASPIAN_OK, or CASPIAN_EIO
 * when writing fails.
 */
int caspian_table_write(const struct caspian_table *t, enum caspian_format format,
			FILE *out, struct caspian_error *err);

/* caspian_format_human() - a number rounded for people (the table NUMBER rule). */
size_t caspian_format_human(double v, char *buf, size_t n);

/*
 * caspian_csv_write_field() - write text as one CSV field, quoted when it
 * holds a comma, quote or line break or starts or ends with a space or tab
 * (which readers that trim fields would lose).
 */
void caspian_csv_write_field(FILE *out, const char *text);

/* caspian_json_write_string() - write text as a JSON string literal. */
void caspian_json_write_string(FILE *out, const char *text);

#endif
