/*
 * caspian/claims.h - published figures ("claims") read from a CSV file, each
 * with the interval of values its wording and printed precision allow.
 *
 * The file format is documented in docs/claims.md.  In short: a header row,
 * then one row per stated figure with the columns
 *
 *   id, kind, subject, part_of, from, to, qualifier, value, value_high, unit,
 *   rounding, sentence, note
 *
 * of which id, kind, subject, value, unit and sentence are required (the
 * others may be left out of the header, meaning empty in every row).  Columns
 * may come in any order; an unknown column name is an error.
 *
 * Model units: a figure is kept in the unit the arithmetic uses.  Percentages
 * (kinds pct_change, cagr, avg_growth and share; unit "percent") become
 * fractions (32 -> 0.32); folds are ratios; levels, counts and rates stay in
 * their stated unit.
 *
 * Stated precision (caspian_stated_interval below):
 *   exact      the printed digits were rounded half away from zero:
 *              "9.5" -> [9.45, 9.55), "32.4" -> [32.35, 32.45), "8" -> [7.5, 8.5)
 *   about      the same, with trailing zeros of the integer part not counted as
 *              significant: "about 280" -> [275, 285), "about 200" -> [150, 250)
 *   more_than  (v, inf)     at_least [v, inf)
 *   less_than  (-inf, v)    at_most  (-inf, v]
 *   range      [v, value_high], the printed ends taken as they are
 * The rounding column overrides the default: "none" reads the value as exact
 * ([v, v]); a positive number u says the value was rounded to a multiple of u
 * ([v - u/2, v + u/2); for a range, [v - u/2, value_high + u/2)).
 * Counts are whole numbers, so their interval is narrowed to the whole numbers
 * it holds: "more than 130" -> [131, inf), "about 280" -> [275, 284].
 */
#ifndef CASPIAN_CLAIMS_H
#define CASPIAN_CLAIMS_H

#include <stddef.h>
#include <stdio.h>

#include "caspian/error.h"
#include "caspian/interval.h"
#include "caspian/period.h"

enum caspian_claim_kind {
	CASPIAN_CLAIM_LEVEL,      /* the value at a period (to), or the total over from..to */
	CASPIAN_CLAIM_COUNT,      /* a level that is a whole number (things, events) */
	CASPIAN_CLAIM_FOLD,       /* value(to) / value(from); periods may be unstated */
	CASPIAN_CLAIM_PCT_CHANGE, /* value(to) / value(from) - 1, percent */
	CASPIAN_CLAIM_CAGR,       /* (value(to) / value(from))^(1 / years) - 1, percent */
	CASPIAN_CLAIM_AVG_GROWTH, /* "average annual growth": CAGR or mean of yearly rates */
	CASPIAN_CLAIM_SHARE,      /* subject / part_of at a period or over a span, percent */
	CASPIAN_CLAIM_RATE        /* a number per day, week, month, quarter or year */
};

enum caspian_qualifier {
	CASPIAN_QUAL_EXACT,     /* as printed (the default) */
	CASPIAN_QUAL_ABOUT,     /* "about", "around", "some" */
	CASPIAN_QUAL_MORE_THAN, /* "more than", "over" */
	CASPIAN_QUAL_AT_LEAST,  /* "at least", "no less than" */
	CASPIAN_QUAL_LESS_THAN, /* "less than", "under" */
	CASPIAN_QUAL_AT_MOST,   /* "at most", "up to" */
	CASPIAN_QUAL_RANGE      /* "32-34 percent": value to value_high */
};

struct caspian_claim {
	char *id;
	enum caspian_claim_kind kind;
	char *subject;
	char *part_of;                  /* the whole this subject is a part of; "" if none */
	enum caspian_freq freq;         /* of from and to; NONE when neither is given */
	int has_from, has_to;
	long from, to;                  /* period ordinals, valid when has_from / has_to */
	enum caspian_qualifier qualifier;
	char *value_text, *high_text;   /* as written; high_text is "" unless a range */
	char *unit;                     /* "fold" for folds, "percent" for rates and shares */
	char *rounding;                 /* as written; "" = the qualifier's default */
	char *sentence, *note;          /* note is "" when absent */
	double per_year;                /* RATE: time units per year (365.2425/7 for /week); else 0 */
	struct caspian_interval stated; /* what the statement allows, in model units */
	double point;                   /* the value read as exact, model units; NaN for
					   one-sided statements and ranges */
	long line;                      /* line of the row in the input */
};

