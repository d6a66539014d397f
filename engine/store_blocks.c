#include "store_blocks.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

enum { COUNT_BYTES = 4, FIXED_BYTES = 1 + 8 + 8 + 4 * 4 };

static void put_le(unsigned char *d, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		d[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *s, int bytes)
{
	uint64_t v = 0;
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)s[i] << (8 * i);
	return v;
}

int cx_block_add(struct cx_block_writer *w, const struct cx_block_entry *e)
{
	const char *texts[4] = {e->name, e->unit, e->source, e->note};
	size_t lens[4], need = FIXED_BYTES;
	for (int i = 0; i < 4; i++) {
		lens[i] = strlen(texts[i]);
		if (lens[i] > UINT32_MAX - 1)
			return -1;
		need += lens[i] + 1;
	}
	size_t at = w->len ? w->len : COUNT_BYTES;
	if (w->count == UINT32_MAX || need > SIZE_MAX - at)
		return -1;
	unsigned char *m = cx_grow(w->meta, &w->cap, at + need, 1, 4096);
	if (!m)
		return -1;
	w->meta = m;
	unsigned char *d = m + at;
	d[0] = (unsigned char)e->freq;
	put_le(d + 1, (uint64_t)e->start, 8);
	put_le(d + 9, e->n, 8);
	d += 17;
	for (int i = 0; i < 4; i++, d += 4)
		put_le(d, lens[i], 4);
	for (int i = 0; i < 4; i++) {
		memcpy(d, texts[i], lens[i] + 1);
		d += lens[i] + 1;
	}
	w->len = at + need;
	w->count++;
	return 0;
}

const unsigned char *cx_block_meta(struct cx_block_writer *w)
{
	if (!w->len) { /* no series: the count alone */
		unsigned char *m = cx_grow(w->meta, &w->cap, COUNT_BYTES, 1, 64);
		if (!m)
			return NULL;
		w->meta = m;
		w->len = COUNT_BYTES;
	}
	put_le(w->meta, w->count, COUNT_BYTES);
	return w->meta;
}

void cx_block_clear(struct cx_block_writer *w)
{
	w->len = 0;
	w->count = 0;
}

void cx_block_writer_free(struct cx_block_writer *w)
{
	free(w->meta);
	*w = (struct cx_block_writer){0};
}

int cx_block_open(struct cx_block_reader *r, const void *meta, size_t len)
{
	if (!meta || len < COUNT_BYTES)
		return -1;
	r->p = meta;
	r->end = r->p + len;
	r->left = (uint32_t)get_le(r->p, COUNT_BYTES);
	r->p += COUNT_BYTES;
	r->values = 0;
	return 0;
}

/* Takes a text of len bytes and its NUL from the reader; NULL when damaged. */
static const char *take_text(struct cx_block_reader *r, uint64_t len)
{
	if (len >= (uint64_t)(r->end - r->p))
		return NULL;
	const char *t = (const char *)r->p;
	if (t[len] != '\0' || memchr(t, '\0', (size_t)len))
		return NULL;
	r->p += len + 1;
	return t;
}

int cx_block_next(struct cx_block_reader *r, struct cx_block_entry *e, uint64_t *first_value)
{
	if (r->left == 0)
		return r->p == r->end ? 0 : -1;
	if (r->end - r->p < FIXED_BYTES)
		return -1;
	e->freq = r->p[0];
	e->start = (int64_t)get_le(r->p + 1, 8);
	e->n = get_le(r->p + 9, 8);
	uint64_t lens[4];
	for (int i = 0; i < 4; i++)
		lens[i] = get_le(r->p + 17 + 4 * i, 4);
	r->p += FIXED_BYTES;
	const char **texts[4] = {&e->name, &e->unit, &e->source, &e->note};
	for (int i = 0; i < 4; i++)
		if (!(*texts[i] = take_text(r, lens[i])))
			return -1;
	if (e->n > UINT64_MAX - r->values)
		return -1;
	*first_value = r->values;
	r->values += e->n;
	r->left--;
	return 1;
}
