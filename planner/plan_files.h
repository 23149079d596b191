/* The plan directory (contract section 6): calendar.csv, room_grid.csv,
 * roster.csv, orders.csv, inventory.csv and kpis.csv, written from a
 * scenario and the solver's decisions. Everything the files show beyond
 * those decisions (end, release, delivery, delay, inventory, KPIs) is
 * derived here with models/batch.h and models/stock.h.
 *
 * Numbers are written with '.' whatever the locale: integers without
 * decimals, money to the cent, quantities and hours to nine decimals
 * (verify reads them back), other figures to six significant digits. */
#ifndef PLANNER_PLAN_FILES_H
#define PLANNER_PLAN_FILES_H

#include <stddef.h>

#include "models/scenario.h"
#include "solver/solver.h"

#define PLAN_FILES_N 6          /* files in a plan directory */
#define PLAN_NUMBUF 48          /* a formatted number plus the NUL */

/* The file names, in the order they are written. */
extern const char *const plan_files_names[PLAN_FILES_N];

/* The plan's figures as kpis.csv shows them (the solver's own rows,
 * status, delay_bound, gap and solve_seconds, come from the solution). */
struct plan_kpis {
    int patients;             /* in the horizon */
    int beyond_horizon;       /* known patients with ready after end */
    int on_time, late, unserved;
    double weighted_unserved; /* sum of priority over unserved patients */
    int total_delay_days;     /* sum of delay days */
    double weighted_delay;    /* sum of priority x delay days */
    int max_delay_days;
    double room_utilization;  /* occupied batch-days / open place-days, fraction */
    double staff_utilization; /* step hours / shift hours of persons present, fraction */
    double room_cost;         /* cost_per_day x occupied batch-days, to the cent */
    double material_cost;     /* unit_cost x quantity ordered, to the cent */
    double waste_cost;        /* unit_cost x quantity expired, to the cent */
    double cost;              /* room_cost + material_cost */
    int batches;              /* patients served */
    int orders;               /* new purchase orders */
    int plan_first, plan_last;  /* the plan days: start .. the later of end and the
                                   last day a batch uses a resource */
};

/* Computes the figures of plan sol for scenario s into *k. Returns 0, or
 * -1 when out of memory. */
int plan_files_kpis(const struct scenario *s, const struct solution *sol, struct plan_kpis *k);

/* Writes the six files of plan sol for scenario s into directory dir,
 * creating dir and its missing parents (like mkdir -p). All or
 * nothing: each file is written to a staging directory ".plan.tmp.PID" in
 * dir and flushed to disk; only when all six are complete are they renamed
 * into place, and on any failure the staging directory is removed and the
 * files already in dir stay as they were. Returns 0, or -1 with a message the
 * user can act on in err (size bytes), e.g. "out/roster.csv: No space
 * left on device". */
int plan_files_write(const struct scenario *s, const struct solution *sol, const char *dir,
                     char *err, size_t size);

/* A check of a complete plan directory before it is published: returns 0
 * when the plan may be published, else non-zero with a message in err. */
typedef int (*plan_files_check)(const char *dir, void *arg, char *err, size_t size);

/* plan_files_write with the six files first written to a staging directory
 * DIR/.plan.tmp.PID/, then check(staging, arg) called on it; only when it
 * returns 0 are the files renamed into dir. The staging directory is always
 * removed (and those of killed runs are removed by the next write).
 * Returns 0 published, 1 refused by check (err from check), -1 failure
 * (err says why). check may be NULL. */
int plan_files_write_checked(const struct scenario *s, const struct solution *sol, const char *dir,
                             plan_files_check check, void *arg, char *err, size_t size);

/* Checks before a long solve that plan_files_write will be able to write
 * into dir: creates dir when it is missing, then writes and removes a
 * probe file in it. Returns 0, or -1 with the reason in err. */
int plan_files_check_dir(const char *dir, char *err, size_t size);

/* Formats v as the plan files write numbers, whatever the locale: an
 * integer without decimals, otherwise six significant digits with '.' and
 * no trailing zeros ("0.3", "12.5", "0.000125"). Returns buf
 * (PLAN_NUMBUF bytes). */
char *plan_files_number(double v, char buf[PLAN_NUMBUF]);
/* A quantity (material, hours): up to nine decimals, no trailing zeros,
 * so that a file read back gives the quantity planned ("0.3", "123456.5",
 * "0.333333333"). Returns buf. */
char *plan_files_quantity(double v, char buf[PLAN_NUMBUF]);
/* Money: v rounded to the cent, no trailing zeros ("12.5", "120",
 * "0.01"). Returns buf. */
char *plan_files_money(double v, char buf[PLAN_NUMBUF]);

#endif
