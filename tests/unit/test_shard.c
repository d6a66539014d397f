#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/error.h"
#include "caspian/series.h"
#include "caspian/shard.h"

/*
 * Expected hashes come from an independent implementation of the documented
 * function (FNV-1a 64, then the MurmurHash3 fmix64 finaliser), in Python:
 *
 *   python3 -c '
 *   M=2**64-1
 *   def h(b):
 *     x=0xcbf29ce484222325
 *     for c in b: x=((x^c)*0x100000001b3)&M
 *     x^=x>>33; x=(x*0xff51afd7ed558ccd)&M; x^=x>>33; x=(x*0xc4ceb9fe1a85ec53)&M; x^=x>>33
 *     return x
 *   for s in [b"", b"a", b"foobar", "экспорт".encode()]: print(s, hex(h(s)), h(s)%4, h(s)%7, h(s)%1000)'
 *
 * Before the finaliser, the FNV-1a 64 values of "", "a" and "foobar" are the
 * published ones: cbf29ce484222325, af63dc4c8601ec8c, 85944171f73967e8.
 */
struct vector {
	const char *bytes;
	uint64_t hash;
	unsigned mod4, mod7, mod1000;
};

static const struct vector vectors[] = {
	{"", UINT64_C(0xefd01f60ba992926), 2, 1, 342},
	{"a", UINT64_C(0x82a2a958a9bece5b), 3, 1, 315},
	{"foobar", UINT64_C(0x2c22194922d1672b), 3, 3, 275},
	{"trade.uz_az", UINT64_C(0x339e5444d4da9c16), 2, 3, 294},
	{"trade.UZB.AZE.hs27", UINT64_C(0x64ac70f59b84b4b1), 1, 5, 353},
	{"x.A", UINT64_C(0x1e5ad2bfc412c05b), 3, 0, 843},
	{"x.Q", UINT64_C(0xb158424705f50748), 0, 1, 896},
	{"a-b_c.d:e/f@g+h", UINT64_C(0x0735a8d6a1bcca43), 3, 4, 355},
	{"@", UINT64_C(0xfd3f23ee6732ac91), 1, 4, 969},
	{"+", UINT64_C(0x46d4a4d0b971a806), 2, 4, 966},
	/* UTF-8: "Oʻzbekiston", "экспорт", "貿易.出口" */
	{"O\xca\xbbzbekiston", UINT64_C(0x9a928001b34d8a0a), 2, 6, 818},
	{"\xd1\x8d\xd0\xba\xd1\x81\xd0\xbf\xd0\xbe\xd1\x80\xd1\x82", UINT64_C(0xde5825e5a8851a7a), 2, 1, 370},
	{"\xe8\xb2\xbf\xe6\x98\x93.\xe5\x87\xba\xe5\x8f\xa3", UINT64_C(0x66a1f09826289b0a), 2, 4, 658},
	/* Bytes >= 0x80 alone: where a signed char would go wrong. */
	{"\xff", UINT64_C(0x1bbd5c813c69a8d7), 3, 5, 295},
	{"\x80", UINT64_C(0xfde60e7528771881), 1, 1, 881},
};

static void test_shard_hash_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct vector *v = &vectors[i];
		uint64_t h = caspian_shard_hash(v->bytes, strlen(v->bytes));
		if (h != v->hash)
			fail_msg("vector %zu: hash %016llx, expected %016llx", i,
				 (unsigned long long)h, (unsigned long long)v->hash);
		assert_int_equal(h % 4, v->mod4);
		assert_int_equal(h % 7, v->mod7);
		assert_int_equal(h % 1000, v->mod1000);
	}
}

/* A name of the maximum length, 200 times "a": 0xbebd11d5f5610d0d (same script). */
static void test_shard_hash_long_name(void **state)
{
	(void)state;
	char name[CASPIAN_NAME_MAX + 1];
	memset(name, 'a', CASPIAN_NAME_MAX);
	name[CASPIAN_NAME_MAX] = '\0';
	assert_true(caspian_series_name_valid(name));
	assert_true(caspian_shard_hash(name, CASPIAN_NAME_MAX) == UINT64_C(0xbebd11d5f5610d0d));
}

