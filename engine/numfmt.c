/*
 * numfmt.c - shortest round-trip decimal text of a double.
 *
 * The digits come from the Schubfach method (R. Giulietti, "The Schubfach way
 * to render doubles", 2020/2021): v = c * 2^q lies in a rounding interval R of
 * doubles that read back as v.  Scaled by 10^-k, with k chosen so that R is at
 * least one and less than ten units of 10^k wide, at most one multiple of
 * 10^(k+1) lies in R (if so it is the shortest answer); otherwise one or more
 * multiples of 10^k do, and the one nearest v is the answer.  The scaled
 * bounds are computed from a 126-bit upper approximation of 10^-k with a
 * product rounded to odd, which the paper shows keeps every comparison
 * against the two grids exact.
 *
 * Integer arithmetic only; no division, no loop over digits to find them.
 * The text then follows the %g-like form documented in caspian/numfmt.h.
 */
#include "caspian/numfmt.h"

#include <stdint.h>
#include <string.h>

#include "digits.h"
#include "numfmt_table.h"

typedef unsigned __int128 u128;

enum { MANT_BITS = 52, EXP_BIAS = 1075, Q_MIN = -1074 };

/* floor(q log10 2), floor(log10(3/4 2^q)), floor(e log2 10): exact over the
 * exponents of doubles (checked by the unit test's generator script). */
static int floor_log10_pow2(int q)
{
	return (int)(((int64_t)q * 661971961083LL) >> 41);
}

static int floor_log10_three_quarters_pow2(int q)
{
	return (int)(((int64_t)q * 661971961083LL - 274743187321LL) >> 41);
}

static int floor_log2_pow10(int e)
{
	return (int)(((int64_t)e * 913124641741LL) >> 38);
}

/*
 * floor(g * cp / 2^127), rounded to odd: the lowest bit is set when bits 64
 * to 126 of the product are not all zero, g = hi * 2^64 + lo.  The lowest 64
 * bits are left out of that test on purpose, as in the paper: g exceeds the
 * scaled 10^-k by less than one unit (the "+ 1" in numfmt_table.py), an
 * excess that shows only in those bits, so a product that is exact for 10^-k
 * itself (v a multiple of 10^k) still counts as exact.  (Counting them made
 * e.g. 31722300588172752 print with 17 digits instead of 16.)
 */
static uint64_t scaled_odd(uint64_t hi, uint64_t lo, uint64_t cp)
{
	u128 low = (u128)lo * cp;
	u128 mid = (u128)hi * cp + (low >> 64);
	uint64_t top = (uint64_t)(mid >> 63);
	int inexact = ((uint64_t)mid & 0x7fffffffffffffffULL) != 0;
	return top | (uint64_t)inexact;
}

/* Digits f and exponent e with v = f * 10^e, f shortest (may end in zeros). */
static void shortest(uint64_t c, int q, uint64_t *f, int *e)
{
	uint64_t out = c & 1; /* an odd c does not own its interval's ends */
	uint64_t cb = c << 2, cbr = cb + 2, cbl;
	int k;
	if (c != ((uint64_t)1 << MANT_BITS) || q == Q_MIN) {
		cbl = cb - 2;
		k = floor_log10_pow2(q);
	} else {
		/* at a power of two the gap below is half the gap above */
		cbl = cb - 1;
		k = floor_log10_three_quarters_pow2(q);
	}
	int h = q + floor_log2_pow10(-k) + 2;
	const uint64_t *g = pow10_g[-k - POW10_E_MIN];
	uint64_t vb = scaled_odd(g[0], g[1], cb << h);
	uint64_t vbl = scaled_odd(g[0], g[1], cbl << h);
	uint64_t vbr = scaled_odd(g[0], g[1], cbr << h);
	uint64_t s = vb >> 2;
	if (s >= 100) {
		/* one digit fewer: the multiples of 10 around s */
		uint64_t sp10 = s / 10 * 10, tp10 = sp10 + 10;
		int u_in = vbl + out <= sp10 << 2;
		int w_in = (tp10 << 2) + out <= vbr;
		if (u_in != w_in) {
			*f = u_in ? sp10 : tp10;
			*e = k;
			return;
		}
	}
	uint64_t t = s + 1;
	int u_in = vbl + out <= s << 2;
	int w_in = (t << 2) + out <= vbr;
	if (u_in != w_in) {
		*f = u_in ? s : t;
		*e = k;
		return;
	}
	/* both in: the nearer to v, an even one on a tie */
	int64_t cmp = (int64_t)(vb - ((s + t) << 1));
	*f = (cmp < 0 || (cmp == 0 && (s & 1) == 0)) ? s : t;
	*e = k;
}

const char cx_digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/*
 * Eight digits at a time split off in 64-bit arithmetic and written in
 * 32-bit, which halves the multiplications of a 17-digit number.
 */
