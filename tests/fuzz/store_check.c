#include "store_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "caspian/store.h"
#include "support.h"

#define PROBE "fuzz.probe"
#define STAMP "2026-06-01T00:00:00.000000Z"

static char scratch[256];

static void remove_scratch(void)
{
	rmdir(scratch);
}

const char *store_scratch_dir(void)
{
	if (scratch[0])
		return scratch;
	/* Stores sync every commit: on tmpfs that costs nothing. */
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(scratch, sizeof(scratch), "%s/caspian-fuzz-XXXXXX", tmp);
	FUZZ_CHECK(mkdtemp(scratch) != NULL, "cannot make a scratch directory %s", scratch);
	atexit(remove_scratch);
	return scratch;
}

void store_unlink(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char p[512];
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
}

/* A failed call on a damaged store may say it is damaged, busy, out of memory,
 * unable to do I/O, or that something is absent; nothing else. */
static void check_failure(const struct caspian_error *err, int rc, const char *what)
{
	fuzz_error_check(err, rc, what);
	FUZZ_CHECK(rc == CASPIAN_ESTORE || rc == CASPIAN_ENOTFOUND || rc == CASPIAN_EIO ||
			   rc == CASPIAN_ENOMEM || rc == CASPIAN_EBUSY,
		   "%s: unexpected status %d (%s)", what, rc, err->msg);
}

static void check_series(const struct caspian_series *s, const char *name, const char *what)
{
	FUZZ_CHECK(strcmp(s->name, name) == 0, "%s: asked for %s, got %s", what, name, s->name);
	FUZZ_CHECK(s->freq >= CASPIAN_FREQ_ANNUAL && s->freq <= CASPIAN_FREQ_DAILY,
		   "%s: frequency %d", what, (int)s->freq);
	FUZZ_CHECK(s->unit && s->source && s->note, "%s: NULL metadata", what);
	volatile double sum = 0;
	for (size_t i = 0; i < s->n; i++)
		sum += s->values[i];
	(void)sum;
}

static void exercise_series(struct caspian_store *st, const char *name)
{
	struct caspian_error err;
	struct caspian_series *s = NULL;
	caspian_error_init(&err);
	int rc = caspian_store_get(st, name, &s, &err);
	if (rc == CASPIAN_OK) {
		check_series(s, name, "get");
		caspian_series_free(s);
	} else {
		check_failure(&err, rc, "get");
	}

	struct caspian_vintage *v = NULL;
	size_t nv = 0;
	caspian_error_init(&err);
	rc = caspian_store_vintages(st, name, &v, &nv, &err);
	if (rc == CASPIAN_OK) {
		FUZZ_CHECK(nv >= 1, "vintages of %s: none, not even the current one", name);
		FUZZ_CHECK(v[nv - 1].valid_to[0] == '\0', "vintages of %s: last is not current",
			   name);
		free(v);
	} else {
		check_failure(&err, rc, "vintages");
	}

	static const char *const when[] = {"2026", "2026-01-31T12:00:00.000000Z", "9999"};
	for (size_t i = 0; i < sizeof(when) / sizeof(when[0]); i++) {
		s = NULL;
		caspian_error_init(&err);
		rc = caspian_store_get_as_of(st, name, when[i], &s, &err);
		if (rc == CASPIAN_OK) {
			check_series(s, name, "get_as_of");
			caspian_series_free(s);
		} else {
			check_failure(&err, rc, "get_as_of");
		}
	}
}

