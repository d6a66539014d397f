/*
 * backtest.c - accuracy measures and the rolling-origin evaluation.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fc_internal.h"

double caspian_fc_scale(const double *y, size_t n, size_t season)
{
	size_t m = season > 1 ? season : 1;
	double sum = 0;
	size_t c = 0;
	for (size_t t = m; t < n; t++) {
		if (isnan(y[t]) || isnan(y[t - m]))
			continue;
		sum += fabs(y[t] - y[t - m]);
		c++;
	}
	return c ? sum / (double)c : NAN;
}

struct bt_acc {
	double ae, se, ape, sape, ase;
	size_t n, n_ape, n_ase;
	size_t cover[CASPIAN_BT_MAX_LEVELS];
};

static void bt_score(struct bt_acc *acc, const double *actual, size_t h, double scale,
		     const double *f, const double *lo, const double *hi, size_t nlevels)
{
	for (size_t i = 0; i < h; i++) {
		double y = actual[i];
		if (isnan(y))
			continue;
		double e = y - f[i], ae = fabs(e), d = fabs(y) + fabs(f[i]);
		acc->n++;
		acc->ae += ae;
		acc->se += e * e;
		acc->sape += d > 0 ? 200 * ae / d : 0;
		if (y != 0) {
			acc->ape += 100 * ae / fabs(y);
			acc->n_ape++;
		}
		if (scale > 0) {
			acc->ase += ae / scale;
			acc->n_ase++;
		}
		for (size_t l = 0; l < nlevels; l++)
			acc->cover[l] += lo[l * h + i] <= y && y <= hi[l * h + i];
	}
}

static void bt_finish(const struct bt_acc *acc, size_t nlevels, struct caspian_bt_metrics *m)
{
	double n = (double)acc->n;
	m->points = acc->n;
	m->mae = acc->n ? acc->ae / n : NAN;
	m->rmse = acc->n ? sqrt(acc->se / n) : NAN;
	m->smape = acc->n ? acc->sape / n : NAN;
	m->mape = acc->n_ape ? acc->ape / (double)acc->n_ape : NAN;
	m->mase = acc->n_ase ? acc->ase / (double)acc->n_ase : NAN;
	for (size_t l = 0; l < CASPIAN_BT_MAX_LEVELS; l++)
		m->coverage[l] = l < nlevels && acc->n ? 100 * (double)acc->cover[l] / n : NAN;
}

int caspian_backtest(const double *y, size_t n, const struct caspian_fc_opts *opts,
		     const struct caspian_method *const *methods, const char *const *specs,
		     size_t nmethods, size_t h, size_t origins, const double *levels,
		     size_t nlevels, struct caspian_bt_metrics *out, struct caspian_error *err)
{
	if (!y || !methods || !out || (nlevels && !levels))
		return caspian_error_set(err, CASPIAN_EINVAL, "backtest: NULL argument");
	if (h == 0 || origins == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "backtest needs a horizon and a number of origins of "
					 "at least 1");
	if (nlevels > CASPIAN_BT_MAX_LEVELS)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "backtest takes at most %d interval levels",
					 CASPIAN_BT_MAX_LEVELS);
	for (size_t l = 0; l < nlevels; l++)
		if (!(levels[l] > 0 && levels[l] < 100))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "interval level %g is not between 0 and 100",
						 levels[l]);
	if (n < h + origins + 2)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "backtest with horizon %zu and %zu origins needs at "
					 "least %zu observations (the series has %zu)",
					 h, origins, h + origins + 2, n);
	double *buf = malloc(sizeof(double) * h * (1 + 2 * nlevels));
	if (!buf)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	double *f = buf, *lo = buf + h, *hi = buf + h * (1 + nlevels);
	size_t m = fc_season(opts);
	struct caspian_fc_opts o = opts ? *opts : (struct caspian_fc_opts){0};
	int rc = CASPIAN_OK;
	for (size_t k = 0; k < nmethods; k++) {
		struct bt_acc acc;
		memset(&acc, 0, sizeof(acc));
		memset(&out[k], 0, sizeof(out[k]));
		o.spec = specs ? specs[k] : NULL;
		for (size_t j = 0; j < origins; j++) {
			size_t origin = n - h - origins + 1 + j;
			struct caspian_error e;
			caspian_error_init(&e);
			int st = caspian_fc_run(methods[k], y, origin, &o, h, levels, nlevels, f,
						nlevels ? lo : NULL, nlevels ? hi : NULL, NULL, &e);
			if (st == CASPIAN_ENOMEM) {
				rc = caspian_error_set(err, st, "%s", e.msg);
				goto done;
			}
			if (st != CASPIAN_OK) {
				out[k].failed++;
				if (!out[k].first_error)
					out[k].first_error = st;
				continue;
			}
			out[k].origins++;
			bt_score(&acc, y + origin, h, caspian_fc_scale(y, origin, m), f, lo, hi,
				 nlevels);
		}
		bt_finish(&acc, nlevels, &out[k]);
	}
done:
	free(buf);
	return rc;
}
