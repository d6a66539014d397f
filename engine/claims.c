#include "caspian/claims.h"

#include <float.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "caspian/series.h"
#include "encoding.h"
#include "grow.h"

/* ---------------------------------------------------------------------------
 * Decimal numbers as printed.  The printed digits carry the precision, so a
 * number is kept as sign * m * 10^e with m holding exactly the digits written
 * ("32.40" is m = 3240, e = -2), and turned into doubles only at the end.
 */

enum { SIG_DIGITS_MAX = 17, EXP_MAX = 300 };

struct decimal {
	int neg;
	uint64_t m;
	int e;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 0, CASPIAN_EPARSE (not the grammar) or CASPIAN_ELIMIT (too many digits or exponent too large). */
static int decimal_parse(const char *s, struct decimal *d)
{
	struct decimal r = {0, 0, 0};
	int sig = 0, frac = 0, any = 0;
	if (*s == '-') {
		r.neg = 1;
		s++;
	}
	for (; is_digit(*s); s++, any = 1) {
		if (r.m || *s != '0')
			sig++;
		if (sig > SIG_DIGITS_MAX)
			return CASPIAN_ELIMIT;
		r.m = r.m * 10 + (uint64_t)(*s - '0');
	}
	if (!any)
		return CASPIAN_EPARSE;
	if (*s == '.') {
		s++;
		if (!is_digit(*s))
			return CASPIAN_EPARSE;
		for (; is_digit(*s); s++, frac++) {
			if (r.m || *s != '0')
				sig++;
			if (sig > SIG_DIGITS_MAX)
				return CASPIAN_ELIMIT;
			r.m = r.m * 10 + (uint64_t)(*s - '0');
		}
	}
	long ex = 0;
	if (*s == 'e' || *s == 'E') {
		int eneg = 0;
		s++;
		if (*s == '+' || *s == '-')
			eneg = *s++ == '-';
		if (!is_digit(*s))
			return CASPIAN_EPARSE;
		for (; is_digit(*s); s++) {
			ex = ex * 10 + (*s - '0');
			if (ex > EXP_MAX)
				return CASPIAN_ELIMIT;
		}
		if (eneg)
			ex = -ex;
	}
	if (*s)
		return CASPIAN_EPARSE;
	r.e = (int)ex - frac;
	*d = r;
	return 0;
}

static int tiny(double v)
{
	return fabs(v) < DBL_MIN * 0x1p54;
}

/*
 * n * 10^e as a double with the sign neg: the nearest one when dir is 0,
 * else one that is <= (dir < 0) or >= (dir > 0) the exact value.  With
 * n < 2^53 and |e| <= 22 both operands are exact and one correctly rounded
 * operation gives the nearest double; fma proves whether it is exact.
 */
static double scaled(int neg, uint64_t n, int e, int dir)
{
	double v;
	int ulps;
	if (n == 0)
		return 0.0;
	if (n < (UINT64_C(1) << 53) && e >= -22 && e <= 22) {
		double p = 1.0, x = (double)n;
		for (int k = abs(e); k > 0; k--)
			p *= 10.0;
		if (e >= 0) {
			v = x * p;
			ulps = isinf(v) || fma(x, p, -v) != 0.0;
		} else {
			v = x / p;
			ulps = tiny(v) || fma(v, p, -x) != 0.0;
		}
	} else {
		v = (double)n * pow(10.0, e);
		ulps = 3; /* conversion, pow and product each round */
	}
	int mdir = neg ? -dir : dir;
	if (ulps && mdir)
		v = caspian_interval_step(v, mdir, ulps);
	return neg ? -v : v;
}

/* m * 10^(from - to) as an integer, for to <= from; -1 on overflow. */
static int64_t rescale(uint64_t m, int from, int to)
{
	for (int k = from - to; k > 0; k--) {
		if (m > (uint64_t)INT64_MAX / 20)
			return -1;
		m *= 10;
	}
	return (int64_t)m;
}

/*
 * The ends of center +- half, where center = d (plus exp10) and half is half
 * of unit (given as u * 10^ue), as integers times 10^E.
 */
static int widen(struct decimal d, int exp10, uint64_t u, int ue, int64_t *lo, int64_t *hi,
		 int *E)
{
	int e = d.e + exp10;
	*E = e < ue - 1 ? e : ue - 1;
	int64_t v = rescale(d.m, e, *E), h = rescale(u * 5, ue - 1, *E);
	if (v < 0 || h < 0)
		return CASPIAN_ELIMIT;
	if (d.neg)
		v = -v;
	*lo = v - h;
	*hi = v + h;
	return 0;
}

static double scaled_signed(int64_t n, int e, int dir)
{
	return n < 0 ? scaled(1, (uint64_t)(-n), e, dir) : scaled(0, (uint64_t)n, e, dir);
}

static int number_error(int rc, const char *what, const char *text, struct caspian_error *err)
{
	if (rc == CASPIAN_ELIMIT)
		return caspian_error_set(err, CASPIAN_ELIMIT,
					 "%s '%s' has more than %d significant digits or an exponent "
					 "beyond %d",
					 what, text, SIG_DIGITS_MAX, EXP_MAX);
	return caspian_error_set(err, CASPIAN_EPARSE,
				 "%s '%s' is not a decimal number (digits with an optional '.', "
				 "sign and exponent; no spaces or separators)",
				 what, text);
}

/* Keep the whole numbers of x. */
static int whole_numbers(struct caspian_interval *x, const char *text, struct caspian_error *err)
{
	double lo = x->lo, hi = x->hi;
	if (isfinite(lo))
		lo = (floor(lo) == lo && x->lo_open) ? lo + 1 : ceil(lo);
	if (isfinite(hi))
		hi = (floor(hi) == hi && x->hi_open) ? hi - 1 : floor(hi);
	if (lo > hi)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "no whole number fits '%s', but a count is a whole number",
					 text);
	*x = caspian_interval_make(lo, 0, hi, 0);
	return CASPIAN_OK;
}

