#include "caspian/metrics.h"
#include "caspian/numfmt.h"

#include <math.h>
#include <string.h>

#include "metrics_internal.h"

static const char *period_text(const struct caspian_series *s, long p, char *buf)
{
	if (!caspian_period_format(s->freq, p, buf))
		strcpy(buf, "?");
	return buf;
}

static int need_value(const struct caspian_series *s, long p, double *v,
		      struct caspian_error *err)
{
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	double x = caspian_series_at(s, p);
	if (isnan(x))
		return caspian_error_set(err, CASPIAN_EDOM, "%s has no value at %s", s->name,
					 period_text(s, p, buf));
	*v = x;
	return CASPIAN_OK;
}

/* why: what needs the value positive, for the message ("growth rates need positive values"). */
static int need_positive(const struct caspian_series *s, long p, double v, const char *why,
			 struct caspian_error *err)
{
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	if (v > 0)
		return CASPIAN_OK;
	return caspian_error_set(err, CASPIAN_EDOM, "%s is %s at %s: %s", s->name,
				 caspian_num(v).s, period_text(s, p, buf), why);
}

static const char growth_needs[] = "growth rates need positive values";

/* Mean of the annualised rates between consecutive observations in [p0, p1]. */
static int mean_rate(const struct caspian_series *s, long p0, long p1, double *mean,
		     size_t *count, struct caspian_error *err)
{
	double ppy = caspian_freq_periods_per_year(s->freq);
	double sum = 0.0;
	size_t k = 0;
	long prev = p0;
	double vprev = caspian_series_at(s, p0);
	for (long p = p0 + 1; p <= p1; p++) {
		double v = caspian_series_at(s, p);
		if (isnan(v))
			continue;
		int rc = need_positive(s, p, v, growth_needs, err);
		if (rc)
			return rc;
		sum += (double)expm1l(logl((long double)v / (long double)vprev) * (long double)ppy /
				      (long double)(p - prev));
		k++;
		prev = p;
		vprev = v;
	}
	*mean = sum / (double)k;
	*count = k;
	return CASPIAN_OK;
}

int caspian_growth_between(const struct caspian_series *s, long p0, long p1,
			   struct caspian_growth *out, struct caspian_error *err)
{
	char b0[CASPIAN_PERIOD_TEXT_MAX], b1[CASPIAN_PERIOD_TEXT_MAX];
	struct caspian_growth g;
	int rc;
	if (p1 <= p0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "%s: the end period %s must come after the start %s",
					 s->name, period_text(s, p1, b1), period_text(s, p0, b0));
	if ((rc = need_value(s, p0, &g.v0, err)) || (rc = need_value(s, p1, &g.v1, err)) ||
	    (rc = need_positive(s, p0, g.v0, growth_needs, err)) ||
	    (rc = need_positive(s, p1, g.v1, growth_needs, err)))
		return rc;
	g.p0 = p0;
	g.p1 = p1;
	g.years = (double)(p1 - p0) / caspian_freq_periods_per_year(s->freq);
	g.change = g.v1 - g.v0;
	g.fold = g.v1 / g.v0;
	g.pct_change = g.fold - 1.0;
	/*
	 * log/expm1 keep small rates accurate where pow(fold, 1/years) - 1
	 * cancels; long double keeps the result within half an ulp in practice.
	 */
	long double lr = logl((long double)g.v1 / (long double)g.v0) / (long double)g.years;
	g.log_rate = (double)lr;
	g.cagr = (double)expm1l(lr);
	g.doubling_years = g.log_rate > 0 ? log(2.0) / g.log_rate : NAN;
	if ((rc = mean_rate(s, p0, p1, &g.mean_rate, &g.n_rates, err)))
		return rc;
	*out = g;
	return CASPIAN_OK;
}

long cx_year_earlier(enum caspian_freq f, long p, int *ok)
{
	long y;
	int m, d;
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	enum caspian_freq pf;
	long q;
	*ok = 1;
	switch (f) {
	case CASPIAN_FREQ_ANNUAL: return p - 1;
	case CASPIAN_FREQ_QUARTERLY: return p - 4;
	case CASPIAN_FREQ_MONTHLY: return p - 12;
	case CASPIAN_FREQ_WEEKLY: {
		size_t n = caspian_period_format(f, p, buf);
		if (n != 8)
			break;
		long year = caspian_period_year(f, p) - 1;
		if (year < 0)
			break;
		/* same ISO week number, previous ISO year */
		char prev[CASPIAN_PERIOD_TEXT_MAX];
		memcpy(prev, buf, n + 1);
		prev[0] = (char)('0' + (year / 1000) % 10);
		prev[1] = (char)('0' + (year / 100) % 10);
		prev[2] = (char)('0' + (year / 10) % 10);
		prev[3] = (char)('0' + year % 10);
		if (caspian_period_parse(prev, n, &pf, &q) == CASPIAN_OK)
			return q;
		break;
	}
	case CASPIAN_FREQ_DAILY:
		caspian_civil_from_days(p, &y, &m, &d);
		if (!(m == 2 && d == 29))
			return caspian_days_from_civil(y - 1, m, d);
		break;
	default:
		break;
	}
	*ok = 0;
	return 0;
}

static int ratio_rate(const struct caspian_series *s, long p, long q, double *rate,
		      struct caspian_error *err)
{
	double v = caspian_series_at(s, p), w = caspian_series_at(s, q);
	*rate = NAN;
	if (isnan(v) || isnan(w))
		return CASPIAN_OK;
	int rc = need_positive(s, q, w, growth_needs, err);
	if (rc)
		return rc;
	*rate = v / w - 1.0;
	return CASPIAN_OK;
}

