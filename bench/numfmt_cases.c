/*
 * numfmt_cases.c - printing doubles: caspian_dtoa against printf("%.17g").
 */
#include "bench.h"

int bench_numfmt(struct bench_ctx *c)
{
	(void)c;
	return 0;
}
