/*
 * caspian/check.h - are published figures consistent with each other, and
 * what do they imply?  And: what do a total's and its components' growth
 * figures say about the components' weights (decomposition)?
 *
 * Every figure is carried as an interval (caspian/interval.h) from its stated
 * precision (caspian/claims.h), together with its value read as exact.
 * Formulas, readings and verdict rules: docs/claims.md and docs/cli/check.md.
 */
#ifndef CASPIAN_CHECK_H
#define CASPIAN_CHECK_H

#include <stddef.h>

#include "caspian/claims.h"
#include "caspian/error.h"
#include "caspian/interval.h"
#include "caspian/series.h"

/* A figure: the values it may take, and its value read as exact (NaN if none). */
struct caspian_figure {
	struct caspian_interval range;
	double point;
};

enum caspian_verdict {
	CASPIAN_VERDICT_CONSISTENT,   /* the claim and what the others imply agree */
	CASPIAN_VERDICT_PARTLY,       /* they overlap, but a stated range or bound is wider
					 or narrower than what the others support */
	CASPIAN_VERDICT_INCONSISTENT, /* no value satisfies both; gap says by how much */
	CASPIAN_VERDICT_DERIVED,      /* a figure the claims imply that none states */
	CASPIAN_VERDICT_UNDERIVABLE,  /* a figure one would want that cannot be derived */
	CASPIAN_VERDICT_UNCHECKED     /* nothing else in the input bears on the claim */
};

struct caspian_finding {
	size_t claim;                    /* index of the claim it is about */
	enum caspian_verdict verdict;
	char *quantity;                  /* what is compared: "CAGR 2017-2025", "level 2025" */
	char *unit;                      /* "percent" (values are fractions), "fold", or a claim's unit */
	int has_stated;                  /* 1 for the verdicts that compare against the claim */
	struct caspian_interval stated;  /* the claim's stated interval (when has_stated) */
	int has_implied;
	struct caspian_figure implied;   /* what the sources imply */
	double gap;                      /* INCONSISTENT: distance between stated and implied, else 0 */
	char *formula;                   /* how implied was computed, e.g. "L(2025) = L(2017) x F" */
	char *sources;                   /* ids of the claims used, space-separated;
					    "series:NAME" for stored data */
	char *note;                      /* sentences: the reading used, why partly, why not */
};

struct caspian_check_report {
	size_t count;
	struct caspian_finding *items;   /* ordered by claim, then by derivation */
	size_t by_verdict[6];            /* how many findings of each verdict */
};

struct caspian_check_opts {
	/* Stored series to compare with, sorted by name (as caspian_ingest_* and the
	 * store return them); a claim whose subject names a series of the same
	 * frequency is checked against its values.  NULL: none. */
	const struct caspian_panel *panel;
};

/*
 * caspian_check_run() - for every claim, what the other claims (and the
 * series in opts->panel) imply for it, with a verdict.
 *
 * Derivations (each gives one finding; Y = years between the periods):
 *   growth over a span   from another growth claim on the same subject and
 *                        span (F = fold, 1 + p, (1 + g)^Y), from the levels at
 *                        both ends (F = L1 / L0), from the folds of its parts
 *                        (a total's fold is a weighted mean of its parts':
 *                        min F_i <= F <= max F_i), from a stored series;
 *   level at a period    from a level at another period and the growth between
 *                        (L1 = L0 x F, L0 = L1 / F), from the sum of its
 *                        parts, from a share and the whole, from a series;
 *   share                from the part's and the whole's levels.
 * "avg_growth" is read as a CAGR when deriving; its verdict also weighs the
 * arithmetic-mean reading (mean of yearly rates >= CAGR, so a stated figure
 * above the CAGR is still possible as a mean; from endpoints alone the mean
 * cannot be computed, and the note says so; with a series holding the yearly
 * values it is computed).  Figures derived without a claim to check against
 * are reported as DERIVED: the CAGR of a fold over a stated period, fold and
 * CAGR between two levels of one subject, a rate per year, the yearly average
 * of a count over a span, a part's level from a share, and the decomposition
 * of a total's growth into two or more parts' (caspian_decompose).  A growth
 * claim without a period gives an UNDERIVABLE annual rate; a claim nothing
 * bears on gives UNCHECKED.
 *
 * Verdicts: no common value -> INCONSISTENT (gap = distance).  Otherwise, for
 * a figure stated exactly or "about" -> CONSISTENT; for a one-sided figure,
 * CONSISTENT when every implied value satisfies it, else PARTLY; for a range,
 * CONSISTENT when it equals the implied interval, else PARTLY (wider,
 * narrower, or overlapping).
 *
 * Returns CASPIAN_OK and sets *out (free with caspian_check_report_free), or
 * CASPIAN_ENOMEM.  Claims whose figures cannot be combined (a division by an
 * interval holding 0, say) give a finding with verdict UNDERIVABLE and the
 * reason in its note, not an error.  claims and panel are borrowed.
 */
