#include "caspian/check.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/metrics.h"
#include "grow.h"

/* ---------------------------------------------------------------------------
 * Figures: an interval and the exact reading travel together.
 */

static struct caspian_figure fig(struct caspian_interval r, double point)
{
	struct caspian_figure f = {r, point};
	return f;
}

static struct caspian_figure fig_point(double v)
{
	return fig(caspian_interval_point(v), v);
}

static struct caspian_figure fig_add(struct caspian_figure a, struct caspian_figure b)
{
	return fig(caspian_interval_add(a.range, b.range), a.point + b.point);
}

static struct caspian_figure fig_sub(struct caspian_figure a, struct caspian_figure b)
{
	return fig(caspian_interval_sub(a.range, b.range), a.point - b.point);
}

static struct caspian_figure fig_mul(struct caspian_figure a, struct caspian_figure b)
{
	return fig(caspian_interval_mul(a.range, b.range), a.point * b.point);
}

static int fig_div(struct caspian_figure a, struct caspian_figure b, struct caspian_figure *out,
		   struct caspian_error *err)
{
	int rc = caspian_interval_div(a.range, b.range, &out->range, err);
	out->point = a.point / b.point;
	return rc;
}

static int fig_pow(struct caspian_figure a, struct caspian_figure b, struct caspian_figure *out,
		   struct caspian_error *err)
{
	int rc = caspian_interval_pow(a.range, b.range, &out->range, err);
	out->point = pow(a.point, b.point);
	return rc;
}

static int fig_root(struct caspian_figure a, struct caspian_figure b, struct caspian_figure *out,
		    struct caspian_error *err)
{
	int rc = caspian_interval_root(a.range, b.range, &out->range, err);
	out->point = pow(a.point, 1.0 / b.point);
	return rc;
}

/* ---------------------------------------------------------------------------
 * Claims as quantities.
 */

static int is_growth(enum caspian_claim_kind k)
{
	return k == CASPIAN_CLAIM_FOLD || k == CASPIAN_CLAIM_PCT_CHANGE ||
	       k == CASPIAN_CLAIM_CAGR || k == CASPIAN_CLAIM_AVG_GROWTH;
}

static int is_rate_kind(enum caspian_claim_kind k)
{
	return k == CASPIAN_CLAIM_CAGR || k == CASPIAN_CLAIM_AVG_GROWTH;
}

static int is_level(const struct caspian_claim *c)
{
	return c->kind == CASPIAN_CLAIM_LEVEL || c->kind == CASPIAN_CLAIM_COUNT;
}

/* A level at one period (not a total over a span). */
static int is_point_level(const struct caspian_claim *c)
{
	return is_level(c) && c->has_to && (!c->has_from || c->from == c->to);
}

static int same_span(const struct caspian_claim *a, const struct caspian_claim *b)
{
	return a->has_from && b->has_from && a->freq == b->freq && a->from == b->from &&
	       a->to == b->to;
}

/* Same period or span, or both undated. */
static int same_when(const struct caspian_claim *a, const struct caspian_claim *b)
{
	int af = a->has_from && a->from != a->to, bf = b->has_from && b->from != b->to;
	if (a->has_to != b->has_to || af != bf)
		return 0;
	if (!a->has_to)
		return 1;
	return a->freq == b->freq && a->to == b->to && (!af || a->from == b->from);
}

static struct caspian_figure stated_fig(const struct caspian_claim *c)
{
	return fig(c->stated, c->point);
}

static struct caspian_figure span_years(const struct caspian_claim *c)
{
	struct caspian_figure y;
	double ppy = caspian_freq_periods_per_year(c->freq);
	fig_div(fig_point((double)(c->to - c->from)), fig_point(ppy), &y, NULL);
	return y;
}

/* The fold a growth figure of kind k over `years` means. */
static int to_fold(enum caspian_claim_kind k, struct caspian_figure v, struct caspian_figure years,
		   struct caspian_figure *out, struct caspian_error *err)
{
	switch (k) {
	case CASPIAN_CLAIM_FOLD:
		*out = v;
		return CASPIAN_OK;
	case CASPIAN_CLAIM_PCT_CHANGE:
		*out = fig_add(v, fig_point(1));
		return CASPIAN_OK;
	default:
		return fig_pow(fig_add(v, fig_point(1)), years, out, err);
	}
}

/* The figure of kind k that fold F over `years` means. */
static int from_fold(enum caspian_claim_kind k, struct caspian_figure F,
		     struct caspian_figure years, struct caspian_figure *out,
		     struct caspian_error *err)
{
	int rc;
	switch (k) {
	case CASPIAN_CLAIM_FOLD:
		*out = F;
		return CASPIAN_OK;
	case CASPIAN_CLAIM_PCT_CHANGE:
		*out = fig_sub(F, fig_point(1));
		return CASPIAN_OK;
	default:
		if ((rc = fig_root(F, years, out, err)))
			return rc;
		*out = fig_sub(*out, fig_point(1));
		return CASPIAN_OK;
	}
}

static int claim_fold(const struct caspian_claim *c, struct caspian_figure *out,
		      struct caspian_error *err)
{
	return to_fold(c->kind, stated_fig(c), span_years(c), out, err);
}

/* ---------------------------------------------------------------------------
 * Text.
 */

static void period_text(enum caspian_freq f, long p, char *buf)
{
	if (!caspian_period_format(f, p, buf))
		snprintf(buf, CASPIAN_PERIOD_TEXT_MAX, "%ld", p);
}

/* "2017-2025", "2025", or "" for an undated claim. */
static void when_text(const struct caspian_claim *c, char *buf, size_t n)
{
	char a[CASPIAN_PERIOD_TEXT_MAX], b[CASPIAN_PERIOD_TEXT_MAX];
	if (!c->has_to) {
		buf[0] = '\0';
		return;
	}
	period_text(c->freq, c->to, b);
	if (c->has_from && c->from != c->to) {
		period_text(c->freq, c->from, a);
		snprintf(buf, n, "%s%s%s", a, c->freq == CASPIAN_FREQ_ANNUAL ? "-" : " to ", b);
	} else {
		snprintf(buf, n, "%s", b);
	}
}

static const char *quantity_word(enum caspian_claim_kind k)
{
	switch (k) {
	case CASPIAN_CLAIM_FOLD: return "fold";
	case CASPIAN_CLAIM_PCT_CHANGE: return "change";
	case CASPIAN_CLAIM_CAGR: return "CAGR";
	case CASPIAN_CLAIM_AVG_GROWTH: return "average annual growth";
	case CASPIAN_CLAIM_SHARE: return "share";
	case CASPIAN_CLAIM_RATE: return "rate";
	case CASPIAN_CLAIM_COUNT: return "count";
	default: return "level";
	}
}

