/* planner verify, the materials family: each order keeps the material's
 * terms (orderable, from start, lead time, multiple, minimum, cost), and
 * a day-by-day stock simulation, earliest expiry first, covers every
 * consumption. The formulation keeps the same rules in
 * solver/rule_materials.c. */
#include <stdlib.h>

#include "models/limits.h"
#include "planner/verify_rules.h"

/* ---- materials -----------------------------------------------------------
 * Orders keep the material's terms; then each day, in the contract's
 * order: lots reaching expiry become waste, arrivals are received,
 * consumption takes from the usable lots, earliest expiry first. */

static int has_bom(const struct scenario *s)
{
    for (int i = 0; i < s->nprocesses; i++)
        if (s->processes[i].nbom > 0)
            return 1;
    return 0;
}

/* Each row of orders.csv against the material's terms. */
static void materials_orders(struct verify *V)
{
    const struct scenario *s = V->s;
    const struct plan *p = V->p;
    for (int i = 0; i < p->norders; i++) {
        const struct plan_order *o = &p->orders[i];
        if (o->material < 0)
            continue; /* named nothing: reported when the plan was read */
        const struct material *m = &s->materials[o->material];
        const char *placed = day_str(V, o->order_date);
        if (m->lead_time < 0)
            violation(V, "%s order of %s: %s cannot be ordered (materials.csv gives it no lead_time)",
                      m->id, placed, m->id);
        if (o->order_date < s->start)
            violation(V, "%s order of %s: placed before the horizon's start %s", m->id, placed,
                      day_str(V, s->start));
        if (m->lead_time >= 0 && o->arrival != o->order_date + m->lead_time)
            violation(V, "%s order of %s: arrival %s, but lead_time %d gives %s", m->id, placed,
                      day_str(V, o->arrival), m->lead_time, day_str(V, o->order_date + m->lead_time));
        if (o->quantity <= 0)
            violation(V, "%s order of %s: quantity %.10g is not positive", m->id, placed, o->quantity);
        else {
            double k = o->quantity / m->order_multiple;
            if (fabs(k - round(k)) > 1e-6 * fmax(1.0, k))
                violation(V, "%s order of %s: quantity %.10g is not a whole multiple of order_multiple %.10g",
                          m->id, placed, o->quantity, m->order_multiple);
            if (o->quantity < m->min_order - lim_qty_tol(m->min_order))
                violation(V, "%s order of %s: quantity %.10g is below min_order %.10g", m->id, placed,
                          o->quantity, m->min_order);
        }
        /* Money may have been rounded to the cent by whoever wrote it. */
        double cost = m->unit_cost * o->quantity;
        if (!close_enough(o->cost, cost, 1e-6, 0.005))
            violation(V, "%s order of %s: cost %.10g, but %.10g x unit_cost %.10g = %.10g", m->id, placed,
                      o->cost, o->quantity, m->unit_cost, cost);
    }
}

struct stock_lot {
    int arrival;            /* usable from (>= the horizon's start) */
    int expires;            /* first unusable day, or DATE_FAR */
    double left;
};

/* The day-by-day simulation of material m: a shortage on a day is one
 * violation, and what was short is not carried to later days. */
static int materials_stock(struct verify *V, int m)
{
    const struct scenario *s = V->s;
    const struct plan *p = V->p;
    const struct material *mat = &s->materials[m];
    double *use = calloc((size_t)V->ndays + 1, sizeof *use);
    struct stock_lot *lots = malloc(((size_t)s->nlots + (size_t)p->norders + 1) * sizeof *lots);
    if (!use || !lots) {
        free(use);
        free(lots);
        return -1;
    }
    int last = -1, nlots = 0;
    for (int i = 0; i < V->nbatches; i++) {
        const struct process *pr = &s->processes[V->batches[i].process];
        for (int j = 0; j < pr->nbom; j++) {
            int k = day_index(V, V->batches[i].start + pr->bom[j].day);
            if (pr->bom[j].material != m || k < 0)
                continue;
            use[k] += pr->bom[j].quantity;
            if (k > last)
                last = k;
        }
    }
    for (int i = 0; i < s->nlots; i++)
        if (s->lots[i].material == m)
            lots[nlots++] = (struct stock_lot){s->lots[i].arrival, s->lots[i].expires, s->lots[i].quantity};
    for (int i = 0; i < p->norders; i++) {
        const struct plan_order *o = &p->orders[i];
        if (o->material != m || o->quantity <= 0)
            continue;
        /* The lot comes when the lead time says, whatever the row claims
         * (a wrong arrival is a violation of its own). */
        int arrival = mat->lead_time >= 0 ? o->order_date + mat->lead_time : o->arrival;
        int expires = mat->shelf_life > 0 ? arrival + mat->shelf_life : DATE_FAR;
        lots[nlots++] = (struct stock_lot){arrival < s->start ? s->start : arrival, expires, o->quantity};
    }
    for (int k = 0; k <= last; k++) {
        int day = s->start + k;
        double need = use[k], usable = 0;
        if (need <= 0)
            continue;
        for (int i = 0; i < nlots; i++)
            if (lots[i].arrival <= day && day < lots[i].expires)
                usable += lots[i].left;
        if (need > usable + lim_qty_tol(need)) {
            violation(V, "%s on %s: consumption %.10g%s%s but only %.10g usable (FEFO)", mat->id,
                      day_str(V, day), need, mat->unit[0] ? " " : "", mat->unit, usable);
            for (int i = 0; i < nlots; i++)
                if (lots[i].arrival <= day && day < lots[i].expires)
                    lots[i].left = 0;
            continue;
        }
        while (need > 1e-12) {
            int best = -1;
            for (int i = 0; i < nlots; i++)
                if (lots[i].left > 1e-12 && lots[i].arrival <= day && day < lots[i].expires &&
                    (best < 0 || lots[i].expires < lots[best].expires ||
                     (lots[i].expires == lots[best].expires && lots[i].arrival < lots[best].arrival)))
                    best = i;
            if (best < 0)
                break; /* within the tolerance above */
            double take = fmin(need, lots[best].left);
            lots[best].left -= take;
            need -= take;
        }
    }
    free(use);
    free(lots);
    return 0;
}

int verify_materials(struct verify *V)
{
    materials_orders(V);
    if (!has_bom(V->s))
        return 0;
    for (int m = 0; m < V->s->nmaterials; m++)
        if (materials_stock(V, m) != 0)
            return -1;
    return 0;
}
