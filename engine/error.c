#include "caspian/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void caspian_error_init(struct caspian_error *err)
{
	memset(err, 0, sizeof(*err));
}

const char *caspian_strerror(int code)
{
	static const char *const text[] = {
		[CASPIAN_OK] = "success",
		[CASPIAN_EINVAL] = "invalid argument",
		[CASPIAN_EDOM] = "undefined for these values",
		[CASPIAN_EPARSE] = "malformed input",
		[CASPIAN_ECONFLICT] = "conflicts with stored data",
		[CASPIAN_ENOCONV] = "did not converge",
		[CASPIAN_ESTORE] = "store error",
		[CASPIAN_EIO] = "input/output error",
		[CASPIAN_ENOMEM] = "out of memory",
		[CASPIAN_ENOTFOUND] = "not found",
		[CASPIAN_ELIMIT] = "size limit exceeded",
		[CASPIAN_EBUSY] = "store busy",
	};
	if (code < 0 || (size_t)code >= sizeof(text) / sizeof(text[0]) || !text[code])
		return "unknown error";
	return text[code];
}

static int error_vset(struct caspian_error *err, int code, const char *input,
		      long line, long col, const char *fmt, va_list ap)
{
	if (!err || err->code != CASPIAN_OK)
		return code;
	err->code = code;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	snprintf(err->input, sizeof(err->input), "%s", input ? input : "");
	err->line = line;
	err->col = col;
	return code;
}

int caspian_error_set(struct caspian_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vset(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int caspian_error_at(struct caspian_error *err, int code, const char *input,
		     long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vset(err, code, input, line, col, fmt, ap);
	va_end(ap);
	return code;
}

char *caspian_error_format(const struct caspian_error *err, char *buf, size_t n)
{
	if (err->input[0] && err->line > 0)
		snprintf(buf, n, "%s:%ld:%ld: %s", err->input, err->line,
			 err->col > 0 ? err->col : 1, err->msg);
	else if (err->input[0])
		snprintf(buf, n, "%s: %s", err->input, err->msg);
	else
		snprintf(buf, n, "%s", err->msg);
	return buf;
}
