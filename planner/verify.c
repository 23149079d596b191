/* planner verify: does a plan directory keep every rule of the contract?
 *
 * The plan is read back (models/plan.h) and every rule is recomputed here
 * from the plan files and the scenario alone, with no solver code: a plan
 * written by hand, by a spreadsheet or by a broken solver is judged the
 * same way. The rules come in four families, each with its own section
 * below, and each rule has one home in its family:
 *
 *   calendar   one row per patient; start rules; process version; fixed
 *              batches; end, release, delivery, delay and status; policy
 *   rooms      capacity and availability, day by day
 *   staff      the roster's persons, and step demand per day and skill
 *   materials  the orders, and a day-by-day stock simulation (FEFO)
 *
 * Violations are collected, all of them, and printed on stdout one per
 * line (the first VERIFY_MAX_SHOWN, then a count of the rest). */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "models/limits.h"
#include "models/plan.h"
#include "models/scenario.h"
#include "planner/commands.h"

#define VERIFY_MAX_SHOWN 200     /* violations printed before "and N more" */
#define NDATEBUF 8               /* dates formatted for one message */

/* A batch the plan places, as the rules see it. */
struct batch {
    int patient;        /* index into the scenario's patients */
    const char *id;     /* the patient's id, for ordering */
    int process;        /* the version the contract gives it */
    int room;           /* -1 when blank or unknown */
    int start;
};

struct verify {
    const struct scenario *s;
    const struct plan *p;
    diag_list *d;               /* the plan's diagnostics: verify adds its warnings */
    char **shown;               /* the first VERIFY_MAX_SHOWN violations (malloc'd) */
    size_t nshown;
    size_t count;               /* every violation */
    int oom;

    int *row_of;                /* patient -> its calendar row, or -1 */
    struct batch *batches;      /* by start, then patient id */
    int nbatches;
    int ndays;                  /* the calendar: s->start .. s->day_last */

    char datebuf[NDATEBUF][DATE_BUFSZ];
    int nextdate;
};

/* ---- helpers ------------------------------------------------------------ */

