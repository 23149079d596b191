/* solve(): candidates, the heuristic's plan, then GLPK level by level
 * (lexicographic objective of the contract), then the plan's decisions. */
#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/batch.h"
#include "models/date.h"
#include "models/limits.h"
#include "solver/cand.h"
#include "solver/formulate.h"
#include "solver/heur.h"
#include "solver/milp.h"
#include "solver/model.h"
#include "solver/size.h"
#include "solver/solver.h"

/* The y columns of person q on day i: *first gets the first (0 when
 * none); returns how many there are (one per skill of q that may have work
 * that day, consecutive, see rule_staff.c), or -1 when q serves the only
 * such skill without a choice (*first then gets that skill). */
static int person_day(const struct model *M, int q, int i, int *first)
{
    const struct scenario *s = M->s;
    const struct person *pe = &s->persons[q];
    size_t nd = (size_t)s->ndays;
    *first = 0;
    if (s->person_hours[(size_t)q * nd + (size_t)i] <= 0)
        return 0;
    int nrel = 0, only = -1;
    for (int t = 0; t < pe->nskills; t++)
        if (M->relevant[(size_t)pe->skills[t] * nd + (size_t)i]) {
            nrel++;
            only = pe->skills[t];
        }
    if (nrel == 1) {
        *first = only;
        return -1;
    }
    *first = M->y_first[(size_t)q * nd + (size_t)i];
    return *first ? nrel : 0;
}

/* The heuristic's plan as column values (integer columns only; the
 * continuous ones are left for milp_complete). */
static void plan_to_columns(const struct model *M, const int *chosen, const struct solution *sol,
                            double *v)
{
    const struct scenario *s = M->s;
    for (int j = 1; j <= M->ncols; j++)
        v[j] = 0;
    for (int p = 0; p < s->npatients; p++) {
        if (chosen[p] >= 0)
            v[M->x0 + 1 + chosen[p]] = 1;
        else if (M->u_col[p])
            v[M->u_col[p]] = 1;
    }
    for (int q = 0; q < s->npersons; q++)
        for (int i = 0; i < s->ndays; i++) {
            int j0, n = person_day(M, q, i, &j0);
            int k = sol->skill_of[(size_t)q * s->ndays + i];
            for (int t = 0; t < n; t++)
                if (M->y_skill[j0 + t] == k)
                    v[j0 + t] = 1;
        }
}

static int chosen_skill(const struct model *M, int q, int i, const double *v)
{
    int j0, n = person_day(M, q, i, &j0);
    if (n < 0)
        return j0;
    for (int t = 0; t < n; t++)
        if (v[j0 + t] > 0.5)
            return M->y_skill[j0 + t];
    return -1;
}

/* The plan's decisions from column values v. Returns 0, -1 out of memory,
 * 1 when the values break a rule that only the finishing steps see (a
 * bug: the message goes to err), 2 when a material cannot be covered
 * (message in err): GLPK's tolerances are relative, so its plan may be
 * short by a fraction of a unit that the exact stock simulation sees. */
static int columns_to_plan(const struct model *M, const double *v, struct solution *sol, char *err,
                           size_t size)
{
    const struct scenario *s = M->s;
    const struct cands *C = M->C;
    int *groups = malloc(sizeof(int) * (size_t)(s->npatients ? s->npatients : 1));
    if (!groups)
        return -1;
    for (int p = 0; p < s->npatients; p++) {
        struct sol_batch *b = &sol->batch[p];
        const struct patient *pt = &s->patients[p];
        groups[p] = -1;
        if (pt->fixed_start != DATE_NONE) {
            b->start = pt->fixed_start;
            b->process = pt->process;
            b->room = pt->fixed_room;
            continue;
        }
        b->start = DATE_NONE;
        b->process = b->room = -1;
        for (int c = C->first[p]; c < C->first[p] + C->count[p]; c++)
            if (v[M->x0 + 1 + c] > 0.5) {
                b->start = C->c[c].start;
                b->process = C->c[c].process;
                groups[p] = C->c[c].group;
            }
    }
    int rc = cand_assign_rooms(s, C, groups, sol);
    free(groups);
    if (rc != 0) {
        snprintf(err, size, "internal error: a room group overflows in the solver's plan");
        return 1;
    }
    for (int q = 0; q < s->npersons; q++)
        for (int i = 0; i < s->ndays; i++)
            sol->skill_of[(size_t)q * s->ndays + i] = chosen_skill(M, q, i, v);
    int m = -1, day = 0;
    rc = solution_plan_orders(s, sol, &m, &day);
    if (rc == 1) {
        char a[DATE_BUFSZ];
        snprintf(err, size, "internal error: material '%s' cannot be covered on %s in the solver's plan",
                 s->materials[m].id, date_format(day, a));
        return 2;
    }
    return rc;
}

