/* Starts: one batch or unserved, sum_c x[c] + u[p] = 1 for every patient
 * that is not fixed. Starts exist only where the start rules allow
 * (cand.c). The x columns carry the delay and room cost of their start, the
 * u columns the price of leaving a patient unserved (formulate.c chose
 * whether that shares the delay level); a fixed batch's delay and cost are
 * constants of the objective. */
#include "models/batch.h"
#include "models/date.h"
#include "solver/model.h"
#include "solver/rule.h"

int rule_starts(struct model *M)
{
    const struct scenario *s = M->s;
    const struct cands *C = M->C;
    char a[DATE_BUFSZ];
    M->x0 = M->ncols;
    for (int c = 0; c < C->n; c++) {
        const struct cand *k = &C->c[c];
        const struct patient *pt = &s->patients[k->patient];
        int j = model_col(M, COL_BINARY, 0, 1, "x[%s,%s,%s,g%d]", pt->id, date_format(k->start, a),
                          s->processes[k->process].id, k->group + 1);
        if (!j)
            return -1;
        /* Lateness priced on the start itself (no lateness column): the
         * LP cannot average an early and a late start into "on time". */
        M->obj[LEVEL_DELAY][j] = pt->priority * k->delay;
        M->obj[LEVEL_COST][j] = k->room_cost;
    }
    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        if (pt->fixed_start != DATE_NONE) {
            /* A fixed batch's delay and room cost are facts: constants of
             * the objective, so that the model's value is the plan's. */
            struct batch_times bt;
            const struct process *v = &s->processes[pt->process];
            batch_times(s, p, pt->process, pt->fixed_start, &bt);
            M->obj_const[LEVEL_DELAY] += pt->priority * bt.delay;
            int from = pt->fixed_start > s->start ? pt->fixed_start : s->start;
            int days = pt->fixed_start + v->duration + v->changeover - from;
            if (days > 0)
                M->obj_const[LEVEL_COST] += s->rooms[pt->fixed_room].cost_per_day * days;
            continue;
        }
        /* Binary, not continuous, although it is implied integral: GLPK
         * then sees an integral objective and rounds its bounds up. */
        double lb = C->count[p] == 0 ? 1 : 0;
        int j = model_col(M, COL_BINARY, lb, 1, "u[%s]", pt->id);
        if (!j)
            return -1;
        M->u_col[p] = j;
        if (M->combined)
            M->obj[LEVEL_DELAY][j] = M->unserved_weight * pt->priority;
        else
            M->obj[LEVEL_UNSERVED][j] = pt->priority;
        int r = model_row(M, ROW_EQ, 1, "one[%s]", pt->id);
        for (int c = C->first[p]; c < C->first[p] + C->count[p]; c++)
            model_coef(M, r, M->x0 + 1 + c, 1);
        model_coef(M, r, j, 1);
    }
    return M->oom ? -1 : 0;
}
