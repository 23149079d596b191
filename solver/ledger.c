/* Resource ledgers (see ledger.h). */
#include "solver/ledger.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "models/limits.h"
#include "models/stock.h"
#include "solver/staffday.h"

/* A process's demand, aggregated: per (day offset, skill) and per
 * (material, day offset). Several steps of one batch on one day and skill
 * add their hours and need as many people as the largest of them. */
struct need {
    int off;                /* day offset from the start */
    int skill;
    int people;             /* largest step's people */
    double hours;           /* sum of people x hours */
};

struct use {
    int material;
    int off;
    double quantity;
};

struct profile {
    struct need *need;      /* by off, then skill */
    int nneed;
    struct use *use;        /* by material, then off */
    int nuse;
    int room_days;          /* duration + changeover */
};

/* The days of material m that no order can reach: 0 .. w-1. */
struct window {
    int w;                  /* 0: every day can be ordered for */
    int short_base;         /* the batches in leave a shortage there already */
    int stale;              /* use changed since the last simulation */
    int grown;              /* and some of it grew */
    struct stock_day *sim;  /* [w]: the stock with the batches in */
    double *minhand;        /* [i]: least on_hand over days i .. w-1 */
    double *sufuse;         /* [i]: use over days i .. w-1 (w+1 entries) */
    double *sufrecv;        /* [i]: received over days i .. w-1 (w+1 entries) */
};

struct ledger {
    const struct scenario *s;
    const struct cands *C;
    int nd, nk, np, nm;     /* days, skills, persons, materials */
    int pmax;               /* largest people of any step */
    struct profile *prof;   /* [process] */

    int *room_used;         /* [g * nd + i]: places taken by batches added */

    double *hours;          /* [k * nd + i]: people x hours, fixed batches included */
    int *hist;              /* [(k * nd + i) * (pmax + 1) + p]: added batches
                               whose largest step of skill k that day needs p */
    int *assign;            /* [i * np + q]: the day's assignment last found */
    double *ahours;         /* [i * nk + k]: hours it gives skill k */
    int *acount;            /* [i * nk + k]: persons it gives skill k */
    unsigned char *bad;     /* [i]: the day's demand has no assignment */
    unsigned char *memo;    /* [i]: memo_* holds a demand proven infeasible */
    double *memo_h;         /* [i * nk + k] */
    int *memo_p;            /* [i * nk + k] */

    double *use;            /* [m * nd + i]: quantity, fixed batches included */
    struct window *win;     /* [m] */

    /* Scratch. */
    staffday *sd;
    double *day_hours;      /* [np] */
    double *need_h;         /* [nk] */
    int *need_p;            /* [nk] */
    int *found;             /* [np] */
    double *sim_use;        /* [nd] */
    struct stock_day *sim_out;   /* [nd] */
};

static size_t at_least1(int n)
{
    return (size_t)(n > 0 ? n : 1);
}

/* ---- process profiles ----------------------------------------------- */

static int build_profile(const struct process *v, struct profile *pf)
{
    pf->room_days = v->duration + v->changeover;
    pf->need = malloc(at_least1(v->nsteps) * sizeof *pf->need);
    pf->use = malloc(at_least1(v->nbom) * sizeof *pf->use);
    if (!pf->need || !pf->use)
        return -1;
    for (int k = 0; k < v->nsteps; k++) {
        const struct step *st = &v->steps[k];
        int j = 0;
        while (j < pf->nneed && (pf->need[j].off != st->day || pf->need[j].skill != st->skill))
            j++;
        if (j == pf->nneed)
            pf->need[pf->nneed++] = (struct need){st->day, st->skill, 0, 0};
        pf->need[j].hours += st->people * st->hours;
        if (st->people > pf->need[j].people)
            pf->need[j].people = st->people;
    }
    for (int a = 1; a < pf->nneed; a++) {
        struct need x = pf->need[a];
        int b = a;
        while (b > 0 && (pf->need[b - 1].off > x.off ||
                         (pf->need[b - 1].off == x.off && pf->need[b - 1].skill > x.skill))) {
            pf->need[b] = pf->need[b - 1];
            b--;
        }
        pf->need[b] = x;
    }
    for (int k = 0; k < v->nbom; k++) {
        const struct bom_line *bl = &v->bom[k];
        int j = 0;
        while (j < pf->nuse && (pf->use[j].off != bl->day || pf->use[j].material != bl->material))
            j++;
        if (j == pf->nuse)
            pf->use[pf->nuse++] = (struct use){bl->material, bl->day, 0};
        pf->use[j].quantity += bl->quantity;
    }
    for (int a = 1; a < pf->nuse; a++) {
        struct use x = pf->use[a];
        int b = a;
        while (b > 0 && (pf->use[b - 1].material > x.material ||
                         (pf->use[b - 1].material == x.material && pf->use[b - 1].off > x.off))) {
            pf->use[b] = pf->use[b - 1];
            b--;
        }
        pf->use[b] = x;
    }
    return 0;
}

