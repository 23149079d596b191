/* The model's size, estimated before anything big is allocated, and what
 * fits: an enormous scenario (5000 patients ready on one day, ten years of
 * start days) once took 54 s and 13 GB before GLPK died in its allocator.
 *
 * The figures per candidate and per nonzero were measured on the
 * generated presets (docs/model.md, "Sizes"): they are upper bounds, so
 * that a scenario refused or degraded here is truly out of reach.
 * Internal to solver/. */
#ifndef SOLVER_SIZE_H
#define SOLVER_SIZE_H

#include <stddef.h>

#include "models/scenario.h"
#include "solver/solver.h"

enum size_verdict {
    SIZE_FITS = 0,          /* build the model and solve it */
    SIZE_HEURISTIC,         /* the MILP would not fit: the heuristic's plan only */
    SIZE_TOO_BIG            /* not even the candidates fit: refuse (message in err) */
};

struct size_estimate {
    double candidates;      /* upper bound of the candidate starts */
    double nonzeros;        /* upper bound of the MILP's nonzeros */
    int ngroups;            /* room groups */
    int widest;             /* most start days of one patient */
};

/* Estimates the size of s's model into e and judges it against o's time
 * limit and memory (o->memory bytes; 0: not known, then only the time
 * limit counts). On SIZE_HEURISTIC and SIZE_TOO_BIG, err (size bytes) says
 * what makes the model big and what would make it smaller. Returns -1
 * when out of memory. */
int size_judge(const struct scenario *s, const struct solve_options *o, struct size_estimate *e,
               char *err, size_t size);

#endif
