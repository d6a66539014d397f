/*
 * table.c - a CSV of named numeric columns, for cross-section regressions.
 *
 * libcsv's callbacks stay in this file and only fill struct reader.  The
 * input is fed one line at a time so that errors carry the line number.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "caspian/ingest.h"
#include "caspian/regress.h"
#include "encoding.h"

struct reader {
	const char *input;
	struct caspian_error *err;
	int code;            /* first error, CASPIAN_OK until then */
	long line;           /* the line being fed to the parser */
	/* Messages name where a field or row starts, as for series files: the
	 * parser reports them when they end, which a quoted line break makes
	 * a later line. */
	long field_line;     /* where the next field starts */
	long row_line;       /* where the current record started */
	int between_rows;    /* no byte of the next record fed yet */
	size_t record;       /* records completed, the header included */
	size_t field;        /* fields seen in the current record */
	char **names;
	size_t ncols, cap_names;
	double *rows;        /* row-major while reading */
	long *lines;
	size_t nrows, cap_rows;
	double *cur;         /* the record being read */
	long *bad_line;      /* per column */
	char **bad_text;
};

static int fail_at_line(struct reader *r, int code, long line, long col, const char *fmt,
			const char *arg)
{
	if (r->code == CASPIAN_OK)
		r->code = caspian_error_at(r->err, code, r->input, line, col, fmt, arg);
	return r->code;
}

static int fail(struct reader *r, int code, long col, const char *fmt, const char *arg)
{
	return fail_at_line(r, code, r->line, col, fmt, arg);
}

static void add_name(struct reader *r, const char *s, size_t len)
{
	char *name;

	if (r->ncols == r->cap_names) {
		size_t cap = r->cap_names ? 2 * r->cap_names : 8;
		char **grown = realloc(r->names, cap * sizeof(*grown));
		if (!grown) {
			fail(r, CASPIAN_ENOMEM, 0, "%s", "out of memory");
			return;
		}
		r->names = grown;
		r->cap_names = cap;
	}
	name = malloc(len + 1);
	if (!name) {
		fail(r, CASPIAN_ENOMEM, 0, "%s", "out of memory");
		return;
	}
	memcpy(name, s, len);
	name[len] = '\0';
	r->names[r->ncols++] = name;
	if (!name[0])
		fail_at_line(r, CASPIAN_EPARSE, r->field_line, (long)r->ncols, "%s",
			     "empty column name in the header");
	for (size_t j = 0; j + 1 < r->ncols && r->code == CASPIAN_OK; j++)
		if (strcmp(r->names[j], name) == 0)
			fail_at_line(r, CASPIAN_EPARSE, r->field_line, (long)r->ncols,
				     "duplicate column name '%s'", name);
}

/*
 * A value, with the number rules of series files (caspian_number_parse: no
 * locale, no hex, no "inf") and their missing-value markers; spaces around
 * it are allowed.  A text that is neither is kept, with its line, for the
 * first row of each column: it is an error only if that column is used.
 */
static void add_value(struct reader *r, const char *s, size_t len)
{
	double v;

	if (r->field >= r->ncols)
		return; /* reported at the end of the record */
	while (len && *s == ' ') {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	if (caspian_is_missing_marker(s, len)) {
		r->cur[r->field] = NAN;
		return;
	}
	if (caspian_number_parse(s, len, &v) == CASPIAN_OK) {
		r->cur[r->field] = v;
		return;
	}
	size_t j = r->field;
	r->cur[j] = NAN;
	if (r->bad_line[j] == 0) {
		r->bad_line[j] = r->field_line;
		r->bad_text[j] = malloc(len + 1);
		if (!r->bad_text[j]) {
			fail(r, CASPIAN_ENOMEM, 0, "%s", "out of memory");
			return;
		}
		memcpy(r->bad_text[j], s, len);
		r->bad_text[j][len] = '\0';
	}
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->code != CASPIAN_OK)
		return;
	if (r->field == 0)
		r->row_line = r->field_line;
	if (len && memchr(s, '\0', len)) /* C text would end there and drop the rest */
		fail_at_line(r, CASPIAN_EPARSE, r->field_line, (long)r->field + 1, "%s",
			     "field contains a NUL byte");
	else if (r->record == 0)
		add_name(r, s, len);
	else
		add_value(r, s, len);
	r->field++;
	r->field_line = r->line; /* the next one starts after the comma just read */
}

static void end_row(struct reader *r)
{
	if (r->field != r->ncols) {
		char buf[64];
		snprintf(buf, sizeof(buf), "%zu fields, the header has %zu", r->field, r->ncols);
		fail_at_line(r, CASPIAN_EPARSE, r->row_line, 0, "ragged row: %s", buf);
		return;
	}
	if (r->nrows == r->cap_rows) {
		size_t cap = r->cap_rows ? 2 * r->cap_rows : 64;
		double *grown = realloc(r->rows, cap * r->ncols * sizeof(*grown));
		long *lines = grown ? realloc(r->lines, cap * sizeof(*lines)) : NULL;
		if (grown)
			r->rows = grown;
		if (!grown || !lines) {
			fail(r, CASPIAN_ENOMEM, 0, "%s", "out of memory");
			return;
		}
		r->lines = lines;
		r->cap_rows = cap;
	}
	memcpy(r->rows + r->nrows * r->ncols, r->cur, r->ncols * sizeof(double));
	r->lines[r->nrows++] = r->row_line;
}

