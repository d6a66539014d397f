#include "caspian/output.h"
#include "caspian/numfmt.h"
#include "bigmem.h"
#include "digits.h"
#include "grow.h"

#include <stdint.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#define CX_OMP(x) _Pragma(#x)
#else
#define CX_OMP(x)
#endif

/*
 * A growing byte buffer: the table's text pool, and the rows of CSV and JSON
 * output, which are assembled in memory a chunk of rows at a time and
 * written with one fwrite per chunk.
 */
struct chunk {
	char *p;
	size_t len, cap;
};

/* Room for n more bytes at c->p + c->len; NULL when out of memory. */
static char *chunk_room(struct chunk *c, size_t n)
{
	if (c->cap - c->len < n) {
		if (n > SIZE_MAX - c->len)
			return NULL;
		char *p = cx_grow(c->p, &c->cap, c->len + n, 1, 1 << 16);
		if (!p)
			return NULL;
		c->p = p;
	}
	return c->p + c->len;
}

/* A cell is a number, a text or a period by its column's kind, never two. */
union cell {
	double num;      /* NaN: missing */
	size_t text;     /* 0: missing; else 1 + offset of the text in the pool */
	uint64_t period; /* 0: missing; else (ordinal + PERIOD_LIMIT) << 3 | frequency */
};

/* Period ordinals within +-PERIOD_LIMIT fit a cell with their frequency. */
static const int64_t PERIOD_LIMIT = (int64_t)1 << 59;

/* NUMBER, RATE and INTEGER columns hold numbers. */
static int holds_number(enum caspian_col_kind kind)
{
	return kind != CASPIAN_COL_TEXT && kind != CASPIAN_COL_PERIOD;
}

/*
 * The text cell a column was given last, and the caller's pointer when it
 * came through caspian_table_set_text_stable (NULL otherwise): the same
 * stable pointer again is the same text without a comparison.
 */
struct last_text {
	size_t text;
	const char *stable;
};

struct caspian_table {
	const struct caspian_column *cols;
	size_t ncols;
	size_t nrows, cap;
	union cell *cells; /* nrows * ncols, row-major */
	/* Every text cell's bytes, NUL-terminated, one after another: one
	 * allocation for many cells instead of one each. */
	struct chunk pool;
	struct last_text *last; /* per column: the text cell set last, reused when repeated */
	union cell *blank;      /* a row of missing cells, copied by caspian_table_add_row */
	/* A table made while it is written (caspian_table_alloc_fill) stores no
	 * cells: fill makes fill_rows rows, a chunk at a time, into scratch
	 * tables. */
	caspian_table_fill_fn fill;
	const void *fill_arg;
	size_t fill_rows;
};

struct caspian_table *caspian_table_alloc(const struct caspian_column *cols, size_t ncols)
{
	struct caspian_table *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->last = calloc(ncols ? ncols : 1, sizeof(*t->last));
	t->blank = malloc((ncols ? ncols : 1) * sizeof(*t->blank));
	if (!t->last || !t->blank) {
		free(t->last);
		free(t->blank);
		free(t);
		return NULL;
	}
	for (size_t j = 0; j < ncols; j++) {
		if (cols[j].kind == CASPIAN_COL_TEXT)
			t->blank[j].text = 0;
		else if (cols[j].kind == CASPIAN_COL_PERIOD)
			t->blank[j].period = 0;
		else
			t->blank[j].num = NAN;
	}
	t->cols = cols;
	t->ncols = ncols;
	return t;
}

struct caspian_table *caspian_table_alloc_fill(const struct caspian_column *cols, size_t ncols,
					       size_t nrows, caspian_table_fill_fn fill,
					       const void *arg)
{
	struct caspian_table *t = fill ? caspian_table_alloc(cols, ncols) : NULL;
	if (t) {
		t->fill = fill;
		t->fill_arg = arg;
		t->fill_rows = nrows;
	}
	return t;
}

void caspian_table_free(struct caspian_table *t)
{
	if (!t)
		return;
	free(t->cells);
	free(t->pool.p);
	free(t->last);
	free(t->blank);
	free(t);
}

static int refuse_rows(struct caspian_error *err)
{
	return caspian_error_set(err, CASPIAN_EINVAL,
				 "rows cannot be added to a table made while it is written");
}

int caspian_table_reserve(struct caspian_table *t, size_t rows, struct caspian_error *err)
{
	if (t->fill)
		return refuse_rows(err);
	size_t ncols = t->ncols ? t->ncols : 1;
	if (rows > SIZE_MAX / sizeof(union cell) / ncols - t->nrows)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	size_t cap = t->nrows + rows;
	if (cap <= t->cap)
		return CASPIAN_OK;
	union cell *c = cx_big_alloc(cap * ncols * sizeof(*c));
	if (!c)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (t->nrows)
		memcpy(c, t->cells, t->nrows * t->ncols * sizeof(*c));
	free(t->cells);
	t->cells = c;
	t->cap = cap;
	return CASPIAN_OK;
}

int caspian_table_add_row(struct caspian_table *t, struct caspian_error *err)
{
	if (t->fill)
		return refuse_rows(err);
	if (t->nrows == t->cap) {
		union cell *c = cx_grow(t->cells, &t->cap, t->nrows + 1,
					(t->ncols ? t->ncols : 1) * sizeof(*c), 16);
		if (!c)
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		t->cells = c;
	}
	memcpy(t->cells + t->nrows * t->ncols, t->blank, t->ncols * sizeof(*t->blank));
	t->nrows++;
	return CASPIAN_OK;
}

static union cell *last_cell(struct caspian_table *t, size_t col)
{
	return t->cells + (t->nrows - 1) * t->ncols + col;
}

