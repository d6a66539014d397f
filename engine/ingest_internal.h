/*
 * ingest_internal.h - private to the engine and its tests: the ingest driver
 * behind caspian_ingest_file() and caspian_ingest_buffer(), exposed so tests
 * can vary how the input is cut into blocks and which splitter reads it.
 */
#ifndef CASPIAN_ENGINE_INGEST_INTERNAL_H
#define CASPIAN_ENGINE_INGEST_INTERNAL_H

#include "caspian/ingest.h"

/*
 * cx_ingest_chunked() - caspian_ingest_buffer() on data[0..len), fed to the
 * parser in blocks of chunk bytes (0 = one block).  With libcsv_only set,
 * every row goes through libcsv; otherwise rows without a '"' take a direct
 * splitter.  Both must give the same panel and the same error for any chunk.
 */
int cx_ingest_chunked(const char *data, size_t len, size_t chunk, int libcsv_only,
		      const struct caspian_ingest_opts *o, struct caspian_panel **out,
		      struct caspian_error *err);

#endif
