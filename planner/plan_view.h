/* The plan view: everything a plan's outputs show beyond the solver's
 * decisions, computed once after solving and read by every writer, the
 * summary, the exit code and the allow_delay refusal. Timelines (end,
 * release, delivery, delay) come from models/batch.h, stock day by day
 * from models/stock.h; lateness and the KPIs are computed here and nowhere
 * else, so that the files, the summary and the exit code never disagree. */
#ifndef PLANNER_PLAN_VIEW_H
#define PLANNER_PLAN_VIEW_H

#include "models/batch.h"
#include "models/scenario.h"
#include "models/stock.h"
#include "solver/solver.h"

/* A placed batch and its timeline. */
struct pv_batch {
    int patient;                /* index into s->patients */
    const char *id;             /* the patient's id (borrowed from the scenario) */
    int process, room;          /* indices; room -1 when none */
    struct batch_times t;       /* start .. delivery, delay in days */
};

/* A patient without a batch. */
struct pv_unserved {
    const char *id;
    int patient;
};

/* An order in file order (material, then order date). */
struct pv_order {
    int material, order_date;
    int index;                  /* into sol->orders */
};

/* A step falling on a plan day (the roster's raw material). */
struct pv_step {
    int batch;                  /* index into view.batches */
    int skill;
};

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

struct plan_view {
    const struct scenario *s;       /* borrowed, outlives the view */
    const struct solution *sol;     /* borrowed, outlives the view */
    struct pv_batch *batches;       /* served, by start then patient id */
    int nbatches;
    int *batch_of;                  /* [patient]: index into batches, -1 unserved */
    struct pv_unserved *unserved;   /* by id */
    int nunserved;
    int ndays;                      /* plan days: start .. start + ndays - 1 */
    struct pv_order *orders;        /* sol->norders of them, in file order */
    double *use;                    /* [material * ndays + i]: quantity used on day i */
    struct stock_day *stock;        /* [material * ndays + i] */
    int *step_first;                /* steps of day i: steps[step_first[i] .. step_first[i+1]-1] */
    struct pv_step *steps;
    struct plan_kpis k;
};

/* Builds the view of plan sol for scenario s into *v. Returns 0, or -1
 * when out of memory; in both cases free with pv_free. */
int pv_build(struct plan_view *v, const struct scenario *s, const struct solution *sol);
/* Frees what pv_build allocated; the view is then empty (safe twice). */
void pv_free(struct plan_view *v);

/* 1 when patient p is late or unserved in the plan. */
int pv_late_or_unserved(const struct plan_view *v, int p);

#endif
