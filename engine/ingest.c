/*
 * CSV ingest.
 *
 * Input arrives in blocks.  A line splitter counts physical lines (LF, CRLF or
 * a lone CR, as libcsv ends rows) and hands each row to one of three readers.
 * In a file whose header is exactly series,period,value, quick_row() first
 * tries the common row (a known series in the expected order, a new period
 * inside its window, a plain value) in one pass without splitting fields; it
 * takes only rows that are valid and otherwise changes nothing.  Other rows
 * without a '"' are split on ',' directly, which is much faster than libcsv
 * and gives the same fields; rows with a quote, including quoted fields
 * spanning lines, go through libcsv in strict mode with space trimming off.
 * A quote-free row that straddles two blocks is copied whole into a carry
 * buffer (its fields are length-checked as it grows); quoted rows stream
 * through libcsv, which bounds its own buffer to the current field.
 *
 * Both readers fill the same record (fields plus the line each starts on) and
 * call end_record(), so every check after field splitting is shared.  Check
 * order within a row, which both readers must keep: field lengths left to
 * right, then the field count, then the meaning of the fields.
 *
 * Per series the values live in a window [base, base + cap) of periods that
 * grows at either end by multiples of 64 periods.  A period not seen yet
 * holds a NaN with a payload of its own (UNSEEN_BITS), which no parsed value
 * has (a missing marker is stored as NAN), so one cache line per row tells a
 * duplicate period and stores the value.  A series is found by its name
 * through the last row's series, then the series that followed it last time,
 * then an open-addressing hash table.  At the end the windows are copied,
 * trimmed to first..last period, into a panel sorted by name.
 */
#include "caspian/ingest.h"

#include "encoding.h"
#include "ingest_internal.h"
#include "number.h"
#include "grow.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	READ_BLOCK = 65536,
	ARENA_BLOCK = 1 << 18,             /* bytes per block of series headers or windows */
	SMALL_WINDOW = 16,                 /* windows up to this many steps come from an arena */
	PREFETCH_AHEAD = 6,                /* rows, see prefetch_ahead() */
	QUOTE_MAX = 40,                    /* bytes of offending text quoted in a message */
	QUOTED_SIZE = QUOTE_MAX * 4 + 8,   /* room for \xHH escapes and "..." */
	WINDOW_STEP = 64                   /* periods a window grows by */
};

/* libcsv 3.0.3 (libcsv.c): the state after a '"' inside a quoted field, where
 * entry_pos counts that quote although it may be the closing one. */
enum { LIBCSV_FIELD_MIGHT_HAVE_ENDED = 3 };

enum role { ROLE_SERIES, ROLE_PERIOD, ROLE_VALUE, ROLE_UNIT, ROLE_SOURCE, ROLE_NOTE, NROLES };
enum { NREQUIRED = 3, NMETA = 3 };
#define NO_COL SIZE_MAX

struct field {
	const char *text;
	size_t len;
	long line;
};

/* Unit, source and note of a series, allocated when a row first states one. */
struct acc_meta {
	char *text[NMETA];    /* NULL until stated */
	size_t len[NMETA];
	long line[NMETA];
};

/*
 * One series while it is being read.  The fields a row touches come first and
 * the name is stored inline, so a row costs few cache lines when series are
 * interleaved.
 */
struct acc {
	size_t len;
	long base, lo, hi;    /* ordinal of vals[0]; first and last period seen */
	size_t cap;           /* multiple of WINDOW_STEP */
	double *vals;         /* UNSEEN_BITS where no row gave the period yet */
	struct acc *next;     /* the series that followed this one last time */
	enum caspian_freq freq;
	long freq_line;       /* line of the period that fixed freq */
	struct acc_meta *meta;
	char name[];          /* len bytes and a NUL */
};

/* A hash table slot; acc == NULL when empty. */
struct slot {
	uint64_t hash;
	struct acc *acc;
};

/* Blocks of memory handed out in order and freed together. */
struct arena {
	char *head;           /* newest block; its first bytes point to the one before */
	size_t used;          /* bytes of head handed out */
};

struct ingest {
	/* options */
	enum caspian_layout layout;
	const char *role_name[NROLES];
	const char *input;
	size_t max_field, max_span, max_series;
	int reader;           /* an enum cx_reader */
	int quick;            /* the header is series,period,value: try quick_row() */
	struct caspian_error *err;
	int status;

	/* header */
	int have_header;
	long header_line;
	size_t ncols;
	size_t col[NROLES];
	size_t nrows;

	/* series, in order of appearance, and a table to find them by name */
	struct acc **accs;
	size_t nacc, cap_acc;
	struct slot *table;
	size_t table_size;
	struct acc *last;
	const struct acc *ahead; /* the series prefetch_ahead() last reached */
	int interleaved;      /* the last quick row was the series after the one before */
	struct arena headers; /* the struct acc of every series */
	struct arena windows; /* windows of up to SMALL_WINDOW steps */
	double *spare[SMALL_WINDOW + 1]; /* outgrown windows by steps, each holding the next */
	enum caspian_freq wide_freq;
	long wide_freq_line;

	/* the record being read */
	struct field *fields;
	size_t *rec_off;      /* libcsv reader: offsets of fields in rec_buf */
	size_t nfields, cap_fields;
	int all_empty;
	long rec_line;

	/* physical lines */
	long line;
	int prev_cr;
	char *carry;
	size_t carry_len, carry_cap;
	size_t carry_field_start, carry_col;
	unsigned char lead[3]; /* the first bytes, until they are known to be a byte order mark or not */
	unsigned char nlead;
	int lead_done;

	/* libcsv reader */
	struct csv_parser csv;
	int csv_ready;
	int in_csv;           /* a libcsv record is open */
	long field_line;      /* line where the current libcsv field starts */
	char *rec_buf;
	size_t rec_len, rec_cap;
};

static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

/* ---- errors ---------------------------------------------------------- */

