/*
 * cmd_regress.c - caspian regress: linear regressions on series or on a
 * cross-section CSV, with inference, diagnostics and predictions.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/ingest.h"
#include "caspian/numfmt.h"
#include "caspian/output.h"
#include "caspian/regress.h"
#include "cli.h"

static const char usage[] =
	"usage: caspian regress Y [X ...] [--trend linear|log|poly:K] [--seasonal]\n"
	"                       [--no-intercept] [--weights W] [--from P] [--to P]\n"
	"                       [--poly X:K] [--se classic|hc1|hac[:LAG]] [--level L]\n"
	"                       [--bg-order H] [--predict P | --h N] [--residuals]\n"
	"                       [--format table|csv|json] [--file F [--wide]]\n\n"
	"Least-squares regression of Y on the regressors X (OLS, or WLS with\n"
	"--weights), estimated by QR with refinement in extended precision.\n"
	"Y and X are series aligned on their common periods; periods left out for\n"
	"missing values are listed.  A regressor may be written X@-K (X lagged K\n"
	"periods), log(X) or X^K; Y may be log(Y).  --trend adds t (1 at the first\n"
	"period used): linear, log (ln Y on t, with the annual growth rate\n"
	"exp(b*periods_per_year)-1, its interval and the endpoint CAGR) or poly:K\n"
	"(t..t^K); --seasonal adds quarter or month dummies.  --poly X:K adds X,\n"
	"X^2..X^K, fitted as a centred polynomial.\n\n"
	"With --file F whose header has no 'period' column, the rows are\n"
	"observations (cross-section): Y and X name columns, rows with a missing\n"
	"value are dropped and counted.\n\n"
	"Output: coefficients with standard errors, t, p and --level confidence\n"
	"intervals (default 95), R-squared, adjusted R-squared, F, residual\n"
	"standard error, log-likelihood, AIC and BIC (k = coefficients + 1),\n"
	"Durbin-Watson, Jarque-Bera, Breusch-Godfrey (order --bg-order, default\n"
	"1) and the condition number.  --se hc1 or hac[:LAG] (Newey-West, Bartlett\n"
	"kernel, default lag floor(4 (n/100)^(2/9))) for robust standard errors.\n"
	"--h N or --predict P (a period; or NAME=V,... for a cross-section, one\n"
	"point per option) adds forecasts with confidence and prediction\n"
	"intervals.  CSV: one row per coefficient (term, estimate, std_error, t,\n"
	"p, ci_low, ci_high), the predictions instead when asked for; JSON: the\n"
	"whole model.  --residuals writes fitted values and residuals (CSV unless\n"
	"--format says otherwise).\n";

enum {
	OPT_TREND = CLI_OPT_FIRST_FREE,
	OPT_SEASONAL,
	OPT_NO_INTERCEPT,
	OPT_WEIGHTS,
	OPT_FROM,
	OPT_TO,
	OPT_POLY,
	OPT_SE,
	OPT_LEVEL,
	OPT_BG_ORDER,
	OPT_PREDICT,
	OPT_H,
	OPT_RESIDUALS
};

enum { MAX_ARGS = 256 };

/* One variable as written on the command line: log(NAME)@-LAG^POWER. */
struct expr {
	char *name;
	int log;
	long lag;
	unsigned power;
	const char *text;
	int from_poly;
};

struct args {
	struct cli_common co;
	int format_given;
	int no_intercept, seasonal, residuals;
	const char *weights, *from, *to;
	unsigned trend;
	int log_trend;
	struct caspian_regress_opts opts;
	const char *poly[MAX_ARGS];
	size_t npoly;
	const char *predict[MAX_ARGS];
	size_t npredict;
	long h;
	struct expr y;
	struct expr x[MAX_ARGS];
	size_t nx;
};

/* Everything the output needs, whichever mode produced it. */
struct report {
	const char *response;
	const char *weights;       /* name of the weights, NULL for OLS */
	int cross;                 /* cross-section: rows, not periods */
	enum caspian_freq freq;
	struct caspian_regress_fit *fit;
	char **labels;             /* n labels of the observations used */
	double *actual;            /* n values of the fitted response */
	size_t ndropped;
	char **dropped;            /* "2012 (y missing)" or "line 7" */
	int has_growth;
	double ppy, rate, rate_lo, rate_hi, cagr;
	size_t npred;
	char **pred_labels;
	struct caspian_regress_pred *pred;
};

/* ---- parsing --------------------------------------------------------- */

