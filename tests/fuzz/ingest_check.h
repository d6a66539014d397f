/*
 * ingest_check.h - the invariants of CSV ingest, shared by the long and wide
 * fuzz targets.
 */
#ifndef CASPIAN_FUZZ_INGEST_CHECK_H
#define CASPIAN_FUZZ_INGEST_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "caspian/ingest.h"

/*
 * ingest_check() - ingest data in the given layout and check:
 *   - accepted: the panel is well formed, and printing it as long CSV the way
 *     'caspian export' does and ingesting that gives the same series bit for
 *     bit (values, periods, provenance);
 *   - rejected: a documented status, a message, a line and field number
 *     inside the input, and no panel;
 *   - feeding the same bytes in small blocks, through libcsv only, or from
 *     a FILE with caspian_ingest_file gives the same panel or the same error;
 *   - a smaller field limit changes nothing but may add a limit error.
 */
void ingest_check(const uint8_t *data, size_t size, enum caspian_layout layout);

#endif
