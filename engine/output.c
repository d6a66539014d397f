#include "caspian/output.h"
#include "caspian/numfmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct cell {
	double num;
	char *text;
};

/* Cell texts live in blocks freed with the table: one malloc per block, not per cell. */
struct text_block {
	struct text_block *prev;
	size_t used, cap;
	char data[];
};

enum { TEXT_BLOCK = 65536 };

struct caspian_table {
	const struct caspian_column *cols;
	size_t ncols;
	size_t nrows, cap;
	struct cell *cells; /* nrows * ncols, row-major */
	struct text_block *texts; /* newest block */
};

struct caspian_table *caspian_table_alloc(const struct caspian_column *cols, size_t ncols)
{
	struct caspian_table *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->cols = cols;
	t->ncols = ncols;
	return t;
}

void caspian_table_free(struct caspian_table *t)
{
	if (!t)
		return;
	while (t->texts) {
		struct text_block *b = t->texts;
		t->texts = b->prev;
		free(b);
	}
	free(t->cells);
	free(t);
}

int caspian_table_add_row(struct caspian_table *t, struct caspian_error *err)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct cell *c = realloc(t->cells, cap * t->ncols * sizeof(*c));
		if (!c)
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		t->cells = c;
		t->cap = cap;
	}
	struct cell *row = t->cells + t->nrows * t->ncols;
	for (size_t j = 0; j < t->ncols; j++) {
		row[j].num = NAN;
		row[j].text = NULL;
	}
	t->nrows++;
	return CASPIAN_OK;
}

static struct cell *last_cell(struct caspian_table *t, size_t col)
{
	return t->cells + (t->nrows - 1) * t->ncols + col;
}

/* A copy of text[0..n) (n counts the NUL) in t's text blocks, or NULL. */
static char *keep_text(struct caspian_table *t, const char *text, size_t n)
{
	struct text_block *b = t->texts;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > TEXT_BLOCK ? n : TEXT_BLOCK;
		if (!(b = malloc(sizeof(*b) + cap)))
			return NULL;
		b->prev = t->texts;
		b->used = 0;
		b->cap = cap;
		t->texts = b;
	}
	char *p = b->data + b->used;
	memcpy(p, text, n);
	b->used += n;
	return p;
}

int caspian_table_set_text(struct caspian_table *t, size_t col, const char *text,
			   struct caspian_error *err)
{
	struct cell *c = last_cell(t, col);
	c->text = NULL; /* a text set before stays in its block until the table is freed */
	if (!text)
		return CASPIAN_OK;
	/* Long outputs repeat a series name row after row: share the text above. */
	const struct cell *above = t->nrows > 1 ? c - t->ncols : NULL;
	if (above && above->text && strcmp(above->text, text) == 0) {
		c->text = above->text;
		return CASPIAN_OK;
	}
	c->text = keep_text(t, text, strlen(text) + 1);
	if (!c->text)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	return CASPIAN_OK;
}

void caspian_table_set_number(struct caspian_table *t, size_t col, double v)
{
	last_cell(t, col)->num = v;
}

size_t caspian_table_rows(const struct caspian_table *t)
{
	return t->nrows;
}

size_t caspian_format_human(double v, char *buf, size_t n)
{
	int len;
	double a = fabs(v);
	if (isnan(v))
		len = snprintf(buf, n, "NA");
	else if (isinf(v))
		len = snprintf(buf, n, v < 0 ? "-inf" : "inf");
	else if (a == 0)
		len = snprintf(buf, n, "0");
	else if (a < 1e-4 || a >= 1e15)
		len = snprintf(buf, n, "%.6g", v);
	else {
		int before = (int)floor(log10(a)) + 1; /* digits left of the point */
		int decimals = 6 - before;
		if (decimals < 0)
			decimals = 0;
		len = snprintf(buf, n, "%.*f", decimals, v);
		if (decimals > 0) { /* trailing zeros carry no information here */
			while (len > 0 && buf[len - 1] == '0')
				buf[--len] = '\0';
			if (len > 0 && buf[len - 1] == '.')
				buf[--len] = '\0';
		}
		if (strcmp(buf, "-0") == 0)
			len = snprintf(buf, n, "0");
	}
	return len < 0 ? 0 : (size_t)len;
}

/* Render one cell as it appears in a table for people. */
static void human_cell(const struct caspian_column *col, const struct cell *c, char *buf,
		       size_t n)
{
	if (col->kind == CASPIAN_COL_TEXT) {
		snprintf(buf, n, "%s", c->text ? c->text : "NA");
		return;
	}
	if (isnan(c->num)) {
		snprintf(buf, n, "NA");
		return;
	}
	switch (col->kind) {
	case CASPIAN_COL_RATE:
		snprintf(buf, n, "%.2f%%", c->num * 100.0);
		break;
	case CASPIAN_COL_INTEGER:
		snprintf(buf, n, "%.0f", c->num);
		break;
	default:
		caspian_format_human(c->num, buf, n);
		break;
	}
}

/* A space or tab at either end, which many CSV readers (libcsv by default) trim. */
static int trimmable(char c)
{
	return c == ' ' || c == '\t';
}

