/*
 * caspian/store.h - the SQLite store of series.
 *
 * One file.  Each series is one row of metadata plus its values as one BLOB of
 * little-endian IEEE doubles.  Replaced versions are kept as vintages.  The
 * schema carries a version (PRAGMA user_version): an older store is read as it
 * is and migrated when opened for writing, a newer one is refused.
 *
 * Time stamps are caller-supplied ISO 8601 UTC text with microseconds,
 * "2026-01-31T12:00:00.000000Z", which sort as text; the library reads no clock.
 */
#ifndef CASPIAN_STORE_H
#define CASPIAN_STORE_H

#include <stddef.h>

#include "caspian/error.h"
#include "caspian/series.h"
#include "caspian/shard.h"

struct caspian_store;

enum caspian_store_mode {
	CASPIAN_STORE_READ = 0,   /* the file must exist */
	CASPIAN_STORE_WRITE = 1,  /* created when missing */
};

enum { CASPIAN_STORE_SCHEMA_VERSION = 2, CASPIAN_STORE_BUSY_MS = 5000 };

/*
 * caspian_store_open() - open or create the store at path.  Another process
 * holding the write lock is waited for up to busy_ms milliseconds (0: the
 * default CASPIAN_STORE_BUSY_MS), then CASPIAN_EBUSY.  Returns CASPIAN_OK and
 * *out, CASPIAN_ENOTFOUND (read mode, no file), CASPIAN_ESTORE (not a caspian
 * store, newer schema, corrupt).  A store handle is used by one thread at a
 * time (threads that work at once each open their own).
 */
int caspian_store_open(const char *path, enum caspian_store_mode mode, int busy_ms,
		       struct caspian_store **out, struct caspian_error *err);

/* caspian_store_close() - NULL is a no-op. */
void caspian_store_close(struct caspian_store *st);

struct caspian_import_opts {
	int replace;            /* allow changing stored observations */
	const char *timestamp;  /* when this import happened (see above) */
};

struct caspian_import_report {
	size_t series_new;       /* not stored before */
	size_t series_extended;  /* gained periods or filled missing values only */
	size_t series_replaced;  /* had observations changed (--replace) */
	size_t series_unchanged; /* identical to what is stored */
	size_t values;           /* observations read */
};

/*
 * caspian_store_import() - store every series of p in one transaction: all of
 * it lands or none of it does.  For a series already stored, the incoming
 * values are merged into the stored ones: new periods and values where the
 * store has a missing value extend it.  An incoming value that differs from a
 * stored one (bit for bit; NaN equals NaN) is CASPIAN_ECONFLICT naming the
 * first such series and period, unless opts->replace, in which case the
 * incoming value wins and the previous version is kept as a vintage.  A
 * different frequency is always a conflict.  Incoming unit/source/note that
 * are non-empty replace stored ones.  An incoming missing value (NaN) is no
 * observation: it neither conflicts with nor erases a stored value.
 * report->values counts the non-missing incoming values.  Returns CASPIAN_OK,
 * CASPIAN_ECONFLICT, CASPIAN_EINVAL (invalid name or time stamp, a store
 * opened for reading, or a replacement stamped earlier than the version it
 * replaces), CASPIAN_EBUSY, CASPIAN_ESTORE, CASPIAN_ENOMEM; on error nothing
 * is stored and *report is untouched.
 */
int caspian_store_import(struct caspian_store *st, const struct caspian_panel *p,
			 const struct caspian_import_opts *opts,
			 struct caspian_import_report *report, struct caspian_error *err);

/*
 * caspian_store_load() - every series whose name matches glob (SQLite GLOB
 * syntax: * ? [...]) into a new panel sorted by name; an empty panel when
 * none matches.  A name without wildcard characters matches only itself.
 */
int caspian_store_load(struct caspian_store *st, const char *glob,
		       struct caspian_panel **out, struct caspian_error *err);

/*
 * caspian_store_load_shard() - caspian_store_load() keeping only the series
 * in shard sh (NULL: all; see shard.h), so that a shard of a large store
 * holds only its own values in memory.  *matched (when matched is not NULL)
 * receives the number of series matching glob in any shard.
 */
