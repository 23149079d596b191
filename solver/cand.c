/* Candidate batches and pooled room groups (see cand.h). */
#include "solver/cand.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "models/batch.h"
#include "models/date.h"

static void free_groups(struct cands *C)
{
    for (int g = 0; g < C->ngroups; g++) {
        free(C->groups[g].rooms);
        free(C->groups[g].places);
    }
    free(C->groups);
}

void cand_free(struct cands *C)
{
    if (!C)
        return;
    free(C->c);
    free(C->first);
    free(C->count);
    free_groups(C);
    free(C->group_of);
    free(C->fixed_hours);
    free(C->fixed_people);
    free(C->fixed_use);
    free(C);
}

static int has_fixed_batch(const struct scenario *s, int room)
{
    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        if (pt->fixed_room != room || pt->fixed_start == DATE_NONE)
            continue;
        const struct process *v = &s->processes[pt->process];
        if (pt->fixed_start + v->duration + v->changeover - 1 >= s->start)
            return 1;
    }
    return 0;
}

static int same_room_kind(const struct scenario *s, int a, int b)
{
    const struct room *ra = &s->rooms[a], *rb = &s->rooms[b];
    if (strcmp(ra->type, rb->type) != 0 || ra->cost_per_day != rb->cost_per_day)
        return 0;
    return memcmp(&s->room_open[(size_t)a * s->ndays], &s->room_open[(size_t)b * s->ndays],
                  (size_t)s->ndays) == 0;
}

static int build_groups(const struct scenario *s, struct cands *C)
{
    int nd = s->ndays;
    C->group_of = malloc(sizeof(int) * (size_t)(s->nrooms ? s->nrooms : 1));
    C->groups = calloc((size_t)(s->nrooms ? s->nrooms : 1), sizeof *C->groups);
    if (!C->group_of || !C->groups)
        return -1;
    int *alone = calloc((size_t)(s->nrooms ? s->nrooms : 1), sizeof(int));
    if (!alone)
        return -1;
    for (int r = 0; r < s->nrooms; r++)
        alone[r] = has_fixed_batch(s, r);
    for (int r = 0; r < s->nrooms; r++) {
        int g = -1;
        if (!alone[r])
            for (int k = 0; k < C->ngroups && g < 0; k++) {
                int r0 = C->groups[k].rooms[0];
                if (!alone[r0] && same_room_kind(s, r, r0))
                    g = k;
            }
        if (g < 0) {
            g = C->ngroups++;
            struct room_group *G = &C->groups[g];
            G->rooms = malloc(sizeof(int) * (size_t)s->nrooms);
            G->places = calloc((size_t)nd, sizeof(int));
            if (!G->rooms || !G->places) {
                free(alone);
                return -1;
            }
            G->type = s->rooms[r].type;
            G->cost_per_day = s->rooms[r].cost_per_day;
        }
        struct room_group *G = &C->groups[g];
        G->rooms[G->nrooms++] = r;
        C->group_of[r] = g;
        for (int i = 0; i < nd; i++)
            if (s->room_open[(size_t)r * nd + i])
                G->places[i] += s->rooms[r].capacity;
    }
    free(alone);
    /* Fixed batches take their places from day start on. */
    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        if (pt->fixed_start == DATE_NONE)
            continue;
        const struct process *v = &s->processes[pt->process];
        struct room_group *G = &C->groups[C->group_of[pt->fixed_room]];
        for (int d = pt->fixed_start; d < pt->fixed_start + v->duration + v->changeover; d++)
            if (d >= s->start && d <= s->day_last && G->places[d - s->start] > 0)
                G->places[d - s->start]--;
    }
    return 0;
}

/* Adds the fixed batches' staff and material demand. */
static int fixed_demand(const struct scenario *s, struct cands *C)
{
    size_t nd = (size_t)s->ndays;
    C->fixed_hours = calloc(nd * (size_t)(s->nskills ? s->nskills : 1), sizeof(double));
    C->fixed_people = calloc(nd * (size_t)(s->nskills ? s->nskills : 1), sizeof(int));
    C->fixed_use = calloc(nd * (size_t)(s->nmaterials ? s->nmaterials : 1), sizeof(double));
    if (!C->fixed_hours || !C->fixed_people || !C->fixed_use)
        return -1;
    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        if (pt->fixed_start == DATE_NONE)
            continue;
        const struct process *v = &s->processes[pt->process];
        for (int k = 0; k < v->nsteps; k++) {
            int d = pt->fixed_start + v->steps[k].day;
            if (d < s->start || d > s->day_last)
                continue;
            size_t at = (size_t)v->steps[k].skill * nd + (size_t)(d - s->start);
            C->fixed_hours[at] += v->steps[k].people * v->steps[k].hours;
            if (v->steps[k].people > C->fixed_people[at])
                C->fixed_people[at] = v->steps[k].people;
        }
        for (int k = 0; k < v->nbom; k++) {
            int d = pt->fixed_start + v->bom[k].day;
            if (d < s->start || d > s->day_last)
                continue;
            C->fixed_use[(size_t)v->bom[k].material * nd + (size_t)(d - s->start)] +=
                v->bom[k].quantity;
        }
    }
    return 0;
}