/* Records the first error; returns 0 so callers can write return fail(...). */
static int fail(struct ingest *in, int code, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int fail(struct ingest *in, int code, long line, long col, const char *fmt, ...)
{
	if (in->status)
		return 0;
	char msg[CASPIAN_ERROR_MSG_SIZE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	in->status = code;
	caspian_error_at(in->err, code, in->input, line, col, "%s", msg);
	return 0;
}

static int out_of_memory(struct ingest *in)
{
	if (in->status)
		return 0;
	in->status = CASPIAN_ENOMEM;
	caspian_error_set(in->err, CASPIAN_ENOMEM, "out of memory while reading %s", in->input);
	return 0;
}

static int field_too_long(struct ingest *in, long line, long col)
{
	return fail(in, CASPIAN_ELIMIT, line, col, "field is longer than the limit of %zu bytes",
		    in->max_field);
}

/* Quote text for a message: at most QUOTE_MAX bytes, cut on a UTF-8 boundary. */
static const char *quote(char *buf, const char *s, size_t len)
{
	size_t n = len, o = 0;
	if (n > QUOTE_MAX) {
		n = QUOTE_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	buf[o++] = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c < 0x20 || c == 0x7F) {
			o += (size_t)snprintf(buf + o, 5, "\\x%02X", c);
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o++] = '"';
	if (n < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* ---- series accumulators --------------------------------------------- */

static uint64_t hash_name(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void acc_free(struct acc *a)
{
	if (!a)
		return;
	if (a->cap > SMALL_WINDOW * WINDOW_STEP) /* small ones go with the windows arena */
		free(a->vals);
	if (a->meta)
		for (int m = 0; m < NMETA; m++)
			free(a->meta->text[m]);
	free(a->meta);
}

/*
 * Series headers (and small windows, see window_alloc()) are carved in order
 * of appearance from large blocks, so rows that cycle through the series in
 * that order (a period-major file) read them forwards, which the hardware
 * prefetches.  Not cleared; freed with the session.
 */
static void *arena_alloc(struct arena *ar, size_t size)
{
	size = (size + 15) / 16 * 16;
	if (!ar->head || ar->used + size > ARENA_BLOCK) {
		/* malloc, not calloc: a block reused from the heap need not be cleared */
		char *b = malloc(ARENA_BLOCK);
		if (!b)
			return NULL;
		memcpy(b, &ar->head, sizeof(ar->head)); /* blocks form a list */
		ar->head = b;
		ar->used = 16;
	}
	void *p = ar->head + ar->used;
	ar->used += size;
	return p;
}

static void arena_free(struct arena *ar)
{
	while (ar->head) {
		char *prev;
		memcpy(&prev, ar->head, sizeof(prev));
		free(ar->head);
		ar->head = prev;
	}
}

static struct acc *lookup(const struct ingest *in, const char *s, size_t n, uint64_t h)
{
	if (!in->table_size)
		return NULL;
	size_t mask = in->table_size - 1;
	for (size_t i = h & mask; in->table[i].acc; i = (i + 1) & mask) {
		struct acc *a = in->table[i].acc;
		if (in->table[i].hash == h && a->len == n && memcmp(a->name, s, n) == 0)
			return a;
	}
	return NULL;
}

static void table_put(struct slot *t, size_t size, uint64_t h, struct acc *a)
{
	size_t i = h & (size - 1);
	while (t[i].acc)
		i = (i + 1) & (size - 1);
	t[i].hash = h;
	t[i].acc = a;
}

/* Keep the table at most half full. */
static int table_insert(struct ingest *in, struct acc *a, uint64_t h)
{
	if (2 * (in->nacc + 1) > in->table_size) {
		size_t size = in->table_size ? 2 * in->table_size : 64;
		struct slot *t = calloc(size, sizeof(*t));
		if (!t)
			return out_of_memory(in);
		for (size_t i = 0; i < in->table_size; i++)
			if (in->table[i].acc)
				table_put(t, size, in->table[i].hash, in->table[i].acc);
		free(in->table);
		in->table = t;
		in->table_size = size;
	}
	table_put(in->table, in->table_size, h, a);
	return 1;
}

static int name_ok(const char *s, size_t n)
{
	return n > 0 && n <= CASPIAN_NAME_MAX && !memchr(s, '\0', n);
}

static struct acc *create_series(struct ingest *in, const struct field *f, long col, uint64_t h)
{
	char q[QUOTED_SIZE];
	struct acc *a = NULL;
	if (!name_ok(f->text, f->len))
		goto invalid;
	if (in->nacc >= in->max_series) {
		fail(in, CASPIAN_ELIMIT, f->line, col,
		     "series %s would be series number %zu, over the limit of %zu in one input",
		     quote(q, f->text, f->len), in->nacc + 1, in->max_series);
		return NULL;
	}
	if (!(a = arena_alloc(&in->headers, sizeof(*a) + f->len + 1))) {
		out_of_memory(in);
		return NULL;
	}
	memset(a, 0, sizeof(*a));
	memcpy(a->name, f->text, f->len);
	a->name[f->len] = '\0';
	a->len = f->len;
	if (!caspian_series_name_valid(a->name))
		goto invalid;
	if (in->nacc == in->cap_acc) {
		size_t cap = in->cap_acc ? 2 * in->cap_acc : 64;
		struct acc **v = realloc(in->accs, cap * sizeof(*v));
		if (!v)
			goto oom;
		in->accs = v;
		in->cap_acc = cap;
	}
	if (!table_insert(in, a, h))
		goto oom;
	in->accs[in->nacc++] = a;
	return a;
oom:
	acc_free(a);
	out_of_memory(in);
	return NULL;
invalid:
	acc_free(a);
	fail(in, CASPIAN_EPARSE, f->line, col,
	     "series name %s is not valid (1 to %d letters, digits or ._-:/@+)",
	     quote(q, f->text, f->len), CASPIAN_NAME_MAX);
	return NULL;
}

static int acc_is(const struct acc *a, const struct field *f)
{
	return a && a->len == f->len && memcmp(a->name, f->text, f->len) == 0;
}

/*
 * Rows usually repeat the last series (sorted files) or follow the order seen
 * before (a period-major file lists the series in the same order each period),
 * so try those two before hashing.
 */
static struct acc *find_series(struct ingest *in, const struct field *f, long col)
{
	struct acc *last = in->last, *a;
	if (acc_is(last, f))
		return last;
	if (last && acc_is(last->next, f))
		return last->next;
	uint64_t h = hash_name(f->text, f->len);
	a = lookup(in, f->text, f->len, h);
	if (!a)
		a = create_series(in, f, col, h);
	if (a && last)
		last->next = a;
	return a;
}

static size_t round_up_step(size_t n)
{
	return (n + WINDOW_STEP - 1) / WINDOW_STEP * WINDOW_STEP;
}

#define UNSEEN_BITS 0x7FF80000CA5B1A00ULL /* a quiet NaN, not the NAN of <math.h> */

static double unseen(void)
{
	uint64_t b = UNSEEN_BITS;
	double d;
	memcpy(&d, &b, sizeof(d));
	return d;
}

static int is_unseen(double d)
{
	uint64_t b;
	memcpy(&b, &d, sizeof(b));
	return b == UNSEEN_BITS;
}

/*
 * Small windows come from an arena in order of allocation, so the windows of
 * series that appear one after the other lie side by side (rows that cycle
 * through the series then write memory forwards); an outgrown one is kept
 * for the next window of its size (in a series-major file, the next series),
 * which keeps it in cache.  Larger windows are malloc'ed.
 */
static double *window_alloc(struct ingest *in, size_t cap)
{
	size_t steps = cap / WINDOW_STEP;
	if (steps > SMALL_WINDOW)
		return malloc(cap * sizeof(double));
	double *v = in->spare[steps];
	if (v) {
		/* A spare window's first bytes hold the next spare's address. */
		memcpy(&in->spare[steps], v, sizeof(double *));
		return v;
	}
	return arena_alloc(&in->windows, cap * sizeof(double));
}

static void window_free(struct ingest *in, double *v, size_t cap)
{
	size_t steps = cap / WINDOW_STEP;
	if (!v)
		return;
	if (steps > SMALL_WINDOW) {
		free(v);
		return;
	}
	memcpy(v, &in->spare[steps], sizeof(double *));
	in->spare[steps] = v;
}

/* Re-home the window to [nb, nb + ncap), which covers the old one. */
static int acc_rehome(struct ingest *in, struct acc *a, long nb, size_t ncap)
{
	double *v = window_alloc(in, ncap);
	if (!v)
		return out_of_memory(in);
	double u = unseen();
	for (size_t i = 0; i < ncap; i++)
		v[i] = u;
	if (a->vals)
		memcpy(v + (a->base - nb), a->vals, a->cap * sizeof(*v));
	window_free(in, a->vals, a->cap);
	a->vals = v;
	a->base = nb;
	a->cap = ncap;
	return 1;
}

static int acc_grow(struct ingest *in, struct acc *a, long p)
{
	if (!a->vals)
		return acc_rehome(in, a, p, WINDOW_STEP);
	if (p < a->base) {
		size_t need = (size_t)(a->base - p);
		size_t add = round_up_step(need > a->cap ? need : a->cap);
		return acc_rehome(in, a, a->base - (long)add, a->cap + add);
	}
	size_t need = (size_t)(p - a->base) + 1;
	return acc_rehome(in, a, a->base, round_up_step(need > 2 * a->cap ? need : 2 * a->cap));
}

/* The window index of period p in a, growing the window; checks max_span. */
static int acc_slot(struct ingest *in, struct acc *a, long p, const struct field *f,
		    long col, size_t *k)
{
	long lo = a->vals && a->lo < p ? a->lo : p;
	long hi = a->vals && a->hi > p ? a->hi : p;
	if ((size_t)(hi - lo) >= in->max_span) {
		char t0[CASPIAN_PERIOD_TEXT_MAX], t1[CASPIAN_PERIOD_TEXT_MAX];
		caspian_period_format(a->freq, lo, t0);
		caspian_period_format(a->freq, hi, t1);
		return fail(in, CASPIAN_ELIMIT, f->line, col,
			    "series \"%s\" would span %ld periods (%s to %s), over the limit of %zu",
			    a->name, hi - lo + 1, t0, t1, in->max_span);
	}
	if ((!a->vals || p < a->base || p >= a->base + (long)a->cap) && !acc_grow(in, a, p))
		return 0;
	a->lo = lo;
	a->hi = hi;
	*k = (size_t)(p - a->base);
	return 1;
}

static int acc_seen(const struct acc *a, size_t k)
{
	return !is_unseen(a->vals[k]);
}

/* v is finite or NAN (a missing marker), never the unseen NaN. */
static void acc_store(struct acc *a, size_t k, double v)
{
	a->vals[k] = v;
}

/* ---- field meanings -------------------------------------------------- */

static int read_period(struct ingest *in, const struct field *f, long col,
		       enum caspian_freq *freq, long *p)
{
	char q[QUOTED_SIZE];
	if (caspian_period_parse(f->text, f->len, freq, p) == CASPIAN_OK)
		return 1;
	return fail(in, CASPIAN_EPARSE, f->line, col,
		    "period %s is not a period (use 2017, 2017Q3, 2017-03, 2017-W05 or 2017-03-15)",
		    quote(q, f->text, f->len));
}

/* [+-]inf or [+-]infinity in any case: worth its own message. */
static int spells_infinity(const char *s, size_t n)
{
	if (n && (*s == '+' || *s == '-')) {
		s++;
		n--;
	}
	static const char word[] = "infinity";
	if (n != 3 && n != 8)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) != word[i])
			return 0;
	return 1;
}

static int read_value(struct ingest *in, const struct field *f, long col, double *v)
{
	char q[QUOTED_SIZE];
	if (caspian_is_missing_marker(f->text, f->len)) {
		*v = NAN;
		return 1;
	}
	int r = cx_number_scan(f->text, f->len, v);
	if (r == CX_NUMBER_OK)
		return 1;
	quote(q, f->text, f->len);
	if (r == CX_NUMBER_RANGE)
		return fail(in, CASPIAN_EPARSE, f->line, col,
			    "value %s is too large: it would be infinite", q);
	if (spells_infinity(f->text, f->len))
		return fail(in, CASPIAN_EPARSE, f->line, col,
			    "value %s is infinite; only finite numbers are accepted", q);
	return fail(in, CASPIAN_EPARSE, f->line, col,
		    "value %s is not a number (use '.' for decimals, no thousands separators)", q);
}

/* An empty unit/source/note says nothing; stated ones must agree within a series. */
static int check_meta(struct ingest *in, struct acc *a, int m, const struct field *f, long col)
{
	char q[QUOTED_SIZE], q0[QUOTED_SIZE];
	if (f->len == 0)
		return 1;
	if (memchr(f->text, '\0', f->len)) /* stored as C text, it would end there */
		return fail(in, CASPIAN_EPARSE, f->line, col, "%s %s contains a NUL byte",
			    in->role_name[NREQUIRED + m], quote(q, f->text, f->len));
	if (!a->meta && !(a->meta = calloc(1, sizeof(*a->meta))))
		return out_of_memory(in);
	struct acc_meta *md = a->meta;
	if (md->text[m]) {
		if (md->len[m] == f->len && memcmp(md->text[m], f->text, f->len) == 0)
			return 1;
		return fail(in, CASPIAN_EPARSE, f->line, col,
			    "%s %s differs from %s given for series \"%s\" on line %ld",
			    in->role_name[NREQUIRED + m], quote(q, f->text, f->len),
			    quote(q0, md->text[m], md->len[m]), a->name, md->line[m]);
	}
	if (!(md->text[m] = malloc(f->len + 1)))
		return out_of_memory(in);
	memcpy(md->text[m], f->text, f->len);
	md->text[m][f->len] = '\0';
	md->len[m] = f->len;
	md->line[m] = f->line;
	return 1;
}

/* ---- rows ------------------------------------------------------------ */

static int long_row(struct ingest *in)
{
	char q[QUOTED_SIZE];
	const struct field *fs = &in->fields[in->col[ROLE_SERIES]];
	const struct field *fp = &in->fields[in->col[ROLE_PERIOD]];
	const struct field *fv = &in->fields[in->col[ROLE_VALUE]];
	long pcol = (long)in->col[ROLE_PERIOD] + 1;
	enum caspian_freq freq;
	long p;
	size_t k = 0;
	double v;

	struct acc *a = find_series(in, fs, (long)in->col[ROLE_SERIES] + 1);
	if (!a || !read_period(in, fp, pcol, &freq, &p))
		return 0;
	if (a->freq == CASPIAN_FREQ_NONE) {
		a->freq = freq;
		a->freq_line = fp->line;
	} else if (freq != a->freq) {
		return fail(in, CASPIAN_EPARSE, fp->line, pcol,
			    "period %s is %s but series \"%s\" has %s periods (line %ld)",
			    quote(q, fp->text, fp->len), caspian_freq_name(freq), a->name,
			    caspian_freq_name(a->freq), a->freq_line);
	}
	if (!acc_slot(in, a, p, fp, pcol, &k))
		return 0;
	if (acc_seen(a, k))
		return fail(in, CASPIAN_EPARSE, fp->line, pcol,
			    "series \"%s\" has period %s twice", a->name, quote(q, fp->text, fp->len));
	if (!read_value(in, fv, (long)in->col[ROLE_VALUE] + 1, &v))
		return 0;
	for (int m = 0; m < NMETA; m++) {
		size_t c = in->col[NREQUIRED + m];
		if (c != NO_COL && !check_meta(in, a, m, &in->fields[c], (long)c + 1))
			return 0;
	}
	acc_store(a, k, v);
	in->last = a;
	in->nrows++;
	return 1;
}

static int wide_row(struct ingest *in)
{
	char q[QUOTED_SIZE];
	const struct field *fp = &in->fields[0];
	enum caspian_freq freq;
	long p;
	size_t k = 0;
	double v;

	if (!read_period(in, fp, 1, &freq, &p))
		return 0;
	if (in->wide_freq == CASPIAN_FREQ_NONE) {
		in->wide_freq = freq;
		in->wide_freq_line = fp->line;
		for (size_t i = 0; i < in->nacc; i++)
			in->accs[i]->freq = freq;
	} else if (freq != in->wide_freq) {
		return fail(in, CASPIAN_EPARSE, fp->line, 1,
			    "period %s is %s but the periods above are %s (line %ld)",
			    quote(q, fp->text, fp->len), caspian_freq_name(freq),
			    caspian_freq_name(in->wide_freq), in->wide_freq_line);
	}
	/* Every row fills every series, so their windows and bitmaps stay alike. */
	for (size_t i = 0; i < in->nacc; i++)
		if (!acc_slot(in, in->accs[i], p, fp, 1, &k))
			return 0;
	if (acc_seen(in->accs[0], k))
		return fail(in, CASPIAN_EPARSE, fp->line, 1, "period %s appears twice",
			    quote(q, fp->text, fp->len));
	for (size_t i = 0; i < in->nacc; i++) {
		if (!read_value(in, &in->fields[i + 1], (long)i + 2, &v))
			return 0;
		acc_store(in->accs[i], k, v);
	}
	in->nrows++;
	return 1;
}

/* ---- header ---------------------------------------------------------- */

static int field_is(const struct field *f, const char *name)
{
	size_t n = strlen(name);
	return f->len == n && memcmp(f->text, name, n) == 0;
}

/*
 * "a, b, c" from the header fields, shortened to fit; control bytes are
 * written \xNN, so that a binary file's header cannot garble the terminal.
 */
static const char *header_list(const struct ingest *in, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < in->nfields; i++) {
		const struct field *f = &in->fields[i];
		size_t k = 0;
		if (i && o + 2 < size) {
			memcpy(buf + o, ", ", 2);
			o += 2;
		}
		for (; k < f->len && o + 8 < size; k++) {
			unsigned char c = (unsigned char)f->text[k];
			if (c < 0x20 || c == 0x7F) {
				o += (size_t)snprintf(buf + o, size - o, "\\x%02X", c);
				continue;
			}
			/* a UTF-8 sequence goes whole or not at all */
			size_t seq = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (o + seq + 8 >= size)
				break;
			buf[o++] = (char)c;
		}
		buf[o] = '\0';
		if (k < f->len || (i + 1 < in->nfields && o + 8 >= size)) {
			snprintf(buf + o, size - o, "...");
			break;
		}
	}
	return buf;
}

static int long_header(struct ingest *in)
{
	char list[160];
	for (int r = 0; r < NROLES; r++)
		in->col[r] = NO_COL;
	for (size_t i = 0; i < in->nfields; i++) {
		for (int r = 0; r < NROLES; r++) {
			if (!field_is(&in->fields[i], in->role_name[r]))
				continue;
			if (in->col[r] != NO_COL)
				return fail(in, CASPIAN_EPARSE, in->fields[i].line, (long)i + 1,
					    "column \"%s\" appears twice in the header (columns %zu and %zu)",
					    in->role_name[r], in->col[r] + 1, i + 1);
			in->col[r] = i;
			break;
		}
	}
	for (int r = 0; r < NREQUIRED; r++)
		if (in->col[r] == NO_COL)
			return fail(in, CASPIAN_EPARSE, in->rec_line, 1,
				    "the header has no \"%s\" column (it has: %s)", in->role_name[r],
				    header_list(in, list, sizeof(list)));
	in->quick = in->reader == CX_READ_ALL && in->ncols == NREQUIRED &&
		    in->col[ROLE_SERIES] == 0 && in->col[ROLE_PERIOD] == 1 && in->col[ROLE_VALUE] == 2;
	return 1;
}

static int wide_header(struct ingest *in)
{
	char q[QUOTED_SIZE];
	const struct field *f0 = &in->fields[0];
	if (!field_is(f0, in->role_name[ROLE_PERIOD]))
		return fail(in, CASPIAN_EPARSE, f0->line, 1,
			    "in the wide layout the first column must be \"%s\", not %s",
			    in->role_name[ROLE_PERIOD], quote(q, f0->text, f0->len));
	if (in->nfields < 2)
		return fail(in, CASPIAN_EPARSE, f0->line, 2,
			    "the header names no series after \"%s\"", in->role_name[ROLE_PERIOD]);
	for (size_t i = 1; i < in->nfields; i++) {
		const struct field *f = &in->fields[i];
		uint64_t h = hash_name(f->text, f->len);
		if (lookup(in, f->text, f->len, h))
			return fail(in, CASPIAN_EPARSE, f->line, (long)i + 1,
				    "column %s appears twice in the header", quote(q, f->text, f->len));
		if (!create_series(in, f, (long)i + 1, h))
			return 0;
	}
	return 1;
}

/* ---- records --------------------------------------------------------- */

static void begin_record(struct ingest *in, long line)
{
	in->nfields = 0;
	in->all_empty = 1;
	in->rec_line = line;
}

/*
 * 1 when field number col (1-based) of the current row may exist.  A data row
 * may not have more fields than the header, nor the header more columns than
 * series are allowed (plus the period column): refusing the first surplus
 * field at once, in every reader, keeps a hostile row of endless commas from
 * taking memory in proportion to its length.
 */
static int field_count_ok(struct ingest *in, long line, size_t col)
{
	if (in->have_header && col > in->ncols)
		return fail(in, CASPIAN_EPARSE, line, (long)col,
			    "row has more than %zu fields but the header has %zu", in->ncols,
			    in->ncols);
	if (!in->have_header && col > in->max_series + 1)
		return fail(in, CASPIAN_ELIMIT, line, (long)col,
			    "the header has more than %zu columns, over the limit", in->max_series + 1);
	return 1;
}

static int add_field(struct ingest *in, const char *text, size_t len, long line)
{
	if (len > in->max_field)
		return field_too_long(in, line, (long)in->nfields + 1);
	if (!field_count_ok(in, line, in->nfields + 1))
		return 0;
	if (in->nfields == in->cap_fields) {
		size_t cap = in->cap_fields ? 2 * in->cap_fields : 16;
		struct field *f = realloc(in->fields, cap * sizeof(*f));
		if (!f)
			return out_of_memory(in);
		in->fields = f;
		size_t *o = realloc(in->rec_off, cap * sizeof(*o));
		if (!o)
			return out_of_memory(in);
		in->rec_off = o;
		in->cap_fields = cap;
	}
	struct field *f = &in->fields[in->nfields++];
	f->text = text;
	f->len = len;
	f->line = line;
	in->all_empty &= len == 0;
	return 1;
}

static void end_record(struct ingest *in)
{
	if (in->all_empty) /* blank rows such as ",,," are skipped like blank lines */
		return;
	if (!in->have_header) {
		in->have_header = 1;
		in->header_line = in->rec_line;
		in->ncols = in->nfields;
		if (in->layout == CASPIAN_LAYOUT_WIDE)
			wide_header(in);
		else
			long_header(in);
		return;
	}
	if (in->nfields != in->ncols) {
		long col = (long)(in->nfields < in->ncols ? in->nfields : in->ncols) + 1;
		fail(in, CASPIAN_EPARSE, in->rec_line, col,
		     "row has %zu fields but the header has %zu", in->nfields, in->ncols);
		return;
	}
	if (in->layout == CASPIAN_LAYOUT_WIDE)
		wide_row(in);
	else
		long_row(in);
}

/* ---- the direct splitter --------------------------------------------- */

static const unsigned char special[256] = {[','] = 1, ['"'] = 2, ['\n'] = 3, ['\r'] = 3};

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HAVE_SWAR 1
/* Bit 8k+7 is set for the first byte k of x equal to c (later bits may be spurious). */
static inline uint64_t byte_is(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (0x0101010101010101ULL * c);
	return (y - 0x0101010101010101ULL) & ~y & 0x8080808080808080ULL;
}
#endif

/* Offset of the first ',', '"', CR or LF in s[i..n), or n; eight bytes at a time. */
static size_t next_special(const char *s, size_t i, size_t n)
{
#ifdef HAVE_SWAR
	while (i + 8 <= n) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t m = byte_is(x, ',') | byte_is(x, '"') | byte_is(x, '\n') | byte_is(x, '\r');
		if (m)
			return i + ((size_t)__builtin_ctzll(m) >> 3);
		i += 8;
	}
#endif
	while (i < n && !special[(unsigned char)s[i]])
		i++;
	return i;
}

enum { ROW_DONE, ROW_PARTIAL, ROW_QUOTED };

/*
 * Split the row starting at s[0] on commas and process it if its line end is
 * in s[0..n): *used is then the row's length without the line end.  A row
 * holding a '"' is left to libcsv, one without a line end to the carry.
 */
static int fast_row(struct ingest *in, const char *s, size_t n, size_t *used)
{
	size_t i = 0, start = 0;
	begin_record(in, in->line);
	for (;;) {
		i = next_special(s, i, n);
		if (i == n)
			return ROW_PARTIAL;
		if (s[i] == '"')
			return ROW_QUOTED;
		if (!add_field(in, s + start, i - start, in->line))
			return ROW_DONE;
		if (s[i] != ',')
			break;
		start = ++i;
	}
	*used = i;
	end_record(in);
	return ROW_DONE;
}

/* Offset of the first CR or LF in s[0..n), or n; *quoted set if a '"' precedes it. */
static size_t scan_line(const char *s, size_t n, int *quoted)
{
	size_t i = 0;
	*quoted = 0;
	for (;;) {
		i = next_special(s, i, n);
		if (i == n || special[(unsigned char)s[i]] == 3)
			return i;
		*quoted |= s[i] == '"';
		i++;
	}
}

/* A whole row s[0..n) with no '"' and no line end (a carried row, or the last). */
static void fast_line(struct ingest *in, const char *s, size_t n)
{
	const char *end = s + n;
	begin_record(in, in->line);
	for (;;) {
		const char *c = memchr(s, ',', (size_t)(end - s));
		const char *e = c ? c : end;
		if (!add_field(in, s, (size_t)(e - s), in->line))
			return;
		if (!c)
			break;
		s = c + 1;
	}
	end_record(in);
}

static void account_term(struct ingest *in, char c)
{
	in->line += cx_line_ends(&in->prev_cr, (unsigned char)c);
}

/*
 * Keep the unfinished row s[0..n) for the next block.  The carry holds no '"',
 * so its fields end at commas: refuse an over-long one now rather than let the
 * buffer grow, naming the same field the finished row would.
 */
static int carry_append(struct ingest *in, const char *s, size_t n)
{
	if (in->carry_len == 0) {
		in->carry_field_start = 0;
		in->carry_col = 1;
	}
	char *c = cx_grow(in->carry, &in->carry_cap, in->carry_len + n, 1, 256);
	if (!c)
		return out_of_memory(in);
	in->carry = c;
	memcpy(in->carry + in->carry_len, s, n);
	size_t i = in->carry_len;
	in->carry_len += n;
	for (; i < in->carry_len; i++) {
		if (in->carry[i] != ',')
			continue;
		if (i - in->carry_field_start > in->max_field)
			return field_too_long(in, in->line, (long)in->carry_col);
		if (!field_count_ok(in, in->line, in->carry_col))
			return 0;
		in->carry_field_start = i + 1;
		in->carry_col++;
	}
	if (in->carry_len - in->carry_field_start > in->max_field)
		return field_too_long(in, in->line, (long)in->carry_col);
	return 1;
}

/* ---- the libcsv reader ----------------------------------------------- */

static size_t csv_partial_len(const struct ingest *in)
{
	size_t n = in->csv.entry_pos;
	if (in->csv.pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED && n > 0)
		n--;
	return n;
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct ingest *in = ctx;
	if (in->status)
		return;
	if (len > in->max_field) {
		field_too_long(in, in->field_line, (long)in->nfields + 1);
		return;
	}
	char *b = cx_grow(in->rec_buf, &in->rec_cap, in->rec_len + len, 1, 256);
	if (!b) {
		out_of_memory(in);
		return;
	}
	in->rec_buf = b;
	if (len)
		memcpy(in->rec_buf + in->rec_len, data, len);
	if (!add_field(in, NULL, len, in->field_line))
		return;
	in->rec_off[in->nfields - 1] = in->rec_len;
	in->rec_len += len;
	in->field_line = in->line; /* the delimiter just read is on this line */
}

static void on_row(int c, void *ctx)
{
	struct ingest *in = ctx;
	(void)c;
	in->in_csv = 0;
	if (in->status)
		return;
	for (size_t i = 0; i < in->nfields; i++)
		in->fields[i].text = in->fields[i].len ? in->rec_buf + in->rec_off[i] : "";
	end_record(in);
}

static void start_csv_record(struct ingest *in)
{
	in->in_csv = 1;
	in->rec_len = 0;
	in->field_line = in->line;
	begin_record(in, in->line);
}

static void csv_refused(struct ingest *in, char c)
{
	int e = csv_error(&in->csv);
	long col = (long)in->nfields + 1;
	if (e != CSV_EPARSE) {
		out_of_memory(in);
		return;
	}
	/* The length check comes first in a field, whichever reader sees it. */
	if (csv_partial_len(in) > in->max_field)
		field_too_long(in, in->field_line, col);
	else if (c == '"')
		fail(in, CASPIAN_EPARSE, in->line, col,
		     "quote inside an unquoted field (quote the whole field and double the quotes in it)");
	else
		fail(in, CASPIAN_EPARSE, in->line, col,
		     "text after the closing quote of a quoted field");
}

static void csv_feed(struct ingest *in, const char *s, size_t n)
{
	size_t used = csv_parse(&in->csv, s, n, on_field, on_row, in);
	if (in->status)
		return;
	if (used < n) {
		csv_refused(in, s[used]);
		return;
	}
	if (in->in_csv && csv_partial_len(in) > in->max_field)
		field_too_long(in, in->field_line, (long)in->nfields + 1);
}

/* Feed libcsv up to and including the next line end; returns bytes used. */
static size_t csv_segment(struct ingest *in, const char *s, size_t n)
{
	int quoted;
	size_t t = scan_line(s, n, &quoted);
	size_t k = t < n ? t + 1 : n;
	if (t > 0)
		in->prev_cr = 0;
	csv_feed(in, s, k);
	if (t < n)
		account_term(in, s[t]);
	return k;
}

/* ---- the quick row ---------------------------------------------------- */

/* 1 when s[0..n) starts with a's name followed by a comma. */
static int starts_with_name(const struct acc *a, const char *s, size_t n)
{
	return a && n > a->len && s[a->len] == ',' && memcmp(s, a->name, a->len) == 0;
}

/* The ordinal of a monthly "YYYY-MM" in s[0..7), or -1. */
static long quick_month(const char *s)
{
	unsigned y0 = (unsigned)((unsigned char)s[0] - '0'), y1 = (unsigned)((unsigned char)s[1] - '0');
	unsigned y2 = (unsigned)((unsigned char)s[2] - '0'), y3 = (unsigned)((unsigned char)s[3] - '0');
	unsigned m0 = (unsigned)((unsigned char)s[5] - '0'), m1 = (unsigned)((unsigned char)s[6] - '0');
	if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) || s[4] != '-')
		return -1;
	unsigned m = m0 * 10 + m1;
	if (m < 1 || m > 12)
		return -1;
	return (long)((y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 12 + m - 1);
}

