/*
 * fuzz_ingest_long - CSV ingest, long layout (series,period,value,...).
 * The invariants are in ingest_check.h.
 */
#include "ingest_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ingest_check(data, size, CASPIAN_LAYOUT_LONG);
	return 0;
}