/* ---- staff ------------------------------------------------------------ */

static int people_at(const ledger *L, int k, int i)
{
    size_t ki = (size_t)k * (size_t)L->nd + (size_t)i;
    int best = L->C->fixed_people[ki];
    const int *h = &L->hist[ki * (size_t)(L->pmax + 1)];
    for (int p = L->pmax; p > best; p--)
        if (h[p] > 0)
            return p;
    return best;
}

void ledger_day_demand(const ledger *L, int i, double *hours, int *people)
{
    assert(i >= 0 && i < L->nd && hours && people);
    for (int k = 0; k < L->nk; k++) {
        hours[k] = L->hours[(size_t)k * (size_t)L->nd + (size_t)i];
        people[k] = people_at(L, k, i);
    }
}

/* Solves day i for the demand in L->need_h / need_p into L->found. */
static enum staffday_verdict solve_day(ledger *L, int i)
{
    const struct scenario *s = L->s;
    for (int q = 0; q < L->np; q++)
        L->day_hours[q] = s->person_hours[(size_t)q * (size_t)s->ndays + (size_t)i];
    return staffday_solve(L->sd, s->persons, L->day_hours, L->need_h, L->need_p, L->found);
}

/* Keeps L->found as day i's assignment. */
static void keep_day(ledger *L, int i)
{
    const struct scenario *s = L->s;
    size_t row = (size_t)i * (size_t)L->nk;
    memcpy(&L->assign[(size_t)i * (size_t)L->np], L->found, sizeof(int) * (size_t)L->np);
    for (int k = 0; k < L->nk; k++) {
        L->ahours[row + (size_t)k] = 0;
        L->acount[row + (size_t)k] = 0;
    }
    for (int q = 0; q < L->np; q++) {
        int k = L->found[q];
        if (k < 0)
            continue;
        L->ahours[row + (size_t)k] += s->person_hours[(size_t)q * (size_t)s->ndays + (size_t)i];
        L->acount[row + (size_t)k]++;
    }
    L->bad[i] = 0;
}

/* Does day i's kept assignment cover the demand in need_h / need_p? */
static int kept_covers(const ledger *L, int i)
{
    if (L->bad[i])
        return 0;
    size_t row = (size_t)i * (size_t)L->nk;
    for (int k = 0; k < L->nk; k++)
        if (L->ahours[row + (size_t)k] < L->need_h[k] - STAFFDAY_EPS ||
            L->acount[row + (size_t)k] < L->need_p[k])
            return 0;
    return 1;
}

/* Can day i's kept assignment, with persons it leaves free added (those
 * with a single skill first, so that the versatile stay free), cover the
 * demand in need_h / need_p? If so the assignment is in L->found. Most
 * batches fit this way, without a search. */
static int extend_kept(ledger *L, int i)
{
    const struct scenario *s = L->s;
    if (L->bad[i])
        return 0;
    size_t row = (size_t)i * (size_t)L->nk;
    memcpy(L->found, &L->assign[(size_t)i * (size_t)L->np], sizeof(int) * (size_t)L->np);
    for (int k = 0; k < L->nk; k++) {
        double h = L->ahours[row + (size_t)k];
        int n = L->acount[row + (size_t)k];
        for (int pass = 0; pass < 2; pass++)
            for (int q = 0; q < L->np; q++) {
                if (h >= L->need_h[k] - STAFFDAY_EPS && n >= L->need_p[k])
                    break;
                const struct person *pe = &s->persons[q];
                double ph = s->person_hours[(size_t)q * (size_t)s->ndays + (size_t)i];
                if (L->found[q] >= 0 || ph <= 0 || (pass == 0) != (pe->nskills == 1) ||
                    !scn_person_has_skill(s, q, k))
                    continue;
                L->found[q] = k;
                h += ph;
                n++;
            }
        if (h < L->need_h[k] - STAFFDAY_EPS || n < L->need_p[k])
            return 0;
    }
    return 1;
}