/* The period field at s[0..n): its length, or 0 unless it parses as freq. */
static size_t quick_period(const struct ingest *in, const char *s, size_t n,
			   enum caspian_freq freq, long *p)
{
	if (freq == CASPIAN_FREQ_MONTHLY && n > 7 && s[7] == ',' && in->max_field >= 7) {
		*p = quick_month(s);
		return *p >= 0 ? 7 : 0;
	}
	size_t j = next_special(s, 0, n);
	enum caspian_freq f;
	if (j == n || s[j] != ',' || j > in->max_field ||
	    caspian_period_parse(s, j, &f, p) != CASPIAN_OK || f != freq)
		return 0;
	return j;
}

/* The length of the value field at s[0..n), which ends a line in s, or SIZE_MAX. */
static size_t quick_value(const struct ingest *in, const char *s, size_t n, double *v)
{
	size_t j = cx_number_plain(s, n, v);
	if (j == 0 || j == n || special[(unsigned char)s[j]] != 3) {
		j = next_special(s, 0, n);
		if (j == n || special[(unsigned char)s[j]] != 3)
			return SIZE_MAX;
		if (caspian_is_missing_marker(s, j))
			*v = NAN;
		else if (cx_number_scan(s, j, v) != CX_NUMBER_OK)
			return SIZE_MAX;
	}
	return j <= in->max_field ? j : SIZE_MAX;
}

