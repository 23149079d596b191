/* The constructive heuristic: a complete plan that keeps every rule of the
 * contract, built fast, to warm-start the MILP (and to be the plan when
 * GLPK is not run).
 *
 * 1. List scheduling: the patients by due date (ties: higher priority
 *    first, then fewer candidates, then patient index); each takes the
 *    candidate with the least (delay, start, room cost) that fits beside
 *    the batches placed before (ledger.h); none fits: unserved.
 * 2. Improvement, a few bounded passes: the unserved and late patients,
 *    largest priority x delay first, are moved to their best fitting
 *    candidate, else swapped with one batch that blocks an earlier start
 *    of theirs (that batch then takes its own best fitting candidate);
 *    a change is kept only when it lowers the weighted unserved, or keeps
 *    it and lowers the weighted delay.
 * 3. The plan: rooms within the chosen groups (cand_assign_rooms), a
 *    fresh staff assignment for every day with work (staffday.h), and the
 *    purchase orders of every material (stock_plan_orders).
 *
 * Deterministic: no clock, no randomness; the same input gives the same
 * plan. Internal to solver/. */
#ifndef SOLVER_HEUR_H
#define SOLVER_HEUR_H

#include "models/scenario.h"
#include "solver/cand.h"
#include "solver/solver.h"

enum {
    HEUR_OK = 0,
    HEUR_ENOMEM = -1,       /* out of memory */
    HEUR_EINTERNAL = -2     /* a bug: the plan would break a rule (rooms would
                               not assign, a day's staff or a material's
                               lots fall short) */
};

/* Builds a plan of s from the candidates C into sol (from solution_new(s);
 * its batches, skill_of and orders are overwritten, any old orders freed)
 * and chosen[patient] (the index into C->c of each patient's batch, -1 for
 * fixed batches and unserved patients). Fixed batches keep their start,
 * process and room; sol->stats is left alone. Returns HEUR_OK, HEUR_ENOMEM or
 * HEUR_EINTERNAL. */
int heur_build(const struct scenario *s, const struct cands *C, int *chosen, struct solution *sol);

/* The same, guided by an LP solution: weight[c] in [0, 1] is the value of
 * candidate c in it. The patients are placed most certain first (largest
 * value among their candidates, then by due date as above), each trying
 * its candidates by value first (then as above); the improvement step
 * follows. An LP near an integer optimum gives a plan near it, which is
 * what GLPK's own search is slow to find (docs/benchmarks.md). */
int heur_guided(const struct scenario *s, const struct cands *C, const double *weight, int *chosen,
                struct solution *sol);

#endif