/*
 * Every one-byte string: the XOR of their 256 hashes is 0x58243d5a7e2087c6
 *   (same h as above: x=0; for i in range(256): x ^= h(bytes([i])))
 * and the length, not a terminator, bounds the input: NUL is byte 0.
 */
static void test_shard_hash_every_byte(void **state)
{
	(void)state;
	uint64_t acc = 0;
	for (int i = 0; i < 256; i++) {
		char b = (char)(unsigned char)i;
		acc ^= caspian_shard_hash(&b, 1);
	}
	assert_true(acc == UINT64_C(0x58243d5a7e2087c6));
	assert_true(caspian_shard_hash("a\0b", 3) != caspian_shard_hash("a", 1));
}

/*
 * Valid names full of the odd characters a name may hold: "n" followed by
 * the base-11 digits of k (least significant first) written with the
 * alphabet "aZ09._-:/@+".  k = 0..19999 gives 20000 distinct names.
 */
enum { ODD_NAMES = 20000 };
static const char odd_alphabet[] = "aZ09._-:/@+";

static void odd_name(unsigned k, char *out)
{
	size_t n = 0;
	out[n++] = 'n';
	do {
		out[n++] = odd_alphabet[k % 11];
		k /= 11;
	} while (k);
	out[n] = '\0';
}

/*
 * The 20000 odd names pin the function over many inputs: XOR of their hashes
 * 0xee51848aad6621e1; shard sizes for N = 4: 4911 5051 5036 5002.
 *   python3: alpha=b"aZ09._-:/@+"; names "n"+digits as above; x ^= h(name);
 *            c[h(name) % 4] += 1
 */
static void test_shard_odd_names_pinned(void **state)
{
	(void)state;
	char name[32];
	uint64_t acc = 0;
	size_t count[4] = {0};
	struct caspian_shard sh = {0, 4};
	odd_name(12, name);
	assert_string_equal(name, "nZZ");
	odd_name(19999, name);
	assert_string_equal(name, "nZ9a.Z");
	for (unsigned k = 0; k < ODD_NAMES; k++) {
		odd_name(k, name);
		assert_true(caspian_series_name_valid(name));
		acc ^= caspian_shard_hash(name, strlen(name));
		for (sh.index = 0; sh.index < 4; sh.index++)
			count[sh.index] += (size_t)caspian_shard_has(&sh, name);
	}
	assert_true(acc == UINT64_C(0xee51848aad6621e1));
	assert_int_equal(count[0], 4911);
	assert_int_equal(count[1], 5051);
	assert_int_equal(count[2], 5036);
	assert_int_equal(count[3], 5002);
}

/* Each name is in exactly one of the N shards, for many N. */
static void test_shard_disjoint_and_covering(void **state)
{
	(void)state;
	static const uint32_t ns[] = {1, 2, 3, 4, 7, 16, 64, 1000, 4294967295u};
	char name[32];
	for (size_t j = 0; j < sizeof(ns) / sizeof(ns[0]); j++) {
		uint32_t n = ns[j];
		for (unsigned k = 0; k < ODD_NAMES; k += (n > 64 ? 97 : 1)) {
			odd_name(k, name);
			uint32_t home = (uint32_t)(caspian_shard_hash(name, strlen(name)) % n);
			/* Check every shard for small N; for large N a spread of them. */
			size_t members = 0;
			uint32_t step = n <= 64 ? 1 : n / 61;
			for (uint64_t i = 0; i < n; i += step) {
				struct caspian_shard sh = {(uint32_t)i, n};
				members += (size_t)caspian_shard_has(&sh, name);
			}
			struct caspian_shard mine = {home, n};
			assert_true(caspian_shard_has(&mine, name));
			if (n <= 64)
				assert_int_equal(members, 1);
			else
				assert_true(members <= 1);
		}
	}
}

/*
 * Balance: the shard sizes of the 20000 odd names pass a chi-square test of
 * uniformity at the 0.1% level.  Critical values from R:
 *   qchisq(0.999, c(3, 15, 63)) = 16.266236 37.697298 103.442377
 */