static const char *cell_text(const struct caspian_table *t, const union cell *c)
{
	return c->text ? t->pool.p + c->text - 1 : NULL;
}

/* Text (not NULL) into the pool as column col's latest text, *cell its
 * reference; the column's previous text again is not copied again. */
static int intern_text(struct caspian_table *t, size_t col, const char *text, size_t *cell,
		       struct caspian_error *err)
{
	size_t prev = t->last[col].text;
	t->last[col].stable = NULL;
	if (prev && strcmp(t->pool.p + prev - 1, text) == 0) {
		*cell = prev; /* a series name repeated down the rows, say */
		return CASPIAN_OK;
	}
	size_t n = strlen(text) + 1;
	char *d = chunk_room(&t->pool, n);
	if (!d)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	memcpy(d, text, n);
	*cell = t->pool.len + 1;
	t->last[col].text = *cell;
	t->pool.len += n;
	return CASPIAN_OK;
}

int caspian_table_set_text(struct caspian_table *t, size_t col, const char *text,
			   struct caspian_error *err)
{
	if (t->cols[col].kind != CASPIAN_COL_TEXT || t->nrows == 0)
		return CASPIAN_OK; /* a number column shows no text; no row, no cell */
	union cell *c = last_cell(t, col);
	c->text = 0;
	return text ? intern_text(t, col, text, &c->text, err) : CASPIAN_OK;
}

int caspian_table_set_text_stable(struct caspian_table *t, size_t col, const char *text,
				  struct caspian_error *err)
{
	if (t->cols[col].kind != CASPIAN_COL_TEXT || t->nrows == 0 || !text)
		return caspian_table_set_text(t, col, text, err);
	if (t->last[col].stable == text) {
		last_cell(t, col)->text = t->last[col].text;
		return CASPIAN_OK;
	}
	int rc = caspian_table_set_text(t, col, text, err);
	if (rc == CASPIAN_OK)
		t->last[col].stable = text;
	return rc;
}

void caspian_table_set_number(struct caspian_table *t, size_t col, double v)
{
	if (holds_number(t->cols[col].kind) && t->nrows)
		last_cell(t, col)->num = v;
}

int caspian_table_set_period(struct caspian_table *t, size_t col, enum caspian_freq freq,
			     long ordinal, struct caspian_error *err)
{
	if (freq < CASPIAN_FREQ_ANNUAL || freq > CASPIAN_FREQ_DAILY || ordinal <= -PERIOD_LIMIT ||
	    ordinal >= PERIOD_LIMIT)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "no period of frequency %d and ordinal %ld in a table",
					 (int)freq, ordinal);
	if (t->cols[col].kind == CASPIAN_COL_PERIOD && t->nrows)
		last_cell(t, col)->period = (uint64_t)(ordinal + PERIOD_LIMIT) << 3 | (uint64_t)freq;
	return CASPIAN_OK;
}

int caspian_table_add_rows(struct caspian_table *t, size_t n, struct caspian_error *err)
{
	int rc = caspian_table_reserve(t, n, err);
	for (size_t i = 0; rc == CASPIAN_OK && i < n; i++)
		rc = caspian_table_add_row(t, err);
	return rc;
}

/* CASPIAN_EINVAL unless rows row .. row + n - 1 exist (no rows always do). */
static int check_run(const struct caspian_table *t, size_t row, size_t n,
		     struct caspian_error *err)
{
	if (n && (row > t->nrows || n > t->nrows - row))
		return caspian_error_set(err, CASPIAN_EINVAL, "rows %zu to %zu are not in the table",
					 row, row + n - 1);
	return CASPIAN_OK;
}

/* The cell of column col in row row, which exists. */
static union cell *cell_at(struct caspian_table *t, size_t row, size_t col)
{
	return t->cells + row * t->ncols + col;
}

int caspian_table_set_numbers(struct caspian_table *t, size_t col, size_t row, const double *v,
			      size_t n, struct caspian_error *err)
{
	int rc = check_run(t, row, n, err);
	if (rc || n == 0 || !holds_number(t->cols[col].kind))
		return rc;
	union cell *c = cell_at(t, row, col);
	for (size_t i = 0; i < n; i++, c += t->ncols)
		c->num = v[i];
	return CASPIAN_OK;
}

int caspian_table_set_text_run(struct caspian_table *t, size_t col, size_t row, size_t n,
			       const char *text, struct caspian_error *err)
{
	int rc = check_run(t, row, n, err);
	if (rc || n == 0 || t->cols[col].kind != CASPIAN_COL_TEXT)
		return rc;
	size_t offset = 0; /* missing */
	if (text && t->last[col].stable == text) {
		offset = t->last[col].text;
	} else if (text) {
		if ((rc = intern_text(t, col, text, &offset, err)))
			return rc;
		t->last[col].stable = text;
	}
	union cell *c = cell_at(t, row, col);
	for (size_t i = 0; i < n; i++, c += t->ncols)
		c->text = offset;
	return CASPIAN_OK;
}

int caspian_table_set_period_run(struct caspian_table *t, size_t col, size_t row, size_t n,
				 enum caspian_freq freq, long first, struct caspian_error *err)
{
	int rc = check_run(t, row, n, err);
	if (rc || n == 0)
		return rc;
	if (freq < CASPIAN_FREQ_ANNUAL || freq > CASPIAN_FREQ_DAILY || first <= -PERIOD_LIMIT ||
	    first >= PERIOD_LIMIT || (long)(n - 1) >= PERIOD_LIMIT - first)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "no periods of frequency %d from ordinal %ld in a table",
					 (int)freq, first);
	if (t->cols[col].kind != CASPIAN_COL_PERIOD)
		return CASPIAN_OK;
	uint64_t cell = (uint64_t)(first + PERIOD_LIMIT) << 3 | (uint64_t)freq;
	union cell *c = cell_at(t, row, col);
	for (size_t i = 0; i < n; i++, c += t->ncols, cell += 8)
		c->period = cell;
	return CASPIAN_OK;
}

