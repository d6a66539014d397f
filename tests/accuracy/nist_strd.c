/*
 * nist_strd.c - fit the eleven NIST StRD linear regression datasets through
 * the library and score every certified figure.
 *
 *   nist_strd DATADIR [--dataset NAME] [--out FILE] [--min-lre X]
 *
 * DATADIR holds NAME.csv and certified.json (the shared nist-strd folder).
 * Each figure's log relative error, LRE = -log10(|q - c| / |c|) (-log10|q - c|
 * when c = 0), capped at 15, is compared with --min-lre (default 9).
 * --out writes dataset,param,value rows (%.17g) for strdcheck.
 * Exit status: 0 all figures pass, 1 some figure fails, 2 usage or a fit
 * error, 77 DATADIR missing (the test is skipped).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "caspian/regress.h"

/* NIST's model of each dataset: a polynomial of the given degree in x, or
 * (degree 0) one linear term per predictor column. */
struct dataset {
	const char *name;
	unsigned degree;
	int intercept;
};

static const struct dataset datasets[] = {
	{"Norris", 1, 1},   {"Pontius", 2, 1},  {"NoInt1", 1, 0},   {"NoInt2", 1, 0},
	{"Filip", 10, 1},   {"Longley", 0, 1},  {"Wampler1", 5, 1}, {"Wampler2", 5, 1},
	{"Wampler3", 5, 1}, {"Wampler4", 5, 1}, {"Wampler5", 5, 1},
};

enum { MAX_FIGURES = 64, NAME_LEN = 16 };

struct figures {
	size_t count;
	char param[MAX_FIGURES][NAME_LEN];
	double value[MAX_FIGURES];
};

static void add(struct figures *f, const char *param, double value)
{
	snprintf(f->param[f->count], NAME_LEN, "%s", param);
	f->value[f->count++] = value;
}

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "rb");
	char *text = NULL;
	long size;

	if (!in)
		return NULL;
	if (fseek(in, 0, SEEK_END) == 0 && (size = ftell(in)) >= 0 &&
	    fseek(in, 0, SEEK_SET) == 0 && (text = malloc((size_t)size + 1))) {
		if (fread(text, 1, (size_t)size, in) == (size_t)size) {
			text[size] = '\0';
		} else {
			free(text);
			text = NULL;
		}
	}
	fclose(in);
	return text;
}

/* The "certified" object of dataset name in certified.json: a small scanner
 * for the file's fixed layout ("key": number-or-null pairs). */
static int certified(const char *json, const char *name, struct figures *c)
{
	char key[64];
	const char *s = strstr(json, "\"datasets\"");

	snprintf(key, sizeof(key), "\"%s\": {", name);
	s = s ? strstr(s, key) : NULL;
	s = s ? strstr(s, "\"certified\": {") : NULL;
	if (!s)
		return -1;
	s = strchr(s, '{') + 1;
	c->count = 0;
	while (c->count < MAX_FIGURES) {
		const char *q0 = strchr(s, '"'), *close = strchr(s, '}');
		if (!q0 || !close || close < q0)
			break;
		const char *q1 = strchr(q0 + 1, '"');
		if (!q1 || (size_t)(q1 - q0 - 1) >= NAME_LEN)
			return -1;
		memcpy(c->param[c->count], q0 + 1, (size_t)(q1 - q0 - 1));
		c->param[c->count][q1 - q0 - 1] = '\0';
		s = q1 + 1;
		while (*s == ':' || *s == ' ')
			s++;
		if (strncmp(s, "null", 4) == 0) {
			c->value[c->count] = NAN;
			s += 4;
		} else {
			char *end;
			c->value[c->count] = strtod(s, &end);
			if (end == s)
				return -1;
			s = end;
		}
		c->count++;
	}
	return c->count > 0 ? 0 : -1;
}