static int decimal_is_whole(struct decimal d)
{
	uint64_t m = d.m;
	for (int k = d.e; k < 0; k++) {
		if (m % 10)
			return 0;
		m /= 10;
	}
	return 1;
}

static int rounded_interval(struct decimal d, enum caspian_qualifier q, const char *rounding,
			    int exp10, struct caspian_interval *out, struct caspian_error *err)
{
	uint64_t u = 1;
	int ue = d.e + exp10;
	if (rounding && *rounding) {
		struct decimal r;
		int rc = decimal_parse(rounding, &r);
		if (rc)
			return number_error(rc, "rounding", rounding, err);
		if (r.neg || r.m == 0)
			return caspian_error_set(err, CASPIAN_EPARSE,
						 "rounding '%s' must be a positive number or 'none'",
						 rounding);
		u = r.m;
		ue = r.e + exp10;
	} else if (q == CASPIAN_QUAL_ABOUT && d.m != 0) {
		/* "about 280": the trailing zero is not a significant digit */
		uint64_t m = d.m;
		while (m % 10 == 0) {
			m /= 10;
			ue++;
		}
	}
	int64_t lo, hi;
	int E;
	if (widen(d, exp10, u, ue, &lo, &hi, &E))
		return caspian_error_set(err, CASPIAN_ELIMIT,
					 "the rounding interval of this figure needs more than 18 "
					 "digits");
	/* half-way values round away from zero: 9.45 prints as 9.5, -9.45 as -9.5 */
	*out = caspian_interval_make(scaled_signed(lo, E, -1), d.neg, scaled_signed(hi, E, 1),
				     !d.neg);
	return CASPIAN_OK;
}

static int range_interval(struct decimal d, struct decimal h, const char *value,
			  const char *high, const char *rounding, int exp10,
			  struct caspian_interval *out, struct caspian_error *err)
{
	int e = d.e + exp10, eh = h.e + exp10;
	double lo = scaled(d.neg, d.m, e, -1), hi = scaled(h.neg, h.m, eh, 1);
	if (!(scaled(h.neg, h.m, eh, 0) > scaled(d.neg, d.m, e, 0)))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "range %s to %s: the high end must be above the low end",
					 value, high);
	*out = caspian_interval_make(lo, 0, hi, 0);
	if (rounding && *rounding && strcmp(rounding, "none") != 0) {
		struct caspian_interval a, b;
		int rc = rounded_interval(d, CASPIAN_QUAL_EXACT, rounding, exp10, &a, err);
		if (rc || (rc = rounded_interval(h, CASPIAN_QUAL_EXACT, rounding, exp10, &b, err)))
			return rc;
		*out = caspian_interval_make(a.lo, a.lo_open, b.hi, b.hi_open);
	}
	return CASPIAN_OK;
}

/* Which input a failure of stated() is about, so the reader can point at it. */
enum blame { BLAME_VALUE, BLAME_HIGH, BLAME_ROUNDING };

