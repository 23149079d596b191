/* The schedule model: columns, rows, the start rules and the objective
 * levels. The rule families add their rows from rule_*.c. */
#include "solver/model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/batch.h"
#include "models/date.h"

static int grow(void **p, int *cap, int need, size_t size)
{
    if (need < *cap)
        return 0;
    int ncap = *cap ? *cap * 2 : 1024;
    while (ncap <= need)
        ncap *= 2;
    void *np = realloc(*p, (size_t)ncap * size);
    if (!np)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

static char *vname(const char *fmt, va_list ap)
{
    char buf[256];
    vsnprintf(buf, sizeof buf, fmt, ap);
    return strdup(buf);
}

int model_col(struct model *M, enum col_kind kind, double lb, double ub, const char *fmt, ...)
{
    if (M->oom)
        return 0;
    int j = M->ncols + 1, cap = M->cap_cols, ok = 1;
    if (j >= cap) {
        /* Every per-column array grows together. */
        int c = cap;
        ok = grow((void **)&M->kind, &c, j, 1) == 0;
        c = cap;
        ok = ok && grow((void **)&M->lb, &c, j, sizeof(double)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->ub, &c, j, sizeof(double)) == 0;
        for (int l = 0; l < NLEVELS && ok; l++) {
            c = cap;
            ok = grow((void **)&M->obj[l], &c, j, sizeof(double)) == 0;
        }
        c = cap;
        ok = ok && grow((void **)&M->y_skill, &c, j, sizeof(int)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->col_name, &c, j, sizeof(char *)) == 0;
        if (!ok) {
            M->oom = 1;
            return 0;
        }
        M->cap_cols = c;
    }
    M->ncols = j;
    M->kind[j] = (unsigned char)kind;
    M->lb[j] = lb;
    M->ub[j] = ub;
    for (int l = 0; l < NLEVELS; l++)
        M->obj[l][j] = 0;
    M->y_skill[j] = -1;
    M->col_name[j] = NULL;
    if (kind == COL_BINARY)
        M->nbinaries++;
    if (M->names) {
        va_list ap;
        va_start(ap, fmt);
        M->col_name[j] = vname(fmt, ap);
        va_end(ap);
        if (!M->col_name[j])
            M->oom = 1;
    }
    return j;
}

int model_row(struct model *M, enum row_sense sense, double rhs, const char *fmt, ...)
{
    if (M->oom)
        return 0;
    int i = M->nrows + 1, cap = M->cap_rows, ok = 1;
    if (i >= cap) {
        int c = cap;
        ok = grow((void **)&M->sense, &c, i, 1) == 0;
        c = cap;
        ok = ok && grow((void **)&M->rhs, &c, i, sizeof(double)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->row_name, &c, i, sizeof(char *)) == 0;
        if (!ok) {
            M->oom = 1;
            return 0;
        }
        M->cap_rows = c;
    }
    M->nrows = i;
    M->sense[i] = (unsigned char)sense;
    M->rhs[i] = rhs;
    M->row_name[i] = NULL;
    if (M->names) {
        va_list ap;
        va_start(ap, fmt);
        M->row_name[i] = vname(fmt, ap);
        va_end(ap);
        if (!M->row_name[i])
            M->oom = 1;
    }
    return i;
}

void model_coef(struct model *M, int row, int col, double a)
{
    if (M->oom || a == 0)
        return;
    int k = M->nnz + 1, cap = M->cap_nnz, c = cap, ok;
    if (k >= cap) {
        ok = grow((void **)&M->ia, &c, k, sizeof(int)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->ja, &c, k, sizeof(int)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->ar, &c, k, sizeof(double)) == 0;
        if (!ok) {
            M->oom = 1;
            return;
        }
        M->cap_nnz = c;
    }
    M->nnz = k;
    M->ia[k] = row;
    M->ja[k] = col;
    M->ar[k] = a;
}

void model_free(struct model *M)
{
    if (!M)
        return;
    if (M->col_name)
        for (int j = 1; j <= M->ncols; j++)
            free(M->col_name[j]);
    if (M->row_name)
        for (int i = 1; i <= M->nrows; i++)
            free(M->row_name[i]);
    free(M->col_name);
    free(M->row_name);
    free(M->kind);
    free(M->lb);
    free(M->ub);
    for (int l = 0; l < NLEVELS; l++)
        free(M->obj[l]);
    free(M->sense);
    free(M->rhs);
    free(M->ia);
    free(M->ja);
    free(M->ar);
    free(M->u_col);
    free(M->y_first);
    free(M->y_skill);
    free(M->relevant);
    free(M);
}

/* Unserved and delay can share one objective exactly when the weighted
 * unserved count moves in steps of at least some known delta: with
 * priorities that are whole multiples of 10^-k (k <= 6), delta = 10^-k, and
 * W = (1 + largest possible weighted delay) / delta makes the smallest
 * change of weighted unserved outweigh any delay. Priorities like 1/3 have
 * no such delta: the levels are then solved one after the other. */
static void choose_weights(struct model *M)
{
    const struct scenario *s = M->s;
    const struct cands *C = M->C;
    double total = 0, scale = 1;
    int k = 0;
    for (; k <= 6; k++, scale *= 10) {
        int ok = 1;
        for (int p = 0; p < s->npatients && ok; p++) {
            double w = s->patients[p].priority * scale;
            ok = fabs(w - floor(w + 0.5)) < 1e-9 * (1 + w);
        }
        if (ok)
            break;
    }
    for (int p = 0; p < s->npatients; p++) {
        int worst = 0;
        for (int c = C->first[p]; c < C->first[p] + C->count[p]; c++)
            if (C->c[c].delay > worst)
                worst = C->c[c].delay;
        total += s->patients[p].priority * worst;
    }
    M->unserved_weight = (1 + ceil(total)) * scale;
    /* Past ~1e9 the combined coefficients lose the unit steps in the
     * simplex's double arithmetic: stage instead. */
    M->combined = k <= 6 && M->unserved_weight < 1e9;
}

/* One batch or unserved: sum_c x[c] + u[p] = 1 for every patient that is
 * not fixed. Starts exist only where the start rules allow (cand.c). */
static void rule_starts(struct model *M)
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
            return;
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
            return;
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
}

struct model *model_build(const struct scenario *s, const struct cands *C, int names)
{
    struct model *M = calloc(1, sizeof *M);
    if (!M)
        return NULL;
    M->s = s;
    M->C = C;
    M->names = names;
    size_t np = (size_t)(s->npatients ? s->npatients : 1);
    size_t pd = (size_t)(s->npersons ? s->npersons : 1) * (size_t)s->ndays;
    size_t kd = (size_t)(s->nskills ? s->nskills : 1) * (size_t)s->ndays;
    M->u_col = calloc(np, sizeof(int));
    M->y_first = calloc(pd, sizeof(int));
    M->relevant = calloc(kd, sizeof(int));
    if (!M->u_col || !M->y_first || !M->relevant) {
        model_free(M);
        return NULL;
    }
    choose_weights(M);
    rule_starts(M);
    if (!M->oom && rule_rooms(M) < 0)
        M->oom = 1;
    if (!M->oom && rule_staff(M) < 0)
        M->oom = 1;
    if (!M->oom && rule_materials(M) < 0)
        M->oom = 1;
    if (M->oom) {
        model_free(M);
        return NULL;
    }
    return M;
}

double model_level_value(const struct model *M, int level, const double *v)
{
    double z = M->obj_const[level];
    for (int j = 1; j <= M->ncols; j++)
        z += M->obj[level][j] * v[j];
    return z;
}
