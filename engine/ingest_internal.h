/*
 * ingest_internal.h - private to the engine and its tests: the ingest driver
 * behind caspian_ingest_file() and caspian_ingest_buffer(), exposed so tests
 * can vary how the input is cut into blocks and which splitter reads it.
 */
#ifndef CASPIAN_ENGINE_INGEST_INTERNAL_H
#define CASPIAN_ENGINE_INGEST_INTERNAL_H

#include "caspian/ingest.h"

/* Which readers may take a row. */
enum cx_reader {
	CX_READ_ALL = 0,     /* quick rows, then the splitter, then libcsv (the default) */
	CX_READ_LIBCSV = 1,  /* every row through libcsv */
	CX_READ_SPLIT = 2    /* the splitter for rows without a '"', no quick rows */
};

/*
 * cx_ingest_chunked() - caspian_ingest_buffer() on data[0..len), fed to the
 * parser in blocks of chunk bytes (0 = one block), with reader an enum
 * cx_reader.  Every reader must give the same panel and the same error for
 * any chunk.
 */
int cx_ingest_chunked(const char *data, size_t len, size_t chunk, int reader,
		      const struct caspian_ingest_opts *o, struct caspian_panel **out,
		      struct caspian_error *err);

#endif