static void test_shard_balance(void **state)
{
	(void)state;
	static const struct {
		uint32_t n;
		double critical;
	} cases[] = {{4, 16.266236}, {16, 37.697298}, {64, 103.442377}};
	char name[32];
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		uint32_t n = cases[c].n;
		size_t count[64] = {0};
		for (unsigned k = 0; k < ODD_NAMES; k++) {
			odd_name(k, name);
			count[caspian_shard_hash(name, strlen(name)) % n]++;
		}
		double expect = (double)ODD_NAMES / n, chi2 = 0;
		for (uint32_t i = 0; i < n; i++)
			chi2 += (count[i] - expect) * (count[i] - expect) / expect;
		if (!(chi2 < cases[c].critical))
			fail_msg("N=%u: chi-square %g exceeds %g", n, chi2, cases[c].critical);
	}
}

/*
 * Names one letter apart in a bit above the fourth (A 0x41, Q 0x51, a 0x61,
 * q 0x71) would share a shard of 16 under plain FNV-1a; the finaliser
 * separates them (vectors above: x.A -> 0x...5b % 16 = 11, x.Q -> 0x...48 % 16 = 8).
 */
static void test_shard_low_bits_mixed(void **state)
{
	(void)state;
	static const char *const names[] = {"x.A", "x.Q", "x.a", "x.q"};
	unsigned seen = 0;
	for (size_t i = 0; i < 4; i++)
		seen |= 1u << (caspian_shard_hash(names[i], 3) % 16);
	assert_true(seen != (seen & -seen)); /* more than one shard */
	assert_int_equal(caspian_shard_hash("x.A", 3) % 16, 11);
	assert_int_equal(caspian_shard_hash("x.Q", 3) % 16, 8);
}

static void test_shard_parse_valid(void **state)
{
	(void)state;
	struct caspian_error err;
	struct caspian_shard sh;
	caspian_error_init(&err);
	assert_int_equal(caspian_shard_parse("0/1", &sh, &err), CASPIAN_OK);
	assert_int_equal(sh.index, 0);
	assert_int_equal(sh.count, 1);
	assert_int_equal(caspian_shard_parse("3/4", &sh, &err), CASPIAN_OK);
	assert_int_equal(sh.index, 3);
	assert_int_equal(sh.count, 4);
	assert_int_equal(caspian_shard_parse("007/010", &sh, &err), CASPIAN_OK);
	assert_int_equal(sh.index, 7);
	assert_int_equal(sh.count, 10);
	assert_int_equal(caspian_shard_parse("4294967294/4294967295", &sh, &err), CASPIAN_OK);
	assert_int_equal(sh.index, 4294967294u);
	assert_int_equal(sh.count, 4294967295u);
	assert_int_equal(err.code, CASPIAN_OK);
}

static void test_shard_parse_rejects(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *words; /* part of the message */
	} bad[] = {
		{"", "is not I/N"},         {"3", "is not I/N"},
		{"/4", "is not I/N"},       {"1/", "is not I/N"},
		{"-1/4", "is not I/N"},     {"+1/4", "is not I/N"},
		{" 1/4", "is not I/N"},     {"1/4 ", "is not I/N"},
		{"1/4/5", "is not I/N"},    {"a/b", "is not I/N"},
		{"1.0/4", "is not I/N"},    {"0x1/4", "is not I/N"},
		{"0/4294967296", "is not I/N"},
		{"1/0", "must be at least 1"}, {"0/0", "must be at least 1"},
		{"4/4", "numbered 0 to 3"},    {"9/4", "I must be less than N"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct caspian_error err;
		struct caspian_shard sh = {77, 88};
		caspian_error_init(&err);
		if (caspian_shard_parse(bad[i].text, &sh, &err) != CASPIAN_EINVAL)
			fail_msg("'%s' was accepted", bad[i].text);
		assert_int_equal(err.code, CASPIAN_EINVAL);
		if (!strstr(err.msg, bad[i].words) || !strstr(err.msg, bad[i].text))
			fail_msg("'%s': message \"%s\" lacks \"%s\"", bad[i].text, err.msg,
				 bad[i].words);
		assert_int_equal(sh.index, 77); /* untouched */
		assert_int_equal(sh.count, 88);
	}
}

