#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert_close.h"
#include "caspian/claims.h"

#define HEADER "id,kind,subject,part_of,from,to,qualifier,value,value_high,unit,rounding,sentence\n"

static struct caspian_claims *parse_ok(const char *text)
{
	struct caspian_claims *c = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	int rc = caspian_claims_parse(text, strlen(text), "t.csv", &c, &err);
	if (rc) {
		char buf[1024];
		fail_msg("parse failed: %s", caspian_error_format(&err, buf, sizeof(buf)));
	}
	return c;
}

/* Ends compared with a relative tolerance of 1e-15: they are stepped outward by an ulp. */
static void assert_stated(const struct caspian_claim *c, double lo, int lo_open, double hi,
			  int hi_open)
{
	assert_close(c->stated.lo, lo, 1e-15, 0);
	assert_close(c->stated.hi, hi, 1e-15, 0);
	assert_int_equal(c->stated.lo_open, lo_open);
	assert_int_equal(c->stated.hi_open, hi_open);
}

/* ------------------------------------------------------------------------
 * Stated precision, the rules of docs/claims.md worked by hand.
 */

static void test_claims_every_qualifier(void **state)
{
	(void)state;
	struct caspian_claims *c = parse_ok(
		HEADER
		"a,fold,t,,2017,2025,,9.5,,fold,,s\n"               /* [9.45, 9.55) */
		"b,level,t,,,2017,exact,32.4,,USD million,,s\n"     /* [32.35, 32.45) */
		"c,level,t,,,2025,more_than,300,,USD million,,s\n"  /* (300, inf) */
		"d,level,t,,,2025,at_least,300,,USD million,,s\n"   /* [300, inf) */
		"e,level,t,,,2025,less_than,300,,USD million,,s\n"  /* (-inf, 300) */
		"f,level,t,,,2025,at_most,300,,USD million,,s\n"    /* (-inf, 300] */
		"g,cagr,t,,2017,2025,range,32,34,percent,,s\n"      /* [0.32, 0.34] */
		"h,level,t,,,2026,about,280,,firms,,s\n"            /* [275, 285): last nonzero digit is 8 */
		"i,level,t,,,2026,about,200,,visits,,s\n"           /* [150, 250) */
		"j,level,t,,,2026,about,2.5,,visits,,s\n"           /* [2.45, 2.55): as exact */
		"k,fold,t,,2017,2025,,8,,,,s\n"                     /* eightfold: [7.5, 8.5), unit empty */
		"l,level,t,,,2017,,-9.5,,USD million,,s\n");        /* half away from zero: (-9.55, -9.45] */
	assert_int_equal(c->count, 12);
	assert_stated(&c->items[0], 9.45, 0, 9.55, 1);
	assert_close(c->items[0].point, 9.5, 0, 0);
	assert_stated(&c->items[1], 32.35, 0, 32.45, 1);
	assert_stated(&c->items[2], 300, 1, INFINITY, 1);
	assert_true(isnan(c->items[2].point));
	assert_stated(&c->items[3], 300, 0, INFINITY, 1);
	assert_stated(&c->items[4], -INFINITY, 1, 300, 1);
	assert_stated(&c->items[5], -INFINITY, 1, 300, 0);
	assert_stated(&c->items[6], 0.32, 0, 0.34, 0);
	assert_true(isnan(c->items[6].point));
	assert_stated(&c->items[7], 275, 0, 285, 1);
	assert_stated(&c->items[8], 150, 0, 250, 1);
	assert_stated(&c->items[9], 2.45, 0, 2.55, 1);
	assert_stated(&c->items[10], 7.5, 0, 8.5, 1);
	assert_string_equal(c->items[10].unit, "fold");
	assert_stated(&c->items[11], -9.55, 1, -9.45, 0);
	/* integers in binary need no outward step: 300, 7.5, 8.5 are exact */
	assert_true(c->items[2].stated.lo == 300 && c->items[10].stated.lo == 7.5 &&
		    c->items[10].stated.hi == 8.5);
	/* 9.45 is not a double: the low end lies at or below it */
	assert_true(c->items[0].stated.lo <= 9.45 && c->items[0].stated.hi >= 9.55);
	caspian_claims_free(c);
}