static void violation(struct verify *V, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void violation(struct verify *V, const char *fmt, ...)
{
    V->count++;
    if (V->nshown >= VERIFY_MAX_SHOWN)
        return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *copy = malloc(strlen(buf) + 1);
    if (!copy) {
        V->oom = 1;
        return;
    }
    memcpy(copy, buf, strlen(buf) + 1);
    V->shown[V->nshown++] = copy;
}

/* A date for a message; valid until NDATEBUF more dates are formatted. */
static const char *day_str(struct verify *V, int day)
{
    char *b = V->datebuf[V->nextdate];
    V->nextdate = (V->nextdate + 1) % NDATEBUF;
    if (day == DATE_NONE)
        return "blank";
    return date_format(day, b);
}

/* "on 2027-03-02" or "on 2027-03-02 .. 2027-03-04". */
static const char *span_str(struct verify *V, int from, int to, char *buf, size_t size)
{
    if (from == to)
        snprintf(buf, size, "on %s", day_str(V, from));
    else
        snprintf(buf, size, "on %s .. %s", day_str(V, from), day_str(V, to));
    return buf;
}

static const char *weekday_long(int date)
{
    static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return names[date_weekday(date)];
}

static int close_enough(double a, double b, double rel, double abs_tol)
{
    double tol = rel * fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= fmax(tol, abs_tol);
}

/* Appends sep (when buf is not empty) and word to buf, cutting at size. */
static void append_word(char *buf, size_t size, const char *sep, const char *word)
{
    size_t used = strlen(buf);
    if (used + 1 < size)
        snprintf(buf + used, size - used, "%s%s", used ? sep : "", word);
}

static const char *patient_id(const struct verify *V, int patient)
{
    return V->s->patients[patient].id;
}

static int has_steps(const struct scenario *s)
{
    for (int i = 0; i < s->nprocesses; i++)
        if (s->processes[i].nsteps > 0)
            return 1;
    return 0;
}

static int has_bom(const struct scenario *s)
{
    for (int i = 0; i < s->nprocesses; i++)
        if (s->processes[i].nbom > 0)
            return 1;
    return 0;
}

/* Day index in the calendar, or -1 outside it. */
static int day_index(const struct verify *V, int day)
{
    int i = day - V->s->start;
    return i >= 0 && i < V->ndays ? i : -1;
}

/* ---- calendar ------------------------------------------------------------
 * One home per rule of the contract's "Which version", "Timeline", fixed
 * batches and [policy]. */

/* The version the contract gives a batch: the patient's own (fixed
 * batches have theirs resolved by the scenario), else the one approved on
 * the start day with the latest approved_from. When none is approved the
 * plan's process column is taken, so that the other rules can still be
 * judged; the missing approval is a violation of its own. */
static int batch_version(const struct scenario *s, const struct plan_batch *b)
{
    const struct patient *pt = &s->patients[b->patient];
    if (pt->process >= 0)
        return pt->process;
    int v = scn_process_for(s, b->patient, b->start);
    return v >= 0 ? v : b->process;
}

/* site, ready and due repeat the scenario: they must say the same. */
static void calendar_echoes(struct verify *V, const struct plan_batch *b, const struct patient *pt)
{
    const struct scenario *s = V->s;
    const char *from = pt->kind == PATIENT_KNOWN ? "patients.csv" : "the forecast";
    if (b->site >= 0 && b->site != pt->site)
        violation(V, "%s: site %s, but the patient's site is %s", pt->id, b->site_id,
                  s->sites[pt->site].id);
    if (b->ready != DATE_NONE && b->ready != pt->ready)
        violation(V, "%s: ready %s, but %s gives %s", pt->id, day_str(V, b->ready), from,
                  day_str(V, pt->ready));
    if (b->due != DATE_NONE && b->due != pt->due)
        violation(V, "%s: due %s, but %s gives %s", pt->id, day_str(V, b->due), from,
                  day_str(V, pt->due));
}

/* An unserved row has no batch: its batch columns are blank. */
static void calendar_unserved(struct verify *V, const struct plan_batch *b, const struct patient *pt)
{
    const struct scenario *s = V->s;
    char given[128] = "";
    const char *names[5] = {"room", "start", "end", "release", "delivery"};
    int set[5] = {b->room_id != NULL, b->start != DATE_NONE, b->end != DATE_NONE,
                  b->release != DATE_NONE, b->delivery != DATE_NONE};
    for (int i = 0; i < 5; i++)
        if (set[i])
            append_word(given, sizeof given, ", ", names[i]);
    if (given[0])
        violation(V, "%s: unserved, but %s %s given (an unserved row leaves room, start, end, "
                     "release and delivery blank)", pt->id, given, strchr(given, ',') ? "are" : "is");
    if (pt->fixed_start != DATE_NONE)
        violation(V, "%s: unserved, but it has a fixed batch starting %s in room %s", pt->id,
                  day_str(V, pt->fixed_start), s->rooms[pt->fixed_room].id);
    if (!s->allow_delay)
        violation(V, "%s: unserved, but allow_delay = no", pt->id);
}

/* A fixed batch stays where patients.csv put it. */
static void calendar_fixed(struct verify *V, const struct plan_batch *b, const struct patient *pt)
{
    const struct scenario *s = V->s;
    if (b->start == pt->fixed_start && b->room == pt->fixed_room)
        return;
    violation(V, "%s: a fixed batch (start %s in room %s in patients.csv), but the plan has %s in %s",
              pt->id, day_str(V, pt->fixed_start), s->rooms[pt->fixed_room].id,
              day_str(V, b->start), b->room_id ? b->room_id : "no room");
}

/* The start rules: horizon, ready, hold, weekday, room type. */
static void calendar_start(struct verify *V, const struct plan_batch *b, const struct patient *pt,
                           int ver)
{
    const struct scenario *s = V->s;
    char wd[64];
    if (b->start < s->start)
        violation(V, "%s: starts %s, before the horizon's start %s", pt->id, day_str(V, b->start),
                  day_str(V, s->start));
    else if (b->start > s->end)
        violation(V, "%s: starts %s, after the horizon's end %s", pt->id, day_str(V, b->start),
                  day_str(V, s->end));
    if (b->start < pt->ready)
        violation(V, "%s: starts %s, before its ready day %s", pt->id, day_str(V, b->start),
                  day_str(V, pt->ready));
    if (ver < 0)
        return;
    const struct process *pr = &s->processes[ver];
    if (b->start >= pt->ready) {
        int hold = pt->max_hold >= 0 ? pt->max_hold : pr->max_hold;
        if (hold >= 0 && b->start - pt->ready > hold) {
            if (pt->max_hold >= 0)
                violation(V, "%s: starts %s, %d days after ready %s, more than the patient's max_hold %d",
                          pt->id, day_str(V, b->start), b->start - pt->ready, day_str(V, pt->ready), hold);
            else
                violation(V, "%s: starts %s, %d days after ready %s, more than max_hold %d of %s",
                          pt->id, day_str(V, b->start), b->start - pt->ready, day_str(V, pt->ready), hold,
                          pr->id);
        }
    }
    if (!(pr->start_days & (1u << date_weekday(b->start))))
        violation(V, "%s: starts %s, a %s, not an allowed start day of %s (%s)", pt->id,
                  day_str(V, b->start), weekday_long(b->start), pr->id,
                  wd_format(pr->start_days, wd, sizeof wd));
    if (b->room >= 0 && pr->room_type && strcmp(pr->room_type, s->rooms[b->room].type) != 0) {
        if (s->rooms[b->room].type[0])
            violation(V, "%s: room %s is of type '%s', but %s needs a room of type '%s'", pt->id,
                      b->room_id, s->rooms[b->room].type, pr->id, pr->room_type);
        else
            violation(V, "%s: room %s has no type, but %s needs a room of type '%s'", pt->id,
                      b->room_id, pr->id, pr->room_type);
    }
}

/* Approval, and the process column naming the version the batch uses. */
static void calendar_version(struct verify *V, const struct plan_batch *b, const struct patient *pt,
                             int ver)
{
    const struct scenario *s = V->s;
    if (pt->fixed_start == DATE_NONE) {
        if (pt->process >= 0) {
            const struct process *pr = &s->processes[pt->process];
            if (b->start < pr->approved_from || b->start > pr->approved_until) {
                char window[64];
                if (pr->approved_from == DATE_NONE)
                    snprintf(window, sizeof window, "until %s", day_str(V, pr->approved_until));
                else if (pr->approved_until == DATE_FAR)
                    snprintf(window, sizeof window, "from %s", day_str(V, pr->approved_from));
                else
                    snprintf(window, sizeof window, "from %s to %s", day_str(V, pr->approved_from),
                             day_str(V, pr->approved_until));
                violation(V, "%s: starts %s, outside the approval of %s (approved %s)", pt->id,
                          day_str(V, b->start), pr->id, window);
            }
        } else if (scn_process_for(s, b->patient, b->start) < 0) {
            violation(V, "%s: starts %s, a day on which no process version is approved", pt->id,
                      day_str(V, b->start));
            return;
        }
    }
    if (ver < 0)
        return;
    if (!b->process_id)
        violation(V, "%s: process is blank, but a batch of %s starting %s uses %s", pt->id, pt->id,
                  day_str(V, b->start), s->processes[ver].id);
    else if (b->process >= 0 && b->process != ver)
        violation(V, "%s: process %s, but a batch of %s starting %s uses %s", pt->id, b->process_id,
                  pt->id, day_str(V, b->start), s->processes[ver].id);
}

/* end, release, delivery, delay_days and status follow from the start
 * (contract: "Timeline"); max_delay and allow_delay bound the delay. Each
 * is compared with the value recomputed from the start, so that one wrong
 * cell is one violation. */
static void calendar_timeline(struct verify *V, const struct plan_batch *b, const struct patient *pt,
                              int ver)
{
    const struct scenario *s = V->s;
    const struct process *pr = &s->processes[ver];
    const struct site *si = &s->sites[pt->site];
    char wd[64];
    int end = b->start + pr->duration - 1;
    int release = b->start + pr->duration + pr->qc_days;
    int leave = release;
    while (!(si->ship_weekdays & (1u << date_weekday(leave))))
        leave++;
    int delivery = leave + si->ship_days;
    int delay = delivery > pt->due ? delivery - pt->due : 0;

    if (b->end != end)
        violation(V, "%s: end %s, but a batch of %s started %s ends on %s", pt->id, day_str(V, b->end),
                  pr->id, day_str(V, b->start), day_str(V, end));
    if (b->release != release)
        violation(V, "%s: release %s, but %s (%d manufacturing + %d QC days) started %s gives %s",
                  pt->id, day_str(V, b->release), pr->id, pr->duration, pr->qc_days,
                  day_str(V, b->start), day_str(V, release));
    if (b->delivery != delivery)
        violation(V, "%s: delivery %s, but release %s, shipping on %s and %d day%s to %s give %s",
                  pt->id, day_str(V, b->delivery), day_str(V, release),
                  wd_format(si->ship_weekdays, wd, sizeof wd), si->ship_days,
                  si->ship_days == 1 ? "" : "s", si->id, day_str(V, delivery));
    if (b->delay_days != delay) {
        char given[32];
        if (b->delay_days == PLAN_BLANK)
            snprintf(given, sizeof given, "blank");
        else
            snprintf(given, sizeof given, "%d", b->delay_days);
        violation(V, "%s: delay_days %s, but delivery %s and due %s give %d", pt->id, given,
                  day_str(V, delivery), day_str(V, pt->due), delay);
    }
    if (b->status == PLAN_ON_TIME && delay > 0)
        violation(V, "%s: status on_time, but the batch is delivered %d day%s late", pt->id, delay,
                  delay == 1 ? "" : "s");
    else if (b->status == PLAN_LATE && delay == 0)
        violation(V, "%s: status late, but the batch is delivered on time", pt->id);
    if (s->max_delay >= 0 && delay > s->max_delay)
        violation(V, "%s: delivered %d day%s late, more than max_delay %d", pt->id, delay,
                  delay == 1 ? "" : "s", s->max_delay);
    if (!s->allow_delay && delay > 0)
        violation(V, "%s: delivered %d day%s late, but allow_delay = no", pt->id, delay,
                  delay == 1 ? "" : "s");
}

/* Batches by start, then patient id: the order of the plan files. */
static int batch_cmp(const void *pa, const void *pb)
{
    const struct batch *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Every row of calendar.csv; the placed batches are kept for the
 * resource families. */
static int verify_calendar(struct verify *V)
{
    const struct scenario *s = V->s;
    const struct plan *p = V->p;
    V->row_of = malloc(((size_t)s->npatients + 1) * sizeof *V->row_of);
    V->batches = malloc(((size_t)p->nbatches + 1) * sizeof *V->batches);
    if (!V->row_of || !V->batches)
        return -1;
    for (int i = 0; i < s->npatients; i++)
        V->row_of[i] = -1;

    for (int r = 0; r < p->nbatches; r++) {
        const struct plan_batch *b = &p->batches[r];
        if (b->patient < 0)
            continue; /* named nothing: reported when the plan was read */
        const struct patient *pt = &s->patients[b->patient];
        if (V->row_of[b->patient] >= 0) {
            violation(V, "%s: listed again in calendar.csv (line %d; first on line %d)", pt->id,
                      b->line, p->batches[V->row_of[b->patient]].line);
            continue;
        }
        V->row_of[b->patient] = r;
        calendar_echoes(V, b, pt);
        if (b->status == PLAN_UNSERVED) {
            calendar_unserved(V, b, pt);
            continue;
        }
        if (b->start == DATE_NONE) {
            violation(V, "%s: status %s, but start is blank", pt->id, plan_outcome_name(b->status));
            continue;
        }
        if (!b->room_id)
            violation(V, "%s: status %s, but room is blank", pt->id, plan_outcome_name(b->status));
        int ver = batch_version(s, b);
        if (pt->fixed_start != DATE_NONE)
            calendar_fixed(V, b, pt);
        else
            calendar_start(V, b, pt, ver);
        calendar_version(V, b, pt, ver);
        if (ver < 0)
            continue; /* no version: nothing to time or to place */
        calendar_timeline(V, b, pt, ver);
        /* What starts after the end is a violation already; its resources
         * are not planned, so they are not judged. */
        if (b->start <= s->end)
            V->batches[V->nbatches++] = (struct batch){b->patient, pt->id, ver, b->room, b->start};
    }
    for (int i = 0; i < s->npatients; i++)
        if (V->row_of[i] < 0)
            violation(V, "%s: missing from calendar.csv (every patient of the scenario has one row)",
                      s->patients[i].id);
    qsort(V->batches, (size_t)V->nbatches, sizeof *V->batches, batch_cmp);
    return 0;
}

/* ---- rooms -----------------------------------------------------------------
 * A batch holds one place of its room on its manufacturing and changeover
 * days; days before the horizon's start are the past and use nothing. */

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

static int verify_rooms(struct verify *V)
{
    if (rooms_capacity(V) != 0)
        return -1;
    rooms_open(V);
    return 0;
}

/* ---- staff ---------------------------------------------------------------
 * Each person present works in at most one of their skills a day and gives
 * it all their shift hours; per day and skill the steps' people x hours
 * fit in the hours of the persons assigned, and no step needs more people
 * than are assigned. */

struct staff {
    double *need_hours;     /* [day * nskills + skill] */
    int *need_people;       /* largest single step */
    double *got_hours;      /* hours of the persons who count */
    int *got_people;
    unsigned char *counts;  /* roster row -> 1 if it supplies its skill */
    /* The steps falling on each calendar day: entries day_first[k] ..
     * day_first[k+1]-1 of step_batch (index into batches) and step_skill. */
    int *day_first, *step_batch, *step_skill;
    int nsteps;
};

/* A roster row's key for finding a person listed twice on one day. */
struct person_day {
    int person, date, line, row;
};

static int person_day_cmp(const void *pa, const void *pb)
{
    const struct person_day *a = pa, *b = pb;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* The demand of every placed batch's steps, from the horizon's start on,
 * and the index of steps by day. */
static int staff_demand(struct verify *V, struct staff *S)
{
    const struct scenario *s = V->s;
    S->nsteps = 0;
    S->day_first = calloc((size_t)V->ndays + 2, sizeof *S->day_first);
    if (!S->day_first)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < V->nbatches; i++) {
            const struct process *pr = &s->processes[V->batches[i].process];
            for (int j = 0; j < pr->nsteps; j++) {
                const struct step *st = &pr->steps[j];
                int k = day_index(V, V->batches[i].start + st->day);
                if (k < 0)
                    continue;
                if (pass == 0) {
                    size_t at = (size_t)k * (size_t)s->nskills + (size_t)st->skill;
                    S->need_hours[at] += st->people * st->hours;
                    if (st->people > S->need_people[at])
                        S->need_people[at] = st->people;
                    S->day_first[k + 1]++;
                    S->nsteps++;
                } else {
                    int e = S->day_first[k]++;
                    S->step_batch[e] = i;
                    S->step_skill[e] = st->skill;
                }
            }
        }
        if (pass == 0) {
            for (int k = 0; k < V->ndays; k++)
                S->day_first[k + 1] += S->day_first[k];
            S->step_batch = malloc(((size_t)S->nsteps + 1) * sizeof *S->step_batch);
            S->step_skill = malloc(((size_t)S->nsteps + 1) * sizeof *S->step_skill);
            if (!S->step_batch || !S->step_skill)
                return -1;
        }
    }
    /* The fill moved each day_first[k] to the start of day k + 1. */
    memmove(S->day_first + 1, S->day_first, (size_t)V->ndays * sizeof *S->day_first);
    S->day_first[0] = 0;
    return 0;
}

/* Each row of roster.csv: present, holding the skill, once a day, with the
 * shift's hours. The rows that keep these rules supply their skill. */
static int staff_rows(struct verify *V, struct staff *S)
{
    const struct scenario *s = V->s;
    const struct plan *p = V->p;
    struct person_day *order = malloc(((size_t)p->nroster + 1) * sizeof *order);
    int *first = malloc(((size_t)p->nroster + 1) * sizeof *first);   /* row -> first row of its person-day */
    if (!order || !first) {
        free(order);
        free(first);
        return -1;
    }
    int n = 0;
    for (int i = 0; i < p->nroster; i++) {
        const struct plan_assignment *a = &p->roster[i];
        first[i] = i;
        if (a->person >= 0)
            order[n++] = (struct person_day){a->person, a->date, a->line, i};
    }
    qsort(order, (size_t)n, sizeof *order, person_day_cmp);
    for (int i = 1; i < n; i++)
        if (order[i].person == order[i - 1].person && order[i].date == order[i - 1].date)
            first[order[i].row] = first[order[i - 1].row];
    for (int i = 0; i < p->nroster; i++) {
        const struct plan_assignment *a = &p->roster[i];
        if (a->person < 0 || a->skill < 0)
            continue; /* named nothing: reported when the plan was read */
        const struct person *pe = &s->persons[a->person];
        const char *day = day_str(V, a->date);
        if (first[i] != i) {
            violation(V, "%s on %s: on the roster twice (lines %d and %d); a person works in one "
                         "skill a day", pe->id, day, p->roster[first[i]].line, a->line);
            continue;
        }
        double shift = scn_person_hours(s, a->person, a->date);
        if (shift <= 0) {
            violation(V, "%s on %s: on the roster, but not working that day (no shift hours)", pe->id, day);
            continue;
        }
        if (!scn_person_has_skill(s, a->person, a->skill)) {
            char skills[512] = "";
            for (int k = 0; k < pe->nskills; k++)
                append_word(skills, sizeof skills, " ", s->skills[pe->skills[k]]);
            violation(V, "%s on %s: assigned to %s, which is not one of their skills (%s)", pe->id,
                      day, s->skills[a->skill], skills);
            continue;
        }
        if (!close_enough(a->hours, shift, 1e-6, 0))
            violation(V, "%s on %s: %.10g h on the roster, but the shift gives %.10g h", pe->id, day,
                      a->hours, shift);
        /* What a person gives is their shift, whatever the row says. */
        int k = day_index(V, a->date);
        if (k >= 0) {
            size_t at = (size_t)k * (size_t)s->nskills + (size_t)a->skill;
            S->got_hours[at] += shift;
            S->got_people[at]++;
            S->counts[i] = 1;
        }
    }
    free(order);
    free(first);
    return 0;
}

/* The persons who supply skill k on day, as a list for a message. */
static void staff_names(struct verify *V, struct staff *S, int day, int k, char *buf, size_t size)
{
    const struct plan *p = V->p;
    buf[0] = '\0';
    for (int i = 0; i < p->nroster; i++) {
        const struct plan_assignment *a = &p->roster[i];
        if (!S->counts[i] || a->date != day || a->skill != k)
            continue;
        append_word(buf, size, " ", V->s->persons[a->person].id);
    }
    if (!buf[0])
        snprintf(buf, size, "nobody");
}

/* Per day and skill: hours and people of the steps against the persons
 * assigned. */
static void staff_cover(struct verify *V, struct staff *S)
{
    const struct scenario *s = V->s;
    char names[1024];
    for (int i = 0; i < V->ndays; i++)
        for (int k = 0; k < s->nskills; k++) {
            size_t at = (size_t)i * (size_t)s->nskills + (size_t)k;
            double need = S->need_hours[at], got = S->got_hours[at];
            int day = s->start + i;
            if (need <= 0)
                continue;
            if (need > got + 1e-9 * fmax(1.0, need)) {
                if (V->nshown < VERIFY_MAX_SHOWN)
                    staff_names(V, S, day, k, names, sizeof names);
                violation(V, "%s on %s: steps need %.10g h but persons assigned give %.10g h (%s)",
                          s->skills[k], day_str(V, day), need, got, names);
            }
            if (S->need_people[at] > S->got_people[at]) {
                if (V->nshown < VERIFY_MAX_SHOWN)
                    staff_names(V, S, day, k, names, sizeof names);
                violation(V, "%s on %s: a step needs %d people but %d %s assigned (%s)", s->skills[k],
                          day_str(V, day), S->need_people[at], S->got_people[at],
                          S->got_people[at] == 1 ? "person is" : "persons are", names);
            }
        }
}

/* 1 if id is one of the n strings of list. */
static int listed_in(const char *const *list, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], id) == 0)
            return 1;
    return 0;
}

