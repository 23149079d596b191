/* A plan as its directory says it: the patients' calendar, the roster and
 * the purchase orders (contract section 6), read back and resolved against
 * the scenario it claims to plan.
 *
 * Only calendar.csv, roster.csv and orders.csv are read: room_grid.csv,
 * inventory.csv and kpis.csv are derived from them, so nothing in them can
 * make a plan valid or invalid. Reading is as tolerant as for the scenario
 * tables (columns by name, any order, unknown columns a warning) and
 * checks the form of each cell only; whether the plan keeps the rules is
 * planner verify's business. Dates are day numbers (models/date.h). */
#ifndef MODELS_PLAN_READ_H
#define MODELS_PLAN_READ_H

#include "models/arena.h"
#include "models/diag.h"
#include "models/scenario.h"

#define PLAN_BLANK (-1)   /* an integer cell left blank (delay_days) */

enum plan_outcome {
    PLAN_ON_TIME,         /* status on_time */
    PLAN_LATE,            /* status late */
    PLAN_UNSERVED         /* status unserved: no batch */
};

/* One row of calendar.csv. A reference that is blank has its id NULL and
 * its index -1; one that names nothing in the scenario has its id set and
 * its index -1 (and an error was reported). */
struct plan_batch {
    const char *patient_id;
    int patient;            /* index into the scenario's patients, or -1 */
    const char *site_id;    /* NULL when blank */
    int site;
    const char *process_id;
    int process;
    const char *room_id;
    int room;
    int ready, start, end, release, delivery, due; /* dates, DATE_NONE when blank */
    int delay_days;         /* days, PLAN_BLANK when blank */
    enum plan_outcome status;
    int line;               /* calendar.csv line */
};

/* One row of roster.csv: a person given to a skill for a day. */
struct plan_assignment {
    int date;
    int person;             /* index into persons, or -1 (unknown: reported) */
    int skill;              /* index into skills, or -1 (unknown: reported) */
    double hours;           /* as written; the contract wants the shift hours */
    const char **patients;  /* the patients column split at spaces */
    int npatients;
    int line;               /* roster.csv line */
};

/* One row of orders.csv: a new purchase order. */
struct plan_order {
    int material;           /* index into materials, or -1 (unknown: reported) */
    int order_date;         /* day the order is placed */
    int arrival;            /* as written; the contract wants order_date + lead_time */
    double quantity;        /* in the material's unit */
    double cost;            /* as written; the contract wants unit_cost x quantity */
    int line;               /* orders.csv line */
};

struct plan {
    const char *dir;              /* as given to plan_read */
    const char *calendar_path;    /* dir/calendar.csv */
    const char *roster_path;      /* NULL when the file is absent (no rows) */
    const char *orders_path;      /* NULL when the file is absent (no rows) */
    int roster_has_patients;      /* 1 if roster.csv has a patients column */

    struct plan_batch *batches;        int nbatches;   /* in file order */
    struct plan_assignment *roster;    int nroster;
    struct plan_order *orders;         int norders;
    arena *mem;
};

enum plan_status {
    PLAN_OK = 0,        /* read, every id resolved; warnings may have been added */
    PLAN_UNRESOLVED,    /* read, but some cells name a patient, site, process,
                           room, person, skill or material the scenario does
                           not have: those errors are in d and the plan is
                           returned with those indices -1 */
    PLAN_UNREADABLE,    /* a file is missing or cannot be parsed, or a cell is
                           not of its type (not a date, not a number, not a
                           status): errors in d, no plan */
    PLAN_NOMEM          /* out of memory */
};

/* Reads the plan in directory dir against scenario s (borrowed: the plan
 * points at no memory of s, but its indices refer to s's arrays).
 * calendar.csv is required; orders.csv may be absent (no orders), and so
 * may roster.csv when no process of s has steps. Problems go to d with
 * FILE:LINE, naming the column and the value. On PLAN_OK and
 * PLAN_UNRESOLVED *out is the plan (caller frees with plan_free);
 * otherwise *out is NULL. */
enum plan_status plan_read(const char *dir, const struct scenario *s, diag_list *d,
                           struct plan **out);
void plan_free(struct plan *p);   /* NULL is a no-op */
const char *plan_strerror(enum plan_status st);
/* "on_time", "late" or "unserved". */
const char *plan_outcome_name(enum plan_outcome o);

#endif
