/*
 * m3run_data.c - loading and scoring for the competition runner (m3run.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "m3run.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

/* ---- a small CSV table reader on libcsv ------------------------------------- */

struct table {
	size_t ncols, nrows, cap;
	char **cells; /* nrows * ncols, row-major; the header is row 0 */
	size_t col;   /* column of the current row */
	int bad;      /* a row had the wrong width */
	size_t bad_row;
	char **row;   /* fields of the row being read */
	size_t row_cap;
	int oom;
};

static void table_field(void *s, size_t len, void *data)
{
	struct table *t = data;
	if (t->oom)
		return;
	if (t->col >= t->row_cap) {
		size_t cap = t->row_cap ? 2 * t->row_cap : 16;
		char **r = realloc(t->row, cap * sizeof(*r));
		if (!r) {
			t->oom = 1;
			return;
		}
		t->row = r;
		t->row_cap = cap;
	}
	char *c = malloc(len + 1);
	if (!c) {
		t->oom = 1;
		return;
	}
	memcpy(c, s, len);
	c[len] = '\0';
	t->row[t->col++] = c;
}

static void table_row(int ch, void *data)
{
	struct table *t = data;
	(void)ch;
	if (t->oom)
		return;
	if (t->nrows == 0)
		t->ncols = t->col;
	if (t->col != t->ncols) {
		if (!t->bad) {
			t->bad = 1;
			t->bad_row = t->nrows + 1;
		}
		for (size_t i = 0; i < t->col; i++)
			free(t->row[i]);
		t->col = 0;
		return;
	}
	if ((t->nrows + 1) * t->ncols > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 1024;
		while (cap < (t->nrows + 1) * t->ncols)
			cap *= 2;
		char **c = realloc(t->cells, cap * sizeof(*c));
		if (!c) {
			t->oom = 1;
			return;
		}
		t->cells = c;
		t->cap = cap;
	}
	memcpy(t->cells + t->nrows * t->ncols, t->row, t->ncols * sizeof(char *));
	t->nrows++;
	t->col = 0;
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (size_t i = 0; i < t->col; i++)
		free(t->row[i]);
	free(t->cells);
	free(t->row);
	memset(t, 0, sizeof(*t));
}

