/* The plan view (planner/plan_view.h): batches in file order with their
 * timelines, unserved patients, the plan days, steps by day, material use
 * and stock day by day, and the KPIs, derived once from a solution. */
#include "planner/plan_view.h"

#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "planner/number.h"

static int batch_cmp(const void *pa, const void *pb)
{
    const struct pv_batch *a = pa, *b = pb;
    if (a->t.start != b->t.start)
        return a->t.start < b->t.start ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int unserved_cmp(const void *pa, const void *pb)
{
    return strcmp(((const struct pv_unserved *)pa)->id, ((const struct pv_unserved *)pb)->id);
}

/* Material (file order), then order date; the solver's order on a tie. */
static int order_cmp(const void *pa, const void *pb)
{
    const struct pv_order *a = pa, *b = pb;
    if (a->material != b->material)
        return a->material < b->material ? -1 : 1;
    if (a->order_date != b->order_date)
        return a->order_date < b->order_date ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* The version of a placed batch: the solver's, else the one the contract
 * gives (a solution built by hand may leave it out). */
static int batch_process(const struct scenario *s, const struct solution *sol, int p)
{
    if (sol->batch[p].process >= 0)
        return sol->batch[p].process;
    if (s->patients[p].process >= 0)
        return s->patients[p].process;
    return scn_process_for(s, p, sol->batch[p].start);
}

/* Batches, unserved patients and the plan days. */
static int view_batches(struct plan_view *v)
{
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    v->batches = malloc(((size_t)s->npatients + 1) * sizeof *v->batches);
    v->unserved = malloc(((size_t)s->npatients + 1) * sizeof *v->unserved);
    v->batch_of = malloc(((size_t)s->npatients + 1) * sizeof *v->batch_of);
    if (!v->batches || !v->unserved || !v->batch_of)
        return -1;
    int last = s->end;
    for (int p = 0; p < s->npatients; p++) {
        int pr = sol->batch[p].start == DATE_NONE ? -1 : batch_process(s, sol, p);
        if (pr < 0) {
            v->unserved[v->nunserved++] = (struct pv_unserved){s->patients[p].id, p};
            continue;
        }
        struct pv_batch *b = &v->batches[v->nbatches++];
        b->patient = p;
        b->id = s->patients[p].id;
        b->process = pr;
        b->room = sol->batch[p].room;
        batch_times(s, p, pr, sol->batch[p].start, &b->t);
        const struct process *proc = &s->processes[pr];
        if (b->t.last_room_day > last)
            last = b->t.last_room_day;
        for (int j = 0; j < proc->nsteps; j++)
            if (b->t.start + proc->steps[j].day > last)
                last = b->t.start + proc->steps[j].day;
        for (int j = 0; j < proc->nbom; j++)
            if (b->t.start + proc->bom[j].day > last)
                last = b->t.start + proc->bom[j].day;
    }
    qsort(v->batches, (size_t)v->nbatches, sizeof *v->batches, batch_cmp);
    qsort(v->unserved, (size_t)v->nunserved, sizeof *v->unserved, unserved_cmp);
    for (int p = 0; p < s->npatients; p++)
        v->batch_of[p] = -1;
    for (int i = 0; i < v->nbatches; i++)
        v->batch_of[v->batches[i].patient] = i;
    v->ndays = last - s->start + 1;
    return 0;
}

/* The steps of every batch by plan day, in batch order within a day. */
static int view_steps(struct plan_view *v)
{
    const struct scenario *s = v->s;
    size_t nd = (size_t)v->ndays;
    int n = 0;
    v->step_first = calloc(nd + 2, sizeof *v->step_first);
    if (!v->step_first)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < v->nbatches; i++) {
            const struct process *pr = &s->processes[v->batches[i].process];
            for (int j = 0; j < pr->nsteps; j++) {
                int k = v->batches[i].t.start + pr->steps[j].day - s->start;
                if (k < 0 || k >= v->ndays)
                    continue; /* the past of a fixed batch */
                if (pass == 0) {
                    v->step_first[k + 1]++;
                    n++;
                } else
                    v->steps[v->step_first[k]++] = (struct pv_step){i, pr->steps[j].skill};
            }
        }
        if (pass == 0) {
            for (size_t k = 0; k < nd; k++)
                v->step_first[k + 1] += v->step_first[k];
            v->steps = malloc(((size_t)n + 1) * sizeof *v->steps);
            if (!v->steps)
                return -1;
        }
    }
    /* The fill moved each step_first[k] to the start of day k + 1. */
    memmove(v->step_first + 1, v->step_first, nd * sizeof *v->step_first);
    v->step_first[0] = 0;
    return 0;
}

/* Material use of every batch from the horizon's start on, the orders in
 * file order and the stock day by day. */
