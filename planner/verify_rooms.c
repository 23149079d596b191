/* planner verify, the rooms family: per room and day the batches holding
 * a place fit in its capacity, and a room is open on every day a batch
 * uses it. The formulation keeps the same rules in solver/rule_rooms.c
 * (capacity; availability is in the candidates, solver/cand.c). */
#include <stdlib.h>
#include <string.h>

#include "planner/verify_rules.h"

/* ---- rooms -----------------------------------------------------------------
 * A batch holds one place of its room on its manufacturing and changeover
 * days; days before the horizon's start are the past and use nothing. */

/* "on 2027-03-02" or "on 2027-03-02 .. 2027-03-04". */
static const char *span_str(struct verify *V, int from, int to, char *buf, size_t size)
{
    if (from == to)
        snprintf(buf, size, "on %s", day_str(V, from));
    else
        snprintf(buf, size, "on %s .. %s", day_str(V, from), day_str(V, to));
    return buf;
}

/* 0 if day is not in batch b's room days, 1 manufacturing, 2 changeover. */
static int room_phase(const struct scenario *s, const struct batch *b, int day)
{
    const struct process *pr = &s->processes[b->process];
    if (day < b->start)
        return 0;
    if (day < b->start + pr->duration)
        return 1;
    if (day < b->start + pr->duration + pr->changeover)
        return 2;
    return 0;
}

/* The batches of each room, by start then patient: entries
 * first[r] .. first[r+1]-1 of batch (indices into V->batches). */
struct room_index {
    int *first, *batch;
    int span;           /* longest stay of any process in a room, days */
};

static int room_index_build(struct verify *V, struct room_index *ix)
{
    const struct scenario *s = V->s;
    ix->first = calloc((size_t)s->nrooms + 2, sizeof *ix->first);
    ix->batch = malloc(((size_t)V->nbatches + 1) * sizeof *ix->batch);
    if (!ix->first || !ix->batch)
        return -1;
    ix->span = 1;
    for (int i = 0; i < s->nprocesses; i++)
        if (s->processes[i].duration + s->processes[i].changeover > ix->span)
            ix->span = s->processes[i].duration + s->processes[i].changeover;
    for (int i = 0; i < V->nbatches; i++)
        if (V->batches[i].room >= 0)
            ix->first[V->batches[i].room + 1]++;
    for (int r = 0; r < s->nrooms; r++)
        ix->first[r + 1] += ix->first[r];
    for (int i = 0; i < V->nbatches; i++)
        if (V->batches[i].room >= 0)
            ix->batch[ix->first[V->batches[i].room]++] = i;
    memmove(ix->first + 1, ix->first, (size_t)s->nrooms * sizeof *ix->first);
    ix->first[0] = 0;
    return 0;
}

/* The batches in room r on day, as room_grid.csv shows them: the ones
 * manufacturing, then changeover:<patient>. */
static void room_occupants(struct verify *V, const struct room_index *ix, int r, int day, char *buf,
                           size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    /* Only batches started within the longest stay before day can be in
     * the room: find the first of them by bisection. */
    int lo = ix->first[r], hi = ix->first[r + 1];
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (V->batches[ix->batch[mid]].start < day - ix->span + 1)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int phase = 1; phase <= 2; phase++)
        for (int e = lo; e < ix->first[r + 1] && V->batches[ix->batch[e]].start <= day; e++) {
            const struct batch *b = &V->batches[ix->batch[e]];
            if (room_phase(V->s, b, day) != phase)
                continue;
            int n = snprintf(buf + used, size - used, "%s%s%s", used ? " " : "",
                             phase == 2 ? "changeover:" : "", b->id);
            if (n < 0 || (size_t)n >= size - used) {
                snprintf(buf + size - 4, 4, "...");
                return;
            }
            used += (size_t)n;
        }
}

/* Capacity: per room and day, batches <= capacity. Consecutive days with
 * the same occupants are one violation. */
static int rooms_capacity(struct verify *V)
{
    const struct scenario *s = V->s;
    size_t nd = (size_t)V->ndays;
    struct room_index ix = {0};
    int *used = calloc((size_t)s->nrooms * nd + 1, sizeof *used);
    char *cur = malloc(4096), *prev = malloc(4096), span[64];
    int rc = -1;
    if (!used || !cur || !prev || room_index_build(V, &ix) != 0)
        goto done;
    for (int i = 0; i < V->nbatches; i++) {
        const struct batch *b = &V->batches[i];
        const struct process *pr = &s->processes[b->process];
        if (b->room < 0)
            continue;
        for (int day = b->start; day < b->start + pr->duration + pr->changeover; day++) {
            int k = day_index(V, day);
            if (k >= 0)
                used[(size_t)b->room * nd + (size_t)k]++;
        }
    }
    for (int r = 0; r < s->nrooms; r++) {
        int run_from = -1, run_count = 0;
        for (int k = 0; k <= V->ndays; k++) {
            int over = k < V->ndays && used[(size_t)r * nd + (size_t)k] > s->rooms[r].capacity;
            if (over)
                room_occupants(V, &ix, r, s->start + k, cur, 4096);
            if (run_from >= 0 && (!over || strcmp(cur, prev) != 0)) {
                violation(V, "room %s %s: %d batches (%s) but capacity %d", s->rooms[r].id,
                          span_str(V, s->start + run_from, s->start + k - 1, span, sizeof span),
                          run_count, prev, s->rooms[r].capacity);
                run_from = -1;
            }
            if (over && run_from < 0) {
                run_from = k;
                run_count = used[(size_t)r * nd + (size_t)k];
                snprintf(prev, 4096, "%s", cur);
            }
        }
    }
    rc = 0;
done:
    free(ix.first);
    free(ix.batch);
    free(used);
    free(cur);
    free(prev);
    return rc;
}

/* Availability: every day a batch occupies its room (from the horizon's
 * start on) the room is open. Consecutive closed days of one batch in one
 * phase are one violation. */
static void rooms_open(struct verify *V)
{
    const struct scenario *s = V->s;
    char span[64];
    for (int i = 0; i < V->nbatches; i++) {
        const struct batch *b = &V->batches[i];
        const struct process *pr = &s->processes[b->process];
        if (b->room < 0)
            continue;
        int last = b->start + pr->duration + pr->changeover - 1;
        int run_from = DATE_NONE, run_phase = 0;
        for (int day = b->start; day <= last + 1; day++) {
            int phase = day <= last ? room_phase(s, b, day) : 0;
            int closed = day <= last && day >= s->start && !scn_room_open(s, b->room, day);
            if (run_from != DATE_NONE && (!closed || phase != run_phase)) {
                violation(V, "room %s %s: closed, but used by %s%s", s->rooms[b->room].id,
                          span_str(V, run_from, day - 1, span, sizeof span), patient_id(V, b->patient),
                          run_phase == 2 ? " (changeover)" : "");
                run_from = DATE_NONE;
            }
            if (closed && run_from == DATE_NONE) {
                run_from = day;
                run_phase = phase;
            }
        }
    }
}

int verify_rooms(struct verify *V)
{
    if (rooms_capacity(V) != 0)
        return -1;
    rooms_open(V);
    return 0;
}