static int table_read(const char *path, struct table *t, char *msg, size_t msglen)
{
	memset(t, 0, sizeof(*t));
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(msg, msglen, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	struct csv_parser p;
	csv_init(&p, CSV_APPEND_NULL);
	char buf[65536];
	size_t got;
	int rc = 0;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (csv_parse(&p, buf, got, table_field, table_row, t) != got) {
			snprintf(msg, msglen, "%s: %s", path, csv_strerror(csv_error(&p)));
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(msg, msglen, "cannot read %s", path);
		rc = -1;
	}
	if (rc == 0)
		csv_fini(&p, table_field, table_row, t);
	csv_free(&p);
	fclose(f);
	if (rc == 0 && t->oom) {
		snprintf(msg, msglen, "%s: out of memory", path);
		rc = -1;
	}
	if (rc == 0 && t->bad) {
		snprintf(msg, msglen, "%s: row %zu has a different number of fields", path,
			 t->bad_row);
		rc = -1;
	}
	if (rc == 0 && t->nrows == 0) {
		snprintf(msg, msglen, "%s is empty", path);
		rc = -1;
	}
	if (rc)
		table_free(t);
	return rc;
}

static long table_col(const struct table *t, const char *name)
{
	for (size_t j = 0; j < t->ncols; j++) {
		const char *c = t->cells[j];
		if (j == 0 && (unsigned char)c[0] == 0xEF && (unsigned char)c[1] == 0xBB &&
		    (unsigned char)c[2] == 0xBF)
			c += 3;
		if (strcmp(c, name) == 0)
			return (long)j;
	}
	return -1;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || errno || v < 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int parse_num(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* ---- loading ----------------------------------------------------------------- */

struct id_index {
	const char *id;
	size_t i;
};

static int id_cmp(const void *a, const void *b)
{
	return strcmp(((const struct id_index *)a)->id, ((const struct id_index *)b)->id);
}

void m3_free(struct m3_data *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->series[i].id);
		free(d->series[i].subset);
		free(d->series[i].train);
		free(d->series[i].test);
	}
	free(d->series);
	d->series = NULL;
	d->count = 0;
}

/* Two passes over id,t,value: the largest t per series, then the values. */
static int load_values(const char *path, struct m3_data *d, const struct id_index *idx,
		       int is_test, char *msg, size_t msglen)
{
	struct table t;
	if (table_read(path, &t, msg, msglen))
		return -1;
	long cid = table_col(&t, "id"), ct = table_col(&t, "t"), cv = table_col(&t, "value");
	if (cid < 0 || ct < 0 || cv < 0) {
		snprintf(msg, msglen, "%s: needs columns id, t, value", path);
		table_free(&t);
		return -1;
	}
	size_t *pos = malloc(sizeof(size_t) * t.nrows);
	if (!pos) {
		snprintf(msg, msglen, "out of memory");
		table_free(&t);
		return -1;
	}
	int rc = 0;
	for (size_t r = 1; r < t.nrows && rc == 0; r++) {
		char **row = t.cells + r * t.ncols;
		struct id_index key = {row[cid], 0};
		struct id_index *hit = bsearch(&key, idx, d->count, sizeof(*idx), id_cmp);
		size_t tt;
		if (!hit) {
			snprintf(msg, msglen, "%s:%zu: id '%s' is not in series.csv", path, r + 1,
				 row[cid]);
			rc = -1;
		} else if (parse_size(row[ct], &tt) || tt == 0) {
			snprintf(msg, msglen, "%s:%zu: bad t '%s'", path, r + 1, row[ct]);
			rc = -1;
		} else {
			struct m3_series *s = &d->series[hit->i];
			pos[r] = hit->i;
			if (!is_test && tt > s->n)
				s->n = tt;
			if (is_test && tt > s->ntest)
				s->ntest = tt; /* absolute t for now */
		}
	}
	for (size_t i = 0; i < d->count && rc == 0; i++) {
		struct m3_series *s = &d->series[i];
		size_t len = is_test ? (s->ntest > s->n ? s->ntest - s->n : 0) : s->n;
		if (is_test)
			s->ntest = len;
		double *v = malloc(sizeof(double) * (len ? len : 1));
		if (!v) {
			snprintf(msg, msglen, "out of memory");
			rc = -1;
			break;
		}
		for (size_t k = 0; k < len; k++)
			v[k] = NAN;
		if (is_test)
			s->test = v;
		else
			s->train = v;
	}
	for (size_t r = 1; r < t.nrows && rc == 0; r++) {
		char **row = t.cells + r * t.ncols;
		struct m3_series *s = &d->series[pos[r]];
		size_t tt = 0;
		double v;
		size_t last = is_test ? s->n + s->ntest : s->n;
		if (parse_size(row[ct], &tt) || tt == 0 || tt > last) {
			snprintf(msg, msglen, "%s:%zu: t '%s' is not a period of series %s (1..%zu)",
				 path, r + 1, row[ct], s->id, last);
			rc = -1;
		} else if (parse_num(row[cv], &v)) {
			snprintf(msg, msglen, "%s:%zu: bad value '%s'", path, r + 1, row[cv]);
			rc = -1;
		} else if (is_test && tt <= s->n) {
			snprintf(msg, msglen, "%s:%zu: test t %zu is not after the training data",
				 path, r + 1, tt);
			rc = -1;
		} else if (is_test) {
			s->test[tt - s->n - 1] = v;
		} else {
			s->train[tt - 1] = v;
		}
	}
	free(pos);
	table_free(&t);
	return rc;
}

int m3_load(const char *dir, int with_test, struct m3_data *d, char *msg, size_t msglen)
{
	char path[4096];
	struct table t;
	memset(d, 0, sizeof(*d));
	snprintf(path, sizeof(path), "%s/series.csv", dir);
	if (table_read(path, &t, msg, msglen))
		return -1;
	long cid = table_col(&t, "id"), cp = table_col(&t, "period"), ch = table_col(&t, "h");
	long cs = table_col(&t, "subset");
	if (cid < 0 || cp < 0 || ch < 0) {
		snprintf(msg, msglen, "%s: needs columns id, period, h", path);
		table_free(&t);
		return -1;
	}
	d->count = t.nrows - 1;
	d->series = calloc(d->count ? d->count : 1, sizeof(*d->series));
	struct id_index *idx = malloc(sizeof(*idx) * (d->count ? d->count : 1));
	int rc = (!d->series || !idx) ? -1 : 0;
	if (rc)
		snprintf(msg, msglen, "out of memory");
	for (size_t i = 0; i < d->count && rc == 0; i++) {
		char **row = t.cells + (i + 1) * t.ncols;
		struct m3_series *s = &d->series[i];
		s->id = strdup(row[cid]);
		s->subset = strdup(cs >= 0 ? row[cs] : "");
		if (!s->id || !s->subset) {
			snprintf(msg, msglen, "out of memory");
			rc = -1;
		} else if (parse_size(row[cp], &s->period) || s->period == 0) {
			snprintf(msg, msglen, "%s:%zu: bad period '%s'", path, i + 2, row[cp]);
			rc = -1;
		} else if (parse_size(row[ch], &s->h) || s->h == 0) {
			snprintf(msg, msglen, "%s:%zu: bad h '%s'", path, i + 2, row[ch]);
			rc = -1;
		}
		if (rc == 0) {
			idx[i].id = s->id;
			idx[i].i = i;
		}
	}
	table_free(&t);
	if (rc == 0) {
		qsort(idx, d->count, sizeof(*idx), id_cmp);
		for (size_t i = 1; i < d->count; i++)
			if (strcmp(idx[i - 1].id, idx[i].id) == 0) {
				snprintf(msg, msglen, "%s: id '%s' appears twice", path, idx[i].id);
				rc = -1;
				break;
			}
	}
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/train.csv", dir);
		rc = load_values(path, d, idx, 0, msg, msglen);
	}
	if (rc == 0 && with_test) {
		snprintf(path, sizeof(path), "%s/test.csv", dir);
		rc = load_values(path, d, idx, 1, msg, msglen);
	}
	free(idx);
	if (rc)
		m3_free(d);
	return rc;
}

