/* Resource ledgers of a plan being built: what the batches placed so far
 * take of every room group, skill and material, day by day, and whether
 * one more batch fits beside them under every rule of the contract
 * (rooms, staff, materials). The constructive heuristic (heur.c) builds
 * its plan with it; solve_explain (explain.c) rebuilds the other batches
 * of a plan with it to say why a patient could not start earlier.
 *
 * The fixed batches are in from the start (cands: places, fixed_hours,
 * fixed_people, fixed_use). A batch is (process, start, room group); the
 * patient does not matter to the resources.
 *
 * What "fits" means:
 * - rooms: on each of its room days the group has a place left
 *   (C->groups[g].places minus the batches placed);
 * - staff: on each day with steps, the day's whole demand per skill has an
 *   assignment (staffday.h). Each day keeps the assignment last found, so
 *   most checks are a comparison; a demand proven infeasible is
 *   remembered, and any demand at least as large fails at once;
 * - materials: on the days no order can cover (all days when the material
 *   cannot be ordered, else the days before start + lead_time) the known
 *   lots must cover the use under FEFO (stock_simulate shows no shortage
 *   there). Later days can always be covered by orders.
 *
 * Internal to solver/. Nothing here prints. */
#ifndef SOLVER_LEDGER_H
#define SOLVER_LEDGER_H

#include "models/scenario.h"
#include "solver/cand.h"

typedef struct ledger ledger;

enum ledger_fit {
    LEDGER_FITS = 0,        /* the batch fits beside the others */
    LEDGER_ROOM,            /* its room group has no place left on a day */
    LEDGER_STAFF,           /* a day's staff demand has no assignment */
    LEDGER_MATERIAL,        /* a material falls short on a day no order can reach */
    LEDGER_NOMEM            /* out of memory */
};

/* Where a batch does not fit: the first failing day of the first failing
 * resource, checked in the order rooms, staff, materials. */
struct ledger_why {
    enum ledger_fit fit;
    int day;                /* date of the failing day (DATE_NONE when it fits) */
    int group;              /* LEDGER_ROOM: the room group */
    int material;           /* LEDGER_MATERIAL: the material */
};

/* A ledger with the fixed batches of s already in. s and C are borrowed
 * for the ledger's life. NULL when out of memory; free with ledger_free. */
ledger *ledger_new(const struct scenario *s, const struct cands *C);
void ledger_free(ledger *L);   /* NULL is a no-op */

/* Would a batch of process pr starting on day start in room group g fit
 * beside the batches in L? why may be NULL; when given it is filled in
 * (the failing day of a material is then exact, which costs a
 * simulation). */
enum ledger_fit ledger_fits(ledger *L, int pr, int start, int g, struct ledger_why *why);

/* Every material that a batch of process pr starting on day start would
 * leave short beside the batches in L: short_day[m] (s->nmaterials
 * entries) gets the first short day of material m, or DATE_NONE. Returns
 * 0, or -1 when out of memory. */
int ledger_materials_short(ledger *L, int pr, int start, int *short_day);

/* Adds the batch (whether it fits or not: a plan read back may be
 * rebuilt as it is) or removes one added before. Days whose staff demand
 * grows beyond the kept assignment are solved again here; materials are
 * simulated again on the next ledger_fits that needs them. */
void ledger_add(ledger *L, int pr, int start, int g);
void ledger_remove(ledger *L, int pr, int start, int g);

/* The staff demand of all batches in L on day index i (day start + i):
 * hours[k] = sum of people x hours, people[k] = largest step's people. */
void ledger_day_demand(const ledger *L, int i, double *hours, int *people);

/* Daily use of material m by all batches in L (fixed ones included),
 * [i] for day start + i, i < s->ndays. Borrowed until the next change. */
const double *ledger_use(const ledger *L, int m);

/* The roster of the batches in L: for every day with staff demand, a
 * fresh assignment that covers it (persons not needed stay -1), written
 * to skill_of[person * ndays + i]; days without demand get -1. Returns 0,
 * or 1 when some day has no assignment (its row is then the last one
 * found, which does not cover the day). */
int ledger_roster(ledger *L, int *skill_of);

#endif
