/*
 * plot.c - SVG line charts and fan charts (see caspian/plot.h).
 *
 * Layout, from the top: the title; the plot area with the y tick labels and
 * the unit on its left and the period labels below it; the legend in rows
 * under the period labels; the caption lines at the bottom.  The legend sits
 * outside the plot area so it never hides data.
 */
#include "caspian/plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/numfmt.h"

/* ---- tick selection --------------------------------------------------- */

/* A step m x 10^e with m in {1, 2, 5}. */
struct step {
	double m;
	int e;
};

static double pow10i(int e)
{
	return pow(10.0, (double)e);
}

/* Heckbert's rounding of a raw step to the nearest 1-2-5 number. */
static struct step nice_step(double raw)
{
	int e = (int)floor(log10(raw));
	double f = raw / pow10i(e);
	struct step s = {f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10, e};
	if (s.m == 10) {
		s.m = 1;
		s.e++;
	}
	return s;
}

/* k steps, dividing by an exact power of ten for small steps so 3 x 0.1 is 0.3. */
static double step_times(double k, struct step s)
{
	return s.e >= 0 ? k * s.m * pow10i(s.e) : k * s.m / pow10i(-s.e);
}

/* A 1-2-5 step of at least 1, for counts of periods or years. */
static long integer_step(double raw)
{
	if (raw <= 1)
		return 1;
	struct step s = nice_step(raw);
	return (long)llround(step_times(1, s));
}

int caspian_plot_linear_ticks(double lo, double hi, size_t target,
			      struct caspian_plot_ticks *out, struct caspian_error *err)
{
	if (!isfinite(lo) || !isfinite(hi) || lo > hi || target == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "axis range [%g, %g] with %zu ticks is not valid", lo, hi,
					 target);
	/* a range below the resolution of the values is drawn as a flat line */
	if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
		double d = lo == 0 ? 1 : fabs(lo) * 0.1;
		lo -= d;
		hi += d;
	}
	struct step s = nice_step((hi - lo) / (double)target);
	double size = step_times(1, s);
	double k0 = floor(lo / size + 1e-9), k1 = ceil(hi / size - 1e-9);
	if (k1 - k0 + 1 > CASPIAN_PLOT_TICKS_MAX)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "axis range [%g, %g] needs more than %d ticks", lo, hi,
					 CASPIAN_PLOT_TICKS_MAX);
	out->n = 0;
	for (double k = k0; k <= k1; k++)
		out->value[out->n++] = step_times(k, s);
	return CASPIAN_OK;
}

/* The mantissas a log axis labels: 1-2-5, or every digit on a narrow axis. */
static const double mant125[] = {1, 2, 5}, mant19[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};

static double log_candidate(int decade, double m)
{
	return decade >= 0 ? m * pow10i(decade) : m / pow10i(-decade);
}

/* Powers of ten around [lo, hi], every stride-th one, when 1-2-5 gives too many. */
static int decade_ticks(double lo, double hi, size_t target, struct caspian_plot_ticks *out,
			struct caspian_error *err)
{
	long d0 = (long)floor(log10(lo) + 1e-12), d1 = (long)ceil(log10(hi) - 1e-12);
	if (d1 == d0)
		d1++;
	long stride = integer_step((double)(d1 - d0) / (double)target);
	d0 = (long)floor((double)d0 / (double)stride) * stride;
	d1 = (long)ceil((double)d1 / (double)stride) * stride;
	if ((d1 - d0) / stride + 1 > CASPIAN_PLOT_TICKS_MAX)
		return caspian_error_set(err, CASPIAN_EINVAL, "log axis [%g, %g] is too wide", lo,
					 hi);
	out->n = 0;
	for (long d = d0; d <= d1; d += stride)
		out->value[out->n++] = log_candidate((int)d, 1);
	return CASPIAN_OK;
}

/* Ticks at mant x 10^k from the largest at or below lo to the smallest at or above hi. */
static size_t mantissa_ticks(double lo, double hi, const double *mant, size_t nmant,
			     struct caspian_plot_ticks *out)
{
	int d0 = (int)floor(log10(lo)) - 1, d1 = (int)ceil(log10(hi)) + 1;
	double first = 0, last = 0;
	for (int d = d0; d <= d1; d++)
		for (size_t w = 0; w < nmant; w++) {
			double v = log_candidate(d, mant[w]);
			if (v <= lo * (1 + 1e-12))
				first = v;
			if (v >= hi * (1 - 1e-12) && last == 0)
				last = v;
		}
	/* lo == hi on a candidate: the axis runs to the next one */
	size_t n = 0;
	for (int d = d0; d <= d1; d++)
		for (size_t w = 0; w < nmant; w++) {
			double v = log_candidate(d, mant[w]);
			if (v >= first && (v <= last || n == 1) && n < CASPIAN_PLOT_TICKS_MAX)
				out->value[n++] = v;
		}
	out->n = n;
	return n;
}

