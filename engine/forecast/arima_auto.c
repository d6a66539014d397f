/*
 * arima_auto.c - automatic order selection after Hyndman and Khandakar
 * (2008), following the rules of R's forecast::auto.arima (version 8.20):
 *
 *  1. D: one seasonal difference when the seasonal strength of the series,
 *     1 - var(remainder) / var(remainder + seasonal), exceeds 0.64 on the
 *     STL decomposition R uses (arima_stl.c).
 *  2. d: KPSS tests for level stationarity at 5% (lag trunc(3 sqrt(n) / 13)),
 *     differencing until the test no longer rejects, at most max_d times.
 *  3. A stepwise search over (p, q, P, Q, constant) minimising AICc: four
 *     start models, then the neighbourhood moves of forecast::auto.arima in
 *     its order, restarting after every improvement, at most nmodels fits.
 *     A model is disqualified when a root of its AR or MA polynomial lies
 *     within 1.01 of the unit circle or its coefficient covariance is not
 *     positive.  That check only matters for a model that would become the
 *     best so far, so it is only run then (the search path is the same).
 *  4. With approximation (n > 150 or m > 12), the search uses CSS estimates
 *     and criteria offset by the (0,d,0)(0,D,0) model's likelihood; the best
 *     models are then refitted by maximum likelihood in order of criterion
 *     until one is acceptable.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/arima_internal.h"

int cx_arima_is_constant(const double *x, size_t n)
{
	/* all.equal(x, rep(x[1], n)): mean absolute difference relative to the
	 * mean absolute value, tolerance 1.5e-8 */
	size_t i0 = 0;
	while (i0 < n && isnan(x[i0]))
		i0++;
	if (i0 == n)
		return 1;
	double x0 = x[i0], sd = 0, sa = 0;
	size_t k = 0;
	for (size_t i = i0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		sd += fabs(x[i] - x0);
		sa += fabs(x[i]);
		k++;
	}
	sd /= (double)k;
	sa /= (double)k;
	const double tol = 1.5e-8;
	double rel = sa > tol ? sd / sa : sd;
	return rel <= tol;
}

double cx_arima_kpss_stat(const double *x, size_t n, size_t lag)
{
	double mean = 0;
	for (size_t i = 0; i < n; i++)
		mean += x[i];
	mean /= (double)n;
	double s = 0, num = 0, s2 = 0;
	for (size_t i = 0; i < n; i++) {
		double e = x[i] - mean;
		s += e;
		num += s * s;
		s2 += e * e;
	}
	double nn = (double)n;
	num /= nn * nn;
	double den = s2 / nn;
	for (size_t l = 1; l <= lag && l < n; l++) {
		double cv = 0;
		for (size_t t = l; t < n; t++)
			cv += (x[t] - mean) * (x[t - l] - mean);
		den += 2.0 / nn * (1 - (double)l / (double)(lag + 1)) * cv;
	}
	return num / den;
}

/* p-value of the KPSS level statistic by linear interpolation in the
 * table of Kwiatkowski et al. (1992), clamped to [0.01, 0.10] (urca). */
static double kpss_pvalue(double stat)
{
	static const double cv[] = {0.347, 0.463, 0.574, 0.739};
	static const double pv[] = {0.10, 0.05, 0.025, 0.01};
	if (stat <= cv[0])
		return pv[0];
	for (int i = 1; i < 4; i++)
		if (stat <= cv[i])
			return pv[i - 1] + (pv[i] - pv[i - 1]) * (stat - cv[i - 1]) / (cv[i] - cv[i - 1]);
	return pv[3];
}

int cx_arima_ndiffs(const double *x, size_t n, double alpha, int max_d, double *scratch)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			scratch[len++] = x[i];
	if (len < 2 || cx_arima_is_constant(scratch, len))
		return 0;
	int d = 0;
	for (;;) {
		size_t lag = (size_t)trunc(3 * sqrt((double)len) / 13);
		double st = cx_arima_kpss_stat(scratch, len, lag);
		if (!isfinite(st) || !(kpss_pvalue(st) < alpha) || d >= max_d)
			return d;
		d++;
		for (size_t i = 0; i + 1 < len; i++)
			scratch[i] = scratch[i + 1] - scratch[i];
		len--;
		if (len < 2 || cx_arima_is_constant(scratch, len))
			return d;
	}
}

