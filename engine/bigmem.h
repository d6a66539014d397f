/*
 * bigmem.h - private to the engine: allocations of many megabytes that are
 * filled at once (a panel's values, an output table), backed by huge pages
 * where the system offers them.
 */
#ifndef CASPIAN_ENGINE_BIGMEM_H
#define CASPIAN_ENGINE_BIGMEM_H

#include <stddef.h>

/*
 * cx_big_alloc() - like malloc(bytes), for a block that will be written
 * through soon after.  From CX_BIG_MIN bytes up, the block is aligned to
 * 2 MiB and the kernel is asked (madvise MADV_HUGEPAGE, Linux) to back it
 * with huge pages: a fresh 4 KiB page costs a fault of several microseconds
 * when first written, so 20 MB would cost 5,000 faults where huge pages cost
 * ten.  The advice may be ignored; the memory is the same either way.
 * Returns NULL when out of memory; release with free().
 */
void *cx_big_alloc(size_t bytes);

/* From 1 MiB a huge page (cleared at once, a fraction of a millisecond)
 * costs less than the 256 or more faults of small pages. */
enum { CX_BIG_MIN = 1 << 20 };

#endif
