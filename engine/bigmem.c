/* madvise() and MADV_HUGEPAGE are not POSIX: glibc shows them with this */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE
#endif

#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

enum { HUGE_PAGE = 2 << 20 };

void *cx_big_alloc(size_t bytes)
{
	if (bytes < CX_BIG_MIN || bytes > SIZE_MAX - HUGE_PAGE)
		return malloc(bytes ? bytes : 1);
	/* aligned_alloc wants a multiple of the alignment; the rounding is
	 * address space only, never touched, so it costs no memory */
	size_t size = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	void *p = aligned_alloc(HUGE_PAGE, size);
	if (!p)
		return malloc(bytes);
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE); /* advice only: its failure changes nothing */
#endif
	return p;
}