/* Numbers in notes: percentages with 2 decimals, others with 4 significant digits. */
static void num_text(double v, const char *unit, char *buf, size_t n)
{
	if (isinf(v))
		snprintf(buf, n, "%s", v > 0 ? "infinity" : "-infinity");
	else if (strcmp(unit, "percent") == 0)
		snprintf(buf, n, "%.2f%%", v * 100);
	else if (strcmp(unit, "fold") == 0)
		snprintf(buf, n, "%.4g-fold", v);
	else
		snprintf(buf, n, "%.4g", v);
}

static const char *unit_of(const struct caspian_claim *c)
{
	return caspian_claim_kind_is_percent(c->kind) ? "percent" : c->unit;
}

static const char *unit_of_kind(enum caspian_claim_kind k)
{
	return k == CASPIAN_CLAIM_FOLD ? "fold" : "percent";
}

static void years_text(struct caspian_figure y, char *buf, size_t n)
{
	snprintf(buf, n, "%.6g", y.point);
}

/* Y-th root or power of an expression, parenthesised when needed. */
static void wrap(const char *e, char *buf, size_t n)
{
	if (strchr(e, ' '))
		snprintf(buf, n, "(%s)", e);
	else
		snprintf(buf, n, "%s", e);
}

/* "F", "(1 + p)", "(1 + g)^8": the fold a claim of kind k stands for. */
static void fold_expr(enum caspian_claim_kind k, const char *Y, char *buf, size_t n)
{
	if (k == CASPIAN_CLAIM_FOLD)
		snprintf(buf, n, "F");
	else if (k == CASPIAN_CLAIM_PCT_CHANGE)
		snprintf(buf, n, "(1 + p)");
	else
		snprintf(buf, n, "(1 + g)^%s", Y);
}

/* The target of kind k written from fold expression E: "g = E^(1/8) - 1". */
static void target_expr(enum caspian_claim_kind k, const char *E, const char *Y, char *buf,
			size_t n)
{
	char w[160];
	wrap(E, w, sizeof(w));
	if (k == CASPIAN_CLAIM_FOLD)
		snprintf(buf, n, "F = %s", E);
	else if (k == CASPIAN_CLAIM_PCT_CHANGE)
		snprintf(buf, n, "p = %s - 1", w);
	else
		snprintf(buf, n, "g = %s^(1/%s) - 1", w, Y);
}

/* ---------------------------------------------------------------------------
 * Building the report.
 */

enum { QUANTITY_MAX = 160 };

struct draft {
	size_t claim;
	enum caspian_verdict verdict;
	char quantity[QUANTITY_MAX];
	char unit[128];
	int has_stated, has_implied;
	struct caspian_interval stated;
	struct caspian_figure implied;
	double gap;
	char formula[256];
	char sources[256];
	char note[1024];
};

struct ctx {
	const struct caspian_claims *claims;
	const struct caspian_panel *panel;
	struct caspian_check_report *r;
	size_t cap;
	struct caspian_error *err;
	int rc;
};

static void draft_init(struct draft *d, size_t claim, enum caspian_verdict v)
{
	memset(d, 0, sizeof(*d));
	d->claim = claim;
	d->verdict = v;
	d->implied = fig_point(NAN);
}

static void appendf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void appendf(char *buf, size_t n, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;
	if (used >= n - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, n - used, fmt, ap);
	va_end(ap);
}

static void commit(struct ctx *c, const struct draft *d)
{
	if (c->rc)
		return;
	struct caspian_finding *items =
		cx_grow(c->r->items, &c->cap, c->r->count + 1, sizeof(*items), 32);
	if (!items) {
		c->rc = caspian_error_set(c->err, CASPIAN_ENOMEM, "out of memory");
		return;
	}
	c->r->items = items;
	struct caspian_finding *f = &c->r->items[c->r->count];
	memset(f, 0, sizeof(*f));
	f->claim = d->claim;
	f->verdict = d->verdict;
	f->has_stated = d->has_stated;
	f->stated = d->stated;
	f->has_implied = d->has_implied;
	f->implied = d->implied;
	f->gap = d->gap;
	f->quantity = strdup(d->quantity);
	f->unit = strdup(d->unit);
	f->formula = strdup(d->formula);
	f->sources = strdup(d->sources);
	f->note = strdup(d->note);
	c->r->count++;
	if (!f->quantity || !f->unit || !f->formula || !f->sources || !f->note)
		c->rc = caspian_error_set(c->err, CASPIAN_ENOMEM, "out of memory");
}

static const char *const verdict_names[] = {
	[CASPIAN_VERDICT_CONSISTENT] = "consistent",
	[CASPIAN_VERDICT_PARTLY] = "partly consistent",
	[CASPIAN_VERDICT_INCONSISTENT] = "inconsistent",
	[CASPIAN_VERDICT_DERIVED] = "derived",
	[CASPIAN_VERDICT_UNDERIVABLE] = "not derivable",
	[CASPIAN_VERDICT_UNCHECKED] = "unchecked",
};

const char *caspian_verdict_name(enum caspian_verdict v)
{
	return (size_t)v < sizeof(verdict_names) / sizeof(verdict_names[0]) ? verdict_names[v]
									      : "";
}

enum caspian_verdict caspian_check_classify(struct caspian_interval s, enum caspian_qualifier q,
					    struct caspian_interval i, double *gap,
					    const char **detail)
{
	const char *why = "";
	enum caspian_verdict v = CASPIAN_VERDICT_CONSISTENT;
	*gap = 0;
	if (!caspian_interval_intersect(s, i, NULL)) {
		*gap = caspian_interval_gap(s, i);
		v = CASPIAN_VERDICT_INCONSISTENT;
	} else if (q >= CASPIAN_QUAL_MORE_THAN && q <= CASPIAN_QUAL_AT_MOST) {
		if (!caspian_interval_within(i, s)) {
			v = CASPIAN_VERDICT_PARTLY;
			why = "the other figures allow values on both sides of the stated bound";
		}
	} else if (q == CASPIAN_QUAL_RANGE) {
		int in = caspian_interval_within(i, s), out = caspian_interval_within(s, i);
		if (in && !out)
			why = "the stated range is wider than the other figures support";
		else if (out && !in)
			why = "the stated range is narrower than the other figures can confirm";
		else if (!in)
			why = "the stated range and the implied one overlap only in part";
		/* Everything the other figures allow lies in the stated range: the
		 * statement holds, only loosely; the note says how loosely. */
		if (!in)
			v = CASPIAN_VERDICT_PARTLY;
	}
	if (detail)
		*detail = why;
	return v;
}

