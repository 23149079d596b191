/* The solver's public surface: a scenario in, a complete plan out.
 *
 * solve() builds the mixed-integer program of the contract (docs/model.md),
 * warm-starts GLPK with the constructive heuristic, solves the lexicographic
 * objective level by level and returns every decision of the plan: the
 * batches, the staff roster and the purchase orders. What follows from
 * those decisions (end, release, delivery, inventory, KPIs) is arithmetic
 * that the plan writers do.
 *
 * Nothing here prints, reads the environment or exits. Only solver/
 * includes glpk.h. */
#ifndef SOLVER_SOLVER_H
#define SOLVER_SOLVER_H

#include <signal.h>
#include <stddef.h>

#include "models/scenario.h"

enum solve_status {
    SOLVE_OPTIMAL = 0,   /* unserved and delay proven optimal, cost within mip_gap */
    SOLVE_TIME_LIMIT,    /* the time limit stopped the search: best plan found */
    SOLVE_FEASIBLE,      /* a heuristic plan, no bound (GLPK was not run or found nothing) */
    SOLVE_INTERRUPTED    /* the caller's stop flag stopped the search: best plan found */
};
const char *solve_status_name(enum solve_status st);  /* "optimal", "time_limit", ... */

/* One patient's batch. */
struct sol_batch {
    int start;              /* first manufacturing day; DATE_NONE: unserved */
    int process;            /* process index (-1 when unserved) */
    int room;               /* room index (-1 when unserved) */
};

/* A new purchase order. */
struct sol_order {
    int material;           /* material index */
    int order_date;         /* day the order is placed (>= start) */
    double quantity;        /* arrives on order_date + lead_time */
};

struct solve_stats {
    int candidates;         /* possible (patient, start, version, room group) batches */
    int room_groups;        /* pooled groups of identical rooms */
    int rows, cols, binaries, nonzeros;  /* of the schedule model */
    int stages;             /* MIP solves run */
    long nodes;             /* branch-and-bound nodes over every stage */
    double heur_weighted_delay;   /* the heuristic's plan, before GLPK */
    double heur_weighted_unserved;
    double heur_seconds;
    int guided;             /* plans of the LP-guided heuristic during the search */
    int guided_better;      /* of which GLPK took as its best plan */
};

struct solution {
    int npatients;          /* = scenario npatients */
    struct sol_batch *batch;      /* [patient] */
    int npersons, ndays;    /* = scenario npersons, ndays */
    int *skill_of;          /* [person * ndays + i]: skill the person serves on
                               day start + i, or -1 (absent or not needed) */
    struct sol_order *orders;     /* by material (file order), then order_date */
    int norders;
    enum solve_status status;
    double delay_bound;     /* best proven lower bound on weighted delay; -1: none */
    double gap;             /* relative gap of the cost level (0: proven) */
    double seconds;         /* wall clock of solve() */
    char note[256];         /* "" or what the user should know (e.g. GLPK
                               failed and the heuristic's plan is given) */
    struct solve_stats stats;
};

/* What the caller sees while a long solve runs (every few seconds). */
struct solve_progress {
    double seconds;         /* elapsed */
    const char *stage;      /* "unserved", "delay" (with unserved when the
                               two share one objective) or "cost" */
    int have_plan;          /* 0 until the stage has a plan */
    double best;            /* the stage's objective of the best plan */
    double bound;           /* best bound of the stage's objective */
    double gap;             /* relative gap of the stage (DBL_MAX: none) */
};

struct solve_options {
    double time_limit;      /* seconds, wall clock, whole solve (> 0) */
    double mip_gap;         /* relative gap at which the cost level stops */
    int heuristic_only;     /* 1: no GLPK, the heuristic's plan (status feasible) */
    int glpk_output;        /* 1: GLPK's own log goes to the log callback */
    volatile sig_atomic_t *stop;  /* set non-zero (e.g. by SIGINT) to stop; may be NULL */
    void (*progress)(const struct solve_progress *p, void *arg);  /* may be NULL */
    void (*log)(const char *text, void *arg);   /* GLPK's output when glpk_output */
    void *arg;              /* passed to progress and log */
    double progress_every;  /* seconds between progress calls */
    double memory;          /* bytes the solve may use; 0: not known (no memory check) */
};
/* The defaults, with time_limit and mip_gap from scenario s (never NULL:
 * the scenario holds its keys' defaults). */
