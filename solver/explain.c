/* Why a patient is late or unserved (solve_explain in solver.h): the
 * other batches of the plan are rebuilt in a ledger (ledger.h) and the
 * patient's earliest candidate that would deliver earlier is checked
 * beside them; when there is no such candidate at all, the start rules
 * that removed the days are named instead. */
#include "solver/explain.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/batch.h"
#include "models/date.h"
#include "solver/ledger.h"
#include "solver/staffday.h"

/* A line being written into the caller's buffer, truncated to fit. */
struct line {
    char *buf;
    size_t size, len;
};

static void put(struct line *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct line *o, const char *fmt, ...)
{
    if (o->len + 1 >= o->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    o->len += (size_t)n;
    if (o->len >= o->size)
        o->len = o->size - 1;
}

/* Dates for messages: a few rotating buffers, so that one put() can show
 * several. */
struct dates {
    char b[4][DATE_BUFSZ];
    int next;
};

static const char *day_str(struct dates *d, int date)
{
    d->next = (d->next + 1) % 4;
    return date_format(date, d->b[d->next]);
}

/* Hours as a user writes them: 8, 7.5, 12.25. */
static const char *hours_str(char *buf, size_t size, double h)
{
    snprintf(buf, size, "%.2f", h + 1e-9);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    return buf;
}

/* ---- no candidate: the start rules -------------------------------------- */

enum {
    R_APPROVAL = 1 << 0,
    R_HOLD = 1 << 1,
    R_DAYS = 1 << 2,
    R_LATER = 1 << 3,
    R_MAXDELAY = 1 << 4,
    R_ROOM = 1 << 5,
    R_STAFF = 1 << 6
};

/* Is there a room group of process pr's type open on every room day of a
 * start on day, beside the fixed batches? */
static int some_room(const struct scenario *s, const struct cands *C, int pr, int day)
{
    const struct process *v = &s->processes[pr];
    int from = day - s->start, to = from + v->duration + v->changeover - 1;
    if (from < 0 || to >= s->ndays)
        return 0;
    for (int g = 0; g < C->ngroups; g++) {
        const struct room_group *G = &C->groups[g];
        if (v->room_type && strcmp(v->room_type, G->type) != 0)
            continue;
        int ok = 1;
        for (int i = from; i <= to && ok; i++)
            ok = G->places[i] > 0;
        if (ok)
            return 1;
    }
    return 0;
}

static void start_rules(const struct scenario *s, const struct cands *C, const struct solution *sol,
                        int p, int cur_delay, struct line *o)
{
    const struct patient *pt = &s->patients[p];
    const struct sol_batch *b = &sol->batch[p];
    struct dates ds = {.next = 0};
    int lo = pt->ready > s->start ? pt->ready : s->start;
    int hi = b->start != DATE_NONE ? b->start - 1 : s->end;
    int why = 0, hold_last = DATE_NONE, days_pr = -1;
    for (int d = lo; d <= hi; d++) {
        int v = scn_process_for(s, p, d);
        if (v < 0) {
            why |= R_APPROVAL;
            continue;
        }
        const struct process *pr = &s->processes[v];
        int hold = pt->max_hold >= 0 ? pt->max_hold : pr->max_hold;
        if (hold >= 0 && d - pt->ready > hold) {
            why |= R_HOLD;
            if (hold_last == DATE_NONE || pt->ready + hold > hold_last)
                hold_last = pt->ready + hold;
            continue;
        }
        if (!(pr->start_days & (1u << date_weekday(d)))) {
            why |= R_DAYS;
            if (days_pr < 0)
                days_pr = v;
            continue;
        }
        struct batch_times t;
        batch_times(s, p, v, d, &t);
        if (t.delay >= cur_delay)
            why |= R_LATER;
        else if (s->max_delay >= 0 && t.delay > s->max_delay)
            why |= R_MAXDELAY;
        else if (!some_room(s, C, v, d))
            why |= R_ROOM;
        else
            why |= R_STAFF;
    }
    if (b->start != DATE_NONE)
        put(o, "no start allowed before %s that delivers earlier (", day_str(&ds, b->start));
    else
        put(o, "no start allowed from %s to %s (", day_str(&ds, lo), day_str(&ds, s->end));
    if (pt->ready >= s->start)
        put(o, "ready %s", day_str(&ds, pt->ready));
    else
        put(o, "horizon starts %s", day_str(&ds, s->start));
    if (why & R_HOLD)
        put(o, "; hold: last start %s", day_str(&ds, hold_last));
    if (why & R_DAYS) {
        char wd[64];
        put(o, "; start days %s",
            wd_format(s->processes[days_pr].start_days, wd, sizeof wd));
    }
    if (why & R_APPROVAL) {
        if (pt->process >= 0) {
            const struct process *pr = &s->processes[pt->process];
            put(o, "; approval of %s", pr->id);
            if (pr->approved_from != DATE_NONE)
                put(o, " from %s", day_str(&ds, pr->approved_from));
            if (pr->approved_until != DATE_FAR)
                put(o, " until %s", day_str(&ds, pr->approved_until));
        } else {
            put(o, "; approval: no version approved on some days");
        }
    }
    if (why & R_LATER) {
        char wd[64];
        put(o, "; ships no earlier (ship days %s)",
            wd_format(s->sites[pt->site].ship_weekdays, wd, sizeof wd));
    }
    if (why & R_MAXDELAY)
        put(o, "; max_delay %d days", s->max_delay);
    if (why & R_ROOM)
        put(o, "; no room of its type open");
    if (why & R_STAFF)
        put(o, "; no staff with the skills on its step days");
    put(o, ")");
}

/* ---- a candidate that does not fit: the resource --------------------------- */

static void say_room(const struct scenario *s, const struct cands *C, const struct ledger_why *w,
                     struct line *o)
{
    const struct room_group *G = &C->groups[w->group];
    struct dates ds = {.next = 0};
    put(o, "%s", G->nrooms > 1 ? "room group" : "room");
    for (int k = 0; k < G->nrooms; k++)
        put(o, " %s", s->rooms[G->rooms[k]].id);
    int i = w->day - s->start;
    put(o, " %s on %s", i >= 0 && i < s->ndays && G->places[i] == 0 ? "closed" : "full",
        day_str(&ds, w->day));
}

static void say_material(const struct scenario *s, const struct ledger_why *w, struct line *o)
{
    const struct material *m = &s->materials[w->material];
    struct dates ds = {.next = 0};
    put(o, "material %s short on %s", m->id, day_str(&ds, w->day));
    if (m->lead_time < 0)
        put(o, " (cannot be ordered)");
    else
        put(o, "; an order placed on %s arrives on %s", day_str(&ds, s->start),
            day_str(&ds, s->start + m->lead_time));
}

/* Staff of one day: the others' demand, the candidate's, and a search. */
struct staff_probe {
    const struct scenario *s;
    staffday *sd;
    int i;                  /* day index */
    double *hours;          /* [person]: shift hours that day */
    double *oh, *ch, *nh;   /* [skill]: others', candidate's, probed hours */
    int *op, *cp, *np;      /* [skill]: people likewise */
    int *found;             /* [person] */
};

static int probe(struct staff_probe *z)
{
    return staffday_solve(z->sd, z->s->persons, z->hours, z->nh, z->np, z->found) ==
           STAFFDAY_FEASIBLE;
}

/* The others' demand with skill k set to (hours, people). */
static void probe_set(struct staff_probe *z, int k, double hours, int people)
{
    for (int j = 0; j < z->s->nskills; j++) {
        z->nh[j] = z->oh[j];
        z->np[j] = z->op[j];
    }
    z->nh[k] = hours;
    z->np[k] = people;
}

/* Allocates z's arrays for scenario s: 0, or -1 when out of memory (z is
 * then still safe to probe_free). */
static int probe_new(struct staff_probe *z, const struct scenario *s)
{
    size_t nk = (size_t)(s->nskills ? s->nskills : 1), npe = (size_t)(s->npersons ? s->npersons : 1);
    *z = (struct staff_probe){s, staffday_new(s->nskills, s->npersons, 0), 0,
                              calloc(npe, sizeof(double)), calloc(nk, sizeof(double)),
                              calloc(nk, sizeof(double)), calloc(nk, sizeof(double)),
                              calloc(nk, sizeof(int)), calloc(nk, sizeof(int)),
                              calloc(nk, sizeof(int)), calloc(npe, sizeof(int))};
    return z->sd && z->hours && z->oh && z->ch && z->nh && z->op && z->cp && z->np && z->found ? 0 : -1;
}

static void probe_free(struct staff_probe *z)
{
    staffday_free(z->sd);
    free(z->hours);
    free(z->oh);
    free(z->ch);
    free(z->nh);
    free(z->op);
    free(z->cp);
    free(z->np);
    free(z->found);
}

/* Sets z for day (inside the horizon): the persons' shift hours, the other
 * batches' demand from the ledger, and what a batch of process v started
 * on start needs of each skill that day. */
static void probe_day(struct staff_probe *z, ledger *L, const struct process *v, int start, int day)
{
    const struct scenario *s = z->s;
    z->i = day - s->start;
    for (int q = 0; q < s->npersons; q++)
        z->hours[q] = s->person_hours[(size_t)q * (size_t)s->ndays + (size_t)z->i];
    ledger_day_demand(L, z->i, z->oh, z->op);
    for (int k = 0; k < s->nskills; k++)
        z->ch[k] = z->cp[k] = 0;
    for (int b = 0; b < v->nsteps; b++) {
        const struct step *st = &v->steps[b];
        if (start + st->day != day)
            continue;
        z->ch[st->skill] += st->people * st->hours;
        if (st->people > z->cp[st->skill])
            z->cp[st->skill] = st->people;
    }
}

/* Whether skill k can be given the candidate's need (z->ch, z->cp) on top
 * of the others' (z->oh, z->op): 0 when it can; 1 when people are short
 * (*free_people: the most the others leave); 2 when hours are short
 * (*free_hours: the most the others leave, found by bisection, as
 * feasibility grows when the hours asked shrink). */
static int skill_short(struct staff_probe *z, int k, int *free_people, double *free_hours)
{
    int people = z->op[k] > z->cp[k] ? z->op[k] : z->cp[k];
    probe_set(z, k, z->oh[k], people);
    if (!probe(z)) {
        *free_people = 0;
        for (int n = z->cp[k] - 1; n > 0 && !*free_people; n--) {
            probe_set(z, k, z->oh[k], z->op[k] > n ? z->op[k] : n);
            if (probe(z))
                *free_people = n;
        }
        return 1;
    }
    probe_set(z, k, z->oh[k] + z->ch[k], people);
    if (probe(z))
        return 0;
    double lo = 0, hi = z->ch[k];
    for (int it = 0; it < 50; it++) {
        double mid = (lo + hi) / 2;
        probe_set(z, k, z->oh[k] + mid, people);
        if (probe(z))
            lo = mid;
        else
            hi = mid;
    }
    *free_hours = lo;
    return 2;
}

static int say_staff(const struct scenario *s, ledger *L, int pr, int start,
                     const struct ledger_why *w, struct line *o)
{
    struct staff_probe z;
    struct dates ds = {.next = 0};
    int rc = -1;
    if (probe_new(&z, s) != 0)
        goto done;
    probe_day(&z, L, &s->processes[pr], start, w->day);
    /* The first skill that alone cannot be given what the batch needs. */
    for (int k = 0; k < s->nskills; k++) {
        if (z.ch[k] <= 0)
            continue;
        char h1[32], h2[32];
        int free_p = 0;
        double lo = 0;
        int why = skill_short(&z, k, &free_p, &lo);
        if (why == 0)
            continue;
        if (why == 1)
            put(o, "skill %s short on %s (%d people needed, %d free)", s->skills[k],
                day_str(&ds, w->day), z.cp[k], free_p);
        else
            put(o, "skill %s short on %s (%s h needed, %s h free)", s->skills[k],
                day_str(&ds, w->day), hours_str(h1, sizeof h1, z.ch[k]),
                hours_str(h2, sizeof h2, lo));
        rc = 0;
        goto done;
    }
    /* Each skill alone fits; together they do not: persons are shared. */
    put(o, "staff short on %s: skills", day_str(&ds, w->day));
    for (int k = 0; k < s->nskills; k++)
        if (z.ch[k] > 0) {
            char h1[32];
            put(o, " %s (%s h)", s->skills[k], hours_str(h1, sizeof h1, z.ch[k]));
        }
    put(o, " cannot all be covered by the same persons");
    rc = 0;
done:
    probe_free(&z);
    return rc;
}

/* The first day from .. to on which room r is closed, or DATE_NONE. */
static int closed_day(const struct scenario *s, int r, int from, int to)
{
    for (int d = from; d <= to; d++)
        if (d >= s->start && d <= s->end && !scn_room_open(s, r, d))
            return d;
    return DATE_NONE;
}

/* The rooms of process pr's type that have no candidate from day start
 * because they are closed on one of its room days (in no group of
 * groups[0 .. ngroups-1]): "; room B2 closed on 2027-03-04" each, so that a
 * reason never names a full room alone where another was closed. */
static void say_closed(const struct scenario *s, const struct cands *C, int pr, int start,
                       const int *groups, int ngroups, struct line *o)
{
    const struct process *v = &s->processes[pr];
    struct dates ds = {.next = 0};
    for (int r = 0; r < s->nrooms; r++) {
        int seen = 0;
        for (int k = 0; k < ngroups; k++)
            seen |= C->group_of[r] == groups[k];
        if (seen || (v->room_type && strcmp(v->room_type, s->rooms[r].type) != 0))
            continue;
        int d = closed_day(s, r, start, start + v->duration + v->changeover - 1);
        if (d != DATE_NONE)
            put(o, "; room %s closed on %s", s->rooms[r].id, day_str(&ds, d));
    }
}

/* Checks p's candidates starting on the earliest better start beside the
 * others in L and says why none fits. */
static int say_candidates(const struct scenario *s, const struct cands *C, ledger *L, int p,
                          int first, int cur_delay, int served, struct line *o)
{
    const struct cand *c0 = &C->c[first];
    struct dates ds = {.next = 0};
    struct batch_times t;
    batch_times(s, p, c0->process, c0->start, &t);
    if (served)
        put(o, "start %s would deliver on %s (due %s): ", day_str(&ds, c0->start),
            day_str(&ds, t.delivery), day_str(&ds, s->patients[p].due));
    else
        put(o, "earliest start %s: ", day_str(&ds, c0->start));

    struct ledger_why rooms[8], other = {LEDGER_FITS, DATE_NONE, -1, -1};
    int nrooms = 0, other_at = -1, groups[64], ngroups = 0;
    for (int j = first; j < C->first[p] + C->count[p] && C->c[j].start == c0->start; j++) {
        const struct cand *x = &C->c[j];
        if (x->delay >= cur_delay)
            continue;
        if (ngroups < (int)(sizeof groups / sizeof groups[0]))
            groups[ngroups++] = x->group;
        struct ledger_why w;
        enum ledger_fit r = ledger_fits(L, x->process, x->start, x->group, &w);
        if (r == LEDGER_NOMEM)
            return -1;
        if (r == LEDGER_FITS) {
            put(o, "fits beside the other batches (room");
            const struct room_group *G = &C->groups[x->group];
            for (int k = 0; k < G->nrooms; k++)
                put(o, " %s", s->rooms[G->rooms[k]].id);
            put(o, ")");
            return 0;
        }
        if (r == LEDGER_ROOM) {
            if (nrooms < (int)(sizeof rooms / sizeof rooms[0]))
                rooms[nrooms++] = w;
        } else if (other_at < 0) {
            other = w;
            other_at = j;
        }
    }
    if (other_at >= 0) {
        if (other.fit == LEDGER_MATERIAL)
            say_material(s, &other, o);
        else if (say_staff(s, L, C->c[other_at].process, c0->start, &other, o) != 0)
            return -1;
        return 0;
    }
    if (nrooms <= 2) {
        for (int k = 0; k < nrooms; k++) {
            if (k > 0)
                put(o, "; ");
            say_room(s, C, &rooms[k], o);
        }
        say_closed(s, C, c0->process, c0->start, groups, ngroups, o);
        return 0;
    }
    /* Many room groups: one line a planner reads, not one per group. */
    int total = 0, first_day = rooms[0].day, same_day = 1;
    for (int k = 0; k < nrooms; k++) {
        total += C->groups[rooms[k].group].nrooms;
        same_day &= rooms[k].day == first_day;
        if (rooms[k].day < first_day)
            first_day = rooms[k].day;
    }
    put(o, "all %d rooms it may use are full %s %s (", total, same_day ? "on" : "from",
        day_str(&ds, first_day));
    for (int k = 0, shown = 0; k < nrooms && shown < 3; k++)
        for (int r = 0; r < C->groups[rooms[k].group].nrooms && shown < 3; r++, shown++)
            put(o, "%s%s", shown ? " " : "", s->rooms[C->groups[rooms[k].group].rooms[r]].id);
    put(o, total > 3 ? " ...)" : ")");
    return 0;
}

int explain_patient(const struct scenario *s, const struct cands *C, const struct solution *sol,
                    int patient, char *buf, size_t size)
{
    assert(patient >= 0 && patient < s->npatients && (buf || size == 0));
    struct line o = {buf, size, 0};
    struct dates ds = {.next = 0};
    if (size == 0)
        return 0;
    buf[0] = '\0';
    const struct patient *pt = &s->patients[patient];
    const struct sol_batch *b = &sol->batch[patient];
    if (pt->fixed_start != DATE_NONE) {
        put(&o, "fixed batch: starts on %s in room %s as given", day_str(&ds, pt->fixed_start),
            s->rooms[pt->fixed_room].id);
        return 0;
    }
    int served = b->start != DATE_NONE, cur_delay = INT_MAX;
    if (served) {
        struct batch_times t;
        batch_times(s, patient, b->process, b->start, &t);
        if (t.delay == 0) {
            put(&o, "on time: delivery %s, due %s", day_str(&ds, t.delivery),
                day_str(&ds, pt->due));
            return 0;
        }
        cur_delay = t.delay;
    }
    int first = -1;
    for (int j = C->first[patient]; j < C->first[patient] + C->count[patient] && first < 0; j++)
        if (C->c[j].delay < cur_delay)
            first = j;
    if (first < 0) {
        start_rules(s, C, sol, patient, cur_delay, &o);
        return 0;
    }

    ledger *L = ledger_new(s, C);
    int rc = L ? 0 : -1;
    for (int q = 0; q < s->npatients && L; q++) {
        const struct sol_batch *y = &sol->batch[q];
        if (q == patient || y->start == DATE_NONE || s->patients[q].fixed_start != DATE_NONE ||
            y->room < 0)
            continue;
        ledger_add(L, y->process, y->start, C->group_of[y->room]);
    }
    if (rc == 0)
        rc = say_candidates(s, C, L, patient, first, cur_delay, served, &o);
    ledger_free(L);
    if (rc != 0) {
        o.len = 0;
        buf[0] = '\0';
        put(&o, "out of memory");
    }
    return rc;
}

void solve_explain(const struct scenario *s, const struct solution *sol, int patient, char *buf,
                   size_t size)
{
    struct cands *C = cand_build(s);
    if (!C) {
        if (size > 0)
            snprintf(buf, size, "out of memory");
        return;
    }
    explain_patient(s, C, sol, patient, buf, size);
    cand_free(C);
}

int solve_explain_many(const struct scenario *s, const struct solution *sol, const int *patients, int n,
                       char *buf, size_t each)
{
    struct cands *C = n > 0 ? cand_build(s) : NULL;
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char *out = buf + (size_t)i * each;
        if (!C) {
            if (each > 0)
                snprintf(out, each, "out of memory");
            rc = -1;
        } else if (explain_patient(s, C, sol, patients[i], out, each) != 0)
            rc = -1;
    }
    cand_free(C);
    return rc;
}