int caspian_plot_log_ticks(double lo, double hi, size_t target,
			   struct caspian_plot_ticks *out, struct caspian_error *err)
{
	if (!isfinite(lo) || !isfinite(hi) || lo > hi || target == 0)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "axis range [%g, %g] with %zu ticks is not valid", lo, hi,
					 target);
	if (lo <= 0)
		return caspian_error_set(err, CASPIAN_EDOM,
					 "a log scale cannot show %g: every value must be positive",
					 lo);
	size_t n = mantissa_ticks(lo, hi, mant125, 3, out);
	if (n > 2 * target)
		return decade_ticks(lo, hi, target, out, err);
	if (n >= 4)
		return CASPIAN_OK;
	/* under about a decade: every digit, then plain 1-2-5 steps */
	if (mantissa_ticks(lo, hi, mant19, 9, out) >= 4)
		return CASPIAN_OK;
	return caspian_plot_linear_ticks(lo, hi, target, out, err);
}

/* The ordinal of the first period of year y in freq, or LONG_MIN. */
static int year_start(enum caspian_freq freq, long y, long *out)
{
	static const char *const forms[] = {"", "%04ld", "%04ldQ1", "%04ld-01", "%04ld-W01",
					    "%04ld-01-01"};
	char text[24];
	enum caspian_freq f;
	if (y < 0 || y > 9999)
		return -1;
	int n = snprintf(text, sizeof(text), forms[freq], y);
	return caspian_period_parse(text, (size_t)n, &f, out) == CASPIAN_OK ? 0 : -1;
}

static void add_multiples(long p0, long p1, long step, struct caspian_plot_xticks *out)
{
	long first = (long)ceil((double)p0 / (double)step) * step;
	for (long p = first; p <= p1 && out->n < CASPIAN_PLOT_TICKS_MAX; p += step)
		out->at[out->n++] = p;
}

/*
 * Weeks and days over two months or more: the first period of every 1st,
 * 2nd, 3rd, 6th or 12th month (a week that starts in the month, so its
 * month is the one labelled).  Returns -1 when the range is shorter.
 */
static int month_ticks(enum caspian_freq freq, long p0, long p1, size_t target,
		       struct caspian_plot_xticks *out)
{
	static const long steps[] = {1, 2, 3, 6, 12};
	long m0, m1, step = 12;
	if (caspian_period_convert(freq, p0, CASPIAN_FREQ_MONTHLY, &m0) ||
	    caspian_period_convert(freq, p1, CASPIAN_FREQ_MONTHLY, &m1) || m1 - m0 < 2)
		return -1;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if ((m1 - m0) / steps[i] + 1 <= (long)(target + target / 2)) {
			step = steps[i];
			break;
		}
	for (long m = (long)ceil((double)m0 / (double)step) * step;
	     m <= m1 && out->n < CASPIAN_PLOT_TICKS_MAX; m += step) {
		long at = caspian_days_from_civil(m / 12, (int)(m % 12) + 1, 1), month;
		if (freq == CASPIAN_FREQ_WEEKLY) {
			if (caspian_period_convert(CASPIAN_FREQ_DAILY, at, CASPIAN_FREQ_WEEKLY, &at))
				continue;
			if (caspian_period_convert(CASPIAN_FREQ_WEEKLY, at, CASPIAN_FREQ_MONTHLY,
						   &month) == 0 && month != m)
				at++;
		}
		if (at >= p0 && at <= p1)
			out->at[out->n++] = at;
	}
	out->month_only = 1;
	return CASPIAN_OK;
}

int caspian_plot_period_ticks(enum caspian_freq freq, long p0, long p1, size_t target,
			      struct caspian_plot_xticks *out, struct caspian_error *err)
{
	if (p1 < p0 || target == 0 || freq < CASPIAN_FREQ_ANNUAL || freq > CASPIAN_FREQ_DAILY)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "period range %ld..%ld with %zu ticks is not valid", p0, p1,
					 target);
	if (target > CASPIAN_PLOT_TICKS_MAX / 2)
		target = CASPIAN_PLOT_TICKS_MAX / 2;
	out->n = 0;
	out->year_only = 0;
	out->month_only = 0;
	long y0 = caspian_period_year(freq, p0), y1 = caspian_period_year(freq, p1);
	if (freq == CASPIAN_FREQ_ANNUAL) {
		add_multiples(p0, p1, integer_step((double)(p1 - p0) / (double)target), out);
		return CASPIAN_OK;
	}
	if (y1 - y0 >= 3) {
		long step = integer_step((double)(y1 - y0) / (double)target);
		out->year_only = 1;
		for (long y = (long)ceil((double)y0 / (double)step) * step; y <= y1; y += step) {
			long at;
			if (year_start(freq, y, &at) == 0 && at >= p0 && at <= p1)
				out->at[out->n++] = at;
		}
		return CASPIAN_OK;
	}
	if ((freq == CASPIAN_FREQ_WEEKLY || freq == CASPIAN_FREQ_DAILY) &&
	    month_ticks(freq, p0, p1, target, out) == 0)
		return CASPIAN_OK;
	static const long monthly[] = {1, 2, 3, 6, 12}, quarterly[] = {1, 2, 4};
	const long *steps = freq == CASPIAN_FREQ_MONTHLY ? monthly : quarterly;
	size_t nsteps = freq == CASPIAN_FREQ_MONTHLY ? 5 : 3;
	long step = 0;
	if (freq == CASPIAN_FREQ_MONTHLY || freq == CASPIAN_FREQ_QUARTERLY) {
		for (size_t i = 0; i < nsteps && !step; i++)
			if ((p1 - p0) / steps[i] + 1 <= (long)(target + target / 2))
				step = steps[i];
		if (!step)
			step = steps[nsteps - 1];
	} else {
		step = integer_step((double)(p1 - p0) / (double)target);
	}
	add_multiples(p0, p1, step, out);
	if (out->n == 0)
		out->at[out->n++] = p0;
	return CASPIAN_OK;
}

