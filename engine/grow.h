/*
 * grow.h - private to the engine: the one way its arrays and byte buffers
 * make room as they fill.
 */
#ifndef CASPIAN_ENGINE_GROW_H
#define CASPIAN_ENGINE_GROW_H

#include <stddef.h>

/*
 * cx_grow() - room for at least need items of elem bytes in items, an array
 * (or NULL) with room for *cap.  The room doubles, starting from first when
 * *cap is 0, so that appending one item at a time copies each item O(1)
 * times on average.  Returns the array, moved or not, with *cap updated; or
 * NULL when out of memory or when the size in bytes would overflow, leaving
 * items (still valid, to be freed by the caller) and *cap as they were.
 */
void *cx_grow(void *items, size_t *cap, size_t need, size_t elem, size_t first);

#endif