/* ---- the search ---- */

struct tried {
	int p, q, P, Q, c;
};

struct search {
	const struct cx_arima_data *data;
	struct cx_arima_fitopts fo;
	int d, D, m;
	struct tried *tried;
	double *tried_ic;
	int ntried, cap;
	struct cx_arima_result best;
	int have_best;
	struct caspian_error *err;
};

static int was_tried(const struct search *s, int p, int q, int P, int Q, int c)
{
	for (int i = 0; i < s->ntried; i++) {
		const struct tried *t = &s->tried[i];
		if (t->p == p && t->q == q && t->P == P && t->Q == Q && t->c == c)
			return 1;
	}
	return 0;
}

static enum cx_arima_reg reg_for(int d, int D, int c)
{
	if (!c)
		return CX_REG_NONE;
	return d + D == 0 ? CX_REG_MEAN : CX_REG_DRIFT;
}

/*
 * Fit one candidate and make it the best when its criterion is lower (or
 * when force is set, for the first model).  Returns 1 if it became the
 * best, 0 if not, -1 on a hard error (memory).
 */
static int try_model(struct search *s, int p, int q, int P, int Q, int c, int force)
{
	struct cx_arima_spec spec = {p, s->d, q, P, s->D, Q, s->m, reg_for(s->d, s->D, c)};
	if (s->ntried == s->cap) {
		int cap = s->cap ? 2 * s->cap : 64;
		struct tried *t = realloc(s->tried, (size_t)cap * sizeof(*t));
		if (!t)
			return -1;
		s->tried = t;
		double *ic = realloc(s->tried_ic, (size_t)cap * sizeof(double));
		if (!ic)
			return -1;
		s->tried_ic = ic;
		s->cap = cap;
	}
	s->tried[s->ntried] = (struct tried){p, q, P, Q, c};
	s->tried_ic[s->ntried] = INFINITY;
	s->ntried++;
	struct cx_arima_result res;
	struct caspian_error e;
	caspian_error_init(&e);
	int st = cx_arima_estimate(s->data, &spec, &s->fo, &res, &e);
	if (st == CASPIAN_ENOMEM) {
		caspian_error_set(s->err, st, "%s", e.msg);
		return -1;
	}
	if (st != CASPIAN_OK) {
		res.ok = 0;
		res.ic = INFINITY;
	}
	double ic = res.ok ? res.ic : INFINITY;
	int better = force || !s->have_best || ic < s->best.ic;
	/* With approximation every model is checked (the refit order depends
	 * on all criteria); otherwise only a model about to become the best. */
	if (res.ok && isfinite(ic) && (better || s->fo.css_only) && cx_arima_reject(s->data, &res, &s->fo))
		ic = INFINITY;
	res.ic = ic;
	s->tried_ic[s->ntried - 1] = ic;
	better = force || !s->have_best || ic < s->best.ic;
	if (better) {
		if (s->have_best)
			cx_arima_result_release(&s->best);
		s->best = res;
		s->have_best = 1;
		return 1;
	}
	cx_arima_result_release(&res);
	return 0;
}

struct limits {
	int max_p, max_q, max_P, max_Q;
	int allow; /* constant may be toggled */
};

