/* Staff: on each day each person present serves at most one of their
 * skills; per day and skill the hours of all steps fit in the hours of the
 * persons serving it, and no step needs more people than serve it.
 *
 * y[q,k,d] = 1 when person q serves skill k on day d. Only where the choice
 * matters: a person present on a day when just one of their skills may
 * have work simply serves it (a constant), and a skill with no possible
 * work that day gets nobody. The people rule is written per patient:
 * sum over the patient's starts of people x x[c] <= persons serving, which
 * is valid because a patient has at most one start, and tighter than one
 * row per start. */
#include <stdlib.h>

#include "models/date.h"
#include "solver/model.h"
#include "solver/rule.h"

/* A process's steps merged by (day offset, skill). */
struct need {
    int day, skill;
    double hours;           /* people x hours, summed */
    int people;             /* the largest single step's */
};

struct needs {
    struct need *n;
    int count;
};

static int merge_steps(const struct scenario *s, struct needs *out)
{
    for (int v = 0; v < s->nprocesses; v++) {
        const struct process *pr = &s->processes[v];
        out[v].n = malloc(sizeof(struct need) * (size_t)(pr->nsteps ? pr->nsteps : 1));
        if (!out[v].n)
            return -1;
        for (int k = 0; k < pr->nsteps; k++) {
            const struct step *st = &pr->steps[k];
            int m = 0;
            while (m < out[v].count && !(out[v].n[m].day == st->day && out[v].n[m].skill == st->skill))
                m++;
            if (m == out[v].count)
                out[v].n[out[v].count++] = (struct need){st->day, st->skill, 0, 0};
            out[v].n[m].hours += st->people * st->hours;
            if (st->people > out[v].n[m].people)
                out[v].n[m].people = st->people;
        }
    }
    return 0;
}

/* One y column: the skill-day it serves and whose hours it brings. */
struct ycol {
    size_t at;              /* skill * ndays + day index */
    int col;
    double hours;
};