/* The patients column is informational: a row that does not name the
 * batches whose steps of its skill fall on its day gets a warning. */
static int staff_patients(struct verify *V, const struct staff *S)
{
    const struct scenario *s = V->s;
    const struct plan *p = V->p;
    if (!p->roster_has_patients)
        return 0;
    const char **expect = malloc(((size_t)S->nsteps + 1) * sizeof *expect);
    if (!expect)
        return -1;
    for (int i = 0; i < p->nroster; i++) {
        const struct plan_assignment *a = &p->roster[i];
        if (a->person < 0 || a->skill < 0)
            continue;
        int nexpect = 0, differs = 0, k = day_index(V, a->date);
        /* The day's steps, by batch (start, then patient): a batch with
         * several steps of the skill that day is named once. */
        for (int e = k < 0 ? 0 : S->day_first[k]; k >= 0 && e < S->day_first[k + 1]; e++)
            if (S->step_skill[e] == a->skill) {
                const char *id = patient_id(V, V->batches[S->step_batch[e]].patient);
                if (!nexpect || strcmp(expect[nexpect - 1], id) != 0)
                    expect[nexpect++] = id;
            }
        for (int j = 0; j < nexpect; j++)
            differs |= !listed_in(a->patients, a->npatients, expect[j]);
        for (int q = 0; q < a->npatients; q++)
            differs |= !listed_in(expect, nexpect, a->patients[q]);
        if (!differs)
            continue;
        char want[1024] = "", said[1024] = "";
        for (int j = 0; j < nexpect; j++)
            append_word(want, sizeof want, " ", expect[j]);
        for (int q = 0; q < a->npatients; q++)
            append_word(said, sizeof said, " ", a->patients[q]);
        const char *who = s->persons[a->person].id, *skill = s->skills[a->skill];
        if (nexpect)
            diag_add(V->d, DIAG_WARNING, p->roster_path, a->line,
                     "%s on %s (%s): the patients column says '%s', but the %s steps of that day are "
                     "for %s", who, day_str(V, a->date), skill, said, skill, want);
        else
            diag_add(V->d, DIAG_WARNING, p->roster_path, a->line,
                     "%s on %s (%s): the patients column says '%s', but no %s step falls on that day",
                     who, day_str(V, a->date), skill, said, skill);
    }
    free(expect);
    return 0;
}