static int parse_digits(const char *s, long *out)
{
	char *end;
	if (!*s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || *end ? -1 : 0;
}

/* Split a trailing "@-K" off text[0..*len). */
static int take_lag(const char *text, size_t *len, long *lag)
{
	for (size_t i = *len; i-- > 1;) {
		if (text[i - 1] == '@' && text[i] == '-') {
			char buf[32];
			size_t n = *len - i - 1;
			if (n == 0 || n >= sizeof(buf))
				return -1;
			memcpy(buf, text + i + 1, n);
			buf[n] = '\0';
			if (parse_digits(buf, lag) || *lag < 1)
				return -1;
			*len = i - 1;
			return 0;
		}
		if (text[i] < '0' || text[i] > '9')
			return 0;
	}
	return 0;
}

static int parse_expr(const char *text, struct expr *e)
{
	size_t len = strlen(text);
	const char *caret = strrchr(text, '^');
	long v;

	memset(e, 0, sizeof(*e));
	e->text = text;
	e->power = 1;
	if (caret && parse_digits(caret + 1, &v) == 0) {
		if (v < 1 || v > 30)
			return -1;
		e->power = (unsigned)v;
		len = (size_t)(caret - text);
	}
	if (take_lag(text, &len, &e->lag))
		return -1;
	if (len > 5 && strncmp(text, "log(", 4) == 0 && text[len - 1] == ')') {
		e->log = 1;
		text += 4;
		len -= 5;
		if (e->lag == 0 && take_lag(text, &len, &e->lag))
			return -1;
	}
	if (len == 0)
		return -1;
	e->name = malloc(len + 1);
	if (!e->name)
		return -1;
	memcpy(e->name, text, len);
	e->name[len] = '\0';
	return strpbrk(e->name, "()^ ") ? -1 : 0;
}

static int parse_se(const char *text, struct caspian_regress_opts *o)
{
	long lag;
	if (strcmp(text, "classic") == 0) {
		o->se = CASPIAN_SE_CLASSIC;
	} else if (strcmp(text, "hc1") == 0) {
		o->se = CASPIAN_SE_HC1;
	} else if (strcmp(text, "hac") == 0) {
		o->se = CASPIAN_SE_HAC;
	} else if (strncmp(text, "hac:", 4) == 0 && parse_digits(text + 4, &lag) == 0) {
		o->se = CASPIAN_SE_HAC;
		o->hac_lag = lag;
	} else {
		return -1;
	}
	return 0;
}

static int parse_trend(const char *text, struct args *a)
{
	long k;
	if (strcmp(text, "linear") == 0) {
		a->trend = 1;
	} else if (strcmp(text, "log") == 0) {
		a->trend = 1;
		a->log_trend = 1;
	} else if (strncmp(text, "poly:", 5) == 0 && parse_digits(text + 5, &k) == 0 && k >= 1 &&
		   k <= 30) {
		a->trend = (unsigned)k;
	} else {
		return -1;
	}
	return 0;
}

static int parse_option(struct cli_ctx *ctx, int c, const char *arg, struct args *a)
{
	double v;
	long k;

	switch (c) {
	case OPT_TREND:
		if (parse_trend(arg, a))
			return cli_usage(ctx, "regress",
					 "--trend must be linear, log or poly:K, not '%s'", arg);
		break;
	case OPT_SEASONAL: a->seasonal = 1; break;
	case OPT_NO_INTERCEPT: a->opts.intercept = 0; break;
	case OPT_WEIGHTS: a->weights = arg; break;
	case OPT_FROM: a->from = arg; break;
	case OPT_TO: a->to = arg; break;
	case OPT_RESIDUALS: a->residuals = 1; break;
	case OPT_POLY:
		if (a->npoly == MAX_ARGS)
			return cli_usage(ctx, "regress", "too many --poly options");
		a->poly[a->npoly++] = arg;
		break;
	case OPT_PREDICT:
		if (a->npredict == MAX_ARGS)
			return cli_usage(ctx, "regress", "too many --predict options");
		a->predict[a->npredict++] = arg;
		break;
	case OPT_SE:
		if (parse_se(arg, &a->opts))
			return cli_usage(ctx, "regress",
					 "--se must be classic, hc1, hac or hac:LAG, not '%s'", arg);
		break;
	case OPT_LEVEL:
		if (cli_parse_double(arg, &v) || !(v > 0 && v < 100))
			return cli_usage(ctx, "regress",
					 "--level must be a percentage between 0 and 100, not '%s'",
					 arg);
		a->opts.level = v / 100;
		break;
	case OPT_BG_ORDER:
		if (cli_parse_long(arg, &k) || k < 1 || k > 1000)
			return cli_usage(ctx, "regress",
					 "--bg-order must be a whole number from 1, not '%s'", arg);
		a->opts.bg_order = (size_t)k;
		break;
	case OPT_H:
		if (cli_parse_long(arg, &k) || k < 1 || k > 100000)
			return cli_usage(ctx, "regress", "--h must be a positive whole number, not '%s'",
					 arg);
		a->h = k;
		break;
	default:
		return cli_usage(ctx, "regress", "unexpected option");
	}
	return 0;
}

static int parse_args(struct cli_ctx *ctx, int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{"trend", required_argument, NULL, OPT_TREND},
		{"seasonal", no_argument, NULL, OPT_SEASONAL},
		{"no-intercept", no_argument, NULL, OPT_NO_INTERCEPT},
		{"weights", required_argument, NULL, OPT_WEIGHTS},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"poly", required_argument, NULL, OPT_POLY},
		{"se", required_argument, NULL, OPT_SE},
		{"level", required_argument, NULL, OPT_LEVEL},
		{"bg-order", required_argument, NULL, OPT_BG_ORDER},
		{"predict", required_argument, NULL, OPT_PREDICT},
		{"h", required_argument, NULL, OPT_H},
		{"residuals", no_argument, NULL, OPT_RESIDUALS},
		{NULL, 0, NULL, 0},
	};
	int c, rc;

	caspian_regress_opts_init(&a->opts);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == CLI_OPT_FORMAT)
			a->format_given = 1;
		rc = cli_common_option(ctx, "regress", c, optarg, &a->co);
		if (rc > 0)
			return rc;
		if (rc == 0)
			continue;
		rc = parse_option(ctx, c, optarg, a);
		if (rc)
			return rc;
	}
	if (a->co.help)
		return 0;
	if (optind >= argc)
		return cli_usage(ctx, "regress", "expected the response Y");
	if (argc - optind - 1 > MAX_ARGS)
		return cli_usage(ctx, "regress", "too many regressors");
	if (parse_expr(argv[optind], &a->y) || a->y.lag || a->y.power != 1)
		return cli_usage(ctx, "regress",
				 "'%s' is not a response: write NAME or log(NAME)", argv[optind]);
	for (int i = optind + 1; i < argc; i++)
		if (parse_expr(argv[i], &a->x[a->nx++]))
			return cli_usage(ctx, "regress",
					 "'%s' is not a regressor: write NAME, NAME@-K, log(NAME) "
					 "or NAME^K", argv[i]);
	if (a->log_trend && a->y.log)
		return cli_usage(ctx, "regress", "--trend log already takes the log of Y");
	if (a->h && a->npredict)
		return cli_usage(ctx, "regress", "give --h or --predict, not both");
	if (a->residuals && (a->h || a->npredict))
		return cli_usage(ctx, "regress", "--residuals does not combine with predictions");
	if (a->residuals && !a->format_given)
		a->co.format = CLI_FORMAT_CSV;
	return 0;
}

static void free_args(struct args *a)
{
	free(a->y.name);
	for (size_t j = 0; j < a->nx; j++)
		free(a->x[j].name);
}

