/*
 * interval_text.c - intervals for people: "[9.45, 9.55)", "(300, inf)", "14".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/output.h"
#include "cli.h"

/*
 * The ends of an interval are rounded outward, so that the text holds the
 * interval: [32.4119%, 32.5866%) shows as [32.41%, 32.59%).  They were also
 * moved outward by a few ulps, so 0.74375 is stored as
 * 0.74374999999999991; rounded to 12 significant digits first, it prints as
 * the 74.38% it stands for rather than 74.37%.
 */
static double tidy(double v)
{
	char buf[40];
	snprintf(buf, sizeof(buf), "%.12g", v);
	return strtod(buf, NULL);
}

void cli_bound_text(double v, int percent, char *buf, size_t n)
{
	cli_bound_text_dir(v, percent, 0, buf, n);
}

/* v rounded down (dir < 0) or up (dir > 0) to `decimals` decimals. */
static double round_dir(double v, int decimals, int dir)
{
	double scale = pow(10.0, decimals), x = tidy(v * scale);
	return (dir < 0 ? floor(x) : ceil(x)) / scale;
}

void cli_bound_text_dir(double v, int percent, int dir, char *buf, size_t n)
{
	if (isnan(v)) {
		snprintf(buf, n, "NA");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, n, "%s", v < 0 ? "-inf" : "inf");
		return;
	}
	v = tidy(percent ? v * 100 : v);
	if (percent) {
		snprintf(buf, n, "%.2f%%", dir ? round_dir(v, 2, dir) : v);
		return;
	}
	double a = fabs(v);
	if (dir && a >= 1e-4 && a < 1e15) {
		int decimals = 6 - ((int)floor(log10(a)) + 1); /* caspian_format_human's digits */
		v = round_dir(v, decimals < 0 ? 0 : decimals, dir);
	}
	caspian_format_human(v, buf, n);
}

void cli_interval_text(struct caspian_interval x, int percent, char *buf, size_t n)
{
	char a[64], b[64];
	if (isfinite(x.lo) && isfinite(x.hi) && tidy(x.lo) == tidy(x.hi)) {
		/* a point up to the rounding of the arithmetic: outward digits would
		   only show that rounding */
		cli_bound_text(x.lo / 2 + x.hi / 2, percent, buf, n);
		return;
	}
	cli_bound_text_dir(x.lo, percent, -1, a, sizeof(a));
	cli_bound_text_dir(x.hi, percent, 1, b, sizeof(b));
	if (strcmp(a, b) == 0) /* a point, or narrower than the digits shown */
		snprintf(buf, n, "%s", a);
	else
		snprintf(buf, n, "%c%s, %s%c", x.lo_open ? '(' : '[', a, b, x.hi_open ? ')' : ']');
}