/* The text of a period cell that is not missing, at buf (CASPIAN_PERIOD_TEXT_MAX
 * bytes or more; 21 for a bare ordinal); returns its length. */
static size_t period_text(uint64_t cell, char *buf)
{
	enum caspian_freq freq = (enum caspian_freq)(cell & 7);
	long ordinal = (long)((int64_t)(cell >> 3) - PERIOD_LIMIT);
	size_t n = caspian_period_format(freq, ordinal, buf);
	return n ? n : (size_t)sprintf(buf, "%ld", ordinal);
}

size_t caspian_table_rows(const struct caspian_table *t)
{
	return t->fill ? t->fill_rows : t->nrows;
}

/* Empty again, keeping its memory (warm from the last use) for the next rows. */
static void table_clear(struct caspian_table *t)
{
	t->nrows = 0;
	t->pool.len = 0;
	memset(t->last, 0, (t->ncols ? t->ncols : 1) * sizeof(*t->last));
}

/*
 * Rows [i0, i1) of t as a table that stores them: t itself, indexed from
 * *base = 0, when t stores its cells; else scratch (allocated on first use,
 * freed by the caller) refilled by t's fill, indexed from *base = i0.  NULL
 * when out of memory or when fill fails or makes the wrong number of rows.
 */
static const struct caspian_table *rows_of(const struct caspian_table *t, size_t i0, size_t i1,
					   struct caspian_table **scratch, size_t *base)
{
	*base = 0;
	if (!t->fill)
		return t;
	if (!*scratch && !(*scratch = caspian_table_alloc(t->cols, t->ncols)))
		return NULL;
	table_clear(*scratch);
	struct caspian_error err;
	caspian_error_init(&err);
	if (t->fill(t->fill_arg, i0, i1, *scratch, &err) != CASPIAN_OK ||
	    (*scratch)->nrows != i1 - i0)
		return NULL;
	*base = i0;
	return *scratch;
}

static const uint64_t pow10_u64[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
	10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL};

/*
 * The decimal digits of u, at least min of them (zeros in front), written
 * backwards so that they end just before end; returns where they start.
 */
static char *digits_before(char *end, uint64_t u, int min)
{
	char *p = end;
	while (u >= 100) {
		p -= 2;
		memcpy(p, cx_digit_pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, cx_digit_pairs + 2 * u, 2);
	} else {
		*--p = (char)('0' + u);
	}
	while (end - p < min)
		*--p = '0';
	return p;
}

/*
 * The text of the "%.*f" conversion with precision decimals, computed without
 * the C library, for finite nonzero v with |v| * 10^decimals below 9e17 and
 * decimals <= 17; 0 otherwise (the caller then uses snprintf).  With strip,
 * trailing zeros of the decimals are left out, and the point with them when
 * none remain.  Exact as the C library is: v = c * 2^q, so
 * v * 10^d = c * 5^d * 2^(q+d), an integer (c < 2^53, 5^d < 2^40) times a
 * power of two, which is rounded to an integer with ties to even, as glibc's
 * printf does in the default rounding mode.
 */
static size_t fixed_fast(double v, int decimals, int strip, char *buf)
{
	if (decimals < 0 || decimals > 17 || !(fabs(v) * (double)pow10_u64[decimals] < 9e17))
		return 0;
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
	int bexp = (int)((bits >> 52) & 0x7ff);
	uint64_t c = bexp ? frac | (UINT64_C(1) << 52) : frac;
	int q = bexp ? bexp - 1075 : -1074;
	unsigned __int128 prod = (unsigned __int128)c * (pow10_u64[decimals] >> decimals); /* 5^d */
	int shift = q + decimals;
	uint64_t head;
	if (shift >= 0) {
		head = (uint64_t)(prod << shift); /* below 9e17 by the check above */
	} else if (shift <= -127) {
		head = 0; /* below 2^-34 */
	} else {
		int s = -shift;
		unsigned __int128 one = 1;
		unsigned __int128 rest = prod & ((one << s) - 1), half = one << (s - 1);
		head = (uint64_t)(prod >> s);
		if (rest > half || (rest == half && (head & 1)))
			head++;
	}
	if (strip) {
		while (decimals > 0 && head % 10 == 0) {
			head /= 10;
			decimals--;
		}
	}
	/* head's digits written backwards, the point among them, then copied
	 * with one fixed-size move (buf holds at least 48 bytes) */
	char tmp[56];
	char *end = tmp + 32, *d = end;
	if (decimals) {
		d = digits_before(end, head % pow10_u64[decimals], decimals);
		*--d = '.';
		head /= pow10_u64[decimals];
	}
	d = digits_before(d, head, 1);
	if (v < 0)
		*--d = '-';
	memcpy(buf, d, 24); /* at most 24 bytes: a sign, 18 digits, the point */
	char *p = buf + (end - d);
	*p = '\0';
	return (size_t)(p - buf);
}

