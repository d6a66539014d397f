/*
 * caspian/series.h - a named time series and a panel of many.
 *
 * A series holds n values for consecutive periods start, start+1, ... of one
 * frequency; NaN marks a missing value.  Series names are 1 to
 * CASPIAN_NAME_MAX bytes of letters, digits and "._-:/@+" (see
 * caspian_series_name_valid), so they survive shells, CSV and globs.
 *
 * A panel holds many series whose values live in one contiguous buffer, so
 * loops over all values run over flat memory.  series[i].values points into
 * that buffer and belongs to the panel.
 */
#ifndef CASPIAN_SERIES_H
#define CASPIAN_SERIES_H

#include <stddef.h>

#include "caspian/error.h"
#include "caspian/period.h"

enum { CASPIAN_NAME_MAX = 200 };

struct caspian_series {
	char *name;
	enum caspian_freq freq;
	long start;      /* ordinal of values[0] */
	size_t n;
	double *values;  /* n values; NaN = missing */
	char *unit;      /* free text; never NULL ("" when unknown) */
	char *source;    /* provenance; never NULL */
	char *note;      /* provenance; never NULL */
	/* unit, source and note belong to the series; change them only with
	 * caspian_series_set_meta() (empty ones may share one read-only "") */
	int owner;       /* 1 when values belongs to this series, 0 inside a panel */
};

/*
 * caspian_series_alloc() - a series of n missing values.  Copies name.
 * Returns NULL when out of memory.  Free with caspian_series_free().
 */
struct caspian_series *caspian_series_alloc(const char *name, enum caspian_freq freq,
					    long start, size_t n);

/* caspian_series_free() - free s and what it owns; NULL is a no-op. */
void caspian_series_free(struct caspian_series *s);

/* caspian_series_copy() - a deep copy that owns its values, or NULL. */
struct caspian_series *caspian_series_copy(const struct caspian_series *s);

/*
 * caspian_series_set_meta() - replace unit, source and note with copies; a NULL
 * argument leaves that field as it is.  Returns CASPIAN_OK or CASPIAN_ENOMEM.
 */
int caspian_series_set_meta(struct caspian_series *s, const char *unit,
			    const char *source, const char *note,
			    struct caspian_error *err);

/* The value at period ordinal p, or NaN outside the series. */
double caspian_series_at(const struct caspian_series *s, long p);

/* Ordinal of the last period: start + n - 1 (start - 1 for an empty series). */
long caspian_series_end(const struct caspian_series *s);

/*
 * caspian_series_trim() - the first and last periods holding a value.
 * Returns 0 when every value is missing.
 */
int caspian_series_span(const struct caspian_series *s, long *first, long *last);

/* 1 when name is a valid series name (see above), else 0. */
int caspian_series_name_valid(const char *name);

struct caspian_panel {
	size_t count;
	struct caspian_series *series; /* count series sorted by name */
	double *buffer;                /* every value, series after series */
	size_t nvalues;                /* length of buffer in use */
	size_t cap_series, cap_values; /* allocated sizes */
	struct cx_name_block *names;   /* private: the blocks the series' names are kept in */
};

/* caspian_panel_alloc() - an empty panel, or NULL when out of memory. */
struct caspian_panel *caspian_panel_alloc(void);

/* caspian_panel_free() - free the panel and every series in it; NULL is a no-op. */
void caspian_panel_free(struct caspian_panel *p);

/*
 * caspian_panel_add() - append a copy of s (name, metadata and values).
 * Pointers to earlier series' values stay valid only until the next add.
 * Returns CASPIAN_OK or CASPIAN_ENOMEM (panel unchanged).
 */
int caspian_panel_add(struct caspian_panel *p, const struct caspian_series *s,
		      struct caspian_error *err);

/*
 * caspian_panel_add_empty() - append a series of n missing values and metadata
 * copied from the arguments; *out receives its index.  Same rules as add.
 */
int caspian_panel_add_empty(struct caspian_panel *p, const char *name,
			    enum caspian_freq freq, long start, size_t n,
			    size_t *out, struct caspian_error *err);

/*
 * caspian_panel_reserve() - make room for series more series holding values
 * more values in all, so that adding them allocates nothing (and pointers to
 * earlier series' values stay valid while they are added).  Returns
 * CASPIAN_OK or CASPIAN_ENOMEM (panel unchanged).
 */
int caspian_panel_reserve(struct caspian_panel *p, size_t series, size_t values,
			  struct caspian_error *err);

/* caspian_panel_sort() - order the series by name (bytewise). */
void caspian_panel_sort(struct caspian_panel *p);

/* caspian_panel_find() - index of the series called name in a sorted panel, or -1. */
long caspian_panel_find(const struct caspian_panel *p, const char *name);

#endif
