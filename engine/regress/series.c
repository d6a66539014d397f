/*
 * series.c - regressions on time series: alignment by period, trend and
 * seasonal terms, predictions for later periods.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/period.h"
#include "internal.h"

enum { TERM_NAME_MAX = CASPIAN_NAME_MAX + 32 };

/* The regressors evaluated at a list of periods. */
struct term_set {
	size_t m;             /* periods */
	size_t nterms, nbases;
	struct caspian_regress_term *terms;
	double **bases;       /* nbases arrays of m values */
	char (*names)[TERM_NAME_MAX];
};

static void term_set_free(struct term_set *ts)
{
	if (ts->bases)
		for (size_t b = 0; b < ts->nbases; b++)
			free(ts->bases[b]);
	free(ts->bases);
	free(ts->terms);
	free(ts->names);
	memset(ts, 0, sizeof(*ts));
}

static int season_count(const struct caspian_regress_model *m)
{
	return m->seasonal ? caspian_freq_season(m->y->freq) : 0;
}

/* Number of seasonal dummies: all seasons but the first with an intercept. */
static size_t dummy_count(const struct caspian_regress_model *m, int intercept)
{
	int s = season_count(m);
	return s == 0 ? 0 : (size_t)(intercept ? s - 1 : s);
}

static long season_of(enum caspian_freq freq, long p)
{
	long s = caspian_freq_season(freq);
	return ((p % s) + s) % s;
}

static void xterm_name(const struct caspian_regress_xterm *x, char *buf)
{
	int len;

	if (x->name) {
		snprintf(buf, TERM_NAME_MAX, "%s", x->name);
		return;
	}
	len = snprintf(buf, TERM_NAME_MAX, x->log ? "log(%s)" : "%s", x->x->name);
	if (x->lag > 0 && len < TERM_NAME_MAX)
		len += snprintf(buf + len, (size_t)(TERM_NAME_MAX - len), "@-%ld", x->lag);
	if (x->power > 1 && len < TERM_NAME_MAX)
		snprintf(buf + len, (size_t)(TERM_NAME_MAX - len), "^%u", x->power);
}

static int format_period(enum caspian_freq freq, long p, char *buf)
{
	if (caspian_period_format(freq, p, buf) == 0)
		snprintf(buf, CASPIAN_PERIOD_TEXT_MAX, "#%ld", p);
	return 0;
}

/* The value of regressor x at period p (after its lag and log), or an error. */
static int xvalue(const struct caspian_regress_xterm *x, long p, double *out,
		  struct caspian_error *err)
{
	double v = caspian_series_at(x->x, p - x->lag);
	char when[CASPIAN_PERIOD_TEXT_MAX];

	if (isnan(v)) {
		format_period(x->x->freq, p - x->lag, when);
		return caspian_error_set(err, CASPIAN_EINVAL, "regressor '%s' has no value at %s",
					 x->x->name, when);
	}
	if (x->log && !(v > 0)) {
		format_period(x->x->freq, p - x->lag, when);
		return caspian_error_set(err, CASPIAN_EDOM,
					 "log(%s) needs positive values: %s is %.17g at %s",
					 x->x->name, x->x->name, v, when);
	}
	*out = x->log ? log(v) : v;
	return CASPIAN_OK;
}

/* Regressors sharing series, lag and log share one base array, so that
 * x and x^2 form one polynomial group. */
static size_t base_of(const struct caspian_regress_model *m, size_t j)
{
	for (size_t l = 0; l < j; l++)
		if (m->x[l].x == m->x[j].x && m->x[l].lag == m->x[j].lag &&
		    !m->x[l].log == !m->x[j].log)
			return base_of(m, l);
	return j;
}

static int term_set_alloc(struct term_set *ts, size_t nterms, size_t m)
{
	ts->m = m;
	ts->terms = calloc(nterms ? nterms : 1, sizeof(*ts->terms));
	ts->bases = calloc(nterms ? nterms : 1, sizeof(*ts->bases));
	ts->names = calloc(nterms ? nterms : 1, sizeof(*ts->names));
	if (!ts->terms || !ts->bases || !ts->names)
		return CASPIAN_ENOMEM;
	return CASPIAN_OK;
}

static double *new_base(struct term_set *ts)
{
	double *b = malloc((ts->m ? ts->m : 1) * sizeof(double));
	if (b)
		ts->bases[ts->nbases++] = b;
	return b;
}

