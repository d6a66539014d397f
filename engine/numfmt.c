#include "caspian/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * %.15g of a double that has a shorter round-trip form prints exactly that
 * form (the 15-digit rounding lands on it and %g drops the zeros), so trying
 * 15, 16 and 17 digits finds the shortest.
 */
static int shortest_g(double v, char *buf)
{
	int n = 0;
	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(buf, CASPIAN_DTOA_SIZE, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return n;
}

size_t caspian_dtoa(double v, char *buf)
{
	if (isnan(v))
		return (size_t)snprintf(buf, CASPIAN_DTOA_SIZE, "NaN");
	if (isinf(v))
		return (size_t)snprintf(buf, CASPIAN_DTOA_SIZE, v < 0 ? "-inf" : "inf");
	int n = shortest_g(v, buf);
	char *e = strchr(buf, 'e');
	double a = fabs(v);
	if (e && a >= 1e-5 && a < 1e17) {
		/* %g chose an exponent only because the digits were few: print them plainly. */
		int exp10 = (int)strtol(e + 1, NULL, 10);
		int digits = 0;
		for (char *c = buf; c < e; c++)
			digits += (*c >= '0' && *c <= '9');
		int decimals = digits - 1 - exp10;
		n = snprintf(buf, CASPIAN_DTOA_SIZE, "%.*f", decimals > 0 ? decimals : 0, v);
	}
	return (size_t)n;
}
