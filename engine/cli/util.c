/*
 * util.c - what the commands share: error reporting, strict argument
 * parsing, loading series from the store or a file, and output.
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "caspian/ingest.h"
#include "caspian/output.h"
#include "caspian/store.h"
#include "cli.h"

int cli_exit_for(int status)
{
	switch (status) {
	case CASPIAN_OK: return CLI_OK;
	case CASPIAN_EINVAL: return CLI_USAGE;
	case CASPIAN_EDOM:
	case CASPIAN_EPARSE:
	case CASPIAN_ECONFLICT:
	case CASPIAN_ENOCONV:
	case CASPIAN_ENOTFOUND:
	case CASPIAN_ELIMIT: return CLI_INPUT;
	default: return CLI_STORE;
	}
}

int cli_fail(struct cli_ctx *ctx, const struct caspian_error *err)
{
	char buf[CASPIAN_ERROR_MSG_SIZE + CASPIAN_ERROR_INPUT_SIZE + 64];
	fprintf(ctx->err, "caspian: %s\n", caspian_error_format(err, buf, sizeof(buf)));
	return cli_exit_for(err->code);
}

int cli_usage(struct cli_ctx *ctx, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(ctx->err, "caspian: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fprintf(ctx->err, "\ntry 'caspian %s --help'\n", cmd);
	return CLI_USAGE;
}

int cli_parse_format(const char *text, enum cli_format *out)
{
	if (strcmp(text, "table") == 0)
		*out = CLI_FORMAT_TABLE;
	else if (strcmp(text, "csv") == 0)
		*out = CLI_FORMAT_CSV;
	else if (strcmp(text, "json") == 0)
		*out = CLI_FORMAT_JSON;
	else
		return -1;
	return 0;
}

int cli_parse_double(const char *text, double *out)
{
	return caspian_number_parse(text, strlen(text), out) == CASPIAN_OK ? 0 : -1;
}

int cli_parse_long(const char *text, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end)
		return -1;
	*out = v;
	return 0;
}

int cli_parse_period(const char *text, enum caspian_freq *freq, long *ordinal)
{
	return caspian_period_parse(text, strlen(text), freq, ordinal) == CASPIAN_OK ? 0 : -1;
}

const char *cli_period_text(enum caspian_freq f, long p, char *buf)
{
	if (!caspian_period_format(f, p, buf))
		snprintf(buf, CASPIAN_PERIOD_TEXT_MAX, "%ld", p);
	return buf;
}

int cli_is_glob(const char *pattern)
{
	return strpbrk(pattern, "*?[") != NULL;
}

static int load_from_file(const struct cli_source *src, struct caspian_panel **out,
			  struct caspian_error *err)
{
	struct caspian_ingest_opts o;
	caspian_ingest_opts_init(&o);
	o.layout = src->wide ? CASPIAN_LAYOUT_WIDE : CASPIAN_LAYOUT_LONG;
	o.input_name = src->file;
	if (strcmp(src->file, "-") == 0)
		return caspian_ingest_file(stdin, &o, out, err);
	FILE *f = fopen(src->file, "rb");
	if (!f)
		return caspian_error_set(err, CASPIAN_EIO, "cannot open %s: %s", src->file,
					 strerror(errno));
	int rc = caspian_ingest_file(f, &o, out, err);
	fclose(f);
	return rc;
}

/* 1 when name matches pattern: a glob, an exact name, or NULL for every name. */
static int name_matches(const char *pattern, const char *name)
{
	if (!pattern)
		return 1;
	return cli_is_glob(pattern) ? fnmatch(pattern, name, 0) == 0 : strcmp(pattern, name) == 0;
}

/*
 * Add the series of from whose names match pattern (NULL: every series) and
 * lie in shard sh to into, in from's order; *matched counts the matches in
 * any shard.
 */
static int add_matching(const struct caspian_panel *from, const char *pattern,
			const struct caspian_shard *sh, struct caspian_panel *into,
			size_t *matched, struct caspian_error *err)
{
	for (size_t i = 0; i < from->count; i++) {
		const struct caspian_series *s = &from->series[i];
		if (!name_matches(pattern, s->name))
			continue;
		++*matched;
		if (caspian_shard_has(sh, s->name)) {
			int rc = caspian_panel_add(into, s, err);
			if (rc)
				return rc;
		}
	}
	return CASPIAN_OK;
}