static void add_term(struct term_set *ts, const double *x, unsigned power)
{
	ts->terms[ts->nterms].name = ts->names[ts->nterms];
	ts->terms[ts->nterms].x = x;
	ts->terms[ts->nterms].power = power;
	ts->nterms++;
}

static int add_regressors(const struct caspian_regress_model *m, const long *periods,
			  struct term_set *ts, struct caspian_error *err)
{
	double **xbase = calloc(m->nx ? m->nx : 1, sizeof(*xbase));

	if (!xbase)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t j = 0; j < m->nx; j++) {
		size_t b = base_of(m, j);
		if (b == j) {
			xbase[j] = new_base(ts);
			if (!xbase[j]) {
				free(xbase);
				return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
			}
			for (size_t i = 0; i < ts->m; i++) {
				int rc = xvalue(&m->x[j], periods[i], &xbase[j][i], err);
				if (rc != CASPIAN_OK) {
					free(xbase);
					return rc;
				}
			}
		}
		xterm_name(&m->x[j], ts->names[ts->nterms]);
		add_term(ts, xbase[b], m->x[j].power);
	}
	free(xbase);
	return CASPIAN_OK;
}

/* Trend t = period - t0 + 1 (powers 1..K) and seasonal dummies. */
static int add_deterministic(const struct caspian_regress_model *m, int intercept, long t0,
			     const long *periods, struct term_set *ts,
			     struct caspian_error *err)
{
	int s = season_count(m);
	size_t first_season = intercept ? 1 : 0;
	double *t;

	if (m->trend > 0) {
		t = new_base(ts);
		if (!t)
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		for (size_t i = 0; i < ts->m; i++)
			t[i] = (double)(periods[i] - t0 + 1);
		for (unsigned k = 1; k <= m->trend; k++) {
			if (k == 1)
				snprintf(ts->names[ts->nterms], TERM_NAME_MAX, "t");
			else
				snprintf(ts->names[ts->nterms], TERM_NAME_MAX, "t^%u", k);
			add_term(ts, t, k);
		}
	}
	for (size_t q = first_season; s > 0 && q < (size_t)s; q++) {
		double *d = new_base(ts);
		if (!d)
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		for (size_t i = 0; i < ts->m; i++)
			d[i] = season_of(m->y->freq, periods[i]) == (long)q ? 1 : 0;
		snprintf(ts->names[ts->nterms], TERM_NAME_MAX,
			 s == 4 ? "Q%zu" : "M%02zu", q + 1);
		add_term(ts, d, 1);
	}
	return CASPIAN_OK;
}

static int make_terms(const struct caspian_regress_model *m, int intercept, long t0,
		      const long *periods, size_t count, struct term_set *ts,
		      struct caspian_error *err)
{
	size_t nterms = m->nx + m->trend + dummy_count(m, intercept);
	int rc;

	memset(ts, 0, sizeof(*ts));
	if (term_set_alloc(ts, nterms, count) != CASPIAN_OK)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	rc = add_regressors(m, periods, ts, err);
	if (rc == CASPIAN_OK)
		rc = add_deterministic(m, intercept, t0, periods, ts, err);
	return rc;
}

static int check_model(const struct caspian_regress_model *m, struct caspian_error *err)
{
	const char *yname = m->y->name;

	for (size_t j = 0; j < m->nx; j++) {
		const struct caspian_regress_xterm *x = &m->x[j];
		if (x->x->freq != m->y->freq)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "series '%s' is %s but '%s' is %s", x->x->name,
						 caspian_freq_name(x->x->freq), yname,
						 caspian_freq_name(m->y->freq));
		if (x->lag < 0)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "lag %ld of '%s' is negative: leads are not "
						 "supported", x->lag, x->x->name);
		if (x->power == 0)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "regressor '%s' has power 0", x->x->name);
	}
	if (m->weights && m->weights->freq != m->y->freq)
		return caspian_error_set(err, CASPIAN_EINVAL, "weights '%s' are %s but '%s' is %s",
					 m->weights->name, caspian_freq_name(m->weights->freq),
					 yname, caspian_freq_name(m->y->freq));
	if (m->seasonal && m->y->freq != CASPIAN_FREQ_QUARTERLY &&
	    m->y->freq != CASPIAN_FREQ_MONTHLY)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "seasonal dummies need quarterly or monthly data; "
					 "'%s' is %s", yname, caspian_freq_name(m->y->freq));
	if (m->has_from && m->has_to && m->from > m->to)
		return caspian_error_set(err, CASPIAN_EINVAL, "the range ends before it starts");
	return CASPIAN_OK;
}

