/* One day's staff assignment (contract: "Staff semantics"): each person
 * present works in at most one of their skills and gives it all their
 * hours of the day. Given the day's demand per skill (hours = sum of
 * people x hours of the steps that day, people = the largest `people` of
 * any single step that day), find an assignment person -> skill such that
 * for every skill the assigned hours cover the demanded hours (tolerance
 * STAFFDAY_EPS) and the assigned persons are at least the demanded people.
 *
 * This is a small bin-covering problem, NP-hard in general, tiny in
 * practice: an exact backtracking search (forced persons first, the
 * person with the fewest useful skills next, the tightest skill first,
 * pruned by what the undecided persons can still give) with a node cap.
 * A search that reaches the cap says STAFFDAY_UNKNOWN, which callers
 * treat as infeasible.
 *
 * Internal to solver/. Nothing here prints. */
#ifndef SOLVER_STAFFDAY_H
#define SOLVER_STAFFDAY_H

#include "models/scenario.h"

#define STAFFDAY_EPS 1e-9            /* hours: assigned >= needed - EPS */
#define STAFFDAY_NODE_CAP 200000L    /* default search nodes per solve */

enum staffday_verdict {
    STAFFDAY_FEASIBLE = 0,  /* skill_of holds an assignment that covers the demand */
    STAFFDAY_INFEASIBLE,    /* proven: no assignment covers the demand */
    STAFFDAY_UNKNOWN        /* the node cap stopped the search (treat as infeasible) */
};

/* A reusable workspace for days with nskills skills and npersons persons,
 * so that the solves of a long horizon allocate nothing. node_cap <= 0
 * means STAFFDAY_NODE_CAP. NULL when out of memory; free with
 * staffday_free. */
typedef struct staffday staffday;
staffday *staffday_new(int nskills, int npersons, long node_cap);
void staffday_free(staffday *w);   /* NULL is a no-op */

/* Solves one day. persons[q].skills lists the skills of person q (indices
 * < nskills); hours[q] is their shift hours that day (<= 0: absent).
 * need_hours[k] and need_people[k] are the demand of skill k. On
 * STAFFDAY_FEASIBLE skill_of[q] is the skill person q serves, or -1 when
 * absent or not needed; otherwise skill_of is all -1. All arrays are
 * borrowed for the call only. Deterministic: the same input gives the
 * same assignment. */
enum staffday_verdict staffday_solve(staffday *w, const struct person *persons,
                                     const double *hours, const double *need_hours,
                                     const int *need_people, int *skill_of);

/* Search nodes used by the last staffday_solve. */
long staffday_nodes(const staffday *w);

#endif