/* Is the demand in need_h / need_p at least day i's known infeasible one? */
static int memo_refutes(const ledger *L, int i)
{
    if (!L->memo[i])
        return 0;
    size_t row = (size_t)i * (size_t)L->nk;
    for (int k = 0; k < L->nk; k++)
        if (L->need_h[k] < L->memo_h[row + (size_t)k] || L->need_p[k] < L->memo_p[row + (size_t)k])
            return 0;
    return 1;
}

static void memo_keep(ledger *L, int i)
{
    size_t row = (size_t)i * (size_t)L->nk;
    for (int k = 0; k < L->nk; k++) {
        L->memo_h[row + (size_t)k] = L->need_h[k];
        L->memo_p[row + (size_t)k] = L->need_p[k];
    }
    L->memo[i] = 1;
}

/* Day i's demand with the profile entries need[a .. b-1] of one batch
 * added, into need_h / need_p. */
static void demand_with(ledger *L, int i, const struct need *need, int a, int b)
{
    ledger_day_demand(L, i, L->need_h, L->need_p);
    for (int j = a; j < b; j++) {
        L->need_h[need[j].skill] += need[j].hours;
        if (need[j].people > L->need_p[need[j].skill])
            L->need_p[need[j].skill] = need[j].people;
    }
}

static enum ledger_fit staff_fits(ledger *L, const struct profile *pf, int base, int *fail)
{
    for (int a = 0, b; a < pf->nneed; a = b) {
        int off = pf->need[a].off;
        for (b = a; b < pf->nneed && pf->need[b].off == off; b++)
            ;
        int i = base + off;
        if (i < 0 || i >= L->nd)
            continue;   /* before the horizon: the past uses nothing */
        demand_with(L, i, pf->need, a, b);
        if (extend_kept(L, i))
            continue;
        if (memo_refutes(L, i)) {
            *fail = i;
            return LEDGER_STAFF;
        }
        if (solve_day(L, i) == STAFFDAY_FEASIBLE)
            continue;
        memo_keep(L, i);
        *fail = i;
        return LEDGER_STAFF;
    }
    return LEDGER_FITS;
}

/* Adds (sign 1) or removes (sign -1) a batch's staff demand and keeps
 * every day it touches assigned. */
static void staff_change(ledger *L, const struct profile *pf, int base, int sign)
{
    for (int j = 0; j < pf->nneed; j++) {
        const struct need *n = &pf->need[j];
        int i = base + n->off;
        if (i < 0 || i >= L->nd)
            continue;
        size_t ki = (size_t)n->skill * (size_t)L->nd + (size_t)i;
        L->hours[ki] += sign * n->hours;
        L->hist[ki * (size_t)(L->pmax + 1) + (size_t)n->people] += sign;
    }
    for (int a = 0, b; a < pf->nneed; a = b) {
        int off = pf->need[a].off;
        for (b = a; b < pf->nneed && pf->need[b].off == off; b++)
            ;
        int i = base + off;
        if (i < 0 || i >= L->nd)
            continue;
        /* Less demand: the kept assignment still covers it, unless the
         * day had none. */
        if (sign < 0 && !L->bad[i])
            continue;
        ledger_day_demand(L, i, L->need_h, L->need_p);
        if (kept_covers(L, i))
            continue;
        if (extend_kept(L, i) || solve_day(L, i) == STAFFDAY_FEASIBLE)
            keep_day(L, i);
        else
            L->bad[i] = 1;
    }
}

/* ---- materials ---------------------------------------------------------- */

/* Simulates material m's window with the batches in. */
static int window_refresh(ledger *L, int m)
{
    struct window *W = &L->win[m];
    const double *use = &L->use[(size_t)m * (size_t)L->nd];
    if (W->w == 0)
        return 0;
    if (stock_simulate(L->s, m, use, W->w, NULL, 0, W->sim) != 0)
        return -1;
    W->stale = W->grown = 0;
    W->short_base = 0;
    W->sufuse[W->w] = W->sufrecv[W->w] = 0;

    for (int i = W->w - 1; i >= 0; i--) {
        if (W->sim[i].shortage > 0)
            W->short_base = 1;
        W->sufuse[i] = W->sufuse[i + 1] + use[i];
        W->sufrecv[i] = W->sufrecv[i + 1] + W->sim[i].received;
        double h = W->sim[i].on_hand;
        W->minhand[i] = i + 1 < W->w && W->minhand[i + 1] < h ? W->minhand[i + 1] : h;
    }
    return 0;
}