/*
 * 1 when from has series and every one matches pattern (NULL: any) and lies
 * in the shard: then from itself is the answer and nothing need be copied.
 */
static int takes_all(const struct caspian_panel *from, const char *pattern,
		     const struct caspian_shard *sh)
{
	for (size_t i = 0; i < from->count; i++) {
		const char *name = from->series[i].name;
		if (!name_matches(pattern, name) || !caspian_shard_has(sh, name))
			return 0;
	}
	return from->count > 0;
}

/* The stored (or file's) series name nearest to name, into buf; 0 if none is near. */
static int nearest_series(struct caspian_store *st, const struct caspian_panel *all,
			  const char *name, char *buf, size_t n)
{
	struct caspian_series_info *info = NULL;
	size_t count = 0;
	const char **names;
	if (all)
		count = all->count;
	else if (caspian_store_list(st, "*", &info, &count, NULL) != CASPIAN_OK)
		return 0;
	names = malloc((count ? count : 1) * sizeof(*names));
	if (!names) {
		free(info);
		return 0;
	}
	int exists = 0;
	for (size_t i = 0; i < count; i++) {
		names[i] = all ? all->series[i].name : info[i].name;
		exists |= strcmp(names[i], name) == 0;
	}
	/* the name exists (not found at a time stamp, say): no other name helps */
	const char *near = exists ? NULL : cli_nearest(name, names, count);
	if (near)
		snprintf(buf, n, "%s", near);
	free(names);
	free(info);
	return near != NULL;
}

static int no_match(const struct cli_source *src, struct caspian_store *st,
		    const struct caspian_panel *all, const char *pattern, const char *db,
		    struct caspian_error *err)
{
	const char *where = src->file ? src->file : db;
	char near[CASPIAN_NAME_MAX + 1];
	if (cli_is_glob(pattern))
		return caspian_error_set(err, CASPIAN_ENOTFOUND, "no series in %s matches '%s'",
					 where, pattern);
	if (nearest_series(st, all, pattern, near, sizeof(near)))
		return caspian_error_set(err, CASPIAN_ENOTFOUND,
					 "no series named '%s' in %s; did you mean '%s'?", pattern,
					 where, near);
	return caspian_error_set(err, CASPIAN_ENOTFOUND, "no series named '%s' in %s", pattern,
				 where);
}

void cli_suggest_series(struct cli_ctx *ctx, struct caspian_error *err, const char *name)
{
	struct caspian_store *st = NULL;
	char near[CASPIAN_NAME_MAX + 1];
	if (err->code != CASPIAN_ENOTFOUND || cli_is_glob(name) ||
	    caspian_store_open(ctx->db_path, CASPIAN_STORE_READ, 0, &st, NULL) != CASPIAN_OK)
		return;
	if (nearest_series(st, NULL, name, near, sizeof(near))) {
		size_t used = strlen(err->msg);
		snprintf(err->msg + used, sizeof(err->msg) - used, "; did you mean '%s'?", near);
	}
	caspian_store_close(st);
}

int cli_load_many(struct cli_ctx *ctx, const struct cli_source *src, char **patterns,
		  int npatterns, struct caspian_panel **out, struct caspian_error *err)
{
	struct caspian_panel *all = NULL, *result = caspian_panel_alloc();
	struct caspian_store *st = NULL;
	int rc = CASPIAN_OK;
	if (!result)
		return caspian_error_set(err, CASPIAN_ENOMEM, "out of memory");
	if (src->file)
		rc = load_from_file(src, &all, err);
	else
		rc = caspian_store_open(ctx->db_path, CASPIAN_STORE_READ, 0, &st, err);
	/* One pattern taking the whole file (such as '*'): the file's panel is
	 * the answer, in the same order; copying it would only cost time and memory. */
	if (rc == CASPIAN_OK && src->file && npatterns == 1 &&
	    takes_all(all, patterns[0], &src->shard)) {
		caspian_panel_free(result);
		*out = all;
		return CASPIAN_OK;
	}
	for (int i = 0; rc == CASPIAN_OK && i < npatterns; i++) {
		size_t matched = 0;
		if (src->file) {
			rc = add_matching(all, patterns[i], &src->shard, result, &matched, err);
		} else {
			/* the shard is taken while loading: only its values are kept */
			struct caspian_panel *part = NULL;
			rc = caspian_store_load_shard(st, patterns[i], &src->shard, &part, &matched,
						      err);
			if (rc == CASPIAN_OK && result->count == 0) {
				/* the usual case, one pattern: take the panel, copy nothing */
				caspian_panel_free(result);
				result = part;
				part = NULL;
			} else if (rc == CASPIAN_OK) {
				/* part is the shard's already: append all of it, unhashed */
				const struct caspian_shard whole = {0};
				size_t copied;
				rc = add_matching(part, NULL, &whole, result, &copied, err);
			}
			caspian_panel_free(part);
		}
		if (rc == CASPIAN_OK && matched == 0)
			rc = no_match(src, st, all, patterns[i], ctx->db_path, err);
	}
	caspian_store_close(st);
	caspian_panel_free(all);
	if (rc) {
		caspian_panel_free(result);
		return rc;
	}
	*out = result;
	return CASPIAN_OK;
}