/* "NAME:K" of --poly. */
static int split_poly(const char *text, char *name, size_t n, unsigned *k)
{
	const char *colon = strrchr(text, ':');
	long v;
	if (!colon || colon == text || (size_t)(colon - text) >= n ||
	    parse_digits(colon + 1, &v) || v < 1 || v > 30)
		return -1;
	memcpy(name, text, (size_t)(colon - text));
	name[colon - text] = '\0';
	*k = (unsigned)v;
	return 0;
}

/* The regressors as written, with --poly expanded. */
static int expand_poly(struct cli_ctx *ctx, struct args *a)
{
	for (size_t i = 0; i < a->npoly; i++) {
		char name[CASPIAN_NAME_MAX + 1];
		unsigned k;
		if (split_poly(a->poly[i], name, sizeof(name), &k))
			return cli_usage(ctx, "regress", "--poly must be NAME:K, not '%s'",
					 a->poly[i]);
		for (unsigned p = 1; p <= k; p++) {
			struct expr *e = &a->x[a->nx];
			if (a->nx == MAX_ARGS)
				return cli_usage(ctx, "regress", "too many regressors");
			memset(e, 0, sizeof(*e));
			e->name = malloc(strlen(name) + 1);
			if (!e->name)
				return CLI_STORE;
			strcpy(e->name, name);
			e->power = p;
			e->text = a->poly[i];
			e->from_poly = 1;
			a->nx++;
		}
	}
	return 0;
}

/* ---- report -------------------------------------------------------- */

static void free_strings(char **s, size_t n)
{
	if (s)
		for (size_t i = 0; i < n; i++)
			free(s[i]);
	free(s);
}

static void free_report(struct report *r)
{
	free_strings(r->labels, r->fit ? r->fit->n : 0);
	caspian_regress_fit_free(r->fit);
	free(r->actual);
	free_strings(r->dropped, r->ndropped);
	free_strings(r->pred_labels, r->npred);
	free(r->pred);
}

static char *dup_text(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	if (d)
		strcpy(d, s);
	return d;
}

static const char *se_name(enum caspian_se_type t)
{
	return t == CASPIAN_SE_HC1 ? "hc1" : t == CASPIAN_SE_HAC ? "hac" : "classic";
}

static void json_number(FILE *out, double v)
{
	char buf[CASPIAN_DTOA_SIZE];
	if (!isfinite(v)) {
		fputs("null", out);
		return;
	}
	caspian_dtoa(v, buf);
	fputs(buf, out);
}

static void json_key(FILE *out, const char *key, double v, const char *sep)
{
	fprintf(out, "%s\"%s\": ", sep, key);
	json_number(out, v);
}

static void write_json_coefs(FILE *out, const struct caspian_regress_fit *f)
{
	fputs(",\n \"coefficients\": [", out);
	for (size_t j = 0; j < f->p; j++) {
		fputs(j ? ",\n  {\"term\": " : "\n  {\"term\": ", out);
		caspian_json_write_string(out, f->names[j]);
		json_key(out, "estimate", f->coef[j], ", ");
		json_key(out, "std_error", f->se[j], ", ");
		json_key(out, "t", f->tstat[j], ", ");
		json_key(out, "p", f->pvalue[j], ", ");
		json_key(out, "ci_low", f->ci_low[j], ", ");
		json_key(out, "ci_high", f->ci_high[j], ", ");
		fputc('}', out);
	}
	fputs("\n ]", out);
}

static void write_json_model(FILE *out, const struct caspian_regress_fit *f)
{
	static const char *const sep = ",\n ";
	fprintf(out, "%s\"se\": \"%s\"", sep, se_name(f->se_type));
	if (f->se_type == CASPIAN_SE_HAC)
		json_key(out, "hac_lag", (double)f->hac_lag, sep);
	json_key(out, "level", f->level, sep);
	json_key(out, "n", (double)f->n, sep);
	json_key(out, "df_model", f->df_model, sep);
	json_key(out, "df_resid", f->df_resid, sep);
	json_key(out, "r2", f->r2, sep);
	json_key(out, "adj_r2", f->adj_r2, sep);
	json_key(out, "f", f->fstat, sep);
	json_key(out, "f_p", f->f_pvalue, sep);
	if (f->se_type != CASPIAN_SE_CLASSIC) {
		json_key(out, "wald_f", f->wald_f, sep);
		json_key(out, "wald_f_p", f->wald_f_pvalue, sep);
	}
	json_key(out, "sigma", f->sigma, sep);
	json_key(out, "sse", f->sse, sep);
	json_key(out, "sst", f->sst, sep);
	json_key(out, "loglik", f->loglik, sep);
	json_key(out, "aic", f->aic, sep);
	json_key(out, "bic", f->bic, sep);
	json_key(out, "durbin_watson", f->dw, sep);
	json_key(out, "jarque_bera", f->jb, sep);
	json_key(out, "jarque_bera_p", f->jb_pvalue, sep);
	json_key(out, "skewness", f->skewness, sep);
	json_key(out, "kurtosis", f->kurtosis, sep);
	json_key(out, "bg_order", (double)f->bg_order, sep);
	json_key(out, "breusch_godfrey", f->bg, sep);
	json_key(out, "breusch_godfrey_p", f->bg_pvalue, sep);
	json_key(out, "condition_number", f->cond, sep);
}

static void write_json_preds(FILE *out, const struct report *r)
{
	fputs(",\n \"predictions\": [", out);
	for (size_t i = 0; i < r->npred; i++) {
		const struct caspian_regress_pred *p = &r->pred[i];
		fprintf(out, "%s{\"%s\": ", i ? ",\n  " : "\n  ", r->cross ? "point" : "period");
		caspian_json_write_string(out, r->pred_labels[i]);
		json_key(out, "forecast", p->yhat, ", ");
		json_key(out, "se_fit", p->se_fit, ", ");
		json_key(out, "ci_low", p->ci_low, ", ");
		json_key(out, "ci_high", p->ci_high, ", ");
		json_key(out, "pi_low", p->pi_low, ", ");
		json_key(out, "pi_high", p->pi_high, ", ");
		fputc('}', out);
	}
	fputs("\n ]", out);
}