/* ---- SVG text ------------------------------------------------------------ */

/* Okabe and Ito's palette, distinguishable with the common colour deficiencies. */
static const unsigned palette[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
				   0xE69F00, 0x56B4E9, 0x000000, 0x999933};
enum { PALETTE_N = sizeof(palette) / sizeof(palette[0]) };

static unsigned colour_of(size_t i)
{
	return palette[i % PALETTE_N];
}

/* c mixed with white: alpha 1 is c, 0 is white. */
static unsigned tint(unsigned c, double alpha)
{
	unsigned out = 0;
	for (int shift = 16; shift >= 0; shift -= 8) {
		double v = (double)((c >> shift) & 0xff);
		unsigned t = (unsigned)lround(255.0 - alpha * (255.0 - v));
		out |= t << shift;
	}
	return out;
}

/* A coordinate with at most two decimals, independent of LC_NUMERIC. */
static void put_coord(FILE *f, double v)
{
	if (v > 1e9)
		v = 1e9;
	if (v < -1e9)
		v = -1e9;
	long long c = llround(v * 100.0);
	if (c < 0) {
		fputc('-', f);
		c = -c;
	}
	fprintf(f, "%lld", c / 100);
	if (c % 10)
		fprintf(f, ".%02lld", c % 100);
	else if (c % 100)
		fprintf(f, ".%lld", c % 100 / 10);
}

static void put_xy(FILE *f, char cmd, double x, double y)
{
	fputc(cmd, f);
	put_coord(f, x);
	fputc(' ', f);
	put_coord(f, y);
}

static void put_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* control characters are not allowed in XML 1.0 */
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				fputc(*s, f);
		}
	}
}

/* A tick value: the shortest exact text, with thousands separators from 10000. */
static void tick_text(double v, char *buf)
{
	char raw[CASPIAN_DTOA_SIZE];
	caspian_dtoa(v == 0 ? 0 : v, raw);
	const char *digits = raw + (raw[0] == '-');
	size_t intlen = strspn(digits, "0123456789");
	if (fabs(v) < 10000 || strchr(raw, 'e') || intlen > 20) {
		strcpy(buf, raw);
		return;
	}
	char *o = buf;
	if (raw[0] == '-')
		*o++ = '-';
	for (size_t i = 0; i < intlen; i++) {
		if (i && (intlen - i) % 3 == 0)
			*o++ = ',';
		*o++ = digits[i];
	}
	strcpy(o, digits + intlen);
}

static const char *period_text(enum caspian_freq f, long p, char *buf)
{
	if (!caspian_period_format(f, p, buf))
		snprintf(buf, CASPIAN_PERIOD_TEXT_MAX, "%ld", p);
	return buf;
}

/* ---- the chart ----------------------------------------------------------- */

/* Rough advance widths for a sans-serif face, to lay out without a font. */
#define CHAR_W_12 7.0
#define CHAR_W_11 6.2

enum { LEGEND_MAX = 64, CAPTION_LINES_MAX = 6 };

struct legend_entry {
	enum { SWATCH_LINE, SWATCH_DASH, SWATCH_BAND } kind;
	unsigned colour;
	char text[CASPIAN_NAME_MAX + 32];
};

struct chart {
	const struct caspian_series *series;
	size_t count;
	const struct caspian_plot_forecast *fc;
	const struct caspian_plot_opts *o;
	FILE *out;
	double width, height;
	double left, right, top, bottom; /* plot area */
	double x0, x1;                   /* period domain */
	double y0, y1;                   /* value domain (log10 of it on a log axis) */
	struct caspian_plot_ticks yt;
	struct caspian_plot_xticks xt;
	struct legend_entry legend[LEGEND_MAX];
	size_t nlegend, legend_rows;
	char caption[CAPTION_LINES_MAX][160];
	size_t ncaption;
	int any_gap;
};

static double px(const struct chart *c, double x)
{
	double pad = 10;
	return c->left + pad + (x - c->x0) / (c->x1 - c->x0) * (c->right - c->left - 2 * pad);
}

static double py(const struct chart *c, double v)
{
	double t = c->o->log_scale ? log10(v) : v;
	return c->bottom - (t - c->y0) / (c->y1 - c->y0) * (c->bottom - c->top);
}

static const struct caspian_plot_forecast *fc_of(const struct chart *c, size_t i)
{
	return c->fc && c->fc[i].h ? &c->fc[i] : NULL;
}

