/*
 * suggest.c - "did you mean" for mistyped command and series names.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * The optimal string alignment form of the Damerau-Levenshtein distance:
 * insertions, deletions, substitutions and swaps of two adjacent
 * characters each cost one (no substring is edited twice).  Three rows of
 * the dynamic programme suffice.  Returns (size_t)-1 when out of memory.
 */
size_t cli_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	size_t *rows = malloc(3 * (m + 1) * sizeof(size_t));
	if (!rows)
		return (size_t)-1;
	size_t *two = rows, *one = rows + m + 1, *cur = rows + 2 * (m + 1);
	for (size_t j = 0; j <= m; j++)
		one[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t d = one[j - 1] + cost;
			if (one[j] + 1 < d)
				d = one[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    two[j - 2] + 1 < d)
				d = two[j - 2] + 1;
			cur[j] = d;
		}
		size_t *t = two;
		two = one;
		one = cur;
		cur = t;
	}
	size_t d = one[m];
	free(rows);
	return d;
}

const char *cli_nearest(const char *word, const char *const *names, size_t count)
{
	size_t len = strlen(word);
	/* a short word is one or two typos away from many names: ask for less */
	size_t best = len <= 3 ? 1 : len <= 8 ? 2 : 3;
	const char *found = NULL;
	for (size_t i = 0; i < count; i++) {
		size_t d = cli_edit_distance(word, names[i]);
		if (d > 0 && (d < best || (d == best && !found))) {
			best = d;
			found = names[i];
		}
	}
	return found;
}
