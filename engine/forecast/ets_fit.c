/*
 * ets_fit.c - maximum likelihood estimation of one ETS model and selection
 * among them by AICc.
 *
 * The data are divided by their mean absolute value before the search so
 * that states and smoothing parameters live on comparable scales; the final
 * likelihood is recomputed on the original data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "ets_internal.h"

enum { ETS_MAX_DIM = 4 + ETS_MAX_STATES - 1 };

/*
 * Gauss-Newton steps for the initial states: from the heuristic start, and
 * from the previous optimum when the smoothing parameters have moved (each
 * stops earlier once a step gains less than the tolerance).
 */
#define ETS_GN_FIRST 20
#define ETS_GN_STEPS 5

/* Objective value of a point outside the parameter region (finite for GSL). */
#define ETS_PENALTY 1e12
#define ETS_TWO_PI 6.283185307179586476925

/* Per-fit workspace: everything the searches need, allocated once. */
struct ets_work {
	size_t n, nobs;
	double scale;
	int positive;
	double *ys;      /* scaled data, NaN kept */
	double *yi;      /* scaled data, NaN interpolated (heuristics only) */
	double *scratch; /* 3n */
	double ring[CASPIAN_ETS_MAX_PERIOD];
	double dwork[CASPIAN_ETS_MAX_PERIOD * ETS_MAX_STATES];
	gsl_multimin_fminimizer *nm[ETS_MAX_DIM + 1];
	gsl_vector *x, *step;
	size_t nevals;
	size_t max_iter;
	double tol, size_tol;
	size_t rounds;
	int estimator;
};

/*
 * What a search varies: every parameter; the smoothing parameters with the
 * initial states maximised out (ets_profile); the smoothing parameters with
 * the initial states held at x0.
 */
enum search_mode { SEARCH_ALL, SEARCH_PROFILE, SEARCH_SMOOTH };

/* What the objective callback needs. */
struct ets_objctx {
	struct ets_par par;
	const double *y;
	size_t n;
	double *ring;
	size_t *nevals;
	int check_admissible;
	double x0[ETS_MAX_STATES];
	int mode;                       /* enum search_mode */
	size_t inner_steps;
	double inner_tol;
	double *dwork;                  /* ets_profile scratch */
	double thx[ETS_MAX_STATES];     /* free states of the best point so far */
	double best;                    /* its objective */
	int r_order;                    /* SEARCH_ALL: seasonal states in R's order */
};

static size_t par_nsmooth(const struct ets_par *p)
{
	return 1 + (p->trend != ETS_NONE) + (p->season != ETS_NONE) + (p->damped != 0);
}

/* Free initial states: l0, b0, and m - 1 seasonal ones. */
static size_t par_nfree_states(const struct ets_par *p)
{
	return 1 + (p->trend != ETS_NONE) + (p->season != ETS_NONE ? p->m - 1 : 0);
}

/*
 * theta -> smoothing parameters p and the full state x0 for c's search.
 * Returns 0 when inside bounds; the admissibility test is left out unless
 * admissible is set (it is the dearest check, done for several points at
 * once by r_batch_admissible).
 */
static int unpack_to(const struct ets_objctx *c, struct ets_par *p, double *x0, const double *th,
		     int admissible)
{
	size_t i = 0;
	p->alpha = th[i++];
	if (!(p->alpha >= ETS_LO_SMOOTH && p->alpha <= ETS_HI_SMOOTH))
		return -1;
	if (p->trend) {
		p->beta = th[i++];
		if (!(p->beta >= ETS_LO_SMOOTH && p->beta <= ETS_HI_SMOOTH && p->beta <= p->alpha))
			return -1;
	}
	if (p->season) {
		p->gamma = th[i++];
		if (!(p->gamma >= ETS_LO_SMOOTH && p->gamma <= ETS_HI_SMOOTH &&
		      p->gamma <= 1 - p->alpha))
			return -1;
	}
	if (p->damped) {
		p->phi = th[i++];
		if (!(p->phi >= ETS_LO_PHI && p->phi <= ETS_HI_PHI))
			return -1;
	}
	if (c->mode != SEARCH_ALL)
		return p->season && admissible && c->check_admissible && !ets_admissible(p) ? -1 : 0;
	const size_t off = 1 + (p->trend != ETS_NONE);
	for (size_t k = 0; k < off; k++)
		x0[k] = th[i++];
	if (p->season) {
		double sum = 0.0;
		for (size_t k = 1; k < p->m; k++) {
			/* R lists the free seasonal states newest first */
			const size_t at = c->r_order ? p->m - k : k;
			x0[off + at] = th[i++];
			sum += x0[off + at];
		}
		x0[off] = (p->season == ETS_MUL ? (double)p->m : 0.0) - sum;
		if (p->season == ETS_MUL)
			for (size_t k = 0; k < p->m; k++)
				if (x0[off + k] < 0)
					return -1;
		if (admissible && c->check_admissible && !ets_admissible(p))
			return -1;
	}
	return 0;
}

static int unpack(struct ets_objctx *c, const double *th)
{
	return unpack_to(c, &c->par, c->x0, th, 1);
}

/* How far th lies outside the usual bounds (0 inside), to steer the simplex back. */
static double box_distance(const struct ets_par *type, const double *th)
{
	double d = 0.0, a = th[0];
	size_t i = 1;
#define OUTSIDE(x, lo, hi) ((x) < (lo) ? (lo) - (x) : (x) > (hi) ? (x) - (hi) : 0.0)
	d += OUTSIDE(a, ETS_LO_SMOOTH, ETS_HI_SMOOTH);
	if (type->trend) {
		double hi = a < ETS_HI_SMOOTH ? a : ETS_HI_SMOOTH;
		d += OUTSIDE(th[i], ETS_LO_SMOOTH, hi);
		i++;
	}
	if (type->season) {
		double hi = 1 - a < ETS_HI_SMOOTH ? 1 - a : ETS_HI_SMOOTH;
		d += OUTSIDE(th[i], ETS_LO_SMOOTH, hi);
		i++;
	}
	if (type->damped)
		d += OUTSIDE(th[i], ETS_LO_PHI, ETS_HI_PHI);
#undef OUTSIDE
	return d;
}

