/*
 * fuzz_number - the decimal number parser and the shortest printer.
 *
 * Invariants:
 *   - caspian_number_parse accepts exactly the texts of the documented
 *     syntax, [+-]digits[.digits][(e|E)[+-]digits] with at least one digit
 *     before the exponent, whose value is finite; this is checked against an
 *     independent recogniser written here;
 *   - on accepted texts it agrees bit for bit with glibc's strtod (correctly
 *     rounded, locale "C" as libFuzzer leaves it), and it rejects exactly
 *     the texts strtod overflows to infinity;
 *   - for any finite double (the input's first 8 bytes, and every parsed
 *     value), caspian_dtoa prints text that parses back to the same bits.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/ingest.h"
#include "caspian/numfmt.h"
#include "support.h"

enum { MAX_TEXT = 4096 };

static int digits(const char *s, size_t *i, size_t n)
{
	size_t start = *i;
	while (*i < n && s[*i] >= '0' && s[*i] <= '9')
		++*i;
	return *i > start;
}

/* The documented syntax, recognised from its grammar. */
static int syntax_ok(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	int mant = digits(s, &i, n);
	if (i < n && s[i] == '.') {
		i++;
		mant |= digits(s, &i, n);
	}
	if (!mant)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!digits(s, &i, n))
			return 0;
	}
	return i == n;
}

static void check_dtoa(double v)
{
	char buf[CASPIAN_DTOA_SIZE + 8];
	memset(buf, 'x', sizeof(buf));
	size_t n = caspian_dtoa(v, buf);
	FUZZ_CHECK(n > 0 && n < CASPIAN_DTOA_SIZE && strlen(buf) == n, "dtoa(%a) returned %zu", v,
		   n);
	double back = 0;
	FUZZ_CHECK(caspian_number_parse(buf, n, &back) == CASPIAN_OK,
		   "dtoa(%a) = \"%s\" does not parse", v, buf);
	FUZZ_CHECK(memcmp(&back, &v, sizeof(v)) == 0, "dtoa(%a) = \"%s\" parses to %a", v, buf,
		   back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 8) {
		double v;
		memcpy(&v, data, sizeof(v));
		if (isfinite(v))
			check_dtoa(v);
	}
	if (size > MAX_TEXT)
		return 0;
	const char *text = (const char *)data;
	const double sentinel = 1234.5678;
	double got = sentinel;
	int rc = caspian_number_parse(text, size, &got);
	FUZZ_CHECK(rc == CASPIAN_OK || rc == CASPIAN_EPARSE, "status %d", rc);
	if (!syntax_ok(text, size)) {
		FUZZ_CHECK(rc == CASPIAN_EPARSE, "accepted \"%.*s\", which is not a number",
			   (int)size, text);
		FUZZ_CHECK(got == sentinel, "a rejected text changed *out");
		return 0;
	}
	char copy[MAX_TEXT + 1], *end;
	memcpy(copy, text, size);
	copy[size] = '\0';
	errno = 0;
	double want = strtod(copy, &end);
	FUZZ_CHECK(end == copy + size, "strtod stopped early on \"%s\"", copy);
	if (isinf(want)) {
		FUZZ_CHECK(rc == CASPIAN_EPARSE, "accepted \"%s\", which overflows", copy);
		FUZZ_CHECK(got == sentinel, "a rejected text changed *out");
		return 0;
	}
	FUZZ_CHECK(rc == CASPIAN_OK, "rejected \"%s\" (strtod gives %a)", copy, want);
	FUZZ_CHECK(memcmp(&got, &want, sizeof(got)) == 0, "\"%s\" parses to %a, strtod gives %a",
		   copy, got, want);
	check_dtoa(got);
	return 0;
}
