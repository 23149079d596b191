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

/* The order in which a guided heuristic places the patients. */
enum heur_order {
    HEUR_BY_DUE,            /* by due date, as heur_build */
    HEUR_BY_SURE,           /* most certain first: largest LP value among its
                               candidates, then by due date */
    HEUR_BY_START,          /* by the LP's mean start (its values as weights),
                               by due date when the LP mostly leaves it unserved */
    HEUR_ORDERS             /* how many orders there are */
};

/* The same, guided by an LP solution: weight[c] in [0, 1] is the value of
 * candidate c in it. The patients are placed in the order how says, each
 * trying its candidates by LP value first (then as above); the
 * improvement step follows. An LP near an integer optimum gives a plan
 * near it, which is what GLPK's own search is slow to find
 * (docs/benchmarks.md); which order gets nearest depends on the LP's
 * vertex, so the search tries them all. */
int heur_guided(const struct scenario *s, const struct cands *C, const double *weight,
                enum heur_order how, int *chosen, struct solution *sol);

/* Polishes the plan chosen[] (in: each patient's candidate or -1, as
 * heur_build gives; out: the polished plan, written to sol too): patient
 * by patient, the batches the LP supports least first, a batch moves to a
 * candidate with a larger LP value that fits beside the others and
 * delivers no later. No patient gets later or unserved, so a plan that
 * was optimal for unserved and delay stays so; at the cost level the LP
 * prefers cheaper candidates (rooms, material bought or in stock), which
 * the delay-first heuristics above do not look at. A last pass moves each
 * batch to the candidate with the cheapest room that fits and delivers no
 * later, whatever the LP says. */
int heur_polish(const struct scenario *s, const struct cands *C, const double *weight, int *chosen,
                struct solution *sol);

#endif