static double objective_cb(const gsl_vector *v, void *params)
{
	struct ets_objctx *c = params;
	double th[ETS_MAX_DIM];
	for (size_t i = 0; i < v->size; i++)
		th[i] = v->data[i * v->stride];
	(*c->nevals)++;
	if (unpack(c, th) != 0)
		return ETS_PENALTY * (1.0 + box_distance(&c->par, th));
	double f;
	if (c->mode == SEARCH_PROFILE) {
		double thx[ETS_MAX_STATES];
		memcpy(thx, c->thx, sizeof(thx));
		f = ets_profile(&c->par, c->y, c->n, thx, c->inner_steps, c->inner_tol, c->dwork);
		if (f < c->best) {
			c->best = f;
			memcpy(c->thx, thx, sizeof(thx));
		}
	} else {
		f = ets_objective(&c->par, c->x0, c->y, c->n, c->ring);
	}
	return f < ETS_PENALTY ? f : ETS_PENALTY;
}

/* Starting smoothing parameters of forecast::ets (initparam, usual bounds). */
static void start_params(struct ets_par *p)
{
	const double lo = ETS_LO_SMOOTH, hi = ETS_HI_SMOOTH;
	p->alpha = lo + 0.2 * (hi - lo) / (double)p->m;
	p->beta = p->trend ? lo + 0.1 * ((hi < p->alpha ? hi : p->alpha) - lo) : 0.0;
	p->gamma = p->season ? lo + 0.05 * ((hi < 1 - p->alpha ? hi : 1 - p->alpha) - lo) : 0.0;
	p->phi = p->damped ? ETS_LO_PHI + 0.99 * (ETS_HI_PHI - ETS_LO_PHI) : 1.0;
}

/*
 * Nelder-Mead (GSL nmsimplex2) from th[0..dim) with the given steps.  Stops
 * when the best value has improved by less than tol (relative) over the last
 * 2 dim + 10 iterations, or after max_iter iterations.  th receives the best
 * point; returns its value.
 */
static double nm_search(struct ets_work *w, struct ets_objctx *c, double *th,
			const double *step, size_t dim, int *status)
{
	gsl_multimin_function fn = {.f = objective_cb, .n = dim, .params = c};
	gsl_vector_view xv = gsl_vector_subvector(w->x, 0, dim);
	gsl_vector_view sv = gsl_vector_subvector(w->step, 0, dim);
	gsl_multimin_fminimizer *s = w->nm[dim];

	*status = CASPIAN_OK;
	if (!s) {
		s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, dim);
		if (!s) {
			*status = CASPIAN_ENOMEM;
			return INFINITY;
		}
		w->nm[dim] = s;
	}
	for (size_t i = 0; i < dim; i++) {
		gsl_vector_set(&xv.vector, i, th[i]);
		gsl_vector_set(&sv.vector, i, step[i]);
	}
	if (gsl_multimin_fminimizer_set(s, &fn, &xv.vector, &sv.vector) != GSL_SUCCESS) {
		*status = CASPIAN_ENOCONV;
		return INFINITY;
	}
	const size_t window = 2 * dim + 10;
	double best, anchor = INFINITY; /* s->fval is stale until the first iteration */
	size_t since = 0;
	for (size_t it = 0; it < w->max_iter; it++) {
		if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
			break;
		best = s->fval;
		if (gsl_multimin_fminimizer_size(s) < w->size_tol)
			break;
		if (++since >= window) {
			if (anchor - best <= w->tol * (fabs(best) + w->tol))
				break;
			anchor = best;
			since = 0;
		}
	}
	const gsl_vector *xb = gsl_multimin_fminimizer_x(s);
	for (size_t i = 0; i < dim; i++)
		th[i] = gsl_vector_get(xb, i);
	return gsl_multimin_fminimizer_minimum(s);
}

/*
 * Optima often sit on a bound (beta = 1e-4, alpha = 0.9999), which the simplex
 * approaches only to within its final size.  Try each smoothing parameter at
 * its bounds and keep what lowers the objective.
 */
static double snap_to_bounds(struct ets_objctx *c, double *th, size_t dim, double f)
{
	gsl_vector_view v = gsl_vector_view_array(th, dim);
	const size_t ib = c->par.trend ? 1 : dim, ig = c->par.season ? 1 + (c->par.trend != 0) : dim;
	for (size_t i = 0; i < dim; i++) {
		double keep = th[i];
		double cand[3] = {ETS_LO_SMOOTH, ETS_HI_SMOOTH, NAN};
		if (c->par.damped && i == dim - 1) {
			cand[0] = ETS_LO_PHI;
			cand[1] = ETS_HI_PHI;
		} else if (i == ib) {
			cand[2] = th[0]; /* beta <= alpha */
		} else if (i == ig) {
			cand[2] = 1 - th[0]; /* gamma <= 1 - alpha */
		}
		for (size_t k = 0; k < 3; k++) {
			if (!(fabs(keep - cand[k]) <= 0.01) || keep == cand[k])
				continue;
			th[i] = cand[k];
			double g = objective_cb(&v.vector, c);
			if (g < f) {
				f = g;
				keep = cand[k];
			}
		}
		th[i] = keep;
	}
	return f;
}

/* Parameter count k: smoothing parameters, free initial states, variance. */
static size_t par_count(const struct ets_par *p)
{
	return par_nsmooth(p) + par_nfree_states(p) + 1;
}

/* Log-likelihood, ICs and sigma2 of model from its filtered sums. */
static void set_criteria(struct caspian_ets_model *mod, const struct ets_filtered *fo)
{
	const double nobs = (double)fo->nobs, k = (double)mod->k;
	mod->sse = fo->sse;
	mod->loglik = -0.5 * nobs * (log(ETS_TWO_PI * fo->sse / nobs) + 1.0);
	if (mod->par.error == ETS_MUL)
		mod->loglik -= fo->logf;
	mod->aic = -2 * mod->loglik + 2 * k;
	mod->aicc = nobs - k - 1 > 0 ? mod->aic + 2 * k * (k + 1) / (nobs - k - 1) : INFINITY;
	mod->bic = -2 * mod->loglik + k * log(nobs);
	mod->sigma2 = fo->sse / (nobs - k + 1 > 0 ? nobs - k + 1 : nobs);
}

/* Back to the original scale (level, slope and additive seasons scale), filter, criteria. */
static int finish_fit(const struct ets_work *w, const double *y, const struct ets_par *p,
		      const double *x0s, struct caspian_ets_model *mod)
{
	const size_t off = 1 + (p->trend != ETS_NONE);
	mod->par = *p;
	for (size_t k = 0; k < off; k++)
		mod->x0[k] = x0s[k] * w->scale;
	if (p->season)
		for (size_t k = 0; k < p->m; k++)
			mod->x0[off + k] = x0s[off + k] * (p->season == ETS_ADD ? w->scale : 1.0);
	struct ets_filtered fo;
	if (ets_filter(&mod->par, mod->x0, y, w->n, NULL, NULL, &fo) != 0 || fo.nobs == 0)
		return CASPIAN_ENOCONV;
	memcpy(mod->xend, fo.xend, sizeof(mod->xend));
	mod->k = par_count(&mod->par);
	mod->nobs = fo.nobs;
	set_criteria(mod, &fo);
	return isfinite(mod->loglik) ? CASPIAN_OK : CASPIAN_ENOCONV;
}