int cli_load(struct cli_ctx *ctx, const struct cli_source *src, const char *pattern,
	     struct caspian_panel **out, struct caspian_error *err)
{
	char *patterns[] = {(char *)pattern};
	return cli_load_many(ctx, src, patterns, 1, out, err);
}

void cli_now(char *buf, size_t n)
{
	const char *fixed = getenv("CASPIAN_NOW");
	if (fixed && *fixed) {
		snprintf(buf, n, "%s", fixed);
		return;
	}
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 ts.tv_nsec / 1000);
}

int cli_drop_refused(struct cli_ctx *ctx, struct caspian_panel **p, cli_series_check check,
		     const void *arg)
{
	struct caspian_error err;
	caspian_error_init(&err);
	struct caspian_panel *kept = caspian_panel_alloc();
	if (!kept) {
		caspian_error_set(&err, CASPIAN_ENOMEM, "out of memory");
		return cli_fail(ctx, &err);
	}
	int code = CLI_OK;
	for (size_t i = 0; i < (*p)->count; i++) {
		const struct caspian_series *s = &(*p)->series[i];
		caspian_error_init(&err); /* each series' own reason */
		int rc = check(s, arg, &err);
		if (rc == CASPIAN_EDOM) {
			cli_fail(ctx, &err);
			code = CLI_INPUT;
			continue;
		}
		if (rc == CASPIAN_OK)
			rc = caspian_panel_add(kept, s, &err);
		if (rc) {
			caspian_panel_free(kept);
			return cli_fail(ctx, &err);
		}
	}
	caspian_panel_free(*p);
	*p = kept;
	return code;
}

int cli_after_drop(struct cli_ctx *ctx, int rc, const struct caspian_error *err, int code,
		   size_t left)
{
	if (code != CLI_OK && code != CLI_INPUT)
		return code; /* reported by cli_drop_refused */
	if (rc)
		return cli_fail(ctx, err);
	if (left == 0 && code == CLI_INPUT)
		return code; /* every series reported: nothing to print */
	return -1;
}

int cli_finish(struct cli_ctx *ctx, int code)
{
	if (fflush(ctx->out) != 0 || ferror(ctx->out)) {
		fprintf(ctx->err, "caspian: writing the output failed: %s\n", strerror(errno));
		return CLI_STORE;
	}
	return code;
}

int cli_common_option(struct cli_ctx *ctx, const char *cmd, int c, const char *arg,
		      struct cli_common *co)
{
	switch (c) {
	case CLI_OPT_FORMAT:
		if (cli_parse_format(arg, &co->format))
			return cli_usage(ctx, cmd, "--format must be table, csv or json, not '%s'", arg);
		return 0;
	case CLI_OPT_FILE:
		if (co->src.file) /* the last would be read and the others ignored */
			return cli_usage(ctx, cmd, "--file given twice: read one file at a time");
		co->src.file = arg;
		return 0;
	case CLI_OPT_WIDE:
		co->src.wide = 1;
		return 0;
	case CLI_OPT_SHARD: {
		struct caspian_error err;
		caspian_error_init(&err);
		if (caspian_shard_parse(arg, &co->src.shard, &err))
			return cli_usage(ctx, cmd, "--shard: %s", err.msg);
		return 0;
	}
	case CLI_OPT_FROM:
		co->from = arg;
		return 0;
	case CLI_OPT_TO:
		co->to = arg;
		return 0;
	case 'h':
		co->help = 1;
		return 0;
	case '?':
	case ':':
		fprintf(ctx->err, "try 'caspian %s --help'\n", cmd);
		return CLI_USAGE;
	default:
		return -1;
	}
}