/* snprintf(buf, n, "%.*f", decimals, v), fast when it can be. */
static int print_fixed(char *buf, size_t n, int decimals, double v)
{
	if (n >= 48 && v == 0 && decimals >= 0 && decimals <= 17) {
		char *p = buf;
		if (signbit(v))
			*p++ = '-';
		*p++ = '0';
		if (decimals) {
			*p++ = '.';
			memset(p, '0', (size_t)decimals);
			p += decimals;
		}
		*p = '\0';
		return (int)(p - buf);
	}
	if (n >= 48 && isfinite(v) && v != 0) {
		size_t len = fixed_fast(v, decimals, 0, buf);
		if (len)
			return (int)len;
	}
	return snprintf(buf, n, "%.*f", decimals, v);
}

/*
 * "-0.00" rounded for people is "0.00": a residual of -5e-17 is no negative
 * share.  Drops the sign of buf[0..len) when every digit is a zero; returns
 * the new length.
 */
static int unsigned_zero(char *buf, int len)
{
	if (len < 2 || buf[0] != '-' || strspn(buf + 1, "0.") != (size_t)len - 1)
		return len;
	memmove(buf, buf + 1, (size_t)len); /* the NUL too */
	return len - 1;
}

/* 10^-4 .. 10^15, the range where caspian_format_human() prints fixed point. */
static const double pow10_human[20] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
				       1e6,  1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/*
 * floor(log10(a)) + 1, the digits left of the point, for 1e-4 <= a < 1e15,
 * found by comparisons.  Within a relative 1e-9 of a power of ten the answer
 * is taken from log10() itself, as it always was, so that a log10 result
 * rounded onto the integer decides there exactly as before; farther away
 * log10 is more than 4e-10 from any integer, thousands of its ulps, so the
 * comparisons give the same answer.
 */
static int digits_before_point(double a)
{
	/* a first guess from the binary exponent (log10 2 ~ 1233 / 4096), then
	 * a step or two either way */
	uint64_t bits;
	memcpy(&bits, &a, sizeof(bits));
	int e = (int)((bits >> 52) & 0x7ff) - 1023; /* -14 .. 49 here */
	int i = (e + 16) * 1233 / 4096 - 1;
	i = i < 0 ? 0 : i > 18 ? 18 : i;
	while (i > 0 && a < pow10_human[i])
		i--;
	while (i < 18 && a >= pow10_human[i + 1])
		i++;
	if (a < pow10_human[i] * (1 + 1e-9) || a > pow10_human[i + 1] * (1 - 1e-9))
		return (int)floor(log10(a)) + 1;
	return i - 3;
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
		int before = digits_before_point(a);
		int decimals = 6 - before;
		if (decimals < 0)
			decimals = 0;
		size_t fast = n >= 48 ? fixed_fast(v, decimals, 1, buf) : 0;
		len = fast ? (int)fast : print_fixed(buf, n, decimals, v);
		if (!fast && decimals > 0) { /* trailing zeros carry no information here */
			while (len > 0 && buf[len - 1] == '0')
				buf[--len] = '\0';
			if (len > 0 && buf[len - 1] == '.')
				buf[--len] = '\0';
		}
		if (len == 2 && buf[0] == '-' && buf[1] == '0')
			len = snprintf(buf, n, "0");
	}
	return len < 0 ? 0 : (size_t)len;
}

/* text copied to d up to n bytes: when it goes on past them, its last three
 * shown are "..." (a text cut for people says so; CSV and JSON keep it). */
static void mark_cut(char *d, const char *text, size_t n)
{
	if (text[n] != '\0')
		memcpy(d + n - 3, "...", 3);
}

/*
 * Render one cell as it appears in a table for people, into buf (n >= 48);
 * returns the length.  Text longer than n - 1 bytes is cut there and ends
 * in "..." (the whole text is in CSV and JSON).
 */
static size_t human_cell(const struct caspian_table *t, const struct caspian_column *col,
			 const union cell *c, char *buf, size_t n)
{
	int len;
	if (col->kind == CASPIAN_COL_TEXT) {
		const char *text = cell_text(t, c);
		if (!text)
			text = "NA";
		size_t k = strlen(text);
		if (k > n - 1)
			k = n - 1;
		memcpy(buf, text, k);
		buf[k] = '\0';
		mark_cut(buf, text, k);
		return k;
	}
	if (col->kind == CASPIAN_COL_PERIOD ? c->period == 0 : isnan(c->num)) {
		memcpy(buf, "NA", 3);
		return 2;
	}
	switch (col->kind) {
	case CASPIAN_COL_PERIOD:
		return period_text(c->period, buf);
	case CASPIAN_COL_RATE:
		len = unsigned_zero(buf, print_fixed(buf, n - 1, 2, c->num * 100.0));
		if (len >= 0 && (size_t)len + 1 < n) {
			buf[len++] = '%';
			buf[len] = '\0';
		}
		break;
	case CASPIAN_COL_INTEGER:
		len = unsigned_zero(buf, print_fixed(buf, n, 0, c->num));
		break;
	default:
		return caspian_format_human(c->num, buf, n);
	}
	if (len < 0)
		return 0;
	return (size_t)len < n ? (size_t)len : n - 1;
}

/* A space or tab at either end, which many CSV readers (libcsv by default) trim. */
static int trimmable(char c)
{
	return c == ' ' || c == '\t';
}

/* The digits of u at p; returns the end. */
static char *put_uint(char *p, uint64_t u)
{
	char tmp[20];
	const char *start = digits_before(tmp + sizeof(tmp), u, 1);
	size_t n = (size_t)(tmp + sizeof(tmp) - start);
	memcpy(p, start, n);
	return p + n;
}

/*
 * The CSV / JSON text of a number cell at p (room for CASPIAN_DTOA_SIZE
 * bytes); returns the length.  INTEGER cells print as "%.0f" does.
 */
