#include "ingest_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/numfmt.h"
#include "caspian/output.h"
#include "ingest_internal.h"
#include "support.h"

/*
 * A short span limit keeps each input fast: the round trip prints every
 * period of every series, and 1012-W07 to 2025-W05 alone is 52,800 rows.
 */
enum { FUZZ_SPAN = 4096, SMALL_FIELD = 6 };

struct outcome {
	int rc;
	struct caspian_error err;
	struct caspian_panel *panel;
};

static void opts_for(struct caspian_ingest_opts *o, enum caspian_layout layout)
{
	caspian_ingest_opts_init(o);
	o->layout = layout;
	o->input_name = "fuzz.csv";
	o->max_span = FUZZ_SPAN;
}

static struct caspian_panel *const untouched = (struct caspian_panel *)&untouched;

static void run(const uint8_t *data, size_t size, size_t chunk, int reader,
		const struct caspian_ingest_opts *o, struct outcome *out)
{
	out->panel = untouched;
	caspian_error_init(&out->err);
	out->rc = cx_ingest_chunked((const char *)data, size, chunk, reader, o, &out->panel,
				    &out->err);
	if (out->rc == CASPIAN_OK) {
		FUZZ_CHECK(out->panel != untouched && out->panel, "success without a panel");
		FUZZ_CHECK(out->err.code == 0, "success with an error recorded (%s)", out->err.msg);
	} else {
		FUZZ_CHECK(out->panel == untouched, "a rejected input set *out");
		out->panel = NULL;
	}
}

/* Physical lines (ended by LF, CRLF or CR, as libcsv ends rows) and commas. */
static void measure(const uint8_t *data, size_t size, long *lines, long *commas)
{
	*lines = 1;
	*commas = 0;
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
			++*lines;
		*commas += data[i] == ',';
	}
}

static void check_rejection(const uint8_t *data, size_t size, const struct outcome *r)
{
	fuzz_error_check(&r->err, r->rc, "ingest");
	FUZZ_CHECK(r->rc == CASPIAN_EPARSE || r->rc == CASPIAN_ELIMIT,
		   "ingest of a buffer failed with status %d (%s)", r->rc, r->err.msg);
	FUZZ_CHECK(strcmp(r->err.input, "fuzz.csv") == 0, "error names input \"%s\"",
		   r->err.input);
	long lines, commas;
	measure(data, size, &lines, &commas);
	FUZZ_CHECK(r->err.line >= 1 && r->err.line <= lines,
		   "error on line %ld of an input of %ld lines: %s", r->err.line, lines, r->err.msg);
	/* A field number: at most one more than the fields a row can have. */
	FUZZ_CHECK(r->err.col >= 1 && r->err.col <= commas + 2,
		   "error in field %ld of an input with %ld commas: %s", r->err.col, commas,
		   r->err.msg);
}

static void same_outcome(const struct outcome *a, const struct outcome *b, const char *how)
{
	FUZZ_CHECK(a->rc == b->rc, "%s: status %d, not %d (%s | %s)", how, b->rc, a->rc, a->err.msg,
		   b->err.msg);
	if (a->rc == CASPIAN_OK) {
		fuzz_panels_equal(a->panel, b->panel, how);
		return;
	}
	FUZZ_CHECK(a->err.line == b->err.line && a->err.col == b->err.col &&
			   strcmp(a->err.msg, b->err.msg) == 0,
		   "%s: error %ld:%ld %s, not %ld:%ld %s", how, b->err.line, b->err.col, b->err.msg,
		   a->err.line, a->err.col, a->err.msg);
}

/* The panel as 'caspian export' prints it: long CSV, every period, shortest numbers. */
static char *print_long(const struct caspian_panel *p, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	FUZZ_CHECK(f, "open_memstream failed");
	fputs("series,period,value,unit,source,note\n", f);
	for (size_t i = 0; i < p->count; i++) {
		const struct caspian_series *s = &p->series[i];
		for (size_t k = 0; k < s->n; k++) {
			char per[CASPIAN_PERIOD_TEXT_MAX], num[CASPIAN_DTOA_SIZE];
			FUZZ_CHECK(caspian_period_format(s->freq, s->start + (long)k, per) > 0,
				   "series %s has a period that does not print", s->name);
			caspian_csv_write_field(f, s->name);
			fprintf(f, ",%s,", per);
			if (!isnan(s->values[k])) {
				FUZZ_CHECK(isfinite(s->values[k]), "series %s holds an infinity",
					   s->name);
				caspian_dtoa(s->values[k], num);
				fputs(num, f);
			}
			fputc(',', f);
			caspian_csv_write_field(f, s->unit);
			fputc(',', f);
			caspian_csv_write_field(f, s->source);
			fputc(',', f);
			caspian_csv_write_field(f, s->note);
			fputc('\n', f);
		}
	}
	FUZZ_CHECK(fclose(f) == 0, "writing to memory failed");
	return buf;
}