struct caspian_claims {
	size_t count;
	struct caspian_claim *items; /* in file order */
	char *input;                 /* the input name given to the parser */
};

/*
 * caspian_claims_parse() - read a claims file from data[0..len).  input names
 * it in messages ("claims.csv"; NULL means "-").
 *
 * Returns CASPIAN_OK and sets *out (free with caspian_claims_free), or
 *   CASPIAN_EPARSE  malformed CSV (bad quoting), a header problem (unknown,
 *                   duplicate or missing column), a row with the wrong number of
 *                   fields, or a field that breaks the rules of docs/claims.md
 *                   (unknown kind or qualifier, a value that is not a decimal
 *                   number, a bad period, a rule between columns);
 *   CASPIAN_ELIMIT  a field longer than CASPIAN_CLAIMS_FIELD_MAX bytes or a
 *                   number with more than 17 significant digits;
 *   CASPIAN_ENOMEM  out of memory.
 * Every EPARSE and ELIMIT sets err->input, err->line and err->col to the
 * offending field: the line where it starts and its number in the row (the
 * first field is 1), as caspian_ingest does.  A file
 * with a header and no rows gives an empty set (count 0).
 */
int caspian_claims_parse(const char *data, size_t len, const char *input,
			 struct caspian_claims **out, struct caspian_error *err);

/*
 * caspian_claims_read() - caspian_claims_parse() on all of f.  Also returns
 * CASPIAN_EIO when reading fails.  f is borrowed and left open.
 */
int caspian_claims_read(FILE *f, const char *input, struct caspian_claims **out,
			struct caspian_error *err);

/* caspian_claims_free() - NULL is a no-op. */
void caspian_claims_free(struct caspian_claims *c);

enum { CASPIAN_CLAIMS_FIELD_MAX = 65536 };

/* Index of the claim called id, or -1. */
long caspian_claims_find(const struct caspian_claims *c, const char *id);

/*
 * caspian_stated_interval() - the values a printed figure allows (the rules
 * at the top of this file).
 *   value     the number as printed: optional '-', digits, optional '.' and
 *             digits, optional exponent (e3, E-2); no spaces or separators
 *   high      the upper end of a range as printed; NULL or "" otherwise
 *   q         the qualifier
 *   rounding  NULL or "" (the default), "none", or a positive decimal number
 *   exp10     where the decimal point moves for model units: -2 for percent
 *             (32 -> 0.32), 0 otherwise; rounding is in the printed unit
 *   whole     1 to keep only the whole numbers of the interval (counts)
 * On success stores the interval in *out and, for exact and about, the value
 * itself in *point (NaN otherwise); point may be NULL.  Ends that are decimal
 * numbers a double cannot hold exactly are moved outward by one ulp.
 * Returns CASPIAN_EPARSE for a malformed number or rounding, CASPIAN_EINVAL
 * when the parts do not fit together (a range whose high end is not above its
 * low end, high given without range, rounding with a one-sided qualifier, a
 * count that is not whole or an interval holding no whole number),
 * CASPIAN_ELIMIT for more than 17 significant digits.  err->msg names the
 * text; no position is set.
 */
int caspian_stated_interval(const char *value, const char *high, enum caspian_qualifier q,
			    const char *rounding, int exp10, int whole,
			    struct caspian_interval *out, double *point, struct caspian_error *err);

/* Names as written in the file: "level", "count", ...; "exact", "about", ... */
const char *caspian_claim_kind_name(enum caspian_claim_kind k);
const char *caspian_qualifier_name(enum caspian_qualifier q);

/* Inverse of the above.  Return 0 and set *out, or -1 for an unknown name. */
int caspian_claim_kind_from_name(const char *name, enum caspian_claim_kind *out);
int caspian_qualifier_from_name(const char *name, enum caspian_qualifier *out);

/* 1 for the kinds whose value is a percentage (pct_change, cagr, avg_growth, share). */
int caspian_claim_kind_is_percent(enum caspian_claim_kind k);

#endif
