/* planner verify, the staff family: each roster row names a person
 * present, holding the skill, once a day, with their shift hours; per day
 * and skill the steps' hours and people are covered. The formulation
 * keeps the same rules in solver/rule_staff.c. */
#include <stdlib.h>
#include <string.h>

#include "planner/verify_rules.h"

/* ---- staff ---------------------------------------------------------------
 * Each person present works in at most one of their skills a day and gives
 * it all their shift hours; per day and skill the steps' people x hours
 * fit in the hours of the persons assigned, and no step needs more people
 * than are assigned. */

static int has_steps(const struct scenario *s)
{
    for (int i = 0; i < s->nprocesses; i++)
        if (s->processes[i].nsteps > 0)
            return 1;
    return 0;
}

struct staff {
    double *need_hours;     /* [day * nskills + skill] */
    int *need_people;       /* largest single step */
    double *got_hours;      /* hours of the persons who count */
    int *got_people;
    unsigned char *counts;  /* roster row -> 1 if it supplies its skill */
    /* The steps falling on each calendar day: entries day_first[k] ..
     * day_first[k+1]-1 of step_batch (index into batches) and step_skill. */
    int *day_first, *step_batch, *step_skill;
    int nsteps;
};

/* A roster row's key for finding a person listed twice on one day. */
struct person_day {
    int person, date, line, row;
};

static int person_day_cmp(const void *pa, const void *pb)
{
    const struct person_day *a = pa, *b = pb;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* The demand of every placed batch's steps, from the horizon's start on,
 * and the index of steps by day. */
static int staff_demand(struct verify *V, struct staff *S)
{
    const struct scenario *s = V->s;
    S->nsteps = 0;
    S->day_first = calloc((size_t)V->ndays + 2, sizeof *S->day_first);
    if (!S->day_first)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < V->nbatches; i++) {
            const struct process *pr = &s->processes[V->batches[i].process];
            for (int j = 0; j < pr->nsteps; j++) {
                const struct step *st = &pr->steps[j];
                int k = day_index(V, V->batches[i].start + st->day);
                if (k < 0)
                    continue;
                if (pass == 0) {
                    size_t at = (size_t)k * (size_t)s->nskills + (size_t)st->skill;
                    S->need_hours[at] += st->people * st->hours;
                    if (st->people > S->need_people[at])
                        S->need_people[at] = st->people;
                    S->day_first[k + 1]++;
                    S->nsteps++;
                } else {
                    int e = S->day_first[k]++;
                    S->step_batch[e] = i;
                    S->step_skill[e] = st->skill;
                }
            }
        }
        if (pass == 0) {
            for (int k = 0; k < V->ndays; k++)
                S->day_first[k + 1] += S->day_first[k];
            S->step_batch = malloc(((size_t)S->nsteps + 1) * sizeof *S->step_batch);
            S->step_skill = malloc(((size_t)S->nsteps + 1) * sizeof *S->step_skill);
            if (!S->step_batch || !S->step_skill)
                return -1;
        }
    }
    /* The fill moved each day_first[k] to the start of day k + 1. */
    memmove(S->day_first + 1, S->day_first, (size_t)V->ndays * sizeof *S->day_first);
    S->day_first[0] = 0;
    return 0;
}

/* Each row of roster.csv: present, holding the skill, once a day, with the
 * shift's hours. The rows that keep these rules supply their skill. */
