/*
 * encoding.h - private to the engine: what the first bytes of a text input
 * say about its encoding.  Every reader takes UTF-8 and skips its byte order
 * mark; UTF-16 (a spreadsheet's "Unicode text") is refused with one message.
 */
#ifndef CASPIAN_ENGINE_ENCODING_H
#define CASPIAN_ENGINE_ENCODING_H

#include <stddef.h>

/* The message for an input in UTF-16, reported at 1:1. */
extern const char cx_utf16_message[];

/* 1 when b[0..n) starts with a UTF-16 byte order mark (FF FE or FE FF). */
int cx_starts_utf16(const unsigned char *b, size_t n);

#endif
