/* Internal to planner/verify*.c: what the rule families of `planner verify`
 * share. verify.c reads the plan, runs the families from a table and
 * reports; each family has one file, and each rule of the contract one
 * home in it:
 *
 *   verify_calendar.c   calendar.csv: rows, starts, versions, timeline, policy
 *   verify_rooms.c      capacity and availability, day by day
 *   verify_staff.c      the roster, and step demand per day and skill
 *   verify_materials.c  the orders, and a day-by-day stock simulation (FEFO)
 *
 * No solver/ header is included here or in those files: the rules are
 * recomputed from the plan files and the scenario alone, so that a bug in
 * the formulation cannot hide itself from the check of its own plans. */
#ifndef PLANNER_VERIFY_RULES_H
#define PLANNER_VERIFY_RULES_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/date.h"
#include "models/plan_read.h"
#include "models/scenario.h"

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

/* Counts one violation and keeps its message while fewer than
 * VERIFY_MAX_SHOWN are kept (V->oom is set when a copy cannot be made). */
void violation(struct verify *V, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- helpers of more than one family ------------------------------------ */

/* A date for a message; valid until NDATEBUF more dates are formatted. */
static inline const char *day_str(struct verify *V, int day)
{
    char *b = V->datebuf[V->nextdate];
    V->nextdate = (V->nextdate + 1) % NDATEBUF;
    if (day == DATE_NONE)
        return "blank";
    return date_format(day, b);
}

/* a and b agree within rel of the larger (at least 1), or within abs_tol:
 * a plan file carries numbers as someone wrote them, rounded. */
static inline int close_enough(double a, double b, double rel, double abs_tol)
{
    double tol = rel * fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= fmax(tol, abs_tol);
}

/* Appends sep (when buf is not empty) and word to buf, cutting at size. */
static inline void append_word(char *buf, size_t size, const char *sep, const char *word)
{
    size_t used = strlen(buf);
    if (used + 1 < size)
        snprintf(buf + used, size - used, "%s%s", used ? sep : "", word);
}

/* The id of patient (an index into the scenario's patients). */
static inline const char *patient_id(const struct verify *V, int patient)
{
    return V->s->patients[patient].id;
}

/* Day index in the calendar, or -1 outside it. */
static inline int day_index(const struct verify *V, int day)
{
    int i = day - V->s->start;
    return i >= 0 && i < V->ndays ? i : -1;
}

/* ---- the families ---------------------------------------------------------
 * Each adds the violations of its rules to V and returns 0, or -1 when
 * memory ran out. verify_calendar runs first: it fills V->row_of and
 * V->batches, which the others judge. */

int verify_calendar(struct verify *V);     /* verify_calendar.c */
int verify_rooms(struct verify *V);        /* verify_rooms.c */
int verify_staff(struct verify *V);        /* verify_staff.c */
int verify_materials(struct verify *V);    /* verify_materials.c */

#endif
