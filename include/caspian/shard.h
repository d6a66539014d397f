/*
 * caspian/shard.h - split a batch of series deterministically into N shards.
 *
 * Series are independent, so a batch run can be cut by series name and the
 * pieces run anywhere (one Slurm array task each, see docs/cluster.md).  The
 * series called NAME belongs to shard I of N when
 *
 *     caspian_shard_hash(NAME) % N == I
 *
 * so over I = 0..N-1 the shards are disjoint and cover every series.
 *
 * The hash is part of caspian's interface and never changes: the same name
 * lands in the same shard on every machine, platform and caspian version.  It
 * is the 64-bit FNV-1a hash of the name's bytes (as UTF-8; series names are
 * ASCII, see series.h) followed by the MurmurHash3 fmix64 finaliser, in
 * unsigned 64-bit arithmetic (all products modulo 2^64):
 *
 *     h = 0xcbf29ce484222325                       FNV-1a 64 offset basis
 *     for each byte b (0..255):  h = (h ^ b) * 0x100000001b3
 *     h ^= h >> 33;  h *= 0xff51afd7ed558ccd
 *     h ^= h >> 33;  h *= 0xc4ceb9fe1a85ec53
 *     h ^= h >> 33
 *
 * The finaliser is there because FNV-1a's low bits depend only on the low
 * bits of each byte: without it, names that differ in one letter such as
 * "x.A" and "x.Q" (0x41, 0x51) would always share a shard when N is 16.
 * Test vectors: tests/unit/test_shard.c and docs/cluster.md.
 */
#ifndef CASPIAN_SHARD_H
#define CASPIAN_SHARD_H

#include <stddef.h>
#include <stdint.h>

#include "caspian/error.h"
#include "caspian/series.h"

/*
 * Shard index of count.  count == 0 means "no sharding": every series
 * belongs (the value of a zero-initialised struct).
 */
struct caspian_shard {
	uint32_t index;
	uint32_t count;
};

/* caspian_shard_hash() - the hash above of the len bytes at name. */
uint64_t caspian_shard_hash(const char *name, size_t len);

/*
 * caspian_shard_parse() - read "I/N": decimal digits only (no sign, no
 * blanks), 1 <= N <= 4294967295 and 0 <= I < N.  Returns CASPIAN_OK and *out,
 * or CASPIAN_EINVAL with a message naming the text and what is wrong; *out is
 * untouched on error.
 */
int caspian_shard_parse(const char *text, struct caspian_shard *out,
			struct caspian_error *err);

/* caspian_shard_has() - 1 when the series called name is in shard sh, else 0. */
int caspian_shard_has(const struct caspian_shard *sh, const char *name);

/*
 * caspian_shard_select() - a new panel with the series of p that are in
 * shard sh, in p's order, with their values and metadata copied.  Returns
 * CASPIAN_OK and *out (the caller's to caspian_panel_free), or CASPIAN_ENOMEM.
 * An empty result is not an error: a shard may hold no series.
 */
int caspian_shard_select(const struct caspian_panel *p, const struct caspian_shard *sh,
			 struct caspian_panel **out, struct caspian_error *err);

#endif