static int check_inputs(const struct caspian_series *series, size_t count,
			const struct caspian_plot_forecast *fc, const struct caspian_plot_opts *o,
			struct caspian_error *err)
{
	if (!series || count == 0)
		return caspian_error_set(err, CASPIAN_EINVAL, "no series to plot");
	if ((o->width && o->width < 200) || (o->height && o->height < 150))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "a chart needs at least 200 x 150 pixels");
	for (size_t i = 0; i < count; i++) {
		if (series[i].freq != series[0].freq)
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "%s is %s but %s is %s: one chart shows one frequency",
						 series[0].name, caspian_freq_name(series[0].freq),
						 series[i].name, caspian_freq_name(series[i].freq));
		if (!fc || !fc[i].h)
			continue;
		if (!fc[i].mean || fc[i].nlevels > CASPIAN_PLOT_LEVELS_MAX ||
		    (fc[i].nlevels && (!fc[i].levels || !fc[i].lo || !fc[i].hi)))
			return caspian_error_set(err, CASPIAN_EINVAL,
						 "the forecast for %s lacks values or has more than %d levels",
						 series[i].name, CASPIAN_PLOT_LEVELS_MAX);
	}
	return CASPIAN_OK;
}

/* Widen [*lo, *hi] by v, refusing what a log axis cannot show. */
static int take_value(const struct chart *c, const struct caspian_series *s, long p, double v,
		      const char *what, double *lo, double *hi, struct caspian_error *err)
{
	if (!isfinite(v))
		return CASPIAN_OK;
	if (c->o->log_scale && v <= 0) {
		char buf[CASPIAN_PERIOD_TEXT_MAX];
		return caspian_error_set(err, CASPIAN_EDOM,
					 "%s%s is %g at %s: a log scale shows only positive values",
					 s->name, what, v, period_text(s->freq, p, buf));
	}
	*lo = fmin(*lo, v);
	*hi = fmax(*hi, v);
	return CASPIAN_OK;
}

static int find_ranges(struct chart *c, double *vlo, double *vhi, struct caspian_error *err)
{
	double lo = INFINITY, hi = -INFINITY;
	long p0 = 0, p1 = 0;
	int any = 0, rc;
	for (size_t i = 0; i < c->count; i++) {
		const struct caspian_series *s = &c->series[i];
		const struct caspian_plot_forecast *f = fc_of(c, i);
		long first, last;
		if (caspian_series_span(s, &first, &last)) {
			p0 = any ? (first < p0 ? first : p0) : first;
			p1 = any ? (last > p1 ? last : p1) : last;
			any = 1;
			for (long p = first; p <= last; p++)
				if ((rc = take_value(c, s, p, caspian_series_at(s, p), "", &lo, &hi, err)))
					return rc;
		}
		if (!f)
			continue;
		long fend = f->start + (long)f->h - 1;
		p0 = any ? (f->start < p0 ? f->start : p0) : f->start;
		p1 = any ? (fend > p1 ? fend : p1) : fend;
		any = 1;
		for (size_t k = 0; k < f->h; k++) {
			long p = f->start + (long)k;
			if ((rc = take_value(c, s, p, f->mean[k], "'s forecast", &lo, &hi, err)))
				return rc;
			for (size_t l = 0; l < f->nlevels; l++) {
				if ((rc = take_value(c, s, p, f->lo[l * f->h + k],
						     "'s forecast interval", &lo, &hi, err)) ||
				    (rc = take_value(c, s, p, f->hi[l * f->h + k],
						     "'s forecast interval", &lo, &hi, err)))
					return rc;
			}
		}
	}
	if (!any || !(lo <= hi))
		return caspian_error_set(err, CASPIAN_EDOM,
					 "nothing to plot: every value of %s%s is missing",
					 c->series[0].name, c->count > 1 ? " and the others" : "");
	c->x0 = (double)p0;
	c->x1 = (double)p1;
	if (p0 == p1) {
		c->x0 -= 1;
		c->x1 += 1;
	}
	*vlo = lo;
	*vhi = hi;
	return CASPIAN_OK;
}

static void add_legend(struct chart *c, int kind, unsigned colour, const char *text)
{
	if (c->nlegend == LEGEND_MAX)
		return;
	struct legend_entry *e = &c->legend[c->nlegend++];
	e->kind = kind;
	e->colour = colour;
	snprintf(e->text, sizeof(e->text), "%s", text);
}

static double legend_width(const struct legend_entry *e)
{
	return 24 + 6 + (double)strlen(e->text) * CHAR_W_11 + 18;
}

/* Band order: widest level first, so narrower bands are drawn on top. */
static void levels_by_width(const struct caspian_plot_forecast *f, size_t *order)
{
	for (size_t l = 0; l < f->nlevels; l++)
		order[l] = l;
	for (size_t a = 1; a < f->nlevels; a++)
		for (size_t b = a; b > 0 && f->levels[order[b]] > f->levels[order[b - 1]]; b--) {
			size_t t = order[b];
			order[b] = order[b - 1];
			order[b - 1] = t;
		}
}

static double band_alpha(size_t rank, size_t n)
{
	return n <= 1 ? 0.28 : 0.16 + 0.26 * (double)rank / (double)(n - 1);
}