static size_t exact_number(double v, enum caspian_col_kind kind, char *p)
{
	if (kind != CASPIAN_COL_INTEGER || !(fabs(v) < 1e15))
		return caspian_dtoa(v, p);
	uint64_t u = (uint64_t)fabs(v); /* exact below 1e15 when v is whole */
	if ((double)u == fabs(v)) {
		/* -0 keeps its sign; a flag or count of one digit is the common case */
		char *q = p;
		if (signbit(v))
			*q++ = '-';
		if (u < 10) {
			*q++ = (char)('0' + u);
			return (size_t)(q - p);
		}
		return (size_t)(put_uint(q, u) - p);
	}
	return (size_t)snprintf(p, CASPIAN_DTOA_SIZE, "%.0f", v);
}

/* 1 for the bytes that force a CSV field into quotes. */
static int csv_special(unsigned char c)
{
	return c == ',' || c == '"' || c == '\r' || c == '\n';
}

/* Append text s (n bytes) as one CSV field; -1 when out of memory. */
static int csv_field(struct chunk *c, const char *s, size_t n)
{
	int quote = n && (trimmable(s[0]) || trimmable(s[n - 1]));
	for (size_t i = 0; i < n && !quote; i++)
		quote = csv_special((unsigned char)s[i]);
	char *d = chunk_room(c, 2 * n + 2);
	if (!d)
		return -1;
	if (!quote) {
		memcpy(d, s, n);
		c->len += n;
		return 0;
	}
	char *start = d;
	*d++ = '"';
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			*d++ = '"';
		*d++ = s[i];
	}
	*d++ = '"';
	c->len += (size_t)(d - start);
	return 0;
}

void caspian_csv_write_field(FILE *out, const char *s)
{
	struct chunk c = {0};
	if (csv_field(&c, s, strlen(s)) == 0)
		fwrite(c.p, 1, c.len, out);
	else
		fputs(s, out); /* out of memory for a copy: unquoted rather than nothing */
	free(c.p);
}

/* Append text s as a JSON string literal; -1 when out of memory. */
static int json_string(struct chunk *c, const char *s)
{
	size_t n = strlen(s);
	char *d = chunk_room(c, 6 * n + 2); /* \u00XX is the longest escape */
	if (!d)
		return -1;
	char *start = d;
	*d++ = '"';
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			*d++ = '\\';
			*d++ = (char)ch;
		} else if (ch == '\n' || ch == '\r' || ch == '\t') {
			*d++ = '\\';
			*d++ = ch == '\n' ? 'n' : ch == '\r' ? 'r' : 't';
		} else if (ch < 0x20) {
			memcpy(d, "\\u00", 4);
			d[4] = "0123456789abcdef"[ch >> 4];
			d[5] = "0123456789abcdef"[ch & 15];
			d += 6;
		} else {
			*d++ = (char)ch;
		}
	}
	*d++ = '"';
	c->len += (size_t)(d - start);
	return 0;
}

void caspian_json_write_string(FILE *out, const char *s)
{
	struct chunk c = {0};
	if (json_string(&c, s) == 0)
		fwrite(c.p, 1, c.len, out);
	free(c.p);
}

/*
 * A text cell's rendering is kept per column while the same pool entry
 * repeats down the column (a series name over its rows, say), so it is
 * escaped once.
 */
struct text_memo {
	size_t text; /* pool reference; 0: none */
	size_t at;   /* where its rendering starts in the chunk */
	size_t len;
};

/* Append a text cell through the column's memo; -1 when out of memory. */
static int text_cell(struct chunk *c, const struct caspian_table *t, const union cell *cell,
		     struct text_memo *m, int json)
{
	if (cell->text == m->text) {
		char *d = chunk_room(c, m->len);
		if (!d)
			return -1;
		memcpy(d, c->p + m->at, m->len);
		m->at = c->len;
		c->len += m->len;
		return 0;
	}
	size_t at = c->len;
	const char *s = cell_text(t, cell);
	if (json ? json_string(c, s) : csv_field(c, s, strlen(s)))
		return -1;
	m->text = cell->text;
	m->at = at;
	m->len = c->len - at;
	return 0;
}

/* Append a string known to fit in a small constant size. */
static int put_lit(struct chunk *c, const char *s, size_t n)
{
	char *d = chunk_room(c, n);
	if (!d)
		return -1;
	memcpy(d, s, n);
	c->len += n;
	return 0;
}

/* Rows [i0, i1) of t as CSV; memo has one entry per column. -1: out of memory. */
static int csv_rows(const struct caspian_table *t, size_t i0, size_t i1, struct chunk *c,
		    struct text_memo *memo)
{
	for (size_t i = i0; i < i1; i++) {
		const union cell *row = t->cells + i * t->ncols;
		for (size_t j = 0; j < t->ncols; j++) {
			char *d = chunk_room(c, CASPIAN_DTOA_SIZE + 2);
			if (!d)
				return -1;
			if (j)
				c->p[c->len++] = ',';
			if (t->cols[j].kind == CASPIAN_COL_TEXT) {
				if (row[j].text && text_cell(c, t, &row[j], &memo[j], 0))
					return -1;
			} else if (t->cols[j].kind == CASPIAN_COL_PERIOD) {
				/* no period text needs quotes */
				if (row[j].period)
					c->len += period_text(row[j].period, c->p + c->len);
			} else if (!isnan(row[j].num)) {
				c->len += exact_number(row[j].num, t->cols[j].kind, c->p + c->len);
			}
		}
		if (put_lit(c, "\n", 1))
			return -1;
	}
	return 0;
}

/* The JSON keys of the columns, rendered once: "\"name\": " each. */
struct json_keys {
	struct chunk text;
	size_t *end; /* per column: the end of its key in text */
};

