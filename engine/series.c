#include "caspian/series.h"
#include "bigmem.h"
#include "panel_internal.h"
#include "grow.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static char *dup_text(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

/*
 * Empty metadata, which is what almost every series has, points here rather
 * than at an allocation of its own: a panel of 20,000 series would otherwise
 * make and free 60,000 one-byte strings.  Read-only; never freed.
 */
static const char no_text[1] = "";

static char *empty_text(void)
{
	return (char *)no_text;
}

static void free_text(char *s)
{
	if (s != no_text)
		free(s);
}

/* A copy of s, or the shared empty text when s is empty. */
static char *meta_text(const char *s)
{
	return *s ? dup_text(s) : empty_text();
}

struct caspian_series *caspian_series_alloc(const char *name, enum caspian_freq freq,
					    long start, size_t n)
{
	struct caspian_series *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->name = dup_text(name);
	s->unit = empty_text();
	s->source = empty_text();
	s->note = empty_text();
	s->values = malloc((n ? n : 1) * sizeof(double));
	s->owner = 1;
	if (!s->name || !s->unit || !s->source || !s->note || !s->values) {
		caspian_series_free(s);
		return NULL;
	}
	s->freq = freq;
	s->start = start;
	s->n = n;
	for (size_t i = 0; i < n; i++)
		s->values[i] = NAN;
	return s;
}

static void release_meta(struct caspian_series *s)
{
	free_text(s->unit);
	free_text(s->source);
	free_text(s->note);
}

static void release_strings(struct caspian_series *s)
{
	free(s->name);
	release_meta(s);
}

/*
 * The names of a panel's series are kept in blocks of their own, one after
 * another, rather than in a malloc each: a load of 20,000 series made
 * 20,000 allocations (and as many frees) and spread the names over pages
 * touched one by one.  A name stays put for the panel's life.
 */
struct cx_name_block {
	struct cx_name_block *next;
	size_t used, cap;
	char text[];
};

enum { NAME_BLOCK_MIN = 16 << 10 };

static char *panel_name(struct caspian_panel *p, const char *name)
{
	size_t n = strlen(name) + 1;
	struct cx_name_block *b = p->names;
	if (!b || b->cap - b->used < n) {
		/* each new block twice the last, so a panel of k names makes
		 * O(log k) blocks */
		size_t cap = b && b->cap <= SIZE_MAX / 4 ? 2 * b->cap : NAME_BLOCK_MIN;
		if (cap < n)
			cap = n;
		if (cap > SIZE_MAX - sizeof(struct cx_name_block))
			return NULL;
		struct cx_name_block *fresh = malloc(sizeof(*fresh) + cap);
		if (!fresh)
			return NULL;
		fresh->next = b;
		fresh->used = 0;
		fresh->cap = cap;
		p->names = b = fresh;
	}
	char *d = b->text + b->used;
	memcpy(d, name, n);
	b->used += n;
	return d;
}

void caspian_series_free(struct caspian_series *s)
{
	if (!s)
		return;
	release_strings(s);
	if (s->owner)
		free(s->values);
	free(s);
}

struct caspian_series *caspian_series_copy(const struct caspian_series *src)
{
	struct caspian_series *s = caspian_series_alloc(src->name, src->freq, src->start, src->n);
	if (!s)
		return NULL;
	if (src->n)
		memcpy(s->values, src->values, src->n * sizeof(double));
	if (caspian_series_set_meta(s, src->unit, src->source, src->note, NULL)) {
		caspian_series_free(s);
		return NULL;
	}
	return s;
}

static int replace_text(char **field, const char *text)
{
	if (!text || (*field && strcmp(*field, text) == 0))
		return 0;
	char *d = meta_text(text);
	if (!d)
		return -1;
	free_text(*field);
	*field = d;
	return 0;
}

int caspian_series_set_meta(struct caspian_series *s, const char *unit,
			    const char *source, const char *note,
			    struct caspian_error *err)
{
	if (replace_text(&s->unit, unit) || replace_text(&s->source, source) ||
	    replace_text(&s->note, note))
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	return CASPIAN_OK;
}

double caspian_series_at(const struct caspian_series *s, long p)
{
	if (p < s->start || (size_t)(p - s->start) >= s->n)
		return NAN;
	return s->values[p - s->start];
}

long caspian_series_end(const struct caspian_series *s)
{
	return s->start + (long)s->n - 1;
}

int caspian_series_span(const struct caspian_series *s, long *first, long *last)
{
	size_t i = 0, j = s->n;
	while (i < s->n && isnan(s->values[i]))
		i++;
	if (i == s->n)
		return 0;
	while (isnan(s->values[j - 1]))
		j--;
	*first = s->start + (long)i;
	*last = s->start + (long)j - 1;
	return 1;
}