void caspian_csv_write_field(FILE *out, const char *s)
{
	size_t n = strlen(s);
	if (!strpbrk(s, ",\"\r\n") && (n == 0 || (!trimmable(s[0]) && !trimmable(s[n - 1])))) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void caspian_json_write_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* An integral |v| < 1e15 other than -0, as "%.0f" prints it; 0 otherwise. */
static int integer_text(double v, char *buf)
{
	if (!(fabs(v) < 1e15) || v != (double)(long long)v || (v == 0 && signbit(v)))
		return 0;
	long long k = (long long)v;
	unsigned long long u = k < 0 ? 0ULL - (unsigned long long)k : (unsigned long long)k;
	char tmp[24];
	size_t n = 0, o = 0;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (k < 0)
		buf[o++] = '-';
	while (n)
		buf[o++] = tmp[--n];
	buf[o] = '\0';
	return 1;
}

static void exact_number(double v, enum caspian_col_kind kind, char *buf)
{
	if (kind == CASPIAN_COL_INTEGER && fabs(v) < 1e15) {
		if (!integer_text(v, buf)) /* a fraction rounds as printf rounds it */
			snprintf(buf, CASPIAN_DTOA_SIZE, "%.0f", v);
	} else {
		caspian_dtoa(v, buf);
	}
}

static void write_csv(const struct caspian_table *t, FILE *out)
{
	char buf[CASPIAN_DTOA_SIZE];
	for (size_t j = 0; j < t->ncols; j++) {
		if (j)
			fputc(',', out);
		caspian_csv_write_field(out, t->cols[j].name);
	}
	fputc('\n', out);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct cell *row = t->cells + i * t->ncols;
		for (size_t j = 0; j < t->ncols; j++) {
			if (j)
				fputc(',', out);
			if (t->cols[j].kind == CASPIAN_COL_TEXT) {
				if (row[j].text)
					caspian_csv_write_field(out, row[j].text);
			} else if (!isnan(row[j].num)) {
				exact_number(row[j].num, t->cols[j].kind, buf);
				fputs(buf, out);
			}
		}
		fputc('\n', out);
	}
}

static void write_json(const struct caspian_table *t, FILE *out)
{
	char buf[CASPIAN_DTOA_SIZE];
	fputc('[', out);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct cell *row = t->cells + i * t->ncols;
		fputs(i ? ",\n {" : "\n {", out);
		for (size_t j = 0; j < t->ncols; j++) {
			if (j)
				fputs(", ", out);
			caspian_json_write_string(out, t->cols[j].name);
			fputs(": ", out);
			if (t->cols[j].kind == CASPIAN_COL_TEXT) {
				if (row[j].text)
					caspian_json_write_string(out, row[j].text);
				else
					fputs("null", out);
			} else if (isnan(row[j].num) || isinf(row[j].num)) {
				fputs("null", out); /* JSON has no NaN or infinity */
			} else {
				exact_number(row[j].num, t->cols[j].kind, buf);
				fputs(buf, out);
			}
		}
		fputc('}', out);
	}
	fputs(t->nrows ? "\n]\n" : "]\n", out);
}

static int write_table(const struct caspian_table *t, FILE *out, struct caspian_error *err)
{
	enum { CELL = 256 };
	char buf[CELL];
	if (t->nrows == 1 && t->ncols > 5) {
		size_t wname = 0;
		for (size_t j = 0; j < t->ncols; j++)
			if (strlen(t->cols[j].name) > wname)
				wname = strlen(t->cols[j].name);
		for (size_t j = 0; j < t->ncols; j++) {
			human_cell(&t->cols[j], &t->cells[j], buf, sizeof(buf));
			fprintf(out, "%-*s  %s\n", (int)wname, t->cols[j].name, buf);
		}
		return CASPIAN_OK;
	}
	size_t *width = calloc(t->ncols, sizeof(size_t));
	if (!width)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t j = 0; j < t->ncols; j++)
		width[j] = strlen(t->cols[j].name);
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t j = 0; j < t->ncols; j++) {
			human_cell(&t->cols[j], &t->cells[i * t->ncols + j], buf, sizeof(buf));
			if (strlen(buf) > width[j])
				width[j] = strlen(buf);
		}
	for (size_t j = 0; j < t->ncols; j++) {
		int left = t->cols[j].kind == CASPIAN_COL_TEXT;
		if (left && j + 1 == t->ncols) /* like the rows: no trailing blanks */
			fprintf(out, "%s%s", j ? "  " : "", t->cols[j].name);
		else
			fprintf(out, "%s%*s", j ? "  " : "", left ? -(int)width[j] : (int)width[j],
				t->cols[j].name);
	}
	fputc('\n', out);
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++) {
			int left = t->cols[j].kind == CASPIAN_COL_TEXT;
			human_cell(&t->cols[j], &t->cells[i * t->ncols + j], buf, sizeof(buf));
			/* the last column needs no padding on the right */
			if (left && j + 1 == t->ncols)
				fprintf(out, "%s%s", j ? "  " : "", buf);
			else
				fprintf(out, "%s%*s", j ? "  " : "", left ? -(int)width[j] : (int)width[j], buf);
		}
		fputc('\n', out);
	}
	free(width);
	return CASPIAN_OK;
}

int caspian_table_write(const struct caspian_table *t, enum caspian_format format,
			FILE *out, struct caspian_error *err)
{
	int rc = CASPIAN_OK;
	switch (format) {
	case CASPIAN_FORMAT_CSV: write_csv(t, out); break;
	case CASPIAN_FORMAT_JSON: write_json(t, out); break;
	default: rc = write_table(t, out, err); break;
	}
	if (rc == CASPIAN_OK && ferror(out))
		return caspian_error_set(err, CASPIAN_EIO, "writing the output failed");
	return rc;
}