static int json_keys_make(const struct caspian_table *t, struct json_keys *k)
{
	k->text = (struct chunk){0};
	k->end = malloc((t->ncols ? t->ncols : 1) * sizeof(*k->end));
	if (!k->end)
		return -1;
	for (size_t j = 0; j < t->ncols; j++) {
		if (json_string(&k->text, t->cols[j].name) || put_lit(&k->text, ": ", 2))
			return -1;
		k->end[j] = k->text.len;
	}
	return 0;
}

/* A period cell as a JSON string (null when missing); -1 when out of memory. */
static int json_period(struct chunk *c, uint64_t period)
{
	if (!period)
		return put_lit(c, "null", 4);
	char *d = chunk_room(c, 24);
	if (!d)
		return -1;
	d[0] = '"';
	size_t n = period_text(period, d + 1);
	d[n + 1] = '"';
	c->len += n + 2;
	return 0;
}

/* Rows [i0, i1) of t as JSON array elements (each after ",\n" or "\n"); row
 * i0 is row first of the whole output. */
static int json_rows(const struct caspian_table *t, size_t i0, size_t i1, size_t first,
		     struct chunk *c, struct text_memo *memo, const struct json_keys *keys)
{
	for (size_t i = i0; i < i1; i++) {
		const union cell *row = t->cells + i * t->ncols;
		if (first + (i - i0) ? put_lit(c, ",\n {", 4) : put_lit(c, "\n {", 3))
			return -1;
		for (size_t j = 0; j < t->ncols; j++) {
			size_t k0 = j ? keys->end[j - 1] : 0;
			if ((j && put_lit(c, ", ", 2)) ||
			    put_lit(c, keys->text.p + k0, keys->end[j] - k0))
				return -1;
			if (t->cols[j].kind == CASPIAN_COL_TEXT) {
				if (row[j].text ? text_cell(c, t, &row[j], &memo[j], 1)
						: put_lit(c, "null", 4))
					return -1;
			} else if (t->cols[j].kind == CASPIAN_COL_PERIOD) {
				if (json_period(c, row[j].period))
					return -1;
			} else if (isnan(row[j].num) || isinf(row[j].num)) {
				if (put_lit(c, "null", 4)) /* JSON has no NaN or infinity */
					return -1;
			} else {
				char *d = chunk_room(c, CASPIAN_DTOA_SIZE);
				if (!d)
					return -1;
				c->len += exact_number(row[j].num, t->cols[j].kind, d);
			}
		}
		if (put_lit(c, "}", 1))
			return -1;
	}
	return 0;
}

/*
 * Rows are formatted CHUNK_ROWS at a time, ROUND_CHUNKS chunks per round:
 * the chunks of a round are formatted into memory (by several OpenMP
 * threads, each taking a contiguous run of them), then written in order by
 * the calling thread, so the output does not depend on the thread count
 * and threads meet once per round rather than once per chunk.  A round's
 * buffers are reused by the next, so they fault in once.
 */
enum { CHUNK_ROWS = 1024, ROUND_CHUNKS = 8 };

/* Format rows [i0, i1), chunk k, into c; -1 when out of memory. */
typedef int (*rows_fn)(const struct caspian_table *t, size_t i0, size_t i1, size_t k,
		       struct chunk *c, struct text_memo *memo, const void *arg);

/* All rows of t through fn, written to out in order; -1 when out of memory
 * (the rows of earlier rounds have been written). */
static int write_chunks(const struct caspian_table *t, FILE *out, rows_fn fn, const void *arg)
{
	size_t nrows = caspian_table_rows(t);
	size_t nchunks = (nrows + CHUNK_ROWS - 1) / CHUNK_ROWS;
	size_t ncols = t->ncols ? t->ncols : 1;
	struct chunk bufs[ROUND_CHUNKS] = {{0}};
	struct caspian_table *scratch[ROUND_CHUNKS] = {NULL};
	int fail[ROUND_CHUNKS];
	struct text_memo *memo = malloc(ROUND_CHUNKS * ncols * sizeof(*memo));
	int bad = !memo;
	for (size_t k0 = 0; k0 < nchunks && !bad; k0 += ROUND_CHUNKS) {
		size_t m = nchunks - k0 < ROUND_CHUNKS ? nchunks - k0 : ROUND_CHUNKS;
		CX_OMP(omp parallel for schedule(static) if (m > 1))
		for (size_t r = 0; r < m; r++) {
			size_t i0 = (k0 + r) * CHUNK_ROWS;
			size_t i1 = i0 + CHUNK_ROWS < nrows ? i0 + CHUNK_ROWS : nrows, base;
			const struct caspian_table *rows = rows_of(t, i0, i1, &scratch[r], &base);
			memset(memo + r * ncols, 0, ncols * sizeof(*memo));
			bufs[r].len = 0;
			fail[r] = !rows || fn(rows, i0 - base, i1 - base, k0 + r, &bufs[r],
					      memo + r * ncols, arg);
		}
		for (size_t r = 0; r < m && !bad; r++) {
			if (fail[r])
				bad = 1;
			else
				fwrite(bufs[r].p, 1, bufs[r].len, out);
		}
	}
	for (size_t r = 0; r < ROUND_CHUNKS; r++) {
		free(bufs[r].p);
		caspian_table_free(scratch[r]);
	}
	free(memo);
	return bad ? -1 : 0;
}

static int csv_chunk(const struct caspian_table *t, size_t i0, size_t i1, size_t k,
		     struct chunk *c, struct text_memo *memo, const void *arg)
{
	(void)k;
	(void)arg;
	return csv_rows(t, i0, i1, c, memo);
}

