/* The timeline of one batch (contract: "Timeline"): from a start day and a
 * process version to the last manufacturing day, release, departure,
 * delivery and delay. Used by the solver to price starts and by the plan
 * writers; `planner verify` keeps its own arithmetic on purpose. */
#ifndef MODELS_BATCH_H
#define MODELS_BATCH_H

#include "models/scenario.h"

struct batch_times {
    int start;              /* first manufacturing day */
    int end;                /* last manufacturing day */
    int last_room_day;      /* last changeover day (end when changeover is 0) */
    int release;            /* start + duration + qc_days */
    int departure;          /* first day >= release the site ships on */
    int delivery;           /* departure + ship_days */
    int delay;              /* max(0, delivery - due), days */
};

/* Fills *t for patient pt manufactured with process pr from day start. */
void batch_times(const struct scenario *s, int pt, int pr, int start, struct batch_times *t);

#endif