/* Checks the uses pf->use[a .. b-1] (one material) of a batch whose day
 * index 0 is base. need_day: the failing day is wanted exactly. */
static enum ledger_fit material_fits(ledger *L, const struct profile *pf, int a, int b, int base,
                                     int need_day, int *fail)
{
    int m = pf->use[a].material;
    struct window *W = &L->win[m];
    double q = 0;
    int first = -1;
    for (int j = a; j < b; j++) {
        int i = base + pf->use[j].off;
        if (i < 0 || i >= W->w)
            continue;
        q += pf->use[j].quantity;
        if (first < 0 || i < first)
            first = i;
    }
    if (q <= 0)
        return LEDGER_FITS;
    /* Less use leaves every day at least as much on hand (FEFO is
     * monotone), so a simulation older than some removals still proves a
     * fit; anything else needs a fresh one. */
    if (W->stale && !W->grown && !W->short_base && W->minhand[first] >= q)
        return LEDGER_FITS;
    if (W->stale && window_refresh(L, m) != 0)
        return LEDGER_NOMEM;
    if (!W->short_base) {
        /* FEFO takes the extra from the lots; every later day then has at
         * most q less usable, so an on_hand of q throughout is enough. */
        if (W->minhand[first] >= q)
            return LEDGER_FITS;
        /* Whatever is on hand before the first day plus all arrivals must
         * cover all use from that day on. */
        double avail = (first > 0 ? W->sim[first - 1].on_hand : 0) + W->sufrecv[first];
        if (!need_day && W->sufuse[first] + q > avail + lim_qty_tol(avail)) {
            *fail = first;
            return LEDGER_MATERIAL;
        }
        /* The extra use leaves each later day with that much less usable,
         * except what lots expiring meanwhile would have wasted anyway. So
         * while no lot expires, the first day on which the old on_hand is
         * below the extra used so far falls short. */
        double extra = 0;
        for (int t = first, j = a; !need_day && t < W->w; t++) {
            if (t > first && W->sim[t].expired > 0)
                break;
            for (; j < b && base + pf->use[j].off <= t; j++)
                if (base + pf->use[j].off >= first)
                    extra += pf->use[j].quantity;
            if (W->sim[t].on_hand + lim_qty_tol(extra) < extra) {
                *fail = t;
                return LEDGER_MATERIAL;
            }
        }
    }
    memcpy(L->sim_use, &L->use[(size_t)m * (size_t)L->nd], sizeof(double) * (size_t)W->w);
    for (int j = a; j < b; j++) {
        int i = base + pf->use[j].off;
        if (i >= 0 && i < W->w)
            L->sim_use[i] += pf->use[j].quantity;
    }
    if (stock_simulate(L->s, m, L->sim_use, W->w, NULL, 0, L->sim_out) != 0)
        return LEDGER_NOMEM;
    for (int i = first; i < W->w; i++)
        if (L->sim_out[i].shortage > W->sim[i].shortage + lim_qty_tol(W->sim[i].shortage)) {
            *fail = i;
            return LEDGER_MATERIAL;
        }
    return LEDGER_FITS;
}

static void material_change(ledger *L, const struct profile *pf, int base, int sign)
{
    for (int a = 0, b; a < pf->nuse; a = b) {
        int m = pf->use[a].material, touched = 0;
        for (b = a; b < pf->nuse && pf->use[b].material == m; b++) {
            int i = base + pf->use[b].off;
            if (i < 0 || i >= L->nd)
                continue;
            L->use[(size_t)m * (size_t)L->nd + (size_t)i] += sign * pf->use[b].quantity;
            if (i < L->win[m].w)
                touched = 1;
        }
        /* Simulated again when next asked: a swap changes the same
         * material several times in a row. */
        if (touched) {
            L->win[m].stale = 1;
            if (sign > 0)
                L->win[m].grown = 1;
        }
    }
}

const double *ledger_use(const ledger *L, int m)
{
    assert(m >= 0 && m < L->s->nmaterials);
    return &L->use[(size_t)m * (size_t)L->nd];
}

/* ---- the ledger -------------------------------------------------------- */