/*
 * Rows interleaving many series touch each series' window once per period,
 * too rarely for it to stay in cache: ask now for the slot of period p in the
 * window of the series PREFETCH_AHEAD rows on, so its loads are under way by
 * the time its row comes.  (The headers, in arena order, stream in by
 * themselves.)
 */
static void prefetch_ahead(struct ingest *in, const struct acc *a, long p)
{
#if defined(__GNUC__)
	for (int i = 0; i < PREFETCH_AHEAD && a; i++)
		a = a->next;
	if (a && a->vals && p >= a->base && p < a->base + (long)a->cap) {
		__builtin_prefetch(&a->vals[(size_t)(p - a->base)]);
	}
	/* Kept so that the walk is not optimised away with its prefetches. */
	in->ahead = a;
#else
	(void)in;
	(void)a;
	(void)p;
#endif
}

/*
 * The common row of a "series,period,value" file, read without splitting it
 * into fields first: a series named like the last row's or the one that came
 * after it last time, a period of that series' form inside its window, seen
 * for the first time, a plain value, a line end in s[0..n).  Returns 1 with
 * the row stored and *used its length without the line end, or 0 having
 * changed nothing, for the field splitter to read the row and say what is
 * wrong with it, if anything.  Everything this accepts the splitter accepts
 * with the same result (the fuzz targets compare them).
 */
