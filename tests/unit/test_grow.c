/*
 * cx_grow: the room a buffer makes as it fills.  Expected capacities are
 * the doubling worked by hand from the starting room.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "grow.h"

static void test_grow_starts_from_first_and_doubles(void **state)
{
	(void)state;
	size_t cap = 0;
	int *a = cx_grow(NULL, &cap, 1, sizeof(int), 16);
	assert_non_null(a);
	assert_int_equal(cap, 16);
	for (int i = 0; i < 16; i++)
		a[i] = i;
	/* 17 items need 16 -> 32; 100 need 32 -> 64 -> 128 */
	a = cx_grow(a, &cap, 17, sizeof(int), 16);
	assert_non_null(a);
	assert_int_equal(cap, 32);
	a = cx_grow(a, &cap, 100, sizeof(int), 16);
	assert_non_null(a);
	assert_int_equal(cap, 128);
	for (int i = 0; i < 16; i++)
		assert_int_equal(a[i], i); /* the contents move with the array */
	free(a);
}

static void test_grow_leaves_enough_room_alone(void **state)
{
	(void)state;
	size_t cap = 0;
	char *b = cx_grow(NULL, &cap, 300, 1, 256); /* 256 -> 512 */
	assert_non_null(b);
	assert_int_equal(cap, 512);
	assert_ptr_equal(cx_grow(b, &cap, 512, 1, 256), b);
	assert_int_equal(cap, 512);
	free(b);
}

static void test_grow_gives_an_array_for_nothing(void **state)
{
	(void)state;
	size_t cap = 0;
	void *p = cx_grow(NULL, &cap, 0, 8, 0); /* an array that must exist does */
	assert_non_null(p);
	assert_int_equal(cap, 1);
	free(p);
}

static void test_grow_refuses_sizes_that_overflow(void **state)
{
	(void)state;
	size_t cap = 4;
	char *b = malloc(4);
	assert_non_null(b);
	memcpy(b, "abc", 4);
	/* the room would pass SIZE_MAX while doubling */
	assert_null(cx_grow(b, &cap, SIZE_MAX, 1, 16));
	assert_int_equal(cap, 4);
	/* the room fits a size_t but room * elem does not */
	assert_null(cx_grow(b, &cap, SIZE_MAX / 8 + 1, 16, 16));
	assert_int_equal(cap, 4);
	assert_string_equal(b, "abc"); /* the old buffer is untouched and still the caller's */
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_starts_from_first_and_doubles),
		cmocka_unit_test(test_grow_leaves_enough_room_alone),
		cmocka_unit_test(test_grow_gives_an_array_for_nothing),
		cmocka_unit_test(test_grow_refuses_sizes_that_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