/* Fill in the verdict of a draft that compares claim t with d->implied. */
static void judge(const struct caspian_claim *t, struct draft *d)
{
	const char *why;
	d->has_stated = 1;
	d->has_implied = 1;
	d->stated = t->stated;
	d->verdict = caspian_check_classify(t->stated, t->qualifier, d->implied.range, &d->gap, &why);
	if (*why)
		appendf(d->note, sizeof(d->note), "%s%c%s.", *d->note ? " " : "", toupper((unsigned char)why[0]),
			why + 1);
	if (d->verdict == CASPIAN_VERDICT_INCONSISTENT) {
		char g[64];
		num_text(d->gap, d->unit, g, sizeof(g));
		if (strcmp(d->unit, "percent") == 0)
			snprintf(g, sizeof(g), "%.2f percentage points", d->gap * 100);
		appendf(d->note, sizeof(d->note), "%sThe stated figure misses the implied one by %s.",
			*d->note ? " " : "", g);
	}
}

/*
 * "Average annual growth" has two readings.  d->implied is the CAGR; a mean
 * of yearly rates is at least the CAGR (AM-GM on the yearly factors), so a
 * figure above the CAGR may still be a mean.
 */
static void judge_avg(const struct caspian_claim *t, struct draft *d)
{
	char lo[64];
	judge(t, d);
	num_text(d->implied.range.lo, "percent", lo, sizeof(lo));
	if (d->verdict == CASPIAN_VERDICT_INCONSISTENT && t->stated.lo >= d->implied.range.hi) {
		d->verdict = CASPIAN_VERDICT_PARTLY;
		d->gap = 0;
		appendf(d->note, sizeof(d->note),
			" Read as a CAGR it does not fit; read as the arithmetic mean of yearly "
			"rates it may (that mean is at least the CAGR), but the mean cannot be "
			"computed from the two end values.");
	} else if (d->verdict == CASPIAN_VERDICT_INCONSISTENT) {
		appendf(d->note, sizeof(d->note),
			" The arithmetic mean of yearly rates is at least the CAGR, so that "
			"reading does not fit either.");
	} else {
		appendf(d->note, sizeof(d->note),
			"%sFits the CAGR reading. The arithmetic mean of yearly rates cannot be "
			"computed from the two end values; it is at least the CAGR (%s or more).",
			*d->note ? " " : "", lo);
	}
}

static void finish_judged(struct ctx *c, const struct caspian_claim *t, struct draft *d)
{
	if (t->kind == CASPIAN_CLAIM_AVG_GROWTH)
		judge_avg(t, d);
	else
		judge(t, d);
	commit(c, d);
}

/* A finding that could not be computed: say why rather than fail the run. */
static void underivable(struct ctx *c, size_t claim, const char *quantity, const char *unit,
			const char *formula, const char *sources, const struct caspian_error *why)
{
	struct draft d;
	draft_init(&d, claim, CASPIAN_VERDICT_UNDERIVABLE);
	snprintf(d.quantity, sizeof(d.quantity), "%s", quantity);
	snprintf(d.unit, sizeof(d.unit), "%s", unit);
	snprintf(d.formula, sizeof(d.formula), "%s", formula);
	snprintf(d.sources, sizeof(d.sources), "%s", sources);
	snprintf(d.note, sizeof(d.note), "The figures cannot be combined: %s.", why->msg);
	commit(c, &d);
}

/* ---------------------------------------------------------------------------
 * Growth claims over a span.
 */

static void growth_quantity(const struct caspian_claim *t, char *buf, size_t n)
{
	char w[64];
	when_text(t, w, sizeof(w));
	snprintf(buf, n, "%s %s", quantity_word(t->kind), w);
}

/* t's figure from fold expression E, then what else the fold is (tail). */
static void growth_formula(const struct caspian_claim *t, const char *E, const char *tail, char *buf,
			   size_t n)
{
	char Y[32];
	years_text(span_years(t), Y, sizeof(Y));
	target_expr(t->kind, E, Y, buf, n);
	if (t->kind == CASPIAN_CLAIM_FOLD && strcmp(E, "F") == 0 && *tail)
		snprintf(buf, n, "%s", tail);
	else
		appendf(buf, n, "%s%s", *tail ? ", " : "", tail);
}

/*
 * The fold that t is compared through cannot be computed (a value missing,
 * a source that is not a number): the finding is on t's own quantity, as
 * the comparison would have been.
 */
static void growth_underivable(struct ctx *c, size_t ti, const char *E, const char *tail,
			       const char *sources, const struct caspian_error *why)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	char quantity[QUANTITY_MAX], formula[256];
	growth_quantity(t, quantity, sizeof(quantity));
	growth_formula(t, E, tail, formula, sizeof(formula));
	underivable(c, ti, quantity, unit_of_kind(t->kind), formula, sources, why);
}

/* Compare t with fold F (from `sources` via fold expression E). */
static void growth_from_fold(struct ctx *c, size_t ti, struct caspian_figure F, const char *E,
			     const char *tail, const char *sources, const char *note)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	struct caspian_error e;
	struct draft d;
	struct caspian_figure years = span_years(t);
	draft_init(&d, ti, CASPIAN_VERDICT_CONSISTENT);
	growth_quantity(t, d.quantity, sizeof(d.quantity));
	snprintf(d.unit, sizeof(d.unit), "%s", unit_of_kind(t->kind));
	growth_formula(t, E, tail, d.formula, sizeof(d.formula));
	snprintf(d.sources, sizeof(d.sources), "%s", sources);
	snprintf(d.note, sizeof(d.note), "%s", note);
	caspian_error_init(&e);
	if (from_fold(t->kind, F, years, &d.implied, &e)) {
		underivable(c, ti, d.quantity, d.unit, d.formula, sources, &e);
		return;
	}
	finish_judged(c, t, &d);
}