static int quick_row(struct ingest *in, const char *s, size_t n, size_t *used)
{
	/* Names are unique, so the order of the two tries only saves time: the
	 * one that matched last time goes first. */
	struct acc *a = in->last, *b = a ? a->next : NULL;
	if (in->interleaved) {
		a = b;
		b = in->last;
	}
	if (!starts_with_name(a, s, n)) {
		a = b;
		if (!starts_with_name(a, s, n))
			return 0;
	}
	int interleaved = a != in->last;
	size_t at = a->len + 1;
	long p;
	size_t pl = quick_period(in, s + at, n - at, a->freq, &p);
	if (pl == 0)
		return 0;
	at += pl + 1;
	double v;
	size_t vl = quick_value(in, s + at, n - at, &v);
	if (vl == SIZE_MAX)
		return 0;
	long lo = a->lo < p ? a->lo : p, hi = a->hi > p ? a->hi : p;
	if (p < a->base || p >= a->base + (long)a->cap || (size_t)(hi - lo) >= in->max_span)
		return 0;
	/* Outside lo..hi nothing was seen: a period after the last one (the usual
	 * case in either order) needs no load from the window, only a store. */
	size_t k = (size_t)(p - a->base);
	if (p >= a->lo && p <= a->hi && acc_seen(a, k))
		return 0;
	acc_store(a, k, v);
	a->lo = lo;
	a->hi = hi;
	in->last = a;
	in->nrows++;
	*used = at + vl;
	in->interleaved = interleaved;
	if (interleaved)
		prefetch_ahead(in, a, p);
	return 1;
}