/* ---- every cause, one by one (solve_explain_causes) ---------------------- */

struct causes {
    struct explain_cause *out;
    int n, max;
};

static struct explain_cause *cause(struct causes *cs, enum explain_kind kind, const char *resource,
                                   int date, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static struct explain_cause *cause(struct causes *cs, enum explain_kind kind, const char *resource,
                                   int date, const char *fmt, ...)
{
    if (cs->n >= cs->max)
        return NULL;
    struct explain_cause *c = &cs->out[cs->n++];
    c->kind = kind;
    c->resource = resource;
    c->date = date;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->detail, sizeof c->detail, fmt, ap);
    va_end(ap);
    return c;
}


/* Every room for a batch of process pr from day start: of another type,
 * closed on one of its room days, or full (with whom) on one. Rooms free
 * on all its days are no cause and are left out. */
static void room_causes(const struct scenario *s, const struct solution *sol, int patient, int pr,
                        int start, struct causes *cs)
{
    const struct process *v = &s->processes[pr];
    int last = start + v->duration + v->changeover - 1;
    struct dates ds = {.next = 0};
    for (int r = 0; r < s->nrooms; r++) {
        const struct room *rm = &s->rooms[r];
        if (v->room_type && strcmp(v->room_type, rm->type) != 0) {
            cause(cs, EXPLAIN_ROOM, rm->id, start, "wrong type: %s is '%s', process %s needs '%s'",
                  rm->id, rm->type, v->id, v->room_type);
            continue;
        }
        if (last > s->end) {
            cause(cs, EXPLAIN_ROOM, rm->id, s->end, "the batch's room days end after the horizon (%s)",
                  day_str(&ds, s->end));
            continue;
        }
        int closed = closed_day(s, r, start, last);
        if (closed != DATE_NONE) {
            cause(cs, EXPLAIN_ROOM, rm->id, closed, "room %s closed on %s", rm->id,
                  day_str(&ds, closed));
            continue;
        }
        /* The first day its places are all taken by other batches. */
        for (int d = start; d <= last; d++) {
            int used = 0;
            char who[96] = "";
            size_t wl = 0;
            for (int q = 0; q < s->npatients; q++) {
                const struct sol_batch *y = &sol->batch[q];
                if (q == patient || y->start == DATE_NONE || y->room != r)
                    continue;
                struct batch_times t;
                batch_times(s, q, y->process, y->start, &t);
                if (d < t.start || d > t.last_room_day)
                    continue;
                used++;
                if (wl + 1 < sizeof who) {
                    int k = snprintf(who + wl, sizeof who - wl, "%s%s", wl ? " " : "",
                                     s->patients[q].id);
                    wl = k < 0 ? wl : wl + (size_t)k >= sizeof who ? sizeof who - 1 : wl + (size_t)k;
                }
            }
            if (used >= rm->capacity) {
                cause(cs, EXPLAIN_ROOM, rm->id, d, "room %s full on %s with %s", rm->id,
                      day_str(&ds, d), who);
                break;
            }
        }
    }
}