static void write_json(FILE *out, const struct report *r)
{
	const struct caspian_regress_fit *f = r->fit;

	fputs("{\"response\": ", out);
	caspian_json_write_string(out, r->response);
	fprintf(out, ",\n \"data\": \"%s\"", r->cross ? "cross-section" : "series");
	fprintf(out, ",\n \"estimator\": \"%s\"", r->weights ? "WLS" : "OLS");
	if (r->weights) {
		fputs(", \"weights\": ", out);
		caspian_json_write_string(out, r->weights);
	}
	if (!r->cross && f->n > 0) {
		fputs(",\n \"first\": ", out);
		caspian_json_write_string(out, r->labels[0]);
		fputs(", \"last\": ", out);
		caspian_json_write_string(out, r->labels[f->n - 1]);
	}
	fputs(",\n \"dropped\": [", out);
	for (size_t i = 0; i < r->ndropped; i++) {
		fputs(i ? ", " : "", out);
		caspian_json_write_string(out, r->dropped[i]);
	}
	fputc(']', out);
	write_json_model(out, f);
	write_json_coefs(out, f);
	if (r->has_growth) {
		fputs(",\n \"growth\": {", out);
		json_key(out, "periods_per_year", r->ppy, "");
		json_key(out, "annual_rate", r->rate, ", ");
		json_key(out, "ci_low", r->rate_lo, ", ");
		json_key(out, "ci_high", r->rate_hi, ", ");
		json_key(out, "endpoint_cagr", r->cagr, ", ");
		fputc('}', out);
	}
	if (r->npred)
		write_json_preds(out, r);
	fputs("\n}\n", out);
}

static const struct caspian_column coef_cols[] = {
	{"term", CASPIAN_COL_TEXT},    {"estimate", CASPIAN_COL_NUMBER},
	{"std_error", CASPIAN_COL_NUMBER}, {"t", CASPIAN_COL_NUMBER},
	{"p", CASPIAN_COL_NUMBER},     {"ci_low", CASPIAN_COL_NUMBER},
	{"ci_high", CASPIAN_COL_NUMBER},
};

static const struct caspian_column pred_cols[] = {
	{"period", CASPIAN_COL_TEXT},  {"forecast", CASPIAN_COL_NUMBER},
	{"se_fit", CASPIAN_COL_NUMBER}, {"ci_low", CASPIAN_COL_NUMBER},
	{"ci_high", CASPIAN_COL_NUMBER}, {"pi_low", CASPIAN_COL_NUMBER},
	{"pi_high", CASPIAN_COL_NUMBER},
};

static const struct caspian_column pred_cols_cross[] = {
	{"point", CASPIAN_COL_TEXT},   {"forecast", CASPIAN_COL_NUMBER},
	{"se_fit", CASPIAN_COL_NUMBER}, {"ci_low", CASPIAN_COL_NUMBER},
	{"ci_high", CASPIAN_COL_NUMBER}, {"pi_low", CASPIAN_COL_NUMBER},
	{"pi_high", CASPIAN_COL_NUMBER},
};

static const struct caspian_column resid_cols[] = {
	{"period", CASPIAN_COL_TEXT}, {"actual", CASPIAN_COL_NUMBER},
	{"fitted", CASPIAN_COL_NUMBER}, {"residual", CASPIAN_COL_NUMBER},
};

static const struct caspian_column resid_cols_cross[] = {
	{"line", CASPIAN_COL_TEXT}, {"actual", CASPIAN_COL_NUMBER},
	{"fitted", CASPIAN_COL_NUMBER}, {"residual", CASPIAN_COL_NUMBER},
};

/* Rows of text plus numbers into a caspian_table, written in format f. */
static int write_rows(struct cli_ctx *ctx, const struct caspian_column *cols, size_t ncols,
		      size_t nrows, char *const *labels, const double *nums, enum cli_format f)
{
	struct caspian_table *t = caspian_table_alloc(cols, ncols);
	struct caspian_error err;
	int rc = CASPIAN_OK;

	caspian_error_init(&err);
	if (!t)
		rc = caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; rc == CASPIAN_OK && i < nrows; i++) {
		rc = caspian_table_add_row(t, &err);
		if (rc == CASPIAN_OK)
			rc = caspian_table_set_text(t, 0, labels[i], &err);
		for (size_t j = 1; rc == CASPIAN_OK && j < ncols; j++)
			caspian_table_set_number(t, j, nums[i * (ncols - 1) + j - 1]);
	}
	rc = rc == CASPIAN_OK ? cli_write_table(ctx, t, f) : cli_fail(ctx, &err);
	caspian_table_free(t);
	return rc;
}

static int write_coefs(struct cli_ctx *ctx, const struct caspian_regress_fit *f,
		       enum cli_format format)
{
	double *nums = malloc(f->p * 6 * sizeof(*nums));
	int rc;
	if (!nums)
		return CLI_STORE;
	for (size_t j = 0; j < f->p; j++) {
		double row[] = {f->coef[j], f->se[j], f->tstat[j], f->pvalue[j], f->ci_low[j],
				f->ci_high[j]};
		memcpy(nums + j * 6, row, sizeof(row));
	}
	rc = write_rows(ctx, coef_cols, 7, f->p, f->names, nums, format);
	free(nums);
	return rc;
}

static int write_preds(struct cli_ctx *ctx, const struct report *r, enum cli_format format)
{
	double *nums = malloc((r->npred ? r->npred : 1) * 6 * sizeof(*nums));
	int rc;
	if (!nums)
		return CLI_STORE;
	for (size_t i = 0; i < r->npred; i++) {
		const struct caspian_regress_pred *p = &r->pred[i];
		double row[] = {p->yhat, p->se_fit, p->ci_low, p->ci_high, p->pi_low, p->pi_high};
		memcpy(nums + i * 6, row, sizeof(row));
	}
	rc = write_rows(ctx, r->cross ? pred_cols_cross : pred_cols, 7, r->npred, r->pred_labels,
			nums, format);
	free(nums);
	return rc;
}