static int verify_staff(struct verify *V)
{
    const struct scenario *s = V->s;
    struct staff S = {0};
    size_t cells = (size_t)V->ndays * (size_t)s->nskills + 1;
    int rc = -1;
    S.need_hours = calloc(cells, sizeof *S.need_hours);
    S.got_hours = calloc(cells, sizeof *S.got_hours);
    S.need_people = calloc(cells, sizeof *S.need_people);
    S.got_people = calloc(cells, sizeof *S.got_people);
    S.counts = calloc((size_t)V->p->nroster + 1, 1);
    if (!S.need_hours || !S.got_hours || !S.need_people || !S.got_people || !S.counts)
        goto done;
    if (staff_demand(V, &S) != 0 || staff_rows(V, &S) != 0)
        goto done;
    staff_cover(V, &S);
    if (staff_patients(V, &S) != 0)
        goto done;
    rc = 0;
done:
    free(S.need_hours);
    free(S.got_hours);
    free(S.need_people);
    free(S.got_people);
    free(S.counts);
    free(S.day_first);
    free(S.step_batch);
    free(S.step_skill);
    return rc;
}

/* ---- materials -----------------------------------------------------------
 * Orders keep the material's terms; then each day, in the contract's
 * order: lots reaching expiry become waste, arrivals are received,
 * consumption takes from the usable lots, earliest expiry first. */

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

