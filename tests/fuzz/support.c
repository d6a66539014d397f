#include "support.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

int fuzz_same_value(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return memcmp(&a, &b, sizeof(a)) == 0;
}

static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

const char *fuzz_series_diff(const struct caspian_series *a, const struct caspian_series *b)
{
	if (strcmp(a->name, b->name) != 0)
		return "name";
	if (a->freq != b->freq)
		return "frequency";
	if (a->start != b->start)
		return "first period";
	if (a->n != b->n)
		return "length";
	for (size_t i = 0; i < a->n; i++)
		if (!fuzz_same_value(a->values[i], b->values[i]))
			return "values";
	if (!same_text(a->unit, b->unit))
		return "unit";
	if (!same_text(a->source, b->source))
		return "source";
	if (!same_text(a->note, b->note))
		return "note";
	return NULL;
}

void fuzz_panel_check(const struct caspian_panel *p, const char *what)
{
	FUZZ_CHECK(p, "%s: no panel", what);
	FUZZ_CHECK(p->count <= p->cap_series, "%s: count %zu > capacity %zu", what, p->count,
		   p->cap_series);
	size_t total = 0;
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		FUZZ_CHECK(s->name && caspian_series_name_valid(s->name),
			   "%s: series %zu has an invalid name", what, i);
		FUZZ_CHECK(s->freq >= CASPIAN_FREQ_ANNUAL && s->freq <= CASPIAN_FREQ_DAILY,
			   "%s: series %s has frequency %d", what, s->name, (int)s->freq);
		FUZZ_CHECK(s->unit && s->source && s->note, "%s: series %s has NULL metadata",
			   what, s->name);
		FUZZ_CHECK(s->n == 0 || s->values, "%s: series %s has no values", what, s->name);
		if (i > 0)
			FUZZ_CHECK(strcmp(p->series[i - 1].name, s->name) < 0,
				   "%s: series %s and %s are not sorted and unique", what,
				   p->series[i - 1].name, s->name);
		if (s->n) {
			FUZZ_CHECK(s->values >= p->buffer && s->values + s->n <= p->buffer + p->nvalues,
				   "%s: series %s lies outside the panel's buffer", what, s->name);
			/* touching every value lets ASan catch a short buffer */
			for (size_t k = 0; k < s->n; k++)
				total += isnan(s->values[k]) ? 0 : 1;
		}
	}
	FUZZ_CHECK(total <= p->nvalues, "%s: more values than the buffer holds", what);
}

void fuzz_panels_equal(const struct caspian_panel *a, const struct caspian_panel *b,
		       const char *what)
{
	FUZZ_CHECK(a->count == b->count, "%s: %zu series, then %zu", what, a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		const char *d = fuzz_series_diff(&a->series[i], &b->series[i]);
		FUZZ_CHECK(!d, "%s: series %s differs in its %s", what, a->series[i].name, d);
	}
}

void fuzz_error_check(const struct caspian_error *err, int code, const char *what)
{
	FUZZ_CHECK(err->code == code, "%s: returned %d but the error says %d", what, code,
		   err->code);
	FUZZ_CHECK(err->msg[0] != '\0', "%s: error %d without a message", what, code);
	FUZZ_CHECK(memchr(err->msg, '\0', sizeof(err->msg)) != NULL, "%s: unterminated message",
		   what);
}

uint8_t fuzz_take_u8(struct fuzz_bytes *b)
{
	if (b->n == 0)
		return 0;
	uint8_t v = b->p[0];
	b->p++;
	b->n--;
	return v;
}

uint64_t fuzz_take_u64(struct fuzz_bytes *b)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | fuzz_take_u8(b);
	return v;
}
