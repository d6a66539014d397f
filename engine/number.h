/*
 * number.h - private to the engine: the decimal scanner behind
 * caspian_number_parse(), which also says why a text was refused.
 */
#ifndef CASPIAN_ENGINE_NUMBER_H
#define CASPIAN_ENGINE_NUMBER_H

#include <stddef.h>

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

#endif