/* What the ends of a stated range would mean in another kind, for the note. */
static void range_ends_note(const struct caspian_claim *from, enum caspian_claim_kind to_kind,
			    struct caspian_figure years, char *buf, size_t n)
{
	struct caspian_figure lo, hi, a, b;
	char s1[64], s2[64], t1[64], t2[64];
	if (from->qualifier != CASPIAN_QUAL_RANGE)
		return;
	lo = fig_point(from->stated.lo);
	hi = fig_point(from->stated.hi);
	if (to_fold(from->kind, lo, years, &a, NULL) || to_fold(from->kind, hi, years, &b, NULL) ||
	    from_fold(to_kind, a, years, &a, NULL) || from_fold(to_kind, b, years, &b, NULL))
		return;
	num_text(from->stated.lo, unit_of(from), s1, sizeof(s1));
	num_text(from->stated.hi, unit_of(from), s2, sizeof(s2));
	num_text(a.point, unit_of_kind(to_kind), t1, sizeof(t1));
	num_text(b.point, unit_of_kind(to_kind), t2, sizeof(t2));
	appendf(buf, n, "%sThe ends of the stated range, %s and %s, would mean %s and %s.",
		*buf ? " " : "", s1, s2, t1, t2);
}

static void growth_from_growth(struct ctx *c, size_t ti, size_t si)
{
	const struct caspian_claim *t = &c->claims->items[ti], *s = &c->claims->items[si];
	struct caspian_figure F;
	struct caspian_error e;
	char E[64], Y[32], note[512] = "", src[128];
	years_text(span_years(t), Y, sizeof(Y));
	fold_expr(s->kind, Y, E, sizeof(E));
	if (s->kind == CASPIAN_CLAIM_AVG_GROWTH)
		snprintf(note, sizeof(note), "%s read as a CAGR.", s->id);
	range_ends_note(s, t->kind, span_years(t), note, sizeof(note));
	if (t->qualifier == CASPIAN_QUAL_RANGE && s->qualifier != CASPIAN_QUAL_RANGE)
		range_ends_note(t, s->kind, span_years(t), note, sizeof(note));
	snprintf(src, sizeof(src), "%s", s->id);
	caspian_error_init(&e);
	if (claim_fold(s, &F, &e)) {
		growth_underivable(c, ti, E, "", src, &e);
		return;
	}
	growth_from_fold(c, ti, F, E, "", src, note);
}

static long point_level_at(const struct caspian_claims *cl, const char *subject,
			   enum caspian_freq f, long p, size_t skip)
{
	for (size_t i = 0; i < cl->count; i++) {
		const struct caspian_claim *x = &cl->items[i];
		if (i != skip && is_point_level(x) && x->freq == f && x->to == p &&
		    strcmp(x->subject, subject) == 0)
			return (long)i;
	}
	return -1;
}

static void growth_from_levels(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	long i0 = point_level_at(c->claims, t->subject, t->freq, t->from, ti);
	long i1 = point_level_at(c->claims, t->subject, t->freq, t->to, ti);
	struct caspian_figure F;
	struct caspian_error e;
	char E[96], a[CASPIAN_PERIOD_TEXT_MAX], b[CASPIAN_PERIOD_TEXT_MAX], src[160];
	if (i0 < 0 || i1 < 0)
		return;
	period_text(t->freq, t->from, a);
	period_text(t->freq, t->to, b);
	snprintf(E, sizeof(E), "L(%s) / L(%s)", b, a);
	snprintf(src, sizeof(src), "%s %s", c->claims->items[i0].id, c->claims->items[i1].id);
	caspian_error_init(&e);
	if (fig_div(stated_fig(&c->claims->items[i1]), stated_fig(&c->claims->items[i0]), &F, &e)) {
		growth_underivable(c, ti, E, "", src, &e);
		return;
	}
	growth_from_fold(c, ti, F, E, "", src, "");
}

/* Claims over the same span on parts of t's subject, one per part. */
static size_t growth_parts(const struct ctx *c, size_t ti, size_t *idx, size_t max)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	size_t n = 0;
	for (size_t i = 0; i < c->claims->count && n < max; i++) {
		const struct caspian_claim *x = &c->claims->items[i];
		int dup = 0;
		if (!is_growth(x->kind) || !same_span(x, t) || strcmp(x->part_of, t->subject) != 0)
			continue;
		for (size_t k = 0; k < n; k++)
			dup |= strcmp(c->claims->items[idx[k]].subject, x->subject) == 0;
		if (!dup)
			idx[n++] = i;
	}
	return n;
}

enum { PARTS_MAX = 64 };

static void growth_from_parts(struct ctx *c, size_t ti)
{
	size_t idx[PARTS_MAX], n = growth_parts(c, ti, idx, PARTS_MAX);
	struct caspian_figure F, hull;
	struct caspian_error e;
	char src[256] = "";
	if (n < 2)
		return;
	caspian_error_init(&e);
	for (size_t k = 0; k < n; k++) {
		if (claim_fold(&c->claims->items[idx[k]], &F, &e)) {
			growth_underivable(c, ti, "F", "min F_i <= F <= max F_i", src, &e);
			return;
		}
		hull = k ? fig(caspian_interval_hull(hull.range, F.range), NAN) : fig(F.range, NAN);
		appendf(src, sizeof(src), "%s%s", k ? " " : "", c->claims->items[idx[k]].id);
	}
	growth_from_fold(c, ti, hull, "F", "min F_i <= F <= max F_i", src,
			 "A total's fold is a weighted mean of its parts' folds (weights: the "
			 "parts' base-period shares), so it lies between them.");
}

static const struct caspian_series *series_for(const struct ctx *c, const char *name,
					       enum caspian_freq f)
{
	if (!c->panel)
		return NULL;
	long i = caspian_panel_find(c->panel, name);
	if (i < 0 || c->panel->series[i].freq != f)
		return NULL;
	return &c->panel->series[i];
}

static void growth_from_series(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	const struct caspian_series *s = series_for(c, t->subject, t->freq);
	struct caspian_growth g;
	struct caspian_error e;
	char src[CASPIAN_NAME_MAX + 16], a[CASPIAN_PERIOD_TEXT_MAX], b[CASPIAN_PERIOD_TEXT_MAX];
	char E[64];
	if (!s)
		return;
	snprintf(src, sizeof(src), "series:%s", s->name);
	period_text(t->freq, t->from, a);
	period_text(t->freq, t->to, b);
	snprintf(E, sizeof(E), "v(%s) / v(%s)", b, a);
	caspian_error_init(&e);
	if (caspian_growth_between(s, t->from, t->to, &g, &e)) {
		growth_underivable(c, ti, E, "", src, &e);
		return;
	}
	growth_from_fold(c, ti, fig_point(g.fold), E, "", src, "From the stored values.");
	if (t->kind != CASPIAN_CLAIM_AVG_GROWTH)
		return;
	struct draft d;
	draft_init(&d, ti, CASPIAN_VERDICT_CONSISTENT);
	snprintf(d.quantity, sizeof(d.quantity), "mean yearly rate %s-%s", a, b);
	snprintf(d.unit, sizeof(d.unit), "percent");
	snprintf(d.formula, sizeof(d.formula), "mean of (v(t) / v(t-1))^(1/years) - 1");
	snprintf(d.sources, sizeof(d.sources), "%s", src);
	if (g.n_rates < 2) {
		d.verdict = CASPIAN_VERDICT_UNDERIVABLE;
		snprintf(d.note, sizeof(d.note),
			 "The series holds no values between %s and %s, so the arithmetic mean "
			 "of yearly rates cannot be computed.",
			 a, b);
		commit(c, &d);
		return;
	}
	d.implied = fig_point(g.mean_rate);
	snprintf(d.note, sizeof(d.note), "The arithmetic-mean reading, over %zu rates.",
		 g.n_rates);
	judge(t, &d);
	commit(c, &d);
}

