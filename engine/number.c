/*
 * Locale-free, correctly rounded decimal parsing.
 *
 * Short numbers take Clinger's fast path: when the significant digits form an
 * integer m <= 2^53 and the decimal exponent e satisfies |e| <= 22, both m and
 * 10^|e| are exact doubles, so one IEEE multiplication or division rounds the
 * exact product once, which is the correctly rounded result.  Everything else
 * is rewritten as "[-]DIGITSe[-]EXP" (no decimal point, so the C locale's
 * decimal separator never matters) and handed to strtod, which glibc rounds
 * correctly.
 */
#include "number.h"

#include "caspian/ingest.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	/* A midpoint between two doubles has at most 767 significant digits, so
	 * 800 digits plus a sticky non-zero digit decide the rounding. */
	SLOW_DIGITS = 800,
	/* Beyond this the value over- or underflows whatever its 800 digits. */
	EXP_CLAMP = 100000
};

#define TWO_POW_53 9007199254740992ULL

struct decimal {
	int neg;
	const char *intp, *fracp;
	size_t nint, nfrac;
	long long exp; /* the explicit exponent, saturated near EXP_CLAMP */
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digit_run(const char *s, size_t i, size_t len)
{
	while (i < len && is_digit(s[i]))
		i++;
	return i;
}

static int read_exponent(const char *s, size_t i, size_t len, struct decimal *d)
{
	int neg = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	size_t j = digit_run(s, i, len);
	if (j == i || j != len)
		return 0;
	for (; i < j; i++)
		if (d->exp < EXP_CLAMP)
			d->exp = d->exp * 10 + (s[i] - '0');
	if (neg)
		d->exp = -d->exp;
	return 1;
}

/* Split s into sign, integer digits, fraction digits and exponent; 0 on bad syntax. */
static int split_decimal(const char *s, size_t len, struct decimal *d)
{
	size_t i = 0, j;
	memset(d, 0, sizeof(*d));
	if (i < len && (s[i] == '+' || s[i] == '-'))
		d->neg = s[i++] == '-';
	d->intp = s + i;
	j = digit_run(s, i, len);
	d->nint = j - i;
	i = j;
	d->fracp = s + i;
	if (i < len && s[i] == '.') {
		i++;
		d->fracp = s + i;
		j = digit_run(s, i, len);
		d->nfrac = j - i;
		i = j;
	}
	if (d->nint + d->nfrac == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E'))
		return read_exponent(s, i + 1, len, d);
	return i == len;
}

static char digit_at(const struct decimal *d, size_t k)
{
	return k < d->nint ? d->intp[k] : d->fracp[k - d->nint];
}

/*
 * One pass over the common form: the significant digits go into m (up to 19,
 * then only zeros may follow), e10 is the decimal exponent of m's last digit.
 * Returns 1 when the syntax is valid, 0 otherwise; *exact is 0 when a non-zero
 * digit did not fit into m.
 */
static int scan_short(const char *s, size_t len, int *neg, uint64_t *mant, long long *exp10,
		      int *exact)
{
	size_t i = 0, ndig = 0;
	uint64_t m = 0;
	int nd = 0, ok = 1, frac = 0;
	long long e10 = 0, e = 0;
	*neg = len > 0 && s[0] == '-';
	if (len > 0 && (s[0] == '+' || s[0] == '-'))
		i = 1;
	for (; i < len; i++) {
		unsigned d = (unsigned)((unsigned char)s[i] - '0');
		if (d > 9) {
			if (s[i] != '.' || frac)
				break;
			frac = 1;
			continue;
		}
		ndig++;
		e10 -= frac;
		if (nd < 19) {
			if (m != 0 || d != 0) {
				m = m * 10 + d;
				nd++;
			}
		} else {
			ok &= d == 0;
			e10++; /* a dropped digit scales m by ten */
		}
	}
	if (ndig == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		int eneg = 0;
		size_t j = ++i;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (j = i; i < len && is_digit(s[i]); i++)
			if (e < EXP_CLAMP)
				e = e * 10 + (s[i] - '0');
		if (i == j)
			return 0;
		e10 += eneg ? -e : e;
	}
	if (i != len)
		return 0;
	*mant = m;
	*exp10 = e10;
	*exact = ok;
	return 1;
}

/*
 * Clinger's fast path on m * 10^e10.  Returns 1 and sets *out when it applies
 * (including m = 0), 0 when the slow path must decide.
 */
static int fast_path(int neg, uint64_t m, long long e10, double *out)
{
	static const double exact_pow10[] = {
		1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	if (m == 0) {
		*out = neg ? -0.0 : 0.0;
		return 1;
	}
#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
	(void)e10;
	(void)exact_pow10;
	return 0; /* extended-precision intermediates would round twice */
#else
	if (m > TWO_POW_53)
		return 0;
	double v = (double)m;
	if (e10 >= -22 && e10 <= 22) {
		v = e10 < 0 ? v / exact_pow10[-e10] : v * exact_pow10[e10];
	} else {
		/* 1234e25 = 1234000e22: move exponent into m while m stays exact. */
		while (e10 > 22 && m <= TWO_POW_53 / 10) {
			m *= 10;
			e10--;
		}
		if (e10 > 22 || e10 < -22)
			return 0;
		v = (double)m * exact_pow10[e10];
	}
	*out = neg ? -v : v;
	return 1;
#endif
}

static int slow_path(const struct decimal *d, double *out)
{
	char buf[SLOW_DIGITS + 32];
	size_t n = 0, kept = 0, total = d->nint + d->nfrac;
	long long dropped = 0;
	int sticky = 0;
	if (d->neg)
		buf[n++] = '-';
	for (size_t k = 0; k < total; k++) {
		char c = digit_at(d, k);
		if (kept == 0 && c == '0')
			continue;
		if (kept < SLOW_DIGITS) {
			buf[n++] = c;
			kept++;
		} else {
			dropped++;
			sticky |= c != '0';
		}
	}
	if (sticky) {
		buf[n++] = '1';
		dropped--;
	}
	long long e10 = d->exp - (long long)d->nfrac + dropped;
	if (e10 > EXP_CLAMP)
		e10 = EXP_CLAMP;
	if (e10 < -EXP_CLAMP)
		e10 = -EXP_CLAMP;
	snprintf(buf + n, sizeof(buf) - n, "e%lld", e10);
	char *end;
	double v = strtod(buf, &end);
	if (isinf(v))
		return CX_NUMBER_RANGE;
	*out = v;
	return CX_NUMBER_OK;
}

int cx_number_scan(const char *text, size_t len, double *out)
{
	int neg, exact;
	uint64_t m;
	long long e10;
	struct decimal d;
	if (!scan_short(text, len, &neg, &m, &e10, &exact))
		return CX_NUMBER_SYNTAX;
	if (exact && fast_path(neg, m, e10, out))
		return CX_NUMBER_OK;
	if (!split_decimal(text, len, &d))
		return CX_NUMBER_SYNTAX; /* not reached: scan_short checked the syntax */
	return slow_path(&d, out);
}

int caspian_number_parse(const char *text, size_t len, double *out)
{
	return cx_number_scan(text, len, out) == CX_NUMBER_OK ? CASPIAN_OK : CASPIAN_EPARSE;
}

int caspian_is_missing_marker(const char *text, size_t len)
{
	switch (len) {
	case 0:
		return 1;
	case 2:
		return memcmp(text, "NA", 2) == 0 || memcmp(text, "..", 2) == 0;
	case 3:
		return memcmp(text, "NaN", 3) == 0 || memcmp(text, "nan", 3) == 0;
	default:
		return 0;
	}
}