void cx_put_digits(char *p, uint64_t f, int n)
{
	while (n >= 8) {
		uint32_t low = (uint32_t)(f % 100000000);
		uint32_t hi4 = low / 10000, lo4 = low % 10000;
		f /= 100000000;
		memcpy(p + n - 2, cx_digit_pairs + 2 * (lo4 % 100), 2);
		memcpy(p + n - 4, cx_digit_pairs + 2 * (lo4 / 100), 2);
		memcpy(p + n - 6, cx_digit_pairs + 2 * (hi4 % 100), 2);
		memcpy(p + n - 8, cx_digit_pairs + 2 * (hi4 / 100), 2);
		n -= 8;
	}
	uint32_t rest = (uint32_t)f; /* below 10^n, n < 8 */
	while (n >= 2) {
		memcpy(p + n - 2, cx_digit_pairs + 2 * (rest % 100), 2);
		rest /= 100;
		n -= 2;
	}
	if (n)
		p[0] = (char)('0' + rest);
}

/* The number of decimal digits of f > 0. */
static int count_digits(uint64_t f)
{
	static const uint64_t pow10[] = {
		1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
		100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
		1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
		1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
		1000000000000000000ULL, 10000000000000000000ULL};
	/* floor(log10 f) is t or t - 1, t = floor(bit length * log10 2)
	 * (1233 / 4096 ~ log10 2): one comparison decides */
	int t = (64 - __builtin_clzll(f)) * 1233 >> 12;
	return t - (f < pow10[t]) + 1;
}

/* Drop the trailing zeros of f (> 0), counting them into *e: eights while
 * they last, then the fewer than eight left by their binary digits. */
static uint64_t strip_zeros(uint64_t f, int *e)
{
	while (f % 100000000 == 0) {
		f /= 100000000;
		*e += 8;
	}
	if (f % 10000 == 0) {
		f /= 10000;
		*e += 4;
	}
	if (f % 100 == 0) {
		f /= 100;
		*e += 2;
	}
	if (f % 10 == 0) {
		f /= 10;
		*e += 1;
	}
	return f;
}

/* %g-like text of f * 10^e (f > 0, no trailing zeros), after the sign. */
static size_t layout(char *p, uint64_t f, int e)
{
	int n = count_digits(f);
	int x = e + n - 1; /* decimal exponent of the first digit */
	char *start = p;
	if (x >= -5 && x < 17) {
		if (e >= 0) {
			cx_put_digits(p, f, n);
			memset(p + n, '0', (size_t)e);
			p += n + e;
		} else if (x >= 0) {
			/* digits, point after x + 1 of them */
			cx_put_digits(p + 1, f, n);
			memmove(p, p + 1, (size_t)x + 1);
			p[x + 1] = '.';
			p += n + 1;
		} else {
			p[0] = '0';
			p[1] = '.';
			memset(p + 2, '0', (size_t)(-x - 1));
			cx_put_digits(p + 1 - x, f, n);
			p += 1 - x + n;
		}
	} else {
		cx_put_digits(p + 1, f, n);
		p[0] = p[1];
		if (n > 1) {
			p[1] = '.';
			p += n + 1;
		} else {
			p += 1;
		}
		*p++ = 'e';
		*p++ = x < 0 ? '-' : '+';
		int ax = x < 0 ? -x : x;
		if (ax >= 100) {
			*p++ = (char)('0' + ax / 100);
			ax %= 100;
		}
		memcpy(p, cx_digit_pairs + 2 * ax, 2);
		p += 2;
	}
	*p = '\0';
	return (size_t)(p - start);
}

size_t caspian_dtoa(double v, char *buf)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	int neg = (int)(bits >> 63);
	uint64_t frac = bits & (((uint64_t)1 << MANT_BITS) - 1);
	int bexp = (int)((bits >> MANT_BITS) & 0x7ff);
	if (bexp == 0x7ff) {
		const char *t = frac ? "NaN" : neg ? "-inf" : "inf";
		size_t n = strlen(t);
		memcpy(buf, t, n + 1);
		return n;
	}
	char *p = buf;
	if (neg)
		*p++ = '-';
	if (bexp == 0 && frac == 0) {
		p[0] = '0';
		p[1] = '\0';
		return (size_t)(p + 1 - buf);
	}
	uint64_t c;
	int q;
	if (bexp) {
		c = frac | ((uint64_t)1 << MANT_BITS);
		q = bexp - EXP_BIAS;
	} else {
		c = frac;
		q = Q_MIN;
	}
	uint64_t f;
	int e;
	if (q < 0 && q > -MANT_BITS - 1 && (c & ((((uint64_t)1) << -q) - 1)) == 0) {
		/* a small integer: exact, and its own shortest form */
		f = c >> -q;
		e = 0;
	} else {
		shortest(c, q, &f, &e);
	}
	f = strip_zeros(f, &e);
	return (size_t)(p - buf) + layout(p, f, e);
}

struct caspian_num_text caspian_num(double v)
{
	struct caspian_num_text t;
	caspian_dtoa(v, t.s);
	return t;
}