/* Could a batch of process v starting on day, alone beside the fixed
 * batches, find its staff? A cheap necessary test that keeps hopeless
 * starts (a step on a day nobody with the skill works) out of the model. */
static int staff_possible(const struct scenario *s, const struct cands *C, int v, int day)
{
    const struct process *pr = &s->processes[v];
    for (int k = 0; k < pr->nsteps; k++) {
        const struct step *st = &pr->steps[k];
        int d = day + st->day;
        if (d > s->day_last)
            return 0;
        int i = d - s->start;
        double hours = 0;
        int people = 0;
        for (int q = 0; q < s->npersons; q++) {
            double h = s->person_hours[(size_t)q * s->ndays + i];
            if (h > 0 && scn_person_has_skill(s, q, st->skill)) {
                hours += h;
                people++;
            }
        }
        size_t at = (size_t)st->skill * s->ndays + (size_t)i;
        if (people < st->people || people < C->fixed_people[at])
            return 0;
        if (hours + 1e-9 < st->people * st->hours + C->fixed_hours[at])
            return 0;
    }
    return 1;
}

static int group_fits(const struct scenario *s, const struct room_group *G, const struct process *pr,
                      int day)
{
    if (pr->room_type && strcmp(pr->room_type, G->type) != 0)
        return 0;
    int from = day - s->start, to = from + pr->duration + pr->changeover - 1;
    if (to >= s->ndays)
        return 0;
    for (int i = from; i <= to; i++)
        if (G->places[i] <= 0)
            return 0;
    return 1;
}

static int push(struct cands *C, size_t *cap, const struct cand *c)
{
    if ((size_t)C->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 1024;
        struct cand *nc = realloc(C->c, ncap * sizeof *nc);
        if (!nc)
            return -1;
        C->c = nc;
        *cap = ncap;
    }
    C->c[C->n++] = *c;
    return 0;
}

struct cands *cand_build(const struct scenario *s)
{
    struct cands *C = calloc(1, sizeof *C);
    if (!C)
        return NULL;
    size_t np = (size_t)(s->npatients ? s->npatients : 1), cap = 0;
    C->first = calloc(np, sizeof(int));
    C->count = calloc(np, sizeof(int));
    if (!C->first || !C->count || build_groups(s, C) < 0 || fixed_demand(s, C) < 0)
        goto fail;
    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        C->first[p] = C->n;
        if (pt->fixed_start != DATE_NONE)
            continue;
        int from = pt->ready > s->start ? pt->ready : s->start;
        for (int day = from; day <= s->end; day++) {
            int v = scn_process_for(s, p, day);
            if (v < 0)
                continue;
            const struct process *pr = &s->processes[v];
            int hold = pt->max_hold >= 0 ? pt->max_hold : pr->max_hold;
            if (hold >= 0 && day - pt->ready > hold) {
                /* A longer hold of another version may still come. */
                if (pt->max_hold >= 0 || pt->process >= 0)
                    break;
                continue;
            }
            if (!(pr->start_days & (1u << date_weekday(day))))
                continue;
            struct batch_times t;
            batch_times(s, p, v, day, &t);
            if (s->max_delay >= 0 && t.delay > s->max_delay)
                continue;
            if (!staff_possible(s, C, v, day))
                continue;
            for (int g = 0; g < C->ngroups; g++) {
                if (!group_fits(s, &C->groups[g], pr, day))
                    continue;
                struct cand c = {p, day, v, g, pr->duration + pr->changeover, t.delay, 0};
                c.room_cost = C->groups[g].cost_per_day * c.room_days;
                if (push(C, &cap, &c) < 0)
                    goto fail;
            }
        }
        C->count[p] = C->n - C->first[p];
    }
    return C;
fail:
    cand_free(C);
    return NULL;
}

