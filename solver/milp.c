/* GLPK, well used (see milp.h). */
#include "solver/milp.h"

#include <assert.h>
#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct milp {
    const struct model *M;
    glp_prob *lp;
    const struct solve_options *o;   /* during a solve, for GLPK's log */
    char err[1024];
    char last[256];         /* GLPK's last output line, for error messages */
    glp_prob *aux;          /* during a guided solve: a copy to complete plans on */
    double *lpv, *guess, *full, *inc;   /* [ncols + 1] scratch for the guide */
};

double solve_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* GLPK writes everything, its errors included, through glp_puts: keep the
 * last line for our messages, and show it only when the user asked (-v). */
static int on_term(void *info, const char *s)
{
    milp *P = info;
    size_t n = strlen(s);
    if (n > 0) {
        /* A message can come in pieces; keep the last complete-ish text. */
        snprintf(P->last, sizeof P->last, "%s", s);
        size_t k = strlen(P->last);
        while (k > 0 && (P->last[k - 1] == '\n' || P->last[k - 1] == ' '))
            P->last[--k] = '\0';
    }
    if (P->o && P->o->glpk_output && P->o->log)
        P->o->log(s, P->o->arg);
    return 1;   /* never to stdout */
}

static void on_error(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

/* Runs fn(P, arg) with GLPK's output routed to on_term and its fatal
 * errors turned into a return of -1000 (GLPK's environment, and every
 * problem in it, is freed then: P->lp becomes NULL). */
static int guarded(milp *P, int (*fn)(milp *, void *), void *arg)
{
    jmp_buf env;
    glp_term_out(GLP_ON);
    glp_term_hook(on_term, P);
    if (setjmp(env)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        P->lp = NULL;
        P->aux = NULL;
        glp_term_out(GLP_OFF);
        snprintf(P->err, sizeof P->err, "GLPK failed: %s", P->last[0] ? P->last : "unknown error");
        return -1000;
    }
    glp_error_hook(on_error, &env);
    int rc = fn(P, arg);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    glp_term_out(GLP_OFF);
    return rc;
}

static void set_bounds(glp_prob *lp, int j, double lb, double ub)
{
    if (ub < 0)
        glp_set_col_bnds(lp, j, GLP_LO, lb, 0);
    else if (lb == ub)
        glp_set_col_bnds(lp, j, GLP_FX, lb, lb);   /* GLP_DB with lb == ub is refused */
    else
        glp_set_col_bnds(lp, j, GLP_DB, lb, ub);
}

static int do_load(milp *P, void *arg)
{
    (void)arg;
    const struct model *M = P->M;
    glp_prob *lp = glp_create_prob();
    P->lp = lp;
    glp_set_obj_dir(lp, GLP_MIN);
    if (M->ncols > 0)
        glp_add_cols(lp, M->ncols);
    if (M->nrows > 0)
        glp_add_rows(lp, M->nrows);
    for (int j = 1; j <= M->ncols; j++) {
        glp_set_col_kind(lp, j, M->kind[j] == COL_BINARY ? GLP_IV : GLP_CV);
        set_bounds(lp, j, M->lb[j], M->ub[j]);
        if (M->col_name[j])
            glp_set_col_name(lp, j, M->col_name[j]);
    }
    for (int i = 1; i <= M->nrows; i++) {
        int type = M->sense[i] == ROW_LE ? GLP_UP : M->sense[i] == ROW_GE ? GLP_LO : GLP_FX;
        glp_set_row_bnds(lp, i, type, M->rhs[i], M->rhs[i]);
        if (M->row_name[i])
            glp_set_row_name(lp, i, M->row_name[i]);
    }
    if (M->nnz > 0) {
        /* A duplicate (row, column) pair aborts GLPK: check first. */
        if (glp_check_dup(M->nrows, M->ncols, M->nnz, M->ia, M->ja) != 0) {
            snprintf(P->err, sizeof P->err, "internal error: the model has a duplicate coefficient");
            return -1;
        }
        glp_load_matrix(lp, M->nnz, M->ia, M->ja, M->ar);
    }
    return 0;
}

milp *milp_new(const struct model *M, char *err, size_t size)
{
    milp *P = calloc(1, sizeof *P);
    if (!P) {
        snprintf(err, size, "out of memory");
        return NULL;
    }
    P->M = M;
    if (guarded(P, do_load, NULL) != 0) {
        snprintf(err, size, "%s", P->err);
        milp_free(P);
        return NULL;
    }
    return P;
}

static int do_free(milp *P, void *arg)
{
    (void)arg;
    glp_delete_prob(P->lp);
    P->lp = NULL;
    return 0;
}

void milp_free(milp *P)
{
    if (!P)
        return;
    if (P->lp)
        guarded(P, do_free, NULL);
    free(P->lpv);
    free(P->guess);
    free(P->full);
    free(P->inc);
    free(P);
    /* GLPK keeps an environment per thread; valgrind would show it. */
    glp_free_env();
}

const char *milp_error(const milp *P)
{
    return P->err;
}

static void set_objective(glp_prob *lp, const struct model *M, int level)
{
    glp_set_obj_coef(lp, 0, M->obj_const[level]);
    for (int j = 1; j <= M->ncols; j++)
        glp_set_obj_coef(lp, j, M->obj[level][j]);
}

struct bound_arg {
    int level;
    double bound;
};

static int do_bound(milp *P, void *arg)
{
    const struct bound_arg *b = arg;
    const struct model *M = P->M;
    int n = 0;
    int *ind = malloc(sizeof(int) * (size_t)(M->ncols + 1));
    double *val = malloc(sizeof(double) * (size_t)(M->ncols + 1));
    if (!ind || !val) {
        free(ind);
        free(val);
        snprintf(P->err, sizeof P->err, "out of memory");
        return -1;
    }
    for (int j = 1; j <= M->ncols; j++)
        if (M->obj[b->level][j] != 0) {
            ind[++n] = j;
            val[n] = M->obj[b->level][j];
        }
    int i = glp_add_rows(P->lp, 1);
    glp_set_row_name(P->lp, i, b->level == LEVEL_UNSERVED ? "level_unserved" : "level_delay");
    /* The row holds the columns only: the fixed batches' constant moves
     * to the right-hand side. */
    glp_set_row_bnds(P->lp, i, GLP_UP, 0, b->bound - M->obj_const[b->level]);
    glp_set_mat_row(P->lp, i, n, ind, val);
    free(ind);
    free(val);
    return 0;
}

int milp_bound_level(milp *P, int level, double bound)
{
    assert(level >= 0 && level < NLEVELS);
    if (!P->lp)
        return -1;
    struct bound_arg b = {level, bound};
    return guarded(P, do_bound, &b) == 0 ? 0 : -1;
}

struct complete_arg {
    int level;
    const double *v;
    double *out;
};

/* The continuous columns' best values under level's objective with the
 * integer columns fixed at v's (rounded): an LP on lp, whose bounds are
 * restored afterwards. out[1..ncols] gets the whole vector. 0, or -1 when
 * that LP is infeasible or fails. */
static int complete_on(glp_prob *lp, const struct model *M, int level, const double *v, double *out)
{
    set_objective(lp, M, level);
    for (int j = 1; j <= M->ncols; j++)
        if (M->kind[j] == COL_BINARY) {
            double x = floor(v[j] + 0.5);
            glp_set_col_bnds(lp, j, GLP_FX, x, x);
        }
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_ON;   /* most columns are fixed: let it shrink the LP */
    int ret = glp_simplex(lp, &sm);
    int ok = ret == 0 && glp_get_status(lp) == GLP_OPT;
    if (ok)
        for (int j = 1; j <= M->ncols; j++)
            out[j] = M->kind[j] == COL_BINARY ? floor(v[j] + 0.5) : glp_get_col_prim(lp, j);
    for (int j = 1; j <= M->ncols; j++)
        if (M->kind[j] == COL_BINARY)
            set_bounds(lp, j, M->lb[j], M->ub[j]);
    return ok ? 0 : -1;
}

static int do_complete(milp *P, void *arg)
{
    const struct complete_arg *c = arg;
    int rc = complete_on(P->lp, P->M, c->level, c->v, c->out);
    /* The presolved solve leaves no basis: the next simplex starts over. */
    glp_std_basis(P->lp);
    return rc;
}

int milp_complete(milp *P, int level, const double *v, double *out)
{
    assert(level >= 0 && level < NLEVELS && v && out);
    if (!P->lp)
        return -1;
    struct complete_arg c = {level, v, out};
    return guarded(P, do_complete, &c) == 0 ? 0 : -1;
}

/* What the branch-and-bound callback needs. */
struct cb_ctx {
    milp *P;
    const struct milp_stage *st;
    int injected;
    int why;                /* 0, MILP_LIMIT or MILP_STOPPED when we stopped it */
    double bound;
    double gap;
    double next_report;
    long nodes;             /* created so far */
    long guide_at;          /* node count at which the guide runs next */
    int guided, guided_better;
};

/* Runs the stage's guide on the LP solution of the current node, and
 * hands GLPK its plan. */
static void run_guide(struct cb_ctx *c, glp_tree *T)
{
    milp *P = c->P;
    const struct model *M = P->M;
    const struct milp_stage *st = c->st;
    glp_prob *lp = glp_ios_get_prob(T);
    for (int j = 1; j <= M->ncols; j++)
        P->lpv[j] = glp_get_col_prim(lp, j);
    /* The problem object holds the search's best plan so far. */
    int ms = glp_mip_status(lp);
    const double *best = NULL;
    if (ms == GLP_FEAS || ms == GLP_OPT) {
        for (int j = 1; j <= M->ncols; j++)
            P->inc[j] = glp_mip_col_val(lp, j);
        best = P->inc;
    }
    /* Each plan costs an LP (about a second on XL): Ctrl-C between them. */
    for (int k = 0; !(st->o->stop && *st->o->stop) && st->guide(st->guide_arg, P->lpv, best, k, P->guess) == 0;
         k++) {
        if (complete_on(P->aux, M, st->level, P->guess, P->full) != 0)
            continue;
        c->guided++;
        /* GLPK takes it only when it beats its best plan. */
        if (glp_ios_heur_sol(T, P->full) == 0)
            c->guided_better++;
    }
}

/* Fills the stage's progress record and hands it to the caller. The best
 * plan is GLPK's incumbent, else the warm start (the heuristic's plan,
 * which GLPK takes over at the root's first heuristic call): the user
 * has a plan from the start and is told so. The gap is computed here,
 * from the figures shown, as GLPK does (|best - bound| / |best|), so
 * that it never lags behind a plan handed over in the same call. */
static void report(milp *P, const struct milp_stage *st, double now, int glpk_has, double glpk_best,
                   double bound)
{
    struct solve_progress *pr = st->progress;
    pr->seconds = now - st->t0;
    pr->stage = st->level == LEVEL_COST ? "cost" : st->level == LEVEL_DELAY ? "delay" : "unserved";
    pr->bound = bound;
    pr->have_plan = glpk_has || st->start != NULL;
    pr->best = glpk_has ? glpk_best : st->start ? model_level_value(P->M, st->level, st->start) : 0;
    if (glpk_has && st->start) {
        /* GLPK's incumbent can only be as good: it got the start. */
        double h = model_level_value(P->M, st->level, st->start);
        if (h < pr->best)
            pr->best = h;
    }
    pr->gap = pr->have_plan && bound > -DBL_MAX ? fabs(pr->best - bound) / (fabs(pr->best) + DBL_EPSILON)
                                                : DBL_MAX;
    st->o->progress(pr, st->o->arg);
}

static void callback(glp_tree *T, void *info)
{
    struct cb_ctx *c = info;
    const struct milp_stage *st = c->st;
    glp_prob *lp = glp_ios_get_prob(T);
    int best = glp_ios_best_node(T);
    if (best)
        c->bound = glp_ios_node_bound(T, best);
    c->gap = glp_ios_mip_gap(T);
    int active, current, total;
    glp_ios_tree_size(T, &active, &current, &total);
    c->nodes = total;
    if (glp_ios_reason(T) == GLP_IHEUR && st->start && !c->injected) {
        c->injected = 1;
        /* GLPK checks integrality, not feasibility: st->start was made
         * feasible by milp_complete. */
        glp_ios_heur_sol(T, st->start);
    }
    if (glp_ios_reason(T) == GLP_IHEUR && c->P->aux && total >= c->guide_at) {
        c->guide_at = c->guide_at * 2 > total ? c->guide_at * 2 : total + 1;
        run_guide(c, T);
    }
    double now = solve_clock();
    if (st->o->stop && *st->o->stop) {
        c->why = MILP_STOPPED;
        glp_ios_terminate(T);
    } else if (now >= st->deadline) {
        c->why = MILP_LIMIT;
        glp_ios_terminate(T);
    }
    if (st->o->progress && st->progress && now >= c->next_report) {
        c->next_report = now + st->o->progress_every;
        int glpk_has = glp_mip_status(lp) == GLP_FEAS || glp_mip_status(lp) == GLP_OPT;
        report(c->P, st, now, glpk_has, glpk_has ? glp_mip_obj_val(lp) : 0, c->bound);
    }
}

struct solve_arg {
    const struct milp_stage *st;
    double *values;
    struct milp_outcome *out;
    enum milp_result result;
};

static int ms_left(double deadline)
{
    double left = (deadline - solve_clock()) * 1000;
    if (left < 1)
        return 1;
    if (left > INT_MAX / 2)
        return INT_MAX / 2;
    return (int)left;
}

/* Simplex iterations per slice: about as much work as 5000 iterations on
 * 500,000 nonzeros, 1000 to 5000. Each new slice restarts the pricing, so
 * small slices lead the LP to other (more fractional) optimal vertices:
 * with 100 iterations the guide found the optimum of an L scenario in
 * none of 60 s, with 2000-5000 in 6 s (bench/steps.md). A slice is about
 * a second on L (420,000 nonzeros: 5000) and on XL (1.95 million: 1282),
 * the delay before a Ctrl-C is seen. */
static int slice_iterations(const struct model *M)
{
    long n = 2500000000L / (M->nnz > 1 ? M->nnz : 1);
    return n < 1000 ? 1000 : n > 5000 ? 5000 : (int)n;
}

static int do_solve(milp *P, void *arg)
{
    struct solve_arg *a = arg;
    const struct milp_stage *st = a->st;
    const struct model *M = P->M;
    glp_prob *lp = P->lp;
    struct cb_ctx c = {P, st, 0, 0, -DBL_MAX, DBL_MAX, solve_clock() + st->o->progress_every, 0,
                       1, 0, 0};
    set_objective(lp, M, st->level);
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = st->o->glpk_output ? GLP_MSG_ON : GLP_MSG_OFF;
    sm.presolve = GLP_OFF;   /* glp_intopt without presolve needs the LP's basis */
    /* glp_simplex has no callback: run it in slices, each resuming from
     * the last basis, so that the stop flag (Ctrl-C) and the clock are
     * seen between them. Slices of iterations, not of time: where a slice
     * ends changes the path through a degenerate LP, hence the vertex
     * found and the plan, and the same scenario must give the same plan. */
    int ret;
    double next_report = c.next_report;
    sm.it_lim = slice_iterations(M);
    for (;;) {
        sm.tm_lim = ms_left(st->deadline);
        ret = glp_simplex(lp, &sm);
        if (ret != GLP_EITLIM)
            break;
        if (st->o->stop && *st->o->stop) {
            a->result = MILP_STOPPED;
            return 0;
        }
        double now = solve_clock();
        if (now >= st->deadline) {
            ret = GLP_ETMLIM;
            break;
        }
        /* The root LP of a large model takes many slices: the user sees
         * the plan in hand (the warm start) and no bound yet. */
        if (st->o->progress && st->progress && now >= next_report) {
            next_report = now + st->o->progress_every;
            report(P, st, now, 0, 0, -DBL_MAX);
        }
    }
    if (ret == GLP_ETMLIM || (ret == 0 && glp_get_status(lp) != GLP_OPT && solve_clock() >= st->deadline)) {
        a->result = MILP_LIMIT;
        return 0;
    }
    if (ret != 0) {
        snprintf(P->err, sizeof P->err, "GLPK could not solve the LP relaxation (code %d): %s", ret, P->last);
        a->result = MILP_ERROR;
        return 0;
    }
    if (glp_get_status(lp) == GLP_NOFEAS) {
        a->result = MILP_INFEASIBLE;
        return 0;
    }
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = st->o->glpk_output ? GLP_MSG_ON : GLP_MSG_OFF;
    io.presolve = GLP_OFF;  /* a warm start must match the original columns */
    io.mir_cuts = GLP_ON;   /* the cut family that mattered (notes/performance.md) */
    io.mip_gap = st->mip_gap;
    /* Chosen by measurement, by the model's size (docs/model.md, "GLPK"):
     * up to 200,000 nonzeros both levels get MIR cuts and Driebeck-Tomlin
     * branching. Where the root bound is below the optimum (scarce staff,
     * demand above capacity) GLPK's MIR cuts close what branching alone
     * never does (an S scenario with six staff: proven in 0.2 s of CPU,
     * against a 0.19 % gap after 20 s without cuts); where the root bound
     * is the optimum they cost little at this size. On large models, whose
     * level rows are dense, a cut round takes longer than the whole search
     * and makes the LP more fractional (a worse guide, bench/steps.md):
     * no cuts there, most-fractional branching. */
    if (M->nnz > 200000) {
        io.mir_cuts = GLP_OFF;
        io.br_tech = GLP_BR_MFV;
    }
    c.next_report = next_report;
    io.tm_lim = ms_left(st->deadline);
    io.out_frq = 5000;
    io.cb_func = callback;
    io.cb_info = &c;
    if (st->guide) {
        size_t n = (size_t)M->ncols + 1;
        if (!P->lpv) {
            P->lpv = malloc(sizeof(double) * n);
            P->guess = calloc(n, sizeof(double));
            P->full = malloc(sizeof(double) * n);
            P->inc = malloc(sizeof(double) * n);
        }
        /* Without memory the search simply runs unguided. */
        if (P->lpv && P->guess && P->full && P->inc) {
            P->aux = glp_create_prob();
            glp_copy_prob(P->aux, lp, GLP_OFF);
        }
    }
    ret = glp_intopt(lp, &io);
    if (P->aux)
        glp_delete_prob(P->aux);
    P->aux = NULL;
    a->out->guided = c.guided;
    a->out->guided_better = c.guided_better;
    int ms = glp_mip_status(lp);
    struct milp_outcome *o = a->out;
    o->have = ms == GLP_OPT || ms == GLP_FEAS;
    if (o->have) {
        o->value = glp_mip_obj_val(lp);
        for (int j = 1; j <= M->ncols; j++)
            a->values[j] = glp_mip_col_val(lp, j);
    }
    o->bound = c.bound;
    o->gap = c.gap;
    o->nodes = c.nodes;
    if (ret == 0 && ms == GLP_OPT) {
        a->result = MILP_OPTIMAL;
        o->bound = o->value;
        o->gap = 0;
    } else if (ret == GLP_EMIPGAP || (ret == 0 && ms == GLP_FEAS)) {
        a->result = MILP_OPTIMAL;   /* within the gap asked */
        if (o->gap > st->mip_gap || o->gap < 0)
            o->gap = st->mip_gap;
    } else if (ret == 0 && ms == GLP_NOFEAS) {
        a->result = MILP_INFEASIBLE;
    } else if (ret == GLP_ESTOP) {
        a->result = c.why == MILP_STOPPED ? MILP_STOPPED : MILP_LIMIT;
    } else if (ret == GLP_ETMLIM) {
        a->result = MILP_LIMIT;
    } else {
        snprintf(P->err, sizeof P->err, "GLPK's branch and bound failed (code %d): %s", ret, P->last);
        a->result = MILP_ERROR;
    }
    return 0;
}

enum milp_result milp_solve(milp *P, const struct milp_stage *st, double *values,
                            struct milp_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->gap = DBL_MAX;
    out->bound = -DBL_MAX;
    if (!P->lp)
        return MILP_ERROR;
    struct solve_arg a = {st, values, out, MILP_ERROR};
    P->o = st->o;
    int rc = guarded(P, do_solve, &a);
    P->o = NULL;
    return rc == 0 ? a.result : MILP_ERROR;
}

struct write_arg {
    int level, mps;
    const char *path;
};

static int do_write(milp *P, void *arg)
{
    const struct write_arg *w = arg;
    set_objective(P->lp, P->M, w->level);
    glp_set_prob_name(P->lp, "planner");
    glp_set_obj_name(P->lp, w->level == LEVEL_COST ? "cost" : "delay");
    int rc = w->mps ? glp_write_mps(P->lp, GLP_MPS_FILE, NULL, w->path) : glp_write_lp(P->lp, NULL, w->path);
    if (rc != 0)
        snprintf(P->err, sizeof P->err, "cannot write %.500s: %s", w->path, P->last);
    return rc == 0 ? 0 : -1;
}

int milp_write(milp *P, int level, int mps, const char *path)
{
    assert(level >= 0 && level < NLEVELS && path);
    if (!P->lp)
        return -1;
    struct write_arg w = {level, mps, path};
    return guarded(P, do_write, &w) == 0 ? 0 : -1;
}