static int verify_materials(struct verify *V)
{
    materials_orders(V);
    if (!has_bom(V->s))
        return 0;
    for (int m = 0; m < V->s->nmaterials; m++)
        if (materials_stock(V, m) != 0)
            return -1;
    return 0;
}

/* ---- the command --------------------------------------------------------- */

static void verify_usage(FILE *out)
{
    fprintf(out,
            "Usage: planner verify [-q] SCENARIO.ini DIR\n"
            "\n"
            "Checks the plan in directory DIR (calendar.csv, roster.csv, orders.csv; the\n"
            "other plan files are derived from these and are not read) against every\n"
            "rule of the scenario, with no help from the solver: a plan edited by hand\n"
            "is judged the same way. Each violation is printed on stdout, one a line,\n"
            "naming the rule, the patient, room, person or material, and the day;\n"
            "then a summary on stderr.\n"
            "\n"
            "  calendar   every patient once; start rules (horizon, ready, max_hold,\n"
            "             start_days, approval, room type); process version; fixed\n"
            "             batches; end, release, delivery, delay_days, status;\n"
            "             max_delay and allow_delay\n"
            "  rooms      batches per room and day within capacity; rooms open\n"
            "  staff      roster persons present, skilled, once a day, with their shift\n"
            "             hours; step hours and people covered per day and skill\n"
            "  materials  orders (orderable, from start, lead time, multiple, minimum,\n"
            "             cost); stock day by day, earliest expiry first\n"
            "\n"
            "  -q, --quiet   violations only: no warnings, no summary\n"
            "  -h, --help    this help\n"
            "\n"
            "Exit status: 0 the plan keeps every rule (late patients are not violations\n"
            "unless allow_delay = no), 1 violations found, 2 the scenario or the plan\n"
            "cannot be read (or a usage error).\n");
}

