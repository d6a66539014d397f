/*
 * fuzz_store - the store on damaged files: the input is the whole store file.
 *
 * The seeds (corpus/store/) are small valid stores, so mutations are mostly
 * a few damaged bytes in an otherwise good file.  Opening, listing, loading,
 * reading vintages, importing and removing must each succeed with
 * well-formed results or fail with a documented status and a message
 * (store_check.c); a crash, a sanitizer report or a malformed result aborts.
 */
#include <stdint.h>
#include <stdio.h>

#include "store_check.h"
#include "support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/store.db", store_scratch_dir());
	store_unlink(path);
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f, "cannot write %s", path);
	FUZZ_CHECK(fwrite(data, 1, size, f) == size && fclose(f) == 0, "cannot write %s", path);
	store_exercise(path);
	store_unlink(path);
	return 0;
}