/* Smoothing parameters of p into th with their initial simplex steps; returns the count. */
static size_t smooth_vector(const struct ets_par *p, double *th, double *step)
{
	size_t i = 0;
	th[i] = p->alpha;
	step[i++] = p->alpha + 0.1 <= ETS_HI_SMOOTH ? 0.1 : -0.1;
	if (p->trend) {
		th[i] = p->beta;
		step[i++] = 1.5 * p->beta <= p->alpha ? 0.5 * p->beta : -0.5 * p->beta;
	}
	if (p->season) {
		th[i] = p->gamma;
		step[i++] = p->gamma + 0.05 <= 1 - p->alpha ? 0.05 : -0.5 * p->gamma;
	}
	if (p->damped) {
		th[i] = p->phi;
		step[i++] = p->phi - 0.05 >= ETS_LO_PHI ? -0.05 : 0.05;
	}
	return i;
}

/*
 * Likelihood surfaces of the smoothing parameters are often multimodal (a
 * local optimum at alpha near 0 and another near 1 is common), so the search
 * starts from the best of a small design around forecast::ets's start: alpha
 * in {start, 0.5, 0.95}, beta at 0.1, 0.5 or 0.95 of its range [lo, alpha],
 * gamma at 0.05 or 0.4 of its range [lo, 1 - alpha].  The objective is
 * evaluated in c's current mode; p receives the best start.
 */
static void best_start(struct ets_objctx *c)
{
	const double lo = ETS_LO_SMOOTH, hi = ETS_HI_SMOOTH;
	struct ets_par *p = &c->par, base = *p, best = *p;
	double th[ETS_MAX_DIM], step[ETS_MAX_DIM], fbest = INFINITY;
	const double alphas[] = {base.alpha, 0.5, 0.95};
	const double bfrac[] = {0.1, 0.5, 0.95}, gfrac[] = {0.05, 0.4};

	for (size_t ia = 0; ia < 3; ia++)
		for (size_t ib = 0; ib < (p->trend ? 3u : 1u); ib++)
			for (size_t ig = 0; ig < (p->season ? 2u : 1u); ig++) {
				*p = base;
				p->alpha = alphas[ia];
				if (p->trend)
					p->beta = lo + bfrac[ib] * ((hi < p->alpha ? hi : p->alpha) - lo);
				if (p->season)
					p->gamma = lo + gfrac[ig] * ((hi < 1 - p->alpha ? hi : 1 - p->alpha) - lo);
				smooth_vector(p, th, step);
				gsl_vector_view v = gsl_vector_view_array(th, ETS_MAX_DIM);
				v.vector.size = par_nsmooth(p);
				double f = objective_cb(&v.vector, c);
				if (f < fbest) {
					fbest = f;
					best = *p;
				}
			}
	*p = best;
}

/*
 * The Nelder-Mead variant of R's optim(), which forecast::ets 8.20 runs over
 * every parameter at once: reflection 1, contraction 0.5, expansion 2; the
 * first simplex steps every coordinate by 0.1 max|th|; a point outside the
 * parameter region gets the value 1e35; the search stops when the values of
 * the simplex agree within reltol (|f(start)| + reltol), when a shrink no
 * longer reduces the simplex, or after max_eval evaluations.  th receives the
 * best vertex; returns its value (INFINITY when the start is not finite).
 * Written out rather than GSL's nmsimplex2 (used by the default estimator)
 * because the point is to stop where R stops: nmsimplex2's first simplex,
 * size-based stopping rule and steps differ, and so would the chosen models.
 */
#define ETS_R_BIG 1.0e35
#define ETS_R_RELTOL 1.490116119384765625e-8 /* sqrt(DBL_EPSILON), optim's reltol */

/*
 * Points of the R search with their likelihoods, computed together
 * (ets_admissible_lanes, ets_objective_lanes); the logarithms of the
 * objective wait until a value is wanted: a Nelder-Mead step evaluates its
 * candidates ahead but uses only two of them.
 */
struct r_batch {
	struct ets_par par[ETS_LANES];
	double x0[ETS_LANES][ETS_MAX_STATES];
	int inside[ETS_LANES]; /* unpack_to() accepted the point, admissible too */
	size_t lane[ETS_LANES]; /* where its sums are */
	double val[ETS_LANES];  /* its value once computed, else NaN */
	struct ets_lik_sums sums[ETS_LANES];
};

/* Points th[0..k) into bt, all but the admissibility test (unpack_to). */
static void r_batch_unpack(struct ets_objctx *c, const double *const *th, size_t k,
			   struct r_batch *bt)
{
	for (size_t i = 0; i < k; i++) {
		bt->par[i] = c->par;
		bt->inside[i] = unpack_to(c, &bt->par[i], bt->x0[i], th[i], 0) == 0;
		bt->val[i] = NAN;
	}
}

/* The admissibility test of points idx[0..cnt) still inside, together. */
static void r_batch_admissible(const struct ets_objctx *c, struct r_batch *bt,
			       const size_t *idx, size_t cnt)
{
	const struct ets_par *pp[ETS_LANES];
	size_t at[ETS_LANES], nt = 0;
	int adm[ETS_LANES];

	if (!(c->check_admissible && c->par.season))
		return;
	for (size_t i = 0; i < cnt; i++)
		if (bt->inside[idx[i]]) {
			pp[nt] = &bt->par[idx[i]];
			at[nt++] = idx[i];
		}
	if (nt == 0)
		return;
	ets_admissible_lanes(pp, nt, adm);
	for (size_t i = 0; i < nt; i++)
		bt->inside[at[i]] = adm[i];
}

/* The likelihoods of the points [0..k) still inside, in one pass. */
static void r_batch_objectives(const struct ets_objctx *c, struct r_batch *bt, size_t k)
{
	const struct ets_par *pp[ETS_LANES] = {0};
	const double *xx[ETS_LANES] = {0};
	size_t nin = 0;

	for (size_t i = 0; i < k; i++)
		if (bt->inside[i]) {
			pp[nin] = &bt->par[i];
			xx[nin] = bt->x0[i];
			bt->lane[i] = nin++;
		}
	ets_objective_lanes(pp, xx, nin, c->y, c->n, bt->sums);
}