static int has_cost(const struct model *M)
{
    for (int j = 1; j <= M->ncols; j++)
        if (M->obj[LEVEL_COST][j] != 0)
            return 1;
    return 0;
}

/* Weighted unserved and weighted delay of a plan's columns. */
static void level_split(const struct model *M, const double *v, double *unserved, double *delay)
{
    const struct scenario *s = M->s;
    *unserved = 0;
    *delay = M->obj_const[LEVEL_DELAY];
    for (int p = 0; p < s->npatients; p++)
        if (M->u_col[p] && v[M->u_col[p]] > 0.5)
            *unserved += s->patients[p].priority;
    for (int c = 0; c < M->C->n; c++)
        if (v[M->x0 + 1 + c] > 0.5)
            *delay += s->patients[M->C->c[c].patient].priority * M->C->c[c].delay;
}

/* 1 when plan b is worse than plan a on a level held so far (unserved
 * when held_unserved, then delay when held_delay). Only the patients whose
 * batch differs are summed, in long double: GLPK's holding row has a
 * relative tolerance that once let a patient of priority 1e-7 go unserved,
 * and a sum over all patients would lose such a term in rounding. The
 * priorities' ratio is at most 1e12 (check), so a real difference is
 * never below 1e-13 of the terms summed: that is the noise floor. */
static int worse_on_held(const struct model *M, int held_unserved, int held_delay, const double *a,
                         const double *b)
{
    const struct scenario *s = M->s;
    long double du = 0, dd = 0, su = 0, sd = 0;
    for (int p = 0; p < s->npatients; p++) {
        int j = M->u_col[p];
        if (j && (a[j] > 0.5) != (b[j] > 0.5)) {
            du += (b[j] > 0.5 ? 1 : -1) * (long double)s->patients[p].priority;
            su += s->patients[p].priority;
        }
    }
    for (int c = 0; c < M->C->n; c++) {
        int j = M->x0 + 1 + c;
        if ((a[j] > 0.5) != (b[j] > 0.5)) {
            long double w = (long double)M->C->c[c].delay * s->patients[M->C->c[c].patient].priority;
            dd += b[j] > 0.5 ? w : -w;
            sd += w;
        }
    }
    if (held_unserved && (du > 1e-13L * su || du < -1e-13L * su))
        return du > 0;
    return held_delay && dd > 1e-13L * sd;
}

/* The LP-guided heuristic, for milp_stage.guide. */
struct guide {
    const struct model *M;
    int *chosen;            /* [npatients] */
    double *weight;         /* [C->n] */
    struct solution *sol;   /* scratch plan */
};

static int guide(void *arg, const double *lp, const double *best, int k, double *v)
{
    struct guide *g = arg;
    const struct model *M = g->M;
    if (k == 0)   /* the same LP for every k of a node */
        for (int c = 0; c < M->C->n; c++)
            g->weight[c] = lp[M->x0 + 1 + c];
    if (k < HEUR_ORDERS) {
        if (heur_guided(M->s, M->C, g->weight, (enum heur_order)k, g->chosen, g->sol) != HEUR_OK)
            return -1;
    } else if (k == HEUR_ORDERS && best) {
        /* Then the best plan so far, moved where the LP points. */
        for (int p = 0; p < M->s->npatients; p++)
            g->chosen[p] = -1;
        for (int c = 0; c < M->C->n; c++)
            if (best[M->x0 + 1 + c] > 0.5)
                g->chosen[M->C->c[c].patient] = c;
        if (heur_polish(M->s, M->C, g->weight, g->chosen, g->sol) != HEUR_OK)
            return -1;
    } else {
        return -1;
    }
    plan_to_columns(M, g->chosen, g->sol, v);
    return 0;
}

