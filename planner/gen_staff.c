/* planner generate, the staff: persons with their skills (operators, QC
 * analysts, supervisors, a few multi-skilled and part-time), and their
 * shifts: vacations staggered so that each skill keeps three quarters of
 * its people, a weekend rota and on-call duty on public holidays. The
 * first names are the reference data this file draws from. */
#include <stdio.h>
#include <stdlib.h>

#include "models/date.h"
#include "planner/gen.h"

static const char *const first_names[] = {
    "anna", "ben", "chloe", "david", "elena", "farid", "greta", "hugo", "ines", "jonas",
    "karim", "lea", "marco", "nadia", "oscar", "paula", "quentin", "rosa", "samir", "tina",
    "ugo", "vera", "william", "xenia", "yann", "zoe", "adrien", "beatriz", "camille", "dmitri",
    "emma", "felix", "gabriel", "hanna", "ivan", "julia", "kenji", "lucas", "maria", "nils",
    "olga", "pierre", "rania", "sofia", "thomas", "ulla", "victor", "wen", "yusuf", "zainab",
    "alice", "bruno", "clara", "diego", "eva", "frank", "giulia", "henrik", "irene", "jakob",
    "katrin", "leon", "mila", "noah", "omar", "petra", "raphael", "sara", "tobias", "valentina",
    "amir", "birgit", "cedric", "dora", "emil", "fatima", "gustav", "helena", "isak", "jana",
    "kai", "lina", "mateo", "nora", "otto", "pia", "rafael", "selma", "timo", "ursula",
    "vincent", "wiebke", "aylin", "bastien", "celine", "daan", "elif", "fabian", "gemma", "hamid",
};
#define NNAMES N_OF(first_names)

static int add_shift(struct gen *g, int person, int from, int to, int hours, unsigned weekdays)
{
    void *p = g->shifts;
    if (gen_grow(&p, &g->capshifts, g->nshifts + 1, sizeof *g->shifts) != 0)
        return -1;
    g->shifts = p;
    g->shifts[g->nshifts++] = (struct gshift){person, from, to, hours, weekdays};
    return 0;
}

/* ---- staff ---------------------------------------------------------------------- */

static int person_has(const struct gperson *p, unsigned sk)
{
    return (p->skills & sk) != 0;
}

/* Week index of day d in the roster's week table (weeks start on Mondays). */
static int week_of(int first_monday, int d)
{
    return (d - first_monday) / 7;
}