static int write_residuals(struct cli_ctx *ctx, const struct report *r, enum cli_format format)
{
	const struct caspian_regress_fit *f = r->fit;
	double *nums = malloc(f->n * 3 * sizeof(*nums));
	int rc;
	if (!nums)
		return CLI_STORE;
	for (size_t i = 0; i < f->n; i++) {
		nums[i * 3] = r->actual[i];
		nums[i * 3 + 1] = f->fitted[i];
		nums[i * 3 + 2] = f->resid[i];
	}
	rc = write_rows(ctx, r->cross ? resid_cols_cross : resid_cols, 4, f->n, r->labels, nums,
			format);
	free(nums);
	return rc;
}

static const char *human(double v, char *buf)
{
	caspian_format_human(v, buf, 32);
	return buf;
}

static void pct(FILE *out, double v)
{
	if (isfinite(v))
		fprintf(out, "%.2f%%", v * 100);
	else
		fputs("NA", out);
}

static void write_summary(FILE *out, const struct report *r)
{
	const struct caspian_regress_fit *f = r->fit;

	fprintf(out, "response  %s; %zu %s", r->response, f->n,
		r->cross ? "observations" : "periods");
	if (!r->cross)
		fprintf(out, " %s to %s", r->labels[0], r->labels[f->n - 1]);
	if (r->weights)
		fprintf(out, "; WLS weighted by %s", r->weights);
	else
		fputs("; OLS", out);
	fprintf(out, "; standard errors %s", se_name(f->se_type));
	if (f->se_type == CASPIAN_SE_HAC)
		fprintf(out, " (lag %ld)", f->hac_lag);
	fputc('\n', out);
	if (r->ndropped) {
		fprintf(out, "dropped   %zu:", r->ndropped);
		for (size_t i = 0; i < r->ndropped; i++)
			fprintf(out, "%s %s", i ? "," : "", r->dropped[i]);
		fputc('\n', out);
	}
	fputc('\n', out);
}

static void write_figures(FILE *out, const struct report *r)
{
	const struct caspian_regress_fit *f = r->fit;
	char a[32], b[32], c[32], d[32];

	fprintf(out, "\nR-squared %s, adjusted %s; F(%.0f, %.0f) = %s, p = %s\n",
		human(f->r2, a), human(f->adj_r2, b), f->df_model, f->df_resid,
		human(f->fstat, c), human(f->f_pvalue, d));
	if (f->se_type != CASPIAN_SE_CLASSIC)
		fprintf(out, "robust Wald F = %s, p = %s\n", human(f->wald_f, a),
			human(f->wald_f_pvalue, b));
	fprintf(out, "residual standard error %s on %.0f df; log-likelihood %s; AIC %s, BIC %s\n",
		human(f->sigma, a), f->df_resid, human(f->loglik, b), human(f->aic, c),
		human(f->bic, d));
	fprintf(out, "Durbin-Watson %s; Jarque-Bera %s (p = %s); ", human(f->dw, a),
		human(f->jb, b), human(f->jb_pvalue, c));
	fprintf(out, "Breusch-Godfrey(%zu) %s (p = %s)\n", f->bg_order, human(f->bg, a),
		human(f->bg_pvalue, b));
	fprintf(out, "condition number %s\n", human(f->cond, a));
	if (r->has_growth) {
		fputs("annual growth (log trend) ", out);
		pct(out, r->rate);
		fprintf(out, ", %g%% interval ", f->level * 100);
		pct(out, r->rate_lo);
		fputs(" to ", out);
		pct(out, r->rate_hi);
		fputs("; endpoint CAGR ", out);
		pct(out, r->cagr);
		fputc('\n', out);
	}
}

static int write_report(struct cli_ctx *ctx, const struct args *a, const struct report *r)
{
	enum cli_format format = a->co.format;
	int rc;

	if (a->residuals)
		return write_residuals(ctx, r, format);
	if (format == CLI_FORMAT_JSON) {
		write_json(ctx->out, r);
		return cli_finish(ctx, CLI_OK);
	}
	if (format == CLI_FORMAT_CSV)
		return r->npred ? write_preds(ctx, r, format) : write_coefs(ctx, r->fit, format);
	write_summary(ctx->out, r);
	rc = write_coefs(ctx, r->fit, format);
	if (rc != CLI_OK)
		return rc;
	write_figures(ctx->out, r);
	if (r->npred) {
		fputc('\n', ctx->out);
		return write_preds(ctx, r, format);
	}
	return cli_finish(ctx, CLI_OK);
}

/* ---- input --------------------------------------------------------- */

/* The library's EINVAL means bad data here, not a bad command line. */
static int fail_input(struct cli_ctx *ctx, const struct caspian_error *err)
{
	int rc = cli_fail(ctx, err);
	return err->code == CASPIAN_EINVAL ? CLI_INPUT : rc;
}

static char *read_all(const char *path, size_t *len, struct caspian_error *err)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!in) {
		caspian_error_set(err, CASPIAN_EIO, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n + 65536 + 1 > cap) {
			char *grown = realloc(buf, cap = 2 * cap + 65536 + 1);
			if (!grown) {
				free(buf);
				buf = NULL;
				caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
				break;
			}
			buf = grown;
		}
		size_t got = fread(buf + n, 1, 65536, in);
		n += got;
		if (got == 0)
			break;
	}
	if (buf && ferror(in)) {
		free(buf);
		buf = NULL;
		caspian_error_set(err, CASPIAN_EIO, "cannot read %s", path);
	}
	if (in != stdin)
		fclose(in);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

/* Whether the header names a column (bare or quoted). */
static int header_has(const char *text, const char *name)
{
	size_t len = strcspn(text, "\r\n"), n = strlen(name);
	const char *p = text;
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < text + len) {
		size_t f = strcspn(p, ",\r\n");
		if ((f == n && strncmp(p, name, n) == 0) ||
		    (f == n + 2 && p[0] == '"' && strncmp(p + 1, name, n) == 0 && p[n + 1] == '"'))
			return 1;
		p += f + 1;
	}
	return 0;
}

/* ---- series mode --------------------------------------------------- */

static const struct caspian_series *find_series(const struct caspian_panel *p, const char *name)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->series[i].name, name) == 0)
			return &p->series[i];
	return NULL;
}

