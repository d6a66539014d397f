/*
 * store_check.h - drive the store API over a store file that may be corrupt,
 * shared by the store fuzz targets.
 */
#ifndef CASPIAN_FUZZ_STORE_CHECK_H
#define CASPIAN_FUZZ_STORE_CHECK_H

#include <stddef.h>

/*
 * store_scratch_dir() - a private directory for store files, made once and
 * removed at exit.
 */
const char *store_scratch_dir(void);

/* store_unlink() - remove path and its -wal, -shm and -journal files. */
void store_unlink(const char *path);

/*
 * store_exercise() - open path for reading and call list, load, get,
 * vintages and get_as_of on what it finds; then open it for writing, import
 * a probe series, read it back and remove it.  Every call must either succeed
 * with well-formed results or fail with a status the API documents and a
 * message; anything else aborts.
 */
void store_exercise(const char *path);

#endif