enum solve_error solve(const struct scenario *s, const struct solve_options *o,
                       struct solution **out, char *err, size_t size)
{
    double t0 = solve_clock();
    assert(s && o && o->time_limit > 0 && out && err);
    double deadline = t0 + o->time_limit;
    enum solve_error rc = SOLVE_ENOMEM;
    struct cands *C = NULL;
    struct model *M = NULL;
    milp *P = NULL;
    struct solution *sol = NULL;
    int *chosen = NULL;
    double *v = NULL, *inc = NULL, *vals = NULL;
    struct guide g = {NULL, NULL, NULL, NULL};
    *out = NULL;
    snprintf(err, size, "out of memory");

    /* Before anything big is allocated: does the model fit at all? */
    struct size_estimate est;
    char big[sizeof sol->note];
    int verdict = size_judge(s, o, &est, big, sizeof big);
    if (verdict < 0)
        goto done;
    if (verdict == SIZE_TOO_BIG) {
        snprintf(err, size, "%s", big);
        rc = SOLVE_ETOOBIG;
        goto done;
    }
    C = cand_build(s);
    sol = solution_new(s);
    chosen = malloc(sizeof(int) * (size_t)(s->npatients ? s->npatients : 1));
    if (!C || !sol || !chosen)
        goto done;
    sol->stats.candidates = C->n;
    sol->stats.room_groups = C->ngroups;
    double th = solve_clock();
    int hr = heur_build(s, C, chosen, sol);
    if (hr == HEUR_EINTERNAL) {
        snprintf(err, size, "internal error: the heuristic's plan breaks a rule");
        rc = SOLVE_EINTERNAL;
        goto done;
    }
    if (hr != HEUR_OK)
        goto done;
    sol->stats.heur_seconds = solve_clock() - th;
    for (int p = 0; p < s->npatients; p++) {
        const struct sol_batch *b = &sol->batch[p];
        if (b->start == DATE_NONE) {
            sol->stats.heur_weighted_unserved += s->patients[p].priority;
        } else if (s->patients[p].fixed_start == DATE_NONE) {
            struct batch_times t;
            batch_times(s, p, b->process, b->start, &t);
            sol->stats.heur_weighted_delay += s->patients[p].priority * t.delay;
        }
    }
    sol->status = SOLVE_FEASIBLE;
    if (o->heuristic_only || (o->stop && *o->stop) || verdict == SIZE_HEURISTIC) {
        if (verdict == SIZE_HEURISTIC && !o->heuristic_only)
            snprintf(sol->note, sizeof sol->note, "%s", big);
        if (o->stop && *o->stop)
            sol->status = SOLVE_INTERRUPTED;
        rc = SOLVE_OK;
        goto done;
    }

    M = formulate_build(s, C, 0);
    if (!M)
        goto done;
    /* Ctrl-C is looked at between the phases too (building the model and
     * loading it into GLPK take seconds on XL): the heuristic's plan. */
    if (o->stop && *o->stop) {
        sol->status = SOLVE_INTERRUPTED;
        rc = SOLVE_OK;
        goto done;
    }
    sol->stats.rows = M->nrows;
    sol->stats.cols = M->ncols;
    sol->stats.binaries = M->nbinaries;
    sol->stats.nonzeros = M->nnz;
    P = milp_new(M, err, size);
    if (!P) {
        rc = SOLVE_EGLPK;
        goto done;
    }
    if (o->stop && *o->stop) {
        sol->status = SOLVE_INTERRUPTED;
        rc = SOLVE_OK;
        goto done;
    }
    size_t nc = (size_t)M->ncols + 1;
    v = calloc(nc, sizeof(double));
    inc = calloc(nc, sizeof(double));
    vals = calloc(nc, sizeof(double));
    g.M = M;
    g.chosen = malloc(sizeof(int) * (size_t)(s->npatients ? s->npatients : 1));
    g.weight = malloc(sizeof(double) * (size_t)(C->n ? C->n : 1));
    g.sol = solution_new(s);
    if (!v || !inc || !vals || !g.chosen || !g.weight || !g.sol)
        goto done;
    int levels[3], nlevels = 0;
    if (!M->combined)
        levels[nlevels++] = LEVEL_UNSERVED;
    levels[nlevels++] = LEVEL_DELAY;
    if (has_cost(M))
        levels[nlevels++] = LEVEL_COST;
    plan_to_columns(M, chosen, sol, v);
    int have = milp_complete(P, levels[0], v, inc) == 0;
    if (o->stop && *o->stop) {
        sol->status = SOLVE_INTERRUPTED;
        rc = SOLVE_OK;
        goto done;
    }