static void on_record(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	if (r->code != CASPIAN_OK)
		return;
	if (r->record == 0) {
		size_t k = r->ncols ? r->ncols : 1;
		r->cur = malloc(k * sizeof(double));
		r->bad_line = calloc(k, sizeof(*r->bad_line));
		r->bad_text = calloc(k, sizeof(*r->bad_text));
		if (!r->cur || !r->bad_line || !r->bad_text)
			fail(r, CASPIAN_ENOMEM, 0, "%s", "out of memory");
	} else {
		end_row(r);
	}
	r->record++;
	r->field = 0;
	r->between_rows = 1;
}

static void release(struct reader *r)
{
	for (size_t j = 0; j < r->ncols; j++) {
		free(r->names[j]);
		if (r->bad_text)
			free(r->bad_text[j]);
	}
	free(r->names);
	free(r->bad_text);
	free(r->bad_line);
	free(r->rows);
	free(r->lines);
	free(r->cur);
}

static int finish(struct reader *r, struct caspian_regress_table **out)
{
	struct caspian_regress_table *t = calloc(1, sizeof(*t));
	size_t n = r->nrows, k = r->ncols;

	if (t)
		t->values = malloc((n * k > 0 ? n * k : 1) * sizeof(double));
	if (!t || !t->values) {
		free(t);
		return caspian_error_set(r->err, CASPIAN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < k; j++)
			t->values[j * n + i] = r->rows[i * k + j];
	t->nrows = n;
	t->ncols = k;
	t->names = r->names;
	t->lines = r->lines;
	t->bad_line = r->bad_line;
	t->bad_text = r->bad_text;
	r->names = NULL;
	r->lines = NULL;
	r->bad_line = NULL;
	r->bad_text = NULL;
	r->ncols = 0;
	*out = t;
	return CASPIAN_OK;
}

/*
 * Feed one line as getline gives it (up to a LF) to the parser.  Lines end as
 * in series files, so a CR that is not the first half of a CR LF pair ends
 * one too: the parser ends a record there, and its messages must name the
 * line that follows.
 */
static void parse_line(struct reader *r, struct csv_parser *p, const char *s, size_t len)
{
	size_t start = 0;
	r->line++;
	for (size_t i = 0; i < len && r->code == CASPIAN_OK; i++) {
		int lone_cr = s[i] == '\r' && i + 1 < len && s[i + 1] != '\n';
		if (!lone_cr && i + 1 < len)
			continue;
		size_t n = i + 1 - start;
		if (r->between_rows && n > strspn(s + start, "\r\n")) {
			r->field_line = r->line; /* the next record starts on this line */
			r->between_rows = 0;
		}
		if (csv_parse(p, s + start, n, on_field, on_record, r) != n)
			fail(r, CASPIAN_EPARSE, 0, "malformed CSV: %s", csv_strerror(csv_error(p)));
		start = i + 1;
		if (lone_cr)
			r->line++;
	}
}

int caspian_regress_table_read(FILE *in, const char *input,
			       struct caspian_regress_table **out, struct caspian_error *err)
{
	struct reader r = {.input = input, .err = err, .between_rows = 1};
	struct csv_parser parser;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc;

	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	while (r.code == CASPIAN_OK && (len = getline(&buf, &cap, in)) >= 0) {
		const unsigned char *bytes = (const unsigned char *)buf;
		if (r.line == 0 && cx_starts_utf16(bytes, (size_t)len)) {
			r.line = 1;
			fail(&r, CASPIAN_EPARSE, 1, "%s", cx_utf16_message);
			break;
		}
		/* a UTF-8 byte order mark, as spreadsheets write, is not part of the first name */
		size_t bom = r.line == 0 ? cx_utf8_bom_len(bytes, (size_t)len) : 0;
		parse_line(&r, &parser, buf + bom, (size_t)len - bom);
	}
	if (r.code == CASPIAN_OK && ferror(in))
		fail(&r, CASPIAN_EIO, 0, "%s", "read error");
	if (r.code == CASPIAN_OK && csv_fini(&parser, on_field, on_record, &r) != 0)
		fail(&r, CASPIAN_EPARSE, 0, "malformed CSV: %s", csv_strerror(csv_error(&parser)));
	if (r.code == CASPIAN_OK && r.record == 0) {
		if (r.line == 0)
			r.line = 1; /* an empty input: point at where its header should be */
		fail(&r, CASPIAN_EPARSE, 0, "%s", "empty input: no header");
	}
	if (r.code == CASPIAN_OK && r.nrows == 0)
		fail(&r, CASPIAN_EPARSE, 0, "%s", "no data rows after the header");
	free(buf);
	csv_free(&parser);
	rc = r.code == CASPIAN_OK ? finish(&r, out) : r.code;
	release(&r);
	return rc;
}

void caspian_regress_table_free(struct caspian_regress_table *t)
{
	if (!t)
		return;
	for (size_t j = 0; j < t->ncols; j++) {
		free(t->names[j]);
		free(t->bad_text[j]);
	}
	free(t->names);
	free(t->bad_text);
	free(t->bad_line);
	free(t->values);
	free(t->lines);
	free(t);
}

long caspian_regress_table_find(const struct caspian_regress_table *t, const char *name)
{
	for (size_t j = 0; j < t->ncols; j++)
		if (strcmp(t->names[j], name) == 0)
			return (long)j;
	return -1;
}