static void test_claims_rounding_column(void **state)
{
	(void)state;
	struct caspian_claims *c = parse_ok(
		HEADER
		"a,level,t,,,2023-02,,500,,USD million,none,s\n"   /* exactly 500 */
		"b,level,t,,,2023-02,,500,,USD million,100,s\n"    /* rounded to hundreds: [450, 550) */
		"c,cagr,t,,2017,2025,range,32,34,percent,1,s\n"    /* ends rounded to 1 point: [31.5%, 34.5%) */
		"d,rate,t,,,2026,,14,,flights/week,none,s\n"       /* 14 exactly */
		"e,level,t,,,2017,,1.5e3,,tonnes,,s\n"             /* exponent: unit 100, [1450, 1550) */
		"f,level,t,,,2017,about,0.050,,tonnes,,s\n");      /* 0.05: [0.045, 0.055) */
	assert_stated(&c->items[0], 500, 0, 500, 0);
	assert_stated(&c->items[1], 450, 0, 550, 1);
	assert_stated(&c->items[2], 0.315, 0, 0.345, 1);
	assert_stated(&c->items[3], 14, 0, 14, 0);
	assert_close(c->items[3].per_year, 365.2425 / 7, 1e-15, 0);
	assert_stated(&c->items[4], 1450, 0, 1550, 1);
	assert_stated(&c->items[5], 0.045, 0, 0.055, 1);
	assert_int_equal(c->items[0].freq, CASPIAN_FREQ_MONTHLY);
	caspian_claims_free(c);
}

static void test_claims_every_kind(void **state)
{
	(void)state;
	struct caspian_claims *c = parse_ok(
		HEADER
		"lv,level,trade.uz_az,,,2017,,32.4,,USD million,,s\n"
		"ct,count,visits,,,,more_than,130,,delegations,,s\n"      /* whole: [131, inf) */
		"fd,fold,cargo,,,,,2.1,,fold,,s\n"                       /* no period is allowed */
		"pc,pct_change,t,,2017,2025,,850,,percent,,s\n"           /* [8.495, 8.505) */
		"cg,cagr,t,,2017,2025,,32.5,,percent,,s\n"
		"av,avg_growth,t,,2017,2025,range,32,34,percent,,s\n"
		"sh,share,t.part,t,,2025,more_than,50,,percent,,s\n"      /* (0.5, 1]: clipped */
		"rt,rate,flights,,,2026,,14,,flights/week,,s\n"
		"ab,count,firms,,,2026,about,280,,enterprises,,s\n");     /* [275, 284] */
	static const enum caspian_claim_kind kinds[] = {
		CASPIAN_CLAIM_LEVEL,      CASPIAN_CLAIM_COUNT, CASPIAN_CLAIM_FOLD,
		CASPIAN_CLAIM_PCT_CHANGE, CASPIAN_CLAIM_CAGR,  CASPIAN_CLAIM_AVG_GROWTH,
		CASPIAN_CLAIM_SHARE,      CASPIAN_CLAIM_RATE,  CASPIAN_CLAIM_COUNT,
	};
	assert_int_equal(c->count, 9);
	for (size_t i = 0; i < c->count; i++)
		assert_int_equal(c->items[i].kind, kinds[i]);
	assert_stated(&c->items[1], 131, 0, INFINITY, 1);
	assert_false(c->items[2].has_from || c->items[2].has_to);
	assert_stated(&c->items[3], 8.495, 0, 8.505, 1);
	assert_stated(&c->items[4], 0.3245, 0, 0.3255, 1);
	assert_stated(&c->items[6], 0.5, 1, 1, 0);
	assert_string_equal(c->items[6].part_of, "t");
	assert_stated(&c->items[7], 13.5, 0, 14.5, 1);
	assert_stated(&c->items[8], 275, 0, 284, 0);
	assert_close(c->items[8].point, 280, 0, 0);
	assert_int_equal(c->items[3].from, 2017);
	assert_int_equal(c->items[3].to, 2025);
	assert_int_equal(c->items[0].line, 2);
	assert_int_equal(c->items[8].line, 10);
	assert_true(caspian_claims_find(c, "sh") == 6);
	assert_true(caspian_claims_find(c, "nope") == -1);
	caspian_claims_free(c);
}

