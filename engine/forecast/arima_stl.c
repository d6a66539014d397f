/*
 * arima_stl.c - STL decomposition (Cleveland, Cleveland, McRae and
 * Terpenning 1990), non-robust, for the seasonal-strength test that chooses
 * the seasonal difference D.
 *
 * R's forecast::nsdiffs measures seasonal strength on mstl(), which for one
 * seasonal period is stl(x, s.window = 11) with R's defaults: seasonal loess
 * of degree 0 over 11 cycles, trend loess of degree 1 over
 * nextodd(1.5 m / (1 - 1.5 / 11)) points, low-pass loess of degree 1 over
 * nextodd(m) points, each evaluated every ceil(window / 10) points and
 * interpolated linearly in between, two inner passes and no robustness
 * iterations.  The steps below follow the published algorithm with those
 * settings, so the test takes the same decisions as R's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/arima_internal.h"

/*
 * Local fit at position xs (0-based positions) from y[nleft..nright]
 * (inclusive) with tricube weights of bandwidth from the window len;
 * degree 0 (weighted mean) or 1 (weighted line).  w is scratch of length n.
 * Returns 0 when every weight is zero.
 */
static int loess_at(const double *y, size_t n, size_t len, int deg, double xs, size_t nleft,
		    size_t nright, double *w, double *out)
{
	double range = (double)n - 1;
	double h = fmax(xs - (double)nleft, (double)nright - xs);
	if (len > n)
		h += (double)((len - n) / 2);
	double h9 = 0.999 * h, h1 = 0.001 * h, a = 0;
	for (size_t j = nleft; j <= nright; j++) {
		double r = fabs((double)j - xs);
		w[j] = 0;
		if (r <= h9) {
			if (r <= h1) {
				w[j] = 1;
			} else {
				double q = r / h;
				q = 1 - q * q * q;
				w[j] = q * q * q;
			}
			a += w[j];
		}
	}
	if (a <= 0)
		return 0;
	for (size_t j = nleft; j <= nright; j++)
		w[j] /= a;
	if (h > 0 && deg > 0) {
		double mean = 0, c = 0;
		for (size_t j = nleft; j <= nright; j++)
			mean += w[j] * (double)j;
		double b = xs - mean;
		for (size_t j = nleft; j <= nright; j++)
			c += w[j] * ((double)j - mean) * ((double)j - mean);
		if (sqrt(c) > 0.001 * range) {
			b /= c;
			for (size_t j = nleft; j <= nright; j++)
				w[j] *= b * ((double)j - mean) + 1;
		}
	}
	double s = 0;
	for (size_t j = nleft; j <= nright; j++)
		s += w[j] * y[j];
	*out = s;
	return 1;
}

/* Loess smooth of y[0..n) into ys, evaluated every jump points and
 * interpolated linearly in between.  w is scratch of length n. */
static void loess_smooth(const double *y, size_t n, size_t len, int deg, size_t jump, double *ys,
			 double *w)
{
	if (n < 2) {
		ys[0] = y[0];
		return;
	}
	size_t nj = jump < n - 1 ? jump : n - 1;
	size_t nleft = 0, nright = n - 1;
	if (len >= n) {
		for (size_t i = 0; i < n; i += nj)
			if (!loess_at(y, n, len, deg, (double)i, 0, n - 1, w, &ys[i]))
				ys[i] = y[i];
	} else if (nj == 1) {
		size_t nsh = (len + 1) / 2;
		nleft = 0;
		nright = len - 1;
		for (size_t i = 0; i < n; i++) {
			if (i + 1 > nsh && nright != n - 1) {
				nleft++;
				nright++;
			}
			if (!loess_at(y, n, len, deg, (double)i, nleft, nright, w, &ys[i]))
				ys[i] = y[i];
		}
	} else {
		size_t nsh = (len + 1) / 2;
		for (size_t i = 0; i < n; i += nj) {
			if (i + 1 < nsh) {
				nleft = 0;
				nright = len - 1;
			} else if (i + 1 >= n - nsh + 1) {
				nleft = n - len;
				nright = n - 1;
			} else {
				nleft = i + 1 - nsh;
				nright = len + i - nsh;
			}
			if (!loess_at(y, n, len, deg, (double)i, nleft, nright, w, &ys[i]))
				ys[i] = y[i];
		}
	}
	if (nj == 1)
		return;
	for (size_t i = 0; i + nj < n; i += nj) {
		double delta = (ys[i + nj] - ys[i]) / (double)nj;
		for (size_t j = i + 1; j < i + nj; j++)
			ys[j] = ys[i] + delta * (double)(j - i);
	}
	size_t k = ((n - 1) / nj) * nj;
	if (k != n - 1) {
		if (!loess_at(y, n, len, deg, (double)(n - 1), nleft, nright, w, &ys[n - 1]))
			ys[n - 1] = y[n - 1];
		if (k != n - 2) {
			double delta = (ys[n - 1] - ys[k]) / (double)(n - 1 - k);
			for (size_t j = k + 1; j < n - 1; j++)
				ys[j] = ys[k] + delta * (double)(j - k);
		}
	}
}

