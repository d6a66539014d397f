/*
 * fuzz_ingest_wide - CSV ingest, wide layout (period,<series>,...).
 * The invariants are in ingest_check.h.
 */
#include "ingest_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ingest_check(data, size, CASPIAN_LAYOUT_WIDE);
	return 0;
}
