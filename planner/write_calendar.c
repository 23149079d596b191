/* calendar.csv: one row per patient, the served ones by start with their
 * room and dates, then the unserved ones by id (contract section 6). */
#include "planner/plan_writers.h"

#include "models/date.h"
#include "planner/number.h"

/* A date cell: blank for DATE_NONE. */
static const char *cell_date(int day, char buf[DATE_BUFSZ])
{
    if (day == DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    return date_format(day, buf);
}

#define DELAY_COLUMN (1ul << 10)   /* the one number of a row */

int write_calendar(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    static const char *const head[] = {"patient", "site", "process", "room", "ready", "start",
                                       "end", "release", "delivery", "due", "delay_days", "status"};
    const struct scenario *s = v->s;
    char dd[6][DATE_BUFSZ], delay[NUM_BUFSZ];
    struct csv_writer w;
    csvw_to_file(&w, f, d);
    csvw_row(&w, head, 12, 0);
    for (int i = 0; i < v->nbatches; i++) {
        const struct pv_batch *b = &v->batches[i];
        const struct patient *pt = &s->patients[b->patient];
        snprintf(delay, sizeof delay, "%d", b->t.delay);
        const char *row[12] = {pt->id, s->sites[pt->site].id, s->processes[b->process].id,
                               b->room >= 0 ? s->rooms[b->room].id : "", cell_date(pt->ready, dd[0]),
                               cell_date(b->t.start, dd[1]), cell_date(b->t.end, dd[2]),
                               cell_date(b->t.release, dd[3]), cell_date(b->t.delivery, dd[4]),
                               cell_date(pt->due, dd[5]), delay, b->t.delay > 0 ? "late" : "on_time"};
        csvw_row(&w, row, 12, DELAY_COLUMN);
    }
    for (int i = 0; i < v->nunserved; i++) {
        const struct patient *pt = &s->patients[v->unserved[i].patient];
        /* No batch: no room, no dates, no delay. A version named in
         * patients.csv is the patient's whatever happens, so it stays. */
        const char *row[12] = {pt->id, s->sites[pt->site].id,
                               pt->process >= 0 ? s->processes[pt->process].id : "", "",
                               cell_date(pt->ready, dd[0]), "", "", "", "", cell_date(pt->due, dd[1]), "",
                               "unserved"};
        csvw_row(&w, row, 12, DELAY_COLUMN);
    }
    return 0;
}
