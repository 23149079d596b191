/* GLPK, well used: the schedule model loaded into GLPK, solved one
 * objective level at a time, with a warm start, a wall-clock guard, a stop
 * flag, progress reports, and GLPK's fatal errors caught (glp_error_hook)
 * instead of aborting the program. The only file that includes glpk.h.
 *
 * Internal to solver/. */
#ifndef SOLVER_MILP_H
#define SOLVER_MILP_H

#include <stddef.h>

#include "solver/model.h"
#include "solver/solver.h"

typedef struct milp milp;

enum milp_result {
    MILP_OPTIMAL,           /* proven (within the gap asked) */
    MILP_LIMIT,             /* time limit; values hold the best plan if any */
    MILP_STOPPED,           /* the stop flag; likewise */
    MILP_INFEASIBLE,        /* no solution exists (a bug: u columns make one) */
    MILP_ERROR              /* GLPK failed; see milp_error */
};

/* Loads M into a new GLPK problem. NULL on failure (err filled). */
milp *milp_new(const struct model *M, char *err, size_t size);
void milp_free(milp *P);    /* NULL is a no-op */
const char *milp_error(const milp *P);   /* last GLPK error message */

/* Adds the row "objective of level <= bound" (lexicographic levels). */
int milp_bound_level(milp *P, int level, double bound);

/* Given values v[1..ncols] whose integer columns are a plan, finds the
 * continuous columns' best values under level's objective (an LP with the
 * integer columns fixed) and writes the whole vector to out[1..ncols].
 * Returns 0, or -1 when that LP is infeasible or fails. */
int milp_complete(milp *P, int level, const double *v, double *out);

struct milp_stage {
    int level;              /* objective to minimise */
    double mip_gap;         /* relative gap to stop at */
    double deadline;        /* wall clock (solve_clock) at which to stop */
    double t0;              /* wall clock of the whole solve's start */
    const double *start;    /* a feasible plan to warm-start with, or NULL */
    const struct solve_options *o;
    struct solve_progress *progress;   /* filled in for the callback */
    /* A primal heuristic guided by the LP, or NULL: given the LP values
     * lp[1..ncols] of a node of the search and the best plan so far
     * best[1..ncols] (NULL when none), writes its k-th plan's integer
     * columns to v[1..ncols] (the others are found here) and returns 0,
     * or -1 when it has no k-th plan (k = 0, 1, ... until -1). Run at the
     * root and then at nodes 2, 4, 8, ... of the search; a plan better
     * than the best one replaces it. */
    int (*guide)(void *arg, const double *lp, const double *best, int k, double *v);
    void *guide_arg;
};

struct milp_outcome {
    int have;               /* values hold a plan */
    double value;           /* its objective */
    double bound;           /* best bound on the level's objective */
    double gap;             /* relative gap at the end */
    long nodes;
    int guided;             /* plans the guide gave */
    int guided_better;      /* of which GLPK took as its best */
};

/* Minimises the stage's level. values[1..ncols] gets the best plan when
 * out->have. */
enum milp_result milp_solve(milp *P, const struct milp_stage *st, double *values,
                            struct milp_outcome *out);

/* Writes the problem (with the level's objective) to path. 0 or -1. */
int milp_write(milp *P, int level, int mps, const char *path);

/* Seconds on a monotonic clock. */
double solve_clock(void);

#endif
