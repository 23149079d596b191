/* The schedule model's formulation: the objective levels and the rule
 * families (rule.h) that fill a model (model.h), in a fixed order.
 * docs/model.md states the same formulation in mathematical notation.
 *
 * Internal to solver/. */
#ifndef SOLVER_FORMULATE_H
#define SOLVER_FORMULATE_H

#include "solver/model.h"

/* Builds the whole schedule model of scenario s over its candidates C
 * (both borrowed for the model's life). names: readable column and row
 * names (for export). NULL when out of memory; the caller frees with
 * model_free. */
struct model *formulate_build(const struct scenario *s, const struct cands *C, int names);

#endif