static int load_series(struct cli_ctx *ctx, const struct args *a, const char *buffer,
		       size_t len, struct caspian_panel **out, struct caspian_error *err)
{
	char *names[MAX_ARGS + 2];
	int n = 0;

	if (!buffer) {
		names[n++] = a->y.name;
		for (size_t j = 0; j < a->nx; j++)
			names[n++] = a->x[j].name;
		if (a->weights)
			names[n++] = (char *)a->weights;
		return cli_load_many(ctx, &a->co.src, names, n, out, err);
	}
	struct caspian_ingest_opts io;
	caspian_ingest_opts_init(&io);
	io.layout = a->co.src.wide ? CASPIAN_LAYOUT_WIDE : CASPIAN_LAYOUT_LONG;
	io.input_name = a->co.src.file;
	return caspian_ingest_buffer(buffer, len, &io, out, err);
}

static int need(const struct caspian_panel *p, const char *name, const char *where,
		const struct caspian_series **s, struct caspian_error *err)
{
	*s = find_series(p, name);
	if (!*s)
		return caspian_error_set(err, CASPIAN_ENOTFOUND, "no series named '%s' in %s", name,
					 where);
	return CASPIAN_OK;
}

static const char *drop_reason(const struct caspian_regress_sample *s, size_t i,
			       const struct caspian_regress_model *m, char *buf, size_t n)
{
	if (s->why[i] == CASPIAN_DROP_Y)
		snprintf(buf, n, "%s missing", m->y->name);
	else if (s->why[i] == CASPIAN_DROP_WEIGHT)
		snprintf(buf, n, "weight missing");
	else
		snprintf(buf, n, "%s missing", m->x[s->which[i]].x->name);
	return buf;
}

static int series_labels(struct report *r, const struct caspian_regress_model *m,
			 const struct caspian_regress_sample *s)
{
	char when[CASPIAN_PERIOD_TEXT_MAX], why[CASPIAN_NAME_MAX + 32];
	char line[CASPIAN_PERIOD_TEXT_MAX + CASPIAN_NAME_MAX + 48];
	size_t n = s->n;

	r->labels = calloc(n, sizeof(*r->labels));
	r->actual = malloc(n * sizeof(*r->actual));
	r->dropped = calloc(s->ndropped ? s->ndropped : 1, sizeof(*r->dropped));
	if (!r->labels || !r->actual || !r->dropped)
		return CASPIAN_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		double v = caspian_series_at(m->y, s->periods[i]);
		r->actual[i] = m->log_y ? log(v) : v;
		r->labels[i] = dup_text(cli_period_text(s->freq, s->periods[i], when));
		if (!r->labels[i])
			return CASPIAN_ENOMEM;
	}
	for (size_t i = 0; i < s->ndropped; i++, r->ndropped++) {
		snprintf(line, sizeof(line), "%s (%s)",
			 cli_period_text(s->freq, s->dropped[i], when),
			 drop_reason(s, i, m, why, sizeof(why)));
		r->dropped[i] = dup_text(line);
		if (!r->dropped[i])
			return CASPIAN_ENOMEM;
	}
	return CASPIAN_OK;
}

static int series_predict(const struct args *a, struct report *r,
			  const struct caspian_regress_model *m,
			  const struct caspian_regress_sample *s, struct caspian_error *err)
{
	long last = s->periods[s->n - 1], to = last + a->h;
	char when[CASPIAN_PERIOD_TEXT_MAX];
	int rc;

	if (a->npredict > 1)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "give one --predict period for series");
	if (a->npredict) {
		rc = cli_period_for(m->y, a->predict[0], &to, err);
		if (rc != CASPIAN_OK)
			return rc;
		if (to <= last)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "--predict %s is not after the last period used, %s",
						 a->predict[0], cli_period_text(s->freq, last, when));
	}
	r->npred = (size_t)(to - last);
	r->pred = calloc(r->npred, sizeof(*r->pred));
	r->pred_labels = calloc(r->npred, sizeof(*r->pred_labels));
	if (!r->pred || !r->pred_labels)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; i < r->npred; i++) {
		r->pred_labels[i] = dup_text(cli_period_text(s->freq, last + 1 + (long)i, when));
		if (!r->pred_labels[i])
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	return caspian_regress_series_predict(m, s, r->fit, last + 1, to, r->fit->level, r->pred,
					      err);
}

static int run_series(struct cli_ctx *ctx, struct args *a, const char *buffer, size_t len,
		      struct report *r, struct caspian_error *err)
{
	struct caspian_panel *p = NULL;
	struct caspian_regress_xterm xt[MAX_ARGS];
	struct caspian_regress_model m = {0};
	struct caspian_regress_sample *s = NULL;
	const char *where = a->co.src.file ? a->co.src.file : ctx->db_path;
	int rc = load_series(ctx, a, buffer, len, &p, err);

	if (rc == CASPIAN_OK)
		rc = need(p, a->y.name, where, &m.y, err);
	for (size_t j = 0; rc == CASPIAN_OK && j < a->nx; j++) {
		xt[j] = (struct caspian_regress_xterm){NULL, a->x[j].lag, a->x[j].power,
						       a->x[j].log, NULL};
		rc = need(p, a->x[j].name, where, &xt[j].x, err);
	}
	if (rc == CASPIAN_OK && a->weights)
		rc = need(p, a->weights, where, &m.weights, err);
	if (rc == CASPIAN_OK && a->from && (rc = cli_period_for(m.y, a->from, &m.from, err)) == 0)
		m.has_from = 1;
	if (rc == CASPIAN_OK && a->to && (rc = cli_period_for(m.y, a->to, &m.to, err)) == 0)
		m.has_to = 1;
	if (rc == CASPIAN_OK && a->nx == 0 && a->trend == 0 && !a->seasonal)
		rc = caspian_error_set(err, CASPIAN_EINVAL,
				       "no regressors: name some, or use --trend or --seasonal");
	if (rc != CASPIAN_OK)
		goto done;
	m.x = xt;
	m.nx = a->nx;
	m.log_y = a->y.log || a->log_trend;
	m.trend = a->trend;
	m.seasonal = a->seasonal;
	rc = caspian_regress_series(&m, &a->opts, &r->fit, &s, err);
	if (rc == CASPIAN_OK)
		rc = series_labels(r, &m, s) == CASPIAN_OK
			     ? CASPIAN_OK
			     : caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK && a->log_trend) {
		size_t jt = r->fit->intercept + a->nx; /* t follows the regressors */
		r->has_growth = 1;
		r->ppy = caspian_freq_periods_per_year(s->freq);
		rc = caspian_regress_growth(r->fit, jt, r->ppy, &r->rate, &r->rate_lo, &r->rate_hi,
					    err);
		/* the endpoint CAGR is reported beside the trend rate when it exists */
		struct caspian_error ignored;
		caspian_error_init(&ignored);
		if (rc == CASPIAN_OK && caspian_regress_endpoint_cagr(&m, s, &r->cagr, &ignored))
			r->cagr = NAN;
	}
	if (rc == CASPIAN_OK && (a->h || a->npredict))
		rc = series_predict(a, r, &m, s, err);