/* The value of batch point i as far as it is known: ETS_R_BIG outside. */
static double r_batch_raw(struct r_batch *bt, size_t i)
{
	if (!bt->inside[i])
		return ETS_R_BIG;
	if (isnan(bt->val[i])) {
		double f = ets_lik_value(&bt->par[i], &bt->sums[bt->lane[i]]);
		bt->val[i] = f < ETS_PENALTY ? f : ETS_R_BIG;
	}
	return bt->val[i];
}

/*
 * R's value of batch point i: the objective, ETS_R_BIG outside the region
 * (see r_step_values for when the admissibility test is left out).
 */
static double r_batch_value(struct ets_objctx *c, struct r_batch *bt, size_t i)
{
	(*c->nevals)++;
	return r_batch_raw(bt, i);
}

/* Vertices are stored in rows of a multiple of 8 values, for r_centroid. */
enum { R_ROW = (ETS_MAX_DIM + 7) / 8 * 8 };

/* R's values of the vertices v[j], j != skip, ETS_LANES at a time. */
static void r_vertex_values(struct ets_objctx *c, double (*v)[R_ROW], size_t nv,
			    size_t skip, double *fv)
{
	static const size_t all[ETS_LANES] = {0, 1, 2, 3};
	struct r_batch bt;
	const double *pts[ETS_LANES];
	size_t idx[ETS_LANES], k = 0;

	for (size_t j = 0; j <= nv; j++) {
		if (j < nv && j != skip) {
			idx[k] = j;
			pts[k++] = v[j];
		}
		if (k == ETS_LANES || (j == nv && k > 0)) {
			r_batch_unpack(c, pts, k, &bt);
			r_batch_admissible(c, &bt, all, k);
			r_batch_objectives(c, &bt, k);
			for (size_t i = 0; i < k; i++)
				fv[idx[i]] = r_batch_value(c, &bt, i);
			k = 0;
		}
	}
}

/*
 * An iteration of R's Nelder-Mead evaluates the reflection and then one of the
 * expansion, the outside or the inside contraction, depending on the value of
 * the reflection.  All four go through one pass of the likelihood; the
 * path is that of evaluating them in turn (only the two used values count).
 */
enum { R_REFLECT, R_EXPAND, R_OUTSIDE, R_INSIDE, R_NCAND };

/*
 * The centroid of the vertices but v[hi]: each coordinate summed in R's order
 * (-v[hi], then v[0], v[1], ...; v[hi] cancels), eight coordinates at a time
 * in four independent GCC/Clang vector sums (the rows' padding is summed but
 * not used).
 */
typedef double r_v2 __attribute__((vector_size(2 * sizeof(double))));

static void r_centroid(double (*v)[R_ROW], size_t nv, size_t hi, size_t dim, double *cen)
{
	const r_v2 n = {(double)dim, (double)dim};
	for (size_t i = 0; i < dim; i += 8) {
		r_v2 s[4], x;
#pragma GCC unroll 4
		for (size_t q = 0; q < 4; q++) {
			memcpy(&s[q], v[hi] + i + 2 * q, sizeof(x));
			s[q] = -s[q];
		}
		for (size_t j = 0; j < nv; j++)
#pragma GCC unroll 4
			for (size_t q = 0; q < 4; q++) {
				memcpy(&x, v[j] + i + 2 * q, sizeof(x));
				s[q] += x;
			}
#pragma GCC unroll 4
		for (size_t q = 0; q < 4; q++) {
			s[q] /= n;
			memcpy(cen + i + 2 * q, &s[q], sizeof(x));
		}
	}
}

/*
 * The candidates of a step into bt.  A value only steers the search when it
 * beats the value it is compared with (flo or fhi for the reflection, the
 * reflection's for the expansion and the outside contraction, fhi for the
 * inside one), and an inadmissible point counts as ETS_R_BIG, which beats
 * none: so only points that beat theirs need the admissibility test, the
 * reflection's first (when it fails, the inside contraction may need one).
 * When the reflection is outside the bounds only the inside contraction can
 * follow.
 */
static void r_step_values(struct ets_objctx *c, const double *const *pts, double flo,
			  double fhi, struct r_batch *bt)
{
	size_t need[R_NCAND], nn = 0;

	r_batch_unpack(c, pts, R_NCAND, bt);
	if (!bt->inside[R_REFLECT])
		bt->inside[R_EXPAND] = bt->inside[R_OUTSIDE] = 0;
	r_batch_objectives(c, bt, R_NCAND);
	double vr = r_batch_raw(bt, R_REFLECT);
	if (vr < fhi) {
		need[nn++] = R_REFLECT;
		size_t next = vr < flo ? R_EXPAND : R_OUTSIDE;
		if (r_batch_raw(bt, next) < vr)
			need[nn++] = next;
	} else if (r_batch_raw(bt, R_INSIDE) < fhi) {
		need[nn++] = R_INSIDE;
	}
	r_batch_admissible(c, bt, need, nn);
	if (vr < fhi && !bt->inside[R_REFLECT] && r_batch_raw(bt, R_INSIDE) < fhi) {
		const size_t in = R_INSIDE;
		r_batch_admissible(c, bt, &in, 1);
	}
}

