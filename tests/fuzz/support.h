/*
 * support.h - what the fuzz targets share: failing loudly on a broken
 * invariant, and comparing series bit for bit.
 */
#ifndef CASPIAN_FUZZ_SUPPORT_H
#define CASPIAN_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "caspian/error.h"
#include "caspian/series.h"

/* Print "invariant broken: ..." to stderr and abort(), so libFuzzer saves the input. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define FUZZ_CHECK(cond, ...)              \
	do {                               \
		if (!(cond))               \
			fuzz_fail(__VA_ARGS__); \
	} while (0)

/* 1 when a and b hold the same bits, every NaN counting as equal to every NaN. */
int fuzz_same_value(double a, double b);

/*
 * fuzz_series_diff() - NULL when a and b have the same name, frequency,
 * start, values (fuzz_same_value) and provenance, else a constant text naming
 * the first difference.
 */
const char *fuzz_series_diff(const struct caspian_series *a, const struct caspian_series *b);

/* fuzz_panel_check() - abort unless p is well formed: sorted unique valid
 * names, known frequencies, n values per series inside the buffer. */
void fuzz_panel_check(const struct caspian_panel *p, const char *what);

/* fuzz_panels_equal() - abort unless a and b hold the same series. */
void fuzz_panels_equal(const struct caspian_panel *a, const struct caspian_panel *b,
		       const char *what);

/* fuzz_error_check() - abort unless err holds code with a non-empty message. */
void fuzz_error_check(const struct caspian_error *err, int code, const char *what);

/* A small deterministic byte reader over the fuzz input. */
struct fuzz_bytes {
	const uint8_t *p;
	size_t n;
};
uint8_t fuzz_take_u8(struct fuzz_bytes *b);
uint64_t fuzz_take_u64(struct fuzz_bytes *b);

#endif
