/*
 * panel_internal.h - private to the engine: appending to a panel without
 * the cost of marking every value missing first.
 */
#ifndef CASPIAN_ENGINE_PANEL_INTERNAL_H
#define CASPIAN_ENGINE_PANEL_INTERNAL_H

#include "caspian/series.h"

/*
 * cx_panel_add_unset() - caspian_panel_add_empty() with the n values left
 * unset: for a caller that writes all of them at once (a load from the
 * store), where filling them with NaN first would write the memory twice.
 */
int cx_panel_add_unset(struct caspian_panel *p, const char *name, enum caspian_freq freq,
		       long start, size_t n, size_t *out, struct caspian_error *err);

#endif