static int stated(const char *value, const char *high, enum caspian_qualifier q,
		  const char *rounding, int exp10, int whole, struct caspian_interval *out,
		  double *point, enum blame *blame, struct caspian_error *err)
{
	struct decimal d, h;
	int rc = decimal_parse(value, &d);
	int has_high = high && *high, has_rounding = rounding && *rounding;
	int none = has_rounding && strcmp(rounding, "none") == 0;
	*blame = BLAME_VALUE;
	if (rc)
		return number_error(rc, "value", value, err);
	*blame = BLAME_HIGH;
	if (q == CASPIAN_QUAL_RANGE && !has_high)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "a range needs value_high, the upper end as printed");
	if (q != CASPIAN_QUAL_RANGE && has_high)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "value_high '%s' is only for the qualifier range", high);
	if (has_high && (rc = decimal_parse(high, &h)))
		return number_error(rc, "value_high", high, err);
	*blame = BLAME_ROUNDING;
	if (has_rounding && q >= CASPIAN_QUAL_MORE_THAN && q <= CASPIAN_QUAL_AT_MOST)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "rounding '%s' does not apply to the one-sided qualifier %s",
					 rounding, caspian_qualifier_name(q));
	if (has_rounding && !none) {
		struct decimal u;
		if ((rc = decimal_parse(rounding, &u)))
			return number_error(rc, "rounding", rounding, err);
		if (u.neg || u.m == 0)
			return caspian_error_set(err, CASPIAN_EPARSE,
						 "rounding '%s' must be a positive number or 'none'",
						 rounding);
	}
	*blame = whole && decimal_is_whole(d) ? BLAME_HIGH : BLAME_VALUE;
	if (whole && (!decimal_is_whole(d) || (has_high && !decimal_is_whole(h))))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "a count is a whole number, not '%s'",
					 has_high && decimal_is_whole(d) ? high : value);
	*blame = q == CASPIAN_QUAL_RANGE ? BLAME_HIGH : BLAME_VALUE;

	struct caspian_interval x;
	int e = d.e + exp10;
	double pt = NAN;
	rc = CASPIAN_OK;
	switch (q) {
	case CASPIAN_QUAL_EXACT:
	case CASPIAN_QUAL_ABOUT:
		pt = scaled(d.neg, d.m, e, 0);
		if (none)
			x = caspian_interval_make(scaled(d.neg, d.m, e, -1), 0,
						  scaled(d.neg, d.m, e, 1), 0);
		else
			rc = rounded_interval(d, q, rounding, exp10, &x, err);
		break;
	case CASPIAN_QUAL_MORE_THAN:
		x = caspian_interval_make(scaled(d.neg, d.m, e, -1), 1, INFINITY, 1);
		break;
	case CASPIAN_QUAL_AT_LEAST:
		x = caspian_interval_make(scaled(d.neg, d.m, e, -1), 0, INFINITY, 1);
		break;
	case CASPIAN_QUAL_LESS_THAN:
		x = caspian_interval_make(-INFINITY, 1, scaled(d.neg, d.m, e, 1), 1);
		break;
	case CASPIAN_QUAL_AT_MOST:
		x = caspian_interval_make(-INFINITY, 1, scaled(d.neg, d.m, e, 1), 0);
		break;
	case CASPIAN_QUAL_RANGE:
		rc = range_interval(d, h, value, high, rounding, exp10, &x, err);
		break;
	default:
		return caspian_error_set(err, CASPIAN_EINVAL, "unknown qualifier %d", (int)q);
	}
	if (rc)
		return rc;
	*blame = BLAME_VALUE;
	if (whole && (rc = whole_numbers(&x, value, err)))
		return rc;
	*out = x;
	if (point)
		*point = pt;
	return CASPIAN_OK;
}

int caspian_stated_interval(const char *value, const char *high, enum caspian_qualifier q,
			    const char *rounding, int exp10, int whole,
			    struct caspian_interval *out, double *point, struct caspian_error *err)
{
	enum blame b;
	return stated(value, high, q, rounding, exp10, whole, out, point, &b, err);
}

/* ---------------------------------------------------------------------------
 * Names.
 */

static const char *const kind_names[] = {
	[CASPIAN_CLAIM_LEVEL] = "level",         [CASPIAN_CLAIM_COUNT] = "count",
	[CASPIAN_CLAIM_FOLD] = "fold",           [CASPIAN_CLAIM_PCT_CHANGE] = "pct_change",
	[CASPIAN_CLAIM_CAGR] = "cagr",           [CASPIAN_CLAIM_AVG_GROWTH] = "avg_growth",
	[CASPIAN_CLAIM_SHARE] = "share",         [CASPIAN_CLAIM_RATE] = "rate",
};

