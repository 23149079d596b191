/* Cleanrooms: on every day, the batches holding a place of a room group
 * (manufacturing and changeover days) fit in its places. Availability is
 * already in the candidates (a start whose days meet a closed day does not
 * exist), and so are room types. One row per group and day, and only where
 * the candidates could overfill it. */
#include <stdlib.h>

#include "models/date.h"
#include "solver/model.h"
#include "solver/rule.h"

int rule_rooms(struct model *M)
{
    const struct scenario *s = M->s;
    const struct cands *C = M->C;
    size_t nd = (size_t)s->ndays;
    size_t n = (size_t)C->ngroups * nd;
    int *count = calloc(n ? n : 1, sizeof(int));
    int *row = calloc(n ? n : 1, sizeof(int));
    if (!count || !row) {
        free(count);
        free(row);
        return -1;
    }
    for (int c = 0; c < C->n; c++) {
        const struct cand *k = &C->c[c];
        int from = k->start - s->start;
        for (int i = from; i < from + k->room_days; i++)
            count[(size_t)k->group * nd + (size_t)i]++;
    }
    char a[DATE_BUFSZ];
    for (int g = 0; g < C->ngroups; g++)
        for (size_t i = 0; i < nd; i++) {
            size_t at = (size_t)g * nd + i;
            if (count[at] > C->groups[g].places[i])
                row[at] = model_row(M, ROW_LE, C->groups[g].places[i], "room[g%d,%s]", g + 1,
                                    date_format(s->start + (int)i, a));
        }
    for (int c = 0; c < C->n; c++) {
        const struct cand *k = &C->c[c];
        int from = k->start - s->start;
        for (int i = from; i < from + k->room_days; i++) {
            int r = row[(size_t)k->group * nd + (size_t)i];
            if (r)
                model_coef(M, r, M->x0 + 1 + c, 1);
        }
    }
    free(count);
    free(row);
    return M->oom ? -1 : 0;
}