static int has_other_growth(const struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	for (size_t i = 0; i < c->claims->count; i++) {
		const struct caspian_claim *x = &c->claims->items[i];
		if (i != ti && is_growth(x->kind) && same_span(x, t) &&
		    strcmp(x->subject, t->subject) == 0)
			return 1;
	}
	return 0;
}

/* The rate a fold means (or the fold a rate means) when no claim states it. */
static void growth_derived(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	enum caspian_claim_kind k = is_rate_kind(t->kind) ? CASPIAN_CLAIM_FOLD : CASPIAN_CLAIM_CAGR;
	struct caspian_figure F, years = span_years(t);
	struct caspian_error e;
	struct draft d;
	char E[64], Y[32], w[64];
	years_text(years, Y, sizeof(Y));
	fold_expr(t->kind, Y, E, sizeof(E));
	draft_init(&d, ti, CASPIAN_VERDICT_DERIVED);
	when_text(t, w, sizeof(w));
	snprintf(d.quantity, sizeof(d.quantity), "%s %s", quantity_word(k), w);
	snprintf(d.unit, sizeof(d.unit), "%s", unit_of_kind(k));
	target_expr(k, E, Y, d.formula, sizeof(d.formula));
	snprintf(d.sources, sizeof(d.sources), "%s", t->id);
	if (t->kind == CASPIAN_CLAIM_AVG_GROWTH)
		snprintf(d.note, sizeof(d.note), "Average annual growth read as a CAGR.");
	caspian_error_init(&e);
	if (claim_fold(t, &F, &e) || from_fold(k, F, years, &d.implied, &e)) {
		underivable(c, ti, d.quantity, d.unit, d.formula, d.sources, &e);
		return;
	}
	d.has_implied = 1;
	commit(c, &d);
}

static void growth_without_period(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	struct draft d;
	char v[64];
	draft_init(&d, ti, CASPIAN_VERDICT_UNDERIVABLE);
	snprintf(d.quantity, sizeof(d.quantity), "annual rate");
	snprintf(d.unit, sizeof(d.unit), "percent");
	snprintf(d.formula, sizeof(d.formula), "g = F^(1/years) - 1");
	snprintf(d.sources, sizeof(d.sources), "%s", t->id);
	num_text(t->point, unit_of(t), v, sizeof(v));
	snprintf(d.note, sizeof(d.note),
		 "No period is stated for this %s %s, so no annual rate can be derived: the "
		 "rate depends on the number of years, which the text does not give.",
		 v, t->kind == CASPIAN_CLAIM_FOLD ? "rise" : "change");
	if (isnan(t->point))
		snprintf(d.note, sizeof(d.note),
			 "No period is stated, so no annual rate can be derived: the rate "
			 "depends on the number of years, which the text does not give.");
	commit(c, &d);
}

static void check_growth(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	if (!t->has_from) {
		growth_without_period(c, ti);
		return;
	}
	for (size_t i = 0; i < c->claims->count; i++) {
		const struct caspian_claim *x = &c->claims->items[i];
		if (i != ti && is_growth(x->kind) && same_span(x, t) &&
		    strcmp(x->subject, t->subject) == 0)
			growth_from_growth(c, ti, i);
	}
	growth_from_levels(c, ti);
	growth_from_parts(c, ti);
	growth_from_series(c, ti);
	if (!has_other_growth(c, ti))
		growth_derived(c, ti);
}

/* ---------------------------------------------------------------------------
 * Levels.
 */

static void level_quantity(const struct caspian_claim *t, char *buf, size_t n)
{
	char w[64];
	when_text(t, w, sizeof(w));
	snprintf(buf, n, "level%s%s", *w ? " " : "", w);
}

static void level_draft(const struct ctx *c, size_t ti, struct draft *d)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	draft_init(d, ti, CASPIAN_VERDICT_CONSISTENT);
	level_quantity(t, d->quantity, sizeof(d->quantity));
	snprintf(d->unit, sizeof(d->unit), "%s", t->unit);
}

/* L(t) from the level at the other end of growth claim g. */
static void level_from_growth(struct ctx *c, size_t ti, size_t gi)
{
	const struct caspian_claim *t = &c->claims->items[ti], *g = &c->claims->items[gi];
	int forward = g->to == t->to;
	long li = point_level_at(c->claims, t->subject, t->freq, forward ? g->from : g->to, ti);
	struct caspian_figure F;
	struct caspian_error e;
	struct draft d;
	char E[64], Y[32], a[CASPIAN_PERIOD_TEXT_MAX], b[CASPIAN_PERIOD_TEXT_MAX];
	if (li < 0)
		return;
	const struct caspian_claim *l = &c->claims->items[li];
	years_text(span_years(g), Y, sizeof(Y));
	fold_expr(g->kind, Y, E, sizeof(E));
	period_text(t->freq, t->to, a);
	period_text(t->freq, l->to, b);
	level_draft(c, ti, &d);
	snprintf(d.formula, sizeof(d.formula), "L(%s) = L(%s) %s %s", a, b, forward ? "x" : "/", E);
	snprintf(d.sources, sizeof(d.sources), "%s %s", l->id, g->id);
	if (g->kind == CASPIAN_CLAIM_AVG_GROWTH)
		snprintf(d.note, sizeof(d.note), "%s read as a CAGR.", g->id);
	caspian_error_init(&e);
	if (claim_fold(g, &F, &e) ||
	    (forward ? (d.implied = fig_mul(stated_fig(l), F), 0)
		     : fig_div(stated_fig(l), F, &d.implied, &e))) {
		underivable(c, ti, d.quantity, d.unit, d.formula, d.sources, &e);
		return;
	}
	finish_judged(c, t, &d);
}

