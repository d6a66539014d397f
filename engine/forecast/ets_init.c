/*
 * ets_init.c - heuristic initial states, the starting point of the
 * likelihood search (Hyndman et al. 2008, sec. 5.2; forecast::ets initstate).
 */
#include <math.h>
#include <string.h>

#include "ets_internal.h"

/*
 * Solve the k x k system a x = b (a row-major, overwritten) by Gaussian
 * elimination with partial pivoting.  Returns -1 when a is singular.
 */
static int solve_small(double *a, double *b, size_t k)
{
	for (size_t c = 0; c < k; c++) {
		size_t piv = c;
		for (size_t r = c + 1; r < k; r++)
			if (fabs(a[r * k + c]) > fabs(a[piv * k + c]))
				piv = r;
		if (!(fabs(a[piv * k + c]) > 0))
			return -1;
		if (piv != c) {
			for (size_t j = 0; j < k; j++) {
				double t = a[c * k + j];
				a[c * k + j] = a[piv * k + j];
				a[piv * k + j] = t;
			}
			double t = b[c];
			b[c] = b[piv];
			b[piv] = t;
		}
		for (size_t r = c + 1; r < k; r++) {
			double f = a[r * k + c] / a[c * k + c];
			for (size_t j = c; j < k; j++)
				a[r * k + j] -= f * a[c * k + j];
			b[r] -= f * b[c];
		}
	}
	for (size_t c = k; c-- > 0;) {
		double s = b[c];
		for (size_t j = c + 1; j < k; j++)
			s -= a[c * k + j] * b[j];
		b[c] = s / a[c * k + c];
	}
	return 0;
}

/* Least-squares line through (1, y[0]), ..., (n, y[n-1]): y = a + b t. */
static void line_fit(const double *y, size_t n, double *a, double *b)
{
	double tbar = (n + 1) / 2.0, ybar = 0.0, stt = 0.0, sty = 0.0;
	for (size_t i = 0; i < n; i++)
		ybar += y[i];
	ybar /= (double)n;
	for (size_t i = 0; i < n; i++) {
		double dt = (double)(i + 1) - tbar;
		stt += dt * dt;
		sty += dt * (y[i] - ybar);
	}
	*b = stt > 0 ? sty / stt : 0.0;
	*a = ybar - *b * tbar;
}

/*
 * Seasonal figure of a classical decomposition (R's decompose): centred moving
 * average of order m (2 x m for even m), then the mean detrended value per
 * position, centred to mean 0 (additive) or 1 (multiplicative).
 */
static int decompose_figure(const double *y, size_t n, size_t m, int mult, double *trend,
			    double *fig)
{
	size_t half = m / 2;
	for (size_t t = 0; t < n; t++) {
		trend[t] = NAN;
		if (t < half || t + half >= n)
			continue;
		double s = 0.0;
		if (m % 2) {
			for (size_t k = t - half; k <= t + half; k++)
				s += y[k];
			trend[t] = s / (double)m;
		} else {
			s = 0.5 * (y[t - half] + y[t + half]);
			for (size_t k = t - half + 1; k < t + half; k++)
				s += y[k];
			trend[t] = s / (double)m;
		}
	}
	double total = 0.0;
	for (size_t j = 0; j < m; j++) {
		double s = 0.0;
		size_t c = 0;
		for (size_t t = j; t < n; t += m) {
			if (isnan(trend[t]))
				continue;
			s += mult ? y[t] / trend[t] : y[t] - trend[t];
			c++;
		}
		if (c == 0)
			return -1;
		fig[j] = s / (double)c;
		total += fig[j];
	}
	double mean = total / (double)m;
	for (size_t j = 0; j < m; j++)
		fig[j] = mult ? fig[j] / mean : fig[j] - mean;
	return 0;
}

/*
 * With fewer than three seasons: y regressed on 1, t, sin(2 pi t/m),
 * cos(2 pi t/m) (t = 1..n; the sine dropped for m = 2, where it vanishes), and
 * the seasonal values taken as y less (or over) the fitted line.  The
 * seasonally adjusted series is then that line itself.
 */
