/*
 * seasonal.c - the seasonality test and classical multiplicative
 * decomposition used by Theta (as in the M3 Theta entry and R's thetaf).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "fc_internal.h"

int fc_seasonal_test(const double *y, size_t n, size_t m, double level)
{
	if (m < 2 || n <= 2 * m)
		return 0;
	double mu = 0;
	for (size_t t = 0; t < n; t++)
		mu += y[t];
	mu /= (double)n;
	double c0 = 0;
	for (size_t t = 0; t < n; t++)
		c0 += (y[t] - mu) * (y[t] - mu);
	/* A constant series has no autocorrelation to test. */
	if (!(c0 > 1e-12 * (fabs(mu) + 1) * (fabs(mu) + 1) * (double)n))
		return 0;
	double sum_r2 = 0, rm = 0;
	for (size_t k = 1; k <= m; k++) {
		double ck = 0;
		for (size_t t = 0; t + k < n; t++)
			ck += (y[t] - mu) * (y[t + k] - mu);
		double r = ck / c0;
		if (k < m)
			sum_r2 += r * r;
		else
			rm = r;
	}
	double stat = sqrt((1 + 2 * sum_r2) / (double)n);
	return fabs(rm) / stat > gsl_cdf_ugaussian_Pinv(0.5 + level / 200.0);
}

int fc_decompose_mult(const double *y, size_t n, size_t m, double *index)
{
	if (m < 2 || n < 2 * m)
		return -1;
	/* Centred moving average: weights 1/m, or (1/2, 1, ..., 1, 1/2)/m for even m. */
	size_t half = m / 2;
	double *ratio_sum = calloc(2 * m, sizeof(double));
	if (!ratio_sum)
		return -1;
	double *cnt = ratio_sum + m;
	for (size_t t = half; t + half < n; t++) {
		double ma = 0;
		if (m % 2) {
			for (size_t k = t - half; k <= t + half; k++)
				ma += y[k];
		} else {
			ma = 0.5 * (y[t - half] + y[t + half]);
			for (size_t k = t - half + 1; k < t + half; k++)
				ma += y[k];
		}
		ma /= (double)m;
		ratio_sum[t % m] += y[t] / ma;
		cnt[t % m]++;
	}
	double total = 0;
	int ok = 1;
	for (size_t j = 0; j < m; j++) {
		if (!cnt[j]) {
			ok = 0;
			break;
		}
		index[j] = ratio_sum[j] / cnt[j];
		total += index[j];
	}
	if (ok) {
		double avg = total / (double)m;
		for (size_t j = 0; j < m; j++) {
			index[j] /= avg;
			if (!isfinite(index[j]) || !(index[j] > 1e-4))
				ok = 0;
		}
	}
	free(ratio_sum);
	return ok ? 0 : -1;
}

int fc_seasonal_adjust(const double *y, size_t n, size_t m, double *x, double **index)
{
	*index = NULL;
	memcpy(x, y, sizeof(double) * n);
	if (!fc_seasonal_test(y, n, m, FC_SEASONAL_TEST_LEVEL))
		return 0;
	double *ix = malloc(sizeof(double) * m);
	if (!ix)
		return -1;
	if (fc_decompose_mult(y, n, m, ix) != 0) {
		free(ix); /* a factor that is not positive: no adjustment */
		return 0;
	}
	for (size_t t = 0; t < n; t++)
		x[t] /= ix[t % m];
	*index = ix;
	return 0;
}

void fc_describe_indices(char *params, size_t size, const double *index, size_t m, size_t n)
{
	size_t used = strlen(params);
	for (size_t j = 0; j < m && used + 1 < size; j++) {
		int k = snprintf(params + used, size - used, "%ss%zu=%.17g", used ? " " : "", j + 1,
				 index[(n + j) % m]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}
