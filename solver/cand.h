/* Candidate batches: every (patient, start day, process version, room
 * group) that the start rules allow, and the pooled room groups.
 *
 * Rooms are pooled when they are interchangeable: same type, same cost per
 * day, same availability on every plan day, and no fixed batch. A set of
 * batches whose daily count never exceeds a group's places can always be
 * put into its rooms (interval graphs are perfect), so the model needs one
 * capacity row per group and day, and rooms are assigned afterwards
 * (cand_assign_rooms). A room with a fixed batch stays alone in its group,
 * because a fixed place cannot be moved.
 *
 * Internal to solver/. */
#ifndef SOLVER_CAND_H
#define SOLVER_CAND_H

#include "models/scenario.h"
#include "solver/solver.h"

struct room_group {
    int *rooms;             /* room indices, file order */
    int nrooms;
    const char *type;       /* the rooms' type ("" when blank) */
    double cost_per_day;    /* per occupied batch-day */
    int *places;            /* [i]: places free for new batches on day
                               start + i (capacity of open rooms minus fixed
                               batches); 0 when closed */
};

struct cand {
    int patient;
    int start;              /* first manufacturing day */
    int process;
    int group;              /* room group */
    int room_days;          /* duration + changeover: days holding a place */
    int delay;              /* days late */
    double room_cost;       /* cost_per_day x room_days */
};

struct cands {
    struct cand *c;         /* by patient, then start, then group */
    int n;
    int *first;             /* [patient]: index of its first candidate */
    int *count;             /* [patient]: how many (0 for fixed batches) */
    struct room_group *groups;
    int ngroups;
    int *group_of;          /* [room]: its group */
    /* Demand of the fixed batches, on plan days start .. day_last: */
    double *fixed_hours;    /* [skill * ndays + i]: people x hours */
    int *fixed_people;      /* [skill * ndays + i]: largest step's people */
    double *fixed_use;      /* [material * ndays + i]: quantity consumed */
};

/* Enumerates the candidates of s. NULL when out of memory. Free with
 * cand_free. */
struct cands *cand_build(const struct scenario *s);
void cand_free(struct cands *C);

/* An upper bound of cand_build's candidate count, without building them:
 * every day from ready (or start) to end, or to due + max_delay, in every
 * room group. *ngroups gets the room groups, *widest the most start days
 * of one patient. 0, or -1 when out of memory. */
int cand_estimate(const struct scenario *s, double *candidates, int *ngroups, int *widest);

/* Puts the batches of sol (start and process set, room = -1, group given
 * in groups[patient]) into the rooms of their groups, earliest start
 * first, first room with a free place. Fixed batches keep their rooms.
 * Returns 0, or -1 if a group overflows (a bug upstream). */
int cand_assign_rooms(const struct scenario *s, const struct cands *C, const int *groups,
                      struct solution *sol);

#endif