static int staff_rows(struct verify *V, struct staff *S)
{
    const struct scenario *s = V->s;
    const struct plan *p = V->p;
    struct person_day *order = malloc(((size_t)p->nroster + 1) * sizeof *order);
    int *first = malloc(((size_t)p->nroster + 1) * sizeof *first);   /* row -> first row of its person-day */
    if (!order || !first) {
        free(order);
        free(first);
        return -1;
    }
    int n = 0;
    for (int i = 0; i < p->nroster; i++) {
        const struct plan_assignment *a = &p->roster[i];
        first[i] = i;
        if (a->person >= 0)
            order[n++] = (struct person_day){a->person, a->date, a->line, i};
    }
    qsort(order, (size_t)n, sizeof *order, person_day_cmp);
    for (int i = 1; i < n; i++)
        if (order[i].person == order[i - 1].person && order[i].date == order[i - 1].date)
            first[order[i].row] = first[order[i - 1].row];
    for (int i = 0; i < p->nroster; i++) {
        const struct plan_assignment *a = &p->roster[i];
        if (a->person < 0 || a->skill < 0)
            continue; /* named nothing: reported when the plan was read */
        const struct person *pe = &s->persons[a->person];
        const char *day = day_str(V, a->date);
        if (first[i] != i) {
            violation(V, "%s on %s: on the roster twice (lines %d and %d); a person works in one "
                         "skill a day", pe->id, day, p->roster[first[i]].line, a->line);
            continue;
        }
        double shift = scn_person_hours(s, a->person, a->date);
        if (shift <= 0) {
            violation(V, "%s on %s: on the roster, but not working that day (no shift hours)", pe->id, day);
            continue;
        }
        if (!scn_person_has_skill(s, a->person, a->skill)) {
            char skills[512] = "";
            for (int k = 0; k < pe->nskills; k++)
                append_word(skills, sizeof skills, " ", s->skills[pe->skills[k]]);
            violation(V, "%s on %s: assigned to %s, which is not one of their skills (%s)", pe->id,
                      day, s->skills[a->skill], skills);
            continue;
        }
        if (!close_enough(a->hours, shift, 1e-6, 0))
            violation(V, "%s on %s: %.10g h on the roster, but the shift gives %.10g h", pe->id, day,
                      a->hours, shift);
        /* What a person gives is their shift, whatever the row says. */
        int k = day_index(V, a->date);
        if (k >= 0) {
            size_t at = (size_t)k * (size_t)s->nskills + (size_t)a->skill;
            S->got_hours[at] += shift;
            S->got_people[at]++;
            S->counts[i] = 1;
        }
    }
    free(order);
    free(first);
    return 0;
}

/* The persons who supply skill k on day, as a list for a message. */
static void staff_names(struct verify *V, struct staff *S, int day, int k, char *buf, size_t size)
{
    const struct plan *p = V->p;
    buf[0] = '\0';
    for (int i = 0; i < p->nroster; i++) {
        const struct plan_assignment *a = &p->roster[i];
        if (!S->counts[i] || a->date != day || a->skill != k)
            continue;
        append_word(buf, size, " ", V->s->persons[a->person].id);
    }
    if (!buf[0])
        snprintf(buf, size, "nobody");
}

/* Per day and skill: hours and people of the steps against the persons
 * assigned. */
static void staff_cover(struct verify *V, struct staff *S)
{
    const struct scenario *s = V->s;
    char names[1024];
    for (int i = 0; i < V->ndays; i++)
        for (int k = 0; k < s->nskills; k++) {
            size_t at = (size_t)i * (size_t)s->nskills + (size_t)k;
            double need = S->need_hours[at], got = S->got_hours[at];
            int day = s->start + i;
            if (need <= 0)
                continue;
            if (need > got + 1e-9 * fmax(1.0, need)) {
                if (V->nshown < VERIFY_MAX_SHOWN)
                    staff_names(V, S, day, k, names, sizeof names);
                violation(V, "%s on %s: steps need %.10g h but persons assigned give %.10g h (%s)",
                          s->skills[k], day_str(V, day), need, got, names);
            }
            if (S->need_people[at] > S->got_people[at]) {
                if (V->nshown < VERIFY_MAX_SHOWN)
                    staff_names(V, S, day, k, names, sizeof names);
                violation(V, "%s on %s: a step needs %d people but %d %s assigned (%s)", s->skills[k],
                          day_str(V, day), S->need_people[at], S->got_people[at],
                          S->got_people[at] == 1 ? "person is" : "persons are", names);
            }
        }
}

