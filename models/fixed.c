/* Fixed batches (patients with start and room) are facts, not choices: if
 * they alone overfill a room, need a closed room day, or need more staff or
 * material than exists, no plan can hold and the scenario is invalid. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "models/load.h"

static const char *patients_file(const struct scenario *s)
{
    return s->tables[TBL_PATIENTS] ? s->tables[TBL_PATIENTS] : s->path;
}

/* Resolves the version of each fixed batch and warns about start rules it
 * breaks (it is exempt from them, but the user should know). */
static void resolve_versions(struct load *L)
{
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    for (int i = 0; i < s->npatients; i++) {
        struct patient *p = &s->patients[i];
        if (p->fixed_start == DATE_NONE)
            continue;
        const char *f = p->file ? p->file : patients_file(s);
        int fs = p->fixed_start;
        if (p->process < 0) {
            int v = scn_process_for(s, i, fs);
            if (v < 0) {
                /* Exempt from approval: take the version approved last
                 * before the start, else the first one. */
                for (int k = 0; k < s->nprocesses; k++)
                    if (s->processes[k].approved_from <= fs &&
                        (v < 0 || s->processes[k].approved_from > s->processes[v].approved_from))
                        v = k;
                if (v < 0 && s->nprocesses > 0)
                    v = 0;
                if (v >= 0)
                    diag_add(L->d, DIAG_WARNING, f, p->line,
                             "fixed batch of '%s': no process version is approved on %s; '%s' is used",
                             p->id, date_format(fs, a), s->processes[v].id);
            }
            if (v < 0) {
                diag_add(L->d, DIAG_ERROR, f, p->line, "fixed batch of '%s': there is no process", p->id);
                continue;
            }
            p->process = v;
        }
        const struct process *pr = &s->processes[p->process];
        if (fs < pr->approved_from || fs > pr->approved_until)
            diag_add(L->d, DIAG_WARNING, f, p->line,
                     "fixed batch of '%s' starts on %s, outside the approval of '%s'", p->id,
                     date_format(fs, a), pr->id);
        if (p->ready != DATE_NONE && fs < p->ready)
            diag_add(L->d, DIAG_WARNING, f, p->line, "fixed batch of '%s' starts on %s, before ready %s",
                     p->id, date_format(fs, a), date_format(p->ready, b));
        int hold = p->max_hold >= 0 ? p->max_hold : pr->max_hold;
        if (hold >= 0 && p->ready != DATE_NONE && fs - p->ready > hold)
            diag_add(L->d, DIAG_WARNING, f, p->line,
                     "fixed batch of '%s' starts %d days after ready, more than max_hold %d", p->id,
                     fs - p->ready, hold);
        if (!(pr->start_days & (1u << date_weekday(fs))))
            diag_add(L->d, DIAG_WARNING, f, p->line,
                     "fixed batch of '%s' starts on a %s, not an allowed start day of '%s'", p->id,
                     wd_name(date_weekday(fs)), pr->id);
        if (pr->room_type && strcmp(pr->room_type, s->rooms[p->fixed_room].type) != 0)
            diag_add(L->d, DIAG_WARNING, f, p->line,
                     "fixed batch of '%s' is in room '%s', not of type '%s'", p->id,
                     s->rooms[p->fixed_room].id, pr->room_type);
    }
}

/* "P001 P002" : the fixed batches with a step (kind 0) or a bom line
 * (kind 1, of material m) on day, at most five, into buf; the
 * file and line of the first of them into *file and *line (patients.csv,
 * or the merged file of its row; 0 if none). */
