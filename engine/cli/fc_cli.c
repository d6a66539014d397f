/*
 * fc_cli.c - helpers of the forecast and backtest commands (fc_cli.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caspian/numfmt.h"
#include "fc_cli.h"

int fc_cli_option(struct cli_ctx *ctx, const char *cmd, int c, const char *arg,
		  struct fc_cli_opts *fo)
{
	long v;
	switch (c) {
	case FC_OPT_H:
		if (cli_parse_long(arg, &v) || v < 1 || v > FC_CLI_MAX_H)
			return cli_usage(ctx, cmd, "--h must be a whole number from 1 to %d, not '%s'",
					 FC_CLI_MAX_H, arg);
		fo->h = v;
		return 0;
	case FC_OPT_LEVEL:
		fo->levels = arg;
		return 0;
	case FC_OPT_SEASON:
		if (cli_parse_long(arg, &v) || v < 1 || v > 10000)
			return cli_usage(ctx, cmd,
					 "--season must be a whole number from 1 to 10000, not '%s'",
					 arg);
		fo->season = v;
		return 0;
	case FC_OPT_SEED:
		if (cli_parse_long(arg, &v) || v < 1)
			return cli_usage(ctx, cmd, "--seed must be a positive whole number, not '%s'",
					 arg);
		fo->seed = (unsigned long)v;
		return 0;
	default:
		return -1;
	}
}

int fc_cli_levels(struct cli_ctx *ctx, const char *cmd, const struct fc_cli_opts *fo,
		  struct fc_cli_levels *lv)
{
	const char *text = fo->levels ? fo->levels : "80,95";
	if (fc_cli_parse_levels(text, lv))
		return cli_usage(ctx, cmd,
				 "--level wants up to %d percentages between 0 and 100, like 80,95; "
				 "not '%s'",
				 CASPIAN_BT_MAX_LEVELS, text);
	return 0;
}

void fc_cli_fit_opts(const struct caspian_series *s, const struct fc_cli_opts *fo,
		     struct caspian_fc_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->season = fo->season ? (size_t)fo->season : (size_t)caspian_freq_season(s->freq);
	opts->periods_per_year = caspian_freq_periods_per_year(s->freq);
	opts->seed = fo->seed;
	opts->spec = fo->spec;
}

int fc_cli_parse_levels(const char *text, struct fc_cli_levels *lv)
{
	char buf[256];
	if (strlen(text) >= sizeof(buf))
		return -1;
	memcpy(buf, text, strlen(text) + 1);
	lv->n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		double v;
		if (lv->n == CASPIAN_BT_MAX_LEVELS || cli_parse_double(tok, &v) || !(v > 0) ||
		    !(v < 100))
			return -1;
		for (size_t j = 0; j < lv->n; j++)
			if (lv->level[j] == v)
				return -1;
		char num[CASPIAN_DTOA_SIZE];
		caspian_dtoa(v, num);
		lv->level[lv->n] = v;
		snprintf(lv->lo_name[lv->n], sizeof(lv->lo_name[0]), "lo%.20s", num);
		snprintf(lv->hi_name[lv->n], sizeof(lv->hi_name[0]), "hi%.20s", num);
		snprintf(lv->cov_name[lv->n], sizeof(lv->cov_name[0]), "cov%.20s", num);
		lv->n++;
	}
	return lv->n ? 0 : -1;
}

int fc_cli_help(struct cli_ctx *ctx, const char *usage)
{
	fputs(usage, ctx->out);
	for (size_t i = 0; caspian_methods[i]; i++)
		fprintf(ctx->out, "  %-9s %s\n", caspian_methods[i]->name,
			caspian_methods[i]->summary);
	return cli_finish(ctx, CLI_OK);
}

void fc_cli_series_error(struct cli_ctx *ctx, const char *cmd, const char *name,
			 const struct caspian_error *err)
{
	fprintf(ctx->err, "caspian: %s: %s: %s\n", cmd, name, err->msg);
}

int fc_cli_failure_exit(const int *status, size_t n, size_t stride)
{
	int code = CLI_OK;
	for (size_t i = 0; i < n; i++) {
		int st = *(const int *)((const char *)status + i * stride);
		if (st == CASPIAN_ENOMEM || st == CASPIAN_EIO)
			return CLI_STORE;
		if (st)
			code = CLI_INPUT;
	}
	return code;
}
