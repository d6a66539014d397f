/*
 * fuzz_claims - the claims file parser behind 'caspian check'.
 *
 * Invariants:
 *   - accepted: every claim is well formed (names, kind, qualifier, periods
 *     in order, a valid stated interval, the point inside it or NaN), and
 *     printing the claims back as a claims file (all thirteen columns,
 *     periods in canonical form) and parsing that gives the same claims: the
 *     same texts, periods, kinds, intervals and points, bit for bit;
 *   - rejected: CASPIAN_EPARSE or CASPIAN_ELIMIT with a message, a line and
 *     a field number inside the input, and no claims.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/claims.h"
#include "caspian/output.h"
#include "support.h"

static void check_claim(const struct caspian_claim *c, long lines)
{
	FUZZ_CHECK(c->id && c->subject && c->part_of && c->value_text && c->high_text && c->unit &&
			   c->rounding && c->sentence && c->note,
		   "claim with a NULL text");
	FUZZ_CHECK(*c->id && caspian_series_name_valid(c->subject), "claim %s: bad names", c->id);
	FUZZ_CHECK((unsigned)c->kind <= CASPIAN_CLAIM_RATE, "claim %s: kind %d", c->id, (int)c->kind);
	FUZZ_CHECK((unsigned)c->qualifier <= CASPIAN_QUAL_RANGE, "claim %s: qualifier %d", c->id,
		   (int)c->qualifier);
	FUZZ_CHECK(!c->has_from || c->has_to, "claim %s: from without to", c->id);
	FUZZ_CHECK(!c->has_from || c->from <= c->to, "claim %s: from after to", c->id);
	FUZZ_CHECK(caspian_interval_valid(c->stated), "claim %s: invalid interval [%g, %g]", c->id,
		   c->stated.lo, c->stated.hi);
	FUZZ_CHECK(isnan(c->point) || (c->point >= c->stated.lo && c->point <= c->stated.hi),
		   "claim %s: point %g outside [%g, %g]", c->id, c->point, c->stated.lo,
		   c->stated.hi);
	FUZZ_CHECK(c->line >= 1 && c->line <= lines, "claim %s on line %ld of %ld", c->id, c->line,
		   lines);
}

static void write_period(FILE *f, int has, enum caspian_freq freq, long p)
{
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	if (has) {
		FUZZ_CHECK(caspian_period_format(freq, p, buf) > 0, "a claim period does not print");
		fputs(buf, f);
	}
}

static char *print_claims(const struct caspian_claims *cs, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	FUZZ_CHECK(f, "open_memstream failed");
	fputs("id,kind,subject,part_of,from,to,qualifier,value,value_high,unit,rounding,sentence,"
	      "note\n",
	      f);
	for (size_t i = 0; i < cs->count; i++) {
		const struct caspian_claim *c = &cs->items[i];
		const char *texts[] = {c->id, caspian_claim_kind_name(c->kind), c->subject,
				       c->part_of};
		for (size_t k = 0; k < 4; k++) {
			caspian_csv_write_field(f, texts[k]);
			fputc(',', f);
		}
		write_period(f, c->has_from, c->freq, c->from);
		fputc(',', f);
		write_period(f, c->has_to, c->freq, c->to);
		fputc(',', f);
		const char *rest[] = {caspian_qualifier_name(c->qualifier), c->value_text,
				      c->high_text, c->unit, c->rounding, c->sentence, c->note};
		for (size_t k = 0; k < 7; k++) {
			caspian_csv_write_field(f, rest[k]);
			fputc(k + 1 < 7 ? ',' : '\n', f);
		}
	}
	FUZZ_CHECK(fclose(f) == 0, "writing to memory failed");
	return buf;
}

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

static void same_claims(const struct caspian_claims *a, const struct caspian_claims *b)
{
	FUZZ_CHECK(a->count == b->count, "%zu claims, then %zu", a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		const struct caspian_claim *x = &a->items[i], *y = &b->items[i];
		const char *xs[] = {x->id, x->subject, x->part_of, x->value_text, x->high_text,
				    x->unit, x->rounding, x->sentence, x->note};
		const char *ys[] = {y->id, y->subject, y->part_of, y->value_text, y->high_text,
				    y->unit, y->rounding, y->sentence, y->note};
		for (size_t k = 0; k < sizeof(xs) / sizeof(xs[0]); k++)
			FUZZ_CHECK(strcmp(xs[k], ys[k]) == 0, "claim %s: text %zu \"%s\" became \"%s\"",
				   x->id, k, xs[k], ys[k]);
		FUZZ_CHECK(x->kind == y->kind && x->qualifier == y->qualifier && x->freq == y->freq &&
				   x->has_from == y->has_from && x->has_to == y->has_to &&
				   (!x->has_from || x->from == y->from) && (!x->has_to || x->to == y->to),
			   "claim %s: kind, qualifier or periods changed", x->id);
		FUZZ_CHECK(same_bits(x->stated.lo, y->stated.lo) && same_bits(x->stated.hi, y->stated.hi) &&
				   x->stated.lo_open == y->stated.lo_open &&
				   x->stated.hi_open == y->stated.hi_open,
			   "claim %s: stated interval changed", x->id);
		FUZZ_CHECK((isnan(x->point) && isnan(y->point)) || same_bits(x->point, y->point),
			   "claim %s: point changed", x->id);
		FUZZ_CHECK(same_bits(x->per_year, y->per_year), "claim %s: per_year changed", x->id);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct caspian_claims *sentinel = (struct caspian_claims *)&sentinel, *cs = sentinel;
	struct caspian_error err;
	long lines = 1, commas = 0;
	for (size_t i = 0; i < size; i++) { /* lines end at LF, CR LF or a lone CR */
		lines += data[i] == '\r' || (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'));
		commas += data[i] == ',';
	}
	caspian_error_init(&err);
	int rc = caspian_claims_parse((const char *)data, size, "fuzz.csv", &cs, &err);
	if (rc != CASPIAN_OK) {
		fuzz_error_check(&err, rc, "claims");
		FUZZ_CHECK(rc == CASPIAN_EPARSE || rc == CASPIAN_ELIMIT, "status %d: %s", rc, err.msg);
		FUZZ_CHECK(cs == sentinel, "a rejected file set *out");
		FUZZ_CHECK(strcmp(err.input, "fuzz.csv") == 0, "error names \"%s\"", err.input);
		FUZZ_CHECK(err.line >= 1 && err.line <= lines, "error on line %ld of %ld: %s", err.line,
			   lines, err.msg);
		FUZZ_CHECK(err.col >= 1 && err.col <= commas + 2, "error in field %ld, %ld commas: %s",
			   err.col, commas, err.msg);
		return 0;
	}
	FUZZ_CHECK(cs && cs != sentinel, "success without claims");
	for (size_t i = 0; i < cs->count; i++) {
		check_claim(&cs->items[i], lines);
		FUZZ_CHECK(caspian_claims_find(cs, cs->items[i].id) == (long)i, "id %s twice",
			   cs->items[i].id);
	}
	size_t len = 0;
	char *text = print_claims(cs, &len);
	struct caspian_claims *again = NULL;
	caspian_error_init(&err);
	rc = caspian_claims_parse(text, len, "again.csv", &again, &err);
	FUZZ_CHECK(rc == CASPIAN_OK, "printed claims are refused: %ld:%ld %s\n%.2000s", err.line,
		   err.col, err.msg, text);
	same_claims(cs, again);
	caspian_claims_free(again);
	caspian_claims_free(cs);
	free(text);
	return 0;
}
