/*
 * fuzz_regress_table - the CSV reader of cross-section regressions
 * (caspian_regress_table_read, `regress --file` without a period column).
 *
 * Invariants:
 *   - a refused input leaves *out NULL and says why, at a line of the input
 *     (lines end at LF, CR LF or a lone CR, as in series files);
 *   - an accepted one has a column per header name, names non-empty and
 *     unique, at least one row, rows starting on increasing input lines
 *     after the header;
 *   - every value is finite or NaN; a column's first non-number is kept
 *     with the line where it starts exactly when there is one, its cell
 *     (in the row that holds that line) is NaN, and it is
 *     neither a number nor a missing-value marker by the series files'
 *     rules;
 *   - printing the table back as CSV (shortest round-trip numbers, NA for
 *     NaN) and reading that gives the same names and the same bits.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/ingest.h"
#include "caspian/numfmt.h"
#include "caspian/regress.h"
#include "support.h"

static int read_table(const char *data, size_t size, struct caspian_regress_table **t,
		      struct caspian_error *err)
{
	FILE *in = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
	FUZZ_CHECK(in, "cannot open the input as a stream");
	caspian_error_init(err);
	int rc = caspian_regress_table_read(in, "fuzz.csv", t, err);
	fclose(in);
	return rc;
}

/* The row that holds line: the last one starting on or before it. */
static size_t row_of_line(const struct caspian_regress_table *t, long line)
{
	size_t i = 0;
	while (i + 1 < t->nrows && t->lines[i + 1] <= line)
		i++;
	return i;
}

static void check_bad_text(const struct caspian_regress_table *t, size_t j, long lines)
{
	const char *s = t->bad_text[j];
	size_t n = strlen(s);
	double v;
	FUZZ_CHECK(!caspian_is_missing_marker(s, n), "column %zu: marker '%s' kept as bad", j, s);
	FUZZ_CHECK(caspian_number_parse(s, n, &v) != CASPIAN_OK,
		   "column %zu: number '%s' kept as bad", j, s);
	FUZZ_CHECK(t->bad_line[j] >= t->lines[0] && t->bad_line[j] <= lines,
		   "column %zu: bad line %ld outside the rows", j, t->bad_line[j]);
	FUZZ_CHECK(isnan(t->values[j * t->nrows + row_of_line(t, t->bad_line[j])]),
		   "the bad cell of column %zu holds a number", j);
}

static long count_lines(const uint8_t *data, size_t size)
{
	long lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\r' || (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'));
	return lines;
}

static void check_table(const struct caspian_regress_table *t, long lines)
{
	FUZZ_CHECK(t->nrows >= 1 && t->lines[t->nrows - 1] <= lines, "last row after line %ld",
		   lines);
	FUZZ_CHECK(t->nrows >= 1 && t->ncols >= 1, "empty table accepted");
	for (size_t j = 0; j < t->ncols; j++) {
		FUZZ_CHECK(t->names[j] && t->names[j][0], "column %zu has no name", j);
		for (size_t k = 0; k < j; k++)
			FUZZ_CHECK(strcmp(t->names[j], t->names[k]) != 0, "name '%s' twice",
				   t->names[j]);
		FUZZ_CHECK((t->bad_line[j] == 0) == (t->bad_text[j] == NULL),
			   "column %zu: bad line and bad text disagree", j);
		if (t->bad_text[j])
			check_bad_text(t, j, lines);
	}
	for (size_t i = 0; i < t->nrows; i++) {
		FUZZ_CHECK(t->lines[i] >= 2 && (i == 0 || t->lines[i] > t->lines[i - 1]),
			   "row %zu on line %ld", i, t->lines[i]);
		for (size_t j = 0; j < t->ncols; j++) {
			double v = t->values[j * t->nrows + i];
			FUZZ_CHECK(isnan(v) || isfinite(v), "row %zu column %zu infinite", i, j);
		}
	}
}

/* Quoted as CSV: names may hold commas, quotes and line breaks. */
static void put_name(FILE *f, const char *name)
{
	fputc('"', f);
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static void check_round_trip(const struct caspian_regress_table *t)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	FUZZ_CHECK(f, "open_memstream failed");
	for (size_t j = 0; j < t->ncols; j++) {
		if (j)
			fputc(',', f);
		put_name(f, t->names[j]);
	}
	fputc('\n', f);
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++) {
			char buf[CASPIAN_DTOA_SIZE];
			double v = t->values[j * t->nrows + i];
			if (j)
				fputc(',', f);
			if (isnan(v))
				fputs("NA", f);
			else {
				caspian_dtoa(v, buf);
				fputs(buf, f);
			}
		}
		fputc('\n', f);
	}
	FUZZ_CHECK(fclose(f) == 0, "printing the table failed");
	struct caspian_regress_table *u = NULL;
	struct caspian_error err;
	int rc = read_table(text, len, &u, &err);
	FUZZ_CHECK(rc == CASPIAN_OK, "the printed table is refused: %s", err.msg);
	FUZZ_CHECK(u->nrows == t->nrows && u->ncols == t->ncols, "round trip changed the shape");
	for (size_t j = 0; j < t->ncols; j++) {
		FUZZ_CHECK(strcmp(u->names[j], t->names[j]) == 0, "round trip changed name %zu", j);
		FUZZ_CHECK(u->bad_line[j] == 0, "round trip made a bad cell in column %zu", j);
	}
	for (size_t k = 0; k < t->nrows * t->ncols; k++)
		FUZZ_CHECK(fuzz_same_value(u->values[k], t->values[k]), "round trip changed value %zu",
			   k);
	caspian_regress_table_free(u);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct caspian_regress_table *t = NULL;
	struct caspian_error err;
	int rc = read_table((const char *)data, size, &t, &err);
	if (rc != CASPIAN_OK) {
		FUZZ_CHECK(t == NULL, "a refused table was returned");
		FUZZ_CHECK(err.msg[0] && err.line >= 1 && err.line <= count_lines(data, size),
			   "refused at line %ld of %ld: %s", err.line, count_lines(data, size),
			   err.msg);
		return 0;
	}
	check_table(t, count_lines(data, size));
	check_round_trip(t);
	caspian_regress_table_free(t);
	return 0;
}
