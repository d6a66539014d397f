/*
 * caspian/error.h - status codes and the error report every fallible call fills.
 *
 * Every fallible function returns an int that is one of enum caspian_status and
 * takes a struct caspian_error * as its last argument.  On success the error is
 * left untouched, so calls can be chained and the first failure is what the
 * caller reports.  err may be NULL when the caller does not want details.
 */
#ifndef CASPIAN_ERROR_H
#define CASPIAN_ERROR_H

#include <stddef.h>

/* Never renumber: scripts and tests depend on these values. */
enum caspian_status {
	CASPIAN_OK = 0,
	CASPIAN_EINVAL = 1,    /* bad argument from the caller (n < 2, p1 <= p0) */
	CASPIAN_EDOM = 2,      /* mathematically undefined (CAGR of a non-positive value) */
	CASPIAN_EPARSE = 3,    /* malformed input: CSV, period, number */
	CASPIAN_ECONFLICT = 4, /* an import differs from stored observations */
	CASPIAN_ENOCONV = 5,   /* an iterative fit did not converge */
	CASPIAN_ESTORE = 6,    /* the SQLite store failed; msg carries SQLite's words */
	CASPIAN_EIO = 7,       /* reading or writing a file failed */
	CASPIAN_ENOMEM = 8,    /* out of memory */
	CASPIAN_ENOTFOUND = 9, /* no series (or other object) of that name */
	CASPIAN_ELIMIT = 10,   /* a documented size limit was exceeded */
	CASPIAN_EBUSY = 11     /* the store stayed locked by another process */
};

enum { CASPIAN_ERROR_MSG_SIZE = 512, CASPIAN_ERROR_INPUT_SIZE = 256 };

struct caspian_error {
	int code;                              /* an enum caspian_status; 0 until set */
	char msg[CASPIAN_ERROR_MSG_SIZE];      /* one sentence, no position prefix */
	char input[CASPIAN_ERROR_INPUT_SIZE];  /* input name ("trade.csv", "-"), or "" */
	long line, col;                        /* 1-based position in input; 0 if unknown */
};

/* caspian_error_init() - clear err so that it holds no error. */
void caspian_error_init(struct caspian_error *err);

/* caspian_strerror() - a short constant text for a status code. */
const char *caspian_strerror(int code);

/*
 * caspian_error_set() - record an error unless err already holds one (the
 * first error wins).  Returns code, so callers can write
 *     return caspian_error_set(err, CASPIAN_EDOM, "...", ...);
 */
int caspian_error_set(struct caspian_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* caspian_error_at() - like caspian_error_set, with an input position. */
int caspian_error_at(struct caspian_error *err, int code, const char *input,
		     long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * caspian_error_format() - render err as "INPUT:LINE:COL: MSG" (or just MSG
 * when there is no input) into buf of size n.  Returns buf.
 */
char *caspian_error_format(const struct caspian_error *err, char *buf, size_t n);

#endif
