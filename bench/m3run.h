/*
 * m3run.h - read a forecasting-competition data folder (the layout of the
 * M3 data: series.csv with id, subset, period, h; train.csv and test.csv with
 * id, t, value) and score forecasts the way the M3 scorer does.
 */
#ifndef CASPIAN_M3RUN_H
#define CASPIAN_M3RUN_H

#include <stddef.h>

struct m3_series {
	char *id;
	char *subset;   /* "" when series.csv has no subset column */
	size_t period;  /* seasonal period m */
	size_t h;       /* horizon */
	size_t n;       /* training values (t = 1..n; a gap is NaN) */
	double *train;
	size_t ntest;   /* test values (t = n+1..n+ntest); 0 without test.csv */
	double *test;
};

struct m3_data {
	size_t count;
	struct m3_series *series; /* in series.csv order */
};

/*
 * m3_load() - read DIR/series.csv and DIR/train.csv, and DIR/test.csv when
 * with_test is set.  Returns 0, or -1 with a message in msg.
 */
int m3_load(const char *dir, int with_test, struct m3_data *d, char *msg, size_t msglen);
void m3_free(struct m3_data *d);

/*
 * m3_holdout() - turn the last h training values of every series into its
 * test values (any test values loaded are dropped).  Returns 0, or -1 with a
 * message when a series has no more than h training values or memory runs out.
 */
int m3_holdout(struct m3_data *d, char *msg, size_t msglen);

/* Scores of one series, as shared/tools/m3score defines them (alpha = 0.05). */
struct m3_score {
	double smape, mase, cov, msis; /* NaN when undefined */
};
void m3_score_series(const struct m3_series *s, const double *f, const double *lo,
		     const double *hi, struct m3_score *out);

/* Means over series, per subset in order of first appearance, plus "ALL". */
struct m3_summary_row {
	char subset[32];
	size_t series, covered;
	double smape, mase, cov, msis;
	size_t nmase, ncov, nmsis;
};
/* rows must hold nsubsets+1; scores[i] with covered[i] = 0 are skipped.  Returns rows used. */
size_t m3_summarise(const struct m3_data *d, const struct m3_score *scores,
		    const int *covered, struct m3_summary_row *rows, size_t maxrows);

#endif
