/*
 * timer.h - monotonic wall-clock spans for the benchmarks.
 */
#ifndef CASPIAN_BENCH_TIMER_H
#define CASPIAN_BENCH_TIMER_H

#include <stdint.h>

/* Nanoseconds on CLOCK_MONOTONIC, from an arbitrary origin. */
uint64_t bench_now_ns(void);

#endif