static double r_nelder_mead(struct ets_objctx *c, double *th, size_t dim, size_t max_eval)
{
	double v[ETS_MAX_DIM + 1][R_ROW] = {{0}}, fv[ETS_MAX_DIM + 1];
	double cen[R_ROW], cand[R_NCAND][ETS_MAX_DIM];
	const double *pts[R_NCAND] = {cand[0], cand[1], cand[2], cand[3]};
	const size_t nv = dim + 1;
	struct r_batch bt;
	double step = 0.0;

	memcpy(v[0], th, dim * sizeof(double));
	r_vertex_values(c, v, 1, 1, fv);
	if (!(fv[0] < ETS_R_BIG))
		return INFINITY;
	const double convtol = ETS_R_RELTOL * (fabs(fv[0]) + ETS_R_RELTOL);
	for (size_t i = 0; i < dim; i++)
		if (0.1 * fabs(th[i]) > step)
			step = 0.1 * fabs(th[i]);
	if (step == 0.0)
		step = 0.1;
	double size = 0.0;
	for (size_t j = 1; j < nv; j++) {
		memcpy(v[j], th, dim * sizeof(double));
		double tstep = step;
		while (v[j][j - 1] == th[j - 1]) { /* a step lost to rounding grows */
			v[j][j - 1] = th[j - 1] + tstep;
			tstep *= 10;
		}
		size += tstep;
	}
	double oldsize = size;
	size_t evals = 1, lo = 0;
	int fresh = 1;
	while (evals <= max_eval) {
		if (fresh) {
			r_vertex_values(c, v, nv, lo, fv);
			evals += nv - 1;
			fresh = 0;
		}
		size_t hi = lo;
		double flo = fv[lo], fhi = flo;
		for (size_t j = 0; j < nv; j++) {
			if (j == lo)
				continue;
			if (fv[j] < flo) {
				lo = j;
				flo = fv[j];
			}
			if (fv[j] > fhi) {
				hi = j;
				fhi = fv[j];
			}
		}
		if (fhi <= flo + convtol)
			break;
		r_centroid(v, nv, hi, dim, cen);
		double *ref = cand[R_REFLECT];
		for (size_t i = 0; i < dim; i++) {
			ref[i] = 2.0 * cen[i] - v[hi][i];
			cand[R_EXPAND][i] = 2.0 * ref[i] - cen[i];
			cand[R_OUTSIDE][i] = 0.5 * ref[i] + 0.5 * cen[i];
			cand[R_INSIDE][i] = 0.5 * v[hi][i] + 0.5 * cen[i];
		}
		r_step_values(c, pts, flo, fhi, &bt);
		double fr = r_batch_value(c, &bt, R_REFLECT);
		evals++;
		if (fr < flo) {
			double fe = r_batch_value(c, &bt, R_EXPAND);
			evals++;
			if (fe < fr) {
				memcpy(v[hi], cand[R_EXPAND], dim * sizeof(double));
				fv[hi] = fe;
			} else {
				memcpy(v[hi], ref, dim * sizeof(double));
				fv[hi] = fr;
			}
			continue;
		}
		size_t con = R_INSIDE;
		if (fr < fhi) {
			memcpy(v[hi], ref, dim * sizeof(double));
			fv[hi] = fr;
			con = R_OUTSIDE; /* the contraction towards the reflection */
		}
		double fc = r_batch_value(c, &bt, con);
		evals++;
		if (fc < fv[hi]) {
			memcpy(v[hi], cand[con], dim * sizeof(double));
			fv[hi] = fc;
		} else if (fr >= fhi) {
			/* Shrink towards the best vertex. */
			fresh = 1;
			size = 0.0;
			for (size_t j = 0; j < nv; j++) {
				if (j == lo)
					continue;
				for (size_t i = 0; i < dim; i++) {
					v[j][i] = 0.5 * (v[j][i] - v[lo][i]) + v[lo][i];
					size += fabs(v[j][i] - v[lo][i]);
				}
			}
			if (!(size < oldsize))
				break;
			oldsize = size;
		}
	}
	memcpy(th, v[lo], dim * sizeof(double));
	return fv[lo];
}

/*
 * forecast::ets's own estimate (CASPIAN_ETS_ESTIMATE_R): R's Nelder-Mead over
 * the smoothing parameters and the free initial states together, in R's
 * order (seasonal states newest first), from its start (start_params and the
 * heuristic states), on the data as given (R's first simplex and stopping
 * rule depend on their scale).
 */
static int fit_r_way(struct ets_work *w, const double *y, struct ets_objctx *c,
		     const double *x0, struct caspian_ets_model *mod)
{
	struct ets_par *p = &c->par;
	double th[ETS_MAX_DIM], step[ETS_MAX_DIM];
	const size_t nstates = 1 + (p->trend != ETS_NONE);

	c->mode = SEARCH_ALL;
	c->check_admissible = 1;
	c->r_order = 1;
	c->y = y;
	size_t dim = smooth_vector(p, th, step);
	for (size_t k = 0; k < nstates; k++)
		th[dim++] = x0[k] * w->scale;
	for (size_t k = p->m; p->season && k-- > 1;)
		th[dim++] = x0[nstates + k] * (p->season == ETS_ADD ? w->scale : 1.0);
	double f = r_nelder_mead(c, th, dim, w->max_iter);
	c->y = w->ys;
	int bad = !(f < ETS_R_BIG) || unpack(c, th) != 0;
	c->r_order = 0;
	if (bad)
		return CASPIAN_ENOCONV;
	double xs[ETS_MAX_STATES];
	for (size_t k = 0; k < nstates; k++)
		xs[k] = c->x0[k] / w->scale;
	for (size_t k = 0; p->season && k < p->m; k++)
		xs[nstates + k] = c->x0[nstates + k] / (p->season == ETS_ADD ? w->scale : 1.0);
	return finish_fit(w, y, p, xs, mod);
}

/*
 * The search over every parameter at once (forecast::ets's way), used when the
 * profile search fails.
 */
static int fit_full(struct ets_work *w, const double *y, struct ets_objctx *c,
		    const double *x0, struct caspian_ets_model *mod)
{
	struct ets_par *p = &c->par;
	double th[ETS_MAX_DIM], step[ETS_MAX_DIM];
	const size_t off = 1 + (p->trend != ETS_NONE);
	int status;

	c->mode = SEARCH_ALL;
	c->check_admissible = 1;
	size_t i = smooth_vector(p, th, step);
	th[i] = x0[0];
	step[i++] = 0.1 * (fabs(x0[0]) > 0 ? fabs(x0[0]) : 1.0);
	if (p->trend) {
		th[i] = x0[1];
		step[i++] = 0.1 * (fabs(x0[1]) > 1e-3 ? fabs(x0[1]) : 1e-3) + 0.01;
	}
	if (p->season)
		for (size_t k = 1; k < p->m; k++) {
			th[i] = x0[off + k];
			step[i++] = p->season == ETS_MUL ? 0.05 : 0.05 * fabs(x0[0]);
		}
	double fbest = nm_search(w, c, th, step, i, &status);
	if (status != CASPIAN_OK)
		return status;
	if (!(fbest < ETS_PENALTY) || unpack(c, th) != 0)
		return CASPIAN_ENOCONV;
	return finish_fit(w, y, p, c->x0, mod);
}

/*
 * Fit one model.  Non-seasonal models: Nelder-Mead over the smoothing
 * parameters with the initial states profiled out, from the best point of a
 * small design (best_start).  With CASPIAN_ETS_ESTIMATE_R every model is
 * fitted by forecast::ets's own search (fit_r_way), these searches being the
 * fallback.  Seasonal models, whose many initial states make
 * that search slow, alternate two steps: the initial states maximised out by
 * Gauss-Newton (ets_profile) for the current smoothing parameters, and a
 * Nelder-Mead search over the smoothing parameters with those states held,
 * until a round gains less than tol.  Their search starts where forecast::ets
 * starts (start_params), not from the design: on the validation split of the
 * M3 training data the design's starts (larger alpha and gamma) lowered the
 * accuracy of the quarterly and monthly forecasts.  Then the final filter on the original
 * data.  Returns CASPIAN_OK, CASPIAN_ENOCONV (no finite likelihood) or
 * CASPIAN_ENOMEM; mod->par, x0, xend and criteria are filled on success.
 */
