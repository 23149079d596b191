/* The plan as decisions: allocation, options, names. */
#include <assert.h>
#include <stdlib.h>

#include "models/date.h"
#include "models/stock.h"
#include "solver/solver.h"

const char *solve_status_name(enum solve_status st)
{
    switch (st) {
    case SOLVE_OPTIMAL: return "optimal";
    case SOLVE_TIME_LIMIT: return "time_limit";
    case SOLVE_FEASIBLE: return "feasible";
    case SOLVE_INTERRUPTED: return "interrupted";
    }
    return "unknown";
}

void solve_options_init(struct solve_options *o, const struct scenario *s)
{
    assert(o && s);
    /* The scenario holds its keys' defaults (scenario.c's key table). */
    o->time_limit = s->time_limit;
    o->mip_gap = s->mip_gap;
    o->heuristic_only = 0;
    o->glpk_output = 0;
    o->stop = NULL;
    o->progress = NULL;
    o->log = NULL;
    o->arg = NULL;
    o->progress_every = 5;
    o->memory = 0;
}

struct solution *solution_new(const struct scenario *s)
{
    struct solution *sol = calloc(1, sizeof *sol);
    if (!sol)
        return NULL;
    sol->npatients = s->npatients;
    sol->npersons = s->npersons;
    sol->ndays = s->ndays;
    sol->batch = malloc(sizeof *sol->batch * (size_t)(s->npatients ? s->npatients : 1));
    sol->skill_of = malloc(sizeof(int) * (size_t)(s->npersons ? s->npersons : 1) * (size_t)s->ndays);
    if (!sol->batch || !sol->skill_of) {
        solution_free(sol);
        return NULL;
    }
    for (int p = 0; p < s->npatients; p++) {
        sol->batch[p].start = DATE_NONE;
        sol->batch[p].process = -1;
        sol->batch[p].room = -1;
    }
    for (size_t i = 0; i < (size_t)s->npersons * (size_t)s->ndays; i++)
        sol->skill_of[i] = -1;
    sol->status = SOLVE_FEASIBLE;
    sol->delay_bound = -1;
    return sol;
}

void solution_free(struct solution *sol)
{
    if (!sol)
        return;
    free(sol->batch);
    free(sol->skill_of);
    free(sol->orders);
    free(sol);
}

/* Daily use of material m by every batch of sol (fixed ones included;
 * days before start are past). use has s->ndays entries. */
static void material_use(const struct scenario *s, const struct solution *sol, int m, double *use)
{
    for (int i = 0; i < s->ndays; i++)
        use[i] = 0;
    for (int p = 0; p < s->npatients; p++) {
        const struct sol_batch *b = &sol->batch[p];
        if (b->start == DATE_NONE)
            continue;
        const struct process *pr = &s->processes[b->process];
        for (int k = 0; k < pr->nbom; k++) {
            int d = b->start + pr->bom[k].day;
            if (pr->bom[k].material == m && d >= s->start && d <= s->day_last)
                use[d - s->start] += pr->bom[k].quantity;
        }
    }
}

int solution_plan_orders(const struct scenario *s, struct solution *sol, int *short_material,
                         int *short_day)
{
    double *use = malloc(sizeof(double) * (size_t)s->ndays);
    int rc = -1;
    if (!use)
        return -1;
    free(sol->orders);
    sol->orders = NULL;
    sol->norders = 0;
    for (int m = 0; m < s->nmaterials; m++) {
        material_use(s, sol, m, use);
        struct stock_order *o = NULL;
        int n = 0, first_short = -1;
        int r = stock_plan_orders(s, m, use, s->ndays, &o, &n, &first_short);
        if (r < 0)
            goto done;
        if (r > 0) {
            free(o);
            if (short_material)
                *short_material = m;
            if (short_day)
                *short_day = s->start + first_short;
            rc = 1;
            goto done;
        }
        if (n > 0) {
            struct sol_order *all = realloc(sol->orders, sizeof *all * (size_t)(sol->norders + n));
            if (!all) {
                free(o);
                goto done;
            }
            sol->orders = all;
            for (int k = 0; k < n; k++)
                sol->orders[sol->norders++] = (struct sol_order){m, o[k].order_date, o[k].quantity};
        }
        free(o);
    }
    rc = 0;
done:
    free(use);
    return rc;
}