static void span_text(const struct caspian_series *s, long lag, char *buf, size_t n)
{
	long first, last;
	char a[CASPIAN_PERIOD_TEXT_MAX], b[CASPIAN_PERIOD_TEXT_MAX];

	if (!caspian_series_span(s, &first, &last)) {
		snprintf(buf, n, "'%s' has no values", s->name);
		return;
	}
	format_period(s->freq, first + lag, a);
	format_period(s->freq, last + lag, b);
	if (lag)
		snprintf(buf, n, "'%s' lagged %ld covers %s to %s", s->name, lag, a, b);
	else
		snprintf(buf, n, "'%s' covers %s to %s", s->name, a, b);
}

static void append(char *buf, size_t n, const char *text)
{
	size_t len = strlen(buf), add = strlen(text);

	if (len + add >= n)
		add = n - len - 1;
	memcpy(buf + len, text, add);
	buf[len + add] = '\0';
}

static int no_overlap(const struct caspian_regress_model *m, struct caspian_error *err)
{
	char msg[CASPIAN_ERROR_MSG_SIZE], part[CASPIAN_ERROR_MSG_SIZE];

	msg[0] = '\0';
	append(msg, sizeof(msg), "no period where '");
	append(msg, sizeof(msg), m->y->name);
	append(msg, sizeof(msg), "' and every regressor have values (");
	span_text(m->y, 0, part, sizeof(part));
	append(msg, sizeof(msg), part);
	for (size_t j = 0; j < m->nx; j++) {
		span_text(m->x[j].x, m->x[j].lag, part, sizeof(part));
		append(msg, sizeof(msg), "; ");
		append(msg, sizeof(msg), part);
	}
	append(msg, sizeof(msg), ")");
	return caspian_error_set(err, CASPIAN_EINVAL, "%s", msg);
}

/* Classify the periods of y's span within [from, to]. */
static int align(const struct caspian_regress_model *m, struct caspian_regress_sample *s,
		 struct caspian_error *err)
{
	long first, last;
	size_t cap;

	if (!caspian_series_span(m->y, &first, &last))
		return caspian_error_set(err, CASPIAN_EINVAL, "series '%s' has no values",
					 m->y->name);
	if (m->has_from && m->from > first)
		first = m->from;
	if (m->has_to && m->to < last)
		last = m->to;
	if (first > last)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "series '%s' has no values in the requested range",
					 m->y->name);
	cap = (size_t)(last - first + 1);
	s->periods = malloc(cap * sizeof(*s->periods));
	s->dropped = malloc(cap * sizeof(*s->dropped));
	s->why = malloc(cap * sizeof(*s->why));
	s->which = malloc(cap * sizeof(*s->which));
	if (!s->periods || !s->dropped || !s->why || !s->which)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (long p = first; p <= last; p++) {
		enum caspian_regress_drop why = CASPIAN_DROP_Y;
		size_t which = 0;
		int drop = isnan(caspian_series_at(m->y, p));
		for (size_t j = 0; !drop && j < m->nx; j++) {
			if (isnan(caspian_series_at(m->x[j].x, p - m->x[j].lag))) {
				drop = 1;
				why = CASPIAN_DROP_X;
				which = j;
			}
		}
		if (!drop && m->weights && isnan(caspian_series_at(m->weights, p))) {
			drop = 1;
			why = CASPIAN_DROP_WEIGHT;
		}
		if (drop) {
			s->dropped[s->ndropped] = p;
			s->why[s->ndropped] = why;
			s->which[s->ndropped++] = which;
		} else {
			s->periods[s->n++] = p;
		}
	}
	if (s->n == 0)
		return no_overlap(m, err);
	s->t0 = s->periods[0];
	return CASPIAN_OK;
}

