/*
 * caspian/ingest.h - read series from CSV (RFC 4180 via libcsv).
 *
 * Long layout (default): a header row naming at least the series, period and
 * value columns ("series", "period", "value" unless renamed), and optionally
 * "unit", "source" and "note".  Other columns are ignored.
 * Wide layout: a header "period,<name1>,<name2>,..." and one row per period.
 *
 * Accepted: CRLF, LF or lone CR line ends, a UTF-8 byte order mark, quoted
 * fields (RFC 4180: '"' around the whole field, '""' inside it; a quoted field
 * may span lines), rows in any order, gaps (stored as missing).  Fields are
 * taken as written: no spaces are trimmed.  Blank lines and rows whose fields
 * are all empty (",,,", no more of them than the header has) are skipped.  Values are parsed with '.' as the
 * decimal point whatever the locale; the missing markers are an empty field,
 * "NA", "NaN", "nan" and "..".  Each series' frequency follows from the form
 * of its periods.  In the long layout an empty unit/source/note says nothing;
 * the non-empty ones of a series must all be the same text.  In the wide
 * layout the first column must be named like period_col.
 *
 * Rejected, with err->input/line/col at the offending field: a value that is
 * not a number or is infinite, an unparseable period, a series that mixes
 * period forms, a duplicate (series, period) (at the second row's period), an
 * invalid series name, a row with a different number of fields than the
 * header, a missing required column or a repeated known one, a unit/source/note that
 * differs between rows of one series, a field longer than max_field, a
 * series spanning more than max_span periods, more than max_series series
 * (or a header of more than max_series + 1 columns), broken quoting, and an
 * input without data rows.  Line = 1-based physical line where the field starts
 * (LF, CRLF and a lone CR each end a line); column = 1-based field number
 * (not a byte offset).  Row-level errors (too few fields, no data rows) point
 * at the row's first line; a missing column at the header, column 1.  Within
 * a row, fields are checked left to right as they are read: an over-long
 * field, or the first field beyond the header's count ("row has more than 3
 * fields", so that no row takes more memory than the header's width allows);
 * then, at the row's end, too few fields; then the other checks.  On error
 * nothing is returned.
 */
#ifndef CASPIAN_INGEST_H
#define CASPIAN_INGEST_H

#include <stdio.h>

#include "caspian/error.h"
#include "caspian/series.h"

enum caspian_layout { CASPIAN_LAYOUT_LONG = 0, CASPIAN_LAYOUT_WIDE = 1 };

enum {
	CASPIAN_FIELD_MAX = 65536,      /* default limit on one field, bytes */
	CASPIAN_SPAN_MAX = 10000000,    /* default limit on periods per series */
	CASPIAN_SERIES_MAX = 1000000    /* default limit on series in one input */
};

struct caspian_ingest_opts {
	enum caspian_layout layout;
	const char *series_col;  /* default "series" */
	const char *period_col;  /* default "period" */
	const char *value_col;   /* default "value" */
	const char *input_name;  /* used in messages; default "-" */
	size_t max_field;        /* default CASPIAN_FIELD_MAX */
	size_t max_span;         /* default CASPIAN_SPAN_MAX */
	size_t max_series;       /* default CASPIAN_SERIES_MAX */
	/*
	 * Optional: caspian_ingest_file calls progress(progress_ctx, bytes) after
	 * each block it has parsed, with the bytes read so far, so a caller can
	 * show progress; NULL (the default) for none.  The library prints nothing.
	 */
	void (*progress)(void *progress_ctx, size_t bytes_done);
	void *progress_ctx;
};

/* Fill o with the defaults above. */
void caspian_ingest_opts_init(struct caspian_ingest_opts *o);

/*
 * caspian_ingest_file() - read all of f (streamed in blocks) into a new panel
 * sorted by series name.  Memory grows with the number of values (each
 * series spans its first to last period) and of series, not rows; a single
 * line is held whole only while it straddles two blocks, and a line can be
 * no wider than the header.  o may be NULL for the defaults;
 * NULL names and zero limits in o also mean the defaults.
 * Returns CASPIAN_OK and sets *out (free with caspian_panel_free), or
 * CASPIAN_EPARSE (malformed input) / CASPIAN_ELIMIT (max_field, max_span,
 * max_series) /
 * CASPIAN_EIO (f could not be read) / CASPIAN_ENOMEM / CASPIAN_EINVAL (two
 * of series_col, period_col, value_col are the same) with *out untouched.
 * f is borrowed and not closed.
 */
int caspian_ingest_file(FILE *f, const struct caspian_ingest_opts *o,
			struct caspian_panel **out, struct caspian_error *err);

/* caspian_ingest_buffer() - the same on data[0..len). */
int caspian_ingest_buffer(const char *data, size_t len,
			  const struct caspian_ingest_opts *o,
			  struct caspian_panel **out, struct caspian_error *err);

/*
 * caspian_number_parse() - a finite decimal number in text[0..len): optional
 * sign, digits with an optional '.' (at least one digit: "5.", ".5" are
 * fine, "." is not), optional exponent (e or E, optional sign, digits).  No
 * spaces, no thousands separators, no hex, no "inf"/"nan".  Correctly
 * rounded (ties to even); a magnitude that rounds to infinity is refused, one
 * below the smallest subnormal gives (signed) zero.  Independent of the
 * locale: when the significant digits form an integer m <= 2^53 and the
 * power of ten has |e| <= 22, m * 10^e is one exactly rounded double
 * operation (Clinger's fast path); anything else goes to strtod rewritten as
 * "[-]DIGITSe[-]EXP", with no decimal point for a locale to misread.  text needs no NUL.  Returns CASPIAN_OK or
 * CASPIAN_EPARSE (*out untouched).
 */
int caspian_number_parse(const char *text, size_t len, double *out);

/* 1 when text[0..len) is one of the missing-value markers listed above. */
int caspian_is_missing_marker(const char *text, size_t len);

#endif