done:
	caspian_regress_sample_free(s);
	caspian_panel_free(p);
	return rc;
}

/* ---- cross-section mode ------------------------------------------- */

static int column(const struct caspian_regress_table *t, const char *name, const char *input,
		  const double **out, struct caspian_error *err)
{
	long j = caspian_regress_table_find(t, name);
	if (j < 0)
		return caspian_error_set(err, CASPIAN_ENOTFOUND, "no column '%s' in %s", name,
					 input);
	if (t->bad_line[j])
		return caspian_error_at(err, CASPIAN_EPARSE, input, t->bad_line[j], j + 1,
					"column '%s' is not numeric: '%s'", name,
					t->bad_text[j]);
	*out = t->values + (size_t)j * t->nrows;
	return CASPIAN_OK;
}

/* Values of the variables a model uses, rows with a missing value removed. */
struct cross_data {
	size_t n;
	size_t *rows;          /* table rows used */
	const double *src[MAX_ARGS + 2];
	int logs[MAX_ARGS + 2];
	double *vals[MAX_ARGS + 2];
	size_t nvars;          /* 0: y; 1..: distinct (column, log) of regressors; last: w */
	size_t var_of[MAX_ARGS];
};

static size_t add_var(struct cross_data *d, const double *src, int lg)
{
	for (size_t v = 1; v < d->nvars; v++)
		if (d->src[v] == src && d->logs[v] == lg)
			return v;
	d->src[d->nvars] = src;
	d->logs[d->nvars] = lg;
	return d->nvars++;
}

static int fill_vars(const struct caspian_regress_table *t, const char *input,
		     const char *const *names, struct cross_data *d, struct caspian_error *err)
{
	d->rows = malloc(t->nrows * sizeof(*d->rows));
	if (!d->rows)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; i < t->nrows; i++) {
		int ok = 1;
		for (size_t v = 0; v < d->nvars; v++)
			ok = ok && !isnan(d->src[v][i]);
		if (ok)
			d->rows[d->n++] = i;
	}
	for (size_t v = 0; v < d->nvars; v++) {
		d->vals[v] = malloc((d->n ? d->n : 1) * sizeof(double));
		if (!d->vals[v])
			return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
		for (size_t i = 0; i < d->n; i++) {
			double x = d->src[v][d->rows[i]];
			if (d->logs[v] && !(x > 0))
				return caspian_error_at(err, CASPIAN_EDOM, input,
							t->lines[d->rows[i]], 0,
							"log(%s) needs positive values, got %.17g",
							names[v], x);
			d->vals[v][i] = d->logs[v] ? log(x) : x;
		}
	}
	return CASPIAN_OK;
}

static int cross_predict(const struct args *a, const struct cross_data *d, const char *const *names,
			 struct caspian_regress_term *terms, struct report *r,
			 struct caspian_error *err)
{
	size_t m = a->npredict, nv = d->nvars - (a->weights ? 1 : 0);
	double *vals = malloc((m ? m : 1) * nv * sizeof(double));
	int rc = CASPIAN_OK;

	r->npred = m;
	r->pred = calloc(m, sizeof(*r->pred));
	r->pred_labels = calloc(m, sizeof(*r->pred_labels));
	if (!vals || !r->pred || !r->pred_labels) {
		free(vals);
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < m && rc == CASPIAN_OK; i++) {
		r->pred_labels[i] = dup_text(a->predict[i]);
		for (size_t v = 1; v < nv && rc == CASPIAN_OK; v++) {
			/* find NAME=V in the list for variable v */
			const char *s = a->predict[i], *name = names[v];
			size_t len = strlen(name);
			const char *hit = NULL;
			while (s && *s) {
				if (strncmp(s, name, len) == 0 && s[len] == '=')
					hit = s + len + 1;
				s = strchr(s, ',');
				s = s ? s + 1 : NULL;
			}
			char num[64];
			size_t nl = hit ? strcspn(hit, ",") : 0;
			double x;
			if (!hit || nl == 0 || nl >= sizeof(num))
				rc = caspian_error_set(err, CASPIAN_EINVAL,
						       "--predict %s gives no value for '%s'",
						       a->predict[i], name);
			if (rc == CASPIAN_OK) {
				memcpy(num, hit, nl);
				num[nl] = '\0';
				if (cli_parse_double(num, &x))
					rc = caspian_error_set(err, CASPIAN_EINVAL,
							       "--predict: '%s' is not a number",
							       num);
				else if (d->logs[v] && !(x > 0))
					rc = caspian_error_set(err, CASPIAN_EDOM,
							       "--predict: log(%s) needs a "
							       "positive value, got %s", name, num);
				else
					vals[v * m + i] = d->logs[v] ? log(x) : x;
			}
		}
	}
	for (size_t j = 0; rc == CASPIAN_OK && j < a->nx; j++)
		terms[j].x = vals + d->var_of[j] * m;
	if (rc == CASPIAN_OK)
		rc = caspian_regress_predict(r->fit, terms, a->nx, m, r->fit->level, r->pred, err);
	free(vals);
	return rc;
}