static void build_legend(struct chart *c)
{
	const struct caspian_plot_forecast *first_fc = NULL;
	size_t first_i = 0;
	for (size_t i = 0; i < c->count && !first_fc; i++)
		if ((first_fc = fc_of(c, i)))
			first_i = i;
	if (c->count < 2 && !first_fc)
		return;
	for (size_t i = 0; i < c->count; i++)
		add_legend(c, SWATCH_LINE, colour_of(i), c->series[i].name);
	if (!first_fc)
		return;
	unsigned base = c->count > 1 ? 0x555555 : colour_of(first_i);
	add_legend(c, SWATCH_DASH, base, first_fc->label ? first_fc->label : "forecast");
	size_t order[CASPIAN_PLOT_LEVELS_MAX];
	levels_by_width(first_fc, order);
	for (size_t r = first_fc->nlevels; r-- > 0;) {
		char text[48], num[CASPIAN_DTOA_SIZE];
		caspian_dtoa(first_fc->levels[order[r]], num);
		snprintf(text, sizeof(text), "%s%% interval", num);
		add_legend(c, SWATCH_BAND, tint(base, band_alpha(r, first_fc->nlevels)), text);
	}
}

static void add_caption_text(struct chart *c, const char *text)
{
	size_t max = (size_t)((c->width - 24) / CHAR_W_11);
	if (max > sizeof(c->caption[0]) - 1)
		max = sizeof(c->caption[0]) - 1;
	while (*text && c->ncaption < CAPTION_LINES_MAX) {
		size_t n = strlen(text);
		if (n > max) {
			n = max;
			while (n > max / 2 && text[n] != ' ')
				n--;
			if (text[n] != ' ')
				n = max;
		}
		memcpy(c->caption[c->ncaption], text, n);
		c->caption[c->ncaption++][n] = '\0';
		text += n;
		while (*text == ' ')
			text++;
	}
}

static void build_caption(struct chart *c)
{
	if (c->o->caption) {
		add_caption_text(c, c->o->caption);
	} else {
		char text[1024] = "Source: ";
		size_t used = strlen(text), base = used;
		for (size_t i = 0; i < c->count; i++) {
			const char *src = c->series[i].source;
			int seen = !src || !*src;
			for (size_t j = 0; j < i && !seen; j++)
				seen = strcmp(c->series[j].source, src) == 0;
			if (seen)
				continue;
			snprintf(text + used, sizeof(text) - used, "%s%s", used > base ? "; " : "",
				 src);
			used = strlen(text);
		}
		if (used > base)
			add_caption_text(c, text);
	}
	if (c->any_gap)
		add_caption_text(c, "Dotted lines join observations across missing periods.");
}

static int has_gap(const struct caspian_series *s)
{
	long first, last;
	if (!caspian_series_span(s, &first, &last))
		return 0;
	for (long p = first; p <= last; p++)
		if (isnan(caspian_series_at(s, p)))
			return 1;
	return 0;
}

static int layout(struct chart *c, struct caspian_error *err)
{
	double widest = 0;
	char buf[64];
	for (size_t i = 0; i < c->yt.n; i++) {
		tick_text(c->yt.value[i], buf);
		widest = fmax(widest, (double)strlen(buf) * CHAR_W_12);
	}
	for (size_t i = 0; i < c->count; i++)
		c->any_gap |= has_gap(&c->series[i]);
	build_legend(c);
	build_caption(c);
	c->top = 44;
	c->left = 14 + 22 + widest + 8;
	c->right = c->width - 28;
	double row = 0;
	c->legend_rows = c->nlegend ? 1 : 0;
	for (size_t i = 0; i < c->nlegend; i++) {
		double w = legend_width(&c->legend[i]);
		if (row > 0 && c->left + row + w > c->right) {
			c->legend_rows++;
			row = 0;
		}
		row += w;
	}
	c->bottom = c->height - 30 - (double)c->legend_rows * 20 - (double)c->ncaption * 15 - 8;
	if (c->bottom - c->top < 60 || c->right - c->left < 80)
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "a %gx%g chart is too small for its %zu legend rows and axis labels",
					 c->width, c->height, c->legend_rows);
	return CASPIAN_OK;
}

static void svg_head(const struct chart *c, const char *title)
{
	FILE *f = c->out;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		   "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
		   "font-size=\"12\">\n<title>",
		c->width, c->height, c->width, c->height);
	put_text(f, title);
	fputs("</title>\n<style>\n"
	      ".series{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}\n"
	      ".gap{fill:none;stroke-width:1.5;stroke-dasharray:2 4}\n"
	      ".forecast{fill:none;stroke-width:2;stroke-dasharray:7 4}\n"
	      ".band{stroke:none}\n"
	      ".grid{stroke:#e3e3e3;stroke-width:1}\n"
	      ".axis{stroke:#333;stroke-width:1}\n"
	      ".tick{fill:#333}\n"
	      ".title{font-size:16px;font-weight:bold;fill:#111}\n"
	      ".axis-label{fill:#333}\n"
	      ".caption{font-size:11px;fill:#555}\n"
	      ".legend-label{font-size:11px;fill:#333}\n"
	      "</style>\n", f);
	fprintf(f, "<rect class=\"background\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
		c->width, c->height);
}