static void level_from_parts(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	struct draft d;
	size_t n = 0;
	level_draft(c, ti, &d);
	snprintf(d.formula, sizeof(d.formula), "sum of the parts' levels");
	for (size_t i = 0; i < c->claims->count; i++) {
		const struct caspian_claim *x = &c->claims->items[i];
		int dup = 0;
		if (!is_point_level(x) || !same_when(x, t) || strcmp(x->part_of, t->subject) != 0)
			continue;
		for (size_t k = 0; k < i; k++) {
			const struct caspian_claim *y = &c->claims->items[k];
			dup |= is_point_level(y) && same_when(y, t) &&
			       strcmp(y->part_of, t->subject) == 0 && strcmp(y->subject, x->subject) == 0;
		}
		if (dup)
			continue;
		d.implied = n ? fig_add(d.implied, stated_fig(x)) : stated_fig(x);
		appendf(d.sources, sizeof(d.sources), "%s%s", n ? " " : "", x->id);
		n++;
	}
	if (n < 2)
		return;
	snprintf(d.note, sizeof(d.note), "The parts named are taken to make up the whole.");
	finish_judged(c, t, &d);
}

/* A level or count claim of subject at the time of s, or the only one it has. */
static long whole_level_for(const struct ctx *c, const struct caspian_claim *s, const char *subject)
{
	long found = -1, only = -1;
	size_t nlevels = 0;
	for (size_t i = 0; i < c->claims->count; i++) {
		const struct caspian_claim *x = &c->claims->items[i];
		if (!is_level(x) || strcmp(x->subject, subject) != 0)
			continue;
		nlevels++;
		only = (long)i;
		if (found < 0 && same_when(x, s))
			found = (long)i;
	}
	return found >= 0 ? found : nlevels == 1 ? only : -1;
}

/* L(part) = share x L(whole), or L(whole) = L(part) / share. */
static void level_from_share(struct ctx *c, size_t ti, size_t si)
{
	const struct caspian_claim *t = &c->claims->items[ti], *s = &c->claims->items[si];
	int t_is_part = strcmp(s->subject, t->subject) == 0;
	long oi = whole_level_for(c, s, t_is_part ? s->part_of : s->subject);
	struct caspian_error e;
	struct draft d;
	if (oi < 0 || (size_t)oi == ti || !same_when(&c->claims->items[oi], t))
		return;
	const struct caspian_claim *o = &c->claims->items[oi];
	level_draft(c, ti, &d);
	snprintf(d.sources, sizeof(d.sources), "%s %s", s->id, o->id);
	caspian_error_init(&e);
	if (t_is_part) {
		snprintf(d.formula, sizeof(d.formula), "L(part) = share x L(%s)", s->part_of);
		d.implied = fig_mul(stated_fig(s), stated_fig(o));
	} else {
		snprintf(d.formula, sizeof(d.formula), "L(whole) = L(%s) / share", s->subject);
		if (fig_div(stated_fig(o), stated_fig(s), &d.implied, &e)) {
			underivable(c, ti, d.quantity, d.unit, d.formula, d.sources, &e);
			return;
		}
	}
	finish_judged(c, t, &d);
}

static void level_from_series(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	const struct caspian_series *s = series_for(c, t->subject, t->freq);
	struct draft d;
	char p[CASPIAN_PERIOD_TEXT_MAX];
	int at_period = t->has_to && (!t->has_from || t->from == t->to);
	if (!s || !(is_point_level(t) || (t->kind == CASPIAN_CLAIM_RATE && at_period)))
		return;
	double v = caspian_series_at(s, t->to);
	if (isnan(v))
		return;
	level_draft(c, ti, &d);
	period_text(t->freq, t->to, p);
	snprintf(d.formula, sizeof(d.formula), "v(%s)", p);
	snprintf(d.sources, sizeof(d.sources), "series:%s", s->name);
	snprintf(d.note, sizeof(d.note), "The stored value.");
	d.implied = fig_point(v);
	finish_judged(c, t, &d);
}

static int growth_between(const struct ctx *c, const char *subject, enum caspian_freq f, long p0,
			  long p1)
{
	for (size_t i = 0; i < c->claims->count; i++) {
		const struct caspian_claim *x = &c->claims->items[i];
		if (is_growth(x->kind) && x->has_from && x->freq == f && x->from == p0 &&
		    x->to == p1 && strcmp(x->subject, subject) == 0)
			return 1;
	}
	return 0;
}

/* Fold and CAGR between two stated levels that no growth claim covers. */
static void level_pair_derived(struct ctx *c, size_t ti, size_t i0)
{
	const struct caspian_claim *t = &c->claims->items[ti], *l0 = &c->claims->items[i0];
	struct caspian_figure F, years, g;
	struct caspian_error e;
	char a[CASPIAN_PERIOD_TEXT_MAX], b[CASPIAN_PERIOD_TEXT_MAX], E[64], Y[32];
	period_text(t->freq, l0->to, a);
	period_text(t->freq, t->to, b);
	snprintf(E, sizeof(E), "L(%s) / L(%s)", b, a);
	fig_div(fig_point((double)(t->to - l0->to)), fig_point(caspian_freq_periods_per_year(t->freq)),
		&years, NULL);
	years_text(years, Y, sizeof(Y));
	caspian_error_init(&e);
	for (int k = 0; k < 2; k++) {
		struct draft d;
		enum caspian_claim_kind kind = k ? CASPIAN_CLAIM_CAGR : CASPIAN_CLAIM_FOLD;
		draft_init(&d, ti, CASPIAN_VERDICT_DERIVED);
		snprintf(d.quantity, sizeof(d.quantity), "%s %s-%s", quantity_word(kind), a, b);
		snprintf(d.unit, sizeof(d.unit), "%s", unit_of_kind(kind));
		target_expr(kind, E, Y, d.formula, sizeof(d.formula));
		snprintf(d.sources, sizeof(d.sources), "%s %s", l0->id, t->id);
		if (fig_div(stated_fig(t), stated_fig(l0), &F, &e) ||
		    (k && from_fold(kind, F, years, &g, &e))) {
			underivable(c, ti, d.quantity, d.unit, d.formula, d.sources, &e);
			return;
		}
		d.implied = k ? g : F;
		d.has_implied = 1;
		commit(c, &d);
	}
}

