#include "caspian/shard.h"

#include <string.h>

uint64_t caspian_shard_hash(const char *name, size_t len)
{
	/* Bytes are read as unsigned char: a signed char would sign-extend bytes
	 * >= 0x80 and give platform-dependent shards. */
	const unsigned char *b = (const unsigned char *)name;
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (size_t i = 0; i < len; i++) {
		h ^= b[i];
		h *= UINT64_C(0x100000001b3);
	}
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

/* Digits from *p up to stop; 0 on success, -1 when empty, not digits or too large. */
static int parse_u32(const char **p, char stop, uint32_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	if (*s == stop)
		return -1;
	for (; *s != stop; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return -1;
	}
	*out = (uint32_t)v;
	*p = s;
	return 0;
}

int caspian_shard_parse(const char *text, struct caspian_shard *out,
			struct caspian_error *err)
{
	const char *p = text;
	uint32_t i, n;
	if (!text || !strchr(text, '/') || parse_u32(&p, '/', &i) || (p++, parse_u32(&p, '\0', &n)))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "shard '%s' is not I/N: two whole numbers 0 <= I < N "
					 "(at most 4294967295), e.g. 0/4",
					 text ? text : "(null)");
	if (n == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "shard '%s': the number of shards N must be at least 1",
					 text);
	if (i >= n)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "shard '%s': I must be less than N (the shards of %lu "
					 "are numbered 0 to %lu)",
					 text, (unsigned long)n, (unsigned long)n - 1);
	out->index = i;
	out->count = n;
	return CASPIAN_OK;
}

int caspian_shard_has(const struct caspian_shard *sh, const char *name)
{
	if (sh->count == 0)
		return 1;
	return caspian_shard_hash(name, strlen(name)) % sh->count == sh->index;
}

int caspian_shard_select(const struct caspian_panel *p, const struct caspian_shard *sh,
			 struct caspian_panel **out, struct caspian_error *err)
{
	struct caspian_panel *q = caspian_panel_alloc();
	if (!q)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; i < p->count; i++) {
		if (!caspian_shard_has(sh, p->series[i].name))
			continue;
		int rc = caspian_panel_add(q, &p->series[i], err);
		if (rc) {
			caspian_panel_free(q);
			return rc;
		}
	}
	*out = q;
	return CASPIAN_OK;
}
