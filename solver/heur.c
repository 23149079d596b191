/* The constructive heuristic (see heur.h). */
#include "solver/heur.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>

#include "models/batch.h"
#include "models/date.h"
#include "solver/ledger.h"

/* Bounds of the improvement: passes over the late patients, earlier
 * candidates tried per patient, blocking batches tried per candidate, and
 * swaps tried altogether (a count, not a clock, so that the plan does not
 * depend on the machine). */
#define HEUR_PASSES 3
#define HEUR_TARGETS 3
#define HEUR_BLOCKERS 6
#define HEUR_SWAP_BUDGET 20000L

#define HEUR_TOL 1e-9

struct heur {
    const struct scenario *s;
    const struct cands *C;
    ledger *L;
    int *order;             /* [C->n]: each patient's candidates, best first */
    int *lp_order;          /* [C->n] when guided: by the LP's values first (the
                               first placement only: improving needs order) */
    int *chosen;            /* [patient]: candidate, or -1 */
    long budget;            /* swaps left */
    int blockers[HEUR_BLOCKERS];  /* scratch: the batches to try moving */
    double *slack;          /* [npatients] scratch: days to spare per priority */
    int span;               /* most days from a start to its last resource use */
    /* The days each kept change touched, so that a patient whose tries
     * all failed is tried again only when something near it moved. */
    struct days_touched { int lo, hi; } *log;
    int nlog, caplog;
    int *tried;             /* [patient]: nlog when its tries last failed, or -1 */
};

/* ---- orders of patients and candidates ---------------------------------- */

struct cand_key {
    long w;                 /* guided: the LP's value, in millionths */
    int delay, start;
    double cost;
    int idx;
};

