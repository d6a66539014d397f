/*
 * smoothing.c - the exponential smoothing family in the method table:
 * ets (AICc selection or a named model), ses, holt, damped and hw, all
 * wrappers over caspian/ets.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/ets.h"
#include "fc_internal.h"

static void ets_options(const struct caspian_fc_opts *opts, struct caspian_ets_opts *o)
{
	caspian_ets_opts_init(o);
	o->season_period = (int)fc_season(opts);
	if (opts && opts->seed)
		o->seed = opts->seed;
	if (opts && opts->nsim)
		o->nsim = (int)opts->nsim;
}

/* How ets estimates and selects: the "estimator=" and "ic=" items of its variant. */
struct ets_choice {
	int estimator; /* enum caspian_ets_estimator */
	int ic;        /* enum caspian_ets_ic */
};

static const struct ets_choice ets_default_choice = {CASPIAN_ETS_ESTIMATE_ML, CASPIAN_ETS_IC_AICC};

static int ets_fit_spec(const double *y, size_t n, const struct caspian_ets_spec *spec,
			const struct caspian_fc_opts *opts, struct ets_choice choice, void **state,
			struct caspian_error *err)
{
	struct caspian_ets_opts o;
	struct caspian_ets_model *model = NULL;
	if (fc_season(opts) > CASPIAN_ETS_MAX_PERIOD && spec && spec->season != 'N' &&
	    spec->season != 'Z')
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "seasonal exponential smoothing supports periods up "
					 "to %d (got %zu)",
					 CASPIAN_ETS_MAX_PERIOD, fc_season(opts));
	ets_options(opts, &o);
	o.estimator = choice.estimator;
	o.ic = choice.ic;
	int rc = caspian_ets_fit(y, n, spec, &o, &model, err);
	if (rc)
		return rc;
	*state = model;
	return CASPIAN_OK;
}

/* One "KEY=VALUE" item of the ets variant into c; 1 when key is not one of ets's. */
static int ets_choice_item(const char *part, struct ets_choice *c, int *rc,
			   struct caspian_error *err)
{
	static const struct {
		const char *text;
		int ic;
	} ics[] = {{"aicc", CASPIAN_ETS_IC_AICC},
		   {"aic", CASPIAN_ETS_IC_AIC},
		   {"bic", CASPIAN_ETS_IC_BIC}};
	*rc = CASPIAN_OK;
	if (strncmp(part, "estimator=", 10) == 0) {
		if (strcmp(part + 10, "ml") == 0)
			c->estimator = CASPIAN_ETS_ESTIMATE_ML;
		else if (strcmp(part + 10, "r") == 0)
			c->estimator = CASPIAN_ETS_ESTIMATE_R;
		else
			*rc = caspian_error_set(err, CASPIAN_EPARSE,
						"ets: estimator must be ml or r, got \"%s\"", part + 10);
		return 0;
	}
	if (strncmp(part, "ic=", 3) == 0) {
		for (size_t i = 0; i < sizeof(ics) / sizeof(ics[0]); i++)
			if (strcmp(part + 3, ics[i].text) == 0) {
				c->ic = ics[i].ic;
				return 0;
			}
		*rc = caspian_error_set(err, CASPIAN_EPARSE,
					"ets: ic must be aicc, aic or bic, got \"%s\"", part + 3);
		return 0;
	}
	return 1;
}

/*
 * The ets variant: a model name, "estimator=ml|r", "ic=aicc|aic|bic", or
 * several of them separated by ';' ("MAdN;estimator=r", "ic=bic").  *spec
 * is set when a model is named (*have_spec 1).
 */
