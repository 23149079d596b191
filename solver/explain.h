/* Why a patient is late or unserved in a plan (solve_explain in
 * solver.h), with the candidates already built, so that a caller that
 * explains many patients builds them once.
 *
 * Internal to solver/. */
#ifndef SOLVER_EXPLAIN_H
#define SOLVER_EXPLAIN_H

#include <stddef.h>

#include "models/scenario.h"
#include "solver/cand.h"
#include "solver/solver.h"

/* Writes the one-line reason of solve_explain into buf (size bytes, no
 * newline; truncated to fit). C = cand_build(s), borrowed. Returns 0, or
 * -1 when out of memory (buf then says so). */
int explain_patient(const struct scenario *s, const struct cands *C, const struct solution *sol,
                    int patient, char *buf, size_t size);

#endif
