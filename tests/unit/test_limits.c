/*
 * The documented limits of ingest (include/caspian/ingest.h): each one is
 * refused with CASPIAN_ELIMIT or CASPIAN_EPARSE at the offending line and
 * field, the same way whichever reader reads the row and however the input
 * is cut into blocks, and the limit itself is accepted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/ingest.h"
#include "ingest_internal.h"

struct limit_case {
	const char *name;
	const char *csv;
	enum caspian_layout layout;
	size_t max_series;  /* 0 = default */
	int code;           /* CASPIAN_OK when the input is accepted */
	long line, col;
	const char *msg;    /* a substring of err.msg */
};

#define LONG CASPIAN_LAYOUT_LONG
#define WIDE CASPIAN_LAYOUT_WIDE

static const struct limit_case cases[] = {
	{"series_at_limit", "series,period,value\na,2017,1\nb,2017,2\nc,2017,3\n", LONG, 3,
	 CASPIAN_OK, 0, 0, NULL},
	{"series_over_limit", "series,period,value\na,2017,1\nb,2017,2\na,2018,1\nc,2017,3\nd,2017,4\n",
	 LONG, 3, CASPIAN_ELIMIT, 6, 1,
	 "series \"d\" would be series number 4, over the limit of 3 in one input"},
	{"wide_series_at_limit", "period,a,b\n2017,1,2\n", WIDE, 2, CASPIAN_OK, 0, 0, NULL},
	/* the header is refused at its column max_series + 2, before any series */
	{"wide_header_over_limit", "period,a,b,c\n2017,1,2,3\n", WIDE, 2, CASPIAN_ELIMIT, 1, 4,
	 "the header has more than 3 columns, over the limit"},
	{"wide_series_over_limit", "period,a,b\n2017,1,2\n", WIDE, 1, CASPIAN_ELIMIT, 1, 3,
	 "the header has more than 2 columns"},
	/* one surplus field is refused as soon as it is read, whatever follows */
	{"surplus_field", "series,period,value\na,2017,1,x,y,z\n", LONG, 0, CASPIAN_EPARSE, 2, 4,
	 "row has more than 3 fields but the header has 3"},
	{"surplus_empty_fields", "series,period,value\na,2017,1\n,,,,,,\n", LONG, 0, CASPIAN_EPARSE,
	 3, 4, "row has more than 3 fields"},
	{"surplus_then_quote", "series,period,value\na,2017,1,2,\"q\"\n", LONG, 0, CASPIAN_EPARSE, 2,
	 4, "row has more than 3 fields"},
	{"blank_row_as_wide_as_header", "series,period,value\na,2017,1\n,,\n", LONG, 0, CASPIAN_OK,
	 0, 0, NULL},
};

static void expect(const struct limit_case *c, int rc, const struct caspian_error *err,
		   struct caspian_panel *p, const char *how)
{
	if (rc != c->code)
		fail_msg("%s (%s): status %d, expected %d (%s)", c->name, how, rc, c->code, err->msg);
	if (c->code == CASPIAN_OK) {
		assert_non_null(p);
		caspian_panel_free(p);
		return;
	}
	assert_null(p);
	if (err->line != c->line || err->col != c->col)
		fail_msg("%s (%s): error at %ld:%ld, expected %ld:%ld (%s)", c->name, how, err->line,
			 err->col, c->line, c->col, err->msg);
	if (!strstr(err->msg, c->msg))
		fail_msg("%s (%s): message \"%s\" lacks \"%s\"", c->name, how, err->msg, c->msg);
}

/* Every case in one block, in blocks of 1 to len bytes, and through libcsv only. */
static void test_limits_same_answer_for_every_reader_and_block(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct limit_case *c = &cases[i];
		struct caspian_ingest_opts o;
		caspian_ingest_opts_init(&o);
		o.layout = c->layout;
		o.max_series = c->max_series;
		size_t len = strlen(c->csv);
		for (size_t chunk = 0; chunk <= len; chunk++) {
			for (int reader = CX_READ_ALL; reader <= CX_READ_SPLIT; reader++) {
				static const char *const rname[] = {"", ", libcsv", ", splitter"};
				struct caspian_panel *p = NULL;
				struct caspian_error err;
				char how[64];
				caspian_error_init(&err);
				int rc = cx_ingest_chunked(c->csv, len, chunk, reader, &o, &p, &err);
				snprintf(how, sizeof(how), "blocks of %zu%s", chunk, rname[reader]);
				expect(c, rc, &err, p, how);
			}
		}
	}
}

static void test_limits_defaults(void **state)
{
	(void)state;
	struct caspian_ingest_opts o;
	caspian_ingest_opts_init(&o);
	assert_int_equal(o.max_field, 65536);
	assert_int_equal(o.max_span, 10000000);
	assert_int_equal(o.max_series, 1000000);
}

/*
 * A line of 4 MB of commas after the header is refused at its fourth field
 * and never held: the carried row stops growing there.  (Before the rule it
 * took 32 bytes of field table per comma.)
 */
static void test_limits_endless_row_is_refused_early(void **state)
{
	(void)state;
	const char head[] = "series,period,value\na,2017,1\n";
	size_t n = 4u << 20;
	char *csv = malloc(sizeof(head) - 1 + n);
	assert_non_null(csv);
	memcpy(csv, head, sizeof(head) - 1);
	memset(csv + sizeof(head) - 1, ',', n);
	for (size_t chunk = 1000; chunk <= 64000; chunk *= 8) {
		struct caspian_panel *p = NULL;
		struct caspian_error err;
		caspian_error_init(&err);
		assert_int_equal(cx_ingest_chunked(csv, sizeof(head) - 1 + n, chunk, 0, NULL, &p, &err),
				 CASPIAN_EPARSE);
		assert_int_equal(err.line, 3);
		assert_int_equal(err.col, 4);
		assert_non_null(strstr(err.msg, "row has more than 3 fields"));
	}
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits_same_answer_for_every_reader_and_block),
		cmocka_unit_test(test_limits_defaults),
		cmocka_unit_test(test_limits_endless_row_is_refused_early),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