/* count == 0 (a zeroed struct) means no sharding; 0/1 holds everything too. */
static void test_shard_none_and_one(void **state)
{
	(void)state;
	struct caspian_shard none = {0, 0}, one = {0, 1};
	char name[32];
	for (unsigned k = 0; k < 1000; k++) {
		odd_name(k, name);
		assert_true(caspian_shard_has(&none, name));
		assert_true(caspian_shard_has(&one, name));
	}
}

static struct caspian_panel *make_panel(size_t count)
{
	struct caspian_panel *p = caspian_panel_alloc();
	char name[32];
	assert_non_null(p);
	for (size_t k = 0; k < count; k++) {
		size_t idx;
		odd_name((unsigned)k * 7, name);
		assert_int_equal(caspian_panel_add_empty(p, name, CASPIAN_FREQ_ANNUAL,
							 2000 + (long)k, k % 5 + 1, &idx, NULL),
				 CASPIAN_OK);
		for (size_t j = 0; j < p->series[idx].n; j++)
			p->series[idx].values[j] = 2.385 * (double)(k + 1) + (double)j;
		assert_int_equal(caspian_series_set_meta(&p->series[idx], "t", "src", "note", NULL),
				 CASPIAN_OK);
	}
	caspian_panel_sort(p);
	return p;
}

/* The shards of a panel partition it, each keeping the panel's order and
 * every value and metadata field. */
static void test_shard_select_partitions_panel(void **state)
{
	(void)state;
	struct caspian_panel *p = make_panel(300);
	size_t *seen = calloc(p->count, sizeof(size_t));
	assert_non_null(seen);
	for (uint32_t i = 0; i < 3; i++) {
		struct caspian_shard sh = {i, 3};
		struct caspian_panel *q = NULL;
		assert_int_equal(caspian_shard_select(p, &sh, &q, NULL), CASPIAN_OK);
		assert_true(q->count > 50 && q->count < 150);
		for (size_t k = 0; k < q->count; k++) {
			const struct caspian_series *s = &q->series[k];
			long at = caspian_panel_find(p, s->name);
			assert_true(at >= 0);
			const struct caspian_series *o = &p->series[at];
			assert_true(caspian_shard_has(&sh, s->name));
			if (k > 0)
				assert_true(strcmp(q->series[k - 1].name, s->name) < 0);
			assert_int_equal(s->start, o->start);
			assert_int_equal(s->n, o->n);
			assert_memory_equal(s->values, o->values, s->n * sizeof(double));
			assert_string_equal(s->unit, "t");
			assert_string_equal(s->note, "note");
			seen[at]++;
		}
		caspian_panel_free(q);
	}
	for (size_t k = 0; k < p->count; k++)
		assert_int_equal(seen[k], 1);
	free(seen);
	caspian_panel_free(p);
}

static void test_shard_select_empty(void **state)
{
	(void)state;
	struct caspian_panel *p = caspian_panel_alloc(), *q = NULL;
	struct caspian_shard sh = {1, 2};
	assert_non_null(p);
	assert_int_equal(caspian_shard_select(p, &sh, &q, NULL), CASPIAN_OK);
	assert_int_equal(q->count, 0);
	caspian_panel_free(q);
	caspian_panel_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shard_hash_vectors),
		cmocka_unit_test(test_shard_hash_long_name),
		cmocka_unit_test(test_shard_hash_every_byte),
		cmocka_unit_test(test_shard_odd_names_pinned),
		cmocka_unit_test(test_shard_disjoint_and_covering),
		cmocka_unit_test(test_shard_balance),
		cmocka_unit_test(test_shard_low_bits_mixed),
		cmocka_unit_test(test_shard_parse_valid),
		cmocka_unit_test(test_shard_parse_rejects),
		cmocka_unit_test(test_shard_none_and_one),
		cmocka_unit_test(test_shard_select_partitions_panel),
		cmocka_unit_test(test_shard_select_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