int cand_assign_rooms(const struct scenario *s, const struct cands *C, const int *groups,
                      struct solution *sol)
{
    assert(groups && sol && sol->npatients == s->npatients);
    /* used[room * ndays + i]: places taken on day start + i. */
    int nd = s->ndays;
    int *used = calloc((size_t)(s->nrooms ? s->nrooms : 1) * (size_t)nd, sizeof(int));
    int *order = malloc(sizeof(int) * (size_t)(s->npatients ? s->npatients : 1));
    int rc = -1, n = 0;
    if (!used || !order)
        goto done;
    for (int p = 0; p < s->npatients; p++) {
        const struct sol_batch *b = &sol->batch[p];
        if (b->start == DATE_NONE)
            continue;
        if (s->patients[p].fixed_start != DATE_NONE) {
            const struct process *v = &s->processes[b->process];
            for (int d = b->start; d < b->start + v->duration + v->changeover; d++)
                if (d >= s->start && d <= s->day_last)
                    used[(size_t)b->room * nd + (size_t)(d - s->start)]++;
        } else {
            order[n++] = p;
        }
    }
    /* Earliest start first (insertion sort keeps ties in patient order:
     * deterministic). */
    for (int i = 1; i < n; i++) {
        int x = order[i], j = i;
        while (j > 0 && sol->batch[order[j - 1]].start > sol->batch[x].start) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    for (int i = 0; i < n; i++) {
        struct sol_batch *b = &sol->batch[order[i]];
        const struct room_group *G = &C->groups[groups[order[i]]];
        const struct process *v = &s->processes[b->process];
        int from = b->start - s->start, to = from + v->duration + v->changeover - 1;
        b->room = -1;
        for (int k = 0; k < G->nrooms && b->room < 0; k++) {
            int r = G->rooms[k], ok = 1;
            for (int d = from; d <= to && ok; d++)
                ok = s->room_open[(size_t)r * nd + d] && used[(size_t)r * nd + d] < s->rooms[r].capacity;
            if (ok)
                b->room = r;
        }
        if (b->room < 0)
            goto done;
        for (int d = from; d <= to; d++)
            used[(size_t)b->room * nd + d]++;
    }
    rc = 0;
done:
    free(used);
    free(order);
    return rc;
}

int cand_estimate(const struct scenario *s, double *candidates, int *ngroups, int *widest)
{
    /* Only the groups are built (a few arrays of ndays): the estimate must
     * not need the memory whose lack it is there to foresee. */
    struct cands G;
    memset(&G, 0, sizeof G);
    *candidates = 0;
    *ngroups = 0;
    *widest = 0;
    if (build_groups(s, &G) < 0) {
        free_groups(&G);
        free(G.group_of);
        return -1;
    }
    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        if (pt->fixed_start != DATE_NONE)
            continue;
        int from = pt->ready > s->start ? pt->ready : s->start, to = s->end;
        /* delay >= start - due, so max_delay caps the last start. */
        if (s->max_delay >= 0 && pt->due != DATE_NONE && pt->due + s->max_delay < to)
            to = pt->due + s->max_delay;
        /* The longest hold, the most start weekdays and the most room
         * groups of the versions the patient may get. */
        int hold = pt->max_hold, unlimited = 0, weekdays = 0, groups = 0;
        for (int v = 0; v < s->nprocesses; v++) {
            const struct process *pr = &s->processes[v];
            if (pt->process >= 0 && v != pt->process)
                continue;
            if (pr->max_hold < 0)
                unlimited = 1;
            else if (pr->max_hold > hold)
                hold = pr->max_hold;
            int w = 0, g = 0;
            for (int d = 0; d < 7; d++)
                w += (pr->start_days >> d) & 1u;
            for (int k = 0; k < G.ngroups; k++)
                g += !pr->room_type || strcmp(pr->room_type, G.groups[k].type) == 0;
            weekdays = w > weekdays ? w : weekdays;
            groups = g > groups ? g : groups;
        }
        if (pt->max_hold >= 0)
            hold = pt->max_hold;
        else if (unlimited)
            hold = -1;
        if (hold >= 0 && pt->ready + hold < to)
            to = pt->ready + hold;
        if (to >= from) {
            double days = to - from + 1;
            /* A week's start days in every full week, all of a short one. */
            double starts = days < 7 ? days : days * weekdays / 7 + 6;
            *candidates += (starts < days ? starts : days) * groups;
            if (to - from + 1 > *widest)
                *widest = to - from + 1;
        }
    }
    *ngroups = G.ngroups;
    free_groups(&G);
    free(G.group_of);
    return 0;
}