static int ets_variant_parse(const char *text, struct caspian_ets_spec *spec, int *have_spec,
			     struct ets_choice *choice, struct caspian_error *err)
{
	*have_spec = 0;
	*choice = ets_default_choice;
	const char *p = text ? text : "";
	struct fc_item it;
	while (fc_next_item(&p, &it)) {
		char part[64];
		if (it.len == 0 || it.len >= sizeof(part) || (*have_spec && !it.value))
			return caspian_error_set(err, CASPIAN_EPARSE,
						 "ets: expected MODEL, estimator=ml|r or ic=aicc|aic|bic, "
						 "separated by ';', got \"%s\"",
						 text);
		memcpy(part, it.text, it.len);
		part[it.len] = '\0';
		int rc;
		if (ets_choice_item(part, choice, &rc, err)) {
			rc = caspian_ets_spec_parse(part, spec, err);
			*have_spec = 1;
		}
		if (rc)
			return rc;
		if (it.text[it.len] == ';' && !*p)
			return caspian_error_set(err, CASPIAN_EPARSE,
						 "ets: nothing after ';' in \"%s\"", text);
	}
	return CASPIAN_OK;
}

static int ets_check_spec(const char *text, struct caspian_error *err)
{
	struct caspian_ets_spec spec;
	struct ets_choice choice;
	int have_spec;
	return ets_variant_parse(text, &spec, &have_spec, &choice, err);
}

static int ets_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		   void **state, struct caspian_error *err)
{
	struct caspian_ets_spec spec;
	struct ets_choice choice;
	int have_spec;
	int rc = ets_variant_parse(opts ? opts->spec : NULL, &spec, &have_spec, &choice, err);
	if (rc)
		return rc;
	return ets_fit_spec(y, n, have_spec ? &spec : NULL, opts, choice, state, err);
}

static int fixed_fit(const char *name, char error, char trend, int damped, char season,
		     const double *y, size_t n, const struct caspian_fc_opts *opts,
		     void **state, struct caspian_error *err)
{
	int rc = fc_no_spec(name, opts, err);
	if (rc)
		return rc;
	struct caspian_ets_spec spec = {error, trend, damped, season};
	return ets_fit_spec(y, n, &spec, opts, ets_default_choice, state, err);
}

static int ses_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		   void **state, struct caspian_error *err)
{
	return fixed_fit("ses", 'A', 'N', 0, 'N', y, n, opts, state, err);
}

static int holt_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		    void **state, struct caspian_error *err)
{
	return fixed_fit("holt", 'A', 'A', 0, 'N', y, n, opts, state, err);
}

static int damped_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		      void **state, struct caspian_error *err)
{
	return fixed_fit("damped", 'A', 'A', 1, 'N', y, n, opts, state, err);
}

/*
 * Holt-Winters: ETS(A,A,A), or ETS(M,A,M) when the data are positive and its
 * AICc is lower; "additive" or "multiplicative" as spec forces one.
 */
/* Which Holt-Winters forms the variant allows (NULL or "": both). */
static int hw_variant_parse(const char *spec, int *want_add, int *want_mul,
			    struct caspian_error *err)
{
	*want_add = *want_mul = 1;
	if (!spec || !spec[0])
		return CASPIAN_OK;
	if (strcmp(spec, "additive") == 0)
		*want_mul = 0;
	else if (strcmp(spec, "multiplicative") == 0)
		*want_add = 0;
	else
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method hw takes 'additive' or 'multiplicative' (got '%s')",
					 spec);
	return CASPIAN_OK;
}

static int hw_check_spec(const char *spec, struct caspian_error *err)
{
	int want_add, want_mul;
	return hw_variant_parse(spec, &want_add, &want_mul, err);
}