static void test_claims_quoting_columns_order_and_bom(void **state)
{
	(void)state;
	/* columns in another order, optional ones left out, quoted fields with commas,
	   quotes and a line break, CRLF line ends, a byte order mark and a blank row */
	const char *text = "\xEF\xBB\xBF"
			   "sentence,value,unit,kind,id,subject,to,note\r\n"
			   "\"He said \"\"9.5-fold\"\", from 32.4,\nto 300.\",9.5,,fold,x,t,,n\r\n"
			   ",,,,,,,\r\n"
			   "s,32.4,USD million,level,y,t,2017,\r\n";
	struct caspian_claims *c = parse_ok(text);
	assert_int_equal(c->count, 2);
	assert_string_equal(c->items[0].sentence, "He said \"9.5-fold\", from 32.4,\nto 300.");
	assert_string_equal(c->items[0].note, "n");
	assert_string_equal(c->items[1].part_of, "");
	assert_int_equal(c->items[1].qualifier, CASPIAN_QUAL_EXACT);
	assert_int_equal(c->items[1].line, 5); /* the quoted field spans lines 2 and 3 */
	assert_string_equal(c->input, "t.csv");
	caspian_claims_free(c);
}

static void test_claims_header_only_is_empty(void **state)
{
	(void)state;
	struct caspian_claims *c = parse_ok(HEADER);
	assert_int_equal(c->count, 0);
	caspian_claims_free(c);
}

/* ------------------------------------------------------------------------
 * Every error, with the position of the offending field: its line and its
 * number in the row.  With the header above: 1 id, 2 kind, 3 subject,
 * 4 part_of, 5 from, 6 to, 7 qualifier, 8 value, 9 value_high, 10 unit,
 * 11 rounding, 12 sentence.
 */

struct bad {
	const char *text;
	int code;
	long line, col;
	const char *words; /* a piece of the message */
};

#define ROW(...) HEADER __VA_ARGS__