    struct solve_progress prog;
    memset(&prog, 0, sizeof prog);
    enum solve_status status = SOLVE_OPTIMAL;
    int failed = 0;
    double delay_bound = -1, gap = 0;
    for (int l = 0; l < nlevels; l++) {
        int level = levels[l];
        struct milp_stage st = {level, level == LEVEL_COST ? o->mip_gap : 0, deadline, t0,
                                have ? inc : NULL, o, &prog, guide, &g};
        struct milp_outcome oc;
        enum milp_result r = milp_solve(P, &st, vals, &oc);
        sol->stats.stages++;
        sol->stats.nodes += oc.nodes;
        sol->stats.guided += oc.guided;
        sol->stats.guided_better += oc.guided_better;
        if (oc.have) {
            /* Keep GLPK's plan unless the warm start was never handed over
             * and is better, or it gives up some of a level already proven
             * optimal (the holding row's tolerance is GLPK's, relative). */
            int held_u = l > 0 && (M->combined || levels[0] == LEVEL_UNSERVED);
            int held_d = l > 0 && levels[l - 1] == LEVEL_DELAY;
            if (have && (held_u || held_d) && worse_on_held(M, held_u, held_d, inc, vals)) {
                snprintf(sol->note, sizeof sol->note, "GLPK's plan at the %s level gave up part of a "
                         "level proven optimal; the plan of that level is given",
                         level == LEVEL_COST ? "cost" : "delay");
                status = SOLVE_FEASIBLE;
                break;
            }
            if (!have || oc.value <= model_level_value(M, level, inc) + 1e-9)
                memcpy(inc, vals, sizeof(double) * nc);
            have = 1;
        }
        if (r == MILP_ERROR || r == MILP_INFEASIBLE) {
            failed = 1;
            snprintf(sol->note, sizeof sol->note, "%s; the best plan found before is given",
                     r == MILP_ERROR ? milp_error(P)
                     : "GLPK found the model infeasible, which check proved it is not (quantities or "
                       "costs of very different sizes defeat GLPK's relative tolerances)");
            status = SOLVE_FEASIBLE;
            break;
        }
        double z = have ? model_level_value(M, level, inc) : 0;
        if (r == MILP_OPTIMAL) {
            if (level == LEVEL_COST) {
                gap = oc.gap == DBL_MAX ? 0 : oc.gap;
                continue;
            }
            /* Hold this level at its optimum for the next ones, with room
             * for rounding only (the plan's values are exact 0/1); a later
             * level's plan that uses the room is refused (worse_on_held). */
            double tol = 1e-6 * (1 + fabs(z));
            if (milp_bound_level(P, level, z + tol) != 0) {
                failed = 1;
                snprintf(sol->note, sizeof sol->note, "%s; the best plan found before is given",
                         milp_error(P));
                status = SOLVE_FEASIBLE;
                break;
            }
            if (level == LEVEL_DELAY) {
                double u, d;
                level_split(M, inc, &u, &d);
                delay_bound = d;
            }
            continue;
        }
        /* Time limit or stop: the best plan so far. */
        status = r == MILP_STOPPED ? SOLVE_INTERRUPTED : SOLVE_TIME_LIMIT;
        gap = oc.gap == DBL_MAX ? 1 : oc.gap;
        if (level == LEVEL_DELAY && have && oc.bound > -DBL_MAX) {
            double u, d;
            level_split(M, inc, &u, &d);
            double lb = M->combined ? oc.bound - M->unserved_weight * u : oc.bound;
            /* In the combined objective the bound speaks of the delay only
             * once it proves that no plan leaves fewer patients unserved. */
            delay_bound = lb > 0 && (!M->combined || oc.bound >= M->unserved_weight * u - 1e-6)
                              ? lb : 0;
        } else if (level == LEVEL_UNSERVED) {
            delay_bound = 0;
        }
        break;
    }
    (void)failed;
    if (have) {
        int r = columns_to_plan(M, inc, sol, err, size);
        if (r == 2) {
            /* Short by less than GLPK's relative tolerance (quantities
             * near LIM_QTY_MAX): the heuristic's plan, whose ledger is
             * exact, in v since the start. */
            snprintf(sol->note, sizeof sol->note, "GLPK's plan falls short: %s (GLPK's tolerance is "
                     "relative to the quantities); the heuristic's plan is given",
                     err + strlen("internal error: "));
            status = SOLVE_FEASIBLE;
            gap = 0;
            delay_bound = -1;
            r = columns_to_plan(M, v, sol, err, size);
        }
        if (r < 0)
            goto done;
        if (r > 0) {
            rc = SOLVE_EINTERNAL;
            goto done;
        }
    } else if (status == SOLVE_OPTIMAL) {
        /* GLPK gave no plan and no failure: cannot happen with u columns. */
        snprintf(err, size, "internal error: GLPK returned no plan");
        rc = SOLVE_EINTERNAL;
        goto done;
    }
    sol->status = have ? status : (status == SOLVE_INTERRUPTED ? SOLVE_INTERRUPTED : SOLVE_FEASIBLE);
    sol->delay_bound = delay_bound;
    sol->gap = gap;
    rc = SOLVE_OK;
done:
    if (rc == SOLVE_OK) {
        sol->seconds = solve_clock() - t0;
        *out = sol;
        sol = NULL;
        err[0] = '\0';
    }
    milp_free(P);
    model_free(M);
    cand_free(C);
    solution_free(sol);
    free(chosen);
    free(v);
    free(inc);
    free(vals);
    free(g.chosen);
    free(g.weight);
    solution_free(g.sol);
    return rc;
}