static void check_round_trip(const struct caspian_panel *p)
{
	size_t len = 0;
	char *text = print_long(p, &len);
	struct caspian_ingest_opts o;
	struct outcome again;
	opts_for(&o, CASPIAN_LAYOUT_LONG);
	run((const uint8_t *)text, len, 0, 0, &o, &again);
	FUZZ_CHECK(again.rc == CASPIAN_OK, "the re-printed panel is rejected: %ld:%ld %s\n%.2000s",
		   again.err.line, again.err.col, again.err.msg, text);
	fuzz_panels_equal(p, again.panel, "print, then ingest again");
	caspian_panel_free(again.panel);
	free(text);
}

struct progress {
	size_t last, size;
};

static void on_progress(void *ctx, size_t done)
{
	struct progress *p = ctx;
	FUZZ_CHECK(done >= p->last && done <= p->size, "progress %zu after %zu, input %zu", done,
		   p->last, p->size);
	p->last = done;
}

void ingest_check(const uint8_t *data, size_t size, enum caspian_layout layout)
{
	struct caspian_ingest_opts o;
	struct outcome whole, other;
	opts_for(&o, layout);
	run(data, size, 0, 0, &o, &whole);
	if (whole.rc == CASPIAN_OK) {
		fuzz_panel_check(whole.panel, "ingest");
		FUZZ_CHECK(whole.panel->count > 0, "an accepted input gave no series");
		check_round_trip(whole.panel);
	} else {
		check_rejection(data, size, &whole);
	}

	/* Block boundaries and the choice of reader must not matter. */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	run(data, size, 1 + h % 7, CX_READ_ALL, &o, &other);
	same_outcome(&whole, &other, "small blocks");
	caspian_panel_free(other.panel);
	run(data, size, 1 + (h >> 8) % 64, CX_READ_LIBCSV, &o, &other);
	same_outcome(&whole, &other, "libcsv only");
	caspian_panel_free(other.panel);
	run(data, size, 0, CX_READ_SPLIT, &o, &other);
	same_outcome(&whole, &other, "no quick rows");
	caspian_panel_free(other.panel);

	/* The streaming reader (64 KB blocks from a FILE) gives the same answer,
	 * and reports progress that only grows, up to the input's size. */
	if (size > 0) {
		FILE *f = fmemopen((void *)data, size, "rb");
		FUZZ_CHECK(f, "fmemopen failed");
		struct progress pr = {0, size};
		struct caspian_ingest_opts fo = o;
		fo.progress = on_progress;
		fo.progress_ctx = &pr;
		other.panel = untouched;
		caspian_error_init(&other.err);
		other.rc = caspian_ingest_file(f, &fo, &other.panel, &other.err);
		fclose(f);
		if (other.rc)
			FUZZ_CHECK(other.panel == untouched, "a rejected file set *out");
		else
			FUZZ_CHECK(other.panel != untouched, "success without a panel");
		if (other.rc)
			other.panel = NULL;
		same_outcome(&whole, &other, "caspian_ingest_file");
		caspian_panel_free(other.panel);
	}

	/* A small field limit: the same answer or a limit error, whatever the reader. */
	o.max_field = SMALL_FIELD;
	run(data, size, 0, CX_READ_ALL, &o, &other);
	if (other.rc == CASPIAN_ELIMIT)
		check_rejection(data, size, &other);
	else
		same_outcome(&whole, &other, "a smaller field limit");
	struct outcome split;
	run(data, size, 1 + (h >> 16) % 64, CX_READ_SPLIT, &o, &split);
	same_outcome(&other, &split, "a smaller field limit, no quick rows");
	caspian_panel_free(split.panel);
	caspian_panel_free(other.panel);
	caspian_panel_free(whole.panel);
}