/* Every skill short on a step day of a batch of process pr from start:
 * the hours the batch needs of it that day and the most the other batches
 * leave free (people short: the persons needed and free). */
static int skill_causes(const struct scenario *s, ledger *L, int pr, int start, struct causes *cs)
{
    struct staff_probe z;
    struct dates ds = {.next = 0};
    const struct process *v = &s->processes[pr];
    int rc = -1;
    if (probe_new(&z, s) != 0)
        goto done;
    for (int a = 0; a < v->nsteps; a++) {
        int day = start + v->steps[a].day, seen = 0;
        for (int b = 0; b < a; b++)
            seen |= v->steps[b].day == v->steps[a].day;
        if (seen || day < s->start || day - s->start >= s->ndays)
            continue;
        probe_day(&z, L, v, start, day);
        for (int k = 0; k < s->nskills; k++) {
            if (z.ch[k] <= 0)
                continue;
            char h1[32], h2[32];
            int free_p = 0;
            double lo = 0;
            int why = skill_short(&z, k, &free_p, &lo);
            if (why == 1)
                cause(cs, EXPLAIN_SKILL, s->skills[k], day, "skill %s short on %s: %d people needed, %d free",
                      s->skills[k], day_str(&ds, day), z.cp[k], free_p);
            else if (why == 2)
                cause(cs, EXPLAIN_SKILL, s->skills[k], day, "skill %s short on %s: %s h needed, %s h free",
                      s->skills[k], day_str(&ds, day), hours_str(h1, sizeof h1, z.ch[k]),
                      hours_str(h2, sizeof h2, lo));
        }
    }
    rc = 0;
done:
    probe_free(&z);
    return rc;
}