static void chart_title(const struct chart *c, char *buf, size_t n)
{
	if (c->o->title) {
		snprintf(buf, n, "%s", c->o->title);
		return;
	}
	snprintf(buf, n, "%s", c->series[0].name);
	for (size_t i = 1; i < c->count; i++) {
		size_t used = strlen(buf);
		if (used + strlen(c->series[i].name) + 2 > 70) {
			snprintf(buf + used, n - used, " and %zu more", c->count - i);
			return;
		}
		snprintf(buf + used, n - used, ", %s", c->series[i].name);
	}
}

static void svg_y_axis(const struct chart *c)
{
	FILE *f = c->out;
	char buf[64];
	fputs("<g class=\"y-axis\">\n", f);
	for (size_t i = 0; i < c->yt.n; i++) {
		double y = py(c, c->yt.value[i]);
		fputs("<line class=\"grid\" x1=\"", f);
		put_coord(f, c->left);
		fputs("\" x2=\"", f);
		put_coord(f, c->right);
		fputs("\" y1=\"", f);
		put_coord(f, y);
		fputs("\" y2=\"", f);
		put_coord(f, y);
		fputs("\"/>\n<text class=\"tick\" data-axis=\"y\" text-anchor=\"end\" x=\"", f);
		put_coord(f, c->left - 8);
		fputs("\" y=\"", f);
		put_coord(f, y + 4);
		tick_text(c->yt.value[i], buf);
		fprintf(f, "\">%s</text>\n", buf);
	}
	const char *label = c->o->y_label;
	char units[256] = "";
	if (!label) {
		for (size_t i = 0; i < c->count; i++) {
			const char *u = c->series[i].unit;
			if (!u || !*u || strstr(units, u))
				continue;
			size_t used = strlen(units);
			snprintf(units + used, sizeof(units) - used, "%s%s", used ? ", " : "", u);
		}
		label = units;
	}
	if (*label) {
		double cy = (c->top + c->bottom) / 2;
		fputs("<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(18 ", f);
		put_coord(f, cy);
		fputs(") rotate(-90)\">", f);
		if (c->o->log_scale && !c->o->y_label) {
			put_text(f, label);
			fputs(" (log scale)", f);
		} else {
			put_text(f, label);
		}
		fputs("</text>\n", f);
	}
	fputs("</g>\n", f);
}

static void svg_x_axis(const struct chart *c)
{
	FILE *f = c->out;
	enum caspian_freq freq = c->series[0].freq;
	fputs("<g class=\"x-axis\">\n<line class=\"axis\" x1=\"", f);
	put_coord(f, c->left);
	fputs("\" x2=\"", f);
	put_coord(f, c->right);
	fputs("\" y1=\"", f);
	put_coord(f, c->bottom);
	fputs("\" y2=\"", f);
	put_coord(f, c->bottom);
	fputs("\"/>\n", f);
	for (size_t i = 0; i < c->xt.n; i++) {
		double x = px(c, (double)c->xt.at[i]);
		char buf[CASPIAN_PERIOD_TEXT_MAX];
		fputs("<line class=\"axis\" x1=\"", f);
		put_coord(f, x);
		fputs("\" x2=\"", f);
		put_coord(f, x);
		fputs("\" y1=\"", f);
		put_coord(f, c->bottom);
		fputs("\" y2=\"", f);
		put_coord(f, c->bottom + 5);
		fputs("\"/>\n<text class=\"tick\" data-axis=\"x\" text-anchor=\"middle\" x=\"", f);
		put_coord(f, x);
		fputs("\" y=\"", f);
		put_coord(f, c->bottom + 19);
		fputs("\">", f);
		long month;
		if (c->xt.year_only)
			fprintf(f, "%ld", caspian_period_year(freq, c->xt.at[i]));
		else if (c->xt.month_only &&
			 caspian_period_convert(freq, c->xt.at[i], CASPIAN_FREQ_MONTHLY, &month) == 0)
			fputs(period_text(CASPIAN_FREQ_MONTHLY, month, buf), f);
		else
			fputs(period_text(freq, c->xt.at[i], buf), f);
		fputs("</text>\n", f);
	}
	fputs("</g>\n", f);
}