static int view_stock(struct plan_view *v)
{
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    size_t nd = (size_t)v->ndays, nm = (size_t)s->nmaterials;
    struct stock_order *mine = NULL;
    int rc = -1;
    v->use = calloc(nm * nd + 1, sizeof *v->use);
    v->stock = calloc(nm * nd + 1, sizeof *v->stock);
    v->orders = malloc(((size_t)sol->norders + 1) * sizeof *v->orders);
    mine = malloc(((size_t)sol->norders + 1) * sizeof *mine);
    if (!v->use || !v->stock || !v->orders || !mine)
        goto done;
    for (int i = 0; i < v->nbatches; i++) {
        const struct process *pr = &s->processes[v->batches[i].process];
        for (int j = 0; j < pr->nbom; j++) {
            int k = v->batches[i].t.start + pr->bom[j].day - s->start;
            if (k >= 0 && k < v->ndays)
                v->use[(size_t)pr->bom[j].material * nd + (size_t)k] += pr->bom[j].quantity;
        }
    }
    for (int i = 0; i < sol->norders; i++)
        v->orders[i] = (struct pv_order){sol->orders[i].material, sol->orders[i].order_date, i};
    qsort(v->orders, (size_t)sol->norders, sizeof *v->orders, order_cmp);
    for (int m = 0; m < s->nmaterials; m++) {
        int n = 0;
        for (int i = 0; i < sol->norders; i++)
            if (sol->orders[i].material == m)
                mine[n++] = (struct stock_order){sol->orders[i].order_date, sol->orders[i].quantity};
        if (stock_simulate(s, m, v->use + (size_t)m * nd, v->ndays, mine, n,
                           v->stock + (size_t)m * nd) != 0)
            goto done;
    }
    rc = 0;
done:
    free(mine);
    return rc;
}

/* The figures of kpis.csv. */
static void view_kpis(struct plan_view *v)
{
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    struct plan_kpis *k = &v->k;
    memset(k, 0, sizeof *k);
    k->patients = s->npatients;
    k->beyond_horizon = s->beyond_horizon;
    k->batches = v->nbatches;
    k->orders = sol->norders;
    k->plan_first = s->start;
    k->plan_last = s->start + v->ndays - 1;
    k->unserved = v->nunserved;
    for (int i = 0; i < v->nunserved; i++)
        k->weighted_unserved += s->patients[v->unserved[i].patient].priority;

    double occupied = 0, room_cost = 0, step_hours = 0;
    for (int i = 0; i < v->nbatches; i++) {
        const struct pv_batch *b = &v->batches[i];
        const struct process *pr = &s->processes[b->process];
        int delay = b->t.delay;
        if (delay > 0)
            k->late++;
        else
            k->on_time++;
        k->total_delay_days += delay;
        k->weighted_delay += s->patients[b->patient].priority * delay;
        if (delay > k->max_delay_days)
            k->max_delay_days = delay;
        /* Days before the horizon's start are the past: they use nothing. */
        int from = b->t.start > s->start ? b->t.start : s->start;
        int days = b->t.last_room_day >= from ? b->t.last_room_day - from + 1 : 0;
        occupied += days;
        if (b->room >= 0)
            room_cost += days * s->rooms[b->room].cost_per_day;
        for (int j = 0; j < pr->nsteps; j++)
            if (b->t.start + pr->steps[j].day >= s->start)
                step_hours += pr->steps[j].people * pr->steps[j].hours;
    }

    double places = 0, shift_hours = 0;
    for (int i = 0; i < v->ndays; i++) {
        for (int r = 0; r < s->nrooms; r++)
            if (scn_room_open(s, r, s->start + i))
                places += s->rooms[r].capacity;
        for (int p = 0; p < s->npersons; p++)
            shift_hours += scn_person_hours(s, p, s->start + i);
    }
    k->room_utilization = places > 0 ? occupied / places : 0;
    k->staff_utilization = shift_hours > 0 ? step_hours / shift_hours : 0;

    double material_cost = 0, waste_cost = 0;
    for (int i = 0; i < sol->norders; i++)
        material_cost += sol->orders[i].quantity * s->materials[sol->orders[i].material].unit_cost;
    for (int m = 0; m < s->nmaterials; m++)
        for (int i = 0; i < v->ndays; i++)
            waste_cost += v->stock[(size_t)m * (size_t)v->ndays + (size_t)i].expired *
                          s->materials[m].unit_cost;
    /* cost is the sum of the figures shown, so that the file adds up. */
    k->room_cost = num_cents(room_cost);
    k->material_cost = num_cents(material_cost);
    k->waste_cost = num_cents(waste_cost);
    k->cost = num_cents(k->room_cost + k->material_cost);
}

void pv_free(struct plan_view *v)
{
    free(v->batches);
    free(v->batch_of);
    free(v->unserved);
    free(v->orders);
    free(v->use);
    free(v->stock);
    free(v->step_first);
    free(v->steps);
    memset(v, 0, sizeof *v);
}

int pv_build(struct plan_view *v, const struct scenario *s, const struct solution *sol)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    v->sol = sol;
    if (view_batches(v) != 0 || view_steps(v) != 0 || view_stock(v) != 0)
        return -1;
    view_kpis(v);
    return 0;
}

int pv_late_or_unserved(const struct plan_view *v, int p)
{
    int b = v->batch_of[p];
    return b < 0 || v->batches[b].t.delay > 0;
}
