/* Materials: every consumption is covered by a lot usable that day: the
 * initial stock and the deliveries (each until its expiry), or new orders,
 * which can arrive on any day from start + lead_time on.
 *
 * Whether a schedule can get its material depends only on the known lots,
 * their expiry and the lead time, never on pack sizes or minimum orders
 * (one can always order more). So the model keeps material continuous:
 * days are cut into epochs in which the same known lots are usable and
 * ordering is or is not possible; f[l,e] is the part of lot l used in
 * epoch e, b[e] what new orders supply there. A flow of the known lots
 * into the epochs exists exactly when first-expiry-first-out use covers
 * the demand, so the delay level is exact. The purchase quantities
 * (multiples, minimums, shelf life) are chosen per material afterwards
 * (stock_plan_orders); the cost level prices b[e] at unit_cost, which is
 * exact up to that rounding (docs/model.md). */
#include <stdlib.h>

#include "models/date.h"
#include "solver/model.h"
#include "solver/rule.h"

struct epoch {
    int material;
    int from, to;           /* day indices, both included */
    int orderable;          /* new orders can arrive in it */
    int nlots;              /* known lots usable throughout */
    int row;                /* its cover row, 0 when none */
    int priced;             /* no known lot, orderable: cost on the starts */
    double fixed;           /* fixed batches' use in it */
};

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

int rule_materials(struct model *M)
{
    const struct scenario *s = M->s;
    const struct cands *C = M->C;
    int nd = s->ndays, rc = -1, nep = 0, cap = 0;
    size_t md = (size_t)(s->nmaterials ? s->nmaterials : 1) * (size_t)nd;
    unsigned char *possible = calloc(md, 1);
    int *epoch_of = malloc(sizeof(int) * md);
    int *cuts = malloc(sizeof(int) * (size_t)(2 * s->nlots + 3));
    struct epoch *E = NULL;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    if (!possible || !epoch_of || !cuts)
        goto done;
    for (int c = 0; c < C->n; c++) {
        const struct process *pr = &s->processes[C->c[c].process];
        for (int k = 0; k < pr->nbom; k++)
            possible[(size_t)pr->bom[k].material * nd + (size_t)(C->c[c].start - s->start + pr->bom[k].day)] = 1;
    }
    for (size_t i = 0; i < md; i++)
        if (C->fixed_use[i] > 0)
            possible[i] = 1;
    for (int m = 0; m < s->nmaterials; m++) {
        const struct material *mt = &s->materials[m];
        int order_from = mt->lead_time >= 0 ? mt->lead_time : nd;
        int nc = 0;
        cuts[nc++] = 0;
        cuts[nc++] = nd;
        cuts[nc++] = clampi(order_from, 0, nd);
        for (int l = 0; l < s->nlots; l++) {
            if (s->lots[l].material != m)
                continue;
            cuts[nc++] = clampi(s->lots[l].arrival - s->start, 0, nd);
            if (s->lots[l].expires < DATE_FAR)
                cuts[nc++] = clampi(s->lots[l].expires - s->start, 0, nd);
        }
        qsort(cuts, (size_t)nc, sizeof(int), cmp_int);
        for (int t = 0; t + 1 < nc; t++) {
            if (cuts[t] == cuts[t + 1])
                continue;
            int from = cuts[t], to = cuts[t + 1] - 1, any = 0;
            double fixed = 0;
            for (int i = from; i <= to; i++) {
                size_t at = (size_t)m * nd + (size_t)i;
                epoch_of[at] = -1;
                any |= possible[at];
                fixed += C->fixed_use[at];
            }
            if (!any)
                continue;
            if (nep == cap) {
                cap = cap ? cap * 2 : 256;
                struct epoch *n2 = realloc(E, sizeof *E * (size_t)cap);
                if (!n2)
                    goto done;
                E = n2;
            }
            struct epoch *e = &E[nep];
            *e = (struct epoch){m, from, to, from >= order_from, 0, 0, 0, fixed};
            for (int l = 0; l < s->nlots; l++) {
                const struct lot *lt = &s->lots[l];
                if (lt->material == m && lt->arrival - s->start <= from && lt->expires - s->start > to)
                    e->nlots++;
            }
            if (e->nlots == 0 && e->orderable) {
                e->priced = 1;
            } else {
                e->row = model_row(M, ROW_GE, fixed, "cover[%s,%s..%s]", mt->id,
                                   date_format(s->start + from, a), date_format(s->start + to, b));
                if (e->orderable) {
                    int j = model_col(M, COL_CONTINUOUS, 0, -1, "buy[%s,%s]", mt->id,
                                      date_format(s->start + from, a));
                    model_coef(M, e->row, j, 1);
                    if (j)
                        M->obj[LEVEL_COST][j] = mt->unit_cost;
                }
            }
            for (int i = from; i <= to; i++)
                epoch_of[(size_t)m * nd + (size_t)i] = nep;
            nep++;
        }
    }
    /* Known lots: each used at most once over the epochs it can serve. */
    for (int l = 0; l < s->nlots; l++) {
        const struct lot *lt = &s->lots[l];
        int lot_row = 0;
        for (int e = 0; e < nep; e++) {
            if (E[e].material != lt->material || !E[e].row)
                continue;
            if (!(lt->arrival - s->start <= E[e].from && lt->expires - s->start > E[e].to))
                continue;
            if (!lot_row)
                lot_row = model_row(M, ROW_LE, lt->quantity, "lot[%s,%d]", s->materials[lt->material].id,
                                    l + 1);
            int j = model_col(M, COL_CONTINUOUS, 0, -1, "use[%s,%d,%s]", s->materials[lt->material].id,
                              l + 1, date_format(s->start + E[e].from, a));
            model_coef(M, lot_row, j, 1);
            model_coef(M, E[e].row, j, 1);
        }
    }
    /* The starts' consumption, merged per epoch (a process may use a
     * material on several days of one epoch). */
    for (int c = 0; c < C->n; c++) {
        const struct process *pr = &s->processes[C->c[c].process];
        int col = M->x0 + 1 + c;
        for (int k = 0; k < pr->nbom; k++) {
            const struct bom_line *bl = &pr->bom[k];
            int e = epoch_of[(size_t)bl->material * nd + (size_t)(C->c[c].start - s->start + bl->day)];
            int seen = 0;
            for (int k2 = 0; k2 < k && !seen; k2++)
                seen = pr->bom[k2].material == bl->material &&
                       epoch_of[(size_t)bl->material * nd + (size_t)(C->c[c].start - s->start + pr->bom[k2].day)] == e;
            if (seen)
                continue;
            double q = 0;
            for (int k2 = k; k2 < pr->nbom; k2++)
                if (pr->bom[k2].material == bl->material &&
                    epoch_of[(size_t)bl->material * nd + (size_t)(C->c[c].start - s->start + pr->bom[k2].day)] == e)
                    q += pr->bom[k2].quantity;
            if (E[e].priced)
                M->obj[LEVEL_COST][col] += s->materials[bl->material].unit_cost * q;
            else
                model_coef(M, E[e].row, col, -q);
        }
    }
    rc = M->oom ? -1 : 0;
done:
    free(possible);
    free(epoch_of);
    free(cuts);
    free(E);
    return rc;
}
