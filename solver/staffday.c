/* One day's staff assignment by bounded backtracking (see staffday.h).
 *
 * Why the search only ever gives a person a skill that is still short:
 * the rules are all "at least", so a person given to a skill already
 * covered could as well stay free, and a person left free while one of
 * their skills is short could as well serve it. Branching over the short
 * skills of one person at a time, and freeing the persons with no short
 * skill, therefore loses no solution: the search is exact within its cap. */
#include "solver/staffday.h"

#include <assert.h>
#include <stdlib.h>

enum { FOUND = 0, FAILED = 1, CAPPED = 2 };

struct staffday {
    int nskills, npersons;
    long cap;               /* nodes per solve */
    long nodes;             /* used by the last solve */

    /* The day being solved (borrowed for one staffday_solve). */
    const struct person *persons;
    const double *hours;
    const double *need_h;
    const int *need_p;

    unsigned char *wanted;  /* [skill]: some demand */
    double *got_h;          /* [skill]: hours assigned so far */
    int *got_p;             /* [skill]: persons assigned so far */
    double *pot_h;          /* [skill]: got + hours of undecided persons with it */
    int *pot_p;             /* [skill]: got + undecided persons with it */
    int *assign;            /* [person]: skill, or -1 */
    unsigned char *open;    /* [person]: undecided */
    int nopen;              /* undecided persons */
    double open_hours;      /* their hours */
    int *trail;             /* persons decided, in order, for undoing */
    int ntrail;
    int *opts;              /* [depth * nskills + j]: branching order */
};

staffday *staffday_new(int nskills, int npersons, long node_cap)
{
    assert(nskills >= 0 && npersons >= 0);
    staffday *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    size_t nk = (size_t)(nskills > 0 ? nskills : 1), np = (size_t)(npersons > 0 ? npersons : 1);
    w->nskills = nskills;
    w->npersons = npersons;
    w->cap = node_cap > 0 ? node_cap : STAFFDAY_NODE_CAP;
    w->wanted = calloc(nk, 1);
    w->got_h = calloc(nk, sizeof(double));
    w->got_p = calloc(nk, sizeof(int));
    w->pot_h = calloc(nk, sizeof(double));
    w->pot_p = calloc(nk, sizeof(int));
    w->assign = calloc(np, sizeof(int));
    w->open = calloc(np, 1);
    w->trail = calloc(np, sizeof(int));
    w->opts = calloc((np + 1) * nk, sizeof(int));
    if (!w->wanted || !w->got_h || !w->got_p || !w->pot_h || !w->pot_p || !w->assign ||
        !w->open || !w->trail || !w->opts) {
        staffday_free(w);
        return NULL;
    }
    return w;
}

void staffday_free(staffday *w)
{
    if (!w)
        return;
    free(w->wanted);
    free(w->got_h);
    free(w->got_p);
    free(w->pot_h);
    free(w->pot_p);
    free(w->assign);
    free(w->open);
    free(w->trail);
    free(w->opts);
    free(w);
}

long staffday_nodes(const staffday *w)
{
    return w->nodes;
}

static int short_of(const staffday *w, int k)
{
    return w->got_h[k] < w->need_h[k] - STAFFDAY_EPS || w->got_p[k] < w->need_p[k];
}

/* Person q serves skill k (-1: stays free). Pushed on the trail. */
static void decide(staffday *w, int q, int k)
{
    const struct person *pe = &w->persons[q];
    double h = w->hours[q];
    for (int j = 0; j < pe->nskills; j++) {
        int sk = pe->skills[j];
        if (sk != k && w->wanted[sk]) {
            w->pot_h[sk] -= h;
            w->pot_p[sk]--;
        }
    }
    if (k >= 0) {
        w->got_h[k] += h;
        w->got_p[k]++;
    }
    w->assign[q] = k;
    w->open[q] = 0;
    w->nopen--;
    w->open_hours -= h;
    w->trail[w->ntrail++] = q;
}

static void undo_to(staffday *w, int mark)
{
    while (w->ntrail > mark) {
        int q = w->trail[--w->ntrail], k = w->assign[q];
        const struct person *pe = &w->persons[q];
        double h = w->hours[q];
        for (int j = 0; j < pe->nskills; j++) {
            int sk = pe->skills[j];
            if (sk != k && w->wanted[sk]) {
                w->pot_h[sk] += h;
                w->pot_p[sk]++;
            }
        }
        if (k >= 0) {
            w->got_h[k] -= h;
            w->got_p[k]--;
        }
        w->assign[q] = -1;
        w->open[q] = 1;
        w->nopen++;
        w->open_hours += h;
    }
}

/* Would skill k stay coverable without person q's hours? */
static int critical(const staffday *w, int k, double h)
{
    return w->pot_h[k] - h < w->need_h[k] - STAFFDAY_EPS || w->pot_p[k] - 1 < w->need_p[k];
}

/* Persons like q that skill k can spare: small means tight. */
static double spare(const staffday *w, int k, double h)
{
    double by_people = w->pot_p[k] - w->need_p[k];
    double by_hours = (w->pot_h[k] - w->need_h[k]) / h;
    return by_people < by_hours ? by_people : by_hours;
}

