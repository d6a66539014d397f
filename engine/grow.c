#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *cx_grow(void *items, size_t *cap, size_t need, size_t elem, size_t first)
{
	if (need == 0)
		need = 1; /* so that an array that must exist does */
	if (items && need <= *cap)
		return items;
	size_t room = *cap ? *cap : (first ? first : 1);
	while (room < need) {
		if (room > SIZE_MAX / 2)
			return NULL;
		room *= 2;
	}
	if (elem && room > SIZE_MAX / elem)
		return NULL;
	void *p = realloc(items, room * elem);
	if (!p)
		return NULL;
	*cap = room;
	return p;
}