static int stepwise(struct search *s, int p, int q, int P, int Q, int c, const struct limits *L,
		    int nmodels)
{
	int st, m1 = s->m > 1;
	if ((st = try_model(s, p, q, P, Q, c, 1)) < 0)
		return -1;
	if ((st = try_model(s, 0, 0, 0, 0, c, 0)) < 0)
		return -1;
	if (st)
		p = q = P = Q = 0;
	if (L->max_p > 0 || L->max_P > 0) {
		int np = L->max_p > 0, nP = m1 && L->max_P > 0;
		if ((st = try_model(s, np, 0, nP, 0, c, 0)) < 0)
			return -1;
		if (st) {
			p = np;
			P = nP;
			q = Q = 0;
		}
	}
	if (L->max_q > 0 || L->max_Q > 0) {
		int nq = L->max_q > 0, nQ = m1 && L->max_Q > 0;
		if ((st = try_model(s, 0, nq, 0, nQ, c, 0)) < 0)
			return -1;
		if (st) {
			p = P = 0;
			q = nq;
			Q = nQ;
		}
	}
	if (c) {
		if ((st = try_model(s, 0, 0, 0, 0, 0, 0)) < 0)
			return -1;
		if (st)
			p = q = P = Q = 0;
	}
	/* neighbourhood moves in forecast::auto.arima's order */
	static const int moves[16][4] = {
		{0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1},
		{0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1}, {0, 0, 1, 1},
		{-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
		{-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0},
	};
	int k = s->ntried, startk = 0;
	while (startk < k && k < nmodels) {
		startk = k;
		int improved = 0;
		for (int mv = 0; mv < 16 && !improved; mv++) {
			int np = p + moves[mv][0], nq = q + moves[mv][1];
			int nP = P + moves[mv][2], nQ = Q + moves[mv][3];
			if (np < 0 || nq < 0 || nP < 0 || nQ < 0 || np > L->max_p || nq > L->max_q ||
			    nP > L->max_P || nQ > L->max_Q)
				continue;
			if (was_tried(s, np, nq, nP, nQ, c))
				continue;
			k++;
			if (k > nmodels)
				break;
			if ((st = try_model(s, np, nq, nP, nQ, c, 0)) < 0)
				return -1;
			if (st) {
				p = np;
				q = nq;
				P = nP;
				Q = nQ;
				improved = 1;
			}
		}
		if (improved || k > nmodels)
			continue;
		if (L->allow && !was_tried(s, p, q, P, Q, !c)) {
			k++;
			if (k > nmodels)
				continue;
			if ((st = try_model(s, p, q, P, Q, !c, 0)) < 0)
				return -1;
			if (st)
				c = !c;
		}
	}
	return 0;
}

static int exhaustive(struct search *s, int c, const struct limits *L, int max_order)
{
	int first = 1;
	for (int p = 0; p <= L->max_p; p++)
		for (int q = 0; q <= L->max_q; q++)
			for (int P = 0; P <= L->max_P; P++)
				for (int Q = 0; Q <= L->max_Q; Q++) {
					if (p + q + P + Q > max_order)
						continue;
					for (int k = 0; k <= (c || L->allow); k++) {
						if (try_model(s, p, q, P, Q, k, first) < 0)
							return -1;
						first = 0;
					}
				}
	return 0;
}

/* Refit by maximum likelihood the models of an approximate search, best
 * criterion first, until one is acceptable. */
static int refit_exact(struct search *s)
{
	int n = s->ntried;
	int *idx = malloc((size_t)(n > 0 ? n : 1) * sizeof(int));
	if (!idx)
		return -1;
	for (int i = 0; i < n; i++)
		idx[i] = i;
	/* insertion sort keeps ties in search order, as R's order() does */
	for (int i = 1; i < n; i++) {
		int v = idx[i], j = i;
		while (j > 0 && s->tried_ic[idx[j - 1]] > s->tried_ic[v]) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
	struct cx_arima_fitopts fo = s->fo;
	fo.css_only = 0;
	fo.offset = 0;
	int found = 0;
	for (int i = 0; i < n && !found; i++) {
		const struct tried *t = &s->tried[idx[i]];
		struct cx_arima_spec spec = {t->p, s->d, t->q, t->P, s->D, t->Q, s->m,
					     reg_for(s->d, s->D, t->c)};
		struct cx_arima_result res;
		if (cx_arima_estimate(s->data, &spec, &fo, &res, s->err) == CASPIAN_ENOMEM) {
			free(idx);
			return -1;
		}
		if (res.ok && res.ic < INFINITY && !cx_arima_reject(s->data, &res, &fo)) {
			cx_arima_result_release(&s->best);
			s->best = res;
			found = 1;
		} else {
			cx_arima_result_release(&res);
		}
	}
	free(idx);
	return found;
}

static double mean_finite(const double *x, size_t n)
{
	double s = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i])) {
			s += x[i];
			k++;
		}
	return k ? s / (double)k : NAN;
}

