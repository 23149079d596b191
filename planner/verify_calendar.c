/* planner verify, the calendar family: every patient has one row of
 * calendar.csv; the start rules (horizon, ready, max_hold, start_days,
 * approval, room type); the process version; fixed batches; end,
 * release, delivery, delay_days and status; max_delay and allow_delay.
 * The formulation keeps the same rules in solver/model.c (starts and
 * objective), with the starts that exist at all in solver/cand.c. Also
 * collects the placed batches that the resource families judge. */
#include <stdlib.h>
#include <string.h>

#include "planner/verify_rules.h"

/* ---- calendar ------------------------------------------------------------
 * One home per rule of the contract's "Which version", "Timeline", fixed
 * batches and [policy]. */

static const char *weekday_long(int date)
{
    static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return names[date_weekday(date)];
}

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
int verify_calendar(struct verify *V)
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