static void svg_history(const struct chart *c, size_t i)
{
	FILE *f = c->out;
	const struct caspian_series *s = &c->series[i];
	long first, last;
	size_t observed = 0;
	if (!caspian_series_span(s, &first, &last))
		return;
	fprintf(f, "<path class=\"series\" data-series=\"");
	put_text(f, s->name);
	fprintf(f, "\" stroke=\"#%06X\" d=\"", colour_of(i));
	int in_run = 0;
	for (long p = first; p <= last; p++) {
		double v = caspian_series_at(s, p);
		if (isnan(v)) {
			in_run = 0;
			continue;
		}
		observed++;
		int next_missing = p == last || isnan(caspian_series_at(s, p + 1));
		put_xy(f, in_run ? 'L' : 'M', px(c, (double)p), py(c, v));
		if (!in_run && next_missing)
			fputs("h0", f); /* a lone observation: a dot via the round line cap */
		in_run = 1;
	}
	fputs("\"/>\n", f);
	if (has_gap(s)) {
		fprintf(f, "<path class=\"gap\" stroke=\"#%06X\" d=\"", colour_of(i));
		long prev = first;
		for (long p = first + 1; p <= last; p++) {
			if (isnan(caspian_series_at(s, p)))
				continue;
			if (p > prev + 1) {
				put_xy(f, 'M', px(c, (double)prev), py(c, caspian_series_at(s, prev)));
				put_xy(f, 'L', px(c, (double)p), py(c, caspian_series_at(s, p)));
			}
			prev = p;
		}
		fputs("\"/>\n", f);
	}
	if (observed > CASPIAN_PLOT_POINTS_MAX)
		return;
	for (long p = first; p <= last; p++) {
		double v = caspian_series_at(s, p);
		char pb[CASPIAN_PERIOD_TEXT_MAX], vb[CASPIAN_DTOA_SIZE];
		if (isnan(v))
			continue;
		fprintf(f, "<circle class=\"point\" r=\"3\" fill=\"#%06X\" cx=\"", colour_of(i));
		put_coord(f, px(c, (double)p));
		fputs("\" cy=\"", f);
		put_coord(f, py(c, v));
		caspian_dtoa(v, vb);
		fprintf(f, "\"><title>%s: %s</title></circle>\n", period_text(s->freq, p, pb), vb);
	}
}

/* The last observation when it is the period just before the forecast. */
static int anchor_of(const struct caspian_series *s, const struct caspian_plot_forecast *f,
		     double *v)
{
	long first, last;
	if (!caspian_series_span(s, &first, &last) || last != f->start - 1)
		return 0;
	*v = caspian_series_at(s, last);
	return 1;
}

static void svg_bands(const struct chart *c, size_t i)
{
	const struct caspian_plot_forecast *f = fc_of(c, i);
	FILE *out = c->out;
	size_t order[CASPIAN_PLOT_LEVELS_MAX];
	double a;
	int anchored = anchor_of(&c->series[i], f, &a);
	double ax = px(c, (double)(f->start - 1));
	levels_by_width(f, order);
	for (size_t r = 0; r < f->nlevels; r++) {
		size_t l = order[r];
		char num[CASPIAN_DTOA_SIZE];
		caspian_dtoa(f->levels[l], num);
		fprintf(out, "<path class=\"band\" data-series=\"");
		put_text(out, c->series[i].name);
		fprintf(out, "\" data-level=\"%s\" fill=\"#%06X\" d=\"", num,
			tint(colour_of(i), band_alpha(r, f->nlevels)));
		if (anchored)
			put_xy(out, 'M', ax, py(c, a));
		for (size_t k = 0; k < f->h; k++)
			put_xy(out, anchored || k ? 'L' : 'M', px(c, (double)(f->start + (long)k)),
			       py(c, f->hi[l * f->h + k]));
		for (size_t k = f->h; k-- > 0;)
			put_xy(out, 'L', px(c, (double)(f->start + (long)k)), py(c, f->lo[l * f->h + k]));
		fputs("Z\"/>\n", out);
	}
}

static void svg_forecast_line(const struct chart *c, size_t i)
{
	const struct caspian_plot_forecast *f = fc_of(c, i);
	FILE *out = c->out;
	double a;
	int anchored = anchor_of(&c->series[i], f, &a);
	fprintf(out, "<path class=\"forecast\" data-series=\"");
	put_text(out, c->series[i].name);
	fprintf(out, "\" stroke=\"#%06X\" d=\"", colour_of(i));
	if (anchored)
		put_xy(out, 'M', px(c, (double)(f->start - 1)), py(c, a));
	for (size_t k = 0; k < f->h; k++)
		put_xy(out, anchored || k ? 'L' : 'M', px(c, (double)(f->start + (long)k)),
		       py(c, f->mean[k]));
	if (!anchored && f->h == 1)
		fputs("h0", out);
	fputs("\"/>\n", out);
}

static void svg_legend(const struct chart *c)
{
	FILE *f = c->out;
	if (!c->nlegend)
		return;
	double x = 0, y = c->bottom + 42;
	fputs("<g class=\"legend\">\n", f);
	for (size_t i = 0; i < c->nlegend; i++) {
		const struct legend_entry *e = &c->legend[i];
		double w = legend_width(e);
		if (x > 0 && c->left + x + w > c->right) {
			x = 0;
			y += 20;
		}
		double sx = c->left + x;
		if (e->kind == SWATCH_BAND) {
			fprintf(f, "<rect class=\"swatch\" fill=\"#%06X\" width=\"24\" height=\"10\" x=\"",
				e->colour);
			put_coord(f, sx);
			fputs("\" y=\"", f);
			put_coord(f, y - 9);
			fputs("\"/>\n", f);
		} else {
			fprintf(f, "<path class=\"%s\" stroke=\"#%06X\" d=\"",
				e->kind == SWATCH_DASH ? "forecast swatch" : "series swatch", e->colour);
			put_xy(f, 'M', sx, y - 4);
			fputs("h24\"/>\n", f);
		}
		fputs("<text class=\"legend-label\" x=\"", f);
		put_coord(f, sx + 30);
		fputs("\" y=\"", f);
		put_coord(f, y);
		fputs("\">", f);
		put_text(f, e->text);
		fputs("</text>\n", f);
		x += w;
	}
	fputs("</g>\n", f);
}