/* ---- blocks ---------------------------------------------------------- */

/* Continue a carried row with buf; returns the bytes of buf used. */
static size_t finish_carry(struct ingest *in, const char *buf, size_t len)
{
	int quoted;
	size_t t = scan_line(buf, len, &quoted);
	if (quoted) {
		start_csv_record(in);
		size_t n = in->carry_len;
		in->carry_len = 0;
		csv_feed(in, in->carry, n);
		return 0;
	}
	if (!carry_append(in, buf, t) || t == len)
		return len;
	size_t n = in->carry_len;
	in->carry_len = 0;
	fast_line(in, in->carry, n);
	return t;
}

static void feed(struct ingest *in, const char *buf, size_t len)
{
	size_t i = 0;
	if (in->carry_len)
		i = finish_carry(in, buf, len);
	while (i < len && !in->status) {
		if (in->in_csv) {
			i += csv_segment(in, buf + i, len - i);
			continue;
		}
		char c = buf[i];
		if (c == '\r' || c == '\n') {
			account_term(in, c);
			i++;
			continue;
		}
		in->prev_cr = 0;
		size_t used = 0;
		if (in->quick && quick_row(in, buf + i, len - i, &used)) {
			i += used;
			if (buf[i] == '\n') { /* the usual line end, as account_term() counts it */
				in->line++;
				i++;
			}
			continue;
		}
		int r = in->reader == CX_READ_LIBCSV ? ROW_QUOTED : fast_row(in, buf + i, len - i, &used);
		if (r == ROW_QUOTED) {
			start_csv_record(in);
			continue;
		}
		if (r == ROW_PARTIAL) {
			if (!in->status)
				carry_append(in, buf + i, len - i);
			return;
		}
		i += used;
	}
}

