/*
 * digits.h - private to the engine: decimal digits written two at a time,
 * for every text the engine makes of a number or a period.
 */
#ifndef CASPIAN_ENGINE_DIGITS_H
#define CASPIAN_ENGINE_DIGITS_H

#include <stdint.h>

/* "00", "01", ..., "99" one after another: pair k at cx_digit_pairs + 2 * k. */
extern const char cx_digit_pairs[201];

/* cx_put_digits() - the n decimal digits of f at p, zeros in front when f
 * has fewer (n >= the number of digits of f); no NUL. */
void cx_put_digits(char *p, uint64_t f, int n);

#endif