static void svg_body(const struct chart *c, const char *title)
{
	FILE *f = c->out;
	svg_head(c, title);
	fputs("<text class=\"title\" x=\"", f);
	put_coord(f, c->left);
	fputs("\" y=\"26\">", f);
	put_text(f, title);
	fputs("</text>\n", f);
	svg_y_axis(c);
	for (size_t i = 0; i < c->count; i++)
		if (fc_of(c, i))
			svg_bands(c, i);
	for (size_t i = 0; i < c->count; i++)
		svg_history(c, i);
	for (size_t i = 0; i < c->count; i++)
		if (fc_of(c, i))
			svg_forecast_line(c, i);
	svg_x_axis(c);
	svg_legend(c);
	double y = c->height - 10 - (double)(c->ncaption - (c->ncaption > 0)) * 15;
	for (size_t i = 0; i < c->ncaption; i++, y += 15) {
		fputs("<text class=\"caption\" x=\"12\" y=\"", f);
		put_coord(f, y);
		fputs("\">", f);
		put_text(f, c->caption[i]);
		fputs("</text>\n", f);
	}
	fputs("</svg>\n", f);
}

void caspian_plot_opts_init(struct caspian_plot_opts *o)
{
	memset(o, 0, sizeof(*o));
}

int caspian_plot_svg(const struct caspian_series *series, size_t count,
		     const struct caspian_plot_forecast *fc,
		     const struct caspian_plot_opts *opts, FILE *out,
		     struct caspian_error *err)
{
	struct caspian_plot_opts defaults;
	if (!opts) {
		caspian_plot_opts_init(&defaults);
		opts = &defaults;
	}
	int rc = check_inputs(series, count, fc, opts, err);
	if (rc)
		return rc;
	struct chart *c = calloc(1, sizeof(*c));
	if (!c)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	c->series = series;
	c->count = count;
	c->fc = fc;
	c->o = opts;
	c->out = out;
	c->width = opts->width ? opts->width : 800;
	c->height = opts->height ? opts->height : 480;
	double lo = 0, hi = 0;
	char title[256];
	rc = find_ranges(c, &lo, &hi, err);
	if (rc == CASPIAN_OK)
		rc = opts->log_scale ? caspian_plot_log_ticks(lo, hi, 5, &c->yt, err)
				     : caspian_plot_linear_ticks(lo, hi, 5, &c->yt, err);
	if (rc == CASPIAN_OK) {
		c->y0 = c->yt.value[0];
		c->y1 = c->yt.value[c->yt.n - 1];
		if (opts->log_scale) {
			c->y0 = log10(c->y0);
			c->y1 = log10(c->y1);
		}
		rc = layout(c, err);
	}
	if (rc == CASPIAN_OK) {
		size_t target = (size_t)fmax(2, (c->right - c->left) / 110);
		rc = caspian_plot_period_ticks(series[0].freq, (long)ceil(c->x0), (long)floor(c->x1),
					       target, &c->xt, err);
	}
	if (rc == CASPIAN_OK) {
		chart_title(c, title, sizeof(title));
		svg_body(c, title);
		if (fflush(out) != 0 || ferror(out))
			rc = caspian_error_set(err, CASPIAN_EIO, "writing the chart failed");
	}
	free(c);
	return rc;
}

size_t caspian_plot_sparkline(const double *x, size_t n, size_t width, char *buf,
			      size_t size)
{
	static const char *const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
					     "\u2585", "\u2586", "\u2587", "\u2588"};
	if (width == 0 || n == 0) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	size_t per = (n + width - 1) / width;
	size_t chars = (n + per - 1) / per;
	if (size < 3 * chars + 1)
		return 0;
	double lo = INFINITY, hi = -INFINITY;
	for (int pass = 0; pass < 2; pass++) {
		char *o = buf;
		for (size_t c = 0; c < chars; c++) {
			double sum = 0;
			size_t k = 0;
			for (size_t i = c * per; i < n && i < (c + 1) * per; i++)
				if (!isnan(x[i])) {
					sum += x[i];
					k++;
				}
			double v = k ? sum / (double)k : NAN;
			if (pass == 0) {
				if (k) {
					lo = fmin(lo, v);
					hi = fmax(hi, v);
				}
				continue;
			}
			if (!k) {
				*o++ = ' ';
				continue;
			}
			int level = 3;
			if (hi > lo) {
				level = (int)floor(8 * (v - lo) / (hi - lo));
				level = level < 0 ? 0 : level > 7 ? 7 : level;
			}
			memcpy(o, blocks[level], 3);
			o += 3;
		}
		*o = '\0';
	}
	return chars;
}
