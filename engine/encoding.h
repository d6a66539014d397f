/*
 * encoding.h - private to the engine: what the first bytes of a text input
 * say about its encoding, and where its lines end.  Every reader takes UTF-8
 * and skips its byte order mark; UTF-16 (a spreadsheet's "Unicode text") is
 * refused with one message.
 */
#ifndef CASPIAN_ENGINE_ENCODING_H
#define CASPIAN_ENGINE_ENCODING_H

#include <stddef.h>

/* 3 when b[0..n) starts with a UTF-8 byte order mark (EF BB BF), else 0. */
size_t cx_utf8_bom_len(const unsigned char *b, size_t n);

/*
 * cx_line_ends() - 1 when byte b ends a line.  Lines end at LF, CR LF or a
 * lone CR, in every reader; *prev_cr says whether the byte before was a CR,
 * and is updated.
 */
static inline int cx_line_ends(int *prev_cr, unsigned char b)
{
	int ends = b == '\r' || (b == '\n' && !*prev_cr);
	*prev_cr = b == '\r';
	return ends;
}

/* The message for an input in UTF-16, reported at 1:1. */
extern const char cx_utf16_message[];

/* 1 when b[0..n) starts with a UTF-16 byte order mark (FF FE or FE FF). */
int cx_starts_utf16(const unsigned char *b, size_t n);

#endif