static int hw_fit(const double *y, size_t n, const struct caspian_fc_opts *opts,
		  void **state, struct caspian_error *err)
{
	int want_add, want_mul;
	int rc = hw_variant_parse(opts ? opts->spec : NULL, &want_add, &want_mul, err);
	if (rc)
		return rc;
	if (fc_season(opts) < 2)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "method hw needs a seasonal period (--season N, N >= 2)");
	struct caspian_fc_opts o = opts ? *opts : (struct caspian_fc_opts){0};
	o.spec = NULL;
	void *add = NULL, *mul = NULL;
	if (want_add)
		rc = fixed_fit("hw", 'A', 'A', 0, 'A', y, n, &o, &add, err);
	if (rc)
		return rc;
	if (want_mul && fc_first_nonpositive(y, n) == n) {
		struct caspian_error e2;
		caspian_error_init(&e2);
		rc = fixed_fit("hw", 'M', 'A', 0, 'M', y, n, &o, &mul, want_add ? &e2 : err);
		if (rc && want_add)
			rc = CASPIAN_OK; /* keep the additive fit */
		if (rc)
			return rc;
	} else if (want_mul && !want_add) {
		return fc_need_positive("hw (multiplicative)", y, n, err);
	}
	if (add && mul) {
		if (caspian_ets_aicc(mul) < caspian_ets_aicc(add)) {
			caspian_ets_free(add);
			add = NULL;
		} else {
			caspian_ets_free(mul);
			mul = NULL;
		}
	}
	*state = add ? add : mul;
	return CASPIAN_OK;
}

static int ets_method_forecast(const void *state, size_t h, const double *levels,
			       size_t nlevels, double *mean, double *lo, double *hi,
			       struct caspian_error *err)
{
	return caspian_ets_forecast(state, h, levels, nlevels, mean, lo, hi, err);
}

static int ets_method_ic(const void *state, struct caspian_fc_ic *ic)
{
	ic->loglik = caspian_ets_loglik(state);
	ic->aic = caspian_ets_aic(state);
	ic->aicc = caspian_ets_aicc(state);
	ic->bic = caspian_ets_bic(state);
	ic->k = caspian_ets_nparams(state);
	ic->nobs = caspian_ets_nobs(state);
	return 1;
}

static void ets_method_describe(const void *state, struct caspian_fc_details *d)
{
	struct caspian_ets_params p;
	char text[sizeof(d->params) + sizeof(d->model)];
	caspian_ets_get_params(state, &p);
	caspian_ets_spec_name(&p.spec, d->model, sizeof(d->model));
	caspian_ets_describe(state, text, sizeof(text));
	/* The description starts with the model name, already in d->model. */
	const char *rest = strchr(text, ' ');
	snprintf(d->params, sizeof(d->params), "%s", rest ? rest + 1 : "");
	d->simulated = caspian_ets_simulated(state, &d->seed);
}

static void ets_method_free(void *state)
{
	caspian_ets_free(state);
}

#define ETS_METHOD(NAME, FIT, CHECK, FLAGS, SUMMARY)                                    \
	const struct caspian_method caspian_method_##NAME = {                           \
		.name = #NAME,                                                          \
		.summary = SUMMARY,                                                     \
		.flags = CASPIAN_FC_MISSING_OK | (FLAGS),                               \
		.ic_family = "ets",                                                     \
		.fit = FIT,                                                             \
		.forecast = ets_method_forecast,                                        \
		.ic = ets_method_ic,                                                    \
		.describe = ets_method_describe,                                        \
		.free = ets_method_free,                                                \
		.check_spec = CHECK,                                                    \
	}

ETS_METHOD(ets, ets_fit, ets_check_spec, CASPIAN_FC_SEASONAL,
	   "Exponential smoothing state space model chosen by AICc (or ets:MODEL)");
ETS_METHOD(ses, ses_fit, NULL, 0, "Simple exponential smoothing, ETS(A,N,N)");
ETS_METHOD(holt, holt_fit, NULL, 0, "Holt's linear trend, ETS(A,A,N)");
ETS_METHOD(damped, damped_fit, NULL, 0, "Damped trend, ETS(A,Ad,N)");
ETS_METHOD(hw, hw_fit, hw_check_spec, CASPIAN_FC_SEASONAL,
	   "Holt-Winters: ETS(A,A,A) or ETS(M,A,M), the lower AICc");