static const char *const qual_names[] = {
	[CASPIAN_QUAL_EXACT] = "exact",         [CASPIAN_QUAL_ABOUT] = "about",
	[CASPIAN_QUAL_MORE_THAN] = "more_than", [CASPIAN_QUAL_AT_LEAST] = "at_least",
	[CASPIAN_QUAL_LESS_THAN] = "less_than", [CASPIAN_QUAL_AT_MOST] = "at_most",
	[CASPIAN_QUAL_RANGE] = "range",
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

const char *caspian_claim_kind_name(enum caspian_claim_kind k)
{
	return (size_t)k < COUNT_OF(kind_names) ? kind_names[k] : "";
}

const char *caspian_qualifier_name(enum caspian_qualifier q)
{
	return (size_t)q < COUNT_OF(qual_names) ? qual_names[q] : "";
}

int caspian_claim_kind_from_name(const char *name, enum caspian_claim_kind *out)
{
	for (size_t i = 0; i < COUNT_OF(kind_names); i++)
		if (strcmp(name, kind_names[i]) == 0) {
			*out = (enum caspian_claim_kind)i;
			return 0;
		}
	return -1;
}

int caspian_qualifier_from_name(const char *name, enum caspian_qualifier *out)
{
	for (size_t i = 0; i < COUNT_OF(qual_names); i++)
		if (strcmp(name, qual_names[i]) == 0) {
			*out = (enum caspian_qualifier)i;
			return 0;
		}
	return -1;
}

int caspian_claim_kind_is_percent(enum caspian_claim_kind k)
{
	return k == CASPIAN_CLAIM_PCT_CHANGE || k == CASPIAN_CLAIM_CAGR ||
	       k == CASPIAN_CLAIM_AVG_GROWTH || k == CASPIAN_CLAIM_SHARE;
}

/* ---------------------------------------------------------------------------
 * The CSV reader.  libcsv does not report positions, so the input is fed one
 * byte at a time and the line on which each field starts is noted before its
 * first byte goes in; claims files are small, so the per-byte call costs
 * nothing that matters.  As in caspian_ingest, the column of a message is the
 * field's number in its row (1 = first field).
 */

enum col {
	COL_ID, COL_KIND, COL_SUBJECT, COL_PART_OF, COL_FROM, COL_TO, COL_QUALIFIER,
	COL_VALUE, COL_VALUE_HIGH, COL_UNIT, COL_ROUNDING, COL_SENTENCE, COL_NOTE, NCOLS
};

static const char *const col_names[NCOLS] = {
	"id", "kind", "subject", "part_of", "from", "to", "qualifier",
	"value", "value_high", "unit", "rounding", "sentence", "note",
};

static const int col_required[NCOLS] = {
	[COL_ID] = 1, [COL_KIND] = 1, [COL_SUBJECT] = 1, [COL_VALUE] = 1,
	[COL_UNIT] = 1, [COL_SENTENCE] = 1,
};

struct field {
	char *text;
	long line, col;
};

struct reader {
	const char *input;
	struct caspian_error *err;
	int failed;
	long line;            /* line of the next byte */
	int prev_cr;          /* the last byte was '\r' (a CR LF pair ends one line) */
	int field_pending;    /* the next byte starts a field */
	int row_pending;      /* ... and a row: skip line ends first */
	long fline, fcol;     /* line and field number of the current field */
	struct field *fields; /* the current row */
	size_t nfields, cap;
	int header_done;
	int colpos[NCOLS];    /* field index of each column, -1 when absent */
	size_t ncols;         /* fields in the header */
	struct caspian_claims *out;
	size_t cap_claims;
};

static int fail_at(struct reader *r, int code, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int fail_at(struct reader *r, int code, long line, long col, const char *fmt, ...)
{
	char msg[CASPIAN_ERROR_MSG_SIZE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->failed = 1;
	return caspian_error_at(r->err, code, r->input, line, col, "%s", msg);
}

static void field_cb(void *data, size_t len, void *ctx)
{
	struct reader *r = ctx;
	if (r->failed)
		return;
	if (len > CASPIAN_CLAIMS_FIELD_MAX) {
		fail_at(r, CASPIAN_ELIMIT, r->fline, r->fcol, "field longer than %d bytes",
			CASPIAN_CLAIMS_FIELD_MAX);
		return;
	}
	if (len && memchr(data, '\0', len)) { /* C strings would end there and drop the rest */
		fail_at(r, CASPIAN_EPARSE, r->fline, r->fcol, "field contains a NUL byte");
		return;
	}
	struct field *f = cx_grow(r->fields, &r->cap, r->nfields + 1, sizeof(*f), 16);
	if (!f) {
		r->failed = 1;
		caspian_error_set(r->err, CASPIAN_ENOMEM, "out of memory");
		return;
	}
	r->fields = f;
	char *text = malloc(len + 1);
	if (!text) {
		r->failed = 1;
		caspian_error_set(r->err, CASPIAN_ENOMEM, "out of memory");
		return;
	}
	if (len)
		memcpy(text, data, len);
	text[len] = '\0';
	r->fields[r->nfields++] = (struct field){text, r->fline, r->fcol};
	r->field_pending = 1;
}

static void clear_row(struct reader *r)
{
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i].text);
	r->nfields = 0;
}

static int read_header(struct reader *r)
{
	for (size_t c = 0; c < NCOLS; c++)
		r->colpos[c] = -1;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct field *f = &r->fields[i];
		size_t c = 0;
		while (c < NCOLS && strcmp(f->text, col_names[c]) != 0)
			c++;
		if (c == NCOLS)
			return fail_at(r, CASPIAN_EPARSE, f->line, f->col,
				       "unknown column '%s' (see docs/claims.md for the columns)",
				       f->text);
		if (r->colpos[c] >= 0)
			return fail_at(r, CASPIAN_EPARSE, f->line, f->col,
				       "column '%s' appears twice", f->text);
		r->colpos[c] = (int)i;
	}
	for (size_t c = 0; c < NCOLS; c++)
		if (col_required[c] && r->colpos[c] < 0)
			return fail_at(r, CASPIAN_EPARSE, r->fields[0].line, r->fields[0].col,
				       "the header lacks the required column '%s'", col_names[c]);
	r->ncols = r->nfields;
	r->header_done = 1;
	return CASPIAN_OK;
}