static void check_level(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	for (size_t i = 0; is_point_level(t) && i < c->claims->count; i++) {
		const struct caspian_claim *g = &c->claims->items[i];
		if (is_growth(g->kind) && g->has_from && g->freq == t->freq &&
		    (g->to == t->to || g->from == t->to) && strcmp(g->subject, t->subject) == 0)
			level_from_growth(c, ti, i);
	}
	level_from_parts(c, ti);
	for (size_t i = 0; i < c->claims->count; i++) {
		const struct caspian_claim *s = &c->claims->items[i];
		if (s->kind == CASPIAN_CLAIM_SHARE &&
		    (strcmp(s->subject, t->subject) == 0 || strcmp(s->part_of, t->subject) == 0))
			level_from_share(c, ti, i);
	}
	level_from_series(c, ti);
	for (size_t i = 0; is_point_level(t) && i < c->claims->count; i++) {
		const struct caspian_claim *x = &c->claims->items[i];
		if (i != ti && is_point_level(x) && x->freq == t->freq && x->to < t->to &&
		    strcmp(x->subject, t->subject) == 0 &&
		    !growth_between(c, t->subject, t->freq, x->to, t->to))
			level_pair_derived(c, ti, i);
	}
}

/* A count or total over a span: how much per year on average. */
static void per_year_derived(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	struct caspian_figure years;
	struct caspian_error e;
	struct draft d;
	char w[64];
	draft_init(&d, ti, CASPIAN_VERDICT_DERIVED);
	when_text(t, w, sizeof(w));
	snprintf(d.quantity, sizeof(d.quantity), "yearly average %s", w);
	snprintf(d.unit, sizeof(d.unit), "%s/year", t->unit);
	fig_div(fig_point((double)(t->to - t->from + 1)),
		fig_point(caspian_freq_periods_per_year(t->freq)), &years, NULL);
	snprintf(d.formula, sizeof(d.formula), "value / %.6g years (the span counts both ends)",
		 years.point);
	snprintf(d.sources, sizeof(d.sources), "%s", t->id);
	caspian_error_init(&e);
	if (fig_div(stated_fig(t), years, &d.implied, &e)) {
		underivable(c, ti, d.quantity, d.unit, d.formula, d.sources, &e);
		return;
	}
	d.has_implied = 1;
	commit(c, &d);
}

static void rate_derived(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	struct draft d;
	const char *slash = strrchr(t->unit, '/');
	draft_init(&d, ti, CASPIAN_VERDICT_DERIVED);
	snprintf(d.quantity, sizeof(d.quantity), "per year");
	snprintf(d.unit, sizeof(d.unit), "%.*s/year", (int)(slash - t->unit), t->unit);
	snprintf(d.formula, sizeof(d.formula), "value x %.10g (%ss per year)", t->per_year, slash + 1);
	snprintf(d.sources, sizeof(d.sources), "%s", t->id);
	snprintf(d.note, sizeof(d.note), "If the stated rate held for a whole year.");
	d.implied = fig_mul(stated_fig(t), fig_point(t->per_year));
	d.has_implied = 1;
	commit(c, &d);
}

/* ---------------------------------------------------------------------------
 * Shares.
 */

static struct caspian_interval whole_numbers(struct caspian_interval x)
{
	double lo = x.lo, hi = x.hi;
	if (isfinite(lo))
		lo = (floor(lo) == lo && x.lo_open) ? lo + 1 : ceil(lo);
	if (isfinite(hi))
		hi = (floor(hi) == hi && x.hi_open) ? hi - 1 : floor(hi);
	return caspian_interval_make(lo, 0, hi, 0);
}

static void check_share(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	long pi = whole_level_for(c, t, t->subject), wi = whole_level_for(c, t, t->part_of);
	struct caspian_error e;
	struct draft d;
	char w[64];
	caspian_error_init(&e);
	draft_init(&d, ti, CASPIAN_VERDICT_CONSISTENT);
	when_text(t, w, sizeof(w));
	if (pi >= 0 && wi >= 0 && same_when(&c->claims->items[pi], t) &&
	    same_when(&c->claims->items[wi], t)) {
		snprintf(d.quantity, sizeof(d.quantity), "share of %s%s%s", t->part_of,
			 *w ? " " : "", w);
		snprintf(d.unit, sizeof(d.unit), "percent");
		snprintf(d.formula, sizeof(d.formula), "share = L(%s) / L(%s)", t->subject,
			 t->part_of);
		snprintf(d.sources, sizeof(d.sources), "%s %s", c->claims->items[pi].id,
			 c->claims->items[wi].id);
		if (fig_div(stated_fig(&c->claims->items[pi]), stated_fig(&c->claims->items[wi]),
			    &d.implied, &e)) {
			underivable(c, ti, d.quantity, d.unit, d.formula, d.sources, &e);
			return;
		}
		finish_judged(c, t, &d);
		return;
	}
	if (wi < 0 || pi >= 0)
		return;
	const struct caspian_claim *whole = &c->claims->items[wi];
	d.verdict = CASPIAN_VERDICT_DERIVED;
	snprintf(d.quantity, sizeof(d.quantity), "level of %s%s%s", t->subject, *w ? " " : "", w);
	snprintf(d.unit, sizeof(d.unit), "%s", whole->unit);
	snprintf(d.formula, sizeof(d.formula), "share x L(%s)", t->part_of);
	snprintf(d.sources, sizeof(d.sources), "%s %s", t->id, whole->id);
	d.implied = fig_mul(stated_fig(t), stated_fig(whole));
	if (whole->kind == CASPIAN_CLAIM_COUNT) {
		d.implied.range = whole_numbers(d.implied.range);
		snprintf(d.note, sizeof(d.note), "A part of a count is a whole number.");
	}
	d.has_implied = 1;
	commit(c, &d);
}

/* ---------------------------------------------------------------------------
 * Decomposition of a total's growth into its parts'.
 */

static void decompose_row(struct ctx *c, size_t claim, const char *quantity, const char *unit,
			  const char *formula, const char *sources, const char *note,
			  struct caspian_figure f)
{
	struct draft d;
	draft_init(&d, claim, CASPIAN_VERDICT_DERIVED);
	snprintf(d.quantity, sizeof(d.quantity), "%s", quantity);
	snprintf(d.unit, sizeof(d.unit), "%s", unit);
	snprintf(d.formula, sizeof(d.formula), "%s", formula);
	snprintf(d.sources, sizeof(d.sources), "%s", sources);
	snprintf(d.note, sizeof(d.note), "%s", note);
	d.implied = f;
	d.has_implied = 1;
	commit(c, &d);
}

/* Folds say it most directly; an average growth rate needs a reading. */
static int directness(enum caspian_claim_kind k)
{
	return k == CASPIAN_CLAIM_FOLD ? 0 : k == CASPIAN_CLAIM_PCT_CHANGE ? 1
					   : k == CASPIAN_CLAIM_CAGR     ? 2
									 : 3;
}

