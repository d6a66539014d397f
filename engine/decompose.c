#include "caspian/check.h"

#include <math.h>
#include <stdlib.h>

/*
 * The feasible base-period shares form a polytope whose vertices mix two parts
 * a and b with F between F_a and F_b (or put everything in one part whose fold
 * equals F).  Every output is linear in the shares for fixed folds, so its
 * range is the hull of its values at the vertices; at a vertex it is monotone
 * in each of F, F_a, F_b and L0 separately (checked by hand in
 * tests/unit/test_check.c), so over the box of stated intervals its range is
 * found at the box's corners.
 */

enum quantity { Q_SHARE, Q_BASE, Q_END, Q_END_SHARE, Q_CONTRIB, Q_GROWTH_SHARE, NQ };

enum { VAR_F, VAR_A, VAR_B, VAR_L0, NVARS };
enum { FORMULA_ULPS = 8 };

/* Which variables each quantity depends on, so openness is not taken from others. */
static const unsigned uses[NQ] = {
	[Q_SHARE] = 7, [Q_BASE] = 15, [Q_END] = 15,
	[Q_END_SHARE] = 7, [Q_CONTRIB] = 7, [Q_GROWTH_SHARE] = 7,
};

/* Value of quantity q for the part playing role a (its own fold is x[VAR_A]). */
static double vertex_value(enum quantity q, const double *x)
{
	double F = x[VAR_F], Fa = x[VAR_A], Fb = x[VAR_B], L0 = x[VAR_L0];
	double s = (Fb - F) / (Fb - Fa);
	switch (q) {
	case Q_SHARE: return s;
	case Q_BASE: return s * L0;
	case Q_END: return s * Fa * L0;
	case Q_END_SHARE: return s * Fa / F;
	case Q_CONTRIB: return s * (Fa - 1);
	case Q_GROWTH_SHARE: return s * (Fa - 1) / (F - 1);
	default: return NAN;
	}
}

struct cand {
	double v;
	int open;
};

static void take(struct cand *lo, struct cand *hi, double v, int open)
{
	if (isnan(v))
		return;
	if (isnan(lo->v) || v < lo->v)
		*lo = (struct cand){v, open};
	else if (v == lo->v)
		lo->open = lo->open && open;
	if (isnan(hi->v) || v > hi->v)
		*hi = (struct cand){v, open};
	else if (v == hi->v)
		hi->open = hi->open && open;
}

/* Range of q over the corners of box (only the variables q uses vary). */
static struct caspian_interval corners(enum quantity q, const struct caspian_interval *box)
{
	struct cand lo = {NAN, 1}, hi = {NAN, 1};
	for (unsigned mask = 0; mask < (1u << NVARS); mask++) {
		double x[NVARS];
		int open = 0, skip = 0;
		for (unsigned v = 0; v < NVARS; v++) {
			int up = (mask >> v) & 1;
			if (!((uses[q] >> v) & 1)) {
				skip |= up; /* visit each corner of the used variables once */
				x[v] = box[v].lo;
				continue;
			}
			x[v] = up ? box[v].hi : box[v].lo;
			open |= up ? box[v].hi_open : box[v].lo_open;
		}
		if (!skip)
			take(&lo, &hi, vertex_value(q, x), open);
	}
	return caspian_interval_make(caspian_interval_step(lo.v, -1, FORMULA_ULPS), lo.open,
				     caspian_interval_step(hi.v, 1, FORMULA_ULPS), hi.open);
}

/* a lies entirely below b. */
static int below(struct caspian_interval a, struct caspian_interval b)
{
	return a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open));
}

static struct caspian_interval unit_interval(void)
{
	return caspian_interval_make(0, 0, 1, 0);
}