int cli_help(struct cli_ctx *ctx, const char *usage)
{
	fputs(usage, ctx->out);
	return cli_finish(ctx, CLI_OK);
}

int cli_write_table(struct cli_ctx *ctx, const struct caspian_table *t, enum cli_format f)
{
	struct caspian_error err;
	caspian_error_init(&err);
	enum caspian_format cf = f == CLI_FORMAT_CSV    ? CASPIAN_FORMAT_CSV
				 : f == CLI_FORMAT_JSON ? CASPIAN_FORMAT_JSON
							: CASPIAN_FORMAT_TABLE;
	if (caspian_table_write(t, cf, ctx->out, &err))
		return cli_fail(ctx, &err);
	return cli_finish(ctx, CLI_OK);
}

int cli_period_for(const struct caspian_series *s, const char *text, long *p,
		   struct caspian_error *err)
{
	enum caspian_freq f;
	if (cli_parse_period(text, &f, p))
		return caspian_error_set(err, CASPIAN_EINVAL,
					 "'%s' is not a period (forms: 2017, 2017Q3, 2017-03, 2017-W05, 2017-03-15)",
					 text);
	if (f != s->freq)
		return caspian_error_set(err, CASPIAN_EINVAL, "%s is %s, but '%s' is a%s %s period",
					 s->name, caspian_freq_name(s->freq), text,
					 f == CASPIAN_FREQ_ANNUAL ? "n" : "", caspian_freq_name(f));
	return CASPIAN_OK;
}

int cli_parse_rate(const char *text, double *out)
{
	size_t n = strlen(text);
	double v;
	if (n > 1 && text[n - 1] == '%') {
		if (caspian_number_parse(text, n - 1, &v) != CASPIAN_OK)
			return -1;
		*out = v / 100.0;
		return 0;
	}
	return cli_parse_double(text, out);
}

int cli_open_atomic(struct cli_ctx *ctx, const char *path, struct cli_atomic *a)
{
	memset(a, 0, sizeof(*a));
	if (strcmp(path, "-") == 0) {
		a->f = ctx->out;
		return CLI_OK;
	}
	size_t n = strlen(path);
	a->path = strdup(path);
	a->tmp = malloc(n + 16);
	if (!a->path || !a->tmp) {
		free(a->path);
		free(a->tmp);
		fprintf(ctx->err, "caspian: out of memory\n");
		return CLI_STORE;
	}
	/* beside the target, so the rename stays within one file system */
	snprintf(a->tmp, n + 16, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(a->tmp);
	if (fd < 0) {
		fprintf(ctx->err, "caspian: cannot write %s: %s\n", path, strerror(errno));
		free(a->path);
		free(a->tmp);
		return CLI_STORE;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask); /* mkstemp makes 0600; give the file the usual mode */
	a->f = fdopen(fd, "wb");
	if (!a->f) {
		fprintf(ctx->err, "caspian: cannot write %s: %s\n", path, strerror(errno));
		close(fd);
		unlink(a->tmp);
		free(a->path);
		free(a->tmp);
		return CLI_STORE;
	}
	return CLI_OK;
}

int cli_commit_atomic(struct cli_ctx *ctx, struct cli_atomic *a, int ok)
{
	int rc = CLI_OK;
	if (!a->tmp) {
		/* standard output: cli_finish reports write errors */
		return ok ? cli_finish(ctx, CLI_OK) : CLI_OK;
	}
	if (ok && (fflush(a->f) != 0 || ferror(a->f) || fsync(fileno(a->f)) != 0)) {
		fprintf(ctx->err, "caspian: writing %s failed: %s\n", a->path, strerror(errno));
		ok = 0;
		rc = CLI_STORE;
	}
	if (fclose(a->f) != 0 && ok) {
		fprintf(ctx->err, "caspian: writing %s failed: %s\n", a->path, strerror(errno));
		ok = 0;
		rc = CLI_STORE;
	}
	if (ok && rename(a->tmp, a->path) != 0) {
		fprintf(ctx->err, "caspian: cannot replace %s: %s\n", a->path, strerror(errno));
		rc = CLI_STORE;
		ok = 0;
	}
	if (!ok)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof(*a));
	return rc;
}