static int fourier_seasonal(const double *y, size_t n, size_t m, int mult, double *seas,
			    double *line_a, double *line_b)
{
	const double two_pi = 6.283185307179586476925;
	double a[16] = {0}, rhs[4] = {0}, x[4];
	size_t k = m > 2 ? 4 : 3;
	for (size_t i = 0; i < n; i++) {
		double t = (double)(i + 1), w = two_pi * t / (double)m;
		x[0] = 1.0;
		x[1] = t;
		x[2] = cos(w);
		x[3] = sin(w);
		for (size_t r = 0; r < k; r++) {
			rhs[r] += x[r] * y[i];
			for (size_t c = 0; c < k; c++)
				a[r * k + c] += x[r] * x[c];
		}
	}
	if (solve_small(a, rhs, k) != 0)
		return -1;
	for (size_t i = 0; i < m && i < n; i++) {
		double line = rhs[0] + rhs[1] * (double)(i + 1);
		seas[i] = mult ? y[i] / line : y[i] - line;
	}
	*line_a = rhs[0];
	*line_b = rhs[1];
	return 0;
}

int ets_init_states(const struct ets_par *p, const double *y, size_t n, double *x0,
		    double *work)
{
	const size_t m = p->season ? p->m : 1;
	const int mult = p->season == ETS_MUL;
	const size_t off = 1 + (p->trend != ETS_NONE);
	double *trend = work, *ysa = work + n;
	double fig[CASPIAN_ETS_MAX_PERIOD];

	if (n == 0)
		return -1;
	if (p->season) {
		if (n < 4 || n < m)
			return -1;
		double la = NAN, lb = NAN;
		int rc = n < 3 * m ? fourier_seasonal(y, n, m, mult, fig, &la, &lb)
				   : decompose_figure(y, n, m, mult, trend, fig);
		if (rc != 0)
			return -1;
		/* The oldest state follows from the others, which sum to 0 or m. */
		double sum = 0.0;
		for (size_t k = 1; k < m; k++) {
			if (mult && !(fig[k] > 0.01))
				fig[k] = 0.01;
			sum += fig[k];
		}
		fig[0] = (mult ? (double)m : 0.0) - sum;
		if (mult && !(fig[0] > 0.01)) {
			/* Too strong a pattern to normalise: floor, then rescale to mean 1. */
			fig[0] = 0.01;
			double tot = sum + fig[0];
			for (size_t k = 0; k < m; k++)
				fig[k] *= (double)m / tot;
		}
		for (size_t k = 0; k < m; k++) {
			if (!isfinite(fig[k]))
				return -1;
			x0[off + k] = fig[k];
		}
		for (size_t t = 0; t < n; t++) {
			double s = fig[t % m];
			if (isnan(la))
				ysa[t] = mult ? y[t] / (s > 0.01 ? s : 0.01) : y[t] - s;
			else
				ysa[t] = la + lb * (double)(t + 1);
		}
	} else {
		memcpy(ysa, y, n * sizeof(*y));
	}

	size_t maxn = 2 * m > 10 ? 2 * m : 10;
	if (maxn > n)
		maxn = n;
	if (p->trend == ETS_NONE) {
		double s = 0.0;
		for (size_t t = 0; t < maxn; t++)
			s += ysa[t];
		x0[0] = s / (double)maxn;
	} else {
		double a, b;
		if (maxn < 2) {
			a = ysa[0];
			b = 0.0;
		} else {
			line_fit(ysa, maxn, &a, &b);
		}
		if (fabs(a + b) < 1e-8) {
			a *= 1.001;
			b *= 0.999;
		}
		x0[0] = a;
		x0[1] = b;
	}
	for (size_t k = 0; k < off; k++)
		if (!isfinite(x0[k]))
			return -1;
	return 0;
}