static const char *fixed_on(const struct scenario *s, int day, int kind, int m, char *buf,
                            size_t size, const char **file, int *line)
{
    size_t used = 0;
    int shown = 0;
    buf[0] = '\0';
    *line = 0;
    *file = patients_file(s);
    for (int i = 0; i < s->npatients; i++) {
        const struct patient *p = &s->patients[i];
        if (p->fixed_start == DATE_NONE || p->process < 0)
            continue;
        const struct process *pr = &s->processes[p->process];
        int hit = 0;
        if (kind == 0)
            for (int j = 0; j < pr->nsteps; j++)
                hit |= p->fixed_start + pr->steps[j].day == day;
        else
            for (int j = 0; j < pr->nbom; j++)
                hit |= pr->bom[j].material == m && p->fixed_start + pr->bom[j].day == day;
        if (!hit)
            continue;
        if (!shown) {
            *line = p->line;
            if (p->file)
                *file = p->file;
        }
        if (shown++ == 5) {
            snprintf(buf + used, size - used, " ...");
            break;
        }
        int n = snprintf(buf + used, size - used, "%s%s", used ? " " : "", p->id);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

static void check_rooms(struct load *L)
{
    struct scenario *s = L->s;
    char a[DATE_BUFSZ];
    int *used = calloc((size_t)s->nrooms * (size_t)s->ndays + 1, sizeof *used);
    if (!used) {
        L->oom = 1;
        return;
    }
    for (int i = 0; i < s->npatients; i++) {
        const struct patient *p = &s->patients[i];
        if (p->fixed_start == DATE_NONE || p->process < 0)
            continue;
        const struct process *pr = &s->processes[p->process];
        int r = p->fixed_room;
        for (int d = p->fixed_start; d < p->fixed_start + pr->duration + pr->changeover; d++) {
            if (d < s->start)
                continue; /* the past uses nothing */
            size_t at = (size_t)r * (size_t)s->ndays + (size_t)(d - s->start);
            used[at]++;
            if (!scn_room_open(s, r, d))
                diag_add(L->d, DIAG_ERROR, p->file ? p->file : patients_file(s), p->line,
                         "fixed batch of '%s' needs room '%s' on %s, when it is closed", p->id,
                         s->rooms[r].id, date_format(d, a));
            else if (used[at] == s->rooms[r].capacity + 1)
                diag_add(L->d, DIAG_ERROR, p->file ? p->file : patients_file(s), p->line,
                         "fixed batches need room '%s' on %s more than its capacity %d allows", s->rooms[r].id,
                         date_format(d, a), s->rooms[r].capacity);
        }
    }
    free(used);
}

/* Can the persons present on one day cover the fixed batches' steps? Each
 * person serves one skill; a bounded depth-first search over the persons
 * who could serve a skill in demand. Returns 1 if yes or if the search is
 * too large to decide (the solver will then tell). */
struct staff_day {
    const struct scenario *s;
    int day;
    double *need_hours;      /* per skill */
    int *need_people;        /* per skill */
    double *got_hours;
    int *got_people;
    long budget;
};

static int cover(struct staff_day *S, int person)
{
    const struct scenario *s = S->s;
    if (--S->budget < 0)
        return 1;
    if (person == s->npersons) {
        for (int k = 0; k < s->nskills; k++)
            if (S->got_hours[k] + 1e-9 < S->need_hours[k] || S->got_people[k] < S->need_people[k])
                return 0;
        return 1;
    }
    double h = scn_person_hours(s, person, S->day);
    const struct person *p = &s->persons[person];
    if (h > 0)
        for (int i = 0; i < p->nskills; i++) {
            int k = p->skills[i];
            if (S->need_hours[k] <= 0 || (S->got_hours[k] + 1e-9 >= S->need_hours[k] &&
                                          S->got_people[k] >= S->need_people[k]))
                continue;
            S->got_hours[k] += h;
            S->got_people[k]++;
            int ok = cover(S, person + 1);
            S->got_hours[k] -= h;
            S->got_people[k]--;
            if (ok)
                return 1;
        }
    return cover(S, person + 1);
}

static void check_staff(struct load *L)
{
    struct scenario *s = L->s;
    char a[DATE_BUFSZ];
    if (s->nskills == 0)
        return;
    struct staff_day S = {.s = s};
    S.need_hours = calloc((size_t)s->nskills, sizeof(double));
    S.got_hours = calloc((size_t)s->nskills, sizeof(double));
    S.need_people = calloc((size_t)s->nskills, sizeof(int));
    S.got_people = calloc((size_t)s->nskills, sizeof(int));
    if (!S.need_hours || !S.got_hours || !S.need_people || !S.got_people) {
        L->oom = 1;
        goto done;
    }
    for (int day = s->start; day <= s->day_last; day++) {
        int any = 0;
        memset(S.need_hours, 0, (size_t)s->nskills * sizeof(double));
        memset(S.need_people, 0, (size_t)s->nskills * sizeof(int));
        for (int i = 0; i < s->npatients; i++) {
            const struct patient *p = &s->patients[i];
            if (p->fixed_start == DATE_NONE || p->process < 0)
                continue;
            const struct process *pr = &s->processes[p->process];
            for (int j = 0; j < pr->nsteps; j++)
                if (p->fixed_start + pr->steps[j].day == day) {
                    const struct step *st = &pr->steps[j];
                    S.need_hours[st->skill] += st->people * st->hours;
                    if (st->people > S.need_people[st->skill])
                        S.need_people[st->skill] = st->people;
                    any = 1;
                }
        }
        if (!any)
            continue;
        S.day = day;
        S.budget = 200000;
        if (!cover(&S, 0)) {
            char who[256];
            int line;
            const char *file;
            fixed_on(s, day, 0, -1, who, sizeof who, &file, &line);
            for (int k = 0; k < s->nskills; k++)
                if (S.need_hours[k] > 0)
                    diag_add(L->d, DIAG_ERROR, file, line,
                             "fixed batches (%s) need %g hours of '%s' (%d %s at once) on %s, "
                             "more than the persons present can give",
                             who, S.need_hours[k], s->skills[k], S.need_people[k],
                             S.need_people[k] == 1 ? "person" : "people", date_format(day, a));
        }
    }
done:
    free(S.need_hours);
    free(S.got_hours);
    free(S.need_people);
    free(S.got_people);
}

/* First-expiry-first-out over the known lots, consuming only what fixed
 * batches need. A shortage is fatal only before an order could arrive. */
static void check_materials(struct load *L)
{
    struct scenario *s = L->s;
    char a[DATE_BUFSZ];
    for (int m = 0; m < s->nmaterials; m++) {
        const struct material *mat = &s->materials[m];
        int first_lot = -1, nl = 0;
        for (int i = 0; i < s->nlots; i++)
            if (s->lots[i].material == m) {
                if (first_lot < 0)
                    first_lot = i;
                nl++;
            }
        double *left = calloc((size_t)nl + 1, sizeof *left);
        if (!left) {
            L->oom = 1;
            return;
        }
        for (int i = 0; i < nl; i++)
            left[i] = s->lots[first_lot + i].quantity;
        int order_from = mat->lead_time >= 0 ? s->start + mat->lead_time : DATE_FAR;
        for (int day = s->start; day <= s->day_last && day < order_from; day++) {
            double need = 0;
            for (int i = 0; i < s->npatients; i++) {
                const struct patient *p = &s->patients[i];
                if (p->fixed_start == DATE_NONE || p->process < 0)
                    continue;
                const struct process *pr = &s->processes[p->process];
                for (int j = 0; j < pr->nbom; j++)
                    if (pr->bom[j].material == m && p->fixed_start + pr->bom[j].day == day)
                        need += pr->bom[j].quantity;
            }
            while (need > 1e-9) {
                int best = -1;
                for (int i = 0; i < nl; i++) {
                    const struct lot *lt = &s->lots[first_lot + i];
                    if (left[i] > 1e-9 && lt->arrival <= day && day < lt->expires &&
                        (best < 0 || lt->expires < s->lots[first_lot + best].expires))
                        best = i;
                }
                if (best < 0) {
                    char who[256];
                    int line;
                    const char *file;
                    fixed_on(s, day, 1, m, who, sizeof who, &file, &line);
                    diag_add(L->d, DIAG_ERROR, file, line,
                             "fixed batches (%s) need %g %s more of '%s' on %s than stock and "
                             "deliveries hold, before any order could arrive",
                             who, need, mat->unit, mat->id, date_format(day, a));
                    break;
                }
                double take = fmin(need, left[best]);
                left[best] -= take;
                need -= take;
            }
        }
        free(left);
    }
}

void load_check_fixed(struct load *L)
{
    resolve_versions(L);
    check_rooms(L);
    if (!L->oom)
        check_staff(L);
    if (!L->oom)
        check_materials(L);
}
