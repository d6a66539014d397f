/*
 * store_blocks.h - private to the engine: the byte layout of the store's
 * panel blocks (see store.c), which hold the metadata of up to
 * CX_BLOCK_SERIES series in one BLOB so that a whole-store load reads a
 * row per block instead of a row per series.
 *
 * A block's metadata BLOB is a count (u32) and then, per series in id
 * order: freq (u8), start (i64), n (u64), the byte lengths of name, unit,
 * source and note (u32 each), then those four texts, each followed by a
 * NUL.  Integers are little-endian.  The values of the series follow one
 * another in a second BLOB, in the same order and in the layout of the
 * series table's vals column.
 */
#ifndef CASPIAN_ENGINE_STORE_BLOCKS_H
#define CASPIAN_ENGINE_STORE_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/* Series ids b * 64 .. b * 64 + 63 make block b. */
enum { CX_BLOCK_SHIFT = 6, CX_BLOCK_SERIES = 1 << CX_BLOCK_SHIFT };

/* One series of a block, as written or as read back (texts NUL-terminated). */
struct cx_block_entry {
	const char *name, *unit, *source, *note;
	int freq;
	int64_t start;
	uint64_t n;
};

/* A block being written; zero-initialised, then cx_block_add per series. */
struct cx_block_writer {
	unsigned char *meta;
	size_t len, cap;
	uint32_t count;
};

/* Appends e's metadata; -1 when out of memory or a text is too long. */
int cx_block_add(struct cx_block_writer *w, const struct cx_block_entry *e);

/* The finished metadata BLOB (the count filled in); its length is w->len. */
const unsigned char *cx_block_meta(struct cx_block_writer *w);

/* Empty again, keeping the memory. */
void cx_block_clear(struct cx_block_writer *w);

void cx_block_writer_free(struct cx_block_writer *w);

/* Reads a metadata BLOB that stays put while it is read. */
struct cx_block_reader {
	const unsigned char *p, *end;
	uint32_t left;
	uint64_t values; /* values of the series read so far */
};

/* -1 when the BLOB is too short to hold a count. */
int cx_block_open(struct cx_block_reader *r, const void *meta, size_t len);

/*
 * The next series into e, and where its values start (counted in values,
 * not bytes) in the values BLOB: 1, or 0 after the last one, or -1 when the
 * BLOB is damaged (a length past its end, a text without its NUL or with
 * one inside, bytes left over).
 */
int cx_block_next(struct cx_block_reader *r, struct cx_block_entry *e, uint64_t *first_value);

#endif