static int json_chunk(const struct caspian_table *t, size_t i0, size_t i1, size_t k,
		      struct chunk *c, struct text_memo *memo, const void *arg)
{
	return json_rows(t, i0, i1, k * CHUNK_ROWS, c, memo, arg);
}

static int write_csv(const struct caspian_table *t, FILE *out)
{
	struct chunk c = {0};
	int bad = 0;
	for (size_t j = 0; j < t->ncols && !bad; j++)
		bad = (j && put_lit(&c, ",", 1)) || csv_field(&c, t->cols[j].name, strlen(t->cols[j].name));
	bad = bad || put_lit(&c, "\n", 1);
	if (!bad)
		fwrite(c.p, 1, c.len, out);
	free(c.p);
	return bad || write_chunks(t, out, csv_chunk, NULL) ? -1 : 0;
}

static int write_json(const struct caspian_table *t, FILE *out)
{
	struct json_keys keys;
	int bad = json_keys_make(t, &keys);
	fputc('[', out);
	bad = bad || write_chunks(t, out, json_chunk, &keys);
	if (!bad)
		fputs(caspian_table_rows(t) ? "\n]\n" : "]\n", out);
	free(keys.text.p);
	free(keys.end);
	return bad ? -1 : 0;
}

/*
 * The rendered text of a chunk's number cells, rendered once for widths and
 * output: in row-major order, each a length byte (a cell is at most 255
 * bytes) and the text, so the writing pass takes them in the same order
 * without offsets or strlen.  SLACK bytes stay allocated past the end so
 * that a short cell can be moved with one fixed-size copy.
 */
struct rendered {
	unsigned char *text;
	size_t len, cap;
	int bad; /* out of memory while rendering */
};

/*
 * The length of a text cell as printed (NA when missing, at most CELL - 1
 * bytes: a longer text is cut, see mark_cut).  Text repeated down a column
 * is one pool entry (see caspian_table_set_text), so the last one's length
 * is kept in the column's memo.
 */
enum { CELL = 256, SLACK = 32 };

static const char blanks[SLACK + 1] = "                                ";

static size_t text_cell_len(const struct caspian_table *t, const union cell *c,
			    struct text_memo *last, const char **s)
{
	const char *text = cell_text(t, c);
	*s = text ? text : "NA";
	if (c->text && c->text == last->text)
		return last->len;
	size_t n = strlen(*s);
	if (n > CELL - 1)
		n = CELL - 1;
	if (c->text) {
		last->text = c->text;
		last->len = n;
	}
	return n;
}

/* Render the number cells of rows [i0, i1) into r; the widest cell of each column into width. */
static void render_rows(const struct caspian_table *t, size_t i0, size_t i1, struct rendered *r,
			size_t *width, struct text_memo *last)
{
	const union cell *c = t->cells + i0 * t->ncols;
	for (size_t i = i0; i < i1; i++) {
		for (size_t j = 0; j < t->ncols; j++, c++) {
			size_t n;
			const char *s;
			if (t->cols[j].kind == CASPIAN_COL_TEXT) {
				n = text_cell_len(t, c, &last[j], &s);
			} else {
				if (r->cap - r->len < CELL + SLACK) {
					unsigned char *p = cx_grow(r->text, &r->cap,
								   r->len + CELL + SLACK, 1, 1 << 14);
					if (!p) {
						r->bad = 1;
						return;
					}
					r->text = p;
				}
				/* straight into place after the length byte (human_cell
				 * wants 48 bytes or more) */
				n = human_cell(t, &t->cols[j], c, (char *)r->text + r->len + 1, CELL);
				r->text[r->len] = (unsigned char)n;
				r->len += n + 1;
			}
			if (n > width[j])
				width[j] = n;
		}
	}
}

/* n blanks at d. */
static char *put_blanks(char *d, size_t n)
{
	if (n <= SLACK)
		memcpy(d, blanks, SLACK); /* the room asked for covers the excess */
	else
		memset(d, ' ', n);
	return d + n;
}

/*
 * Rows [i0, i1) aligned to width, their numbers taken from r in order: two
 * blanks before every column but the first, text on the left, numbers on
 * the right, and no padding after a last text column.
 */
static int table_rows(const struct caspian_table *t, size_t i0, size_t i1, const size_t *width,
		      const struct rendered *r, struct chunk *c, struct text_memo *last)
{
	size_t row_max = 1;
	for (size_t j = 0; j < t->ncols; j++)
		row_max += width[j] + 2;
	const unsigned char *next = r->text; /* the next number cell's length and text */
	for (size_t i = i0; i < i1; i++) {
		char *d = chunk_room(c, row_max + SLACK);
		if (!d)
			return -1;
		char *start = d;
		for (size_t j = 0; j < t->ncols; j++) {
			const union cell *cell = &t->cells[i * t->ncols + j];
			if (j) {
				memcpy(d, "  ", 2);
				d += 2;
			}
			if (t->cols[j].kind == CASPIAN_COL_TEXT) {
				const char *s;
				size_t n = text_cell_len(t, cell, &last[j], &s);
				memcpy(d, s, n);
				mark_cut(d, s, n);
				d += n;
				if (j + 1 < t->ncols)
					d = put_blanks(d, width[j] - n);
				continue;
			}
			size_t n = next[0];
			int left = t->cols[j].kind == CASPIAN_COL_PERIOD;
			if (!left)
				d = put_blanks(d, width[j] - n);
			if (n <= SLACK)
				memcpy(d, next + 1, SLACK); /* r keeps SLACK bytes past its end */
			else
				memcpy(d, next + 1, n);
			d += n;
			next += n + 1;
			if (left && j + 1 < t->ncols)
				d = put_blanks(d, width[j] - n);
		}
		*d++ = '\n';
		c->len += (size_t)(d - start);
	}
	return 0;
}

