/* roster.csv: who works which skill on which day, with the patients whose
 * steps need that skill that day. A person with no such step that day is
 * not on the roster. */
#include "planner/plan_writers.h"

#include "models/date.h"
#include "planner/number.h"
#include "planner/strbuf.h"

#define CELL_MAX (16u << 20)     /* bytes in one cell: a hard cap */

int write_roster(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    static const char *const head[] = {"date", "person", "skill", "hours", "patients"};
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    struct strbuf who;
    struct csv_writer w;
    char day_text[DATE_BUFSZ], hours[NUM_BUFSZ];
    int rc = -1;
    sb_init(&who, CELL_MAX);
    csvw_to_file(&w, f, d);
    csvw_row(&w, head, 5, 0);
    for (int i = 0; i < v->ndays && i < sol->ndays; i++) {
        int day = s->start + i;
        for (int p = 0; p < s->npersons && p < sol->npersons; p++) {
            int k = sol->skill_of[(size_t)p * (size_t)sol->ndays + (size_t)i];
            if (k < 0)
                continue;
            /* The batches with a step of skill k today, each once (a batch's
             * steps of one day are consecutive). */
            sb_reset(&who);
            int last = -1;
            for (int e = v->step_first[i]; e < v->step_first[i + 1]; e++)
                if (v->steps[e].skill == k && v->steps[e].batch != last) {
                    last = v->steps[e].batch;
                    if (who.len)
                        sb_putc(&who, ' ');
                    sb_puts(&who, v->batches[last].id);
                }
            if (sb_failed(&who))
                goto done;
            if (last < 0)
                continue; /* no work for that skill today: not on the roster */
            const char *row[5] = {date_format(day, day_text), s->persons[p].id, s->skills[k],
                                  num_quantity(scn_person_hours(s, p, day), hours), sb_str(&who)};
            csvw_row(&w, row, 5, 1ul << 3);
        }
    }
    rc = 0;
done:
    sb_free(&who);
    return rc;
}