static int fit_one(struct ets_work *w, const double *y, const struct ets_par *type,
		   struct caspian_ets_model *mod)
{
	struct ets_objctx c = {.par = *type, .y = w->ys, .n = w->n, .ring = w->ring,
			       .nevals = &w->nevals, .dwork = w->dwork, .inner_tol = w->tol};
	struct ets_par *p = &c.par;
	double th[ETS_MAX_DIM], step[ETS_MAX_DIM], x0[ETS_MAX_STATES];
	const size_t off = 1 + (p->trend != ETS_NONE);
	int status;

	start_params(p);
	if (ets_init_states(p, w->yi, w->n, x0, w->scratch) != 0)
		return CASPIAN_ENOCONV;
	if (w->estimator == CASPIAN_ETS_ESTIMATE_R) {
		status = fit_r_way(w, y, &c, x0, mod);
		if (status != CASPIAN_ENOCONV)
			return status;
		c.par = *type;
		start_params(p);
	}
	if (!p->season) {
		/* Few states: the profile search is cheap and finds the joint optimum. */
		c.thx[0] = x0[0];
		if (p->trend)
			c.thx[1] = x0[1];
		c.best = ets_profile(p, w->ys, w->n, c.thx, ETS_GN_FIRST, w->tol, w->dwork);
		c.mode = SEARCH_PROFILE;
		c.inner_steps = ETS_GN_STEPS;
		c.check_admissible = 1;
		if (c.best < ETS_PENALTY) {
			best_start(&c);
			size_t dim = smooth_vector(p, th, step);
			double f = nm_search(w, &c, th, step, dim, &status);
			if (status != CASPIAN_OK)
				return status;
			f = snap_to_bounds(&c, th, dim, f);
			double xs[ETS_MAX_STATES];
			if (f < ETS_PENALTY && unpack(&c, th) == 0) {
				ets_states_from_free(p, c.thx, xs);
				if (finish_fit(w, y, p, xs, mod) == CASPIAN_OK)
					return CASPIAN_OK;
			}
		}
		c.par = *type;
		start_params(p);
		return fit_full(w, y, &c, x0, mod);
	}

	c.thx[0] = x0[0];
	if (p->trend)
		c.thx[1] = x0[1];
	for (size_t k = 1; k < p->m; k++)
		c.thx[off + k - 1] = x0[off + k];
	double fcur = ets_profile(p, w->ys, w->n, c.thx, ETS_GN_FIRST, w->tol, w->dwork);
	if (fcur < ETS_PENALTY) {
		c.check_admissible = 1;
		for (size_t round = 0; round < w->rounds; round++) {
			c.mode = SEARCH_SMOOTH;
			ets_states_from_free(p, c.thx, c.x0);
			size_t dim = smooth_vector(p, th, step);
			if (round > 0)
				for (size_t i = 0; i < dim; i++)
					step[i] *= 0.5;
			struct ets_par keep = *p;
			/*
			 * The admissibility test costs a fair part of an evaluation here
			 * and rarely binds inside the usual bounds: search without it, and
			 * again with it when the optimum found is not admissible.
			 */
			double th0[ETS_MAX_DIM];
			memcpy(th0, th, dim * sizeof(double));
			c.check_admissible = 0;
			double f = nm_search(w, &c, th, step, dim, &status);
			if (status != CASPIAN_OK)
				return status;
			c.check_admissible = 1;
			if (f < ETS_PENALTY && unpack(&c, th) != 0) {
				memcpy(th, th0, dim * sizeof(double));
				f = nm_search(w, &c, th, step, dim, &status);
				if (status != CASPIAN_OK)
					return status;
			}
			f = snap_to_bounds(&c, th, dim, f);
			if (!(f < ETS_PENALTY) || unpack(&c, th) != 0) {
				*p = keep;
				break;
			}
			double thx[ETS_MAX_STATES];
			memcpy(thx, c.thx, sizeof(thx));
			double g = ets_profile(p, w->ys, w->n, thx, ETS_GN_STEPS, w->tol, w->dwork);
			if (g < f) {
				memcpy(c.thx, thx, sizeof(thx));
				f = g;
			}
			double gain = fcur - f;
			if (!(f < fcur)) {
				*p = keep;
				break;
			}
			fcur = f;
			if (gain <= w->tol * (1.0 + fabs(fcur)))
				break;
		}
		double xs[ETS_MAX_STATES];
		ets_states_from_free(p, c.thx, xs);
		if (finish_fit(w, y, p, xs, mod) == CASPIAN_OK)
			return CASPIAN_OK;
	}
	/* Fall back on the joint search from the heuristic start. */
	c.par = *type;
	start_params(p);
	return fit_full(w, y, &c, x0, mod);
}

static void work_free(struct ets_work *w)
{
	for (size_t d = 0; d <= ETS_MAX_DIM; d++)
		if (w->nm[d])
			gsl_multimin_fminimizer_free(w->nm[d]);
	gsl_vector_free(w->x);
	gsl_vector_free(w->step);
	free(w->ys);
}

/* Scaled copies of y; linear interpolation across missing values for yi. */
static int work_init(struct ets_work *w, const double *y, size_t n,
		     const struct caspian_ets_opts *o)
{
	memset(w, 0, sizeof(*w));
	w->n = n;
	w->max_iter = o->max_iter;
	w->tol = o->tol;
	w->size_tol = o->size_tol;
	w->rounds = o->rounds;
	w->estimator = o->estimator;
	w->ys = malloc(5 * n * sizeof(double));
	w->x = gsl_vector_alloc(ETS_MAX_DIM);
	w->step = gsl_vector_alloc(ETS_MAX_DIM);
	if (!w->ys || !w->x || !w->step) {
		work_free(w);
		return CASPIAN_ENOMEM;
	}
	w->yi = w->ys + n;
	w->scratch = w->ys + 2 * n;

	double sum = 0.0;
	w->positive = 1;
	for (size_t t = 0; t < n; t++)
		if (!isnan(y[t])) {
			sum += fabs(y[t]);
			w->nobs++;
			if (!(y[t] > 0))
				w->positive = 0;
		}
	w->scale = sum > 0 ? sum / (double)w->nobs : 1.0;
	for (size_t t = 0; t < n; t++)
		w->ys[t] = y[t] / w->scale;

	size_t prev = n; /* index of the last observed value */
	for (size_t t = 0; t < n; t++) {
		if (isnan(w->ys[t]))
			continue;
		if (prev == n) {
			for (size_t k = 0; k < t; k++)
				w->yi[k] = w->ys[t];
		} else {
			for (size_t k = prev + 1; k < t; k++)
				w->yi[k] = w->ys[prev] + (w->ys[t] - w->ys[prev]) *
								 (double)(k - prev) / (double)(t - prev);
		}
		w->yi[t] = w->ys[t];
		prev = t;
	}
	for (size_t k = prev + 1; k < n; k++)
		w->yi[k] = w->ys[prev];
	return CASPIAN_OK;
}