/* Bounds that hold whatever the shares are: s in [0, 1] through interval arithmetic. */
static struct caspian_interval loose(enum quantity q, const struct caspian_interval *box)
{
	struct caspian_interval s = unit_interval(), r, one = caspian_interval_point(1);
	switch (q) {
	case Q_SHARE: return s;
	case Q_BASE: return caspian_interval_mul(s, box[VAR_L0]);
	case Q_END: return caspian_interval_mul(caspian_interval_mul(s, box[VAR_A]), box[VAR_L0]);
	case Q_END_SHARE:
		if (caspian_interval_div(caspian_interval_mul(s, box[VAR_A]), box[VAR_F], &r, NULL))
			return caspian_interval_make(-INFINITY, 1, INFINITY, 1);
		return r;
	case Q_CONTRIB: return caspian_interval_mul(s, caspian_interval_sub(box[VAR_A], one));
	case Q_GROWTH_SHARE:
		if (caspian_interval_div(caspian_interval_mul(s, caspian_interval_sub(box[VAR_A], one)),
					 caspian_interval_sub(box[VAR_F], one), &r, NULL))
			return caspian_interval_make(-INFINITY, 1, INFINITY, 1);
		return r;
	default: return s;
	}
}

static struct caspian_figure *output(struct caspian_decompose_part *p, enum quantity q)
{
	switch (q) {
	case Q_SHARE: return &p->base_share;
	case Q_BASE: return &p->base_level;
	case Q_END: return &p->end_level;
	case Q_END_SHARE: return &p->end_share;
	case Q_CONTRIB: return &p->contribution;
	default: return &p->growth_share;
	}
}

static int bounded(struct caspian_interval x)
{
	return isfinite(x.lo) && isfinite(x.hi);
}

/* Fold a range into the running hull of part p's quantity q. */
static void merge(struct caspian_decompose_part *p, enum quantity q, struct caspian_interval r,
		  int *started)
{
	struct caspian_figure *f = output(p, q);
	f->range = started[q] ? caspian_interval_hull(f->range, r) : r;
	started[q] = 1;
}

static int validate(const struct caspian_decompose *d, struct caspian_error *err)
{
	if (d->nparts < 2)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "a decomposition needs at least two parts, not %zu", d->nparts);
	if (!caspian_interval_valid(d->total_fold.range) || !bounded(d->total_fold.range) ||
	    !(d->total_fold.range.lo > 0 || (d->total_fold.range.lo == 0 && d->total_fold.range.lo_open)))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "the total's fold must be a bounded positive interval");
	if (d->has_base && (!caspian_interval_valid(d->total_base.range) ||
			    !bounded(d->total_base.range)))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "the total's base level must be a bounded interval");
	for (size_t i = 0; i < d->nparts; i++) {
		struct caspian_interval f = d->parts[i].fold.range;
		if (!caspian_interval_valid(f) || !bounded(f) || f.lo < 0)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "the fold of part %s must be a bounded interval "
						 "of positive numbers",
						 d->parts[i].name ? d->parts[i].name : "?");
	}
	return CASPIAN_OK;
}

static int check_feasible(const struct caspian_decompose *d, struct caspian_error *err)
{
	struct caspian_interval all = d->parts[0].fold.range, F = d->total_fold.range;
	for (size_t i = 1; i < d->nparts; i++)
		all = caspian_interval_hull(all, d->parts[i].fold.range);
	if (below(F, all) || below(all, F))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "the total's fold (%g to %g) lies outside its parts' folds "
					 "(%g to %g), but a total's fold is a weighted mean of its "
					 "parts' folds",
					 F.lo, F.hi, all.lo, all.hi);
	return CASPIAN_OK;
}