enum solve_error solve_export(const struct scenario *s, enum export_format f, const char *path,
                              double *unserved_weight, double *fixed_delay, char *err, size_t size)
{
    *unserved_weight = 0;
    *fixed_delay = 0;
    enum solve_error rc = SOLVE_ENOMEM;
    snprintf(err, size, "out of memory");
    struct cands *C = cand_build(s);
    struct model *M = C ? formulate_build(s, C, 1) : NULL;
    milp *P = NULL;
    if (!M)
        goto done;
    P = milp_new(M, err, size);
    if (!P) {
        rc = SOLVE_EGLPK;
        goto done;
    }
    if (!M->combined) {
        /* No exact weight exists; W still makes one unserved patient of
         * the smallest priority outweigh every delay, which is what a
         * user comparing solvers needs in practice. */
        double wmin = 0;
        for (int p = 0; p < s->npatients; p++)
            if (M->u_col[p] && (wmin == 0 || s->patients[p].priority < wmin))
                wmin = s->patients[p].priority;
        double w = M->unserved_weight / (wmin > 0 ? wmin : 1);
        for (int p = 0; p < s->npatients; p++)
            if (M->u_col[p])
                M->obj[LEVEL_DELAY][M->u_col[p]] = w * s->patients[p].priority;
        M->unserved_weight = w;
        snprintf(err, size, "priorities are not multiples of 0.000001: planner plan solves the "
                            "unserved and delay levels one after the other; the exported objective "
                            "weighs unserved patients by %.6g", w);
    }
    *fixed_delay = M->obj_const[LEVEL_DELAY];
    M->obj_const[LEVEL_DELAY] = 0;
    if (milp_write(P, LEVEL_DELAY, f == EXPORT_MPS, path) != 0) {
        snprintf(err, size, "%s", milp_error(P));
        rc = SOLVE_EGLPK;
        goto done;
    }
    rc = SOLVE_OK;
    *unserved_weight = M->unserved_weight;
    if (M->combined)
        err[0] = '\0';
done:
    milp_free(P);
    model_free(M);
    cand_free(C);
    return rc;
}