static int comp_code(char c)
{
	return c == 'A' ? ETS_ADD : c == 'M' ? ETS_MUL : c == 'N' ? ETS_NONE : -1;
}

/* Constant series: the documented fallback. */
static void fit_constant(struct caspian_ets_model *mod, double value, size_t nobs)
{
	memset(&mod->par, 0, sizeof(mod->par));
	mod->par.error = ETS_ADD;
	mod->par.m = 1;
	mod->par.alpha = ETS_LO_SMOOTH;
	mod->par.phi = 1.0;
	mod->x0[0] = value;
	mod->xend[0] = value;
	mod->nobs = nobs;
	mod->k = 3;
	mod->sse = 0.0;
	mod->sigma2 = 0.0;
	mod->loglik = INFINITY;
	mod->aic = mod->aicc = mod->bic = -INFINITY;
	mod->constant = 1;
}

/* Is spec a single model (no selection)? */
static int spec_is_single(const struct caspian_ets_spec *s)
{
	return s && s->error != 'Z' && s->trend != 'Z' && s->season != 'Z' &&
	       (s->trend == 'N' ? s->damped <= 0 : s->damped >= 0);
}

static int check_spec(const struct caspian_ets_spec *s, struct caspian_error *err)
{
	if (!s)
		return CASPIAN_OK;
	if (!strchr("AMZ", s->error) || !s->error)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ETS error component must be A, M or Z (got '%c')",
					 s->error ? s->error : '?');
	if (!strchr("NAZ", s->trend) || !s->trend)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ETS trend component must be N, A or Z (got '%c'); "
					 "multiplicative trends are not offered",
					 s->trend ? s->trend : '?');
	if (!strchr("NAMZ", s->season) || !s->season)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ETS season component must be N, A, M or Z (got '%c')",
					 s->season ? s->season : '?');
	if (s->damped < -1 || s->damped > 1)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ETS damped must be 0, 1 or -1 (either), got %d",
					 s->damped);
	if (s->damped == 1 && s->trend == 'N')
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "a damped ETS model needs a trend (trend N given)");
	if (s->error == 'A' && s->season == 'M')
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ETS(A,*,M) is not an admissible model: additive errors "
					 "with a multiplicative season are numerically unstable; "
					 "use ETS(M,*,M)");
	return CASPIAN_OK;
}

void caspian_ets_opts_init(struct caspian_ets_opts *o)
{
	o->season_period = 1;
	o->allow_multiplicative = 1;
	o->seed = CASPIAN_ETS_DEFAULT_SEED;
	o->nsim = 5000;
	o->max_iter = 2000;
	o->tol = 1e-8;
	o->size_tol = 1e-3;
	o->rounds = 1;
	o->pi_method = CASPIAN_ETS_PI_CALIBRATED;
	o->estimator = CASPIAN_ETS_ESTIMATE_ML;
	o->ic = CASPIAN_ETS_IC_AICC;
}

static int check_opts(const struct caspian_ets_opts *o, struct caspian_error *err)
{
	if (o->season_period < 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "seasonal period must be >= 1 (got %d)", o->season_period);
	if (o->nsim < 100)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "simulated intervals need at least 100 paths (got %d)",
					 o->nsim);
	if (o->max_iter == 0 || o->rounds == 0)
		return caspian_error_set(err, CASPIAN_EINVAL, "max_iter and rounds must be positive");
	if (!(o->size_tol > 0) || !isfinite(o->size_tol))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "size_tol must be finite and > 0 (got %g)", o->size_tol);
	if (!(o->tol >= 0) || !isfinite(o->tol))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "tol must be finite and >= 0 (got %g)", o->tol);
	if (o->pi_method != CASPIAN_ETS_PI_CALIBRATED && o->pi_method != CASPIAN_ETS_PI_MODEL)
		return caspian_error_set(err, CASPIAN_EINVAL, "unknown interval method %d",
					 o->pi_method);
	if (o->estimator != CASPIAN_ETS_ESTIMATE_ML && o->estimator != CASPIAN_ETS_ESTIMATE_R)
		return caspian_error_set(err, CASPIAN_EINVAL, "unknown estimator %d", o->estimator);
	if (o->ic != CASPIAN_ETS_IC_AICC && o->ic != CASPIAN_ETS_IC_AIC && o->ic != CASPIAN_ETS_IC_BIC)
		return caspian_error_set(err, CASPIAN_EINVAL, "unknown information criterion %d",
					 o->ic);
	return CASPIAN_OK;
}

static double criterion(const struct caspian_ets_model *m, int ic)
{
	return ic == CASPIAN_ETS_IC_AIC ? m->aic : ic == CASPIAN_ETS_IC_BIC ? m->bic : m->aicc;
}

/* Why a candidate cannot be fitted (0 = it can); the message goes to err for named models. */
enum { SKIP_NONE = 0, SKIP_SHORT, SKIP_NONPOS, SKIP_PERIOD, SKIP_MULT };

static int candidate_skip(const struct ets_par *p, const struct ets_work *w, size_t mseason,
			  int allow_mult)
{
	if (p->season != ETS_NONE && (mseason < 2 || mseason > CASPIAN_ETS_MAX_PERIOD))
		return SKIP_PERIOD;
	if ((p->error == ETS_MUL || p->season == ETS_MUL) && !allow_mult)
		return SKIP_MULT;
	if ((p->error == ETS_MUL || p->season == ETS_MUL) && !w->positive)
		return SKIP_NONPOS;
	if (p->season != ETS_NONE && w->n <= mseason)
		return SKIP_SHORT;
	if (w->nobs < par_count(p) + 2)
		return SKIP_SHORT;
	return SKIP_NONE;
}

static void par_name(const struct ets_par *p, char *buf, size_t n)
{
	static const char comp[] = "NAM";
	snprintf(buf, n, "ETS(%c,%c%s,%c)", comp[p->error], comp[p->trend],
		 p->damped ? "d" : "", comp[p->season]);
}