static int all_nan(const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			return 0;
	return 1;
}

/* forecast::auto.arima's fits for a series that differencing makes constant */
static int degenerate_fit(const struct cx_arima_data *data, int d, int D, int m,
			  const double *dx, size_t ndx, const struct cx_arima_fitopts *fo0,
			  struct cx_arima_result *best, struct caspian_error *err)
{
	struct cx_arima_fitopts fo = *fo0;
	struct cx_arima_spec spec = {0, d, 0, 0, D, 0, m, CX_REG_NONE};
	double mu = mean_finite(dx, ndx);
	if (D > 0 && d == 0) {
		spec.reg = CX_REG_DRIFT;
		fo.fix_beta = 1;
		fo.beta = mu / m;
	} else if (D == 0 && d < 2) {
		spec.reg = d == 0 ? CX_REG_MEAN : CX_REG_DRIFT;
		fo.fix_beta = 1;
		fo.beta = mu;
	}
	int st = cx_arima_estimate(data, &spec, &fo, best, err);
	if (st != CASPIAN_OK)
		return st;
	if (!best->ok) {
		cx_arima_result_release(best);
		return caspian_error_set(err, CASPIAN_ENOCONV,
					 "the differenced series is constant and its model could not be evaluated");
	}
	return CASPIAN_OK;
}

int cx_arima_auto(const struct cx_arima_data *data, const struct caspian_arima_opts *o,
		  struct cx_arima_result *best, int *degenerate, struct caspian_error *err)
{
	size_t n = data->n, sl = data->nobs;
	int m = o->seasonal && o->period > 1 ? o->period : 1;
	struct limits L;
	int isl = sl > 1000000 ? 1000000 : (int)sl;
	L.max_p = o->max_p < isl / 3 ? o->max_p : isl / 3;
	L.max_q = o->max_q < isl / 3 ? o->max_q : isl / 3;
	L.max_P = o->max_P < isl / 3 / m ? o->max_P : isl / 3 / m;
	L.max_Q = o->max_Q < isl / 3 / m ? o->max_Q : isl / 3 / m;
	*degenerate = 0;
	memset(best, 0, sizeof(*best));

	double *buf = malloc((9 * n + 16 * (size_t)m + 8) * sizeof(double));
	if (!buf)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	double *dx = buf, *scratch = buf + n;

