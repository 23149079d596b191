/* The model's size before it is built, and what fits (see size.h). */
#include "solver/size.h"

#include <stdio.h>

#include "solver/cand.h"

/* Per unit of the estimates (upper bounds: on XL 83,925 candidates and
 * 8.7 million nonzeros for 37,581 and 1.95 million built), measured on the
 * presets (XL: 0.17 s of heuristic, 3.2 s from scenario to the first LP,
 * 421 MB in all) and rounded up. */
#define BYTES_PER_CAND 200.0       /* candidate, heuristic and ledger arrays */
#define SECONDS_PER_CAND 5e-6      /* enumerating and placing them */
#define BYTES_PER_NONZERO 60.0     /* our arrays and GLPK's copies */
#define SECONDS_PER_NONZERO 0.5e-6 /* building, loading, first LP */
/* A short time limit stops the search with the best plan so far (status
 * time_limit): it is not a reason to refuse. Only a model that could not
 * even be built in this long (or in the time limit, when longer) is. */
#define MIN_BUDGET_S 10.0

int size_judge(const struct scenario *s, const struct solve_options *o, struct size_estimate *e,
               char *err, size_t size)
{
    if (cand_estimate(s, &e->candidates, &e->ngroups, &e->widest) != 0)
        return -1;
    /* Per candidate: its start row, a room row per day held, the hours
     * and people rows of each step, one row per bill-of-materials line,
     * and the level rows. */
    int per = 0;
    for (int v = 0; v < s->nprocesses; v++) {
        const struct process *pr = &s->processes[v];
        int n = 1 + pr->duration + pr->changeover + 2 * pr->nsteps + pr->nbom + 2;
        if (n > per)
            per = n;
    }
    e->nonzeros = e->candidates * per;
    double limit = o->time_limit > 0 ? o->time_limit : 60;
    if (limit < MIN_BUDGET_S)
        limit = MIN_BUDGET_S;
    double mem = o->memory;
    char why[256];
    /* The candidates themselves: without them there is not even the
     * heuristic's plan. */
    if (e->candidates > 1e9 || e->candidates * SECONDS_PER_CAND > limit ||
        (mem > 0 && e->candidates * BYTES_PER_CAND > mem)) {
        snprintf(why, sizeof why, "%.0f s", limit);
        if (mem > 0 && e->candidates * BYTES_PER_CAND > mem)
            snprintf(why, sizeof why, "%.0f MB of memory", mem / 1e6);
        snprintf(err, size,
                 "the scenario is too big to plan in %s: up to %.0f candidate starts (%d patients, "
                 "up to %d start days each, %d room group%s); give max_delay, a shorter horizon "
                 "or fewer patients", why, e->candidates, s->npatients, e->widest, e->ngroups,
                 e->ngroups == 1 ? "" : "s");
        return SIZE_TOO_BIG;
    }
    if (e->nonzeros * SECONDS_PER_NONZERO > limit ||
        (mem > 0 && e->nonzeros * BYTES_PER_NONZERO > mem)) {
        snprintf(why, sizeof why, "%.0f s", limit);
        if (mem > 0 && e->nonzeros * BYTES_PER_NONZERO > mem)
            snprintf(why, sizeof why, "%.0f MB of memory", mem / 1e6);
        snprintf(err, size,
                 "the model (up to %.0f candidate starts, %.2g nonzeros) cannot be solved in %s: "
                 "the heuristic's plan is given; max_delay or a shorter horizon makes it smaller",
                 e->candidates, e->nonzeros, why);
        return SIZE_HEURISTIC;
    }
    return SIZE_FITS;
}
