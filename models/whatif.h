/* [whatif] (contract section 7, docs/scenario-format.md): modifiers applied
 * after merging. Internal to models/. */
#ifndef MODELS_WHATIF_H
#define MODELS_WHATIF_H

#include "models/load.h"

/* Resolves the suffixes of s->modifiers against the sites and materials
 * read (an unknown one is an error naming the scenario.ini and line), sets
 * each site's enrollment_scale and opens, and each orderable material's
 * lead time: ceil(lead_time x scale) + add, at least 0. Called once sites
 * and materials are read, before the forecast is expanded. Returns 0, or
 * -1 when memory ran out. */
int whatif_apply(struct load *L);

#endif