static int cand_key_cmp(const void *pa, const void *pb)
{
    const struct cand_key *a = pa, *b = pb;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    if (a->delay != b->delay)
        return a->delay < b->delay ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* A value in [0, 1] as a whole number of millionths, so that LP noise
 * does not decide orders. */
static long millionths(double w)
{
    return w <= 0 ? 0 : w >= 1 ? 1000000 : (long)(w * 1e6 + 0.5);
}

/* Each patient's candidates into out[] by (delay, start, room cost,
 * index), or when weight is given by (LP value descending, then the
 * same). */
static int sort_candidates(struct heur *h, const double *weight, int *out)
{
    const struct cands *C = h->C;
    struct cand_key *k = malloc(sizeof *k * (size_t)(C->n ? C->n : 1));
    if (!k)
        return -1;
    for (int i = 0; i < C->n; i++)
        k[i] = (struct cand_key){weight ? millionths(weight[i]) : 0, C->c[i].delay, C->c[i].start,
                                 C->c[i].room_cost, i};
    for (int p = 0; p < h->s->npatients; p++)
        if (C->count[p] > 1)
            qsort(&k[C->first[p]], (size_t)C->count[p], sizeof *k, cand_key_cmp);
    for (int i = 0; i < C->n; i++)
        out[i] = k[i].idx;
    free(k);
    return 0;
}

struct patient_key {
    long sure;              /* HEUR_BY_SURE: the LP's largest value among its candidates */
    int due;                /* or HEUR_BY_START: the LP's mean start */
    double priority;
    int count, idx;
};

static int patient_key_cmp(const void *pa, const void *pb)
{
    const struct patient_key *a = pa, *b = pb;
    if (a->sure != b->sure)
        return a->sure > b->sure ? -1 : 1;
    if (a->due != b->due)
        return a->due < b->due ? -1 : 1;
    if (a->priority != b->priority)
        return a->priority > b->priority ? -1 : 1;
    if (a->count != b->count)
        return a->count < b->count ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Largest weight first: unserved (by priority), then priority x delay. */
struct late_key {
    int unserved;
    double weight;
    int idx;
};

static int late_key_cmp(const void *pa, const void *pb)
{
    const struct late_key *a = pa, *b = pb;
    if (a->unserved != b->unserved)
        return a->unserved ? -1 : 1;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* ---- placing ------------------------------------------------------------ */

static void add(struct heur *h, int c)
{
    const struct cand *x = &h->C->c[c];
    h->chosen[x->patient] = c;
    ledger_add(h->L, x->process, x->start, x->group);
}

static void drop(struct heur *h, int c)
{
    const struct cand *x = &h->C->c[c];
    h->chosen[x->patient] = -1;
    ledger_remove(h->L, x->process, x->start, x->group);
}

/* Gives patient p its first candidate in order[] that fits. 1 placed,
 * 0 none fits (unserved), -1 out of memory. */
static int place_by(struct heur *h, int p, const int *order)
{
    const struct cands *C = h->C;
    h->chosen[p] = -1;
    for (int j = C->first[p]; j < C->first[p] + C->count[p]; j++) {
        const struct cand *x = &C->c[order[j]];
        enum ledger_fit r = ledger_fits(h->L, x->process, x->start, x->group, NULL);
        if (r == LEDGER_NOMEM)
            return -1;
        if (r == LEDGER_FITS) {
            add(h, order[j]);
            return 1;
        }
    }
    return 0;
}

/* Gives patient p its best candidate that fits. */
static int place(struct heur *h, int p)
{
    return place_by(h, p, h->order);
}

/* ---- improvement ---------------------------------------------------------- */

/* Does q's batch take what why says is missing? */
static int blocks(const struct heur *h, int q, const struct ledger_why *why)
{
    const struct cand *x = &h->C->c[h->chosen[q]];
    const struct process *v = &h->s->processes[x->process];
    switch (why->fit) {
    case LEDGER_ROOM:
        return x->group == why->group && x->start <= why->day &&
               why->day < x->start + x->room_days;
    case LEDGER_STAFF:
        for (int k = 0; k < v->nsteps; k++)
            if (x->start + v->steps[k].day == why->day)
                return 1;
        return 0;
    case LEDGER_MATERIAL:
        /* Material used on or before the day is what FEFO no longer has. */
        for (int k = 0; k < v->nbom; k++)
            if (v->bom[k].material == why->material && x->start + v->bom[k].day <= why->day)
                return 1;
        return 0;
    default:
        return 0;
    }
}

/* The weighted (unserved, delay) of patients p and q as chosen now. */
static void weigh(const struct heur *h, int p, int q, double *unserved, double *delay)
{
    int who[2] = {p, q};
    *unserved = *delay = 0;
    for (int i = 0; i < 2; i++) {
        double w = h->s->patients[who[i]].priority;
        int c = h->chosen[who[i]];
        if (c < 0)
            *unserved += w;
        else
            *delay += w * h->C->c[c].delay;
    }
}

static int better(double u1, double d1, double u0, double d0)
{
    if (u1 < u0 - HEUR_TOL)
        return 1;
    return u1 <= u0 + HEUR_TOL && d1 < d0 - HEUR_TOL;
}

/* With p out of the ledger (its old candidate cur, or -1), tries t for p
 * after moving q's batch out of the way. 1 kept (p on t, q re-placed),
 * 0 all as before (p still out), -1 out of memory. */
static int try_swap(struct heur *h, int p, int cur, int t, int q)
{
    int old_q = h->chosen[q];
    double u0, d0, u1, d1;
    h->chosen[p] = cur;
    weigh(h, p, q, &u0, &d0);
    h->chosen[p] = -1;
    drop(h, old_q);
    const struct cand *x = &h->C->c[t];
    enum ledger_fit r = ledger_fits(h->L, x->process, x->start, x->group, NULL);
    if (r == LEDGER_NOMEM)
        return -1;
    if (r == LEDGER_FITS) {
        add(h, t);
        if (place(h, q) < 0)
            return -1;
        weigh(h, p, q, &u1, &d1);
        if (better(u1, d1, u0, d0))
            return 1;
        if (h->chosen[q] >= 0)
            drop(h, h->chosen[q]);
        drop(h, t);
    }
    add(h, old_q);
    return 0;
}

/* Records a kept change that moved the batches of candidates c[0 .. n-1]
 * (-1 entries skipped). 0, or -1 out of memory. */
static int note_change(struct heur *h, const int *c, int n)
{
    struct days_touched x = {INT_MAX, INT_MIN};
    for (int i = 0; i < n; i++) {
        if (c[i] < 0)
            continue;
        const struct cand *y = &h->C->c[c[i]];
        if (y->start < x.lo)
            x.lo = y->start;
        if (y->start + h->span > x.hi)
            x.hi = y->start + h->span;
    }
    if (h->nlog == h->caplog) {
        int ncap = h->caplog ? h->caplog * 2 : 64;
        struct days_touched *nl = realloc(h->log, sizeof *nl * (size_t)ncap);
        if (!nl)
            return -1;
        h->log = nl;
        h->caplog = ncap;
    }
    h->log[h->nlog++] = x;
    return 0;
}

/* Did a change since p's last failed tries touch the days p can use? */
static int moved_near(const struct heur *h, int p)
{
    const struct cands *C = h->C;
    if (h->tried[p] < 0)
        return 1;
    int lo = C->c[C->first[p]].start;
    int hi = C->c[C->first[p] + C->count[p] - 1].start + h->span;
    for (int i = h->tried[p]; i < h->nlog; i++)
        if (h->log[i].lo <= hi && h->log[i].hi >= lo)
            return 1;
    return 0;
}

/* Tries to deliver p earlier (or at all). 1 improved, 0 not, -1 out of
 * memory. */
static int improve_one(struct heur *h, int p)
{
    const struct cands *C = h->C;
    const struct scenario *s = h->s;
    if (!moved_near(h, p))
        return 0;
    int old = h->chosen[p];
    if (old >= 0)
        drop(h, old);
    if (place(h, p) < 0)
        return -1;
    int cur = h->chosen[p];
    if (cur >= 0 && (old < 0 || C->c[cur].delay < C->c[old].delay)) {
        int moved[2] = {old, cur};
        h->tried[p] = -1;
        return note_change(h, moved, 2) == 0 ? 1 : -1;
    }
    int cur_delay = cur >= 0 ? C->c[cur].delay : INT_MAX;

    /* Out of the ledger while its earlier candidates are tried. */
    if (cur >= 0)
        drop(h, cur);
    int targets = 0, rc = 0;
    for (int j = C->first[p]; j < C->first[p] + C->count[p] && rc == 0; j++) {
        int t = h->order[j];
        if (C->c[t].delay >= cur_delay || targets++ >= HEUR_TARGETS || h->budget <= 0)
            break;
        struct ledger_why why;
        const struct cand *x = &C->c[t];
        enum ledger_fit r = ledger_fits(h->L, x->process, x->start, x->group, &why);
        if (r == LEDGER_NOMEM)
            return -1;
        if (r == LEDGER_FITS)
            continue;   /* cannot happen: place took the best that fits */
        /* The batches that take what is missing, those with the most days
         * to spare per priority first. */
        int n = 0;
        for (int q = 0; q < s->npatients; q++) {
            if (q == p || h->chosen[q] < 0 || !blocks(h, q, &why))
                continue;
            const struct cand *y = &C->c[h->chosen[q]];
            struct batch_times bt;
            batch_times(s, q, y->process, y->start, &bt);
            h->slack[q] = (double)(s->patients[q].due - bt.delivery) / s->patients[q].priority;
            /* Keep the best, in order (q rises, so a tie keeps the lower
             * index first). */
            if (n == HEUR_BLOCKERS && h->slack[h->blockers[n - 1]] >= h->slack[q])
                continue;
            int at = n < HEUR_BLOCKERS ? n++ : n - 1;
            while (at > 0 && h->slack[h->blockers[at - 1]] < h->slack[q]) {
                h->blockers[at] = h->blockers[at - 1];
                at--;
            }
            h->blockers[at] = q;
        }
        for (int b = 0; b < n && h->budget > 0 && rc == 0; b++) {
            int q = h->blockers[b], old_q = h->chosen[q];
            h->budget--;
            rc = try_swap(h, p, cur, t, q);
            if (rc > 0) {
                int moved[4] = {cur, t, old_q, h->chosen[q]};
                h->tried[p] = -1;
                if (note_change(h, moved, 4) != 0)
                    return -1;
            }
        }
    }
    if (rc != 0)
        return rc;
    if (cur >= 0)
        add(h, cur);
    h->tried[p] = h->nlog;
    return 0;
}

static int improve(struct heur *h)
{
    const struct scenario *s = h->s;
    struct late_key *late = malloc(sizeof *late * (size_t)(s->npatients ? s->npatients : 1));
    if (!late)
        return -1;
    int rc = 0;
    for (int pass = 0; pass < HEUR_PASSES && rc == 0; pass++) {
        int n = 0, changed = 0;
        for (int p = 0; p < s->npatients; p++) {
            if (h->C->count[p] == 0)
                continue;
            int c = h->chosen[p];
            if (c >= 0 && h->C->c[c].delay == 0)
                continue;
            late[n++] = (struct late_key){c < 0, s->patients[p].priority *
                                                     (c < 0 ? 1 : h->C->c[c].delay), p};
        }
        qsort(late, (size_t)n, sizeof *late, late_key_cmp);
        for (int i = 0; i < n && rc >= 0; i++) {
            rc = improve_one(h, late[i].idx);
            if (rc > 0) {
                changed = 1;
                rc = 0;
            }
        }
        if (!changed)
            break;
    }
    free(late);
    return rc;
}

/* ---- polishing a plan ---------------------------------------------------- */

/* The plan in h->chosen (every batch added here) moves, patient by
 * patient, to candidates the LP prefers (a larger value) that deliver no
 * later: the unserved and the delay of every patient stay or shrink, so
 * the plan stays as good at the levels above; what the LP prefers at the
 * cost level is cheaper. The patients whose batch the LP supports least
 * go first; then every batch takes the cheapest room that fits and
 * delivers no later. list is scratch. 0, or -1 out of memory. */
static int polish(struct heur *h, const double *weight, struct patient_key *list)
{
    const struct scenario *s = h->s;
    const struct cands *C = h->C;
    int n = 0;
    for (int p = 0; p < s->npatients; p++) {
        int c = h->chosen[p];
        if (c < 0)
            continue;
        ledger_add(h->L, C->c[c].process, C->c[c].start, C->c[c].group);
        if (millionths(weight[c]) < 1000000)
            list[n++] = (struct patient_key){-millionths(weight[c]), 0, 0, 0, p};
    }
    qsort(list, (size_t)n, sizeof *list, patient_key_cmp);
    for (int i = 0; i < n; i++) {
        int p = list[i].idx, cur = h->chosen[p];
        drop(h, cur);
        int moved = 0;
        for (int j = C->first[p]; j < C->first[p] + C->count[p] && !moved; j++) {
            int t = h->lp_order[j];
            if (millionths(weight[t]) <= millionths(weight[cur]))
                break;
            const struct cand *x = &C->c[t];
            if (x->delay > C->c[cur].delay)
                continue;
            enum ledger_fit r = ledger_fits(h->L, x->process, x->start, x->group, NULL);
            if (r == LEDGER_NOMEM)
                return -1;
            if (r == LEDGER_FITS) {
                add(h, t);
                moved = 1;
            }
        }
        if (!moved)
            add(h, cur);
    }
    /* Then cheaper rooms, whatever the LP says: a batch moves to the
     * cheapest candidate that fits and delivers no later. */
    for (int p = 0; p < s->npatients; p++) {
        int cur = h->chosen[p];
        if (cur < 0)
            continue;
        drop(h, cur);
        int best = cur;
        for (int t = C->first[p]; t < C->first[p] + C->count[p]; t++) {
            const struct cand *x = &C->c[t];
            if (x->delay > C->c[cur].delay || x->room_cost >= C->c[best].room_cost - 1e-9)
                continue;
            enum ledger_fit r = ledger_fits(h->L, x->process, x->start, x->group, NULL);
            if (r == LEDGER_NOMEM)
                return -1;
            if (r == LEDGER_FITS)
                best = t;
        }
        add(h, best);
    }
    return 0;
}

/* ---- the plan ------------------------------------------------------------ */

/* heur_run's mode beside the orders of enum heur_order: polish chosen[]. */
#define POLISH HEUR_ORDERS

static int heur_run(const struct scenario *s, const struct cands *C, const double *weight,
                    int how, int *chosen, struct solution *sol)
{
    assert(chosen && sol && how >= 0 && how <= POLISH && (weight || how == HEUR_BY_DUE));
    struct heur h = {s, C, NULL, NULL, NULL, chosen, HEUR_SWAP_BUDGET, {0}, NULL, 0, NULL, 0, 0, NULL};
    size_t np = (size_t)(s->npatients ? s->npatients : 1);
    struct patient_key *list = malloc(sizeof *list * np);
    int *groups = malloc(sizeof(int) * np);
    int rc = HEUR_ENOMEM, n = 0;
    h.L = ledger_new(s, C);
    h.order = malloc(sizeof(int) * (size_t)(C->n ? C->n : 1));
    if (weight)
        h.lp_order = malloc(sizeof(int) * (size_t)(C->n ? C->n : 1));
    h.slack = malloc(sizeof(double) * np);
    h.tried = malloc(sizeof(int) * np);
    if (!list || !groups || !h.L || !h.order || !h.slack || !h.tried || sort_candidates(&h, NULL, h.order) != 0 ||
        (weight && (!h.lp_order || sort_candidates(&h, weight, h.lp_order) != 0)))
        goto done;
    for (int v = 0; v < s->nprocesses; v++) {
        const struct process *pr = &s->processes[v];
        int last = pr->duration + pr->changeover - 1;
        for (int k = 0; k < pr->nsteps; k++)
            last = pr->steps[k].day > last ? pr->steps[k].day : last;
        for (int k = 0; k < pr->nbom; k++)
            last = pr->bom[k].day > last ? pr->bom[k].day : last;
        h.span = last > h.span ? last : h.span;
    }

    if (how == POLISH) {
        if (polish(&h, weight, list) < 0)
            goto done;
    } else {
        for (int p = 0; p < s->npatients; p++) {
            chosen[p] = -1;
            h.tried[p] = -1;
            if (s->patients[p].fixed_start != DATE_NONE)
                continue;
            long sure = 0;
            double mass = 0, when = 0;
            for (int c = C->first[p]; weight && c < C->first[p] + C->count[p]; c++) {
                if (millionths(weight[c]) > sure)
                    sure = millionths(weight[c]);
                mass += weight[c];
                when += weight[c] * (C->c[c].start - s->start);
            }
            int key = s->patients[p].due;
            if (how == HEUR_BY_START && mass >= 0.5)
                key = s->start + (int)(when / mass + 0.5);
            list[n++] = (struct patient_key){how == HEUR_BY_SURE ? sure : 0, key,
                                             s->patients[p].priority, C->count[p], p};
        }
        qsort(list, (size_t)n, sizeof *list, patient_key_cmp);
        for (int i = 0; i < n; i++)
            if (place_by(&h, list[i].idx, weight ? h.lp_order : h.order) < 0)
                goto done;
        if (improve(&h) < 0)
            goto done;
    }

    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        struct sol_batch *b = &sol->batch[p];
        groups[p] = -1;
        if (pt->fixed_start != DATE_NONE) {
            *b = (struct sol_batch){pt->fixed_start, pt->process, pt->fixed_room};
        } else if (chosen[p] >= 0) {
            const struct cand *x = &C->c[chosen[p]];
            *b = (struct sol_batch){x->start, x->process, -1};
            groups[p] = x->group;
        } else {
            *b = (struct sol_batch){DATE_NONE, -1, -1};
        }
    }
    if (cand_assign_rooms(s, C, groups, sol) != 0 || ledger_roster(h.L, sol->skill_of) != 0) {
        rc = HEUR_EINTERNAL;
        goto done;
    }
    switch (solution_plan_orders(s, sol, NULL, NULL)) {
    case 0: rc = HEUR_OK; break;
    case 1: rc = HEUR_EINTERNAL; break;
    default: rc = HEUR_ENOMEM; break;
    }
done:
    ledger_free(h.L);
    free(h.order);
    free(h.lp_order);
    free(h.slack);
    free(h.tried);
    free(h.log);
    free(list);
    free(groups);
    return rc;
}

int heur_build(const struct scenario *s, const struct cands *C, int *chosen, struct solution *sol)
{
    return heur_run(s, C, NULL, HEUR_BY_DUE, chosen, sol);
}

int heur_guided(const struct scenario *s, const struct cands *C, const double *weight,
                enum heur_order how, int *chosen, struct solution *sol)
{
    return heur_run(s, C, weight, how, chosen, sol);
}

int heur_polish(const struct scenario *s, const struct cands *C, const double *weight, int *chosen,
                struct solution *sol)
{
    return heur_run(s, C, weight, POLISH, chosen, sol);
}