void ledger_free(ledger *L)
{
    if (!L)
        return;
    if (L->prof)
        for (int v = 0; v < L->s->nprocesses; v++) {
            free(L->prof[v].need);
            free(L->prof[v].use);
        }
    free(L->prof);
    free(L->room_used);
    free(L->hours);
    free(L->hist);
    free(L->assign);
    free(L->ahours);
    free(L->acount);
    free(L->bad);
    free(L->memo);
    free(L->memo_h);
    free(L->memo_p);
    free(L->use);
    if (L->win)
        for (int m = 0; m < L->nm; m++) {
            free(L->win[m].sim);
            free(L->win[m].minhand);
            free(L->win[m].sufuse);
            free(L->win[m].sufrecv);
        }
    free(L->win);
    staffday_free(L->sd);
    free(L->day_hours);
    free(L->need_h);
    free(L->need_p);
    free(L->found);
    free(L->sim_use);
    free(L->sim_out);
    free(L);
}

ledger *ledger_new(const struct scenario *s, const struct cands *C)
{
    ledger *L = calloc(1, sizeof *L);
    if (!L)
        return NULL;
    L->s = s;
    L->C = C;
    L->nd = s->ndays;
    L->nk = s->nskills;
    L->np = s->npersons;
    L->nm = s->nmaterials;
    L->pmax = 1;
    for (int v = 0; v < s->nprocesses; v++)
        for (int k = 0; k < s->processes[v].nsteps; k++)
            if (s->processes[v].steps[k].people > L->pmax)
                L->pmax = s->processes[v].steps[k].people;
    size_t nd = at_least1(L->nd), nk = at_least1(L->nk), np = at_least1(L->np),
           nm = at_least1(L->nm);
    L->prof = calloc(at_least1(s->nprocesses), sizeof *L->prof);
    L->room_used = calloc(at_least1(C->ngroups) * nd, sizeof(int));
    L->hours = malloc(nk * nd * sizeof(double));
    L->hist = calloc(nk * nd * (size_t)(L->pmax + 1), sizeof(int));
    L->assign = malloc(nd * np * sizeof(int));
    L->ahours = calloc(nd * nk, sizeof(double));
    L->acount = calloc(nd * nk, sizeof(int));
    L->bad = calloc(nd, 1);
    L->memo = calloc(nd, 1);
    L->memo_h = calloc(nd * nk, sizeof(double));
    L->memo_p = calloc(nd * nk, sizeof(int));
    L->use = malloc(nm * nd * sizeof(double));
    L->win = calloc(nm, sizeof *L->win);
    L->sd = staffday_new(L->nk, L->np, 0);
    L->day_hours = calloc(np, sizeof(double));
    L->need_h = calloc(nk, sizeof(double));
    L->need_p = calloc(nk, sizeof(int));
    L->found = calloc(np, sizeof(int));
    L->sim_use = calloc(nd, sizeof(double));
    L->sim_out = calloc(nd, sizeof(struct stock_day));
    if (!L->prof || !L->room_used || !L->hours || !L->hist || !L->assign || !L->ahours ||
        !L->acount || !L->bad || !L->memo || !L->memo_h || !L->memo_p || !L->use || !L->win ||
        !L->sd || !L->day_hours || !L->need_h || !L->need_p || !L->found || !L->sim_use ||
        !L->sim_out)
        goto fail;
    for (int v = 0; v < s->nprocesses; v++)
        if (build_profile(&s->processes[v], &L->prof[v]) != 0)
            goto fail;
    memcpy(L->hours, C->fixed_hours, sizeof(double) * (size_t)L->nk * (size_t)L->nd);
    memcpy(L->use, C->fixed_use, sizeof(double) * (size_t)L->nm * (size_t)L->nd);
    for (size_t x = 0; x < nd * np; x++)
        L->assign[x] = -1;

    /* The fixed batches' days get their assignment now, so that a later
     * batch on such a day starts from a covering one. */
    for (int i = 0; i < L->nd; i++) {
        ledger_day_demand(L, i, L->need_h, L->need_p);
        int any = 0;
        for (int k = 0; k < L->nk && !any; k++)
            any = L->need_h[k] > STAFFDAY_EPS || L->need_p[k] > 0;
        if (!any)
            continue;
        if (solve_day(L, i) == STAFFDAY_FEASIBLE)
            keep_day(L, i);
        else
            L->bad[i] = 1;
    }

    for (int m = 0; m < L->nm; m++) {
        struct window *W = &L->win[m];
        int lead = s->materials[m].lead_time;
        W->w = lead < 0 || lead > L->nd ? L->nd : lead;
        if (W->w == 0)
            continue;
        size_t w = (size_t)W->w;
        W->sim = calloc(w, sizeof *W->sim);
        W->minhand = calloc(w, sizeof(double));
        W->sufuse = calloc(w + 1, sizeof(double));
        W->sufrecv = calloc(w + 1, sizeof(double));
        if (!W->sim || !W->minhand || !W->sufuse || !W->sufrecv || window_refresh(L, m) != 0)
            goto fail;
    }
    return L;
fail:
    ledger_free(L);
    return NULL;
}