/* What the table's chunks share in the writing pass. */
struct table_layout {
	const size_t *width;
	struct rendered *parts; /* per chunk; each freed once written */
};

static int table_chunk(const struct caspian_table *t, size_t i0, size_t i1, size_t k,
		       struct chunk *c, struct text_memo *memo, const void *arg)
{
	const struct table_layout *l = arg;
	int rc = table_rows(t, i0, i1, l->width, &l->parts[k], c, memo);
	free(l->parts[k].text);
	l->parts[k].text = NULL;
	return rc;
}

/* A table of one row and many columns, written one "name  value" line a column. */
static int write_one_row(const struct caspian_table *t, FILE *out, struct caspian_error *err)
{
	struct caspian_table *scratch = NULL;
	size_t base;
	const struct caspian_table *row = rows_of(t, 0, 1, &scratch, &base);
	if (!row)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	char buf[CELL];
	size_t wname = 0;
	for (size_t j = 0; j < t->ncols; j++)
		if (strlen(t->cols[j].name) > wname)
			wname = strlen(t->cols[j].name);
	for (size_t j = 0; j < t->ncols; j++) {
		human_cell(row, &t->cols[j], &row->cells[j], buf, sizeof(buf));
		fprintf(out, "%-*s  %s\n", (int)wname, t->cols[j].name, buf);
	}
	caspian_table_free(scratch);
	return CASPIAN_OK;
}

/*
 * The aligned table: the number cells are rendered chunk by chunk (by
 * several threads when there are many), the widths taken over all of them,
 * then the rows formatted and written by write_chunks().
 */
static int write_table(const struct caspian_table *t, FILE *out, struct caspian_error *err)
{
	size_t nrows = caspian_table_rows(t);
	if (nrows == 1 && t->ncols > 5)
		return write_one_row(t, out, err);
	size_t ncols = t->ncols ? t->ncols : 1;
	size_t nchunks = (nrows + CHUNK_ROWS - 1) / CHUNK_ROWS;
	struct rendered *parts = calloc(nchunks ? nchunks : 1, sizeof(*parts));
	size_t *widths = calloc((nchunks + 1) * ncols, sizeof(size_t)); /* per chunk, then overall */
	int bad = !parts || !widths;
	if (!bad) {
		CX_OMP(omp parallel if (nchunks > 1))
		{
			struct text_memo *last = malloc(ncols * sizeof(*last));
			struct caspian_table *scratch = NULL;
			CX_OMP(omp for schedule(static))
			for (size_t k = 0; k < nchunks; k++) {
				size_t i0 = k * CHUNK_ROWS;
				size_t i1 = i0 + CHUNK_ROWS < nrows ? i0 + CHUNK_ROWS : nrows, base;
				const struct caspian_table *rows =
					last ? rows_of(t, i0, i1, &scratch, &base) : NULL;
				if (!rows) {
					parts[k].bad = 1;
					continue;
				}
				memset(last, 0, ncols * sizeof(*last));
				render_rows(rows, i0 - base, i1 - base, &parts[k], widths + k * ncols,
					    last);
			}
			free(last);
			caspian_table_free(scratch);
		}
		for (size_t k = 0; k < nchunks; k++)
			bad |= parts[k].bad;
	}
	size_t *width = widths + nchunks * ncols;
	for (size_t j = 0; j < t->ncols && !bad; j++) {
		width[j] = strlen(t->cols[j].name);
		for (size_t k = 0; k < nchunks; k++)
			if (widths[k * ncols + j] > width[j])
				width[j] = widths[k * ncols + j];
	}
	struct chunk head = {0};
	for (size_t j = 0; j < t->ncols && !bad; j++) {
		const char *name = t->cols[j].name;
		size_t n = strlen(name), pad = width[j] - n;
		int left = !holds_number(t->cols[j].kind);
		char *d = chunk_room(&head, width[j] + 2);
		if (!d) {
			bad = 1;
			break;
		}
		char *start = d;
		if (j) {
			memcpy(d, "  ", 2);
			d += 2;
		}
		if (!left) {
			memset(d, ' ', pad);
			d += pad;
		}
		memcpy(d, name, n);
		d += n;
		if (left && j + 1 < t->ncols) {
			memset(d, ' ', pad);
			d += pad;
		}
		head.len += (size_t)(d - start);
	}
	bad = bad || put_lit(&head, "\n", 1);
	if (!bad)
		fwrite(head.p, 1, head.len, out);
	free(head.p);
	struct table_layout layout = {width, parts};
	bad = bad || write_chunks(t, out, table_chunk, &layout);
	for (size_t k = 0; parts && k < nchunks; k++)
		free(parts[k].text); /* those not written */
	free(parts);
	free(widths);
	if (bad)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	return CASPIAN_OK;
}

int caspian_table_write(const struct caspian_table *t, enum caspian_format format,
			FILE *out, struct caspian_error *err)
{
	int rc = CASPIAN_OK;
	switch (format) {
	case CASPIAN_FORMAT_CSV:
	case CASPIAN_FORMAT_JSON:
		if ((format == CASPIAN_FORMAT_CSV ? write_csv(t, out) : write_json(t, out)) != 0)
			rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		break;
	default: rc = write_table(t, out, err); break;
	}
	if (rc == CASPIAN_OK && ferror(out))
		return caspian_error_set(err, CASPIAN_EIO, "writing the output failed");
	return rc;
}