/* Prints the warnings of d, at most REPORT_MAX_SHOWN (its errors are
 * violations, printed by the caller). */
static void print_warnings(const diag_list *d)
{
    size_t shown = 0;
    for (size_t i = 0; i < diag_kept(d) && shown < REPORT_MAX_SHOWN; i++) {
        const struct diag *g = diag_get(d, i);
        if (g->level != DIAG_WARNING)
            continue;
        shown++;
        if (g->file && g->line > 0)
            fprintf(stderr, "%s:%d: warning: %s\n", g->file, g->line, g->msg);
        else if (g->file)
            fprintf(stderr, "%s: warning: %s\n", g->file, g->msg);
        else
            fprintf(stderr, "planner: warning: %s\n", g->msg);
    }
    if (diag_warnings(d) > shown)
        fprintf(stderr, "... and %zu more warning%s not shown\n", diag_warnings(d) - shown,
                diag_warnings(d) - shown == 1 ? "" : "s");
}

/* Runs every family over a plan that was read. Returns -1 when memory ran
 * out. */
static int verify_plan(struct verify *V)
{
    const struct scenario *s = V->s;
    /* Ids the scenario does not have are violations of the plan, found
     * when it was read. */
    for (size_t i = 0; i < diag_kept(V->d); i++) {
        const struct diag *g = diag_get(V->d, i);
        if (g->level == DIAG_ERROR)
            violation(V, "%s:%d: %s", g->file, g->line, g->msg);
    }
    size_t kept_errors = 0;
    for (size_t i = 0; i < diag_kept(V->d); i++)
        kept_errors += diag_get(V->d, i)->level == DIAG_ERROR;
    V->count += diag_errors(V->d) - kept_errors;

    V->ndays = s->day_last - s->start + 1;
    if (verify_calendar(V) != 0 || verify_rooms(V) != 0)
        return -1;
    if (has_steps(s) && verify_staff(V) != 0)
        return -1;
    if (verify_materials(V) != 0)
        return -1;
    return V->oom ? -1 : 0;
}