enum lead { LEAD_OPEN, LEAD_TEXT, LEAD_UTF8_BOM, LEAD_UTF16_BOM };

/* What the first n bytes of the input say, if they say it yet. */
static enum lead lead_kind(const unsigned char *b, size_t n)
{
	if (cx_starts_utf16(b, n))
		return LEAD_UTF16_BOM;
	if (n < 2 && (b[0] == 0xFF || b[0] == 0xFE))
		return LEAD_OPEN;
	size_t k = 0;
	while (k < n && k < 3 && b[k] == utf8_bom[k])
		k++;
	if (k == 3)
		return LEAD_UTF8_BOM;
	return k == n ? LEAD_OPEN : LEAD_TEXT;
}

static void lead_settle(struct ingest *in, enum lead kind)
{
	in->lead_done = 1;
	if (kind == LEAD_UTF16_BOM)
		fail(in, CASPIAN_EPARSE, 1, 1, "%s", cx_utf16_message);
	else if (kind == LEAD_TEXT)
		feed(in, (const char *)in->lead, in->nlead);
}

/*
 * Drop a UTF-8 byte order mark at the very start, and refuse UTF-16 there,
 * however the blocks cut the first bytes.
 */
static void session_feed(struct ingest *in, const char *buf, size_t len)
{
	while (!in->lead_done && len > 0 && !in->status) {
		in->lead[in->nlead++] = (unsigned char)*buf++;
		len--;
		enum lead kind = lead_kind(in->lead, in->nlead);
		if (kind != LEAD_OPEN)
			lead_settle(in, kind);
	}
	if (len > 0 && !in->status)
		feed(in, buf, len);
}