/* 1 if id is one of the n strings of list. */
static int listed_in(const char *const *list, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], id) == 0)
            return 1;
    return 0;
}

/* The patients column is informational: a row that does not name the
 * batches whose steps of its skill fall on its day gets a warning. */
static int staff_patients(struct verify *V, const struct staff *S)
{
    const struct scenario *s = V->s;
    const struct plan *p = V->p;
    if (!p->roster_has_patients)
        return 0;
    const char **expect = malloc(((size_t)S->nsteps + 1) * sizeof *expect);
    if (!expect)
        return -1;
    for (int i = 0; i < p->nroster; i++) {
        const struct plan_assignment *a = &p->roster[i];
        if (a->person < 0 || a->skill < 0)
            continue;
        int nexpect = 0, differs = 0, k = day_index(V, a->date);
        /* The day's steps, by batch (start, then patient): a batch with
         * several steps of the skill that day is named once. */
        for (int e = k < 0 ? 0 : S->day_first[k]; k >= 0 && e < S->day_first[k + 1]; e++)
            if (S->step_skill[e] == a->skill) {
                const char *id = patient_id(V, V->batches[S->step_batch[e]].patient);
                if (!nexpect || strcmp(expect[nexpect - 1], id) != 0)
                    expect[nexpect++] = id;
            }
        for (int j = 0; j < nexpect; j++)
            differs |= !listed_in(a->patients, a->npatients, expect[j]);
        for (int q = 0; q < a->npatients; q++)
            differs |= !listed_in(expect, nexpect, a->patients[q]);
        if (!differs)
            continue;
        char want[1024] = "", said[1024] = "";
        for (int j = 0; j < nexpect; j++)
            append_word(want, sizeof want, " ", expect[j]);
        for (int q = 0; q < a->npatients; q++)
            append_word(said, sizeof said, " ", a->patients[q]);
        const char *who = s->persons[a->person].id, *skill = s->skills[a->skill];
        if (nexpect)
            diag_add(V->d, DIAG_WARNING, p->roster_path, a->line,
                     "%s on %s (%s): the patients column says '%s', but the %s steps of that day are "
                     "for %s", who, day_str(V, a->date), skill, said, skill, want);
        else
            diag_add(V->d, DIAG_WARNING, p->roster_path, a->line,
                     "%s on %s (%s): the patients column says '%s', but no %s step falls on that day",
                     who, day_str(V, a->date), skill, said, skill);
    }
    free(expect);
    return 0;
}

int verify_staff(struct verify *V)
{
    const struct scenario *s = V->s;
    struct staff S = {0};
    if (!has_steps(s))
        return 0; /* no steps: nothing to staff, and the roster is not judged */
    size_t cells = (size_t)V->ndays * (size_t)s->nskills + 1;
    int rc = -1;
    S.need_hours = calloc(cells, sizeof *S.need_hours);
    S.got_hours = calloc(cells, sizeof *S.got_hours);
    S.need_people = calloc(cells, sizeof *S.need_people);
    S.got_people = calloc(cells, sizeof *S.got_people);
    S.counts = calloc((size_t)V->p->nroster + 1, 1);
    if (!S.need_hours || !S.got_hours || !S.need_people || !S.got_people || !S.counts)
        goto done;
    if (staff_demand(V, &S) != 0 || staff_rows(V, &S) != 0)
        goto done;
    staff_cover(V, &S);
    if (staff_patients(V, &S) != 0)
        goto done;
    rc = 0;
done:
    free(S.need_hours);
    free(S.got_hours);
    free(S.need_people);
    free(S.got_people);
    free(S.counts);
    free(S.day_first);
    free(S.step_batch);
    free(S.step_skill);
    return rc;
}