enum ledger_fit ledger_fits(ledger *L, int pr, int start, int g, struct ledger_why *why)
{
    assert(pr >= 0 && pr < L->s->nprocesses && g >= 0 && g < L->C->ngroups);
    const struct scenario *s = L->s;
    const struct profile *pf = &L->prof[pr];
    const struct room_group *G = &L->C->groups[g];
    int base = start - s->start, fail = -1;
    enum ledger_fit r = LEDGER_FITS;
    int material = -1;

    for (int i = base; i < base + pf->room_days; i++) {
        if (i < 0)
            continue;
        if (i >= L->nd || L->room_used[(size_t)g * (size_t)L->nd + (size_t)i] >= G->places[i]) {
            r = LEDGER_ROOM;
            fail = i;
            break;
        }
    }
    if (r == LEDGER_FITS)
        r = staff_fits(L, pf, base, &fail);
    for (int a = 0, b; r == LEDGER_FITS && a < pf->nuse; a = b) {
        for (b = a; b < pf->nuse && pf->use[b].material == pf->use[a].material; b++)
            ;
        r = material_fits(L, pf, a, b, base, why != NULL, &fail);
        if (r == LEDGER_MATERIAL)
            material = pf->use[a].material;
    }
    if (why) {
        why->fit = r;
        why->day = r == LEDGER_FITS || r == LEDGER_NOMEM ? DATE_NONE : s->start + fail;
        why->group = r == LEDGER_ROOM ? g : -1;
        why->material = material;
    }
    return r;
}

int ledger_materials_short(ledger *L, int pr, int start, int *short_day)
{
    assert(pr >= 0 && pr < L->s->nprocesses && short_day);
    const struct profile *pf = &L->prof[pr];
    int base = start - L->s->start;
    for (int m = 0; m < L->s->nmaterials; m++)
        short_day[m] = DATE_NONE;
    /* Every material of the batch, not only the first that falls short. */
    for (int a = 0, b; a < pf->nuse; a = b) {
        for (b = a; b < pf->nuse && pf->use[b].material == pf->use[a].material; b++)
            ;
        int fail = -1;
        enum ledger_fit r = material_fits(L, pf, a, b, base, 1, &fail);
        if (r == LEDGER_NOMEM)
            return -1;
        if (r == LEDGER_MATERIAL)
            short_day[pf->use[a].material] = L->s->start + fail;
    }
    return 0;
}

static void change(ledger *L, int pr, int start, int g, int sign)
{
    assert(pr >= 0 && pr < L->s->nprocesses && g >= 0 && g < L->C->ngroups);
    const struct profile *pf = &L->prof[pr];
    int base = start - L->s->start;
    for (int i = base; i < base + pf->room_days; i++)
        if (i >= 0 && i < L->nd)
            L->room_used[(size_t)g * (size_t)L->nd + (size_t)i] += sign;
    staff_change(L, pf, base, sign);
    material_change(L, pf, base, sign);
}

void ledger_add(ledger *L, int pr, int start, int g)
{
    change(L, pr, start, g, 1);
}

void ledger_remove(ledger *L, int pr, int start, int g)
{
    change(L, pr, start, g, -1);
}

int ledger_roster(ledger *L, int *skill_of)
{
    int rc = 0;
    size_t nd = (size_t)L->nd;
    for (int i = 0; i < L->nd; i++) {
        ledger_day_demand(L, i, L->need_h, L->need_p);
        int any = 0;
        for (int k = 0; k < L->nk && !any; k++)
            any = L->need_h[k] > STAFFDAY_EPS || L->need_p[k] > 0;
        const int *row = L->found;
        if (!any) {
            for (int q = 0; q < L->np; q++)
                L->found[q] = -1;
        } else if (solve_day(L, i) != STAFFDAY_FEASIBLE) {
            /* A fresh search failed where an earlier, larger one found an
             * assignment (the cap): keep that one. */
            if (!kept_covers(L, i))
                rc = 1;
            row = &L->assign[(size_t)i * (size_t)L->np];
        }
        for (int q = 0; q < L->np; q++)
            skill_of[(size_t)q * nd + (size_t)i] = row[q];
    }
    return rc;
}