int caspian_yoy(const struct caspian_series *s, double *pop, double *yoy,
		struct caspian_error *err)
{
	for (size_t i = 0; i < s->n; i++) {
		long p = s->start + (long)i;
		int ok, rc;
		long q = cx_year_earlier(s->freq, p, &ok);
		double a, b = NAN;
		if ((rc = ratio_rate(s, p, p - 1, &a, err)))
			return rc;
		if (ok && (rc = ratio_rate(s, p, q, &b, err)))
			return rc;
		pop[i] = a;
		yoy[i] = b;
	}
	return CASPIAN_OK;
}

int caspian_index_base(const struct caspian_series *s, enum caspian_freq base_freq,
		       long base, double *base_value, struct caspian_error *err)
{
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	double v = NAN;
	int rc;
	if (base_freq == s->freq) {
		if ((rc = need_value(s, base, &v, err)) ||
		    (rc = need_positive(s, base, v, "an index needs a positive base", err)))
			return rc;
		*base_value = v;
		return CASPIAN_OK;
	}
	if (base_freq != CASPIAN_FREQ_ANNUAL)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "%s is %s: the base must be a %s period or a year",
					 s->name, caspian_freq_name(s->freq), caspian_freq_name(s->freq));
	double sum = 0.0;
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		long p = s->start + (long)i;
		if (caspian_period_year(s->freq, p) != base)
			continue;
		if (isnan(s->values[i]))
			return caspian_error_set(err, CASPIAN_EDOM,
						 "%s has no value at %s, so the base year %ld has no mean",
						 s->name, period_text(s, p, buf), base);
		sum += s->values[i];
		k++;
	}
	if (k == 0)
		return caspian_error_set(err, CASPIAN_EDOM, "%s has no values in the base year %ld",
					 s->name, base);
	v = sum / (double)k;
	if (!(v > 0))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "%s has mean %s in the base year %ld: an index needs a positive base",
					 s->name, caspian_num(v).s, base);
	*base_value = v;
	return CASPIAN_OK;
}

int caspian_rate_needed(double from, double target, double years, double *rate,
			struct caspian_error *err)
{
	if (!(years > 0))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "the target period must come after the latest observation");
	if (!(from > 0) || !(target > 0))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "a growth rate from %s to %s is undefined: both must be positive",
					 caspian_num(from).s, caspian_num(target).s);
	*rate = (double)expm1l(logl((long double)target / (long double)from) / (long double)years);
	return CASPIAN_OK;
}

int caspian_years_to_reach(double from, double target, double rate, double *years,
			   struct caspian_error *err)
{
	if (!(from > 0) || !(target > 0))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "reaching %s from %s is undefined: both must be positive",
					 caspian_num(target).s, caspian_num(from).s);
	if (!(rate > -1))
		return caspian_error_set(err, CASPIAN_EDOM, "a rate of %s is not above -100%%", caspian_num(rate).s);
	long double need = logl((long double)target / (long double)from), per_year = log1pl(rate);
	if (need == 0) {
		*years = 0;
		return CASPIAN_OK;
	}
	if (per_year == 0 || (need > 0) != (per_year > 0))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "at a rate of %s a year, %s never reaches %s",
					 caspian_num(rate).s, caspian_num(from).s, caspian_num(target).s);
	*years = (double)(need / per_year);
	return CASPIAN_OK;
}

int caspian_series_last(const struct caspian_series *s, long *period, double *value,
			struct caspian_error *err)
{
	for (size_t i = s->n; i-- > 0;) {
		if (!isnan(s->values[i])) {
			*period = s->start + (long)i;
			*value = s->values[i];
			return CASPIAN_OK;
		}
	}
	return caspian_error_set(err, CASPIAN_EDOM, "%s has no observed values", s->name);
}

int caspian_contrib(const struct caspian_series *total,
		    const struct caspian_series *const *components, size_t k, long p0,
		    long p1, double *contrib, double *growth, struct caspian_error *err)
{
	char b0[CASPIAN_PERIOD_TEXT_MAX], b1[CASPIAN_PERIOD_TEXT_MAX];
	double t0 = NAN, t1 = NAN, a, b;
	int rc;
	if (p1 <= p0)
		return caspian_error_set(err, CASPIAN_EINVAL, "the end period %s must come after the start %s",
					 period_text(total, p1, b1), period_text(total, p0, b0));
	if ((rc = need_value(total, p0, &t0, err)) || (rc = need_value(total, p1, &t1, err)) ||
	    (rc = need_positive(total, p0, t0, growth_needs, err)))
		return rc;
	for (size_t i = 0; i < k; i++) {
		const struct caspian_series *c = components[i];
		if (c->freq != total->freq)
			return caspian_error_set(err, CASPIAN_EINVAL, "%s is %s but %s is %s", c->name,
						 caspian_freq_name(c->freq), total->name,
						 caspian_freq_name(total->freq));
		if ((rc = need_value(c, p0, &a, err)) || (rc = need_value(c, p1, &b, err)))
			return rc;
	}
	for (size_t i = 0; i < k; i++)
		contrib[i] = (caspian_series_at(components[i], p1) -
			      caspian_series_at(components[i], p0)) / t0;
	*growth = t1 / t0 - 1.0;
	return CASPIAN_OK;
}