int caspian_series_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > CASPIAN_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-' || c == ':' || c == '/' || c == '@' || c == '+'))
			return 0;
	}
	return 1;
}

struct caspian_panel *caspian_panel_alloc(void)
{
	return calloc(1, sizeof(struct caspian_panel));
}

void caspian_panel_free(struct caspian_panel *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++)
		release_meta(&p->series[i]);
	while (p->names) {
		struct cx_name_block *next = p->names->next;
		free(p->names);
		p->names = next;
	}
	free(p->series);
	free(p->buffer);
	free(p);
}

/* A fresh buffer rather than realloc, so every series can be re-pointed by its offset. */
static int resize_values(struct caspian_panel *p, size_t cap)
{
	double *b = cx_big_alloc((cap ? cap : 1) * sizeof(double));
	if (!b)
		return -1;
	if (p->nvalues)
		memcpy(b, p->buffer, p->nvalues * sizeof(double));
	for (size_t i = 0; i < p->count; i++)
		p->series[i].values = b + (p->series[i].values - p->buffer);
	free(p->buffer);
	p->buffer = b;
	p->cap_values = cap;
	return 0;
}

static int grow_values(struct caspian_panel *p, size_t extra)
{
	/* An empty series still needs a real base pointer: offsets from NULL are undefined. */
	if (p->buffer && p->nvalues + extra <= p->cap_values)
		return 0;
	size_t cap = p->cap_values ? p->cap_values : 1024;
	while (cap < p->nvalues + extra)
		cap *= 2;
	return resize_values(p, cap);
}

static int resize_series(struct caspian_panel *p, size_t cap)
{
	struct caspian_series *s = cx_big_alloc((cap ? cap : 1) * sizeof(*s));
	if (!s)
		return -1;
	if (p->count)
		memcpy(s, p->series, p->count * sizeof(*s));
	free(p->series);
	p->series = s;
	p->cap_series = cap;
	return 0;
}

int caspian_panel_reserve(struct caspian_panel *p, size_t series, size_t values,
			  struct caspian_error *err)
{
	if (series > SIZE_MAX / sizeof(struct caspian_series) - p->count ||
	    values > SIZE_MAX / sizeof(double) - p->nvalues)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if ((p->count + series > p->cap_series && resize_series(p, p->count + series)) ||
	    ((!p->buffer || p->nvalues + values > p->cap_values) &&
	     resize_values(p, p->nvalues + values)))
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	return CASPIAN_OK;
}

static int grow_series(struct caspian_panel *p)
{
	struct caspian_series *s = cx_grow(p->series, &p->cap_series, p->count + 1, sizeof(*s), 16);
	if (!s)
		return -1;
	p->series = s;
	return 0;
}

int cx_panel_add_unset(struct caspian_panel *p, const char *name, enum caspian_freq freq,
		       long start, size_t n, size_t *out, struct caspian_error *err)
{
	if (grow_series(p) || grow_values(p, n))
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	struct caspian_series *s = &p->series[p->count];
	memset(s, 0, sizeof(*s));
	s->name = panel_name(p, name);
	if (!s->name)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	s->unit = empty_text();
	s->source = empty_text();
	s->note = empty_text();
	s->freq = freq;
	s->start = start;
	s->n = n;
	s->values = p->buffer + p->nvalues;
	p->nvalues += n;
	*out = p->count++;
	return CASPIAN_OK;
}

int caspian_panel_add_empty(struct caspian_panel *p, const char *name,
			    enum caspian_freq freq, long start, size_t n,
			    size_t *out, struct caspian_error *err)
{
	int rc = cx_panel_add_unset(p, name, freq, start, n, out, err);
	if (rc == CASPIAN_OK)
		for (size_t i = 0; i < n; i++)
			p->series[*out].values[i] = NAN;
	return rc;
}

int caspian_panel_add(struct caspian_panel *p, const struct caspian_series *src,
		      struct caspian_error *err)
{
	size_t k;
	int rc = caspian_panel_add_empty(p, src->name, src->freq, src->start, src->n, &k, err);
	if (rc)
		return rc;
	struct caspian_series *s = &p->series[k];
	if (src->n)
		memcpy(s->values, src->values, src->n * sizeof(double));
	if (caspian_series_set_meta(s, src->unit, src->source, src->note, err)) {
		release_meta(s);
		p->count--;
		p->nvalues -= src->n;
		return CASPIAN_ENOMEM;
	}
	return CASPIAN_OK;
}

static int by_name(const void *a, const void *b)
{
	const struct caspian_series *x = a, *y = b;
	return strcmp(x->name, y->name);
}

void caspian_panel_sort(struct caspian_panel *p)
{
	if (p->count > 1)
		qsort(p->series, p->count, sizeof(p->series[0]), by_name);
}

long caspian_panel_find(const struct caspian_panel *p, const char *name)
{
	size_t lo = 0, hi = p->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->series[mid].name, name);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}