static int session_init(struct ingest *in, const struct caspian_ingest_opts *o, int reader,
			struct caspian_error *err)
{
	struct caspian_ingest_opts d;
	caspian_ingest_opts_init(&d);
	memset(in, 0, sizeof(*in));
	in->err = err;
	in->reader = reader;
	in->line = 1;
	in->layout = o ? o->layout : d.layout;
	in->role_name[ROLE_SERIES] = o && o->series_col ? o->series_col : d.series_col;
	in->role_name[ROLE_PERIOD] = o && o->period_col ? o->period_col : d.period_col;
	in->role_name[ROLE_VALUE] = o && o->value_col ? o->value_col : d.value_col;
	in->role_name[ROLE_UNIT] = "unit";
	in->role_name[ROLE_SOURCE] = "source";
	in->role_name[ROLE_NOTE] = "note";
	in->input = o && o->input_name ? o->input_name : d.input_name;
	in->max_field = o && o->max_field ? o->max_field : d.max_field;
	in->max_span = o && o->max_span ? o->max_span : d.max_span;
	in->max_series = o && o->max_series ? o->max_series : d.max_series;
	for (int a = 0; a < NREQUIRED; a++)
		for (int b = a + 1; b < NREQUIRED; b++)
			if (strcmp(in->role_name[a], in->role_name[b]) == 0)
				return in->status = caspian_error_set(err, CASPIAN_EINVAL,
					"the series, period and value columns need different names, not \"%s\" twice",
					in->role_name[a]);
	if (csv_init(&in->csv, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return in->status = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	in->csv_ready = 1;
	return CASPIAN_OK;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0; /* fields are taken as written: " 1" is not a number */
}

static void session_free(struct ingest *in)
{
	for (size_t i = 0; i < in->nacc; i++)
		acc_free(in->accs[i]);
	arena_free(&in->headers);
	arena_free(&in->windows);
	free(in->accs);
	free(in->table);
	free(in->fields);
	free(in->rec_off);
	free(in->carry);
	free(in->rec_buf);
	if (in->csv_ready)
		csv_free(&in->csv);
}

static int by_name(const void *x, const void *y)
{
	const struct acc *a = *(const struct acc *const *)x, *b = *(const struct acc *const *)y;
	return strcmp(a->name, b->name);
}

static int build_panel(struct ingest *in, struct caspian_panel **out)
{
	struct caspian_panel *p = caspian_panel_alloc();
	if (!p) {
		out_of_memory(in);
		return in->status;
	}
	qsort(in->accs, in->nacc, sizeof(in->accs[0]), by_name);
	/* Allocate the panel at its final size once: growing it by doubling would
	 * copy and page in every value twice more. */
	size_t total = 0;
	for (size_t i = 0; i < in->nacc; i++)
		total += (size_t)(in->accs[i]->hi - in->accs[i]->lo) + 1;
	if (caspian_panel_reserve(p, in->nacc, total, NULL) != CASPIAN_OK) {
		caspian_panel_free(p);
		out_of_memory(in);
		return in->status;
	}
	for (size_t i = 0; i < in->nacc; i++) {
		struct acc *a = in->accs[i];
		size_t n = (size_t)(a->hi - a->lo) + 1, k;
		int rc = caspian_panel_add_empty(p, a->name, a->freq, a->lo, n, &k, in->err);
		if (rc == CASPIAN_OK) {
			const double *w = a->vals + (a->lo - a->base);
			double *d = p->series[k].values;
			for (size_t j = 0; j < n; j++)
				d[j] = is_unseen(w[j]) ? NAN : w[j];
		}
		if (rc == CASPIAN_OK && a->meta)
			rc = caspian_series_set_meta(&p->series[k], a->meta->text[0],
						     a->meta->text[1], a->meta->text[2], in->err);
		if (rc != CASPIAN_OK) {
			caspian_panel_free(p);
			return in->status = rc;
		}
		/* The panel has its copy: give the window back early to cap peak memory. */
		window_free(in, a->vals, a->cap);
		a->vals = NULL;
	}
	*out = p;
	return CASPIAN_OK;
}

static int session_finish(struct ingest *in, struct caspian_panel **out)
{
	if (!in->lead_done && in->nlead && !in->status)
		lead_settle(in, LEAD_TEXT); /* too short to be a byte order mark */
	if (!in->status && in->in_csv) {
		if (csv_fini(&in->csv, on_field, on_row, in) != 0)
			fail(in, CASPIAN_EPARSE, in->field_line, (long)in->nfields + 1,
			     "quoted field is not closed by the end of the input");
	} else if (!in->status && in->carry_len) {
		size_t n = in->carry_len;
		in->carry_len = 0;
		fast_line(in, in->carry, n);
	}
	if (!in->status && !in->have_header)
		fail(in, CASPIAN_EPARSE, in->line, 1, "the input is empty: no header row");
	if (!in->status && in->nrows == 0)
		fail(in, CASPIAN_EPARSE, in->header_line, 1, "the input has a header but no data rows");
	if (in->status)
		return in->status;
	return build_panel(in, out);
}

/* ---- entry points ---------------------------------------------------- */

void caspian_ingest_opts_init(struct caspian_ingest_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->layout = CASPIAN_LAYOUT_LONG;
	o->series_col = "series";
	o->period_col = "period";
	o->value_col = "value";
	o->input_name = "-";
	o->max_field = CASPIAN_FIELD_MAX;
	o->max_span = CASPIAN_SPAN_MAX;
	o->max_series = CASPIAN_SERIES_MAX;
}

static int start(struct ingest *in, const struct caspian_ingest_opts *o, int reader,
		 struct caspian_error *err)
{
	int rc = session_init(in, o, reader, err);
	if (rc == CASPIAN_OK)
		csv_set_space_func(&in->csv, no_space);
	return rc;
}

int cx_ingest_chunked(const char *data, size_t len, size_t chunk, int reader,
		      const struct caspian_ingest_opts *o, struct caspian_panel **out,
		      struct caspian_error *err)
{
	struct ingest in;
	int rc = start(&in, o, reader, err);
	if (chunk == 0)
		chunk = len ? len : 1;
	for (size_t off = 0; rc == CASPIAN_OK && off < len && !in.status; off += chunk)
		session_feed(&in, data + off, len - off < chunk ? len - off : chunk);
	if (rc == CASPIAN_OK)
		rc = session_finish(&in, out);
	session_free(&in);
	return rc;
}

int caspian_ingest_buffer(const char *data, size_t len, const struct caspian_ingest_opts *o,
			  struct caspian_panel **out, struct caspian_error *err)
{
	return cx_ingest_chunked(data, len, 0, 0, o, out, err);
}

int caspian_ingest_file(FILE *f, const struct caspian_ingest_opts *o,
			struct caspian_panel **out, struct caspian_error *err)
{
	struct ingest in;
	int rc = start(&in, o, 0, err);
	char *buf = rc == CASPIAN_OK ? malloc(READ_BLOCK) : NULL;
	if (rc == CASPIAN_OK && !buf) {
		out_of_memory(&in);
		rc = in.status;
	}
	size_t done = 0;
	while (rc == CASPIAN_OK && !in.status) {
		size_t n = fread(buf, 1, READ_BLOCK, f);
		if (n > 0)
			session_feed(&in, buf, n);
		done += n;
		if (o && o->progress && !in.status)
			o->progress(o->progress_ctx, done);
		if (n == READ_BLOCK)
			continue;
		if (ferror(f) && !in.status) {
			in.status = CASPIAN_EIO;
			caspian_error_at(err, CASPIAN_EIO, in.input, 0, 0, "cannot read: %s",
					 strerror(errno));
		}
		break;
	}
	free(buf);
	if (rc == CASPIAN_OK)
		rc = in.status ? in.status : session_finish(&in, out);
	session_free(&in);
	return rc;
}