int solve_explain_causes(const struct scenario *s, const struct solution *sol, int patient,
                         struct explain_cause *out, int max)
{
    assert(patient >= 0 && patient < s->npatients && (out || max == 0));
    struct causes cs = {out, 0, max};
    const struct patient *pt = &s->patients[patient];
    const struct sol_batch *b = &sol->batch[patient];
    int cur_delay = INT_MAX;
    if (pt->fixed_start != DATE_NONE)
        return 0;
    if (b->start != DATE_NONE) {
        struct batch_times t;
        batch_times(s, patient, b->process, b->start, &t);
        if (t.delay == 0)
            return 0;
        cur_delay = t.delay;
    }
    struct cands *C = cand_build(s);
    if (!C)
        return -1;
    int first = -1, rc = 0;
    for (int j = C->first[patient]; j < C->first[patient] + C->count[patient] && first < 0; j++)
        if (C->c[j].delay < cur_delay)
            first = j;
    if (first < 0) {
        /* No start the rules allow would deliver earlier: the start rules
         * are the cause (solve_explain names them). */
        struct explain_cause *c = cause(&cs, EXPLAIN_START, "", b->start != DATE_NONE ? b->start : pt->ready, "%s", "");
        if (c)
            explain_patient(s, C, sol, patient, c->detail, sizeof c->detail);
        cand_free(C);
        return cs.n;
    }
    const struct cand *c0 = &C->c[first];
    room_causes(s, sol, patient, c0->process, c0->start, &cs);
    ledger *L = ledger_new(s, C);
    int *short_day = calloc((size_t)(s->nmaterials ? s->nmaterials : 1), sizeof *short_day);
    rc = L && short_day ? 0 : -1;
    for (int q = 0; q < s->npatients && rc == 0; q++) {
        const struct sol_batch *y = &sol->batch[q];
        if (q == patient || y->start == DATE_NONE || s->patients[q].fixed_start != DATE_NONE ||
            y->room < 0)
            continue;
        ledger_add(L, y->process, y->start, C->group_of[y->room]);
    }
    if (rc == 0)
        rc = skill_causes(s, L, c0->process, c0->start, &cs);
    if (rc == 0)
        rc = ledger_materials_short(L, c0->process, c0->start, short_day);
    for (int m = 0; rc == 0 && m < s->nmaterials; m++) {
        if (short_day[m] == DATE_NONE)
            continue;
        const struct material *mt = &s->materials[m];
        struct dates ds = {.next = 0};
        if (mt->lead_time < 0)
            cause(&cs, EXPLAIN_MATERIAL, mt->id, short_day[m], "material %s short on %s (cannot be ordered)",
                  mt->id, day_str(&ds, short_day[m]));
        else
            cause(&cs, EXPLAIN_MATERIAL, mt->id, short_day[m],
                  "material %s short on %s; an order placed on %s arrives on %s", mt->id,
                  day_str(&ds, short_day[m]), day_str(&ds, s->start), day_str(&ds, s->start + mt->lead_time));
    }
    free(short_day);
    ledger_free(L);
    cand_free(C);
    return rc == 0 ? cs.n : -1;
}