static void exercise_reading(const char *path)
{
	struct caspian_error err;
	struct caspian_store *st = NULL;
	caspian_error_init(&err);
	int rc = caspian_store_open(path, CASPIAN_STORE_READ, 1, &st, &err);
	if (rc) {
		check_failure(&err, rc, "open for reading");
		return;
	}
	struct caspian_series_info *info = NULL;
	size_t count = 0;
	caspian_error_init(&err);
	rc = caspian_store_list(st, "*", &info, &count, &err);
	if (rc == CASPIAN_OK) {
		for (size_t i = 0; i < count && i < 16; i++) {
			FUZZ_CHECK(caspian_series_name_valid(info[i].name), "list: invalid name");
			exercise_series(st, info[i].name);
		}
		free(info);
	} else {
		check_failure(&err, rc, "list");
	}
	struct caspian_panel *p = NULL;
	caspian_error_init(&err);
	rc = caspian_store_load(st, "*", &p, &err);
	if (rc == CASPIAN_OK) {
		fuzz_panel_check(p, "load");
		caspian_panel_free(p);
	} else {
		check_failure(&err, rc, "load");
	}
	caspian_store_close(st);
}

static struct caspian_panel *probe_panel(void)
{
	struct caspian_panel *p = caspian_panel_alloc();
	size_t k;
	FUZZ_CHECK(p && caspian_panel_add_empty(p, PROBE, CASPIAN_FREQ_ANNUAL, 2017, 3, &k, NULL) == 0,
		   "out of memory");
	p->series[k].values[0] = 32.4;
	p->series[k].values[2] = 300.25;
	return p;
}

/*
 * 1 when SQLite finds nothing wrong with the file.  Damage that SQLite does
 * not notice (an index that misses a row) can make correct code give odd
 * answers, so read-back checks apply to intact files only.
 */
static int file_intact(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	int ok = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(q, 0);
		ok = t && strcmp((const char *)t, "ok") == 0 && sqlite3_step(q) == SQLITE_DONE;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	return ok;
}

static void exercise_writing(const char *path, int intact)
{
	struct caspian_error err;
	struct caspian_store *st = NULL;
	caspian_error_init(&err);
	int rc = caspian_store_open(path, CASPIAN_STORE_WRITE, 1, &st, &err);
	if (rc) {
		check_failure(&err, rc, "open for writing");
		return;
	}
	struct caspian_panel *p = probe_panel();
	struct caspian_import_opts o = {.replace = 1, .timestamp = STAMP};
	struct caspian_import_report rep;
	memset(&rep, 0xA5, sizeof(rep));
	caspian_error_init(&err);
	rc = caspian_store_import(st, p, &o, &rep, &err);
	if (rc == CASPIAN_OK) {
		FUZZ_CHECK(rep.values == 2, "import reports %zu values, not 2", rep.values);
		struct caspian_series *s = NULL;
		caspian_error_init(&err);
		int g = caspian_store_get(st, PROBE, &s, &err);
		if (g == CASPIAN_OK) {
			/* Fresh, the series must read back as it went in. */
			if (intact && rep.series_new == 1) {
				const char *d = fuzz_series_diff(s, &p->series[0]);
				FUZZ_CHECK(!d, "probe reads back with a different %s", d);
			}
			check_series(s, PROBE, "get after import");
			caspian_series_free(s);
		} else {
			check_failure(&err, g, "get after import");
			FUZZ_CHECK(!intact || g != CASPIAN_ENOTFOUND,
				   "an import that succeeded left no series");
		}
		caspian_error_init(&err);
		rc = caspian_store_remove(st, PROBE, &err);
		if (rc)
			check_failure(&err, rc, "remove");
	} else {
		/* ECONFLICT and EINVAL are honest answers when the damaged file
		 * holds a series of that name with another frequency or a later
		 * time stamp; ELIMIT when its span is huge. */
		if (rc != CASPIAN_ECONFLICT && rc != CASPIAN_EINVAL && rc != CASPIAN_ELIMIT)
			check_failure(&err, rc, "import");
		else
			fuzz_error_check(&err, rc, "import");
		FUZZ_CHECK(rep.values == (size_t)0xA5A5A5A5A5A5A5A5ULL,
			   "a failed import filled the report");
	}
	caspian_panel_free(p);
	caspian_store_close(st);
}

void store_exercise(const char *path)
{
	int intact = file_intact(path);
	exercise_reading(path);
	exercise_writing(path, intact);
}