/* The ranges over the box: hull over every vertex that some box point allows. */
static void solve_ranges(struct caspian_decompose *d, int started[][NQ])
{
	struct caspian_interval box[NVARS];
	box[VAR_F] = d->total_fold.range;
	box[VAR_L0] = d->has_base ? d->total_base.range : caspian_interval_point(NAN);
	d->determined = 1;
	for (size_t a = 0; a < d->nparts; a++) {
		for (size_t b = 0; b < d->nparts; b++) {
			struct caspian_interval Fa = d->parts[a].fold.range, Fb = d->parts[b].fold.range;
			if (a == b || below(box[VAR_F], Fa) || below(Fb, box[VAR_F]))
				continue; /* no box point has F_a <= F <= F_b */
			int separated = below(Fa, box[VAR_F]) && below(box[VAR_F], Fb);
			if (!separated)
				d->determined = 0;
			for (int q = 0; q < NQ; q++) {
				if (!d->has_base && (q == Q_BASE || q == Q_END))
					continue;
				/* part a's figures, then part b's with the roles swapped */
				box[VAR_A] = Fa;
				box[VAR_B] = Fb;
				merge(&d->parts[a], q, separated ? corners(q, box) : loose(q, box),
				      started[a]);
				box[VAR_A] = Fb;
				box[VAR_B] = Fa;
				merge(&d->parts[b], q, separated ? corners(q, box) : loose(q, box),
				      started[b]);
				/* parts outside this vertex hold nothing */
				for (size_t m = 0; m < d->nparts; m++)
					if (m != a && m != b)
						merge(&d->parts[m], q, caspian_interval_point(0),
						      started[m]);
			}
		}
	}
}

/* The exact reading: point values, unique for two parts. */
static void solve_points(struct caspian_decompose *d)
{
	double F = d->total_fold.point, L0 = d->has_base ? d->total_base.point : NAN;
	double mn = INFINITY, mx = -INFINITY;
	for (size_t i = 0; i < d->nparts; i++) {
		mn = fmin(mn, d->parts[i].fold.point);
		mx = fmax(mx, d->parts[i].fold.point);
	}
	d->point_feasible = !isnan(F) && F >= mn && F <= mx && mn < mx;
	for (size_t i = 0; i < d->nparts; i++)
		for (int q = 0; q < NQ; q++)
			output(&d->parts[i], q)->point = NAN;
	if (!d->point_feasible || d->nparts != 2)
		return;
	struct caspian_decompose_part *p = d->parts;
	for (size_t i = 0; i < 2; i++) {
		double x[NVARS] = {F, p[i].fold.point, p[1 - i].fold.point, L0};
		for (int q = 0; q < NQ; q++)
			if (d->has_base || (q != Q_BASE && q != Q_END))
				output(&p[i], q)->point = vertex_value(q, x);
	}
}

int caspian_decompose(struct caspian_decompose *d, struct caspian_error *err)
{
	int rc;
	if ((rc = validate(d, err)) || (rc = check_feasible(d, err)))
		return rc;
	int (*started)[NQ] = calloc(d->nparts, sizeof(*started));
	if (!started)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	struct caspian_interval none = caspian_interval_make(-INFINITY, 1, INFINITY, 1);
	for (size_t i = 0; i < d->nparts; i++)
		for (int q = 0; q < NQ; q++)
			output(&d->parts[i], q)->range = none;
	solve_ranges(d, started);
	for (size_t i = 0; i < d->nparts; i++) {
		/* shares of the total lie in [0, 1] whatever bounds the arithmetic gave */
		caspian_interval_intersect(d->parts[i].base_share.range, unit_interval(),
					   &d->parts[i].base_share.range);
		caspian_interval_intersect(d->parts[i].end_share.range, unit_interval(),
					   &d->parts[i].end_share.range);
	}
	/* the growth shares divide by F - 1 */
	int growth_defined = !caspian_interval_contains(d->total_fold.range, 1.0);
	for (size_t i = 0; i < d->nparts; i++)
		if (!growth_defined)
			d->parts[i].growth_share.range = none;
	free(started);
	solve_points(d);
	if (!growth_defined)
		for (size_t i = 0; i < d->nparts; i++)
			d->parts[i].growth_share.point = NAN;
	d->unique = d->nparts == 2;
	if (d->has_base) {
		d->total_end.range = caspian_interval_mul(d->total_fold.range, d->total_base.range);
		d->total_end.point = d->total_fold.point * d->total_base.point;
	} else {
		d->total_end.range = none;
		d->total_end.point = NAN;
	}
	return CASPIAN_OK;
}