static const char *cell(const struct reader *r, enum col c)
{
	return r->colpos[c] < 0 ? "" : r->fields[r->colpos[c]].text;
}

/* Where to point at for column c: its field, or the row start when absent. */
static const struct field *where(const struct reader *r, enum col c)
{
	return &r->fields[r->colpos[c] < 0 ? 0 : r->colpos[c]];
}

static int fail_col(struct reader *r, enum col c, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail_col(struct reader *r, enum col c, int code, const char *fmt, ...)
{
	char msg[CASPIAN_ERROR_MSG_SIZE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	const struct field *f = where(r, c);
	return fail_at(r, code, f->line, f->col, "%s", msg);
}

static int valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || is_digit(*s) ||
		      *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

static int parse_period_cell(struct reader *r, enum col c, int *has, enum caspian_freq *freq,
			     long *p)
{
	const char *t = cell(r, c);
	*has = 0;
	if (!*t)
		return CASPIAN_OK;
	if (caspian_period_parse(t, strlen(t), freq, p) != CASPIAN_OK)
		return fail_col(r, c, CASPIAN_EPARSE,
				"%s '%s' is not a period (forms: 2017, 2017Q3, 2017-03, "
				"2017-W05, 2017-03-15)",
				col_names[c], t);
	*has = 1;
	return CASPIAN_OK;
}

static int kind_needs_span(enum caspian_claim_kind k)
{
	return k == CASPIAN_CLAIM_FOLD || k == CASPIAN_CLAIM_PCT_CHANGE ||
	       k == CASPIAN_CLAIM_CAGR || k == CASPIAN_CLAIM_AVG_GROWTH;
}

static int read_periods(struct reader *r, struct caspian_claim *cl)
{
	enum caspian_freq f0 = CASPIAN_FREQ_NONE, f1 = CASPIAN_FREQ_NONE;
	int rc;
	if ((rc = parse_period_cell(r, COL_FROM, &cl->has_from, &f0, &cl->from)) ||
	    (rc = parse_period_cell(r, COL_TO, &cl->has_to, &f1, &cl->to)))
		return rc;
	cl->freq = cl->has_to ? f1 : f0;
	if (cl->has_from && !cl->has_to)
		return fail_col(r, COL_TO, CASPIAN_EPARSE,
				"'from' is given, so 'to' is needed (a single period goes in 'to')");
	if (cl->has_from && f0 != f1)
		return fail_col(r, COL_TO, CASPIAN_EPARSE,
				"from '%s' and to '%s' must be periods of the same form",
				cell(r, COL_FROM), cell(r, COL_TO));
	int growth = kind_needs_span(cl->kind);
	int rate = cl->kind == CASPIAN_CLAIM_CAGR || cl->kind == CASPIAN_CLAIM_AVG_GROWTH;
	if (rate && !cl->has_from)
		return fail_col(r, COL_FROM, CASPIAN_EPARSE,
				"a %s claim needs 'from' and 'to': an annual rate is defined "
				"only over a stated period",
				caspian_claim_kind_name(cl->kind));
	if (growth && cl->has_to && !cl->has_from)
		return fail_col(r, COL_FROM, CASPIAN_EPARSE,
				"a %s claim compares two periods: give both 'from' and 'to', or "
				"neither when the text states no period",
				caspian_claim_kind_name(cl->kind));
	if (cl->has_from && (cl->from > cl->to || (growth && cl->from == cl->to)))
		return fail_col(r, COL_TO, CASPIAN_EPARSE, "to '%s' must come after from '%s'",
				cell(r, COL_TO), cell(r, COL_FROM));
	return CASPIAN_OK;
}

static int read_unit(struct reader *r, struct caspian_claim *cl)
{
	const char *u = cell(r, COL_UNIT);
	if (caspian_claim_kind_is_percent(cl->kind)) {
		if (strcmp(u, "percent") != 0)
			return fail_col(r, COL_UNIT, CASPIAN_EPARSE,
					"a %s claim is stated in percent: unit must be 'percent', "
					"not '%s'",
					caspian_claim_kind_name(cl->kind), u);
	} else if (cl->kind == CASPIAN_CLAIM_FOLD) {
		if (*u && strcmp(u, "fold") != 0)
			return fail_col(r, COL_UNIT, CASPIAN_EPARSE,
					"a fold claim is a ratio: unit must be 'fold' or empty, not "
					"'%s'",
					u);
		u = "fold";
	} else if (!*u) {
		return fail_col(r, COL_UNIT, CASPIAN_EPARSE,
				"a %s claim needs a unit (e.g. 'USD million', 'visits')",
				caspian_claim_kind_name(cl->kind));
	}
	if (cl->kind == CASPIAN_CLAIM_RATE) {
		static const struct {
			const char *suffix;
			double per_year;
		} per[] = {
			{"/day", 365.2425}, {"/week", 365.2425 / 7}, {"/month", 12},
			{"/quarter", 4},    {"/year", 1},
		};
		const char *slash = strrchr(u, '/');
		for (size_t i = 0; slash && i < COUNT_OF(per); i++)
			if (strcmp(slash, per[i].suffix) == 0)
				cl->per_year = per[i].per_year;
		if (cl->per_year == 0 || slash == u)
			return fail_col(r, COL_UNIT, CASPIAN_EPARSE,
					"a rate's unit ends in /day, /week, /month, /quarter or "
					"/year (e.g. 'flights/week'), not '%s'",
					u);
	}
	return (cl->unit = strdup(u)) ? CASPIAN_OK
				       : caspian_error_set(r->err, CASPIAN_ENOMEM, "out of memory");
}

/*
 * What a kind's figures can be at all: shares 0..100%, folds >= 0, growth
 * rates >= -100%, counts >= 0.  "More than 50 percent" of a whole is then
 * (50%, 100%], not (50%, infinity).
 */
static struct caspian_interval kind_domain(enum caspian_claim_kind k)
{
	switch (k) {
	case CASPIAN_CLAIM_SHARE: return caspian_interval_make(0, 0, 1, 0);
	case CASPIAN_CLAIM_FOLD:
	case CASPIAN_CLAIM_COUNT: return caspian_interval_make(0, 0, INFINITY, 1);
	case CASPIAN_CLAIM_PCT_CHANGE:
	case CASPIAN_CLAIM_CAGR:
	case CASPIAN_CLAIM_AVG_GROWTH: return caspian_interval_make(-1, 0, INFINITY, 1);
	default: return caspian_interval_make(-INFINITY, 1, INFINITY, 1);
	}
}

static int clip_to_domain(struct reader *r, struct caspian_claim *cl)
{
	static const char *const what[] = {
		[CASPIAN_CLAIM_SHARE] = "a share lies between 0 and 100 percent",
		[CASPIAN_CLAIM_FOLD] = "a fold cannot be negative",
		[CASPIAN_CLAIM_COUNT] = "a count cannot be negative",
		[CASPIAN_CLAIM_PCT_CHANGE] = "a change cannot be below -100 percent",
		[CASPIAN_CLAIM_CAGR] = "a growth rate cannot be below -100 percent",
		[CASPIAN_CLAIM_AVG_GROWTH] = "a growth rate cannot be below -100 percent",
	};
	struct caspian_interval x, domain = kind_domain(cl->kind);
	/* the figure as printed must be possible itself: "about -28" is no
	 * count, even when its rounding reaches up to the counts */
	if (!caspian_interval_intersect(cl->stated, domain, &x) ||
	    (!isnan(cl->point) && !caspian_interval_contains(domain, cl->point)) ||
	    (cl->kind == CASPIAN_CLAIM_FOLD && x.hi == 0))
		return fail_col(r, cl->qualifier == CASPIAN_QUAL_RANGE ? COL_VALUE_HIGH : COL_VALUE,
				CASPIAN_EPARSE, "%s, so '%s' cannot be right", what[cl->kind],
				cell(r, COL_VALUE));
	cl->stated = x;
	return CASPIAN_OK;
}

static int read_value(struct reader *r, struct caspian_claim *cl)
{
	struct caspian_error e;
	const char *v = cell(r, COL_VALUE), *h = cell(r, COL_VALUE_HIGH);
	const char *rnd = cell(r, COL_ROUNDING);
	int exp10 = caspian_claim_kind_is_percent(cl->kind) ? -2 : 0;
	enum blame b;
	caspian_error_init(&e);
	int rc = stated(v, h, cl->qualifier, rnd, exp10, cl->kind == CASPIAN_CLAIM_COUNT,
			&cl->stated, &cl->point, &b, &e);
	if (rc) {
		static const enum col blamed[] = {
			[BLAME_VALUE] = COL_VALUE, [BLAME_HIGH] = COL_VALUE_HIGH,
			[BLAME_ROUNDING] = COL_ROUNDING,
		};
		return fail_col(r, blamed[b], rc == CASPIAN_EINVAL ? CASPIAN_EPARSE : rc, "%s",
				e.msg);
	}
	return clip_to_domain(r, cl);
}

static int dup_cells(struct reader *r, struct caspian_claim *cl)
{
	cl->id = strdup(cell(r, COL_ID));
	cl->subject = strdup(cell(r, COL_SUBJECT));
	cl->part_of = strdup(cell(r, COL_PART_OF));
	cl->value_text = strdup(cell(r, COL_VALUE));
	cl->high_text = strdup(cell(r, COL_VALUE_HIGH));
	cl->rounding = strdup(cell(r, COL_ROUNDING));
	cl->sentence = strdup(cell(r, COL_SENTENCE));
	cl->note = strdup(cell(r, COL_NOTE));
	if (!cl->id || !cl->subject || !cl->part_of || !cl->value_text || !cl->high_text ||
	    !cl->rounding || !cl->sentence || !cl->note) {
		r->failed = 1;
		return caspian_error_set(r->err, CASPIAN_ENOMEM, "out of memory");
	}
	return CASPIAN_OK;
}

static void claim_free_fields(struct caspian_claim *cl)
{
	free(cl->id);
	free(cl->subject);
	free(cl->part_of);
	free(cl->value_text);
	free(cl->high_text);
	free(cl->unit);
	free(cl->rounding);
	free(cl->sentence);
	free(cl->note);
}

static int read_names(struct reader *r, struct caspian_claim *cl)
{
	const char *id = cell(r, COL_ID), *kind = cell(r, COL_KIND);
	const char *subject = cell(r, COL_SUBJECT), *part = cell(r, COL_PART_OF);
	const char *qual = cell(r, COL_QUALIFIER);
	if (!valid_id(id))
		return fail_col(r, COL_ID, CASPIAN_EPARSE,
				"id '%s' must be one or more letters, digits, '_', '-' or '.'", id);
	long prev = caspian_claims_find(r->out, id);
	if (prev >= 0)
		return fail_col(r, COL_ID, CASPIAN_EPARSE, "id '%s' is already used on line %ld",
				id, r->out->items[prev].line);
	if (caspian_claim_kind_from_name(kind, &cl->kind))
		return fail_col(r, COL_KIND, CASPIAN_EPARSE,
				"unknown kind '%s' (level, count, fold, pct_change, cagr, "
				"avg_growth, share, rate)",
				kind);
	if (!caspian_series_name_valid(subject))
		return fail_col(r, COL_SUBJECT, CASPIAN_EPARSE,
				"subject '%s' is not a valid series name (letters, digits and "
				"._-:/@+)",
				subject);
	if (*part && !caspian_series_name_valid(part))
		return fail_col(r, COL_PART_OF, CASPIAN_EPARSE,
				"part_of '%s' is not a valid series name", part);
	if (strcmp(part, subject) == 0)
		return fail_col(r, COL_PART_OF, CASPIAN_EPARSE,
				"'%s' cannot be a part of itself", part);
	if (cl->kind == CASPIAN_CLAIM_SHARE && !*part)
		return fail_col(r, COL_PART_OF, CASPIAN_EPARSE,
				"a share claim names the whole in part_of");
	if (!*qual)
		cl->qualifier = CASPIAN_QUAL_EXACT;
	else if (caspian_qualifier_from_name(qual, &cl->qualifier))
		return fail_col(r, COL_QUALIFIER, CASPIAN_EPARSE,
				"unknown qualifier '%s' (exact, about, more_than, at_least, "
				"less_than, at_most, range)",
				qual);
	return CASPIAN_OK;
}

static int row_is_blank(const struct reader *r)
{
	for (size_t i = 0; i < r->nfields; i++)
		if (r->fields[i].text[0])
			return 0;
	return 1;
}

static int read_claim(struct reader *r)
{
	struct caspian_claim cl;
	int rc;
	if (row_is_blank(r))
		return CASPIAN_OK; /* spreadsheets write ",,,," for empty lines */
	if (r->nfields != r->ncols) {
		const struct field *f = &r->fields[r->nfields > r->ncols ? r->ncols : 0];
		return fail_at(r, CASPIAN_EPARSE, f->line, f->col,
			       "this row has %zu fields, the header %zu", r->nfields, r->ncols);
	}
	memset(&cl, 0, sizeof(cl));
	cl.line = r->fields[0].line;
	cl.point = NAN;
	if ((rc = read_names(r, &cl)) || (rc = read_periods(r, &cl)) ||
	    (rc = read_value(r, &cl)) || (rc = read_unit(r, &cl)))
		goto fail;
	if (!*cell(r, COL_SENTENCE)) {
		rc = fail_col(r, COL_SENTENCE, CASPIAN_EPARSE,
			      "every claim quotes the sentence it comes from");
		goto fail;
	}
	if ((rc = dup_cells(r, &cl)))
		goto fail;
	struct caspian_claim *items =
		cx_grow(r->out->items, &r->cap_claims, r->out->count + 1, sizeof(*items), 16);
	if (!items) {
		rc = caspian_error_set(r->err, CASPIAN_ENOMEM, "out of memory");
		goto fail;
	}
	r->out->items = items;
	r->out->items[r->out->count++] = cl;
	return CASPIAN_OK;
fail:
	r->failed = 1;
	claim_free_fields(&cl);
	return rc;
}

static void row_cb(int c, void *ctx)
{
	struct reader *r = ctx;
	(void)c;
	if (!r->failed && r->nfields) {
		if (!r->header_done)
			read_header(r);
		else
			read_claim(r);
	}
	clear_row(r);
	r->field_pending = r->row_pending = 1;
}

static void advance(struct reader *r, unsigned char b)
{
	r->line += cx_line_ends(&r->prev_cr, b);
}

static int feed(struct reader *r, struct csv_parser *p, const unsigned char *data, size_t len)
{
	for (size_t i = 0; i < len && !r->failed; i++) {
		unsigned char b = data[i];
		if (r->row_pending && (b == '\n' || b == '\r')) {
			advance(r, b);
			continue;
		}
		if (r->field_pending) {
			r->fline = r->line;
			r->fcol = (long)r->nfields + 1;
			r->field_pending = r->row_pending = 0;
		}
		if (csv_parse(p, &data[i], 1, field_cb, row_cb, r) != 1)
			return fail_at(r, CASPIAN_EPARSE, r->line, r->fcol,
				       "malformed CSV: %s (a quote inside a quoted field is "
				       "written twice)",
				       csv_strerror(csv_error(p)));
		advance(r, b);
	}
	return r->failed ? r->err->code : CASPIAN_OK;
}

void caspian_claims_free(struct caspian_claims *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->count; i++)
		claim_free_fields(&c->items[i]);
	free(c->items);
	free(c->input);
	free(c);
}

long caspian_claims_find(const struct caspian_claims *c, const char *id)
{
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

int caspian_claims_parse(const char *data, size_t len, const char *input,
			 struct caspian_claims **out, struct caspian_error *err)
{
	struct caspian_error local;
	struct reader r;
	struct csv_parser p;
	const unsigned char *bytes = (const unsigned char *)data;
	int rc;

	caspian_error_init(&local);
	memset(&r, 0, sizeof(r));
	r.input = input ? input : "-";
	r.err = &local; /* so that failure is known even when err is NULL */
	r.line = 1;
	r.field_pending = r.row_pending = 1;
	r.out = calloc(1, sizeof(*r.out));
	if (!r.out || !(r.out->input = strdup(r.input))) {
		caspian_claims_free(r.out);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		caspian_claims_free(r.out);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	size_t bom = cx_utf8_bom_len(bytes, len);
	bytes += bom;
	len -= bom;
	if (cx_starts_utf16(bytes, len))
		rc = fail_at(&r, CASPIAN_EPARSE, 1, 1, "%s", cx_utf16_message);
	else
		rc = feed(&r, &p, bytes, len);
	if (!rc && csv_fini(&p, field_cb, row_cb, &r) != 0)
		rc = fail_at(&r, CASPIAN_EPARSE, r.fline, r.fcol,
			     "malformed CSV: a quoted field is not closed");
	if (!rc && r.failed)
		rc = local.code;
	if (!rc && !r.header_done)
		rc = fail_at(&r, CASPIAN_EPARSE, 1, 1, "empty input: expected a header row");
	csv_free(&p);
	clear_row(&r);
	free(r.fields);
	if (rc) {
		if (err && err->code == CASPIAN_OK)
			*err = local;
		caspian_claims_free(r.out);
		return rc;
	}
	*out = r.out;
	return CASPIAN_OK;
}

int caspian_claims_read(FILE *f, const char *input, struct caspian_claims **out,
			struct caspian_error *err)
{
	size_t len = 0, cap = 0;
	char *buf = NULL;
	for (;;) {
		char *nb = cx_grow(buf, &cap, len + 4096, 1, 65536);
		if (!nb) {
			free(buf);
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		}
		buf = nb;
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return caspian_error_set(err, CASPIAN_EIO, "reading %s failed",
					 input ? input : "-");
	}
	int rc = caspian_claims_parse(buf, len, input, out, err);
	free(buf);
	return rc;
}