void solve_options_init(struct solve_options *o, const struct scenario *s);

enum solve_error {
    SOLVE_OK = 0,
    SOLVE_ENOMEM,           /* out of memory */
    SOLVE_EGLPK,            /* GLPK failed (its message in err) */
    SOLVE_EINTERNAL,        /* a bug: the plan broke a rule (message in err) */
    SOLVE_ETOOBIG           /* the scenario cannot be planned in the time or memory (err says why) */
};

/* Plans scenario s. On SOLVE_OK *out is the plan (caller frees with
 * solution_free); otherwise *out is NULL and err (size bytes) says why. */
enum solve_error solve(const struct scenario *s, const struct solve_options *o,
                       struct solution **out, char *err, size_t size);
void solution_free(struct solution *sol);   /* NULL is a no-op */

/* Allocates an empty solution for s: every patient unserved, nobody
 * assigned, no orders. NULL when out of memory. Caller frees. */
struct solution *solution_new(const struct scenario *s);

/* Why patient p is late or unserved in sol: for the earliest start the
 * start rules allow that would deliver earlier (or at all), the resource
 * that the other batches of sol leave short, e.g. "room group B1 B2 full
 * on 2027-03-04", "skill qc short on 2027-03-09 (12 h needed, 8 h free)",
 * "material M3 short on 2027-03-02; an order placed on start arrives on
 * 2027-03-11", or "no start allowed before 2027-03-15 (ready, hold,
 * start days, approval)". Writes one line (no newline) into buf. */
void solve_explain(const struct scenario *s, const struct solution *sol, int patient, char *buf,
                   size_t size);
/* solve_explain for n patients at once (the candidates are built once:
 * on a 1500-patient scenario each solve_explain call costs about 0.2 s):
 * the reason of patients[i] goes to buf + i * each (each bytes). Returns
 * 0, or -1 when out of memory (then every reason says so). */
int solve_explain_many(const struct scenario *s, const struct solution *sol, const int *patients, int n,
                       char *buf, size_t each);

/* One cause of a patient's lateness (solve_explain_causes). */
enum explain_kind {
    EXPLAIN_ROOM,           /* a room of another type, closed or full */
    EXPLAIN_SKILL,          /* a skill short on a step day */
    EXPLAIN_MATERIAL,       /* a material short on a day no order reaches */
    EXPLAIN_START           /* the start rules (ready, hold, start days, approval) */
};
struct explain_cause {
    enum explain_kind kind;
    const char *resource;   /* room, skill or material id ("" for the start
                               rules), borrowed from the scenario */
    int date;               /* the day the resource is short */
    char detail[192];       /* one line: "room B1 full on 2027-03-04 with P-001" */
};

/* Every cause that keeps patient p from an earlier delivery in sol, for
 * the earliest start the rules allow that would deliver earlier: each room
 * (another type, closed, or full and with whom; free rooms are no cause),
 * each skill short on each step day (hours needed and free), each
 * material short. At most max causes into out. Returns how many (0: on
 * time, fixed, or nothing short: the start went to another patient), or
 * -1 when out of memory. */
int solve_explain_causes(const struct scenario *s, const struct solution *sol, int patient,
                         struct explain_cause *out, int max);

/* Chooses the purchase orders of sol (replacing any) from the daily use of
 * its batches: per material, stock_plan_orders (models/stock.h). Returns
 * 0; 1 when some use cannot be covered (then *short_material and
 * *short_day say where, when not NULL); -1 when out of memory. */
int solution_plan_orders(const struct scenario *s, struct solution *sol, int *short_material,
                         int *short_day);

enum export_format { EXPORT_MPS, EXPORT_LP };
/* Writes the schedule model to path with the objective
 * W x weighted unserved + weighted delay - C (docs/model.md): *unserved_weight
 * gets W, *fixed_delay gets C, the weighted delay of the fixed batches,
 * which is a constant left out of the file (solvers read an objective
 * constant in MPS differently). When priorities are not multiples of 1e-6
 * no W is exact: the file then weighs unserved patients by a W large
 * enough in practice, and err holds a warning with SOLVE_OK. Otherwise err
 * is "" on SOLVE_OK, or says what failed. */
enum solve_error solve_export(const struct scenario *s, enum export_format f, const char *path,
                              double *unserved_weight, double *fixed_delay, char *err, size_t size);

#endif