static int search(staffday *w, int depth)
{
    if (++w->nodes > w->cap)
        return CAPPED;
    double deficit_h = 0;
    int deficit_p = 0, nshort = 0;
    for (int k = 0; k < w->nskills; k++) {
        if (!w->wanted[k] || !short_of(w, k))
            continue;
        nshort++;
        if (w->pot_h[k] < w->need_h[k] - STAFFDAY_EPS || w->pot_p[k] < w->need_p[k])
            return FAILED;
        if (w->need_h[k] > w->got_h[k])
            deficit_h += w->need_h[k] - w->got_h[k];
        if (w->need_p[k] > w->got_p[k])
            deficit_p += w->need_p[k] - w->got_p[k];
    }
    if (nshort == 0)
        return FOUND;
    /* Each person serves one skill: what is short altogether must fit in
     * the undecided persons' hours and heads. */
    if (deficit_h > w->open_hours + STAFFDAY_EPS || deficit_p > w->nopen)
        return FAILED;

    /* Pick the person to branch on: one forced to a skill first, then the
     * fewest short skills, then the fewest skills at all (the versatile
     * stay free longest), then the most hours, then the lowest index.
     * Persons with no short skill are freed on the way. */
    int mark = w->ntrail, best = -1, best_opts = 0, best_forced = 0;
    for (int q = 0; q < w->npersons; q++) {
        if (!w->open[q])
            continue;
        const struct person *pe = &w->persons[q];
        double h = w->hours[q];
        int nopt = 0, forced = 0;
        for (int j = 0; j < pe->nskills; j++) {
            int k = pe->skills[j];
            if (!w->wanted[k] || !short_of(w, k))
                continue;
            nopt++;
            if (critical(w, k, h))
                forced++;
        }
        if (forced > 1) {
            /* Two skills each need this person: impossible. */
            undo_to(w, mark);
            return FAILED;
        }
        if (nopt == 0) {
            decide(w, q, -1);
            continue;
        }
        int better;
        if (best < 0)
            better = 1;
        else if (forced != best_forced)
            better = forced > best_forced;
        else if (nopt != best_opts)
            better = nopt < best_opts;
        else if (pe->nskills != w->persons[best].nskills)
            better = pe->nskills < w->persons[best].nskills;
        else
            better = h > w->hours[best];
        if (better) {
            best = q;
            best_opts = nopt;
            best_forced = forced;
        }
    }
    if (best < 0) {
        undo_to(w, mark);
        return FAILED;
    }

    /* Its short skills, the tightest first (a forced one alone). */
    const struct person *pe = &w->persons[best];
    double h = w->hours[best];
    int *opt = &w->opts[(size_t)depth * (size_t)w->nskills], n = 0;
    for (int j = 0; j < pe->nskills; j++) {
        int k = pe->skills[j];
        if (!w->wanted[k] || !short_of(w, k))
            continue;
        if (best_forced && !critical(w, k, h))
            continue;
        int at = n++;
        while (at > 0) {
            int o = opt[at - 1];
            double so = spare(w, o, h), sk = spare(w, k, h);
            if (so < sk || (so == sk && o < k))
                break;
            opt[at] = o;
            at--;
        }
        opt[at] = k;
    }
    for (int i = 0; i < n; i++) {
        int here = w->ntrail;
        decide(w, best, opt[i]);
        int r = search(w, depth + 1);
        if (r == FOUND)
            return FOUND;
        undo_to(w, here);
        if (r == CAPPED) {
            undo_to(w, mark);
            return CAPPED;
        }
    }
    undo_to(w, mark);
    return FAILED;
}

enum staffday_verdict staffday_solve(staffday *w, const struct person *persons,
                                     const double *hours, const double *need_hours,
                                     const int *need_people, int *skill_of)
{
    assert(w && persons && hours && need_hours && need_people && skill_of);
    w->persons = persons;
    w->hours = hours;
    w->need_h = need_hours;
    w->need_p = need_people;
    w->nodes = 0;
    w->ntrail = 0;
    w->nopen = 0;
    w->open_hours = 0;
    for (int k = 0; k < w->nskills; k++) {
        w->wanted[k] = need_hours[k] > STAFFDAY_EPS || need_people[k] > 0;
        w->got_h[k] = w->pot_h[k] = 0;
        w->got_p[k] = w->pot_p[k] = 0;
    }
    for (int q = 0; q < w->npersons; q++) {
        w->assign[q] = -1;
        w->open[q] = 0;
        if (hours[q] <= 0)
            continue;
        const struct person *pe = &persons[q];
        int useful = 0;
        for (int j = 0; j < pe->nskills; j++) {
            int k = pe->skills[j];
            if (w->wanted[k]) {
                useful = 1;
                w->pot_h[k] += hours[q];
                w->pot_p[k]++;
            }
        }
        if (useful) {
            w->open[q] = 1;
            w->nopen++;
            w->open_hours += hours[q];
        }
    }
    int r = search(w, 0);
    for (int q = 0; q < w->npersons; q++)
        skill_of[q] = r == FOUND ? w->assign[q] : -1;
    return r == FOUND ? STAFFDAY_FEASIBLE : r == CAPPED ? STAFFDAY_UNKNOWN : STAFFDAY_INFEASIBLE;
}
