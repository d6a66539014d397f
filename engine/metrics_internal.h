/*
 * metrics_internal.h - private to the engine: what caspian_yoy() means by
 * "a year earlier", shared with the panel form in aggregate.c.
 */
#ifndef CASPIAN_ENGINE_METRICS_INTERNAL_H
#define CASPIAN_ENGINE_METRICS_INTERNAL_H

#include "caspian/period.h"

/*
 * cx_year_earlier() - the ordinal of the same period one year before p: p - 1
 * annual, p - 4 quarterly, p - 12 monthly, the same ISO week number of the
 * previous ISO year, the same calendar day of the previous year.  When there
 * is none (week 53, 29 February, before year 0) returns 0 with *ok = 0, else
 * *ok = 1.
 */
long cx_year_earlier(enum caspian_freq f, long p, int *ok);

#endif