/* 1 when another growth claim on t's subject and span should drive the decomposition. */
static int better_total(const struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	for (size_t i = 0; i < c->claims->count; i++) {
		const struct caspian_claim *x = &c->claims->items[i];
		if (i == ti || !is_growth(x->kind) || !same_span(x, t) ||
		    strcmp(x->subject, t->subject) != 0)
			continue;
		if (directness(x->kind) < directness(t->kind) ||
		    (directness(x->kind) == directness(t->kind) && i < ti))
			return 1;
	}
	return 0;
}

static void decompose_total(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	if (better_total(c, ti))
		return;
	size_t idx[PARTS_MAX], n = growth_parts(c, ti, idx, PARTS_MAX);
	struct caspian_decompose_part parts[PARTS_MAX];
	struct caspian_decompose dec;
	struct caspian_error e;
	char src[256], a[CASPIAN_PERIOD_TEXT_MAX], b[CASPIAN_PERIOD_TEXT_MAX];
	char q[160], note[512];
	if (n < 2)
		return;
	caspian_error_init(&e);
	memset(&dec, 0, sizeof(dec));
	memset(parts, 0, sizeof(parts));
	if (claim_fold(t, &dec.total_fold, &e))
		return;
	snprintf(src, sizeof(src), "%s", t->id);
	for (size_t k = 0; k < n; k++) {
		const struct caspian_claim *p = &c->claims->items[idx[k]];
		parts[k].name = p->subject;
		if (claim_fold(p, &parts[k].fold, &e))
			return;
		appendf(src, sizeof(src), " %s", p->id);
	}
	long bi = point_level_at(c->claims, t->subject, t->freq, t->from, (size_t)-1);
	if (bi >= 0) {
		dec.has_base = 1;
		dec.total_base = stated_fig(&c->claims->items[bi]);
		appendf(src, sizeof(src), " %s", c->claims->items[bi].id);
	}
	dec.nparts = n;
	dec.parts = parts;
	if (caspian_decompose(&dec, &e))
		return; /* the parts check on the total reports the contradiction */
	period_text(t->freq, t->from, a);
	period_text(t->freq, t->to, b);
	snprintf(note, sizeof(note), "%s",
		 n == 2 ? "Two parts: F = s F_a + (1 - s) F_b fixes the shares."
			: "More than two parts: the range over every mix of shares that fits; "
			  "more figures (a part's level or share) are needed to pin it down.");
	if (!dec.determined)
		appendf(note, sizeof(note),
			" The folds' rounding intervals overlap, so some shares are only "
			"bounded by 0 and 1.");
	const char *unit = dec.has_base ? c->claims->items[bi].unit : "";
	for (size_t k = 0; k < n; k++) {
		size_t pi = idx[k];
		snprintf(q, sizeof(q), "share of %s %s", t->subject, a);
		decompose_row(c, pi, q, "percent", "s = (F_other - F) / (F_other - F_part)", src,
			      note, parts[k].base_share);
		if (dec.has_base) {
			snprintf(q, sizeof(q), "level of %s %s", parts[k].name, a);
			decompose_row(c, pi, q, unit, "s x L_total", src, "", parts[k].base_level);
			snprintf(q, sizeof(q), "level of %s %s", parts[k].name, b);
			decompose_row(c, pi, q, unit, "s x F_part x L_total", src, "",
				      parts[k].end_level);
		}
		snprintf(q, sizeof(q), "share of the rise %s-%s", a, b);
		decompose_row(c, pi, q, "percent", "s (F_part - 1) / (F - 1)", src, "",
			      parts[k].growth_share);
	}
}

/* ---------------------------------------------------------------------------
 * The run.
 */

static void check_claim(struct ctx *c, size_t ti)
{
	const struct caspian_claim *t = &c->claims->items[ti];
	if (is_growth(t->kind)) {
		check_growth(c, ti);
		decompose_total(c, ti);
	} else if (t->kind == CASPIAN_CLAIM_SHARE) {
		check_share(c, ti);
	} else {
		check_level(c, ti);
		if (is_level(t) && t->has_from && t->from < t->to)
			per_year_derived(c, ti);
		if (t->kind == CASPIAN_CLAIM_RATE)
			rate_derived(c, ti);
	}
}

/* Insertion sort keeps the derivation order within a claim (the report is small). */
static void stable_sort(struct caspian_finding *f, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct caspian_finding x = f[i];
		size_t j = i;
		while (j > 0 && f[j - 1].claim > x.claim) {
			f[j] = f[j - 1];
			j--;
		}
		f[j] = x;
	}
}

/* A claim no derivation touched (decomposition rows may land on it from another). */
static void unchecked_if_alone(struct ctx *c, size_t i)
{
	const struct caspian_claim *t = &c->claims->items[i];
	struct draft d;
	for (size_t k = 0; k < c->r->count; k++)
		if (c->r->items[k].claim == i)
			return;
	draft_init(&d, i, CASPIAN_VERDICT_UNCHECKED);
	snprintf(d.quantity, sizeof(d.quantity), "%s", quantity_word(t->kind));
	snprintf(d.unit, sizeof(d.unit), "%s", unit_of(t));
	d.has_stated = 1;
	d.stated = t->stated;
	snprintf(d.note, sizeof(d.note), "No other figure in the input bears on this one.");
	commit(c, &d);
}

void caspian_check_report_free(struct caspian_check_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->count; i++) {
		free(r->items[i].quantity);
		free(r->items[i].unit);
		free(r->items[i].formula);
		free(r->items[i].sources);
		free(r->items[i].note);
	}
	free(r->items);
	free(r);
}

int caspian_check_run(const struct caspian_claims *claims, const struct caspian_check_opts *opts,
		      struct caspian_check_report **out, struct caspian_error *err)
{
	struct ctx c;
	memset(&c, 0, sizeof(c));
	c.claims = claims;
	c.panel = opts ? opts->panel : NULL;
	c.err = err;
	c.r = calloc(1, sizeof(*c.r));
	if (!c.r)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	for (size_t i = 0; i < claims->count && !c.rc; i++)
		check_claim(&c, i);
	for (size_t i = 0; i < claims->count && !c.rc; i++)
		unchecked_if_alone(&c, i);
	if (c.rc) {
		caspian_check_report_free(c.r);
		return c.rc;
	}
	stable_sort(c.r->items, c.r->count);
	for (size_t i = 0; i < c.r->count; i++)
		c.r->by_verdict[c.r->items[i].verdict]++;
	*out = c.r;
	return CASPIAN_OK;
}