int verify_dir(const struct scenario *s, const char *dir, struct verify_report *r)
{
    struct verify V;
    struct plan *p = NULL;
    diag_list *pd = diag_new();
    int rc = -1;
    memset(r, 0, sizeof *r);
    memset(&V, 0, sizeof V);
    V.shown = malloc(VERIFY_MAX_SHOWN * sizeof *V.shown);
    if (!pd || !V.shown)
        goto done;
    enum plan_status ps = plan_read(dir, s, pd, &p);
    if (ps == PLAN_NOMEM)
        goto done;
    if (ps == PLAN_UNREADABLE) {
        /* Our own files unreadable: as loud as a violation. */
        const struct diag *g = diag_kept(pd) ? diag_get(pd, 0) : NULL;
        char buf[600];
        snprintf(buf, sizeof buf, "%s: %s%s%s", dir, plan_strerror(ps), g ? ": " : "", g ? g->msg : "");
        r->shown = malloc(sizeof *r->shown);
        if (!r->shown || !(r->shown[0] = strdup(buf))) {
            free(r->shown);
            r->shown = NULL;
            goto done;
        }
        r->nshown = r->count = 1;
        rc = 0;
        goto done;
    }
    V.s = s;
    V.p = p;
    V.d = pd;
    if (verify_plan(&V) != 0)
        goto done;
    r->shown = V.shown;
    r->nshown = V.nshown;
    r->count = V.count;
    V.shown = NULL;
    V.nshown = 0;
    rc = 0;
done:
    for (size_t i = 0; i < V.nshown; i++)
        free(V.shown[i]);
    free(V.shown);
    free(V.row_of);
    free(V.batches);
    plan_free(p);
    diag_free(pd);
    return rc;
}