static int fit_dataset(const char *dir, const struct dataset *d, struct figures *out)
{
	char path[4096], param[NAME_LEN];
	struct caspian_regress_table *t = NULL;
	struct caspian_regress_term terms[12];
	char names[12][NAME_LEN];
	struct caspian_regress_opts o;
	struct caspian_regress_fit *f = NULL;
	struct caspian_error err;
	size_t nterms = 0;
	FILE *in;
	int rc;

	caspian_error_init(&err);
	snprintf(path, sizeof(path), "%s/%s.csv", dir, d->name);
	in = fopen(path, "r");
	if (!in) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	rc = caspian_regress_table_read(in, path, &t, &err);
	fclose(in);
	if (rc != CASPIAN_OK)
		goto fail;
	if (d->degree > 0) {
		for (unsigned k = 1; k <= d->degree; k++, nterms++) {
			snprintf(names[nterms], NAME_LEN, "x^%u", k);
			terms[nterms] = (struct caspian_regress_term){
				names[nterms], t->values + 1 * t->nrows, k};
		}
	} else {
		for (size_t j = 1; j < t->ncols; j++, nterms++)
			terms[nterms] = (struct caspian_regress_term){
				t->names[j], t->values + j * t->nrows, 1};
	}
	caspian_regress_opts_init(&o);
	o.intercept = d->intercept;
	rc = caspian_regress_fit(t->nrows, t->values, terms, nterms, &o, &f, &err);
	if (rc != CASPIAN_OK)
		goto fail;
	out->count = 0;
	for (size_t j = 0; j < f->p; j++) {
		size_t k = j + (d->intercept ? 0 : 1);
		snprintf(param, sizeof(param), "b%zu", k);
		add(out, param, f->coef[j]);
		snprintf(param, sizeof(param), "sd_b%zu", k);
		add(out, param, f->se[j]);
	}
	add(out, "rsd", f->sigma);
	add(out, "r2", f->r2);
	add(out, "df_reg", f->df_model);
	add(out, "ss_reg", f->sst - f->sse);
	add(out, "ms_reg", (f->sst - f->sse) / f->df_model);
	add(out, "f", f->fstat);
	add(out, "df_res", f->df_resid);
	add(out, "ss_res", f->sse);
	add(out, "ms_res", f->sse / f->df_resid);
	caspian_regress_fit_free(f);
	caspian_regress_table_free(t);
	return 0;
fail:
	fprintf(stderr, "%s: %s\n", d->name, err.msg);
	caspian_regress_table_free(t);
	return -1;
}

static double lre(double q, double c)
{
	double e;

	if (!isfinite(q))
		return 0;
	if (q == c)
		return 15;
	e = c != 0 ? -log10(fabs(q - c) / fabs(c)) : -log10(fabs(q - c));
	return e < 0 ? 0 : e > 15 ? 15 : e;
}

/* Score one dataset; returns the number of failing figures, -1 on error. */
static int score(const struct dataset *d, const struct figures *got,
		 const struct figures *cert, double min_lre)
{
	double worst = 99;
	const char *at = "";
	int failures = 0;

	for (size_t i = 0; i < cert->count; i++) {
		size_t j = 0;
		if (isnan(cert->value[i]))
			continue; /* certified Infinity: F of an exact fit */
		while (j < got->count && strcmp(got->param[j], cert->param[i]) != 0)
			j++;
		if (j == got->count) {
			printf("%s: %s missing\n", d->name, cert->param[i]);
			failures++;
			continue;
		}
		double e = lre(got->value[j], cert->value[i]);
		if (e < worst) {
			worst = e;
			at = cert->param[i];
		}
		if (e < min_lre) {
			printf("%s: %s = %.17g, certified %.17g, LRE %.1f\n", d->name,
			       cert->param[i], got->value[j], cert->value[i], e);
			failures++;
		}
	}
	printf("%-9s min LRE %4.1f at %-7s %s\n", d->name, worst, at,
	       failures ? "FAIL" : "PASS");
	return failures;
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *only = NULL, *out_path = NULL;
	double min_lre = 9;
	char path[4096];
	char *json;
	FILE *out = NULL;
	int failures = 0, errors = 0;

	gsl_set_error_handler_off();
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dataset") == 0 && i + 1 < argc)
			only = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out_path = argv[++i];
		else if (strcmp(argv[i], "--min-lre") == 0 && i + 1 < argc)
			min_lre = strtod(argv[++i], NULL);
		else if (!dir)
			dir = argv[i];
		else
			return fprintf(stderr, "usage: nist_strd DATADIR [--dataset NAME] "
					       "[--out FILE] [--min-lre X]\n"), 2;
	}
	if (!dir)
		return fprintf(stderr, "usage: nist_strd DATADIR\n"), 2;
	snprintf(path, sizeof(path), "%s/certified.json", dir);
	json = slurp(path);
	if (!json) {
		printf("SKIP: %s not found\n", path);
		return 77;
	}
	if (out_path && !(out = fopen(out_path, "w")))
		return fprintf(stderr, "%s: %s\n", out_path, strerror(errno)), 2;
	if (out)
		fprintf(out, "dataset,param,value\n");
	for (size_t k = 0; k < sizeof(datasets) / sizeof(datasets[0]); k++) {
		const struct dataset *d = &datasets[k];
		struct figures got, cert;
		if (only && strcmp(only, d->name) != 0)
			continue;
		if (fit_dataset(dir, d, &got) != 0 || certified(json, d->name, &cert) != 0) {
			errors++;
			continue;
		}
		for (size_t i = 0; out && i < got.count; i++)
			fprintf(out, "%s,%s,%.17g\n", d->name, got.param[i], got.value[i]);
		failures += score(d, &got, &cert, min_lre);
	}
	free(json);
	if (out && fclose(out) != 0)
		errors++;
	return errors ? 2 : failures ? 1 : 0;
}