int rule_staff(struct model *M)
{
    const struct scenario *s = M->s;
    const struct cands *C = M->C;
    size_t nd = (size_t)s->ndays, kd = (size_t)(s->nskills ? s->nskills : 1) * nd;
    int rc = -1, ny = 0, capy = 0;
    struct needs *needs = calloc((size_t)(s->nprocesses ? s->nprocesses : 1), sizeof *needs);
    double *demand = calloc(kd, sizeof(double));     /* most the candidates could need */
    double *const_hours = calloc(kd, sizeof(double));
    int *const_count = calloc(kd, sizeof(int));
    int *ystart = calloc(kd + 1, sizeof(int));       /* CSR over (skill, day) of ys */
    int *hours_row = calloc(kd, sizeof(int));
    int *stamp = malloc(sizeof(int) * kd), *prow = calloc(kd, sizeof(int));
    struct ycol *ys = NULL, *sorted = NULL;
    char a[DATE_BUFSZ];
    if (!needs || !demand || !const_hours || !const_count || !ystart || !hours_row || !stamp ||
        !prow || merge_steps(s, needs) < 0)
        goto done;
    for (size_t i = 0; i < kd; i++) {
        stamp[i] = -1;
        if (C->fixed_hours[i] > 0 || C->fixed_people[i] > 0)
            M->relevant[i] = 1;
    }
    for (int c = 0; c < C->n; c++) {
        const struct needs *N = &needs[C->c[c].process];
        for (int m = 0; m < N->count; m++) {
            size_t at = (size_t)N->n[m].skill * nd + (size_t)(C->c[c].start - s->start + N->n[m].day);
            M->relevant[at] = 1;
            demand[at] += N->n[m].hours;
        }
    }
    /* Who serves what: constants, or y columns with one row per person-day. */
    for (int q = 0; q < s->npersons; q++) {
        const struct person *pe = &s->persons[q];
        for (size_t i = 0; i < nd; i++) {
            double h = s->person_hours[(size_t)q * nd + i];
            if (h <= 0)
                continue;
            int nrel = 0, only = -1;
            for (int t = 0; t < pe->nskills; t++)
                if (M->relevant[(size_t)pe->skills[t] * nd + i]) {
                    nrel++;
                    only = pe->skills[t];
                }
            if (nrel == 1) {
                const_hours[(size_t)only * nd + i] += h;
                const_count[(size_t)only * nd + i]++;
            }
            if (nrel < 2)
                continue;
            int r = model_row(M, ROW_LE, 1, "oneskill[%s,%s]", pe->id,
                              date_format(s->start + (int)i, a));
            for (int t = 0; t < pe->nskills; t++) {
                int k = pe->skills[t];
                size_t at = (size_t)k * nd + i;
                if (!M->relevant[at])
                    continue;
                int j = model_col(M, COL_BINARY, 0, 1, "y[%s,%s,%s]", pe->id, s->skills[k],
                                  date_format(s->start + (int)i, a));
                if (!j)
                    goto done;
                if (!M->y_first[(size_t)q * nd + i])
                    M->y_first[(size_t)q * nd + i] = j;
                M->y_skill[j] = k;
                model_coef(M, r, j, 1);
                if (ny == capy) {
                    capy = capy ? capy * 2 : 1024;
                    struct ycol *n2 = realloc(ys, sizeof *ys * (size_t)capy);
                    if (!n2)
                        goto done;
                    ys = n2;
                }
                ys[ny++] = (struct ycol){at, j, h};
                ystart[at + 1]++;
            }
        }
    }
    for (size_t i = 0; i < kd; i++)
        ystart[i + 1] += ystart[i];
    sorted = malloc(sizeof *sorted * (size_t)(ny ? ny : 1));
    if (!sorted)
        goto done;
    {
        int *fill = calloc(kd, sizeof(int));
        if (!fill)
            goto done;
        for (int n = 0; n < ny; n++)
            sorted[ystart[ys[n].at] + fill[ys[n].at]++] = ys[n];
        free(fill);
    }
    /* Hours: sum_c hours(c,k,d) x[c] - sum_q h[q,d] y[q,k,d] <= const - fixed. */
    for (int k = 0; k < s->nskills; k++)
        for (size_t i = 0; i < nd; i++) {
            size_t at = (size_t)k * nd + i;
            if (!M->relevant[at])
                continue;
            double free_h = const_hours[at] - C->fixed_hours[at];
            if (demand[at] <= free_h + 1e-9)
                continue;   /* never binding */
            hours_row[at] = model_row(M, ROW_LE, free_h, "hours[%s,%s]", s->skills[k],
                                      date_format(s->start + (int)i, a));
            for (int n = ystart[at]; n < ystart[at + 1]; n++)
                model_coef(M, hours_row[at], sorted[n].col, -sorted[n].hours);
            /* The fixed batches' largest step needs that many persons. */
            if (C->fixed_people[at] > const_count[at]) {
                int r = model_row(M, ROW_GE, C->fixed_people[at] - const_count[at],
                                  "fixedpeople[%s,%s]", s->skills[k], date_format(s->start + (int)i, a));
                for (int n = ystart[at]; n < ystart[at + 1]; n++)
                    model_coef(M, r, sorted[n].col, 1);
            }
        }
    for (int c = 0; c < C->n; c++) {
        const struct cand *cd = &C->c[c];
        const struct needs *N = &needs[cd->process];
        for (int m = 0; m < N->count; m++) {
            size_t at = (size_t)N->n[m].skill * nd + (size_t)(cd->start - s->start + N->n[m].day);
            if (hours_row[at])
                model_coef(M, hours_row[at], M->x0 + 1 + c, N->n[m].hours);
            if (N->n[m].people <= 1 || N->n[m].people <= const_count[at])
                continue;
            /* People: one row per patient, skill and day. */
            if (stamp[at] != cd->patient) {
                stamp[at] = cd->patient;
                prow[at] = model_row(M, ROW_LE, const_count[at], "people[%s,%s,%s]",
                                     s->patients[cd->patient].id, s->skills[N->n[m].skill],
                                     date_format(s->start + (int)(at % nd), a));
                for (int n = ystart[at]; n < ystart[at + 1]; n++)
                    model_coef(M, prow[at], sorted[n].col, -1);
            }
            model_coef(M, prow[at], M->x0 + 1 + c, N->n[m].people);
        }
    }
    rc = M->oom ? -1 : 0;
done:
    if (needs)
        for (int v = 0; v < s->nprocesses; v++)
            free(needs[v].n);
    free(needs);
    free(demand);
    free(const_hours);
    free(const_count);
    free(ystart);
    free(hours_row);
    free(stamp);
    free(prow);
    free(ys);
    free(sorted);
    return rc;
}