	/* seasonal differencing */
	int D = 0;
	if (m == 1) {
		L.max_P = L.max_Q = 0;
	} else if (o->D >= 0) {
		D = o->D;
	} else if (n > 2 * (size_t)m && !cx_arima_is_constant(data->y, n) && (size_t)m < n) {
		memcpy(dx, data->y, n * sizeof(double));
		size_t len = n;
		int dodiff = cx_arima_stl_strength(dx, len, m, scratch) > o->seasonal_strength;
		while (dodiff && D < o->max_D) {
			D++;
			len = cx_arima_diff(dx, len, 0, 1, m, dx);
			if (len == 0 || cx_arima_is_constant(dx, len))
				break;
			dodiff = len >= 2 * (size_t)m && D < o->max_D &&
				 cx_arima_stl_strength(dx, len, m, scratch) > o->seasonal_strength;
		}
	}
	size_t ndx = n;
	memcpy(dx, data->y, n * sizeof(double));
	if (D > 0) {
		ndx = cx_arima_diff(dx, n, 0, D, m, dx);
		if (ndx == 0 || all_nan(dx, ndx)) {
			D--;
			memcpy(dx, data->y, n * sizeof(double));
			ndx = cx_arima_diff(dx, n, 0, D, m, dx);
		}
	}
	/* non-seasonal differencing */
	int d = o->d;
	if (d < 0) {
		double alpha = o->kpss_alpha < 0.01 ? 0.01 : o->kpss_alpha > 0.1 ? 0.1 : o->kpss_alpha;
		d = cx_arima_ndiffs(dx, ndx, alpha, o->max_d, scratch);
		if (d > 0) {
			memcpy(scratch, dx, ndx * sizeof(double));
			size_t l2 = cx_arima_diff(scratch, ndx, d, 0, 1, scratch);
			if (l2 == 0 || all_nan(scratch, l2))
				d--;
		}
	}
	ndx = cx_arima_diff(dx, ndx, d, 0, 1, dx);
	if (ndx == 0 || all_nan(dx, ndx)) {
		free(buf);
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "not enough data: %zu observations leave none after differencing (d=%d, D=%d)",
					 sl, d, D);
	}
	struct cx_arima_fitopts fo = {0};
	fo.maxit = o->maxit;
	fo.skip_nonstationary_css = 1;
	fo.ic = sl <= 3 ? CASPIAN_ARIMA_AIC : o->ic;
	if (cx_arima_is_constant(dx, ndx)) {
		int st = degenerate_fit(data, d, D, m, dx, ndx, &fo, best, err);
		free(buf);
		*degenerate = 1;
		return st;
	}
	free(buf);
	if (m > 1) {
		if (L.max_P > 0 && L.max_p > m - 1)
			L.max_p = m - 1;
		if (L.max_Q > 0 && L.max_q > m - 1)
			L.max_q = m - 1;
	}
	int approx = o->approximation < 0 ? (n > 150 || o->period > 12) : o->approximation;
	if (data->has_nan)
		approx = 0; /* CSS cannot skip missing values; use exact ML throughout */
	if (approx) {
		struct cx_arima_spec s0 = {0, d, 0, 0, D, 0, m, d + D == 0 ? CX_REG_MEAN : CX_REG_NONE};
		struct cx_arima_result r0;
		struct cx_arima_fitopts f0 = fo;
		f0.skip_nonstationary_css = 0;
		int st = cx_arima_estimate(data, &s0, &f0, &r0, err);
		if (st == CASPIAN_ENOMEM)
			return st;
		if (st == CASPIAN_OK && r0.ok && isfinite(r0.loglik))
			fo.offset = -2 * r0.loglik - (double)sl * log(r0.sigma2_ml);
		if (st == CASPIAN_OK)
			cx_arima_result_release(&r0);
		fo.css_only = 1;
	}
	int allowdrift = o->allow_drift && d + D == 1, allowmean = o->allow_mean && d + D == 0;
	int c = allowdrift || allowmean;
	L.allow = c;

	struct search s = {0};
	s.data = data;
	s.fo = fo;
	s.d = d;
	s.D = D;
	s.m = m;
	s.err = err;
	int st;
	if (!o->stepwise) {
		st = exhaustive(&s, c, &L, o->max_order);
	} else {
		int sp = o->start_p, sq = o->start_q, sP = o->start_P, sQ = o->start_Q;
		if (n < 10) {
			sp = sp < 1 ? sp : 1;
			sq = sq < 1 ? sq : 1;
			sP = sQ = 0;
		}
		sp = sp < L.max_p ? sp : L.max_p;
		sq = sq < L.max_q ? sq : L.max_q;
		sP = sP < L.max_P ? sP : L.max_P;
		sQ = sQ < L.max_Q ? sQ : L.max_Q;
		st = stepwise(&s, sp, sq, sP, sQ, c, &L, o->nmodels);
	}
	if (st == 0 && approx && s.have_best) {
		int r = refit_exact(&s);
		if (r < 0)
			st = -1;
		else if (r == 0)
			s.best.ic = INFINITY;
	}
	free(s.tried);
	free(s.tried_ic);
	if (st < 0) {
		if (s.have_best)
			cx_arima_result_release(&s.best);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	if (!s.have_best || !(s.best.ic < INFINITY)) {
		if (s.have_best)
			cx_arima_result_release(&s.best);
		return caspian_error_set(err, CASPIAN_ENOCONV,
					 "no suitable ARIMA model found: every candidate failed to estimate");
	}
	*best = s.best;
	return CASPIAN_OK;
}