int caspian_store_load_shard(struct caspian_store *st, const char *glob,
			     const struct caspian_shard *sh, struct caspian_panel **out,
			     size_t *matched, struct caspian_error *err);

/* caspian_store_get() - one series by exact name; CASPIAN_ENOTFOUND if absent. */
int caspian_store_get(struct caspian_store *st, const char *name,
		      struct caspian_series **out, struct caspian_error *err);

/*
 * caspian_store_get_as_of() - the version of name that was current at time
 * stamp ts; CASPIAN_ENOTFOUND if the series did not exist then.  A version
 * lasts from one replacing import to the next: observations that merely
 * extended it later (new periods, filled missing values) are part of it.
 * ts may be a leading part of a stamp ("2026-01-31": the start of that day);
 * anything else is CASPIAN_EINVAL.
 */
int caspian_store_get_as_of(struct caspian_store *st, const char *name, const char *ts,
			    struct caspian_series **out, struct caspian_error *err);

struct caspian_series_info {
	char name[CASPIAN_NAME_MAX + 1];
	enum caspian_freq freq;
	long start;
	size_t n;
	char created[40];  /* time stamp of the first import */
	char updated[40];  /* time stamp of the version now current */
	size_t vintages;   /* earlier versions kept */
};

/* caspian_store_list() - info on every series matching glob, sorted by name.
 * *out is the caller's to free(). */
int caspian_store_list(struct caspian_store *st, const char *glob,
		       struct caspian_series_info **out, size_t *count,
		       struct caspian_error *err);

struct caspian_vintage {
	char valid_from[40];
	char valid_to[40];  /* "" for the current version */
	size_t n;
	long start;
};

/* caspian_store_vintages() - every version of name, oldest first, current last.
 * *out is the caller's to free(). */
int caspian_store_vintages(struct caspian_store *st, const char *name,
			   struct caspian_vintage **out, size_t *count,
			   struct caspian_error *err);

/* caspian_store_remove() - delete a series and its vintages; CASPIAN_ENOTFOUND if absent. */
int caspian_store_remove(struct caspian_store *st, const char *name,
			 struct caspian_error *err);

/*
 * caspian_store_remove_many() - delete count series and their vintages in one
 * transaction: all of them or, when one is absent (CASPIAN_ENOTFOUND naming
 * it), none.
 */
int caspian_store_remove_many(struct caspian_store *st, const char *const *names,
			      size_t count, struct caspian_error *err);

struct caspian_merge_report {
	size_t inputs;           /* stores read */
	size_t series_new;       /* copied into the store */
	size_t series_identical; /* already there, identical in every respect: skipped */
	size_t vintages;         /* earlier versions copied with the new series */
};

/*
 * caspian_store_merge() - copy every series of the stores at paths[0..count)
 * into st, each with its vintages and provenance (unit, source, note and the
 * created/updated time stamps) unchanged and its values bit for bit, in one
 * transaction: all of it lands or none of it does.  Meant for the stores of
 * shards (see shard.h), which hold disjoint series.
 *
 * A series st already holds (stored before, or merged from an earlier input)
 * is skipped when it is identical: frequency, periods, values (bit for bit),
 * unit, source, note, time stamps and every vintage.  Any difference is
 * CASPIAN_ECONFLICT naming the series, the input and what differs; nothing is
 * changed then.  Inputs are opened for reading only (each must be a store
 * this caspian reads: see caspian_store_open) and read through connections
 * of their own, not ATTACHed: SQLite attaches at most ten databases and cannot detach one
 * inside a transaction, which would cap a one-transaction merge at ten shards.
 *
 * Returns CASPIAN_OK and fills *report (may be NULL), CASPIAN_ECONFLICT,
 * CASPIAN_ENOTFOUND (an input does not exist), CASPIAN_EINVAL (NULL or empty
 * path, st opened for reading), CASPIAN_EBUSY, CASPIAN_ESTORE (an input is
 * not a caspian store, has a newer schema version or is corrupt),
 * CASPIAN_ENOMEM, CASPIAN_EIO.  *report is untouched on error.
 */
int caspian_store_merge(struct caspian_store *st, const char *const *paths, size_t count,
			struct caspian_merge_report *report, struct caspian_error *err);

#endif