int gen_staff(struct gen *g, struct rng *r)
{
    int S = g->P->staff;
    int nsup = (S + 5) / 10 > 0 ? (S + 5) / 10 : 1;
    int nqc = S / 4 > 2 ? S / 4 : 2;
    int nop = S - nsup - nqc;
    g->persons = calloc((size_t)S, sizeof *g->persons);
    if (!g->persons)
        return -1;
    g->npersons = S;
    int names[NNAMES];
    for (int i = 0; i < NNAMES; i++)
        names[i] = i;
    rng_shuffle(r, names, NNAMES);
    int op_qc = nop / 6 > 0 ? nop / 6 : 1;          /* operators also qualified for QC */
    int op_sup = nsup < 2 ? 2 - nsup : nop / 12;    /* senior operators who can release */
    for (int i = 0; i < S; i++) {
        struct gperson *p = &g->persons[i];
        /* Beyond the name list, the names come round again with a number. */
        if (i < NNAMES)
            snprintf(p->id, sizeof p->id, "%s", first_names[names[i]]);
        else
            snprintf(p->id, sizeof p->id, "%s%d", first_names[names[i % NNAMES]], i / NNAMES + 1);
        p->hours = 8;
        p->weekdays = WD_MON_FRI;
        if (i < nop) {
            p->primary = SK_OPERATOR;
            p->skills = SK_OPERATOR;
            if (i < op_qc)
                p->skills |= SK_QC;
            else if (i < op_qc + op_sup)
                p->skills |= SK_SUPERVISOR;
        } else if (i < nop + nqc) {
            p->primary = p->skills = SK_QC;
        } else {
            p->primary = SK_SUPERVISOR;
            p->skills = SK_SUPERVISOR | SK_OPERATOR;
        }
        /* A few part-timers: four days, or shorter days. */
        if (p->primary != SK_SUPERVISOR && rng_pct(r, 12)) {
            if (rng_pct(r, 50))
                p->weekdays = 0x0fu;
            else
                p->hours = 6;
        }
    }

    /* Vacations, greedily: each person takes a spring week, three summer
     * weeks, an autumn week and a Christmas week, in weeks where at most a
     * quarter of the holders of each of their skills (one, with fewer than
     * eight) are away; who finds no such week works through. */
    int first_monday = gen_monday_on_or_after(g->start - 6);
    int nweeks = (g->ndays + 13) / 7 + 2;
    int holders[NSKILLS] = {0, 0, 0};
    for (int i = 0; i < S; i++)
        for (int k = 0; k < NSKILLS; k++)
            holders[k] += person_has(&g->persons[i], 1u << k);
    int max_off[NSKILLS];
    for (int k = 0; k < NSKILLS; k++)
        max_off[k] = holders[k] / 4 > 1 ? holders[k] / 4 : 1;
    int *off = calloc((size_t)nweeks * NSKILLS, sizeof *off);
    unsigned char *away = calloc((size_t)S * (size_t)nweeks, 1);
    int *order = malloc((size_t)S * sizeof *order);
    int rc = -1;
    if (!off || !away || !order)
        goto done;
    for (int i = 0; i < S; i++)
        order[i] = i;
    rng_shuffle(r, order, S);
    int y0, y1, mo, dd;
    date_to_ymd(g->start, &y0, &mo, &dd);
    date_to_ymd(g->end, &y1, &mo, &dd);
    for (int y = y0; y <= y1; y++) {
        /* window first Monday, last Monday, weeks in a row */
        int blocks[4][3] = {
            {gen_monday_on_or_after(date_from_ymd(y, 2, 1)), date_from_ymd(y, 5, 25), 1},
            {gen_monday_on_or_after(date_from_ymd(y, 6, 22)), date_from_ymd(y, 8, 17), 3},
            {gen_monday_on_or_after(date_from_ymd(y, 10, 1)), date_from_ymd(y, 11, 24), 1},
            {gen_monday_on_or_after(date_from_ymd(y, 12, 18)), date_from_ymd(y, 12, 31), 1},
        };
        for (int oi = 0; oi < S; oi++) {
            int p = order[oi];
            const struct gperson *pe = &g->persons[p];
            for (int b = 0; b < 4; b++) {
                int lo = blocks[b][0], hi = blocks[b][1], len = blocks[b][2];
                int n = (hi - lo) / 7 + 1;
                if (n < 1)
                    continue;
                int shift = rng_int(r, 0, n - 1);
                for (int t = 0; t < n; t++) {
                    int mon = lo + 7 * ((shift + t) % n);
                    if (mon < g->start || mon + 7 * len - 1 > g->end + 21)
                        continue;
                    int w0 = week_of(first_monday, mon), ok = 1;
                    for (int w = w0; w < w0 + len && ok; w++)
                        for (int k = 0; k < NSKILLS; k++)
                            if (person_has(pe, 1u << k) && off[w * NSKILLS + k] >= max_off[k])
                                ok = 0;
                    if (!ok)
                        continue;
                    for (int w = w0; w < w0 + len; w++) {
                        away[(size_t)p * (size_t)nweeks + (size_t)w] = 1;
                        for (int k = 0; k < NSKILLS; k++)
                            if (person_has(pe, 1u << k))
                                off[w * NSKILLS + k]++;
                    }
                    if (add_shift(g, p, mon, mon + 7 * len - 1, 0, 0) != 0)
                        goto done;
                    break;
                }
            }
        }
    }

    /* Weekend rota: a batch's daily checks fall on Saturdays and Sundays
     * too, at most 2 hours a batch: 2 hours per place, 8-hour shifts,
     * operators taken in turn among those not on vacation that week. */
    int nwe = (g->places * 2 + 7) / 8;
    int *ops = malloc((size_t)S * sizeof *ops), nops = 0, turn = 0;
    if (!ops)
        goto done;
    for (int i = 0; i < S; i++)
        if (g->persons[i].primary == SK_OPERATOR)
            ops[nops++] = i;
    rng_shuffle(r, ops, nops);
    int rota_end = g->end + 28;
    for (int sat = gen_next_in_mask(g->start, 1u << 5); sat <= rota_end; sat += 7) {
        int w = week_of(first_monday, sat);
        for (int k = 0, tries = 0; k < nwe && tries < nops; tries++) {
            int p = ops[turn++ % nops];
            if (away[(size_t)p * (size_t)nweeks + (size_t)w])
                continue;
            if (add_shift(g, p, sat, sat + 1, 8, (1u << 5) | (1u << 6)) != 0) {
                free(ops);
                goto done;
            }
            k++;
        }
    }
    /* On-call on weekday public holidays: enough operators for the checks
     * and one more for a seeding or harvest, one QC analyst and one
     * supervisor, so that a holiday stops no batch that is already running. */
    int noc = nwe + 1 > 2 ? nwe + 1 : 2;
    for (int h = 0; h < g->nholidays; h++) {
        int d = g->holidays[h].date;
        if (d > rota_end || date_weekday(d) >= 5)
            continue;
        int w = week_of(first_monday, d);
        for (int k = 0, tries = 0; k < noc && tries < nops; tries++) {
            int p = ops[turn++ % nops];
            if (away[(size_t)p * (size_t)nweeks + (size_t)w])
                continue;
            if (add_shift(g, p, d, d, 8, 0) != 0) {
                free(ops);
                goto done;
            }
            k++;
        }
        for (unsigned sk = SK_QC; sk <= SK_SUPERVISOR; sk <<= 1)
            for (int i = 0; i < S; i++) {
                int p = (i + h) % S;
                if (g->persons[p].primary == sk && !away[(size_t)p * (size_t)nweeks + (size_t)w]) {
                    if (add_shift(g, p, d, d, 8, 0) != 0) {
                        free(ops);
                        goto done;
                    }
                    break;
                }
            }
    }
    free(ops);
    rc = 0;
done:
    free(off);
    free(away);
    free(order);
    return rc;
}