void verify_report_free(struct verify_report *r)
{
    for (size_t i = 0; i < r->nshown; i++)
        free(r->shown[i]);
    free(r->shown);
    memset(r, 0, sizeof *r);
}

int cmd_verify(int argc, char **argv)
{
    int quiet = 0, rc = EXIT_BAD_INPUT;
    const char *ini = NULL, *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            verify_usage(stdout);
            return EXIT_DONE;
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0)
            quiet = 1;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "planner verify: unknown option '%s'; see 'planner verify --help'\n", argv[i]);
            return EXIT_BAD_INPUT;
        } else if (!ini)
            ini = argv[i];
        else if (!dir)
            dir = argv[i];
        else {
            fprintf(stderr, "planner verify: one scenario and one plan directory ('%s' is one too many)\n",
                    argv[i]);
            return EXIT_BAD_INPUT;
        }
    }
    if (!ini || !dir) {
        fprintf(stderr, "planner verify: %s? usage: planner verify [-q] SCENARIO.ini DIR\n",
                ini ? "which plan directory" : "which scenario and plan directory");
        return EXIT_BAD_INPUT;
    }

    struct verify V;
    struct scenario *s = NULL;
    struct plan *p = NULL;
    diag_list *sd = diag_new(), *pd = diag_new();
    memset(&V, 0, sizeof V);
    V.shown = malloc(VERIFY_MAX_SHOWN * sizeof *V.shown);
    if (!sd || !pd || !V.shown)
        goto nomem;

    enum scn_status st = scn_load(ini, sd, &s);
    report_diags(stderr, sd, quiet);
    if (st != SCN_OK) {
        fprintf(stderr, "planner verify: %s: %s (see 'planner check %s')\n", ini, scn_strerror(st), ini);
        goto done;
    }
    enum plan_status ps = plan_read(dir, s, pd, &p);
    if (ps == PLAN_UNREADABLE || ps == PLAN_NOMEM) {
        report_diags(stderr, pd, quiet);
        fprintf(stderr, "planner verify: %s: %s\n", dir, plan_strerror(ps));
        goto done;
    }
    V.s = s;
    V.p = p;
    V.d = pd;
    if (verify_plan(&V) != 0)
        goto nomem;

    for (size_t i = 0; i < V.nshown; i++)
        printf("%s\n", V.shown[i]);
    if (V.count > V.nshown)
        printf("... and %zu more violation%s\n", V.count - V.nshown, V.count - V.nshown == 1 ? "" : "s");
    fflush(stdout);
    if (!quiet)
        print_warnings(pd);
    if (V.count) {
        if (!quiet)
            fprintf(stderr, "%zu violation%s\n", V.count, V.count == 1 ? "" : "s");
        rc = EXIT_LATE;
    } else {
        int n[3] = {0, 0, 0};
        for (int i = 0; i < s->npatients; i++)
            n[p->batches[V.row_of[i]].status]++;
        if (!quiet)
            fprintf(stderr, "plan is valid: %d on time, %d late, %d unserved\n", n[PLAN_ON_TIME],
                    n[PLAN_LATE], n[PLAN_UNSERVED]);
        rc = EXIT_DONE;
    }
    goto done;
nomem:
    fprintf(stderr, "planner: out of memory\n");
    rc = EXIT_BAD_INPUT;
done:
    for (size_t i = 0; i < V.nshown; i++)
        free(V.shown[i]);
    free(V.shown);
    free(V.row_of);
    free(V.batches);
    plan_free(p);
    scn_free(s);
    diag_free(sd);
    diag_free(pd);
    return rc;
}