static const struct bad bad[] = {
	{"", CASPIAN_EPARSE, 1, 1, "empty input"},
	{"id,kind,subject,value,unit,sentence,colour\n", CASPIAN_EPARSE, 1, 7, "unknown column 'colour'"},
	{"id,kind,subject,value,unit,sentence,kind\n", CASPIAN_EPARSE, 1, 7, "appears twice"},
	{"id,kind,subject,value,sentence\n", CASPIAN_EPARSE, 1, 1, "required column 'unit'"},
	/* header: 12 fields; the 13th field of row 2 starts at column 23 */
	{ROW("a,fold,t,,,,,2,,fold,,s,extra\n"), CASPIAN_EPARSE, 2, 13, "13 fields, the header 12"},
	{ROW("a,fold,t\n"), CASPIAN_EPARSE, 2, 1, "3 fields"},
	{ROW("a b,fold,t,,,,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 1, "id 'a b'"},
	{ROW("a,fold,t,,,,,2,,fold,,s\nb,fold,t,,,,,2,,fold,,s\na,fold,t,,,,,2,,fold,,s\n"),
	 CASPIAN_EPARSE, 4, 1, "already used on line 2"},
	{ROW("a,folds,t,,,,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 2, "unknown kind 'folds'"},
	{ROW("a,fold,t x,,,,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 3, "subject 't x'"},
	{ROW("a,fold,t,w w,,,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 4, "part_of 'w w'"},
	{ROW("a,fold,t,t,,,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 4, "part of itself"},
	{ROW("a,share,t,,,2025,,50,,percent,,s\n"), CASPIAN_EPARSE, 2, 4, "names the whole in part_of"},
	{ROW("a,fold,t,,,,roughly,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 7, "unknown qualifier 'roughly'"},
	{ROW("a,fold,t,,2017,2025Q5,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 6, "to '2025Q5' is not a period"},
	{ROW("a,fold,t,,17,2025,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 5, "from '17' is not a period"},
	{ROW("a,level,t,,2017,,,2,,USD,,s\n"), CASPIAN_EPARSE, 2, 6, "so 'to' is needed"},
	{ROW("a,fold,t,,2017,2025-03,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 6, "same form"},
	{ROW("a,cagr,t,,,2025,,2,,percent,,s\n"), CASPIAN_EPARSE, 2, 5, "needs 'from' and 'to'"},
	{ROW("a,fold,t,,,2025,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 5, "give both 'from' and 'to'"},
	{ROW("a,fold,t,,2025,2017,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 6, "must come after"},
	{ROW("a,fold,t,,2025,2025,,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 6, "must come after"},
	{ROW("a,fold,t,,,,,9.5x,,fold,,s\n"), CASPIAN_EPARSE, 2, 8, "'9.5x' is not a decimal"},
	{ROW("a,fold,t,,,,,\"1,5\",,fold,,s\n"), CASPIAN_EPARSE, 2, 8, "'1,5' is not a decimal"},
	{ROW("a,fold,t,,,,,.5,,fold,,s\n"), CASPIAN_EPARSE, 2, 8, "'.5' is not a decimal"},
	{ROW("a,fold,t,,,,,123456789012345678,,fold,,s\n"), CASPIAN_ELIMIT, 2, 8, "17 significant"},
	{ROW("a,fold,t,,,,,2,3,fold,,s\n"), CASPIAN_EPARSE, 2, 9, "only for the qualifier range"},
	{ROW("a,fold,t,,,,range,2,,fold,,s\n"), CASPIAN_EPARSE, 2, 9, "needs value_high"},
	{ROW("a,fold,t,,,,range,3,2,fold,,s\n"), CASPIAN_EPARSE, 2, 9, "must be above the low end"},
	{ROW("a,fold,t,,,,range,3,x,fold,,s\n"), CASPIAN_EPARSE, 2, 9, "value_high 'x'"},
	{ROW("a,fold,t,,,,,2,,fold,ten,s\n"), CASPIAN_EPARSE, 2, 11, "rounding 'ten'"},
	{ROW("a,fold,t,,,,,2,,fold,0,s\n"), CASPIAN_EPARSE, 2, 11, "positive number or 'none'"},
	{ROW("a,fold,t,,,,more_than,2,,fold,1,s\n"), CASPIAN_EPARSE, 2, 11, "does not apply"},
	{ROW("a,count,t,,,,,2.5,,visits,,s\n"), CASPIAN_EPARSE, 2, 8, "whole number, not '2.5'"},
	{ROW("a,count,t,,,,range,2,3.5,visits,,s\n"), CASPIAN_EPARSE, 2, 9, "whole number, not '3.5'"},
	{ROW("a,cagr,t,,2017,2025,,32,,%,,s\n"), CASPIAN_EPARSE, 2, 10, "must be 'percent'"},
	{ROW("a,fold,t,,,,,2,,times,,s\n"), CASPIAN_EPARSE, 2, 10, "'fold' or empty"},
	{ROW("a,level,t,,,2017,,2,,,,s\n"), CASPIAN_EPARSE, 2, 10, "needs a unit"},
	{ROW("a,rate,t,,,2017,,14,,flights per week,,s\n"), CASPIAN_EPARSE, 2, 10, "ends in /day"},
	{ROW("a,rate,t,,,2017,,14,,/week,,s\n"), CASPIAN_EPARSE, 2, 10, "ends in /day"},
	{ROW("a,fold,t,,,,,2,,fold,,\n"), CASPIAN_EPARSE, 2, 12, "quotes the sentence"},
	{ROW("a,share,p,w,,2025,,120,,percent,,s\n"), CASPIAN_EPARSE, 2, 8, "between 0 and 100"},
	{ROW("a,fold,t,,,,,-2,,fold,,s\n"), CASPIAN_EPARSE, 2, 8, "fold cannot be negative"},
	{ROW("a,pct_change,t,,2017,2025,,-120,,percent,,s\n"), CASPIAN_EPARSE, 2, 8, "below -100"},
	{ROW("a,count,t,,,,less_than,0,,visits,,s\n"), CASPIAN_EPARSE, 2, 8, "count cannot be negative"},
	/* a printed figure outside what its kind allows is wrong, even when its
	 * rounding reaches into the allowed values: "about -28" with a rounding
	 * of 1e16 spans [-5e15 - 28, 5e15 - 28], which holds counts */
	{ROW("a,count,t,,,,about,-28,,visits,1e16,s\n"), CASPIAN_EPARSE, 2, 8, "count cannot be negative"},
	{ROW("a,share,p,w,,2025,about,101,,percent,10,s\n"), CASPIAN_EPARSE, 2, 8, "between 0 and 100"},
	{ROW("a,pct_change,t,,2017,2025,about,-101,,percent,5,s\n"), CASPIAN_EPARSE, 2, 8, "below -100"},
	{ROW("a,fold,t,,,,about,-0.5,,fold,2,s\n"), CASPIAN_EPARSE, 2, 8, "fold cannot be negative"},
	{ROW("a,fold,t,,,,,2,,fold,,\"s\"x\n"), CASPIAN_EPARSE, 2, 12, "malformed CSV"},
	{ROW("a,fold,t,,,,,2,,fold,,\"open\n"), CASPIAN_EPARSE, 2, 12, "not closed"},
	{"\xFF\xFE" "i\x01" "d", CASPIAN_EPARSE, 1, 1, "the input is UTF-16 text"},
	{"\xEF\xBB\xBF" "\xFE\xFF" "\x01i", CASPIAN_EPARSE, 1, 1, "save it as UTF-8 CSV"},
	/* lines end at LF, CR LF or a lone CR, as in series files */
	{"id,kind,subject,value,unit,sentence\ra,fold,t,2,fold,s\r\nb,fold,t,x,fold,s\r",
	 CASPIAN_EPARSE, 3, 4, "'x' is not a decimal"},
	/* a sentence with curly quotes before the field: columns count fields */
	{"sentence,id,kind,subject,value,unit\n\xE2\x80\x9CNe\xE2\x80\x99matov\xE2\x80\x9D,a,bogus,t,2,fold\n",
	 CASPIAN_EPARSE, 2, 3, "unknown kind 'bogus'"},
};

static void test_claims_errors_name_the_field(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct caspian_claims *c = (struct caspian_claims *)&bad; /* must stay untouched */
		struct caspian_error err;
		caspian_error_init(&err);
		int rc = caspian_claims_parse(bad[i].text, strlen(bad[i].text), "t.csv", &c, &err);
		if (rc != bad[i].code || err.line != bad[i].line || err.col != bad[i].col ||
		    !strstr(err.msg, bad[i].words) || strcmp(err.input, "t.csv") != 0)
			fail_msg("case %zu: got %d at %ld:%ld \"%s\", expected %d at %ld:%ld \"%s\"", i,
				 rc, err.line, err.col, err.msg, bad[i].code, bad[i].line, bad[i].col,
				 bad[i].words);
		assert_ptr_equal(c, (struct caspian_claims *)&bad);
	}
}

static void test_claims_field_too_long(void **state)
{
	(void)state;
	size_t n = CASPIAN_CLAIMS_FIELD_MAX + 10;
	const char *head = HEADER "a,fold,t,,,,,2,,fold,,";
	char *text = malloc(strlen(head) + n + 2);
	assert_non_null(text);
	strcpy(text, head);
	memset(text + strlen(head), 'x', n);
	strcpy(text + strlen(head) + n, "\n");
	struct caspian_claims *c = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_claims_parse(text, strlen(text), "t.csv", &c, &err), CASPIAN_ELIMIT);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 12);
	assert_null(c);
	free(text);
}

/* A NUL byte would cut a field short as C text: "s\0x" must not become "s". */
static void test_claims_nul_byte_in_a_field(void **state)
{
	(void)state;
	static const char text[] = HEADER "a,fold,t,,,,,2,,fold,,s\0x\n";
	struct caspian_claims *c = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_claims_parse(text, sizeof(text) - 1, "t.csv", &c, &err),
			 CASPIAN_EPARSE);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 12);
	assert_non_null(strstr(err.msg, "NUL byte"));
	assert_null(c);
}

static void test_claims_stated_interval_api(void **state)
{
	(void)state;
	struct caspian_interval x;
	double p = 0;
	struct caspian_error err;
	caspian_error_init(&err);
	/* "more than 130" delegations: a whole number above 130 */
	assert_int_equal(caspian_stated_interval("130", NULL, CASPIAN_QUAL_MORE_THAN, NULL, 0, 1, &x,
						 &p, &err),
			 CASPIAN_OK);
	assert_true(x.lo == 131 && !x.lo_open && isinf(x.hi) && isnan(p));
	/* "80 percent" as a fraction: [0.795, 0.805) */
	assert_int_equal(caspian_stated_interval("80", "", CASPIAN_QUAL_EXACT, "", -2, 0, &x, &p, &err),
			 CASPIAN_OK);
	assert_close(x.lo, 0.795, 1e-15, 0);
	assert_close(x.hi, 0.805, 1e-15, 0);
	assert_close(p, 0.8, 1e-15, 0);
	assert_int_equal(caspian_stated_interval("1e400", NULL, CASPIAN_QUAL_EXACT, NULL, 0, 0, &x,
						 &p, &err),
			 CASPIAN_ELIMIT);
	caspian_error_init(&err);
	assert_int_equal(caspian_stated_interval("3", "2", CASPIAN_QUAL_RANGE, NULL, 0, 0, &x, &p,
						 &err),
			 CASPIAN_EINVAL);
	assert_non_null(strstr(err.msg, "above the low end"));
	assert_string_equal(caspian_qualifier_name(CASPIAN_QUAL_AT_MOST), "at_most");
	assert_string_equal(caspian_claim_kind_name(CASPIAN_CLAIM_AVG_GROWTH), "avg_growth");
	enum caspian_claim_kind k;
	enum caspian_qualifier q;
	assert_int_equal(caspian_claim_kind_from_name("pct_change", &k), 0);
	assert_int_equal(k, CASPIAN_CLAIM_PCT_CHANGE);
	assert_int_equal(caspian_claim_kind_from_name("Fold", &k), -1);
	assert_int_equal(caspian_qualifier_from_name("range", &q), 0);
	assert_int_equal(q, CASPIAN_QUAL_RANGE);
}

/* The bundled press-release file parses, and a few rows read as documented. */
static void test_claims_press_release_file(void **state)
{
	(void)state;
	FILE *f = fopen(CASPIAN_SOURCE_DIR "/datasets/uz-az/claims.csv", "rb");
	if (!f)
		skip();
	struct caspian_claims *c = NULL;
	struct caspian_error err;
	caspian_error_init(&err);
	assert_int_equal(caspian_claims_read(f, "claims.csv", &c, &err), CASPIAN_OK);
	fclose(f);
	assert_int_equal(c->count, 23);
	long i = caspian_claims_find(c, "trade_growth");
	assert_true(i >= 0);
	assert_int_equal(c->items[i].kind, CASPIAN_CLAIM_AVG_GROWTH);
	assert_stated(&c->items[i], 0.32, 0, 0.34, 0);
	i = caspian_claims_find(c, "transit_fold");
	assert_false(c->items[i].has_from);
	i = caspian_claims_find(c, "enterprises_2026");
	assert_stated(&c->items[i], 275, 0, 284, 0);
	for (size_t k = 0; k < c->count; k++)
		assert_true(strlen(c->items[k].sentence) > 20);
	caspian_claims_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claims_every_qualifier),
		cmocka_unit_test(test_claims_rounding_column),
		cmocka_unit_test(test_claims_every_kind),
		cmocka_unit_test(test_claims_quoting_columns_order_and_bom),
		cmocka_unit_test(test_claims_header_only_is_empty),
		cmocka_unit_test(test_claims_errors_name_the_field),
		cmocka_unit_test(test_claims_field_too_long),
		cmocka_unit_test(test_claims_nul_byte_in_a_field),
		cmocka_unit_test(test_claims_stated_interval_api),
		cmocka_unit_test(test_claims_press_release_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