int caspian_check_run(const struct caspian_claims *claims, const struct caspian_check_opts *opts,
		      struct caspian_check_report **out, struct caspian_error *err);

/* caspian_check_report_free() - NULL is a no-op. */
void caspian_check_report_free(struct caspian_check_report *r);

/* "consistent", "partly consistent", "inconsistent", "derived", "not derivable", "unchecked". */
const char *caspian_verdict_name(enum caspian_verdict v);

/*
 * caspian_check_classify() - the verdict for a claim stated as `stated` with
 * qualifier q against the implied interval; sets *gap (0 unless
 * INCONSISTENT) and, when detail is not NULL, *detail to a constant phrase
 * saying why a PARTLY verdict is partly ("" otherwise).
 */
enum caspian_verdict caspian_check_classify(struct caspian_interval stated,
					    enum caspian_qualifier q,
					    struct caspian_interval implied, double *gap,
					    const char **detail);

/*
 * Decomposition of a total's growth into its parts' growth.
 *
 * With base-period shares s_i (sum 1) and folds F_i of the parts, the total's
 * fold is F = sum s_i F_i.  For two parts this fixes the shares:
 *     s_1 = (F_2 - F) / (F_2 - F_1),   s_2 = 1 - s_1,
 * and with the total's base level L0: base levels s_i L0, end levels
 * s_i F_i L0, contributions to the total's growth s_i (F_i - 1) (in units of
 * L0; they add up to F - 1) and shares of the growth s_i (F_i - 1) / (F - 1).
 * With more parts the shares form a polytope whose vertices mix two parts at
 * a time; each figure is reported as its range over that set (unique = 0).
 *
 * Intervals: every figure above is monotone in each of F, F_i and L0 where
 * the parts' fold intervals lie strictly on either side of the total's, so
 * its range is found at the corners of the box of inputs (moved outward by 8
 * ulps for the rounding of the formula).  Where a part's fold interval
 * overlaps the total's, the shares involving it are only bounded by [0, 1]
 * and determined = 0.
 */
struct caspian_decompose_part {
	const char *name;                     /* borrowed */
	struct caspian_figure fold;           /* input */
	struct caspian_figure base_share;     /* outputs ... */
	struct caspian_figure base_level;     /* NaN / (-inf, inf) without the total's base level */
	struct caspian_figure end_level;
	struct caspian_figure end_share;      /* s_i F_i / F */
	struct caspian_figure contribution;   /* s_i (F_i - 1), a fraction of the base level */
	struct caspian_figure growth_share;   /* s_i (F_i - 1) / (F - 1) */
};

struct caspian_decompose {
	struct caspian_figure total_fold;     /* input */
	int has_base;                         /* input: 1 when total_base is given */
	struct caspian_figure total_base;     /* input: the total's base-period level */
	struct caspian_figure total_end;      /* output: F L0 (when has_base) */
	size_t nparts;
	struct caspian_decompose_part *parts; /* caller's array of nparts */
	int unique;                           /* output: 1 for two parts */
	int determined;                       /* output: 0 when rounding leaves shares open */
	int point_feasible;                   /* output: 0 when the exact reading is impossible
						 (the total's fold outside its parts'); point
						 values are then NaN */
};

/*
 * caspian_decompose() - fill the outputs of d from its inputs.
 * Every fold interval must be bounded and not negative; the base level, when
 * given, bounded.  When the total's fold interval holds 1 the shares of the
 * rise are undefined: their range is (-inf, inf) and their point NaN.
 * Returns CASPIAN_OK, CASPIAN_EINVAL for fewer than two parts or an interval
 * that breaks the rules above, CASPIAN_EDOM when no values within the stated
 * precision put the total's fold between its parts' (err->msg gives the
 * figures), or CASPIAN_ENOMEM.  d->parts is the caller's; nothing is kept.
 */
int caspian_decompose(struct caspian_decompose *d, struct caspian_error *err);

#endif