static int skip_error(const struct ets_par *p, int why, const struct ets_work *w,
		      const double *y, size_t mseason, struct caspian_error *err)
{
	char name[32];
	par_name(p, name, sizeof(name));
	switch (why) {
	case SKIP_PERIOD:
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "%s needs a seasonal period between 2 and %d (got %zu)",
					 name, CASPIAN_ETS_MAX_PERIOD, mseason);
	case SKIP_MULT:
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "%s is multiplicative but multiplicative models are "
					 "disabled", name);
	case SKIP_NONPOS: {
		size_t t = 0;
		while (t < w->n && (isnan(y[t]) || y[t] > 0))
			t++;
		return caspian_error_set(err, CASPIAN_EDOM,
					 "%s needs positive values, but value %zu is %g", name,
					 t + 1, t < w->n ? y[t] : 0.0);
	}
	default: {
		size_t need = par_count(p) + 2;
		if (p->season != ETS_NONE && need < mseason + 1)
			need = mseason + 1;
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "%s needs at least %zu observed values (%zu parameters "
					 "and initial states plus 2), got %zu",
					 name, need, par_count(p), w->nobs);
	}
	}
}

int caspian_ets_fit(const double *y, size_t n, const struct caspian_ets_spec *spec,
		    const struct caspian_ets_opts *o, struct caspian_ets_model **out,
		    struct caspian_error *err)
{
	struct caspian_ets_opts defaults;
	struct ets_work w;
	int rc;

	if (!o) {
		caspian_ets_opts_init(&defaults);
		o = &defaults;
	}
	if (!y || !out)
		return caspian_error_set(err, CASPIAN_EINVAL, "ETS fit: NULL argument");
	if (n == 0)
		return caspian_error_set(err, CASPIAN_EINVAL, "ETS fit: empty series");
	if ((rc = check_opts(o, err)) != CASPIAN_OK || (rc = check_spec(spec, err)) != CASPIAN_OK)
		return rc;
	size_t nobs = 0, first = n;
	int constant = 1;
	for (size_t t = 0; t < n; t++) {
		if (isnan(y[t]))
			continue;
		if (isinf(y[t]))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "ETS fit: value %zu is infinite", t + 1);
		if (first == n)
			first = t;
		else if (y[t] != y[first])
			constant = 0;
		nobs++;
	}
	if (nobs == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "ETS fit: every value is missing");

	struct caspian_ets_model *best = calloc(1, sizeof(*best));
	if (!best || !(best->y = malloc(n * sizeof(double)))) {
		free(best);
		return caspian_error_set(err, CASPIAN_ENOMEM, "ETS fit: out of memory");
	}
	memcpy(best->y, y, n * sizeof(double));
	best->n = n;
	best->seed = o->seed ? o->seed : CASPIAN_ETS_DEFAULT_SEED;
	best->nsim = o->nsim;
	best->pi_method = o->pi_method;
	if (constant) {
		fit_constant(best, y[first], nobs);
		*out = best;
		return CASPIAN_OK;
	}
	if ((rc = work_init(&w, y, n, o)) != CASPIAN_OK) {
		caspian_ets_free(best);
		return caspian_error_set(err, rc, "ETS fit: out of memory");
	}

	const size_t mseason = o->season_period > 1 ? (size_t)o->season_period : 1;
	const int single = spec_is_single(spec);
	static const int errs[] = {ETS_ADD, ETS_MUL}, trends[] = {ETS_NONE, ETS_ADD},
			 seasons[] = {ETS_NONE, ETS_ADD, ETS_MUL}, damps[] = {1, 0};
	struct caspian_ets_model cand;
	int found = 0, first_skip = SKIP_NONE, fit_status = CASPIAN_OK;
	struct ets_par first_skipped = {0};
	double best_ic = INFINITY;

	for (size_t ie = 0; ie < 2; ie++)
		for (size_t it = 0; it < 2; it++)
			for (size_t is = 0; is < 3; is++)
				for (size_t id = 0; id < 2; id++) {
					struct ets_par p = {.error = errs[ie], .trend = trends[it],
							    .season = seasons[is],
							    .damped = damps[id]};
					if (p.trend == ETS_NONE && p.damped)
						continue;
					if (p.error == ETS_ADD && p.season == ETS_MUL)
						continue;
					if (spec && ((spec->error != 'Z' &&
						      comp_code(spec->error) != p.error) ||
						     (spec->trend != 'Z' &&
						      comp_code(spec->trend) != p.trend) ||
						     (spec->season != 'Z' &&
						      comp_code(spec->season) != p.season) ||
						     (spec->damped >= 0 && spec->damped != p.damped)))
						continue;
					p.m = p.season ? mseason : 1;
					int allow = o->allow_multiplicative || single;
					int why = candidate_skip(&p, &w, mseason, allow);
					if (why) {
						if (!first_skip) {
							first_skip = why;
							first_skipped = p;
						}
						continue;
					}
					memset(&cand, 0, sizeof(cand));
					int st = fit_one(&w, y, &p, &cand);
					if (st == CASPIAN_ENOMEM) {
						fit_status = st;
						goto done;
					}
					if (st != CASPIAN_OK) {
						if (!fit_status)
							fit_status = st;
						continue;
					}
					double ic = criterion(&cand, o->ic);
					if (!found || ic < best_ic) {
						best_ic = ic;
						memcpy(&best->par, &cand.par, sizeof(cand.par));
						memcpy(best->x0, cand.x0, sizeof(cand.x0));
						memcpy(best->xend, cand.xend, sizeof(cand.xend));
						best->nobs = cand.nobs;
						best->k = cand.k;
						best->sse = cand.sse;
						best->loglik = cand.loglik;
						best->aic = cand.aic;
						best->aicc = cand.aicc;
						best->bic = cand.bic;
						best->sigma2 = cand.sigma2;
						found = 1;
					}
				}
done:
	if (fit_status == CASPIAN_ENOMEM) {
		rc = caspian_error_set(err, CASPIAN_ENOMEM, "ETS fit: out of memory");
	} else if (found) {
		rc = CASPIAN_OK;
	} else if (first_skip && !fit_status) {
		rc = skip_error(&first_skipped, first_skip, &w, y, mseason, err);
	} else {
		rc = caspian_error_set(err, CASPIAN_ENOCONV,
				       "ETS fit: no model reached a finite likelihood");
	}
	work_free(&w);
	if (rc != CASPIAN_OK) {
		caspian_ets_free(best);
		return rc;
	}
	*out = best;
	return CASPIAN_OK;
}

void caspian_ets_free(struct caspian_ets_model *m)
{
	if (!m)
		return;
	free(m->y);
	free(m);
}
