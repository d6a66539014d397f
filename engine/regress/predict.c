/*
 * predict.c - predictions with confidence and prediction intervals, and the
 * growth rate of a log-linear trend.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"

/* The new terms must map onto the fit's groups one for one. */
static int check_terms(const struct caspian_regress_basis *b,
		       const struct caspian_regress_term *terms, size_t nterms,
		       struct caspian_error *err)
{
	if (nterms != b->nterms)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "prediction needs %zu terms, got %zu", b->nterms, nterms);
	for (size_t j = 0; j < nterms; j++) {
		if (terms[j].power != b->power[j])
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "term %zu has power %u, the fit has %u", j + 1,
						 terms[j].power, b->power[j]);
		for (size_t l = 0; l < j; l++)
			if ((terms[j].x == terms[l].x) != (b->group[j] == b->group[l]))
				return caspian_error_set(err, CASPIAN_EINVAL,
							 "terms %zu and %zu must share their "
							 "values exactly when they did in the fit",
							 l + 1, j + 1);
	}
	return CASPIAN_OK;
}

int caspian_regress_predict(const struct caspian_regress_fit *f,
			    const struct caspian_regress_term *terms, size_t nterms,
			    size_t m, double level, struct caspian_regress_pred *out,
			    struct caspian_error *err)
{
	const struct caspian_regress_basis *b = f->basis;
	size_t p = b->p;
	long double *xb, *row;
	double tcrit;
	int rc;

	if (!(level > 0 && level < 1))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "confidence level %g is not between 0 and 1", level);
	rc = check_terms(b, terms, nterms, err);
	if (rc != CASPIAN_OK)
		return rc;
	for (size_t j = 0; j < nterms; j++)
		for (size_t i = 0; i < m; i++)
			if (!isfinite(terms[j].x[i]))
				return caspian_error_set(err, CASPIAN_EINVAL,
							 "regressor '%s' is not finite at "
							 "prediction point %zu", terms[j].name, i + 1);
	xb = malloc((b->ngroups + 1) * sizeof(*xb));
	row = malloc(p * sizeof(*row));
	if (!xb || !row) {
		free(xb);
		free(row);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	tcrit = gsl_cdf_tdist_Qinv((1 - level) / 2, b->df_resid);
	for (size_t i = 0; i < m; i++) {
		long double yhat = 0, var = 0;
		for (size_t j = 0; j < nterms; j++)
			xb[b->group[j]] = terms[j].x[i];
		regress_basis_row(b, xb, row);
		for (size_t j = 0; j < p; j++) {
			long double s = 0;
			yhat += row[j] * b->a[j];
			for (size_t l = 0; l < p; l++)
				s += b->v[j * p + l] * row[l];
			var += row[j] * s;
		}
		out[i].yhat = (double)yhat;
		out[i].se_fit = var > 0 ? (double)sqrtl(var) : 0;
		out[i].ci_low = out[i].yhat - tcrit * out[i].se_fit;
		out[i].ci_high = out[i].yhat + tcrit * out[i].se_fit;
		double sp = sqrt(b->sigma2 + out[i].se_fit * out[i].se_fit);
		out[i].pi_low = out[i].yhat - tcrit * sp;
		out[i].pi_high = out[i].yhat + tcrit * sp;
	}
	free(xb);
	free(row);
	return CASPIAN_OK;
}

int caspian_regress_growth(const struct caspian_regress_fit *f, size_t j, double ppy,
			   double *rate, double *low, double *high, struct caspian_error *err)
{
	if (j >= f->p)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "coefficient %zu does not exist (the fit has %zu)", j + 1,
					 f->p);
	if (!(ppy > 0))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "periods per year must be positive, got %g", ppy);
	/* expm1 keeps the digits of small rates */
	*rate = expm1(f->coef[j] * ppy);
	*low = expm1(f->ci_low[j] * ppy);
	*high = expm1(f->ci_high[j] * ppy);
	return CASPIAN_OK;
}