static int cross_labels(struct report *r, const struct caspian_regress_table *t,
			const struct cross_data *d)
{
	char buf[32];
	size_t n = d->n, k = 0;

	r->labels = calloc(n ? n : 1, sizeof(*r->labels));
	r->actual = malloc((n ? n : 1) * sizeof(*r->actual));
	r->ndropped = 0;
	r->dropped = calloc(t->nrows - n + 1, sizeof(*r->dropped));
	if (!r->labels || !r->actual || !r->dropped)
		return CASPIAN_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%ld", t->lines[d->rows[i]]);
		r->labels[i] = dup_text(buf);
		r->actual[i] = d->vals[0][i];
		if (!r->labels[i])
			return CASPIAN_ENOMEM;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		if (k < n && d->rows[k] == i) {
			k++;
			continue;
		}
		snprintf(buf, sizeof(buf), "line %ld", t->lines[i]);
		r->dropped[r->ndropped] = dup_text(buf);
		if (!r->dropped[r->ndropped++])
			return CASPIAN_ENOMEM;
	}
	return CASPIAN_OK;
}

static int run_cross(struct args *a, const char *buffer, size_t len, struct report *r,
		     struct caspian_error *err)
{
	const char *input = a->co.src.file;
	struct caspian_regress_table *t = NULL;
	struct caspian_regress_term terms[MAX_ARGS];
	const char *names[MAX_ARGS + 2];
	struct cross_data d = {0};
	const double *src;
	size_t wv = 0;
	/* fmemopen of zero bytes is refused by some C libraries */
	FILE *in = len ? fmemopen((void *)buffer, len, "r") : fopen("/dev/null", "r");
	int rc;

	memset(terms, 0, sizeof(terms));
	if (!in)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	rc = caspian_regress_table_read(in, input, &t, err);
	fclose(in);
	if (rc == CASPIAN_OK && (a->trend || a->seasonal || a->from || a->to || a->h))
		rc = caspian_error_set(err, CASPIAN_EINVAL,
				       "--trend, --seasonal, --from, --to and --h need series "
				       "with periods; %s has no 'period' column", input);
	if (rc == CASPIAN_OK && a->nx == 0)
		rc = caspian_error_set(err, CASPIAN_EINVAL, "no regressors");
	if (rc == CASPIAN_OK && (rc = column(t, a->y.name, input, &src, err)) == 0) {
		d.src[0] = src;
		d.logs[0] = a->y.log;
		names[0] = a->y.name;
		d.nvars = 1;
	}
	for (size_t j = 0; rc == CASPIAN_OK && j < a->nx; j++) {
		if (a->x[j].lag)
			rc = caspian_error_set(err, CASPIAN_EINVAL,
					       "'%s': lags need series with periods", a->x[j].text);
		else if ((rc = column(t, a->x[j].name, input, &src, err)) == 0) {
			d.var_of[j] = add_var(&d, src, a->x[j].log);
			names[d.var_of[j]] = a->x[j].name;
		}
	}
	if (rc == CASPIAN_OK && a->weights && (rc = column(t, a->weights, input, &src, err)) == 0) {
		wv = d.nvars;
		d.src[wv] = src;
		d.logs[wv] = 0;
		names[wv] = a->weights;
		d.nvars++;
	}
	if (rc == CASPIAN_OK)
		rc = fill_vars(t, input, names, &d, err);
	for (size_t j = 0; rc == CASPIAN_OK && j < a->nx; j++) {
		size_t size = strlen(a->x[j].name) + strlen(a->x[j].text) + 24;
		char *label = malloc(size);
		if (!label) {
			rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
			break;
		}
		if (a->x[j].from_poly && a->x[j].power > 1)
			snprintf(label, size, "%s^%u", a->x[j].name, a->x[j].power);
		else
			snprintf(label, size, "%s", a->x[j].from_poly ? a->x[j].name : a->x[j].text);
		terms[j] = (struct caspian_regress_term){label, d.vals[d.var_of[j]], a->x[j].power};
	}
	if (rc == CASPIAN_OK) {
		a->opts.weights = a->weights ? d.vals[wv] : NULL;
		rc = caspian_regress_fit(d.n, d.vals[0], terms, a->nx, &a->opts, &r->fit, err);
	}
	if (rc == CASPIAN_OK && cross_labels(r, t, &d) != CASPIAN_OK)
		rc = caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (rc == CASPIAN_OK && a->npredict)
		rc = cross_predict(a, &d, names, terms, r, err);
	for (size_t j = 0; j < a->nx; j++)
		free((char *)terms[j].name);
	for (size_t v = 0; v < d.nvars; v++)
		free(d.vals[v]);
	free(d.rows);
	caspian_regress_table_free(t);
	return rc;
}

int cmd_regress(int argc, char **argv, struct cli_ctx *ctx)
{
	struct args *a = calloc(1, sizeof(*a));
	struct report r = {0};
	struct caspian_error err;
	char response[CASPIAN_NAME_MAX + 16];
	char *buffer = NULL;
	size_t len = 0;
	int rc;

	if (!a)
		return CLI_STORE;
	caspian_error_init(&err);
	rc = parse_args(ctx, argc, argv, a);
	if (rc == 0 && a->co.help) {
		rc = cli_help(ctx, usage);
		goto done;
	}
	if (rc == 0)
		rc = expand_poly(ctx, a);
	if (rc != 0)
		goto done;
	if (a->co.src.file) {
		buffer = read_all(a->co.src.file, &len, &err);
		if (!buffer) {
			rc = cli_fail(ctx, &err);
			goto done;
		}
		/* no 'period' column: a cross-section; 'period' without
		 * 'series': the wide layout */
		r.cross = !a->co.src.wide && !header_has(buffer, "period");
		if (!r.cross && !header_has(buffer, "series"))
			a->co.src.wide = 1;
	}
	snprintf(response, sizeof(response), a->log_trend ? "log(%s)" : "%s",
		 a->log_trend ? a->y.name : a->y.text);
	r.response = response;
	r.weights = a->weights;
	rc = r.cross ? run_cross(a, buffer, len, &r, &err)
		     : run_series(ctx, a, buffer, len, &r, &err);
	rc = rc == CASPIAN_OK ? write_report(ctx, a, &r) : fail_input(ctx, &err);
done:
	free_report(&r);
	free(buffer);
	free_args(a);
	free(a);
	return rc;
}