static int response(const struct caspian_regress_model *m, const struct caspian_regress_sample *s,
		    double *y, double *w, struct caspian_error *err)
{
	for (size_t i = 0; i < s->n; i++) {
		y[i] = caspian_series_at(m->y, s->periods[i]);
		if (m->log_y) {
			if (!(y[i] > 0)) {
				char when[CASPIAN_PERIOD_TEXT_MAX];
				format_period(m->y->freq, s->periods[i], when);
				return caspian_error_set(err, CASPIAN_EDOM,
							 "a log model needs positive values: "
							 "'%s' is %.17g at %s", m->y->name, y[i],
							 when);
			}
			y[i] = log(y[i]);
		}
		if (w)
			w[i] = caspian_series_at(m->weights, s->periods[i]);
	}
	return CASPIAN_OK;
}

void caspian_regress_sample_free(struct caspian_regress_sample *s)
{
	if (!s)
		return;
	free(s->periods);
	free(s->dropped);
	free(s->why);
	free(s->which);
	free(s);
}

int caspian_regress_series(const struct caspian_regress_model *m,
			   const struct caspian_regress_opts *o,
			   struct caspian_regress_fit **fit,
			   struct caspian_regress_sample **sample, struct caspian_error *err)
{
	struct caspian_regress_opts defaults, local;
	struct caspian_regress_sample *s;
	struct term_set ts = {0};
	double *y = NULL, *w = NULL;
	int rc;

	if (!o) {
		caspian_regress_opts_init(&defaults);
		o = &defaults;
	}
	rc = check_model(m, err);
	if (rc != CASPIAN_OK)
		return rc;
	s = calloc(1, sizeof(*s));
	if (!s)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	s->freq = m->y->freq;
	rc = align(m, s, err);
	if (rc != CASPIAN_OK)
		goto done;
	y = malloc(s->n * sizeof(*y));
	w = m->weights ? malloc(s->n * sizeof(*w)) : NULL;
	if (!y || (m->weights && !w)) {
		rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		goto done;
	}
	rc = response(m, s, y, w, err);
	if (rc == CASPIAN_OK)
		rc = make_terms(m, o->intercept, s->t0, s->periods, s->n, &ts, err);
	if (rc != CASPIAN_OK)
		goto done;
	local = *o;
	local.weights = w;
	rc = caspian_regress_fit(s->n, y, ts.terms, ts.nterms, &local, fit, err);
done:
	term_set_free(&ts);
	free(y);
	free(w);
	if (rc == CASPIAN_OK)
		*sample = s;
	else
		caspian_regress_sample_free(s);
	return rc;
}

int caspian_regress_series_predict(const struct caspian_regress_model *m,
				   const struct caspian_regress_sample *s,
				   const struct caspian_regress_fit *f, long from, long to,
				   double level, struct caspian_regress_pred *out,
				   struct caspian_error *err)
{
	struct term_set ts = {0};
	long *periods;
	size_t count;
	int rc;

	if (from > to)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "the prediction range ends before it starts");
	count = (size_t)(to - from + 1);
	periods = malloc(count * sizeof(*periods));
	if (!periods)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; i < count; i++)
		periods[i] = from + (long)i;
	rc = make_terms(m, f->intercept, s->t0, periods, count, &ts, err);
	if (rc == CASPIAN_OK)
		rc = caspian_regress_predict(f, ts.terms, ts.nterms, count, level, out, err);
	if (rc == CASPIAN_OK && m->log_y) {
		for (size_t i = 0; i < count; i++) {
			out[i].yhat = exp(out[i].yhat);
			out[i].ci_low = exp(out[i].ci_low);
			out[i].ci_high = exp(out[i].ci_high);
			out[i].pi_low = exp(out[i].pi_low);
			out[i].pi_high = exp(out[i].pi_high);
		}
	}
	term_set_free(&ts);
	free(periods);
	return rc;
}

int caspian_regress_endpoint_cagr(const struct caspian_regress_model *m,
				  const struct caspian_regress_sample *s, double *cagr,
				  struct caspian_error *err)
{
	long p0, p1;
	double y0, y1, years;

	if (s->n < 2)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "a growth rate needs two periods");
	p0 = s->periods[0];
	p1 = s->periods[s->n - 1];
	y0 = caspian_series_at(m->y, p0);
	y1 = caspian_series_at(m->y, p1);
	if (!(y0 > 0) || !(y1 > 0))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "the endpoint growth rate needs positive endpoints, "
					 "got %.17g and %.17g", y0, y1);
	years = (double)(p1 - p0) / caspian_freq_periods_per_year(m->y->freq);
	*cagr = expm1(log(y1 / y0) / years);
	return CASPIAN_OK;
}
