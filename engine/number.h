/*
 * number.h - private to the engine: the decimal scanner behind
 * caspian_number_parse(), which also says why a text was refused.
 */
#ifndef CASPIAN_ENGINE_NUMBER_H
#define CASPIAN_ENGINE_NUMBER_H

#include <float.h>
#include <stddef.h>
#include <stdint.h>

enum cx_number_result {
	CX_NUMBER_OK = 0,
	CX_NUMBER_SYNTAX = 1,  /* not of the form [+-]digits[.digits][(e|E)[+-]digits] */
	CX_NUMBER_RANGE = 2    /* well formed, but its magnitude rounds to infinity */
};

/*
 * cx_number_scan() - the correctly rounded double nearest to text[0..len).
 * Returns an enum cx_number_result; *out is set only on CX_NUMBER_OK.  Values
 * below the smallest subnormal round to (signed) zero and are accepted.
 */
int cx_number_scan(const char *text, size_t len, double *out);

/*
 * cx_number_plain() - the common short form at the start of text[0..len):
 * an optional '-', then digits with at most one '.', at most 15 digits in
 * all (so the digits are an exact integer m < 2^53) and at least one.  Sets
 * *out to m / 10^(digits after the point), one correctly rounded division,
 * so the same double cx_number_scan() gives for that text.  Returns the
 * bytes read, or 0 when the text does not start that way (the caller then
 * takes cx_number_scan()); what follows the bytes read is not looked at.
 */
static inline size_t cx_number_plain(const char *text, size_t len, double *out)
{
#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
	(void)text;
	(void)len;
	(void)out;
	return 0; /* extended-precision intermediates would round twice */
#else
	static const double plain_pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6, 1e7,
				       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	size_t i = len > 0 && text[0] == '-', first = i, nfrac = 0;
	uint64_t m = 0;
	unsigned d;
	while (i < len && (d = (unsigned)((unsigned char)text[i] - '0')) <= 9) {
		m = m * 10 + d;
		i++;
	}
	size_t ndig = i - first;
	if (i < len && text[i] == '.') {
		size_t f = ++i;
		while (i < len && (d = (unsigned)((unsigned char)text[i] - '0')) <= 9) {
			m = m * 10 + d;
			i++;
		}
		nfrac = i - f;
		ndig += nfrac;
	}
	if (ndig == 0 || ndig > 15)
		return 0;
	double v = (double)m / plain_pow10[nfrac];
	*out = first ? -v : v;
	return i;
#endif
}

#endif
