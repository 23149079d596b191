#include "models/batch.h"

#include <assert.h>

#include "models/date.h"

void batch_times(const struct scenario *s, int pt, int pr, int start, struct batch_times *t)
{
    assert(pt >= 0 && pt < s->npatients && pr >= 0 && pr < s->nprocesses && t);
    const struct patient *p = &s->patients[pt];
    const struct process *v = &s->processes[pr];
    const struct site *si = &s->sites[p->site];
    t->start = start;
    t->end = start + v->duration - 1;
    t->last_room_day = t->end + v->changeover;
    t->release = start + v->duration + v->qc_days;
    /* ship_weekdays is never empty (wd_parse refuses it), so a shipping
     * day comes within a week. */
    int d = t->release;
    for (int i = 0; i < 7 && !(si->ship_weekdays & (1u << date_weekday(d))); i++)
        d++;
    t->departure = d;
    t->delivery = d + si->ship_days;
    t->delay = t->delivery > p->due ? t->delivery - p->due : 0;
}