/* ---- scoring ------------------------------------------------------------------- */

void m3_score_series(const struct m3_series *s, const double *f, const double *lo,
		     const double *hi, struct m3_score *out)
{
	size_t m = s->period, h = s->h < s->ntest ? s->h : s->ntest;
	double scale = NAN;
	if (s->n > m) {
		double sum = 0;
		size_t c = 0;
		for (size_t t = m; t < s->n; t++) {
			if (isnan(s->train[t]) || isnan(s->train[t - m]))
				continue;
			sum += fabs(s->train[t] - s->train[t - m]);
			c++;
		}
		scale = c ? sum / (double)c : NAN;
	}
	double sm = 0, ae = 0, cov = 0, is = 0;
	for (size_t k = 0; k < h; k++) {
		double y = s->test[k], d = fabs(y) + fabs(f[k]);
		sm += d > 0 ? 200 * fabs(y - f[k]) / d : 0;
		ae += fabs(y - f[k]);
		if (lo && hi) {
			cov += lo[k] <= y && y <= hi[k];
			double v = hi[k] - lo[k];
			if (y < lo[k])
				v += 40 * (lo[k] - y);
			if (y > hi[k])
				v += 40 * (y - hi[k]);
			is += v;
		}
	}
	double dh = (double)h;
	out->smape = h ? sm / dh : NAN;
	out->mase = h && scale > 0 ? ae / dh / scale : NAN;
	out->cov = h && lo ? 100 * cov / dh : NAN;
	out->msis = h && lo && scale > 0 ? is / dh / scale : NAN;
}

size_t m3_summarise(const struct m3_data *d, const struct m3_score *scores,
		    const int *covered, struct m3_summary_row *rows, size_t maxrows)
{
	size_t nrows = 0;
	memset(rows, 0, sizeof(*rows) * maxrows);
	for (size_t i = 0; i < d->count; i++) {
		size_t r;
		for (r = 0; r < nrows; r++)
			if (strcmp(rows[r].subset, d->series[i].subset) == 0)
				break;
		if (r == nrows) {
			if (nrows + 1 >= maxrows)
				continue;
			snprintf(rows[r].subset, sizeof(rows[r].subset), "%s",
				 d->series[i].subset);
			nrows++;
		}
		for (int pass = 0; pass < 2; pass++) {
			struct m3_summary_row *w = pass ? &rows[maxrows - 1] : &rows[r];
			w->series++;
			if (!covered[i])
				continue;
			const struct m3_score *sc = &scores[i];
			w->covered++;
			w->smape += sc->smape;
			if (!isnan(sc->mase)) {
				w->mase += sc->mase;
				w->nmase++;
			}
			if (!isnan(sc->cov)) {
				w->cov += sc->cov;
				w->ncov++;
			}
			if (!isnan(sc->msis)) {
				w->msis += sc->msis;
				w->nmsis++;
			}
		}
	}
	snprintf(rows[maxrows - 1].subset, sizeof(rows[0].subset), "ALL");
	rows[nrows] = rows[maxrows - 1];
	nrows++;
	for (size_t r = 0; r < nrows; r++) {
		struct m3_summary_row *w = &rows[r];
		w->smape = w->covered ? w->smape / (double)w->covered : NAN;
		w->mase = w->nmase ? w->mase / (double)w->nmase : NAN;
		w->cov = w->ncov ? w->cov / (double)w->ncov : NAN;
		w->msis = w->nmsis ? w->msis / (double)w->nmsis : NAN;
	}
	return nrows;
}