/* Moving average of length len: out[j] = mean(x[j..j+len)), j < n-len+1. */
static void moving_average(const double *x, size_t n, size_t len, double *out)
{
	double s = 0;
	for (size_t i = 0; i < len; i++)
		s += x[i];
	out[0] = s / (double)len;
	for (size_t j = 1; j + len <= n; j++) {
		s += x[j + len - 1] - x[j - 1];
		out[j] = s / (double)len;
	}
}

static size_t odd_at_least(size_t v, size_t lo)
{
	if (v < lo)
		v = lo;
	return v % 2 ? v : v + 1;
}

/*
 * STL of y[0..n) with period np > 1; season and trend receive n values.
 * work holds 5 (n + 2 np) doubles.
 */
static void stl(const double *y, size_t n, size_t np, size_t ns, size_t nt, size_t nl,
		int isdeg, int itdeg, int ildeg, size_t nsjump, size_t ntjump, size_t nljump,
		int ni, double *season, double *trend, double *work)
{
	size_t N = n + 2 * np;
	double *w1 = work, *w2 = work + N, *w3 = work + 2 * N, *w4 = work + 3 * N,
	       *w5 = work + 4 * N;
	ns = odd_at_least(ns, 3);
	nt = odd_at_least(nt, 3);
	nl = odd_at_least(nl, 3);
	for (size_t i = 0; i < n; i++)
		trend[i] = 0;
	for (int it = 0; it < ni; it++) {
		for (size_t i = 0; i < n; i++)
			w1[i] = y[i] - trend[i];
		/* smooth each cycle-subseries and extend it one cycle at both ends:
		 * w2 gets n + 2 np values */
		for (size_t j = 0; j < np; j++) {
			size_t k = (n - 1 - j) / np + 1;
			for (size_t i = 0; i < k; i++)
				w3[i] = w1[i * np + j];
			loess_smooth(w3, k, ns, isdeg, nsjump, w4 + 1, w5);
			size_t nright = ns < k ? ns : k;
			if (!loess_at(w3, k, ns, isdeg, -1.0, 0, nright - 1, w5, &w4[0]))
				w4[0] = w4[1];
			size_t nleft = k > ns ? k - ns : 0;
			if (!loess_at(w3, k, ns, isdeg, (double)k, nleft, k - 1, w5, &w4[k + 1]))
				w4[k + 1] = w4[k];
			for (size_t m = 0; m < k + 2; m++)
				w2[m * np + j] = w4[m];
		}
		/* low-pass filter: moving averages of np, np and 3, then loess */
		moving_average(w2, N, np, w3);
		moving_average(w3, N - np + 1, np, w1);
		moving_average(w1, N - 2 * np + 2, 3, w3);
		loess_smooth(w3, n, nl, ildeg, nljump, w1, w5);
		for (size_t i = 0; i < n; i++) {
			season[i] = w2[np + i] - w1[i];
			w1[i] = y[i] - season[i];
		}
		loess_smooth(w1, n, nt, itdeg, ntjump, trend, w5);
	}
}

double cx_arima_stl_strength(const double *x, size_t n, int m, double *work)
{
	size_t np = (size_t)m;
	if (m < 2 || n <= 2 * np)
		return 0;
	/* R's stl() defaults with s.window = 11 */
	const size_t ns = 11;
	size_t nt = (size_t)ceil(1.5 * (double)np / (1 - 1.5 / (double)ns));
	nt = nt % 2 ? nt : nt + 1;
	size_t nl = np % 2 ? np : np + 1;
	size_t sj = (ns + 9) / 10, tj = (nt + 9) / 10, lj = (nl + 9) / 10;
	double *season = work, *trend = work + n, *y = work + 2 * n, *w = work + 3 * n;
	/* interior missing values: linear interpolation (R interpolates too) */
	size_t first = n, last = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i])) {
			if (first == n)
				first = i;
			last = i;
		}
	if (first == n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!isnan(x[i])) {
			y[i] = x[i];
			continue;
		}
		size_t a = i, b = i;
		while (a > first && isnan(x[a]))
			a--;
		while (b < last && isnan(x[b]))
			b++;
		if (isnan(x[a]))
			y[i] = x[b];
		else if (isnan(x[b]))
			y[i] = x[a];
		else
			y[i] = x[a] + (x[b] - x[a]) * (double)(i - a) / (double)(b - a);
	}
	stl(y, n, np, ns, nt, nl, 0, 1, 1, sj, tj, lj, 2, season, trend, w);
	/* 1 - var(remainder) / var(remainder + seasonal) */
	double sr = 0, sr2 = 0, sd = 0, sd2 = 0, nn = (double)n;
	for (size_t i = 0; i < n; i++) {
		double rem = y[i] - season[i] - trend[i], des = rem + season[i];
		sr += rem;
		sr2 += rem * rem;
		sd += des;
		sd2 += des * des;
	}
	double vr = (sr2 - sr * sr / nn) / (nn - 1), vd = (sd2 - sd * sd / nn) / (nn - 1);
	if (!(vd > 0))
		return 0;
	double s = 1 - vr / vd;
	return s < 0 ? 0 : s > 1 ? 1 : s;
}
