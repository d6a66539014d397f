/*
 * progress.c - a progress line on stderr for long work.
 *
 * Only a terminal gets it (isatty), never a pipe or a file, and never
 * stdout, so scripts and CSV output see nothing of it.  The line is redrawn
 * in place with a carriage return at most ten times a second and erased at
 * the end; work that is done by its first update (a small file read in one
 * block) draws nothing.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

enum { REDRAW_MS = 100 };

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void cli_progress_begin(struct cli_progress *p, const struct cli_ctx *ctx, const char *what,
			double total, const char *unit)
{
	memset(p, 0, sizeof(*p));
	if (ctx->quiet || !ctx->err || !isatty(fileno(ctx->err)))
		return;
	p->f = ctx->err;
	snprintf(p->what, sizeof(p->what), "%s", what);
	p->total = total;
	p->unit = unit;
	p->t0 = now_seconds();
	p->last = p->t0 - 1;
}

/* "12.3 MB" for bytes, "120" for items. */
static void amount(const struct cli_progress *p, double v, char *buf, size_t n)
{
	if (p->unit)
		snprintf(buf, n, "%.0f", v);
	else if (v < 1e6)
		snprintf(buf, n, "%.0f kB", v / 1e3);
	else if (v < 1e9)
		snprintf(buf, n, "%.1f MB", v / 1e6);
	else
		snprintf(buf, n, "%.2f GB", v / 1e9);
}

static void duration(double s, char *buf, size_t n)
{
	if (s < 10)
		snprintf(buf, n, "%.1f s", s);
	else if (s < 60)
		snprintf(buf, n, "%.0f s", s);
	else if (s < 3600)
		snprintf(buf, n, "%d min %02d s", (int)(s / 60), (int)fmod(s, 60));
	else
		snprintf(buf, n, "%d h %02d min", (int)(s / 3600), (int)fmod(s / 60, 60));
}

static void draw(struct cli_progress *p, double done, double t)
{
	char line[200], d[32], tot[32], rate[48], left[32];
	double elapsed = t - p->t0, per_s = elapsed > 0 ? done / elapsed : 0;
	int n;
	amount(p, done, d, sizeof(d));
	if (p->unit) {
		snprintf(rate, sizeof(rate), "%.1f %s/s", per_s, p->unit);
	} else {
		amount(p, per_s, rate, sizeof(rate) - 2);
		strcat(rate, "/s");
	}
	if (p->total > 0) {
		amount(p, p->total, tot, sizeof(tot));
		n = snprintf(line, sizeof(line), "%s: %s of %s%s%s (%.0f%%), %s", p->what, d, tot,
			     p->unit ? " " : "", p->unit ? p->unit : "",
			     100 * fmin(done / p->total, 1), rate);
		if (per_s > 0 && done < p->total && n > 0 && (size_t)n < sizeof(line)) {
			duration((p->total - done) / per_s, left, sizeof(left));
			snprintf(line + n, sizeof(line) - (size_t)n, ", %s left", left);
		}
	} else {
		snprintf(line, sizeof(line), "%s: %s%s%s, %s", p->what, d, p->unit ? " " : "",
			 p->unit ? p->unit : "", rate);
	}
	size_t len = strlen(line);
	/* blanks cover the end of a longer previous line */
	fprintf(p->f, "\r%s%*s", line, p->width > len ? (int)(p->width - len) : 0, "");
	fflush(p->f);
	p->width = len;
}

void cli_progress_update(struct cli_progress *p, double done)
{
	if (!p->f)
		return;
	double t = now_seconds();
	if (t - p->last < REDRAW_MS / 1000.0 || (!p->width && p->total > 0 && done >= p->total))
		return;
	p->last = t;
	draw(p, done, t);
}

void cli_progress_end(struct cli_progress *p)
{
	if (!p->f || !p->width)
		return;
	fprintf(p->f, "\r%*s\r", (int)p->width, "");
	fflush(p->f);
	p->width = 0;
}
