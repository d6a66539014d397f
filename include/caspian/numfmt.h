/*
 * caspian/numfmt.h - printing doubles so that they read back exactly.
 */
#ifndef CASPIAN_NUMFMT_H
#define CASPIAN_NUMFMT_H

#include <stddef.h>

enum { CASPIAN_DTOA_SIZE = 32 };

/*
 * caspian_dtoa() - the shortest decimal text that strtod() turns back into
 * exactly v, written into buf (at least CASPIAN_DTOA_SIZE bytes) with a NUL.
 * Returns the length.  NaN prints as "NaN", infinities as "inf" / "-inf",
 * negative zero as "-0".  The form is that of printf's %g at the needed
 * precision (exponent only below 1e-5 or from 1e17 up).
 */
size_t caspian_dtoa(double v, char *buf);

/* caspian_dtoa's text by value, for messages: printf("%s", caspian_num(v).s). */
struct caspian_num_text {
	char s[CASPIAN_DTOA_SIZE];
};
struct caspian_num_text caspian_num(double v);

#endif
